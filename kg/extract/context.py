"""The shared state every rule family of the extract stage reads: one parsed article and where the gazetteer's
terms lie in it, built once per article; with the helpers and patterns more than one family uses."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache, cached_property

from spacy.tokens import Doc, Span, Token

from kg.gazetteer import Gazetteer, gazetteer
from kg.model import Article, Sentence
from kg.spans import SpanIndex

__all__ = [
    "CALENDAR_WORDS",
    "FOLLOWED_BY_NAME",
    "PLACE_HEADS",
    "TERM_KINDS",
    "Context",
    "after_initials",
    "ranked_nations",
    "strip_the",
]

CALENDAR_WORDS = (
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
FOLLOWED_BY_NAME = re.compile(r" (?!(?:" + "|".join(CALENDAR_WORDS) + r")\b)[A-Z][a-z]|-[a-z]")
PLACE_HEADS = (
    r"Air Force Base|Air Base|Naval Air Station|Naval Base|Naval Station|Air Station|Base|Islands?|"
    r"Shoal|Reef|Atoll|Strait|Sea|Ocean|River|Bay|Gulf|Peninsula|Palace|Castle|Hotel|Academy|"
    r"Prefecture|Province|Canal|Lake|Harbor|Harbour|Port|Airport|Airfield|Headquarters|Centre|Center|House|"
    r"Residence|Cemetery|Memorial|Gardens|Airbase|University|College|Gallery|Museum|Mountains"
)


# The name of a body after "of" or "for": capitalized words, perhaps joined by "of", "and", "for" ("the Joint
# Staff Council of the Japan Self-Defense Forces"); where it ends is decided by its head words (BODY_HEADS).
OF_BODY = re.compile(
    r"\s+(?:of|for)\s+(?:the\s+)?"
    r"(?P<body>[A-Z][^\s,;:()\"“”]*(?:\s+(?:(?:of|and|for)\s+(?:the\s+)?)?[A-Z][^\s,;:()\"“”]*){0,8})"
)
# A post written as an office head and the body it heads: "Commander of U.S. Indo-Pacific Command", "chief of
# the Kenya Defense Forces", "Commanding General of U.S. Army South".
POST = re.compile(
    r"(?<![\w-])(?:(?:[Dd]eputy|[Vv]ice|[Aa]ssistant|[Aa]cting)\s+)?"
    r"(?:[Cc]hief(?:\s+of\s+[Ss]taff)?|[Cc]ommander|[Cc]ommanding\s+(?:[Gg]eneral|[Oo]fficer)|[Cc]hairman|"
    r"[Cc]hairwoman|[Hh]ead|[Dd]irector(?:[\s-]+[Gg]eneral)?|[Cc]ommandant|[Ii]nspector[\s-]+[Gg]eneral|"
    r"[Ss]enior\s+[Ee]nlisted\s+(?:[Ll]eader|[Aa]dvis[eo]r))" + OF_BODY.pattern
)
# A portfolio's second word after "and", right before a name: "Minister for Trade [and Investment] Grant Ellison".
AND_PORTFOLIO_BODY = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}")
# Words of titles that are given names too ("Defence Minister Amir Hatami"): names where no office is read.
GIVEN_NAME_TITLES = frozenset({"amir", "sultan"})
# The nation an envoy is sent to, after the office: "Ambassador to Mozambique", "Ambassador to the Holy See".
TO_NATION = re.compile(r"\s+to\s+(?:the\s+)?")
# A nation that begins a body's name rather than ending the office: "Liaison Officer to U.S. Army South".
SERVICE_AFTER = re.compile(
    r"\s+(?:Army|Navy|Air Force|Marine|Marines|Coast Guard|Space Force|Forces?|Embassy|Mission)\b"
)
AND_PORTFOLIO = re.compile(r"(?:\s+[A-Z][a-z]+)?\s+and\s+(?P<body>" + AND_PORTFOLIO_BODY.pattern + r")\s+[A-Z]")
# A portfolio going on past an office's last word, right before a person's name: "Minister for Defence" +
# " Industry" of "Minister for Defence Industry Jane Doe".
GOING_ON_PORTFOLIO = re.compile(r"\s+(?P<body>[A-Z][a-z]+)\s+[A-Z]")
AND_PORTFOLIO_APPOSITIVE = re.compile(r"\s+and\s+(?P<body>" + AND_PORTFOLIO_BODY.pattern + r"),(?:\s+[A-Z][\w.]*)+")
BODY_HEADS = frozenset(
    {
        "Command", "Forces", "Force", "Staff", "Committee", "Army", "Navy", "Corps", "Department", "Ministry",
        "Agency", "Council", "Commission", "Embassy", "Consulate", "Office", "Service", "Services", "Guard", "Fleet",
        "Division",
        "Brigade", "Regiment", "Group", "Wing", "Squadron", "Headquarters", "Bureau", "Board", "Administration",
        "Directorate", "Alliance", "Organization", "Organisation", "Union", "Nations", "Marines", "Operations",
        "Academy", "University", "College", "Region", "District", "Theater", "Theatre", "South", "North", "East",
        "West", "Central", "Europe", "Africa", "Pacific",
    }
)  # fmt: skip


class Context:
    """One parsed article as the rules see it: its text, sentences and lines, and the spans of the
    gazetteer's nations, offices and organizations in it, with lookups over them."""

    def __init__(self, article: Article, doc: Doc, gaz: Gazetteer | None = None) -> None:
        self.article = article
        self.doc = doc
        self.gaz = gaz if gaz is not None else gazetteer()
        self.text = article.text
        spans = _sentences(doc)
        self.sentences = tuple(
            Sentence(i, doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), doc[a:b].text) for i, (a, b) in enumerate(spans)
        )
        self._sentence_starts = [s.start for s in self.sentences]
        self.sentence_of_token = [0] * len(doc)
        for i, (a, b) in enumerate(spans):
            self.sentence_of_token[a:b] = [i] * (b - a)
        # The first token of the line holding each token: a title never runs across a line break.
        self._line_start = [0] * len(doc)
        first = 0
        for tok in doc[1:]:
            previous = doc[tok.i - 1]
            if previous.is_space or "\n" in previous.whitespace_:
                first = tok.i
            self._line_start[tok.i] = first
        self.anchor = article.published or article.dateline_date
        self._person_starts = [e.start_char for e in doc.ents if e.label_ == "PERSON"]
        self._person_ends = [e.end_char for e in doc.ents if e.label_ == "PERSON"]
        self.nation_spans = SpanIndex(self._find_nations())
        self.office_spans = SpanIndex(self._find_offices())
        self.org_spans = SpanIndex(self._find_organizations())
        # where the gazetteer's place names stand, broad regions included ("North America")
        self.place_name_spans = SpanIndex([(m.start(), m.end()) for m in self.terms("place").finditer(self.text)])

    @cached_property
    def words_in_lower_case(self) -> frozenset[str]:
        """The words the text writes in lower case ("support"), to tell a common word from a name."""
        return frozenset(t.text for t in self.doc if t.is_alpha and t.text.islower())

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

    def line_start(self, i: int) -> int:
        """The first token of the line holding token ``i``: a title never runs across a line break."""
        return self._line_start[i] if i < len(self._line_start) else i

    def line_span(self, char: int) -> tuple[int, int]:
        """The characters of the line holding character ``char``, without its line break."""
        start = self.text.rfind("\n", 0, char) + 1
        end = self.text.find("\n", char)
        return start, end if end >= 0 else len(self.text)

    def is_rank(self, text: str) -> bool:
        """A rank, service or honorific, or a word of a multi-word one ("Air" of "Air Force Maj. Gen.")."""
        return self.gaz.is_rank(text) or text in _rank_words(self.gaz)

    # -- nations, offices, organizations --------------------------------------------------------------
    def _find_nations(self) -> Iterator[tuple[int, int, str]]:
        # The gazetteer writes straight apostrophes: "People’s Republic of China" is "People's Republic of China",
        # not "Republic of China" (Taiwan). One character for one, so offsets stay the text's.
        straight = self.text.translate(_STRAIGHT_QUOTES)
        terms = self.gaz.nation_terms()
        for m in self.terms("nation").finditer(straight):
            yield m.start(), m.end(), terms[m.group(0)]

    def _find_offices(self) -> list[tuple[int, int, str]]:
        """The gazetteer's offices, with the body they are of when one follows ("Minister of State for the
        Armed Forces"), and the posts written as an office head and the body it heads ("Commander of U.S.
        Southern Command", "chief of the Kenya Defense Forces"), which take the place of the gazetteer offices
        inside them. The third element is the office as the gazetteer knows it, where it does."""
        # The gazetteer's offices are written without accents and with straight quotes ("charge d'affaires").
        folded = _fold_marks(self.text)
        known = [
            self._with_body(m.start(), m.end(), self.text[m.start() : m.end()])
            for m in self.terms("office").finditer(folded)
            if not self._given_name(m.start(), m.end())
        ]
        posts = list(self._posts())
        inside = SpanIndex(posts)
        kept = [o for o in known if not any(p[0] <= o[0] and o[1] <= p[1] for p in inside.overlapping(o[0], o[1]))]
        held = SpanIndex(kept)
        return kept + [p for p in posts if not held.any_overlapping(p[0], p[1])]

    def _given_name(self, start: int, end: int) -> bool:
        """ "Amir" and "Sultan" are titles after "the", "Highness" or "Majesty" or before "of" ("His Highness the
        Amir Sheikh X", "His Majesty Sultan Y", "Sultan of Brunei Z"), else given names ("Defence Minister Amir
        Hatami", "Sultan Al Shamsi")."""
        return (
            self.text[start:end].lower() in GIVEN_NAME_TITLES
            and not re.search(r"(?:\bthe|Highness|Majesty)\s+$", self.text[max(0, start - 12) : start])
            and not self.text.startswith(" of ", end)  # "Sultan of Brunei Hassanal Bolkiah"
        )

    def _posts(self) -> Iterator[tuple[int, int, str]]:
        for m in POST.finditer(self.text):
            if (end := self._body_end(m.start("body"), m.group("body"))) is not None:
                yield m.start(), end, self.text[m.start() : end]

    def _with_body(self, start: int, end: int, office: str) -> tuple[int, int, str]:
        """An office span, reaching over the body it is of: "Minister of State" + " for the Armed Forces", and
        the nation an envoy is sent to: "Ambassador" + " to Mozambique"."""
        if (
            (to := TO_NATION.match(self.text, end))
            and (nation := self.nation_spans.covering(to.end()))
            and not SERVICE_AFTER.match(self.text, nation[1])
        ):
            return start, nation[1], office
        m = OF_BODY.match(self.text, end)
        body_end = self._body_end(m.start("body"), m.group("body")) if m else None
        if m is None and re.search(r"\s(?:of|for)\s", office):
            body_end = self._portfolio_joined(end)
        return start, body_end if body_end is not None else end, office

    def _portfolio_joined(self, end: int) -> int | None:
        """Where a portfolio joined to an office's by "and" ends, right before a person's name: "Minister for
        Trade" + " and Investment" of "Minister for Trade and Investment Grant Ellison", or before the name set
        off by a comma, perhaps after a courtesy title ("Minister of Trade and Industry, Dr. Jane Doe"); not
        another office ("Minister for Trade and Foreign Minister X") nor a name ("the Minister for Trade and
        Jane Doe")."""
        for pattern in (AND_PORTFOLIO, AND_PORTFOLIO_APPOSITIVE, GOING_ON_PORTFOLIO):
            m = pattern.match(self.text, end)
            if m is None:
                continue
            k = bisect_right(self._person_starts, m.start("body"))
            if k == len(self._person_starts) or self._person_starts[k] > m.end():
                continue
            if pattern is GOING_ON_PORTFOLIO and (
                self._person_ends[k] <= self.text.find(" ", self._person_starts[k])
                or re.match(r"[A-Z]\.", self.text[self._person_starts[k] :])
                or self.gaz.is_rank(m["body"])
            ):
                # the person's name is one word, or begins with an initial ("Lloyd [J. Austin III]"): the word
                # before may be their given name; or the word is an honorific of the name ("Minister of Foreign
                # Affairs Sheikh X")
                continue
            words = self.text[m.start("body") : self._person_starts[k]].split()
            if pattern is AND_PORTFOLIO_APPOSITIVE:
                while words and self.gaz.is_rank(words[-1]):
                    words.pop()  # "Dr.", "Gen.": a courtesy title or rank before the name
                if not (words and words[-1].endswith(",")):
                    continue
                words[-1] = words[-1][:-1]
            body = " ".join(words)
            if AND_PORTFOLIO_BODY.fullmatch(body) and not self.terms("office").search(body):
                return m.start("body") + len(body)
        return None

    def _body_end(self, start: int, body: str) -> int | None:
        """Where the name of a body starting at ``start`` ends: at its last head word ("Command", "Forces") or
        nation, never taking in a rank or the name after it ("... Southern Command Adm. Alvin Holsey"); the words
        right before a person's name are the body's whatever they are ("Minister of State for Trade Policy Jane
        Doe", "Secretary for Operations and Special Concerns Jane Doe")."""
        end = None
        if stop := re.search(r"[a-z]{2}\.(?=\s)", body):
            body = body[: stop.end() - 1]  # "... of Norway Ana Lindqvist. Iran's": a sentence ends the body
        after = self._person_starts[bisect_right(self._person_starts, start) :]
        person = after[0] if after and after[0] < start + len(body) else None
        for w in re.finditer(r"\S+", body):
            if person is not None and start + w.start() >= person:
                break
            word = w.group(0).rstrip(",.;:")
            if word in BODY_HEADS or self.nation_spans.covering(start + w.start()):
                end = start + w.start() + len(word)
            elif self.gaz.is_rank(w.group(0)):
                # The body ended before the rank; a courtesy title stands only before a name, whatever the
                # tagger made of it ("Minister of State for Defence Mr X").
                person = start + w.start() if self.gaz.is_honorific(w.group(0)) else None
                break
        # After a head word, only a body's next words go on to the name ("... Operations and Special Concerns").
        if person is not None and (end is None or re.match(r"\s+(?:and|of|for)\s", self.text[end:person])):
            words = re.sub(r"(?:\s+(?:and|of|for|the))*\s*$", "", body[: person - start])
            end = start + len(words) if words else end
        return end

    def _find_organizations(self) -> Iterator[tuple[int, int, str | None, bool]]:
        """Organizations that tell whom an official serves: (start, end, nation, international)."""
        for m in self.terms("organization").finditer(self.text):
            org = self.gaz.organization(m.group(0))
            if org is not None:
                yield m.start(), m.end(), org.nation, org.international

    def nation_at(self, start: int, end: int) -> str | None:
        span = self.nation_spans.first_within(start, end)
        return span[2] if span else None

    def office_covering(self, tok: Token) -> tuple[int, int, str] | None:
        return self.office_spans.covering(tok.idx)

    def nation_covering(self, tok: Token) -> tuple[int, int, str] | None:
        return self.nation_spans.covering(tok.idx)

    def org_covering(self, tok: Token) -> tuple[int, int, str | None, bool] | None:
        return self.org_spans.covering(tok.idx)


def after_initials(doc: Doc, i: int) -> bool:
    """Whether token ``i`` follows a name's initials, written as one token or as letters and a period split off
    by the tokenizer: "Meynardo LB." + "Montealegre"."""
    k = i - 1
    if k > 0 and doc[k].text == "." and not doc[k - 1].whitespace_:
        k -= 1
        letters = doc[k].text
    else:
        letters = doc[k].text.removesuffix(".") if k >= 0 and doc[k].text.endswith(".") else ""
    return re.fullmatch(r"[A-Z]{1,2}", letters) is not None and k > 0 and doc[k - 1].is_title


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """The sentences of the parse as token ranges, with those the tagger ends inside a list at a semicolon
    ("Ambassador X; Brig. Gen. Y, ...; and Z signed") or after a name's initials ("Meynardo LB. Montealegre")
    joined again: the parser does not keep the boundaries kg forbids."""
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        if out and _goes_on(doc, out[-1][1], sent.start):
            out[-1] = (out[-1][0], sent.end)
        else:
            out.append((sent.start, sent.end))
    return out


def _goes_on(doc: Doc, end: int, start: int) -> bool:
    """Whether the sentence at token ``start`` goes on with the one ending at ``end`` (on the same line)."""
    last, first = doc[end - 1], doc[start]
    if "\n" in last.whitespace_ or last.is_space or first.is_space or not first.text[:1].isupper():
        return False
    return last.text == ";" or after_initials(doc, start)


def ranked_nations(nation_spans: Iterable[tuple[int, int, str]]) -> tuple[str, ...]:
    counts: dict[str, int] = {}
    for _, _, iso3 in nation_spans:
        counts[iso3] = counts.get(iso3, 0) + 1
    return tuple(sorted(counts, key=lambda c: -counts[c]))


def strip_the(start: int, end: int, text: str) -> tuple[int, int, str]:
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            return start + len(prefix), end, text[len(prefix) :]
    return start, end, text


_STRAIGHT_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'"})


def _fold_marks(text: str) -> str:
    """The text with accents dropped and curly apostrophes made straight, one character for one, so that offsets
    into it are offsets into the text: "chargé d’affaires" -> "charge d'affaires"."""
    return "".join(_folded_char(c) for c in text)


@cache
def _folded_char(char: str) -> str:
    if char in "\u2018\u2019":
        return "'"
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


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
