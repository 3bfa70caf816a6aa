"""The machine key of unattended jobs in the OS credential store (Windows Credential Manager, macOS
Keychain, the Secret Service on Linux) through the ``keyring`` package, when it is installed.

``keyring`` is optional (``pip install "wpt-desk[keyring]"``): imported only when a command needs it, and
left out of the packaged Linux desk (``build.spec``: it pulls SecretStorage and ``cryptography``), where the
key file stays the supported way. The entry is named by the data folder, so two desks on one PC keep two keys.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from desktop.cli.errors import CliError

SERVICE = "wpt-desk"


def _keyring() -> ModuleType | None:
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def available() -> bool:
    return _keyring() is not None


def _account(data_dir: Path) -> str:
    return str(Path(data_dir).resolve())


def store_machine_key(data_dir: Path, secret: str) -> None:
    """Keep ``secret`` in the OS credential store of this account; one sentence if there is none."""
    keyring = _keyring()
    if keyring is None:
        raise CliError("Il pacchetto «keyring» non è installato: usare il file della chiave (--key-file) oppure "
                       "installare wpt-desk[keyring].")
    try:
        keyring.set_password(SERVICE, _account(data_dir), secret)
    except Exception as exc:  # keyring.errors.KeyringError and the backends' own errors
        raise CliError(f"Archivio delle credenziali del sistema non disponibile ({exc.__class__.__name__}): "
                       "usare il file della chiave (--key-file).") from None


def machine_key(data_dir: Path) -> str | None:
    """The machine key kept for this data folder, or None (no keyring, no store, or no entry)."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        secret = keyring.get_password(SERVICE, _account(data_dir))
    except Exception:  # no usable backend: the key file is the fallback
        return None
    return str(secret).strip() if secret else None


def forget_machine_key(data_dir: Path) -> None:
    """Remove this data folder's entry, if any (nothing to do without keyring or entry)."""
    keyring = _keyring()
    if keyring is None:
        return
    try:
        keyring.delete_password(SERVICE, _account(data_dir))
    except Exception:  # PasswordDeleteError when there is no entry; no backend
        pass
