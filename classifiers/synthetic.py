"""Synthetic labelled page texts (varied wordings, OCR noise, bundles) for tests and fallback training."""

from __future__ import annotations

import random

from classifiers.corpus import LabelledPage
from classifiers.noise import add_ocr_noise
from classifiers.phrases import CLOSINGS, HEADERS, OTHER_KINDS, PHRASES

NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "N'Diaye",
    "Da Silva",
    "Nguyen",
    "Benali",
    "Roux",
]
FIRSTS = [
    "Léa",
    "Hugo",
    "Chloé",
    "Lucas",
    "Inès",
    "Nathan",
    "Manon",
    "Yanis",
    "Camille",
    "Théo",
    "Sarah",
    "Mehdi",
    "Emma",
    "Louis",
    "Jade",
    "Adam",
    "Zoé",
    "Enzo",
    "Anaïs",
    "Kévin",
]
CITIES = ["Toulouse", "Albi", "Montauban", "Rodez", "Cahors", "Tarbes", "Auch", "Foix", "Castres", "Muret"]
COMPANIES = [
    "SARL Bâti Sud",
    "Garage Occitan",
    "Boulangerie Dupain",
    "SAS Menuiserie du Tarn",
    "Mairie de Blagnac",
    "Clinique des Cèdres",
    "Transports Castel",
    "Électricité Pyrénées",
    "Carrefour Market",
    "EURL Infopro",
]
SPECIALTIES = [
    "Bâtiment",
    "Comptabilité et gestion",
    "Management commercial opérationnel",
    "Travaux publics",
    "Services informatiques aux organisations",
    "Négociation et digitalisation de la relation client",
]
JOBS = [
    "vendeur",
    "aide-comptable",
    "maçon",
    "technicien de maintenance",
    "assistante de direction",
    "serveur",
]
RENDER_NOISE = {"text_pdf": 0.0, "scan_png": 0.6, "scan_pdf": 0.6, "degraded_scan": 1.6, "phone_photo": 1.1}
MULTIPAGE = {
    "transcript": 0.6,
    "training_contract": 0.8,
    "identity_document": 0.3,
    "registration_confirmation": 0.2,
}


def _values(rng: random.Random) -> dict[str, str]:
    def d() -> str:
        return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1995, 2024)}"

    name, first, year = rng.choice(NAMES), rng.choice(FIRSTS), rng.randint(2015, 2023)
    return {
        "name": name,
        "first": first,
        "NAME": name.upper().replace(" ", "<"),
        "FIRST": first.upper(),
        "name2": rng.choice(NAMES),
        "first2": rng.choice(FIRSTS),
        "city": (city := rng.choice(CITIES)),
        "CITY": city.upper(),
        "date": d(),
        "date2": d(),
        "year": str(year),
        "year2": str(year + 1),
        "company": rng.choice(COMPANIES),
        "specialty": rng.choice(SPECIALTIES),
        "job": rng.choice(JOBS),
        "street": f"{rng.randint(1, 120)} rue {rng.choice(['des Lilas', 'Victor Hugo', 'de la Gare'])}",
        "postcode": f"{rng.choice(['31', '81', '82', '12', '46', '65'])}{rng.randint(0, 999):03d}",
        "phone": "05 " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4)),
        "siret": str(rng.randint(10**13, 10**14)),
        "ref": f"{rng.choice('ABCDXZ')}{rng.randint(1000, 99999)}",
        "digits": str(rng.randint(100, 999999)),
        "docno": f"{rng.randint(10, 99)}{rng.choice('ABCDEF')}{rng.randint(10000, 99999)}",
        "weeks": str(rng.randint(4, 12)),
        "days": str(rng.randint(20, 60)),
        "small": str(rng.randint(7, 21)),
        "hours": str(rng.choice([900, 1350, 1400, 1500, 1200])),
        "grade": f"{rng.randint(4, 18)},{rng.choice('05')}",
        "candno": str(rng.randint(10**9, 10**10)),
        "klass": rng.choice(["terminale", "BTS 1re année", "BTS 2e année"]),
        "school": rng.choice(["Déodat de Séverac", "Pierre-Paul Riquet", "Bellevue", "Jean Jaurès"]),
        "ine": f"{rng.randint(10**9, 10**10)}{rng.choice('ABCHK')}",
        "uai": f"0{rng.randint(100000, 999999)}X",
        "service": rng.choice(["comptabilité", "atelier", "accueil", "Syntec", "BTP"]),
        "pct": str(rng.choice([43, 53, 78])),
        "naf": f"{rng.randint(10, 96)}.{rng.randint(10, 99)}Z",
        "activity": rng.choice(["accueil client", "chantier"]),
        "p": "1",
        "n": "1",
    }


def _page_text(pool: dict[str, list[str]], rng: random.Random, values: dict[str, str], first: bool) -> str:
    lines = rng.sample(HEADERS, rng.randint(0, 4)) if first else []
    if first:
        lines.append(rng.choice(pool["title"]))
    body = pool["body"] if first or not pool.get("more") else pool["more"]
    lines += rng.sample(body, min(len(body), rng.randint(4, 9)))
    lines += rng.sample(CLOSINGS, rng.randint(0, 3))
    return "\n".join(lines).format_map(values)


def make_document(doc_type: str, rng: random.Random) -> list[str]:
    """Clean page texts of one document of `doc_type` (an 'other' document is a bill, letter, CV, ...)."""
    pool = OTHER_KINDS[rng.choice(sorted(OTHER_KINDS))] if doc_type == "other" else PHRASES[doc_type]
    n_pages = 1 + (rng.random() < MULTIPAGE.get(doc_type, 0.0)) + (doc_type == "training_contract")
    values = _values(rng)
    pages = []
    for index in range(n_pages):
        values.update(p=str(index + 1), n=str(n_pages))
        pages.append(_page_text(pool, rng, values, first=index == 0))
    if doc_type == "other" and rng.random() < 0.15:
        pages = [rng.choice(["", " ", "·", "- 2 -"])]  # a blank page
    return pages


def synthetic_pages(n_uploads: int, seed: int, bundle_share: float = 0.2) -> list[LabelledPage]:
    """Labelled pages of `n_uploads` uploads; some uploads are bundles of several documents."""
    rng = random.Random(seed)
    types = sorted(PHRASES) + ["other", "other"]
    out: list[LabelledPage] = []
    for upload in range(n_uploads):
        rendering = rng.choice(sorted(RENDER_NOISE))
        n_docs = rng.randint(2, 4) if rng.random() < bundle_share else 1
        doc_types = [rng.choice(types) for _ in range(n_docs)]
        if n_docs > 1 and rng.random() < 0.4:
            doc_types[1] = doc_types[0]  # two documents of the same type, one after the other
        number = 0
        for doc_type in doc_types:
            for index, text in enumerate(make_document(doc_type, rng)):
                number += 1
                noisy = add_ocr_noise(text, rng, RENDER_NOISE[rendering])
                out.append(
                    LabelledPage(
                        text=noisy,
                        doc_type=doc_type,
                        is_first_page=index == 0,
                        rendering=rendering,
                        group=f"syn{seed}-{upload // 3}",
                        file=f"syn{seed}-{upload}.pdf",
                        number=number,
                        source="text_layer" if rendering == "text_pdf" else "ocr",
                    )
                )
    return out


def generator_others(n_docs: int, seed: int) -> list[LabelledPage]:
    """'other' documents (bills, letters, CVs, bank details, blanks) drawn by the corpus generator's own
    builder, read from their text layer, some with OCR noise: the corpus holds few of them."""
    import io

    import pdfplumber

    from sample_docs.generator.documents import build
    from sample_docs.generator.dossiers import draw_candidate, other_spec
    from sample_docs.generator.sheet import Sheet

    rng, out = random.Random(seed), []
    for i in range(n_docs):
        sheet = Sheet()
        built = build(sheet, other_spec(draw_candidate(rng, {"faults": []}), rng))
        with pdfplumber.open(io.BytesIO(sheet.output())) as pdf:
            texts = [page.extract_text() or "" for page in pdf.pages]
        level = rng.choice([0.0, 0.6, 1.1, 1.6])
        for number, text in enumerate(texts, start=1):
            key = f"gen-other-{seed}-{i}"
            out.append(LabelledPage(
                add_ocr_noise(text, rng, level), "other", number == 1, f"gen_other:{built.layout}",
                key, f"{key}.pdf", number, "ocr" if level else "text_layer",
            ))
    return out
