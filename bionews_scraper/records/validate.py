"""Validation against the published record schema (schema/records.schema.json)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator

KINDS = ("article", "issue", "error")


@cache
def schema() -> dict[str, Any]:
    """The published schema, read and checked once."""
    text = files("bionews_scraper.records").joinpath("schema/records.schema.json").read_text(encoding="utf-8")
    loaded = json.loads(text)
    Draft202012Validator.check_schema(loaded)
    return loaded


@cache
def validator_for(kind: str) -> Draft202012Validator:
    """A validator for one record kind, built once: naming the kind's definition directly
    gives errors about its fields rather than a oneOf that failed three ways. Its local
    ``$ref``s are inlined first: resolving them on every record cost more than the rest
    of the validation (bench/crawl_scale.py)."""
    definitions = schema()["$defs"]
    return Draft202012Validator(_inline(definitions[kind], definitions))


def _inline(node: Any, definitions: dict[str, Any]) -> Any:
    """``node`` with every ``{"$ref": "#/$defs/..."}`` replaced by what it points to."""
    if isinstance(node, list):
        return [_inline(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    reference = node.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/$defs/"):
        target: Any = definitions
        for part in reference.removeprefix("#/$defs/").split("/"):
            target = target[part]
        return _inline(target, definitions)
    return {key: _inline(value, definitions) for key, value in node.items()}


def record_errors(record: Any) -> list[str]:
    """Every way ``record`` breaks the schema, as short sentences; empty when valid."""
    kind = record.get("kind") if isinstance(record, dict) else None
    if kind not in KINDS:
        return [f"kind {kind!r} is not article, issue or error"]
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<record>'}: {e.message}"
        for e in validator_for(kind).iter_errors(record)
    ]
