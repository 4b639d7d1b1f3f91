"""Temporal expressions resolved against the article's date (sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from kg import timex

TUESDAY = date(2023, 7, 11)


@pytest.mark.parametrize(
    ("sentence", "future", "expected"),
    [
        ("The ministers met today in the capital.", False, "2023-07-11"),
        ("The envoy arrived yesterday.", False, "2023-07-10"),
        ("The leaders talked on Monday.", False, "2023-07-10"),
        ("The leaders talked on Tuesday.", False, "2023-07-11"),
        ("The leaders will talk on Wednesday.", True, "2023-07-12"),
        ("They met last Tuesday.", False, "2023-07-04"),
        ("The two met on March 3.", False, "2023-03-03"),
        ("The two met on Dec. 12 last year.", False, "2022-12-12"),
        ("The pact was signed Sept. 3, 2019, in the capital.", False, "2019-09-03"),
        ("The summit opened on 14 June.", False, "2023-06-14"),
        ("The minister was received at the palace this morning.", False, "2023-07-11"),
        ("The delegation arrived last night.", False, "2023-07-10"),
        ("Later on the 5th, the ministers signed the accord.", False, "2023-07-05"),
        ("On the 28th, the ministers met again.", False, "2023-06-28"),
        ("The minister welcomed his counterpart on 3rd July 2023.", False, "2023-07-03"),
        ("The talks were held on the 4th of July.", False, "2023-07-04"),
    ],
)
def test_expressions_that_name_a_day(sentence: str, future: bool, expected: str) -> None:
    found = [t for t in timex.find(sentence, TUESDAY, future=future) if t.value]
    assert found and found[0].value.isoformat() == expected


def test_a_bare_date_after_the_article_is_last_year() -> None:
    [t] = timex.find("They met on Dec. 28.", date(2024, 1, 5))
    assert t.value == date(2023, 12, 28)


@pytest.mark.parametrize("sentence", ["They last met in June of last year.", "The talks began last month."])
def test_expressions_without_a_day_resolve_to_nothing(sentence: str) -> None:
    assert all(t.value is None for t in timex.find(sentence, TUESDAY))


def test_offsets_point_into_the_article() -> None:
    [t] = timex.find("Met on Monday.", TUESDAY, offset=100)
    assert (t.start, t.end) == (107, 113)


def test_without_an_anchor_relative_days_stay_unresolved() -> None:
    assert [t.value for t in timex.find("They met today.", None)] == [None]


def test_docstring_examples() -> None:
    import doctest

    result = doctest.testmod(timex)
    assert result.attempted > 0 and result.failed == 0
