"""`bionews export OUT --parquet DIR`: typed Parquet an analyst reads back with pandas and DuckDB."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bionews_scraper.archive.export import export_parquet
from bionews_scraper.archive.story_files import write_story_files
from bionews_scraper.parse.extract import extract
from bionews_scraper.records.jsonl import dumps_line

ROOT = Path(__file__).resolve().parents[2]
pandas = pytest.importorskip("pandas")


def _article(url: str, headline: str, issue: int | None, published: str | None, layout: str = "legacy") -> dict:
    return {
        "kind": "article",
        "url": url,
        "layout": layout,
        "headline": headline,
        "published": published,
        "authors": ["Dr A Lee", "B Khan"],
        "issue": issue,
        "body": f"{headline}. " * 4,
        "fetched_at": "2026-11-29T10:00:00Z",
    }


ARTICLES = [
    _article("http://www.bionews.org.uk/page_1.asp", "Stem cell trial opens", 617, "2011-07-25"),
    _article(
        "https://www.progress.org.uk/stem-cell-trial-opens/", "Stem cell trial opens", 617, "2011-08-22", "progress"
    ),
    _article("https://www.bionews.org.uk/page_2", "Donor anonymity reviewed", 985, "2019-02-04"),
    _article("https://www.bionews.org.uk/page_3", "Undated piece", None, "not a date"),
]


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / "articles.jsonl").write_text("".join(dumps_line(a) for a in ARTICLES), encoding="utf-8")
    issue = {"kind": "issue", "url": "http://www.bionews.org.uk/page_9.asp", "issue": 617, "published": "2011-07-25"}
    (out / "issues.jsonl").write_text(dumps_line({**issue, "articles": [{}, {}]}), encoding="utf-8")
    command = [sys.executable, "-m", "bionews_scraper.cli", "export", str(out), "--parquet", str(tmp_path / "pq")]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert finished.returncode == 0, finished.stderr
    return tmp_path / "pq"


def test_every_table_has_its_documented_types(exported: Path) -> None:
    schemas = {
        name: pq.read_schema(exported / f"{name}.parquet") for name in ("articles", "issues", "stories", "calendar")
    }
    assert schemas["articles"].field("published").type == pa.date32()
    assert schemas["articles"].field("issue").type == pa.int32()
    assert pa.types.is_list(schemas["articles"].field("authors").type)
    assert schemas["articles"].field("fetched_at").type == pa.timestamp("us", tz="UTC")
    assert (schemas["issues"].field("issue").type, schemas["issues"].field("entries").type) == (pa.int32(), pa.int32())
    assert schemas["stories"].field("issue_date").type == pa.date32()
    assert all(pa.types.is_list(schemas["stories"].field(name).type) for name in ("authors", "urls", "flags"))
    assert (schemas["calendar"].field("date").type, schemas["calendar"].field("issue").type) == (
        pa.date32(),
        pa.int32(),
    )


def test_pandas_reads_the_articles_back_with_dates_lists_and_story_ids(exported: Path) -> None:
    articles = pandas.read_parquet(exported / "articles.parquet").set_index("url")
    first = articles.loc["http://www.bionews.org.uk/page_1.asp"]
    assert first["published"] == datetime.date(2011, 7, 25) and first["issue"] == 617
    assert list(first["authors"]) == ["Dr A Lee", "B Khan"]
    assert first["story_id"] == articles.loc["https://www.progress.org.uk/stem-cell-trial-opens/"]["story_id"]
    assert pandas.isna(articles.loc["https://www.bionews.org.uk/page_3"]["published"])  # "not a date" -> NULL
    assert articles["story_id"].nunique() == 3


def test_duckdb_counts_articles_per_year_by_story_not_by_page(exported: Path) -> None:
    query = "SELECT year(published) AS year, count(*) AS stories FROM read_parquet(?) GROUP BY year ORDER BY year"
    with duckdb.connect() as con:
        by_story = con.execute(query, [str(exported / "stories.parquet")]).fetchall()
        calendar = con.execute(
            "SELECT count(*), min(issue), max(issue) FROM read_parquet(?)", [str(exported / "calendar.parquet")]
        ).fetchone()
    assert by_story == [(2011, 1), (2019, 1), (None, 1)]
    assert calendar == (986, 0, 985)


def test_export_of_a_missing_directory_fails_and_says_why(tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "bionews_scraper.cli",
        "export",
        str(tmp_path / "nowhere"),
        "--parquet",
        str(tmp_path / "pq"),
    ]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert finished.returncode == 2 and "not an output directory" in finished.stderr
    assert not (tmp_path / "pq").exists()


def test_a_page_holding_several_articles_gives_each_its_story_and_one_row(tmp_path: Path) -> None:
    case = ROOT / "fixtures" / "pages" / "legacy-article-email-issue-several-articles"
    url = json.loads((case / "meta.json").read_text(encoding="utf-8"))["url"]
    records = list(extract((case / "page.html").read_bytes(), url).records)
    out = tmp_path / "out"
    out.mkdir()
    for kind, name in (("article", "articles.jsonl"), ("issue", "issues.jsonl")):
        (out / name).write_text("".join(dumps_line(r) for r in records if r["kind"] == kind), encoding="utf-8")
    articles = [r for r in records if r["kind"] == "article"]
    assert len(articles) >= 2 and len({a["url"] for a in articles}) == 1
    write_story_files(out)
    stories = [json.loads(line) for line in (out / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(url for s in stories for url in s["urls"]) == sorted(a["canonical_url"] for a in articles)
    export_parquet(out, tmp_path / "pq")
    frame = pandas.read_parquet(tmp_path / "pq" / "articles.parquet")
    assert len(frame) == len(articles) and frame["story_id"].nunique() == len(articles)
