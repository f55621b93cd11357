"""The project's copy of the contract schemas matches ../shared, and dossier validation uses it."""

import json

from justif.schemas import load_schema, schema_errors
from tests.conftest import dossier_dict


def test_carried_schemas_equal_the_contract(shared_dir):
    for name in ("dossier", "result"):
        shared = json.loads((shared_dir / "contract" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert load_schema(name) == shared


def test_valid_dossier_has_no_errors():
    assert schema_errors("dossier", dossier_dict()) == []


def test_bad_date_and_unknown_field_are_reported():
    data = dossier_dict(birth_date="2001-13-45", favourite_colour="blue")
    errors = schema_errors("dossier", data)
    assert any("birth_date" in e for e in errors)
    assert any("favourite_colour" in e for e in errors)
