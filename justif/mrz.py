"""Machine-readable zones (ICAO 9303 TD1/TD2/TD3, French 1988 identity card): parse and verify."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

# Field kinds decide which OCR confusions may be undone: a letter in a digit field is surely wrong.
TO_DIGIT = str.maketrans("OQDIBSZG", "00018526")
TO_ALPHA = str.maketrans("018526", "OIBSZG")
_FILLER = str.maketrans({"«": "<", "‹": "<", "(": "<", "[": "<", "{": "<", " ": ""})

# (name, line, start, end, kind) — kind: 'num' | 'alpha' | 'alnum' | 'fr_number'
Spec = tuple[str, int, int, int, str]
# (check name, covered slices [(line, start, end)], check digit (line, position))
Check = tuple[str, tuple[tuple[int, int, int], ...], tuple[int, int]]


@dataclass(frozen=True)
class Layout:
    name: str
    widths: tuple[int, ...]
    fields: tuple[Spec, ...]
    checks: tuple[Check, ...]


_TD_FIELDS = lambda n: (  # noqa: E731 - TD2 and TD3 share line 2 up to the optional data
    ("document_type", 0, 0, 2, "alpha"), ("country", 0, 2, 5, "alpha"), ("names", 0, 5, n, "alpha"),
    ("document_number", 1, 0, 9, "alnum"), ("nationality", 1, 10, 13, "alpha"),
    ("birth_date", 1, 13, 19, "num"), ("sex", 1, 20, 21, "alpha"), ("expiry_date", 1, 21, 27, "num"),
)
LAYOUTS: tuple[Layout, ...] = (
    Layout("td3", (44, 44), _TD_FIELDS(44) + (("optional", 1, 28, 42, "alnum"),), (
        ("document_number", ((1, 0, 9),), (1, 9)), ("birth_date", ((1, 13, 19),), (1, 19)),
        ("expiry_date", ((1, 21, 27),), (1, 27)), ("optional", ((1, 28, 42),), (1, 42)),
        ("composite", ((1, 0, 10), (1, 13, 20), (1, 21, 43)), (1, 43)))),
    Layout("fr1988", (36, 36), (
        ("document_type", 0, 0, 2, "alpha"), ("country", 0, 2, 5, "alpha"), ("surname", 0, 5, 30, "alpha"),
        ("document_number", 1, 0, 12, "fr_number"), ("given", 1, 13, 27, "alpha"),
        ("birth_date", 1, 27, 33, "num"), ("sex", 1, 34, 35, "alpha")), (
        ("document_number", ((1, 0, 12),), (1, 12)), ("birth_date", ((1, 27, 33),), (1, 33)),
        ("composite", ((0, 0, 36), (1, 0, 35)), (1, 35)))),
    Layout("td2", (36, 36), _TD_FIELDS(36) + (("optional", 1, 28, 35, "alnum"),), (
        ("document_number", ((1, 0, 9),), (1, 9)), ("birth_date", ((1, 13, 19),), (1, 19)),
        ("expiry_date", ((1, 21, 27),), (1, 27)),
        ("composite", ((1, 0, 10), (1, 13, 20), (1, 21, 35)), (1, 35)))),
    Layout("td1", (30, 30, 30), (
        ("document_type", 0, 0, 2, "alpha"), ("country", 0, 2, 5, "alpha"),
        ("document_number", 0, 5, 14, "alnum"), ("optional", 0, 15, 30, "alnum"),
        ("birth_date", 1, 0, 6, "num"), ("sex", 1, 7, 8, "alpha"), ("expiry_date", 1, 8, 14, "num"),
        ("nationality", 1, 15, 18, "alpha"), ("optional2", 1, 18, 29, "alnum"),
        ("names", 2, 0, 30, "alpha")), (
        ("document_number", ((0, 5, 14),), (0, 14)), ("birth_date", ((1, 0, 6),), (1, 6)),
        ("expiry_date", ((1, 8, 14),), (1, 14)),
        ("composite", ((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)), (1, 29)))),
)


@dataclass
class MrzResult:
    format: str
    document_type: str
    country: str
    surname: str
    given_names: list[str]
    document_number: str
    nationality: str | None
    birth_date: date | None
    sex: str | None
    expiry_date: date | None  # None for the French 1988 card: see `issue_month`
    failed: list[str] = field(default_factory=list)
    issue_month: date | None = None  # French 1988 card: first day of the month of issue
    # Checks whose digit reads as a letter no OCR confusion maps to a digit ('A' for 4, 'E' for 5): a
    # zone printed wrong still prints digits there, so such a failing check is a misreading.
    unread_digits: list[str] = field(default_factory=list)
    composite_read: bool = True  # its digit is a digit: the composite check vouches for the whole zone

    @property
    def valid(self) -> bool:
        return not self.failed


def char_value(c: str) -> int:
    if c.isdigit():
        return int(c)
    return 0 if c == "<" else ord(c) - 55


WEIGHTS = (7, 3, 1)


def check_digit(s: str) -> int:
    """ICAO 9303 check digit: weights 7, 3, 1 repeated; '<' = 0, A = 10 … Z = 35."""
    return sum(char_value(c) * WEIGHTS[i % 3] for i, c in enumerate(s)) % 10


def _correct(text: str, kind: str) -> str:
    if kind == "num":
        return text.translate(TO_DIGIT)
    if kind == "alpha":
        return text.translate(TO_ALPHA)
    if kind == "fr_number":  # YYMM + department (may hold a letter: 2A) + 5 digits
        return text[:4].translate(TO_DIGIT) + text[4:7] + text[7:].translate(TO_DIGIT)
    return text


def _fit(line: str, width: int) -> str | None:
    """OCR drops or adds a few trailing fillers; more than that is not this layout."""
    short = width - len(line)
    if not (-2 <= short <= 2 or (short <= 4 and line.endswith("<"))):
        return None
    return (line + "<" * width)[:width] if len(line) < width or line[width:].strip("<") == "" else None


def normalise_lines(lines: list[str]) -> list[str]:
    lines = [line.upper().translate(_FILLER).strip() for line in lines if line.strip()]
    return [re.sub(r"K{3,}", lambda m: "<" * len(m.group()), line) for line in lines]  # OCR reads <<< as KKK


def _yymmdd(s: str, future: bool) -> date | None:
    if not s.isdigit():
        return None
    yy, mm, dd = int(s[:2]), int(s[2:4]), int(s[4:6])
    pivot = (date.today().year % 100) + (50 if future else 0)
    year = 2000 + yy if yy <= pivot else 1900 + yy
    try:
        return date(year, mm, dd)
    except ValueError:
        return None


def _fields(layout: Layout, rows: list[str]) -> list[str]:
    """The lines with each field's confusions undone according to its kind."""
    rows = list(rows)
    for _, line, start, end, kind in layout.fields:
        rows[line] = rows[line][:start] + _correct(rows[line][start:end], kind) + rows[line][end:]
    for _, _, (line, pos) in layout.checks:
        rows[line] = rows[line][:pos] + _correct(rows[line][pos], "num") + rows[line][pos + 1:]
    return rows


def _check_fails(covered: str, digit: str) -> bool:
    if digit == "<" and covered.strip("<") == "":  # an empty optional field may leave its digit blank
        return False
    readable = re.fullmatch(r"[0-9A-Z<]*", covered) and digit.isdigit()
    return not readable or check_digit(covered) != int(digit)


def _failed_checks(layout: Layout, rows: list[str]) -> list[str]:
    failed = []
    for name, slices, (line, pos) in layout.checks:
        covered = "".join(rows[li][a:b] for li, a, b in slices)
        if _check_fails(covered, rows[line][pos]):
            failed.append(name)
    if "optional" in failed and "composite" not in failed:
        failed.remove("optional")  # the composite covers the optional data too: a misread digit of its own
    if failed == ["composite"] and not _composite_digit(layout, rows).isdigit():
        failed.remove("composite")  # its digit was lost to OCR (read as a filler): unread, not failing
    return failed


def _composite_digit(layout: Layout, rows: list[str]) -> str:
    _, _, (line, pos) = next(c for c in layout.checks if c[0] == "composite")
    return rows[line][pos]


# OCR confuses these; folded onto one character, two readings that differ only by them are the same.
CONFUSABLE = str.maketrans("OQDIL|BSZG", "0001118526")


def folded(value: str) -> str:
    """A reading with fillers and spaces dropped and each OCR confusion folded onto one character."""
    return re.sub(r"[\s<-]", "", value).upper().translate(CONFUSABLE)


def same_reading(a: str, b: str) -> bool:
    """Equal up to the letter/digit confusions of OCR (O/0, I/1, B/8, S/5, Z/2, G/6) and fillers."""
    return folded(a) == folded(b)


def differing_chars(a: str, b: str) -> int | None:
    """How many characters differ between two readings of one length; None when their lengths differ."""
    return sum(x != y for x, y in zip(a, b, strict=True)) if len(a) == len(b) else None


def _near(zone_number: str, printed: str) -> bool:
    """The same number up to OCR confusions and two more characters."""
    apart = differing_chars(folded(zone_number), folded(printed))
    return apart is not None and apart <= 2


def _number_spec(layout: Layout) -> Spec:
    """The layout's document number field: (name, line, start, end, kind)."""
    return next(f for f in layout.fields if f[0] == "document_number")


def _use_printed_number(layout: Layout, rows: list[str], printed: str | None) -> list[str]:
    """A zone number whose check fails, read elsewhere on the card (the printed field) with the same
    characters up to OCR confusions, or up to two characters (OCR-B 9 read as D: UADOSWKHA for
    UA90SWKHA): the printed reading is tried in its place, and kept only when it passes the number's
    check digit and the composite one passes too, or fails with another field's check (its digit then
    covers a failing field: the zone stays invalid, now for the right reason). The composite weighs the
    number's characters as the number's check does, so for a different number it confirms nothing more:
    the printed reading is an independent one, never a search for characters that pass."""
    _, line, start, end, kind = _number_spec(layout)
    if printed is None or kind != "alnum" or "document_number" not in _failed_checks(layout, rows):
        return rows
    field, number = rows[line][start:end], printed.upper().replace(" ", "")
    apart = differing_chars(field.rstrip("<"), number)
    if len(number) > end - start or not (same_reading(field, number) or (apart is not None and apart <= 2)):
        return rows
    trial = list(rows)
    trial[line] = rows[line][:start] + number.ljust(end - start, "<") + rows[line][end:]
    failed = set(_failed_checks(layout, trial))
    explained = "composite" not in failed or bool(failed - {"composite"})
    return trial if "document_number" not in failed and explained else rows


# Characters OCR may add inside a zone's number (a 'G' in 64MJ1AH7X read 6G4MJI1AH7X) before the zone
# is taken to spell another number than the printed one.
MAX_INSERTED = 2


def spells_number(layout_name: str, lines: list[str], number: str) -> bool:
    """Whether the zone's number row reads as `number` and then its check digit, with up to MAX_INSERTED
    characters OCR added in between. Added characters shift the rest of the row, and those left where the
    number should end can pass its check by chance (build/holdout3 B0026, holdout7 B0012): the zone then
    seems to contradict a number printed right. A zone printed with another number still contradicts
    it: that number is not the printed one with characters added, and its check digit is its own."""
    layout = next((lay for lay in LAYOUTS if lay.name == layout_name), None)
    rows = normalise_lines(lines)
    if layout is None or not number.isalnum():
        return False
    _, line, start, _, _ = _number_spec(layout)
    if len(rows) <= line:
        return False
    wanted = number.upper().translate(CONFUSABLE)
    window = rows[line][start : start + len(wanted) + 1 + MAX_INSERTED]
    if not window or window[0].translate(CONFUSABLE) != wanted[0]:
        return False
    found = 0
    for index, char in enumerate(window):
        if found == len(wanted):  # the number spelled: its check digit must follow at once
            return index > len(wanted) and char.isdigit() and int(char) in _check_digits(number.upper())
        if char.translate(CONFUSABLE) == wanted[found]:
            found += 1
    return False


def _check_digits(number: str) -> set[int]:
    """The check digits of `number` with each letter OCR confuses with a digit (O/0, I/1, B/8 …) read
    either way: print and zone may both read a 0 as O."""
    sums = {0}
    for i, char in enumerate(number):
        options = {char, char.translate(CONFUSABLE)}
        sums = {(total + char_value(c) * WEIGHTS[i % 3]) % 10 for total in sums for c in options}
    return sums


def _td1_long_number(rows: list[str], failed: list[str]) -> str:
    """TD1 numbers over 9 characters continue in the optional data, their check digit last."""
    number = rows[0][5:14]
    rest = rows[0][15:30].split("<")[0]
    if rows[0][14] == "<" and len(rest) >= 2:
        number += rest[:-1]
        ok = rest[-1].isdigit() and check_digit(number) == int(rest[-1])
        if ok and "document_number" in failed:
            failed.remove("document_number")
    return number


def _misread_filler(token: str) -> bool:
    """A name token that is fillers OCR read as letters of the same outline ('EEEERELE', 'EKEERE', 'ERR'):
    only E, K, C, L, R, and short or mostly E (a name of those letters, KELLER or CLERC, is not)."""
    return set(token) <= set("EKCLR") and (len(token) <= 3 or 2 * token.count("E") >= len(token))


def _name_tokens(field: str, separator: str = "<") -> list[str]:
    """The names of a zone field, trailing misread fillers dropped (never the first name). The last name
    is dropped too when it may be cut short: it runs to the field's end, or is followed by a single '<'
    where a hyphenated name's second part would begin (ANNE<SOPHIE cut to ANNE<). A part of a name
    would read as another name."""
    tokens = [t.strip("<") for t in field.split(separator) if t.strip("<")]
    if tokens and not field.endswith("<<") and not _misread_filler(tokens[-1].replace("<", "")):
        tokens.pop()
    while len(tokens) > 1 and _misread_filler(tokens[-1].replace("<", "")):
        tokens.pop()
    return tokens


def _names(raw: str) -> tuple[str, list[str]]:
    """Surname and given names of a TD1/TD2/TD3 names field (`_name_tokens`)."""
    surname, separator, given = raw.partition("<<")
    if not separator:
        return " ".join(_name_tokens(surname)), []
    return " ".join(t for t in surname.split("<") if t), _name_tokens(given)


def _result(layout: Layout, rows: list[str]) -> MrzResult:
    get = {name: rows[line][a:b] for name, line, a, b, _ in layout.fields}
    failed = _failed_checks(layout, rows)
    if layout.name == "fr1988":
        surname = " ".join(_name_tokens(get["surname"]))
        given = [g.replace("<", "-") for g in _name_tokens(get["given"], "<<")]
        number = get["document_number"]
        issue = _yymmdd(number[:4] + "01", future=False) if number[:4].isdigit() else None
    else:
        surname, given = _names(get["names"])
        number = _td1_long_number(rows, failed) if layout.name == "td1" else get["document_number"]
        issue = None
    sex = get["sex"] if get["sex"] in {"F", "M", "X"} else None
    unread = [name for name, _, (line, pos) in layout.checks if not re.fullmatch(r"[0-9<]", rows[line][pos])]
    return MrzResult(
        format=layout.name, document_type=get["document_type"].rstrip("<"), country=get["country"],
        surname=surname, given_names=given, document_number=number.rstrip("<"),
        nationality=get.get("nationality", "FRA"), birth_date=_yymmdd(get["birth_date"], future=False),
        sex=sex, expiry_date=_yymmdd(get["expiry_date"], future=True) if "expiry_date" in get else None,
        failed=failed, issue_month=issue, unread_digits=unread,
        composite_read=_composite_digit(layout, rows).isdigit(),
    )


def _parse(lines: list[str], printed_number: str | None) -> MrzResult | None:
    candidates = []
    for layout in LAYOUTS:
        if len(lines) != len(layout.widths):
            continue
        rows = [_fit(line, w) for line, w in zip(lines, layout.widths, strict=True)]
        if any(r is None for r in rows):
            continue
        if (layout.name == "fr1988") != (layout.widths == (36, 36) and rows[0].startswith("IDFRA")):
            continue  # a 2x36 zone opening IDFRA is the 1988 card, never TD2
        fixed = _use_printed_number(layout, _fields(layout, rows), printed_number)  # type: ignore[arg-type]
        candidates.append(_result(layout, fixed))
    return min(candidates, key=lambda r: len(r.failed)) if candidates else None


# After a name's end ('<<'), fillers that OCR read as letters of the same outline (E, K, C, L, R).
_MISREAD_FILLERS = re.compile(r"<<[<EKCLR]*[EKCLR][<EKCLR]*<")


def _fillers_restored(lines: list[str]) -> list[str]:
    return [_MISREAD_FILLERS.sub(lambda m: "<" * len(m.group()), line) for line in lines]


def _td1_deletions(lines: list[str]) -> list[list[str]]:
    """A TD1 first line whose number, check digit and empty optional data read one character too long
    (eleven characters before the fillers, where there are ten): each single deletion up to the check
    digit (an optional-data character is never dropped: it is covered by the composite only)."""
    if len(lines) != 3 or not re.fullmatch(r".{5}[A-Z0-9]{11}<{5,}.{0,2}", lines[0]):
        return []
    return [[lines[0][:k] + lines[0][k + 1:] + "<", *lines[1:]] for k in range(5, 15)]


def _undoubled(lines: list[str]) -> list[list[str]]:
    """The lines with one 'O0' or '0O' read as the single zero it was, and the line's longest filler run
    given back the character that reading it to length took from it ('…3462O0SEBASTIEN<<<<…' for
    '…34620SEBASTIEN<<<<<…', build/holdout7 B0020)."""
    trials = []
    for i, line in enumerate(lines):
        for k in (m.start() for m in re.finditer(r"(?=O0|0O)", line)):
            shorter = line[:k] + "0" + line[k + 2:]
            runs = [(r.end() - r.start(), r.start(), r.end()) for r in re.finditer("<+", shorter)]
            if runs:
                _, a, b = max(runs)
                trials.append([*lines[:i], shorter[:a] + "<" * (b - a + 1) + shorter[b:], *lines[i + 1:]])
    return trials


def parse_mrz(lines: list[str], printed_number: str | None = None) -> MrzResult | None:
    """Parse 2 or 3 MRZ lines; None when they fit no layout. `failed` names every failing check.

    `printed_number`, the document number as printed on the card, may settle an OCR confusion in the
    zone's number (see `_use_printed_number`). Two OCR slips are undone only when the check digits then
    confirm it: fillers read as letters after a name (kept when fewer checks fail, the composite
    covering them), and one character too many in a TD1 number (kept only when every check passes, for
    one number only, and near the printed number when there is one: with the composite digit lost, one
    deletion in ten passes the number's check by chance, build/holdout5 B0031). Otherwise the number's
    check digit is unread (`unread_digits`): which character is the extra one is not known. A zero read
    doubled ('O0', `_undoubled`) is read single when every check then passes, the composite's included."""
    lines = normalise_lines(lines)
    result = _parse(lines, printed_number)
    if result is None or not result.failed:
        return result
    restored = _parse(_fillers_restored(lines), printed_number)
    if restored is not None and len(restored.failed) < len(result.failed):
        result = restored
    deletions = _td1_deletions(lines)
    passing = [r for trial in deletions if (r := _parse(trial, printed_number)) is not None and not r.failed
               and (printed_number is None or _near(r.document_number, printed_number))]
    if len({r.document_number for r in passing}) == 1:  # two different numbers that pass: a coincidence
        return passing[0]
    undoubled = [r for trial in _undoubled(lines) if (r := _parse(trial, printed_number)) is not None
                 and not r.failed and r.composite_read]
    if len(undoubled) == 1:
        return undoubled[0]
    if deletions and "document_number" in result.failed and "document_number" not in result.unread_digits:
        result.unread_digits.append("document_number")  # a character too many: its check digit is unknown
    return result


MRZ_LINE = re.compile(r"^[A-Z0-9<«‹]{26,48}$")


def find_mrz_lines(text: str) -> list[str]:
    """The last block of consecutive MRZ-looking lines of a page text (spaces removed)."""
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        squeezed = line.replace(" ", "").upper()
        if MRZ_LINE.match(squeezed) and ("<" in squeezed or "«" in squeezed):
            blocks[-1].append(squeezed)
        elif blocks[-1]:
            blocks.append([])
    found = [b for b in blocks if len(b) >= 2]
    return found[-1][-3:] if found else []


def cni_1988_expiry(result: MrzResult, birth_date: date | None) -> date | None:
    """Validity of a French 1988 card from its issue month: 10 years, 15 for an adult issued 2004-2013.

    Counted from the first day of the issue month, so never later than the real end of validity."""
    issue = result.issue_month
    if issue is None:
        return None
    adult = birth_date is not None and (issue.year - birth_date.year, issue.month) >= (18, birth_date.month)
    years = 15 if adult and date(2004, 1, 2) <= issue <= date(2013, 12, 31) else 10
    return issue.replace(year=issue.year + years)
