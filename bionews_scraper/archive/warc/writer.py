"""A series of gzipped WARC files in one directory, each opened when first needed.

``bionews-<UTC timestamp>-<pid>-<serial>.warc.gz``: the timestamp is when that file was
opened, the pid keeps two crawls sharing a directory apart, the serial counts this
process's files. Each file starts with a ``warcinfo`` record; a file is closed once it has
grown past ``max_bytes`` (a record pair is never split across files).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from warcio.recordloader import ArcWarcRecord
from warcio.warcwriter import WARCWriter

from bionews_scraper.records.outputs import OutputError

FILE_PREFIX = "bionews"
WARC_VERSION = "1.1"


class RotatingWarcWriter:
    """Writes records to ``directory``; starts a new file when the current one passes ``max_bytes``."""

    def __init__(self, directory: Path, max_bytes: int, info: Mapping[str, str], stats: Any) -> None:
        self.directory = directory
        self.max_bytes = max_bytes
        self.info = dict(info)  # the warcinfo fields, repeated at the head of every file
        self.stats = stats
        self.serial = 0
        self.file: BinaryIO | None = None
        self.writer: WARCWriter | None = None

    def write(self, records: Sequence[ArcWarcRecord]) -> None:
        """Write ``records`` (a request/response pair, or one record) into the same file, whole or
        not at all: a write that fails (full disk) is cut back and raised as ``OutputError``."""
        writer = self.writer or self._open()
        start = self.file.tell() if self.file is not None else 0  # the file opens with the writer
        try:
            if len(records) == 2:
                writer.write_request_response_pair(*records)  # response first, request linked to it
            else:
                for record in records:
                    writer.write_record(record)
            if self.file is not None:
                self.file.flush()  # a full disk shows here, at this pair, not at some later one
        except OSError as error:
            name = self.file.name if self.file is not None else self.directory
            raise OutputError(f"cannot write {name}: {error.strerror or error}{self._cut_back(start)}") from error
        self.stats.inc_value("warc/records", len(records))
        if self.file is not None and self.file.tell() >= self.max_bytes:
            self.close()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        self.file = None
        self.writer = None

    def _cut_back(self, size: int) -> str:
        """Close the current file with only its whole records; '' when done, else what the reader must know."""
        path = Path(str(self.file.name)) if self.file is not None else None
        with contextlib.suppress(OSError):  # the buffer cannot reach the disk: drop it with the file
            self.close()
        self.file, self.writer = None, None
        try:
            if path is not None:
                os.truncate(path, size)
        except OSError as error:
            return f" (and its last record could not be cut back: {error.strerror}; replay reports it)"
        return ""

    def _open(self) -> WARCWriter:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        name = f"{FILE_PREFIX}-{stamp}-{os.getpid()}-{self.serial:05d}.warc.gz"
        self.serial += 1
        self.file = (self.directory / name).open("xb")  # never overwrite an earlier capture
        self.writer = WARCWriter(self.file, gzip=True, warc_version=WARC_VERSION)
        self.writer.write_record(self.writer.create_warcinfo_record(name, self.info))
        self.stats.inc_value("warc/files")
        self.stats.inc_value("warc/records")
        return self.writer
