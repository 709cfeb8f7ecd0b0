"""The issue numbers a crawl probes, expects and reports missing."""

from __future__ import annotations

from bionews_scraper.crawl.issues import IssueTally


def test_the_whole_archive_is_probed_from_0_to_the_newest_known_and_a_run_past_it() -> None:
    tally = IssueTally(misses=3)
    tally.found_issue(2)
    tally.saw(5)
    assert tally.to_probe() == [0, 1, 3, 4, 5, 6, 7, 8]
    assert tally.to_probe() == []  # nothing new was found: the run of misses is done


def test_a_probe_that_hits_past_the_newest_extends_the_probing() -> None:
    tally = IssueTally(misses=3)
    tally.saw(1)
    assert tally.to_probe() == [0, 1, 2, 3, 4]
    tally.found_issue(4)
    assert tally.to_probe() == [5, 6, 7]


def test_probing_starts_at_probe_from() -> None:
    tally = IssueTally(probe_from=1195, misses=2)
    tally.found_issue(702)
    tally.saw(1196)
    assert tally.to_probe() == [1195, 1196, 1197, 1198]


def test_probe_from_counts_as_known_when_nothing_newer_is() -> None:
    tally = IssueTally(probe_from=1195, misses=2)
    tally.found_issue(1003)
    assert tally.to_probe() == [1195, 1196, 1197]


def test_asked_issues_are_never_probed_here_and_those_not_found_are_missing() -> None:
    tally = IssueTally(asked=range(5000, 5001))
    assert tally.to_probe() == []
    assert tally.missing() == [5000]


def test_expected_found_and_missing_of_the_whole_archive() -> None:
    tally = IssueTally()
    for number in (0, 1, 3):
        tally.found_issue(number)
    assert (len(tally.expected()), len(tally.found), tally.missing()) == (4, 3, [2])
