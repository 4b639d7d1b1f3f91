"""Extract stage: find the officials, nations, places, treaties and encounters an article mentions.

spaCy gives sentences, parts of speech and named entities; rules over them and the gazetteer's general
knowledge (nations, offices, places, treaties) give the mentions. Every mention keeps its character offsets
and sentence, so that each fact kg writes can be traced to the sentence it came from.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg import timex
from kg.gazetteer import Gazetteer, PlaceInfo, gazetteer
from kg.model import (
    Article,
    EncounterMention,
    Extraction,
    NationMention,
    PersonMention,
    PlaceMention,
    Sentence,
    TreatyMention,
)
from kg.nlp import parse
from kg.spans import SpanIndex

NAME_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}
NAME_PARTICLES = {"de", "da", "van", "von", "bin", "al", "el", "la", "le", "du", "dos", "der", "ibn"}
TITLE_MODIFIERS = {
    "chief",
    "deputy",
    "acting",
    "former",
    "then",
    "senior",
    "top",
    "vice",
    "interim",
    "outgoing",
    "incoming",
    "new",
    "first",
    "assistant",
    "under",
    "principal",
    "general",
    "lead",
}
TITLE_CONNECTORS = {"of", "to", "for", "the", "and", "on", "in"}
GROUP_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}
ROLE_WORDS = (
    "secretary-general",
    "secretary general",
    "prime minister",
    "defense secretary",
    "defence secretary",
    "defense minister",
    "defence minister",
    "foreign minister",
    "secretary",
    "minister",
    "president",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "chairman",
    "chancellor",
    "premier",
    "admiral",
    "general",
    "defense chief",
    "leader",
)

MEETING_TRIGGER = re.compile(
    r"\b(met|meets?|meeting|hosted|hosts?|hosting|welcomed|welcomes|welcoming|greeted|greets|received|receives|"
    r"sat down|sit down|held talks|hold talks|holds talks|talks|consultations|summit|visited|visits|"
    r"joined|signed|signing|(?:speaks?|spoke|talked|talks)(?: \w+ly| today| again)? (?:with|to))\b",
    re.IGNORECASE,
)
PHONE = re.compile(r"\b(phone|telephone|(?:phone|telephone) call|called|calls?|by phone)\b", re.IGNORECASE)
VIDEO = re.compile(r"\b(video|videoconference|virtual(?:ly)?|teleconference|video ?link)\b", re.IGNORECASE)
NEGATED = re.compile(
    r"\b(?:did not|didn't|does not|doesn't|not|never|no)\s+(?:\w+\s+){0,2}?(?:meet|hold|sit|talk|met)\b"
    r"|\bwithout (?:a )?meeting\b|\bdeclined to meet\b|\bno (?:meeting|talks)\b",
    re.IGNORECASE,
)
PLANNED = re.compile(
    r"\b(will|would|shall|is|are) (?:\w+ )?(?:expected|due|scheduled|set|slated|planning|going) to\b"
    r"|\b(?:will|shall) (?:\w+ )?(?:meet|host|hold|visit|travel|sit)\b|\bplans? to\b|\bto be held\b"
    r"|\bnext (?:week|month|year)\b|\btomorrow\b|\blater this (?:week|month|year)\b|\bupcoming\b"
    r"|\blooks? forward to\b|\blooking forward to\b|\binvited\b|\binvitation to\b",
    re.IGNORECASE,
)
UNDATED_TIME = re.compile(
    r"\b(?:last|this|next)\s+(?:week|month|year|spring|summer|fall|autumn|winter|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"|\bin\s+(?:early\s+|late\s+|mid-)?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|(?:19|20)\d\d)\b|\bago\b|\bearlier\b|\bpreviously\b|\bin the past\b",
    re.IGNORECASE,
)
HERE = re.compile(r"\b(?:met|meeting|talks|here)\s+here\b|\bhere (?:today|on|this)\b", re.IGNORECASE)

_CALENDAR_WORDS = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
# "Washington Treaty", "Capitol Newswire", "Virginia-class": a place name that is part of a longer name.
FOLLOWED_BY_NAME = re.compile(r" (?!(?:" + "|".join(_CALENDAR_WORDS) + r")\b)[A-Z][a-z]|-[a-z]")
PLACE_HEADS = (
    r"Air Force Base|Air Base|Naval Air Station|Naval Base|Naval Station|Air Station|Base|Islands?|"
    r"Shoal|Reef|Atoll|Strait|Sea|Ocean|River|Bay|Gulf|Peninsula|Palace|Castle|Hotel|Academy|"
    r"Prefecture|Province|Canal|Lake|Harbor|Harbour|Port|Airport|Airfield|Headquarters|Centre|Center"
)
PLACE_PREFIXES = (
    r"Camp|Fort|Naval Base|Naval Station|Naval Air Station|RAAF Base|RAF|Joint Base|"
    r"Marine Corps Air Station|Marine Corps Base|Air Force Base|Mount|Lake"
)
_CAP = r"(?:[A-Z][\w'’.-]*|of|the|de)"
PLACE_PATTERN = re.compile(
    rf"\b(?:(?:[A-Z][\w'’.-]*\s+)(?:{_CAP}\s+){{0,3}}(?:{PLACE_HEADS})\b"
    rf"|(?:{PLACE_PREFIXES})\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}})"
)
PLACE_KIND_BY_WORD = {
    "base": "base", "station": "base", "camp": "base", "fort": "base", "airfield": "base",
    "island": "island", "islands": "island", "shoal": "island", "reef": "island", "atoll": "island",
    "strait": "body_of_water", "sea": "body_of_water", "ocean": "body_of_water", "river": "body_of_water",
    "bay": "body_of_water", "gulf": "body_of_water", "canal": "body_of_water", "lake": "body_of_water",
    "harbor": "body_of_water", "harbour": "body_of_water",
    "palace": "building", "castle": "building", "hotel": "building", "academy": "building",
    "headquarters": "building",
    "centre": "building",
    "center": "building", "airport": "building", "port": "building",
    "peninsula": "region", "prefecture": "region", "province": "region",
}  # fmt: skip
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

# What may stand before a demonym in a title without being part of the office: "the", "then-", "former".
TITLE_TIME_PREFIX = re.compile(r"(?:the|then\s*-?|former|ex\s*-)?\s*", re.IGNORECASE)
TREATY_HEADS = {
    "treaty",
    "agreement",
    "accord",
    "accords",
    "convention",
    "pact",
    "memorandum",
    "protocol",
    "charter",
    "partnership",
    "compact",
}
TREATY_CONNECTORS = {"of", "on", "between", "for", "the", "and", "to", ","}
GENERIC_TREATY = re.compile(
    r"\b(?:(?P<nations>[A-Z][\w.]*(?:-[A-Z][\w.]*)+)\s+)?(?P<desc>(?:(?:mutual|collective|common)\s+)?"
    r"(?:defen[cs]e|security|peace|alliance|nuclear|trade|military|cooperation)\s+)?(?P<head>treaty|pact)\b"
)
PROVISION = re.compile(r"\bArticle\s+(?:\d+|[IVX]+)\b(?:\s*\(\d+\))?")
TREATY_ALIAS_CUE = re.compile(r"^\s*,?\s*(?:formally|officially|known as|also called|or)\s+(?:the\s+)?", re.I)


def extract(article: Article, doc: Doc | None = None) -> Extraction:
    """Run spaCy and the rules over an article and return every mention found.

    ``doc`` is the article's text already run through :func:`kg.nlp.parse` (parsing many articles in one
    call is faster than one call each); without it, the text is parsed here.
    """
    if doc is None:
        doc = next(parse([article.text]))
    return Extractor(article, doc, gazetteer()).run()


class Extractor:
    """The rules of the extract stage over one parsed article."""

    def __init__(self, article: Article, doc: Doc, gaz: Gazetteer) -> None:
        self.article = article
        self.doc = doc
        self.gaz = gaz
        self.text = article.text
        self.sentences = tuple(Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents))
        self._sentence_starts = [s.start for s in self.sentences]
        self._sent_of_token = [0] * len(doc)
        for i, s in enumerate(doc.sents):
            self._sent_of_token[s.start : s.end] = [i] * len(s)
        # The first token of the line holding each token: a title never runs across a line break.
        self._line_start = [0] * len(doc)
        first = 0
        for tok in doc[1:]:
            previous = doc[tok.i - 1]
            if previous.is_space or "\n" in previous.whitespace_:
                first = tok.i
            self._line_start[tok.i] = first
        self.anchor = article.published or article.dateline_date

    # -- helpers -------------------------------------------------------------------------------------
    def terms(self, kind: str) -> re.Pattern[str]:
        """The gazetteer's terms of one kind as one regex, compiled once per process."""
        return _terms_regex(self.gaz, kind)

    def sentence_at(self, char: int) -> int:
        i = bisect_right(self._sentence_starts, char) - 1
        if i >= 0 and char < self.sentences[i].end:
            return i
        return self.sentences[-1].index if self.sentences else 0

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    # -- the run -------------------------------------------------------------------------------------
    def run(self) -> Extraction:
        self.nation_spans = SpanIndex(self.find_nations())
        self.office_spans = SpanIndex(self.find_offices())
        self.org_spans = SpanIndex(self.find_organizations())
        people = self.find_people()
        treaties = self.find_treaties()
        places = self.find_places(people, treaties)
        nations = self.keep_nations(places)
        encounters = self.find_encounters(people, places)
        return Extraction(
            article=self.article,
            sentences=self.sentences,
            people=tuple(people),
            nations=tuple(nations),
            places=tuple(places),
            treaties=tuple(treaties),
            encounters=tuple(encounters),
            publisher_nations=tuple(
                self.gaz.nation_terms()[m.group(0)]
                for line in self.article.publisher_lines
                for m in self.terms("nation").finditer(line)
            ),
        )

    # -- nations, offices, organizations --------------------------------------------------------------
    def find_nations(self) -> Iterator[tuple[int, int, str]]:
        for m in self.terms("nation").finditer(self.text):
            iso3 = self.gaz.nation_terms()[m.group(0)]
            yield m.start(), m.end(), iso3

    def find_offices(self) -> Iterator[tuple[int, int, str]]:
        for m in self.terms("office").finditer(self.text):
            yield m.start(), m.end(), m.group(0)

    def find_organizations(self) -> Iterator[tuple[int, int, str | None, bool]]:
        """Organizations that tell whom an official serves: (start, end, nation, international)."""
        for m in self.terms("organization").finditer(self.text):
            org = self.gaz.organization(m.group(0))
            if org is not None:
                yield m.start(), m.end(), org.nation, org.international

    def nation_at(self, start: int, end: int) -> str | None:
        span = self.nation_spans.first_within(start, end)
        return span[2] if span else None

    def keep_nations(self, places: list[PlaceMention]) -> list[NationMention]:
        """Nation mentions, except a country name inside a place name ("South China Sea")."""
        out = []
        # The places kept do not overlap one another.
        place_spans = SpanIndex(places, bounds=lambda p: (p.start, p.end))
        for s, e, iso3 in self.nation_spans:
            place = place_spans.covering(s)
            if place and e <= place.end and not (place.start == s and place.end == e):
                continue
            out.append(NationMention(iso3, self.text[s:e], s, e, self.sentence_at(s)))
        return out

    # -- people ---------------------------------------------------------------------------------------
    def is_name_token(self, tok: Token) -> bool:
        text = tok.text
        if (
            text in {"-", "‐"}
            and not tok.whitespace_
            and tok.i > 0
            and not self.doc[tok.i - 1].whitespace_
            and tok.i + 1 < len(self.doc)
            and self.doc[tok.i + 1].is_alpha
        ):
            return True  # "Kosiniak-Kamysz", "Ching-te"
        if (
            tok.i > 0
            and self.doc[tok.i - 1].text in {"-", "‐"}
            and not self.doc[tok.i - 1].whitespace_
            and tok.is_alpha
            and tok.i > 1
            and self.doc[tok.i - 2].text[:1].isupper()
        ):
            return True
        if tok.is_space or tok.is_punct:
            return False
        if text.lower() in NAME_SUFFIXES:
            return True
        if text.lower() in NAME_PARTICLES and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].text[:1].isupper():
            return True
        if not text[:1].isupper() or (text.isupper() and len(text) > 3 and not text.endswith(".")):
            return False
        if re.fullmatch(r"[A-Z]\.", text):  # an initial
            return True
        if self.is_rank(text) or text.lower() in _title_vocab(self.gaz):
            return False
        return tok.pos_ in {"PROPN", "NOUN", "ADJ", "VERB", "X", "NUM"} and not tok.like_num

    def is_rank(self, text: str) -> bool:
        """A rank, service or honorific, or a word of a multi-word one ("Air" of "Air Force Maj. Gen.")."""
        return self.gaz.is_rank(text) or text in _rank_words(self.gaz) or text in _rank_words(self.gaz)

    def name_tokens_after(self, i: int) -> tuple[int, int] | None:
        """The token range of a name starting at token ``i`` (after titles and ranks), or None."""
        doc = self.doc
        while i < len(doc) and (self.is_rank(doc[i].text) or doc[i].text in {".", "then", "-"}):
            i += 1
        j = i
        while j < len(doc) and self.is_name_token(doc[j]) and "\n" not in doc[j - 1].whitespace_:
            if j > i and doc[j - 1].text == "," and doc[j].text.lower() not in NAME_SUFFIXES:
                break
            j += 1
        # "Brown Jr." arrives as Brown + Jr. (suffix) and "Marcos Jr." likewise; never end on a particle.
        while j > i and doc[j - 1].text.lower() in NAME_PARTICLES:
            j -= 1
        if j == i:
            return None
        return i, j

    def find_people(self) -> list[PersonMention]:
        doc = self.doc
        candidates: list[tuple[int, int, float]] = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                first = ent.start
                while first > self.line_start(ent.start) and self.is_name_token(doc[first - 1]):
                    first -= 1
                rng = self.name_tokens_after(first)
                if rng and rng[0] < ent.end:
                    candidates.append((rng[0], max(rng[1], ent.end) if rng[1] >= ent.end else rng[1], 0.75))
        for start, end, _ in self.office_spans:
            span = self.span(start, end)
            if span is None:
                continue
            rng = self.name_tokens_after(span.end)
            if rng:
                candidates.append((*rng, 0.85))
        # A title-case headline fools the tagger ("Brown Holds Video Call"): names in it are only those the
        # body gives in full, found below.
        headline_end = len(self.article.title) if self.article.title and self.text.startswith(self.article.title) else 0
        candidates = [c for c in candidates if doc[c[0]].idx >= headline_end]
        spans = self._clean_people(candidates)
        # Later mentions by surname (or given name) alone, whatever spaCy labelled them.
        surnames = {}
        for s, e, _ in spans:
            toks = [t for t in doc[s:e] if t.text.lower() not in NAME_SUFFIXES and t.is_alpha]
            if len(toks) >= 2:
                for tok in (toks[0], toks[-1]):
                    if tok.text[:1].isupper() and len(tok.text) >= 2 and not tok.is_stop:
                        surnames[tok.text] = True
        taken = {i for s, e, _ in spans for i in range(s, e)}
        for tok in doc:
            if tok.text in surnames and tok.i not in taken:
                spans.append((tok.i, tok.i + 1, 0.8))
        spans.sort()
        people = []
        for s, e, conf in spans:
            people.append(self.person_mention(s, e, conf))
        people = self._share_titles(people)
        people.extend(self.find_roles(spans))
        people.sort(key=lambda p: p.start)
        return people

    def _share_titles(self, people: list[PersonMention]) -> list[PersonMention]:
        """What a title says of a neighbour: "his Japanese counterpart, X" holds the office of the host;
        in "Japanese Foreign Minister X and Defense Minister Y", Y serves Japan too (parallel titles only)."""
        out: list[PersonMention] = []
        titled: dict[int, list[PersonMention]] = defaultdict(list)  # by sentence, latest first
        for p in people:
            earlier = titled[p.sentence]
            if p.office == "counterpart":
                host = earlier[0] if earlier else None
                p = replace(p, title=host.title if host else None, office=host.office if host else None)
            elif p.title and not p.nation and not p.international and earlier and earlier[0].nation:
                title_at = self.text.rfind(p.title, self.sentences[p.sentence].start, p.start)
                joined = title_at >= 0 and re.search(r"(?:,\s*)?\band\s+$", self.text[max(0, title_at - 8) : title_at])
                if (
                    joined
                    and p.title.split()[-1].lower() == earlier[0].title.split()[-1].lower()
                    and p.office != earlier[0].office  # two defense secretaries are of two nations
                ):
                    p = replace(p, nation=earlier[0].nation, confidence=p.confidence - 0.05)
            out.append(p)
            if p.title:
                earlier.insert(0, p)
        return out

    def _clean_people(self, candidates: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
        doc = self.doc
        cleaned = []
        for s, e, conf in candidates:
            while s < e and (
                self.is_rank(doc[s].text)
                or doc[s].text.lower() in _title_vocab(self.gaz)
                or self.nation_at(doc[s].idx, doc[s].idx + len(doc[s].text))
            ):
                s += 1
            while e > s and (
                doc[e - 1].text in {"'s", "’s", "'", "’"} or (doc[e - 1].is_punct and doc[e - 1].text != ".")
            ):
                e -= 1
            if s >= e:
                continue
            text = doc[s:e].text
            if re.match(rf"[ -](?:{PLACE_HEADS}|City|class)\b", self.text[doc[e - 1].idx + len(doc[e - 1]) :][:25]):
                continue  # "Andersen Air Force Base", "Ho Chi Minh City": a place named after a person
            if self.gaz.nation(text) or self.gaz.organization(text):
                continue
            places = self.gaz.places(text)
            if places and (places[0].kind != "city" or places[0].population > 100_000 or len(text.split()) > 2):
                continue
            if not any(t.text[:1].isupper() for t in doc[s:e]):
                continue
            cleaned.append((s, e, conf))
        cleaned.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        out: list[tuple[int, int, float]] = []
        for s, e, conf in cleaned:
            if out and s < out[-1][1]:
                ps, pe, pc = out[-1]
                out[-1] = (ps, max(pe, e), max(pc, conf))
                continue
            out.append((s, e, conf))
        return out

    def person_mention(self, s: int, e: int, confidence: float) -> PersonMention:
        doc = self.doc
        name = doc[s:e].text
        title, nation, international, rank, office = self.title_before(s)
        if title is None and office is None:
            title, nation2, international2, office = self.title_after(e)
            nation = nation or nation2
            international = international or international2
        if nation is None:
            nation = self.nation_after(e)
        return PersonMention(
            name=name,
            start=doc[s].idx,
            end=doc[e - 1].idx + len(doc[e - 1].text),
            sentence=self._sent_of_token[s],
            title=title,
            office=office,
            nation=nation,
            international=international,
            rank=rank,
            confidence=confidence if title else confidence - 0.1,
        )

    def title_before(self, s: int) -> tuple[str | None, str | None, bool, str | None, str | None]:
        """The office stated before a name: "Japanese Prime Minister", "Pentagon spokesman Navy Cmdr."."""
        doc = self.doc
        i = s
        rank_end = s
        # Ranks stand between the title and the name, but "General" of "Secretary General" is the office's.
        while i > self.line_start(s) and self.is_rank(doc[i - 1].text) and not self._office_covering(doc[i - 1]):
            i -= 1
        # Honorifics ("Mr.", "H.E.") are skipped like ranks but say nothing of an office.
        rank = doc[i:rank_end].text if i < rank_end and self.gaz.rank(doc[i:rank_end].text) else None
        if i > 0 and doc[i - 1].text == ",":
            i -= 1  # "Taiwan's new president, Lai Ching-te": an appositive office before the name
        end = i
        sent_start = self.line_start(s)
        office_hit = None
        j = end
        while j > sent_start:
            tok = doc[j - 1]
            if "\n" in tok.whitespace_:
                break
            in_office = self._office_covering(tok)
            if in_office:
                office_hit = office_hit or in_office
                j = doc.char_span(in_office[0], in_office[1], alignment_mode="expand").start
                continue
            low = tok.text.lower()
            nation = self._nation_covering(tok)
            if nation and nation[0] < tok.idx:
                j = doc.char_span(nation[0], nation[1], alignment_mode="expand").start
                continue
            if (
                nation
                or low in TITLE_MODIFIERS
                or low in {"'s", "’s"}
                or self._org_covering(tok)
                or (tok.text in {"-", "–"} and j - 2 >= sent_start and doc[j - 2].text.lower() == "then")
            ):
                j -= 1
                continue
            if low == "and" and j - 2 > sent_start and self._office_covering(doc[j - 2]):
                j -= 1  # "Deputy Crown Prince and Minister of Defense": one person's two offices
                continue
            if low in TITLE_CONNECTORS - {"and"}:
                # "Ambassador to the United States": walk over "to the" when a title word stands before it.
                k = j - 1
                while k > sent_start and doc[k - 1].text.lower() in TITLE_CONNECTORS - {"and"}:
                    k -= 1
                if k > sent_start and (doc[k - 1].text[:1].isupper() or self._office_covering(doc[k - 1])):
                    j = k
                    continue
            break
        while j < end and doc[j].text.lower() in TITLE_CONNECTORS | {"'s", "’s", "-"}:
            j += 1
        if office_hit is None:
            # The words just before the name: the whole line would make a long line cost its length per name.
            counterpart = re.search(
                r"\b(?:his|her|their|its)\s+(?:(\S+)\s+)?counterparts?\s*$",
                doc[max(self.line_start(s), end - 12) : end].text,
            )
            if counterpart:
                return (
                    None,
                    self.nation_at(doc[end].idx - len(counterpart.group(0)), doc[end].idx),
                    False,
                    rank,
                    "counterpart",
                )
        if office_hit is None:
            return None, None, False, rank, None
        return self._describe_title(doc[j:end], rank, office_hit)

    def line_start(self, i: int) -> int:
        """The first token of the line holding token ``i``: a title never runs across a line break."""
        return self._line_start[i] if i < len(self._line_start) else i

    def _describe_title(
        self, chunk: Span, rank: str | None, office_hit: tuple[int, int, str]
    ) -> tuple[str | None, str | None, bool, str | None, str | None]:
        """Split a title chunk into the office as stated, its nation, and whether it is international."""
        nation = None
        international = False
        title_start = chunk.start
        org_nation: tuple[str | None, bool] | None = None
        for tok in chunk:
            covering = self._nation_covering(tok)
            iso3 = covering[2] if covering and covering[0] == tok.idx else None
            k = tok.i - 1
            while k > 0 and self.doc[k].text.lower() == "the":
                k -= 1
            prev = self.doc[k].text.lower() if k >= 0 else ""
            # "Ambassador to the United States": the nation an ambassador is sent to is not the one served.
            if iso3 and prev not in {"to", "in", "for"} and nation is None:
                nation = iso3
                # A leading demonym or possessive is the nation, not part of the office's name.
                if tok.i == title_start or TITLE_TIME_PREFIX.fullmatch(self.doc[title_start : tok.i].text):
                    title_start = self.doc.char_span(covering[0], covering[1], alignment_mode="expand").end
                    while title_start < chunk.end and self.doc[title_start].text in {"'s", "’s", "-"}:
                        title_start += 1
            org = self._org_covering(tok)
            if org and org_nation is None:
                org_nation = org[2], org[3]
        # A nation named in the title beats the organization's ("the Joint Staff Department of China's ...").
        if nation is None and org_nation:
            nation, international = org_nation
        title = self.doc[title_start : chunk.end].text.strip(" ,-") or chunk.text
        # "then-Defense Minister", "former President": when the office was held is not part of its name.
        title = re.sub(r"^(?:the\s+)?(?:(?:then|former|ex)(?:-|\s+))?", "", title, flags=re.IGNORECASE) or title
        office = self.gaz.office(office_hit[2])
        if office and office.nation and nation is None and not international:
            nation = office.nation
        return title, nation, international, rank, office.canonical if office else None

    def title_after(self, e: int) -> tuple[str | None, str | None, bool, str | None]:
        """An appositive office after a name: "Gen. Charles Brown, chairman of the Joint Chiefs of Staff,"."""
        doc = self.doc
        if e >= len(doc) or doc[e].text != ",":
            return None, None, False, None
        k = e + 1
        stop = k
        while (
            stop < len(doc)
            and doc[stop].text not in {",", ".", ";", "—", "("}
            and stop - k < 12
            and not doc[stop].is_space
        ):
            stop += 1
            if "\n" in doc[stop - 1].whitespace_:
                break
        clause = doc[k:stop]
        if len(clause) == 0 or clause[0].text.lower() in {"who", "which", "whose", "said", "says", "told"}:
            return None, None, False, None
        # An appositive office is written in lower case ("chairman of the Joint Chiefs") or after "the" ("the
        # Foreign Minister of Pakistan"); a capitalized one after a bare comma starts the next item of a list
        # ("Mattis, Japan's Prime Minister").
        after_the = clause[0].text.lower() == "the"
        offices = [
            o
            for o in self.office_spans.starting_in(clause.start_char, clause.end_char)
            if o[1] <= clause.end_char and (o[2][:1].islower() or after_the)
        ]
        if not offices or offices[0][0] - clause.start_char > 20:
            return None, None, False, None
        title, nation, international, _, office = self._describe_title(clause, None, offices[0])
        return title, nation, international, office

    def nation_after(self, e: int) -> str | None:
        """ "Prime Minister Narendra Modi of India": the nation named right after the name."""
        doc = self.doc
        if e + 1 < len(doc) and doc[e].text == "of":
            k = e + 1
            if doc[k].text.lower() == "the" and k + 1 < len(doc):
                k += 1
            return self.nation_at(doc[k].idx, doc[min(k + 3, len(doc) - 1)].idx + len(doc[min(k + 3, len(doc) - 1)]))
        return None

    def _office_covering(self, tok: Token) -> tuple[int, int, str] | None:
        return self.office_spans.covering(tok.idx)

    def _nation_covering(self, tok: Token) -> tuple[int, int, str] | None:
        return self.nation_spans.covering(tok.idx)

    def _org_covering(self, tok: Token) -> tuple[int, int, str | None, bool] | None:
        return self.org_spans.covering(tok.idx)

    def find_roles(self, name_spans: list[tuple[int, int, float]]) -> list[PersonMention]:
        """Title-only references to an official named elsewhere: "the secretary", "the defense minister"."""
        out = []
        taken = {i for s, e, _ in name_spans for i in range(s, e)}
        pattern = re.compile(
            r"\b(?:[Tt]he|[Hh]is|[Hh]er)\s+(?:(?:[A-Z]?[a-z]+)\s+)??((?i:" + "|".join(ROLE_WORDS) + r"))\b"
        )
        for m in pattern.finditer(self.text):
            span = self.span(m.start(1), m.end(1))
            if span is None or span.end in taken or any(i in taken for i in range(span.start, span.end)):
                continue
            if (
                span.end < len(self.doc)
                and self.is_name_token(self.doc[span.end])
                and self.doc[span.end].text[:1].isupper()
            ):
                continue  # "the Defense Secretary Jim Mattis": a title, not a reference
            out.append(
                PersonMention(
                    name="",
                    start=m.start(),
                    end=m.end(),
                    sentence=self.sentence_at(m.start()),
                    role=m.group(1).lower(),
                    confidence=0.6,
                )
            )
        return out

    # -- places ---------------------------------------------------------------------------------------
    def find_places(self, people: list[PersonMention], treaties: list[TreatyMention]) -> list[PlaceMention]:
        prefer = _ranked_nations(self.nation_spans)
        person_chars = SpanIndex([(p.start, p.end) for p in people if p.name] + [(t.start, t.end) for t in treaties])
        candidates: dict[tuple[int, int], PlaceMention] = {}

        def overlaps_person(s: int, e: int) -> bool:
            return person_chars.any_overlapping(s, e)

        def in_title(e: int) -> bool:
            """ "Pentagon spokesman", "White House press secretary": a place named inside a title."""
            return bool(self.office_spans.starting_in(e, e + 2))

        def inside_longer_name(s: int, e: int) -> bool:
            """ "Washington Treaty", "Capitol Newswire", "New Zealand": the place is part of another name."""
            if FOLLOWED_BY_NAME.match(self.text, e):
                return True
            return any(ns < s or ne > e for ns, ne, _ in self.nation_spans.overlapping(s, e))

        def add(s: int, e: int, name: str, conf: float, kind: str | None = None, info: PlaceInfo | None = None) -> None:
            s, e, name = _strip_the(s, e, name)
            if (
                overlaps_person(s, e)
                or in_title(e)
                or inside_longer_name(s, e)
                or self.gaz.nation(name)
                or (
                    self.nation_at(s, e)
                    and (self.text[s:e].strip() == self.text[s:e] and self.gaz.nation(self.text[s:e]))
                )
            ):
                return
            info = info or self.gaz.place(name, prefer=prefer)
            country = info.country if info else None
            kind = info.kind if info else kind
            if kind == "region" and not country:
                return  # broad regions ("Indo-Pacific", "Southeast Asia") are no places kg records
            if kind in {"city", "building"} and self.metonymic(s, e):
                return
            if info is None:
                if kind is None:
                    return
                country = self.country_from_context(s, e, kind)
            mention = PlaceMention(
                name=name,
                start=s,
                end=e,
                sentence=self.sentence_at(s),
                kind=kind,
                country=country,
                geonames=info.geonames if info else None,
                wikidata=info.wikidata if info else None,
                confidence=conf if info else conf - 0.15,
            )
            key = (s, e)
            if key not in candidates or candidates[key].confidence < mention.confidence:
                candidates[key] = mention

        for m in self.terms("place").finditer(self.text):
            add(m.start(), m.end(), m.group(0), 0.85)
        for m in PLACE_PATTERN.finditer(self.text):
            s, e, name = _strip_the(m.start(), m.end(), m.group(0))
            # "Japanese-controlled Senkaku Islands": a leading nation word or hyphenated adjective is no part
            # of the name.
            while (first := re.match(r"\S+\s+", name)) and (
                self.gaz.nation(first.group(0).strip()) or re.search(r"-[a-z]", first.group(0))
            ):
                s, name = s + first.end(), name[first.end() :]
            if len(name.split()) < 2:
                continue
            head = name.split()[-1].lower() if not re.match(PLACE_PREFIXES, name) else name.split()[0].lower()
            kind = PLACE_KIND_BY_WORD.get(head, "base" if re.match(PLACE_PREFIXES, name) else None)
            if kind is None and re.match(PLACE_PREFIXES, name):
                kind = "base"
            add(s, e, name, 0.75, kind)
        for ent in self.doc.ents:
            if ent.label_ not in {"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"}:
                continue
            s, e, name = _strip_the(ent.start_char, ent.end_char, ent.text)
            name = name.rstrip(".,") if not name.endswith(".") or len(name) > 4 else name
            e = s + len(name)
            if "\n" in name or not name[:1].isupper():
                continue
            info = self.gaz.place(name, prefer=prefer)
            if (
                ent.label_ in {"ORG", "PERSON", "NORP"}
                and (
                    info is None
                    or (info.kind == "city" and (info.population < 100_000 or info.name.lower() != name.lower()))
                )
                and not self._followed_by_country(e, info)
            ):
                continue  # an organization or a person that shares a town's name ("NATO", "Congress", "Hamas")
            if info is None:
                if ent.label_ in {"GPE", "LOC", "FAC"} and self._locative_before(ent):
                    add(s, e, name, 0.55, "region" if ent.label_ == "LOC" else "city")
                continue
            if info.kind == "city" and info.population < 1000 and ent.label_ not in {"GPE", "LOC", "FAC"}:
                continue
            if (
                info.kind == "city"
                and info.population < 100_000
                and info.country not in prefer
                and not self._followed_by_country(e, info)
            ):
                continue  # "the Hamas attacks": a small town abroad that the story has no other link to
            add(s, e, name, 0.8 if ent.label_ in {"GPE", "LOC", "FAC"} else 0.65)
        for ns, ne, iso3 in self.nation_spans:
            capital = re.match(r"(?:'s|’s)? capital\b", self.text[ne : ne + 12])
            if capital and (info := self.gaz.capital(iso3)):
                start = ns - 4 if self.text[ns - 4 : ns].lower() == "the " else ns
                add(start, ne + capital.end(), info.name, 0.7, info=info)
        if self.article.dateline_place:
            idx = self.text.upper().find(self.article.dateline_place.upper())
            if idx >= 0:
                add(idx, idx + len(self.article.dateline_place), self.article.dateline_place, 0.9, "city")
        # Longest span wins where two overlap. The chosen never overlap one another, so the one starting last
        # before a candidate's end is the only one that can overlap it.
        chosen: list[tuple[int, int]] = []
        for p in sorted(candidates.values(), key=lambda p: (-(p.end - p.start), p.start)):
            k = bisect_left(chosen, (p.end,)) - 1
            if k >= 0 and chosen[k][1] > p.start:
                continue
            insort(chosen, (p.start, p.end))
        return [candidates[key] for key in chosen]

    def metonymic(self, start: int, end: int) -> bool:
        """ "Beijing says", "the Kremlin said", "Washington's position": a capital or a seat of government that
        stands for its government is no mention of the place."""
        if (
            self.article.dateline_place
            and self.text[start:end].upper() == self.article.dateline_place.upper()
            and self.text[start:end].isupper()
        ):
            return False
        span = self.span(start, end)
        if span is None:
            return False
        root = span.root
        if root.dep_ in {"nsubj", "nsubjpass"} and root.head.pos_ in {"VERB", "AUX"}:
            return True
        return root.dep_ == "poss"

    def _followed_by_country(self, end: int, info: PlaceInfo | None) -> bool:
        """ "Siem Reap, Cambodia": a place followed by the nation it lies in."""
        m = re.match(r",\s+(?:the\s+)?", self.text[end : end + 6])
        if not m or info is None:
            return False
        at = end + m.end()
        return any(iso3 == info.country for _, _, iso3 in self.nation_spans.starting_in(at, at + 1))

    def _locative_before(self, ent: Span) -> bool:
        """ "in Henoko", "in the Henoko area", "near northern Cagayan": a name the gazetteer does not know, used
        as a place. "in the Quad" names a group, so after "the" an area word must follow."""
        i = ent.start - 1
        saw_the = False
        while i >= 0 and self.doc[i].text.lower() in {"the", "northern", "southern", "eastern", "western"}:
            saw_the = saw_the or self.doc[i].text.lower() == "the"
            i -= 1
        if saw_the and not (ent.end < len(self.doc) and self.doc[ent.end].text.lower() in AREA_WORDS):
            return False
        return i >= 0 and self.doc[i].text.lower() in LOCATIVE

    def country_from_context(self, s: int, e: int, kind: str | None) -> str | None:
        """The country of a place the gazetteer does not know: the next nation or known place in the sentence."""
        if kind == "body_of_water":
            return None
        sent = self.sentences[self.sentence_at(s)]
        after = [(ns, iso3) for ns, _, iso3 in self.nation_spans.starting_in(e, sent.end)]
        for start, _end, iso3 in self._known_place_countries(e, sent.end):
            after.append((start, iso3))
        after.sort()
        if after:
            return after[0][1]
        before = [(ns, iso3) for ns, _, iso3 in self.nation_spans.starting_in(sent.start, s)]
        return before[-1][1] if before else None

    def _known_place_countries(self, start: int, end: int) -> list[tuple[int, int, str]]:
        out = []
        for m in self.terms("place").finditer(self.text, start, end):
            info = self.gaz.place_terms()[m.group(0)]
            if info.country:
                out.append((m.start(), m.end(), info.country))
        return out

    # -- treaties -------------------------------------------------------------------------------------
    def find_treaties(self) -> list[TreatyMention]:
        found: list[TreatyMention] = []

        def overlaps(s: int, e: int) -> bool:
            return any(t.start < e and s < t.end for t in found)

        mentioned = _ranked_nations(self.nation_spans)
        for m in self.terms("treaty").finditer(self.text):
            info = self.gaz.treaty(m.group(0), parties=mentioned)
            if info is None:
                continue
            shared_alias = len(self.gaz.treaties(m.group(0))) > 1
            if shared_alias and not info.multilateral and not set(info.parties) <= set(mentioned):
                continue  # "Mutual Defense Treaty" is the Philippine one only where the Philippines is named
            s, e, name = _strip_the(m.start(), m.end(), m.group(0))
            if name.islower():  # "our mutual defense treaty" describes a treaty; resolve decides which
                found.append(TreatyMention(name, s, e, self.sentence_at(s), None, (), generic=True, confidence=0.5))
                continue
            found.append(TreatyMention(name, s, e, self.sentence_at(s), info.key, info.parties, confidence=0.9))
        for s, e in self._capitalized_treaties():
            if overlaps(s, e):
                continue
            name = self.text[s:e]
            info = self.gaz.treaty(name)
            parties = tuple(sorted({iso3 for _, ne, iso3 in self.nation_spans.starting_in(s, e) if ne <= e}))
            found.append(
                TreatyMention(
                    name,
                    s,
                    e,
                    self.sentence_at(s),
                    info.key if info else None,
                    info.parties if info else parties,
                    confidence=0.8 if info else 0.7,
                )
            )
        for m in GENERIC_TREATY.finditer(self.text):
            s, e = m.start(), m.end()
            if overlaps(s, e):
                continue
            nations = m.group("nations")
            parties = tuple(sorted({iso3 for _, ne, iso3 in self.nation_spans.starting_in(s, e) if ne <= e}))
            generic = not (nations and parties)
            found.append(
                TreatyMention(
                    self.text[s:e],
                    s,
                    e,
                    self.sentence_at(s),
                    None,
                    parties,
                    generic=generic,
                    confidence=0.5 if generic else 0.65,
                )
            )
        # "Article 5" cites a provision of a treaty: the one it names ("of the North Atlantic Treaty") or the
        # nearest one named; resolve links it.
        for m in PROVISION.finditer(self.text):
            if not overlaps(m.start(), m.end()):
                found.append(
                    TreatyMention(
                        m.group(0),
                        m.start(),
                        m.end(),
                        self.sentence_at(m.start()),
                        None,
                        (),
                        generic=True,
                        provision=True,
                        confidence=0.6,
                    )
                )
        found.sort(key=lambda t: t.start)
        return self._link_treaty_aliases(found)

    def _capitalized_treaties(self) -> Iterator[tuple[int, int]]:
        doc = self.doc
        for tok in doc:
            if tok.text.lower() not in TREATY_HEADS or not tok.text[:1].isupper():
                continue
            s = tok.i
            while (
                s > 0
                and (
                    doc[s - 1].text[:1].isupper()
                    or re.fullmatch(r"(?:19|20)\d\d", doc[s - 1].text)
                    or doc[s - 1].text in {"-", "–"}
                )
                and "\n" not in doc[s - 1].whitespace_
                and doc[s - 1].text not in {"The"}
                and not self.is_rank(doc[s - 1].text)
            ):
                s -= 1
            e = tok.i + 1
            # "Treaty of Mutual Cooperation and Security between the United States and Japan"
            while e < len(doc) and doc[e].text.lower() in TREATY_CONNECTORS:
                k = e
                while k < len(doc) and doc[k].text.lower() in TREATY_CONNECTORS:
                    k += 1
                # A comma continues a name only in a list of parties ("between Australia, New Zealand and ..."),
                # and "on Friday" is no part of it.
                in_list = "between" in doc[tok.i : e].text.lower()
                if (
                    k < len(doc)
                    and doc[k].text[:1].isupper()
                    and "\n" not in doc[k - 1].whitespace_
                    and ("," not in doc[e:k].text or in_list)
                    and doc[k].text.rstrip(".") not in _CALENDAR_WORDS
                ):
                    e = k
                    while e < len(doc) and (doc[e].text[:1].isupper() or doc[e].text in {"-"}):
                        e += 1
                else:
                    break
            while s < tok.i and re.fullmatch(r"(?:19|20)\d\d", doc[s].text) is None and doc[s].text.lower() in {"the"}:
                s += 1
            if e - s < 2 and tok.text.lower() in {
                "agreement",
                "convention",
                "protocol",
                "charter",
                "partnership",
            }:
                continue
            end = doc[e - 1].idx + len(doc[e - 1].text)
            if FOLLOWED_BY_NAME.match(self.text, end):
                continue  # "Kenyatta International Convention Centre" is a building, not a convention
            yield doc[s].idx, end

    def _link_treaty_aliases(self, found: list[TreatyMention]) -> list[TreatyMention]:
        """ "X, formally the Y" and "X, or EDCA": the second name is an alias of the first."""
        out = list(found)
        for i, t in enumerate(out):
            after = self.text[t.end : t.end + 40]
            acronym = re.match(r"^\s*(?:,\s*or|\()\s*(?:the\s+)?([A-Z]{2,}[A-Za-z-]*)\b", after)
            if acronym:
                s = t.end + acronym.start(1)
                e = t.end + acronym.end(1)
                out.append(
                    TreatyMention(
                        acronym.group(1),
                        s,
                        e,
                        t.sentence,
                        t.key,
                        t.parties,
                        alias_of=t.name,
                        confidence=t.confidence,
                    )
                )
            if i + 1 < len(out):
                nxt = out[i + 1]
                between = self.text[t.end : nxt.start]
                if nxt.sentence == t.sentence and TREATY_ALIAS_CUE.match(between) and len(between) < 30:
                    out[i + 1] = replace(nxt, alias_of=t.name)
        # Repeated acronyms later in the text ("EDCA sites") are mentions of the same agreement.
        acronyms = {t.name: t for t in out if t.alias_of and t.name.isupper()}
        named = SpanIndex(out, bounds=lambda t: (t.start, t.end))
        for name, t in acronyms.items():
            for m in re.finditer(rf"\b{re.escape(name)}\b", self.text):
                if not named.any_overlapping(m.start(), m.start() + 1):
                    out.append(
                        TreatyMention(
                            name,
                            m.start(),
                            m.end(),
                            self.sentence_at(m.start()),
                            t.key,
                            t.parties,
                            alias_of=t.alias_of,
                            confidence=t.confidence,
                        )
                    )
        out.sort(key=lambda t: t.start)
        return out

    # -- encounters -----------------------------------------------------------------------------------
    def find_encounters(self, people: list[PersonMention], places: list[PlaceMention]) -> list[EncounterMention]:
        out = []
        people_in: dict[int, list[int]] = defaultdict(list)
        for i, p in enumerate(people):
            people_in[p.sentence].append(i)
        self._places_in: dict[int, list[int]] = defaultdict(list)
        for i, p in enumerate(places):
            self._places_in[p.sentence].append(i)
        for sent in self.sentences:
            in_sentence = people_in.get(sent.index, [])
            for offset, clause in _clauses(sent.text):
                mention = self.clause_encounter(sent, offset, clause, in_sentence, people, places)
                if mention:
                    out.append(mention)
        return out

    def clause_encounter(
        self,
        sent: Sentence,
        offset: int,
        clause: str,
        in_sentence: list[int],
        people: list[PersonMention],
        places: list[PlaceMention],
    ) -> EncounterMention | None:
        """The encounter one clause states, if any. The clauses of a sentence share its people: "X spoke by
        phone with Y on Monday and will meet him next week" is a call and a planned meeting of X and Y."""
        trigger = MEETING_TRIGGER.search(clause) or PHONE.search(clause) or VIDEO.search(clause)
        if not trigger:
            return None
        group, group_at = _group_size(clause)
        if group is None and len(in_sentence) == 1 and re.search(r"\b(?:he|she|He|She)\b", clause[: trigger.end()]):
            group, group_at = 2, 0  # "He met X": the official named last before this sentence, and X
        if not in_sentence and not group:
            return None
        kind = self.encounter_kind(clause, trigger)
        if kind == "Meeting" and not MEETING_TRIGGER.search(clause):
            return None
        if (
            trigger.group(0).lower() in {"joined", "signed", "signing", "visited", "visits"}
            and len(in_sentence) + bool(group) < 2
        ):
            return None
        start = sent.start + offset
        times = timex.find(clause, self.anchor, offset=start, future=kind == "PlannedMeeting")
        # "SANTIAGO, Chile, Dec. 12, 2016 — ... met in Santiago on Saturday": the day the sentence names wins
        # over the dateline's, which is the day of the report.
        in_dateline = self.article.dateline_end or 0
        value = next((t.value for t in times if t.value and t.start >= in_dateline), None) or next(
            (t.value for t in times if t.value), None
        )
        dated = value is not None or bool(UNDATED_TIME.search(clause)) or bool(times)
        confidence = 0.7 if kind == "Meeting" and len(in_sentence) >= 2 else 0.55
        if not dated and kind == "Meeting":
            value = self.date_carried_to(sent, [people[i] for i in in_sentence])
            dated, confidence = value is not None, confidence - 0.1
        first_person = people[in_sentence[0]].start - start if in_sentence else None
        return EncounterMention(
            kind=kind,
            sentence=sent.index,
            start=start + trigger.start(),
            end=start + trigger.end(),
            participants=tuple(in_sentence),
            group=group,
            group_is_object=group_at is not None
            and group_at > trigger.start()
            and first_person is not None
            and first_person < trigger.start(),
            place=self.encounter_place(sent, places, start, start + len(clause), start + trigger.start()),
            date=value,
            dated=dated,
            confidence=confidence,
        )

    def date_carried_to(self, sent: Sentence, people: list[PersonMention]) -> date | None:
        """The day a sentence with no date of its own speaks of: the one named in the two sentences before it
        when they speak of the same people or their nations ("Japan and India signed an accord on Friday. The
        accord was signed after talks in Tokyo between Modi and Abe")."""
        names = {w for p in people for w in p.name.split()}
        nations = {p.nation for p in people if p.nation}
        for previous in reversed(self.sentences[max(0, sent.index - 2) : sent.index]):
            shared = any(w in previous.text for w in names if len(w) > 2) or any(
                iso3 in nations for _, _, iso3 in self.nation_spans.starting_in(previous.start, previous.end)
            )
            days = [t.value for t in timex.find(previous.text, self.anchor) if t.value]
            if days and shared:
                return days[-1]
        return None

    def _in_other_clause(self, place: PlaceMention, trigger_char: int) -> bool:
        """Whether a place hangs from a subordinate clause that does not hold the encounter's trigger word."""
        span = self.span(place.start, place.end)
        trigger = self.span(trigger_char, trigger_char + 1)
        if span is None or trigger is None:
            return False
        trigger_line = {trigger[0], *trigger[0].ancestors}
        for token in (span.root, *span.root.ancestors):
            if token in trigger_line:
                return False
            if token.dep_ in SUBORDINATE:
                # "..., meeting at the Shangri-La Hotel", "when he met X in Siem Reap": a clause of meeting
                # is the encounter's own.
                # Reported speech ("said a conference would be hosted in Geneva") never is.
                return token.dep_ == "ccomp" or not MEETING_TRIGGER.fullmatch(token.text)
        return False

    def encounter_kind(self, text: str, trigger: re.Match[str]) -> str:
        if VIDEO.search(text):
            return "VideoCall"
        if PHONE.search(text) and not re.search(r"\bcall(?:ed|s)? (?:for|on)\b", text, re.I):
            return "PhoneCall"
        if NEGATED.search(text):
            return "NegatedMeeting"
        if PLANNED.search(text):
            return "PlannedMeeting"
        if re.match(r"(?:speaks?|spoke|talked|talks)\b", trigger.group(0), re.I) and re.search(
            r"\b(?:call|phone)", self.article.title or "", re.I
        ):
            return "PhoneCall"  # "Readout of the President's Call with ...": "spoke with" is the call
        return "Meeting"

    def encounter_place(
        self, sent: Sentence, places: list[PlaceMention], start: int, end: int, trigger: int
    ) -> int | None:
        """The most specific place named in the clause (``start``-``end``), else in its sentence, leaving out
        places inside another clause ("who said a conference would be held in Geneva"); "here" is the
        dateline's place."""
        rank = {"building": 0, "base": 1, "island": 2, "city": 3, "region": 4, "body_of_water": 5}
        candidates = [
            (i, p)
            for i in self._places_in.get(sent.index, [])
            if (p := places[i]).kind != "body_of_water" and not self._in_other_clause(p, trigger)
        ]
        in_clause = [(rank.get(p.kind or "", 6), i) for i, p in candidates if start <= p.start < end]
        in_sentence = [(rank.get(p.kind or "", 6), i) for i, p in candidates]
        if in_clause or in_sentence:
            return min(in_clause or in_sentence)[1]
        if HERE.search(sent.text) and self.article.dateline_place:
            for i, p in enumerate(places):
                if p.name.lower() == self.article.dateline_place.lower():
                    return i
        return None


SUBORDINATE = {"relcl", "ccomp", "acl", "advcl", "parataxis", "xcomp"}


CLAUSE_BREAK = re.compile(r",?\s+(?:and|but)\s+(?=(?:will|would|shall|plans?|is|are)\b)|;\s+", re.IGNORECASE)


def _clauses(text: str) -> list[tuple[int, str]]:
    """A sentence cut where a new verb phrase about another time starts: "... by phone and will meet ..."."""
    out, begin = [], 0
    for m in CLAUSE_BREAK.finditer(text):
        out.append((begin, text[begin : m.start()]))
        begin = m.end()
    out.append((begin, text[begin:]))
    return out


def _group_size(text: str) -> tuple[int | None, int | None]:
    """The size and position of a group reference: "the two leaders", "the pair", "They"."""
    m = re.search(
        r"\b(?:the\s+)?(two|three|four|five|six|both)\s+(leaders|ministers|secretaries|men|women|"
        r"officials|presidents|sides|counterparts|chiefs|heads)\b",
        text,
        re.IGNORECASE,
    )
    if m:
        return GROUP_NUMBERS[m.group(1).lower()], m.start()
    m = re.search(r"\b(?:They|Both|the pair|the duo)\b", text)
    if m:
        return 2, m.start()
    m = re.search(r"\b(?:joined|met|meet|meets|hosted)\s+(them)\b", text)
    if m:
        return 2, m.start(1)
    return None, None


def _ranked_nations(nation_spans: Iterable[tuple[int, int, str]]) -> tuple[str, ...]:
    counts: dict[str, int] = {}
    for _, _, iso3 in nation_spans:
        counts[iso3] = counts.get(iso3, 0) + 1
    return tuple(sorted(counts, key=lambda c: -counts[c]))


def _strip_the(start: int, end: int, text: str) -> tuple[int, int, str]:
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            return start + len(prefix), end, text[len(prefix) :]
    return start, end, text


@cache
def _title_vocab(gaz: Gazetteer) -> frozenset[str]:
    """Every word of every office title ("minister", "secretary", "defense"): such words are no names."""
    return frozenset(w for term in gaz.office_terms() for w in term.lower().split() if w not in TITLE_CONNECTORS)


@cache
def _rank_words(gaz: Gazetteer) -> frozenset[str]:
    return frozenset(w for rank in gaz.ranks if " " in rank for w in rank.split() if w[:1].isupper())


# How each kind of gazetteer term is matched: (its table, ignore case, may stand in a hyphenated compound).
# Nations and organizations keep their case ("US", "china"); "U.S.-Japan" and "then-Defense Minister" hold
# a nation and an office.
TERM_KINDS = {
    "nation": (Gazetteer.nation_terms, False, True),
    "office": (Gazetteer.office_terms, True, True),
    "organization": (Gazetteer.organization_terms, False, False),
    "place": (Gazetteer.place_terms, False, False),
    "treaty": (Gazetteer.treaty_terms, True, False),
}


@cache
def _terms_regex(gaz: Gazetteer, kind: str) -> re.Pattern[str]:
    """One pattern matching every term of a kind, the longest that fits, on word boundaries."""
    table, ignore_case, hyphens = TERM_KINDS[kind]
    terms = {t.lower() if ignore_case else t for t in table(gaz) if t.strip()}
    body = _trie_pattern(terms) or r"(?!x)x"
    flags = re.IGNORECASE if ignore_case else 0
    if hyphens:
        return re.compile(rf"(?<![\w.])(?:{body})(?!\w)", flags)
    return re.compile(rf"(?<![\w.-])(?:{body})(?![\w-])", flags)


def _trie_pattern(terms: Iterable[str]) -> str:
    """A regex of ``terms`` shaped as their trie: ``Paris|Parma`` becomes ``Par(?:is|ma)``.

    The regex engine then reads a character once where a plain alternation of thousands of names tries each
    name at every position (the place names made a fifth of the time of the rules). Optional tails are
    greedy, so a longer term is tried before a shorter one, as a longest-first alternation does; terms are
    lower-cased first for a case-insensitive pattern, so that no two branches start with the same letter.

    >>> _trie_pattern(["Paris", "Parma", "Par"])
    'Par(?:is|ma)?'
    """
    trie: dict[str, dict] = {}
    for term in terms:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return (body if len(branches) > 1 or len(branches[0]) == 1 else f"(?:{body})") + "?"

    return pattern(trie)


__all__ = ["Extractor", "extract"]
