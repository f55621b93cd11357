"""Residence in the académie de Toulouse: départements 09, 12, 31, 32, 46, 65, 81, 82."""

from __future__ import annotations

import pytest

from justif.checks import check_dossier
from justif.checks.residence import department
from tests.test_checks_factories import base_docs, dossier


def at(postal_code: str):
    return dossier(address={"postal_code": postal_code, "city": "X"})


@pytest.mark.parametrize("code", ["09000", "12000", "31000", "32000", "46000", "65000", "81000", "82000"])
def test_inside_the_academy(code: str) -> None:
    assert check_dossier(at(code), base_docs(), []) == []


@pytest.mark.parametrize(("code", "dept"), [
    ("75011", "75"), ("20000", "2A"), ("20200", "2B"), ("97100", "971"), ("97400", "974"), ("34000", "34"),
    ("98800", "988")])
def test_outside_the_academy(code: str, dept: str) -> None:
    flags = check_dossier(at(code), base_docs(), [])
    assert [(f.code, f.severity, f.details["found"]) for f in flags] == [
        ("RESIDENCE_OUTSIDE_ACADEMY", "warning", dept)]
    assert flags[0].message.startswith(f"Le code postal déclaré ({code}, département {dept}) est hors")


def test_department_of_a_corsican_code() -> None:
    assert department("20090") == "2A" and department("20600") == "2B"
