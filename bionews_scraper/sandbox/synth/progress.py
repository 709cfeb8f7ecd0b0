"""Markup for the synthetic site's progress pages (WordPress, 2021 on) and its sitemaps.

Articles at ``https://www.progress.org.uk/<slug>/`` carry a canonical link, Open Graph and
``article:`` tags and a JSON-LD ``@graph`` with a ``NewsArticle`` whose ``datePublished`` is
London local time with its offset; issue pages live at ``/newsletter_issue/bionews-N/``.
"""

from __future__ import annotations

import json

from bionews_scraper.sandbox.synth.pages import (
    FACEBOOK,
    ArticlePage,
    IssuePage,
    byline,
    escape_html,
    london_iso,
    long_date,
    meta_line,
)
from bionews_scraper.sandbox.synth.text import teaser

PROGRESS = "https://www.progress.org.uk"


def _progress_frame(title: str, head: str, body_class: str, main: str, year: int) -> bytes:
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="UTF-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape_html(title)} | PET</title>\n"
        '<meta name="robots" content="index, follow, max-image-preview:large">\n'
        f'{head}</head>\n<body class="{body_class}">\n<div id="page" class="site">\n'
        '<a class="skip-link screen-reader-text" href="#primary">Skip to content</a>\n'
        '<header id="masthead" class="site-header">\n <div class="site-branding"><p class="site-title">Progress Educational Trust</p></div>\n'
        ' <nav id="site-navigation" class="main-navigation">\n  <ul id="primary-menu" class="menu">\n'
        '   <li class="menu-item"><a href="#">Events</a></li>\n   <li class="menu-item"><a href="#">Get involved</a></li>\n'
        '   <li class="menu-item"><a href="#">About</a></li>\n  </ul>\n </nav>\n'
        ' <div class="header-signup"><a href="#newsletter">Subscribe to the BioNews newsletter for free</a></div>\n'
        f' <form role="search" method="get" class="search-form" action="{PROGRESS}/">\n'
        '  <label><span class="screen-reader-text">Search for:</span><input type="search" class="search-field" placeholder="Search &hellip;" value="" name="s"></label>\n'
        '  <input type="submit" class="search-submit" value="Search">\n </form>\n</header>\n'
        '<div id="content" class="site-content">\n<div id="primary" class="content-area">\n<main id="main" class="site-main">\n'
        f"{main}</main>\n</div>\n"
        '<aside id="secondary" class="widget-area">\n'
        ' <section class="widget widget_text"><p>Published by the Progress Educational Trust</p></section>\n'
        ' <section class="widget widget_event">\n  <h2 class="widget-title">Upcoming event</h2>\n'
        "  <p><strong>Should egg freezing be offered at work?</strong> An online discussion.</p>\n"
        "  <p>Speakers: Dr Noor Latham, Professor Ewa Brandt and Callan Frith</p>\n </section>\n"
        f' <section class="widget widget_social"><a href="{FACEBOOK}">Like the Progress Educational Trust on Facebook</a></section>\n'
        ' <section class="widget widget_friends"><a href="#friends">Become a Friend of PET HERE</a></section>\n'
        '</aside>\n</div>\n<footer id="colophon" class="site-footer">\n <div class="site-info">\n'
        "  <p>The Progress Educational Trust is a registered charity. PET follows the Good Fundraising Code.</p>\n"
        f"  <p>© {year} Progress Educational Trust</p>\n </div>\n</footer>\n</div>\n</body>\n</html>\n"
    ).encode()


def _person_id(name: str) -> str:
    return f"{PROGRESS}/#/schema/person/" + "-".join(name.lower().split())


def progress_article(page: ArticlePage) -> bytes:
    published = london_iso(page.published, 0, 30)  # 00:30 local: the UTC date is the day before
    by = ""
    if page.authors:
        names = [
            f'<span class="author vcard"><span class="fn">{escape_html(name)}</span></span>' for name in page.authors
        ]
        by = f' <span class="byline"> by {", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]}</span>'
    parts = [
        f'<article id="post-{page.post_id}" class="post-{page.post_id} post type-post status-publish format-standard hentry category-news">\n'
        f' <header class="entry-header">\n  <h1 class="entry-title">{escape_html(page.headline)}</h1>\n'
        f'  <div class="entry-meta">\n   <span class="posted-on"><time class="entry-date published" datetime="{published}">{long_date(page.published)}</time></span>{by}\n  </div>\n'
        + (  # a migrated copy may have lost its issue link
            f'  <p class="appeared-in">Appeared in <a href="{page.issue_href}">BioNews {page.issue}</a></p>\n'
            if page.issue_href
            else ""
        )
        + " </header>\n"
        ' <div class="entry-content">\n'
        + "".join(f"  <p>{escape_html(p)}</p>\n" for p in page.paragraphs)
        + " </div>\n"
    ]
    if page.sources:
        parts.append(' <div class="sources-references">\n  <h3>Sources and References</h3>\n  <ul>\n')
        parts += [f'   <li><a href="{url}">{escape_html(title)}</a></li>\n' for title, url in page.sources]
        parts.append("  </ul>\n </div>\n")
    parts.append(
        ' <footer class="entry-footer">\n  <div class="share-links">Share this: <a href="#share-facebook">Facebook</a> <a href="#share-email">Email</a></div>\n'
        ' </footer>\n</article>\n<section class="related-posts">\n <h2>Related Articles</h2>\n'
    )
    for item in page.related:
        parts.append(
            f' <article class="related-post">\n  <h3 class="related-title"><a href="{item.href}">{escape_html(item.headline)}</a></h3>\n'
            f'  <p class="related-meta">{escape_html(meta_line(item, pad=True))}</p>\n  <p class="related-teaser">{escape_html(item.teaser)}</p>\n </article>\n'
        )
    parts.append("</section>\n")
    body_class = f"post-template-default single single-post postid-{page.post_id} single-format-standard"
    return _progress_frame(
        page.headline, _article_head(page, published), body_class, "".join(parts), page.published.year
    )


def _article_head(page: ArticlePage, published: str) -> str:
    """Canonical link, Open Graph and ``article:`` tags, and the Yoast-style JSON-LD graph."""
    lead = teaser(page.paragraphs[0])
    people = [{"@type": "Person", "@id": _person_id(name), "name": name} for name in page.authors]
    article: dict[str, object] = {"@type": "NewsArticle", "@id": f"{page.url}#article", "isPartOf": {"@id": page.url}}
    if people:
        refs = [{"name": p["name"], "@id": p["@id"]} for p in people]
        article["author"] = refs[0] if len(refs) == 1 else refs
    article.update(
        {
            "headline": page.headline,
            "datePublished": published,
            "dateModified": page.modified,
            "mainEntityOfPage": {"@id": page.url},
            "publisher": {"@id": f"{PROGRESS}/#organization"},
            "articleSection": ["Comment" if page.headline.startswith("Comment:") else "News"],
            "inLanguage": "en-GB",
        }
    )
    graph = [
        article,
        {
            "@type": "WebPage",
            "@id": page.url,
            "url": page.url,
            "name": f"{page.headline} | PET",
            "datePublished": published,
            "dateModified": page.modified,
            "inLanguage": "en-GB",
        },
        {
            "@type": "Organization",
            "@id": f"{PROGRESS}/#organization",
            "name": "Progress Educational Trust",
            "url": f"{PROGRESS}/",
        },
        *people,
    ]
    return (
        f'<meta name="description" content="{escape_html(lead)}">\n<link rel="canonical" href="{page.url}">\n'
        f'<meta property="og:locale" content="en_GB">\n<meta property="og:type" content="article">\n'
        f'<meta property="og:title" content="{escape_html(page.headline)}">\n<meta property="og:description" content="{escape_html(lead)}">\n'
        f'<meta property="og:url" content="{page.url}">\n<meta property="og:site_name" content="PET">\n'
        f'<meta property="article:published_time" content="{published}">\n<meta property="article:modified_time" content="{page.modified}">\n'
        + (f'<meta name="author" content="{escape_html(", ".join(page.authors))}">\n' if page.authors else "")
        + '<script type="application/ld+json" class="yoast-schema-graph">'
        + json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
        + "</script>\n"
    )


def progress_issue(page: IssuePage) -> bytes:
    published = london_iso(page.published, 0, 0)
    graph = [
        {
            "@type": "CollectionPage",
            "@id": page.url,
            "url": page.url,
            "name": f"BioNews {page.number} | PET",
            "datePublished": published,
            "inLanguage": "en-GB",
        }
    ]
    head = (
        f'<link rel="canonical" href="{page.url}">\n<meta property="og:type" content="article">\n'
        f'<meta property="og:title" content="BioNews {page.number}">\n<meta property="og:url" content="{page.url}">\n'
        '<script type="application/ld+json" class="yoast-schema-graph">'
        + json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
        + "</script>\n"
    )
    parts = [
        '<article class="newsletter_issue type-newsletter_issue status-publish hentry">\n'
        f' <header class="entry-header">\n  <h1 class="entry-title">BioNews {page.number}</h1>\n'
        f'  <p class="issue-date"><time datetime="{page.published.isoformat()}">{long_date(page.published)}</time></p>\n </header>\n'
        ' <div class="entry-content issue-contents">\n'
    ]
    for item in page.entries:
        parts.append(
            f'  <div class="issue-entry">\n   <h2 class="issue-entry-title"><a href="{item.href}">{escape_html(item.headline)}</a></h2>\n'
        )
        if item.authors:
            parts.append(f'   <p class="issue-entry-byline">{escape_html(byline(item.authors, "by"))}</p>\n')
        parts.append(f'   <p class="issue-entry-teaser">{escape_html(item.teaser)}</p>\n  </div>\n')
    parts.append(" </div>\n</article>\n")
    body_class = "newsletter_issue-template-default single single-newsletter_issue"
    return _progress_frame(f"BioNews {page.number}", head, body_class, "".join(parts), page.published.year)


def sitemap(urls: list[tuple[str, str]], index: bool = False) -> bytes:
    """A sitemap (or sitemap index) of ``(loc, lastmod)`` pairs."""
    root, item = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    entries = "".join(
        f"\t<{item}>\n\t\t<loc>{escape_html(loc)}</loc>\n\t\t<lastmod>{lastmod}</lastmod>\n\t</{item}>\n"
        for loc, lastmod in urls
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</{root}>\n"
    ).encode()
