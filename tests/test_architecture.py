"""The walls between the layers that a test can see (import-linter checks the rest in CI)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CRAWL_STACK = ("scrapy", "twisted", "redis", "scrapy_redis", "duckdb", "warcio")
PROBE = """
import json, sys
import {module}
print(json.dumps(sorted({{name.split(".")[0] for name in sys.modules}})))
"""


def _top_level_modules_after_importing(module: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout))


@pytest.mark.parametrize(
    "module", ["bionews_scraper.parse", "bionews_scraper.parse.extract", "bionews_scraper.records.validate"]
)
def test_the_parser_and_the_contract_load_none_of_the_crawl_stack(module: str) -> None:
    assert _top_level_modules_after_importing(module).isdisjoint(CRAWL_STACK)


def test_the_command_line_loads_none_of_the_crawl_stack_until_a_command_needs_it() -> None:
    assert _top_level_modules_after_importing("bionews_scraper.cli").isdisjoint(CRAWL_STACK)
