"""The coordinator's start page: background work (imports, e-mail) that failed
(core/attention.py). The jobs page that shows them is in this app."""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.attention import AttentionItem
from wijkaanpak.jobs.models import Job, JobStatus


def failed_jobs(programme_ids: Collection[int]) -> dict[int, list[AttentionItem]]:
    """Per programme, its background jobs that failed for good, in one query."""
    counts = (
        Job.objects.filter(programme_id__in=list(programme_ids), status=JobStatus.FAILED)
        .values_list("programme_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    url = reverse("notifications:jobs")
    return {
        int(pk): [
            AttentionItem(
                key="failed_jobs",
                count=n,
                label=_("background jobs that failed"),
                url=url,
                order=40,
            )
        ]
        for pk, n in counts
    }
