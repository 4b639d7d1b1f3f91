"""Check a graph against kg's SHACL shapes (``ontology/shapes.ttl``) with pySHACL."""

from __future__ import annotations

import pyshacl
import rdflib

from kg.resources import load_ontology, load_shapes

__all__ = ["validate"]


def validate(graph: rdflib.Graph) -> tuple[bool, rdflib.Graph, str]:
    """Validate ``graph`` against the shapes, with the ontology mixed in and RDFS inference.

    Returns ``(conforms, results_graph, results_text)`` as :func:`pyshacl.validate` does. ``graph`` itself is
    left unchanged: the inferred triples go to a copy.
    """
    conforms, results_graph, results_text = pyshacl.validate(
        graph,
        shacl_graph=load_shapes(),
        ont_graph=load_ontology(),
        inference="rdfs",
        abort_on_first=False,
    )
    return bool(conforms), results_graph, str(results_text)
