"""Versioned model artefacts: models/<version>/{model.joblib, card.json} and the current.json pointer."""

from __future__ import annotations

import functools
import json
import logging
import platform
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib.metadata import version as installed_version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from justif.domain import Document, Page, PagePrediction

if TYPE_CHECKING:
    from classifiers.model import PageClassifier

log = logging.getLogger(__name__)
POINTER = "current.json"


class ArtefactError(RuntimeError):
    """A model artefact is missing, damaged or made with other library versions."""


def library_versions() -> dict[str, str]:
    """Installed versions, read from package metadata: scikit-learn itself is not imported for this."""
    return {"sklearn": installed_version("scikit-learn"), "numpy": installed_version("numpy"),
            "python": platform.python_version()}


def save(models_dir: Path, model: PageClassifier, card: dict[str, Any]) -> str:
    """Write a new version folder (never overwriting one) and return its version name."""
    import joblib

    models_dir = Path(models_dir)
    created = datetime.now(UTC)
    version = f"{created:%Y%m%d-%H%M%S}-{card.get('training_data_sha256', '0' * 8)[:8]}"
    folder, n = models_dir / version, 1
    while folder.exists():
        n += 1
        folder = models_dir / f"{version}-{n}"
    version = folder.name
    folder.mkdir(parents=True)
    model.version = version
    full_card = {"version": version, "created": created.isoformat(timespec="seconds"),
                 "libraries": library_versions(), **card, "min_confidence": model.min_confidence}
    model.card = full_card
    parts = {"estimator": model.estimator, "boundary": model.boundary,
             "train_digests": sorted(model.train_digests)}
    joblib.dump(parts, folder / "model.joblib", compress=3)
    full_card["artefact_bytes"] = (folder / "model.joblib").stat().st_size
    text = json.dumps(full_card, indent=1, ensure_ascii=False) + "\n"
    (folder / "card.json").write_text(text, encoding="utf-8")
    log.info("saved model %s (%d bytes)", version, full_card["artefact_bytes"])
    return version


def set_current(models_dir: Path, version: str) -> None:
    if not (Path(models_dir) / version / "card.json").is_file():
        raise ArtefactError(f"no model {version!r} in {models_dir}")
    pointer = {"version": version, "set_at": datetime.now(UTC).isoformat(timespec="seconds")}
    tmp = Path(models_dir) / (POINTER + ".tmp")
    tmp.write_text(json.dumps(pointer, indent=1) + "\n", encoding="utf-8")
    tmp.replace(Path(models_dir) / POINTER)


def has_current(models_dir: Path) -> bool:
    return (Path(models_dir) / POINTER).is_file()


def current_version(models_dir: Path) -> str:
    pointer = Path(models_dir) / POINTER
    if not pointer.is_file():
        raise ArtefactError(f"no current model: {pointer} is missing. Run `justif train` to build one.")
    return json.loads(pointer.read_text(encoding="utf-8"))["version"]


def read_card(models_dir: Path, version: str) -> dict[str, Any]:
    path = Path(models_dir) / version / "card.json"
    if not path.is_file():
        raise ArtefactError(f"model {version!r}: {path} is missing. Run `justif train` to rebuild the model.")
    return json.loads(path.read_text(encoding="utf-8"))


def check_versions(card: dict[str, Any], path: Path) -> None:
    """Refuse an artefact pickled by another scikit-learn: its estimators may load wrong or not at all."""
    made_with, installed = card.get("libraries", {}).get("sklearn"), installed_version("scikit-learn")
    if made_with != installed:
        raise ArtefactError(
            f"model {card.get('version')} at {path} was made with scikit-learn {made_with}, but scikit-learn "
            f"{installed} is installed. Install scikit-learn=={made_with}, or run `justif train` "
            "to retrain the model with the installed version."
        )


def load(models_dir: Path, version: str, min_confidence: float | None = None) -> PageClassifier:
    """One artefact; `min_confidence` None keeps the threshold tuned at training time (its card)."""
    import joblib

    from classifiers.model import PageClassifier

    card = read_card(models_dir, version)
    folder = Path(models_dir) / version
    check_versions(card, folder)
    try:
        parts = joblib.load(folder / "model.joblib")
    except Exception as exc:
        raise ArtefactError(f"model {version}: cannot load {folder / 'model.joblib'} ({exc}). "
                            "Run `justif train` to rebuild it.") from exc
    threshold = card.get("min_confidence", 0.5) if min_confidence is None else min_confidence
    digests = frozenset(parts.get("train_digests", ()))
    return PageClassifier(parts["estimator"], version, threshold, parts.get("boundary"), card, digests)


def load_current(models_dir: Path, min_confidence: float | None = None) -> PageClassifier:
    """The model `models/current.json` names."""
    return load(models_dir, current_version(models_dir), min_confidence)


class CurrentModel:
    """The model `models/current.json` names, checked at once (pointer, card, scikit-learn version,
    artefact file) but unpickled on first use: a nightly re-run whose dossiers are all unchanged keeps
    their results from the cache and never needs it. Importing scikit-learn and unpickling the shipped
    model took 2.3 s of the 6.6 s such a run took on build/bench (cProfile)."""

    def __init__(self, models_dir: Path, min_confidence: float | None = None) -> None:
        self.models_dir = Path(models_dir)
        self.version = current_version(self.models_dir)
        self.min_confidence = min_confidence
        folder = self.models_dir / self.version
        check_versions(read_card(self.models_dir, self.version), folder)
        if not (folder / "model.joblib").is_file():
            raise ArtefactError(f"model {self.version}: {folder / 'model.joblib'} is missing. "
                                "Run `justif train` to rebuild it.")

    @functools.cached_property
    def loaded(self) -> PageClassifier:
        return load(self.models_dir, self.version, self.min_confidence)

    def predict(self, pages: Sequence[Page | str]) -> list[PagePrediction]:
        return self.loaded.predict(pages)

    def group_pages(self, pages: list[Page], predictions: list[PagePrediction]) -> list[Document]:
        return self.loaded.group_pages(pages, predictions)
