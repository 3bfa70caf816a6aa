"""The plaintext of every page of a desk's database file and of its WAL, to look for what must be gone;
and a day's registrations sent to the server, whose trimmed outbox leaves pages freed whole.

SQLCipher 4 with the desk's settings: 4,096-byte pages, each AES-256-CBC encrypted under the database key
(a raw key: no key derivation), its IV and HMAC in the 80 bytes reserved at the end of the page; the first
16 bytes of page 1 are the salt. The HMAC is not checked: these are the desk's own files.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from desktop.domain.models import Person
from desktop.operations.persons import register_person
from desktop.storage.store import Store
from desktop.storage.sync_tables import drop_from_outbox

PAGE_SIZE, RESERVED, SALT = 4096, 80, 16
_WAL_HEADER, _FRAME_HEADER = 32, 24


def _page(key: bytes, raw: bytes, number: int) -> bytes:
    iv = raw[PAGE_SIZE - RESERVED:PAGE_SIZE - RESERVED + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(raw[SALT if number == 1 else 0:PAGE_SIZE - RESERVED]) + decryptor.finalize()


def pages_holding(key: bytes, database: Path, needle: bytes) -> tuple[list[int], list[int]]:
    """The numbers of the file's pages, and of the WAL's frames, whose plaintext holds ``needle``."""
    data = database.read_bytes()
    in_file = [offset // PAGE_SIZE + 1 for offset in range(0, len(data) - PAGE_SIZE + 1, PAGE_SIZE)
               if needle in _page(key, data[offset:offset + PAGE_SIZE], offset // PAGE_SIZE + 1)]
    wal = Path(f"{database}-wal")
    frames: list[int] = []
    if wal.exists():
        log = wal.read_bytes()
        offset, frame = _WAL_HEADER, 0
        while offset + _FRAME_HEADER + PAGE_SIZE <= len(log):
            number = int.from_bytes(log[offset:offset + 4], "big")
            if needle in _page(key, log[offset + _FRAME_HEADER:offset + _FRAME_HEADER + PAGE_SIZE], number):
                frames.append(frame)
            offset, frame = offset + _FRAME_HEADER + PAGE_SIZE, frame + 1
    return in_file, frames


# A surname no other value of a test desk contains: looked for on the decrypted pages.
MARKED = "Qzxwvutsrqk"


def registered_and_sent(store: Store, surname: str = MARKED) -> Person:
    """A day's registrations (300 persons, one named ``surname``), their changes then trimmed from the
    outbox one at a time, as the server's acknowledgements do (pages freed whole); the person so named."""
    marked = None
    for i in range(300):
        person = register_person(store, Person(last_name=surname if i == 150 else f"Persona {i}",
                                               first_name="Albina", phone=f"0121 {i:06d}")).value
        marked = person if i == 150 else marked
    assert marked is not None
    sent = [row["change_id"] for row in store.query("SELECT change_id FROM outbox ORDER BY seq")]
    with store.transaction() as conn:
        for change_id in sent:
            drop_from_outbox(conn, change_id)
    return marked
