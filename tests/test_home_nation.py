"""The home nation, whose officials an article names without a demonym, comes from evidence: the publisher's
site or banner, the dateline, the nations the story names. No nation is assumed for want of it."""

from __future__ import annotations

import dataclasses

import pytest
import rdflib
from graph_views import meetings, official, officials

import kg
from kg import api, read
from kg.gazetteer import gazetteer
from kg.read import read_text

# --- publishers --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "nation"),
    [
        ("https://www.gov.uk/government/news/pm-meeting", "GBR"),
        ("https://www.minister.defence.gov.au/transcripts/2024-03-21/x", "AUS"),
        ("https://beehive.govt.nz/release/x", "NZL"),
        ("https://pm.gc.ca/en/news/readouts/x", "CAN"),
        ("https://www.canada.ca/en/department-national-defence/x", "CAN"),
        ("https://www.mofa.go.jp/press/release/x.html", "JPN"),
        ("http://www.mofa.go.kr/eng/brd/x", "KOR"),
        ("https://pib.gov.in/PressReleasePage.aspx?PRID=1", "IND"),
        ("https://www.mindef.gov.sg/news/x", "SGP"),
        ("https://dfa.gov.ph/dfa-news/x", "PHL"),
        ("https://www.defense.gov/News/Releases/x", "USA"),
        ("https://www.army.mil/article/1/x", "USA"),
        ("https://obamawhitehouse.archives.gov/the-press-office/x", "USA"),
    ],
)
def test_a_government_site_names_its_nation(url: str, nation: str) -> None:
    site = gazetteer().site(url)
    assert site is not None and site.nation == nation


@pytest.mark.parametrize("url", ["https://www.nato.int/cps/en/natohq/news_1.htm", "https://eeas.europa.eu/x"])
def test_an_international_organization_publishes_for_no_nation(url: str) -> None:
    site = gazetteer().site(url)
    assert site is not None and site.nation is None


@pytest.mark.parametrize(
    "url",
    [None, "", "/tmp/article.txt", "https://www.scoop.co.nz/stories/x", "https://example.blogspot.com/2015/x",
     "https://www.gov.example.com/x"],
)  # fmt: skip
def test_other_sites_and_paths_say_nothing_of_a_publisher(url: str | None) -> None:
    assert gazetteer().site(url) is None


def test_a_government_banner_is_dropped_and_kept_as_the_publisher() -> None:
    article = read_text(
        "An official website of the United States Government\nHere's how you know\n\n"
        "Mattis Meets Abe\n\nDefense Secretary Jim Mattis met Prime Minister Shinzo Abe today."
    )
    assert article.publisher_lines == ("An official website of the United States Government",)
    assert "official website" not in article.text


# --- the home nation in the graph -------------------------------------------------------------------------

UNQUALIFIED = (
    "Defence Secretary Ben Walton met U.S. Secretary of Defense Lloyd Austin and Japanese Defense Minister "
    "Yasukazu Hamada today."
)


def build(text: str, source: str | None = None, published: str = "2023-01-12"):
    article = read.read_text(text, published=read.parse_date(published))
    return api.build_article(dataclasses.replace(article, source=source) if source else article)


@pytest.mark.model
def test_the_publishers_site_gives_the_unqualified_officials_their_nation() -> None:
    graph = build(UNQUALIFIED, "https://www.gov.uk/government/news/defence-secretary-meets-counterparts")
    assert official(graph, "Ben Walton")["nation"] == {"GBR"}
    assert official(graph, "Lloyd Austin")["nation"] == {"USA"}
    assert official(graph, "Yasukazu Hamada")["nation"] == {"JPN"}


@pytest.mark.model
def test_without_evidence_no_nation_is_assumed() -> None:
    """The U.S. is named, but only to qualify a foreign official's title: no home nation is known, so the
    official named without a demonym serves none, rather than the U.S. by default."""
    graph = build(UNQUALIFIED)
    assert official(graph, "Ben Walton")["nation"] == set()
    assert official(graph, "Lloyd Austin")["nation"] == {"USA"}


@pytest.mark.model
def test_a_banner_names_the_publisher_where_the_url_is_unknown() -> None:
    banner = "An official website of the Government of Japan\n\n"
    graph = build(banner + UNQUALIFIED.replace("Defence Secretary", "Minister"))
    assert official(graph, "Ben Walton")["nation"] == {"JPN"}


@pytest.mark.model
def test_the_dateline_names_the_home_when_the_story_names_it() -> None:
    text = (
        "SAN DIEGO, March 13 (Pacific Wire) — President Joe Biden, Australian Prime Minister Anthony Albanese and "
        "British Prime Minister Rishi Sunak met at Naval Base Point Loma. Australia will buy submarines from the "
        "United States, and Britain and Australia will build a new class of boat."
    )
    assert official(build(text), "Joe Biden")["nation"] == {"USA"}


@pytest.mark.model
@pytest.mark.parametrize(
    "visit",
    ["arrived here Monday for talks with Norway's leaders", "is on the second day of a weeklong visit to Norway"],
)
def test_a_dateline_in_the_nation_the_story_visits_is_not_the_home(visit: str) -> None:
    text = (
        f"OSLO, March 13 (Pacific Wire) — Air Force Chief of Staff Gen. Tom Ridley {visit}. Ridley met Norwegian "
        "Chief of Defence Gen. Ana Lindqvist in Oslo. The U.S. and Norway train together every year."
    )
    assert official(build(text), "Tom Ridley")["nation"] == {"USA"}


@pytest.mark.model
def test_an_office_of_a_region_or_city_is_of_the_nation_it_lies_in() -> None:
    text = (
        "Foreign Minister Tom Ridley called on Ana Lindqvist, Chief Minister of Sarawak, in Kuching today. He also "
        "met Ivo Maran, the Mayor of Osaka."
    )
    graph = build(text, "https://www.mfa.gov.sg/x")
    assert official(graph, "Ana Lindqvist")["nation"] == {"MYS"}
    assert official(build(text.replace("Chief Minister of Sarawak", "Minister of Justice")), "Ana Lindqvist")[
        "nation"
    ] != {"USA"}  # a portfolio is no town of that name
    assert official(graph, "Ivo Maran")["nation"] == {"JPN"}
    assert official(graph, "Tom Ridley")["nation"] == {"SGP"}


@pytest.mark.model
def test_officials_met_on_a_visit_to_a_nation_after_the_verb_are_that_nations() -> None:
    text = (
        "Secretary of the Navy Tom Ridley traveled to Greece and India. During his visit to India, Ridley met with "
        "Foreign Secretary Vinay Doe and Defence Secretary Giri Fox."
    )
    graph = build(text, "https://www.navy.mil/Press-Office/News-Stories/x")
    assert official(graph, "Vinay Doe")["nation"] == {"IND"}
    assert official(graph, "Tom Ridley")["nation"] == {"USA"}


@pytest.mark.model
def test_a_metadata_url_reaches_the_article(tmp_path) -> None:
    from kg import corpus

    (tmp_path / "a.txt").write_text(UNQUALIFIED, encoding="utf-8")
    (tmp_path / "metadata.jsonl").write_text(
        '{"path": "a.txt", "published": "2023-01-12", "url": "https://www.gov.uk/government/news/x"}\n',
        encoding="utf-8",
    )
    [built] = corpus.build_graphs(corpus.find_articles([tmp_path]))
    graph = rdflib.Graph()
    for triple in built.triples:
        graph.add(triple)
    assert official(graph, "Ben Walton")["nation"] == {"GBR"}


@pytest.mark.model
def test_a_title_the_homes_government_never_gives_is_of_the_nation_the_story_is_about() -> None:
    """The U.S. government has no ministers: on a U.S. page, an unqualified "Minister of Defense" serves the
    nation the story names most besides the U.S., while the unqualified "Secretary" stays American."""
    text = (
        "Adm. Craig Faller, commander of U.S. Southern Command, visited Colombia this week. In Bogota he met "
        "Minister of Defense Carlos Holmes Trujillo and Secretary of the Army Ryan McCarthy. Colombia and the U.S. "
        "train together, and Colombian officers study in the United States."
    )
    graph = build(text, "https://www.southcom.mil/MEDIA/NEWS-ARTICLES/Article/1/x/")
    assert official(graph, "Carlos Holmes Trujillo")["nation"] == {"COL"}
    assert official(graph, "Ryan McCarthy")["nation"] == {"USA"}
    assert official(graph, "Craig Faller")["nation"] == {"USA"}


@pytest.mark.model
def test_a_foreign_title_takes_the_nation_of_the_place_in_its_sentence() -> None:
    text = (
        "Adm. Raymond Whitfield, commander of U.S. Southern Command, visited Guatemala and Belize. In Belize City "
        "he met Belize's defense leaders. In Guatemala City, Whitfield met with Minister of National Defense "
        "Hector Sandoval. Belize and Belize's coast guard, Belize's army and Belize's police took part in drills."
    )
    graph = build(text, "https://www.southcom.mil/MEDIA/NEWS-ARTICLES/Article/1/x/")
    assert official(graph, "Hector Sandoval")["nation"] == {"GTM"}


@pytest.mark.model
def test_a_foreign_title_takes_the_nation_named_in_the_sentences_just_before() -> None:
    text = (
        "Gen. Alan Brooks, the U.S. chairman, flew on to Australia, where he will see Australian officers. In "
        "Hanoi, he will hold talks with Vietnamese Gen. Tran Van Minh. He will also meet Defense Minister Le Quang "
        "Duc. Australia and the U.S. are allies, and Australia hosts U.S. Marines in Darwin."
    )
    graph = build(text, "https://www.defense.gov/News/News-Stories/Article/1/x/")
    assert official(graph, "Le Quang Duc")["nation"] == {"VNM"}


@pytest.mark.model
def test_a_president_on_a_page_of_a_government_with_none_is_foreign() -> None:
    text = (
        "Deputy Prime Minister Anna Price met Indonesian officials in Jakarta today. Ms Price later called on "
        "President Budi Santoso. Indonesia and Australia signed a defence agreement last year."
    )
    graph = build(text, "https://www.minister.defence.gov.au/transcripts/2025-06-06/x")
    assert official(graph, "Anna Price")["nation"] == {"AUS"}
    assert official(graph, "Budi Santoso")["nation"] == {"IDN"}


@pytest.mark.model
@pytest.mark.parametrize(
    "credit",
    ["By U.S. Indo-Pacific Command Public Affairs", "By Jane Roe\nDoD News, Defense Media Activity"],
)
def test_a_credit_line_naming_a_government_office_names_the_publisher(credit: str) -> None:
    text = (
        f"{credit}\n\nTOKYO, March 25 — Defense Secretary Alan Brooks met Japanese Defense Minister Ken Mori "
        "today. Japan and the United States held talks on Japan's southwestern islands, and Japan will host drills."
    )
    graph = build(text)
    assert official(graph, "Alan Brooks")["nation"] == {"USA"}
    assert "Public Affairs" not in read.read_text(text).text and "Jane Roe" not in read.read_text(text).text


@pytest.mark.model
def test_officials_met_in_a_foreign_city_after_the_verb_are_of_that_country() -> None:
    text = (
        "Gen. Dwight Carver, commander of U.S. Africa Command, visited Mozambique this week. In Maputo, Carver met "
        "with President Lucas Matola and Minister of National Defence Ana Cossa. The United States and the U.S. "
        "Navy will keep training with the region's forces."
    )
    graph = build(text, "https://www.africom.mil/article/1/x")
    assert official(graph, "Dwight Carver")["nation"] == {"USA"}
    assert official(graph, "Lucas Matola")["nation"] == {"MOZ"}


@pytest.mark.model
def test_officials_named_before_any_verb_of_meeting_keep_the_home_nation() -> None:
    text = (
        "AACHEN, Germany, Jan. 22 — Germany and France renewed their treaty today. The first was signed in 1963 by "
        "President Charles de Gaulle and Chancellor Konrad Adenauer at the Elysee Palace in Paris. Germany hosted "
        "the ceremony."
    )
    assert official(build(text), "Konrad Adenauer")["nation"] == {"DEU"}


@pytest.mark.model
def test_a_chief_of_defense_on_a_us_page_is_foreign() -> None:
    text = (
        "Adm. Carl Brandt, commander of U.S. Southern Command, visited Colombia. In Bogota he met Chief of Defense "
        "Gen. Luis Ortega. Colombia and the United States train together."
    )
    graph = build(text, "https://www.southcom.mil/MEDIA/NEWS-ARTICLES/Article/1/x/")
    assert official(graph, "Luis Ortega")["nation"] == {"COL"}


@pytest.mark.model
def test_the_people_the_traveller_met_only_abroad_are_of_that_country() -> None:
    """The traveller, in more meetings than anyone, serves the home; those met only with them, in one foreign
    country, serve it, even named in a later sentence than the city and with titles the home also has."""
    text = (
        "Secretary of State Jane Roe arrived in Baghdad, Iraq, on Wednesday. Roe met Prime Minister Karim Hadi at "
        "his office in Baghdad on Wednesday.\n\n"
        "Roe also met separately with President Farid Salih and with Omar Jawad, Speaker of the Council of "
        "Representatives."
    )
    graph = build(text, "https://www.state.gov/secretary-roe-in-baghdad/")
    assert official(graph, "Jane Roe")["nation"] == {"USA"}
    assert official(graph, "Farid Salih")["nation"] == {"IRQ"}
    assert official(graph, "Omar Jawad")["nation"] == {"IRQ"}


@pytest.mark.model
def test_a_foreign_traveller_leaves_the_homes_people_at_home() -> None:
    """A foreign minister visiting the home's people abroad (a ship in a foreign port) is no home traveller:
    the home's officers keep the home's nation."""
    text = (
        "Japanese Defense Minister Sakura Ito visited the aircraft carrier in Yokosuka, Japan, on Tuesday. Ito met "
        "Vice Adm. Paul Dane, the 7th Fleet commander, and Capt. Ray Moss, its commanding officer, in Yokosuka.\n\n"
        "Ito met Rear Adm. Lee Park, the task force commander, in Yokosuka on Tuesday."
    )
    graph = build(text, "https://www.navy.mil/Press-Office/News-Stories/Article/1/x/")
    assert official(graph, "Lee Park")["nation"] == {"USA"}


def test_a_governments_name_alone_on_a_line_is_its_banner() -> None:
    article = read_text("Department of National Defense\nRepublic of the Philippines\n\nPH, Japan sign MOU\n\nText.")
    assert article.publisher_lines == ("Republic of the Philippines",)
    assert "Republic of the Philippines" not in article.text


@pytest.mark.model
def test_an_office_only_one_nation_has_leaves_that_nation_the_home() -> None:
    """ "Deputy Secretary of State" is the U.S.'s own office, not a foreign official qualified by a demonym: the
    U.S., named by its office and the places of the talks, is the home, not a country mentioned in passing."""
    text = (
        "Deputy Secretary of State Mary Hale met today with Vietnamese Deputy Foreign Minister Tran Van An at the "
        "Department of State. They discussed the situation in Burma.\n\n"
        "Earlier, Deputy Foreign Minister An met Deputy National Security Advisor Kevin Ashe at the White House."
    )
    assert official(build(text), "Kevin Ashe")["nation"] == {"USA"}


@pytest.mark.model
@pytest.mark.parametrize(("url", "country"), [("https://www.mod.go.jp/en/article/2019/06/x.html", "JPN"),
                                               ("https://www.defense.gov/News/Releases/x", None)])  # fmt: skip
def test_a_ministry_named_without_its_nation_is_the_homes_where_the_home_has_ministers(
    url: str, country: str | None
) -> None:
    text = "Minister Sato and Secretary Hale held a meeting for about 70 minutes at the Ministry of Defense today."
    rows = kg.query(build(text, url), "places")
    assert {(r["name"], r["country"]) for r in rows} == {("Ministry of Defense", country)}


@pytest.mark.model
def test_people_met_in_a_foreign_nation_named_after_in_are_that_nations() -> None:
    text = (
        "Foreign Minister Winston Peters attended the summit this week. While in Japan, Mr Peters held meetings "
        "with Prime Minister Fumio Kishida and Defence Minister Minoru Kihara."
    )
    graph = build(text, "https://www.beehive.govt.nz/release/x")
    assert official(graph, "Minoru Kihara")["nation"] == {"JPN"}
    assert official(graph, "Winston Peters")["nation"] == {"NZL"}


@pytest.mark.model
def test_a_well_known_holder_named_without_the_office_is_an_official_with_the_office_held_that_day() -> None:
    text = (
        "Press release\n\nThe Foreign Secretary met his Irish counterpart for talks today during a visit to "
        "Ireland. Boris Johnson and Simon Coveney discussed the relationship. Jane Roe, a painter, showed them "
        "her work."
    )
    graph = build(text, "https://www.gov.uk/government/news/x", published="2017-11-17")
    coveney = official(graph, "Simon Coveney")
    assert (coveney["title"], coveney["nation"]) == ({"Minister for Foreign Affairs"}, {"IRL"})
    assert official(graph, "Boris Johnson")["title"] == {"Foreign Secretary"}
    assert not any("Jane Roe" in p["name"] for p in officials(graph).values())  # no office: no official
    assert [m["people"] for m in meetings(graph)] == [{"Boris Johnson", "Simon Coveney"}]
    # but the next sentence's subjects are not a named person's counterpart
    text = (
        "Defence Minister Ana Lindqvist met her Japanese counterpart in Tokyo on Monday. Boris Johnson and Simon "
        "Coveney, meanwhile, discussed trade in London."
    )
    graph = build(text, "https://www.gov.uk/government/news/x", published="2017-11-17")
    assert not any({"Ana Lindqvist", "Boris Johnson"} <= m["people"] for m in meetings(graph))


@pytest.mark.model
def test_a_well_known_holder_of_a_top_office_serves_the_nation_of_the_office() -> None:
    """On an Indian page, "Prime Minister Shinzo Abe" is Japan's whatever the home: the table of office holders
    knows him; an unknown official named the same way keeps the home."""
    text = (
        "Raksha Mantri Rajnath Singh called on Prime Minister Shinzo Abe in Tokyo today. He also met Defence "
        "Secretary Ajay Kumar at the Ministry of Defence."
    )
    graph = build(text, "https://pib.gov.in/PressReleasePage.aspx?PRID=1", published="2019-09-02")
    assert official(graph, "Shinzo Abe")["nation"] == {"JPN"}
    assert official(graph, "Ajay Kumar")["nation"] == {"IND"}
