"""Splitting an upload's pages into documents: rules on predicted types plus the learned boundary model."""

from __future__ import annotations

import numpy as np

from classifiers.boundary import BoundaryModel, page_marker, pair_features
from justif.domain import Document, Page, PagePrediction

TEXT_POOR = 40  # letters: fewer, and a page is blank or unread (no evidence of a document of its own)


def letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _starts(prev: Page, page: Page, run_type: str, p_cur: PagePrediction,
            boundary: BoundaryModel | None) -> bool:
    """Does `page` open a new document after the run of pages of type `run_type` that `prev` ends?

    Rules first: a change of type opens one, except that a blank or unread page (a verso) or an untitled
    page the classifier could not place continues the document before it; the boundary model decides
    between pages of one type, and for a confident 'other' after a document.
    """
    row = (prev.text, page.text, run_type, p_cur.doc_type)
    p_new = float(boundary.predict_proba([row])[0, 1]) if boundary is not None else None
    if p_cur.doc_type != run_type:
        if run_type == "other" or p_cur.doc_type != "other":
            return True
        if letters(page.text) < TEXT_POOR or (p_cur.confidence < 0.5 and not pair_features(*row)[5]):
            return False  # blank, unread, or unplaced and untitled: the rest of the document before
        return p_new is None or p_new >= 0.5
    if p_new is not None:
        return p_new >= 0.5
    mark = page_marker(page.text)
    # rules only: a titled page opens a document, unless it says it is page 2 or later
    return bool(pair_features(*row)[5]) and not (mark and mark[0] > 1)


def _run_type(preds: list[PagePrediction]) -> str:
    typed = [p.doc_type for p in preds if p.doc_type != "other"]
    return max(typed, key=typed.count) if typed else "other"


def _merge_leading_blanks(runs: list[list[int]], pages: list[Page], preds: list[PagePrediction]) -> None:
    """A blank or unread 'other' page opening a file joins the document that follows it (a verso first)."""
    if len(runs) > 1 and _run_type([preds[i] for i in runs[0]]) == "other" \
            and all(letters(pages[i].text) < TEXT_POOR for i in runs[0]):
        first = runs.pop(0)
        runs[0][:0] = first


def _document(pages: list[Page], preds: list[PagePrediction], min_confidence: float) -> Document:
    """The run's type is its pages' majority real type; blank or unread pages weigh nothing."""
    telling = [p for page, p in zip(pages, preds, strict=True) if letters(page.text) >= TEXT_POOR] or preds
    totals: dict[str, float] = {}
    for pred in telling:
        for label, score in pred.scores.items():
            totals[label] = totals.get(label, 0.0) + score / len(telling)
    doc_type = _run_type(preds)
    confidence = float(np.mean([p.confidence for p in preds if p.doc_type == doc_type]))
    if confidence < min_confidence:
        doc_type = "other"
    sources = {p.source for p in pages}
    return Document(
        file=pages[0].file, pages=[p.number for p in pages], doc_type=doc_type,
        confidence=round(confidence, 4),
        candidates={k: round(v, 4) for k, v in sorted(totals.items(), key=lambda kv: -kv[1])[:3]},
        text_source=sources.pop() if len(sources) == 1 else "mixed",
    )


def group_pages(pages: list[Page], predictions: list[PagePrediction], *,
                boundary: BoundaryModel | None = None, min_confidence: float = 0.0) -> list[Document]:
    """Documents (no fields yet) of consecutive pages; pages of different files never share a document."""
    if len(pages) != len(predictions):
        raise ValueError(f"{len(pages)} pages but {len(predictions)} predictions")
    documents: list[Document] = []
    start = 0
    for end in range(1, len(pages) + 1):
        if end == len(pages) or pages[end].file != pages[start].file:
            runs = _file_runs(pages[start:end], predictions[start:end], boundary)
            documents += [_document([pages[start + i] for i in run], [predictions[start + i] for i in run],
                                    min_confidence) for run in runs]
            start = end
    return documents


def _file_runs(pages: list[Page], preds: list[PagePrediction],
               boundary: BoundaryModel | None) -> list[list[int]]:
    runs: list[list[int]] = [[0]]
    for i in range(1, len(pages)):
        if _starts(pages[i - 1], pages[i], _run_type([preds[j] for j in runs[-1]]), preds[i], boundary):
            runs.append([i])
        else:
            runs[-1].append(i)
    _merge_leading_blanks(runs, pages, preds)
    return runs
