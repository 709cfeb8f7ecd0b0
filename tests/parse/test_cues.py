"""The visible-text cues, one line of text at a time."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bionews_scraper.parse.cues import (
    EMAIL_ISSUE_RE,
    ISSUE_LINE_RE,
    LICENCE_RE,
    is_review_fact,
    read_byline,
    read_date_line,
    read_issue_heading,
    read_issue_line,
    read_meta_line,
    section_from_headline,
)
from bionews_scraper.parse.names import affiliation_names, byline_names, is_author_name, is_name
from bionews_scraper.parse.normalise import parse_date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("24 February 2014", ("24 February 2014", None)),
        ("04 September 2017 - by Meetal Osei", ("04 September 2017", "by Meetal Osei")),
        ("24 February 2014 | By Jo Bloggs", ("24 February 2014", "By Jo Bloggs")),
        ("By Jo Bloggs, 24 February 2014", ("24 February 2014", "By Jo Bloggs")),
        ("Published: 3 June 2019", ("3 June 2019", None)),
        ("On 24 February 2014 the HFEA met.", None),
        ("24 February 2014 - by 2030 clinics will", None),
    ],
)
def test_read_date_line(line: str, expected: tuple[str, str | None] | None) -> None:
    assert read_date_line(line) == expected


@pytest.mark.parametrize(
    ("line", "is_byline"),
    [
        ("By Chris Hardy", True),
        ("BY DR RACHEL BROWN AND SAM LEE", True),
        ("by Élodie Martin", True),
        ("By 2030, most clinics will offer the test.", False),
        ("By contrast, the committee was unconvinced.", False),
        ("Byron Smith said", False),
    ],
)
def test_read_byline_accepts_names_only(line: str, is_byline: bool) -> None:
    assert (read_byline(line) is not None) == is_byline


def test_issue_cues() -> None:
    assert read_issue_line("Appeared in BioNews 743") == 743
    assert read_issue_heading("BioNews 743") == 743
    assert read_issue_heading("BioNews 1150 - 3 June 2022") == 1150
    assert read_issue_heading("BioNews is published weekly") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Dr Rachel Brown", True), ("Jan van der Berg", True), ("the committee", False), ("Room 101", False)],
)
def test_is_name(text: str, expected: bool) -> None:
    assert is_name(text) == expected


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Professor Robin Lister, Francis Crick Institute", ["Professor Robin Lister"]),
        ("By Sarah Norcross, Director of PET", ["Sarah Norcross"]),
        ("by Ana de la Cruz, Tom Okafor and Li Wei", ["Ana de la Cruz", "Tom Okafor", "Li Wei"]),
        ("By Dr Rachel Brown & Sam Lee", ["Dr Rachel Brown", "Sam Lee"]),
        (
            "By Dr Rhiannon Pryce, Reproduction Editor, and Dr Tobias Wren, Genetics Editor, BioNews",
            ["Dr Rhiannon Pryce", "Dr Tobias Wren"],
        ),
        ("By Dr Ama Owusu-Bempah, Genetics Editor, BioNews", ["Dr Ama Owusu-Bempah"]),
        ("By Dr Sarah Reader", ["Dr Sarah Reader"]),  # a job title's word in the first name is a surname
        ("By Dr Ana Ferreira, Professor James Head and Okonjo", ["Dr Ana Ferreira", "Professor James Head", "Okonjo"]),
        ("Reported by Mx Sam Cook", ["Mx Sam Cook"]),
        ("Written by Dr Tomasz Fellow", ["Dr Tomasz Fellow"]),
        ("Words by Mr Dafydd ap Rhys and Dr Siobhan MacGregor", ["Mr Dafydd ap Rhys", "Dr Siobhan MacGregor"]),
        ("By Dr Zhang Wei (张伟)", ["Dr Zhang Wei (张伟)"]),
    ],
)
def test_byline_names_leave_out_affiliations(byline: str, names: list[str]) -> None:
    assert byline_names(byline) == names


@pytest.mark.parametrize(
    ("heading", "number"),
    [("BioNews 743", 743), ("BioNews 743 - 24 February 2014", 743), ("BioNews 1000: twenty years on", None)],
)
def test_only_a_date_may_follow_an_issue_headings_number(heading: str, number: int | None) -> None:
    assert read_issue_heading(heading) == number


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published 4 February 2019 posted in Comment and appears in BioNews 985", ("4 February 2019", "Comment", 985)),
        ("Published 03 June 2019 posted in News", ("03 June 2019", "News", None)),
        ("Published 22 March 1999 and appears in BioNews 0", ("22 March 1999", None, 0)),
        ("Published research suggests otherwise.", None),
    ],
)
def test_wordpress_meta_line_gives_date_section_and_issue(line: str, expected: object) -> None:
    assert read_meta_line(line) == expected


@pytest.mark.parametrize(
    "prose",
    [
        "Its date line read simply ‘22 March 1999’, and the archive still prints ‘Appeared in BioNews 0’",
        'A line such as "appears in BioNews 0" under a story is a reminder of how it began.',
        "When the newsletter began, each story said where it appeared in BioNews 0 and the issues after it, and "
        "readers kept the printed copies in binders that filled a shelf by the end of the first year of publication.",
    ],
)
def test_prose_quoting_an_issue_line_is_no_issue_line(prose: str) -> None:
    assert read_issue_line(prose) is None


def test_issue_lines_in_every_era_and_the_first_edition() -> None:
    assert read_issue_line("Page URL: Appeared in BioNews 935") == 935
    assert read_issue_line("and appears in BioNews 985") == 985
    assert read_issue_line("Appeared in BioNews 0") == 0


# Issue lines and near misses in any case, with the letters re's IGNORECASE matches to
# ASCII ones that lower() leaves alone (the long s, the dotless i, the dotted capital I).
ISSUE_LINES = st.tuples(
    st.sampled_from(["", "Page URL: ", "and ", "x"]),
    st.sampled_from(["Appeared", "APPEARS", "aPpEaReD", "appearſ", "Appear", "appeal"]),
    st.sampled_from([" in", " IN", " İn", " ın", "in", " on"]),
    st.sampled_from([" ", ": ", "  ", ""]),
    st.sampled_from(["BioNews", "BIONEWS", "bionews issue ", "BioNews No. ", "Bio News"]),
    st.sampled_from([" 743", "0", "1189", " x"]),
).map("".join)


@settings(max_examples=300, deadline=None)
@given(ISSUE_LINES)
def test_the_quick_word_check_never_changes_an_issue_lines_reading(text: str) -> None:
    match = ISSUE_LINE_RE.search(text)
    assert read_issue_line(text) == (int(match["number"]) if match else None)


@pytest.mark.parametrize(
    ("headline", "section"),
    [
        ("Film Review: Anonymous Father's Day", "Reviews"),
        ("Event Review: Who owns your genome?", "Reviews"),
        ("Book Review: Inheriting the Future", "Reviews"),
        ("Podcast: Is UK surrogacy law fit for purpose?", "Podcast"),
        ("Review finds IVF add-ons lack evidence", None),
        ("Mouse eggs made from skin cells give healthy pups", None),
    ],
)
def test_section_from_headline_prefix(headline: str, section: str | None) -> None:
    assert section_from_headline(headline) == section


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Reproduction Editor, and Dr Jess Buxton, Genetics Editor, BioNews", ["Dr Jess Buxton"]),
        ("Senior Lecturer in Law, University of Eastmoor", []),
        ("Director, PET", []),
        ("Professor of Bioethics and Law, University of the Pennines", []),
        ("Medical Director, Create Fertility and London Women's Clinic", []),
        ("Policy Officer, PET and Sarah Norcross, Director", ["Sarah Norcross"]),
    ],
)
def test_affiliation_names_only_co_authors_not_roles(line: str, names: list[str]) -> None:
    assert affiliation_names(line) == names


@pytest.mark.parametrize(
    ("line", "is_author"), [("Dr Fiona Ellery", True), ("Director, PET", False), ("Senior Editor", False)]
)
def test_author_name_lines_are_told_from_role_lines(line: str, is_author: bool) -> None:
    assert is_author_name(line) == is_author


def test_licences_review_facts_and_email_issue_heading() -> None:
    assert all(LICENCE_RE.match(text) for text in ("CC BY 4.0", "CC0 1.0", "CC BY-SA 2.0"))
    assert not LICENCE_RE.match("CC BY 4.0 licences are common on science images.")
    assert is_review_fact("Directed by Tomas Lindqvist") and is_review_fact("Available from selected cinemas")
    assert is_review_fact("Inheriting the Future Edited by Dr Paul Granger ISBN-10: 0000000001 |")
    assert not is_review_fact("The film was directed by a former IVF nurse.")
    assert is_review_fact("Published by Harbourside Press")
    assert not is_review_fact("Published by the journal Cell, the study followed 300 families.")
    match = EMAIL_ISSUE_RE.match("Issue 617 (25 July 2011)")
    assert match and (match["number"], match["date"]) == ("617", "25 July 2011")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("At the Example Playhouse, London, until 7 March 2020", True),
        ("Showing at the Wellcome Collection until 12 January 2025", True),
        ("At the meeting, which ran until 7 March 2020, members agreed to publish.", False),
        ("At the clinic, treatment was paused until 7 March 2020.", False),
    ],
)
def test_a_plays_or_exhibitions_run_is_a_review_fact_and_prose_is_not(line: str, expected: bool) -> None:
    assert is_review_fact(line) is expected


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Mon 24 Feb 2014", "2014-02-24"),
        ("Mon, 24 Feb 2014", "2014-02-24"),
        ("Tues. 25 February 2014", "2014-02-25"),
        ("Thurs 27 Feb 2014", "2014-02-27"),
        ("Monday 24 Feb 2014", "2014-02-24"),
    ],
)
def test_a_date_line_may_open_with_a_weekday_cut_short(line: str, date: str) -> None:
    assert read_date_line(line) == (line, None) and parse_date(line) == date


@pytest.mark.parametrize(
    "role",
    [
        "Freelance Film Critic",
        "Science Reporter",
        "Radio Presenter",
        "Deaf Rights Campaigner",
        "Patient Representative",
    ],
)
def test_a_role_line_without_a_comma_is_no_authors_name(role: str) -> None:
    assert not is_author_name(role)


@pytest.mark.parametrize("updated", ["Updated", "Updated 21 June 2019", "| Last updated: 21 June 2019", "· 3 min read"])
def test_a_meta_line_with_the_themes_updated_label_beside_it_still_reads(updated: str) -> None:
    line = f"Published 17 June 2019 posted in News and appears in BioNews 1002 {updated}"
    assert read_meta_line(line) == ("17 June 2019", "News", 1002)


def test_two_fields_joined_by_and_in_an_affiliation_name_no_co_author() -> None:
    assert affiliation_names("Department of Genetics and Genomic Medicine, University College London") == []
    assert affiliation_names("Reproduction Editor, and Dr Jess Buxton, Genetics Editor, BioNews") == ["Dr Jess Buxton"]


def test_an_authors_box_name_with_an_honorific_may_end_in_a_job_titles_word() -> None:
    assert is_author_name("Dr Harriet Reader") and not is_author_name("Head of Reproductive Medicine")


@pytest.mark.parametrize(
    "line", ["Reported by Mx Sam Cook", "Written by Dr Tomasz Fellow", "Words by Mr Dafydd ap Rhys"]
)
def test_a_byline_may_open_with_reported_written_or_words(line: str) -> None:
    assert read_byline(line) == line


def test_a_firm_joined_by_an_ampersand_in_an_affiliation_names_no_co_author() -> None:
    assert affiliation_names("Partner, Hale & Moss Solicitors, and Professor Martin Gale, University of Kent") == [
        "Professor Martin Gale"
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Conway Hall, London, 15 February 2012", True),
        ("Speakers: Dr Kylie Lambert and Professor Tom Haddad", True),
        ("The clinic in Leeds closed on 15 February 2012.", False),
    ],
)
def test_an_events_venue_and_date_and_its_speakers_are_review_facts(line: str, expected: bool) -> None:
    assert is_review_fact(line) is expected
