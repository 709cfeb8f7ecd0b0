"""robots.txt is obeyed for every request, also those queued while it downloads."""

from __future__ import annotations

from pathlib import Path

from tests.crawl.demo_run import crawled, run_demo, stats

PROGRESS = "https://www.progress.org.uk"
ALLOWED = [
    f"{PROGRESS}/air-pollution-linked-to-lower-sperm-motility-in-large-study/",
    f"{PROGRESS}/ovary-organoids-grow-early-stage-human-eggs/",
]
DISALLOWED = [f"{PROGRESS}/private/draft-story/", f"{PROGRESS}/wp-admin/options.php"]


def test_urls_waiting_for_robots_txt_are_still_checked(tmp_path: Path) -> None:
    out = tmp_path / "out"
    urls = [*ALLOWED, *DISALLOWED]  # the first request fetches robots.txt; the others wait for it
    finished = run_demo(out, "--related-depth", "0", *(f"--url={url}" for url in urls))
    assert finished.returncode == 0, finished.stderr[-2000:]
    fetched = {url for _, url in crawled(out)}
    assert not fetched & set(DISALLOWED)
    assert set(ALLOWED) <= fetched
    assert stats(out)["robots_forbidden"] == len(DISALLOWED)
