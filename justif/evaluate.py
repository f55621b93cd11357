"""Score a run folder against a corpus truth file: classification, splitting, fields, flags, status."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from justif.names import fold_name

NAME_FIELDS = {"last_name", "usage_name", "company", "employer", "position", "establishment", "organisation",
               "specialty"}


def load_run(run_dir: Path) -> tuple[dict[str, dict], dict]:
    results = {}
    for path in sorted((run_dir / "dossiers").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        results[data["dossier_id"]] = data
    summary_path = run_dir / "summary.json"
    summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.exists() else {}
    return results, summary


def evaluate_run(truth: dict, results: dict[str, dict], summary: dict) -> dict[str, Any]:
    """Every figure of `justif eval`, as plain data."""
    pairs = matched_documents(truth, results)
    return {
        "classification": classification_scores(pairs),
        "splitting": splitting_scores(truth, results),
        "fields": field_scores(pairs),
        "flags": flag_scores(truth, results),
        "status": status_scores(truth, results),
        "speed": {"pages_per_second": _pages_per_second(summary), "seconds": _run_seconds(summary)},
    }


def matched_documents(truth: dict, results: dict[str, dict]) -> list[dict]:
    """Each truth document with the predicted document of the same file that overlaps it most."""
    pairs = []
    for dossier_id, expected in truth["dossiers"].items():
        predicted = results.get(dossier_id, {}).get("documents", [])
        for file, upload in expected.get("uploads", {}).items():
            candidates = [d for d in predicted if d["file"] == file]
            for doc in upload.get("documents", []):
                best = max(candidates, key=lambda d: _overlap(doc["pages"], d["pages"]), default=None)
                if best is not None and _overlap(doc["pages"], best["pages"]) == 0:
                    best = None
                pairs.append({"truth": doc, "pred": best, "rendering": upload.get("rendering", "?"),
                              "dossier": dossier_id, "file": file})
    return pairs


def _overlap(a: list[int], b: list[int]) -> int:
    return len(set(a) & set(b))


def classification_scores(pairs: list[dict]) -> dict[str, Any]:
    by_type: dict[str, Counter] = defaultdict(Counter)
    by_rendering: dict[str, Counter] = defaultdict(Counter)
    confusion: Counter = Counter()
    for pair in pairs:
        true_type = pair["truth"]["doc_type"]
        pred_type = pair["pred"]["doc_type"] if pair["pred"] else "(not found)"
        hit = true_type == pred_type
        for bucket in (by_type[true_type], by_rendering[pair["rendering"]]):
            bucket["n"] += 1
            bucket["correct"] += hit
        if not hit:
            confusion[f"{true_type} -> {pred_type}"] += 1
    predicted = Counter(p["pred"]["doc_type"] for p in pairs if p["pred"])
    correct_by_pred = Counter(p["pred"]["doc_type"] for p in pairs if p["pred"] and
                              p["pred"]["doc_type"] == p["truth"]["doc_type"])
    real = [p for p in pairs if p["truth"]["doc_type"] != "other"]
    others = [p for p in pairs if p["truth"]["doc_type"] == "other"]
    return {
        "accuracy": _ratio(sum(c["correct"] for c in by_type.values()), len(pairs)),
        "n_documents": len(pairs),
        "per_type": {t: {"n": c["n"], "recall": _ratio(c["correct"], c["n"]),
                         "precision": _ratio(correct_by_pred[t], predicted[t])} for t, c in sorted(by_type.items())},
        "per_rendering": {r: {"n": c["n"], "accuracy": _ratio(c["correct"], c["n"])}
                          for r, c in sorted(by_rendering.items())},
        "confusions": dict(confusion.most_common()),
        "open_set": {
            "other_documents": len(others),
            "other_rejected": sum(1 for p in others if p["pred"] and p["pred"]["doc_type"] == "other"),
            "real_documents": len(real),
            "real_wrongly_rejected": sum(1 for p in real if p["pred"] and p["pred"]["doc_type"] == "other"),
        },
    }


def splitting_scores(truth: dict, results: dict[str, dict]) -> dict[str, Any]:
    """Uploads holding several documents or multi-page documents: page ranges exactly right?"""
    n = exact = 0
    for dossier_id, expected in truth["dossiers"].items():
        predicted = results.get(dossier_id, {}).get("documents", [])
        for file, upload in expected.get("uploads", {}).items():
            docs = upload.get("documents", [])
            if len(docs) < 2 and not any(len(d["pages"]) > 1 for d in docs):
                continue
            n += 1
            want = sorted(tuple(d["pages"]) for d in docs)
            got = sorted(tuple(d["pages"]) for d in predicted if d["file"] == file)
            exact += want == got
    return {"uploads": n, "exact": exact, "accuracy": _ratio(exact, n)}


def field_scores(pairs: list[dict]) -> dict[str, Any]:
    """Per type and field: right / read; names folded, dates exact; a value the truth lacks is invented."""
    cells: dict[tuple[str, str], Counter] = defaultdict(Counter)
    by_rendering: dict[str, Counter] = defaultdict(Counter)
    for pair in pairs:
        doc, pred = pair["truth"], pair["pred"]
        if pred is None or pred["doc_type"] != doc["doc_type"] or doc["doc_type"] == "other":
            continue
        got_fields = pred.get("fields", {})
        for name in set(doc.get("fields", {})) | set(got_fields):
            want, got = doc.get("fields", {}).get(name), got_fields.get(name)
            if want is None and got is None:
                continue
            cell = cells[(doc["doc_type"], name)]
            if want is None:
                if name in doc.get("fields", {}) or name in _KNOWN_FIELDS:
                    cell["invented"] += 1
                continue
            ok = same_value(name, want, got)
            rendering = pair["rendering"]
            for counter, prefix in ((cell, ""), (cell, f"{rendering}:"), (by_rendering[rendering], "")):
                counter[prefix + "n"] += 1
                counter[prefix + "correct"] += ok
    per_field = {f"{t}.{f}": {"n": c["n"], "accuracy": _ratio(c["correct"], c["n"]), "invented": c["invented"],
                              "per_rendering": _split_by_rendering(c)}
                 for (t, f), c in sorted(cells.items())}
    total = sum(c["n"] for c in cells.values())
    return {
        "accuracy": _ratio(sum(c["correct"] for c in cells.values()), total),
        "n_fields": total,
        "invented": sum(c["invented"] for c in cells.values()),
        "per_field": per_field,
        "per_rendering": {r: {"n": c["n"], "accuracy": _ratio(c["correct"], c["n"])}
                          for r, c in sorted(by_rendering.items())},
    }


def _split_by_rendering(cell: Counter) -> dict[str, float | None]:
    renderings = sorted(k[:-2] for k in cell if k.endswith(":n"))
    return {r: _ratio(cell[f"{r}:correct"], cell[f"{r}:n"]) for r in renderings}


_KNOWN_FIELDS = {"last_name", "first_names", "birth_date", "document_number", "expiry_date", "participation_date",
                 "company", "start_date", "end_date", "training_date", "session", "specialty", "grades", "employer",
                 "position", "school_year", "establishment", "hours", "organisation", "candidate_number", "signed",
                 "usage_name", "mrz_valid"}


def same_value(name: str, want: Any, got: Any) -> bool:
    if got is None:
        return False
    if name == "first_names":
        return [fold_name(x) for x in want] == [fold_name(x) for x in (got or [])]
    if name == "grades":
        return _grade_set(want) == _grade_set(got)
    if name in NAME_FIELDS and isinstance(want, str) and isinstance(got, str):
        return fold_name(want) == fold_name(got)
    if isinstance(want, float) or isinstance(got, float):
        try:
            return abs(float(want) - float(got)) < 0.01
        except (TypeError, ValueError):
            return False
    return want == got


def _grade_set(grades: Any) -> set[tuple[str, float]]:
    out = set()
    for g in grades or []:
        if isinstance(g, dict) and g.get("grade") is not None:
            out.add((fold_name(str(g.get("unit", ""))), round(float(g["grade"]), 2)))
    return out


def flag_scores(truth: dict, results: dict[str, dict]) -> dict[str, Any]:
    """Recall and precision per code; a truth flag with piece/file null matches any piece/file."""
    tp: Counter = Counter()
    fn: Counter = Counter()
    fp: Counter = Counter()
    for dossier_id, expected in truth["dossiers"].items():
        got = [dict(f) for f in results.get(dossier_id, {}).get("flags", [])]
        for want in expected.get("expected_flags", []):
            match = next((g for g in got if _flag_matches(want, g)), None)
            if match is None:
                fn[want["code"]] += 1
            else:
                tp[want["code"]] += 1
                got.remove(match)
        for extra in got:
            fp[extra["code"]] += 1
    codes = sorted(set(tp) | set(fn) | set(fp))
    per_code = {c: {"expected": tp[c] + fn[c], "found": tp[c] + fp[c], "recall": _ratio(tp[c], tp[c] + fn[c]),
                    "precision": _ratio(tp[c], tp[c] + fp[c])} for c in codes}
    all_tp, all_fn, all_fp = sum(tp.values()), sum(fn.values()), sum(fp.values())
    return {"recall": _ratio(all_tp, all_tp + all_fn), "precision": _ratio(all_tp, all_tp + all_fp),
            "per_code": per_code}


def _flag_matches(want: dict, got: dict) -> bool:
    if want["code"] != got["code"]:
        return False
    for key in ("piece", "file"):
        if want.get(key) is not None and want.get(key) != got.get(key):
            return False
    return True


def status_scores(truth: dict, results: dict[str, dict]) -> dict[str, Any]:
    confusion: Counter = Counter()
    right = ok_while_missing = 0
    for dossier_id, expected in truth["dossiers"].items():
        got = results.get(dossier_id, {}).get("status", "(no result)")
        want = expected.get("expected_status")
        right += got == want
        if got != want:
            confusion[f"{want} -> {got}"] += 1
        missing = any(f["code"] == "MISSING_PIECE" for f in expected.get("expected_flags", []))
        ok_while_missing += missing and got == "ok"
    n = len(truth["dossiers"])
    return {"accuracy": _ratio(right, n), "n_dossiers": n, "confusions": dict(confusion.most_common()),
            "ok_while_piece_missing": ok_while_missing}


def _pages_per_second(summary: dict) -> float | None:
    run = summary.get("run", summary)
    return run.get("pages_per_second")


def _run_seconds(summary: dict) -> float | None:
    run = summary.get("run", summary)
    return run.get("seconds")


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None
