"""Emit stage: write resolved entities and facts as RDF, each fact traceable to its sentence.

Every fact ``s p o`` is written as the triple itself and as an ``rdf:Statement`` carrying ``kg:confidence``
and ``prov:wasDerivedFrom`` the ``nif:Sentence`` it came from (character offsets into the article, RFC 5147
IRIs as NIF uses them). IRIs are minted from names and codes, so building twice gives the same graph.

At the provenance level ``sentences`` an entity is only ``kg:mentionedIn`` the sentences of its facts, and at
``none`` the facts stand alone, beside each article's title, date and address (see :mod:`kg.serialize`).
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

from rdflib import OWL, PROV, RDF, SDO, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from kg.keys import key_triples
from kg.namespace import KG, KGR, NIF, article_iri, bind_prefixes
from kg.resolve import Fact, Ref, Resolved
from kg.serialize import check_provenance

ENCOUNTER_KINDS = {"Meeting", "PhoneCall", "VideoCall", "PlannedMeeting", "NegatedMeeting"}


def emit(resolved: Resolved, *, min_confidence: float = 0.0, provenance: str = "full") -> Graph:
    """The RDF graph of one resolved article; facts below ``min_confidence`` are left out, and provenance is
    written at the level ``provenance`` (``full``, ``sentences`` or ``none``)."""
    graph = bind_prefixes(Graph())
    triples = emit_triples(resolved, min_confidence=min_confidence, provenance=provenance)
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


Triple = tuple[Node, Node, Node]


def emit_triples(resolved: Resolved, *, min_confidence: float = 0.0, provenance: str = "full") -> list[Triple]:
    """The triples of :func:`emit`'s graph, each once, without building the graph (what a store takes)."""
    check_provenance(provenance)
    article = resolved.article
    doc = article_iri(article.text)
    # Triples are gathered in a dict (an ordered set): a fact's statement and sentence triples repeat.
    triples: dict[Triple, None] = {(doc, RDF.type, KG.Article): None}
    if provenance != "none":  # the text, which the sentences' offsets refer to
        triples[(doc, RDF.type, NIF.Context)] = None
        triples[(doc, NIF.isString, Literal(article.text))] = None
    if article.published:
        triples[(doc, KG.published, Literal(article.published, datatype=XSD.date))] = None
    if article.title:
        triples[(doc, KG.name, Literal(article.title))] = None
        triples.update(dict.fromkeys(key_triples(doc, article.title)))
    if article.source and article.source.startswith(("http://", "https://")):
        triples[(doc, SDO.url, URIRef(article.source))] = None  # the page it was read from
    if article.site:
        triples[(doc, SDO.publisher, Literal(article.site))] = None

    facts = [f for f in resolved.facts if f.confidence >= min_confidence]
    # An entity whose every fact fell below the threshold is left out, and so are the facts pointing to it.
    kept_subjects = {f.subject for f in facts}
    facts = [f for f in facts if f.subject in kept_subjects and _target_kept(f, kept_subjects)]
    for key in sorted(kept_subjects):
        entity = resolved.entities[key]
        triples[(KGR[key], RDF.type, KG[entity.kind])] = None
        if entity.kind in ENCOUNTER_KINDS:
            triples[(KGR[key], RDF.type, KG.Encounter)] = None
    confidences: dict[URIRef, Decimal] = {}
    for fact in facts:
        _add_fact(triples, confidences, resolved, doc, fact, provenance)
    for statement, confidence in confidences.items():
        triples[(statement, KG.confidence, Literal(confidence, datatype=XSD.decimal))] = None
    return list(triples)


def _target_kept(fact: Fact, kept: set[str]) -> bool:
    if isinstance(fact.value, Ref) and not fact.value.key.startswith("kind/"):
        return fact.value.key in kept
    return True


def _object(fact: Fact) -> URIRef | Literal:
    value = fact.value
    if isinstance(value, Ref):
        if value.key.startswith("kind/"):
            return KG[value.key.split("/", 1)[1]]
        return KGR[value.key]
    if isinstance(value, date):
        return Literal(value, datatype=XSD.date)
    if fact.predicate == "sameAs":
        return URIRef(value)
    return Literal(value)


def _add_fact(
    triples: dict[Triple, None],
    confidences: dict[URIRef, Decimal],
    resolved: Resolved,
    doc: URIRef,
    fact: Fact,
    provenance: str,
) -> None:
    subject = KGR[fact.subject]
    predicate = OWL.sameAs if fact.predicate == "sameAs" else KG[fact.predicate]
    obj = _object(fact)
    triples[(subject, predicate, obj)] = None
    if predicate in (KG.name, KG.alias):  # its lookup key, which named queries find entities by (kg.keys)
        triples.update(dict.fromkeys(key_triples(subject, str(obj))))
    if fact.sentence is None or provenance == "none":
        return
    sentence = resolved.sentences[fact.sentence]
    sentence_iri = URIRef(f"{doc}#char={sentence.start},{sentence.end}")
    if provenance == "sentences":
        triples[(subject, KG.mentionedIn, sentence_iri)] = None
    else:
        # One statement per article and triple: merged with another article's graph, each keeps its confidence.
        text = f"{doc} {subject} {predicate} {obj.n3()}"
        statement = KGR[f"statement/{hashlib.sha1(text.encode()).hexdigest()[:16]}"]
        confidence = Decimal(str(fact.confidence))
        if confidences.get(statement, Decimal(-1)) < confidence:
            confidences[statement] = confidence
        for triple in (
            (statement, RDF.type, RDF.Statement),
            (statement, RDF.subject, subject),
            (statement, RDF.predicate, predicate),
            (statement, RDF.object, obj),
            (statement, PROV.wasDerivedFrom, sentence_iri),
        ):
            triples[triple] = None
    if (sentence_iri, RDF.type, NIF.Sentence) not in triples:
        triples[(sentence_iri, RDF.type, NIF.Sentence)] = None
        triples[(sentence_iri, NIF.beginIndex, Literal(sentence.start, datatype=XSD.nonNegativeInteger))] = None
        triples[(sentence_iri, NIF.endIndex, Literal(sentence.end, datatype=XSD.nonNegativeInteger))] = None
        triples[(sentence_iri, NIF.anchorOf, Literal(sentence.text))] = None
        triples[(sentence_iri, NIF.referenceContext, doc)] = None
