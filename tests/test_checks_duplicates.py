"""DUPLICATE_UPLOAD across dossiers: same bytes, or the same page image (pHash) with the same numbers."""

from __future__ import annotations

from justif.checks import duplicate_flags
from justif.checks.duplicates import page_numbers, page_tokens
from justif.domain import Page
from tests.test_checks_factories import page, reading

JDC = ("Certificat individuel de participation à la journée défense et citoyenneté délivré à "
       "DUPONT Marie née le 10/05/2000 à Toulouse participation le 01/06/2017 numéro 2017-31-004521")
OTHER_PERSON = JDC.replace("10/05/2000", "22/01/2001").replace("004521", "118930").replace("01/06/2017",
                                                                                           "14/03/2018")
HASH = "d1c4f0b39e8a6127"
NEAR = "d1c4f0b39e8a6126"  # one bit apart: a rescan
FAR = "2e3b0f4c6175d9e8"


def test_identical_bytes_flag_both_dossiers() -> None:
    out = duplicate_flags({"A": [reading("A", "jdc.pdf", b"same")],
                           "B": [reading("B", "x/copie.pdf", b"same")]})
    d = out["A"][0].details
    assert [(f.code, f.severity, f.file) for f in out["A"]] == [("DUPLICATE_UPLOAD", "warning", "jdc.pdf")]
    assert (d["other_dossier"], d["other_file"], d["match"]) == ("B", "x/copie.pdf", "identical bytes")
    assert [(f.file, f.details["other_dossier"]) for f in out["B"]] == [("x/copie.pdf", "A")]
    assert "identique (mêmes octets) au fichier « x/copie.pdf » du dossier B" in out["A"][0].message


def test_same_bytes_within_one_dossier_is_not_a_duplicate() -> None:
    assert duplicate_flags({"A": [reading("A", "a.pdf", b"same"), reading("A", "b.pdf", b"same")]}) == {}


def test_empty_files_are_never_duplicates() -> None:
    readings = {"A": [reading("A", "a.pdf", b"", error="vide")],
                "B": [reading("B", "b.pdf", b"", error="vide")]}
    assert duplicate_flags(readings) == {}


def test_rescanned_page_in_another_dossier_is_the_same_image() -> None:
    a = reading("A", "jdc.pdf", b"scan-1", pages=[page("jdc.pdf", JDC, HASH)])
    misread = JDC.replace("004521", "0O4521")  # OCR took a zero for an O
    b = reading("B", "photo.jpg", b"photo-2", pages=[page("photo.jpg", misread, NEAR)])
    out = duplicate_flags({"A": [a], "B": [b]})
    assert [(f.file, f.details["match"], f.details["other_file"], f.details["page"]) for f in out["A"]] == [
        ("jdc.pdf", "same image", "photo.jpg", 1)]
    assert out["B"][0].details["pages"] == [{"page": 1, "other_page": 1, "distance": 1}]


def test_same_form_for_another_person_is_not_a_duplicate() -> None:
    a = reading("A", "jdc.pdf", b"1", pages=[page("jdc.pdf", JDC, HASH)])
    b = reading("B", "jdc.pdf", b"2", pages=[page("jdc.pdf", OTHER_PERSON, HASH)])
    assert duplicate_flags({"A": [a], "B": [b]}) == {}


def test_different_images_are_not_duplicates() -> None:
    a = reading("A", "jdc.pdf", b"1", pages=[page("jdc.pdf", JDC, HASH)])
    b = reading("B", "jdc.pdf", b"2", pages=[page("jdc.pdf", JDC, FAR)])
    assert duplicate_flags({"A": [a], "B": [b]}) == {}


def test_blank_pages_are_skipped() -> None:
    a = reading("A", "verso.pdf", b"1", pages=[page("verso.pdf", "2021 1234", HASH)])
    b = reading("B", "verso.pdf", b"2", pages=[page("verso.pdf", "2021 1234", HASH)])
    assert duplicate_flags({"A": [a], "B": [b]}) == {}


def test_same_image_within_one_dossier_is_not_a_duplicate() -> None:
    pages = [page("a.pdf", JDC, HASH, 1), page("a.pdf", JDC, HASH, 2)]
    assert duplicate_flags({"A": [reading("A", "a.pdf", b"1", pages=pages)]}) == {}


def test_identical_bytes_are_reported_once_not_again_as_same_image() -> None:
    a = reading("A", "jdc.pdf", b"same", pages=[page("jdc.pdf", JDC, HASH)])
    b = reading("B", "jdc.pdf", b"same", pages=[page("jdc.pdf", JDC, HASH)])
    out = duplicate_flags({"A": [a], "B": [b]})
    assert [f.details["match"] for f in out["A"] + out["B"]] == ["identical bytes", "identical bytes"]


def test_page_numbers_ignore_separators() -> None:
    assert page_numbers("née le 10/05/2000, tél. 05 36 25 71 08, an 12") == {"10052000", "0536257108"}


def test_page_tokens_fold_words_and_drop_number_separators() -> None:
    assert page_tokens("Née le 10/05/2000 à Évry, tél. 05 36 25 71 08, an 12") == {
        "nee", "10052000", "evry", "tel", "0536257108"}


def test_thousands_of_one_form_hashing_alike_are_not_duplicates() -> None:
    # Every confirmation of a run prints the same form: equal hashes, personal numbers differ.
    readings = {f"D{i}": [reading(f"D{i}", "a.pdf", str(i).encode(), pages=[
        page("a.pdf", JDC.replace("004521", f"{i:06d}").replace("10/05/2000", f"{i % 28 + 1:02d}/05/2000"), HASH)])]
        for i in range(3000)}
    assert duplicate_flags(readings) == {}


TRANSCRIPT = ("Relevé de notes session 2021 BTS Comptabilité et gestion candidat {name} né le {born} "
              "U1 Culture générale 12.50 U2 Anglais 14.00 U3 Mathématiques 09.50 U4 Gestion 11.00 "
              "U5 Contrôle 13.25 U6 Parcours professionnels 15.00 moyenne 12.54 décision ajourné")
PEOPLE = [("MARTIN Léa", "02/03/2001"), ("PETIT Hugo", "17/11/2000"), ("BENALI Inès", "09/07/1999"),
          ("ROBERT Tom", "28/01/2002"), ("NGUYEN Anh", "05/05/2001")]


def test_two_people_with_the_same_grades_on_one_form_are_not_duplicates() -> None:
    # The printed numbers (grades, session) agree and the hashes are equal: only the names differ.
    readings = {}
    for i, (name, born) in enumerate(PEOPLE):
        text = TRANSCRIPT.format(name=name, born=born if i < 2 else "01/01/2000")
        readings[f"D{i}"] = [reading(f"D{i}", "releve.pdf", f"r{i}".encode(), pages=[page("releve.pdf", text, HASH)])]
    assert duplicate_flags(readings) == {}


def test_a_photo_of_a_page_scanned_in_another_dossier_is_found() -> None:
    readings = {f"D{i}": [reading(f"D{i}", "releve.pdf", f"r{i}".encode(), pages=[
        page("releve.pdf", TRANSCRIPT.format(name=name, born=born), FAR)])] for i, (name, born) in enumerate(PEOPLE)}
    photo = TRANSCRIPT.format(name="MARTIN Léa", born="02/03/2001").replace("12.50", "12.5O")
    readings["E"] = [reading("E", "photo.jpg", b"photo", pages=[page("photo.jpg", photo, "2e3b0f4c6175d9ff")])]
    out = duplicate_flags(readings)
    assert set(out) == {"D0", "E"} and out["E"][0].details["other_dossier"] == "D0"


def test_a_photo_with_misread_digits_of_a_scanned_card_is_found() -> None:
    # build/bench B0020/B0021: the photo misread three of the card's numbers by a digit or two.
    scan = ("RÉPUBLIQUE FRANÇAISE CARTE NATIONALE D'IDENTITÉ N° : 150146578532 NOM CHEVALIER Prénoms VALENTIN "
            "Date de naissance 17.05.2001 IDFRACHEVALIER<<<<<<<<<<<<<<<<<<<465767 1501465785327VALENTIN<<<<<<0105178M9")
    moved = f"{int(HASH, 16) ^ 0x3FF:016x}"  # 10 bits off: a photo, not a rescan
    photo = scan.replace("150146578532", "150146578512").replace("<465767", "<5767").replace("0105178M9", "O105178M9")
    others = {f"D{i}": [reading(f"D{i}", "cni.pdf", f"c{i}".encode(), pages=[page("cni.pdf", scan.replace(
        "CHEVALIER", f"NOM{i}X").replace("VALENTIN", f"PRENOM{i}Y").replace("150146578532", f"9{i:011d}")
        .replace("1501465785327", f"8{i:012d}").replace("17.05.2001", f"0{i % 9 + 1}.01.1999"), HASH)])]
        for i in range(5)}
    readings = {**others, "A": [reading("A", "cni.pdf", b"scan", pages=[page("cni.pdf", scan, HASH)])],
                "B": [reading("B", "photo.pdf", b"photo", pages=[page("photo.pdf", photo, moved)])]}
    out = duplicate_flags(readings)
    assert set(out) == {"A", "B"} and out["B"][0].details["other_dossier"] == "A"


def test_a_photo_sharing_only_a_long_number_is_found_when_names_are_common_across_the_run() -> None:
    # The certificate's names and dates are in many dossiers (common names): only its number is personal.
    common = "Certificat JDC délivré à MARTIN Léa née en 1998 à Toulouse participation 2015 numéro {n}"
    readings = {f"D{i}": [reading(f"D{i}", "jdc.pdf", f"j{i}".encode(), pages=[
        page("jdc.pdf", common.format(n=f"{i}0000000{i}"), FAR)])] for i in range(5)}
    number, moved = "336568837506", f"{int(HASH, 16) ^ 0x3FF:016x}"  # 10 bits off: a photo
    readings["A"] = [reading("A", "jdc.pdf", b"scan", pages=[page("jdc.pdf", common.format(n=number), HASH)])]
    readings["B"] = [reading("B", "JAPD.png", b"photo", pages=[page("JAPD.png", common.format(n=number), moved)])]
    out = duplicate_flags(readings)
    assert set(out) == {"A", "B"} and out["B"][0].details["other_dossier"] == "A"
    short = {k: v for k, v in readings.items() if k not in "AB"}  # a 4-digit number alone names no one
    short["A"] = [reading("A", "jdc.pdf", b"scan", pages=[page("jdc.pdf", common.format(n="3365"), HASH)])]
    short["B"] = [reading("B", "JAPD.png", b"photo", pages=[page("JAPD.png", common.format(n="3365"), moved)])]
    assert duplicate_flags(short) == {}


PASSPORT_ZONE = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]


def zone_page(file: str, zone: list[str], text: str, phash: str) -> Page:
    return Page(file=file, number=1, text=text, source="ocr", phash=phash, mrz_lines=zone)


def test_a_card_photo_that_reads_little_but_its_zone_is_found_by_the_zone() -> None:
    # build/holdout5 B0020/B0021: the desk photo of a passport read 7 words, its zone whole.
    scan = zone_page("passeport.pdf", PASSPORT_ZONE, "PASSEPORT NOM ERIKSSON PRÉNOMS Anna, Maria NUMÉRO L898902C3 "
                     "DATE DE NAISSANCE 12 AOÛT 1974 DATE D'EXPIRATION 15 AVRIL 2012 " + " ".join(PASSPORT_ZONE), HASH)
    photo = zone_page("IMG_0001.pdf", PASSPORT_ZONE, "Anna, Maria " + " ".join(PASSPORT_ZONE), FAR)
    out = duplicate_flags({"A": [reading("A", "passeport.pdf", b"scan", pages=[scan])],
                           "B": [reading("B", "IMG_0001.pdf", b"photo", pages=[photo])]})
    assert [(f.file, f.details["match"], f.details["other_dossier"]) for f in out["B"]] == [
        ("IMG_0001.pdf", "same zone", "A")]
    assert "même pièce d'identité" in out["A"][0].message


def test_zones_of_two_documents_or_with_a_failed_check_are_not_duplicates() -> None:
    other = [PASSPORT_ZONE[0], "L898902C47UTO7408122F1204159ZE184226B<<<<<10"]  # another number, its own check
    misread = [PASSPORT_ZONE[0], "L898902C46UTO7408122F1204159ZE184226B<<<<<10"]  # number fails its check
    for zone in (other, misread):
        out = duplicate_flags({"A": [reading("A", "p.pdf", b"1", pages=[zone_page("p.pdf", PASSPORT_ZONE, "x", FAR)])],
                               "B": [reading("B", "p.pdf", b"2", pages=[zone_page("p.pdf", zone, "x", HASH)])]})
        assert out == {}
