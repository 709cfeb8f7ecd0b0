"""The output directory: which file holds which records, and lines written whole.

A crawl killed at any moment must leave no partial line. Each line goes out in one
``os.write`` on an ``O_APPEND`` descriptor; a write that fails part-way (a full disk, a file
size limit) is rolled back to the line's start and raised as ``OutputError``; a file whose
last line was cut anyway (power loss) is trimmed back to its last newline when it is opened again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from bionews_scraper.records.jsonl import dumps_line

OUTPUT_FILES: dict[str, str] = {"article": "articles.jsonl", "issue": "issues.jsonl", "error": "errors.jsonl"}


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """Every whole JSON line of ``path``; a cut final line (or one that is not UTF-8 JSON) is skipped."""
    return (record for _, record in read_records_at(path))


def read_records_at(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Every whole JSON line of ``path`` with the byte offset it starts at (for ``read_record_at``)."""
    if not path.exists():
        return
    with path.open("rb") as lines:
        end = 0
        for line in lines:
            start, end = end, end + len(line)
            if line.endswith(b"\n") and line.strip():
                try:
                    yield start, json.loads(line.decode("utf-8"))
                except ValueError:  # UnicodeDecodeError included
                    continue


def read_record_at(handle: BinaryIO, offset: int) -> dict[str, Any]:
    """The record on the line starting at ``offset`` of an open file; raises ValueError if it is not one."""
    handle.seek(offset)
    record = json.loads(handle.readline().decode("utf-8"))
    if not isinstance(record, dict):
        raise ValueError(f"not a record at byte {offset}")
    return record


class OutputError(OSError):
    """An output file could not be written (disk full, file too large, I/O error); no partial line was left."""


class JsonlAppender:
    """Appends whole JSON lines to one file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        _trim_partial_line(path)
        self.path = path
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def write(self, record: dict[str, Any]) -> None:
        """Append one line, whole or not at all; raises ``OutputError`` naming the file and the cause."""
        data = memoryview(dumps_line(record).encode("utf-8"))
        line_start = os.fstat(self.fd).st_size  # O_APPEND: this line starts at the end
        try:
            while data:  # a short write (disk nearly full) is followed by the error for the rest
                data = data[os.write(self.fd, data) :]
        except OSError as error:
            raise OutputError(
                f"cannot write {self.path}: {error.strerror or error}{self._roll_back(line_start)}"
            ) from error

    def _roll_back(self, line_start: int) -> str:
        """Cut a half-written line off; '' when done, else what the reader must know."""
        try:
            os.ftruncate(self.fd, line_start)
        except OSError as error:
            return f" (and its last line could not be cut back: {error.strerror}; the next run trims it)"
        return ""

    def close(self) -> None:
        os.close(self.fd)


def _trim_partial_line(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb+") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - 1))
        if handle.read(1) == b"\n":
            return
        data_end = _last_newline_end(handle, size)
        handle.truncate(data_end)


def _last_newline_end(handle: Any, size: int) -> int:
    block = 65536
    position = size
    while position > 0:
        start = max(0, position - block)
        handle.seek(start)
        chunk = handle.read(position - start)
        index = chunk.rfind(b"\n")
        if index >= 0:
            return start + index + 1
        position = start
    return 0
