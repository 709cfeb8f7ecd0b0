"""A page stored inside something else: a gzip body a capture never decoded, or a browser's
saved MHTML file. Both are unpacked to the page's own bytes before any decoding.

Input is hostile: gzip is inflated to a bounded size, and MHTML is read by the standard
library's ``email`` parser, taking the first ``text/html`` part only.
"""

from __future__ import annotations

import email
import re
import zlib
from email import policy

from bionews_scraper.records.types import PageError

GZIP_MAGIC = b"\x1f\x8b"
# As large as the crawl lets a response be (crawl/settings.py, DOWNLOAD_MAXSIZE): no page is larger.
MAX_UNPACKED_BYTES = 16 * 1024 * 1024
# A saved MHTML file opens with MIME headers and declares a multipart/related body.
MHTML_HEAD_BYTES = 2048
MHTML_RE = re.compile(rb"^(?:[\w-]+:[^\n]*\n|[ \t][^\n]*\n)*?content-type:\s*multipart/related", re.IGNORECASE)


def unpacked(body: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """``(the page's bytes, its content type)``: ``body`` as it is, or the page inside it.
    Raises ``PageError`` (``not_html``) for gzip data that does not inflate or inflates too far."""
    if body.startswith(GZIP_MAGIC):
        body = _gunzip(body)
    if MHTML_RE.match(body[:MHTML_HEAD_BYTES].replace(b"\r\n", b"\n")):
        return _mhtml_page(body, content_type)
    return body, content_type


def _gunzip(body: bytes) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        page = inflater.decompress(body, MAX_UNPACKED_BYTES)
    except zlib.error as error:
        raise PageError("not_html", f"the content is gzip data that does not inflate ({error})") from None
    if inflater.unconsumed_tail:
        raise PageError("not_html", f"the content is gzip data of over {MAX_UNPACKED_BYTES} bytes")
    return page


def _mhtml_page(body: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """The first ``text/html`` part of a saved MHTML file, its transfer encoding undone, with
    the part's own content type (its charset); ``body`` as it is when it holds none."""
    message = email.message_from_bytes(body, policy=policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            page = part.get_payload(decode=True)
            if isinstance(page, bytes):
                return page, part.get("Content-Type", "text/html")
    return body, content_type
