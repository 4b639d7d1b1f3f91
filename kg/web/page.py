"""Web pages as articles: the main text and metadata of an HTML page, then the read stage on that text.

trafilatura finds the article's text in the page (navigation, banners, breadcrumbs, related-story lists,
share widgets and footers left out) and its title, canonical URL, site name and byline; htmldate finds its
publication date (meta tags, JSON-LD, the URL, the text). The text then goes through :func:`kg.read.read_text`
like any article: the page's date is the article's unless one is given, its title and canonical URL are the
article's (``kg:name`` and ``schema:url`` of its node), and its site name ("U.S. Department of Defense") is the
article's ``schema:publisher`` and a publisher line, evidence of the home nation.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from kg.errors import InputError
from kg.model import Article

__all__ = ["HTML_SUFFIXES", "Page", "looks_like_html", "parse_page", "read_html"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_MIN_WORDS = 8  # fewer is a menu or a caption, not an article


@dataclass(frozen=True)
class Page:
    """What a web page holds: its main text (paragraphs apart by blank lines) and its metadata."""

    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    site: str | None = None
    byline: str | None = None


def looks_like_html(head: str | bytes) -> bool:
    """Whether the start of a file or response is HTML (a doctype or an ``<html>`` tag)."""
    if isinstance(head, bytes):
        head = head[:1024].decode("utf-8", "ignore")
    start = head.lstrip("\ufeff \t\r\n")[:200].lower()
    return start.startswith(("<!doctype html", "<html")) or ("<html" in start and start.startswith("<"))


def parse_page(html: str | bytes, *, url: str | None = None) -> Page:
    """The main text and metadata of ``html``; ``url`` is where it came from, if known (a page's canonical
    URL wins). Raises :class:`InputError` when the page holds no article text."""
    import htmldate
    import trafilatura

    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True, include_images=False
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or len(text.split()) < _MIN_WORDS:
        where = f" at {url}" if url else ""
        raise InputError(f"found no article text in the page{where}; give the page of one news article")
    found = htmldate.find_date(html, url=url, original_date=True, outputformat="%Y-%m-%d")
    day = getattr(document, "date", None) or found
    return Page(
        text="\n\n".join(line.strip() for line in text.splitlines() if line.strip()),
        title=getattr(document, "title", None) or None,
        published=_day(found) or _day(day),
        url=getattr(document, "url", None) or url,
        site=getattr(document, "sitename", None) or None,
        byline=getattr(document, "author", None) or None,
    )


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def read_html(html: str | bytes, *, url: str | None = None, published: date | None = None) -> Article:
    """Read the article of a web page: :func:`parse_page`, then :func:`kg.read.read_text` on its text.

    ``published`` wins over the page's date; the article's source is the page's canonical URL, else ``url``.
    Raises :class:`InputError` as :func:`parse_page` and :func:`kg.read.read_text` do.
    """
    from kg.read import read_text

    page = parse_page(html, url=url)
    article = read_text(page.text, published=published or page.published, source=page.url or url)
    publishers = article.publisher_lines + ((page.site,) if page.site else ())
    return dataclasses.replace(
        article,
        title=page.title or article.title,
        published=published or page.published or article.published,
        publisher_lines=tuple(dict.fromkeys(publishers)),
        site=page.site,
    )
