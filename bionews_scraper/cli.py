"""The ``bionews`` command: argument parsing, exit codes and printing only."""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from bionews_scraper import jsonl
from bionews_scraper.extract import extract, stated_url

log = logging.getLogger("bionews")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    return int(args.run(args) or 0)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bionews", description="Archive BioNews: parse pages, crawl, replay, report.")
    commands = parser.add_subparsers(title="commands")
    parse = commands.add_parser("parse", help="parse saved pages to JSON records on stdout")
    parse.add_argument("--url", help="the URL the page was served at (default: from the page, else the file path)")
    parse.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parse.set_defaults(run=_run_parse)
    return parser


def _run_parse(args: argparse.Namespace) -> int:
    failed = False
    for path in args.files:
        record, url = _parse_file(path, args.url)
        if record["kind"] == "error":
            failed = True
            error = {"file": str(path), "url": url, "error": record["error"], "reason": record["reason"]}
            sys.stderr.write(jsonl.dumps_line(error))
        else:
            sys.stdout.write(jsonl.dumps_line(record))
    return 1 if failed else 0


def _parse_file(path: Path, url: str | None) -> tuple[dict, str]:
    try:
        body = path.read_bytes()
    except OSError as error:
        fallback = url or str(path)
        return {"kind": "error", "url": fallback, "reason": "unreadable_file", "error": error.strerror or str(error)}, fallback
    page_url = url or stated_url(body) or str(path)
    try:
        return dict(extract(body, page_url).record), page_url
    except Exception:  # the outermost loop: a bug must not lose the other files
        log.error("internal error parsing %s\n%s", path, traceback.format_exc())
        return {"kind": "error", "url": page_url, "reason": "internal_error", "error": "the parser failed; see the log"}, page_url


if __name__ == "__main__":
    sys.exit(main())
