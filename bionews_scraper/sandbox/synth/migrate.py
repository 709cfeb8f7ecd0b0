"""Migrated copies: older stories that WordPress also serves, changed the ways the real migration changed them.

A share of the legacy and bionews2018 stories get a second page in the progress template at
``/<slug>/`` (a new post id, the slug without punctuation), whose "Published" date is moved by
days or weeks, whose first author has an honorific added or dropped, and which sometimes has a
re-typed headline or no issue link. A copy never loses both its headline and its issue link:
then nothing but its body would tie it to the original, and the story rule does not join on
bodies across issues. A copy without an issue link moves its date by at most two weeks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from bionews_scraper.sandbox.synth import text
from bionews_scraper.sandbox.synth.plan import PROGRESS_BASE, SLUG_RE, SitePlan, Story

MIGRATED_SHARE = 0.1  # of the legacy and bionews2018 stories
DATE_SHIFTS = (0, 1, 3, 4, 7, 11, 21, 28, 35)  # days later than the original
NEAR_SHIFTS = tuple(days for days in DATE_SHIFTS if days <= 14)  # for a copy without an issue link
RETYPED_SHARE = 0.15
NO_ISSUE_SHARE = 0.15
FIRST_COPY_POST_ID = 900000


@dataclass(frozen=True, slots=True)
class MigratedCopy:
    """One migrated page of ``original`` (an index into the plan's stories)."""

    original: int
    url: str
    headline: str
    published: date
    authors: tuple[str, ...]
    shows_issue: bool
    post_id: int


def plan_copies(plan: SitePlan, share: float = MIGRATED_SHARE) -> list[MigratedCopy]:
    """The migrated copies of a plan, drawn from a generator seeded by the plan's seed alone.

    Raises ValueError unless ``0 <= share <= 1``.
    """
    if not 0 <= share <= 1:
        raise ValueError(f"the migrated share must lie between 0 and 1, not {share}")
    rng = random.Random(f"{plan.seed}/migrate")
    slugs = {story.url for story in plan.stories if story.layout == "progress"}
    copies = []
    for story in plan.stories:
        if story.layout == "progress" or rng.random() >= share:
            continue
        retyped = rng.random() < RETYPED_SHARE
        shows_issue = retyped or rng.random() >= NO_ISSUE_SHARE
        headline = _retyped(plan.seed, story) if retyped else story.headline
        shift = rng.choice(DATE_SHIFTS if shows_issue else NEAR_SHIFTS)
        copies.append(
            MigratedCopy(
                original=story.index,
                url=_unique_url(headline, slugs),
                headline=headline,
                published=story.published + timedelta(days=shift),
                authors=_honorific_changed(story.authors),
                shows_issue=shows_issue,
                post_id=FIRST_COPY_POST_ID + story.index,
            )
        )
    return copies


def _retyped(seed: int, story: Story) -> str:
    """Another headline for the same story, as an editor might have re-typed it on migration."""
    return text.story_text(random.Random(f"{seed}/retype/{story.index}"), 0.0).headline


def _honorific_changed(authors: tuple[str, ...]) -> tuple[str, ...]:
    """The first author's honorific dropped, or "Dr" added: migrated pages show today's titles."""
    if not authors:
        return authors
    first, rest = authors[0], authors[1:]
    title, _, name = first.partition(" ")
    return ((name if title in text.HONORIFICS else f"Dr {first}"), *rest)


def _unique_url(headline: str, taken: set[str]) -> str:
    """``/<slug>/`` with punctuation dropped; WordPress answers a repeated slug with ``slug-2``..."""
    slug = SLUG_RE.sub("-", headline.lower().replace("’", "")).strip("-")
    url, n = f"{PROGRESS_BASE}{slug}/", 1
    while url in taken:
        n += 1
        url = f"{PROGRESS_BASE}{slug}-{n}/"
    taken.add(url)
    return url
