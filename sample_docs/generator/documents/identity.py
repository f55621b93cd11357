"""Identity documents: CNI 1988 (2x36 MRZ), CNI 2021 (TD1), passports (TD3), titres de séjour (TD1)."""

from __future__ import annotations

import random
from datetime import date

from .. import mrz
from ..dates import fmt_date
from ..people import ALPHA3, COUNTRY_FR, Person
from ..sheet import Sheet, random_style
from .common import Built, DocSpec, name_view, upper

DOC_TYPE = "identity_document"
TINTS = {"cni1988": (232, 226, 240), "cni2021": (226, 236, 246), "passport": (240, 236, 226),
         "residence_permit": (230, 242, 232)}
LABELS = {  # wording -> (surname, usage, given names, birth, number, expiry)
    "w1": ("NOM / Surname", "NOM D'USAGE / Alternate name", "Prénoms / Given names", "DATE DE NAISS. / Date of birth",
           "N° DU DOCUMENT / Document No", "DATE D'EXPIR. / Expiry date"),
    "w2": ("Nom", "Nom d'usage", "Prénom(s)", "Né(e) le", "N° du document", "Valable jusqu'au"),
    "w3": ("NOM", "ÉPOUSE / USAGE", "PRÉNOMS", "DATE DE NAISSANCE", "NUMÉRO", "DATE D'EXPIRATION"),
}
PASSPORT_HEAD = {"FR": "RÉPUBLIQUE FRANÇAISE — PASSEPORT / PASSPORT", "PT": "REPÚBLICA PORTUGUESA — PASSAPORTE",
                 "ES": "REINO DE ESPAÑA — PASAPORTE", "IT": "REPUBBLICA ITALIANA — PASSAPORTO",
                 "BE": "ROYAUME DE BELGIQUE — PASSEPORT", "RO": "ROMÂNIA — PAȘAPORT",
                 "MA": "ROYAUME DU MAROC — PASSEPORT", "DZ": "RÉPUBLIQUE ALGÉRIENNE — PASSEPORT",
                 "TN": "RÉPUBLIQUE TUNISIENNE — PASSEPORT", "SN": "RÉPUBLIQUE DU SÉNÉGAL — PASSEPORT",
                 "VN": "VIET NAM — PASSPORT / PASSEPORT"}


def document_number(card: str, issue: date, rng: random.Random) -> tuple[str, str]:
    """(number, admin code): the 1988 card's number starts with YYMM of issue."""
    digits = "0123456789"
    if card == "cni1988":
        dept = rng.choice(["31", "81", "82", "46", "65", "32", "12", "09", "33", "75"])
        office = str(rng.randint(0, 9))
        number = f"{issue:%y%m}{dept}{office}{''.join(rng.choices(digits, k=5))}"
        return number, f"{dept}{office}{rng.randint(1, 999):03d}"
    if card == "passport":
        letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
        return f"{issue:%y}{''.join(rng.choices(letters, k=2))}{''.join(rng.choices(digits, k=5))}", ""
    alnum = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    return "".join(rng.choices(alnum, k=9)), ""


def zone(card: str, p: Person, number: str, admin: str, expiry: date, nat3: str) -> list[str]:
    firsts = list(p.first_names)
    if card == "cni1988":
        return mrz.cni1988(p.last_name, firsts, number, admin, p.birth_date, p.sex)
    if card == "passport":
        return mrz.td3(nat3, number, p.birth_date, p.sex, expiry, nat3, p.last_name, firsts)
    code = "ID" if card == "cni2021" else "IR"
    return mrz.td1(code, "FRA", number, p.birth_date, p.sex, expiry, nat3 if code == "IR" else "FRA",
                   p.last_name, firsts)


def build(sheet: Sheet, spec: DocSpec) -> Built:
    rng, p, d = random.Random(spec.seed), spec.person, spec.data
    card, issue, expiry = d["card"], d["issue"], d["expiry"]
    wording = rng.choice(sorted(LABELS))
    presentation = d.get("presentation") or rng.choice(["page", "page", "twopages"])
    number, admin = document_number(card, issue, rng)
    nat3 = ALPHA3.get(p.nationality, "FRA")
    mrz_person, mrz_number, mrz_expiry = p, number, expiry
    fault = d.get("mrz_fault")
    if fault == "number":
        mrz_number = number[:-2] + str((int(number[-2]) + 1) % 10) + number[-1] if number[-2].isdigit() \
            else number[:-1] + ("7" if number[-1] != "7" else "3")
    elif fault == "birth":
        mrz_person = p.with_(birth_date=p.birth_date.replace(day=p.birth_date.day % 27 + 1))
    lines = zone(card, mrz_person, mrz_number, admin, mrz_expiry, nat3)
    if fault == "check":
        lines = mrz.corrupt_check(lines, rng.randrange(3))
    nv = name_view(p, rng, firsts="all", last_case=rng.choice(["upper", "upper_ascii"]),
                   usage="both" if p.usage_name and card.startswith("cni") else "birth_only",
                   first_case=rng.choice(["title", "upper"]))
    sides = d.get("sides", "both")
    style = random_style(rng)
    style.margin = 15
    first = sheet.begin(style)
    scale = rng.uniform(1.6, 1.95) if card != "passport" else rng.uniform(1.45, 1.6)
    x0, y0 = rng.uniform(15, 210 - 15 - 85.6 * scale), rng.uniform(15, 30)
    fields: dict = {}
    labels = LABELS[wording]
    if sides in ("both", "recto"):
        fields.update(_recto(sheet, card, nv, p, labels, number, issue, expiry, lines, rng, x0, y0, scale, style))
    if sides in ("both", "verso"):
        if sides == "both":
            if presentation == "twopages":
                sheet.new_page()
                y0 = rng.uniform(15, 40)
            else:
                y0 += 54 * scale + rng.uniform(8, 20)
        fields.update(_verso(sheet, card, p, labels, issue, expiry, lines, rng, x0, y0, scale))
    if any(k in fields for k in ("mrz_valid",)):
        fields["mrz_valid"] = mrz.verify(lines)
    if sides == "verso" and "mrz_valid" in fields and fault is None:
        # A verso alone still carries, in its zone, the values its check digits cover, and the names.
        fields |= {"document_number": mrz_number, "birth_date": p.birth_date.isoformat(),
                   "expiry_date": mrz_expiry.isoformat(), "last_name": p.last_name,
                   "first_names": list(p.first_names)}
    subtype = "cni" if card.startswith("cni") else card
    layout = f"{card}_{presentation if sides == 'both' else sides}"
    hidden = {"mrz": lines, "card": card, "number": number, "birth_date": p.birth_date.isoformat()}
    return Built(list(range(first, sheet.page + 1)), layout, wording, subtype, fields, hidden)


def _card(sheet: Sheet, card: str, x: float, y: float, s: float) -> None:
    pdf = sheet.pdf
    pdf.set_fill_color(*TINTS[card])
    pdf.set_draw_color(90, 90, 90)
    pdf.rect(x, y, 85.6 * s, 54 * s, "DF", round_corners=True, corner_radius=3 * s)
    pdf.set_draw_color(0, 0, 0)


def _text(sheet: Sheet, x: float, y: float, text: str, size: float, style: str = "", family: str | None = None,
          w: float = 0) -> None:
    sheet.font(family, style, size)
    sheet.pdf.set_xy(x, y)
    sheet.pdf.cell(w, size * 0.42, text)


def _mrz(sheet: Sheet, lines: list[str], x: float, bottom: float, width: float, rng: random.Random) -> None:
    """The zone in a monospaced face, sized to fill `width`, its last line ending at `bottom`."""
    family = rng.choice(["Mono", "LiberationMono"])
    size = width / (len(lines[0]) * 0.602 * 0.3528) * 0.97
    y = bottom - len(lines) * size * 0.45
    for i, line in enumerate(lines):
        _text(sheet, x, y + i * size * 0.45, line, size, family=family)


def _recto(sheet, card, nv, p, labels, number, issue, expiry, lines, rng, x, y, s, style) -> dict:
    _card(sheet, card, x, y, s)
    fam, lab, val = style.family, 4.2 * s, 5.6 * s
    head = {"cni1988": "RÉPUBLIQUE FRANÇAISE   CARTE NATIONALE D'IDENTITÉ",
            "cni2021": "RÉPUBLIQUE FRANÇAISE   CARTE NATIONALE D'IDENTITÉ / IDENTITY CARD",
            "residence_permit": "RÉPUBLIQUE FRANÇAISE   TITRE DE SÉJOUR",
            "passport": PASSPORT_HEAD.get(p.nationality, "PASSEPORT / PASSPORT")}[card]
    _text(sheet, x + 3 * s, y + 2.5 * s, head, 4.2 * s, "B", fam)
    sheet.pdf.set_fill_color(200, 200, 200)
    sheet.pdf.rect(x + 3 * s, y + 9 * s, 22 * s, 28 * s, "F")
    sheet.pdf.set_fill_color(160, 160, 160)
    sheet.pdf.ellipse(x + 8 * s, y + 13 * s, 12 * s, 14 * s, "F")
    date_style = {"cni1988": "dot", "cni2021": "compact", "residence_permit": "slash", "passport": "passport"}[card]
    if card == "passport" and p.nationality != "FR":
        date_style = rng.choice(["passport", "dot", "compact"])
    rows = [(labels[0], nv.last)]
    if nv.usage:
        rows.append((labels[1], nv.usage if card == "cni2021" else f"ép. {nv.usage}"))
    rows.append((labels[2], ", ".join(nv.firsts) if rng.random() < 0.6 else " ".join(nv.firsts)))
    rows.append((labels[3], fmt_date(p.birth_date, date_style)))
    fields = nv.fields()
    fields["birth_date"] = p.birth_date.isoformat()
    if card == "residence_permit":
        rows.append(("NATIONALITÉ", upper(COUNTRY_FR.get(p.nationality, p.nationality))))
        rows.append(("TYPE", rng.choice(["CARTE DE SÉJOUR TEMPORAIRE - ÉTUDIANT", "CARTE DE RÉSIDENT",
                                          "CARTE DE SÉJOUR PLURIANNUELLE"])))
    if card != "cni1988":
        rows.append((labels[4], number))
        rows.append((labels[5], fmt_date(expiry, date_style)))
        fields["document_number"] = number
        fields["expiry_date"] = expiry.isoformat()
    else:
        _text(sheet, x + 30 * s, y + 6.5 * s, f"N° : {number}", 3.6 * s, "B", fam)
        fields["document_number"] = number
    ty = y + (10 if card == "cni1988" else 8) * s
    for label, value in rows:
        _text(sheet, x + 28 * s, ty, label, lab * 0.85, "", fam)
        _text(sheet, x + 28 * s, ty + 2.6 * s, value, val * 0.85, "B", fam)
        ty += 6.2 * s if card != "passport" else 5.6 * s
    if card in ("cni1988", "passport"):
        _mrz(sheet, lines, x + 2 * s, y + 52 * s, 81.6 * s, rng)
        fields["mrz_valid"] = None
    sheet.pdf.set_y(y + 54 * s + 4)
    return fields


def _verso(sheet, card, p, labels, issue, expiry, lines, rng, x, y, s) -> dict:
    if card == "passport":
        return {}
    _card(sheet, card, x, y, s)
    fam = sheet.style.family
    rows = [("Adresse", f"{p.street}"), ("", f"{p.postal_code} {upper(p.city)}")]
    fields: dict = {}
    if card == "cni1988":
        rows += [("Carte valable jusqu'au", fmt_date(expiry, "dot")), ("délivrée le", fmt_date(issue, "dot")),
                 ("par", rng.choice(["PRÉFECTURE DE LA HAUTE-GARONNE (31)", "SOUS-PRÉFECTURE DE CASTRES (81)",
                                     "PRÉFECTURE DU TARN-ET-GARONNE (82)"]))]
        fields["expiry_date"] = expiry.isoformat()
    else:
        rows += [("DATE DE DÉLIVRANCE / Date of issue", fmt_date(issue, "compact"))]
    ty = y + 4 * s
    for label, value in rows:
        if label:
            _text(sheet, x + 4 * s, ty, label, 3.8 * s, "", fam)
            ty += 2.8 * s
        _text(sheet, x + 4 * s, ty, value, 4.8 * s, "B", fam)
        ty += 4.4 * s
    if card == "cni1988":
        sheet.scribble(x + 50 * s, y + 30 * s, 28 * s, 12 * s, rng)
    else:
        _mrz(sheet, lines, x + 2 * s, y + 52 * s, 81.6 * s, rng)
        fields["mrz_valid"] = None
    sheet.pdf.set_y(y + 54 * s + 4)
    return fields
