"""Splitting uploads into documents: bundles, multi-page documents, page markers, split accuracy."""

from __future__ import annotations

import pytest

from classifiers.boundary import page_marker
from classifiers.evaluate import split_accuracy
from classifiers.split import group_pages
from classifiers.synthetic import synthetic_pages
from classifiers.train import train_model
from justif.domain import Page, PagePrediction

ID_CARD = """RÉPUBLIQUE FRANÇAISE
CARTE NATIONALE D'IDENTITÉ N° : 180631A12345
Nom : MOREAU
Prénom(s) : Léa, Marie
Sexe : F  Né(e) le : 12.04.2003
à : ALBI (81)
IDFRAMOREAU<<<<<<<<<<<<<<<<<<<<<810045
1806312345671LEA<<MARIE<<<0304122F1"""
JDC = """Ministère des Armées
Direction du service national et de la jeunesse
CERTIFICAT INDIVIDUEL DE PARTICIPATION À LA JOURNÉE DÉFENSE ET CITOYENNETÉ
Le centre du service national de Toulouse certifie que Léa MOREAU née le 12/04/2003
a participé le 15/06/2020 à la journée défense et citoyenneté.
Ce certificat est à présenter lors de l'inscription aux examens soumis au contrôle de l'autorité publique."""
STAGE = """{company}
ATTESTATION DE STAGE
Je soussigné {boss}, gérant de {company}, atteste que Léa MOREAU
a effectué un stage au sein de notre entreprise du {start} au {end}.
Tuteur de stage : {boss}
Fait pour servir et valoir ce que de droit.
Cachet de l'entreprise"""
TRANSCRIPT = ["""ACADÉMIE DE TOULOUSE
RELEVÉ DE NOTES - BREVET DE TECHNICIEN SUPÉRIEUR
Session 2021  Spécialité : Bâtiment
Candidat : MOREAU Léa  né(e) le 12/04/2003
Épreuves  Coef.  Note /20
U1 Culture générale et expression  3  11,5/20
U2 Anglais  2  09/20
U3 Mathématiques  2  12/20
Page 1/2""", """U4 Étude technique  4  08/20
U5 Projet  3  13/20
U6 Épreuve professionnelle de synthèse  4  10/20
Total des points : 183
Décision du jury : AJOURNÉ
Page 2/2"""]


@pytest.fixture(scope="module")
def model():
    clf, _ = train_model(synthetic_pages(300, seed=21), seed=0, evaluate=False)
    return clf


def _pages(texts: list[str], file: str = "upload.pdf") -> list[Page]:
    return [Page(file=file, number=i, text=t, source="ocr") for i, t in enumerate(texts, start=1)]


def test_bundle_of_four_documents_is_split(model) -> None:
    stages = [STAGE.format(company="SARL Bâti Sud", boss="Paul Roux", start="02/05/2022", end="27/05/2022"),
              STAGE.format(company="Garage Occitan", boss="Anne Petit", start="06/06/2022", end="01/07/2022")]
    pages = _pages([ID_CARD, JDC, *stages])
    docs = model.group_pages(pages, model.predict(pages))
    assert [(d.pages, d.doc_type) for d in docs] == [
        ([1], "identity_document"), ([2], "jdc_certificate"),
        ([3], "internship_attestation"), ([4], "internship_attestation")]
    assert all(d.text_source == "ocr" and d.fields == {} for d in docs)


def test_two_page_transcript_stays_one_document(model) -> None:
    pages = _pages(TRANSCRIPT)
    (doc,) = model.group_pages(pages, model.predict(pages))
    assert doc.pages == [1, 2] and doc.doc_type == "transcript"
    assert set(doc.candidates) >= {"transcript"} and 0 < doc.confidence <= 1


def test_rules_only_split_on_type_change() -> None:
    pages = _pages(["a", "b", "c"])
    preds = [PagePrediction(doc_type=t, confidence=0.9, scores={t: 0.9}) for t in
             ("transcript", "transcript", "jdc_certificate")]
    assert [d.pages for d in group_pages(pages, preds)] == [[1, 2], [3]]
    other_file = pages[:2] + [Page(file="b.pdf", number=1, text="c", source="text_layer")]
    docs = group_pages(other_file, [preds[0]] * 3)
    assert [(d.file, d.pages) for d in docs] == [("upload.pdf", [1, 2]), ("b.pdf", [1])]


def test_page_markers() -> None:
    assert page_marker("blah\nPage 2/3") == (2, 3)
    assert page_marker("page 1 sur 2") == (1, 2)
    assert page_marker("- 2/2 -") == (2, 2)
    assert page_marker("note 12/20") is None


def test_split_accuracy_counts_exact_page_ranges() -> None:
    truth = [{"file": "a", "pages": [1], "doc_type": "x"}, {"file": "a", "pages": [2, 3], "doc_type": "y"},
             {"file": "b", "pages": [1], "doc_type": "x"}, {"file": "b", "pages": [2], "doc_type": "x"}]
    found = [{"file": "a", "pages": [1], "doc_type": "x"}, {"file": "a", "pages": [2, 3], "doc_type": "y"},
             {"file": "b", "pages": [1, 2], "doc_type": "x"}]
    result = split_accuracy(found, truth)
    assert result["bundles"] == 2 and result["bundles_exact"] == 1 and result["documents_exact"] == 2


def test_shipped_model_splits_the_bundle() -> None:
    from classifiers import load_current
    from justif.config import PROJECT_ROOT

    model = load_current(PROJECT_ROOT / "models")
    stages = [STAGE.format(company="SARL Bâti Sud", boss="Paul Roux", start="02/05/2022", end="27/05/2022"),
              STAGE.format(company="Garage Occitan", boss="Anne Petit", start="06/06/2022", end="01/07/2022")]
    pages = _pages([ID_CARD, JDC, *stages, *TRANSCRIPT])
    docs = model.group_pages(pages, model.predict(pages))
    assert [(d.pages, d.doc_type) for d in docs] == [
        ([1], "identity_document"), ([2], "jdc_certificate"), ([3], "internship_attestation"),
        ([4], "internship_attestation"), ([5, 6], "transcript")]
