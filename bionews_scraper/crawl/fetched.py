"""What the spider hands to the pipelines: a record and the facts of its fetch."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class FetchedRecord:
    """A parser record (article, issue or error) with what only the fetch knows."""

    record: dict[str, Any]
    status: int | None  # HTTP status, None when no response came
    content_sha256: str | None  # of the response body bytes, None without a body
    referer: str | None  # the page that linked to this one
    fetched_at: str | None = None  # RFC 3339 UTC; None: stamped by the provenance pipeline
