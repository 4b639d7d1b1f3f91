"""Encounters: the meetings, calls, planned and negated meetings each clause of a sentence states, with who
took part (the people named in the sentence, or a group: "the two leaders"), where and when.
"""

from __future__ import annotations

import re
from collections import defaultdict

from kg.extract.context import Context
from kg.extract.dates import clause_date, date_carried_to
from kg.model import EncounterMention, PersonMention, PlaceMention, Sentence

__all__ = ["find_encounters"]

GROUP_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}

MEETING_TRIGGER = re.compile(
    r"\b(met|meets?|meeting|hosted|hosts?|hosting|welcomed|welcomes|welcoming|greeted|greets|received|receives|"
    r"sat down|sit down|held talks|hold talks|holds talks|talks|consultations|summit|visited|visits|"
    r"joined|signed|signing|(?:speaks?|spoke|talked|talks)(?: \w+ly| today| again)? (?:with|to))\b",
    re.IGNORECASE,
)
SPOKE = re.compile(r"(?:speaks?|spoke|talked|talks)(?: \w+ly| today| again)? (?:with|to)", re.IGNORECASE)
# Words that place two officials together: with them, "spoke with" is a conversation in person.
MEETING_ONLY = re.compile(
    r"\b(?:met|meets?|meeting|sidelines?|visit\w*|in person|on the margins|hosted|welcomed|during|dinner|lunch|"
    r"breakfast|ceremony|summit|here)\b",
    re.IGNORECASE,
)
PHONE = re.compile(r"\b(phone|telephone|(?:phone|telephone) call|called|calls?|by phone)\b", re.IGNORECASE)
VIDEO = re.compile(r"\b(video|videoconference|virtual(?:ly)?|teleconference|video ?link)\b", re.IGNORECASE)
NEGATED = re.compile(
    r"\b(?:did not|didn't|does not|doesn't|not|never|no)\s+(?:\w+\s+){0,2}?(?:meet|hold|sit|talk|met)\b"
    r"|\bwithout (?:a )?meeting\b|\bdeclined to meet\b|\bno (?:meeting|talks)\b",
    re.IGNORECASE,
)
PLANNED = re.compile(
    r"\b(will|would|shall|is|are) (?:\w+ )?(?:expected|due|scheduled|set|slated|planning|going) to\b"
    r"|\b(?:will|shall) (?:\w+ )?(?:meet|host|hold|visit|travel|sit)\b|\bplans? to\b|\bto be held\b"
    r"|\bnext (?:week|month|year)\b|\btomorrow\b|\blater this (?:week|month|year)\b|\bupcoming\b"
    r"|\blooks? forward to\b|\blooking forward to\b|\binvited\b|\binvitation to\b",
    re.IGNORECASE,
)
HERE = re.compile(r"\b(?:met|meeting|talks|here)\s+here\b|\bhere (?:today|on|this)\b", re.IGNORECASE)

SUBORDINATE = {"relcl", "ccomp", "acl", "advcl", "parataxis", "xcomp"}
CLAUSE_BREAK = re.compile(r",?\s+(?:and|but)\s+(?=(?:will|would|shall|plans?|is|are)\b)|;\s+", re.IGNORECASE)


def find_encounters(ctx: Context, people: list[PersonMention], places: list[PlaceMention]) -> list[EncounterMention]:
    """The encounters each clause of each sentence states, among the ``people`` of the sentence, at one of
    ``places``."""
    out = []
    people_in: dict[int, list[int]] = defaultdict(list)
    for i, p in enumerate(people):
        people_in[p.sentence].append(i)
    places_in: dict[int, list[int]] = defaultdict(list)
    for i, p in enumerate(places):
        places_in[p.sentence].append(i)
    for sent in ctx.sentences:
        in_sentence = people_in.get(sent.index, [])
        for offset, clause in _clauses(sent.text):
            mention = _clause_encounter(ctx, sent, offset, clause, in_sentence, people, places, places_in)
            if mention:
                out.append(mention)
    return out


def _clause_encounter(
    ctx: Context,
    sent: Sentence,
    offset: int,
    clause: str,
    in_sentence: list[int],
    people: list[PersonMention],
    places: list[PlaceMention],
    places_in: dict[int, list[int]],
) -> EncounterMention | None:
    """The encounter one clause states, if any. The clauses of a sentence share its people: "X spoke by
    phone with Y on Monday and will meet him next week" is a call and a planned meeting of X and Y."""
    trigger = MEETING_TRIGGER.search(clause) or PHONE.search(clause) or VIDEO.search(clause)
    if not trigger:
        return None
    group, group_at = _group_size(clause)
    if group is None and len(in_sentence) == 1 and re.search(r"\b(?:he|she|He|She)\b", clause[: trigger.end()]):
        group, group_at = 2, 0  # "He met X": the official named last before this sentence, and X
    if not in_sentence and not group:
        return None
    kind = _encounter_kind(ctx, clause, trigger)
    if kind == "Meeting" and not MEETING_TRIGGER.search(clause):
        return None
    if (
        trigger.group(0).lower() in {"joined", "signed", "signing", "visited", "visits"}
        and len(in_sentence) + bool(group) < 2
    ):
        return None
    start = sent.start + offset
    value, dated = clause_date(ctx, clause, start, future=kind == "PlannedMeeting")
    confidence = 0.7 if kind == "Meeting" and len(in_sentence) >= 2 else 0.55
    if not dated and kind == "Meeting":
        value = date_carried_to(ctx, sent, [people[i] for i in in_sentence])
        dated, confidence = value is not None, confidence - 0.1
    first_person = people[in_sentence[0]].start - start if in_sentence else None
    place = _encounter_place(ctx, sent, places, places_in, start, start + len(clause), start + trigger.start())
    if kind == "Meeting" and place is None and SPOKE.fullmatch(trigger.group(0)) and not MEETING_ONLY.search(clause):
        # "Secretary Blinken spoke with Foreign Minister X today": a readout that says only that two officials
        # spoke, and nowhere, tells of a call; those who met say they met, or where.
        kind = "PhoneCall"
    return EncounterMention(
        kind=kind,
        sentence=sent.index,
        start=start + trigger.start(),
        end=start + trigger.end(),
        participants=tuple(in_sentence),
        group=group,
        group_is_object=group_at is not None
        and group_at > trigger.start()
        and first_person is not None
        and first_person < trigger.start(),
        place=place,
        date=value,
        dated=dated,
        confidence=confidence,
    )


def _in_other_clause(ctx: Context, place: PlaceMention, trigger_char: int) -> bool:
    """Whether a place hangs from a subordinate clause that does not hold the encounter's trigger word."""
    span = ctx.span(place.start, place.end)
    trigger = ctx.span(trigger_char, trigger_char + 1)
    if span is None or trigger is None:
        return False
    trigger_line = {trigger[0], *trigger[0].ancestors}
    for token in (span.root, *span.root.ancestors):
        if token in trigger_line:
            return False
        if token.dep_ in SUBORDINATE:
            # "..., meeting at the Shangri-La Hotel", "when he met X in Siem Reap": a clause of meeting
            # is the encounter's own.
            # Reported speech ("said a conference would be hosted in Geneva") never is.
            return token.dep_ == "ccomp" or not MEETING_TRIGGER.fullmatch(token.text)
    return False


def _encounter_kind(ctx: Context, text: str, trigger: re.Match[str]) -> str:
    if VIDEO.search(text):
        return "VideoCall"
    if PHONE.search(text) and not re.search(r"\bcall(?:ed|s)? (?:for|on)\b", text, re.I):
        return "PhoneCall"
    if NEGATED.search(text):
        return "NegatedMeeting"
    if PLANNED.search(text):
        return "PlannedMeeting"
    if re.match(r"(?:speaks?|spoke|talked|talks)\b", trigger.group(0), re.I) and re.search(
        r"\b(?:call|phone)", ctx.article.title or "", re.I
    ):
        return "PhoneCall"  # "Readout of the President's Call with ...": "spoke with" is the call
    return "Meeting"


def _encounter_place(
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
    rank = {"building": 0, "base": 1, "island": 2, "city": 3, "region": 4, "body_of_water": 5}
    candidates = [
        (i, p)
        for i in places_in.get(sent.index, [])
        if (p := places[i]).kind != "body_of_water" and not _in_other_clause(ctx, p, trigger)
    ]
    in_clause = [(rank.get(p.kind or "", 6), i) for i, p in candidates if start <= p.start < end]
    in_sentence = [(rank.get(p.kind or "", 6), i) for i, p in candidates]
    if in_clause or in_sentence:
        return min(in_clause or in_sentence)[1]
    if HERE.search(sent.text) and ctx.article.dateline_place:
        for i, p in enumerate(places):
            if p.name.lower() == ctx.article.dateline_place.lower():
                return i
    return None


def _clauses(text: str) -> list[tuple[int, str]]:
    """A sentence cut where a new verb phrase about another time starts: "... by phone and will meet ..."."""
    out, begin = [], 0
    for m in CLAUSE_BREAK.finditer(text):
        out.append((begin, text[begin : m.start()]))
        begin = m.end()
    out.append((begin, text[begin:]))
    return out


def _group_size(text: str) -> tuple[int | None, int | None]:
    """The size and position of a group reference: "the two leaders", "the pair", "They"."""
    m = re.search(
        r"\b(?:the\s+)?(two|three|four|five|six|both)\s+(leaders|ministers|secretaries|men|women|"
        r"officials|presidents|sides|counterparts|chiefs|heads)\b",
        text,
        re.IGNORECASE,
    )
    if m:
        return GROUP_NUMBERS[m.group(1).lower()], m.start()
    m = re.search(r"\b(?:They|Both|the pair|the duo)\b", text)
    if m:
        return 2, m.start()
    m = re.search(r"\b(?:joined|met|meet|meets|hosted)\s+(them)\b", text)
    if m:
        return 2, m.start(1)
    return None, None
