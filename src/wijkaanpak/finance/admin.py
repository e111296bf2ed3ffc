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


class FundingShareInline(admin.TabularInline[FundingShare, FundingSource]):
    model = FundingShare
    extra = 0


@admin.register(FundingSource)
class FundingSourceAdmin(admin.ModelAdmin[FundingSource]):
    list_display = ["name", "kind", "total_amount"]
    inlines = [FundingShareInline]


class BudgetFundingInline(admin.TabularInline[BudgetFunding, Budget]):
    model = BudgetFunding
    extra = 0


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin[Budget]):
    list_display = ["programme", "year", "amount", "printed_total", "printed_total_means"]
    list_filter = ["programme"]
    inlines = [BudgetFundingInline]


class RealisationInline(admin.TabularInline[Realisation, BudgetLine]):
    model = Realisation
    extra = 0
    readonly_fields = ["date", "amount", "note", "by", "recorded_at"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # realisations are recorded through the service (rules apply)


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin[BudgetLine]):
    list_display = ["subject", "budget", "amount", "kind", "status", "organisation", "opportunity"]
    list_filter = ["budget__year", "status", "kind"]
    search_fields = ["subject"]
    filter_horizontal = ["ambitions"]
    inlines = [RealisationInline]
