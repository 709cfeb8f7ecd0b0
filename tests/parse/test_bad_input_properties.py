"""Property: any bytes give a schema-valid record or a clear refusal, never an exception.

Inputs are real fixture pages mutated the ways broken pages are broken (cut short, bytes
flipped, tags dropped or duplicated, the encoding declaration changed) and random bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bionews_scraper.parse.extract import extract
from bionews_scraper.records.types import REFUSAL_REASONS
from bionews_scraper.records.validate import record_errors

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(
    [
        *ROOT.glob("fixtures/pages/*/page.html"),
        *(p for p in ROOT.glob("fixtures/site/*/**/*") if p.is_file() and p.suffix not in (".xml", ".txt", ".json")),
    ]
)
SAMPLES = [path.read_bytes() for path in PAGES if path.stat().st_size > 0]
TAG_RE = re.compile(rb"<[^<>]{1,200}>")
CHARSETS = [b"utf-8", b"windows-1252", b"iso-8859-1", b"utf-16", b"x-no-such-charset", b"", b"ascii"]
URL = "https://www.progress.org.uk/some-story/"
EXAMPLES = 400


def _cut(page: bytes, data: st.DataObject) -> bytes:
    return page[: data.draw(st.integers(0, len(page)))]


def _flip(page: bytes, data: st.DataObject) -> bytes:
    buffer = bytearray(page)
    for _ in range(data.draw(st.integers(1, 30))):
        buffer[data.draw(st.integers(0, len(buffer) - 1))] = data.draw(st.integers(0, 255))
    return bytes(buffer)


def _drop_or_duplicate_tags(page: bytes, data: st.DataObject) -> bytes:
    tags = list(TAG_RE.finditer(page))
    if not tags:
        return page
    chosen = sorted(set(data.draw(st.lists(st.integers(0, len(tags) - 1), min_size=1, max_size=40))), reverse=True)
    duplicate = data.draw(st.booleans())
    for index in chosen:
        match = tags[index]
        replacement = match.group(0) * data.draw(st.integers(2, 50)) if duplicate else b""
        page = page[: match.start()] + replacement + page[match.end() :]
    return page


def _recharset(page: bytes, data: st.DataObject) -> bytes:
    charset = data.draw(st.sampled_from(CHARSETS))
    return (
        re.sub(rb"charset=[\"']?[\w-]+", b"charset=" + charset, page, flags=re.IGNORECASE)
        if b"charset" in page.lower()
        else b'<meta charset="' + charset + b'">' + page
    )


MUTATIONS = [_cut, _flip, _drop_or_duplicate_tags, _recharset]


def _assert_clean_result(body: bytes) -> None:
    for record in map(dict, extract(body, URL).records):
        assert record_errors(record) == [], record
        if record["kind"] == "error":
            assert record["reason"] in REFUSAL_REASONS and record["error"]


@settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(
    page=st.sampled_from(SAMPLES),
    mutations=st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3),
    data=st.data(),
)
def test_mutated_pages_give_a_record_or_a_clear_error(page: bytes, mutations: list, data: st.DataObject) -> None:
    for mutate in mutations:
        page = mutate(page, data) if page else page
    _assert_clean_result(page)


@settings(max_examples=EXAMPLES // 2, deadline=None)
@given(st.binary(max_size=4096))
def test_random_bytes_give_a_record_or_a_clear_error(body: bytes) -> None:
    _assert_clean_result(body)


@settings(max_examples=EXAMPLES // 4, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abchpdivlt1&;#\n")), max_size=2000))
def test_random_markup_gives_a_record_or_a_clear_error(markup: str) -> None:
    _assert_clean_result(markup.encode())
