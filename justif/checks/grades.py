"""Grade benefits kept from earlier sessions (notice VI, FAQ): GRADE_BENEFIT_NOT_JUSTIFIED."""

from __future__ import annotations

import re

from justif.checks.common import Context, make_flag
from justif.domain import Document, Flag, GradeBenefit
from justif.names import fold_name

TOLERANCE = 0.01  # a grade printed 12.5 and declared 12.50 is the same grade
# « En forme globale, seules les notes égales ou supérieures à 10 … peuvent être conservées »
PASS_MARK = 10.0
KEPT_SESSIONS = 5  # « … pendant 5 ans à compter de leur date d'obtention »
_CODE = re.compile(r"^([a-z]{1,2}) ?(\d{1,3}(?:[.,]\d{1,2})?)\b")


def unit_key(unit: str) -> str:
    """« U31 », « u 31 » and « U31 - Physique » all give « u31 »; a unit without a code keeps its name."""
    folded = fold_name(str(unit))
    m = _CODE.match(folded)
    return (m.group(1) + m.group(2).replace(",", ".")) if m else folded


def _number(value) -> float | None:
    try:
        return float(str(value).replace(",", ".").strip())
    except ValueError:
        return None


def transcript_grades(transcripts: list[Document]) -> dict[str, list[float]] | None:
    """Unit -> grades read on the transcripts; None when no transcript's grades could be read."""
    lists = [d.fields.get("grades") for d in transcripts if isinstance(d.fields.get("grades"), list)]
    if not lists:
        return None
    found: dict[str, list[float]] = {}
    for item in (g for grades in lists for g in grades if isinstance(g, dict)):
        grade = _number(item.get("grade"))
        if item.get("unit") and grade is not None:
            found.setdefault(unit_key(item["unit"]), []).append(grade)
    return found


def transcript_text(ctx: Context, transcripts: list[Document]) -> str:
    """The text of the transcripts' pages, to tell a unit printed with an unreadable grade from one
    the transcript does not print."""
    pages = {(t.file, n) for t in transcripts for n in t.pages}
    return "\n".join(p.text for r in ctx.readings for p in r.pages if (r.upload.file, p.number) in pages)


def unit_printed(unit: str, text: str) -> bool:
    m = _CODE.match(fold_name(str(unit)))
    if not m:
        return False
    return re.search(rf"(?im)^\W*{re.escape(m.group(1))}\s?{re.escape(m.group(2))}\b", text) is not None


def benefit_problems(b: GradeBenefit, found: dict[str, list[float]] | None, form: str,
                     session: int, text: str = "") -> list[str]:
    """Why one declared benefit is not justified, in French (empty when it is)."""
    problems = []
    if found is not None:
        printed = found.get(unit_key(b.unit))
        if not printed and unit_printed(b.unit, text):
            problems.append("note illisible sur le relevé de notes, à vérifier")
        elif not printed:
            problems.append("absente du relevé de notes")
        elif all(abs(g - b.grade) > TOLERANCE for g in printed):
            problems.append(f"le relevé indique {', '.join(f'{g:g}' for g in printed)}")
    if form == "global" and b.grade < PASS_MARK:
        problems.append("note inférieure à 10 en forme globale")
    if session - b.session > KEPT_SESSIONS:
        problems.append(f"obtenue en {b.session}, plus de {KEPT_SESSIONS} sessions avant {session}")
    return problems


def grade_benefits(ctx: Context) -> list[Flag]:
    """One flag listing each unjustified benefit; a missing transcript is MISSING_PIECE alone."""
    d, transcripts = ctx.dossier, ctx.docs("transcript")
    if not d.grade_benefits or not transcripts:
        return []
    found, text = transcript_grades(transcripts), transcript_text(ctx, transcripts)
    items = [{"unit": b.unit, "declared": b.grade, "session": b.session,
              "found": (found or {}).get(unit_key(b.unit)), "problems": problems}
             for b in d.grade_benefits if (problems := benefit_problems(b, found, d.form, d.session, text))]
    if not items:
        return []
    listed = " ; ".join(f"{i['unit']} ({i['declared']:g}/20) : {', '.join(i['problems'])}" for i in items)
    return [make_flag(
        "GRADE_BENEFIT_NOT_JUSTIFIED", f"Bénéfice de notes non justifié — {listed}.", piece="transcript",
        benefits=items, transcripts=[t.file for t in transcripts],
        declared=[b.model_dump() for b in d.grade_benefits], found=found, form=d.form, session=d.session)]
