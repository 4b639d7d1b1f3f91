"""Who held which office when, in W3C ORG terms, from the dates of the articles that say so.

Each (official, office) pair the articles state becomes an ``org:Membership``: ``org:member`` the official
(its canonical IRI), ``org:role`` the office (a ``kg:Office``, which is an ``org:Post`` and an ``org:Role``),
``org:organization`` the office's nation, and ``org:memberDuring`` a ``time:Interval`` from the earliest to the
latest publication date of an article stating it. An article without a date states no tenure.

>>> from datetime import date
>>> from kg.link.records import Record
>>> r = Record("kgr:article/1", "kgr:official/x", "Official", date(2017, 2, 3),
...            {"holdsOffice": frozenset({"kgr:office/JPN/minister-of-defense"})})
>>> later = Record("kgr:article/2", "kgr:official/x", "Official", date(2017, 8, 3), r.values)
>>> triples = tenure_triples([r, later], {}, {"kgr:office/JPN/minister-of-defense": "JPN"})
>>> sorted(str(o) for s, p, o in triples if p.endswith("inXSDDate"))
['2017-02-03', '2017-08-03']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from rdflib import RDF, XSD, Literal, Namespace, URIRef
from rdflib.namespace import ORG, TIME
from rdflib.term import Node

from kg.link.records import Record
from kg.namespace import KGR
from kg.resolve.entities import digest

__all__ = ["tenure_triples"]

Triple = tuple[Node, Node, Node]
_TIME: Namespace = TIME  # type: ignore[assignment]


def tenure_triples(
    officials: Iterable[Record], canonical: Mapping[tuple[str, str], str], office_nations: Mapping[str, str]
) -> list[Triple]:
    """The memberships of ``officials`` records, each official by its canonical IRI (``canonical`` maps a
    record's (article, IRI) to it)."""
    days: dict[tuple[str, str], list[date]] = defaultdict(list)
    for r in officials:
        if r.published is None:
            continue
        for office in r.get("holdsOffice"):
            days[(canonical.get(r.key, r.iri), office)].append(r.published)
    triples: list[Triple] = []
    for (official, office), when in sorted(days.items()):
        membership = KGR[f"membership/{digest(official, office)}"]
        interval = URIRef(f"{membership}/during")
        triples += [
            (membership, RDF.type, ORG.Membership),
            (membership, ORG.member, URIRef(official)),
            (membership, ORG.role, URIRef(office)),
            (membership, ORG.memberDuring, interval),
            (interval, RDF.type, _TIME.Interval),
            (interval, _TIME.hasBeginning, _instant(min(when))),
            (interval, _TIME.hasEnd, _instant(max(when))),
        ]
        for day in {min(when), max(when)}:
            triples += [(_instant(day), RDF.type, _TIME.Instant), (_instant(day), _TIME.inXSDDate, _date(day))]
        if office in office_nations:
            triples.append((membership, ORG.organization, KGR[f"nation/{office_nations[office]}"]))
    return triples


def _instant(day: date) -> URIRef:
    return KGR[f"day/{day.isoformat()}"]


def _date(day: date) -> Literal:
    return Literal(day.isoformat(), datatype=XSD.date)
