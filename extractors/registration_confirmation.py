"""Confirmation d'inscription: candidate number, birth date, and whether it was signed."""

from __future__ import annotations

from extractors.common import BIRTH_LABEL, NUMERO, Collector, labelled_date, labelled_text
from extractors.person import find_person
from extractors.registry import ImageOf
from justif.domain import Evidence, Extraction, Page

DOC_TYPE = "registration_confirmation"
FIELDS = ("last_name", "first_names", "birth_date", "candidate_number", "signed")
CANDIDATE_LABEL = (rf"{NUMERO}\s*(?:de\s+)?candidat|num[ée]ro\s+(?:de\s+)?candidat|"
                   rf"{NUMERO}\s*d['’]\s?inscription|"
                   r"num[ée]ro\s+d['’]\s?inscription|identifiant\s+candidat")
CANDIDATE_VALUE = r"\b(?=[A-Z0-9]*\d)[A-Z0-9]{5,20}\b"


def _signature(pages: list[Page], image_of: ImageOf, out: Collector) -> None:
    """Signed when any page carries a signature; unknown (None) without images or when undecided."""
    if image_of is None:
        return
    from justif.signature import is_signed  # OpenCV: loaded only when a page is looked at, not on re-runs

    verdicts = []
    for page in reversed(pages):  # the signature block is at the end of the form
        signed, confidence, box = is_signed(image_of(page.number), page.words, page)
        if signed:
            out.set("signed", True, confidence, Evidence(page=page.number, box=box))
            return
        verdicts.append((signed, confidence, page.number, box))
    if all(v[0] is False for v in verdicts):
        _, confidence, number, box = verdicts[0]
        out.set("signed", False, confidence, Evidence(page=number, box=box))


def extract(pages: list[Page], image_of: ImageOf = None) -> Extraction:
    out = Collector(FIELDS)
    find_person(pages, out)
    out.put("birth_date", labelled_date(pages, BIRTH_LABEL))
    out.put("candidate_number", labelled_text(pages, CANDIDATE_LABEL, value=CANDIDATE_VALUE))
    _signature(pages, image_of, out)
    return out.result()
