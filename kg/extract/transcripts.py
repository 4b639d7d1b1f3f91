"""Transcripts and releases: the people they name in lines of their own, read whole rather than by the tagger.

A transcript labels its speakers in capitals at the start of a line: the part of the label that is an office is
the title, the other the name ("JANE ROE, DEPUTY PRIME MINISTER:", "MINISTER FOR DEFENCE OF NORWAY, LARS
HOLM:"), or one part holds an office or a courtesy title before a name ("SECRETARY ROE:", "MS ROE:"). A release
names its minister on a line of its own with the offices held on the lines after it ("The Hon Jane Roe MP" /
"Deputy Prime Minister" / "Minister for Defence"); a briefer's name above an office ("Jane Roe" / "Department
Spokesperson") is a person's when the transcript's labels name them.
"""

from __future__ import annotations

import re

from kg.extract.context import Context
from kg.extract.names import POST_NOMINALS, title_vocab
from kg.model import PersonMention

__all__ = ["COURTESY_LABEL", "contact_blocks", "speaker_labels"]

_LINE = re.compile(r"[^\n]+")
# A speaker's label in capitals at the start of a transcript's line: "JANE ROE, DEPUTY PRIME MINISTER:", "MINISTER
# FOR DEFENCE OF NORWAY, LARS HOLM:", "SECRETARY DOE:", "MS ROE:", perhaps with a note in brackets before the colon:
# "JANE ROE, DEFENCE MINISTER (via interpreter):"; or led by a courtesy title and a family name in capitals, as
# Japan's ministry writes them: "Ms. KAMIKAWA Yoko, Minister for Foreign Affairs:".
COURTESY_LABEL = re.compile(r"(?:Mr|Ms|Mrs|Dr)\.? [A-Z]{2,}\b")
_SPEAKER_LABEL = re.compile(
    r"^[ \t]*(?P<label>[A-Z][A-Z'’.\- ]*(?:,[ ]*[A-Z][A-Z'’.\- ]*)?"
    rf"|{COURTESY_LABEL.pattern}[\w'’.\- ]*(?:,[ ]*[A-Z][\w'’.\- ]*)?)(?:[ \t]*\([^()\n]{{1,40}}\))?:",
    re.MULTILINE,
)
# Letters after which a name in capitals goes on in capitals ("O'Neil", "Kosiniak-Kamysz").
_WORD_START = re.compile(r"(?:^|(?<=[\s'’\-.]))[a-z]")
_CONNECTOR_WORDS = re.compile(r"\b(Of|For|The|And|On|In|To)\b")


def _title_case(text: str, *, title: bool = False) -> str:
    """A name or title written in capitals as it is written elsewhere: "NG ENG HEN" -> "Ng Eng Hen"; in a title,
    connectors stay in lower case ("Minister for Defence of Norway")."""
    cased = _WORD_START.sub(lambda m: m.group(0).upper(), " ".join(text.lower().split()))
    if title:
        cased = cased[:1] + _CONNECTOR_WORDS.sub(lambda m: m.group(0).lower(), cased[1:])
    return cased


def _is_person_name(ctx: Context, words: list[str], *, titled: bool = False) -> bool:
    """Whether words (as a name is written, not in capitals) may be a person's name: one to four words, none
    a title word, nor together a nation, organization or (unless a title stands before them) a place."""
    text = " ".join(words)
    return (
        1 <= len(words) <= 4
        and all(re.fullmatch(r"[A-Z][a-z'’]*(?:-[A-Za-z][a-z'’]*)*\.?", w) for w in words)
        and not any(w.lower().strip(".") in title_vocab(ctx.gaz) for w in words)
        and not (ctx.gaz.nation(text) or ctx.gaz.organization(text) or (not titled and ctx.gaz.places(text)))
    )


def _labelled_person(
    ctx: Context,
    start: int,
    end: int,
    name: str,
    titles: list[str],
    confidence: float = 0.85,
    nation: str | None = None,
) -> PersonMention:
    """A person named at characters ``start`` to ``end`` with the offices a label or a release gives."""
    title = " and ".join(titles) or None
    office = ctx.gaz.office(titles[0]) if titles else None
    return PersonMention(
        name=name,
        start=start,
        end=end,
        sentence=ctx.sentence_at(start),
        title=title,
        office=office.canonical if office else None,
        nation=nation or (office.nation if office else None),
        international=office.international if office and not nation else False,
        confidence=confidence if title else confidence - 0.1,
    )


def _nation_before_office(ctx: Context, cased: str) -> tuple[str, re.Match[str]] | None:
    """A nation's name, demonym or possessive before an office in a label ("Singapore Minister For Defence",
    "Japan’s Minister Of Defense"), as (the nation,
    the office's match in ``cased``)."""
    words = cased.split()
    for n in range(1, min(4, len(words))):
        # "JAPAN’S MINISTER OF DEFENSE": the nation's possessive is no part of its name.
        nation = ctx.gaz.nation(re.sub(r"['’][sS]?$", "", " ".join(words[:n])))
        at = len(" ".join(words[:n])) + 1
        if nation is not None and (office := ctx.terms("office").match(cased, at)):
            return nation, office
    return None


def _office_then_name(ctx: Context, words: list[str]) -> tuple[str, str | None, str] | None:
    """A label of one part that is an office, perhaps with a modifier or a nation before it, then a name
    ("Acting Secretary Of Defense Jane Roe", "Norway Minister Of Defence Jane Roe"), as (the title without
    the nation, the nation, the name)."""
    for split in range(len(words) - 1, 0, -1):
        office = ctx.gaz.office(" ".join(words[:split]))
        if office is None or not _is_person_name(ctx, words[split:], titled=True):
            continue
        before = _nation_before_office(ctx, " ".join(words[:split]))
        title = " ".join(words[:split])[before[1].start() :] if before else " ".join(words[:split])
        return _title_case(title, title=True), office.nation, " ".join(words[split:])
    return None


def speaker_labels(ctx: Context) -> list[tuple[PersonMention, tuple[int, int]]]:
    """The speakers of a transcript, labelled in capitals: a part of the label that is an office is the title,
    the other the name ("DEPUTY PRIME MINISTER, JANE ROE:", "JANE ROE, SINGAPORE MINISTER FOR DEFENCE:"); in one
    part, an office or a courtesy title before a name ("SECRETARY ROE:", "MS ROE:"), or a name alone that the
    transcript gives elsewhere too ("JANE ROE:" after "JANE ROE, DEPUTY PRIME MINISTER:" or "Jane Roe said")."""
    out = []
    bare: list[tuple[tuple[int, int, str], tuple[int, int]]] = []
    for m in _SPEAKER_LABEL.finditer(ctx.text):
        name: tuple[int, int, str] | None = None
        title: str | None = None
        nation: str | None = None
        parts = [(p.start() + m.start("label"), p.group(0)) for p in re.finditer(r"[^,]+", m.group("label"))]
        for at, part in parts:
            lead = len(part) - len(part.lstrip())
            at, part = at + lead, part.strip()
            cased = _title_case(part)
            office = ctx.terms("office").match(cased)
            if office is None and len(parts) == 2 and (before := _nation_before_office(ctx, cased)):
                nation, office = before
                if cased[office.end() :].strip():
                    continue
                title = _title_case(part[office.start() :], title=True)
                continue
            if office:
                rest = cased[office.end() :].strip()
                of_nation = re.fullmatch(r"(?:of|for)\s+(?:the\s+)?(.+)", rest, re.IGNORECASE)
                if not rest or (of_nation and ctx.gaz.nation(of_nation.group(1))):
                    title = _title_case(part, title=True)
                    continue
                if len(parts) == 1 and _is_person_name(ctx, rest.split(), titled=True):
                    title = _title_case(part[: office.end()], title=True)
                    name = (at + len(part) - len(rest), at + len(part), rest)
                continue
            words = cased.split()
            if len(parts) == 1 and (found := _office_then_name(ctx, words)):
                # "ACTING SECRETARY OF DEFENSE JANE ROE:", "NORWAY MINISTER OF DEFENCE JANE ROE:"
                title, nation, given = found
                name = (at + len(part) - len(given), at + len(part), given)
                continue
            honorifics = ctx.gaz.rank_prefix(words)
            if (len(parts) == 2 or honorifics) and _is_person_name(ctx, words[honorifics:], titled=True):
                given = " ".join(words[honorifics:])
                name = (at + len(part) - len(given), at + len(part), given)
            elif len(parts) == 1 and len(words) >= 2 and _is_person_name(ctx, words):
                bare.append(((at, at + len(part), cased), m.span("label")))
        if name is not None and (title is not None or len(parts) == 1):
            out.append((_labelled_person(ctx, *name, [title] if title else [], nation=nation), m.span("label")))
    # A name alone is a speaker's when the transcript names the person elsewhere, in a label or in its text.
    named = {p.name for p, _ in out}
    for name, extent in bare:
        if name[2] in named or re.search(rf"\b{re.escape(name[2])}\b", ctx.text):
            out.append((_labelled_person(ctx, *name, []), extent))
    out.sort(key=lambda found: found[1])
    return out


def contact_blocks(ctx: Context, speakers: set[str]) -> list[tuple[PersonMention, tuple[int, int]]]:
    """The minister a release is from, on a line of its own with the offices held on the lines after it ("The
    Hon Jane Roe MP" / "Deputy Prime Minister" / "Minister for Defence"), or a briefer above the office
    ("Jane Roe" / "Department Spokesperson") whom the transcript's labels name (``speakers``: "MS ROE:")."""
    out = []
    lines = [(m.start(), m.group(0).strip()) for m in _LINE.finditer(ctx.text) if m.group(0).strip()]
    for k, (at, line) in enumerate(lines):
        offices = []
        for _, after in lines[k + 1 : k + 4]:
            if len(after.split()) > 8 or ctx.gaz.office(after) is None:
                break
            offices.append(after)
        if not offices:
            continue
        words = line.split()
        honorifics = ctx.gaz.rank_prefix(words)
        last = len(words)
        while last > honorifics and words[last - 1].strip(",") in POST_NOMINALS:
            last -= 1
        name = words[honorifics:last]
        if not _is_person_name(ctx, name):
            continue
        start = at + ctx.text[at:].index(name[0])
        end = start + len(" ".join(name))
        if ctx.text[start:end] != " ".join(name):
            continue
        marked = honorifics or last < len(words) or name[-1] in speakers
        if not (marked or any(e.label_ == "PERSON" for e in ctx.doc.ents if e.start_char <= start < e.end_char)):
            continue  # a name in a release's own words is marked as a member's or a speaker's, or one spaCy knows
        out.append((_labelled_person(ctx, start, end, " ".join(name), offices), (at, at + len(line))))
    return out
