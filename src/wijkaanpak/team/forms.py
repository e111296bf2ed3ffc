"""Forms of the programme set-up and team pages (the services check everything again)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.areas.models import Area
from wijkaanpak.core.api_utils import INT_MAX
from wijkaanpak.core.forms import UtrechtForm
from wijkaanpak.organisations.models import OrganisationType


class AreaChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        parent = f" ({obj.parent.name})" if obj.parent_id and obj.parent else ""
        return f"{obj.name}{parent} · {obj.code}"


class ProgrammeForm(UtrechtForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Area.objects.none(),
        empty_label=None,
        help_text=_("The municipality that runs the programme."),
    )
    area = AreaChoice(
        label=_("Target area"),
        queryset=Area.objects.none(),
        help_text=_("The district (wijk) or the whole municipality the programme works in."),
    )
    start_year = forms.IntegerField(label=_("Start year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(
        label=_("End year"),
        required=False,
        help_text=_("Leave empty while the programme runs."),
        min_value=2000,
        max_value=2100,
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False, max_length=20000
    )

    def __init__(
        self, *args: Any, municipalities: QuerySet[Area], areas: QuerySet[Area], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]


class ProgrammeEditForm(ProgrammeForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=INT_MAX)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["municipality"]


class AmbitionForm(UtrechtForm):
    short_name = forms.CharField(
        label=_("Short name"),
        max_length=60,
        help_text=_("One or two words, such as Wonen or Jeugd."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False, max_length=20000
    )
    desired_movement = forms.CharField(
        label=_("Desired movement"),
        widget=forms.Textarea,
        required=False,
        max_length=20000,
        help_text=_("What should change in the neighbourhood, in a sentence."),
    )
    colour = forms.CharField(
        label=_("Colour"),
        max_length=7,
        initial="#24578f",
        help_text=_("The colour of the ambition on the programme page, as #rrggbb."),
    )


class AmbitionEditForm(AmbitionForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=INT_MAX)


class ThemeForm(UtrechtForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False, max_length=20000
    )


class ThemeEditForm(ThemeForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=INT_MAX)


class InvitationForm(UtrechtForm):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=ProgrammeRole.choices,
        initial=ProgrammeRole.EDITOR,
    )


class RoleForm(UtrechtForm):
    role = forms.ChoiceField(label=_("Role"), choices=ProgrammeRole.choices)


class AcceptForm(UtrechtForm):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        help_text=_("You log in with this name."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common or only numeric password."),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


class OrganisationForm(UtrechtForm):
    """An organisation of the shared directory (team/organisations.py checks it again)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    type = forms.ChoiceField(label=_("Type"), choices=OrganisationType.choices)
    kvk_number = forms.CharField(
        label=_("KvK number"),
        max_length=20,
        required=False,
        help_text=_("Eight digits, if known: the same number cannot be entered twice."),
    )
    website = forms.CharField(label=_("Website"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False, max_length=5000
    )


class OrganisationEditForm(OrganisationForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=INT_MAX)
