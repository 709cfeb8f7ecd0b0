"""Invented news text for the synthetic site: headlines, names, paragraphs, teasers.

Everything is drawn from the small vocabulary below with a caller's ``random.Random``,
so the same generator state always gives the same words. The prose is made up for this
project (genetics, IVF and stem-cell news in BioNews' register); no sentence is copied.
Every character is in windows-1252, so legacy pages can carry the same text as bytes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# --- People: invented names; a few accented ones exercise the encodings -------------------
FIRST_NAMES: tuple[str, ...] = (
    "Alys",
    "Amara",
    "Bethan",
    "Callum",
    "Dara",
    "Eamon",
    "Elif",
    "Farah",
    "Gideon",
    "Hollis",
    "Idris",
    "Ines",
    "Jonah",
    "Kasia",
    "Leofric",
    "Maren",
    "Nkem",
    "Orla",
    "Pavel",
    "Quinn",
    "Rosalind",
    "Sanjeev",
    "Tamsin",
    "Ulrike",
    "Vikram",
    "Wren",
    "Yusra",
    "Zoë",
    "Renée",
    "Tobias",
    "Marisol",
    "Ewan",
    "Priyanka",
    "Cormac",
    "Signe",
    "Abebe",
    "Lowri",
    "Mateo",
    "Saoirse",
    "Héloïse",
)
SURNAMES: tuple[str, ...] = (
    "Ashdown",
    "Bellweather",
    "Carrow",
    "Delacourt",
    "Ellery",
    "Fairbairn",
    "Greaves",
    "Halloran",
    "Ingleby",
    "Jessup",
    "Kettering",
    "Lindqvist",
    "Mabry",
    "Nakagawa",
    "Oyelaran",
    "Penhale",
    "Quarshie",
    "Rossiter",
    "Strachan",
    "Thorne",
    "Umeadi",
    "Varga",
    "Westlake",
    "Yardley",
    "Zielinski",
    "Brannock",
    "Cheung-Hale",
    "Dunmore",
    "Escobedo",
    "Fennimore",
    "Gallacher",
    "Hartigan",
    "Iwu",
    "Kowalczyk",
    "Lestrange",
    "Moreau",
    "Ní Bhriain",
    "Okonjo",
    "Pemberton-Roy",
    "Sørensen",
)
HONORIFICS: tuple[str, ...] = ("Dr", "Professor")
HONORIFIC_SHARE = 0.25

# --- Places and publications, all invented -------------------------------------------------
INSTITUTIONS: tuple[str, ...] = (
    "the University of Eastmoor",
    "the Kingsbridge Institute",
    "Northgate Fertility Centre",
    "the Harrowfield Genome Unit",
    "St Aldric's Hospital",
    "the Larchmont Stem Cell Institute",
    "the University of Westhaven",
    "the Caldwell Centre for Reproductive Health",
)
JOURNALS: tuple[str, ...] = (
    "Annals of Embryo Science",
    "Reproductive Genomics Letters",
    "the Journal of Cell Renewal",
    "Human Heredity Review",
    "Fertility Frontiers",
    "Molecular Medicine Reports East",
)
OUTLETS: tuple[tuple[str, str], ...] = (
    ("The Daily Clarion", "www.example.com"),
    ("Science Wire", "www.example.org"),
    ("Health Ledger", "www.example.net"),
    ("The Morning Courant", "www.example.com"),
)

# --- Topics: what a story is about ----------------------------------------------------------
CONDITIONS: tuple[str, ...] = (
    "early hearing loss",
    "inherited blindness",
    "sickle cell disease",
    "a rare muscle disorder",
    "recurrent miscarriage",
    "male infertility",
    "premature ovarian insufficiency",
    "a childhood epilepsy",
    "inherited heart disease",
    "cystic fibrosis",
    "mitochondrial disease",
    "a rare kidney condition",
    "endometriosis",
    "polycystic ovary syndrome",
    "Huntington’s disease",
    "spinal muscular atrophy",
    "a form of childhood leukaemia",
    "thin womb lining",
    "low egg reserve",
    "an inherited form of diabetes",
)
TECHNIQUES: tuple[str, ...] = (
    "Gene therapy",
    "Base editing",
    "A stem cell patch",
    "Mitochondrial donation",
    "Engineered immune cells",
    "Lab-grown tissue",
    "Prime editing",
    "An RNA drug",
    "Womb transplantation",
    "Ovarian tissue freezing",
)
EFFECTS: tuple[str, ...] = (
    "restores hearing",
    "improves vision",
    "repairs damaged hearts",
    "reverses nerve damage",
    "protects kidney function",
    "rebuilds damaged cartilage",
    "corrects a blood disorder",
    "extends fertility",
)
MODELS: tuple[str, ...] = (
    "in mice",
    "in pigs",
    "in an early trial",
    "in patient cells",
    "in monkeys",
    "in a small study",
)
DISCOVERY_TEAMS: tuple[str, ...] = (
    "Researchers",
    "Scientists",
    "Geneticists",
    "A UK team",
    "Embryologists",
    "Stem cell biologists",
    "A Scandinavian team",
    "Fertility researchers",
)
DISCOVERY_VERBS: tuple[str, ...] = ("identify", "pinpoint", "map", "describe", "uncover", "trace")
FINDINGS: tuple[str, ...] = (
    "gene variant linked to {condition}",
    "new cause of {condition}",
    "protein behind {condition}",
    "early warning sign of {condition}",
    "hidden genetic driver of {condition}",
)
GROUPS: tuple[str, ...] = (
    "MPs",
    "Patient groups",
    "Clinic directors",
    "Fertility charities",
    "The fertility regulator",
    "Bioethicists",
    "Donor-conceived adults",
    "Health ministers",
)
POLICY_VERBS: tuple[str, ...] = ("urge review of", "call for changes to", "question", "welcome", "back", "criticise")
POLICIES: tuple[str, ...] = (
    "storage limit on frozen eggs",
    "NHS funding for IVF",
    "the 14-day rule",
    "donor anonymity rules",
    "licences for embryo testing",
    "costs of IVF ‘add-ons’",
    "guidance on embryo models",
    "newborn genome screening",
    "limits on surrogacy payments",
    "the age limit for treatment",
    "genetic testing sold online",
    "consent rules for stored embryos",
    "fertility care for same-sex couples",
    "research on embryo models",
    "egg freezing offered by employers",
    "the register of donor information",
)
EXPOSURES: tuple[str, ...] = (
    "Air pollution",
    "Shift work",
    "Heavy drinking",
    "Poor sleep",
    "A high-sugar diet",
    "Long-term stress",
    "Vitamin D",
    "Regular exercise",
    "Paternal age",
)
OUTCOMES: tuple[str, ...] = (
    "lower sperm counts",
    "better IVF success",
    "smaller egg reserves",
    "earlier menopause",
    "healthier embryos",
    "higher miscarriage risk",
    "faster ageing of eggs",
)
OPINIONS: tuple[str, ...] = (
    "{policy} deserves a proper public debate",
    "it is time to rethink {policy}",
    "patients need honesty about {policy}",
    "{policy}: time for a rethink",
    "what the argument over {policy} gets wrong",
    "the case for reviewing {policy}",
    "we should listen to patients on {policy}",
    "the evidence on {policy} is clearer than we admit",
)
POPULATIONS: tuple[str, ...] = (
    "older fathers",
    "young women",
    "IVF patients",
    "twins",
    "night-shift nurses",
    "city dwellers",
    "teenagers",
    "egg donors",
)
CITIES: tuple[str, ...] = (
    "Leeds",
    "Bristol",
    "Cardiff",
    "Belfast",
    "Glasgow",
    "Norwich",
    "Exeter",
    "Aberdeen",
    "Hull",
    "Leicester",
    "Swansea",
    "Dundee",
)
FACILITY_EVENTS: tuple[str, ...] = (
    "Freezer fault damages stored embryos at {city} clinic",
    "Inspectors find failings at {city} fertility unit",
    "Record demand for egg freezing at {city} clinic",
    "Waiting lists for IVF grow in {city}",
    "{city} hospital opens new genomics laboratory",
    "Sperm bank in {city} appeals for more donors",
)
PROCEDURES: tuple[str, ...] = (
    "womb transplant",
    "ovarian tissue graft",
    "mitochondrial donation",
    "in vitro maturation of eggs",
    "testicular tissue freezing",
    "embryo genome screening",
)
COUNTRIES: tuple[str, ...] = (
    "Scotland",
    "Wales",
    "Ireland",
    "Norway",
    "Portugal",
    "Canada",
    "Japan",
    "Australia",
    "Chile",
    "Kenya",
)
# Invented gene symbols (no real gene is meant).
GENES: tuple[str, ...] = (
    "FERT3",
    "OVA12",
    "SPRX7",
    "GAMT4",
    "EMBR2",
    "ZNF9B",
    "CILK1",
    "MITO5",
    "HRTX2",
    "NEUR8",
    "PLAC6",
    "TESK9",
    "FOLX3",
    "GRAN2",
    "MEIO7",
    "CENT4",
)
TRAITS: tuple[str, ...] = (
    "egg quality",
    "sperm movement",
    "early puberty",
    "twin births",
    "embryo survival",
    "placenta growth",
    "hearing in later life",
    "heart rhythm",
    "age at menopause",
    "birth weight",
    "sperm count",
    "womb lining thickness",
)
COMMENT_SHARE = 0.1
# How often each headline shape is drawn: roughly its number of combinations, so repeats stay rare.
HEADLINE_SHAPE_WEIGHTS: tuple[int, ...] = (40, 10, 10, 10, 5, 3, 22)

# --- Sentence templates for body paragraphs ------------------------------------------------
LEAD_SENTENCES: tuple[str, ...] = (
    "{team} at {institution} report that {topic} could change how clinics approach {condition}.",
    "A study of {number:,} families has shed new light on {condition}, according to work published in {journal}.",
    "Doctors have described the first attempt to use {technique_lower} against {condition} in the UK.",
    "New figures suggest that {percent} percent of patients are unaware of the evidence on {topic}.",
    "A long-awaited review of {topic} has been published, with {number} recommendations for change.",
)
SENTENCES: tuple[str, ...] = (
    "The team followed {number:,} participants for up to {years} years.",
    "{name}, who led the work at {institution}, said the results were ‘encouraging but early’.",
    "Further studies will be needed before the approach can be offered to patients, the authors cautioned.",
    "About {percent} percent of those treated showed a clear response after {months} months.",
    "The work was funded by a charity grant of £{money:,}.",
    "Critics argue that the sample was small and drawn from a single clinic.",
    "“We have to be careful not to promise too much,” said {name}, who was not involved in the study.",
    "Some patients pay more than £{money:,} for treatment that is not available on the NHS.",
    "The researchers plan to repeat the experiment in a larger group next year.",
    "Clinics will be asked to publish their own figures from {year} onwards.",
    "A spokesperson for {institution} said that patient safety remained the first priority.",
    "The findings appear in {journal}.",
    "Earlier work had suggested a link, but could not rule out chance – this study was designed to do so.",
    "Patient groups welcomed the news, while asking for clearer information about costs.",
    "{name} described the result as ‘an important step’ for families affected by {condition}.",
    "The regulator said it would consider the evidence carefully before issuing new guidance.",
    "Only {percent} percent of clinics that were asked agreed to take part.",
    "The next phase will recruit patients at {number} hospitals across the UK.",
    "{name} said that families had waited a long time for answers.",
    "None of the participants reported serious side effects during the follow-up period.",
    "The approach has so far been tested only in cells grown in the laboratory.",
    "Writing in {journal}, the team said their method was cheaper than current tests.",
    "Parliament last looked at the issue in {year}, when the rules were tightened.",
    "The cost of a single cycle can reach £{money:,} at some private clinics.",
    "{name}, a counsellor who works with donor-conceived people, urged caution.",
    "The authors say a larger trial is already being planned.",
    "Independent experts said the statistics had been handled carefully.",
    "Ethicists have asked who will decide which conditions should be tested for.",
)
PARAGRAPHS_MIN, PARAGRAPHS_MAX = 3, 6
SENTENCES_MIN, SENTENCES_MAX = 2, 4
TEASER_LENGTH = 150


@dataclass(frozen=True, slots=True)
class StoryText:
    """What a story says about itself: headline, authors, and the topic its body follows."""

    headline: str
    authors: tuple[str, ...]  # names as printed, honorifics kept
    condition: str
    topic: str


def person(rng: random.Random) -> str:
    """An invented name, sometimes with an honorific: ``"Dr Maren Thorne"``."""
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    return f"{rng.choice(HONORIFICS)} {name}" if rng.random() < HONORIFIC_SHARE else name


def story_text(rng: random.Random, byline_share: float) -> StoryText:
    """A headline and its authors (none for a share ``1 - byline_share`` of stories)."""
    condition = rng.choice(CONDITIONS)
    policy = rng.choice(POLICIES)
    if rng.random() < COMMENT_SHARE:
        opinion = rng.choice(OPINIONS).format(policy=policy)
        return StoryText(f"Comment: {opinion[0].upper()}{opinion[1:]}", (person(rng),), condition, policy)
    headline, topic = _news_headline(rng, condition, policy)
    count = 0 if rng.random() >= byline_share else (1 if rng.random() < 0.8 else rng.choice((2, 3)))
    return StoryText(headline, tuple(person(rng) for _ in range(count)), condition, topic)


def _news_headline(rng: random.Random, condition: str, policy: str) -> tuple[str, str]:
    """``(headline, topic)`` in one of the shapes news headlines take."""
    shape = rng.choices(range(len(HEADLINE_SHAPE_WEIGHTS)), HEADLINE_SHAPE_WEIGHTS)[0]
    if shape == 0:
        finding = rng.choice(FINDINGS).format(condition=condition)
        return f"{rng.choice(DISCOVERY_TEAMS)} {rng.choice(DISCOVERY_VERBS)} {finding}", finding
    if shape == 1:
        technique = rng.choice(TECHNIQUES)
        return f"{technique} {rng.choice(EFFECTS)} {rng.choice(MODELS)}", technique.lower()
    if shape == 2:
        return f"{rng.choice(GROUPS)} {rng.choice(POLICY_VERBS)} {policy}", policy
    if shape == 3:
        exposure = rng.choice(EXPOSURES)
        return (
            f"{exposure} linked to {rng.choice(OUTCOMES)} in {rng.choice(POPULATIONS)}, study finds",
            exposure.lower(),
        )
    if shape == 4:
        return rng.choice(FACILITY_EVENTS).format(city=rng.choice(CITIES)), "fertility services"
    if shape == 5:
        procedure = rng.choice(PROCEDURES)
        return f"First baby born after {procedure} in {rng.choice(COUNTRIES)}", procedure
    gene = rng.choice(GENES)
    return f"{rng.randint(5, 40)}-year study links {gene} gene to {rng.choice(TRAITS)}", f"the {gene} gene"


def paragraphs(rng: random.Random, story: StoryText, lead_only: bool = False) -> list[str]:
    """3-6 body paragraphs about ``story``; the first is the lead the teasers quote.

    ``lead_only`` stops after the lead: the same first paragraph, for a fresh ``rng`` in
    the same state, as the full call gives.
    """
    slots = _slots(rng, story)
    deck = rng.sample(SENTENCES, len(SENTENCES))  # no sentence twice in one story
    lead = [rng.choice(LEAD_SENTENCES).format(**slots)]
    lead += [_sentence(rng, deck.pop(), slots) for _ in range(rng.randint(1, 2))]
    found = [" ".join(lead)]
    if lead_only:
        return found
    for _ in range(rng.randint(PARAGRAPHS_MIN, PARAGRAPHS_MAX) - 1):
        count = min(len(deck), rng.randint(SENTENCES_MIN, SENTENCES_MAX))
        found.append(" ".join(_sentence(rng, deck.pop(), slots) for _ in range(count)))
    return found


def teaser(lead: str) -> str:
    """The start of a lead paragraph cut at a word, ending in ``...``, as listings print it."""
    cut = lead if len(lead) <= TEASER_LENGTH else lead[:TEASER_LENGTH].rsplit(" ", 1)[0]
    return cut.rstrip(" .,;:–") + "..."


def source_title(rng: random.Random, story: StoryText) -> str:
    """A plausible headline for a piece of outside coverage of ``story``."""
    subject = story.topic[0].upper() + story.topic[1:]
    return rng.choice(
        (
            f"{subject}: what the new study shows",
            f"Experts divided over {story.topic}",
            f"{subject} under the spotlight",
        )
    )


def _slots(rng: random.Random, story: StoryText) -> dict[str, object]:
    return {
        "team": rng.choice(DISCOVERY_TEAMS),
        "institution": rng.choice(INSTITUTIONS),
        "journal": rng.choice(JOURNALS),
        "condition": story.condition,
        "topic": story.topic,
        "technique_lower": rng.choice(TECHNIQUES).lower(),
        "name": person(rng),
        "number": rng.randint(12, 4800),
        "percent": rng.randint(4, 87),
        "years": rng.randint(2, 15),
        "months": rng.randint(3, 18),
        "money": rng.randrange(1000, 60000, 250),
        "year": rng.randint(2005, 2026),
    }


def _sentence(rng: random.Random, template: str, slots: dict[str, object]) -> str:
    if rng.random() < 0.3:  # a second voice now and then
        slots = {**slots, "name": person(rng)}
    return template.format(**slots)
