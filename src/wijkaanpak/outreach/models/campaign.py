"""Campaigns, their target addresses, themes and questionnaire, and who works on them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """A conversation theme (seed 002: housing, work, income, wellbeing, health, education, leisure)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Street(models.Model):
    """A known street of an area; address lists may only name known streets."""

    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="streets")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("street")
        verbose_name_plural = _("streets")
        ordering = ["area", "name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="street_name_unique_in_area")
        ]

    def __str__(self) -> str:
        return self.name


class Campaign(models.Model):
    """A door-to-door campaign of a programme in an area, with a retention term for its data."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="campaigns"
    )
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="campaigns")
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    themes = models.ManyToManyField(Theme, related_name="campaigns", verbose_name=_("themes"))
    retention_days = models.PositiveIntegerField(
        _("retention term (days after the end date)"), default=365 * 2
    )
    questionnaire_version = models.PositiveIntegerField(_("questionnaire version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start_date", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="campaign_name_unique"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="campaign_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def form_id(self) -> str:
        return f"wijkaanpak_campaign_{self.pk}"

    @property
    def form_version(self) -> str:
        return f"{self.pk}.{self.questionnaire_version}"


class CampaignWorker(models.Model):
    """An outreach worker (veldwerker) on a campaign: sees the campaign's households."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="workers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="campaign_work"
    )

    class Meta:
        verbose_name = _("campaign worker")
        verbose_name_plural = _("campaign workers")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="campaign_worker_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.campaign}"


class OutreachRoleKind(models.TextChoices):
    BACK_OFFICE = "back_office", _("back office")
    PRIVACY_OFFICER = "privacy_officer", _("privacy officer")
    # May be made the coach of households in the programme's campaigns; by itself it shows
    # nothing (a coach sees the households coached, selectors.household_visible).
    COACH = "coach", _("coach")


class OutreachRole(models.Model):
    """A programme-wide outreach role that is not tied to one campaign or organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outreach_roles"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="outreach_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=OutreachRoleKind.choices)

    class Meta:
        verbose_name = _("outreach role")
        verbose_name_plural = _("outreach roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme", "role"], name="outreach_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.role}"


class Address(models.Model):
    """An address on a campaign's target list."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="addresses")
    street = models.CharField(_("street"), max_length=200)
    house_number = models.PositiveIntegerField(_("house number"))
    addition = models.CharField(_("addition"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6)
    # The CBS buurt the address lies in (from the address list's `buurt` column, a code or a
    # name; issue 15): the household list filters by it.
    buurt = models.ForeignKey(
        "areas.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("buurt"),
    )
    # Kept up to date by services.visit_record, so that the funnel is one aggregate over the list.
    attempted = models.BooleanField(_("attempted"), default=False)
    reached = models.BooleanField(_("reached"), default=False)
    interviewed = models.BooleanField(_("interviewed"), default=False)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["campaign", "street", "house_number", "addition"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "postcode", "house_number", "addition"],
                name="address_unique_in_campaign",
            )
        ]
        # The address search of the visit form (selectors.address_search, issue 15): by house
        # number (the usual search), and in street order (a street alone, and the worker's
        # next addresses not visited yet) without sorting the whole list.
        indexes = [
            models.Index(fields=["campaign", "house_number"], name="address_campaign_number"),
            models.Index(
                fields=["campaign", "street", "house_number", "addition"],
                name="address_campaign_street",
            ),
        ]

    def __str__(self) -> str:
        number = f"{self.house_number}{('-' + self.addition) if self.addition else ''}"
        return f"{self.street} {number}, {self.postcode}"


class QuestionType(models.TextChoices):
    YES_NO = "yes_no", _("yes/no")
    CHOICE = "choice", _("choice")
    SCALE = "scale", _("scale")
    NUMBER = "number", _("number")
    TEXT = "text", _("text")


class Question(models.Model):
    """A question of a campaign's questionnaire, under a theme.

    `options` lists `{"value", "label"}` for choice and scale questions; `positive_values`
    are the answers that count for the headline percentage ("56% satisfied").
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="questions")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="questions")
    code = models.SlugField(_("code"), max_length=40)
    text = models.CharField(_("question"), max_length=500)
    type = models.CharField(_("type"), max_length=10, choices=QuestionType.choices)
    options = models.JSONField(_("options"), default=list, blank=True)
    positive_values = models.JSONField(_("values counted as positive"), default=list, blank=True)
    positive_label = models.CharField(_("label of the percentage"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["campaign", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="question_code_unique")
        ]

    def __str__(self) -> str:
        return self.text

    def choices(self) -> list[dict[str, str]]:
        if self.type == QuestionType.YES_NO:
            return [
                {"value": "yes", "label": str(_("Yes"))},
                {"value": "no", "label": str(_("No"))},
            ]
        return [{"value": str(o["value"]), "label": str(o["label"])} for o in self.options]

    def label_of(self, value: str) -> str:
        """The label people read for a stored answer ("Tevreden" for "4", "Ja" for "yes")."""
        for choice in self.choices():
            if choice["value"] == str(value):
                return choice["label"]
        return str(value)


class BoundAggregate(models.TextChoices):
    ADDRESSES = "addresses", _("addresses")
    ATTEMPTED = "attempted", _("attempted")
    REACHED = "reached", _("reached")
    INTERVIEWED = "interviewed", _("interviewed")
    AGREEMENTS = "agreements", _("agreements")
    REFERRALS = "referrals", _("referrals")
    ACCEPTED = "accepted", _("accepted")
    FIRST_CONTACT = "first_contact", _("first contact")
    COMPLETED = "completed", _("completed")


class MeasureBinding(models.Model):
    """A kans's measure that follows a campaign aggregate: it gets a new value when it changes."""

    measure = models.OneToOneField(
        "opportunities.Measure", on_delete=models.CASCADE, related_name="outreach_binding"
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="measure_bindings"
    )
    aggregate = models.CharField(_("aggregate"), max_length=20, choices=BoundAggregate.choices)

    class Meta:
        verbose_name = _("measure binding")
        verbose_name_plural = _("measure bindings")

    def __str__(self) -> str:
        return f"{self.measure} ← {self.campaign} {self.aggregate}"
