"""Attestation de formation R408 (montage, vérification et utilisation des échafaudages de pied)."""

from __future__ import annotations

from extractors.common import BIRTH_LABEL, Collector, Hit, date_after, labelled_date, period
from extractors.person import find_person
from extractors.registry import ImageOf
from justif.domain import Extraction, Page

DOC_TYPE = "r408_attestation"
FIELDS = ("last_name", "first_names", "training_date")
TRAINING_LABEL = (r"date\s*\(?s?\)?\s+de\s+(?:la\s+)?formation|date\s+de\s+(?:fin\s+de\s+)?(?:la\s+)?session|"
                  r"formation\s+(?:r[ée]alis[ée]e|suivie|dispens[ée]e)\s+le|date\s+du\s+stage")
# A bare 'Date' opening a line, its value beside or under it ('Date  25 juillet 2019').
DATE_FIELD = r"^[ \t|]*date(?=[ \t]*[:.]?[ \t]*(?:\d|[l1i]er\b|$))"
TRAINING_SENTENCE = (r"a\s+suivi|a\s+particip[ée]|r[ée]alis[ée]e?\s+le|dispens[ée]e?\s+le|"
                     r"\bR\s?408\b|[ée]chafaudage")


def _training(pages: list[Page]) -> Hit | None:
    """A single date, or the last day of a 'du … au …' session: the attestation is of a completed course."""
    span = period(pages)
    labelled = labelled_date(pages, TRAINING_LABEL) or labelled_date(pages, DATE_FIELD)
    if span and (labelled is None or labelled.value == span[0].value):
        return span[1]
    birth = labelled_date(pages, BIRTH_LABEL)  # the trainee's birth date is no training date
    return labelled or date_after(pages, TRAINING_SENTENCE, window=200, avoid=(birth.value,) if birth else ())


def extract(pages: list[Page], image_of: ImageOf = None) -> Extraction:
    out = Collector(FIELDS)
    find_person(pages, out)
    out.put("training_date", _training(pages))
    return out.result()
