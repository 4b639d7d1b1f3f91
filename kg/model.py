"""The small typed records the stages hand each other: read -> extract -> resolve -> emit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Article:
    """A news article after reading: boilerplate dropped, text as the later stages see it.

    Character offsets of every mention and sentence refer to ``text``.
    """

    text: str
    published: date | None = None
    source: str | None = None
    title: str | None = None
    dateline_place: str | None = None
    dateline_date: date | None = None
    dateline_end: int | None = None  # offset in ``text`` where the dateline ("TOKYO, Feb. 3, 2017 —") ends
    # Lines of the page that say who published it ("An official website of the United States Government"),
    # dropped from ``text`` like other boilerplate: evidence of the article's home nation.
    publisher_lines: tuple[str, ...] = ()
    site: str | None = None  # the site a web page came from, as the page names it ("U.S. Department of Defense")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article: offsets into ``Article.text`` and its text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PersonMention:
    """A person named in the text, with the office and nation the text states around the name.

    ``name`` is the name as written without ranks or titles ("Jim Mattis", "Mattis"); ``title`` the office
    as stated ("Defense Secretary"); ``nation`` an ISO3 code; ``role`` a title-only reference ("the
    secretary") has ``name`` empty and ``role`` set to the office word.
    """

    name: str
    start: int
    end: int
    sentence: int
    title: str | None = None
    office: str | None = None
    nation: str | None = None
    international: bool = False
    rank: str | None = None
    confidence: float = 0.8
    role: str | None = None


@dataclass(frozen=True)
class NationMention:
    iso3: str
    text: str
    start: int
    end: int
    sentence: int


# Kinds of place from the most specific to the least: where an encounter was is the most specific one named.
PLACE_SPECIFICITY = {"building": 0, "base": 1, "island": 2, "city": 3, "region": 4, "body_of_water": 5}


@dataclass(frozen=True)
class PlaceMention:
    name: str
    start: int
    end: int
    sentence: int
    kind: str | None
    country: str | None
    geonames: int | None = None
    wikidata: str | None = None
    confidence: float = 0.7


@dataclass(frozen=True)
class TreatyMention:
    name: str
    start: int
    end: int
    sentence: int
    key: str | None
    parties: tuple[str, ...] = ()
    generic: bool = False
    alias_of: str | None = None
    provision: bool = False
    confidence: float = 0.7


@dataclass(frozen=True)
class EncounterMention:
    """An encounter stated in one sentence: who, where, when, and what kind (a meeting, a call, a plan...).

    ``participants`` index into ``Extraction.people``; ``kind`` is a kg class name (Meeting, PhoneCall,
    VideoCall, PlannedMeeting, NegatedMeeting); ``place`` indexes ``Extraction.places``.
    """

    kind: str
    sentence: int
    start: int
    end: int
    participants: tuple[int, ...]
    group: int | None = None
    group_is_object: bool = False
    group_office: str | None = None  # what the group holds: "prime minister" of "the two Prime Ministers"
    place: int | None = None
    date: date | None = None
    dated: bool = False
    days: tuple[date, date] | None = None  # a range of days it falls in, with no one date ("visited Peru Dec. 11-14")
    confidence: float = 0.6
    follows: bool = False  # told as coming after a meeting it names ("Following their meeting, X and Y signed")
    whole: bool = False  # told by the page as a whole (a transcript of a joint appearance), not by one sentence
    joins: bool = False  # told as people joining the meeting told before ("X and Y were also present in the meeting")


@dataclass(frozen=True)
class Extraction:
    """What the extract stage found in one article, every mention with its sentence."""

    article: Article
    sentences: tuple[Sentence, ...]
    people: tuple[PersonMention, ...]
    nations: tuple[NationMention, ...]
    places: tuple[PlaceMention, ...]
    treaties: tuple[TreatyMention, ...]
    encounters: tuple[EncounterMention, ...]
    # The nations the page's publisher lines name ("An official website of the United States Government").
    publisher_nations: tuple[str, ...] = ()
