"""``GET /metrics``: the server process's counters in the Prometheus text format (version 0.0.4).

Syncs, bytes in and out, durations (a histogram per route), refusals by reason and the changes pushed
and pulled, counted by this process since it started (each process of a deployment is scraped on its
own). Labels take only values the server chose: the declared route, the status, the ErrorBody code.

The endpoint has its own token (``serve --metrics-token-file FILE`` or ``WPT_SERVER_METRICS_TOKEN``),
distinct from every desk's credential: without one configured it does not exist (404); a request
without the right ``Authorization: Bearer`` token gets 401 (compared in constant time), counted among
the refusals (``metrics_token_invalid``) so that guessing at the token shows. The format is
a few lines of text, written here rather than pulling a client library into the server.
"""

from __future__ import annotations

import hmac
import threading
from collections import defaultdict

from sync.server.request_log import RequestFacts

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Seconds: a sync over loopback takes milliseconds, one of a big snapshot page over a slow disk seconds.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
MAX_TOKEN_BYTES = 4096
SYNC_ROUTE = "/v1/sync"
METRICS_ROUTE = "/metrics"
# The refusal counted when a request to METRICS_ROUTE lacks the right token.
METRICS_REFUSAL = "metrics_token_invalid"


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(pairs: tuple[tuple[str, str], ...]) -> str:
    return "{" + ",".join(f'{name}="{_label(value)}"' for name, value in pairs) + "}" if pairs else ""


class Metrics:
    """The counters of one server process, fed by :class:`~sync.server.request_log.RequestLog`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counters: dict[str, dict[tuple[tuple[str, str], ...], float]] = defaultdict(lambda: defaultdict(float))
        self._histograms: dict[tuple[tuple[str, str], ...], list[float]] = {}  # bucket counts, then sum, count

    def observe(self, facts: RequestFacts, route: str, status: int, seconds: float, bytes_in: int,
                bytes_out: int) -> None:
        """One request served (called after its answer went out)."""
        by_route = (("route", route),)
        with self._lock:
            self._counters["wpt_requests_total"][(("route", route), ("status", str(status)))] += 1
            if facts.refusal:
                self._counters["wpt_refusals_total"][(("reason", facts.refusal),)] += 1
            if route == METRICS_ROUTE:  # a scrape (or a guess at its token) is counted, not timed
                return
            self._counters["wpt_received_bytes_total"][by_route] += bytes_in
            self._counters["wpt_sent_bytes_total"][by_route] += bytes_out
            if route == SYNC_ROUTE and status == 200:
                self._counters["wpt_syncs_total"][()] += 1
                self._counters["wpt_changes_pushed_total"][()] += facts.pushed
                self._counters["wpt_changes_pulled_total"][()] += facts.pulled
            histogram = self._histograms.setdefault(by_route, [0.0] * (len(BUCKETS) + 2))
            for index, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    histogram[index] += 1
            histogram[-2] += seconds
            histogram[-1] += 1

    def render(self) -> str:
        """The exposition text."""
        help_of = {
            "wpt_requests_total": "HTTP requests answered, by declared route and status.",
            "wpt_syncs_total": "Syncs answered with 200.",
            "wpt_changes_pushed_total": "Changes received from desks in answered syncs.",
            "wpt_changes_pulled_total": "Changes sent to desks in answered syncs.",
            "wpt_received_bytes_total": "Request body bytes received, by route.",
            "wpt_sent_bytes_total": "Response body bytes sent, by route.",
            "wpt_refusals_total": "Requests refused, by reason (the error code of the answer).",
        }
        lines: list[str] = []
        with self._lock:
            for name, text in help_of.items():
                lines += [f"# HELP {name} {text}", f"# TYPE {name} counter"]
                series = self._counters.get(name, {})
                if not series and name in ("wpt_syncs_total", "wpt_changes_pushed_total", "wpt_changes_pulled_total"):
                    series = {(): 0.0}
                lines += [f"{name}{_labels(labels)} {value:g}" for labels, value in sorted(series.items())]
            name = "wpt_request_duration_seconds"
            lines += [f"# HELP {name} Time to answer a request, by route.", f"# TYPE {name} histogram"]
            for labels, histogram in sorted(self._histograms.items()):
                for bound, count in zip(BUCKETS, histogram, strict=False):
                    lines.append(f"{name}_bucket{_labels((*labels, ('le', f'{bound:g}')))} {count:g}")
                lines.append(f"{name}_bucket{_labels((*labels, ('le', '+Inf')))} {histogram[-1]:g}")
                lines.append(f"{name}_sum{_labels(labels)} {histogram[-2]:.6f}")
                lines.append(f"{name}_count{_labels(labels)} {histogram[-1]:g}")
        return "\n".join(lines) + "\n"


def read_token(text: str) -> str:
    """A metrics token as configured (file content or environment): stripped, bounded.

    Raises:
        ValueError: empty or too long (one Italian sentence).
    """
    token = text.strip()
    if not token or len(token.encode()) > MAX_TOKEN_BYTES or any(c.isspace() for c in token):
        raise ValueError("Il token delle metriche deve essere una sola parola, non vuota, di al più "
                         f"{MAX_TOKEN_BYTES} byte.")
    return token


def token_matches(expected: str, authorization: str) -> bool:
    """Whether an ``Authorization`` header carries the metrics token (constant-time comparison)."""
    given = authorization[7:].strip() if authorization[:7].lower() == "bearer " else ""
    return hmac.compare_digest(given.encode()[:MAX_TOKEN_BYTES + 1], expected.encode())
