"""Backup and restore of the whole database in a portable file (SQLite and PostgreSQL alike).

A backup is a ZIP file with two members:
- `manifest.json`: format and version, when and from which database it was made, the applied
  schema migrations, the number of rows per model and the SHA-256 of the data;
- `data.jsonl`: one JSON object per line in Django's serialisation format
  (`{"model": "app.model", "pk": ..., "fields": {...}}`), models in dependency order, rows by pk.

Restore checks the manifest (format, checksum, same migrations as this database), refuses a
database that already holds data unless forced, and then empties and reloads every table in
ONE transaction: a restore that fails or is killed leaves the database exactly as it was.
See docs/adr/0004-portable-backup-format.md for the reasons.

A backup holds personal data, password hashes and TOTP secrets, so the file is created readable
by its owner only (0600, from the first byte), and can be encrypted with a key the operator
supplies (`encrypt_key`; see `backup_crypto.py`; restore decrypts with the same key).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.management.sql import sql_flush
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from wijkaanpak.core import backup_crypto
from wijkaanpak.core.exceptions import Conflict, InvalidInput

FORMAT = "wijkaanpak-backup"
FORMAT_VERSION = 1
BATCH = 500

# Rows that are transient or re-created on their own; a restore leaves these tables empty.
EXCLUDED_MODELS = {
    "sessions.session",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
}
# Rows that `migrate` creates by itself: they do not make a database "non-empty".
MIGRATE_CREATED = {"contenttypes.contenttype", "auth.permission"}

Progress = Callable[[str], None]


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds; a backup must keep every microsecond
    (the crash-safety test caught timestamps that changed in a round trip)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, dt.time):
            return o.isoformat()
        return super().default(o)


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def backup_models() -> list[type[models.Model]]:
    """Every concrete model whose rows are backed up, parents before the models that refer to them."""
    app_list = {
        app: [
            m
            for m in app.get_models()
            if not m._meta.proxy and m._meta.managed and _label(m) not in EXCLUDED_MODELS
        ]
        for app in apps.get_app_configs()
    }
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _rows(model: type[models.Model]) -> Iterator[dict[str, Any]]:
    queryset = model._default_manager.using(connection.alias).order_by("pk")
    chunk = list(queryset[: BATCH * 4])
    while chunk:  # pages by pk (keyset), bounded memory
        yield from serializers.serialize("python", chunk)
        chunk = list(queryset.filter(pk__gt=chunk[-1].pk)[: BATCH * 4])


def export_lines() -> Iterator[tuple[str, str]]:
    """(model label, JSON line) for every backed-up row, in the backup's order."""
    for model in backup_models():
        for row in _rows(model):
            yield (
                row["model"],
                json.dumps(row, cls=ExactJSONEncoder, sort_keys=True, ensure_ascii=False),
            )


def database_is_empty() -> bool:
    """True when no table holds rows besides those that `migrate` creates itself."""
    for model in backup_models():
        if _label(model) in MIGRATE_CREATED:
            continue
        if model._default_manager.exists():
            return False
    return True


def _open_private(path: Path) -> IO[bytes]:
    """A new file for writing that only its owner can read, from the moment it exists.

    Any stale file of that name is removed first; O_EXCL and O_NOFOLLOW then make sure we
    write into a file we created ourselves (not through a symlink someone planted)."""
    path.unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    os.fchmod(fd, 0o600)  # the umask can only take bits away; be explicit all the same
    return os.fdopen(fd, "wb")


def backup_create(
    *, path: Path, progress: Progress | None = None, encrypt_key: bytes | None = None
) -> dict[str, Any]:
    """Write a backup of the whole database to `path`; returns the manifest.

    The file is readable by its owner only (also when `path` existed with other permissions:
    the backup is written to a new 0600 file that then replaces it). With `encrypt_key`
    (backup_crypto.key_load) the ZIP is encrypted as it is written; no clear copy touches disk.
    """
    counts: dict[str, int] = {}
    digest = hashlib.sha256()
    tmp = path.with_name(path.name + ".partial")
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    try:
        with _open_private(tmp) as out_file:
            sink: Any = (
                backup_crypto.Sealer(out_file, encrypt_key) if encrypt_key is not None else out_file
            )
            with (
                transaction.atomic(),  # one consistent snapshot (repeatable on PostgreSQL, see ADR)
                zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive,
            ):
                if snapshot:
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                with archive.open("data.jsonl", "w", force_zip64=True) as raw:
                    out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
                    for label, line in export_lines():
                        out.write(line + "\n")
                        digest.update(line.encode() + b"\n")
                        counts[label] = counts.get(label, 0) + 1
                    out.flush()
                    out.detach()
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "database_vendor": connection.vendor,
                    "migrations": applied_migrations(),
                    "counts": counts,
                    "rows": sum(counts.values()),
                    "sha256": digest.hexdigest(),
                }
                archive.writestr("manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
            if isinstance(sink, backup_crypto.Sealer):
                sink.close()
            out_file.flush()
            os.fsync(out_file.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if progress:
        encrypted = " (encrypted)" if encrypt_key is not None else ""
        progress(f"backed up {manifest['rows']} rows of {len(counts)} models to {path}{encrypted}")
    return manifest


def backup_read_manifest(*, path: Path) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(path) as archive:
            manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    except (OSError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        raise InvalidInput(f"{path} is not a Wijkaanpak backup: {exc}") from exc
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise InvalidInput(f"{path} is not a Wijkaanpak backup of format version {FORMAT_VERSION}")
    return manifest


def _verify(path: Path, manifest: dict[str, Any]) -> None:
    digest = hashlib.sha256()
    rows = 0
    with zipfile.ZipFile(path) as archive, archive.open("data.jsonl") as data:
        for line in data:
            digest.update(line)
            rows += 1
    if digest.hexdigest() != manifest["sha256"] or rows != manifest["rows"]:
        raise InvalidInput(f"{path} is damaged: its data do not match the manifest's checksum")


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with zipfile.ZipFile(path) as archive, archive.open("data.jsonl") as data:
        for line in data:
            yield json.loads(line)


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        if batch and (row["model"] != batch[0]["model"] or len(batch) >= BATCH):
            yield batch
            batch = []
        batch.append(row)
    if batch:
        yield batch


def _load_batch(batch: list[dict[str, Any]]) -> None:
    objects = list(serializers.deserialize("python", batch, ignorenonexistent=False))
    model = type(objects[0].object)
    if model._meta.parents:
        for obj in objects:  # multi-table inheritance cannot be bulk-created
            obj.save()
        return
    # Raw insert, like loaddata's save_base(raw=True): bulk_create would run pre_save and so
    # overwrite auto_now/auto_now_add timestamps with the time of the restore (a defect the
    # round-trip test caught). QuerySet._insert is what bulk_create itself uses.
    fields = list(model._meta.local_concrete_fields)
    model._base_manager.using(connection.alias)._insert(  # type: ignore[attr-defined]
        [obj.object for obj in objects], fields=fields, raw=True, using=connection.alias
    )
    for obj in objects:
        for name, targets in (obj.m2m_data or {}).items():
            field: Any = model._meta.get_field(name)
            through = field.remote_field.through
            source = field.m2m_field_name()
            target = field.m2m_reverse_field_name()
            through._default_manager.bulk_create(
                [through(**{f"{source}_id": obj.object.pk, f"{target}_id": t}) for t in targets]
            )


def backup_restore(
    *,
    path: Path,
    force: bool = False,
    progress: Progress | None = None,
    decrypt_key: bytes | None = None,
) -> dict[str, Any]:
    """Replace the database's data with the backup's, all or nothing.

    An encrypted backup needs the key it was made with (`decrypt_key`); it is decrypted into a
    temporary file readable by its owner only, removed afterwards."""
    if not backup_crypto.is_encrypted(path):
        return _restore_plain(path=path, force=force, progress=progress)
    if decrypt_key is None:
        raise InvalidInput(
            f"{path} is encrypted: give the key it was made with (--key-file, or the "
            f"environment variable {backup_crypto.KEY_ENV})"
        )
    with tempfile.TemporaryDirectory(prefix="wijkaanpak-restore-") as tmpdir:
        plain = Path(tmpdir) / "backup.zip"
        with open(path, "rb") as source, _open_private(plain) as target:
            backup_crypto.decrypt(source, target, decrypt_key, name=str(path))
        if progress:
            progress(f"decrypted {path}")
        return _restore_plain(path=plain, force=force, progress=progress, shown=path)


def _restore_plain(
    *, path: Path, force: bool, progress: Progress | None, shown: Path | None = None
) -> dict[str, Any]:
    shown = shown or path
    manifest = backup_read_manifest(path=path)
    here = applied_migrations()
    if manifest["migrations"] != here:
        missing = {tuple(m) for m in manifest["migrations"]} ^ {tuple(m) for m in here}
        raise Conflict(
            "The backup was made with other schema migrations than this database has; "
            "restore it with the same Wijkaanpak version (then upgrade). Differences: "
            + ", ".join(sorted(".".join(m) for m in missing)[:10])
        )
    _verify(path, manifest)
    if not force and not database_is_empty():
        raise Conflict("The database is not empty; restore with --force to replace its data")
    loaded = 0
    report_at = BATCH * 10
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Fire pending deferred checks first: TRUNCATE refuses tables that have them.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for statement in sql_flush(no_style(), connection, reset_sequences=False):
                cursor.execute(statement)
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        if progress:
            progress("emptied the database (inside the restore transaction)")
        for batch in _batches(_lines(path)):
            _load_batch(batch)
            loaded += len(batch)
            if progress and loaded >= report_at:
                progress(f"loaded {loaded} of {manifest['rows']} rows")
                report_at += BATCH * 10
        if loaded != manifest["rows"]:
            raise InvalidInput("The backup ended early")
        sequences = connection.ops.sequence_reset_sql(no_style(), backup_models())
        if sequences:
            with connection.cursor() as cursor:
                for statement in sequences:
                    cursor.execute(statement)
        if progress:
            progress("committing")
    if progress:
        progress(f"restored {loaded} rows from {shown}")
    return manifest
