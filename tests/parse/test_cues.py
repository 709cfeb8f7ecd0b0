"""The visible-text cues, one line of text at a time."""

from __future__ import annotations

import pytest

from bionews_scraper.parse.cues import (
    byline_names,
    is_name,
    read_byline,
    read_date_line,
    read_issue_heading,
    read_issue_line,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("24 February 2014", ("24 February 2014", None)),
        ("04 September 2017 - by Meetal Osei", ("04 September 2017", "by Meetal Osei")),
        ("24 February 2014 | By Jo Bloggs", ("24 February 2014", "By Jo Bloggs")),
        ("By Jo Bloggs, 24 February 2014", ("24 February 2014", "By Jo Bloggs")),
        ("Published: 3 June 2019", ("3 June 2019", None)),
        ("On 24 February 2014 the HFEA met.", None),
        ("24 February 2014 - by 2030 clinics will", None),
    ],
)
def test_read_date_line(line: str, expected: tuple[str, str | None] | None) -> None:
    assert read_date_line(line) == expected


@pytest.mark.parametrize(
    ("line", "is_byline"),
    [
        ("By Chris Hardy", True),
        ("BY DR RACHEL BROWN AND SAM LEE", True),
        ("by Élodie Martin", True),
        ("By 2030, most clinics will offer the test.", False),
        ("By contrast, the committee was unconvinced.", False),
        ("Byron Smith said", False),
    ],
)
def test_read_byline_accepts_names_only(line: str, is_byline: bool) -> None:
    assert (read_byline(line) is not None) == is_byline


def test_issue_cues() -> None:
    assert read_issue_line("Appeared in BioNews 743") == 743
    assert read_issue_heading("BioNews 743") == 743
    assert read_issue_heading("BioNews 1150 - 3 June 2022") == 1150
    assert read_issue_heading("BioNews is published weekly") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Dr Rachel Brown", True), ("Jan van der Berg", True), ("the committee", False), ("Room 101", False)],
)
def test_is_name(text: str, expected: bool) -> None:
    assert is_name(text) == expected


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Professor Robin Lister, Francis Crick Institute", ["Professor Robin Lister"]),
        ("By Sarah Norcross, Director of PET", ["Sarah Norcross"]),
        ("by Ana de la Cruz, Tom Okafor and Li Wei", ["Ana de la Cruz", "Tom Okafor", "Li Wei"]),
        ("By Dr Rachel Brown & Sam Lee", ["Dr Rachel Brown", "Sam Lee"]),
    ],
)
def test_byline_names_leave_out_affiliations(byline: str, names: list[str]) -> None:
    assert byline_names(byline) == names


@pytest.mark.parametrize(
    ("heading", "number"),
    [("BioNews 743", 743), ("BioNews 743 - 24 February 2014", 743), ("BioNews 1000: twenty years on", None)],
)
def test_only_a_date_may_follow_an_issue_headings_number(heading: str, number: int | None) -> None:
    assert read_issue_heading(heading) == number
