"""The checks: every rule of contract sections 3-4 over one dossier, duplicates across dossiers, status."""

from __future__ import annotations

import logging
from collections.abc import Callable

from justif.checks import grades, identity, periods, pieces, residence, signature, unreadable
from justif.checks.common import SEVERITY, Context
from justif.checks.duplicates import duplicate_flags
from justif.checks.unreadable import unreadable_flags
from justif.domain import Document, Dossier, Flag, Reading, Status

log = logging.getLogger(__name__)

Rule = Callable[[Context], list[Flag]]

# In the order staff read them: what is missing or unreadable first, then what is wrong.
RULES: tuple[Rule, ...] = (
    unreadable.unreadable,
    pieces.missing_pieces,
    pieces.school_years,
    signature.not_signed,
    identity.id_expired,
    identity.names,
    identity.birth_dates,
    identity.mrz_invalid,
    periods.internship_too_short,
    periods.experience_too_short,
    periods.training_hours_too_low,
    grades.grade_benefits,
    residence.residence_outside_academy,
    unreadable.unrecognised,
)


def check_dossier(dossier: Dossier, documents: list[Document], readings: list[Reading]) -> list[Flag]:
    """Every flag one dossier raises on its own (duplicates across dossiers: `duplicate_flags`)."""
    ctx = Context(dossier=dossier, documents=documents, readings=readings)
    flags = [flag for rule in RULES for flag in rule(ctx)]
    log.debug("dossier %s: %d flags", dossier.dossier_id, len(flags))  # ids and counts only: no names
    return flags


def status_of(flags: list[Flag]) -> Status:
    """Contract 5: incomplete on a missing piece or an unreadable upload, to_review on any other
    error or warning, ok otherwise."""
    if any(f.code in ("MISSING_PIECE", "UNREADABLE_FILE") for f in flags):
        return "incomplete"
    if any(f.severity in ("error", "warning") for f in flags):
        return "to_review"
    return "ok"


__all__ = ["RULES", "SEVERITY", "check_dossier", "duplicate_flags", "status_of", "unreadable_flags"]
