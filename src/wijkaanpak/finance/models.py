"""The programme's money: funding sources, yearly budgets, budget lines and realisations.

All amounts are integer euros. The seed's tables are printed in thousands of euros; the
import converts them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class FundingKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    STATE = "state", _("national government")
    REGION = "region", _("regional co-financing")
    PROVINCE = "province", _("province")
    OTHER = "other", _("other")


class FundingSource(models.Model):
    """Where money comes from, e.g. the municipality or the Regio Deal's state share.

    A source may be shared by several programmes (or neighbourhoods elsewhere that have no
    programme in this installation); `shares` says who gets what.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=FundingKind.choices)
    total_amount = models.PositiveBigIntegerField(_("total amount (euros)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FundingShare(models.Model):
    """The share of a funding source for one recipient: a programme here, or a named
    neighbourhood elsewhere. The amount is empty while the split is not fixed."""

    source = models.ForeignKey(FundingSource, on_delete=models.CASCADE, related_name="shares")
    programme = models.ForeignKey(
        "programmes.Programme",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="funding_shares",
        verbose_name=_("programme"),
    )
    recipient = models.CharField(_("recipient"), max_length=200)
    amount = models.PositiveBigIntegerField(_("share (euros)"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("funding share")
        verbose_name_plural = _("funding shares")
        ordering = ["source", "recipient"]
        constraints = [
            models.UniqueConstraint(fields=["source", "recipient"], name="funding_share_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.recipient}"


class Budget(models.Model):
    """A programme's budget for one year. `amount` is the money available that year."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="budgets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.PositiveBigIntegerField(_("budget (euros)"))
    printed_total = models.PositiveBigIntegerField(
        _("total printed in the report (euros)"), null=True, blank=True
    )
    printed_total_means = models.CharField(
        _("what the printed total means"),
        max_length=20,
        blank=True,
        choices=[("allocated", _("the allocated part")), ("budget", _("the budget"))],
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["programme", "year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="budget_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"


class BudgetFunding(models.Model):
    """The contribution of one funding source to one year's budget."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="funding")
    source = models.ForeignKey(
        FundingSource, on_delete=models.PROTECT, related_name="contributions"
    )
    amount = models.PositiveBigIntegerField(_("amount (euros)"))

    class Meta:
        verbose_name = _("funding contribution")
        verbose_name_plural = _("funding contributions")
        ordering = ["budget", "source__name"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "source"], name="budget_funding_unique")
        ]

    def __str__(self) -> str:
        return f"{self.budget}: {self.source}"


class LineKind(models.TextChoices):
    REGULAR = "regular", _("regular")
    PROCESS = "process", _("process costs")


class LineStatus(models.TextChoices):
    ALLOCATED = "allocated", _("allocated (committed)")
    SPENT = "spent", _("spent")
    NOT_SPENT = "not_spent", _("not spent")
    UNALLOCATED = "unallocated", _("not yet allocated")


# Statuses whose amount counts as allocated. "Not spent" money was allocated but not used.
ALLOCATED_STATUSES = (LineStatus.ALLOCATED, LineStatus.SPENT, LineStatus.NOT_SPENT)


class BudgetLine(models.Model):
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    subject = models.CharField(_("subject"), max_length=300)
    amount = models.PositiveBigIntegerField(_("amount (euros)"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=LineKind.choices, default=LineKind.REGULAR
    )
    status = models.CharField(
        _("status"), max_length=20, choices=LineStatus.choices, default=LineStatus.ALLOCATED
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        verbose_name=_("organisation"),
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        verbose_name=_("kans or long-running work"),
    )
    ambitions = models.ManyToManyField(
        "programmes.Ambition", blank=True, related_name="budget_lines", verbose_name=_("ambitions")
    )
    overrun = models.BooleanField(
        _("overrun accepted"),
        default=False,
        help_text=_("Spending more than the amount is allowed for this line."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    note = models.CharField(_("note"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["budget", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "subject"], name="budget_line_subject_unique")
        ]

    def __str__(self) -> str:
        return self.subject


class Realisation(models.Model):
    """Money actually spent on a line on a date. Appended, never edited."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="realisations")
    date = models.DateField(_("date"))
    amount = models.PositiveBigIntegerField(_("amount (euros)"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("realisation")
        verbose_name_plural = _("realisations")
        ordering = ["line", "date", "id"]

    def __str__(self) -> str:
        return f"{self.line}: {self.amount} ({self.date})"
