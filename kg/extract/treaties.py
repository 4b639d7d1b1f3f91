"""Treaties: agreements the gazetteer knows ("the ANZUS Treaty"), capitalized names ending in a treaty word
("Treaty of Mutual Cooperation and Security between ..."), descriptions ("a mutual defense treaty", "the
U.S.-Japan pact"), cited provisions ("Article 5"), and the aliases the text gives them ("..., or EDCA").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from kg.extract.context import CALENDAR_WORDS, FOLLOWED_BY_NAME, Context, ranked_nations, strip_the
from kg.gazetteer.treaties import TreatyInfo
from kg.model import TreatyMention
from kg.spans import SpanIndex

__all__ = ["find_treaties"]

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
    "compact",
    "arrangement",
    "arrangements",
    "roadmap",
}
# Documents that are agreements only where the text says they were signed ("signed the EU-Ukraine Security and
# Defence Partnership"): "the Joint Declaration on ... signed
# in 2007", "signing a Statement of Principles", "the MPA declaration I signed" (a "joint statement" is issued).
SIGNED_HEADS = {"declaration", "statement", "partnership"}
SIGN = {"sign", "signs", "signed", "signing"}  # the pipeline has no lemmatizer
TREATY_CONNECTORS = {"of", "on", "between", "for", "the", "and", "to", ",", "concerning", "regarding"}
# An agreement named plainly, in lower case, by what it is about: "a new bilateral defense cooperation
# agreement", "a general security of military information agreement", "the reciprocal access agreement".
PLAIN_AGREEMENT = re.compile(
    r"\b(?:a|an|the|its|their|this)\s+(?:new\s+)?(?P<name>(?:[a-z][\w-]*\s+){0,5}?"
    r"(?:defen[cs]e|security|military|cooperation|access|forces|information|maritime|logistics|nuclear|"
    r"acquisition|cross-servicing)\s+(?:[a-z][\w-]*\s+){0,3}?"
    r"(?:agreement|arrangement|memorandum of understanding|roadmap))\b"
)
GENERIC_TREATY = re.compile(
    r"\b(?:(?P<nations>[A-Z][\w.]*(?:-[A-Z][\w.]*)+)\s+)?(?P<desc>(?:(?:mutual|collective|common)\s+)?"
    r"(?:defen[cs]e|security|peace|alliance|nuclear|trade|military|cooperation)\s+)?(?P<head>treaty|pact)\b"
)
_ORGANIZATION_AFTER = re.compile(r"\s+Organi[sz]ation\b")
TRILATERAL = re.compile(r"\b(?:trilateral|three-way|tripartite)\b", re.I)
INDEFINITE = re.compile(r"\b(?:a|an)\s+(?:new\s+)?$", re.I)
# "an agreement on the sidelines", "on behalf of": where or for whom, not what the agreement is about.
NOT_A_SUBJECT = {"sideline", "sidelines", "margin", "margins", "behalf", "occasion", "eve", "day", "visit", "trip"}
PROVISION = re.compile(r"\bArticle\s+(?:\d+|[IVX]+)\b(?:\s*\(\d+\))?")
TREATY_ALIAS_CUE = re.compile(r"^\s*,?\s*(?:formally|officially|known as|also called|or)\s+(?:the\s+)?", re.I)


def find_treaties(ctx: Context) -> list[TreatyMention]:
    """The treaties the text names or describes, in the order of the text, with the aliases it gives them."""
    found: list[TreatyMention] = []

    def overlaps(s: int, e: int) -> bool:
        return any(t.start < e and s < t.end for t in found)

    mentioned = ranked_nations(ctx.nation_spans)
    for m in ctx.terms("treaty").finditer(ctx.text):
        info = ctx.gaz.treaty(m.group(0), parties=mentioned)
        if info is None or _ORGANIZATION_AFTER.match(ctx.text, m.end()):
            continue  # "North Atlantic Treaty Organization's exercise": the alliance, not its treaty
        if _other_parties_named_before(ctx, m.start(), info):
            continue  # "the U.S.-Poland Enhanced Defense Cooperation Agreement" is not the Philippine EDCA
        shared_alias = len(ctx.gaz.treaties(m.group(0))) > 1
        if shared_alias and not info.multilateral and not set(info.parties) <= set(mentioned):
            continue  # "Mutual Defense Treaty" is the Philippine one only where the Philippines is named
        s, e, name = strip_the(m.start(), m.end(), m.group(0))
        if name.islower() and INDEFINITE.search(ctx.text, max(0, s - 12), s):
            continue  # "negotiations on a reciprocal access agreement": a new one, of the nations named with it
        if name.islower() and not (info.parties and set(info.parties) <= set(mentioned) and not shared_alias):
            # "our mutual defense treaty" describes a treaty; resolve decides which. But "the force posture
            # agreement" in a story of its two parties is theirs, the only one so called.
            found.append(TreatyMention(name, s, e, ctx.sentence_at(s), None, (), generic=True, confidence=0.5))
            continue
        found.append(
            TreatyMention(name, s, e, ctx.sentence_at(s), info.key, _named_parties(info, mentioned), confidence=0.9)
        )
    for s, e in _capitalized_treaties(ctx):
        if overlaps(s, e):
            continue
        name = ctx.text[s:e]
        info = ctx.gaz.treaty(name)
        parties = _parties_between(ctx, s, e) or _sentence_parties(ctx, s, back=2)
        if TRILATERAL.search(name):
            parties = _with_most_named(parties, mentioned, 3)
        found.append(
            TreatyMention(
                name,
                s,
                e,
                ctx.sentence_at(s),
                info.key if info else None,
                _named_parties(info, mentioned) if info else parties,
                confidence=0.8 if info else 0.7,
            )
        )
    for m in GENERIC_TREATY.finditer(ctx.text):
        s, e = m.start(), m.end()
        if overlaps(s, e):
            continue
        nations = m.group("nations")
        if not nations and not m.group("desc") and _modifies_another_noun(ctx, s, e):
            continue  # "a treaty level agreement", "treaty obligations": the word describes, it names nothing
        parties = tuple(sorted({iso3 for _, ne, iso3 in ctx.nation_spans.starting_in(s, e) if ne <= e}))
        generic = not (nations and parties)
        found.append(
            TreatyMention(
                ctx.text[s:e],
                s,
                e,
                ctx.sentence_at(s),
                None,
                parties,
                generic=generic,
                confidence=0.5 if generic else 0.65,
            )
        )
    plain: list[TreatyMention] = []
    for m in PLAIN_AGREEMENT.finditer(ctx.text):
        s, e = m.start("name"), m.end("name")
        if overlaps(s, e):
            continue
        if m.group(0).split()[0].lower() not in {"a", "an", "new"} and any(not t.generic for t in found):
            # "the civil nuclear agreement" after the agreement's name is that agreement again: resolve links it
            found.append(
                TreatyMention(m.group("name"), s, e, ctx.sentence_at(s), None, (), generic=True, confidence=0.5)
            )
            continue
        parties = _sentence_parties(ctx, s)
        if TRILATERAL.search(m.group("name")):
            parties = _with_most_named(parties, mentioned, 3)
        info = ctx.gaz.treaty(m.group("name"), parties) if parties else None
        key = info.key if info and set(info.parties) == set(parties) else None
        plain.append(TreatyMention(m.group("name"), s, e, ctx.sentence_at(s), key, parties, confidence=0.55))
    for s, e in _signed_documents(ctx):
        if not overlaps(s, e) and not any(t.start < e and s < t.end for t in plain):
            plain.append(
                TreatyMention(ctx.text[s:e], s, e, ctx.sentence_at(s), None, _sentence_parties(ctx, s), confidence=0.55)
            )
    # "signed a defense agreement" before the agreement's name: one the gazetteer knows between the same
    # parties is that agreement.
    known = {t.parties: t.key for t in found if t.key and t.parties}
    found.extend(replace(t, key=known[t.parties]) if t.parties in known else t for t in plain)
    # "Article 5" cites a provision of a treaty: the one it names ("of the North Atlantic Treaty") or the
    # nearest one named; resolve links it.
    for m in PROVISION.finditer(ctx.text):
        if not overlaps(m.start(), m.end()):
            found.append(
                TreatyMention(
                    m.group(0),
                    m.start(),
                    m.end(),
                    ctx.sentence_at(m.start()),
                    None,
                    (),
                    generic=True,
                    provision=True,
                    confidence=0.6,
                )
            )
    found.sort(key=lambda t: t.start)
    return _link_short_names(ctx, _link_treaty_aliases(ctx, found))


def _modifies_another_noun(ctx: Context, start: int, end: int) -> bool:
    span = ctx.span(start, end)
    return span is not None and span.root.dep_ in {"compound", "amod", "nmod"}


def _words(name: str) -> list[str]:
    return re.findall(r"\w[\w.'-]*", name.lower())


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return n < len(longer) and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _is_that_agreement(ctx: Context, t: TreatyMention) -> bool:
    """ "This is a status of forces agreement": the mention is said of an agreement just named."""
    span = ctx.span(t.start, t.end)
    if span is None or span.root.dep_ != "attr" or span.root.head.lemma_ != "be":
        return False
    subjects = [c for c in span.root.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return any(c.lower_ in {"this", "it", "that"} for c in subjects)


def _link_short_names(ctx: Context, found: list[TreatyMention]) -> list[TreatyMention]:
    """Later, shorter names of an agreement named before are aliases of it: "the Hiroshima Accord" ... "the
    Accord", "a new bilateral defense cooperation agreement" ... "The Defense Cooperation Agreement"; and an
    agreement said of one just named ("We signed a defence agreement. This is a status of forces agreement")
    is that one."""
    out = list(found)
    for i, t in enumerate(out):
        if t.generic or t.provision or t.alias_of:
            continue
        earlier = [u for u in out[:i] if not u.generic and not u.provision and u.end <= t.start]
        words = _words(t.name)
        longer = next((u for u in reversed(earlier) if _contains(_words(u.name), words)), None)
        if longer is not None and (t.key is None or longer.key in {None, t.key}):
            # A known agreement's short name inside an unknown one's name is the unknown one's short name.
            key, parties = (longer.key, longer.parties) if longer.key != t.key else (t.key, t.parties)
            out[i] = replace(t, alias_of=longer.name, key=key, parties=parties)
        elif earlier and earlier[-1].sentence >= t.sentence - 1 and _is_that_agreement(ctx, t):
            out[i] = replace(t, alias_of=earlier[-1].name)
    return out


def _with_most_named(parties: tuple[str, ...], mentioned: tuple[str, ...], n: int) -> tuple[str, ...]:
    """A trilateral agreement whose sentence names two of its parties binds the nations the article names most
    as well, up to three."""
    out = list(parties)
    for iso3 in mentioned:
        if len(out) >= n:
            break
        if iso3 not in out:
            out.append(iso3)
    return tuple(sorted(out))


def _sentence_parties(ctx: Context, start: int, back: int = 0) -> tuple[str, ...]:
    """The nations the sentence at ``start`` names, if it names two or more: the parties of an agreement it
    names plainly ("Chile and Peru signed a defense cooperation agreement"); else, up to ``back`` sentences
    before, those of the nearest that names two or more ("... Chilean and Peruvian ministers met. The two sides
    welcomed the Roadmap for Defense Cooperation")."""
    here = ctx.sentence_at(start)
    for i in range(here, max(-1, here - back - 1), -1):
        sentence = ctx.sentences[i]
        named = tuple(sorted({iso3 for _, _, iso3 in ctx.nation_spans.starting_in(sentence.start, sentence.end)}))
        if len(named) >= 2:
            return named
    return ()


def _parties_between(ctx: Context, start: int, end: int) -> tuple[str, ...]:
    """The nations a treaty's name names, and those of the phrase its "between" opens, which may run past the
    name: "Memorandum of Understanding on Cyber Security between the Cyber Agency of Chile and the Office of
    Cyber Policy (Cabinet Office) of Peru"."""
    parties = {iso3 for _, ne, iso3 in ctx.nation_spans.starting_in(start, end) if ne <= end}
    span = ctx.span(start, end)
    for tok in span if span is not None else ():
        if tok.lower_ == "between":
            sub = list(tok.subtree)
            s, e = sub[0].idx, sub[-1].idx + len(sub[-1].text)
            parties |= {iso3 for _, ne, iso3 in ctx.nation_spans.starting_in(s, e) if ne <= e}
    return tuple(sorted(parties))


def _named_parties(info: TreatyInfo, mentioned: tuple[str, ...]) -> tuple[str, ...]:
    """A treaty's parties; of an alliance of many, only those the article names (an article on the Five Power
    Defence Arrangements that names only Singapore and the United Kingdom makes no claim about Malaysia)."""
    if not info.multilateral:
        return info.parties
    return tuple(p for p in info.parties if p in mentioned)


def _other_parties_named_before(ctx: Context, start: int, info: TreatyInfo) -> bool:
    """Whether the capitalized words just before a known treaty's name name a nation that is not its party:
    the name is then that of another pair's agreement of the same kind."""
    if info.multilateral or not info.parties:
        return False
    span = ctx.span(start, start + 1)
    if span is None:
        return False
    doc, s = ctx.doc, span.start
    while s > 0 and (doc[s - 1].text[:1].isupper() or doc[s - 1].text in {"-", "–"}) and not doc[s].is_sent_start:
        s -= 1
    if s == span.start:
        return False
    return any(
        iso3 not in info.parties for _, ne, iso3 in ctx.nation_spans.starting_in(doc[s].idx, start) if ne <= start
    )


def _capitalized_treaties(ctx: Context) -> Iterator[tuple[int, int]]:
    doc = ctx.doc
    for tok in doc:
        signed_only = tok.lower_ in SIGNED_HEADS
        if (tok.lower_ not in TREATY_HEADS and not signed_only) or not tok.text[:1].isupper():
            continue
        if signed_only and not _is_signed(tok):
            continue  # "a Joint Statement" is news; "signed a Statement of Principles" is an agreement
        s = tok.i
        while (
            s > 0
            and (
                doc[s - 1].text[:1].isupper()
                or re.fullmatch(r"(?:19|20)\d\d", doc[s - 1].text)
                or doc[s - 1].text in {"-", "–"}
                # "the Security and Defence Partnership": "and" between two words of the name, no nations
                or (
                    doc[s - 1].lower_ == "and"
                    and s >= 2
                    and doc[s - 2].text[:1].isupper()
                    and not ctx.nation_covering(doc[s - 2])
                    and not ctx.nation_covering(doc[s])
                )
            )
            and "\n" not in doc[s - 1].whitespace_
            and doc[s - 1].text not in {"The"}
            and not ctx.gaz.is_rank(doc[s - 1].text)
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
            run = k
            while run < len(doc) and (doc[run].text[:1].isupper() or doc[run].text in {"-"}):
                run += 1
            # "the Agreement on X and the Agreement on Y" names two agreements.
            another = {"and", ","} & {w.lower_ for w in doc[e:k]} and any(w.lower_ in TREATY_HEADS for w in doc[k:run])
            if (
                k < len(doc)
                and doc[k].text[:1].isupper()
                and "\n" not in doc[k - 1].whitespace_
                and ("," not in doc[e:k].text or in_list)
                and doc[k].text.rstrip(".") not in CALENDAR_WORDS
                and doc[k].pos_ != "PRON"  # "the Protocol and I stressed"
                and not another
                # "signed the Memorandum for the United States and Minister X signed for ...": a name goes on
                # over no office, and not over "for" and a nation alone (on whose behalf one signs)
                and not any(ctx.office_covering(doc[j]) for j in range(k, run))
                and not (doc[e].lower_ == "for" and _only_a_nation(ctx, k, run))
            ):
                e = run
            else:
                break
        while s < tok.i and re.fullmatch(r"(?:19|20)\d\d", doc[s].text) is None and doc[s].text.lower() in {"the"}:
            s += 1
        if signed_only and (e == tok.i + 1 and e - s < 3 if tok.lower_ == "statement" else e - s < 2):
            continue  # "signed a Joint Statement" is news; "signed a Joint Vision Statement" an agreement
        if e - s < 2 and tok.text.lower() in {
            "agreement",
            "convention",
            "protocol",
            "charter",
            "arrangement",
            "arrangements",
            "roadmap",
        }:
            continue
        end = doc[e - 1].idx + len(doc[e - 1].text)
        if FOLLOWED_BY_NAME.match(ctx.text, end):
            continue  # "Kenyatta International Convention Centre" is a building, not a convention
        yield doc[s].idx, end


def _only_a_nation(ctx: Context, start: int, end: int) -> bool:
    """Whether tokens ``start`` to ``end`` (after "the") are one nation's name and nothing more."""
    nation = ctx.nation_covering(ctx.doc[start])
    return nation is not None and ctx.doc[end - 1].idx + len(ctx.doc[end - 1]) <= nation[1]


def _is_signed(tok: Token) -> bool:
    """Whether the parse says the document a noun names was signed: "signed the X", "the X was signed", "the
    signing of the X", "the X she signed", "the X signed in 2007"."""
    head = tok.head
    if tok.dep_ in {"dobj", "nsubjpass"} and head.lower_ in SIGN:
        return True
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in SIGN:
        return True
    if any(c.dep_ in {"relcl", "acl"} and c.lower_ in SIGN for c in tok.children):
        return True
    # "In the Argyle Declaration signed that December, ...": the parser may make the participle the root.
    after = tok.doc[tok.i + 1 : tok.i + 3]
    return bool(after) and (after[0].lower_ == "signed" or (after[0].text == "," and after[-1].lower_ == "signed"))


def _signed_documents(ctx: Context) -> Iterator[tuple[int, int]]:
    """Lower-case documents the text says were signed, named by what precedes them ("the MPA declaration I
    signed") or what they concern ("signed an agreement concerning counter-narcotics operations")."""
    for tok in ctx.doc:
        if not tok.text.islower() or not _is_signed(tok):
            continue
        if tok.lower_ in SIGNED_HEADS:
            left = [c for c in tok.lefts if c.dep_ in {"compound", "amod"}]
            if left and any(c.text[:1].isupper() for c in left):
                yield left[0].idx, tok.idx + len(tok)
        elif tok.lower_ in TREATY_HEADS:
            words = _concerning(tok)
            if words:
                yield tok.idx, words[-1].idx + len(words[-1])


def _concerning(tok: Token) -> list[Token]:
    """The words after "agreement on", "concerning" or "regarding" that say what it is about, up to the next
    preposition, clause or punctuation."""
    doc = tok.doc
    k = tok.i + 1
    if k >= len(doc) or doc[k].lower_ not in {"on", "concerning", "regarding"}:
        return []
    words = []
    for w in doc[k + 1 : k + 10]:
        if not (w.is_alpha and w.text.islower()) or w.pos_ in {"ADP", "PRON", "VERB", "AUX", "SCONJ"}:
            break
        words.append(w)
    nouns = [w for w in words if w.pos_ in {"NOUN", "PROPN"}]
    if not nouns or words[0].pos_ == "DET" or nouns[0].lower_ in NOT_A_SUBJECT:
        return []
    while words and words[-1].pos_ not in {"NOUN", "PROPN"}:
        words.pop()
    return [doc[k], *words]


def _link_treaty_aliases(ctx: Context, found: list[TreatyMention]) -> list[TreatyMention]:
    """ "X, formally the Y" and "X, or EDCA": the second name is an alias of the first."""
    out = list(found)
    for i, t in enumerate(out):
        after = ctx.text[t.end : t.end + 40]
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
            between = ctx.text[t.end : nxt.start]
            if nxt.sentence == t.sentence and TREATY_ALIAS_CUE.match(between) and len(between) < 30:
                out[i + 1] = replace(nxt, alias_of=t.name)
    # Repeated acronyms later in the text ("EDCA sites") are mentions of the same agreement.
    acronyms = {t.name: t for t in out if t.alias_of and t.name.isupper()}
    named = SpanIndex(out, bounds=lambda t: (t.start, t.end))
    for name, t in acronyms.items():
        for m in re.finditer(rf"\b{re.escape(name)}\b", ctx.text):
            if not named.any_overlapping(m.start(), m.start() + 1):
                out.append(
                    TreatyMention(
                        name,
                        m.start(),
                        m.end(),
                        ctx.sentence_at(m.start()),
                        t.key,
                        t.parties,
                        alias_of=t.alias_of,
                        confidence=t.confidence,
                    )
                )
    out.sort(key=lambda t: t.start)
    return out
