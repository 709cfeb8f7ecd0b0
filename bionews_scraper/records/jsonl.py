"""JSON text as every output and fixture file writes it: UTF-8, non-ASCII kept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def dumps_line(record: Any) -> str:
    """One JSON Lines line (with its newline), keys in the record's own order."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_pretty(path: Path, data: Any) -> None:
    """A fixture file: 2-space indent, non-ASCII kept, final newline, so diffs stay clean."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
