"""The contract's JSON Schemas, carried by the project (a test keeps them equal to ../shared/contract)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker


@cache
def load_schema(name: str) -> dict[str, Any]:
    """`name` is 'dossier' or 'result'."""
    text = resources.files(__package__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(name), format_checker=FormatChecker())


def schema_errors(name: str, instance: Any) -> list[str]:
    """Readable messages for every way `instance` breaks the schema, empty when valid."""
    errors = sorted(validator(name).iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors]
