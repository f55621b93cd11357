"""DUPLICATE_UPLOAD: the same file, or the same page scanned or photographed again, in two dossiers.

Why the image hash is not enough: on pages of one printed form filled in for different people, the
64-bit pHash differs by 0-4 bits, as little as a rescan of one page (0-6 bits over blur, ±1.5°
rotation, JPEG at quality 40-80; synthetic A4 pages, development notes). A page matches another only
when the hashes are within MAX_PHASH_DISTANCE *and* the numbers printed on them (dates, document and
candidate numbers: what differs between two people on one form) mostly agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from justif.checks.common import make_flag
from justif.domain import Flag, Page, Reading

MAX_PHASH_DISTANCE = 8  # of 64 bits: rescans measured 0-6; a phone photo adds perspective residue
MIN_WORDS = 15  # blank or near-blank pages (a verso, a separator sheet) all hash alike
# Jaccard index of the pages' digit shingles: a rescan misreading one digit of three numbers kept 0.65
# in development; another person's copy of a form shares only the form's own printed numbers.
MIN_NUMBER_AGREEMENT = 0.6
SHINGLE = 5
_NUMBER = re.compile(r"\d[\d ./-]{2,}\d")


@dataclass(frozen=True)
class PageKey:
    dossier: str
    file: str
    page: int
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


def _flag(mine: tuple[str, str], other: tuple[str, str], kind: str, **details) -> Flag:
    how = ("est identique (mêmes octets) au" if kind == "identical bytes"
           else "montre la même image, numérisée ou photographiée à nouveau, que le")
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


def _close_pairs(keys: list[PageKey], hashes: list[str]) -> list[tuple[PageKey, PageKey, int]]:
    """Pairs of pages from different dossiers whose hashes (same length) are close and numbers agree."""
    bits = np.unpackbits(np.stack([np.frombuffer(bytes.fromhex(h), dtype=np.uint8) for h in hashes]), axis=1)
    limit = MAX_PHASH_DISTANCE * bits.shape[1] // 64
    pairs = []
    for i in range(len(keys) - 1):  # one vectorised row at a time: fine for tens of thousands of pages
        distances = np.count_nonzero(bits[i + 1:] != bits[i], axis=1)
        for j in np.flatnonzero(distances <= limit):
            a, b = keys[i], keys[i + 1 + j]
            if a.dossier != b.dossier and numbers_agree(a.numbers, b.numbers):
                pairs.append((a, b, int(distances[j])))
    return pairs


def _page_pairs(readings: dict[str, list[Reading]]) -> list[tuple[PageKey, PageKey, int]]:
    groups: dict[int, tuple[list[PageKey], list[str]]] = {}
    for dossier, items in readings.items():
        for page in (p for r in items for p in r.pages if _hashable(p)):
            phash = page.phash.lower() if len(page.phash) % 2 == 0 else "0" + page.phash.lower()
            keys, hashes = groups.setdefault(len(phash), ([], []))
            keys.append(PageKey(dossier, page.file, page.number, shingles(page_numbers(page.text))))
            hashes.append(phash)
    return [pair for keys, hashes in groups.values() if len(keys) > 1 for pair in _close_pairs(keys, hashes)]


def duplicate_flags(readings_by_dossier: dict[str, list[Reading]]) -> dict[str, list[Flag]]:
    """DUPLICATE_UPLOAD on both dossiers, one flag per pair of files; same bytes win over same image."""
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
    return out
