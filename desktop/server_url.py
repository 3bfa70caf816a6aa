"""The address of a network's server, checked wherever one enters: ``wpt-desk.toml``, ``wpt-desk enroll
--server``, the enrollment form of the Sincronizzazione page and the sync client itself.

The desk's credential travels in every request: ``https://`` only, plain ``http://`` to a loopback
address alone (a server on this same computer, as in tests and demonstrations).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_loopback(host: str) -> bool:
    """``localhost`` or an address of 127.0.0.0/8 or ::1 (no name resolution: a name is not trusted)."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_server_url(url: str) -> str:
    """The address without a trailing slash.

    Raises:
        ValueError: with an Italian sentence saying what is wrong (the address is named, it holds no
            personal data).
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"«{url}» non è un indirizzo web (deve iniziare con https://)")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ValueError(f"«{url}» deve usare https:// (http è ammesso solo per questo computer, localhost)")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"«{url}» non deve contenere credenziali, «?» o «#»")
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise ValueError(f"«{url}» ha un numero di porta non valido") from None
    return url.rstrip("/")
