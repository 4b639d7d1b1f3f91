"""The shared context of the extract stage's rule families, built from a short text written for a test."""

from __future__ import annotations

from datetime import date

from kg.extract import Context
from kg.nlp import parse
from kg.read import read_text

PUBLISHED = date(2024, 5, 23)  # a Thursday


def context(text: str, published: date | None = PUBLISHED) -> Context:
    """The context the rule families read for ``text``, read as an article published on ``published``."""
    article = read_text(text, published=published)
    return Context(article, next(parse([article.text])))
