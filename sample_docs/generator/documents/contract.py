"""Training contracts: CERFA-like apprenticeship (FA13) and professionalisation (EJ20) forms, and letters."""

from __future__ import annotations

import random

from ..dates import fmt_date, pick_style
from ..sheet import Sheet, random_style
from .common import Built, DocSpec, make_org, name_view, pick, place_date

DOC_TYPE = "training_contract"
CERFA = {"apprenticeship": ("CONTRAT D'APPRENTISSAGE", "cerfa N°10103*10", "FA13"),
         "professionalisation": ("CONTRAT DE PROFESSIONNALISATION", "cerfa N°12434*03", "EJ20")}
LABELS = {
    "w1": ("Date de début d'exécution du contrat", "Date de fin du contrat", "Dénomination de l'employeur"),
    "w2": ("Date de conclusion / début", "Fin du contrat ou de la période d'apprentissage", "Nom ou raison sociale"),
    "w3": ("Le contrat prend effet le", "et se termine le", "Employeur"),
}


def build(sheet: Sheet, spec: DocSpec) -> Built:
    rng, p, d = random.Random(spec.seed), spec.person, spec.data
    subtype = d["subtype"]
    org = make_org(rng, d.get("employer"))
    layout = rng.choice(["cerfa_grid", "cerfa_twopages", "contract_letter"])
    wording, (l_start, l_end, l_emp) = pick(rng, LABELS)
    nv = name_view(p, rng, usage="birth_only")
    ds = pick_style(rng)
    start, end = d["start_date"], d["end_date"]
    title, cerfa, code = CERFA[subtype]
    style = random_style(rng)
    style.label_mode = rng.choice(["box", "column", "box"]) if layout != "contract_letter" else style.label_mode
    first = sheet.begin(style)
    if layout == "contract_letter":
        sheet.header([org.name, org.address], rng)
        sheet.title(f"{title.capitalize()} — {rng.choice(['copie', 'exemplaire apprenti', 'extrait'])}")
        kind = "d'apprentissage" if subtype == "apprenticeship" else "de professionnalisation"
        sheet.para(f"Entre {org.name}, représentée par {org.signer} ({org.role}), ci-après l'employeur, et"
                   f" {nv.civ} {nv.full('first_last')}, {nv.born} le {fmt_date(p.birth_date, ds)}, il est conclu un"
                   f" contrat {kind} préparant au BTS {d.get('specialty', '')}.")
        sheet.fields([(l_start, fmt_date(start, ds)), (l_end, fmt_date(end, ds)),
                      ("Organisme de formation", d.get("organisation", "CNED"))])
        sheet.para("Le contrat est visé par les trois parties : l'apprenti(e), l'employeur et le centre de formation.")
    else:
        sheet.font(style="B", size=8)
        sheet.pdf.cell(0, 4, f"{cerfa}   *   {code}", align="R", new_x="LMARGIN", new_y="NEXT")
        sheet.title(title, "(articles L6221-1 et suivants du code du travail)" if subtype == "apprenticeship"
                    else "(articles L6325-1 à L6325-24 du code du travail)")
        sheet.heading("L'EMPLOYEUR")
        sheet.fields([(l_emp, org.name), ("Adresse de l'établissement d'exécution", org.address),
                      ("N° SIRET", org.siret), ("Effectif salarié de l'entreprise", str(rng.randint(3, 400)))])
        sheet.heading("L'APPRENTI(E)" if subtype == "apprenticeship" else "LE (LA) SALARIÉ(E)")
        sheet.fields([("Nom de naissance", nv.last), ("Prénom(s)", " ".join(nv.firsts)),
                      ("Date de naissance", fmt_date(p.birth_date, ds)), ("Commune de naissance", p.birth_place)])
        if layout == "cerfa_twopages":
            sheet.new_page()
        sheet.heading("LE CONTRAT")
        sheet.fields([("Type de contrat ou d'avenant", rng.choice(["11 Premier contrat", "Contrat initial"])),
                      (l_start, fmt_date(start, ds)), (l_end, fmt_date(end, ds)),
                      ("Durée hebdomadaire du travail", "35 h 00")])
        sheet.heading("LA FORMATION")
        sheet.fields([("Diplôme ou titre visé", f"BTS {d.get('specialty', '')}"),
                      ("Organisme de formation", d.get("organisation", "CNED"))])
    for who in ("L'employeur", "L'apprenti(e)" if subtype == "apprenticeship" else "Le (la) salarié(e)",
                "Le centre de formation")[: rng.choice([2, 3])]:
        sheet.signature_box(f"Signature — {who}", True, rng, w=55, h=16)
    sheet.para(place_date(org.city, start, rng), align="L")
    fields = nv.fields() | {"employer": org.name, "start_date": start.isoformat(), "end_date": end.isoformat()}
    return Built(list(range(first, sheet.page + 1)), layout, wording, subtype, fields)
