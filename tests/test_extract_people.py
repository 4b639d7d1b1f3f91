"""People and offices (kg.extract.people): names, the title before or after a name, the nation it serves,
counterparts, titles shared in a list, and title-only references."""

from __future__ import annotations

import pytest
from extract_context import context

from kg.extract.people import find_people
from kg.model import PersonMention

pytestmark = pytest.mark.model


def people(text: str) -> dict[str, PersonMention]:
    """The people named in ``text``, by name (the first mention of each)."""
    out: dict[str, PersonMention] = {}
    for p in find_people(context(text)):
        out.setdefault(p.name, p)
    return out


def test_an_office_before_a_name_with_its_nation() -> None:
    found = people("Australia's Minister for Defence Richard Marles met Japanese Defense Minister Minoru Kihara.")
    marles, kihara = found["Richard Marles"], found["Minoru Kihara"]
    assert (marles.title, marles.office, marles.nation) == ("Minister for Defence", "Minister of Defense", "AUS")
    assert (kihara.title, kihara.office, kihara.nation) == ("Defense Minister", "Minister of Defense", "JPN")


def test_a_rank_stands_between_the_office_and_the_name() -> None:
    brown = people("Gen. Charles Brown, chairman of the Joint Chiefs of Staff, spoke on Tuesday.")["Charles Brown"]
    assert brown.rank == "Gen."
    assert brown.title == "chairman of the Joint Chiefs of Staff"
    assert brown.office == "Chairman of the Joint Chiefs of Staff"


def test_a_counterpart_holds_the_office_of_the_host_for_the_nation_named() -> None:
    found = people(
        "Gen. Charles Brown, chairman of the Joint Chiefs of Staff, spoke by phone with his Japanese counterpart, "
        "Gen. Yoshihide Yoshida, on Tuesday."
    )
    yoshida = found["Yoshihide Yoshida"]
    assert yoshida.office == "Chairman of the Joint Chiefs of Staff"
    assert yoshida.nation == "JPN"


def test_a_title_joined_to_a_nation_s_title_serves_that_nation() -> None:
    found = people("Japanese Foreign Minister Yoko Kamikawa and Defense Minister Minoru Kihara met reporters.")
    assert found["Yoko Kamikawa"].nation == "JPN"
    assert found["Minoru Kihara"].nation == "JPN"
    assert found["Minoru Kihara"].confidence < found["Yoko Kamikawa"].confidence


def test_a_nation_after_the_name() -> None:
    assert people("Prime Minister Narendra Modi of India spoke.")["Narendra Modi"].nation == "IND"


def test_a_title_never_runs_across_a_line_break() -> None:
    marles = people("Ministers met.\nDefense Minister\nRichard Marles spoke.")["Richard Marles"]
    assert marles.title is None and marles.office is None


def test_later_mentions_by_surname_and_by_title_alone() -> None:
    text = "Secretary of State Antony Blinken arrived. Blinken met reporters. The secretary left."
    found = find_people(context(text))
    assert [p.name for p in found] == ["Antony Blinken", "Blinken", ""]
    assert found[2].role == "secretary"
