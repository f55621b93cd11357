"""Attestation de stage: who, where, from when to when."""

from __future__ import annotations

import re

from extractors.common import FLAGS, Collector, clean_text, labelled_date, labelled_text, pattern, period
from extractors.person import find_person
from extractors.registry import ImageOf
from justif.domain import Extraction, Page

DOC_TYPE = "internship_attestation"
FIELDS = ("last_name", "first_names", "company", "start_date", "end_date")
COMPANY_LABEL = (r"(?:nom\s+de\s+l['’]\s?)?(?:entreprise|organisme|structure|"
                 r"[ée]tablissement)\s+d['’]\s?accueil|"
                 r"nom\s+de\s+l['’]\s?entreprise|raison\s+sociale|d[ée]nomination|entreprise|soci[ée]t[ée]|employeur")
COMPANY_SENTENCE = re.compile(
    r"(?:au\s+sein\s+(?:de\s+(?:la\s+soci[ée]t[ée]|l['’]\s?entreprise|l['’]\s?association)?|du|des)|"
    r"dans\s+(?:l['’]\s?entreprise|la\s+soci[ée]t[ée]|notre\s+(?:entreprise|soci[ée]t[ée]))|chez)\s*"
    r"(?P<value>[^\s,;(][^,;(\n]{1,60}?)(?=\s*[,;(]|\s+(?:du|depuis|pour|situ[ée]e?|sise?|en\s+qualit|"
    r"dont|à|a\s|sur|durant|pendant)\b|\s*\.\s)", FLAGS)
START_LABEL = r"date\s+de\s+d[ée]but(?:\s+du\s+stage)?|d[ée]but\s+du\s+stage|d[ée]but\s+de\s+la\s+p[ée]riode"
END_LABEL = r"date\s+de\s+fin(?:\s+du\s+stage)?|fin\s+du\s+stage|fin\s+de\s+la\s+p[ée]riode"
STOP = re.compile(r"\s{2,}|\s(?:SIRET|adresse|t[ée]l)", re.IGNORECASE)


def extract(pages: list[Page], image_of: ImageOf = None) -> Extraction:
    out = Collector(FIELDS)
    find_person(pages, out)
    company = labelled_text(pages, COMPANY_LABEL, STOP) or pattern(pages, COMPANY_SENTENCE)
    if company:
        out.put("company", company, clean_text(company.value))
    out.put("start_date", labelled_date(pages, START_LABEL))
    out.put("end_date", labelled_date(pages, END_LABEL))
    span = period(pages)
    if span and not out.has("start_date") and not out.has("end_date"):
        out.put("start_date", span[0])
        out.put("end_date", span[1])
    return out.result()
