"""Reading: sniffing by bytes and every broken upload giving a French error, never an exception."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from justif.config import ReadSettings
from justif.reading import make_upload, read_uploads, sniff, synth


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("inbox")
    pdf = synth.write_text_pdf(root / "ok.pdf", [synth.page_lines(1, 6)])
    data = pdf.read_bytes()
    (root / "empty.pdf").write_bytes(b"")
    (root / "Dupont Marie.jpg").write_text("not an image at all")
    (root / "truncated.pdf").write_bytes(data[: len(data) // 2])
    with pikepdf.open(pdf) as doc:
        doc.save(root / "encrypted.pdf", encryption=pikepdf.Encryption(user="secret", owner="owner"))
    Image.new("1", (20000, 10000), 1).save(root / "bomb.png")  # 200 megapixels, small on disk
    (root / "anim.gif").write_bytes(b"GIF89a" + b"\x00" * 32)
    (root / "mislabelled.txt").write_bytes(data)
    return root


def test_sniff_goes_by_bytes_not_names(inbox: Path) -> None:
    assert sniff(inbox / "ok.pdf") == "pdf"
    assert sniff(inbox / "mislabelled.txt") == "pdf"
    assert sniff(inbox / "Dupont Marie.jpg") is None
    assert sniff(inbox / "empty.pdf") is None
    assert sniff(inbox / "bomb.png") == "png"
    assert sniff(inbox / "anim.gif") is None


def test_make_upload_records_size_hash_kind(inbox: Path) -> None:
    upload = make_upload("D1", inbox, inbox / "ok.pdf")
    assert (upload.file, upload.kind, upload.size) == ("ok.pdf", "pdf", (inbox / "ok.pdf").stat().st_size)
    assert len(upload.sha256) == 64


def test_broken_uploads_get_french_reasons_and_the_batch_goes_on(
    inbox: Path, caplog: pytest.LogCaptureFixture
) -> None:
    uploads = [make_upload("D1", inbox, p) for p in sorted(inbox.iterdir())]
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        readings = read_uploads(uploads, ReadSettings(), workers=1, cache_dir=None)
    errors = {r.upload.file: r.error for r in readings}
    assert [r.upload.file for r in readings] == [u.file for u in uploads]
    assert errors["empty.pdf"] == "fichier vide (0 octet)"
    assert errors["Dupont Marie.jpg"].startswith("format non pris en charge")
    assert errors["anim.gif"].startswith("format non pris en charge")
    assert errors["truncated.pdf"] == "PDF corrompu ou tronqué"
    assert errors["encrypted.pdf"] == "PDF chiffré (protégé par mot de passe)"
    assert errors["bomb.png"] == "image trop grande (200 mégapixels, limite 60)"
    assert errors["ok.pdf"] is None and errors["mislabelled.txt"] is None
    assert "Dupont" not in caplog.text


def test_size_and_page_limits(inbox: Path, tmp_path: Path) -> None:
    long_pdf = synth.write_text_pdf(tmp_path / "long.pdf", [synth.page_lines(i, 4) for i in range(3)])
    uploads = [make_upload("D1", inbox, inbox / "ok.pdf"), make_upload("D1", tmp_path, long_pdf)]
    settings = ReadSettings(max_file_bytes=1024 * 1024, max_pages=2)
    big = uploads[0].model_copy(update={"size": 5 * 1024 * 1024})
    readings = read_uploads([big, uploads[1]], settings, workers=1, cache_dir=None)
    assert readings[0].error == "fichier trop volumineux (5.0 Mo, limite 1 Mo)"
    assert readings[1].error == "document trop long (3 pages, limite 2)"


def test_multipage_tiff_gives_one_page_per_frame(tmp_path: Path) -> None:
    frames = [synth.text_image([text], dpi=150) for text in ("Attestation de stage", "Relevé de notes")]
    frames[0].save(tmp_path / "scan.tif", save_all=True, append_images=frames[1:])
    reading = read_uploads([make_upload("D1", tmp_path, tmp_path / "scan.tif")], ReadSettings(),
                           workers=1, cache_dir=None)[0]
    assert reading.error is None
    assert [p.number for p in reading.pages] == [1, 2]
    assert "Attestation" in reading.pages[0].text and "Relevé" in reading.pages[1].text
