"""Contrat d'apprentissage or de professionnalisation: employer and the contract's period."""

from __future__ import annotations

import re

from extractors.common import Collector, blanked, clean_text, labelled_date, labelled_text, pattern, period
from extractors.person import find_person
from extractors.registry import ImageOf
from justif.domain import Extraction, Page

DOC_TYPE = "training_contract"
FIELDS = ("last_name", "first_names", "employer", "start_date", "end_date")
SUBTYPES = (("apprenticeship", re.compile(r"apprenti", re.IGNORECASE)),
            ("professionalisation", re.compile(r"professionnalisation", re.IGNORECASE)))
EMPLOYER_LABEL = (r"nom\s+et\s+pr[ée]nom\s+ou\s+d[ée]nomination(?:\s+de\s+l['’]\s?employeur)?|"
                  r"nom\s+ou\s+(?:raison|d[ée]nomination)(?:\s+sociale)?(?:\s+de\s+l['’]\s?employeur)?|"
                  r"d[ée]nomination(?:\s+sociale)?(?:\s+de\s+l['’]\s?employeur)?|raison\s+sociale|employeur|entreprise")
# The candidate's section heading: names are read from there on, not from the employer's block.
LEARNER_SECTION = re.compile(r"^[ \t|]*(?:l['’]\s?|le\s+|la\s+|\(la\)\s+|le\s+\(la\)\s+)?"
                             r"(?:apprenti|salari[ée]|alternant)(?:\s*\(\s*e\s*\))?[ \t:]*$",
                             re.IGNORECASE | re.MULTILINE)
START_LABEL = (r"date\s+de\s+d[ée]but\s+d['’]\s?ex[ée]cution(?:\s+du\s+contrat)?|"
               r"date\s+de\s+conclusion\s*/\s*d[ée]but|"
               r"date\s+de\s+d[ée]but(?:\s+du\s+contrat)?|"
               r"d[ée]but\s+du\s+contrat|prend\s+ef[ft]et\s+le|date\s+d['’]\s?ef[ft]et")  # 'eftet' on a photo
# The cerfa's own wording: 'Date de fin du contrat ou de la période d'apprentissage'.
END_LABEL = (r"(?:date\s+de\s+)?fin\s+du\s+contrat\s+ou\s+de\s+la\s+p[ée]riode\s+d['’]\s?apprentissage|"
             r"date\s+de\s+fin(?:\s+du\s+contrat)?|fin\s+du\s+contrat|termine\s+le|"
             r"date\s+d['’]\s?[ée]ch[ée]ance")
STOP = re.compile(r"\s{2,}|\s(?:SIRET|adresse|t[ée]l|n°)", re.IGNORECASE)
# A contract written as a letter names the employer as its first party: 'Entre Lambert et Fils SAS,
# représentée par …, ci-après l'employeur, et …'.
FIRST_PARTY = re.compile(r"\bentre\s+(?:la\s+soci[ée]t[ée]\s+|l['’]\s?entreprise\s+)?(?P<value>[^,;\n]{3,80}?)\s*,?\s+"
                         r"(?:repr[ée]sent[ée]e?\s+par|ci-apr[èe]s\s+(?:d[ée]nomm[ée]e?\s+)?[«\"]?\s*l['’]\s?employeur)",
                         re.IGNORECASE)


# The form's reference, printed beside its title ('cerfa N°10103*10 * FA13'): on a photo, OCR may set
# it between 'Nom ou raison sociale' and the employer's name.
FORM_REFERENCE = re.compile(r"^[ \t|]*(?:cerfa\b.*|[A-Z]{2}\d{2}[ \t*]*)$", re.IGNORECASE | re.MULTILINE)


def _subtype(pages: list[Page]) -> str | None:
    text = "\n".join(p.text for p in pages)
    counts = {name: len(rx.findall(text)) for name, rx in SUBTYPES}
    if counts["professionalisation"] and counts["professionalisation"] >= counts["apprenticeship"] / 3:
        return "professionalisation"
    return "apprenticeship" if counts["apprenticeship"] else None


def _learner_pages(pages: list[Page]) -> list[Page]:
    """The pages cut to start at the learner's section, when the form has one."""
    for i, page in enumerate(pages):
        m = LEARNER_SECTION.search(page.text)
        if m:
            blank = re.sub(r"[^\n]", " ", page.text[: m.start()])  # keeps offsets and line numbers
            tail = page.model_copy(update={"text": blank + page.text[m.start():]})
            return [tail, *pages[i + 1:]]
    return pages


def extract(pages: list[Page], image_of: ImageOf = None) -> Extraction:
    out = Collector(FIELDS)
    find_person(_learner_pages(pages), out)
    employer = labelled_text(blanked(pages, FORM_REFERENCE), EMPLOYER_LABEL, STOP)
    if employer and clean_text(employer.value):
        out.put("employer", employer, clean_text(employer.value))
    party = pattern(pages, FIRST_PARTY)
    if party and clean_text(party.value):
        out.put("employer", party, clean_text(party.value))
    out.put("start_date", labelled_date(pages, START_LABEL))
    out.put("end_date", labelled_date(pages, END_LABEL))
    span = period(pages)
    if span and not out.has("start_date") and not out.has("end_date"):
        out.put("start_date", span[0])
        out.put("end_date", span[1])
    return out.result(_subtype(pages))
