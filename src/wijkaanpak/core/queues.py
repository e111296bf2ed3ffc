"""Work queues (issue 15, in the style of Signalen and Open Zaak): one helper for the URL of a
list page, so that every queue searches, filters, sorts and pages the same way.

    spec = QueueSpec(
        filters={"state": {"sent", "accepted"}, "overdue": {"1"}},  # allowed values
        sorts={"due": ("due", "id"), "sent": ("sent_at", "id")},     # key -> order_by fields
        default_sort="due",
        per_page=25,
    )
    params = spec.parse(request.GET)      # q, filters, sort, offset; unknown values dropped
    qs = qs.order_by(*params.order_by)    # the selector filters by params.q / params.filters
    page = ...[params.offset : params.offset + spec.per_page]
    context = {"queue": params.links(count)}   # next/previous/sort links that keep the rest

Everything lives in the URL (`?q=`, filters, `sort=-due`, `offset=`): a filter survives an action
(pages post with `next=` the current URL) and a link can be shared. Sorting is by whitelisted
keys only (`-` for descending); the order always ends in a unique column so pages do not overlap.
The template part is `core/_queue_nav.html` (paging) and `core/_queue_sort.html` (a header).
docs/pages.md ("Work queues") describes the pattern.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

#: The furthest a page may start (deep paging is a search that should be narrowed).
MAX_OFFSET = 100_000
#: Characters of a search that are used.
MAX_Q = 100


@dataclass(frozen=True)
class QueueSpec:
    #: filter name -> allowed values (None: any value up to 100 characters, e.g. an id).
    filters: Mapping[str, frozenset[str] | set[str] | None] = field(default_factory=dict)
    #: sort key -> order_by fields for ascending (descending flips each).
    sorts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    default_sort: str = ""
    per_page: int = 25

    def parse(self, query: Mapping[str, Any]) -> QueueParams:
        q = str(query.get("q", "") or "").strip()[:MAX_Q]
        filters: dict[str, str] = {}
        for name, allowed in self.filters.items():
            value = str(query.get(name, "") or "").strip()[:MAX_Q]
            if value and (allowed is None or value in allowed):
                filters[name] = value
        sort = str(query.get("sort", "") or "")
        if sort.lstrip("-") not in self.sorts:
            sort = self.default_sort
        raw = str(query.get("offset", "") or "")
        offset = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 8 else 0
        offset = min(offset - offset % self.per_page, MAX_OFFSET)
        return QueueParams(spec=self, q=q, filters=filters, sort=sort, offset=offset)


@dataclass(frozen=True)
class QueueParams:
    spec: QueueSpec
    q: str
    filters: dict[str, str]
    sort: str
    offset: int

    @property
    def order_by(self) -> list[str]:
        key = self.sort.lstrip("-")
        fields = self.spec.sorts.get(key, ())
        if not self.sort.startswith("-"):
            return list(fields)
        return [f[1:] if f.startswith("-") else "-" + f for f in fields]

    def query(self, **changes: Any) -> str:
        """This queue's URL query with some parts changed (None or "" removes a part)."""
        parts: dict[str, Any] = {"q": self.q, **self.filters}
        if self.sort != self.spec.default_sort:
            parts["sort"] = self.sort
        if self.offset:
            parts["offset"] = self.offset
        parts.update(changes)
        if parts.get("sort") == self.spec.default_sort:
            del parts["sort"]
        return urlencode({k: v for k, v in parts.items() if v not in (None, "", 0)})

    def links(self, count: int) -> QueueLinks:
        per = self.spec.per_page
        sorts = {}
        for key in self.spec.sorts:
            current = self.sort.lstrip("-") == key
            descending = current and self.sort.startswith("-")
            flip = key if descending or not current else "-" + key
            sorts[key] = {
                "url": "?" + self.query(sort=flip, offset=None),
                "current": current,
                "aria": ("descending" if descending else "ascending") if current else "none",
            }
        return QueueLinks(
            count=count,
            first=self.offset + 1 if count else 0,
            last=min(self.offset + per, count),
            next="?" + self.query(offset=self.offset + per) if self.offset + per < count else "",
            previous="?" + self.query(offset=max(self.offset - per, 0) or None)
            if self.offset
            else "",
            sorts=sorts,
            here=self.query(),
        )


@dataclass(frozen=True)
class QueueLinks:
    count: int
    first: int
    last: int
    next: str
    previous: str
    #: per sort key: url (toggles the direction), current, aria (aria-sort value)
    sorts: dict[str, dict[str, Any]]
    #: this page's own query (for `next=` after an action)
    here: str
