"""Residents take part and the programme tells its story: meetings and activities with their
follow-up, communication channels and outputs, positive stories, and calendar feed tokens."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ActivityKind(models.TextChoices):
    VERSNELLINGSCAFE = "versnellingscafe", _("Versnellingscafé")
    DIALOGUE = "dialogue", _("dialogue meeting")
    KENNISKRING = "kenniskring", _("kenniskring")
    RESIDENTS_EVENING = "residents_evening", _("residents' evening")
    MARKET = "market", _("market")
    TRAINING = "training", _("training")
    OTHER = "other", _("other")


class Activity(models.Model):
    """A meeting or activity of the programme or its partners, on the shared calendar."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="activities"
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("type"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    theme = models.ForeignKey(
        "programmes.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name=_("theme"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    organisers = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="activities",
        verbose_name=_("organisers"),
    )
    expected_attendance = models.PositiveIntegerField(
        _("expected attendance"), null=True, blank=True
    )
    actual_attendance = models.PositiveIntegerField(_("actual attendance"), null=True, blank=True)
    public = models.BooleanField(_("public"), default=True)
    description = models.TextField(_("description"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["programme", "starts_at"], name="activity_prog_start")]

    def __str__(self) -> str:
        return self.title


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")


class FollowUpAction(models.Model):
    """An action agreed at a meeting. It may become a progress update of a kans or a
    kenniskring interpretation (through those apps' services)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="follow_ups")
    text = models.TextField(_("action"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_up_actions",
        verbose_name=_("assigned to"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_up_actions",
        verbose_name=_("kans"),
    )
    progress_update = models.ForeignKey(
        "opportunities.ProgressUpdate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    interpretation = models.ForeignKey(
        "indicators.Interpretation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["activity", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ChannelKind(models.TextChoices):
    WEBSITE = "website", _("website")
    PRINT = "print", _("door-to-door paper")
    NEWSLETTER = "newsletter", _("newsletter")
    SOCIAL = "social", _("social media")
    FILM = "film", _("films")


class Channel(models.Model):
    """A communication channel of the programme (Echt Overvecht, Dreefnieuws, ...)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="channels"
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["programme", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="channel_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ChannelPlan(models.Model):
    """How many outputs are planned on a channel in a year (the seed: eight films in 2020)."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="plans")
    year = models.PositiveSmallIntegerField(_("year"))
    planned = models.PositiveIntegerField(_("planned"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("channel plan")
        verbose_name_plural = _("channel plans")
        ordering = ["channel", "year"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "year"], name="channel_plan_unique")
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.year}: {self.planned}"


class OutputKind(models.TextChoices):
    ARTICLE = "article", _("article")
    FILM = "film", _("film")
    NEWSLETTER_ITEM = "newsletter_item", _("newsletter item")
    POST = "post", _("post")


class OutputStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    MADE = "made", _("made")


class CommunicationOutput(models.Model):
    """An article, film, newsletter item or post on a channel: planned, or made (published)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="communication_outputs"
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="outputs", verbose_name=_("channel")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OutputKind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=10, choices=OutputStatus.choices, default=OutputStatus.PLANNED
    )
    url = models.URLField(_("link"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communication_outputs",
        verbose_name=_("partner"),
    )
    opportunities = models.ManyToManyField(
        "opportunities.Opportunity", blank=True, related_name="+", verbose_name=_("kansen")
    )
    ambitions = models.ManyToManyField(
        "programmes.Ambition", blank=True, related_name="+", verbose_name=_("ambitions")
    )
    public = models.BooleanField(_("public"), default=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("communication output")
        verbose_name_plural = _("communication outputs")
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["programme", "date"], name="output_prog_date")]

    def __str__(self) -> str:
        return self.title


class Story(models.Model):
    """A positive story from the neighbourhood, to show and celebrate results."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="stories"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    # Re-encoded JPEG without metadata (services.image_clean); kept in the database so that
    # the backup carries it.
    image = models.BinaryField(default=b"", editable=False)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    film_url = models.URLField(_("film link"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    opportunities = models.ManyToManyField(
        "opportunities.Opportunity", blank=True, related_name="+", verbose_name=_("kansen")
    )
    ambitions = models.ManyToManyField(
        "programmes.Ambition", blank=True, related_name="+", verbose_name=_("ambitions")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(excluded_fields=["image"])

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class CalendarFeedToken(models.Model):
    """A user's secret calendar feed address for a programme, with internal items. Only the
    hash is stored; revoking it ends the address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_tokens"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="+"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed address")
        verbose_name_plural = _("calendar feed addresses")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.programme} ({self.user})"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()
