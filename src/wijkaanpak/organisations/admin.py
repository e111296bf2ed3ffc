from django.contrib import admin

from wijkaanpak.accounts.models import OrganisationMembership
from wijkaanpak.organisations.models import Organisation


class OrganisationMembershipInline(admin.TabularInline):
    model = OrganisationMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "website"]
    list_filter = ["type"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganisationMembershipInline]
