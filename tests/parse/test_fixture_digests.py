"""Saved pages that hold several records (a legacy e-mail issue page printing several whole
articles): every record, in order, matches its reviewed entry in expected.json (a list)."""

from __future__ import annotations

import pytest

from bionews_scraper.records.types import ARTICLE_KEYS, ISSUE_KEYS
from bionews_scraper.records.validate import record_errors
from tests.cases import Case, all_cases

DIGESTS = [case for case in all_cases() if isinstance(case.expected, list)]
FIELD_CHECKS = [
    pytest.param(case, index, key, id=f"{case.name}:{index}:{key}")
    for case in DIGESTS
    for index, record in enumerate(case.expected)
    for key in (ARTICLE_KEYS if record["kind"] == "article" else ISSUE_KEYS)
]


def test_there_is_a_page_holding_several_articles_and_its_issue() -> None:
    kinds = [[record["kind"] for record in case.expected] for case in DIGESTS]
    assert any(k.count("article") >= 2 and k[-1] == "issue" for k in kinds)


@pytest.mark.parametrize("case", DIGESTS, ids=lambda case: case.name)
def test_page_gives_as_many_records_as_it_holds(case: Case) -> None:
    assert [r["kind"] for r in case.parse()] == [r["kind"] for r in case.expected]


@pytest.mark.parametrize(("case", "index", "key"), FIELD_CHECKS)
def test_each_record_field_matches_expected(case: Case, index: int, key: str) -> None:
    assert case.parse()[index][key] == case.expected[index][key]


@pytest.mark.parametrize("case", DIGESTS, ids=lambda case: case.name)
def test_each_record_is_schema_valid_and_has_its_own_identity(case: Case) -> None:
    assert all(record_errors(record) == [] for record in case.expected)
    articles = [record for record in case.expected if record["kind"] == "article"]
    assert len({record["canonical_url"] for record in articles}) == len(articles)  # never deduplicated away
