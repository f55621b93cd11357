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
from justif.domain import Extraction, Page

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
    log.debug("extracted %s: %d/%d fields", doc_type,
              sum(v is not None for v in result.fields.values()), len(result.fields))
    return result
