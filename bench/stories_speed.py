"""How long `bionews stories` takes on a synthetic archive, and whether it finds the manifest's stories.

    .venv/bin/python -m bench.stories_speed [--articles 10000 --issues 500] [--rounds 3]

Writes a synthetic site (`bionews synth`: stories in three templates plus migrated copies),
parses every article and issue page into ``articles.jsonl`` and ``issues.jsonl`` (set-up, not
timed), then times ``bionews stories OUT`` as a user runs it (a subprocess: start-up included)
and ``write_story_files`` in this process, best of ``--rounds`` each. The stories found are
compared with the manifest's. A row is appended to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from bench.results import append_row
from bionews_scraper.archive.story_files import write_story_files
from bionews_scraper.parse.extract import extract
from bionews_scraper.records.jsonl import dumps_line
from bionews_scraper.records.outputs import read_records
from bionews_scraper.sandbox.serve import locate
from bionews_scraper.sandbox.synth import write_site

ROOT = Path(__file__).resolve().parent.parent


def parse_site(site: Path, out: Path) -> int:
    """Every article and issue page of the synthetic ``site`` into ``out``'s JSONL; returns articles written."""
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for name, key in (("articles.jsonl", "article_details"), ("issues.jsonl", "issue_details")):
        with (out / name).open("w", encoding="utf-8") as lines:
            for detail in manifest[key]:
                parts = urlsplit(detail["url"])
                page = locate(site, parts.hostname or "", parts.path)
                if page is None:
                    raise FileNotFoundError(detail["url"])
                for record in extract(page.read_bytes(), detail["url"]).records:
                    lines.write(dumps_line(record))
                    written += record["kind"] == "article"
    return written


def best_of(rounds: int, run: object) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--issues", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bionews-stories-bench-") as temp:
        site, out = Path(temp) / "site", Path(temp) / "out"
        summary = write_site(site, articles=args.articles, issues=args.issues)
        records = parse_site(site, out)
        command = [sys.executable, "-m", "bionews_scraper.cli", "stories", str(out)]
        cli = best_of(args.rounds, lambda: subprocess.run(command, cwd=ROOT, check=True, capture_output=True))
        in_process = best_of(args.rounds, lambda: write_story_files(out))
        manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
        found = sorted(sorted(story["urls"]) for story in read_records(out / "stories.jsonl"))
        expected = sorted(sorted(urls) for urls in manifest["stories"])
        columns = [
            "when (UTC)",
            "machine",
            "article records",
            "migrated copies",
            "stories found",
            "manifest stories",
            "found = manifest",
            "`bionews stories` (s)",
            "in process (s)",
        ]
        row = [
            datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
            platform.node(),
            str(records),
            str(summary.migrated),
            str(len(found)),
            str(len(expected)),
            "yes" if found == expected else "NO",
            f"{cli:.2f}",
            f"{in_process:.2f}",
        ]
        print(append_row("Stories and calendar from JSONL (bench/stories_speed.py): best of rounds", columns, row))
        return 0 if found == expected else 1


if __name__ == "__main__":
    sys.exit(main())
