"""Every command exits non-zero when it did nothing it was asked to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from bionews_scraper.cli import main


def test_a_report_of_a_folder_with_no_output_says_so_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(tmp_path)]) == 1
    assert (
        capsys.readouterr().err
        == f"bionews report: nothing to report: no articles, issues or errors file in {tmp_path}\n"
    )


def test_a_report_of_an_empty_crawl_is_still_a_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "errors.jsonl").write_text("", encoding="utf-8")
    assert main(["report", str(tmp_path)]) == 0
    assert "articles             0" in capsys.readouterr().out
