"""WARC replay speed: one process against two, on a capture of the fixture site.

    .venv/bin/python -m bench.replay_speed [--rounds 3] [--copies 1,20]

Crawls the bundled fixture site once with WARC capture on (``bionews demo`` in a
subprocess, loopback only) into a temporary directory, then times ``replay`` with
``jobs=1`` and ``jobs=2``, best of ``--rounds`` each. ``--copies N`` replays the capture N
times over in one call (dedupe drops the repeats, every page is still parsed), so the
parse work can outweigh the worker start-up. Rows are appended to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.results import append_row
from bionews_scraper.archive.warc.read import warc_files
from bionews_scraper.archive.warc.replay import replay

ROOT = Path(__file__).resolve().parent.parent


def capture(out: Path) -> list[Path]:
    """Crawl the fixture site into ``out`` with capture on; returns the WARC files."""
    command = [
        sys.executable,
        "-m",
        "bionews_scraper.cli",
        "demo",
        "--out",
        str(out),
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "LOG_LEVEL=WARNING",
        "--warc",
    ]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=300)
    return warc_files([out / "warc"])


def best_time(files: list[Path], out: Path, jobs: int, rounds: int) -> tuple[float, dict]:
    """The fastest of ``rounds`` replays, and the last summary."""
    best, summary = float("inf"), {}
    for _ in range(rounds):
        started = time.perf_counter()
        summary = replay(files, out, jobs=jobs)
        best = min(best, time.perf_counter() - started)
    return best, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--copies", default="1,20", help="comma-separated: how many times over to replay the capture")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bionews-replay-bench-") as folder:
        files = capture(Path(folder) / "crawl")
        columns = ["when (UTC)", "machine", "copies", "pages parsed", "jobs=1 (s)", "jobs=2 (s)", "jobs=1 / jobs=2"]
        print("| " + " | ".join(columns) + " |")
        for copies in (int(text) for text in args.copies.split(",")):
            inputs = files * copies
            one, summary = best_time(inputs, Path(folder) / "one", 1, args.rounds)
            two, _ = best_time(inputs, Path(folder) / "two", 2, args.rounds)
            row = [
                f"{datetime.now(UTC):%Y-%m-%d %H:%M}",
                platform.node(),
                str(copies),
                str(summary["pages"]),
                f"{one:.3f}",
                f"{two:.3f}",
                f"{one / two:.2f}",
            ]
            print(append_row("Replay of the fixture-site WARC (bench/replay_speed.py): best of rounds", columns, row))


if __name__ == "__main__":
    main()
