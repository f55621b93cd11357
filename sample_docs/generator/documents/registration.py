"""Cyclades-like registration confirmations (confirmation d'inscription), signed in their box or not."""

from __future__ import annotations

import random

from ..dates import fmt_date, pick_style
from ..sheet import Sheet, random_style
from .common import Built, DocSpec, name_view, pick

DOC_TYPE = "registration_confirmation"
CATEGORY_TEXT = {
    "previous_session": "Candidat ayant déjà présenté l'examen",
    "distance_school": "Scolaire — enseignement à distance",
    "distance_apprentice": "Apprenti — enseignement à distance",
    "distance_continuing": "Formation continue — enseignement à distance",
    "salaried_3y": "Expérience professionnelle de 3 ans",
}
TITLES = {"w1": "Confirmation d'inscription", "w2": "CONFIRMATION D'INSCRIPTION — BTS SESSION {session}",
          "w3": "Récapitulatif et confirmation d'inscription à l'examen"}
CERTIFY = ["Je certifie sur l'honneur l'exactitude des renseignements portés sur la présente confirmation.",
           "Le candidat atteste avoir pris connaissance de la notice d'inscription et certifie exacts les"
           " renseignements ci-dessus.",
           "Document à vérifier, dater, signer et téléverser dans la rubrique « Mes justificatifs »."]


def build(sheet: Sheet, spec: DocSpec) -> Built:
    rng, p, d = random.Random(spec.seed), spec.person, spec.data
    layout = rng.choice(["cyclades_table", "cyclades_lines", "cyclades_columns"])
    wording, title = pick(rng, TITLES)
    nv = name_view(p, rng, firsts="all", last_case="upper", usage="both")
    ds = pick_style(rng, ("slash", "slash", "long", "dot"))
    style = random_style(rng)
    first = sheet.begin(style)
    sheet.header(["Académie de Toulouse", "Direction des examens et concours — DEC 5",
                  "Examen : BREVET DE TECHNICIEN SUPÉRIEUR"], rng, official=True)
    sheet.title(title.format(session=d["session"]), f"Session {d['session']}" if wording != "w2" else None)
    number = d["candidate_number"]
    rows = [("N° de candidat", number), ("Nom de naissance", nv.last)]
    if nv.usage:
        rows.append(("Nom d'usage", nv.usage))
    rows += [("Prénom(s)", ", ".join(nv.firsts) if rng.random() < 0.5 else " ".join(nv.firsts)),
             ("Date de naissance", fmt_date(p.birth_date, ds)), ("Lieu de naissance", p.birth_place),
             ("Adresse", f"{p.street}, {p.postal_code} {p.city}"), ("Spécialité", f"BTS {d['specialty']}"),
             ("Catégorie", CATEGORY_TEXT[d["category"]]), ("Forme de passage", d["form"].capitalize())]
    if layout == "cyclades_table":
        sheet.table(["Rubrique", "Valeur déclarée"], [[k, v] for k, v in rows], [35, 65])
    elif layout == "cyclades_columns":
        sheet.fields(rows, "column")
    else:
        sheet.fields(rows)
    if d.get("grade_benefits"):
        sheet.heading("Bénéfices de notes déclarés")
        sheet.table(["Unité", "Note", "Session"], [[g["unit"], f"{g['grade']:g}".replace(".", ","),
                                                    str(g["session"])] for g in d["grade_benefits"]], [20, 20, 20])
    sheet.para(rng.choice(CERTIFY), style="I")
    submitted = d["submitted_at"]
    sheet.para(f"Confirmation éditée le {fmt_date(submitted, ds)}", align="L")
    signed = bool(d.get("signed", True))
    if signed:
        sheet.para(f"Fait à {p.city}, le {fmt_date(submitted, pick_style(rng, ('slash', 'long')))}", align="L")
    else:
        sheet.para("Fait à ..........................., le ......................", align="L")
    sheet.signature_box("Signature du candidat", signed, rng, w=rng.choice([65, 75, 85]), h=rng.choice([24, 30]))
    fields = nv.fields() | {"birth_date": p.birth_date.isoformat(), "candidate_number": number, "signed": signed}
    return Built(list(range(first, sheet.page + 1)), layout, wording, None, fields)
