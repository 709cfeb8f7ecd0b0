"""``bionews export OUT --parquet DIR``: articles, issues, stories and calendar as typed Parquet, through DuckDB.

Types (the same in pandas, DuckDB, Arrow): dates are DATE, issue numbers INTEGER, counts
INTEGER, ``authors``, ``urls``, ``flags`` and ``warnings`` lists of VARCHAR, ``fetched_at``
TIMESTAMP WITH TIME ZONE, everything else VARCHAR. ``articles.parquet`` carries each record's
``story_id`` (from ``stories.jsonl``), so articles can be counted by story rather than by page.
A file cut by a crash loses only its cut line; a date that does not parse becomes NULL.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from bionews_scraper.archive.report import glob_literal
from bionews_scraper.archive.story_files import CALENDAR_FILE, STORIES_FILE, write_story_files
from bionews_scraper.records.outputs import OUTPUT_FILES

# name -> (JSONL file, columns as read, the typed SELECT written to Parquet)
TABLES: dict[str, tuple[str, dict[str, str], str]] = {
    "articles": (
        OUTPUT_FILES["article"],
        {
            "url": "VARCHAR",
            "canonical_url": "VARCHAR",
            "layout": "VARCHAR",
            "headline": "VARCHAR",
            "published": "VARCHAR",
            "authors": "VARCHAR[]",
            "byline": "VARCHAR",
            "issue": "BIGINT",
            "issue_url": "VARCHAR",
            "section": "VARCHAR",
            "body": "VARCHAR",
            "warnings": "VARCHAR[]",
            "fetched_at": "VARCHAR",
            "parser_version": "VARCHAR",
        },
        "SELECT a.url, s.story_id, a.canonical_url, a.layout, a.headline, TRY_CAST(a.published AS DATE) AS published, "
        "a.authors, a.byline, CAST(a.issue AS INTEGER) AS issue, a.issue_url, a.section, a.body, a.warnings, "
        "TRY_CAST(a.fetched_at AS TIMESTAMPTZ) AS fetched_at, a.parser_version "
        "FROM (SELECT *, CASE WHEN count(*) OVER (PARTITION BY url) > 1 AND canonical_url IS NOT NULL "
        "THEN canonical_url ELSE url END AS address FROM articles) a "  # as story_records.record_addresses
        "LEFT JOIN (SELECT story_id, unnest(urls) AS address FROM stories) s USING (address) ORDER BY a.url, a.address",
    ),
    "issues": (
        OUTPUT_FILES["issue"],
        {"url": "VARCHAR", "layout": "VARCHAR", "issue": "BIGINT", "published": "VARCHAR", "articles": "JSON[]"},
        "SELECT url, layout, CAST(issue AS INTEGER) AS issue, TRY_CAST(published AS DATE) AS published, "
        "CAST(coalesce(len(articles), 0) AS INTEGER) AS entries FROM issues ORDER BY issue, url",
    ),
    "stories": (
        STORIES_FILE,
        {
            "story_id": "VARCHAR",
            "headline": "VARCHAR",
            "issue": "BIGINT",
            "issue_date": "VARCHAR",
            "published": "VARCHAR",
            "authors": "VARCHAR[]",
            "section": "VARCHAR",
            "urls": "VARCHAR[]",
            "flags": "VARCHAR[]",
        },
        "SELECT story_id, headline, CAST(issue AS INTEGER) AS issue, TRY_CAST(issue_date AS DATE) AS issue_date, "
        "TRY_CAST(published AS DATE) AS published, authors, section, urls, flags FROM stories",
    ),
    "calendar": (
        CALENDAR_FILE,
        {"issue": "BIGINT", "date": "VARCHAR", "source": "VARCHAR", "pages": "BIGINT"},
        "SELECT CAST(issue AS INTEGER) AS issue, TRY_CAST(date AS DATE) AS date, source, "
        "CAST(pages AS INTEGER) AS pages FROM calendar ORDER BY issue",
    ),
}
LOAD_SQL = (
    "INSERT INTO {table} BY NAME SELECT * FROM read_json(?, format='newline_delimited', columns=?, ignore_errors=true)"
)


def export_parquet(output_dir: Path, target: Path) -> dict[str, int]:
    """Write ``target/{articles,issues,stories,calendar}.parquet`` from ``output_dir``; returns rows per file.

    ``calendar.jsonl`` and ``stories.jsonl`` are built first when missing. Each file is written
    beside its name and renamed over it. Raises FileNotFoundError if ``output_dir`` is not a
    directory, OSError or duckdb.Error if a file cannot be written.
    """
    if not output_dir.is_dir():
        raise FileNotFoundError(f"not an output directory: {output_dir}")
    if not (output_dir / STORIES_FILE).exists() or not (output_dir / CALENDAR_FILE).exists():
        write_story_files(output_dir)
    target.mkdir(parents=True, exist_ok=True)
    rows: dict[str, int] = {}
    with duckdb.connect() as con:
        for table, (name, columns, _) in TABLES.items():
            con.execute(f"CREATE TABLE {table} ({', '.join(f'{c} {t}' for c, t in columns.items())})")
            if (output_dir / name).is_file():
                con.execute(LOAD_SQL.format(table=table), [glob_literal(output_dir / name), columns])
        for table, (_, _, select) in TABLES.items():
            final, partial = target / f"{table}.parquet", target / f".{table}.parquet.partial"
            # COPY takes no parameters: the path is a quoted literal, its quotes doubled.
            written = con.execute(f"COPY ({select}) TO {_sql_string(partial)} (FORMAT parquet)").fetchone()
            os.replace(partial, final)
            rows[table] = int(written[0]) if written else 0  # COPY answers with the rows it wrote
    return rows


def _sql_string(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"
