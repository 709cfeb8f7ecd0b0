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
    requested_url: str | None = None  # the address asked for, when a redirect led elsewhere
    attempts: int = 1  # downloads tried for this page, in this run and (for errors) earlier ones
