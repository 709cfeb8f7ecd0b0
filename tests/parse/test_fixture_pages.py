"""Every saved page in fixtures/pages parses to its reviewed expected.json.

One check per field, so a failure names the case and the field. Warnings are compared
by their stable code (the part before the colon); the sentence after it may be reworded.
"""

from __future__ import annotations

import pytest

from bionews_scraper.parse.boilerplate import BOILERPLATE_PHRASES
from bionews_scraper.parse.extract import extract
from bionews_scraper.records.types import ARTICLE_KEYS, ISSUE_KEYS, REFUSAL_REASONS
from bionews_scraper.records.validate import record_errors
from tests.cases import Case, all_cases

CASES = all_cases()
# A page holding several records (a legacy e-mail issue page) is checked in test_fixture_digests.py.
RECORD_CASES = [case for case in CASES if isinstance(case.expected, dict) and "error" not in case.expected]
REFUSED_CASES = [case for case in CASES if isinstance(case.expected, dict) and "error" in case.expected]
FIELD_CHECKS = [
    pytest.param(case, key, id=f"{case.name}:{key}")
    for case in RECORD_CASES
    for key in (ARTICLE_KEYS if case.expected["kind"] == "article" else ISSUE_KEYS)
]


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    return {case.name: case.parse() for case in CASES}


def _codes(warnings: list[str]) -> list[str]:
    return [warning.split(":", 1)[0] for warning in warnings]


def test_there_are_enough_cases_over_all_layouts_and_kinds() -> None:
    assert len(CASES) >= 24
    kinds = {(case.meta["layout"], case.meta["kind"]) for case in CASES}
    for layout in ("legacy", "bionews2018", "progress"):
        assert (layout, "article") in kinds and (layout, "issue") in kinds
    assert len(REFUSED_CASES) >= 4


@pytest.mark.parametrize(("case", "key"), FIELD_CHECKS)
def test_field_matches_expected(case: Case, key: str, parsed: dict[str, dict]) -> None:
    got, want = parsed[case.name].get(key), case.expected[key]
    if key == "warnings":
        assert _codes(got) == _codes(want)
    else:
        assert got == want


@pytest.mark.parametrize("case", RECORD_CASES, ids=lambda case: case.name)
def test_record_has_no_unexpected_keys(case: Case, parsed: dict[str, dict]) -> None:
    assert list(parsed[case.name]) == list(case.expected)


@pytest.mark.parametrize("case", REFUSED_CASES, ids=lambda case: case.name)
def test_refused_page_gives_its_reason(case: Case, parsed: dict[str, dict]) -> None:
    assert list(case.expected) == ["error", "reason"]
    assert case.expected["reason"] in REFUSAL_REASONS
    assert parsed[case.name].get("reason") == case.expected["reason"], parsed[case.name]


@pytest.mark.parametrize("case", REFUSED_CASES, ids=lambda case: case.name)
def test_refused_page_emits_no_record_only_an_error_naming_the_page(case: Case) -> None:
    records = extract(case.page, case.meta["url"]).records
    assert len(records) == 1, records  # the error record alone: no article or issue beside it
    record = records[0]
    assert set(record) == {"kind", "url", "reason", "error"}, record
    assert (record["kind"], record["url"], record["reason"]) == ("error", case.meta["url"], case.expected["reason"])
    assert record["error"].strip(), "a refusal says why in a sentence"


@pytest.mark.parametrize("case", RECORD_CASES, ids=lambda case: case.name)
def test_expected_record_is_schema_valid(case: Case) -> None:
    assert record_errors(case.expected) == []


@pytest.mark.parametrize(
    "case", [c for c in RECORD_CASES if c.expected["kind"] == "article"], ids=lambda case: case.name
)
def test_body_holds_no_boilerplate(case: Case, parsed: dict[str, dict]) -> None:
    body = parsed[case.name]["body"].lower()
    assert [phrase for phrase in BOILERPLATE_PHRASES if phrase in body] == []
    assert "appeared in bionews" not in body
    assert "\u00e2\u20ac" not in body, "mojibake: UTF-8 bytes read as cp1252"
