"""The persons list (Persone, search as you type) and the look-ups around registering a person."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from weakref import WeakKeyDictionary

from desktop.domain.models import Person
from desktop.queries.keyset import Filter, ListSpec, PageRequest
from desktop.storage.search_words import index_words
from desktop.storage.store import Store

_SEARCH = "seq IN (SELECT rowid FROM persons_fts WHERE persons_fts MATCH :match)"
# Matches above one in this many persons: the words typed are common (a letter or two), and the first
# page is found faster by walking the name index in order than by sorting every match (see _plan).
_DENSE = 20


def _plan(store: Store, page: PageRequest) -> ListSpec:
    """The fastest plan for a page of the list, each giving the same rows in the same order.

    With a search, SQLite's own plan starts from the search index: it reads every matching person and
    sorts them all, about 3 µs a match at 100,000 persons (60 ms for the 20,000 of «g»). Walking the name
    index in order and keeping the matches stops at the page's last row; at worst (matches all at the end
    of the alphabet) it walks the whole index, about 0.15 µs an entry, so it is the better plan for a
    first page by surname whenever more than one person in twenty matches. The matches are counted
    first, up to that twentieth, one word alone when that settles it (:func:`_dense`; with the prefix
    indexes of migration 11, a fraction of the MATCH).
    Fewer matches, another filter, sort or page: the matches sorted by their keys alone, then the
    page's rows read (:data:`_PERSONS_LATE`: a sorted row holds three values, not the list's eight
    columns). Without a search: SQLite's plan (the name index serves the order by surname).
    """
    search = [f for f in page.filters if f.condition == _SEARCH]
    if not search:
        return PERSONS
    if page.sort != "last_name" or page.after is not None or len(page.filters) != 1:
        return _PERSONS_LATE
    return _PERSONS_BY_NAME if _dense(store, search[0].params["match"]) else _PERSONS_LATE


def _dense(store: Store, match: str) -> bool:
    """Whether more than one person in twenty match. The words typed must all match, so one word that
    few persons match settles it: each word is counted alone first (the longest first: it is likely
    the rarest, and one word is cheaper to count than all of them together), then all of them. Each
    count stops at one more than a twentieth of the persons.

    What was decided is remembered while the persons' number stands (:class:`_Verdicts`): typing on,
    a word that begins with one found sparse is sparse too (its matches are among that one's), so a
    surname typed letter by letter is counted until its first sparse prefix, then not again."""
    persons = int(store.scalar("SELECT coalesce(max(seq), 0) FROM persons"))
    known = _verdicts(store, persons)
    terms = match.split(" ")
    decided, sparse = known.recall(match)
    if decided is not None:
        return decided
    if any(_word(t).startswith(sparse) for t in terms):
        return known.decide(match, False)
    counted = [[t] for t in sorted(terms, key=len, reverse=True)] + ([terms] if len(terms) > 1 else [])
    for words in counted:
        dense = bool(store.scalar(
            "SELECT count(*) * :dense > :persons FROM (SELECT 1 FROM persons_fts WHERE persons_fts MATCH :match "
            "LIMIT :persons / :dense + 1)", {"match": " ".join(words), "dense": _DENSE, "persons": persons}))
        if len(words) == 1:
            known.decide(words[0], dense)
        if not dense:
            return known.decide(match, False)
    return known.decide(match, True)


def _word(term: str) -> str:
    """The word of a term of :func:`fts_match` (``"word"*``)."""
    return term[1:-2]


@dataclass
class _Verdicts:
    """What :func:`_dense` decided on one desk while it held ``persons`` persons (its largest seq): the
    match expressions decided, and the words found sparse. Only the plan depends on it, never the rows
    (each plan gives the same page), so a verdict a little out of date costs time at worst."""

    persons: int
    decided: dict[str, bool] = field(default_factory=dict)
    sparse: set[str] = field(default_factory=set)
    # The GUI thread (a sort, a refresh) and the database thread (a keystroke's reload) both plan pages.
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def recall(self, match: str) -> tuple[bool | None, tuple[str, ...]]:
        """What was decided for ``match`` (None: nothing), and the words found sparse."""
        with self.lock:
            return self.decided.get(match), tuple(self.sparse)

    def decide(self, match: str, dense: bool) -> bool:
        with self.lock:
            if len(self.decided) >= _REMEMBERED:
                self.decided.clear()
                self.sparse.clear()
            self.decided[match] = dense
            if not dense and " " not in match:
                self.sparse.add(_word(match))
        return dense

    def forget(self) -> None:
        with self.lock:
            self.decided.clear()
            self.sparse.clear()


# Verdicts kept per desk before they are forgotten (a search field sees a few hundred words a day).
_REMEMBERED = 512
_VERDICTS: WeakKeyDictionary[Store, _Verdicts] = WeakKeyDictionary()
_VERDICTS_LOCK = threading.Lock()


def _verdicts(store: Store, persons: int) -> _Verdicts:
    """The desk's verdicts, forgotten when its number of persons changed."""
    with _VERDICTS_LOCK:
        known = _VERDICTS.get(store)
        if known is None or known.persons != persons:
            known = _VERDICTS[store] = _Verdicts(persons)
        return known


def forget_search_words(store: Store) -> None:
    """Forget the words typed in the desk's searches that the plan remembers (after an erasure: they
    may be the start of an erased person's name or phone)."""
    with _VERDICTS_LOCK:
        known = _VERDICTS.pop(store, None)
    if known is not None:
        known.forget()


# The columns the list shows, its rows' ids and seq (the last key of every order). A sort key that is a
# column is read from that column for the next page (not selected twice).
PERSONS = ListSpec(
    select="id, seq, last_name, first_name, fiscal_code, birth_date, municipality_code, phone",
    from_="persons",
    sorts={
        "last_name": ("last_name COLLATE NOCASE", "first_name COLLATE NOCASE"),
        "first_name": ("first_name COLLATE NOCASE", "last_name COLLATE NOCASE"),
        "fiscal_code": ("coalesce(fiscal_code, '')",),
        "birth_date": ("coalesce(birth_date, '')",),
        "municipality": ("coalesce(municipality_code, '')",),
        "phone": ("phone",),
    },
    base_where="deleted = 0",
    key_columns={"last_name COLLATE NOCASE": "last_name", "first_name COLLATE NOCASE": "first_name",
                 "phone": "phone", "seq": "seq"},
    plan=_plan,
)
_PERSONS_BY_NAME = replace(PERSONS, from_="persons INDEXED BY persons_name", plan=None)
# For a page with a search: its matches joined to their persons (the FTS rowids streamed to the join,
# not first gathered for an IN), sorted by their keys alone.
_PERSONS_LATE = replace(
    PERSONS, plan=None, late="persons", applied=frozenset({_SEARCH}),
    from_="(SELECT rowid AS _match FROM persons_fts WHERE persons_fts MATCH :match) AS _search "
          "CROSS JOIN persons ON persons.seq = _search._match")


# What the persons list and its search read: the table's pages, the name index it sorts by, the search
# index's segments. Read once at login (warm_up), they are in the connection's page cache when the
# operator first types: SQLCipher decrypts a page when it is first read, and a new connection's first
# search otherwise pays that (3× the unencrypted figure at 100,000 persons, make bench-encryption).
_WARM_UP = (
    "SELECT sum(deleted) FROM persons NOT INDEXED",
    "SELECT count(birth_date) FROM persons INDEXED BY persons_name",
    "SELECT sum(length(block)) FROM persons_fts_data",
)


def warm_up(store: Store) -> None:
    """Read what the persons list and its search will read, so that their first query is a warm one.
    On the database thread after a login: it takes a fraction of a second at 100,000 persons."""
    for sql in _WARM_UP:
        store.scalar(sql)


# Typed text longer than this is cut first: a search field holds a few words.
MAX_TYPED = 200


def fts_match(text: str) -> str | None:
    """The FTS5 MATCH expression for words typed in a search field (each word a prefix, all of them
    required; the terms separated by one space, as :func:`_dense` reads them), or None. The words are
    the index's own (:func:`desktop.storage.search_words.index_words`)."""
    tokens = index_words(text[:MAX_TYPED])
    if not tokens:
        return None
    return " ".join(f'"{t}"*' for t in tokens)


def search_filter(text: str) -> Filter | None:
    """Persons whose surname, name, codice fiscale or phone start with the typed words (None: all)."""
    match = fts_match(text)
    if match is None:
        return None
    return Filter(_SEARCH, {"match": match})


def municipality_filter(code: str | None) -> Filter | None:
    return Filter("municipality_code = :municipality", {"municipality": code}) if code else None


def search_persons(store: Store, text: str, limit: int = 50) -> list[dict[str, Any]]:
    """Live persons matching the typed words, by surname and name."""
    match = fts_match(text)
    if match is None:
        return []
    return store.query(
        "SELECT p.* FROM persons_fts JOIN persons p ON p.seq = persons_fts.rowid "
        "WHERE persons_fts MATCH ? AND p.deleted = 0 "
        "ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE LIMIT ?",
        (match, limit),
    )


def find_by_fiscal_code(store: Store, code: str) -> Person | None:
    rows = store.query("SELECT id FROM persons WHERE fiscal_code = ? AND deleted = 0 ORDER BY seq LIMIT 1", (code,))
    return store.get(Person, rows[0]["id"]) if rows else None


def possible_duplicates(store: Store, person: Person) -> list[Person]:
    """Other live persons with the same codice fiscale, or the same surname, name and birth date."""
    rows = store.query(
        "SELECT id FROM persons WHERE deleted = 0 AND id != :id AND ("
        " (:cf IS NOT NULL AND fiscal_code = :cf) OR"
        " (:birth IS NOT NULL AND last_name = :last COLLATE NOCASE AND first_name = :first COLLATE NOCASE"
        "  AND birth_date = :birth)) ORDER BY seq",
        {
            "id": person.id,
            "cf": person.fiscal_code,
            "last": person.last_name,
            "first": person.first_name,
            "birth": person.birth_date.isoformat() if person.birth_date else None,
        },
    )
    return [p for r in rows if (p := store.get(Person, r["id"])) is not None]


def possible_duplicate_groups(store: Store) -> list[list[Person]]:
    """Live persons without a codice fiscale that share surname, name and birth date (each group ≥ 2)."""
    # Both from the partial index of migration 11 (only the persons without a code), grouped in its
    # order: NOCASE folds what lower() folds (ASCII letters), so the groups are the same.
    rows = store.query(
        "SELECT p.id, lower(p.last_name) AS l, lower(p.first_name) AS f, p.birth_date AS b FROM ("
        " SELECT last_name AS ln, first_name AS fn, birth_date AS bd FROM persons INDEXED BY persons_uncoded_name"
        " WHERE deleted = 0 AND fiscal_code IS NULL AND birth_date IS NOT NULL"
        " GROUP BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, birth_date HAVING count(*) > 1) d"
        " JOIN persons p INDEXED BY persons_uncoded_name ON p.last_name = d.ln COLLATE NOCASE"
        " AND p.first_name = d.fn COLLATE NOCASE AND p.birth_date = d.bd"
        " WHERE p.deleted = 0 AND p.fiscal_code IS NULL AND p.birth_date IS NOT NULL ORDER BY l, f, b, p.id"
    )
    groups: dict[tuple[str, str, str], list[Person]] = {}
    for row in rows:
        person = store.get(Person, row["id"])
        if person is not None:
            groups.setdefault((row["l"], row["f"], row["b"]), []).append(person)
    return list(groups.values())


def person_names(store: Store, person_ids: Sequence[str]) -> dict[str, str]:
    """"Surname Name" by id, for lists that name the persons they are about."""
    if not person_ids:
        return {}
    marks = ", ".join("?" for _ in person_ids)
    return {r["id"]: f"{r['last_name']} {r['first_name']}" for r in store.query(
        f"SELECT id, last_name, first_name FROM persons WHERE id IN ({marks})", tuple(person_ids))}


_SAME_NAME = "deleted = 0 AND last_name = ? COLLATE NOCASE AND first_name = ? COLLATE NOCASE"


def _first_same_name(store: Store, where: str, params: tuple[object, ...]) -> Person | None:
    rows = store.query(f"SELECT id FROM persons WHERE {_SAME_NAME} AND {where} ORDER BY seq LIMIT 1", params)
    return store.get(Person, rows[0]["id"]) if rows else None


def recorded_person(store: Store, person: Person) -> Person | None:
    """The live person already recorded that ``person`` (e.g. an imported row) describes, if any.

    The same codice fiscale; or the same surname, name and birth date (a person recorded once without
    a code and once with it is one person); without a code and a birth date, only a row that also
    agrees on municipality and phone is the same person — a namesake is not merged on the name alone.
    """
    names = (person.last_name, person.first_name)
    if person.fiscal_code:
        found = find_by_fiscal_code(store, person.fiscal_code)
        if found is not None or person.birth_date is None:
            return found
        return _first_same_name(store, "fiscal_code IS NULL AND birth_date = ?",
                                (*names, person.birth_date.isoformat()))
    if person.birth_date is not None:
        return _first_same_name(store, "birth_date = ?", (*names, person.birth_date.isoformat()))
    return _first_same_name(
        store, "fiscal_code IS NULL AND birth_date IS NULL AND municipality_code IS ? AND phone = ?",
        (*names, person.municipality_code, person.phone),
    )


def recorded_persons(store: Store, persons: Sequence[Person]) -> list[Person | None]:
    """:func:`recorded_person` of each of ``persons`` (an import's rows), from one query: each of its
    lookups is a subquery, with the same conditions and order, of one row of the persons."""
    if not persons:
        return []
    params: list[object] = []
    for index, person in enumerate(persons):
        params += [index, person.fiscal_code, person.last_name, person.first_name,
                   person.birth_date.isoformat() if person.birth_date else None, person.municipality_code, person.phone]
    same_name = "deleted = 0 AND last_name = q.ln COLLATE NOCASE AND first_name = q.fn COLLATE NOCASE"
    rows = store.query(
        f"WITH q(i, code, ln, fn, bd, mc, ph) AS (VALUES {', '.join('(?, ?, ?, ?, ?, ?, ?)' for _ in persons)}) "
        "SELECT q.i, coalesce("
        " CASE WHEN q.code IS NOT NULL THEN (SELECT id FROM persons WHERE fiscal_code = q.code AND deleted = 0"
        "  ORDER BY seq LIMIT 1) END,"
        f" CASE WHEN q.bd IS NOT NULL THEN (SELECT id FROM persons WHERE {same_name} AND birth_date = q.bd"
        "  AND (q.code IS NULL OR fiscal_code IS NULL) ORDER BY seq LIMIT 1) END,"
        f" CASE WHEN q.code IS NULL AND q.bd IS NULL THEN (SELECT id FROM persons WHERE {same_name}"
        "  AND fiscal_code IS NULL AND birth_date IS NULL AND municipality_code IS q.mc AND phone = q.ph"
        "  ORDER BY seq LIMIT 1) END) AS id FROM q", tuple(params))
    found = {row["i"]: row["id"] for row in rows if row["id"] is not None}
    return [store.get(Person, found[index]) if index in found else None for index in range(len(persons))]


def persons_by_requests(store: Store) -> list[dict[str, Any]]:
    """Live persons with requests, those with the most first (id, last_name, municipality_code, n)."""
    return store.query(
        "SELECT p.id, p.last_name, p.municipality_code, count(q.id) AS n FROM persons p "
        "JOIN requests q ON q.person_id = p.id AND q.deleted = 0 WHERE p.deleted = 0 "
        "GROUP BY p.id ORDER BY n DESC, p.seq")
