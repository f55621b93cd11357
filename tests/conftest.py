"""Shared test fixtures: a valid declared dossier and small inbox builders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
if not SHARED.is_dir():  # CI clones main into another folder with shared/ beside it
    SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def dossier_dict(dossier_id: str = "D0001", **overrides) -> dict:
    data = {
        "dossier_id": dossier_id,
        "session": 2022,
        "last_name": "Dupont",
        "first_names": ["Marie", "Claire"],
        "birth_date": "2001-03-12",
        "nationality": "FR",
        "address": {"postal_code": "31000", "city": "Toulouse"},
        "specialty": "Comptabilité et gestion",
        "category": "previous_session",
        "form": "global",
        "submitted_at": "2021-11-20T10:00:00+01:00",
    }
    data.update(overrides)
    return data


def write_dossier(inbox: Path, data: dict | str | None, uploads: dict[str, bytes] | None = None,
                  folder: str | None = None) -> Path:
    """A dossier folder; `data` None leaves dossier.json out, a str is written as is."""
    name = folder or (data["dossier_id"] if isinstance(data, dict) else "D9999")
    path = inbox / name
    path.mkdir(parents=True, exist_ok=True)
    if data is not None:
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        (path / "dossier.json").write_text(text, encoding="utf-8")
    for rel, content in (uploads or {}).items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_bytes(content)
    return path


@pytest.fixture
def shared_dir() -> Path:
    if not (SHARED / "contract").is_dir():
        pytest.skip("../shared/contract is not beside the checkout")
    return SHARED
