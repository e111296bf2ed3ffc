from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wijkaanpak.accounts.models import (
    ApiToken,
    OrganisationMembership,
    ProgrammeMembership,
    User,
)
from wijkaanpak.organisations.admin import OrganisationAdmin
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.programmes.admin import ProgrammeAdmin
from wijkaanpak.programmes.models import Programme


class ProgrammeMembershipInline(admin.TabularInline[ProgrammeMembership, User]):
    model = ProgrammeMembership
    extra = 0


class OrganisationMembershipInline(admin.TabularInline[OrganisationMembership, User]):
    model = OrganisationMembership
    extra = 0
    autocomplete_fields = ["organisation"]


class ApiTokenInline(admin.TabularInline[ApiToken, User]):
    """Tokens are made through the API; the admin shows only the hash and may revoke (delete)."""

    model = ApiToken
    extra = 0
    fields = readonly_fields = (
        "key_hash",
        "created_at",
        "expires_at",
        "last_used_at",
        "two_factor",
    )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    inlines = [ProgrammeMembershipInline, OrganisationMembershipInline, ApiTokenInline]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Two-factor authentication"), {"fields": ["requires_two_factor"]}),
    )
    list_filter = (*DjangoUserAdmin.list_filter, "requires_two_factor")


@admin.register(ProgrammeMembership)
class ProgrammeMembershipAdmin(admin.ModelAdmin[ProgrammeMembership]):
    list_display = ["user", "programme", "role"]
    list_filter = ["programme", "role"]
    search_fields = ["user__username", "user__last_name"]
    autocomplete_fields = ["user"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    """Administrators revoke a token by deleting it (one, or selected ones from the list)."""

    list_display = ["user", "created_at", "expires_at", "last_used_at", "two_factor"]
    list_filter = ["two_factor"]
    search_fields = ["user__username"]
    fields = readonly_fields = (
        "user",
        "key_hash",
        "created_at",
        "expires_at",
        "last_used_at",
        "two_factor",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


# --- members on the programme and organisation admin pages ----------------------------------
# accounts sits above programmes and organisations in the app map, so it extends their admin
# classes with the membership inlines rather than the other way round.


class ProgrammeMemberInline(admin.TabularInline[ProgrammeMembership, Programme]):
    model = ProgrammeMembership
    extra = 0
    autocomplete_fields = ["user"]


class OrganisationMemberInline(admin.TabularInline[OrganisationMembership, Organisation]):
    model = OrganisationMembership
    extra = 0
    autocomplete_fields = ["user"]


admin.site.unregister(Programme)


@admin.register(Programme)
class ProgrammeWithMembersAdmin(ProgrammeAdmin):
    inlines = [*ProgrammeAdmin.inlines, ProgrammeMemberInline]


admin.site.unregister(Organisation)


@admin.register(Organisation)
class OrganisationWithMembersAdmin(OrganisationAdmin):
    inlines = [*OrganisationAdmin.inlines, OrganisationMemberInline]
