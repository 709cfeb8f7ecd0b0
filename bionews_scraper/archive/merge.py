"""Join the JSONL shards of several workers (or runs) into one de-duplicated output.

Nothing is erased: the output directory's own records are an input like any other, and each
output file is written beside the old one and renamed over it only when whole, so ``merge OUT``
leaves OUT as it was and ``merge A B --out A`` keeps A's records and adds B's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bionews_scraper.records.identity import record_key, record_page_key, record_page_keys
from bionews_scraper.records.jsonl import replacing
from bionews_scraper.records.outputs import OUTPUT_FILES, JsonlAppender, read_records

WORKER_PREFIX = "worker-"


def shard_dirs(directories: list[Path]) -> list[Path]:
    """Each given directory, and the ``worker-*`` shards inside it, that hold output files; each once."""
    found: list[Path] = []
    for directory in directories:
        for candidate in (directory, *sorted(directory.glob(f"{WORKER_PREFIX}*"))):
            has_output = candidate.is_dir() and any((candidate / name).exists() for name in OUTPUT_FILES.values())
            if has_output and candidate.resolve() not in {shard.resolve() for shard in found}:
                found.append(candidate)
    return found


def merge(directories: list[Path], out: Path) -> Counter[str]:
    """Write ``out``'s articles, issues and errors from every shard and from ``out`` itself, each page once.

    A page keeps its first record (``out``'s own first); an error is dropped when a shard has
    a record for the same page (a worker died, another fetched the page again). Each file is
    replaced atomically. Returns counts; raises OSError when a file cannot be written (the old one stays).
    """
    shards = shard_dirs([out, *directories])
    recorded = {
        key
        for shard in shards
        for kind in ("article", "issue")
        for record in read_records(shard / OUTPUT_FILES[kind])
        for key in record_page_keys(record)
    }
    counts: Counter[str] = Counter(shards=len(shards))
    out.mkdir(parents=True, exist_ok=True)
    for kind, name in OUTPUT_FILES.items():
        records = (record for shard in shards for record in read_records(shard / name))
        _replace(out / name, _unique(records, kind, recorded, counts))
    return counts


def _unique(
    records: Iterable[dict[str, Any]], kind: str, recorded: set[str], counts: Counter[str]
) -> Iterator[dict[str, Any]]:
    seen: set[str] = set()
    for record in records:
        key = record_key(record)
        if key in seen or (kind == "error" and record_page_key(record) in recorded):
            counts["duplicates"] += 1
            continue
        seen.add(key)
        counts[kind] += 1
        yield record


def _replace(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """Write ``records`` beside ``path``, then rename the whole file over it."""
    with replacing(path) as temporary:
        writer = JsonlAppender(temporary)
        try:
            for record in records:
                writer.write(record)
        finally:
            writer.close()
