"""Statistical disclosure control: no count below the threshold (3 by default) leaves the desk, and
no such count can be worked out from the figures that do.

Primary suppression: a count from 1 to threshold-1 is shown as ``"<3"``. Zero is shown: it says nobody.
Secondary suppression: the tables of a report add up (requests by category sum to the requests' total,
the funnel's stages differ by the referrals that stopped at each, an outcome sums its statuses...), so
a hidden count could be recovered by subtraction. Every such sum is a constraint; an audit bounds each
hidden cell by interval propagation over all of them, assuming the reader knows which cells are zero,
small (1..threshold-1) or large, and while a small cell's bounds close on one value, it hides one more
figure next to it (the smallest), shown as ``"n.d."`` (non diffuso). Medians and percentiles over fewer
referrals than the threshold are ``"n.d."`` too.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the command line imports the default threshold for its options, not the indicators
    from desktop.reports.indicators import Indicators

DEFAULT_MIN_COUNT = 3
HIDDEN = "n.d."
Path = tuple[str, ...]
Constraint = tuple[Path, tuple[Path, ...]]  # parent = sum of children

_LATENT = "_latent"
# Additive tables: each of these sums to the total named first.
_REQUEST_TABLES = ("by_category", "by_user_area", "by_channel", "by_urgency", "by_status", "by_municipality",
                   "by_month", "by_desk")
_REFERRAL_TABLES = ("by_status", "by_outcome", "by_service", "by_provider_kind", "by_desk")
_TRIES = 12  # candidates tried for a secondary suppression before taking the smallest
_STATISTICS = ("median_days_to_taken_in_charge", "p90_days_to_taken_in_charge")


def small_label(min_count: int = DEFAULT_MIN_COUNT) -> str:
    return f"<{min_count}"


def _counts(tree: dict[str, Any], prefix: Path = ()) -> Iterator[tuple[Path, int]]:
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from _counts(value, (*prefix, key))
        elif isinstance(value, int) and not isinstance(value, bool):
            yield (*prefix, key), value


def _children(figures: dict[str, Any], *path: str) -> tuple[Path, ...]:
    node: Any = figures
    for key in path:
        node = node[key]
    return tuple((*path, key) for key in node)


def constraints(indicators: Indicators) -> list[Constraint]:
    """Every sum the published figures obey (children of a table add up to its total)."""
    from desktop.reports.indicators import FUNNEL_STAGES, OUTCOMES

    f = indicators.figures
    out: list[Constraint] = []
    for table in _REQUEST_TABLES:
        out.append((("requests", "total"), _children(f, "requests", table)))
    for table in ("by_age_band", "by_sex"):
        out.append((("persons_served",), _children(f, "persons", table)))
    out.append((("persons_served",), (("new_persons",), (_LATENT, "persons", "returning"))))
    for table in _REFERRAL_TABLES:
        out.append((("referrals", "total"), _children(f, "referrals", table)))
    for outcome, statuses in OUTCOMES.items():
        out.append((("referrals", "by_outcome", outcome), tuple(("referrals", "by_status", s.value) for s in statuses)))
    for status in f["referrals"]["drop_outs_by_reason"]:
        out.append((("referrals", "drop_outs_by_reason", status), (("referrals", "by_status", status),)))
    stages = [s.value for s in FUNNEL_STAGES]
    out.append((("referrals", "total"), (("referrals", "funnel", stages[0]),)))
    for here, after in zip(stages, [*stages[1:], None], strict=True):
        stopped = (_LATENT, "funnel_stopped_at", here)
        parts = (stopped,) if after is None else (stopped, ("referrals", "funnel", after))
        out.append((("referrals", "funnel", here), parts))
    # Concluso is final: the referrals that reached it are the ones concluded.
    out.append((("referrals", "funnel", stages[-1]), (("referrals", "by_status", stages[-1]),)))
    out.append((("follow_ups_overdue",), _children(f, "follow_ups_overdue_by_desk")))
    return out


class _Audit:
    """Interval bounds of every cell given what is shown, and which small cells they give away."""

    def __init__(self, values: dict[Path, int], published: set[Path], rules: list[Constraint], k: int) -> None:
        self.values, self.published, self.rules, self.k = values, published, rules, k
        self.hidden = {p for p, v in values.items() if p not in published or 0 < v < k}
        self.secondary: set[Path] = set()
        self.masked: set[Path] = set()  # whole tables hidden when nothing else protects a small cell
        self.by_cell: dict[Path, list[int]] = {}
        for index, (parent, children) in enumerate(rules):
            for cell in (parent, *children):
                self.by_cell.setdefault(cell, []).append(index)

    def _class_bounds(self, cell: Path) -> tuple[float, float]:
        value = self.values[cell]
        if cell not in self.hidden:
            return value, value
        if value == 0:
            return 0, 0
        if cell in self.masked:
            return 1, math.inf
        return (1, self.k - 1) if value < self.k else (self.k, math.inf)

    def bounds(self) -> dict[Path, tuple[float, float]]:
        bounds = {cell: self._class_bounds(cell) for cell in self.values}
        for _ in range(200):
            changed = False
            for parent, children in self.rules:
                low = sum(bounds[c][0] for c in children)
                high = sum(bounds[c][1] for c in children)
                p_low, p_high = max(bounds[parent][0], low), min(bounds[parent][1], high)
                if (p_low, p_high) != bounds[parent]:
                    bounds[parent], changed = (p_low, p_high), True
                for child in children:
                    c_low, c_high = bounds[child]
                    new_low = max(c_low, p_low - (high - c_high))
                    new_high = min(c_high, p_high - (low - c_low))
                    if (new_low, new_high) != (c_low, c_high):
                        bounds[child], changed = (new_low, new_high), True
                        low += new_low - c_low
                        high += new_high - c_high
            if not changed:
                break
        return bounds

    def disclosed(self) -> list[Path]:
        bounds = self.bounds()
        return [cell for cell in self.hidden
                if 0 < self.values[cell] < self.k and bounds[cell][0] == bounds[cell][1]]

    def _exposes(self, cell: Path) -> bool:
        low, high = self.bounds()[cell]
        return bool(low == high)

    def hide_one_near(self, cell: Path) -> bool:
        """Hide a shown non-zero figure nearest ``cell`` in the constraint graph: the smallest that
        protects it if one does (of the few smallest tried), else the smallest."""
        frontier, seen = {cell}, {cell}
        while frontier:
            near = {c for f in frontier for i in self.by_cell.get(f, []) for c in (self.rules[i][0], *self.rules[i][1])}
            near -= seen
            shown = sorted((c for c in near if c not in self.hidden and self.values[c] > 0),
                           key=lambda c: (self.values[c], c))
            if shown:
                for choice in shown[:_TRIES]:
                    self.hidden.add(choice)
                    if not self._exposes(cell):
                        break
                    self.hidden.discard(choice)
                else:
                    choice = shown[0]
                    self.hidden.add(choice)
                self.secondary.add(choice)
                return True
            seen |= near
            frontier = {c for c in near if c in self.hidden}
        return False

    def mask_tables_of(self, cell: Path) -> bool:
        """Hide every non-zero figure of the tables holding ``cell``, small ones included: a reader can
        no longer tell a small one from a large one there."""
        before = len(self.masked)
        for index in self.by_cell.get(cell, []):
            parent, children = self.rules[index]
            for c in (parent, *children):
                if self.values[c] > 0:
                    self.masked.add(c)
                    self.hidden.add(c)
                    self.secondary.add(c)
        return len(self.masked) > before

    def run(self) -> None:
        while True:
            exposed = sorted(self.disclosed())
            if not exposed:
                break
            # One figure at a time: each one hidden may already protect the other exposed cells.
            if not any(self.hide_one_near(cell) for cell in exposed):
                # Too few cases to protect cell by cell (three towns of two persons each, say).
                if not any(self.mask_tables_of(cell) for cell in exposed):
                    break
        # A hidden figure the others give away exactly protects nothing: show it.
        bounds = self.bounds()
        for cell in list(self.secondary):
            if bounds[cell][0] == bounds[cell][1] and not 0 < self.values[cell] < self.k:
                self.secondary.discard(cell)
                self.hidden.discard(cell)


def suppress(indicators: Indicators, min_count: int = DEFAULT_MIN_COUNT) -> dict[str, Any]:
    """The figures as they may leave the desk: small counts ``"<3"``, figures that would reveal one ``"n.d."``."""
    if min_count < 1:
        raise ValueError("la soglia deve essere almeno 1")
    figures = indicators.figures
    values = dict(_counts(figures))
    published = set(values)
    for group, cells in indicators.latent.items():
        for key, value in cells.items():
            values[(_LATENT, group, key)] = value
    rules = constraints(indicators)
    audit = _Audit(values, published, rules, min_count)
    audit.run()

    out = copy.deepcopy(figures)
    small = small_label(min_count)
    for path in published & audit.hidden:
        node = out
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = HIDDEN if path in audit.secondary else small
    referrals = out["referrals"]
    if figures["referrals"]["days_to_taken_in_charge_count"] < min_count:
        for name in _STATISTICS:
            if referrals[name] is not None:
                referrals[name] = HIDDEN
    return out


def hidden_cells(report: dict[str, Any], min_count: int = DEFAULT_MIN_COUNT) -> Iterable[Path]:
    """Paths of the figures a suppressed report does not show (for tests and the notes of a report)."""
    small = small_label(min_count)

    def walk(tree: dict[str, Any], prefix: Path) -> Iterator[Path]:
        for key, value in tree.items():
            if isinstance(value, dict):
                yield from walk(value, (*prefix, key))
            elif value in (small, HIDDEN):
                yield (*prefix, key)

    return list(walk(report, ()))
