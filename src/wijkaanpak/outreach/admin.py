"""Admin for set-up data. Personal data is not edited here (the pages and API audit it);
the audit log is read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from wijkaanpak.outreach.models import (
    AuditLogEntry,
    Campaign,
    CampaignWorker,
    OutreachRole,
    ProgrammeServiceLevel,
    Question,
    ReportingDeadline,
    ServiceLevel,
    Street,
    Theme,
)


class QuestionInline(admin.TabularInline[Question, Campaign]):
    model = Question
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin[Campaign]):
    list_display = ("name", "programme", "area", "start_date", "end_date", "retention_days")
    inlines = [QuestionInline]


admin.site.register(Theme)
admin.site.register(Street)
admin.site.register(CampaignWorker)
admin.site.register(OutreachRole)
admin.site.register(ServiceLevel)
admin.site.register(ProgrammeServiceLevel)
admin.site.register(ReportingDeadline)


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin[AuditLogEntry]):
    list_display = ("at", "username", "action", "record_type", "record_id", "source")
    list_filter = ("action", "record_type")
    search_fields = ("username", "source")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
