"""The shared context of the extract stage's rule families, built from a short text written for a test."""

from __future__ import annotations

import dataclasses
from datetime import date

from kg.extract import Context
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
