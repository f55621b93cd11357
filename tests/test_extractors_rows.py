"""Forms OCRed column by column: labels in one block, values in another, re-read by rows."""

from __future__ import annotations

from extractors import extract, row_ordered
from justif.domain import Page, Word

LABELS = ["N° de candidat", "Nom de naissance", "Prénom(s)", "Date de naissance"]
VALUES = ["2265489656", "LABAT", "Théo Quentin Florian", "01/06/1991"]


def _column_page() -> Page:
    """Tesseract's reading order of a two-column form: every label line, then every value line."""
    words, lines = [], []
    for column, (x, texts) in enumerate(((0.08, LABELS), (0.45, VALUES))):
        for row, text in enumerate(texts):
            line = column * len(texts) + row
            y = 0.30 + 0.03 * row + (0.002 if column else 0.0)  # values sit a hair lower, as scanned
            left = x
            for token in text.split():
                width = 0.012 * len(token)
                words.append(Word(text=token, box=(left, y, left + width, y + 0.012), conf=0.93, line=line))
                left += width + 0.01
            lines.append(text)
    return Page(file="confirmation.pdf", number=1, text="\n".join(lines), words=words, source="ocr")


def test_a_column_form_is_read_by_rows() -> None:
    rows = row_ordered(_column_page())
    assert rows is not None
    assert rows.text.splitlines() == [f"{label} {value}" for label, value in zip(LABELS, VALUES, strict=True)]


def test_fields_of_a_column_form_are_found_with_evidence_on_their_row() -> None:
    result = extract("registration_confirmation", [_column_page()])
    assert result.fields["candidate_number"] == "2265489656"
    assert result.fields["last_name"] == "LABAT"
    assert result.fields["first_names"] == ["Théo", "Quentin", "Florian"]
    assert result.fields["birth_date"] == "1991-06-01"
    x0, y0, _, _ = result.evidence["last_name"].box
    assert x0 >= 0.45 and 0.33 <= y0 <= 0.34


def test_a_text_layer_page_is_left_as_it_is() -> None:
    page = _column_page().model_copy(update={"source": "text_layer"})
    assert row_ordered(page) is None
