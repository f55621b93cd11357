"""How candidates upload: which rendering each document gets, bundles, recto/verso splits, file names."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from .documents import DocSpec
from .people import ascii_fold

RENDER_WEIGHTS = {
    "demo": {"text_pdf": 80, "scan_pdf": 5, "scan_png": 4, "degraded_scan": 4, "phone_photo": 6, "rotated": 1},
    "corpus": {"text_pdf": 38, "scan_pdf": 12, "scan_png": 8, "degraded_scan": 14, "phone_photo": 18, "rotated": 10},
}
BASE_NAMES = {
    "identity_document": ["CNI", "carte d'identité", "Carte identité recto verso", "pièce d'identité", "ID",
                          "CNI {last}", "passeport", "Pièce identité {first}"],
    "jdc_certificate": ["JDC", "certificat JDC", "Certificat individuel de participation JDC", "attestation JDC",
                        "jdc_{last}", "JAPD"],
    "internship_attestation": ["attestation de stage", "Attestation_stage_{n}", "stage {n}", "attestation stage"],
    "r408_attestation": ["R408", "attestation R408", "Attestation formation échafaudage", "r408_{last}"],
    "transcript": ["relevé de notes", "Relevé de notes BTS", "releve_notes_{year}", "notes session précédente"],
    "employment_certificate": ["certificat de travail", "Certificat_travail_{n}", "attestation employeur",
                               "certif travail"],
    "school_certificate": ["certificat de scolarité", "Certificat scolarité {n}", "certif_scolarite_{n}",
                           "CNED scolarité"],
    "training_attestation": ["attestation de suivi", "Attestation formation", "attestation_heures"],
    "training_contract": ["contrat", "Contrat apprentissage", "contrat_pro", "CERFA contrat"],
    "registration_confirmation": ["confirmation d'inscription", "confirmation_inscription_signée",
                                  "Confirmation inscription BTS", "inscription signée"],
    "other": ["document", "facture", "doc", "Pièce jointe"],
}
PHOTOS = ["IMG_202111{dd}_{hh}{mm}{ss}", "WhatsApp Image 2021-11-{dd} at {hh}.{mm}.{ss}", "photo {n}",
          "CamScanner 11-{dd}-2021 {hh}.{mm}"]
SCANS = ["Scan {date} à {hh}.{mm}", "Document numérisé ({n})", "doc{n}", "numérisation_{n}", "scan0{n}{mm}"]
FOLDERS = ["justificatifs", "Pièces jointes", "scans", "Mes documents/BTS"]


@dataclass
class UploadPlan:
    """One file to write in a dossier folder."""

    name: str  # relative path without extension
    rendering: str
    docs: list[DocSpec]
    seed: int
    rotation: int = 0
    broken: str | None = None
    copy_of: tuple[str, str] | None = None  # (dossier_id, upload name) whose bytes are reused
    image_bundle: bool = False
    note: str = ""


@dataclass
class DossierPlan:
    dossier_id: str
    declared: dict
    uploads: list[UploadPlan] = field(default_factory=list)
    faults: list[str] = field(default_factory=list)


def file_name(specs: list[DocSpec], rng: random.Random, used: set[str], bundle: bool = False,
              photo: bool = False) -> str:
    """A realistic base name (no extension), unique in the dossier, sometimes in a sub-folder."""
    p = specs[0].person
    values = {"last": ascii_fold(p.last_name).upper().replace(" ", "_") if rng.random() < 0.5 else p.last_name,
              "first": p.first_names[0], "n": rng.randint(1, 3), "year": rng.choice([2019, 2020, 2021]),
              "date": f"{rng.randint(1, 28):02d}-11-2021", "dd": f"{rng.randint(1, 28):02d}",
              "hh": f"{rng.randint(8, 23):02d}", "mm": f"{rng.randint(0, 59):02d}", "ss": f"{rng.randint(0, 59):02d}"}
    if bundle:
        pattern = rng.choice(["dossier complet", "pièces justificatives", "Tous les documents", "scan_global", *SCANS])
    elif rng.random() < 0.3:
        pattern = rng.choice(PHOTOS if photo else SCANS)
    else:
        pattern = rng.choice(BASE_NAMES[specs[0].doc_type])
    name = pattern.format(**values)
    if rng.random() < 0.12:
        name = f"{rng.choice(FOLDERS)}/{name}"
    base, i = name, 2
    while name.lower() in used:
        name, i = f"{base} ({i})", i + 1
    used.add(name.lower())
    return name


def choose_rendering(spec: DocSpec, rng: random.Random, weights: dict[str, int]) -> str:
    w = dict(weights)
    if spec.doc_type == "identity_document":
        w["phone_photo"] = w.get("phone_photo", 0) * 2
    keys = sorted(w)
    return rng.choices(keys, [w[k] for k in keys])[0]


def plan_uploads(specs: list[DocSpec], rng: random.Random, preset: str, feature: str | None,
                 used: set[str]) -> list[UploadPlan]:
    """Group a dossier's documents into files: bundles, recto/verso splits, single uploads."""
    weights = RENDER_WEIGHTS["demo" if preset == "demo" else "corpus"]
    specs = list(specs)
    uploads: list[UploadPlan] = []
    want_bundle = feature == "bundle_pdf" or (preset != "demo" and feature is None and rng.random() < 0.12)
    if want_bundle and len(specs) >= 3:
        n = rng.randint(2, min(4, len(specs) - 1))
        chosen = rng.sample(specs, n)
        specs = [s for s in specs if s not in chosen]
        uploads.append(UploadPlan(file_name(chosen, rng, used, bundle=True), "bundle_pdf", chosen, rng.randrange(2**31),
                                  image_bundle=rng.random() < 0.5))
    split_ok = [s for s in specs if s.doc_type == "identity_document" and s.data["card"] in ("cni2021",
                                                                                              "residence_permit")
                and not s.data.get("mrz_fault")]
    if split_ok and (feature == "split" or (preset != "demo" and rng.random() < 0.3)):
        spec = split_ok[0]
        specs.remove(spec)
        base = rng.choice(["CNI", "carte identité", "titre séjour", "IMG_{n}"]).format(n=rng.randint(1000, 9999))
        for side, word in (("recto", rng.choice(["recto", "Recto", "face"])), ("verso", rng.choice(["verso", "Verso",
                                                                                                 "dos"]))):
            part = replace(spec, data={**spec.data, "sides": side, "presentation": "page"})
            name = f"{base} {word}"
            used.add(name.lower())
            uploads.append(UploadPlan(name, "split", [part], rng.randrange(2**31)))
    forced = feature if feature in ("scan_png", "scan_pdf", "degraded_scan", "phone_photo", "rotated", "text_pdf") \
        else None
    for i, spec in enumerate(specs):
        rendering = forced if forced and i == 0 else choose_rendering(spec, rng, weights)
        rotation = rng.choice([90, 180, 270]) if rendering == "rotated" else 0
        name = file_name([spec], rng, used, photo=rendering == "phone_photo")
        uploads.append(UploadPlan(name, rendering, [spec], rng.randrange(2**31), rotation))
    rng.shuffle(uploads)
    return uploads
