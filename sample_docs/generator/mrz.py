"""ICAO 9303 machine-readable zones: TD1 (CNI 2021, titre de séjour), TD3 (passport), French CNI 1988 (2x36)."""

from __future__ import annotations

import re
from datetime import date

from .people import ascii_fold

_WEIGHTS = (7, 3, 1)


def check_digit(data: str) -> str:
    """ICAO 9303 check digit: digits as is, A-Z as 10-35, '<' as 0, weights 7-3-1."""
    total = 0
    for i, ch in enumerate(data):
        if ch.isdigit():
            value = int(ch)
        elif "A" <= ch <= "Z":
            value = ord(ch) - 55
        else:
            value = 0
        total += value * _WEIGHTS[i % 3]
    return str(total % 10)


def mrz_text(name: str) -> str:
    """Transliterate a name for a MRZ: no accents, apostrophes dropped, hyphens and spaces as '<'."""
    text = ascii_fold(name).upper().replace("'", "").replace("’", "")
    text = text.replace("Æ", "AE").replace("Œ", "OE").replace("ß", "SS")
    return re.sub(r"[^A-Z0-9]", "<", text)


def _pad(text: str, width: int) -> str:
    return text[:width].ljust(width, "<")


def _yymmdd(d: date) -> str:
    return d.strftime("%y%m%d")


def _names(last: str, firsts: list[str], width: int, first_sep: str = "<") -> str:
    return _pad(mrz_text(last) + "<<" + first_sep.join(mrz_text(f) for f in firsts), width)


def td1(doc_code: str, state: str, number: str, birth: date, sex: str, expiry: date, nationality: str,
        last: str, firsts: list[str], optional1: str = "", optional2: str = "") -> list[str]:
    """Three 30-character lines (ID-1 cards)."""
    num = _pad(number, 9)
    line1 = _pad(doc_code, 2) + state + num + check_digit(num) + _pad(optional1, 15)
    line2 = (_yymmdd(birth) + check_digit(_yymmdd(birth)) + sex + _yymmdd(expiry) + check_digit(_yymmdd(expiry))
             + nationality + _pad(optional2, 11))
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    return [line1, line2 + check_digit(composite), _names(last, firsts, 30)]


def td3(state: str, number: str, birth: date, sex: str, expiry: date, nationality: str, last: str,
        firsts: list[str], personal: str = "") -> list[str]:
    """Two 44-character lines (passport booklets)."""
    line1 = "P<" + state + _names(last, firsts, 39)
    num = _pad(number, 9)
    pers = _pad(personal, 14)
    pers_check = check_digit(pers) if personal else "<"
    line2 = (num + check_digit(num) + nationality + _yymmdd(birth) + check_digit(_yymmdd(birth)) + sex
             + _yymmdd(expiry) + check_digit(_yymmdd(expiry)) + pers + pers_check)
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    return [line1, line2 + check_digit(composite)]


def cni1988(last: str, firsts: list[str], number: str, admin_code: str, birth: date, sex: str) -> list[str]:
    """Two 36-character lines of the 1988 French identity card, with its global check digit."""
    line1 = "IDFRA" + _pad(mrz_text(last), 25) + _pad(admin_code, 6)
    given = _pad("<<".join(mrz_text(f) for f in firsts), 14)
    line2 = number + check_digit(number) + given + _yymmdd(birth) + check_digit(_yymmdd(birth)) + sex
    return [line1, line2 + check_digit(line1 + line2)]


def corrupt_check(lines: list[str], which: int) -> list[str]:
    """Replace the `which`-th check digit of the first data line that has one with a wrong digit."""
    positions = {30: [(0, 14), (1, 6), (1, 14), (1, 29)], 44: [(1, 9), (1, 19), (1, 27), (1, 43)],
                 36: [(1, 12), (1, 33), (1, 35)]}[len(lines[0])]
    row, col = positions[which % len(positions)]
    good = lines[row][col]
    bad = str((int(good) + 3) % 10)
    out = list(lines)
    out[row] = out[row][:col] + bad + out[row][col + 1:]
    return out


def verify(lines: list[str]) -> bool:
    """True when every check digit of a TD1, TD3 or CNI-1988 zone is right."""
    width = len(lines[0])
    if width == 30:
        l1, l2 = lines[0], lines[1]
        pairs = [(l1[5:14], l1[14]), (l2[0:6], l2[6]), (l2[8:14], l2[14]),
                 (l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29], l2[29])]
    elif width == 44:
        l2 = lines[1]
        pairs = [(l2[0:9], l2[9]), (l2[13:19], l2[19]), (l2[21:27], l2[27]),
                 (l2[0:10] + l2[13:20] + l2[21:43], l2[43])]
    else:
        l1, l2 = lines
        pairs = [(l2[0:12], l2[12]), (l2[27:33], l2[33]), (l1 + l2[:35], l2[35])]
    return all(check_digit(data) == digit for data, digit in pairs)
