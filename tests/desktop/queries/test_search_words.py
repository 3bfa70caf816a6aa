"""What an operator types in the search field, however odd, is searched as words of the index: the
search index keeps no word positions (migration 14), so a typed word the tokenizer splits in two (a_b,
l'Abbate) must be two words, never a phrase, which SQLite would refuse."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.models import Person
from desktop.queries import persons
from desktop.queries.keyset import PageRequest, fetch_page
from desktop.storage.search_words import index_words
from desktop.storage.store import Store


def test_the_words_are_the_index_tokenizers_folded_and_in_order() -> None:
    assert index_words("D’Angelo  de_Rossi  Müller-Lüdenscheidt") == [
        "d", "angelo", "de", "rossi", "muller", "ludenscheidt"]
    assert index_words("Ramello R") == ["ramello", "r"]
    assert index_words(" \t-_'\"* ") == []
    assert persons.fts_match("a_b") == '"a"* "b"*'
    assert persons.fts_match('"Rossi"*(OR') == '"rossi"* "or"*'
    assert (persons.fts_match("x " * 1000) or "").count('"x"*') == persons.MAX_TYPED // 2
    assert index_words("ros\ud800si") == ["ros", "si"]  # a lone surrogate separates


def _page(store: Store, typed: str) -> list[str]:
    search = persons.search_filter(typed)
    page = PageRequest(sort="last_name", filters=(search,) if search else ())
    return [row["id"] for row in fetch_page(store, persons.PERSONS, page)]


def test_a_name_typed_with_its_apostrophe_underscore_or_accent_finds_the_person(store: Store) -> None:
    abbate = store.save(Person(last_name="L'Abbate", first_name="Élodie"))
    store.save(Person(last_name="Rossi", first_name="Anna"))
    for typed in ("l'abb", "L_Abbate", "labb elo", "Abbate Elodie", "ÉLO"):
        expected = [] if typed == "labb elo" else [abbate.id]
        assert _page(store, typed) == expected, typed


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.text(max_size=40) | st.sampled_from(["gil an", "011 5", "01155", "Anna_G", "g*", "NEAR(a b)"]))
def test_any_typed_text_is_searched_without_an_error_and_finds_whom_its_words_begin(store: Store, typed: str) -> None:
    gilardi = store.scalar("SELECT id FROM persons") or store.save(
        Person(last_name="Gilardi", first_name="Anna", phone="011 555 12")).id
    words = index_words(typed)
    held = index_words("Gilardi Anna 011 555 12 01155512")
    expected = [gilardi] if all(any(h.startswith(w) for h in held) for w in words) else []
    assert _page(store, typed) == expected  # never an SQLite error, whatever was typed
    assert [p["id"] for p in persons.search_persons(store, typed)] == (expected if words else [])
