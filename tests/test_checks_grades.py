"""Grade benefits: one flag per dossier listing each problem; a missing transcript is MISSING_PIECE alone."""

from __future__ import annotations

from justif.checks import check_dossier
from justif.checks.grades import unit_key
from tests.test_checks_factories import base_docs, codes, doc, dossier, me


def transcript(grades):
    return [d for d in base_docs() if d.doc_type != "transcript"] + [
        doc("transcript", file="releve.pdf", session=2021, grades=grades, **me())]


def benefits(*items):
    return [{"unit": u, "grade": g, "session": s} for u, g, s in items]


def test_justified_benefits_raise_nothing() -> None:
    d = dossier(grade_benefits=benefits(("U4", 12.5, 2021), ("U 31", 10, 2019)))
    grades = [{"unit": "U4 - Management", "grade": 12.5}, {"unit": "u31", "grade": "10,00"}]
    assert codes(d, transcript(grades)) == []


def test_each_problem_is_listed_in_one_flag() -> None:
    d = dossier(grade_benefits=benefits(("U4", 12.5, 2021), ("U5", 14, 2021), ("U6", 9, 2021),
                                        ("U7", 15, 2016), ("U8", 11, 2017)))
    grades = [{"unit": "U4", "grade": 12.0}, {"unit": "U6", "grade": 9}, {"unit": "U7", "grade": 15},
              {"unit": "U8", "grade": 11.005}]
    flags = check_dossier(d, transcript(grades), [])
    assert [(f.code, f.severity, f.piece, f.file) for f in flags] == [
        ("GRADE_BENEFIT_NOT_JUSTIFIED", "warning", "transcript", None)]
    listed = {b["unit"]: b["problems"] for b in flags[0].details["benefits"]}
    assert listed == {
        "U4": ["le relevé indique 12"],
        "U5": ["absente du relevé de notes"],
        "U6": ["note inférieure à 10 en forme globale"],
        "U7": ["obtenue en 2016, plus de 5 sessions avant 2022"],
    }
    assert "U5 (14/20) : absente du relevé de notes" in flags[0].message


def test_under_ten_is_fine_in_progressive_form() -> None:
    d = dossier(form="progressive", grade_benefits=benefits(("U6", 9, 2021)))
    assert codes(d, transcript([{"unit": "U6", "grade": 9}])) == []


def test_missing_transcript_is_missing_piece_alone() -> None:
    d = dossier(grade_benefits=benefits(("U6", 8, 2010)))
    docs = [x for x in base_docs() if x.doc_type != "transcript"]
    assert codes(d, docs) == [("MISSING_PIECE", "transcript")]


def test_unread_grades_still_check_the_declaration() -> None:
    d = dossier(grade_benefits=benefits(("U6", 12, 2021), ("U7", 8, 2021)))
    flags = check_dossier(d, transcript(None), [])
    assert [b["unit"] for b in flags[0].details["benefits"]] == ["U7"]


def test_unit_keys() -> None:
    assert unit_key("U 31") == unit_key("u31") == unit_key("U31 – Physique") == "u31"
    assert unit_key("U6.2") == unit_key("u 6,2") == "u6.2"
    assert unit_key("Culture générale") == "culture generale"


def test_a_unit_printed_with_an_unreadable_grade_is_told_apart_from_a_missing_one() -> None:
    from tests.test_checks_factories import page, reading

    d = dossier(grade_benefits=benefits(("U6", 12.25, 2021), ("U5", 14, 2021)))
    text = "Relevé de notes\nU4 Management 12,00\nU6 Parcours de professionnalisation 225\n"
    readings = [reading("D0001", "releve.pdf", pages=[page("releve.pdf", text, None)])]
    flags = check_dossier(d, transcript([{"unit": "U4", "grade": 12.0}]), readings)
    listed = {b["unit"]: b["problems"] for b in flags[0].details["benefits"]}
    assert listed == {"U6": ["note illisible sur le relevé de notes, à vérifier"],
                      "U5": ["absente du relevé de notes"]}
