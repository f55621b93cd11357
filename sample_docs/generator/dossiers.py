"""A candidate's declared dossier and the documents a complete dossier of their category holds."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from .dates import add_months, add_years, next_monday
from .documents import DocSpec
from .documents.common import make_org
from .documents.transcript import units_for
from .expect import R408_SPECIALTIES
from .people import EU, FIRST_F, Person, age_on, make_person

OTHER_SPECIALTIES = ("Management commercial opérationnel", "Négociation et digitalisation de la relation client",
                     "Comptabilité et gestion", "Gestion de la PME", "Support à l'action managériale",
                     "Services informatiques aux organisations", "Tourisme", "Professions immobilières",
                     "Électrotechnique", "Maintenance des systèmes", "Systèmes numériques", "Communication",
                     "Conception des processus de réalisation de produits", "Assurance")
CATEGORIES = ("previous_session", "distance_school", "distance_apprentice", "distance_continuing", "salaried_3y")
SITUATIONS = ("professionalisation_contract", "first_training_or_retraining", "improvement")
AGES = {"previous_session": (19, 34), "distance_school": (19, 23), "distance_apprentice": (19, 24),
        "distance_continuing": (21, 42), "salaried_3y": (26, 50)}
TZ = timezone(timedelta(hours=1))


@dataclass
class Candidate:
    """Everything drawn about one candidate before documents are made."""

    person: Person
    category: str
    situation: str | None
    specialty: str
    session: int
    submitted: datetime
    form: str
    nationality: str
    benefits: list[dict[str, Any]] = field(default_factory=list)
    internships: list[dict[str, Any]] = field(default_factory=list)
    number: str = ""

    @property
    def day(self) -> date:
        return self.submitted.date()


def draw_candidate(rng: random.Random, entry: dict[str, Any]) -> Candidate:
    category = entry.get("cat") or rng.choice(CATEGORIES)
    situation = entry.get("sit") or (rng.choice(SITUATIONS) if category == "distance_continuing" else None)
    session = entry.get("session") or rng.choice([2022, 2022, 2022, 2023])
    start = datetime(session - 1, 10, 20, 14, 0, tzinfo=TZ)
    submitted = start + timedelta(minutes=rng.randrange(0, 41 * 24 * 60))
    nationality = entry.get("nat") or rng.choices(["FR", "PT", "ES", "MA", "DZ", "TN", "SN", "VN", "IT", "RO"],
                                                   [30, 2, 1, 2, 2, 1, 1, 1, 1, 1])[0]
    ages = entry.get("age") or AGES[category]
    person = make_person(rng, nationality=nationality, age_range=ages, ref=submitted.date(),
                         outside=bool(entry.get("outside")))
    if entry.get("usage") and not person.usage_name:
        firsts = person.first_names if person.sex == "F" else tuple(rng.sample(FIRST_F, len(person.first_names)))
        person = person.with_(sex="F", first_names=firsts, usage_name=rng.choice(["Garcia", "Le Bris", "Martin"]))
    r408 = entry.get("r408")
    if r408 is None:
        r408 = rng.random() < 0.3
    specialty = rng.choice(R408_SPECIALTIES if r408 else OTHER_SPECIALTIES)
    progressive_ok = category != "previous_session"
    form = "progressive" if progressive_ok and rng.random() < 0.3 else "global"
    if entry.get("form"):
        form = entry["form"]
    cand = Candidate(person, category, situation, specialty, session, submitted, form, nationality)
    cand.number = f"{session % 100:02d}{rng.randrange(10**8):08d}"
    return cand


def declared(cand: Candidate, dossier_id: str, rng: random.Random) -> dict[str, Any]:
    """The dossier.json the registration export would hold (dossier.schema.json)."""
    p = cand.person
    last = p.last_name.upper() if rng.random() < 0.5 else p.last_name
    return {
        "dossier_id": dossier_id, "session": cand.session, "academy": "Toulouse", "candidate_number": cand.number,
        "last_name": last, "usage_name": p.usage_name, "first_names": list(p.first_names),
        "birth_date": p.birth_date.isoformat(), "birth_place": p.birth_place, "nationality": cand.nationality,
        "sex": p.sex, "address": {"street": p.street, "postal_code": p.postal_code, "city": p.city},
        "email": p.email, "phone": f"06{rng.randrange(10**8):08d}", "specialty": cand.specialty,
        "category": cand.category, "continuing_situation": cand.situation, "form": cand.form,
        "language": "anglais", "disability_declared": rng.random() < 0.05, "exemptions_declared": False,
        "grade_benefits": cand.benefits, "internships": cand.internships,
        "submitted_at": cand.submitted.isoformat(timespec="seconds"),
    }


def identity_spec(cand: Candidate, rng: random.Random, mode: str = "normal", card: str | None = None) -> DocSpec:
    """The identity document; `mode` is normal | expired | extended (1988 card +5 years) | minor_expired."""
    p, day = cand.person, cand.day
    if mode == "extended":
        low = max(date(2007, 1, 1), add_years(p.birth_date, 18) + timedelta(days=60),
                  add_years(day, -15) + timedelta(days=60))  # still valid once extended by five years
        issue = low + timedelta(days=rng.randrange(max(1, (date(2011, 6, 30) - low).days)))
        card, expiry = "cni1988", add_years(issue, 10) - timedelta(days=1)
    elif mode == "minor_expired":
        issue = min(add_years(p.birth_date, 14) + timedelta(days=rng.randrange(200)), date(2011, 6, 1))
        card, expiry = "cni1988", add_years(issue, 10) - timedelta(days=1)
    elif mode == "expired":
        card = card or ("passport" if p.nationality == "FR" or p.nationality in EU else
                        rng.choice(["passport", "residence_permit"]))
        expiry = day - timedelta(days=rng.randint(20, 600))
        issue = add_years(expiry, -10 if card == "passport" else -rng.randint(1, 4)) + timedelta(days=1)
    else:
        if card is None:
            if p.nationality == "FR":
                card = rng.choices(["cni2021", "cni1988", "passport"], [3, 5, 2])[0]
            else:
                card = "passport" if p.nationality in EU else rng.choice(["passport", "residence_permit"])
        if card == "cni2021":
            issue = date(2021, 8, 2) + timedelta(days=rng.randrange(max(1, (day - date(2021, 8, 12)).days)))
            expiry = add_years(issue, 10) - timedelta(days=1)
        elif card == "cni1988":
            issue = date(2014, 1, 6) + timedelta(days=rng.randrange(7 * 365))
            adult = age_on(p.birth_date, issue) >= 18
            expiry = add_years(issue, 15 if adult else 10) - timedelta(days=1)
        elif card == "passport":
            issue = day - timedelta(days=rng.randint(60, 9 * 365))
            expiry = add_years(issue, 10) - timedelta(days=1)
        else:
            issue = day - timedelta(days=rng.randint(60, 700))
            expiry = add_years(issue, rng.randint(2, 4))
    return DocSpec("identity_document", rng.randrange(2**31), p, {"card": card, "issue": issue, "expiry": expiry})


def category_specs(cand: Candidate, rng: random.Random, transcript: DocSpec | None = None) -> list[DocSpec]:
    """The category's pieces (contract section 3), complete and consistent with the declaration."""
    p, s, day = cand.person, cand.session, cand.day
    spec = cand.specialty

    def doc(kind: str, **data: Any) -> DocSpec:
        return DocSpec(kind, rng.randrange(2**31), p, {"specialty": spec, **data})

    out: list[DocSpec] = []
    if transcript is not None:
        out.append(transcript)
    if cand.category == "distance_school":
        out += [doc("school_certificate", school_year=f"{s - 2}-{s - 1}", level=1, establishment="CNED"),
                doc("school_certificate", school_year=f"{s - 1}-{s}", level=2)]
        out += internship_specs(cand, rng)
    elif cand.category == "distance_apprentice":
        start = date(s - 2, 9, 1) + timedelta(days=rng.randrange(40))
        out += [doc("training_attestation", hours=rng.choice([1350, 1350, 1400, 1420, 1500]), start_date=start,
                    end_date=date(s, 6, 30), issued=day - timedelta(days=rng.randint(3, 30))),
                doc("training_contract", subtype="apprenticeship", start_date=start,
                    end_date=date(s, rng.choice([7, 8]), 31)),
                doc("employment_certificate", start_date=start, end_date=None, position="apprenti(e)",
                    issued=day - timedelta(days=rng.randint(3, 30)))]
    elif cand.category == "distance_continuing":
        start = date(s - 2, 9, 15) + timedelta(days=rng.randrange(60))
        out.append(doc("training_attestation", hours=rng.choice([600, 800, 950, 1100, 1350]), start_date=start,
                       end_date=date(s, 6, 15), issued=day - timedelta(days=rng.randint(3, 30))))
        if cand.situation == "professionalisation_contract":
            c_start = start + timedelta(days=rng.randint(0, 20))
            out += [doc("training_contract", subtype="professionalisation", start_date=c_start,
                        end_date=date(s, 8, 31)),
                    doc("employment_certificate", start_date=c_start, end_date=None,
                        issued=day - timedelta(days=rng.randint(3, 30)))]
        elif cand.situation == "first_training_or_retraining" or rng.random() < 0.5:
            out += internship_specs(cand, rng)
        else:
            j_start = add_months(day, -rng.randint(8, 20))
            out.append(doc("employment_certificate", start_date=j_start, end_date=None,
                           issued=day - timedelta(days=5)))
    elif cand.category == "salaried_3y":
        out += job_specs(cand, rng, rng.randint(1300, 3000))
    if cand.specialty in R408_SPECIALTIES:
        out.append(doc("r408_attestation", training_date=day - timedelta(days=rng.randint(60, 900))))
    return out


def internship_specs(cand: Candidate, rng: random.Random, weeks: list[int] | None = None,
                     overlap: bool = False) -> list[DocSpec]:
    """Completed internships (first year, spring), declared in the dossier too."""
    s = cand.session
    weeks = weeks or rng.choice([[6], [4, 4], [5], [8], [3, 3]])
    start = next_monday(date(s - 1, 4, 26) + timedelta(days=rng.randrange(20)))
    out = []
    for i, n in enumerate(weeks):
        end = start + timedelta(days=7 * n - 3)
        company = make_org(rng).name
        cand.internships.append({"company": company, "start_date": start.isoformat(), "end_date": end.isoformat()})
        out.append(DocSpec("internship_attestation", rng.randrange(2**31), cand.person,
                           {"start_date": start, "end_date": end, "company": company, "specialty": cand.specialty,
                            "school": "CNED"}))
        start = start + timedelta(days=7) if overlap and i == 0 else end + timedelta(days=3 + 7 * rng.randint(0, 2))
    return out


def job_specs(cand: Candidate, rng: random.Random, total_days: int) -> list[DocSpec]:
    """Employment certificates going back from submission until they cover `total_days`."""
    end: date | None = None if rng.random() < 0.5 else cand.day - timedelta(days=rng.randint(20, 120))
    cursor, covered, out = end or cand.day, 0, []
    while covered < total_days:
        length = min(total_days - covered, rng.randint(380, 1400))
        start = cursor - timedelta(days=length - 1)
        out.append(DocSpec("employment_certificate", rng.randrange(2**31), cand.person,
                           {"start_date": start, "end_date": end, "issued": cand.day - timedelta(days=4)}))
        covered += length
        cursor = start - timedelta(days=rng.randint(1, 90))
        end = cursor
    return out


def transcript_spec(cand: Candidate, rng: random.Random, session: int | None = None) -> DocSpec:
    session = session or cand.session - rng.choice([1, 1, 2, 3])
    units = units_for(cand.specialty, rng)
    grades = [{"unit": u, "grade": round(rng.uniform(4, 17.5) * 4) / 4} for u, _ in units]
    return DocSpec("transcript", rng.randrange(2**31), cand.person,
                   {"session": session, "specialty": cand.specialty, "grades": grades,
                    "issued": date(session, 7, 8)})


def jdc_spec(cand: Candidate, rng: random.Random) -> DocSpec:
    p = cand.person
    day = add_years(p.birth_date, 17) + timedelta(days=rng.randint(20, 300))
    day = min(day, cand.day - timedelta(days=30))
    layout = "jdc_b" if day.year < 2011 else None
    return DocSpec("jdc_certificate", rng.randrange(2**31), p, {"participation_date": day, "layout": layout})


def registration_spec(cand: Candidate, rng: random.Random, signed: bool = True) -> DocSpec:
    return DocSpec("registration_confirmation", rng.randrange(2**31), cand.person,
                   {"session": cand.session, "candidate_number": cand.number, "specialty": cand.specialty,
                    "category": cand.category, "form": cand.form, "grade_benefits": cand.benefits,
                    "submitted_at": cand.day, "signed": signed})


def other_spec(cand: Candidate, rng: random.Random) -> DocSpec:
    return DocSpec("other", rng.randrange(2**31), cand.person,
                   {"day": cand.day - timedelta(days=rng.randint(5, 60))})
