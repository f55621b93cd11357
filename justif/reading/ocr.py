"""Tesseract, the only module that runs it: page words with boxes and confidences, MRZ bands."""

from __future__ import annotations

import functools
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytesseract

MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
_MRZ_CONFIG = f"--psm 6 -c tessedit_char_whitelist={MRZ_ALPHABET} -c load_system_dawg=0 -c load_freq_dawg=0"


class OcrTimeout(Exception):
    """Tesseract did not finish a page within its time limit (the process was killed)."""


@dataclass(frozen=True)
class OcrWord:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float  # 0..1
    line: tuple[int, int, int]  # (block, paragraph, line) as Tesseract numbers them


@functools.cache
def tesseract_version() -> str:
    return str(pytesseract.get_tesseract_version())


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise OcrTimeout
    return left


def _run(fn, gray: np.ndarray, deadline: float, **kwargs):
    """Hand the image to Tesseract as an uncompressed BMP: ~5 ms to write, and Leptonica reads it faster
    than PNG (decoding) or PGM (slow reader)."""
    with tempfile.TemporaryDirectory(prefix="justif-ocr-") as tmp:
        image_path = str(Path(tmp) / "page.bmp")
        cv2.imwrite(image_path, gray)
        try:
            return fn(image_path, timeout=_remaining(deadline), **kwargs)
        except RuntimeError as exc:
            if "timeout" in str(exc).lower():
                raise OcrTimeout from None
            raise


def ocr_words(gray: np.ndarray, languages: str, deadline: float, psm: int = 3) -> list[OcrWord]:
    """Words of a grayscale page with pixel boxes, in Tesseract's reading order."""
    data = _run(pytesseract.image_to_data, gray, deadline, lang=languages,
                config=f"--psm {psm} --dpi 300", output_type=pytesseract.Output.DICT)
    words = []
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if conf < 0 or not text.strip():
            continue
        words.append(OcrWord(
            text.strip(), data["left"][i], data["top"][i], data["width"][i], data["height"][i],
            conf / 100, (data["block_num"][i], data["par_num"][i], data["line_num"][i]),
        ))
    return words


def ocr_mrz(gray: np.ndarray, languages: str, deadline: float) -> list[str]:
    """Lines of a machine-readable-zone band, read with the MRZ alphabet only, spaces removed."""
    text = _run(pytesseract.image_to_string, gray, deadline, lang=languages, config=_MRZ_CONFIG)
    lines = ["".join(line.split()) for line in text.splitlines()]
    return [line for line in lines if len(line) >= 25 and "<" in line]
