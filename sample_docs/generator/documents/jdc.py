"""JDC certificates: the individual participation certificate, the older JAPD one, the service national attestation."""

from __future__ import annotations

import random

from ..dates import add_years, fmt_date, pick_style
from ..sheet import Sheet, random_style
from .common import Built, DocSpec, name_view, pick, place_date

DOC_TYPE = "jdc_certificate"
SITES = ["Base aérienne 101 Toulouse-Francazal", "Quartier Pérignon, Toulouse", "Lycée Déodat de Séverac, Toulouse",
         "Caserne Doumerc, Montauban", "Centre du service national de Toulouse", "Quartier Lapérouse, Albi",
         "Base de défense de Tarbes", "En ligne (JDC adaptée)"]
CSN = ["Centre du service national et de la jeunesse de Toulouse", "CSNJ de Perpignan",
       "Établissement du service national Sud-Ouest", "Centre du service national de Bordeaux"]
TITLES = {
    "jdc_a": "Certificat individuel de participation à la journée défense et citoyenneté",
    "jdc_b": "Certificat de participation à l'appel de préparation à la défense",
    "jdc_c": "Attestation de situation administrative au regard du service national",
    "jdc_d": "Certificat de participation — Journée Défense et Citoyenneté (JDC)",
}
SENTENCES = {
    "w1": "{civ} {name}, {born} le {birth} à {place}, a participé à la journée défense et citoyenneté le {day}"
          " ({site}).",
    "w2": "Le directeur du {csn} certifie que l'intéressé(e) désigné(e) ci-dessous a accompli la journée"
          " défense et citoyenneté prévue à l'article L114-3 du code du service national.",
    "w3": "Je certifie que {name}, {born} le {birth}, a satisfait à l'obligation de participation à la JDC"
          " le {day}. Ce certificat est à conserver : il est exigé pour l'inscription aux examens et concours"
          " soumis au contrôle de l'autorité publique.",
}


def build(sheet: Sheet, spec: DocSpec) -> Built:
    rng, p, d = random.Random(spec.seed), spec.person, spec.data
    layout = d.get("layout") or rng.choice(sorted(TITLES))
    wording, sentence = pick(rng, SENTENCES)
    day = d.get("participation_date")
    if layout == "jdc_c":
        day = None
    nv = name_view(p, rng)
    style = random_style(rng)
    first = sheet.begin(style)
    sheet.header(["MINISTÈRE DES ARMÉES", "Direction du service national et de la jeunesse", rng.choice(CSN)],
                 rng, official=True)
    sheet.title(TITLES[layout], "(Articles L114-2 à L114-6 du code du service national)" if rng.random() < 0.6
                else None)
    ds = pick_style(rng)
    values = {"civ": nv.civ, "name": nv.full(rng.choice(["last_first", "first_last"])), "born": nv.born,
              "birth": fmt_date(p.birth_date, ds), "place": p.birth_place, "day": fmt_date(day, ds) if day else "",
              "site": rng.choice(SITES), "csn": rng.choice(CSN)}
    pairs = [("Nom", nv.last)]
    if nv.usage:
        pairs.append(("Nom d'usage", nv.usage))
    pairs += [(rng.choice(["Prénom(s)", "Prénoms"]), " ".join(nv.firsts)),
              (rng.choice(["Né(e) le", "Date de naissance"]), values["birth"]),
              (rng.choice(["à", "Lieu de naissance"]), p.birth_place)]
    if layout == "jdc_c":
        sheet.para(f"Le chef du {values['csn']} atteste que :")
        sheet.fields(pairs)
        sheet.para(rng.choice([
            "est en règle au regard des obligations du service national.",
            "se trouve en situation régulière vis-à-vis des obligations du code du service national"
            " (exemption de participation à la journée défense et citoyenneté).",
            "a été exempté(e) de la journée défense et citoyenneté pour raison médicale et est en règle.",
        ]))
    elif layout == "jdc_d":
        sheet.table(["Nom", "Prénom(s)", "Date de naissance", "Date de la JDC"],
                    [[nv.last, " ".join(nv.firsts), values["birth"], values["day"]]], [30, 30, 25, 25])
        sheet.para(sentence.format(**values) if wording != "w2" else SENTENCES["w2"].format(**values))
        sheet.fields([("Site", values["site"])])
    elif wording == "w2" or layout == "jdc_a" and rng.random() < 0.5:
        sheet.para(SENTENCES["w2"].format(**values))
        sheet.fields(pairs + [(rng.choice(["Date de participation", "Journée accomplie le", "Date de la JDC"]),
                               values["day"]), ("Lieu", values["site"])])
    else:
        sheet.para(sentence.format(**values))
    if rng.random() < 0.5:
        sheet.para(f"Numéro d'identification : {rng.randint(10**11, 10**12 - 1)}", align="L", style="I")
    issued = day or add_years(p.birth_date, 17)
    sheet.signoff(place_date(rng.choice(["Toulouse", "Perpignan", "Bordeaux"]), issued, rng),
                  [rng.choice(["Le chef de centre", "Pour le ministre et par délégation", "Le directeur"])], rng,
                  stamp=["SERVICE NATIONAL", "CSNJ"] if rng.random() < 0.6 else None)
    fields = nv.fields() | {"birth_date": p.birth_date.isoformat(),
                            "participation_date": day.isoformat() if day else None}
    return Built(list(range(first, sheet.page + 1)), layout, wording, None, fields)
