"""Training attestations (attestation de suivi de la préparation au BTS) with the hours followed."""

from __future__ import annotations

import random

from ..dates import fmt_date, fmt_hours, pick_style
from ..sheet import Sheet, random_style
from .common import Built, DocSpec, make_org, name_view, pick, place_date

DOC_TYPE = "training_attestation"
ORGS = ["CNED", "CFA Occitanie Formation à distance", "GRETA Midi-Pyrénées Centre", "CNAM Occitanie",
        "AFPA Toulouse", "Institut de formation continue du Sud-Ouest", "CFA des métiers de Muret"]
SENTENCES = {
    "w1": "{org} atteste que {civ} {name} suit la préparation au BTS {specialty} depuis le {start} pour une"
          " durée totale de formation de {hours}.",
    "w2": "Je soussigné(e) {signer}, {role}, certifie que {name} est inscrit(e) en formation préparant au BTS"
          " {specialty}. Volume horaire de la formation : {hours}, du {start} au {end}.",
    "w3": "Attestation de suivi : l'apprenant(e) ci-dessous a été assidu(e) aux enseignements de la"
          " préparation au brevet de technicien supérieur {specialty} ({hours} de formation).",
}


def build(sheet: Sheet, spec: DocSpec) -> Built:
    rng, p, d = random.Random(spec.seed), spec.person, spec.data
    org = make_org(rng, d.get("organisation") or rng.choice(ORGS))
    layout = rng.choice(["suivi_letter", "suivi_form", "suivi_table"])
    wording, sentence = pick(rng, SENTENCES)
    if d.get("show_name") and layout != "suivi_form" and wording == "w3":
        wording, sentence = "w1", SENTENCES["w1"]  # a seeded name fault must be printed
    nv = name_view(p, rng)
    ds = pick_style(rng)
    hours = d["hours"]
    hours_text = fmt_hours(hours, rng)
    values = {"org": org.name, "civ": nv.civ, "name": nv.full(rng.choice(["last_first", "first_last"])),
              "specialty": d.get("specialty", ""), "start": fmt_date(d["start_date"], ds),
              "end": fmt_date(d["end_date"], ds), "hours": hours_text, "signer": org.signer,
              "role": org.role.lower()}
    style = random_style(rng)
    first = sheet.begin(style)
    sheet.header([org.name, org.address], rng, official=org.name == "CNED" and rng.random() < 0.5)
    sheet.title(rng.choice(["Attestation de suivi de formation", "Attestation de suivi de la préparation au BTS",
                            "ATTESTATION DE FORMATION", "Attestation d'assiduité"]))
    if layout == "suivi_form":
        sheet.fields([("Stagiaire", nv.full("last_first")), ("Formation", f"BTS {values['specialty']}"),
                      ("Période", f"du {values['start']} au {values['end']}"),
                      (rng.choice(["Durée totale", "Nombre d'heures", "Volume horaire"]), hours_text),
                      ("Modalité", rng.choice(["à distance", "en alternance", "mixte"]))])
        if wording != "w1":
            sheet.para(sentence.format(**values))
    elif layout == "suivi_table":
        sheet.para(sentence.format(**values))
        first_year = round(hours * rng.uniform(0.45, 0.55))
        sheet.table(["Année", "Heures"], [["1re année", str(first_year)], ["2e année", str(hours - first_year)],
                                          ["Total", hours_text]], [40, 20])
    else:
        sheet.para(sentence.format(**values))
        sheet.para("Attestation délivrée pour faire valoir ce que de droit.")
    sheet.signoff(place_date(org.city, d.get("issued") or d["start_date"], rng), [org.signer, org.role], rng,
                  stamp=[org.name[:36]] if rng.random() < 0.5 else None)
    named = layout == "suivi_form" or wording != "w3"  # w3 says 'ci-dessous' but only the form lists below
    fields = (nv.fields() if named else dict.fromkeys(nv.fields())) | {"hours": hours, "organisation": org.name}
    return Built(list(range(first, sheet.page + 1)), layout, wording, None, fields)
