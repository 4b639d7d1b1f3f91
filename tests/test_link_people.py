"""Who is who across articles (kg.link.names, kg.link.people): names, surnames alone, namesakes, time, pairs."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from kg.link import link
from kg.link.names import names_agree, parse
from kg.link.people import cluster_officials
from kg.link.records import Record

KGR = "https://w3id.org/kg/id/"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jim Mattis", "James N. Mattis"),  # a nickname, a middle initial
        ("Joe Biden", "Joseph R. Biden Jr."),
        ("Mevlut Cavusoglu", "Mevlüt Çavuşoğlu"),  # diacritics dropped
        ("KAMIKAWA Yoko", "Yoko Kamikawa"),  # the family name first, in capitals
        ("Kishida Fumio", "Fumio Kishida"),  # the family name first
        ("Moon Jae-in", "Moon Jae In"),
        ("Lloyd Austin", "Lloyd J. Austin III"),
        ("Luis Navarro", "Luis Navarro Jiménez"),  # a second family name left out
        ("Chee Wah", "Lim Chee Wah"),  # the given names alone
        ("Itsunori Ododera", "Itsunori Onodera"),  # a misspelling
        ("CQ Brown", "Charles Q. Brown Jr."),  # initials without dots
        ("Gen Nakatani", "NAKATANI Gen"),  # "Gen" is his given name, not a rank
    ],
)
def test_names_of_one_person(a, b):
    assert names_agree(parse(a), parse(b))
    assert names_agree(parse(b), parse(a))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("George H. W. Bush", "George W. Bush"),
        ("John Smith", "Jane Smith"),
        ("Jake Sullivan", "John Sullivan"),
        ("Joseph Biden Jr.", "Joseph Biden Sr."),
        ("Lee Hsien Loong", "Lee Nak-yon"),
        ("Bush", "George W. Bush"),  # a surname alone is no full name: kg.link.people decides
    ],
)
def test_names_of_two_people(a, b):
    assert not names_agree(parse(a), parse(b))


def official(
    article: str, name: str, *, office: str | None = None, nation: str | None = None, day: str = "2017-02-03"
) -> Record:
    values = {"name": frozenset({name})}
    if office:
        values["holdsOffice"] = frozenset({f"{KGR}office/{nation}/{office}"})
    if nation:
        values["serves"] = frozenset({f"{KGR}nation/{nation}"})
    slug = name.lower().replace(" ", "-").replace(".", "")
    return Record(f"{KGR}article/{article}", f"{KGR}official/{slug}", "Official", date.fromisoformat(day), values)


def persons(records: list[Record], **pairs) -> list[set[tuple[str, str]]]:
    """The persons of ``records`` as sets of (article, name)."""
    found = cluster_officials(records, **pairs)
    return sorted(
        ({(r.article.rsplit("/", 1)[1], r.names[0]) for r in p.records} for p in found), key=lambda p: sorted(p)
    )


def test_variants_of_a_name_are_one_person():
    records = [
        official("a", "James N. Mattis", office="secretary-of-defense", nation="USA"),
        official("b", "Jim Mattis", office="secretary-of-defense", nation="USA"),
        official("c", "Mattis", office="secretary-of-defense", nation="USA"),
    ]
    assert persons(records) == [{("a", "James N. Mattis"), ("b", "Jim Mattis"), ("c", "Mattis")}]


def test_a_surname_alone_joins_the_one_person_whose_nation_and_office_fit():
    records = [
        official("a", "Peter Kim", office="minister-of-foreign-affairs", nation="KOR"),
        official("b", "Anna Kim", office="ambassador", nation="USA"),
        official("c", "Kim", office="minister-of-foreign-affairs", nation="KOR"),
    ]
    assert persons(records) == [{("a", "Peter Kim"), ("c", "Kim")}, {("b", "Anna Kim")}]


def test_a_surname_alone_that_fits_two_people_stays_apart():
    records = [
        official("a", "Peter Kim", office="minister", nation="KOR"),
        official("b", "Paul Kim", office="minister", nation="KOR"),
        official("c", "Kim", office="minister", nation="KOR"),
    ]
    assert persons(records) == [{("a", "Peter Kim")}, {("b", "Paul Kim")}, {("c", "Kim")}]


def test_the_two_presidents_bush_stay_apart_and_a_surname_alone_joins_the_one_of_its_time():
    records = [
        official("a", "George H. W. Bush", office="president", nation="USA", day="1990-05-01"),
        official("b", "George W. Bush", office="president", nation="USA", day="2005-05-01"),
        official("c", "Bush", office="president", nation="USA", day="1991-03-01"),
        official("d", "Bush", office="president", nation="USA", day="2006-03-01"),
        official("e", "George Bush", office="president", nation="USA", day="1992-01-01"),
    ]
    assert persons(records) == [
        {("a", "George H. W. Bush"), ("c", "Bush"), ("e", "George Bush")},
        {("b", "George W. Bush"), ("d", "Bush")},
    ]


def test_a_surname_alone_in_articles_years_apart_is_two_people():
    records = [
        official("a", "Bush", office="president", nation="USA", day="1990-05-01"),
        official("b", "Bush", office="president", nation="USA", day="2005-05-01"),
        official("c", "Bush", office="president", nation="USA", day="2006-05-01"),
    ]
    assert persons(records) == [{("a", "Bush")}, {("b", "Bush"), ("c", "Bush")}]


def test_one_name_in_another_office_a_decade_later_is_another_person():
    records = [
        official("a", "David Johnston", office="minister-of-defense", nation="AUS", day="2013-10-01"),
        official("b", "David Johnston", office="chief-of-defence-force", nation="AUS", day="2025-06-01"),
    ]
    assert len(persons(records)) == 2


def test_one_name_in_one_office_a_decade_apart_is_one_person():
    records = [
        official("a", "Angela Merkel", office="chancellor", nation="DEU", day="2009-06-18"),
        official("b", "Angela Merkel", office="chancellor", nation="DEU", day="2019-01-22"),
    ]
    assert len(persons(records)) == 1


def test_the_result_does_not_depend_on_the_order_of_the_records():
    records = [
        official("a", "George H. W. Bush", office="president", nation="USA", day="1990-05-01"),
        official("b", "George W. Bush", office="president", nation="USA", day="2005-05-01"),
        official("c", "Bush", office="president", nation="USA", day="1991-03-01"),
        official("d", "Jim Mattis", office="secretary-of-defense", nation="USA"),
        official("e", "Mattis", office="secretary-of-defense", nation="USA"),
        official("f", "James N. Mattis", office="secretary-of-defense", nation="USA"),
    ]
    first = link(records).canonical
    assert len(set(first.values())) == 3
    for order in itertools.permutations(records):
        assert link(order).canonical == first


def test_an_analysts_distinct_pair_keeps_two_apart_and_a_same_pair_joins_two():
    records = [
        official("a", "Jim Mattis", office="secretary-of-defense", nation="USA"),
        official("b", "James Mattis", office="secretary-of-defense", nation="USA"),
        official("c", "Jonathan Riley", office="ambassador", nation="USA"),
        official("d", "Richard H. Riley IV", office="ambassador", nation="USA"),
    ]
    assert len(persons(records)) == 3
    mattis = frozenset({f"{KGR}official/jim-mattis", f"{KGR}official/james-mattis"})
    riley = frozenset({f"{KGR}official/jonathan-riley", f"{KGR}official/richard-h-riley-iv"})
    assert persons(records, distinct={mattis}, same={riley}) == [
        {("a", "Jim Mattis")},
        {("b", "James Mattis")},
        {("c", "Jonathan Riley"), ("d", "Richard H. Riley IV")},
    ]


def test_two_officials_one_article_keeps_apart_stay_apart():
    records = [
        official("a", "Mattis", office="secretary-of-defense", nation="USA"),
        official("a", "Jim Mattis", office="secretary-of-defense", nation="USA"),
    ]
    assert len(persons(records)) == 2


def test_a_surname_alone_joins_the_one_of_two_namesakes_in_office_that_day_or_nearest_to_it():
    records = [
        official("a", "Benjamin Brooks", office="secretary-of-state", nation="USA", day="2012-01-08"),
        official("b", "Benjamin Brooks", office="secretary-of-state", nation="USA", day="2016-05-18"),
        official("c", "Anna Brooks", office="secretary-of-state", nation="USA", day="2017-03-02"),
        official("d", "Anna Brooks", office="secretary-of-state", nation="USA", day="2020-03-01"),
        official("e", "Brooks", office="secretary-of-state", nation="USA", day="2013-03-29"),  # in his term
        official("f", "Brooks", office="secretary-of-state", nation="USA", day="2017-01-20"),  # nearer hers
        official("g", "Brooks", office="secretary-of-state", nation="USA", day="2016-10-09"),  # 144 days from each
    ]
    assert persons(records) == [
        {("a", "Benjamin Brooks"), ("b", "Benjamin Brooks"), ("e", "Brooks")},
        {("c", "Anna Brooks"), ("d", "Anna Brooks"), ("f", "Brooks")},
        {("g", "Brooks")},
    ]


@pytest.mark.parametrize("module", ["kg.link.names", "kg.link.tenure", "kg.link.overrides"])
def test_docstring_examples(module):
    import doctest
    import importlib

    failures, tried = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failures == 0


def test_a_deputys_title_is_not_the_principals():
    def titled(article: str, name: str, title: str) -> Record:
        values = {"name": frozenset({name}), "title": frozenset({title}), "serves": frozenset({f"{KGR}nation/KOR"})}
        return Record(f"{KGR}article/{article}", f"{KGR}official/{article}", "Official", date(2020, 1, 1), values)

    records = [
        titled("a", "Peter Kim", "Defense Minister"),
        titled("b", "Paul Kim", "Deputy Defense Minister"),
        titled("c", "Kim", "Deputy Defense Minister"),
    ]
    assert persons(records) == [{("a", "Peter Kim")}, {("b", "Paul Kim"), ("c", "Kim")}]
