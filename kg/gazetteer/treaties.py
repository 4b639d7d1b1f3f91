"""Treaties and agreements (``kg/data/treaties.json``)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from kg.gazetteer.common import _exact_case, _strip_the, clean, normalize
from kg.resources import data_dir


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


def _treaty_key(text: str) -> str:
    key = normalize(text).replace(".", "")
    key = re.sub(r"\s*-\s*", "-", key)
    return _strip_the(key)


_YEAR_PREFIX = re.compile(r"^((?:1[89]|20)\d\d)\s+(.+)$")


class Treaties:
    """The treaty lookups of ``Gazetteer``."""

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
