"""A persistent RDF store of many articles: an embedded Oxigraph store, one named graph per article.

The store is the on-disk format the ``oxigraph`` server opens (``oxigraph serve --location PATH``). Each
article lives in the named graph of its IRI (:func:`kg.emit.article_iri`); :meth:`Store.replace_article`
swaps that graph for a new one in a single transaction, so a process killed half way (even by SIGKILL) leaves
the old graph or the new one, never a mix or a duplicate. The store's default graph is the merged graph of
all its articles, each triple once, kept up to date by the same transaction: queries run on it (an official
named in two articles is one node, found once), and ``GRAPH ?article { ... }`` asks what one article says.

Only one process writes to a store at a time: :meth:`Store.open` takes an advisory lock on ``PATH/.kg.lock``
and raises :class:`~kg.errors.StoreError` (naming the pid that holds it) when another kg process has it.
Readers share that lock: any number of them read at once, but never while a process writes, because
pyoxigraph cannot read a store that another process is writing (see :meth:`Store.open`).

>>> import tempfile
>>> from rdflib import Graph, Literal
>>> from kg.namespace import KG, KGR
>>> graph = Graph()
>>> graph.add((KGR["nation/FRA"], KG.iso3, Literal("FRA")))  # doctest: +ELLIPSIS
<Graph ...>
>>> graph.add((KGR["nation/FRA"], KG.name, Literal("France")))  # doctest: +ELLIPSIS
<Graph ...>
>>> with tempfile.TemporaryDirectory() as folder, Store.open(folder) as store:
...     store.replace_article(graph, KGR["article/0123456789abcdef"])
...     store.articles(), len(store)
...     store.query("SELECT ?name WHERE { ?n <https://w3id.org/kg/ontology#iso3> ?code ; "
...                 "<https://w3id.org/kg/ontology#name> ?name }", {"code": "FRA"})
(['https://w3id.org/kg/id/article/0123456789abcdef'], 4)
[{'name': 'France'}]
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import io
import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

import pyoxigraph as ox
import rdflib

from kg.errors import GraphError, QueryError, StoreError, UsageError, one_line
from kg.namespace import KG, KGR, PREFIXES
from kg.query import Query, atomic_file, load_query, paged
from kg.terms import binding, named_node, ox_term, project, substitute, text_of, variable

__all__ = [
    "EXPORT_FORMATS",
    "LOCK_FILE",
    "PENDING_FILE",
    "Store",
    "is_store",
    "locked",
    "ntriples_lines",
    "replace_graph_update",
]

LOCK_FILE = ".kg.lock"
"""The advisory lock file inside a store folder; it holds the pid of the kg process that writes."""

# Formats export() writes, by the names the CLI takes. The first two keep each article's named graph; the
# others write the merged graph of the articles.
EXPORT_FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_GRAPH_FORMATS = {"trig", "nquads"}

# How often a process waiting for the lock tries again.
_RETRY_SECONDS = 0.05

PENDING_FILE = ".kg-pending.nq"
"""The file in a store folder holding the articles :meth:`Store.write_articles` is writing (N-Quads, their
named graphs): there only while it writes, or after a process stopped in the middle."""

_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
_ARTICLE_PREFIX = str(KGR["article/"])
_SOURCE = ox.NamedNode(str(KG.source))


class Store:
    """An Oxigraph store of articles, one named graph each. Open it with :meth:`Store.open`.

    A ``Store`` is a context manager; leaving the ``with`` block closes it and frees the lock.
    """

    def __init__(self, path: Path, db: ox.Store, *, lock_fd: int | None, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self._db: ox.Store | None = db
        self._lock_fd = lock_fd

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False, wait: float = 0) -> Store:
        """Open the store in the folder ``path``, creating the folder and the store unless ``read_only``.

        A writer takes the lock ``PATH/.kg.lock`` for itself; a reader (``read_only``) shares it with other
        readers. While the lock is held the other way (by another process, or another ``Store`` of this one),
        ``open`` tries again for ``wait`` seconds. Readers and a writer never overlap: pyoxigraph documents a
        read-only open of a store that another process writes as undefined behaviour, and it is: such opens
        fail now and then with "Corruption: ... No such file", and a query on one can spin or eat memory
        until it is killed.

        Raises :class:`StoreError` when another kg process still holds the lock after ``wait`` seconds, when
        another program (an ``oxigraph`` server) has the store open for writing, when ``path`` is a file or a
        folder of other files, when a read-only store does not exist, or when Oxigraph cannot open it.
        """
        path = Path(path)
        deadline = time.monotonic() + max(wait, 0)
        if read_only:
            if not is_store(path):
                raise StoreError(f"there is no store at {path}; build one with `kg build ARTICLES --store {path}`")
        else:
            _prepare_folder(path)
        lock_fd = _lock(path, deadline, shared=read_only)
        try:
            db = _open_reader(path) if read_only else _open_writer(path, deadline)
            if (path / PENDING_FILE).exists():
                if read_only:
                    raise StoreError(
                        f"store {path} was left half written by a kg process that stopped; finish it with "
                        f"`kg build ARTICLES --store {path} --resume` or `kg resolve --store {path}`"
                    )
                with _store_errors(path):
                    _write_pending(db, path / PENDING_FILE)
        except BaseException:
            _unlock(lock_fd, writer=not read_only)
            raise
        return cls(path, db, lock_fd=lock_fd, read_only=read_only)

    def close(self) -> None:
        """Close the store and free its lock. Closing twice does nothing."""
        # Oxigraph closes the database (and waits for its background work) when its last reference goes. The
        # methods below keep no reference in local variables, so that a traceback cannot keep it open.
        self._db = None
        if self._lock_fd is not None:
            _unlock(self._lock_fd, writer=not self.read_only)
            self._lock_fd = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        state = "closed" if self._db is None else mode
        return f"<Store {self.path} ({state})>"

    def __len__(self) -> int:
        """The number of quads in the store: each article's triples, and those of the merged graph once.

        Raises :class:`StoreError` if the store is closed or cannot be read.
        """
        with _store_errors(self.path):
            return len(self._open_db())

    def articles(self) -> list[str]:
        """The IRIs of the articles in the store (its named graphs but those linking writes, see
        :mod:`kg.link.store`), sorted.

        Raises :class:`StoreError` if the store is closed or cannot be read.
        """
        with _store_errors(self.path):
            graphs = (graph.value for graph in self._open_db().named_graphs())
            return sorted(g for g in graphs if g.startswith(_ARTICLE_PREFIX))

    def _graphs_of(self, source: str) -> set[str]:
        """The articles from ``source``: an index lookup of ``kg:source`` with that value."""
        return {q.subject.value for q in self._source_quads(source)}

    def _source_quads(self, source: str | None) -> list[ox.Quad]:
        """The ``kg:source`` quads of the article graphs (each article states its own), for ``source`` or all."""
        value = None if source is None else ox.Literal(source)
        with _store_errors(self.path):
            quads = self._open_db().quads_for_pattern(None, _SOURCE, value, None)
            return [q for q in quads if q.graph_name == q.subject]

    def sources(self) -> set[str]:
        """The ``kg:source`` of every article in the store (URLs and file paths they were built from).

        Raises :class:`StoreError` if the store is closed or cannot be read.
        """
        return {q.object.value for q in self._source_quads(None)}

    def replace_article(
        self,
        graph: Iterable[tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]],
        article: str,
        *,
        source: str | None = None,
    ) -> None:
        """Make ``graph`` (an rdflib graph or its triples) the named graph of ``article`` (its IRI), replacing
        what the store held for it.

        ``source`` (the article's URL or file path) is recorded as the article's ``kg:source``, and the graph of
        any other article from the same source is dropped: an article whose text changed (a new IRI) replaces
        its old version instead of standing beside it.

        Dropping the old graphs and adding the new one is one transaction: a process killed half way leaves
        the old graphs or the new one. Blank nodes are new nodes in each article. Oxigraph stores literals by
        value: ``"1.0"^^xsd:decimal`` reads back as ``"1"``, every integer type (``xsd:nonNegativeInteger``
        for NIF offsets) as ``xsd:integer``, and a plain literal as ``xsd:string`` (the same in RDF 1.1).

        Raises :class:`GraphError` when a term of ``graph`` cannot be stored (an invalid IRI or language tag,
        a literal subject) and :class:`StoreError` when the store is read-only, closed or cannot be written.
        """
        self.replace_article_ntriples(ntriples_lines(graph), article, source=source)

    def replace_article_ntriples(self, lines: list[str], article: str, *, source: str | None = None) -> None:
        """:meth:`replace_article` for a graph given as N-Triples lines (without their final " ."), as
        :func:`ntriples_lines` writes them. Raises what :meth:`replace_article` raises."""
        self._open_db(write=True)
        name = str(named_node(article, "article"))
        lines = [f"{line} ." for line in lines]
        # pyoxigraph has no transaction spanning two calls (remove_graph then extend would let a reader or a
        # crash see the article missing), but a SPARQL update is one transaction. Every term is written by
        # Oxigraph's own N-Triples serializer after it validated the term, so the data cannot escape its place.
        # Measured on a 5,005-triple graph (2 cores; new graph / replacing one, triples/s): this update 20-21k /
        # 12-14k; remove_graph + extend of converted quads 25-30k / 13-15k; remove_graph + load of rdflib's
        # N-Triples 25-29k / 14-15k. The faster two are two transactions each, and an article of kg is ~700
        # triples (~50 ms here), far below what spaCy takes to read it.
        # Dropping the other versions of the article by name, in the same update; deleting their triples would
        # leave empty named graphs behind. The writer's lock keeps their list from changing meanwhile.
        older = self._graphs_of(source) - {article} if source is not None else set()
        if source is not None:
            lines.append(f"{name} <{KG.source}> {ox.Literal(source)} .")
        replaced = [str(named_node(iri, "article")) for iri in sorted(older | {article})]
        update = replace_graph_update(name, lines, replaced=replaced)
        with _store_errors(self.path):
            try:
                self._open_db().update(update)
            except SyntaxError as exc:  # a term Oxigraph accepted but cannot read back: a bug, not bad data
                raise GraphError(f"cannot store the graph of {article}: {one_line(exc)}") from exc

    def write_articles(self, articles: Sequence[tuple[str, list[str], str | None]]) -> None:
        """:meth:`replace_article_ntriples` for several articles, each ``(article, lines, source)``, in fewer
        and cheaper writes: what a corpus build calls.

        The articles the store does not hold yet, from sources it does not hold either, are written together
        with Oxigraph's bulk writer, which does not read before it writes: their named graphs, then their
        triples into the merged default graph, in about a third of the time of a transaction each (see
        benchmarks/README.md). The bulk writer is not transactional, so what it is about to write is first
        made durable in the file :data:`PENDING_FILE` of the store folder, and removed once written. A
        process killed in between leaves the file, and the next :meth:`open` for writing writes it again
        (writing a quad twice changes nothing); readers are refused until then. The other articles replace
        what the store holds, one transaction each. Raises what :meth:`replace_article` raises.
        """
        db = self._open_db(write=True)
        fresh: list[tuple[str, list[str], str | None]] = []
        replacing: list[tuple[str, list[str], str | None]] = []
        seen: set[str | None] = set()
        for article, lines, source in articles:
            held = db.contains_named_graph(named_node(article, "article")) or (
                source is not None and self._graphs_of(source)
            )
            new = not held and article not in seen and (source is None or source not in seen)
            (fresh if new else replacing).append((article, lines, source))
            seen |= {article, source}
        if fresh:
            self._add_new(fresh)
        for article, lines, source in replacing:  # after the new ones: a later version of a source wins
            self.replace_article_ntriples(lines, article, source=source)

    def _add_new(self, articles: list[tuple[str, list[str], str | None]]) -> None:
        parts = []
        for article, lines, source in articles:
            name = str(named_node(article, "article"))
            if source is not None:
                lines = [*lines, f"{name} <{KG.source}> {ox.Literal(source)}"]
            tail = f" {name} .\n"
            parts.append(tail.join(lines) + tail if lines else "")
        text = "".join(parts).encode()
        pending = self.path / PENDING_FILE
        with _store_errors(self.path):
            with atomic_file(pending) as out:
                out.write(text)
            _write_pending(self._open_db(), pending)

    def update(self, sparql: str) -> None:
        """Run a SPARQL update on the store, in one transaction.

        Raises :class:`QueryError` when it does not parse and :class:`StoreError` when the store is read-only,
        closed or cannot be written.
        """
        self._open_db(write=True)
        with _store_errors(self.path):
            try:
                self._open_db().update(sparql)
            except SyntaxError as exc:
                raise QueryError(f"update does not parse: {one_line(exc)}") from exc

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
        with _store_errors(self.path):
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

    def export(self, target: str | os.PathLike[str] | IO[bytes], fmt: str) -> None:
        """Write the store to ``target`` (a path, or a binary stream such as ``sys.stdout.buffer``).

        ``fmt`` is ``trig`` or ``nquads`` (every article in its named graph) or ``turtle`` or ``nt`` (the
        merged graph of the articles, each triple once). The store is streamed, not loaded into memory. A path
        is written to a temporary file that
        is renamed over it at the end, so nothing half-written is left behind.

        Raises :class:`UsageError` on an unknown format or a path that cannot be written, and
        :class:`StoreError` when the store is closed or cannot be read.
        """
        if fmt not in EXPORT_FORMATS:
            raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        self._open_db()
        if isinstance(target, str | os.PathLike):
            with atomic_file(Path(target)) as out:
                self._dump(out, fmt)
        else:
            self._dump(target, fmt)

    def to_graph(self) -> rdflib.Graph:
        """The merged graph of the articles (each triple once) as an in-memory rdflib graph, with kg's prefixes.

        Meant for stores that fit in memory (networkx projections, ``kg viz``); query large stores in place.
        Raises :class:`StoreError` when the store is closed or cannot be read.
        """
        buffer = io.BytesIO()
        self._dump(buffer, "nt")
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

        with _store_errors(self.path):
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
        with _store_errors(self.path):
            ox.serialize(triples, buffer, ox.RdfFormat.N_TRIPLES)
        graph = rdflib.Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        return graph.parse(data=buffer.getvalue(), format="nt")

    def flush(self) -> None:
        """Write Oxigraph's buffers to disk now (it also does so in the background).

        Raises :class:`StoreError` when the store is read-only, closed or cannot be written.
        """
        with _store_errors(self.path):
            self._open_db(write=True).flush()

    def optimize(self) -> None:
        """Compact the store; worth doing after writing many articles.

        Raises :class:`StoreError` when the store is read-only, closed or cannot be written.
        """
        with _store_errors(self.path):
            self._open_db(write=True).optimize()

    def _open_db(self, *, write: bool = False) -> ox.Store:
        if self._db is None:
            raise StoreError(f"store {self.path} is closed; open it again with Store.open()")
        if write and self.read_only:
            raise StoreError(f"store {self.path} was opened read-only; open it without read_only to write")
        return self._db

    def _dump(self, out: IO[bytes], fmt: str) -> None:
        rdf_format = EXPORT_FORMATS[fmt]
        prefixes = _PREFIXES if fmt in {"trig", "turtle"} else None
        try:
            db = self._open_db()
            if fmt in _GRAPH_FORMATS:
                # The articles' graphs; the default graph is what they merge into, and an importer can redo it.
                quads = (
                    q for q in db.quads_for_pattern(None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph)
                )
                ox.serialize(quads, out, rdf_format, prefixes=prefixes)
            else:
                db.dump(out, rdf_format, from_graph=ox.DefaultGraph(), prefixes=prefixes)
        except (
            OSError,
            RuntimeError,
        ) as exc:  # Oxigraph does not tell a store it cannot read from an output it cannot write
            raise StoreError(f"cannot export the store {self.path}: {one_line(exc)}") from exc


# --- updates --------------------------------------------------------------------------------------------


def ntriples_lines(graph: Iterable[tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]]) -> list[str]:
    """Each triple of ``graph`` (an rdflib graph or its triples) as an N-Triples line without its final " .",
    every term written by Oxigraph's serializer once Oxigraph checked it; each blank node is a new one.

    Raises :class:`GraphError` when a term cannot be stored (an invalid IRI or language tag, a literal subject).

    >>> from rdflib import Literal, URIRef
    >>> ntriples_lines([(URIRef("http://ex/a"), URIRef("http://ex/b"), Literal('say "hi"'))])
    ['<http://ex/a> <http://ex/b> "say \\\\"hi\\\\""']
    """
    terms: dict[rdflib.term.Node, str] = {}
    blank_nodes: dict[rdflib.BNode, ox.BlankNode] = {}

    def n3(term: rdflib.term.Node) -> str:
        text = terms.get(term)
        if text is None:
            text = terms[term] = str(ox_term(term, blank_nodes))
        return text

    lines = []
    for s, p, o in graph:
        if not isinstance(s, rdflib.URIRef | rdflib.BNode) or not isinstance(p, rdflib.URIRef):
            raise GraphError(f"cannot store the triple ({s!r}, {p!r}, {o!r}): not an RDF triple")
        lines.append(f"{n3(s)} {n3(p)} {n3(o)}")
    return lines


def replace_graph_update(graph: str, lines: Iterable[str], *, replaced: Iterable[str] = ()) -> str:
    """The SPARQL update that makes ``lines`` (N-Triples) the named graph ``graph`` (an IRI in ``<>``) and
    keeps the default graph the merged graph of all named graphs: the triples of the ``replaced`` graphs (also
    ``<>`` IRIs; ``graph`` itself when it is being rebuilt) that no other named graph states leave it, and
    the new triples join it. A server that runs an update request in one transaction, as Oxigraph does, never
    shows a state in between. ``kg push`` sends the same update to remote stores.

    >>> print(replace_graph_update("<http://ex/g>", ["<http://ex/a> <http://ex/b> <http://ex/c> ."],
    ...                            replaced=["<http://ex/g>"]))
    DELETE { ?s ?p ?o } WHERE { GRAPH <http://ex/g> { ?s ?p ?o }
      FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER (?other NOT IN (<http://ex/g>)) } } ;
    DROP SILENT GRAPH <http://ex/g> ;
    INSERT DATA {
    <http://ex/a> <http://ex/b> <http://ex/c> .
    GRAPH <http://ex/g> {
    <http://ex/a> <http://ex/b> <http://ex/c> .
    } }
    """
    replaced = list(replaced)
    parts = []
    if replaced:
        others = ", ".join(replaced)
        for old in replaced:
            parts.append(
                f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {old} {{ ?s ?p ?o }}\n"
                f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other NOT IN ({others})) }} }} ;\n"
            )
        parts += [f"DROP SILENT GRAPH {old} ;\n" for old in replaced]
    body = "\n".join(lines)
    # One INSERT DATA for both graphs: a blank node label names the same node in each.
    parts.append(f"INSERT DATA {{\n{body}\nGRAPH {graph} {{\n{body}\n}} }}")
    return "".join(parts)


# --- opening and locking ---------------------------------------------------------------------------------


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder holding an Oxigraph store."""
    return (Path(path) / "CURRENT").is_file()


@contextlib.contextmanager
def locked(path: str | os.PathLike[str], *, shared: bool, wait: float = 0) -> Iterator[int | None]:
    """Hold the kg lock of the store at ``path`` without opening the store: shared (readers) or exclusive.

    For programs that open the store themselves, such as an ``oxigraph`` server started by ``kg serve``.
    Yields the descriptor holding the lock (None for a reader of a store whose lock file cannot be opened): a
    child process that inherits it keeps the store locked for as long as it runs.
    Raises :class:`StoreError` when another kg process still holds the lock the other way after ``wait``
    seconds, or when the lock file cannot be created.
    """
    path = Path(path)
    fd = _lock(path, time.monotonic() + max(wait, 0), shared=shared)
    try:
        yield fd
    finally:
        _unlock(fd, writer=not shared)


def _prepare_folder(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} is a file; give a folder for the store (it is created if missing)")
    try:
        path.mkdir(parents=True, exist_ok=True)
        others = [entry.name for entry in path.iterdir() if entry.name != LOCK_FILE]
    except OSError as exc:
        raise StoreError(f"cannot create the store folder {path}: {exc.strerror or exc}") from exc
    # RocksDB writes its files into any folder; refuse to scatter them among someone's other files.
    if others and not is_store(path):
        raise StoreError(f"{path} holds other files and is not a store; give a new or empty folder")


def _lock(path: Path, deadline: float, *, shared: bool) -> int | None:
    """Take the lock of the store at ``path``, shared or for a writer, trying until ``deadline``.

    Returns the descriptor that holds it: closing it frees the lock. A reader that can neither open nor create
    the lock file (a store on read-only media, or made by another program) reads without it.
    """
    lock_path = path / LOCK_FILE
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        if not shared:
            raise StoreError(f"cannot create the lock file {lock_path}: {exc.strerror or exc}") from exc
        try:
            fd = os.open(lock_path, os.O_RDONLY)
        except OSError:
            return None
    while True:
        try:
            # flock, not fcntl's record locks: two opens in one process exclude each other too, and the
            # kernel frees the lock when its process dies, however it dies.
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
            break
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                os.close(fd)
                raise StoreError(f"cannot lock {lock_path}: {exc.strerror or exc}") from exc
        if time.monotonic() >= deadline:
            holder = _holder(fd)
            os.close(fd)
            who = f"pid {holder}" if holder else "reading it"
            raise StoreError(
                f"store {path} is in use by another kg process ({who}); wait for it or use another --store"
            )
        time.sleep(_RETRY_SECONDS)
    if not shared:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def _holder(fd: int) -> str | None:
    """The pid of the writer holding the lock; None when readers hold it (or the writer has yet to write it)."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return text if text.isdigit() else None


def _unlock(fd: int | None, *, writer: bool) -> None:
    if fd is None:
        return
    if writer:
        os.ftruncate(fd, 0)  # while still holding the lock, so that the next writer's pid is never erased
    os.close(fd)


def _open_reader(path: Path) -> ox.Store:
    try:
        return ox.Store.read_only(str(path))
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"cannot open the store {path} read-only: {one_line(exc)}") from exc


def _open_writer(path: Path, deadline: float) -> ox.Store:
    while True:
        try:
            return ox.Store(str(path))
        except (OSError, RuntimeError) as exc:
            message = one_line(exc)
            # RocksDB's own lock on PATH/LOCK: a program that is not kg (an oxigraph server) has the store open.
            if "LOCK" not in message:
                raise StoreError(f"cannot open the store {path}: {message}") from exc
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"store {path} is open in another program (an oxigraph server?); stop it or use another --store"
                ) from exc
        time.sleep(_RETRY_SECONDS)


def _write_pending(db: ox.Store, pending: Path) -> None:
    """Write the named graphs of the file ``pending`` and their triples into the default graph, with the bulk
    writer, then remove the file. Blank node labels are kept as the file has them, so that the same blank
    node is one node in both graphs, and writing the file again gives the same quads."""
    quads = list(ox.parse(path=pending, format=ox.RdfFormat.N_QUADS, rename_blank_nodes=False))
    db.bulk_extend(quads)
    db.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    db.flush()  # before the file goes: what the bulk writer wrote is on disk
    pending.unlink()


@contextlib.contextmanager
def _store_errors(path: Path):
    """Turn Oxigraph's OSError and RuntimeError (RocksDB's I/O and corruption errors) into a StoreError."""
    try:
        yield
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"store {path}: {one_line(exc)}") from exc
