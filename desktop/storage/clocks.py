"""How a row's per-field stamps are stored: the one encode/decode pair of the ``clocks`` column.

A row's stamps are mostly one stamp shared by every field written together (an insert stamps all of
them at once), so they are stored grouped by stamp, each stamp written once with the fields it stamps,
the fields named by a bit mask (``#`` and hexadecimal digits) over :data:`FIELD_NAMES`::

    001796156486615.00000.<desk id> #ffffffe0000c1;001796156490001.00000.<desk id> #10

about a twentieth of the JSON object ``{"field": "stamp", …}`` of the first versions and a quarter of
the names spelled out (``<stamp> deleted last_name first_name …``) of versions 7 to 11; both are still
read (migrations 7 and 12 rewrite the rows written by them). A field missing from :data:`FIELD_NAMES`
is spelled out after the mask. Stamps and field names hold neither spaces, semicolons nor ``#``. The
merge rules see only the decoded mapping, field → stamp.
"""

from __future__ import annotations

import functools
import json

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


def encode(clocks: dict[str, str]) -> str:
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
    return ";".join(" ".join((stamp, f"#{mask:x}", *spelled.get(stamp, ()))) if mask
                    else " ".join((stamp, *spelled[stamp])) for stamp, mask in masks.items())


def encode_together(fields: tuple[str, ...], stamp: str) -> str:
    """``encode(dict.fromkeys(fields, stamp))``: the fields written together (a new row), their mask made
    once per set of fields."""
    return f"{stamp} {_together(fields)}" if fields else EMPTY


@functools.lru_cache(maxsize=64)
def _together(fields: tuple[str, ...]) -> str:
    return encode(dict.fromkeys(fields, "")).removeprefix(" ")


def decode(stored: str | None) -> dict[str, str]:
    """field → stamp from the stored form (masks or names grouped by stamp, or the JSON object of the
    first versions)."""
    if not stored:
        return {}
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
