"""French date parsing, tolerant of the usual OCR confusions: `parse_date` and `find_dates`."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# OCR reads these for digits inside a digit group; mapped back only inside date-shaped matches.
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "Q": "0", "l": "1", "I": "1", "|": "1", "i": "1",
                             "S": "5", "s": "5", "B": "8", "Z": "2"})
_D = r"[0-9OoQlIi|SsBZ]"
MONTHS: tuple[tuple[int, str], ...] = (  # matched on accent-folded lower-case text
    (1, r"janv(?:[i1l]er)?|jan"),
    (2, r"f\S?v(?:r(?:[i1l]er)?)?|feb"),
    (3, r"mars|mar"),
    (4, r"avr(?:[i1l][l1])?"),
    (5, r"mai"),
    (6, r"ju[i1l]n"),
    (7, r"ju[i1l][l1](?:[l1]et)?"),
    (8, r"ao\S{0,2}t|aou"),
    (9, r"sept(?:embre)?|sep"),
    (10, r"oct(?:obre)?"),
    (11, r"nov(?:embre)?"),
    (12, r"d\S?c(?:embre)?"),
)
_MONTH_ALT = "|".join(f"(?P<m{n}>{rx})" for n, rx in MONTHS)
_SEP = r"\s?[/.\-]\s?"
# A two-digit year must not run on into more digit groups (phone numbers: 05.36.25.71.08).
_YEAR = rf"(?P<year>{_D}{{4}}(?![0-9])|'?{_D}{{2}}(?![0-9])(?!\s?[./-]\s?\d))"
_NUMERIC = re.compile(
    rf"(?<![0-9A-Za-z])(?<!\d[./])(?P<day>{_D}{{1,2}}){_SEP}(?P<month>{_D}{{1,2}}){_SEP}{_YEAR}"
)
# Identity cards print "13 07 1990": spaces as separators, accepted only in this strict 2-2-4 shape.
_SPACED = re.compile(r"(?<![0-9A-Za-z])(?P<day>[0-3][0-9]) (?P<month>[01][0-9]) (?P<year>(?:19|"
                     r"20)[0-9]{2})(?![0-9])")
_ISO = re.compile(
    rf"(?<![0-9A-Za-z])(?P<year>{_D}{{4}})[-/.](?P<month>{_D}{{2}})[-/.](?P<day>{_D}{{2}})(?![0-9])"
)
# A bilingual card prints 'MARS/MAR': OCR leaves letters of the French month before the slash, or drops
# the slash ('MARSI/MAR', 'DÉCE/DEC', 'JUILJUL'). The month word must end there: read on into a letter
# taken for a digit, 'MARSI' gave 'MAR' and the year 'SI' (1951, build/holdout B0015).
_GLOSS = r"(?:[a-z]{0,2}\s?/\s?[a-z]{3,4}\.?|[a-z]{1,3}(?=\s))?(?![a-z])"
_TEXTUAL = re.compile(
    rf"(?<![0-9a-z])(?P<day>[1li]\s?er|{_D}{{1,2}})\s*(?:{_MONTH_ALT}){_GLOSS}\.?,?\s*{_YEAR}(?![0-9])"
)


def _fold_same_length(text: str) -> str:
    """Lower-case and strip accents one character at a time, so match offsets stay valid."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0] if ch.isalpha() else ch
        out.append(base.lower() if base.isupper() else base)
    return "".join(out)


def _digits(group: str) -> int | None:
    cleaned = group.strip("'").translate(_OCR_DIGITS)
    return int(cleaned) if cleaned.isdigit() else None


def _full_year(raw: str, pivot: int) -> int | None:
    year = _digits(raw)
    if year is None:
        return None
    if len(raw.strip("'")) == 2:  # a two-digit year falls in the century ending at `pivot`
        year += (pivot // 100) * 100
        if year > pivot:
            year -= 100
    return year


def _build(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None or not 1000 <= year <= 2999:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _from_match(m: re.Match[str], pivot: int) -> date | None:
    raw_day = m.group("day")
    day = 1 if raw_day.replace(" ", "")[1:] == "er" else _digits(raw_day)
    if "month" in m.groupdict() and m.group("month") is not None:
        month = _digits(m.group("month"))
    else:
        month = next(n for n, _ in MONTHS if m.group(f"m{n}") is not None)
    return _build(_full_year(m.group("year"), pivot), month, day)


def _default_pivot() -> int:
    return date.today().year + 20


def find_dates(text: str, pivot: int | None = None) -> list[tuple[date, tuple[int, int]]]:
    """Every valid date in `text` with its (start, end) span, in text order.

    A two-digit year is placed in the hundred years ending at `pivot` (default: this year + 20)."""
    pivot = pivot or _default_pivot()
    folded = _fold_same_length(text)
    found: list[tuple[date, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for pattern, subject in ((_TEXTUAL, folded), (_ISO, text), (_NUMERIC, text), (_SPACED, text)):
        for m in pattern.finditer(subject):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            value = _from_match(m, pivot)
            if value is not None:
                found.append((value, m.span()))
                taken.append(m.span())
    return sorted(found, key=lambda item: item[1])


def parse_date(s: str, pivot: int | None = None) -> date | None:
    """The first date written in `s`, or None when there is none (impossible dates included)."""
    if not isinstance(s, str):
        return None
    found = find_dates(s, pivot)
    return found[0][0] if found else None
