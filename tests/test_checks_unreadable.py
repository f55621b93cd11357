"""UNREADABLE_FILE per unreadable upload, UNRECOGNISED_DOCUMENT per upload holding `other` pages."""

from __future__ import annotations

from justif.checks import check_dossier, unreadable_flags
from tests.test_checks_factories import base_docs, doc, dossier, reading


def test_unreadable_upload_is_flagged_with_its_french_reason() -> None:
    broken = reading("D001", "scans/bulletin.pdf", data=b"", error="fichier vide (0 octet)")
    fine = reading("D001", "ok.pdf")
    flags = check_dossier(dossier(), base_docs(), [broken, fine])
    assert [(f.code, f.severity, f.file, f.piece) for f in flags] == [
        ("UNREADABLE_FILE", "error", "scans/bulletin.pdf", None)]
    assert "fichier vide (0 octet)" in flags[0].message
    assert flags[0].message.startswith("Le fichier « scans/bulletin.pdf » n'a pas pu être lu")
    assert unreadable_flags([fine]) == []


def test_one_unrecognised_flag_per_upload_with_candidates() -> None:
    other1 = doc("other", file="bundle.pdf", pages=[3])
    other1.candidates = {"transcript": 0.31, "school_certificate": 0.42}
    other2 = doc("other", file="bundle.pdf", pages=[5, 6])
    flags = check_dossier(dossier(), base_docs() + [other1, other2], [])
    assert [(f.code, f.severity, f.file) for f in flags] == [
        ("UNRECOGNISED_DOCUMENT", "warning", "bundle.pdf")]
    assert flags[0].details["pages"] == [3, 5, 6]
    assert list(flags[0].details["candidates"][0]["candidates"]) == ["school_certificate", "transcript"]
    assert "(pages 3, 5, 6)" in flags[0].message


def test_recognised_documents_are_not_unrecognised() -> None:
    assert check_dossier(dossier(), base_docs(), []) == []
