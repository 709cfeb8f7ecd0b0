"""Dates read from metadata: the visible date wins; unreadable metadata dates leave a warning."""

from __future__ import annotations

import pytest

from bionews_scraper.parse.metadata import Metadata, reconcile_published


@pytest.mark.parametrize("stated", ["yesterday", "1234567890", "06/13/2019", "now"])
def test_unreadable_metadata_date_gives_no_date_and_says_why(stated: str) -> None:
    warnings: list[str] = []
    assert reconcile_published(None, Metadata(published_time=stated), warnings) is None
    assert len(warnings) == 1
    assert warnings[0].startswith("published_missing: ")
    assert repr(stated) in warnings[0]


def test_metadata_date_fills_in_as_the_london_date() -> None:
    warnings: list[str] = []
    meta = Metadata(ld_published="2019-06-02T23:30:00+00:00")
    assert reconcile_published(None, meta, warnings) == "2019-06-03"
    assert [w.split(":", 1)[0] for w in warnings] == ["published_from_metadata"]


def test_visible_date_agrees_with_an_offset_metadata_date_on_the_london_day() -> None:
    warnings: list[str] = []
    meta = Metadata(ld_published="2019-06-02T23:30:00+00:00")
    assert reconcile_published("2019-06-03", meta, warnings) == "2019-06-03"
    assert warnings == []


def test_no_date_anywhere_says_only_that_it_is_missing() -> None:
    warnings: list[str] = []
    assert reconcile_published(None, Metadata(), warnings) is None
    assert warnings == ["published_missing: no publication date found"]
