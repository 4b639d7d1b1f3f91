"""Encounters: the meetings, calls, planned and negated meetings each clause of a sentence states, with who
took part (the people named in the sentence, or a group: "the two leaders"), where and when.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from itertools import islice

from spacy.tokens import Token

from kg import timex
from kg.extract.context import Context
from kg.extract.cues import (
    APPROVING,
    CALL_TITLE,
    CLAUSE_BREAK,
    CONTINUED,
    EVENT_HELD,
    FOLLOWING,
    GREETING_VERBS,
    GROUP_NUMBERS,
    INTENDING,
    JOINS_THE_MEETING,
    JOINT_APPEARANCE,
    MEETING_ONLY,
    MEETING_TRIGGER,
    MODALS,
    NEGATED,
    NEW_TIME,
    ONE_OF_THE_MEETINGS,
    PEOPLE_NOUNS,
    PHONE,
    PHOTO_BY,
    PLANNED,
    SAME_DAY,
    SCHEDULED,
    SPOKE,
    TOLD_BEFORE,
    TOPIC,
    VIDEO,
    WELCOMING,
)
from kg.extract.dates import carried_from, clause_date, clause_days, story_day, verb_date
from kg.extract.sequels import calls_on_each, counterpart_named_next, from_series, opens_series
from kg.extract.speakers import FIRST_PERSON, speaker_turns
from kg.extract.structure import (
    HOLDING_VERBS,
    OWN_CLAUSES,
    RELATIVE_CLAUSES,
    hangs_off,
    in_clause_of_time,
    phrase,
    sides,
)
from kg.extract.venues import bracketed_dateline, dateline_place, encounter_place, speaker_is_in, travelled_to
from kg.model import EncounterMention, PersonMention, PlaceMention, Sentence
from kg.spans import SpanIndex

__all__ = ["find_encounters"]


def find_encounters(ctx: Context, people: list[PersonMention], places: list[PlaceMention]) -> list[EncounterMention]:
    """The encounters each clause of each sentence states, among the ``people`` of the sentence, at one of
    ``places``."""
    out = []
    people = PeopleInOrder(people)  # find_people gives them in the order of the text
    people_in: dict[int, list[int]] = defaultdict(list)
    for i, p in enumerate(people):
        if not PHOTO_BY.search(ctx.text, max(0, p.start - 40), p.start):
            people_in[p.sentence].append(i)  # but "Photo By Cpl. X | ...": who took the picture was behind it
    # A place inside an official's title ("Pentagon chief spokesperson X") is where no one met.
    titles = SpanIndex(sorted(_title_extents(ctx, people)))
    places_in: dict[int, list[int]] = defaultdict(list)
    for i, p in enumerate(places):
        if titles.covering(p.start) is None:
            places_in[p.sentence].append(i)
    verb_sides = sides(ctx.doc)
    verb_order = sorted(verb_sides)
    verb_chars = [ctx.doc[i].idx for i in verb_order]
    turns = speaker_turns(ctx, people)
    place_at = {p.start: i for i, p in enumerate(places)}
    earlier = _Earlier(story_day=story_day(ctx))
    for sent in ctx.sentences:
        in_sentence = people_in.get(sent.index, [])
        turn = turns.covering(sent.start)
        if (
            turn
            and turn[2] is not None
            and turn[2] not in in_sentence
            and (FIRST_PERSON.search(sent.text) or WELCOMING.match(sent.text))
        ):
            # "I was delighted to welcome Secretary X", "Welcome to the Pentagon, Minister X": the speaker of the
            # turn takes part.
            in_sentence = [turn[2], *in_sentence]
        if (named_next := counterpart_named_next(ctx, sent, people, people_in)) is not None:
            # "The Foreign Secretary met his Irish counterpart today. X and Y discussed ...": who they were
            in_sentence = named_next
        if not in_sentence and EVENT_HELD.search(sent.text):
            earlier.series = _event_held(ctx, sent, places, places_in) or earlier.series
        for offset, clause in _clauses(sent.text):
            mention = _clause_encounter(ctx, sent, offset, clause, in_sentence, people, places, places_in, earlier)
            if mention and mention.kind == "Meeting" and mention.place is None and turn:
                # "It's wonderful to be here in Jakarta ... this morning I had a meeting with X": where the speaker is
                mention = replace(mention, place=speaker_is_in(ctx, place_at, turn[0], sent.start))
            if mention and mention.kind == "Meeting":
                if opens_series(mention, clause):
                    earlier.series = mention
                else:
                    mention = from_series(mention, earlier.series, clause)
            if mention:
                start = sent.start + offset
                verbs = verb_order[bisect_left(verb_chars, start) : bisect_left(verb_chars, start + len(clause))]
                if JOINS_THE_MEETING.search(clause) and not named_next:
                    out.append(replace(mention, joins=True))  # all of its people, however the parse sides them
                elif named_next:
                    out.append(mention)  # the sides the parse gives are the unnamed ones
                elif (calls := calls_on_each(ctx, mention, people)) is not None:
                    out.extend(calls)
                else:
                    out.extend(_by_structure(ctx, mention, verb_sides, verbs, people, places, in_sentence))
                if mention.kind == "Meeting":
                    earlier.met.add(sent.index)
                    if mention.date:
                        earlier.days.setdefault(sent.index, mention.date)
                    if mention.place is not None:
                        earlier.places.setdefault(sent.index, mention.place)
    if (appearance := _joint_appearance(ctx, people, places, turns)) is not None:
        out.append(appearance)
    return out


def _event_held(
    ctx: Context, sent: Sentence, places: list[PlaceMention], places_in: dict[int, list[int]]
) -> EncounterMention | None:
    """A meeting told with no one named ("The Dialogue was held in Manila on October 21"), with its day or
    place: those of the meetings told after it (by who led the delegations)."""
    value, _ = clause_date(ctx, sent.text, sent.start, future=False)
    place = encounter_place(ctx, sent, places, places_in, sent.start, sent.end, sent.start)
    if value is None and place is None:
        return None
    return EncounterMention("Meeting", sent.index, sent.start, sent.start, (), place=place, date=value, dated=True)


def _joint_appearance(
    ctx: Context, people: list[PersonMention], places: list[PlaceMention], turns: SpanIndex
) -> EncounterMention | None:
    """The meeting of the day a transcript of a joint appearance is: its title (or address) says the speakers
    appear together ("... Before Their Meeting", "Joint press point with ..."), and two named people or more
    speak in it or head it."""
    address = re.sub(r"[-_/]+", " ", ctx.article.source or "")
    if not (JOINT_APPEARANCE.search(ctx.article.title or "") or JOINT_APPEARANCE.search(address)):
        return None
    speakers = list(dict.fromkeys(turn[2] for turn in turns if turn[2] is not None))
    # and the page's principal, named in its header above the dateline or the first turn ("John Kerry" over
    # "Secretary of State", "Premier House", "Wellington, New Zealand")
    header_end = ctx.article.dateline_end or (turns.items[0][0] if len(turns) else 0)
    speakers += [i for i, p in enumerate(people) if p.end <= header_end and p.name and p.title and i not in speakers]
    # and the one the address names ("joint-press-conference-gilberto-teodoro-jr-secretary-..."), who may not
    # speak in the part of the page captured
    names = {people[i].name.lower() for i in speakers}
    for i, p in enumerate(people):
        if len(p.name.split()) >= 2 and p.name.lower() not in names and f" {p.name.lower()} " in f" {address.lower()} ":
            speakers.append(i)
            names.add(p.name.lower())
    if len(names) < 2 or ctx.anchor is None:
        return None
    first = people[speakers[0]]
    # at the venue the header names ("Premier House" over "Wellington, New Zealand"), else its city
    header = [i for i, p in enumerate(places) if p.end <= header_end]
    venue = next((i for i in reversed(header) if places[i].kind in {"building", "base"}), None)
    return EncounterMention(
        kind="Meeting",
        sentence=first.sentence,
        start=first.start,
        end=first.end,
        participants=tuple(speakers),
        place=venue if venue is not None else dateline_place(ctx, places),
        date=ctx.anchor,
        dated=True,
        confidence=0.55,
        whole=True,
    )


@dataclass
class _Earlier:
    """What the sentences read so far have told: which told a meeting, and the day and place it had; and the
    story's day, read once from its first sentences."""

    story_day: date | None = None
    met: set[int] = field(default_factory=set)
    days: dict[int, date] = field(default_factory=dict)
    places: dict[int, int] = field(default_factory=dict)
    # "X held several bilateral meetings at the forum on November 19 in Halifax": the day and place of the
    # meetings the story goes on to tell one by one
    series: EncounterMention | None = None


class PeopleInOrder(list):
    """The people of an article in the order of the text, with their start offsets to bisect."""

    @cached_property
    def starts(self) -> list[int]:
        return [p.start for p in self]


def _title_extents(ctx: Context, people: list[PersonMention]) -> set[tuple[int, int]]:
    """The character spans of the titles written just before or after people's names ("Pentagon chief
    spokesperson X", "X, chargé d'affaires at the U.S. Embassy in Belmopan,")."""
    out = set()
    for p in people:
        if p.title:
            at = ctx.text.rfind(p.title, max(0, p.start - len(p.title) - 40), p.start)
            end = at + len(p.title)
            if at < 0 and (at := ctx.text.find(p.title, p.end, p.end + len(p.title) + 10)) >= 0:
                # an appositive runs on to its comma: "X, chargé d'affaires at the U.S. Embassy in Belmopan,"
                end = ctx.text.find(",", at + len(p.title), at + len(p.title) + 60)
                end = end if end >= 0 else at + len(p.title)
            if at >= 0:
                out.add((at, end))
    return out


def _by_structure(
    ctx: Context,
    mention: EncounterMention,
    verb_sides: dict[int, tuple[list[Token], list[Token]]],
    verbs: list[int],
    people: PeopleInOrder,
    places: list[PlaceMention],
    in_sentence: list[int],
) -> list[EncounterMention]:
    """The encounters of a clause: one for each verb of meeting whose sides, as the parse gives them, name two
    people or more, when there are two such verbs or more ("He called on X and met Y" is X and the subject,
    then Y and the subject); else the clause's one encounter, with all its people."""
    found: list[EncounterMention] = []
    if mention.group:
        return [mention]  # "X joined the two secretaries": the group is not on the parse's sides
    for verb_i in verbs:  # the verbs of meeting of the clause, in order
        subjects, objects = verb_sides[verb_i]
        verb = ctx.doc[verb_i]
        if not (MEETING_TRIGGER.fullmatch(_trigger_words(ctx, verb)) or verb.lower_ in HOLDING_VERBS):
            continue
        sides_people = [
            list(dict.fromkeys(i for head in side for i in _people_of(ctx, head, verb, people, in_sentence)))
            for side in (subjects, objects)
        ]
        taking_part = list(dict.fromkeys(sides_people[0] + sides_people[1]))
        groups = [taking_part]
        if any(c.lower_ in {"separately", "individually"} for c in verb.children) and sides_people[0]:
            # "X also met separately with President Y and with Speaker Z": one meeting each
            groups = [sides_people[0] + [i] for i in sides_people[1] if i not in sides_people[0]] or groups
        for group in groups:
            if len(group) >= 2 and all(f.participants != tuple(group) for f in found):
                found.append(
                    replace(
                        mention,
                        participants=tuple(group),
                        group=None,
                        group_is_object=False,
                        start=verb.idx,
                        end=verb.idx + len(verb.text),
                    )
                )
    # One verb alone keeps all the people of the clause: the parse of a long sentence (a dateline run into
    # it, a name set off by commas) often leaves one of them off its sides. A noun's sides ("the meeting of
    # X and Y") are all in its phrase.
    if len(found) == 1 and (noun := ctx.span(found[0].start, found[0].end)) is not None and noun.root.pos_ == "NOUN":
        return found
    if len(found) == 1 and set(mention.participants) < set(found[0].participants):
        return found  # "There, he met with President X, Minister Y and Adm. Z": the parse adds who "he" is
    if len(found) < 2:
        span = ctx.span(mention.start, mention.end)
        sides_of = verb_sides.get(span[0].i) if span is not None else None
        if (
            sides_of
            and span[0].pos_ != "NOUN"  # "a meeting of the committee" is of people the clause names
            and sides_of[1]
            and len(sides_of[0]) <= 1
            and not any(t.pos_ == "PRON" for t in (*sides_of[0], *sides_of[1]))
            and not any(_people_of(ctx, head, span[0], people, in_sentence) for head in (*sides_of[0], *sides_of[1]))
            # but "the Secretary General also met the Assistant to the President, X": a titled name after the verb
            # the parse hung elsewhere
            and not any(people[i].name and people[i].title and people[i].start > span[0].idx for i in in_sentence)
        ):
            return []  # "a trip that included stops to meet with host nation leaders": no one named met
        return [mention]
    # Each verb has its own time: "we signed it last year ... and this morning I had a meeting with X".
    triggers = [ctx.span(f.start, f.end)[0] for f in found]
    for k, f in enumerate(found):
        dated = verb_date(ctx, triggers[k], future=f.kind == "PlannedMeeting")
        if dated is not None:
            found[k] = f = replace(f, date=dated[0], dated=dated[1])
        # and its own place: "X and Y were joined by Z, who updated them on the meeting of A and B in Brussels
        # yesterday" places and dates A and B's meeting only.
        others = [t for j, t in enumerate(triggers) if j != k and triggers[k] not in t.subtree]
        others += [t for t in triggers[k].subtree if t.dep_ in {"relcl", "advcl", "ccomp"} and t is not triggers[k]]
        if f.place is not None and _only_under(places[f.place].start, others):
            found[k] = f = replace(f, place=None)
        if dated is None and f.date is not None:
            said = [x for x in timex.find(ctx.sentences[f.sentence].text, ctx.anchor) if x.value == f.date]
            at = [ctx.sentences[f.sentence].start + x.start for x in said]
            if at and all(_only_under(c, others) for c in at):
                found[k] = replace(f, date=None, dated=False)
    return found


def _only_under(char: int, others: list[Token]) -> bool:
    """Whether the character lies in the phrase of another trigger of the sentence (one not above this one):
    the other's place or time, not this one's."""

    def under(t: Token) -> bool:
        sub = list(t.subtree)
        return sub[0].idx <= char < sub[-1].idx + len(sub[-1].text)

    return any(under(t) for t in others)


def _same_person(a: PersonMention, b: PersonMention) -> bool:
    """Whether two mentions name one person as far as their words tell ("Kerry", "John Kerry")."""
    wa, wb = set(a.name.lower().split()), set(b.name.lower().split())
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def _antecedent(ctx: Context, people: PeopleInOrder, before: int) -> int | None:
    """The person "he" or "she" at the start of a sentence beginning at ``before`` is: the subject of the
    nearest sentence before that has a named person as its subject, else the person named last."""
    named = list(islice((i for i in range(bisect_left(people.starts, before) - 1, -1, -1) if people[i].name), 6))
    for i in named:
        span = ctx.span(people[i].start, people[i].end)
        if span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}:
            return i
    return named[0] if named else None


def _trigger_words(ctx: Context, verb: Token) -> str:
    """The verb of meeting as the trigger pattern reads it: "called on" with its preposition, "presented her
    credentials" with its object."""
    following = ctx.doc[verb.i + 1] if verb.i + 1 < len(ctx.doc) else None
    if following is not None and following.lower_ == "on" and verb.lower_.startswith("call"):
        return f"{verb.text} on"
    longer = MEETING_TRIGGER.match(ctx.text, verb.idx, verb.idx + 60)
    if longer is not None and longer.end() > verb.idx + len(verb.text) and " " in longer.group(0):
        return longer.group(0)
    return verb.text


def _people_of(ctx: Context, head: Token, verb: Token, people: PeopleInOrder, in_sentence: list[int]) -> list[int]:
    """The people a side of a verb names: those within its phrase; "He" or "She", the person named last before
    the sentence; "who", the one the clause is about."""
    if head.tag_ == "WP" and verb.dep_ == "relcl":
        head = verb.head
    if head.text == "I" or head.lower_ == "we":
        return [i for i in in_sentence if people[i].start < ctx.sentences[ctx.sentence_of_token[head.i]].start][:1]
    if head.lower_ in {"he", "she"}:
        ante = _antecedent(ctx, people, ctx.sentences[ctx.sentence_of_token[head.i]].start)
        return [] if ante is None else [ante]
    spans = [(t.idx, t.idx + len(t.text)) for t in phrase(head)]
    return [
        i for i in in_sentence if people[i].name and any(s < people[i].end and people[i].start < e for s, e in spans)
    ]


def _clause_encounter(
    ctx: Context,
    sent: Sentence,
    offset: int,
    clause: str,
    in_sentence: list[int],
    people: PeopleInOrder,
    places: list[PlaceMention],
    places_in: dict[int, list[int]],
    earlier: _Earlier,
) -> EncounterMention | None:
    """The encounter one clause states, if any. The clauses of a sentence share its people: "X spoke by
    phone with Y on Monday and will meet him next week" is a call and a planned meeting of X and Y."""
    start = sent.start + offset
    triggers = [
        m for m in MEETING_TRIGGER.finditer(clause) if _states_meeting(ctx, start + m.start(), people, in_sentence)
    ]
    # "Following their meeting, X and Y signed an agreement": a meeting told before, named to set the time, gives
    # way to the encounter the clause tells.
    told = [m for m in triggers if not TOLD_BEFORE.search(clause, 0, m.start())]
    # "agreed to open talks when they met in Manila": what happened over what was agreed to come
    trigger = next((m for m in told if not _planned_by_parse(ctx, start + m.start())), None)
    trigger = trigger or (told or triggers or [None])[0]
    if (
        triggers
        and not told
        and {sent.index - 1, sent.index - 2} & earlier.met
        and not JOINS_THE_MEETING.search(clause)
        and not ONE_OF_THE_MEETINGS.match(clause)
    ):
        return None  # "During the meeting, X praised Y": the meeting just told, not another (but those present at it)
    trigger = trigger or PHONE.search(clause) or VIDEO.search(clause)
    if not trigger:
        return None
    # "our second meeting since President X took office": who a clause of time names set the time, not met
    in_sentence = [i for i in in_sentence if not in_clause_of_time(ctx, people[i].start, start + trigger.start())]
    group, group_at = _group_size(clause)
    if (
        group is None
        and len(in_sentence) == 1
        and (
            re.search(r"\b(?:he|she|He|She)\b", clause[: trigger.end()])
            or CONTINUED.match(clause[: trigger.start()])
            or ONE_OF_THE_MEETINGS.match(clause)
        )
    ):
        # "He met X": the one the sentences before are about, and X
        ante = _antecedent(ctx, people, sent.start)
        if ante is None:
            group, group_at = 2, 0
        elif ante != in_sentence[0]:
            in_sentence = [ante, *in_sentence]
    elif group is None and len(in_sentence) == 1 and re.match(r"\s*(?:him|her)\b", clause[trigger.end() :]):
        # "I'm delighted to welcome him here": the one named last before, other than the one who welcomes
        before = (i for i in range(bisect_left(people.starts, sent.start) - 1, -1, -1) if people[i].name)
        other = next((i for i in before if people[i].name != people[in_sentence[0]].name), None)
        if other is not None and not _same_person(people[other], people[in_sentence[0]]):
            in_sentence = [*in_sentence, other]
    if not in_sentence and not group:
        return None
    kind = _encounter_kind(ctx, clause, trigger, start)
    if kind == "Meeting" and _planned_by_parse(ctx, start + trigger.start()):
        kind = "PlannedMeeting"
    if kind == "Meeting" and not MEETING_TRIGGER.fullmatch(trigger.group(0)):
        return None
    if (
        trigger.group(0).lower() in {"joined", "signed", "signing", "sign", "signs", "visited", "visits"}
        and len(in_sentence) + bool(group) < 2
        # "The Minister joined the discussion": one joining the meeting told before
        and not JOINS_THE_MEETING.search(clause)
    ):
        return None
    trigger_char = start + trigger.start()

    def keep(char: int) -> bool:
        return not hangs_off(ctx, char, trigger_char, RELATIVE_CLAUSES)

    value, dated = clause_date(ctx, clause, start, future=kind == "PlannedMeeting", keep=keep)
    confidence = 0.7 if kind == "Meeting" and len(in_sentence) >= 2 else 0.55
    source = None
    dateline = bracketed_dateline(ctx, sent)
    if not dated and dateline:
        # "SAN DIEGO (Oct. 5, 2022) -- X greets Y": the caption's day
        at = dateline[0].start
        value, dated = clause_date(ctx, ctx.text[at : sent.start], at, future=kind == "PlannedMeeting")
    if not dated and kind == "Meeting" and CALL_TITLE.search(ctx.article.title or ""):
        # "Readout of the President's Call with ...": what the two "discussed" or "welcomed" with no time of its
        # own is said on the call
        kind = "PhoneCall"
    if not dated and kind == "Meeting":
        value, source = carried_from(ctx, sent, [people[i] for i in in_sentence], earlier.days)
        # the sentences are read in order, so the latest meeting day before this sentence is among the last keys
        last_day = next((k for k in reversed(earlier.days) if k < sent.index), None)
        if value is None and SAME_DAY.search(clause) and last_day is not None:
            value = earlier.days[last_day]  # "Later in the day, X called on Y": the day of the meeting told before
        elif value is None and re.search(
            r"\b(?:have|has|'ve)\s+just\b|\bjust\s+(?:concluded|finished|completed|wrapped up|held|met|signed)\b",
            clause,
        ):
            value = ctx.anchor  # "Secretary X and I have just signed", "we just concluded": the speaker's day
        elif value is None and _reported(ctx, start + trigger.start()):
            value = earlier.story_day  # "X met Y" in a story of today, with no day of its own
        elif value is None and WELCOMING.match(clause) and kind == "Meeting":
            value = ctx.anchor  # "Welcome to the Pentagon, Minister X": as the speaker speaks
        elif value is None and re.search(r"\bhere\b", clause) and _in_the_present(ctx, start + trigger.start()):
            value = ctx.anchor  # "I'm delighted to welcome him here": happening as the speaker speaks
        dated, confidence = value is not None, confidence - 0.1
    first_person = people[in_sentence[0]].start - start if in_sentence else None
    place = encounter_place(ctx, sent, places, places_in, start, start + len(clause), start + trigger.start())
    if place is None and source is not None and not NEW_TIME.search(clause):
        # "X received a welcome at the palace this morning. He called on President Y": where the sentence
        # goes on from; where a meeting of the sentences just before was, first ("They discussed ... in Belize
        # City. Y joined X for the meeting" is at the meeting's barracks).
        known = next((k for k in (sent.index - 1, sent.index - 2) if k in earlier.places), None)
        place = earlier.places[known] if known is not None else None
        place = (
            encounter_place(ctx, source, places, places_in, source.start, source.end, source.start)
            if place is None
            else place
        )
        place = earlier.places.get(source.index) if place is None else place
    for before in dateline if place is None else ():
        place = encounter_place(ctx, before, places, places_in, before.start, before.end, before.start)
        if place is not None:
            break
    if place is None and kind == "Meeting" and sent.index > 0:
        place = travelled_to(ctx, ctx.sentences[sent.index - 1], places, places_in)
    if value is None and place is not None and re.match(r"\s*While (?:at|in)\b", clause):
        # "X welcomed Y to the Pentagon today. ... While at the Pentagon Y conducted office calls with Z": the
        # day of the visit told there
        there = [k for k, at in earlier.places.items() if places[at].name == places[place].name and k in earlier.days]
        if there:
            value, dated = earlier.days[there[-1]], True
    if kind == "Meeting" and place is None and SPOKE.fullmatch(trigger.group(0)) and not MEETING_ONLY.search(clause):
        # "Secretary Blinken spoke with Foreign Minister X today": a readout that says only that two officials
        # spoke, and nowhere, tells of a call; those who met say they met, or where.
        kind = "PhoneCall"
    return EncounterMention(
        follows=FOLLOWING.match(clause[: trigger.start()]) is not None,
        kind=kind,
        sentence=sent.index,
        start=start + trigger.start(),
        end=start + trigger.end(),
        participants=tuple(in_sentence),
        group=group,
        group_office=_group_office(clause) if group else None,
        group_is_object=group_at is not None
        and group_at > trigger.start()
        and first_person is not None
        and first_person < trigger.start(),
        place=place,
        date=value,
        dated=dated,
        days=clause_days(ctx, clause, start, future=kind == "PlannedMeeting", keep=keep) if value is None else None,
        confidence=confidence,
    )


def _reported(ctx: Context, char: int) -> bool:
    """Whether the trigger word at ``char`` is a verb in the past ("met", "hosted", "called on"): what a story
    reports, not a noun that may name any meeting ("the next summit")."""
    span = ctx.span(char, char + 1)
    return span is not None and span[0].tag_ in {"VBD", "VBN"}


def _in_the_present(ctx: Context, char: int) -> bool:
    """Whether the trigger word at ``char`` is a verb in the present or its bare form ("welcome", "meet")."""
    span = ctx.span(char, char + 1)
    return span is not None and span[0].tag_ in {"VB", "VBP", "VBZ"}


def _states_meeting(ctx: Context, char: int, people: list[PersonMention], in_sentence: list[int]) -> bool:
    """Whether a trigger word at ``char`` states an encounter by the parse: a verb of greeting ("welcomed",
    "received", "greeted") does only when what it takes is a person or a group of people ("welcomed the
    minister", "was received by"), not a thing ("welcomed the progress", "received a briefing", "welcomed
    X's visit": the visit is told elsewhere); "called on X" is a courtesy call, "called on X to act" is not;
    "was joined by" tells of company."""
    span = ctx.span(char, char + 1)
    if span is None:
        return True
    verb = span[0]
    if verb.lower_ in {"sign", "signs"} and verb.pos_ != "VERB":
        return False  # "signs of progress", "a sign of strong ties"
    if verb.text == "Talks" and verb.head.dep_ == "prep" and verb.head.lower_ not in {"at", "during", "on"}:
        return False  # "support for the resumption of the Six-Party Talks": a process by its name, not a meeting
    if verb.pos_ == "NOUN" and (
        verb.head.lower_ in {"about", "regarding", "concerning"}  # "conferred about the P5+1 talks with Iran"
        or (verb.lower_ == "signing" and verb.head.lower_ in APPROVING)  # "welcomed the signing of the treaty"
    ):
        return False
    if verb.lower_.startswith("call"):
        return not any(c.dep_ in {"xcomp", "ccomp"} for c in verb.children)
    if verb.lower_ == "joined" and any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return False  # "X was joined by his deputy": those who came along, not those met
    if not GREETING_VERBS.fullmatch(verb.text):
        return True
    if WELCOMING.match(ctx.text, verb.sent.start_char, verb.idx + len(verb.text)):
        return True  # "Well, welcome to the Pentagon, Minister X": a speaker's welcome to the one addressed
    if verb.pos_ not in {"VERB", "AUX"}:
        return False  # "received a ceremonial welcome": the noun tells of no one met
    taken = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "obj"}]
    if not taken:
        return True
    spans = [(people[i].start, people[i].end) for i in in_sentence]
    return any(
        t.pos_ == "PRON" or t.text.lower() in PEOPLE_NOUNS or any(s <= t.idx < e for s, e in spans) for t in taken
    )


def _planned_by_parse(ctx: Context, char: int) -> bool:
    """Whether the verb a trigger word belongs to speaks of what is to come: it has a modal ("would begin
    consultations") or is the infinitive of a verb of intending ("concurred to hold the next meeting", "agreed
    to meet"), not of any verb ("was able to sit down with X")."""
    span = ctx.span(char, char + 1)
    if span is None:
        return False
    tok = span[0]
    if tok.pos_ == "NOUN":
        # "agreed the summit in Portsmouth would cement ...": a modal after the noun, before any verb, is its own
        after = next((t for t in tok.doc[tok.i + 1 : min(tok.i + 6, tok.sent.end)] if t.pos_ in {"VERB", "AUX"}), None)
        if after is not None and after.lower_ in MODALS:
            return True
    # A meeting noun reaches the verb it is the object or subject of ("hold the next Meeting", "the meeting will
    # focus on"), not one it only hangs from ("would build on the outcomes of the Summit held in March").
    while tok.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"} and tok.dep_ in {
        "dobj",
        "compound",
        "nsubj",
        "nsubjpass",
        "amod",
    }:
        tok = tok.head
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children):
        return True
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)
    return infinitive and tok.head.i != tok.i and INTENDING.fullmatch(tok.head.text) is not None


def _encounter_kind(ctx: Context, text: str, trigger: re.Match[str], start: int) -> str:
    if VIDEO.search(text):
        return "VideoCall"
    # "held our first meeting in person following our telephone meeting last week" is the meeting
    if PHONE.search(text) and not re.search(
        r"\bcall(?:ed|s)? (?:for|on)\b|\bin person\b|\b(?:office|courtesy) calls?\b", text, re.I
    ):
        return "PhoneCall"
    if NEGATED.search(text):
        return "NegatedMeeting"
    # "met on Thursday to discuss preparations for upcoming ministerials": a time to come in a clause of the
    # purpose or the topic is not the meeting's.
    trigger_char = start + trigger.start()
    if any(
        not hangs_off(ctx, start + m.start(), trigger_char, OWN_CLAUSES, after=True)
        and not (m.start() > trigger.end() and TOPIC.search(text, trigger.end(), m.start()))
        for m in PLANNED.finditer(text)
    ):
        return "PlannedMeeting"
    line = ctx.text.rfind("\n", max(0, start - 30), start) + 1
    if (line or start < 30) and SCHEDULED.match(ctx.text, line):
        return "PlannedMeeting"  # "09:30 Joint press conference by X and Y": an item of a programme
    if re.match(r"(?:speaks?|spoke|talked|talks)\b", trigger.group(0), re.I) and re.search(
        CALL_TITLE, ctx.article.title or ""
    ):
        return "PhoneCall"  # "Readout of the President's Call with ...": "spoke with" is the call
    return "Meeting"


def _clauses(text: str) -> list[tuple[int, str]]:
    """A sentence cut where a new verb phrase about another time starts: "... by phone and will meet ..."."""
    out, begin = [], 0
    for m in CLAUSE_BREAK.finditer(text):
        out.append((begin, text[begin : m.start()]))
        begin = m.end()
    out.append((begin, text[begin:]))
    return out


def _group_office(text: str) -> str | None:
    """The office a group holds, where its noun names one in capitals: "the two Prime Ministers" -> "prime
    minister", "both Foreign Ministers" -> "foreign minister" ("the two leaders", "the two Ministers" hold none
    in particular)."""
    m = re.search(
        r"\b(?:the\s+)?(?:two|three|four|both)\s+((?:[A-Z][\w-]*\s+){1,2}(?:Ministers|Secretaries)|Presidents)\b",
        text,
    )
    if m is None:
        return None
    office = m.group(1).lower()
    return office[:-3] + "y" if office.endswith("ies") else office[:-1]


def _group_size(text: str) -> tuple[int | None, int | None]:
    """The size and position of a group reference: "the two leaders", "the pair", "They"."""
    m = re.search(
        r"\b(?:the\s+)?(two|three|four|five|six|both)\s+(?:[A-Z][\w.-]*\s+){0,3}(leaders|ministers|secretaries|"
        r"men|women|officials|presidents|sides|counterparts|chiefs|heads|generals|commanders)\b",
        text,
        re.IGNORECASE,
    )
    if m:
        return GROUP_NUMBERS[m.group(1).lower()], m.start()
    # "The two last met in Honolulu in August": the number alone as the subject of a verb of meeting
    m = re.search(
        r"\b[Tt]he (two|three|four)\s+(?:(?:last|first|also|later|then|previously|have|had|most recently)\s+)*"
        r"(?:met|meet|held|spoke|talked|signed|visited)\b",
        text,
    )
    if m:
        return GROUP_NUMBERS[m.group(1).lower()], m.start()
    m = re.search(r"\b(?:They|Both|the pair|the duo)\b", text)
    if m:
        return 2, m.start()
    m = re.search(r"\b(?:joined|met|meet|meets|hosted)\s+(them|the (?:ministers|leaders|secretaries))\b", text, re.I)
    if m:
        return 2, m.start(1)
    return None, None
