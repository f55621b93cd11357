"""The candidate's name on any document: labelled fields first, then 'atteste que Madame X' sentences."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from extractors.common import (
    FALLBACK,
    FLAGS,
    PATTERN,
    Collector,
    Hit,
    blanked,
    dated_row,
    labelled_text,
    pattern,
    table_cell,
)
from extractors.common import clean_text as _clean
from justif.dates import find_dates
from justif.domain import Page
from justif.names import (
    BIRTH_MARKER,
    USAGE_MARKER,
    cut_usage,
    fold_name,
    is_particle,
    is_upper_token,
    split_person,
    strip_usage_marker,
)
from justif.names import CIVILITY as CIVILITY_RX

GIVEN_NAMES = frozenset(
    word for line in (Path(__file__).parent / "data" / "given_names.txt").read_text(encoding="utf-8").splitlines()
    if not line.startswith("#") for word in line.split())
# OCR slips in the label: 'Prénon(s)' (m read as n), 'Prénomi(s)', 'Prénomt(s)' (a stroke of the parenthesis),
# 'Prenons)' (the opening parenthesis lost).
_PR = r"pr[ée]n[o0][mn][il1t]?s?(?:\s*\(\s*s\s*\)|\))?"
_E = r"(?:\s*\(\s*(?:e|ne|se)\s*\))?"
# The person a document is about, as forms name them ('stagære', 'stagiare': OCR of 'stagiaire' on scans).
ROLE_NOUN = (rf"(?:candidat|stag(?:iaire|[a-zæœ]{{2,4}}\b)|salari[ée]|apprenti|titulaire|[ée]l[èe]ve|"
             rf"b[ée]n[ée]ficiaire|alternant|int[ée]ress[ée]|[ée]tudiant|apprenant|participant|jeune|agent|employ[ée]){_E}")
_OF_ROLE = rf"(?:\s+(?:du|de\s+la|de\s+l['’]\s?|de\s+l['’]|de)\s*{ROLE_NOUN})?"
FULL_LAST_FIRST = (rf"n[o0]m\s*(?:,|et|/|-|&|\.)?\s*{_PR}{_OF_ROLE}|identit[ée]\s+du\s+candidat|"
                   rf"n[o0]m\s+et\s+pr[ée]n[o0]m\s*(?:\(\s*s\s*\))?{_OF_ROLE}")
FULL_FIRST_LAST = rf"{_PR}\s*(?:,|et|/|-)?\s*n[o0]m{_OF_ROLE}"
FULL_ANY = rf"{ROLE_NOUN}|(?:le|la|l['’])\s*{ROLE_NOUN}"
LAST = (rf"n[o0]m\s+de\s+naissance{_OF_ROLE}|n[o0]m\s+patronymique|n[o0]m\s+de\s+famille|"
        rf"n[o0]m\s+(?:du|de\s+la|de\s+l['’]\s?|de)\s*{ROLE_NOUN}|"
        r"n[o0]m(?:\s*[/|!]*\s*surname)?(?!\s+(?-i:d|de|du|et|des|ou|où|commercial)\b)(?!\s+d['’]\s?[ée]?[pu])(?!\s+d.{0,2}usage)(?!\s*,(?!\s*:))")
# Cards print the field 'ÉPOUSE / USAGE' too (over 'ép. LE BRIS' or a bare 'FABRE').
USAGE = r"n[o0]m\s+d['’]\s?usage|n[o0]m\s+d['’]\s?[ée]pouse|n[o0]m\s+marital|[ée]pouse\s*[/|!]\s*usage"
# The English gloss names the field when OCR garbled the French word before it ('Fes / Given names').
FIRST = (rf"(?:{_PR}{_OF_ROLE}(?:\s*[/|!]*\s*given\s+names?)?|[^\s/|!]{{1,12}}\s*[/|!]\s*given\s+names?)"
         rf"(?!\s*(?:,|et|/|-)?\s*n[o0]m)")
# Table columns holding the person's name ('Stagiaire  Du  Au' over 'DUPONT Marie  02/05  27/05').
NAME_COLUMN = rf"{ROLE_NOUN}|n[o0]m|{_PR}|identit[ée]"
# Words of form headings, never part of a name: a row of column titles read as a value.
NOT_NAMES = frozenset({"du", "au", "duree", "date", "dates", "emploi", "entree", "sortie", "formation", "annee",
                       "heures", "ne", "nee", "ne(e)", "le", "naissance", "prenom", "prenoms", "prenom(s)", "nom",
                       "designe", "designee", "designe(e)", "ci-dessous", "ci-apres", "adresse", "sexe",
                       "session", "specialite", "note", "notes", "unite", "signature", "objet", "poste", "bts", "cap",
                       "bac", "dut", "but", "licence", "master", "diplome", "en",
                       "surname", "name", "names", "given",  # bilingual cards: 'NOM / Surname'
                       # letterheads read under a name label ('Candidat' over 'Académie de Toulouse')
                       "academie", "rectorat", "ministere", "universite", "lycee", "republique", "examens",
                       "concours"})

# Any of these ends a value printed on the same line as its label.
STOP = re.compile(rf"\s(?:{_PR}|n[o0]m\b|n[ée]\s*\(?e?\)?\s+le|date\s+de\s+naissance|sexe|nationalit)",
                  re.IGNORECASE)
SIGNATORY = re.compile(r"\b(?:je|nous)\s+soussign[ée]\w*(?:\s*\(\s*e\s*\))?[^.]{0,200}?"
                       r"(?=\b(?:atteste|certifie|d[ée]clare))", re.IGNORECASE)
CIVILITY = r"(?:Monsieur|Madame|Mademoiselle|M\.|Mr\.?|Mme\.?|Mlle\.?)"
_NAME_END = (r"(?=\s*[,;(]|\s+(?:n[ée]e?\b|n[ée]\s*\(|demeurant|domicili|a\s|est\s|était|titulaire|inscrit|"
             r"suit|occupe|pour\b|au\s+sein|dans\b|en\s+qualit|en\s+tant|du\s|depuis|a\s+particip|a\s+effectu|"
             r"a\s+suivi|a\s+[ée]t[ée]|sous\b|\d|"
             r"à\s+(?:suivi|particip|effectu|obtenu|accompli)))")  # OCR's accent on 'a' ('DELPECH à suivi')
ROLE = (r"(?:l['’]\s?(?:[ée]l[èe]ve|[ée]tudiante?|apprentie?|int[ée]ress[ée]e?|alternante?)(?:\s*\(e\))?|"
        r"(?:le|la)\s+(?:stagiaire|salari[ée]e?|candidate?|jeune)(?:\s*\(e\))?)")
ATTESTS = re.compile(
    rf"(?:atteste|certifie|attestons|certifions|d[ée]clare)\w*\s+(?:par\s+la\s+pr[ée]sente\s+)?(?:que|qu['’])\s*"
    rf"(?:{ROLE}\s+)?(?P<value>(?:{CIVILITY}\s+)?[^\s,;].{{1,70}}?){_NAME_END}", FLAGS)
CIVIL = re.compile(rf"(?<!soussign[ée]\s)(?<!soussign[ée]\(e\)\s)\b{CIVILITY}\s+(?!l[ea]\b|l['’])"
                   rf"(?P<value>[^\s,;].{{1,60}}?){_NAME_END}", re.MULTILINE)

# A civility and one word, then a verb or a stop: the surname a letter calls the person by ('Monsieur
# Baptiste nous quitte …'), which orders a full name of two given-name-like words ('Monsieur Baptiste
# Yannick', build/holdout7 B0043).
CIVIL_SURNAME = re.compile(rf"\b{CIVILITY}\s+(?P<value>(?-i:[A-ZÀ-Ý])[^\W\d_]+(?:[-'’][^\W\d_]+)*)"
                           rf"(?=\s+(?-i:[a-zà-ÿ])|\s*[,.;])")


_UPPER_OCR = str.maketrans("0158l|", "OISBII")
_LOWER_OCR = str.maketrans("01", "ol")


def fix_name_ocr(value: str) -> str:
    """Names hold no digits: in a capitalised word 0 was an O, 1 or l an I (in lower case: o, l). A
    given name's capital I read as an l ('loana') is put back."""
    def fix(token: str) -> str:
        if _capital_i_read_l(token):
            return "I" + token[1:]
        letters = [c for c in token if c.isalpha() and c != "l"]
        if not letters:
            return token
        if sum(c.isupper() for c in letters) * 4 >= len(letters) * 3 and len(letters) >= 2:
            return token.translate(_UPPER_OCR)
        return token.translate(_LOWER_OCR)
    return " ".join(fix(t) for t in value.split())


def _capital_i_read_l(token: str) -> bool:
    """'loana': a known given name once its leading l is read as the capital I it was."""
    return (len(token) >= 4 and token[0] == "l" and token[1:].isalpha() and token[1:].islower()
            and fold_name("I" + token[1:]) in GIVEN_NAMES and fold_name(token) not in GIVEN_NAMES)


CASE_ALIKE = frozenset("cosuvwxz")  # small letters shaped like their capitals: OCR mixes the two up


def _capitals_read_small(value: str) -> str:
    """'sow' under 'Nom de naissance' is SOW: a surname whose every letter looks the same in both cases,
    read all in small letters, was printed in capitals (build/holdout2 B0045, a photographed contract)."""
    letters = [c for c in value if c.isalpha()]
    return value.upper() if letters and all(c in CASE_ALIKE for c in letters) else value


def clean_text(value: str) -> str | None:
    cleaned = _clean(value)
    return fix_name_ocr(cleaned) if cleaned else None


def _is_junk(token: str) -> bool:
    """A token no name starts with: leader dots read as letters ('nnnnss', 'idées'), stray marks."""
    if is_particle(token):
        return False
    return not token[:1].isupper() and not (token[:2].lower() in {"d'", "d’", "l'", "l’"} and token[2:3].isupper())


def drop_leader(value: str) -> str:
    """The value from its first capitalised word: what precedes it was read from the form's leader dots."""
    tokens = value.split()
    keep = next((i for i, t in enumerate(tokens) if not _is_junk(t)), len(tokens))
    while keep > 0 and is_particle(tokens[keep - 1]):  # "de LA FONTAINE"
        keep -= 1
    return " ".join(tokens[keep:]) if keep < len(tokens) else value


def _name_word(token: str) -> bool:
    """A word of a given name: two letters or more, capitalised, no heading word, and no abbreviation's
    full stop ('Fe.' read from a leader's last dots before 'Hugo', build/holdout B0022)."""
    return sum(c.isalpha() for c in token) >= 2 and not _is_junk(token) and fold_name(token) not in NOT_NAMES \
        and not token.endswith(".")


def _without_dates(value: str) -> str:
    """The value with its dates blanked out."""
    for _, (start, end) in reversed(find_dates(value)):
        value = f"{value[:start]} {value[end:]}"
    return value


def _first_names(value: str) -> list[str]:
    """The given names of a first-name field; a lone letter is an initial or a stray mark, not a name.
    Names listed with commas keep their inner spaces ('Fatima Zahra, Salma': two names); without commas
    each word is a name, since nothing tells 'Fatima Zahra Salma' apart. Dates are no names: a table
    row read beside the label ('15 AOÛT 2002 30 MAI 2020', build/h3001 B0029) gave 'AOÛT' and 'MAI'."""
    text = drop_leader(_without_dates(value))
    if "," in text:
        pieces = (" ".join(t for t in piece.strip(" ()").split() if _name_word(t)) for piece in re.split(r"[,;]", text))
        return [piece for piece in pieces if piece]
    return [t for t in (t.strip("()") for t in re.split(r"[\s;]+", text)) if _name_word(t)]


# Label words of bilingual cards; OCR garbles them ('Surnanwe'), and a garbled label is no surname.
LABEL_WORDS = ("surname", "given names", "prenoms", "nom d'usage", "alternate name")


def label_like(value: str) -> bool:
    folded = fold_name(value)
    return any(difflib.SequenceMatcher(None, folded, word).ratio() >= 0.75 for word in LABEL_WORDS)


def _plausible(name: str | None) -> bool:
    """A surname: one to five words, two letters or more, a capitalised word among them, none a heading
    word, no digit, not a garbled label. (A lone letter is a mark OCR read: 'A' before 'Jean-Pierre
    Baptiste' on a photographed transcript, build/h3002 B0044.)"""
    if not name or len(name.split()) > 5 or re.search(r"\d|@", name) or label_like(name):
        return False
    if sum(c.isalpha() for c in name) < 2:
        return False
    words = [t for t in name.split() if not is_particle(t)]
    return bool(words) and not _is_junk(words[0]) and not any(fold_name(t.strip(",;:")) in NOT_NAMES
                                                              for t in words)


def _given(token: str) -> bool:
    return all(part in GIVEN_NAMES for part in fold_name(token).split())


def _name_order(text: str, order: str, surname: str | None = None) -> str | None:
    """The order of a full name printed without capitals ('Benali Youssef' or 'Youssef Benali'?):
    capitals, a comma or a particle decide in `split_person`; else a known given name at one end only;
    else the `surname` the paper names the person by elsewhere, at one end; else unknown (None) — papers
    print both orders, and a guess would flag a wrong name."""
    core = USAGE_MARKER.split(BIRTH_MARKER.split(CIVILITY_RX.sub("", text))[0])[0]
    tokens = core.split()
    if "," in core or len(tokens) < 2 or any(is_upper_token(t) or is_particle(t) for t in tokens):
        return order
    first, last = _given(tokens[0]), _given(tokens[-1])
    if first != last:
        return "first_last" if first else "last_first"
    if surname is not None:
        at_start, at_end = (fold_name(t) == fold_name(surname) for t in (tokens[0], tokens[-1]))
        if at_start != at_end:
            return "last_first" if at_start else "first_last"
    return None


def full_name(value: str, order: str, surname: str | None = None) -> tuple[str, list[str], str | None] | None:
    """(last, firsts, usage) of a full name as printed, or None when it is not one (`surname`: see
    `_name_order`)."""
    text = drop_leader(value)
    if any(fold_name(t.strip(",;:")) in NOT_NAMES for t in text.split() if not is_particle(t)):
        return None  # a row of column titles, or 'l'intéressé(e) désigné(e) ci-dessous'
    known = _name_order(text, order, surname)
    if known is None:
        return None
    last, firsts, usage = split_person(text, order=known)
    firsts = [f for f in firsts if not re.fullmatch(r"[^\W\d_]\.?", f)]  # 'M' of a sex or civility column
    if not _plausible(last) or not 1 <= len(firsts) <= 5 or any(_is_junk(f) for f in firsts):
        return None  # a full name has a given name: one word alone is a cut cell or a stray word
    if any(c.isdigit() for f in firsts for c in f):
        return None  # 'recommandation R408 de la CNAM' below 'Le stagiaire désigné ci-dessous': no name
    return last, firsts, usage


def _put_full(out: Collector, hit: Hit, order: str, surname: str | None = None) -> bool:
    found = full_name(hit.value, order, surname)
    if found is None:
        return False
    _put_name(out, hit, found)
    return True


def _put_name(out: Collector, hit: Hit, name: tuple[str, list[str], str | None]) -> None:
    last, firsts, usage = name
    out.put("last_name", hit, last)
    out.put("first_names", hit, firsts or None)
    out.put("usage_name", hit, usage)


def _with_clean(hit: Hit | None) -> Hit | None:
    value = clean_text(hit.value) if hit else None
    return Hit(value, hit.page, hit.start, hit.end, hit.how) if hit and value else None


def _labelled(pages: list[Page], out: Collector) -> None:
    orders = ((FULL_LAST_FIRST, "last_first"), (FULL_FIRST_LAST, "first_last"), (FULL_ANY, "last_first"))
    for label, order in orders:
        def accept(value: str, order: str = order) -> bool:
            cleaned = clean_text(value)
            return cleaned is not None and full_name(cleaned, order) is not None
        hit = _with_clean(labelled_text(pages, label, STOP, accept=accept))
        if hit and _put_full(out, hit, order):
            break  # the separate labels below may still give what the full name lacked
    last = _with_clean(labelled_text(pages, LAST, STOP))
    if last:
        name, usage = cut_usage(drop_leader(_capitals_read_small(last.value)))
        if _plausible(name):
            out.put("last_name", last, name)
            out.put("usage_name", last, usage)
    usage = _with_clean(labelled_text(pages, USAGE, STOP))
    if usage:
        name = drop_leader(strip_usage_marker(usage.value))
        if _plausible(name):
            out.put("usage_name", usage, name)
    # A garbled gloss of the label ('Prénoms | Gen names', build/holdout5 B0010) is no value: the next line is.
    first = _with_clean(labelled_text(pages, FIRST, STOP, accept=lambda v: not label_like(clean_text(v) or "")))
    if first:
        out.put("first_names", first, _first_names(first.value) or None)


# A line that is a full name and nothing else, printed 'NOM Prénom(s)' (and 'épouse NOM'): on a transcript
# whose label column OCR lost, the candidate's name still stands alone there ('LE BIHAN Hélène épouse ROUX',
# build/holdout5 B0011, a degraded scan).
NAME_LINE = re.compile(r"^[ \t|]*(?P<value>(?:(?-i:[A-ZÀ-Ý][A-ZÀ-Ý'’-]+)[ \t]+)+(?-i:[A-ZÀ-Ý][a-zà-ÿ'’-]+)"
                       r"(?:[ \t]+(?-i:[A-ZÀ-Ý][a-zà-ÿ'’-]+)){0,2}(?:[ \t]+(?:[ée]pouse|n[ée]e)[ \t]+"
                       r"(?-i:[A-ZÀ-Ý][A-ZÀ-Ý'’ -]+))?)[ \t]*$", FLAGS)


def find_name_line(pages: list[Page], out: Collector) -> None:
    """The person from a line holding only a full name whose given names are all known ones (so that
    'BTS Communication' or 'EURL Informatique' are not taken for people): when no label named them."""
    for page in pages:
        for m in NAME_LINE.finditer(page.text):
            hit = Hit(m.group("value"), page, m.start("value"), m.end("value"), FALLBACK)
            found = full_name(hit.value, "last_first")
            if found is not None and found[1] and all(_given(f) for f in found[1]):
                _put_name(out, hit, found)
                return


def without_signatory(pages: list[Page]) -> list[Page]:
    """The pages with 'Je soussigné(e) X, gérant de …,' blanked up to its verb: the signer is not the subject."""
    return blanked(pages, SIGNATORY)


def find_person(pages: list[Page], out: Collector) -> None:
    """Fill last_name, first_names and usage_name from labels, a table, else sentences, else a civility,
    else a table row whose titles were not read."""
    _labelled(pages, out)
    if not out.has("last_name"):
        hit = _with_clean(table_cell(pages, NAME_COLUMN))
        if hit:
            _put_full(out, hit, "last_first")
    unsigned = without_signatory(pages)
    for rx, how in ((ATTESTS, PATTERN), (CIVIL, FALLBACK)):
        if out.has("last_name"):
            return
        hit = _with_clean(pattern(unsigned, rx, how=how))
        if hit:
            alone = pattern(unsigned, CIVIL_SURNAME)
            _put_full(out, hit, "auto", alone.value if alone else None)
    if not out.has("last_name") and (row := dated_row(pages)) and (hit := _with_clean(row[0])):
        _put_full(out, hit, "last_first")  # a table row read without its titles: 'NOM Prénom  date  date'
