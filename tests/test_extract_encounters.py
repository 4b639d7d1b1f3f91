"""Encounters (kg.extract.encounters): what kind of encounter each clause states, who took part, where."""

from __future__ import annotations

from datetime import date

import pytest
from extract_context import PUBLISHED, encounters_in

from kg.model import EncounterMention, PersonMention, PlaceMention

pytestmark = pytest.mark.model


def encounters(text: str) -> tuple[list[EncounterMention], list[PersonMention], list[PlaceMention]]:
    _, found, people, places = encounters_in(text)
    return found, people, places


def test_a_meeting_with_its_participants_and_place() -> None:
    (meeting,), people, places = encounters(
        "Australia's Minister for Defence Richard Marles met Japanese Defense Minister Minoru Kihara in Tokyo."
    )
    assert meeting.kind == "Meeting"
    assert [people[i].name for i in meeting.participants] == ["Richard Marles", "Minoru Kihara"]
    assert places[meeting.place].name == "Tokyo"


def test_each_clause_states_its_own_encounter() -> None:
    found, _, _ = encounters(
        "Defense Secretary Lloyd Austin did not meet Defense Minister Minoru Kihara on Monday, but will meet him "
        "next week. The two leaders spoke by phone on Tuesday."
    )
    assert [e.kind for e in found] == ["NegatedMeeting", "PlannedMeeting", "PhoneCall"]
    assert found[0].participants == found[1].participants == (0, 1)


def test_a_group_takes_part_in_place_of_named_people() -> None:
    found, _, _ = encounters("The two leaders held talks by video link on Tuesday.")
    (call,) = found
    assert (call.kind, call.participants, call.group) == ("VideoCall", (), 2)


def test_here_is_the_dateline_s_place() -> None:
    (meeting,), _, places = encounters(
        "TOKYO — Defense Secretary Lloyd Austin met Japanese Defense Minister Minoru Kihara here today."
    )
    assert places[meeting.place].name == "Tokyo"


def test_no_encounter_without_a_trigger_or_people() -> None:
    assert encounters("Defense Secretary Lloyd Austin praised the alliance.")[0] == []
    assert encounters("A summit was held.")[0] == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Secretary of State Antony Blinken spoke with Japanese Foreign Minister Yoko Kamikawa today.", "PhoneCall"),
        ("Secretary of State Antony Blinken spoke with Japanese Foreign Minister Yoko Kamikawa in Tokyo today.",
         "Meeting"),
        ("Secretary of State Antony Blinken spoke with Japanese Foreign Minister Yoko Kamikawa on the sidelines of "
         "the summit.", "Meeting"),
    ],
)  # fmt: skip
def test_spoke_with_and_nowhere_is_a_call(text: str, kind: str) -> None:
    (encounter,), _, _ = encounters(text)
    assert encounter.kind == kind


def test_each_verb_of_meeting_with_its_own_sides_is_its_own_encounter() -> None:
    found, people, _ = encounters(
        "Prime Minister Ana Lindqvist arrived in Singapore on Monday. She called on President Tomas Berg and met "
        "Prime Minister Ivo Maran."
    )
    assert [(e.kind, [people[i].name for i in e.participants]) for e in found] == [
        ("Meeting", ["Ana Lindqvist", "Tomas Berg"]),
        ("Meeting", ["Ana Lindqvist", "Ivo Maran"]),
    ]


def test_a_name_set_off_after_a_counterpart_is_the_counterpart_and_each_verb_keeps_its_day() -> None:
    found, people, _ = encounters(
        "Gen. Tom Ridley met yesterday with his Norwegian counterpart, Gen. Ana Lindqvist and other officers as "
        "part of his first day in the country, and meets today with Gen. Ivo Maran, chief of defence."
    )
    assert [([people[i].name for i in e.participants], e.date) for e in found] == [
        (["Tom Ridley", "Ana Lindqvist"], date(2024, 5, 22)),
        (["Tom Ridley", "Ivo Maran"], date(2024, 5, 23)),
    ]


def test_office_calls_with_several_are_a_meeting_each_on_the_day_of_the_visit_there() -> None:
    found, people, places = encounters(
        "Adm. Tom Ridley welcomed Chief of the Navy Adm. Ana Lindqvist to the Pentagon on May 20. While at the "
        "Pentagon Lindqvist attended a symposium and conducted office calls with Commandant of the Coast Guard "
        "Adm. Ivo Maran and Deputy Assistant Secretary of Defense Lea Horn."
    )
    assert [
        ([people[i].name for i in e.participants], places[e.place].name if e.place is not None else None, e.date)
        for e in found
    ] == [
        (["Tom Ridley", "Ana Lindqvist"], "Pentagon", date(2024, 5, 20)),
        (["Lindqvist", "Ivo Maran"], "Pentagon", date(2024, 5, 20)),
        (["Lindqvist", "Lea Horn"], "Pentagon", date(2024, 5, 20)),
    ]
    assert {e.kind for e in found} == {"Meeting"}  # an office call is made in person


def test_the_high_representative_is_a_role_in_a_meeting() -> None:
    (meeting,), people, _ = encounters("The High Representative and Minister Ana Lindqvist last met in Kyiv.")
    assert [(people[i].name, people[i].role) for i in meeting.participants] == [
        ("", "high representative"),
        ("Ana Lindqvist", None),
    ]


def test_discussions_with_named_people_are_a_meeting() -> None:
    (meeting,), people, _ = encounters(
        "In Sarajevo, Gen. Tom Ridley's engagements included discussions with President Ana Lindqvist and Defense "
        "Minister Ivo Maran."
    )
    assert [people[i].name for i in meeting.participants] == ["Tom Ridley", "Ana Lindqvist", "Ivo Maran"]


def test_held_discussions_in_a_sentence_split_off_after_its_subject_is_the_subjects_meeting() -> None:
    found, people, _ = encounters(
        "Norway's Minister of Defense Ana Lindqvist visited U.S. Southern Command (SOUTHCOM) May 5, 2024, and "
        "held discussions with SOUTHCOM commander, U.S. Navy Adm. Tom Ridley, and command leaders."
    )
    assert [([people[i].name for i in e.participants], e.date) for e in found] == [
        (["Ana Lindqvist", "Tom Ridley"], date(2024, 5, 5))
    ]


def test_a_caption_of_two_who_sign_is_their_meeting_and_the_photographer_is_not_in_it() -> None:
    found, people, _ = encounters(
        "Photo By Cpl. Ed Fox | Maj. Gen. Tom Ridley, Adjutant General of Illinois, and Norwegian Lt. Gen. Ana "
        "Lindqvist sign the agreement on May 20 at the Norwegian Ministry of Defence in Oslo."
    )
    assert [([people[i].name for i in e.participants], e.kind) for e in found] == [
        (["Tom Ridley", "Ana Lindqvist"], "Meeting")
    ]
    assert encounters("Tom Ridley and Ana Lindqvist see signs of progress in the negotiations.")[0] == []


def test_where_the_subject_is_visiting_is_where_the_meeting_was() -> None:
    (meeting,), _, places = encounters(
        "On May 20, Ms. ROE Jane, Minister for Foreign Affairs of Norway, who is visiting Washington, D.C., held a "
        "meeting with Hon. Ana Lindqvist, Secretary for Foreign Affairs of Sweden."
    )
    assert places[meeting.place].name == "Washington, D.C."


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Ana Lindqvist and Foreign Minister Tomas Berg conferred about the P5+1 talks with Iran.",
        "Foreign Minister Ana Lindqvist and Foreign Minister Tomas Berg welcomed the signing of the Fisheries Treaty.",
    ],
)
def test_talks_spoken_about_and_a_signing_welcomed_are_no_meeting_of_those_who_speak(text: str) -> None:
    found, _, _ = encounters(text)
    assert [e for e in found if e.kind == "Meeting"] == []


def test_a_titled_name_after_the_verb_is_met_however_the_parse_hangs_it() -> None:
    found, people, _ = encounters(
        "Secretary General Ana Lindqvist arrived on Monday. During her visit, the Secretary General also met the "
        "Assistant to the President and National Security Advisor, Ambassador Tom Ridley."
    )
    assert any("Tom Ridley" in {people[i].name for i in e.participants} for e in found)


def test_one_verb_of_meeting_keeps_all_the_people_of_its_clause() -> None:
    (meeting,), people, _ = encounters(
        "Defence Minister Ana Lindqvist met with President Tomas Berg, Chief of Defence Force Gen. Ivo Maran and "
        "Foreign Minister Lea Horn in Valletta."
    )
    assert [people[i].name for i in meeting.participants] == ["Ana Lindqvist", "Tomas Berg", "Ivo Maran", "Lea Horn"]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Foreign Minister Ana Lindqvist welcomed Foreign Minister Tomas Berg to Oslo.", ["Meeting"]),
        ("Foreign Minister Ana Lindqvist welcomed the progress Foreign Minister Tomas Berg reported.", []),
        ("Foreign Minister Ana Lindqvist received a briefing from Foreign Minister Tomas Berg's staff.", []),
        ("Foreign Minister Ana Lindqvist called on President Tomas Berg in Oslo.", ["Meeting"]),
        ("Foreign Minister Ana Lindqvist called on President Tomas Berg to release the prisoners.", []),
    ],
)
def test_verbs_of_greeting_and_calling_on_meet_people_not_things(text: str, kinds: list[str]) -> None:
    found, _, _ = encounters(text)
    assert [e.kind for e in found if len(e.participants) >= 2] == kinds


def test_a_meeting_with_no_day_in_a_story_of_today_is_of_today() -> None:
    found, _, _ = encounters(
        "Foreign Minister Ana Lindqvist arrived in Oslo today for two days of talks. Later, Minister Lindqvist met "
        "Prime Minister Tomas Berg at his residence."
    )
    assert [(e.kind, e.date) for e in found if len(e.participants) == 2] == [("Meeting", PUBLISHED)]


def test_a_meeting_goes_on_in_the_place_of_the_sentence_it_continues() -> None:
    found, _, places = encounters(
        "Prime Minister Ana Lindqvist received a ceremonial welcome at the Istana on Monday. She called on "
        "President Tomas Berg."
    )
    (meeting,) = [e for e in found if e.kind == "Meeting"]
    assert places[meeting.place].name == "Istana"
    assert meeting.date == date(2024, 5, 20)


def test_the_next_summit_is_planned() -> None:
    found, _, _ = encounters(
        "Prime Minister Ana Lindqvist and Prime Minister Tomas Berg agreed to prepare for the next summit."
    )
    assert [e.kind for e in found] == ["PlannedMeeting"]


def test_he_is_the_subject_of_the_sentence_before_not_the_last_name() -> None:
    found, people, _ = encounters(
        "WARSAW, May 23 — General Ana Lindqvist met at the ministry with her counterpart, General Tomas Berg, and "
        "Defence Minister Ivo Maran today. She paid a visit later in the day to Prime Minister Lea Horn."
    )
    visit = found[-1]
    assert [people[i].name for i in visit.participants] == ["Ana Lindqvist", "Lea Horn"]
    assert visit.place is None  # later in the day: not at the ministry


def test_a_place_in_an_official_s_title_is_not_where_the_meeting_was() -> None:
    (meeting,), _, places = encounters(
        "Defense Secretary Alan Brooks and Vietnamese Defense Minister Tran Van Minh met today in Hanoi, Pentagon "
        "chief spokesperson Dana Hill said."
    )
    assert places[meeting.place].name == "Hanoi"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Foreign Minister Ana Lindqvist and Foreign Minister Tomas Berg concurred to hold the next Ministerial "
         "Meeting in Oslo within the year.", "PlannedMeeting"),
        ("Foreign Minister Ana Lindqvist and Foreign Minister Tomas Berg confirmed they would begin consultations "
         "on a new agreement.", "PlannedMeeting"),
        ("Foreign Minister Ana Lindqvist was able to sit down with Foreign Minister Tomas Berg in Davos.", "Meeting"),
        ("Foreign Minister Ana Lindqvist and Foreign Minister Tomas Berg would build on the outcomes of the Summit "
         "held in Oslo last year.", "Meeting"),
        ("Foreign Minister Ana Lindqvist and Foreign Minister Tomas Berg agreed the summit in Bergen would cement "
         "their relationship.", "PlannedMeeting"),
        ("Foreign Minister Ana Lindqvist and Foreign Minister Tomas Berg held a summit in Bergen. It will be "
         "followed by a dinner.", "Meeting"),
        ("Foreign Minister Ana Lindqvist and Foreign Minister Tomas Berg discussed preparations for the Summit in "
         "Oslo in July.", "PlannedMeeting"),
    ],
)  # fmt: skip
def test_a_meeting_to_come_by_the_parse(text: str, kind: str) -> None:
    (encounter,), _, _ = encounters(text)
    assert encounter.kind == kind


def test_held_a_named_dialogue_with_a_guest_in_a_city_is_a_meeting_there() -> None:
    (meeting,), people, places = encounters(
        "On May 20, Foreign Minister Ana Lindqvist held the 9th Norway-India Strategic Dialogue in Oslo with Dr. "
        "Ravi Menon, Minister of External Affairs of India."
    )
    assert meeting.kind == "Meeting" and places[meeting.place].name == "Oslo"
    assert [people[i].name for i in meeting.participants] == ["Ana Lindqvist", "Ravi Menon"]


def test_a_summit_takes_the_place_of_the_clause_that_describes_it() -> None:
    found, _, places = encounters(
        "The ministers will build on the outcomes of the Annual Summit held in New Delhi in March last year between "
        "Prime Minister Ana Lindqvist and Prime Minister Ravi Menon."
    )
    summit = next(e for e in found if e.kind == "Meeting")
    assert places[summit.place].name == "New Delhi"


def test_a_visit_goes_on_at_the_palace_of_its_welcome() -> None:
    found, people, places = encounters(
        "Prime Minister Ana Lindqvist received a ceremonial welcome at the Istana this morning. She then called on "
        "President Tomas Berg, and later met Prime Minister Ivo Maran."
    )
    got = [([people[i].name for i in e.participants], places[e.place].name) for e in found if e.kind == "Meeting"]
    assert got == [(["Ana Lindqvist", "Tomas Berg"], "Istana"), (["Ana Lindqvist", "Ivo Maran"], "Istana")]


def test_met_separately_with_two_is_two_meetings_of_the_day_and_place_told_before() -> None:
    found, people, places = encounters(
        "Foreign Secretary Ana Lindqvist made a visit to Baghdad on Monday. In her meeting with Prime Minister Omar "
        "Haddad, Ms. Lindqvist praised the new government. Lindqvist also met separately with President Karim Aziz "
        "and with Speaker Salim Nouri."
    )
    last = [e for e in found if e.sentence == 2]
    assert [sorted(people[i].name for i in e.participants) for e in last] == [
        ["Karim Aziz", "Lindqvist"],
        ["Lindqvist", "Salim Nouri"],
    ]
    assert {(places[e.place].name, e.date) for e in last} == {("Baghdad", date(2024, 5, 20))}


def test_a_plan_to_do_something_else_is_no_planned_meeting() -> None:
    (meeting,), _, _ = encounters(
        "In his meeting with Prime Minister Omar Haddad, Secretary Tom Ridley welcomed a plan to create new units."
    )
    assert meeting.kind == "Meeting"


def test_a_time_in_a_relative_clause_is_not_the_meeting_s() -> None:
    found, _, _ = encounters(
        "Defense Secretary Alan Brooks and Defense Minister Tran Van Minh met today in Hanoi. The two leaders "
        "held talks on the plan of action agreed upon in October."
    )
    # the second takes the day of the first and merges with it; "in October" would have kept them apart
    assert [(e.kind, e.date, e.dated) for e in found] == [("Meeting", PUBLISHED, True)] * 2


def test_a_meeting_that_will_focus_on_something_is_planned() -> None:
    (planned,), _, _ = encounters(
        "The foreign minister's meeting with Secretary for Foreign Affairs Ana Reyes will focus on trade."
    )
    assert planned.kind == "PlannedMeeting"


def test_a_caption_s_place_and_day_carry_to_the_meeting_it_tells() -> None:
    found, _, places = encounters(
        "Lt. Gen. Ana Lindqvist and Lt. Gen. Tomas Berg stand with their staff at the Marine Corps Headquarters, "
        "Oslo, March 9, 2023. The two Marine Corps leaders met to discuss training on the Korean Peninsula."
    )
    (meeting,) = [e for e in found if e.kind == "Meeting"]
    assert (meeting.group, places[meeting.place].name, meeting.date) == (
        2,
        "Marine Corps Headquarters",
        date(2023, 3, 9),
    )


def test_what_a_meeting_discussed_to_come_does_not_make_it_planned() -> None:
    (meeting,), _, _ = encounters(
        "Secretary General Ana Lindqvist met with Secretary of State Tom Ridley on Thursday to discuss "
        "preparations for upcoming ministerials."
    )
    assert meeting.kind == "Meeting"


def test_a_meeting_named_to_set_the_time_gives_way_to_what_the_clause_tells() -> None:
    found, _, _ = encounters(
        "Following their meeting, Secretary Tom Ridley and Defence Minister Ana Lindqvist signed a new agreement."
    )
    assert [found[0].kind, found[0].end - found[0].start] == ["Meeting", len("signed")]


def test_later_in_the_day_is_the_day_of_the_meeting_told_before() -> None:
    found, _, _ = encounters(
        "Defence Minister Ravi Menon held talks with Secretary Tom Ridley at the Pentagon on Monday. The two sides "
        "exchanged views on the region. Later in the day, Menon called on Ambassador Ana Lindqvist in Washington."
    )
    assert [e.date for e in found] == [date(2024, 5, 20)] * 2


def test_a_caption_s_handshake_dates_the_meeting_it_shows() -> None:
    found, _, places = encounters(
        "Adm. Tom Ridley, commander of U.S. Southern Command, shakes hands with Brig. Gen. Ivo Maran, commander of "
        "the Belize Defence Force, at Price Barracks, Belize, Nov. 14, 2025."
    )
    (meeting,) = found
    assert (meeting.kind, places[meeting.place].name, meeting.date) == ("Meeting", "Price Barracks", date(2025, 11, 14))


def test_taking_part_in_a_ceremony_together_is_meeting_where_the_verb_says() -> None:
    (meeting,), people, places = encounters(
        "Later in the day, Gen. Ana Lindqvist and Maj. Gen. Tom Ridley, the Joint Force Headquarters commanding "
        "general, participated in a wreath-laying ceremony at Arlington National Cemetery."
    )
    assert [people[i].name for i in meeting.participants] == ["Ana Lindqvist", "Tom Ridley"]
    assert places[meeting.place].name == "Arlington National Cemetery"


def test_a_verb_of_meeting_whose_sides_name_no_one_met_is_no_meeting() -> None:
    found, _, _ = encounters(
        "Sgt. Maj. Tom Ridley accompanied Gen. Ana Lindqvist on the two-day trip, which included several stops to "
        "meet with host nation military leaders."
    )
    assert found == []


def test_they_met_on_a_day_is_still_a_meeting() -> None:
    (meeting,), _, _ = encounters(
        "President Ana Lindqvist and Prime Minister Tomas Berg agreed to open talks when they met in Manila on Nov. 3."
    )
    assert meeting.kind == "Meeting" and meeting.participants == (0, 1)


def test_one_who_joined_the_ministers_joins_their_meeting() -> None:
    found, people, _ = encounters(
        "Minister Ana Lindqvist met with Latvia's Minister of Defence, Andris Berzins, at the forum. Chief of the "
        "Defence Staff Gen. Tom Ridley joined the Ministers for the meeting."
    )
    joined = found[-1]
    assert [people[i].name for i in joined.participants] == ["Tom Ridley"]
    assert (joined.group, joined.group_is_object) == (2, True)


def test_in_a_readout_of_a_call_what_the_two_discussed_is_said_on_the_call() -> None:
    text = (
        "Readout of the President's Call with Prime Minister Tomas Berg\n\n"
        "President Ana Lindqvist spoke today with Prime Minister Tomas Berg. The two leaders welcomed the talks "
        "on a ceasefire in the region."
    )
    found, _, _ = encounters(text)
    assert {e.kind for e in found} == {"PhoneCall"}


def test_during_the_meeting_tells_of_the_meeting_just_told() -> None:
    found, _, _ = encounters(
        "Later, Minister Ravi Menon called on Prime Minister Ken Sato. During the meeting, Minister Menon praised the "
        "friendship between Prime Minister Sato and Prime Minister Ana Lindqvist."
    )
    assert [e.sentence for e in found] == [0]


def test_the_topic_of_talks_is_no_side_of_them() -> None:
    (meeting,), people, _ = encounters("Minister Ana Lindqvist held talks on trade with General Tomas Berg in Oslo.")
    assert [people[i].name for i in meeting.participants] == ["Ana Lindqvist", "Tomas Berg"]


def test_a_title_calling_for_something_is_no_readout_of_a_call() -> None:
    found, _, _ = encounters(
        "Leaders Call for Ceasefire\n\nPresident Ana Lindqvist and Prime Minister Tomas Berg held talks in Oslo."
    )
    assert [e.kind for e in found] == ["Meeting"]


def test_a_noun_of_meeting_names_its_sides_after_of() -> None:
    found, people, _ = encounters(
        "The Foreign Secretary and Jane Roe were briefed by John Doe on the meeting of Prime Minister Karl Stern "
        "and European Commission President Ursula von der Leyen in Brussels yesterday."
    )
    met = [sorted(people[i].name for i in e.participants) for e in found]
    assert ["Karl Stern", "Ursula von der Leyen"] in met
    assert not any("John Doe" in m and "Karl Stern" in m for m in met)


def test_a_meeting_of_a_body_is_of_the_people_the_clause_names() -> None:
    found, people, _ = encounters(
        "Under Secretary Ann Brook and Deputy Secretary of Defense Will Lane sign an agreement at the conclusion of "
        "a meeting of the Bilateral Defense Acquisition Committee in the Pentagon on Feb. 1, 2011."
    )
    assert [sorted(people[i].name for i in e.participants) for e in found] == [["Ann Brook", "Will Lane"]]


def test_meetings_held_with_a_list_are_one_meeting_of_all() -> None:
    (meeting,), people, _ = encounters(
        "While in Japan, Mr Peters held meetings with Prime Minister Kishida, Chief Cabinet Secretary Yoshimasa "
        "Hayashi, and Defence Minister Minoru Kihara."
    )
    assert [people[i].name for i in meeting.participants] == ["Peters", "Kishida", "Yoshimasa Hayashi", "Minoru Kihara"]


def test_a_place_that_says_whose_people_are_is_not_where_they_met() -> None:
    found, _, places = encounters(
        "Mr Peters attended the summit hosted by Prime Minister Fumio Kishida, and held meetings with Foreign "
        "Minister Jane Roe and the leaders of Fiji, Samoa and French Polynesia."
    )
    assert found and all(e.place is None or places[e.place].name != "French Polynesia" for e in found)


def test_a_place_after_of_is_where_they_met_when_it_names_no_people() -> None:
    (meeting,), _, places = encounters(
        "Gen. Martin Dale greeted Gen. Shigeru Iwata on the steps of the National Defense University today."
    )
    assert places[meeting.place].name == "National Defense University"


def test_a_clause_about_one_of_the_people_keeps_its_place_and_day_to_itself() -> None:
    found, people, places = encounters(
        "The Foreign Minister and Jane Roe were joined by John Doe, who updated them on the meeting of Prime "
        "Minister Karl Stern and European Commission President Ursula von der Leyen in Brussels yesterday."
    )
    by_people = {frozenset(people[i].name for i in e.participants): e for e in found}
    joined = by_people[frozenset({"Jane Roe", "John Doe"})]
    told = by_people[frozenset({"Karl Stern", "Ursula von der Leyen"})]
    assert (joined.place, joined.date) == (None, None)
    assert (places[told.place].name, told.date) == ("Brussels", date(2024, 5, 22))


def test_a_caption_of_one_calling_on_another_is_a_meeting() -> None:
    (meeting,), people, places = encounters(
        "General Tran Van Minh calling on Minister of State for Defence Mr Kamal Salleh at the Ministry of Defence on "
        "2 December 2025."
    )
    assert [people[i].name for i in meeting.participants] == ["Tran Van Minh", "Kamal Salleh"]
    assert (places[meeting.place].name, meeting.date) == ("Ministry of Defence", date(2025, 12, 2))


def test_a_call_on_a_day_is_no_courtesy_call() -> None:
    found, _, _ = encounters(
        "The decision followed a telephone call on Jan. 26 in which President Joe Biden and Russian President "
        "Vladimir Putin agreed to finish the extension quickly."
    )
    assert not any(e.kind == "Meeting" for e in found)


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Ulf Berg handed over the instrument of accession to Secretary of State Anne Blake at the "
        "State Department on Thursday.",
        "Ambassador Jane Roe presented her credentials to President Joko Widada at the Merdeka Palace on Thursday.",
    ],
)
def test_handing_something_over_to_someone_is_meeting_them(text: str) -> None:
    (meeting,), _, places = encounters(text)
    assert meeting.kind == "Meeting" and len(meeting.participants) == 2
    assert places[meeting.place].kind == "building"


def test_welcoming_someone_to_a_city_sends_no_one_there() -> None:
    (meeting,), people, _ = encounters("Prime Minister Ana Lind welcomed President Joe Rand to Brussels on Monday.")
    assert sorted(people[i].name for i in meeting.participants) == ["Ana Lind", "Joe Rand"]


def test_a_meeting_shortly_after_arriving_is_on_the_day_of_the_arrival() -> None:
    (meeting,), _, _ = encounters(
        "Secretary of State Andrew Whitmore landed in Astana yesterday afternoon on the first stop of his trip. "
        "Shortly after arriving in Astana, the Secretary sat down with Kazakh Foreign Minister Yerlan Abdikov at "
        "the Ministry of Foreign Affairs."
    )
    assert meeting.date == date(2024, 5, 22)


def test_earlier_in_the_day_is_the_day_of_the_meeting_told_before() -> None:
    found, people, _ = encounters(
        "On May 20, Foreign Minister Kenta Oka held a meeting at the Iikura Guest House with Secretary Ramon Villa. "
        "Earlier in the day, Secretary Villa paid a courtesy call on Prime Minister Mariko Saito."
    )
    call = next(e for e in found if any(people[i].name == "Mariko Saito" for i in e.participants))
    assert call.date == date(2024, 5, 20)


def test_an_audience_with_a_monarch_is_a_meeting() -> None:
    (meeting,), people, _ = encounters(
        "Singapore's Minister for Foreign Affairs Vivian Bala has an audience with Sultan of Brunei Hassan Bakar on "
        "March 22."
    )
    assert sorted(people[i].name for i in meeting.participants) == ["Hassan Bakar", "Vivian Bala"]


def test_he_in_a_list_meeting_is_the_one_the_sentence_before_is_about() -> None:
    (meeting,), people, _ = encounters(
        "Gen. John Kelso returned to his headquarters this week after a visit to Peru. There, he met with President "
        "Ollanta Humo, Vice Defense Minister Mario Sanz and Peruvian Chief of Defense Adm. Jose Cueva."
    )
    assert people[meeting.participants[0]].name in {"John Kelso", "Kelso"}
    assert len(meeting.participants) == 4


def test_a_meeting_with_no_place_is_where_the_sentence_before_went() -> None:
    found, _, places = encounters(
        "Secretary Jane Kerr then traveled to Paris, France. She met with French Foreign Minister Luc Fabre and UK "
        "Foreign Secretary Will Hale on Monday."
    )
    (meeting,) = [e for e in found if e.kind == "Meeting"]
    assert places[meeting.place].name == "Paris"


def test_a_caption_s_bracketed_dateline_gives_its_meeting_place_and_day() -> None:
    (meeting,), people, places = encounters(
        "Courtesy Photo | SPLIT, Croatia (May 2, 2024) -- U.S. Army Gen. Jane Roe, commander of U.S. European "
        "Command, is greeted by Croatia's Chief of Defence, General Ivo Kos."
    )
    assert [people[i].name for i in meeting.participants] == ["Jane Roe", "Ivo Kos"]
    assert (places[meeting.place].name, meeting.date) == ("SPLIT", date(2024, 5, 2))


def test_the_place_a_story_is_filed_from_is_not_where_its_visit_was() -> None:
    (meeting,), _, _ = encounters(
        "MIAMI – Gen. Jane Roe, commander of U.S. Southern Command, visited Peru and met with President Ana Peña."
    )
    assert meeting.place is None


def test_the_leaders_of_two_delegations_met_where_and_when_their_dialogue_was_held() -> None:
    (meeting,), people, places = encounters(
        "1. On May 14, the 3rd Norway-Chile Defense Dialogue was held in Oslo, Norway.\n"
        "2. The Norwegian delegation was led by Mr. BERG Ola, Director General for Security Policy, and the Chile "
        "delegation was led by Ms. Ana Soto, Assistant Secretary for International Affairs. They exchanged views."
    )
    assert [(people[i].name, people[i].nation) for i in meeting.participants] == [
        ("BERG Ola", "NOR"),
        ("Ana Soto", "CHL"),
    ]
    assert (places[meeting.place].name, meeting.date) == ("Oslo", date(2024, 5, 14))


def test_talks_named_as_a_process_are_no_meeting() -> None:
    found, _, _ = encounters(
        "Secretary Ana Soto and Minister Ola Berg expressed support for the resumption of the Six-Party Talks."
    )
    assert found == []


def test_an_item_of_a_programme_by_the_hour_is_planned() -> None:
    found, people, _ = encounters(
        "Minister Ana Lindqvist will visit Oslo.\nFriday, 14 June\n"
        "09:30 Joint press conference by Minister Ana Lindqvist and Minister Ola Berg\n"
    )
    assert [(e.kind, [people[i].name for i in e.participants]) for e in found] == [
        ("PlannedMeeting", ["Ana Lindqvist", "Ola Berg"])
    ]


def test_who_a_clause_of_time_names_did_not_meet_and_just_concluded_is_today() -> None:
    (meeting,), people, _ = encounters(
        "DEPUTY SECRETARY ANA LINDQVIST: Vice Foreign Minister Ola Berg and I just concluded our second meeting "
        "since President Tom Hale took office."
    )
    assert [people[i].name for i in meeting.participants] == ["Ana Lindqvist", "Ola Berg"]
    assert meeting.date == PUBLISHED


def test_two_who_take_part_in_a_press_conference_met() -> None:
    (meeting,), people, _ = encounters(
        "Defense Secretary Ana Soto, left, and Fijian Prime Minister Ola Berg participate in a press conference "
        "in Suva, Fiji, July 27, 2023."
    )
    assert [people[i].name for i in meeting.participants] == ["Ana Soto", "Ola Berg"]


def test_and_on_another_day_starts_a_clause_of_its_own() -> None:
    found, _, _ = encounters(
        "On May 21, Foreign Minister Ana Soto attended a dinner hosted by Foreign Minister Ola Berg, and on May 22 "
        "the two foreign ministers held a Foreign Ministers' Meeting in Oslo."
    )
    assert [e.date for e in found] == [date(2024, 5, 21), date(2024, 5, 22)]
