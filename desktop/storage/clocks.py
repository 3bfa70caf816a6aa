"""How a row's per-field stamps are stored: the one encode/decode pair of the ``clocks`` column.

A row's stamps are mostly one stamp shared by every field written together (an insert stamps all of
them at once), so they are stored grouped by stamp, each stamp written once with the fields it stamps,
the fields named by a bit mask over :data:`FIELD_NAMES`. Since migration 13 the column holds bytes, per
group: the stamp (a stamp of the usual form, ``<15 digits>.<5 digits>.<desk id>`` with a UUID desk id, as
26 bytes: wall time 7, counter 3, desk id 16; any other as its text), the mask as a varint, the fields
missing from :data:`FIELD_NAMES` spelled out. About 36 bytes for a person written at once, half the text
of versions 12 (``001796156486615.00000.<desk id> #ffffffe0000c1;…``), a fortieth of the JSON object
``{"field": "stamp", …}`` of the first versions; every earlier form is still read (migrations 7, 12 and
13 rewrite the rows written by them). The merge rules see only the decoded mapping, field → stamp.
"""

from __future__ import annotations

import functools
import json
import re
import uuid

EMPTY = "{}"  # the column's default: no stamps

# Bit i of a mask names FIELD_NAMES[i]. APPEND-ONLY: stored masks refer to these positions, so a name is
# never removed, moved or renamed here; a new field may be appended (until then it is spelled out).
FIELD_NAMES = (
    "deleted", "name", "municipality_code", "address", "phone", "email", "hours", "origin_desk", "created_at",
    "desk_id", "role", "disabled", "code", "label", "kind", "website", "provider_id", "category", "user_areas",
    "description", "eligibility", "access", "cost", "contacts", "municipality_codes", "fiscal_code", "last_name",
    "first_name", "birth_date", "sex", "birthplace_code", "notes", "privacy_notice_on", "legal_basis",
    "consent_sms", "notice_version", "special_category_basis", "restricted", "objection_on", "objection_outcome",
    "person_id", "operator_id", "opened_on", "channel", "user_area", "urgency", "status", "request_id",
    "service_id", "referred_on", "follow_up_on", "outcome", "provider_feedback", "status_by", "received_on",
    "noted_on", "text", "subject_type", "subject_id", "from_status", "to_status", "reason", "changed_at",
    "by_provider", "purpose", "given_on", "method", "withdrawn_on", "erased_at", "version", "valid_from", "key",
    "value", "rectified_at", "operator_name", "changed_fields",
)
_BIT = {name: 1 << index for index, name in enumerate(FIELD_NAMES)}


def encode(clocks: dict[str, str]) -> str | bytes:
    """The stored form of ``clocks`` (field → stamp)."""
    if not clocks:
        return EMPTY
    masks: dict[str, int] = {}
    spelled: dict[str, list[str]] = {}
    for field, stamp in clocks.items():
        bit = _BIT.get(field)
        if bit is None:
            spelled.setdefault(stamp, []).append(field)
            masks.setdefault(stamp, 0)
        else:
            masks[stamp] = masks.get(stamp, 0) | bit
    out = bytearray()
    for stamp, mask in masks.items():
        _put_stamp(out, stamp)
        _put_varint(out, mask)
        _put_varint(out, len(spelled.get(stamp, ())))
        for field in spelled.get(stamp, ()):
            _put_text(out, field)
    return bytes(out)


def _put_stamp(out: bytearray, stamp: str) -> None:
    found = _UUID_STAMP.fullmatch(stamp)
    if found:
        out.append(_PACKED)
        out += int(found[1]).to_bytes(7, "big") + int(found[2]).to_bytes(3, "big") + uuid.UUID(found[3]).bytes
    else:
        out.append(_SPELLED)
        _put_text(out, stamp)


def encode_together(fields: tuple[str, ...], stamp: str) -> str | bytes:
    """``encode(dict.fromkeys(fields, stamp))``: the fields written together (a new row), their mask made
    once per set of fields."""
    if not fields:
        return EMPTY
    out = bytearray()
    _put_stamp(out, stamp)
    return bytes(out + _together(fields))


@functools.lru_cache(maxsize=64)
def _together(fields: tuple[str, ...]) -> bytes:
    """What follows the stamp in the stored form of ``fields`` under one stamp (its mask and spelled names):
    :func:`encode` under the empty stamp, less that stamp's two bytes (its kind and its length, 0)."""
    stored = encode(dict.fromkeys(fields, ""))
    assert isinstance(stored, bytes) and stored[:2] == bytes((_SPELLED, 0))
    return stored[2:]


# A stamp whose text the 26 bytes give back exactly (a lowercase canonical UUID as desk id).
_UUID_STAMP = re.compile(r"([0-9]{15})\.([0-9]{5})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")
_PACKED, _SPELLED = 0, 1


def _put_varint(out: bytearray, value: int) -> None:
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def _put_text(out: bytearray, text: str) -> None:
    data = text.encode("utf-8")
    _put_varint(out, len(data))
    out += data


def _decode_bytes(stored: bytes) -> dict[str, str]:
    clocks: dict[str, str] = {}
    at = 0

    def varint() -> int:
        nonlocal at
        value, shift = 0, 0
        while True:
            byte = stored[at]
            at += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7

    def text() -> str:
        nonlocal at
        length = varint()
        at += length
        return stored[at - length:at].decode("utf-8")

    while at < len(stored):
        kind = stored[at]
        at += 1
        if kind == _PACKED:
            wall, counter = int.from_bytes(stored[at:at + 7], "big"), int.from_bytes(stored[at + 7:at + 10], "big")
            stamp = f"{wall:015d}.{counter:05d}.{uuid.UUID(bytes=stored[at + 10:at + 26])}"
            at += 26
        else:
            stamp = text()
        mask, index = varint(), 0
        while mask:
            if mask & 1:
                clocks[FIELD_NAMES[index]] = stamp
            mask, index = mask >> 1, index + 1
        for _ in range(varint()):
            clocks[text()] = stamp
    return clocks


def decode(stored: str | bytes | None) -> dict[str, str]:
    """field → stamp from the stored form (bytes; masks or names grouped by stamp in text, or the JSON
    object of the first versions)."""
    if not stored:
        return {}
    if isinstance(stored, bytes):
        return _decode_bytes(stored)
    if stored.startswith("{"):
        return dict(json.loads(stored))
    clocks: dict[str, str] = {}
    for group in stored.split(";"):
        stamp, *fields = group.split(" ")
        for field in fields:
            if field.startswith("#"):
                mask, index = int(field[1:], 16), 0
                while mask:
                    if mask & 1:
                        clocks[FIELD_NAMES[index]] = stamp
                    mask, index = mask >> 1, index + 1
            else:
                clocks[field] = stamp
    return clocks
