"""The contract's rules (sections 3-5) applied to a dossier's truth: which flags and status to expect."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import Any

from .dates import add_years, calendar_days, working_days
from .people import age_on, fold

R408_SPECIALTIES = ("Bâtiment", "Architectures en métal – conception et réalisation", "Enveloppe des bâtiments",
                    "Étude et économie de la construction", "Fluides énergies domotique",
                    "Systèmes constructifs bois habitat", "Travaux publics")
ACADEMY_DEPARTMENTS = ("09", "12", "31", "32", "46", "65", "81", "82")
BLOCKING = ("MISSING_PIECE", "UNREADABLE_FILE")


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _flag(code: str, piece: str | None = None, file: str | None = None) -> dict[str, Any]:
    return {"code": code, "piece": piece, "file": file}


def status_of(flags: list[dict[str, Any]]) -> str:
    if any(f["code"] in BLOCKING for f in flags):
        return "incomplete"
    return "to_review" if flags else "ok"


def name_matches(fields: dict[str, Any], declared: dict[str, Any]) -> bool:
    """Contract rule: last name equals birth or usage name; every printed first name was declared.
    A null field is one the document does not carry (no name printed): nothing to compare."""
    allowed_last = {fold(declared["last_name"]), fold(declared.get("usage_name") or "")} - {""}
    if fields.get("last_name") is not None and fold(fields["last_name"]) not in allowed_last:
        return False
    if fields.get("first_names") is not None:
        printed = [fold(n) for n in fields["first_names"] or []]
        declared_first = {fold(n) for n in declared["first_names"]}
        if not printed or any(n not in declared_first for n in printed):
            return False
    return True


def _mrz_values(lines: list[str]) -> dict[str, str]:
    if len(lines[0]) == 30:
        return {"number": lines[0][5:14].rstrip("<"), "birth": lines[1][0:6], "expiry": lines[1][8:14]}
    if len(lines[0]) == 44:
        return {"number": lines[1][0:9].rstrip("<"), "birth": lines[1][13:19], "expiry": lines[1][21:27]}
    return {"number": lines[1][0:12], "birth": lines[1][27:33]}


def mrz_contradicts(fields: dict[str, Any], lines: list[str]) -> bool:
    values = _mrz_values(lines)
    if fields.get("document_number") and fields["document_number"] != values["number"]:
        return True
    if fields.get("birth_date") and _d(fields["birth_date"]).strftime("%y%m%d") != values["birth"]:
        return True
    return bool(fields.get("expiry_date") and "expiry" in values
                and _d(fields["expiry_date"]).strftime("%y%m%d") != values["expiry"])


def effective_expiry(fields: dict[str, Any], hidden: dict[str, Any]) -> date | None:
    """Printed expiry, plus five years for a 1988 card issued to an adult in 2004-2013."""
    expiry = _d(fields.get("expiry_date"))
    number = fields.get("document_number") or hidden.get("number") or ""
    if expiry and hidden.get("card") == "cni1988" and re.fullmatch(r"\d{4}.{8}", number):
        issued = date(2000 + int(number[:2]), int(number[2:4]), 1)
        birth = _d(hidden.get("birth_date"))
        if date(2004, 1, 2) <= issued <= date(2013, 12, 31) and birth and age_on(birth, issued) >= 18:
            return add_years(expiry, 5)
    return expiry


def missing_pieces(declared: dict[str, Any], by_type: dict[str, list[dict]], submitted: date) -> list[str]:
    """Required pieces (contract section 3) that no recognised document provides."""
    need: list[str] = ["registration_confirmation", "identity_document"]
    if declared["nationality"] == "FR" and age_on(_d(declared["birth_date"]), submitted) < 26:
        need.append("jdc_certificate")
    missing = [p for p in need if not by_type.get(p)]
    category, situation = declared["category"], declared.get("continuing_situation")
    has = by_type.get

    def contract_of(subtype: str) -> bool:
        return any(d.get("subtype") == subtype for d in has("training_contract", []))

    if category == "previous_session" and not has("transcript"):
        missing.append("transcript")
    elif category == "distance_school":
        years = {d["fields"].get("school_year") for d in has("school_certificate", [])} - {None}
        if len(years) < 2:
            missing.append("school_certificate")
        if not has("internship_attestation"):
            missing.append("internship_attestation")
    elif category == "distance_apprentice":
        missing += [p for p, ok in (("training_attestation", has("training_attestation")),
                                    ("training_contract", contract_of("apprenticeship")),
                                    ("employment_certificate", has("employment_certificate"))) if not ok]
    elif category == "distance_continuing":
        if not has("training_attestation"):
            missing.append("training_attestation")
        if situation == "professionalisation_contract":
            missing += [p for p, ok in (("training_contract", contract_of("professionalisation")),
                                        ("employment_certificate", has("employment_certificate"))) if not ok]
        elif situation == "first_training_or_retraining" and not has("internship_attestation"):
            missing.append("internship_attestation")
        elif situation == "improvement" and not (has("internship_attestation") or has("employment_certificate")):
            missing.append("internship_attestation")
    elif category == "salaried_3y" and not has("employment_certificate"):
        missing.append("employment_certificate")
    if declared["specialty"] in R408_SPECIALTIES and not has("r408_attestation"):
        missing.append("r408_attestation")
    if declared.get("grade_benefits") and not has("transcript") and "transcript" not in missing:
        missing.append("transcript")
    return missing


def grade_problems(declared: dict[str, Any], transcripts: list[dict]) -> list[dict[str, Any]]:
    grades = {g["unit"]: g["grade"] for t in transcripts for g in t["fields"].get("grades") or []}
    problems = []
    for benefit in declared.get("grade_benefits", []):
        found = grades.get(benefit["unit"])
        reasons = []
        if found is None:
            reasons.append("not_on_transcript")
        elif abs(found - benefit["grade"]) > 0.01:
            reasons.append("differs")
        if declared["form"] == "global" and benefit["grade"] < 10:
            reasons.append("under_10_global")
        if declared["session"] - benefit["session"] > 5:
            reasons.append("too_old")
        if reasons:
            problems.append({"unit": benefit["unit"], "reasons": reasons})
    return problems


def expected_flags(declared: dict[str, Any], docs: list[tuple[str, dict, dict]], broken: list[str],
                   duplicates: set[str]) -> list[dict[str, Any]]:
    """Flags for one dossier; `docs` holds (file, truth document, hidden facts) for readable uploads."""
    submitted = _d(declared["submitted_at"][:10])
    flags = [_flag("UNREADABLE_FILE", None, f) for f in broken]
    by_type: dict[str, list[dict]] = defaultdict(list)
    files_by_type: dict[str, list[str]] = defaultdict(list)
    for file, doc, _ in docs:
        by_type[doc["doc_type"]].append(doc)
        files_by_type[doc["doc_type"]].append(file)
    flags += [_flag("UNRECOGNISED_DOCUMENT", None, f) for f in sorted(set(files_by_type["other"]))]
    flags += [_flag("MISSING_PIECE", p) for p in missing_pieces(declared, by_type, submitted)]
    confirmations = list(zip(files_by_type["registration_confirmation"], by_type["registration_confirmation"],
                             strict=True))
    if confirmations and not any(d["fields"].get("signed") for _, d in confirmations):
        flags += [_flag("NOT_SIGNED", "registration_confirmation", f) for f, _ in confirmations]
    for file, doc, hidden in docs:
        fields, kind = doc["fields"], doc["doc_type"]
        if kind == "other":
            continue
        if not name_matches(fields, declared):
            flags.append(_flag("NAME_MISMATCH", kind, file))
        if fields.get("birth_date") and fields["birth_date"] != declared["birth_date"]:
            flags.append(_flag("BIRTH_DATE_MISMATCH", kind, file))
        if kind == "identity_document":
            expiry = effective_expiry(fields, hidden)
            if expiry and expiry < submitted:
                flags.append(_flag("ID_EXPIRED", kind, file))
            if fields.get("mrz_valid") is False or (fields.get("mrz_valid") and mrz_contradicts(fields, hidden["mrz"])):
                flags.append(_flag("MRZ_INVALID", kind, file))
        if kind == "training_attestation" and declared["category"] == "distance_apprentice" \
                and fields.get("hours") is not None and fields["hours"] < 1350:
            flags.append(_flag("TRAINING_HOURS_TOO_LOW", kind, file))
    periods = [(_d(d["fields"]["start_date"]), _d(d["fields"]["end_date"])) for d in by_type["internship_attestation"]]
    if periods and working_days(periods) < 20:
        flags.append(_flag("INTERNSHIP_TOO_SHORT", "internship_attestation"))
    jobs = [(_d(d["fields"]["start_date"]), _d(d["fields"].get("end_date")) or submitted)
            for d in by_type["employment_certificate"]]
    if declared["category"] == "salaried_3y" and jobs and calendar_days(jobs) < 1095:
        flags.append(_flag("EXPERIENCE_TOO_SHORT", "employment_certificate"))
    if declared.get("grade_benefits") and by_type["transcript"] and grade_problems(declared, by_type["transcript"]):
        flags.append(_flag("GRADE_BENEFIT_NOT_JUSTIFIED", "transcript"))
    if declared["address"]["postal_code"][:2] not in ACADEMY_DEPARTMENTS:
        flags.append(_flag("RESIDENCE_OUTSIDE_ACADEMY"))
    flags += [_flag("DUPLICATE_UPLOAD", None, f) for f in sorted(duplicates)]
    unique = {(f["code"], f["piece"], f["file"]): f for f in flags}
    return sorted(unique.values(), key=lambda f: (f["code"], f["piece"] or "", f["file"] or ""))
