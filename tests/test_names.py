"""Name folding and splitting: hypothesis states the contract."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from justif.names import fold_name, split_person

SURNAMES = ["DUPONT", "MOREAU", "N'DIAYE", "LEFÈVRE", "ÉLIE", "GARCÍA", "MÜLLER", "BÉNÉ", "OZ"]
FIRSTS = ["Marie", "Jean", "Anaïs", "Éloïse", "Jean-Pierre", "Chloé", "Noé", "Zoë", "Marc", "Hélène"]
PARTICLES = ["de", "du", "de la", "van", "d'"]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_folding_is_idempotent(s):
    assert fold_name(fold_name(s)) == fold_name(s)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(SURNAMES + FIRSTS))
def test_folding_ignores_case_accents_and_hyphens(name):
    assert fold_name(name.upper()) == fold_name(name.lower()) == fold_name(f"  {name} ")
    assert fold_name(name.replace("-", " ")) == fold_name(name)


@pytest.mark.parametrize(("a", "b"), [("Marie-Claire", "MARIE CLAIRE"), ("Lefèvre", "LEFEVRE"),
                                      ("d'Artagnan", "D ARTAGNAN"), ("Œuvray", "OEUVRAY"),
                                      ("N’Diaye", "n'diaye")])
def test_folded_equal(a, b):
    assert fold_name(a) == fold_name(b)


surname = st.builds(
    lambda parts, particle: (f"{particle} " if particle and particle != "d'" else particle or "")
    + "-".join(parts),
    st.lists(st.sampled_from(SURNAMES), min_size=1, max_size=2, unique=True),
    st.sampled_from([None, *PARTICLES]),
)
firsts = st.lists(st.sampled_from(FIRSTS), min_size=1, max_size=3, unique=True)


@settings(max_examples=200, deadline=None)
@given(surname, firsts, st.sampled_from(["{L} {F}", "{F} {L}", "{L}, {F}", "M. {F} {L}", "Madame {L} {F}"]))
def test_split_round_trips_in_every_order(last, first_names, layout):
    printed = layout.format(L=last, F=" ".join(first_names))
    assert split_person(printed) == (last, first_names, None)


@pytest.mark.parametrize(("printed", "expected"), [
    ("M. Jean-Pierre de LA FONTAINE", ("de LA FONTAINE", ["Jean-Pierre"], None)),
    ("Mme DUPONT épouse MARTIN Claire", ("DUPONT", ["Claire"], "MARTIN")),
    ("Claire MARTIN née DUPONT", ("DUPONT", ["Claire"], "MARTIN")),
    ("Claire DUPONT ép. MARTIN", ("DUPONT", ["Claire"], "MARTIN")),
    ("Mme Claire DUPONT veuve LE GOFF", ("DUPONT", ["Claire"], "LE GOFF")),
    ("DUPONT nom d'usage MARTIN Claire", ("DUPONT", ["Claire"], "MARTIN")),
    ("Madame Marie-Claire DUPONT-MOREAU", ("DUPONT-MOREAU", ["Marie-Claire"], None)),
    ("NGUYEN Van Minh", ("NGUYEN", ["Van", "Minh"], None)),
    ("JEAN DUPONT", ("JEAN", ["DUPONT"], None)),
    ("Jean Dupont", ("Dupont", ["Jean"], None)),
])
def test_split_examples(printed, expected):
    assert split_person(printed) == expected


def test_order_decides_when_case_says_nothing():
    assert split_person("MARIE DUPONT", order="first_last") == ("DUPONT", ["MARIE"], None)


def test_a_usage_name_with_a_particle_keeps_its_word() -> None:
    from justif.names import split_person
    assert split_person("Andreea Popescu épouse Le Bihan", order="first_last") == ("Popescu", ["Andreea"], "Le Bihan")


def test_garbled_card_labels_are_not_surnames() -> None:
    from extractors.person import label_like
    assert label_like("Surnanwe") and label_like("Given names")
    assert not any(label_like(n) for n in ("Martin", "Besnaïnou", "Simon", "Suarez", "Da Silva"))


def test_a_lone_letter_is_not_a_first_name() -> None:
    from extractors.person import full_name
    assert full_name("DUMITRESCU Andrei M", "last_first") == ("DUMITRESCU", ["Andrei"], None)
    assert full_name("Blagnac, le 17.03.2020", "last_first") is None  # a place and a date, not a person


@pytest.mark.parametrize(("printed", "expected"), [
    ("Di Stefano Lorenzo", ("Di Stefano", ["Lorenzo"], None)),  # build/holdout6 B0042
    ("Le Bihan Hélène épouse Roux", ("Le Bihan", ["Hélène"], "Roux")),  # build/holdout5 B0011
    ("Lorenzo Di Stefano", ("Di Stefano", ["Lorenzo"], None)),
])
def test_a_name_opening_with_a_particle_is_printed_surname_first(printed: str, expected: tuple) -> None:
    assert split_person(printed, order="first_last") == expected


@pytest.mark.parametrize(("printed", "expected"), [
    ("Anne-Sophie de Villèle", ("de Villèle", ["Anne-Sophie"], None)),  # build/holdout3 B0041
    ("Jean d'Ormesson", ("d'Ormesson", ["Jean"], None)),
    ("Nguyen Van Duc", ("Nguyen", ["Van", "Duc"], None)),  # a capitalised 'Van' is a given name's word
    ("Dupont Marie", ("Dupont", ["Marie"], None)),
])
def test_a_particle_printed_small_within_a_name_opens_the_surname(printed: str, expected: tuple) -> None:
    assert split_person(printed, order="last_first") == expected


def test_a_letter_naming_the_person_by_surname_orders_an_ambiguous_full_name() -> None:
    """'Baptiste Yannick': two given-name-like words, no capitals; 'Monsieur Baptiste nous quitte' further
    on says which is the surname (build/holdout7 B0043). Without that mention the name stays unread."""
    from extractors import extract
    from justif.domain import Page

    letter = ("Lacombe Transports SAS certifie avoir employé Monsieur Baptiste Yannick pour la période\n"
              "du 27/01/2014 au 16/10/2014. Emploi occupé : assistant(e) de direction.")
    told = letter + " Monsieur Baptiste\nnous quitte libre de tout engagement."
    fields = extract("employment_certificate", [Page(file="a", number=1, text=told, source="text_layer")]).fields
    assert (fields["last_name"], fields["first_names"]) == ("Baptiste", ["Yannick"])
    fields = extract("employment_certificate", [Page(file="a", number=1, text=letter, source="text_layer")]).fields
    assert fields["last_name"] is None


def test_ait_opens_a_surname_as_ben_and_el_do() -> None:
    """'Ait Ouali Salma' (build/holdout7 B0046, a text layer): 'Ait' is a Berber name's particle."""
    assert split_person("Ait Ouali Salma", order="last_first") == ("Ait Ouali", ["Salma"], None)
    assert split_person("Imane Aït Ouali", order="first_last") == ("Aït Ouali", ["Imane"], None)


def test_a_line_of_words_that_are_no_given_names_is_no_person() -> None:
    """The name-line fallback takes a line only when its given names are all known ones."""
    from extractors.common import Collector
    from extractors.person import find_name_line
    from justif.domain import Page

    for text, expected in (("Session 2020\nBTS Communication\nEURL Informatique", None),
                           ("Session 2019\nLE BIHAN Hélène épouse ROUX\n3 MAI 1987", "LE BIHAN")):
        out = Collector(("last_name", "first_names", "usage_name"))
        find_name_line([Page(file="a", number=1, text=text, source="ocr")], out)
        assert out.fields["last_name"] == expected
