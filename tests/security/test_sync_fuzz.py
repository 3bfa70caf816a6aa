"""Fuzz of ``POST /v1/sync`` against a real server process: random bytes, random JSON, malformed and
oversized sync requests, gzipped or not. Every answer is a 4xx with a short ErrorBody or a valid sync
answer, never a 500, and the server's memory (from /proc) stays bounded."""

from __future__ import annotations

import gzip
import json
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.ids import HybridLogicalClock
from desktop.storage.store import Store
from desktop.storage.sync_tables import CREDENTIAL_KEY
from desktop.sync.client import SyncClient
from sync.entities import SYNC_ENTITIES, writable_fields
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, ErrorBody, SyncResponse
from tests.helpers.server_process import ServerProcess

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="measures memory through /proc")

NewDesk = Callable[[str], Store]
MEMORY_BOUND_MB = 256

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=2**62, max_value=2**70)
    | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=12), inner, max_size=6),
    max_leaves=40,
)
stamps = st.one_of(
    st.text(max_size=30),
    st.builds(lambda w, c, n: f"{w:015d}.{c:05d}.{n}", st.integers(0, 10**15 - 1), st.integers(0, 99_999),
              st.from_regex(r"[A-Za-z0-9_-]{1,70}", fullmatch=True)),
    st.builds(lambda w, c: f"{w}.{c}.x", st.integers(-5, 10**17), st.integers(-5, 10**7)),
)
entities = st.sampled_from(["person", "request", "referral", "note", "service", "category", "provider", "desk",
                            "operator", "conflict", "person_merge", "status_change", "nope", "", "PERSON"])
field_values = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=60), json_values,
                         st.integers(30_000, 40_000).map(lambda n: "é" * n))
changes = st.fixed_dictionaries(
    {"change_id": st.text(max_size=80), "entity": entities, "row_id": st.text(max_size=80),
     "fields": st.dictionaries(st.sampled_from(["last_name", "first_name", "deleted", "person_id", "category",
                                                "operator_id", "origin_desk", "created_at", "x", "Bad-Key"]),
                               field_values, max_size=6),
     "hlc": stamps},
    optional={"origin_desk": st.text(max_size=70), "base": st.dictionaries(st.text(max_size=10), stamps, max_size=3),
              "extra": json_values},
)
requests = st.fixed_dictionaries(
    {"changes": st.lists(changes, max_size=8)},
    optional={"cursor": st.one_of(st.integers(), st.integers(min_value=2**63 - 2, max_value=2**80), st.text()),
              "max_bytes": st.integers(), "batch": st.text(max_size=100)},
)


scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**63), 2**63 - 1), st.text(max_size=30),
                    st.sampled_from(["ACC", "aperta", "2024-02-30", "2020-01-01", "L219", "RSSMRA80A01L219X", "[]",
                                     "[\"L219\"]", "{", "in_person"]))
_ALL_FIELDS = {f for e in SYNC_ENTITIES.values() for f in writable_fields(e)} | {"unknown_field"}


def _oversized(repeat: int) -> bytes:
    change = {"change_id": "c", "entity": "person", "row_id": "r", "fields": {}, "hlc": "x"}
    return json.dumps({"changes": [change] * repeat}).encode()


bodies = st.one_of(
    st.binary(max_size=3000),
    json_values.map(lambda v: json.dumps(v).encode()),
    requests.map(lambda v: json.dumps(v).encode()),
    st.integers(900, 30_000).map(_oversized),
    st.integers(1, 400_000).map(lambda n: b"[" * n + b"]" * n),
)


def test_fuzzed_sync_bodies_never_crash_the_server(tmp_path: Path, new_desk: NewDesk) -> None:
    with ServerProcess(tmp_path / "server") as server:
        desk = new_desk("a")
        SyncClient(desk, server=server.url).enroll(server.engine().create_enrollment("A", "rete"))
        assert SyncClient(desk).sync().complete
        credential = desk.setting(CREDENTIAL_KEY)
        idle = server.rss_mb()
        # Changes that pass the envelope (this desk's own, well-formed stamps) and exercise the engine.
        plausible = st.fixed_dictionaries({
            "change_id": st.uuids().map(str), "entity": entities,
            "row_id": st.sampled_from([str(uuid.UUID(int=i)) for i in range(5)]),
            "fields": st.dictionaries(st.sampled_from(sorted(_ALL_FIELDS)), scalars, max_size=8),
            "hlc": st.integers(0, 200_000).map(lambda n: HybridLogicalClock.format(
                time.time_ns() // 1_000_000 - n, 0, desk.desk_id)),
            "base": st.dictionaries(st.sampled_from(["last_name", "status"]), stamps, max_size=2),
        })
        fuzzed = bodies | st.lists(plausible, max_size=10).map(lambda c: json.dumps({"changes": c}).encode())
        seen: dict[int, int] = {}
        with httpx.Client(base_url=server.url, timeout=60) as http:

            @settings(max_examples=250, deadline=None, derandomize=True, database=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
            @given(body=fuzzed, gzipped=st.booleans())
            def check(body: bytes, gzipped: bool) -> None:
                headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Authorization": f"Bearer {credential}"}
                if gzipped:
                    headers["Content-Encoding"] = "gzip"
                    body = gzip.compress(body)
                answer = http.post("/v1/sync", content=body, headers=headers)
                seen[answer.status_code] = seen.get(answer.status_code, 0) + 1
                _assert_well_formed(answer)

            check()
        # After all that, a desk still syncs.
        assert SyncClient(desk).sync().complete
        peak = server.peak_rss_mb()
    print(f"\nfuzz: answers by status {dict(sorted(seen.items()))}; server RSS idle {idle:.0f} MB, "
          f"peak {peak:.0f} MB (+{peak - idle:.0f} MB)")
    assert peak - idle < MEMORY_BOUND_MB


def _assert_well_formed(answer: httpx.Response) -> None:
    if answer.status_code == 200:
        SyncResponse.model_validate_json(answer.content)  # httpx has inflated it
        return
    assert 400 <= answer.status_code < 500, answer.status_code
    assert len(answer.content) < 512
    error: Any = ErrorBody.model_validate_json(answer.content)
    assert error.message and "Traceback" not in error.message
