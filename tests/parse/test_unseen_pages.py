"""Held-out pages (fixtures/unseen), written before the parser was tuned on them, in markup
unlike fixtures/pages: per template, the checked fields and body text must come out right,
every non-article must be refused, and no page may raise. (trafilatura's side of the
comparison is in bench/unseen_accuracy.py: it is a bench-only dependency.)"""

from __future__ import annotations

import pytest

from bench.unseen_accuracy import TEMPLATES, Score, all_cases, our_records, score_ours

FIELDS_MIN = 0.97
BODY_F1_MIN = 0.95
CASES = all_cases()


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    totals = {template: Score() for template in TEMPLATES}
    for case in CASES:
        totals[case.expected["layout"]].add(score_ours(case, our_records))
    return totals


def test_the_held_out_set_covers_every_template_and_refusals() -> None:
    for template in TEMPLATES:
        assert sum(1 for case in CASES if case.expected["layout"] == template) >= 8
    assert sum(1 for case in CASES if case.expected["refused"]) >= 6


@pytest.mark.parametrize("template", TEMPLATES)
def test_checked_fields_are_right_on_unseen_pages(template: str, scores: dict[str, Score]) -> None:
    score = scores[template]
    assert score.accuracy >= FIELDS_MIN, score.misses


@pytest.mark.parametrize("template", TEMPLATES)
def test_body_text_matches_on_unseen_pages(template: str, scores: dict[str, Score]) -> None:
    score = scores[template]
    assert score.mean_f1 >= BODY_F1_MIN, score.misses


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_unseen_non_article_is_refused_without_traceback(template: str, scores: dict[str, Score]) -> None:
    score = scores[template]
    assert score.refusals_right == score.refusals and score.tracebacks == 0, score.misses
