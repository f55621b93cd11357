"""Drawing primitives over fpdf2 with a randomised house style: fonts, sizes, margins, headers, forms, tables."""

from __future__ import annotations

import math
import os
import random
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fontTools import subset as ft_subset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT_DIRS = {"dejavu": "/usr/share/fonts/truetype/dejavu/", "liberation": "/usr/share/fonts/truetype/liberation/"}
FAMILIES = {
    "DejaVuSans": ("dejavu", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    "DejaVuSerif": ("dejavu", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
    "DejaVuCond": ("dejavu", "DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf",
                   "DejaVuSansCondensed-Oblique.ttf"),
    "LiberationSans": ("liberation", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
                       "LiberationSans-Italic.ttf"),
    "LiberationSerif": ("liberation", "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                        "LiberationSerif-Italic.ttf"),
    "LiberationNarrow": ("liberation", "LiberationSansNarrow-Regular.ttf", "LiberationSansNarrow-Bold.ttf",
                         "LiberationSansNarrow-Italic.ttf"),
    "Mono": ("dejavu", "DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSansMono-Oblique.ttf"),
    "LiberationMono": ("liberation", "LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf",
                       "LiberationMono-Italic.ttf"),
}
TEXT_FAMILIES = ("DejaVuSans", "DejaVuSerif", "DejaVuCond", "LiberationSans", "LiberationSerif", "LiberationNarrow")
ACCENTS = [(0, 45, 110), (30, 30, 30), (120, 20, 40), (0, 100, 80), (60, 60, 140), (150, 80, 0), (0, 0, 0)]
FIXED_DATE = datetime(2021, 11, 15, 9, 0, tzinfo=UTC)


# Latin, combining marks, Vietnamese, punctuation, euro: fonts cut to these parse ten times faster.
UNICODES = [*range(0x20, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00), *range(0x2000, 0x2070), 0x20AC,
            0x2116, 0x25CF]


def font_file(folder: str, file: str) -> str:
    """A cached Latin subset of a system font (parsing full DejaVu faces costs ~70 ms per document)."""
    cache = Path(tempfile.gettempdir()) / "justif-sample-fonts"
    target = cache / file
    if not target.exists():
        cache.mkdir(exist_ok=True)
        options = ft_subset.Options()
        options.glyph_names = True
        options.notdef_outline = True
        options.name_IDs = ["*"]
        font = TTFont(FONT_DIRS[folder] + file)
        subsetter = ft_subset.Subsetter(options)
        subsetter.populate(unicodes=UNICODES)
        subsetter.subset(font)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        font.save(str(tmp))
        os.replace(tmp, target)
    return str(target)


@dataclass
class Style:
    family: str
    size: float
    margin: float
    title_align: str
    title_upper: bool
    label_mode: str  # colon | column | box | dots
    accent: tuple[int, int, int]
    gap: float


def random_style(rng: random.Random) -> Style:
    return Style(
        family=rng.choice(TEXT_FAMILIES), size=rng.choice([9, 9.5, 10, 10.5, 11, 11.5, 12]),
        margin=rng.choice([12, 15, 18, 20, 22, 25]), title_align=rng.choice("CCCL"),
        title_upper=rng.random() < 0.6, label_mode=rng.choice(["colon", "column", "box", "dots"]),
        accent=rng.choice(ACCENTS), gap=rng.choice([1.3, 1.45, 1.6, 1.8]),
    )


class Sheet:
    """One PDF being drawn; documents add their pages to it (several documents make a bundle)."""

    def __init__(self) -> None:
        self.pdf = FPDF(orientation="P", unit="mm", format="A4")
        self.pdf.set_creation_date(FIXED_DATE)
        self.pdf.set_producer("justif sample_docs")
        self._fonts: set[str] = set()
        self.style = Style("DejaVuSans", 10, 18, "C", True, "colon", (0, 0, 0), 1.5)

    # --- set-up -----------------------------------------------------------------------------------
    def font(self, family: str | None = None, style: str = "", size: float | None = None) -> None:
        family = family or self.style.family
        if family + style not in self._fonts:  # fonts are parsed lazily: each face costs tens of ms
            folder, *files = FAMILIES[family]
            self.pdf.add_font(family, style, font_file(folder, files["BI".find(style) + 1 if style else 0]))
            self._fonts.add(family + style)
        self.pdf.set_font(family, style, size or self.style.size)

    def begin(self, style: Style) -> int:
        """Start a document on a new page; returns its first page number (1-based)."""
        self.style = style
        self.pdf.set_margins(style.margin, style.margin * 0.8, style.margin)
        self.pdf.set_auto_page_break(True, style.margin)
        self.pdf.add_page()
        self.font()
        self.pdf.set_text_color(0, 0, 0)
        self.pdf.set_draw_color(0, 0, 0)
        return self.pdf.page_no()

    def new_page(self) -> None:
        self.pdf.add_page()
        self.font()

    @property
    def page(self) -> int:
        return self.pdf.page_no()

    @property
    def width(self) -> float:
        return self.pdf.w - 2 * self.style.margin

    @property
    def lh(self) -> float:
        return self.style.size * 0.3528 * self.style.gap

    def output(self) -> bytes:
        return bytes(self.pdf.output())

    # --- blocks ------------------------------------------------------------------------------------
    def header(self, org_lines: list[str], rng: random.Random, official: bool = False) -> None:
        pdf, m = self.pdf, self.style.margin
        top = pdf.get_y()
        kind = "marianne" if official else rng.choice(["logo_left", "logo_right", "band", "plain"])
        x_text = m
        if kind == "marianne":
            pdf.set_fill_color(0, 35, 149)
            pdf.rect(m, top, 4, 10, "F")
            pdf.set_fill_color(225, 0, 15)
            pdf.rect(m + 8, top, 4, 10, "F")
            self.font(size=7, style="B")
            pdf.set_xy(m, top + 11)
            pdf.multi_cell(45, 3, "RÉPUBLIQUE\nFRANÇAISE\n", align="L")
            self.font(size=6, style="I")
            pdf.set_x(m)
            pdf.multi_cell(45, 2.6, "Liberté\nÉgalité\nFraternité", align="L")
            x_text = m + 48
        elif kind in ("logo_left", "logo_right"):
            initials = "".join(w[0] for w in org_lines[0].replace("'", " ").split() if w[0].isalpha())[:3].upper()
            size = rng.choice([14, 18, 22])
            x_logo = m if kind == "logo_left" else self.pdf.w - m - size
            pdf.set_fill_color(*self.style.accent)
            if rng.random() < 0.5:
                pdf.ellipse(x_logo, top, size, size, "F")
            else:
                pdf.rect(x_logo, top, size, size, "F")
            pdf.set_text_color(255, 255, 255)
            self.font(style="B", size=size * 0.9)
            pdf.set_xy(x_logo, top + size / 2 - 3)
            pdf.cell(size, 6, initials or "X", align="C")
            pdf.set_text_color(0, 0, 0)
            x_text = m + size + 4 if kind == "logo_left" else m
        elif kind == "band":
            pdf.set_fill_color(*self.style.accent)
            pdf.rect(0, 0, pdf.w, 6, "F")
        pdf.set_xy(x_text, top)
        for i, line in enumerate(org_lines):
            self.font(style="B" if i == 0 else "", size=self.style.size + (1.5 if i == 0 else -1))
            pdf.set_x(x_text)
            pdf.cell(0, self.lh * 0.9, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(max(pdf.get_y(), top + (28 if kind == "marianne" else 0)) + 4)
        self.font()

    def title(self, text: str, sub: str | None = None) -> None:
        pdf = self.pdf
        pdf.ln(self.lh * 0.6)
        self.font(style="B", size=self.style.size + 4)
        pdf.set_text_color(*self.style.accent)
        text = text.upper() if self.style.title_upper else text
        pdf.multi_cell(0, self.lh * 1.2, text, align=self.style.title_align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        if sub:
            self.font(style="I", size=self.style.size - 1)
            pdf.multi_cell(0, self.lh, sub, align=self.style.title_align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.font()
        pdf.ln(self.lh * 0.8)

    def heading(self, text: str) -> None:
        self.pdf.ln(self.lh * 0.3)
        self.font(style="B", size=self.style.size + 1)
        self.pdf.set_text_color(*self.style.accent)
        self.pdf.cell(0, self.lh, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.set_text_color(0, 0, 0)
        self.font()

    def para(self, text: str, align: str = "J", style: str = "") -> None:
        self.font(style=style)
        self.pdf.multi_cell(0, self.lh, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(self.lh * 0.4)
        self.font()

    def field(self, label: str, value: str, mode: str | None = None) -> None:
        pdf, mode = self.pdf, mode or self.style.label_mode
        if mode == "column":
            self.font(style="B")
            pdf.cell(self.width * 0.38, self.lh, label)
            self.font()
            pdf.multi_cell(0, self.lh, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif mode == "box":
            self.font(size=self.style.size - 2.5)
            pdf.cell(0, self.lh * 0.75, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.font(style="B")
            pdf.multi_cell(0, self.lh * 1.15, " " + value, border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(self.lh * 0.3)
        elif mode == "dots":
            self.font()
            lw = pdf.get_string_width(label + " ")
            dots = "." * max(3, int((self.width * 0.42 - lw) / max(pdf.get_string_width("."), 0.1)))
            pdf.cell(self.width * 0.42, self.lh, label + " " + dots)
            pdf.multi_cell(0, self.lh, " " + value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            self.font(style="B")
            pdf.cell(pdf.get_string_width(label + " : ") + 1, self.lh, label + " : ")
            self.font()
            pdf.multi_cell(0, self.lh, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.font()

    def fields(self, pairs: list[tuple[str, str]], mode: str | None = None) -> None:
        for label, value in pairs:
            self.field(label, value, mode)
        self.pdf.ln(self.lh * 0.4)

    def table(self, head: list[str], rows: list[list[str]], widths: list[float], zebra: bool = False) -> None:
        pdf = self.pdf
        scale = self.width / sum(widths)
        widths = [w * scale for w in widths]
        h = self.lh * 1.1
        self.font(style="B", size=self.style.size - 0.5)
        pdf.set_fill_color(225, 225, 225)
        for w, text in zip(widths, head, strict=True):
            pdf.cell(w, h, text, border=1, align="C", fill=True)
        pdf.ln(h)
        self.font(size=self.style.size - 0.5)
        for i, row in enumerate(rows):
            if pdf.get_y() + h > pdf.h - self.style.margin:
                pdf.add_page()
            pdf.set_fill_color(242, 242, 242)
            for j, (w, text) in enumerate(zip(widths, row, strict=True)):
                pdf.cell(w, h, text, border=1, align="L" if j == 1 else "C", fill=zebra and i % 2 == 1)
            pdf.ln(h)
        pdf.ln(self.lh * 0.6)
        self.font()

    def signature_box(self, label: str, signed: bool, rng: random.Random, w: float = 70, h: float = 28,
                      x: float | None = None) -> None:
        pdf = self.pdf
        x = pdf.w - self.style.margin - w if x is None else x
        if pdf.get_y() + h + 8 > pdf.h - self.style.margin:
            pdf.add_page()
        y = pdf.get_y()
        self.font(size=self.style.size - 1)
        pdf.set_xy(x, y)
        pdf.cell(w, self.lh, label)
        pdf.rect(x, y + self.lh, w, h)
        if signed:
            self.scribble(x + 4, y + self.lh + 3, w - 8, h - 6, rng)
        pdf.set_xy(self.style.margin, y + self.lh + h + 3)
        self.font()

    def scribble(self, x: float, y: float, w: float, h: float, rng: random.Random) -> None:
        """A handwritten-like signature: chained random cubic Bézier curves in blue-black ink."""
        pdf = self.pdf
        pdf.set_draw_color(*rng.choice([(20, 30, 110), (10, 10, 10), (30, 50, 160)]))
        pdf.set_line_width(rng.uniform(0.35, 0.7))
        pts = [(x + rng.uniform(0, 0.15) * w, y + rng.uniform(0.4, 0.8) * h)]
        for _ in range(rng.randint(3, 6)):
            p0 = pts[-1]
            p3 = (min(x + w, p0[0] + rng.uniform(0.08, 0.25) * w), y + rng.uniform(0.1, 0.9) * h)
            c1 = (p0[0] + rng.uniform(-0.1, 0.2) * w, y + rng.uniform(-0.1, 1.1) * h)
            c2 = (p3[0] + rng.uniform(-0.2, 0.1) * w, y + rng.uniform(-0.1, 1.1) * h)
            for i in range(1, 17):
                t = i / 16
                a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
                pts.append((a * p0[0] + b * c1[0] + c * c2[0] + d * p3[0],
                            min(y + h, max(y, a * p0[1] + b * c1[1] + c * c2[1] + d * p3[1]))))
        pdf.polyline(pts)
        if rng.random() < 0.6:  # the underline flourish
            yy = y + h * rng.uniform(0.75, 0.95)
            pdf.line(x + w * 0.1, yy, x + w * rng.uniform(0.6, 0.95), yy - rng.uniform(0, 3))
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.2)

    def signoff(self, place_date: str, signer: list[str], rng: random.Random, signed: bool = True,
                stamp: list[str] | None = None) -> None:
        pdf = self.pdf
        if pdf.get_y() + 45 > pdf.h - self.style.margin:
            pdf.add_page()
        pdf.ln(self.lh)
        align = rng.choice(["L", "R"])
        x = self.style.margin if align == "L" else pdf.w / 2
        pdf.set_x(x)
        pdf.cell(0, self.lh, place_date, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for line in signer:
            pdf.set_x(x)
            pdf.cell(0, self.lh, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        y = pdf.get_y()
        if stamp:
            self.stamp(stamp, x + rng.uniform(20, 45), y + 2, rng)
        if signed:
            self.scribble(x + rng.uniform(0, 15), y + 1, 50, 18, rng)
        pdf.set_y(y + 24)

    def stamp(self, lines: list[str], x: float, y: float, rng: random.Random) -> None:
        pdf = self.pdf
        color = rng.choice([(40, 60, 170), (170, 30, 40), (60, 60, 60)])
        with pdf.rotation(rng.uniform(-12, 12), x + 25, y + 8):
            pdf.set_draw_color(*color)
            pdf.set_text_color(*color)
            pdf.set_line_width(0.6)
            pdf.rect(x, y, 56, 4.2 * len(lines) + 3, round_corners=True)
            self.font(style="B", size=7.5)
            for i, line in enumerate(lines):
                pdf.set_xy(x, y + 1.5 + 4.2 * i)
                pdf.cell(56, 4.2, line[:38], align="C")
        pdf.set_draw_color(0, 0, 0)
        pdf.set_text_color(0, 0, 0)
        pdf.set_line_width(0.2)
        self.font()

    def footer_note(self, text: str) -> None:
        pdf = self.pdf
        y = pdf.get_y()
        pdf.set_y(pdf.h - self.style.margin - 6)
        self.font(size=7, style="I")
        pdf.set_text_color(90, 90, 90)
        pdf.cell(0, 4, text, align="C")
        pdf.set_text_color(0, 0, 0)
        pdf.set_y(y)
        self.font()


def rounded(n: float) -> float:
    return math.floor(n * 100) / 100
