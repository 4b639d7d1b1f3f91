"""Office holders: who held the top offices of each nation, and when (kg/data/office_holders.tsv).

News names its own side's officials without a nation and often a well-known foreign leader too ("Prime Minister
Shinzo Abe" on an Indian page). The table says which nation such a person served, for the heads of state and
government, foreign and defence ministers and chiefs of defence since 2000, and the leaders of international
organizations (who serve none). A name matches in full (any order of two words, "KISHIDA Fumio") or, with an
office of the same kind, by its family name alone ("Prime Minister Abe") only while in office (a year's grace
either side); a full name from a year before taking office on, as a former holder still served the same nation;
and only when every holder it matches served the same nation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from kg.gazetteer.common import _rows, _split, normalize

__all__ = ["Holder", "Holders", "office_kind", "office_kinds"]

# How long before taking office or after leaving it news may still name a holder by the office.
GRACE_DAYS = 366


@dataclass(frozen=True)
class Holder:
    name: str
    office: str  # one of OFFICE_KINDS
    nation: str | None  # ISO3; None for an international organization's
    start: date
    end: date | None  # None: still in office

    def served_on(self, day: date | None, *, or_since: bool = False) -> bool:
        """Whether the holder was in office on ``day``, a year's grace either side; ``or_since``: or any time
        after (a former holder, named in full, served the same nation)."""
        if day is None:
            return True
        end = self.end or date.max
        return (self.start - day).days <= GRACE_DAYS and (or_since or (day - end).days <= GRACE_DAYS)


OFFICE_KINDS = (
    "President",
    "Vice President",
    "Prime Minister",
    "Deputy Prime Minister",
    "Foreign Minister",
    "Defence Minister",
    "Head of State",
    "Secretary General",
    "High Representative",
    "Commission President",
    "Council President",
    "Chief of Defence",
)

# The kind of office a title names, by its words: "Secretary of State" and "External Affairs Minister" are a
# foreign minister's; "Raksha Mantri" and "Defence Secretary" a defence minister's. First match wins.
_KIND_OF_TITLE = (
    (re.compile(r"\bdeputy prime minister\b"), "Deputy Prime Minister"),
    (re.compile(r"\b(?:deputy|vice|under|assistant|state|parliamentary|junior)\b.*\bminister\b"), None),
    (re.compile(r"\bminister of state\b"), None),
    (re.compile(r"\bprime minister\b|\bpremier\b|\bpradhan mantri\b|\bchancellor\b|\btaoiseach\b"), "Prime Minister"),
    (re.compile(r"\bvice[ -]president\b"), "Vice President"),
    (re.compile(r"\bhigh representative\b"), "High Representative"),
    (re.compile(r"\bcommission president\b|\bpresident of the (?:european )?commission\b"), "Commission President"),
    (re.compile(r"\bcouncil president\b|\bpresident of the european council\b"), "Council President"),
    (re.compile(r"\bsecretary[ -]general\b"), "Secretary General"),
    (re.compile(r"\b(?:deputy|under|assistant)\b"), None),
    (re.compile(r"\bchairman of the joint chiefs\b|\bchief of (?:the )?defense\b|\bchief of the general staff\b"),
     "Chief of Defence"),
    (re.compile(r"\bforeign\b|\bexternal affairs\b|\bsecretary of state\b$"), "Foreign Minister"),
    (re.compile(r"\bdefense\b|\braksha mantri\b|\bsecretary of war\b"), "Defence Minister"),
    (re.compile(r"\bpresident\b"), "President"),
    (re.compile(r"\b(?:king|queen|emperor|emir|amir|sultan)\b"), "Head of State"),
)  # fmt: skip


def office_kind(title: str) -> str | None:
    """The kind of office a title names, in the table's terms, or None.

    >>> office_kind("Secretary of State"), office_kind("Raksha Mantri"), office_kind("Defence Secretary")
    ('Foreign Minister', 'Defence Minister', 'Defence Minister')
    >>> office_kind("Minister of State for Defence") is None, office_kind("Deputy Secretary of Defense") is None
    (True, True)
    """
    text = normalize(title)
    for pattern, kind in _KIND_OF_TITLE:
        if pattern.search(text):
            return kind
    return None


def office_kinds(title: str) -> set[str]:
    """The kinds of the offices a title joins with "and": "Deputy Prime Minister and Minister for Defence"."""
    return {k for part in re.split(r"\s+and\s+", title) if (k := office_kind(part))}


_MINISTERS = frozenset({"Prime Minister", "Deputy Prime Minister", "Foreign Minister", "Defence Minister"})


def _day(cell: str) -> date | None:
    if not cell:
        return None
    parts = [int(p) for p in cell.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _key(name: str) -> str:
    return " ".join(re.findall(r"[\w'-]+", normalize(name)))


class Holders:
    @cached_property
    def _holders(self) -> tuple[dict[str, list[Holder]], dict[str, list[Holder]]]:
        """Holders by every full form of their name (both orders of a two-word name), and by family name."""
        by_name: dict[str, list[Holder]] = {}
        by_family: dict[str, list[Holder]] = {}
        for row in _rows("office_holders.tsv"):
            start = _day(row["start"])
            if start is None or row["office"] not in OFFICE_KINDS:
                continue
            holder = Holder(row["name"], row["office"], row["nation"] or None, start, _day(row["end"]))
            forms = {row["name"], *_split(row["aliases"])}
            keys = {_key(f) for f in forms} | {
                " ".join(reversed(_key(f).split())) for f in forms if len(f.split()) == 2
            }
            for key in keys:
                by_name.setdefault(key, []).append(holder)
            # The family name is the last word of most names and the first of many Asian ones ("Lee Hsien
            # Loong", "Xi Jinping"): both are looked up with an office of the kind, so both may stand.
            for key in {w for f in forms for w in (_key(f).split()[0], _key(f).split()[-1])}:
                by_family.setdefault(key, []).append(holder)
        return by_name, by_family

    def holder_spelling(self, name: str) -> str | None:
        """The table's spelling of a name the text writes without its diacritics ("Zoran Milanovic" ->
        "Zoran Milanović"), or None."""
        for holder in self._holders[0].get(_key(name), ()):
            if holder.name != name and _key(holder.name) == _key(name):
                return holder.name
        return None

    def holder_offices(self, name: str, day: date | None) -> tuple[str | None, list[str]] | None:
        """The nation and the offices, as that nation styles them, the person named in full held on ``day``
        ("Simon Coveney" on 2017-11-17: Ireland's Foreign Minister), or None when the table has no such holder,
        or they served several nations."""
        if day is None or len(_key(name).split()) < 2:
            return None
        found = [h for h in self._holders[0].get(_key(name), ()) if h.start <= day <= (h.end or date.max)]
        nations = {h.nation for h in found}
        if len(nations) != 1:
            return None
        nation = nations.pop()
        return nation, list(dict.fromkeys(self._office_styles.get((nation, h.office), h.office) for h in found))

    @cached_property
    def _office_styles(self) -> dict[tuple[str | None, str], str]:
        return {(row["nation"], row["office"]): row["title"] for row in _rows("office_styles.tsv")}

    def holder_nation(self, name: str, titles: list[str], day: date | None) -> tuple[str | None] | None:
        """The nation the person of this name served in the offices ``titles`` name on ``day``, as a 1-tuple
        (holding None for an international organization's official), or None when the table cannot tell."""
        by_name, by_family = self._holders
        key = _key(name)
        kinds = set().union(*(office_kinds(t) for t in titles))
        if not kinds and any(re.fullmatch(r"(?:the\s+)?(?:minister|secretary)", normalize(t)) for t in titles):
            kinds = _MINISTERS  # "Minister Iwaya", "Secretary Shapps": a minister of one of the kinds
        if len(key.split()) >= 2:
            found = [h for h in by_name.get(key, ()) if h.served_on(day, or_since=True)]
            if kinds:
                found = [h for h in found if h.office in kinds] or found
        elif kinds:
            found = [h for h in by_family.get(key, ()) if h.office in kinds and h.served_on(day)]
        else:
            found = []
        nations = {h.nation for h in found}
        return (nations.pop(),) if len(nations) == 1 else None
