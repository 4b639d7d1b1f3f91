"""Resolve stage: merge mentions into entities and state the facts kg will write.

"Defense Secretary Jim Mattis", "Mattis" and "the secretary" become one official; "the Mutual Defense Treaty"
and its full title one treaty; a meeting told in the lead and again in a photo caption one meeting. Every
fact keeps the sentence it came from and a confidence.

Each kind of entity is a module of plain functions that add entities and facts to one shared
:class:`~kg.resolve.entities.Resolved` (:mod:`~kg.resolve.entities` holds it, the entity and fact types and
the keys they go by): :mod:`~kg.resolve.officials` (people, their offices and the nation they serve),
:mod:`~kg.resolve.nations`, :mod:`~kg.resolve.places`, :mod:`~kg.resolve.treaties` and
:mod:`~kg.resolve.encounters`. Later modules read what earlier ones made: officials come first, as the facts
about them tell encounters who reports rather than takes part and which nations take part; encounters take
the keys of the officials, places and treaties of their mentions; and every nation a fact points to becomes
an entity last.
"""

from __future__ import annotations

from kg.model import Extraction
from kg.resolve.entities import Entity, Fact, Ref, Resolved, slug

__all__ = ["Entity", "Fact", "Ref", "Resolved", "resolve", "slug"]


def resolve(extraction: Extraction) -> Resolved:
    """Merge the mentions of one article into entities and facts."""
    # The stages are imported here: they build on the extract stage, which loads spaCy, and a process that
    # only writes or reads graphs (the parent of `kg build --jobs N`, `kg query`) needs the types above only.
    from kg.resolve.encounters import resolve_encounters
    from kg.resolve.nations import ensure_nations, resolve_nations
    from kg.resolve.officials import _default_nation, resolve_officials
    from kg.resolve.places import resolve_places
    from kg.resolve.treaties import resolve_treaties

    out = Resolved(extraction.article, extraction.sentences)
    home = _default_nation(extraction)
    officials = resolve_officials(extraction, out, home)
    resolve_nations(extraction, out)
    places = resolve_places(extraction, out, home)
    treaties = resolve_treaties(extraction, out)
    resolve_encounters(extraction, out, officials, places, treaties)
    ensure_nations(out)
    return out
