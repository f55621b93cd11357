"""MRZ parsing on the published specimens; every single-character change to a checked field is caught."""

import random
from datetime import date

import pytest

from justif.mrz import LAYOUTS, check_digit, cni_1988_expiry, find_mrz_lines, parse_mrz, spells_number

TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
TD2 = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]
CNI_1988 = ["IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<", "8806923102858CORINNE<<<<<<<6512068F6"]
CNI_1988_B = ["IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<", "9409923102854CORINNE<<<<<<<6512068F4"]
CNI_2021 = ["IDFRAX4RTBPFW46<<<<<<<<<<<<<<<", "9007138F3002119FRA<<<<<<<<<<<6",
            "MARTIN<<MAELYS<GAELLE<MARIE<<<"]
SPECIMENS = {"td3": TD3, "td1": TD1, "td2": TD2, "fr1988": CNI_1988, "fr1988b": CNI_1988_B,
             "cni2021": CNI_2021}


def test_check_digit_examples_of_icao_part3():
    assert check_digit("520727") == 3
    assert check_digit("AB2134<<<") == 5


@pytest.mark.parametrize("name", SPECIMENS)
def test_specimens_parse_with_every_check_verified(name):
    result = parse_mrz(SPECIMENS[name])
    assert result is not None and result.failed == []


def test_td3_fields():
    r = parse_mrz(TD3)
    assert (r.format, r.document_type, r.country, r.nationality) == ("td3", "P", "UTO", "UTO")
    assert (r.surname, r.given_names, r.document_number) == ("ERIKSSON", ["ANNA", "MARIA"], "L898902C3")
    assert (r.birth_date, r.sex, r.expiry_date) == (date(1974, 8, 12), "F", date(2012, 4, 15))


def test_td1_and_td2_fields():
    for lines, fmt in ((TD1, "td1"), (TD2, "td2")):
        r = parse_mrz(lines)
        assert (r.format, r.document_number, r.surname) == (fmt, "D23145890", "ERIKSSON")
        assert (r.birth_date, r.expiry_date) == (date(1974, 8, 12), date(2012, 4, 15))


def test_french_2021_card():
    r = parse_mrz(CNI_2021)
    assert (r.document_type, r.document_number, r.surname) == ("ID", "X4RTBPFW4", "MARTIN")
    assert r.given_names == ["MAELYS", "GAELLE", "MARIE"]
    assert (r.birth_date, r.sex, r.expiry_date) == (date(1990, 7, 13), "F", date(2030, 2, 11))


def test_french_1988_card():
    r = parse_mrz(CNI_1988)
    assert (r.format, r.surname, r.given_names) == ("fr1988", "BERTHIER", ["CORINNE"])
    assert (r.document_number, r.birth_date, r.sex) == ("880692310285", date(1965, 12, 6), "F")
    assert r.expiry_date is None and r.issue_month == date(1988, 6, 1)
    assert cni_1988_expiry(r, r.birth_date) == date(1998, 6, 1)


def test_1988_card_issued_2004_to_2013_to_an_adult_lasts_15_years():
    number = "0806923102858"[:12]
    line2 = f"{number}{check_digit(number)}CORINNE<<<<<<<6512068F"
    line2 += str(check_digit(CNI_1988[0] + line2))
    r = parse_mrz([CNI_1988[0], line2])
    assert r.failed == [] and cni_1988_expiry(r, r.birth_date) == date(2023, 6, 1)


def _covered_positions(fmt: str):
    layout = next(la for la in LAYOUTS if la.name == fmt)
    positions = set()
    for _, slices, (line, pos) in layout.checks:
        positions.add((line, pos))
        positions.update((li, i) for li, a, b in slices for i in range(a, b))
    return sorted(positions)


def _tamper(c: str) -> str:
    """Another character of the same kind, never an OCR look-alike, weight difference not a multiple of 10."""
    if c.isdigit():
        return str((int(c) + 1) % 10)
    return "B" if c == "<" else ("A" if c == "Z" else chr(ord(c) + 1))


CASES = [(name, line, pos) for name, fmt in [("td3", "td3"), ("td1", "td1"), ("td2", "td2"),
                                             ("fr1988", "fr1988"), ("cni2021", "td1")]
         for line, pos in _covered_positions(fmt)]


@pytest.mark.parametrize(("name", "line", "pos"), CASES)
def test_any_single_change_in_a_checked_field_is_caught(name, line, pos):
    lines = list(SPECIMENS[name])
    row = lines[line]
    lines[line] = row[:pos] + _tamper(row[pos]) + row[pos + 1:]
    result = parse_mrz(lines)
    assert result is None or result.failed, (name, line, pos, lines[line])


def test_ocr_confusions_in_typed_fields_are_undone_and_confirmed():
    noisy = ["P<UT0ERIKSSON<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<", "L898902C36UTO74O8I22F12O4I59ZE184226B<<<<<I0"]
    r = parse_mrz(noisy)
    assert r.failed == [] and r.birth_date == date(1974, 8, 12) and r.given_names == ["ANNA", "MARIA"]


def test_spaces_and_missing_fillers_are_tolerated():
    r = parse_mrz(["P<UTO ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<", TD3[1]])
    assert r.failed == [] and r.surname == "ERIKSSON"


def test_garbage_is_not_a_zone():
    assert parse_mrz(["hello", "world"]) is None
    assert parse_mrz([]) is None


def test_find_mrz_lines_in_page_text():
    text = "RÉPUBLIQUE FRANÇAISE\nNom : BERTHIER\n" + "\n".join(CNI_1988) + "\n"
    assert find_mrz_lines(text) == CNI_1988
    assert find_mrz_lines("Nom : BERTHIER\nPrénom : Corinne") == []


def test_an_empty_optional_field_may_leave_its_check_digit_blank():
    line2 = TD3[1][:28] + "<" * 15 + TD3[1][43]
    r = parse_mrz([TD3[0], line2[:42] + "<" + line2[43]])
    assert "optional" not in r.failed


def test_a_composite_digit_lost_to_ocr_is_unread_not_failing():
    r = parse_mrz([TD3[0], TD3[1][:43] + "<"])
    assert r.failed == []


def _td1_zone(number: str, born: str, sex: str, expires: str, names: str) -> list[str]:
    """A French 2021 card's zone (TD1) with every check digit right."""
    line1 = f"IDFRA{number}{check_digit(number)}" + "<" * 15
    line2 = f"{born}{check_digit(born)}{sex}{expires}{check_digit(expires)}FRA<<<<<<<<<<<"
    composite = check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    return [line1, line2 + str(composite), names.ljust(30, "<")]


def test_the_printed_number_settles_an_ocr_confusion_in_the_zone_number():
    number = "X4RTB0FW4"
    line1, line2, line3 = _td1_zone(number, "030302", "M", "320801", "ROUSSEL<<YANIS")
    zone = [line1.replace("B0", "BO"), line2, line3]
    assert "document_number" in parse_mrz(zone).failed
    settled = parse_mrz(zone, printed_number=number)
    assert settled.failed == [] and settled.document_number == number
    assert "document_number" in parse_mrz(zone, printed_number="X4RTB0FW5").failed


def test_fillers_read_as_letters_after_a_name_are_restored_when_the_composite_confirms():
    noisy = [CNI_1988[0][:15] + "<<EEKEEE<<" + CNI_1988[0][25:], CNI_1988[1]]
    r = parse_mrz(noisy)
    assert r.failed == [] and r.surname == "BERTHIER"
    wrong_check = [noisy[0], CNI_1988[1][:12] + str((int(CNI_1988[1][12]) + 1) % 10) + CNI_1988[1][13:]]
    assert "document_number" in parse_mrz(wrong_check).failed


def test_one_character_too_many_in_a_td1_number_is_dropped_only_when_every_check_passes():
    line1 = CNI_2021[0]
    inserted = [line1[:8] + "G" + line1[8:-1], *CNI_2021[1:]]  # X4RGTBPFW46: eleven characters
    r = parse_mrz(inserted)
    assert r.failed == [] and r.document_number == "X4RTBPFW4"
    wrong_check = [inserted[0][:15] + "7" + inserted[0][16:], *CNI_2021[1:]]
    assert parse_mrz(wrong_check).failed
    # X4RTGBPFW46 has two deletions that pass every check (X4RTBPFW4 and XRTGBPFW4): left failing.
    ambiguous = [line1[:9] + "G" + line1[9:-1], *CNI_2021[1:]]
    assert parse_mrz(ambiguous).failed


def test_names_drop_fillers_read_as_letters_and_names_the_zone_cut_short():
    td3_line2 = "21DV219214ITA0106120F3103119<<<<<<<<<<<<<<<8"
    r = parse_mrz(["P<ITAROSSI<<CHIARA<EEEEEEERELELEEELELELEELEE", td3_line2])
    assert (r.surname, r.given_names) == ("ROSSI", ["CHIARA"])
    r = parse_mrz(["P<FRAKELLER<<CLERC<<<<<<<<<<<<<<<<<<<<<<<<<<<", td3_line2])
    assert (r.surname, r.given_names) == ("KELLER", ["CLERC"])  # names of those letters are names
    # The 1988 card's 14-character given-names field: AURELIEN cut to AURE, ANNE-SOPHIE cut to ANNE<.
    line1 = "IDFRAVIDAL<<<<<<<<<<<<<<<<<<<<325913"
    assert parse_mrz([line1, "2008325080521BAPTISTE<<AURE9906057M8"]).given_names == ["BAPTISTE"]
    assert parse_mrz([line1, "1709757228929CORALIE<<ANNE<8701277F9"]).given_names == ["CORALIE"]
    assert parse_mrz([line1, "1801320400311ANNE<SOPHIE<<<0308164F9"]).given_names == ["ANNE-SOPHIE"]
    assert parse_mrz(["IDFRALACOMBE<<<<<<ERR<EREL<EL<757471", CNI_1988[1]]).surname == "LACOMBE"


def test_a_printed_number_two_characters_off_the_zone_settles_it_only_when_it_passes_the_check():
    number = "UA90SWKHA"  # the zone read its 9 as D, beyond the O/0-style confusions
    line1, line2, line3 = _td1_zone(number, "970807", "F", "310902", "LAMBERT<<PAULINE<ZOE")
    zone = [line1.replace("A90", "ADO"), line2, line3]
    assert "document_number" in parse_mrz(zone).failed
    settled = parse_mrz(zone, printed_number=number)
    assert settled.failed == [] and settled.document_number == number
    assert "document_number" in parse_mrz(zone, printed_number="UA91SWKHA").failed  # fails the check
    assert "document_number" in parse_mrz(zone, printed_number="UB91SWKHA").failed  # three characters off


def test_a_printed_number_settles_a_misread_zone_number_even_when_another_check_fails():
    # A 2021 card whose birth-date check digit is wrong (the seeded fault) and whose number OCR misread:
    # two failing field checks would make the zone illegible; the printed number leaves the real one.
    zone = ["IDFRAFE7INPLIHB<<<<<<<<<<<<<<<", "0011218M3109074FRA<<<<<<<<<<<2", "LAMBERT<<ADRIEN<REMI<<<<<<<<<<"]
    assert parse_mrz(zone).failed == ["document_number", "birth_date", "composite"]
    settled = parse_mrz(zone, printed_number="FE71NPL3H")
    assert (settled.failed, settled.document_number) == (["birth_date", "composite"], "FE71NPL3H")
    assert "document_number" in parse_mrz(zone, printed_number="FE71NPL4H").failed  # fails its check


def test_a_check_digit_read_as_a_letter_is_marked_unread():
    line1, line2, line3 = _td1_zone("KB415WEYD", "980520", "F", "311004", "BAPTISTE<<BERENICE")
    garbled = [line1[:14] + "A" + line1[15:], line2, line3]  # the number's check digit 4 read as A
    assert parse_mrz(garbled).unread_digits == ["document_number"]
    wrong = [line1[:14] + "5" + line1[15:], line2, line3]  # printed wrong: another digit
    assert parse_mrz(wrong).unread_digits == [] and "document_number" in parse_mrz(wrong).failed


def test_a_td1_deletion_far_from_the_printed_number_is_not_kept():
    # build/holdout5 B0031: '3VVYJA4VM' read '3VVYJIAAUM3', composite read as a filler. Dropping the
    # first '3' passed the number's check by chance (one deletion in ten does) and the zone was "valid",
    # its number 'VVYJIAAUM' far from the printed one.
    zone = ["IRFRA3VVYJIAAUM3<<<<<<<<<<<<<<", "0208312F2302085D7ZA<<<<<<<<<<<", "BENSAID<<LYDIA<<<<<<<<<<<<<<<<"]
    assert parse_mrz(zone).failed == []  # nothing printed to compare with: the deletion stands
    result = parse_mrz(zone, printed_number="3VVYJAAVM")
    assert result.document_number == "3VVYJIAAU" and "document_number" in result.failed
    assert "document_number" in result.unread_digits  # read a character too long: the check is unknown


def test_a_zero_read_doubled_is_read_single_only_when_every_check_then_passes():
    # build/holdout7 B0039: the expiry's check digit 0 read 'O0', the reading brought back to 30 characters
    # by dropping a filler: only the composite failed, and MRZ_INVALID was raised on a valid permit.
    zone = ["IRFRA81C1414UA9<<<<<<<<<<<<<<<", "0202011F220309O0MAR<<<<<<<<<<6", "BENALI<<SALMA<IMANE<<<<<<<<<<<"]
    result = parse_mrz(zone)
    assert result.failed == [] and result.nationality == "MAR" and result.expiry_date == date(2022, 3, 9)
    other = [zone[0], zone[1][:-1] + "7", zone[2]]  # a wrong composite digit: failing either way
    assert "composite" in parse_mrz(other).failed


def test_a_zone_spells_a_number_only_with_characters_added_and_a_check_digit_that_fits():
    assert spells_number("td1", ["IRFRA6G4MJI1AH7X5<<<<<<<<<<<<<"], "64MJ1AH7X")  # a G added
    assert spells_number("td1", ["IDFRALO32H6EN275<<<<<<<<<<<<<<"], "LO32H6N27")  # 0 read O in both
    assert not spells_number("td1", ["IDFRALO32H6N275<<<<<<<<<<<<<<<"], "LO32H6N27")  # nothing added
    assert not spells_number("td1", ["IRFRA6G4MJI1AH7X3<<<<<<<<<<<<<"], "64MJ1AH7X")  # not its check digit
    assert not spells_number("td1", ["IRFRA6GG4MJI1AH7X5<<<<<<<<<<<<"], "64MJ1AH7X")  # three added


def test_a_zone_printed_with_another_number_never_spells_the_printed_one():
    rng, alnum = random.Random(7), "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    for _ in range(5000):  # the generator's faults: one character of the number changed, its check digit its own
        number = "".join(rng.choices(alnum, k=9))
        other = number[:-2] + str((int(number[-2]) + 1) % 10) + number[-1] if number[-2].isdigit() \
            else number[:-1] + ("7" if number[-1] != "7" else "3")
        assert not spells_number("td1", [f"IDFRA{other}{check_digit(other)}<<<<<<<<<<<<<<<"], number)
        row = f"{other}{check_digit(other)}DEU9001011M3001012<<<<<<<<<<<<<<04"
        assert not spells_number("td3", ["P<FRA" + "<" * 39, row], number)
