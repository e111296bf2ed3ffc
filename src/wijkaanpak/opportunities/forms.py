"""Page forms for editors. They check the shape of the input; the services decide the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkaanpak.areas.models import Area
from wijkaanpak.core.api_utils import INT_MAX
from wijkaanpak.core.forms import DateInput, DutchDecimalField, UtrechtForm
from wijkaanpak.opportunities.models import (
    TRANSITIONS,
    CoalitionMember,
    CoalitionRole,
    Measure,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    RbaClass,
)
from wijkaanpak.organisations.models import Organisation
from wijkaanpak.organisations.selectors import organisation_list
from wijkaanpak.programmes.models import Programme


def _today() -> Any:
    return timezone.localdate()


class ProgressUpdateForm(UtrechtForm):
    date = forms.DateField(label=_("Date"), initial=_today, widget=DateInput())
    text = forms.CharField(
        label=_("Progress"),
        widget=forms.Textarea,
        help_text=_("What happened? Write facts: what was done, reached or decided."),
    )
    next_steps = forms.CharField(
        label=_("Next steps"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Replaces the kans's next steps when filled in."),
    )


class MeasureValueForm(UtrechtForm):
    date = forms.DateField(label=_("Date"), initial=_today, widget=DateInput())
    value = DutchDecimalField(
        label=_("Value"), max_digits=14, decimal_places=2, widget=forms.TextInput
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})


class StatusChangeForm(UtrechtForm):
    to = forms.ChoiceField(label=_("New status"))
    on = forms.DateField(label=_("Date of the change"), initial=_today, widget=DateInput())
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Required when a kans is merged, stopped or moved to long-running work."),
    )
    merged_into = forms.ModelChoiceField(
        label=_("Merged into"),
        queryset=Opportunity.objects.none(),
        required=False,
        help_text=_("Only for a merge: the kans that carries on this work."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=INT_MAX)

    def __init__(self, *args: Any, opportunity: Opportunity, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})["version"] = opportunity.version
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[OpportunityStatus(opportunity.status)]
        to = self.fields["to"]
        assert isinstance(to, forms.ChoiceField)
        to.choices = [(s.value, s.label) for s in OpportunityStatus if s in allowed]
        merged_into = self.fields["merged_into"]
        assert isinstance(merged_into, forms.ModelChoiceField)
        merged_into.queryset = Opportunity.objects.filter(
            programme_id=opportunity.programme_id
        ).exclude(pk=opportunity.pk)


def _multi(label: Any) -> forms.ModelMultipleChoiceField[Any]:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Opportunity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class OpportunityForm(UtrechtForm):
    """Create (with kind and start date) or edit (with the version read) a kans."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=OpportunityKind.choices)
    start_date = forms.DateField(
        label=_("Start date"),
        initial=_today,
        widget=DateInput(),
        help_text=_("The history of the kans starts on this date."),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea, required=False)
    next_steps = forms.CharField(label=_("Next steps"), widget=forms.Textarea, required=False)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.none(), required=False, empty_label=_("(none)")
    )
    ambitions = _multi(_("Ambitions it serves"))
    themes = _multi(_("Cross-cutting themes"))
    version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=INT_MAX, required=False
    )

    def __init__(
        self, *args: Any, programme: Programme, opportunity: Opportunity | None = None, **kw: Any
    ) -> None:
        if opportunity is not None:
            kw.setdefault(
                "initial",
                {
                    "title": opportunity.title,
                    "description": opportunity.description,
                    "goal": opportunity.goal,
                    "next_steps": opportunity.next_steps,
                    "location": opportunity.location,
                    "area": opportunity.area_id,
                    "ambitions": [a.pk for a in opportunity.ambitions.all()],
                    "themes": [t.pk for t in opportunity.themes.all()],
                    "version": opportunity.version,
                },
            )
        super().__init__(*args, **kw)
        fields: Any = self.fields
        if opportunity is not None:
            del fields["kind"], fields["start_date"]
            fields["version"].required = True
        else:
            del fields["version"]
        fields["area"].queryset = Area.objects.filter(
            Q(pk=programme.area_id) | Q(parent_id=programme.area_id)
        ).order_by("level", "name")
        fields["ambitions"].queryset = programme.ambitions.order_by("number")
        fields["ambitions"].label_from_instance = lambda a: f"{a.number}. {a.name}"
        fields["themes"].queryset = programme.themes.order_by("name")


class CoalitionMemberForm(UtrechtForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=CoalitionRole.choices)
    joined_on = forms.DateField(label=_("Joined on"), widget=DateInput(), required=False)
    left_on = forms.DateField(
        label=_("Left on"),
        widget=DateInput(),
        required=False,
        help_text=_("Fill in to end the membership; it stays in the history."),
    )
    contact_function = forms.CharField(
        label=_("Contact (function)"),
        max_length=200,
        required=False,
        help_text=_("A function, such as 'wijkconsulent'; no personal names."),
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=INT_MAX, required=False
    )

    def __init__(self, *args: Any, member: CoalitionMember | None = None, **kw: Any) -> None:
        if member is not None:
            kw.setdefault(
                "initial",
                {
                    "role": member.role,
                    "joined_on": member.joined_on,
                    "left_on": member.left_on,
                    "contact_function": member.contact_function,
                    "version": member.version,
                },
            )
        super().__init__(*args, **kw)
        fields: Any = self.fields
        if member is None:
            fields["organisation"].queryset = organisation_list().order_by("name")
            del fields["left_on"], fields["version"]
        else:
            del fields["organisation"]
            fields["version"].required = True


class MeasureForm(UtrechtForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=40, initial="aantal")
    rba_class = forms.ChoiceField(label=_("RBA class"), choices=RbaClass.choices)
    target = forms.DecimalField(
        label=_("Target"),
        max_digits=14,
        decimal_places=2,
        required=False,
        min_value=0,
        widget=forms.TextInput,
    )
    target_is_minimum = forms.BooleanField(
        label=_("The target is a minimum"), required=False, initial=True
    )
    target_date = forms.DateField(label=_("Target date"), widget=DateInput(), required=False)
    funnel_order = forms.IntegerField(
        label=_("Funnel step"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("1 for the widest step; each next step counts a part of the one before."),
    )
    indicators = _multi(_("Indicators it should move"))
    version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=INT_MAX, required=False
    )

    def __init__(
        self, *args: Any, indicators: Any, measure: Measure | None = None, **kw: Any
    ) -> None:
        if measure is not None:
            kw.setdefault(
                "initial",
                {
                    "name": measure.name,
                    "unit": measure.unit,
                    "rba_class": measure.rba_class,
                    "target": measure.target,
                    "target_is_minimum": measure.target_is_minimum,
                    "target_date": measure.target_date,
                    "funnel_order": measure.funnel_order,
                    "indicators": [i.pk for i in measure.indicators.all()],
                    "version": measure.version,
                },
            )
        super().__init__(*args, **kw)
        fields: Any = self.fields
        fields["target"].widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        fields["indicators"].queryset = indicators
        fields["indicators"].label_from_instance = lambda i: i.name_nl
        if measure is None:
            del fields["version"]
        else:
            fields["version"].required = True


class ProgressEditForm(ProgressUpdateForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=INT_MAX)
