"""The Prefect flow `retrain`, for real, through `justif train`: text-layer PDFs in, a decision out."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from itertools import groupby
from pathlib import Path

import pytest
from fpdf import FPDF

from classifiers.synthetic import synthetic_pages

ROOT = Path(__file__).resolve().parents[1]
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
NEW_JDC = ("SERVICE NATIONAL UNIVERSEL\nAttestation de réalisation du séjour de cohésion\n{name} a accompli son "
           "séjour de cohésion du {day} juillet 2021 au centre de Foix.\nLe chef de centre")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not FONT.exists(), reason="needs fonts-dejavu-core")]


def write_pdf(path: Path, texts: list[str]) -> None:
    pdf = FPDF()
    pdf.add_font("dejavu", fname=str(FONT))
    pdf.set_font("dejavu", size=11)
    for text in texts:
        pdf.add_page()
        pdf.multi_cell(0, 6, text.replace("\t", " "))
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


def write_corpus(root: Path) -> Path:
    """Synthetic labelled pages as a contract inbox (one PDF per upload) with its truth.json."""
    inbox, dossiers = root / "corpus", {}
    pages = synthetic_pages(150, seed=41)
    for file, group in groupby(pages, key=lambda p: p.file):
        group = list(group)
        dossier = dossiers.setdefault(group[0].group, {"uploads": {}})
        documents = []
        for page in group:
            if page.is_first_page or not documents:
                documents.append({"pages": [], "doc_type": page.doc_type, "fields": {}})
            documents[-1]["pages"].append(page.number)
        write_pdf(inbox / group[0].group / file, [p.text for p in group])
        dossier["uploads"][file] = {"rendering": "text_pdf", "documents": documents}
    (root / "corpus.truth.json").write_text(json.dumps({"dossiers": dossiers}), encoding="utf-8")
    return inbox


def train(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    return subprocess.run([sys.executable, "-m", "justif.cli", "train", *args], capture_output=True, text=True,
                          timeout=900, env=env, cwd=ROOT)


def test_retrain_flow_decides_and_records_it(tmp_path):
    corpus = write_corpus(tmp_path)
    models = tmp_path / "models"
    shutil.copytree(ROOT / "models", models)
    labels = tmp_path / "labels"
    for i, name in enumerate(["Léa Martin", "Hugo Petit", "Inès Benali", "Tom Robert"]):
        write_pdf(labels / f"snu{i}.pdf", [NEW_JDC.format(name=name, day=5 + i)])
    (labels / "labels.jsonl").write_text("".join(
        json.dumps({"file": f"snu{i}.pdf", "pages": [1], "doc_type": "jdc_certificate"}) + "\n" for i in range(4)
    ), encoding="utf-8")
    before = json.loads((models / "current.json").read_text())["version"]
    done = train("--labels", str(labels), "--corpus", str(corpus), "--models", str(models),
                 "--cache", str(tmp_path / "cache"))
    assert done.returncode == 0, done.stderr[-3000:]
    assert "challenger" in done.stdout and "current" in done.stdout
    versions = sorted(p.name for p in models.iterdir() if p.is_dir())
    assert len(versions) == 2  # the challenger is kept with its card, promoted or not
    challenger = next(v for v in versions if v != before)
    card = json.loads((models / challenger / "card.json").read_text())
    decision = card["retrain"]
    assert set(decision["scores"]) == {"challenger", "current"} and isinstance(decision["promoted"], bool)
    now = json.loads((models / "current.json").read_text())["version"]
    assert now == (challenger if "PROMOTED:" in done.stdout else before)


def test_malformed_labels_are_refused_and_change_nothing(tmp_path):
    models = tmp_path / "models"
    shutil.copytree(ROOT / "models", models)
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "labels.jsonl").write_text('{"file": "absent.pdf", "pages": [1], "doc_type": "jdc_certificate"}\n')
    before = sorted(p.name for p in models.rglob("*"))
    done = train("--labels", str(labels), "--models", str(models))
    assert done.returncode == 2
    assert "absent.pdf" in done.stderr and "nothing changed" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in models.rglob("*")) == before
