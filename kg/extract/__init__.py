"""Extract stage: find the officials, nations, places, treaties and encounters an article mentions.

spaCy gives sentences, parts of speech and named entities; rules over them and the gazetteer's general
knowledge (nations, offices, places, treaties) give the mentions. Every mention keeps its character offsets
and sentence, so that each fact kg writes can be traced to the sentence it came from.

Each family of rules is a module of plain functions over one shared :class:`~kg.extract.context.Context`
(the parsed article, the gazetteer, and where the gazetteer's nations, offices and organizations lie in
the text): :mod:`~kg.extract.people` (names, offices, titles, roles), with :mod:`~kg.extract.names` (which
tokens make a name), :mod:`~kg.extract.titles` (the office, rank and nation around a name) and
:mod:`~kg.extract.transcripts` (the speakers transcripts and releases name in lines of their own) under it,
:mod:`~kg.extract.nations`, :mod:`~kg.extract.places`, :mod:`~kg.extract.treaties`,
:mod:`~kg.extract.encounters` (with :mod:`~kg.extract.structure`, who met whom by the parse's
``DependencyMatcher``, and :mod:`~kg.extract.speakers`, who "I" is in a transcript) and
:mod:`~kg.extract.dates`. Later families read what earlier ones found: places leave out the names of people
and treaties, nations those of places, and encounters gather the people and places of each sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.context import Context
from kg.extract.encounters import find_encounters
from kg.extract.nations import find_nations, publisher_nations
from kg.extract.people import find_people
from kg.extract.places import find_places
from kg.extract.treaties import find_treaties
from kg.gazetteer import gazetteer
from kg.model import Article, Extraction
from kg.nlp import parse

__all__ = ["Context", "extract"]


def extract(article: Article, doc: Doc | None = None) -> Extraction:
    """Run spaCy and the rules over an article and return every mention found.

    ``doc`` is the article's text already run through :func:`kg.nlp.parse` (parsing many articles in one
    call is faster than one call each); without it, the text is parsed here.
    """
    if doc is None:
        doc = next(parse([article.text]))
    ctx = Context(article, doc, gazetteer())
    people = find_people(ctx)
    treaties = find_treaties(ctx)
    places = find_places(ctx, people, treaties)
    nations = find_nations(ctx, places)
    encounters = find_encounters(ctx, people, places)
    return Extraction(
        article=article,
        sentences=ctx.sentences,
        people=tuple(people),
        nations=tuple(nations),
        places=tuple(places),
        treaties=tuple(treaties),
        encounters=tuple(encounters),
        publisher_nations=publisher_nations(ctx),
    )
