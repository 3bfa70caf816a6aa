"""Compact snapshot rows: a desk that asks for them gets one change per row, its newer stamps beside its
values, which expands into exactly the changes an older desk gets (one per stamp); fewer bytes."""

from __future__ import annotations

from collections.abc import Callable

from desktop.domain.models import Person
from desktop.ids import HybridLogicalClock, uuid7
from desktop.storage.store import Store
from sync.protocol import SNAPSHOT_START, Change, SyncRequest, encode
from sync.server.engine import Principal, SyncEngine
from tests.helpers.sync_server import RunningServer

BOTH_BACKENDS = True

NewDesk = Callable[[str], Store]


def _principal(engine: SyncEngine, name: str, node: str) -> Principal:
    return engine.authenticate(engine.redeem(engine.create_enrollment(name, "rete"), node).credential)


def _pages(server: RunningServer, compact: bool) -> list[Change]:
    engine = server.engine()
    principal = _principal(engine, f"Lettore {compact}", f"reader{int(compact)}")
    out: list[Change] = []
    position = SNAPSHOT_START
    while position:
        answer = engine.sync(principal, SyncRequest(snapshot=position, compact_snapshot=compact))
        out.extend(answer.changes)
        position = answer.snapshot
    return out


def test_a_compact_row_expands_into_the_changes_of_a_plain_snapshot(server: RunningServer, new_desk: NewDesk) -> None:
    a = new_desk("a")
    client = server.enroll(a, "A", "rete")
    persons = [a.save(Person(last_name=f"Gili{i}", first_name="Ada")) for i in range(30)]
    assert client.sync().complete
    for edit in range(2):
        for number, person in enumerate(persons[:20]):
            a.save(person.model_copy(update={"phone": f"011 55{edit}{number:04d}"}))
        assert client.sync().complete
    plain, compact = _pages(server, False), _pages(server, True)
    assert _same_but_ids(compact, plain)
    persons_compact = [c for c in compact if c.entity == "person"]
    assert len(persons_compact) == 30 and sum(bool(c.stamps) for c in persons_compact) == 20
    assert len(plain) > len(compact)
    assert len(encode(SyncRequest(changes=compact))) < len(encode(SyncRequest(changes=plain)))


def _same_but_ids(compact: list[Change], plain: list[Change]) -> bool:
    """The expanded changes equal the plain ones in all but their change ids (made on each side)."""
    expanded = [c for change in compact for c in change.expanded()]
    strip = {"change_id"}
    return [c.model_dump(exclude=strip) for c in expanded] == [c.model_dump(exclude=strip) for c in plain]


def test_stamps_in_a_pushed_change_are_not_logged(server: RunningServer) -> None:
    engine = server.engine()
    principal = _principal(engine, "Pusher", "pusher")
    clock = HybridLogicalClock(principal.desk_id)
    first, later = clock.now(), clock.now()
    forged = Change(change_id=uuid7(), entity="person", row_id=uuid7(),
                    fields={"last_name": "Gili", "first_name": "Ada"}, hlc=first,
                    stamps={"first_name": later}, origin_desk=principal.desk_id)
    assert not engine.sync(principal, SyncRequest(changes=[forged])).rejected
    logged = [e.change for e in engine.storage.read_log("rete", 0, 1000) if e.change.row_id == forged.row_id]
    assert len(logged) == 1 and logged[0].stamps == {} and logged[0].hlc == first
