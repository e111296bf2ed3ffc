"""Backup and restore: round trips give identical data; a non-empty database needs --force."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.scratch import scratch_database
from wijkaanpak.core.backup import backup_create, backup_restore, export_lines
from wijkaanpak.core.exceptions import Conflict, InvalidInput


def _export() -> list[str]:
    return [line for _, line in export_lines()]


def _data(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("data.jsonl")


@pytest.mark.django_db
def test_round_trip_in_process_gives_identical_data(tmp_path, kans, editor, viewer):
    from wijkaanpak.opportunities.services import progress_update_create

    progress_update_create(
        opportunity=kans, date=dt.date(2020, 1, 5), text="Eerste stap", by=editor
    )
    before = _export()
    assert any('"opportunities.progressupdate"' in line for line in before)
    file = tmp_path / "backup.zip"
    call_command("backup", str(file))

    # Change the data in every way: delete, add, edit.
    kans.delete()
    viewer.first_name = "Changed"
    viewer.save()
    assert _export() != before

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(file))
    call_command("restore", str(file), "--force")
    assert _export() == before


@pytest.mark.django_db
def test_restore_refuses_a_damaged_or_foreign_file(tmp_path, programme):
    file = tmp_path / "b.zip"
    manifest = backup_create(path=file)
    assert manifest["rows"] > 0
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(file) as src, zipfile.ZipFile(damaged, "w") as dst:
        dst.writestr("manifest.json", src.read("manifest.json"))
        dst.writestr("data.jsonl", src.read("data.jsonl").replace(b"Overvecht", b"Overvlecht"))
    with pytest.raises(InvalidInput, match="damaged"):
        backup_restore(path=damaged, force=True)
    other = tmp_path / "other.zip"
    other.write_bytes(b"not a zip")
    with pytest.raises(InvalidInput, match="not a Wijkaanpak backup"):
        backup_restore(path=other, force=True)


@pytest.mark.django_db
def test_restore_refuses_other_migrations(tmp_path, programme):
    file = tmp_path / "b.zip"
    backup_create(path=file)
    with zipfile.ZipFile(file) as src:
        manifest = json.loads(src.read("manifest.json"))
        data = src.read("data.jsonl")
    manifest["migrations"].append(["accounts", "9999_from_the_future"])
    newer = tmp_path / "newer.zip"
    with zipfile.ZipFile(newer, "w") as dst:
        dst.writestr("manifest.json", json.dumps(manifest))
        dst.writestr("data.jsonl", data)
    with pytest.raises(Conflict, match="9999_from_the_future"):
        backup_restore(path=newer, force=True)


def test_cli_round_trip_into_a_fresh_database(tmp_path):
    """backup in one database, restore into a new empty one, back up again: same data."""
    first = tmp_path / "first.zip"
    second = tmp_path / "second.zip"
    with scratch_database(tmp_path, template="demo") as source:  # migrate + load_demo, copied
        source.python(
            "from wijkaanpak.accounts.models import User; "
            "User.objects.create_user(username='ünïcode', password='pw-unicode-123', first_name='Zoë')"
        )
        source.run("backup", str(first))
    with scratch_database(tmp_path) as target:
        target.run("restore", str(first))
        refused = target.run("restore", str(first), check=False)
        assert refused.returncode != 0
        assert "not empty" in refused.stderr
        target.run("backup", str(second))
        # The restored database works: a login with a restored password hash succeeds.
        out = target.python(
            "from django.contrib.auth import authenticate; from django.http import HttpRequest; "
            "r = HttpRequest(); r.META['REMOTE_ADDR'] = '127.0.0.1'; "
            "print(authenticate(r, username='ünïcode', password='pw-unicode-123'))"
        )
        assert "ünïcode" in out
    assert _data(first) == _data(second)
    assert b"Zo\xc3\xab" in _data(first)


@pytest.mark.django_db
def test_round_trip_keeps_microseconds(tmp_path, kans):
    from wijkaanpak.opportunities.models import Opportunity

    stamp = dt.datetime(2020, 1, 1, 12, 0, 0, 456, tzinfo=dt.UTC)  # sub-millisecond
    Opportunity.objects.filter(pk=kans.pk).update(created_at=stamp)
    file = tmp_path / "b.zip"
    backup_create(path=file)
    backup_restore(path=file, force=True)
    assert Opportunity.objects.get(pk=kans.pk).created_at == stamp
