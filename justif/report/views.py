"""What the report shows for each dossier and flag: French labels and values staff can compare at a glance."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from justif.checks.labels import CATEGORY_LABELS, CODE_LABELS, SEVERITY_LABELS, STATUS_LABELS, piece_label
from justif.domain import DossierResult, Flag

STATUS_RANK = {"incomplete": 0, "to_review": 1, "ok": 2}
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
UNITS = {"INTERNSHIP_TOO_SHORT": " jours ouvrés", "EXPERIENCE_TOO_SHORT": " jours",
         "TRAINING_HOURS_TOO_LOW": " heures"}
MAX_CHARS = 300
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def fmt(value: Any) -> str:
    """Any evidence value as short French text: dates dd/mm/yyyy, decimal commas, lists joined."""
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, str):
        m = _ISO_DATE.match(value)
        text = f"{m[3]}/{m[2]}/{m[1]}" if m else value
    elif isinstance(value, dict):
        text = " ; ".join(f"{k} : {fmt(v)}" for k, v in value.items())
    elif isinstance(value, list | tuple):
        text = ", ".join(fmt(v) for v in value)
    else:
        text = str(value)
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS - 1] + "…"


@dataclass
class Comparison:
    left_label: str
    left: str
    right_label: str
    right: str


def _benefits(items: list[dict]) -> str:
    return " ; ".join(f"{b.get('unit')} : {fmt(b.get('grade'))} ({b.get('session')})" for b in items)


def comparison(f: Flag) -> Comparison | None:
    """The two values staff compare for this flag, labelled for its code (None: the message says it all)."""
    d = f.details
    match f.code:
        case "MISSING_PIECE":
            found = [fmt(x.get("school_year")) for x in d.get("found", [])] or ["aucune pièce reconnue"]
            return Comparison("Attendu", piece_label(f.piece), "Trouvé", ", ".join(found))
        case "ID_EXPIRED":
            return Comparison("Date de dépôt", fmt(d.get("declared")),
                              "Valable jusqu'au", fmt(d.get("valid_until")))
        case "INTERNSHIP_TOO_SHORT" | "EXPERIENCE_TOO_SHORT" | "TRAINING_HOURS_TOO_LOW":
            unit = UNITS[f.code]
            return Comparison("Exigé", f"{fmt(d.get('required'))}{unit}",
                              "Trouvé", f"{fmt(d.get('found'))}{unit}")
        case "GRADE_BENEFIT_NOT_JUSTIFIED":
            found = d.get("found")
            return Comparison("Déclaré", _benefits(d.get("declared") or []), "Lu sur le relevé",
                              fmt(found) if found is not None else "notes illisibles")
        case "RESIDENCE_OUTSIDE_ACADEMY":
            return Comparison("Code postal déclaré", fmt(d.get("declared")),
                              "Département", fmt(d.get("found")))
        case "DUPLICATE_UPLOAD":
            return Comparison("Ce dossier", fmt(f.file), "Autre dossier",
                              f"{fmt(d.get('other_dossier'))} — {fmt(d.get('other_file'))}")
        case "UNRECOGNISED_DOCUMENT":
            return Comparison("Pages", fmt(d.get("pages")), "Types les plus proches", _candidates(d))
        case "MRZ_INVALID":
            return Comparison("Imprimé", "cohérent attendu",
                              "Bande MRZ", fmt(d.get("mrz_errors") or "incohérente"))
        case "UNREADABLE_FILE" | "NOT_SIGNED":
            return None
        case "NAME_MISMATCH" | "BIRTH_DATE_MISMATCH":
            return Comparison("Déclaré", fmt(d.get("declared")), "Lu sur la pièce", fmt(d.get("found")))
    if "declared" in d or "found" in d:
        return Comparison("Déclaré", fmt(d.get("declared")), "Trouvé", fmt(d.get("found")))
    return None


def _candidates(d: dict) -> str:
    scores: dict[str, float] = {}
    for group in d.get("candidates") or []:
        for doc_type, score in (group.get("candidates") or {}).items():
            scores[doc_type] = max(score, scores.get(doc_type, 0.0))
    best = sorted(scores.items(), key=lambda kv: -kv[1])[:3]
    return ", ".join(f"{piece_label(t)} ({score:.0%})" for t, score in best) or "aucun"


@dataclass
class FlagView:
    flag: Flag
    code_label: str
    severity_label: str
    comparison: Comparison | None
    page: int | None
    confidence: str | None
    crop: str | None = None  # data: URI
    other_crop: str | None = None


@dataclass
class DossierView:
    result: DossierResult
    anchor: str
    status_label: str
    category_label: str
    flags: list[FlagView] = field(default_factory=list)

    @property
    def n_errors(self) -> int:
        return sum(f.flag.severity == "error" for f in self.flags)

    @property
    def n_warnings(self) -> int:
        return sum(f.flag.severity == "warning" for f in self.flags)

    @property
    def attention(self) -> bool:
        return self.result.status != "ok" or self.result.error is not None

    @property
    def codes(self) -> str:
        return " ".join(sorted({f.flag.code for f in self.flags}))


def flag_view(f: Flag) -> FlagView:
    confidence = f.details.get("confidence")
    return FlagView(f, CODE_LABELS.get(f.code, f.code), SEVERITY_LABELS[f.severity], comparison(f),
                    f.details.get("page"),
                    f"{confidence:.0%}" if isinstance(confidence, int | float) else None)


def dossier_views(results: list[DossierResult]) -> list[DossierView]:
    """Invalid declarations first, then incomplete, to review (most errors first), ok last."""
    views = [DossierView(r, f"d-{i}", STATUS_LABELS[r.status], CATEGORY_LABELS.get(r.category or "", "—"),
                         [flag_view(f) for f in sorted(r.flags, key=lambda f: SEVERITY_RANK[f.severity])])
             for i, r in enumerate(results, start=1)]
    return sorted(views, key=lambda v: (v.result.error is None, STATUS_RANK[v.result.status], -v.n_errors,
                                        -v.n_warnings, v.result.dossier_id))
