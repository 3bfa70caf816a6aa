from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.domain.enums import ReferralStatus
from desktop.domain.models import Desk, Note, Person, Referral, Request
from desktop.operations.deletion import delete_person
from desktop.operations.referrals import change_referral_status
from desktop.queries import catalog, follow_ups, person_record, persons
from desktop.queries.catalog import services_covering
from desktop.services.demo import fill
from desktop.storage.store import Store


def test_timeline_has_requests_referrals_status_changes_and_notes_newest_first(store: Store) -> None:
    person = store.save(Person(last_name="Bruno", first_name="Ada", municipality_code="Ceres"))
    request = store.save(Request(person_id=person.id, category="TRA", opened_on=date.today() - timedelta(days=3)))
    service = services_covering(store, "TRA", person.municipality_code)[0]
    referral = store.save(Referral(request_id=request.id, service_id=service["id"],
                                   referred_on=date.today() - timedelta(days=2)))
    change_referral_status(store, referral.id, ReferralStatus.SENT)
    store.save(Note(request_id=request.id, text="Richiamata", noted_on=date.today() - timedelta(days=1)))

    entries = person_record.person_timeline(store, person.id)
    assert [e.kind for e in entries] == ["status", "note", "referral", "request"]
    assert entries[2].text.startswith(f"Invio a {service['name']}")
    assert entries[0].text == "Invio: Inviato"
    assert person_record.person_timeline(store, "nobody") == []


def test_follow_ups_due_match_the_store_and_filter_by_desk(store: Store) -> None:
    fill(store, persons=30, seed=9)
    today = date.today()
    other = store.save(Desk(name="Altro sportello"))
    person = store.save(Person(last_name="Bruno", first_name="Ada", municipality_code="Ceres"))
    request = store.save(Request(person_id=person.id, category="TRA", desk_id=other.id))
    service = services_covering(store, "TRA", person.municipality_code)[0]
    store.save(Referral(request_id=request.id, service_id=service["id"], follow_up_on=today))

    everyone = follow_ups.follow_ups_due(store, today)
    assert everyone and all(r["status"] not in ("concluso", "rifiutato dal servizio") for r in everyone)
    mine = follow_ups.follow_ups_due(store, today, store.desk_id)
    theirs = follow_ups.follow_ups_due(store, today, other.id)
    assert len(mine) + len(theirs) == len(everyone) and len(theirs) == 1
    assert all(r["follow_up_on"] <= today.isoformat() for r in everyone)


def test_catalog_filters_by_provider_kind(store: Store) -> None:
    everything = catalog.catalog(store)
    kind = everything[0]["provider_kind"]
    assert [r["id"] for r in catalog.catalog(store, provider_kind=kind)] == [
        r["id"] for r in everything if r["provider_kind"] == kind]


def test_fts_match_makes_prefix_terms() -> None:
    assert persons.fts_match("  ros  ma ") == '"ros"* "ma"*'
    assert persons.fts_match(" - ") is None


def test_follow_ups_of_a_deleted_person_are_not_due(store: Store) -> None:
    person = store.save(Person(last_name="Bruno", first_name="Ada", municipality_code="Ceres"))
    request = store.save(Request(person_id=person.id, category="TRA"))
    service = services_covering(store, "TRA", person.municipality_code)[0]
    store.save(Referral(request_id=request.id, service_id=service["id"], follow_up_on=date.today()))
    assert len(follow_ups.follow_ups_due(store, date.today())) == 1
    delete_person(store, person.id)
    assert follow_ups.follow_ups_due(store, date.today()) == []


def test_a_common_prefix_walks_the_name_index_and_finds_the_same_page(store: Store) -> None:
    """The first page for a prefix that matches many persons comes from the name index in order (the
    plan of persons._plan), and holds the same rows in the same order as SQLite's own plan."""
    from dataclasses import replace

    from desktop.ids import uuid7
    from desktop.queries.keyset import PageRequest, fetch_page

    surnames = ["Bruno", "Bianchi", "Barbero", "Rossi", "Ferrero", "Bertola", "Costa"]
    firsts = ["Anna", "Bruna", "Carlo", "Dario", "Elsa"]
    rows = [(uuid7(), store.desk_id, "Zucca" if i % 50 == 0 else surnames[i % len(surnames)], firsts[i % 11 % 5],
             int(i % 13 == 0)) for i in range(600)]  # one in fifty a Zucca: fewer than one in twenty match «zu»
    with store.transaction() as conn:
        conn.executemany("INSERT INTO persons (id, origin_desk, created_at, updated_at, last_name, first_name, "
                         "deleted) VALUES (?, ?, datetime('now'), datetime('now'), ?, ?, ?)", rows)
    sqlite_plan = replace(persons.PERSONS, plan=None)
    for typed, dense in (("b", True), ("br", True), ("zu", False), ("Zucca a", False)):
        for descending in (False, True):
            page = PageRequest(sort="last_name", descending=descending, filters=(persons.search_filter(typed),))
            chosen = persons._plan(store, page)
            assert ("INDEXED BY" in chosen.from_) is dense, typed
            found = fetch_page(store, persons.PERSONS, page)
            assert found == fetch_page(store, sqlite_plan, page) and found, typed
            after = PageRequest(sort="last_name", filters=page.filters, after=found[-1], descending=descending)
            assert "INDEXED BY" not in persons._plan(store, after).from_  # the next pages: SQLite's plan
    everyone = PageRequest(sort="last_name")
    assert persons._plan(store, everyone) is persons.PERSONS
    assert len(fetch_page(store, persons.PERSONS, everyone)) == 200


def test_the_login_warm_up_reads_the_persons_table_name_index_and_search_index(store: Store) -> None:
    """What the first search after a login reads is what the warm-up read: the table, the index the
    list sorts by, the search index's segments (each statement's plan, on the desk's real schema)."""
    fill(store, persons=30, seed=5)
    plans = [" ".join(str(row[-1]) for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
             for sql in persons._WARM_UP]
    assert plans[0].startswith("SCAN persons") and "INDEX" not in plans[0]
    assert "persons_name" in plans[1] and "persons_fts_data" in plans[2]
    persons.warm_up(store)  # the reader connection, as on the database thread


def _similar_names_desk(store: Store) -> list[str]:
    """Persons with many alike names: surnames equal but for case or accents, the same surname and name
    more than once (seq decides), soft-deleted, restricted and erased persons among them."""
    from desktop.ids import uuid7
    from desktop.operations.rights import erase_persons

    surnames = ["Rossi", "rossi", "ROSSI", "Rossì", "Ròssi", "Rossini", "D'Amico", "Damico", "Rosso"]
    firsts = ["Anna", "anna", "Ànna", "Andrea", "Ada", "Àda"]
    rows = [(uuid7(), store.desk_id, surnames[i % len(surnames)], firsts[i * 7 % len(firsts)],
             f"19{50 + i % 7}-0{1 + i % 9}-1{i % 10}" if i % 4 else None, "A074" if i % 3 else "A109",
             f"011 {i % 5:03d}", int(i % 13 == 0), int(i % 7 == 0)) for i in range(90)]
    rows += [(uuid7(), store.desk_id, "Bianchi", "Bruno", None, "A074", "000", 0, 0) for _ in range(1900)]
    with store.transaction() as conn:
        conn.executemany("INSERT INTO persons (id, origin_desk, created_at, updated_at, last_name, first_name, "
                         "birth_date, municipality_code, phone, deleted, restricted) "
                         "VALUES (?, ?, datetime('now'), datetime('now'), ?, ?, ?, ?, ?, ?, ?)", rows)
    erased = [str(r[0]) for r in rows[5:90:17]]
    erase_persons(store, erased, "Richiesta di cancellazione dell'interessato")
    return erased


def test_a_search_page_sorted_by_its_keys_alone_is_the_plain_query_page_by_page(store: Store) -> None:
    """A search matching a few persons sorts their keys alone and then reads the page's rows (persons
    _PERSONS_LATE): every page, in either direction and by any sort, holds what the plain query gives
    (ties in surname and name, accents, deleted, restricted and erased persons), with the list's columns."""
    from dataclasses import replace

    from desktop.queries.keyset import PageRequest, fetch_page, page_query

    erased = _similar_names_desk(store)
    held = store.query("SELECT sum(deleted) AS d, sum(restricted) AS r FROM persons WHERE last_name LIKE 'ross%'")
    assert held[0]["d"] and held[0]["r"] and not store.query(
        f"SELECT id FROM persons WHERE id IN ({', '.join('?' for _ in erased)})", tuple(erased))
    columns = "id, seq, last_name, first_name, fiscal_code, birth_date, municipality_code, phone"
    orders = {"last_name": "last_name COLLATE NOCASE {d}, first_name COLLATE NOCASE {d}, seq {d}",
              "birth_date": "coalesce(birth_date, '') {d}, seq {d}", "phone": "phone {d}, seq {d}"}
    sqlite_plan = replace(persons.PERSONS, plan=None)
    searches = ("ross", "Rossì a", "ròssi ÀNNA", "d'amico", "011 002", "an")
    for typed, municipality, (sort, order), descending in (
            (t, m, o, d) for t in searches for m in (None, "A074") for o in orders.items() for d in (False, True)):
        filters = tuple(f for f in (persons.search_filter(typed), persons.municipality_filter(municipality)) if f)
        expected = store.query(
            f"SELECT {columns} FROM persons WHERE deleted = 0 AND seq IN (SELECT rowid FROM persons_fts WHERE "
            f"persons_fts MATCH :m) AND (:c IS NULL OR municipality_code = :c) ORDER BY "
            f"{order.format(d='DESC' if descending else '')}", {"m": persons.fts_match(typed), "c": municipality})
        found: list[dict[str, object]] = []
        page = PageRequest(sort=sort, descending=descending, filters=filters, limit=7)
        while True:
            chosen = persons._plan(store, page)
            assert chosen.late == "persons", typed  # a few matches: sorted late
            sql, params = page_query(chosen, page)
            plan = [row[-1] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
            assert sum("TEMP B-TREE" in step for step in plan) == 1, plan  # the keys' sort, not the rows'
            rows = fetch_page(store, persons.PERSONS, page)
            assert rows == fetch_page(store, sqlite_plan, page), (typed, sort, len(found))
            found += rows
            if len(rows) < page.limit:
                break
            page = replace(page, after=rows[-1])
        shown = [{k: v for k, v in r.items() if not k.startswith("k")} for r in found]
        assert shown == expected, (typed, municipality, sort, descending)
        assert len(expected) > 7 or typed == "d'amico", (typed, len(expected))  # several pages
        assert all(set(r) == set(columns.split(", ")) | ({"k0"} if sort == "birth_date" else set()) for r in found)


def test_a_search_is_dense_when_all_its_words_together_match_more_than_one_person_in_twenty(store: Store) -> None:
    """Each word counted alone first decides as the count of all the words together would."""
    _similar_names_desk(store)
    persons_count = store.scalar("SELECT max(seq) FROM persons")
    decided = {}
    for typed in ("bi br", "b 000", "ross a", "b a", "r a", "an bianchi", "bruno", "ross"):
        match = persons.fts_match(typed)
        assert match is not None
        together = store.scalar("SELECT count(*) FROM persons_fts WHERE persons_fts MATCH ?", (match,))
        decided[typed] = persons._dense(store, match)
        assert decided[typed] == (together * persons._DENSE > persons_count), typed
    assert decided["bi br"] and decided["b 000"] and not decided["ross a"] and not decided["b a"]



def test_typing_on_after_a_sparse_word_counts_no_more_and_new_persons_make_it_count_again(store: Store) -> None:
    """A word that begins with one found sparse is decided without a count (its matches are among that
    one's); once persons are added, the verdicts are counted afresh and follow the new persons."""
    from desktop.ids import uuid7

    def add(surname: str, count: int) -> None:
        with store.transaction() as conn:
            conn.executemany("INSERT INTO persons (id, origin_desk, created_at, updated_at, last_name, first_name) "
                             "VALUES (?, ?, datetime('now'), datetime('now'), ?, 'Anna')",
                             [(uuid7(), store.desk_id, surname) for _ in range(count)])

    add("Bianchi", 400)
    add("Zucca", 10)
    counts: list[str] = []
    reader = store._reader or store.conn
    reader.set_trace_callback(lambda sql: counts.append(sql) if "count(*)" in sql else None)
    try:
        decided = {typed: persons._dense(store, str(persons.fts_match(typed)))
                   for typed in ("z", "zu", "zuc", "zucca", "zucca anna", "zu")}
        assert decided == {"z": False, "zu": False, "zuc": False, "zucca": False, "zucca anna": False}
        assert len(counts) == 1  # «z» alone: every later word begins with it
        add("Zucchi", 400)  # now one in two begins with «zu»
        assert persons._dense(store, str(persons.fts_match("zu"))) is True
        assert persons._dense(store, str(persons.fts_match("zucca"))) is False
        assert len(counts) == 3
    finally:
        reader.set_trace_callback(None)


def test_two_threads_planning_searches_at_once_share_the_verdicts_safely(monkeypatch: pytest.MonkeyPatch) -> None:
    """The GUI thread (a sort) and the database thread (a keystroke's reload) plan pages at once: what
    one reads of the verdicts the other may be clearing (a set iterated while cleared raised «Set changed
    size during iteration»). Threads switch every microsecond here, so an unguarded read meets a clear."""
    import sys
    import threading

    monkeypatch.setattr(persons, "_REMEMBERED", 64)
    known = persons._Verdicts(persons=1000)
    failures: list[BaseException] = []

    def write() -> None:
        for i in range(20_000):
            known.decide(f'"w{i}"*', False)

    def read() -> None:
        try:
            for i in range(20_000):
                decided, sparse = known.recall(f'"w{i}"*')
                any(f"w{i}x".startswith(word) for word in sparse)
        except BaseException as exc:
            failures.append(exc)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=write), threading.Thread(target=read)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []
    assert known.recall('"w19999"*')[0] is False  # the last word written is remembered
