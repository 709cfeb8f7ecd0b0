"""Pages stored inside something else are unpacked before decoding; hostile packing is refused."""

from __future__ import annotations

import gzip

import pytest

from bionews_scraper.parse.decode import decode_html
from bionews_scraper.parse.payload import MAX_UNPACKED_BYTES
from bionews_scraper.records.types import PageError

PAGE = "<html><body><h1>Embryo model code</h1><p>Caf\u00e9 owner\u2019s view</p></body></html>"


def test_a_gzip_body_a_capture_never_decoded_is_read_as_its_page() -> None:
    assert decode_html(gzip.compress(PAGE.encode())) == PAGE


def test_gzip_that_inflates_beyond_any_page_is_refused() -> None:
    bomb = gzip.compress(b"<p>" + b" " * (MAX_UNPACKED_BYTES + 10))
    with pytest.raises(PageError) as refusal:
        decode_html(bomb)
    assert refusal.value.reason == "not_html"


def test_gzip_that_does_not_inflate_is_refused() -> None:
    with pytest.raises(PageError) as refusal:
        decode_html(b"\x1f\x8b\x08\x00garbage that is no deflate stream")
    assert refusal.value.reason == "not_html"


def test_a_saved_mhtml_file_is_read_as_its_html_part_with_its_charset() -> None:
    html = PAGE.replace("<html>", '<html lang="en-GB">').encode("utf-8")
    quoted = html.replace(b"=", b"=3D").replace("\u00e9".encode(), b"=C3=A9").replace("\u2019".encode(), b"=E2=80=99")
    mhtml = (
        b"From: <Saved by Blink>\r\nSubject: Embryo model code\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----B----"\r\n\r\n'
        b"------B----\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        + quoted
        + b"\r\n------B------\r\n"
    )
    assert "<p>Caf\u00e9 owner\u2019s view</p>" in decode_html(mhtml)
