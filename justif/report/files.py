"""The machine-readable outputs: dossiers/<id>.json, summary.json and flags.csv (for a spreadsheet)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

from justif.checks.labels import SEVERITY_LABELS, STATUS_LABELS, piece_label
from justif.domain import DossierResult
from justif.report.run import RunInfo

CSV_HEADER = ("dossier", "statut", "code", "gravité", "pièce", "fichier", "page", "message")


def write_results(folder: Path, results: list[DossierResult]) -> None:
    """One result.schema.json document per dossier; the evidence (boxes, candidates) is kept."""
    folder.mkdir(parents=True, exist_ok=True)
    for result in results:
        text = json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2)
        (folder / f"{result.dossier_id}.json").write_text(text + "\n", encoding="utf-8")


def needs_attention(result: DossierResult) -> bool:
    return result.status != "ok" or result.error is not None


def summary(results: list[DossierResult], run: RunInfo) -> dict[str, Any]:
    statuses = Counter({"incomplete": 0, "to_review": 0, "ok": 0})
    statuses.update(r.status for r in results)
    return {
        "dossiers": len(results),
        "by_status": dict(statuses),
        "by_doc_type": dict(Counter(d.doc_type for r in results for d in r.documents).most_common()),
        "by_flag_code": dict(Counter(f.code for r in results for f in r.flags).most_common()),
        "by_severity": dict(Counter(f.severity for r in results for f in r.flags).most_common()),
        "needs_attention": [r.dossier_id for r in results if needs_attention(r)],
        "dossier_errors": {**run.errors, **{r.dossier_id: r.error for r in results if r.error}},
        "model_version": run.model_version,
        "n_files": run.n_files,
        "n_pages": run.n_pages,
        "run": run.model_dump(mode="json", exclude={"errors"}),
    }


def write_summary(path: Path, results: list[DossierResult], run: RunInfo) -> None:
    path.write_text(json.dumps(summary(results, run), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _cell(value: str) -> str:
    """File names are the candidate's: a leading = + - @ would run as a spreadsheet formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def flag_rows(results: list[DossierResult]) -> list[tuple[str, ...]]:
    rows = []
    for r in results:
        for f in r.flags:
            page = f.details.get("page")
            rows.append((r.dossier_id, STATUS_LABELS[r.status], f.code, SEVERITY_LABELS[f.severity],
                         piece_label(f.piece) if f.piece else "", _cell(f.file or ""),
                         "" if page is None else str(page), _cell(f.message)))
    return rows


def write_flags_csv(path: Path, results: list[DossierResult]) -> None:
    """UTF-8 with BOM and `;`: what a French spreadsheet opens without asking."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(CSV_HEADER)
        writer.writerows(flag_rows(results))
