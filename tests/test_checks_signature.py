"""« Confirmation d'inscription dûment datée et signée »: NOT_SIGNED."""

from __future__ import annotations

from justif.checks import check_dossier
from tests.test_checks_factories import base_docs, codes, doc, dossier, me


def with_confirmation(signed):
    return [d for d in base_docs() if d.doc_type != "registration_confirmation"] + [
        doc("registration_confirmation", file="confirmation.pdf", signed=signed, **me())]


def test_unsigned_confirmation_is_not_signed_not_missing() -> None:
    flags = check_dossier(dossier(), with_confirmation(False), [])
    assert [(f.code, f.severity, f.piece, f.file) for f in flags] == [
        ("NOT_SIGNED", "error", "registration_confirmation", "confirmation.pdf")]


def test_signed_or_unknown_is_not_flagged() -> None:
    assert codes(dossier(), with_confirmation(True)) == []
    docs = with_confirmation(None)
    assert codes(dossier(), docs) == []
    assert docs[-1].fields["signed"] is None  # kept visible in the result, not hidden


def test_one_signed_copy_is_enough() -> None:
    signed = doc("registration_confirmation", file="signee.pdf", signed=True, **me())
    docs = with_confirmation(False) + [signed]
    assert codes(dossier(), docs) == []


def test_each_unsigned_copy_is_flagged() -> None:
    second = doc("registration_confirmation", file="copie.pdf", signed=False, **me())
    flags = check_dossier(dossier(), with_confirmation(False) + [second], [])
    assert [(f.code, f.file) for f in flags] == [
        ("NOT_SIGNED", "confirmation.pdf"), ("NOT_SIGNED", "copie.pdf")]
