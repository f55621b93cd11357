"""Identity card, passport or residence permit: printed fields checked against the machine-readable zone."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

from extractors.common import BIRTH_LABEL, FLAGS, NUMERO, PATTERN, Collector, Hit, labelled_date, labelled_text
from extractors.person import find_person
from extractors.registry import ImageOf
from justif.dates import find_dates
from justif.domain import Evidence, Extraction, Page
from justif.mrz import MrzResult, differing_chars, find_mrz_lines, folded, parse_mrz, same_reading, spells_number

DOC_TYPE = "identity_document"
FIELDS = ("last_name", "first_names", "birth_date", "document_number", "expiry_date", "mrz_valid")
NUMBER_LABEL = (rf"{NUMERO}\s*(?:du\s+)?document|document\s+{NUMERO}|"
                rf"{NUMERO}\s*(?:de\s+(?:la\s+)?)?carte|carte\s+{NUMERO}|"
                rf"{NUMERO}\s*(?:du\s+)?passeport|passeport\s+{NUMERO}|passport\s+no\.?|"
                rf"{NUMERO}\s*(?:du\s+)?titre|"
                r"document\s+no\.?|card\s+no\.?|num[ée]ro|"
                r"n[°º](?=\s*:)")  # a bare 'N° :' opening a line of the 1988 card (build/holdout5 B0032)
NUMBER_VALUE = r"\b(?-i:[A-Z0-9]{6,14})\b"
EXPIRY_LABEL = (r"date\s+d['’]\s?expir(?:ation|\.)?|expiry\s+date|date\s+of\s+expiry|"
                r"(?:carte\s+)?valable\s+jusqu['’]\s?au|"
                r"valid\s+until|fin\s+de\s+validit[ée]|expire\s+le")
SEX_LABEL = r"sexe(?:\s*/\s*sex)?"
SUBTYPES = (
    ("passport", re.compile(r"passeport|passport|passaporto|pasaporte|passaporte|reisepass", FLAGS)),
    ("residence_permit", re.compile(r"titre\s+de\s+s[ée]jour|residence\s+permit|"
                                    r"carte\s+de\s+r[ée]sident", FLAGS)),
    ("cni", re.compile(r"carte\s+(?:nationale\s+)?d['’]\s?[il1|]dentit[ée]|identity\s+card", FLAGS)),
)
MRZ_SUBTYPES = {"P": "passport", "IR": "residence_permit", "TS": "residence_permit", "RP": "residence_permit"}


def _legible(result: MrzResult) -> bool:
    """A zone read well enough to give names: its birth date parses and at most one field check fails
    (the composite fails with any of them). Worse is an OCR failure (a misplaced line, a lost row)."""
    return result.birth_date is not None and len(set(result.failed) - {"composite"}) <= 1


def _judged(result: MrzResult) -> bool:
    """A zone read well enough to call valid or not: legible, and no failing field check's digit read
    as a letter (a 2021 card's number check '4' read 'A' on a photo, build/holdout5 B0016: a garbled
    glyph, not a zone printed wrong). A composite digit lost to OCR leaves the field checks to judge."""
    return _legible(result) and not set(result.failed) & (set(result.unread_digits) - {"composite"})


def _mrz(pages: list[Page], printed_number: str | None) -> tuple[MrzResult | None, Page | None, list[str]]:
    """The best-read zone among the OCR-B reading and the page text of every page."""
    best: tuple[MrzResult | None, Page | None, list[str]] = (None, None, [])
    for page in pages:
        for lines in (page.mrz_lines, find_mrz_lines(page.text)):
            result = parse_mrz(lines, printed_number) if lines else None
            if result is not None and (best[0] is None or len(result.failed) < len(best[0].failed)):
                best = (result, page, lines)
    return best


def _subtype(pages: list[Page], mrz: MrzResult | None) -> str | None:
    if mrz is not None:
        code = mrz.document_type
        return MRZ_SUBTYPES.get(code) or MRZ_SUBTYPES.get(code[:1]) or ("cni" if code[:1] in "IC" else None)
    text = "\n".join(p.text for p in pages)
    return next((name for name, rx in SUBTYPES if rx.search(text)), None)


def _printed(pages: list[Page], out: Collector) -> None:
    find_person(pages, out)
    out.put("birth_date", labelled_date(pages, BIRTH_LABEL))
    number = labelled_text(pages, NUMBER_LABEL, value=NUMBER_VALUE)
    out.put("document_number", number, number.value.upper() if number else None)
    out.put("expiry_date", labelled_date(pages, EXPIRY_LABEL))
    sex = labelled_text(pages, SEX_LABEL, value=r"\b[MFX]\b")
    out.put("sex", sex, sex.value.upper() if sex else None)


SURE_PRINT = 0.85  # below this confidence a printed value may be misread: it cannot contradict the zone
# Tesseract is unsure of any word outside its dictionary: a document number read right scored 0.45 on a
# phone photo. One character off a verified zone number (OCR confusions aside: 18D583320 printed for the
# zone's 18DS83330), the rest read alike, is what an altered number looks like; it contradicts the zone
# from this confidence (two or more off still need SURE_PRINT: on build/bench, a printed 3JD99D2KR read
# at 0.76 against the zone's 3JDOOD2KR; the print was right there, the zone's check passing by chance).
SURE_ONE_OFF = 0.4
# A number of digits only (the 1988 card's twelve) has no letter/digit confusion to fold: one digit off
# is how Tesseract misreads it on a photo (1801320400[2]1 at 0.88, 18061[3]660688 at 0.74, build/bench and
# holdout2), and it contradicts the zone only when read as surely as a text layer or a clean scan.
SURE_DIGIT_OFF = 0.9


def _same(printed: object, zone: str) -> bool:
    return same_reading(str(printed), zone)


def _sure_enough(name: str, printed: object, zone: str, confidence: float) -> bool:
    one_off = name == "document_number" and differing_chars(folded(str(printed)), folded(zone)) == 1
    if one_off and str(printed).isdigit():
        return confidence >= SURE_DIGIT_OFF
    return confidence >= (SURE_ONE_OFF if one_off else SURE_PRINT)


def _contradictions(out: Collector, mrz: MrzResult, lines: list[str]) -> list[str]:
    """Printed values a verified zone disagrees with: only a field whose check digit passes, read in
    print with confidence, and different even after OCR confusions are folded (O/0, I/1, B/8 …). A
    printed number the zone's `lines` spell with characters OCR added is no contradiction
    (`spells_number`)."""
    zone = {"document_number": mrz.document_number, "sex": mrz.sex,
            "birth_date": mrz.birth_date and mrz.birth_date.isoformat(),
            "expiry_date": mrz.expiry_date and mrz.expiry_date.isoformat()}
    found = []
    for name, value in zone.items():
        printed = out.fields.get(name)
        if not value or not printed or name in mrz.failed or "composite" in mrz.failed and name == "sex":
            continue
        if name == "document_number" and spells_number(mrz.format, lines, str(printed)):
            continue
        if _sure_enough(name, printed, value, out.confidence.get(name, 0)) and not _same(printed, value):
            found.append(f"{name}_mismatch")
    return found


def _prefer_zone(out: Collector, mrz: MrzResult, evidence: Evidence) -> None:
    """A printed value that is the zone's up to OCR confusions, or read too unsurely to contradict it
    (`_sure_enough`), takes the verified zone's reading (its check digit vouches for every character).
    Over six inboxes that put right a 1988 card's number photographed one or two digits off, or read as
    '0RORAR2ATAQ7', and numbers read a character short or long; once (build/bench B0018) the print was
    right and the zone's check digit passed by chance."""
    zone = {"document_number": mrz.document_number, "birth_date": mrz.birth_date,
            "expiry_date": mrz.expiry_date}
    for name, value in zone.items():
        printed = out.fields.get(name)
        if value is None or printed is None or name in mrz.failed:
            continue
        text = value.isoformat() if hasattr(value, "isoformat") else value
        unsure = not _sure_enough(name, printed, text, out.confidence.get(name, 0))
        if text != printed and (_same(printed, text) or unsure):
            out.forget(name)
            out.set(name, value, 0.9, evidence)


def _fill_from_mrz(out: Collector, mrz: MrzResult, evidence: Evidence) -> None:
    """What the print did not give, the zone gives when its check digit vouches for it."""
    checked = {"document_number": mrz.document_number, "birth_date": mrz.birth_date,
               "expiry_date": mrz.expiry_date}
    for name, value in checked.items():
        if name not in mrz.failed:
            out.set(name, value, 0.9, evidence)
    out.set("sex", mrz.sex, 0.8, evidence)
    if _legible(mrz):
        _names_from_zone(out, mrz, evidence)


# A name from the zone is the printed one without accents, apostrophes or hyphens (the name checks fold
# those), and no check digit covers it: below the name checks' UNSURE_READING, so that one or two
# characters off the declared name read as an OCR slip, not a different name.
ZONE_NAME = 0.5


def _names_from_zone(out: Collector, mrz: MrzResult, evidence: Evidence) -> None:
    """The names the print did not give (a phone photo's glare, a blurred scan), from a legible zone.
    `parse_mrz` has already dropped what OCR made of fillers and any name the zone cut short."""
    if mrz.surname and _letters(mrz.surname):
        out.set("last_name", mrz.surname, ZONE_NAME, evidence)
    if mrz.given_names and all(map(_letters, mrz.given_names)):
        out.set("first_names", mrz.given_names, ZONE_NAME, evidence)


def _letters(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]+(?:[ -][A-Z]+)*", name))


CNI_1988_YEARS = (10, 15)  # valid 10 years, 15 when issued 2004-2013 to an adult


def _end_of_validity(pages: list[Page], issue_month: date) -> Hit | None:
    """A 1988 card's 'valable jusqu'au' date whose label OCR garbled ('Carte vaiabie usqu'au'): the
    printed date that is the eve of the 10th or 15th anniversary of a day in the zone's issue month."""
    for page in pages:
        for day, (start, end) in find_dates(page.text):
            after = day + timedelta(days=1)
            for years in CNI_1988_YEARS:
                if (after.year - years, after.month) == (issue_month.year, issue_month.month):
                    return Hit(day, page, start, end, PATTERN)
    return None


def _prefer_end_of_validity(out: Collector, pages: list[Page], issue_month: date) -> None:
    """The printed date that fits the verified issue month, over one read after the expiry label that
    does not; and no end of validity rather than a date inside the issue month, which is the issue date
    ('délivrée le'): a photographed verso, its expiry line lost, put its issue date under 'Carte valable
    jusqu'au' in reading order, and the card was flagged expired."""
    fitting = _end_of_validity(pages, issue_month)
    read = out.fields.get("expiry_date")
    if fitting is not None and read != fitting.value.isoformat():
        out.forget("expiry_date")
        out.put("expiry_date", fitting)
    elif fitting is None and read is not None and read[:7] == issue_month.strftime("%Y-%m"):
        out.forget("expiry_date")


# The French model reads a printed card number's digits as letters on photos and scans (CCLT9XHVT read
# CCLTIXHVT, 3VVYJA4VM read 3VVYJAAVM, 17TW17527 read 177W17527, MPVC7PUE8 read MPVC7PUES): the number
# then seems one character off a verified zone, which is what an altered zone looks like. Read again from
# its word's box by the English model as a single word, those four read as their zones did, over the eight
# inboxes, while the eight numbers printed beside an altered zone (build/*/B0032) still read apart from it.
REREAD_MODEL, SINGLE_WORD, REREAD_TIMEOUT_S = "eng", 8, 10.0
# Margin around the word, in word heights: with half a height, 17TW17527 still read 177W17527 and specks
# of the card around it came out as quotes; with one or more, the card's print around it was read too.
WORD_MARGIN = 0.25


def _read_again(pages: list[Page], printed: str, image_of: ImageOf) -> str | None:
    """The printed value read again by REREAD_MODEL from the box of the OCR word it was read from."""
    if image_of is None:
        return None
    for page in pages:
        word = next((w for w in page.words if w.text.upper().strip(".:") == printed), None)
        if page.source != "ocr" or word is None:
            continue
        import numpy as np  # NumPy and Tesseract: only when a number is in doubt (a cached re-run loads neither)

        from justif.reading.ocr import OcrTimeout, ocr_words

        gray = np.asarray(image_of(page.number).convert("L"))
        height, width = gray.shape
        x0, y0, x1, y1 = word.box
        pad = WORD_MARGIN * (y1 - y0) * height
        region = (max(0, int(x0 * width - pad)), max(0, int(y0 * height - pad)),
                  int(x1 * width + pad), int(y1 * height + pad))
        try:
            words = ocr_words(gray, REREAD_MODEL, time.monotonic() + REREAD_TIMEOUT_S, psm=SINGLE_WORD,
                              region=region)
        except OcrTimeout:
            return None  # the first reading stands
        return re.sub(r"[^0-9A-Za-z]", "", "".join(w.text for w in words))  # a quote read from a speck
    return None


def _read_number_again(out: Collector, mrz: MrzResult, pages: list[Page], image_of: ImageOf,
                       evidence: Evidence) -> None:
    """A printed number one character off the verified zone's, read again (`_read_again`): when it then
    reads as the zone's, the zone's number is kept and no contradiction remains."""
    printed, zone = out.fields.get("document_number"), mrz.document_number
    if not printed or not zone or "document_number" in mrz.failed or \
            differing_chars(folded(str(printed)), folded(zone)) != 1:
        return
    again = _read_again(pages, str(printed), image_of)
    if again and _same(again, zone):
        out.forget("document_number")
        out.set("document_number", zone, 0.9, evidence)


def extract(pages: list[Page], image_of: ImageOf = None) -> Extraction:
    out = Collector(FIELDS)
    _printed(pages, out)
    mrz, page, lines = _mrz(pages, out.fields.get("document_number"))
    if mrz is not None and page is not None:
        evidence = Evidence(page=page.number, box=None, text="\n".join(lines))
        _read_number_again(out, mrz, pages, image_of, evidence)
        errors = list(mrz.failed) + _contradictions(out, mrz, lines)
        _prefer_zone(out, mrz, evidence)
        if _judged(mrz):
            out.set("mrz_valid", not errors, 0.95 if not errors else 0.8, evidence)
            out.set("mrz_errors", errors, 0.9, evidence)
        _fill_from_mrz(out, mrz, evidence)
        if mrz.issue_month is not None:  # 1988 card: validity derives from the issue month (contract §4)
            out.set("issue_month", mrz.issue_month.strftime("%Y-%m"), 0.9, evidence)
            if "document_number" not in mrz.failed:  # the issue month is the number's first four digits
                _prefer_end_of_validity(out, pages, mrz.issue_month)
    return out.result(_subtype(pages, mrz))
