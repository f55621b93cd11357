"""Run settings: built once at the edge (CLI, flow parameters) and passed down to every stage."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/justif, else ~/.cache/justif."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "justif"


class ReadSettings(BaseModel):
    """Everything that changes the text read from a file; part of the cache key."""

    languages: str = Field("fra", description="Tesseract languages, e.g. 'fra' or 'fra+eng'")
    # The 283 zones of build/bench and the seven holdouts, read in every band variant by each model alone:
    # 'fra' passed every check digit on 234 and read 222 numbers and 274 surnames right; 'eng' 252, 257
    # and 265 (French pulls digits towards letters, 5EM1S6RW2 read SEMISGRW2; English misreads names,
    # AIT OUALI read AIT QUALI); 'eng+fra', each line read in English then French when unsure, 258, 255
    # and 273. Tried in this order, the three passed 267 zones, read 257 numbers and 274 surnames right.
    mrz_models: list[str] = Field(["eng+fra", "eng", "fra"], description="Tesseract models the machine-"
                                  "readable zone of an identity document is read with, each in turn while no "
                                  "reading passes its check digits")
    dpi: int = Field(300, description="resolution PDF pages are rendered at for OCR")
    max_file_bytes: int = Field(40 * 1024 * 1024, description="uploads above this size are refused")
    max_pixels: int = Field(60_000_000, description="images above this pixel count are refused")
    max_pages: int = Field(60, description="PDFs with more pages are refused")
    page_timeout_s: float = Field(60.0, description="OCR of one page is stopped after this")
    min_text_chars: int = Field(40, description="a text layer with fewer usable chars is OCRed")
    preprocess: bool = Field(True, description="OpenCV clean-up before OCR")


class Settings(BaseModel):
    read: ReadSettings = Field(default_factory=ReadSettings)
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1)
    cache_dir: Path | None = Field(default_factory=default_cache_dir, description="None: no cache")
    models_dir: Path = PROJECT_ROOT / "models"
    min_confidence: float | None = Field(
        None, description="pages classified below this are 'other' (None: the threshold in the model's card)"
    )
