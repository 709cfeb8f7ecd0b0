"""Crawl throughput and memory at scale, measured in one run on a synthetic archive.

    .venv/bin/python -m bench.crawl_scale [--articles 10000 --issues 500] [--site DIR]

Writes (or reuses) a synthetic site (`bionews synth`), serves it with `bionews serve` in
its own process on 127.0.0.1, and crawls it with politeness off (no delay, no
AutoThrottle; robots.txt still obeyed), all over loopback:

1. one process: pages/s, and peak RSS up to the moment 2,000 pages are written and over
   the whole run (the "at end" column: the stories and calendar step after the crawl included);
2. two processes sharing the crawl through Redis (a redis-server this script starts):
   pages/s over the wall time until both are done;
3. one process with --warc, then `replay` of its WARC with 1 and 2 jobs.

Pages/s counts every response (articles, issues, listings, sitemaps, robots.txt). The
results are appended as a row to bench/RESULTS.md. Needs redis-server on PATH.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.results import append_row
from bionews_scraper.archive.warc.replay import replay
from bionews_scraper.sandbox.sites import start_points

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "bionews_scraper.cli"]
IMPOLITE = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "WARNING",
    "BIONEWS_PROGRESS": "False",
}
RSS_CHECKPOINT_PAGES = 2000
SAMPLE_SECONDS = 0.2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


def crawl_command(site: Path, port: int, out: Path, *extra: str) -> list[str]:
    settings = {
        **IMPOLITE,
        **{
            name: (",".join(value) if isinstance(value, list) else str(value))
            for name, value in start_points(site).items()
        },
    }
    pairs = [item for name, value in settings.items() for item in ("-s", f"{name}={value}")]
    return [*CLI, "crawl", "--out", str(out), "--connect-to", f"127.0.0.1:{port}", *pairs, *extra]


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class LineCounter:
    """Counts the records written so far, reading only the bytes added since last time."""

    def __init__(self, paths: list[Path]) -> None:
        self.offsets = {path: 0 for path in paths}
        self.lines = 0

    def count(self) -> int:
        for path, offset in self.offsets.items():
            if path.exists():
                with path.open("rb") as handle:
                    handle.seek(offset)
                    chunk = handle.read()
                self.offsets[path] = offset + len(chunk)
                self.lines += chunk.count(b"\n")
        return self.lines


def run_measured(commands: list[list[str]], outs: list[Path]) -> dict[str, float]:
    """Run the crawls at once; wall time, and peak RSS of any one of them before and after 2,000 pages."""
    started = time.monotonic()
    processes = [
        subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for command in commands
    ]
    counter = LineCounter([out / name for out in outs for name in ("articles.jsonl", "issues.jsonl", "errors.jsonl")])
    peak_early = peak = 0
    while any(process.poll() is None for process in processes):
        rss = max(rss_kib(process.pid) for process in processes)
        peak = max(peak, rss)
        if counter.count() <= RSS_CHECKPOINT_PAGES:
            peak_early = peak
        time.sleep(SAMPLE_SECONDS)
    wall = time.monotonic() - started
    for process in processes:
        if process.returncode != 0:
            raise RuntimeError(process.stderr.read().decode()[-3000:])
    return {"wall": wall, "rss_2000_mib": peak_early / 1024, "rss_end_mib": peak / 1024}


def responses(outs: list[Path]) -> int:
    total = 0
    for out in outs:
        for stats_file in [out / "stats.json", *out.glob("worker-*/stats.json")]:
            if stats_file.exists():
                total += sum(json.loads(stats_file.read_text())["responses_by_status"].values())
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--issues", type=int, default=500)
    parser.add_argument("--site", type=Path, help="an existing synthetic site (default: write one)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bionews-bench-"))
    site = args.site or work / "site"
    if not args.site:
        subprocess.run(
            [*CLI, "synth", str(site), "--articles", str(args.articles), "--issues", str(args.issues)], check=True
        )
    port, redis_port = free_port(), free_port()
    server = subprocess.Popen([*CLI, "serve", "--site", str(site), "--port", str(port)], stderr=subprocess.DEVNULL)
    redis = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        wait_for_port(redis_port)
        one = run_measured([crawl_command(site, port, work / "one")], [work / "one"])
        one_rate = responses([work / "one"]) / one["wall"]
        redis_url = f"redis://127.0.0.1:{redis_port}/0"
        two = run_measured([crawl_command(site, port, work / "two", "--redis", redis_url)] * 2, [work / "two"])
        two_rate = responses([work / "two"]) / two["wall"]
        run_measured([crawl_command(site, port, work / "warc", "--warc")], [work / "warc"])
        replay_seconds = {}
        for jobs in (1, 2):
            started = time.monotonic()
            replay([work / "warc" / "warc"], work / f"replay{jobs}", jobs=jobs)
            replay_seconds[jobs] = time.monotonic() - started
    finally:
        server.terminate()
        redis.terminate()
    columns = [
        "when (UTC)",
        "machine",
        "pages",
        "1 process pages/s",
        "2 processes (Redis) pages/s",
        "2 / 1",
        "peak RSS at 2,000 pages (MiB)",
        "peak RSS at end (MiB)",
        "end / 2,000",
        "replay 1 job (s)",
        "replay 2 jobs (s)",
        "1 / 2",
    ]
    row = [
        f"{datetime.now(UTC):%Y-%m-%d %H:%M}",
        platform.node(),
        str(responses([work / "one"])),
        f"{one_rate:.0f}",
        f"{two_rate:.0f}",
        f"{two_rate / one_rate:.2f}",
        f"{one['rss_2000_mib']:.0f}",
        f"{one['rss_end_mib']:.0f}",
        f"{one['rss_end_mib'] / one['rss_2000_mib']:.2f}",
        f"{replay_seconds[1]:.1f}",
        f"{replay_seconds[2]:.1f}",
        f"{replay_seconds[1] / replay_seconds[2]:.2f}",
    ]
    title = "Crawl at scale (bench/crawl_scale.py): synthetic archive over loopback, politeness off"
    print("| " + " | ".join(columns) + " |")
    print(append_row(title, columns, row))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
