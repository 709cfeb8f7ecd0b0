"""The plan of a synthetic site: its issues, eras, dates, stories and every page's URL.

A plan is small (a headline, names and a teaser per story); page bodies are generated only
when ``synth.py`` writes each page. Every random choice comes from a ``random.Random``
seeded with the site seed and a label, so a plan depends on its three numbers alone.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from bionews_scraper.sandbox.synth import text

# Layout, share of the issues, first and last issue date: issues 1..N run through the eras in order.
ERAS: tuple[tuple[str, float, date, date], ...] = (
    ("legacy", 0.45, date(2004, 1, 5), date(2018, 5, 28)),
    ("bionews2018", 0.25, date(2018, 6, 4), date(2021, 5, 31)),
    ("progress", 0.30, date(2021, 6, 7), date(2025, 6, 30)),
)
LAYOUTS: tuple[str, ...] = tuple(layout for layout, *_ in ERAS)
LEGACY_BASE = "http://www.bionews.org.uk/"
B2018_BASE = "https://www.bionews.org.uk/"
PROGRESS_BASE = "https://www.progress.org.uk/"
# Page ids: legacy ids have 6 digits, bionews2018 ids 5; consecutive pages leave small gaps.
ID_RANGES = {"legacy": (100000, 999999), "bionews2018": (10000, 99999)}
ID_GAP_MAX = 6
BYLINE_SHARE = 0.85  # most stories carry a By line
HEADLINE_DRAWS = 30  # tries for a headline not used yet; after that a repeat is accepted
PROGRESS_FIRST_POST_ID = 60000
SLUG_RE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Story:
    """One article as the rest of the site sees it."""

    index: int
    layout: str
    url: str
    text: text.StoryText
    issue: int
    published: date
    teaser: str

    @property
    def headline(self) -> str:
        return self.text.headline

    @property
    def authors(self) -> tuple[str, ...]:
        return self.text.authors

    @property
    def post_id(self) -> int:
        return PROGRESS_FIRST_POST_ID + self.index


@dataclass(frozen=True, slots=True)
class PlannedIssue:
    number: int
    layout: str
    url: str
    published: date
    stories: range  # indices into the plan's stories


@dataclass(frozen=True, slots=True)
class SitePlan:
    seed: int
    issues: list[PlannedIssue]
    stories: list[Story]

    def body_random(self, index: int) -> random.Random:
        """The generator a story's paragraphs come from; the same on every call."""
        return random.Random(f"{self.seed}/body/{index}")

    def links_random(self, index: int) -> random.Random:
        """The generator for a story page's related links, sources and layout variant."""
        return random.Random(f"{self.seed}/links/{index}")


def plan_site(articles: int, issues: int, seed: int) -> SitePlan:
    """Issues 1..``issues`` through the eras, ``articles`` stories spread over them.

    Raises ``ValueError`` unless ``3 <= issues <= articles`` and the page ids fit their digits.
    """
    if issues < 3 or articles < issues:
        raise ValueError(f"need at least 3 issues and one article per issue (got {articles} articles, {issues} issues)")
    rng = random.Random(f"{seed}/plan")
    counts = _spread(articles, issues, rng)
    plan = SitePlan(seed, [], [])
    taken: set[str] = set()
    slugs: dict[str, int] = {}
    number = 1
    for layout, count, first, last in _eras(issues):
        ids = _ids(layout, count + sum(counts[number - 1 : number - 1 + count]), rng)
        for k in range(count):
            published = date.fromordinal(
                first.toordinal() + k * (last.toordinal() - first.toordinal()) // max(1, count - 1)
            )
            start = len(plan.stories)
            for _ in range(counts[number - 1]):
                story = _story_text(random.Random(f"{seed}/story/{len(plan.stories)}"), taken)
                url = _article_url(layout, next(ids), story.headline, slugs)
                lead = text.paragraphs(plan.body_random(len(plan.stories)), story, lead_only=True)[0]
                plan.stories.append(Story(len(plan.stories), layout, url, story, number, published, text.teaser(lead)))
            plan.issues.append(
                PlannedIssue(
                    number, layout, _issue_url(layout, number, next(ids)), published, range(start, len(plan.stories))
                )
            )
            number += 1
    return plan


def _eras(issues: int) -> Iterator[tuple[str, int, date, date]]:
    legacy = max(1, round(issues * ERAS[0][1]))
    b2018 = max(1, round(issues * ERAS[1][1]))
    for (layout, _, first, last), count in zip(ERAS, (legacy, b2018, issues - legacy - b2018), strict=True):
        yield layout, count, first, last


def _spread(articles: int, issues: int, rng: random.Random) -> list[int]:
    """``articles`` split over ``issues``: about the mean each, never fewer than one."""
    base, extra = divmod(articles, issues)
    counts = [base] * issues
    for i in rng.sample(range(issues), extra):
        counts[i] += 1
    for i in range(0, issues - 1, 2):  # move up to a third between neighbours: uneven, same total
        moved = rng.randint(0, min(counts[i], counts[i + 1]) // 3)
        counts[i] -= moved
        counts[i + 1] += moved
    return counts


def _ids(layout: str, needed: int, rng: random.Random) -> Iterator[int]:
    """Increasing page ids with small gaps; progress pages have slugs and get zeros."""
    if layout not in ID_RANGES:
        while True:
            yield 0
    low, high = ID_RANGES[layout]
    if needed > high - low:
        raise ValueError(f"{needed} {layout} pages do not fit in {len(str(high))}-digit page ids")
    gap = max(1, min(ID_GAP_MAX, (high - low) // needed))
    current = low + rng.randint(0, gap)
    while True:
        yield current
        current += rng.randint(1, gap)


def _story_text(rng: random.Random, taken: set[str]) -> text.StoryText:
    for _ in range(HEADLINE_DRAWS):
        story = text.story_text(rng, BYLINE_SHARE)
        if story.headline not in taken:
            break
    taken.add(story.headline)
    return story


def _article_url(layout: str, page_id: int, headline: str, slugs: dict[str, int]) -> str:
    if layout == "legacy":
        return f"{LEGACY_BASE}page_{page_id}.asp"
    if layout == "bionews2018":
        return f"{B2018_BASE}page_{page_id}"
    slug = SLUG_RE.sub("-", headline.lower().replace("’", "")).strip("-")
    slugs[slug] = slugs.get(slug, 0) + 1  # WordPress answers a repeated title with slug-2, slug-3...
    return f"{PROGRESS_BASE}{slug}/" if slugs[slug] == 1 else f"{PROGRESS_BASE}{slug}-{slugs[slug]}/"


def _issue_url(layout: str, number: int, page_id: int) -> str:
    if layout == "legacy":
        return f"{LEGACY_BASE}page_{page_id}.asp"
    if layout == "bionews2018":
        return f"{B2018_BASE}page_{page_id}"
    return f"{PROGRESS_BASE}newsletter_issue/bionews-{number}/"
