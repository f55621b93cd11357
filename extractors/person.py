"""The candidate's name on any document: labelled fields first, then 'atteste que Madame X' sentences."""

from __future__ import annotations

import re

from extractors.common import FALLBACK, FLAGS, PATTERN, Collector, Hit, labelled_text, pattern
from extractors.common import clean_text as _clean
from justif.domain import Page
from justif.names import cut_usage, split_person

_PR = r"pr[ée]n[o0]ms?(?:\s*\(\s*s\s*\))?"
FULL_LAST_FIRST = rf"n[o0]m\s*(?:,|et|/|-|&|\.)?\s*{_PR}|identit[ée]\s+du\s+candidat"
FULL_FIRST_LAST = rf"{_PR}\s*(?:,|et|/|-)?\s*n[o0]m"
FULL_ANY = (r"(?:candidat|stagiaire|salari[ée]|apprenti|titulaire|[ée]l[èe]ve|b[ée]n[ée]ficiaire|"
            r"alternant|int[ée]ress[ée])(?:\s*\(\s*e\s*\))?(?=\s*:)")
LAST = (r"n[o0]m\s+de\s+naissance(?:\s+de\s+l['’]\s?\w+(?:\s*\(\s*e\s*\))?)?|n[o0]m\s+patronymique|"
        r"n[o0]m\s+de\s+famille|n[o0]m(?:\s*/\s*surname)?(?!\s+(?:d|de|du|et|des|commercial)\b)(?!\s*,)")
USAGE = r"n[o0]m\s+d['’]\s?usage|n[o0]m\s+d['’]\s?[ée]pouse|n[o0]m\s+marital"
FIRST = rf"{_PR}(?:\s*/\s*given\s+names?)?(?!\s*(?:,|et|/|-)?\s*n[o0]m)"
# Any of these ends a value printed on the same line as its label.
STOP = re.compile(rf"\s(?:{_PR}|n[o0]m\b|n[ée]\s*\(?e?\)?\s+le|date\s+de\s+naissance|sexe|nationalit)",
                  re.IGNORECASE)
CIVILITY = r"(?:Monsieur|Madame|Mademoiselle|M\.|Mr\.?|Mme\.?|Mlle\.?)"
_NAME_END = (r"(?=\s*[,;(]|\s+(?:n[ée]e?\b|n[ée]\s*\(|demeurant|domicili|a\s|est\s|était|titulaire|inscrit|"
             r"suit|occupe|pour\b|au\s+sein|dans\b|en\s+qualit|en\s+tant|du\s|depuis|a\s+particip|a\s+effectu|"
             r"a\s+suivi|a\s+[ée]t[ée]|sous\b|\d))")
ROLE = (r"(?:l['’]\s?(?:[ée]l[èe]ve|[ée]tudiante?|apprentie?|int[ée]ress[ée]e?|alternante?)(?:\s*\(e\))?|"
        r"(?:le|la)\s+(?:stagiaire|salari[ée]e?|candidate?|jeune)(?:\s*\(e\))?)")
ATTESTS = re.compile(
    rf"(?:atteste|certifie|attestons|certifions|d[ée]clare)\w*\s+(?:par\s+la\s+pr[ée]sente\s+)?(?:que|qu['’])\s*"
    rf"(?:{ROLE}\s+)?(?P<value>(?:{CIVILITY}\s+)?[^\s,;].{{1,70}}?){_NAME_END}", FLAGS)
CIVIL = re.compile(rf"(?<!soussign[ée]\s)(?<!soussign[ée]\(e\)\s)\b{CIVILITY}\s+(?!l[ea]\b|l['’])"
                   rf"(?P<value>[^\s,;].{{1,60}}?){_NAME_END}", re.MULTILINE)


_UPPER_OCR = str.maketrans("0158l|", "OISBII")
_LOWER_OCR = str.maketrans("01", "ol")


def fix_name_ocr(value: str) -> str:
    """Names hold no digits: in a capitalised word 0 was an O, 1 or l an I (in lower case: o, l)."""
    def fix(token: str) -> str:
        letters = [c for c in token if c.isalpha() and c != "l"]
        if not letters:
            return token
        if sum(c.isupper() for c in letters) * 4 >= len(letters) * 3 and len(letters) >= 2:
            return token.translate(_UPPER_OCR)
        return token.translate(_LOWER_OCR)
    return " ".join(fix(t) for t in value.split())


def clean_text(value: str) -> str | None:
    cleaned = _clean(value)
    return fix_name_ocr(cleaned) if cleaned else None


def _first_names(value: str) -> list[str]:
    return [t for t in re.split(r"[\s,;]+", value) if sum(c.isalpha() for c in t) >= 1]


def _plausible(name: str | None) -> bool:
    return bool(name) and len(name.split()) <= 5 and not re.search(r"\d|@", name)


def _put_full(out: Collector, hit: Hit, order: str) -> bool:
    last, firsts, usage = split_person(hit.value, order=order)
    if not _plausible(last) or len(firsts) > 5:
        return False
    out.put("last_name", hit, last)
    out.put("first_names", hit, firsts or None)
    out.put("usage_name", hit, usage)
    return True


def _labelled(pages: list[Page], out: Collector) -> None:
    orders = ((FULL_LAST_FIRST, "last_first"), (FULL_FIRST_LAST, "first_last"), (FULL_ANY, "auto"))
    for label, order in orders:
        hit = labelled_text(pages, label, STOP)
        if hit and clean_text(hit.value) and _put_full(out, Hit(clean_text(hit.value), hit.page, hit.start,
                                                                hit.end, hit.how), order):
            return
    last = labelled_text(pages, LAST, STOP)
    if last and clean_text(last.value):
        name, usage = cut_usage(clean_text(last.value))
        if _plausible(name):
            out.put("last_name", last, name)
            out.put("usage_name", last, usage)
    usage = labelled_text(pages, USAGE, STOP)
    if usage and clean_text(usage.value) and _plausible(clean_text(usage.value)):
        out.put("usage_name", usage, clean_text(usage.value))
    first = labelled_text(pages, FIRST, STOP)
    if first and clean_text(first.value):
        out.put("first_names", first, _first_names(clean_text(first.value)) or None)


def find_person(pages: list[Page], out: Collector) -> None:
    """Fill last_name, first_names and usage_name from labels, else from sentences, else from a civility."""
    _labelled(pages, out)
    for rx, how in ((ATTESTS, PATTERN), (CIVIL, FALLBACK)):
        if out.has("last_name"):
            return
        hit = pattern(pages, rx, how=how)
        if hit and clean_text(hit.value):
            _put_full(out, Hit(clean_text(hit.value), hit.page, hit.start, hit.end, how), "auto")
