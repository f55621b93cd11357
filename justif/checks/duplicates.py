"""DUPLICATE_UPLOAD: the same file, or the same page scanned or photographed again, in two dossiers.

Why the image hash is not enough: on pages of one printed form filled in for different people, the
64-bit pHash differs by 0-4 bits, as little as a rescan of one page (0-6 bits over blur, ±1.5°
rotation, JPEG at quality 40-80; synthetic A4 pages, development notes). What tells two people's copies
of a form apart is what is personal on them: names, dates, document and candidate numbers — the words
of a page found in at most two dossiers of the run (a duplicate spans two; the form's own wording spans
many). A page matches another when the hashes are close, the numbers printed on it agree, *and* most of its
personal words are shared; a phone photo of a page already scanned, whose hash moved more, needs nearly
all of them. (In a run of two dossiers every word looks personal: the numbers still tell people apart.)

An identity document is also known by its machine-readable zone: a card photographed on a desk may read
as little more than its zone (build/holdout5 B0020, 7 words), while the zone's document number and birth
date, confirmed by their check digits, name the one document wherever it is found.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from justif.checks.common import make_flag
from justif.domain import Flag, Page, Reading
from justif.mrz import find_mrz_lines, parse_mrz
from justif.names import fold_name

MAX_PHASH_DISTANCE = 8  # of 64 bits: rescans measured 0-6
MAX_PHASH_DISTANCE_PHOTO = 20  # perspective and background residue of a photo after clean-up
MIN_WORDS = 15  # blank or near-blank pages (a verso, a separator sheet) all hash alike
MAX_SHARING_DOSSIERS = 2  # a word in more dossiers than this belongs to the form, not the person
MIN_SHARED, MIN_SHARED_PHOTO = 0.5, 0.8  # share of the smaller page's personal words found on the other
MIN_PERSONAL = 3  # fewer personal words than this say nothing about whose page it is, unless …
MIN_ID_DIGITS = 8  # … one of them is a number this long, shared
# Jaccard index of the pages' digit shingles: a rescan misreading one digit of three numbers kept 0.65
# in development; another person's copy of a form shares only the form's own printed numbers.
MIN_NUMBER_AGREEMENT = 0.6
SHINGLE = 5
_NUMBER = re.compile(r"\d[\d ./-]{2,}\d")
_TOKEN = re.compile(r"\d[\d ./-]{2,}\d|[^\W\d_]{3,}")


@dataclass(frozen=True)
class PageKey:
    dossier: str
    file: str
    page: int
    words: frozenset[str]  # personal words, once the run's shared wording is removed
    numbers: frozenset[str]  # digit shingles


def page_numbers(text: str) -> frozenset[str]:
    """Digit groups of four or more digits once separators are dropped: 01/02/2000 → 01022000."""
    digits = (re.sub(r"\D", "", m.group()) for m in _NUMBER.finditer(text))
    return frozenset(d for d in digits if len(d) >= 4)


def shingles(numbers: frozenset[str]) -> frozenset[str]:
    """Overlapping 5-digit pieces of each number, so one misread digit spoils a few pieces, not a number."""
    return frozenset(n[i:i + SHINGLE] for n in numbers for i in range(max(1, len(n) - SHINGLE + 1)))


def numbers_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= MIN_NUMBER_AGREEMENT


def page_tokens(text: str) -> frozenset[str]:
    """Folded words of three letters or more, and numbers without their separators (01/02/2000 → 01022000)."""
    tokens = set()
    for match in _TOKEN.finditer(text):
        token = match.group()
        tokens.add(re.sub(r"\D", "", token) if token[0].isdigit() else fold_name(token))
    return frozenset(t for t in tokens if len(t) >= 3)


def shared_count(a: frozenset[str], b: frozenset[str]) -> int:
    """Words on both pages; a number counts as shared when a 5-digit piece of it is on the other page, so
    that a digit misread on a photo does not count against it (a photo of a scanned card shared 5 of
    its 8 personal words exactly, 7 so)."""
    other_pieces = shingles(frozenset(t for t in b - a if t.isdigit()))
    return len(a & b) + sum(1 for t in a - b if t.isdigit() and shingles(frozenset({t})) & other_pieces)


def same_content(a: frozenset[str], b: frozenset[str], share: float) -> bool:
    smaller = min(len(a), len(b))
    if smaller < MIN_PERSONAL:
        # Names common across the run leave a page few personal words; a long number (a certificate or
        # candidate number) found on both and in no third dossier, with nothing personal unshared,
        # still names one person: a photographed JDC certificate kept only its 12-digit number.
        return smaller >= 1 and shared_count(a, b) == smaller and \
            any(t.isdigit() and len(t) >= MIN_ID_DIGITS for t in a & b)
    return shared_count(a, b) / smaller >= share


_HOW = {
    "identical bytes": "est identique (mêmes octets) au",
    "same image": "montre la même image, numérisée ou photographiée à nouveau, que le",
    "same zone": "montre la même pièce d'identité (même numéro et même date de naissance dans la bande MRZ) que le",
}


def _flag(mine: tuple[str, str], other: tuple[str, str], kind: str, **details) -> Flag:
    how = _HOW[kind]
    return make_flag("DUPLICATE_UPLOAD", f"Le fichier « {mine[1]} » {how} fichier « {other[1]} » du dossier "
                     f"{other[0]} : vérifier à quel candidat il appartient.", file=mine[1],
                     other_dossier=other[0], other_file=other[1], match=kind, **details)


def _byte_pairs(readings: dict[str, list[Reading]]) -> set[tuple[tuple[str, str], tuple[str, str]]]:
    by_hash: dict[str, list[tuple[str, str]]] = {}
    for dossier, items in readings.items():
        for r in items:
            if r.upload.size > 0:  # every empty file has the same hash: not a duplicate
                by_hash.setdefault(r.upload.sha256, []).append((dossier, r.upload.file))
    return {(a, b) for files in by_hash.values() for a, b in combinations(files, 2) if a[0] != b[0]}


def _hashable(page: Page) -> bool:
    return bool(page.phash) and re.fullmatch(r"[0-9a-fA-F]+", page.phash) is not None \
        and len(page.text.split()) >= MIN_WORDS


def _distance(a: str, b: str) -> int | None:
    """Hamming distance of two hex hashes, scaled to 64 bits; None when their lengths differ."""
    if len(a) != len(b):
        return None
    return (int(a, 16) ^ int(b, 16)).bit_count() * 64 // (4 * len(a))


def _is_duplicate(a: PageKey, b: PageKey, distance: int | None) -> bool:
    if distance is None or distance > MAX_PHASH_DISTANCE_PHOTO or not numbers_agree(a.numbers, b.numbers):
        return False
    return same_content(a.words, b.words, MIN_SHARED if distance <= MAX_PHASH_DISTANCE else MIN_SHARED_PHOTO)


def _page_pairs(readings: dict[str, list[Reading]]) -> list[tuple[PageKey, PageKey, int]]:
    """Candidates come from shared personal words (each in at most two dossiers, so lists stay short even
    when thousands of pages of one form all hash alike); then hashes, numbers and words decide."""
    pages = [(dossier, p, page_tokens(p.text)) for dossier, items in readings.items()
             for r in items for p in r.pages if _hashable(p)]
    dossier_words = {(dossier, token) for dossier, _, tokens in pages for token in tokens}
    dossiers_of = Counter(token for _, token in dossier_words)
    keys, hashes, postings = [], [], defaultdict(list)
    for dossier, page, tokens in pages:
        personal = frozenset(t for t in tokens if dossiers_of[t] <= MAX_SHARING_DOSSIERS)
        for token in personal:
            postings[token].append(len(keys))
        keys.append(PageKey(dossier, page.file, page.number, personal, shingles(page_numbers(page.text))))
        hashes.append(page.phash.lower())
    candidates = {(i, j) for ids in postings.values() for i, j in combinations(ids, 2)
                  if keys[i].dossier != keys[j].dossier}
    pairs = []
    for i, j in sorted(candidates):
        distance = _distance(hashes[i], hashes[j])
        if _is_duplicate(keys[i], keys[j], distance):
            pairs.append((keys[i], keys[j], distance))
    return pairs


def _zone_key(page: Page) -> tuple[str, str] | None:
    """The identity document a page's machine-readable zone names (document number, birth date), when
    both pass their check digits; None for a page without a zone or with either misread."""
    lines = page.mrz_lines or find_mrz_lines(page.text)
    result = parse_mrz(lines) if lines else None
    if result is None or result.birth_date is None or not result.document_number or \
            {"document_number", "birth_date"} & set(result.failed):
        return None
    return result.document_number, result.birth_date.isoformat()


def _zone_pairs(readings: dict[str, list[Reading]]) -> dict[tuple[tuple[str, str], tuple[str, str]], tuple[int, int]]:
    """Files of two dossiers whose pages carry the same identity document's zone: (page, other page)."""
    by_key: dict[tuple[str, str], list[tuple[str, str, int]]] = defaultdict(list)
    for dossier, items in readings.items():
        for r in items:
            for p in r.pages:
                if (key := _zone_key(p)) is not None:
                    by_key[key].append((dossier, r.upload.file, p.number))
    pairs: dict[tuple[tuple[str, str], tuple[str, str]], tuple[int, int]] = {}
    for found in by_key.values():
        for a, b in combinations(sorted(found), 2):
            if a[0] != b[0]:
                pairs.setdefault((a[:2], b[:2]), (a[2], b[2]))
    return pairs


def duplicate_flags(readings_by_dossier: dict[str, list[Reading]]) -> dict[str, list[Flag]]:
    """DUPLICATE_UPLOAD on both dossiers, one flag per pair of files; same bytes win over same image,
    and same image over same zone."""
    out: dict[str, list[Flag]] = {}
    byte_pairs = _byte_pairs(readings_by_dossier)
    for a, b in sorted(byte_pairs):
        out.setdefault(a[0], []).append(_flag(a, b, "identical bytes"))
        out.setdefault(b[0], []).append(_flag(b, a, "identical bytes"))
    image_pairs: dict[tuple[tuple[str, str], tuple[str, str]], list[dict]] = {}
    for a, b, distance in _page_pairs(readings_by_dossier):
        fa, fb = (a.dossier, a.file), (b.dossier, b.file)
        if (fa, fb) not in byte_pairs and (fb, fa) not in byte_pairs:
            match = {"page": a.page, "other_page": b.page, "distance": distance}
            image_pairs.setdefault((fa, fb), []).append(match)
    for (fa, fb), matches in sorted(image_pairs.items()):
        mirrored = [{**m, "page": m["other_page"], "other_page": m["page"]} for m in matches]
        out.setdefault(fa[0], []).append(_flag(fa, fb, "same image", page=matches[0]["page"], pages=matches))
        out.setdefault(fb[0], []).append(
            _flag(fb, fa, "same image", page=mirrored[0]["page"], pages=mirrored))
    found = byte_pairs | set(image_pairs)
    for (fa, fb), (page_a, page_b) in sorted(_zone_pairs(readings_by_dossier).items()):
        if (fa, fb) not in found and (fb, fa) not in found:
            out.setdefault(fa[0], []).append(_flag(fa, fb, "same zone", page=page_a, other_page=page_b))
            out.setdefault(fb[0], []).append(_flag(fb, fa, "same zone", page=page_b, other_page=page_a))
    return out
