"""The privacy notice texts (informativa, GDPR art. 13) by version: reference data the server publishes
with the catalog (``wpt-server catalog import``, key ``notices``); the built-in versions are seeded."""

from __future__ import annotations

from desktop.domain.models import NoticeText
from desktop.storage.store import Store


def privacy_notices(store: Store) -> list[NoticeText]:
    """Every version known to this desk, oldest first (the last is the current one)."""
    rows = store.query("SELECT * FROM privacy_notices WHERE deleted = 0 ORDER BY valid_from, version")
    return [NoticeText.model_validate(r) for r in rows]


def notice_for(store: Store, version: str) -> NoticeText | None:
    """The text of ``version``; with no version (a person recorded before versions), the current one."""
    notices = privacy_notices(store)
    if not version:
        return notices[-1] if notices else None
    return next((n for n in notices if n.version == version), None)
