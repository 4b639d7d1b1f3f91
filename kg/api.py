"""``build()``: the one function behind both the ``kg build`` command and the Python API."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import rdflib

from kg import read

if TYPE_CHECKING:
    from spacy.tokens import Doc


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


def build_article(article: read.Article, *, min_confidence: float = 0.0, doc: Doc | None = None) -> rdflib.Graph:
    """Run the extract, resolve and emit stages on an article that has been read; return its graph.

    ``doc`` is the article's text run through :func:`kg.nlp.parse` already, as :mod:`kg.corpus` does for
    many articles at once with ``nlp.pipe``.
    """
    from kg import emit, extract, resolve

    return emit.emit(resolve.resolve(extract.extract(article, doc)), min_confidence=min_confidence)


def article_triples(
    article: read.Article, *, min_confidence: float = 0.0, doc: Doc | None = None
) -> list[tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]]:
    """The triples of :func:`build_article`'s graph, each once, without building an rdflib graph: what
    :mod:`kg.corpus` writes to a store or merges (an rdflib graph of every article would take a third of
    the time the rules do)."""
    # Imported here so that ``import kg`` stays light: extraction loads spaCy.
    from kg import emit, extract, resolve

    return emit.emit_triples(resolve.resolve(extract.extract(article, doc)), min_confidence=min_confidence)
