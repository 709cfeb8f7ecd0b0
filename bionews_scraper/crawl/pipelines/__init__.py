"""Item pipelines, in order: provenance, validate, dedupe, write."""

from __future__ import annotations

from collections import Counter


class CountingStats:
    """The ``inc_value`` the pipelines call, over a plain counter: for running them outside
    a Scrapy crawl (``bionews replay``) and in tests."""

    def __init__(self) -> None:
        self.values: Counter[str] = Counter()

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self.values[key] += count
