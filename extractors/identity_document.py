"""Identity card, passport or residence permit: printed fields checked against the machine-readable zone."""

from __future__ import annotations

import re

from extractors.common import BIRTH_LABEL, FLAGS, Collector, labelled_date, labelled_text
from extractors.person import find_person
from extractors.registry import ImageOf
from justif.domain import Evidence, Extraction, Page
from justif.mrz import MrzResult, find_mrz_lines, parse_mrz

DOC_TYPE = "identity_document"
FIELDS = ("last_name", "first_names", "birth_date", "document_number", "expiry_date", "mrz_valid")
NUMBER_LABEL = (r"n[°o º]\s*(?:du\s+)?document|document\s+n[°o º]|"
                r"n[°o º]\s*(?:de\s+(?:la\s+)?)?carte|carte\s+n[°o º]|"
                r"n[°o º]\s*(?:du\s+)?passeport|passeport\s+n[°o º]|passport\s+no\.?|"
                 r"n[°o º]\s*(?:du\s+)?titre|"
                r"document\s+no\.?|card\s+no\.?")
NUMBER_VALUE = r"\b(?=[A-Z0-9]*\d)[A-Z0-9]{6,14}\b"
EXPIRY_LABEL = (r"date\s+d['’]\s?expir(?:ation|\.)?|expiry\s+date|date\s+of\s+expiry|"
                r"(?:carte\s+)?valable\s+jusqu['’]\s?au|"
                r"valid\s+until|fin\s+de\s+validit[ée]|expire\s+le")
SEX_LABEL = r"sexe(?:\s*/\s*sex)?"
SUBTYPES = (
    ("passport", re.compile(r"passeport|passport", FLAGS)),
    ("residence_permit", re.compile(r"titre\s+de\s+s[ée]jour|residence\s+permit|"
                                    r"carte\s+de\s+r[ée]sident", FLAGS)),
    ("cni", re.compile(r"carte\s+(?:nationale\s+)?d['’]\s?[il1|]dentit[ée]|identity\s+card", FLAGS)),
)
MRZ_SUBTYPES = {"P": "passport", "IR": "residence_permit", "TS": "residence_permit", "RP": "residence_permit"}


def _mrz(pages: list[Page]) -> tuple[MrzResult | None, Page | None, list[str]]:
    for page in pages:
        lines = page.mrz_lines or find_mrz_lines(page.text)
        result = parse_mrz(lines) if lines else None
        if result is not None:
            return result, page, lines
    return None, None, []


def _subtype(pages: list[Page], mrz: MrzResult | None) -> str | None:
    if mrz is not None:
        code = mrz.document_type
        return MRZ_SUBTYPES.get(code) or MRZ_SUBTYPES.get(code[:1]) or ("cni" if code[:1] in "IC" else None)
    text = "\n".join(p.text for p in pages)
    return next((name for name, rx in SUBTYPES if rx.search(text)), None)


def _printed(pages: list[Page], out: Collector) -> None:
    find_person(pages, out)
    out.put("birth_date", labelled_date(pages, BIRTH_LABEL))
    number = labelled_text(pages, NUMBER_LABEL, value=NUMBER_VALUE)
    out.put("document_number", number, number.value.upper() if number else None)
    out.put("expiry_date", labelled_date(pages, EXPIRY_LABEL))
    sex = labelled_text(pages, SEX_LABEL, value=r"\b[MFX]\b")
    out.put("sex", sex, sex.value.upper() if sex else None)


def _contradictions(out: Collector, mrz: MrzResult) -> list[str]:
    """Printed values the zone disagrees with (a field the zone does not carry is not compared)."""
    zone = {"document_number": mrz.document_number, "sex": mrz.sex,
            "birth_date": mrz.birth_date and mrz.birth_date.isoformat(),
            "expiry_date": mrz.expiry_date and mrz.expiry_date.isoformat()}
    return [f"{name}_mismatch" for name, value in zone.items()
            if value and out.fields.get(name) and str(out.fields[name]).replace(" ", "") != value]


def _fill_from_mrz(out: Collector, mrz: MrzResult, evidence: Evidence) -> None:
    """What the print did not give, the zone gives when its check digit vouches for it."""
    checked = {"document_number": mrz.document_number, "birth_date": mrz.birth_date,
               "expiry_date": mrz.expiry_date}
    for name, value in checked.items():
        if name not in mrz.failed:
            out.set(name, value, 0.9, evidence)
    out.set("sex", mrz.sex, 0.8, evidence)
    out.set("last_name", mrz.surname or None, 0.7, evidence)
    out.set("first_names", mrz.given_names or None, 0.7, evidence)


def extract(pages: list[Page], image_of: ImageOf = None) -> Extraction:
    out = Collector(FIELDS)
    _printed(pages, out)
    mrz, page, lines = _mrz(pages)
    if mrz is not None and page is not None:
        errors = list(mrz.failed) + _contradictions(out, mrz)
        evidence = Evidence(page=page.number, box=None, text="\n".join(lines))
        out.set("mrz_valid", not errors, 0.95 if not errors else 0.8, evidence)
        out.set("mrz_errors", errors, 0.9, evidence)
        _fill_from_mrz(out, mrz, evidence)
        if mrz.issue_month is not None:  # 1988 card: validity derives from the issue month (contract §4)
            out.set("issue_month", mrz.issue_month.strftime("%Y-%m"), 0.9, evidence)
    return out.result(_subtype(pages, mrz))
