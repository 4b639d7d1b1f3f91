"""Linking: the resolve stage across articles, so that one real entity is one node in a store or a merged file.

Each article's graph names its entities with IRIs of its own words: "Jim Mattis" is ``kgr:official/jim-mattis``
in one article and ``kgr:official/james-n-mattis`` in another, and ``kgr:official/bush`` may be George H. W.
Bush in an article of 1990 and George W. Bush in one of 2005. :func:`link` reads what each article says of each
of its IRIs (a :class:`~kg.link.records.Record`), decides which records are one entity (:mod:`kg.link.people`
for officials, :mod:`kg.link.entities` for places, treaties and encounters), and picks each entity's canonical
IRI and name. The result is a :class:`Resolution`: each record's canonical IRI, ``owl:sameAs`` from every IRI
that stands for one entity wherever it is written, the canonical names, and the tenure of offices
(:mod:`kg.link.tenure`). It depends on the set of articles only, not on the order they came in.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from anyascii import anyascii
from rdflib import OWL, Literal, URIRef
from rdflib.term import Node

from kg.keys import key_triples
from kg.link.entities import Group, group_encounters, group_places, group_treaties
from kg.link.names import ParsedName
from kg.link.people import Person, cluster_officials
from kg.link.records import ENCOUNTERS, Record, from_store, from_triples
from kg.link.tenure import tenure_triples
from kg.namespace import KG, KGR
from kg.resolve.entities import digest, slug

__all__ = [
    "Entity",
    "Resolution",
    "carry_over",
    "from_store",
    "from_triples",
    "link",
    "resolve_store",
    "rewrite",
    "rewritten",
]

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Entity:
    """An entity that several IRIs or articles name: its kind, canonical IRI and name, and each IRI that names
    it, with why it was taken for this entity and the articles that write it so."""

    kind: str
    iri: str
    name: str
    members: dict[str, str]  # IRI -> why it was taken for this entity ("" for the first)
    articles: dict[str, tuple[str, ...]]  # IRI -> the articles whose IRI it is for this entity


@dataclass
class Resolution:
    """Which records name one entity, and the triples that say so (the store's resolution graph)."""

    entities: list[Entity] = field(default_factory=list)  # those two or more IRIs or a new IRI name
    canonical: dict[tuple[str, str], str] = field(default_factory=dict)  # (article, IRI) -> canonical IRI
    same_as: dict[str, str] = field(default_factory=dict)  # IRI -> canonical IRI, for every article writing it
    named: dict[str, str] = field(default_factory=dict)  # canonical IRI -> the name it gives (others: aliases)
    triples: list[Triple] = field(default_factory=list)
    seconds: float = 0.0
    rewritten: int = 0  # IRIs whose triples a store's default graph had rewritten (kg.link.store)


def link(
    records: Iterable[Record],
    *,
    same: Collection[frozenset[str]] = (),
    distinct: Collection[frozenset[str]] = (),
) -> Resolution:
    """Resolve the ``records`` of any number of articles; ``same`` and ``distinct`` are an analyst's pairs of
    IRIs (see :mod:`kg.link.overrides`)."""
    started = time.perf_counter()
    by_kind: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        by_kind["Encounter" if r.kind in ENCOUNTERS else r.kind].append(r)
    office_nations = {r.iri: n.rsplit("/", 1)[-1] for r in by_kind["Office"] for n in sorted(r.get("officeOf"))[:1]}
    people = cluster_officials(by_kind["Official"], office_nations=office_nations, same=same, distinct=distinct)
    resolution = Resolution()
    entities = _person_iris([_person(p) for p in people])
    for e, person in zip(entities, people, strict=True):
        for r in person.records:
            resolution.canonical[r.key] = e.iri
    for kind, groups in (("Place", group_places(by_kind["Place"])), ("Treaty", group_treaties(by_kind["Treaty"]))):
        entities += _entities(kind, groups, by_kind[kind], resolution.canonical)
    groups = group_encounters(by_kind["Encounter"], lambda article, iri: resolution.canonical.get((article, iri), iri))
    entities += _entities("Encounter", groups, by_kind["Encounter"], resolution.canonical)
    names: dict[str, set[str]] = defaultdict(set)
    targets: dict[str, set[str]] = defaultdict(set)
    for kind_records in by_kind.values():
        for r in kind_records:
            c = resolution.canonical.setdefault(r.key, r.iri)
            names[c] |= r.get("name")
            targets[r.iri].add(c)
    resolution.same_as = {iri: c.pop() for iri, c in sorted(targets.items()) if len(c) == 1 and iri not in c}
    resolution.entities = [e for e in entities if len(e.members) > 1 or e.iri not in e.members]
    for e in entities:
        if names[e.iri] - {e.name} or (e.iri not in e.members and e.name):
            resolution.named[e.iri] = e.name
    triples: list[Triple] = []
    for c, n in sorted(resolution.named.items()):
        triples += [(URIRef(c), KG.name, Literal(n)), *key_triples(URIRef(c), n)]
    triples += [(URIRef(iri), OWL.sameAs, URIRef(c)) for iri, c in resolution.same_as.items()]
    triples += tenure_triples(by_kind["Official"], resolution.canonical, office_nations)
    resolution.triples = triples
    resolution.seconds = time.perf_counter() - started
    return resolution


def carry_over(resolution: Resolution, earlier: Mapping[str, str]) -> None:
    """Keep the IRIs an earlier resolution published leading to their entity: ``earlier`` maps each IRI it
    said ``owl:sameAs`` of to that canonical IRI. A canonical IRI no longer in use (its entity took a fuller
    name, or joined another), and each IRI that led to it, get ``owl:sameAs`` the entity its IRIs lead to now,
    where that is one entity."""
    in_use = set(resolution.canonical.values()) | {iri for _, iri in resolution.canonical}
    led_to: dict[str, set[str]] = defaultdict(set)
    for iri, canonical in earlier.items():
        led_to[canonical].add(iri)
    for old in sorted(set(led_to) - in_use):
        targets = {resolution.same_as.get(iri, iri) for iri in led_to[old] if iri in in_use}
        if len(targets) != 1:
            continue
        target = targets.pop()
        for iri in sorted({old} | led_to[old]):
            if iri not in in_use and iri not in resolution.same_as:
                resolution.same_as[iri] = target
                resolution.triples.append((URIRef(iri), OWL.sameAs, URIRef(target)))


def _articles(records: Iterable[Record]) -> dict[str, tuple[str, ...]]:
    out: dict[str, set[str]] = defaultdict(set)
    for r in records:
        out[r.iri].add(r.article)
    return {iri: tuple(sorted(a)) for iri, a in sorted(out.items())}


def _person(person: Person) -> Entity:
    """The entity of a person, its IRI made of its fullest name ("kgr:official/james-n-mattis")."""
    # The fullest name; among those as full, one with no word in capitals ("Fumio Kishida", not "KISHIDA
    # Fumio"), then the one most articles write, then the first by text.
    written = Counter(u.best.text for u in person.units)
    best = max(
        person.units,
        key=lambda u: (u.best.informative, not _capitals(u.best.text), written[u.best.text], u.best.text),
    )
    members: dict[str, str] = {}
    for u in sorted(person.units, key=lambda u: (u.record.iri != best.record.iri, u.record.iri, u.record.article)):
        members.setdefault(u.record.iri, person.reasons.get(u.record.key, "") or _name_reason(u.best, best.best))
    name = best.best.text
    iri = str(KGR[f"official/{slug(anyascii(name))}"])  # "Đỗ Văn Tuấn": official/do-van-tuan
    return Entity("Official", iri, name, members, _articles(person.records))


def _capitals(text: str) -> bool:
    return any(len(w) > 1 and w.isupper() for w in text.split())


def _name_reason(name: ParsedName, canonical: ParsedName) -> str:
    if name.text == canonical.text:
        return ""
    return f"{name.text!r}: a form of {canonical.text!r}"


def _person_iris(entities: list[Entity]) -> list[Entity]:
    """Give persons whose names make the same IRI one each: the one with the first (article, IRI) keeps it,
    the others get a digest of theirs after it."""
    by_iri: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entities):
        by_iri[e.iri].append(i)
    out = list(entities)
    for iri, group in by_iri.items():
        if len(group) > 1:
            first = {i: min((a, m) for m, arts in entities[i].articles.items() for a in arts) for i in group}
            for i in sorted(group, key=first.__getitem__)[1:]:
                out[i] = replace(entities[i], iri=f"{iri}-{digest(*first[i])[:8]}")
    return out


def _entities(kind: str, groups: list[Group], records: list[Record], canonical: dict) -> list[Entity]:
    """The entities of groups of IRIs (places, treaties, encounters), each record mapped to its entity."""
    by_iri: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        by_iri[r.iri].append(r)
    out = []
    for group in groups:
        mine = [r for iri in group for r in by_iri[iri]]
        names = {r.iri: r.names[0] for r in mine if r.names}

        def rank(iri: str, mine: list[Record] = mine, names: dict[str, str] = names) -> tuple:
            known = any(v.startswith(_WIKIDATA) for r in mine if r.iri == iri for v in r.get("sameAs"))
            # a treaty the gazetteer knows, then the longest name; an encounter by its IRI alone
            return (not known, -len(names.get(iri, "")) if kind != "Encounter" else 0, iri)

        iri = min(group, key=rank)
        for r in mine:
            canonical[r.key] = iri
        members = {m: ("" if m == iri else why) for m, why in group.items()}
        out.append(Entity(kind, iri, names.get(iri, ""), members, _articles(mine)))
    return out


_WIKIDATA = "http://www.wikidata.org/"


def rewrite(articles: Iterable[tuple[str, Iterable[Triple]]], resolution: Resolution) -> Iterator[Triple]:
    """The merged graph of the articles' triples (each article given with its IRI) once resolved: every IRI
    an article writes replaced by its entity's canonical one, the names of a renamed entity made aliases
    beside the name the resolution gives, and the resolution's triples added. :mod:`kg.link.store` does the
    same inside a store."""
    named = {URIRef(c): Literal(n) for c, n in resolution.named.items()}
    seen: set[Triple] = set()
    for article, triples in articles:
        for t in rewritten(article, triples, resolution.canonical, named):
            if t not in seen:
                seen.add(t)
                yield t
    for t in resolution.triples:
        if t not in seen:
            seen.add(t)
            yield t


def rewritten(
    article: str, triples: Iterable[Triple], canonical: dict[tuple[str, str], str], named: dict[URIRef, Literal]
) -> Iterator[Triple]:
    """The triples of one article with its IRIs made canonical (see :func:`rewrite`)."""
    cache: dict[Node, Node] = {}

    def term(t: Node) -> Node:
        if not isinstance(t, URIRef):
            return t
        if t not in cache:
            c = canonical.get((article, str(t)))
            cache[t] = URIRef(c) if c is not None and c != str(t) else t
        return cache[t]

    for s, p, o in triples:
        s, o = term(s), term(o)
        if p == KG.name and s in named:
            if o == named[s]:
                continue
            p = KG.alias
        yield (s, p, o)


def resolve_store(store: object, **overrides: Collection[frozenset[str]]) -> Resolution:
    """Resolve every article of ``store`` (a writable :class:`kg.store.Store`) and write the result into it:
    the resolution graph, and the store's default graph rebuilt from the articles' graphs with canonical IRIs.
    See :func:`kg.link.store.resolve_store`."""
    from kg.link.store import resolve_store as _resolve_store

    return _resolve_store(store, **overrides)  # type: ignore[arg-type]
