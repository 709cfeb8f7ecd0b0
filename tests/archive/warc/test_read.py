"""A WARC file cut anywhere is reported, whichever record the cut falls in."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bionews_scraper.archive.warc.read import ArchiveProblem, CapturedPage, RequestIndex, read_pages

ARTICLE = "https://www.progress.org.uk/womb-transplant-baby-born-in-uk/"
PAGE = (
    b"<html><body><h1>Womb transplant baby born in UK</h1>"
    + b"<p>The birth follows a trial.</p>" * 60
    + b"</body></html>"
)


def _warc(gzip: bool) -> tuple[bytes, int]:
    """A response and, last, its request record; with the offset where that request starts."""
    stream = BytesIO()
    writer = WARCWriter(stream, gzip=gzip, warc_version="1.1")
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(ARTICLE, "response", payload=BytesIO(PAGE), length=len(PAGE), http_headers=http)
    )
    request_at = stream.tell()
    headers = [
        ("Host", "www.progress.org.uk"),
        ("Referer", "https://www.progress.org.uk/newsletter_issue/bionews-1180/"),
    ]
    request = StatusAndHeaders("GET /womb-transplant-baby-born-in-uk/ HTTP/1.1", headers, is_http_request=True)
    writer.write_record(writer.create_warc_record(ARTICLE, "request", http_headers=request))
    return stream.getvalue(), request_at


def _events(tmp_path: Path, data: bytes) -> list:
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data)
    return list(read_pages(path, RequestIndex()))


@pytest.mark.parametrize("gzip", [True, False])
def test_a_whole_file_reads_clean(tmp_path: Path, gzip: bool) -> None:
    events = _events(tmp_path, _warc(gzip)[0])
    assert [type(event) for event in events] == [CapturedPage]


@pytest.mark.parametrize("missing", [1, 4, 8])
def test_a_gzip_file_cut_in_its_final_trailer_is_reported(tmp_path: Path, missing: int) -> None:
    data, _ = _warc(gzip=True)
    *_, problem = _events(tmp_path, data[:-missing])
    assert isinstance(problem, ArchiveProblem) and "cut short" in problem.error


@pytest.mark.parametrize("gzip", [True, False])
def test_a_file_cut_inside_its_request_record_is_reported(tmp_path: Path, gzip: bool) -> None:
    data, request_at = _warc(gzip)
    for cut in range(request_at + 1, len(data) - 4, 7):
        events = _events(tmp_path, data[:cut])
        assert isinstance(events[0], CapturedPage), cut  # the whole response before the cut is kept
        assert isinstance(events[-1], ArchiveProblem), cut
