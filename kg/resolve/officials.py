"""Officials: the people an article names with an office, a rank or a role, one entity each, with their names,
titles, offices and the nation they serve.

A full name, then its surname or first name alone, are one person ("Jim Mattis", "Mattis"); a title or rank
alone ("the secretary", "the admiral") is the latest official before it whose title has that word. An official
named without a demonym serves the article's home nation (:func:`_default_nation`), unless the home's
government has no such title or the official is one a visitor met in a sentence set abroad, or one the
story's traveller met only in one foreign country: then that country, or the nation of the places and nations
named near.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cache

from kg.extract.cues import visits
from kg.extract.names import title_vocab
from kg.gazetteer import gazetteer, short_forms
from kg.model import Extraction, PersonMention
from kg.resolve.entities import Ref, Resolved, slug

__all__ = ["SUFFIXES", "name_words", "resolve_officials"]

SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}


def name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w.'’-]+", name) if w.lower() not in SUFFIXES and not re.fullmatch(r"\w\.", w)]


@dataclass
class _Person:
    names: list[tuple[str, int]] = field(default_factory=list)  # (name, mention index)
    mentions: list[int] = field(default_factory=list)
    full: str = ""  # the name with the most words (the longest of those): what the official is called
    full_words: list[str] = field(default_factory=list)  # its words, lower case

    def add(self, name: str, mention: int) -> bool:
        """Add a name of this person; return whether it became the full name."""
        self.names.append((name, mention))
        self.mentions.append(mention)
        words = name_words(name)
        if self.full and (len(words), len(name)) <= (len(self.full_words), len(self.full)):
            return False
        self.full, self.full_words = name, [w.lower() for w in words]
        return True


@cache
def _short_forms() -> dict[str, frozenset[str]]:
    """The gazetteer's short forms of given names, lower case: "dan" -> {"daniel"}."""
    return {k.lower(): frozenset(g.lower() for g in v) for k, v in short_forms().items()}


def _cluster_people(people: tuple[PersonMention, ...]) -> tuple[list[_Person], dict[int, int]]:
    """Group named mentions: a full name, then its surname or first name alone, are one person."""
    clusters: list[_Person] = []
    of_mention: dict[int, int] = {}
    # The clusters whose full name holds a word, in the order they were made: a name joins the first
    # cluster that holds all its words, so only those holding its first word need a look.
    holding: dict[str, list[int]] = defaultdict(list)
    named = [(i, p) for i, p in enumerate(people) if p.name]
    short = _short_forms()
    # Full names first, so that a surname in a headline finds the full name given later.
    for i, p in sorted(named, key=lambda ip: -len(name_words(ip[1].name))):
        words = [w.lower() for w in name_words(p.name)]
        if not words:
            continue
        target = None
        for ci in holding.get(words[0], ()):
            full = clusters[ci].full_words
            if set(words) <= set(full) and (len(words) > 1 or words[0] in {full[-1], full[0]}):
                target = ci
                break
        if target is None and len(words) == 1 and (p.title or p.rank) and len(holding.get(words[0], ())) == 1:
            # "President Tan" after "President Tony Tan Keng Yam": a family name inside the full name, when
            # one person alone has it
            target = holding[words[0]][0]
        if target is None and len(words) >= 2:
            # "Jim Mattis" and "James N. Mattis": one given name short for the other, the same family name
            same = [
                ci
                for ci in holding.get(words[-1], ())
                if (full := clusters[ci].full_words)[-1] == words[-1]
                and (full[0] in short.get(words[0], ()) or words[0] in short.get(full[0], ()))
                and set(words[1:-1]) <= set(full)
            ]
            target = same[0] if len(same) == 1 else None
        if target is None and len(words) == 1 and words[0] in short:
            # "When Dan and I met" after "Daniel Pryor": a short form of the given name of one person alone
            givens = short[words[0]]
            bearers = [ci for ci, c in enumerate(clusters) if len(c.full_words) > 1 and c.full_words[0] in givens]
            target = bearers[0] if len(bearers) == 1 else None
        if target is None:
            clusters.append(_Person())
            target = len(clusters) - 1
        if clusters[target].add(p.name, i):
            for word in set(clusters[target].full_words):
                if target not in holding[word]:
                    insort(holding[word], target)
        of_mention[i] = target
    return clusters, of_mention


_MAJOR_CITY = 100_000  # a city an office may be of by name alone ("Mayor of Osaka")
# "Governor of Sarawak", "adjutant general of the Montana National Guard": the region an office is of
_OF_PLACE = re.compile(
    r"\b(?:of|for)\s+(?:the\s+)?((?:[A-Z][\w'’.-]*\s+){0,3}?[A-Z][\w'’.-]*)(?:\s+(?:Army\s+|Air\s+)?National\s+Guard)?$"
)


def _place_of_office(title: str) -> str | None:
    """The country of the region or major city a title ends on ("Governor of Sarawak": MYS, "Mayor of Osaka":
    JPN), or None; never a portfolio ("Minister of Justice" is no town of Justice)."""
    if (m := _OF_PLACE.search(title)) is None:
        return None
    gaz = gazetteer()
    if any(w.lower() in title_vocab(gaz) for w in m.group(1).split()):
        return None
    place = gaz.place(m.group(1))
    if place is None or place.broad or not (place.kind == "region" or place.population >= _MAJOR_CITY):
        return None
    return place.country


# "arrived here", "a weeklong visit to China": the dateline is where the visitor went, not home
_ARRIVED_HERE = re.compile(r"\barrived here\b")


def _visits(extraction: Extraction, iso3: str) -> bool:
    """Whether the story tells of a visit to the nation ("arrived here", "a weeklong visit to China")."""
    text = extraction.article.text
    return bool(_ARRIVED_HERE.search(text)) or any(n.iso3 == iso3 and visits(text, n.start) for n in extraction.nations)


def _default_nation(extraction: Extraction) -> str | None:
    """The nation an official with an unqualified title ("Defence Secretary X") serves: the article's home.

    News names the nationality of foreign officials and leaves the home side's unsaid. The home is, from the
    strongest evidence to the weakest: the government that published the article (its site, gov.uk or
    mofa.go.jp, or a banner naming it, "An official website of the United States Government"); the dateline's
    country when the story names it; the nation named most that qualifies no official's title. Without any,
    none: no nation is assumed.
    """
    gaz = gazetteer()
    site = gaz.site(extraction.article.source)
    if site is not None and site.nation:
        return site.nation
    if extraction.publisher_nations:
        return extraction.publisher_nations[0]
    codes = Counter(n.iso3 for n in extraction.nations)
    top = tuple(c for c, _ in codes.most_common(2))
    if extraction.article.dateline_place:
        info = gaz.place(extraction.article.dateline_place, prefer=top)
        if info and info.country in codes and not _visits(extraction, info.country):
            # the story names the dateline's nation, not only its city, and tells of no visit there ("arrived
            # here", "a weeklong visit to China": the dateline is where the visitor went)
            return info.country
    # "at the Pentagon" says the U.S. is in the story as much as "U.S." does.
    codes.update(p.country for p in extraction.places if p.country)

    # A nation that qualifies a foreign official's title ("Australian Prime Minister", "Minister of External
    # Affairs of India") is not the home one; an office only one nation has ("Deputy Secretary of State") names
    # no nation in the text, and qualifies none.
    named_in: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for n in extraction.nations:
        named_in[n.sentence].append((n.start, n.iso3))

    def qualified(p: PersonMention) -> bool:
        reach = len(p.title or "") + 30
        return any(iso3 == p.nation and p.start - reach <= at <= p.end + 40 for at, iso3 in named_in[p.sentence])

    qualifiers = {p.nation for p in extraction.people if p.nation and qualified(p)}
    home = [c for c, _ in codes.most_common() if c not in qualifiers]
    return home[0] if home else None


# "in" right before a nation's name: the nation is where, not whose ("While in Japan", "in the Philippines").
_IN_BEFORE = re.compile(r"\b[Ii]n\s+(?:the\s+)?$")


def _met_abroad(
    extraction: Extraction, clusters: list[_Person], of_mention: dict[int, int], home: str | None
) -> dict[int, str]:
    """The people the story's traveller met in one foreign country, and only there: "Kerry also met with
    President X and with Y, Speaker of the Council of Representatives" in a story of his day in Baghdad. The
    traveller is the one official in more meetings than any other, and serves the home; the others' offices,
    however like the home's, are that country's."""
    places = extraction.places
    met: dict[int, list[tuple[frozenset[int], str | None]]] = defaultdict(list)  # cluster -> (others, country)
    for e in extraction.encounters:
        if e.kind != "Meeting":
            continue
        country = places[e.place].country if e.place is not None else None
        there = frozenset(of_mention[i] for i in e.participants if i in of_mention)
        for ci in there:
            met[ci].append((there - {ci}, country))
    if not met or home is None:
        return {}
    officials = {
        ci for ci in met if any(extraction.people[i].title or extraction.people[i].rank for i in clusters[ci].mentions)
    }
    most = sorted(officials, key=lambda ci: -len(met[ci]))
    if len(most) < 2 or len(met[most[0]]) == len(met[most[1]]):
        return {}  # no one is in more meetings than all the others
    traveller = most[0]
    mentions = [extraction.people[i] for i in clusters[traveller].mentions]
    if {m.nation for m in mentions} - {None, home} or any(
        m.international or (m.title and not gazetteer().title_fits(home, m.title)) for m in mentions
    ):
        return {}  # the traveller is a foreign or international official: the home's people may be the hosts
    out = {}
    for ci, meetings in met.items():
        countries = {country for _, country in meetings}
        if ci != traveller and all(traveller in others for others, _ in meetings) and len(countries) == 1:
            country = next(iter(countries))
            if country not in (None, home):
                out[ci] = country
    return out


def resolve_officials(extraction: Extraction, out: Resolved, default_nation: str | None) -> dict[int, str]:
    """Create the officials; return the official key of every person mention (named or by role).
    ``default_nation`` is the article's home (:func:`_default_nation`)."""
    people = extraction.people
    clusters, of_mention = _cluster_people(people)
    gaz = gazetteer()
    named = Counter(n.iso3 for n in extraction.nations)
    # For an official whose title the home's government never gives ("Minister of Defense" on a U.S. page): the
    # nation of the places, else the nations, named in the official's sentences ("In Guatemala City, Whitfield
    # met with Minister of National Defense X"), else the nation the story names most besides the home.
    abroad = next((c for c, _ in named.most_common() if c != default_nation), None)
    nearby: dict[int, list[tuple[int, str]]] = defaultdict(list)  # sentence -> (offset, nation), in order
    for place in extraction.places:
        if place.country:
            nearby[place.sentence].append((place.start, place.country))
    for nation in extraction.nations:
        nearby[nation.sentence].append((nation.start, nation.iso3))

    # The first person each sentence names, and the foreign countries of the places it names.
    first_named: dict[int, int] = {}  # sentence -> mention
    for i, p in enumerate(people):
        if p.name:
            first_named.setdefault(p.sentence, i)
    # The nations each person's mentions state: "Japanese Defense Minister Sakura Ito" is Japanese as "Ito" too.
    stated: dict[int, set[str]] = {i: set() for i in of_mention}
    serving_abroad: set[int] = set()  # mentions of officials of international organizations
    for c in clusters:
        nations = {people[i].nation for i in c.mentions} - {None}
        abroad_org = any(people[i].international for i in c.mentions)
        for i in c.mentions:
            stated[i] = nations
            if abroad_org:
                serving_abroad.add(i)
    places_abroad: dict[int, set[str]] = defaultdict(set)
    for place in extraction.places:
        if place.country and place.country != default_nation:
            places_abroad[place.sentence].add(place.country)
    text = extraction.article.text
    for n in extraction.nations:
        if n.iso3 != default_nation and (
            _IN_BEFORE.search(text, max(0, n.start - 12), n.start) or visits(text, n.start)
        ):
            places_abroad[n.sentence].add(n.iso3)  # "While in Japan, X held meetings with ...", "During his visit to"

    triggers: dict[int, list[int]] = defaultdict(list)
    for e in extraction.encounters:
        triggers[e.sentence].append(e.start)

    def hosted_in(first: PersonMention) -> str | None:
        """ "In Maputo, Renner met with President X and Minister Y": officials first named in a sentence set in
        one foreign country, as those a visitor of the home named before the verb of meeting met, are that
        country's, whatever the home's titles look like."""
        countries = places_abroad.get(first.sentence, set())
        visitor = first_named[first.sentence]
        if visitor in serving_abroad or stated.get(visitor, set()) - {default_nation}:
            return None  # "NATO Secretary General X met Defense Secretary Y in Brussels": no one is visiting
        if len(countries) == 1 and any(
            people[visitor].start < t < first.start for t in triggers.get(first.sentence, ())
        ):
            return next(iter(countries))
        return None

    def abroad_for(mentions: list[PersonMention]) -> str | None:
        # The official's own sentences first, then the two before each ("In Bangkok, he will hold talks with
        # Thai Gen. X. He will also meet Defense Minister Y"), the nearest first.
        for back in range(3):
            for sentence in sorted({m.sentence for m in mentions}):
                local = [c for _, c in sorted(nearby.get(sentence - back, ())) if c != default_nation]
                if local:
                    return local[-1] if back else local[0]
        return abroad

    met_abroad = _met_abroad(extraction, clusters, of_mention, default_nation)
    key_of_cluster: dict[int, str] = {}
    for ci, c in enumerate(clusters):
        mentions = [people[i] for i in c.mentions]
        titled = [m for m in mentions if m.title or m.rank]
        name = c.full
        first = min(mentions, key=lambda m: m.start)
        if not titled and (held := gaz.holder_offices(name, extraction.article.published)):
            # "Boris Johnson and Simon Coveney discussed ...": a well-known holder of a top office, named in full
            # without it, held it that day
            nation_held, offices = held
            confidence = min(first.confidence, 0.5)
            titled = [
                replace(first, title=o, nation=nation_held, international=nation_held is None, confidence=confidence)
                for o in offices
            ]
            mentions = [*mentions, *titled]
        if not titled:
            continue  # a person with no office, rank or role in the text is not an official
        key = out.named_entity("Official", f"official/{slug(name)}", name)
        key_of_cluster[ci] = key
        out.fact(key, "name", name, first.sentence, max(m.confidence for m in mentions))
        for alias in sorted({n for n, _ in c.names} - {name}):
            m = next(people[i] for n, i in c.names if n == alias)
            out.fact(key, "alias", alias, m.sentence, m.confidence)
        if spelled := gaz.holder_spelling(name):
            out.fact(key, "alias", spelled, first.sentence, 0.4)  # "Milanovic" as "Milanović"
        for m in titled:
            if m.title or not any(t.title for t in titled):
                # A rank stands for the office of those who have no other ("Army Sgt."), as written and in full
                # ("Sergeant").
                out.fact(key, "title", m.title or m.rank, m.sentence, m.confidence if m.title else 0.4)
                if not m.title and (full := gaz.rank(m.rank)) and full != m.rank:
                    out.fact(key, "title", full, m.sentence, 0.4)
        international = any(m.international for m in mentions)
        # "Chief Minister of Sarawak", "Adjutant General for South Carolina": the nation of the place the office
        # is of, where the title states no nation
        mentions = [
            replace(m, nation=where) if m.title and not m.nation and (where := _place_of_office(m.title)) else m
            for m in mentions
        ]
        nations = Counter(m.nation for m in mentions if m.nation)
        if nations:
            iso3, _ = nations.most_common(1)[0]
            m = next(m for m in mentions if m.nation == iso3)
            out.fact(key, "serves", Ref(f"nation/{iso3}"), m.sentence, m.confidence)
        elif not international and (
            known := gaz.holder_nation(name, [m.title for m in titled if m.title], extraction.article.published)
        ):
            # A well-known holder of a top office ("Prime Minister Shinzo Abe"): the nation they served, or none
            # for an international organization's.
            iso3 = known[0]
            if iso3:
                out.fact(key, "serves", Ref(f"nation/{iso3}"), titled[0].sentence, 0.5)
        elif not international and default_nation:
            fits = all(gaz.title_fits(default_nation, m.title) for m in titled if m.title)
            iso3 = default_nation if fits else abroad_for(mentions)
            if fits and (host := hosted_in(first) or met_abroad.get(ci)):
                iso3, fits = host, False
            if iso3:
                out.fact(key, "serves", Ref(f"nation/{iso3}"), titled[0].sentence, 0.45 if fits else 0.35)
        else:
            iso3 = None
        for m in titled:
            if m.office or m.title:
                office_name = m.office or m.title
                scope = iso3 or "intl"
                okey = out.named_entity("Office", f"office/{scope}/{slug(office_name)}", office_name)
                out.fact(okey, "name", office_name, m.sentence, m.confidence)
                if iso3:
                    out.fact(okey, "officeOf", Ref(f"nation/{iso3}"), m.sentence, m.confidence)
                out.fact(key, "holdsOffice", Ref(okey), m.sentence, m.confidence)
    mention_key: dict[int, str] = {i: key_of_cluster[c] for i, c in of_mention.items() if c in key_of_cluster}
    # Title-only references ("the secretary") name the latest official whose title has that word.
    # Titles as stated and canonical offices, lower case with hyphens as spaces: "secretary general".
    titles: dict[str, set[str]] = defaultdict(set)
    for f in out.facts:
        if f.predicate == "title":
            titles[f.subject].add(str(f.value))
        elif f.predicate == "holdsOffice":
            titles[f.subject].add(out.entities[f.value.key].name)
    # Ranks too: "the admiral" is the admiral named last, whatever his post.
    for i, key in mention_key.items():
        if people[i].rank and (rank := gaz.rank(people[i].rank)):
            titles[key].add(rank)
    titles = {k: {t.lower().replace("-", " ") for t in v} for k, v in titles.items()}
    # For each role word, the mentions (start, key) of the officials it fits, in order, kept up to date as
    # role references resolve; a role takes the latest before it.
    fitting: dict[str, set[str]] = {}
    mentions_fitting: dict[str, list[tuple[int, str]]] = {}
    for i, p in enumerate(people):
        if not p.role:
            continue
        role = p.role.replace("-", " ")
        if role not in fitting:
            fitting[role] = {
                k for k, ts in titles.items() if any(role in t or role.split()[-1] in t.split() for t in ts)
            }
            mentions_fitting[role] = sorted((people[j].start, k) for j, k in mention_key.items() if k in fitting[role])
        candidates = mentions_fitting[role]
        before = bisect_left(candidates, (p.start,))
        if before:
            key = mention_key[i] = candidates[before - 1][1]
            for other, keys in fitting.items():
                if key in keys:
                    insort(mentions_fitting[other], (p.start, key))
    return mention_key
