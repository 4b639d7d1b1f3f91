"""Transcripts and releases (kg.extract.transcripts): speakers' labels in capitals, a release's minister above
the offices held, and a briefer above an office whom the labels name."""

from __future__ import annotations

import pytest
from extract_context import context

from kg.extract.people import find_people
from kg.extract.transcripts import contact_blocks, speaker_labels
from kg.model import PersonMention

pytestmark = pytest.mark.model


def by_name(found: list[tuple[PersonMention, tuple[int, int]]]) -> dict[str, PersonMention]:
    """The people a rule found, by name (the first mention of each)."""
    out: dict[str, PersonMention] = {}
    for p, _ in found:
        out.setdefault(p.name, p)
    return out


def people(text: str) -> dict[str, PersonMention]:
    """The people find_people names in ``text``, by name (the first mention of each)."""
    out: dict[str, PersonMention] = {}
    for p in find_people(context(text)):
        out.setdefault(p.name, p)
    return out


def test_a_speaker_s_label_in_capitals_gives_the_name_and_the_office() -> None:
    found = by_name(
        speaker_labels(
            context(
                "NORA BLYTHE, DEPUTY PRIME MINISTER: Thank you all for coming today.\n"
                "MINISTER FOR DEFENCE OF NORWAY, LARS HOLM: Thank you, Nora.\n"
                "QUESTION: What did you agree?\n"
                "SECRETARY ABERNATHY: We agreed to meet again.\n"
            )
        )
    )
    assert found["Nora Blythe"].title == "Deputy Prime Minister"
    holm = found["Lars Holm"]
    assert (holm.title, holm.office, holm.nation) == ("Minister for Defence of Norway", "Minister of Defense", "NOR")
    assert found["Abernathy"].title == "Secretary"
    assert "Question" not in found


def test_a_label_of_one_part_may_hold_a_modifier_or_a_nation_before_the_office_then_the_name() -> None:
    found = by_name(
        speaker_labels(
            context(
                "ACTING SECRETARY OF DEFENSE TOM RIDLEY: Welcome back to the Pentagon.\n"
                "NORWAY MINISTER OF DEFENCE LARS HOLM: Thank you, Tom.\n"
            )
        )
    )
    assert found["Tom Ridley"].title == "Acting Secretary of Defense"
    holm = found["Lars Holm"]
    assert (holm.title, holm.nation) == ("Minister of Defence", "NOR")


def test_a_release_names_its_minister_above_the_offices_held() -> None:
    text = (
        "Media release\n\nThe Hon Nora Blythe MP\n\nDeputy Prime Minister\n\nMinister for Defence\n\n"
        "Media contact\n\nToday the two ministers met in Oslo."
    )
    blythe = by_name(contact_blocks(context(text), set()))["Nora Blythe"]
    assert blythe.title == "Deputy Prime Minister and Minister for Defence"
    assert blythe.office == "Deputy Prime Minister"
    # A line that is no name above an office is not a person.
    assert not contact_blocks(context("Release details\nMinister for Defence\nThe ministers met."), set())


def test_a_briefer_above_the_office_is_the_speaker_the_labels_name() -> None:
    # Through find_people, which hands the surnames in the labels to the rule for releases. (A name the tagger
    # does not know as a person's: the label "MS QUARRIE:" says it is one.)
    found = people("Press briefing\n\nTamsin Quarrie\nDepartment Spokesperson\n\nMS QUARRIE: Good afternoon.")
    assert found["Tamsin Quarrie"].office == "Spokesperson"
    assert "Tamsin Quarrie" not in people("Press briefing\n\nTamsin Quarrie\nDepartment Spokesperson\n\nGood day.")


def test_a_note_in_brackets_before_the_colon_and_a_nation_before_the_office() -> None:
    text = (
        "PARK MIN-SOO, MINISTER OF NATIONAL DEFENSE (via interpreter): We welcome our guests.\n"
        "TAN KOK WEI, SINGAPORE MINISTER FOR DEFENCE: Thank you, Minister Park.\n"
    )
    found = by_name(speaker_labels(context(text)))
    assert found["Park Min-Soo"].title == "Minister of National Defense"
    tan = found["Tan Kok Wei"]
    assert (tan.title, tan.office, tan.nation) == ("Minister for Defence", "Minister of Defense", "SGP")


def test_a_label_that_is_a_name_alone_is_a_speaker_named_elsewhere_in_the_transcript() -> None:
    text = (
        "TAN KOK WEI, SINGAPORE MINISTER FOR DEFENCE: Thank you all.\n"
        "QUESTION: Will the exercise go ahead?\n"
        "TAN KOK WEI: It will, next month.\n"
        "UNNAMED OFFICIAL: No further comment.\n"
    )
    labels = [(p.name, text[s:e]) for p, (s, e) in speaker_labels(context(text))]
    assert labels == [
        ("Tan Kok Wei", "TAN KOK WEI, SINGAPORE MINISTER FOR DEFENCE"),
        ("Tan Kok Wei", "TAN KOK WEI"),
    ]


def test_a_nation_s_possessive_before_the_office_in_a_label_gives_the_nation() -> None:
    found = by_name(
        speaker_labels(context("TANAKA HIROSHI, JAPAN’S MINISTER OF DEFENSE (VIA TRANSLATOR): Welcome to Tokyo.\n"))
    )
    tanaka = found["Tanaka Hiroshi"]
    assert (tanaka.title, tanaka.nation) == ("Minister of Defense", "JPN")
