"""What every document builder shares: the spec it draws from, its result, printed-name views, employers."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..dates import fmt_date
from ..people import LAST_FR, Person, ascii_fold


@dataclass
class DocSpec:
    """One document to draw: whose it is, its own data (dates, employer, hours...), and its seed."""

    doc_type: str
    seed: int
    person: Person
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Built:
    """What a builder drew: its pages in the sheet and the truth record."""

    pages: list[int]
    layout: str
    wording: str
    subtype: str | None
    fields: dict[str, Any]
    hidden: dict[str, Any] = field(default_factory=dict)  # facts the truth file omits (MRZ lines, card kind)


@dataclass
class NameView:
    """A person's name as one document prints it."""

    last: str
    firsts: list[str]
    usage: str | None
    sex: str

    @property
    def civ(self) -> str:
        return "Madame" if self.sex == "F" else "Monsieur"

    @property
    def civ_short(self) -> str:
        return "Mme" if self.sex == "F" else "M."

    @property
    def born(self) -> str:
        return "née" if self.sex == "F" else "né"

    def first_text(self, sep: str = " ") -> str:
        return sep.join(self.firsts)

    def full(self, order: str) -> str:
        """'NOM Prénom' (order='last_first') or 'Prénom NOM'; an usage name is added the way letters do."""
        core = f"{self.last} {self.first_text()}" if order == "last_first" else f"{self.first_text()} {self.last}"
        if self.usage:
            core += f" épouse {self.usage}" if self.sex == "F" else f" (nom d'usage {self.usage})"
        return core

    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {"last_name": self.last, "first_names": list(self.firsts)}
        if self.usage:
            out["usage_name"] = self.usage
        return out


def upper(text: str, keep_accents: bool = True) -> str:
    return (text if keep_accents else ascii_fold(text)).upper()


def name_view(p: Person, rng: random.Random, *, firsts: str = "auto", last_case: str = "auto",
              usage: str = "auto", first_case: str = "title") -> NameView:
    """Choose how a document prints the person: case, accents, all or first first-name, usage name."""
    if last_case == "auto":
        last_case = rng.choice(["upper", "upper", "upper_ascii", "title"])
    if firsts == "auto":
        firsts = rng.choice(["all", "first", "first"])
    names = list(p.first_names) if firsts == "all" else [p.first_names[0]]
    if first_case == "upper":
        names = [upper(n, rng.random() < 0.5) for n in names]

    def case(text: str) -> str:
        return upper(text, last_case == "upper") if last_case.startswith("upper") else text

    last, used = case(p.last_name), None
    if p.usage_name:
        mode = rng.choice(["both", "both", "usage_only", "birth_only"]) if usage == "auto" else usage
        if mode == "both":
            used = case(p.usage_name)
        elif mode == "usage_only":
            last = case(p.usage_name)
    return NameView(last, names, used, p.sex)


ACTIVITIES = ["Bâtiment", "Informatique", "Transports", "Comptabilité", "Immobilier", "Hôtellerie", "Garage",
              "Électricité", "Menuiserie", "Conseil", "Pharmacie", "Distribution", "Aéronautique", "Paysages"]
FORMS = ["SARL", "SAS", "SA", "EURL", "SASU", ""]
ROLES = ["Directeur", "Directrice", "Gérant", "Gérante", "Responsable des ressources humaines", "DRH",
         "Chef d'agence", "Président", "Responsable administrative", "Directeur des opérations"]
SIGNER_FIRST = ["Jean-Marc", "Sylvie", "Patrick", "Nathalie", "Christophe", "Isabelle", "Olivier", "Valérie",
                "Thierry", "Sandrine", "Frédéric", "Véronique", "Laurent", "Brigitte"]


@dataclass(frozen=True)
class Org:
    name: str
    street: str
    postal_code: str
    city: str
    siret: str
    signer: str
    role: str

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postal_code} {self.city}"


def make_org(rng: random.Random, name: str | None = None) -> Org:
    """An employer or host organisation of the region, with its signatory."""
    if name is None:
        style = rng.randrange(4)
        surname = rng.choice(LAST_FR)
        activity = rng.choice(ACTIVITIES)
        name = [f"{activity} {surname}", f"{surname} {activity}", f"{activity} Occitanie",
                f"{surname} et Fils"][style]
        form = rng.choice(FORMS)
        name = f"{form} {name}".strip() if rng.random() < 0.5 else f"{name} {form}".strip()
    postal, city = rng.choice([("31000", "Toulouse"), ("31400", "Toulouse"), ("81000", "Albi"),
                               ("82000", "Montauban"), ("31700", "Blagnac"), ("65000", "Tarbes"),
                               ("12000", "Rodez"), ("46000", "Cahors"), ("32000", "Auch"), ("31670", "Labège")])
    street = f"{rng.randint(1, 90)} {rng.choice(['rue', 'avenue', 'chemin', 'boulevard', 'allée'])} " \
             f"{rng.choice(['de la République', 'des Arts', 'Marcel Dassault', 'du Midi', 'des Frères Lumière'])}"
    siret = "".join(str(rng.randrange(10)) for _ in range(14))
    signer = f"{rng.choice(SIGNER_FIRST)} {rng.choice(LAST_FR)}"
    return Org(name, street, postal, city, siret, signer, rng.choice(ROLES))


def place_date(city: str, d: date, rng: random.Random) -> str:
    style = rng.choice(["slash", "long", "long", "dot"])
    return rng.choice([f"Fait à {city}, le {fmt_date(d, style)}", f"{city}, le {fmt_date(d, style)}",
                       f"Fait à {city} le {fmt_date(d, style)}", f"Le {fmt_date(d, style)}, à {city}"])


def pick(rng: random.Random, options: dict[str, Any]) -> tuple[str, Any]:
    key = rng.choice(sorted(options))
    return key, options[key]
