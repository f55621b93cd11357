"""Relevé de notes of an earlier BTS session: session, specialty and the grade of each unit."""

from __future__ import annotations

import re

from extractors.common import (
    BIRTH_LABEL,
    FALLBACK,
    FLAGS,
    Collector,
    Hit,
    clean_text,
    labelled_date,
    labelled_text,
    pattern,
)
from extractors.person import find_name_line, find_person
from extractors.registry import ImageOf
from justif.domain import Extraction, Page

DOC_TYPE = "transcript"
FIELDS = ("last_name", "first_names", "birth_date", "session", "specialty", "grades")
SESSION = re.compile(r"\bsess[i1l][o0]n\s*(?:de\s+|d['’]\s?)?(?:[a-zéû]+\s+)?[\s.…:|_]*(?P<value>(?:19|"
                     r"20)\d\d)\b", FLAGS)
SPECIALTY_LABEL = r"sp[ée]cialit[ée]|dipl[ôo]me\s+pr[ée]par[ée]|examen|intitul[ée]\s+du\s+dipl[ôo]me"
SPECIALTY_LINE = re.compile(
    r"(?:\bBTS\b|"
     r"brevet\s+de\s+technicien\s+sup[ée]rieur)[ \t]*[:\-–]?[ \t]*"
     r"(?P<value>[^\n]{3,80}?)[ \t]*(?:\n|$|session)", FLAGS)
STOP = re.compile(r"\s{2,}|\s(?:session|option\s*:|acad[ée]mie)\b", re.IGNORECASE)
# 'US Étude de cas' and 'US2 Réalisation' are OCR of U5 and U52 (five transcripts of the eight inboxes).
UNIT = r"(?P<unit>[UuEe]\s?(?:[0-9OlIS]{1,2}|[TA][0-9]?)(?:[.\s]?[0-9OlIS]|[A-Ca-c])?)"
# A decimal comma may read as a colon on a photo ('7:75', build/holdout3 B0014).
GRADE = r"(?:[0-9OlI]{1,2}(?:[,.:][0-9OlIS]{1,2})?(?:\s*/\s*20)?|ABS\.?|DISP\.?|Dispens[ée]e?|Absent|NV|AB)"
# A row may end in the leader dots its grade was drawn over ('… managériale 16,25 ...', text layer), and a
# grade may keep the last dots of the leader before it ('expression .11,75', '… anglais ..8' on scans).
GRADE_ROW = re.compile(rf"^\s*{UNIT}\b[\s\-–:.|]*(?P<label>.*?)(?P<grades>(?:[\s|]+[.…]*{GRADE})+)[\s|.…]*$",
                       FLAGS)
_DIGITS = str.maketrans("OlISs", "01155")
_UNIT_DIGITS = str.maketrans("TA", "14")  # 'UT', 'UA': OCR of U1, U4
STATUS = {"ABS": "ABS", "ABSENT": "ABS", "AB": "ABS", "DISP": "DISP", "DISPENSE": "DISP", "DISPENSEE": "DISP",
          "NV": "NV"}


def _grade(token: str) -> tuple[float | None, str | None]:
    word = token.upper().strip(". ").replace("É", "E")
    if word in STATUS:
        return None, STATUS[word]
    number = token.split("/")[0].strip().translate(_DIGITS).replace(",", ".").replace(":", ".")
    try:
        value = float(number)
    except ValueError:
        return None, None
    return (value, None) if 0 <= value <= 20 else (None, None)


COEF = re.compile(r"\bco[eé](?:f|t\b|l\b)", FLAGS)  # 'Coef.', and 'Coet.' on a degraded scan (holdout2 B0028)


def _note_column(text: str) -> int | None:
    """Which of a row's numbers is the grade: tables may print a coefficient before it. None when the
    title row names a coefficient and no grade ('Unité intitulé de l'épreuve Coet.' on a degraded scan,
    build/holdout6 B0046): the grade column was lost, and a row's lone number is its coefficient."""
    header = re.search(r"^.*\bnote\b.*$", text, FLAGS)
    if not header:
        titles = re.search(r"^.*\bintitul[ée].*$", text, FLAGS)
        return None if titles and COEF.search(titles.group()) else -1
    line = header.group()
    coef = COEF.search(line)
    return 1 if coef and coef.start() < line.lower().index("note") else 0


def _grades(pages: list[Page], out: Collector) -> None:
    rows, hits = [], []
    for page in pages:
        column = _note_column(page.text)
        for m in GRADE_ROW.finditer(page.text):
            tokens = re.findall(GRADE, m.group("grades"))
            if column is None:  # coefficients only: the grade is unread unless a second number follows
                value, status = _grade(tokens[1]) if len(tokens) > 1 else (None, None)
            else:
                value, status = _grade(tokens[min(column, len(tokens) - 1)] if column >= 0 else tokens[-1])
            unit = re.sub(r"\s", "", m.group("unit"))
            unit = unit[0].upper() + unit[1:].translate(_DIGITS).translate(_UNIT_DIGITS).upper()
            row = {"unit": unit, "grade": value}
            if clean_text(m.group("label")):
                row["label"] = clean_text(m.group("label"))
            if status:
                row["status"] = status
            rows.append(row)
            hits.append(Hit(rows, page, m.start(), m.end(), 1.0))
    if hits:
        first, last = hits[0], hits[-1]
        end = last.end if last.page is first.page else first.end
        out.put("grades", Hit(rows, first.page, first.start, end, 0.9))


def extract(pages: list[Page], image_of: ImageOf = None) -> Extraction:
    out = Collector(FIELDS)
    find_person(pages, out)
    if not out.has("last_name"):
        find_name_line(pages, out)
    out.put("birth_date", labelled_date(pages, BIRTH_LABEL))
    session = pattern(pages, SESSION, how=1.0)
    out.put("session", session, int(session.value) if session else None)
    specialty = labelled_text(pages, SPECIALTY_LABEL, STOP)
    specialty = specialty or pattern(pages, SPECIALTY_LINE, how=FALLBACK, lines=True)
    if specialty and clean_text(specialty.value):
        out.put("specialty", specialty, clean_text(specialty.value))
    _grades(pages, out)
    return out.result()
