"""Find the files that ship with kg: the ontology and shapes, the named SPARQL queries, and ``kg/data``.

The wheel force-includes the top-level ``ontology/`` and ``queries/`` folders as ``kg/ontology`` and
``kg/queries`` (see ``pyproject.toml``); in a source checkout or an editable install they sit beside ``kg/``.
Both layouts are looked up here so that no other module needs to know.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from rdflib import Graph


def _shipped(name: str) -> Traversable:
    packaged = files("kg") / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"kg's {name}/ folder is missing from {packaged} and {checkout}; reinstall kg")


def ontology_dir() -> Traversable:
    """The folder holding ``kg.ttl`` (the OWL ontology) and ``shapes.ttl`` (the SHACL shapes)."""
    return _shipped("ontology")


def queries_dir() -> Traversable:
    """The folder holding the named SPARQL queries (``<name>.rq``)."""
    return _shipped("queries")


def data_dir() -> Traversable:
    """The folder ``kg/data`` holding the gazetteer's own tables (inside the package in every layout)."""
    return files("kg") / "data"


@cache
def load_ontology() -> Graph:
    """The kg ontology, parsed once. Shared between callers: copy it before adding triples."""
    return _parse(ontology_dir() / "kg.ttl")


@cache
def load_shapes() -> Graph:
    """kg's SHACL shapes, parsed once. Shared between callers: copy it before adding triples."""
    return _parse(ontology_dir() / "shapes.ttl")


def _parse(resource: Traversable) -> Graph:
    # Read the text rather than pass a path: inside a zipped install the resource is not a file.
    return Graph().parse(data=resource.read_text(encoding="utf-8"), format="turtle")
