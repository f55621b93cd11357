"""Labelled samples for retraining: strict reading of a folder's labels.jsonl, and its labelled pages."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from classifiers.corpus import LabelledPage, ReadFn, TruthDoc, _upload, pages_from_readings
from justif.domain import DOC_TYPES

log = logging.getLogger(__name__)
LABELS = "labels.jsonl"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png"}


class LabelsError(ValueError):
    """labels.jsonl cannot be used as it is; the message names the line and what to fix."""


@dataclass(frozen=True)
class LabelledSample:
    file: str
    pages: tuple[int, ...]
    doc_type: str
    subtype: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    line: int = 0


def _page_count(path: Path) -> int | None:
    """Pages of a PDF or a single-frame image; None when it cannot be told cheaply."""
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return 1
    if path.suffix.lower() != ".pdf":
        return None
    try:
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
        try:
            return len(pdf)
        finally:
            pdf.close()
    except Exception:  # unreadable or encrypted: the reading stage will say so
        return None


def _sample(folder: Path, raw: str, line: int) -> LabelledSample:
    where = f"{folder / LABELS} line {line}"
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LabelsError(f"{where}: not valid JSON ({exc.msg}); write one JSON object per line.") from exc
    if not isinstance(obj, dict):
        raise LabelsError(f"{where}: expected a JSON object {{\"file\", \"pages\", \"doc_type\"}}.")
    missing = [k for k in ("file", "pages", "doc_type") if k not in obj]
    if missing:
        raise LabelsError(f"{where}: missing {', '.join(missing)}; each line needs file, pages and doc_type.")
    if obj["doc_type"] not in DOC_TYPES:
        known = ", ".join(DOC_TYPES)
        raise LabelsError(f"{where}: unknown doc_type {obj['doc_type']!r}; use one of {known}.")
    pages = obj["pages"]
    if not isinstance(pages, list) or not pages or not all(isinstance(p, int) and p >= 1 for p in pages):
        raise LabelsError(f"{where}: pages must be a non-empty list of page numbers from 1, e.g. [1, 2].")
    file = obj["file"]
    path = (folder / str(file)).resolve()
    if not isinstance(file, str) or Path(file).is_absolute() or not path.is_relative_to(folder.resolve()):
        raise LabelsError(f"{where}: file {file!r} is outside the folder; give a path relative to {folder}.")
    if not path.is_file():
        raise LabelsError(f"{where}: file {file!r} not found in {folder}; fix the path or add the file.")
    count = _page_count(path)
    if count is not None and max(pages) > count:
        raise LabelsError(f"{where}: page {max(pages)} asked but {file!r} has {count} page(s); fix pages.")
    fields = obj.get("fields") or {}
    return LabelledSample(file, tuple(pages), obj["doc_type"], obj.get("subtype"), fields, line)


def load_labels(folder: Path) -> list[LabelledSample]:
    """Every sample of `folder/labels.jsonl`; the first problem raises LabelsError, nothing is half-read."""
    folder = Path(folder)
    path = folder / LABELS
    if not path.is_file():
        raise LabelsError(f"{path} not found; a labelled-samples folder holds uploads and {LABELS}.")
    samples = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.strip():
            samples.append(_sample(folder, raw, number))
    if not samples:
        raise LabelsError(f"{path} holds no samples; add one JSON object per line.")
    return samples


def sample_pages(folder: Path, samples: list[LabelledSample], read: ReadFn) -> list[LabelledPage]:
    """Read the labelled uploads and label their pages; each upload is its own group."""
    folder = Path(folder)
    docs: dict[tuple[str, str], list[TruthDoc]] = {}
    uploads = {}
    for s in samples:
        upload = uploads.get(s.file) or _upload("labels", folder, folder / s.file)
        uploads[s.file] = upload
        docs.setdefault(("labels", upload.file), []).append(TruthDoc(s.pages, s.doc_type))
    pages = pages_from_readings(read(list(uploads.values())), docs, {})
    out = [LabelledPage(p.text, p.doc_type, p.is_first_page, "labelled", f"labels/{p.file}", p.file, p.number,
                        p.source) for p in pages]
    log.info("labelled %d pages from %d samples", len(out), len(samples))
    return out
