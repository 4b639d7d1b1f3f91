"""Who met whom, read from the parse: the sides of a verb of meeting, with spaCy's ``DependencyMatcher``.

"He called on President X and met Prime Minister Y" states two encounters, X with the subject and Y with the
subject; "X met with Y, Z and W" one, of four; "the meeting of X and Y" one, of two. The sides of a verb are its
subject (or, passive, the agent: "was hosted by X"), its direct object and the objects of its "with", "on" and
"between"; those of a noun of meeting, the objects of its "of" and "between". Conjuncts join a side ("Y, Z and
W"), and a verb joined to another ("called on X and met Y") shares its subject.

Also which clause a word hangs from: a purpose, a topic, a relative clause or a clause of time ("since X took
office") whose time, place or people are not the encounter's.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

if TYPE_CHECKING:
    from kg.extract.context import Context

__all__ = [
    "HOLDING_VERBS",
    "MEETING_VERBS",
    "OWN_CLAUSES",
    "RELATIVE_CLAUSES",
    "clause_off_the_line",
    "hangs_off",
    "in_clause_of_time",
    "phrase",
    "sides",
]

# Verbs whose sides are the people who met (in their written forms: kg runs spaCy without its lemmatizer).
MEETING_VERBS = [
    f"{stem}{ending}"
    for stem, endings in {
        "meet": ("", "s", "ing"),
        "met": ("",),
        "host": ("", "s", "ed", "ing"),
        "welcom": ("e", "es", "ed", "ing"),
        "receiv": ("e", "es", "ed", "ing"),
        "greet": ("", "s", "ed", "ing"),
        "call": ("ed", "s", "ing"),  # "called on", as a courtesy call
        "join": ("", "s", "ed", "ing"),
        "visit": ("", "s", "ed", "ing"),
        "sign": ("ed",),  # "signed with X"
        "hand": ("ed", "s", "ing"),  # "handed over the instrument of accession to X"
        "present": ("ed",),  # "presented her credentials to X"
    }.items()
    for ending in endings
]
# "had a meeting with X", "held talks with X": a verb of holding whose object is a meeting.
HOLDING_VERBS = ["had", "has", "have", "having", "held", "hold", "holds", "holding"]
MEETING_NOUNS = ["meeting", "meetings", "talks", "discussion", "discussions", "consultations", "dialogue", "audience"]
PREPOSITIONS = ["with", "on", "between", "by", "to"]
# Verbs whose "to" names the other side: "handed over X to Y", "presented her credentials to Y".
GIVING = ("hand", "present")
SUBJECTS = ["nsubj", "nsubjpass"]


def _edge(left: str, right: str, attrs: dict) -> dict:
    return {"LEFT_ID": left, "REL_OP": ">", "RIGHT_ID": right, "RIGHT_ATTRS": attrs}


@cache
def _matcher(vocab: Vocab) -> DependencyMatcher:
    verb = {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LOWER": {"IN": MEETING_VERBS}, "POS": {"IN": ["VERB", "AUX"]}}}
    preposition = {"DEP": {"IN": ["prep", "agent"]}, "LOWER": {"IN": PREPOSITIONS}}
    matcher = DependencyMatcher(vocab)
    holding = {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LOWER": {"IN": HOLDING_VERBS}}}
    meeting = {"DEP": "dobj", "LOWER": {"IN": MEETING_NOUNS}}
    pobj = {"DEP": "pobj"}
    matcher.add(
        "subject",
        [
            [verb, _edge("verb", "side", {"DEP": {"IN": SUBJECTS}})],
            [holding, _edge("verb", "noun", meeting), _edge("verb", "side", {"DEP": {"IN": SUBJECTS}})],
        ],
    )
    matcher.add(
        "object",
        [
            [holding, _edge("verb", "noun", meeting), _edge(held_by, "prep", preposition), _edge("prep", "side", pobj)]
            for held_by in ("verb", "noun")
        ],
    )
    # "the meeting of Prime Minister X and President Y", "talks between X and Y": a noun of meeting names its
    # sides after "of" or "between".
    noun = {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LOWER": {"IN": MEETING_NOUNS}, "POS": "NOUN"}}
    of = {"DEP": "prep", "LOWER": {"IN": ["of", "between"]}}
    matcher.add("object", [[noun, _edge("verb", "prep", of), _edge("prep", "side", pobj)]])
    matcher.add(
        "object",
        [
            [verb, _edge("verb", "side", {"DEP": "dobj"})],
            [verb, _edge("verb", "prep", preposition), _edge("prep", "side", {"DEP": "pobj"})],
        ],
    )
    return matcher


def sides(doc: Doc) -> dict[int, tuple[list[Token], list[Token]]]:
    """For each verb of meeting in ``doc`` (by token index): the heads of the phrases on its two sides
    (subjects; objects), conjuncts included. A verb joined to another that has no subject of its own takes
    that verb's subject."""
    found: dict[int, tuple[list[Token], list[Token]]] = {}
    for match_id, (verb_i, *rest) in _matcher(doc.vocab)(doc):
        verb, side = doc[verb_i], doc[rest[-1]]
        subjects, objects = found.setdefault(verb.i, ([], []))
        label = doc.vocab.strings[match_id]
        if label == "object" and len(rest) == 2 and doc[rest[0]].dep_ == "agent":
            label = "subject"  # "was hosted by X": X is the one who hosted
        taken = [side, *side.conjuncts]
        prep = doc[rest[-2]] if len(rest) >= 2 and doc[rest[-2]].dep_ in {"prep", "agent"} else None
        if prep is not None and prep.lower_ == "on" and not verb.lower_.startswith("call"):
            continue  # "met on Nov. 3", "held talks on trade": only "called on X" takes its object with "on"
        if prep is not None and prep.lower_ == "to" and not verb.lower_.startswith(GIVING):
            continue  # "welcomed X to Brussels": only what is handed over goes to someone
        if prep is not None:
            # "met with X and with Y": the second "with" hangs from the first
            taken += [c for other in prep.conjuncts for c in other.children if c.dep_ == "pobj"]
        (subjects if label == "subject" else objects).extend(taken)
    for i, (subjects, objects) in found.items():
        verb = doc[i]
        # "and later met Prime Minister X": a "subject" after its verb is the parser's slip for the object.
        after = [t for t in subjects if t.i > i and t.dep_ == "nsubj"]
        if after:
            subjects[:] = [t for t in subjects if t not in after]
            objects.extend(after)
        # "met with his counterpart, Gen. X": a name set off by a comma after the object, which the parser
        # hangs from the verb, is the object's appositive.
        objects.extend(
            c
            for c in verb.children
            if c.dep_ == "npadvmod"
            and c.pos_ == "PROPN"
            and c.i > i
            and doc[c.left_edge.i - 1].text == ","
            and any(o.i < c.i for o in objects)
        )
        if not subjects and verb.dep_ == "conj":
            shared = found[verb.head.i][0] if verb.head.i in found else []
            shared = shared or [c for c in verb.head.children if c.dep_ in SUBJECTS]
            subjects.extend(t for c in shared for t in (c, *c.conjuncts) if t not in subjects)
    return found


# Clauses inside a phrase tell of others: "X, who met Y last year," is X alone.
CLAUSES = {"relcl", "acl", "advcl", "ccomp", "conj", "cc"}


def phrase(head: Token) -> list[Token]:
    """The tokens of the noun phrase headed by ``head``, without the clauses and conjuncts hanging from it."""
    out = [head]
    for child in head.children:
        if child.dep_ not in CLAUSES:
            out.extend(phrase(child))
    return out


# A purpose, a topic, a relative clause: a time to come in one is not the meeting's ("met to discuss
# preparations for upcoming ministerials"); a time in a relative clause ("the plan of action agreed upon in
# October") is the plan's, not the meeting's.
OWN_CLAUSES = frozenset({"relcl", "acl", "advcl", "xcomp", "ccomp", "pcomp"})


RELATIVE_CLAUSES = frozenset({"relcl", "acl"})


_TIME_MARKS = frozenset({"since", "until", "before", "after", "once"})


def clause_off_the_line(token: Token, trigger: Token, clauses: frozenset[str], *, after: bool = False) -> Token | None:
    """The head of the clause of its own (a dependency label in ``clauses``) that ``token`` hangs from, if that
    clause neither holds the trigger word nor lies above it; ``after``: only a clause after the trigger word."""
    trigger_line = {trigger.i, *(t.i for t in trigger.ancestors)}
    for t in (token, *token.ancestors):
        if t.i in trigger_line:
            return None
        if t.dep_ in clauses and (not after or t.i > trigger.i):
            return t
    return None


def in_clause_of_time(ctx: Context, char: int, trigger_char: int) -> bool:
    """Whether the word at ``char`` is in a clause of time the trigger word is not in ("since X took office")."""
    span, trigger = ctx.span(char, char + 1), ctx.span(trigger_char, trigger_char + 1)
    if span is None or trigger is None:
        return False
    head = clause_off_the_line(span[0], trigger[0], frozenset({"advcl"}))
    return head is not None and any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in head.children)


def hangs_off(ctx: Context, char: int, trigger_char: int, clauses: frozenset[str], *, after: bool = False) -> bool:
    """Whether the word at ``char`` hangs from a clause of its own that does not hold the trigger word."""
    span, trigger = ctx.span(char, char + 1), ctx.span(trigger_char, trigger_char + 1)
    return (
        span is not None
        and trigger is not None
        and clause_off_the_line(span[0], trigger[0], clauses, after=after) is not None
    )
