"""Layer 1: machine metadata (JSON-LD, Open Graph, <meta>, <time datetime>, canonical).

Read once per page into a ``Metadata`` value. Metadata is strong but can be stale or name
the publisher; the assembly compares it with the visible article and prefers the latter.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from bs4 import Tag

from bionews_scraper.parse.head import HeadTags
from bionews_scraper.parse.normalise import normalise_text, parse_date

ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "BlogPosting",
        "ReportageNewsArticle",
        "OpinionNewsArticle",
        "AnalysisNewsArticle",
        "ScholarlyArticle",
        "Report",
    }
)
PERSON_TYPES = frozenset({"Person"})
# Nested JSON-LD deeper than this is hostile or broken, not metadata.
JSON_LD_MAX_DEPTH = 12


@dataclass(slots=True)
class Metadata:
    title: str | None = None  # the <title> text
    canonical_url: str | None = None
    og_url: str | None = None
    og_title: str | None = None
    og_type: str | None = None
    published_time: str | None = None  # article:published_time
    ld_types: set[str] = field(default_factory=set)  # every @type seen in JSON-LD
    ld_headline: str | None = None
    ld_published: str | None = None
    ld_authors: list[str] = field(default_factory=list)  # Person names only
    ld_publisher_authors: list[str] = field(default_factory=list)  # Organization "authors"
    time_datetimes: list[str] = field(default_factory=list)

    @property
    def published(self) -> str | None:
        return self.ld_published or self.published_time

    @property
    def is_article(self) -> bool:
        return bool(self.ld_types & ARTICLE_TYPES) or (self.og_type or "").lower() == "article"


def reconcile_published(visible: str | None, meta: Metadata, warnings: list[str]) -> str | None:
    """The record's date, articles and issues alike: the visible date line (parsed) wins,
    metadata fills in when there is none; every fallback or disagreement leaves a warning."""
    stated = parse_date(meta.published)  # None for relative, bare-number or impossible day-first dates
    if visible:
        if stated and stated != visible:
            warnings.append(f"published_metadata_mismatch: metadata says {stated}; the visible date is used")
        return visible
    if stated:
        warnings.append("published_from_metadata: no visible date line; taken from metadata")
        return stated
    unread = (
        f"; the metadata date {meta.published[:60]!r} is not a date (relative, a bare number, or impossible read day first)"
        if meta.published
        else ""
    )
    warnings.append(f"published_missing: no publication date found{unread}")
    return None


def read_metadata(head: HeadTags) -> Metadata:
    """Everything machine-readable about the page; missing parts stay ``None``."""
    meta = Metadata(title=head.title, canonical_url=head.canonical, time_datetimes=list(head.time_datetimes))
    for tag in head.metas:
        _read_meta_tag(meta, tag)
    nodes = [node for text in head.json_ld for node in _json_ld_nodes(text)]
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    for node in nodes:
        _read_json_ld_node(meta, node, by_id)
    return meta


def _read_meta_tag(meta: Metadata, tag: Tag) -> None:
    key = str(tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
    value = normalise_text(str(tag["content"]))
    if not value:
        return
    if key == "og:url":
        meta.og_url = value
    elif key == "og:title":
        meta.og_title = value
    elif key == "og:type":
        meta.og_type = value
    elif key in ("article:published_time", "datepublished", "date", "dc.date.issued") and not meta.published_time:
        meta.published_time = value


def _json_ld_nodes(text: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return []
    nodes: list[dict[str, Any]] = []
    _collect_nodes(data, nodes, depth=0)
    return nodes


def _collect_nodes(data: Any, nodes: list[dict[str, Any]], depth: int) -> None:
    if depth > JSON_LD_MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            _collect_nodes(item, nodes, depth + 1)
    elif isinstance(data, dict):
        nodes.append(data)
        if "@graph" in data:
            _collect_nodes(data["@graph"], nodes, depth + 1)


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v) for v in values if isinstance(v, str)}


def _read_json_ld_node(meta: Metadata, node: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> None:
    types = _types(node)
    meta.ld_types |= types
    if not types & ARTICLE_TYPES or meta.ld_headline:
        return
    headline = node.get("headline") or node.get("name")
    if isinstance(headline, str) and headline.strip():
        meta.ld_headline = normalise_text(headline)
    published = node.get("datePublished")
    if isinstance(published, str) and published.strip():
        meta.ld_published = published.strip()
    authors = node.get("author")
    for author in authors if isinstance(authors, list) else [authors]:
        if isinstance(author, dict) and "name" not in author and author.get("@id") in by_id:
            name, is_person = _author_name(by_id[author["@id"]])  # Yoast points at a Person node elsewhere in @graph
        else:
            name, is_person = _author_name(author)
        if name:
            (meta.ld_authors if is_person else meta.ld_publisher_authors).append(name)


def _author_name(author: Any) -> tuple[str | None, bool]:
    if isinstance(author, str):
        return normalise_text(author) or None, True
    if isinstance(author, dict):
        name = author.get("name")
        is_person = not (_types(author) - PERSON_TYPES) if _types(author) else True
        return (normalise_text(name) or None, is_person) if isinstance(name, str) else (None, False)
    return None, False
