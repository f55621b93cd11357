"""Certificat de travail or employer's attestation: employer, position, period (possibly still running)."""

from __future__ import annotations

import re

from extractors.common import (
    FLAGS,
    Collector,
    Hit,
    clean_text,
    column_date,
    date_after,
    labelled_date,
    labelled_text,
    letterhead,
    pattern,
    period,
    table_cell,
)
from extractors.person import find_person, without_signatory
from extractors.registry import ImageOf
from justif.domain import Extraction, Page

DOC_TYPE = "employment_certificate"
FIELDS = ("last_name", "first_names", "employer", "position", "start_date", "end_date")
EMPLOYER_LABEL = (r"employeur|(?:nom\s+ou\s+)?raison\s+sociale|"
                  r"nom\s+ou\s+d[ée]nomination(?:\s+sociale)?|d[ée]nomination(?:\s+sociale)?|"
                  r"nom\s+de\s+l['’]\s?(?:entreprise|employeur)|"
                  r"entreprise|soci[ée]t[ée]")
EMPLOYER_SENTENCE = re.compile(
    r"(?:au\s+sein\s+(?:de\s+(?:la\s+soci[ée]t[ée]|l['’]\s?entreprise|l['’]\s?association|notre\s+\w+)?|du|des)|"
    r"(?:employ[ée]e?|salari[ée]e?|travaill[ée]e?)\s+(?:par|dans|chez|au\s+sein\s+de)\s+(?:la\s+soci[ée]t[ée]|"
    r"l['’]\s?entreprise)?|(?:g[ée]rant|directeur|directrice|DRH|responsable)\w*\s+(?:de\s+la\s+soci[ée]t[ée]|"
    r"de\s+l['’]\s?entreprise|de|du|des))\s*(?P<value>[^\s,;(][^,;(\n]{1,60}?)(?=\s*[,;(]|\s+(?:du|depuis|pour|"
    r"situ[ée]e?|sise?|en\s+qualit|dont|à|a\s|atteste|certifie|sur|durant|pendant|entre)\b|\s*\.\s)", FLAGS)
# Followed on its line by another column's title, the word heads a table column ('Emploi Entrée Sortie'
# as OCR cut a header row): its value is in the rows below, not the rest of its line.
_COLUMN_TITLE_NEXT = r"(?![ \t|]+(?:entr[ée]e|sortie|d[ée]but|fin|date|p[ée]riode)\b)"
POSITION_LABEL = (rf"(?:emploi(?:\s+occup[ée])?|poste(?:\s+occup[ée])?|fonctions?|qualification|"
                  rf"intitul[ée]\s+du\s+poste){_COLUMN_TITLE_NEXT}")
POSITION_SENTENCE = re.compile(
    r"(?:en\s+qualit[ée]\s+d['’]\s?|en\s+qualit[ée]\s+de|en\s+tant\s+que|au\s+poste\s+d['’]\s?|au\s+poste\s+de|"
    r"l['’]\s?emploi\s+de|les\s+fonctions\s+de|comme)\s*(?P<value>[^\s,;(](?:[^,;(\n]|\(\w{1,5}\)){1,60}?)"
    r"(?=\s*[,;]|\s*\((?!\w{1,5}\))|\s+(?:du|depuis|pour|à\s+temps|au\s+sein|dans|chez|entre|à\s+compter|jusqu)\b|\s*\.\s|\s*\.$)",
    FLAGS)
# 'Emploi occupé : technicien(ne)⏎d'études.' inside a paragraph: the label's line holds only the start of
# the post (build/holdout6 B0012, B0040). Up to the sentence's end, never across another label's colon.
POSITION_IN_TEXT = re.compile(r"emploi\s+occup[ée]\s*:\s*(?P<value>[^\s,;:.(](?:[^,;:.\n(]|\(\w{1,5}\)){1,60}?)"
                              r"(?=\.\s|\.$)", FLAGS)
START_LABEL = r"date\s+d['’]\s?entr[ée]e|date\s+d['’]\s?embauche|date\s+de\s+d[ée]but|entr[ée]e?[ \t]+le\b"
END_LABEL = r"date\s+de\s+sortie|date\s+de\s+fin(?:\s+de\s+contrat)?|sorti[e]?[ \t]+le\b"
START_SENTENCE = r"depuis\s+le|[àa]\s+compter\s+du|[àa]\s+partir\s+du|embauch[ée]e?\s+le|entr[ée]e?[ \t]+le\b"
ONGOING = re.compile(r"(?:au|jusqu['’]\s?[àa])\s+(?:ce\s+jour|aujourd['’]\s?hui)|[àa]\s+ce\s+jour|"
                     r"\ben\s+cours\b|toujours\s+(?:en\s+poste|employ|salari|pr[ée]sent)|"
                     r"fait\s+(?:toujours\s+)?partie\s+de\s+nos\s+effectifs|actuellement", FLAGS)
SENTENCE_END = re.compile(r"\.\s+(?=[A-ZÀ-Ý])")
ONGOING_FIELD = re.compile(rf"(?P<value>{ONGOING.pattern}|en\s+poste)", FLAGS)
STOP = re.compile(r"\s{2,}|\s(?:SIRET|adresse|t[ée]l|du\s+\d)", re.IGNORECASE)
# The signatory's own company, named in 'Je soussigné X, gérant de la société Y, certifie …'.
OF_COMPANY = re.compile(r"\bde\s+(?:la\s+soci[ée]t[ée]|l['’]\s?entreprise|l['’]\s?association|"
                        r"l['’]\s?[ée]tablissement)\s+"
                        r"(?P<value>[^\s,;(][^,;(\n]{1,60}?)(?=\s*[,;(]|\s+(?:atteste|certifie|d[ée]clare|situ|sise?)\b|"
                        r"\s*\.\s)", FLAGS)
# 'Le' opens a sentence ('Le salarié …'), not a name: 'Le Bihan et Fils SASU' is one.
OURS = re.compile(r"^(?:notre|nos|cette|la\s+pr[ée]sente|l['’]\s?entreprise|la\s+soci[ée]t[ée]|depuis|du|"
                  r"le(?!\s+(?-i:[A-ZÀ-Ý])))\b|"
                  r"^(?-i:[a-z])|\d", re.IGNORECASE)
START_COLUMN, END_COLUMN = r"du|d[ée]but|entr[ée]e|embauche", r"au|fin|sortie|d[ée]part"
POSITION_COLUMN = r"emploi|poste|fonctions?|qualification"


def _extends(longer: str, shorter: str) -> bool:
    """`longer` is `shorter` with more words after it (spaces, case and stray marks at the ends aside: a
    cell read '|technicien(ne) supérieur(e)', build/holdout3 B0025)."""
    a, b = ((clean_text(value) or "").casefold() for value in (longer, shorter))
    return len(a) > len(b) and a.startswith(b + " ")


def _text_field(out: Collector, name: str, hit: Hit | None) -> None:
    """A value up to the end of its sentence ('développeur. Madame X nous quitte …' is one line)."""
    value = clean_text(SENTENCE_END.split(hit.value)[0]) if hit else None
    if hit and value and len(value) <= 80:
        out.put(name, hit, value)


# A field title left at the head of the value taken from under 'Employeur': 'Raison sociale' is not read as a
# label of its own when the name opens with a particle ('Raison sociale de Villèle et Fils', build/holdout4
# B0022), since 'Raison sociale de …' may go on as a longer title. No company's name opens with these words.
_TITLE_IN_VALUE = re.compile(r"(?:nom\s+ou\s+)?(?:raison\s+sociale|d[ée]nomination(?:\s+sociale)?)\s*:?\s+(?=\S)",
                             re.IGNORECASE)

# 'société SA Électricité de Villèle, certifie que Madame …' (build/holdout5 B0028): a comma and a word in
# small letters go on with the sentence, not the company's name.
_CLAUSE = re.compile(r",\s+(?-i:[a-zà-ÿ])")


def _employer(pages: list[Page]) -> Hit | None:
    labelled = labelled_text(pages, EMPLOYER_LABEL, STOP)
    if labelled:
        title, clause = _TITLE_IN_VALUE.match(labelled.value), _CLAUSE.search(labelled.value)
        a, b = title.end() if title else 0, clause.start() if clause else len(labelled.value)
        labelled = Hit(labelled.value[a:b], labelled.page, labelled.start + a, labelled.start + b, labelled.how)
    if labelled and clean_text(labelled.value) and not OURS.search(labelled.value):
        return labelled
    for rx in (EMPLOYER_SENTENCE, OF_COMPANY):
        hit = pattern(pages, rx)
        if hit and clean_text(hit.value) and not OURS.search(hit.value):
            return hit
    return letterhead(pages)



def _period(pages: list[Page], out: Collector) -> None:
    out.put("start_date", labelled_date(pages, START_LABEL))
    out.put("end_date", labelled_date(pages, END_LABEL))
    span = period(pages)
    if span and not out.has("start_date"):
        out.put("start_date", span[0])
        out.put("end_date", span[1])
    out.put("start_date", date_after(pages, START_SENTENCE, window=40))
    out.put("start_date", column_date(pages, START_COLUMN))
    if not out.has("end_date") and not pattern(pages, ONGOING_FIELD):
        out.put("end_date", column_date(pages, END_COLUMN))
    if not out.has("end_date"):
        # 'Date de sortie : en poste' is a running job too (build/holdout B0008, holdout3 B0012)
        ongoing = pattern(pages, re.compile(rf"(?P<value>{ONGOING.pattern})", FLAGS)) or \
            labelled_text(pages, END_LABEL, value=ONGOING_FIELD.pattern)
        if ongoing:  # contract: a running job has no end date, and says so in `ongoing`
            out.put("ongoing", ongoing, True)


def extract(pages: list[Page], image_of: ImageOf = None) -> Extraction:
    out = Collector(FIELDS)
    find_person(pages, out)
    _text_field(out, "employer", _employer(pages))
    subject = without_signatory(pages)
    position = labelled_text(pages, POSITION_LABEL, STOP) or table_cell(pages, POSITION_COLUMN)
    # A cell cut short by a garbled word ('technicien(ne) supérieur(e) en' over 'électrotechnique' read as
    # 'élettrtéghnid@£', build/holdout3 B0018) gives way to the sentence naming the whole post.
    for sentence in (pattern(subject, POSITION_SENTENCE), pattern(subject, POSITION_IN_TEXT)):
        if position is None or sentence is not None and _extends(sentence.value, position.value):
            position = sentence
    _text_field(out, "position", position)
    _period(pages, out)
    return out.result()
