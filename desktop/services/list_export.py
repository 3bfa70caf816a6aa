"""A list as the operator sees it (its headers and the texts of its cells), written as CSV for Excel.

Excel in Italian opens a CSV with ``;`` between cells and reads UTF-8 only with its byte-order mark; every
cell passes :func:`~desktop.services.csv_cells.neutralize` (no formulas). Written aside, then renamed;
owner-only, as the rows hold personal data.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from desktop.permissions import private_file
from desktop.services.csv_cells import neutralize


def write_list_csv(path: Path, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    path = Path(path)
    partial = private_file(path.with_name(path.name + ".partial"))
    try:
        with partial.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL)
            writer.writerow([neutralize(h) for h in headers])
            writer.writerows([neutralize(str(c)) for c in row] for row in rows)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path
