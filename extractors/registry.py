"""The explicit map from doc_type to its extractor module; a second registration is a bug."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from justif.domain import DOC_TYPES, Extraction, Page

ImageOf = Callable[[int], Image.Image] | None
ExtractFn = Callable[[list[Page], ImageOf], Extraction]


@dataclass(frozen=True)
class Extractor:
    doc_type: str
    fields: tuple[str, ...]
    extract: ExtractFn


class DuplicateExtractorError(ValueError):
    pass


class Registry:
    def __init__(self) -> None:
        self._by_type: dict[str, Extractor] = {}

    def register(self, doc_type: str, fields: tuple[str, ...], extract: ExtractFn) -> None:
        if doc_type not in DOC_TYPES:
            raise ValueError(f"unknown doc_type {doc_type!r}: add it to justif/domain.py DocType first")
        if doc_type in self._by_type:
            raise DuplicateExtractorError(f"an extractor for {doc_type!r} is already registered")
        self._by_type[doc_type] = Extractor(doc_type, fields, extract)

    def get(self, doc_type: str) -> Extractor | None:
        return self._by_type.get(doc_type)

    def fields(self) -> dict[str, tuple[str, ...]]:
        return {t: e.fields for t, e in self._by_type.items()}
