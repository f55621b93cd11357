"""Tesseract, the only module that runs it: page words with boxes and confidences, MRZ bands.

Tesseract runs in the worker's own process through its C++ API (tesserocr), one engine per
(languages, mode) kept for the life of the process: on build/bench page images this read 40 pages in
13.9 s where one `tesseract` process per page took 18.9 s (each process loads the language model again
and decodes the image file). The wheel's libtesseract is built without OpenMP: one thread per engine,
one engine per worker process, no oversubscription. Language data is the system's (tesseract-ocr-fra).
"""

from __future__ import annotations

import ctypes
import functools
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
_MRZ_VARIABLES = {"tessedit_char_whitelist": MRZ_ALPHABET, "load_system_dawg": "0", "load_freq_dawg": "0"}
DPI = 300


class OcrTimeout(Exception):
    """Tesseract did not finish a page within its time limit (recognition was cancelled)."""


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
def tessdata_dir() -> str:
    """The folder of the installed language data: $TESSDATA_PREFIX, else where `tesseract` finds it."""
    if os.environ.get("TESSDATA_PREFIX"):
        return os.environ["TESSDATA_PREFIX"]
    listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=True).stdout
    found = re.search(r'"(.+?)"', listing)
    if found is None:
        raise RuntimeError("tesseract language data not found (apt-get install tesseract-ocr-fra)")
    return found.group(1)


@functools.cache
def tesseract_version() -> str:
    import tesserocr

    return tesserocr.tesseract_version().splitlines()[0].split()[-1]


# Leptonica's message levels (environ.h): only errors it cannot recover from would be worth a log line,
# and those surface as failed pages; its layout notices ("Error in pixScanForForeground: invalid box",
# printed on some phone photos) would only clutter the nightly log.
_LEPT_SEVERITY_NONE = 6


def _quiet_leptonica(package_dir: Path) -> None:
    for library in sorted((package_dir.parent / "tesserocr.libs").glob("libleptonica*.so*")):
        ctypes.CDLL(str(library)).setMsgSeverity(_LEPT_SEVERITY_NONE)  # the copy tesserocr has loaded


@functools.cache
def _engine(languages: str, psm: int, mrz: bool) -> Any:
    """One initialised engine per process and mode (loading a language model takes ~60 ms)."""
    import tesserocr

    _quiet_leptonica(Path(tesserocr.__file__).parent)
    return tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang=languages, psm=psm,
                                   variables=_MRZ_VARIABLES if mrz else {})


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise OcrTimeout
    return left


def _recognise(engine: Any, gray: np.ndarray, deadline: float) -> None:
    """Set the page and recognise it within the deadline. Recognition is cancelled at the deadline;
    layout analysis cannot be, and a worker stuck there is stopped by the pool (`pool.STALL_FACTOR`)."""
    height, width = gray.shape
    engine.SetImageBytes(gray.astype("uint8", copy=False).tobytes(), width, height, 1, width)  # C order
    engine.SetSourceResolution(DPI)
    if not engine.Recognize(timeout=max(1, int(_remaining(deadline) * 1000))):
        raise OcrTimeout


def ocr_words(gray: np.ndarray, languages: str, deadline: float, psm: int = 3,
              region: tuple[int, int, int, int] | None = None) -> list[OcrWord]:
    """Words of a grayscale page with pixel boxes, in Tesseract's reading order. With a `region`
    (x0, y0, x1, y1), only that part of the page is read; boxes are still the whole page's pixels."""
    x0, y0 = 0, 0
    if region is not None:
        x0, y0, x1, y1 = region
        gray = gray[y0:y1, x0:x1]
    engine = _engine(languages, psm, False)
    _recognise(engine, gray, deadline)
    words = []
    for row in engine.GetTSVText(0).splitlines():
        # level page block paragraph line word left top width height conf text
        cells = row.split("\t", 11)
        if len(cells) < 12 or cells[0] != "5":
            continue
        conf, text = float(cells[10]), cells[11].strip()
        if conf < 0 or not text:
            continue
        left, top, width, height = (int(cells[i]) for i in range(6, 10))
        words.append(OcrWord(text, left + x0, top + y0, width, height, conf / 100,
                             (int(cells[2]), int(cells[3]), int(cells[4]))))
    return words


def ocr_mrz(gray: np.ndarray, languages: str, deadline: float) -> list[str]:
    """Lines of a machine-readable-zone band, read with the MRZ alphabet only, spaces removed."""
    engine = _engine(languages, 6, True)
    _recognise(engine, gray, deadline)
    lines = ["".join(line.split()) for line in engine.GetUTF8Text().splitlines()]
    return [line for line in lines if len(line) >= 25 and "<" in line]
