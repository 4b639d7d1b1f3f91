"""What linking reads: each entity of each article, as that article states it (a :class:`Record`).

Records come from the triples of article graphs (:func:`from_triples`, for ``kg build -o``) or from a store's
named graphs in one SPARQL query (:func:`from_store`). A record holds only what tells entities apart: names,
titles, offices and nations of officials; kind, participants, place and day of encounters; parties of
treaties; the GeoNames and Wikidata IRIs of places.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from rdflib import OWL, RDF
from rdflib.term import Node

from kg.namespace import KG, KGR

__all__ = ["ENCOUNTERS", "Record", "from_store", "from_triples"]

ENCOUNTERS = ("Meeting", "PhoneCall", "VideoCall", "PlannedMeeting", "NegatedMeeting")
KINDS = ("Official", "Office", "Treaty", "Place", *ENCOUNTERS)
_PREDICATES = ("name", "alias", "title", "holdsOffice", "serves", "officeOf", "participant", "place", "date", "party")
ARTICLE_PREFIX = str(KGR["article/"])
_KIND_OF = {str(KG[k]): k for k in KINDS}
_PREDICATE_OF = {str(KG[p]): p for p in _PREDICATES} | {str(OWL.sameAs): "sameAs"}


@dataclass(frozen=True)
class Record:
    """One entity as one article states it: ``iri`` in the graph of ``article``."""

    article: str
    iri: str
    kind: str
    published: date | None = None
    values: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def get(self, predicate: str) -> frozenset[str]:
        return self.values.get(predicate, frozenset())

    @property
    def key(self) -> tuple[str, str]:
        return (self.article, self.iri)

    @property
    def names(self) -> list[str]:
        """The canonical name first, then the aliases in order."""
        return sorted(self.get("name")) + sorted(self.get("alias") - self.get("name"))


def from_triples(article: str, triples: Iterable[tuple[Node, Node, Node]]) -> list[Record]:
    """The records of one article graph, given as triples."""
    rows = [(article, str(s), str(p), str(o)) for s, p, o in triples]
    return _records(rows, {article: _published(rows, article)})


def _published(rows: list[tuple[str, str, str, str]], article: str) -> date | None:
    for _, s, p, o in rows:
        if s == article and p == str(KG.published):
            return date.fromisoformat(o[:10])
    return None


def from_store(store: object) -> list[Record]:
    """The records of every article graph of ``store`` (a :class:`kg.store.Store`), read from its indexes one
    predicate (and one class) at a time: only the entities' typings, not those of every statement and
    sentence, which a SPARQL query for ``rdf:type`` would read too (3 times as long)."""
    patterns = [(p, None) for p in [*_PREDICATE_OF, str(KG.published)]] + [(str(RDF.type), k) for k in _KIND_OF]
    rows = [
        (q.graph_name.value, q.subject.value, predicate, q.object.value)
        for predicate, obj in patterns
        for q in store.quads(predicate=predicate, obj=obj)  # type: ignore[attr-defined]
        if getattr(q.graph_name, "value", "").startswith(ARTICLE_PREFIX)
    ]
    published = {g: date.fromisoformat(o[:10]) for g, s, p, o in rows if s == g and p == str(KG.published) and o}
    return _records(rows, published)


def _records(rows: Iterable[tuple[str, str, str, str]], published: Mapping[str, date | None]) -> list[Record]:
    kinds: dict[tuple[str, str], str] = {}
    values: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for g, s, p, o in rows:
        if p == str(RDF.type):
            if o in _KIND_OF:
                kinds[(g, s)] = _KIND_OF[o]
        elif p in _PREDICATE_OF:
            values[(g, s)][_PREDICATE_OF[p]].add(o)
    return [
        Record(g, s, kind, published.get(g), {p: frozenset(v) for p, v in values.get((g, s), {}).items()})
        for (g, s), kind in sorted(kinds.items())
    ]
