"""Outreach pages: the household list and page, its actions, and the visit form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkaanpak.core.api_utils import BIGINT_MAX, MAX_OFFSET, bounded_int
from wijkaanpak.core.exceptions import DomainError
from wijkaanpak.core.forms import dutch_number_text
from wijkaanpak.outreach import selectors, services
from wijkaanpak.outreach.audit import audit_records
from wijkaanpak.outreach.models import (
    OPEN_STATES,
    SHAREABLE_FIELDS,
    AuditAction,
    ContactPreference,
    EscalationCategory,
    Household,
    LegalBasis,
    QuestionType,
    Theme,
    VisitOutcome,
)
from wijkaanpak.outreach.views.common import _or_404, _posted_id
from wijkaanpak.outreach.work_views import (
    shareable_fields,
)


@login_required
def household_list(request: HttpRequest) -> HttpResponse:
    campaign = bounded_int(request.GET.get("campaign"), low=1, high=BIGINT_MAX)
    offset = bounded_int(request.GET.get("offset"), low=0, high=MAX_OFFSET) or 0
    buurt = bounded_int(request.GET.get("buurt"), low=1, high=BIGINT_MAX)
    filters = {
        "q": request.GET.get("q", "").strip()[:100],
        "status": request.GET.get("status", ""),
        "coach": request.GET.get("coach", "")[:20],
        "buurt": str(buurt or ""),
    }
    page = selectors.page_audited(
        selectors.household_list(
            user=request.user,
            campaign=campaign,
            q=filters["q"],
            status=filters["status"],
            coach=filters["coach"],
            buurt=buurt,
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
            "choices": selectors.household_filter_choices(user=request.user),
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
