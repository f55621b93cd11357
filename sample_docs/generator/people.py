"""Synthetic candidates: French and foreign names with accents, particles, compounds, usage names, addresses."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta

FIRST_F = [
    "Hélène", "Chloé", "Léa", "Anaïs", "Zoé", "Noémie", "Gaëlle", "Inès", "Camille", "Manon", "Émilie",
    "Océane", "Justine", "Marie", "Laëtitia", "Clémence", "Élodie", "Aurélie", "Maëlys", "Louise", "Jade",
    "Sarah", "Mélanie", "Cécile", "Pauline", "Bérénice", "Agathe", "Solène", "Anne-Sophie", "Marie-Ève",
    "Marie-Claire", "Lou-Ann", "Coralie", "Séverine", "Amandine", "Margaux", "Héloïse", "Ophélie", "Nadège",
]
FIRST_M = [
    "Jérôme", "Loïc", "Benoît", "François", "Maël", "Théo", "Hugo", "Lucas", "Nathan", "Kévin", "Jérémy",
    "Clément", "Valentin", "Mathéo", "Noé", "Raphaël", "Gaëtan", "Aurélien", "Joël", "Hervé", "Thibault",
    "Quentin", "Rémi", "Étienne", "Adrien", "Yannick", "Jean-Baptiste", "Jean-Pierre", "Pierre-Louis",
    "Paul-Émile", "Baptiste", "Antoine", "Maxime", "Léo", "Enzo", "Mathis", "Florian", "Sébastien", "Grégory",
]
LAST_FR = [
    "Lefèvre", "Bénard", "Gérard", "Rousseau", "Fabre", "Mercier", "Garnier", "Faure", "Roux", "Bonnet",
    "Girard", "Lambert", "Fontaine", "Chevalier", "Rivière", "Hérault", "Pélissier", "Cazals", "Bousquet",
    "Escudié", "Marty", "Delpech", "Lacombe", "Vidal", "Azéma", "Couderc", "Fourcade", "Carrère", "Sabatié",
    "Le Goff", "Le Gall", "Le Bihan", "De La Fontaine", "de Villèle", "D'Almeida", "D'Arcy", "Du Pré",
    "Martin-Dupont", "Saint-Martin", "Dubois-Lacaze", "Pujol Ferran", "N'Diaye", "Lacroix", "Besnaïnou",
    "Ménard", "Gaillard", "Noël", "Baptiste", "Villeneuve", "Castéra", "Labat", "Abadie", "Trémoulet",
]
FOREIGN = {
    "PT": (["Ana", "Inês", "Beatriz"], ["João", "Tiago", "Rui"], ["Gonçalves", "Ferreira", "Da Silva", "Pereira"]),
    "ES": (["Lucía", "María José", "Nuria"], ["José Luis", "Álvaro", "Iñaki"], ["García López", "Muñoz", "Pérez"]),
    "IT": (["Giulia", "Chiara"], ["Matteo", "Lorenzo"], ["Rossi", "Esposito", "Di Stefano"]),
    "BE": (["Lotte", "Manon"], ["Arnaud", "Wouter"], ["Van den Berghe", "Dubois", "Peeters"]),
    "RO": (["Ioana", "Andreea"], ["Andrei", "Mihai"], ["Popescu", "Ionescu", "Dumitrescu"]),
    "MA": (["Fatima Zahra", "Salma", "Imane"], ["Mohamed", "Youssef", "Anas"], ["El Amrani", "Benali", "Ait Ouali"]),
    "DZ": (["Amel", "Lydia", "Nour"], ["Karim", "Rayan", "Yacine"], ["Haddad", "Boudiaf", "Bensaïd"]),
    "TN": (["Yasmine", "Rim"], ["Mehdi", "Skander"], ["Trabelsi", "Ben Ammar", "Jaziri"]),
    "SN": (["Aminata", "Fatou"], ["Moussa", "Ousmane"], ["Diop", "Ndiaye", "Sow"]),
    "VN": (["Linh", "Thi Mai"], ["Minh", "Van Duc"], ["Nguyen", "Tran", "Pham"]),
}
FOREIGN_CITIES = {"PT": "Porto", "ES": "Madrid", "IT": "Naples", "BE": "Liège", "RO": "Bucarest", "MA": "Casablanca",
                  "DZ": "Oran", "TN": "Tunis", "SN": "Dakar", "VN": "Hanoï"}
EU = {"PT", "ES", "IT", "BE", "RO", "DE"}
ALPHA3 = {"FR": "FRA", "PT": "PRT", "ES": "ESP", "IT": "ITA", "BE": "BEL", "RO": "ROU", "MA": "MAR", "DZ": "DZA",
          "TN": "TUN", "SN": "SEN", "VN": "VNM", "DE": "DEU"}
COUNTRY_FR = {"PT": "Portugal", "ES": "Espagne", "IT": "Italie", "BE": "Belgique", "RO": "Roumanie",
              "MA": "Maroc", "DZ": "Algérie", "TN": "Tunisie", "SN": "Sénégal", "VN": "Viêt Nam"}
ACADEMY_TOWNS = [
    ("31000", "Toulouse"), ("31500", "Toulouse"), ("31700", "Blagnac"), ("31770", "Colomiers"), ("31600", "Muret"),
    ("31800", "Saint-Gaudens"), ("31200", "Toulouse"), ("81000", "Albi"), ("81100", "Castres"),
    ("81600", "Gaillac"), ("82000", "Montauban"), ("82100", "Castelsarrasin"), ("46000", "Cahors"),
    ("46100", "Figeac"), ("65000", "Tarbes"), ("65100", "Lourdes"), ("32000", "Auch"), ("32100", "Condom"),
    ("12000", "Rodez"), ("12100", "Millau"), ("09000", "Foix"), ("09100", "Pamiers"), ("31130", "Balma"),
]
OUTSIDE_TOWNS = [("33000", "Bordeaux"), ("34000", "Montpellier"), ("75011", "Paris"), ("11000", "Carcassonne"),
                 ("64000", "Pau"), ("47000", "Agen"), ("69003", "Lyon"), ("66000", "Perpignan")]
BIRTH_PLACES = ["Toulouse", "Albi", "Montauban", "Rodez", "Tarbes", "Auch", "Cahors", "Foix", "Castres",
                "Bordeaux", "Paris 14e", "Lyon 3e", "Marseille", "Perpignan", "Saint-Denis (974)", "Agen"]
STREETS = ["rue des Lilas", "avenue de Grande-Bretagne", "chemin de la Ménude", "allée Jean Jaurès",
           "rue du Taur", "boulevard Lascrosses", "impasse des Tilleuls", "route de Revel", "rue Pargaminières",
           "place du Capitole", "rue de l'Église", "avenue Saint-Exupéry", "rue Émile Zola", "chemin des Vignes"]


@dataclass(frozen=True)
class Person:
    """One candidate as the civil registry knows them; documents print views of it."""

    last_name: str
    first_names: tuple[str, ...]
    sex: str
    birth_date: date
    birth_place: str
    nationality: str
    usage_name: str | None
    street: str
    postal_code: str
    city: str

    def with_(self, **changes: object) -> Person:
        return replace(self, **changes)

    @property
    def email(self) -> str:
        return f"{ascii_fold(self.first_names[0]).lower()}.{ascii_fold(self.last_name).lower()}@exemple.fr".replace(
            " ", "").replace("'", "")


def ascii_fold(text: str) -> str:
    """Strip accents: 'Hélène' -> 'Helene'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def make_person(rng: random.Random, *, nationality: str = "FR", age_range: tuple[int, int] = (18, 24),
                ref: date = date(2021, 11, 1), outside: bool = False) -> Person:
    """Draw a plausible candidate of `nationality`, aged within `age_range` on `ref`."""
    sex = rng.choice("FM")
    if nationality == "FR":
        pool = FIRST_F if sex == "F" else FIRST_M
        n_first = rng.choices([1, 2, 3], [3, 5, 2])[0]
        first = tuple(rng.sample(pool, n_first))
        last = rng.choice(LAST_FR)
        if rng.random() < 0.08:
            last = f"{rng.choice(LAST_FR[:30])}-{rng.choice(LAST_FR[:30])}"
    else:
        f_f, f_m, lasts = FOREIGN[nationality]
        first = tuple(rng.sample(f_f if sex == "F" else f_m, rng.choice([1, 1, 2])))
        last = rng.choice(lasts)
    age = rng.randint(*age_range)
    birth = ref - timedelta(days=365 * age + rng.randint(10, 350))
    usage = None
    if sex == "F" and age >= 24 and rng.random() < 0.35:
        usage = rng.choice([n for n in LAST_FR if n != last])
    postal, city = rng.choice(OUTSIDE_TOWNS if outside else ACADEMY_TOWNS)
    street = f"{rng.randint(1, 120)}{rng.choice(['', '', ' bis', ' ter'])} {rng.choice(STREETS)}"
    place = rng.choice(BIRTH_PLACES) if nationality == "FR" else \
        f"{FOREIGN_CITIES.get(nationality, 'Lisbonne')} ({COUNTRY_FR.get(nationality, nationality)})"
    return Person(last, first, sex, birth, place, nationality, usage, street, postal, city)


def age_on(birth: date, day: date) -> int:
    """Full years between `birth` and `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def other_first_name(person: Person, rng: random.Random) -> str:
    """A first name the person does not have (a sibling's, a typo'd record)."""
    pool = FIRST_F if person.sex == "F" else FIRST_M
    folded = {fold(n) for n in person.first_names}
    return rng.choice([n for n in pool if fold(n) not in folded and "-" not in n])


def other_last_name(person: Person, rng: random.Random) -> str:
    """A surname that does not fold to the person's birth or usage name."""
    taken = {fold(person.last_name), fold(person.usage_name or "")}
    return rng.choice([n for n in LAST_FR if fold(n) not in taken])


def fold(text: str) -> str:
    """Compare names the way the contract does: case, accents, hyphens, apostrophes, spaces."""
    text = ascii_fold(text).lower()
    for ch in "-'’":
        text = text.replace(ch, " ")
    return " ".join(text.split())
