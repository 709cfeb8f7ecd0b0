"""WARC files -> the pages a crawl would have parsed, with their fetch facts. Local files only.

The input is treated as hostile: every payload read is capped, every record and every
file may fail on its own (a problem, never an exception), and nothing named inside a
record (``WARC-Refers-To``, links, redirects) is ever fetched. Which responses count
mirrors the crawl: redirects, robots.txt and sitemaps are not pages; an error status is.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.timeutils import iso_date_to_datetime

from bionews_scraper.crawl.settings import DOWNLOAD_MAXSIZE

MAX_PAYLOAD_BYTES = DOWNLOAD_MAXSIZE  # what the crawl would have accepted
READ_BLOCK = 64 * 1024
RECORD_END = b"\r\n\r\n"  # after each record's block (WARC/1.1 section 4)
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
# What the crawl parses: HTML, or a body that says it is HTML when the server did not.
HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")
SNIFFED_MEDIA_TYPES = ("", "text/plain", "application/octet-stream")
HTML_START_RE = re.compile(rb"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)
SNIFF_BYTES = 1024
XML_MEDIA_RE = re.compile(r"^(?:application|text)/(?:[\w.-]+\+)?xml$")
# What content_stream() decodes reliably: see capture.REPLAYABLE_ENCODINGS on br.
DECODABLE_ENCODINGS = frozenset({"", "identity", "gzip", "deflate"})


@dataclass(frozen=True, slots=True)
class CapturedPage:
    """One response to parse, with what only the fetch knows."""

    url: str  # WARC-Target-URI: the URL the crawl requested
    status: int
    body: bytes  # the payload: de-chunked and content-decoded
    content_type: str | None  # the HTTP Content-Type header
    referer: str | None  # from the paired request record
    fetched_at: str  # WARC-Date as RFC 3339 UTC, second precision


@dataclass(frozen=True, slots=True)
class Skipped:
    why: str  # snake_case: redirect, revisit, robots_txt, sitemap, not_html, ...


@dataclass(frozen=True, slots=True)
class ArchiveProblem:
    file: str
    error: str  # a sentence: what went wrong and where

    def __str__(self) -> str:
        return f"{self.file}: {self.error}"


@dataclass(slots=True)
class RequestIndex:
    """From request records: the Referer each response was fetched with; URLs answered without error."""

    referer_by_id: dict[str, str | None] = field(default_factory=dict)  # request id and its Concurrent-To ids
    referer_by_url: dict[str, str | None] = field(default_factory=dict)
    answered_urls: set[str] = field(default_factory=set)  # a response below 400 exists

    def referer(self, record: Any, url: str) -> str | None:
        for record_id in (record.rec_headers.get_header("WARC-Record-ID"), *_concurrent_ids(record)):
            if record_id in self.referer_by_id:  # paired by id, even when that request sent no Referer
                return self.referer_by_id[record_id]
        return self.referer_by_url.get(url)


def warc_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a directory stands for its ``*.warc(.gz)`` / ``*.arc(.gz)`` files, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(child for child in path.iterdir() if child.name.endswith(WARC_SUFFIXES) and child.is_file())
        else:
            files.append(path)
    return files


def index_requests(files: Iterable[Path]) -> RequestIndex:
    """A first, cheap pass over every file: request records may come after their response,
    or in another file. Problems are left for the second pass to report."""
    index = RequestIndex()
    for path in files:
        try:
            with path.open("rb") as stream:
                for record in ArchiveIterator(stream, arc2warc=True):
                    _index_record(index, record)
        except Exception:  # noqa: BLE001, S112 - a damaged file is reported by read_pages, not here
            continue
    return index


def read_pages(path: Path, index: RequestIndex) -> Iterator[CapturedPage | Skipped | ArchiveProblem]:
    """Every record of one file, as a page to parse, a skip with its reason, or a problem.

    Never raises: an unreadable record is a problem and the next record is read; an
    unreadable file (not a WARC, cut short, corrupt gzip) ends with a problem.
    """
    try:
        stream = path.open("rb")
    except OSError as error:
        yield ArchiveProblem(str(path), f"cannot open: {_describe(error)}")
        return
    with stream:
        yield from _read_stream(stream, str(path), index)


def _read_stream(stream: BinaryIO, name: str, index: RequestIndex) -> Iterator[CapturedPage | Skipped | ArchiveProblem]:
    records = ArchiveIterator(stream, arc2warc=True)
    count = 0
    compressed = False
    try:
        for record in records:
            count += 1
            offset = records.offset
            if record.rec_type != "request":  # a request only lends its Referer (index_requests)
                yield _read_record_or_problem(record, offset, name, index)
            compressed = records.reader.decompressor is not None
            if cut := _cut_short(records, record):  # warcio itself reads a cut record as a shorter one
                yield ArchiveProblem(name, f"record at offset {offset} {cut}: the file is cut short or corrupt")
                return
    except Exception as error:  # noqa: BLE001 - a hostile file must not stop the others
        yield ArchiveProblem(
            name, f"{f'unreadable after {count} records' if count else 'not a WARC file'}: {_describe(error)}"
        )
        return
    size = os.fstat(stream.fileno()).st_size
    if count == 0:
        yield ArchiveProblem(name, "no WARC records: empty, or not a WARC file")
    elif records.offset < size:  # warcio stops quietly at a cut-off last gzip member
        yield ArchiveProblem(
            name,
            f"{size - records.offset} bytes after offset {records.offset} are no whole record: cut short or corrupt",
        )
    elif not compressed and not _ends_with(stream, RECORD_END):
        yield ArchiveProblem(name, "the last record lacks its closing blank lines: the file is cut short")


def _cut_short(records: Any, record: Any) -> str | None:
    """What is missing from ``record`` once read to its end, or None when it is whole: bytes of
    its block (Content-Length says more), or its gzip member's trailer (whose CRC checks it)."""
    records.read_to_end()
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:
        return f"lacks {missing} bytes of its block"
    decompressor = records.reader.decompressor
    if decompressor is not None and not getattr(decompressor, "eof", True):
        return "ends inside its gzip member (no gzip trailer)"
    return None


def _ends_with(stream: BinaryIO, tail: bytes) -> bool:
    stream.seek(-len(tail), os.SEEK_END)
    return stream.read(len(tail)) == tail


def _read_record_or_problem(
    record: Any, offset: int, name: str, index: RequestIndex
) -> CapturedPage | Skipped | ArchiveProblem:
    try:
        return _read_record(record, index)
    except Exception as error:  # noqa: BLE001 - decoders raise their own types (zlib.error, brotli.error, ...)
        return ArchiveProblem(name, f"record at offset {offset} unreadable: {_describe(error)}")


def _index_record(index: RequestIndex, record: Any) -> None:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.rec_type == "request" and record.http_headers:
        referer = record.http_headers.get_header("Referer")
        for record_id in (record.rec_headers.get_header("WARC-Record-ID"), *_concurrent_ids(record)):
            if record_id:
                index.referer_by_id.setdefault(record_id, referer)
        index.referer_by_url.setdefault(url, referer)
    elif record.rec_type == "response" and (status := _status(record)) is not None and status < 400:
        index.answered_urls.add(url)


def _read_record(record: Any, index: RequestIndex) -> CapturedPage | Skipped:
    if record.rec_type != "response":
        return Skipped(record.rec_type or "untyped")
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    status = _status(record)
    if not url.startswith(("http://", "https://")) or status is None:
        return Skipped("not_http")
    skip = _skip_reason(record, url, status, index)
    if skip:
        return Skipped(skip)
    fetched_at = _rfc3339(record.rec_headers.get_header("WARC-Date"))
    if fetched_at is None:
        return Skipped("bad_warc_date")
    content_type = record.http_headers.get_header("Content-Type")
    referer = index.referer(record, url)
    if status >= 400:  # an error record needs no body: the crawl never parsed one
        return CapturedPage(url, status, b"", content_type, referer, fetched_at)
    stream = record.content_stream()
    body = _read_capped(stream)
    if body is None:
        return Skipped("too_large")
    if getattr(record.raw_stream, "limit", 0) > 0:  # the file ended inside this record
        raise ValueError(f"payload cut short: {record.raw_stream.limit} bytes missing")
    if not getattr(getattr(stream, "decompressor", None), "eof", True):  # warcio returns what it had
        raise ValueError("gzip/deflate payload is corrupt or cut short")
    if not _is_html(content_type, body):
        return Skipped("not_html")
    return CapturedPage(url, status, body, content_type, referer, fetched_at)


def _skip_reason(record: Any, url: str, status: int, index: RequestIndex) -> str | None:
    """Why the crawl would not have parsed this response, or None."""
    path = urlsplit(url).path
    media_type = _media_type(record.http_headers.get_header("Content-Type"))
    if path == "/robots.txt":
        return "robots_txt"  # read by RobotsTxtMiddleware, never a page
    if 300 <= status < 400:
        return "redirect"  # the crawl followed it; the target's own response gives the record
    if status < 200:
        return "informational"
    if status >= 400:
        return "retried" if url in index.answered_urls else None  # RetryMiddleware got an answer later
    if record.rec_headers.get_header("WARC-Truncated"):
        return "truncated"
    if (record.http_headers.get_header("Content-Encoding") or "").strip().lower() not in DECODABLE_ENCODINGS:
        return "unsupported_encoding"
    if path.endswith((".xml", ".xml.gz")) or XML_MEDIA_RE.match(media_type):
        return "sitemap"
    return None


def _is_html(content_type: str | None, body: bytes) -> bool:
    media_type = _media_type(content_type)
    if media_type in HTML_MEDIA_TYPES:
        return True
    return media_type in SNIFFED_MEDIA_TYPES and bool(HTML_START_RE.search(body[:SNIFF_BYTES]))


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _read_capped(stream: Any) -> bytes | None:
    """The whole payload, or None past MAX_PAYLOAD_BYTES (a decompression bomb stops there too)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(READ_BLOCK):
        size += len(chunk)
        if size > MAX_PAYLOAD_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _status(record: Any) -> int | None:
    try:
        return int(record.http_headers.get_statuscode())
    except (AttributeError, ValueError):
        return None


def _rfc3339(warc_date: str | None) -> str | None:
    """``2026-11-26T06:44:51.925930Z`` -> ``2026-11-26T06:44:51Z``; None when unreadable."""
    try:
        return iso_date_to_datetime(warc_date or "").strftime("%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError, OverflowError):
        return None


def _concurrent_ids(record: Any) -> list[str]:
    return [value for name, value in record.rec_headers.headers if name.lower() == "warc-concurrent-to"]


def _describe(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:300]}" if text else type(error).__name__
