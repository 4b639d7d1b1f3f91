"""Nations (kg.extract.nations): the nations an article names, except inside a place's name, and those its
publisher lines name."""

from __future__ import annotations

import pytest
from extract_context import context

from kg.extract.nations import find_nations, publisher_nations
from kg.model import PlaceMention

pytestmark = pytest.mark.model


def test_every_name_and_demonym_of_a_nation() -> None:
    ctx = context("Japanese and U.S. forces trained with Australia.")
    assert [(n.text, n.iso3) for n in find_nations(ctx, [])] == [
        ("Japanese", "JPN"),
        ("U.S.", "USA"),
        ("Australia", "AUS"),
    ]


def test_a_nation_inside_a_place_name_is_no_mention_of_it() -> None:
    ctx = context("China sent ships into the South China Sea.")
    sea = ctx.text.index("South China Sea")
    place = PlaceMention("South China Sea", sea, sea + len("South China Sea"), 0, "body_of_water", None)
    assert [(n.text, n.start) for n in find_nations(ctx, [place])] == [("China", 0)]


def test_a_nation_inside_the_name_of_a_region_kg_keeps_no_place_of_is_no_mention_of_it() -> None:
    ctx = context("NATO keeps a billion citizens across Europe and North America secure, Japan said.")
    assert [n.iso3 for n in find_nations(ctx, [])] == ["JPN"]


def test_a_place_that_is_the_nation_s_name_leaves_the_nation() -> None:
    ctx = context("Officials arrived in Singapore.")
    at = ctx.text.index("Singapore")
    place = PlaceMention("Singapore", at, at + len("Singapore"), 0, "city", "SGP")
    assert [n.iso3 for n in find_nations(ctx, [place])] == ["SGP"]


def test_the_nations_the_publisher_lines_name() -> None:
    assert publisher_nations(context("Secretary Austin met Minister Kihara in Tokyo.")) == ()
    ctx = context("An official website of the United States Government\n\nSecretary Austin met Minister Kihara.")
    assert ctx.article.publisher_lines  # the banner line is kept out of the text, as evidence of the publisher
    assert "United States" not in ctx.text
    assert publisher_nations(ctx) == ("USA",)


@pytest.mark.parametrize(
    "text",
    [
        "Militants loyal to the Islamic State of Iraq and Syria attacked the town.",
        "Gen. Ana Lindqvist, commander of U.S. Africa Command, toured the base.",
        "She served with the U.N. Peacekeeping Mission in the South Sudan for two years.",
    ],
)
def test_a_nation_inside_an_organization_s_name_is_no_mention_of_it(text: str) -> None:
    assert find_nations(context(text), []) == []


def test_a_nation_beside_an_organization_is_still_named() -> None:
    ctx = context("Iraq and Syria asked NATO for help.")
    assert [n.iso3 for n in find_nations(ctx, [])] == ["IRQ", "SYR"]


def test_a_curly_apostrophe_keeps_the_longer_name_whole() -> None:
    text = "They discussed the People’s Republic of China’s provocations and the Democratic People’s Republic of Korea."
    assert [n.iso3 for n in find_nations(context(text), [])] == ["CHN", "PRK"]
