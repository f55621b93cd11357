"""Evaluation helpers: per-class scores, confusion pairs, open-set rejection, splitting accuracy."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from sklearn.metrics import precision_recall_fscore_support


def per_class(y_true: Sequence[str], y_pred: Sequence[str]) -> dict[str, dict[str, float]]:
    """{class: {precision, recall, f1, support}} over the classes seen in the truth or the predictions."""
    labels = sorted(set(y_true) | set(y_pred))
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    return {c: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                "f1": round(float(f[i]), 4), "support": int(s[i])} for i, c in enumerate(labels)}


def accuracy(y_true: Sequence[str], y_pred: Sequence[str]) -> float:
    return round(float(np.mean([a == b for a, b in zip(y_true, y_pred, strict=True)])), 4) if y_true else 0.0


def confusion_pairs(y_true: Sequence[str], y_pred: Sequence[str]) -> list[tuple[str, str, int]]:
    """(true, predicted, count) for every mistake, most frequent first."""
    counts = Counter((t, p) for t, p in zip(y_true, y_pred, strict=True) if t != p)
    return [(t, p, n) for (t, p), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def open_set_rejection(y_true: Sequence[str], y_pred: Sequence[str]) -> dict[str, float]:
    """How many true 'other' items were rejected as 'other', and how many real documents were wrongly."""
    others = [p for t, p in zip(y_true, y_pred, strict=True) if t == "other"]
    reals = [p for t, p in zip(y_true, y_pred, strict=True) if t != "other"]
    rejected, wrong = sum(p == "other" for p in others), sum(p == "other" for p in reals)
    return {"other_total": len(others), "other_rejected": rejected,
            "other_rejection_rate": round(rejected / len(others), 4) if others else 1.0,
            "real_total": len(reals), "real_rejected": wrong,
            "real_rejection_rate": round(wrong / len(reals), 4) if reals else 0.0}


def threshold_curve(proba: np.ndarray, classes: Sequence[str], y_true: Sequence[str],
                    thresholds: Iterable[float]) -> list[dict[str, float]]:
    """Accuracy and rejection figures of the open-set rule at each threshold."""
    best = np.asarray(classes)[np.argmax(proba, axis=1)]
    top = proba.max(axis=1)
    rows = []
    for threshold in thresholds:
        y_pred = [b if s >= threshold else "other" for b, s in zip(best, top, strict=True)]
        rows.append({"threshold": round(float(threshold), 3), "accuracy": accuracy(y_true, y_pred),
                     **open_set_rejection(y_true, y_pred)})
    return rows


def _key(doc: Any) -> tuple[str, tuple[int, ...], str]:
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k)
    return str(get("file")), tuple(get("pages")), str(get("doc_type"))


def split_accuracy(predicted: Sequence[Any], truth: Sequence[Any]) -> dict[str, float]:
    """Over uploads with several truth documents: share split into exactly the right page ranges.

    Documents are domain.Document or dicts with file, pages, doc_type. Also reports document-level
    accuracy over all uploads: a truth document counts when a predicted one has its file, pages and type.
    """
    pred_ranges: dict[str, set[tuple[int, ...]]] = {}
    for file, pages, _ in map(_key, predicted):
        pred_ranges.setdefault(file, set()).add(pages)
    true_ranges: dict[str, set[tuple[int, ...]]] = {}
    for file, pages, _ in map(_key, truth):
        true_ranges.setdefault(file, set()).add(pages)
    multi = [f for f, r in true_ranges.items() if len(r) > 1 or any(len(p) > 1 for p in r)]
    bundles = [f for f, r in true_ranges.items() if len(r) > 1]
    exact = sum(pred_ranges.get(f) == true_ranges[f] for f in bundles)
    exact_multi = sum(pred_ranges.get(f) == true_ranges[f] for f in multi)
    predicted_keys = set(map(_key, predicted))
    found = sum(k in predicted_keys for k in map(_key, truth))
    return {"bundles": len(bundles), "bundles_exact": exact,
            "bundle_split_accuracy": round(exact / len(bundles), 4) if bundles else 1.0,
            "multipage_uploads": len(multi), "multipage_exact": exact_multi,
            "multipage_split_accuracy": round(exact_multi / len(multi), 4) if multi else 1.0,
            "documents": len(truth), "documents_exact": found,
            "document_accuracy": round(found / len(truth), 4) if truth else 1.0}
