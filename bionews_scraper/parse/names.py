"""Printed names: who a byline, an Authors heading or an affiliation line names.

Names are kept as printed (honorifics too); roles, institutions and site names are not people.
"""

from __future__ import annotations

import re

from bionews_scraper.parse.normalise import DIGIT_RE, parse_authors

# A co-author in an affiliation line is joined by "and" ("Reproduction Editor, and Dr Jess Buxton, ...").
CO_AUTHOR_JOIN_RE = re.compile(r"\band\b|&", re.IGNORECASE)
# Job titles in an affiliation line: the parts around a co-author's name are roles, not people.
ROLE_WORDS = frozenset(
    {
        "editor",
        "director",
        "lecturer",
        "reader",
        "fellow",
        "officer",
        "manager",
        "writer",
        "student",
        "researcher",
        "chair",
        "chief",
        "executive",
        "head",
        "consultant",
        "counsellor",
        "scientist",
        "correspondent",
        "coordinator",
        "assistant",
        "associate",
        "trustee",
        "member",
        "candidate",
        "president",
        "founder",
        "secretary",
        "adviser",
        "advisor",
        "analyst",
        "journalist",
        "volunteer",
        "intern",
        "phd",
        "deputy",
        "senior",
        "treasurer",
        "patron",
        "vice",
        "honorary",
        "chairman",
        "chairwoman",
        "chairperson",
        "critic",
        "freelance",
        "reviewer",
        "columnist",
        "reporter",
        "contributor",
        "presenter",
        "producer",
        "commentator",
        "campaigner",
        "representative",
        "advocate",
        "activist",
        "spokesperson",
        "spokeswoman",
        "spokesman",
        "specialist",
        "practitioner",
        "embryologist",
        "geneticist",
        "lawyer",
        "solicitor",
        "barrister",
        "physician",
        "surgeon",
        "obstetrician",
        "gynaecologist",
        "midwife",
        "bioethicist",
        "ethicist",
        "sociologist",
        "philosopher",
        "psychologist",
    }
)
# Words that open a person's printed name.
HONORIFICS = frozenset(
    {
        "dr",
        "professor",
        "prof",
        "mr",
        "mrs",
        "ms",
        "mx",
        "miss",
        "sir",
        "dame",
        "lord",
        "lady",
        "baroness",
        "baron",
        "revd",
        "rev",
    }
)
# A bracketed part of a printed name ("Dr Zhang Wei (张伟)"): kept as printed, not checked as a name.
BRACKETED_RE = re.compile(r"\s*\([^)]*\)")
# Fields of study: "Department of Genetics and Genomic Medicine" joins two fields, not two people.
FIELD_WORDS = frozenset(
    {
        "medicine",
        "genetics",
        "genomics",
        "biology",
        "science",
        "sciences",
        "health",
        "ethics",
        "bioethics",
        "research",
        "studies",
        "policy",
        "surgery",
        "obstetrics",
        "gynaecology",
        "reproduction",
        "embryology",
        "psychology",
        "sociology",
        "philosophy",
        "nursing",
        "pharmacology",
        "pathology",
        "paediatrics",
        "epidemiology",
        "biochemistry",
        "physiology",
        "law",
    }
)
# Lower-case words allowed inside a printed name ("Ana de la Cruz", "Jan van der Berg").
NAME_PARTICLES = frozenset(
    {
        "de",
        "da",
        "del",
        "della",
        "der",
        "den",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "bin",
        "al",
        "el",
        "y",
        "ter",
        "ten",
        "dos",
        "das",
        "des",
        "ap",  # Welsh: "Owain ap Rhys"
        "ab",
        "an",  # Irish: "Mac an tSaoir"
        "ibn",
        "bint",
        "zu",
    }
)
# A particle joined to the name ("al-Amin", "el-Sayed", "d'Souza") or an Irish eclipsis
# ("tSaoir", "nGael", "bhFear"): lower case first, a capital after it.
JOINED_NAME_WORD_RE = re.compile(r"^(?:(?:al|el|ad|as|ash|ben|bin|d|de|di|l|o)['’-]|[a-z]{1,2})[A-ZÀ-Þ]")
NAME_MAX_WORDS = 7
# Words that make an affiliation, not a person, of a comma-separated byline part.
INSTITUTION_WORDS = frozenset(
    {
        "university",
        "institute",
        "college",
        "hospital",
        "trust",
        "centre",
        "center",
        "school",
        "council",
        "foundation",
        "society",
        "clinic",
        "agency",
        "authority",
        "department",
        "nhs",
        "ltd",
        "limited",
        "association",
        "committee",
        "group",
        "network",
        "laboratory",
        "laboratories",
        "unit",
        "charity",
        "solicitors",
        "llp",
        "bionews",  # the newsletter itself, at the end of an affiliation ("Genetics Editor, BioNews")
        "pet",
    }
)


def is_name(text: str) -> bool:
    """A printed person's name: 1-7 words, each capitalised or a particle, no digits, and
    not an institution ("By Dr A Lee, Francis Crick Institute" names one person)."""
    words = BRACKETED_RE.sub("", text).replace(".", ". ").split()  # "Dr Zhang Wei (张伟)"
    if not 1 <= len(words) <= NAME_MAX_WORDS or DIGIT_RE.search(text):
        return False
    return all(word.lower().strip(",.") not in INSTITUTION_WORDS and _is_name_word(word) for word in words)


def _is_name_word(word: str) -> bool:
    return word[0].isupper() or word.lower() in NAME_PARTICLES or JOINED_NAME_WORD_RE.match(word) is not None


def byline_names(byline: str | None) -> list[str]:
    """The people a byline names, as printed; affiliations and roles left out
    (``"By Sarah Norwell, Director"`` names one person; ``"By Dr A Lee, Genetics Editor, and
    Dr B Khan, Reproduction Editor, BioNews"`` two). The first part is the author's name
    whatever its words; a later part with a job title's word in it is a role."""
    parts = parse_authors(byline)
    return [
        name
        for number, name in enumerate(parts)
        if is_name(name) and not is_role(name) and (number == 0 or _is_titled(name) or _has_no_role_word(name))
    ]


def _is_titled(text: str) -> bool:
    """Opens with an honorific: a person ("Professor James Head"), whatever job title's word
    the surname is; a role line never opens so ("Head of Reproductive Medicine")."""
    return text.split(" ", 1)[0].lower().rstrip(".") in HONORIFICS


def _has_no_role_word(text: str) -> bool:
    return ROLE_WORDS.isdisjoint(word.lower().strip(",.") for word in text.split())


def is_role(text: str) -> bool:
    """``Director``, ``Deputy Editor``: every word a job title's."""
    return all(word.lower().strip(",.") in ROLE_WORDS for word in text.split())


def is_author_name(text: str) -> bool:
    """A line under an ``Authors`` heading that is a name, not the role line under it."""
    return "," not in text and is_name(text) and (_is_titled(text) or _has_no_role_word(text))


def affiliation_names(text: str) -> list[str]:
    """Co-authors named inside an affiliation line: ``"Reproduction Editor, and Dr Jess Buxton,
    Genetics Editor, BioNews"`` -> ``["Dr Jess Buxton"]``. A co-author is what opens a part
    joined by "and" (up to its comma), when that is a person's name: roles and institutions
    ("Create Fertility and London Women's Clinic") are not people."""
    candidates = (part.split(",", 1)[0].strip(" .&") for part in CO_AUTHOR_JOIN_RE.split(text)[1:])
    return [
        name
        for name in candidates
        if len(name.split()) >= 2 and is_author_name(name) and FIELD_WORDS.isdisjoint(name.lower().split())
    ]
