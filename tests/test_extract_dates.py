"""Dates (kg.extract.dates): the day a clause names, whether it speaks of a time at all, and the day carried
over from the sentences before."""

from __future__ import annotations

from datetime import date

import pytest
from extract_context import context

from kg.extract.dates import clause_date, date_carried_to
from kg.extract.people import find_people

pytestmark = pytest.mark.model


def dated(text: str, *, future: bool = False, published: date | None = date(2024, 5, 23)) -> tuple[date | None, bool]:
    """The date of the article's first sentence as one clause."""
    ctx = context(text, published)
    first = ctx.sentences[0]
    return clause_date(ctx, first.text, first.start, future=future)


def test_a_weekday_is_read_against_the_article_s_date() -> None:
    assert dated("Austin met Kihara on Monday.") == (date(2024, 5, 20), True)
    assert dated("Austin will meet Kihara on Monday.", future=True) == (date(2024, 5, 27), True)


def test_a_time_that_names_no_day_dates_a_clause_without_a_day() -> None:
    assert dated("Austin met Kihara last week.") == (None, True)
    assert dated("Austin met Kihara.") == (None, False)


def test_the_day_the_sentence_names_wins_over_the_dateline_s() -> None:
    text = "SANTIAGO, Chile, Dec. 12, 2016 — Defense Secretary Ash Carter met Defense Minister José Gómez on Saturday."
    assert dated(text, published=None) == (date(2016, 12, 10), True)


def test_a_day_carried_over_from_a_sentence_about_the_same_people() -> None:
    ctx = context(
        "Japan and India signed an accord on Friday. The accord was signed after talks in Tokyo between "
        "Prime Minister Narendra Modi of India and Japanese Prime Minister Shinzo Abe."
    )
    people = [p for p in find_people(ctx) if p.sentence == 1]
    assert date_carried_to(ctx, ctx.sentences[1], people) == date(2024, 5, 17)
    assert date_carried_to(ctx, ctx.sentences[0], []) is None


def test_a_visit_over_several_days_names_no_one_day() -> None:
    assert dated("Whitfield met Guatemala's defense minister during a visit Nov. 12-14.") == (None, True)
    assert dated("During his 10-14 March visit, Austin met Marcos in Manila.") == (None, True)


def test_a_day_carries_over_only_from_a_sentence_that_tells_of_an_encounter() -> None:
    ctx = context(
        "Foreign Minister Ana Lindqvist paid tribute to the victims of the floods of May 3. Minister Lindqvist "
        "welcomed Minister Tomas Berg to the capital."
    )
    people = [p for p in find_people(ctx) if p.sentence == 1]
    assert date_carried_to(ctx, ctx.sentences[1], people) is None


def test_a_sentence_opened_by_a_pronoun_goes_on_with_the_day_before() -> None:
    ctx = context(
        "Prime Minister Ana Lindqvist arrived at the palace on Monday for an official visit. She called on "
        "President Tomas Berg and met Foreign Minister Ivo Maran."
    )
    people = [p for p in find_people(ctx) if p.sentence == 1]
    assert date_carried_to(ctx, ctx.sentences[1], people) == date(2024, 5, 20)
