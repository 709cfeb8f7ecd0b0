"""Rewrite fixtures/pages/*/expected.json from the current parsers.

Run ``make fixtures`` to rewrite every case, then read ``git diff fixtures/`` before
committing: every change must be one you meant. Never regenerate to turn a red test green.

A page that failed in a crawl becomes a new case with
``python -m tests.regenerate_expected --new NAME --url URL --from PAGE.html --proves "..."``;
that writes the new case's folder only and leaves every other case as it is.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from bionews_scraper.records.jsonl import write_pretty
from tests.cases import PAGES, Case, all_cases


def main(argv: list[str] | None = None, pages: Path = PAGES) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--new", metavar="NAME", help="create a new case folder NAME and write only its files")
    parser.add_argument("--url", help="the URL the new page was served at")
    parser.add_argument("--from", dest="source", type=Path, help="the saved page for the new case")
    parser.add_argument("--layout", default="", help="the new page's layout")
    parser.add_argument("--proves", default="", help="one sentence: what the new case proves")
    args = parser.parse_args(argv)
    if args.new:
        if not (args.url and args.source):
            parser.error("--new needs --url and --from")
        if (pages / args.new).exists():
            parser.error(f"case {args.new} exists already; run without --new to rewrite every case")
        cases = [_new_case(pages / args.new, args.source, args.url, args.layout, args.proves)]
    else:
        cases = all_cases(pages)
    for case in cases:
        write_pretty(case.expected_path, case.parse())
        print(f"wrote {case.expected_path}")
    return 0


def _new_case(folder: Path, source: Path, url: str, layout: str, proves: str) -> Case:
    folder.mkdir(parents=True)
    shutil.copyfile(source, folder / "page.html")  # raw bytes, never re-encoded
    meta = {"url": url, "layout": layout, "kind": "refused", "proves": proves}
    write_pretty(folder / "meta.json", meta)
    meta["kind"] = Case(folder).parse().get("kind", "refused")
    write_pretty(folder / "meta.json", meta)
    return Case(folder)


if __name__ == "__main__":
    sys.exit(main())
