"""Page classification, splitting uploads into documents, and the versioned models behind them.

Names are imported on first use (PEP 562): the nightly pipeline imports this package on every run, and
scikit-learn only when a page is actually classified."""

from __future__ import annotations

from justif.lazy import lazy_exports

_EXPORTS = {
    "ArtefactError": "classifiers.artefacts",
    "CurrentModel": "classifiers.artefacts",
    "load_current": "classifiers.artefacts",
    "PageClassifier": "classifiers.model",
    "group_pages": "classifiers.split",
}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
