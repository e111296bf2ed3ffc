"""Pages of the outreach app. Thin: selectors decide what is visible (and audit reads),
services make the changes; domain errors become 404 or a message on the page."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkaanpak.accounts.models import ProgrammeRole
from wijkaanpak.accounts.selectors import user_has_programme_role
from wijkaanpak.core.api_utils import BIGINT_MAX, MAX_OFFSET, bounded_int
from wijkaanpak.core.exceptions import DomainError, InvalidInput, NotFound
from wijkaanpak.core.forms import dutch_number_text, form_add_domain_errors
from wijkaanpak.outreach import aggregates, selectors, services
from wijkaanpak.outreach.audit import audit_records
from wijkaanpak.outreach.forms import AddressImportForm, AssignForm, CampaignForm
from wijkaanpak.outreach.models import (
    OPEN_STATES,
    SHAREABLE_FIELDS,
    AuditAction,
    BoundAggregate,
    Commitment,
    ContactPreference,
    Conversation,
    Escalation,
    EscalationCategory,
    Household,
    LegalBasis,
    OutreachRoleKind,
    QuestionType,
    Referral,
    ReferralState,
    Theme,
    VisitAttempt,
    VisitOutcome,
)
from wijkaanpak.outreach.models.referral import Actor as ReferralActor
from wijkaanpak.outreach.work_views import (
    referral_steps,
    safe_next,
    shareable_fields,
    shared_data_items,
)
from wijkaanpak.programmes.selectors import programme_get


def _posted_id(value: str | None) -> int:
    """An id sent by a form, or 0 (matches nothing) for text or a number beyond any id."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else 0


#: Referral cards per page of the list (the whole list was a 25,000-pixel page).
REFERRALS_PER_PAGE = 25


def _or_404(fn: Any, **kwargs: Any) -> Any:
    try:
        return fn(**kwargs)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _coordinated_programmes(user: Any) -> list[Any]:
    from wijkaanpak.accounts.models import ProgrammeMembership, ProgrammeRole
    from wijkaanpak.programmes.models import Programme

    return list(
        Programme.objects.filter(
            pk__in=ProgrammeMembership.objects.filter(
                user=user, role=ProgrammeRole.COORDINATOR
            ).values("programme_id")
        ).order_by("name")
    )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "outreach/index.html",
        {
            "campaigns": selectors.campaign_list(user=user, worker_flag=True),
            "referral_count": selectors.referral_list(user=user).count(),
            "overdue_count": selectors.referral_list(user=user, overdue=True).count(),
            "escalation_count": selectors.escalation_list(user=user, open_only=True).count(),
            "is_privacy_officer": selectors.user_has_outreach_role(
                user=user, role=OutreachRoleKind.PRIVACY_OFFICER
            ),
            "coached": selectors.household_list(user=user, coached=True).exists(),
            "coordinated": _coordinated_programmes(user),
        },
    )


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _or_404(selectors.campaign_get, user=request.user, pk=pk)
    groups = aggregates.referral_groups(campaign=campaign)
    referrals = aggregates.referral_counts(campaign=campaign, groups=groups)
    funnel = aggregates.funnel(campaign=campaign, referrals=referrals)
    numeric = [s["count"] for s in funnel["steps"] if isinstance(s["count"], int)]
    top = max(numeric) if numeric else 1
    for step in funnel["steps"]:
        step["width"] = round(100 * step["count"] / top) if isinstance(step["count"], int) else 0
        step["label"] = BoundAggregate(step["step"]).label  # Dutch name, not the code
    return render(
        request,
        "outreach/campaign.html",
        {
            "campaign": campaign,
            "steps": funnel["steps"],
            "svg_height": 40 * len(funnel["steps"]),
            "questions": aggregates.question_summaries(campaign=campaign),
            "service": aggregates.referral_service(campaign=campaign, referrals=referrals),
            "table": aggregates.referral_table(campaign=campaign, groups=groups),
            "can_manage": user_has_programme_role(
                user=request.user, programme=campaign.programme, role=ProgrammeRole.COORDINATOR
            ),
        },
    )


@login_required
def household_list(request: HttpRequest) -> HttpResponse:
    campaign = bounded_int(request.GET.get("campaign"), low=1, high=BIGINT_MAX)
    offset = bounded_int(request.GET.get("offset"), low=0, high=MAX_OFFSET) or 0
    filters = {
        "q": request.GET.get("q", "").strip()[:100],
        "status": request.GET.get("status", ""),
        "coach": request.GET.get("coach", ""),
    }
    page = selectors.page_audited(
        selectors.household_list(
            user=request.user,
            campaign=campaign,
            q=filters["q"],
            status=filters["status"],
            coach=filters["coach"],
        ),
        user=request.user,
        source=request.path,
        record_type="household",
        limit=50,
        offset=offset,
    )
    # The filters stay in the URL of the next and previous pages.
    kept = {k: v for k, v in {**filters, "campaign": campaign or ""}.items() if v}
    return render(
        request,
        "outreach/households.html",
        {
            "page": page,
            "offset": offset,
            "filters": filters,
            "campaign": campaign,
            "kept": urlencode(kept),
            "next": offset + 50 if page.count > offset + 50 else None,
            "previous": max(offset - 50, 0) if offset else None,
            "statuses": [
                ("interviewed", _("interviewed")),
                ("reached", _("reached, no interview")),
            ],
        },
    )


@login_required
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = _or_404(
        selectors.household_get, user=request.user, pk=pk, source=request.path, audit=False
    )
    visits = list(household.visits.order_by("-date"))
    conversations = list(household.conversations.prefetch_related("answers__question", "themes"))
    for conversation in conversations:
        for answer in conversation.answers.all():
            answer.label = answer.question.label_of(answer.value)
    commitments = list(household.commitments.select_related("theme", "organisation"))
    referrals = list(household.referrals.select_related("organisation", "theme"))
    # One entry per object the page shows, written in one INSERT (docs/outreach.md, audit log).
    audit_records(
        user=request.user,
        action=AuditAction.READ,
        records=[
            ("household", household.pk),
            *(("visit", v.pk) for v in visits),
            *(("conversation", c.pk) for c in conversations),
            *(("commitment", c.pk) for c in commitments),
            *(("referral", r.pk) for r in referrals),
        ],
        source=request.path,
        programme=household.campaign.programme_id,
    )
    return render(
        request,
        "outreach/household.html",
        {
            "household": household,
            "visits": visits,
            "conversations": conversations,
            "commitments": commitments,
            "referrals": referrals,
            "share_with": household.share_with.all(),
            "has_open_referrals": any(r.state in OPEN_STATES for r in referrals),
            "themes": household.campaign.themes.all(),
            "categories": EscalationCategory.choices,
            "can_act": selectors.user_is_campaign_worker(
                user=request.user, campaign=household.campaign
            )
            or household.coach_id == request.user.pk,
        },
    )


@login_required
@require_POST
def household_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Refer, make an agreement or raise an escalation from the household page."""
    household = _or_404(
        selectors.household_get,
        user=request.user,
        pk=pk,
        source=request.path,
        audit=False,
        erased=True,
    )
    post = request.POST
    theme = household.campaign.themes.filter(pk=_posted_id(post.get("theme"))).first()
    try:
        if post.get("action") == "referral":
            organisation = household.share_with.filter(
                pk=_posted_id(post.get("organisation"))
            ).first()
            if organisation is None or theme is None:
                raise DomainError(
                    _("Choose an organisation the household consented to and a theme.")
                )
            already = household.referrals.filter(
                organisation=organisation, state__in=OPEN_STATES
            ).first()
            if already is not None and post.get("confirm_duplicate") != "1":
                messages.warning(
                    request,
                    _(
                        "This household already has an open referral to %(org)s (%(state)s)."
                        " Tick “Refer again anyway” to make a second one."
                    )
                    % {"org": organisation.name, "state": already.get_state_display()},
                )
                return redirect("outreach:household", pk=household.pk)
            services.referral_create(
                household=household,
                organisation=organisation,
                theme=theme,
                reason=post.get("reason", ""),
                send=post.get("send") == "1",
                by=request.user,
                source=request.path,
            )
            messages.success(request, _("Referral made."))
        elif post.get("action") == "commitment":
            if theme is None:
                raise DomainError(_("Choose a theme."))
            services.commitment_create(
                household=household,
                theme=theme,
                description=post.get("description", ""),
                by=request.user,
                source=request.path,
            )
            messages.success(request, _("Agreement recorded."))
        elif post.get("action") == "escalation":
            services.escalation_create(
                campaign=household.campaign,
                household=household,
                category=post.get("category", ""),
                needed=post.get("needed", ""),
                by=request.user,
                source=request.path,
            )
            messages.success(request, _("Escalation sent to the back office."))
    except DomainError as exc:
        messages.error(request, exc.message)
    if household.anonymised_at is not None:  # erased: its page is gone
        return redirect("outreach:households")
    return redirect("outreach:household", pk=household.pk)


@login_required
def visit_form(request: HttpRequest, pk: int) -> HttpResponse:
    """Mobile-first: find the address by typing, then record the visit, the consent and, when
    interviewed, the conversation; after saving, the household's page."""
    campaign = _or_404(selectors.campaign_get, user=request.user, pk=pk)
    if not selectors.user_is_campaign_worker(user=request.user, campaign=campaign):
        raise Http404(_("Not found"))
    questions = list(campaign.questions.select_related("theme").order_by("order", "id"))
    themes = list(campaign.themes.all())
    status = 200
    if request.method == "POST":
        try:
            household = _visit_save(request, campaign, questions, themes)
        except DomainError as exc:
            messages.error(
                request,
                exc.message + " " + "; ".join(str(e.get("message", "")) for e in exc.errors),
            )
            status = 400
        else:
            messages.success(request, _("Visit recorded."))
            if household is not None:
                return redirect("outreach:household", pk=household.pk)
            return redirect("outreach:visit", pk=campaign.pk)
    raw_address = request.POST.get("address") or request.GET.get("address")
    address = (
        selectors.address_find(campaign=campaign, pk=_posted_id(raw_address))
        if raw_address
        else None
    )
    q = request.GET.get("q", "").strip()[:100]
    household = None
    if address is not None:
        household = address.households.filter(anonymised_at__isnull=True).first()
        if household is not None:
            audit_records(
                user=request.user,
                action=AuditAction.READ,
                records=[("household", household.pk)],
                source=request.path,
                programme=campaign.programme_id,
            )
    return render(
        request,
        "outreach/visit_form.html",
        {
            "campaign": campaign,
            "address": address,
            "household": household,
            "q": q,
            "results": selectors.address_search(campaign=campaign, q=q) if q else [],
            "outcomes": VisitOutcome.choices,
            "questions": questions,
            "themes": themes,
            "today": timezone.localdate().isoformat(),
            "QuestionType": QuestionType,
            "legal_bases": LegalBasis.choices,
            "contact_preferences": ContactPreference.choices,
            "organisations": selectors.sharing_organisations(campaign=campaign),
            "shareable": [(f, capfirst(label)) for f, label in shareable_fields()],
            "shared_now": set(household.shared_fields) if household else set(SHAREABLE_FIELDS),
            "share_now": {o.pk for o in household.share_with.all()} if household else set(),
        },
        status=status,
    )


def _consent_fields(post: Any, date: dt.date) -> tuple[dict[str, Any], list[int] | None]:
    """The household fields and the organisations (ids) the consent part of the form sets;
    nothing when no legal basis was chosen (an existing household's consent is kept)."""
    basis = post.get("legal_basis", "")
    if not basis:
        return {}, None
    fields: dict[str, Any] = {
        "legal_basis": basis,
        "consent_purpose": post.get("consent_purpose", "").strip(),
        "shared_fields": [f for f in post.getlist("shared_fields") if f in SHAREABLE_FIELDS],
    }
    if basis == LegalBasis.CONSENT:
        fields["consent_date"] = date
    for name in ("contact", "contact_preference"):
        if post.get(name, "").strip():
            fields[name] = post.get(name, "").strip()
    return fields, [_posted_id(v) for v in post.getlist("share_with")]


def _visit_save(
    request: HttpRequest, campaign: Any, questions: list[Any], themes: list[Theme]
) -> Household | None:
    """Record the visit (and household, consent, conversation) in one transaction; the
    household it belongs to, if any."""
    from django.db import transaction

    post = request.POST
    address = selectors.address_find(campaign=campaign, pk=_posted_id(post.get("address")))
    if address is None:
        raise DomainError(
            _("Choose an address."), errors=[{"field": "address", "message": _("required")}]
        )
    try:
        date = dt.date.fromisoformat(post.get("date", ""))
    except ValueError:
        raise DomainError(
            _("Give the date of the visit."), errors=[{"field": "date", "message": _("a date")}]
        ) from None
    outcome = post.get("outcome", "")
    consent, share_ids = _consent_fields(post, date)
    share_with = (
        [o for o in selectors.sharing_organisations(campaign=campaign) if o.pk in share_ids]
        if share_ids is not None
        else None
    )
    answers = {q.code: post.get(f"q_{q.code}", "") for q in questions}
    for q in questions:  # "12,5" as people type it in Dutch
        if q.type == QuestionType.NUMBER and answers[q.code]:
            answers[q.code] = dutch_number_text(answers[q.code])
    with transaction.atomic():
        household = address.households.filter(anonymised_at__isnull=True).first()
        if household is None and outcome in (VisitOutcome.REACHED, VisitOutcome.INTERVIEWED):
            household = services.household_create(
                campaign=campaign,
                address=address,
                by=request.user,
                source=request.path,
                display_name=post.get("display_name", "").strip(),
                share_with=share_with or (),
                **consent,
            )
        elif household is not None and (consent or share_with is not None):
            household = services.household_update(
                household=household,
                version=household.version,
                by=request.user,
                source=request.path,
                share_with=share_with,
                **consent,
            )
        visit = services.visit_record(
            campaign=campaign,
            address=address,
            household=household,
            date=date,
            outcome=outcome,
            note=post.get("note", ""),
            by=request.user,
            source=request.path,
        )
        if outcome == VisitOutcome.INTERVIEWED and household is not None:
            services.conversation_record(
                household=household,
                date=date,
                visit=visit,
                by=request.user,
                source=request.path,
                themes=[t for t in themes if str(t.pk) in post.getlist("themes")],
                answers=answers,
                note=post.get("conversation_note", ""),
            )
    return household


@login_required
def referral_inbox(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state") or None
    overdue = request.GET.get("overdue") == "1" or None
    offset = bounded_int(request.GET.get("offset"), low=0, high=MAX_OFFSET) or 0
    page = selectors.page_audited(
        selectors.referral_list(user=request.user, state=state, overdue=overdue, by_due=True),
        user=request.user,
        source=request.path,
        record_type="referral",
        limit=REFERRALS_PER_PAGE,
        offset=offset,
        personal=selectors.referral_carries_personal_data,
    )
    for r in page.items:
        r.overdue = selectors.referral_is_overdue(r)
        r.personal = selectors.referral_carries_personal_data(r)
        # The caller's relation comes with each row (referral_visible's flags): no query per
        # row. Only the steps the caller's role may take (others would be refused), as verbs.
        actors: set[str] = {
            str(role)
            for role, flag in (
                (ReferralActor.WORKER, r.is_worker),
                (ReferralActor.PARTNER, r.is_partner),
                (ReferralActor.BACK_OFFICE, r.is_back_office),
            )
            if flag
        }
        r.next_states = referral_steps(r.state, actors)
        r.shared_items = shared_data_items(r.shared_data)
    kept = urlencode({k: v for k, v in (("state", state), ("overdue", overdue and "1")) if v})
    return render(
        request,
        "outreach/referrals.html",
        {
            "page": page,
            "states": ReferralState.choices,
            "state": state,
            "kept": kept,
            "next": offset + REFERRALS_PER_PAGE
            if page.count > offset + REFERRALS_PER_PAGE
            else None,
            "previous": max(offset - REFERRALS_PER_PAGE, 0) if offset else None,
        },
    )


@login_required
@require_POST
def referral_transition(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _or_404(
        selectors.referral_get, user=request.user, pk=pk, source=request.path, audit=False
    )
    raw_version = request.POST.get("version", "")
    try:
        if not (raw_version.isascii() and raw_version.isdigit()):  # the version it showed
            raise DomainError(_("This referral was changed in the meantime."))
        services.referral_transition(
            referral=referral,
            to=request.POST.get("to", ""),
            note=request.POST.get("note", ""),
            version=int(raw_version),
            by=request.user,
            source=request.path,
        )
        messages.success(request, _("Referral updated."))
    except DomainError as exc:
        messages.error(request, exc.message)
    # Back where the action was taken (the start page, the detail page, the filtered list).
    return redirect(safe_next(request, reverse("outreach:referrals")))


@login_required
def escalation_list(request: HttpRequest) -> HttpResponse:
    page = selectors.page_audited(
        selectors.escalation_list(user=request.user),
        user=request.user,
        source=request.path,
        record_type="escalation",
        limit=100,
    )
    may_assign = selectors.escalation_assign_programmes(user=request.user)
    assignees = selectors.escalation_assignees(
        programme_ids={
            e.campaign.programme_id
            for e in page.items
            if e.resolved_on is None and e.campaign.programme_id in may_assign
        }
    )
    for e in page.items:
        e.assignee_choices = assignees.get(e.campaign.programme_id, [])
    return render(request, "outreach/escalations.html", {"page": page})


@login_required
@require_POST
def escalation_assign(request: HttpRequest, pk: int) -> HttpResponse:
    escalation = _or_404(selectors.escalation_get, user=request.user, pk=pk)
    raw = _posted_id(request.POST.get("assignee"))
    assignee = None
    if raw:
        assignee = next(
            (
                u
                for u in selectors.escalation_assignees(
                    programme_ids={escalation.campaign.programme_id}
                )[escalation.campaign.programme_id]
                if u.pk == raw
            ),
            None,
        )
        if assignee is None:
            messages.error(request, _("Assign the escalation to someone of the back office."))
            return redirect("outreach:escalations")
    try:
        services.escalation_assign(
            escalation=escalation, assignee=assignee, by=request.user, source=request.path
        )
        messages.success(request, _("Escalation assigned."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("outreach:escalations")


@login_required
@require_POST
def escalation_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    escalation = _or_404(selectors.escalation_get, user=request.user, pk=pk)
    try:
        services.escalation_resolve(
            escalation=escalation,
            resolution=request.POST.get("resolution", ""),
            by=request.user,
            source=request.path,
        )
        messages.success(request, _("Escalation resolved."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("outreach:escalations")


def _audit_filters(request: HttpRequest) -> dict[str, Any]:
    """The audit log's filters from the query string (a record id only as digits in range)."""

    def number(name: str) -> int | None:
        raw = request.GET.get(name, "").strip()
        return int(raw) if raw.isdigit() and len(raw) <= 18 else None

    return {
        "record_type": request.GET.get("record_type") or None,
        "username": request.GET.get("username") or None,
        "record_id": number("record_id"),
        "household": number("household"),
    }


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    qs = _or_404(selectors.audit_log_list, user=request.user, **_audit_filters(request))
    labels = {
        kind: model._meta.verbose_name
        for kind, model in (
            ("household", Household),
            ("visit", VisitAttempt),
            ("conversation", Conversation),
            ("commitment", Commitment),
            ("referral", Referral),
            ("escalation", Escalation),
        )
    }
    entries = list(qs.select_related("programme")[:200])
    for entry in entries:
        entry.record_label = labels.get(entry.record_type, entry.record_type)
    return render(
        request,
        "outreach/audit.html",
        {"entries": entries, "count": qs.count(), "actions": AuditAction.choices},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def audit_log_csv(request: HttpRequest) -> StreamingHttpResponse:
    qs = _or_404(selectors.audit_log_list, user=request.user, **_audit_filters(request))
    writer = csv.writer(_Echo())
    columns = ("at", "username", "action", "record_type", "record_id", "source", "programme")
    rows = qs.values_list(*columns).iterator()
    header = [list(columns)]
    response = StreamingHttpResponse(
        (
            writer.writerow([r[0].isoformat() if hasattr(r[0], "isoformat") else r[0], *r[1:]])
            for r in [*header, *rows]
        ),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response


@login_required
def reporting_deadlines(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme's reporting deadlines; coordinators set a new one (progress is requested
    from every kans's coalition at once, with a reminder a week before)."""
    from wijkaanpak.accounts.models import ProgrammeRole
    from wijkaanpak.accounts.selectors import user_has_programme_role
    from wijkaanpak.programmes.selectors import programme_get

    programme = _or_404(programme_get, slug=slug)
    try:
        deadlines = list(
            selectors.reporting_deadline_list(user=request.user, programme=programme)[:100]
        )
    except DomainError as exc:
        raise PermissionDenied(exc.message) from exc
    may_set = user_has_programme_role(
        user=request.user, programme=programme, role=ProgrammeRole.COORDINATOR
    )
    if request.method == "POST" and not may_set:
        raise PermissionDenied(_("Only the programme's coordinators set reporting deadlines."))
    form = {"title": "", "due_on": ""}
    errors: dict[str, str] = {}
    error = ""
    if request.method == "POST":
        form = {k: request.POST.get(k, "").strip() for k in form}
        try:
            due_on = dt.date.fromisoformat(form["due_on"])
        except ValueError:
            error = _("Enter a date.")
            errors["due_on"] = error
        else:
            try:
                services.reporting_deadline_create(
                    programme=programme,
                    title=form["title"],
                    due_on=due_on,
                    by=request.user,
                    source=request.path,
                )
            except DomainError as exc:
                error = exc.message
                errors = {str(e.get("field", "")): str(e.get("message", "")) for e in exc.errors}
            else:
                messages.success(
                    request, _("Deadline set: progress was requested from every kans's coalition.")
                )
                return redirect("outreach:reporting_deadlines", slug=programme.slug)
    return render(
        request,
        "outreach/reporting_deadlines.html",
        {
            "programme": programme,
            "deadlines": deadlines,
            "may_set": may_set,
            "form": form,
            "errors": errors,
            "error": error,
            "today": timezone.localdate(),
        },
        status=400 if error else 200,
    )


# --- campaign set-up by the programme's coordinator --------------------------------------


def _require_coordinator(request: HttpRequest, programme: Any) -> None:
    if not user_has_programme_role(
        user=request.user, programme=programme, role=ProgrammeRole.COORDINATOR
    ):
        raise PermissionDenied(_("You need the coordinator role in this programme."))


@login_required
def campaign_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _or_404(programme_get, slug=slug)
    _require_coordinator(request, programme)
    form = CampaignForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_open(
                programme=programme, by=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form_add_domain_errors(form, exc)
        else:
            messages.success(request, _("The campaign has been created."))
            return redirect("outreach:campaign_team", campaign.pk)
    return render(
        request,
        "outreach/campaign_form.html",
        {"form": form, "programme": programme},
        status=400 if form.errors else 200,
    )


def _coordinated_campaign(request: HttpRequest, pk: int) -> Any:
    campaign = _or_404(selectors.campaign_get, user=request.user, pk=pk)
    _require_coordinator(request, campaign.programme)
    return campaign


@login_required
def campaign_team(request: HttpRequest, pk: int) -> HttpResponse:
    """Who works on the campaign: outreach workers and the programme's coaches."""
    campaign = _coordinated_campaign(request, pk)
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username, role = form.cleaned_data["username"], form.cleaned_data["role"]
        user = selectors.active_user_by_username(username=username)
        try:
            if user is None:
                raise InvalidInput(
                    _("No active account with this username."),
                    errors=[{"field": "username", "message": _("unknown or inactive")}],
                )
            if role == "coach":
                services.coach_role_give(programme=campaign.programme, user=user, by=request.user)
            else:
                services.campaign_worker_assign(campaign=campaign, user=user, by=request.user)
        except DomainError as exc:
            form_add_domain_errors(form, exc)
        else:
            messages.success(request, _("%(user)s has been added.") % {"user": username})
            return redirect("outreach:campaign_team", campaign.pk)
    return render(
        request,
        "outreach/campaign_team.html",
        {"campaign": campaign, "form": form, **selectors.campaign_team(campaign=campaign)},
        status=400 if form.errors else 200,
    )


@login_required
def address_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload the campaign's address list (all or nothing; every error names row and column)."""
    from wijkaanpak.outreach.imports import address_list_import

    campaign = _coordinated_campaign(request, pk)
    form = AddressImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created = address_list_import(
                campaign=campaign, filename=upload.name, content=upload, by=request.user
            )
        except DomainError as exc:
            form_add_domain_errors(form, exc)
        else:
            messages.success(
                request, _("%(n)s addresses have been added to the list.") % {"n": created}
            )
            return redirect("outreach:campaign_team", campaign.pk)
    return render(
        request,
        "outreach/address_import.html",
        {"campaign": campaign, "form": form},
        status=400 if form.errors else 200,
    )
