"""Places, treaties and encounters across articles: which IRIs are one entity.

Two IRIs one article writes stay two entities: the article's own resolution kept them apart.

- **Places** are one when they have the same GeoNames or Wikidata IRI ("Tokyo" and "Tokyo, Japan").
- **Treaties** are one when they share a name or alias, written alike once case, "the" and punctuation are
  set aside, and their parties agree (one list holds the other's nations, or either names none).
- **Encounters** are one when several articles report them: the same kind (a meeting, a call...) on the same
  day, people of whom one article's list holds the other's (two at least, once officials are linked), and
  the same place or one of them with none. An encounter without a day joins no other.

Each function returns groups of IRIs, each group sorted and the groups in sorted order, with why each IRI
joined its group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from kg.keys import lookup_key
from kg.link.records import ENCOUNTERS, Record

__all__ = ["Group", "group_encounters", "group_places", "group_treaties"]

Group = dict[str, str]
"""The IRIs of one entity, each with why it joined (empty for the first)."""


class _Union:
    """Union-find over IRIs, keeping the first reason each IRI was joined for."""

    def __init__(self, by_iri: Mapping[str, list[Record]]) -> None:
        self.parent = {iri: iri for iri in by_iri}
        self.reason: dict[str, str] = {}
        self.articles = {iri: {r.article for r in records} for iri, records in by_iri.items()}

    def root(self, iri: str) -> str:
        while self.parent[iri] != iri:
            self.parent[iri] = self.parent[self.parent[iri]]
            iri = self.parent[iri]
        return iri

    def join(self, a: str, b: str, reason: str) -> None:
        """Join the entities of ``a`` and ``b``, unless an article names both: its own resolution, which
        kept them apart, stands."""
        ra, rb = self.root(a), self.root(b)
        if ra != rb and not self.articles[ra] & self.articles[rb]:
            keep, gone = min(ra, rb), max(ra, rb)
            self.parent[gone] = keep
            self.articles[keep] |= self.articles.pop(gone)
            self.reason.setdefault(b if b != keep else a, reason)

    def groups(self) -> list[Group]:
        members: dict[str, list[str]] = defaultdict(list)
        for iri in self.parent:
            members[self.root(iri)].append(iri)
        return sorted(({i: self.reason.get(i, "") for i in sorted(m)} for m in members.values()), key=min)


def _by_iri(records: Iterable[Record]) -> dict[str, list[Record]]:
    out: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        out[r.iri].append(r)
    return dict(sorted(out.items()))


def _join_sharing(union: _Union, keys: Mapping[str, Iterable[str]], why: Callable[[str], str]) -> None:
    holders: dict[str, list[str]] = defaultdict(list)
    for iri, values in keys.items():
        for value in values:
            holders[value].append(iri)
    for value, iris in sorted(holders.items()):
        for iri in iris[1:]:
            union.join(iris[0], iri, why(value))


def group_places(records: Iterable[Record]) -> list[Group]:
    """Places with the same GeoNames or Wikidata IRI."""
    by_iri = _by_iri(records)
    union = _Union(by_iri)
    ids = {iri: {v for r in rs for v in r.get("sameAs")} for iri, rs in by_iri.items()}
    _join_sharing(union, ids, lambda value: f"the same place as {value}")
    return union.groups()


def _name_key(name: str) -> str:
    return " ".join(w for w in lookup_key(name).split() if w != "the")


def group_treaties(records: Iterable[Record]) -> list[Group]:
    """Treaties that share a name or alias and whose parties agree."""
    by_iri = _by_iri(records)
    union = _Union(by_iri)
    parties = {iri: {p for r in rs for p in r.get("party")} for iri, rs in by_iri.items()}
    holders: dict[str, list[str]] = defaultdict(list)
    for iri, rs in by_iri.items():
        for key in sorted({_name_key(n) for r in rs for n in r.names} - {""}):
            holders[key].append(iri)
    for key, iris in sorted(holders.items()):
        for iri in iris[1:]:
            a, b = parties[iris[0]], parties[iri]
            if not a or not b or a <= b or b <= a:
                union.join(iris[0], iri, f"the same name, {key!r}, and parties that agree")
    return union.groups()


def group_encounters(records: Iterable[Record], canonical: Callable[[str, str], str]) -> list[Group]:
    """Encounters of one kind, day and people (after ``canonical(article, IRI)``, the IRI of the entity an
    official or place of an article was linked to), at the same place or with one place unknown."""
    by_iri = _by_iri(r for r in records if r.kind in ENCOUNTERS)
    union = _Union(by_iri)
    blocks: dict[tuple[str, str], list[tuple[frozenset[str], str | None, str]]] = defaultdict(list)
    for iri, rs in by_iri.items():
        days = {d[:10] for r in rs for d in r.get("date")}
        if len(days) != 1:
            continue
        people = frozenset(canonical(r.article, p) for r in rs for p in r.get("participant"))
        places = {canonical(r.article, p) for r in rs for p in r.get("place")}
        blocks[(rs[0].kind, days.pop())].append((people, min(places) if len(places) == 1 else None, iri))
    for (kind, day), items in sorted(blocks.items()):
        # The most people first: a report naming fewer people joins the one encounter that holds them all.
        items.sort(key=lambda item: (-len(item[0]), item[2]))
        for i, (people, place, iri) in enumerate(items):
            fits = [
                other
                for others, other_place, other in items[:i]
                if len(people & others) >= 2
                and people <= others
                and (place is None or other_place is None or place == other_place)
            ]
            roots = {union.root(other) for other in fits}
            if len(roots) == 1:
                union.join(fits[0], iri, f"a {kind} on {day} of the same people")
    return union.groups()
