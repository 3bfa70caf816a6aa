"""TLS with a private certificate authority: the desk trusts the server only through the given CA."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.models import Person
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.sync.client import SyncClient, SyncError
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]
pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def _private_ca(folder: Path) -> tuple[Path, Path, Path]:
    """A CA and a server certificate for 127.0.0.1 signed by it: (ca.pem, server.pem, server.key)."""
    folder.mkdir(parents=True)
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
             "-subj", "/CN=WPT Test CA", "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
             "-subj", "/CN=127.0.0.1", cwd=folder)
    (folder / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                                    "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n")
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
             "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf", cwd=folder)
    return folder / "ca.pem", folder / "server.pem", folder / "server.key"


def test_desk_syncs_over_tls_with_a_private_ca_and_refuses_without_it(tmp_path: Path, new_desk: NewDesk) -> None:
    ca, cert, key = _private_ca(tmp_path / "pki")
    with RunningServer(tmp_path / "tls-server", tls=(cert, key)) as server:
        assert server.url.startswith("https://")
        desk = new_desk("a")
        code = server.engine().create_enrollment("A", "rete")
        with pytest.raises(SyncError, match="certificato") as caught:
            SyncClient(desk, server=server.url).enroll(code)  # system CAs only: refused
        assert caught.value.kind == "tls"
        SyncClient(desk, server=server.url, verify=ca).enroll(code)
        desk.save(Person(last_name="Cifrato", first_name="Ivo"))
        report = SyncClient(desk).sync()  # the CA was remembered at enrollment
        assert report.complete and sync_tables.outbox_count(desk) == 0
