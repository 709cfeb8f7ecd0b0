"""A crawl of a misbehaving server: every page ends as a record or as an error with its reason.

The synthetic site's server fails on purpose (bionews_scraper/faults.py): transient 500s,
503s with and without Retry-After, connection resets, cut bodies and answers slower than
the download timeout, which retries with backoff must recover; and permanent redirect
loops and 20 MiB pages, which must end in errors.jsonl with their reasons. The plan is
deterministic, so the test knows which page meets which fault.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from bionews_scraper.records.outputs import read_records
from bionews_scraper.sandbox.faults import parse_faults
from bionews_scraper.sandbox.synth import write_site

ROOT = Path(__file__).resolve().parents[2]
SPEC = "500=0.1,503=0.1,retry_after=0.5,reset=0.06,truncate=0.06,slow=0.04,slow_seconds=60,loop=0.04,huge=0.03"
SEED = 5  # with this seed the permanent faults fall on article pages only, and on both kinds
# Far above a page's answer on a loaded machine, far below a slow fault's: a slow page costs
# this much once (then its retry is answered); no ordinary page ever times out.
DOWNLOAD_TIMEOUT = 5
PERMANENT_REASONS = {"loop": "redirect_loop", "huge": "too_large"}


def _key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}{parts.path}"


def _entry_keys(site: Path, article_keys: set[str]) -> list[str]:
    """Every page of the site that is not an article: listings, sitemaps, issue pages."""
    keys = []
    for path in site.rglob("*"):
        if path.is_file() and path.parent != site:
            host, *parts = path.relative_to(site).parts
            key = f"{host}/{'/'.join(parts)}".removesuffix("index.html")
            if key not in article_keys:
                keys.append(key)
    return keys


def test_every_page_of_a_faulty_site_ends_as_a_record_or_an_error_with_its_reason(tmp_path: Path) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    write_site(site, articles=60, issues=6, seed=0)
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    plan = parse_faults(SPEC, seed=SEED)
    faults = {url: plan.kind_for(_key(url)) for url in manifest["articles"] + manifest["issues"]}
    permanent = {url: PERMANENT_REASONS[kind] for url, kind in faults.items() if kind in PERMANENT_REASONS}
    assert set(permanent.values()) == {"redirect_loop", "too_large"}, "the seed no longer plants both permanent faults"
    entries = _entry_keys(site, {_key(url) for url in manifest["articles"]})
    assert not any(plan.kind_for(key) in PERMANENT_REASONS for key in entries), (
        "a permanent fault would cut off part of the site"
    )
    transient = [url for url, kind in faults.items() if kind and kind not in PERMANENT_REASONS]
    assert len(transient) >= 10

    command = [
        sys.executable,
        "-m",
        "bionews_scraper.cli",
        "demo",
        "--site",
        str(site),
        "--out",
        str(out),
        "--faults",
        SPEC,
        "--fault-seed",
        str(SEED),
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        f"DOWNLOAD_TIMEOUT={DOWNLOAD_TIMEOUT}",
        "-s",
        "BIONEWS_RETRY_BACKOFF_BASE=0.1",
    ]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert finished.returncode == 0, finished.stderr[-3000:]

    for name in ("articles.jsonl", "issues.jsonl", "errors.jsonl"):
        text = (out / name).read_text(encoding="utf-8")
        assert text == "" or text.endswith("\n"), f"partial line in {name}"
    recorded = [r["url"] for name in ("articles.jsonl", "issues.jsonl") for r in read_records(out / name)]
    errors = {r["url"]: r["reason"] for r in read_records(out / "errors.jsonl")}
    assert len(recorded) == len(set(recorded))
    assert sorted(recorded + list(errors)) == sorted(manifest["articles"] + manifest["issues"])
    assert errors == permanent, "transient faults must be retried into records; permanent ones must be errors"
    stats = json.loads((out / "stats.json").read_text(encoding="utf-8"))
    assert stats["responses_by_status"].get("500") and stats["responses_by_status"].get("503")
