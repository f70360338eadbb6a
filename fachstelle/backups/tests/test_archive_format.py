"""The .fsbackup format round-trips entries and refuses every damaged, altered, truncated or foreign archive
with a clear message (no database needed)."""

import base64
import io
import os

import pytest

from fachstelle.backups import archive
from fachstelle.backups.archive import ArchiveError

KEY = os.urandom(32)
SMALL_CHUNK = 64  # many chunks from little data: boundaries get exercised


def make_archive(entries: dict[str, bytes], key: bytes = KEY, chunk_size: int = SMALL_CHUNK) -> bytes:
    raw = io.BytesIO()
    writer = archive.ArchiveWriter(archive.EncryptingWriter(raw, key, chunk_size=chunk_size))
    for name, data in entries.items():
        writer.add_stream(name, iter([data[: len(data) // 2], data[len(data) // 2 :]]))
    writer.finish()
    return raw.getvalue()


def read_archive(data: bytes, key: bytes = KEY) -> dict[str, bytes]:
    reader = archive.DecryptingReader(io.BytesIO(data), key)
    return {name: b"".join(chunks) for name, chunks in archive.read_entries(reader)}


ENTRIES = {
    "database.pgdump": os.urandom(1000),
    "media/grants/2026/statuten.pdf": b"%PDF-1.4 " + os.urandom(300),
    "private/exports/leer.zip": b"",
    "manifest.json": b'{"files": []}',
}


def test_round_trip_keeps_every_entry_and_hides_the_plaintext():
    data = make_archive(ENTRIES)
    assert read_archive(data) == ENTRIES
    assert b"%PDF" not in data and b"statuten" not in data and b"manifest" not in data
    assert data.startswith(archive.MAGIC)


@pytest.mark.parametrize("size", [0, 1, SMALL_CHUNK - 1, SMALL_CHUNK, SMALL_CHUNK + 1, 3 * SMALL_CHUNK])
def test_plaintext_exactly_on_chunk_boundaries_round_trips(size):
    # The entry framing adds bytes; vary the payload so that the stream ends on and around a boundary.
    for extra in range(12):
        entries = {"media/a": os.urandom(size + extra)}
        assert read_archive(make_archive(entries)) == entries


def test_same_input_gives_different_ciphertext():
    assert make_archive(ENTRIES) != make_archive(ENTRIES)  # fresh nonce prefix per archive


def test_every_flipped_byte_is_detected():
    data = make_archive(ENTRIES)
    for position in range(0, len(data), 7):
        tampered = bytearray(data)
        tampered[position] ^= 0x01
        with pytest.raises(ArchiveError):
            read_archive(bytes(tampered))


def test_altered_chunk_names_the_chunk():
    data = bytearray(make_archive(ENTRIES))
    data[archive.HEADER_SIZE + 3 * (SMALL_CHUNK + archive.TAG_SIZE) + 5] ^= 0xFF
    with pytest.raises(ArchiveError, match="chunk 3 failed authentication"):
        read_archive(bytes(data))


def test_every_truncation_is_detected():
    data = make_archive(ENTRIES)
    block = SMALL_CHUNK + archive.TAG_SIZE
    cuts = set(range(0, len(data), 5)) | {archive.HEADER_SIZE + n * block for n in range(len(data) // block)}
    for cut in sorted(cuts):
        if cut >= len(data):
            continue
        with pytest.raises(ArchiveError, match=r"truncated|not a fachstelle"):
            read_archive(data[:cut])


def test_truncation_on_a_chunk_boundary_is_detected():
    data = make_archive(ENTRIES)
    block = SMALL_CHUNK + archive.TAG_SIZE
    with pytest.raises(ArchiveError, match="damaged, truncated or was altered"):
        read_archive(data[: archive.HEADER_SIZE + 4 * block])


def test_appended_bytes_and_swapped_chunks_are_detected():
    data = make_archive(ENTRIES)
    with pytest.raises(ArchiveError):
        read_archive(data + b"\0" * 20)
    block = SMALL_CHUNK + archive.TAG_SIZE
    first = archive.HEADER_SIZE
    swapped = data[:first] + data[first + block : first + 2 * block] + data[first : first + block]
    swapped += data[first + 2 * block :]
    with pytest.raises(ArchiveError, match="chunk 0 failed"):
        read_archive(swapped)


def test_wrong_key_is_named_as_such():
    data = make_archive(ENTRIES)
    with pytest.raises(ArchiveError, match="different BACKUP_ENCRYPTION_KEY"):
        read_archive(data, key=os.urandom(32))


def test_foreign_file_and_unknown_version():
    with pytest.raises(ArchiveError, match="not a fachstelle backup"):
        read_archive(b"PGDMP" + os.urandom(100))
    data = bytearray(make_archive(ENTRIES))
    data[len(archive.MAGIC)] = 99
    with pytest.raises(ArchiveError, match="version 99 is not supported"):
        read_archive(bytes(data))


@pytest.mark.parametrize(
    "name", ["../etc/passwd", "/etc/passwd", "media/../../x", "media/", "media//x", "other"]
)
def test_unsafe_entry_names_are_refused_both_ways(name):
    with pytest.raises(ArchiveError, match="unsafe name"):
        make_archive({name: b"x"})


def test_key_comes_from_the_environment_and_must_be_32_bytes():
    with pytest.raises(ArchiveError, match="is not set"):
        archive.key_from_env({})
    with pytest.raises(ArchiveError, match="32 random bytes"):
        archive.key_from_env({"BACKUP_ENCRYPTION_KEY": base64.b64encode(os.urandom(16)).decode()})
    with pytest.raises(ArchiveError, match="32 random bytes"):
        archive.key_from_env({"BACKUP_ENCRYPTION_KEY": "not base64 at all!"})
    assert archive.key_from_env({"BACKUP_ENCRYPTION_KEY": base64.b64encode(KEY).decode()}) == KEY
    assert archive.key_from_env({"BACKUP_ENCRYPTION_KEY": base64.urlsafe_b64encode(KEY).decode()}) == KEY
