"""Identity: names and birth date on every document, identity-card expiry and machine-readable zone."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from justif.checks.common import Context, age_on, evidence, make_flag, to_date
from justif.checks.labels import fr_date, piece_label, piece_the
from justif.domain import Document, Flag
from justif.mrz import parse_mrz
from justif.names import fold_name, ocr_slip

OLD_CNI_WINDOW = (date(2004, 1, 2), date(2013, 12, 31))  # issued to an adult: valid five years more
# Below this field confidence a name one or two characters off the declared one is taken as an OCR
# slip, not a different name. Over six generated inboxes (build/bench and seeds 3003-7007) no seeded
# mismatch is such a slip, whatever its confidence (0.75-1.0); the slips that raised false alarms read
# at 0.21-0.53 on scans and up to 0.85 on phone photos ('Thibauk' for Thibault, 'Sébasten', 'EMILI').
# A name read above it is compared as read: a one-letter difference on a clean scan is flagged.
UNSURE_READING = 0.9
# Below this a name is noise, not a reading (bench: 'San' at 0.04 from a photographed card's label):
# it is not compared, as if unread.
ILLEGIBLE = 0.3


def _unsure(doc: Document, field: str) -> bool:
    return doc.field_confidence.get(field, 1.0) < UNSURE_READING


def _illegible(doc: Document, field: str) -> bool:
    return doc.field_confidence.get(field, 1.0) < ILLEGIBLE


def _runs(names: list[str]) -> set[str]:
    """Each name and each run of consecutive names, so « Marie Claire » read as one still matches."""
    return {" ".join(names[i:j]) for i in range(len(names)) for j in range(i + 1, len(names) + 1)}


def unknown_first_names(printed: list[str], declared: list[str]) -> list[str]:
    """The printed first names not among the declared ones (folded; segmentation may differ)."""
    allowed, folded = _runs([fold_name(n) for n in declared]), [fold_name(n) for n in printed]
    unknown, i = [], 0
    while i < len(folded):
        k = next((k for k in range(len(folded) - i, 0, -1) if " ".join(folded[i:i + k]) in allowed), 0)
        if k == 0:
            unknown.append(printed[i])
        i += max(k, 1)
    return unknown


def _unspaced(name: str) -> str:
    """A folded name without its spaces: OCR splits a word ('Gira rd', build/holdout5 B0035) or joins
    two, and 'Le Bihan' or 'LE-BIHAN' is the same name as 'LEBIHAN' for the staff comparing them."""
    return fold_name(name).replace(" ", "")


def _last_name_flag(doc: Document, ctx: Context) -> Flag | None:
    found = doc.fields.get("last_name")
    accepted = [n for n in (ctx.dossier.last_name, ctx.dossier.usage_name) if n]
    if not found or _illegible(doc, "last_name") or _unspaced(found) in {_unspaced(n) for n in accepted}:
        return None  # a null name could not be read: nothing to compare
    if _declared_with_given_names(_words(found), ctx):
        return None  # a table's name and first-name cells read as one ('LAMBERT Héloïse', build/h3001 B0029)
    if _unsure(doc, "last_name") and any(ocr_slip(found, n) for n in accepted):
        return None
    return make_flag(
        "NAME_MISMATCH", f"Le nom lu sur {piece_the(doc.doc_type)} (« {found} ») ne correspond pas au nom "
        f"déclaré ({' ou '.join(accepted)}).", piece=doc.doc_type, file=doc.file,
        field="last_name", declared=accepted, found=found, **evidence(doc, "last_name"))


def _first_names_flag(doc: Document, ctx: Context) -> Flag | None:
    printed, declared = doc.fields.get("first_names"), ctx.dossier.first_names
    if printed is None or not isinstance(printed, list) or _illegible(doc, "first_names"):
        return None
    unknown = unknown_first_names(printed, declared) if printed else []
    if _unsure(doc, "first_names"):
        # An OCR slip in one name or across a compound ('MARIE CLATRE'); or a word of a declared compound
        # on its own: the zone writes JEAN<PIERRE as it writes two names, and cuts the last one short
        # ('JEAN<PIERRE<JEAN<BA' for Jean-Pierre, Jean-Baptiste, Jérémy, build/holdout5 B0022).
        slip = bool(printed) and ocr_slip(" ".join(printed), " ".join(declared))
        words = _words(*declared)
        unknown = [] if slip else [n for n in unknown if not any(ocr_slip(n, d) for d in declared)
                                   and not all(w in words for w in fold_name(n).split())]
    if printed and not unknown:
        return None
    if unknown:
        shown = ", ".join(f"« {n} »" for n in unknown)
        plural = "Les prénoms lus" if len(unknown) > 1 else "Le prénom lu"
        verb = "ne figurent pas" if len(unknown) > 1 else "ne figure pas"
        message = (f"{plural} sur {piece_the(doc.doc_type)} ({shown}) {verb} parmi les prénoms déclarés "
                   f"({', '.join(declared)}).")
    else:
        message = (f"Aucun prénom lu sur {piece_the(doc.doc_type)} alors que le document comporte un "
                   "champ prénom.")
    return make_flag("NAME_MISMATCH", message, piece=doc.doc_type, file=doc.file, field="first_names",
                     declared=declared, found=printed, unknown=unknown, **evidence(doc, "first_names"))


def _words(*names: str) -> Counter[str]:
    return Counter(word for name in names for word in fold_name(name).split())


def _same_words_split_otherwise(doc: Document, ctx: Context) -> bool:
    """The printed name's words are the declared last (or usage) name's and some of the declared first
    names', split at another place: a name printed without capitals ('Monsieur Pujol Ferran Baptiste',
    'Madame Le Bihan Hélène épouse Roux') tells its order only by guesswork, and a wrong guess is no
    other person."""
    last, firsts = doc.fields.get("last_name"), doc.fields.get("first_names")
    if not last or not isinstance(firsts, list) or not firsts:
        return False
    return _declared_with_given_names(_words(last, *firsts), ctx)


def _declared_with_given_names(printed: Counter[str], ctx: Context) -> bool:
    """The printed words are the declared last (or usage) name's and some of the declared first names'."""
    given = _words(*ctx.dossier.first_names)
    for name in (ctx.dossier.last_name, ctx.dossier.usage_name):
        surname = _words(name) if name else Counter()
        if surname and surname <= printed and (rest := printed - surname) and rest <= given:
            return True
    return False


def names(ctx: Context) -> list[Flag]:
    """Contract 4 « Names »: last name = declared or usage name; every printed first name declared.
    A name read with low confidence and one or two characters off is an OCR slip (`UNSURE_READING`);
    the declared words split at another place are the declared name (`_same_words_split_otherwise`)."""
    flags = []
    for doc in ctx.documents:
        if _same_words_split_otherwise(doc, ctx):
            continue
        flags += [f for f in (_last_name_flag(doc, ctx), _first_names_flag(doc, ctx)) if f]
    return flags


def birth_dates(ctx: Context) -> list[Flag]:
    declared, flags = ctx.dossier.birth_date, []
    for doc in ctx.documents:
        found = to_date(doc.fields.get("birth_date"))
        if found is not None and found != declared:
            flags.append(make_flag(
                "BIRTH_DATE_MISMATCH", f"La date de naissance lue sur {piece_the(doc.doc_type)} "
                f"({fr_date(found)}) diffère de la date déclarée ({fr_date(declared)}).", piece=doc.doc_type,
                file=doc.file, declared=declared.isoformat(), found=found.isoformat(),
                **evidence(doc, "birth_date")))
    return flags


def old_cni_issue(doc: Document, birth: date) -> date | None:
    """Issue date of a 1988-format CNI (12 characters, the first four YYMM) issued to an adult in the
    window, else None. Only the month is printed: its first day is taken, the earliest the card can be."""
    number = re.sub(r"\s", "", str(doc.fields.get("document_number") or ""))
    if doc.subtype != "cni" or len(number) != 12 or not number[:4].isdigit():
        return None
    if not 1 <= int(number[2:4]) <= 12:
        return None
    issued = date(2000 + int(number[:2]), int(number[2:4]), 1)  # the window is 2004-2013: no 19YY
    in_window = OLD_CNI_WINDOW[0] <= issued <= OLD_CNI_WINDOW[1]
    return issued if in_window and age_on(birth, issued) >= 18 else None


def valid_until(doc: Document, birth: date) -> date | None:
    expiry = to_date(doc.fields.get("expiry_date"))
    if expiry is None or old_cni_issue(doc, birth) is None:
        return expiry
    if (expiry.month, expiry.day) == (2, 29):
        return date(expiry.year + 5, 3, 1)
    return expiry.replace(year=expiry.year + 5)


def id_expired(ctx: Context) -> list[Flag]:
    """ID_EXPIRED when no identity document is valid on the submission date (a valid one suffices)."""
    ids = [(doc, valid_until(doc, ctx.dossier.birth_date)) for doc in ctx.docs("identity_document")]
    dated = [(doc, until) for doc, until in ids if until is not None]
    if not dated or any(until >= ctx.submitted for _, until in dated):
        return []
    flags = []
    for doc, until in dated:
        printed = to_date(doc.fields.get("expiry_date"))
        extra = f" (validité prolongée de cinq ans jusqu'au {fr_date(until)})" if until != printed else ""
        flags.append(make_flag(
            "ID_EXPIRED", f"{piece_label(doc.doc_type)} expirée le {fr_date(printed)}{extra}, avant la date "
            f"de dépôt ({fr_date(ctx.submitted)}).", piece=doc.doc_type, file=doc.file,
            declared=ctx.submitted.isoformat(), found=printed.isoformat() if printed else None,
            valid_until=until.isoformat(), subtype=doc.subtype, **evidence(doc, "expiry_date")))
    return flags


def _settled_by_another_print(doc: Document, ctx: Context) -> bool:
    """A zone whose number failed its check, passing every check with the number printed on another
    identity document of the dossier: a card's recto uploaded apart from its verso carries the printed
    number that, on one page, settles an OCR confusion in the zone (`parse_mrz`'s `printed_number`;
    build/bench B0004, build/holdout B0014)."""
    zone = doc.evidence.get("mrz_valid")
    if "document_number" not in (doc.fields.get("mrz_errors") or []) or zone is None or not zone.text:
        return False
    lines = zone.text.split("\n")
    for other in ctx.docs("identity_document"):
        printed = other.fields.get("document_number")
        if other is not doc and isinstance(printed, str) and printed:
            result = parse_mrz(lines, printed)
            if result is not None and not result.failed:
                return True
    return False


def mrz_invalid(ctx: Context) -> list[Flag]:
    return [make_flag("MRZ_INVALID", f"La bande MRZ de {piece_the(doc.doc_type)} est incohérente "
                      "(chiffre de contrôle faux ou valeur différente de celle imprimée).",
                      piece=doc.doc_type,
                      file=doc.file, mrz_errors=doc.fields.get("mrz_errors") or [], found=False,
                      **evidence(doc, "mrz_valid"))
            for doc in ctx.docs("identity_document")
            if doc.fields.get("mrz_valid") is False and not _settled_by_another_print(doc, ctx)]
