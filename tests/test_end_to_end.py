"""`justif run` on the bundled demo inbox, for real: Prefect, Tesseract, the shipped model, every output."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from justif.evaluate import evaluate_run, flag_scores, load_run
from justif.schemas import schema_errors

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "sample_docs" / "demo_inbox"
DEMO_TRUTH = ROOT / "sample_docs" / "demo_inbox.truth.json"

pytestmark = pytest.mark.slow


def justif(*args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    return subprocess.run([sys.executable, "-m", "justif.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=ROOT)


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache") / "justif"


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory, cache_dir) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("run") / "out"
    done = justif("run", str(DEMO), "--out", str(out), "--cache", str(cache_dir))
    return out, done


def test_run_exits_0_without_traceback(demo_run):
    out, done = demo_run
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr + done.stdout
    assert str(out / "report.html") in done.stdout


def test_one_schema_valid_result_per_dossier(demo_run):
    out, _ = demo_run
    dossiers = sorted(p.name for p in DEMO.iterdir() if p.is_dir())
    written = sorted(p.stem for p in (out / "dossiers").glob("*.json"))
    assert written == dossiers
    for path in (out / "dossiers").glob("*.json"):
        assert schema_errors("result", json.loads(path.read_text(encoding="utf-8"))) == [], path.name


SEVERITY_ORDER = {"ok": 0, "to_review": 1, "incomplete": 2}


def test_no_real_problem_missed_and_few_false_alarms(demo_run):
    """What staff judge: every seeded fault flagged, no dossier rated less serious than it is.

    Statuses and precision are held to floors, not to equality: an OCR misreading on a scan (a grade read
    "225" for "12,25") is rightly left unread, and an unread declared value is shown to staff."""
    out, _ = demo_run
    truth = json.loads(DEMO_TRUTH.read_text(encoding="utf-8"))
    results, summary = load_run(out)
    figures = evaluate_run(truth, results, summary)
    flags = flag_scores(truth, results)
    assert flags["recall"] == 1.0, flags["per_code"]
    under_rated = {d: (e["expected_status"], results[d]["status"]) for d, e in truth["dossiers"].items()
                   if SEVERITY_ORDER[results[d]["status"]] < SEVERITY_ORDER[e["expected_status"]]}
    assert under_rated == {}
    assert figures["status"]["ok_while_piece_missing"] == 0
    assert figures["status"]["accuracy"] >= 0.85, figures["status"]
    assert flags["precision"] >= 0.85, flags["per_code"]
    assert figures["classification"]["accuracy"] >= 0.95


def test_outputs_for_staff(demo_run):
    out, _ = demo_run
    raw = (out / "flags.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert len(rows) - 1 == sum(summary["by_flag_code"].values())
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<html" in html and "dossier" in html.lower()


def test_second_run_reads_from_the_cache(demo_run, cache_dir, tmp_path):
    done = justif("run", str(DEMO), "--out", str(tmp_path / "again"), "--cache", str(cache_dir))
    assert done.returncode == 0
    first = json.loads((demo_run[0] / "summary.json").read_text(encoding="utf-8"))
    second = json.loads((tmp_path / "again" / "summary.json").read_text(encoding="utf-8"))
    assert second["by_status"] == first["by_status"]


def test_eval_prints_every_figure(demo_run):
    out, _ = demo_run
    done = justif("eval", str(DEMO), str(DEMO_TRUTH), "--run", str(out), "--json")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert set(figures) == {"classification", "splitting", "fields", "flags", "status", "speed"}


def test_serve_registers_the_nightly_deployment(tmp_path):
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    cmd = [sys.executable, "-m", "justif.cli", "serve", "--cron", "0 2 * * *", "--inbox", str(DEMO),
           "--out-root", str(tmp_path / "runs")]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
    seen = ""
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and "prescreen/nightly" not in seen:
            line = proc.stdout.readline()
            if not line:
                break
            seen += line
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
    assert "prescreen/nightly" in seen, seen[-2000:]
