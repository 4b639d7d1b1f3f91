"""One or more tests per rule family of extract and resolve, on short sentences written for these tests.

Families: coreference, offices, the nation an official serves, encounters, dates, places, treaties, links to
Wikidata and GeoNames, and the confidence threshold. These load the trained spaCy model (marker ``model``).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from graph_views import meetings, official, officials
from rdflib import Literal, URIRef

import kg

pytestmark = pytest.mark.model

PREFIXES = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
GEONAMES = re.compile(r"https://sws\.geonames\.org/\d+/")


# -- helpers ------------------------------------------------------------------------------------------------
def build(text: str, published: str | None = "2024-05-23", **kwargs):
    return kg.build(text, published=published, **kwargs)


def select(graph, query: str, **bindings) -> list[tuple]:
    """Rows of a SPARQL SELECT over the graph, as tuples of Python strings (None when unbound)."""
    init = {k: v if isinstance(v, URIRef) else Literal(v) for k, v in bindings.items()}
    return [
        tuple(None if v is None else str(v) for v in row) for row in graph.query(PREFIXES + query, initBindings=init)
    ]


def encounters(graph) -> list[dict[str, set]]:
    """Every kg:Encounter (meetings, calls, planned and negated meetings) with its types, canonical participant
    and place names, dates and CAMEO codes."""
    out: dict[str, dict[str, set]] = {}
    for e, t in select(graph, "SELECT ?e ?t WHERE { ?e a kg:Encounter, ?t . FILTER (?t != kg:Encounter) }"):
        out.setdefault(e, {k: set() for k in ("type", "people", "place", "date", "cameo")})["type"].add(
            t.rsplit("#", 1)[-1]
        )
    for e, entry in out.items():
        q = "SELECT ?v WHERE { ?e kg:participant/kg:name ?v }"
        entry["people"] = {v for (v,) in select(graph, q, e=_iri(e))}
        entry["place"] = {v for (v,) in select(graph, "SELECT ?v WHERE { ?e kg:place/kg:name ?v }", e=_iri(e))}
        entry["date"] = {v[:10] for (v,) in select(graph, "SELECT ?v WHERE { ?e kg:date ?v }", e=_iri(e))}
        entry["cameo"] = {v for (v,) in select(graph, "SELECT ?v WHERE { ?e kg:cameoCode ?v }", e=_iri(e))}
    return list(out.values())


def _iri(value: str) -> URIRef:
    return URIRef(value)


def the_encounter(graph) -> dict[str, set]:
    found = encounters(graph)
    assert len(found) == 1, f"expected one encounter, got {found}"
    return found[0]


def places(graph) -> dict[str, str | None]:
    """Place name or alias -> ISO3 of its country (None when unbound)."""
    return {r["name"]: r["country"] for r in kg.query(graph, "places")}


def treaties(graph) -> list[dict[str, set]]:
    out: dict[str, dict[str, set]] = {}
    for r in kg.query(graph, "treaties"):
        entry = out.setdefault(r["treaty"], {"name": set(), "party": set()})
        entry["name"].add(r["name"])
        if r["party"]:
            entry["party"].add(r["party"])
    return list(out.values())


def offices_of(graph, name: str) -> set[str]:
    q = "SELECT ?o WHERE { ?p a kg:Official ; kg:name ?n ; kg:holdsOffice ?o . FILTER (STR(?n) = ?name) }"
    return {o for (o,) in select(graph, q, name=name)}


def same_as(graph, node: str) -> set[str]:
    return {v for (v,) in select(graph, "SELECT ?v WHERE { ?s owl:sameAs ?v }", s=_iri(node))}


# -- 1. coreference -----------------------------------------------------------------------------------------
def test_full_name_then_surname_is_one_official() -> None:
    g = build(
        "Dutch Defense Minister Ruben Brekelmans toured a frigate in Den Helder on Tuesday.\n\n"
        "Brekelmans told the crew that the navy would get two new submarines."
    )
    people = officials(g)
    assert len(people) == 1, people
    assert {"Ruben Brekelmans", "Brekelmans"} <= official(g, "Ruben Brekelmans")["name"]


def test_a_short_form_of_one_person_s_given_name_is_that_person() -> None:
    g = build(
        "Defence Minister Thomas Reid spoke after Foreign Minister Richard Hale. When Tom and I met in Perth, we "
        "agreed, Hale said."
    )
    assert len(officials(g)) == 2, officials(g)
    assert "Tom" in official(g, "Thomas Reid")["name"]


def test_a_full_name_with_a_short_given_name_is_the_person_named_in_full() -> None:
    g = build(
        "SECRETARY OF DEFENSE JIM MATTIS: Thank you all for coming.\n\n"
        "MINISTER ANA ROCHA: Thank you, Secretary James N. Mattis, for the welcome."
    )
    assert {"Jim Mattis", "James N. Mattis"} <= official(g, "James N. Mattis")["name"]
    assert len(officials(g)) == 2, officials(g)


def test_a_short_form_two_people_could_bear_stands_for_neither() -> None:
    g = build(
        "Defence Minister Thomas Reid spoke after Foreign Minister Thomas Hale. When Tom and I met in Perth, we "
        "agreed, Hale said."
    )
    assert not any("Tom" in o["name"] for o in officials(g).values())


def test_a_titled_family_name_inside_a_full_name_is_that_official() -> None:
    g = build(
        "Singapore's President Tony Tan Keng Yam received the visiting prime minister at the Istana.\n\n"
        "President Tan said the two countries shared a long friendship."
    )
    assert len(officials(g)) == 1, officials(g)
    assert "Tan" in official(g, "Tony Tan Keng Yam")["name"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Defense Secretary Lloyd Austin landed in Manila on Monday.\n\n"
            "The secretary said the alliance had never been stronger.",
            "the secretary",
        ),
        (
            "Japanese Foreign Minister Yoko Kamikawa arrived in Canberra on Sunday.\n\n"
            "The minister said Japan would deepen its ties with Australia.",
            "the minister",
        ),
    ],
)
def test_title_reference_is_not_a_new_official(text: str, role: str) -> None:
    people = officials(build(text))
    assert len(people) == 1, f"{role!r} made another official: {people}"


def test_the_two_leaders_are_the_two_named_before() -> None:
    g = build(
        "President Joe Biden and Australian Prime Minister Anthony Albanese arrived at the White House on "
        "Wednesday.\n\n"
        "The two leaders met in the Oval Office on Thursday."
    )
    [meeting] = meetings(g)
    assert meeting["people"] >= {"Joe Biden", "Anthony Albanese"}, meeting


def test_he_met_x_is_a_meeting_with_the_official_named_before() -> None:
    g = build(
        "Defense Secretary Lloyd Austin arrived in Jakarta on Sunday.\n\n"
        "He met Indonesian Defense Minister Prabowo Subianto on Monday."
    )
    [meeting] = meetings(g)
    assert {"Lloyd Austin", "Prabowo Subianto"} <= meeting["people"], meeting


def test_given_name_alone_is_the_same_official() -> None:
    g = build(
        "Foreign Minister Amina Yusuf of Kenya met Indian Foreign Minister Subrahmanyam Jaishankar in "
        "Nairobi on Monday.\n\n"
        "Amina said the two countries would expand naval cooperation."
    )
    people = officials(g)
    assert len(people) == 2, people
    assert "Amina" in official(g, "Amina Yusuf")["name"]


# -- 2. offices ---------------------------------------------------------------------------------------------
def test_two_wordings_of_one_office_share_the_office_node() -> None:
    g = build(
        "Australian Defence Minister Richard Marles and former Australian Minister of Defense Linda Reynolds "
        "spoke at a conference in Canberra on Tuesday."
    )
    marles, reynolds = offices_of(g, "Richard Marles"), offices_of(g, "Linda Reynolds")
    assert marles and marles == reynolds, f"Marles holds {marles}, Reynolds {reynolds}"
    [(nation,)] = select(g, "SELECT ?c WHERE { ?o kg:officeOf/kg:iso3 ?c }", o=_iri(next(iter(marles))))
    assert nation == "AUS"


@pytest.mark.parametrize(
    "text",
    [
        "Defense Secretary Ash Carter met then-Prime Minister Malcolm Turnbull of Australia in Sydney.",
        "Defense Secretary Ash Carter met then-Australian Prime Minister Malcolm Turnbull in Sydney.",
    ],
)
def test_then_is_not_part_of_the_title(text: str) -> None:
    turnbull = official(build(text), "Malcolm Turnbull")
    assert turnbull["title"] == {"Prime Minister"}
    assert turnbull["nation"] == {"AUS"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gen. Charles Q. Brown Jr. spoke to troops in Qatar on Friday.", "Charles Q. Brown Jr."),
        ("Pentagon spokeswoman Navy Cmdr. Jessica McNulty said the exercise would continue.", "Jessica McNulty"),
        ("Air Force Maj. Gen. Pat Ryder told reporters the strike was lawful.", "Pat Ryder"),
    ],
)
def test_ranks_are_not_part_of_the_name(text: str, name: str) -> None:
    names = official(build(text), name)["name"]
    ranked = {n for n in names if re.search(r"\b(?:Gen\.|Cmdr\.|Maj\.|Navy|Air Force)", n)}
    assert not ranked, f"a rank went into the name: {names}"


# -- 3. the nation an official serves ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name", "iso3"),
    [
        ("Kenyan Foreign Minister Musalia Mudavadi arrived in Washington on Monday.", "Musalia Mudavadi", "KEN"),
        ("Brazil's Defense Minister José Múcio toured the shipyard on Monday.", "José Múcio", "BRA"),
        ("President Gabriel Boric of Chile addressed the assembly on Monday.", "Gabriel Boric", "CHL"),
        ("Pentagon spokesman John Kirby said the drills were routine.", "John Kirby", "USA"),
        ("State Department spokesperson Matthew Miller said the talks were useful.", "Matthew Miller", "USA"),
    ],
)
def test_nation_served(text: str, name: str, iso3: str) -> None:
    assert official(build(text), name)["nation"] == {iso3}


def test_counterpart_serves_the_named_nation_with_the_hosts_title() -> None:
    g = build("Defense Secretary Lloyd Austin met his Indian counterpart, Rajnath Singh, in New Delhi on Monday.")
    singh = official(g, "Rajnath Singh")
    assert singh["nation"] == {"IND"}
    assert singh["title"] == official(g, "Lloyd Austin")["title"] == {"Defense Secretary"}


def test_nato_secretary_general_serves_no_nation() -> None:
    g = build(
        "NATO Secretary General Mark Rutte met Defense Secretary Pete Hegseth in Brussels on Thursday to discuss "
        "U.S. troops in Europe."
    )
    rutte = official(g, "Mark Rutte")
    assert rutte["nation"] == set()
    assert any(t.endswith("Secretary General") for t in rutte["title"]), rutte["title"]
    assert official(g, "Pete Hegseth")["nation"] == {"USA"}


@pytest.mark.parametrize(
    ("text", "name", "iso3"),
    [
        (
            "Japanese Foreign Minister Yoko Kamikawa and Defense Minister Minoru Kihara met U.S. officials in "
            "Tokyo on Monday.",
            "Minoru Kihara",
            "JPN",
        ),
        (
            "Philippine Defense Secretary Gilberto Teodoro and Defense Secretary Lloyd Austin signed a U.S. aid "
            "package in Manila on Friday.",
            "Lloyd Austin",
            "USA",
        ),
    ],
)
def test_parallel_titles_share_a_nation_only_for_different_offices(text: str, name: str, iso3: str) -> None:
    assert official(build(text), name)["nation"] == {iso3}


def test_unqualified_title_serves_the_dateline_nation_the_story_is_about() -> None:
    g = build(
        "NAIROBI, Kenya, March 3 — Defense Secretary Peter Kamau met Ugandan Defense Minister Jacob Oboth "
        "here today.\n\n"
        "Kenya and Uganda will hold joint patrols along their border, Kamau said.",
        published="2025-03-03",
    )
    assert official(g, "Peter Kamau")["nation"] == {"KEN"}
    assert official(g, "Jacob Oboth")["nation"] == {"UGA"}


# -- 4. encounters ------------------------------------------------------------------------------------------
def test_three_way_meeting_has_three_participants() -> None:
    g = build(
        "Defense Secretary Lloyd Austin, Japanese Defense Minister Minoru Kihara and Australian Defence "
        "Minister Richard Marles met in Honolulu on Saturday."
    )
    [meeting] = meetings(g)
    assert meeting["people"] >= {"Lloyd Austin", "Minoru Kihara", "Richard Marles"}, meeting


def test_a_series_of_meetings_gives_its_day_and_place_to_each_and_one_may_join_a_meeting() -> None:
    g = build(
        "The Minister of National Defence, Ana Lindqvist, held several bilateral meetings at the security forum "
        "on May 20 in Halifax. Gen. Tom Ridley, the Chief of Defence Staff, met with Adm. Ivo Maran, Commander "
        "of the Navy of Norway, to discuss shared interests. The Minister of National Defence joined the "
        "discussion. Minister Lindqvist, along with General Ridley, met with Lea Horn, the Ambassador to the "
        "United States, to discuss defence ties."
    )
    found = sorted(
        (sorted(m["people"] & {"Ana Lindqvist", "Tom Ridley", "Ivo Maran", "Lea Horn"}), m["place"], m["date"])
        for m in meetings(g)
    )
    assert found == [
        (["Ana Lindqvist", "Ivo Maran", "Tom Ridley"], {"Halifax"}, {"2024-05-20"}),
        (["Ana Lindqvist", "Lea Horn", "Tom Ridley"], {"Halifax"}, {"2024-05-20"}),
    ]


def test_a_series_holds_neither_for_a_meeting_in_the_past_perfect_nor_far_after_it() -> None:
    g = build(
        "The Minister of National Defence, Ana Lindqvist, held several bilateral meetings at the forum on May 20 in "
        "Halifax. In 2019, she had met Gen. Tom Ridley, the Chief of Defence of Norway, in Oslo."
    )
    (meeting,) = meetings(g)
    assert (meeting["place"], meeting["date"]) == ({"Oslo"}, set())


def test_those_who_joined_the_talks_somewhere_else_did_not_join_the_meeting_told_before() -> None:
    g = build(
        "Defence Minister Tom Ridley met Defence Minister of Norway Ana Lindqvist. Iran's Foreign Minister Ivo Maran "
        "and Russia's Foreign Minister Lea Horn joined the talks in Vienna."
    )
    assert not any({"Tom Ridley", "Ivo Maran"} <= m["people"] for m in meetings(g))


def test_those_present_in_the_meeting_told_before_were_at_it() -> None:
    g = build(
        "Defence Minister Tom Ridley held talks with Defence Minister of Norway Ana Lindqvist in Oslo on Monday. "
        "Chief of Defence Staff General Ivo Maran, Defence Secretary Lea Horn and other officials were also present "
        "in the meeting."
    )
    (meeting,) = meetings(g)
    assert meeting["people"] >= {"Tom Ridley", "Ana Lindqvist", "Ivo Maran", "Lea Horn"}


def test_sidelines_of_a_summit_take_the_summits_city() -> None:
    g = build(
        "President Joe Biden met Turkish President Recep Tayyip Erdogan on the sidelines of the G20 summit in "
        "Rome on Sunday."
    )
    [meeting] = meetings(g)
    assert meeting["place"] == {"Rome"}


def test_hosting_at_the_pentagon_is_cameo_043() -> None:
    g = build(
        "Defense Secretary Lloyd Austin hosted Philippine Defense Secretary Gilberto Teodoro at the Pentagon "
        "on Thursday."
    )
    enc = the_encounter(g)
    assert enc["cameo"] == {"043"}
    assert enc["place"] == {"Pentagon"}


def test_meeting_in_a_third_country_is_cameo_044() -> None:
    g = build(
        "Indian Foreign Minister Subrahmanyam Jaishankar met Chinese Foreign Minister Wang Yi in Geneva on Tuesday."
    )
    enc = the_encounter(g)
    assert enc["place"] == {"Geneva"}
    assert enc["cameo"] == {"044"}


@pytest.mark.parametrize(
    ("text", "kind", "cameo"),
    [
        (
            "Defense Secretary Lloyd Austin spoke by phone with Israeli Defense Minister Yoav Gallant on Sunday.",
            "PhoneCall",
            "041",
        ),
        (
            "President Joe Biden held a video call with Chinese President Xi Jinping on Monday.",
            "VideoCall",
            "041",
        ),
        (
            "Defense Secretary Lloyd Austin will meet Chinese Defense Minister Dong Jun in Singapore next week.",
            "PlannedMeeting",
            "036",
        ),
        (
            "Defense Secretary Lloyd Austin did not meet Chinese Defense Minister Li Shangfu in Singapore.",
            "NegatedMeeting",
            "125",
        ),
    ],
)
def test_encounter_kinds_other_than_meetings(text: str, kind: str, cameo: str) -> None:
    g = build(text)
    enc = the_encounter(g)
    assert enc["type"] == {kind}
    assert enc["cameo"] == {cameo}
    assert len(enc["people"]) == 2, enc
    assert meetings(g) == [], "only in-person meetings that happened belong in meetings.rq"


def test_a_visit_over_days_and_its_meeting_on_one_of_them_are_one_meeting() -> None:
    g = build(
        "Gen. Jane Roe, commander of U.S. Southern Command, visited Peru May 14-17 and met with President Ana "
        "Peña.\n\nOn May 15 in Lima, Roe met with Peña to discuss regional security."
    )
    assert meetings(g) == [
        {"people": {"Jane Roe", "Roe", "Ana Peña", "Peña"}, "place": {"Lima"}, "date": {"2024-05-15"}}
    ]


def test_the_city_a_story_is_filed_from_is_not_where_the_meetings_abroad_were() -> None:
    g = build(
        "MIAMI – Gen. Jane Roe, commander of U.S. Southern Command, visited Peru and met with President Ana Peña "
        "yesterday."
    )
    assert the_encounter(g)["place"] == set()
    g = build("MIAMI – Gen. Jane Roe, commander of U.S. Southern Command, met with President Ana Peña yesterday.")
    assert the_encounter(g)["place"] == {"Miami"}


def test_a_speaker_s_welcome_to_the_one_addressed_is_their_meeting_that_day() -> None:
    g = build(
        "Remarks at a Signing Ceremony\n\nSECRETARY OF DEFENSE JIM MATTIS: Well, welcome to the Pentagon, "
        "Minister Ana Rocha. Thank you for coming."
    )
    meeting = the_encounter(g)
    assert (meeting["people"], meeting["place"], meeting["date"]) == (
        {"Jim Mattis", "Ana Rocha"},
        {"Pentagon"},
        {"2024-05-23"},
    )


# -- 5. dates -----------------------------------------------------------------------------------------------
def test_dateline_gives_the_date_and_place_without_published() -> None:
    g = kg.build(
        "WASHINGTON, Aug. 17, 2017 — Defense Secretary Jim Mattis met Indian Defense Minister Nirmala "
        "Sitharaman here today."
    )
    [meeting] = meetings(g)
    assert meeting["date"] == {"2017-08-17"}
    assert meeting["place"] == {"Washington"}


@pytest.mark.parametrize(
    ("when", "published", "expected"),
    [
        ("on Monday", "2023-11-10", {"2023-11-06"}),
        ("on Dec. 12 last year", "2024-03-01", {"2023-12-12"}),
        ("last month", "2024-03-01", set()),
    ],
)
def test_relative_dates(when: str, published: str, expected: set[str]) -> None:
    g = build(
        f"Defense Secretary Lloyd Austin met South Korean Defense Minister Shin Won-sik in Seoul {when}.",
        published=published,
    )
    [meeting] = meetings(g)
    assert meeting["date"] == expected


# -- 6. places ----------------------------------------------------------------------------------------------
def test_base_and_island_have_their_country_and_a_sea_has_none() -> None:
    g = build("Marines flew from Clark Air Base to Palawan before patrolling the Sulu Sea.")
    found = places(g)
    assert found.get("Clark Air Base") == "PHL", found
    assert found.get("Palawan") == "PHL", found
    assert "Sulu Sea" in found and found["Sulu Sea"] is None, found


def test_city_links_to_geonames() -> None:
    g = build("Defense Secretary Lloyd Austin held talks in Hanoi on Monday.")
    [(hanoi,)] = select(g, 'SELECT ?p WHERE { ?p a kg:Place ; kg:name "Hanoi" }')
    links = same_as(g, hanoi)
    assert any(GEONAMES.fullmatch(link) for link in links), links


def test_metonymy_is_not_a_place() -> None:
    g = build("Beijing said on Tuesday that the drills near Taiwan were routine.")
    assert "Beijing" not in places(g)


def test_talks_in_a_capital_are_a_place() -> None:
    g = build("Defense Secretary Lloyd Austin held talks in Beijing on Tuesday.")
    assert places(g).get("Beijing") == "CHN"


# -- 7. treaties --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "formal",
    [
        "Mutual Defense Treaty between the Republic of the Philippines and the United States of America",
        "Treaty of Mutual Defense between the United States and the Republic of the Philippines",
    ],
)
def test_treaty_and_its_formal_title_are_one_treaty(formal: str) -> None:
    g = build(
        "Philippine Defense Secretary Gilberto Teodoro and Defense Secretary Lloyd Austin reaffirmed the Mutual "
        f"Defense Treaty, formally the {formal}, in Manila on Friday."
    )
    found = treaties(g)
    assert len(found) == 1, found
    assert {"Mutual Defense Treaty", formal} <= found[0]["name"]
    assert found[0]["party"] == {"PHL", "USA"}


def test_article_of_a_treaty_is_a_provision() -> None:
    g = build("NATO Secretary General Mark Rutte said Article 5 of the North Atlantic Treaty protects every ally.")
    rows = select(g, "SELECT ?name ?p WHERE { ?t a kg:Treaty ; kg:name ?name ; kg:provision ?p }")
    assert rows == [("North Atlantic Treaty", "Article 5")]


def test_the_day_a_sentence_names_wins_over_the_datelines() -> None:
    g = build(
        "Allies Meet in Chile\n\nSANTIAGO, Chile, Dec. 12, 2016 — Defense Secretary Ash Carter met Chilean "
        "Defense Minister José Antonio Gómez in Santiago on Saturday.",
        published=None,
    )
    assert the_encounter(g)["date"] == {"2016-12-10"}
    # With no other day in the sentence, the dateline's day is the meeting's.
    g = build(
        "SANTIAGO, Chile, Dec. 12, 2016 — Defense Secretary Ash Carter met Chilean Defense Minister José "
        "Antonio Gómez in Santiago.",
        published=None,
    )
    assert the_encounter(g)["date"] == {"2016-12-12"}


def discussed(graph) -> set[tuple[str, str]]:
    """(participant names of the encounter, joined, treaty name) for every kg:discusses."""
    found = set()
    for e, name in select(graph, "SELECT ?e ?name WHERE { ?e kg:discusses/kg:name ?name }"):
        people = select(graph, "SELECT ?v WHERE { ?e kg:participant/kg:name ?v }", e=_iri(e))
        found.add((", ".join(sorted(v for (v,) in people)), name))
    return found


def test_treaty_named_with_a_meeting_is_discussed_at_it() -> None:
    g = build(
        "Defense Secretary Pete Hegseth met Philippine Defense Secretary Gilberto Teodoro in Manila on Tuesday "
        "and reaffirmed the Mutual Defense Treaty.\n\n"
        "Teodoro said the alliance was strong. Hegseth later cited the Outer Space Treaty in a speech."
    )
    found = discussed(g)
    names = {name for people, name in found if people == "Gilberto Teodoro, Pete Hegseth"}
    assert any(name.startswith("Mutual Defense Treaty") for name in names), found
    # Said by a participant in a story of one meeting: discussed too, but less sure.
    assert any("Outer Space" in name for name in names), found


def test_treaty_of_another_story_is_not_discussed_when_there_are_several_meetings() -> None:
    g = build(
        "Secretary of State Antony Blinken met Japanese Foreign Minister Yoko Kamikawa in Tokyo on Monday.\n\n"
        "Blinken met South Korean Foreign Minister Cho Tae-yul in Seoul on Wednesday.\n\n"
        "Blinken later praised the North Atlantic Treaty."
    )
    assert len(encounters(g)) == 2
    assert discussed(g) == set()


@pytest.mark.parametrize(
    ("text", "name", "parties"),
    [
        (
            "Australian Defence Minister Richard Marles said the ANZUS Treaty, which binds Australia, New Zealand "
            "and the United States, remained the bedrock of Australia's security.",
            "ANZUS Treaty",
            {"AUS", "NZL", "USA"},
        ),
        (
            "Russian Foreign Minister Sergey Lavrov said Russia would no longer observe the New START treaty.",
            "New START treaty",
            {"RUS", "USA"},
        ),
    ],
)
def test_treaty_from_the_data_file_gets_its_parties(text: str, name: str, parties: set[str]) -> None:
    found = [t for t in treaties(build(text)) if name in t["name"]]
    assert len(found) == 1, f"{name!r} should be one treaty, got {treaties(build(text))}"
    assert found[0]["party"] == parties


# -- 8. links -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("iso3", "demonym", "qid"), [("JPN", "Japanese", "Q17"), ("KEN", "Kenyan", "Q114")])
def test_nation_links_to_wikidata_and_geonames(iso3: str, demonym: str, qid: str) -> None:
    g = build(f"{demonym} troops joined the exercise on Monday.")
    [(nation,)] = select(g, "SELECT ?n WHERE { ?n a kg:Nation ; kg:iso3 ?c . FILTER (STR(?c) = ?code) }", code=iso3)
    links = same_as(g, nation)
    assert f"http://www.wikidata.org/entity/{qid}" in links, links
    assert any(GEONAMES.fullmatch(link) for link in links), links


# -- 9. confidence ------------------------------------------------------------------------------------------
def test_min_confidence_keeps_only_sure_facts() -> None:
    text = (
        "Defense Secretary Lloyd Austin met Japanese Defense Minister Minoru Kihara in Tokyo on Monday.\n\n"
        "The two leaders discussed the U.S.-Japan Security Treaty and drills near the Senkaku Islands."
    )
    count = "SELECT (COUNT(?s) AS ?n) WHERE { ?s a rdf:Statement }"
    everything, sure = build(text, min_confidence=0), build(text, min_confidence=0.99)
    [(n_all,)], [(n_sure,)] = select(everything, count), select(sure, count)
    assert int(n_sure) < int(n_all) and int(n_all) > 0
    confidences = [Decimal(c) for (c,) in select(sure, "SELECT ?c WHERE { ?s kg:confidence ?c }")]
    assert all(c >= Decimal("0.99") for c in confidences), confidences


def test_a_compound_office_is_one_title_with_its_nation() -> None:
    g = build("Omani Deputy Prime Minister and Minister of Defense Sayyid Shihab met reporters in Muscat.")
    shihab = official(g, "Sayyid Shihab")
    assert shihab["title"] == {"Deputy Prime Minister and Minister of Defense"}
    assert shihab["nation"] == {"OMN"}


def test_a_seat_of_government_tells_the_home_nation() -> None:
    g = build("Defense Secretary Pete Hegseth hosted Estonian Defense Minister Hanno Pevkur at the Pentagon today.")
    assert official(g, "Pete Hegseth")["nation"] == {"USA"}


def test_joined_them_adds_the_earlier_participants() -> None:
    g = build(
        "Defense Secretary Lloyd Austin met Indian Defense Minister Rajnath Singh at the Pentagon on Friday. "
        "Gen. Charles Q. Brown Jr. and Indian Ambassador Vinay Kwatra later joined them."
    )
    [meeting] = meetings(g)
    assert {"Lloyd Austin", "Rajnath Singh", "Charles Q. Brown Jr.", "Vinay Kwatra"} <= meeting["people"]


def test_without_a_home_nation_an_unqualified_title_stays_unbound() -> None:
    g = build("Defense Secretary Ash Carver met then-Australian Prime Minister Malcolm Turnbull in Sydney today.")
    assert official(g, "Ash Carver")["nation"] == set()


def test_spoke_with_in_a_call_readout_is_a_phone_call() -> None:
    g = build(
        "Readout of the President's Call with President Gustavo Petro of Colombia\n\n"
        "President Joe Biden spoke today with President Gustavo Petro of Colombia about migration."
    )
    assert meetings(g) == []
    assert the_encounter(g)["type"] == {"PhoneCall"}


def test_looking_forward_to_a_visit_is_a_plan() -> None:
    g = build("President Joe Biden looks forward to welcoming Prime Minister Fumio Kishida of Japan to Washington.")
    assert meetings(g) == []


def test_a_two_word_demonym_is_not_part_of_the_title() -> None:
    g = build("South Korean President Yoon Suk Yeol met Japanese Prime Minister Fumio Kishida in Seoul today.")
    yoon = official(g, "Yoon Suk Yeol")
    assert yoon["title"] == {"President"}
    assert yoon["nation"] == {"KOR"}


def test_a_group_named_like_a_town_is_no_place() -> None:
    g = build("Foreign Minister Penny Wong said Australia would keep working in the Quad with India and Japan.")
    assert "Quad" not in places(g)


def test_an_organization_named_like_a_town_abroad_is_no_place() -> None:
    g = build("Defense Secretary Lloyd Austin discussed the Hamas attacks on Israel with reporters.")
    assert places(g) == {}


def test_an_appositive_after_the_name_with_the_and_a_capitalized_role_reference() -> None:
    g = build(
        "United Nations Secretary-General Antonio Guterres met Prime Minister Shehbaz Sharif of Pakistan today. "
        "The Secretary-General also met Mr. Bilawal Bhutto Zardari, the Foreign Minister of Pakistan, who said "
        "Islamabad would host a donors' conference in Geneva in January."
    )
    bilawal = official(g, "Bilawal Bhutto Zardari")
    assert bilawal["nation"] == {"PAK"}
    assert bilawal["title"] == {"Foreign Minister of Pakistan"}
    with_bilawal = [m for m in meetings(g) if "Bilawal Bhutto Zardari" in m["people"]]
    assert len(with_bilawal) == 1
    assert "Antonio Guterres" in with_bilawal[0]["people"]
    assert with_bilawal[0]["place"] == set()  # Geneva is where a conference will be, not where they met


def test_an_honorific_alone_makes_no_official() -> None:
    g = build("Mr. Jonas Berg, a shipping executive, met Defense Minister Hanno Pevkur of Estonia in Tallinn.")
    assert all("Jonas Berg" not in p["name"] for p in officials(g).values())


def test_a_generic_pact_is_not_taken_for_a_known_treaty() -> None:
    g = build("Japanese and U.S. officials said the trade pact would lower tariffs. Japan and the U.S. agreed.")
    assert treaties(g) == []


def test_the_admiral_is_the_admiral_named_last_whatever_his_post() -> None:
    g = kg.build(
        "Adm. Craig Faller, commander of U.S. Southern Command, visited Colombia on Jan. 13. Also on Jan. 13, the "
        "admiral met with Minister of Defense Carlos Holmes Trujillo and Chief of Defense Maj. Gen. Luis Navarro.",
        published="2020-01-15",
    )
    [meeting] = meetings(g)
    assert {"Craig Faller", "Carlos Holmes Trujillo", "Luis Navarro"} <= meeting["people"]


@pytest.mark.model
def test_a_meeting_of_the_story_s_day_with_no_place_is_in_the_dateline_s_city() -> None:
    text = (
        "OSLO, May 23 (Nordic Wire) — Norwegian Foreign Minister Ana Lindqvist met Swedish Foreign Minister Tomas "
        "Berg today. The two ministers discussed Arctic security."
    )
    (meeting,) = meetings(kg.build(text, published="2024-05-23"))
    assert meeting["place"] == {"Oslo"} and meeting["date"] == {"2024-05-23"}


@pytest.mark.model
def test_a_meeting_of_the_day_is_at_the_venue_its_header_names() -> None:
    text = (
        "Remarks With Foreign Minister Ana Lindqvist\n\n"
        "Tom Ridley\nSecretary of State\nTreaty Room\nWashington, DC\nMay 23, 2024\n\n"
        "SECRETARY RIDLEY: Good morning. Foreign Minister Lindqvist and I have just signed a new arrangement on "
        "research cooperation."
    )
    (meeting,) = meetings(kg.build(text, published="2024-05-23"))
    assert meeting["place"] == {"Treaty Room"} and meeting["date"] == {"2024-05-23"}


@pytest.mark.model
def test_without_a_dateline_a_meeting_of_the_day_is_in_the_city_of_the_title() -> None:
    text = (
        "Secretary General visits Washington DC\n\n"
        "Secretary General Ana Lindqvist met with Secretary of State Tom Ridley on Thursday (23 May 2024)."
    )
    (meeting,) = meetings(kg.build(text, published="2024-05-23"))
    assert meeting["place"] == {"Washington DC"} and meeting["date"] == {"2024-05-23"}


def test_a_rank_standing_for_a_title_is_also_written_in_full() -> None:
    g = build("Thai Army Gen. Prasit Wongchai met the visiting chairman in Bangkok on Monday.")
    assert {"Army Gen.", "General"} <= official(g, "Prasit Wongchai")["title"]


@pytest.mark.model
def test_one_who_joined_x_for_the_meeting_is_at_the_meeting_just_told() -> None:
    text = (
        "In Belize, Adm. Tom Ridley met with Minister of Defence Ana Lindqvist at Price Barracks on Friday. They "
        "discussed the coast guard's new base in Belize City. Jane Hale, chargé d'affaires at the U.S. Embassy in "
        "Belmopan, joined Ridley for the meeting."
    )
    (meeting,) = meetings(kg.build(text, published="2025-11-14"))
    assert {"Tom Ridley", "Ana Lindqvist", "Jane Hale"} <= meeting["people"]
    assert meeting["place"] == {"Price Barracks"}


@pytest.mark.model
def test_one_who_joined_a_meeting_of_one_named_person_is_at_it() -> None:
    """A readout of the home's unnamed leader ("The Prime Minister met Prime Minister X in Warsaw today") tells
    a meeting of one named person; the Defence Secretary who joined it makes it a meeting kg can tell."""
    text = (
        "The Prime Minister met Prime Minister Adam Nowak of Poland in Warsaw today. The Defence Secretary, Tom "
        "Hale, joined the Prime Minister for the meeting."
    )
    (meeting,) = meetings(kg.build(text, published="2024-04-23"))
    assert {"Adam Nowak", "Tom Hale"} <= meeting["people"]
    assert (meeting["place"], meeting["date"]) == ({"Warsaw"}, {"2024-04-23"})


@pytest.mark.model
def test_a_signing_following_a_meeting_is_an_encounter_of_its_own() -> None:
    text = (
        "Secretary of State Tom Ridley met today in Port Moresby with Prime Minister James Kila of Papua New Guinea. "
        "Following their meeting, Secretary Ridley and Papua New Guinea's Minister for Defence, Peter Tau, signed a "
        "defense cooperation agreement, with Prime Minister Kila in attendance."
    )
    got = {frozenset(m["people"]) for m in meetings(kg.build(text, published="2023-05-22"))}
    assert got == {
        frozenset({"Tom Ridley", "Ridley", "James Kila", "Kila"}),
        frozenset({"Tom Ridley", "Ridley", "James Kila", "Kila", "Peter Tau"}),
    }


@pytest.mark.model
def test_a_meeting_of_the_day_before_the_dateline_is_in_its_city() -> None:
    text = (
        "January 20, 2022 - Paris, France - Global Affairs Canada\n\n"
        "The Honourable Jane Roe, Minister of Foreign Affairs, met yesterday with Paul Martin, France's Minister "
        "for Europe and Foreign Affairs."
    )
    (meeting,) = meetings(kg.build(text, published="2022-01-20"))
    assert (meeting["place"], meeting["date"]) == ({"Paris"}, {"2022-01-19"})


@pytest.mark.model
def test_a_meeting_with_no_place_is_in_the_city_where_one_of_its_people_met_others_that_day() -> None:
    text = (
        "Defence Minister Arun Rao met Japanese Defense Minister Kenji Sato in Tokyo today. They reviewed the "
        "exercises of the past year.\n\nBoth welcomed the progress on maritime security. They agreed to meet again "
        "next year.\n\nRao also called on Prime Minister Hiro Tanaka today and thanked him for the welcome."
    )
    got = {frozenset(m["people"]) - {"Rao"}: m["place"] for m in meetings(kg.build(text, published="2019-09-02"))}
    assert got == {frozenset({"Arun Rao", "Kenji Sato"}): {"Tokyo"}, frozenset({"Arun Rao", "Hiro Tanaka"}): {"Tokyo"}}


@pytest.mark.model
def test_the_two_as_subject_of_met_are_the_two_named_before() -> None:
    text = (
        "Gen. Ray Soto will hold talks with Air Chief Marshal Graham Whitby, Australia's chief of defence force, "
        "at Russell Offices on Thursday. The two last met at the chiefs of defense conference in Honolulu in "
        "August."
    )
    got = {frozenset(m["people"]): m["place"] for m in meetings(kg.build(text, published="2026-01-26"))}
    assert got == {frozenset({"Ray Soto", "Graham Whitby"}): {"Honolulu"}}


@pytest.mark.model
def test_a_group_named_by_an_office_is_of_the_officials_who_hold_it() -> None:
    text = (
        "Prime Minister Chan Wei Min hosted Prime Minister Peter Hart at the Istana today. Minister for Defence "
        "Lim Boon Kiat accompanied Prime Minister Hart on a visit to Tengah Air Base.\n\n"
        "The two Prime Ministers last met on the sidelines of the APEC meeting in Gyeongju in November."
    )
    (gyeongju,) = [m for m in meetings(kg.build(text, published="2026-03-04")) if m["place"] == {"Gyeongju"}]
    assert {"Chan Wei Min", "Peter Hart"} <= gyeongju["people"] and "Lim Boon Kiat" not in gyeongju["people"]


@pytest.mark.model
def test_the_one_a_quotation_of_i_met_is_attributed_to_took_part() -> None:
    text = (
        "Defence Minister Rachel Whitby has welcomed Malaysia's Minister of Defence, Faizal Rahim, to New Zealand.\n\n"
        "\u201cI met my counterpart Faizal Rahim in Wellington today, and we agreed to train together,\u201d "
        "Ms Whitby said."
    )
    (meeting,) = meetings(kg.build(text, published="2026-02-10"))
    assert {"Rachel Whitby", "Faizal Rahim"} <= meeting["people"]
    assert (meeting["place"], meeting["date"]) == ({"Wellington"}, {"2026-02-10"})


@pytest.mark.model
def test_one_who_says_it_of_a_meeting_with_one_other_was_at_it() -> None:
    text = (
        "The two nations share a common vision, Defense Secretary Ash Carver said in a joint news conference at the "
        "Pentagon with Indian Defense Minister Manoj Parikh. Today's productive discussion marked their sixth "
        "meeting, Carver said, describing Parikh as a great partner. She said she looked forward to welcoming Parikh "
        "to Hawaii in September."
    )
    (meeting,) = meetings(kg.build(text, published="2016-08-29"))
    assert {"Ash Carver", "Manoj Parikh"} <= meeting["people"]
    assert (meeting["place"], meeting["date"]) == ({"Pentagon"}, {"2016-08-29"})


def test_the_meetings_attended_by_others_are_each_attended_by_them() -> None:
    g = build(
        "DUBAI, 22nd May, 2024 (WAM) -- Minister Hamad Al Kaabi today received Ana Lindqvist, Minister of Foreign "
        "Affairs of Chile.\n\nAl Kaabi also received Ola Berg, Minister of Foreign Affairs of Peru.\n\n"
        "The meetings were attended by Saif Al Nuaimi, Minister of State."
    )
    found = meetings(g)
    assert sorted(sorted(m["people"] & {"Ana Lindqvist", "Ola Berg"}) for m in found) == [
        ["Ana Lindqvist"],
        ["Ola Berg"],
    ]
    assert all({"Hamad Al Kaabi", "Saif Al Nuaimi"} <= m["people"] for m in found)


def test_presenting_credentials_and_meeting_another_are_two_meetings_of_the_ceremony_s_day_and_place() -> None:
    g = build(
        "At noon on Friday, May 17, the new Ambassador of the United States to Norway, Mary Ellen Parker, presented "
        "her credentials to the King of Norway.\nThe ceremony began with an honor guard on Palace Square in front "
        "of the Royal Palace. Ambassador Parker then presented her credentials to King Harald and also met Minister "
        "of Foreign Affairs Espen Barth Eide."
    )
    found = sorted((sorted(m["people"]), m["place"], m["date"]) for m in meetings(g))
    assert found == [
        (["Espen Barth Eide", "Mary Ellen Parker", "Parker"], {"Royal Palace"}, {"2024-05-17"}),
        (["Harald", "Mary Ellen Parker", "Parker"], {"Royal Palace"}, {"2024-05-17"}),
    ]


def test_one_who_met_several_and_is_told_meeting_one_of_them_alone_met_each_in_turn() -> None:
    text = (
        "Acting Secretary of Defense Ana Soto met with Prime Minister Ola Berg, Defense Minister Tom Hale and "
        "Foreign Minister Eva Lind in Oslo today.\n\nDuring her meetings, Secretary Soto committed to closer "
        "cooperation.\n\nIn her meeting with Prime Minister Berg, the secretary reaffirmed the alliance."
    )
    found = sorted(sorted(m["people"] - {"Soto", "Berg"}) for m in meetings(build(text)))
    assert found == [["Ana Soto", "Eva Lind"], ["Ana Soto", "Ola Berg"], ["Ana Soto", "Tom Hale"]]
    together = text.replace("In her meeting with Prime Minister Berg, the", "In the meeting, the")
    assert len(meetings(build(together))) == 1


def test_a_meeting_in_honor_of_his_excellency_at_the_dateline_s_city() -> None:
    g = build(
        "Readout of the Secretary's Meeting\n\nWashington, DC (Capital Wire) The spokesperson provided this "
        "readout:\n\nSecretary of Defense Dr. Ana Soto hosted an enhanced Honor Cordon and Bilateral Meeting in "
        "Honor of His Excellency Omar Haddad, the Minister of Defense of the Republic of Iraq, today."
    )
    meeting = the_encounter(g)
    assert (meeting["people"], meeting["place"], meeting["date"]) == (
        {"Ana Soto", "Omar Haddad"},
        {"Washington"},
        {"2024-05-23"},
    )


def test_those_who_attended_the_signing_elsewhere_named_joined_it_there() -> None:
    g = build(
        "Special Envoy Ana Soto signed the Memorandum for the United States and Minister of Foreign Affairs Ola Berg "
        "signed for the Republic of the Marshall Islands.\nAmbassador Eva Lind of the Republic of the Marshall "
        "Islands attended the signing in Los Angeles."
    )
    meeting = the_encounter(g)
    assert (meeting["people"], meeting["place"]) == ({"Ana Soto", "Ola Berg", "Eva Lind"}, {"Los Angeles"})
    assert official(g, "Eva Lind")["nation"] == {"MHL"}
    assert not any("Memorandum for" in name for t in treaties(g) for name in t["name"])


def test_a_verb_of_its_own_in_one_sentence_is_an_encounter_of_its_own() -> None:
    g = build(
        "In Oslo on Wednesday, Secretary General Ana Soto met with Prime Minister Ola Berg and Defence Minister "
        "Eva Lind, and signed a partnership agreement with Minister Lind."
    )
    assert sorted(sorted(m["people"] - {"Lind"}) for m in meetings(g)) == [
        ["Ana Soto", "Eva Lind"],
        ["Ana Soto", "Eva Lind", "Ola Berg"],
    ]


def test_an_office_of_a_state_s_national_guard_serves_the_state_s_nation_abroad() -> None:
    g = build(
        "Brig. Gen. Tom Hale, adjutant general of the Montana National Guard, and Sri Lanka's Secretary of Defense "
        "Ana Perera signed the memorandum at the Ministry of Defense in Colombo, Sri Lanka."
    )
    assert official(g, "Tom Hale")["nation"] == {"USA"}
