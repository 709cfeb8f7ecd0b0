"""Bytes to text: the one place where encodings live.

Legacy BioNews pages are windows-1252, declared only in a ``<meta http-equiv>`` tag or not
at all, and served with an ``ISO-8859-1`` header or none; the newer templates are UTF-8.
w3lib's ``html_to_unicode`` follows the WHATWG order (BOM, HTTP header, ``<meta>``), maps
latin-1 to cp1252 and decodes by what it finds, defaulting to UTF-8 when nothing is
declared. We add two rules: when the page is read as UTF-8 and some of its bytes are not
UTF-8, only those bytes are re-read, as cp1252 (see ``_utf8_with_cp1252_repairs``); when it
is declared Latin-1 or windows-1252 and all its bytes are UTF-8, it is UTF-8 (``_as_utf8``).
"""

from __future__ import annotations

import codecs
import re

from w3lib.encoding import html_to_unicode, read_bom

from bionews_scraper.parse.payload import unpacked
from bionews_scraper.records.types import PageError

# Share of C0 control bytes (other than tab, newline, carriage return, form feed) above
# which the input is binary, not a web page.
BINARY_CONTROL_SHARE = 0.05
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_MARKUP_SNIFF_BYTES = 4096
# surrogateescape turns each byte UTF-8 rejects into one lone surrogate U+DC80..U+DCFF.
_UNDECODED_BYTES_RE = re.compile("[\udc80-\udcff]+")
UTF8_BOM = codecs.BOM_UTF8
# Python's names for the single-byte encodings a legacy declaration means (w3lib reads latin-1 as cp1252).
LATIN_ENCODINGS = frozenset({"cp1252", "iso8859-1", "iso8859-15"})


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Return the page text of ``body``.

    ``content_type`` is the HTTP Content-Type header, if any. The encoding is the declared
    one (BOM, header, ``<meta>``), else UTF-8; a UTF-8 page's stray non-UTF-8 bytes are
    repaired one by one, never by re-reading the whole page. Raises ``PageError``
    (``empty_input`` or ``not_html``) for bytes that are no web page.
    """
    if not body.strip():
        raise PageError("empty_input", "the page has no content")
    body, content_type = unpacked(body, content_type)  # a gzip body never decoded, a saved MHTML file
    if read_bom(body)[0] is None:
        _refuse_binary(body)
    encoding, text = html_to_unicode(content_type, body, default_encoding="utf-8")
    if "\ufffd" in text and codecs.lookup(encoding).name == "utf-8":
        text = _utf8_with_cp1252_repairs(body.removeprefix(UTF8_BOM))
    elif codecs.lookup(encoding).name in LATIN_ENCODINGS and (utf8 := _as_utf8(body)) is not None:
        text = utf8  # "charset=ISO-8859-1" over UTF-8 bytes: a template's stale declaration
    if "<" not in text[:_MARKUP_SNIFF_BYTES]:
        raise PageError("not_html", "the content has no HTML markup")
    return text


def _as_utf8(body: bytes) -> str | None:
    """``body`` read as UTF-8 when it holds non-ASCII bytes and all of them are UTF-8: a page
    declared Latin-1 or windows-1252 whose text is UTF-8. Text really in cp1252 almost never
    is valid UTF-8: an accented letter would have to be followed by just the right symbols
    (``Ã©``), mojibake BioNews does not print."""
    if body.isascii():
        return None
    try:  # a capture cut off inside a character is still UTF-8: the cut character is left out
        return codecs.getincrementaldecoder("utf-8")().decode(body, final=False)
    except UnicodeDecodeError:
        return None


def _utf8_with_cp1252_repairs(body: bytes) -> str:
    """UTF-8 where the bytes are UTF-8; each run of bytes UTF-8 rejects, read as cp1252.

    A UTF-8 page with a stray legacy byte (``Caf\\xe9``, ``owner\\x92s``) keeps its UTF-8
    text and gets ``é`` and ``’`` for the stray bytes, where re-reading the whole page as
    cp1252 would turn every UTF-8 character into mojibake (``CafÃ©``, ``â€™``). A page
    that is cp1252 throughout (undeclared, or wrongly declared UTF-8) comes out as cp1252,
    since its non-ASCII bytes are almost never valid UTF-8 sequences: the exception, a
    cp1252 letter in U+00C2..U+00F4 followed by one in U+0080..U+00BF (``Ã©``), is text
    BioNews does not print. Bytes cp1252 leaves undefined become U+FFFD.
    bs4's ``UnicodeDammit.detwingle`` does the same job but takes any byte from 0xC0 up as
    the start of a UTF-8 sequence without checking it, so it drops cp1252 letters such as
    ``é`` (0xE9); Python's own UTF-8 decoder finds the bad bytes exactly.
    """
    text = body.decode("utf-8", errors="surrogateescape")
    return _UNDECODED_BYTES_RE.sub(_cp1252_from_surrogates, text)


def _cp1252_from_surrogates(run: re.Match[str]) -> str:
    return run[0].encode("utf-8", errors="surrogateescape").decode("cp1252", errors="replace")


def _refuse_binary(body: bytes) -> None:
    sample = body[:_MARKUP_SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # one pass, not one per byte value
    if b"\x00" in sample or controls > BINARY_CONTROL_SHARE * len(sample):
        raise PageError("not_html", "the content is binary data, not a web page")
