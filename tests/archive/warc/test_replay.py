"""WARC replay: the capture of a crawl gives back the crawl's records, with no network.

A foreign WARC (built here with warcio, in an order no crawler writes) and files that are
no WARC at all check that hostile input is counted or reported, never raised.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from collections.abc import Iterable
from datetime import datetime
from io import BytesIO
from pathlib import Path

import pytest
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bionews_scraper.archive.warc import read
from bionews_scraper.archive.warc.replay import replay
from bionews_scraper.cli import main
from bionews_scraper.records.outputs import OUTPUT_FILES, read_records
from tests.limits import file_size_limit

SITE = Path(__file__).resolve().parents[3] / "fixtures" / "site"
ARTICLE = "http://www.bionews.org.uk/page_291488.asp"
RETRIED_ARTICLE = "http://www.bionews.org.uk/page_291490.asp"
ISSUE = "http://www.bionews.org.uk/page_291502.asp"
LISTING = "http://www.bionews.org.uk/page_2.asp"
MISSING = "http://www.bionews.org.uk/page_291870.asp"
WARC_DATE = "2019-03-04T05:06:07.123456Z"


def _lines_without_fetched_at(out: Path) -> dict[str, set[str]]:
    def line(record: dict) -> str:
        return json.dumps({key: value for key, value in record.items() if key != "fetched_at"}, sort_keys=True)

    return {name: {line(record) for record in read_records(out / name)} for name in OUTPUT_FILES.values()}


@pytest.fixture(scope="module")
def replayed(captured: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("replayed")
    return out, replay([captured / "warc"], out)


def test_replay_writes_exactly_what_the_crawl_wrote(captured: Path, replayed: tuple[Path, dict]) -> None:
    out, _ = replayed
    crawl, again = _lines_without_fetched_at(captured), _lines_without_fetched_at(out)
    for name in OUTPUT_FILES.values():
        assert crawl[name] and again[name] == crawl[name], name


def test_replayed_fetched_at_is_the_capture_time(captured: Path, replayed: tuple[Path, dict]) -> None:
    out, _ = replayed
    crawled = {record["url"]: record["fetched_at"] for record in read_records(captured / "articles.jsonl")}
    for record in read_records(out / "articles.jsonl"):
        assert record["fetched_at"].endswith("Z") and len(record["fetched_at"]) == 20
        gap = datetime.fromisoformat(crawled[record["url"]]) - datetime.fromisoformat(record["fetched_at"])
        assert abs(gap.total_seconds()) <= 5, record["url"]


def test_summary_counts_like_the_crawls_stats(captured: Path, replayed: tuple[Path, dict]) -> None:
    _, summary = replayed
    stats = json.loads((captured / "stats.json").read_text(encoding="utf-8"))
    assert summary["records_by_kind"] == stats["records_by_kind"]
    assert summary["errors_by_reason"] == stats["errors_by_reason"]
    assert summary["file_errors"] == [] and summary["files"] == len(list((captured / "warc").iterdir()))
    assert {"robots_txt", "sitemap", "listing_page", "warcinfo"} <= set(summary["skipped_by_why"])


def test_two_jobs_write_the_same_files(captured: Path, replayed: tuple[Path, dict], tmp_path: Path) -> None:
    out, summary = replayed
    parallel = replay([captured / "warc"], tmp_path, jobs=2)
    for name in OUTPUT_FILES.values():
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    assert {**parallel, "seconds": 0} == {**summary, "seconds": 0}


# --- a foreign WARC: shuffled, revisits, redirects, images, a cut-off end ------------------------------------------


def _http(statusline: str, headers: list[tuple[str, str]]) -> StatusAndHeaders:
    return StatusAndHeaders(statusline, headers, protocol="HTTP/1.1")


def _response(
    writer: WARCWriter,
    url: str,
    status: str,
    body: bytes,
    headers: Iterable[tuple[str, str]],
    record_id: str | None = None,
) -> ArcWarcRecord:
    warc_headers = {"WARC-Date": WARC_DATE, **({"WARC-Record-ID": record_id} if record_id else {})}
    return writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        warc_headers_dict=warc_headers,
        http_headers=_http(status, list(headers)),
    )


def _request(writer: WARCWriter, url: str, referer: str, concurrent_to: str | None = None) -> ArcWarcRecord:
    headers = StatusAndHeaders(
        "GET /path HTTP/1.1", [("Host", "www.bionews.org.uk"), ("Referer", referer)], is_http_request=True
    )
    warc_headers = {"WARC-Concurrent-To": concurrent_to} if concurrent_to else {}
    return writer.create_warc_record(url, "request", warc_headers_dict=warc_headers, http_headers=headers)


def _page(url: str) -> bytes:
    host, _, path = url.split("://", 1)[1].partition("/")
    return (SITE / host / path).read_bytes()


def _chunked(body: bytes) -> bytes:
    return b"".join(f"{len(part):x}\r\n".encode() + part + b"\r\n" for part in (body[:500], body[500:])) + b"0\r\n\r\n"


def _foreign_records(writer: WARCWriter) -> list[ArcWarcRecord]:
    """Records in an order no crawler writes: the request for ARTICLE comes after its response."""
    article_id = "<urn:uuid:00000000-0000-0000-0000-000000000001>"
    article = _chunked(gzip.compress(_page(ARTICLE)))
    return [
        _response(
            writer,
            "https://www.bionews.org.uk/logo.png",
            "200 OK",
            b"\x89PNG\r\n\x1a\n",
            [("Content-Type", "image/png")],
        ),
        writer.create_revisit_record(
            ARTICLE,
            "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ",
            ARTICLE,
            "2019-01-01T00:00:00Z",
            http_headers=_http("200 OK", [("Content-Type", "text/html")]),
        ),
        _response(writer, RETRIED_ARTICLE, "503 Service Unavailable", b"busy", [("Content-Type", "text/plain")]),
        _response(
            writer,
            ARTICLE,
            "200 OK",
            article,
            [("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
            article_id,
        ),
        _response(
            writer, "http://www.bionews.org.uk/style.css", "200 OK", b"body{color:red}", [("Content-Type", "text/css")]
        ),
        writer.create_warcinfo_record("foreign.warc.gz", {"software": "someone-else/1.0"}),
        _response(writer, MISSING, "404 Not Found", b"<html>gone</html>", [("Content-Type", "text/html")]),
        _response(writer, "http://www.bionews.org.uk/old-page", "301 Moved Permanently", b"", [("Location", ARTICLE)]),
        _request(writer, ARTICLE, ISSUE, concurrent_to=article_id),
        writer.create_warc_record("metadata:crawl", "metadata", payload=BytesIO(b"via: nowhere\r\n"), length=14),
        _response(
            writer,
            RETRIED_ARTICLE,
            "200 OK",
            _page(RETRIED_ARTICLE),
            [("Content-Type", "text/html; charset=windows-1252")],
        ),
        _response(writer, LISTING, "200 OK", _page(LISTING), [("Content-Type", "text/html")]),
        _request(writer, MISSING, ISSUE),
        _response(
            writer,
            "http://www.bionews.org.uk/robots.txt",
            "200 OK",
            b"User-agent: *\n",
            [("Content-Type", "text/plain")],
        ),
    ]


def _write_foreign_warc(path: Path, with_issue_request_elsewhere: Path) -> None:
    stream = BytesIO()
    writer = WARCWriter(stream, gzip=True, warc_version="1.1")
    for record in _foreign_records(writer):
        writer.write_record(record)
    writer.write_record(_response(writer, ISSUE, "200 OK", _page(ISSUE), [("Content-Type", "text/html")]))
    cut = BytesIO()
    WARCWriter(cut, gzip=True).write_record(
        _response(writer, "http://www.bionews.org.uk/page_291495.asp", "200 OK", _page(ISSUE), [])
    )
    path.write_bytes(stream.getvalue() + cut.getvalue()[:300])  # the last gzip member is cut off
    other = BytesIO()
    WARCWriter(other, gzip=True).write_record(_request(writer, ISSUE, LISTING))  # matched by URL, from another file
    with_issue_request_elsewhere.write_bytes(other.getvalue())


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, list[Path]]:
    folder = tmp_path_factory.mktemp("foreign")
    files = [folder / "foreign.warc.gz", folder / "requests.warc.gz"]
    _write_foreign_warc(*files)
    out = folder / "out"
    return out, replay(files, out), files


def test_foreign_warc_yields_exactly_the_expected_records(foreign: tuple[Path, dict, list[Path]]) -> None:
    out, _, _ = foreign
    assert [record["url"] for record in read_records(out / "articles.jsonl")] == [ARTICLE, RETRIED_ARTICLE]
    assert [record["url"] for record in read_records(out / "issues.jsonl")] == [ISSUE]
    errors = list(read_records(out / "errors.jsonl"))
    assert [(error["url"], error["reason"], error["status"]) for error in errors] == [(MISSING, "http_404", 404)]
    assert errors[0]["error"] == "the server answered 404" and errors[0]["content_sha256"] is None


def test_foreign_records_carry_their_fetch_facts(foreign: tuple[Path, dict, list[Path]]) -> None:
    out, _, _ = foreign
    records = {record["url"]: record for name in OUTPUT_FILES.values() for record in read_records(out / name)}
    assert records[ARTICLE]["content_sha256"] == hashlib.sha256(_page(ARTICLE)).hexdigest()  # de-chunked, gunzipped
    assert records[ARTICLE]["headline"] and records[ARTICLE]["status"] == 200
    assert (records[ARTICLE]["referer"], records[MISSING]["referer"], records[ISSUE]["referer"]) == (
        ISSUE,
        ISSUE,
        LISTING,
    )
    assert records[RETRIED_ARTICLE]["referer"] is None  # no request record for it
    assert {record["fetched_at"] for record in records.values()} == {"2019-03-04T05:06:07Z"}


def test_foreign_warc_skips_what_the_crawl_would_not_parse(foreign: tuple[Path, dict, list[Path]]) -> None:
    _, summary, files = foreign
    assert summary["skipped_by_why"] == {
        "listing_page": 1,
        "metadata": 1,
        "not_html": 2,
        "redirect": 1,
        "retried": 1,
        "revisit": 1,
        "robots_txt": 1,
        "warcinfo": 1,
    }
    assert summary["records_by_kind"] == {"article": 2, "issue": 1} and summary["errors_by_reason"] == {"http_404": 1}
    [problem] = summary["file_errors"]
    assert problem.startswith(f"{files[0]}: ") and "cut short" in problem


def test_record_order_does_not_change_the_output(foreign: tuple[Path, dict, list[Path]], tmp_path: Path) -> None:
    out, _, files = foreign
    reordered = replay(list(reversed(files)), tmp_path / "out")
    assert _lines_without_fetched_at(tmp_path / "out") == _lines_without_fetched_at(out)
    assert len(reordered["file_errors"]) == 1


def test_a_file_that_is_no_warc_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello\nthis is not a WARC\n", encoding="utf-8")
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    (tmp_path / "noise.warc.gz").write_bytes(gzip.compress(bytes(range(256)) * 40))
    files = [tmp_path / "notes.txt", tmp_path / "empty.warc.gz", tmp_path / "noise.warc.gz", tmp_path / "absent.warc"]
    summary = replay(files, tmp_path / "out")
    assert [line.split(": ", 1)[0] for line in summary["file_errors"]] == [str(path) for path in files]
    assert "not a WARC file" in summary["file_errors"][0] and "no WARC records" in summary["file_errors"][1]
    assert "cannot open" in summary["file_errors"][3]
    assert summary["records_by_kind"] == {} and summary["replaced"] is False
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_a_payload_over_the_cap_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stream = BytesIO()
    writer = WARCWriter(stream, gzip=True)
    writer.write_record(_response(writer, ARTICLE, "200 OK", _page(ARTICLE), [("Content-Type", "text/html")]))
    (tmp_path / "big.warc.gz").write_bytes(stream.getvalue())
    monkeypatch.setattr(read, "MAX_PAYLOAD_BYTES", 1000)
    summary = replay([tmp_path / "big.warc.gz"], tmp_path / "out")
    assert summary["skipped_by_why"] == {"too_large": 1} and summary["records_by_kind"] == {}


def test_an_undecodable_payload_loses_only_its_record(tmp_path: Path) -> None:
    stream = BytesIO()
    writer = WARCWriter(stream, gzip=True)
    broken = gzip.compress(_page(RETRIED_ARTICLE))[:1500] + b"\xff" * 100
    writer.write_record(
        _response(
            writer, RETRIED_ARTICLE, "200 OK", broken, [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]
        )
    )
    writer.write_record(_response(writer, ARTICLE, "200 OK", _page(ARTICLE), [("Content-Type", "text/html")]))
    (tmp_path / "bad.warc.gz").write_bytes(stream.getvalue())
    summary = replay([tmp_path / "bad.warc.gz"], tmp_path / "out")
    assert [record["url"] for record in read_records(tmp_path / "out" / "articles.jsonl")] == [ARTICLE]
    [problem] = summary["file_errors"]
    assert "record at offset 0 unreadable" in problem


def test_a_coding_warcio_cannot_read_is_skipped(tmp_path: Path) -> None:
    stream = BytesIO()
    writer = WARCWriter(stream, gzip=True)
    writer.write_record(
        _response(
            writer,
            ARTICLE,
            "200 OK",
            b"\x28\xb5\x2f\xfd...",
            [("Content-Type", "text/html"), ("Content-Encoding", "zstd")],
        )
    )
    writer.write_record(
        _response(
            writer, RETRIED_ARTICLE, "200 OK", b"\x0b...", [("Content-Type", "text/html"), ("Content-Encoding", "br")]
        )
    )
    (tmp_path / "coded.warc.gz").write_bytes(stream.getvalue())
    summary = replay([tmp_path / "coded.warc.gz"], tmp_path / "out")
    assert summary["skipped_by_why"] == {"unsupported_encoding": 2} and summary["file_errors"] == []


def test_a_captured_page_holding_several_articles_gives_each_record(tmp_path: Path) -> None:
    """A legacy e-mail issue page replays into each of its articles and its issue."""
    folder = Path(__file__).resolve().parents[3] / "fixtures" / "pages" / "legacy-article-email-issue-several-articles"
    url = json.loads((folder / "meta.json").read_text(encoding="utf-8"))["url"]
    stream = BytesIO()
    writer = WARCWriter(stream, gzip=True, warc_version="1.1")
    writer.write_record(
        _response(writer, url, "200 OK", (folder / "page.html").read_bytes(), [("Content-Type", "text/html")])
    )
    (tmp_path / "digest.warc.gz").write_bytes(stream.getvalue())
    replay([tmp_path / "digest.warc.gz"], tmp_path / "out")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    articles = list(read_records(tmp_path / "out" / OUTPUT_FILES["article"]))
    issues = list(read_records(tmp_path / "out" / OUTPUT_FILES["issue"]))
    assert [a["headline"] for a in articles] == [r["headline"] for r in expected if r["kind"] == "article"]
    assert [i["issue"] for i in issues] == [r["issue"] for r in expected if r["kind"] == "issue"]


# --- a replay that reads nothing or cannot write leaves the earlier output as it was ------------------------------


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def test_a_replay_of_a_mistyped_file_leaves_the_output_and_its_stats_as_they_were(
    captured: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    shutil.copytree(captured, out, ignore=shutil.ignore_patterns("warc", "crawl.log"))
    before = _snapshot(out)
    assert main(["replay", str(tmp_path / "typo.warc.gz"), "--out", str(out)]) == 1
    assert _snapshot(out) == before
    assert f"nothing replayed; {out} is as it was" in capsys.readouterr().err


def test_a_replay_of_damaged_files_only_leaves_the_output_as_it_was(captured: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(captured, out, ignore=shutil.ignore_patterns("warc", "crawl.log"))
    before = _snapshot(out)
    (tmp_path / "noise.warc.gz").write_bytes(gzip.compress(bytes(range(256)) * 40))
    summary = replay([tmp_path / "noise.warc.gz"], out)
    assert summary["replaced"] is False and len(summary["file_errors"]) == 1
    assert _snapshot(out) == before


def test_a_replay_whose_disk_fills_leaves_the_output_as_it_was(captured: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(captured, out, ignore=shutil.ignore_patterns("warc", "crawl.log"))
    before = _snapshot(out)
    with file_size_limit(4000):
        summary = replay([captured / "warc"], out)
    assert summary["replaced"] is False and "File too large" in summary["output_error"]
    assert _snapshot(out) == before


def test_a_replay_replaces_the_stats_of_the_output_it_replaces(captured: Path, replayed: tuple[Path, dict]) -> None:
    out, summary = replayed
    stats = json.loads((out / "stats.json").read_text(encoding="utf-8"))
    assert stats["replaced"] is True and stats["records_by_kind"] == summary["records_by_kind"]
