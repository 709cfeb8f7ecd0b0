"""`bionews parse`: records on stdout, refusals on stderr, exit status 1 when any file failed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bionews_scraper.cli import main
from bionews_scraper.crawl.settings import DOWNLOAD_MAXSIZE
from tests.cases import Case, all_cases

ROOT = Path(__file__).resolve().parents[1]
CASES = all_cases()


def _parse(*arguments: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bionews_scraper.cli", "parse", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def every_case_at_once() -> subprocess.CompletedProcess[str]:
    """One real process over every fixture page, without --url."""
    return _parse(*(str(case.folder / "page.html") for case in CASES))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_each_page_with_its_url_gives_its_expected_record_or_refusal(
    case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["parse", "--url", case.meta["url"], str(case.folder / "page.html")])
    out, err = capsys.readouterr()
    if "error" in case.expected:
        assert status == 1 and out == ""
        refusal = json.loads(err)
        assert list(refusal) == ["file", "url", "error", "reason"] and refusal["reason"] == case.expected["reason"]
        assert refusal["url"] == case.meta["url"] and refusal["error"]
        assert "Traceback" not in err
    else:
        assert status == 0 and err == ""
        assert [json.loads(line) for line in out.splitlines()] == _records(case.parse())


def _records(expected: dict | list) -> list:
    """A case's expected records: one, or the several a legacy e-mail issue page holds."""
    return expected if isinstance(expected, list) else [expected]


def test_output_is_utf8_not_ascii_escaped() -> None:
    case = Case(ROOT / "fixtures" / "pages" / "legacy-article-plain-cp1252")
    finished = _parse("--url", case.meta["url"], str(case.folder / "page.html"))
    assert "\\u20" not in finished.stdout and any(mark in finished.stdout for mark in "“”‘’–£")


def test_many_files_give_one_line_each_and_exit_1_when_any_failed(
    every_case_at_once: subprocess.CompletedProcess[str],
) -> None:
    refused = [case for case in CASES if "error" in case.expected]
    records = sum(len(_records(case.expected)) for case in CASES if case not in refused)
    assert every_case_at_once.returncode == 1
    assert len(every_case_at_once.stdout.splitlines()) == records  # a page holding several gives each
    assert len(every_case_at_once.stderr.splitlines()) == len(refused)


def test_without_url_the_page_names_its_url_else_the_file_path(
    every_case_at_once: subprocess.CompletedProcess[str],
) -> None:
    records = [json.loads(line) for line in every_case_at_once.stdout.splitlines()]
    # An article of a page holding several keeps the page's address; its canonical_url is its own page.
    own_pages = {r.get("canonical_url") for case in CASES if isinstance(case.expected, list) for r in case.expected}
    by_canonical = [r for r in records if r.get("canonical_url") and r["canonical_url"] not in own_pages]
    assert by_canonical and all(r["url"] == r["canonical_url"] for r in by_canonical)
    legacy = [r for r in records if r["layout"] == "legacy" and r["kind"] == "article"]
    assert legacy and all(r["url"].endswith("page.html") for r in legacy if not r["canonical_url"])


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    finished = _parse(str(tmp_path / "nope.html"))
    assert finished.returncode == 1 and json.loads(finished.stderr)["reason"] == "unreadable_file"


def _refusal(capsys: pytest.CaptureFixture[str], *arguments: str) -> dict:
    assert main(["parse", *arguments]) == 1
    return json.loads(capsys.readouterr().err)


def test_a_device_is_refused_before_a_byte_is_read(capsys: pytest.CaptureFixture[str]) -> None:
    assert _refusal(capsys, "/dev/zero")["reason"] == "not_a_file"


def test_a_directory_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _refusal(capsys, str(tmp_path))["reason"] == "not_a_file"


def test_a_file_larger_than_the_crawls_maximum_is_refused_without_reading_it_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:  # sparse: 1 GiB on paper, nothing on disk
        handle.truncate(1 << 30)
    refusal = _refusal(capsys, str(huge))
    assert refusal["reason"] == "too_large" and str(DOWNLOAD_MAXSIZE) in refusal["error"]


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    finished = _parse(str(fifo), timeout=30)  # in a child: before, this blocked for ever
    assert finished.returncode == 1 and json.loads(finished.stderr)["reason"] == "not_a_file"
