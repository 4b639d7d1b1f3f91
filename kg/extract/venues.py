"""Where an encounter happened: the most specific place its clause names (not one inside another clause, nor
whose someone is), else its sentence's; the dateline's place for "here" and for a caption's bracketed dateline;
where the sentence before went; where a speaker says they are.
"""

from __future__ import annotations

import re

from kg.extract.context import Context
from kg.extract.cues import HERE, HERE_IN, MEETING_TRIGGER, PEOPLE_OF, SUBORDINATE, TRAVELLED, visits
from kg.extract.structure import clause_off_the_line
from kg.model import PLACE_SPECIFICITY, PlaceMention, Sentence
from kg.nlp import BRACKETED_DATELINE

__all__ = ["bracketed_dateline", "dateline_place", "encounter_place", "speaker_is_in", "travelled_to"]


def speaker_is_in(ctx: Context, place_at: dict[int, int], start: int, end: int) -> int | None:
    """The place a speaker says they are in ("here in Jakarta") between ``start`` and ``end``, if any;
    ``place_at`` maps a place's first character to its index."""
    return next((place_at[m.end()] for m in HERE_IN.finditer(ctx.text, start, end) if m.end() in place_at), None)


def _in_other_clause(ctx: Context, place: PlaceMention, trigger_char: int) -> bool:
    """Whether a place hangs from a subordinate clause that does not hold the encounter's trigger word."""
    span = ctx.span(place.start, place.end)
    trigger = ctx.span(trigger_char, trigger_char + 1)
    if span is None or trigger is None:
        return False
    clause = clause_off_the_line(span.root, trigger[0], SUBORDINATE)
    if clause is None or (clause.dep_ == "acl" and clause.head.i == trigger[0].i):
        return False  # "the Summit held in New Delhi": a clause of the meeting word itself
    if clause.lower_ == "visiting" and any(c.lower_ in {"is", "are", "was", "were"} for c in clause.children):
        return False  # "X, who is visiting Washington, D.C., held a meeting with Y": where X is, they met
    # "..., meeting at the Shangri-La Hotel", "when he met X in Siem Reap": a clause of meeting is the
    # encounter's own. Reported speech ("said a conference would be hosted in Geneva") never is.
    return clause.dep_ == "ccomp" or not MEETING_TRIGGER.fullmatch(clause.text)


def encounter_place(
    ctx: Context,
    sent: Sentence,
    places: list[PlaceMention],
    places_in: dict[int, list[int]],
    start: int,
    end: int,
    trigger: int,
) -> int | None:
    """The most specific place named in the clause (``start``-``end``), else in its sentence, leaving out
    places inside another clause ("who said a conference would be held in Geneva"); "here" is the
    dateline's place."""
    rank = PLACE_SPECIFICITY
    candidates = [
        (i, p)
        for i in places_in.get(sent.index, [])
        if (p := places[i]).kind != "body_of_water"
        and not _in_other_clause(ctx, p, trigger)
        and not _whose(ctx, p)
        and p.start >= (ctx.article.dateline_end or 0)  # where the story is filed from: see _meet_at_dateline
        and not (_line_dateline(ctx, p) and _tells_of_a_visit(ctx, sent))
    ]
    in_clause = [(rank.get(p.kind or "", 6), i) for i, p in candidates if start <= p.start < end]
    # A place after the verb is where it happened ("X and Gen. Y, the Joint Force Headquarters commanding
    # general, took part in a ceremony at Arlington National Cemetery"); one before it may be in a name.
    after = [(r, i) for r, i in in_clause if places[i].start > trigger]
    in_sentence = [(rank.get(p.kind or "", 6), i) for i, p in candidates]
    if in_clause or in_sentence:
        return min(after or in_clause or in_sentence)[1]
    if HERE.search(sent.text):
        return dateline_place(ctx, places)
    return None


def _tells_of_a_visit(ctx: Context, sent: Sentence) -> bool:
    """Whether the sentence tells of a visit to a nation it names ("X visited Paraguay and met ...")."""
    return any(visits(ctx.text, start) for start, _, _ in ctx.nation_spans.starting_in(sent.start, sent.end))


def _line_dateline(ctx: Context, place: PlaceMention) -> bool:
    """Whether a place opens its line as a dateline ("MIAMI –", "STUTTGART, Germany —")."""
    opens_line = place.start == 0 or ctx.text[place.start - 1] == "\n"
    return opens_line and re.match(r"(?:,[^\n–—]{1,40}?)?\s+(?:–|—|--?)\s", ctx.text[place.end :]) is not None


def travelled_to(
    ctx: Context, before: Sentence, places: list[PlaceMention], places_in: dict[int, list[int]]
) -> int | None:
    """The one city, base or building the sentence before says someone went to ("Admiral X visited Tokyo Dec.
    8-9. The Chairman met with ..."): where a meeting told with no place of its own happened."""
    if not TRAVELLED.search(before.text):
        return None
    there = [i for i in places_in.get(before.index, []) if places[i].kind in {"city", "base", "building"}]
    return there[0] if len({places[i].name for i in there}) == 1 else None


def _whose(ctx: Context, place: PlaceMention) -> bool:
    """Whether a place names whose someone is, not where they met: "with the leaders of the Cook Islands, Fiji
    and French Polynesia" (but "on the steps of the National Defense University" is where)."""
    span = ctx.span(place.start, place.end)
    if span is None:
        return False
    tok = span.root
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_.rstrip("s") in PEOPLE_OF


def bracketed_dateline(ctx: Context, sent: Sentence) -> list[Sentence]:
    """The sentences of the dateline with its day in brackets that the sentence follows on its line ("SAN DIEGO
    (Oct. 5, 2022) --"), which the parse keeps apart from it."""
    line = ctx.text.rfind("\n", max(0, sent.start - 300), sent.start) + 1  # a dateline is a line's first words
    if line == sent.start or (line == 0 and sent.start > 300):
        return []
    if not BRACKETED_DATELINE.fullmatch(ctx.text, line, sent.start):
        return []
    return [s for s in ctx.sentences[max(0, sent.index - 4) : sent.index] if s.end > line]


def dateline_place(ctx: Context, places: list[PlaceMention]) -> int | None:
    if ctx.article.dateline_place:
        for i, p in enumerate(places):
            if p.name.lower() == ctx.article.dateline_place.lower():
                return i
    return None
