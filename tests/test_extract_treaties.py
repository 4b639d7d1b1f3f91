"""Treaties (kg.extract.treaties): treaties the gazetteer knows, capitalized treaty names, descriptions of a
treaty, cited provisions, and aliases."""

from __future__ import annotations

import pytest
from extract_context import context

from kg.extract.treaties import find_treaties
from kg.model import TreatyMention

pytestmark = pytest.mark.model


def treaties(text: str) -> list[TreatyMention]:
    return find_treaties(context(text))


def test_a_treaty_the_gazetteer_knows_with_its_parties() -> None:
    (mdt,) = treaties("The Philippines and the United States invoked the 1951 Mutual Defense Treaty.")
    assert (mdt.key, mdt.parties, mdt.generic) == ("us-philippines-mdt", ("PHL", "USA"), False)


def test_a_capitalized_treaty_name_the_gazetteer_does_not_know() -> None:
    (accord,) = treaties("Indonesia and Malaysia signed the Borneo Fisheries Accord on Monday.")
    assert (accord.name, accord.key, accord.generic) == ("Borneo Fisheries Accord", None, False)


def test_descriptions_of_a_treaty() -> None:
    text = "Washington and Tokyo renewed the U.S.-Japan pact. Critics want a new mutual defense treaty."
    pact, treaty = treaties(text)
    assert (pact.name, pact.parties, pact.generic) == ("U.S.-Japan pact", ("JPN", "USA"), False)
    assert (treaty.name, treaty.parties, treaty.generic) == ("mutual defense treaty", (), True)


def test_the_alliance_is_no_mention_of_its_treaty() -> None:
    assert treaties("Both navies took part in North Atlantic Treaty Organization\u2019s Exercise Neptune Strike.") == []


def test_a_pronoun_after_and_ends_a_treaty_name() -> None:
    found = treaties("We discussed the Hague Fisheries Protocol and I stressed the need for early engagement.")
    assert [t.name for t in found] == ["Hague Fisheries Protocol"]


def test_a_signed_statement_of_three_words_is_an_agreement_one_of_two_is_news() -> None:
    found = treaties("Tom Ridley and his German counterpart Ana Lindqvist signed a Joint Vision Statement today.")
    assert [t.name for t in found] == ["Joint Vision Statement"]
    assert treaties("Tom Ridley and his German counterpart Ana Lindqvist signed a Joint Statement today.") == []


def test_a_known_treaty_in_lower_case_is_that_treaty_where_its_parties_are_named() -> None:
    (fpa,) = treaties("Australia's prime minister and the U.S. president announced the force posture agreement.")
    assert (fpa.key, fpa.generic) == ("us-australia-force-posture-agreement", False)
    (generic,) = treaties("The two sides announced the force posture agreement.")
    assert (generic.key, generic.generic) == (None, True)


def test_well_known_declarations_and_frameworks_are_in_the_data() -> None:
    (declaration,) = treaties("Both stressed the faithful implementation of the Panmunjeom Declaration.")
    assert (declaration.key, declaration.parties) == ("panmunjeom-declaration", ("KOR", "PRK"))


def test_an_acronym_is_an_alias_and_names_the_treaty_later() -> None:
    found = treaties(
        "The Philippines and the United States discussed the Enhanced Defense Cooperation Agreement, or EDCA, "
        "on Monday. Work at EDCA sites goes on."
    )
    assert {t.key for t in found} == {"edca"}
    assert any(t.name == "EDCA" and t.alias_of == "Enhanced Defense Cooperation Agreement" for t in found)
    assert found[-1].name == "EDCA" and found[-1].sentence == 1


def test_a_cited_provision() -> None:
    found = treaties("Allies invoked Article 5 of the North Atlantic Treaty.")
    provision = next(t for t in found if t.provision)
    assert (provision.name, provision.generic) == ("Article 5", True)
    assert any(t.name == "North Atlantic Treaty" and t.key for t in found)


@pytest.mark.parametrize(
    ("text", "name", "parties"),
    [
        ("Papua New Guinea and the United States signed a new bilateral defense cooperation agreement on Monday.",
         "bilateral defense cooperation agreement", ("PNG", "USA")),
        ("Indonesia and Australia agreed on a maritime security cooperation arrangement.",
         "maritime security cooperation arrangement", ("AUS", "IDN")),
    ],
)  # fmt: skip
def test_an_agreement_named_plainly_is_a_treaty_of_the_nations_its_sentence_names(text, name, parties) -> None:
    (agreement,) = treaties(text)
    assert (agreement.name, agreement.parties, agreement.generic) == (name, parties, False)


def test_roadmaps_and_arrangements_are_named_agreements_and_partnerships_are_not() -> None:
    names = {t.name for t in treaties(
        "Vietnam and the United States adopted the 2020-2030 Roadmap for Defense Cooperation. The Five Power "
        "Defence Arrangements were discussed, under their Comprehensive Strategic Partnership."
    )}  # fmt: skip
    assert "2020-2030 Roadmap for Defense Cooperation" in names
    assert "Five Power Defence Arrangements" in names
    assert not any("Partnership" in n for n in names)


def test_a_plain_agreement_before_its_name_is_the_agreement_named_after() -> None:
    found = treaties(
        "The Philippines and Japan signed a defense agreement on Monday. Japanese Foreign Minister Yoko Kamikawa "
        "signed the Reciprocal Access Agreement in Manila."
    )
    plain = next(t for t in found if t.name == "defense agreement")
    assert plain.key == next(t.key for t in found if t.name == "Reciprocal Access Agreement") is not None


def test_an_alliance_of_many_has_as_parties_only_those_the_article_names() -> None:
    found = treaties("Singapore and the United Kingdom hosted a Five Power Defence Arrangements exercise.")
    fpda = next(t for t in found if t.key == "fpda")
    assert fpda.parties == ("GBR", "SGP")


def test_a_known_agreement_name_after_other_nations_is_another_pairs_agreement() -> None:
    (agreement,) = treaties("Poland praised the 2020 U.S.-Poland Enhanced Defense Cooperation Agreement on Monday.")
    assert (agreement.key, agreement.parties) == (None, ("POL", "USA"))
    assert agreement.name == "2020 U.S.-Poland Enhanced Defense Cooperation Agreement"
    (edca,) = treaties("Manila welcomed the U.S.-Philippines Enhanced Defense Cooperation Agreement.")
    assert edca.key == "edca"


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        ("Kenya and Uganda signed the Lake Victoria Accord on Monday. Under the Accord, patrols will double.",
         "Accord", "Lake Victoria Accord"),
        ("Chile and Peru signed a new bilateral defense cooperation agreement. The Defense Cooperation Agreement "
         "takes effect in May.", "Defense Cooperation Agreement", "bilateral defense cooperation agreement"),
        ("The navies signed a Memorandum of Agreement regarding Joint Patrols. The Memorandum runs for five years.",
         "Memorandum", "Memorandum of Agreement regarding Joint Patrols"),
    ],
)  # fmt: skip
def test_a_later_shorter_name_is_an_alias_of_the_agreement_named_before(text, short, full) -> None:
    found = treaties(text)
    assert [t.alias_of for t in found if t.name == short] == [full]
    assert [t.alias_of for t in found if t.name == full] == [None]


def test_an_agreement_said_of_the_one_just_named_is_that_one() -> None:
    found = treaties(
        "Chile and Peru have just signed a maritime cooperation agreement. This is a status of forces agreement, "
        "which both navies wanted."
    )
    assert [(t.name, t.alias_of) for t in found] == [
        ("maritime cooperation agreement", None),
        ("status of forces agreement", "maritime cooperation agreement"),
    ]


def test_the_word_treaty_modifying_another_noun_names_no_treaty() -> None:
    assert treaties("Officials said such a treaty level commitment had never existed.") == []
    assert [t.name for t in treaties("Officials said such a treaty had never existed.")] == ["treaty"]


def test_the_parties_of_a_name_with_between_run_to_the_end_of_its_phrase() -> None:
    (mou,) = treaties(
        "They will sign a Memorandum of Understanding on Cyber Cooperation between the Cyber Agency of Chile and "
        "the Office of Cyber Policy (Cabinet Office) of the Republic of Peru."
    )
    assert mou.parties == ("CHL", "PER")


def test_two_agreements_joined_by_and_are_two_names() -> None:
    names = [t.name for t in treaties(
        "Chile and Peru will use the Agreement on Fisheries Data and the Agreement concerning Search and Rescue "
        "between the Chilean Navy and the Peruvian Navy."
    )]  # fmt: skip
    assert names == [
        "Agreement on Fisheries Data",
        "Agreement concerning Search and Rescue between the Chilean Navy and the Peruvian Navy",
    ]


def test_a_known_kind_of_agreement_after_a_is_a_new_one_of_the_nations_named_with_it() -> None:
    (raa,) = treaties("Japan and the Philippines opened talks on a reciprocal access agreement.")
    assert (raa.generic, raa.key, raa.parties) == (False, "japan-philippines-raa", ("JPN", "PHL"))
    (gsomia,) = treaties("Chile and Peru began talks on a general security of military information agreement.")
    assert (gsomia.generic, gsomia.key, gsomia.parties) == (False, None, ("CHL", "PER"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Chile and Peru signed a joint Statement of Principles on fisheries on Monday.", "Statement of Principles"),
        ("The two ministers signed the Joint Declaration on Maritime Cooperation.",
         "Joint Declaration on Maritime Cooperation"),
        ("It builds on the APEC declaration she signed last year with her Peruvian counterpart.",
         "APEC declaration"),
        ("The two governments also signed an agreement concerning joint fisheries patrol operations.",
         "agreement concerning joint fisheries patrol operations"),
    ],
)  # fmt: skip
def test_a_document_the_text_says_was_signed_is_an_agreement(text, name) -> None:
    assert [t.name for t in treaties(text)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "The two ministers issued a Joint Statement on regional security.",
        "The leaders witnessed the signing of four memoranda, and a Joint Statement on trade.",
        "The ministers adopted the Joint Declaration on Maritime Cooperation.",
        "Chile and Peru signed an agreement on the sidelines of the summit.",
        "She recalled the declaration she signed last year.",
    ],
)
def test_statements_issued_and_documents_not_named_or_not_signed_are_not_agreements(text) -> None:
    assert treaties(text) == []


def test_the_parties_of_the_north_atlantic_treaty_are_the_members_the_article_names() -> None:
    found = treaties("Finland and Ukraine discussed the North Atlantic Treaty with Canada.")
    nat = next(t for t in found if t.key == "north-atlantic-treaty")
    assert nat.parties == ("CAN", "FIN")


def test_a_named_agreement_in_a_sentence_naming_no_nation_binds_those_of_the_sentence_before() -> None:
    found = treaties(
        "Chilean Defense Minister Ana Soto met her Peruvian counterpart in Lima. The two sides welcomed the Roadmap "
        "for Naval Cooperation."
    )
    roadmap = next(t for t in found if t.name == "Roadmap for Naval Cooperation")
    assert roadmap.parties == ("CHL", "PER")


def test_a_trilateral_agreement_binds_three_nations() -> None:
    found = treaties(
        "Peru hosted the talks in Lima. Peru, Chile and Ecuador have long patrolled together. The Chilean and "
        "Ecuadorian ministers signed the Trilateral Memorandum on Fisheries Patrols in Lima."
    )
    mou = next(t for t in found if t.name.startswith("Trilateral"))
    assert mou.parties == ("CHL", "ECU", "PER")


@pytest.mark.parametrize(
    "text",
    [
        "In the Lakeside Declaration signed that December, the two governments pledged not to use force.",
        "At the end of the meeting, the two ministers signed the EU-Ukraine Security and Defence Partnership.",
    ],
)
def test_a_declaration_or_a_partnership_said_to_be_signed_is_an_agreement(text: str) -> None:
    assert [t.name for t in treaties(text)] in (
        ["Lakeside Declaration"],
        ["EU-Ukraine Security and Defence Partnership"],
    )


def test_a_partnership_not_said_to_be_signed_is_no_agreement() -> None:
    assert treaties("The leaders reaffirmed the Comprehensive Strategic Partnership between the two countries.") == []


def test_a_word_of_a_rank_inside_a_treaty_s_name_is_part_of_it() -> None:
    found = treaties("The ministers welcomed the signing of the Canada-France In-Flight Security Officer Treaty.")
    assert [(t.name, t.parties) for t in found] == [("Canada-France In-Flight Security Officer Treaty", ("CAN", "FRA"))]
