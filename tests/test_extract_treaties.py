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
