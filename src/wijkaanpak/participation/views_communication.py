"""Pages of communication (planned versus made, the quarterly media overview, outputs) and
stories (public list and detail, editors' forms, the stored image)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkaanpak.core.api_utils import bounded_int
from wijkaanpak.core.exceptions import DomainError
from wijkaanpak.core.forms import form_add_domain_errors
from wijkaanpak.core.views import page_errors
from wijkaanpak.participation import selectors, services
from wijkaanpak.participation.forms import OutputForm, StoryForm
from wijkaanpak.participation.models import CommunicationOutput, Story
from wijkaanpak.participation.views import _programme, with_version
from wijkaanpak.programmes.models import Programme

EDITORS_ONLY = "You need the editor role in this programme."


def _require_editor(request: HttpRequest, programme: Programme) -> None:
    if not selectors.user_is_editor(user=request.user, programme=programme):
        raise PermissionDenied(_("You need the editor role in this programme."))


def communication(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    today = timezone.localdate()
    year = bounded_int(request.GET.get("jaar"), low=1900, high=2200) or today.year
    quarter = bounded_int(request.GET.get("kwartaal"), low=1, high=4) or (
        (today.month - 1) // 3 + 1 if year == today.year else 4
    )
    return render(
        request,
        "participation/communication.html",
        {
            "programme": programme,
            "year": year,
            "quarter": quarter,
            "quarters": [1, 2, 3, 4],
            "channels": selectors.planned_vs_made(programme=programme, year=year),
            "overview": selectors.media_overview(
                user=request.user, programme=programme, year=year, quarter=quarter
            ),
            "outputs": selectors.output_list(user=request.user, programme=programme, year=year),
            "is_editor": selectors.user_is_editor(user=request.user, programme=programme),
        },
    )


def _opportunity_choices(programme: Programme) -> list[tuple[int, str]]:
    return list(programme.opportunities.order_by("title").values_list("pk", "title"))


@login_required
@page_errors
def output_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = _programme(slug)
    _require_editor(request, programme)
    output = None
    initial: dict[str, Any] = {"date": timezone.localdate(), "public": True}
    if pk is not None:
        output = selectors.output_get(user=request.user, pk=pk)
        if output.programme_id != programme.pk:
            raise Http404("Communication output not found")
        initial = {
            "version": output.version,
            "channel": output.channel_id,
            "kind": output.kind,
            "title": output.title,
            "date": output.date,
            "status": output.status,
            "url": output.url,
            "summary": output.summary,
            "public": output.public,
            "opportunities": [o.pk for o in output.opportunities.all()],
        }
    form = OutputForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        channels=selectors.channel_list(programme=programme),
        opportunities=_opportunity_choices(programme),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        data["opportunities"] = list(programme.opportunities.filter(pk__in=data["opportunities"]))
        try:
            if output is None:
                services.output_create(programme=programme, by=request.user, **data)
            else:
                services.output_update(output=output, version=version, by=request.user, **data)
        except DomainError as exc:
            form_add_domain_errors(form, exc)
            if output is not None:
                with_version(form, request, CommunicationOutput.objects.get(pk=output.pk).version)
        else:
            messages.success(request, _("The communication output is saved."))
            return redirect("participation:communication", slug=slug)
    return render(
        request,
        "participation/output_form.html",
        {"programme": programme, "form": form, "output": output},
        status=400 if form.errors else 200,
    )


def stories(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    return render(
        request,
        "participation/stories.html",
        {
            "programme": programme,
            "stories": selectors.story_list(user=request.user, programme=programme)[:100],
            "is_editor": selectors.user_is_editor(user=request.user, programme=programme),
        },
    )


@page_errors
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = selectors.story_get(user=request.user, pk=pk)
    return render(
        request,
        "participation/story.html",
        {
            "programme": story.programme,
            "story": story,
            "has_image": Story.objects.filter(pk=pk).exclude(image=b"").exists(),
            "is_editor": selectors.user_is_editor(user=request.user, programme=story.programme),
        },
    )


@page_errors
def story_image(request: HttpRequest, pk: int) -> HttpResponse:
    story = selectors.story_get(user=request.user, pk=pk, with_image=True)
    if not story.image:
        raise Http404("No image")
    response = HttpResponse(bytes(story.image), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600" if story.published else "private, no-store"
    return response


@login_required
@page_errors
def story_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = _programme(slug)
    _require_editor(request, programme)
    story = None
    initial: dict[str, Any] = {}
    if pk is not None:
        story = selectors.story_get(user=request.user, pk=pk)
        if story.programme_id != programme.pk:
            raise Http404("Story not found")
        initial = {
            "version": story.version,
            "title": story.title,
            "text": story.text,
            "image_alt": story.image_alt,
            "film_url": story.film_url,
            "published": story.published,
            "opportunities": [o.pk for o in story.opportunities.all()],
            "ambitions": [a.pk for a in story.ambitions.all()],
        }
    form = StoryForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=initial,
        opportunities=_opportunity_choices(programme),
        ambitions=[(a.pk, f"{a.number}. {a.short_name}") for a in programme.ambitions.all()],
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        data.pop("image")
        data["opportunities"] = list(programme.opportunities.filter(pk__in=data["opportunities"]))
        data["ambitions"] = list(programme.ambitions.filter(pk__in=data["ambitions"]))
        try:
            if story is None:
                story = services.story_create(
                    programme=programme, image=form.image_bytes(), by=request.user, **data
                )
            else:
                story = services.story_update(
                    story=story,
                    version=version,
                    image=form.image_bytes(),
                    by=request.user,
                    **data,
                )
        except DomainError as exc:
            form_add_domain_errors(form, exc)
            if story is not None and story.pk:
                with_version(form, request, Story.objects.get(pk=story.pk).version)
        else:
            messages.success(request, _("The story is saved."))
            return redirect("participation:story", pk=story.pk)
    return render(
        request,
        "participation/story_form.html",
        {"programme": programme, "form": form, "story": story},
        status=400 if form.errors else 200,
    )
