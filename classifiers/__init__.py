"""Page classification, splitting uploads into documents, and the versioned models behind them."""

from classifiers.artefacts import ArtefactError, load_current
from classifiers.model import PageClassifier
from classifiers.split import group_pages

__all__ = ["ArtefactError", "PageClassifier", "group_pages", "load_current"]
