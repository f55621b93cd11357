"""Reading hard pages: a small card on a blank sheet, upside-down pages, character scale caps, false outlines."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from justif.config import ReadSettings
from justif.reading import cleanup, geometry, synth
from tests.test_reading_pages import read_one

CARD_LINES = ["RÉPUBLIQUE FRANÇAISE", "CARTE NATIONALE D'IDENTITÉ", "Nom : MARTIN", "Prénoms : Claire Marie",
              "Né(e) le : 12 mars 2001", "Adresse : 12 rue des Lilas", "31000 TOULOUSE"]


def card_on_sheet(dpi: int = 200) -> Image.Image:
    """An A4 sheet, blank but for an identity card at the top (gray card, frame, photo box, MRZ)."""
    width, height = (round(mm / 25.4 * dpi) for mm in synth.A4_MM)
    img = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(img)
    left, top = round(0.15 * width), round(0.06 * height)
    right, bottom = round(0.85 * width), top + round(0.27 * height)
    draw.rounded_rectangle((left, top, right, bottom), radius=30, fill=215, outline=120, width=3)
    draw.rectangle((left + 30, top + 60, left + 230, top + 300), fill=170)
    face = ImageFont.truetype(synth.FONT, round(9 / 72 * dpi))
    y = top + 40
    for line in CARD_LINES:
        draw.text((left + 260, y), line, fill=20, font=face)
        y += round(9 / 72 * dpi * 1.7)
    mono = ImageFont.truetype(synth.MONO, round(10 / 72 * dpi))
    for i, line in enumerate(synth.mrz_td3()):
        draw.text((left + 30, bottom - 110 + i * 45), line[:36], fill=20, font=mono)
    return img


@pytest.mark.parametrize("degrees", [0, 180])
def test_small_card_on_a_blank_sheet_is_read_upright(tmp_path: Path, degrees: int) -> None:
    path = tmp_path / "cni.png"
    synth.rotated(card_on_sheet(), degrees).save(path)
    page = read_one(path).pages[0]
    assert (page.rotation + degrees) % 360 == 0
    assert "MARTIN" in page.text and "TOULOUSE" in page.text


def test_upside_down_photo_is_turned(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    synth.photographed(synth.rotated(synth.text_image(synth.page_lines(3, 10), dpi=150), 180), 5).save(path)
    page = read_one(path).pages[0]
    assert "outline" in page.steps and page.rotation == 180
    assert synth.word_accuracy(" ".join(synth.page_lines(3, 10)), page.text) > 0.8


def test_page_image_from_the_page_as_read_is_the_image_its_boxes_refer_to(tmp_path: Path) -> None:
    # Crops and signature detection pass the page as read, so its turn is not searched for again.
    from justif.reading import page_image

    path = tmp_path / "cni.png"
    synth.rotated(card_on_sheet(), 180).save(path)
    page = read_one(path).pages[0]
    hinted = page_image(path, "png", 1, ReadSettings(), page)
    found = page_image(path, "png", 1, ReadSettings())
    assert hinted.size == (page.width, page.height)
    assert np.array_equal(np.asarray(hinted), np.asarray(found))


def test_page_image_redoes_the_geometry_found_when_the_page_was_read(tmp_path: Path, monkeypatch) -> None:
    # A skewed phone photo: outline, turn and scale found at reading time are kept with the page (through
    # the cache's JSON) and redone as they were: the same pixels, nothing estimated again.
    from justif.domain import Page
    from justif.reading import page_image

    path = tmp_path / "photo.jpg"
    synth.photographed(synth.skewed(synth.text_image(synth.page_lines(5, 12), dpi=150), 4), 2).save(path)
    page = Page.model_validate_json(read_one(path).pages[0].model_dump_json())
    assert page.geometry is not None and page.geometry.outline is not None and page.geometry.turn != 0
    found = np.asarray(page_image(path, "jpg", 1, ReadSettings(), page.model_copy(update={"geometry": None})))

    def estimated(*args, **kwargs):
        raise AssertionError("geometry estimated again")

    monkeypatch.setattr(cleanup, "page_quad", estimated)
    monkeypatch.setattr(cleanup, "text_angle", estimated)
    monkeypatch.setattr(cleanup, "normalise_scale", estimated)
    redone = np.asarray(page_image(path, "jpg", 1, ReadSettings(), page))
    assert redone.shape == (page.height, page.width)
    assert np.array_equal(redone, found)


def test_character_scale_is_capped() -> None:
    tiny = np.asarray(synth.text_image(synth.page_lines(1, 30), dpi=60))  # ~5 px glyphs
    scaled, factor = cleanup.normalise_scale(tiny)
    assert 1.0 < factor <= cleanup.MAX_SCALE
    assert scaled.size <= cleanup.MAX_OCR_PIXELS
    big = np.zeros((9000, 6400), np.uint8) + 255
    big[: tiny.shape[0], : tiny.shape[1]] = tiny
    assert cleanup.normalise_scale(big)[1] <= 1.0  # already above the pixel cap: never enlarged


def test_character_height_comes_from_the_text_not_the_blank_page() -> None:
    region = geometry.text_region(np.asarray(card_on_sheet(dpi=300)))
    assert region is not None
    (x0, y0, x1, y1), height = region
    assert 15 < height < 45  # 9-10 pt glyphs at 300 dpi
    assert y1 < 0.4 * 3508  # the card, not the sheet


def test_character_height_is_the_letters_where_leader_dots_outnumber_them() -> None:
    """A photographed confirmation whose leader dots outnumber its letters (4004 B0018): the median
    blob was a dot, 5 px for 18 px letters, so the page was enlarged 3x and its leaders, taken for
    letters, were never erased. The letters' median is the character height."""
    img = Image.new("L", (1200, 1500), 255)
    draw = ImageDraw.Draw(img)
    face = ImageFont.truetype(synth.FONT, 40)
    for row, label in enumerate(["Nom", "Prénom", "Date", "Lieu", "Adresse", "Catégorie"]):
        y = 150 + 120 * row
        draw.text((80, y), label, fill=0, font=face)
        for k in range(16):  # a blurred photo's leader dots, 7 px discs: three for each letter
            x = 330 + 18 * k
            draw.ellipse((x, y + 28, x + 7, y + 35), fill=0)
    page = np.asarray(img)
    boxes, scale = geometry.char_boxes(page)
    dots = float(np.median(boxes[:, 3])) / scale
    height = geometry.text_region(page)[1]
    assert dots < 12 and height > 2 * dots  # the median blob is a dot; the height is the letters'
    plain = np.asarray(synth.text_image(synth.page_lines(4, 20), dpi=300))
    boxes, scale = geometry.char_boxes(plain)
    assert geometry.text_region(plain)[1] == float(np.median(boxes[:, 3])) / scale  # text alone: as before


def test_shading_on_a_flat_scan_is_no_page_outline() -> None:
    page = np.asarray(synth.text_image(synth.page_lines(2, 12), dpi=100), dtype=np.float32)
    ramp = np.linspace(1.0, 0.8, page.shape[0], dtype=np.float32)[:, None] * np.linspace(
        1.0, 0.85, page.shape[1], dtype=np.float32)[None, :]
    assert geometry.page_quad((page * ramp).astype(np.uint8)) is None


def test_a_blank_noisy_page_is_not_ocred(tmp_path):
    # Scan noise on an empty sheet: Tesseract would read thousands of "characters" and time out.
    import cv2
    import numpy as np
    from PIL import Image

    from justif.reading import make_upload, read_uploads

    rng = np.random.default_rng(3)
    grain = cv2.GaussianBlur(rng.normal(235, 12, size=(1754, 1240)), (0, 0), 1.2)  # a scanner's soft grain
    sheet = np.clip(grain - np.linspace(0, 25, 1240)[None, :], 0, 255).astype(np.uint8)  # and uneven light
    folder = tmp_path / "D1"
    folder.mkdir()
    Image.fromarray(sheet).save(folder / "verso.png")
    [reading] = read_uploads([make_upload("D1", folder, folder / "verso.png")], ReadSettings(page_timeout_s=20),
                             workers=1, cache_dir=None)
    assert reading.error is None
    [page] = reading.pages
    assert page.text == "" and "blank" in page.steps


def test_a_sparse_noisy_page_is_read_once_flattened(tmp_path: Path) -> None:
    # A heading alone on a scanned sheet with a shaded background: few character marks.
    width, height = (round(mm / 25.4 * 200) for mm in synth.A4_MM)
    ramp = np.tile(np.linspace(255, 150, width, dtype=np.float64), (height, 1))
    img = Image.fromarray(ramp.astype(np.uint8))
    ImageDraw.Draw(img).text((300, 300), "Relevé de notes", fill=0,
                             font=ImageFont.truetype(synth.FONT, round(14 / 72 * 200)))
    path = tmp_path / "verso.png"
    img.save(path)
    page = read_one(path).pages[0]
    assert "sparse" in page.steps
    assert "Relevé" in page.text and "notes" in page.text


def test_an_upside_down_zone_turns_the_page_when_no_text_band_tells(tmp_path: Path, monkeypatch) -> None:
    """A card whose text bands read poorly in every turn (build/holdout B0041, a passport scanned upside
    down) is still turned over: its zone's '<' fillers, upside down, read as runs of '>'."""
    from justif.reading import page as page_module
    from justif.reading.ocr import OcrWord

    def word(text: str) -> OcrWord:
        return OcrWord(text, 0, 0, 10, 10, 0.9, (1, 1, 1))

    assert page_module.zone_upside_down([word("ESPOSITO"), word(">>>>>>>>>0311VW>>0LISOdS3V1I>d")])
    assert not page_module.zone_upside_down([word("P<ITAESPOSITO<<MATTEO<<<<<<<<"), word(">>>>>>>")])
    assert not page_module.zone_upside_down([word("Nom"), word("->"), word(">>")])

    monkeypatch.setattr(page_module, "best_turn", lambda *args: (0, []))  # no text band tells
    path = tmp_path / "passeport.png"
    synth.rotated(synth.identity_page(synth.mrz_td3(), dpi=200), 180).save(path)
    page = read_one(path).pages[0]
    assert page.rotation == 180 and "MARTIN" in page.text
    assert any(line.startswith("P<FRAMARTIN") for line in page.mrz_lines)


def test_a_full_page_upside_down_is_turned_and_read_once_in_the_wrong_turn(tmp_path: Path, monkeypatch) -> None:
    """A full page upside down reads as many unsure words, with enough letters among them to pass for
    clear: it was left upside down. Its turn is now found before any second pass, which would only read
    it upside down again (rotated pages of build/bench cost 2.5 times an upright one). Its lines being
    surely horizontal, it is turned over without trying bands of its text first."""
    from justif.reading import orient
    from justif.reading import page as page_module

    passes: list[tuple[int, int]] = []
    bands: list[tuple[int, int]] = []
    whole_page = page_module.ocr_words  # text bands tried for the turn are OCRed through `orient`

    def counted(into: list[tuple[int, int]]):
        def ocr(gray, *args, **kwargs):
            into.append(gray.shape)
            return whole_page(gray, *args, **kwargs)
        return ocr

    monkeypatch.setattr(page_module, "ocr_words", counted(passes))
    monkeypatch.setattr(orient, "ocr_words", counted(bands))
    lines = synth.page_lines(5, 24)
    path = tmp_path / "scan.png"
    synth.rotated(synth.text_image(lines, dpi=200), 180).save(path)
    page = read_one(path).pages[0]
    assert page.rotation == 180
    assert synth.word_accuracy(" ".join(lines), page.text) > 0.9
    assert len(passes) == 2  # as it lay, then turned
    assert bands == []


def test_the_text_axis_is_not_trusted_from_few_marks() -> None:
    # build/holdout7 B0040: a card photographed small on a sheet, 33 marks. Its labels' left-aligned column
    # was taken for a line at 90 degrees, 2.9 times sharper than the real lines, so the page was read
    # only sideways and upside down. A page of few marks keeps the quarter turns to try.
    labels = np.asarray(synth.text_image(["NOM", "HADDAD", "PRENOMS", "NOUR, AMEL", "NATIONALITE", "ALGERIE"], dpi=150))
    assert 30 <= len(geometry.char_boxes(labels, geometry.WORK_SIDE)[0]) < geometry.SURE_AXIS_MARKS
    assert geometry.text_angle(labels)[1] == 1.0
    assert 90 in cleanup.clean(labels, ReadSettings()).other_turns
    page = np.asarray(synth.text_image(synth.page_lines(7, 24), dpi=150))
    assert geometry.text_angle(page)[1] > cleanup.AXIS_MARGIN
