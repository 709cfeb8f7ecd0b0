"""The ``bionews`` command: argument parsing, exit codes and printing only."""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Each command imports what it needs when it runs: `bionews parse` must not pay for Scrapy,
# DuckDB and warcio (bench/cli_startup.py measures it), and only demo, serve and synth may
# touch the sandbox (import-linter's contracts in pyproject.toml).
if TYPE_CHECKING:
    from bionews_scraper.crawl.run import CrawlOptions
    from bionews_scraper.sandbox.faults import FaultPlan


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

    crawl = commands.add_parser("crawl", help="crawl BioNews politely into JSON Lines")
    _add_crawl_options(crawl)
    crawl.add_argument(
        "--connect-to",
        metavar="127.0.0.1:PORT",
        help="send every request to this local server "
        "(e.g. `bionews serve`), keeping the real URLs, as curl's --connect-to does",
    )
    crawl.set_defaults(run=_run_crawl)

    demo = commands.add_parser("demo", help="serve a saved site on 127.0.0.1 and crawl it with the real spider")
    demo.add_argument("--site", type=Path, help="site tree SITE/<host>/<path> (default: the bundled fixtures/site)")
    _add_fault_options(demo)
    _add_crawl_options(demo)
    demo.set_defaults(run=_run_demo)

    serve = commands.add_parser("serve", help="serve a site tree over HTTP on 127.0.0.1")
    serve.add_argument("--site", type=Path, required=True)
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--verbose", action="store_true", help="log every request to stderr")
    _add_fault_options(serve)
    serve.set_defaults(run=_run_serve)

    synth = commands.add_parser("synth", help="write a synthetic BioNews site tree in all three layouts")
    synth.add_argument("dir", type=Path, metavar="DIR", help="the folder to write; must be missing or empty")
    synth.add_argument("--articles", type=int, default=10000, help="articles in all (default 10000)")
    synth.add_argument(
        "--issues", type=int, default=500, help="issues 1..N (default 500; at least 3, at most --articles)"
    )
    synth.add_argument("--seed", type=int, default=0, help="the same seed writes byte-identical files (default 0)")
    synth.add_argument(
        "--migrated",
        type=float,
        default=0.1,
        metavar="SHARE",
        help="share of legacy and bionews2018 stories that also get a migrated WordPress copy (default 0.1)",
    )
    synth.set_defaults(run=_run_synth)

    replay = commands.add_parser("replay", help="re-extract records from WARC files, with no network")
    replay.add_argument("files", nargs="+", type=Path, metavar="FILE", help="WARC files, or directories of them")
    replay.add_argument(
        "--out",
        type=Path,
        default=Path("output"),
        help="output directory (default: output); its records are replaced only when the replay read something",
    )
    replay.add_argument(
        "--jobs", type=int, default=1, help="parse in N worker processes (default 1); the output is the same"
    )
    replay.add_argument(
        "--diff",
        type=Path,
        metavar="OLD_OUT",
        help="then compare with an older output: per field, records changed and three examples each",
    )
    replay.set_defaults(run=_run_replay)

    merge = commands.add_parser("merge", help="join the worker shards of a shared crawl into one de-duplicated output")
    merge.add_argument(
        "dirs", nargs="+", type=Path, metavar="DIR", help="output directories (their worker-* shards are read too)"
    )
    merge.add_argument(
        "--out", type=Path, help="where to write (default: the first DIR); its own records are kept and merged too"
    )
    merge.set_defaults(run=_run_merge)

    stories = commands.add_parser(
        "stories", help="rebuild OUT/calendar.jsonl and OUT/stories.jsonl from the output's JSON Lines alone"
    )
    stories.add_argument("dir", type=Path, metavar="OUT", help="a crawl's output directory")
    stories.set_defaults(run=_run_stories)

    export = commands.add_parser("export", help="write articles, issues, stories and calendar as typed Parquet files")
    export.add_argument("dir", type=Path, metavar="OUT", help="a crawl's output directory")
    export.add_argument("--parquet", type=Path, required=True, metavar="DIR", help="where to write the .parquet files")
    export.set_defaults(run=_run_export)

    wacz = commands.add_parser("wacz", help="package the crawl's WARC files (OUT/warc/) as one validated WACZ")
    wacz.add_argument("dir", type=Path, metavar="OUT", help="a crawl's output directory, crawled with --warc")
    wacz.add_argument("--output", type=Path, metavar="FILE", help="the .wacz to write (default OUT/archive.wacz)")
    wacz.set_defaults(run=_run_wacz)

    report = commands.add_parser(
        "report", help="coverage of an output directory: missing issues, years, errors, authors"
    )
    report.add_argument("dir", type=Path, metavar="DIR", help="a crawl's output directory")
    report.add_argument(
        "--html", type=Path, metavar="FILE", help="also write the report as one self-contained HTML page"
    )
    report.add_argument("--top", type=int, default=10, metavar="N", help="authors to list (default 10)")
    report.set_defaults(run=_run_report)
    return parser


def _add_fault_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--faults",
        metavar="SPEC",
        help="the server misbehaves: e.g. 500=0.05,503=0.05,retry_after=0.5,slow=0.02,"
        "reset=0.02,truncate=0.02,loop=0.01,huge=0.005 (also slow_seconds=S, attempts=K, outage=N: N requests 503, after outage_after=K good ones)",
    )
    command.add_argument("--fault-seed", type=int, default=0, help="picks which paths the faults hit (default 0)")


def _fault_plan(args: argparse.Namespace) -> FaultPlan | None:
    """The --faults plan; raises ValueError naming the bad part of the spec."""
    from bionews_scraper.sandbox.faults import parse_faults

    return parse_faults(args.faults, seed=args.fault_seed) if args.faults else None


def _add_crawl_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--out", type=Path, default=Path("output"), help="output directory (default: output)")
    mode = command.add_mutually_exclusive_group()
    mode.add_argument("--issues", help="issue numbers N or N-M: those issue pages, then their articles")
    mode.add_argument("--url", action="append", default=[], dest="urls", help="an article or issue page (repeatable)")
    mode.add_argument("--urls-file", type=Path, help="a file of URLs, one per line")
    command.add_argument(
        "--jobdir", type=Path, help="keep crawl state here: a stopped or killed crawl resumes where it was"
    )
    command.add_argument(
        "--incremental", action="store_true", help="fetch only what is new or changed since the last run into --out"
    )
    command.add_argument(
        "--retry-errors",
        action="store_true",
        help="fetch again every page with an error record in --out (resumed and incremental runs "
        "retry only transient errors: 5xx, timeouts, resets)",
    )
    command.add_argument("--related-depth", type=int, help="related-story hops to follow (default 1)")
    command.add_argument(
        "--warc", action="store_true", help="also record every request and response as WARC in OUT/warc/"
    )
    command.add_argument(
        "--redis",
        metavar="redis://HOST:PORT/DB",
        help="share the crawl through Redis: every process given the same URL joins it",
    )
    command.add_argument(
        "-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="any Scrapy or BIONEWS_* setting"
    )
    command.add_argument(
        "-v", "--verbose", action="store_true", help="Scrapy's own log (INFO) too; without it only warnings and errors"
    )


def _crawl_options(args: argparse.Namespace, extra: dict[str, object] | None = None) -> CrawlOptions:
    """The crawl the options ask for, every option checked (crawl/checks.py); raises ValueError
    naming the first bad one."""
    from bionews_scraper.crawl.checks import check_options, check_setting_pair
    from bionews_scraper.crawl.run import CrawlOptions
    from bionews_scraper.crawl.spider import parse_issue_range

    if args.issues:
        parse_issue_range(args.issues)
    overrides: dict[str, object] = dict(extra or {})
    for pair in args.set:
        check_setting_pair(pair)
        name, _, value = pair.partition("=")
        overrides[name.strip()] = value
    if not args.verbose:
        overrides.setdefault("LOG_LEVEL", "WARNING")  # quiet: the progress line and the summary say enough
    options = CrawlOptions(
        output_dir=args.out,
        issues=args.issues,
        urls=tuple(args.urls),
        urls_file=args.urls_file,
        jobdir=args.jobdir,
        incremental=args.incremental,
        retry_errors=args.retry_errors,
        related_depth=args.related_depth,
        redis_url=args.redis,
        warc=args.warc,
        overrides=overrides,
    )
    check_options(options)
    return options


def _run_crawl(args: argparse.Namespace) -> int:
    from bionews_scraper.crawl.connect_to import loopback_settings
    from bionews_scraper.crawl.run import run_crawl

    try:
        options = _crawl_options(args, loopback_settings(args.connect_to) if args.connect_to else None)
    except ValueError as error:
        print(f"bionews crawl: {error}", file=sys.stderr)
        return 2
    stats = run_crawl(options)
    # A shared crawl's stories come with `bionews merge`; without -v, the summary line says enough.
    written = args.redis or _write_stories(args.out, quiet=not args.verbose)
    return _report_crawl("crawl", stats, written)


def _report_crawl(command: str, stats: Mapping[str, Any], stories_written: bool = True) -> int:
    """The crawl's summary line and a line for each problem; the exit status."""
    from bionews_scraper.crawl.run import crawl_problems, summary_line

    print(summary_line(stats), file=sys.stderr)
    problems = crawl_problems(stats)
    for problem in problems:
        print(f"bionews {command}: {problem}", file=sys.stderr)
    return 1 if problems or not stories_written else 0


def _run_demo(args: argparse.Namespace) -> int:
    from bionews_scraper.crawl.connect_to import loopback_settings
    from bionews_scraper.crawl.run import run_crawl
    from bionews_scraper.sandbox.serve import SiteServer
    from bionews_scraper.sandbox.sites import DEFAULT_SITE, start_points

    site = (args.site or DEFAULT_SITE).resolve()
    if not site.is_dir():
        print(f"bionews demo: site tree not found: {site}", file=sys.stderr)
        return 2
    try:
        faults = _fault_plan(args)
        _crawl_options(args)
    except ValueError as error:
        print(f"bionews demo: {error}", file=sys.stderr)
        return 2
    with SiteServer(site, faults=faults).start() as server:
        extra: dict[str, object] = dict(loopback_settings(f"127.0.0.1:{server.port}"))
        extra.update(start_points(site))
        print(f"serving {site} on {server.url}; crawling into {args.out}/", file=sys.stderr)
        stats = run_crawl(_crawl_options(args, extra))
    written = args.redis or _write_stories(args.out, quiet=not args.verbose)
    return _report_crawl("demo", stats, written)


def _run_merge(args: argparse.Namespace) -> int:
    from bionews_scraper.archive.merge import merge as merge_shards
    from bionews_scraper.archive.merge import shard_dirs

    missing = [str(directory) for directory in args.dirs if not directory.is_dir()]
    if missing:
        print(f"bionews merge: no such directory: {', '.join(missing)}", file=sys.stderr)
        return 2
    if not shard_dirs(args.dirs):
        print("bionews merge: nothing to merge: no articles, issues or errors file in any DIR", file=sys.stderr)
        return 1
    out = args.out or args.dirs[0]
    try:
        counts = merge_shards(args.dirs, out)
    except OSError as error:
        print(f"bionews merge: {error}; {out}'s earlier files are as they were", file=sys.stderr)
        return 1
    print(json.dumps(dict(counts)), file=sys.stderr)
    return 0 if _write_stories(out) else 1


def _run_export(args: argparse.Namespace) -> int:
    import duckdb

    from bionews_scraper.archive.export import export_parquet

    try:
        rows = export_parquet(args.dir, args.parquet)
    except (OSError, duckdb.Error) as error:
        print(f"bionews export: {error}", file=sys.stderr)
        return 2
    print(json.dumps({"parquet": str(args.parquet), "rows": rows}), file=sys.stderr)
    return 0


def _run_wacz(args: argparse.Namespace) -> int:
    from bionews_scraper.archive.wacz import WaczError, package_wacz

    try:
        summary = package_wacz(args.dir, args.output or args.dir / "archive.wacz")
    except (OSError, WaczError) as error:
        print(f"bionews wacz: {error}", file=sys.stderr)
        return 2
    print(json.dumps({"wacz": str(summary.path), "warcs": summary.warcs, "damaged": summary.damaged}), file=sys.stderr)
    return 1 if summary.damaged else 0  # a damaged WARC was left out: the archive is not whole


def _run_stories(args: argparse.Namespace) -> int:
    return 0 if _write_stories(args.dir) else 2


def _write_stories(out: Path, quiet: bool = False) -> bool:
    """Rebuild OUT/calendar.jsonl and OUT/stories.jsonl; False (and a message) if they could not be written.
    ``quiet``: no summary of them on stderr."""
    from bionews_scraper.archive.story_files import write_story_files

    try:
        summary = write_story_files(out)
    except OSError as error:
        print(f"bionews stories: {error}", file=sys.stderr)
        return False
    if not quiet:
        print(json.dumps({"stories": summary.to_dict()}), file=sys.stderr)
    return True


def _run_report(args: argparse.Namespace) -> int:
    import duckdb

    from bionews_scraper.archive.report import coverage, format_text, render_html
    from bionews_scraper.records.outputs import OUTPUT_FILES

    if args.dir.is_dir() and not any((args.dir / name).is_file() for name in OUTPUT_FILES.values()):
        print(f"bionews report: nothing to report: no articles, issues or errors file in {args.dir}", file=sys.stderr)
        return 1
    try:
        figures = coverage(args.dir, top=args.top)
        if args.html:
            args.html.write_text(render_html(figures), encoding="utf-8")
    except (OSError, ValueError, duckdb.Error) as error:
        print(f"bionews report: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(format_text(figures))
    return 0


def _run_serve(args: argparse.Namespace) -> int:
    from bionews_scraper.sandbox.serve import serve_forever

    try:
        faults = _fault_plan(args)
    except ValueError as error:
        print(f"bionews serve: --faults: {error}", file=sys.stderr)
        return 2
    if not args.site.is_dir():
        print(f"bionews serve: site tree not found: {args.site}", file=sys.stderr)
        return 2
    print(f"serving {args.site} on http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    try:
        serve_forever(args.site, args.host, args.port, log_requests=args.verbose, faults=faults)
    except KeyboardInterrupt:
        pass
    except OSError as error:  # the port is taken
        print(f"bionews serve: {error}", file=sys.stderr)
        return 2
    return 0


def _run_synth(args: argparse.Namespace) -> int:
    from bionews_scraper.sandbox.synth import write_site

    started = time.perf_counter()
    try:
        summary = write_site(
            args.dir, articles=args.articles, issues=args.issues, seed=args.seed, migrated=args.migrated
        )
    except (ValueError, FileExistsError) as error:
        print(f"bionews synth: {error}", file=sys.stderr)
        return 2
    print(
        f"wrote {summary.articles} articles (and {summary.migrated} migrated copies) and {summary.issues} issues ({summary.files} files, "
        f"{summary.bytes / 1e6:.1f} MB) to {summary.root} in {time.perf_counter() - started:.1f} s\n"
        f"serve it: bionews serve --site {summary.root}   crawl it: bionews demo --site {summary.root}",
        file=sys.stderr,
    )
    print(json.dumps(summary.by_layout))
    return 0


def _run_replay(args: argparse.Namespace) -> int:
    from bionews_scraper.archive.warc.replay import replay as replay_warc

    if args.diff and args.diff.resolve() == args.out.resolve():  # the replay would erase what it compares with
        print("bionews replay: --diff must name another directory than --out", file=sys.stderr)
        return 2
    summary = replay_warc(args.files, args.out, jobs=max(1, args.jobs))
    print(json.dumps(summary, indent=2), file=sys.stderr)
    if summary["output_error"]:
        print(f"bionews replay: {summary['output_error']}", file=sys.stderr)
    if not summary["replaced"]:
        print(f"bionews replay: nothing replayed; {args.out} is as it was", file=sys.stderr)
        return 1
    written = _write_stories(args.out)
    if args.diff and not _print_diff(args.diff, args.out):
        return 2
    return 1 if summary["file_errors"] or not written else 0


def _print_diff(old: Path, new: Path) -> bool:
    """Print the per-field diff and write it to NEW/diff.json; False (and a message) if OLD has no records."""
    from bionews_scraper.archive.diff import diff_outputs, format_diff
    from bionews_scraper.records.jsonl import write_pretty

    try:
        diff = diff_outputs(old, new)
        write_pretty(new / "diff.json", diff)
    except OSError as error:
        print(f"bionews replay --diff: {error}", file=sys.stderr)
        return False
    sys.stdout.write(format_diff(diff))
    return True


def _run_parse(args: argparse.Namespace) -> int:
    from bionews_scraper.records import jsonl

    failed = False
    for path in args.files:
        for record in _parse_file(path, args.url):
            if record["kind"] == "error":
                failed = True
                error = {"file": str(path), "url": record["url"], "error": record["error"], "reason": record["reason"]}
                sys.stderr.write(jsonl.dumps_line(error))
            else:
                sys.stdout.write(jsonl.dumps_line(record))
    return 1 if failed else 0


def _parse_file(path: Path, url: str | None) -> tuple[Mapping[str, Any], ...]:
    """Every record the saved page holds (an unreadable file gives one error record)."""
    from bionews_scraper.parse.extract import extract_or_report
    from bionews_scraper.records.types import error_record

    try:
        body = _read_page(path)
    except _RefusedFile as refusal:
        return (error_record(url or str(path), refusal.reason, refusal.message),)
    except OSError as error:
        return (error_record(url or str(path), "unreadable_file", error.strerror or str(error)),)
    return extract_or_report(body, url or str(path), url_from_page=url is None).records


class _RefusedFile(Exception):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason, self.message = reason, message


def _read_page(path: Path) -> bytes:
    """A saved page's bytes: a regular file no larger than the crawl's DOWNLOAD_MAXSIZE.

    Opened without blocking, so a FIFO is refused rather than waited on; /dev/zero and other
    devices are refused before a byte is read; a file that grows while read stops at the limit.
    Raises _RefusedFile or OSError."""
    from bionews_scraper.crawl.settings import DOWNLOAD_MAXSIZE

    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise _RefusedFile("not_a_file", "not a regular file (a directory, FIFO, socket or device)")
    with os.fdopen(descriptor, "rb") as handle:
        body = handle.read(DOWNLOAD_MAXSIZE + 1)
    if len(body) > DOWNLOAD_MAXSIZE:
        raise _RefusedFile("too_large", f"larger than the crawl's DOWNLOAD_MAXSIZE ({DOWNLOAD_MAXSIZE} bytes)")
    return body


if __name__ == "__main__":
    sys.exit(main())
