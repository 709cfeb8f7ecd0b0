"""``bionews wacz OUT``: the crawl's WARC files (``OUT/warc/``) packaged as one WACZ for web-archive players.

The ``wacz`` package (py-wacz, Webrecorder's reference tool) does the packaging: the WARCs
under ``archive/``, a CDXJ index under ``indexes/``, ``pages/pages.jsonl`` and
``datapackage.json`` with every file's hash; its own validator then checks the result before it
is renamed into place. The pages list is the crawl's own: every article and issue record, titled
by its headline (``BioNews N`` for an issue); with no records, the pages wacz detects.

WARC input is hostile: every file is first read through our own reader (``warc/read.py``:
bounded bodies, never raises); a file it reports as damaged is left out and named, and the
command then fails rather than package an archive with holes in silence. Symbolic links are
not followed out of ``OUT/warc/``.
"""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from wacz.main import main as wacz_main

from bionews_scraper.archive.warc.read import ArchiveProblem, index_requests, read_pages, warc_files
from bionews_scraper.records.jsonl import dumps_line
from bionews_scraper.records.outputs import OUTPUT_FILES, read_records

WARC_DIR = "warc"
PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "BioNews pages"}


class WaczError(Exception):
    """The WACZ could not be made or did not validate; the message says why."""


@dataclass(slots=True)
class WaczSummary:
    path: Path
    warcs: list[str] = field(default_factory=list)  # packaged
    damaged: list[str] = field(default_factory=list)  # "file: problem", left out


def package_wacz(output_dir: Path, target: Path) -> WaczSummary:
    """Package ``output_dir/warc/*.warc.gz`` into ``target`` (a ``.wacz``) and validate it.

    Returns what was packaged and what was left out as damaged. Raises FileNotFoundError when
    there is no WARC to package, WaczError when the wacz package fails or its validator
    refuses the result (``target`` is then left as it was).
    """
    folder = output_dir / WARC_DIR
    files = [path for path in warc_files([folder]) if not path.is_symlink()] if folder.is_dir() else []
    if not files:
        raise FileNotFoundError(f"no WARC files in {folder} (crawl with --warc)")
    summary = WaczSummary(target)
    index = index_requests(files)
    for path in files:
        problems = [str(event) for event in read_pages(path, index) if isinstance(event, ArchiveProblem)]
        (summary.damaged.extend(problems) if problems else summary.warcs.append(str(path)))
    if not summary.warcs:
        raise WaczError("every WARC file is damaged: " + "; ".join(summary.damaged))
    partial = target.with_name(f".{target.name}.partial")
    pages = target.with_name(f".{target.name}.pages.jsonl")
    try:
        listed = _write_pages(output_dir, pages)
        _run_wacz(
            ["create", "-o", str(partial), *(["-p", str(pages)] if listed else ["--detect-pages"]), *summary.warcs],
            "create",
        )
        _run_wacz(["validate", "-f", str(partial)], "validate")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
        pages.unlink(missing_ok=True)
    return summary


def _write_pages(output_dir: Path, path: Path) -> int:
    """The WACZ pages list (json-pages-1.0) of the crawl's article and issue records; returns pages listed."""
    seen: dict[str, str] = {}
    for kind in ("article", "issue"):
        for record in read_records(output_dir / OUTPUT_FILES[kind]):
            title = record.get("headline") or f"BioNews {record.get('issue')}"
            seen.setdefault(str(record["url"]), str(title))
    lines = [PAGES_HEADER, *({"url": url, "title": title} for url, title in seen.items())]
    path.write_text("".join(dumps_line(line) for line in lines), encoding="utf-8")
    return len(seen)


def _run_wacz(arguments: list[str], step: str) -> None:
    """The wacz command line, in this process, its chatter captured; raises WaczError on failure."""
    chatter = io.StringIO()
    try:
        with contextlib.redirect_stdout(chatter), contextlib.redirect_stderr(chatter):
            status = wacz_main(arguments)
    except Exception as error:
        raise WaczError(f"wacz {step} failed: {type(error).__name__}: {error}") from error
    except SystemExit as error:  # its argument parser exits
        raise WaczError(f"wacz {step} refused its arguments: {chatter.getvalue()[-500:]}") from error
    if status:
        raise WaczError(f"wacz {step} failed: {chatter.getvalue()[-1000:]}")
