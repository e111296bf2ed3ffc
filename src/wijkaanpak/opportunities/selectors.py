"""Reads of kansen. Kansen, coalitions, progress and measures are public programme data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, Viewer, is_system
from wijkaanpak.accounts.models import ProgrammeRole, User
from wijkaanpak.accounts.selectors import user_has_programme_role, user_organisation_ids
from wijkaanpak.areas.models import Area
from wijkaanpak.core.exceptions import NotFound
from wijkaanpak.core.history import HistoryEntry, history_entries, history_m2m
from wijkaanpak.opportunities.models import (
    RUNNING_STATUS,
    CoalitionMember,
    CoalitionRole,
    Measure,
    MeasureValue,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    OpportunityStatusChange,
    ProgressUpdate,
)
from wijkaanpak.programmes.models import Ambition, Programme


def _with_details(qs: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    return qs.select_related("programme", "area").prefetch_related(
        "ambitions",
        "themes",
        Prefetch(
            "coalition",
            queryset=CoalitionMember.objects.select_related("organisation").order_by(
                "role", "organisation__name"
            ),
        ),
        Prefetch(
            "measures",
            queryset=Measure.objects.prefetch_related(
                Prefetch("values", queryset=MeasureValue.objects.order_by("date", "id")),
                "indicators",
            ),
        ),
    )


def opportunity_list(
    *,
    programme: Programme,
    kind: OpportunityKind | str | None = None,
    active_on: dt.date | None = None,
    ambition: int | None = None,
) -> QuerySet[Opportunity]:
    """Kansen of a programme. With `active_on`, those running on that date, per their history:
    status and kind are taken from the last change on or before the date."""
    qs = Opportunity.objects.filter(programme=programme)
    if active_on is not None:
        last_change = OpportunityStatusChange.objects.filter(
            opportunity=OuterRef("pk"), effective_date__lte=active_on
        ).order_by("-effective_date", "-id")
        qs = qs.annotate(
            status_on=Subquery(last_change.values("status")[:1]),
            kind_on=Subquery(last_change.values("kind")[:1]),
        )
        running = Q()
        kinds = [kind] if kind else list(OpportunityKind.values)
        for k in kinds:
            running |= Q(kind_on=k, status_on=RUNNING_STATUS[OpportunityKind(k)])
        qs = qs.filter(running)
    elif kind:
        qs = qs.filter(kind=kind)
    if ambition is not None:
        qs = qs.filter(ambitions__pk=ambition)
    return _with_details(qs).order_by("title")


def opportunity_get(*, pk: int) -> Opportunity:
    opportunity = (
        _with_details(Opportunity.objects.filter(pk=pk))
        .prefetch_related(
            "progress_updates", "status_changes__merged_into", "merged_from__opportunity"
        )
        .first()
    )
    if opportunity is None:
        raise NotFound(f"No kans with id {pk}")
    return opportunity


def opportunity_get_by_slug(*, programme: Programme, slug: str) -> Opportunity:
    opportunity = Opportunity.objects.filter(programme=programme, slug=slug).first()
    if opportunity is None:
        raise NotFound(f"No kans '{slug}'")
    return opportunity_get(pk=opportunity.pk)


def measure_get(*, pk: int) -> Measure:
    measure = Measure.objects.select_related("opportunity__programme").filter(pk=pk).first()
    if measure is None:
        raise NotFound(f"No measure with id {pk}")
    return measure


@dataclass(frozen=True)
class MeasureSummary:
    measure: Measure
    actual: Decimal | None
    actual_date: dt.date | None
    share_of_target: float | None  # 0..1+, None when no target or no value


def measure_summaries(*, opportunity: Opportunity) -> list[MeasureSummary]:
    """Target against the latest actual value, using the prefetched values."""
    result = []
    for measure in opportunity.measures.all():
        values = list(measure.values.all())
        latest = values[-1] if values else None
        share = None
        if latest is not None and measure.target:
            share = float(latest.value / measure.target)
        result.append(
            MeasureSummary(
                measure=measure,
                actual=latest.value if latest else None,
                actual_date=latest.date if latest else None,
                share_of_target=share,
            )
        )
    return result


def funnel_steps(*, opportunity: Opportunity) -> list[MeasureSummary]:
    """The measures that form the kans's funnel, in order (empty when there is none)."""
    steps = [
        s for s in measure_summaries(opportunity=opportunity) if s.measure.funnel_order is not None
    ]
    return sorted(steps, key=lambda s: s.measure.funnel_order or 0) if len(steps) >= 2 else []


def coalition_by_role(*, opportunity: Opportunity) -> list[tuple[str, str, list[CoalitionMember]]]:
    """The coalition grouped by role, lead first: [(role, label, members)], empty roles left out."""
    members = list(opportunity.coalition.all())
    return [
        (role.value, str(role.label), [m for m in members if m.role == role])
        for role in (CoalitionRole.LEAD, CoalitionRole.PARTNER, CoalitionRole.FUNDER)
        if any(m.role == role for m in members)
    ]


# --- the programme pages: ambitions with their kansen, long-running work ------------------


def ambition_list(*, programme: Programme) -> QuerySet[Ambition]:
    """The programme's ambitions, each with its kansen (by kind and title)."""
    return programme.ambitions.prefetch_related(
        Prefetch("opportunities", queryset=Opportunity.objects.order_by("kind", "title"))
    ).order_by("number")


@dataclass(frozen=True)
class KansItem:
    """A kans as shown on a page: its status, or its status on the chosen date."""

    opportunity: Opportunity
    status: str
    status_label: str


@dataclass(frozen=True)
class AmbitionKansen:
    ambition: Ambition
    kansen: list[KansItem]


@dataclass(frozen=True)
class ProgrammeOverview:
    programme: Programme
    active_on: dt.date | None
    ambitions: list[AmbitionKansen]
    without_ambition: list[KansItem]
    long_running: list[KansItem]
    kans_count: int
    status_counts: list[tuple[str, str, int]]  # (status, label, count), lifecycle order
    organisation_count: int


def programme_overview(
    *, programme: Programme, active_on: dt.date | None = None
) -> ProgrammeOverview:
    """The programme page: ambitions with their kansen, long-running work and counts.

    With `active_on`, only kansen and long-running work running on that date, per their history.
    A constant number of queries, however many kansen there are.
    """

    def items(kind: str) -> list[KansItem]:
        result = []
        for o in opportunity_list(programme=programme, kind=kind, active_on=active_on):
            status = getattr(o, "status_on", None) or o.status
            result.append(KansItem(o, status, str(OpportunityStatus(status).label)))
        return result

    kansen = items(OpportunityKind.KANS)
    long_running = items(OpportunityKind.LONG_RUNNING)
    ambitions = list(programme.ambitions.order_by("number"))
    per_ambition = [
        AmbitionKansen(
            ambition=a,
            kansen=[k for k in kansen if any(x.pk == a.pk for x in k.opportunity.ambitions.all())],
        )
        for a in ambitions
    ]
    counts = dict.fromkeys(OpportunityStatus.values, 0)
    for item in kansen:
        counts[item.status] += 1
    organisation_count = (
        CoalitionMember.objects.filter(opportunity__programme=programme)
        .values("organisation")
        .distinct()
        .count()
    )
    return ProgrammeOverview(
        programme=programme,
        active_on=active_on,
        ambitions=per_ambition,
        without_ambition=[k for k in kansen if not k.opportunity.ambitions.all()],
        long_running=long_running,
        kans_count=len(kansen),
        status_counts=[(s, str(OpportunityStatus(s).label), n) for s, n in counts.items() if n],
        organisation_count=organisation_count,
    )


def long_running_list(*, programme: Programme) -> list[Opportunity]:
    """Long-running work of the programme with its history (when it moved from kans)."""
    return list(
        opportunity_list(programme=programme, kind=OpportunityKind.LONG_RUNNING).prefetch_related(
            "status_changes"
        )
    )


# --- who may add progress and values -----------------------------------------------------


def user_may_contribute(*, user: Actor, opportunity: Opportunity) -> bool:
    """The one rule for "may add progress updates and measure values to this kans": the editor
    role in the programme (accounts.selectors), or membership of an organisation that is a
    current member of this kans's coalition (partners in the loop). SYSTEM may."""
    if is_system(user):
        return True
    if not isinstance(user, User):
        return False
    if user_has_programme_role(
        user=user, programme=opportunity.programme, role=ProgrammeRole.EDITOR
    ):
        return True
    organisations = user_organisation_ids(user=user)
    if not organisations:
        return False
    today = timezone.localdate()
    return any(
        m.organisation_id in organisations and (m.left_on is None or m.left_on > today)
        for m in opportunity.coalition.all()
    )


def user_may_edit(*, user: Viewer, programme: Programme) -> bool:
    """Editors and coordinators create and change kansen, coalitions and measures."""
    return user_has_programme_role(user=user, programme=programme, role=ProgrammeRole.EDITOR)


def progress_update_get(*, pk: int) -> ProgressUpdate:
    update = ProgressUpdate.objects.select_related("opportunity__programme").filter(pk=pk).first()
    if update is None:
        raise NotFound(f"No progress update with id {pk}")
    return update


def coalition_member_get(*, opportunity: Opportunity, pk: int) -> CoalitionMember:
    member = (
        CoalitionMember.objects.select_related("organisation", "opportunity__programme")
        .filter(opportunity=opportunity, pk=pk)
        .first()
    )
    if member is None:
        raise NotFound(f"No coalition member with id {pk}")
    return member


def coalition_list(*, opportunity: Opportunity) -> list[CoalitionMember]:
    """Every membership, current and ended, lead first."""
    return list(
        CoalitionMember.objects.filter(opportunity=opportunity)
        .select_related("organisation")
        .order_by("left_on", "role", "organisation__name", "pk")
    )


# --- change history (django-simple-history) -----------------------------------------------


def opportunity_history(*, opportunity: Opportunity) -> list[HistoryEntry]:
    """Every recorded change to the kans, its coalition, measures, measure values and progress
    updates, newest first: who, when, and each field before and after. A fixed number of
    queries, however long the history."""
    from wijkaanpak.organisations.models import Organisation

    def rows(model: Any, *m2m: str, **filters: Any) -> list[Any]:
        return list(
            model.history.filter(**filters)
            .select_related("history_user")
            .prefetch_related(*history_m2m(model, *m2m))
            .order_by("history_date", "history_id")
        )

    kans = rows(Opportunity, "ambitions", "themes", id=opportunity.pk)
    coalition = rows(CoalitionMember, opportunity_id=opportunity.pk)
    measures = rows(Measure, "indicators", opportunity_id=opportunity.pk)
    measure_names = {m.id: m.name for m in measures}
    values = rows(MeasureValue, measure_id__in=list(measure_names))
    progress = rows(ProgressUpdate, opportunity_id=opportunity.pk)
    org_ids = {r.organisation_id for r in coalition}
    names: dict[int, str] = dict(
        Organisation.objects.filter(pk__in=org_ids).values_list("pk", "name")
    )
    (measure_indicators,) = history_m2m(Measure, "indicators")
    indicator_ids = {
        row.indicator_id for m in measures for row in getattr(m, measure_indicators).all()
    }
    indicator_model: Any = Measure._meta.get_field("indicators").related_model
    indicator_names: dict[int, str] = dict(
        indicator_model.objects.filter(pk__in=indicator_ids).values_list("pk", "name_nl")
    )
    area_ids = {r.area_id for r in kans if r.area_id}
    area_names: dict[int, str] = dict(
        Area.objects.filter(pk__in=area_ids).values_list("pk", "name")
    )
    entries = [
        *history_entries(
            Opportunity,
            kans,
            object_type="kans",
            object_type_label=_("kans"),
            label=lambda r: r.title,
            names={"area": area_names},
            m2m={
                "ambitions": {
                    a.pk: f"{a.number}. {a.short_name or a.name}"
                    for a in opportunity.programme.ambitions.all()
                },
                "themes": {t.pk: t.name for t in opportunity.programme.themes.all()},
            },
        ),
        *history_entries(
            CoalitionMember,
            coalition,
            object_type="coalition_member",
            object_type_label=_("coalition member"),
            label=lambda r: names.get(r.organisation_id, ""),
            names={"organisation": names},
            hidden={"opportunity"},
        ),
        *history_entries(
            Measure,
            measures,
            object_type="measure",
            object_type_label=_("planned result"),
            label=lambda r: r.name,
            hidden={"opportunity"},
            m2m={"indicators": indicator_names},
        ),
        *history_entries(
            MeasureValue,
            values,
            object_type="measure_value",
            object_type_label=_("measure value"),
            label=lambda r: f"{measure_names.get(r.measure_id, '')} {r.date.isoformat()}",
            hidden={"measure"},
        ),
        *history_entries(
            ProgressUpdate,
            progress,
            object_type="progress_update",
            object_type_label=_("progress update"),
            label=lambda r: r.date.isoformat(),
            hidden={"opportunity"},
        ),
    ]
    return sorted(entries, key=lambda e: e.at, reverse=True)


# --- choices for the forms and the API ------------------------------------------------------


def programme_ambitions(*, programme: Programme, ids: list[int]) -> list[Ambition]:
    """The programme's ambitions with these ids; an id of another programme is refused."""
    found = list(programme.ambitions.filter(pk__in=ids))
    _refuse_missing("ambitions", ids, {a.pk for a in found})
    return found


def programme_themes(*, programme: Programme, ids: list[int]) -> list[Any]:
    found = list(programme.themes.filter(pk__in=ids))
    _refuse_missing("themes", ids, {t.pk for t in found})
    return found


def _refuse_missing(field: str, asked: list[Any], found: set[Any]) -> None:
    missing = [str(i) for i in asked if i not in found]
    if missing:
        from wijkaanpak.core.exceptions import InvalidInput

        raise InvalidInput(
            _("Not found in this programme: %s") % ", ".join(missing),
            errors=[{"field": field, "message": _("not in this programme")}],
        )


def indicator_choices(*, programme: Programme) -> QuerySet[Any]:
    """Indicators a measure of this programme may point at: national ones and the programme's
    municipality's own. (The model is reached through the relation: indicators and
    opportunities sit on one layer and do not import each other.)"""
    model: Any = Measure._meta.get_field("indicators").related_model
    qs: QuerySet[Any] = model.objects.filter(
        Q(municipality__isnull=True) | Q(municipality_id=programme.municipality_id)
    )
    return qs.order_by("code")


def indicators_by_code(*, programme: Programme, codes: list[str]) -> list[Any]:
    found = list(indicator_choices(programme=programme).filter(code__in=codes))
    _refuse_missing("indicators", codes, {i.code for i in found})
    return found


def user_may_see_history(*, user: Viewer, opportunity: Opportunity) -> bool:
    """The change history names who changed what: for the programme team (viewer and up)."""
    return user_has_programme_role(
        user=user, programme=opportunity.programme, role=ProgrammeRole.VIEWER
    )


def opportunity_history_for(*, user: Viewer, opportunity: Opportunity) -> list[HistoryEntry]:
    """The kans's change history for a member of the programme team; others: Forbidden."""
    if not user_may_see_history(user=user, opportunity=opportunity):
        from wijkaanpak.core.exceptions import Forbidden

        raise Forbidden(_("The change history is for the programme team."))
    return opportunity_history(opportunity=opportunity)


def user_may_change_progress(*, user: Actor, update: ProgressUpdate) -> bool:
    """A progress update is changed or removed by its author (while they may still contribute
    to the kans) or by a coordinator of the programme."""
    opportunity = update.opportunity
    if is_system(user):
        return True
    if user_has_programme_role(
        user=user if isinstance(user, User) else None,
        programme=opportunity.programme,
        role=ProgrammeRole.COORDINATOR,
    ):
        return True
    return (
        isinstance(user, User)
        and update.author_id == user.pk
        and user_may_contribute(user=user, opportunity=opportunity)
    )
