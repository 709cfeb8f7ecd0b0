"""`bionews merge` joins shards and never erases a record: not the output's own, not any input's."""

from __future__ import annotations

import json
from pathlib import Path

from bionews_scraper.cli import main
from bionews_scraper.records.jsonl import dumps_line
from bionews_scraper.records.outputs import OUTPUT_FILES
from tests.limits import file_size_limit

PROGRESS = "https://www.progress.org.uk"


def _article(slug: str) -> dict:
    return {"kind": "article", "url": f"{PROGRESS}/{slug}/", "canonical_url": None, "headline": slug}


def _issue(number: int) -> dict:
    return {"kind": "issue", "url": f"{PROGRESS}/newsletter_issue/bionews-{number}/", "issue": number}


def _error(slug: str) -> dict:
    return {"kind": "error", "url": f"{PROGRESS}/{slug}/", "reason": "http_503", "error": "503 Service Unavailable"}


def _write(directory: Path, name: str, records: list[dict]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text("".join(dumps_line(record) for record in records), encoding="utf-8")


def _urls(directory: Path, name: str) -> list[str]:
    return [json.loads(line)["url"] for line in (directory / name).read_text(encoding="utf-8").splitlines()]


def _snapshot(directory: Path) -> dict[str, bytes]:
    """The record files (merge also rebuilds the stories and calendar derived from them)."""
    return {name: (directory / name).read_bytes() for name in OUTPUT_FILES.values()}


def _crawl_output(directory: Path) -> Path:
    _write(directory, "articles.jsonl", [_article("ivf-add-ons-review"), _article("embryo-model-rules")])
    _write(directory, "issues.jsonl", [_issue(1195)])
    _write(directory, "errors.jsonl", [_error("sperm-donor-limits")])
    return directory


def test_merging_an_output_into_itself_leaves_it_as_it_was(tmp_path: Path) -> None:
    out = _crawl_output(tmp_path / "out")
    before = _snapshot(out)
    assert main(["merge", str(out)]) == 0
    assert _snapshot(out) == before


def test_merging_a_and_b_into_a_keeps_the_records_of_both(tmp_path: Path) -> None:
    first = _crawl_output(tmp_path / "a")
    second = tmp_path / "b"
    _write(second, "articles.jsonl", [_article("embryo-model-rules"), _article("mitochondrial-donation-births")])
    _write(second, "issues.jsonl", [_issue(1196)])
    assert main(["merge", str(first), str(second)]) == 0
    assert _urls(first, "articles.jsonl") == [
        f"{PROGRESS}/ivf-add-ons-review/",
        f"{PROGRESS}/embryo-model-rules/",
        f"{PROGRESS}/mitochondrial-donation-births/",
    ]
    assert _urls(first, "issues.jsonl") == [_issue(1195)["url"], _issue(1196)["url"]]
    assert _urls(first, "errors.jsonl") == [_error("sperm-donor-limits")["url"]]


def test_worker_shards_merge_into_a_fresh_directory_and_an_error_gives_way_to_a_record(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    _write(crawl / "worker-host-1", "articles.jsonl", [_article("ivf-add-ons-review")])
    _write(crawl / "worker-host-1", "errors.jsonl", [_error("embryo-model-rules")])
    _write(crawl / "worker-host-2", "articles.jsonl", [_article("embryo-model-rules")])
    fresh = tmp_path / "merged"
    assert main(["merge", str(crawl), "--out", str(fresh)]) == 0
    assert sorted(_urls(fresh, "articles.jsonl")) == [
        f"{PROGRESS}/embryo-model-rules/",
        f"{PROGRESS}/ivf-add-ons-review/",
    ]
    assert _urls(fresh, "errors.jsonl") == []


def test_a_merge_that_cannot_write_leaves_the_output_as_it_was_and_exits_non_zero(tmp_path: Path, capsys) -> None:
    out = _crawl_output(tmp_path / "out")
    other = tmp_path / "other"
    _write(other, "articles.jsonl", [_article(f"stem-cell-trial-{n}") for n in range(40)])
    before = _snapshot(out)
    with file_size_limit(600):
        status = main(["merge", str(out), str(other)])
    assert status == 1 and "File too large" in capsys.readouterr().err
    assert _snapshot(out) == before
    assert sorted(path.name for path in out.iterdir()) == sorted(OUTPUT_FILES.values()), "a file was left behind"


def test_merging_directories_with_no_records_does_nothing_and_says_so(tmp_path: Path, capsys) -> None:
    assert main(["merge", str(tmp_path)]) == 1
    assert "nothing to merge" in capsys.readouterr().err


def test_merging_a_directory_that_does_not_exist_is_refused(tmp_path: Path, capsys) -> None:
    assert main(["merge", str(tmp_path / "typo")]) == 2
    assert "no such directory" in capsys.readouterr().err
