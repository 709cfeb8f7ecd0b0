"""A crawl whose output cannot be written stops at once, says so in one line, exits non-zero
and leaves only whole lines behind.

The full disk is a file size limit (``tests/limits.py``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bionews_scraper.archive.warc.read import ArchiveProblem, index_requests, read_pages
from bionews_scraper.records.outputs import OUTPUT_FILES
from tests.limits import child_file_size_limit

ROOT = Path(__file__).resolve().parents[2]
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]
FILE_SIZE_LIMIT = 8000  # bytes: two or three of the demo's ~3 kB article lines
WARC_SIZE_LIMIT = 6000  # bytes: the gzipped capture reaches it before articles.jsonl reaches 8000


def _demo(out: Path, *options: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "bionews_scraper.cli", "demo", "--out", str(out), *FAST, *options]
    return subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        preexec_fn=child_file_size_limit(limit) if limit else None,
    )


def test_a_crawl_whose_disk_fills_exits_non_zero_with_whole_lines_and_one_clear_line(tmp_path: Path) -> None:
    finished = _demo(tmp_path, limit=FILE_SIZE_LIMIT)
    assert finished.returncode == 1, finished.stderr[-3000:]
    assert "Traceback" not in finished.stderr
    assert f"cannot write {tmp_path / 'articles.jsonl'}: File too large" in finished.stderr
    for name in OUTPUT_FILES.values():
        data = (tmp_path / name).read_bytes()
        assert data == b"" or data.endswith(b"\n"), f"{name} ends with half a line"
        assert all(json.loads(line) for line in data.splitlines())
    written = (tmp_path / "articles.jsonl").read_bytes().count(b"\n")
    assert 1 <= written < 16
    stats = json.loads((tmp_path / "stats.json").read_text(encoding="utf-8"))
    assert stats["finish_reason"] == "output_error" and "File too large" in stats["output_error"]
    assert stats["records_by_kind"]["article"] == written


def test_a_capture_whose_disk_fills_stops_the_crawl_and_keeps_whole_warc_records(tmp_path: Path) -> None:
    finished = _demo(tmp_path, "--warc", "-s", "BIONEWS_WARC_MAX_BYTES=10000000", limit=WARC_SIZE_LIMIT)
    assert finished.returncode == 1, finished.stderr[-3000:]
    assert "Traceback" not in finished.stderr
    [capture] = (tmp_path / "warc").iterdir()
    assert f"cannot write {capture}: File too large" in finished.stderr
    events = list(read_pages(capture, index_requests([capture])))
    assert events and not [event for event in events if isinstance(event, ArchiveProblem)]
