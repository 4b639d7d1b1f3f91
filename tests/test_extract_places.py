"""Places (kg.extract.places): places the gazetteer knows, names shaped like places, capitals and the dateline,
with their kind and country; and what is no place (a capital standing for its government, a place in a
title)."""

from __future__ import annotations

import pytest
from extract_context import context

from kg.extract.people import find_people
from kg.extract.places import find_places
from kg.extract.treaties import find_treaties
from kg.model import PersonMention, PlaceMention

pytestmark = pytest.mark.model


def places(text: str, published=None) -> list[PlaceMention]:
    ctx = context(text) if published is None else context(text, published)
    return find_places(ctx, find_people(ctx), find_treaties(ctx))


def test_kinds_and_countries_of_places() -> None:
    text = "Marines trained at Camp Blaz on Guam near the South China Sea."
    found = {p.name: (p.kind, p.country) for p in places(text)}
    assert found == {
        "Camp Blaz": ("base", "USA"),
        "Guam": ("island", "USA"),
        "South China Sea": ("body_of_water", None),
    }


def test_a_place_shaped_name_the_gazetteer_does_not_know_takes_the_country_named_near_it() -> None:
    (base,) = places("Troops arrived at Camp Ruritania in Poland.")
    assert (base.name, base.kind, base.country) == ("Camp Ruritania", "base", "POL")
    assert base.confidence < 0.75  # less sure than a place the gazetteer knows


def test_a_capital_that_stands_for_its_government_is_no_place() -> None:
    assert places("Beijing says the drills are a provocation.") == []


def test_a_place_in_a_title_is_no_place() -> None:
    assert [p.name for p in places("Pentagon spokesman John Kirby spoke in Siem Reap, Cambodia.")] == ["Siem Reap"]


def test_a_nation_s_capital() -> None:
    (manila,) = places("The ministers met in the Philippine capital.")
    assert (manila.name, manila.country) == ("Manila", "PHL")


def test_the_dateline_place() -> None:
    tokyo = places("TOKYO — Defense Secretary Lloyd Austin met Japanese Defense Minister Minoru Kihara here today.")[0]
    assert (tokyo.name, tokyo.start, tokyo.confidence) == ("Tokyo", 0, 0.9)


def test_a_place_takes_the_country_the_text_gives_after_it() -> None:
    """The gazetteer's Clark lies in the U.S.; "Clark, Philippines" is another."""
    [clark] = [
        p for p in places("The ministers signed the memorandum in Clark, Philippines, on Friday.") if p.name == "Clark"
    ]
    assert (clark.country, clark.geonames) == ("PHL", None)


def test_houses_residences_memorials_and_gardens_are_buildings() -> None:
    found = {
        p.name: p
        for p in places("Marles met Shapps at Parliament House and laid a wreath at the National War Memorial.")
    }
    assert found["Parliament House"].kind == "building"
    assert found["National War Memorial"].kind == "building"


def test_a_small_town_abroad_is_a_place_where_the_text_says_they_met_in_it() -> None:
    assert "Davos" in {p.name for p in places("Tillerson met Iraqi Prime Minister Haider al-Abadi in Davos.")}


def test_a_ministry_named_after_at_is_its_building() -> None:
    found = {p.name: p for p in places("Blinken met Foreign Minister Penny Wong at the State Department.")}
    assert (found["State Department"].kind, found["State Department"].country) == ("building", "USA")


def test_a_ministry_named_after_at_and_a_nations_word_is_that_nations_building() -> None:
    found = {p.name: p for p in places("Roe and Doe met on Jan. 12 at the Portuguese Ministry of Defense in Lisbon.")}
    assert (found["Ministry of Defense"].kind, found["Ministry of Defense"].country) == ("building", "PRT")


def test_universities_colleges_galleries_and_airbases_are_places() -> None:
    found = {
        p.name: p.kind
        for p in places(
            "The minister visited Oxford University, Trinity College and the National Gallery on Monday, then flew "
            "to Bodø Airbase."
        )
    }
    assert found == {
        "Oxford University": "building",
        "Trinity College": "building",
        "National Gallery": "building",
        "Bodø Airbase": "base",
    }


def test_a_headlines_verb_is_no_part_of_the_place_after_it() -> None:
    found = {p.name for p in places("Secretary of the Navy Visits Souda Bay, India and Naples\n\nHe met sailors.")}
    assert {"Souda Bay", "Naples"} <= found
    assert not any("Visits" in name for name in found)


def test_a_region_one_can_point_at_is_a_place_and_a_broad_one_is_not() -> None:
    found = {p.name for p in places("The drills near the Korean Peninsula worry Southeast Asia and Europe alike.")}
    assert found == {"Korean Peninsula"}
    (antarctica,) = places("Scientists from both nations work together in Antarctica.")
    assert (antarctica.name, antarctica.country) == ("Antarctica", None)


def test_an_unknown_building_lies_where_the_place_named_right_after_it_lies() -> None:
    found = {p.name: p.country for p in places("The ministers dined at the Villa Verde Hotel in Madrid.")}
    assert found["Villa Verde Hotel"] == "ESP"
    header = places(
        "Joint Press Conference\nForeign Secretary\nHarbourview House\nAuckland, New Zealand\n\nGood morning."
    )
    assert {p.name: p.country for p in header}["Harbourview House"] == "NZL"  # a name never spans two lines


def test_an_unknown_base_lies_where_the_known_place_in_its_sentence_lies_before_a_nation_named_later() -> None:
    found = {p.name: p.country for p in places("Marles flew to Darwin to visit Camp Ruritania with Japanese officers.")}
    assert found["Camp Ruritania"] == "AUS"


def test_every_mention_of_an_unknown_place_takes_the_country_of_its_best_placed_mention() -> None:
    found = places("Troops arrived at Camp Ruritania on Monday. Polish engineers built Camp Ruritania in 2019.")
    assert [(p.name, p.country) for p in found] == [("Camp Ruritania", "POL"), ("Camp Ruritania", "POL")]


def test_a_capitalized_preposition_and_a_full_stop_are_no_part_of_a_place_name() -> None:
    found = places("At the Ruritania Air Base in Poland, pilots trained. Later they flew to Camp Humphreys.")
    assert {p.name for p in found} == {"Ruritania Air Base", "Camp Humphreys"}


def test_rooms_buildings_barracks_training_areas_and_dams_are_places() -> None:
    found = {
        p.name: p.kind
        for p in places(
            "Blinken welcomed the minister to the Treaty Room. Troops drilled at Kingsford Barracks and at the "
            "Marlow Training Area, then guarded Vellmar Dam. Reporters waited in the Press Hall, Old Annex Bldg."
        )
    }
    assert found["Treaty Room"] == "building"
    assert found["Kingsford Barracks"] == "base"
    assert found["Marlow Training Area"] == "base"
    assert found["Vellmar Dam"] == "building"
    assert found["Old Annex Bldg."] == "building"


def test_a_known_place_after_a_preposition_of_place_is_a_place_even_where_taken_for_a_name() -> None:
    found = {p.name: p.country for p in places("Last month the admiral flew to La Macarena to meet local commanders.")}
    assert found.get("La Macarena") == "COL"


def test_a_name_after_a_title_or_the_surname_of_a_person_named_in_full_is_no_place() -> None:
    """Even where the people rule family found no person there."""
    assert [p.name for p in find_places(context("Secretary of State Kerry spoke to reporters in Paris."), [], [])] == [
        "Paris"
    ]
    text = "Gen. Laura Richardson landed in Bogota. Officers gave a medal to Richardson."
    ctx = context(text)
    laura = PersonMention("Laura Richardson", text.index("Laura"), text.index(" landed"), 0, rank="Gen.")
    assert [p.name for p in find_places(ctx, [laura], [])] == ["Bogota"]


def test_a_building_takes_the_country_given_after_the_town_named_after_it() -> None:
    found = {p.name: p.country for p in places("The two met at the Fleet Headquarters, Baran, Republic of Korea.")}
    assert found["Fleet Headquarters"] == "KOR"


def test_every_mention_of_a_known_place_takes_its_longest_name() -> None:
    found = places("Troops trained at Shoalwater Bay Training Area. Later the minister spoke at Shoalwater Bay.")
    assert [p.name for p in found] == ["Shoalwater Bay Training Area", "Shoalwater Bay Training Area"]


def test_a_place_that_begins_a_longer_name_with_of_is_no_place() -> None:
    found = {
        p.name for p in places("Veterans met Members of the House of Representatives at the Reunion of Honor in Paris.")
    }
    assert found == {"Paris"}


def test_a_port_or_gulf_of_a_place_lies_where_that_place_lies() -> None:
    found = {p.name: p.country for p in places("Ships will sail between the Port of Tauranga and the Port of Manila.")}
    assert found == {"Port of Tauranga": "NZL", "Port of Manila": "PHL"}


def test_an_ocean_that_names_the_lands_around_it_or_qualifies_a_noun_is_no_place() -> None:
    text = "Allies on both sides of the Atlantic discussed North Atlantic security. Ships crossed the Pacific Ocean."
    assert [p.name for p in places(text)] == ["Pacific Ocean"]


def test_a_dateline_that_opens_a_later_line_names_a_place() -> None:
    text = (
        "Ministers meet in the capital this week.\n\n"
        "HANOI – Vietnam will host talks with Australia on maritime security.\n\n"
        "NAVAL STATION ROTA, Spain – Sailors from both navies trained together on Monday."
    )
    found = {p.name: p.country for p in places(text)}
    assert found["Hanoi"] == "VNM"
    assert found["Naval Station Rota"] == "ESP"


def test_a_known_place_followed_by_its_nation_is_a_place_inside_a_longer_name() -> None:
    found = {
        p.name: p.country for p in places("The talks at U.S. European Command Stuttgart, Germany, ended on Friday.")
    }
    assert found.get("Stuttgart") == "DEU"


def test_a_place_takes_the_nation_named_after_its_province() -> None:
    [clark] = [p for p in places("The ministers met in Clark, Pampanga, Philippines, on Friday.") if p.name == "Clark"]
    assert clark.country == "PHL"


def test_a_ministry_someone_visited_is_its_building_but_not_in_a_heading() -> None:
    found = {p.name: p for p in places("The general visited the Ministry of Defense for talks with Japanese officers.")}
    assert found["Ministry of Defense"].kind == "building"
    heading = "Weekly review\n\nThis week at the Foreign Office\n\nNews from the ministry and its embassies overseas."
    assert "Foreign Office" not in {p.name for p in places(heading)}


def test_every_mention_of_a_name_is_the_place_the_text_says_it_lies_in() -> None:
    text = (
        "Navy News\n\nVENICE (Oct. 5, 2022) The admiral attends the symposium.\n\n"
        "Today, the admiral met his British counterpart in Venice, Italy, at the Seapower Symposium."
    )
    found = [(p.name, p.country) for p in places(text)]
    assert found == [("Venice", "ITA"), ("Venice", "ITA")]  # the dateline, then the body


@pytest.mark.parametrize("event", ["Seapower Symposium", "Halifax Security Forum", "Pacific Summit"])
def test_an_event_is_no_place(event: str) -> None:
    assert [p.name for p in places(f"The two ministers met on Friday at the {event} in Sydney.")] == ["Sydney"]


@pytest.mark.parametrize(
    ("building", "country"),
    [
        ("Iveagh House", "IRL"),
        ("the Akorda", "KAZ"),
        ("the Beehive", "NZL"),
        ("Rideau Hall", "CAN"),
        ("the Naval Observatory", "USA"),
    ],
)
def test_seats_of_government_are_known_buildings(building: str, country: str) -> None:
    found = places(f"The two ministers met at {building} on Tuesday.")
    assert [(p.kind, p.country) for p in found] == [("building", country)]


@pytest.mark.parametrize(
    "text",
    [
        "Both sides welcomed the Indo-Pacific Strategy Report (IPSR) and the efforts described in IPSR.",
        "In regards to the East and South China Seas, both sides shared concerns.",
    ],
)
def test_an_abbreviation_or_a_direction_is_no_place(text: str) -> None:
    assert places(text) == []


def test_a_capital_named_with_city_is_its_country_s() -> None:
    assert [(p.name, p.country) for p in places("The commander met the president in Djibouti City on Tuesday.")] == [
        ("Djibouti City", "DJI")
    ]


def test_a_ministry_building_lies_in_the_nation_the_sentence_is_set_in() -> None:
    text = (
        "In the Philippines upon the invitation of Secretary Ana Cruz, Japan's Defense Minister Ken Sato was "
        "received at the Department of National Defense on Monday."
    )
    found = {p.name: p.country for p in places(text)}
    assert found["Department of National Defense"] == "PHL"


def test_the_commonwealth_of_nations_is_no_place_though_a_district_bears_its_name() -> None:
    text = (
        "The leaders met at the Commonwealth Heads of Government Meeting and discussed the future of the Commonwealth."
    )
    assert [p.name for p in places(text)] == []


def test_here_in_a_ministry_is_its_building() -> None:
    text = "MINISTER ANA SOTO: Tom, I am very happy to welcome you here in the Ministry of Defense."
    assert [(p.name, p.kind) for p in places(text)] == [("Ministry of Defense", "building")]


def test_a_dateline_s_city_and_district_in_capitals_are_one_place() -> None:
    text = "October 12, 2023\nWASHINGTON, D.C., — Spokesperson Ana Soto provided the following readout."
    assert [(p.name, p.country) for p in places(text)] == [("Washington, D.C.", "USA")]


def test_an_office_set_off_by_commas_is_no_town_of_its_name() -> None:
    text = (
        "His Excellency Kofi Mensah met with U.S. Marine Corps Gen. Michael E. Langley, Commander, U.S. Africa "
        "Command, at Jubilee House."
    )
    assert [p.name for p in places(text)] == ["Jubilee House"]
