"""Shared extraction helpers: labelled values, sentence patterns, evidence boxes and confidences."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from justif.dates import find_dates
from justif.domain import Box, Evidence, Extraction, Page

# How a value was found scales its confidence: a label is the surest, a fallback the least.
LABEL, PATTERN, FALLBACK = 1.0, 0.8, 0.5
FLAGS = re.IGNORECASE | re.MULTILINE
_SEP = r"[ \t]*(?:[:.=\-–]+[ \t]*)?"
LABEL_LINE = re.compile(r"[ \t]*[^\W\d][^:\n]{0,40}[ \t]:")
_WORD = re.compile(r"[\w'’.,/-]+")
BIRTH_LABEL = (r"n[ée]\s*\(?\s*e?\s*\)?\s+le|n[ée]e?\s+le|date\s+de\s+naissance(?:\s*/\s*date\s+of\s+birth)?|"
               r"date\s+of\s+birth|date\s+de\s+naiss\.?")
# A date right after these is when the paper was issued or signed, never the fact it attests.
ISSUED = re.compile(r"(?:fait|d[ée]livr[ée]e?|[ée]dit[ée]e?|imprim[ée]e?|"
                    r"sign[ée]e?)\b[^.\d]{0,25}$", re.IGNORECASE)


@dataclass
class Hit:
    """A value read from a page: where (offsets into `page.text`) and how surely."""

    value: Any
    page: Page
    start: int
    end: int
    how: float

    @property
    def text(self) -> str:
        return self.page.text[self.start : self.end]


def flat(page: Page) -> str:
    """The page text with newlines as spaces: sentences run over lines, offsets stay the same."""
    return page.text.replace("\n", " ")


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def locate(hit: Hit) -> tuple[Box | None, float]:
    """Union box and mean OCR confidence of the words the hit's text was read from."""
    first, last = _line_of(hit.page.text, hit.start), _line_of(hit.page.text, hit.end)
    tokens = {t.strip(".,:;()").casefold() for t in _WORD.findall(hit.text)}
    words = [w for w in hit.page.words
             if first <= w.line <= last and w.text.strip(".,:;()").casefold() in tokens]
    if not words:
        return None, 1.0
    box = (min(w.box[0] for w in words), min(w.box[1] for w in words),
           max(w.box[2] for w in words), max(w.box[3] for w in words))
    return box, sum(w.conf for w in words) / len(words)


def _value_region(page: Page, pos: int, stop: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """Candidate value regions after a label: the rest of its line, else the next non-empty line."""
    text = page.text
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    regions = [(pos, end)]
    nxt = end + 1
    while nxt < len(text):
        line_end = text.find("\n", nxt)
        line_end = len(text) if line_end < 0 else line_end
        if text[nxt:line_end].strip():
            if not LABEL_LINE.match(text, nxt, line_end):  # "Nom d'usage :" left blank, then "Prénom : Léo"
                regions.append((nxt, line_end))
            break
        nxt = line_end + 1
    if stop is not None:  # "Nom : DUPONT   Prénom : Marie" — a value ends where the next label starts
        cut = []
        for a, b in regions:
            m = stop.search(text, max(0, a - 1), b)  # from the space before: a value may be empty
            cut.append((a, max(a, m.start()) if m else b))
        regions = cut
    return regions


def labelled_text(pages: list[Page], label: str, stop: re.Pattern[str] | None = None,
                  value: str = r"\S.*\S|\S") -> Hit | None:
    """The text following `label` (regex) on its line, or on the next line when the line ends there.

    A label opens a line (or follows a space with a colon): 'société' inside a sentence is no label."""
    rx = re.compile(rf"(?:^[ \t\-•*·>|]*(?:{label})(?:[ \t]*[:;.=\-–]+|[ \t]{{2,}}|[ \t]*$)|"
                    rf"(?<=[\s|])(?:{label})[ \t]*[:=])[ \t]*", FLAGS)
    vrx = re.compile(value, FLAGS)
    for page in pages:
        for m in rx.finditer(page.text):
            for a, b in _value_region(page, m.end(), stop):
                v = vrx.search(page.text, a, b)
                if v and v.group().strip(" :.-"):
                    return Hit(v.group().strip(), page, v.start(), v.end(), LABEL)
    return None


def labelled_date(pages: list[Page], label: str) -> Hit | None:
    """The first date written after `label`, on its line or the next one."""
    rx = re.compile(rf"(?:{label}){_SEP}", FLAGS)
    for page in pages:
        for m in rx.finditer(page.text):
            for a, b in _value_region(page, m.end(), None):
                found = find_dates(page.text[a:b])
                if found:
                    d, (s, e) = found[0]
                    return Hit(d, page, a + s, a + e, LABEL)
                if page.text[a:b].strip(" .:-_"):
                    break  # the label's own line holds something else: the next line is not its value
    return None


def pattern(pages: list[Page], rx: re.Pattern[str], group: str = "value", how: float = PATTERN,
            lines: bool = False) -> Hit | None:
    """The first match of a sentence pattern over the flattened page text (or its lines, for `lines`)."""
    for page in pages:
        m = rx.search(page.text if lines else flat(page))
        if m and m.group(group):
            return Hit(m.group(group).strip(), page, m.start(group), m.end(group), how)
    return None


def date_after(pages: list[Page], keyword: str, window: int = 160, how: float = PATTERN,
               avoid: tuple[date, ...] = ()) -> Hit | None:
    """The first date within `window` characters after a keyword ('a participé … le 3 mai 2021')."""
    rx = re.compile(keyword, FLAGS)
    for page in pages:
        text = flat(page)
        for m in rx.finditer(text):
            for d, (s, e) in find_dates(text[m.end() : m.end() + window]):
                if d not in avoid and not ISSUED.search(text[max(0, m.end() + s - 40) : m.end() + s]):
                    return Hit(d, page, m.end() + s, m.end() + e, how)
    return None


PERIOD_JOIN = re.compile(r"^\s*(?:au|à|a|jusqu['’]\s?au|-|–|—|>|/)\s*$", re.IGNORECASE)


def period(pages: list[Page]) -> tuple[Hit, Hit] | None:
    """'du 3 mai 2021 au 28 mai 2021', '01/02/2021 - 28/02/2021': two dates joined by 'au' or a dash."""
    for page in pages:
        text = flat(page)
        found = find_dates(text)
        for (d1, (s1, e1)), (d2, (s2, e2)) in zip(found, found[1:], strict=False):
            if PERIOD_JOIN.match(text[e1:s2]) and d1 <= d2:
                return Hit(d1, page, s1, e1, PATTERN), Hit(d2, page, s2, e2, PATTERN)
    return None


def clean_text(value: str) -> str | None:
    """A printed value with its label punctuation and OCR strays trimmed; None when nothing is left."""
    value = re.sub(r"\s+", " ", value).strip(" .:;,-–_|*\"'«»")
    return value if sum(c.isalpha() for c in value) >= 2 else None


_HIT = object()  # `put` default: the hit's own value


class Collector:
    """Fields of one extraction, each with its confidence and evidence; unknown fields stay None."""

    def __init__(self, fields: tuple[str, ...]):
        self.fields: dict[str, Any] = dict.fromkeys(fields)
        self.confidence: dict[str, float] = {}
        self.evidence: dict[str, Evidence] = {}

    def put(self, name: str, hit: Hit | None, value: Any = _HIT, how: float | None = None) -> None:
        """Record `value` (default: the hit's) unless already found; no hit or None records nothing."""
        if hit is None or self.fields.get(name) is not None:
            return
        value = hit.value if value is _HIT else value
        if value is None:
            return
        box, conf = locate(hit)
        self.fields[name] = value.isoformat() if isinstance(value, date) else value
        self.confidence[name] = round((hit.how if how is None else how) * conf, 3)
        self.evidence[name] = Evidence(page=hit.page.number, box=box, text=hit.text)

    def set(self, name: str, value: Any, confidence: float, evidence: Evidence) -> None:
        """Record a value not read from page text (an MRZ, an image), with its evidence."""
        if value is None or self.fields.get(name) is not None:
            return
        self.fields[name] = value.isoformat() if isinstance(value, date) else value
        self.confidence[name] = round(confidence, 3)
        self.evidence[name] = evidence

    def has(self, name: str) -> bool:
        return self.fields.get(name) is not None

    def result(self, subtype: str | None = None) -> Extraction:
        return Extraction(subtype=subtype, fields=self.fields, field_confidence=self.confidence,
                          evidence=self.evidence)
