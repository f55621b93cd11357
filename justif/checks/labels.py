"""French wording shared by the checks and the report: piece names, flag-code labels, severities."""

from __future__ import annotations

# doc_type -> (label as a heading, the same with its definite article, for sentences).
PIECES: dict[str, tuple[str, str]] = {
    "identity_document": ("Pièce d'identité", "la pièce d'identité"),
    "jdc_certificate": ("Certificat JDC", "le certificat JDC"),
    "internship_attestation": ("Attestation de stage", "l'attestation de stage"),
    "r408_attestation": ("Attestation R408", "l'attestation R408"),
    "transcript": ("Relevé de notes", "le relevé de notes"),
    "employment_certificate": ("Certificat de travail", "le certificat de travail"),
    "school_certificate": ("Certificat de scolarité", "le certificat de scolarité"),
    "training_attestation": ("Attestation de suivi de formation", "l'attestation de suivi de formation"),
    "training_contract": ("Contrat de formation", "le contrat de formation"),
    "registration_confirmation": ("Confirmation d'inscription", "la confirmation d'inscription"),
    "other": ("Document non reconnu", "le document non reconnu"),
}

CODE_LABELS: dict[str, str] = {
    "MISSING_PIECE": "Pièce manquante",
    "NAME_MISMATCH": "Nom ou prénom différent",
    "BIRTH_DATE_MISMATCH": "Date de naissance différente",
    "ID_EXPIRED": "Pièce d'identité expirée",
    "MRZ_INVALID": "Bande MRZ incohérente",
    "INTERNSHIP_TOO_SHORT": "Stage trop court",
    "EXPERIENCE_TOO_SHORT": "Expérience professionnelle insuffisante",
    "TRAINING_HOURS_TOO_LOW": "Heures de formation insuffisantes",
    "GRADE_BENEFIT_NOT_JUSTIFIED": "Bénéfice de notes non justifié",
    "RESIDENCE_OUTSIDE_ACADEMY": "Domicile hors académie",
    "NOT_SIGNED": "Confirmation non signée",
    "UNREADABLE_FILE": "Fichier illisible",
    "UNRECOGNISED_DOCUMENT": "Document non reconnu",
    "DUPLICATE_UPLOAD": "Document présent dans un autre dossier",
}

SEVERITY_LABELS: dict[str, str] = {"error": "Bloquant", "warning": "À vérifier", "info": "Pour information"}
STATUS_LABELS: dict[str, str] = {"incomplete": "Incomplet", "to_review": "À vérifier", "ok": "Conforme"}
STATUS_PLURALS: dict[str, str] = {"incomplete": "Incomplets", "to_review": "À vérifier", "ok": "Conformes"}
CATEGORY_LABELS: dict[str, str] = {
    "previous_session": "Session précédente",
    "distance_school": "Scolaire à distance",
    "distance_apprentice": "Apprenti à distance",
    "distance_continuing": "Formation continue à distance",
    "salaried_3y": "Salarié (3 ans d'expérience)",
}


def piece_label(doc_type: str | None) -> str:
    return PIECES.get(doc_type or "", (doc_type or "pièce", doc_type or "la pièce"))[0]


def piece_the(doc_type: str | None) -> str:
    return PIECES.get(doc_type or "", (doc_type or "pièce", doc_type or "la pièce"))[1]


def fr_date(value) -> str:
    """A date the way staff write it: 05/03/2021."""
    return value.strftime("%d/%m/%Y") if value is not None else "date illisible"


def fr_list(values) -> str:
    return ", ".join(str(v) for v in values)
