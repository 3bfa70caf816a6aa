"""The providers' page in a real headless browser (Chromium from the Debian packages, its own
``--dump-dom`` and ``--screenshot``): the page the server sends is what Chromium parses and renders,
on a phone-sized window. Skipped without Chromium unless ``WPT_TEST_BROWSER_REQUIRED`` is set (then
it fails): CI installs it (``apt-get install -y chromium``).

The forms are driven by :class:`tests.helpers.browser.Browser` (httpx, cookies and CSRF tokens as a
browser keeps them); Chromium renders what a logged-in provider gets.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.referral_code import referral_code
from desktop.storage.store import Store
from tests.helpers.sync_server import RunningServer
from tests.sync.test_provider_page import _log_in, _refer, _two_providers

NewDesk = Callable[[str], Store]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("WPT_TEST_BROWSER_REQUIRED"),
                                reason="no Chromium (apt-get install -y chromium)")
PHONE = "--window-size=412,1400"


def chromium(tmp: Path, *args: str) -> str:
    """Run headless Chromium once (own profile in ``tmp``); its standard output."""
    assert CHROMIUM is not None, "WPT_TEST_BROWSER_REQUIRED is set but Chromium is not installed"
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         f"--user-data-dir={tmp / 'profile'}", "--hide-scrollbars", *args],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def screenshot(html_file: Path, png: Path, tmp: Path) -> None:
    chromium(tmp, PHONE, f"--screenshot={png}", html_file.as_uri())


def test_chromium_renders_the_provider_pages(server: RunningServer, new_desk: NewDesk, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (provider_id, _, service_id), _ = _two_providers()
    desk = new_desk("susa")
    client = server.enroll(desk, "Susa", "val-susa")
    referral_id = _refer(desk, service_id)
    assert client.sync().complete

    dom = chromium(tmp_path, "--dump-dom", f"{server.url}/enti/accesso")  # fetched by Chromium itself
    assert '<html lang="it">' in dom and '<label for="login">' in dom and '<label for="password">' in dom
    assert 'name="csrf"' in dom and "<script" not in dom

    browser, _ = _log_in(server, capsys, provider_id)
    try:
        page = browser.get(f"/enti/invio/{referral_id}")
        answered = browser.submit(page, f"/enti/invio/{referral_id}", action="presa_in_carico",
                                  note="Colloquio fissato per lunedì")
        assert answered.status == 200
        saved = tmp_path / "invio.html"
        saved.write_text(answered.response.text, encoding="utf-8")
    finally:
        browser.close()
    rendered = chromium(tmp_path, "--dump-dom", saved.as_uri())
    assert referral_code(referral_id) in rendered and "Preso in carico" in rendered
    png = tmp_path / "invio.png"
    screenshot(saved, png, tmp_path)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
