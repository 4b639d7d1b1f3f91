"""A short plain-text summary of a graph, built from the named queries.

>>> from rdflib import Graph
>>> print(summary(Graph()))
Found 0 officials, 0 nations, 0 places, 0 treaties, 0 meetings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import rdflib

from kg.namespace import KG
from kg.query import query

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["store_summary", "summary"]

_COUNTED = [
    ("Official", "official"),
    ("Nation", "nation"),
    ("Place", "place"),
    ("Treaty", "treaty"),
    ("Meeting", "meeting"),
]


def summary(graph: rdflib.Graph) -> str:
    """What the graph holds, for a person at a terminal: counts, then one line per official, meeting, treaty
    and place, each section sorted so that the same graph always reads the same.
    """
    officials = _officials(graph)
    nations = {row["nation"] for row in query(graph, "nations")}
    meetings = _meetings(graph)
    treaties = _grouped(query(graph, "treaties"), "treaty", "name", "party")
    places = _grouped(query(graph, "places"), "place", "name", "country")

    counts = ", ".join(
        _count(n, noun)
        for n, noun in [
            (len(officials), "official"),
            (len(nations), "nation"),
            (len(places), "place"),
            (len(treaties), "treaty"),
            (len(meetings), "meeting"),
        ]
    )
    lines = [f"Found {counts}."]
    _section(lines, "Officials", officials)
    _section(lines, "Meetings", meetings)
    _section(lines, "Treaties", (_line(name, ", ".join(parties)) for name, parties in treaties))
    _section(lines, "Places", (_line(name, ", ".join(countries)) for name, countries in places))
    return "\n".join(lines)


def _officials(graph: rdflib.Graph) -> list[str]:
    names: dict[str, str] = {}
    titles: dict[str, list[str]] = {}
    nations: dict[str, list[str]] = {}
    for row in query(graph, "officials"):
        official = row["official"]
        # officials.rq lists the canonical name of an official before its aliases.
        names.setdefault(official, row["name"] or official)
        _add(titles.setdefault(official, []), row["title"])
        _add(nations.setdefault(official, []), row["nation"])
    lines = [
        _line(names[official], ", ".join(filter(None, ["; ".join(titles[official]), *nations[official]])))
        for official in names
    ]
    return sorted(lines, key=str.casefold)


def _meetings(graph: rdflib.Graph) -> list[str]:
    participants: dict[str, dict[str, str]] = {}
    places: dict[str, str | None] = {}
    dates: dict[str, str | None] = {}
    for row in query(graph, "meetings"):
        meeting = row["meeting"]
        # meetings.rq lists canonical names first, so the first name seen is the one to show.
        participants.setdefault(meeting, {}).setdefault(row["participant"], row["participantName"] or "?")
        places.setdefault(meeting, row["placeName"])
        dates.setdefault(meeting, row["date"])
    entries = []
    for meeting, people in participants.items():
        who = ", ".join(sorted(people.values(), key=str.casefold))
        where_when = ", ".join(filter(None, [places[meeting], dates[meeting]]))
        entries.append((dates[meeting] or "", who.casefold(), _line(who, where_when)))
    return [line for *_, line in sorted(entries)]


def _grouped(rows: list[dict[str, str | None]], key: str, name: str, value: str) -> list[tuple[str, list[str]]]:
    """(canonical name, sorted distinct values) per entity, sorted by name; the query lists canonical names
    before aliases."""
    names: dict[str, str] = {}
    values: dict[str, list[str]] = {}
    for row in rows:
        entity = row[key]
        names.setdefault(entity, row[name] or entity)
        _add(values.setdefault(entity, []), row[value])
    return sorted(((names[e], sorted(values[e])) for e in names), key=lambda item: item[0].casefold())


def _add(values: list[str], value: str | None) -> None:
    if value is not None and value not in values:
        values.append(value)


def _line(name: str, details: str) -> str:
    return f"{name} — {details}" if details else name


def _section(lines: list[str], title: str, entries: Iterable[str]) -> None:
    entries = list(entries)
    if entries:
        lines += ["", title, *(f"  {entry}" for entry in entries)]


def _count(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun if n == 1 else plural}"


def store_summary(store: Store) -> str:
    """What a store holds, in one line: its articles and entities by class (each entity once).

    >>> import tempfile
    >>> from kg.store import Store
    >>> with tempfile.TemporaryDirectory() as folder, Store.open(folder) as store:
    ...     print(store_summary(store))
    The store holds 0 articles: 0 officials, 0 nations, 0 places, 0 treaties, 0 meetings.
    """
    counts = []
    for cls, noun in _COUNTED:
        rows = store.query(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a <{KG[cls]}> }}")
        counts.append(_count(int(rows[0]["n"] or 0), noun))
    return f"The store holds {_count(len(store.articles()), 'article')}: {', '.join(counts)}."
