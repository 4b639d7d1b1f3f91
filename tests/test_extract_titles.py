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


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        # A courtesy title between the office and the name is the name's, not part of either.
        ("Ms Roe called on Senior Minister of State for Defence Mr Kamal Idris at the Ministry.", "Kamal Idris",
         "Senior Minister of State for Defence"),
        ("Ms Roe later called on Prime Minister the Rt Hon Peter Walsh at the Beehive.", "Peter Walsh",
         "Prime Minister"),
        ("Ms Roe welcomed Malaysia's Minister of Defence, Dato' Seri Khalid Hakim, to Wellington.", "Khalid Hakim",
         "Minister of Defence"),
        # An envoy's office reaches over the nation it is sent to, and the name after it is a person's.
        ("Gen. Roe flew north with U.S. Ambassador to Mozambique Gregory Laine.", "Gregory Laine",
         "Ambassador to Mozambique"),
        # An appositive office whose body goes on past its head word.
        ("Kerry met Salim Haddad, Speaker of the Council of Representatives, who backed the plan.", "Salim Haddad",
         "Speaker of the Council of Representatives"),
    ],
)  # fmt: skip
def test_the_office_around_a_name_whatever_stands_between(text: str, name: str, title: str) -> None:
    assert person(text, name).title == title


def test_a_malay_courtesy_title_is_no_part_of_the_name() -> None:
    names = {p.name for p in find_people(context("Dato' Seri Khalid Hakim met Defence Minister Jane Roe."))}
    assert "Khalid Hakim" in names and not any("Seri" in n or "Dato" in n for n in names)


def test_a_hyphenated_pair_of_nations_names_no_officials_nation() -> None:
    text = "1. Japan-U.S. Defense Cooperation Minister Kenji Sato welcomed the report."
    assert person(text, "Kenji Sato").nation is None


@pytest.mark.parametrize(
    ("text", "name", "title", "nation"),
    [
        ("British Permanent Under Secretary for Defense Ann Brook and Deputy Secretary Lynn signed it.", "Ann Brook",
         "Permanent Under Secretary for Defense", "GBR"),
        ("Defense Undersecretary Rey Mapa signed for the Philippine side.", "Rey Mapa", "Defense Undersecretary",
         None),
        ("Ann Lee led the Philippine side while FCO Asia Pacific Director Kate Whyte led the British side.",
         "Kate Whyte", "FCO Asia Pacific Director", "GBR"),
        # One of a person's joined offices only one nation has says whose they are.
        ("Tánaiste and Minister for Foreign Affairs Sean Byrne welcomed the Foreign Secretary.", "Sean Byrne",
         "Tánaiste and Minister for Foreign Affairs", "IRL"),
        # Letters after a name are no part of it, and a relative clause closes the appositive office.
        ("They were joined by Nick Fairley MP, Minister for the Constitution and EU Relations who updated them.",
         "Nick Fairley", "Minister for the Constitution and EU Relations", None),
    ],
)  # fmt: skip
def test_offices_in_the_forms_of_other_governments(text: str, name: str, title: str, nation: str | None) -> None:
    found = person(text, name)
    assert (found.title, found.nation) == (title, nation)


def test_an_office_before_and_is_not_the_next_name_s() -> None:
    """ "The Foreign Secretary and Jane Roe": the office is another person's, Roe has none of her own."""
    assert person("The Foreign Secretary and Jane Roe met the press.", "Jane Roe").title is None


def test_a_post_named_by_a_force_and_a_rank_is_the_post_of_that_force_s_nation() -> None:
    found = person(
        "Separately, Gen. Roe met with Elijah Kori, Kenya Defense Forces Sergeant Major, on Tuesday.", "Elijah Kori"
    )
    assert (found.title, found.nation) == ("Kenya Defense Forces Sergeant Major", "KEN")


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("On 6 December, H.E. Mr. Pran Bahid, Deputy Prime Minister and Minister of Foreign Affairs, met the envoy.",
         "Pran Bahid", "Deputy Prime Minister and Minister of Foreign Affairs"),
        # Posts kg knows no office in come first; the office is among those after them.
        ("He met H.E. Mr. Wang Lin, Member of the Political Bureau of the Central Committee, and Minister of Foreign "
         "Affairs of the People's Republic of China, at the meeting.", "Wang Lin",
         "Minister of Foreign Affairs of the People's Republic of China"),
    ],
)  # fmt: skip
def test_an_appositive_of_several_posts(text: str, name: str, title: str) -> None:
    assert person(text, name).title == title


def test_a_purpose_closes_an_appositive_office_no_comma_closes() -> None:
    text = (
        "Gen. Tom Ridley met with Admiral Ivo Maran, Commander of the United States Indo-Pacific Command to discuss "
        "shared interests in the region."
    )
    maran = person(text, "Ivo Maran")
    assert (maran.title, maran.nation) == ("Commander of the United States Indo-Pacific Command", "USA")


def test_the_force_an_office_heads_stands_before_it_with_its_nation() -> None:
    commander = person("Colombian National Army Commander Gen. Ana Lindqvist arrived on Monday.", "Ana Lindqvist")
    assert (commander.title, commander.nation, commander.rank) == ("National Army Commander", "COL", "Gen.")


def test_an_office_before_a_name_never_reaches_back_over_a_sentence() -> None:
    text = "Tom Ridley met Defence Minister of Norway Ana Lindqvist. Iran's Foreign Minister Ivo Maran joined them."
    assert (person(text, "Ana Lindqvist").title, person(text, "Ana Lindqvist").nation) == (
        "Defence Minister of Norway",
        "NOR",
    )
    assert (person(text, "Ivo Maran").title, person(text, "Ivo Maran").nation) == ("Foreign Minister", "IRN")


def test_a_bare_office_after_and_is_another_persons_not_a_second_office() -> None:
    text = "The High Representative and Minister Ana Lindqvist last met in Kyiv last month."
    assert person(text, "Ana Lindqvist").title == "Minister"
    text = "The Deputy Prime Minister and Minister for Defence Tom Ridley spoke."
    assert person(text, "Tom Ridley").title == "Deputy Prime Minister and Minister for Defence"
