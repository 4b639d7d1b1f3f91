"""Reading a kg store: queries over the merged graph of its articles, named queries, paging, quads and
exports. :class:`Reader` is the base of :class:`kg.store.Store`, which opens and closes the store."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO

import pyoxigraph as ox
import rdflib

from kg.errors import QueryError, StoreError, UsageError, one_line
from kg.namespace import KG, KGR, PREFIXES
from kg.query import Query, atomic_file, load_query, paged
from kg.serialize import FORMATS, check_provenance, write_rdf
from kg.store.locking import store_errors
from kg.terms import binding, named_node, project, substitute, text_of, variable

__all__ = ["EXPORT_FORMATS", "Reader"]

EXPORT_FORMATS = FORMATS
"""Formats export() writes, by the names the CLI takes: trig and nquads keep each article's named graph, the
others write the merged graph of the articles."""

_ARTICLE_PREFIX = str(KGR["article/"])
_SOURCE = ox.NamedNode(str(KG.source))


class Reader:
    """What an open store answers, read-only or not: its articles, queries, quads and exports."""

    def __init__(self, path: Path, db: ox.Store, *, lock_fd: int | None, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self._db: ox.Store | None = db
        self._lock_fd = lock_fd

    def articles(self) -> list[str]:
        """The IRIs of the articles in the store (its named graphs but those linking writes, see
        :mod:`kg.link.store`), sorted.

        Raises :class:`StoreError` if the store is closed or cannot be read.
        """
        with store_errors(self.path):
            graphs = (graph.value for graph in self._open_db().named_graphs())
            return sorted(g for g in graphs if g.startswith(_ARTICLE_PREFIX))

    def _graphs_of(self, source: str) -> set[str]:
        """The articles from ``source``: an index lookup of ``kg:source`` with that value."""
        return {q.subject.value for q in self._source_quads(source)}

    def _source_quads(self, source: str | None) -> list[ox.Quad]:
        """The ``kg:source`` quads of the article graphs (each article states its own), for ``source`` or all."""
        value = None if source is None else ox.Literal(source)
        with store_errors(self.path):
            quads = self._open_db().quads_for_pattern(None, _SOURCE, value, None)
            return [q for q in quads if q.graph_name == q.subject]

    def sources(self) -> set[str]:
        """The ``kg:source`` of every article in the store (URLs and file paths they were built from).

        Raises :class:`StoreError` if the store is closed or cannot be read.
        """
        return {q.object.value for q in self._source_quads(None)}

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None) -> list[dict[str, str | None]]:
        """Run a SPARQL SELECT query over the merged graph of the articles: the rows of :meth:`rows`, as a list.
        Raises what :meth:`rows` raises."""
        return list(self.rows(sparql, bindings))

    def rows(self, sparql: str, bindings: Mapping[str, object] | None = None) -> Iterator[dict[str, str | None]]:
        """Run a SPARQL SELECT query over the merged graph of the articles, and yield its rows as the store
        gives them, without holding them all.

        ``bindings`` maps variable names to values, substituted for the variables as RDF terms (never pasted
        into the text): rdflib terms as they are, anything else as a plain literal of its ``str()``. Yields
        one dict per row, mapping each projected variable, in SELECT order, to its value as a string (``None``
        when unbound), as :func:`kg.query.query` does. The query runs on the store's default graph, the merged
        graph of the articles; ``GRAPH ?g { ... }`` reaches each article's own graph.

        Raises :class:`QueryError` when the query does not parse, is not a SELECT query, or a binding names an
        invalid variable or holds an invalid term, and :class:`StoreError` when the store is closed or cannot
        be read.
        """
        self._open_db()
        substitutions = {variable(name): binding(value) for name, value in (bindings or {}).items()}
        # Oxigraph substitutes only variables the SELECT clause projects; project the others too, then drop them.
        sparql, added = project(sparql, [variable.value for variable in substitutions])
        with store_errors(self.path):
            try:
                results = self._open_db().query(sparql, substitutions=substitutions)
            except SyntaxError as exc:
                if added:
                    raise QueryError(
                        f"query does not parse once {', '.join('?' + name for name in added)} is added to its SELECT"
                        " clause, as Oxigraph needs to bind a parameter (a GROUP BY query must group by it too): "
                        + one_line(exc)
                    ) from exc
                raise QueryError(f"query does not parse: {one_line(exc)}") from exc
            if not isinstance(results, ox.QuerySolutions):
                raise QueryError("kg runs SELECT queries only; this is an ASK, CONSTRUCT or DESCRIBE query")
            columns = [(i, var.value) for i, var in enumerate(results.variables) if var.value not in added]
            for row in results:
                yield {name: None if row[i] is None else text_of(row[i]) for i, name in columns}

    def run_named(
        self,
        name_or_path: str | os.PathLike[str] | Query,
        /,
        *,
        limit: int | None = None,
        offset: int = 0,
        **params: object,
    ) -> list[dict[str, str | None]]:
        """Run a named query (or a ``.rq`` file, or a loaded :class:`~kg.query.Query`) on the store.

        Parameters are checked and bound as :func:`kg.query.query` binds them (plain string literals), and
        the rows have the same shape; ``limit`` and ``offset`` page through them, in the store. Raises
        :class:`QueryError` as :func:`kg.query.query` does, and :class:`StoreError` when the store is closed or
        cannot be read.
        """
        return list(self.named_rows(name_or_path, params, limit=limit, offset=offset))

    def named_rows(
        self,
        name_or_path: str | os.PathLike[str] | Query,
        params: Mapping[str, object] | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[dict[str, str | None]]:
        """The rows of :meth:`run_named`, one at a time, as the store gives them. Raises what it raises."""
        named = name_or_path if isinstance(name_or_path, Query) else load_query(name_or_path)
        bindings: Mapping[str, object] = named.bind(params or {})
        try:
            # Written into the text: Oxigraph plans a query knowing its constants (an entity lookup by its
            # key is 2 ms, not 100, on 60,000 quads), and applies substitutions only once it has planned.
            text, bindings = substitute(named, bindings), {}  # type: ignore[arg-type]
        except QueryError:  # a parameter the query selects or assigns: Oxigraph binds it instead
            text = named.text
        text = paged(named, text, limit, offset)
        try:
            yield from self.rows(text, bindings)
        except QueryError as exc:  # SPARQL that rdflib reads but Oxigraph does not
            raise QueryError(f"query {named.name!r}: {exc}") from exc

    def export(
        self,
        target: str | os.PathLike[str] | IO[bytes],
        fmt: str,
        *,
        provenance: str = "full",
        style: str = "reification",
    ) -> None:
        """Write the store to ``target`` (a path, or a binary stream such as ``sys.stdout.buffer``).

        ``fmt`` is ``trig`` or ``nquads`` (every article in its named graph) or ``turtle``, ``nt`` or ``jsonld``
        (the merged graph of the articles, each triple once), in reading order, at the provenance level and in
        the style of :mod:`kg.serialize`. The store is streamed, subject by subject, not loaded into memory. A
        path is written to a temporary file that is renamed over it at the end, so nothing half-written is
        left behind.

        Raises :class:`UsageError` on an unknown format, level or style or a path that cannot be written, and
        :class:`StoreError` when the store is closed or cannot be read.
        """
        if fmt not in EXPORT_FORMATS:
            raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        check_provenance(provenance, style)
        self._open_db()
        if isinstance(target, str | os.PathLike):
            with atomic_file(Path(target)) as out:
                self._export(out, fmt, provenance, style)
        else:
            self._export(target, fmt, provenance, style)

    def to_graph(self) -> rdflib.Graph:
        """The merged graph of the articles (each triple once) as an in-memory rdflib graph, with kg's prefixes.

        Meant for stores that fit in memory (networkx projections, ``kg viz``); query large stores in place.
        Raises :class:`StoreError` when the store is closed or cannot be read.
        """
        buffer = io.BytesIO()
        with store_errors(self.path):
            self._open_db().dump(buffer, ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        graph = rdflib.Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        graph.parse(data=buffer.getvalue(), format="nt")
        return graph

    def quads(
        self,
        *,
        subject: str | None = None,
        predicate: str | None = None,
        obj: str | None = None,
        graph: str | None = None,
    ) -> Iterator[ox.Quad]:
        """The quads with the IRI ``subject``, ``predicate`` or ``obj`` in the graph ``graph`` (an IRI), any of
        them left out to take every value, streamed.

        Raises :class:`StoreError` when the store is closed or cannot be read.
        """

        def node(iri: str | None) -> ox.NamedNode | None:
            return None if iri is None else named_node(iri, "IRI")

        with store_errors(self.path):
            yield from self._open_db().quads_for_pattern(node(subject), node(predicate), node(obj), node(graph))

    def article_quads(self, article: str) -> Iterator[ox.Quad]:
        """The quads of one article's named graph, streamed (none when the store has no such article).

        Raises :class:`StoreError` when the store is closed or cannot be read.
        """
        yield from self.quads(graph=article)

    def article_graph(self, article: str) -> rdflib.Graph:
        """The named graph of one article, as an rdflib graph (empty when the store has no such article).

        Raises :class:`StoreError` when the store is closed or cannot be read.
        """
        buffer = io.BytesIO()
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in self.article_quads(article))
        with store_errors(self.path):
            ox.serialize(triples, buffer, ox.RdfFormat.N_TRIPLES)
        graph = rdflib.Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        return graph.parse(data=buffer.getvalue(), format="nt")

    def _open_db(self, *, write: bool = False) -> ox.Store:
        if self._db is None:
            raise StoreError(f"store {self.path} is closed; open it again with Store.open()")
        if write and self.read_only:
            raise StoreError(f"store {self.path} was opened read-only; open it without read_only to write")
        return self._db

    def _export(self, out: IO[bytes], fmt: str, provenance: str, style: str) -> None:
        try:
            write_rdf(self._open_db(), out, fmt, provenance=provenance, style=style)
        except (OSError, RuntimeError) as exc:  # Oxigraph does not tell a store it cannot read from an output
            raise StoreError(f"cannot export the store {self.path}: {one_line(exc)}") from exc
