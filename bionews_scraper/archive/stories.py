"""Stories: one article, however many pages captured it.

The same article lives at up to three URLs with no shared id (a legacy ``page_N.asp``, a
bionews2018 ``/page_M`` and a migrated WordPress ``/<slug>/``), so copies are found by what
they say. Two article records are the same story when

- they carry the same issue number and their headlines match after ``normalise_headline``
  (case, punctuation, quotes and dashes, a trailing full stop, a review prefix), or
- they carry the same issue number and their headlines nearly match (rapidfuzz ratio of at
  least ``HEADLINE_RATIO``) while their bodies share some text (``FUZZY_BODY_OVERLAP``), or
- they carry the same issue number and their bodies are nearly the same text (Jaccard
  similarity of word shingles of at least ``BODY_SIMILARITY``), whatever the headlines say, or
- one has no issue number, the normalised headlines are equal and the printed dates lie
  within ``DATE_WINDOW_DAYS`` days.

Never by author strings (titles and names change between eras) nor page ids (renumbered).
Comparisons stay inside blocks (one issue; one normalised headline), never all pairs; the
matches join transitively.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz

from bionews_scraper.archive.calendar import iso_date

HEADLINE_RATIO = 90  # rapidfuzz.fuzz.ratio of normalised headlines, 0-100
FUZZY_BODY_OVERLAP = 0.3  # a near-miss headline also needs this share of body shingles in common
BODY_SIMILARITY = 0.7  # Jaccard similarity of body shingles for "the same text"
SHINGLE_WORDS = 5
DATE_WINDOW_DAYS = 14

# Review and podcast prefixes older templates print as part of the headline, and WordPress may drop.
HEADLINE_PREFIX_RE = re.compile(
    r"^\s*(?:(?:film|book|event|theatre|theater|radio|tv|exhibition)\s+review|podcast|comment)\s*:\s*", re.I
)
APOSTROPHES_RE = re.compile(r"['‘’ʼ`´]")  # dropped, as WordPress slugs drop them: "father's" -> "fathers"
NOT_WORD_RE = re.compile(r"[^\w]+")  # other punctuation, quotes and dashes become spaces


def normalise_headline(headline: str) -> str:
    """``"Film Review: Anonymous Father’s Day."`` -> ``"anonymous fathers day"``."""
    text = unicodedata.normalize("NFKC", headline)
    text = HEADLINE_PREFIX_RE.sub("", text)
    text = APOSTROPHES_RE.sub("", text.casefold())
    return " ".join(NOT_WORD_RE.sub(" ", text).replace("_", " ").split())


def shingles(body: str) -> frozenset[int]:
    """Hashes of the body's runs of ``SHINGLE_WORDS`` normalised words (a short body: the whole)."""
    words = normalise_headline(body).split()
    if len(words) < SHINGLE_WORDS:
        return frozenset({hash(tuple(words))}) if words else frozenset()
    runs = zip(*(words[k:] for k in range(SHINGLE_WORDS)), strict=False)  # the same tuples as slicing, built faster
    return frozenset(map(hash, runs))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def similar(a: frozenset[int], b: frozenset[int], threshold: float) -> bool:
    """Jaccard(a, b) >= threshold; sets whose sizes alone rule it out are not intersected."""
    small, large = sorted((len(a), len(b)))
    return bool(large) and small / large >= threshold and jaccard(a, b) >= threshold


class _Copies:
    """Union-find over record indices: which records are copies of one story."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            found[self.find(i)].append(i)
        return list(found.values())


def group_copies(articles: Sequence[Mapping[str, Any]], body_of: Callable[[int], str] | None = None) -> list[list[int]]:
    """Indices of ``articles`` grouped into stories by the rule in this module's docstring.

    ``body_of(i)`` gives record i's body when the records were read without it (default: its
    ``body`` key). Bodies are asked for, and their shingles kept, one issue at a time: a
    10,000-article archive's shingles would take ~170 MB at once.
    """
    read_body = body_of or (lambda i: str(articles[i].get("body") or ""))
    heads = [normalise_headline(str(record.get("headline") or "")) for record in articles]
    bodies: dict[int, frozenset[int]] = {}

    def body(i: int) -> frozenset[int]:  # shingled only when a comparison needs it
        if i not in bodies:
            bodies[i] = shingles(read_body(i))
        return bodies[i]

    def pair(i: int, j: int) -> Callable[[float], bool]:
        return lambda threshold: similar(body(i), body(j), threshold)

    copies = _Copies(len(articles))
    by_issue: dict[int, list[int]] = defaultdict(list)
    by_headline: dict[str, list[int]] = defaultdict(list)
    for i, record in enumerate(articles):
        if isinstance(record.get("issue"), int):
            by_issue[record["issue"]].append(i)
        if heads[i]:
            by_headline[heads[i]].append(i)
    for block in by_issue.values():
        for i, j in combinations(block, 2):
            if _same_in_issue(heads[i], heads[j], pair(i, j)):
                copies.join(i, j)
        bodies.clear()  # a record is in one issue only: its shingles are not needed again
    for block in by_headline.values():
        for i, j in _within_window(articles, block):
            if _one_without_issue(articles[i], articles[j]):
                copies.join(i, j)
    return sorted(copies.groups())


def _within_window(articles: Sequence[Mapping[str, Any]], block: list[int]) -> Iterator[tuple[int, int]]:
    """Pairs of ``block`` whose printed dates lie within ``DATE_WINDOW_DAYS``: sorted by date, never all pairs."""
    dated = sorted((day, i) for i in block if (day := iso_date(articles[i].get("published"))) is not None)
    for k, (day, i) in enumerate(dated):
        for later, j in dated[k + 1 :]:
            if (later - day).days > DATE_WINDOW_DAYS:
                break
            yield i, j


def _same_in_issue(head_a: str, head_b: str, bodies_similar: Callable[[float], bool]) -> bool:
    if head_a and head_a == head_b:
        return True
    if head_a and head_b and fuzz.ratio(head_a, head_b) >= HEADLINE_RATIO:
        return bodies_similar(FUZZY_BODY_OVERLAP)
    return bodies_similar(BODY_SIMILARITY)


def _one_without_issue(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return not isinstance(a.get("issue"), int) or not isinstance(b.get("issue"), int)


def story_id(issue: int | None, headline: str, published: str | None = None) -> str:
    """Stable across runs: from the story's issue and normalised headline, never from a URL or page id.

    A story with no issue number adds its date: two such stories may share a headline.
    """
    key = f"{issue}|{normalise_headline(headline)}" + (f"|{published}" if issue is None else "")
    digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()
    return f"{issue if issue is not None else 'x'}-{digest[:12]}"
