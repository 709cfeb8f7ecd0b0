"""Output files under a full disk: a line is written whole or not at all; stats files are replaced atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from bionews_scraper.records.jsonl import write_atomically
from bionews_scraper.records.outputs import JsonlAppender, OutputError
from tests.limits import file_size_limit

RECORD = {"kind": "error", "url": "https://www.progress.org.uk/x/", "reason": "http_404", "error": "x" * 80}


def test_a_line_cut_short_by_a_full_disk_is_rolled_back_to_its_start(tmp_path: Path) -> None:
    path = tmp_path / "errors.jsonl"
    appender = JsonlAppender(path)
    appender.write(RECORD)
    first_line = path.read_bytes()
    with (
        file_size_limit(len(first_line) + 40),
        pytest.raises(OutputError, match=r"cannot write .*errors.jsonl: File too large"),
    ):
        appender.write(RECORD)  # 40 bytes fit, the rest do not
    appender.close()
    assert path.read_bytes() == first_line


def test_an_atomic_write_that_fails_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "stats.json"
    path.write_text('{"requests": 5}\n', encoding="utf-8")
    with file_size_limit(10), pytest.raises(OSError, match="File too large"):
        write_atomically(path, b'{"requests": 6, "more": "x"}\n')
    assert path.read_text(encoding="utf-8") == '{"requests": 5}\n'
    assert [child.name for child in tmp_path.iterdir()] == ["stats.json"]


def test_an_atomic_write_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "stats.json"
    path.write_text("old\n", encoding="utf-8")
    write_atomically(path, b"new\n")
    assert path.read_bytes() == b"new\n" and oct(path.stat().st_mode & 0o777) == "0o644"
