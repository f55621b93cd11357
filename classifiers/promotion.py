"""The promotion rule of retraining: held-out rounds, scores of both models, and the decision."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from classifiers.corpus import LabelledPage, page_digest
from classifiers.evaluate import accuracy, per_class

TOLERANCE = 0.02  # a challenger may lose at most 2 points of recall or f1 on any class
FEW_LABELLED = 20  # below this many labelled uploads, cross-validate over them instead of holding some out
CORPUS_HOLDOUT = 0.2


@dataclass
class RetrainDecision:
    promoted: bool
    reason: str
    scores: dict[str, dict] = field(default_factory=dict)
    current_version: str | None = None
    challenger_version: str | None = None
    held_out_pages: int = 0

    def as_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        parts = [f"{'PROMOTED' if self.promoted else 'NOT promoted'}: {self.reason}"]
        for name, s in self.scores.items():
            parts.append(f"{name}: macro_f1={s['macro_f1']:.4f} accuracy={s['accuracy']:.4f}")
        return f"challenger {self.challenger_version} vs current {self.current_version} " \
               f"on {self.held_out_pages} held-out pages - " + "; ".join(parts)


def _split_groups(pages: Sequence[LabelledPage], share: float, rng: random.Random) -> tuple[list, list]:
    groups = sorted({p.group or p.file for p in pages})
    held = set(rng.sample(groups, max(1, round(share * len(groups))))) if len(groups) > 1 else set()
    inside = [(p.group or p.file) in held for p in pages]
    kept = [p for p, h in zip(pages, inside, strict=True) if not h]
    return kept, [p for p, h in zip(pages, inside, strict=True) if h]


def holdout_split(base: Sequence[LabelledPage], labelled: Sequence[LabelledPage], *, seed: int,
                  seen: frozenset[str] = frozenset()) -> list[tuple[list[LabelledPage], list[LabelledPage]]]:
    """(train, test) rounds: corpus groups held out once; labelled uploads held out by share or by K folds.

    Only groups the current model never trained on (`seen`: its page digests) are held out, so that
    both models meet the test pages for the first time.
    """
    rng = random.Random(seed)
    fresh_groups = {p.group or p.file for p in base if page_digest(p) not in seen}
    stale = [p for p in base if (p.group or p.file) not in fresh_groups]
    base_train, base_test = _split_groups([p for p in base if (p.group or p.file) in fresh_groups],
                                          CORPUS_HOLDOUT, rng)
    base_train += stale
    labelled = [p for p in labelled if page_digest(p) not in seen]
    groups = sorted({p.group or p.file for p in labelled})
    if len(groups) >= FEW_LABELLED:
        lab_train, lab_test = _split_groups(labelled, 0.3, rng)
        return [(base_train + lab_train, base_test + lab_test)]
    if not groups:
        return [(base_train, base_test)]
    rng.shuffle(groups)
    k = min(3, len(groups))
    rounds = []
    for i in range(k):
        fold = set(groups[i::k])
        test = [p for p in labelled if (p.group or p.file) in fold]
        train = [p for p in labelled if (p.group or p.file) not in fold]
        rounds.append((base_train + train, (base_test if i == 0 else []) + test))
    return rounds


def score(y_true: Sequence[str], y_pred: Sequence[str]) -> dict:
    if not y_true:
        return {"accuracy": 0.0, "macro_f1": 0.0, "per_class": {}}
    classes = per_class(y_true, y_pred)
    present = [c for c, s in classes.items() if s["support"] > 0]
    macro = sum(classes[c]["f1"] for c in present) / max(len(present), 1)
    return {"accuracy": accuracy(y_true, y_pred), "macro_f1": round(macro, 4), "per_class": classes}


def compare(scores: dict[str, dict], current_version: str | None, held_out: int) -> RetrainDecision:
    """Promote when the challenger is at least as good overall and on no class > 2 points worse."""
    decision = RetrainDecision(False, "", scores, current_version, held_out_pages=held_out)
    if "current" not in scores:
        decision.promoted, decision.reason = True, "no current model"
        return decision
    if held_out == 0:
        decision.reason = "no held-out page unseen by the current model: add labelled samples or a new corpus"
        return decision
    new, old = scores["challenger"], scores["current"]
    if new["macro_f1"] < old["macro_f1"]:
        decision.reason = f"overall macro-f1 {new['macro_f1']:.4f} < current {old['macro_f1']:.4f}"
        return decision
    worse = [f"{c} {m} {new['per_class'].get(c, {}).get(m, 0.0):.4f} vs {s[m]:.4f}"
             for c, s in old["per_class"].items() if s["support"] > 0 for m in ("recall", "f1")
             if new["per_class"].get(c, {}).get(m, 0.0) < s[m] - TOLERANCE]
    if worse:
        decision.reason = "more than 2 points worse on: " + ", ".join(worse)
        return decision
    decision.promoted = True
    decision.reason = (f"macro-f1 {new['macro_f1']:.4f} >= {old['macro_f1']:.4f}, "
                       "no class more than 2 points worse")
    return decision
