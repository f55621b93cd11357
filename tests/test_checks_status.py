"""Contract section 5: a dossier's status from its flags."""

from __future__ import annotations

from justif.checks import SEVERITY, status_of
from justif.checks.common import make_flag


def flags(*codes: str):
    return [make_flag(code, "message") for code in codes]


def test_missing_piece_or_unreadable_file_make_it_incomplete() -> None:
    assert status_of(flags("NAME_MISMATCH", "MISSING_PIECE")) == "incomplete"
    assert status_of(flags("UNREADABLE_FILE")) == "incomplete"


def test_any_other_error_or_warning_needs_review() -> None:
    assert status_of(flags("ID_EXPIRED")) == "to_review"
    assert status_of(flags("DUPLICATE_UPLOAD")) == "to_review"


def test_no_flag_or_info_only_is_ok() -> None:
    assert status_of([]) == "ok"
    info = make_flag("NAME_MISMATCH", "m").model_copy(update={"severity": "info"})
    assert status_of([info]) == "ok"


def test_severities_follow_the_contract_table() -> None:
    errors = {c for c, s in SEVERITY.items() if s == "error"}
    assert errors == {"MISSING_PIECE", "ID_EXPIRED", "INTERNSHIP_TOO_SHORT", "EXPERIENCE_TOO_SHORT",
                      "TRAINING_HOURS_TOO_LOW", "NOT_SIGNED", "UNREADABLE_FILE"}
    assert len(SEVERITY) == 14
