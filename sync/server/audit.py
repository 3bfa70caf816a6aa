"""The server's side of the access log: each desk's entries arrive as changes; the server checks that
each follows the one before it on its desk (:func:`sync.audit.chain_problem`) and keeps them all, for at
least 24 months (it never deletes one; they hold ids, never personal values, so they stay after a
person is erased). A broken link is kept with its problem, for ``wpt-server audit``, not refused: the
log must not lose the entries that come after it.
"""

from __future__ import annotations

from typing import Protocol

from pydantic import ValidationError

from sync.audit import AccessEntry, chain_problem
from sync.protocol import Change
from sync.server.storage import Storage


class Sender(Protocol):
    """The desk that sent an entry, as the credential it synced with says."""

    @property
    def desk_id(self) -> str: ...
    @property
    def network(self) -> str: ...
    @property
    def name(self) -> str: ...


def receive_entry(storage: Storage, desk: Sender, change: Change) -> str:
    """Keep one access log entry sent by ``desk``; return "" when kept, else why it was refused."""
    try:
        entry = AccessEntry.model_validate({**change.fields, "id": change.row_id})
    except ValidationError:
        return "voce del registro degli accessi non valida"
    if entry.desk_id != desk.desk_id:
        return "voce del registro degli accessi di un altro sportello"
    storage.append_audit(desk.network, desk.name, entry, chain_problem(entry, storage.last_audit_entry(entry.desk_id)))
    return ""
