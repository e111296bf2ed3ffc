from django.contrib import admin

from wijkaanpak.indicators.models import (
    AreaNameMapping,
    ImportRun,
    Indicator,
    Interpretation,
    Observation,
    Target,
)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin[Indicator]):
    list_display = ["code", "name_nl", "unit", "direction", "created_by_import"]
    list_filter = ["unit", "direction", "created_by_import"]
    search_fields = ["code", "name_nl", "name_en"]
    filter_horizontal = ["ambitions"]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin[Observation]):
    list_display = [
        "indicator",
        "area",
        "period",
        "value",
        "missing_reason",
        "release",
        "is_current",
    ]
    list_filter = ["is_current", "status"]
    search_fields = ["indicator__code", "area__code"]
    raw_id_fields = ["indicator", "area", "import_run"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin[ImportRun]):
    list_display = [
        "started_at",
        "file_name",
        "format",
        "release",
        "values_written",
        "values_replaced",
    ]
    readonly_fields = [f.name for f in ImportRun._meta.fields]


admin.site.register(Target)
admin.site.register(Interpretation)
admin.site.register(AreaNameMapping)
