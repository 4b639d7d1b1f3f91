"""Titles (kg.extract.titles): what the words around a name say of the person's office, rank and nation."""

from __future__ import annotations

import pytest
from extract_context import context

from kg.extract.people import find_people
from kg.model import PersonMention

pytestmark = pytest.mark.model


def person(text: str, name: str) -> PersonMention:
    return next(p for p in find_people(context(text)) if p.name == name)


@pytest.mark.parametrize(
    ("text", "nation"),
    [
        ("Maria Lopez, chargé d'affaires at the U.S. Embassy in Lima, attended the talks.", "USA"),
        ("Maria Lopez, the charge d'affaires at the Embassy of Japan in Hanoi, spoke first.", "JPN"),
        ("Maria Lopez, Chargé d’Affaires a.i. of the Australian Embassy, opened the exhibition.", "AUS"),
    ],
)
def test_a_diplomat_at_an_embassy_serves_the_nation_that_sends_it(text: str, nation: str) -> None:
    lopez = person(text, "Maria Lopez")
    assert (lopez.office, lopez.nation) == ("Chargé d'Affaires", nation)


def test_an_embassy_after_the_office_is_no_person() -> None:
    names = {p.name for p in find_people(context("Maria Lopez, Chargé d'Affaires a.i. of the U.S. Embassy, spoke."))}
    assert names == {"Maria Lopez"}


def test_an_appositive_between_two_names_is_the_office_of_the_name_before() -> None:
    text = (
        "The guests were met by Capt. Ellen Marsh, the U.S. Naval Forces Korea commander, Cmdr. Peter Yang, "
        "commander, Destroyer Squadron 9, and other officers."
    )
    marsh, yang = person(text, "Ellen Marsh"), person(text, "Peter Yang")
    assert marsh.title is not None and "Naval Forces Korea commander" in marsh.title
    assert marsh.nation == "USA"
    assert yang.title == "commander"
    assert yang.nation is None
