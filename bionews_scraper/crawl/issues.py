"""Which issue numbers a crawl expects, has found, and must still probe.

The whole archive: every number from 0 to the newest known (from a sitemap entry, a
listing, an issue page or an article's "Appeared in BioNews N"), and onwards until
``misses`` numbers in a row past the newest are not found. Numbers already found are not
probed. ``--issues N-M``: exactly those numbers; each one not found is an error record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_MISSES = 10  # numbers past the newest known that must all be missing to stop


@dataclass
class IssueTally:
    asked: range | None = None  # --issues; None: the whole archive
    probe_from: int = 0  # the first number the issue address holds (a sandbox site starts later)
    misses: int = DEFAULT_MISSES
    found: set[int] = field(default_factory=set)
    newest: int = -1  # the newest number known to exist
    probed_to: int = -1  # every number up to here was probed (or found)

    def saw(self, number: int) -> None:
        """A number that exists: a link, a sitemap entry or an article names it."""
        self.newest = max(self.newest, number)

    def found_issue(self, number: int) -> None:
        self.found.add(number)
        self.saw(number)

    def to_probe(self) -> list[int]:
        """The numbers to probe now (whole archive only); empty once the run of misses is done."""
        if self.asked is not None:
            return []
        last = max(self.newest, self.probe_from) + self.misses
        start = max(self.probed_to + 1, self.probe_from)
        self.probed_to = max(self.probed_to, last)
        return [number for number in range(start, last + 1) if number not in self.found]

    def expected(self) -> range:
        return self.asked if self.asked is not None else range(0, self.newest + 1)

    def missing(self) -> list[int]:
        return [number for number in self.expected() if number not in self.found]
