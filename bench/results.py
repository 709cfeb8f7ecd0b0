"""bench/RESULTS.md: one markdown table per benchmark, each run appended as a row."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def append_row(title: str, columns: list[str], row: list[str]) -> str:
    """Add ``row`` at the end of the table under ``## title`` (made if missing); returns the line."""
    line = "| " + " | ".join(row) + " |"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n"
    lines = text.rstrip("\n").split("\n")
    heading = f"## {title}"
    if heading not in lines:
        lines += ["", heading, "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        end = len(lines)
    else:
        end = lines.index(heading) + 1
        while end < len(lines) and not lines[end].startswith("## "):
            end += 1
        while lines[end - 1] == "":
            end -= 1
    lines.insert(end, line)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return line
