"""A ``keyring`` backend for tests: the OS credential stores (Windows Credential Manager, the Secret
Service) are not there on a headless CI machine, so tests select this one with
``PYTHON_KEYRING_BACKEND=tests.helpers.keyring_backend.FolderKeyring``; it keeps each secret as a file in
``WPT_TEST_KEYRING_DIR``. The code under test goes through keyring's public API as it would on a desk."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FolderKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @staticmethod
    def _path(service: str, username: str) -> Path:
        folder = Path(os.environ["WPT_TEST_KEYRING_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        return folder / hashlib.sha256(f"{service}\0{username}".encode()).hexdigest()

    def get_password(self, service: str, username: str) -> str | None:
        path = self._path(service, username)
        return path.read_text(encoding="utf-8") if path.exists() else None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._path(service, username).write_text(password, encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        path = self._path(service, username)
        if not path.exists():
            raise PasswordDeleteError("no such entry")
        path.unlink()
