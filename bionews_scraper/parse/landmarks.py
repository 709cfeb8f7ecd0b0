"""Layer 2 plumbing: layout landmarks, matched during the one walk over the tree.

A layout names where its headline sits in a small selector
language: ``tag``, ``.class``, ``#id`` and their compounds (``h1.entry-title``), with at
most one ancestor (``#main h1``), comma-separated alternatives. soupsieve could run full
CSS, but each ``select`` is another walk over the whole tree and cost more than the rest
of the parse together (bench/parse_speed.py); these are checked as the page is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bs4 import Tag

COMPOUND_RE = re.compile(r"^(?P<tag>[a-z][a-z0-9]*)?(?:\.(?P<cls>[\w-]+))?(?:#(?P<id>[\w-]+))?$")


@dataclass(frozen=True, slots=True)
class Compound:
    tag: str | None
    cls: str | None
    ident: str | None

    def matches(self, element: Tag) -> bool:
        if self.tag and element.name != self.tag:
            return False
        if self.cls and self.cls not in str(element.get("class") or "").split():
            return False
        return not self.ident or element.get("id") == self.ident


@dataclass(frozen=True, slots=True)
class Selector:
    text: str
    ancestor: Compound | None
    target: Compound


def compile_selector(text: str) -> Selector:
    """``"#main h1"`` -> a ``Selector``; raises ``ValueError`` outside the small language."""
    parts = text.split()
    if not 1 <= len(parts) <= 2:
        raise ValueError(f"selector {text!r}: one compound, or an ancestor and a compound")
    compounds = [_compound(part, text) for part in parts]
    return Selector(text, compounds[0] if len(compounds) == 2 else None, compounds[-1])


def compile_selectors(spec: str) -> tuple[Selector, ...]:
    """``"#main h1, #content h1"`` -> its selectors, in order of strength."""
    return tuple(compile_selector(part.strip()) for part in spec.split(","))


def _compound(part: str, text: str) -> Compound:
    match = COMPOUND_RE.match(part)
    if not match or not any(match.groupdict().values()):
        raise ValueError(f"selector {text!r}: {part!r} is not tag, .class, #id or a compound of them")
    return Compound(match["tag"], match["cls"], match["id"])


class LandmarkIndex:
    """Remembers the first element matching each selector, fed every tag in document order."""

    def __init__(self, selectors: Iterable[Selector]) -> None:
        # Indexed by the target's most selective part, so most tags cost one dict lookup.
        self.by_id: dict[str, list[Selector]] = {}
        self.by_class: dict[str, list[Selector]] = {}
        self.by_tag: dict[str, list[Selector]] = {}
        for selector in selectors:
            target = selector.target
            if target.ident:
                self.by_id.setdefault(target.ident, []).append(selector)
            elif target.cls:
                self.by_class.setdefault(target.cls, []).append(selector)
            else:
                self.by_tag.setdefault(str(target.tag), []).append(selector)
        self.names = frozenset(self.by_tag)  # the tag names a selector targets by name alone
        self.found: dict[str, Tag] = {}
        # Per ancestor compound: id(element) -> whether it or an ancestor matches. Each element's
        # answer is worked out once, so a 2,000-deep page costs O(elements), not O(elements x depth).
        self.inside: dict[Compound, dict[int, bool]] = {}

    def see(self, element: Tag, name: str, classes: str | None, ident: str | None) -> None:
        """Called for every element, with its name, class string and id already read."""
        if name in self.by_tag:
            self._try(self.by_tag[name], element)
        if classes:
            for cls in classes.split():
                if cls in self.by_class:
                    self._try(self.by_class[cls], element)
        if ident and ident in self.by_id:
            self._try(self.by_id[ident], element)

    def _try(self, candidates: list[Selector], element: Tag) -> None:
        for selector in candidates:
            if selector.text in self.found or not selector.target.matches(element):
                continue
            if selector.ancestor is None or self._inside(element, selector.ancestor):
                self.found[selector.text] = element

    def _inside(self, element: Tag, ancestor: Compound) -> bool:
        """Whether an ancestor of ``element`` matches ``ancestor`` (remembered along the path)."""
        memo = self.inside.setdefault(ancestor, {})
        path: list[int] = []
        node, result = element.parent, False
        while node is not None and node.name != "[document]":
            if id(node) in memo:
                result = memo[id(node)]
                break
            if ancestor.matches(node):
                result = True
                break
            path.append(id(node))
            node = node.parent
        for key in path:
            memo[key] = result
        return result

    def first(self, selectors: Iterable[Selector]) -> Tag | None:
        """The element of the first selector (in order of strength) that matched."""
        return next((self.found[s.text] for s in selectors if s.text in self.found), None)
