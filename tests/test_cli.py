"""The CLI's contract with the operator: help texts, one-line errors naming the path, exit 2."""

import subprocess
import sys

import pytest

from justif.cli import main
from tests.conftest import dossier_dict, write_dossier


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "justif.cli", *args], capture_output=True, text=True, timeout=120)


def test_help_names_every_command():
    done = _run("--help")
    assert done.returncode == 0
    for command in ("run", "serve", "eval", "train", "cache"):
        assert command in done.stdout


@pytest.mark.parametrize("command", ["run", "serve", "eval", "train", "cache"])
def test_each_command_has_help(command):
    done = _run(command, "--help")
    assert done.returncode == 0 and "usage: justif" in done.stdout


def test_the_command_is_main_in_a_process_tuned_for_one_run():
    # The installed `justif` and `python -m justif.cli` both go through console(): the collector set for
    # a process that ends with its run (cli.GC_THRESHOLDS), what is left frozen at exit, main's exit code.
    from importlib.metadata import entry_points

    assert entry_points(group="console_scripts")["justif"].value == "justif.cli:console"
    probe = ("import gc, sys; from justif.cli import console; sys.argv = ['justif']; code = console(); "
             "print(code, gc.get_threshold(), gc.get_freeze_count() > 0)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "2 (20000, 20, 20) True"


def test_missing_inbox_is_one_line_exit_2(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    assert main(["run", str(missing), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(missing) in err[0]


def test_inbox_without_dossier_is_exit_2(tmp_path, capsys):
    (tmp_path / "inbox").mkdir()
    assert main(["run", str(tmp_path / "inbox"), "--out", str(tmp_path / "out")]) == 2
    assert "no dossier" in capsys.readouterr().err


def test_unwritable_out_is_exit_2(tmp_path, capsys):
    write_dossier(tmp_path / "inbox", dossier_dict("A1"))
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["run", str(tmp_path / "inbox"), "--out", str(blocker / "out")]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and str(blocker / "out") in err and "Traceback" not in err


def test_cache_purge_empties_the_store(tmp_path, capsys):
    import time as clock

    from justif.reading import cache

    conn = cache.connect(tmp_path / "cache")
    cache.put(conn, "old", "a" * 64, None, [])
    conn.execute("UPDATE readings SET created = ?", (clock.time() - 40 * 86400,))
    conn.commit()
    cache.put(conn, "new", "b" * 64, None, [])
    conn.close()
    assert main(["cache", "purge", "--older-than", "30", "--cache", str(tmp_path / "cache")]) == 0
    assert "removed 1 " in capsys.readouterr().out
    assert main(["cache", "purge", "--cache", str(tmp_path / "cache")]) == 0
    assert "removed 1 " in capsys.readouterr().out
    assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o700


def test_reading_options_reach_the_settings(tmp_path):
    from justif.cli import build_parser, settings_from

    args = build_parser().parse_args(["run", str(tmp_path), "--out", str(tmp_path / "o"), "--page-timeout", "120",
                                      "--lang", "fra+eng", "--workers", "3", "--cache", str(tmp_path / "c")])
    settings = settings_from(args)
    assert settings.read.page_timeout_s == 120 and settings.read.languages == "fra+eng"
    assert settings.workers == 3 and settings.cache_dir == tmp_path / "c"
    assert settings_from(build_parser().parse_args(["run", str(tmp_path), "--out", "o"])).read.page_timeout_s == 60
