"""Places: one entity for the mentions of one GeoNames id (else of one name), called by the longest of its
names not in capitals, with its other names, country, kind and its GeoNames and Wikidata identifiers. A ministry
named without its nation is the home's, where the home's government has ministers.
"""

from __future__ import annotations

from collections import defaultdict

from kg.gazetteer import gazetteer
from kg.model import Extraction
from kg.resolve.entities import Ref, Resolved, slug

__all__ = ["resolve_places"]


def resolve_places(extraction: Extraction, out: Resolved, home: str | None) -> dict[int, str]:
    """Create the places; return the place key of every place mention. A ministry named without its nation
    ("met at the Ministry of Defense") is the home's, where the home's government has ministers."""
    key_of: dict[int, str] = {}
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(extraction.places):
        ident = f"gn{p.geonames}" if p.geonames else slug(p.name)
        by_key[ident].append(i)
    kinds = {
        "city": "City",
        "region": "Region",
        "island": "Island",
        "base": "Base",
        "building": "Building",
        "body_of_water": "BodyOfWater",
    }
    for indexes in by_key.values():
        mentions = [extraction.places[i] for i in indexes]
        name = max((m.name for m in mentions), key=lambda n: (not n.isupper(), len(n)))
        key = out.named_entity("Place", f"place/{slug(name)}", name)
        first = mentions[0]
        conf = max(m.confidence for m in mentions)
        out.fact(key, "name", name, first.sentence, conf)
        for alias in sorted({m.name for m in mentions} - {name}):
            out.fact(key, "alias", alias, next(m.sentence for m in mentions if m.name == alias), conf)
        if first.country:
            out.fact(key, "country", Ref(f"nation/{first.country}"), first.sentence, conf)
        elif first.kind == "building" and home and _home_ministry(name, home):
            out.fact(key, "country", Ref(f"nation/{home}"), first.sentence, conf - 0.2)
        if first.kind in kinds:
            out.fact(key, "placeKind", Ref(f"kind/{kinds[first.kind]}"), first.sentence, conf)
        if first.geonames:
            out.fact(key, "sameAs", f"https://sws.geonames.org/{first.geonames}/", None, conf)
        if first.wikidata:
            out.fact(key, "sameAs", f"http://www.wikidata.org/entity/{first.wikidata}", None, conf)
        for i in indexes:
            key_of[i] = key
    return key_of


def _home_ministry(name: str, home: str) -> bool:
    gaz = gazetteer()
    org = gaz.organization(name)
    return org is not None and org.kind == "ministry" and org.nation is None and gaz.title_fits(home, "Minister")
