"""Validation against the published record schema (schema/records.schema.json)."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator

KINDS = ("article", "issue", "error")
# What Python's ``\\s`` matches (str.isspace); jsonschema-rs reads patterns as ECMA-262, whose
# ``\\s`` lacks \x1c-\x1f and \x85 (and adds \ufeff), so its patterns spell Python's out.
PYTHON_SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
PATTERN_TOKEN_RE = re.compile(r"\\.|.", re.S)  # one escape (``\\s`` is a backslash and an s) or one character


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


@cache
def fast_validator_for(kind: str) -> jsonschema_rs.Validator:
    """The same schema compiled by jsonschema-rs, for the yes/no asked of every record: ~100x
    faster than jsonschema (0.005 against 0.55 ms an article, 8% of a crawl's CPU), which
    still words the errors of a record this one rejects. Its patterns say ``\\s`` as Python does."""
    return jsonschema_rs.Draft202012Validator(_python_whitespace(validator_for(kind).schema), validate_formats=False)


def _python_whitespace(node: Any) -> Any:
    """``node`` with ``\\s`` and ``\\S`` in every ``pattern`` matching what Python's ``re`` matches."""
    if isinstance(node, list):
        return [_python_whitespace(item) for item in node]
    if not isinstance(node, dict):
        return node
    rewritten = {key: _python_whitespace(value) for key, value in node.items()}
    if isinstance(node.get("pattern"), str):
        rewritten["pattern"] = _python_spaces(node["pattern"])
    return rewritten


def _python_spaces(pattern: str) -> str:
    """``pattern`` with ``\\s`` and ``\\S`` spelled as the characters Python's ``re`` means by them."""
    spelled, in_class = [], False
    for part in PATTERN_TOKEN_RE.findall(pattern):
        spelled.append(_spelled(part, in_class, pattern))
        if part in "[]":
            in_class = part == "["
    return "".join(spelled)


def _spelled(part: str, in_class: bool, pattern: str) -> str:
    if part == r"\s":
        return PYTHON_SPACE if in_class else f"[{PYTHON_SPACE}]"
    if part != r"\S":
        return part
    if in_class:  # [^...] cannot hold a negated class: no pattern of ours needs it
        raise ValueError(f"cannot spell \\S inside a class: {pattern}")
    return f"[^{PYTHON_SPACE}]"


def record_errors(record: Any) -> list[str]:
    """Every way ``record`` breaks the schema, as short sentences; empty when valid."""
    kind = record.get("kind") if isinstance(record, dict) else None
    if kind not in KINDS:
        return [f"kind {kind!r} is not article, issue or error"]
    if fast_validator_for(kind).is_valid(record):
        return []
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<record>'}: {e.message}"
        for e in validator_for(kind).iter_errors(record)
    ]
