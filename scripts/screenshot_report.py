"""Render the HTML report of an output directory and screenshot it with headless Chromium.

    .venv/bin/python scripts/screenshot_report.py OUTPUT_DIR [--html FILE] [--png FILE]

Writes the page (default OUTPUT_DIR/report.html) and the screenshot (default
OUTPUT_DIR/report.png). Chromium runs with a throw-away profile and every background
service off; the page itself loads nothing (its Content-Security-Policy forbids it).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bionews_scraper.archive.report import coverage, render_html

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
WINDOW_SIZE = "1200,1600"


def chromium_command(chromium: str, page: Path, png: Path, profile: Path) -> list[str]:
    """The Chromium command line that screenshots ``page`` into ``png``."""
    return [
        chromium,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={profile}",
        f"--screenshot={png}",
        f"--window-size={WINDOW_SIZE}",
        page.resolve().as_uri(),
    ]


def screenshot(page: Path, png: Path, chromium: str = CHROMIUM, timeout: float = 120) -> None:
    """Screenshot ``page`` into ``png``; raises RuntimeError if Chromium wrote no image."""
    png.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="bionews-chromium-") as profile:
        finished = subprocess.run(
            chromium_command(chromium, page, png.resolve(), Path(profile)),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    if not png.is_file() or png.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no screenshot (exit {finished.returncode}): {finished.stderr[-2000:]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render a crawl's HTML report and screenshot it.")
    parser.add_argument("output_dir", type=Path, metavar="OUTPUT_DIR")
    parser.add_argument("--html", type=Path, help="where to write the page (default OUTPUT_DIR/report.html)")
    parser.add_argument("--png", type=Path, help="where to write the screenshot (default OUTPUT_DIR/report.png)")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"the Chromium binary (default {CHROMIUM})")
    args = parser.parse_args(argv)
    page = args.html or args.output_dir / "report.html"
    png = args.png or args.output_dir / "report.png"
    try:
        page.write_text(render_html(coverage(args.output_dir)), encoding="utf-8")
        screenshot(page, png, args.chromium)
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as error:
        print(f"screenshot_report: {error}", file=sys.stderr)
        return 1
    print(f"{page}\n{png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
