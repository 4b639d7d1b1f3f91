"""Speakers (kg.extract.speakers): who "I" is in a transcript or a statement, and the encounters it joins."""

from __future__ import annotations

import pytest
from extract_context import context, encounters_in

from kg.extract.people import find_people
from kg.extract.speakers import speaker_turns

pytestmark = pytest.mark.model

STATEMENT = (
    "Minister for the Armed Forces Jane Holt said:\n\n"
    "I was delighted to welcome Secretary Tom Ridley on his first visit to the UK.\n\n"
    "QUESTION: Will the talks go on?\n\n"
    "I do not know.\n"
)


def test_a_turn_runs_from_its_label_to_the_next() -> None:
    ctx = context(STATEMENT)
    people = find_people(ctx)
    turns = speaker_turns(ctx, people)
    first, second = turns.items
    assert people[first[2]].name == "Jane Holt"
    assert second[2] is None  # "QUESTION:" names no one
    assert first[1] == second[0]


def test_i_in_a_turn_is_its_speaker() -> None:
    _, (meeting,), people, _ = encounters_in(STATEMENT)
    assert [people[i].name for i in meeting.participants] == ["Jane Holt", "Tom Ridley"]


def test_each_encounter_of_a_sentence_takes_the_time_of_its_own_verb() -> None:
    text = (
        "DEFENCE MINISTER, JANE HOLT: Last year, we signed the Defence Cooperation Agreement, which I signed with my "
        "then counterpart, now President Budi Santoso, and this morning I had a good meeting with my new "
        "counterpart, Minister Agus Wirawan."
    )
    ctx, found, people, _ = encounters_in(text)
    got = {people[e.participants[-1]].name: (e.date, e.dated) for e in found}
    assert got["Budi Santoso"] == (None, True)  # last year
    assert got["Agus Wirawan"] == (ctx.anchor, True)  # this morning


def test_welcoming_him_here_in_a_turn_is_a_meeting_of_the_day() -> None:
    text = (
        "SECRETARY ROE: Thank you all. I am grateful to Foreign Minister Ivan Petrov for traveling here on short "
        "notice. I'm delighted to welcome him here to the embassy residence in Rome.\n"
    )
    ctx, found, people, _ = encounters_in(text)
    assert [(sorted(people[i].name for i in e.participants), e.date) for e in found] == [
        (["Ivan Petrov", "Roe"], ctx.anchor)
    ]


def test_a_meeting_in_a_turn_is_where_the_speaker_says_they_are() -> None:
    text = (
        "DEFENCE MINISTER, JANE HOLT: It is good to be here in Jakarta again. This morning I had a good meeting "
        "with my counterpart, Minister Agus Wirawan.\n"
    )
    _, found, _, places = encounters_in(text)
    (meeting,) = found
    assert places[meeting.place].name == "Jakarta"


def test_a_transcript_of_a_joint_appearance_is_a_meeting_of_its_speakers_at_its_venue() -> None:
    text = (
        "Press Availability With Prime Minister Ana Lindqvist\n\n"
        "Tom Ridley\nSecretary of State\nPremier House\nWellington, New Zealand\nMay 23, 2024\n\n"
        "PRIME MINISTER LINDQVIST: Good morning, and welcome. We had a good talk on trade.\n\n"
        "SECRETARY RIDLEY: Thank you, Ana. It is good to be back.\n"
    )
    ctx, found, people, places = encounters_in(text)
    joint = [e for e in found if e.whole]
    assert [(sorted({people[i].name for i in e.participants}), places[e.place].name, e.date) for e in joint] == [
        (["Ana Lindqvist", "Lindqvist", "Ridley", "Tom Ridley"], "Premier House", ctx.anchor)
    ]


def test_a_transcript_of_remarks_at_a_meeting_is_a_meeting_of_its_speakers() -> None:
    text = (
        "Remarks by Secretary Ridley at an Honor Cordon and Meeting Welcoming Minister Lindqvist to the Pentagon\n\n"
        "SECRETARY OF DEFENSE TOM RIDLEY: Well, Minister, it is great to have you here.\n\n"
        "NORWAY MINISTER OF DEFENCE ANA LINDQVIST: Thank you, Tom.\n"
    )
    ctx, found, people, places = encounters_in(text)
    joint = [e for e in found if e.whole]
    assert [({people[i].name for i in e.participants} >= {"Tom Ridley", "Ana Lindqvist"}, e.date) for e in joint] == [
        (True, ctx.anchor)
    ]
    assert places[joint[0].place].name == "Pentagon"


def test_a_transcript_of_one_speaker_is_no_meeting() -> None:
    text = "Remarks Before Their Meeting\n\nSECRETARY RIDLEY: Thank you all for coming today.\n"
    _, found, _, _ = encounters_in(text)
    assert [e for e in found if e.whole] == []


def test_the_other_side_of_a_joint_press_conference_may_be_named_only_in_the_address() -> None:
    text = (
        "Release content\n22 August 2025\n\n"
        "JANE ROE, DEPUTY PRIME MINISTER: It has been an honour to be here in Manila today with my good friend, the "
        "Secretary of National Defense, Carlos Mendoza. Carlos and I have met often.\n"
    )
    url = "https://www.minister.defence.gov.au/transcripts/2025-08-22/joint-press-conference-carlos-mendoza-secretary"
    _, found, people, _ = encounters_in(text, source=url)
    (joint,) = [e for e in found if e.whole]
    assert {people[i].name for i in joint.participants} == {"Jane Roe", "Carlos Mendoza"}


def test_a_courtesy_title_and_a_family_name_in_capitals_label_a_speaker() -> None:
    text = (
        "Press Conference by Foreign Minister\n\n"
        "Ms. KAMIKAWA Yoko, Minister for Foreign Affairs: I will take part in the General Assembly this week.\n\n"
        "Today, Secretary of State Anne Blake of the United States and I held our first meeting in person following "
        "our telephone meeting last week.\n"
    )
    _, found, people, _ = encounters_in(text)
    met = [e for e in found if e.kind == "Meeting" and len(e.participants) == 2]
    assert [sorted(people[i].name for i in e.participants) for e in met] == [["Anne Blake", "Kamikawa Yoko"]]
