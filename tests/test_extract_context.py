"""The shared context of the extract stage: sentences, lines, the gazetteer's terms in the text, and the small
helpers several rule families use."""

from __future__ import annotations

import doctest

import pytest
from extract_context import context

import kg.extract.context
from kg.extract.context import FOLLOWED_BY_NAME, ranked_nations, strip_the


@pytest.mark.model
def test_sentences_and_the_sentence_at_a_character() -> None:
    ctx = context("Austin met Kihara. They spoke of Japan.")
    assert [s.text for s in ctx.sentences] == ["Austin met Kihara.", "They spoke of Japan."]
    assert ctx.sentence_at(0) == 0
    assert ctx.sentence_at(ctx.text.index("Japan")) == 1
    assert ctx.sentence_of_token[len(ctx.doc) - 1] == 1


@pytest.mark.model
def test_a_line_starts_after_a_line_break() -> None:
    ctx = context("Ministers met.\nDefense Minister\nRichard Marles spoke.")
    richard = next(t for t in ctx.doc if t.text == "Richard")
    assert ctx.doc[ctx.line_start(richard.i)].text == "Richard"


@pytest.mark.model
def test_the_spans_of_nations_offices_and_organizations() -> None:
    ctx = context("Japanese Defense Minister Minoru Kihara met NATO Secretary General Jens Stoltenberg.")
    assert [(ctx.text[s:e], iso3) for s, e, iso3 in ctx.nation_spans] == [("Japanese", "JPN")]
    assert ctx.nation_at(0, 20) == "JPN"
    assert ctx.nation_at(10, 40) is None
    defense = next(t for t in ctx.doc if t.text == "Defense")
    assert ctx.office_covering(defense)[2] == "Defense Minister"
    nato = next(t for t in ctx.doc if t.text == "NATO")
    assert ctx.org_covering(nato) is not None
    assert ctx.terms("nation").search("talks in Japan").group(0) == "Japan"


@pytest.mark.model
def test_ranks_are_known_words_of_ranks() -> None:
    ctx = context("Gen. Charles Brown spoke.")
    assert ctx.is_rank("Gen.")
    assert not ctx.is_rank("Charles")


def test_shared_helpers() -> None:
    assert strip_the(10, 25, "the Senkaku Islands") == (14, 25, "Senkaku Islands")
    assert strip_the(0, 4, "Guam") == (0, 4, "Guam")
    assert ranked_nations([(0, 5, "JPN"), (9, 12, "USA"), (20, 25, "USA")]) == ("USA", "JPN")
    assert FOLLOWED_BY_NAME.match("Washington Treaty", len("Washington"))
    assert not FOLLOWED_BY_NAME.match("Washington Monday", len("Washington"))


def test_doctests() -> None:
    result = doctest.testmod(kg.extract.context)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.model
def test_line_span_and_an_office_s_body_up_to_a_name() -> None:
    ctx = context("Minister of State for Trade Policy Jane Holloway spoke.\nThe talks went well.")
    first_line = len("Minister of State for Trade Policy Jane Holloway spoke.")
    assert ctx.line_span(10) == (0, first_line)
    assert ctx.line_span(first_line + 3) == (first_line + 1, len(ctx.text))
    office = next(iter(ctx.office_spans))
    assert ctx.text[office[0] : office[1]] == "Minister of State for Trade Policy"


@pytest.mark.model
def test_a_portfolio_joined_by_and_reaches_to_the_name() -> None:
    ctx = context("The delegation includes Minister for Energy and Resources Paul Whitfield, officials say.")
    offices = [ctx.text[s:e] for s, e, _ in ctx.office_spans]
    assert offices == ["Minister for Energy and Resources"]
    other = context("He met the Minister for Energy and Foreign Minister Paul Whitfield.")
    assert "Minister for Energy and Foreign" not in [other.text[s:e] for s, e, _ in other.office_spans]


@pytest.mark.model
def test_an_office_written_with_accents_or_a_curly_apostrophe_is_found() -> None:
    ctx = context("Maria Lopez, chargé d’affaires of the embassy, spoke.")
    assert [(ctx.text[s:e], o) for s, e, o in ctx.office_spans] == [("chargé d’affaires", "chargé d’affaires")]


@pytest.mark.model
def test_a_portfolio_joined_by_and_reaches_to_a_name_set_off_by_a_comma() -> None:
    ctx = context("Smith met Ghana's Minister of Defence and Civil Protection, Dr. Ama Owusu, in Accra.")
    assert [ctx.text[s:e] for s, e, _ in ctx.office_spans] == ["Minister of Defence and Civil Protection"]
    ctx = context("Smith met the Minister of Defence and Jane Doe, and Dr. Ama Owusu, in Accra.")
    assert [ctx.text[s:e] for s, e, _ in ctx.office_spans] == ["Minister of Defence"]
