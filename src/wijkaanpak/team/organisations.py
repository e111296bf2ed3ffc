"""Writes of the shared organisation directory by municipality administrators (issue 13).

The directory belongs to the whole installation (docs/adr/0010): every municipality's
coalitions draw from it, so an organisation is entered once. New entries and changes come from
those `accounts.selectors.user_may_create_organisation` allows (municipality administrators,
installation admins). The check needs `accounts`, which sits above `organisations`, so these
services live here, in `team`, beside the programme set-up; they write
`organisations.Organisation` and nothing else.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkaanpak.accounts.actors import Actor, acting_user, is_system
from wijkaanpak.accounts.selectors import user_may_create_organisation
from wijkaanpak.core.exceptions import Conflict, Forbidden, InvalidInput
from wijkaanpak.organisations.models import Organisation, OrganisationType

ORGANISATION_FIELDS = ("name", "type", "kvk_number", "description", "website")
KVK = re.compile(r"^[0-9]{8}$")


def _require_directory_editor(by: Actor) -> None:
    if not is_system(by) and not user_may_create_organisation(user=acting_user(by)):
        raise Forbidden(
            _(
                "Only municipality administrators add and change organisations in the shared "
                "directory."
            )
        )


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Stripped values with their checks; InvalidInput naming every field at fault."""
    data = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    data["kvk_number"] = re.sub(r"\s", "", data.get("kvk_number") or "")
    errors: list[dict[str, object]] = []
    if not data.get("name"):
        errors.append({"field": "name", "message": _("required")})
    elif len(data["name"]) > 200:
        errors.append({"field": "name", "message": _("at most 200 characters")})
    if data.get("type") not in OrganisationType.values:
        errors.append({"field": "type", "message": _("choose one of the types")})
    if data["kvk_number"] and not KVK.match(data["kvk_number"]):
        errors.append({"field": "kvk_number", "message": _("eight digits")})
    if data.get("website"):
        try:
            URLValidator(schemes=["http", "https"])(data["website"])
        except ValidationError:
            errors.append({"field": "website", "message": _("a web address (https://…)")})
        if len(data["website"]) > 200:
            errors.append({"field": "website", "message": _("at most 200 characters")})
    if len(data.get("description") or "") > 5000:
        errors.append({"field": "description", "message": _("at most 5000 characters")})
    if errors:
        raise InvalidInput(_("The organisation is not valid."), errors=errors)
    return data


def _refuse_duplicates(data: dict[str, Any], *, exclude: int | None = None) -> None:
    """An organisation with the same name (ignoring case) or KvK number is already in the
    directory: refused with its name, so that the existing entry is used instead. A new one
    also needs a free slug (an entry that is changed keeps its own)."""
    others = Organisation.objects.exclude(pk=exclude) if exclude else Organisation.objects.all()
    errors: list[dict[str, object]] = []
    same_name = others.filter(name__iexact=data["name"]).first()
    if same_name is not None:
        errors.append(
            {
                "field": "name",
                "message": _("%(name)s is already in the directory") % {"name": same_name.name},
            }
        )
    if data["kvk_number"]:
        same_kvk = others.filter(kvk_number=data["kvk_number"]).first()
        if same_kvk is not None:
            errors.append(
                {
                    "field": "kvk_number",
                    "message": _("already the KvK number of %(name)s") % {"name": same_kvk.name},
                }
            )
    slug = slugify(data["name"])[:200] or "organisatie"
    if not errors and exclude is None and others.filter(slug=slug).exists():
        errors.append({"field": "name", "message": _("too close to the name of another one")})
    if errors:
        raise InvalidInput(
            _("This organisation is already in the shared directory: use that entry."),
            errors=errors,
        )


@transaction.atomic
def organisation_create(
    *,
    name: str,
    type: OrganisationType | str,
    kvk_number: str = "",
    description: str = "",
    website: str = "",
    by: Actor,
) -> Organisation:
    """Add an organisation to the shared directory (municipality administrators)."""
    _require_directory_editor(by)
    data = _clean(
        {
            "name": name,
            "type": str(type),
            "kvk_number": kvk_number,
            "description": description,
            "website": website,
        }
    )
    _refuse_duplicates(data)
    try:
        with transaction.atomic():
            return Organisation.objects.create(
                slug=slugify(data["name"])[:200] or "organisatie", **data
            )
    except IntegrityError as exc:  # the same one entered at the same moment
        raise InvalidInput(
            _("This organisation is already in the shared directory: use that entry."),
            errors=[{"field": "name", "message": _("already in the directory")}],
        ) from exc


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, version: int, by: Actor, **fields: Any
) -> Organisation:
    """Change an organisation's entry; `version` must be the one read, else Conflict (409).
    The slug stays (links to its page keep working)."""
    _require_directory_editor(by)
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise InvalidInput(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if locked.version != version:
        raise Conflict(
            _("Someone else changed this organisation in the meantime; reload and try again."),
            errors=[{"field": "version", "message": _("stale version")}],
        )
    data = _clean({**{f: getattr(locked, f) for f in ORGANISATION_FIELDS}, **fields})
    _refuse_duplicates(data, exclude=locked.pk)
    for key, value in data.items():
        setattr(locked, key, value)
    locked.version += 1
    locked.save()
    return locked
