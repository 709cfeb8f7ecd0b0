"""A bad option of `bionews crawl` gets one clear line and exit status 2 before anything starts.

Every command here also routes to a closed loopback port (``--connect-to``; a later one wins),
so a check that stopped working would never reach the real site.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from bionews_scraper.cli import main


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _crawl(out: Path) -> list[str]:
    return ["crawl", "--out", str(out), "--connect-to", f"127.0.0.1:{_free_port()}"]


BAD_OPTIONS = {
    "a URL of another scheme": (["--url", "ftp://www.progress.org.uk/x/"], "--url 'ftp://"),
    "a URL with no host": (["--url", "progress.org.uk/x"], "not an http(s) URL"),
    "a setting without a value": (["-s", "DOWNLOAD_DELAY"], "expected NAME=VALUE"),
    "a setting name in lower case": (["-s", "download_delay=1"], "UPPER_CASE"),
    "a number that is not one": (["-s", "DOWNLOAD_DELAY=soon"], "DOWNLOAD_DELAY='soon': not a valid float"),
    "a whole number that is not one": (["-s", "CONCURRENT_REQUESTS=many"], "not a valid int"),
    "a yes-or-no that is neither": (["-s", "ROBOTSTXT_OBEY=maybe"], "not a valid bool"),
    "a component table that is not JSON": (["-s", "ITEM_PIPELINES={broken"], "-s"),
    "a server on another machine": (["--connect-to", "example.org:80"], "127.0.0.1:PORT"),
    "a port that is no number": (["--connect-to", "127.0.0.1:http"], "127.0.0.1:PORT"),
    "a Redis URL of another scheme": (["--redis", "http://127.0.0.1:6379/0"], "expected redis://"),
    "a Redis that does not answer": (["--redis", "redis://127.0.0.1:{port}/0"], "cannot reach Redis at 127.0.0.1:"),
}


@pytest.mark.parametrize("options, message", BAD_OPTIONS.values(), ids=BAD_OPTIONS.keys())
def test_a_bad_option_is_one_clear_line_before_the_crawl(
    options: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options = [option.replace("{port}", str(_free_port())) for option in options]
    assert main([*_crawl(tmp_path / "out"), *options]) == 2
    err = capsys.readouterr().err
    assert err.startswith("bionews crawl: ") and message in err and len(err.splitlines()) == 1, err


def test_an_output_that_is_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    assert main(_crawl(tmp_path / "out")) == 2
    assert capsys.readouterr().err == f"bionews crawl: --out {tmp_path / 'out'}: exists and is not a directory\n"


def test_an_output_under_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(_crawl(tmp_path / "file" / "out")) == 2
    assert "cannot create it (Not a directory)" in capsys.readouterr().err


def test_a_urls_file_that_is_missing_or_empty_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*_crawl(tmp_path), "--urls-file", str(tmp_path / "urls.txt")]) == 2
    assert "cannot read it" in capsys.readouterr().err
    (tmp_path / "urls.txt").write_text("# nothing yet\n", encoding="utf-8")
    assert main([*_crawl(tmp_path), "--urls-file", str(tmp_path / "urls.txt")]) == 2
    assert "no URL in it" in capsys.readouterr().err
