"""The extract and resolve rules end to end, on short articles written for these tests.

These load the trained spaCy model (marker ``model``).
"""

from __future__ import annotations

import pytest
from graph_views import meetings, official, officials

import kg

pytestmark = pytest.mark.model


def rows(graph, query_name: str, /, **params) -> list[dict]:
    return kg.query(graph, query_name, **params)


def test_title_nation_and_surname_coreference() -> None:
    g = kg.build(
        "Indian Defense Minister Rajnath Singh met Philippine Foreign Secretary Enrique Manalo in Manila today.\n\n"
        "Singh said the talks were productive.",
        published="2024-03-05",
    )
    singh = official(g, "Rajnath Singh")
    assert "Singh" in singh["name"]
    assert singh["nation"] == {"IND"}
    assert any("Defense Minister" in t for t in singh["title"])
    assert official(g, "Enrique Manalo")["nation"] == {"PHL"}
    assert len(officials(g)) == 2


def test_possessive_nation_and_of_nation_after_the_name() -> None:
    g = kg.build(
        "Canada's Defence Minister Bill Blair and Prime Minister Fumio Kishida of Japan spoke to reporters.",
        published="2024-03-05",
    )
    assert official(g, "Bill Blair")["nation"] == {"CAN"}
    assert official(g, "Fumio Kishida")["nation"] == {"JPN"}


def test_organization_gives_the_nation() -> None:
    g = kg.build("Pentagon spokesman Maj. Gen. Pat Ryder said the drills would continue.", published="2024-03-05")
    ryder = official(g, "Pat Ryder")
    assert ryder["nation"] == {"USA"}
    assert any("spokesman" in t for t in ryder["title"])


def test_meeting_with_place_and_relative_date() -> None:
    g = kg.build(
        "Defense Secretary Lloyd Austin hosted Polish Defense Minister Wladyslaw Kosiniak-Kamysz at the Pentagon "
        "on Monday.",
        published="2024-03-06",
    )
    [meeting] = meetings(g)
    assert {"Lloyd Austin", "Wladyslaw Kosiniak-Kamysz"} <= meeting["people"]
    assert meeting["place"] == {"Pentagon"}
    assert meeting["date"] == {"2024-03-04"}


@pytest.mark.parametrize(
    "sentence",
    [
        "President Emmanuel Macron spoke by phone with Chancellor Olaf Scholz on Monday.",
        "President Emmanuel Macron held a video call with Chancellor Olaf Scholz on Monday.",
        "President Emmanuel Macron will meet Chancellor Olaf Scholz in Berlin next week.",
        "President Emmanuel Macron did not meet Chancellor Olaf Scholz in Berlin on Monday.",
    ],
)
def test_calls_plans_and_negations_are_not_meetings(sentence: str) -> None:
    g = kg.build(sentence, published="2024-03-06")
    assert meetings(g) == []


def test_a_meeting_told_twice_is_one_meeting() -> None:
    g = kg.build(
        "Foreign Minister Penny Wong met Indonesian Foreign Minister Retno Marsudi in Jakarta today.\n\n"
        "Foreign Minister Penny Wong, left, speaks with Indonesian Foreign Minister Retno Marsudi in Jakarta, "
        "Feb. 7, 2024.",
        published="2024-02-07",
    )
    [meeting] = meetings(g)
    assert meeting["date"] == {"2024-02-07"}
    assert meeting["place"] == {"Jakarta"}


def test_places_with_their_country() -> None:
    g = kg.build(
        "Marines trained at Camp Lejeune and at Kadena Air Base on Okinawa before sailing into the South China Sea.",
        published="2024-03-06",
    )
    places = {r["name"]: r["country"] for r in rows(g, "places")}
    assert places.get("Kadena Air Base") == "JPN"
    assert places.get("Okinawa") == "JPN"
    assert "South China Sea" in places and places["South China Sea"] is None
    nations = {r["iso3"] for r in rows(g, "nations")}
    assert "CHN" not in nations  # a country name inside a place name is no mention of the country


def test_treaty_short_and_long_names_are_one_treaty() -> None:
    g = kg.build(
        "The ministers discussed the Enhanced Defense Cooperation Agreement, or EDCA, signed by the United States "
        "and the Philippines. EDCA sites will grow.",
        published="2024-03-06",
    )
    treaties: dict[str, set] = {}
    for r in rows(g, "treaties"):
        treaties.setdefault(r["treaty"], set()).add(r["name"])
    assert len(treaties) == 1
    [names] = treaties.values()
    assert {"Enhanced Defense Cooperation Agreement", "EDCA"} <= names


def test_agreements_of_one_name_between_different_nations_are_different_treaties() -> None:
    def treaty(text: str) -> tuple[str, set[str]]:
        found = rows(kg.build(text, published="2024-03-06"), "treaties")
        assert len({r["treaty"] for r in found}) == 1, found
        return found[0]["treaty"], {r["party"] for r in found}

    mou = "the Memorandum of Understanding on Coast Guard Cooperation"
    india_france = treaty(f"India and France signed {mou} in New Delhi.")
    japan_philippines = treaty(f"Japan and the Philippines signed {mou} in Manila.")
    france_india = treaty(f"France and India renewed {mou} in Paris.")
    assert india_france[1] == {"IND", "FRA"} and japan_philippines[1] == {"JPN", "PHL"}
    assert india_france[0] != japan_philippines[0]
    assert france_india[0] == india_france[0]  # the same parties: the same agreement
    # A treaty the data file knows is one treaty, whichever of its parties an article names.
    nato = [treaty(f"{n} reaffirmed its commitment to the North Atlantic Treaty.") for n in ("Canada", "Poland")]
    assert nato[0][0] == nato[1][0]


def test_nations_from_abbreviations_and_demonyms() -> None:
    g = kg.build("U.S. and ROK troops met Filipino sailors and British officers.", published="2024-03-06")
    assert {r["iso3"] for r in rows(g, "nations")} >= {"USA", "KOR", "PHL", "GBR"}


def test_every_fact_traces_to_its_sentence() -> None:
    text = "Defense Secretary Lloyd Austin met Japanese Defense Minister Minoru Kihara in Tokyo today."
    g = kg.build(text, published="2024-07-28")
    traced = [r for r in rows(g, "entity", name="Minoru Kihara") if r["sentence"]]
    assert traced, "no fact about Kihara carries its sentence"
    for row in traced:
        assert row["sentence"] == text
        assert text[int(row["begin"]) : int(row["end"])] == row["sentence"]
        assert 0 < float(row["confidence"]) <= 1


def test_building_twice_gives_the_same_graph() -> None:
    from rdflib.compare import isomorphic

    text = "President Joe Biden hosted Kenyan President William Ruto at the White House on Thursday."
    assert isomorphic(kg.build(text, published="2024-05-23"), kg.build(text, published="2024-05-23"))
