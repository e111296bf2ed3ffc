from django.contrib import admin

from wijkaanpak.areas.models import Area


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin[Area]):
    list_display = ["code", "name", "level", "parent", "division_year"]
    list_filter = ["level", "division_year"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
