"""What every rule shares: the dossier context, flag construction with its severity, evidence, dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from justif.domain import Document, Dossier, Flag, Reading

# Severity per contract section 4: `error` blocks the dossier, `warning` needs a look.
SEVERITY: dict[str, str] = {
    "MISSING_PIECE": "error",
    "NAME_MISMATCH": "warning",
    "BIRTH_DATE_MISMATCH": "warning",
    "ID_EXPIRED": "error",
    "MRZ_INVALID": "warning",
    "INTERNSHIP_TOO_SHORT": "error",
    "EXPERIENCE_TOO_SHORT": "error",
    "TRAINING_HOURS_TOO_LOW": "error",
    "GRADE_BENEFIT_NOT_JUSTIFIED": "warning",
    "RESIDENCE_OUTSIDE_ACADEMY": "warning",
    "NOT_SIGNED": "error",
    "UNREADABLE_FILE": "error",
    "UNRECOGNISED_DOCUMENT": "warning",
    "DUPLICATE_UPLOAD": "warning",
}


@dataclass(frozen=True)
class Context:
    """One dossier as the rules see it: what was declared, what was found, what could not be read."""

    dossier: Dossier
    documents: list[Document]
    readings: list[Reading]

    @property
    def submitted(self) -> date:
        return self.dossier.submitted_at.date()

    def docs(self, doc_type: str) -> list[Document]:
        return [d for d in self.documents if d.doc_type == doc_type]


def make_flag(code: str, message: str, *, piece: str | None = None, file: str | None = None,
              **details: Any) -> Flag:
    """A flag with the contract's severity for its code; `details` keeps the evidence, with the file."""
    return Flag(code=code, severity=SEVERITY[code], piece=piece, file=file, message=message,
                details={"file": file, **details})


def evidence(doc: Document, field: str) -> dict[str, Any]:
    """Where a field's value was read: page, box (upright-page fractions), OCR text, confidence."""
    ev = doc.evidence.get(field)
    return {
        "page": ev.page if ev else (doc.pages[0] if doc.pages else None),
        "box": list(ev.box) if ev and ev.box else None,
        "text": ev.text if ev else None,
        "confidence": doc.field_confidence.get(field),
    }


def to_date(value: Any) -> date | None:
    """An ISO date field as a date; anything else (None, unreadable) is None: unknown, never a guess."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def age_on(birth: date, day: date) -> int:
    """Age in whole years on `day` (a 29 February birthday is reached on 1 March)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
