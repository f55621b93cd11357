"""Write an inbox (contract section 1) and its truth.json from a preset and a seed."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .broken import EXTENSIONS, NOMINAL_RENDERING, make_broken
from .documents import build
from .expect import expected_flags, status_of
from .faults import duplicate_of, entry_for, plan_dossier
from .render import encode, images_to_pdf, make_image
from .sheet import Sheet
from .uploads import DossierPlan, UploadPlan

log = logging.getLogger(__name__)
VERSION = "1"
PRESETS = {"demo": {"n": 8, "prefix": "demo-"}, "corpus": {"n": 200, "prefix": "C"},
           "bench": {"n": 48, "prefix": "B"}}
DPI = {"scan_png": (200, 300), "scan_pdf": (200, 300), "degraded_scan": (150, 200), "phone_photo": (140, 170),
       "rotated": (150, 200)}


@dataclass
class Realised:
    dossier_id: str
    uploads: dict[str, dict[str, Any]]  # truth entries by file
    hidden: dict[str, list[dict[str, Any]]]  # per file, per document: facts for the expected flags
    files: dict[str, str]  # plan name -> written file


def plan_inbox(preset: str, seed: int, n: int | None = None) -> list[DossierPlan]:
    """Every dossier of the inbox, planned in order; nothing is drawn yet."""
    config = PRESETS[preset]
    total = n or config["n"]
    rng = random.Random(f"{preset}:{seed}")
    plans: list[DossierPlan] = []
    index = 0
    while len(plans) < total:
        entry = entry_for(index, preset, rng)
        plan = plan_dossier(f"{config['prefix']}{len(plans) + 1:04d}", entry, random.Random(rng.randrange(2**63)),
                            preset)
        plans.append(plan)
        if "duplicate" in entry["faults"] and len(plans) < total:
            plans.append(duplicate_of(plan, f"{config['prefix']}{len(plans) + 1:04d}", rng))
        index += 1
    return plans


def _ext(rng: random.Random, kind: str) -> str:
    if kind == "pdf":
        return rng.choice([".pdf"] * 6 + [".PDF"])
    if kind == "png":
        return ".png"
    return rng.choice([".jpg"] * 5 + [".jpeg", ".JPG"])


def render_upload(upload: UploadPlan, dpi_scale: float) -> tuple[bytes, str, dict[str, Any], list[dict]]:
    """(bytes, extension, truth entry, hidden facts per document) of one upload."""
    rng = random.Random(upload.seed)
    if upload.broken:
        data = make_broken(upload.broken, upload.docs[0] if upload.docs else None, rng)
        truth = {"rendering": NOMINAL_RENDERING[upload.broken], "rotation": 0, "broken": upload.broken,
                 "documents": []}
        return data, EXTENSIONS[upload.broken], truth, []
    sheet = Sheet()
    built = [build(sheet, spec) for spec in upload.docs]
    pdf = sheet.output()
    rendering, rotation = upload.rendering, upload.rotation
    if rendering == "text_pdf" or (rendering == "bundle_pdf" and not upload.image_bundle):
        data, ext = pdf, _ext(rng, "pdf")
    else:
        effect = {"bundle_pdf": "scan_pdf", "split": rng.choice(["phone_photo", "scan_png", "degraded_scan"])}.get(
            rendering, rendering)
        dpi = max(60, int(rng.choice(DPI[effect]) * dpi_scale))
        images = make_image(pdf, None, effect, rng, dpi, rotation)
        quality = rng.randint(75, 85)
        single = len(images) == 1 and rendering not in ("scan_pdf", "bundle_pdf")
        if single and (effect == "scan_png" or (effect == "rotated" and rng.random() < 0.3)):
            data, ext = encode(images[0], "png"), ".png"
        elif single and rng.random() < 0.85:
            data, ext = encode(images[0], "jpeg", quality), _ext(rng, "jpeg")
        else:
            data, ext = images_to_pdf(images, dpi, quality), _ext(rng, "pdf")
            if rendering == "scan_png":
                rendering = "scan_pdf"
    documents = [{"pages": b.pages, "doc_type": s.doc_type, "subtype": b.subtype, "layout": b.layout,
                  "wording": b.wording, "fields": b.fields} for s, b in zip(upload.docs, built, strict=True)]
    truth = {"rendering": rendering, "rotation": rotation, "broken": None, "documents": documents}
    return data, ext, truth, [b.hidden for b in built]


def realise(args: tuple[DossierPlan, str, float]) -> Realised:
    """Write one dossier folder (copies of other dossiers' files are made later)."""
    plan, inbox, dpi_scale = args
    folder = Path(inbox) / plan.dossier_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dossier.json").write_text(json.dumps(plan.declared, ensure_ascii=False, indent=2) + "\n",
                                         encoding="utf-8")
    result = Realised(plan.dossier_id, {}, {}, {})
    for upload in plan.uploads:
        if upload.copy_of:
            continue
        data, ext, truth, hidden = render_upload(upload, dpi_scale)
        rel = upload.name + ext
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
        result.uploads[rel], result.hidden[rel], result.files[upload.name] = truth, hidden, rel
    return result


def _prepare(out: Path) -> None:
    if out.exists():
        for child in out.iterdir():
            if not (child.is_dir() and (child / "dossier.json").exists()):
                raise FileExistsError(f"{out} holds {child.name}, which is not a generated dossier: "
                                      "choose an empty or new folder")
        shutil.rmtree(out)
    out.mkdir(parents=True)


def write_inbox(preset: str, out: Path, seed: int, n_dossiers: int | None = None, truth_path: Path | None = None,
                workers: int | None = None, dpi_scale: float = 1.0) -> Path:
    """Plan, draw and write the inbox, then its truth file; returns the truth path."""
    out = Path(out)
    truth_path = Path(truth_path) if truth_path else out.parent / f"{out.name}.truth.json"
    plans = plan_inbox(preset, seed, n_dossiers)
    _prepare(out)
    jobs = [(plan, str(out), dpi_scale) for plan in plans]
    workers = workers or min(2, os.cpu_count() or 1)
    if workers > 1 and len(jobs) > 2:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = {r.dossier_id: r for r in pool.imap(realise, jobs, chunksize=1)}
    else:
        done = {r.dossier_id: r for r in map(realise, jobs)}
    duplicates = _copy_duplicates(plans, done, out)
    dossiers = {}
    for plan in plans:
        r = done[plan.dossier_id]
        docs = [(file, doc, hidden) for file in sorted(r.uploads) for doc, hidden in
                zip(r.uploads[file]["documents"], r.hidden[file], strict=True)]
        broken = sorted(f for f, u in r.uploads.items() if u["broken"])
        flags = expected_flags(plan.declared, docs, broken, duplicates.get(plan.dossier_id, set()))
        dossiers[plan.dossier_id] = {"expected_status": status_of(flags), "expected_flags": flags,
                                     "faults": plan.faults, "uploads": dict(sorted(r.uploads.items()))}
    truth = {"generator": {"seed": seed, "version": VERSION}, "dossiers": dossiers}
    truth_path.parent.mkdir(parents=True, exist_ok=True)
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return truth_path


def _copy_duplicates(plans: list[DossierPlan], done: dict[str, Realised], out: Path) -> dict[str, set[str]]:
    """Copy re-used files into their second dossier; returns, per dossier, the files that are duplicates."""
    dup: dict[str, set[str]] = {}
    for plan in plans:
        r = done[plan.dossier_id]
        for upload in plan.uploads:
            if upload.copy_of:
                src_id, src_name = upload.copy_of
                src = done[src_id]
                src_rel = src.files[src_name]
                rel = upload.name + Path(src_rel).suffix
                (out / plan.dossier_id / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(out / src_id / src_rel, out / plan.dossier_id / rel)
                r.uploads[rel], r.hidden[rel], r.files[upload.name] = src.uploads[src_rel], src.hidden[src_rel], rel
            elif upload.note.startswith("rescan:"):
                _, src_id, src_name = upload.note.split(":", 2)
                src_rel = done[src_id].files[src_name]
                rel = r.files[upload.name]
            else:
                continue
            dup.setdefault(src_id, set()).add(src_rel)
            dup.setdefault(plan.dossier_id, set()).add(rel)
    return dup
