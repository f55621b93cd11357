"""Internship attestations: the official model (code de l'éducation D124-9), a letter, a summary table."""

from __future__ import annotations

import random

from ..dates import fmt_date, pick_style
from ..sheet import Sheet, random_style
from .common import Built, DocSpec, make_org, name_view, pick, place_date

DOC_TYPE = "internship_attestation"
LETTERS = {
    "w1": "Je soussigné(e) {signer}, {role} de {org}, atteste que {civ} {name} a effectué un stage au sein de"
          " notre entreprise du {start} au {end}, dans le cadre de sa préparation au BTS {specialty}.",
    "w2": "Nous certifions que {civ} {name}, étudiant(e) en BTS {specialty}, a été accueilli(e) en stage dans"
          " nos services pour la période du {start} au {end}. Durant ce stage, {pron} a participé aux activités"
          " du service {service} et a fait preuve de sérieux.",
    "w3": "La société {org} atteste par la présente avoir reçu {civ} {name} en qualité de stagiaire à compter du"
          " {start} et jusqu'au {end} inclus. Cette attestation est délivrée pour servir et valoir ce que de"
          " droit.",
}
TITLES = ["Attestation de stage", "ATTESTATION DE STAGE", "Attestation de fin de stage", "Certificat de stage",
          "Attestation de période de formation en milieu professionnel"]
SERVICES = ["commercial", "comptabilité", "technique", "administratif", "informatique", "logistique", "accueil"]


def build(sheet: Sheet, spec: DocSpec) -> Built:
    rng, p, d = random.Random(spec.seed), spec.person, spec.data
    org = make_org(rng, d.get("company"))
    layout = rng.choice(["stage_official", "stage_letter", "stage_table"])
    wording, letter = pick(rng, LETTERS)
    nv = name_view(p, rng, usage="birth_only")
    ds = pick_style(rng)
    start, end = d["start_date"], d["end_date"]
    values = {"signer": org.signer, "role": org.role.lower(), "org": org.name, "civ": nv.civ,
              "name": nv.full(rng.choice(["last_first", "first_last"])), "start": fmt_date(start, ds),
              "end": fmt_date(end, ds), "specialty": d.get("specialty", ""), "pron": "il" if p.sex == "M" else "elle",
              "service": rng.choice(SERVICES)}
    style = random_style(rng)
    first = sheet.begin(style)
    weeks = max(1, round(((end - start).days + 1) / 7))
    if layout == "stage_official":
        sheet.title("Attestation de stage", "à remettre au stagiaire à l'issue du stage")
        sheet.heading("ORGANISME D'ACCUEIL")
        sheet.fields([("Nom ou dénomination sociale", org.name), ("Adresse", org.address),
                      ("N° SIRET", org.siret)])
        sheet.heading(rng.choice(["Certifie que", "CERTIFIE QUE"]))
        sheet.heading("LE STAGIAIRE")
        sheet.fields([("Nom", nv.last), ("Prénom(s)", " ".join(nv.firsts)), ("Sexe", p.sex),
                      ("Né(e) le", fmt_date(p.birth_date, ds)), ("Adresse", f"{p.street}, {p.postal_code} {p.city}"),
                      ("Étudiant(e) en", f"BTS {values['specialty']}"), ("Au sein de", d.get("school", "CNED"))])
        sheet.heading("DURÉE DU STAGE")
        sheet.para(f"Dates de début et de fin du stage : du {values['start']} au {values['end']}", align="L")
        sheet.para(f"Représentant une durée totale de {weeks} semaines", align="L")
        if wording != "w1":
            sheet.para("La durée totale du stage est appréciée en tenant compte de la présence effective du"
                       " stagiaire dans l'organisme.", style="I")
    elif layout == "stage_letter":
        sheet.header([org.name, org.address, f"SIRET {org.siret}"], rng)
        sheet.title(rng.choice(TITLES))
        sheet.para(letter.format(**values))
        if rng.random() < 0.5:
            sheet.para(f"Ce stage représente une durée de {weeks} semaines à temps plein.")
    else:
        sheet.header([org.name, org.address], rng)
        sheet.title(rng.choice(TITLES))
        sheet.para(rng.choice(["Nous attestons que le(la) stagiaire ci-dessous a effectué la période suivante :",
                               "Récapitulatif de la période de stage :", "Objet : attestation de stage"]))
        name_cell = nv.full("last_first")
        sheet.table(["Stagiaire", "Du", "Au", "Durée"], [[name_cell, values["start"], values["end"],
                                                          f"{weeks} sem."]], [45, 22, 22, 12])
        if wording == "w2":
            sheet.para(f"Service d'accueil : {values['service']}. Tuteur : {org.signer}.")
    sheet.signoff(place_date(org.city, end, rng), [org.signer, org.role], rng,
                  stamp=[org.name, org.city] if rng.random() < 0.6 else None)
    fields = nv.fields() | {"company": org.name, "start_date": start.isoformat(), "end_date": end.isoformat()}
    return Built(list(range(first, sheet.page + 1)), layout, wording, None, fields)
