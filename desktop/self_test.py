"""``wpt-desk self-test``: a headless check that this installation works, one line per check.

It runs in a temporary folder and never touches the desk's data: it opens a fresh database (running
the migrations), checks the reference data (municipalities, categories, catalog), records a person
with a request and a referral, then hands over to the Qt checks (``ui/self_test.py``: the main window
built offscreen and a referral slip PDF), and finally validates ``wpt-desk.toml`` if there is one. It
stops at the first failure and says why. The same command runs from source and in the frozen bundle,
so IT can run it after an install and CI runs it against the bundle.

This module imports no Qt: the Qt checks come in as plain callables.
"""

from __future__ import annotations

import secrets
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from desktop import __version__
from desktop.config import config_candidates, load_config
from desktop.domain.enums import Sex
from desktop.domain.fiscal_code import decode, encode
from desktop.domain.models import Person
from desktop.messages import plural
from desktop.operations.persons import register_person
from desktop.operations.requests import NewRequest, record_request
from desktop.queries.catalog import services_covering
from desktop.reference.catalog import sample_providers, sample_services
from desktop.reference.categories import DEFAULT_CATEGORIES
from desktop.reference.municipalities import lookup, territory
from desktop.storage import migrations, sync_tables
from desktop.storage.maintenance import integrity_problems
from desktop.storage.opening import set_up_and_open
from desktop.storage.store import Store

# The Metropolitan City of Turin has 312 municipalities: fewer means the bundled data is incomplete.
TERRITORY_SIZE = 312


class CheckFailed(Exception):
    """A check found a problem: the message says which, in Italian."""


@dataclass
class SelfTest:
    """What the checks share.

    Attributes:
        folder: the temporary folder of the fresh database (deleted at the end).
        data_dir: the desk's real data folder (only its ``wpt-desk.toml`` is read).
        store: the fresh store, once opened.
        referral_id: the referral recorded for the slip check.
        notes: one line per passed check.
    """

    folder: Path
    data_dir: Path
    store: Store | None = None
    referral_id: str | None = None
    notes: list[str] = field(default_factory=list)

    def opened_store(self) -> Store:
        if self.store is None:
            raise CheckFailed("il database di prova non è stato aperto")
        return self.store


Check = tuple[str, Callable[[SelfTest], str]]  # (name, function returning the detail of a pass)


def _municipalities(test: SelfTest) -> str:
    found = len(territory())
    if found != TERRITORY_SIZE:
        raise CheckFailed(f"trovati {found} comuni del territorio invece di {TERRITORY_SIZE}")
    return f"{found} comuni della Città metropolitana di Torino"


def _fiscal_code(test: SelfTest) -> str:
    turin = lookup("Torino")
    if turin is None:
        raise CheckFailed("il comune di Torino manca nei dati di riferimento")
    born = date(1950, 4, 1)
    code = encode("Rossi", "Maria", Sex.FEMALE, born, turin.code)
    decoded = decode(code)
    if decoded.birth_date != born or decoded.birthplace_code != turin.code:
        raise CheckFailed(f"il codice fiscale {code} non si decodifica nei dati da cui è stato calcolato")
    return f"calcolato e decodificato ({code})"


def _database(test: SelfTest) -> str:
    test.store = set_up_and_open(test.folder / "desk", "autodiagnosi", secrets.token_urlsafe(16))
    version = int(test.store.scalar("PRAGMA user_version"))
    if version != migrations.LATEST_VERSION:
        raise CheckFailed(f"schema alla versione {version} invece di {migrations.LATEST_VERSION}")
    return f"database cifrato nuovo creato, schema versione {version}"


def _categories(test: SelfTest) -> str:
    found, expected = test.opened_store().count("category"), len(DEFAULT_CATEGORIES)
    if found != expected:
        raise CheckFailed(f"{found} categorie di bisogno caricate invece di {expected}")
    return f"{found} categorie di bisogno"


def _catalog(test: SelfTest) -> str:
    store = test.opened_store()
    providers, services = store.count("provider"), store.count("service")
    expected_providers, expected_services = len(sample_providers()), len(sample_services())
    if not expected_services or (providers, services) != (expected_providers, expected_services):
        raise CheckFailed(
            f"catalogo incompleto: {providers} enti e {services} servizi invece di "
            f"{expected_providers} e {expected_services}"
        )
    return f"{providers} enti, {services} servizi"


def _records(test: SelfTest) -> str:
    store = test.opened_store()
    municipality = lookup("Ivrea")
    if municipality is None:
        raise CheckFailed("il comune di Ivrea manca nei dati di riferimento")
    person = register_person(
        store, Person(last_name="Prova", first_name="Autodiagnosi", municipality_code=municipality.code)).value
    category = DEFAULT_CATEGORIES[0].code
    services = services_covering(store, category, person.municipality_code) or services_covering(store, None, None)
    if not services:
        raise CheckFailed("nessun servizio a cui inviare la persona")
    recorded = record_request(store, NewRequest(person.id, category, service_ids=[services[0]["id"]])).value
    test.referral_id = recorded.referral_ids[0]
    problems = integrity_problems(store)
    if problems:
        raise CheckFailed(f"database non integro dopo le scritture: {problems[0]}")
    pending = sync_tables.outbox_count(store)
    waiting = plural(pending, "modifica", "modifiche")
    return f"persona, richiesta e invio registrati; {waiting} in attesa di sincronizzazione"


def _configuration(test: SelfTest) -> str:
    config = load_config(test.data_dir)  # ConfigError names the file and the key
    if config.source is None:
        searched = ", ".join(str(path) for path in config_candidates(test.data_dir))
        return f"nessun file wpt-desk.toml (cercato in: {searched})"
    server = config.server.url or "nessun server indicato"
    return f"{config.source} valido ({server})"


CORE_CHECKS: list[Check] = [
    ("Comuni", _municipalities),
    ("Codice fiscale", _fiscal_code),
    ("Database", _database),
    ("Categorie", _categories),
    ("Catalogo", _catalog),
    ("Registrazione", _records),
]
FINAL_CHECKS: list[Check] = [("Configurazione", _configuration)]


@contextmanager
def self_test_session(data_dir: Path) -> Iterator[SelfTest]:
    """A :class:`SelfTest` on a temporary folder, removed (store closed first) at the end."""
    with tempfile.TemporaryDirectory(prefix="wpt-desk-self-test-", ignore_cleanup_errors=True) as folder:
        test = SelfTest(folder=Path(folder), data_dir=data_dir)
        try:
            yield test
        finally:
            if test.store is not None:
                test.store.close()


def run_checks(test: SelfTest, checks: Sequence[Check], out: IO[str], err: IO[str]) -> bool:
    """Run the checks in order, one line each on ``out``; stop at the first failure (reason on ``err``)."""
    started = time.perf_counter()
    print(f"Autodiagnosi di WPT Desk {__version__}", file=out)
    for name, check in checks:
        try:
            detail = check(test)
        except Exception as exc:
            reason = str(exc) if isinstance(exc, CheckFailed) else f"{exc.__class__.__name__}: {exc}"
            out.flush()
            print(f"ERRORE  {name}: {reason}", file=err)
            print("Autodiagnosi non superata.", file=err)
            return False
        print(f"OK      {name}: {detail}", file=out)
    print(f"Autodiagnosi superata: {len(checks)} controlli in {time.perf_counter() - started:.1f} s.", file=out)
    return True
