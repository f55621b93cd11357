"""One builder per contract doc_type, in an explicit registry."""

from __future__ import annotations

from collections.abc import Callable

from ..sheet import Sheet
from . import contract, employment, identity, internship, jdc, other, r408, registration, school, training, transcript
from .common import Built, DocSpec

Builder = Callable[[Sheet, DocSpec], Built]
BUILDERS: dict[str, Builder] = {}
for _module in (identity, jdc, internship, r408, transcript, employment, school, training, contract, registration,
                other):
    if _module.DOC_TYPE in BUILDERS:
        raise ValueError(f"two builders for doc_type {_module.DOC_TYPE}")
    BUILDERS[_module.DOC_TYPE] = _module.build


def build(sheet: Sheet, spec: DocSpec) -> Built:
    """Draw `spec` into `sheet` with the builder of its doc_type."""
    return BUILDERS[spec.doc_type](sheet, spec)


__all__ = ["BUILDERS", "Built", "DocSpec", "build"]
