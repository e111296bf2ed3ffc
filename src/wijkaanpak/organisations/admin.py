from django.contrib import admin

from wijkaanpak.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "type", "website"]
    list_filter = ["type"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    # accounts/admin.py adds the members (accounts is above organisations in the app map).
