"""RSS and Atom feeds (feedparser): the articles a feed lists.

A feed's items become articles to build (:func:`kg.corpus.expand`): each item's link, title and date. A
feed's links are followed only to http(s) URLs, never to ``file:`` or another scheme.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.errors import InputError
from kg.web.fetch import FEED_TYPES, Fetched, Fetcher, is_url

__all__ = ["FEED_SUFFIXES", "Item", "fetch_feed", "is_feed", "parse_feed", "read_feed_file", "sniff"]

FEED_SUFFIXES = (".rss", ".atom", ".xml")


@dataclass(frozen=True)
class Item:
    """An article a feed lists: its link, title, date, and when the feed says it last changed."""

    link: str
    title: str | None = None
    published: date | None = None
    updated: str | None = None


def is_feed(body: bytes, content_type: str = "") -> bool:
    """Whether a response or file is an RSS or Atom feed: by its content type, else by its first element."""
    if content_type in FEED_TYPES and content_type not in ("application/xml", "text/xml"):
        return True
    head = body[:2048].decode("utf-8", "ignore").lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def parse_feed(body: bytes, *, url: str | None = None) -> list[Item]:
    """The items of a feed, in its order, those with an http(s) link. Raises :class:`InputError` when the
    body is no feed."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url} if url else None)
    if not parsed.get("version") and not parsed.entries:
        where = url or "the file"
        raise InputError(f"{where} is no RSS or Atom feed that kg can read")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not is_url(link):
            continue  # a link to file: or another scheme is never followed
        # dict.get, not FeedParserDict's: it maps "updated" to "published" with a deprecation warning
        stamp = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
        day = date(*stamp[:3]) if stamp else None
        changed = dict.get(entry, "updated") or dict.get(entry, "published")
        items.append(Item(link, entry.get("title") or None, day, changed))
    return items


def read_feed_file(path: Path) -> list[Item]:
    """The items of a feed saved as a file."""
    try:
        return parse_feed(path.read_bytes(), url=None)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


def fetch_feed(fetcher: Fetcher, url: str, **validators: str | None) -> tuple[Fetched, list[Item]]:
    """Fetch a feed (conditionally, with an ETag or Last-Modified of an earlier answer); its items, none when
    the server says it has not changed."""
    got = fetcher.fetch(url, **validators)  # type: ignore[arg-type]
    return got, ([] if got.not_modified else parse_feed(got.body, url=got.url))


def sniff(path: Path) -> bool:
    """Whether a file given to ``kg build`` is a feed: by its suffix and first element."""
    if path.suffix.lower() not in FEED_SUFFIXES:
        return False
    with open(path, "rb") as f:
        return is_feed(f.read(2048))
