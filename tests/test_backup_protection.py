"""Backups are secret (issue 12, item 11): owner-only files, encryption with the operator's key."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from wijkaanpak.core import backup as backup_module
from wijkaanpak.core import backup_crypto
from wijkaanpak.core.backup import backup_create, backup_restore, export_lines
from wijkaanpak.core.exceptions import InvalidInput

pytestmark = pytest.mark.django_db


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _export() -> list[str]:
    return [line for _, line in export_lines()]


@pytest.fixture
def open_umask():
    """The most permissive umask: whatever the process's umask, backups stay private."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_a_backup_is_readable_by_its_owner_only_from_the_first_byte(
    tmp_path, programme, monkeypatch, open_umask
):
    file = tmp_path / "backup.zip"
    file.write_bytes(b"an older file, readable by everyone")
    file.chmod(0o644)
    seen: list[int] = []
    real = backup_module.export_lines

    def watching():  # the mode of the file being written, while rows are written into it
        for item in real():
            if not seen:
                seen.append(_mode(file.with_name(file.name + ".partial")))
            yield item

    monkeypatch.setattr(backup_module, "export_lines", watching)
    call_command("backup", str(file))
    assert seen == [0o600]
    assert _mode(file) == 0o600  # also replacing a file that was world-readable
    assert not file.with_name(file.name + ".partial").exists()


def test_an_encrypted_backup_round_trip_and_a_wrong_key(tmp_path, editor, open_umask):
    key_file = tmp_path / "backup.key"
    call_command("backup", "--new-key-file", str(key_file))
    assert _mode(key_file) == 0o600
    file = tmp_path / "backup.wkb"
    call_command("backup", str(file), "--encrypt-key-file", str(key_file))
    assert _mode(file) == 0o600
    content = file.read_bytes()
    assert content.startswith(backup_crypto.MAGIC)
    assert not zipfile.is_zipfile(file)
    for clear in (b"editor", b"pbkdf2_sha256", b"manifest.json", b"Overvecht"):
        assert clear not in content

    before = _export()
    editor.first_name = "Changed"
    editor.save()
    assert _export() != before

    with pytest.raises(CommandError, match="is encrypted"):
        call_command("restore", str(file), "--force")
    wrong = tmp_path / "wrong.key"
    wrong.write_text(backup_crypto.key_generate())
    with pytest.raises(CommandError, match="The key does not open"):
        call_command("restore", str(file), "--force", "--key-file", str(wrong))
    assert _export() != before  # nothing was restored
    call_command("restore", str(file), "--force", "--decrypt-key-file", str(key_file))
    assert _export() == before


def test_the_key_may_come_from_the_environment(tmp_path, programme, monkeypatch):
    key = backup_crypto.key_generate()
    monkeypatch.setenv(backup_crypto.KEY_ENV, key)
    file = tmp_path / "b.wkb"
    call_command("backup", str(file))
    assert backup_crypto.is_encrypted(file)
    call_command("restore", str(file), "--force")
    monkeypatch.setenv(backup_crypto.KEY_ENV, "too-short")
    with pytest.raises(CommandError, match="32 bytes"):
        call_command("restore", str(file), "--force")


def test_a_tampered_or_cut_encrypted_backup_is_refused(tmp_path, programme, monkeypatch):
    monkeypatch.setattr(backup_crypto, "CHUNK", 1024)  # several chunks from a small database
    key = backup_crypto.key_parse(backup_crypto.key_generate(), source="test")
    file = tmp_path / "b.wkb"
    backup_create(path=file, encrypt_key=key)
    content = file.read_bytes()
    header = len(backup_crypto.MAGIC) + backup_crypto.SALT_BYTES
    first = 4 + int.from_bytes(content[header : header + 4], "big")
    assert len(content) > header + 2 * first, "the test needs more than one chunk"
    cases = {
        "flipped": content[:-20] + bytes([content[-20] ^ 1]) + content[-19:],
        "cut": content[: header + first],  # only the first chunk: the last one is missing
        "dropped": content[:header] + content[header + first :],  # the first chunk removed
        "appended": content + content[header : header + first],
    }
    for name, data in cases.items():
        bad = tmp_path / f"{name}.wkb"
        bad.write_bytes(data)
        with pytest.raises(InvalidInput):
            backup_restore(path=bad, force=True, decrypt_key=key)
    backup_restore(path=file, force=True, decrypt_key=key)  # the intact file still restores
