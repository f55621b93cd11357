"""A small run for the report tests: dossiers of every status, built by the real checks."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from PIL import Image, ImageDraw

from justif.checks import check_dossier, duplicate_flags, status_of
from justif.domain import DossierResult
from justif.report import RunInfo
from tests.test_checks_factories import base_docs, doc, dossier, me, page, reading

NOW = datetime(2021, 12, 1, 6, 30, tzinfo=UTC)
HOSTILE = '<script>alert("x")</script>&.pdf'


def fake_crop(dossier_id: str, file: str, page_number: int, box) -> bytes:
    """A small PNG standing in for the page crop the reading stage would render."""
    image = Image.new("L", (900, 140), 255)
    ImageDraw.Draw(image).text((10, 50), f"{dossier_id} {file[:30]} p.{page_number}", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _result(d, docs, readings=(), specialty=None) -> DossierResult:
    flags = check_dossier(d, docs, list(readings))
    return DossierResult(dossier_id=d.dossier_id, status=status_of(flags), documents=docs, flags=flags,
                         model_version="clf-2021.11-1", processed_at=NOW, specialty=d.specialty,
                         category=d.category)


def sample_results() -> list[DossierResult]:
    """Eight dossiers: complete, incomplete, to review, an invalid declaration, a duplicate pair."""
    jdc_text = "Certificat JDC DUPONT Marie née le 10/05/2000 participation le 01/06/2017 n° 2017-31-004521 "
    jdc_text *= 2
    ok = _result(dossier(dossier_id="D0001"), base_docs())
    ok2 = _result(dossier(dossier_id="D0002", specialty="Travaux publics"),
                  base_docs() + [doc("r408_attestation")])
    missing = _result(dossier(dossier_id="D0003", category="distance_school", specialty="Bâtiment"),
                      [d for d in base_docs() if d.doc_type not in ("transcript", "jdc_certificate")],
                      [reading("D0003", HOSTILE, b"", error="fichier vide (0 octet)")])
    review = _result(dossier(dossier_id="D0004", address={"postal_code": "75011", "city": "Paris"}),
                     base_docs() + [doc("jdc_certificate", file="jdc_scan.jpg", **me(first_names=["Jean"]))])
    no_id = [d for d in base_docs() if d.doc_type != "identity_document"]
    card = doc("identity_document", file="cni.jpg", subtype="cni", expiry_date="2019-02-01",
               document_number="X12345678", mrz_valid=False, **me())
    expired = _result(dossier(dossier_id="D0005"), no_id + [card])
    dup_a = _result(dossier(dossier_id="D0006"), base_docs())
    dup_b = _result(dossier(dossier_id="D0007"), base_docs())
    invalid = DossierResult(dossier_id="D0008", status="to_review", documents=[], flags=[],
                            model_version="clf-2021.11-1", processed_at=NOW,
                            error="dossier.json invalide : 'birth_date' manquant")
    readings = {"D0006": [reading("D0006", "jdc.pdf", b"a",
                                  pages=[page("jdc.pdf", jdc_text, "d1c4f0b39e8a6127")])],
                "D0007": [reading("D0007", "photo jdc.jpg", b"b",
                                  pages=[page("photo jdc.jpg", jdc_text, "d1c4f0b39e8a6126")])]}
    for result in (dup_a, dup_b):
        result.flags += duplicate_flags(readings)[result.dossier_id]
        result.status = status_of(result.flags)
    return [ok, ok2, missing, review, expired, dup_a, dup_b, invalid]


def sample_run(results: list[DossierResult]) -> RunInfo:
    return RunInfo(started_at=NOW, finished_at=NOW.replace(minute=42), seconds=712.4,
                   model_version="clf-2021.11-1", inbox="/srv/inbox", n_files=31, n_pages=58,
                   pages_per_second=0.08,
                   errors={r.dossier_id: r.error for r in results if r.error})
