"""Ingest: find the dossiers of an inbox, validate each dossier.json, list its uploads."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path

from pydantic import BaseModel, Field

from justif.domain import Dossier, Upload
from justif.reading import make_upload
from justif.schemas import schema_errors

log = logging.getLogger(__name__)

DOSSIER_FILE = "dossier.json"
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


class InboxError(Exception):
    """The inbox as a whole cannot be processed (missing, not a folder, no dossier)."""


class DossierInput(BaseModel):
    """One dossier folder: the declared dossier (or why it is unusable) and its uploads."""

    dossier_id: str
    folder: Path
    dossier: Dossier | None = None
    error: str | None = None  # French, for staff: why dossier.json could not be used
    uploads: list[Upload] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)  # entries that are not regular files


def dossier_folders(inbox: Path) -> list[Path]:
    """The dossier folders of `inbox`, sorted; raises InboxError when there is none."""
    if not inbox.exists():
        raise InboxError(f"inbox not found: {inbox}")
    if not inbox.is_dir():
        raise InboxError(f"inbox is not a folder: {inbox}")
    folders = sorted(p for p in inbox.iterdir() if p.is_dir() and not p.is_symlink())
    if not folders:
        raise InboxError(f"no dossier folder in inbox: {inbox}")
    return folders


def discover(inbox: Path) -> list[DossierInput]:
    """Every sub-folder of `inbox` is a dossier, with its declaration and uploads."""
    dossiers = [_load_folder(folder) for folder in dossier_folders(inbox)]
    _make_ids_unique(dossiers)
    return dossiers


def _load_folder(folder: Path) -> DossierInput:
    dossier, error = load_dossier(folder / DOSSIER_FILE)
    dossier_id = dossier.dossier_id if dossier else _id_from_folder(folder.name)
    uploads, skipped = [], []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            skipped.append(path.relative_to(folder).as_posix())
        elif path.is_file() and path != folder / DOSSIER_FILE:
            uploads.append(make_upload(dossier_id, folder, path))
    log.info("dossier %s: %d uploads%s", dossier_id, len(uploads), " (invalid dossier.json)" if error else "")
    return DossierInput(
        dossier_id=dossier_id, folder=folder, dossier=dossier, error=error, uploads=uploads, skipped=skipped
    )


def load_dossier(path: Path) -> tuple[Dossier | None, str | None]:
    """The declared dossier, or a French message saying why dossier.json is unusable."""
    if not path.is_file():
        return None, "dossier.json absent : la déclaration du candidat est introuvable dans le dossier."
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, f"dossier.json illisible (JSON invalide : {type(exc).__name__})."
    problems = schema_errors("dossier", data)
    if problems:
        shown = "; ".join(problems[:3]) + (" …" if len(problems) > 3 else "")
        return None, f"dossier.json non conforme au contrat ({len(problems)} erreur(s)) : {shown}"
    return Dossier.model_validate(data), None


def _id_from_folder(name: str) -> str:
    """A folder name usable as a file name, else a stable id derived from it."""
    if _SAFE_ID.match(name):
        return name
    return "dossier-" + hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:12]


def _make_ids_unique(dossiers: list[DossierInput]) -> None:
    seen: dict[str, int] = {}
    for item in dossiers:
        count = seen.get(item.dossier_id, 0)
        seen[item.dossier_id] = count + 1
        if count:
            log.warning("dossier id %s appears in several folders; suffixing", item.dossier_id)
            item.dossier_id = f"{item.dossier_id}-{count + 1}"
