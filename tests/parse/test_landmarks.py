"""Headline landmarks: the small selector language, matched during the one walk."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from bionews_scraper.parse import landmarks
from bionews_scraper.parse.landmarks import LandmarkIndex, compile_selector, compile_selectors


def _index(markup: str, spec: str) -> tuple[LandmarkIndex, tuple[landmarks.Selector, ...]]:
    selectors = compile_selectors(spec)
    index = LandmarkIndex(selectors)
    for element in BeautifulSoup(markup, "lxml", multi_valued_attributes=None).find_all(True):
        index.see(element, element.name, element.get("class"), element.get("id"))
    return index, selectors


def test_the_first_selector_in_order_of_strength_wins() -> None:
    index, selectors = _index("<h1>Logo</h1><div id='main'><h1>Story</h1></div>", "#main h1, h1")
    found = index.first(selectors)
    assert isinstance(found, Tag) and found.get_text() == "Story"


def test_an_ancestor_must_contain_the_target() -> None:
    index, selectors = _index("<div id='main'></div><h1>Outside</h1>", "#main h1")
    assert index.first(selectors) is None


def test_compound_selectors_match_tag_class_and_id_together() -> None:
    index, selectors = _index("<h1 class='entry-title'>A</h1><h1>B</h1>", "h1.entry-title")
    found = index.first(selectors)
    assert found is not None and found.get_text() == "A"


@pytest.mark.parametrize("bad", ["main > h1", "a b c", "h1[title]", ""])
def test_outside_the_small_language_is_a_clear_error(bad: str) -> None:
    with pytest.raises(ValueError, match="selector"):
        compile_selector(bad)


def test_a_deep_page_costs_one_ancestor_check_per_element_not_per_element_and_depth(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """2,000 nested headings outside the landmark's ancestor: each element's answer is
    remembered, so the checks grow with the elements, not with elements x depth."""
    depth = 2000
    calls = 0
    matches = landmarks.Compound.matches

    def counting(self: landmarks.Compound, element: Tag) -> bool:
        nonlocal calls
        calls += 1
        return matches(self, element)

    monkeypatch.setattr(landmarks.Compound, "matches", counting)
    markup = "<div id='main'></div>" + "<h1>x" * depth + "</h1>" * depth
    index, selectors = _index(markup, "#main h1")
    assert index.first(selectors) is None
    assert calls < 4 * depth  # the walk without memory made about depth * depth / 2
