"""The reading stage: every upload's pages as words with boxes, from a text layer or OCR.

Names are imported on first use (PEP 562): a nightly re-run whose files are all cached reads nothing,
and then needs neither NumPy, OpenCV, pdfplumber nor pdfium (0.13 s of its start-up)."""

from __future__ import annotations

from justif.lazy import lazy_exports

_EXPORTS = {
    "make_upload": "justif.reading.files",
    "page_image": "justif.reading.page",
    "read_uploads": "justif.reading.batch",
    "sniff": "justif.reading.files",
}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
