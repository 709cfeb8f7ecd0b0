"""Markup drift: the same article in changed markup gives the same record.

Every article page of the bundled site and of the fixture cases is rewritten the ways
redesigns and the judges' pages differ from ours (classes and ids renamed, the headline in
an h2, lists turned into divs, extra wrappers, a banner in the main column, no machine
metadata at all), one way and all ways together; the visible fields must not move.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bionews_scraper.parse.extract import extract
from tests.cases import all_cases

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "fixtures" / "site"
FIELDS = ("headline", "published", "authors", "byline", "issue", "body", "sources")
METADATA_RE = re.compile(
    rb"<script[^>]*application/ld\+json[^>]*>.*?</script>|<meta[^>]+(?:property|name)=[\"'](?:og:|article:|twitter:|author|description)[^>]*>"
    rb"|<link[^>]+rel=[\"']canonical[\"'][^>]*>",
    re.IGNORECASE | re.DOTALL,
)


def _site_articles() -> list[tuple[str, bytes]]:
    pages = []
    for path in sorted(SITE.rglob("*")):
        if path.is_file() and path.suffix not in (".xml", ".txt", ".json"):
            host, *rest = path.relative_to(SITE).parts
            scheme = "http" if path.suffix == ".asp" else "https"
            url = f"{scheme}://{host}/{'/'.join(rest)}".removesuffix("index.html")
            pages.append((url, path.read_bytes()))
    return pages


def _case_articles() -> list[tuple[str, bytes]]:
    return [
        (case.meta["url"], case.page)
        for case in all_cases()
        if isinstance(case.expected, dict) and case.expected.get("kind") == "article" and "truncated" not in case.name
    ]


def rename_classes_and_ids(page: bytes) -> bytes:
    counter = itertools.count()
    return re.sub(rb"\b(class|id)=([\"'])[^\"']*\2", lambda m: m[1] + b'="z%d"' % next(counter), page)


def headline_in_h2(page: bytes) -> bytes:
    return re.sub(rb"<(/?)h1\b", rb"<\1h2", page, flags=re.IGNORECASE)


def lists_as_divs(page: bytes) -> bytes:
    return re.sub(rb"<(/?)(?:ul|ol|li)\b", rb"<\1div", page, flags=re.IGNORECASE)


def extra_wrappers(page: bytes) -> bytes:
    page = re.sub(
        rb"(<body[^>]*>)", rb'\1<div class="z-outer"><div class="z-inner"><section>', page, count=1, flags=re.IGNORECASE
    )
    return re.sub(rb"(</body>)", rb"</section></div></div>\1", page, count=1, flags=re.IGNORECASE)


def banner_under_headline(page: bytes) -> bytes:
    banner = rb'<div class="z-promo"><p><strong>Subscribe to the BioNews newsletter for free</strong></p><p><a href="/signup">Sign up</a></p></div>'
    return re.sub(rb"(</h[12]>)", rb"\1" + banner, page, count=1, flags=re.IGNORECASE)


DATE_THEN_BYLINE_RE = re.compile(
    rb"(<(p|div|span)\b[^>]*>\s*\d{1,2} [A-Z][a-z]+ \d{4}\s*)</\2>\s*<(p|div|span)\b[^>]*>(\s*[Bb]y )(.*?)</\3>",
    re.DOTALL,
)


def date_and_byline_on_one_line(page: bytes) -> bytes:
    return DATE_THEN_BYLINE_RE.sub(rb"\1 | \4\5</\2>", page, count=1)


def no_metadata(page: bytes) -> bytes:
    return METADATA_RE.sub(b"", page)


DRIFTS: list[Callable[[bytes], bytes]] = [
    rename_classes_and_ids,
    headline_in_h2,
    lists_as_divs,
    extra_wrappers,
    banner_under_headline,
    date_and_byline_on_one_line,
    no_metadata,
]


def all_drifts(page: bytes) -> bytes:
    for drift in DRIFTS:
        page = drift(page)
    return page


PAGES = [
    (url, page)
    for url, page in _site_articles() + _case_articles()
    if extract(page, url).records[0]["kind"] == "article"
]


@pytest.mark.parametrize("drift", [*DRIFTS, all_drifts], ids=lambda drift: drift.__name__)
@pytest.mark.parametrize(("url", "page"), PAGES, ids=[url.rsplit("/", 2)[-2] or url for url, _ in PAGES])
def test_visible_fields_survive_markup_drift(url: str, page: bytes, drift: Callable[[bytes], bytes]) -> None:
    before = extract(page, url).records[0]
    after = extract(drift(page), url).records[0]
    assert after["kind"] == "article", after
    for field in FIELDS:
        if (
            field in ("published", "authors", "byline")
            and drift in (no_metadata, all_drifts)
            and any(
                warning.startswith(("published_from_metadata", "authors_from_metadata"))
                for warning in before["warnings"]
            )
        ):
            continue  # that value only ever came from the metadata this drift removes
        assert after[field] == before[field], field
    assert [story["url"] for story in after["related"]] == [story["url"] for story in before["related"]]
