"""The record contract is written twice, as TypedDicts (for the code) and as JSON Schema (for
everyone else): these tests keep the two saying the same thing."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from bionews_scraper.records import types
from bionews_scraper.records.validate import schema

# schema definition -> the TypedDict that describes the same object
PAIRS = {
    "article": types.Article,
    "issue": types.Issue,
    "error": types.ErrorRecord,
    "related": types.RelatedStory,
    "source": types.Source,
    "entry": types.IssueEntry,
}


def _definition(name: str) -> dict[str, Any]:
    return schema()["$defs"][name]


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_schema_requires_exactly_the_typeddict_keys(name: str) -> None:
    assert set(_definition(name)["required"]) == set(PAIRS[name].__annotations__)


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_schema_allows_the_typeddict_keys_and_provenance_only(name: str) -> None:
    allowed = set(_definition(name)["properties"])
    own = set(PAIRS[name].__annotations__)
    if name in ("article", "issue", "error"):  # written records carry their provenance too
        own |= set(types.Provenance.__annotations__)
    if name == "error":  # and an error says whether to try again
        own |= set(types.ErrorAttempts.__annotations__)
    assert allowed == own
    assert _definition(name)["additionalProperties"] is False


def test_provenance_fields_are_the_schemas() -> None:
    assert set(_definition("provenance")) == set(types.Provenance.__annotations__)


def test_layouts_are_the_schemas_enum() -> None:
    enum = _definition("article")["properties"]["layout"]["enum"]
    assert enum == list(types.LAYOUTS) == list(get_args(types.Layout))


def test_key_order_constants_follow_the_typeddicts() -> None:
    assert tuple(types.Article.__annotations__) == types.ARTICLE_KEYS
    assert tuple(types.Issue.__annotations__) == types.ISSUE_KEYS


def test_issue_zero_is_a_valid_issue_number() -> None:
    """BioNews 0 is the first edition (22 March 1999)."""
    for name in ("article", "issue"):
        issue = _definition(name)["properties"]["issue"]
        assert issue["minimum"] == 0


@pytest.mark.parametrize(
    ("reason", "transient"),
    [
        ("http_500", True),
        ("http_503", True),
        ("http_429", True),
        ("timeout", True),
        ("network_error", True),
        ("http_404", False),
        ("not_html", False),
        ("redirect_loop", False),
        ("too_large", False),
        ("missing_body", False),
        ("issue_not_found", False),
    ],
)
def test_only_a_server_or_network_failure_is_transient(reason: str, transient: bool) -> None:
    assert types.is_transient(reason) is transient
