"""Emit stage: write resolved entities and facts as RDF, each fact traceable to its sentence.

Every fact ``s p o`` is written as the triple itself and as an ``rdf:Statement`` carrying ``kg:confidence``
and ``prov:wasDerivedFrom`` the ``nif:Sentence`` it came from (character offsets into the article, RFC 5147
IRIs as NIF uses them). IRIs are minted from names and codes, so building twice gives the same graph.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

from rdflib import OWL, PROV, RDF, XSD, Graph, Literal, URIRef

from kg.namespace import KG, KGR, NIF, bind_prefixes
from kg.resolve import Fact, Ref, Resolved

ENCOUNTER_KINDS = {"Meeting", "PhoneCall", "VideoCall", "PlannedMeeting", "NegatedMeeting"}


def article_iri(text: str) -> URIRef:
    return KGR[f"article/{hashlib.sha1(text.encode()).hexdigest()[:16]}"]


def emit(resolved: Resolved, *, min_confidence: float = 0.0) -> Graph:
    """The RDF graph of one resolved article; facts below ``min_confidence`` are left out."""
    graph = bind_prefixes(Graph())
    article = resolved.article
    doc = article_iri(article.text)
    graph.add((doc, RDF.type, KG.Article))
    graph.add((doc, RDF.type, NIF.Context))
    graph.add((doc, NIF.isString, Literal(article.text)))
    if article.published:
        graph.add((doc, KG.published, Literal(article.published, datatype=XSD.date)))
    if article.title:
        graph.add((doc, KG.name, Literal(article.title)))

    facts = [f for f in resolved.facts if f.confidence >= min_confidence]
    # An entity whose every fact fell below the threshold is left out, and so are the facts pointing to it.
    kept_subjects = {f.subject for f in facts}
    facts = [f for f in facts if f.subject in kept_subjects and _target_kept(f, kept_subjects)]
    for key in sorted(kept_subjects):
        entity = resolved.entities[key]
        graph.add((KGR[key], RDF.type, KG[entity.kind]))
        if entity.kind in ENCOUNTER_KINDS:
            graph.add((KGR[key], RDF.type, KG.Encounter))
    for fact in facts:
        _add_fact(graph, resolved, doc, fact)
    return graph


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


def _add_fact(graph: Graph, resolved: Resolved, doc: URIRef, fact: Fact) -> None:
    subject = KGR[fact.subject]
    predicate = OWL.sameAs if fact.predicate == "sameAs" else KG[fact.predicate]
    obj = _object(fact)
    graph.add((subject, predicate, obj))
    if fact.sentence is None:
        return
    # One statement per article and triple: merged with another article's graph, each keeps its own confidence.
    statement = KGR[f"statement/{hashlib.sha1(f'{doc} {subject} {predicate} {obj.n3()}'.encode()).hexdigest()[:16]}"]
    sentence = resolved.sentences[fact.sentence]
    sentence_iri = URIRef(f"{doc}#char={sentence.start},{sentence.end}")
    previous = graph.value(statement, KG.confidence)
    if previous is None or Decimal(str(previous)) < Decimal(str(fact.confidence)):
        graph.set((statement, KG.confidence, Literal(Decimal(str(fact.confidence)), datatype=XSD.decimal)))
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, subject))
    graph.add((statement, RDF.predicate, predicate))
    graph.add((statement, RDF.object, obj))
    graph.add((statement, PROV.wasDerivedFrom, sentence_iri))
    if (sentence_iri, RDF.type, NIF.Sentence) not in graph:
        graph.add((sentence_iri, RDF.type, NIF.Sentence))
        graph.add((sentence_iri, NIF.beginIndex, Literal(sentence.start, datatype=XSD.nonNegativeInteger)))
        graph.add((sentence_iri, NIF.endIndex, Literal(sentence.end, datatype=XSD.nonNegativeInteger)))
        graph.add((sentence_iri, NIF.anchorOf, Literal(sentence.text)))
        graph.add((sentence_iri, NIF.referenceContext, doc))
