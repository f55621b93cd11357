"""Periods: internship working days, three years of salaried experience, apprentices' training hours."""

from __future__ import annotations

from datetime import date, timedelta

from justif.checks.common import Context, evidence, make_flag, to_date
from justif.checks.labels import fr_date
from justif.domain import Document, Flag

# Notice VI: « le minimum de 4 semaines de stage à réaliser pour pouvoir présenter l'examen est
# reconduit » — 4 weeks of Monday-Friday.
MIN_INTERNSHIP_WORKING_DAYS = 20
MIN_EXPERIENCE_DAYS = 3 * 365  # « justifiant de trois ans d'exercice »
MIN_APPRENTICE_HOURS = 1350  # « Attestation de suivi de la préparation au BTS d'une durée de 1 350 heures »

Period = tuple[date, date]


def union(periods: list[Period]) -> list[Period]:
    """Overlapping or touching periods merged, so a day is counted once."""
    merged: list[Period] = []
    for start, end in sorted(periods):
        if merged and start <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def working_days(start: date, end: date) -> int:
    """Monday-Friday days from start to end, both included."""
    weeks, extra = divmod((end - start).days + 1, 7)
    return weeks * 5 + sum((start + timedelta(days=i)).weekday() < 5 for i in range(extra))


def calendar_days(start: date, end: date) -> int:
    return (end - start).days + 1


def _period(doc: Document, today: date) -> Period | None:
    start, end = to_date(doc.fields.get("start_date")), to_date(doc.fields.get("end_date"))
    if end is None and doc.fields.get("ongoing") is True:
        end = today  # « à ce jour »: the certificate runs until the dossier was submitted
    return (start, end) if start and end and start <= end else None


def _periods(docs: list[Document], today: date) -> tuple[list[tuple[Document, Period]], list[str]]:
    """The periods read, and the files whose dates could not be read."""
    found = [(doc, _period(doc, today)) for doc in docs]
    return [(d, p) for d, p in found if p is not None], [d.file for d, p in found if p is None]


def _period_details(found: list[tuple[Document, Period]], count) -> list[dict]:
    return [{"file": doc.file, **evidence(doc, "start_date"), "start": s.isoformat(), "end": e.isoformat(),
             "days": count(s, e)} for doc, (s, e) in found]


def _unread_note(unread: list[str]) -> str:
    # What could not be read cannot count: staff must look rather than the dossier pass unseen.
    return f" Dates illisibles sur : {', '.join(unread)} — à vérifier sur la pièce." if unread else ""


def internship_too_short(ctx: Context) -> list[Flag]:
    """The attestations' own dates (not the declared ones), overlaps counted once, weekends excluded.

    When some attestation's dates could not be read and those read fall short, the flag stands with the
    unread files named: the documents as read do not show the four weeks."""
    docs = ctx.docs("internship_attestation")
    if not docs:
        return []
    found, unread = _periods(docs, ctx.submitted)
    total = sum(working_days(s, e) for s, e in union([p for _, p in found]))
    if total >= MIN_INTERNSHIP_WORKING_DAYS:
        return []
    return [make_flag(
        "INTERNSHIP_TOO_SHORT", f"Les attestations de stage couvrent {total} jours ouvrés (lundi au "
        f"vendredi), moins que les {MIN_INTERNSHIP_WORKING_DAYS} jours (4 semaines) exigés pour la session."
        + _unread_note(unread),
        piece="internship_attestation",
        found=total, required=MIN_INTERNSHIP_WORKING_DAYS, periods=_period_details(found, working_days),
        unread=unread, declared=[{"start": i.start_date.isoformat(), "end": i.end_date.isoformat()}
                                 for i in ctx.dossier.internships])]


def experience_too_short(ctx: Context) -> list[Flag]:
    docs = ctx.docs("employment_certificate")
    if ctx.dossier.category != "salaried_3y" or not docs:
        return []
    found, unread = _periods(docs, ctx.submitted)
    total = sum(calendar_days(s, e) for s, e in union([p for _, p in found]))
    if total >= MIN_EXPERIENCE_DAYS:
        return []
    spans = ", ".join(f"du {fr_date(s)} au {fr_date(e)}" for _, (s, e) in found) or "aucune période lue"
    return [make_flag(
        "EXPERIENCE_TOO_SHORT", f"Les certificats de travail couvrent {total} jours ({spans}), moins que les "
        f"trois ans ({MIN_EXPERIENCE_DAYS} jours) exigés des candidats salariés." + _unread_note(unread),
        piece="employment_certificate", found=total, required=MIN_EXPERIENCE_DAYS,
        periods=_period_details(found, calendar_days), unread=unread)]


def training_hours_too_low(ctx: Context) -> list[Flag]:
    """Apprentices only; the largest figure read counts (a recto/verso split repeats the same total).
    An attestation whose hours could not be read is flagged too: it does not show the 1,350 hours."""
    docs = ctx.docs("training_attestation")
    if ctx.dossier.category != "distance_apprentice" or not docs:
        return []
    read = [d for d in docs if isinstance(d.fields.get("hours"), int | float)]
    if not read:
        return [make_flag(
            "TRAINING_HOURS_TOO_LOW", "Nombre d'heures illisible sur l'attestation de suivi de formation : "
            f"vérifier qu'elle atteste les {MIN_APPRENTICE_HOURS} heures exigées des apprentis.",
            piece="training_attestation", file=docs[0].file, found=None, declared=None,
            required=MIN_APPRENTICE_HOURS)]
    best = max(read, key=lambda d: d.fields["hours"])
    hours = best.fields["hours"]
    if hours >= MIN_APPRENTICE_HOURS:
        return []
    return [make_flag(
        "TRAINING_HOURS_TOO_LOW", f"L'attestation de suivi de formation indique {hours} heures, moins "
        f"que les {MIN_APPRENTICE_HOURS} heures exigées des apprentis.", piece="training_attestation",
        file=best.file,
        found=hours, declared=None, required=MIN_APPRENTICE_HOURS, **evidence(best, "hours"))]
