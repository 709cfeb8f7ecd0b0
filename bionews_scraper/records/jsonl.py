"""JSON text as every output and fixture file writes it: UTF-8, non-ASCII kept."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def dumps_line(record: Any) -> str:
    """One JSON Lines line (with its newline), keys in the record's own order."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_pretty(path: Path, data: Any) -> None:
    """A fixture or stats file: 2-space indent, non-ASCII kept, final newline, so diffs stay clean.

    Written atomically: readers see the old file or the new one, never half of one (a full
    disk leaves the old file and raises OSError)."""
    write_atomically(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename; on any failure the old file stays. Raises OSError."""
    with replacing(path) as temporary, temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A new, empty file beside ``path`` to write; renamed over ``path`` when the block ends
    without error, removed when it raises (the old ``path`` then stays as it was)."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        temporary.chmod(0o644)  # as a plain write would create it, not mkstemp's 0o600
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
