"""The Progress Educational Trust's own notices, printed with an article's cues: job adverts,
press releases, annual reviews and trustees' reports, and WordPress posts in sections that
are not BioNews's (Events, Jobs). They carry a date, a byline, even an issue line; they are
not BioNews articles.
"""

from __future__ import annotations

import re

from bionews_scraper.parse import cues
from bionews_scraper.parse.page import Line, Page
from bionews_scraper.parse.regions import CUE_WINDOW

# "Subscribe to BioNews" over a form (the top bar's "Subscribe to the BioNews newsletter for
# free" is furniture on every page, and goes on).
SIGN_UP_HEADING_RE = re.compile(
    r"^(?:subscribe|sign\s+up)\s+(?:to|for)\s+(?:bionews|the\s+bionews\s+newsletter|our\s+newsletter)$", re.IGNORECASE
)
SIGN_UP_PAGE = "the page is a newsletter sign-up page (its own heading says so)"
# Headlines only notices print, and what each says the page is. "Annual Review 2018-19" is
# one; a headline that goes on ("Annual report shows IVF births rising") is news.
NOTICE_HEADLINES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:(?:job\s+)?vacancy|jobs?)\s*:", re.IGNORECASE), "a job advert"),
    (re.compile(r"^press\s+release\s*:", re.IGNORECASE), "a press release"),
    (re.compile(r"^about\s+(?:bionews|pet|us|the\s+progress\s+educational\s+trust)$", re.IGNORECASE), "an about page"),
    (SIGN_UP_HEADING_RE, "a newsletter sign-up page"),
    (
        re.compile(r"^contact(?:\s+(?:us|pet|bionews|the\s+progress\s+educational\s+trust))?$", re.IGNORECASE),
        "a contact page",
    ),
    # WordPress titles an image's attachment page with the file's name ("panel-surrogacy-debate").
    (re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$"), "a WordPress attachment page, titled with a file name"),
    (
        re.compile(
            r"^(?:PET\s+)?annual\s+(?:review|report)(?:\s+(?:19|20)\d\d(?:\s*[-–/]\s*\d{2,4})?)?$", re.IGNORECASE
        ),
        "an annual review",
    ),
    (
        re.compile(
            r"^trustees['’]?\s+report(?:\s+and\s+(?:accounts|financial\s+statements))?"
            r"(?:\s+for\s+the\s+year\s+ended\b.*|\s+(?:19|20)\d\d(?:\s*[-–/]\s*\d{2,4})?)?$",
            re.IGNORECASE,
        ),
        "a trustees' or auditors' report",
    ),
)
# Lines only notices print under their text: a job's terms, a press release's furniture.
JOB_TERMS_RE = re.compile(r"^(?:salary|closing\s+date|how\s+to\s+apply|hours|contract)\s*:", re.IGNORECASE)
PRESS_RELEASE_LINE_RE = re.compile(r"^(?:for\s+immediate\s+release|notes?\s+to\s+editors?|ends)$", re.IGNORECASE)
# Terms or press-release lines it takes to make a page a notice.
NOTICE_LINES = 2
# WordPress sections (from the meta line, "posted in Events") that hold no BioNews article.
NOTICE_SECTIONS = {
    "events": "event_page",
    "jobs": "not_an_article",
    "vacancies": "not_an_article",
    "reports": "not_an_article",
}


def notice_refusal(page: Page, heading: Line | None) -> tuple[str, str] | None:
    """``(reason, message)`` when the page is one of PET's notices, else ``None``."""
    for pattern, kind in NOTICE_HEADLINES:
        if heading is not None and pattern.match(heading.text):
            return "not_an_article", f"the page is {kind}: {heading.text[:80]!r}"
    if (section := _meta_line_section(page, heading)) in NOTICE_SECTIONS:
        return NOTICE_SECTIONS[section], f"the page is posted in {section.title()}, not in a BioNews section"
    body = [line.text for line in page.lines if line.furniture is None]
    if sum(1 for text in body if JOB_TERMS_RE.match(text)) >= NOTICE_LINES:
        return "not_an_article", "the page is a job advert (salary, closing date)"
    if sum(1 for text in body if PRESS_RELEASE_LINE_RE.match(text)) >= NOTICE_LINES:
        return "not_an_article", "the page is a press release (for immediate release, notes to editors)"
    if any(cues.REPORT_LINE_RE.match(text) for text in body):
        return "not_an_article", "the page is a trustees' or auditors' report"
    return None


def is_sign_up_page(page: Page) -> bool:
    """The page's own h1 is "Subscribe to BioNews": whatever sample stories it prints under it,
    even one that reads as a whole e-mail article."""
    return any(
        line.tag == "h1" and line.furniture is None and SIGN_UP_HEADING_RE.match(line.text) for line in page.lines
    )


def _meta_line_section(page: Page, heading: Line | None) -> str | None:
    """The section a WordPress meta line right under the heading names, lower-cased."""
    if heading is None:
        return None
    for line in page.lines[heading.index + 1 : heading.index + 1 + CUE_WINDOW]:
        if (meta := cues.read_meta_line(line.text)) is not None:
            return meta[1].strip().lower() if meta[1] else None
    return None
