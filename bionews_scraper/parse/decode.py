"""Bytes to text: the one place where encodings live.

Legacy BioNews pages are windows-1252, declared only in a ``<meta http-equiv>`` tag or not
at all, and served with an ``ISO-8859-1`` header or none. w3lib's ``html_to_unicode``
already follows the WHATWG order (BOM, HTTP header, ``<meta>``) and maps latin-1 to
cp1252; we add the two rules it lacks: undeclared bytes that are not valid UTF-8 are
cp1252, and a page that declares UTF-8 but is not valid UTF-8 is cp1252 too.
"""

from __future__ import annotations

import codecs

from w3lib.encoding import html_to_unicode, read_bom

from bionews_scraper.records.types import PageError

# Share of C0 control bytes (other than tab, newline, carriage return, form feed) above
# which the input is binary, not a web page.
BINARY_CONTROL_SHARE = 0.05
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_MARKUP_SNIFF_BYTES = 4096


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Return the page text of ``body``.

    ``content_type`` is the HTTP Content-Type header, if any. Raises ``PageError``
    (``empty_input`` or ``not_html``) for bytes that are no web page.
    """
    if not body.strip():
        raise PageError("empty_input", "the page has no content")
    if read_bom(body)[0] is None:
        _refuse_binary(body)
    encoding, text = html_to_unicode(content_type, body, auto_detect_fun=_utf8_or_cp1252)
    if encoding == "utf-8" and "\ufffd" in text and _is_invalid_utf8(body):
        text = body.decode("cp1252", errors="replace")
    if "<" not in text[:_MARKUP_SNIFF_BYTES]:
        raise PageError("not_html", "the content has no HTML markup")
    return text


def _refuse_binary(body: bytes) -> None:
    sample = body[:_MARKUP_SNIFF_BYTES]
    controls = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
    if b"\x00" in sample or controls > BINARY_CONTROL_SHARE * len(sample):
        raise PageError("not_html", "the content is binary data, not a web page")


def _utf8_or_cp1252(body: bytes) -> str:
    """Guess for undeclared pages: valid UTF-8 is UTF-8, anything else is cp1252."""
    return "utf-8" if not _is_invalid_utf8(body) else "cp1252"


def _is_invalid_utf8(body: bytes) -> bool:
    try:
        codecs.decode(body, "utf-8")
    except UnicodeDecodeError:
        return True
    return False
