"""`python -m tests.regenerate_expected`: all cases by default, only the new one with --new."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cases import PAGES
from tests.regenerate_expected import main

STALE = b'{"stale": true}\n'
EXISTING = ("legacy-article-plain-cp1252", "progress-refused-404-as-200")
NEW_PAGE = PAGES / "bionews2018-issue-plain" / "page.html"
NEW_URL = "https://www.bionews.org.uk/page_142355"


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """Two copied cases whose expected.json is stale, so a rewrite shows."""
    for name in EXISTING:
        shutil.copytree(PAGES / name, tmp_path / name)
        (tmp_path / name / "expected.json").write_bytes(STALE)
    return tmp_path


def _new(pages: Path, name: str = "bionews2018-issue-new") -> int:
    argv = ["--new", name, "--url", NEW_URL, "--from", str(NEW_PAGE), "--layout", "bionews2018", "--proves", "x"]
    return main(argv, pages=pages)


def test_new_case_writes_only_its_own_folder(pages: Path) -> None:
    assert _new(pages) == 0
    for name in EXISTING:
        assert (pages / name / "expected.json").read_bytes() == STALE
    folder = pages / "bionews2018-issue-new"
    assert (folder / "page.html").read_bytes() == NEW_PAGE.read_bytes()
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    assert (expected["kind"], expected["issue"], expected["url"]) == ("issue", 1010, NEW_URL)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta == {"url": NEW_URL, "layout": "bionews2018", "kind": "issue", "proves": "x"}


def test_new_case_never_overwrites_an_existing_case(pages: Path) -> None:
    with pytest.raises(SystemExit):
        _new(pages, EXISTING[0])
    assert (pages / EXISTING[0] / "expected.json").read_bytes() == STALE
    assert (pages / EXISTING[0] / "page.html").read_bytes() == (PAGES / EXISTING[0] / "page.html").read_bytes()


def test_new_case_needs_a_url_and_a_page(pages: Path) -> None:
    with pytest.raises(SystemExit):
        main(["--new", "x"], pages=pages)
    assert not (pages / "x").exists()


def test_without_new_every_case_is_rewritten(pages: Path) -> None:
    assert main([], pages=pages) == 0
    for name in EXISTING:
        written = json.loads((pages / name / "expected.json").read_text(encoding="utf-8"))
        reviewed = json.loads((PAGES / name / "expected.json").read_text(encoding="utf-8"))
        assert (written.get("kind"), written.get("reason")) == (reviewed.get("kind"), reviewed.get("reason"))
