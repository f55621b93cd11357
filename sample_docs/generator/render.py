"""Turn drawn PDFs into uploads: text PDFs, clean scans, degraded scans, phone photos, turned pages."""

from __future__ import annotations

import io
import random

import cv2
import numpy as np
import pypdfium2 as pdfium
from fpdf import FPDF
from PIL import Image

from .sheet import FIXED_DATE

IMAGE_RENDERINGS = ("scan_png", "scan_pdf", "degraded_scan", "phone_photo", "rotated")


def rasterise(pdf_bytes: bytes, dpi: int, pages: list[int] | None = None, gray: bool = False) -> list[Image.Image]:
    """Render PDF pages (1-based numbers, all by default) to PIL images."""
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        numbers = pages or list(range(1, len(doc) + 1))
        out = []
        for n in numbers:
            image = doc[n - 1].render(scale=dpi / 72, grayscale=gray).to_pil()
            out.append(image.convert("L" if gray else "RGB"))
        return out
    finally:
        doc.close()


def _np(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB"), dtype=np.uint8)


def _pil(array: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(array, 0, 255, out=array).astype(np.uint8))


def _field(h: int, w: int, fn) -> np.ndarray:
    """A smooth per-pixel factor computed on a coarse grid and resized (lighting, shadows)."""
    sh, sw = max(2, h // 16), max(2, w // 16)
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    return cv2.resize(fn(yy / sh, xx / sw).astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)


def clean_scan(image: Image.Image, rng: random.Random) -> Image.Image:
    """A flatbed scan: a hair of skew, paper slightly off-white; stays grey-scale and compressible."""
    gray = image.convert("L")
    angle = rng.uniform(-0.6, 0.6)
    gray = gray.rotate(angle, resample=Image.BILINEAR, fillcolor=255)
    return gray.point(lambda v: 245 if v > 245 else v)


def degrade(image: Image.Image, rng: random.Random) -> Image.Image:
    """A bad scan: skew up to ±8°, blur, noise, uneven light."""
    arr = _np(image)
    h, w = arr.shape[:2]
    angle = rng.uniform(2, 8) * rng.choice([-1, 1])
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    arr = cv2.warpAffine(arr, m, (w, h), borderValue=(235, 235, 235))
    k = rng.choice([3, 3, 5])
    arr = cv2.GaussianBlur(arr, (k, k), rng.uniform(0.5, 1.3))
    if rng.random() < 0.5:
        arr = cv2.cvtColor(cv2.cvtColor(arr, cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB)
    a, bx, by = rng.uniform(0.08, 0.25), rng.uniform(-1, 1), rng.uniform(-1, 1)
    light = _field(h, w, lambda y, x: 1.0 - a * (x * bx + y * by) ** 2)
    nrng = np.random.default_rng(rng.randrange(2**32))
    noise = nrng.standard_normal((h, w), dtype=np.float32) * rng.uniform(4, 12)
    out = arr.astype(np.float32) * light[..., None] + noise[..., None]
    return _pil(out)


def phone_photo(image: Image.Image, rng: random.Random) -> Image.Image:
    """A phone picture of the sheet: perspective, darker textured background, shadow, warm cast."""
    page = _np(image)
    h, w = page.shape[:2]
    scale = rng.uniform(1.12, 1.3)
    out_w, out_h = int(w * scale), int(h * scale)
    nrng = np.random.default_rng(rng.randrange(2**32))
    base = np.array(rng.choice([(70, 55, 40), (40, 40, 45), (95, 80, 60), (120, 110, 100)]), np.float32)
    texture = nrng.normal(0, 18, (out_h // 4, out_w // 4)).astype(np.float32)
    texture = cv2.resize(cv2.GaussianBlur(texture, (0, 0), 1.5), (out_w, out_h))
    background = np.clip(base[None, None, :] + texture[..., None], 0, 255).astype(np.uint8)
    mx, my = (out_w - w) / 2, (out_h - h) / 2
    jitter = [(rng.uniform(-0.6, 0.6) * mx, rng.uniform(-0.6, 0.6) * my) for _ in range(4)]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[mx + jitter[0][0], my + jitter[0][1]], [mx + w + jitter[1][0], my + jitter[1][1]],
                      [mx + w + jitter[2][0], my + h + jitter[2][1]], [mx + jitter[3][0], my + h + jitter[3][1]]])
    matrix = cv2.getPerspectiveTransform(src, dst)
    arr = cv2.warpPerspective(page, matrix, (out_w, out_h), dst=background, borderMode=cv2.BORDER_TRANSPARENT)
    cx, cy, depth = rng.uniform(0, 1), rng.uniform(0, 1), rng.uniform(0.2, 0.45)
    shadow = _field(out_h, out_w, lambda y, x: 1 - depth * np.exp(-(((x - cx) / 0.45) ** 2 + ((y - cy) / 0.4) ** 2)))
    cast = np.float32([1.0, rng.uniform(0.93, 1.0), rng.uniform(0.82, 0.95)])
    arr = cv2.GaussianBlur(arr, (3, 3), rng.uniform(0.4, 1.0))
    out = arr.astype(np.float32) * (shadow[..., None] * cast)
    out += nrng.standard_normal((out_h, out_w), dtype=np.float32)[..., None] * 3
    return _pil(out)


def turn(image: Image.Image, rotation: int) -> Image.Image:
    """The page stored turned counter-clockwise by `rotation`: turning it clockwise by as much makes it upright."""
    return image.rotate(rotation, expand=True) if rotation else image


def encode(image: Image.Image, fmt: str, quality: int = 80) -> bytes:
    buf = io.BytesIO()
    if fmt == "png":
        image.save(buf, "PNG", optimize=False, compress_level=6)
    else:
        image.convert("RGB" if image.mode != "L" else "L").save(buf, "JPEG", quality=quality, optimize=True)
    return buf.getvalue()


def images_to_pdf(images: list[Image.Image], dpi: int, quality: int = 75) -> bytes:
    """An image-only PDF (what scanner software writes): one JPEG per page, page size from the image."""
    pdf = FPDF(unit="pt")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer("Scanner")
    for image in images:
        w, h = image.width * 72 / dpi, image.height * 72 / dpi
        pdf.add_page(format=(w, h))
        pdf.image(io.BytesIO(encode(image, "jpeg", quality)), x=0, y=0, w=w, h=h)
    return bytes(pdf.output())


def make_image(pdf_bytes: bytes, pages: list[int], rendering: str, rng: random.Random, dpi: int,
               rotation: int = 0) -> list[Image.Image]:
    """The page images of one rendering (before encoding)."""
    gray = rendering in ("scan_png", "scan_pdf")
    images = rasterise(pdf_bytes, dpi, pages, gray=gray)
    if rendering in ("scan_png", "scan_pdf"):
        images = [clean_scan(im, rng) for im in images]
    elif rendering == "degraded_scan":
        images = [degrade(im, rng) for im in images]
    elif rendering == "phone_photo":
        images = [phone_photo(im, rng) for im in images]
    elif rendering == "rotated":
        images = [turn(clean_scan(im, rng) if rng.random() < 0.6 else degrade(im, rng), rotation) for im in images]
    return images
