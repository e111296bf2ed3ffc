"""Encryption of backup files with a key the operator supplies (AES-256-GCM, `cryptography`).

The key is 32 random bytes written as URL-safe base64 (44 characters, the format of a Fernet
key): `wijkaanpak backup --new-key-file FILE` makes one. It is read from a key file
(`--key-file`) or from the environment variable WIJKAANPAK_BACKUP_KEY.

File format (version 1), the STREAM construction that `age` uses:

    MAGIC (16 bytes) | salt (16 random bytes) | frame | frame | ...
    frame = length of the sealed chunk (4 bytes, big-endian) | sealed chunk

The file key is HKDF-SHA256(operator key, salt); chunks of at most 1 MiB are sealed with
AES-256-GCM under nonce = chunk number (11 bytes) | 1 for the last chunk, else 0, with the
header as associated data. So every chunk is authenticated, chunks cannot be reordered,
dropped or cut off at the end without the decryption noticing, and a wrong key is refused at
the first chunk. The backup is encrypted as it is written: the clear ZIP never touches disk.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from pathlib import Path
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from wijkaanpak.core.exceptions import InvalidInput

MAGIC = b"WIJKAANPAK-ENC1\n"
SALT_BYTES = 16
CHUNK = 1 << 20
TAG_BYTES = 16
KEY_ENV = "WIJKAANPAK_BACKUP_KEY"
_INFO = b"wijkaanpak backup v1"


def key_generate() -> str:
    """A new key as text (URL-safe base64 of 32 random bytes)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def key_parse(text: str, *, source: str) -> bytes:
    problem = (
        f"{source} does not hold a backup key: it must be 32 bytes in URL-safe base64 "
        "(make one with `wijkaanpak backup --new-key-file FILE`)"
    )
    try:
        key = base64.urlsafe_b64decode(text.strip().encode())
    except (binascii.Error, ValueError) as exc:
        raise InvalidInput(problem) from exc
    if len(key) != 32:
        raise InvalidInput(problem)
    return key


def key_load(*, key_file: Path | None = None, use_env: bool = True) -> bytes | None:
    """The key from `key_file`, else from WIJKAANPAK_BACKUP_KEY when set, else None."""
    if key_file is not None:
        try:
            text = key_file.read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"Cannot read the key file {key_file}: {exc}") from exc
        return key_parse(text, source=str(key_file))
    value = os.environ.get(KEY_ENV, "") if use_env else ""
    return key_parse(value, source=KEY_ENV) if value.strip() else None


def key_file_create(path: Path) -> None:
    """Write a new key to `path`, readable by its owner only; never overwrites a file."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise InvalidInput(f"{path} exists already; a key file is never overwritten") from exc
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key_generate() + "\n")


def is_encrypted(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _aead(key: bytes, salt: bytes) -> AESGCM:
    file_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO).derive(key)
    return AESGCM(file_key)


def _nonce(number: int, final: bool) -> bytes:
    return number.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


class Sealer:
    """A write-only binary stream that encrypts what is written to it into `out`.

    It has no `tell()`/`seek()`, so zipfile writes the archive as a stream. Call `close()`
    once at the end: it seals the last chunk (and does not close `out`)."""

    def __init__(self, out: IO[bytes], key: bytes) -> None:
        salt = secrets.token_bytes(SALT_BYTES)
        self._header = MAGIC + salt
        self._aead = _aead(key, salt)
        self._out = out
        self._buffer = bytearray()
        self._number = 0
        self._closed = False
        out.write(self._header)

    def write(self, data: bytes) -> int:
        if self._closed:
            raise ValueError("write to a closed Sealer")
        self._buffer += data
        while len(self._buffer) > CHUNK:  # keep the rest: the last chunk is sealed as last
            self._seal(bytes(self._buffer[:CHUNK]), final=False)
            del self._buffer[:CHUNK]
        return len(data)

    def flush(self) -> None:
        self._out.flush()

    def close(self) -> None:
        if not self._closed:
            self._seal(bytes(self._buffer), final=True)
            self._buffer.clear()
            self._closed = True
            self._out.flush()

    def _seal(self, chunk: bytes, *, final: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._number, final), chunk, self._header)
        self._out.write(len(sealed).to_bytes(4, "big") + sealed)
        self._number += 1


def decrypt(source: IO[bytes], target: IO[bytes], key: bytes, *, name: str = "the backup") -> None:
    """Decrypt a file written through `Sealer` into `target`; InvalidInput for a wrong key or
    a file that was changed, reordered or cut short."""
    header = source.read(len(MAGIC) + SALT_BYTES)
    if len(header) != len(MAGIC) + SALT_BYTES or not header.startswith(MAGIC):
        raise InvalidInput(f"{name} is not an encrypted Wijkaanpak backup")
    aead = _aead(key, header[len(MAGIC) :])
    damaged = f"{name} is damaged or incomplete: its encrypted data do not check out"
    number = 0
    while True:
        length_bytes = source.read(4)
        if len(length_bytes) != 4:
            raise InvalidInput(damaged)  # ended before the last chunk
        length = int.from_bytes(length_bytes, "big")
        if not TAG_BYTES <= length <= CHUNK + TAG_BYTES:
            raise InvalidInput(damaged)
        sealed = source.read(length)
        if len(sealed) != length:
            raise InvalidInput(damaged)
        for final in (False, True):
            try:
                chunk = aead.decrypt(_nonce(number, final), sealed, header)
                break
            except InvalidTag:
                continue
        else:
            if number == 0:
                raise InvalidInput(
                    f"The key does not open {name}: it is not the key the backup was made "
                    "with (or the file is damaged)"
                )
            raise InvalidInput(damaged)
        target.write(chunk)
        number += 1
        if final:
            if source.read(1):
                raise InvalidInput(damaged)  # data after the last chunk
            return
