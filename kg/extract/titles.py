"""Titles: the office, rank and nation stated around a person's name.

The office stated before a name ("Japanese Prime Minister", "Culture Minister", "Pentagon spokesman Navy Cmdr.")
or after it in an appositive ("X, chairman of the Joint Chiefs of Staff,") gives the person's title, office and
nation; a demonym before a rank ("Thai Army Gen. X") or a nation after the name ("X of India") the nation served.
Which people there are is :mod:`~kg.extract.people`'s to find.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kg.extract.context import Context, after_initials
from kg.extract.names import POST_NOMINALS, TITLE_CONNECTORS, abbreviation_in_brackets

__all__ = ["describe_title", "nation_after", "title_after", "title_before"]

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
    "permanent",
    "general",
    "lead",
}

# Offices that name their portfolio before them in news copy ("Culture Minister", "Health Secretary").
PORTFOLIO_HEADS = frozenset({"minister", "secretary", "undersecretary", "under secretary", "commissioner", "director"})

# The words of the name of a force or command an office before a name heads: "National Army Commander".
_FORCE_WORDS = frozenset(
    {"national", "army", "navy", "naval", "air", "force", "forces", "guard", "coast", "corps", "marine", "marines",
     "armed", "ground", "maritime", "self-defense", "self-defence", "special", "operations", "joint"}
)  # fmt: skip

# Offices written bare before a name as a courtesy ("Minister X", "Secretary Y"): never the second of one
# person's two offices joined by "and".
_BARE_OFFICES = frozenset({"minister", "secretary", "president", "ambassador", "general"})

# What may stand before a demonym in a title without being part of the office: "the", "then-", "former".
TITLE_TIME_PREFIX = re.compile(r"(?:the|then\s*-?|former|ex\s*-)?\s*", re.IGNORECASE)

# The possessive after a nation's name: "Fiji's", and after a plural one "Solomon Islands'".
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


def title_before(ctx: Context, s: int, e: int) -> tuple[str | None, str | None, bool, str | None, str | None]:
    """The office stated before the name at tokens ``s`` to ``e``: "Japanese Prime Minister", "Pentagon
    spokesman Navy Cmdr."."""
    doc = ctx.doc
    i = s
    rank_end = s
    # Ranks stand between the title and the name, but "General" of "Secretary General" is the office's.
    while i > ctx.line_start(s) and ctx.is_rank(doc[i - 1].text) and not ctx.office_covering(doc[i - 1]):
        i -= 1
    if (
        i < s
        and i > ctx.line_start(s)
        and doc[i - 1].lower_ == "the"
        and (ctx.gaz.is_rank(f"The {doc[i:s].text}") or ctx.gaz.is_rank(f"The {doc[i].text}"))
    ):
        i -= 1  # "Prime Minister the Rt Hon X", "the Honourable Ms. X": the article is the courtesy title's
    # A service in lower case before a rank is the rank's too: "air force Gen. X".
    while i < rank_end and i > ctx.line_start(s) and _service_in_lower_case(ctx, doc[i - 1]):
        i -= 1
    # Honorifics ("Mr.", "H.E.") are skipped like ranks but say nothing of an office.
    written = " ".join(t.text if t.text[:1].isupper() else t.text.title() for t in doc[i:rank_end])
    rank = doc[i:rank_end].text if i < rank_end and ctx.gaz.rank(written) else None
    # "Thai Army Gen. X", "retired Colombian Gen. Y": a demonym before the rank is the person's nation.
    demonym_nation = None
    if rank and (demonym := _demonym_before(ctx, i, e)) is not None:
        i, demonym_nation = demonym
    appositive = i > 0 and doc[i - 1].text == ","
    if appositive:
        i -= 1  # "Taiwan's new president, Lai Ching-te": an appositive office before the name
    if abbreviation_in_brackets(ctx, i - 3):
        i -= 3  # "External Affairs Minister (EAM) Subrahmanyam Jaishankar": the office's abbreviation
    end = i
    sent_start = ctx.line_start(s)
    office_hit = None
    j = end
    while j > sent_start:
        tok = doc[j - 1]
        if "\n" in tok.whitespace_:
            break
        in_office = ctx.office_covering(tok)
        if in_office:
            office_hit = office_hit or in_office
            j = doc.char_span(in_office[0], in_office[1], alignment_mode="expand").start
            if in_office[2].lower() in PORTFOLIO_HEADS:
                j = _portfolio_start(ctx, j, sent_start)
            continue
        low = tok.text.lower()
        nation = ctx.nation_covering(tok)
        if nation and nation[0] < tok.idx:
            j = doc.char_span(nation[0], nation[1], alignment_mode="expand").start
            continue
        if (
            nation
            or low in TITLE_MODIFIERS
            or low in _POSSESSIVES
            or ctx.org_covering(tok)
            # "Colombian National Army Commander": the force the office heads, in capitals before it
            or (office_hit is not None and tok.text[:1].isupper() and low in _FORCE_WORDS)
            or (tok.text in {"-", "–"} and j - 2 >= sent_start and doc[j - 2].text.lower() == "then")
        ):
            j -= 1
            continue
        if (
            low == "and"
            and office_hit is not None
            and j - 2 >= sent_start
            and (before := ctx.office_covering(doc[j - 2]))
            and not (office_hit and _same_office(ctx, before, office_hit))
            # but "The High Representative and Minister X": a bare courtesy office before a name is another's
            and office_hit[2].lower() not in _BARE_OFFICES
        ):
            j -= 1  # "Deputy Crown Prince and Minister of Defense": one person's two offices
            continue
        if low in TITLE_CONNECTORS - {"and"}:
            # "Ambassador to the United States": walk over "to the" when a title word stands before it.
            k = j - 1
            while k > sent_start and doc[k - 1].text.lower() in TITLE_CONNECTORS - {"and"}:
                k -= 1
            if k > sent_start and (doc[k - 1].text[:1].isupper() or ctx.office_covering(doc[k - 1])):
                j = k
                continue
        break
    while j < end and doc[j].text.lower() in TITLE_CONNECTORS | _POSSESSIVES | {"-"}:
        j += 1
    if appositive and ((j > sent_start and doc[j - 1].text == ",") or _appositive_of_name_before(ctx, end)):
        # "Ms. X, Minister for Foreign Affairs of Japan, Dr. Y, Minister of Foreign Affairs of Korea": between two
        # names, an appositive is the office of the name before it when the name after has its own.
        title, nation, international, office = title_after(ctx, e)
        if title is not None:
            return title, nation, international, rank, office
    if office_hit is None:
        # The words just before the name: the whole line would make a long line cost its length per name.
        counterpart = re.search(
            r"\b(?:his|her|their|its)\s+(?:(\S+)\s+)?counterparts?\s*$",
            doc[max(ctx.line_start(s), end - 12) : end].text,
        )
        if counterpart:
            return (
                None,
                ctx.nation_at(doc[end].idx - len(counterpart.group(0)), doc[end].idx),
                False,
                rank,
                "counterpart",
            )
    if office_hit is None:
        return None, demonym_nation, False, rank, None
    title, nation, international, rank, office = describe_title(ctx, doc[j:end], rank, office_hit)
    if demonym_nation is not None:
        nation, international = demonym_nation, False
    if nation is None and not international:
        # "her US counterpart, Secretary of State X": the counterpart's nation is the office's.
        before = doc[max(sent_start, j - 6) : j].text
        if re.search(r"\b(?:his|her|their|its)\s+\S+(?:\s+\S+)?\s+counterparts?\s*,$", before):
            nation = ctx.nation_at(doc[max(sent_start, j - 6)].idx, doc[j].idx)
    return title, nation, international, rank, office


def _appositive_of_name_before(ctx: Context, comma: int) -> bool:
    """Whether the words before the comma at token ``comma`` are an appositive set off by commas right after
    another name: "Adm. X, the U.S. Naval Forces Japan commander, Adm. Y": X's office, not Y's."""
    doc = ctx.doc
    if comma <= 0 or comma >= len(doc) or doc[comma].text != ",":
        return False
    k = comma - 1
    while k > max(ctx.line_start(comma), comma - 12) and doc[k].text not in {",", ";", "(", ")"}:
        k -= 1
    if doc[k].text != "," or k == 0 or not ctx.office_spans.starting_in(doc[k].idx, doc[comma].idx):
        return False
    name = doc[k - 1]
    return name.ent_type_ == "PERSON" and name.text[:1].isupper() and not ctx.office_covering(name)


def _service_in_lower_case(ctx: Context, tok: Token) -> bool:
    """ "army", "air", "force" of "air force Gen. X": a word of a service written in lower case."""
    title = tok.text.title()
    return tok.is_lower and tok.is_alpha and not tok.is_stop and ctx.is_rank(title) and ctx.gaz.rank(title) is None


def _same_office(ctx: Context, one: tuple[int, int, str], other: tuple[int, int, str]) -> bool:
    """Whether two office spans are the same office, which one person does not hold twice: "The Prime Minister
    and Prime Minister X" are two people."""
    first, second = ctx.gaz.office(one[2]), ctx.gaz.office(other[2])
    return first is not None and second is not None and first.canonical == second.canonical


def _portfolio_start(ctx: Context, j: int, sent_start: int) -> int:
    """Where the portfolio named before a bare "Minister" or "Secretary" at token ``j`` begins: "Culture" of
    "Culture Minister", "Education, Sports and Culture" of "Education, Sports and Culture Minister"; capitalized
    nouns that are no name, nation, place, date or rank, joined by commas and one "and"."""
    doc = ctx.doc

    def portfolio_word(k: int) -> bool:
        tok = doc[k]
        return (
            k >= sent_start
            and tok.is_alpha
            and tok.text[:1].isupper()
            and not tok.is_stop
            and tok.pos_ in {"PROPN", "NOUN"}
            and tok.ent_type_ in {"", "ORG", "NORP", "LOC"}  # "Asia Pacific Director"
            and not ctx.nation_covering(tok)
            and not ctx.is_rank(tok.text)
            and "\n" not in tok.whitespace_
            and not after_initials(doc, k)  # "Meynardo LB. Montealegre": a name after initials
        )

    k = j
    joined = False
    while k > sent_start:
        tok = doc[k - 1]
        if portfolio_word(k - 1):
            k -= 1
        elif tok.lower_ == "and" and not joined and k < j and portfolio_word(k - 2):
            joined, k = True, k - 1
        elif tok.text == "," and joined and portfolio_word(k - 2):
            k -= 1
        else:
            break
    return k


def _demonym_before(ctx: Context, i: int, e: int) -> tuple[int, str] | None:
    """A nation's name or demonym right before token ``i`` that modifies the name ending at ``e`` ("Thai" of
    "Thai Army Gen. X", "Colombia's" of "Colombia's Gen. Y"), as (its first token, its nation); not a nation
    the name merely follows ("visited Thailand Gen. X's unit")."""
    doc = ctx.doc
    if i <= ctx.line_start(i) or (nation := ctx.nation_covering(doc[i - 1])) is None:
        return None
    span = ctx.span(nation[0], nation[1])
    if span is None or span.end not in {i, i - 1} or (span.end == i - 1 and doc[i - 1].text not in _POSSESSIVES):
        return None
    last = doc[span.end - 1]
    if last.dep_ not in {"amod", "compound", "poss", "nmod", "npadvmod"} or not i <= last.head.i < e:
        return None
    # The parser makes "in Peru Gen. X" one noun phrase: a nation's name after a preposition or a verb is where
    # something happened, not whose the officer is, unless it is a possessive.
    before = doc[span.start - 1] if span.start > 0 else None
    if (
        span.end == i
        and span.text.lower() == ctx.gaz.nation_info(nation[2]).name.lower()
        and before is not None
        and before.pos_ in {"ADP", "VERB", "AUX"}
    ):
        return None
    return span.start, nation[2]


def describe_title(
    ctx: Context, chunk: Span, rank: str | None, office_hit: tuple[int, int, str]
) -> tuple[str | None, str | None, bool, str | None, str | None]:
    """Split a title chunk into the office as stated, its nation, and whether it is international."""
    nation = None
    international = False
    title_start = chunk.start
    org_nation: tuple[str | None, bool] | None = None
    known = ctx.gaz.office(office_hit[2])
    known_end = office_hit[0] + len(office_hit[2])
    for tok in chunk:
        covering = ctx.nation_covering(tok)
        iso3 = covering[2] if covering and covering[0] == tok.idx and not _nation_pair(ctx, covering) else None
        k = tok.i - 1
        while k > 0 and ctx.doc[k].text.lower() == "the":
            k -= 1
        prev = ctx.doc[k].text.lower() if k >= 0 else ""
        # "Ambassador to the United States": the nation an ambassador is sent to is not the one served.
        if iso3 and prev not in {"to", "in", "for"} and nation is None:
            nation = iso3
            # A leading demonym or possessive is the nation, not part of the office's name.
            if tok.i == title_start or TITLE_TIME_PREFIX.fullmatch(ctx.doc[title_start : tok.i].text):
                title_start = ctx.doc.char_span(covering[0], covering[1], alignment_mode="expand").end
                while title_start < chunk.end and ctx.doc[title_start].text in _POSSESSIVES | {"-"}:
                    title_start += 1
        org = ctx.org_covering(tok)
        # An organization named inside an office's own name ("Joint Staff" of "Chief of Staff, Joint Staff")
        # serves the office's nation, which the gazetteer gives where it is one.
        if org and org_nation is None and not (known and office_hit[0] <= org[0] and org[1] <= known_end):
            org_nation = org[2], org[3]
    # A nation named in the title beats the organization's ("the Joint Staff Department of China's ...").
    if nation is None and org_nation:
        nation, international = org_nation
    title = ctx.doc[title_start : chunk.end].text.strip(" ,-") or chunk.text
    # "then-Defense Minister", "former President": when the office was held is not part of its name.
    title = re.sub(r"^(?:the\s+)?(?:(?:then|former|ex)(?:-|\s+))?", "", title, flags=re.IGNORECASE) or title
    office = known
    if office and office.nation and nation is None and not international:
        nation = office.nation
    if nation is None and not international:
        # "Tánaiste and Minister for Foreign Affairs": one of a person's offices only one nation has.
        joined = (ctx.gaz.office(o[2]) for o in ctx.office_spans.starting_in(chunk.start_char, chunk.end_char))
        nation = next((o.nation for o in joined if o is not None and o.nation), None)
    return title, nation, international, rank, office.canonical if office else None


def _nation_pair(ctx: Context, nation: tuple[int, int, str]) -> bool:
    """Whether a nation is one of a hyphenated pair ("Japan-U.S. Defense Cooperation", "U.S.-Japan"), which names
    the two, not the nation an official serves."""
    text = ctx.text
    after = nation[1] < len(text) - 1 and text[nation[1]] in "-–" and ctx.nation_spans.covering(nation[1] + 1)
    before = nation[0] >= 2 and text[nation[0] - 1] in "-–" and ctx.nation_spans.covering(nation[0] - 2)
    return bool(after or before)


_RELATIVES = frozenset({"who", "whose", "which"})

# What ends an appositive office: "X, Foreign Minister of China)", "Y, Minister of Foreign Affairs [Chair],".
_APPOSITIVE_ENDS = frozenset({",", ".", ";", "—", "(", ")", "[", "]"})


def _clause_begins(tok: Token) -> bool:
    """Whether a purpose or a verb begins at the token, closing an appositive office that no comma closes: "met
    Adm. X, Commander of the Indo-Pacific Command to discuss ..."."""
    return tok.tag_ == "TO" and tok.head.pos_ == "VERB" and tok.head.i == tok.i + 1


def title_after(ctx: Context, e: int, depth: int = 0) -> tuple[str | None, str | None, bool, str | None]:
    """An appositive office after a name: "Gen. Charles Brown, chairman of the Joint Chiefs of Staff,"; the first
    office of several posts in a row ("Wang Yi, Member of the Political Bureau ..., Director of ..., and Minister
    of Foreign Affairs of the People's Republic of China,")."""
    doc = ctx.doc
    while e < len(doc) and doc[e].text in POST_NOMINALS:
        e += 1  # "Jane Roe MP, Minister for Trade"
    if e >= len(doc) or doc[e].text != ",":
        return None, None, False, None
    k = e + 1
    if depth and k < len(doc) and doc[k].lower_ == "and":
        k += 1
    stop = k
    # A comma inside an office's name ("Chief of Staff, Joint Staff") does not end the appositive.
    while (
        stop < len(doc)
        and (doc[stop].text not in _APPOSITIVE_ENDS or (stop > k and ctx.office_covering(doc[stop])))
        and not (stop > k and (doc[stop].lower_ in _RELATIVES or _clause_begins(doc[stop])))
        and stop - k < 12
        and not doc[stop].is_space
    ):
        stop += 1
        if "\n" in doc[stop - 1].whitespace_:
            break
    # "X, Chief of Staff, Joint Staff, Japan Self-Defense Forces was greeted": the organization or nation the
    # office is of, set off by a further comma, closes the appositive before the verb.
    closed_by_body = False
    if stop < len(doc) and doc[stop].text == ",":
        m = stop + 1
        while m < len(doc) and (ctx.nation_covering(doc[m]) or ctx.org_covering(doc[m])):
            m += 1
        # "X, commander, Japan Ground Self Defense Force,": a nation's force the tagger knows no name of
        if m > stop + 1 and ctx.nation_covering(doc[stop + 1]):
            while m < len(doc) and doc[m].text[:1].isupper() and doc[m].is_alpha and not ctx.office_covering(doc[m]):
                m += 1
        if m > stop + 1 and (m == len(doc) or doc[m].text in _APPOSITIVE_ENDS or doc[m].pos_ in {"AUX", "VERB"}):
            stop, closed_by_body = m, True
    clause = doc[k:stop]
    if (
        depth < 3
        and stop < len(doc)
        and doc[stop].text == ","
        and len(clause) >= 2
        and not ctx.office_spans.starting_in(clause.start_char, clause.end_char)
        and clause[0].text[:1].isupper()
        and all(t.text[:1].isupper() or t.lower_ in TITLE_CONNECTORS for t in clause)
    ):
        # A post kg knows no office in, set off by commas: the office may be among the posts after it.
        found = title_after(ctx, stop, depth + 1)
        if found[0] is not None:
            return found
    # "X, and the Commanding General of ..., Y": the next item of a list, not X's office.
    if len(clause) == 0 or clause[0].text.lower() in {"who", "which", "whose", "said", "says", "told", "and", "or"}:
        return None, None, False, None
    # An appositive office is written in lower case ("chairman of the Joint Chiefs") or after "the" ("the
    # Foreign Minister of Pakistan"), or closes the appositive with nothing but its nation after it ("Ms.
    # KAMIKAWA Yoko, Minister for Foreign Affairs of Japan, held"); a capitalized one before another name
    # starts the next item of a list ("Mattis, Japan's Prime Minister Shinzo Abe and").
    after_the = clause[0].text.lower() == "the"
    # "X, Minister for the Constitution who updated them": a relative clause closes the appositive too.
    closed = (
        closed_by_body
        or stop == len(doc)
        or doc[stop].text in _APPOSITIVE_ENDS - {"—", "("}
        or doc[stop].lower_ in _RELATIVES
        or _clause_begins(doc[stop])
        or abbreviation_in_brackets(ctx, stop)  # "X, Commander of United States Africa Command (AFRICOM) and Y"
    )

    # "X, Chargé d'Affaires of the U.S. Embassy, joined": a nation's mission abroad is the nation's.
    missions = [(t.idx, *found) for t in clause if t.lower_ in {"at", "of"} and (found := _mission(ctx, t.i + 1))]

    def ends_clause(office: tuple[int, int, str]) -> bool:
        rest = [t for t in clause if t.idx >= office[1]]
        # "X, Speaker of the Council of Representatives, said": the body goes on past the head the office
        # span ends on, in capitals but no person's name.
        # So does a portfolio joined by "and" ("X, Minister of Economy and Innovation of the Republic of Albania,").
        if closed and rest and rest[0].lower_ in {"of", "for", "and"}:
            return all(t.lower_ in TITLE_CONNECTORS or (t.text[:1].isupper() and t.ent_type_ != "PERSON") for t in rest)
        return closed and all(
            t.text.lower() in TITLE_CONNECTORS | {",", "at"}
            or ctx.office_covering(t)  # "X, Deputy Prime Minister and Minister of Foreign Affairs, met"
            or ctx.nation_covering(t)
            or ctx.org_covering(t)
            or any(start <= t.idx < end for start, end, _ in missions)
            for t in rest
        )

    offices = [
        o
        for o in ctx.office_spans.starting_in(clause.start_char, clause.end_char)
        if o[1] <= clause.end_char and (o[2][:1].islower() or after_the or ends_clause(o))
    ]
    # The office begins the appositive, or ends it after the body it heads ("the U.S. Naval Forces Japan
    # commander").
    if not offices and closed and (ranked := _ranked_post(ctx, clause)) is not None:
        return ranked
    if not offices or (offices[0][0] - clause.start_char > 20 and not (after_the and offices[0][1] == clause.end_char)):
        return None, None, False, None
    # The office and the nation or organization it is of, not what the sentence goes on to say ("Gen. X, the
    # chairman of the Joint Chiefs of Staff at an arrival ceremony, ...").
    office_end = ctx.span(offices[0][0], offices[0][1])
    end = office_end.end if office_end is not None else clause.end
    while end < clause.end and not (
        (doc[end].pos_ == "ADP" and doc[end].lower_ not in TITLE_CONNECTORS) or doc[end].pos_ in {"VERB", "AUX"}
    ):
        end += 1
    while end > clause.start + 1 and doc[end - 1].lower_ in TITLE_CONNECTORS | {","}:
        end -= 1
    clause = doc[clause.start : end]
    title, nation, international, _, office = describe_title(ctx, clause, None, offices[0])
    if nation is None and not international:
        nation = next((iso3 for start, _, iso3 in missions if start >= offices[0][1]), None)
    if nation is None and not international:
        nation = _nation_after_portfolio(ctx, offices[0][1])
    return title, nation, international, office


def _nation_after_portfolio(ctx: Context, end: int) -> str | None:
    """The nation named after the rest of a portfolio that runs on past an office ("Minister of Foreign Affairs"
    + ", Regional Integration and Development Cooperation of the Republic of Burundi")."""
    span = ctx.doc.char_span(end, end + 1, alignment_mode="expand")
    if span is None:
        return None
    doc, i = ctx.doc, span.start
    while i < min(len(doc), span.start + 12) and (
        doc[i].text in {",", "and", "&"} or (doc[i].text[:1].isupper() and doc[i].is_alpha)
    ):
        if ctx.nation_covering(doc[i]) or "\n" in doc[i].whitespace_:
            return None
        i += 1
    if i >= len(doc) - 1 or doc[i].lower_ != "of" or i == span.start:
        return None
    return ctx.nation_at(doc[i + 1].idx, doc[min(i + 6, len(doc) - 1)].idx + 1)


def _ranked_post(ctx: Context, clause: Span) -> tuple[str, str | None, bool, None] | None:
    """A post named by a force and a rank, set off by commas after a name: "X, Kenya Defense Forces Sergeant
    Major, met ...": the post as written, and the nation the force is of."""
    words = [t for t in clause if not t.is_punct]
    if len(words) < 3 or not all(t.text[:1].isupper() for t in words):
        return None
    k = len(words)
    while k > 0 and ctx.is_rank(words[k - 1].text):
        k -= 1
    if k == len(words) or k == 0 or not ctx.gaz.rank(" ".join(t.text for t in words[k:])):
        return None
    nation = next((n[2] for t in words[:k] if (n := ctx.nation_covering(t))), None)
    org = next((o for t in words[:k] if (o := ctx.org_covering(t))), None)
    if nation is None and org is not None:
        nation = org[2]
    if nation is None:
        return None
    return clause.text.strip(" ,"), nation, False, None


# What a nation's mission abroad is called: "the U.S. Embassy", "the Embassy of Japan", "Australia's High
# Commission", "the Permanent Mission of Fiji".
_MISSION = r"(?:[Ee]mbassy|[Hh]igh [Cc]ommission|[Cc]onsulate(?:[ -][Gg]eneral)?|(?:[Pp]ermanent )?[Mm]ission)"
_MISSION_AFTER_NATION = re.compile(r"(?:'s|’s)?\s+" + _MISSION + r"\b")
_MISSION_BEFORE_NATION = re.compile(r"(?:the\s+)?" + _MISSION + r"\s+(?:of|to)\s+(?:the\s+)?", re.IGNORECASE)


def _mission(ctx: Context, i: int) -> tuple[int, str] | None:
    """A nation's mission abroad named from token ``i`` ("the U.S. Embassy", "the Embassy of Japan"), as (the
    character where it ends, the nation, which sends it, wherever it is)."""
    if i >= len(ctx.doc):
        return None
    at = ctx.doc[i].idx
    if ctx.doc[i].lower_ == "the" and i + 1 < len(ctx.doc):
        at = ctx.doc[i + 1].idx
    nation = ctx.nation_spans.covering(at)
    if nation is not None and nation[0] == at and (m := _MISSION_AFTER_NATION.match(ctx.text, nation[1])):
        return m.end(), nation[2]
    m = _MISSION_BEFORE_NATION.match(ctx.text, ctx.doc[i].idx)
    nation = ctx.nation_spans.covering(m.end()) if m else None
    if nation is not None and nation[0] == m.end():
        return nation[1], nation[2]
    return None


def nation_after(ctx: Context, e: int) -> str | None:
    """ "Prime Minister Narendra Modi of India": the nation named right after the name."""
    doc = ctx.doc
    if e + 1 < len(doc) and doc[e].text == "of":
        k = e + 1
        if doc[k].text.lower() == "the" and k + 1 < len(doc):
            k += 1
        last = doc[min(k + 5, len(doc) - 1)]  # "of the Republic of the Marshall Islands"
        return ctx.nation_at(doc[k].idx, last.idx + len(last))
    return None


# "The Japanese delegation was led by Mr. X": the leader of a nation's delegation serves that nation.
_LED_BY = re.compile(r"(?:delegation|side|team)\s+(?:was|is|were)\s+(?:co-)?(?:led|headed)\s+by\s")
# What ends the list of those who led a delegation: "..., while the Japanese delegation was led by".
_LEADERS_END = re.compile(r"\bwhile\b|\bwhereas\b|;|\.\s+[A-Z][a-z]")


def nation_leading(ctx: Context, s: int) -> str | None:
    """The nation whose delegation the name at token ``s`` leads or co-leads ("the Philippines delegation was
    led by X", "the Japanese delegation was co-led by Director-General X and Director-General Y")."""
    start = ctx.doc[s].idx
    led = next(reversed(list(_LED_BY.finditer(ctx.text, max(0, start - 160), start))), None)
    if led is None or _LEADERS_END.search(ctx.text, led.end(), start):
        return None
    nation = ctx.nation_spans.covering(led.start() - 2)
    return nation[2] if nation is not None else None
