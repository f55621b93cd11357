"""French date parsing: the contract under test, stated with hypothesis."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from justif.dates import find_dates, parse_date

MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre"]
ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
FORMATS = [
    lambda d: d.strftime("%d/%m/%Y"),
    lambda d: d.strftime("%d.%m.%Y"),
    lambda d: d.strftime("%d-%m-%Y"),
    lambda d: d.isoformat(),
    lambda d: f"{d.day}/{d.month}/{d.year}",
    lambda d: f"{'1er' if d.day == 1 else d.day} {MOIS[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {MOIS[d.month - 1].upper()} {d.year}",
    lambda d: f"{d.day} {ABBR[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {MOIS[d.month - 1].replace('é', 'e').replace('û', 'u')} {d.year}",
]


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(FORMATS))
def test_format_then_parse_round_trips(d, fmt):
    assert parse_date(fmt(d)) == d
    assert parse_date(f"Fait à Toulouse, le {fmt(d)}.") == d


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1931, 1, 1), max_value=date(2030, 12, 31)))
def test_two_digit_year_follows_the_pivot(d):
    assert parse_date(d.strftime("%d/%m/%y"), pivot=2030) == d


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 12), st.integers(1900, 2099), st.sampled_from(FORMATS[:3]))
def test_impossible_day_is_rejected(month, year, fmt):
    bad = f"32{fmt(date(year, month, 1))[2:]}"
    assert parse_date(bad) is None


@pytest.mark.parametrize("text", ["31/02/2001", "30/02/2020", "29/02/2021", "12/13/2001", "00/05/2020",
                                  "31 avril 2020", "12.00.2001"])
def test_impossible_dates_give_none(text):
    assert parse_date(text) is None


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    assert parse_date(text) is None or isinstance(parse_date(text), date)
    find_dates(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Né le l2/O3/2OOl à Albi", date(2001, 3, 12)),
    ("le 1 er juin 2020", date(2020, 6, 1)),
    ("le 3 FÉVRIER 2021", date(2021, 2, 3)),
    ("le 3 f?vrier 2021", date(2021, 2, 3)),
    ("15 aout 2020", date(2020, 8, 15)),
    ("05/S/2021", date(2021, 5, 5)),
])
def test_ocr_confusions_are_tolerated(text, expected):
    assert parse_date(text) == expected


def test_find_dates_keeps_order_and_spans():
    text = "du 3 mai 2021 au 28/05/2021, tél 05.36.25.71.08"
    found = find_dates(text)
    assert [d for d, _ in found] == [date(2021, 5, 3), date(2021, 5, 28)]
    assert text[slice(*found[1][1])] == "28/05/2021"


def test_adjacent_numeric_dates_are_both_found():
    assert [d for d, _ in find_dates("01/02/2021-28/02/2021")] == [date(2021, 2, 1), date(2021, 2, 28)]


def test_ocr_and_bilingual_textual_dates():
    assert parse_date("ler mars 1996") == date(1996, 3, 1)
    assert parse_date("15 AOÛT/AUG 2000") == date(2000, 8, 15)
    assert parse_date("21 JANV/JAN 1991") == date(1991, 1, 21)


@pytest.mark.parametrize(("text", "expected"), [
    ("30 MARSI/MAR 1995", date(1995, 3, 30)),  # build/holdout B0015: was 1951 (the year read from 'SI')
    ("30 MARSI 1995", date(1995, 3, 30)),
    ("28 DÉCE/DEC 2030", date(2030, 12, 28)),
    ("16 AVRI/APR 1985", date(1985, 4, 16)),
    ("07 JUILJUL 2032", date(2032, 7, 7)),
])
def test_a_bilingual_month_garbled_by_ocr_keeps_its_year(text: str, expected: date) -> None:
    assert [d for d, _ in find_dates(text)] == [expected]
