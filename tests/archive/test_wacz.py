"""`bionews wacz OUT`: the crawl's WARCs as one WACZ that the wacz package's own validator accepts."""

from __future__ import annotations

import gzip
import json
import shutil
import zipfile
from pathlib import Path

from wacz.main import main as wacz_main

from bionews_scraper.records.outputs import read_records
from tests.archive.runs import bionews


def _copy(warc_crawl: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(warc_crawl, out)
    return out


def test_the_wacz_validates_and_holds_warcs_index_pages_and_datapackage(warc_crawl: Path, tmp_path: Path) -> None:
    out = _copy(warc_crawl, tmp_path)
    finished = bionews("wacz", str(out))
    assert finished.returncode == 0, finished.stderr
    wacz = out / "archive.wacz"
    assert wacz_main(["validate", "-f", str(wacz)]) == 0
    with zipfile.ZipFile(wacz) as archive:
        names = set(archive.namelist())
        pages = [json.loads(line) for line in archive.read("pages/pages.jsonl").decode().splitlines()]
        index = gzip.decompress(archive.read("indexes/index.cdx.gz")).decode()
        package = json.loads(archive.read("datapackage.json"))
    warcs = sorted(path.name for path in (out / "warc").iterdir())
    assert {f"archive/{name}" for name in warcs} | {
        "datapackage.json",
        "pages/pages.jsonl",
        "indexes/index.idx",
    } <= names
    page_urls = {page["url"] for page in pages[1:]}
    assert {record["url"] for record in read_records(out / "articles.jsonl")} <= page_urls
    assert all(record["url"] in index for record in read_records(out / "issues.jsonl"))
    assert {resource["path"] for resource in package["resources"]} == names - {
        "datapackage.json",
        "datapackage-digest.json",
    }


def test_a_damaged_warc_is_left_out_named_and_the_run_fails(warc_crawl: Path, tmp_path: Path) -> None:
    out = _copy(warc_crawl, tmp_path)
    (out / "warc" / "zz-damaged.warc.gz").write_bytes(
        gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n") + b"\x00garbage"
    )
    finished = bionews("wacz", str(out))
    assert finished.returncode == 1
    summary = json.loads(finished.stderr.strip().splitlines()[-1])
    assert len(summary["damaged"]) == 1 and "zz-damaged.warc.gz" in summary["damaged"][0]
    assert wacz_main(["validate", "-f", str(out / "archive.wacz")]) == 0
    with zipfile.ZipFile(out / "archive.wacz") as archive:
        assert "archive/zz-damaged.warc.gz" not in archive.namelist()


def test_links_out_of_the_warc_folder_are_not_followed(warc_crawl: Path, tmp_path: Path) -> None:
    out = _copy(warc_crawl, tmp_path)
    outside = tmp_path / "elsewhere.warc.gz"
    shutil.copy(next((out / "warc").iterdir()), outside)
    (out / "warc" / "link.warc.gz").symlink_to(outside)
    assert bionews("wacz", str(out)).returncode == 0
    with zipfile.ZipFile(out / "archive.wacz") as archive:
        assert "archive/link.warc.gz" not in archive.namelist()


def test_no_warc_files_is_an_error_that_says_how_to_get_them(tmp_path: Path) -> None:
    finished = bionews("wacz", str(tmp_path))
    assert finished.returncode == 2
    assert "crawl with --warc" in finished.stderr
    assert not (tmp_path / "archive.wacz").exists()
