"""``wpt-desk check`` validates every row with the same models as a local write, and says how many rows
of which table are wrong and in which fields, never what they hold (issue 12, defect 3)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.domain.models import Person
from desktop.storage.row_validation import invalid_rows
from tests.helpers.cli import wpt_desk
from tests.helpers.desks import open_desk, raw_connection
from tests.helpers.people import fiscal_code


def test_check_reports_rows_that_do_not_validate_by_table_without_their_values(data_dir: Path) -> None:
    cf = fiscal_code("Chiabrando", "Maria", "F", date(1938, 5, 14))
    with open_desk(data_dir) as store:
        person = store.save(Person(fiscal_code=cf, last_name="Chiabrando", first_name="Maria"))
        store.save(Person(last_name="Bonino", first_name="Rita"))
        assert invalid_rows(store) == {}
    assert wpt_desk(data_dir, "check").returncode == 0
    # Written behind the models' back (as a diverged replica used to): a birth date the codice fiscale
    # contradicts, and a sex that is no sex.
    conn = raw_connection(data_dir)
    conn.execute("UPDATE persons SET birth_date = '1940-01-01' WHERE id = ?", (person.id,))
    conn.execute("UPDATE persons SET sex = 'Q' WHERE last_name = 'Bonino'")
    conn.close()
    with open_desk(data_dir) as store:
        [(table, (count, _))] = invalid_rows(store).items()
        assert (table, count) == ("persons", 2)
    result = wpt_desk(data_dir, "check")
    assert result.returncode == 1, result.stdout
    assert "persons" in result.stderr and "2 righe" in result.stderr
    for personal in ("1940", "Chiabrando", "Bonino", cf, "'Q'"):
        assert personal not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
