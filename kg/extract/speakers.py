"""Speakers: who "I" is in a transcript or a statement. A turn opens with a line that names its speaker before a
colon ("RICHARD ROE, DEPUTY PRIME MINISTER:", "MS. DOE:", "Minister of State Jane Doe said:") and runs until the
next such line; a label with no person in it ("QUESTION:", "JOURNALIST:") opens a turn of no one's.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.extract.context import Context
from kg.extract.transcripts import COURTESY_LABEL
from kg.model import PersonMention
from kg.spans import SpanIndex

__all__ = ["FIRST_PERSON", "speaker_turns"]

# A label: up to 100 characters before a colon at a line's start, the whole line when it ends in "said:".
LABEL = re.compile(r"^[^\S\n]*(?P<label>[^\n:]{2,100}):", re.MULTILINE)
FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e)\b")


def speaker_turns(ctx: Context, people: list[PersonMention]) -> SpanIndex[tuple[int, int, int | None]]:
    """The turns of the text as ``(start, end, person)`` spans: ``person`` indexes ``people`` (None for a turn
    of no named speaker)."""
    starts = sorted((p.start, i) for i, p in enumerate(people) if p.name)
    opened: list[tuple[int, int | None]] = []
    for m in LABEL.finditer(ctx.text):
        label = m.group("label")
        rest = ctx.text[m.end() : ctx.text.find("\n", m.end()) % (len(ctx.text) + 1)]
        in_capitals = sum(c.isupper() for c in label) >= 0.6 * sum(c.isalpha() for c in label) > 0
        said = rest.strip() == "" and re.search(r"\b(?:said|says|stated|remarked)\s*$", label)
        if not (in_capitals or said or COURTESY_LABEL.match(label)):
            continue  # "Phone: 613 ...", "Subjects: ..."
        at = bisect_left(starts, (m.start("label"), -1))
        speaker = starts[at][1] if at < len(starts) and starts[at][0] < m.end("label") else None
        opened.append((m.start(), speaker))
    turns = [
        (start, opened[k + 1][0] if k + 1 < len(opened) else len(ctx.text), speaker)
        for k, (start, speaker) in enumerate(opened)
    ]
    return SpanIndex(turns)
