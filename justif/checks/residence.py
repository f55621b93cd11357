"""Residence: « si vous résidez dans l'un des départements suivants : 09, 12, 31, 32, 46, 65, 81, 82 »."""

from __future__ import annotations

from justif.checks.common import Context, make_flag
from justif.domain import Flag

ACADEMY_DEPARTMENTS = ("09", "12", "31", "32", "46", "65", "81", "82")


def department(postal_code: str) -> str:
    """The département of a postal code: Corsica (20xxx) is 2A/2B, overseas (97x, 98x) has three digits."""
    code = postal_code.strip()
    if code.startswith("20"):
        return "2A" if code < "20200" else "2B"
    if code[:2] in ("97", "98"):
        return code[:3]
    return code[:2]


def residence_outside_academy(ctx: Context) -> list[Flag]:
    code = ctx.dossier.address.postal_code
    dept = department(code)
    if dept in ACADEMY_DEPARTMENTS:
        return []
    return [make_flag(
        "RESIDENCE_OUTSIDE_ACADEMY", f"Le code postal déclaré ({code}, département {dept}) est hors de "
        f"l'académie de Toulouse (départements {', '.join(ACADEMY_DEPARTMENTS)}).", declared=code, found=dept,
        accepted=list(ACADEMY_DEPARTMENTS))]
