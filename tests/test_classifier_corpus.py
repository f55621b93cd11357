"""The corpus adapter: truth.json documents become labelled pages (type, first page, group)."""

from __future__ import annotations

import json

from classifiers.corpus import labelled_pages
from justif.domain import Page, Reading, Upload


def fake_read(uploads: list[Upload]) -> list[Reading]:
    out = []
    for u in uploads:
        if u.file.endswith("broken.pdf"):
            out.append(Reading(upload=u, error="fichier illisible"))
            continue
        texts = u.path.read_text(encoding="utf-8").split("\f")
        pages = [Page(file=u.file, number=i, text=t, source="ocr") for i, t in enumerate(texts, 1)]
        out.append(Reading(upload=u, pages=pages))
    return out


def test_truth_documents_label_pages(tmp_path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "D1" / "sub").mkdir(parents=True)
    (inbox / "D1" / "sub" / "bundle.pdf").write_text("carte\fjdc\fstage a\fstage b", encoding="utf-8")
    (inbox / "D1" / "broken.pdf").write_text("", encoding="utf-8")
    docs = [{"pages": [1], "doc_type": "identity_document"}, {"pages": [2], "doc_type": "jdc_certificate"},
            {"pages": [3], "doc_type": "internship_attestation"},
            {"pages": [4], "doc_type": "internship_attestation"}]
    truth = {"dossiers": {"D1": {"uploads": {
        "sub/bundle.pdf": {"rendering": "bundle_pdf", "broken": None, "documents": docs},
        "broken.pdf": {"rendering": "text_pdf", "broken": "zero_bytes", "documents": []},
    }}}}
    (tmp_path / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    pages = labelled_pages(inbox, tmp_path / "truth.json", fake_read)
    assert [(p.number, p.doc_type, p.is_first_page) for p in pages] == [
        (1, "identity_document", True), (2, "jdc_certificate", True),
        (3, "internship_attestation", True), (4, "internship_attestation", True)]
    assert {p.group for p in pages} == {"D1"} and pages[0].file == "D1/sub/bundle.pdf"
    assert pages[0].rendering == "bundle_pdf" and pages[2].text == "stage a"
