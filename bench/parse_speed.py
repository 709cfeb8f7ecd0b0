"""Parser speed, measured in one run: our whole parse vs BeautifulSoup alone vs trafilatura.

    make bench            (or: .venv/bin/python -m bench.parse_speed [--rounds N])

For every fixture page (fixtures/pages and fixtures/site) it times, interleaved so the
machine's noise hits all three alike: ``extract(page, url)`` (decode, soup, metadata,
classify, assemble), ``BeautifulSoup(page, "lxml")`` alone, and trafilatura's
``bare_extraction`` (a bench-only dependency). It prints the median per-page time of
each, over all pages, and the ratios; results are appended to bench/RESULTS.md.

"soup alone" is BeautifulSoup's parse of the page as served. ``extract`` builds its own soup
from the decoded text with the whitespace before block tags left out (bionews_scraper/parse/
page.py, ``_without_whitespace_at_blocks``), a smaller tree than the one "soup alone" builds:
that saving is part of what ``extract`` gains on it.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from bs4 import BeautifulSoup
from trafilatura import bare_extraction

from bench.results import append_row
from bionews_scraper.parse.extract import extract

ROOT = Path(__file__).resolve().parent.parent


def pages() -> list[tuple[bytes, str]]:
    """(bytes, url) for every HTML fixture page that is a record or a refusal of one."""
    found = []
    for folder in sorted((ROOT / "fixtures" / "pages").iterdir()):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        body = (folder / "page.html").read_bytes()
        if body.lstrip().startswith(b"<") or b"<html" in body[:2048].lower():
            found.append((body, meta["url"]))
    for path in sorted((ROOT / "fixtures" / "site").rglob("*")):
        if path.is_file() and path.suffix not in (".xml", ".txt", ".json"):
            host, *rest = path.relative_to(ROOT / "fixtures" / "site").parts
            found.append((path.read_bytes(), f"https://{host}/{'/'.join(rest)}"))
    return found


def _time(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def measure(rounds: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {"extract": [], "soup": [], "trafilatura": []}
    corpus = pages()
    for body, url in corpus:  # warm-up: imports, caches of compiled selectors, dateparser data
        extract(body, url), bare_extraction(body, url=url)
    per_page: dict[str, list[list[float]]] = {name: [[] for _ in corpus] for name in samples}
    for _ in range(rounds):
        for index, (body, url) in enumerate(corpus):
            per_page["soup"][index].append(_time(BeautifulSoup, body, "lxml"))
            per_page["extract"][index].append(_time(extract, body, url))
            per_page["trafilatura"][index].append(_time(lambda b=body, u=url: bare_extraction(b, url=u)))
    for name, rows in per_page.items():
        samples[name] = [min(row) for row in rows]  # each page's best round: the least noisy
    return {name: statistics.median(values) * 1000 for name, values in samples.items()} | {"pages": len(corpus)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    result = measure(args.rounds)
    columns = [
        "when (UTC)",
        "machine",
        "pages",
        "extract",
        "soup alone",
        "trafilatura",
        "extract/soup",
        "extract/trafilatura",
    ]
    row = [
        f"{datetime.now(UTC):%Y-%m-%d %H:%M}",
        platform.node(),
        str(int(result["pages"])),
        f"{result['extract']:.2f}",
        f"{result['soup']:.2f}",
        f"{result['trafilatura']:.2f}",
        f"{result['extract'] / result['soup']:.2f}",
        f"{result['extract'] / result['trafilatura']:.2f}",
    ]
    print("| " + " | ".join(columns) + " |")
    print(append_row("Parse speed (bench/parse_speed.py): median ms per page", columns, row))


if __name__ == "__main__":
    main()
