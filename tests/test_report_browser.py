"""report.html in a real headless Chromium: it loads, shows the counts, and its filters work."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from justif.report import write_run
from tests.test_report_factories import fake_crop, sample_results, sample_run

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-port=0", "--window-size=1366,900"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium not installed at /usr/bin/chromium"),
]


class Page:
    """Just enough of the DevTools protocol: evaluate JavaScript in one tab."""

    def __init__(self, ws_url: str) -> None:
        from websockets.sync.client import connect

        self.ws = connect(ws_url, max_size=None, open_timeout=10)
        self.next_id = 0

    def call(self, method: str, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv(timeout=20))
            if message.get("id") == self.next_id:
                assert "error" not in message, message
                return message["result"]

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")


def _devtools_port(profile: Path, proc: subprocess.Popen) -> int:
    port_file = profile / "DevToolsActivePort"
    for _ in range(200):
        if port_file.exists() and port_file.read_text().strip():
            return int(port_file.read_text().splitlines()[0])
        if proc.poll() is not None:
            pytest.fail(f"chromium exited with {proc.returncode}")
        time.sleep(0.05)
    pytest.fail("chromium did not open its DevTools port")


@pytest.fixture
def page(tmp_path: Path):
    out = tmp_path / "run"
    results = sample_results()
    write_run(out, results, sample_run(results), fake_crop)
    profile = tmp_path / "profile"
    proc = subprocess.Popen([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port = _devtools_port(profile, proc)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            target = next(t for t in json.load(response) if t["type"] == "page")
        tab = Page(target["webSocketDebuggerUrl"])
        tab.call("Page.navigate", url=(out / "report.html").as_uri())
        for _ in range(100):
            if tab.js("document.readyState") == "complete" and tab.js("!!document.getElementById('counter')"):
                break
            time.sleep(0.05)
        yield tab
        tab.ws.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


VISIBLE = "document.querySelectorAll('details.dossier:not([hidden])').length"


def choose(tab: Page, select_id: str, value: str) -> None:
    tab.js(f"(() => {{ const s = document.getElementById({json.dumps(select_id)});"
           f" s.value = {json.dumps(value)}; s.dispatchEvent(new Event('change')); }})()")


def test_page_loads_with_its_counts(page: Page) -> None:
    assert page.js("document.title").startswith("Pré-contrôle des inscriptions BTS")
    assert page.js("document.querySelector('#h-summary').textContent.trim()") == "6 dossiers sur 8 à traiter"
    assert page.js("document.getElementById('counter').textContent") == "8 dossiers affichés sur 8"
    assert page.js(VISIBLE) == 8
    assert page.js("[...document.querySelectorAll('img')].every(i => i.src.startsWith('data:image/'))")


def test_filters_change_what_is_shown(page: Page) -> None:
    choose(page, "f-status", "incomplete")
    assert page.js(VISIBLE) == 1
    assert page.js("document.getElementById('counter').textContent") == "1 dossier affiché sur 8"
    choose(page, "f-status", "attention")
    assert page.js(VISIBLE) == 6
    assert page.js("document.getElementById('s-settled').hidden") is True
    choose(page, "f-code", "DUPLICATE_UPLOAD")
    assert page.js(VISIBLE) == 2
    choose(page, "f-status", "")
    choose(page, "f-code", "")
    choose(page, "f-specialty", "Travaux publics")
    shown = page.js("[...document.querySelectorAll('details.dossier:not([hidden])')].map(d => d.dataset.id)")
    assert shown == ["D0002"]
    choose(page, "f-specialty", "")
    page.js("(() => { const q = document.getElementById('f-search'); q.value = 'd0005';"
            " q.dispatchEvent(new Event('input')); })()")
    assert page.js(VISIBLE) == 1


def test_summary_buttons_filter_too(page: Page) -> None:
    page.js("document.querySelector('[data-filter-status=ok]').click()")
    assert page.js(VISIBLE) == 2
    page.js("document.querySelector('[data-filter-code=MISSING_PIECE]').click()")
    assert page.js(VISIBLE) == 0
    assert page.js("document.getElementById('none').hidden") is False
