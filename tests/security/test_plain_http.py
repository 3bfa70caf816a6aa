"""Finding 5: the credential never travels over plain http except to this computer. ``http://`` to any
other host is refused wherever a server address enters (``wpt-desk enroll``, the enrollment form, a
saved address, ``wpt-desk.toml``) before a single byte is sent; loopback http keeps working."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.config import ConfigError, parse_config
from desktop.domain.models import Person
from desktop.server_url import check_server_url
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.sync.client import SyncClient, SyncError
from tests.helpers.cli import wpt_desk
from tests.helpers.sync_server import RunningServer
from tests.ui.conftest import window
from ui.main_window import MainWindow

__all__ = ["window"]

NewDesk = Callable[[str], Store]


def _lan_address() -> str | None:
    """A non-loopback address of this machine, to listen where a refused desk would connect."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        address = str(probe.getsockname()[0])
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


class Listener:
    """A TCP listener on the LAN address that records whether anyone connected."""

    def __init__(self) -> None:
        address = _lan_address()
        if address is None:
            pytest.skip("no non-loopback address on this machine")
        self.socket = socket.create_server((address, 0))
        self.socket.settimeout(0.2)
        self.url = f"http://{address}:{self.socket.getsockname()[1]}"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.socket.close()


@pytest.fixture
def lan_listener() -> Iterator[Listener]:
    listener = Listener()
    yield listener
    listener.close()


def test_enroll_refuses_plain_http_to_another_host_before_connecting(
    lan_listener: Listener, server: RunningServer, tmp_path: Path
) -> None:
    code = server.engine().create_enrollment("A", "rete")
    refused = wpt_desk(tmp_path / "a", "enroll", "--server", lan_listener.url, "--code", code)
    assert refused.returncode == 2 and "https://" in refused.stderr and "Traceback" not in refused.stderr
    assert lan_listener.connections == 0
    # The code was not spent: the same desk enrolls over loopback.
    ok = wpt_desk(tmp_path / "a", "enroll", "--server", server.url, "--code", code)
    assert ok.returncode == 0, ok.stderr


def test_a_saved_http_address_sends_nothing_and_keeps_the_changes(
    lan_listener: Listener, server: RunningServer, new_desk: NewDesk
) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    a.save(Person(last_name="Inviato", first_name="Mai"))
    a.set_setting(sync_tables.SERVER_KEY, lan_listener.url)  # tampered or left by an older version
    with pytest.raises(SyncError, match="https://") as caught:
        SyncClient(a, timeout=5).sync()
    assert caught.value.kind == "setup" and lan_listener.connections == 0
    assert sync_tables.outbox_count(a) > 0  # nothing lost
    with pytest.raises(SyncError, match="https://"):
        SyncClient(a, server=lan_listener.url, timeout=5).enroll("ABCD-EFGH-JKLM-NPQR")
    assert lan_listener.connections == 0
    # Other desks are unaffected; the desk syncs again once its address is right.
    assert cb.sync().complete
    a.set_setting(sync_tables.SERVER_KEY, server.url)
    assert ca.sync().complete and cb.sync().complete and b.count("person") == 1


def test_the_enrollment_form_refuses_plain_http(
    qtbot: QtBot, window: MainWindow, lan_listener: Listener
) -> None:
    window.show_page("sync")
    page = window.pages["sync"]
    qtbot.keyClicks(page.server_edit, lan_listener.url)
    qtbot.keyClicks(page.code_edit, "ABCD-EFGH-JKLM-NPQR")
    page.enroll_button.click()
    assert "https://" in page.enroll_message.text() and page.enroll_button.isEnabled()
    assert lan_listener.connections == 0


@pytest.mark.parametrize("url", ["http://wpt.example.it", "http://192.168.1.10:8765", "http://10.0.0.1",
                                 "http://127.0.0.1.example.it", "ftp://wpt.example.it", "http://[fe80::1]"])
def test_plain_http_to_other_hosts_is_refused_everywhere(url: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="https://"):
        check_server_url(url)
    config = tmp_path / "wpt-desk.toml"
    config.write_text(f'[server]\nurl = "{url}"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        parse_config(config)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8765", "http://localhost:8765/", "http://[::1]:8765",
                                 "http://127.0.0.2", "https://wpt.example.it"])
def test_loopback_http_and_https_are_accepted(url: str) -> None:
    assert check_server_url(url) == url.rstrip("/")
