"""Entities and facts: what the resolve stage hands to emit.

An entity goes by its key, the local part of its IRI: its kind and its name made a readable segment by
:func:`slug` ("official/jim-mattis"), with a :func:`digest` of the name after it where two names share a slug.
A fact is one statement about an entity, with the sentence it came from and a confidence; :class:`Resolved`
gathers the entities and facts of one article as the modules of the stage add them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from kg.model import Article, Sentence

__all__ = ["Entity", "Fact", "Ref", "Resolved", "digest", "slug"]


@dataclass(frozen=True)
class Ref:
    """A reference to an entity by its key (the local part of its IRI, e.g. ``official/jim-mattis``)."""

    key: str


@dataclass(frozen=True)
class Fact:
    """One statement: ``subject predicate value``, from a sentence, with a confidence in [0, 1]."""

    subject: str
    predicate: str
    value: Ref | str | date
    sentence: int | None
    confidence: float


@dataclass
class Entity:
    kind: str
    key: str
    name: str


@dataclass
class Resolved:
    """The entities of one article and the facts about them."""

    article: Article
    sentences: tuple[Sentence, ...]
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)

    def entity(self, kind: str, key: str, name: str) -> str:
        self.entities.setdefault(key, Entity(kind, key, name))
        return key

    def named_entity(self, kind: str, key: str, name: str) -> str:
        """:meth:`entity` for a key made from ``name`` by :func:`slug`, which two names can share ("José Díaz"
        and "Jose Diaz", any two names in a script it drops): the entity of another name gets the key with a
        digest of its name, so that no IRI carries two names."""
        held = self.entities.get(key)
        if held is not None and held.name != name:
            key = f"{key}-{digest(name)}"
        return self.entity(kind, key, name)

    def fact(
        self, subject: str, predicate: str, value: Ref | str | date, sentence: int | None, confidence: float
    ) -> None:
        self.facts.append(Fact(subject, predicate, value, sentence, round(min(max(confidence, 0.0), 1.0), 2)))


def slug(text: str) -> str:
    """A readable, stable IRI segment: "Jim Mattis" -> "jim-mattis"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]
