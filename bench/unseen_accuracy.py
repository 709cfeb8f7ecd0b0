"""Accuracy on held-out pages (fixtures/unseen), per template: our parser against trafilatura.

    .venv/bin/python -m bench.unseen_accuracy [--set unseen|unseen-b|...|unseen-z|unseen-aa|...|unseen-ae]   (trafilatura: pip install -e '.[bench]')

Held-out sets, written by different people before the parser was tuned on them:
fixtures/unseen (the default), fixtures/unseen-b to fixtures/unseen-z (no unseen-x) and fixtures/unseen-aa
to fixtures/unseen-ae, all but unseen-b written blind, from docs/site-layouts.md alone; each is scored and
recorded on its own.

Each case is a page written in markup unlike fixtures/pages, with a hand-typed
expected.json: ``{"url", "layout", "refused", "records": [...]}``. Checked, for our parser:
per article kind, headline, published, issue, authors, section, related (headline and url)
and sources (urls); per issue kind, issue, published and its entries' urls; per refused page,
that it gave no record. Body token F1 per article. Trafilatura's ``bare_extraction`` is
scored on headline, date and authors of each page's first expected article, and so are we
on the same pages (the "h/d/a" columns). Prints one table; appends a row per template to
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.results import append_row
from bionews_scraper.parse.extract import extract

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = ROOT / "fixtures" / "unseen"
# set name -> (folder, the RESULTS.md table its rows go to)
SETS = {
    "unseen": (UNSEEN, "Held-out pages (bench/unseen_accuracy.py), per template"),
    "unseen-b": (
        ROOT / "fixtures" / "unseen-b",
        "Held-out pages, second set (bench/unseen_accuracy.py --set unseen-b), per template",
    ),
    "unseen-c": (
        ROOT / "fixtures" / "unseen-c",
        "Held-out pages, third set, blind (bench/unseen_accuracy.py --set unseen-c), per template",
    ),
    "unseen-d": (
        ROOT / "fixtures" / "unseen-d",
        "Held-out pages, fourth set, blind (bench/unseen_accuracy.py --set unseen-d), per template",
    ),
    "unseen-e": (
        ROOT / "fixtures" / "unseen-e",
        "Held-out pages, fifth set, blind (bench/unseen_accuracy.py --set unseen-e), per template",
    ),
    "unseen-f": (
        ROOT / "fixtures" / "unseen-f",
        "Held-out pages, sixth set, blind (bench/unseen_accuracy.py --set unseen-f), per template",
    ),
    "unseen-g": (
        ROOT / "fixtures" / "unseen-g",
        "Held-out pages, seventh set, blind (bench/unseen_accuracy.py --set unseen-g), per template",
    ),
    "unseen-h": (
        ROOT / "fixtures" / "unseen-h",
        "Held-out pages, eighth set, blind (bench/unseen_accuracy.py --set unseen-h), per template",
    ),
    "unseen-i": (
        ROOT / "fixtures" / "unseen-i",
        "Held-out pages, set unseen-i, blind (bench/unseen_accuracy.py --set unseen-i), per template",
    ),
    "unseen-j": (
        ROOT / "fixtures" / "unseen-j",
        "Held-out pages, set unseen-j, blind (bench/unseen_accuracy.py --set unseen-j), per template",
    ),
    "unseen-k": (
        ROOT / "fixtures" / "unseen-k",
        "Held-out pages, set unseen-k, blind (bench/unseen_accuracy.py --set unseen-k), per template",
    ),
    "unseen-l": (
        ROOT / "fixtures" / "unseen-l",
        "Held-out pages, set unseen-l, blind (bench/unseen_accuracy.py --set unseen-l), per template",
    ),
    "unseen-m": (
        ROOT / "fixtures" / "unseen-m",
        "Held-out pages, set unseen-m, blind (bench/unseen_accuracy.py --set unseen-m), per template",
    ),
    "unseen-n": (
        ROOT / "fixtures" / "unseen-n",
        "Held-out pages, set unseen-n, blind (bench/unseen_accuracy.py --set unseen-n), per template",
    ),
    "unseen-o": (
        ROOT / "fixtures" / "unseen-o",
        "Held-out pages, set unseen-o, blind (bench/unseen_accuracy.py --set unseen-o), per template",
    ),
    "unseen-p": (
        ROOT / "fixtures" / "unseen-p",
        "Held-out pages, set unseen-p, blind, legacy only (bench/unseen_accuracy.py --set unseen-p), per template",
    ),
    "unseen-q": (
        ROOT / "fixtures" / "unseen-q",
        "Held-out pages, set unseen-q, blind, the common path (bench/unseen_accuracy.py --set unseen-q), per template",
    ),
    "unseen-s": (
        ROOT / "fixtures" / "unseen-s",
        "Held-out pages, set unseen-s, blind, headlines and dates (bench/unseen_accuracy.py --set unseen-s), per template",
    ),
    "unseen-r": (
        ROOT / "fixtures" / "unseen-r",
        "Held-out pages, set unseen-r, blind, the body text (bench/unseen_accuracy.py --set unseen-r), per template",
    ),
    "unseen-t": (
        ROOT / "fixtures" / "unseen-t",
        "Held-out pages, set unseen-t, blind, hard combinations (bench/unseen_accuracy.py --set unseen-t), per template",
    ),
    "unseen-u": (
        ROOT / "fixtures" / "unseen-u",
        "Held-out pages, set unseen-u, blind, pages that are not articles (bench/unseen_accuracy.py --set unseen-u), per template",
    ),
    "unseen-v": (
        ROOT / "fixtures" / "unseen-v",
        "Held-out pages, set unseen-v, blind, archived and saved copies (bench/unseen_accuracy.py --set unseen-v), per template",
    ),
    "unseen-y": (
        ROOT / "fixtures" / "unseen-y",
        "Held-out pages, set unseen-y, blind, authors in every form (bench/unseen_accuracy.py --set unseen-y), per template",
    ),
    "unseen-w": (
        ROOT / "fixtures" / "unseen-w",
        "Held-out pages, set unseen-w, blind, false refusals and false furniture (bench/unseen_accuracy.py --set unseen-w), per template",
    ),
    "unseen-ab": (
        ROOT / "fixtures" / "unseen-ab",
        "Held-out pages, set unseen-ab, blind, markup the earlier sets did not try (bench/unseen_accuracy.py --set unseen-ab), per template",
    ),
    "unseen-ad": (
        ROOT / "fixtures" / "unseen-ad",
        "Held-out pages, set unseen-ad, blind, issue pages by a new hand (bench/unseen_accuracy.py --set unseen-ad), per template",
    ),
    "unseen-aa": (
        ROOT / "fixtures" / "unseen-aa",
        "Held-out pages, set unseen-aa, blind, legacy e-mail pages (bench/unseen_accuracy.py --set unseen-aa), per template",
    ),
    "unseen-ac": (
        ROOT / "fixtures" / "unseen-ac",
        "Held-out pages, set unseen-ac, blind, the common path: ordinary news, comment and reviews (bench/unseen_accuracy.py --set unseen-ac), per template",
    ),
    "unseen-z": (
        ROOT / "fixtures" / "unseen-z",
        "Held-out pages, set unseen-z, blind, the newest WordPress pages (bench/unseen_accuracy.py --set unseen-z), per template",
    ),
    "unseen-ae": (
        ROOT / "fixtures" / "unseen-ae",
        "Held-out pages, set unseen-ae, blind, the live WordPress site by a new hand (bench/unseen_accuracy.py --set unseen-ae), per template",
    ),
}
TEMPLATES = ("legacy", "bionews2018", "progress")
ARTICLE_FIELDS = ("kind", "headline", "published", "issue", "authors", "section", "related", "sources")
ISSUE_FIELDS = ("kind", "issue", "published", "articles")
HDA_FIELDS = ("headline", "published", "authors")
TOKEN_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class UnseenCase:
    folder: Path

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def expected(self) -> dict[str, Any]:
        return json.loads((self.folder / "expected.json").read_text(encoding="utf-8"))

    @property
    def page(self) -> bytes:
        return (self.folder / "page.html").read_bytes()


@dataclass
class Score:
    """Tallies for one template (or one page)."""

    pages: int = 0
    right: int = 0
    checked: int = 0
    f1: list[float] = field(default_factory=list)
    refusals_right: int = 0
    refusals: int = 0
    tracebacks: int = 0
    hda_right: int = 0
    hda_checked: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "pages",
            "right",
            "checked",
            "refusals_right",
            "refusals",
            "tracebacks",
            "hda_right",
            "hda_checked",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.f1 += other.f1
        self.misses += other.misses

    @property
    def accuracy(self) -> float:
        return self.right / self.checked if self.checked else 1.0

    @property
    def mean_f1(self) -> float:
        return sum(self.f1) / len(self.f1) if self.f1 else 1.0

    @property
    def hda(self) -> float:
        return self.hda_right / self.hda_checked if self.hda_checked else 1.0


def all_cases(where: Path = UNSEEN) -> list[UnseenCase]:
    """The cases of one held-out set (a folder of case folders)."""
    return [UnseenCase(folder) for folder in sorted(where.iterdir()) if (folder / "page.html").exists()]


def token_f1(got: str, want: str) -> float:
    """Token-multiset F1 of two texts (lower-cased word tokens)."""
    got_tokens, want_tokens = Counter(TOKEN_RE.findall(got.lower())), Counter(TOKEN_RE.findall(want.lower()))
    common = sum((got_tokens & want_tokens).values())
    if not got_tokens or not want_tokens or not common:
        return float(got_tokens == want_tokens)
    precision, recall = common / sum(got_tokens.values()), common / sum(want_tokens.values())
    return 2 * precision * recall / (precision + recall)


def _view(record: dict[str, Any], key: str) -> Any:
    """The checked form of a field of one of our records."""
    if key == "related":
        return [{"headline": story["headline"], "url": story["url"]} for story in record.get("related", [])]
    if key == "sources":
        return [source["url"] for source in record.get("sources", [])]
    if key == "articles":
        return [entry["url"] for entry in record.get("articles", [])]
    return record.get(key)


def _match(want: dict[str, Any], got: list[dict[str, Any]]) -> dict[str, Any] | None:
    same_kind = [record for record in got if record["kind"] == want["kind"]]
    if want["kind"] == "article":
        return next((r for r in same_kind if r.get("headline") == want["headline"]), None) or next(
            iter(same_kind), None
        )
    return next(iter(same_kind), None)


def score_ours(case: UnseenCase, extract_records: Callable[[bytes, str], list[dict[str, Any]]]) -> Score:
    """Score our parser on one page."""
    expected, score = case.expected, Score(pages=1)
    try:
        got = extract_records(case.page, expected["url"])
    except Exception:  # noqa: BLE001 -- a traceback is what we count here, not a reason to stop
        score.tracebacks += 1
        score.misses.append(f"{case.name}: traceback {traceback.format_exc(limit=1)}")
        got = []
    if expected["refused"]:
        score.refusals += 1
        score.checked += 1
        if got and all(record["kind"] == "error" for record in got):
            score.right += 1
            score.refusals_right += 1
        else:
            score.misses.append(f"{case.name}: not refused ({[r['kind'] for r in got]})")
        return score
    used: list[int] = []
    for want in expected["records"]:
        match = _match(want, [r for r in got if id(r) not in used])
        fields = ARTICLE_FIELDS if want["kind"] == "article" else ISSUE_FIELDS
        score.checked += len(fields)
        if match is None:
            score.misses.append(
                f"{case.name}: no {want['kind']} record (got {[r.get('reason', r['kind']) for r in got]})"
            )
            score.f1 += [0.0] if want["kind"] == "article" else []
            continue
        used.append(id(match))
        for key in fields:
            if _view(match, key) == want[key]:
                score.right += 1
            else:
                score.misses.append(f"{case.name}: {key} {_view(match, key)!r} != {want[key]!r}")
        if want["kind"] == "article":
            score.f1.append(token_f1(match["body"], want["body"]))
            if score.f1[-1] < 1.0:
                score.misses.append(f"{case.name}: body F1 {score.f1[-1]:.3f}")
    extra = [r for r in got if id(r) not in used]
    score.checked += len(extra)  # a record the page does not hold is one wrong answer
    score.misses += [f"{case.name}: unexpected {r['kind']} record" for r in extra]
    first = next((want for want in expected["records"] if want["kind"] == "article"), None)
    if first is not None:
        mine = _match(first, got) or {}
        score.hda_checked += len(HDA_FIELDS)
        score.hda_right += sum(_view(mine, key) == first[key] for key in HDA_FIELDS)
    return score


def our_records(body: bytes, url: str) -> list[dict[str, Any]]:
    return [dict(record) for record in extract(body, url).records]


def score_trafilatura(case: UnseenCase) -> tuple[int, int]:
    """(right, checked) for trafilatura on headline, date and authors of the first article."""
    from trafilatura import bare_extraction  # bench-only dependency

    expected = case.expected
    first = next((want for want in expected["records"] if want["kind"] == "article"), None)
    if first is None:
        return 0, 0
    try:
        document = bare_extraction(case.page, url=expected["url"], with_metadata=True)
        found = document.as_dict() if document is not None else {}
    except Exception:  # noqa: BLE001 -- a traceback is what we count here, not a reason to stop
        found = {}
    authors = [name.strip() for name in (found.get("author") or "").split(";") if name.strip()]
    answers = {"headline": found.get("title"), "published": found.get("date"), "authors": authors}
    return sum(answers[key] == first[key] for key in HDA_FIELDS), len(HDA_FIELDS)


def score_all(cases: Iterable[UnseenCase], with_trafilatura: bool) -> dict[str, tuple[Score, Score]]:
    """Per template: (our score, trafilatura's score on headline/date/authors)."""
    results = {template: (Score(), Score()) for template in TEMPLATES}
    for case in cases:
        ours, theirs = results[case.expected["layout"]]
        ours.add(score_ours(case, our_records))
        if with_trafilatura:
            right, checked = score_trafilatura(case)
            theirs.hda_right += right
            theirs.hda_checked += checked
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Accuracy on a held-out set of pages, per template.")
    parser.add_argument("--set", choices=sorted(SETS), default="unseen", help="which held-out set to score")
    where, title = SETS[parser.parse_args(argv).set]
    results = score_all(all_cases(where), with_trafilatura=True)
    columns = [
        "when (UTC)",
        "machine",
        "template",
        "pages",
        "fields right",
        "body F1",
        "refused",
        "tracebacks",
        "ours h/d/a",
        "trafilatura h/d/a",
    ]
    print("| " + " | ".join(columns) + " |")
    for template, (ours, theirs) in results.items():
        row = [
            f"{datetime.now(UTC):%Y-%m-%d %H:%M}",
            platform.node(),
            template,
            str(ours.pages),
            f"{ours.accuracy:.3f} ({ours.right}/{ours.checked})",
            f"{ours.mean_f1:.3f}",
            f"{ours.refusals_right}/{ours.refusals}",
            str(ours.tracebacks),
            f"{ours.hda:.3f}",
            f"{theirs.hda:.3f}",
        ]
        print(append_row(title, columns, row))
    for ours, _ in results.values():
        for miss in ours.misses:
            print("  miss:", miss)


if __name__ == "__main__":
    main()
