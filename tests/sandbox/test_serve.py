"""The loopback site server: host folders, index pages, content types, and no way out of the tree."""

from __future__ import annotations

import http.client
import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bionews_scraper.sandbox.faults import HUGE_BYTES, parse_faults
from bionews_scraper.sandbox.serve import SiteServer, normalise_host, path_segments

HOST = "www.example.test"
OTHER_HOST = "www.other.test"
SECRET = b"TOP-SECRET-CONTENT"
PAGE = "<html><head><meta charset=windows-1252></head><body>\x93quoted\x94 \xa3</body></html>".encode("latin-1")
FIXTURE_SITE = Path(__file__).resolve().parents[2] / "fixtures" / "site"


def _build_tree(root: Path) -> Path:
    """root/secret.txt and root/site/secret.txt are off limits; root/site/<host>/ is served."""
    site = root / "site"
    (root / "secret.txt").write_bytes(SECRET)
    (root / "outside").mkdir()
    (root / "outside" / "index.html").write_bytes(SECRET)
    (site / HOST / "sub").mkdir(parents=True)
    (site / HOST / "empty").mkdir()
    (site / OTHER_HOST).mkdir()
    (site / "secret.txt").write_bytes(SECRET)
    (site / HOST / "page_1.asp").write_bytes(PAGE)
    (site / HOST / "page_2").write_bytes(b"<html>extensionless</html>")
    (site / HOST / "index.html").write_bytes(b"<html>home</html>")
    (site / HOST / "sub" / "index.html").write_bytes(b"<html>sub home</html>")
    (site / HOST / "sitemap.xml").write_bytes(b"<?xml version='1.0'?><urlset/>")
    (site / HOST / "robots.txt").write_bytes(b"User-agent: *\nDisallow:\n")
    (site / HOST / "logo.png").write_bytes(b"\x89PNG\r\n")
    (site / HOST / ".hidden").write_bytes(SECRET)
    (site / OTHER_HOST / "page_1.asp").write_bytes(b"<html>other host</html>")
    (site / HOST / "link.html").symlink_to(root / "secret.txt")
    (site / HOST / "linkdir").symlink_to(root / "outside", target_is_directory=True)
    (site / "www.escape.test").symlink_to(root / "outside", target_is_directory=True)
    return site


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    site = _build_tree(tmp_path_factory.mktemp("serve"))
    with SiteServer(site, port=0) as running:
        yield running


def fetch(
    server: SiteServer, target: str, host: str | None = HOST, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    """One request over a raw socket, the target sent byte for byte -> (status, headers, body)."""
    lines = [f"{method} {target} HTTP/1.1"]
    if host is not None:
        lines.append(f"Host: {host}")
    lines += ["Connection: close", "", ""]
    with socket.create_connection((server.host, server.port), timeout=5) as conn:
        conn.sendall("\r\n".join(lines).encode("latin-1"))
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
        data = b"".join(chunks)
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (h.partition(":") for h in header_lines)}
    return int(status_line.split()[1]), headers, body


def test_port_zero_picks_a_free_port(server: SiteServer) -> None:
    assert server.port > 0
    assert server.url == f"http://127.0.0.1:{server.port}"


def test_serves_file_by_host_header_bytes_exactly(server: SiteServer) -> None:
    status, headers, body = fetch(server, "/page_1.asp")
    assert status == 200
    assert body == PAGE
    assert headers["content-type"] == "text/html"
    assert headers["content-length"] == str(len(PAGE))


def test_host_header_port_and_case_are_ignored(server: SiteServer) -> None:
    assert fetch(server, "/page_1.asp", host="WWW.Example.TEST:8080")[2] == PAGE


def test_host_header_picks_the_folder(server: SiteServer) -> None:
    assert fetch(server, "/page_1.asp", host=OTHER_HOST)[2] == b"<html>other host</html>"


@pytest.mark.parametrize("scheme", ["http", "https", "HTTP"])
def test_absolute_uri_host_wins_over_header(server: SiteServer, scheme: str) -> None:
    status, _, body = fetch(server, f"{scheme}://{OTHER_HOST}/page_1.asp", host=HOST)
    assert (status, body) == (200, b"<html>other host</html>")


def test_slash_serves_index_html(server: SiteServer) -> None:
    assert fetch(server, "/")[2] == b"<html>home</html>"
    assert fetch(server, "/sub/")[2] == b"<html>sub home</html>"
    assert fetch(server, f"https://{HOST}/sub/?p=1")[2] == b"<html>sub home</html>"


def test_folder_without_slash_redirects_to_it(server: SiteServer) -> None:
    status, headers, _ = fetch(server, "/sub?x=1")
    assert (status, headers["location"]) == (301, "/sub/?x=1")


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """A site that moved to https and renamed a legacy page in lower case."""
    redirects = {
        f"http://{HOST}/page_2": f"https://{HOST}/page_2",
        f"http://{HOST}/Page_1.asp": f"http://{HOST}/page_1.asp",
    }
    with SiteServer(_build_tree(tmp_path_factory.mktemp("moved")), redirects=redirects) as running:
        yield running


def _answer(server: SiteServer, target: str, headers: dict[str, str]) -> tuple[int, str | None]:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=5)
    try:
        conn.request("GET", target, headers={"Host": HOST, **headers})
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Location")
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("target", "headers", "expected"),
    [
        ("/page_2", {}, (301, f"https://{HOST}/page_2")),  # no scheme said: plain http
        ("/page_2", {"X-Forwarded-Proto": "http"}, (301, f"https://{HOST}/page_2")),
        ("/page_2", {"X-Forwarded-Proto": "https"}, (200, None)),
        (f"https://{HOST}/page_2", {}, (200, None)),  # proxy style: the URI's scheme
        (f"http://{HOST}/page_2", {"X-Forwarded-Proto": "https"}, (301, f"https://{HOST}/page_2")),
        ("/Page_1.asp", {}, (301, f"http://{HOST}/page_1.asp")),
        ("/page_1.asp", {}, (200, None)),
    ],
)
def test_redirects_answer_the_address_and_scheme_they_name(
    moved: SiteServer, target: str, headers: dict[str, str], expected: tuple[int, str | None]
) -> None:
    assert _answer(moved, target, headers) == expected


def test_query_string_is_ignored(server: SiteServer) -> None:
    status, _, body = fetch(server, "/page_1.asp?dinfo=abc&PPID=12")
    assert (status, body) == (200, PAGE)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/page_2", "text/html"),
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain"),
        ("/logo.png", "image/png"),
    ],
)
def test_content_type_follows_suffix(server: SiteServer, target: str, expected: str) -> None:
    assert fetch(server, target)[1]["content-type"] == expected


def test_head_sends_headers_without_body(server: SiteServer) -> None:
    status, headers, body = fetch(server, "/page_1.asp", method="HEAD")
    assert (status, headers["content-length"], body) == (200, str(len(PAGE)), b"")


def test_other_methods_are_refused(server: SiteServer) -> None:
    status, headers, _ = fetch(server, "/page_1.asp", method="POST")
    assert status == 405
    assert headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize(
    ("target", "host"),
    [
        ("/missing.asp", HOST),
        ("/page_1.asp", "www.unknown.test"),
        ("/page_1.asp", None),
        ("/empty/", HOST),
        ("/page_1.asp/", HOST),
        ("page_1.asp", HOST),
    ],
)
def test_missing_things_are_404_with_a_small_page(server: SiteServer, target: str, host: str | None) -> None:
    status, headers, body = fetch(server, target, host=host)
    assert status == 404
    assert headers["content-type"].startswith("text/html")
    assert b"Not Found" in body and len(body) < 200


TRAVERSALS = [
    "/../secret.txt",
    "/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/%2e%2e/secret.txt",
    "/%252e%252e/secret.txt",
    "/%25252e%25252e/secret.txt",
    "/..%2fsecret.txt",
    "/..%2f..%2fsecret.txt",
    "/..%252fsecret.txt",
    "/sub/../../secret.txt",
    "/sub/../../../secret.txt",
    "/..\\secret.txt",
    "/..%5csecret.txt",
    "/sub\\..\\..\\secret.txt",
    "/%5c..%5c..%5csecret.txt",
    "/.%2e/secret.txt",
    "/secret.txt%00.html",
    "/%00/../secret.txt",
    "/.hidden",
    "/link.html",
    "/linkdir/",
    "/linkdir/index.html",
    f"http://{HOST}/../secret.txt",
    f"http://{HOST}/%2e%2e/%2e%2e/secret.txt",
    f"https://{HOST}/sub/..%2f..%2f..%2fsecret.txt",
    "http://../secret.txt",
    "http://www.escape.test/index.html",
    f"/{'..%2f' * 8}etc/passwd",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_traversal_is_404_and_never_leaks(server: SiteServer, target: str) -> None:
    status, _, body = fetch(server, target)
    assert status == 404
    assert SECRET not in body


@pytest.mark.parametrize("host", ["..", "../..", "www.escape.test", "site", "a/../..", "..\\.."])
def test_hostile_host_headers_are_404(server: SiteServer, host: str) -> None:
    status, _, body = fetch(server, "/secret.txt", host=host)
    assert status == 404
    assert SECRET not in body


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("/a/b.asp", ["a", "b.asp"]),
        ("/a//./b", ["a", "b"]),
        ("/", []),
        ("/a%20b", ["a b"]),
        ("/../x", None),
        ("/%252e%252e/x", None),
        ("/a\\..\\x", None),
        ("/x%00", None),
        ("/%ff", None),
    ],
)
def test_path_segments(raw: str, expected: list[str] | None) -> None:
    assert path_segments(raw) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("WWW.BioNews.org.uk:80", "www.bionews.org.uk"),
        ("www.progress.org.uk.", "www.progress.org.uk"),
        ("127.0.0.1:8000", "127.0.0.1"),
        ("..", None),
        ("a/b", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_host(value: str | None, expected: str | None) -> None:
    assert normalise_host(value) == expected


def test_quiet_by_default_and_one_line_per_request_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _build_tree(tmp_path)
    with SiteServer(site) as quiet:
        fetch(quiet, "/page_1.asp")
        fetch(quiet, "/missing")
    assert capsys.readouterr().err == ""
    with SiteServer(site, log_requests=True) as loud:
        fetch(loud, "/page_1.asp")
        fetch(loud, "/missing")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert "GET /page_1.asp" in lines[0] and lines[0].endswith(" 200")
    assert lines[1].endswith(" 404")


def test_stop_releases_the_port(tmp_path: Path) -> None:
    server = SiteServer(_build_tree(tmp_path)).start()
    port = server.port
    server.stop()
    server.stop()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_site_must_be_a_folder(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        SiteServer(tmp_path / "nowhere")


# The fixture site the crawl tests and the demo use: every URL its manifest names answers as promised.


@pytest.fixture(scope="module")
def fixture_site() -> Iterator[tuple[SiteServer, dict]]:
    manifest = json.loads((FIXTURE_SITE / "manifest.json").read_text(encoding="utf-8"))
    with SiteServer(FIXTURE_SITE) as running:
        yield running, manifest


def _status(server: SiteServer, url: str) -> tuple[int, bytes]:
    status, _, body = fetch(server, url, host=urlsplit(url).hostname)
    return status, body


def test_fixture_site_serves_every_start_url_record_and_disallowed_page(fixture_site: tuple[SiteServer, dict]) -> None:
    server, manifest = fixture_site
    urls = manifest["start_urls"] + manifest["articles"] + manifest["issues"] + manifest["disallowed"]
    assert {url: _status(server, url)[0] for url in urls} == {url: 200 for url in urls}


def test_fixture_site_planted_errors_answer_as_listed(fixture_site: tuple[SiteServer, dict]) -> None:
    server, manifest = fixture_site
    for url, reason in manifest["errors"].items():
        status, body = _status(server, url)
        if reason == "http_404":
            assert status == 404, url
        else:
            assert status == 200 and b"Page not found" in body, url


def test_fixture_site_start_urls_file_matches_manifest() -> None:
    manifest = json.loads((FIXTURE_SITE / "manifest.json").read_text(encoding="utf-8"))
    lines = (FIXTURE_SITE / "start_urls.txt").read_text(encoding="utf-8").split()
    assert lines == manifest["start_urls"]


def test_fixture_site_has_robots_for_every_host() -> None:
    hosts = [path.name for path in FIXTURE_SITE.iterdir() if path.is_dir()]
    assert hosts and all((FIXTURE_SITE / host / "robots.txt").is_file() for host in hosts)
    assert os.sep not in "".join(hosts)


# Faults: a flaky server on purpose. Each fault is observed on the wire, over raw sockets or http.client.

EXAMPLE_SPEC = "500=0.05,503=0.05,retry_after=0.5,slow=0.02,reset=0.02,truncate=0.02,loop=0.01,huge=0.005"


@pytest.fixture
def faulty(tmp_path: Path) -> Iterator[Callable[[str], SiteServer]]:
    """Start a server over the test tree with a fault spec; every server is stopped afterwards."""
    site = _build_tree(tmp_path)
    started: list[SiteServer] = []

    def start(spec: str, seed: int = 0) -> SiteServer:
        started.append(SiteServer(site, faults=parse_faults(spec, seed)).start())
        return started[-1]

    yield start
    for running in started:
        running.stop()


def test_parse_faults_reads_rates_and_options() -> None:
    plan = parse_faults(EXAMPLE_SPEC, seed=7)
    assert dict(plan.rates) == {
        "500": 0.05,
        "503": 0.05,
        "reset": 0.02,
        "slow": 0.02,
        "truncate": 0.02,
        "loop": 0.01,
        "huge": 0.005,
    }
    assert (plan.retry_after, plan.slow_seconds, plan.attempts, plan.seed) == (0.5, 40.0, 2, 7)
    plan = parse_faults(" slow = 1 , slow_seconds=3, attempts=1 ")
    assert (dict(plan.rates), plan.slow_seconds, plan.attempts) == ({"slow": 1.0}, 3.0, 1)


def test_an_empty_spec_plans_no_faults() -> None:
    assert not parse_faults("").active
    assert parse_faults("500=0").kind_for("www.example.test/page_1.asp") is None


@pytest.mark.parametrize(
    "spec",
    [
        "500",
        "500=",
        "=0.1",
        "teapot=0.1",
        "500=abc",
        "500=1.5",
        "500=-0.1",
        "500=0.6,503=0.6",
        "500=0.1,500=0.2",
        "attempts=0",
        "attempts=1.5",
        "slow_seconds=-1",
        "retry_after=2",
    ],
)
def test_parse_faults_refuses_bad_specs(spec: str) -> None:
    with pytest.raises(ValueError):
        parse_faults(spec)


def test_fault_choice_is_deterministic_and_follows_the_rates() -> None:
    keys = [f"www.example.test/page_{i}.asp" for i in range(20000)]
    kinds = [parse_faults(EXAMPLE_SPEC, seed=7).kind_for(key) for key in keys]
    assert kinds == [parse_faults(EXAMPLE_SPEC, seed=7).kind_for(key) for key in keys]
    assert kinds != [parse_faults(EXAMPLE_SPEC, seed=8).kind_for(key) for key in keys]
    for kind, rate in parse_faults(EXAMPLE_SPEC).rates.items():
        expected = rate * len(keys)
        assert abs(kinds.count(kind) - expected) < 5 * (expected**0.5) + 5, kind


def test_transient_faults_last_their_attempts_and_persistent_ones_never_end() -> None:
    plan = parse_faults("500=0.5,loop=0.5,attempts=2")
    keys = [f"h/p{i}" for i in range(200)]
    transient = next(key for key in keys if plan.kind_for(key) == "500")
    persistent = next(key for key in keys if plan.kind_for(key) == "loop")
    assert [plan.fault_for(transient, n) for n in (1, 2, 3, 4)] == ["500", "500", None, None]
    assert {plan.fault_for(persistent, n) for n in range(1, 20)} == {"loop"}


def test_500_fails_the_first_attempts_then_serves_the_page(faulty: Callable[[str], SiteServer]) -> None:
    server = faulty("500=1,attempts=2")
    assert [fetch(server, "/page_1.asp")[0] for _ in range(3)] == [500, 500, 200]
    assert fetch(server, "/page_1.asp?other=query")[2] == PAGE  # the query is no new path


def test_an_outage_answers_the_first_requests_503_whatever_the_path(faulty: Callable[[str], SiteServer]) -> None:
    server = faulty("outage=3")
    statuses = [fetch(server, path)[0] for path in ("/page_1.asp", "/robots.txt", "/other.asp", "/page_1.asp")]
    assert statuses == [503, 200, 503, 503]  # robots.txt is never faulted, nor counted
    assert fetch(server, "/page_1.asp")[:3:2] == (200, PAGE)


def test_an_outage_can_start_after_some_good_answers(faulty: Callable[[str], SiteServer]) -> None:
    server = faulty("outage=2,outage_after=1")
    assert [fetch(server, "/page_1.asp")[0] for _ in range(4)] == [200, 503, 503, 200]


@pytest.mark.parametrize(("retry_after", "header"), [("1", "1"), ("0", None)])
def test_503_sends_retry_after_when_planned(
    faulty: Callable[[str], SiteServer], retry_after: str, header: str | None
) -> None:
    server = faulty(f"503=1,retry_after={retry_after},attempts=1")
    status, headers, _ = fetch(server, "/page_1.asp")
    assert (status, headers.get("retry-after")) == (503, header)
    assert fetch(server, "/page_1.asp")[0] == 200


def test_reset_aborts_the_connection_without_a_byte(faulty: Callable[[str], SiteServer]) -> None:
    server = faulty("reset=1,attempts=1")
    with socket.create_connection((server.host, server.port), timeout=5) as conn:
        conn.sendall(f"GET /page_1.asp HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
        try:
            received = conn.recv(65536)
        except ConnectionResetError:
            received = b""
    assert received == b""
    assert fetch(server, "/page_1.asp")[:3:2] == (200, PAGE)


def test_truncate_promises_the_whole_page_and_sends_half(faulty: Callable[[str], SiteServer]) -> None:
    server = faulty("truncate=1,attempts=1")
    conn = http.client.HTTPConnection(server.host, server.port, timeout=5)
    conn.request("GET", "/page_1.asp", headers={"Host": HOST})
    response = conn.getresponse()
    assert (response.status, response.getheader("Content-Length")) == (200, str(len(PAGE)))
    with pytest.raises(http.client.IncompleteRead) as short:
        response.read()
    assert short.value.partial == PAGE[: len(PAGE) // 2]
    conn.close()
    assert fetch(server, "/page_1.asp")[2] == PAGE


def test_loop_redirects_a_path_to_itself_every_time(faulty: Callable[[str], SiteServer]) -> None:
    server = faulty("loop=1")
    for _ in range(4):
        status, headers, _ = fetch(server, "/page_1.asp?x=1")
        assert (status, headers["location"]) == (302, "/page_1.asp?x=1")
    status, headers, _ = fetch(server, f"http://{HOST}/page_2")
    assert (status, headers["location"]) == (302, f"http://{HOST}/page_2")
    assert fetch(server, "//evil.test/x")[1]["location"] == "/evil.test/x"  # never off to another host


def test_huge_sends_twenty_megabytes_after_the_page(faulty: Callable[[str], SiteServer]) -> None:
    server = faulty("huge=1")
    status, headers, body = fetch(server, "/page_1.asp")
    assert (status, int(headers["content-length"]), len(body)) == (200, HUGE_BYTES, HUGE_BYTES)
    assert body.startswith(PAGE)
    status, headers, body = fetch(server, "/page_1.asp", method="HEAD")
    assert (status, headers["content-length"], body) == (200, str(HUGE_BYTES), b"")


def test_slow_answers_only_after_slow_seconds(faulty: Callable[[str], SiteServer]) -> None:
    server = faulty("slow=1,slow_seconds=3,attempts=2")
    with socket.create_connection((server.host, server.port), timeout=0.5) as conn:
        conn.sendall(f"GET /page_1.asp HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
        with pytest.raises(TimeoutError):
            conn.recv(65536)
    started = time.monotonic()
    assert fetch(server, "/page_1.asp")[2] == PAGE  # attempt 2: slow, but it does answer
    assert time.monotonic() - started >= 2.9
    started = time.monotonic()
    assert fetch(server, "/page_1.asp")[2] == PAGE  # attempt 3: the fault is over
    assert time.monotonic() - started < 2.9  # not held back by slow_seconds (a loaded machine may take a while)


def test_robots_txt_is_never_faulted(faulty: Callable[[str], SiteServer]) -> None:
    server = faulty("500=1,attempts=100")
    assert [fetch(server, "/robots.txt")[0] for _ in range(3)] == [200, 200, 200]
    assert fetch(server, "/page_1.asp")[0] == 500


def _get(server: SiteServer, path: str) -> int | str:
    """Status of one GET with http.client, or the name of the failure."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=5)
    try:
        conn.request("GET", path, headers={"Host": HOST})
        response = conn.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException) as failure:
        return type(failure).__name__
    finally:
        conn.close()


PATHS = ["/page_1.asp", "/page_2", "/", "/sub/", "/sitemap.xml", "/logo.png", "/missing.asp"]


def test_every_retried_path_eventually_succeeds(faulty: Callable[[str], SiteServer]) -> None:
    server = faulty("500=0.2,503=0.2,reset=0.2,truncate=0.2,attempts=2", seed=3)
    histories = {path: [_get(server, path) for _ in range(3)] for path in PATHS}
    assert any(history[0] not in (200, 404) for history in histories.values()), histories
    for path, history in histories.items():
        assert history[2] in (200, 404), (path, history)
        assert history[0] == history[1], (path, history)  # a fault lasts its attempts


def test_same_seed_same_requests_same_answers(faulty: Callable[[str], SiteServer]) -> None:
    spec = "500=0.25,503=0.25,reset=0.25,attempts=1"
    runs = []
    for _ in range(2):
        server = faulty(spec, seed=11)
        runs.append([_get(server, path) for path in PATHS + PATHS])
    assert runs[0] == runs[1]
    assert {status for status in runs[0]} - {200, 404}  # and some of them were faults


def test_fault_is_named_in_the_request_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with SiteServer(_build_tree(tmp_path), log_requests=True, faults=parse_faults("500=1,attempts=1")) as server:
        fetch(server, "/page_1.asp")
        fetch(server, "/page_1.asp")
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].endswith(" 500 fault=500") and lines[1].endswith(" 200")


def test_stop_does_not_wait_for_a_slow_answer(tmp_path: Path) -> None:
    server = SiteServer(_build_tree(tmp_path), faults=parse_faults("slow=1,slow_seconds=30")).start()
    threads = threading.active_count()
    conn = socket.create_connection((server.host, server.port), timeout=5)
    conn.sendall(f"GET /page_1.asp HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
    deadline = time.monotonic() + 10
    while threading.active_count() == threads:  # the server's thread for this request is in its slow answer
        assert time.monotonic() < deadline, "the server never took the request"
        time.sleep(0.01)
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 2
    conn.close()
