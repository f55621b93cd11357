"""The page classifier: estimator conventions, noisy held-out texts, open-set rejection."""

from __future__ import annotations

import random

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from classifiers.features import layout_vector, normalise_text
from classifiers.model import PageClassifier, PageTypeClassifier
from classifiers.noise import add_ocr_noise
from classifiers.synthetic import make_document, synthetic_pages
from justif.domain import Page, PagePrediction

JUNK = [
    "Recette de la tarte aux pommes\nÉplucher quatre pommes, étaler la pâte, cuire 35 minutes à 180 degrés.",
    "The quarterly report shows revenue growth in all regions; the board approved the new budget.",
    "qzx wvvk plo 8832 ### rtt mmn oeiu zzz kkkk",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.",
    "Match de football samedi à 15 h au stade municipal, venez nombreux soutenir l'équipe !",
]


@pytest.fixture(scope="module")
def fitted() -> PageTypeClassifier:
    pages = synthetic_pages(300, seed=11)
    return PageTypeClassifier().fit(pages, [p.doc_type for p in pages])


def test_estimator_conventions(fitted: PageTypeClassifier) -> None:
    fresh = PageTypeClassifier(C=0.3)
    assert not hasattr(fresh, "pipeline_")  # no work in __init__
    assert clone(fresh).get_params() == fresh.get_params()
    with pytest.raises(NotFittedError):
        fresh.predict_proba(["texte"])
    texts = ["attestation de stage du 1 au 20 mai", "certificat de travail", "facture montant ttc"] * 4
    labels = ["internship_attestation", "employment_certificate", "other"] * 4
    assert fresh.fit(texts, labels) is fresh
    assert list(fresh.classes_) == sorted(set(labels))
    assert fitted.predict_proba(["relevé de notes"]).shape == (1, len(fitted.classes_))


def test_held_out_noisy_pages_are_classified(fitted: PageTypeClassifier) -> None:
    held_out = synthetic_pages(150, seed=99)
    rng = random.Random(3)
    texts = [add_ocr_noise(p.text, rng, 1.0) for p in held_out]  # a second layer of OCR noise
    predicted = fitted.predict(texts)
    assert np.mean(predicted == np.array([p.doc_type for p in held_out])) >= 0.95


def test_unseen_junk_is_rejected_as_other(fitted: PageTypeClassifier) -> None:
    clf = PageClassifier(fitted, version="test", min_confidence=0.6)
    assert [p.doc_type for p in clf.predict(JUNK)] == ["other"] * len(JUNK)


def test_page_predictions_carry_top3_scores(fitted: PageTypeClassifier) -> None:
    clf = PageClassifier(fitted, version="test", min_confidence=0.5)
    text = make_document("jdc_certificate", random.Random(5))[0]
    (pred,) = clf.predict([Page(file="a.pdf", number=1, text=text, source="ocr")])
    assert isinstance(pred, PagePrediction) and pred.doc_type == "jdc_certificate"
    assert len(pred.scores) == 3 and max(pred.scores, key=pred.scores.get) == "jdc_certificate"
    assert clf.predict([]) == []


def test_normalisation_folds_ocr_noise() -> None:
    assert normalise_text("RELEVÉ DE N0TES\nSession 2021") == "releve de notes\nsession 0"
    assert "notesur0" in normalise_text("U1 Culture générale 12,5/20")
    assert normalise_text("Cert1ficat  de   scolarité !!") == "certlficat de scolarite"


def test_layout_cues() -> None:
    mrz = "IDFRAMARTIN<<<<<<<<<<<<<<\n123456789012LEA<<<<<<<"
    assert layout_vector(mrz)[3] > 0
    assert layout_vector("U1 12/20\nU2 14/20")[4] > 0
    assert layout_vector("")[6] == 1.0
