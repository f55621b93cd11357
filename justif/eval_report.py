"""Plain-text rendering of `justif eval` figures for a terminal."""

from __future__ import annotations

from typing import Any


def _pct(value: float | None) -> str:
    return "   n/a" if value is None else f"{100 * value:5.1f}%"


def format_eval(figures: dict[str, Any]) -> str:
    lines: list[str] = []
    cls = figures["classification"]
    lines.append(f"Classification: {_pct(cls['accuracy'])} of {cls['n_documents']} documents")
    lines.append("  per type                       n  recall  precision")
    for name, row in cls["per_type"].items():
        lines.append(f"  {name:<28}{row['n']:>4}  {_pct(row['recall'])}  {_pct(row['precision'])}")
    lines.append("  per rendering                  n  accuracy")
    for name, row in cls["per_rendering"].items():
        lines.append(f"  {name:<28}{row['n']:>4}  {_pct(row['accuracy'])}")
    lines.append("  confusion pairs (true -> predicted):")
    lines.extend(f"    {pair}: {count}" for pair, count in cls["confusions"].items())
    if not cls["confusions"]:
        lines.append("    none")
    open_set = cls["open_set"]
    lines.append(
        f"  open set: {open_set['other_rejected']}/{open_set['other_documents']} 'other' documents rejected, "
        f"{open_set['real_wrongly_rejected']}/{open_set['real_documents']} real documents wrongly rejected"
    )
    split = figures["splitting"]
    lines.append(f"Splitting: {_pct(split['accuracy'])} of {split['uploads']} multi-page/bundled uploads exact")
    fields = figures["fields"]
    lines.append(f"Fields: {_pct(fields['accuracy'])} of {fields['n_fields']} fields, {fields['invented']} invented")
    renderings = sorted({r for row in fields["per_field"].values() for r in row.get("per_rendering", {})})
    lines.append(f"  {'type.field':<40}{'n':>4}  {'all':>6}  inv  " + " ".join(f"{r[:11]:>11}" for r in renderings))
    for name, row in fields["per_field"].items():
        split = row.get("per_rendering", {})
        cells = " ".join(f"{_pct(split[r]) if r in split else '':>11}" for r in renderings)
        lines.append(f"  {name:<40}{row['n']:>4}  {_pct(row['accuracy'])}  {row['invented']:>3}  {cells}")
    lines.append("  per rendering:")
    for name, row in fields["per_rendering"].items():
        lines.append(f"  {name:<40}{row['n']:>4}  {_pct(row['accuracy'])}")
    flags = figures["flags"]
    lines.append(f"Flags: recall {_pct(flags['recall'])}, precision {_pct(flags['precision'])}")
    lines.append("  code                           expected found  recall  precision")
    for code, row in flags["per_code"].items():
        lines.append(f"  {code:<30}{row['expected']:>8}{row['found']:>6}  {_pct(row['recall'])}  "
                     f"{_pct(row['precision'])}")
    status = figures["status"]
    lines.append(f"Status: {_pct(status['accuracy'])} of {status['n_dossiers']} dossiers right; "
                 f"{status['ok_while_piece_missing']} 'ok' while a piece is missing")
    lines.extend(f"  {pair}: {count}" for pair, count in status["confusions"].items())
    speed = figures["speed"]
    lines.append(f"Speed: {speed['pages_per_second']} pages/s ({speed['seconds']} s)")
    return "\n".join(lines)
