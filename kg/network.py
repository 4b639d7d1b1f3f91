"""The entities of a kg graph as a typed networkx graph, and what to ask of it: neighbours, paths, centrality.

:func:`to_networkx` projects an RDF graph onto a ``networkx.MultiDiGraph`` whose nodes are the officials,
nations, places, treaties and encounters (keyed by IRI) and whose edges are the ``kg:`` triples between them
(keyed by the predicate's local name). Offices, articles, sentences, reified statements and literals are not
nodes; each edge carries instead the confidence and the sentences of the statement behind it, so that a path
between two officials can be shown with the sentences that support every step.

>>> from rdflib import Graph
>>> rdf = Graph().parse(format="turtle", data='''
...     @prefix kg: <https://w3id.org/kg/ontology#> .
...     @prefix nation: <https://w3id.org/kg/id/nation/> .
...     @prefix official: <https://w3id.org/kg/id/official/> .
...     nation:USA a kg:Nation ; kg:name "United States" ; kg:iso3 "USA" .
...     official:jim-mattis a kg:Official ; kg:name "Jim Mattis" ; kg:alias "Mattis" ; kg:serves nation:USA .
... ''')
>>> g = to_networkx(rdf)
>>> mattis = find_entity(g, "mattis")
>>> g.nodes[mattis]["kind"], g.nodes[mattis]["nation"]
('Official', 'USA')
>>> [(n.label, n.via) for n in neighbors(g, mattis)]
[('United States', 'serves')]
"""

from __future__ import annotations

import difflib
import itertools
import os
import re
from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx
import rdflib
from rdflib import PROV, RDF, Literal
from rdflib.term import Node

from kg.errors import EntityError, UsageError
from kg.namespace import KG, KGR, NIF
from kg.query import atomic_file

__all__ = [
    "ENCOUNTER_KINDS",
    "ENTITY_KINDS",
    "NETWORK_FORMATS",
    "RANK_MEASURES",
    "Neighbor",
    "Step",
    "connection",
    "find_entity",
    "format_neighbors",
    "format_path",
    "format_rank",
    "neighbors",
    "rank",
    "to_networkx",
    "write_network",
]

ENCOUNTER_KINDS = ("Meeting", "PhoneCall", "VideoCall", "PlannedMeeting", "NegatedMeeting")
ENTITY_KINDS = ("Official", "Nation", "Place", "Treaty", *ENCOUNTER_KINDS)
NETWORK_FORMATS = ("graphml", "gexf")
RANK_MEASURES = ("degree", "pagerank", "betweenness")

_KG = str(KG._NS)
_NATION_PREFIX = str(KGR["nation/"])
# Encounter kinds are looked up first, so that an entity typed with several kinds gets the most specific one.
_KIND_OF_CLASS = {KG[kind]: kind for kind in (*ENCOUNTER_KINDS, "Official", "Nation", "Place", "Treaty")}
_CHAR_FRAGMENT = re.compile(r"#char=(\d+),(\d+)$")
# Exact betweenness is O(nodes * edges); past this size it is estimated from a fixed sample of sources.
_BETWEENNESS_EXACT_LIMIT = 1000
_BETWEENNESS_SAMPLE = 250
_MAX_CANDIDATES = 8

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Neighbor:
    """An entity found by :func:`neighbors`: ``distance`` hops from the start, reached from ``parent`` by an
    edge whose predicate is ``via``."""

    node: str
    label: str
    kind: str
    distance: int
    via: str
    parent: str


@dataclass(frozen=True)
class Step:
    """One edge of a path found by :func:`connection`, walked from ``source`` to ``target``.

    ``forward`` is True when the RDF triple is ``source predicate target``, False when it is the reverse.
    ``sentences`` are the sentences the triple was read from (see :func:`to_networkx`).
    """

    source: str
    predicate: str
    target: str
    source_label: str
    target_label: str
    forward: bool
    sentences: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Support:
    """What the reified statements of one triple say about it."""

    confidence: float | None = None
    sentences: dict[tuple[str, int, int, str], dict[str, Any]] = field(default_factory=dict)


def to_networkx(graph: rdflib.Graph) -> nx.MultiDiGraph:
    """The entities of ``graph`` and the ``kg:`` triples between them, as a ``MultiDiGraph``.

    Nodes are keyed by IRI and have the attributes ``kind``, ``label``, ``aliases``, ``nation`` (an ISO3
    code), ``titles``, ``date`` (``YYYY-MM-DD``, encounters only) and ``sources`` (the articles whose sentences
    support a fact about the entity). Edges are keyed by the predicate's local name and have the attributes
    ``predicate``, ``confidence`` (the highest of the statements reifying the triple, or None) and
    ``sentences`` (dicts with ``text``, ``article``, ``begin``, ``end``). Nodes and edges are added in sorted
    order, so the same RDF graph always gives the same networkx graph. Raises nothing.
    """
    kinds = _entity_kinds(graph)
    supports, sources = _provenance(graph, kinds)
    names, aliases, titles, dates = (_values(graph, p) for p in (KG.name, KG.alias, KG.title, KG.date))
    nations_of = {"Official": _values(graph, KG.serves), "Place": _values(graph, KG.country)}
    iso3 = {nation: min(map(str, codes)) for nation, codes in _values(graph, KG.iso3).items()}

    result = nx.MultiDiGraph()
    for term in sorted(kinds, key=str):
        kind = kinds[term]
        if kind == "Nation":
            nation = _iso3(term, iso3)
        else:
            codes = {_iso3(other, iso3) for other in nations_of.get(kind, {}).get(term, ())} - {None}
            nation = min(codes) if codes else None
        result.add_node(
            str(term),
            kind=kind,
            label=_first(names.get(term, ())) or _last_segment(str(term)),
            aliases=sorted({str(alias) for alias in aliases.get(term, ())}),
            nation=nation,
            titles=sorted({str(title) for title in titles.get(term, ())}) if kind == "Official" else [],
            date=_first(map(_iso_date, dates.get(term, ()))) if kind in ENCOUNTER_KINDS else None,
            sources=sorted(sources.get(term, ())),
        )

    edges = []
    for subject in kinds:
        for predicate, obj in graph.predicate_objects(subject):
            if obj in kinds and str(predicate).startswith(_KG):
                edges.append((str(subject), str(predicate)[len(_KG) :], str(obj), (subject, predicate, obj)))
    for source, name, target, triple in sorted(edges):
        support = supports.get(triple, _Support())
        result.add_edge(
            source,
            target,
            key=name,
            predicate=name,
            confidence=support.confidence,
            sentences=[support.sentences[key] for key in sorted(support.sentences)],
        )
    _name_encounters(result)
    return result


_ENCOUNTER_WORDS = {
    "Meeting": "Meeting",
    "PhoneCall": "Call",
    "VideoCall": "Video call",
    "PlannedMeeting": "Planned meeting",
    "NegatedMeeting": "Meeting that did not happen",
}


def _name_encounters(g: nx.MultiDiGraph) -> None:
    """Encounters have no kg:name: label them by kind, participants and date ("Meeting of A and B, 2017-02-03")."""
    for node, data in g.nodes(data=True):
        if data["kind"] not in ENCOUNTER_KINDS or data["label"] != _last_segment(node):
            continue
        people = sorted(
            g.nodes[other]["label"] for _, other, key in g.out_edges(node, keys=True) if key == "participant"
        )
        who = ", ".join(people[:-1]) + f" and {people[-1]}" if len(people) > 1 else "".join(people)
        label = _ENCOUNTER_WORDS[data["kind"]] + (f" of {who}" if who else "")
        data["label"] = label + (f", {data['date']}" if data["date"] else "")


def find_entity(g: nx.MultiDiGraph, name: str, *, kinds: Collection[str] | None = None) -> str:
    """The node of ``g`` named ``name``: its IRI, or its label or an alias, ignoring case and spacing.

    A label match wins over alias matches. ``kinds`` (kinds of :data:`ENTITY_KINDS`, or ``"Encounter"``)
    restricts the search. Raises :class:`EntityError` when no entity or several match (the message lists
    candidates), and :class:`UsageError` on an empty name or an unknown kind.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("kgr:a", label="Shinzo Abe", aliases=["Abe"], kind="Official", nation="JPN")
    >>> find_entity(g, "  shinzo   ABE ")
    'kgr:a'
    >>> find_entity(g, "Abbe")
    Traceback (most recent call last):
    ...
    kg.errors.EntityError: no entity named 'Abbe'; did you mean: Shinzo Abe (Official, JPN)?
    """
    wanted = _normalize(name)
    if not wanted:
        raise UsageError("give the name or the IRI of an entity")
    allowed = _expand_kinds(kinds)
    iri = name.strip().removeprefix("<").removesuffix(">")
    if iri in g:
        if allowed is None or g.nodes[iri].get("kind") in allowed:
            return iri
        raise EntityError(f"{iri} is a {g.nodes[iri].get('kind')}, not a {' or '.join(sorted(allowed))}")

    candidates = [node for node, data in g.nodes(data=True) if allowed is None or data.get("kind") in allowed]
    by_label = [node for node in candidates if _normalize(g.nodes[node].get("label") or "") == wanted]
    matches = by_label or [
        node for node in candidates if any(_normalize(alias) == wanted for alias in g.nodes[node].get("aliases") or [])
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = ", ".join(f"{_describe(g, node)} {node}" for node in _by_label(g, matches)[:_MAX_CANDIDATES])
        raise EntityError(f"{name!r} is ambiguous: {listed}; give the full name or the IRI")

    similar = _similar(g, candidates, wanted)
    scope = f" of kind {' or '.join(sorted(allowed))}" if allowed is not None else ""
    if not similar:
        raise EntityError(f"no entity{scope} named {name!r} in the graph")
    suggestions = ", ".join(_describe(g, node) for node in similar)
    raise EntityError(f"no entity{scope} named {name!r}; did you mean: {suggestions}?")


def neighbors(g: nx.MultiDiGraph, node: str, depth: int = 1) -> list[Neighbor]:
    """The entities at most ``depth`` edges away from ``node``, whatever the edges' direction.

    A meeting is one hop from each participant, so two officials who met are two hops apart. Sorted by
    distance, then label. Raises :class:`UsageError` when ``depth < 1`` and :class:`EntityError` when
    ``node`` is not in ``g``.
    """
    if depth < 1:
        raise UsageError(f"the depth must be at least 1, not {depth}")
    _require(g, node)
    found: list[Neighbor] = []
    seen = {node}
    frontier = [node]
    for distance in range(1, depth + 1):
        next_frontier = []
        for parent in frontier:
            for other in _adjacent(g, parent):
                if other in seen:
                    continue
                seen.add(other)
                next_frontier.append(other)
                predicate, _, _ = _best_edge(g, parent, other)
                data = g.nodes[other]
                found.append(Neighbor(other, _label(g, other), data.get("kind", ""), distance, predicate, parent))
        frontier = next_frontier
    return sorted(found, key=lambda n: (n.distance, n.label.casefold(), n.node))


def connection(g: nx.MultiDiGraph, a: str, b: str) -> list[Step]:
    """A shortest path from ``a`` to ``b``, whatever the edges' direction, one :class:`Step` per edge.

    Of the shortest paths, the one whose edges have the highest total confidence is taken (ties broken by
    IRI), so the same graph always gives the same path. Returns ``[]`` when ``a == b``. Raises
    :class:`EntityError` when either is not in ``g`` or when no path joins them.
    """
    _require(g, a)
    _require(g, b)
    if a == b:
        return []
    hops = _distances(g, b, stop=a)
    if a not in hops:
        raise EntityError(f"{_describe(g, a)} and {_describe(g, b)} are not connected in this graph")

    # Best total confidence from each node to b, walking only edges that bring the path one hop nearer b.
    best: dict[str, tuple[float, str | None]] = {b: (0.0, None)}
    for node in sorted((n for n in hops if 0 < hops[n] <= hops[a]), key=lambda n: (hops[n], n)):
        options = [
            (_best_edge(g, node, other)[2] + best[other][0], other)
            for other in _adjacent(g, node)
            if hops.get(other) == hops[node] - 1
        ]
        score, nearest = min(options, key=lambda option: (-option[0], option[1]))
        best[node] = (score, nearest)

    steps = []
    node = a
    while node != b:
        other = best[node][1]
        assert other is not None  # only b has no successor, and the loop stops there
        predicate, forward, _ = _best_edge(g, node, other)
        data = g.edges[node, other, predicate] if forward else g.edges[other, node, predicate]
        steps.append(
            Step(
                source=node,
                predicate=predicate,
                target=other,
                source_label=_label(g, node),
                target_label=_label(g, other),
                forward=forward,
                sentences=list(data.get("sentences") or []),
            )
        )
        node = other
    return steps


def rank(
    g: nx.MultiDiGraph, by: str = "degree", kind: str | None = None, top: int | None = None
) -> list[tuple[str, float]]:
    """The nodes of ``g`` with their centrality ``by`` degree, pagerank or betweenness, best first.

    Centrality is computed on the undirected simple graph (one edge per pair of entities), then only nodes
    of ``kind`` are kept (an entity kind, or ``"Encounter"`` for every encounter kind); ties are sorted by
    label and the list is cut to ``top``. Betweenness on more than 1,000 nodes is estimated from 250 sources
    chosen with a fixed seed. Raises :class:`UsageError` on an unknown measure or kind, or ``top < 1``.
    """
    if by not in RANK_MEASURES:
        raise UsageError(f"cannot rank by {by!r}; use one of {', '.join(RANK_MEASURES)}")
    allowed = _expand_kinds(None if kind is None else [kind])
    if top is not None and top < 1:
        raise UsageError(f"top must be at least 1, not {top}")
    simple = nx.Graph()
    simple.add_nodes_from(g)
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    if by == "degree":
        scores = nx.degree_centrality(simple)
    elif by == "pagerank":
        scores = _pagerank(simple)
    elif len(simple) > _BETWEENNESS_EXACT_LIMIT:
        scores = nx.betweenness_centrality(simple, k=_BETWEENNESS_SAMPLE, seed=0)
    else:
        scores = nx.betweenness_centrality(simple)
    ranked = [
        (node, float(score))
        for node, score in scores.items()
        if allowed is None or g.nodes[node].get("kind") in allowed
    ]
    ranked.sort(key=lambda item: (-item[1], _label(g, item[0]).casefold(), item[0]))
    return ranked if top is None else ranked[:top]


def write_network(g: nx.MultiDiGraph, target: str | os.PathLike[str] | BinaryIO, fmt: str) -> None:
    """Write ``g`` as GraphML or GEXF (for Gephi, Cytoscape) to a path, atomically, or to a binary file.

    Both formats only hold scalar attributes: lists are joined with ``"; "``, sentences become their texts
    joined with ``" | "`` and None attributes are left out. Edges get unique ids (``e0``, ``e1``...), which
    Gephi requires; the predicate stays in the ``predicate`` attribute. Raises :class:`UsageError` on an
    unknown format or a path that cannot be written.
    """
    if fmt not in NETWORK_FORMATS:
        raise UsageError(f"unknown network format {fmt!r}; use one of {', '.join(NETWORK_FORMATS)}")
    flat = nx.MultiDiGraph()
    flat.add_nodes_from((node, _flatten(data)) for node, data in g.nodes(data=True))
    flat.add_edges_from((u, v, f"e{number}", _flatten(data)) for number, (u, v, data) in enumerate(g.edges(data=True)))
    # networkx's standard-library GraphML writer, not the lxml one it picks when lxml is installed (trafilatura
    # brings it): the two differ in their errors and output, and kg's should not depend on what else is there.
    write = nx.write_graphml_xml if fmt == "graphml" else nx.write_gexf
    if isinstance(target, str | os.PathLike):
        with atomic_file(Path(target)) as out:
            write(flat, out)
    else:
        write(flat, target)


def format_neighbors(g: nx.MultiDiGraph, node: str, neighbors: Iterable[Neighbor]) -> str:
    """``node`` on a heading line, then one line per neighbour, indented by its distance.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="Jim Mattis", kind="Official", nation="USA")
    >>> g.add_node("b", label="United States", kind="Nation", nation="USA")
    >>> print(format_neighbors(g, "a", [Neighbor("b", "United States", "Nation", 1, "serves", "a")]))
    Jim Mattis (Official, USA) <a>
      United States (Nation, USA) — via serves
    """
    lines = [f"{_describe(g, node)} <{node}>"]
    for neighbor in neighbors:
        line = f"{'  ' * neighbor.distance}{_describe(g, neighbor.node)} — via {neighbor.via}"
        if neighbor.distance > 1:
            line += f" from {_label(g, neighbor.parent)}"
        lines.append(line)
    if len(lines) == 1:
        lines.append("  (no neighbours)")
    return "\n".join(lines)


def format_path(steps: Iterable[Step]) -> str:
    """One block per step, ``A —predicate→ B`` (or ``A ←predicate— B`` when the triple runs from B to A),
    each followed by the sentences behind it, quoted, with their article.

    >>> print(format_path([Step("m", "participant", "j", "Meeting", "Jim Mattis", True,
    ...                         [{"text": "Mattis met Abe.", "article": "kgr:article/1", "begin": 0, "end": 15}])]))
    Meeting —participant→ Jim Mattis
        "Mattis met Abe." (kgr:article/1)
    """
    blocks = []
    for step in steps:
        arrow = f"—{step.predicate}→" if step.forward else f"←{step.predicate}—"
        lines = [f"{step.source_label} {arrow} {step.target_label}"]
        lines += [f'    "{" ".join(s["text"].split())}" ({s["article"]})' for s in step.sentences]
        if not step.sentences:
            lines.append("    (no sentence recorded)")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def format_rank(g: nx.MultiDiGraph, ranked: Iterable[tuple[str, float]], by: str) -> str:
    """A table of ranked entities: rank, score (4 decimals), label, kind and nation, in aligned columns.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="Jim Mattis", kind="Official", nation="USA")
    >>> print(format_rank(g, [("a", 0.5)], "degree"))
    rank  degree  label       kind      nation
       1  0.5000  Jim Mattis  Official  USA
    """
    rows = [
        (str(number), f"{score:.4f}", _label(g, node), g.nodes[node].get("kind") or "", g.nodes[node].get("nation"))
        for number, (node, score) in enumerate(ranked, start=1)
    ]
    table = [("rank", by, "label", "kind", "nation"), *((*row[:4], row[4] or "-") for row in rows)]
    widths = [max(len(row[column]) for row in table) for column in range(5)]
    lines = []
    for row in table:
        cells = [row[0].rjust(widths[0]), row[1].rjust(widths[1])]
        cells += [cell.ljust(width) for cell, width in zip(row[2:], widths[2:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


# --- building the projection ------------------------------------------------------------------------


def _entity_kinds(graph: rdflib.Graph) -> dict[Node, str]:
    """Each entity of ``graph`` with its kind: the first of ENTITY_KINDS it is typed with."""
    kinds: dict[Node, str] = {}
    for cls, kind in _KIND_OF_CLASS.items():
        for term in graph.subjects(RDF.type, cls):
            if not isinstance(term, Literal):
                kinds.setdefault(term, kind)
    return kinds


def _provenance(graph: rdflib.Graph, entities: Collection[Node]) -> tuple[dict[Triple, _Support], dict[Node, set[str]]]:
    """The support of every reified triple, and the articles supporting facts about each entity."""
    subjects, predicates, objects = (_values(graph, part) for part in (RDF.subject, RDF.predicate, RDF.object))
    confidences, origins = _values(graph, KG.confidence), _values(graph, PROV.wasDerivedFrom)
    sentences = _sentences(graph, {origin for found in origins.values() for origin in found})
    supports: dict[Triple, _Support] = {}
    sources: dict[Node, set[str]] = {}
    for statement, statement_subjects in subjects.items():
        # In a merged graph one statement IRI can carry several confidences and sentences; all count.
        best = max((score for score in map(_float, confidences.get(statement, ())) if score is not None), default=None)
        derived = [sentences[origin] for origin in origins.get(statement, ())]
        for triple in itertools.product(statement_subjects, predicates.get(statement, ()), objects.get(statement, ())):
            support = supports.setdefault(triple, _Support())
            if best is not None and (support.confidence is None or best > support.confidence):
                support.confidence = best
            for article, sentence in derived:
                if sentence is not None:
                    key = (sentence["article"], sentence["begin"], sentence["end"], sentence["text"])
                    support.sentences[key] = sentence
                for end in (triple[0], triple[2]):
                    if end in entities:
                        sources.setdefault(end, set()).add(article)
    return supports, sources


def _sentences(graph: rdflib.Graph, origins: set[Node]) -> dict[Node, tuple[str, dict[str, Any] | None]]:
    """The article of each ``prov:wasDerivedFrom`` target, and the sentence it is (None when not a sentence)."""
    contexts, anchors = _values(graph, NIF.referenceContext), _values(graph, NIF.anchorOf)
    begins, ends = _values(graph, NIF.beginIndex), _values(graph, NIF.endIndex)
    found = {}
    for origin in origins:
        text = str(origin)
        article = _first(contexts.get(origin, ())) or text.split("#", 1)[0]
        # The RFC 5147 fragment of a sentence IRI holds its offsets too, should nif:beginIndex/endIndex be missing.
        fragment = _CHAR_FRAGMENT.search(text)
        begin = _int((begins.get(origin) or [None])[0], int(fragment[1]) if fragment else None)
        end = _int((ends.get(origin) or [None])[0], int(fragment[2]) if fragment else None)
        if begin is None or end is None:
            found[origin] = (article, None)
        else:
            anchor = _first(anchors.get(origin, ())) or ""
            found[origin] = (article, {"text": anchor, "article": article, "begin": begin, "end": end})
    return found


def _values(graph: rdflib.Graph, predicate: Node) -> dict[Node, list[Node]]:
    """Each subject of ``predicate`` with its objects, from one indexed scan rather than a lookup per subject."""
    values: dict[Node, list[Node]] = {}
    for subject, obj in graph.subject_objects(predicate):
        values.setdefault(subject, []).append(obj)
    return values


def _iso3(nation: Node, iso3: dict[Node, str]) -> str | None:
    if nation in iso3:
        return iso3[nation]
    # A nation's IRI is built from its ISO3 code, so it still tells the code when kg:iso3 is missing.
    text = str(nation)
    return text[len(_NATION_PREFIX) :] if text.startswith(_NATION_PREFIX) else None


def _iso_date(literal: Node) -> str:
    value = literal.toPython() if isinstance(literal, Literal) else literal
    return value.isoformat() if isinstance(value, date) else str(literal)


def _first(values: Iterable[object]) -> str | None:
    texts = sorted(str(value) for value in values)
    return texts[0] if texts else None


def _last_segment(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def _float(literal: Node) -> float | None:
    try:
        return float(literal.toPython()) if isinstance(literal, Literal) else None
    except (TypeError, ValueError):
        return None


def _int(literal: Node | None, default: int | None = None) -> int | None:
    try:
        return int(literal.toPython()) if isinstance(literal, Literal) else default
    except (TypeError, ValueError):
        return default


# --- walking the projection -------------------------------------------------------------------------


def _require(g: nx.MultiDiGraph, node: str) -> None:
    if node not in g:
        raise EntityError(f"{node} is not an entity of this graph; look it up with its name first")


def _adjacent(g: nx.MultiDiGraph, node: str) -> list[str]:
    """The nodes joined to ``node`` by an edge in either direction, sorted so that walks are deterministic."""
    return sorted(set(g.successors(node)) | set(g.predecessors(node)))


def _best_edge(g: nx.MultiDiGraph, u: str, v: str) -> tuple[str, bool, float]:
    """The predicate, direction (True for ``u -> v``) and confidence of the most confident edge between u, v."""
    options = [(data.get("confidence") or 0.0, key, True) for key, data in g.get_edge_data(u, v, default={}).items()]
    options += [(data.get("confidence") or 0.0, key, False) for key, data in g.get_edge_data(v, u, default={}).items()]
    confidence, predicate, forward = min(options, key=lambda o: (-o[0], o[1], not o[2]))
    return predicate, forward, confidence


def _distances(g: nx.MultiDiGraph, start: str, stop: str) -> dict[str, int]:
    """Hops from ``start`` to each node, ignoring direction, up to the distance of ``stop``."""
    hops = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if stop in hops and hops[node] >= hops[stop]:
            break
        for other in _adjacent(g, node):
            if other not in hops:
                hops[other] = hops[node] + 1
                queue.append(other)
    return hops


def _pagerank(g: nx.Graph, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> dict[str, float]:
    # networkx's pagerank needs scipy, which kg does not depend on; this is its pure-Python power iteration.
    n = len(g)
    if n == 0:
        return {}
    degree = dict(g.degree())
    rank_of = dict.fromkeys(g, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank_of[node] for node in g if degree[node] == 0) / n
        new = dict.fromkeys(g, dangling + (1.0 - alpha) / n)
        for node in g:
            if degree[node]:
                share = alpha * rank_of[node] / degree[node]
                for other in g[node]:
                    new[other] += share
        converged = sum(abs(new[node] - rank_of[node]) for node in g) < n * tol
        rank_of = new
        if converged:
            break
    return rank_of


# --- names and descriptions -------------------------------------------------------------------------


def _normalize(text: str) -> str:
    return " ".join(text.split()).casefold()


def _names(g: nx.MultiDiGraph, node: str) -> list[str]:
    data = g.nodes[node]
    return [data.get("label") or node, *(data.get("aliases") or [])]


def _label(g: nx.MultiDiGraph, node: str) -> str:
    return g.nodes[node].get("label") or node


def _describe(g: nx.MultiDiGraph, node: str) -> str:
    """``label (kind, nation)``; an encounter shows its date instead of a nation."""
    data = g.nodes[node]
    detail = data.get("date") if data.get("kind") in ENCOUNTER_KINDS else data.get("nation")
    parts = ", ".join(part for part in (data.get("kind"), detail) if part)
    return f"{_label(g, node)} ({parts})" if parts else _label(g, node)


def _by_label(g: nx.MultiDiGraph, nodes: Iterable[str]) -> list[str]:
    return sorted(nodes, key=lambda node: (_label(g, node).casefold(), node))


def _similar(g: nx.MultiDiGraph, candidates: list[str], wanted: str) -> list[str]:
    """Nodes with a name containing ``wanted`` (sorted by label), then nodes with a name close to it."""
    names: dict[str, list[str]] = {}
    for node in candidates:
        for text in _names(g, node):
            names.setdefault(_normalize(text), []).append(node)
    found = _by_label(g, {node for text, nodes in names.items() if wanted in text for node in nodes})
    for text in difflib.get_close_matches(wanted, names, n=_MAX_CANDIDATES, cutoff=0.6):
        found += [node for node in _by_label(g, names[text]) if node not in found]
    return found[:_MAX_CANDIDATES]


def _expand_kinds(kinds: Collection[str] | None) -> set[str] | None:
    if kinds is None:
        return None
    valid = (*ENTITY_KINDS, "Encounter")
    unknown = sorted(set(kinds) - set(valid))
    if unknown:
        raise UsageError(f"unknown entity kind {', '.join(unknown)}; use one of {', '.join(valid)}")
    expanded = set(kinds) - {"Encounter"}
    if "Encounter" in kinds:
        expanded |= set(ENCOUNTER_KINDS)
    return expanded


def _flatten(data: dict[str, Any]) -> dict[str, Any]:
    """Attributes GraphML and GEXF can hold: scalars, with lists and sentences joined into strings."""
    flat = {}
    for name, value in data.items():
        if value is None:
            continue
        if name == "sentences":
            value = " | ".join(" ".join(sentence["text"].split()) for sentence in value)
        elif isinstance(value, list | tuple | set):
            value = "; ".join(str(item) for item in value)
        flat[name] = value
    return flat
