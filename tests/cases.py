"""The fixture cases under fixtures/pages: loading them, and the one way to parse one."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from bionews_scraper.parse.extract import extract

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "fixtures" / "pages"


@dataclass(frozen=True)
class Case:
    folder: Path

    @property
    def name(self) -> str:
        return self.folder.name

    @cached_property
    def meta(self) -> dict[str, Any]:
        return json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))

    @cached_property
    def page(self) -> bytes:
        return (self.folder / "page.html").read_bytes()

    @property
    def expected_path(self) -> Path:
        return self.folder / "expected.json"

    @cached_property
    def expected(self) -> dict[str, Any]:
        return json.loads(self.expected_path.read_text(encoding="utf-8"))

    def parse(self) -> Any:
        """The record as ``expected.json`` stores it (refusals keep only error and reason), or
        the list of records of a page that holds several (a legacy e-mail issue page)."""
        records = [_stored(dict(record)) for record in extract(self.page, self.meta["url"]).records]
        return records[0] if len(records) == 1 else records


def _stored(record: dict[str, Any]) -> dict[str, Any]:
    if record["kind"] == "error":
        return {"error": record["error"], "reason": record["reason"]}
    return record


def all_cases(pages: Path = PAGES) -> list[Case]:
    return [Case(folder) for folder in sorted(pages.iterdir()) if (folder / "page.html").exists()]
