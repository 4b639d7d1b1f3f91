"""Dates: the day a clause of an encounter names (through :mod:`kg.timex`), whether it speaks of a time at all,
and the day a sentence with no date of its own carries over from the sentences before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from itertools import islice

from spacy.tokens import Token

from kg import timex
from kg.extract.context import Context
from kg.model import PersonMention, Sentence

__all__ = ["carried_from", "clause_date", "clause_days", "date_carried_to", "story_day", "verb_date"]

UNDATED_TIME = re.compile(
    r"\b(?:last|this|next)\s+(?:week|month|year|spring|summer|fall|autumn|winter|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"|\bin\s+(?:early\s+|late\s+|mid-)?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|(?:19|20)\d\d)\b|\bago\b|\bearlier\b(?! (?:in|on) the (?:same )?day| that day| today)|"
    r"\bpreviously\b|\bin the past\b",
    re.IGNORECASE,
)


def clause_days(
    ctx: Context, clause: str, start: int, *, future: bool, keep: Callable[[int], bool] | None = None
) -> tuple[date, date] | None:
    """The first and last day of the range of days a clause names ("visited Peru Dec. 11-14"), if it names one."""
    times = timex.find(clause, ctx.anchor, offset=start, future=future)
    return next((t.days for t in times if t.days and (keep is None or keep(t.start))), None)


def clause_date(
    ctx: Context, clause: str, start: int, *, future: bool, keep: Callable[[int], bool] | None = None
) -> tuple[date | None, bool]:
    """The day a clause starting at character ``start`` of the text names, and whether it is dated: it names a
    day or speaks of a time at all ("last week", "in March"). ``future``: the clause speaks of what is to come,
    so a bare day or weekday is read forward from the article's date. ``keep``: whether a time at a character
    of the text is the encounter's (not one of a clause about something else)."""
    times = [t for t in timex.find(clause, ctx.anchor, offset=start, future=future) if keep is None or keep(t.start)]
    # "SANTIAGO, Chile, Dec. 12, 2016 — ... met in Santiago on Saturday": the day the sentence names wins
    # over the dateline's, which is the day of the report.
    in_dateline = ctx.article.dateline_end or 0
    value = next((t.value for t in times if t.value and t.start >= in_dateline), None) or next(
        (t.value for t in times if t.value), None
    )
    undated = any(keep is None or keep(start + m.start()) for m in UNDATED_TIME.finditer(clause))
    dated = value is not None or undated or bool(times)
    return value, dated


# Words of an encounter: a day carries over only from a sentence that tells of one.
# "The ceremony began with an honor guard ...": a sentence about the event the story tells.
THE_EVENT = re.compile(r"\s*The (?:ceremony|meeting|talks|visit|event|signing)\b")
ENCOUNTER_WORDS = re.compile(
    r"\b(?:met|meet\w*|talks|visit\w*|summit|hosted|welcom\w*|received|called on|signed|signing|ceremony|credentials|"
    r"arrived|landed|travel\w*|discuss\w*|held|trip|dialogue|consultations|shak\w+ hands|stands? with|pose\w*)\b",
    re.IGNORECASE,
)


TODAY = re.compile(r"today|tonight|this (?:morning|afternoon|evening)", re.IGNORECASE)
CONTINUING = re.compile(
    r"\s*(?:He|She|They|The (?:two|three|four) \w+|Both \w+|(?:Shortly |Soon |Just )?(?:after|upon|on) "
    r"(?:arriving|arrival|landing|his arrival|her arrival))\b",
    re.IGNORECASE,
)


def carried_from(
    ctx: Context, sent: Sentence, people: list[PersonMention], known: Mapping[int, date] | None = None
) -> tuple[date | None, Sentence | None]:
    """What a sentence with no date of its own goes on telling of: the day named in the two sentences before
    it when they tell of an encounter of the same people or their nations ("Japan and India signed an accord
    on Friday. The accord was signed after talks in Tokyo between Modi and Abe"), and the nearest such
    sentence (whose place the encounter shares), dated or not. ``known``: the days of the encounters found in
    earlier sentences, which a sentence naming no day of its own still tells ("In his meeting with X, ...")."""
    names = {w for p in people for w in p.name.split()}
    nations = {p.nation for p in people if p.nation}
    # "He called on President X and met Prime Minister Y": a sentence opened by a pronoun goes on with the
    # people of the one before.
    continues = bool(CONTINUING.match(sent.text))
    source = None
    for previous in reversed(ctx.sentences[max(0, sent.index - 2) : sent.index]):
        shared = (
            continues
            or THE_EVENT.match(previous.text) is not None
            or any(w in previous.text for w in names if len(w) > 2)
            or any(iso3 in nations for _, _, iso3 in ctx.nation_spans.starting_in(previous.start, previous.end))
        )
        if not (shared and ENCOUNTER_WORDS.search(previous.text)):
            continue  # a day of something else: "mourned the victims of the earthquake on December 3"
        source = source or previous
        days = [t.value for t in timex.find(previous.text, ctx.anchor) if t.value]
        if days:
            return days[-1], source
        if known and previous.index in known:
            return known[previous.index], source
    return None, source


def date_carried_to(ctx: Context, sent: Sentence, people: list[PersonMention]) -> date | None:
    """The day a sentence with no date of its own speaks of (see :func:`carried_from`)."""
    return carried_from(ctx, sent, people)[0]


def story_day(ctx: Context) -> date | None:
    """The day the story tells of: the article's date when one of the first three sentences of its body
    says it is today ("met here today", "this morning"), else None. A meeting the story reports without a day of
    its own, nor one carried over, is of that day."""
    if ctx.anchor is None:
        return None
    for sent in islice((s for s in ctx.sentences if s.end > (ctx.article.dateline_end or 0)), 3):
        if any(TODAY.fullmatch(t.text) for t in timex.find(sent.text, ctx.anchor)):
            return ctx.anchor
    return None


def verb_date(ctx: Context, verb: Token, *, future: bool) -> tuple[date | None, bool] | None:
    """The day the words hanging from a verb name, or from the nearest verb it hangs from that names one:
    "Last year, we signed the agreement, which I signed with X, and this morning I had a meeting with Y" dates
    the signing by "last year" and the meeting by "this morning". None when no verb up the parse names a
    time; else the day (or None) and True."""
    while True:
        own = _own_tokens(verb)
        words = " ".join(t.text for t in sorted(own, key=lambda t: t.i))
        times = [t for t in timex.find(words, ctx.anchor, future=future)]
        value = next((t.value for t in times if t.value), None)
        if value is not None or times or UNDATED_TIME.search(words):
            return value, True
        if verb.head.i == verb.i or verb.dep_ == "conj":
            return None
        verb = verb.head


def _own_tokens(verb: Token) -> list[Token]:
    """The tokens of a verb's subtree, without the verbs joined to it and what hangs from them, nor the clauses
    that tell of one of its people ("were joined by X, who updated them yesterday on ...")."""
    out = [verb]
    stack = [c for c in verb.children if c.dep_ not in {"conj", "cc"}]
    while stack:
        tok = stack.pop()
        if tok.dep_ in {"relcl", "acl"}:
            continue
        out.append(tok)
        stack.extend(tok.children)
    return out
