"""A synthetic BioNews site of any size, in all three layouts, for crawl tests and benchmarks.

``write_site(root, articles=10000, issues=500, seed=0)`` writes ``root/<host>/<path>`` files
that ``bionews serve`` and ``SiteServer`` serve, plus ``start_urls.txt`` and ``manifest.json``
(what a correct crawl must find). Issues 1..N run in order through the eras (the first ~45%
legacy, the next ~25% bionews2018, the last ~30% progress), articles spread over them.
The same arguments always give byte-identical files: the plan (``plan.py``) draws every
choice from seeded generators and nothing reads a clock. Pages are rendered and written one
at a time; only the small plan stays in memory.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from bionews_scraper.sandbox.synth import pages, progress, text
from bionews_scraper.sandbox.synth.migrate import MIGRATED_SHARE, MigratedCopy, plan_copies
from bionews_scraper.sandbox.synth.plan import (
    B2018_BASE,
    LAYOUTS,
    LEGACY_BASE,
    PROGRESS_BASE,
    PlannedIssue,
    SitePlan,
    Story,
    plan_site,
)

BIONEWS_HOST = "www.bionews.org.uk"
PROGRESS_HOST = "www.progress.org.uk"
START_URLS = (f"{LEGACY_BASE}page_2.asp", f"{B2018_BASE}bionews-archive", f"{PROGRESS_BASE}sitemap_index.xml")
ROBOTS = {
    BIONEWS_HOST: "User-agent: *\nDisallow:\n",
    PROGRESS_HOST: f"User-agent: *\nDisallow:\n\nSitemap: {PROGRESS_BASE}sitemap_index.xml\n",
}
LISTING_PAGE_SIZE = 100  # issues per archive page
SITEMAP_PAGE_SIZE = 1000  # URLs per sitemap file
RELATED_WINDOW = 60  # related stories are picked among this many neighbours of the same era
RELATED_MIN, RELATED_MAX = 2, 3
SOURCES_SHARE = {"legacy": 0.0, "bionews2018": 1.0, "progress": 0.4}
OUTSIDE_HOSTS = tuple(sorted({host for _, host in text.OUTLETS} | {"www.facebook.com"}))
RENDER_ARTICLE = {
    "legacy": pages.legacy_article,
    "bionews2018": pages.b2018_article,
    "progress": progress.progress_article,
}
RENDER_ISSUE = {"legacy": pages.legacy_issue, "bionews2018": pages.b2018_issue, "progress": progress.progress_issue}
MANIFEST_NOTES = (
    "A synthetic site written by bionews_scraper.sandbox.synth.write_site: what a correct crawl of it from start_urls must produce.",
    "articles, issues: the records a crawl writes, keyed by the URL each page is reached at (http for legacy page_N.asp, https otherwise).",
    "Legacy and bionews2018 issue pages are reached through their era's paginated archive (Next links); progress pages through the sitemaps.",
    "Related links stay inside a story's era and point only at listed articles; source links go to outside_hosts and are never followed.",
    "Migrated copies (synth/migrate.py) are progress pages of older stories, listed in the post sitemaps and in articles and article_details with what they print.",
    "stories: the true stories, each the URLs of its original and its migrated copy if any; bionews stories must find exactly these.",
)


@dataclass(frozen=True, slots=True)
class SynthSummary:
    """What ``write_site`` wrote."""

    root: Path
    articles: int  # stories; their migrated copies are counted apart
    issues: int
    migrated: int  # migrated copies written (progress pages of older stories)
    by_layout: dict[str, dict[str, int]]  # layout -> {"articles": n, "issues": n}
    files: int  # every file written, manifest.json and start_urls.txt included
    bytes: int
    start_urls: tuple[str, ...]


@dataclass(slots=True)
class _Writer:
    root: Path
    files: int = 0
    size: int = 0  # bytes written
    folders: set[Path] = field(default_factory=set)

    def write(self, relative: str, data: bytes) -> None:
        target = self.root / relative
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        target.write_bytes(data)
        self.files += 1
        self.size += len(data)


def write_site(
    root: Path, articles: int = 10000, issues: int = 500, seed: int = 0, migrated: float = MIGRATED_SHARE
) -> SynthSummary:
    """Write a synthetic site of ``articles`` stories in ``issues`` issues under ``root``.

    A share ``migrated`` of the legacy and bionews2018 stories also get a migrated progress
    copy (``migrate.py``). ``root`` must be missing or empty: stale pages would break the
    manifest's promise. Raises ``ValueError`` unless ``3 <= issues <= articles`` (and the page
    ids fit their digits) and ``0 <= migrated <= 1``, ``FileExistsError`` if ``root`` holds anything.
    """
    root = Path(root)
    plan = plan_site(articles, issues, seed)
    copies = plan_copies(plan, migrated)
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty")
    writer = _Writer(root)
    for issue in plan.issues:
        for index in issue.stories:
            _write_article(writer, plan, plan.stories[index], issue)
        entries = [_teaser(plan.stories[i], issue.layout) for i in issue.stories]
        writer.write(
            _file_of(issue.url),
            RENDER_ISSUE[issue.layout](pages.IssuePage(issue.url, issue.number, issue.published, entries)),
        )
    for copy in copies:
        _write_copy(writer, plan, copy)
    _write_listings(writer, plan.issues)
    _write_sitemaps(writer, plan, copies)
    for host, body in ROBOTS.items():
        writer.write(f"{host}/robots.txt", body.encode("ascii"))
    writer.write("start_urls.txt", "".join(f"{url}\n" for url in START_URLS).encode("utf-8"))
    counts = _counts(plan)
    manifest = _manifest(plan, copies, counts, files=writer.files + 1)
    writer.write("manifest.json", (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return SynthSummary(root, articles, issues, len(copies), counts, writer.files, writer.size, START_URLS)


def _file_of(url: str) -> str:
    """``https://host/a/b/`` -> ``"host/a/b/index.html"``: where the server looks for it."""
    host, _, path = url.split("://", 1)[1].partition("/")
    return f"{host}/{path}index.html" if path.endswith("/") or not path else f"{host}/{path}"


def _href(url: str, layout: str) -> str:
    """How a page of ``layout`` prints a link to ``url``: legacy pages link relatively."""
    return url.removeprefix(LEGACY_BASE) if layout == "legacy" and url.startswith(LEGACY_BASE) else url


def _teaser(story: Story, layout: str) -> pages.Teaser:
    return pages.Teaser(story.headline, _href(story.url, layout), story.published, story.authors, story.teaser)


def _write_article(writer: _Writer, plan: SitePlan, story: Story, issue: PlannedIssue) -> None:
    links = plan.links_random(story.index)
    page = pages.ArticlePage(
        url=story.url,
        headline=story.headline,
        published=story.published,
        authors=story.authors,
        issue=issue.number,
        issue_href=_href(issue.url, story.layout),
        paragraphs=text.paragraphs(plan.body_random(story.index), story.text),
        related=[_teaser(plan.stories[i], story.layout) for i in _related(plan.stories, story, links)],
        sources=_sources(story, links),
        variant=links.randrange(10),
        post_id=story.post_id,
        modified=_modified(story),
    )
    writer.write(_file_of(story.url), RENDER_ARTICLE[story.layout](page))


def _write_copy(writer: _Writer, plan: SitePlan, copy: MigratedCopy) -> None:
    """A migrated progress page of an older story: the same body and related stories, its own URL and details."""
    story = plan.stories[copy.original]
    links = plan.links_random(story.index)
    page = pages.ArticlePage(
        url=copy.url,
        headline=copy.headline,
        published=copy.published,
        authors=copy.authors,
        issue=story.issue,
        issue_href=f"{PROGRESS_BASE}newsletter_issue/bionews-{story.issue}/" if copy.shows_issue else "",
        paragraphs=text.paragraphs(plan.body_random(story.index), story.text),
        related=[_teaser(plan.stories[i], "progress") for i in _related(plan.stories, story, links)],
        sources=[],
        variant=0,
        post_id=copy.post_id,
        modified=pages.london_iso(copy.published, 10, 0),
    )
    writer.write(_file_of(copy.url), progress.progress_article(page))


def _modified(story: Story) -> str:
    """When a progress post was last edited: later on its publication day."""
    return pages.london_iso(story.published, 9 + story.index % 9, story.index * 7 % 60)


def _related(stories: list[Story], story: Story, rng: random.Random) -> list[int]:
    """2-3 other stories of the same era, near this one in time."""
    low, high = max(0, story.index - RELATED_WINDOW), min(len(stories), story.index + RELATED_WINDOW + 1)
    pool = [i for i in range(low, high) if i != story.index and stories[i].layout == story.layout]
    return rng.sample(pool, min(len(pool), rng.randint(RELATED_MIN, RELATED_MAX)))


def _sources(story: Story, rng: random.Random) -> list[tuple[str, str]]:
    """Outside coverage for the "Sources and References" list: title and URL."""
    if rng.random() >= SOURCES_SHARE[story.layout]:
        return []
    found = []
    for n in range(rng.randint(1, 2)):
        outlet, host = rng.choice(text.OUTLETS)
        found.append((f"{text.source_title(rng, story.text)} | {outlet}", f"https://{host}/news/{story.index}-{n}"))
    return found


def _write_listings(writer: _Writer, issues: list[PlannedIssue]) -> None:
    """Each era's archive, newest first, ``LISTING_PAGE_SIZE`` issues a page, with Next/Previous."""
    for layout, render, path_of, base in (
        ("legacy", pages.legacy_listing, _legacy_listing_path, LEGACY_BASE),
        ("bionews2018", pages.b2018_listing, _b2018_listing_path, B2018_BASE),
    ):
        era = [issue for issue in reversed(issues) if issue.layout == layout]
        chunks = [era[i : i + LISTING_PAGE_SIZE] for i in range(0, len(era), LISTING_PAGE_SIZE)] or [[]]
        for k, chunk in enumerate(chunks, start=1):
            page = pages.ListingPage(
                url=base + path_of(k),
                page=k,
                issues=[(_listing_href(issue.url, layout), issue.number, issue.published) for issue in chunk],
                previous_href=_listing_href(base + path_of(k - 1), layout) if k > 1 else None,
                next_href=_listing_href(base + path_of(k + 1), layout) if k < len(chunks) else None,
            )
            writer.write(f"{BIONEWS_HOST}/{path_of(k)}", render(page))


def _legacy_listing_path(page: int) -> str:
    return f"page_{page + 1}.asp"  # page_2.asp, page_3.asp...


def _b2018_listing_path(page: int) -> str:
    return "bionews-archive" if page == 1 else f"bionews-archive-{page}"


def _listing_href(url: str, layout: str) -> str:
    """Legacy archives link relatively (``page_3.asp``), bionews2018 ones by path (``/page_12345``)."""
    return _href(url, layout) if layout == "legacy" else "/" + url.removeprefix(B2018_BASE)


def _write_sitemaps(writer: _Writer, plan: SitePlan, copies: list[MigratedCopy]) -> None:
    """``sitemap_index.xml`` -> ``post-sitemap1.xml``, ``post-sitemap2.xml``... + ``newsletter_issue-sitemap.xml``."""
    posts = [(s.url, _modified(s)) for s in plan.stories if s.layout == "progress"]
    posts += [(copy.url, pages.london_iso(copy.published, 10, 0)) for copy in copies]
    numbers = [(i.url, pages.london_iso(i.published, 8, 45)) for i in plan.issues if i.layout == "progress"]
    index: list[tuple[str, str]] = []
    for kind, urls in (("post", posts), ("newsletter_issue", numbers)):
        for n, k in enumerate(range(0, len(urls), SITEMAP_PAGE_SIZE), start=1):
            chunk = urls[k : k + SITEMAP_PAGE_SIZE]
            name = f"post-sitemap{n}.xml" if kind == "post" else f"newsletter_issue-sitemap{'' if n == 1 else n}.xml"
            writer.write(f"{PROGRESS_HOST}/{name}", progress.sitemap(chunk))
            index.append((f"{PROGRESS_BASE}{name}", max(lastmod for _, lastmod in chunk)))
    writer.write(f"{PROGRESS_HOST}/sitemap_index.xml", progress.sitemap(index, index=True))


def _counts(plan: SitePlan) -> dict[str, dict[str, int]]:
    counts = {layout: {"articles": 0, "issues": 0} for layout in LAYOUTS}
    for issue in plan.issues:
        counts[issue.layout]["issues"] += 1
        counts[issue.layout]["articles"] += len(issue.stories)
    return counts


def _manifest(
    plan: SitePlan, copies: list[MigratedCopy], counts: dict[str, dict[str, int]], files: int
) -> dict[str, object]:
    """The fixture-site manifest format (tests/test_demo_crawl.py reads it), plus counts and stories."""
    issue_url = {issue.number: issue.url for issue in plan.issues}
    copy_of = {copy.original: copy for copy in copies}
    return {
        "notes": list(MANIFEST_NOTES),
        "generator": {"seed": plan.seed, "articles": len(plan.stories), "issues": len(plan.issues)},
        "counts": {
            "articles": len(plan.stories),
            "migrated_copies": len(copies),
            "issues": len(plan.issues),
            "files": files,
            "by_layout": counts,
        },
        "start_urls": list(START_URLS),
        "articles": [story.url for story in plan.stories] + [copy.url for copy in copies],
        "issues": [issue.url for issue in plan.issues],
        "errors": {},
        "disallowed": [],
        "outside_hosts": list(OUTSIDE_HOSTS),
        "related_only": [],
        "article_details": [
            {
                "url": s.url,
                "layout": s.layout,
                "headline": s.headline,
                "issue": s.issue,
                "issue_url": issue_url[s.issue],
                "published": s.published.isoformat(),
                "authors": list(s.authors),
            }
            for s in plan.stories
        ]
        + [
            {
                "url": c.url,
                "layout": "progress",
                "headline": c.headline,
                "issue": plan.stories[c.original].issue if c.shows_issue else None,
                "issue_url": f"{PROGRESS_BASE}newsletter_issue/bionews-{plan.stories[c.original].issue}/"
                if c.shows_issue
                else None,
                "published": c.published.isoformat(),
                "authors": list(c.authors),
            }
            for c in copies
        ],
        "stories": [[s.url, copy_of[s.index].url] if s.index in copy_of else [s.url] for s in plan.stories],
        "issue_details": [
            {
                "url": i.url,
                "layout": i.layout,
                "issue": i.number,
                "published": i.published.isoformat(),
                "entries": len(i.stories),
            }
            for i in plan.issues
        ],
    }
