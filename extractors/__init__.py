"""Field extraction: `extract(doc_type, pages, image_of)` dispatches to the module of that doc_type."""

from __future__ import annotations

import logging

from extractors import (
    employment_certificate,
    identity_document,
    internship_attestation,
    jdc_certificate,
    r408_attestation,
    registration_confirmation,
    school_certificate,
    training_attestation,
    training_contract,
    transcript,
)
from extractors.registry import ImageOf, Registry
from justif.domain import Extraction, Page, Word

log = logging.getLogger(__name__)

REGISTRY = Registry()
for _module in (identity_document, jdc_certificate, internship_attestation, r408_attestation, transcript,
                employment_certificate, school_certificate, training_attestation, training_contract,
                registration_confirmation):
    REGISTRY.register(_module.DOC_TYPE, _module.FIELDS, _module.extract)
REGISTRY.register("other", (), lambda pages, image_of: Extraction())

FIELDS: dict[str, tuple[str, ...]] = REGISTRY.fields()


def extract(doc_type: str, pages: list[Page], image_of: ImageOf = None) -> Extraction:
    """The fields of one document (its pages in order); every field of its type present, None if unread."""
    extractor = REGISTRY.get(doc_type)
    if extractor is None:
        raise KeyError(f"no extractor registered for doc_type {doc_type!r}")
    result = extractor.extract(pages, image_of)
    if any(v is None for v in result.fields.values()):
        rows = [row_ordered(page) for page in pages]
        if any(row is not None for row in rows):
            again = extractor.extract([row or page for row, page in zip(rows, pages, strict=True)], image_of)
            result = _filled(result, again)
    log.debug("extracted %s: %d/%d fields", doc_type,
              sum(v is not None for v in result.fields.values()), len(result.fields))
    return result


def row_ordered(page: Page) -> Page | None:
    """The OCR page re-read by rows: words whose centres share a height, left to right, whatever block
    Tesseract put them in. A form printed as a column of labels beside a column of values comes out
    'N° de candidat 2265489656' instead of all labels, then all values. None when nothing changes."""
    if page.source != "ocr" or not page.words:
        return None
    heights = sorted(w.box[3] - w.box[1] for w in page.words)
    tolerance = 0.5 * heights[len(heights) // 2]
    rows: list[list[Word]] = []
    for word in sorted(page.words, key=lambda w: (w.box[1] + w.box[3]) / 2):
        centre = (word.box[1] + word.box[3]) / 2
        if rows and abs(centre - sum((w.box[1] + w.box[3]) / 2 for w in rows[-1]) / len(rows[-1])) <= tolerance:
            rows[-1].append(word)
        else:
            rows.append([word])
    ordered = [sorted(row, key=lambda w: w.box[0]) for row in rows]
    words = [w.model_copy(update={"line": i}) for i, row in enumerate(ordered) for w in row]
    text = "\n".join(" ".join(w.text for w in row) for row in ordered)
    if text == page.text:
        return None
    return page.model_copy(update={"words": words, "text": text})


def _filled(first: Extraction, second: Extraction) -> Extraction:
    """`first` with the fields it left unread taken from `second` (values, confidence, evidence)."""
    fields, confidence, evidence = dict(first.fields), dict(first.field_confidence), dict(first.evidence)
    for name, value in second.fields.items():
        if fields.get(name) is None and value is not None:
            fields[name] = value
            if name in second.field_confidence:
                confidence[name] = second.field_confidence[name]
            if name in second.evidence:
                evidence[name] = second.evidence[name]
    return first.model_copy(update={"fields": fields, "field_confidence": confidence, "evidence": evidence,
                                    "subtype": first.subtype or second.subtype})
