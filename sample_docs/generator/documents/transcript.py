"""Transcripts (relevé de notes) of an earlier BTS session: one- or two-page grade tables."""

from __future__ import annotations

import random

from ..dates import fmt_date, fmt_grade, pick_style
from ..sheet import Sheet, random_style
from .common import Built, DocSpec, name_view, pick

DOC_TYPE = "transcript"
COMMON = [("U1", "Culture générale et expression"), ("U2", "Langue vivante étrangère : anglais")]
BY_FAMILY = {
    "tertiary": [("U3", "Culture économique, juridique et managériale"), ("U4", "Épreuve professionnelle de synthèse"),
                 ("U5", "Étude de cas"), ("U6", "Parcours de professionnalisation")],
    "industrial": [("U31", "Mathématiques"), ("U32", "Physique-chimie"), ("U4", "Étude et conception"),
                   ("U51", "Analyse technique"), ("U52", "Réalisation"), ("U6", "Rapport d'activités en entreprise")],
    "building": [("U31", "Mathématiques"), ("U32", "Physique et chimie"), ("U4", "Étude technique"),
                 ("U51", "Économie de la construction"), ("U52", "Conduite de chantier"),
                 ("U6", "Épreuve professionnelle de synthèse")],
}
TITLES = {"w1": "Relevé de notes", "w2": "Relevé de notes — Brevet de technicien supérieur",
          "w3": "Résultats à l'examen du BTS"}
DECISIONS = ["Ajourné(e)", "AJOURNÉ", "Non admis(e)", "Refusé(e)"]


def units_for(specialty: str, rng: random.Random) -> list[tuple[str, str]]:
    """The unit codes a specialty is examined on."""
    family = "building" if any(k in specialty for k in ("Bâtiment", "Travaux", "bois", "Fluides", "construction",
                                                          "métal")) else \
        "industrial" if any(k in specialty for k in ("Électro", "Maintenance", "Systèmes", "Conception")) else \
        "tertiary"
    return COMMON + BY_FAMILY[family]


def build(sheet: Sheet, spec: DocSpec) -> Built:
    rng, p, d = random.Random(spec.seed), spec.person, spec.data
    layout = d.get("layout") or rng.choice(["releve_table", "releve_lines", "releve_twopages"])
    wording, title = pick(rng, TITLES)
    nv = name_view(p, rng)
    session, specialty, grades = d["session"], d["specialty"], d["grades"]
    labels = dict(units_for(specialty, rng))
    style = random_style(rng)
    first = sheet.begin(style)
    sheet.header([rng.choice(["ACADÉMIE DE TOULOUSE", "Académie de Toulouse", "Région académique Occitanie"]),
                  "Division des examens et concours", "Bureau des examens post-bac"], rng, official=True)
    sheet.title(title, f"Session {session} — BTS {specialty}" if wording != "w3" else None)
    ds = pick_style(rng)
    number = str(rng.randint(10**9, 10**10 - 1))
    ident = [("Candidat", nv.full(rng.choice(["last_first", "first_last"]))),
             (rng.choice(["Né(e) le", "Date de naissance"]), fmt_date(p.birth_date, ds)),
             ("N° candidat", number)]
    if wording == "w3":
        ident += [("Spécialité", specialty), ("Session", str(session))]
    sheet.fields(ident)
    rows = [[g["unit"], labels.get(g["unit"], "Épreuve"), str(rng.choice([1, 2, 3, 4])), fmt_grade(g["grade"], rng)]
            for g in grades]
    if layout == "releve_lines":
        for row in rows:
            sheet.field(f"{row[0]} {row[1]}", row[3], "dots")
    else:
        sheet.table(["Unité", "Intitulé de l'épreuve", "Coef.", "Note /20"], rows, [14, 60, 10, 16],
                    zebra=rng.random() < 0.5)
    if layout == "releve_twopages":
        sheet.new_page()
        sheet.heading(rng.choice(["Décision du jury", "Délibération"]))
    avg = sum(g["grade"] for g in grades) / max(1, len(grades))
    sheet.fields([("Moyenne générale", f"{avg:.2f}".replace(".", ",")),
                  ("Décision", rng.choice(DECISIONS) if avg < 10.5 else "Ajourné(e)")])
    sheet.para(rng.choice([
        "Les notes égales ou supérieures à 10 sur 20 peuvent être conservées pendant cinq ans, à la demande du"
        " candidat, en forme globale.",
        "Bénéfice des notes : le candidat ajourné conserve, s'il le souhaite, le bénéfice des notes obtenues.",
        "Le présent relevé ne peut en aucun cas tenir lieu de diplôme. Aucun duplicata ne sera délivré.",
    ]), style="I")
    if layout == "releve_twopages":
        sheet.signoff(f"Toulouse, le {fmt_date(d.get('issued') or p.birth_date, 'long')}",
                      ["Pour le recteur et par délégation", "Le chef de division"], rng, stamp=["RECTORAT", "DEC"])
    fields = nv.fields() | {"birth_date": p.birth_date.isoformat(), "session": session, "specialty": specialty,
                            "grades": [{"unit": g["unit"], "grade": g["grade"]} for g in grades]}
    return Built(list(range(first, sheet.page + 1)), layout, wording, None, fields)
