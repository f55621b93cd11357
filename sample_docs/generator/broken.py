"""Uploads that cannot be read: truncated or encrypted PDFs, empty files, lies about format, pixel bombs."""

from __future__ import annotations

import io
import random
import zipfile

from PIL import Image

from .documents import DocSpec, build
from .sheet import Sheet

KINDS = ("truncated_pdf", "encrypted_pdf", "zero_bytes", "text_as_jpg", "pixel_bomb", "unsupported")
EXTENSIONS = {"truncated_pdf": ".pdf", "encrypted_pdf": ".pdf", "zero_bytes": ".pdf", "text_as_jpg": ".jpg",
              "pixel_bomb": ".png", "unsupported": ".docx"}
NOMINAL_RENDERING = {"truncated_pdf": "text_pdf", "encrypted_pdf": "text_pdf", "zero_bytes": "text_pdf",
                     "text_as_jpg": "phone_photo", "pixel_bomb": "scan_png", "unsupported": "text_pdf"}


def make_broken(kind: str, spec: DocSpec | None, rng: random.Random, pixels: int = 10_000) -> bytes:
    """The bytes of one unreadable upload; `spec` is the document it was meant to carry, if any."""
    if kind == "zero_bytes":
        return b""
    if kind in ("truncated_pdf", "encrypted_pdf"):
        sheet = Sheet()
        if spec is not None:
            build(sheet, spec)
        else:
            sheet.begin(sheet.style)
            sheet.para("Document")
        if kind == "encrypted_pdf":
            sheet.pdf.set_encryption(owner_password=f"owner{rng.randrange(10**6)}",
                                     user_password=rng.choice(["1234", "cned2021", "motdepasse", "azerty"]))
            return sheet.output()
        data = sheet.output()
        return data[: int(len(data) * rng.uniform(0.4, 0.65))]
    if kind == "text_as_jpg":
        lines = [f"Bonjour, je vous envoie ma pièce {rng.randrange(10**6)}.", "Cordialement",
                 "Envoyé depuis mon téléphone"]
        return "\n".join(lines).encode("utf-8")
    if kind == "pixel_bomb":
        image = Image.new("1", (pixels, pixels), 1)
        for _ in range(20):  # a few specks so no two bombs share their bytes
            image.putpixel((rng.randrange(pixels), rng.randrange(pixels)), 0)
        buf = io.BytesIO()
        image.save(buf, "PNG", optimize=False)
        return buf.getvalue()
    return _docx(rng)


def _docx(rng: random.Random) -> bytes:
    """A minimal word-processing file: a zip with a content-types part and one paragraph."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in (
            ("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                    'package/2006/content-types"/>'),
            ("word/document.xml", f"<w:document><w:body><w:p><w:r><w:t>Attestation {rng.randrange(10**6)}"
                                  "</w:t></w:r></w:p></w:body></w:document>"),
        ):
            info = zipfile.ZipInfo(name, date_time=(2021, 11, 2, 10, 0, 0))
            zf.writestr(info, text)
    return buf.getvalue()
