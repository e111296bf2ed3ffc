"""Admin for kansen. Status and kind are read-only: the lifecycle changes only through
`services.opportunity_transition` (the "Change status" page), so its history stays complete.
New kansen are created through `services.opportunity_create`, which starts that history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.opportunities import services
from wijkaanpak.opportunities.models import (
    CoalitionMember,
    Measure,
    MeasureValue,
    Opportunity,
    OpportunityStatus,
    OpportunityStatusChange,
    ProgressUpdate,
)


class ReadOnlyMixin:
    """History is appended by the services only; the admin shows it."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CoalitionInline(admin.TabularInline[CoalitionMember, Opportunity]):
    model = CoalitionMember
    extra = 0
    autocomplete_fields = ["organisation"]


class MeasureAdminForm(forms.ModelForm[Measure]):
    """The same rule as `services.measure_create`: no negative targets."""

    class Meta:
        model = Measure
        fields = [
            "opportunity",
            "name",
            "unit",
            "target",
            "target_is_minimum",
            "rba_class",
            "funnel_order",
            "order",
        ]

    def clean_target(self) -> Any:
        target = self.cleaned_data.get("target")
        if target is not None and target < 0:
            raise forms.ValidationError(_("A target cannot be negative."))
        return target


class MeasureInline(admin.TabularInline[Measure, Opportunity]):
    model = Measure
    form = MeasureAdminForm
    extra = 0
    fields = ["name", "unit", "target", "target_is_minimum", "rba_class", "funnel_order", "order"]


class ProgressUpdateInline(admin.StackedInline[ProgressUpdate, Opportunity]):
    model = ProgressUpdate
    extra = 0
    fields = ["date", "text", "next_steps", "author"]
    readonly_fields = ["author"]


class StatusChangeInline(ReadOnlyMixin, admin.TabularInline[OpportunityStatusChange, Opportunity]):
    model = OpportunityStatusChange
    fk_name = "opportunity"
    extra = 0
    fields = ["effective_date", "from_status", "status", "kind", "reason", "merged_into", "by"]
    readonly_fields = ["effective_date", "from_status", "status", "kind", "reason", "merged_into"]
    readonly_fields += ["by"]


class OpportunityAddForm(forms.ModelForm[Opportunity]):
    """Adding a kans: the start of its history is part of the form."""

    start_date = forms.DateField(label=_("start date"), initial=timezone.localdate)
    initial_status = forms.ChoiceField(
        label=_("status"),
        choices=[
            (s.value, s.label) for s in (OpportunityStatus.ACTIVE, OpportunityStatus.PROPOSED)
        ],
    )
    request: HttpRequest

    class Meta:
        model = Opportunity
        fields = [
            "programme",
            "kind",
            "title",
            "description",
            "goal",
            "next_steps",
            "ambitions",
            "themes",
            "area",
            "location",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        programme = data.get("programme")
        if programme is not None and not user_has_programme_role(
            user=self.request.user, programme=programme, role=ProgrammeRole.EDITOR
        ):
            raise forms.ValidationError(_("You need the editor role in this programme."))
        return data


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin[Opportunity]):
    list_display = ["title", "programme", "kind", "status"]
    list_filter = ["programme", "kind", "status", "ambitions"]
    search_fields = ["title", "description"]
    filter_horizontal = ["ambitions", "themes"]
    autocomplete_fields = ["area"]
    readonly_fields = ["kind", "status", "change_status", "slug", "version", "created_at"]
    inlines = [CoalitionInline, MeasureInline, ProgressUpdateInline, StatusChangeInline]
    fields = [
        "programme",
        ("kind", "status", "change_status"),
        "title",
        "slug",
        "description",
        "goal",
        "next_steps",
        "ambitions",
        "themes",
        ("area", "location"),
        ("version", "created_at"),
    ]

    @admin.display(description=_("change status"))
    def change_status(self, obj: Opportunity) -> str:
        if obj.pk is None:
            return "–"
        url = reverse("opportunities:status_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Change status"))

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return [*OpportunityAddForm.Meta.fields, "start_date", "initial_status"]
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if obj is None else self.readonly_fields

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if obj is None else self.inlines

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = OpportunityAddForm
            kwargs["fields"] = None
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request  # type: ignore[attr-defined]
        return form

    def save_model(self, request: HttpRequest, obj: Opportunity, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        created = services.opportunity_create(
            programme=data["programme"],
            title=data["title"],
            kind=data["kind"],
            description=data["description"],
            goal=data["goal"],
            next_steps=data["next_steps"],
            area=data["area"],
            location=data["location"],
            status=data["initial_status"],
            start_date=data["start_date"] or dt.date.today(),
            by=request.user,
        )
        # Let the admin save the many-to-many fields and log the addition on the created row.
        obj.pk, obj.slug, obj.status, obj.kind = (
            created.pk,
            created.slug,
            created.status,
            created.kind,
        )
        obj.version, obj.created_at = created.version, created.created_at
        obj._state.adding = False
        obj._state.db = created._state.db


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin[Measure]):
    form = MeasureAdminForm
    list_display = ["name", "opportunity", "target", "unit", "rba_class", "funnel_order"]
    list_filter = ["rba_class", "opportunity__programme"]
    search_fields = ["name", "opportunity__title"]


@admin.register(MeasureValue)
class MeasureValueAdmin(admin.ModelAdmin[MeasureValue]):
    """Values are recorded on the kans page, where negative values and funnel steps larger than
    the step before are refused; here they can be looked at and, if wrong, deleted."""

    list_display = ["measure", "date", "value", "by"]
    list_filter = ["measure__opportunity__programme"]
    search_fields = ["measure__name", "measure__opportunity__title"]
    readonly_fields = ["measure", "date", "value", "note", "by", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin[ProgressUpdate]):
    list_display = ["opportunity", "date", "author"]
    list_filter = ["opportunity__programme"]
    search_fields = ["text", "opportunity__title"]
    date_hierarchy = "date"
    readonly_fields = ["author", "created_at"]


@admin.register(OpportunityStatusChange)
class StatusChangeAdmin(ReadOnlyMixin, admin.ModelAdmin[OpportunityStatusChange]):
    list_display = ["opportunity", "effective_date", "from_status", "status", "by"]
    list_filter = ["status", "opportunity__programme"]
    search_fields = ["opportunity__title", "reason"]
    date_hierarchy = "effective_date"

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_staff)
