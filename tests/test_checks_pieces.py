"""Required pieces: contract section 3, one test per category, situation and special case."""

from __future__ import annotations

import pytest

from justif.checks import check_dossier
from justif.checks.pieces import needs_r408, required_pieces
from tests.test_checks_factories import base_docs, codes, doc, dossier, me


def without(doc_type: str):
    return [d for d in base_docs() if d.doc_type != doc_type]


@pytest.mark.parametrize("doc_type", ["registration_confirmation", "identity_document", "transcript"])
def test_common_pieces_missing(doc_type: str) -> None:
    assert codes(dossier(), without(doc_type)) == [("MISSING_PIECE", doc_type)]


def test_jdc_required_at_25_not_at_26_on_submission_date() -> None:
    # born 1995-11-16: 25 on 2021-11-15 (submitted), 26 from 2021-11-16
    young = dossier(birth_date="1995-11-16")
    flags = [f for f in check_dossier(young, without("jdc_certificate"), []) if f.code == "MISSING_PIECE"]
    assert [(f.code, f.piece) for f in flags] == [("MISSING_PIECE", "jdc_certificate")]
    assert flags[0].message == ("Certificat JDC manquant : candidat de nationalité française âgé de 25 ans "
                                "à la date de dépôt.")
    assert flags[0].severity == "error"
    old = dossier(birth_date="1995-11-15")
    assert "jdc_certificate" not in [r.piece for r in required_pieces(old)]


def test_jdc_not_required_for_foreign_nationals() -> None:
    assert codes(dossier(nationality="ES"), without("jdc_certificate")) == []


def _category(category: str, **more):
    return dossier(category=category, **more)


@pytest.mark.parametrize(("category", "situation", "expected"), [
    ("previous_session", None, {"transcript"}),
    ("distance_school", None, {"internship_attestation", "school_certificate"}),
    ("distance_apprentice", None, {"training_attestation", "training_contract", "employment_certificate"}),
    ("distance_continuing", "professionalisation_contract",
     {"training_attestation", "training_contract", "employment_certificate"}),
    ("distance_continuing", "first_training_or_retraining",
     {"training_attestation", "internship_attestation"}),
    ("distance_continuing", "improvement", {"training_attestation", "internship_attestation"}),
    ("salaried_3y", None, {"employment_certificate"}),
])
def test_each_category_missing_everything(category: str, situation: str | None, expected: set[str]) -> None:
    d = _category(category, continuing_situation=situation)
    found = {piece for code, piece in codes(d, without("transcript")) if code == "MISSING_PIECE"}
    assert found == expected


@pytest.mark.parametrize(("category", "situation", "pieces"), [
    ("distance_school", None, [doc("internship_attestation", start_date="2021-05-03", end_date="2021-06-25"),
                               doc("school_certificate", school_year="2020-2021"),
                               doc("school_certificate", school_year="2021-2022", file="b.pdf")]),
    ("distance_apprentice", None, [doc("training_attestation", hours=1400),
                                   doc("training_contract", subtype="apprenticeship"),
                                   doc("employment_certificate", start_date="2020-09-01", end_date=None)]),
    ("distance_continuing", "professionalisation_contract", [
        doc("training_attestation", hours=600), doc("training_contract", subtype="professionalisation"),
        doc("employment_certificate", start_date="2020-09-01", end_date="2021-08-31")]),
    ("distance_continuing", "improvement", [doc("training_attestation", hours=600),
                                            doc("employment_certificate", start_date="2020-01-01",
                                                end_date="2020-12-31")]),
    ("salaried_3y", None, [doc("employment_certificate", start_date="2017-01-01", end_date="2020-12-31")]),
])
def test_each_category_complete(category: str, situation: str | None, pieces) -> None:
    assert codes(_category(category, continuing_situation=situation), without("transcript") + pieces) == []


def test_improvement_with_neither_piece_names_internship_attestation() -> None:
    d = _category("distance_continuing", continuing_situation="improvement")
    flags = check_dossier(d, without("transcript") + [doc("training_attestation", hours=600)], [])
    assert [(f.code, f.piece) for f in flags] == [("MISSING_PIECE", "internship_attestation")]
    assert "certificat de travail" in flags[0].message


def test_apprentice_with_a_professionalisation_contract_misses_the_apprenticeship_one() -> None:
    d = _category("distance_apprentice")
    docs = without("transcript") + [doc("training_attestation", hours=1400), doc("employment_certificate"),
                                    doc("training_contract", subtype="professionalisation")]
    flags = check_dossier(d, docs, [])
    assert [(f.code, f.piece) for f in flags] == [("MISSING_PIECE", "training_contract")]
    assert flags[0].message.startswith("Contrat d'apprentissage manquant")
    assert "contrat de professionnalisation fourni à la place" in flags[0].message


@pytest.mark.parametrize("specialty", [
    "Bâtiment", "BTS Bâtiment", "Architectures en métal – conception et réalisation",
    "architectures en metal - conception et realisation", "ENVELOPPE DES BÂTIMENTS",
    "Étude et économie de la construction", "Fluides énergies domotique", "Fluides, énergies, domotique",
    "Systèmes constructifs bois habitat", "Travaux publics",
])
def test_r408_specialties(specialty: str) -> None:
    assert needs_r408(specialty)
    assert codes(dossier(specialty=specialty), base_docs()) == [("MISSING_PIECE", "r408_attestation")]
    assert codes(dossier(specialty=specialty), base_docs() + [doc("r408_attestation")]) == []


@pytest.mark.parametrize("specialty", ["Comptabilité et gestion", "Bâtiments d'élevage", "Travaux"])
def test_other_specialties_need_no_r408(specialty: str) -> None:
    assert not needs_r408(specialty)


def test_grade_benefits_require_a_transcript_once() -> None:
    benefits = [{"unit": "U4", "grade": 12.5, "session": 2021}]
    school = _category("distance_school", grade_benefits=benefits)
    assert "transcript" in [r.piece for r in required_pieces(school)]
    previous = dossier(grade_benefits=benefits)
    assert [r.piece for r in required_pieces(previous)].count("transcript") == 1
    assert codes(previous, without("transcript")) == [("MISSING_PIECE", "transcript")]


def test_two_school_certificates_of_the_same_year_miss_one() -> None:
    d = _category("distance_school")
    same = [doc("internship_attestation", start_date="2021-05-03", end_date="2021-06-25", **me()),
            doc("school_certificate", school_year="2021-2022", file="a.pdf"),
            doc("school_certificate", school_year="2021-2022", file="b.pdf")]
    flags = check_dossier(d, without("transcript") + same, [])
    assert [(f.code, f.piece) for f in flags] == [("MISSING_PIECE", "school_certificate")]
    assert "même année scolaire (2021-2022)" in flags[0].message
    one = same[:2]
    assert codes(d, without("transcript") + one) == [("MISSING_PIECE", "school_certificate")]


def test_unread_school_year_gets_the_benefit_of_the_doubt() -> None:
    d = _category("distance_school")
    docs = [doc("internship_attestation", start_date="2021-05-03", end_date="2021-06-25"),
            doc("school_certificate", school_year="2021-2022"), doc("school_certificate", school_year=None)]
    assert codes(d, without("transcript") + docs) == []
