"""Sequels: what the sentences around an encounter add to it. A series of meetings told at once gives its day
and place to those told one by one after it; a meeting with an unnamed counterpart is of the two the next
sentence names; office calls on several people are a meeting with each.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.context import Context
from kg.extract.cues import MET_A_COUNTERPART, OFFICE_CALLS, SERIES
from kg.extract.structure import SUBJECTS, phrase
from kg.model import EncounterMention, PersonMention, Sentence

__all__ = ["calls_on_each", "counterpart_named_next", "from_series", "opens_series"]

# How many sentences after a series of meetings its day and place still hold for a meeting told alone.
SERIES_REACH = 6


def counterpart_named_next(
    ctx: Context, sent: Sentence, people: list[PersonMention], people_in: dict[int, list[int]]
) -> list[int] | None:
    """The people the next sentence opens with, joined by "and" as the subject of its verb, when this one tells
    of a meeting with an unnamed counterpart and names no one ("The Foreign Secretary met his Irish counterpart
    for talks today. X and Y discussed ..."): who met."""
    met = MET_A_COUNTERPART.search(sent.text)
    if met is None or sent.index + 1 >= len(ctx.sentences):
        return None
    if any(people[i].name for i in people_in.get(sent.index, ())):
        return None  # "A met her Japanese counterpart": the next sentence's subjects may be others
    following = ctx.sentences[sent.index + 1]
    span = ctx.span(following.start, following.end)
    if span is None:
        return None
    subjects = [t for t in span.root.children if t.dep_ in SUBJECTS]
    heads = [t for s in subjects for t in (s, *s.conjuncts)]
    spans = [(t.idx, t.idx + len(t.text)) for h in heads for t in phrase(h)]
    named = [
        i
        for i in people_in.get(following.index, ())
        if people[i].name and any(a < people[i].end and people[i].start < b for a, b in spans)
    ]
    return named if len(named) >= 2 else None


def calls_on_each(
    ctx: Context, mention: EncounterMention, people: list[PersonMention]
) -> list[EncounterMention] | None:
    """ "X conducted office calls with A, B and C": a call on each, one meeting each of X and one of them."""
    trigger = ctx.text[mention.start : mention.end]
    if not re.fullmatch(OFFICE_CALLS, trigger, re.IGNORECASE) or "calls" not in trigger.lower().split():
        return None
    before = [i for i in mention.participants if people[i].start < mention.start]
    after = [i for i in mention.participants if people[i].start > mention.start]
    if not before or len(after) < 2:
        return None
    return [replace(mention, participants=(*before, i)) for i in after]


def opens_series(mention: EncounterMention, clause: str) -> bool:
    """Whether a clause tells of a series of meetings with a day or a place ("X held several bilateral meetings
    at the forum on November 19 in Halifax")."""
    return bool(SERIES.search(clause)) and (mention.date is not None or mention.place is not None)


def from_series(mention: EncounterMention, series: EncounterMention | None, clause: str) -> EncounterMention:
    """A meeting told after a series of meetings, with no time of its own and not in the past perfect ("In 2019
    she had met ..."), within a few sentences of it: one of the series, on its day and at its place."""
    if (
        series is None
        or mention.sentence - series.sentence > SERIES_REACH
        or re.search(r"\bhad\s+(?:\w+\s+)?(?:met|held|hosted|visited)\b", clause)
    ):
        return mention
    return replace(
        mention,
        date=mention.date if mention.dated else series.date,
        place=mention.place if mention.place is not None else series.place,
    )
