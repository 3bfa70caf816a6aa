"""``make bench-sync``: what syncing 1,000 new persons with their requests costs on the wire.

Prints bytes on the wire (both ways, HTTP included, counted by the proxy) and round trips against the
floor — the gzip size of the same records as one JSON document — then the time over a link throttled
to 64 kbit/s with 300 ms of delay each way (through the fault-injecting proxy). Not a test: figures.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from desktop.domain.entities import BY_NAME
from desktop.domain.enums import Sex
from desktop.domain.fiscal_code import encode
from desktop.domain.models import Person, Request
from desktop.reference import municipalities
from desktop.reference.categories import CATEGORY_CODES
from desktop.storage.store import Store
from tests.helpers.desks import open_desk
from tests.helpers.fault_proxy import FaultProxy, Faults
from tests.helpers.sync_server import RunningServer

PERSONS = 1000
SURNAMES = ["Audisio", "Bertola", "Chiabrando", "Cravero", "Gili", "Garrone", "Perotti", "Rostagno", "Allasia",
            "Bonino", "Fassino", "Rinaudo", "Ghigo", "Mondino", "Peirone", "Tallone", "Vottero", "Bessone"]
NAMES = [("Maria", "F"), ("Giuseppe", "M"), ("Anna", "F"), ("Giovanni", "M"), ("Rosa", "F"), ("Carlo", "M"),
         ("Teresa", "F"), ("Pietro", "M"), ("Lucia", "F"), ("Mario", "M")]
RATE = 64_000 / 8  # bytes per second
DELAY = 0.300


def fill(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    towns = [m.code for m in municipalities.territory()]
    categories = sorted(CATEGORY_CODES)
    with store.transaction():
        for i in range(PERSONS):
            last = rng.choice(SURNAMES)
            first, sex = rng.choice(NAMES)
            born = date(1930, 1, 1) + timedelta(days=rng.randrange(0, 365 * 70))
            code = encode(last, first, Sex(sex), born, rng.choice(towns)) if rng.random() < 0.85 else None
            person = store.save(Person(
                fiscal_code=code, last_name=last, first_name=first, birth_date=born, sex=sex,
                municipality_code=rng.choice(towns), address=f"Via Roma {i % 120 + 1}",
                phone=f"0{rng.randint(11, 175)} 000 {rng.randint(1000, 9999)}",
                notes="Persona di esempio (dati fittizi)",
            ))
            store.save(Request(person_id=person.id, category=rng.choice(categories),
                               description="Richiesta di esempio: accompagnamento a una visita medica"))


def floor_bytes(store: Store) -> tuple[int, int]:
    """gzip size of the same records as one JSON document, and their uncompressed size."""
    records = []
    for name in ("person", "request", "status_change"):
        entity = BY_NAME[name]
        for row in store.rows(name):
            records.append({k: row[k] for k in ("id", *entity.fields, "origin_desk", "created_at")})
    raw = json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return len(gzip.compress(raw, compresslevel=9)), len(raw)


def run(root: Path) -> None:
    with RunningServer(root / "server") as server, FaultProxy(server.port) as proxy:
        desks = {name: open_desk(root / name) for name in ("a", "b", "c")}
        clients = {name: server.enroll(store, name, "bench", url=proxy.url) for name, store in desks.items()}
        for client in clients.values():
            client.sync()  # the catalog, once: not part of the figures
        fill(desks["a"], seed=1)
        changes = desks["a"].outbox_count()
        floor, raw = floor_bytes(desks["a"])
        print(f"{PERSONS} persons with requests: {changes} changes; records as JSON {raw / 1024:.0f} KiB, "
              f"floor (gzip -9 of that JSON) {floor / 1024:.1f} KiB")

        proxy.reset_counters()
        start = time.perf_counter()
        report = clients["a"].sync()
        elapsed = time.perf_counter() - start
        wire = proxy.bytes_up + proxy.bytes_down
        print(f"push, loopback:         {wire / 1024:7.1f} KiB on the wire (up {proxy.bytes_up / 1024:.1f}, "
              f"down {proxy.bytes_down / 1024:.1f}) = {wire / floor:.2f}x floor; "
              f"{report.rounds} round trips; {elapsed:.1f} s")

        proxy.reset_counters()
        start = time.perf_counter()
        report = clients["b"].sync()
        elapsed = time.perf_counter() - start
        wire = proxy.bytes_up + proxy.bytes_down
        print(f"pull, loopback:         {wire / 1024:7.1f} KiB on the wire = {wire / floor:.2f}x floor; "
              f"{report.rounds} round trips; {elapsed:.1f} s")

        fill(desks["b"], seed=2)  # another 1,000 new persons, pushed over the slow link
        proxy.faults = Faults(delay=DELAY, rate=RATE)
        proxy.reset_counters()
        start = time.perf_counter()
        report = clients["b"].sync()
        elapsed = time.perf_counter() - start
        wire = proxy.bytes_up + proxy.bytes_down
        print(f"push, 64 kbit/s+300 ms: {wire / 1024:7.1f} KiB on the wire; {report.rounds} round trips; "
              f"{elapsed:.1f} s")

        proxy.reset_counters()
        start = time.perf_counter()
        report = clients["c"].sync()
        elapsed = time.perf_counter() - start
        wire = proxy.bytes_up + proxy.bytes_down
        print(f"pull, 64 kbit/s+300 ms: {wire / 1024:7.1f} KiB on the wire ({report.received} changes); "
              f"{report.rounds} round trips; {elapsed:.1f} s")
        for store in desks.values():
            store.close()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="wpt-bench-") as tmp:
        run(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
