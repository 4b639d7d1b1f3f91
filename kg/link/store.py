"""Linking inside a store: the resolution graph, the analyst's pairs, and the default graph brought in line.

A store holds, beside one named graph per article, three graphs of its own:

- ``kgr:resolution``: what :func:`kg.link.link` decided (``owl:sameAs`` from IRIs to their entity's canonical
  IRI, canonical names, tenure of offices); its triples are in the default graph too. A canonical IRI that an
  earlier resolution published and this one no longer uses keeps ``owl:sameAs`` the entity it leads to now
  (:func:`kg.link.carry_over`);
- ``kgr:overrides``: the analyst's pairs (``owl:sameAs`` for same.tsv, ``owl:differentFrom`` for
  distinct.tsv), kept from one resolution to the next until new files replace them;
- ``kgr:links``: each record (an article's IRI) the last resolution rewrote, as ``<article> <IRI>
  <canonical IRI>``, so that the next one rewrites only what changed since.

The default graph, which queries run on, is the articles' graphs with every IRI an article writes replaced by
its entity's canonical one, and the resolution graph. A resolution rewrites only the triples of the entities
whose records changed since the last one, not the store: adding ten articles to a large store rewrites the
entities those articles name under another IRI, and resolving an unchanged store rewrites nothing. It is one
SPARQL update, one transaction: a process killed half way leaves the store as it was.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable

import pyoxigraph as ox
from rdflib import OWL, URIRef

from kg.link import Resolution, carry_over, link
from kg.link.records import ARTICLE_PREFIX, from_store
from kg.namespace import KG, KGR
from kg.store import Store, ntriples_lines

__all__ = ["LINKS", "OVERRIDES", "RESOLUTION", "resolve_store", "stored_pairs"]

RESOLUTION = str(KGR["resolution"])
OVERRIDES = str(KGR["overrides"])
LINKS = str(KGR["links"])
_SAME_AS = str(OWL.sameAs)
_NAME = str(KG.name)


def stored_pairs(store: Store) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """The analyst's pairs a store holds: (same, distinct)."""
    same: set[frozenset[str]] = set()
    distinct: set[frozenset[str]] = set()
    for q in store.quads(graph=OVERRIDES):
        pair = frozenset((q.subject.value, q.object.value))
        (same if q.predicate.value == str(OWL.sameAs) else distinct).add(pair)
    return same, distinct


def resolve_store(
    store: Store,
    *,
    same: Collection[frozenset[str]] | None = None,
    distinct: Collection[frozenset[str]] | None = None,
) -> Resolution:
    """Resolve every article of ``store`` and write the result (see the module). ``same`` and ``distinct``
    replace the analyst's pairs the store holds; without them the held pairs apply. Raises what
    :meth:`kg.store.Store.update` raises."""
    started = time.perf_counter()
    held_same, held_distinct = stored_pairs(store)
    same = held_same if same is None else same
    distinct = held_distinct if distinct is None else distinct
    resolution = link(from_store(store), same=same, distinct=distinct)
    old = {_line(q): q for q in store.quads(graph=RESOLUTION)}
    carry_over(resolution, {q.subject.value: q.object.value for q in old.values() if q.predicate.value == _SAME_AS})
    new = dict.fromkeys(ntriples_lines(resolution.triples))
    links = {k: c for k, c in resolution.canonical.items() if c != k[1] or c in resolution.named}
    earlier = {
        (q.subject.value, q.predicate.value): q.object.value
        for q in store.quads(graph=LINKS)
        if isinstance(q.object, ox.NamedNode)
    }
    named = {q.subject.value: q.object.value for q in old.values() if q.predicate.value == _NAME}
    touched = _changed(earlier, links, named, resolution.named, resolution.canonical)
    resolution.rewritten = len(touched)
    pairs = [(URIRef(a), OWL.sameAs, URIRef(b)) for a, b in (sorted(p) for p in same)]
    pairs += [(URIRef(a), OWL.differentFrom, URIRef(b)) for a, b in (sorted(p) for p in distinct)]
    values = " ".join(f"<{iri}>" for iri in touched)
    gone = [line for line in old if line not in new]
    into_default = _rewritten(store, touched, resolution)
    into_default += [line for line in new if line not in old or _touches(line, touched)]
    added = [line for line in new if line not in old]
    update = [
        f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }} ;" if touched else "",
        f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?o {{ {values} }} ?s ?p ?o }} ;" if touched else "",
        f"DELETE DATA {{ {_lines(gone)} GRAPH <{RESOLUTION}> {{ {_lines(gone)} }} }} ;",
        f"INSERT DATA {{ {_lines(into_default)} GRAPH <{RESOLUTION}> {{ {_lines(added)} }} }} ;",
        f"DROP SILENT GRAPH <{LINKS}> ;",
        f"DROP SILENT GRAPH <{OVERRIDES}> ;",
        f"INSERT DATA {{ GRAPH <{LINKS}> {{ {_lines(f'<{g}> <{x}> <{c}>' for (g, x), c in sorted(links.items()))} }}",
        f"GRAPH <{OVERRIDES}> {{ {_lines(ntriples_lines(pairs))} }} }}",
    ]
    store.update("\n".join(update))
    resolution.seconds = time.perf_counter() - started
    return resolution


def _changed(
    earlier: dict[tuple[str, str], str],
    links: dict[tuple[str, str], str],
    earlier_named: dict[str, str],
    named: dict[str, str],
    canonical: dict[tuple[str, str], str],
) -> list[str]:
    """The IRIs whose triples in the default graph must be rewritten: those of the records whose entity or
    entity's name changed since the last resolution (``earlier``: (article, IRI) -> canonical IRI, for every
    record the last one rewrote; a record of a new article or of one gone counts as changed), their entities'
    IRIs before and after, and every IRI that leads to one of those entities now (their triples make its)."""
    changed: set[str] = set()
    for key in earlier.keys() | links.keys():
        if earlier.get(key) != links.get(key):
            changed |= {key[1]} | {c for c in (earlier.get(key), links.get(key)) if c}
    changed |= {c for c in earlier_named.keys() | named.keys() if earlier_named.get(c) != named.get(c)}
    changed |= {iri for (_, iri), c in canonical.items() if c in changed}
    return sorted(changed)


def _line(quad: ox.Quad) -> str:
    return f"{quad.subject} {quad.predicate} {quad.object}"


def _lines(lines: Iterable[str]) -> str:
    return "".join(f"{line} .\n" for line in lines)


def _touches(line: str, iris: Collection[str]) -> bool:
    subject, _, rest = line.partition(" ")
    obj = rest.partition(" ")[2]
    return subject[1:-1] in iris or (obj.startswith("<") and obj[1:-1] in iris)


def _rewritten(store: Store, iris: list[str], resolution: Resolution) -> list[str]:
    """The triples of the articles' graphs that name one of ``iris``, as N-Triples lines with every IRI made
    canonical (:func:`kg.link.rewritten` does the same to rdflib triples)."""
    canonical = resolution.canonical
    named = {c: str(ox.Literal(n)) for c, n in resolution.named.items()}
    name, alias = str(ox.NamedNode(str(KG.name))), str(ox.NamedNode(str(KG.alias)))
    quads = {q for iri in iris for q in (*store.quads(subject=iri), *store.quads(obj=iri))}
    out = []
    for q in quads:
        graph = q.graph_name
        if not isinstance(graph, ox.NamedNode) or not graph.value.startswith(ARTICLE_PREFIX):
            continue
        s = (
            canonical.get((graph.value, q.subject.value), q.subject.value)
            if isinstance(q.subject, ox.NamedNode)
            else None
        )
        o = str(q.object)
        if isinstance(q.object, ox.NamedNode):
            o = f"<{canonical.get((graph.value, q.object.value), q.object.value)}>"
        p = str(q.predicate)
        subject = f"<{s}>" if s is not None else str(q.subject)
        if p == name and s in named:
            if o == named[s]:
                continue
            p = alias
        out.append(f"{subject} {p} {o}")
    return out
