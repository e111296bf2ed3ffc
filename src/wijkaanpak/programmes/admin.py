from django.contrib import admin

from wijkaanpak.programmes.models import Ambition, Programme, Theme


class AmbitionInline(admin.StackedInline[Ambition, Programme]):
    model = Ambition
    extra = 0
    fields = [
        ("number", "short_name"),
        "name",
        "description",
        "desired_movement",
        ("icon", "colour"),
    ]


class ThemeInline(admin.TabularInline[Theme, Programme]):
    model = Theme
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin[Programme]):
    list_display = ["name", "slug", "municipality", "area", "start_year"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["municipality", "area"]
    # accounts/admin.py adds the members (accounts is above programmes in the app map).
    inlines = [AmbitionInline, ThemeInline]


@admin.register(Ambition)
class AmbitionAdmin(admin.ModelAdmin[Ambition]):
    list_display = ["number", "short_name", "name", "programme"]
    list_filter = ["programme"]
    search_fields = ["name", "short_name"]
