"""Certificat de scolarité: the school year and the establishment."""

from __future__ import annotations

import re

from extractors.common import Collector, Hit, body_heading, clean_text, labelled_or_heading
from extractors.person import find_person
from extractors.registry import ImageOf
from justif.domain import Extraction, Page

DOC_TYPE = "school_certificate"
FIELDS = ("last_name", "first_names", "school_year", "establishment")
# '2020-2021', or '2020-21' (build/holdout6 B0005)
YEAR = re.compile(r"(?P<value>(?P<y1>(?:19|20)\d\d)\s*[-/–]\s*(?P<y2>(?:19|20)\d\d|\d\d)(?!\d))")
ESTABLISHMENT_LABEL = (r"[ée]tablissement(?:\s+d['’]\s?(?:enseignement|inscription))?|"
                       r"nom\s+de\s+l['’]\s?[ée]tablissement|"
                       # 'École' is a label only before a colon: 'École Supérieure Privée de Commerce à
                       # Distance' heading a letter lost its first word to it (build/holdout6 B0003)
                       r"centre\s+de\s+formation|[ée]cole(?=\s*:)|organisme")
# Letterheads name the school: CNED, a lycée, an institute.
ESTABLISHMENT_LINE = body_heading(r"\bCNED\b|\bcentre\s+national\s+d['’]\s?enseignement|\blyc[ée]e\s+\S|"
                                  r"\bcoll[èe]ge\s+\S|\binstitut\s+\S|\b[ée]cole\s+\S|\buniversit[ée]\s+\S|\bCFA\b")
STOP = re.compile(r"\s{2,}|\s(?:adresse|t[ée]l|UAI|RNE)\b", re.IGNORECASE)


def _school_year(pages: list[Page]) -> Hit | None:
    for page in pages:
        for m in YEAR.finditer(page.text):
            first, second = int(m.group("y1")), m.group("y2")
            if int(second) in (first + 1, (first + 1) % 100):
                return Hit(f"{first}-{first + 1}", page, m.start(), m.end(), 1.0)
    return None


def extract(pages: list[Page], image_of: ImageOf = None) -> Extraction:
    out = Collector(FIELDS)
    find_person(pages, out)
    out.put("school_year", _school_year(pages))
    hit = labelled_or_heading(pages, ESTABLISHMENT_LABEL, STOP, ESTABLISHMENT_LINE)
    if hit:
        out.put("establishment", hit, clean_text(hit.value))
    return out.result()
