"""The ontology, the SHACL shapes and the Python namespace agree with each other and with docs/design.md."""

from __future__ import annotations

from typing import Any

import pyshacl
import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDFS, SH, SKOS

from kg.namespace import KG, bind_prefixes
from kg.resources import load_ontology, load_shapes, ontology_dir

KG_NS = str(KG._NS)
TERMS = {KG._NS[name] for name in KG.__annotations__}
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}


def kg_iris(graph: Graph) -> set[URIRef]:
    """Every kg: IRI the graph mentions, in any position."""
    nodes = {node for triple in graph for node in triple}
    return {node for node in nodes if isinstance(node, URIRef) and node.startswith(KG_NS)}


# --- the ontology and the namespace -------------------------------------------------------------------


def test_ontology_files_are_found():
    assert ontology_dir().joinpath("kg.ttl").is_file()
    assert ontology_dir().joinpath("shapes.ttl").is_file()
    assert load_ontology() is load_ontology()


def test_ontology_header():
    ontology = load_ontology()
    header = URIRef("https://w3id.org/kg/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, OWL.versionInfo) == Literal("0.1.0")
    for predicate in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert ontology.value(header, predicate) is not None, predicate


def test_namespace_declares_exactly_the_ontology_terms():
    declared = {s for s in load_ontology().subjects() if isinstance(s, URIRef) and s.startswith(KG_NS)}
    assert declared == TERMS, (
        f"only in kg.ttl: {sorted(declared - TERMS)}; only in kg.namespace.KG: {sorted(TERMS - declared)}"
    )


def test_ontology_and_shapes_use_only_declared_terms():
    assert kg_iris(load_ontology()) <= TERMS
    assert kg_iris(load_shapes()) <= TERMS, sorted(kg_iris(load_shapes()) - TERMS)


@pytest.mark.parametrize("term", sorted(TERMS), ids=lambda term: term.removeprefix(KG_NS))
def test_every_term_is_typed_labelled_and_defined(term: URIRef):
    ontology = load_ontology()
    assert set(ontology.objects(term, RDF.type)) & TERM_TYPES, "declare it a class, property or individual"
    for predicate in (RDFS.label, SKOS.definition):
        values = list(ontology.objects(term, predicate))
        assert len(values) == 1, f"{predicate} missing or repeated"
        assert values[0].language == "en", f"{predicate} must be @en"


def test_unknown_term_is_an_error():
    with pytest.raises(AttributeError):
        _ = KG.NoSuchTerm


def test_functional_properties():
    functional = set(load_ontology().subjects(RDF.type, OWL.FunctionalProperty))
    assert {KG.name, KG.date, KG.published, KG.confidence, KG.iso3} <= functional
    assert not {KG.alias, KG.title, KG.participant, KG.party, KG.serves} & functional


def test_encounter_subclasses_are_disjoint_with_meeting():
    ontology = load_ontology()
    for cls in (KG.PhoneCall, KG.VideoCall, KG.PlannedMeeting, KG.NegatedMeeting):
        assert (cls, RDFS.subClassOf, KG.Encounter) in ontology
        assert (cls, OWL.disjointWith, KG.Meeting) in ontology


def test_bind_prefixes():
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    bound = {prefix: str(namespace) for prefix, namespace in graph.namespaces()}
    assert bound["kg"] == KG_NS
    assert bound["kgr"] == "https://w3id.org/kg/id/"
    assert bound["schema"] == "https://schema.org/"
    assert {"nif", "prov", "skos", "org", "sem", "xsd", "rdfs", "owl", "dcterms"} <= bound.keys()


# --- the shapes -----------------------------------------------------------------------------------------

PREAMBLE = """
@base <https://w3id.org/kg/id/> .
@prefix kg: <https://w3id.org/kg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# "Mattis met Ng Eng Hen in Singapore." is characters 0-35 of the article text.
VALID = """
<article/0123456789abcdef> a kg:Article ;
    nif:isString "Mattis met Ng Eng Hen in Singapore. He also called him." ;
    kg:published "2018-06-04"^^xsd:date .

<article/0123456789abcdef#char=0,35> a nif:Sentence ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ;
    nif:endIndex "35"^^xsd:nonNegativeInteger ;
    nif:anchorOf "Mattis met Ng Eng Hen in Singapore." ;
    nif:referenceContext <article/0123456789abcdef> .

<nation/USA> a kg:Nation ; kg:name "United States" ; kg:alias "U.S." ;
    kg:iso3 "USA" ; kg:iso2 "US" ; kg:isoNumeric "840" .
<nation/SGP> a kg:Nation ; kg:name "Singapore" ; kg:iso3 "SGP" .
<nation/RUS> a kg:Nation ; kg:name "Russia" ; kg:iso3 "RUS" .

<office/USA/secretary-of-defense> a kg:Office ; kg:name "Secretary of Defense" ; kg:officeOf <nation/USA> .

<official/jim-mattis> a kg:Official ; kg:name "Jim Mattis" ; kg:alias "Mattis" ;
    kg:title "Defense Secretary" ; kg:serves <nation/USA> ; kg:holdsOffice <office/USA/secretary-of-defense> .
<official/ng-eng-hen> a kg:Official ; kg:name "Ng Eng Hen" ; kg:serves <nation/SGP> .

<place/singapore> a kg:Place ; kg:name "Singapore" ; kg:country <nation/SGP> ; kg:placeKind kg:City .

<treaty/new-start> a kg:Treaty ; kg:name "New START" ; kg:party <nation/USA>, <nation/RUS> .

<meeting/0123456789ab> a kg:Meeting ;
    kg:participant <official/jim-mattis>, <official/ng-eng-hen> ;
    kg:place <place/singapore> ;
    kg:date "2018-06-02"^^xsd:date ;
    kg:cameoCode "044" .

<meeting/ba9876543210> a kg:PhoneCall ; kg:participant <official/jim-mattis> ; kg:cameoCode "041" .

<statement/0123456789abcdef> a rdf:Statement ;
    rdf:subject <meeting/0123456789ab> ;
    rdf:predicate kg:participant ;
    rdf:object <official/ng-eng-hen> ;
    kg:confidence 0.9 ;
    prov:wasDerivedFrom <article/0123456789abcdef#char=0,35> .
"""

MODES = ["rdfs", "none"]


def validate(data: Graph, mode: str) -> Graph:
    """Validate as kg does (``rdfs``: ontology mixed in, RDFS inference) or with neither (``none``)."""
    options: dict[str, Any] = {"ont_graph": load_ontology(), "inference": "rdfs"} if mode == "rdfs" else {}
    conforms, report, text = pyshacl.validate(data, shacl_graph=load_shapes(), **options)
    assert conforms == (not violations(report)), text
    return report


def violations(report: Graph) -> set[tuple[str, str | None, str]]:
    """(focus node, path, constraint component) of each result, with blank focus nodes shown as ``_:``."""
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        component = report.value(result, SH.sourceConstraintComponent)
        found.add(
            (
                "_:" if isinstance(focus, BNode) else str(focus),
                None if path is None else str(path),
                str(component).removeprefix(str(SH)),
            )
        )
    return found


def data_graph(add: str = "", remove: str = "") -> Graph:
    graph = Graph().parse(data=PREAMBLE + VALID + add, format="turtle")
    for triple in Graph().parse(data=PREAMBLE + remove, format="turtle"):
        assert triple in graph, f"cannot remove {triple}: not in the valid graph"
        graph.remove(triple)
    return graph


ID = "https://w3id.org/kg/id/"
MEETING = ID + "meeting/0123456789ab"
STATEMENT = ID + "statement/0123456789abcdef"
SENTENCE = ID + "article/0123456789abcdef#char=0,35"


@pytest.mark.parametrize("mode", MODES)
def test_valid_graph_conforms(mode: str):
    assert violations(validate(data_graph(), mode)) == set()


def test_shapes_do_not_change_under_validation():
    before = len(load_shapes()), len(load_ontology())
    validate(data_graph(), "rdfs")
    assert (len(load_shapes()), len(load_ontology())) == before


def test_place_kinds_in_shapes_match_the_ontology():
    shapes = load_shapes()
    (place_kind,) = shapes.subjects(SH.path, KG.placeKind)
    members = shapes.value(place_kind, SH["in"])
    assert set(Collection(shapes, members)) == set(load_ontology().subjects(RDF.type, KG.PlaceKind))


INVALID = [
    pytest.param(
        '<nation/USA> kg:iso3 "usa" .',
        '<nation/USA> kg:iso3 "USA" .',
        {(ID + "nation/USA", str(KG.iso3), "PatternConstraintComponent")},
        id="iso3-lower-case",
    ),
    pytest.param(
        '<meeting/0123456789ab> kg:date "2018-06-03"^^xsd:date .',
        "",
        {(MEETING, str(KG.date), "MaxCountConstraintComponent")},
        id="meeting-two-dates",
    ),
    pytest.param(
        "<statement/0123456789abcdef> kg:confidence 1.5 .",
        "<statement/0123456789abcdef> kg:confidence 0.9 .",
        {(STATEMENT, str(KG.confidence), "MaxInclusiveConstraintComponent")},
        id="confidence-above-one",
    ),
    pytest.param(
        '<statement/0123456789abcdef> kg:confidence "0.9"^^xsd:double .',
        "<statement/0123456789abcdef> kg:confidence 0.9 .",
        {(STATEMENT, str(KG.confidence), "DatatypeConstraintComponent")},
        id="confidence-as-float",
    ),
    pytest.param(
        '[] a kg:Official ; kg:name "An aide" .',
        "",
        {("_:", None, "NodeKindConstraintComponent")},
        id="official-blank-node",
    ),
    pytest.param(
        "",
        "<statement/0123456789abcdef> prov:wasDerivedFrom <article/0123456789abcdef#char=0,35> .",
        {(STATEMENT, "http://www.w3.org/ns/prov#wasDerivedFrom", "MinCountConstraintComponent")},
        id="statement-without-provenance",
    ),
    pytest.param(
        "<statement/0123456789abcdef> rdf:object <nation/SGP> .",
        "<statement/0123456789abcdef> rdf:object <official/ng-eng-hen> .",
        {(STATEMENT, None, "SPARQLConstraintComponent")},
        id="statement-not-asserted",
    ),
    pytest.param(
        '<article/0123456789abcdef#char=0,35> nif:anchorOf "attis met Ng Eng Hen in Singapore. " .',
        '<article/0123456789abcdef#char=0,35> nif:anchorOf "Mattis met Ng Eng Hen in Singapore." .',
        {(SENTENCE, None, "SPARQLConstraintComponent")},
        id="anchor-does-not-match-offsets",
    ),
    pytest.param(
        '<nation/SGP> kg:name "Singapore"@en .',
        '<nation/SGP> kg:name "Singapore" .',
        {(ID + "nation/SGP", str(KG.name), "DatatypeConstraintComponent")},
        id="name-with-language-tag",
    ),
    pytest.param(
        "<place/singapore> kg:placeKind <https://schema.org/City> .",
        "<place/singapore> kg:placeKind kg:City .",
        {(ID + "place/singapore", str(KG.placeKind), "InConstraintComponent")},
        id="unknown-place-kind",
    ),
    pytest.param(
        "",
        "<meeting/ba9876543210> kg:participant <official/jim-mattis> .",
        {(ID + "meeting/ba9876543210", str(KG.participant), "MinCountConstraintComponent")},
        id="phone-call-without-participant",
    ),
    pytest.param(
        "<meeting/0123456789ab> a kg:PhoneCall .",
        "",
        {(MEETING, str(RDF.type), "NotConstraintComponent")},
        id="meeting-that-is-a-call",
    ),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("add", "remove", "expected"), INVALID)
def test_invalid_graph_does_not_conform(add: str, remove: str, expected: set, mode: str):
    assert violations(validate(data_graph(add, remove), mode)) == expected
