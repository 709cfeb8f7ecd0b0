"""Validation against the published record schema (schema/records.schema.json)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator


@cache
def validator() -> Draft202012Validator:
    """The schema's validator, built once on first use."""
    schema = json.loads(files("bionews_scraper").joinpath("schema/records.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def record_errors(record: Any) -> list[str]:
    """Every way ``record`` breaks the schema, as short sentences; empty when valid."""
    kind = record.get("kind") if isinstance(record, dict) else None
    schema_def = {"article": "article", "issue": "issue", "error": "error"}.get(str(kind))
    if schema_def is None:
        return [f"kind {kind!r} is not article, issue or error"]
    sub = validator().evolve(schema={"$ref": f"#/$defs/{schema_def}", **_root()})
    return [f"{'/'.join(map(str, e.absolute_path)) or '<record>'}: {e.message}" for e in sub.iter_errors(record)]


@cache
def _root() -> dict[str, Any]:
    schema = dict(validator().schema)
    schema.pop("oneOf", None)
    return schema
