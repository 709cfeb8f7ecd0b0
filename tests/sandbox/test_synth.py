"""The synthetic site: deterministic, in all three layouts, and parseable by our own extract()."""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from bionews_scraper.archive.story_records import build_stories
from bionews_scraper.parse.extract import extract
from bionews_scraper.sandbox import synth
from bionews_scraper.sandbox.serve import SiteServer, locate
from bionews_scraper.sandbox.sites import start_points
from bionews_scraper.sandbox.synth import write_site

ROOT = Path(__file__).resolve().parents[2]
ARTICLES, ISSUES = 60, 6
RECORD_FIELDS = ("layout", "headline", "issue", "issue_url", "published", "authors")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, synth.SynthSummary, dict]:
    root = tmp_path_factory.mktemp("synth") / "site"
    summary = write_site(root, articles=ARTICLES, issues=ISSUES, seed=0)
    return root, summary, json.loads((root / "manifest.json").read_text(encoding="utf-8"))


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def _page(root: Path, url: str) -> bytes:
    parts = urlsplit(url)
    found = locate(root, parts.hostname, parts.path)
    assert found is not None, url
    return found.read_bytes()


def test_same_seed_gives_byte_identical_files(site: tuple[Path, synth.SynthSummary, dict], tmp_path: Path) -> None:
    root, summary, _ = site
    write_site(tmp_path / "again", articles=ARTICLES, issues=ISSUES, seed=0)
    first, second = _files(root), _files(tmp_path / "again")
    assert first == second
    assert len(first) == summary.files
    assert sum(len(data) for data in first.values()) == summary.bytes


def test_same_seed_is_identical_in_another_process_with_another_hash_seed(
    site: tuple[Path, synth.SynthSummary, dict], tmp_path: Path
) -> None:
    code = f"from pathlib import Path; from bionews_scraper.sandbox.synth import write_site; write_site(Path({str(tmp_path / 'other')!r}), {ARTICLES}, {ISSUES}, 0)"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120)
    assert _files(tmp_path / "other") == _files(site[0])


def test_another_seed_gives_another_site(site: tuple[Path, synth.SynthSummary, dict], tmp_path: Path) -> None:
    write_site(tmp_path / "seed1", articles=ARTICLES, issues=ISSUES, seed=1)
    manifest = json.loads((tmp_path / "seed1" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["article_details"] != site[2]["article_details"]


def test_all_three_layouts_in_era_order(site: tuple[Path, synth.SynthSummary, dict]) -> None:
    _, summary, manifest = site
    assert summary.by_layout == manifest["counts"]["by_layout"]
    assert all(counts["articles"] > 0 and counts["issues"] > 0 for counts in summary.by_layout.values())
    layouts = [detail["layout"] for detail in manifest["issue_details"]]
    assert layouts == sorted(layouts, key=["legacy", "bionews2018", "progress"].index)
    assert [detail["issue"] for detail in manifest["issue_details"]] == list(range(1, ISSUES + 1))
    dates = [detail["published"] for detail in manifest["issue_details"]]
    assert dates == sorted(dates)
    legacy_years = {int(d["published"][:4]) for d in manifest["issue_details"] if d["layout"] == "legacy"}
    assert min(legacy_years) >= 2004 and max(legacy_years) <= 2018


def test_articles_are_spread_over_the_issues(site: tuple[Path, synth.SynthSummary, dict]) -> None:
    entries = [detail["entries"] for detail in site[2]["issue_details"]]
    assert sum(entries) == ARTICLES
    assert min(entries) >= 1 and max(entries) <= 2 * ARTICLES // ISSUES


def test_manifest_urls_all_exist_as_files(site: tuple[Path, synth.SynthSummary, dict]) -> None:
    root, _, manifest = site
    for url in manifest["start_urls"] + manifest["articles"] + manifest["issues"]:
        parts = urlsplit(url)
        assert locate(root, parts.hostname, parts.path) is not None, url
    assert len(set(manifest["articles"])) == ARTICLES + manifest["counts"]["migrated_copies"]
    assert len(manifest["stories"]) == ARTICLES


def test_url_patterns_follow_the_layouts(site: tuple[Path, synth.SynthSummary, dict]) -> None:
    patterns = {
        "legacy": r"^http://www\.bionews\.org\.uk/page_\d{6}\.asp$",
        "bionews2018": r"^https://www\.bionews\.org\.uk/page_\d{5}$",
        "progress": r"^https://www\.progress\.org\.uk/(?:newsletter_issue/bionews-\d+|[a-z0-9-]+)/$",
    }
    for detail in site[2]["article_details"] + site[2]["issue_details"]:
        assert re.match(patterns[detail["layout"]], detail["url"]), detail["url"]


def test_legacy_pages_are_windows_1252_bytes_declared_in_a_meta_tag(
    site: tuple[Path, synth.SynthSummary, dict],
) -> None:
    root, _, manifest = site
    legacy = [_page(root, d["url"]) for d in manifest["article_details"] if d["layout"] == "legacy"]
    assert all(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">' in page for page in legacy)
    assert any(byte in page for page in legacy for byte in (b"\x91", b"\x92", b"\x93", b"\xa3"))
    for page in legacy:
        page.decode("cp1252")


def test_every_article_parses_with_the_manifest_fields(site: tuple[Path, synth.SynthSummary, dict]) -> None:
    root, _, manifest = site
    articles = set(manifest["articles"])
    for detail in manifest["article_details"]:
        record = extract(_page(root, detail["url"]), detail["url"]).records[0]
        assert record["kind"] == "article", (detail["url"], record)
        for key in RECORD_FIELDS:
            assert record[key] == detail[key], (detail["url"], key)
        assert 3 <= len(record["body"].split("\n\n")) <= 6, detail["url"]
        assert 2 <= len(record["related"]) <= 3 and {r["url"] for r in record["related"]} <= articles, detail["url"]
        for phrase in ("Subscribe to the BioNews", "Facebook", "have your say", "Published by the Progress"):
            assert phrase not in record["body"], (detail["url"], phrase)


@pytest.mark.parametrize("layout", ["legacy", "bionews2018", "progress"])
def test_a_sample_article_of_each_layout_parses(site: tuple[Path, synth.SynthSummary, dict], layout: str) -> None:
    root, _, manifest = site
    detail = next(d for d in manifest["article_details"] if d["layout"] == layout)
    record = extract(_page(root, detail["url"]), detail["url"]).records[0]
    assert (record["kind"], record["layout"], record["issue"], record["headline"]) == (
        "article",
        layout,
        detail["issue"],
        detail["headline"],
    )


def test_every_issue_page_parses_with_its_entries(site: tuple[Path, synth.SynthSummary, dict]) -> None:
    root, _, manifest = site
    in_issue = {}
    originals = {urls[0] for urls in manifest["stories"]}  # migrated copies are in no issue page
    for detail in manifest["article_details"]:
        if detail["url"] in originals:
            in_issue.setdefault(detail["issue"], []).append(detail["url"])
    for detail in manifest["issue_details"]:
        record = extract(_page(root, detail["url"]), detail["url"]).records[0]
        assert record["kind"] == "issue", (detail["url"], record)
        assert (record["layout"], record["issue"], record["published"]) == (
            detail["layout"],
            detail["issue"],
            detail["published"],
        )
        assert len(record["articles"]) == detail["entries"]
        assert [entry["url"] for entry in record["articles"]] == in_issue[detail["issue"]]


def _listing_chain(root: Path, start: str) -> tuple[list[str], list[str]]:
    """Follow an archive's Next links: (pages visited, issue URLs linked as "BioNews N")."""
    pages, issues, url = [], [], start
    while url:
        result = extract(_page(root, url), url)
        assert result.records[0]["kind"] == "error" and result.records[0]["reason"] == "listing_page", url
        pages.append(url)
        issues += [link.url for link in result.links if link.text.startswith("BioNews ") and link.text[8:].isdigit()]
        url = next((link.url for link in result.links if link.text == "Next"), None)
    return pages, issues


def test_archives_paginate_and_link_every_issue_of_their_era(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synth, "LISTING_PAGE_SIZE", 4)
    write_site(tmp_path, articles=40, issues=20, seed=3)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    for start, layout, expected_pages in (
        ("http://www.bionews.org.uk/page_2.asp", "legacy", ["page_2.asp", "page_3.asp", "page_4.asp"]),
        ("https://www.bionews.org.uk/bionews-archive", "bionews2018", ["bionews-archive", "bionews-archive-2"]),
    ):
        pages, issues = _listing_chain(tmp_path, start)
        assert pages == [urljoin(start, page) for page in expected_pages]
        era = [d for d in manifest["issue_details"] if d["layout"] == layout]
        assert issues == [d["url"] for d in reversed(era)]  # newest first


def test_sitemaps_list_every_progress_page_with_lastmod(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synth, "SITEMAP_PAGE_SIZE", 5)
    write_site(tmp_path, articles=40, issues=10, seed=4)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    host = tmp_path / "www.progress.org.uk"
    index = (host / "sitemap_index.xml").read_text(encoding="utf-8")
    names = [line.strip()[5:-6].rsplit("/", 1)[1] for line in index.splitlines() if "<loc>" in line]
    assert names[0] == "post-sitemap1.xml" and names[-1] == "newsletter_issue-sitemap.xml"
    listed = []
    for name in names:
        body = (host / name).read_text(encoding="utf-8")
        assert body.count("<lastmod>") == body.count("<loc>") <= 5
        listed += [line.strip()[5:-6] for line in body.splitlines() if "<loc>" in line]
    progress = [d["url"] for d in manifest["article_details"] + manifest["issue_details"] if d["layout"] == "progress"]
    assert sorted(listed) == sorted(progress)


def test_robots_txt_for_every_host_allows_all_and_names_the_sitemap(
    site: tuple[Path, synth.SynthSummary, dict],
) -> None:
    root = site[0]
    hosts = sorted(path.name for path in root.iterdir() if path.is_dir())
    assert hosts == ["www.bionews.org.uk", "www.progress.org.uk"]
    for host in hosts:
        assert "Disallow:\n" in (root / host / "robots.txt").read_text(encoding="ascii")
    assert "Sitemap: https://www.progress.org.uk/sitemap_index.xml" in (
        root / "www.progress.org.uk" / "robots.txt"
    ).read_text(encoding="ascii")


def test_start_urls_file_names_the_three_entry_points(site: tuple[Path, synth.SynthSummary, dict]) -> None:
    root, summary, manifest = site
    assert (
        (root / "start_urls.txt").read_text(encoding="utf-8").split()
        == manifest["start_urls"]
        == list(summary.start_urls)
    )
    first_progress_issue = min(i["issue"] for i in manifest["issue_details"] if i["layout"] == "progress")
    assert start_points(root) == {
        "BIONEWS_SITEMAP_URLS": ["https://www.progress.org.uk/sitemap_index.xml"],
        "BIONEWS_LISTING_URLS": ["http://www.bionews.org.uk/page_2.asp", "https://www.bionews.org.uk/bionews-archive"],
        "BIONEWS_ISSUE_PROBE_FROM": first_progress_issue,  # issues are probed at progress addresses only
    }


def test_the_site_serves_over_loopback(site: tuple[Path, synth.SynthSummary, dict]) -> None:
    root, _, manifest = site
    with SiteServer(root) as server:
        for url in manifest["start_urls"] + manifest["issues"][:1] + manifest["articles"][-1:]:
            conn = http.client.HTTPConnection(server.host, server.port, timeout=5)
            conn.request("GET", url)  # absolute URI: the server acts as a proxy for every host
            response = conn.getresponse()
            assert (response.status, len(response.read()) > 0) == (200, True), url
            conn.close()


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("stale", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_site(tmp_path, articles=10, issues=3)


@pytest.mark.parametrize(("articles", "issues"), [(10, 2), (4, 5)])
def test_refuses_sizes_it_cannot_lay_out(tmp_path: Path, articles: int, issues: int) -> None:
    with pytest.raises(ValueError):
        write_site(tmp_path / "site", articles=articles, issues=issues)


@pytest.fixture(scope="module")
def migrated_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("migrated") / "site"
    write_site(root, articles=400, issues=20, seed=5, migrated=0.4)
    return root, json.loads((root / "manifest.json").read_text(encoding="utf-8"))


def test_migrated_copies_change_what_the_real_migration_changed(migrated_site: tuple[Path, dict]) -> None:
    _, manifest = migrated_site
    details = {detail["url"]: detail for detail in manifest["article_details"]}
    pairs = [(details[original], details[copy]) for original, copy in (s for s in manifest["stories"] if len(s) == 2)]
    assert pairs and all(o["layout"] in ("legacy", "bionews2018") and c["layout"] == "progress" for o, c in pairs)
    shifts = [(date.fromisoformat(c["published"]) - date.fromisoformat(o["published"])).days for o, c in pairs]
    assert min(shifts) == 0 and max(shifts) > 14
    assert any(c["issue"] is None for _, c in pairs)
    assert any(c["headline"] != o["headline"] for o, c in pairs)
    assert any(o["authors"] and c["authors"] != o["authors"] for o, c in pairs)
    assert all(not re.search(r"[^a-z0-9/:.-]", c["url"]) for _, c in pairs)  # slugs without punctuation
    for original, copy in pairs:
        if copy["issue"] is None:
            assert copy["headline"] == original["headline"] and abs(shifts[pairs.index((original, copy))]) <= 14


def test_every_story_is_found_and_no_two_are_joined(migrated_site: tuple[Path, dict]) -> None:
    root, manifest = migrated_site
    records = [r for d in manifest["article_details"] for r in extract(_page(root, d["url"]), d["url"]).records]
    found = sorted(sorted(story["urls"]) for story in build_stories(records, {}))
    assert found == sorted(sorted(urls) for urls in manifest["stories"])


def test_migrated_copies_are_listed_in_the_post_sitemaps(migrated_site: tuple[Path, dict]) -> None:
    root, manifest = migrated_site
    sitemaps = "".join(
        path.read_text(encoding="utf-8") for path in (root / "www.progress.org.uk").glob("post-sitemap*.xml")
    )
    copies = [urls[1] for urls in manifest["stories"] if len(urls) == 2]
    assert all(f"<loc>{url}</loc>" in sitemaps for url in copies)


def test_stories_do_not_depend_on_the_order_records_come_in(migrated_site: tuple[Path, dict]) -> None:
    root, manifest = migrated_site
    records = [r for d in manifest["article_details"] for r in extract(_page(root, d["url"]), d["url"]).records]
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    assert build_stories(shuffled, {}) == build_stories(records, {})
