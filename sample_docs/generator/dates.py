"""Dates and numbers written the ways French documents write them, and period arithmetic."""

from __future__ import annotations

import random
from datetime import date, timedelta

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
MONTHS_EN = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
STYLES = ("slash", "dot", "long", "long_upper", "iso", "slash", "long", "dash")


def fmt_date(d: date, style: str) -> str:
    """Write `d` as `12/03/2001`, `12.03.2001`, `12 mars 2001`, `1er mars 2001`, `2001-03-12`, `12 MARS 2001`..."""
    if style == "slash":
        return d.strftime("%d/%m/%Y")
    if style == "dot":
        return d.strftime("%d.%m.%Y")
    if style == "dash":
        return d.strftime("%d-%m-%Y")
    if style == "iso":
        return d.isoformat()
    if style == "passport":
        return f"{d.day:02d} {MONTHS[d.month - 1][:4].rstrip('.').upper()}/{MONTHS_EN[d.month - 1]} {d.year}"
    if style == "compact":
        return d.strftime("%d %m %Y")
    day = "1er" if d.day == 1 else str(d.day)
    text = f"{day} {MONTHS[d.month - 1]} {d.year}"
    return text.upper() if style == "long_upper" else text


def pick_style(rng: random.Random, allowed: tuple[str, ...] = STYLES) -> str:
    return rng.choice(allowed)


def fmt_grade(value: float, rng: random.Random) -> str:
    """A grade out of 20 as transcripts print it: `12,50`, `12.5`, `12,5/20`, `08,00`."""
    style = rng.randrange(4)
    if style == 0:
        return f"{value:05.2f}".replace(".", ",")
    if style == 1:
        return f"{value:g}".replace(".", ",")
    if style == 2:
        return f"{value:.2f}"
    return f"{value:g}".replace(".", ",") + "/20"


def fmt_hours(hours: int, rng: random.Random) -> str:
    """`1350 heures`, `1 350 h`, `1350h00`."""
    grouped = f"{hours:,}".replace(",", " ")
    return rng.choice([f"{hours} heures", f"{grouped} h", f"{hours}h00", f"{grouped} heures"])


def add_months(d: date, months: int) -> date:
    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def working_days(periods: list[tuple[date, date]]) -> int:
    """Monday-to-Friday days covered by the union of inclusive periods."""
    days: set[date] = set()
    for start, end in periods:
        d = start
        while d <= end:
            if d.weekday() < 5:
                days.add(d)
            d += timedelta(days=1)
    return len(days)


def calendar_days(periods: list[tuple[date, date]]) -> int:
    """Calendar days covered by the union of inclusive periods."""
    total, last_end = 0, None
    for start, end in sorted(periods):
        if last_end is not None and start <= last_end:
            start = last_end + timedelta(days=1)
        if end >= start:
            total += (end - start).days + 1
        last_end = end if last_end is None else max(last_end, end)
    return total


def next_monday(d: date) -> date:
    return d + timedelta(days=(7 - d.weekday()) % 7)
