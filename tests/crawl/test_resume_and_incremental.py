"""Archivists' long crawls: killed with kill -9 and resumed; re-run for what is new."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bionews_scraper.records.outputs import read_records

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "fixtures" / "site"
MANIFEST = json.loads((SITE / "manifest.json").read_text(encoding="utf-8"))
CRAWLED_RE = re.compile(r"Crawled \(\d+\) <GET (\S+)>")
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]


def _demo(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "bionews_scraper.cli", "demo", *arguments]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True) if path.exists() else []


def _crawled(log: Path) -> list[str]:
    return CRAWLED_RE.findall(log.read_text(encoding="utf-8"))


def test_a_crawl_killed_with_kill_9_resumes_where_it_stopped(tmp_path: Path) -> None:
    out, job = tmp_path / "out", tmp_path / "job"
    slow = [
        "-s",
        "DOWNLOAD_DELAY=0.25",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "CONCURRENT_REQUESTS=1",
        "-s",
        "RANDOMIZE_DOWNLOAD_DELAY=False",
    ]
    first = subprocess.Popen(
        _demo("--out", str(out), "--jobdir", str(job), *slow),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(_lines(out / "articles.jsonl")) < 5 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert first.poll() is None, "the first crawl ended before it could be killed"
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    recorded_before = {json.loads(line)["url"] for line in _lines(out / "articles.jsonl") if line.endswith("\n")}
    assert 5 <= len(recorded_before) < len(MANIFEST["articles"])

    log = tmp_path / "resume.log"
    second = subprocess.run(
        _demo("--out", str(out), "--jobdir", str(job), *FAST, "-s", "LOG_LEVEL=DEBUG", "-s", f"LOG_FILE={log}"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert second.returncode == 0, second.stderr[-2000:]

    for name in ("articles.jsonl", "issues.jsonl", "errors.jsonl"):
        assert all(line.endswith("\n") and json.loads(line) for line in _lines(out / name)), f"partial line in {name}"
    articles = Counter(record["url"] for record in read_records(out / "articles.jsonl"))
    assert sorted(articles) == sorted(MANIFEST["articles"]) and set(articles.values()) == {1}
    issues = Counter(record["url"] for record in read_records(out / "issues.jsonl"))
    assert sorted(issues) == sorted(MANIFEST["issues"]) and set(issues.values()) == {1}
    assert {r["url"]: r["reason"] for r in read_records(out / "errors.jsonl")} == MANIFEST["errors"]
    assert not set(_crawled(log)) & recorded_before, "the resumed crawl fetched pages it had already recorded"


def _add_issue_with_two_articles(site: Path) -> list[str]:
    """A new progress issue, 1197, with two new articles; the sitemaps list them with new lastmods."""
    host = site / "www.progress.org.uk"
    old_slugs = [
        "air-pollution-linked-to-lower-sperm-motility-in-large-study",
        "base-editing-corrects-sickle-cell-mutation-in-patient-stem-cells",
    ]
    new_urls = []
    entries = []
    for number, old in enumerate(old_slugs, start=1):
        slug = f"new-study-{number}-in-issue-1197"
        page = (host / old / "index.html").read_text(encoding="utf-8").replace(old, slug).replace("1196", "1197")
        (host / slug).mkdir()
        (host / slug / "index.html").write_text(page, encoding="utf-8")
        url = f"https://www.progress.org.uk/{slug}/"
        new_urls.append(url)
        entries.append(
            f'<h2 class="entry-title"><a href="{url}">Second new study number {number} reported this week</a></h2>'
            f"<p>by Test Writer</p><p>A short teaser for the new study number {number}...</p>"
        )
    issue = host / "newsletter_issue" / "bionews-1197"
    issue.mkdir(parents=True)
    (issue / "index.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>BioNews 1197 | PET</title>'
        '<link rel="canonical" href="https://www.progress.org.uk/newsletter_issue/bionews-1197/"></head><body>'
        '<main><article class="newsletter_issue"><h1 class="entry-title">BioNews 1197</h1><p>10 July 2023</p>'
        + "".join(f"<div class='entry'>{entry}</div>" for entry in entries)
        + "</article></main></body></html>",
        encoding="utf-8",
    )
    new_urls.append("https://www.progress.org.uk/newsletter_issue/bionews-1197/")
    new_lastmod = "2023-07-10T09:00:00+01:00"
    for sitemap, urls in (("post-sitemap.xml", new_urls[:2]), ("newsletter_issue-sitemap.xml", new_urls[2:])):
        path = host / sitemap
        added = "".join(
            f"\t<url>\n\t\t<loc>{url}</loc>\n\t\t<lastmod>{new_lastmod}</lastmod>\n\t</url>\n" for url in urls
        )
        path.write_text(path.read_text(encoding="utf-8").replace("</urlset>", added + "</urlset>"), encoding="utf-8")
    index = host / "sitemap_index.xml"
    text = re.sub(r"<lastmod>[^<]+</lastmod>", f"<lastmod>{new_lastmod}</lastmod>", index.read_text(encoding="utf-8"))
    index.write_text(text, encoding="utf-8")
    return new_urls


def test_an_incremental_crawl_fetches_only_what_is_new(tmp_path: Path) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    shutil.copytree(SITE, site)
    first = subprocess.run(
        _demo("--site", str(site), "--out", str(out), "--incremental", *FAST),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert first.returncode == 0, first.stderr[-2000:]
    full_requests = json.loads((out / "stats.json").read_text())["requests"]
    before = {name: _lines(out / name) for name in ("articles.jsonl", "issues.jsonl", "errors.jsonl")}

    new_urls = _add_issue_with_two_articles(site)
    log = tmp_path / "incremental.log"
    second = subprocess.run(
        _demo(
            "--site",
            str(site),
            "--out",
            str(out),
            "--incremental",
            *FAST,
            "-s",
            "LOG_LEVEL=DEBUG",
            "-s",
            f"LOG_FILE={log}",
        ),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert second.returncode == 0, second.stderr[-2000:]

    entry_pages = 2 + len(MANIFEST["start_urls"]) + 2  # robots.txt per host, start URLs, two sub-sitemaps
    entry_pages += 10  # numbers past the newest issue probed until 10 in a row miss (BIONEWS_ISSUE_PROBE_MISSES)
    requests = json.loads((out / "stats.json").read_text())["requests"]
    assert requests <= len(new_urls) + entry_pages < full_requests, _crawled(log)
    after = {name: _lines(out / name) for name in before}
    assert after["errors.jsonl"] == before["errors.jsonl"]
    assert after["articles.jsonl"][: len(before["articles.jsonl"])] == before["articles.jsonl"]
    gained_articles = [json.loads(line)["url"] for line in after["articles.jsonl"][len(before["articles.jsonl"]) :]]
    gained_issues = [json.loads(line)["issue"] for line in after["issues.jsonl"][len(before["issues.jsonl"]) :]]
    assert sorted(gained_articles) == sorted(new_urls[:2]) and gained_issues == [1197]
