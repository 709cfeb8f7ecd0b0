"""Coverage of an output directory: what an archivist checks after a crawl.

Every figure is a DuckDB query over ``articles.jsonl``, ``issues.jsonl`` and ``errors.jsonl``;
Python only lays the figures out, as plain text (``format_text``) or one self-contained,
script-free HTML page (``render_html``). Every string that came from a crawled page is
escaped on the way out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from bionews_scraper.archive.html_parts import escape as _e
from bionews_scraper.archive.html_parts import link as _link
from bionews_scraper.archive.html_parts import table as _table
from bionews_scraper.archive.report_sections import (
    ArchiveSections,
    archive_sections,
    format_sections_text,
    sections_html,
)
from bionews_scraper.records.outputs import OUTPUT_FILES

# The columns the report reads, typed so that empty files and nulls load; other keys are ignored.
TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "articles": (
        "article",
        {"url": "VARCHAR", "headline": "VARCHAR", "published": "VARCHAR", "authors": "VARCHAR[]", "issue": "BIGINT"},
    ),
    "issues": ("issue", {"url": "VARCHAR", "issue": "BIGINT", "published": "VARCHAR"}),
    "errors": ("error", {"url": "VARCHAR", "reason": "VARCHAR"}),
}
# ignore_errors: a line cut by a crash loads as all nulls, and every record has a url.
LOAD_SQL = (
    "INSERT INTO {table} BY NAME SELECT * FROM read_json(?, format='newline_delimited', "
    "columns=?, ignore_errors=true) WHERE url IS NOT NULL"
)
SEEN_SQL = (
    "CREATE VIEW seen AS SELECT issue FROM issues WHERE issue IS NOT NULL "
    "UNION SELECT issue FROM articles WHERE issue IS NOT NULL"
)
TOTALS_SQL = """
    SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM issues), (SELECT count(*) FROM errors),
           (SELECT count(*) FROM seen), (SELECT count(DISTINCT name) FROM (SELECT unnest(authors) AS name FROM articles)),
           (SELECT min(issue) FROM seen), (SELECT max(issue) FROM seen)
"""
MISSING_SQL = (
    "SELECT unnest(generate_series(min(issue), max(issue))) AS n FROM seen EXCEPT SELECT issue FROM seen ORDER BY n"
)
# Every year from the first to the last, those without articles as 0, then "unknown" (no date).
PER_YEAR_SQL = """
    WITH counted AS (SELECT year(TRY_CAST(published AS DATE)) AS y, count(*) AS n FROM articles GROUP BY y),
         years AS (SELECT unnest(generate_series(min(y), max(y))) AS y FROM counted WHERE y IS NOT NULL)
    SELECT coalesce(CAST(y AS VARCHAR), 'unknown'), n FROM
      (SELECT y, coalesce(n, 0) AS n FROM years LEFT JOIN counted USING (y)
       UNION ALL SELECT y, n FROM counted WHERE y IS NULL)
    ORDER BY y NULLS LAST
"""
ERRORS_SQL = "SELECT coalesce(reason, 'unknown') AS r, count(*) AS n FROM errors GROUP BY r ORDER BY n DESC, r"
AUTHORS_SQL = """
    SELECT name, count(*) AS n FROM (SELECT unnest(authors) AS name FROM articles)
    GROUP BY name ORDER BY n DESC, name LIMIT ?
"""
RECENT_SQL = """
    SELECT coalesce(headline, ''), url, published, issue FROM articles
    ORDER BY TRY_CAST(published AS DATE) DESC NULLS LAST, issue DESC NULLS LAST, headline, url LIMIT ?
"""
GLOB_CHARS_RE = re.compile(r"([*?\[])")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
BAR_WIDTH = 30  # characters of the longest text bar
STYLE = """body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}
h1{font-size:1.6em;margin-bottom:0}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.6em}
.source{color:#666;margin-top:.2em}table{border-collapse:collapse}td,th{padding:.2em .8em .2em 0;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}svg text{font:13px system-ui,sans-serif}
.bar{fill:#3a6ea5}.muted{color:#666}li{margin:.2em 0}"""


@dataclass(frozen=True)
class ArticleLine:
    """One article in the report's list: as the page gave it, unescaped."""

    headline: str
    url: str
    published: str | None  # "YYYY-MM-DD"
    issue: int | None


@dataclass(frozen=True)
class Coverage:
    """The figures of one output directory; counts are records, issue numbers are distinct."""

    output_dir: Path
    articles: int
    issues: int
    errors: int
    issue_numbers: int  # distinct issue numbers seen in issues.jsonl or in articles' "issue"
    authors: int  # distinct author names
    first_issue: int | None  # None: no issue number anywhere
    last_issue: int | None
    missing_issues: tuple[int, ...]  # numbers in first..last seen nowhere
    articles_per_year: tuple[tuple[str, int], ...]  # ("2013", 6), ...; "unknown" (no date) last
    errors_by_reason: tuple[tuple[str, int], ...]  # most frequent first
    top_authors: tuple[tuple[str, int], ...]  # (name, articles), most first, then by name
    recent_articles: tuple[ArticleLine, ...]  # newest first, undated last
    archive: ArchiveSections  # calendar gaps, failed URLs, the crawl's figures, stories


def coverage(output_dir: Path, top: int = 10, recent: int = 50) -> Coverage:
    """The coverage figures of ``output_dir``, computed by DuckDB over its JSON Lines files.

    ``top`` authors and the ``recent`` newest articles are listed. A missing or empty file
    counts as no records; a line cut by a crash is skipped. Raises FileNotFoundError if
    ``output_dir`` is not a directory, ValueError if ``top`` or ``recent`` is negative.
    """
    if top < 0 or recent < 0:
        raise ValueError(f"top and recent must be 0 or more, not {top} and {recent}")
    if not output_dir.is_dir():
        raise FileNotFoundError(f"not an output directory: {output_dir}")
    with duckdb.connect() as con:
        _load(con, output_dir.resolve())
        totals = con.execute(TOTALS_SQL).fetchone()
        if totals is None:  # an aggregate query always gives one row
            raise RuntimeError("the totals query returned no row")
        articles, issues, errors, issue_numbers, authors, first, last = totals
        return Coverage(
            output_dir,
            articles=articles,
            issues=issues,
            errors=errors,
            issue_numbers=issue_numbers,
            authors=authors,
            first_issue=first,
            last_issue=last,
            missing_issues=tuple(n for (n,) in con.execute(MISSING_SQL).fetchall()),
            articles_per_year=_pairs(con, PER_YEAR_SQL),
            errors_by_reason=_pairs(con, ERRORS_SQL),
            top_authors=_pairs(con, AUTHORS_SQL, [top]),
            recent_articles=tuple(ArticleLine(*row) for row in con.execute(RECENT_SQL, [recent]).fetchall()),
            archive=archive_sections(output_dir),
        )


def _load(con: duckdb.DuckDBPyConnection, output_dir: Path) -> None:
    for table, (kind, columns) in TABLES.items():
        # Table and column names are the constants above; only the path is data, and it is a parameter.
        con.execute(f"CREATE TABLE {table} ({', '.join(f'{name} {kind_}' for name, kind_ in columns.items())})")
        path = output_dir / OUTPUT_FILES[kind]
        if path.is_file():
            con.execute(LOAD_SQL.format(table=table), [glob_literal(path), columns])
    con.execute(SEEN_SQL)


def glob_literal(path: Path) -> str:
    """``path`` with DuckDB's glob characters bracketed, so ``out[1]`` never reads ``out1``."""
    return GLOB_CHARS_RE.sub(r"[\1]", str(path))


def _pairs(
    con: duckdb.DuckDBPyConnection, sql: str, parameters: list[int] | None = None
) -> tuple[tuple[str, int], ...]:
    return tuple((str(label), int(count)) for label, count in con.execute(sql, parameters or []).fetchall())


def format_ranges(numbers: tuple[int, ...] | list[int]) -> str:
    """Sorted numbers as runs: (705, 706, 707, 708, 709, 712) -> "705-709, 712"; () -> ""."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(str(first) if first == last else f"{first}-{last}" for first, last in runs)


def format_text(report: Coverage) -> str:
    """The report as plain text for a terminal: totals, issues, years, errors, authors."""
    lines = [f"BioNews archive report: {_printable(str(report.output_dir))}", "", "Totals"]
    lines += [f"  {label:<15} {value:>6}" for label, value in _totals(report)]
    lines += ["", "Issues", f"  covered range   {_range_text(report)}"]
    lines.append(f"  missing         {_missing_text(report)}")
    lines += ["", "Articles per year", *_bars(report.articles_per_year)]
    lines += ["", "Errors by reason", *_rows(report.errors_by_reason)]
    lines += ["", "Top authors", *_rows(report.top_authors)]
    lines += format_sections_text(report.archive, format_ranges)
    return "\n".join(lines) + "\n"


def _totals(report: Coverage) -> list[tuple[str, int]]:
    return [
        ("articles", report.articles),
        ("issues", report.issues),
        ("errors", report.errors),
        ("issue numbers", report.issue_numbers),
        ("authors", report.authors),
    ]


def _range_text(report: Coverage) -> str:
    if report.first_issue is None or report.last_issue is None:
        return "none (no issue numbers)"
    span = report.last_issue - report.first_issue + 1
    return f"{report.first_issue}-{report.last_issue} ({span} numbers, {report.issue_numbers} seen)"


def _missing_text(report: Coverage) -> str:
    count = len(report.missing_issues)
    return f"{count}: {format_ranges(report.missing_issues)}" if count else "none"


def _bars(counts: tuple[tuple[str, int], ...]) -> list[str]:
    most = max((count for _, count in counts), default=0)
    return [
        f"  {label:<8} {count:>5} {'#' * max(1, round(BAR_WIDTH * count / most)) if count else '(no articles)'}"
        for label, count in counts
    ] or ["  none"]


def _rows(counts: tuple[tuple[str, int], ...]) -> list[str]:
    return [f"  {count:>5}  {_printable(label)}" for label, count in counts] or ["  none"]


def _printable(text: str) -> str:
    """Page text made safe for a terminal: control characters (escape sequences) become "?"."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def render_html(report: Coverage) -> str:
    """The report as one self-contained HTML page: inline CSS and SVG, no script, no external resource."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>BioNews archive report</title><style>{STYLE}</style></head><body>",
            f'<h1>BioNews archive report</h1><p class="source">{_e(str(report.output_dir))}</p>',
            "<h2>Totals</h2>",
            _table(_totals(report)),
            "<h2>Issues</h2>",
            _issues_html(report),
            "<h2>Articles per year</h2>",
            _chart_svg(report.articles_per_year),
            "<h2>Errors by reason</h2>",
            _table(report.errors_by_reason),
            "<h2>Top authors</h2>",
            _table(report.top_authors),
            *sections_html(report.archive, format_ranges),
            f"<h2>Most recent articles ({len(report.recent_articles)})</h2>",
            _articles_html(report.recent_articles),
            "</body></html>",
            "",
        ]
    )


def _issues_html(report: Coverage) -> str:
    return f"<p>Covered range: {_e(_range_text(report))}</p><p>Missing issues: {_e(_missing_text(report))}</p>"


def _chart_svg(counts: tuple[tuple[str, int], ...]) -> str:
    """A horizontal bar per year, drawn in inline SVG."""
    if not counts:
        return '<p class="muted">none</p>'
    most, row, label_width, bar_width = max(count for _, count in counts), 26, 80, 560
    bars = []
    for index, (label, count) in enumerate(counts):
        y, width = index * row, max(2, round(bar_width * count / most)) if most else 0
        if not count:  # a year with no articles is shown as such, not left out
            bars.append(
                f'<text x="0" y="{y + 17}">{_e(label)}</text><text x="{label_width}" y="{y + 17}">0 (no articles)</text>'
            )
            continue
        bars.append(
            f'<text x="0" y="{y + 17}">{_e(label)}</text>'
            f'<rect class="bar" x="{label_width}" y="{y + 4}" width="{width}" height="{row - 8}"/>'
            f'<text x="{label_width + width + 6}" y="{y + 17}">{count}</text>'
        )
    size = f'width="{label_width + bar_width + 60}" height="{row * len(counts)}"'
    return f'<svg xmlns="http://www.w3.org/2000/svg" {size} role="img" aria-label="Articles per year">{"".join(bars)}</svg>'


def _articles_html(articles: tuple[ArticleLine, ...]) -> str:
    if not articles:
        return '<p class="muted">none</p>'
    items = []
    for article in articles:
        facts = ", ".join(_e(fact) for fact in (article.published or "undated", _issue_label(article.issue)) if fact)
        items.append(
            f'<li>{_link(article.url, article.headline or article.url)} <span class="muted">({facts})</span></li>'
        )
    return f"<ol>{''.join(items)}</ol>"


def _issue_label(issue: int | None) -> str:
    return f"issue {issue}" if issue is not None else ""
