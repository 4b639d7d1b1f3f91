"""``build()``: the one function behind both the ``kg build`` command and the Python API."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

import rdflib
from rdflib.term import Node

from kg import read
from kg.namespace import article_iri

if TYPE_CHECKING:
    from spacy.tokens import Doc

Triple = tuple[Node, Node, Node]


def build(
    text: str,
    *,
    published: date | str | None = None,
    source: str | None = None,
    min_confidence: float = 0.0,
    provenance: str = "full",
) -> rdflib.Graph:
    """Build the knowledge graph of one article.

    ``text`` is the article as plain text; ``published`` (a date or ``YYYY-MM-DD``) resolves "today",
    weekday names and "last month". ``provenance`` is ``full`` (every fact a statement with its confidence and
    sentence), ``sentences`` (each entity ``kg:mentionedIn`` its sentences) or ``none`` (see
    :mod:`kg.serialize`). Raises :class:`kg.errors.InputError` on empty text and :class:`kg.errors.UsageError`
    on a malformed date or an unknown provenance level.
    """
    if isinstance(published, str):
        published = read.parse_date(published)
    article = read.read_text(text, published=published, source=source)
    return build_article(article, min_confidence=min_confidence, provenance=provenance)


def build_article(
    article: read.Article, *, min_confidence: float = 0.0, provenance: str = "full", doc: Doc | None = None
) -> rdflib.Graph:
    """Run the extract, resolve and emit stages on an article that has been read, then link its entities
    (:func:`merged_graph`); return its graph, as ``kg build FILE -o OUT`` writes it.

    ``doc`` is the article's text run through :func:`kg.nlp.parse` already, as :mod:`kg.corpus` does for
    many articles at once with ``nlp.pipe``.
    """
    triples = article_triples(article, min_confidence=min_confidence, provenance=provenance, doc=doc)
    return merged_graph([(str(article_iri(article.text)), triples)])


def merged_graph(articles: Iterable[tuple[str, Sequence[Triple]]]) -> rdflib.Graph:
    """The graph of many articles' triples (each given with its article's IRI) once their entities are linked
    across articles (:mod:`kg.link`): one node per person, meeting, treaty and place, with ``owl:sameAs`` from
    the IRIs each article gave it and the tenure of offices."""
    from kg import link
    from kg.namespace import bind_prefixes

    articles = list(articles)
    records = [r for iri, triples in articles for r in link.from_triples(iri, triples)]
    resolution = link.link(records)
    graph = bind_prefixes(rdflib.Graph())
    graph.addN((s, p, o, graph) for s, p, o in link.rewrite(articles, resolution))
    return graph


def article_triples(
    article: read.Article, *, min_confidence: float = 0.0, provenance: str = "full", doc: Doc | None = None
) -> list[Triple]:
    """The triples of one article as the article alone states them, each once, before linking: what
    :mod:`kg.corpus` writes to a store as the article's named graph, or links with others' into one graph
    (:func:`merged_graph`)."""
    # Imported here so that ``import kg`` stays light: extraction loads spaCy.
    from kg import emit, extract, resolve

    resolved = resolve.resolve(extract.extract(article, doc))
    return emit.emit_triples(resolved, min_confidence=min_confidence, provenance=provenance)
