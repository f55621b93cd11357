"""Domain types: what justif reads, decides and writes, mirroring ../shared/contract."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

DocType = Literal[
    "identity_document",
    "jdc_certificate",
    "internship_attestation",
    "r408_attestation",
    "transcript",
    "employment_certificate",
    "school_certificate",
    "training_attestation",
    "training_contract",
    "registration_confirmation",
    "other",
]
DOC_TYPES: tuple[str, ...] = DocType.__args__  # type: ignore[attr-defined]

FlagCode = Literal[
    "MISSING_PIECE",
    "NAME_MISMATCH",
    "BIRTH_DATE_MISMATCH",
    "ID_EXPIRED",
    "MRZ_INVALID",
    "INTERNSHIP_TOO_SHORT",
    "EXPERIENCE_TOO_SHORT",
    "TRAINING_HOURS_TOO_LOW",
    "GRADE_BENEFIT_NOT_JUSTIFIED",
    "RESIDENCE_OUTSIDE_ACADEMY",
    "NOT_SIGNED",
    "UNREADABLE_FILE",
    "UNRECOGNISED_DOCUMENT",
    "DUPLICATE_UPLOAD",
]
FLAG_CODES: tuple[str, ...] = FlagCode.__args__  # type: ignore[attr-defined]

Severity = Literal["error", "warning", "info"]
Status = Literal["ok", "to_review", "incomplete"]
TextSource = Literal["text_layer", "ocr", "mixed"]
PageSource = Literal["text_layer", "ocr"]
FileKind = Literal["pdf", "jpeg", "png", "tiff"]
Category = Literal[
    "previous_session", "distance_school", "distance_apprentice", "distance_continuing", "salaried_3y"
]
ContinuingSituation = Literal["professionalisation_contract", "first_training_or_retraining", "improvement"]

# A box is (x0, y0, x1, y1), each a fraction of the upright page's width or height (0..1).
Box = tuple[float, float, float, float]


# --- input: the declared dossier (dossier.schema.json) -------------------------------------


class Address(BaseModel):
    model_config = ConfigDict(extra="forbid")
    street: str | None = None
    postal_code: str
    city: str


class GradeBenefit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit: str
    grade: float
    session: int


class DeclaredInternship(BaseModel):
    model_config = ConfigDict(extra="forbid")
    company: str | None = None
    start_date: date
    end_date: date


class Dossier(BaseModel):
    """What the candidate declared; built only from a dossier.json that passed the schema."""

    model_config = ConfigDict(extra="forbid")
    dossier_id: str
    session: int
    academy: str | None = None
    candidate_number: str | None = None
    last_name: str
    usage_name: str | None = None
    first_names: list[str]
    birth_date: date
    birth_place: str | None = None
    nationality: str
    sex: Literal["F", "M", "X"] | None = None
    address: Address
    email: str | None = None
    phone: str | None = None
    specialty: str
    category: Category
    continuing_situation: ContinuingSituation | None = None
    form: Literal["global", "progressive"]
    language: str | None = None
    disability_declared: bool = False
    exemptions_declared: bool = False
    grade_benefits: list[GradeBenefit] = Field(default_factory=list)
    internships: list[DeclaredInternship] = Field(default_factory=list)
    submitted_at: datetime


# --- reading: uploads, pages, words ------------------------------------------------------------


class Upload(BaseModel):
    """One uploaded file of a dossier. `file` is relative to the dossier folder, '/'-separated."""

    dossier_id: str
    file: str
    path: Path
    size: int
    sha256: str
    kind: FileKind | None = None


class Word(BaseModel):
    text: str
    box: Box
    conf: float = 1.0  # 0..1; 1.0 for a text layer
    line: int = 0  # index of the line within the page, in reading order


class PageGeometry(BaseModel):
    """How an OCR page's image was set upright, so that it can be made again without estimating it anew:
    the page outline flattened (corners tl, tr, br, bl in source pixels; None: a flat scan), then turned
    counter-clockwise by `turn` degrees (quarter turn and skew), then resized by `scale`."""

    outline: list[tuple[float, float]] | None = None
    turn: float = 0.0
    scale: float = 1.0


class Page(BaseModel):
    file: str
    number: int  # 1-based within the upload
    text: str  # lines joined with "\n", in reading order
    words: list[Word] = Field(default_factory=list)
    source: PageSource
    rotation: int = 0  # degrees (0/90/180/270) turned to make the page upright
    width: int = 0  # of the upright page, pixels (OCR) or points (text layer)
    height: int = 0
    mean_conf: float | None = None  # mean OCR word confidence 0..1, None for a text layer
    phash: str | None = None  # perceptual hash of the page image (hex), for duplicate detection
    steps: list[str] = Field(default_factory=list)  # clean-up steps applied, for the record
    mrz_lines: list[str] = Field(default_factory=list)  # machine-readable zone, read with OCR-B settings
    geometry: PageGeometry | None = None  # OCR pages: how the image the words' boxes refer to was made


class Reading(BaseModel):
    """The pages read from one upload, or why it could not be read (French, for staff)."""

    upload: Upload
    pages: list[Page] = Field(default_factory=list)
    error: str | None = None
    cached: bool = False
    seconds: float = 0.0


# --- classification and extraction -------------------------------------------------------------


class PagePrediction(BaseModel):
    doc_type: DocType
    confidence: float
    scores: dict[str, float] = Field(default_factory=dict)  # top candidates and their probabilities


class Evidence(BaseModel):
    page: int
    box: Box | None = None
    text: str | None = None  # the words the value was read from


class Extraction(BaseModel):
    subtype: str | None = None
    fields: dict[str, Any] = Field(default_factory=dict)
    field_confidence: dict[str, float] = Field(default_factory=dict)
    evidence: dict[str, Evidence] = Field(default_factory=dict)


class Document(BaseModel):
    """One document found in an upload (result.schema.json, documents[])."""

    file: str
    pages: list[int]
    doc_type: DocType
    subtype: str | None = None
    confidence: float
    fields: dict[str, Any] = Field(default_factory=dict)
    field_confidence: dict[str, float] = Field(default_factory=dict)
    evidence: dict[str, Evidence] = Field(default_factory=dict)
    candidates: dict[str, float] = Field(default_factory=dict)
    text_source: TextSource | None = None


# --- checks and results ------------------------------------------------------------------------


class Flag(BaseModel):
    code: FlagCode
    severity: Severity
    file: str | None = None
    piece: str | None = None
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class DossierResult(BaseModel):
    """One dossier's result (result.schema.json). `error` is set when the dossier could not be checked:
    dossier.json unusable, or its assessment stopped on a fault (`pipeline.ASSESS_FAILED`)."""

    dossier_id: str
    status: Status
    documents: list[Document] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    model_version: str
    processed_at: datetime
    error: str | None = None
    specialty: str | None = None
    category: str | None = None
