"""Nations: where the article names a nation, and the nations its publisher lines name.

The spans of nation names are found once for all families (:class:`kg.extract.context.Context`); a nation
mention is one of them that is not part of a place's name.
"""

from __future__ import annotations

import re

from kg.extract.context import Context
from kg.model import NationMention, PlaceMention
from kg.spans import SpanIndex

__all__ = ["find_nations", "publisher_nations"]

# The mission of an international organization in a nation is named after it: "the U.N. Peacekeeping Mission
# in the South Sudan", "the EU Training Mission in Mali".
MISSION_IN = re.compile(r"\b(?:Mission|Operation|Office) (?:in|to|for) (?:the )?$")


def find_nations(ctx: Context, places: list[PlaceMention]) -> list[NationMention]:
    """Nation mentions, except a country name inside a place's or an organization's name ("South China Sea",
    "U.S. Africa Command", "the Islamic State of Iraq and Syria", "the UN Mission in South Sudan")."""
    out = []
    # The places kept do not overlap one another.
    place_spans = SpanIndex(places, bounds=lambda p: (p.start, p.end))
    for s, e, iso3 in ctx.nation_spans:
        place = place_spans.covering(s)
        if place and e <= place.end and not (place.start == s and place.end == e):
            continue
        if any(ps <= s and e <= pe and (ps, pe) != (s, e) for ps, pe in ctx.place_name_spans.overlapping(s, e)):
            continue  # and the names of places kg keeps no mention of: broad regions, "North America"
        org = ctx.org_spans.covering(s)
        if org and e <= org[1] and (org[0], org[1]) != (s, e):
            continue  # "the Islamic State of Iraq and Syria", "U.S. Africa Command": a name, not the nation
        if MISSION_IN.search(ctx.text, max(0, s - 40), s):
            continue  # "the UN Mission in South Sudan"
        out.append(NationMention(iso3, ctx.text[s:e], s, e, ctx.sentence_at(s)))
    return out


def publisher_nations(ctx: Context) -> tuple[str, ...]:
    """The nations the page's publisher lines name, in their order: by name ("An official website of the United
    States Government") or by a government office of theirs ("By SOUTHCOM Public Affairs", "DoD News")."""
    found: list[tuple[int, int, str]] = []
    for k, line in enumerate(ctx.article.publisher_lines):
        found.extend((k, m.start(), ctx.gaz.nation_terms()[m.group(0)]) for m in ctx.terms("nation").finditer(line))
        for m in ctx.terms("organization").finditer(line):
            org = ctx.gaz.organization(m.group(0))
            if org is not None and org.nation:
                found.append((k, m.start(), org.nation))
    return tuple(iso3 for _, _, iso3 in sorted(found))
