"""Writing a kg store: articles replaced one transaction each or added in bulk, updates, compaction; and the
N-Triples lines and the SPARQL update that replace an article's graph (which ``kg push`` sends to remote
stores too). :class:`Writer` is a base of :class:`kg.store.Store`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyoxigraph as ox
import rdflib

from kg.errors import GraphError, QueryError, one_line
from kg.namespace import KG
from kg.query import atomic_file
from kg.store.locking import PENDING_FILE, store_errors, write_pending
from kg.store.reading import Reader
from kg.terms import named_node, ox_term

__all__ = ["Writer", "ntriples_lines", "replace_graph_update"]


class Writer(Reader):
    """What a store opened for writing does besides reading: each method raises :class:`StoreError` on a
    read-only store."""

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
        with store_errors(self.path):
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
        named, merged = [], []
        for article, lines, source in articles:
            name = str(named_node(article, "article"))
            if source is not None:
                lines = [*lines, f"{name} <{KG.source}> {ox.Literal(source)}"]
            if lines:
                tail = f" {name} .\n"
                named.append(tail.join(lines) + tail)
                merged.append(" .\n".join(lines) + " .\n")
        text = "".join(named).encode()
        pending = self.path / PENDING_FILE
        with store_errors(self.path):
            with atomic_file(pending) as out:
                out.write(text)
            db = self._open_db()
            if b"_:" in text:  # a blank node is one node in both graphs only when one parse reads both
                write_pending(db, pending)
                return
            # Oxigraph's loader parses and writes without holding the GIL, so the threads that take the
            # workers' articles go on meanwhile (a build's writes cost a third less CPU, see benchmarks/).
            db.bulk_load(path=pending, format=ox.RdfFormat.N_QUADS)
            db.bulk_load(input="".join(merged).encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
            db.flush()  # before the file goes: what the bulk writer wrote is on disk
            pending.unlink()

    def update(self, sparql: str) -> None:
        """Run a SPARQL update on the store, in one transaction.

        Raises :class:`QueryError` when it does not parse and :class:`StoreError` when the store is read-only,
        closed or cannot be written.
        """
        self._open_db(write=True)
        with store_errors(self.path):
            try:
                self._open_db().update(sparql)
            except SyntaxError as exc:
                raise QueryError(f"update does not parse: {one_line(exc)}") from exc

    def flush(self) -> None:
        """Write Oxigraph's buffers to disk now (it also does so in the background).

        Raises :class:`StoreError` when the store is read-only, closed or cannot be written.
        """
        with store_errors(self.path):
            self._open_db(write=True).flush()

    def optimize(self) -> None:
        """Compact the store; worth doing after writing many articles.

        Raises :class:`StoreError` when the store is read-only, closed or cannot be written.
        """
        with store_errors(self.path):
            self._open_db(write=True).optimize()


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
