"""A static HTTP server for a site tree: the loopback BioNews the crawl tests, demo and benchmarks use.

The tree is ``SITE/<host>/<path>``: the request's host (from an absolute request URI,
proxy style, else the ``Host`` header) picks the folder, the path picks the file, the
query string is ignored, and a path ending in ``/`` serves ``index.html``. ``http`` and
``https`` URLs map to the same files; clients always connect over plain HTTP (Host
header, or this server as an HTTP proxy). Bytes are served exactly as stored.
``redirects`` make chosen addresses answer 301, as a site that moved does (``http`` to
``https``, a legacy path's old case); the scheme asked for is the absolute URI's, else the
``X-Forwarded-Proto`` header's (the crawl's loopback handler sends it), else ``http``.

Only files inside ``SITE/<host>`` are ever served: ``..`` segments (however encoded),
hidden names, NUL bytes and symlinks that lead out of the tree all get a 404.
A ``FaultPlan`` (``faults.py``) makes the server flaky on purpose: errors, resets, slow,
truncated, looping and huge answers for chosen paths. Standard library only.
"""

from __future__ import annotations

import mimetypes
import re
import sys
import threading
from collections.abc import Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

from bionews_scraper.sandbox.faults import Fault, FaultInjector, FaultPlan

# Pages declare their own charset (legacy pages are windows-1252 in a <meta> tag), so
# HTML goes out with no charset parameter, as the old site did.
CONTENT_TYPES = {
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".asp": "text/html",
    "": "text/html",  # bionews2018 pages and listing pages have no extension
}
DEFAULT_CONTENT_TYPE = "application/octet-stream"
# A host folder name: DNS labels (plus "_" for test hosts); no "..", no separators.
HOST_RE = re.compile(r"^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$")
# Percent-decoding is repeated until stable so %252e%252e is caught like %2e%2e.
MAX_DECODE_ROUNDS = 4
INDEX_FILE = "index.html"
NOT_FOUND_BODY = (
    b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n"
)
ALLOWED_METHODS = "GET, HEAD"
# Seconds an idle keep-alive connection may wait for its next request.
IDLE_TIMEOUT = 30


def split_target(target: str, host_header: str | None) -> tuple[str | None, str]:
    """Request target and ``Host`` header -> ``(host folder name or None, raw path)``.

    An absolute URI (``http://host/path``, proxy style) wins over the header. The path is
    returned still percent-encoded, without query string or fragment.
    """
    if target[:8].lower().startswith(("http://", "https://")):
        try:
            parts = urlsplit(target)
        except ValueError:
            return None, "/"
        return normalise_host(parts.netloc), parts.path or "/"
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path.startswith("/"):  # "*", "page_1.asp": no origin-form path
        return None, "/"
    return normalise_host(host_header), path


def normalise_host(value: str | None) -> str | None:
    """``"WWW.Example.org:8080"`` -> ``"www.example.org"``; ``None`` if it is no plain host name."""
    if not value:
        return None
    host = value.strip().lower().rpartition("@")[2]
    name, colon, port = host.rpartition(":")
    if colon and port.isdigit():
        host = name
    host = host.rstrip(".")
    return host if HOST_RE.match(host) else None


def path_segments(raw_path: str) -> list[str] | None:
    """Percent-encoded URL path -> its decoded segments; ``None`` for anything unsafe.

    Decoding repeats until stable (double encoding), backslashes count as separators,
    empty and ``.`` segments are dropped, and a segment starting with ``.`` (``..``,
    hidden files) or holding a NUL byte refuses the whole path.
    """
    path = raw_path
    for _ in range(MAX_DECODE_ROUNDS):
        try:
            decoded = unquote_to_bytes(path).decode("utf-8")
        except UnicodeDecodeError:
            return None
        if decoded == path:
            break
        path = decoded
    else:
        return None
    if "\x00" in path:
        return None
    segments = [part for part in path.replace("\\", "/").split("/") if part not in ("", ".")]
    if any(part.startswith(".") for part in segments):
        return None
    return segments


def locate(site: Path, host: str | None, raw_path: str) -> Path | None:
    """The file that serves ``raw_path`` on ``host``, or ``None`` (-> 404).

    ``site`` is the tree root; ``raw_path`` is still percent-encoded. A path ending in
    ``/`` means that folder's ``index.html``. The answer is always a regular file whose
    real path lies inside ``site/host``, symlinks resolved.
    """
    segments = path_segments(raw_path)
    if host is None or segments is None:
        return None
    try:
        site_root = site.resolve(strict=True)
        host_root = (site_root / host).resolve(strict=True)
        if host_root.parent != site_root or not host_root.is_dir():
            return None
        candidate = host_root.joinpath(*segments)
        if raw_path.endswith("/"):
            candidate = candidate / INDEX_FILE
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError, ValueError):  # missing, symlink loop, bad name
        return None
    if not real.is_relative_to(host_root) or not real.is_file():
        return None
    return real


def content_type(path: Path) -> str:
    """The Content-Type header for a served file, chosen by its suffix."""
    suffix = path.suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    return mimetypes.guess_type(path.name)[0] or DEFAULT_CONTENT_TYPE


class SiteRequestHandler(BaseHTTPRequestHandler):
    """GET and HEAD for files of the server's site tree; everything else is refused."""

    server: _SiteHTTPServer
    protocol_version = "HTTP/1.1"  # keep-alive: every answer carries Content-Length
    server_version = "bionews-fixture-site/1.0"
    timeout = IDLE_TIMEOUT
    fault: Fault | None = None  # the fault the current request meets, for the log line

    def handle_one_request(self) -> None:
        self.fault = None  # no fault carries over to the connection's next request
        super().handle_one_request()

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def do_POST(self) -> None:
        self._refuse_method()

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    def _serve(self, send_body: bool) -> None:
        host, raw_path = split_target(self.path, self.headers.get("Host"))
        faults = self.server.faults
        self.fault = faults.next_fault(host, raw_path) if faults else None
        if self.fault and self.fault.answer_first(self, send_body):
            return
        if moved_to := self.server.redirects.get(f"{self._scheme()}://{host}{raw_path}"):
            self._send(HTTPStatus.MOVED_PERMANENTLY, "text/html", b"", send_body, moved_to)
            return
        found = locate(self.server.site, host, raw_path)
        if found is not None:
            ctype, body = content_type(found), found.read_bytes()
            if not (self.fault and self.fault.answer_file(self, ctype, body, send_body)):
                self._send(HTTPStatus.OK, ctype, body, send_body)
        elif not raw_path.endswith("/") and locate(self.server.site, host, raw_path + "/"):
            # A folder asked without its slash, as WordPress answers: redirect to it.
            query = urlsplit(self.path).query
            location = raw_path + "/" + (f"?{query}" if query else "")
            self._send(HTTPStatus.MOVED_PERMANENTLY, "text/html", b"", send_body, location)
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", NOT_FOUND_BODY, send_body)

    def _scheme(self) -> str:
        if self.path[:8].lower().startswith(("http://", "https://")):
            return self.path.split(":", 1)[0].lower()
        forwarded = (self.headers.get("X-Forwarded-Proto") or "").strip().lower()
        return forwarded if forwarded in ("http", "https") else "http"

    def _refuse_method(self) -> None:
        self.close_connection = True  # a request body may follow, unread
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, "text/html; charset=utf-8", b"", True)

    def _send(self, status: HTTPStatus, ctype: str, body: bytes, send_body: bool, location: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            self.send_header("Allow", ALLOWED_METHODS)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.server.log_requests:
            host = self.headers.get("Host", "-") if self.headers else "-"
            code = getattr(code, "value", code)
            fault = f" fault={self.fault.kind}" if self.fault else ""
            sys.stderr.write(f'{self.address_string()} {host} "{self.requestline}" {code}{fault}\n')

    def log_message(self, format: str, *args: object) -> None:
        """Errors and timeouts stay quiet: one line per request comes from log_request."""


class _SiteHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        site: Path,
        log_requests: bool,
        faults: FaultPlan | None = None,
        redirects: Mapping[str, str] | None = None,
    ) -> None:
        self.site = site
        self.log_requests = log_requests
        self.redirects = dict(redirects or {})  # "scheme://host/path" -> Location
        self.faults = FaultInjector(faults) if faults is not None and faults.active else None
        super().__init__(address, SiteRequestHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the client hung up (a timeout, a fault it gave up on): nothing to report
        super().handle_error(request, client_address)

    def server_close(self) -> None:
        if self.faults:
            self.faults.stopping.set()  # slow answers stop waiting
        super().server_close()


class SiteServer:
    """A site tree served on a loopback port, in a background thread.

    ``SiteServer(site, port=0)`` binds at once (port 0 picks a free port, read it from
    ``.port``); ``start()`` serves in a daemon thread, ``stop()`` shuts down and closes
    the socket. Also a context manager: ``with SiteServer(site) as server: ...``.
    ``faults`` (see ``parse_faults``) makes chosen paths fail on purpose; ``redirects``
    (``"scheme://host/path"`` -> Location) makes chosen addresses answer 301.
    Raises ``NotADirectoryError`` if ``site`` is not a folder, ``OSError`` if it cannot bind.
    """

    def __init__(
        self,
        site: Path,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        log_requests: bool = False,
        faults: FaultPlan | None = None,
        redirects: Mapping[str, str] | None = None,
    ) -> None:
        site = Path(site)
        if not site.is_dir():
            raise NotADirectoryError(f"site tree not found: {site}")
        self._httpd = _SiteHTTPServer((host, port), site, log_requests, faults, redirects)
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        return str(self._httpd.server_address[0])

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """``http://HOST:PORT``: the address to connect to, or to use as an HTTP proxy."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> SiteServer:
        """Serve in a daemon thread; returns ``self``."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.1},
                daemon=True,
                name=f"site-server-{self.port}",
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wait for the thread, close the socket. Safe to call twice."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def serve_forever(
    site: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    log_requests: bool = False,
    faults: FaultPlan | None = None,
) -> None:
    """Serve ``site`` in the foreground until interrupted (Ctrl-C); for the CLI.

    ``faults`` as for ``SiteServer``. Raises ``NotADirectoryError`` if ``site`` is not a
    folder, ``OSError`` if it cannot bind.
    """
    server = SiteServer(site, host, port, log_requests=log_requests, faults=faults)
    try:
        server._httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
