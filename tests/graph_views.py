"""Views of a built graph through the named queries, shared by the tests of the extraction rules."""

from __future__ import annotations

import kg


def officials(graph) -> dict[str, dict[str, set]]:
    """Each official IRI -> its names, titles and nations."""
    out: dict[str, dict[str, set]] = {}
    for r in kg.query(graph, "officials"):
        entry = out.setdefault(r["official"], {"name": set(), "title": set(), "nation": set()})
        for k in ("name", "title", "nation"):
            if r[k]:
                entry[k].add(r[k])
    return out


def official(graph, name: str) -> dict[str, set]:
    """The one official with this name or alias (fails when there are none or several)."""
    people = officials(graph)
    matches = [p for p in people.values() if name in p["name"]]
    assert len(matches) == 1, f"{name!r} should be one official, got {people}"
    return matches[0]


def meetings(graph) -> list[dict[str, set]]:
    """Each meeting's participant names, place names and dates."""
    out: dict[str, dict[str, set]] = {}
    for r in kg.query(graph, "meetings"):
        entry = out.setdefault(r["meeting"], {"people": set(), "place": set(), "date": set()})
        entry["people"].add(r["participantName"])
        if r["placeName"]:
            entry["place"].add(r["placeName"])
        if r["date"]:
            entry["date"].add(r["date"])
    return list(out.values())
