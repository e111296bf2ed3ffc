from django.contrib import admin

from wijkaanpak.accounts.models import ProgrammeMembership
from wijkaanpak.programmes.models import Ambition, Programme, Theme


class AmbitionInline(admin.StackedInline):
    model = Ambition
    extra = 0
    fields = [
        ("number", "short_name"),
        "name",
        "description",
        "desired_movement",
        ("icon", "colour"),
    ]


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


class ProgrammeMembershipInline(admin.TabularInline):
    model = ProgrammeMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "municipality", "area", "start_year"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["municipality", "area"]
    inlines = [AmbitionInline, ThemeInline, ProgrammeMembershipInline]


@admin.register(Ambition)
class AmbitionAdmin(admin.ModelAdmin):
    list_display = ["number", "short_name", "name", "programme"]
    list_filter = ["programme"]
    search_fields = ["name", "short_name"]
