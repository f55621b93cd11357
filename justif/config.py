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
