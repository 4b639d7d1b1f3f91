"""The lookup key of a name: the form in which named queries find an entity by name.

Beside each ``kg:name`` and ``kg:alias`` an article graph states the name's key (``kg:nameKey``), and a named
query normalizes its name parameter the same way (``# param: name (key)``, see :mod:`kg.query`) and binds it
as an exact literal. A store finds an exact literal through its index, whatever its size; comparing
``LCASE(?name)`` with the parameter would read every name it holds. Cross-article resolution compares names
of treaties and places in this form too (:mod:`kg.link.entities`).

>>> lookup_key("Jean-Yves Le Drian"), lookup_key("  LE DRIAN, jean-yves "), lookup_key("Đỗ Văn Tuấn")
('jean yves le drian', 'le drian jean yves', 'do van tuan')
>>> lookup_key("U.S."), lookup_key("US"), lookup_key("O’Brien")
('us', 'us', 'obrien')
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.namespace import KG

__all__ = ["add_keys", "key_triples", "lookup_key"]

_JOINERS = re.compile(r"[.'`]")  # dropped inside words: "U.S." is "us", "O'Brien" is "obrien"
_WORDS = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=65536)
def lookup_key(text: str) -> str:
    """``text`` written in ASCII (anyascii), case-folded, without diacritics or punctuation, its words joined
    by single spaces."""
    return " ".join(_WORDS.findall(_JOINERS.sub("", anyascii(text).lower())))


def key_triples(subject: Node, name: str) -> list[tuple[Node, URIRef, Literal]]:
    """The ``kg:nameKey`` triple of ``subject`` for its name or alias ``name``: none when the name has no
    letter or digit to make a key of.

    >>> key_triples(URIRef("http://ex/a"), "—")
    []
    """
    key = lookup_key(name)
    return [(subject, KG.nameKey, Literal(key))] if key else []


def add_keys(graph: Graph) -> Graph:
    """Add to ``graph`` the lookup key of each ``kg:name`` and ``kg:alias`` it states, as ``kg build`` writes
    them, and return it: for a graph made by hand, or by a kg older than the keys.

    >>> from rdflib import Literal, URIRef
    >>> from kg.namespace import KG
    >>> g = add_keys(Graph().add((URIRef("http://ex/fr"), KG.name, Literal("Côte d'Ivoire"))))
    >>> sorted(str(o) for o in g.objects(None, KG.nameKey))
    ['cote divoire']
    """
    for subject, _, name in [*graph.triples((None, KG.name, None)), *graph.triples((None, KG.alias, None))]:
        for triple in key_triples(subject, str(name)):
            graph.add(triple)
    return graph
