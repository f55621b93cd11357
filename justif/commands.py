"""What the CLI commands do, once their arguments are parsed: run, serve, eval, train."""

from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from pathlib import Path

from justif import progress
from justif.config import Settings
from justif.errors import UsageError
from justif.ingest import DOSSIER_FILE, InboxError, dossier_folders

log = logging.getLogger(__name__)


def run_once(inbox: Path, out: Path, settings: Settings) -> int:
    """`justif run`: the prescreen flow once; prints where the report is."""
    folders = checked_inbox(inbox)
    checked_out(out)
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from flows.prescreen import prescreen

    # No flow-run heartbeats: they only feed a server automation that marks silent runs as crashed,
    # which justif does not set up (under `justif serve` the runner itself reports a flow-run process
    # that died), and the engine waits up to 1 s for the heartbeat thread at the end of every run:
    # 0.3-0.5 s of an unchanged re-run of build/bench, about 3 s in all.
    with progress_display(folders), temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        summary = prescreen(inbox=str(inbox), out=str(out), settings=settings)
    print(
        f"{sum(summary.get(k, 0) for k in ('ok', 'to_review', 'incomplete'))} dossiers: "
        f"{summary.get('incomplete', 0)} incomplete, {summary.get('to_review', 0)} to review, "
        f"{summary.get('ok', 0)} ok"
    )
    print(f"report: {out / 'report.html'}")
    return 0


def serve(inbox: Path, out_root: Path, cron: str, name: str, settings: Settings) -> int:
    """`justif serve`: the same flow on a cron schedule, one dated run folder per run."""
    checked_inbox(inbox)
    checked_out(out_root)
    from prefect.types.entrypoint import EntrypointType

    from flows.prescreen import prescreen

    # Each scheduled run starts from the installed module, wherever `justif serve` was started from.
    logging.getLogger("prefect.FlowRunCancellingObserver").setLevel(logging.ERROR)  # noisy on Ctrl-C
    prescreen.serve(
        name=name, cron=cron, entrypoint_type=EntrypointType.MODULE_PATH,
        parameters={"inbox": str(inbox.resolve()), "out_root": str(out_root.resolve()),
                    "settings": settings.model_dump(mode="json")},
        description="Nightly pre-screen of the registration inbox",
    )
    return 0


def checked_inbox(inbox: Path) -> list[Path]:
    try:
        return dossier_folders(inbox)
    except InboxError as exc:
        raise UsageError(str(exc)) from None


def checked_out(out: Path) -> None:
    """OUT must be creatable and writable before hours of reading start."""
    probe = out / ".justif-write-test"
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise UsageError(f"cannot write to output folder: {out} ({exc.strerror or exc})") from None


@contextmanager
def progress_display(folders: list[Path]):
    """A rich progress bar on a terminal, plain log lines otherwise."""
    counts = {f.name: sum(1 for p in f.rglob("*") if p.is_file() and p.name != DOSSIER_FILE) for f in folders}
    tracker = progress.Tracker(counts)
    if not sys.stderr.isatty():
        progress.set_listener(progress.LogProgress(tracker))
        try:
            yield tracker
        finally:
            progress.set_listener(None)
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("reading"), BarColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, transient=False) as bar:
        task_id = bar.add_task(tracker.line(), total=tracker.total_files or 1)

        def on_reading(reading) -> None:
            tracker.add(reading)
            bar.update(task_id, completed=tracker.files, description=tracker.line())

        progress.set_listener(on_reading)
        try:
            yield tracker
        finally:
            progress.set_listener(None)


def evaluate(inbox: Path, truth_path: Path, run: Path | None, out: Path | None, as_json: bool,
             settings: Settings) -> int:
    """`justif eval`: score a run (made now, or an earlier one) against a truth file."""
    import contextlib
    import json
    import tempfile

    from justif.eval_report import format_eval
    from justif.evaluate import evaluate_run, load_run

    if not truth_path.is_file():
        raise UsageError(f"truth file not found: {truth_path}")
    try:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"truth file is not valid JSON: {truth_path} ({exc})") from None
    if run is None:
        run = out or Path(tempfile.mkdtemp(prefix="justif-eval-"))
        with contextlib.redirect_stdout(sys.stderr):  # stdout carries the figures only
            run_once(inbox, run, settings)
    elif not (run / "dossiers").is_dir():
        raise UsageError(f"not a run folder (no dossiers/): {run}")
    results, summary = load_run(run)
    figures = evaluate_run(truth, results, summary)
    print(json.dumps(figures, indent=2, ensure_ascii=False) if as_json else format_eval(figures))
    return 0


def train(labels: Path | None, corpus: Path | None, seed: int, settings: Settings) -> int:
    """`justif train`: the retrain flow; prints the decision and both scores."""
    from classifiers.labels import LabelsError, load_labels

    if labels is not None:
        try:
            load_labels(labels)  # refuse a malformed labels file before hours of reading
        except LabelsError as exc:
            raise UsageError(f"labelled samples refused, nothing changed: {exc}") from None
    corpus = corpus or Path("build/corpus")
    truth = corpus.with_name(corpus.name + ".truth.json")
    if not (corpus.is_dir() and truth.is_file()):
        raise UsageError(f"corpus not found: {corpus} (with {truth.name} beside it); run 'make corpus' first")
    from flows.retrain import retrain

    outcome = retrain(corpus=str(corpus), truth=str(truth), labels=str(labels) if labels else None, seed=seed,
                      settings=settings)
    print(outcome["summary"])
    return 0
