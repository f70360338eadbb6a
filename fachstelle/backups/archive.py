"""The `.fsbackup` file format: named entries, encrypted and authenticated with AES-256-GCM in chunks.

Layout (all integers big-endian):

    header  = b"FSBACKUP" | version u8 | chunk size u32 | key id 8 bytes | nonce prefix 7 bytes   (28 bytes)
    chunk i = AES-256-GCM(key, nonce = prefix | i u32 | last u8, aad = header)(plaintext) | tag 16 bytes

Every chunk but the last holds exactly `chunk size` plaintext bytes; the last holds 0…chunk size and is the
only one encrypted with last = 1 (the STREAM construction). So a flipped bit anywhere, reordered or dropped
chunks, a file cut at any byte and appended garbage all fail authentication. The header is the associated
data of every chunk, so it cannot be altered either. The key id (an HMAC of the key, not the key) only
turns "wrong key" into a clear message instead of a generic authentication failure.

The plaintext is a sequence of entries, so that a database dump can be streamed in without knowing its
size up front (tar needs it) and without a plaintext copy on disk:

    entry = b"E" | name length u16 | name (UTF-8) | frames (length u32 | bytes)… | length 0
    end   = b"Z"
"""

import base64
import binascii
import hashlib
import hmac
import os
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"FSBACKUP"
VERSION = 1
CHUNK_SIZE = 1024 * 1024
TAG_SIZE = 16
_HEADER = struct.Struct(">8sBI8s7s")
HEADER_SIZE = _HEADER.size
KEY_ENV = "BACKUP_ENCRYPTION_KEY"
# Entry names are relative POSIX paths of these shapes; nothing else is ever written or accepted.
_NAME = re.compile(r"^(manifest\.json|database\.(pgdump|sqlite3)|(media|private)/.+)$")


class ArchiveError(Exception):
    """The archive cannot be read: not ours, wrong key, damaged, altered or truncated (the message says)."""


def key_from_env(environ=None) -> bytes:
    """The 32-byte backup key from BACKUP_ENCRYPTION_KEY (base64). Read from the environment only, not from
    settings, so that it never shows up in a settings dump or error page."""
    environ = os.environ if environ is None else environ
    value = environ.get("BACKUP_ENCRYPTION_KEY", "").strip()
    if not value:
        raise ArchiveError(
            f"{KEY_ENV} is not set: backups are always encrypted. Make a key with "
            '`python3 -c "import base64, os; print(base64.b64encode(os.urandom(32)).decode())"` '
            "and keep a copy outside this server (see docs/backups.md)."
        )
    try:
        altchars = b"-_" if ("-" in value or "_" in value) else None  # URL-safe base64 is fine too
        key = base64.b64decode(value, altchars=altchars, validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:
        raise ArchiveError(f"{KEY_ENV} must be 32 random bytes in base64 (44 characters).")
    return key


def key_id(key: bytes) -> bytes:
    return hmac.new(key, b"fachstelle backup key id", hashlib.sha256).digest()[:8]


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", counter, 1 if last else 0)


class EncryptingWriter:
    """File-like sink: buffers plaintext, writes encrypted chunks to `raw`; `close()` writes the last one."""

    def __init__(self, raw: BinaryIO, key: bytes, chunk_size: int = CHUNK_SIZE):
        self._raw = raw
        self._aead = AESGCM(key)
        self._chunk_size = chunk_size
        self._prefix = os.urandom(7)
        self._header = _HEADER.pack(MAGIC, VERSION, chunk_size, key_id(key), self._prefix)
        self._counter = 0
        self._buffer = bytearray()
        raw.write(self._header)

    def write(self, data: bytes) -> None:
        self._buffer += data
        # Keep at least one byte back: only close() knows which chunk is the last.
        while len(self._buffer) > self._chunk_size:
            self._emit(bytes(self._buffer[: self._chunk_size]), last=False)
            del self._buffer[: self._chunk_size]

    def close(self) -> None:
        self._emit(bytes(self._buffer), last=True)
        self._buffer.clear()

    def _emit(self, plaintext: bytes, *, last: bool) -> None:
        nonce = _nonce(self._prefix, self._counter, last)
        self._raw.write(self._aead.encrypt(nonce, plaintext, self._header))
        self._counter += 1


class DecryptingReader:
    """File-like source of the plaintext of an archive; raises ArchiveError on anything but a whole, intact
    archive made with this key."""

    def __init__(self, raw: BinaryIO, key: bytes):
        self._raw = raw
        header = raw.read(HEADER_SIZE)
        if len(header) < len(MAGIC) or header[: len(MAGIC)] != MAGIC:
            raise ArchiveError("This file is not a fachstelle backup archive.")
        if len(header) < HEADER_SIZE:
            raise ArchiveError("The archive is truncated (incomplete header).")
        _magic, version, chunk_size, archive_key_id, prefix = _HEADER.unpack(header)
        if version != VERSION:
            raise ArchiveError(f"Archive format version {version} is not supported (this code: {VERSION}).")
        if not 0 < chunk_size <= 64 * 1024 * 1024:
            raise ArchiveError("The archive header is damaged (chunk size).")
        if not hmac.compare_digest(archive_key_id, key_id(key)):
            raise ArchiveError(
                f"The archive was made with a different {KEY_ENV} (key id {archive_key_id.hex()}, "
                f"yours {key_id(key).hex()})."
            )
        self._aead = AESGCM(key)
        self._header = header
        self._prefix = prefix
        self._block = chunk_size + TAG_SIZE
        self._counter = 0
        self._pending = raw.read(self._block)
        self._finished = False
        self._buffer = bytearray()

    def _next_chunk(self) -> bytes | None:
        if self._finished:
            return None
        if not self._pending:
            raise ArchiveError("The archive is truncated (no data after the header).")
        following = self._raw.read(self._block)
        last = not following
        nonce = _nonce(self._prefix, self._counter, last)
        try:
            plaintext = self._aead.decrypt(nonce, self._pending, self._header)
        except InvalidTag:
            raise ArchiveError(
                f"The archive is damaged, truncated or was altered: chunk {self._counter} failed "
                "authentication. Nothing was restored from it."
            ) from None
        self._counter += 1
        self._pending = following
        self._finished = last
        return plaintext

    def read(self, size: int) -> bytes:
        while len(self._buffer) < size:
            chunk = self._next_chunk()
            if chunk is None:
                break
            self._buffer += chunk
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def read_exact(self, size: int) -> bytes:
        data = self.read(size)
        if len(data) != size:
            raise ArchiveError("The archive content ends in the middle of an entry.")
        return data

    def at_end(self) -> bool:
        while not self._buffer:
            chunk = self._next_chunk()
            if chunk is None:
                return True
            self._buffer += chunk
        return False


def check_name(name: str) -> str:
    """Entry names become paths on restore: only our own shapes, relative, without `..`."""
    path = PurePosixPath(name)
    parts = name.split("/")
    if not _NAME.match(name) or path.is_absolute() or any(part in {"", ".", ".."} for part in parts):
        raise ArchiveError(f"The archive holds an entry with an unsafe name: {name!r}.")
    return name


@dataclass
class EntryInfo:
    name: str
    size: int
    sha256: str


class ArchiveWriter:
    """Writes entries into an EncryptingWriter, hashing each one on the way."""

    def __init__(self, sink: EncryptingWriter):
        self._sink = sink

    def add_stream(self, name: str, chunks: Iterator[bytes]) -> EntryInfo:
        encoded = check_name(name).encode()
        self._sink.write(b"E" + struct.pack(">H", len(encoded)) + encoded)
        digest, size = hashlib.sha256(), 0
        for chunk in chunks:
            if not chunk:
                continue
            digest.update(chunk)
            size += len(chunk)
            self._sink.write(struct.pack(">I", len(chunk)) + chunk)
        self._sink.write(struct.pack(">I", 0))
        return EntryInfo(name=name, size=size, sha256=digest.hexdigest())

    def add_bytes(self, name: str, data: bytes) -> EntryInfo:
        return self.add_stream(name, iter([data]))

    def finish(self) -> None:
        self._sink.write(b"Z")
        self._sink.close()


def read_entries(source: DecryptingReader) -> Iterator[tuple[str, Iterator[bytes]]]:
    """Yields (name, chunks) per entry; each entry's chunks must be consumed before the next is read."""
    while True:
        marker = source.read_exact(1)
        if marker == b"Z":
            if not source.at_end():
                raise ArchiveError("The archive holds data after its end marker.")
            return
        if marker != b"E":
            raise ArchiveError("The archive content is malformed.")
        (length,) = struct.unpack(">H", source.read_exact(2))
        try:
            name = check_name(source.read_exact(length).decode())
        except UnicodeDecodeError:
            raise ArchiveError("The archive content is malformed (entry name).") from None

        def frames() -> Iterator[bytes]:
            while True:
                (size,) = struct.unpack(">I", source.read_exact(4))
                if size == 0:
                    return
                yield source.read_exact(size)

        yield name, frames()


def file_chunks(stream: BinaryIO, size: int = CHUNK_SIZE) -> Iterator[bytes]:
    while chunk := stream.read(size):
        yield chunk
