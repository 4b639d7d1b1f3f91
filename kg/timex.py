"""Temporal expressions: turn "today", "on Monday", "Dec. 12 last year" into dates against the article's date.

Only expressions that name a day resolve; "last month" or "in June" give no day and resolve to None, because
a date the text cannot tell is left unbound, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_FIRST = (
    r"(?P<day2>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month2>"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?"
)
MONTH_DAY = re.compile(
    rf"\b(?:{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|{_DAY_FIRST})\b"
    r"(?:,?\s+(?P<year>\d{4})\b|\s+(?P<rel>last|next|this)\s+year\b)?",
    re.IGNORECASE,
)
_MONTH_WORD = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# "Nov. 22-24", "March 10 to 14", "10-14 March": several days, so no one day for what the sentence tells.
DAY_RANGE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_WORD})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|—|to|through)\s*"
    rf"(?:(?P<m2>{_MONTH_WORD})\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<d3>\d{{1,2}})\s*(?:-|–|—|to)\s*(?P<d4>\d{{1,2}})\s+(?P<m3>{_MONTH_WORD}))\b(?:,?\s+(?P<year>\d{{4}})\b)?",
    re.IGNORECASE,
)
WEEKDAY = re.compile(r"\b(?:(?P<rel>last|next|this)\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
RELATIVE_DAY = re.compile(
    r"\b(?P<word>today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|last night)\b", re.IGNORECASE
)
DAY_OF_MONTH = re.compile(r"\bon the (?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b", re.IGNORECASE)
DAY_SHIFT = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1}


@dataclass(frozen=True)
class Timex:
    """A temporal expression in a sentence: its offsets, its text, and the day it names (if it names one)."""

    start: int
    end: int
    text: str
    value: date | None
    future: bool = False
    days: tuple[date, date] | None = None  # the first and last day of a range ("Nov. 22-24"), which has no value


def resolve_month_day(
    month: int,
    day: int,
    anchor: date,
    *,
    year: int | None = None,
    rel: str | None = None,
    future: bool = False,
) -> date | None:
    """The date of "Aug. 3" (and "Aug. 3 last year") relative to the article's date ``anchor``."""
    if year is None:
        year = anchor.year + {"last": -1, "next": 1}.get((rel or "").lower(), 0)
        if rel is None:
            candidate = _safe_date(year, month, day)
            # A bare "Dec. 28" in a January article is last year's; in the future tense it is next year's.
            if candidate and not future and candidate > anchor + timedelta(days=7):
                year -= 1
            elif candidate and future and candidate < anchor - timedelta(days=7):
                year += 1
    return _safe_date(year, month, day)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find(text: str, anchor: date | None, *, offset: int = 0, future: bool = False) -> list[Timex]:
    """Every temporal expression in ``text`` that names a day, resolved against ``anchor``.

    ``offset`` is added to the positions (``text`` is usually one sentence of the article); ``future`` says
    whether the sentence speaks of what is to come, which decides the direction of a bare weekday.

    >>> [t.value.isoformat() for t in find("They met on Monday", date(2023, 7, 11))]
    ['2023-07-10']
    >>> [t.value.isoformat() for t in find("in Brisbane on July 29 last year", date(2024, 8, 6))]
    ['2023-07-29']
    >>> [(t.text, t.value) for t in find("during a visit Nov. 22-24", date(2024, 12, 1))]
    [('Nov. 22-24', None)]
    >>> [d.isoformat() for d in find("visited April 28 – May 1, 2025", date(2025, 5, 2))[0].days]
    ['2025-04-28', '2025-05-01']
    """
    found: list[Timex] = []
    taken: list[range] = []

    def add(match: re.Match[str], value: date | None, days: tuple[date, date] | None = None) -> None:
        span = range(match.start(), match.end())
        if any(set(span) & set(t) for t in taken):
            return
        taken.append(span)
        found.append(Timex(offset + match.start(), offset + match.end(), match.group(0), value, future, days))

    for m in DAY_RANGE.finditer(text):
        add(m, None, _range_days(m, anchor, future) if anchor else None)
    for m in MONTH_DAY.finditer(text):
        month = MONTHS[(m.group("month") or m.group("month2")).lower().rstrip(".")]
        day = int(m.group("day") or m.group("day2"))
        year = int(m.group("year")) if m.group("year") else None
        if year is None and anchor is None:
            add(m, None)
            continue
        add(
            m,
            resolve_month_day(month, day, anchor, year=year, rel=m.group("rel"), future=future)
            if anchor
            else _safe_date(year, month, day),
        )
    for m in DAY_OF_MONTH.finditer(text):
        # "on the 5th": that day of the article's month, or of the month before when it is still to come
        day = int(m.group("day"))
        value = None
        if anchor:
            value = _safe_date(anchor.year, anchor.month, day)
            if value is None or (value > anchor and not future):
                previous = anchor.replace(day=1) - timedelta(days=1)
                value = _safe_date(previous.year, previous.month, day)
        add(m, value)
    for m in RELATIVE_DAY.finditer(text):
        shift = DAY_SHIFT[m.group("word").split()[0].lower()]
        add(m, anchor + timedelta(days=shift) if anchor else None)
    for m in WEEKDAY.finditer(text):
        add(
            m,
            resolve_weekday(WEEKDAYS[m.group("weekday").lower()], anchor, m.group("rel"), future) if anchor else None,
        )
    return sorted(found, key=lambda t: t.start)


def _range_days(m: re.Match[str], anchor: date, future: bool) -> tuple[date, date] | None:
    """The first and last day of a range of days ("April 28 – May 1, 2025", "Dec. 11-14", "10-14 March")."""
    first_month = MONTHS[(m["m1"] or m["m3"]).lower().rstrip(".")]
    last_month = MONTHS[(m["m2"] or m["m1"] or m["m3"]).lower().rstrip(".")]
    year = int(m["year"]) if m["year"] else None
    last = resolve_month_day(last_month, int(m["d2"] or m["d4"]), anchor, year=year, future=future)
    if last is None:
        return None
    first = _safe_date(last.year - (first_month > last_month), first_month, int(m["d1"] or m["d3"]))
    return (first, last) if first is not None and first <= last else None


def resolve_weekday(weekday: int, anchor: date, rel: str | None = None, future: bool = False) -> date:
    """The date of "Monday" in a sentence about the past (the last one up to ``anchor``) or about the future."""
    rel = (rel or "").lower()
    if future or rel == "next":
        ahead = (weekday - anchor.weekday()) % 7 or (7 if rel == "next" else 0)
        return anchor + timedelta(days=ahead)
    back = (anchor.weekday() - weekday) % 7
    if rel == "last" and back == 0:
        back = 7
    return anchor - timedelta(days=back)
