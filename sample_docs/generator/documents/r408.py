"""R408 training attestations: montage, utilisation et démontage des échafaudages de pied."""

from __future__ import annotations

import random

from ..dates import fmt_date, pick_style
from ..sheet import Sheet, random_style
from .common import Built, DocSpec, make_org, name_view, pick, place_date

DOC_TYPE = "r408_attestation"
ORGS = ["AFPA Toulouse Balma", "Centre de formation BTP Occitanie", "Formation Sécurité Échafaudages",
        "CFA du Bâtiment de Muret", "Prévention Hauteur Formation", "Lycée professionnel Urbain Vitry"]
SUBJECTS = ["Montage, utilisation et démontage des échafaudages de pied (recommandation R408)",
            "Échafaudages de pied — R408 — montage et réception", "Formation R408 : échafaudages de pied",
            "Recommandation CNAM R408 - Montage / démontage d'échafaudages de pied"]
SENTENCES = {
    "w1": "{org} atteste que {civ} {name} a suivi avec succès la formation « {subject} » le {day}, d'une durée"
          " de {hours} heures.",
    "w2": "Je soussigné(e) {signer}, responsable pédagogique, certifie que {name} a participé à la formation"
          " {subject} dispensée le {day} et a satisfait aux évaluations théoriques et pratiques.",
    "w3": "Le stagiaire désigné ci-dessous a été formé au montage, à l'utilisation et au démontage des"
          " échafaudages de pied conformément à la recommandation R408 de la CNAM.",
}


def build(sheet: Sheet, spec: DocSpec) -> Built:
    rng, p, d = random.Random(spec.seed), spec.person, spec.data
    org = make_org(rng, rng.choice(ORGS))
    layout = rng.choice(["r408_frame", "r408_letter", "r408_form"])
    wording, sentence = pick(rng, SENTENCES)
    nv = name_view(p, rng, usage="birth_only")
    day = d["training_date"]
    ds = pick_style(rng)
    values = {"org": org.name, "civ": nv.civ, "name": nv.full(rng.choice(["last_first", "first_last"])),
              "subject": rng.choice(SUBJECTS), "day": fmt_date(day, ds), "hours": rng.choice([7, 14, 21]),
              "signer": org.signer}
    style = random_style(rng)
    first = sheet.begin(style)
    date_label = rng.choice(["Date de la formation", "Formation suivie le", "Date", "Session du"])
    if layout == "r408_frame":
        pdf = sheet.pdf
        pdf.set_line_width(1.2)
        pdf.rect(style.margin - 6, style.margin - 6, pdf.w - 2 * style.margin + 12, 150)
        pdf.set_line_width(0.2)
        sheet.title(rng.choice(["Attestation de formation", "Attestation de compétences", "Certificat de réussite"]),
                    values["subject"])
        sheet.para(sentence.format(**values) if wording != "w3" else SENTENCES["w3"], align="C")
        sheet.fields([("Nom", nv.last), ("Prénom", " ".join(nv.firsts)), (date_label, values["day"])], "colon")
    elif layout == "r408_letter":
        sheet.header([org.name, org.address, f"N° de déclaration d'activité : 76 31 {rng.randint(10000, 99999)} 31"],
                     rng)
        sheet.title(rng.choice(["Attestation de formation R408", "ATTESTATION DE FIN DE FORMATION"]))
        sheet.para(sentence.format(**values) if wording != "w3" else SENTENCES["w3"])
        if wording == "w3":
            sheet.fields([("Stagiaire", nv.full("last_first")), (date_label, values["day"]),
                          ("Durée", f"{values['hours']} heures")])
    else:
        sheet.header([org.name, org.city], rng)
        sheet.title("Attestation de formation — Échafaudages de pied R408")
        sheet.fields([("Nom du stagiaire", nv.last), ("Prénom(s)", " ".join(nv.firsts)),
                      ("Né(e) le", fmt_date(p.birth_date, ds)), ("Intitulé", values["subject"]),
                      (date_label, values["day"]), ("Résultat", rng.choice(["Acquis", "Favorable", "Apte"]))])
        if wording != "w1":
            sheet.para(SENTENCES["w3"])
    sheet.signoff(place_date(org.city, day, rng), [org.signer, rng.choice(["Formateur", "Le responsable"])], rng,
                  stamp=[org.name] if rng.random() < 0.5 else None)
    fields = nv.fields() | {"training_date": day.isoformat()}
    return Built(list(range(first, sheet.page + 1)), layout, wording, None, fields)
