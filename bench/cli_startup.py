"""Start-up of ``bionews parse`` on one page: this tree against an older commit, in one run.

    .venv/bin/python -m bench.cli_startup [--baseline REF] [--rounds N]

The baseline commit is checked out into a temporary git worktree; each round runs
``bionews parse PAGE`` once from each tree, alternately, so the machine's noise hits both
alike (each in a fresh interpreter with the same virtualenv, its own tree first on
``sys.path``). Prints the median wall time of each and the ratio; appends a row to
bench/RESULTS.md. Also lists which heavy packages a ``bionews parse`` run imports.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.results import append_row

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "fixtures" / "pages" / "legacy-article-plain-cp1252" / "page.html"
# The commit before the package was split into parse/, records/, crawl/, archive/, sandbox/.
DEFAULT_BASELINE = "0979677"
HEAVY = ("scrapy", "twisted", "redis", "scrapy_redis", "duckdb", "warcio")
RUN = """
import sys
sys.path.insert(0, {tree!r})
from bionews_scraper.cli import main
code = main(["parse", "--url", "https://www.bionews.org.uk/page_1.asp", {page!r}])
heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r}))
print("heavy:", ",".join(heavy) or "-", file=sys.stderr)
"""


def run_once(tree: Path, page: Path) -> tuple[float, str]:
    """Seconds for one ``bionews parse PAGE`` in a fresh interpreter, and the heavy imports it made."""
    code = RUN.format(tree=str(tree), page=str(page), heavy=HEAVY)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    heavy = next(line for line in done.stderr.splitlines() if line.startswith("heavy:"))
    return seconds, heavy.removeprefix("heavy: ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git ref to compare with")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    page = PAGE
    with tempfile.TemporaryDirectory() as scratch:
        old_tree = Path(scratch) / "baseline"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old_tree), args.baseline],
            check=True,
            capture_output=True,
        )
        try:
            times: dict[str, list[float]] = {"old": [], "new": []}
            for _ in range(args.rounds):
                old_seconds, old_heavy = run_once(old_tree, page)
                new_seconds, new_heavy = run_once(ROOT, page)
                times["old"].append(old_seconds)
                times["new"].append(new_seconds)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old_tree)], check=False)
    old, new = statistics.median(times["old"]), statistics.median(times["new"])
    print(f"bionews parse, one page, median of {args.rounds} fresh interpreters:")
    print(f"  {args.baseline}: {old * 1000:.0f} ms (imports {old_heavy})")
    print(f"  this tree: {new * 1000:.0f} ms (imports {new_heavy})")
    print(f"  {args.baseline} / this tree = {old / new:.2f}")
    row = [
        datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        platform.node() or "?",
        args.baseline,
        str(args.rounds),
        f"{old * 1000:.0f}",
        f"{new * 1000:.0f}",
        f"{old / new:.2f}",
        new_heavy,
    ]
    columns = [
        "when (UTC)",
        "machine",
        "baseline",
        "rounds",
        "baseline (ms)",
        "this tree (ms)",
        "baseline / this",
        "heavy imports now",
    ]
    append_row("Start-up of `bionews parse` on one page (bench/cli_startup.py)", columns, row)


if __name__ == "__main__":
    main()
