"""What an uploaded file is, by its bytes: kind sniffing, sha256, the Upload record."""

from __future__ import annotations

import hashlib
from pathlib import Path

from justif.domain import FileKind, Upload

_MAGIC: tuple[tuple[bytes, FileKind], ...] = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
_PDF_HEADER_WINDOW = 1024  # the PDF spec tolerates junk before %PDF- within the first kilobyte


def sniff(path: Path) -> FileKind | None:
    """The file's kind from its first bytes (never its name); None if empty, unreadable or other."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_PDF_HEADER_WINDOW)
    except OSError:
        return None
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return "pdf" if b"%PDF-" in head else None


def sha256_of(path: Path) -> str:
    """Hex sha256 of the file's bytes (hashlib.file_digest: one pass, large buffers, no GIL)."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def make_upload(dossier_id: str, dossier_dir: Path, path: Path) -> Upload:
    """The Upload record of one file of a dossier: relative name, size, sha256, kind."""
    return Upload(
        dossier_id=dossier_id,
        file=path.relative_to(dossier_dir).as_posix(),
        path=path,
        size=path.stat().st_size,
        sha256=sha256_of(path),
        kind=sniff(path),
    )
