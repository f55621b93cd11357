"""report.html: one self-contained French page (inline CSS and JS, crops as data: URIs)."""

from __future__ import annotations

import base64
import io
import logging
from collections import Counter
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from PIL import Image

from justif.checks.labels import CODE_LABELS, PIECES, STATUS_LABELS, STATUS_PLURALS
from justif.domain import DossierResult
from justif.report.files import summary
from justif.report.run import PageCrop, RunInfo
from justif.report.views import DossierView, FlagView, dossier_views

log = logging.getLogger(__name__)

CROP_MAX_WIDTH = 600
PNG_MAX_BYTES = 60_000  # a larger crop (a photo) is sent as JPEG instead


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("justif.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"], default=True), trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["fr_number"] = lambda n: f"{n:,}".replace(",", "\u202f")
    return env


def encode_crop(image: Image.Image) -> bytes:
    """A crop as the report embeds it: at most CROP_MAX_WIDTH wide, PNG, or JPEG when the PNG would be
    over PNG_MAX_BYTES (a photo). The pipeline stores crops so, and `data_uri` embeds them as they are."""
    if image.width > CROP_MAX_WIDTH:
        image = image.resize((CROP_MAX_WIDTH, max(1, image.height * CROP_MAX_WIDTH // image.width)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    if buffer.tell() > PNG_MAX_BYTES:
        buffer = io.BytesIO()
        (image if image.mode in ("L", "RGB") else image.convert("RGB")).save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


def data_uri(crop: bytes) -> str | None:
    """The crop as a data: URI, re-encoded (`encode_crop`) only when it is not already what the report
    embeds (a crop from elsewhere); None if not an image. Encoding it again took 40 ms a photo crop."""
    try:
        image = Image.open(io.BytesIO(crop))
        image.load()
    except Exception:  # the crop comes from another stage: a bad one must not stop the report
        return None
    as_made = image.width <= CROP_MAX_WIDTH and (
        image.format == "JPEG" or (image.format == "PNG" and len(crop) <= PNG_MAX_BYTES))
    if not as_made:
        crop = encode_crop(image)
    mime = "image/jpeg" if crop[:2] == b"\xff\xd8" else "image/png"
    return f"data:{mime};base64,{base64.b64encode(crop).decode('ascii')}"


def _crop(page_crop: PageCrop, dossier_id: str, file: str | None, page: int | None, box) -> str | None:
    if not file or not isinstance(page, int):
        return None
    try:
        png = page_crop(dossier_id, file, page, tuple(box) if box else None)
    except Exception:
        log.warning("crop failed for dossier %s page %s", dossier_id, page)  # ids only: no personal data
        return None
    return data_uri(png) if png else None


def add_crops(views: list[DossierView], page_crop: PageCrop | None) -> None:
    """Crops for the flags staff must look at (never the original file)."""
    if page_crop is None:
        return
    for view in (v for v in views if v.attention):
        for fv in view.flags:
            _add_flag_crops(fv, view.result.dossier_id, page_crop)


def _add_flag_crops(fv: FlagView, dossier_id: str, page_crop: PageCrop) -> None:
    d = fv.flag.details
    fv.crop = _crop(page_crop, dossier_id, fv.flag.file, fv.page, d.get("box"))
    if fv.flag.code == "DUPLICATE_UPLOAD" and d.get("pages"):
        fv.other_crop = _crop(page_crop, d.get("other_dossier", ""), d.get("other_file"),
                              d["pages"][0].get("other_page"), None)


def fr_datetime(moment: datetime) -> str:
    return moment.astimezone().strftime("%d/%m/%Y à %H:%M")


def fr_duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return (f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s" if minutes
            else f"{secs} s")


def render(results: list[DossierResult], run: RunInfo, page_crop: PageCrop | None) -> str:
    views = dossier_views(results)
    add_crops(views, page_crop)
    facts = summary(results, run)
    codes = Counter(f.code for r in results for f in r.flags)
    return _environment().get_template("report.html.j2").render(
        run=run, facts=facts, views=views, attention=[v for v in views if v.attention],
        settled=[v for v in views if not v.attention], status_labels=STATUS_LABELS,
        status_plurals=STATUS_PLURALS,
        code_counts=[(code, CODE_LABELS.get(code, code), n) for code, n in codes.most_common()],
        specialties=sorted({r.specialty for r in results if r.specialty}), pieces=PIECES,
        invalid=[v for v in views if v.result.error], finished=fr_datetime(run.finished_at),
        duration=fr_duration(run.seconds),
    )


def write_html(path: Path, results: list[DossierResult], run: RunInfo, page_crop: PageCrop | None) -> None:
    path.write_text(render(results, run, page_crop), encoding="utf-8")
