"""Required pieces (contract section 3, notice section IV « Pièces à fournir »): MISSING_PIECE."""

from __future__ import annotations

import re
from dataclasses import dataclass

from justif.checks.common import Context, age_on, make_flag
from justif.checks.labels import piece_label
from justif.domain import Dossier, Flag
from justif.names import fold_name

# Notice IV-C « Attestation R408 pour les spécialités concernées » and III-B (six names, some spelt
# differently): the union, folded, with the section-III spellings as variants.
R408_SPECIALTIES: tuple[str, ...] = (
    "batiment",
    "architectures en metal conception et realisation",
    "architectures en metal",
    "enveloppe des batiments",
    "enveloppe du batiment",
    "etude et economie de la construction",
    "fluides energies domotique",
    "fluides energie domotique",
    "systemes constructifs bois habitat",
    "travaux publics",
)
JDC_AGE_LIMIT = 26  # « Filles et garçons de nationalité française âgés de moins de 26 ans »
FEMININE = ("Pièce", "Attestation", "Confirmation")
CONTRACT_LABELS = {"apprenticeship": "Contrat d'apprentissage",
                   "professionalisation": "Contrat de professionnalisation"}


@dataclass(frozen=True)
class Requirement:
    piece: str
    reason: str
    subtype: str | None = None  # training_contract: the kind of contract required
    alternatives: tuple[str, ...] = ()  # doc_types that also do (« stages OU certificats de travail »)


def specialty_key(specialty: str) -> str:
    """Folded specialty without the « BTS » prefix or punctuation (dashes « – », colons)."""
    folded = fold_name(re.sub(r"[^\w']+", " ", specialty))
    return re.sub(r"^bts\s+", "", re.sub(r"\s+", " ", folded)).strip()


def needs_r408(specialty: str) -> bool:
    key = specialty_key(specialty)
    return any(key == name or key.startswith(name + " ") for name in R408_SPECIALTIES)


def _category_requirements(d: Dossier) -> list[Requirement]:
    if d.category == "previous_session":
        return [Requirement("transcript", "candidat ayant présenté l'examen à une session précédente")]
    if d.category == "distance_school":
        why = "candidat scolaire de l'enseignement à distance"
        return [Requirement("internship_attestation", why)]  # school certificates: see school_years
    if d.category == "distance_apprentice":
        why = "candidat apprenti de l'enseignement à distance"
        return [Requirement("training_attestation", why),
                Requirement("training_contract", why, subtype="apprenticeship"),
                Requirement("employment_certificate", why + " (attestation de l'employeur)")]
    if d.category == "distance_continuing":
        return _continuing_requirements(d)
    return [Requirement("employment_certificate", "candidat salarié justifiant de trois ans d'expérience")]


def _continuing_requirements(d: Dossier) -> list[Requirement]:
    why = "candidat de la formation continue à distance"
    required = [Requirement("training_attestation", why)]
    if d.continuing_situation == "professionalisation_contract":
        why += " en contrat de professionnalisation"
        required += [Requirement("training_contract", why, subtype="professionalisation"),
                     Requirement("employment_certificate", why)]
    elif d.continuing_situation == "first_training_or_retraining":
        required.append(Requirement("internship_attestation", why + " en première formation ou reconversion"))
    elif d.continuing_situation == "improvement":
        # « Attestations de stages réglementaires OU certificats de travail »
        why += " en perfectionnement (attestation de stage ou certificat de travail)"
        required.append(Requirement("internship_attestation", why, alternatives=("employment_certificate",)))
    return required


def required_pieces(d: Dossier) -> list[Requirement]:
    """Every piece the dossier must hold, with the reason staff can read (one entry per piece)."""
    # « Confirmation d'inscription dûment datée et signée », « Photocopie d'une pièce d'identité »
    required = [Requirement("registration_confirmation", "pièce demandée à tous les candidats"),
                Requirement("identity_document", "pièce demandée à tous les candidats")]
    age = age_on(d.birth_date, d.submitted_at.date())
    if d.nationality == "FR" and age < JDC_AGE_LIMIT:
        required.append(Requirement("jdc_certificate", f"candidat de nationalité française âgé de {age} ans "
                                    "à la date de dépôt"))
    required += _category_requirements(d)
    if needs_r408(d.specialty):
        required.append(Requirement("r408_attestation", f"obligatoire pour la spécialité « {d.specialty} »"))
    if d.grade_benefits and not any(r.piece == "transcript" for r in required):
        units = ", ".join(b.unit for b in d.grade_benefits)
        required.append(Requirement("transcript", f"bénéfices de notes déclarés ({units})"))
    return required


def _satisfied(ctx: Context, req: Requirement) -> bool:
    for doc_type in (req.piece, *req.alternatives):
        for doc in ctx.docs(doc_type):
            if req.subtype is None or doc.subtype in (None, req.subtype):  # unread subtype: benefit of doubt
                return True
    return False


def _missing_message(req: Requirement, ctx: Context) -> str:
    label = CONTRACT_LABELS.get(req.subtype or "", piece_label(req.piece))
    ending = "manquante" if label.startswith(FEMININE) else "manquant"
    message = f"{label} {ending} : {req.reason}"
    others = {doc.subtype for doc in ctx.docs(req.piece)} - {None}
    if req.subtype and others:
        given = ", ".join(CONTRACT_LABELS.get(s, s).lower() for s in sorted(others))
        message += f" ({given} fourni à la place)"
    return message + "."


def missing_pieces(ctx: Context) -> list[Flag]:
    return [make_flag("MISSING_PIECE", _missing_message(req, ctx), piece=req.piece, reason=req.reason,
                      declared={"category": ctx.dossier.category, "specialty": ctx.dossier.specialty,
                                "continuing_situation": ctx.dossier.continuing_situation},
                      expected_subtype=req.subtype)
            for req in required_pieces(ctx.dossier) if not _satisfied(ctx, req)]


def school_years(ctx: Context) -> list[Flag]:
    """« Certificats de scolarité des deux années de préparation au BTS »: two different school years."""
    if ctx.dossier.category != "distance_school":
        return []
    certificates = ctx.docs("school_certificate")
    known = [d.fields.get("school_year") for d in certificates if d.fields.get("school_year")]
    unread = len(certificates) - len(known)  # an unread year cannot be shown to repeat the other one
    if len(set(known)) + unread >= 2:
        return []
    if len(certificates) >= 2:
        reason = f"les certificats fournis portent la même année scolaire ({known[0]})"
    else:
        given = "un seul fourni" if certificates else "aucun fourni"
        reason = f"deux certificats attendus (un par année de préparation), {given}"
    return [make_flag("MISSING_PIECE", f"Certificat de scolarité manquant : {reason}.",
                      piece="school_certificate", reason=reason,
                      found=[{"file": d.file, "page": d.pages[0], "school_year": d.fields.get("school_year")}
                             for d in certificates])]
