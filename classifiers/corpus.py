"""Labelled pages for training: read a generated inbox, give each page the doc_type of its truth.json."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from justif.domain import Page, Reading, Upload

log = logging.getLogger(__name__)

ReadFn = Callable[[list[Upload]], list[Reading]]


@dataclass(frozen=True)
class LabelledPage:
    """One page with its truth: what document kind it belongs to and whether it opens that document."""

    text: str
    doc_type: str
    is_first_page: bool
    rendering: str = "unknown"
    group: str = ""  # dossier id: pages of one group never sit on both sides of a split
    file: str = ""  # upload key, unique within the corpus
    number: int = 1
    source: str = "ocr"


@dataclass(frozen=True)
class TruthDoc:
    pages: tuple[int, ...]
    doc_type: str


def page_digest(page: LabelledPage) -> str:
    """A short fingerprint of a labelled page, to know later which pages a model was trained on."""
    return hashlib.sha256(f"{page.doc_type}\t{page.text}".encode()).hexdigest()[:16]


def page_text(page: Page) -> str:
    """The text the classifier sees: the page text, plus its machine-readable zone when one was read apart."""
    return "\n".join([page.text, *page.mrz_lines]) if page.mrz_lines else page.text


def _upload(dossier_id: str, dossier_dir: Path, path: Path) -> Upload:
    try:
        from justif.reading import make_upload
    except ImportError:  # reading stage not installed: build the record ourselves
        data = path.read_bytes()
        rel = path.relative_to(dossier_dir).as_posix()
        return Upload(dossier_id=dossier_id, file=rel, path=path, size=len(data),
                      sha256=hashlib.sha256(data).hexdigest())
    return make_upload(dossier_id, dossier_dir, path)


def pages_from_readings(
    readings: list[Reading],
    truth: dict[tuple[str, str], list[TruthDoc]],
    renderings: dict[tuple[str, str], str],
) -> list[LabelledPage]:
    """Join read pages with their truth documents, keyed by (dossier_id, file); unlabelled pages skipped."""
    out: list[LabelledPage] = []
    for reading in readings:
        key = (reading.upload.dossier_id, reading.upload.file)
        if reading.error or key not in truth:
            continue
        by_page = {n: (doc, n == doc.pages[0]) for doc in truth[key] for n in doc.pages}
        for page in reading.pages:
            if page.number not in by_page:
                continue
            doc, first = by_page[page.number]
            out.append(LabelledPage(
                text=page_text(page), doc_type=doc.doc_type, is_first_page=first,
                rendering=renderings.get(key, "unknown"),
                group=key[0], file=f"{key[0]}/{key[1]}", number=page.number, source=page.source,
            ))
    return out


def labelled_pages(inbox: Path, truth: Path, read: ReadFn) -> list[LabelledPage]:
    """Every readable page of a generated inbox, labelled from `truth` (ARCHITECTURE.md format)."""
    dossiers = json.loads(Path(truth).read_text(encoding="utf-8"))["dossiers"]
    uploads: list[Upload] = []
    docs: dict[tuple[str, str], list[TruthDoc]] = {}
    renderings: dict[tuple[str, str], str] = {}
    for dossier_id, dossier in sorted(dossiers.items()):
        dossier_dir = Path(inbox) / dossier_id
        for file, info in sorted(dossier["uploads"].items()):
            if info.get("broken") or not info.get("documents"):
                continue
            upload = _upload(dossier_id, dossier_dir, dossier_dir / file)
            uploads.append(upload)
            key = (dossier_id, upload.file)
            docs[key] = [TruthDoc(tuple(d["pages"]), d["doc_type"]) for d in info["documents"]]
            renderings[key] = info.get("rendering", "unknown")
    pages = pages_from_readings(read(uploads), docs, renderings)
    log.info("labelled %d pages from %d uploads of %s", len(pages), len(uploads), inbox)
    return pages
