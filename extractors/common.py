"""Shared extraction helpers: labelled values, sentence patterns, evidence boxes and confidences."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from justif.dates import find_dates
from justif.domain import Box, Evidence, Extraction, Page, Word

# How a value was found scales its confidence: a label is the surest, a fallback the least.
LABEL, PATTERN, FALLBACK = 1.0, 0.8, 0.5
FLAGS = re.IGNORECASE | re.MULTILINE
_SEP = r"[ \t]*(?:[:.=\-–]+[ \t]*)?"
LABEL_LINE = re.compile(r"[ \t]*[^\W\d][^:\n]{0,40}[ \t]:")
# Lines opening with these are a field of their own, never the value of the label above them.
LABEL_START = re.compile(r"[ \t|]*(?:n[o0]m\b|pr[ée]n[o0]m|date\b|n[ée]\s*\(?e?\)?\s+le\b|adresse|sexe\b|"
                         r"nationalit|lieu\b|emploi\b|poste\b|signature|fait\s+[àa]\b|sign[ée]|entr[ée]e\b|sortie\b|"
                         r"dur[ée]e\b|stagiaire\b|salari[ée])", re.IGNORECASE)
LEADER = frozenset(" \t.…_·:|[]")
_LINE_START = r"^[ \t\-•*·>|]*"
# Bilingual forms gloss a label up to its colon or line end: "N° DU DOCUMENT / Document No".
_GLOSS = r"(?:[ \t]*/[ \t]*[^\W\d][^/\n:]{0,30}?(?=[ \t]*(?:[:\n]|$)))?"
_GOES_ON = r"[ \t]*(?-i:ou|et|de|du|des|d['’]|la|le|les|l['’]|à|au|aux|en|par|pour|of|sur|/)(?:\s|$)"
_WORD = re.compile(r"[\w'’.,/-]+")
# 'N°' as OCR gives it: the degree sign, a letter o or a space in its place, or a double quote
# (build/holdout7 B0032: 'N" du document', the passport's printed number then left unread).
NUMERO = r"n[°oº \"]"
# 'Néle)le': a degraded scan's 'Né(e) le' (build/holdout6 B0046).
BIRTH_LABEL = (r"n[ée]\s*\(?\s*e?\s*\)?[ \t]+[l1i]e\b|n[ée]e?[ \t]+[l1i]e\b|n[ée]\S{1,3}\)[l1i]e\b|"
               r"date\s+de\s+na[iïî]{1,2}ssance(?:\s*/\s*date\s+of\s+birth)?|"  # 'naïissance' on a photo
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


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _above(page: Page, line: int, other: int) -> bool:
    """True when every word of text line `line` lies wholly above every word of line `other` (word boxes;
    False where either line has none)."""
    bottoms = [w.box[3] for w in page.words if w.line == line]
    tops = [w.box[1] for w in page.words if w.line == other]
    return bool(bottoms and tops) and max(bottoms) <= min(tops)


def _next_line(page: Page, pos: int) -> tuple[int, int] | None:
    """The first non-empty line after the one holding `pos`, unless it opens with a label of its own.
    A line printed above the label's is passed over: Tesseract may read a letterhead block between a
    label and its value (build/holdout3 B0002: the logo 'CNED', read 'CND', came between 'Nom' and
    'NOËL'), and a value is never printed above its label."""
    text = page.text
    label_line = line = _line_of(text, pos)
    nxt = _line_end(text, pos) + 1
    while nxt < len(text):
        end, line = _line_end(text, nxt), line + 1
        if text[nxt:end].strip() and not _above(page, line, label_line):
            # "Nom d'usage :" left blank, then "Prénom : Léo": the next line is not its value
            return None if LABEL_LINE.match(text, nxt, end) or LABEL_START.match(text, nxt, end) else (nxt, end)
        nxt = end + 1
    return None


# A run of leader dots left inside a value: OCR read the rest of the leader as letters ('… .… RTS TE …').
LEADER_RUN = re.compile(r"(?:\.{2,}|…)[\s.…_·]*")


def _cut(text: str, region: tuple[int, int], stop: re.Pattern[str] | None) -> tuple[int, int]:
    """The region past its leader dots, ended where the next label starts ("Nom : DUPONT   Prénom : Marie").
    Where leader dots come back inside it, the value follows their last run: what stands between was
    read from the leader ('Nom de naissance … .… RTS TE … FERREIRA' on a photo)."""
    a, b = region
    while a < b and text[a] in LEADER:
        a += 1
    if stop is not None:
        m = stop.search(text, max(0, a - 1), b)  # from the space before: a value may be empty
        b = max(a, m.start()) if m else b
    runs = [m for m in LEADER_RUN.finditer(text, a, b) if text[m.end() : b].strip()]
    if runs:
        a = runs[-1].end()
    return a, b


def _value_region(page: Page, pos: int, stop: re.Pattern[str] | None,
                  label: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """Candidate value regions after a label: the rest of its line, else the next non-empty line
    (unless that line opens with a label of the same kind: 'Employeur' over 'Raison sociale X')."""
    regions = [(pos, _line_end(page.text, pos))]
    below = _next_line(page, pos)
    if below is not None and not (label is not None and label.match(page.text, *below)):
        regions.append(below)
    return [_cut(page.text, r, stop) for r in regions]


def label_rx(label: str) -> re.Pattern[str]:
    """A label opening a line (then a colon, a gap, one space before its value, or the line end), or a
    label anywhere followed by a colon. One space is enough on a line start: text layers drop the
    columns of a form; a label word that goes on ('Nom ou raison sociale') is not followed by its value."""
    colon = r"[ \t]*(?:,[ \t]*)?[:;.=\-–]+"  # a comma before the colon is OCR noise ('Nom , : X')
    return re.compile(rf"(?:{_LINE_START}(?:{label}){_GLOSS}(?:{colon}|[ \t]{{2,}}|[ \t](?!{_GOES_ON})(?=\S)|"
                      rf"(?-i:(?=[A-ZÀ-Ý]))|[ \t]*$)|(?<=[\s|])(?:{label})[ \t]*[:=])[ \t]*", FLAGS)


def labelled_text(pages: list[Page], label: str, stop: re.Pattern[str] | None = None,
                  value: str = r"\S.*\S|\S", accept: Callable[[str], bool] | None = None) -> Hit | None:
    """The text following `label` (regex) on its line; failing that on any label's line, on the next line.

    A label opens a line (or follows a space with a colon): 'société' inside a sentence is no label.
    `accept`, when given, passes over values it refuses ('Le stagiaire désigné ci-dessous a été formé'
    before 'Stagiaire' over 'DUBOIS-LACAZE Enzo')."""
    rx, vrx = label_rx(label), re.compile(value, FLAGS)
    for below in (False, True):
        for page in pages:
            for m in rx.finditer(page.text):
                regions = _value_region(page, m.end(), stop, rx)
                for a, b in regions[1:] if below else regions[:1]:
                    v = vrx.search(page.text, a, b)
                    if v and v.group().strip(" :.-") and (accept is None or accept(v.group().strip())):
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


# A lowercase fragment or a lone figure ending a letterhead line is the edge of a stamp or logo ('CFA des
# métiers de Muret ne" |', 'Immobilier Pélissier 4“' on photos, build/holdout4 B0015, holdout6 B0005): no
# organisation's name ends with one.
# Nor with one or two capitals that are no legal form ('SA Bâtiment Ménard PE', 'CFA Occitanie Formation à
# distance EE' on photos, build/holdout3 B0025, holdout7 B0038).
_STRAY_TAIL = re.compile(r"\s+(?:[a-zà-ÿ]{1,2}|\d|(?!(?:SA|SC|EI)\b)[A-Z]{1,2})\W*$")


def body_heading(kinds: str) -> re.Pattern[str]:
    """A line naming a body of one of `kinds` (regex alternatives: r'\bCNED\b|\blyc[ée]e\s+\S'), with
    the acronym that follows its name ('… à distance (CNED)'), up to its address, a verb, or a last word of
    signs (a stamp's edge read '©' after '(CNED)', build/holdout7 B0036)."""
    return re.compile(rf"(?P<value>(?:{kinds})[^\n,(]{{0,60}}?(?:\s*\([A-Z]{{2,8}}\))?)"
                      r"(?=(?:\s+[^\w\s(),]+)*\s*$|\s*[,(]|\s+(?:certifie|atteste|situ|sis|\d))", FLAGS)


def labelled_or_heading(pages: list[Page], label: str, stop: re.Pattern[str] | None,
                        line: re.Pattern[str]) -> Hit | None:
    """A labelled value, else a line of the first page naming the body (`body_heading`), else any
    letterhead naming the sender ('CNAM Occitanie' over its address, build/holdout6 B0020)."""
    found = labelled_text(pages, label, stop)
    if found is not None:
        return found
    heading = pattern(pages[:1], line, how=FALLBACK, lines=True)
    if heading is None:
        return letterhead(pages)
    value = _STRAY_TAIL.sub("", heading.value)
    return Hit(value, heading.page, heading.start, heading.start + len(value), heading.how)


def date_after(pages: list[Page], keyword: str, window: int = 160, how: float = PATTERN,
               avoid: tuple[date, ...] = ()) -> Hit | None:
    """The first date within `window` characters after a keyword ('a participé … le 3 mai 2021'). The
    window runs on to the end of a word it would cut: '16/06/20' of '16/06/2019' read as 16 June 2020
    (build/holdout5 B0015, an R408 attestation's text layer)."""
    rx = re.compile(keyword, FLAGS)
    for page in pages:
        text = flat(page)
        for m in rx.finditer(text):
            end = m.end() + window
            while end < len(text) and not text[end].isspace():
                end += 1
            for d, (s, e) in find_dates(text[m.end() : end]):
                if d not in avoid and not ISSUED.search(text[max(0, m.end() + s - 40) : m.end() + s]):
                    return Hit(d, page, m.end() + s, m.end() + e, how)
    return None


PERIOD_JOIN = re.compile(r"^\s*(?:(?:et\s+|,\s*)?jusqu['’]\s?(?:au|[àa])(?:\s+inclus)?|au|à|a|-|–|—|>|/)\s*$",
                         re.IGNORECASE)


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
    """A printed value with its label punctuation and OCR strays trimmed (a last word of signs only: a
    stamp's edge read '©'); None when nothing is left."""
    value = re.sub(r"(?:\s+[^\w\s()]+)+$", "", re.sub(r"\s+", " ", value)).strip(" .:;,-–_|*\"'«»!?")
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

    def forget(self, name: str) -> None:
        """Unrecord a field (to record a better reading in its place, or none)."""
        self.fields[name] = None
        self.confidence.pop(name, None)
        self.evidence.pop(name, None)

    def has(self, name: str) -> bool:
        return self.fields.get(name) is not None

    def result(self, subtype: str | None = None) -> Extraction:
        return Extraction(subtype=subtype, fields=self.fields, field_confidence=self.confidence,
                          evidence=self.evidence)


def _line_span(text: str, index: int) -> tuple[int, int] | None:
    start = 0
    for _ in range(index):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    return start, _line_end(text, start)


def _rows(page: Page) -> dict[int, list[Word]]:
    rows: dict[int, list[Word]] = {}
    for w in page.words:
        rows.setdefault(w.line, []).append(w)
    return rows


COLUMN_GAP = 0.015  # header words closer than this (page widths) title one column: 'Date de naissance'


def _columns(header: list[Word]) -> list[list[Word]]:
    columns: list[list[Word]] = []
    for w in sorted(header, key=lambda w: w.box[0]):
        if columns and w.box[0] - columns[-1][-1].box[2] < COLUMN_GAP:
            columns[-1].append(w)
        else:
            columns.append([w])
    return columns


def _cell_words(header: list[Word], row: list[Word], wanted: re.Pattern[str]) -> list[Word]:
    """The row's words whose centre is nearest a column title holding a word matching `wanted`
    (tables centre or left-align their cells: the nearest title centre decides)."""
    def centre(words: list[Word]) -> float:
        return (min(w.box[0] for w in words) + max(w.box[2] for w in words)) / 2
    columns = _columns(header)
    picked = []
    for w in row:
        nearest = min(columns, key=lambda c: abs(centre(c) - centre([w])))
        if any(wanted.fullmatch(h.text.strip(" :|")) for h in nearest):
            picked.append(w)
    return picked


def table_cell(pages: list[Page], header: str, how: float = PATTERN) -> Hit | None:
    """The cell under a column header, in the row below a line of three or more column titles:
    'Stagiaire  Du  Au' over 'DUPONT Marie  02-05-2022  27-05-2022'."""
    wanted = re.compile(header, re.IGNORECASE)
    for page in pages:
        rows = _rows(page)
        for index, words in sorted(rows.items()):
            below = rows.get(index + 1)
            if len(_columns(words)) < 3 or not below or any(c.isdigit() for w in words for c in w.text):
                continue  # a title row has three or more columns apart, and no figures
            if not any(wanted.fullmatch(w.text.strip(" :|")) for w in words):
                continue
            cell = _cell_words(words, below, wanted)
            span = _line_span(page.text, index + 1)
            if not cell or span is None:
                continue
            value = " ".join(w.text for w in cell)
            start = page.text.find(cell[0].text, *span)
            end = page.text.find(cell[-1].text, max(start, span[0]), span[1])
            if start >= 0 and end >= 0:
                return Hit(value, page, start, end + len(cell[-1].text), how)
    return None


def blanked(pages: list[Page], rx: re.Pattern[str]) -> list[Page]:
    """The pages with every match of `rx` turned to spaces: offsets and line numbers kept, so that hits
    still point at the words they were read from."""
    out = []
    for page in pages:
        text = rx.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), page.text)
        out.append(page if text == page.text else page.model_copy(update={"text": text}))
    return out


# A table row's name cell: two to five words of letters ('LACROIX Jean-Baptiste', 'Ait Ouali Fatima Zahra').
NAME_CELL = re.compile(r"[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){1,4}")


def dated_row(pages: list[Page]) -> tuple[Hit, Hit, Hit] | None:
    """A table row read without its column titles (shaded title cells are lost on a photo): a name cell,
    then two dates in order with nothing but space between them, as in 'LACROIX Jean-Baptiste  3 MAI 2021
    25 JUIN 2021  8 sem.'. The name and the two dates, as fallbacks; None when no line is such a row."""
    for page in pages:
        offset = 0
        for line in page.text.split("\n"):
            found = find_dates(line)
            if len(found) == 2:
                (first, (s1, e1)), (second, (s2, e2)) = found
                name = line[:s1].strip(" \t|")
                if first < second and not line[e1:s2].strip(" \t|") and NAME_CELL.fullmatch(name):
                    at = offset + line.index(name)
                    return (Hit(name, page, at, at + len(name), FALLBACK),
                            Hit(first, page, offset + s1, offset + e1, FALLBACK),
                            Hit(second, page, offset + s2, offset + e2, FALLBACK))
            offset += len(line) + 1
    return None


# A letterhead: the organisation's name over its address or registration number.
ADDRESS_LINE = re.compile(r"\b\d{5}\b|\bSIRE[TN]\b|\bB\.?P\.?\s*\d", re.IGNORECASE)
NOT_LETTERHEAD = re.compile(r"r[ée]publique|fran[çc]aise|minist[èe]re|acad[ée]mi|libert[ée]|[ée]galit[ée]|"
                            r"fraternit[ée]|attestation|certificat|contrat|cerfa|relev[ée]|\d|"
                            r"^[ \t|]*(?:l['’]|l[ea]\s(?!(?-i:[A-ZÀ-Ý]))|adresse|employeur|nom\b|date\b)",
                            re.IGNORECASE)  # 'Le Bihan et Fils SASU' is a name; 'Le directeur' is not


def letterhead(pages: list[Page], how: float = FALLBACK) -> Hit | None:
    """The first line of the first page when an address or SIRET line follows it: who issued the paper."""
    if not pages:
        return None
    page, offset, lines = pages[0], 0, []
    for line in page.text.split("\n"):
        if line.strip():
            lines.append((offset, line))
        offset += len(line) + 1
    for i, (start, line) in enumerate(lines[:4]):
        below = " ".join(text for _, text in lines[i + 1 : i + 3])
        head = _STRAY_TAIL.sub("", line)
        if ADDRESS_LINE.search(below) and not NOT_LETTERHEAD.search(head) and clean_text(head):
            value = head.strip(" |")
            first = start + line.index(value)
            return Hit(value, page, first, first + len(value), how)
        if not NOT_LETTERHEAD.search(head):
            break
    return None


def column_date(pages: list[Page], header: str) -> Hit | None:
    """The date in the table cell under a column title ('Du', 'Date de la JDC')."""
    cell = table_cell(pages, header)
    found = find_dates(cell.value) if cell else []
    return Hit(found[0][0], cell.page, cell.start, cell.end, cell.how) if cell and found else None
