"""A synthetic corpus of diplomacy and defense news articles, deterministic from a seed, for kg's benchmarks.

    python benchmarks/generate.py --articles 1000 --out /tmp/corpus [--seed 1] [--variants]
    python benchmarks/generate.py --check 20 [--seed 1] [--variants] [-v]

writes ``DIR/0000001.txt``... and ``DIR/metadata.jsonl`` (``{"path", "published", "url", "title"}`` a line, the
sidecar ``kg build DIR`` reads). ``--check K`` builds the first K articles in-process with ``kg.build`` and
prints the recall of what was planted in them (officials, nations, places, treaties, meetings), so that a
benchmark never runs on articles kg cannot read.

The articles are written like the stories kg is made for: DoD news stories (site banner, byline, repeated photo
captions, "Related Stories" tail now and then), State Department readouts and wire copy, each with a title
line, a dateline ("WASHINGTON, March 3, 2019 —") and 5 to 15 paragraphs of 300 to 700 words. Officials of
about 75 nations (invented names, real offices and ranks) meet in capitals, ministries, bases and at summits,
call each other, plan visits, cite treaties of ``kg/data/treaties.json`` or agreements named for the occasion,
and are quoted; background paragraphs name seas, islands, regions and bases of kg's place data.

Entities recur: each office of each nation is held by a pool of officials that grows as articles are written
(a new holder now and then, a known one more often the more often they appeared), so a larger corpus has more
distinct officials and the same officials across many articles. Pools depend only on the articles already
written: the first K articles of a corpus of N are the corpus of K (same seed).

With ``--variants`` (``variants=True``), a corpus for cross-article entity resolution: an official goes by
variants of their name from article to article, as news copy writes them: the short form of the given name
("Jim Mattis" for James N. Mattis), with the middle initial or without, with the diacritics of their tradition
or without ("Mehmet Öztürk", "Mehmet Ozturk"), or by title and surname alone ("Defense Minister Sato said");
officials hold office for some years, and some share a family name with another official of their nation or
tradition, or with their predecessor or successor in the same office. The truth of each article records each
official's person id (the same in every article) and the name as written there. Without ``--variants`` the
corpus is the one it always was.

Python: ``generate(n, seed)`` yields ``(name, text, metadata)``; ``articles(n, seed)`` yields
:class:`Generated` records that also carry what was planted (:class:`Truth`).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/generate.py`: make the `benchmarks` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.names import ACCENTS, GROUPS, NICKNAME_GROUPS, NICKNAMES
from benchmarks.world import CONCERNS, FORUMS, NATO, Nation, Place, Treaty, World, bars, world

__all__ = ["Encounter", "Generated", "Official", "Truth", "articles", "generate", "write_corpus"]

FIRST_DAY = date(2012, 1, 1)
LAST_DAY = date(2025, 6, 30)
MIN_WORDS, MAX_WORDS = 300, 700
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 5, 15

# A new holder of an office is appointed with probability max(NEW_FLOOR, NEW_ALPHA / (uses + NEW_ALPHA)): the
# first requests for an office create officials, later ones mostly reuse them (the busiest most), and one in
# NEW_FLOOR keeps adding new ones, so the number of distinct officials grows with the corpus.
NEW_ALPHA = 2.0
NEW_FLOOR = 0.1

# Name variants (``variants=True``). Each official holds office for TENURE_YEARS and appears only in articles of
# those years. A new official takes the family name of an earlier one with probability NAMESAKE: of a holder
# of the same office before or after them (half of these), of another official of the nation, or of one of
# another nation of the same naming tradition. An official with a short form of their given name goes by it
# with probability GOES_BY. In each article: a known official (one already written about) is named by title
# and surname alone with probability SURNAME_ONLY; the short form, the dropped middle initial and the dropped
# diacritics are written with these probabilities in government copy (DoD, State, White House) / wire copy.
TENURE_YEARS = (2, 8)
NAMESAKE = 0.15
GOES_BY = 0.7
SURNAME_ONLY = 0.08
NICKNAME = (0.3, 0.7)
DROP_INITIAL = (0.3, 0.6)
DROP_DIACRITICS = 0.4
VARIANT_KINDS = ("nickname", "middle initial", "diacritics", "surname only")

AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = ("first", "second", "third", "fourth", "fifth")


# --- records ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Post:
    """An office as copy writes it: before a name ("Defense Minister"), in an appositive ("defense minister"),
    and the word a later "the ..." reference uses ("minister")."""

    key: str
    title: str
    lower: str
    role: str
    ranks: tuple[str, ...] = ()
    spokesperson: bool = False


@dataclass(frozen=True)
class Official:
    """An invented official: ``name`` as written in full, ``short`` as later references write it.

    ``id`` is the person's: the same in every article that names them. Under name variants an article's record
    of an official carries the name as that article writes it (``name``, ``short``), how it departs from the
    person's full name ``full`` (``variants``: some of :data:`VARIANT_KINDS`); without variants ``name`` is
    ``full`` in every article. ``family`` is the family name as the pools of ``names.py`` spell it (without
    diacritics): what namesakes share.
    """

    id: int
    name: str
    short: str
    female: bool
    nation: str
    title: str
    lower: str
    role: str
    rank: str | None
    spokesperson: bool
    full: str = ""
    family: str = ""
    variants: tuple[str, ...] = ()

    @property
    def pronoun(self) -> str:
        return "she" if self.female else "he"

    @property
    def possessive(self) -> str:
        return "her" if self.female else "his"


@dataclass(frozen=True)
class Encounter:
    """A planted encounter. ``kind`` is a kg class (Meeting, PhoneCall, VideoCall, PlannedMeeting,
    NegatedMeeting); ``sentence`` is the sentence of the article that states it."""

    kind: str
    participants: tuple[str, ...]  # full names
    place: str | None
    date: date | None
    sentence: str


@dataclass(frozen=True)
class PlantedTreaty:
    name: str  # the name kg should give it: the formal name of a known treaty, else the name as written
    surface: str  # as written in the article
    key: str | None  # key in kg/data/treaties.json
    parties: tuple[str, ...]


@dataclass(frozen=True)
class Truth:
    """What an article states, as the generator planted it."""

    officials: tuple[Official, ...]
    nations: tuple[str, ...]
    places: tuple[Place, ...]
    treaties: tuple[PlantedTreaty, ...]
    encounters: tuple[Encounter, ...]

    @property
    def meetings(self) -> tuple[Encounter, ...]:
        return tuple(e for e in self.encounters if e.kind == "Meeting")


@dataclass(frozen=True)
class Generated:
    name: str  # file name, "0000001.txt"
    text: str
    published: date
    url: str
    title: str
    truth: Truth

    @property
    def metadata(self) -> dict[str, str]:
        return {"path": self.name, "published": self.published.isoformat(), "url": self.url, "title": self.title}


# --- offices ---------------------------------------------------------------------------------------------

US_POSTS = {
    "leader": Post("leader", "President", "president", "president"),
    "defense": Post("defense", "Defense Secretary", "defense secretary", "secretary"),
    "foreign": Post("foreign", "Secretary of State", "secretary of state", "secretary"),
    "deputy_defense": Post("deputy_defense", "Deputy Defense Secretary", "deputy defense secretary", "secretary"),
    "military": Post(
        "military",
        "Chairman of the Joint Chiefs of Staff",
        "chairman of the Joint Chiefs of Staff",
        "general",
        ("Army Gen.", "Air Force Gen.", "Marine Corps Gen.", "Gen."),
    ),
    "navy": Post("navy", "Chief of Naval Operations", "chief of naval operations", "admiral", ("Adm.",)),
    "army": Post("army", "Army Chief of Staff", "Army chief of staff", "general", ("Gen.",)),
    "security": Post("security", "National Security Adviser", "national security adviser", "adviser"),
    "spokes_dod": Post(
        "spokes_dod",
        "Pentagon {spokes}",
        "Pentagon {spokes}",
        "spokesperson",
        ("Navy Cmdr.", "Army Lt. Col.", "Air Force Lt. Col.", "Marine Corps Maj.", ""),
        spokesperson=True,
    ),
    "spokes_state": Post(
        "spokes_state", "State Department spokesperson", "State Department spokesperson", "spokesperson", (), True
    ),
}


def foreign_posts(nation: Nation) -> dict[str, Post]:
    """The offices of a nation other than the U.S., spelled as its own copy and the wires spell them."""
    defence = "Defence" if nation.commonwealth else "Defense"
    posts = {
        "defense": Post("defense", f"{defence} Minister", f"{defence.lower()} minister", "minister"),
        "foreign": Post("foreign", "Foreign Minister", "foreign minister", "minister"),
        "deputy_defense": Post(
            "deputy_defense", f"Deputy {defence} Minister", f"deputy {defence.lower()} minister", "minister"
        ),
        "military": Post(
            "military",
            "Chief of the Defence Staff" if nation.commonwealth else "Chief of Defense",
            "chief of the defence staff" if nation.commonwealth else "chief of defense",
            "general",
            ("Gen.", "Adm.", "Air Marshal") if nation.commonwealth else ("Gen.", "Adm."),
        ),
        "army": Post("army", "Army Chief of Staff", "army chief of staff", "general", ("Gen.", "Lt. Gen.")),
        "security": Post("security", "National Security Adviser", "national security adviser", "adviser"),
        "envoy": Post("envoy", "Ambassador to the United States", "ambassador to the United States", "ambassador"),
        "spokes": Post(
            "spokes", f"{defence} Ministry {{spokes}}", f"{defence.lower()} ministry {{spokes}}", "spokesperson",
            ("Col.", "Brig. Gen.", "", ""), True,
        ),
    }  # fmt: skip
    if nation.iso3 == "GBR":
        posts["defense"] = Post("defense", "Defence Secretary", "defence secretary", "secretary")
        posts["foreign"] = Post("foreign", "Foreign Secretary", "foreign secretary", "secretary")
    if nation.iso3 == "IND":
        posts["foreign"] = Post("foreign", "External Affairs Minister", "external affairs minister", "minister")
    leaders = {
        "p": Post("leader", "President", "president", "president"),
        "m": Post("leader", "Prime Minister", "prime minister", "prime minister"),
        "c": Post("leader", "Chancellor", "chancellor", "chancellor"),
    }
    if nation.heads:
        posts["leader"] = leaders[nation.heads[0]]
    if len(nation.heads) > 1:
        posts["premier"] = leaders[nation.heads[1]]
    return posts


# --- the corpus ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Name:
    """The parts of an official's name, spelled as the pools of ``names.py`` spell them (ASCII)."""

    group: str
    order: str
    given: str
    surname: str
    middle: str = ""  # a middle initial ("N."), or a Vietnamese middle name
    nickname: str | None = None  # the short form of the given name the official goes by now and then

    def written(
        self, *, accents: bool, nickname: bool = False, initial: bool = True, short_only: bool = False
    ) -> tuple[str, str]:
        """The name as an article writes it in full (or by surname alone) and as later references write it."""
        spell = ACCENTS.get(self.group, {}) if accents else {}
        given = self.nickname if nickname and self.nickname else self.given
        given, surname, middle = (spell.get(word, word) for word in (given, self.surname, self.middle))
        if self.order == "eastern":
            name, short = f"{surname} {given}", surname
        elif self.order == "vietnamese":
            name, short = f"{surname} {middle} {given}", given
        else:
            name, short = (f"{given} {middle} {surname}" if middle and initial else f"{given} {surname}"), surname
        return (short if short_only else name), short

    @property
    def has_initial(self) -> bool:
        return self.order == "western" and bool(self.middle)


class _Pools:
    """The officials written about so far, by office, and the names already taken."""

    def __init__(self, rng: random.Random, the_world: World, *, variants: bool = False) -> None:
        self.rng = rng
        self.world = the_world
        self.variants = variants
        self.slots: dict[tuple[str, str], list[list]] = {}  # (nation, post) -> [[official, uses], ...]
        self.taken: set[str] = set()
        self.next_id = 1
        self.posts = {iso3: foreign_posts(n) for iso3, n in the_world.nations.items() if iso3 != "USA"}
        self.posts["USA"] = US_POSTS
        # Under name variants only: each official's name parts and years in office, and who is there to share
        # a family name with.
        self.names: dict[int, _Name] = {}
        self.tenure: dict[int, tuple[date, date]] = {}
        self.by_nation: dict[str, list[Official]] = {}
        self.by_group: dict[str, list[Official]] = {}

    def has(self, iso3: str, post: str) -> bool:
        return post in self.posts[iso3]

    def official(
        self, iso3: str, post_key: str, *, avoid: Sequence[Official] = (), day: date | None = None, formal: bool = True
    ) -> Official:
        """A holder of ``post_key`` in ``iso3``: a known one, or a new one now and then. Officials in ``avoid``
        and their namesakes (the same surname, which a story could not tell apart) are not chosen.

        Under name variants, only an official in office on ``day`` is chosen, and the record returned carries
        the name as an article of that kind (``formal``: a government's own copy) writes it."""
        slot = self.slots.setdefault((iso3, post_key), [])
        uses = sum(u for _, u in slot)
        shorts = {self._plain_short(o) for o in avoid}
        candidates = [
            entry for entry in slot if self._plain_short(entry[0]) not in shorts and self._serving(entry[0], day)
        ]
        p_new = max(NEW_FLOOR, NEW_ALPHA / (uses + NEW_ALPHA))
        if candidates and self.rng.random() >= p_new:
            entry = self.rng.choices(candidates, weights=[u**0.75 for _, u in candidates])[0]
        else:
            entry = [self._appoint(iso3, post_key, shorts, day), 0]
            slot.append(entry)
        entry[1] += 1
        if not self.variants:
            return entry[0]
        return self._as_written(entry[0], known=entry[1] > 1, formal=formal)

    def _plain_short(self, official: Official) -> str:
        """The name a later reference writes, without diacritics: what tells namesakes apart in a story."""
        return self.names[official.id].written(accents=False)[1] if self.variants else official.short

    def _serving(self, official: Official, day: date | None) -> bool:
        start, end = self.tenure.get(official.id, (day, day))
        return day is None or start <= day <= end

    def _appoint(self, iso3: str, post_key: str, avoid_shorts: set[str], day: date | None) -> Official:
        rng = self.rng
        nation = self.world.nations[iso3]
        post = self.posts[iso3][post_key]
        female = rng.random() < 0.25
        surname, tenure = None, None
        if self.variants and rng.random() < NAMESAKE:
            surname, tenure = self._namesake(iso3, post_key, nation.group, avoid_shorts, day)
        name = self._name(nation.group, female, avoid_shorts, surname)
        full, short = name.written(accents=self.variants)
        rank = rng.choice(post.ranks) if post.ranks else None
        rank = rank or None
        spokes = "spokeswoman" if female else "spokesman"
        if rng.random() < 0.3:
            spokes = "spokesperson"
        official = Official(
            id=self.next_id,
            name=full,
            short=short,
            female=female,
            nation=iso3,
            title=post.title.format(spokes=spokes),
            lower=post.lower.format(spokes=spokes),
            role=post.role,
            rank=rank,
            spokesperson=post.spokesperson,
            full=full,
            family=name.surname,
        )
        self.next_id += 1
        if self.variants:
            self.names[official.id] = name
            self.tenure[official.id] = tenure or self._term(day)
            self.by_nation.setdefault(iso3, []).append(official)
            self.by_group.setdefault(nation.group, []).append(official)
        return official

    def _term(self, day: date | None) -> tuple[date, date]:
        """Years in office around ``day``."""
        day = day or FIRST_DAY
        length = self.rng.randrange(365 * TENURE_YEARS[0], 365 * TENURE_YEARS[1])
        start = day - timedelta(days=self.rng.randrange(length))
        return start, start + timedelta(days=length)

    def _namesake(
        self, iso3: str, post_key: str, group: str, avoid_shorts: set[str], day: date | None
    ) -> tuple[str | None, tuple[date, date] | None]:
        """A family name an earlier official bears (ASCII), for a new official to share, and the new one's years
        in office when they succeed (or precede) a namesake in the same office: right after (or before) theirs.
        ``(None, None)`` when there is no one to share a name with."""
        rng = self.rng
        roll = rng.random()
        day = day or FIRST_DAY
        if roll < 0.5:
            others = [o for o, _ in self.slots.get((iso3, post_key), []) if not self._serving(o, day)]
        elif roll < 0.75:
            others = self.by_nation.get(iso3, [])
        else:
            others = [o for o in self.by_group.get(group, []) if o.nation != iso3]
        others = [o for o in others if self.names[o.id].surname not in avoid_shorts]
        if not others:
            return None, None
        other = rng.choice(others)
        surname = self.names[other.id].surname
        if roll >= 0.5:
            return surname, None
        start, end = self.tenure[other.id]
        years = timedelta(days=rng.randrange(365, 365 * TENURE_YEARS[1] // 2))
        if day > end:  # a successor
            return surname, (end + timedelta(days=1), day + years)
        return surname, (day - years, start - timedelta(days=1))  # a predecessor

    def _name(self, group_key: str, female: bool, avoid_shorts: set[str], surname: str | None = None) -> _Name:
        """A new name of the tradition ``group_key`` (with the family name ``surname`` if given), not taken yet
        and no namesake of ``avoid_shorts``."""
        rng = self.rng
        group = GROUPS[group_key]
        given_pool = group.female if female else group.male
        if self.variants:
            given_pool += group.extra_female if female else group.extra_male
        for attempt in range(60):
            if attempt == 30:  # the namesake's family name is crowded: another one
                surname = None
            given, family = rng.choice(given_pool), surname or rng.choice(group.surnames)
            middle = ""
            if group.order == "vietnamese":
                middle = "Thi" if female else rng.choice(group.middles)
            elif group.order == "western":
                initial = group.initials and rng.random() < 0.25
                if attempt >= 30 or initial:  # crowded: a middle initial tells namesakes apart
                    middle = f"{rng.choice('ABCDEFGHJKLMNPRSTW')}."
            name = _Name(group_key, group.order, given, family, middle)
            full, short = name.written(accents=False)
            keys = {full}
            if self.variants and attempt < 30:  # an article may drop the initial: a name without it is taken too
                keys.add(name.written(accents=False, initial=False)[0])
            if not keys & self.taken and short not in avoid_shorts:
                self.taken |= keys
                if self.variants and group_key in NICKNAME_GROUPS and given in NICKNAMES and rng.random() < GOES_BY:
                    name = dataclasses.replace(name, nickname=NICKNAMES[given][0])
                return name
        # Not reached below 12,000 articles (5,700 officials); the smallest traditions run out first.
        raise RuntimeError("a name pool of benchmarks/names.py is exhausted; add names to it or write fewer articles")

    def _as_written(self, official: Official, *, known: bool, formal: bool) -> Official:
        """``official`` as one article writes them: by a short form of the given name, without the middle
        initial or the diacritics, or (once known) by title and surname alone."""
        rng = self.rng
        name = self.names[official.id]
        style = 0 if formal else 1
        short_only = known and rng.random() < SURNAME_ONLY
        nickname = not short_only and name.nickname is not None and rng.random() < NICKNAME[style]
        # Copy that writes "Jim Mattis" writes no middle initial either.
        initial = short_only or not (name.has_initial and (nickname or rng.random() < DROP_INITIAL[style]))
        options = {"nickname": nickname, "initial": initial, "short_only": short_only}
        accented = name.written(accents=True, **options)
        plain = name.written(accents=False, **options)
        accents = accented == plain or rng.random() >= DROP_DIACRITICS
        written, short = accented if accents else plain
        kinds = {
            "nickname": nickname,
            "middle initial": not initial,
            "diacritics": not accents,
            "surname only": short_only,
        }
        variants = tuple(kind for kind in VARIANT_KINDS if kinds[kind])
        return dataclasses.replace(official, name=written, short=short, variants=variants)


def articles(n: int, seed: int = 1, *, variants: bool = False) -> Iterator[Generated]:
    """The first ``n`` articles of the corpus of ``seed``, with what each one states; with ``variants``, the
    officials go by variants of their names from article to article (see :class:`Official`)."""
    rng = random.Random(seed)
    the_world = world()
    pools = _Pools(rng, the_world, variants=variants)
    for index in range(1, n + 1):
        yield _Writer(index, rng, the_world, pools).write()


def generate(n: int, seed: int = 1, *, variants: bool = False) -> Iterator[tuple[str, str, dict[str, str]]]:
    """``(file name, text, metadata)`` of the first ``n`` articles of the corpus of ``seed``."""
    for article in articles(n, seed, variants=variants):
        yield article.name, article.text, article.metadata


def write_corpus(folder: str | Path, n: int, seed: int = 1, *, variants: bool = False) -> list[Generated]:
    """Write ``n`` articles and ``metadata.jsonl`` into ``folder`` (created if missing); return the articles."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with open(folder / "metadata.jsonl", "w", encoding="utf-8") as sidecar:
        for article in articles(n, seed, variants=variants):
            (folder / article.name).write_text(article.text, encoding="utf-8")
            sidecar.write(json.dumps(article.metadata, ensure_ascii=False) + "\n")
            written.append(article)
    return written


# --- writing one article ---------------------------------------------------------------------------------

TOPICS = (
    "maritime security",
    "missile defense",
    "counterterrorism cooperation",
    "cyber defense",
    "defense industrial cooperation",
    "humanitarian assistance and disaster relief",
    "joint military exercises",
    "nuclear nonproliferation",
    "energy security",
    "intelligence sharing",
    "border security",
    "space cooperation",
    "coast guard cooperation",
    "military education and training",
    "arms sales and co-production",
    "regional stability",
    "peacekeeping operations",
    "critical minerals and supply chains",
)
EXERCISES = (
    "Pacific Guardian",
    "Northern Shield",
    "Coastal Resolve",
    "Steel Horizon",
    "Southern Trident",
    "Blue Sentinel",
    "Iron Compass",
    "Ocean Bridge",
    "Desert Falcon",
    "Alpine Warden",
    "Harbor Watch",
    "Silent Current",
)
SYSTEMS = (
    "armored vehicles",
    "patrol vessels",
    "air defense radars",
    "unmanned aerial systems",
    "artillery ammunition",
    "coastal defense missiles",
    "transport aircraft",
    "submarine components",
    "secure communications equipment",
    "maritime surveillance aircraft",
)
DISASTERS = ("a typhoon", "an earthquake", "severe flooding", "a tsunami", "wildfires", "a cyclone")
QUOTES = (
    "Our partnership has never been stronger, and it will only grow in the years ahead",
    "We share a commitment to a region where disputes are settled peacefully and in accordance with international law",
    "This relationship is built on shared values and on decades of trust between our people",
    "We are going to keep working side by side, because our security is bound together",
    "No single country can meet these challenges alone",
    "We want this cooperation to deliver results that our citizens can see",
    "Deterrence works best when allies stand together and speak with one voice",
    "The threats we face are real, and our response has to be just as real",
    "I came here to listen, and I leave with a clear sense of what we can do together",
    "Freedom of navigation is not a favor granted by any country; it is a right under international law",
    "We will continue to invest in the capabilities that keep our forces ready",
    "Today's agreement is a practical step, and there will be more to come",
    "Our soldiers train together, and that makes every one of them better at what they do",
    "We are determined to make sure that this partnership endures whatever comes",
    "Trust is built over years, and it is tested in moments like this one",
    "Our industries can build more together than either could build alone",
)
CLOSERS = (
    "Officials said further talks at the working level would follow in the coming months.",
    "A joint statement released after the talks said both sides would review progress at their next annual dialogue.",
    "Neither side disclosed the cost of the new programs.",
    "The two governments are expected to announce further details later this year.",
    "Both sides agreed to set up a working group to follow up on the commitments.",
    "Officials described the talks as frank and constructive.",
)
AGREEMENT_TOPICS = (
    "Defense Cooperation",
    "Maritime Security Cooperation",
    "Logistics Support",
    "Information Security",
    "Defense Industrial Cooperation",
    "Coast Guard Cooperation",
    "Cybersecurity Cooperation",
    "Space Cooperation",
    "Military Training Cooperation",
    "Defense Equipment and Technology Transfer",
    "Disaster Relief Cooperation",
)
AGENCIES = (
    "Capitol Newswire",
    "Pacific Wire",
    "Continental Press Agency",
    "Euro-Atlantic Wire",
    "Gulf News Service",
    "Meridian Press",
    "Nusantara Wire",
    "Global Desk",
)
RELATED = (
    "Pentagon Leaders Outline Priorities for Indo-Pacific Partnerships",
    "Navy Medical Teams Complete Humanitarian Mission in Southeast Asia",
    "Allies Expand Missile Defense Cooperation",
    "Secretary Highlights Importance of Alliances at Defense Forum",
    "Exercise Tests Readiness of Partner Forces",
    "Defense Officials Discuss Budget Priorities With Lawmakers",
    "Joint Chiefs Chairman Visits Troops Overseas",
)
# Multilateral treaties a story on a topic cites.
TOPICAL_TREATIES = {
    "nuclear nonproliferation": "npt",
    "maritime security": "unclos",
    "coast guard cooperation": "unclos",
    "space cooperation": "outer-space-treaty",
    "arms sales and co-production": "att",
}
# Treaties with a mutual-defense clause that copy cites as "Article 5 of ..."
DEFENSE_TREATIES = frozenset(
    ("north-atlantic-treaty", "us-japan-security-treaty", "us-philippines-mdt", "us-rok-mdt", "anzus")
)
# Buildings copy writes with "the" ("at the Pentagon"); names ending in Building, Hotel or Centre take it too.
WITH_THE = bars(
    "Pentagon|White House|Kremlin|Oval Office|United States Capitol|United States Naval Academy|Reichstag"
    "|United States Military Academy|Naval War College|National Defense University|Élysée Palace|Bendlerblock"
    "|German Chancellery|Blue House|Peace House|Great Hall of the People|Kantei|Imperial Palace|Istana|Berlaymont"
    "|Palace of the Nations|Peace Palace|Apostolic Palace|ASEAN Secretariat|Quai d'Orsay|Presidential Office"
    "|Yongsan presidential office|Main Building (Ministry of Defence)|Palace of Westminster"
)
PHOTOGRAPHER_RANKS = ("Army Sgt.", "Air Force Staff Sgt.", "Navy Petty Officer 2nd Class", "Marine Corps Cpl.")


def ap_date(day: date, *, year: bool = True) -> str:
    """A date as AP writes it: "Aug. 8, 2017", "March 3" (no year)."""
    text = f"{AP_MONTHS[day.month - 1]} {day.day}"
    return f"{text}, {day.year}" if year else text


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class _Story:
    """Who and where an article is about: decided first, then written."""

    style: str  # dod, state, white_house, wire
    dateline: Place
    dateline_country: str | None  # written after a foreign city ("MANILA, Philippines"); None for well-known cities
    home: str  # the nation whose officials go unqualified (U.S. in U.S. stories; none in wire copy)
    host: Official
    guests: list[Official]
    venue: Place
    forum: str | None
    topic: str
    pair: tuple[str, str]  # the two nations the story is about
    qualify_home: bool


class _Writer:
    def __init__(self, index: int, rng: random.Random, the_world: World, pools: _Pools) -> None:
        self.index = index
        self.rng = rng
        self.world = the_world
        self.pools = pools
        self.published = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
        self.officials: dict[int, Official] = {}
        self.nations: set[str] = set()
        self.places: dict[str, Place] = {}
        self.treaties: dict[str, PlantedTreaty] = {}
        self.encounters: list[Encounter] = []
        self.cast: list[Official] = []  # every official chosen for the story, written yet or not
        self.lead_day = self.published
        self.home = "USA"
        self.qualify_home = False
        self.formal = True  # a government's own copy, not the wires': writes names in full more often

    # -- registering what the text names --

    def nat(self, iso3: str, *, start: bool = False) -> str:
        self.nations.add(iso3)
        name = self.world.nations[iso3].name
        return _cap(name) if start else name

    def dem(self, iso3: str) -> str:
        self.nations.add(iso3)
        return "U.S." if iso3 == "USA" else self.world.nations[iso3].demonym

    def pair_name(self, a: str, b: str) -> str:
        """ "U.S.-Japan", "Japan-Philippines" """
        self.nations.update((a, b))
        return f"{self.world.nations[a].short}-{self.world.nations[b].short}"

    def at(self, place: Place) -> str:
        if place.name == "Singapore":  # a city-state: a nation, not a place
            self.nations.add("SGP")
        else:
            self.places[place.name] = place
        return place.name

    def the_place(self, place: Place) -> str:
        """A building or base as copy writes it after "at": "the Pentagon", "Andersen Air Force Base"."""
        name = self.at(place)
        plural = name.endswith(("Islands", "Islets", "Isles"))
        return (
            f"the {name}" if name in WITH_THE or plural or name.endswith((" Building", " Hotel", " Centre")) else name
        )

    def who(self, o: Official, *, form: str | None = None) -> str:
        """The official as this mention writes them: in full with office the first time, else by name."""
        if o.id in self.officials:
            return o.short
        self.officials[o.id] = o
        rank = f"{o.rank} " if o.rank else ""
        # A spokesperson's title names the ministry ("Pentagon spokesman"), which tells the nation already.
        qualified = (o.nation != self.home or self.qualify_home) and not (o.spokesperson and o.nation == "USA")
        if not qualified:
            return f"{o.title} {rank}{o.name}"
        forms = ["demonym"] * 6 + ["possessive"] * (2 if o.nation != "USA" else 0)
        if o.role in {"president", "prime minister"} and o.nation != "USA":
            forms += ["of"] * 2
        if not o.spokesperson:
            forms += ["appositive"] * 2
        form = "demonym" if o.nation == "USA" else form or self.rng.choice(forms)
        if form == "possessive":
            self.nations.add(o.nation)
            owner = self.world.nations[o.nation].name
            if owner.startswith("the "):
                return f"{self.dem(o.nation)} {o.title} {rank}{o.name}"
            return f"{owner}'s {o.title} {rank}{o.name}"
        if form == "of":
            return f"{o.title} {rank}{o.name} of {self.nat(o.nation)}"
        if form == "appositive":
            return f"{rank}{o.name}, the {self.dem(o.nation)} {o.lower},"
        return f"{self.dem(o.nation)} {o.title} {rank}{o.name}"

    def names(self, people: Sequence[Official]) -> str:
        written = [self.who(p) for p in people]
        if len(written) == 1:
            return written[0]
        if len(written) == 2:
            return f"{written[0]} and {written[1]}"
        return ", ".join(written[:-1]) + f" and {written[-1]}"

    def meet(self, kind: str, people: Sequence[Official], place: Place | None, when: date | None, sentence: str):
        self.encounters.append(
            Encounter(kind, tuple(p.name for p in people), place.name if place else None, when, sentence)
        )
        return sentence

    # -- dates --

    def when(self, *, today: bool) -> tuple[str, date]:
        """ "today" or "on Tuesday" (a day of the week before the published date), and the day it names."""
        # Mostly the dateline's day; now and then a day or two before it, as wire copy has it.
        back = self.rng.choice((0, 0, 0, 0, 0, 0, 0, 1, 1, 2))
        day = self.published - timedelta(days=back)
        if back == 0 and today:
            return "today", day
        return f"on {WEEKDAYS[day.weekday()]}", day

    def past_day(self) -> tuple[str, date]:
        """An earlier meeting's day: "on Nov. 3 last year" or "on Nov. 3, 2019"."""
        years = self.rng.choice((1, 1, 1, 2, 3))
        day = date(self.published.year - years, self.rng.randrange(1, 13), self.rng.randrange(1, 29))
        if years == 1 and self.rng.random() < 0.7:
            return f"on {ap_date(day, year=False)} last year", day
        return f"on {ap_date(day)}", day

    # -- the story --

    def write(self) -> Generated:
        story = self.plan()
        self.home, self.qualify_home = story.home, story.qualify_home
        lead = self.lead(story)
        title = self.headline(story)
        body = self.body(story, len(title.split()) + len(lead.split()))
        paragraphs = [lead, *body]
        text = self.page(story, title, paragraphs)
        truth = Truth(
            officials=tuple(self.officials.values()),
            nations=tuple(sorted(self.nations)),
            places=tuple(self.places.values()),
            treaties=tuple(self.treaties.values()),
            encounters=tuple(self.encounters),
        )
        name = f"{self.index:07d}.txt"
        url = {
            "dod": f"https://news.example.mil/News/Article/{3_000_000 + self.index}/{_slug(title)}/",
            "white_house": f"https://whitehouse.example.gov/briefing-room/{self.published:%Y/%m/%d}/{_slug(title)}-{self.index}/",
            "state": f"https://state.example.gov/{_slug(title)}-{self.index}/",
            "wire": f"https://wire.example.com/{self.published:%Y/%m/%d}/{_slug(title)}-{self.index}",
        }[story.style]
        return Generated(name, text, self.published, url, title, truth)

    def pick_nation(self, *, exclude: Sequence[str] = (), region: str | None = None) -> str:
        nations = [
            n
            for n in self.world.nations.values()
            if n.weight and n.iso3 not in exclude and (region is None or n.region == region)
        ]
        return self.rng.choices(nations, weights=[n.weight for n in nations])[0].iso3

    def plan(self) -> _Story:
        rng = self.rng
        style = rng.choices(("dod_host", "dod_trip", "state", "white_house", "wire", "forum"), (3, 3, 3, 1, 3, 1))[0]
        self.formal = style not in {"wire", "forum"}
        pools = self.pools
        nations = self.world.nations
        topic = rng.choice(TOPICS)
        if style == "wire":
            a = self.pick_nation()
            b = self.pick_nation(exclude=[a], region=nations[a].region if rng.random() < 0.7 else None)
            post = rng.choice(["leader", "defense", "defense", "foreign", "foreign"])
            if not (pools.has(a, post) and pools.has(b, post)):
                post = rng.choice(["defense", "foreign"])
            host, guest = self.person(a, post), self.person(b, post)
            guests = [guest]
            if rng.random() < 0.3:
                other = "foreign" if post == "defense" else "defense"
                guests.append(self.person(b, other))
            venue = self._venue(nations[a], post)
            return _Story("wire", nations[a].capital, a, "", host, guests, venue, None, topic, (a, b), True)
        if style == "forum":
            forum, city_name, iso3, building = rng.choice(FORUMS)
            a = "USA" if rng.random() < 0.6 else self.pick_nation(exclude=[iso3])
            b = self.pick_nation(exclude=[a])
            post = rng.choice(["defense", "foreign"])
            host, guest = self.person(a, post), self.person(b, post)
            city = self.world.places_by_name.get(city_name) or Place(city_name, "city", iso3)
            venue = self.world.places_by_name[building] if building else city
            home = "USA" if a == "USA" else ""
            story = _Story("wire", city, iso3, home, host, [guest], venue, forum, topic, (a, b), True)
            if city.kind != "city":  # a base: date it from the nearest capital
                story.dateline = nations[iso3].capital
            return story
        b = self.pick_nation()
        if style == "white_house":
            if not pools.has(b, "leader"):
                style = "dod_host"
            else:
                host, guest = self.person("USA", "leader"), self.person(b, "leader")
                venue = self.world.places_by_name["White House"]
                return _Story("white_house", nations["USA"].capital, None, "USA", host, [guest], venue, None,
                              topic, ("USA", b), False)  # fmt: skip
        if style == "state":
            host, guest = self.person("USA", "foreign"), self.person(b, "foreign")
            abroad = rng.random() < 0.4
            venue = self._venue(nations[b], "foreign") if abroad else nations["USA"].capital
            dateline = nations[b].capital if abroad else nations["USA"].capital
            return _Story("state", dateline, b if abroad else None, "USA", host, [guest], venue, None, topic,
                          ("USA", b), abroad)  # fmt: skip
        us_post = rng.choices(["defense", "military", "deputy_defense"], (6, 2, 1))[0]
        host = self.person("USA", us_post)
        guest_post = "military" if us_post == "military" else "defense"
        guests = [self.person(b, guest_post)]
        if style == "dod_host":
            if rng.random() < 0.25:
                guests.append(self.person(b, "military" if guest_post == "defense" else "defense"))
            us = nations["USA"]
            venue = rng.choice(us.bases) if rng.random() < 0.2 else self.world.places_by_name["Pentagon"]
            return _Story("dod", us.capital, None, "USA", host, guests, venue, None, topic, ("USA", b), False)
        # a trip abroad: the host nation receives the U.S. official
        if rng.random() < 0.5 and pools.has(b, "leader"):
            guests = [self.person(b, "leader"), *guests]
        venue = self._venue(nations[b], "defense")
        return _Story("dod", nations[b].capital, b, "USA", host, guests, venue, None, topic, ("USA", b), True)

    def _venue(self, nation: Nation, post: str) -> Place:
        rng = self.rng
        roll = rng.random()
        if roll < 0.25 and nation.buildings:
            return rng.choice(nation.buildings)
        if roll < 0.4 and nation.bases and post in {"defense", "military"}:
            return rng.choice(nation.bases)
        return nation.capital

    # -- paragraphs --

    def lead(self, s: _Story) -> str:
        rng = self.rng
        when, day = self.when(today=s.style in {"dod", "white_house", "state"})
        people = [s.host, *s.guests]
        at_venue = f"at {self.the_place(s.venue)}" if s.venue.kind != "city" else f"in {self.at(s.venue)}"
        topic = s.topic
        host = self.who(s.host)
        guests = self.names(s.guests)
        purpose = self.pick(
            lambda: f"to discuss {topic} and ways to deepen the {self.pair_name(*s.pair)} partnership",
            lambda: f"and pledged to expand cooperation on {topic}",
            lambda: f"for talks focused on {topic}",
            lambda: f"as the two countries look to strengthen cooperation on {topic}",
            lambda: f"and the two sides agreed to step up work on {topic}",
        )
        if s.forum:
            sentence = f"{host} met with {guests} on the sidelines of {s.forum} {at_venue} {when} {purpose}."
        else:
            verbs = ["met with", "held talks with", "hosted" if s.venue.country == s.host.nation else "met with"]
            if s.venue.kind == "city" and len(s.guests) == 1 and rng.random() < 0.25:
                sentence = (
                    f"In a {self.at(s.venue)} meeting with {guests} {when}, {host} reaffirmed the strength of the "
                    f"{self.pair_name(*s.pair)} relationship and {rng.choice(('discussed', 'pressed for progress on'))}"
                    f" {topic}."
                )
            else:
                verb = rng.choice(verbs)
                sentence = f"{host} {verb} {guests} {at_venue} {when} {purpose}."
        sentence = _tidy(sentence)
        self.meet("Meeting", people, s.venue, day, sentence)
        self.lead_day = day
        dateline = self.dateline(s)
        return f"{dateline} {sentence}"

    def dateline(self, s: _Story) -> str:
        city = s.dateline.name.upper()
        where = f"{city}, {self.world.nations[s.dateline_country].short}" if s.dateline_country else city
        if s.dateline_country and s.dateline.name in {"Singapore", "New York", "Brussels", "Tokyo", "Beijing"}:
            where = city
        if s.dateline_country:
            self.nations.add(s.dateline_country)
        self.at(s.dateline)
        if s.style == "wire":
            return f"{where}, {ap_date(self.published, year=False)} ({self.rng.choice(AGENCIES)}) —"
        return f"{where}, {ap_date(self.published)} —"

    def headline(self, s: _Story) -> str:
        rng = self.rng
        host, guest = s.host, s.guests[0]
        a, b = s.pair
        na, nb = self.world.nations[a], self.world.nations[b]
        if s.style == "state":
            return f"Secretary {host.short}'s Meeting With {nb.demonym} {guest.title} {guest.short}"
        if s.style == "dod":
            options = [
                f"{host.short}, {nb.demonym} Counterpart Pledge Closer Defense Ties",
                f"U.S., {nb.short} Defense Leaders Discuss {s.topic.title()}",
                f"{host.short} Meets {guest.short}, Highlights Strength of Alliance",
            ]
            if s.venue.name == "Pentagon":
                options.append(f"{host.short} Hosts {nb.demonym} {guest.title} at Pentagon")
            elif s.venue.country != "USA":
                options.append(f"{host.short} Visits {nb.capital.name} to Strengthen {nb.demonym} Partnership")
            return rng.choice(options)
        if s.style == "white_house":
            return rng.choice(
                (
                    f"{host.short} Welcomes {nb.demonym} {guest.title} {guest.short} to White House",
                    f"{host.short}, {guest.short} Vow to Deepen U.S.-{nb.short} Ties",
                )
            )
        return rng.choice(
            (
                f"{na.short}, {nb.short} agree to deepen {s.topic} ties",
                f"{host.short} hosts {nb.demonym} counterpart as regional tensions simmer",
                f"{nb.demonym} {guest.lower} in {s.dateline.name} for talks on {s.topic}",
                f"{na.short} and {nb.short} step up {s.topic}",
            )
        )

    def body(self, s: _Story, words: int) -> list[str]:
        """The paragraphs after the lead: ``words`` is what the title and lead hold already."""
        rng = self.rng
        target_words = rng.randrange(MIN_WORDS, MAX_WORDS - 20)
        target_paragraphs = rng.randrange(MIN_PARAGRAPHS, MAX_PARAGRAPHS + 1)  # with the lead
        required = [self.follow_up(s), self.quote(s, s.host)]
        optional = [
            self.treaty(s),
            self.regional(s),
            self.quote(s, s.guests[0]),
            self.call(s) if rng.random() < 0.45 else None,
            self.past_meeting(s) if rng.random() < 0.4 else None,
            self.planned(s) if rng.random() < 0.45 else None,
            self.second_meeting(s) if rng.random() < 0.25 else None,
            self.negated(s) if rng.random() < 0.06 else None,
        ]
        blocks = [p for p in required + optional if p]
        words += sum(len(p.split()) for p in blocks)
        fillers = rng.sample(FILLERS, len(FILLERS))
        while fillers and words < target_words:
            saved = self._snapshot()
            extra = fillers.pop()(self, s)
            if not extra or words + len(extra.split()) > MAX_WORDS - 10:
                self._restore(saved)  # what a paragraph left out names is not in the article
                continue
            blocks.append(extra)
            words += len(extra.split())
        if words < MAX_WORDS - 25 and rng.random() < 0.6:
            blocks.append(rng.choice(CLOSERS))
        head, tail = blocks[:2], blocks[2:]
        rng.shuffle(tail)
        # Fewer, longer paragraphs in some stories: join short neighbours until the count fits.
        while 1 + len(head) + len(tail) > target_paragraphs:
            pairs = [i for i in range(len(tail) - 1) if len(tail[i].split()) + len(tail[i + 1].split()) <= 110]
            if not pairs:
                break
            i = rng.choice(pairs)
            tail[i : i + 2] = [f"{tail[i]} {tail[i + 1]}"]
        return head + tail

    def person(self, iso3: str, post: str) -> Official:
        """An official for this story, never one it already has nor a namesake of one."""
        official = self.pools.official(iso3, post, avoid=self.cast, day=self.published, formal=self.formal)
        self.cast.append(official)
        return official

    def pick(self, *makers: Callable[[], str]) -> str:
        """One of several phrasings, written only once chosen: writing one registers what it names."""
        return self.rng.choice(makers)()

    def _snapshot(self) -> tuple:
        return (dict(self.officials), set(self.nations), dict(self.places), dict(self.treaties), list(self.encounters))

    def _restore(self, saved: tuple) -> None:
        self.officials, self.nations, self.places, self.treaties, self.encounters = saved

    def follow_up(self, s: _Story) -> str:
        rng = self.rng
        host, guest = s.host, s.guests[0]
        if s.style in {"dod", "state"} and rng.random() < 0.6:
            post = "spokes_dod" if s.style == "dod" else "spokes_state"
            spokes = self.person("USA", post)
            return (
                f"In a readout of the talks, {self.who(spokes)} said the {self.role(host)} and the "
                f"{self.role(guest)} discussed {rng.choice(TOPICS)} and {rng.choice(TOPICS)}, and agreed to keep in "
                f"close contact."
            )
        a, b = s.pair
        return self.pick(
            lambda: (
                f"{host.short} and {guest.short} reviewed progress on {s.topic} and discussed "
                f"{rng.choice(TOPICS)}, according to a statement from {self.nat(a)}'s government. The statement said "
                f"the two sides agreed to hold regular consultations at the working level."
            ),
            lambda: (
                f"According to officials familiar with the talks, the two sides focused on {rng.choice(TOPICS)} "
                f"and on ways to increase the number of joint exercises involving forces from {self.nat(a)} and "
                f"{self.nat(b)}."
            ),
            lambda: (
                f"The {self.role(host)} told reporters that the discussions covered {s.topic}, "
                f"{rng.choice(TOPICS)} and the security situation in the {self.at(self.sea(s))}."
            ),
        )

    def role(self, o: Official) -> str:
        return o.role if o.role != "spokesperson" else "spokesperson"

    def quote(self, s: _Story, o: Official) -> str:
        rng = self.rng
        q = rng.choice(QUOTES)
        ref = self.who(o)
        setting = rng.choice(
            (
                "",
                " at a news conference afterward",
                " in remarks to reporters",
                " in a statement",
                " at the start of the talks",
            )
        )
        if rng.random() < 0.5:
            q2 = rng.choice(QUOTES)
            return f'"{q}," {ref} said{setting}. "{q2}."'
        return f'"{q}," {ref} said{setting}.'

    def sea(self, s: _Story) -> Place:
        region = self.world.nations[s.pair[1]].region
        return self.rng.choice(self.world.seas[region] or self.world.seas["indopac"])

    def treaty(self, s: _Story) -> str:
        rng = self.rng
        a, b = s.pair
        known = [
            t
            for t in self.world.treaties
            if (not t.multilateral and set(t.parties) == {a, b})
            or (t.multilateral and t.parties and {a, b} <= set(t.parties))
        ]
        if a in NATO and b in NATO:
            known.append(self.world.treaties_by_key["north-atlantic-treaty"])
        if known and rng.random() < 0.7:
            t = rng.choice(known)
            return self._known_treaty(s, t)
        if rng.random() < 0.3:
            key = TOPICAL_TREATIES.get(s.topic)
            if key:
                return self._known_treaty(s, self.world.treaties_by_key[key])
        return self._new_agreement(s)

    def _known_treaty(self, s: _Story, t: Treaty) -> str:
        rng = self.rng
        surface = rng.choice(t.aliases) if t.aliases and rng.random() < 0.7 else t.name
        self.treaties[t.key] = PlantedTreaty(t.name, surface, t.key, t.parties)
        self.nations.update(p for p in t.parties if p in s.pair)
        host = s.host
        if t.key in DEFENSE_TREATIES and rng.random() < 0.6:
            return (
                f"{host.short} reaffirmed that Article 5 of the {surface} applies in full, and said "
                f"{host.pronoun} had no doubt about the commitment of either country to its obligations."
            )
        return rng.choice(
            (
                f"The two sides also discussed the {surface}, which {host.short} called a cornerstone of "
                f"security in the region.",
                f"{host.short} and {s.guests[0].short} reviewed implementation of the {surface} and agreed that "
                f"working-level officials would report back on progress within six months.",
                f"Both governments reaffirmed their commitments under the {surface}, officials said.",
            )
        )

    def _new_agreement(self, s: _Story) -> str:
        rng = self.rng
        a, b = s.pair
        topic = rng.choice(AGREEMENT_TOPICS)
        if rng.random() < 0.6:
            name = f"{self.pair_name(a, b)} {topic} Agreement"
        else:
            name = f"Memorandum of Understanding on {topic}"
            self.nations.update((a, b))
        self.treaties[name] = PlantedTreaty(name, name, None, (a, b))
        return rng.choice(
            (
                f"During the visit, officials from both sides signed the {name}, which sets out procedures for "
                f"{rng.choice(TOPICS)} and regular staff talks.",
                f"The {name}, concluded in {self.published.year - rng.randrange(1, 6)}, has guided "
                f"cooperation between the two governments, covering areas such as {rng.choice(TOPICS)} and "
                f"{rng.choice(TOPICS)}.",
            )
        )

    def regional(self, s: _Story) -> str:
        rng = self.rng
        a, b = s.pair
        nation_b = self.world.nations[b]
        concerns = [c for c in CONCERNS[nation_b.region] if c not in s.pair and c in self.world.nations]
        sea = self.at(self.sea(s))
        feature = rng.choice(nation_b.features) if nation_b.features else None
        sentences = []
        if concerns:
            c = rng.choice(concerns)
            sentences.append(
                rng.choice(
                    (
                        f"The talks come amid growing concern over {self.dem(c)} military activity in and around "
                        f"the {sea}.",
                        f"Officials in both countries have voiced concern about {self.nat(c)}'s growing military "
                        f"presence near the {sea}.",
                    )
                )
            )
        else:
            sentences.append(f"Both countries depend on open shipping lanes through the {sea}.")
        if feature and feature.kind == "island":
            sentences.append(
                f"{self.nat(b, start=True)} has stepped up patrols around {self.the_place(feature)} in recent months."
            )
        elif feature:
            sentences.append(
                f"{self.nat(b, start=True)} has also strengthened its forces in {self.at(feature)} this year."
            )
        if rng.random() < 0.5:
            sentences.append(
                f"{self.dem(a)} and {self.dem(b)} ships have sailed together in the {sea} several times this year."
            )
        return " ".join(sentences)

    def call(self, s: _Story) -> str:
        rng = self.rng
        host = s.host
        third = self.pick_nation(exclude=s.pair)
        other = self.person(third, rng.choice(["defense", "foreign"]))
        video = rng.random() < 0.3
        back = rng.randrange(1, 6)
        day = self.published - timedelta(days=back)
        who = self.who(other)
        if video:
            sentence = (
                f"On {WEEKDAYS[day.weekday()]}, {host.short} held a video call with {who} to discuss "
                f"{rng.choice(TOPICS)}."
            )
        else:
            sentence = (
                f"{host.short} spoke by phone with {who} on {WEEKDAYS[day.weekday()]} about {rng.choice(TOPICS)}."
            )
        sentence = _tidy(sentence)
        self.meet("VideoCall" if video else "PhoneCall", [host, other], None, None, sentence)
        return (
            sentence
            + " "
            + rng.choice(
                (
                    "The two agreed to keep in close touch.",
                    f"It was their {rng.choice(ORDINALS[1:])} conversation this year.",
                    "Few details of the call were released.",
                )
            )
        )

    def past_meeting(self, s: _Story) -> str:
        rng = self.rng
        host, guest = s.host, s.guests[0]
        nation = self.world.nations[rng.choice(s.pair)]
        place = rng.choice((nation.capital, *nation.cities)) if nation.cities else nation.capital
        phrase, day = self.past_day()
        sentence = (
            f"{host.short} and {guest.short} last met in {self.at(place)} {phrase}, "
            f"{rng.choice(('when they discussed', 'during talks that focused on', 'and agreed then to expand'))} "
            f"{rng.choice(TOPICS)}."
        )
        self.meet("Meeting", [host, guest], place, day, sentence)
        return sentence

    def planned(self, s: _Story) -> str:
        rng = self.rng
        host, guest = s.host, s.guests[0]
        if rng.random() < 0.5:
            capital = self.world.nations[guest.nation].capital
            sentence = (
                f"{guest.short} invited {host.short} to visit {self.at(capital)} next year, and "
                f"{host.short} accepted the invitation."
            )
            self.meet("PlannedMeeting", [guest, host], capital, None, sentence)
            return sentence
        third = self.pick_nation(exclude=s.pair)
        other = self.person(third, rng.choice(["defense", "foreign"]))
        place = self.world.nations[third].capital
        sentence = _tidy(
            f"{host.short} is scheduled to travel to {self.at(place)} next month for talks with {self.who(other)}."
        )
        self.meet("PlannedMeeting", [host, other], place, None, sentence)
        return sentence

    def second_meeting(self, s: _Story) -> str | None:
        """Another meeting the same day: with another official of the country the host is visiting, or with
        the guest nation's ambassador in Washington."""
        rng = self.rng
        host = s.host
        guest_nation = s.pair[1] if s.pair[1] != host.nation else s.pair[0]
        if s.venue.country == guest_nation:
            held = {g.title for g in s.guests}
            posts = [
                p
                for p in ("foreign", "security", "army", "premier")
                if self.pools.has(guest_nation, p) and self.pools.posts[guest_nation][p].title not in held
            ]
            place = (
                s.venue if s.venue.kind == "city" or rng.random() < 0.5 else self.world.nations[guest_nation].capital
            )
        elif s.venue.country == "USA" and host.nation == "USA" and self.pools.has(guest_nation, "envoy"):
            posts, place = ["envoy"], self.world.nations["USA"].capital
        else:
            return None
        other = self.person(guest_nation, rng.choice(posts))
        when, day = self.when(today=s.style != "wire")
        when = "today" if when == "today" else when.removeprefix("on ")
        where = f"at {self.the_place(place)}" if place.kind != "city" else f"in {self.at(place)}"
        sentence = _tidy(f"Later {when}, {host.short} met with {self.who(other)} {where}.")
        self.meet("Meeting", [host, other], place, day, sentence)
        return (
            sentence
            + " "
            + rng.choice(
                (
                    f"That meeting focused on {rng.choice(TOPICS)}.",
                    "Officials did not release details of that conversation.",
                )
            )
        )

    def negated(self, s: _Story) -> str:
        third = self.pick_nation(exclude=s.pair)
        other = self.person(third, "defense")
        sentence = _tidy(
            f"{s.host.short} did not meet {self.who(other)} during the trip, despite earlier reports that the "
            f"two would hold talks."
        )
        self.meet("NegatedMeeting", [s.host, other], None, None, sentence)
        return sentence

    def page(self, s: _Story, title: str, paragraphs: list[str]) -> str:
        """The page: banner, title, byline, lead, captions, body, tail, as the site prints them."""
        rng = self.rng
        lines: list[str] = []
        if s.style == "dod" and rng.random() < 0.3:
            lines += [
                "An official website of the United States Government",
                "Here's how you know",
                "Official websites use .gov",
                "Secure .gov websites use HTTPS",
                "",
            ]
        lines += [title, ""]
        if s.style == "dod" and rng.random() < 0.4:
            reporter = self.bystander()
            lines += [f"By {reporter}, DoD News", ""]
        lines += [paragraphs[0], ""]
        if s.style == "dod" and rng.random() < 0.4:
            lines += [*self.caption(s), ""]
        for paragraph in paragraphs[1:]:
            lines += [paragraph, ""]
        if s.style == "dod" and rng.random() < 0.3:
            lines += ["Related Stories", *rng.sample(RELATED, 3)]
        return "\n".join(lines).rstrip() + "\n"

    def bystander(self) -> str:
        """A reporter's or photographer's name (not an official of the story), no namesake of one who is."""
        anglo = GROUPS["anglo"]
        shorts = {o.short for o in self.cast}
        surname = self.rng.choice([name for name in anglo.surnames if name not in shorts])
        return f"{self.rng.choice(anglo.female + anglo.male)} {surname}"

    def caption(self, s: _Story) -> list[str]:
        rng = self.rng
        host, guest = s.host, s.guests[0]
        rank = rng.choice(PHOTOGRAPHER_RANKS)
        photographer = self.bystander()
        where = f"at {self.the_place(s.venue)}" if s.venue.kind != "city" else f"in {self.at(s.venue)}"
        guest_title = f"{self.dem(guest.nation)} {guest.title}" if guest.nation != "USA" else guest.title
        host_title = (
            host.title if host.nation == "USA" and not s.qualify_home else f"{self.dem(host.nation)} {host.title}"
        )
        caption = (
            f"{host_title} {host.name}, left, {rng.choice(('speaks with', 'greets', 'meets with'))} {guest_title} "
            f"{guest.name} {where}, {ap_date(self.lead_day)}. DoD photo by {rank} {photographer}"
        )
        letters = "".join(rng.choice("ABCDEFGHKLMNPQRSTVWX") for _ in range(2))
        virin = f"{self.lead_day:%y%m%d}-D-{letters}{rng.randrange(100, 999)}-{rng.randrange(1000, 9999)}"
        heading = rng.choice(("Pentagon Welcome", "Alliance Talks", "Honor Cordon", "Working Together", "Talks"))
        return [caption] * rng.randrange(1, 4) + [
            heading,
            caption,
            f"Photo By: {rank} {photographer}",
            f"VIRIN: {virin}",
        ]


def _tidy(sentence: str) -> str:
    """Punctuation where an appositive ("X, the Thai army chief,") ends a sentence or meets another comma."""
    return sentence.replace(",.", ".").replace(",,", ",")


def _f_history(w: _Writer, s: _Story) -> str:
    a, b = s.pair
    year = w.rng.randrange(1950, 1996)
    return (
        f"{w.nat(a, start=True)} and {w.nat(b)} established diplomatic relations in {year}, and defense ties "
        f"have deepened in recent years as both governments have sought to respond to a changing security "
        f"environment."
    )


def _f_exercise(w: _Writer, s: _Story) -> str:
    rng = w.rng
    b = s.pair[1]
    count = rng.randrange(8, 60) * 100
    return (
        f"Forces from the two countries took part in the annual {rng.choice(EXERCISES)} exercise earlier this "
        f"year, which drew about {count:,} personnel along with ships and aircraft. {w.dem(b)} officials said they "
        f"hoped to expand the drills to include partners from across the region."
    )


def _f_aid(w: _Writer, s: _Story) -> str:
    rng = w.rng
    a, b = s.pair
    return (
        f"{w.nat(a, start=True)} has provided more than ${rng.randrange(20, 900)} million in security "
        f"assistance to {w.nat(b)} since {w.published.year - rng.randrange(3, 12)}, including "
        f"{rng.choice(SYSTEMS)} and training for {w.dem(b)} personnel."
    )


def _f_trade(w: _Writer, s: _Story) -> str:
    rng = w.rng
    return (
        f"Beyond security, the two countries are significant economic partners. Two-way trade reached about "
        f"${rng.randrange(5, 400)} billion last year, and officials said they would look for ways to make supply "
        f"chains for {rng.choice(SYSTEMS)} more resilient."
    )


def _f_industry(w: _Writer, s: _Story) -> str:
    rng = w.rng
    b = s.pair[1]
    return (
        f"{w.dem(b)} defense companies are seeking a larger role in co-producing {rng.choice(SYSTEMS)}, and "
        f"officials discussed steps to streamline export licensing. Industry representatives from both countries "
        f"are due to hold a forum later this year."
    )


def _f_disaster(w: _Writer, s: _Story) -> str:
    rng = w.rng
    a, b = s.pair
    return (
        f"The two militaries have a long record of working together in emergencies. After "
        f"{rng.choice(DISASTERS)} struck parts of {w.nat(b)} in {w.published.year - rng.randrange(1, 10)}, "
        f"{w.dem(a)} aircraft delivered relief supplies within days."
    )


def _f_training(w: _Writer, s: _Story) -> str:
    rng = w.rng
    a, b = s.pair
    nation_a = w.world.nations[a]
    site = rng.choice(nation_a.bases) if nation_a.bases else nation_a.capital
    where = f"at {w.the_place(site)}" if site.kind != "city" else f"in {w.at(site)}"
    return (
        f"More than {rng.randrange(2, 40) * 10} {w.dem(b)} officers have trained {where} over the past "
        f"decade, and both sides said they wanted to expand such exchanges."
    )


def _f_base(w: _Writer, s: _Story) -> str:
    rng = w.rng
    here = w.world.nations.get(s.venue.country or "")
    if here is None or not here.bases:
        return ""
    base = rng.choice(here.bases)
    return (
        f"Earlier in the day, {s.host.short} toured {w.the_place(base)}, where {w.dem(here.iso3)} and partner forces "
        f"have expanded facilities for aircraft and ships over the past several years."
    )


def _f_analysts(w: _Writer, s: _Story) -> str:
    rng = w.rng
    a, b = s.pair
    return (
        f"Analysts said the talks reflected a broader effort by {w.nat(a)} to build a network of partners. "
        f'"{rng.choice(QUOTES)}," said one analyst who follows {w.dem(b)} defense policy and asked not to be '
        f"named because of the sensitivity of the subject."
    )


def _f_budget(w: _Writer, s: _Story) -> str:
    rng = w.rng
    b = s.pair[1]
    return (
        f"{w.nat(b, start=True)} plans to raise defense spending to about {rng.randrange(12, 35) / 10:.1f} percent "
        f"of gross domestic product by {w.published.year + rng.randrange(2, 8)}, according to budget documents "
        f"released earlier this year, with much of the increase going to {rng.choice(SYSTEMS)}."
    )


def _f_role(w: _Writer, s: _Story) -> str:
    rng = w.rng
    guest = s.guests[0]
    return (
        f"The {w.role(guest)} also briefed {s.host.short} on {guest.possessive} government's plans for "
        f"{rng.choice(TOPICS)}, officials said. {guest.pronoun.capitalize()} has held the post since "
        f"{w.published.year - rng.randrange(1, 5)}."
    )


def _f_visit(w: _Writer, s: _Story) -> str:
    rng = w.rng
    host = s.host
    if s.venue.country == host.nation:  # the host did not travel
        return ""
    return (
        f"The trip is the {rng.choice(ORDINALS)} to the region for {host.short} this year. {host.pronoun.capitalize()}"
        f" is traveling with a small delegation of senior officials and is due to return to "
        f"{w.at(w.world.nations[host.nation].capital)} at the end of the week."
    )


FILLERS = (
    _f_history,
    _f_exercise,
    _f_aid,
    _f_trade,
    _f_industry,
    _f_disaster,
    _f_training,
    _f_base,
    _f_analysts,
    _f_budget,
    _f_role,
    _f_visit,
)


# --- the check: can kg read these articles? --------------------------------------------------------------


def _norm(text: str | None) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split()).removeprefix("the ")


def _title_ok(planted: str, found: set[str]) -> bool:
    words = set(_norm(planted).split()) - {"the", "of"}
    return any(words <= set(f.split()) or set(f.split()) - {"the", "of"} <= words for f in found if f)


def check(k: int, seed: int = 1, *, verbose: bool = False, variants: bool = False, out=sys.stdout) -> dict[str, float]:
    """Build the first ``k`` articles with ``kg.build`` and print the recall of what was planted in them."""
    import time

    import kg

    counts: dict[str, list[int]] = {}

    def tally(name: str, hit: bool, what: str = "") -> None:
        c = counts.setdefault(name, [0, 0])
        c[0] += hit
        c[1] += 1
        if verbose and not hit:
            print(f"  miss {name}: {what}", file=out)

    calls_as_meetings = calls = 0
    started = time.perf_counter()
    for article in articles(k, seed, variants=variants):
        if verbose:
            print(f"{article.name} ({article.published}): {article.title}", file=out)
        graph = kg.build(article.text, published=article.published)
        truth = article.truth
        officials: dict[str, dict[str, set[str]]] = {}
        for row in kg.query(graph, "officials"):
            entry = officials.setdefault(row["official"], {"names": set(), "titles": set(), "nations": set()})
            entry["names"].add(_norm(row["name"]))
            entry["titles"].add(_norm(row["title"]))
            entry["nations"].add(row["nation"] or "")
        for o in truth.officials:
            match = next((e for e in officials.values() if _norm(o.name) in e["names"]), None)
            tally("officials", match is not None, f"{o.name} ({o.title}, {o.nation})")
            strict = match is not None and _title_ok(o.title, match["titles"]) and o.nation in match["nations"]
            tally("officials.strict", strict, f"{o.name} ({o.title}, {o.nation}) ~ {match}")
        nations = {row["iso3"] for row in kg.query(graph, "nations")}
        for iso3 in truth.nations:
            tally("nations", iso3 in nations, iso3)
        places: dict[str, set[str]] = {}
        for row in kg.query(graph, "places"):
            places.setdefault(_norm(row["name"]), set()).add(row["country"] or "")
        for p in truth.places:
            found = places.get(_norm(p.name))
            tally("places", found is not None, p.name)
            tally("places.strict", found is not None and (p.country or "") in found, f"{p.name} {p.country} ~ {found}")
        treaties = {_norm(row["name"]) for row in kg.query(graph, "treaties")}
        for t in truth.treaties:
            tally("treaties", _norm(t.name) in treaties, f"{t.name} (as {t.surface!r})")
        meetings: dict[str, dict] = {}
        for row in kg.query(graph, "meetings"):
            m = meetings.setdefault(row["meeting"], {"people": set(), "place": None, "date": None})
            m["people"].add(_norm(row["participantName"]))
            m["place"] = _norm(row["placeName"]) or m["place"]
            m["date"] = row["date"] or m["date"]
        for e in truth.meetings:
            people = {_norm(p) for p in e.participants}
            found = [m for m in meetings.values() if people <= m["people"]]
            tally("meetings", bool(found), f"{e.participants} — {e.sentence}")
            when = e.date.isoformat() if e.date else None
            strict = any(m["place"] == _norm(e.place) and m["date"] == when for m in found)
            tally("meetings.strict", strict, f"{e.place} {e.date} ~ {found} — {e.sentence}")
        for e in truth.encounters:
            if e.kind in {"PhoneCall", "VideoCall"}:
                calls += 1
                people = {_norm(p) for p in e.participants}
                calls_as_meetings += any(people <= m["people"] for m in meetings.values())
    seconds = time.perf_counter() - started
    recall = {name: hit / total for name, (hit, total) in counts.items() if total}
    print(f"kg read {k} generated articles (seed {seed}) in {seconds:.1f} s; recall of what was planted:", file=out)
    print(f"  {'figure':<18} {'found':>6} {'planted':>8} {'recall':>7}", file=out)
    for name, (hit, total) in counts.items():
        print(f"  {name:<18} {hit:>6} {total:>8} {hit / total:>7.3f}", file=out)
    if calls:
        print(f"  calls kg took for in-person meetings: {calls_as_meetings} of {calls}", file=out)
    return recall


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--articles", type=int, metavar="N", help="number of articles to write")
    parser.add_argument("--out", type=Path, metavar="DIR", help="folder to write them to (created if missing)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--check", type=int, metavar="K", help="build the first K articles with kg and print recall")
    parser.add_argument("-v", "--verbose", action="store_true", help="with --check: list every miss")
    parser.add_argument(
        "--variants",
        action="store_true",
        help="officials go by variants of their names across articles (nicknames, middle initials, diacritics,\n"
        "surname alone) and some share a family name; a corpus of its own",
    )
    args = parser.parse_args(argv)
    if args.check is None and (args.articles is None or args.out is None):
        parser.error("give --articles N --out DIR, or --check K")
    if args.articles is not None:
        if args.out is None:
            parser.error("--articles needs --out DIR")
        written = write_corpus(args.out, args.articles, args.seed, variants=args.variants)
        words = sum(len(a.text.split()) for a in written)
        print(f"wrote {len(written)} articles ({words:,} words) and metadata.jsonl to {args.out}")
    if args.check is not None:
        check(args.check, args.seed, verbose=args.verbose, variants=args.variants)
    return 0


if __name__ == "__main__":
    sys.exit(main())
