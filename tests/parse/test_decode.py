"""Bytes to text: cp1252 legacy pages, UTF-8 with or without BOM, refusals."""

from __future__ import annotations

import pytest

from bionews_scraper.parse.decode import decode_html
from bionews_scraper.records.types import PageError

CP1252_BODY = b"<p>\x93Embryos\x94 \x96 \xa3300 for the test\x85</p>"
EXPECTED_TEXT = "“Embryos” – £300 for the test…"


def test_cp1252_declared_in_meta() -> None:
    page = (
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>' + CP1252_BODY
    )
    assert EXPECTED_TEXT in decode_html(page)


def test_cp1252_without_any_declaration() -> None:
    assert EXPECTED_TEXT in decode_html(b"<html>" + CP1252_BODY)


def test_latin1_header_means_cp1252() -> None:
    assert EXPECTED_TEXT in decode_html(b"<html>" + CP1252_BODY, "text/html; charset=ISO-8859-1")


def test_utf8_with_bom_beats_a_wrong_header() -> None:
    page = b"\xef\xbb\xbf<html><p>\xe2\x80\x9cEmbryos\xe2\x80\x9d \xc2\xa3300</p>"
    assert "“Embryos” £300" in decode_html(page, "text/html; charset=ISO-8859-1")


def test_utf8_declared_but_cp1252_bytes_is_read_as_cp1252() -> None:
    page = b'<html><head><meta charset="utf-8"></head>' + CP1252_BODY
    assert EXPECTED_TEXT in decode_html(page)


UTF8_PAGE = "<p>Café owner’s “crêpe” stall – £3</p>".encode()


@pytest.mark.parametrize("content_type", [None, "text/html; charset=utf-8"])
@pytest.mark.parametrize(
    ("stray", "read_as"),
    [
        (b"\xe9", "é"),  # a latin letter
        (b"\x92", "’"),  # a cp1252 quote
        (b"\x81", "\ufffd"),  # undefined in cp1252 too: replaced, nothing else touched
        (b"\xe2\x80", "â€"),  # a cut UTF-8 sequence is two bad bytes, read as they are
    ],
)
def test_one_stray_byte_does_not_turn_a_utf8_page_into_mojibake(
    stray: bytes, read_as: str, content_type: str | None
) -> None:
    page = b'<html><head><meta charset="utf-8"></head>' + UTF8_PAGE + b"<p>x" + stray + b"y</p>"
    text = decode_html(page, content_type)
    assert "<p>Café owner’s “crêpe” stall – £3</p>" in text
    assert f"<p>x{read_as}y</p>" in text
    assert "Ã" not in text


def test_utf8_page_with_a_bom_and_a_stray_byte_keeps_its_utf8_text() -> None:
    page = b"\xef\xbb\xbf<html>" + UTF8_PAGE + b"<p>Caf\xe9</p>"
    text = decode_html(page, "text/html; charset=ISO-8859-1")
    assert text.startswith("<html>")  # the BOM is not text
    assert "<p>Café owner’s “crêpe” stall – £3</p><p>Café</p>" in text


@pytest.mark.parametrize("charset", ["windows-1252", "ISO-8859-1"])
def test_a_page_declared_latin_whose_bytes_are_all_utf8_is_utf8(charset: str) -> None:
    page = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'.encode() + UTF8_PAGE
    assert "<p>Café owner’s “crêpe” stall – £3</p>" in decode_html(page)  # not "CafÃ© ownerâ€™s"


def test_a_utf8_page_declared_latin_and_cut_off_inside_a_character_is_still_utf8() -> None:
    page = '<meta charset="iso-8859-1"><p>Jörg Küster — cut here —'.encode()[:-1]  # half of the last dash
    assert decode_html(page).endswith("<p>Jörg Küster — cut here ")


def test_a_declared_cp1252_page_whose_bytes_are_not_utf8_stays_cp1252() -> None:
    page = b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">' + CP1252_BODY
    assert EXPECTED_TEXT in decode_html(page)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty_input"),
        (b"  \n\t", "empty_input"),
        (b"\x00\x01\x02binary\x00", "not_html"),
        (b'{"json": true}', "not_html"),
    ],
)
def test_no_web_page_is_refused_with_a_reason(body: bytes, reason: str) -> None:
    with pytest.raises(PageError) as refusal:
        decode_html(body)
    assert refusal.value.reason == reason
