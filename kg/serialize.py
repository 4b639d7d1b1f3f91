"""Write graphs as files a person can read and every tool can load.

Turtle and TriG come in reading order: the entities first, grouped by class (officials, nations, places,
treaties, meetings and other encounters, offices, and the terms of office linking found), each with its facts
together (its type, names and aliases first), then the articles, their sentences, and last the provenance of
each fact (entity by entity in a graph; as its index gives them in a store, which is streamed); every namespace
the graph uses has its prefix. The order changes nothing in the graph: what rdflib or Oxigraph reads back is
the same graph.

Two choices change what is written, for tools that want less or another shape:

- **Provenance level** (:data:`LEVELS`): ``full`` writes every fact again as a statement with its confidence and
  the sentence it came from (what kg builds); ``sentences`` only the sentences each entity is mentioned in
  (``kg:mentionedIn``); ``none`` the bare facts, and each article's title, date and address without its text.
- **Provenance style** (:data:`STYLES`): ``reification`` writes a statement as ``rdf:Statement`` with
  ``rdf:subject``, ``rdf:predicate`` and ``rdf:object`` (RDF 1.1, which every tool reads); ``triple-terms`` as
  one ``rdf:reifies`` triple whose object is the fact itself, an RDF 1.2 triple term (``<<( s p o )>>``), so
  its confidence and sentence hang on the triple. The statement keeps its IRI either way, so the two styles
  convert into each other without loss.

Writing goes through pyoxigraph's serializers, which stream: a store is written without loading it into
memory, subject by subject.
"""

from __future__ import annotations

import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import IO

import pyoxigraph as ox
import rdflib
from rdflib.namespace import ORG, TIME

from kg.errors import GraphError, UsageError, one_line
from kg.namespace import KG, KGR, NIF, PREFIXES
from kg.query import atomic_file
from kg.terms import ox_term

__all__ = [
    "FORMATS",
    "LEVELS",
    "STYLES",
    "Triples",
    "check_provenance",
    "guess_format",
    "ordered_quads",
    "ordered_triples",
    "write_graph",
    "write_rdf",
    "write_triples",
]

LEVELS = ("full", "sentences", "none")
"""Provenance levels, the most first: ``full`` is what kg builds."""

STYLES = ("reification", "triple-terms")
"""How a statement about a fact is written: RDF 1.1 reification, or an RDF 1.2 triple term."""

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
"""The formats kg writes, by the names the CLI takes. trig and nquads keep named graphs."""

QUAD_FORMATS = {"trig", "nquads"}

_READ_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
}
_EXTENSIONS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".jsonld": "jsonld", ".json": "jsonld", ".trig": "trig"}
# kg's prefixes, rdf's, and one for each kind of entity IRI kg mints ("official:jim-mattis"). Articles and
# their sentences are written in full: a prefixed name would escape the "#", "=" and "," of a sentence's IRI.
_KINDS = ("official", "nation", "place", "treaty", "encounter", "office", "membership", "day", "statement")
_PREFIXES = {
    "rdf": str(rdflib.RDF),
    **{prefix: str(namespace) for prefix, namespace in PREFIXES.items() if prefix != "kgr"},
    **{kind: str(KGR[f"{kind}/"]) for kind in _KINDS},
}

Subject = ox.NamedNode | ox.BlankNode

_DIGITS = re.compile(r"(\d+)")
_RDF = str(rdflib.RDF)
TYPE = ox.NamedNode(_RDF + "type")
STATEMENT = ox.NamedNode(_RDF + "Statement")
SUBJECT, PREDICATE, OBJECT = (ox.NamedNode(_RDF + name) for name in ("subject", "predicate", "object"))
REIFIES = ox.NamedNode(_RDF + "reifies")
DERIVED_FROM = ox.NamedNode(str(rdflib.PROV.wasDerivedFrom))
MENTIONED_IN = ox.NamedNode(str(KG.mentionedIn))
CONTEXT = ox.NamedNode(str(NIF.Context))
IS_STRING = ox.NamedNode(str(NIF.isString))

# The classes whose members come first, in this order, each member once (under its first class here): the
# entities, the terms of office linking found (org:Membership, and their time:Interval from one
# time:Instant to another), the articles and their sentences.
SECTIONS = tuple(
    ox.NamedNode(str(c))
    for c in (
        KG.Official,
        KG.Nation,
        KG.Place,
        KG.Treaty,
        KG.Encounter,
        KG.Office,
        ORG.Membership,
        TIME.Interval,
        TIME.Instant,
        KG.Article,
        NIF.Sentence,
    )
)
_ARTICLE, _SENTENCE = SECTIONS[-2:]
_ENCOUNTER = ox.NamedNode(str(KG.Encounter))
_KG = str(KG)

# A subject's facts: these predicates first, in this order, then the others by IRI.
_FIRST = [TYPE, ox.NamedNode(str(KG.name)), ox.NamedNode(str(KG.alias)), SUBJECT, PREDICATE, OBJECT, REIFIES]
_RANK = {p: i for i, p in enumerate(_FIRST)}
# The triples of a statement that name its fact, in either style.
_FACT = {SUBJECT, PREDICATE, OBJECT, REIFIES}


def check_provenance(provenance: str, style: str = "reification") -> None:
    """Raise :class:`UsageError` unless ``provenance`` is one of :data:`LEVELS` and ``style`` of :data:`STYLES`."""
    if provenance not in LEVELS:
        raise UsageError(f"unknown provenance level {provenance!r}; use one of {', '.join(LEVELS)}")
    if style not in STYLES:
        raise UsageError(f"unknown provenance style {style!r}; use one of {', '.join(STYLES)}")


def guess_format(path: str | os.PathLike[str] | None) -> str:
    """The write format for an output path, from its extension; turtle when the extension says nothing.

    >>> guess_format("out/graph.jsonld"), guess_format("graph.nt"), guess_format(None)
    ('jsonld', 'nt', 'turtle')
    """
    if path is None:
        return "turtle"
    return _EXTENSIONS.get(Path(path).suffix.lower(), "turtle")


class Triples:
    """The triples of one graph, by subject: what the writers read. :meth:`of_graph` and :meth:`of_file` hold
    a graph's triples in memory, as written; :meth:`of_store` reads one graph of an Oxigraph store through its
    indexes, without loading it (a store keeps literals by value: ``"1.0"^^xsd:decimal`` reads back as
    ``"1"``, see :mod:`kg.store`)."""

    in_memory = True

    @staticmethod
    def of_graph(graph: Iterable[tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]]) -> Triples:
        """The triples of an rdflib graph (or any triples of rdflib terms). Raises :class:`GraphError` when a
        term cannot be written in RDF (an invalid IRI, a literal subject)."""
        blank_nodes: dict[rdflib.BNode, ox.BlankNode] = {}
        triples = []
        for s, p, o in graph:
            subject, predicate = ox_term(s, blank_nodes), ox_term(p, blank_nodes)
            if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
                raise GraphError(f"cannot write the triple ({s!r}, {p!r}, {o!r}): not an RDF triple")
            triples.append(ox.Triple(subject, predicate, ox_term(o, blank_nodes)))
        return _GraphTriples(triples)

    @staticmethod
    def of_file(path: str | os.PathLike[str]) -> Triples:
        """The triples of a graph file, its format told by its extension (.ttl, .nt, .nq, .trig, .jsonld), its
        named graphs merged, read as written (RDF 1.2 triple terms too). Raises :class:`GraphError` when the
        file is missing or does not parse."""
        path = Path(path)
        fmt = _READ_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise GraphError(
                f"cannot tell the format of {path} from its extension; use one of {', '.join(_READ_FORMATS)}"
            )
        try:
            return _GraphTriples([q.triple for q in ox.parse(path=path, format=fmt)])
        except FileNotFoundError:
            raise GraphError(f"graph file {path} does not exist; build one with `kg build ARTICLE -o {path}`") from None
        except (OSError, SyntaxError) as exc:
            raise GraphError(f"cannot read {path}: {one_line(exc)}") from exc

    @staticmethod
    def of_store(db: ox.Store, graph: ox.NamedNode | ox.DefaultGraph | None = None) -> Triples:
        """The triples of ``graph`` (an IRI, or the default graph when None) in the store ``db``."""
        return _StoreTriples(db, ox.DefaultGraph() if graph is None else graph)

    def groups(self) -> Iterator[tuple[Subject, list[ox.Triple]]]:
        """Each subject with its triples, in one pass."""
        raise NotImplementedError

    def about(self, subject: Subject) -> list[ox.Triple]:
        """The triples whose subject is ``subject``."""
        raise NotImplementedError

    def subjects(self, predicate: ox.NamedNode, obj: ox.NamedNode | None = None) -> set[Subject]:
        """The subjects with ``predicate`` (and the value ``obj``, when given)."""
        raise NotImplementedError

    def statements_about(self, subject: Subject) -> list[Subject]:
        """The statements about the facts of ``subject``."""
        raise NotImplementedError

    def prefixes(self) -> dict[str, str]:
        """The prefixes to write: kg's (:data:`_PREFIXES`)."""
        return _PREFIXES


class _GraphTriples(Triples):
    """A graph's triples, in memory, each once."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        by_subject: dict[Subject, dict[ox.Triple, None]] = defaultdict(dict)
        for t in triples:
            by_subject[t.subject][t] = None
        self._by_subject = {s: list(ts) for s, ts in by_subject.items()}
        self._statements: dict[Subject, list[Subject]] | None = None

    def groups(self) -> Iterator[tuple[Subject, list[ox.Triple]]]:
        yield from self._by_subject.items()

    def about(self, subject: Subject) -> list[ox.Triple]:
        return self._by_subject.get(subject, [])

    def subjects(self, predicate: ox.NamedNode, obj: ox.NamedNode | None = None) -> set[Subject]:
        return {
            s
            for s, ts in self._by_subject.items()
            if any(t.predicate == predicate and (obj is None or t.object == obj) for t in ts)
        }

    def statements_about(self, subject: Subject) -> list[Subject]:
        """By reification (``rdf:subject``) or by triple term (``rdf:reifies``)."""
        if self._statements is None:
            self._statements = defaultdict(list)
            for statement, triples in self._by_subject.items():
                fact = _fact_of(triples)
                if fact is not None:
                    self._statements[fact.subject].append(statement)
        return self._statements.get(subject, [])

    def prefixes(self) -> dict[str, str]:
        """Those of kg's prefixes whose namespace the triples use."""
        stems: set[str] = set()

        def add(term: object) -> None:
            if isinstance(term, ox.NamedNode):
                stems.add(term.value[: max(term.value.rfind("/"), term.value.rfind("#")) + 1])
            elif isinstance(term, ox.Triple):
                for part in term:
                    add(part)
            elif isinstance(term, ox.Literal):
                add(term.datatype)

        for triples in self._by_subject.values():
            for t in triples:
                for term in t:
                    add(term)
        return {prefix: ns for prefix, ns in _PREFIXES.items() if any(stem.startswith(ns) for stem in stems)}


class _StoreTriples(Triples):
    """One graph of a store, read through its indexes; its prefixes are all of kg's, rather than read it twice."""

    in_memory = False

    def __init__(self, db: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> None:
        self._db, self._graph = db, graph

    def groups(self) -> Iterator[tuple[Subject, list[ox.Triple]]]:
        """In the order of the store's index, which keeps a subject's triples together."""
        quads = self._db.quads_for_pattern(None, None, None, self._graph)
        for subject, group in groupby(quads, key=lambda q: q.subject):
            yield subject, [q.triple for q in group]

    def about(self, subject: Subject) -> list[ox.Triple]:
        return [q.triple for q in self._db.quads_for_pattern(subject, None, None, self._graph)]

    def subjects(self, predicate: ox.NamedNode, obj: ox.NamedNode | None = None) -> set[Subject]:
        return {q.subject for q in self._db.quads_for_pattern(None, predicate, obj, self._graph)}

    def statements_about(self, subject: Subject) -> list[Subject]:
        """By reification (``rdf:subject``), looked up in the store's index: a kg store keeps reification."""
        return [q.subject for q in self._db.quads_for_pattern(None, SUBJECT, subject, self._graph)]


def ordered_triples(triples: Triples, *, provenance: str = "full", style: str = "reification") -> Iterator[ox.Triple]:
    """``triples`` in reading order, at the provenance level and in the style asked for (see the module's
    description). A level can only drop provenance: a graph written at ``none`` has no statements to write at
    ``full``. Raises :class:`UsageError` on an unknown level or style.

    The sections' members (entities, articles, sentences) are found by their type and written first; then one
    pass over every subject writes the statements, and collects the rest (what no section holds), written
    last. A graph's statements come entity by entity, in the order of the entities; a store's as its index
    gives them, without holding them, so that memory holds the sections' members only.
    """
    check_provenance(provenance, style)
    written: dict[Subject, int] = {}  # each section's member, and where it was written
    for section in SECTIONS:
        members = sorted(triples.subjects(TYPE, section) - written.keys(), key=_key)
        skipped = section == _SENTENCE and provenance == "none"
        for subject in members:
            written[subject] = len(written)
            if skipped:
                continue
            about = triples.about(subject)
            if provenance != "full":
                about = [t for t in about if t.predicate != MENTIONED_IN or provenance == "sentences"]
            if provenance == "sentences":
                about += [
                    ox.Triple(subject, MENTIONED_IN, t.object)
                    for statement in triples.statements_about(subject)
                    for t in triples.about(statement)
                    if t.predicate == DERIVED_FROM
                ]
            if section == _ARTICLE and provenance == "none":  # the article without its text
                about = [t for t in about if t.predicate != IS_STRING and t.object != CONTEXT]
            yield from _in_order(set(about))
    rest: list[list[ox.Triple]] = []
    held: list[tuple[tuple, list[ox.Triple]]] = []  # a graph's statements, to write in the entities' order
    for subject, about in triples.groups():
        if subject in written:
            continue
        fact = _fact_of(about)
        if fact is None:
            rest.append([t for t in about if provenance != "none" or t.predicate != MENTIONED_IN])
        elif provenance == "full":
            key, statement = _statement(about, fact, style)
            if triples.in_memory:
                held.append(((written.get(fact.subject, len(written)), *key), statement))
            else:
                yield from statement
    for _, statement in sorted(held, key=lambda item: item[0]):
        yield from statement
    for group in sorted(rest, key=lambda ts: _key(ts[0].subject)):
        yield from _in_order(group)


def ordered_quads(db: ox.Store, *, provenance: str = "full", style: str = "reification") -> Iterator[ox.Quad]:
    """The quads of the store ``db``'s named graphs, graph by graph (by name), each in :func:`ordered_triples`'
    order."""
    for name in sorted(db.named_graphs(), key=_key):
        for t in ordered_triples(Triples.of_store(db, name), provenance=provenance, style=style):
            yield ox.Quad(t.subject, t.predicate, t.object, name)


def write_rdf(
    source: Triples | ox.Store,
    out: IO[bytes],
    fmt: str,
    *,
    provenance: str = "full",
    style: str = "reification",
) -> None:
    """Write ``source`` to the binary stream ``out`` as ``fmt`` (one of :data:`FORMATS`), in reading order.

    ``source`` is one graph's :class:`Triples`, or a store, whose named graphs trig and nquads write (the
    other formats its default graph, the merged graph of its articles); trig and nquads write one graph's
    triples in the default graph. Raises :class:`UsageError` on an unknown format, level or style, and for
    triple terms in JSON-LD, which has none yet.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    check_provenance(provenance, style)
    if fmt == "jsonld" and style == "triple-terms" and provenance == "full":
        raise UsageError("JSON-LD has no triple terms yet; use turtle, trig, nt or nquads, or reification")
    items: Iterable[ox.Triple | ox.Quad]
    if isinstance(source, ox.Store) and fmt in QUAD_FORMATS:
        items = ordered_quads(source, provenance=provenance, style=style)
    else:
        triples = Triples.of_store(source) if isinstance(source, ox.Store) else source
        items = ordered_triples(triples, provenance=provenance, style=style)
        if fmt in QUAD_FORMATS:
            items = (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in items)
    prefixes = None
    if fmt in {"turtle", "trig"}:
        prefixes = _PREFIXES if isinstance(source, ox.Store) else source.prefixes()
    ox.serialize(items, out, FORMATS[fmt], prefixes=prefixes)


def write_graph(
    graph: rdflib.Graph,
    path: str | os.PathLike[str] | None = None,
    fmt: str | None = None,
    *,
    provenance: str = "full",
    style: str = "reification",
) -> None:
    """Write ``graph`` as turtle, trig, nt, nquads or jsonld to ``path``, or to stdout when ``path`` is None or
    "-", in reading order, at the provenance level and in the style asked for (see the module's description).

    ``fmt`` defaults to :func:`guess_format` of the path. trig and nquads put the triples in the default graph.
    The file is written to a temporary file in the same directory, then renamed over ``path``: readers never
    see half a graph, and on any error nothing is left behind. Raises :class:`UsageError` on an unknown format,
    level or style, or a path that cannot be written, and :class:`GraphError` on a term RDF cannot write.
    """
    write_triples(Triples.of_graph(graph), path, fmt, provenance=provenance, style=style)


def write_triples(
    triples: Triples,
    path: str | os.PathLike[str] | None = None,
    fmt: str | None = None,
    *,
    provenance: str = "full",
    style: str = "reification",
) -> None:
    """:func:`write_graph` for a graph's :class:`Triples` (those of a file, say). Raises what it raises."""
    target = None if path is None or os.fspath(path) == "-" else Path(path)
    fmt = fmt or guess_format(target)
    if fmt not in FORMATS:
        raise UsageError(f"unknown graph format {fmt!r}; use one of {', '.join(FORMATS)}")
    check_provenance(provenance, style)
    if target is None:
        write_rdf(triples, sys.stdout.buffer, fmt, provenance=provenance, style=style)
        sys.stdout.buffer.flush()
        return
    with atomic_file(target) as out:
        write_rdf(triples, out, fmt, provenance=provenance, style=style)


def _key(term: Subject) -> tuple[bool, list[str | int]]:
    """Named nodes by IRI, numbers in it by value (the sentence at "#char=80,260" before the one at 495), then
    blank nodes."""
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in _DIGITS.split(term.value)]
    return (isinstance(term, ox.BlankNode), parts)


def _in_order(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """A subject's triples: its types (kg's first, the kind of encounter before kg:Encounter), its names and
    aliases, then the other predicates by IRI, the values of each in order."""
    ordered = sorted(triples, key=_predicate_key)
    # Most predicates have one value: sort the values of those that have several.
    i = 0
    while i < len(ordered):
        j = i + 1
        while j < len(ordered) and ordered[j].predicate == ordered[i].predicate:
            j += 1
        if j - i > 1:
            ordered[i:j] = sorted(ordered[i:j], key=_type_key if ordered[i].predicate == TYPE else _value_key)
        i = j
    return ordered


_PREDICATE_KEYS: dict[ox.NamedNode, tuple[int, str]] = {}


def _predicate_key(t: ox.Triple) -> tuple[int, str]:
    key = _PREDICATE_KEYS.get(t.predicate)
    if key is None:
        key = _PREDICATE_KEYS[t.predicate] = (_RANK.get(t.predicate, len(_RANK)), t.predicate.value)
    return key


def _type_key(t: ox.Triple) -> tuple[bool, bool, str]:
    return (not t.object.value.startswith(_KG), t.object == _ENCOUNTER, t.object.value)


def _value_key(t: ox.Triple) -> str:
    return str(t.object)


def _fact_of(triples: list[ox.Triple]) -> ox.Triple | None:
    """The fact a statement's triples are about, in either style."""
    parts: dict[ox.NamedNode, object] = {}
    for t in triples:
        if t.predicate == REIFIES and isinstance(t.object, ox.Triple):
            return t.object
        if t.predicate in (SUBJECT, PREDICATE, OBJECT):
            parts[t.predicate] = t.object
    if len(parts) < 3:
        return None
    return ox.Triple(parts[SUBJECT], parts[PREDICATE], parts[OBJECT])  # type: ignore[arg-type]


def _statement(triples: list[ox.Triple], fact: ox.Triple, style: str) -> tuple[tuple, list[ox.Triple]]:
    """The triples of the statement about ``fact`` (as :func:`_fact_of` reads it) in ``style`` and in reading
    order (its fact, then what it says of it: its sentence and confidence), with the key that orders the
    statements of one entity: the predicate and value of the fact, then the statement's IRI."""
    statement = triples[0].subject
    said = [t for t in triples if t.predicate not in _FACT and (t.predicate, t.object) != (TYPE, STATEMENT)]
    if style == "triple-terms":
        head = [ox.Triple(statement, REIFIES, fact)]
    else:
        head = [
            ox.Triple(statement, TYPE, STATEMENT),
            ox.Triple(statement, SUBJECT, fact.subject),
            ox.Triple(statement, PREDICATE, fact.predicate),
            ox.Triple(statement, OBJECT, fact.object),
        ]
    return (fact.predicate.value, str(fact.object), statement.value), head + _in_order(said)
