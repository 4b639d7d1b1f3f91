"""Resolve stage: merge mentions into entities and state the facts kg will write.

"Defense Secretary Jim Mattis", "Mattis" and "the secretary" become one official; "the Mutual Defense Treaty"
and its full title one treaty; a meeting told in the lead and again in a photo caption one meeting. Every
fact keeps the sentence it came from and a confidence.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from kg.gazetteer import gazetteer
from kg.model import Article, Extraction, PersonMention, Sentence

SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}
SPOKESPEOPLE = re.compile(r"spokes|press secretary|press officer|photographer", re.IGNORECASE)
ATTRIBUTION = re.compile(r"^\W{0,3}(?:said|says|added|noted|told|wrote|according)\b", re.IGNORECASE)
PLACE_SPECIFICITY = {"building": 0, "base": 1, "island": 2, "city": 3, "region": 4, "body_of_water": 5}


@dataclass(frozen=True)
class Ref:
    """A reference to an entity by its key (the local part of its IRI, e.g. ``official/jim-mattis``)."""

    key: str


@dataclass(frozen=True)
class Fact:
    """One statement: ``subject predicate value``, from a sentence, with a confidence in [0, 1]."""

    subject: str
    predicate: str
    value: Ref | str | date
    sentence: int | None
    confidence: float


@dataclass
class Entity:
    kind: str
    key: str
    name: str


@dataclass
class Resolved:
    """The entities of one article and the facts about them."""

    article: Article
    sentences: tuple[Sentence, ...]
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)

    def entity(self, kind: str, key: str, name: str) -> str:
        self.entities.setdefault(key, Entity(kind, key, name))
        return key

    def named_entity(self, kind: str, key: str, name: str) -> str:
        """:meth:`entity` for a key made from ``name`` by :func:`slug`, which two names can share ("José Díaz"
        and "Jose Diaz", any two names in a script it drops): the entity of another name gets the key with a
        digest of its name, so that no IRI carries two names."""
        held = self.entities.get(key)
        if held is not None and held.name != name:
            key = f"{key}-{digest(name)}"
        return self.entity(kind, key, name)

    def fact(
        self, subject: str, predicate: str, value: Ref | str | date, sentence: int | None, confidence: float
    ) -> None:
        self.facts.append(Fact(subject, predicate, value, sentence, round(min(max(confidence, 0.0), 1.0), 2)))


def slug(text: str) -> str:
    """A readable, stable IRI segment: "Jim Mattis" -> "jim-mattis"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


def name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w.'’-]+", name) if w.lower() not in SUFFIXES and not re.fullmatch(r"\w\.", w)]


def resolve(extraction: Extraction) -> Resolved:
    """Merge the mentions of one article into entities and facts."""
    out = Resolved(extraction.article, extraction.sentences)
    officials = _resolve_officials(extraction, out)
    _resolve_nations(extraction, out)
    places = _resolve_places(extraction, out)
    treaties = _resolve_treaties(extraction, out)
    _resolve_encounters(extraction, out, officials, places, treaties)
    _ensure_nations(out)
    return out


# -- officials --------------------------------------------------------------------------------------------
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


def _cluster_people(people: tuple[PersonMention, ...]) -> tuple[list[_Person], dict[int, int]]:
    """Group named mentions: a full name, then its surname or first name alone, are one person."""
    clusters: list[_Person] = []
    of_mention: dict[int, int] = {}
    # The clusters whose full name holds a word, in the order they were made: a name joins the first
    # cluster that holds all its words, so only those holding its first word need a look.
    holding: dict[str, list[int]] = defaultdict(list)
    named = [(i, p) for i, p in enumerate(people) if p.name]
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
        if target is None:
            clusters.append(_Person())
            target = len(clusters) - 1
        if clusters[target].add(p.name, i):
            for word in set(clusters[target].full_words):
                if target not in holding[word]:
                    insort(holding[word], target)
        of_mention[i] = target
    return clusters, of_mention


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
        if info and info.country in codes:
            return info.country  # the story names the dateline's nation, not only its city
    # "at the Pentagon" says the U.S. is in the story as much as "U.S." does.
    codes.update(p.country for p in extraction.places if p.country)
    # A nation that qualifies a foreign official's title ("Australian Prime Minister") is not the home one.
    qualifiers = {p.nation for p in extraction.people if p.nation}
    home = [c for c, _ in codes.most_common() if c not in qualifiers]
    return home[0] if home else None


def _resolve_officials(extraction: Extraction, out: Resolved) -> dict[int, str]:
    """Create the officials; return the official key of every person mention (named or by role)."""
    people = extraction.people
    clusters, of_mention = _cluster_people(people)
    default_nation = _default_nation(extraction)
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
    first_named: dict[int, PersonMention] = {}
    for p in people:
        if p.name:
            first_named.setdefault(p.sentence, p)
    places_abroad: dict[int, set[str]] = defaultdict(set)
    for place in extraction.places:
        if place.country and place.country != default_nation:
            places_abroad[place.sentence].add(place.country)

    triggers: dict[int, list[int]] = defaultdict(list)
    for e in extraction.encounters:
        triggers[e.sentence].append(e.start)

    def hosted_in(first: PersonMention) -> str | None:
        """ "In Maputo, Renner met with President X and Minister Y": officials first named in a sentence set in
        one foreign country, as those a visitor of the home named before the verb of meeting met, are that
        country's, whatever the home's titles look like."""
        countries = places_abroad.get(first.sentence, set())
        visitor = first_named.get(first.sentence, first)
        if visitor.international or visitor.nation not in (None, default_nation):
            return None  # "NATO Secretary General X met Defense Secretary Y in Brussels": no one is visiting
        if len(countries) == 1 and any(visitor.start < t < first.start for t in triggers.get(first.sentence, ())):
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

    key_of_cluster: dict[int, str] = {}
    for ci, c in enumerate(clusters):
        mentions = [people[i] for i in c.mentions]
        titled = [m for m in mentions if m.title or m.rank]
        if not titled:
            continue  # a person with no office, rank or role in the text is not an official
        name = c.full
        key = out.named_entity("Official", f"official/{slug(name)}", name)
        key_of_cluster[ci] = key
        first = min(mentions, key=lambda m: m.start)
        out.fact(key, "name", name, first.sentence, max(m.confidence for m in mentions))
        for alias in sorted({n for n, _ in c.names} - {name}):
            m = next(people[i] for n, i in c.names if n == alias)
            out.fact(key, "alias", alias, m.sentence, m.confidence)
        for m in titled:
            if m.title or not any(t.title for t in titled):
                # A rank stands for the office of those who have no other ("Army Sgt."), as written and in full
                # ("Sergeant").
                out.fact(key, "title", m.title or m.rank, m.sentence, m.confidence if m.title else 0.4)
                if not m.title and (full := gaz.rank(m.rank)) and full != m.rank:
                    out.fact(key, "title", full, m.sentence, 0.4)
        international = any(m.international for m in mentions)
        nations = Counter(m.nation for m in mentions if m.nation)
        if nations:
            iso3, _ = nations.most_common(1)[0]
            m = next(m for m in mentions if m.nation == iso3)
            out.fact(key, "serves", Ref(f"nation/{iso3}"), m.sentence, m.confidence)
        elif not international and default_nation:
            fits = all(gaz.title_fits(default_nation, m.title) for m in titled if m.title)
            iso3 = default_nation if fits else abroad_for(mentions)
            if fits and (host := hosted_in(first)):
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


# -- nations ------------------------------------------------------------------------------------------------
def _nation(out: Resolved, iso3: str, sentence: int | None, confidence: float) -> str:
    key = f"nation/{iso3}"
    if key not in out.entities:
        info = gazetteer().nation_info(iso3)
        out.entity("Nation", key, info.name)
        out.fact(key, "name", info.name, sentence, confidence)
        out.fact(key, "iso3", info.iso3, sentence, confidence)
        if info.iso2:
            out.fact(key, "iso2", info.iso2, sentence, confidence)
        if info.numeric:
            out.fact(key, "isoNumeric", info.numeric, sentence, confidence)
        if info.wikidata:
            out.fact(key, "sameAs", f"http://www.wikidata.org/entity/{info.wikidata}", None, confidence)
        if geonames := gazetteer().nation_geonames(iso3):
            out.fact(key, "sameAs", f"https://sws.geonames.org/{geonames}/", None, confidence)
    return key


def _resolve_nations(extraction: Extraction, out: Resolved) -> None:
    for n in extraction.nations:
        key = _nation(out, n.iso3, n.sentence, 0.9)
        if n.text != out.entities[key].name:
            out.fact(key, "alias", n.text, n.sentence, 0.9)


def _ensure_nations(out: Resolved) -> None:
    """Every nation a fact points to is a node of its own (an official's nation, a treaty's party...)."""
    for f in list(out.facts):
        if isinstance(f.value, Ref) and f.value.key.startswith("nation/") and f.value.key not in out.entities:
            _nation(out, f.value.key.split("/", 1)[1], f.sentence, f.confidence)


# -- places -------------------------------------------------------------------------------------------------
def _resolve_places(extraction: Extraction, out: Resolved) -> dict[int, str]:
    key_of: dict[int, str] = {}
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(extraction.places):
        ident = f"gn{p.geonames}" if p.geonames else slug(p.name)
        by_key[ident].append(i)
    kinds = {
        "city": "City",
        "region": "Region",
        "island": "Island",
        "base": "Base",
        "building": "Building",
        "body_of_water": "BodyOfWater",
    }
    for indexes in by_key.values():
        mentions = [extraction.places[i] for i in indexes]
        name = max((m.name for m in mentions), key=lambda n: (not n.isupper(), len(n)))
        key = out.named_entity("Place", f"place/{slug(name)}", name)
        first = mentions[0]
        conf = max(m.confidence for m in mentions)
        out.fact(key, "name", name, first.sentence, conf)
        for alias in sorted({m.name for m in mentions} - {name}):
            out.fact(key, "alias", alias, next(m.sentence for m in mentions if m.name == alias), conf)
        if first.country:
            out.fact(key, "country", Ref(f"nation/{first.country}"), first.sentence, conf)
        if first.kind in kinds:
            out.fact(key, "placeKind", Ref(f"kind/{kinds[first.kind]}"), first.sentence, conf)
        if first.geonames:
            out.fact(key, "sameAs", f"https://sws.geonames.org/{first.geonames}/", None, conf)
        if first.wikidata:
            out.fact(key, "sameAs", f"http://www.wikidata.org/entity/{first.wikidata}", None, conf)
        for i in indexes:
            key_of[i] = key
    return key_of


# -- treaties -----------------------------------------------------------------------------------------------
def _resolve_treaties(extraction: Extraction, out: Resolved) -> dict[int, str]:
    """Treaty entities and their facts; returns the treaty key of each treaty mention that names one."""
    gaz = gazetteer()
    mentions = list(extraction.treaties)
    cluster: dict[int, str] = {}  # mention index -> cluster id
    source: dict[int, int] = {}  # alias mention index -> the latest mention before it of the name it is an alias of
    latest: dict[str, int] = {}  # name -> the latest mention of it so far that is in a cluster
    for i, t in enumerate(mentions):
        if t.generic:
            continue
        if t.alias_of and t.alias_of in latest:
            source[i] = latest[t.alias_of]
        if t.key:
            cluster[i] = t.key
        elif t.alias_of:
            cluster[i] = cluster[source[i]] if i in source else slug(t.name)
        else:
            cluster[i] = slug(re.sub(r"^(?:19|20)\d\d\s+", "", t.name))
        latest[t.name] = i
    # "X, formally the Y": Y joins X's cluster, and a key from the gazetteer wins over a slug. Clusters are
    # joined through a table of which id now stands for which, read when all are joined.
    joined: dict[str, str] = {}

    def current(c: str) -> str:
        while c in joined:
            c = joined[c]
        return c

    for i, j in source.items():
        a, b = current(cluster[j]), current(cluster[i])
        if a != b:
            old, new = sorted([a, b], key=lambda c: gaz.treaty_by_key(c) is None)
            joined[new] = old
    cluster = {i: current(c) for i, c in cluster.items()}
    named = sorted(cluster, key=lambda j: mentions[j].start)
    named_starts = [mentions[j].start for j in named]
    nations = Counter(n.iso3 for n in extraction.nations)
    for i, t in enumerate(mentions):
        if not t.generic:
            continue
        if named:
            # The named mention nearest to it (the first of two as near).
            k = bisect_left(named_starts, t.start)
            nearest = min(named[max(0, k - 1) : k + 1], key=lambda j: (abs(mentions[j].start - t.start), j))
            cluster[i] = cluster[nearest]
        elif len(nations) >= 2 and not t.provision and t.name.lower() not in {"treaty", "pact"}:
            # "our mutual defense treaty" in a story about two allies is their defense treaty, if the data
            # file knows one; "a trade pact" is not.
            topic = re.search(r"defen[cs]e|security", t.name, re.IGNORECASE)
            top = [c for c, _ in nations.most_common(2)]
            known = [k for k in gaz.treaties_between(top) if topic and re.search(topic.group(0), k.name, re.I)]
            if known:
                cluster[i] = known[0].key
    groups: dict[str, list[int]] = defaultdict(list)
    for i, c in cluster.items():
        groups[c].append(i)
    keys: dict[int, str] = {}
    for cid, indexes in groups.items():
        ms = [mentions[i] for i in indexes]
        info = gaz.treaty_by_key(cid)
        written = [m for m in ms if not m.generic] or ms
        name = info.name if info else max((m.name for m in written), key=len)
        name = re.sub(r"^(?:19|20)\d\d\s+", "", name)
        key = out.named_entity("Treaty", f"treaty/{slug(name)}", name)
        keys.update(dict.fromkeys(indexes, key))
        first = min(ms, key=lambda m: m.start)
        conf = max(m.confidence for m in ms)
        out.fact(key, "name", name, first.sentence, conf)
        for alias in sorted({m.name for m in ms} - {name}):
            m = next(m for m in ms if m.name == alias)
            out.fact(key, "provision" if m.provision else "alias", alias, m.sentence, m.confidence)
        parties = set(info.parties) if info and not info.multilateral else set()
        for m in ms:
            parties.update(m.parties)
        party_confidence = conf
        if not parties and len(nations) >= 2:
            # An agreement named without its parties in a story about two nations binds those two.
            parties = {c for c, _ in nations.most_common(2)}
            party_confidence = 0.4
        for iso3 in sorted(parties):
            out.fact(key, "party", Ref(f"nation/{iso3}"), first.sentence, party_confidence)
        if info and info.wikidata:
            out.fact(key, "sameAs", f"http://www.wikidata.org/entity/{info.wikidata}", None, conf)
    return keys


# -- encounters ---------------------------------------------------------------------------------------------
@dataclass
class _Encounter:
    kind: str
    participants: dict[str, int]  # official key -> the sentence that names it as taking part
    place: str | None
    place_kind: str | None
    date: date | None
    dated: bool
    sentences: list[int]
    confidence: float
    triggers: set[str] = field(default_factory=set)


# CAMEO event codes (Schrodt, CAMEO Event Data Codebook 1.1b3), as PLOVER's CONSULT and its modes align them.
CAMEO = {"PhoneCall": "041", "VideoCall": "041", "PlannedMeeting": "036", "NegatedMeeting": "125"}
HOST_WORDS = {"hosted", "host", "hosts", "hosting", "welcomed", "welcomes", "received", "receives", "greeted"}
VISIT_WORDS = {"visited", "visits", "visit"}


def cameo_code(kind: str, triggers: set[str], place_country: str | None, nations: set[str]) -> str:
    """The CAMEO code of an encounter: 040 consult, 041 by telephone, 042 visit, 043 host, 044 meet at a third
    location, 036 intend to meet, 125 reject (a meeting that did not take place)."""
    if kind in CAMEO:
        return CAMEO[kind]
    words = {t.lower() for t in triggers}
    if words & HOST_WORDS:
        return "043"
    if words & VISIT_WORDS:
        return "042"
    if place_country and nations and place_country not in nations:
        return "044"
    return "040"


def _resolve_encounters(
    extraction: Extraction,
    out: Resolved,
    officials: dict[int, str],
    places: dict[int, str],
    treaties: dict[int, str],
) -> None:
    text = extraction.article.text
    people = extraction.people  # in the order of the text
    starts = [p.start for p in people]
    # Spokespeople report meetings; they are not taken as taking part in them.
    spokespeople = {f.subject for f in out.facts if f.predicate == "title" and SPOKESPEOPLE.search(str(f.value))}
    encounters: list[_Encounter] = []
    # The encounters (indexes) holding each pair of officials: one encounter told twice shares two of them.
    with_pair: dict[tuple[str, str], set[int]] = defaultdict(set)
    for e in extraction.encounters:
        participants: list[str] = []
        for i in e.participants:
            p = people[i]
            key = officials.get(i)
            if key is None or key in participants:
                continue
            if (p.title and SPOKESPEOPLE.search(p.title)) or ATTRIBUTION.match(text[p.end : p.end + 12]):
                continue
            if key in spokespeople:
                continue
            participants.append(key)
        if e.group:
            # "the two leaders": the officials named last before this sentence. "X joined the two
            # secretaries": the group is others than those the sentence names.
            sentence_start = extraction.sentences[e.sentence].start
            wanted = e.group + (len(participants) if e.group_is_object else 0)
            i = bisect_left(starts, sentence_start)
            while len(participants) < wanted and i > 0:
                i -= 1
                key = officials.get(i)
                if key is not None and key not in participants and key not in spokespeople:
                    participants.append(key)
        if len(participants) < 2:
            continue
        place_kind = extraction.places[e.place].kind if e.place is not None else None
        current = _Encounter(
            e.kind,
            dict.fromkeys(participants, e.sentence),
            places.get(e.place) if e.place is not None else None,
            place_kind,
            e.date,
            e.dated,
            [e.sentence],
            e.confidence,
            {extraction.article.text[e.start : e.end]},
        )
        candidates = sorted(set().union(*(with_pair.get(pair, ()) for pair in _pairs(current))))
        same = next((k for k in candidates if _same_encounter(encounters[k], current)), None)
        if same is None:
            same = len(encounters)
            encounters.append(current)
        else:
            _merge(encounters[same], current)
        for pair in _pairs(encounters[same]):
            with_pair[pair].add(same)
    _meet_at_dateline(extraction, encounters, places)
    serves: dict[str, set[str]] = defaultdict(set)
    country_of: dict[str, str] = {}
    for f in out.facts:
        if f.predicate == "serves":
            serves[f.subject].add(f.value.key)
        elif f.predicate == "country":
            country_of.setdefault(f.subject, f.value.key)
    sentences_of: dict[str, set[int]] = defaultdict(set)
    for i, k in officials.items():
        sentences_of[k].add(people[i].sentence)
    treaties_in: dict[int, list[int]] = defaultdict(list)
    for i in sorted(treaties):
        treaties_in[extraction.treaties[i].sentence].append(i)
    for enc in encounters:
        key = f"encounter/{digest(enc.kind, *sorted(enc.participants), enc.place, enc.date)}"
        label = f"{enc.kind}: " + ", ".join(out.entities[p].name for p in enc.participants)
        out.entity(enc.kind, key, label)
        s = enc.sentences[0]
        for p, sentence in enc.participants.items():
            out.fact(key, "participant", Ref(p), sentence, enc.confidence)
        if enc.place:
            out.fact(key, "place", Ref(enc.place), s, enc.confidence)
        if enc.date:
            out.fact(key, "date", enc.date, s, enc.confidence)
        nations = set().union(*(serves[p] for p in enc.participants))
        country = country_of.get(enc.place) if enc.place else None
        out.fact(key, "cameoCode", cameo_code(enc.kind, enc.triggers, country, nations), s, enc.confidence)
        named_in = set().union(*(sentences_of[p] for p in enc.participants)) if len(encounters) == 1 else set()
        _discussed(extraction, out, key, enc, treaties, treaties_in, named_in)


def _meet_at_dateline(extraction: Extraction, encounters: list[_Encounter], places: dict[int, str]) -> None:
    """A meeting of the story's day told with no place met at the venue its header names, else in the dateline's
    city ("TOKYO, March 25 -- X met Y today"): reporters date a story from where it happened."""
    article = extraction.article
    day = article.published or article.dateline_date
    if day is None:
        return
    where = next(
        (
            places.get(i)
            for i, p in enumerate(extraction.places)
            if article.dateline_place and p.name.lower() == article.dateline_place.lower()
        ),
        None,
    )
    kind = "city"
    # A release's header may name the room or the house: above its city ("Treaty Room" / "Washington, DC") or
    # in its title ("Press Conference, Parliament House").
    text, header = article.text, []
    if article.title and text.startswith(article.title):
        header.append((0, len(article.title)))
    if article.dateline_end:
        line = text.rfind("\n", 0, article.dateline_end) + 1
        header.append((text.rfind("\n", 0, max(0, line - 1)) + 1, line))
    venue = next(
        (
            i
            for i, p in enumerate(extraction.places)
            if p.kind in {"building", "base"} and places.get(i) and any(s <= p.start < e for s, e in header)
        ),
        None,
    )
    if venue is not None:
        where, kind = places[venue], extraction.places[venue].kind
    elif where is None and header and header[0][0] == 0:
        # no dateline: the city the title names ("NATO Secretary General visits Washington DC")
        city = next(
            (
                i
                for i, p in enumerate(extraction.places)
                if p.kind == "city" and places.get(i) and p.end <= header[0][1]
            ),
            None,
        )
        where = places.get(city) if city is not None else None
    for enc in encounters:
        if where and enc.kind == "Meeting" and enc.place is None and enc.date == day:
            enc.place, enc.place_kind = where, kind


def _pairs(enc: _Encounter) -> list[tuple[str, str]]:
    people = sorted(enc.participants)
    return [(a, b) for k, a in enumerate(people) for b in people[k + 1 :]]


def _discussed(
    extraction: Extraction,
    out: Resolved,
    key: str,
    enc: _Encounter,
    treaties: dict[int, str],
    treaties_in: dict[int, list[int]],
    named_in: set[int],
) -> None:
    """``discusses`` facts: the treaties named in the sentence of an encounter, or (less sure, and only in a
    story of one encounter: ``named_in`` is then the sentences naming its participants) in a sentence naming
    one of its participants ("Mattis reaffirmed Article 5...")."""
    found: dict[str, tuple[int, float]] = {}
    for i in sorted({i for sentence in {*enc.sentences, *named_in} for i in treaties_in.get(sentence, ())}):
        treaty = treaties[i]
        sentence = extraction.treaties[i].sentence
        if sentence in enc.sentences:
            confidence = min(enc.confidence, 0.7)
        elif sentence in named_in:
            confidence = min(enc.confidence, 0.5)
        else:
            continue
        if treaty not in found or found[treaty][1] < confidence:
            found[treaty] = (sentence, confidence)
    for treaty, (sentence, confidence) in sorted(found.items()):
        out.fact(key, "discusses", Ref(treaty), sentence, confidence)


def _same_encounter(a: _Encounter, b: _Encounter) -> bool:
    if a.kind != b.kind:
        return False
    shared = set(a.participants) & set(b.participants)
    if len(shared) < 2:
        return False
    if a.place and b.place and a.place != b.place:
        return False  # the same people in Tokyo and in New Delhi met twice
    if a.date and b.date:
        return a.date == b.date
    if (a.date or a.dated) and (b.date or b.dated):
        return False
    if (a.dated and not a.date) or (b.dated and not b.date):
        return not (a.date or b.date) and a.place == b.place
    return True


def _merge(a: _Encounter, b: _Encounter) -> None:
    for p, sentence in b.participants.items():
        a.participants.setdefault(p, sentence)
    if b.place and (
        a.place is None or PLACE_SPECIFICITY.get(b.place_kind or "", 9) < PLACE_SPECIFICITY.get(a.place_kind or "", 9)
    ):
        a.place, a.place_kind = b.place, b.place_kind
    a.date = a.date or b.date
    a.dated = a.dated or b.dated
    a.sentences.extend(b.sentences)
    a.triggers |= b.triggers
    a.confidence = min(1.0, max(a.confidence, b.confidence) + 0.1)


__all__ = ["Entity", "Fact", "Ref", "Resolved", "resolve", "slug"]
