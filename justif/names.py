"""Person names: the one folding used to compare them (`fold_name`) and `split_person`."""

from __future__ import annotations

import difflib
import re
import unicodedata

PARTICLES = frozenset({"de", "du", "des", "d'", "d’", "la", "le", "les", "van", "von", "der", "den",
                       "ben", "bin", "el", "al", "ait", "aït", "di", "da", "dos", "del", "della", "ter", "ten"})
CIVILITY = re.compile(
    r"^\s*(?:monsieur|madame|mademoiselle|mr\.?|mme\.?|mlle\.?|melle\.?|m\.|m\s)\s*", re.IGNORECASE
)
# "épouse X", "ép. X", "veuve X", "nom d'usage : X" introduce a usage name; "née X" a birth name.
USAGE_MARKER = re.compile(r"(?:\(\s*)?\b(?:[ée]pouse|[ée]p\.?|veuve|vve\.?|"
                          r"(?:nom\s+d['’]\s?)?usage\s*:|nom\s+d['’]\s?usage)(?=\s)", re.IGNORECASE)
BIRTH_MARKER = re.compile(r"\bn[ée]e?\s+(?!le\s+\S*\d)(?!(?:à|a|en|au)\s)(?=\S)", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―'’ʼ`´]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})


def _strip_marks(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def fold_name(s: str) -> str:
    """Case, accents, hyphens, apostrophes, repeated spaces folded: "Le Brün-d'Ar" -> 'le brun d ar'."""
    folded = _strip_marks(s).casefold().translate(_LIGATURES)
    folded = _strip_marks(folded).casefold()  # casefold can expose new marks; a second pass settles it
    return _SEPARATORS.sub(" ", folded).strip()


def is_upper_token(token: str) -> bool:
    """A surname printed in capitals ('DUPONT', "D'ALEMBERT", 'McDONALD'), not a capitalised first name."""
    letters = [c for c in re.sub(r"^[dDlL]['’]", "", token) if c.isalpha()]  # d'OZ is capitals
    if len(letters) < 2:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= 0.75


def is_particle(token: str) -> bool:
    return token.casefold() in PARTICLES or token.casefold()[:2] in {"d'", "d’"} and len(token) == 2


def _opens_surname(tokens: list[str], i: int) -> bool:
    """'de' in 'Anne-Sophie de Villèle', "d'Ormesson" in "Jean d'Ormesson": within a name printed without
    capitals, a particle in small letters with a word after it, or an elided one, opens the surname."""
    token = tokens[i]
    if token[:2] in {"d'", "d’"} and token[2:3].isupper():
        return True
    return token.islower() and is_particle(token) and i + 1 < len(tokens)


def _particle_before_caps(tokens: list[str], i: int) -> bool:
    return is_particle(tokens[i]) and i + 1 < len(tokens) and is_upper_token(tokens[i + 1])


def _surname_span(tokens: list[str], order: str) -> tuple[int, int]:
    """[start, end) of the surname tokens: the run of capitals, else by `order`."""
    caps = [i for i, t in enumerate(tokens) if is_upper_token(t)]
    if caps and len(caps) < len(tokens):
        start = end = caps[0]
        while end < len(tokens) and (
            is_upper_token(tokens[end]) or _particle_before_caps(tokens, end)
        ):
            end += 1
        while start > 0 and is_particle(tokens[start - 1]):
            start -= 1
        if start > 0 and end < len(tokens) and caps[-1] >= end:  # two runs: trust the last one
            return _surname_span(tokens[end:], order)[0] + end, len(tokens)
        return start, end
    if is_particle(tokens[0]) and len(tokens) > 1:
        order = "last_first"  # no given name opens with a particle: 'Di Stefano Lorenzo', 'Le Bihan Hélène'
    inner = next((i for i in range(1, len(tokens)) if _opens_surname(tokens, i)), None)
    if inner is not None:
        return inner, len(tokens)
    if order == "first_last" or (order == "auto" and not caps):
        start = len(tokens) - 1
        while start > 0 and is_particle(tokens[start - 1]):
            start -= 1
        return start, len(tokens)
    end = 0
    while end < len(tokens) - 1 and is_particle(tokens[end]):
        end += 1
    return 0, end + 1


def _take_name_after(text: str, pos: int) -> tuple[str, int]:
    """The surname printed from `pos` (capital tokens and particles, else one word, a particle's word
    included) and where it ends."""
    tokens = list(re.finditer(r"\S+", text[pos:]))
    taken: list[re.Match[str]] = []
    for m in tokens:
        word = m.group().rstrip(",;)")
        after_particle = bool(taken) and is_particle(taken[-1].group().rstrip(",;)"))
        if is_particle(word) or is_upper_token(word) or not taken or after_particle:
            taken.append(m)
            if not (is_particle(word) or is_upper_token(word)):
                break  # one mixed-case word ends it: 'épouse Martin', 'épouse Le Bihan'
        else:
            break
    if not taken:
        return "", pos
    return " ".join(m.group().rstrip(",;)") for m in taken), pos + taken[-1].end()


def _cut_marker(text: str, marker: re.Pattern[str]) -> tuple[str, str | None]:
    m = marker.search(text)
    if not m:
        return text, None
    name, end = _take_name_after(text, m.end())
    return (text[: m.start()] + " " + text[end:]).strip(), name or None


def split_person(s: str, order: str = "auto") -> tuple[str | None, list[str], str | None]:
    """(last_name, first_names, usage_name) of a printed person: 'NOM Prénom', 'Prénom NOM', 'NOM, Prénom'.

    Capital tokens are the surname; when case says nothing, `order` decides ('last_first' or
    'first_last'; 'auto': capitals first, mixed case last). 'épouse X' / 'nom d'usage X' give the usage
    name; 'née X' the birth name."""
    text = CIVILITY.sub("", " ".join(s.split())).strip(" ,;:")
    text, usage = _cut_marker(text, USAGE_MARKER)
    text, birth = _cut_marker(text, BIRTH_MARKER)
    text = CIVILITY.sub("", text).strip(" ,;:")
    if "," in text:
        last, _, firsts = text.partition(",")
        last_name, first_names = last.strip() or None, firsts.replace(",", " ").split()
    else:
        tokens = text.split()
        if not tokens:
            return birth, [], usage
        start, end = _surname_span(tokens, order)
        last_name = " ".join(tokens[start:end]) or None
        first_names = tokens[:start] + tokens[end:]
    if birth:  # "Claire MARTIN née DUPONT": the name in front is the usage name
        usage, last_name = usage or last_name, birth
    return last_name, [f.strip(",;") for f in first_names if f.strip(",;")], usage


def cut_usage(text: str) -> tuple[str, str | None]:
    """('DUPONT', 'MARTIN') from 'DUPONT épouse MARTIN'; the text unchanged and None without a marker."""
    return _cut_marker(" ".join(text.split()), USAGE_MARKER)


def strip_usage_marker(text: str) -> str:
    """'N'DIAYE' from 'ép. N'DIAYE' printed in a usage-name field."""
    m = USAGE_MARKER.match(text.strip())
    return text.strip()[m.end():].strip() if m else text.strip()


def ocr_slip(found: str, declared: str, min_ratio: float = 0.8) -> bool:
    """True when `found` could be `declared` misread by OCR: folded, the declared name's words appear
    in it (stray marks around them), or the two differ by a character or two (ratio >= min_ratio).
    Used only for values read with low confidence; a different name ('Louise' for 'Justine') is not."""
    a, b = fold_name(found), fold_name(declared)
    if not a or not b:
        return False
    if f" {b} " in f" {a} ":
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= min_ratio
