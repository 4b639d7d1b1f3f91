"""Offices (``kg/data/offices.tsv``), military ranks and honorifics (``ranks.tsv``) and the words each
government's titles never hold (``government_titles.tsv``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from kg.gazetteer.common import _bar_separated, _rows, _split, clean, normalize


@dataclass(frozen=True)
class OfficeInfo:
    """A canonical office. ``nation`` is set when the office (or the title as written) implies one.

    ``international`` is true for offices of international organizations ("NATO Secretary General"),
    whose holders serve no nation.
    """

    canonical: str
    nation: str | None
    international: bool = False


_OFFICE_MODIFIERS = _bar_separated(
    "the|then|former|ex|acting|interim|outgoing|incoming|new|newly|appointed|current|late|top|senior|"
    "chief|designate|caretaker|sitting|longtime|veteran"
)
_DEPUTY = frozenset({"deputy", "vice", "assistant", "under", "associate"})


def _office_key(text: str) -> str:
    key = normalize(text).replace("-", " ").replace(".", "").replace("advisor", "adviser")
    return " ".join(key.split())


class Offices:
    """The office, rank and government-title lookups of ``Gazetteer``."""

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
