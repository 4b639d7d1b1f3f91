"""Names: which tokens may make a person's name, and where a name after a title begins and ends.

A name is written in capitalized words ("Richard Marles"), perhaps with initials ("Enrique A. Manalo"), particles
("bin", "van") before a further name, a suffix ("Jr.") and hyphenated parts ("Kosiniak-Kamysz"); a family name
in capitals beside a given name ("KAMIKAWA Yoko") is a name, an acronym ("NATO") or a line in capitals is not;
ranks and the words of office titles ("Minister", "Defense") are no part of a name, nor a nation, office or
organization the gazetteer knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from spacy.tokens import Token

from kg.extract.context import GIVEN_NAME_TITLES, Context, after_initials
from kg.gazetteer import Gazetteer, short_forms

__all__ = [
    "NAME_PARTICLES",
    "NAME_SUFFIXES",
    "POST_NOMINALS",
    "TITLE_CONNECTORS",
    "abbreviation_in_brackets",
    "in_term",
    "is_name_token",
    "name_text",
    "name_tokens_after",
    "short_form_of",
    "title_vocab",
]

NAME_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}
# What follows a member's name ("The Hon Jane Roe MP", "Gen. John Doe AC CSC"): parliament, the bar, orders and
# decorations; no part of the name.
POST_NOMINALS = frozenset(
    {"MP", "MHR", "MLA", "MLC", "MHA", "MHK", "MSP", "MS", "MEP", "TD", "QC", "KC", "SC", "PC", "AC", "AO", "AM", "OAM",
     "CSC", "DSC", "CB", "CBE", "OBE", "MBE", "KBE", "DBE", "KCB", "KCMG", "GCMG", "CMG", "CVO", "LVO", "MVO",
     "DSO", "MC", "VC", "ADC", "PhD"}
)  # fmt: skip
NAME_PARTICLES = {"de", "da", "van", "von", "bin", "al", "el", "la", "le", "du", "dos", "der", "ibn"}
TITLE_CONNECTORS = {"of", "to", "for", "the", "and", "on", "in"}


def is_name_token(ctx: Context, tok: Token) -> bool:
    """Whether a token may be part of a person's name."""
    text = tok.text
    if (
        text in {"-", "‐"}
        and not tok.whitespace_
        and tok.i > 0
        and not ctx.doc[tok.i - 1].whitespace_
        and tok.i + 1 < len(ctx.doc)
        and ctx.doc[tok.i + 1].is_alpha
    ):
        return True  # "Kosiniak-Kamysz", "Ching-te"
    if (
        text in {"‘", "ʻ", "'"}
        and not tok.whitespace_
        and tok.i > 0
        and ctx.doc[tok.i - 1].whitespace_
        and ctx.doc[tok.i - 1].text[:1].isupper()
        and tok.i + 1 < len(ctx.doc)
        and ctx.doc[tok.i + 1].text[:1].isupper()
        and ctx.doc[tok.i + 1].is_alpha
        and (tok.i + 2 >= len(ctx.doc) or ctx.doc[tok.i + 2].text not in {"'", "’"})  # not "Roe 'Confident'"
    ):
        return True  # the glottal stop of Polynesian names: "Samuela ‘Akilisi Pohiva"
    if (
        tok.i > 0
        and ctx.doc[tok.i - 1].text in {"-", "‐"}
        and not ctx.doc[tok.i - 1].whitespace_
        and tok.is_alpha
        and tok.i > 1
        and (ctx.doc[tok.i - 2].text[:1].isupper() or ctx.doc[tok.i - 2].text.lower() in NAME_PARTICLES)
    ):
        return True
    if text == "." and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].is_title and after_initials(ctx.doc, tok.i + 1):
        return True  # "Meynardo LB. Montealegre": the period of initials the tokenizer split off
    if tok.is_space or tok.is_punct:
        return False
    if text.lower() in NAME_SUFFIXES:
        return True
    if text.lower() in NAME_PARTICLES and tok.i + 1 < len(ctx.doc):
        after = ctx.doc[tok.i + 1]
        if after.text[:1].isupper():
            return True
        if after.text in NAME_PARTICLES and tok.i + 2 < len(ctx.doc) and ctx.doc[tok.i + 2].text[:1].isupper():
            return True  # "von der Leyen", "van der Berg"
    if text.lower() in NAME_PARTICLES and not tok.whitespace_ and _hyphen_then_capital(ctx, tok.i + 1):
        return True  # "al-Sudani", "el-Sisi": a particle joined by a hyphen to the name it leads
    if (
        _MONTH_ABBREVIATION.fullmatch(text)
        and tok.i + 1 < len(ctx.doc)
        and re.fullmatch(r"[1-9]|[12]\d|3[01]|(?:1[89]|20)\d\d", ctx.doc[tok.i + 1].text)
    ):
        return False  # "Ben Wallace Oct. 23", "President X May 16": a date after the name, no part of it
    if not text[:1].isupper() or (text.isupper() and len(text) > 3 and not text.endswith(".")):
        return _family_name_in_capitals(ctx, tok)
    if re.fullmatch(r"[A-Z]\.", text):  # an initial
        return True
    if ctx.is_rank(text) and not (text.isalpha() and tok.i > 0 and _family_name_in_capitals(ctx, ctx.doc[tok.i - 1])):
        # but "NAKATANI Gen": a given name after a family name in capitals, however like a rank; and
        # "Hassan Sheikh Mohamud": an honorific between a given name and the next is part of the name
        return _honorific_inside_name(ctx, tok)
    if text.lower() in title_vocab(ctx.gaz):
        return False
    if tok.pos_ in {"PROPN", "NOUN", "ADJ", "VERB", "X", "NUM"}:
        return not tok.like_num
    # A given name that is also a word of another kind ("Will", "May") is tagged as that word, but the tagger
    # still puts it in the person's name or makes it part of the name after it.
    return tok.is_alpha and (tok.ent_type_ == "PERSON" or (tok.dep_ == "compound" and tok.head.pos_ == "PROPN"))


def _honorific_inside_name(ctx: Context, tok: Token) -> bool:
    """Whether an honorific word stands between two words of one name: "Hassan Sheikh Mohamud"."""
    doc = ctx.doc
    if not (tok.is_alpha and ctx.gaz.is_honorific(tok.text)) or tok.i == 0 or tok.i + 1 >= len(doc):
        return False
    before, after = doc[tok.i - 1], doc[tok.i + 1]
    return (
        before.is_alpha
        and before.text[:1].isupper()
        and not ctx.is_rank(before.text)
        and before.lower_ not in title_vocab(ctx.gaz)
        and before.ent_type_ == "PERSON"
        and after.is_alpha
        and after.text[:1].isupper()
        and not ctx.is_rank(after.text)
    )


# The abbreviated months of news copy, with their period: "Oct.", "Sept.".
# A month before a day's number ("Oct. 23", "May 16"), however like a name ("Theresa May", "June Smith").
_MONTH_ABBREVIATION = re.compile(
    r"(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.|January|February|March|April|May|June|July|August|September|"
    r"October|November|December"
)


def _hyphen_then_capital(ctx: Context, i: int) -> bool:
    """Whether token ``i`` is a hyphen glued to a capitalized word after it: the "-S" of "al-Sudani"."""
    doc = ctx.doc
    return (
        i + 1 < len(doc)
        and doc[i].text in {"-", "‐"}
        and not doc[i].whitespace_
        and doc[i + 1].text[:1].isupper()
        and doc[i + 1].is_alpha
    )


def _family_name_in_capitals(ctx: Context, tok: Token) -> bool:
    """ "KAMIKAWA Yoko", "Defense Minister NAKATANI Gen": a family name written in capitals beside a given
    name written as a name is, as Japanese and other governments write names; not an acronym ("NATO", "ASEAN")
    nor a line in capitals ("RICHARD MARLES, DEPUTY PRIME MINISTER:")."""
    if not (tok.is_alpha and tok.text.isupper()) or in_term(ctx, tok):
        return False
    neighbours = [ctx.doc[k] for k in (tok.i - 1, tok.i + 1) if 0 <= k < len(ctx.doc)]
    # The given name may look like a rank ("Gen") but has no period.
    return any(
        n.is_alpha and n.text[:1].isupper() and not n.text.isupper() and n.text.lower() not in title_vocab(ctx.gaz)
        and not (ctx.is_rank(n.text) and n.i < tok.i)
        for n in neighbours
    )  # fmt: skip


def in_term(ctx: Context, tok: Token) -> bool:
    """Whether a token is part of a nation, office or organization the gazetteer knows."""
    return any(covering(tok) for covering in (ctx.nation_covering, ctx.office_covering, ctx.org_covering))


def abbreviation_in_brackets(ctx: Context, i: int) -> bool:
    """Whether tokens ``i`` to ``i + 2`` are an abbreviation in brackets: "(EAM)", "(CJCS)"."""
    doc = ctx.doc
    return (
        i >= 0
        and i + 2 < len(doc)
        and doc[i].text == "("
        and doc[i + 2].text == ")"
        and doc[i + 1].text.isupper()
        and doc[i + 1].is_alpha
    )


def name_tokens_after(ctx: Context, i: int) -> tuple[int, int] | None:
    """The token range of a name starting at token ``i`` (after titles, their abbreviation and ranks), or
    None."""
    doc = ctx.doc
    if abbreviation_in_brackets(ctx, i):
        i += 3
    while i < len(doc) and (ctx.is_rank(doc[i].text) or doc[i].text in {".", "then", "-"}):
        i += 1
    j = i
    while j < len(doc) and "\n" not in doc[j - 1].whitespace_:
        if j > i and (nickname := _nickname_end(ctx, j)):
            j = nickname  # "Michael “Erik” Kurilla": a nickname in quotes between the names
            continue
        if not is_name_token(ctx, doc[j]):
            break
        if j > i and doc[j - 1].text == "," and doc[j].text.lower() not in NAME_SUFFIXES:
            break
        j += 1
        if "(" in doc[j - 1].text[1:]:
            break  # "Osmani(link is external)": a bracket glued to the name ends it
    # "Brown Jr." arrives as Brown + Jr. (suffix) and "Marcos Jr." likewise; never end on a particle.
    while j > i and doc[j - 1].text.lower() in NAME_PARTICLES:
        j -= 1
    if j == i:
        return None
    return i, j


_OPENING_QUOTES = {"“": "”", '"': '"', "‘": "’", "'": "'"}


def _nickname_end(ctx: Context, j: int) -> int | None:
    """Where the name goes on after a nickname in quotes at token ``j``, between a given name and a family
    name: "Michael “Erik” Kurilla"; None where none stands there."""
    doc = ctx.doc
    closing = _OPENING_QUOTES.get(doc[j].text)
    if closing is None or doc[j].whitespace_:
        return None
    for k in range(j + 1, min(j + 4, len(doc) - 1)):
        if doc[k].text == closing:
            words = doc[j + 1 : k]
            named = all(t.text[:1].isupper() and t.is_alpha for t in words)
            return k + 1 if words and named and is_name_token(ctx, doc[k + 1]) else None
    return None


def name_text(ctx: Context, s: int, e: int) -> str:
    """The name written at tokens ``s`` to ``e``, without a nickname in quotes ("Michael “Erik” Kurilla") or a
    bracket glued to its end ("Osmani(link")."""
    words = []
    k = s
    while k < e:
        if k > s and (after := _nickname_end(ctx, k)) and after <= e:
            k = after
            continue
        words.append(ctx.doc[k])
        k += 1
    text = "".join(t.text + t.whitespace_ for t in words).strip()
    return re.sub(r"(?<=\w)\(.*$", "", text)


def short_form_of(names: Iterable[str]) -> dict[str, str]:
    """The given names that common short forms stand for in a text naming ``names`` in full: "Dan" -> "Daniel"
    when one person alone among them has a given name "Dan" is short for ("Daniel Pryor"), and no one is named
    "Dan" in full (kg/data/short_names.tsv)."""
    full = [n.split() for n in names if len(n.split()) >= 2]
    words = {w for n in full for w in n}
    out = {}
    for short, givens in short_forms().items():
        holders = {(n[0], n[-1]) for n in full if n[0] in givens}
        if short not in words and len(holders) == 1:
            out[short] = next(iter(holders))[0]
    return out


@cache
def title_vocab(gaz: Gazetteer) -> frozenset[str]:
    """Every word of every office title ("minister", "secretary", "defense"): such words are no names."""
    words = {w for term in gaz.office_terms() for w in term.lower().split() if w not in TITLE_CONNECTORS}
    return frozenset(words - GIVEN_NAME_TITLES)
