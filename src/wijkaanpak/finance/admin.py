from django.contrib import admin
from django.http import HttpRequest

from wijkaanpak.finance.models import (
    Budget,
    BudgetFunding,
    BudgetLine,
    FundingShare,
    FundingSource,
    Realisation,
)


class FundingShareInline(admin.TabularInline):
    model = FundingShare
    extra = 0


@admin.register(FundingSource)
class FundingSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "total_amount"]
    inlines = [FundingShareInline]


class BudgetFundingInline(admin.TabularInline):
    model = BudgetFunding
    extra = 0


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ["programme", "year", "amount", "printed_total", "printed_total_means"]
    list_filter = ["programme"]
    inlines = [BudgetFundingInline]


class RealisationInline(admin.TabularInline):
    model = Realisation
    extra = 0
    readonly_fields = ["date", "amount", "note", "by", "recorded_at"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # realisations are recorded through the service (rules apply)


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["subject", "budget", "amount", "kind", "status", "organisation", "opportunity"]
    list_filter = ["budget__year", "status", "kind"]
    search_fields = ["subject"]
    filter_horizontal = ["ambitions"]
    inlines = [RealisationInline]
