"""The synthetic corpus generator: determinism, contract-valid dossiers, MRZ check digits, coverage, demo size."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from sample_docs.generator import generate
from sample_docs.generator.broken import KINDS, make_broken
from sample_docs.generator.documents import DocSpec, identity
from sample_docs.generator.expect import status_of
from sample_docs.generator.people import make_person
from sample_docs.generator.sheet import Sheet

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT.parent / "shared" / "contract"
DEMO = ROOT / "sample_docs" / "demo_inbox"
DOC_TYPES = {"identity_document", "jdc_certificate", "internship_attestation", "r408_attestation", "transcript",
             "employment_certificate", "school_certificate", "training_attestation", "training_contract",
             "registration_confirmation", "other"}
RENDERINGS = {"text_pdf", "scan_png", "scan_pdf", "degraded_scan", "phone_photo", "rotated", "bundle_pdf", "split"}
FLAGS = {"MISSING_PIECE", "NAME_MISMATCH", "BIRTH_DATE_MISMATCH", "ID_EXPIRED", "MRZ_INVALID",
         "INTERNSHIP_TOO_SHORT", "EXPERIENCE_TOO_SHORT", "TRAINING_HOURS_TOO_LOW", "GRADE_BENEFIT_NOT_JUSTIFIED",
         "RESIDENCE_OUTSIDE_ACADEMY", "NOT_SIGNED", "UNREADABLE_FILE", "UNRECOGNISED_DOCUMENT", "DUPLICATE_UPLOAD"}


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("gen") / "inbox"
    truth = generate("corpus", out, seed=3, n_dossiers=16, dpi_scale=0.3)
    return out, json.loads(truth.read_text(encoding="utf-8"))


def _icao_check(data: str) -> int:
    """Independent ICAO 9303 check digit."""
    values = {**{str(i): i for i in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}, "<": 0}
    return sum(values[c] * w for c, w in zip(data, [7, 3, 1] * 40, strict=False)) % 10


def _zone_ok(lines: list[str]) -> bool:
    if len(lines[0]) == 36:  # French 1988 card: number, birth date, then everything before the last digit
        l1, l2 = lines
        return (_icao_check(l2[:12]) == int(l2[12]) and _icao_check(l2[27:33]) == int(l2[33])
                and _icao_check(l1 + l2[:35]) == int(l2[35]))
    if len(lines[0]) == 30:
        l1, l2, _ = lines
        parts = [(l1[5:14], l1[14]), (l2[:6], l2[6]), (l2[8:14], l2[14]),
                 (l1[5:] + l2[:7] + l2[8:15] + l2[18:29], l2[29])]
    else:
        l2 = lines[1]
        parts = [(l2[:9], l2[9]), (l2[13:19], l2[19]), (l2[21:27], l2[27]), (l2[:10] + l2[13:20] + l2[21:43], l2[43])]
    return all(_icao_check(data) == int(digit) for data, digit in parts)


def test_published_mrz_specimens_verify() -> None:
    assert _zone_ok(["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"])
    assert _zone_ok(["IDFRADOUEL<<<<<<<<<<<<<<<<<<<<932013", "0506932020438CHRISTIANE<<NI2906209F3"])


@pytest.mark.parametrize("card", ["cni1988", "cni2021", "passport", "residence_permit"])
def test_generated_mrz_check_digits_verify_independently(card: str) -> None:
    rng = random.Random(card)
    for seed in range(6):
        fault = "check" if seed == 5 else None
        person = make_person(rng, nationality="FR" if card.startswith("cni") else "MA", age_range=(19, 40))
        spec = DocSpec("identity_document", seed, person, {"card": card, "issue": date(2015, 3, 2),
                                                            "expiry": date(2030, 3, 1), "mrz_fault": fault})
        built = identity.build(Sheet(), spec)
        lines = built.hidden["mrz"]
        assert len({len(line) for line in lines}) == 1 and len(lines[0]) in (30, 36, 44)
        assert _zone_ok(lines) is (fault is None)
        assert built.fields["mrz_valid"] is (fault is None)
        if card == "cni1988":
            assert built.fields["document_number"][:4] == "1503"  # YYMM of issue


def test_same_seed_same_truth(tmp_path: Path) -> None:
    first = generate("bench", tmp_path / "a", seed=11, n_dossiers=4, dpi_scale=0.25, workers=1)
    second = generate("bench", tmp_path / "b", seed=11, n_dossiers=4, dpi_scale=0.25, workers=2)
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    other = generate("bench", tmp_path / "c", seed=12, n_dossiers=4, dpi_scale=0.25, workers=1)
    assert other.read_text(encoding="utf-8") != first.read_text(encoding="utf-8")


def test_every_dossier_json_validates(small_corpus: tuple[Path, dict]) -> None:
    schema = json.loads((CONTRACT / "dossier.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    inbox, truth = small_corpus
    files = sorted(inbox.glob("*/dossier.json")) + sorted(DEMO.glob("*/dossier.json"))
    assert len(files) == len(truth["dossiers"]) + 8
    for path in files:
        errors = list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))))
        assert not errors, f"{path}: {errors[0].message}"


def test_small_corpus_covers_types_renderings_and_flags(small_corpus: tuple[Path, dict]) -> None:
    inbox, truth = small_corpus
    types, renderings, flags = set(), set(), set()
    for dossier_id, dossier in truth["dossiers"].items():
        assert dossier["expected_status"] == status_of(dossier["expected_flags"])
        for file, upload in dossier["uploads"].items():
            assert (inbox / dossier_id / file).is_file()
            renderings.add(upload["rendering"])
            types.update(doc["doc_type"] for doc in upload["documents"])
        flags.update(flag["code"] for flag in dossier["expected_flags"])
    assert types == DOC_TYPES
    assert renderings == RENDERINGS
    assert flags == FLAGS
    assert {d["expected_status"] for d in truth["dossiers"].values()} == {"ok", "to_review", "incomplete"}


def test_truth_has_the_documented_shape(small_corpus: tuple[Path, dict]) -> None:
    _, truth = small_corpus
    assert set(truth) == {"generator", "dossiers"} and set(truth["generator"]) == {"seed", "version"}
    for dossier in truth["dossiers"].values():
        assert set(dossier) == {"expected_status", "expected_flags", "faults", "uploads"}
        for flag in dossier["expected_flags"]:
            assert set(flag) == {"code", "piece", "file"}
        for upload in dossier["uploads"].values():
            assert set(upload) == {"rendering", "rotation", "broken", "documents"}
            assert upload["rotation"] in (0, 90, 180, 270)
            assert (upload["broken"] is None) == bool(upload["documents"])
            for doc in upload["documents"]:
                assert set(doc) == {"pages", "doc_type", "subtype", "layout", "wording", "fields"}


def test_broken_uploads_cannot_be_opened() -> None:
    import io

    import pypdfium2 as pdfium
    from PIL import Image

    for kind in KINDS:
        data = make_broken(kind, None, random.Random(kind))
        if kind in ("truncated_pdf", "encrypted_pdf"):
            with pytest.raises(pdfium.PdfiumError):
                pdfium.PdfDocument(data)
        elif kind == "pixel_bomb":
            assert len(data) < 1_000_000
            width, height = Image.open(io.BytesIO(data)).size  # header only: never decode a bomb
            assert width * height > 60_000_000
        else:
            assert not data.startswith((b"%PDF", b"\xff\xd8", b"\x89PNG"))


def test_demo_inbox_is_committed_small_and_current(tmp_path: Path) -> None:
    size = sum(p.stat().st_size for p in DEMO.rglob("*") if p.is_file())
    assert 0 < size < 10 * 1024 * 1024
    committed = json.loads((DEMO.parent / "demo_inbox.truth.json").read_text(encoding="utf-8"))
    fresh = generate("demo", tmp_path / "demo_inbox", seed=committed["generator"]["seed"], dpi_scale=0.25)
    assert json.loads(fresh.read_text(encoding="utf-8")) == committed
    statuses = {d["expected_status"] for d in committed["dossiers"].values()}
    assert statuses == {"ok", "to_review", "incomplete"}
