"""Do two output directories hold the same records, byte for byte, apart from ``fetched_at``?

    python scripts/compare_outputs.py OLD_DIR NEW_DIR

Lines are compared as written (key order and spelling included), each with its
``fetched_at`` value blanked, as a sorted multiset per file (a crawl's order depends on
timing). Exits 1 and names the first differences when they differ.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

FILES = ("articles.jsonl", "issues.jsonl", "errors.jsonl")
FETCHED_AT_RE = re.compile(r'"fetched_at": ?"[^"]*"')


def lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return sorted(FETCHED_AT_RE.sub('"fetched_at":""', line) for line in text.splitlines())


def main(old: Path, new: Path) -> int:
    differ = False
    for name in FILES:
        before, after = lines(old / name), lines(new / name)
        same = before == after
        differ |= not same
        print(f"{name}: {len(before)} vs {len(after)} lines, {'same' if same else 'DIFFERENT'}")
        if not same:
            for line in sorted(set(before) ^ set(after))[:3]:
                print(f"  {'-' if line in before else '+'} {line[:200]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
