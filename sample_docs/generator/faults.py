"""Seeded faults: which dossier carries which defect, so every contract flag (and its non-faults) occurs."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from typing import Any

from . import dossiers as d
from .broken import EXTENSIONS
from .documents import DocSpec
from .people import age_on, ascii_fold, other_first_name, other_last_name
from .uploads import DossierPlan, UploadPlan, file_name, plan_uploads

F = "FR"
SCHEDULE: list[dict[str, Any]] = [
    {"faults": [], "render": "bundle_pdf"},
    {"faults": ["missing:jdc_certificate"], "nat": F, "age": (18, 23), "render": "phone_photo"},
    {"faults": ["name:first"], "r408": True, "render": "split", "nat": F, "card": "cni2021"},
    {"faults": ["broken:encrypted_pdf"], "render": "scan_png"},
    {"faults": ["id:expired"], "render": "degraded_scan"},
    {"faults": ["mrz:check"], "render": "rotated"},
    {"faults": ["internship:short"], "cat": "distance_school", "render": "scan_pdf"},
    {"faults": ["experience:short"], "cat": "salaried_3y", "render": "text_pdf"},
    {"faults": ["hours:low"], "cat": "distance_apprentice", "render": "bundle_pdf"},
    {"faults": ["gb:differs"], "cat": "previous_session", "render": "split", "nat": F, "card": "cni2021"},
    {"faults": ["residence:outside"], "render": "phone_photo"},
    {"faults": ["not_signed"], "render": "rotated"},
    {"faults": ["other_doc"], "render": "degraded_scan"},
    {"faults": ["duplicate"], "render": "scan_png"},
    {"faults": ["birth_date"], "render": "scan_pdf"},
    {"faults": ["nonfault:names"], "usage": True, "nat": F, "age": (26, 40)},
    {"faults": ["missing:transcript"], "cat": "previous_session"},
    {"faults": ["name:last", "birth_date"]},
    {"faults": ["broken:truncated_pdf", "broken:zero_bytes"]},
    {"faults": ["id:extended"], "nat": F, "age": (29, 45), "cat": "salaried_3y"},
    {"faults": ["mrz:number"]},
    {"faults": ["internship:overlap"], "cat": "distance_continuing", "sit": "first_training_or_retraining"},
    {"faults": ["missing:school_one"], "cat": "distance_school"},
    {"faults": ["missing:school_same_year"], "cat": "distance_school"},
    {"faults": ["missing:contract_subtype"], "cat": "distance_apprentice"},
    {"faults": ["gb:under10"], "cat": "previous_session"},
    {"faults": ["broken:text_as_jpg", "broken:pixel_bomb"]},
    {"faults": ["broken:unsupported"]},
    {"faults": ["missing:registration_confirmation"]},
    {"faults": ["missing:identity_document"]},
    {"faults": ["missing:r408_attestation"], "r408": True},
    {"faults": ["missing:internship_attestation"], "cat": "distance_school"},
    {"faults": ["missing:training_attestation"], "cat": "distance_apprentice"},
    {"faults": ["missing:employment_certificate"], "cat": "distance_apprentice"},
    {"faults": ["missing:employment_certificate"], "cat": "salaried_3y"},
    {"faults": ["gb:not_on_transcript"], "cat": "previous_session"},
    {"faults": ["gb:too_old"], "cat": "previous_session"},
    {"faults": ["id:minor_expired"], "nat": F, "age": (24, 25)},
    {"faults": ["mrz:birth"]},
    {"faults": ["missing:transcript_benefits"], "cat": "distance_school"},
    {"faults": ["missing:training_contract"], "cat": "distance_continuing", "sit": "professionalisation_contract"},
    {"faults": ["missing:improvement"], "cat": "distance_continuing", "sit": "improvement"},
    {"faults": [], "cat": "distance_continuing", "sit": "improvement"},
    {"faults": [], "nat": "MA"},
    {"faults": ["nonfault:names"], "nat": F},
]
DEMO: list[dict[str, Any]] = [
    {"faults": [], "cat": "distance_school", "r408": False, "render": "scan_png", "nat": F, "age": (19, 21)},
    {"faults": [], "cat": "salaried_3y", "r408": False, "render": "phone_photo", "usage": True, "nat": F},
    {"faults": ["missing:transcript"], "cat": "previous_session", "r408": False, "render": "text_pdf"},
    {"faults": ["name:first"], "cat": "distance_apprentice", "r408": False, "render": "text_pdf", "nat": F},
    {"faults": ["broken:encrypted_pdf"], "cat": "distance_continuing", "r408": False, "render": "text_pdf",
     "sit": "improvement"},
    {"faults": ["id:expired", "not_signed"], "cat": "previous_session", "r408": False, "render": "text_pdf"},
    {"faults": [], "cat": "previous_session", "r408": True, "render": "bundle_pdf", "nat": F},
    {"faults": ["other_doc", "residence:outside"], "cat": "distance_school", "r408": False, "nat": "MA",
     "render": "degraded_scan"},
]
RENDER_CYCLE = ["text_pdf", "phone_photo", "scan_pdf", "degraded_scan", "rotated", "bundle_pdf", "split", "scan_png"]
NAME_TARGETS = ("jdc_certificate", "internship_attestation", "employment_certificate", "school_certificate",
                "training_attestation", "r408_attestation", "transcript")
BIRTH_TARGETS = ("jdc_certificate", "transcript", "identity_document")


def entry_for(index: int, preset: str, rng: random.Random) -> dict[str, Any]:
    if preset == "demo":
        return DEMO[index % len(DEMO)]
    if preset == "bench":  # a benchmark needs clean dossiers too: one in three
        if index % 3 == 2:
            return {"faults": [], "render": RENDER_CYCLE[index % len(RENDER_CYCLE)]}
        index -= index // 3
    if index < len(SCHEDULE):
        return SCHEDULE[index]
    entry = dict(rng.choice(SCHEDULE)) if rng.random() < 0.45 else {"faults": []}
    entry["render"] = RENDER_CYCLE[index % len(RENDER_CYCLE)]
    entry["faults"] = [f for f in entry["faults"] if f != "duplicate"]
    if rng.random() < (0.3 if preset == "corpus" else 0.12) and "other_doc" not in entry["faults"]:
        entry["faults"] = [*entry["faults"], "other_doc"]  # classifiers need many 'other' pages
    return entry


def _benefits(cand: d.Candidate, transcript: DocSpec, rng: random.Random, gb: str | None) -> list[dict]:
    grades = transcript.data["grades"]
    if gb == "gb:under10":
        cand.form = "global"
    ok = [g for g in grades if g["grade"] >= 10 or cand.form == "progressive"]
    if not ok:
        grades[0]["grade"] = 12.5
        ok = [grades[0]]
    picked = rng.sample(ok, min(len(ok), rng.randint(1, 3)))
    session = transcript.data["session"]
    benefits = [{"unit": g["unit"], "grade": g["grade"], "session": session} for g in picked]
    if gb == "gb:differs":
        benefits[0]["grade"] = min(20.0, benefits[0]["grade"] + rng.choice([1.5, 2.0, 3.25]))
    elif gb == "gb:under10":
        low = next((g for g in grades if g["grade"] < 10 and g not in picked), None) or grades[-1]
        low["grade"] = 8.5 if low["grade"] >= 10 else low["grade"]
        benefits.append({"unit": low["unit"], "grade": low["grade"], "session": session})
    elif gb == "gb:not_on_transcript":
        transcript.data["grades"] = [g for g in grades if g["unit"] != benefits[0]["unit"]]
    return sorted(benefits, key=lambda b: b["unit"])


def _retarget(specs: list[DocSpec], kinds: tuple[str, ...], rng: random.Random) -> DocSpec | None:
    options = [s for s in specs if s.doc_type in kinds]
    return rng.choice(options) if options else None


def build_specs(cand: d.Candidate, entry: dict[str, Any], rng: random.Random, notes: list[str]) -> list[DocSpec]:
    """The dossier's documents with the entry's faults applied; `notes` receives the faults in words."""
    faults = entry["faults"]
    gb = next((f for f in faults if f.startswith("gb:")), None)
    wants = bool(gb) or "missing:transcript_benefits" in faults or (
        cand.category == "previous_session" and rng.random() < 0.7) or (
        cand.category in ("distance_school", "distance_continuing", "salaried_3y") and rng.random() < 0.25)
    transcript = None
    if cand.category == "previous_session" or wants:
        transcript = d.transcript_spec(cand, rng, session=cand.session - 7 if gb == "gb:too_old" else None)
        if wants:
            cand.benefits = _benefits(cand, transcript, rng, gb)
            if gb:
                notes.append(f"grade benefit fault '{gb}' ({cand.form} form, transcript session "
                             f"{transcript.data['session']})")
    id_mode = next((f.split(":")[1] for f in faults if f.startswith("id:")), "normal")
    ident = d.identity_spec(cand, rng, id_mode, card=entry.get("card") if id_mode == "normal" else None)
    mrz_fault = next((f.split(":")[1] for f in faults if f.startswith("mrz:")), None)
    if mrz_fault:
        ident.data["mrz_fault"] = mrz_fault
        notes.append(f"MRZ fault '{mrz_fault}' on the identity document ({ident.data['card']})")
    if id_mode != "normal":
        notes.append(f"identity document {id_mode}: {ident.data['card']} issued {ident.data['issue']}, "
                     f"printed expiry {ident.data['expiry']}")
    specs = [d.registration_spec(cand, rng, signed="not_signed" not in faults), ident]
    if "not_signed" in faults:
        notes.append("registration confirmation not signed")
    if cand.nationality == "FR" and (age_on(cand.person.birth_date, cand.day) < 26 or rng.random() < 0.3):
        specs.append(d.jdc_spec(cand, rng))
    specs += d.category_specs(cand, rng, transcript)
    for fault in faults:
        specs = _apply(fault, cand, specs, rng, notes)
    return specs


def _apply(fault: str, cand: d.Candidate, specs: list[DocSpec], rng: random.Random, notes: list[str]) -> list[DocSpec]:
    kind, _, arg = fault.partition(":")
    if kind == "missing":
        return _missing(arg, cand, specs, notes)
    if kind == "internship":
        cand.internships.clear()
        specs = [s for s in specs if s.doc_type != "internship_attestation"]
        weeks = [rng.choice([2, 3])] if arg == "short" else [3, 2]
        notes.append(f"internship too short ({arg}): weeks {weeks}")
        return specs + d.internship_specs(cand, rng, weeks, overlap=arg == "overlap")
    if kind == "experience":
        notes.append("salaried experience under three years")
        return [s for s in specs if s.doc_type != "employment_certificate"] + d.job_specs(cand, rng,
                                                                                           rng.randint(500, 950))
    if kind == "hours":
        target = next(s for s in specs if s.doc_type == "training_attestation")
        target.data["hours"] = rng.choice([980, 1100, 1200, 1250])
        notes.append(f"training attestation shows {target.data['hours']} hours")
    elif kind == "name":
        target = _retarget(specs, NAME_TARGETS, rng) or specs[0]
        p = target.person
        changed = p.with_(first_names=(other_first_name(p, rng),)) if arg == "first" else \
            p.with_(last_name=other_last_name(p, rng), usage_name=None)
        target.data["show_name"] = True  # a wording that prints no name would hide the fault
        specs[specs.index(target)] = replace(target, person=changed)
        notes.append(f"NAME_MISMATCH seeded: other {arg} name on {target.doc_type}")
    elif kind == "birth_date":
        target = _retarget(specs, BIRTH_TARGETS, rng)
        b = target.person.birth_date
        shifted = b + timedelta(days=rng.choice([1, 2, -3, 31, 365])) if b.day != b.month else b + timedelta(days=2)
        specs[specs.index(target)] = replace(target, person=target.person.with_(birth_date=shifted))
        notes.append(f"BIRTH_DATE_MISMATCH seeded on {target.doc_type}")
    elif kind == "nonfault":
        for target in rng.sample(specs, min(3, len(specs))):
            p = target.person
            variant = rng.choice(["accents", "hyphen", "first_only"])
            if variant == "accents":
                p = p.with_(last_name=ascii_fold(p.last_name), first_names=tuple(ascii_fold(n) for n in p.first_names))
            elif variant == "hyphen":
                p = p.with_(last_name=p.last_name.replace("-", " ") if "-" in p.last_name
                            else p.last_name.replace(" ", "-"))
            else:
                p = p.with_(first_names=p.first_names[:1])
            specs[specs.index(target)] = replace(target, person=p)
            notes.append(f"non-fault name variant '{variant}' on {target.doc_type} (must not flag)")
    elif kind == "other_doc":
        specs.append(d.other_spec(cand, rng))
        notes.append("an unrelated document is uploaded")
    return specs


def _missing(arg: str, cand: d.Candidate, specs: list[DocSpec], notes: list[str]) -> list[DocSpec]:
    notes.append(f"missing piece: {arg}")
    if arg == "school_one":
        first = next(s for s in specs if s.doc_type == "school_certificate")
        return [s for s in specs if s is not first]
    if arg == "school_same_year":
        certs = [s for s in specs if s.doc_type == "school_certificate"]
        certs[1].data["school_year"] = certs[0].data["school_year"]
        return specs
    if arg == "contract_subtype":
        for s in specs:
            if s.doc_type == "training_contract":
                s.data["subtype"] = "professionalisation"
        return specs
    if arg == "improvement":
        return [s for s in specs if s.doc_type not in ("internship_attestation", "employment_certificate")]
    kind = "transcript" if arg.startswith("transcript") else arg
    return [s for s in specs if s.doc_type != kind]


def plan_dossier(dossier_id: str, entry: dict[str, Any], rng: random.Random, preset: str) -> DossierPlan:
    entry = dict(entry)
    if "residence:outside" in entry["faults"]:
        entry["outside"] = True
    notes: list[str] = []
    cand = d.draw_candidate(rng, entry)
    specs = build_specs(cand, entry, rng, notes)
    if entry.get("outside"):
        notes.append(f"residence outside the academy ({cand.person.postal_code})")
    plan = DossierPlan(dossier_id, d.declared(cand, dossier_id, rng), faults=notes)
    used: set[str] = set()
    plan.uploads = plan_uploads(specs, rng, preset, entry.get("render"), used)
    for fault in entry["faults"]:
        if fault.startswith("broken:"):
            _break(plan, fault.split(":")[1], rng, used)
    return plan


def _break(plan: DossierPlan, kind: str, rng: random.Random, used: set[str]) -> None:
    singles = [u for u in plan.uploads if len(u.docs) == 1 and not u.broken and u.rendering != "split"]
    if singles and rng.random() < 0.5:
        target = rng.choice(singles)
        target.broken = kind
        plan.faults.append(f"unreadable upload ({kind}) in place of the {target.docs[0].doc_type}")
        return
    spec = rng.choice(singles).docs[0] if singles else None
    name = file_name([spec] if spec else [plan.uploads[0].docs[0]], rng, used)
    plan.uploads.append(UploadPlan(name, "text_pdf", [spec] if spec else [], rng.randrange(2**31), broken=kind))
    plan.faults.append(f"extra unreadable upload ({kind}{EXTENSIONS[kind]})")


def duplicate_of(source: DossierPlan, dossier_id: str, rng: random.Random) -> DossierPlan:
    """A second dossier of the same candidate reusing one file's bytes and re-photographing another document."""
    declared = {**source.declared, "dossier_id": dossier_id}
    plan = DossierPlan(dossier_id, declared, faults=["duplicate registration of the candidate of "
                                                     f"{source.dossier_id}: same file and a re-photographed page"])
    singles = [u for u in source.uploads if len(u.docs) == 1 and not u.broken and u.rendering != "split"]
    copied, rescanned = singles[0], singles[1]
    used: set[str] = set()
    plan.uploads.append(UploadPlan(file_name(copied.docs, rng, used), copied.rendering, copied.docs, copied.seed,
                                   copied.rotation, copy_of=(source.dossier_id, copied.name)))
    rendering = "phone_photo" if rescanned.rendering != "phone_photo" else "scan_png"
    plan.uploads.append(UploadPlan(file_name(rescanned.docs, rng, used), rendering, rescanned.docs,
                                   rng.randrange(2**31), note=f"rescan:{source.dossier_id}:{rescanned.name}"))
    return plan
