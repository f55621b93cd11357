"""School certificates (certificat de scolarité) of a distance-learning or on-site BTS preparation."""

from __future__ import annotations

import random
from datetime import date

from ..dates import fmt_date, pick_style
from ..sheet import Sheet, random_style
from .common import Built, DocSpec, make_org, name_view, pick, place_date

DOC_TYPE = "school_certificate"
SCHOOLS = ["CNED", "Centre national d'enseignement à distance (CNED)", "Institut Pyrénées Formation à Distance",
           "École Supérieure Privée de Commerce à Distance", "Lycée Déodat de Séverac", "Lycée Ozenne",
           "CNED - Site de Rennes"]
SENTENCES = {
    "w1": "Le directeur certifie que {civ} {name}, {born} le {birth}, est régulièrement inscrit(e) au titre de"
          " l'année scolaire {year} en {level} année de BTS {specialty}.",
    "w2": "Nous attestons que l'élève désigné(e) ci-dessous suit la formation préparant au Brevet de technicien"
          " supérieur {specialty} pour l'année {year}, en {mode}.",
    "w3": "Certificat de scolarité valable pour l'année {year}. Inscription en formation à distance,"
          " {level} année, BTS {specialty}.",
}


def write_year(year: str, rng: random.Random) -> str:
    a, b = year.split("-")
    return rng.choice([f"{a}-{b}", f"{a}/{b}", f"{a} - {b}", f"{a}-{b[2:]}" if rng.random() < 0.2 else f"{a}/{b}"])


def build(sheet: Sheet, spec: DocSpec) -> Built:
    rng, p, d = random.Random(spec.seed), spec.person, spec.data
    establishment = d.get("establishment") or rng.choice(SCHOOLS)
    org = make_org(rng, establishment)
    layout = rng.choice(["scol_letter", "scol_form", "scol_card"])
    wording, sentence = pick(rng, SENTENCES)
    if d.get("show_name") and layout == "scol_letter" and wording == "w3":
        wording, sentence = "w1", SENTENCES["w1"]  # a seeded name fault must be printed
    nv = name_view(p, rng, usage="birth_only")
    ds = pick_style(rng)
    year = d["school_year"]
    year_text = write_year(year, rng)
    level = "première" if d.get("level", 2) == 1 else "deuxième"
    values = {"civ": nv.civ, "name": nv.full(rng.choice(["last_first", "first_last"])), "born": nv.born,
              "birth": fmt_date(p.birth_date, ds), "year": year_text, "level": level,
              "specialty": d.get("specialty", ""),
              "mode": rng.choice(["formation à distance", "enseignement à distance"])}
    style = random_style(rng)
    first = sheet.begin(style)
    sheet.header([establishment, org.address, rng.choice(["Service scolarité", "Bureau des inscriptions", ""])],
                 rng, official="CNED" in establishment and rng.random() < 0.5)
    sheet.title(rng.choice(["Certificat de scolarité", "CERTIFICAT DE SCOLARITÉ", "Attestation de scolarité"]),
                f"Année scolaire {year_text}" if rng.random() < 0.5 else None)
    if layout == "scol_form":
        sheet.fields([("Nom", nv.last), ("Prénom(s)", " ".join(nv.firsts)), ("Né(e) le", values["birth"]),
                      ("Formation", f"BTS {values['specialty']} — {level} année"), ("Année scolaire", year_text),
                      ("N° d'inscription", f"{rng.randint(100000, 999999)}")])
        sheet.para(SENTENCES["w3"].format(**values) if wording == "w3" else "Certificat délivré à l'intéressé(e)"
                   " pour servir et valoir ce que de droit.")
    elif layout == "scol_card":
        sheet.table(["Élève", "Né(e) le", "Formation", "Année"],
                    [[nv.full("last_first"), values["birth"], f"BTS {level[:4]}. année", year_text]], [40, 20, 30, 18])
        sheet.para(sentence.format(**values))
    else:
        sheet.para(sentence.format(**values))
        if wording == "w2":
            sheet.fields([("Nom et prénom(s)", nv.full("last_first")), ("Date de naissance", values["birth"])])
    sheet.signoff(place_date(org.city, d.get("issued") or date(int(year[:4]), 10, 5), rng),
                  [rng.choice(["Le chef d'établissement", "Le directeur", "Le service scolarité"])], rng,
                  stamp=[establishment[:36]] if rng.random() < 0.6 else None)
    named = not (layout == "scol_letter" and wording == "w3")  # the w3 sentence names nobody
    fields = (nv.fields() if named else dict.fromkeys(nv.fields())) | {"school_year": year,
                                                                      "establishment": establishment}
    return Built(list(range(first, sheet.page + 1)), layout, wording, None, fields)

