"""Admin for set-up data. Personal data is not edited here (the pages and API audit it);
the audit log is read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
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
admin.site.register(ServiceLevel)
admin.site.register(ProgrammeServiceLevel)
admin.site.register(ReportingDeadline)


class _ActiveUsersOnly(admin.ModelAdmin[Any]):
    """Role rows (fields that grant access) offer active accounts only; the role itself is a
    choice field, so the form takes only the roles that exist (services: the same rules)."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "user":
            kwargs["queryset"] = get_user_model().objects.filter(is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(CampaignWorker)
class CampaignWorkerAdmin(_ActiveUsersOnly):
    list_display = ("user", "campaign")


@admin.register(OutreachRole)
class OutreachRoleAdmin(_ActiveUsersOnly):
    list_display = ("user", "programme", "role")


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
