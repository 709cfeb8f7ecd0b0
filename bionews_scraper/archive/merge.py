"""Join the JSONL shards of several workers (or runs) into one de-duplicated output."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bionews_scraper.records.identity import record_key, record_page_key, record_page_keys
from bionews_scraper.records.outputs import OUTPUT_FILES, JsonlAppender, read_records

WORKER_PREFIX = "worker-"


def shard_dirs(directories: list[Path]) -> list[Path]:
    """Each given directory, and the ``worker-*`` shards inside it, that hold output files."""
    found: list[Path] = []
    for directory in directories:
        for candidate in (directory, *sorted(directory.glob(f"{WORKER_PREFIX}*"))):
            if candidate.is_dir() and any((candidate / name).exists() for name in OUTPUT_FILES.values()):
                found.append(candidate)
    return found


def merge(directories: list[Path], out: Path) -> Counter[str]:
    """Write ``out``'s articles, issues and errors from every shard, each page once.

    A page keeps its first record; an error is dropped when another shard has a record
    for the same page (a worker died, another fetched the page again). Returns counts.
    """
    shards = [shard for shard in shard_dirs(directories) if shard.resolve() != out.resolve()]
    recorded = {
        key
        for shard in shards
        for kind in ("article", "issue")
        for record in read_records(shard / OUTPUT_FILES[kind])
        for key in record_page_keys(record)
    }
    counts: Counter[str] = Counter()
    out.mkdir(parents=True, exist_ok=True)
    for kind, name in OUTPUT_FILES.items():
        (out / name).unlink(missing_ok=True)
        writer, seen = JsonlAppender(out / name), set()
        for shard in shards:
            for record in read_records(shard / name):
                key = record_key(record)
                if key in seen or (kind == "error" and record_page_key(record) in recorded):
                    counts["duplicates"] += 1
                    continue
                seen.add(key)
                writer.write(record)
                counts[kind] += 1
        writer.close()
    return counts
