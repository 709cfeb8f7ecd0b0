"""Output files under a full disk: a line is written whole or not at all; stats files are replaced atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from bionews_scraper.records.jsonl import write_atomically
from bionews_scraper.records.outputs import JsonlAppender, OutputError, read_record_at, read_records, read_records_at
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


def test_records_are_read_back_by_the_offset_of_their_line_and_bad_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    lines = ['{"n":1,"h":"Embryo ‘test’"}\n'.encode(), b"not json\n", b"\xff\n", b'{"n":2}\n', b'{"n":3']
    path.write_bytes(b"".join(lines))
    second = sum(map(len, lines[:3]))
    found = list(read_records_at(path))
    assert [(offset, record["n"]) for offset, record in found] == [(0, 1), (second, 2)]
    assert list(read_records(path)) == [record for _, record in found]
    with path.open("rb") as handle:
        assert read_record_at(handle, second) == {"n": 2}
        assert read_record_at(handle, 0) == {"n": 1, "h": "Embryo ‘test’"}
        with pytest.raises(ValueError):
            read_record_at(handle, second - 2)  # the line that is not UTF-8
