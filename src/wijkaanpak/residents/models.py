"""Residents taking part: neighbourhood ambassadors, their (and the public's) signals, and the
initiative fund with its applications. Personal data lives only on Ambassador (name, contact)
and InitiativeApplication (contact); signals keep none of the public sender's.

State machines are explicit tables (SIGNAL_TRANSITIONS, APPLICATION_TRANSITIONS) with an
append-only history; the state on the row is kept in step by the services."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: The version of the consent text shown on the forms; recorded with each consent.
CONSENT_VERSION = "2026-1"


class Ambassador(models.Model):
    """A resident registered as the programme's "eyes and ears", with minimal personal data.
    Forgotten: the personal fields are emptied, the user account removed, `erased_at` set;
    the signals stay (anonymous)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="ambassadors"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ambassador",
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    buurt = models.ForeignKey(
        "areas.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_version = models.CharField(_("consent text version"), max_length=20, blank=True)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    erased_at = models.DateTimeField(_("forgotten at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("ambassador")
        verbose_name_plural = _("ambassadors")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"

    @property
    def active(self) -> bool:
        return self.left_on is None and self.erased_at is None


class SignalTheme(models.Model):
    """What a signal is about (litter, greenery, safety, ...) with its service level."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="signal_themes"
    )
    name = models.CharField(_("name"), max_length=100)
    service_days = models.PositiveSmallIntegerField(
        _("service level (days)"), help_text=_("Days within which a signal should be handled.")
    )

    class Meta:
        verbose_name = _("signal theme")
        verbose_name_plural = _("signal themes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="signal_theme_unique")
        ]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Signals of this theme (in this area, or anywhere when area is empty) go to this
    organisation. The rule for the signal's own buurt wins over one for its wijk, which wins
    over a rule without an area."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="signal_routes"
    )
    theme = models.ForeignKey(SignalTheme, on_delete=models.CASCADE, related_name="routes")
    area = models.ForeignKey(
        "areas.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="signal_routes"
    )

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        constraints = [
            models.UniqueConstraint(fields=["theme", "area"], name="signal_route_unique")
        ]

    def __str__(self) -> str:
        return f"{self.theme_id} → {self.organisation_id}"


class SignalState(models.TextChoices):
    RECEIVED = "received", _("received")
    ROUTED = "routed", _("routed")
    IN_PROGRESS = "in_progress", _("in progress")
    HANDLED = "handled", _("handled")


#: The only allowed moves (from, to).
SIGNAL_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {
        (SignalState.RECEIVED, SignalState.ROUTED),
        (SignalState.RECEIVED, SignalState.HANDLED),  # e.g. a duplicate, with feedback
        (SignalState.ROUTED, SignalState.IN_PROGRESS),
        (SignalState.ROUTED, SignalState.HANDLED),
        (SignalState.IN_PROGRESS, SignalState.HANDLED),
    }
)
OPEN_SIGNAL_STATES = (SignalState.RECEIVED, SignalState.ROUTED, SignalState.IN_PROGRESS)


class Signal(models.Model):
    """A report about the neighbourhood. `code` lets a public sender follow it (no personal
    data is asked of them)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="signals"
    )
    code = models.CharField(_("follow code"), max_length=20, unique=True)
    theme = models.ForeignKey(SignalTheme, on_delete=models.PROTECT, related_name="signals")
    buurt = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("description"))
    photo = models.FileField(_("photo"), upload_to="residents/signals/", blank=True)
    ambassador = models.ForeignKey(
        Ambassador, null=True, blank=True, on_delete=models.SET_NULL, related_name="signals"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signals",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=SignalState.choices, default=SignalState.RECEIVED
    )
    feedback = models.TextField(_("feedback"), blank=True)
    received_at = models.DateTimeField(_("received at"))
    due_at = models.DateTimeField(_("due at"))
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["programme", "state"], name="signal_prog_state")]

    def __str__(self) -> str:
        return str(self.code)


class SignalTransition(models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class InitiativeFund(models.Model):
    """A programme's resident initiative fund for one year, paid from one budget line."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="initiative_funds"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200)
    line = models.OneToOneField(
        "finance.BudgetLine", on_delete=models.PROTECT, related_name="initiative_fund"
    )
    open = models.BooleanField(_("open for applications"), default=True)

    class Meta:
        verbose_name = _("initiative fund")
        verbose_name_plural = _("initiative funds")
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="initiative_fund_year")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class ApplicationState(models.TextChoices):
    RECEIVED = "received", _("received")
    IN_REVIEW = "in_review", _("in review")
    GRANTED = "granted", _("granted")
    DECLINED = "declined", _("declined")
    REPORTED = "reported", _("reported back")


APPLICATION_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {
        (ApplicationState.RECEIVED, ApplicationState.IN_REVIEW),
        (ApplicationState.RECEIVED, ApplicationState.DECLINED),
        (ApplicationState.IN_REVIEW, ApplicationState.GRANTED),
        (ApplicationState.IN_REVIEW, ApplicationState.DECLINED),
        (ApplicationState.GRANTED, ApplicationState.REPORTED),
    }
)


class InitiativeApplication(models.Model):
    """A resident's application to the fund. Contact fields are personal data (emptied by
    the retention job); title, place, audience and the amounts are public once granted."""

    fund = models.ForeignKey(InitiativeFund, on_delete=models.PROTECT, related_name="applications")
    title = models.CharField(_("what"), max_length=200)
    place = models.CharField(_("where"), max_length=200)
    audience = models.CharField(_("for whom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    amount_asked = models.PositiveIntegerField(_("amount asked (euros)"))
    amount_granted = models.PositiveIntegerField(_("amount granted (euros)"), null=True, blank=True)
    ambitions = models.ManyToManyField(
        "programmes.Ambition", blank=True, related_name="initiatives", verbose_name=_("ambitions")
    )
    contact_name = models.CharField(_("name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_version = models.CharField(_("consent text version"), max_length=20, blank=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ApplicationState.choices,
        default=ApplicationState.RECEIVED,
    )
    decline_reason = models.TextField(_("reason declined"), blank=True)
    report = models.TextField(_("account afterwards"), blank=True)
    received_at = models.DateTimeField(_("received at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("initiative application")
        verbose_name_plural = _("initiative applications")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return str(self.title)


class ApplicationTransition(models.Model):
    application = models.ForeignKey(
        InitiativeApplication, on_delete=models.CASCADE, related_name="transitions"
    )
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class ApplicationPhoto(models.Model):
    """A photo of the initiative, with its account afterwards (re-encoded, no EXIF)."""

    application = models.ForeignKey(
        InitiativeApplication, on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(upload_to="residents/initiatives/")
    added_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.image.name)
