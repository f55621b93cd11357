"""Developer commands: `python -m classifiers train|eval` over a generated inbox and its truth.json."""

from __future__ import annotations

import argparse
import json
import logging
from dataclasses import asdict
from pathlib import Path

from classifiers import artefacts
from classifiers.corpus import LabelledPage, labelled_pages
from classifiers.evaluate import confusion_pairs, open_set_rejection, per_class, split_accuracy
from classifiers.synthetic import generator_others, synthetic_pages
from classifiers.train import train_model
from classifiers.validation import split_documents, truth_documents
from justif.config import PROJECT_ROOT, ReadSettings, default_cache_dir

CACHE = default_cache_dir() / "classifiers"


def corpus_pages(inbox: Path, truth: Path, workers: int) -> list[LabelledPage]:
    from justif.reading import read_uploads

    def read(uploads):
        readings = read_uploads(uploads, ReadSettings(), workers=workers, cache_dir=CACHE)
        failed = [i for i, r in enumerate(readings) if r.error]
        retried = read_uploads([uploads[i] for i in failed], ReadSettings(), workers=1, cache_dir=None)
        for i, reading in zip(failed, retried, strict=True):  # a crash under load: once more, alone
            readings[i] = reading
        return readings

    return labelled_pages(inbox, truth, read)


def load_pages(args: argparse.Namespace) -> list[LabelledPage]:
    """Corpus pages, read once and kept as JSON beside the inbox (`--pages-cache`) for later runs."""
    if args.pages_cache and args.pages_cache.is_file():
        return read_json_pages(args.pages_cache)
    pages = corpus_pages(args.inbox, args.truth, args.workers)
    if args.pages_cache:
        rows = [asdict(p) for p in pages]
        args.pages_cache.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return pages


def read_json_pages(path: Path) -> list[LabelledPage]:
    return [LabelledPage(**row) for row in json.loads(path.read_text(encoding="utf-8"))]


def cmd_train(args: argparse.Namespace) -> None:
    pages = [] if args.inbox is None else load_pages(args)
    for path in args.pages:
        pages += read_json_pages(path)
    if args.synthetic:
        pages += synthetic_pages(args.synthetic, seed=args.seed)
    if args.generator_others:
        pages += generator_others(args.generator_others, seed=args.seed + 5)
    model, card = train_model(pages, seed=args.seed)
    card["trained_on"] = {"inbox": str(args.inbox), "pages_files": [str(p) for p in args.pages],
                          "synthetic_uploads": args.synthetic, "generator_others": args.generator_others,
                          "note": args.note}
    version = artefacts.save(args.models, model, card)
    if args.set_current:
        artefacts.set_current(args.models, version)
    shown = {k: card[k] for k in ("samples_per_class", "cv_per_class", "min_confidence", "splitting")}
    print(json.dumps({"version": version, **shown}, indent=1))
    for row in card["threshold_curve"]:
        print(row)


def cmd_eval(args: argparse.Namespace) -> None:
    pages = load_pages(args)
    model = artefacts.load_current(args.models, args.min_confidence)
    preds = model.predict([p.text for p in pages])
    y, y_hat = [p.doc_type for p in pages], [p.doc_type for p in preds]
    found = split_documents(pages, model.predict, model.boundary, model.min_confidence)
    truth_docs = truth_documents(pages)
    by_key = {(d.file, tuple(d.pages)): d.doc_type for d in found}
    doc_pred = [by_key.get((d["file"], tuple(d["pages"])), "(split wrong)") for d in truth_docs]
    doc_true = [d["doc_type"] for d in truth_docs]
    print(json.dumps({"model": model.version, "min_confidence": model.min_confidence,
                      "pages_per_class": per_class(y, y_hat), "pages_open_set": open_set_rejection(y, y_hat),
                      "documents_per_class": per_class(doc_true, doc_pred),
                      "documents_open_set": open_set_rejection(doc_true, doc_pred),
                      "splitting": split_accuracy(found, truth_docs)}, indent=1))
    print("document confusions:", confusion_pairs(doc_true, doc_pred)[:15])
    print("page confusions:", confusion_pairs(y, y_hat)[:15])


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m classifiers")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("train", "eval"):
        p = sub.add_parser(name)
        p.add_argument("--inbox", type=Path, required=name == "eval")
        p.add_argument("--truth", type=Path)
        p.add_argument("--models", type=Path, default=PROJECT_ROOT / "models")
        p.add_argument("--workers", type=int, default=2)
        p.add_argument("--seed", type=int, default=0)
        p.add_argument("--pages-cache", type=Path, help="JSON of the read pages: written once, then reused")
    sub.choices["train"].add_argument("--synthetic", type=int, default=0, help="synthetic uploads to add")
    sub.choices["train"].add_argument("--set-current", action="store_true")
    sub.choices["train"].add_argument("--generator-others", type=int, default=0,
                                      help="'other' documents to draw with sample_docs' generator")
    sub.choices["train"].add_argument("--pages", type=Path, action="append", default=[],
                                      help="JSON list of labelled pages to add (repeatable)")
    sub.choices["train"].add_argument("--note", default="", help="what it was trained on, for the card")
    sub.choices["eval"].add_argument("--min-confidence", type=float)
    args = parser.parse_args()
    if args.inbox is not None and args.truth is None:
        args.truth = args.inbox.parent / f"{args.inbox.name}.truth.json"
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    {"train": cmd_train, "eval": cmd_eval}[args.command](args)


if __name__ == "__main__":
    main()
