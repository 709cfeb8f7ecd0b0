"""Validation: a record the fast check (jsonschema-rs) passes is one jsonschema passes; jsonschema words the errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bionews_scraper.records.validate import fast_validator_for, record_errors, validator_for

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = json.loads((ROOT / "fixtures/pages/bionews2018-article-byline-after-body/expected.json").read_text("utf-8"))
# Python's \s matches all of these, Rust's all but the four ASCII separators \x1c-\x1f.
SPACES_AND_CONTROLS = ["\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\xa0", "\u2028", "\u3000", "\t", "\n", " ", "\x00", "é"]


def _agree(record: dict[str, Any]) -> bool:
    """record_errors (the fast yes, else jsonschema) refuses exactly what jsonschema alone refuses."""
    return bool(record_errors(record)) == bool(list(validator_for(record["kind"]).iter_errors(record)))


def test_the_fixture_article_is_valid_to_both() -> None:
    assert fast_validator_for("article").is_valid(ARTICLE) and record_errors(ARTICLE) == []


@pytest.mark.parametrize("char", SPACES_AND_CONTROLS)
def test_both_validators_agree_on_whitespace_and_controls_in_every_patterned_field(char: str) -> None:
    variants = [
        {**ARTICLE, "headline": char},  # nonempty: "\S"
        {**ARTICLE, "headline": f"{char}Embryo law{char}"},
        {**ARTICLE, "url": f"https://www.bionews.org.uk/page{char}1"},  # url: "^https?://[^\s]+$"
        {**ARTICLE, "published": f"2019-02-04{char}"},  # date: "$" after a trailing newline
        {**ARTICLE, "warnings": [f"published_from_text_cue:{char}x"]},
    ]
    assert all(_agree(record) for record in variants)


def test_a_record_only_the_separators_make_blank_is_refused_with_a_worded_error() -> None:
    assert record_errors({**ARTICLE, "headline": "\x1c\x1d"}) == ["headline: '\\x1c\\x1d' does not match '\\\\S'"]
