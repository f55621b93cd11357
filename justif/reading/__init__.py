"""The reading stage: every upload's pages as words with boxes, from a text layer or OCR."""

from justif.reading.batch import read_uploads
from justif.reading.files import make_upload, sniff
from justif.reading.page import page_image

__all__ = ["make_upload", "page_image", "read_uploads", "sniff"]
