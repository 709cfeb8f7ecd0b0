"""Layer 2 plumbing: find a layout's landmark elements in one pass over the tree.

Each layout module names its landmarks (headline, body, related list...) as CSS selectors;
``find_landmarks`` compiles their union once per layout and walks the tree once, keeping
the first element that matches each role.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import soupsieve
from bs4 import BeautifulSoup, Tag
from soupsieve import SoupSieve

ROLES: tuple[str, ...] = ("headline", "date", "byline", "issue", "body", "related", "sources", "issue_heading", "entries")


@cache
def _compiled(selectors: tuple[tuple[str, str], ...]) -> tuple[SoupSieve, tuple[tuple[str, SoupSieve], ...]]:
    union = soupsieve.compile(", ".join(selector for _, selector in selectors))
    return union, tuple((role, soupsieve.compile(selector)) for role, selector in selectors)


def find_landmarks(soup: BeautifulSoup, selectors: Mapping[str, str]) -> dict[str, Tag]:
    """The first element matching each role's selector; roles with no match are absent."""
    union, by_role = _compiled(tuple(selectors.items()))
    found: dict[str, Tag] = {}
    for element in union.iselect(soup):
        for role, selector in by_role:
            if role not in found and selector.match(element):
                found[role] = element
        if len(found) == len(by_role):
            break
    return found
