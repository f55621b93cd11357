"""Retraining from labelled samples: strict labels, the promotion rule, and a wording fixed by new samples."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from classifiers import artefacts
from classifiers.labels import LabelsError, load_labels
from classifiers.noise import add_ocr_noise
from classifiers.promotion import compare, score
from classifiers.synthetic import synthetic_pages
from classifiers.train import retrain, retrain_from_labels, train_model
from justif.domain import Page, Reading, Upload

NEW_JDC = ("SÉJOUR DE COHÉSION SNU\nAttestation de réalisation\n{name} a accompli son séjour de cohésion du "
           "{day} juillet 2021 au centre de {city}.\nMission d'intérêt général validée.\nLe chef de centre")


def fake_read(uploads: list[Upload]) -> list[Reading]:
    """Uploads are text files, pages separated by form feeds."""
    out = []
    for u in uploads:
        texts = u.path.read_text(encoding="utf-8").split("\f")
        pages = [Page(file=u.file, number=i, text=t, source="ocr") for i, t in enumerate(texts, 1)]
        out.append(Reading(upload=u, pages=pages))
    return out


def write_labels(folder: Path, lines: list[str], files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "labels.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def snapshot(models: Path) -> dict[str, bytes]:
    return {str(p.relative_to(models)): p.read_bytes() for p in sorted(models.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def base():
    return synthetic_pages(160, seed=3)


@pytest.fixture()
def models(tmp_path, base) -> Path:
    model, card = train_model(base, seed=0, evaluate=False)
    artefacts.set_current(tmp_path / "models", artefacts.save(tmp_path / "models", model, card))
    return tmp_path / "models"


@pytest.fixture()
def untouched(tmp_path) -> Path:
    """A models folder that must stay as it is (a bad labels folder stops before any training)."""
    (tmp_path / "models" / "v1").mkdir(parents=True)
    (tmp_path / "models" / "v1" / "card.json").write_text("{}")
    (tmp_path / "models" / "current.json").write_text('{"version": "v1"}')
    return tmp_path / "models"


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "line 2: not valid JSON"),
    ('{"file": "nope.txt", "pages": [1], "doc_type": "transcript"}', "line 2: file 'nope.txt' not found"),
    ('{"file": "a.txt", "pages": [1], "doc_type": "passport"}', "line 2: unknown doc_type 'passport'"),
    ('{"file": "../a.txt", "pages": [1], "doc_type": "transcript"}', "line 2: file '../a.txt' is outside"),
    ('{"file": "a.txt", "pages": [], "doc_type": "transcript"}', "line 2: pages must be"),
])
def test_bad_labels_raise_and_change_nothing(tmp_path, untouched, base, line, message) -> None:
    good = '{"file": "a.txt", "pages": [1], "doc_type": "transcript"}'
    folder = write_labels(tmp_path / "labels", [good, line], {"a.txt": "RELEVÉ DE NOTES"})
    before = snapshot(untouched)
    with pytest.raises(LabelsError, match=message):
        retrain_from_labels(untouched, base, folder, fake_read)
    assert snapshot(untouched) == before


def test_page_out_of_range_of_an_image(tmp_path) -> None:
    (tmp_path / "scan.png").write_bytes(b"\x89PNG")
    (tmp_path / "labels.jsonl").write_text('{"file": "scan.png", "pages": [2], "doc_type": "other"}\n')
    with pytest.raises(LabelsError, match="page 2 asked but 'scan.png' has 1 page"):
        load_labels(tmp_path)


def test_challenger_worse_on_one_class_is_not_promoted() -> None:
    truth = ["transcript"] * 50 + ["jdc_certificate"] * 50 + ["other"] * 50
    current = score(truth, truth[:50] + ["other"] * 10 + truth[60:])  # misses 10 JDC
    challenger = score(truth, ["other"] * 2 + truth[2:])  # better overall, transcript recall 4 points worse
    assert challenger["macro_f1"] > current["macro_f1"]
    decision = compare({"current": current, "challenger": challenger}, "v1", held_out=150)
    assert not decision.promoted and "transcript recall" in decision.reason
    assert compare({"current": current, "challenger": current}, "v1", held_out=150).promoted


def test_samples_of_a_new_wording_fix_it_and_are_promoted(tmp_path, models, base) -> None:
    rng = random.Random(8)
    texts = [add_ocr_noise(NEW_JDC.format(name=n, day=d, city=c), rng, 0.5) for n, d, c in
             zip(["Léa Roux", "Hugo Petit", "Inès Simon", "Théo Michel", "Zoé Garcia", "Adam Moreau"] * 2,
                 range(3, 15), ["Cazaux", "Istres", "Orange", "Salon", "Nancy", "Évreux"] * 2, strict=True)]
    files = {f"jdc{i}.txt": t for i, t in enumerate(texts)}
    lines = [json.dumps({"file": f, "pages": [1], "doc_type": "jdc_certificate"}) for f in files]
    folder = write_labels(tmp_path / "labels", lines, files)
    probe = NEW_JDC.format(name="Emma Laurent", day=20, city="Dijon")
    old = artefacts.load_current(models)
    assert old.predict([probe])[0].doc_type != "jdc_certificate"
    decision = retrain_from_labels(models, base, folder, fake_read, seed=1, cv_folds=3)
    assert decision.promoted, decision.summary()
    assert decision.scores["challenger"]["macro_f1"] >= decision.scores["current"]["macro_f1"]
    new = artefacts.load_current(models)
    assert new.version == decision.challenger_version != old.version
    assert new.predict([probe])[0].doc_type == "jdc_certificate"
    assert new.card["retrain"]["promoted"] is True


def test_retrain_without_unseen_pages_keeps_the_current(models, base) -> None:
    pointer = (models / "current.json").read_bytes()
    decision = retrain(models, base, [], seed=0, cv_folds=3)
    assert not decision.promoted and "unseen" in decision.reason
    assert (models / "current.json").read_bytes() == pointer
    assert artefacts.read_card(models, decision.challenger_version)["retrain"]["promoted"] is False
