"""The shared context of the extract stage's rule families, built from a short text written for a test."""

from __future__ import annotations

import dataclasses
from datetime import date

from kg.extract import Context
from kg.extract.encounters import find_encounters
from kg.extract.people import find_people
from kg.extract.places import find_places
from kg.extract.treaties import find_treaties
from kg.model import EncounterMention, PersonMention, PlaceMention
from kg.nlp import parse
from kg.read import read_text

PUBLISHED = date(2024, 5, 23)  # a Thursday


def context(text: str, published: date | None = PUBLISHED, source: str | None = None) -> Context:
    """The context the rule families read for ``text``, read as an article published on ``published`` (at the
    address ``source``, if given)."""
    article = read_text(text, published=published)
    if source is not None:
        article = dataclasses.replace(article, source=source)
    return Context(article, next(parse([article.text])))


def encounters_in(
    text: str, source: str | None = None
) -> tuple[Context, list[EncounterMention], list[PersonMention], list[PlaceMention]]:
    """The context of ``text`` and the encounters the rule families find in it, with its people and places."""
    ctx = context(text, source=source)
    people = find_people(ctx)
    places = find_places(ctx, people, find_treaties(ctx))
    return ctx, find_encounters(ctx, people, places), people, places
