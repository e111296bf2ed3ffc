"""Households, visits, conversations, agreements and escalations: the personal data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Fields of a household that may be shared with a partner organisation, when consented.
SHAREABLE_FIELDS = ("display_name", "address", "composition", "contact_preference", "contact")

#: The fields of a household that its writes set (household_create, household_update) and
#: that its reads show, besides its campaign, address, coach and version.
HOUSEHOLD_FIELDS = (
    "display_name",
    "composition",
    "contact_preference",
    "contact",
    "legal_basis",
    "consent_date",
    "consent_purpose",
    "shared_fields",
)


class Composition(models.TextChoices):
    SINGLE = "single", _("single person")
    COUPLE = "couple", _("couple without children")
    FAMILY = "family", _("couple with children")
    SINGLE_PARENT = "single_parent", _("single parent")
    OTHER = "other", _("other")
    UNKNOWN = "unknown", _("unknown")


class ContactPreference(models.TextChoices):
    VISIT = "visit", _("home visit")
    PHONE = "phone", _("phone")
    EMAIL = "email", _("e-mail")
    LETTER = "letter", _("letter")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("consent (art. 6(1)(a) GDPR)")
    PUBLIC_TASK = "public_task", _("public task (art. 6(1)(e) GDPR)")
    VITAL_INTEREST = "vital_interest", _("vital interest (art. 6(1)(d) GDPR)")
    NONE = "none", _("none recorded")


class Household(models.Model):
    """A household at an address, with the minimum needed and what it consented to share."""

    campaign = models.ForeignKey(
        "outreach.Campaign", on_delete=models.PROTECT, related_name="households"
    )
    address = models.ForeignKey(
        "outreach.Address",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="households",
    )
    display_name = models.CharField(_("name or reference"), max_length=200, blank=True)
    composition = models.CharField(
        _("composition"), max_length=20, choices=Composition.choices, default=Composition.UNKNOWN
    )
    contact_preference = models.CharField(
        _("contact preference"),
        max_length=10,
        choices=ContactPreference.choices,
        default=ContactPreference.VISIT,
    )
    contact = models.CharField(_("phone or e-mail"), max_length=200, blank=True)
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=LegalBasis.choices, default=LegalBasis.NONE
    )
    consent_date = models.DateField(_("consent date"), null=True, blank=True)
    consent_purpose = models.TextField(_("purpose of the consent"), blank=True)
    share_with = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("may be shared with"),
    )
    shared_fields = models.JSONField(_("fields that may be shared"), default=list, blank=True)
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coached_households",
        verbose_name=_("coach"),
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["campaign", "id"]
        indexes = [models.Index(fields=["campaign", "id"]), models.Index(fields=["coach", "id"])]

    def __str__(self) -> str:
        return self.display_name or f"#{self.pk}"


class VisitOutcome(models.TextChoices):
    NOT_AT_HOME = "not_at_home", _("not at home")
    REFUSED = "refused", _("refused")
    REACHED = "reached", _("reached")
    INTERVIEWED = "interviewed", _("interviewed")
    MOVED = "moved", _("moved")
    ADDRESS_NOT_FOUND = "address_not_found", _("address not found")


REACHED_OUTCOMES = (VisitOutcome.REACHED, VisitOutcome.INTERVIEWED)


class VisitAttempt(models.Model):
    campaign = models.ForeignKey(
        "outreach.Campaign", on_delete=models.CASCADE, related_name="visits"
    )
    address = models.ForeignKey("outreach.Address", on_delete=models.CASCADE, related_name="visits")
    household = models.ForeignKey(
        Household, null=True, blank=True, on_delete=models.SET_NULL, related_name="visits"
    )
    date = models.DateField(_("date"))
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=VisitOutcome.choices)
    note = models.TextField(_("note"), blank=True)
    source_key = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("visit attempt")
        verbose_name_plural = _("visit attempts")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["campaign", "address", "outcome"]),
            models.Index(fields=["household", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.address} {self.date} {self.outcome}"


class Conversation(models.Model):
    """A conversation behind the front door: themes discussed and answers to the questionnaire."""

    campaign = models.ForeignKey(
        "outreach.Campaign", on_delete=models.CASCADE, related_name="conversations"
    )
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="conversations")
    visit = models.OneToOneField(
        VisitAttempt, null=True, blank=True, on_delete=models.SET_NULL, related_name="conversation"
    )
    date = models.DateField(_("date"))
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    themes = models.ManyToManyField("outreach.Theme", blank=True, related_name="+")
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.household} {self.date}"


class Answer(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        "outreach.Question", on_delete=models.PROTECT, related_name="answers"
    )
    value = models.CharField(_("answer"), max_length=1000)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "question"], name="one_answer_per_question"
            )
        ]
        indexes = [models.Index(fields=["question", "value"])]

    def __str__(self) -> str:
        return f"{self.question.code}={self.value}"


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class Commitment(models.Model):
    """An agreement (afspraak) with a household on a theme, possibly with an organisation."""

    campaign = models.ForeignKey(
        "outreach.Campaign", on_delete=models.CASCADE, related_name="commitments"
    )
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="commitments")
    theme = models.ForeignKey("outreach.Theme", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("what was agreed"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["household", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class EscalationCategory(models.TextChoices):
    WAITING_LIST = "waiting_list", _("waiting list")
    RULES = "rules", _("rules")
    MONEY = "money", _("money")
    HOUSING = "housing", _("housing")
    OTHER = "other", _("other")


class Escalation(models.Model):
    """A bottleneck (knelpunt) handed to the municipal back office."""

    campaign = models.ForeignKey(
        "outreach.Campaign", on_delete=models.CASCADE, related_name="escalations"
    )
    household = models.ForeignKey(
        Household, null=True, blank=True, on_delete=models.SET_NULL, related_name="escalations"
    )
    category = models.CharField(_("category"), max_length=20, choices=EscalationCategory.choices)
    needed = models.TextField(_("what is needed"))
    resolution = models.TextField(_("resolution"), blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_on = models.DateField(_("raised on"))
    # Who in the back office handles it (set by the back office or a coordinator).
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_escalations",
        verbose_name=_("assigned to"),
    )
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["resolved_on", "-raised_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.needed[:40]}"
