"""Officials across articles: which records are one person.

A record is what one article says of one official: its names, titles, offices, nations and the article's
date. Records are compared only within blocks of a normalized family name (and a name's first word and its
words run together, for names written family name first: "Xi Jinping", "Moon Jae-in"), never all pairs, and
never two of one article (its own resolution kept them apart). In each block:

1. Names of two or more words, the fullest first ("James N. Mattis" before "Jim Mattis"), join the one person
   whose every name agrees with theirs (:func:`kg.link.names.names_agree`) and whose nations agree; the same
   name written alike joins whatever the nation, in the same office or within :data:`WINDOW`. Where two
   persons fit ("George Bush" beside George H. W. Bush and George W. Bush) the one whose office and time
   agree is taken, if only one does; else the name stays apart.
2. A name of one word ("Mattis") joins a person only when exactly one candidate fits: the word is the
   person's family (or first) name, and nation, office and time agree (within :data:`WINDOW` of the person's
   articles). Of several namesakes that fit, the one holding the same office is taken, then the one whose
   articles span its day, then the one whose articles are nearest, within :data:`NEAR` (a predecessor and a
   successor with one family name). With no person of full name, it joins the one other one-word person of
   that word whose evidence agrees. Otherwise it stays apart.

An analyst's pairs override the rules: records of two IRIs said to be distinct never share a person, and
those said to be the same always do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from kg.link.names import ParsedName, names_agree, parse
from kg.link.records import Record

__all__ = ["NEAR", "WINDOW", "Person", "cluster_officials"]

WINDOW = timedelta(days=8 * 365)
"""How far apart in time two mentions may be and still be taken for one person on weak evidence (a surname
alone; the same name in another office): two terms of office."""

NEAR = timedelta(days=365)
"""How near the articles of one of several namesakes a surname alone must be, and nearer than the others', to
be taken for that one."""


_NATION_PREFIX = "https://w3id.org/kg/id/nation/"
_TITLE_STOP = {"of", "the", "for", "and"}
_GRADES = {"deputy", "vice", "assistant", "under", "associate"}  # words that make a title another, lower office


@dataclass
class Person:
    """The IRIs taken for one person, with the evidence they share and why each joined."""

    units: list[_Evidence] = field(default_factory=list)
    names: list[ParsedName] = field(default_factory=list)  # the names of two or more words
    nations: set[str] = field(default_factory=set)
    offices: set[str] = field(default_factory=set)
    titles: set[frozenset[str]] = field(default_factory=set)
    first: date | None = None
    last: date | None = None
    reasons: dict[tuple[str, str], str] = field(default_factory=dict)  # (article, IRI) -> why it joined
    articles: set[str] = field(default_factory=set)

    def add(self, unit: _Evidence, reason: str) -> None:
        self.units.append(unit)
        self.articles.add(unit.record.article)
        self.reasons[unit.record.key] = reason
        self.names += [n for n in unit.names if not n.single]
        self.nations |= unit.nations
        self.offices |= unit.offices
        self.titles |= unit.titles
        for day in (unit.first, unit.last):
            if day is not None:
                self.first = day if self.first is None else min(self.first, day)
                self.last = day if self.last is None else max(self.last, day)

    def iris(self) -> list[str]:
        return [u.record.iri for u in self.units]

    @property
    def records(self) -> list[Record]:
        return [u.record for u in self.units]


@dataclass(frozen=True)
class _Evidence:
    """What one article says of one official."""

    record: Record
    names: tuple[ParsedName, ...]
    best: ParsedName
    nations: frozenset[str]
    offices: frozenset[str]
    titles: frozenset[frozenset[str]]
    first: date | None
    last: date | None

    def nation_agrees(self, person: Person) -> bool:
        return not self.nations or not person.nations or bool(self.nations & person.nations)

    def office_agrees(self, person: Person) -> bool:
        if not (self.offices or self.titles) or not (person.offices or person.titles):
            return True
        if self.offices & person.offices:
            return True
        # "Secretary" is "Defense Secretary" said shortly; "Deputy Defense Secretary" is another office
        return any((a <= b or b <= a) and a & _GRADES == b & _GRADES for a in self.titles for b in person.titles)

    def time_agrees(self, person: Person) -> bool:
        if self.first is None or self.last is None or person.first is None or person.last is None:
            return True
        return person.first - WINDOW <= self.last and self.first <= person.last + WINDOW

    def within(self, person: Person) -> bool:
        """Whether the person's articles began before this one and went on after it."""
        if self.first is None or person.first is None or person.last is None:
            return False
        return person.first <= self.first <= person.last

    def agrees(self, person: Person) -> bool:
        return self.nation_agrees(person) and self.office_agrees(person) and self.time_agrees(person)


def _evidence(record: Record, office_nations: dict[str, str]) -> _Evidence:
    names = tuple(parse(n) for n in record.names) or (parse(record.iri.rsplit("/", 1)[-1].replace("-", " ")),)
    best = max(names, key=lambda n: (n.informative, n.text))
    offices = record.get("holdsOffice")
    nations = {n.removeprefix(_NATION_PREFIX) for n in record.get("serves")}
    nations |= {office_nations[o] for o in offices if o in office_nations}
    titles = frozenset(
        frozenset(w for w in t.lower().replace(".", "").split() if w not in _TITLE_STOP) for t in record.get("title")
    )
    return _Evidence(record, names, best, frozenset(nations), offices, titles, record.published, record.published)


def cluster_officials(
    records: Iterable[Record],
    *,
    office_nations: dict[str, str] | None = None,
    same: Collection[frozenset[str]] = (),
    distinct: Collection[frozenset[str]] = (),
) -> list[Person]:
    """The persons of official ``records`` (of any number of articles): each record is what one article says
    of one person, so that "George Bush" of 1990 and of 2005 can be two. ``office_nations`` maps an office
    IRI to the ISO3 code of its nation; ``same`` and ``distinct`` hold pairs of official IRIs from an analyst
    (every record of an IRI). The result depends on the records only, not on their order."""
    evidence = [_evidence(r, office_nations or {}) for r in records]
    # The fullest names first; ties by text and IRI, so that the order of arrival does not matter.
    evidence.sort(
        key=lambda e: (
            e.best.single,
            tuple(-x for x in e.best.informative),
            e.best.text,
            e.first or date.max,
            e.record.key,
        )
    )
    people: list[Person] = []
    index: dict[str, list[int]] = defaultdict(list)  # block key -> persons
    apart = {pair for pair in distinct if len(pair) == 2}

    def allowed(e: _Evidence, p: int) -> bool:
        # An article's own resolution stands: two officials it keeps apart are two people.
        if e.record.article in people[p].articles:
            return False
        return not apart or not any(frozenset((e.record.iri, iri)) in apart for iri in people[p].iris())

    def put(e: _Evidence, p: int | None, reason: str = "") -> None:
        if p is None:
            people.append(Person())
            p = len(people) - 1
        people[p].add(e, reason)
        for key in _keys(e.best):
            if p not in index[key]:
                index[key].append(p)

    for e in evidence:
        blocked = dict.fromkeys(p for key in _keys(e.best) for p in index.get(key, ()) if allowed(e, p))
        if not e.best.single:
            fits = [p for p in blocked if _full_name_fits(e, people[p])]
            if len(fits) > 1:
                fits = [p for p in fits if e.office_agrees(people[p]) and e.time_agrees(people[p])]
            put(e, fits[0] if len(fits) == 1 else None)
            continue
        word = e.best.family
        # "President Bush" in 1990 is the one of George H. W. Bush and George W. Bush of that time
        fits = [
            p for p in blocked if any(word in (n.family, n.words[0]) for n in people[p].names) and e.agrees(people[p])
        ]
        if len(fits) > 1:  # namesakes: the one of this office, then the one in office that day, or nearest
            fits = [p for p in fits if e.offices & people[p].offices] or fits
        if len(fits) > 1:
            fits = [p for p in fits if e.within(people[p])] or _nearest(e, [people[p] for p in fits], fits)
        if not fits:  # no full name fits: the one person named by this word alone, at about that time
            fits = [p for p in blocked if not people[p].names and e.agrees(people[p])]
        put(e, fits[0] if len(fits) == 1 else None, _alone_reason(e, people[fits[0]]) if len(fits) == 1 else "")
    return _join_same(people, same, apart)


def _nearest(e: _Evidence, persons: list[Person], indexes: list[int]) -> list[int]:
    """The one of ``persons`` (by their ``indexes``) whose articles are nearest in time to ``e``'s, within
    :data:`NEAR`, where no other is as near; else none."""
    if e.first is None:
        return []
    gaps = sorted(
        (max(p.first - e.first, e.first - p.last), i)
        for p, i in zip(persons, indexes, strict=True)
        if p.first and p.last
    )
    if not gaps or gaps[0][0] > NEAR or (len(gaps) > 1 and gaps[1][0] <= gaps[0][0]):
        return []
    return [gaps[0][1]]


def _keys(name: ParsedName) -> set[str]:
    if name.single:
        return {name.family}
    return {name.family, name.words[0], "".join(name.words)}


def _full_name_fits(e: _Evidence, person: Person) -> bool:
    if not person.names or not all(names_agree(e.best, n) for n in person.names):
        return False
    if any(n.words == e.best.words for n in person.names):
        # The same name is the same person (whatever nation an article took them for) in the same office or at
        # about the same time: not two David Johnstons, a minister in 2013 and a chief of defence in 2025. The
        # articles of one name come in order of date, so that a career joins up article by article.
        return e.office_agrees(person) or e.time_agrees(person)
    return e.nation_agrees(person)


def _alone_reason(e: _Evidence, person: Person) -> str:
    said = [
        f"nation {'/'.join(sorted(e.nations & person.nations))}" if e.nations & person.nations else "",
        "office" if (e.offices or e.titles) and (person.offices or person.titles) else "",
        f"articles {person.first}..{person.last}" if person.first and e.first else "",
    ]
    evidence = ", ".join(x for x in said if x) or "nothing against it"
    return f"{e.best.text!r} alone: the one person of that name it fits ({evidence})"


def _join_same(people: list[Person], same: Collection[frozenset[str]], apart: set[frozenset[str]]) -> list[Person]:
    """Join the persons holding two IRIs an analyst said are the same person, unless a distinct pair forbids it."""
    if not same:
        return people
    parent = list(range(len(people)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    holders: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(people):
        for iri in p.iris():
            holders[iri].append(i)
    for pair in sorted(tuple(sorted(p)) for p in same if len(p) == 2):
        a, b = pair
        for i in holders.get(a, ()):
            for j in holders.get(b, ()):
                ri, rj = root(i), root(j)
                iris = people[ri].iris() + people[rj].iris()
                if ri != rj and not any(frozenset((x, y)) in apart for x in iris for y in iris):
                    parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, Person] = {}
    for i, p in enumerate(people):
        r = root(i)
        if r not in groups:
            groups[r] = p
        else:
            for unit in p.units:
                groups[r].add(unit, "same.tsv: an analyst's pair")
    return list(groups.values())
