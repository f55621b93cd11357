"""Names, birth dates, identity expiry (with the older French card rule) and the MRZ."""

from __future__ import annotations

import pytest

from justif.checks import check_dossier
from justif.checks.identity import unknown_first_names
from tests.test_checks_factories import base_docs, codes, doc, dossier, me


def with_doc(d):
    return base_docs() + [d]


def flags_for(d, docs=None):
    return check_dossier(d, docs if docs is not None else base_docs(), [])


def test_missing_second_first_name_is_fine() -> None:
    only_first = doc("jdc_certificate", file="jdc2.pdf", **me(first_names=["Marie"]))
    assert codes(dossier(), with_doc(only_first)) == []


def test_a_different_first_name_is_flagged_with_the_staff_sentence() -> None:
    bad = doc("identity_document", file="cni.jpg", subtype="passport", expiry_date="2030-01-01",
              **me(first_names=["Jean"]))
    flags = flags_for(dossier(), with_doc(bad))
    assert [(f.code, f.file) for f in flags] == [("NAME_MISMATCH", "cni.jpg")]
    assert flags[0].message == ("Le prénom lu sur la pièce d'identité (« Jean ») ne figure pas parmi les "
                                "prénoms déclarés (Marie, Claire).")
    details = flags[0].details
    assert details["declared"] == ["Marie", "Claire"] and details["found"] == ["Jean"]
    assert details["file"] == "cni.jpg" and details["page"] == 1 and details["box"] == [0.1, 0.2, 0.5, 0.25]
    assert details["confidence"] == 0.8
    assert flags[0].severity == "warning"


def test_no_first_name_printed_on_a_first_name_field_is_flagged() -> None:
    assert codes(dossier(), with_doc(doc("transcript", file="t2.pdf", **me(first_names=[])))) == [
        ("NAME_MISMATCH", "transcript")]


def test_unread_names_cannot_be_checked_and_are_not_flagged() -> None:
    unread = doc("transcript", file="t2.pdf", last_name=None, first_names=None)
    assert codes(dossier(), with_doc(unread)) == []


def test_usage_name_is_accepted() -> None:
    married = dossier(usage_name="Martin")
    assert codes(married, with_doc(doc("jdc_certificate", file="j.pdf", **me(last_name="MARTIN")))) == []
    assert codes(dossier(), with_doc(doc("jdc_certificate", file="j.pdf", **me(last_name="MARTIN")))) == [
        ("NAME_MISMATCH", "jdc_certificate")]


@pytest.mark.parametrize(("printed_last", "printed_first"), [
    ("DUPONT", ["MARIE-CLAIRE"]), ("dupont", ["marie", "claire"]), ("Dupônt", ["Marie Claire"]),
])
def test_accents_case_hyphens_are_folded(printed_last: str, printed_first: list[str]) -> None:
    d = dossier(last_name="Dupont", first_names=["Marie-Claire"])
    extra = doc("jdc_certificate", file="j.pdf", **me(last_name=printed_last, first_names=printed_first))
    names = [(c, p) for c, p in codes(d, with_doc(extra)) if p == "jdc_certificate" and c == "NAME_MISMATCH"]
    assert names == []


def test_apostrophes_fold_in_last_names() -> None:
    d = dossier(last_name="N'Diaye")
    docs = [doc(x.doc_type, subtype=x.subtype, **{**x.fields, "last_name": "N’DIAYE"}) for x in base_docs()]
    assert codes(d, docs) == []


def test_compound_first_name_is_not_matched_by_half_of_it() -> None:
    assert unknown_first_names(["Marie"], ["Marie-Claire"]) == ["Marie"]
    assert unknown_first_names(["Marie", "Claire"], ["Marie-Claire"]) == []
    assert unknown_first_names(["Claire"], ["Marie", "Claire"]) == []


def test_birth_date_mismatch_both_ways() -> None:
    other = doc("jdc_certificate", file="j.pdf", **me(birth_date="2000-10-05"))
    flags = flags_for(dossier(), with_doc(other))
    assert [(f.code, f.details["declared"], f.details["found"]) for f in flags] == [
        ("BIRTH_DATE_MISMATCH", "2000-05-10", "2000-10-05")]
    assert "(05/10/2000) diffère de la date déclarée (10/05/2000)" in flags[0].message
    assert codes(dossier(), with_doc(doc("jdc_certificate", file="j.pdf", **me(birth_date=None)))) == []


def identity(**fields):
    return doc("identity_document", file="cni.pdf", **{**me(), **fields})


def docs_with_id(card):
    return [d for d in base_docs() if d.doc_type != "identity_document"] + [card]


def test_expired_passport_is_flagged_valid_one_is_not() -> None:
    expired = identity(subtype="passport", expiry_date="2021-11-14", document_number="12AB34567")
    flags = flags_for(dossier(), docs_with_id(expired))
    assert [(f.code, f.severity) for f in flags] == [("ID_EXPIRED", "error")]
    assert flags[0].message == "Pièce d'identité expirée le 14/11/2021, avant la date de dépôt (15/11/2021)."
    valid = identity(subtype="passport", expiry_date="2021-11-15", document_number="12AB34567")
    assert codes(dossier(), docs_with_id(valid)) == []


def test_old_cni_issued_to_an_adult_2004_2013_is_valid_five_more_years() -> None:
    # issued March 2008 (number 0803…) to a holder born 1980: printed expiry 2018, valid until 2023
    d = dossier(birth_date="1980-01-01", nationality="ES")
    card = identity(subtype="cni", expiry_date="2018-03-20", document_number="080331A12345",
                    birth_date="1980-01-01")
    assert [c for c, _ in codes(d, docs_with_id(card)) if c == "ID_EXPIRED"] == []


@pytest.mark.parametrize(("birth", "number", "expiry"), [
    ("1995-01-01", "080331A12345", "2018-03-20"),  # a minor when issued (13): no extension
    ("1980-01-01", "140331A12345", "2024-03-20"),  # issued 2014: after the window
    ("1980-01-01", "030331A12345", "2013-03-20"),  # issued 2003: no extension
    ("1980-01-01", "0803A1234", "2018-03-20"),  # not the 12-character 1988 format
])
def test_old_cni_rule_does_not_extend(birth: str, number: str, expiry: str) -> None:
    d = dossier(birth_date=birth, nationality="ES", submitted_at="2025-01-10T09:00:00+01:00")
    card = identity(subtype="cni", expiry_date=expiry, document_number=number, birth_date=birth)
    flags = [f for f in flags_for(d, docs_with_id(card)) if f.code == "ID_EXPIRED"]
    assert len(flags) == 1 and flags[0].details["valid_until"] == expiry


def test_old_passport_is_not_extended() -> None:
    d = dossier(birth_date="1980-01-01", nationality="ES")
    card = identity(subtype="passport", expiry_date="2018-03-20", document_number="080331A12345",
                    birth_date="1980-01-01")
    assert [c for c, _ in codes(d, docs_with_id(card)) if c == "ID_EXPIRED"] == ["ID_EXPIRED"]


def test_one_valid_identity_document_is_enough() -> None:
    old = identity(subtype="passport", expiry_date="2019-01-01")
    new = doc("identity_document", file="passeport.pdf", subtype="passport", expiry_date="2030-01-01", **me())
    assert codes(dossier(), base_docs() + [old, new]) == []


def test_mrz_invalid_both_ways() -> None:
    bad = identity(subtype="passport", expiry_date="2030-01-01", mrz_valid=False,
                   mrz_errors=["birth_date check digit"])
    flags = flags_for(dossier(), docs_with_id(bad))
    assert [(f.code, f.severity) for f in flags] == [("MRZ_INVALID", "warning")]
    assert flags[0].details["mrz_errors"] == ["birth_date check digit"]
    unknown = identity(subtype="passport", expiry_date="2030-01-01", mrz_valid=None)
    assert codes(dossier(), docs_with_id(unknown)) == []


def test_old_cni_issued_in_the_month_of_the_eighteenth_birthday_counts_from_the_first() -> None:
    # number 0803…: issued March 2008, taken as 1 March 2008; the holder turned 18 on 15 March 2008
    d = dossier(birth_date="1990-03-15", nationality="ES")
    card = identity(subtype="cni", expiry_date="2018-03-20", document_number="080331A12345",
                    birth_date="1990-03-15")
    assert [c for c, _ in codes(d, docs_with_id(card)) if c == "ID_EXPIRED"] == ["ID_EXPIRED"]


def _read_at(d, confidence: float):
    return d.model_copy(update={"field_confidence": {k: confidence for k in d.fields}})


def test_a_name_one_character_off_read_with_low_confidence_is_an_ocr_slip() -> None:
    slipped = doc("identity_document", file="cni.jpg", subtype="passport", expiry_date="2030-01-01",
                  **me(last_name="DUPOMT", first_names=["Mariie", "Claire"]))
    assert codes(dossier(), with_doc(_read_at(slipped, 0.45))) == []
    assert codes(dossier(), with_doc(_read_at(slipped, 0.95))) == [("NAME_MISMATCH", "identity_document")] * 2


def test_a_different_name_is_flagged_however_unsure_the_reading() -> None:
    other = doc("identity_document", file="cni.jpg", subtype="passport", expiry_date="2030-01-01",
                **me(last_name="LEROY", first_names=["Louise"]))
    assert codes(dossier(), with_doc(_read_at(other, 0.3))) == [("NAME_MISMATCH", "identity_document")] * 2


def test_stray_marks_around_an_unsure_name_are_not_a_different_name() -> None:
    stray = doc("jdc_certificate", file="jdc2.pdf", **me(last_name="SU A DUPONT"))
    assert codes(dossier(), with_doc(_read_at(stray, 0.2))) == []
    assert codes(dossier(), with_doc(_read_at(stray, 0.9))) == [("NAME_MISMATCH", "jdc_certificate")]


def test_a_name_read_as_noise_is_not_compared() -> None:
    noise = doc("identity_document", file="cni.jpg", subtype="passport", expiry_date="2030-01-01",
                **me(last_name="San", first_names=["Ls"]))
    assert codes(dossier(), with_doc(_read_at(noise, 0.04))) == []
    assert codes(dossier(), with_doc(_read_at(noise, 0.35))) == [("NAME_MISMATCH", "identity_document")] * 2


def test_names_from_the_zone_fold_like_printed_ones_and_a_different_person_is_still_flagged() -> None:
    from extractors.identity_document import ZONE_NAME

    printed = {"last_name": "N'DIAYE-LEFÈVRE", "first_names": ["Anne-Sophie", "Noé"]}
    declared = dossier(last_name="N'Diaye-Lefèvre", first_names=["Anne-Sophie", "Noé"])

    def zone_card(last: str, firsts: list[str]):
        card = doc("identity_document", file="cni verso.jpg", subtype="cni", expiry_date="2031-01-01",
                   mrz_valid=True, document_number="X4RTBPFW4", **me(last_name=last, first_names=firsts))
        card.field_confidence.update(last_name=ZONE_NAME, first_names=ZONE_NAME)
        others = [doc(d.doc_type, subtype=d.subtype, **{**d.fields, **printed}) for d in base_docs()
                  if d.doc_type != "identity_document"]
        return [*others, card]

    assert codes(declared, zone_card("NDIAYE LEFEVRE", ["ANNE", "SOPHIE", "NOE"])) == []
    assert codes(declared, zone_card("MARTIN", ["ANNE", "SOPHIE"])) == [("NAME_MISMATCH", "identity_document")]
    assert codes(declared, zone_card("NDIAYE LEFEVRE", ["JULIE"])) == [("NAME_MISMATCH", "identity_document")]
    # A slip inside a compound name read unsure is no other name: Anne-Sophie Noé read ANNE SOPHTE NOE.
    assert codes(declared, zone_card("NDIAYE LEFEVRE", ["ANNE", "SOPHTE", "NOE"])) == []


@pytest.mark.parametrize(("last", "firsts"), [
    ("Pujol", ["Ferran", "Baptiste"]), ("Noé", ["de", "Villèle", "Étienne"]), ("Baptiste", ["Pujol", "Ferran"]),
])
def test_the_declared_words_split_at_another_place_are_the_declared_name(last: str, firsts: list[str]) -> None:
    declared = {"Pujol": dossier(last_name="Pujol Ferran", first_names=["Baptiste"]),
                "Noé": dossier(last_name="de Villèle", first_names=["Étienne", "Noé"]),
                "Baptiste": dossier(last_name="Pujol Ferran", first_names=["Baptiste"])}[last]
    person = {"last_name": declared.last_name, "first_names": declared.first_names}
    docs = [doc(d.doc_type, subtype=d.subtype, **{**d.fields, **person}) for d in base_docs()]
    docs.append(doc("employment_certificate", file="certificat.jpg", last_name=last, first_names=firsts,
                    birth_date="2000-05-10"))
    assert codes(declared, docs) == []
    other = doc("employment_certificate", file="certificat.jpg", last_name=last, first_names=[*firsts, "Hugo"])
    assert ("NAME_MISMATCH", "employment_certificate") in codes(declared, [*docs[:-1], other])


def test_some_declared_first_names_after_the_last_name_split_otherwise_are_the_declared_name() -> None:
    # build/holdout5 B0011: 'Madame Le Bihan Hélène épouse Roux' split as Hélène / Le Bihan.
    declared = dossier(last_name="Le Bihan", usage_name="Roux", first_names=["Hélène", "Cécile", "Élodie"])
    person = {"last_name": "LE BIHAN", "first_names": ["Hélène", "Cécile", "Élodie"]}
    docs = [doc(d.doc_type, subtype=d.subtype, **{**d.fields, **person}) for d in base_docs()]
    split = doc("employment_certificate", file="certificat.jpg", last_name="Hélène", first_names=["Le", "Bihan"])
    assert codes(declared, [*docs, split]) == []
    other = doc("employment_certificate", file="certificat.jpg", last_name="Hélène", first_names=["Le", "Moal"])
    assert ("NAME_MISMATCH", "employment_certificate") in codes(declared, [*docs, other])


def test_a_last_name_split_or_joined_by_ocr_is_the_same_name() -> None:
    split = doc("jdc_certificate", file="jdc.png", **me(last_name="Dup ont"))
    assert codes(dossier(), with_doc(_read_at(split, 0.95))) == []
    other = doc("jdc_certificate", file="jdc.png", **me(last_name="Dup ond"))
    assert codes(dossier(), with_doc(_read_at(other, 0.95))) == [("NAME_MISMATCH", "jdc_certificate")]


def test_zone_words_of_declared_compound_names_are_no_unknown_names() -> None:
    # build/holdout5 B0022: JEAN<PIERRE<JEAN<BA for Jean-Pierre, Jean-Baptiste, Jérémy, the last one cut.
    from extractors.identity_document import ZONE_NAME

    declared = dossier(first_names=["Jean-Pierre", "Jean-Baptiste", "Jérémy"])
    person = {"last_name": "DUPONT", "first_names": declared.first_names}
    docs = [doc(d.doc_type, subtype=d.subtype, **{**d.fields, **person}) for d in base_docs()
            if d.doc_type != "identity_document"]

    def card(firsts: list[str]):
        found = doc("identity_document", file="cni verso.jpg", subtype="cni", expiry_date="2031-01-01",
                    **me(first_names=firsts))
        found.field_confidence.update(first_names=ZONE_NAME)
        return found

    assert codes(declared, [*docs, card(["JEAN", "PIERRE", "JEAN"])]) == []
    assert codes(declared, [*docs, card(["JEAN", "PIERRE", "PAUL"])]) == [("NAME_MISMATCH", "identity_document")]


def test_a_photo_read_slip_below_unsure_reading_is_no_other_name() -> None:
    # build/holdout5 B0007: 'Sébastien Thibauk' for Sébastien Thibault, read at 0.845 on a phone photo.
    declared = dossier(first_names=["Sébastien", "Thibault"])
    person = {"last_name": "DUPONT", "first_names": declared.first_names}
    docs = [doc(d.doc_type, subtype=d.subtype, **{**d.fields, **person}) for d in base_docs()]
    slip = doc("employment_certificate", file="attestation.jpg", **me(first_names=["Sébastien", "Thibauk"]))
    assert codes(declared, [*docs, _read_at(slip, 0.845)]) == []
    assert codes(declared, [*docs, _read_at(slip, 0.95)]) == [("NAME_MISMATCH", "employment_certificate")]


def test_a_zone_number_settled_by_the_recto_uploaded_apart_is_no_mrz_fault() -> None:
    # build/bench B0004: the verso's zone read 'BO' for 'B0', its number check failing; the recto, a
    # file of its own, printed the number. On one page the printed number settles it; across files too.
    from justif.domain import Evidence
    from tests.test_mrz import _td1_zone

    zone = list(_td1_zone("X4RTB0FW4", "000510", "F", "320801", "DUPONT<<MARIE<CLAIRE"))
    zone[0] = zone[0].replace("B0", "BO")
    verso = identity(subtype="cni", expiry_date="2032-08-01", mrz_valid=False, document_number=None,
                     mrz_errors=["document_number", "composite"])
    verso.evidence["mrz_valid"] = Evidence(page=1, box=None, text="\n".join(zone))
    recto = doc("identity_document", file="recto.jpg", subtype="cni", **me(document_number="X4RTB0FW4"))
    others = [d for d in base_docs() if d.doc_type != "identity_document"]
    assert ("MRZ_INVALID", "identity_document") not in codes(dossier(), [*others, verso, recto])
    assert ("MRZ_INVALID", "identity_document") in codes(dossier(), [*others, verso])
    wrong = doc("identity_document", file="recto.jpg", subtype="cni", **me(document_number="X4RTB0FW5"))
    assert ("MRZ_INVALID", "identity_document") in codes(dossier(), [*others, verso, wrong])


def test_a_last_name_read_with_declared_first_names_is_the_declared_name() -> None:
    # build/h3001 B0029: a JDC certificate's name and first-name cells read as one, 'LAMBERT Héloïse'.
    glued = doc("jdc_certificate", file="jdc.png", **me(last_name="DUPONT Marie", first_names=None))
    assert codes(dossier(), with_doc(_read_at(glued, 0.95))) == []
    other = doc("jdc_certificate", file="jdc.png", **me(last_name="DUPONT Julie", first_names=None))
    assert codes(dossier(), with_doc(_read_at(other, 0.95))) == [("NAME_MISMATCH", "jdc_certificate")]
