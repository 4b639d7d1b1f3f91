"""People and offices: the names of people and the office, rank and nation the text states around them.

A name is found where spaCy labels a person or where it follows an office ("Defense Minister X"); the office
stated before it ("Japanese Prime Minister", "Minister for Defence") or after it in an appositive ("X,
chairman of the Joint Chiefs of Staff,") gives its title, office and nation; "his Japanese counterpart, X"
and "Foreign Minister X and Defense Minister Y" share an office or a nation with a neighbour; a title alone
("the secretary") refers to an official named elsewhere. Which tokens make a name is
:mod:`~kg.extract.names`'s rule, what the words around a name say of its office :mod:`~kg.extract.titles`'s;
the people a transcript or a release names in lines of their own come from :mod:`~kg.extract.transcripts`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from spacy.tokens import Token

from kg.extract.context import GIVEN_NAME_TITLES, PLACE_HEADS, Context
from kg.extract.names import (
    NAME_SUFFIXES,
    POST_NOMINALS,
    in_term,
    is_name_token,
    name_text,
    name_tokens_after,
    short_form_of,
    title_vocab,
)
from kg.extract.titles import describe_title, nation_after, nation_leading, title_after, title_before
from kg.extract.transcripts import contact_blocks, speaker_labels
from kg.model import PersonMention
from kg.spans import SpanIndex

__all__ = ["find_people"]

# The prefixes of navies' ship names ("HMS Queen Elizabeth", "USS John Finn", "JS Kaga").
SHIP_PREFIXES = frozenset(
    {"HMS", "USS", "USNS", "HMAS", "HMNZS", "HMCS", "INS", "JS", "ROKS", "BRP", "KRI", "RSS", "HTMS", "KD", "FS",
     "ITS", "ESPS", "HNLMS", "HDMS", "HNoMS", "HSwMS", "FGS", "TCG", "PNS", "BNS", "CNS", "SLNS", "NRP"}
)  # fmt: skip
ROLE_WORDS = (
    "secretary-general",
    "secretary general",
    "prime minister",
    "defense secretary",
    "defence secretary",
    "defense minister",
    "defence minister",
    "foreign minister",
    "high representative",
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


# The confidence of a name found right after an office ("Defense Minister X"), higher than spaCy's alone.
_AFTER_OFFICE = 0.85


def find_people(ctx: Context) -> list[PersonMention]:
    """Every person the text names, in the order of the text, with the office, rank and nation stated around
    the name; later mentions by surname alone; and title-only references ("the secretary")."""
    doc = ctx.doc
    candidates: list[tuple[int, int, float]] = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            first = ent.start
            while first < ent.end and ctx.office_covering(doc[first]):
                first += 1  # "Minister for Trade and [Investment Grant Ellison]": the office's last word
            # spaCy cuts some names short ("Lai Ching-te"), but a nation, an office or an organization before
            # the name is none of it ("Prime Minister of the Republic of Sri Lanka Ranil Wickremesinghe").
            while (
                first > ctx.line_start(ent.start)
                and is_name_token(ctx, doc[first - 1])
                and not in_term(ctx, doc[first - 1])
            ):
                first -= 1
            rng = name_tokens_after(ctx, first)
            if rng and rng[0] < ent.end:
                candidates.append((rng[0], max(rng[1], ent.end) if rng[1] >= ent.end else rng[1], 0.75))
    after_office = set()
    for start, end, _ in ctx.office_spans:
        span = ctx.span(start, end)
        if span is None:
            continue
        rng = name_tokens_after(ctx, span.end)
        first = doc[rng[0]] if rng else None
        if rng and rng[1] - rng[0] == 1 and first.i == span.end and _body_word(ctx, first):
            continue  # "Chief of Force [Preparation]": the name of the body goes on past the office's last word
        if rng and rng[1] - rng[0] == 1 and ctx.gaz.place(f"{doc[span.end - 1].text} {first.text}"):
            continue  # "adjutant general for South [Carolina]": the place the office is of goes on
        if rng:
            candidates.append((*rng, _AFTER_OFFICE))
            after_office.add(rng)
    candidates.extend((*rng, 0.75) for rng in _appositive_names(ctx))
    shared = _plural_titles(ctx)
    candidates.extend((*rng, _AFTER_OFFICE) for rng in shared)
    # "Ms. KAMIKAWA Yoko, Minister for Foreign Affairs", "H.E. Mr. Rahm Emanuel": a courtesy title stands only
    # before a person's name.
    # So does an abbreviated rank ("Chilean Navy Cmdr. Lous F. Bravo"), where the tagger may see no person.
    for tok in doc:
        courtesy = (
            ctx.gaz.is_honorific(tok.text)
            or (tok.text.endswith(".") and ctx.gaz.rank(tok.text))
            # "His Excellency X", but not "His Majesty Sultan X", where the title goes on
            or (
                tok.i > 0
                and ctx.gaz.is_honorific(f"{doc[tok.i - 1].text} {tok.text}")
                and tok.i + 1 < len(doc)
                and not ctx.gaz.is_rank(doc[tok.i + 1].text)
                and doc[tok.i + 1].lower_ not in GIVEN_NAME_TITLES
            )
        )
        if courtesy and (rng := name_tokens_after(ctx, tok.i)):
            candidates.append((*rng, 0.75))
    # A headline fools the tagger ("Brown Holds Video Call", "Deputy Secretary Meets Leaders, Troops"): names in
    # it are only those the body gives in full, found below, and a person's name after an office where the
    # headline ends or goes on in lower case ("Remarks by Foreign Minister Jane Roe on arrival").
    headlines = _headlines(ctx)
    persons = {(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"}

    # The last words of the names the body gives: a headline's "Russian Foreign Minister Sergey Lavrov" is the
    # body's "Foreign Minister Lavrov", and says whose he is.
    body_names = {doc[c[1] - 1].text for c in candidates if headlines.covering(doc[c[0]].idx) is None}

    def in_headline(c: tuple[int, int, float]) -> bool:
        if headlines.covering(doc[c[0]].idx) is None:
            return False
        s, e = c[0], c[1]
        ends = e == len(doc) or "\n" in doc[e - 1].whitespace_ or doc[e].is_space or doc[e].text[:1].islower()
        return not ((s, e) in after_office and (s, e) in persons and (ends or doc[e - 1].text in body_names))

    # Transcripts and releases name their speakers in lines of their own, read whole (kg.extract.transcripts).
    speakers = speaker_labels(ctx)
    found = speakers + contact_blocks(ctx, {p.name.split()[-1] for p, _ in speakers})
    labelled = [p for p, _ in found]
    labels = SpanIndex(sorted({extent for _, extent in found}))
    # "FORT SAM HOUSTON, Texas, Nov. 3 --": the dateline's place names no one
    dateline = _dateline_place(ctx) or (0, 0)
    candidates = [
        c
        for c in candidates
        if not in_headline(c)
        and labels.covering(doc[c[0]].idx) is None
        and not dateline[0] <= doc[c[0]].idx < dateline[1]
    ]
    spans = _clean_people(ctx, candidates)
    # Later mentions by surname (or given name) alone, whatever spaCy labelled them.
    surnames = {}
    for s, e, _ in spans:
        toks = [t for t in doc[s:e] if t.text.lower() not in NAME_SUFFIXES and t.is_alpha]
        if len(toks) >= 2:
            for tok in (toks[0], toks[-1]):
                if tok.text[:1].isupper() and len(tok.text) >= 2 and not tok.is_stop:
                    surnames[tok.text] = True
    for p in labelled:
        words = p.name.split()
        if len(words) >= 2:
            surnames.update(dict.fromkeys({words[0], words[-1]} - {w for w in words if len(w) < 2}, True))
    taken = {i for s, e, _ in spans for i in range(s, e)}
    taken |= {t.i for _, extent in found if (span := ctx.span(*extent)) for t in span}
    # "When Dan and I met": a short form of one person's given name ("Daniel Pryor"), written as a name.
    short = short_form_of([doc[s:e].text for s, e, _ in spans] + [p.name for p in labelled])
    for tok in doc:
        if tok.i in taken or ctx.office_covering(tok):
            continue
        if tok.text in surnames or (tok.text in short and (tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN")):
            spans.append((tok.i, tok.i + 1, 0.8))
    spans.sort()
    people = list(labelled)
    for s, e, conf in spans:
        p = _person_mention(ctx, s, e, conf)
        if p.title is None and (s, e) in shared:
            office = ctx.gaz.office(shared[s, e])
            p = replace(p, title=shared[s, e], office=office.canonical if office else None, confidence=conf)
        people.append(p)
    people.sort(key=lambda p: p.start)
    people = _share_titles(ctx, people)
    people = _delayed_identification(ctx, people)
    people.extend(_find_roles(ctx, spans))
    people.sort(key=lambda p: p.start)
    return people


def _body_word(ctx: Context, tok: Token) -> bool:
    """Whether a capitalized word right after an office goes on with the name of the body the office is of, not
    a person's name: an abstract noun ("Preparation"), or a word the tagger puts in that body that the text also
    writes in lower case ("African Union Support" and "support"), or in capitals ("CNO PAC")."""
    if _ABSTRACT_NOUN.search(tok.text) and tok.ent_type_ != "PERSON":
        return True
    if tok.ent_type_ not in {"ORG", "FAC"} or tok.ent_iob_ != "I":
        return False
    return (tok.text.isupper() and len(tok.text) <= 5) or tok.lower_ in ctx.words_in_lower_case


def _dateline_place(ctx: Context) -> tuple[int, int] | None:
    """Where the place the article's dateline names stands in the text ("FORT SAM HOUSTON, Texas, --")."""
    place, end = ctx.article.dateline_place, ctx.article.dateline_end
    found = ctx.text[:end].upper().find(place.upper()) if place and end else -1
    return (found, found + len(place)) if found >= 0 else None


def _singular_office(ctx: Context, tok: Token) -> str | None:
    """The office a capitalized plural names ("Presidents" -> "President", "Secretaries" -> "Secretary")."""
    text = tok.text
    if not (text[:1].isupper() and text.endswith("s") and len(text) > 3):
        return None
    for singular in (text[:-3] + "y", text[:-1]) if text.endswith("ies") else (text[:-1],):
        if singular.lower() in ctx.gaz.office_terms():
            return singular
    return None


def _plural_titles(ctx: Context) -> dict[tuple[int, int], str]:
    """Names after an office in the plural, which each holds: "former Presidents Jane Roe and John Doe"."""
    doc = ctx.doc
    out: dict[tuple[int, int], str] = {}
    for tok in doc:
        if (title := _singular_office(ctx, tok)) is None:
            continue
        names = []
        rng = name_tokens_after(ctx, tok.i + 1)
        while rng is not None:
            names.append(rng)
            k = rng[1] + (rng[1] < len(doc) and doc[rng[1]].text == ",")
            if k >= len(doc) or doc[k].text not in {"and", ","}:
                break
            rng = name_tokens_after(ctx, k + 1)
        if len(names) >= 2 and doc[names[-2][1]].text in {"and", ","}:
            out.update(dict.fromkeys(names, title))
    return out


def _appositive_names(ctx: Context) -> list[tuple[int, int]]:
    """Names in apposition to an office, which the tagger may take for an organization: "the Prime Minister of
    Japan, Kishida Fumio.", "meetings with Aden Barre Duale, Kenya Minister of Defense;"; and, whatever the
    parse, proper nouns set off by commas right after an office ("X and Fiji's Minister for Defence, Win Tau
    Lee, signed", where the parser makes "Lee" the subject)."""
    doc = ctx.doc
    out = []
    for tok in doc:
        if tok.dep_ != "appos":
            continue
        for name, office in ((tok, tok.head), (tok.head, tok)):
            if name.pos_ != "PROPN" or not ctx.office_covering(office) or ctx.office_covering(name):
                continue
            words = [c for c in name.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            start = words[0].i if words else name.i
            words = doc[start : name.i + 1]
            hyphen = {"-", "‐"}  # "Jean-Yves"
            if any("\n" in t.whitespace_ for t in words[:-1]) or not all(
                (t.text in hyphen and not t.whitespace_)
                or (is_name_token(ctx, t) and not in_term(ctx, t) and t.text[:1].isupper())
                for t in words
            ):
                continue
            # The two stand side by side, a comma between: "Office, Name" or "Name, Office".
            if (name.i < office.i and doc[name.i + 1].text == ",") or (
                office.i < name.i and start > 0 and doc[start - 1].text == ","
            ):
                out.append((start, name.i + 1))
    for _, office_end, _ in ctx.office_spans:
        k = ctx.doc.char_span(office_end, office_end, alignment_mode="expand")
        comma = k.start if k is not None else len(doc)
        if comma + 1 >= len(doc) or doc[comma].text != "," or (rng := name_tokens_after(ctx, comma + 1)) is None:
            continue
        words = doc[rng[0] : rng[1]]
        if (
            2 <= len(words) <= 4
            and rng[1] < len(doc)
            and doc[rng[1]].text == ","
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() and not in_term(ctx, t) for t in words)
        ):
            out.append(rng)
    return sorted(set(out))


# A line is a headline when it ends in no sentence punctuation and at least this share of its longer words are
# capitalized ("Foreign Minister Completes Successful Week of International Engagements").
_HEADLINE_CAPITALS = 0.75
_HEADLINE_WORDS = 30  # the most words a headline has
_LINE = re.compile(r"[^\n]+")
# A photo caption ends on the day it was taken, a headline does not: "X meets Y at NATO Headquarters, 23
# February 2026".
_CAPTION_DATE = re.compile(r",\s*(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2},?)\s+\d{4}\s*$")


# Word endings of abstract nouns, which end a body's name ("Force Preparation", "Force Development") and no
# person's (not "-ance" or "-ence": "Vance", "Lawrence").
_ABSTRACT_NOUN = re.compile(r"\w{4}(?:tion|sion|ment|ness|ship)$")
# The heads of events a tagger may take for names: "an enhanced Honor Cordon and Bilateral Meeting".
_EVENT_HEADS = re.compile(r"Cordon|Guard|Ceremony|Meeting|Dialogue|Summit|Forum|Conference|Parade|Review|Talks")
_BULLET = re.compile(r"\s*[·•▪‣◦*–-]\s")


def _headlines(ctx: Context) -> SpanIndex:
    """The character spans of the article's title and of the other lines written as headlines."""
    spans = []
    if ctx.article.title and ctx.text.startswith(ctx.article.title):
        spans.append((0, len(ctx.article.title)))
    for line in _LINE.finditer(ctx.text):
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line.group(0)) if len(w) >= 4]
        if (
            3 <= len(line.group(0).split()) <= _HEADLINE_WORDS  # not a paragraph cut off before its full stop
            and len(words) >= 2
            and not re.search(r"[.!?:;,\"”’)]\s*$", line.group(0))
            and not _CAPTION_DATE.search(line.group(0))
            and not _BULLET.match(line.group(0))  # "· Chief of Staff, Colonel X": an item of a list
            # the last line of a text that stops mid-sentence is cut off, no headline: a headline has a story after it
            and (line.end() < len(ctx.text.rstrip()) or line.start() == 0)
            and sum(w[0].isupper() for w in words) >= _HEADLINE_CAPITALS * len(words)
        ):
            spans.append(line.span())
    return SpanIndex(sorted(set(spans)))


def _share_titles(ctx: Context, people: list[PersonMention]) -> list[PersonMention]:
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
            title_at = ctx.text.rfind(p.title, ctx.sentences[p.sentence].start, p.start)
            joined = title_at >= 0 and re.search(r",\s*$|(?:,\s*)?\band\s+$", ctx.text[max(0, title_at - 8) : title_at])
            if (
                joined
                and _title_head(p.title) == _title_head(earlier[0].title)
                and p.office != earlier[0].office  # two defense secretaries are of two nations
            ):
                p = replace(p, nation=earlier[0].nation, confidence=p.confidence - 0.05)
        out.append(p)
        if p.title:
            earlier.insert(0, p)
    return out


def _title_head(title: str) -> str:
    """The word a title is of: "Commander" of "Army Commander" and of "Commander of Naval Operations"."""
    words = re.split(r"\s+(?:of|for)\s+", title, maxsplit=1)[0].split()
    return words[-1].lower() if words else ""


def _delayed_identification(ctx: Context, people: list[PersonMention]) -> list[PersonMention]:
    """A story may open on an office and name its holder in the next sentence ("The chairman of the Joint
    Chiefs of Staff arrived in Tokyo today. Army Gen. X met ..."): the person named first there, as the
    subject, with a rank and neither office nor nation of their own, holds the office of the lead."""
    named_sentences = {p.sentence for p in people if p.name}
    for sentence in ctx.sentences:
        if sentence.index in named_sentences:
            return people  # an official named before any office stated alone: no delayed lead
        lead = _office_as_subject(ctx, sentence.start, sentence.end)
        if lead is None:
            continue
        following = [p for p in people if p.name and p.sentence == sentence.index + 1]
        if not following:
            return people
        first = following[0]
        span = ctx.span(first.start, first.end)
        if (
            span is None
            or first.title
            or first.nation
            or not first.rank
            or span.root.dep_ not in {"nsubj", "nsubjpass"}
        ):
            return people
        office_span = ctx.span(lead[0], lead[1])
        title, nation, international, _, office = describe_title(ctx, office_span, first.rank, lead)
        held = replace(first, title=title, office=office, nation=nation, international=international)
        return [held if p is first else p for p in people]
    return people


def _office_as_subject(ctx: Context, start: int, end: int) -> tuple[int, int, str] | None:
    """An office that is the subject of a sentence, after "the" and before no name: "The chairman of the Joint
    Chiefs of Staff arrived here today"."""
    doc = ctx.doc
    for office in ctx.office_spans.starting_in(start, end):
        span = ctx.span(office[0], office[1])
        if span is None or span.start == 0 or doc[span.start - 1].lower_ != "the":
            continue
        if span.end >= len(doc) or is_name_token(ctx, doc[span.end]):
            continue
        # A dateline before it may lead the parser astray ("LIMA, Peru - The chairman ... arrived"): an office
        # right before the sentence's verb is its subject too.
        verb = doc[span.end]
        finite = verb.dep_ == "ROOT" and verb.tag_ in {"VBD", "VBZ", "VBP", "MD"}
        if span.root.dep_ in {"nsubj", "nsubjpass"} or finite:
            return office
    return None


def _clean_people(ctx: Context, candidates: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    doc = ctx.doc
    cleaned = []
    # The words of the names found: "Austin" after "to" is a place only where no "Lloyd Austin" is named.
    other_names = {t.text for s, e, _ in candidates if e - s >= 2 for t in doc[s:e]}
    for s, e, conf in candidates:
        while s < e and (
            ctx.is_rank(doc[s].text)
            or doc[s].text.lower() in title_vocab(ctx.gaz)
            or ctx.nation_covering(doc[s])
            or _singular_office(ctx, doc[s])
        ):
            s += 1
        while e > s and (
            doc[e - 1].text in {"'s", "’s", "'", "’"}
            or (doc[e - 1].is_punct and doc[e - 1].text != ".")
            or (e - s > 2 and doc[e - 1].text in POST_NOMINALS)
        ):
            e -= 1
        if s >= e:
            continue
        text = doc[s:e].text
        if any(t.text in SHIP_PREFIXES for t in doc[max(ctx.line_start(s), s - 3) : e]):
            continue  # "HMS Queen Elizabeth", "USS John Finn": a ship named after a person
        if re.match(rf"[ -](?:{PLACE_HEADS}|City|class)\b", ctx.text[doc[e - 1].idx + len(doc[e - 1]) :][:25]):
            continue  # "Andersen Air Force Base", "Ho Chi Minh City": a place named after a person
        if ctx.gaz.nation(text) or ctx.gaz.organization(text):
            continue
        # A word after an office is a name even where a place bears it ("Secretary of State Kerry").
        places = ctx.gaz.places(text) if conf < _AFTER_OFFICE else None
        if places and (places[0].kind != "city" or places[0].population > 100_000 or len(text.split()) > 2):
            continue
        if conf < _AFTER_OFFICE and e - s >= 2 and _EVENT_HEADS.fullmatch(doc[e - 1].text):
            continue  # "an enhanced Honor Cordon and Bilateral Meeting": an event, which the tagger may take for a name
        if conf < _AFTER_OFFICE and e - s >= 2 and re.fullmatch(rf"(?:{PLACE_HEADS}|Dam|Bridge)", doc[e - 1].text):
            continue  # "Haditha Dam", "Greenvale Training Area Base": a place's name ends in what it is
        if places and _after_place_preposition(ctx, s) and doc[s:e].text not in other_names:
            continue  # "flew to Da Nang", "in La Macarena": a known place where the text puts one
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


# Prepositions after which a known place's name is the place, not a person named after it.
_PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "near", "outside", "inside", "around", "toward", "towards"})


def _after_place_preposition(ctx: Context, s: int) -> bool:
    """Whether the name at token ``s`` is the object of a preposition of place: "to Da Nang", "in Rockhampton"."""
    return s > 0 and ctx.doc[s - 1].lower_ in _PLACE_PREPOSITIONS


def _person_mention(ctx: Context, s: int, e: int, confidence: float) -> PersonMention:
    doc = ctx.doc
    name = name_text(ctx, s, e)
    title, nation, international, rank, office = title_before(ctx, s, e)
    if title is None and office is None:
        title, nation2, international2, office = title_after(ctx, e)
        nation = nation or nation2
        international = international or international2
    if nation is None:
        nation = nation_after(ctx, e) or nation_leading(ctx, s)
    return PersonMention(
        name=name,
        start=doc[s].idx,
        end=doc[e - 1].idx + len(doc[e - 1].text),
        sentence=ctx.sentence_of_token[s],
        title=title,
        office=office,
        nation=nation,
        international=international,
        rank=rank,
        confidence=confidence if title else confidence - 0.1,
    )


def _find_roles(ctx: Context, name_spans: list[tuple[int, int, float]]) -> list[PersonMention]:
    """Title-only references to an official named elsewhere: "the secretary", "the defense minister"."""
    out = []
    taken = {i for s, e, _ in name_spans for i in range(s, e)}
    pattern = re.compile(
        r"\b(?:[Tt]he|[Hh]is|[Hh]er)\s+(?:(?:[A-Z]?[a-z]+)\s+)??((?i:" + "|".join(ROLE_WORDS) + r"))\b"
    )
    for m in pattern.finditer(ctx.text):
        span = ctx.span(m.start(1), m.end(1))
        if span is None or span.end in taken or any(i in taken for i in range(span.start, span.end)):
            continue
        if span.end < len(ctx.doc) and is_name_token(ctx, ctx.doc[span.end]) and ctx.doc[span.end].text[:1].isupper():
            continue  # "the Defense Secretary Jim Mattis": a title, not a reference
        out.append(
            PersonMention(
                name="",
                start=m.start(),
                end=m.end(),
                sentence=ctx.sentence_at(m.start()),
                role=m.group(1).lower(),
                confidence=0.6,
            )
        )
    return out
