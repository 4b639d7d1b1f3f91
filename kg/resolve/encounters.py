"""Encounters: one entity for each meeting, call, planned or negated meeting, with its participants, place,
date, CAMEO code and the treaties discussed at it.

The participants are officials, not the spokespeople who report the encounter. An encounter told twice (in
the lead and again in a photo caption) is one: the two share two participants and differ in neither place nor
date, and the one they make keeps the more specific place. A meeting of the story's day told with no place
met at the venue the article's header names, else in its dateline's city.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from kg.extract.cues import ONE_OF_THE_MEETINGS, visits
from kg.extract.speakers import FIRST_PERSON
from kg.model import PLACE_SPECIFICITY, Extraction
from kg.resolve.entities import Ref, Resolved, digest

__all__ = [
    "ATTRIBUTION",
    "CAMEO",
    "HOST_WORDS",
    "PLACE_SPECIFICITY",
    "SPOKESPEOPLE",
    "VISIT_WORDS",
    "cameo_code",
    "resolve_encounters",
]

SPOKESPEOPLE = re.compile(r"spokes|press secretary|press officer|photographer", re.IGNORECASE)
ATTRIBUTION = re.compile(r"^\W{0,3}(?:said|says|added|noted|told|wrote|according)\b", re.IGNORECASE)


@dataclass
class _Encounter:
    kind: str
    participants: dict[str, int]  # official key -> the sentence that names it as taking part
    place: str | None
    place_kind: str | None
    date: date | None
    dated: bool
    sentences: list[int]
    confidence: float
    triggers: set[str] = field(default_factory=set)
    follows: bool = False  # comes after the meeting told before it, so is not that meeting
    whole: bool = False  # the page's own meeting (a joint appearance): the same as any of its people's that day
    joins: bool = False  # told as people joining the meeting told before it
    days: tuple[date, date] | None = None  # the range of days it falls in, when it has no one date
    one_of: list[set[str]] = field(default_factory=list)  # pairs of it told later as a meeting of their own


# CAMEO event codes (Schrodt, CAMEO Event Data Codebook 1.1b3), as PLOVER's CONSULT and its modes align them.
CAMEO = {"PhoneCall": "041", "VideoCall": "041", "PlannedMeeting": "036", "NegatedMeeting": "125"}
HOST_WORDS = {"hosted", "host", "hosts", "hosting", "welcomed", "welcomes", "received", "receives", "greeted"}
VISIT_WORDS = {"visited", "visits", "visit"}


def cameo_code(kind: str, triggers: set[str], place_country: str | None, nations: set[str]) -> str:
    """The CAMEO code of an encounter: 040 consult, 041 by telephone, 042 visit, 043 host, 044 meet at a third
    location, 036 intend to meet, 125 reject (a meeting that did not take place)."""
    if kind in CAMEO:
        return CAMEO[kind]
    words = {t.lower() for t in triggers}
    if words & HOST_WORDS:
        return "043"
    if words & VISIT_WORDS:
        return "042"
    if place_country and nations and place_country not in nations:
        return "044"
    return "040"


def resolve_encounters(
    extraction: Extraction,
    out: Resolved,
    officials: dict[int, str],
    places: dict[int, str],
    treaties: dict[int, str],
) -> None:
    text = extraction.article.text
    people = extraction.people  # in the order of the text
    starts = [p.start for p in people]
    # Spokespeople report meetings; they are not taken as taking part in them.
    spokespeople = {f.subject for f in out.facts if f.predicate == "title" and SPOKESPEOPLE.search(str(f.value))}
    titles_of: dict[str, set[str]] = defaultdict(set)  # official -> titles, lower case
    for f in out.facts:
        if f.predicate == "title":
            titles_of[f.subject].add(str(f.value).lower())
    encounters: list[_Encounter] = []
    lone: _Encounter | None = None  # the last meeting told with one named participant
    # The encounters (indexes) holding each pair of officials: one encounter told twice shares two of them.
    with_pair: dict[tuple[str, str], set[int]] = defaultdict(set)
    for e in extraction.encounters:
        participants: list[str] = []
        reporters: list[str] = []
        for i in e.participants:
            p = people[i]
            key = officials.get(i)
            if key is None or key in participants:
                continue
            if p.title and SPOKESPEOPLE.search(p.title):
                continue
            if key in spokespeople:
                continue
            if ATTRIBUTION.match(text[p.end : p.end + 12]) and not _speaks_of_self(extraction, e.sentence, p.start):
                reporters.append(key)  # "X met Y, Z said": Z reports; but in "'I met Y today,' Z said", Z met Y
                continue
            participants.append(key)
        if e.group:
            # "the two leaders": the officials named last before this sentence. "X joined the two
            # secretaries": the group is others than those the sentence names.
            sentence_start = extraction.sentences[e.sentence].start
            wanted = e.group + (len(participants) if e.group_is_object else 0)
            i = bisect_left(starts, sentence_start)
            while len(participants) < wanted and i > 0:
                i -= 1
                key = officials.get(i)
                if key is not None and key not in participants and key not in spokespeople:
                    if e.group_office and not any(e.group_office in t for t in titles_of.get(key, ())):
                        continue  # "The two Prime Ministers last met ...": prime ministers only
                    participants.append(key)
        if len(participants) == 1 and reporters and reporters[0] not in participants:
            # "Carter said in a joint news conference with Parrikar", "their sixth meeting, Carter said": one who
            # says it, of a meeting of one other, was at it
            participants.append(reporters[0])
        if not participants:
            continue
        place_kind = extraction.places[e.place].kind if e.place is not None else None
        current = _Encounter(
            e.kind,
            dict.fromkeys(participants, e.sentence),
            places.get(e.place) if e.place is not None else None,
            place_kind,
            e.date,
            e.dated,
            [e.sentence],
            e.confidence,
            {extraction.article.text[e.start : e.end]},
            e.follows,
            e.whole,
            e.joins,
            e.days,
        )
        if current.joins and (each := _joined_each(encounters, current)):
            # "The meetings were attended by X and Y": each of the meetings just told
            for k in each:
                _merge(encounters[k], replace(current, sentences=[]))
                for pair in _pairs(encounters[k]):
                    with_pair[pair].add(k)
            continue
        if current.joins and encounters and _joins(encounters[-1], current):
            # "X met Y ... The Minister of National Defence joined the discussion", "A, B and other officials
            # were also present in the meeting"
            _merge(encounters[-1], current)
            for pair in _pairs(encounters[-1]):
                with_pair[pair].add(len(encounters) - 1)
            continue
        if len(participants) < 2:
            # "The Prime Minister met Prime Minister X in Warsaw today" (the home's leader unnamed): no meeting
            # kg can tell, but one someone may join in the next sentences.
            lone = current
            continue
        candidates = sorted(set().union(*(with_pair.get(pair, ()) for pair in _pairs(current))))
        same = next((k for k in candidates if _same_encounter(encounters[k], current)), None)
        if same is None and lone is not None and _joins(lone, current):
            _merge(lone, current)
            current, lone = lone, None  # "The Defence Secretary, Y, joined the Prime Minister for the meeting"
        if same is None and encounters and _joins(encounters[-1], current):
            same = len(encounters) - 1  # "Y joined X for the meeting": the meeting just told, with Y
        if same is None:
            same = len(encounters)
            encounters.append(current)
        else:
            if (
                len(current.participants) == 2
                and set(current.participants) < set(encounters[same].participants)
                and ONE_OF_THE_MEETINGS.match(extraction.sentences[current.sentences[0]].text)
            ):
                encounters[same].one_of.append(set(current.participants))  # "In his meeting with X, ..."
            _merge(encounters[same], current)
        for pair in _pairs(encounters[same]):
            with_pair[pair].add(same)
    encounters = [split for enc in encounters for split in _one_by_one(enc)]
    _meet_at_dateline(extraction, encounters, places)
    _meet_where_the_day_was(encounters)
    serves: dict[str, set[str]] = defaultdict(set)
    country_of: dict[str, str] = {}
    for f in out.facts:
        if f.predicate == "serves":
            serves[f.subject].add(f.value.key)
        elif f.predicate == "country":
            country_of.setdefault(f.subject, f.value.key)
    sentences_of: dict[str, set[int]] = defaultdict(set)
    for i, k in officials.items():
        sentences_of[k].add(people[i].sentence)
    treaties_in: dict[int, list[int]] = defaultdict(list)
    for i in sorted(treaties):
        treaties_in[extraction.treaties[i].sentence].append(i)
    for enc in encounters:
        key = f"encounter/{digest(enc.kind, *sorted(enc.participants), enc.place, enc.date)}"
        label = f"{enc.kind}: " + ", ".join(out.entities[p].name for p in enc.participants)
        out.entity(enc.kind, key, label)
        s = enc.sentences[0]
        for p, sentence in enc.participants.items():
            out.fact(key, "participant", Ref(p), sentence, enc.confidence)
        if enc.place:
            out.fact(key, "place", Ref(enc.place), s, enc.confidence)
        if enc.date:
            out.fact(key, "date", enc.date, s, enc.confidence)
        nations = set().union(*(serves[p] for p in enc.participants))
        country = country_of.get(enc.place) if enc.place else None
        out.fact(key, "cameoCode", cameo_code(enc.kind, enc.triggers, country, nations), s, enc.confidence)
        named_in = set().union(*(sentences_of[p] for p in enc.participants)) if len(encounters) == 1 else set()
        _discussed(extraction, out, key, enc, treaties, treaties_in, named_in)


def _meet_at_dateline(extraction: Extraction, encounters: list[_Encounter], places: dict[int, str]) -> None:
    """A meeting of the story's day told with no place met at the venue its header names, else in the dateline's
    city ("TOKYO, March 25 -- X met Y today"): reporters date a story from where it happened."""
    article = extraction.article
    day = article.published or article.dateline_date
    if day is None:
        return
    dateline = (article.dateline_place or "").lower()
    at = next(
        (
            i
            for i, p in enumerate(extraction.places)
            if dateline
            and (p.name.lower() == dateline or p.start < (article.dateline_end or 0))
            and p.name.lower().startswith(dateline)  # "Washington, DC" of "Washington"
        ),
        None,
    )
    where = places.get(at) if at is not None else None
    # "MIAMI – X visited Paraguay and met President Y": the story was filed at home, the meetings were abroad
    country = extraction.places[at].country if at is not None else None
    if any(n.iso3 != country and visits(article.text, n.start) for n in extraction.nations):
        where = None
    kind = "city"
    # A release's header may name the room or the house: above its city ("Treaty Room" / "Washington, DC") or
    # in its title ("Press Conference, Parliament House").
    text, header = article.text, []
    if article.title and text.startswith(article.title):
        header.append((0, len(article.title)))
    if article.dateline_end:
        line = text.rfind("\n", 0, article.dateline_end) + 1
        header.append((text.rfind("\n", 0, max(0, line - 1)) + 1, line))
    venue = next(
        (
            i
            for i, p in enumerate(extraction.places)
            if p.kind in {"building", "base"} and places.get(i) and any(s <= p.start < e for s, e in header)
        ),
        None,
    )
    if venue is not None:
        where, kind = places[venue], extraction.places[venue].kind
    elif where is None and header and header[0][0] == 0:
        # no dateline: the city the title names ("NATO Secretary General visits Washington DC")
        city = next(
            (
                i
                for i, p in enumerate(extraction.places)
                if p.kind == "city" and places.get(i) and p.end <= header[0][1]
            ),
            None,
        )
        where = places.get(city) if city is not None else None
    for enc in encounters:
        if where and enc.kind == "Meeting" and enc.place is None and enc.date in (day, day - timedelta(days=1)):
            enc.place, enc.place_kind = where, kind  # "PARIS, Jan. 20 -- X met Y yesterday"


def _meet_where_the_day_was(encounters: list[_Encounter]) -> None:
    """A meeting told with no place, on a day one of its people met others in one city: there too ("In Tokyo,
    X met the Defence Minister. X also called on Prime Minister Y")."""
    in_a_city: dict[date, list[_Encounter]] = defaultdict(list)  # by day
    for enc in encounters:
        if enc.kind == "Meeting" and enc.place_kind == "city" and enc.date is not None:
            in_a_city[enc.date].append(enc)
    for enc in encounters:
        if enc.kind != "Meeting" or enc.place is not None or enc.date is None:
            continue
        cities = {o.place for o in in_a_city.get(enc.date, ()) if set(o.participants) & set(enc.participants)}
        if len(cities) == 1:
            enc.place, enc.place_kind = cities.pop(), "city"


def _speaks_of_self(extraction: Extraction, sentence: int, before: int) -> bool:
    """Whether the sentence says "I" or "we" before the character ``before``: the one it attributes to took part."""
    sent = extraction.sentences[sentence]
    return FIRST_PERSON.search(extraction.article.text, sent.start, max(sent.start, before)) is not None


def _pairs(enc: _Encounter) -> list[tuple[str, str]]:
    people = sorted(enc.participants)
    return [(a, b) for k, a in enumerate(people) for b in people[k + 1 :]]


def _discussed(
    extraction: Extraction,
    out: Resolved,
    key: str,
    enc: _Encounter,
    treaties: dict[int, str],
    treaties_in: dict[int, list[int]],
    named_in: set[int],
) -> None:
    """``discusses`` facts: the treaties named in the sentence of an encounter, or (less sure, and only in a
    story of one encounter: ``named_in`` is then the sentences naming its participants) in a sentence naming
    one of its participants ("Mattis reaffirmed Article 5...")."""
    found: dict[str, tuple[int, float]] = {}
    for i in sorted({i for sentence in {*enc.sentences, *named_in} for i in treaties_in.get(sentence, ())}):
        treaty = treaties[i]
        sentence = extraction.treaties[i].sentence
        if sentence in enc.sentences:
            confidence = min(enc.confidence, 0.7)
        elif sentence in named_in:
            confidence = min(enc.confidence, 0.5)
        else:
            continue
        if treaty not in found or found[treaty][1] < confidence:
            found[treaty] = (sentence, confidence)
    for treaty, (sentence, confidence) in sorted(found.items()):
        out.fact(key, "discusses", Ref(treaty), sentence, confidence)


def _joins(last: _Encounter, joining: _Encounter) -> bool:
    """Whether an encounter told by "joined" ("Y, chargé d'affaires, joined X for the meeting") is someone
    joining the meeting told just before: one of its people was at it (or the encounter is told as joining
    "the meeting": "The Minister joined the discussion"), within two sentences, same place or none, and no
    other day."""
    return (
        last.kind == joining.kind == "Meeting"
        and (
            joining.joins
            or (
                any(t.lower().startswith("joined") for t in joining.triggers)
                and bool(set(last.participants) & set(joining.participants))
            )
        )
        and 0 <= joining.sentences[0] - last.sentences[-1] <= 2
        # one told only as joining "the meeting" is at no other place than the meeting's, if it had one
        and (joining.place is None or joining.place == last.place or last.place is None)
        and (joining.date is None or last.date is None or joining.date == last.date)
    )


def _one_by_one(enc: _Encounter) -> list[_Encounter]:
    """ "X met with A, B and C in Tokyo today. ... In his meeting with A, ...": one who met several, told later
    as meeting one of them alone, met each of them in turn: a meeting of X and each."""
    if len(enc.participants) < 3 or not enc.one_of:
        return [enc]
    hub = set.intersection(*enc.one_of)
    # the one who met them, named first (the subject who "met with A, B and C")
    center = next((p for p in enc.participants if p in hub), None)
    if center is None:
        return [enc]
    return [
        replace(
            enc,
            participants={center: enc.participants[center], other: sentence},
            sentences=list(enc.sentences),
            triggers=set(enc.triggers),
            one_of=[],
        )
        for other, sentence in enc.participants.items()
        if other != center
    ]


def _joined_each(encounters: list[_Encounter], joining: _Encounter) -> list[int]:
    """The meetings a plural "the meetings were attended by X" joins: those of the sentences just before, on
    its day (or none), when the trigger is plural; else none."""
    if not any(re.fullmatch(r"meetings|talks|discussions", t, re.IGNORECASE) for t in joining.triggers):
        return []
    first = joining.sentences[0]
    return [
        k
        for k, e in enumerate(encounters)
        if e.kind == "Meeting"
        and 0 <= first - e.sentences[-1] <= 6
        and (joining.date is None or e.date in (None, joining.date))
    ]


def _same_encounter(a: _Encounter, b: _Encounter) -> bool:
    if a.kind != b.kind or b.follows:
        return False
    shared = set(a.participants) & set(b.participants)
    if len(shared) < 2:
        return False
    if (
        set(a.sentences) & set(b.sentences)
        and not a.triggers & b.triggers
        and set(a.participants) != set(b.participants)
    ):
        return False  # "X met A, B and C, and signed an agreement with C": each verb its own encounter
    if set(a.participants) - shared and set(b.participants) - shared and not (a.whole or b.whole):
        return False  # "X and Y met Z" and later "X, with Y, met W": two of a day's meetings, each with its guest
    if a.place and b.place and a.place != b.place and not (a.whole or b.whole):
        return False  # the same people in Tokyo and in New Delhi met twice
    if a.date and b.date:
        return a.date == b.date
    if _within(a.date, b.days) or _within(b.date, a.days):
        return True  # "X visited Peru Dec. 11-14 and met President Y" and "On Dec. 12, X met Y"
    if (a.date or a.dated) and (b.date or b.dated):
        return False
    if (a.dated and not a.date) or (b.dated and not b.date):
        return not (a.date or b.date) and a.place == b.place
    return True


def _within(day: date | None, days: tuple[date, date] | None) -> bool:
    return day is not None and days is not None and days[0] <= day <= days[1]


def _merge(a: _Encounter, b: _Encounter) -> None:
    for p, sentence in b.participants.items():
        a.participants.setdefault(p, sentence)
    if b.place and (
        a.place is None or PLACE_SPECIFICITY.get(b.place_kind or "", 9) < PLACE_SPECIFICITY.get(a.place_kind or "", 9)
    ):
        a.place, a.place_kind = b.place, b.place_kind
    a.date = a.date or b.date
    a.dated = a.dated or b.dated
    a.days = None if a.date else a.days or b.days
    a.sentences.extend(b.sentences)
    a.triggers |= b.triggers
    a.confidence = min(1.0, max(a.confidence, b.confidence) + 0.1)
