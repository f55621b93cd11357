"""Model artefacts: save/load round trip, the current pointer, refusal of another scikit-learn version."""

from __future__ import annotations

import json

import pytest
import sklearn

from classifiers import artefacts
from classifiers.artefacts import ArtefactError
from classifiers.synthetic import synthetic_pages
from classifiers.train import data_hash, train_model

TEXTS = ["RELEVÉ DE NOTES\nSession 2021\nU1 Culture générale 12/20", "Facture EDF montant TTC 54,00 €"]


@pytest.fixture(scope="module")
def trained():
    pages = synthetic_pages(150, seed=5)
    return train_model(pages, seed=0, cv_folds=3)


def test_round_trip_and_pointer(tmp_path, trained) -> None:
    model, card = trained
    version = artefacts.save(tmp_path, model, card)
    artefacts.set_current(tmp_path, version)
    loaded = artefacts.load_current(tmp_path)
    assert loaded.version == version == json.loads((tmp_path / "current.json").read_text())["version"]
    assert [p.model_dump() for p in loaded.predict(TEXTS)] == [p.model_dump() for p in model.predict(TEXTS)]
    saved = json.loads((tmp_path / version / "card.json").read_text())
    assert saved["libraries"]["sklearn"] == sklearn.__version__
    assert saved["training_data_sha256"] == card["training_data_sha256"]
    expected = {"cv_per_class", "threshold_curve", "splitting", "samples_per_class", "min_confidence"}
    assert expected <= set(saved)
    assert saved["artefact_bytes"] < 20_000_000
    assert artefacts.load_current(tmp_path, min_confidence=0.9).min_confidence == 0.9


def test_versions_never_overwrite(tmp_path, trained) -> None:
    model, card = trained
    assert artefacts.save(tmp_path, model, card) != artefacts.save(tmp_path, model, card)


def test_other_sklearn_version_is_refused(tmp_path, trained) -> None:
    version = artefacts.save(tmp_path, *trained)
    artefacts.set_current(tmp_path, version)
    card_path = tmp_path / version / "card.json"
    card = json.loads(card_path.read_text())
    card["libraries"]["sklearn"] = "0.24.2"
    card_path.write_text(json.dumps(card))
    with pytest.raises(ArtefactError) as err:
        artefacts.load_current(tmp_path)
    message = str(err.value)
    assert "0.24.2" in message and sklearn.__version__ in message and "justif train" in message


def test_current_model_is_checked_at_once_and_loaded_on_first_use(tmp_path, trained) -> None:
    version = artefacts.save(tmp_path, *trained)
    artefacts.set_current(tmp_path, version)
    current = artefacts.CurrentModel(tmp_path)
    assert current.version == version and "loaded" not in vars(current)
    assert [p.model_dump() for p in current.predict(TEXTS)] == [p.model_dump() for p in trained[0].predict(TEXTS)]
    (tmp_path / version / "model.joblib").unlink()
    with pytest.raises(ArtefactError, match="justif train"):
        artefacts.CurrentModel(tmp_path)  # a missing artefact is found before any reading starts
    card_path = tmp_path / version / "card.json"
    card = json.loads(card_path.read_text())
    card["libraries"]["sklearn"] = "0.24.2"
    card_path.write_text(json.dumps(card))
    with pytest.raises(ArtefactError, match="0.24.2"):
        artefacts.CurrentModel(tmp_path)


def test_missing_pointer_says_what_to_do(tmp_path) -> None:
    with pytest.raises(ArtefactError, match="justif train"):
        artefacts.load_current(tmp_path)


def test_data_hash_ignores_order() -> None:
    pages = synthetic_pages(10, seed=1)
    assert data_hash(pages) == data_hash(list(reversed(pages)))
    assert data_hash(pages) != data_hash(pages[1:])
