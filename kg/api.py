"""``build()``: the one function behind both the ``kg build`` command and the Python API."""

from __future__ import annotations

from datetime import date

import rdflib

from kg import read


def build(
    text: str,
    *,
    published: date | str | None = None,
    source: str | None = None,
    min_confidence: float = 0.0,
) -> rdflib.Graph:
    """Build the knowledge graph of one article.

    ``text`` is the article as plain text; ``published`` (a date or ``YYYY-MM-DD``) resolves "today",
    weekday names and "last month". Raises :class:`kg.errors.InputError` on empty text and
    :class:`kg.errors.UsageError` on a malformed date.
    """
    if isinstance(published, str):
        published = read.parse_date(published)
    article = read.read_text(text, published=published, source=source)
    return build_article(article, min_confidence=min_confidence)


def build_article(article: read.Article, *, min_confidence: float = 0.0) -> rdflib.Graph:
    """Run the extract, resolve and emit stages on an article that has been read."""
    # Imported here so that ``import kg`` stays light: extraction loads spaCy.
    from kg import emit, extract, resolve

    extraction = extract.extract(article)
    resolved = resolve.resolve(extraction)
    return emit.emit(resolved, min_confidence=min_confidence)
