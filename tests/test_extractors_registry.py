"""The registry: one extractor per doc_type, every contract type covered, duplicates refused."""

import pytest

from extractors import FIELDS, REGISTRY
from extractors.registry import DuplicateExtractorError, Registry
from justif.domain import DOC_TYPES, Extraction


def test_every_doc_type_has_an_extractor_with_name_fields():
    assert set(FIELDS) == set(DOC_TYPES)
    for doc_type, fields in FIELDS.items():
        assert doc_type == "other" or fields[:2] == ("last_name", "first_names")
    assert FIELDS["other"] == ()


def test_a_second_registration_is_refused():
    registry = Registry()
    registry.register("transcript", ("last_name",), lambda pages, image_of: Extraction())
    with pytest.raises(DuplicateExtractorError):
        registry.register("transcript", ("last_name",), lambda pages, image_of: Extraction())
    with pytest.raises(DuplicateExtractorError):
        REGISTRY.register("transcript", (), lambda pages, image_of: Extraction())


def test_unknown_doc_type_cannot_be_registered():
    with pytest.raises(ValueError, match="unknown doc_type"):
        Registry().register("payslip", (), lambda pages, image_of: Extraction())
