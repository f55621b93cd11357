"""Synthetic pages (clean, rotated, skewed, scanned, photographed, MRZ) for tests and benchmarks."""

from __future__ import annotations

import difflib
import random
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
A4_MM = (210, 297)
SENTENCES = [
    "Je soussigné, directeur de l'établissement, certifie que le candidat est inscrit",
    "en deuxième année de formation pour l'année scolaire deux mille vingt et un.",
    "La période de formation en entreprise s'est déroulée du premier mars au quinze avril.",
    "Le stagiaire a fait preuve de sérieux et d'assiduité pendant toute la durée du stage.",
    "Attestation délivrée pour servir et valoir ce que de droit auprès du rectorat.",
    "Certificat individuel de participation à la journée défense et citoyenneté.",
    "Relevé de notes de la session précédente du brevet de technicien supérieur.",
    "Fait à Toulouse, le douze janvier, pour l'employeur, le responsable des ressources humaines.",
    "Le titulaire de la présente carte est autorisé à séjourner sur le territoire français.",
    "Contrat d'apprentissage conclu entre l'employeur et l'apprenti pour une durée de deux ans.",
]


def page_lines(seed: int, count: int = 24) -> list[str]:
    """French administrative lines, deterministic for a seed."""
    rng = random.Random(seed)
    return [rng.choice(SENTENCES) for _ in range(count)]


def text_image(lines: list[str], dpi: int = 300, font_pt: float = 11, font: str = FONT) -> Image.Image:
    """An A4 grayscale page with the lines printed from the top-left margin."""
    size = tuple(round(mm / 25.4 * dpi) for mm in A4_MM)
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    face = ImageFont.truetype(font, round(font_pt / 72 * dpi))
    x, y, step = round(0.08 * size[0]), round(0.08 * size[1]), round(font_pt / 72 * dpi * 1.6)
    for line in lines:
        draw.text((x, y), line, fill=0, font=face)
        y += step
    return img


def rotated(img: Image.Image, degrees: int) -> Image.Image:
    """The page turned counter-clockwise by 90/180/270 degrees (as a sideways scan)."""
    return img.rotate(degrees, expand=True)


def skewed(img: Image.Image, angle: float) -> Image.Image:
    """The page tilted by a small angle, white corners."""
    return img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def scanned(img: Image.Image, seed: int, dpi_from: int = 300, dpi_to: int = 200) -> Image.Image:
    """A lower-resolution, noisy, slightly blurred grayscale scan with a gray background."""
    rng = np.random.default_rng(seed)
    small = img.resize((img.width * dpi_to // dpi_from, img.height * dpi_to // dpi_from))
    small = small.filter(ImageFilter.GaussianBlur(0.8))
    arr = np.asarray(small, dtype=np.float32) * 0.8 + 30 + rng.normal(0, 18, (small.height, small.width))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def photographed(img: Image.Image, seed: int) -> Image.Image:
    """A phone photo: the page in perspective on a dark table, uneven light, RGB."""
    rng = np.random.default_rng(seed)
    w, h = img.width, img.height
    canvas_w, canvas_h = int(w * 1.3), int(h * 1.25)
    jitter = lambda: rng.uniform(-0.05, 0.05) * w  # noqa: E731
    dst = np.float32([[0.12 * w + jitter(), 0.1 * h + jitter()], [1.15 * w + jitter(), 0.1 * h + jitter()],
                      [1.18 * w + jitter(), 1.13 * h + jitter()], [0.1 * w + jitter(), 1.15 * h + jitter()]])
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    matrix = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(np.asarray(img), matrix, (canvas_w, canvas_h), borderValue=60)
    light = np.linspace(0.75, 1.0, canvas_w, dtype=np.float32)[None, :]
    arr = warped.astype(np.float32) * light + rng.normal(0, 6, warped.shape)
    gray = np.clip(arr, 0, 255).astype(np.uint8)
    return Image.fromarray(cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB))


def mrz_td3(surname: str = "MARTIN", given: str = "CLAIRE", number: str = "18AB12345") -> list[str]:
    """Two 44-character TD3 (passport) lines; check digits are not computed (layout only)."""
    line1 = f"P<FRA{surname}<<{given}".ljust(44, "<")[:44]
    line2 = f"{number}0FRA0304015F3004018<<<<<<<<<<<<<<02"[:44].ljust(44, "<")
    return [line1, line2]


def identity_page(mrz: list[str], dpi: int = 300) -> Image.Image:
    """A page with a few printed lines and an MRZ band in a monospaced font at the bottom."""
    img = text_image(["RÉPUBLIQUE FRANÇAISE", "PASSEPORT", "Nom : MARTIN", "Prénoms : CLAIRE"], dpi=dpi)
    draw = ImageDraw.Draw(img)
    face = ImageFont.truetype(MONO, round(10 / 72 * dpi))
    y = round(img.height * 0.5)
    for line in mrz:
        draw.text((round(img.width * 0.06), y), line, fill=0, font=face)
        y += round(10 / 72 * dpi * 1.5)
    return img


def write_text_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF with a real text layer (fpdf2, DejaVu for accents)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=11)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_image_pdf(path: Path, images: list[Image.Image], dpi: int = 300) -> Path:
    """A PDF of page images only (no text layer), as a scanner writes it."""
    first, *rest = [im.convert("L") for im in images]
    first.save(path, "PDF", resolution=dpi, save_all=True, append_images=rest)
    return path


def word_accuracy(truth: str, text: str) -> float:
    """Share of the true words found, in order, in the text read (1.0 = every word)."""
    want, got = truth.split(), text.split()
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(want))
