"""Nations: one entity for each nation the article names or a fact points to (an official's nation, a
treaty's party, a place's country), with its names, its ISO codes and its Wikidata and GeoNames identifiers.
"""

from __future__ import annotations

from kg.gazetteer import gazetteer
from kg.model import Extraction
from kg.resolve.entities import Ref, Resolved

__all__ = ["ensure_nations", "resolve_nations"]


def _nation(out: Resolved, iso3: str, sentence: int | None, confidence: float) -> str:
    key = f"nation/{iso3}"
    if key not in out.entities:
        info = gazetteer().nation_info(iso3)
        out.entity("Nation", key, info.name)
        out.fact(key, "name", info.name, sentence, confidence)
        out.fact(key, "iso3", info.iso3, sentence, confidence)
        if info.iso2:
            out.fact(key, "iso2", info.iso2, sentence, confidence)
        if info.numeric:
            out.fact(key, "isoNumeric", info.numeric, sentence, confidence)
        if info.wikidata:
            out.fact(key, "sameAs", f"http://www.wikidata.org/entity/{info.wikidata}", None, confidence)
        if geonames := gazetteer().nation_geonames(iso3):
            out.fact(key, "sameAs", f"https://sws.geonames.org/{geonames}/", None, confidence)
    return key


def resolve_nations(extraction: Extraction, out: Resolved) -> None:
    for n in extraction.nations:
        key = _nation(out, n.iso3, n.sentence, 0.9)
        if n.text != out.entities[key].name:
            out.fact(key, "alias", n.text, n.sentence, 0.9)


def ensure_nations(out: Resolved) -> None:
    """Every nation a fact points to is a node of its own (an official's nation, a treaty's party...)."""
    for f in list(out.facts):
        if isinstance(f.value, Ref) and f.value.key.startswith("nation/") and f.value.key not in out.entities:
            _nation(out, f.value.key.split("/", 1)[1], f.sentence, f.confidence)
