"""Places: the bases, islands, waters, buildings, cities and regions an article names, each with its kind and
country.

Candidates come from the gazetteer's place names, from the shape of a name ("X Air Base", "Camp Y"), from
spaCy's entities, from "X's capital" and from the dateline; the longest wins where two overlap. A place inside
a person's or treaty's name or a title, or a capital standing for its government ("Beijing says"), is none.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Span

from kg.extract.context import FOLLOWED_BY_NAME, PLACE_HEADS, Context, ranked_nations, strip_the
from kg.gazetteer import PlaceInfo
from kg.model import PersonMention, PlaceMention, TreatyMention
from kg.spans import SpanIndex

__all__ = ["find_places"]

PLACE_PREFIXES = (
    r"Camp|Fort|Naval Base|Naval Station|Naval Air Station|RAAF Base|RAF|Joint Base|"
    r"Marine Corps Air Station|Marine Corps Base|Air Force Base|Mount|Lake"
)
_CAP = r"(?:[A-Z][\w'’.-]*|of|the|de)"
# A name never runs across a line break: "Secretary of State" above "Premier House" in a header is two lines.
# Heads of the names of rooms, buildings, barracks, training areas and dams ("the Treaty Room", "New Executive
# Bldg.", "Price Barracks", "Haditha Dam"), beside those the other rule families share.
_BUILDING_HEADS = r"Room|Building|Bldg\.|Barracks|Training Area|Dam"
PLACE_PATTERN = re.compile(
    rf"\b(?:(?:[A-Z][\w'’.-]*[ \t]+)(?:{_CAP}[ \t]+){{0,3}}(?:{PLACE_HEADS}|{_BUILDING_HEADS})(?![\w-])"
    rf"|(?:{PLACE_PREFIXES})[ \t]+[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){{0,2}})"
)
# What may follow a place to say where it lies: "Premier House, Wellington", "the Embassy Residence in Rome", or
# a header's next line.
_WHERE_AFTER = re.compile(r"(?:,[ \t]*|[ \t]*\n[ \t\n]*|[ \t]+in[ \t]+)(?:the[ \t]+)?(?=[A-Z])")
_NAME_WORDS = re.compile(r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2}")
PLACE_KIND_BY_WORD = {
    "base": "base", "station": "base", "camp": "base", "fort": "base", "airfield": "base",
    "island": "island", "islands": "island", "shoal": "island", "reef": "island", "atoll": "island",
    "strait": "body_of_water", "sea": "body_of_water", "ocean": "body_of_water", "river": "body_of_water",
    "bay": "body_of_water", "gulf": "body_of_water", "canal": "body_of_water", "lake": "body_of_water",
    "harbor": "body_of_water", "harbour": "body_of_water",
    "palace": "building", "castle": "building", "hotel": "building", "academy": "building",
    "headquarters": "building", "house": "building", "residence": "building", "cemetery": "building",
    "memorial": "building", "gardens": "building", "airbase": "base", "university": "building",
    "college": "building", "gallery": "building", "museum": "building", "mountains": "region",
    "centre": "building",
    "center": "building", "airport": "building", "port": "building", "room": "building", "building": "building",
    "bldg.": "building", "dam": "building", "barracks": "base", "area": "base",
    "peninsula": "region", "prefecture": "region", "province": "region",
}  # fmt: skip
# A town this large named right after an unknown place is where it lies; smaller ones are often surnames.
_TOWN = 10_000
# A dateline at the start of a line: a place in capitals, perhaps a state or nation after a comma, and a dash.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.-]*(?:[ \t][A-Z][A-Z'’.-]*){0,5})(?:,[ \t][^\n–—]{1,40}?)?[ \t]+(?:–|—|--?)[ \t]",
    re.MULTILINE,
)
_REGION_AFTER = re.compile(r",[ \t][A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?(?=,?[ \t])")
_BEFORE_COMMA = re.compile(r"(?P<name>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2}),[ \t]+(?:the[ \t]+)?$")
_OF_NAME = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z]")
# Places named "X of Y" ("Port of Singapore", "Gulf of Aden", "Palace of Westminster"); other "X of Y" names are
# bodies ("House of Representatives").
OF_PLACE_PATTERN = re.compile(
    r"\b(?:Port|Gulf|Bay|Sea|Strait|Straits|Isle|Palace|Castle)[ \t]+of[ \t]+(?:the[ \t]+)?"
    r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?"
)
_HEADLINE_VERB = re.compile(
    r"^(?:\S+\s+)*?(?:Visits|Visited|Meets|Met|Tours|Toured|Arrives|Arrived|Travels|Hosts|Welcomes)\s+"
)
# "in Kerry", "at Richardson": a preposition that makes the name after it a place's, not a person's.
_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|near|outside|inside)\s+$", re.IGNORECASE)
AT_THE = re.compile(r"\b(?:at|visit|visited|visiting|toured|here in)\s+(?:the\s+)?$")
# Lower-case words after a name that make "the X ..." a place: "the Henoko area", "the Filoli estate".
AREA_WORDS = {"area", "region", "province", "district", "county", "estate", "compound", "residence", "ranch",
              "village", "complex", "islands", "island", "peninsula", "valley", "coast", "border"}  # fmt: skip
LOCATIVE = {
    "in",
    "at",
    "near",
    "off",
    "outside",
    "from",
    "to",
    "into",
    "around",
    "inside",
    "across",
    "on",
    "over",
}


# What an event's name ends in: "at the Trans-Regional Seapower Symposium" is when and why, not where.
EVENT_HEADS = frozenset(
    {"symposium", "summit", "conference", "forum", "dialogue", "meeting", "talks", "exercise", "games", "festival",
     "ceremony", "session", "seminar", "workshop", "convention", "expo", "show", "week"}
)  # fmt: skip


# A direction alone is no place, whatever region bears its name ("the East and South China Seas").
COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})


def find_places(ctx: Context, people: list[PersonMention], treaties: list[TreatyMention]) -> list[PlaceMention]:
    """The places the text names, none overlapping another, leaving out the names of ``people`` and
    ``treaties``."""
    prefer = ranked_nations(ctx.nation_spans)
    # A name the people rule family found with no title, rank or nation ("Haditha Dam", "Da Nang") gives way to
    # a place whose shape or sentence says it is one; titled names and treaties never do.
    named = SpanIndex(
        [(p.start, p.end) for p in people if p.name and (p.title or p.office or p.rank or p.role or p.nation)]
        + [(t.start, t.end) for t in treaties]
    )
    bare_names = SpanIndex([(p.start, p.end) for p in people if p.name])
    surnames = {p.name.split()[-1].lower() for p in people if len(p.name.split()) > 1}
    candidates: dict[tuple[int, int], PlaceMention] = {}
    # How strongly the text places each place the gazetteer does not know in its country (3 to 0).
    evidence: dict[tuple[int, int], int] = {}
    # The gazetteer's place for each candidate it knows and links to no GeoNames id.
    unlinked: dict[tuple[int, int], PlaceInfo] = {}

    def overlaps_person(s: int, e: int, *, over_bare_name: bool = False) -> bool:
        return named.any_overlapping(s, e) or (not over_bare_name and bare_names.any_overlapping(s, e))

    def after_title(s: int) -> bool:
        """ "Secretary of State Kerry", "SECRETARY KERRY:": a name right after an office is a person's."""
        return any(
            s - 2 <= oe <= s and "\n" not in ctx.text[oe:s]
            for _, oe, *_ in ctx.office_spans.overlapping(max(0, s - 2), s)
        )

    def in_title(e: int) -> bool:
        """ "Pentagon spokesman", "White House press secretary": a place named inside a title."""
        return bool(ctx.office_spans.starting_in(e, e + 2))

    def inside_longer_name(s: int, e: int) -> bool:
        """ "Washington Treaty", "Capitol Newswire", "New Zealand", "Reunion of Honor", "the House of
        Representatives": the place is part of another name."""
        if _OF_NAME.match(ctx.text, e):
            return True
        if FOLLOWED_BY_NAME.match(ctx.text, e) and (
            not bare_names.starting_in(e + 1, e + 2) or ctx.office_spans.any_overlapping(s, e)
        ):
            return True  # but "While at the Pentagon Vaujour attended": a person's name, not the place's
        return any(ns < s or ne > e for ns, ne, _ in ctx.nation_spans.overlapping(s, e))

    def add(
        s: int,
        e: int,
        name: str,
        conf: float,
        kind: str | None = None,
        info: PlaceInfo | None = None,
        stated: str | None = None,
        over_bare_name: bool = False,
    ) -> None:
        """Add a candidate place; ``stated`` is the country the text gives it ("Clark, Philippines") where the
        gazetteer knows no place of that name there; ``over_bare_name`` when it may be a name the people rule
        family took for a person's without a title."""
        s, e, name = strip_the(s, e, name)
        if (
            name.split()[-1].lower() in EVENT_HEADS
            or name.lower() in COMPASS
            or overlaps_person(s, e, over_bare_name=over_bare_name)
            or after_title(s)
            or (name.lower() in surnames and not _PLACE_PREPOSITION.search(ctx.text, max(0, s - 8), s))
            or in_title(e)
            or inside_longer_name(s, e)
            or ctx.gaz.nation(name)
            or _body_not_place(ctx, name)
            or (" " not in name and ctx.gaz.office(name) is not None)  # "Gen. X, Commander, U.S. Africa Command"
            or (ctx.nation_at(s, e) and (ctx.text[s:e].strip() == ctx.text[s:e] and ctx.gaz.nation(ctx.text[s:e])))
        ):
            return
        info = info or (None if stated else ctx.gaz.place(name, prefer=prefer))
        if info is None and re.fullmatch(r"[A-Z]{2,6}", name):
            return  # "described in IPSR": an abbreviation the gazetteer knows no place by
        country = info.country if info else stated
        kind = info.kind if info else kind
        if info.broad if info else kind == "region" and not country:
            # Broad regions ("Indo-Pacific", "Southeast Asia") are no places kg records, nor is a region the
            # gazetteer does not know and the text places in no nation.
            return
        if kind in {"city", "building"} and _metonymic(ctx, s, e):
            return
        if kind == "body_of_water" and _figurative_water(ctx, s, e):
            return
        if info is None:
            if kind is None:
                return
            country, strength = (stated, 3) if stated else _country_from_context(ctx, s, e, kind, overlaps_person)
            evidence[(s, e)] = strength
        mention = PlaceMention(
            name=name,
            start=s,
            end=e,
            sentence=ctx.sentence_at(s),
            kind=kind,
            country=country,
            geonames=info.geonames if info else None,
            wikidata=info.wikidata if info else None,
            confidence=conf if info else conf - 0.15,
        )
        key = (s, e)
        if key not in candidates or candidates[key].confidence < mention.confidence:
            candidates[key] = mention
            if info is not None and info.geonames is None:
                unlinked[key] = info

    for start, end in ctx.place_name_spans:
        add(start, end, ctx.text[start:end], 0.85)
    for m in PLACE_PATTERN.finditer(ctx.text):
        s, e, name = m.start(), m.end(), m.group(0)
        # "Japanese-controlled Senkaku Islands", "At the Apiay Air Base": a leading nation word, hyphenated
        # adjective or capitalized preposition is no part of the name.
        while (first := re.match(r"\S+\s+", name)) and (
            ctx.gaz.nation(first.group(0).strip())
            or re.search(r"-[a-z]", first.group(0))
            or first.group(0).strip().lower() in LOCATIVE | {"the"}
        ):
            s, name = s + first.end(), name[first.end() :]
        # "Secretary of the Navy Visits Souda Bay": a headline's verb in capitals is no part of the name after it
        if verb := _HEADLINE_VERB.search(name):
            s, name = s + verb.end(), name[verb.end() :]
        # "visit Camp Humphreys.": the sentence's full stop, not an abbreviation's ("New Executive Bldg.").
        if re.search(r"[a-z]{4}\.$", name):
            name, e = name[:-1], e - 1
        if len(name.split()) < 2:
            continue
        head = name.split()[-1].lower() if not re.match(PLACE_PREFIXES, name) else name.split()[0].lower()
        kind = PLACE_KIND_BY_WORD.get(head, "base" if re.match(PLACE_PREFIXES, name) else None)
        if kind is None and re.match(PLACE_PREFIXES, name):
            kind = "base"
        add(s, e, name, 0.75, kind, over_bare_name=True)
    for m in OF_PLACE_PATTERN.finditer(ctx.text):
        kind = PLACE_KIND_BY_WORD.get(m.group(0).split()[0].lower().rstrip("s"), "building")
        of = _OF_NAME.match(m.group(0), m.group(0).index(" ")).end() - 1  # "Port of Tauranga" lies in Tauranga's
        owner = strip_the(0, 0, m.group(0)[of:])[2]
        where = ctx.gaz.nation(owner) or getattr(ctx.gaz.place(owner, prefer=prefer), "country", None)
        add(m.start(), m.end(), m.group(0), 0.75, kind, stated=where, over_bare_name=True)
    for ent in ctx.doc.ents:
        if ent.label_ not in {"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"}:
            continue
        s, e, name = strip_the(ent.start_char, ent.end_char, ent.text)
        name = name.rstrip(".,") if not name.endswith(".") or len(name) > 4 else name
        e = s + len(name)
        if "\n" in name or not name[:1].isupper():
            continue
        stated = _country_after(ctx, e)
        info = ctx.gaz.place(name, prefer=(stated,) if stated else prefer)
        if stated and (info is None or info.country != stated):
            # "in Clark, Philippines": the text says where the place lies; the gazetteer's places of that name
            # (a Clark in the U.S.) are others.
            if ent.label_ in {"GPE", "LOC", "FAC"}:
                add(s, e, name, 0.65, "region" if ent.label_ == "LOC" else "city", stated=stated)
            continue
        if (
            info is not None
            and ent.label_ == "PERSON"
            and (_place_preposition_before(ctx, ent) or (_major_city(info) and _locative_before(ctx, ent)))
        ):
            # "the carrier's visit to Da Nang", "traveled to La Macarena": a known place, whatever spaCy took it for
            add(s, e, name, 0.65, over_bare_name=True)
            continue
        if (
            ent.label_ in {"ORG", "PERSON", "NORP"}
            and (
                info is None
                or (info.kind == "city" and (info.population < 100_000 or info.name.lower() != name.lower()))
            )
            and not _followed_by_country(ctx, e, info)
        ):
            continue  # an organization or a person that shares a town's name ("NATO", "Congress", "Hamas")
        if info is None:
            if ent.label_ in {"GPE", "LOC", "FAC"} and _locative_before(ctx, ent):
                add(s, e, name, 0.55, "region" if ent.label_ == "LOC" else "city")
            continue
        if info.kind == "city" and info.population < 1000 and ent.label_ not in {"GPE", "LOC", "FAC"}:
            continue
        if (
            info.kind == "city"
            and info.population < 100_000
            and info.country not in prefer
            and not _followed_by_country(ctx, e, info)
            and not (ent.label_ in {"GPE", "LOC", "FAC"} and _locative_before(ctx, ent))
        ):
            continue  # "the Hamas attacks": a small town abroad the story has no other link to; "met in Davos" is one
        add(s, e, name, 0.8 if ent.label_ in {"GPE", "LOC", "FAC"} else 0.65, info=info)
    # "met at the Ministry of Defense", "at the State Department": a ministry named after "at" is its building.
    for os_, oe, nation, _ in ctx.org_spans:
        org = ctx.gaz.organization(ctx.text[os_:oe])
        # "at the Portuguese Ministry of Defense": the nation's word before the ministry says whose it is
        whose = ctx.nation_spans.covering(os_ - 2) if os_ >= 2 and nation is None else None
        at = whose[0] if whose else os_
        if (
            org is not None
            and org.kind == "ministry"
            and AT_THE.search(ctx.text, max(0, at - 14), at)
            and _said_of_a_deed(ctx, os_, oe)
        ):
            add(os_, oe, ctx.text[os_:oe], 0.6, "building", stated=whose[2] if whose else nation)
    for ns, ne, iso3 in ctx.nation_spans:
        capital = re.match(r"(?:'s|’s)? capital\b", ctx.text[ne : ne + 12])
        if capital and (info := ctx.gaz.capital(iso3)):
            start = ns - 4 if ctx.text[ns - 4 : ns].lower() == "the " else ns
            add(start, ne + capital.end(), info.name, 0.7, info=info)
    if ctx.article.dateline_place:
        idx = ctx.text.upper().find(ctx.article.dateline_place.upper())
        if idx >= 0:
            add(idx, idx + len(ctx.article.dateline_place), ctx.article.dateline_place, 0.9, "city")
    # "MANILA – The Philippines and Japan ...", "MARINE CORPS BASE CAMP MUJUK, Republic of Korea –": a dateline
    # that opens a later line (after photo captions, say) still names a place.
    for m in _DATELINE.finditer(ctx.text):
        place = " ".join(w.capitalize() for w in m["place"].split())
        with_region = _REGION_AFTER.match(ctx.text, m.end("place"))
        if with_region and (info := ctx.gaz.place(f"{place}{with_region[0]}", prefer=prefer)) is not None:
            # "WASHINGTON, D.C., —": one place the gazetteer knows by its city and district
            add(m.start("place"), with_region.end(), f"{place}{with_region[0]}", 0.8, info=info)
        elif (info := ctx.gaz.place(place, prefer=prefer)) is not None:
            add(m.start("place"), m.end("place"), place, 0.8, info=info)
        elif shaped := list(PLACE_PATTERN.finditer(place)):
            last = shaped[-1]
            s = m.start("place") + last.start()
            add(s, s + len(last.group(0)), last.group(0), 0.7, "base", stated=_country_after(ctx, m.end("place")))
    # "Stuttgart, Germany" inside an organization's name ("U.S. Africa Command Stuttgart, Germany"): a known
    # place followed by the nation it lies in.
    for ns, _ne, iso3 in ctx.nation_spans:
        before = _BEFORE_COMMA.search(ctx.text, max(0, ns - 40), ns)
        if before is None:
            continue
        words = before["name"].split()
        for n in range(min(len(words), 3), 0, -1):
            name = " ".join(words[-n:])
            info = ctx.gaz.place(name, prefer=(iso3,))
            if info is not None and info.country == iso3 and not info.broad:
                add(before.end("name") - len(name), before.end("name"), name, 0.7, info=info)
                break
    # Longest span wins where two overlap. The chosen never overlap one another, so the one starting last
    # before a candidate's end is the only one that can overlap it.
    chosen: list[tuple[int, int]] = []
    for p in sorted(candidates.values(), key=lambda p: (-(p.end - p.start), p.start)):
        k = bisect_left(chosen, (p.end,)) - 1
        if k >= 0 and chosen[k][1] > p.start:
            continue
        insort(chosen, (p.start, p.end))
    places = _nearest_known_place_countries([candidates[key] for key in chosen], evidence)
    places = _as_stated_elsewhere(ctx, places)
    return _one_name_per_place(_one_country_per_name(places, evidence), unlinked)


def _as_stated_elsewhere(ctx: Context, places: list[PlaceMention]) -> list[PlaceMention]:
    """ "VENICE (Oct. 5, 2022)" in a caption, then "in Venice, Italy": every mention of a name is the place one
    of them is said to lie in, whatever the gazetteer's first guess for the others."""
    stated: dict[str, PlaceMention] = {}
    for p in places:
        if p.country and _country_after(ctx, p.end) == p.country:
            stated.setdefault(p.name.lower(), p)
    out = []
    for p in places:
        said = stated.get(p.name.lower())
        if said is not None and p.country != said.country:
            p = replace(p, country=said.country, geonames=said.geonames, wikidata=said.wikidata)
        out.append(p)
    return out


def _one_name_per_place(places: list[PlaceMention], unlinked: dict[tuple[int, int], PlaceInfo]) -> list[PlaceMention]:
    """ "at Shoalwater Bay Training Area" ... "out here at Shoalwater Bay": the mentions of one place the gazetteer
    knows without a GeoNames id all take the longest name the text gives it, so that they make one place."""
    longest: dict[PlaceInfo, str] = {}
    for p in places:
        if (info := unlinked.get((p.start, p.end))) is not None and len(p.name) > len(longest.get(info, "")):
            longest[info] = p.name
    return [
        replace(p, name=longest[info]) if (info := unlinked.get((p.start, p.end))) is not None else p for p in places
    ]


def _nearest_known_place_countries(
    places: list[PlaceMention], evidence: dict[tuple[int, int], int]
) -> list[PlaceMention]:
    """ "flew to Darwin to visit Camp Ruritania with Japanese officers": a place the gazetteer does not know, which
    nothing right after it places, lies where the nearest place in its sentence that the gazetteer knows lies,
    rather than in a nation the sentence names."""
    known = [p for p in places if p.country and (p.start, p.end) not in evidence]
    out = []
    for p in places:
        if evidence.get((p.start, p.end), 3) < 2:
            near = [
                (min(abs(k.start - p.end), abs(p.start - k.end)), k.country) for k in known if k.sentence == p.sentence
            ]
            if near:
                p = replace(p, country=min(near)[1])
                evidence[(p.start, p.end)] = 2
        out.append(p)
    return out


def _one_country_per_name(places: list[PlaceMention], evidence: dict[tuple[int, int], int]) -> list[PlaceMention]:
    """ "in Apiay and Tolemaida" ... "Colombian troops in Tolemaida": every mention of a place the gazetteer does
    not know takes the country its best-placed mention is given (the first of those placed equally well)."""
    best: dict[str, tuple[int, str]] = {}
    for p in places:
        strength = evidence.get((p.start, p.end))
        if p.country and strength is not None and strength > best.get(p.name, (-1, ""))[0]:
            best[p.name] = (strength, p.country)
    return [
        replace(p, country=best[p.name][1]) if (p.start, p.end) in evidence and p.name in best else p for p in places
    ]


def _metonymic(ctx: Context, start: int, end: int) -> bool:
    """ "Beijing says", "the Kremlin said", "Washington's position": a capital or a seat of government that
    stands for its government is no mention of the place."""
    if (
        ctx.article.dateline_place
        and ctx.text[start:end].upper() == ctx.article.dateline_place.upper()
        and (ctx.text[start:end].isupper() or start < (ctx.article.dateline_end or 0))
    ):
        return False  # the dateline itself
    if _DATELINE.match(ctx.text, start):
        return False  # "MANILA – The Philippines and Japan will ...": a dateline, which the parser may make a subject
    span = ctx.span(start, end)
    if span is None:
        return False
    root = span.root
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.pos_ in {"VERB", "AUX"}:
        return True
    return root.dep_ == "poss"


def _said_of_a_deed(ctx: Context, start: int, end: int) -> bool:
    """ "met at the Ministry of Defense", "visited the Ministry of Defense": the ministry is where a verb's deed
    happens; "This week at the Foreign Office", a heading, tells of no deed there."""
    span = ctx.span(start, end)
    return span is None or any(t.pos_ == "VERB" for t in span.sent)


def _figurative_water(ctx: Context, start: int, end: int) -> bool:
    """ "both sides of the Atlantic", "North Atlantic security", "the Baltic Sea region": an ocean or sea that
    names the lands around it or qualifies another noun is no mention of the water."""
    if re.search(r"\bsides?\s+of\s+(?:the\s+)?$", ctx.text[max(0, start - 16) : start]):
        return True
    span = ctx.span(start, end)
    if span is None:
        return False
    root = span.root
    return root.dep_ in {"compound", "amod", "nmod"} and root.head.pos_ == "NOUN" and root.head.i >= span.end


def _followed_by_country(ctx: Context, end: int, info: PlaceInfo | None) -> bool:
    """ "Siem Reap, Cambodia": a place followed by the nation it lies in."""
    return info is not None and _country_after(ctx, end) == info.country


def _country_after(ctx: Context, end: int) -> str | None:
    """The nation named right after a place, after a comma ("Clark, Philippines", "Siem Reap, Cambodia")."""
    m = re.match(r",\s+(?:the\s+)?", ctx.text[end : end + 6])
    if not m:
        return None
    at = end + m.end()
    if nation := next((iso3 for _, _, iso3 in ctx.nation_spans.starting_in(at, at + 1)), None):
        return nation
    # "Clark, Pampanga, Philippines": a province of the nation between them.
    province = re.match(r"[A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*)?(?=,)", ctx.text[at : at + 40])
    if province and (nation := _country_after(ctx, at + province.end())):
        info = ctx.gaz.place(province.group(0), prefer=(nation,))
        return nation if info is not None and info.kind == "region" and info.country == nation else None
    return None


# Words that say the place after "to" is one someone goes to (the pipeline has no lemmatizer).
_MOTION = re.compile(
    r"(?:travel|fl(?:y|ew|ies|own|ying)|go(?:es|ne|ing)?|went|c[oa]me|coming|return|head|sail|deploy|mov|arriv"
    r"|visit|trip|journey|voyage|tour|welcom)\w*",
    re.IGNORECASE,
)


def _major_city(info: PlaceInfo) -> bool:
    return info.kind == "city" and info.population >= 100_000


def _place_preposition_before(ctx: Context, ent: Span) -> bool:
    """ "in Tolemaida", "at Da Nang", "traveled to La Macarena", "a visit to Da Nang": a preposition of place, or
    "to" after a word of going somewhere, right before the name."""
    if ent.start == 0:
        return False
    before = ctx.doc[ent.start - 1]
    word = before.text.lower()
    if word in {"in", "at", "near", "outside", "inside"}:
        return True
    return word in {"to", "into"} and bool(_MOTION.fullmatch(before.head.text))


def _locative_before(ctx: Context, ent: Span) -> bool:
    """ "in Henoko", "in the Henoko area", "near northern Cagayan": a name the gazetteer does not know, used
    as a place. "in the Quad" names a group, so after "the" an area word must follow."""
    i = ent.start - 1
    saw_the = False
    while i >= 0 and ctx.doc[i].text.lower() in {"the", "northern", "southern", "eastern", "western"}:
        saw_the = saw_the or ctx.doc[i].text.lower() == "the"
        i -= 1
    if saw_the and not (ent.end < len(ctx.doc) and ctx.doc[ent.end].text.lower() in AREA_WORDS):
        return False
    return i >= 0 and ctx.doc[i].text.lower() in LOCATIVE


# Kinds of organization whose name is no place's, though a place bears it ("the Commonwealth").
_PLACELESS_BODIES = frozenset({"international", "alliance", "forum", "party", "armed group", "media"})


def _body_not_place(ctx: Context, name: str) -> bool:
    """Whether a name is that of an organization with no building of its name: "the Commonwealth" (of
    Nations), not the district of Quezon City."""
    org = ctx.gaz.organization(name) or ctx.gaz.organization(f"the {name}")
    return org is not None and org.kind in _PLACELESS_BODIES


def _country_from_context(
    ctx: Context, s: int, e: int, kind: str | None, is_person: Callable[[int, int], bool]
) -> tuple[str | None, int]:
    """The country of a place the gazetteer does not know, and how strong the evidence is (3, 1 or 0): that of
    the place or nation named right after it ("Premier House, Wellington", "the Embassy Residence in Rome"),
    else the next nation in the sentence, else the last nation before it in the sentence (a known place in the
    sentence, 2, is weighed once all are found). Not the dateline's: a dateline is often the publishing office
    ("MIAMI —" for a visit to Colombia)."""
    if kind == "body_of_water":
        return None, 0
    if (where := _country_right_after(ctx, e, is_person)) is not None:
        return where, 3
    sent = ctx.sentences[ctx.sentence_at(s)]
    # "In the Philippines, Japan's Defense Minister was received at the Department of National Defense": the
    # nation the sentence opens by setting it in, first
    within = [
        iso3
        for ns, _, iso3 in ctx.nation_spans.starting_in(sent.start, sent.start + 20)
        if _IN_NATION.fullmatch(ctx.text, sent.start, ns)
    ]
    if len(set(within)) == 1:
        return within[0], 1
    after = [iso3 for _, _, iso3 in ctx.nation_spans.starting_in(e, sent.end)]
    before = [iso3 for _, _, iso3 in ctx.nation_spans.starting_in(sent.start, s)]
    if after or before:
        return (after[0] if after else before[-1]), 1
    return None, 0


_IN_NATION = re.compile(r"\s*In\s+(?:the\s+)?")


def _country_right_after(ctx: Context, end: int, is_person: Callable[[int, int], bool]) -> str | None:
    """The country of the nation or known place named right after ``end``: after a comma, "in", or on the next
    line."""
    where = _WHERE_AFTER.match(ctx.text, end)
    if not where:
        return None
    at = where.end()
    if nation := next((iso3 for _, _, iso3 in ctx.nation_spans.starting_in(at, at + 1)), None):
        return nation
    name = _NAME_WORDS.match(ctx.text, at)
    words = name.group(0).rstrip(".,").split() if name else []
    for n in range(len(words), 0, -1):
        candidate = " ".join(words[:n])
        if is_person(at, at + len(candidate)):
            return None
        if stated := _country_after(ctx, at + len(candidate)):
            return stated  # "Headquarters, Baran, Republic of Korea": the country the text gives the town
        info = ctx.gaz.place(candidate, prefer=ranked_nations(ctx.nation_spans))
        if info is not None and info.country and (info.kind != "city" or info.population >= _TOWN):
            return info.country
    return None
