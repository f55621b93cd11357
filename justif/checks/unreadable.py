"""Uploads staff must look at themselves: UNREADABLE_FILE and UNRECOGNISED_DOCUMENT."""

from __future__ import annotations

from justif.checks.common import Context, make_flag
from justif.domain import Document, Flag, Reading


def unreadable_flags(readings: list[Reading]) -> list[Flag]:
    """One UNREADABLE_FILE per upload that could not be read; `error` is already French, for staff."""
    return [make_flag(
        "UNREADABLE_FILE", f"Le fichier « {r.upload.file} » n'a pas pu être lu ({r.error.rstrip('.')}) : "
        "demander au candidat de le déposer à nouveau.", file=r.upload.file, found=r.error,
        size=r.upload.size, kind=r.upload.kind)
        for r in readings if r.error]


def unreadable(ctx: Context) -> list[Flag]:
    return unreadable_flags(ctx.readings)


def _candidates(docs: list[Document]) -> list[dict]:
    return [{"pages": d.pages, "confidence": d.confidence,
             "candidates": dict(sorted(d.candidates.items(), key=lambda kv: -kv[1]))} for d in docs]


def unrecognised(ctx: Context) -> list[Flag]:
    """One UNRECOGNISED_DOCUMENT per upload holding pages classified `other`."""
    by_file: dict[str, list[Document]] = {}
    for doc in ctx.docs("other"):
        by_file.setdefault(doc.file, []).append(doc)
    flags = []
    for file, docs in by_file.items():
        pages = sorted({p for d in docs for p in d.pages})
        shown = ", ".join(str(p) for p in pages)
        flags.append(make_flag(
            "UNRECOGNISED_DOCUMENT", f"Le fichier « {file} » contient un document non reconnu "
            f"(page{'s' if len(pages) > 1 else ''} {shown}) : à identifier.", file=file,
            page=pages[0], pages=pages, candidates=_candidates(docs)))
    return flags
