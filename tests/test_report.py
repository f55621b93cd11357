"""The run folder: results valid against the contract, summary consistent, flags.csv for a spreadsheet."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import jsonschema
import pytest

from justif.report import write_run
from tests.test_report_factories import HOSTILE, fake_crop, sample_results, sample_run

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "contract" / "result.schema.json"
if not SCHEMA.is_file():  # the packaged copy of the contract
    SCHEMA = Path(__file__).resolve().parents[1] / "justif" / "schemas" / "result.schema.json"


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("run")
    results = sample_results()
    write_run(out, results, sample_run(results), fake_crop)
    return out


def test_every_result_validates_against_the_contract(run_folder: Path) -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"contract schema not found at {SCHEMA}")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
    files = sorted((run_folder / "dossiers").glob("*.json"))
    assert [f.stem for f in files] == [f"D000{i}" for i in range(1, 9)]
    for file in files:
        validator.validate(json.loads(file.read_text(encoding="utf-8")))
    bad = json.loads(files[0].read_text(encoding="utf-8")) | {"processed_at": "hier matin"}
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(bad)  # the date-time format is really checked


def test_summary_counts_match_the_results(run_folder: Path) -> None:
    summary = json.loads((run_folder / "summary.json").read_text(encoding="utf-8"))
    results = [json.loads(f.read_text(encoding="utf-8")) for f in (run_folder / "dossiers").glob("*.json")]
    assert summary["dossiers"] == len(results) == 8
    assert sum(summary["by_status"].values()) == 8
    for status in ("ok", "to_review", "incomplete"):
        assert summary["by_status"][status] == sum(r["status"] == status for r in results)
    assert sum(summary["by_flag_code"].values()) == sum(len(r["flags"]) for r in results)
    assert sum(summary["by_doc_type"].values()) == sum(len(r["documents"]) for r in results)
    assert summary["dossier_errors"] == {"D0008": "dossier.json invalide : 'birth_date' manquant"}
    by_id = sorted(results, key=lambda r: r["dossier_id"])
    assert summary["needs_attention"] == [r["dossier_id"] for r in by_id if r["status"] != "ok"]
    assert summary["model_version"] == "clf-2021.11-1" and summary["n_pages"] == 58
    assert summary["run"]["seconds"] == 712.4


def test_flags_csv_opens_in_a_french_spreadsheet(run_folder: Path) -> None:
    raw = (run_folder / "flags.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (run_folder / "flags.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["dossier", "statut", "code", "gravité", "pièce", "fichier", "page", "message"]
    summary = json.loads((run_folder / "summary.json").read_text(encoding="utf-8"))
    assert len(rows) - 1 == sum(summary["by_flag_code"].values())
    assert {len(r) for r in rows} == {8}
    unreadable = next(r for r in rows if r[2] == "UNREADABLE_FILE")
    assert unreadable[:5] == ["D0003", "Incomplet", "UNREADABLE_FILE", "Bloquant", ""]
    assert unreadable[5] == HOSTILE
    jdc = next(r for r in rows if r[2] == "MISSING_PIECE" and r[4] == "Certificat JDC")
    assert jdc[7].startswith("Certificat JDC manquant : candidat de nationalité française âgé de")


def test_report_is_self_contained_and_escaped(run_folder: Path) -> None:
    html = (run_folder / "report.html").read_text(encoding="utf-8")
    assert '<script>alert("x")' not in html and "&lt;script&gt;alert(" in html
    assert not re.search(r"""(?:src|href)=["'](?:https?:|//)""", html)
    assert "<link" not in html and "@import" not in html
    assert html.count("data:image/png;base64,") >= 4  # crops for the flags that point at a page
    assert '<html lang="fr">' in html


def test_report_puts_what_needs_staff_first(run_folder: Path) -> None:
    html = (run_folder / "report.html").read_text(encoding="utf-8")
    order = re.findall(r'data-id="(D\d+)"', html)
    assert order[:2] == ["D0008", "D0003"]  # invalid declaration, then incomplete
    assert order[-2:] == ["D0001", "D0002"]  # ok dossiers last, collapsed
    closed = re.findall(r'<details class="dossier d-ok"[^>]*>', html)
    assert closed and all(" open" not in tag.split("data-")[0] for tag in closed)
    assert "6 dossiers sur 8 à traiter" in html


def test_no_crops_without_a_crop_function(tmp_path: Path) -> None:
    results = sample_results()
    write_run(tmp_path, results, sample_run(results), None)
    assert "data:image" not in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_a_failing_crop_does_not_stop_the_report(tmp_path: Path) -> None:
    def broken(*_args):
        raise OSError("page gone")

    results = sample_results()
    write_run(tmp_path, results, sample_run(results), broken)
    assert (tmp_path / "report.html").is_file()


def _png(width: int, height: int, noise: bool = False) -> bytes:
    import io

    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (height, width), dtype=np.uint8) if noise else np.full((height, width), 200, np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    return buffer.getvalue()


def test_crops_are_embedded_small_whatever_they_come_as() -> None:
    import base64
    import io

    from PIL import Image

    from justif.report.html import CROP_MAX_WIDTH, PNG_MAX_BYTES, data_uri

    small = _png(300, 80)
    assert data_uri(small) == "data:image/png;base64," + base64.b64encode(small).decode()  # as made, not re-encoded
    wide = data_uri(_png(CROP_MAX_WIDTH * 2, 100))
    assert wide is not None and wide.startswith("data:image/png;base64,")
    assert Image.open(io.BytesIO(base64.b64decode(wide.split(",", 1)[1]))).width == CROP_MAX_WIDTH
    photo = _png(CROP_MAX_WIDTH, 400, noise=True)
    assert len(photo) > PNG_MAX_BYTES
    assert (data_uri(photo) or "").startswith("data:image/jpeg;base64,")
    assert data_uri(b"not an image") is None


def test_a_photo_crop_is_stored_as_jpeg_and_embedded_as_stored() -> None:
    import base64
    import io

    from PIL import Image

    from justif.report.html import CROP_MAX_WIDTH, PNG_MAX_BYTES, data_uri, encode_crop

    photo = Image.open(io.BytesIO(_png(CROP_MAX_WIDTH * 2, 400, noise=True)))
    crop = encode_crop(photo)
    assert crop[:2] == b"\xff\xd8" and Image.open(io.BytesIO(crop)).width == CROP_MAX_WIDTH
    assert data_uri(crop) == "data:image/jpeg;base64," + base64.b64encode(crop).decode()
    text = encode_crop(Image.new("L", (300, 80), 255))
    assert text[:4] == b"\x89PNG" and len(text) <= PNG_MAX_BYTES
