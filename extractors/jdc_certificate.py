"""Certificat individuel de participation à la journée défense et citoyenneté (JDC/JAPD)."""

from __future__ import annotations

import re

from extractors.common import BIRTH_LABEL, Collector, column_date, date_after, labelled_date
from extractors.person import find_person
from extractors.registry import ImageOf
from justif.domain import Extraction, Page

DOC_TYPE = "jdc_certificate"
FIELDS = ("last_name", "first_names", "birth_date", "participation_date")
PARTICIPATION_LABEL = (r"date\s+de\s+(?:la\s+)?(?:participation|session|journ[ée]e|JDC|JAPD)|participation|"
                       r"particip[ée]e?\s+le|date\s+de\s+r[ée]alisation|journ[ée]e\s+accomplie(?:\s+le)?")
PARTICIPATION_SENTENCE = (r"a\s+particip[ée]|avoir\s+particip[ée]|a\s+accompli|a\s+effectu[ée]|"
                          r"journ[ée]e\s+d[ée]fense\s+et\s+citoyennet[ée]|appel\s+de\s+pr[ée]paration|\bJDC\b|\bJAPD\b")


BIRTH_COLUMN, PARTICIPATION_COLUMN = r"naissance|n[ée]\(?e?\)?", r"JDC|JAPD|participation|session"
# An attestation of exemption ('exemption de participation à la JDC') names no participation.
EXEMPTED = re.compile(r"exempt", re.IGNORECASE)



def extract(pages: list[Page], image_of: ImageOf = None) -> Extraction:
    out = Collector(FIELDS)
    find_person(pages, out)
    birth = column_date(pages, BIRTH_COLUMN) or labelled_date(pages, BIRTH_LABEL)
    out.put("birth_date", birth)
    out.put("participation_date", column_date(pages, PARTICIPATION_COLUMN))  # before a label: its title row
    out.put("participation_date", labelled_date(pages, PARTICIPATION_LABEL))
    avoid = (birth.value,) if birth else ()
    if not any(EXEMPTED.search(page.text) for page in pages):  # an exemption's later date is its signing
        out.put("participation_date", date_after(pages, PARTICIPATION_SENTENCE, avoid=avoid))
    return out.result()
