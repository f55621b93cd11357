"""Ruled tables and dotted leaders: found and erased (the text kept); a page whose text Tesseract skipped is
told apart from one read whole."""

from __future__ import annotations

import time

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from justif.reading import synth
from justif.reading.geometry import ruling_mask, without_rulings
from justif.reading.ocr import OcrWord, ocr_words
from justif.reading.page import MAX_UNREAD, unread_share

CELLS = [["Stagiaire", "Du", "Au"], ["Martin Claire", "03-05-2021", "11-06-2021"]]


def ruled_table(dpi: int = 200) -> np.ndarray:
    """An A4 page with a heading and a two-row ruled table with a shaded header row."""
    width, height = (round(mm / 25.4 * dpi) for mm in synth.A4_MM)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    face = ImageFont.truetype(synth.FONT, round(11 / 72 * dpi))
    draw.text((150, 150), "Attestation de stage", fill=0, font=face)
    left, top, col, row = 150, 300, (width - 300) // 3, 70
    draw.rectangle((left, top, left + 3 * col, top + row), fill=215)
    for r in range(3):
        draw.line((left, top + r * row, left + 3 * col, top + r * row), fill=0, width=3)
    for c in range(4):
        draw.line((left + c * col, top, left + c * col, top + 2 * row), fill=0, width=3)
    for r, cells in enumerate(CELLS):
        for c, text in enumerate(cells):
            draw.text((left + c * col + 20, top + r * row + 18), text, fill=0, font=face)
    return np.asarray(img)


def test_rules_are_found_on_a_table_and_not_on_plain_text() -> None:
    assert ruling_mask(ruled_table()) is not None
    assert ruling_mask(np.asarray(synth.text_image(synth.page_lines(2, 12), dpi=200))) is None


def test_erased_rules_leave_the_cells_text_readable() -> None:
    unruled = without_rulings(ruled_table())
    assert unruled is not None
    text = " ".join(w.text for w in ocr_words(unruled, "fra", time.monotonic() + 60))
    for cell in ("Stagiaire", "03-05-2021", "11-06-2021", "Martin"):
        assert cell in text


def test_unread_share_tells_a_skipped_table_from_a_page_read_whole() -> None:
    page = ruled_table()
    words = ocr_words(without_rulings(page), "fra", time.monotonic() + 60)
    assert unread_share(page, words) < MAX_UNREAD
    heading_only = [w for w in words if w.text in {"Attestation", "de", "stage"}]
    assert unread_share(page, heading_only) > MAX_UNREAD
    assert unread_share(page, [OcrWord("x", 0, 0, 1, 1, 0.9, (1, 1, 1))]) > 0.9


def leader_form(dpi: int = 200) -> np.ndarray:
    """Labels and values joined by dotted leaders, as on the rectorat's confirmation."""
    width, height = (round(mm / 25.4 * dpi) for mm in synth.A4_MM)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    face = ImageFont.truetype(synth.FONT, round(11 / 72 * dpi))
    for i, (label, value) in enumerate([("Nom de naissance", "MARTIN"), ("Prénom(s)", "Claire"),
                                        ("Lieu de naissance", "Toulouse"), ("Spécialité", "Tourisme")]):
        y = 200 + 60 * i
        draw.text((150, y), label + " " + "." * (60 - 2 * len(label)), fill=0, font=face)
        draw.text((900, y), value, fill=0, font=face)
    return np.asarray(img)


def test_dotted_leaders_are_erased_and_the_labels_read() -> None:
    from justif.reading.geometry import leader_mask, without_leaders

    form = leader_form()
    assert leader_mask(form) is not None
    assert leader_mask(np.asarray(synth.text_image(synth.page_lines(2, 12), dpi=200))) is None
    text = " ".join(w.text for w in ocr_words(without_leaders(form), "fra", time.monotonic() + 60))
    for word in ("Nom", "naissance", "MARTIN", "Prénom(s)", "Claire", "Spécialité", "Tourisme"):
        assert word in text
    assert "..." not in text


def test_leaders_are_looked_for_within_the_text_only_with_the_mask_of_the_whole_page(monkeypatch) -> None:
    # leader_mask labels ink only within the characters' extent (the blank margins cost a third of its
    # time on bench scans); the mask is the one a search of the whole page finds, in page coordinates.
    from justif.reading import geometry

    form = leader_form()
    x0, y0, x1, y1 = geometry._ink_extent(form, 0.0)
    assert x0 > 100 and y0 > 150 and x1 < form.shape[1] - 200 and y1 < form.shape[0] // 2
    for top, left in ((0, 0), (37, 0), (0, 53), (411, 290)):  # the form in other places on the page
        moved = np.full(form.shape, 255, np.uint8)
        moved[top:, left:] = form[: form.shape[0] - top, : form.shape[1] - left]
        cropped = geometry.leader_mask(moved)
        monkeypatch.setattr(geometry, "LEADER_MARGIN", 1e6)  # the whole page
        whole = geometry.leader_mask(moved)
        monkeypatch.undo()
        assert cropped is not None and whole is not None and cropped.sum() > 500
        assert np.array_equal(cropped, whole)


def test_a_page_whose_reduced_copy_shows_no_dotted_row_is_not_searched_at_full_resolution(monkeypatch) -> None:
    from justif.reading import geometry

    text = np.asarray(synth.text_image(synth.page_lines(2, 12), dpi=200))
    form = leader_form()
    assert geometry._dotted_rows(form, geometry.text_region(form)[1])
    assert not geometry._dotted_rows(text, geometry.text_region(text)[1])
    searched: list[int] = []
    full_search = geometry._ink_extent
    monkeypatch.setattr(geometry, "_ink_extent", lambda *a: searched.append(1) or full_search(*a))
    assert geometry.leader_mask(text) is None and searched == []
    assert geometry.leader_mask(form) is not None and searched == [1]


def test_leaders_on_a_shaded_photo_are_painted_the_paper_gray_and_the_flattened_rows_read() -> None:
    # build/holdout6 B0005: a photo shaded from white to mid-gray. Dots painted white brightened the
    # background estimate along each row, and flattened, the rows came out as gray bands, values lost.
    from justif.reading.geometry import flatten_background, leader_mask, paper, without_leaders

    form = leader_form().astype(np.float64)
    shade = np.linspace(1.0, 0.6, form.shape[1])[None, :] * np.linspace(1.0, 0.75, form.shape[0])[:, None]
    shaded = (form * shade).astype(np.uint8)
    mask = leader_mask(shaded)
    erased = without_leaders(shaded)
    assert mask is not None and erased is not None
    assert np.abs(erased[mask].astype(int) - paper(shaded)[mask].astype(int)).max() <= 10
    text = " ".join(w.text for w in ocr_words(flatten_background(erased), "fra", time.monotonic() + 60))
    for word in ("MARTIN", "Claire", "Toulouse", "Tourisme"):
        assert word in text
