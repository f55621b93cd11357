"""OCR-like noise for synthetic page texts: character confusions, lost accents, merged and split words."""

from __future__ import annotations

import random
import unicodedata

CONFUSIONS: dict[str, tuple[str, ...]] = {
    "e": ("c", "é", "o"), "c": ("e", "("), "l": ("1", "I", "|"), "i": ("l", "1", "!"), "o": ("0", "a"),
    "O": ("0", "Q"), "0": ("O", "o"), "1": ("l", "I"), "m": ("rn", "nn"), "n": ("ri", "u"),
    "u": ("n", "v"), "a": ("o", "à"), "t": ("f", "l"), "f": ("t",), "s": ("5", "$"), "S": ("5", "$"),
    "B": ("8", "E"), "5": ("S",), "8": ("B",), "g": ("q", "9"), "h": ("b", "li"), "é": ("e", "è", "6"),
    "è": ("e", "é"), "à": ("a",), "'": ("’", "", " "), ",": (".", ""), ".": (",", ""),
}
JUNK = "|~_-—'‘.,:;*°"


def strip_accents(text: str) -> str:
    """'Épreuve' -> 'Epreuve'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _confuse(word: str, rng: random.Random, rate: float) -> str:
    out = []
    for ch in word:
        if ch in CONFUSIONS and rng.random() < rate:
            out.append(rng.choice(CONFUSIONS[ch]))
        else:
            out.append(ch)
    return "".join(out)


def _noisy_line(line: str, rng: random.Random, level: float) -> str:
    words = line.split(" ")
    out: list[str] = []
    for word in words:
        word = _confuse(word, rng, 0.08 * level)
        if len(word) > 5 and rng.random() < 0.04 * level:  # a word split in two
            cut = rng.randint(2, len(word) - 2)
            word = word[:cut] + " " + word[cut:]
        if out and rng.random() < 0.05 * level:  # two words merged
            out[-1] += word
            continue
        out.append(word)
    if rng.random() < 0.08 * level:
        out.insert(rng.randint(0, len(out)), rng.choice(JUNK) * rng.randint(1, 3))
    return " ".join(out)


def add_ocr_noise(text: str, rng: random.Random, level: float = 1.0) -> str:
    """Degrade a clean page text the way Tesseract does on a poor scan; level 0 leaves it as is."""
    if level <= 0:
        return text
    if rng.random() < 0.35 * min(level, 1.0):
        text = strip_accents(text)
    lines = []
    for line in text.split("\n"):
        if line and rng.random() < 0.03 * level:
            continue  # a line lost to the scan
        lines.append(_noisy_line(line, rng, level))
        if rng.random() < 0.03 * level:
            lines.append(rng.choice(JUNK) * rng.randint(1, 6))  # specks read as characters
    return "\n".join(lines)
