"""Employment certificates (certificat de travail, Code du travail L1234-19) and employer attestations."""

from __future__ import annotations

import random

from ..dates import fmt_date, pick_style
from ..sheet import Sheet, random_style
from .common import Built, DocSpec, make_org, name_view, pick, place_date

DOC_TYPE = "employment_certificate"
LETTERS = {
    "w1": "Je soussigné(e) {signer}, agissant en qualité de {role} de la société {org}, certifie que {civ}"
          " {name}, demeurant {address}, a été employé(e) dans notre entreprise du {start} au {end} en qualité"
          " de {position}.",
    "w2": "Nous certifions que {civ} {name} est employé(e) au sein de notre établissement depuis le {start}"
          " {end_phrase}, en qualité de {position}, à temps {time}.",
    "w3": "{org} certifie avoir employé {civ} {name} pour la période du {start} au {end}. Emploi occupé :"
          " {position}. {civ} {name_short} nous quitte libre de tout engagement.",
}
POSITIONS = ["assistant(e) de gestion", "technicien(ne) de maintenance", "comptable", "conducteur de travaux",
             "technicien(ne) d'études", "chargé(e) de clientèle", "développeur(se)", "commercial(e) sédentaire",
             "dessinateur(trice) projeteur(se)", "responsable d'exploitation", "apprenti(e)",
             "technicien(ne) supérieur(e) en électrotechnique", "assistant(e) de direction"]
TITLES = ["Certificat de travail", "CERTIFICAT DE TRAVAIL", "Attestation employeur", "Attestation d'emploi"]


def build(sheet: Sheet, spec: DocSpec) -> Built:
    rng, p, d = random.Random(spec.seed), spec.person, spec.data
    org = make_org(rng, d.get("employer"))
    layout = rng.choice(["travail_letter", "travail_form", "travail_memo"])
    wording, letter = pick(rng, LETTERS)
    start, end = d["start_date"], d.get("end_date")
    if end is None and wording != "w2":
        wording, letter = "w2", LETTERS["w2"]
    nv = name_view(p, rng)
    ds = pick_style(rng)
    position = d.get("position") or rng.choice(POSITIONS)
    end_text = fmt_date(end, ds) if end else "ce jour"
    values = {"signer": org.signer, "role": org.role.lower(), "org": org.name, "civ": nv.civ,
              "name": nv.full(rng.choice(["last_first", "first_last"])), "name_short": nv.last,
              "address": f"{p.street}, {p.postal_code} {p.city}", "start": fmt_date(start, ds), "end": end_text,
              "position": position, "time": rng.choice(["plein", "plein", "partiel"]),
              "end_phrase": f"jusqu'au {end_text}" if end else rng.choice(["à ce jour", "et à ce jour encore",
                                                                           "jusqu'à ce jour"])}
    style = random_style(rng)
    first = sheet.begin(style)
    sheet.header([org.name, org.address, f"SIRET : {org.siret}"], rng)
    title = rng.choice(TITLES) if end else rng.choice(TITLES[2:])
    if layout == "travail_form":
        sheet.title(title)
        sheet.heading("Employeur")
        sheet.fields([("Raison sociale", org.name), ("Adresse", org.address), ("Représenté par", org.signer)])
        sheet.heading("Salarié(e)")
        sheet.fields([("Nom", nv.last + (f" (usage : {nv.usage})" if nv.usage else "")),
                      ("Prénom(s)", " ".join(nv.firsts)), ("Emploi occupé", position),
                      ("Date d'entrée", values["start"]), ("Date de sortie", end_text if end else "en poste")])
        sheet.para(rng.choice(["Certificat délivré pour servir et valoir ce que de droit.",
                               "Le salarié quitte l'entreprise libre de tout engagement.",
                               "Attestation établie à la demande de l'intéressé(e)."]))
    elif layout == "travail_memo":
        sheet.title(title, rng.choice(["(article L1234-19 du code du travail)", None]))
        sheet.table(["Salarié(e)", "Emploi", "Entrée", "Sortie"],
                    [[nv.full("last_first"), position, values["start"], end_text if end else "à ce jour"]],
                    [40, 35, 18, 18])
        sheet.para(letter.format(**values))
    else:
        sheet.title(title)
        sheet.para(letter.format(**values))
        if rng.random() < 0.5:
            sheet.para("Le présent certificat est délivré pour servir et valoir ce que de droit.")
    issued = end or d.get("issued") or start
    sheet.signoff(place_date(org.city, issued, rng), [org.signer, org.role], rng,
                  stamp=[org.name, org.address[:38]] if rng.random() < 0.7 else None)
    fields = nv.fields() | {"employer": org.name, "position": position, "start_date": start.isoformat(),
                            "end_date": end.isoformat() if end else None}
    return Built(list(range(first, sheet.page + 1)), layout, wording, None, fields)
