"""Attestation de stage: who, where, from when to when."""

from __future__ import annotations

import re

from extractors.common import (
    FLAGS,
    Collector,
    Hit,
    clean_text,
    column_date,
    dated_row,
    labelled_date,
    labelled_text,
    letterhead,
    pattern,
    period,
)
from extractors.person import find_person
from extractors.registry import ImageOf
from justif.domain import Extraction, Page

DOC_TYPE = "internship_attestation"
FIELDS = ("last_name", "first_names", "company", "start_date", "end_date")
COMPANY_LABEL = (r"nom\s+ou\s+(?:d[ée]nomination|raison)(?:\s+sociale)?|"
                 r"(?:nom\s+de\s+l['’]\s?)?(?:entreprise|organisme|structure|"
                 r"[ée]tablissement)\s+d['’]\s?accueil|"
                 r"nom\s+de\s+l['’]\s?entreprise|raison\s+sociale|d[ée]nomination|entreprise|soci[ée]t[ée]|employeur")
COMPANY_SENTENCE = re.compile(
    r"(?:au\s+sein\s+(?:de\s+(?:la\s+soci[ée]t[ée]|l['’]\s?entreprise|l['’]\s?association)?|du|des)|"
    r"dans\s+(?:l['’]\s?entreprise|la\s+soci[ée]t[ée]|notre\s+(?:entreprise|soci[ée]t[ée]))|chez)\s*"
    r"(?P<value>[^\s,;(][^,;(\n]{1,60}?)(?=\s*[,;(]|\s+(?:du|depuis|pour|situ[ée]e?|sise?|en\s+qualit|"
    r"dont|à|a\s|sur|durant|pendant)\b|\s*\.\s)", FLAGS)
# 'notre entreprise', 'nos services': the company is the one whose letterhead the paper bears.
OURS = re.compile(r"^(?:notre|nos|cette|la\s+pr[ée]sente|l['’]\s?entreprise|la\s+soci[ée]t[ée])\b|^(?-i:[a-z])",
                  re.IGNORECASE)
SUBJECT_COMPANY = re.compile(r"(?:^|[.:]\s+)(?:la\s+soci[ée]t[ée]|l['’]\s?entreprise|l['’]\s?association|"
                             r"l['’]\s?[ée]tablissement)\s+(?P<value>[^\s,;(][^,;(\n]{1,60}?)\s+"
                             r"(?:atteste|certifie|d[ée]clare)", FLAGS)
START_COLUMN, END_COLUMN = r"du|d[ée]but|entr[ée]e|arriv[ée]e", r"au|fin|sortie|d[ée]part"
START_LABEL = r"date\s+de\s+d[ée]but(?:\s+du\s+stage)?|d[ée]but\s+du\s+stage|d[ée]but\s+de\s+la\s+p[ée]riode"
END_LABEL = r"date\s+de\s+fin(?:\s+du\s+stage)?|fin\s+du\s+stage|fin\s+de\s+la\s+p[ée]riode"
STOP = re.compile(r"\s{2,}|\s(?:SIRET|adresse|t[ée]l)", re.IGNORECASE)


# The company's label alone on its line, its value not beside or below it: a form OCRed column by column.
BARE_COMPANY_LABEL = re.compile(rf"^[ \t|]*(?:{COMPANY_LABEL})[ \t]*:?[ \t]*$", re.IGNORECASE | re.MULTILINE)


def _company(pages: list[Page]) -> Hit | None:
    """The labelled company; else, on a page without that label, a sentence naming it or the letterhead.
    A form whose label stands alone (its column of values read after its column of labels) is left to
    the pass over the words re-ordered by rows: the sentence patterns would read its own labels ('Au
    sein de' over 'DURÉE DU STAGE' gave 'DURÉE')."""
    labelled = labelled_text(pages, COMPANY_LABEL, STOP)
    if labelled and clean_text(labelled.value):
        return labelled
    if any(BARE_COMPANY_LABEL.search(page.text) for page in pages):
        return None
    for rx in (SUBJECT_COMPANY, COMPANY_SENTENCE):
        hit = pattern(pages, rx)
        if hit and clean_text(hit.value) and not OURS.search(hit.value):
            return hit
    return letterhead(pages)


def _dates(pages: list[Page], out: Collector) -> None:
    """Labelled start and end; a 'du … au …' period when the labels give one date for both."""
    start, end = labelled_date(pages, START_LABEL), labelled_date(pages, END_LABEL)
    span = period(pages)
    if span and (start is None or end is None or end.value <= start.value):
        start, end = span
    out.put("start_date", start)
    out.put("end_date", end)
    out.put("start_date", column_date(pages, START_COLUMN))
    out.put("end_date", column_date(pages, END_COLUMN))
    if not (out.has("start_date") and out.has("end_date")) and (row := dated_row(pages)) is not None:
        out.put("start_date", row[1])
        out.put("end_date", row[2])


def extract(pages: list[Page], image_of: ImageOf = None) -> Extraction:
    out = Collector(FIELDS)
    find_person(pages, out)
    company = _company(pages)
    if company:
        out.put("company", company, clean_text(company.value))
    _dates(pages, out)
    return out.result()
