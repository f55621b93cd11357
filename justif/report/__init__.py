"""The run folder staff open in the morning: one JSON per dossier, summary.json, flags.csv, report.html."""

from __future__ import annotations

import logging
from pathlib import Path

from justif.domain import DossierResult
from justif.report.files import write_flags_csv, write_results, write_summary
from justif.report.html import write_html
from justif.report.run import PageCrop, RunInfo

log = logging.getLogger(__name__)


def write_run(out: Path, results: list[DossierResult], run: RunInfo, page_crop: PageCrop | None) -> None:
    """Write every output of the run under `out` (created if needed); crops come from `page_crop`."""
    out.mkdir(parents=True, exist_ok=True)
    write_results(out / "dossiers", results)
    write_summary(out / "summary.json", results, run)
    write_flags_csv(out / "flags.csv", results)
    write_html(out / "report.html", results, run, page_crop)
    log.info("run written to %s: %d dossiers", out, len(results))


__all__ = ["PageCrop", "RunInfo", "write_run"]
