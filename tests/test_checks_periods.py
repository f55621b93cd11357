"""Internship working days, salaried experience and apprentices' hours."""

from __future__ import annotations

from datetime import date

from justif.checks import check_dossier
from justif.checks.periods import union, working_days
from tests.test_checks_factories import base_docs, codes, doc, dossier


def school():
    return dossier(category="distance_school")


def school_docs(*internships):
    pieces = [d for d in base_docs() if d.doc_type != "transcript"]
    return pieces + [doc("school_certificate", file="s1.pdf", school_year="2020-2021"),
                     doc("school_certificate", file="s2.pdf", school_year="2021-2022"), *internships]


def stage(start: str, end: str, file: str = "stage.pdf"):
    return doc("internship_attestation", file=file, start_date=start, end_date=end)


def test_weekends_are_excluded() -> None:
    assert working_days(date(2021, 5, 3), date(2021, 5, 9)) == 5  # Monday to Sunday
    assert working_days(date(2021, 5, 8), date(2021, 5, 9)) == 0
    assert working_days(date(2021, 5, 3), date(2021, 5, 28)) == 20


def test_four_weeks_pass_three_weeks_and_four_days_do_not() -> None:
    assert codes(school(), school_docs(stage("2021-05-03", "2021-05-28"))) == []
    flags = check_dossier(school(), school_docs(stage("2021-05-03", "2021-05-27")), [])
    assert [(f.code, f.file, f.details["found"]) for f in flags] == [
        ("INTERNSHIP_TOO_SHORT", None, 19)]  # about the dossier's internships, not one file
    assert flags[0].message.startswith("Les attestations de stage couvrent 19 jours ouvrés")


def test_overlapping_internships_are_counted_once() -> None:
    a, b = stage("2021-05-03", "2021-05-21", "a.pdf"), stage("2021-05-10", "2021-05-21", "b.pdf")
    flags = check_dossier(school(), school_docs(a, b), [])
    assert [(f.code, f.file, f.details["found"]) for f in flags] == [("INTERNSHIP_TOO_SHORT", None, 15)]
    c = stage("2021-05-17", "2021-05-28", "c.pdf")
    assert codes(school(), school_docs(a, c)) == []
    assert union([(date(2021, 1, 1), date(2021, 1, 10)), (date(2021, 1, 11), date(2021, 1, 12))]) == [
        (date(2021, 1, 1), date(2021, 1, 12))]


def test_document_dates_count_not_the_declared_ones() -> None:
    declared = [{"start_date": "2021-01-04", "end_date": "2021-03-26"}]
    flags = check_dossier(dossier(category="distance_school", internships=declared),
                          school_docs(stage("2021-05-03", "2021-05-14")), [])
    assert [f.code for f in flags] == ["INTERNSHIP_TOO_SHORT"]


def test_no_attestation_no_length_flag_but_unread_dates_do_not_pass_unseen() -> None:
    assert [c for c, _ in codes(school(), school_docs())] == ["MISSING_PIECE"]
    unread = stage("2021-05-03", None)
    flags = check_dossier(school(), school_docs(unread, stage("2021-05-03", "2021-05-07", "b.pdf")), [])
    assert [(f.code, f.details["found"], f.details["unread"]) for f in flags] == [
        ("INTERNSHIP_TOO_SHORT", 5, ["stage.pdf"])]
    assert "illisibles sur : stage.pdf" in flags[0].message
    # What was read already covers four weeks: an unread attestation changes nothing.
    assert codes(school(), school_docs(unread, stage("2021-05-03", "2021-05-28", "b.pdf"))) == []


def salaried_docs(*certificates):
    return [d for d in base_docs() if d.doc_type != "transcript"] + list(certificates)


def job(start: str, end: str | None, file: str = "travail.pdf", **fields):
    return doc("employment_certificate", file=file, start_date=start, end_date=end, **fields)


def test_three_years_of_employment_both_ways() -> None:
    salaried = dossier(category="salaried_3y")
    assert codes(salaried, salaried_docs(job("2018-01-01", "2020-12-31"))) == []  # 1096 days
    flags = check_dossier(salaried, salaried_docs(job("2018-01-01", "2020-12-29")), [])
    assert [(f.code, f.details["found"]) for f in flags] == [("EXPERIENCE_TOO_SHORT", 1094)]


def test_overlapping_jobs_count_once() -> None:
    salaried = dossier(category="salaried_3y")
    a, b = job("2018-01-01", "2019-12-31", "a.pdf"), job("2019-01-01", "2020-06-30", "b.pdf")
    assert [c for c, _ in codes(salaried, salaried_docs(a, b))] == ["EXPERIENCE_TOO_SHORT"]


def test_ongoing_employment_ends_on_the_submission_date() -> None:
    salaried = dossier(category="salaried_3y")  # submitted 2021-11-15
    assert codes(salaried, salaried_docs(job("2018-11-15", None, ongoing=True))) == []  # 1097 days
    assert [c for c, _ in codes(salaried, salaried_docs(job("2019-01-01", None, ongoing=True)))] == [
        "EXPERIENCE_TOO_SHORT"]
    unread = check_dossier(salaried, salaried_docs(job("2019-01-01", None)), [])  # end unread: no guess
    assert [(f.code, f.details["found"], f.details["unread"]) for f in unread] == [
        ("EXPERIENCE_TOO_SHORT", 0, ["travail.pdf"])]


def test_experience_rule_is_for_salaried_candidates_only() -> None:
    continuing = dossier(category="distance_continuing", continuing_situation="improvement")
    docs = salaried_docs(job("2021-01-01", "2021-06-30"), doc("training_attestation", hours=200))
    assert codes(continuing, docs) == []


def apprentice_docs(hours):
    return [d for d in base_docs() if d.doc_type != "transcript"] + [
        doc("training_attestation", hours=hours), doc("training_contract", subtype="apprenticeship"),
        doc("employment_certificate", start_date="2020-09-01", end_date=None)]


def test_apprentice_hours_both_ways() -> None:
    apprentice = dossier(category="distance_apprentice")
    assert codes(apprentice, apprentice_docs(1350)) == []
    flags = check_dossier(apprentice, apprentice_docs(1200), [])
    assert [(f.code, f.details["found"]) for f in flags] == [("TRAINING_HOURS_TOO_LOW", 1200)]
    assert "1200 heures" in flags[0].message
    unread = check_dossier(apprentice, apprentice_docs(None), [])
    assert [(f.code, f.details["found"]) for f in unread] == [("TRAINING_HOURS_TOO_LOW", None)]
    assert "illisible" in unread[0].message


def test_hours_rule_is_for_apprentices_only() -> None:
    continuing = dossier(category="distance_continuing", continuing_situation="first_training_or_retraining")
    docs = [d for d in base_docs() if d.doc_type != "transcript"] + [
        doc("training_attestation", hours=400), doc("internship_attestation", start_date="2021-05-03",
                                                   end_date="2021-06-04")]
    assert codes(continuing, docs) == []
