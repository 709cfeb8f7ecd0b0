"""WARC capture: the crawl of the fixture site, recorded; checked with warcio's own tools."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from bionews_scraper import __version__
from bionews_scraper.archive.warc.capture import WarcCaptureMiddleware
from bionews_scraper.records.outputs import read_records

FILE_NAME_RE = re.compile(r"^bionews-\d{14}-\d+-(\d{5})\.warc\.gz$")
WARCIO = Path(sys.executable).parent / "warcio"


def _files(captured: Path) -> list[Path]:
    return sorted((captured / "warc").iterdir())


def _records(path: Path) -> list[dict]:
    """Each record's type, WARC headers, HTTP headers and payload, read with warcio."""
    with path.open("rb") as stream:
        return [
            {
                "type": record.rec_type,
                "warc": dict(record.rec_headers.headers),
                "http": record.http_headers,
                "payload": record.content_stream().read(),
            }
            for record in ArchiveIterator(stream)
        ]


def _all_records(captured: Path) -> list[dict]:
    return [record for path in _files(captured) for record in _records(path)]


def _warcio(*arguments: str) -> subprocess.CompletedProcess:
    command = [str(WARCIO)] if WARCIO.exists() else [sys.executable, "-m", "warcio.cli"]
    return subprocess.run([*command, *arguments], capture_output=True, text=True, timeout=60, check=False)


def test_capture_rotates_into_several_numbered_files(captured: Path) -> None:
    names = [path.name for path in _files(captured)]
    assert len(names) >= 3, names
    serials = [int(FILE_NAME_RE.match(name)[1]) for name in names]
    assert serials == list(range(len(names)))


def test_every_file_starts_with_warcinfo_naming_tool_and_settings(captured: Path) -> None:
    for path in _files(captured):
        first = _records(path)[0]
        assert first["type"] == "warcinfo", path.name
        assert first["warc"]["WARC-Filename"] == path.name
        fields = dict(line.split(": ", 1) for line in first["payload"].decode().splitlines() if line)
        assert fields["software"] == f"bionews-scraper/{__version__}"
        assert fields["USER_AGENT"].startswith("bionews-scraper/")
        assert (fields["DOWNLOAD_DELAY"], fields["AUTOTHROTTLE_ENABLED"]) == ("0.0", "False")
        assert fields["ROBOTSTXT_OBEY"] == "True" and fields["CONCURRENT_REQUESTS_PER_DOMAIN"].isdigit()
        assert "JOBDIR" not in fields  # not set for this crawl


def test_warcio_check_passes_on_every_file(captured: Path) -> None:
    for path in _files(captured):
        checked = _warcio("check", str(path))
        assert checked.returncode == 0 and checked.stdout == "", (path.name, checked.stdout, checked.stderr)


def test_warcio_index_lists_every_record(captured: Path) -> None:
    for path in _files(captured):
        indexed = _warcio("index", "-f", "warc-type,warc-target-uri,http:status", str(path))
        assert indexed.returncode == 0, indexed.stderr
        lines = [json.loads(line) for line in indexed.stdout.splitlines()]
        assert [line["warc-type"] for line in lines] == [record["type"] for record in _records(path)]
        assert all(line["http:status"].isdigit() for line in lines if line["warc-type"] == "response")


def test_every_response_has_its_request_record(captured: Path) -> None:
    records = _all_records(captured)
    responses = {record["warc"]["WARC-Record-ID"]: record for record in records if record["type"] == "response"}
    requests = {record["warc"]["WARC-Concurrent-To"]: record for record in records if record["type"] == "request"}
    assert responses and set(responses) == set(requests)
    for record_id, request in requests.items():
        assert request["warc"]["WARC-Target-URI"] == responses[record_id]["warc"]["WARC-Target-URI"]
        assert request["http"].protocol == "GET"
        assert request["http"].get_header("Host") and request["http"].get_header("User-Agent").startswith(
            "bionews-scraper/"
        )


def test_requests_for_linked_pages_carry_their_referer(captured: Path) -> None:
    referers = {
        record["warc"]["WARC-Target-URI"]: record["http"].get_header("Referer")
        for record in _all_records(captured)
        if record["type"] == "request"
    }
    for record in read_records(captured / "articles.jsonl"):
        assert referers[record["url"]] == record["referer"], record["url"]


def test_every_fetched_page_in_the_output_is_a_response_record(captured: Path) -> None:
    statuses = {
        record["warc"]["WARC-Target-URI"]: int(record["http"].get_statuscode())
        for record in _all_records(captured)
        if record["type"] == "response"
    }
    for name in ("articles.jsonl", "issues.jsonl", "errors.jsonl"):
        for record in read_records(captured / name):
            assert statuses[record["url"]] == record["status"], record["url"]


def test_stats_count_files_and_records(captured: Path) -> None:
    log = (captured / "crawl.log").read_text(encoding="utf-8")
    files = int(re.search(r"'warc/files': (\d+)", log)[1])
    records = int(re.search(r"'warc/records': (\d+)", log)[1])
    assert files == len(_files(captured))
    assert records == len(_all_records(captured))


def _middleware(tmp_path: Path) -> WarcCaptureMiddleware:
    crawler = get_crawler(settings_dict={"BIONEWS_WARC_DIR": str(tmp_path)})
    crawler.stats.open_spider()
    return WarcCaptureMiddleware.from_crawler(crawler)


def test_capture_is_off_without_a_warc_dir() -> None:
    with pytest.raises(NotConfigured):
        WarcCaptureMiddleware.from_crawler(get_crawler(settings_dict={}))


def test_requests_ask_only_for_encodings_warc_readers_decode(tmp_path: Path) -> None:
    request = Request("https://www.progress.org.uk/", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    _middleware(tmp_path).process_request(request)
    assert (
        request.headers["Accept-Encoding"] == b"gzip, deflate"
    )  # warcio cannot read zstd, nor br with Google's brotli


def test_dechunked_body_is_not_labelled_chunked(tmp_path: Path) -> None:
    middleware = _middleware(tmp_path)
    request = Request("https://www.progress.org.uk/a/?x=1")
    headers = {"Content-Type": "text/html", "Transfer-Encoding": "chunked"}
    middleware.process_response(
        request, HtmlResponse(request.url, status=200, headers=headers, body=b"<html>hi</html>", request=request)
    )
    middleware.spider_closed(None)
    response, request_record = _records(next(tmp_path.iterdir()))[1:]
    assert response["http"].get_header("Transfer-Encoding") is None
    assert response["http"].get_header("X-Archive-Orig-Transfer-Encoding") == "chunked"
    assert response["payload"] == b"<html>hi</html>"
    assert request_record["http"].statusline == "/a/?x=1 HTTP/1.1"
    assert request_record["http"].get_header("Host") == "www.progress.org.uk"
