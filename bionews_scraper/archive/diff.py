"""What a new parser does to an old crawl: per field, how many records changed, with examples.

``bionews replay WARC... --out NEW --diff OLD`` re-extracts the captures, then compares NEW's
records with OLD's page by page (the page key of each record's URL, so a page that was an error
and is now an article counts as a change of ``kind``; the articles of a page holding several,
an e-mail issue, by their canonical URLs). Provenance that every run changes
(``fetched_at``, ``status``, ``content_sha256``, ``referer``) is not compared; ``parser_version`` is.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bionews_scraper.archive.story_records import record_addresses
from bionews_scraper.records.identity import page_key
from bionews_scraper.records.outputs import OUTPUT_FILES, read_records

NOT_COMPARED = frozenset({"fetched_at", "status", "content_sha256", "referer"})
EXAMPLES = 3
EXAMPLE_CHARS = 300  # long values (bodies) are cut in examples, never in the comparison


def diff_outputs(old_dir: Path, new_dir: Path, examples: int = EXAMPLES) -> dict[str, Any]:
    """The per-field differences between two output directories' records.

    Returns ``{"compared", "only_old": {"count", "examples"}, "only_new": {...}, "fields":
    {field: {"changed", "examples": [{"url", "old", "new"}]}}}``, fields most changed first.
    Raises FileNotFoundError if ``old_dir`` holds no output files.
    """
    if not any((old_dir / name).exists() for name in OUTPUT_FILES.values()):
        raise FileNotFoundError(f"no records to compare with in {old_dir}")
    old, new = _by_page(old_dir), _by_page(new_dir)
    fields: dict[str, dict[str, Any]] = {}
    shared = sorted(old.keys() & new.keys())
    for key in shared:
        before, after = old[key], new[key]
        for name in sorted((before.keys() | after.keys()) - NOT_COMPARED):
            if before.get(name) != after.get(name):
                entry = fields.setdefault(name, {"changed": 0, "examples": []})
                entry["changed"] += 1
                if len(entry["examples"]) < examples:
                    entry["examples"].append(
                        {"url": after["url"], "old": _cut(before.get(name)), "new": _cut(after.get(name))}
                    )
    return {
        "compared": len(shared),
        "only_old": _only(old, new, examples),
        "only_new": _only(new, old, examples),
        "fields": dict(sorted(fields.items(), key=lambda item: (-item[1]["changed"], item[0]))),
    }


def _by_page(directory: Path) -> dict[str, dict[str, Any]]:
    """Records by page; the articles of a page that holds several are told apart by their canonical URLs."""
    records = [record for record in _records(directory) if record.get("url")]
    return {page_key(address): record for address, record in zip(record_addresses(records), records, strict=True)}


def _records(directory: Path) -> Iterator[dict[str, Any]]:
    for name in OUTPUT_FILES.values():
        yield from read_records(directory / name)


def _only(these: dict[str, dict[str, Any]], others: dict[str, dict[str, Any]], examples: int) -> dict[str, Any]:
    keys = sorted(these.keys() - others.keys())
    return {"count": len(keys), "examples": [these[key]["url"] for key in keys[:examples]]}


def _cut(value: Any) -> Any:
    if isinstance(value, str) and len(value) > EXAMPLE_CHARS:
        return value[:EXAMPLE_CHARS] + "…"
    return value


def format_diff(diff: dict[str, Any]) -> str:
    """The diff as terminal text: one block per changed field with its examples."""
    lines = [
        f"compared {diff['compared']} pages; only in the old output {diff['only_old']['count']}, "
        f"only in the new {diff['only_new']['count']}"
    ]
    for side in ("only_old", "only_new"):
        lines += [f"  {side}: {url}" for url in diff[side]["examples"]]
    for name, entry in diff["fields"].items():
        lines.append(f"{name}: {entry['changed']} records changed")
        for example in entry["examples"]:
            lines.append(
                f"  {example['url']}\n    old: {_printable(example['old'])}\n    new: {_printable(example['new'])}"
            )
    if not diff["fields"]:
        lines.append("no field changed")
    return "\n".join(lines) + "\n"


def _printable(value: Any) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in repr(value))
