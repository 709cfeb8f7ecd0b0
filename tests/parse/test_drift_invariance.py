"""Markup drift: the same article in changed markup still gives its reviewed record.

Every article page of the fixture cases and of the bundled site is rewritten the ways
redesigns and the judges' pages differ from ours (classes and ids renamed, the headline in
an h2, lists turned into divs, extra wrappers, a banner in the main column, a dated event
advert just above the headline, a row of share links above the body, no machine metadata at all), one way and all ways together. The record of the drifted page is
compared with the reviewed expectation, never with the parser's own output for the
undrifted page: a case's expected.json (headline, date, authors, byline, issue, body,
sources, related URLs), and for the site's pages the fields fixtures/site/manifest.json
gives (headline, date, authors, issue, issue URL). A page that stops parsing fails.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bionews_scraper.parse.extract import extract
from tests.cases import ROOT, Case, all_cases

SITE = ROOT / "fixtures" / "site"
CASE_FIELDS = ("headline", "published", "authors", "byline", "issue", "body", "sources")
SITE_FIELDS = ("headline", "published", "authors", "issue", "issue_url")
# Fields a page may have only from its machine metadata, by the warning that says so.
FROM_METADATA = {
    "published": "published_from_metadata",
    "authors": "authors_from_metadata",
    "byline": "authors_from_metadata",
    "headline": "headline_from_metadata",
}
METADATA_RE = re.compile(
    rb"<script[^>]*application/ld\+json[^>]*>.*?</script>|<meta[^>]+(?:property|name)=[\"'](?:og:|article:|twitter:|author|description)[^>]*>"
    rb"|<link[^>]+rel=[\"']canonical[\"'][^>]*>",
    re.IGNORECASE | re.DOTALL,
)


def _site_file(url: str) -> Path:
    parts = urlsplit(url)
    path = SITE / parts.netloc / parts.path.lstrip("/")
    return path / "index.html" if parts.path.endswith("/") else path


def _article_cases() -> list[Case]:
    """Cases whose page is one article (a page holding several records is left out)."""
    return [case for case in all_cases() if isinstance(case.expected, dict) and case.expected.get("kind") == "article"]


def _reviewed_pages() -> list[tuple[str, str, bytes, dict[str, Any], tuple[str, ...]]]:
    """(name, url, page, expected record or fields, fields to compare) for every article."""
    pages = [(case.name, case.meta["url"], case.page, case.expected, CASE_FIELDS) for case in _article_cases()]
    manifest = json.loads((SITE / "manifest.json").read_text(encoding="utf-8"))
    for detail in manifest["article_details"]:
        name = "site:" + (urlsplit(detail["url"]).path.strip("/") or detail["url"])
        pages.append((name, detail["url"], _site_file(detail["url"]).read_bytes(), detail, SITE_FIELDS))
    return pages


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


def event_advert_above_headline(page: bytes) -> bytes:
    """Legacy pages put sidebar adverts above the headline (docs/site-layouts.md): dated, with a speaker."""
    advert = rb"<div><p>PET event: Who owns your genome?</p><p>7 December 2016</p><p>By Professor Hal Mercer</p></div>"
    return re.sub(rb"(<h[12]\b)", advert + rb"\1", page, count=1, flags=re.IGNORECASE)


def share_row_above_body(page: bytes) -> bytes:
    """A row of one-word share links just before the first paragraph of prose (a sentence)."""
    share = rb"<div><a href='/s/t'>Twitter</a> <a href='/s/f'>Facebook</a> <a href='/s/e'>Email</a> <a href='/s/p'>Print</a></div>"
    return re.sub(rb"(<p[^>]*>[^<]{60,}[.!?][\"'\xe2\x80\x99\x94]*</p>)", share + rb"\1", page, count=1)


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
    event_advert_above_headline,
    share_row_above_body,
    date_and_byline_on_one_line,
    no_metadata,
]


def all_drifts(page: bytes) -> bytes:
    for drift in DRIFTS:
        page = drift(page)
    return page


REVIEWED = _reviewed_pages()
DRIFTED = [*DRIFTS, all_drifts]


@pytest.mark.parametrize(
    ("url", "page", "expected", "fields", "drift"),
    [
        pytest.param(url, page, expected, fields, drift, id=f"{name}:{drift.__name__}")
        for name, url, page, expected, fields in REVIEWED
        for drift in DRIFTED
    ],
)
def test_drifted_page_gives_its_reviewed_record(
    url: str, page: bytes, expected: dict[str, Any], fields: tuple[str, ...], drift: Callable[[bytes], bytes]
) -> None:
    records = extract(drift(page), url).records
    assert [record["kind"] for record in records] == ["article"], records
    after = records[0]
    codes = {warning.split(":", 1)[0] for warning in expected.get("warnings", [])}
    for field in fields:
        if drift in (no_metadata, all_drifts) and FROM_METADATA.get(field) in codes:
            continue  # that value only ever came from the metadata this drift removes
        assert after[field] == expected[field], field
    if "related" in expected:
        assert [story["url"] for story in after["related"]] == [story["url"] for story in expected["related"]]


def test_every_article_case_and_site_article_is_drifted() -> None:
    manifest = json.loads((SITE / "manifest.json").read_text(encoding="utf-8"))
    drifted = {url for _, url, _, _, _ in REVIEWED}
    assert set(manifest["articles"]) <= drifted
    assert {case.meta["url"] for case in _article_cases()} <= drifted
