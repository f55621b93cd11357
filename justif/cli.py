"""Command line: `justif run | serve | eval | train | cache purge`."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from pathlib import Path

from justif.config import ReadSettings, Settings, default_cache_dir
from justif.errors import UsageError

log = logging.getLogger("justif")

EXIT_USAGE = 2


# The `justif` process ends with its command and holds up to a whole run's readings, tens of thousands of
# objects that live until the end: the cyclic collector need not walk them over and over, nor once more
# at exit. Collecting young objects every 20,000 allocations instead of 700, and freezing what is left
# before the interpreter's last collection, took an unchanged re-run of build/bench from 1.58-1.65 s to
# 1.22-1.28 s (freezing alone: 1.38-1.44 s). Cycles are still collected during the run.
GC_THRESHOLDS = (20_000, 20, 20)


def console() -> int:
    """The `justif` command (and `python -m justif.cli`): `main` in a process of its own."""
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        return main()
    finally:
        gc.freeze()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    _configure_logging(args.verbose)
    try:
        return args.handler(args)
    except UsageError as exc:
        print(f"justif: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("justif: interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="justif",
        description="Pre-screen the supporting documents of BTS registration dossiers and write a French "
        "report for the exam office.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="more log lines (Prefect's too)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_run(sub)
    _add_serve(sub)
    _add_eval(sub)
    _add_train(sub)
    _add_cache(sub)
    return parser


def _add_settings_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("reading")
    group.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="parallel OCR processes (default: cores)"
    )
    group.add_argument(
        "--cache", type=Path, default=None, help=f"reading cache folder (default: {default_cache_dir()})"
    )
    group.add_argument("--no-cache", action="store_true", help="read every file again, store nothing")
    group.add_argument("--lang", default="fra", help="Tesseract languages (default: fra)")
    group.add_argument("--page-timeout", type=float, default=ReadSettings().page_timeout_s, metavar="SECONDS",
                       help="OCR of one page is stopped after this (default: %(default)g); a page that ran out "
                       "of time is kept as such in the cache until the limit changes")
    group.add_argument("--models", type=Path, default=None, help="models folder (default: the project's models/)")


def settings_from(args: argparse.Namespace) -> Settings:
    read = ReadSettings(languages=args.lang, page_timeout_s=args.page_timeout)
    settings = Settings(read=read, workers=max(1, args.workers))
    if args.no_cache:
        settings.cache_dir = None
    elif args.cache is not None:
        settings.cache_dir = args.cache
    if args.models is not None:
        settings.models_dir = args.models
    return settings


def _add_run(sub) -> None:
    p = sub.add_parser("run", help="pre-screen every dossier of an inbox once", description=(
        "Run the Prefect flow 'prescreen' once over INBOX and write OUT/dossiers/<id>.json, OUT/summary.json, "
        "OUT/flags.csv and OUT/report.html. Exit 0 when the run finished, whatever it flagged."))
    p.add_argument("inbox", type=Path, help="folder with one sub-folder per dossier (dossier.json + uploads)")
    p.add_argument("--out", type=Path, required=True, help="run folder to write (created if needed)")
    _add_settings_options(p)
    p.set_defaults(handler=_cmd_run)


def _add_serve(sub) -> None:
    p = sub.add_parser("serve", help="serve the pre-screen on a schedule (nightly batch)", description=(
        "Serve the flow 'prescreen' with a cron schedule; each run writes its own dated folder under OUT_ROOT. "
        "Uses PREFECT_API_URL when set."))
    p.add_argument("--cron", default="0 2 * * *", help="cron schedule (default: '0 2 * * *', 2 am)")
    p.add_argument("--inbox", type=Path, required=True, help="inbox folder to pre-screen at each run")
    p.add_argument("--out-root", type=Path, required=True, help="folder receiving one dated run folder per run")
    p.add_argument("--name", default="nightly", help="deployment name (default: nightly)")
    _add_settings_options(p)
    p.set_defaults(handler=_cmd_serve)


def _add_eval(sub) -> None:
    p = sub.add_parser("eval", help="score a run against a corpus truth file", description=(
        "Run the pre-screen over INBOX (or read --run of an earlier run) and print classification, splitting, "
        "field, flag and status accuracy against TRUTH, and pages per second."))
    p.add_argument("inbox", type=Path)
    p.add_argument("truth", type=Path, help="truth.json written by the corpus generator")
    p.add_argument("--run", type=Path, default=None, help="an earlier run folder to score instead of running")
    p.add_argument("--out", type=Path, default=None, help="run folder to write (default: a temporary folder)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    _add_settings_options(p)
    p.set_defaults(handler=_cmd_eval)


def _add_train(sub) -> None:
    p = sub.add_parser("train", help="train a challenger model and promote it if it is at least as good",
                       description="Train on the generated corpus plus labelled samples (uploads + labels.jsonl); "
                       "evaluate challenger and current model on the same held-out set; promote only when the "
                       "challenger is as good overall and no class loses more than 2 points.")
    p.add_argument("--labels", type=Path, default=None, help="labelled-samples folder (uploads + labels.jsonl)")
    p.add_argument("--corpus", type=Path, default=None, help="generated corpus inbox (default: build/corpus)")
    p.add_argument("--seed", type=int, default=0)
    _add_settings_options(p)
    p.set_defaults(handler=_cmd_train)


def _add_cache(sub) -> None:
    p = sub.add_parser("cache", help="manage the reading cache (it holds personal data)")
    csub = p.add_subparsers(dest="cache_command", metavar="ACTION", required=True)
    purge = csub.add_parser("purge", help="delete cached readings", description="Delete cached readings, all of "
                            "them or those older than --older-than days.")
    purge.add_argument("--older-than", type=float, default=None, metavar="DAYS")
    purge.add_argument("--cache", type=Path, default=None, help=f"cache folder (default: {default_cache_dir()})")
    purge.set_defaults(handler=_cmd_cache_purge)


def _cmd_run(args: argparse.Namespace) -> int:
    from justif.commands import run_once

    return run_once(args.inbox, args.out, settings_from(args))


def _cmd_serve(args: argparse.Namespace) -> int:
    from justif.commands import serve

    return serve(args.inbox, args.out_root, args.cron, args.name, settings_from(args))


def _cmd_eval(args: argparse.Namespace) -> int:
    from justif.commands import evaluate

    return evaluate(args.inbox, args.truth, args.run, args.out, args.json, settings_from(args))


def _cmd_train(args: argparse.Namespace) -> int:
    from justif.commands import train

    return train(args.labels, args.corpus, args.seed, settings_from(args))


def _cmd_cache_purge(args: argparse.Namespace) -> int:
    from justif.reading.cache import purge

    folder = args.cache or default_cache_dir()
    removed = purge(folder, args.older_than)
    print(f"removed {removed} cached reading(s) from {folder}")
    return 0


def _configure_logging(verbose: bool) -> None:
    # Prefect reads its settings from the environment when imported: set them here, at the edge.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    level = logging.DEBUG if verbose else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    for noisy in ("httpx", "httpcore"):  # Prefect's API client logs every request at INFO
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.WARNING)
    if sys.stderr.isatty() and not verbose:
        logging.getLogger().setLevel(logging.WARNING)


if __name__ == "__main__":
    sys.exit(console())
