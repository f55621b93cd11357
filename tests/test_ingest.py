"""Ingest: dossier folders, dossier.json validation, uploads listed without trusting names."""

import json
import os

import pytest

from justif.ingest import InboxError, discover
from tests.conftest import dossier_dict, write_dossier


def test_missing_and_invalid_dossier_json_are_errors_not_crashes(tmp_path):
    write_dossier(tmp_path, dossier_dict("A1"), {"piece.pdf": b"%PDF-1.4\n"})
    write_dossier(tmp_path, None, {"scan.jpg": b"\xff\xd8\xff"}, folder="B2")
    write_dossier(tmp_path, "{not json", folder="C3")
    write_dossier(tmp_path, json.dumps(dossier_dict("D4", category="astronaut")), folder="D4")
    found = {d.dossier_id: d for d in discover(tmp_path)}
    assert found["A1"].dossier is not None and found["A1"].error is None
    assert "absent" in found["B2"].error and found["B2"].uploads[0].file == "scan.jpg"
    assert "JSON invalide" in found["C3"].error
    assert "category" in found["D4"].error and found["D4"].dossier is None


def test_uploads_any_names_subfolders_and_hashes(tmp_path):
    odd = "relevé de notes (copie) #2 ; ../é.PDF"
    files = {"sous dossier/" + odd.replace("/", "_"): b"%PDF-1.4 x", "Carte d'identité.JPG": b"\xff\xd8\xffdata"}
    write_dossier(tmp_path, dossier_dict("A1"), files)
    [item] = discover(tmp_path)
    names = sorted(u.file for u in item.uploads)
    assert names == sorted(files)
    assert all(len(u.sha256) == 64 and u.size > 0 for u in item.uploads)


def test_symlinks_are_not_followed(tmp_path):
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 secret")
    folder = write_dossier(tmp_path / "inbox", dossier_dict("A1"))
    os.symlink(secret, folder / "link.pdf")
    [item] = discover(tmp_path / "inbox")
    assert item.uploads == [] and item.skipped == ["link.pdf"]


def test_unsafe_folder_name_gets_a_safe_id(tmp_path):
    write_dossier(tmp_path, None, folder="dossier de Marie Dupont")
    [item] = discover(tmp_path)
    assert item.dossier_id.startswith("dossier-") and " " not in item.dossier_id


@pytest.mark.parametrize("make", ["missing", "file", "empty"])
def test_inbox_without_dossier_is_an_error(tmp_path, make):
    inbox = tmp_path / "inbox"
    if make == "file":
        inbox.write_text("x")
    elif make == "empty":
        inbox.mkdir()
    with pytest.raises(InboxError, match="inbox"):
        discover(inbox)


def test_a_dossier_without_declaration_still_gets_a_result_with_its_unreadable_files(tmp_path):
    from types import SimpleNamespace

    from justif.config import Settings
    from justif.domain import Reading
    from justif.pipeline import assess

    write_dossier(tmp_path, None, {"vide.pdf": b""}, folder="B2")
    [item] = discover(tmp_path)
    readings = [Reading(upload=item.uploads[0], error="fichier vide (0 octet)")]
    result = assess(item, readings, SimpleNamespace(version="v-test"), Settings(cache_dir=None))
    assert result.error and "absent" in result.error
    assert [(f.code, f.file) for f in result.flags] == [("UNREADABLE_FILE", "vide.pdf")]
