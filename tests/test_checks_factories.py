"""Factories for the checks tests: a plausible declared dossier, documents and readings."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

from justif.checks import check_dossier
from justif.domain import Document, Dossier, Evidence, Page, Reading, Upload

BASE: dict[str, Any] = {
    "dossier_id": "D001", "session": 2022, "last_name": "Dupont", "usage_name": None,
    "first_names": ["Marie", "Claire"], "birth_date": "2000-05-10", "nationality": "FR",
    "address": {"street": "3 rue des Lilas", "postal_code": "31000", "city": "Toulouse"},
    "specialty": "Comptabilité et gestion", "category": "previous_session", "form": "global",
    "submitted_at": "2021-11-15T10:00:00+01:00",
}


def dossier(**overrides: Any) -> Dossier:
    return Dossier.model_validate({**BASE, **overrides})


def doc(doc_type: str, file: str | None = None, subtype: str | None = None, pages: list[int] | None = None,
        **fields: Any) -> Document:
    return Document(file=file or f"{doc_type}.pdf", pages=pages or [1], doc_type=doc_type, subtype=subtype,
                    confidence=0.9, fields=fields, field_confidence={k: 0.8 for k in fields},
                    evidence={k: Evidence(page=1, box=(0.1, 0.2, 0.5, 0.25), text=str(v))
                              for k, v in fields.items()})


def me(**fields: Any) -> dict[str, Any]:
    """The declared identity, as a document would print it."""
    return {"last_name": "DUPONT", "first_names": ["Marie", "Claire"], "birth_date": "2000-05-10", **fields}


def base_docs() -> list[Document]:
    """What every previous_session dossier of `BASE` needs: nothing flagged."""
    return [
        doc("registration_confirmation", signed=True, **me()),
        doc("identity_document", subtype="passport", expiry_date="2029-01-01", mrz_valid=True,
            document_number="19AB12345", **me()),
        doc("jdc_certificate", participation_date="2017-06-01", **me()),
        doc("transcript", session=2021, grades=[{"unit": "U4", "grade": 12.5}], **me()),
    ]


def codes(d: Dossier, docs: list[Document], readings: list[Reading] | None = None) -> list[tuple[str, Any]]:
    return [(f.code, f.piece) for f in check_dossier(d, docs, readings or [])]


def reading(dossier_id: str, file: str, data: bytes = b"%PDF-1.4 data", pages: list[Page] | None = None,
            error: str | None = None) -> Reading:
    upload = Upload(dossier_id=dossier_id, file=file, path=Path("/inbox") / dossier_id / file, size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(), kind="pdf")
    return Reading(upload=upload, pages=pages or [], error=error)


def page(file: str, text: str, phash: str | None, number: int = 1) -> Page:
    return Page(file=file, number=number, text=text, source="ocr", phash=phash)


def test_base_dossier_raises_nothing() -> None:
    assert codes(dossier(), base_docs()) == []


def test_factories_are_plain_values() -> None:
    assert dossier(last_name="Martin").submitted_at == datetime.fromisoformat(BASE["submitted_at"])
