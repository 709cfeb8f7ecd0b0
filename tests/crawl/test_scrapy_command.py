"""`scrapy crawl bionews -O FILE` from a project folder writes FILE and nothing else."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bionews_scraper.crawl.connect_to import HANDLER
from bionews_scraper.sandbox.serve import SiteServer
from bionews_scraper.sandbox.sites import DEFAULT_SITE, start_points

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = json.loads((DEFAULT_SITE / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site() -> Iterator[SiteServer]:
    with SiteServer(DEFAULT_SITE, port=0) as server:
        yield server


def _scrapy_crawl(project: Path, server: SiteServer, *options: str) -> subprocess.CompletedProcess[str]:
    """`scrapy crawl bionews` as a user runs it in a folder holding the project's scrapy.cfg."""
    shutil.copy(ROOT / "scrapy.cfg", project / "scrapy.cfg")
    starts = start_points(DEFAULT_SITE)
    settings = {
        "BIONEWS_LOOPBACK": f"127.0.0.1:{server.port}",
        "DOWNLOAD_HANDLERS": json.dumps({"http": HANDLER, "https": HANDLER}),
        "BIONEWS_SITEMAP_URLS": ",".join(starts["BIONEWS_SITEMAP_URLS"]),
        "BIONEWS_LISTING_URLS": ",".join(starts["BIONEWS_LISTING_URLS"]),
        "DOWNLOAD_DELAY": "0",
        "AUTOTHROTTLE_ENABLED": "False",
    }
    command = [sys.executable, "-m", "scrapy", "crawl", "bionews", *options]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300, check=False)


def test_scrapy_crawl_with_a_feed_writes_the_feed_and_leaves_the_output_folder_alone(
    tmp_path: Path, site: SiteServer
) -> None:
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "articles.jsonl").write_text('{"kind": "article", "url": "kept"}\n', encoding="utf-8")
    finished = _scrapy_crawl(tmp_path, site, "-O", "file.jsonl")
    assert finished.returncode == 0, finished.stderr[-3000:]
    records = [json.loads(line) for line in (tmp_path / "file.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["url"] for r in records if r["kind"] == "article") == sorted(MANIFEST["articles"])
    assert sorted(r["url"] for r in records if r["kind"] == "issue") == sorted(MANIFEST["issues"])
    assert [path.name for path in (tmp_path / "output").iterdir()] == ["articles.jsonl"]
    assert (tmp_path / "output" / "articles.jsonl").read_text(
        encoding="utf-8"
    ) == '{"kind": "article", "url": "kept"}\n'


def test_scrapy_crawl_with_a_feed_and_an_output_folder_given_writes_both(tmp_path: Path, site: SiteServer) -> None:
    finished = _scrapy_crawl(tmp_path, site, "-O", "file.jsonl", "-s", "BIONEWS_OUTPUT_DIR=records")
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert (tmp_path / "file.jsonl").stat().st_size > 0
    written = sorted(path.name for path in (tmp_path / "records").iterdir())
    assert written == ["articles.jsonl", "errors.jsonl", "issues.jsonl", "stats.json"]
