"""Organizations (``kg/data/organizations.tsv``) and the publishers behind web sites (``sites.tsv``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pycountry

from kg.gazetteer.common import _POSSESSIVE, _exact_case, _rows, _split, _strip_the, clean, normalize

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


# Second-level labels under a country code that only that country's government registers: "mofa.go.jp",
# "defence.gov.au", "www.gov.uk", "beehive.govt.nz", "pm.gc.ca".
_GOVERNMENT_LABELS = frozenset({"gov", "go", "govt", "gob", "gouv", "gc", "mil"})
_COUNTRY_CODE_ALIASES = {"uk": "GB"}


def _org_key(text: str) -> str:
    return " ".join(normalize(text).replace(".", "").split())


class Organizations:
    """The organization and publisher lookups of ``Gazetteer``."""

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
                    names.setdefault(_org_key(_strip_the(term)), info)  # looked up without "the", as below
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
