"""Documents that are none of the pieces: bills, letters, CVs, bank details, blank pages."""

from __future__ import annotations

import random

from ..dates import fmt_date
from ..sheet import Sheet, random_style
from .common import Built, DocSpec, make_org, name_view

DOC_TYPE = "other"
KINDS = ["electricity_bill", "letter", "cv", "rib", "blank", "phone_bill"]


def build(sheet: Sheet, spec: DocSpec) -> Built:
    rng, p, d = random.Random(spec.seed), spec.person, spec.data
    kind = d.get("kind") or rng.choice(KINDS)
    nv = name_view(p, rng)
    style = random_style(rng)
    first = sheet.begin(style)
    day = d.get("day")
    wording = f"w{rng.randint(1, 3)}"
    if kind in ("electricity_bill", "phone_bill"):
        supplier = rng.choice(["Énergie du Sud-Ouest", "ÉlecFrance", "Volt Occitanie"]) if kind == "electricity_bill" \
            else rng.choice(["TéléMobile", "Orion Télécom", "Fibre Sud"])
        sheet.header([supplier, "Service clients : 09 69 00 00 00"], rng)
        sheet.title(rng.choice(["Votre facture", "Facture d'électricité", "Facture du mois"])
                    if kind == "electricity_bill" else "Votre facture mobile et internet")
        sheet.fields([("Titulaire du contrat", nv.full("first_last")), ("Adresse", f"{p.street}, {p.postal_code}"
                                                                                  f" {p.city}"),
                      ("Référence client", str(rng.randint(10**9, 10**10))), ("Date", fmt_date(day, "slash"))])
        rows = [["Abonnement", f"{rng.uniform(10, 30):.2f} €"], ["Consommation", f"{rng.uniform(20, 90):.2f} €"],
                ["Taxes et contributions", f"{rng.uniform(5, 20):.2f} €"]]
        sheet.table(["Désignation", "Montant TTC"], rows, [60, 30])
        sheet.para("Montant prélevé le " + fmt_date(day, "long") + ". Merci de votre confiance.")
    elif kind == "letter":
        sheet.para(f"{nv.full('first_last')}\n{p.street}\n{p.postal_code} {p.city}", align="L")
        sheet.para(f"{p.city}, le {fmt_date(day, 'long')}", align="R")
        sheet.para("Objet : " + rng.choice(["demande de renseignements", "candidature spontanée",
                                            "aménagement d'épreuves"]), style="B")
        sheet.para(rng.choice(["Madame, Monsieur,", "Madame la Rectrice,"]))
        sheet.para("Je me permets de vous écrire afin de vous demander des précisions concernant le déroulement"
                   " des épreuves. Je reste à votre disposition pour tout renseignement complémentaire et vous"
                   " prie d'agréer l'expression de mes salutations distinguées.")
        sheet.scribble(130, sheet.pdf.get_y() + 2, 45, 16, rng)
    elif kind == "cv":
        sheet.title(nv.full("first_last"), f"{p.street} — {p.postal_code} {p.city} — {p.email}")
        for section, items in (("Expérience professionnelle", ["2019-2021 : employé(e) polyvalent(e)",
                                                                "Été 2018 : saisonnier(e) agricole"]),
                               ("Formation", ["Baccalauréat", "BTS en cours (CNED)"]),
                               ("Compétences", ["Bureautique", "Anglais B1", "Permis B"])):
            sheet.heading(section)
            for item in items:
                sheet.para("• " + item, align="L")
    elif kind == "rib":
        org = make_org(rng, rng.choice(["Banque Populaire Occitane", "Crédit du Midi", "Caisse d'Épargne"]))
        sheet.header([org.name, org.address], rng)
        sheet.title("Relevé d'identité bancaire")
        iban = "FR76 " + " ".join(str(rng.randint(1000, 9999)) for _ in range(5)) + f" {rng.randint(100, 999)}"
        sheet.fields([("Titulaire", nv.full("last_first")), ("IBAN", iban), ("BIC", "CCBPFRPPTLS"),
                      ("Domiciliation", org.city)])
    else:  # blank: an empty page, maybe with a scanner footer
        if rng.random() < 0.5:
            sheet.footer_note("Numérisé avec ScanApp")
    return Built(list(range(first, sheet.page + 1)), kind, wording, None, {})
