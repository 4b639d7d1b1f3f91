"""The RDF namespaces kg writes, with the kg ontology (``ontology/kg.ttl``) as a closed ``DefinedNamespace``.

``KG`` declares exactly the terms of the ontology, so ``KG.Meting`` raises ``AttributeError`` instead of
minting a new IRI; ``tests/test_ontology.py`` checks that the two stay the same.

>>> KG.Official
rdflib.term.URIRef('https://w3id.org/kg/ontology#Official')
>>> KGR["nation/USA"]
rdflib.term.URIRef('https://w3id.org/kg/id/nation/USA')
"""

from __future__ import annotations

import hashlib

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDFS, SDO, SKOS, TIME, XSD, DefinedNamespace, Namespace


class KG(DefinedNamespace):
    """The kg ontology: ``https://w3id.org/kg/ontology#``."""

    _NS = Namespace("https://w3id.org/kg/ontology#")
    _fail = True

    # Classes
    Official: URIRef  # a person acting for a nation or organization (schema:Person, prov:Agent)
    Nation: URIRef  # a sovereign state, identified by its ISO 3166-1 alpha-3 code (schema:Country)
    Place: URIRef  # a named location below the level of a nation (schema:Place)
    PlaceKind: URIRef  # the kind of a place; its individuals are listed below (skos:Concept)
    Treaty: URIRef  # a written agreement between nations (schema:Legislation)
    Office: URIRef  # a position an official can hold, e.g. U.S. Secretary of Defense (org:Post)
    Encounter: URIRef  # any exchange between officials (sem:Event, schema:Event)
    Meeting: URIRef  # an in-person meeting that happened
    PhoneCall: URIRef  # officials spoke by telephone
    VideoCall: URIRef  # officials spoke by video conference
    PlannedMeeting: URIRef  # a meeting announced or intended, not yet held
    NegatedMeeting: URIRef  # a meeting the article says did not take place
    Article: URIRef  # a news article kg read (schema:NewsArticle, prov:Entity, nif:Context)

    # Properties of any entity
    name: URIRef  # the one canonical name (functional; schema:name, rdfs:label)
    alias: URIRef  # another name as the article writes it (skos:altLabel)
    nameKey: URIRef  # the lookup key of a name or alias: "jim mattis" (see kg.keys)
    mentionedIn: URIRef  # any entity -> a nif:Sentence it is stated in (provenance level "sentences")

    # Officials and offices
    title: URIRef  # Official -> the office as stated, e.g. "Defense Secretary" (schema:jobTitle)
    holdsOffice: URIRef  # Official -> Office (org:holds)
    officeOf: URIRef  # Office -> Nation (org:postIn)
    serves: URIRef  # Official -> Nation (schema:affiliation)

    # Nations
    iso3: URIRef  # Nation -> ISO 3166-1 alpha-3 code, "USA"
    iso2: URIRef  # Nation -> ISO 3166-1 alpha-2 code, "US"
    isoNumeric: URIRef  # Nation -> ISO 3166-1 numeric code as a string, "840"

    # Places
    country: URIRef  # Place -> Nation (schema:containedInPlace)
    placeKind: URIRef  # Place -> PlaceKind

    # Treaties
    party: URIRef  # Treaty -> Nation

    # Encounters
    participant: URIRef  # Encounter -> Official (sem:hasActor)
    place: URIRef  # Encounter -> Place (sem:hasPlace)
    discusses: URIRef  # Encounter -> Treaty taken up (dcterms:subject)
    date: URIRef  # Encounter -> xsd:date (functional; sem:hasTimeStamp)
    cameoCode: URIRef  # Encounter -> CAMEO event code as a string, "040"
    provision: URIRef  # Treaty -> an article of it the text cites, "Article 5"

    # Articles and provenance
    published: URIRef  # Article -> xsd:date (schema:datePublished)
    source: URIRef  # Article -> where a store's article was read from: URL or file path (dcterms:source)
    confidence: URIRef  # rdf:Statement -> xsd:decimal in [0, 1]

    # Place kinds (individuals of PlaceKind)
    City: URIRef  # a city or town
    Region: URIRef  # a region, province or state
    Island: URIRef  # an island or reef
    Base: URIRef  # a military installation
    Building: URIRef  # a building or compound: ministry, palace, embassy, hotel
    BodyOfWater: URIRef  # a sea, strait or gulf


KGR = Namespace("https://w3id.org/kg/id/")
"""The resources kg mints: ``kgr:official/<slug>``, ``kgr:nation/<ISO3>``... (see docs/design.md)."""

NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
"""NLP Interchange Format core: articles are ``nif:Context``, sentences ``nif:Sentence``."""

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
"""Simple Event Model, which kg's encounters specialize."""

PREFIXES: dict[str, Namespace] = {
    "kg": KG._NS,
    "kgr": KGR,
    "nif": NIF,
    "prov": PROV._NS,
    "schema": SDO._NS,
    "skos": SKOS._NS,
    "org": ORG._NS,
    "time": TIME._NS,
    "sem": SEM,
    "xsd": XSD._NS,
    "rdfs": RDFS._NS,
    "owl": OWL._NS,
    "dcterms": DCTERMS._NS,
}
"""The prefixes kg binds on the graphs it writes, also usable as ``initNs`` for SPARQL queries."""


def bind_prefixes(graph: Graph) -> Graph:
    """Bind kg's prefixes (see ``PREFIXES``) on ``graph``, replacing other bindings of the same prefix.

    Returns ``graph`` so that ``bind_prefixes(Graph())`` reads naturally.

    >>> g = bind_prefixes(Graph())
    >>> g.qname(KG.Meeting)
    'kg:Meeting'
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def article_iri(text: str) -> URIRef:
    """The IRI of the article whose cleaned text is ``text``: the same text, the same IRI.

    >>> article_iri("Defense Secretary Jim Mattis met ...")
    rdflib.term.URIRef('https://w3id.org/kg/id/article/a19fe3a12c028f5a')
    """
    return KGR[f"article/{hashlib.sha1(text.encode()).hexdigest()[:16]}"]
