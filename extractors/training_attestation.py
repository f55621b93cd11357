"""Attestation de suivi de la préparation au BTS: hours followed and the training organisation."""

from __future__ import annotations

import re

from extractors.common import Collector, Hit, body_heading, clean_text, flat, labelled_or_heading
from extractors.person import find_person
from extractors.registry import ImageOf
from justif.domain import Extraction, Page

DOC_TYPE = "training_attestation"
FIELDS = ("last_name", "first_names", "hours", "organisation")
# "1 350 heures", "1350 h", "1.350 H" — thousands may be split by a space, a dot or a narrow space.
HOURS = re.compile(r"(?<![\d,.])(?P<value>\d{1,2}(?:[  .]\d{3})|\d{1,4})\s*(?:heures?|hrs?|"
                   r"h)(?:\s?00)?\b", re.IGNORECASE)
HOURS_CONTEXT = re.compile(r"dur[ée]e|volume|total|heures|formation|pr[ée]paration|suivi", re.IGNORECASE)
# Characters after an hour count where its context may be named: '(1 100 h de formation)' needs 14
# (10 cut 'formation' short, build/holdout2 B0031).
CONTEXT_AFTER = 30
ORGANISATION_LABEL = (r"organisme(?:\s+de\s+formation)?|centre\s+de\s+formation|"
                      r"[ée]tablissement(?:\s+de\s+formation)?|"
                      r"nom\s+de\s+l['’]\s?organisme|raison\s+sociale")
ORGANISATION_LINE = body_heading(r"\bCNED\b|\bcentre\s+national\s+d['’]\s?enseignement|\binstitut\s+\S|"
                                 r"\b[ée]cole\s+\S|\bCFA\b|\bGRETA\b|\bAFPA\b|\blyc[ée]e\s+\S")
STOP = re.compile(r"\s{2,}|\s(?:adresse|t[ée]l|SIRET|NDA)\b", re.IGNORECASE)


def _hours(pages: list[Page]) -> Hit | None:
    """The largest hour count in a sentence about the training (a timetable's '3 h' is not the total)."""
    best: Hit | None = None
    for page in pages:
        text = flat(page)
        for m in HOURS.finditer(text):
            if not HOURS_CONTEXT.search(text[max(0, m.start() - 80) : m.end() + CONTEXT_AFTER]):
                continue
            value = int(re.sub(r"\D", "", m.group("value")))
            if best is None or value > best.value:
                best = Hit(value, page, m.start(), m.end(), 0.8)
    return best


def extract(pages: list[Page], image_of: ImageOf = None) -> Extraction:
    out = Collector(FIELDS)
    find_person(pages, out)
    out.put("hours", _hours(pages))
    hit = labelled_or_heading(pages, ORGANISATION_LABEL, STOP, ORGANISATION_LINE)
    if hit:
        out.put("organisation", hit, clean_text(hit.value))
    return out.result()
