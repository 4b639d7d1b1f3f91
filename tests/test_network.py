"""The networkx projection of kg graphs: on the built seed graph and on small graphs built by hand."""

from __future__ import annotations

import doctest
import importlib
import io
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib import RDF, Graph, Literal, Namespace, URIRef

import kg.network
from kg.errors import EntityError, UsageError
from kg.network import (
    ENCOUNTER_KINDS,
    ENTITY_KINDS,
    NETWORK_FORMATS,
    Neighbor,
    Step,
    connection,
    find_entity,
    format_neighbors,
    format_path,
    format_rank,
    neighbors,
    rank,
    to_networkx,
    write_network,
)
from kg.query import load_graph

KG = Namespace("https://w3id.org/kg/ontology#")
KGR = Namespace("https://w3id.org/kg/id/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
XSD_DATE, XSD_COUNT = rdflib.XSD.date, rdflib.XSD.nonNegativeInteger

SEED = Path(__file__).parent / "data" / "seed.ttl"
SEED_ARTICLE = str(KGR["article/673dbf31df12575c"])
MATTIS, ABE, INADA = (str(KGR[f"official/{slug}"]) for slug in ("jim-mattis", "shinzo-abe", "tomomi-inada"))
USA, JPN = str(KGR["nation/USA"]), str(KGR["nation/JPN"])
TOKYO = str(KGR["place/tokyo"])
SECURITY_TREATY = str(
    KGR["treaty/treaty-of-mutual-cooperation-and-security-between-japan-and-the-united-states-of-america"]
)


@pytest.fixture(scope="module")
def seed_rdf() -> Graph:
    return load_graph(SEED)


@pytest.fixture(scope="module")
def seed(seed_rdf) -> nx.MultiDiGraph:
    return to_networkx(seed_rdf)


@pytest.fixture(scope="module")
def meeting(seed) -> str:
    (node,) = (n for n, kind in seed.nodes(data="kind") if kind == "Meeting")
    return node


def targets(g: nx.MultiDiGraph, node: str, predicate: str) -> set[str]:
    return {v for _, v, key in g.out_edges(node, keys=True) if key == predicate}


# --- a small graph built by hand ----------------------------------------------------------------------


class Builder:
    """Adds entities, facts and their reified statements to an rdflib graph, the way kg.emit writes them."""

    def __init__(self) -> None:
        self.graph = Graph()
        self.count = 0

    def entity(self, path: str, kind: str, name: str | None = None, *aliases: str) -> URIRef:
        iri = KGR[path]
        self.graph.add((iri, RDF.type, KG[kind]))
        if kind in ENCOUNTER_KINDS:
            self.graph.add((iri, RDF.type, KG.Encounter))
        if name is not None:
            self.graph.add((iri, KG.name, Literal(name)))
        for alias in aliases:
            self.graph.add((iri, KG.alias, Literal(alias)))
        return iri

    def fact(self, s: URIRef, p: URIRef, o, *sources: tuple[str, int, int, str, str]) -> URIRef:
        """Add ``s p o``, reified with one (sentence, confidence) per source: (article, begin, end, text, conf)."""
        self.graph.add((s, p, o))
        self.count += 1
        statement = KGR[f"statement/{self.count}"]
        self.graph.add((statement, RDF.type, RDF.Statement))
        self.graph.add((statement, RDF.subject, s))
        self.graph.add((statement, RDF.predicate, p))
        self.graph.add((statement, RDF.object, o))
        for article, begin, end, text, confidence in sources:
            sentence = URIRef(f"{KGR[article]}#char={begin},{end}")
            self.graph.add((statement, KG.confidence, Literal(Decimal(confidence))))
            self.graph.add((statement, PROV.wasDerivedFrom, sentence))
            self.graph.add((sentence, RDF.type, NIF.Sentence))
            self.graph.add((sentence, NIF.beginIndex, Literal(begin, datatype=XSD_COUNT)))
            self.graph.add((sentence, NIF.endIndex, Literal(end, datatype=XSD_COUNT)))
            self.graph.add((sentence, NIF.anchorOf, Literal(text)))
            self.graph.add((sentence, NIF.referenceContext, KGR[article]))
        return statement


# --- to_networkx on the seed --------------------------------------------------------------------------


def test_seed_officials(seed):
    mattis = seed.nodes[MATTIS]
    assert (mattis["kind"], mattis["label"], mattis["nation"]) == ("Official", "Jim Mattis", "USA")
    assert mattis["aliases"] == ["Mattis"]
    assert mattis["titles"] == ["Defense Secretary"]
    assert mattis["date"] is None
    assert mattis["sources"] == [SEED_ARTICLE]
    assert (seed.nodes[ABE]["nation"], seed.nodes[INADA]["nation"]) == ("JPN", "JPN")


def test_seed_places_nations_and_treaties(seed):
    tokyo, usa = seed.nodes[TOKYO], seed.nodes[USA]
    assert (tokyo["kind"], tokyo["label"], tokyo["nation"]) == ("Place", "Tokyo", "JPN")
    assert (usa["kind"], usa["nation"], usa["aliases"]) == ("Nation", "USA", ["U.S."])
    treaty = seed.nodes[SECURITY_TREATY]
    assert treaty["kind"] == "Treaty"
    assert treaty["aliases"] == ["U.S.-Japan security treaty", "mutual defense treaty"]
    assert treaty["nation"] is None
    assert targets(seed, SECURITY_TREATY, "party") == {JPN, USA}


def test_seed_meeting(seed, meeting):
    data = seed.nodes[meeting]
    assert (data["kind"], data["date"], data["titles"]) == ("Meeting", "2017-02-03", [])
    # An encounter has no kg:name: its label tells its kind, participants and date.
    assert data["label"] == "Meeting of Jim Mattis, Shinzo Abe and Tomomi Inada, 2017-02-03"
    assert targets(seed, meeting, "participant") == {MATTIS, ABE, INADA}
    assert targets(seed, meeting, "place") == {TOKYO}


def test_nodes_are_exactly_the_typed_entities(seed, seed_rdf):
    entities = {
        str(s)
        for s, o in seed_rdf.subject_objects(RDF.type)
        if o in {KG.Official, KG.Nation, KG.Place, KG.Treaty, KG.Encounter}
    }
    assert set(seed) == entities
    assert {kind for _, kind in seed.nodes(data="kind")} <= set(ENTITY_KINDS)
    left_out = {KG.Office, KG.Article, NIF.Sentence, RDF.Statement, KG.PlaceKind}
    for node in seed:
        assert not set(seed_rdf.objects(URIRef(node), RDF.type)) & left_out, node
    assert str(KG.City) not in seed


def test_edges_are_kg_predicates_between_entities(seed, seed_rdf):
    predicates = set()
    for u, v, key, data in seed.edges(keys=True, data=True):
        assert key == data["predicate"]
        assert (URIRef(u), KG[key], URIRef(v)) in seed_rdf
        predicates.add(key)
    assert {"serves", "country", "party", "participant", "place"} <= predicates
    assert not predicates & {"type", "holdsOffice", "officeOf", "placeKind", "sameAs", "wasDerivedFrom", "subject"}
    expected = sum(1 for s, p, o in seed_rdf if str(s) in seed and str(o) in seed and str(p).startswith(str(KG)))
    assert seed.number_of_edges() == expected


def test_edges_carry_confidence_and_sentences(seed, meeting):
    data = seed.edges[meeting, MATTIS, "participant"]
    assert isinstance(data["confidence"], float) and 0 < data["confidence"] <= 1
    (sentence,) = data["sentences"]
    assert "Tokyo meeting with Japanese Prime Minister Shinzo Abe" in sentence["text"]
    assert sentence["article"] == SEED_ARTICLE
    assert (sentence["begin"], sentence["end"]) == (80, 260)
    assert seed.edges[MATTIS, USA, "serves"]["sentences"]


# --- to_networkx on hand-built graphs -----------------------------------------------------------------


def test_merged_statement_keeps_every_confidence_and_sentence():
    b = Builder()
    mattis = b.entity("official/jim-mattis", "Official", "Jim Mattis")
    usa = b.entity("nation/USA", "Nation", "United States")
    # One statement IRI with two confidences and two sentences: what merging the graphs of two articles gives.
    b.fact(
        mattis,
        KG.serves,
        usa,
        ("article/b", 5, 20, "Mattis, of the U.S.", "0.5"),
        ("article/a", 0, 9, "US Mattis", "0.9"),
    )
    g = to_networkx(b.graph)
    edge = g.edges[str(mattis), str(usa), "serves"]
    assert edge["confidence"] == pytest.approx(0.9)
    assert [(s["article"], s["begin"], s["end"], s["text"]) for s in edge["sentences"]] == [
        (str(KGR["article/a"]), 0, 9, "US Mattis"),
        (str(KGR["article/b"]), 5, 20, "Mattis, of the U.S."),
    ]
    assert g.nodes[str(mattis)]["sources"] == [str(KGR["article/a"]), str(KGR["article/b"])]
    assert g.nodes[str(usa)]["sources"] == g.nodes[str(mattis)]["sources"]


def test_facts_without_provenance_and_missing_attributes():
    b = Builder()
    official = b.entity("official/unnamed-envoy", "Official")
    # No kg:iso3: the code is read from the nation's IRI.
    b.entity("nation/FRA", "Nation", "France")
    b.entity("nation/DEU", "Nation", "Germany")
    b.graph.add((official, KG.serves, KGR["nation/FRA"]))
    b.graph.add((official, KG.serves, KGR["nation/DEU"]))
    g = to_networkx(b.graph)
    envoy = g.nodes[str(official)]
    assert envoy == {
        "kind": "Official",
        "label": "unnamed-envoy",
        "aliases": [],
        "nation": "DEU",
        "titles": [],
        "date": None,
        "sources": [],
    }
    edge = g.edges[str(official), str(KGR["nation/FRA"]), "serves"]
    assert (edge["confidence"], edge["sentences"]) == (None, [])


def test_encounter_kind_is_the_most_specific_class():
    b = Builder()
    call = b.entity("encounter/call", "PhoneCall")
    b.graph.add((call, KG.date, Literal("2018-05-01", datatype=XSD_DATE)))
    g = to_networkx(b.graph)
    assert (g.nodes[str(call)]["kind"], g.nodes[str(call)]["date"]) == ("PhoneCall", "2018-05-01")


def test_any_kg_predicate_between_entities_is_an_edge():
    b = Builder()
    meeting = b.entity("encounter/m", "Meeting")
    treaty = b.entity("treaty/new-start", "Treaty", "New START")
    b.graph.add((meeting, KG.discusses, treaty))
    b.graph.add((meeting, URIRef("https://example.org/other#mentions"), treaty))
    g = to_networkx(b.graph)
    assert list(g.edges(keys=True)) == [(str(meeting), str(treaty), "discusses")]


def test_projection_is_deterministic(seed_rdf, seed):
    again = to_networkx(seed_rdf)
    assert list(again.nodes(data=True)) == list(seed.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(seed.edges(keys=True, data=True))


# --- find_entity --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Jim Mattis", "  jim   MATTIS ", "mattis", MATTIS, f"<{MATTIS}>"])
def test_find_entity_by_name_alias_or_iri(seed, name):
    assert find_entity(seed, name) == MATTIS


def test_find_entity_unknown_with_candidates(seed):
    with pytest.raises(EntityError, match=r"no entity named 'Matis'; did you mean: Jim Mattis \(Official, USA\)"):
        find_entity(seed, "Matis")
    with pytest.raises(EntityError, match=r"Tokyo \(Place, JPN\)"):
        find_entity(seed, "toky")


def test_find_entity_unknown_without_candidates(seed):
    with pytest.raises(EntityError, match=r"^no entity named 'xyzzy' in the graph$"):
        find_entity(seed, "xyzzy")


def test_find_entity_ambiguous_lists_each_with_its_iri():
    g = nx.MultiDiGraph()
    g.add_node("kgr:shinzo", label="Shinzo Abe", aliases=["Abe"], kind="Official", nation="JPN")
    g.add_node("kgr:akie", label="Akie Abe", aliases=["Abe"], kind="Official", nation="JPN")
    with pytest.raises(EntityError) as error:
        find_entity(g, "abe")
    assert str(error.value) == (
        "'abe' is ambiguous: Akie Abe (Official, JPN) kgr:akie, Shinzo Abe (Official, JPN) kgr:shinzo; "
        "give the full name or the IRI"
    )


def test_find_entity_prefers_a_label_to_an_alias():
    g = nx.MultiDiGraph()
    g.add_node("kgr:city", label="Washington", aliases=[], kind="Place")
    g.add_node("kgr:usa", label="United States", aliases=["Washington"], kind="Nation")
    assert find_entity(g, "washington") == "kgr:city"
    assert find_entity(g, "washington", kinds=["Nation"]) == "kgr:usa"


def test_find_entity_kinds_restrict_the_search(seed, meeting):
    assert find_entity(seed, "Tokyo", kinds=["Place"]) == TOKYO
    with pytest.raises(EntityError, match="no entity of kind Official named 'Tokyo'"):
        find_entity(seed, "Tokyo", kinds=["Official"])
    assert find_entity(seed, meeting, kinds=["Encounter"]) == meeting
    with pytest.raises(EntityError, match="is a Meeting, not a Official"):
        find_entity(seed, meeting, kinds=["Official"])
    with pytest.raises(UsageError, match="unknown entity kind Person; use one of Official, "):
        find_entity(seed, "Tokyo", kinds=["Person"])


def test_find_entity_needs_a_name(seed):
    with pytest.raises(UsageError):
        find_entity(seed, "   ")


# --- neighbors ----------------------------------------------------------------------------------------


def test_neighbors_depth_1(seed, meeting):
    found = neighbors(seed, MATTIS)
    assert [(n.node, n.distance, n.via, n.parent) for n in found] == [
        (meeting, 1, "participant", MATTIS),
        (USA, 1, "serves", MATTIS),
    ]
    assert found[1] == Neighbor(USA, "United States", "Nation", 1, "serves", MATTIS)


def test_neighbors_depth_2_reaches_who_met(seed, meeting):
    found = neighbors(seed, MATTIS, depth=2)
    assert [n.distance for n in found] == sorted(n.distance for n in found)
    second = [n for n in found if n.distance == 2]
    assert [n.label for n in second] == sorted((n.label for n in second), key=str.casefold)
    by_node = {n.node: n for n in found}
    assert (by_node[ABE].via, by_node[ABE].parent, by_node[ABE].kind) == ("participant", meeting, "Official")
    assert (by_node[TOKYO].via, by_node[TOKYO].parent) == ("place", meeting)
    assert INADA in by_node and MATTIS not in by_node
    assert JPN not in by_node  # three hops away: Mattis, the meeting, Abe, Japan


def test_neighbors_rejects_bad_depth_and_unknown_node(seed):
    with pytest.raises(UsageError, match="at least 1"):
        neighbors(seed, MATTIS, depth=0)
    with pytest.raises(EntityError):
        neighbors(seed, "https://example.org/nobody")


# --- connection ---------------------------------------------------------------------------------------


def test_connection_goes_through_the_meeting(seed, meeting):
    steps = connection(seed, MATTIS, ABE)
    assert [(s.source, s.predicate, s.target, s.forward) for s in steps] == [
        (MATTIS, "participant", meeting, False),
        (meeting, "participant", ABE, True),
    ]
    assert (steps[0].source_label, steps[1].target_label) == ("Jim Mattis", "Shinzo Abe")
    assert any("Shinzo Abe" in s["text"] for s in steps[1].sentences)
    assert all(s["article"] == SEED_ARTICLE for step in steps for s in step.sentences)


def test_connection_to_itself_is_empty(seed):
    assert connection(seed, MATTIS, MATTIS) == []


def test_connection_without_a_path():
    b = Builder()
    alone = b.entity("official/alone", "Official", "Alone")
    b.entity("nation/FRA", "Nation", "France")
    g = to_networkx(b.graph)
    with pytest.raises(EntityError, match=r"^Alone \(Official\) and France \(Nation, FRA\) are not connected"):
        connection(g, str(alone), str(KGR["nation/FRA"]))


def test_connection_prefers_confident_edges_and_is_deterministic():
    b = Builder()
    a = b.entity("official/a", "Official", "A")
    z = b.entity("official/z", "Official", "Z")
    # Two paths of two hops: through the meeting m1 (weak) and through m2 (strong).
    for meeting, confidence in (("encounter/m1", "0.3"), ("encounter/m2", "0.9")):
        m = b.entity(meeting, "Meeting")
        for person in (a, z):
            b.fact(m, KG.participant, person, ("article/x", 0, 5, "text.", confidence))
    g = to_networkx(b.graph)
    first = connection(g, str(a), str(z))
    assert first[0].target == str(KGR["encounter/m2"])
    assert connection(g, str(a), str(z)) == first


def test_connection_of_unknown_entity(seed):
    with pytest.raises(EntityError):
        connection(seed, MATTIS, "https://example.org/nobody")


# --- rank ---------------------------------------------------------------------------------------------


def test_rank_by_degree(seed):
    ranked = rank(seed, "degree")
    assert len(ranked) == seed.number_of_nodes()
    assert ranked[0] == (JPN, pytest.approx(7 / (seed.number_of_nodes() - 1)))
    scores = [score for _, score in ranked]
    assert scores == sorted(scores, reverse=True)


def test_rank_by_pagerank(seed):
    ranked = rank(seed, "pagerank")
    assert sum(score for _, score in ranked) == pytest.approx(1.0)
    assert ranked[0][0] == JPN
    star = nx.MultiDiGraph()
    for leaf in "abc":
        star.add_node(leaf, label=leaf, kind="Official")
    star.add_node("hub", label="hub", kind="Meeting")
    star.add_edges_from(("hub", leaf, "participant") for leaf in "abc")
    hub, *leaves = rank(star, "pagerank")
    # Closed form for a star: the hub gets (1 - d)/n + d * (sum of leaves), each leaf its share of the hub.
    assert hub == ("hub", pytest.approx(0.4797, abs=1e-4))
    assert [leaf for leaf, _ in leaves] == ["a", "b", "c"]


def test_rank_by_betweenness_and_kind(seed, meeting):
    officials = rank(seed, "betweenness", kind="Official")
    assert {node for node, _ in officials} == {n for n, k in seed.nodes(data="kind") if k == "Official"}
    (encounter,) = rank(seed, "betweenness", kind="Encounter")
    assert encounter[0] == meeting and encounter[1] > 0
    assert rank(seed, "betweenness", kind="Meeting") == [encounter]
    line = nx.MultiDiGraph()
    line.add_node("a", label="A", kind="Official")
    line.add_node("m", label="M", kind="Meeting")
    line.add_node("b", label="B", kind="Official")
    line.add_edge("m", "a", "participant")
    line.add_edge("m", "b", "participant")
    line.add_edge("b", "m", "other")  # a second edge between the same two entities counts once
    assert rank(line, "betweenness") == [("m", 1.0), ("a", 0.0), ("b", 0.0)]
    assert rank(line, "degree") == [("m", 1.0), ("a", 0.5), ("b", 0.5)]


def test_rank_top_and_ties_by_label(seed):
    top = rank(seed, "degree", kind="Official", top=2)
    assert len(top) == 2
    tied = [(node, score) for node, score in rank(seed, "degree", kind="Official") if score == top[-1][1]]
    labels = [seed.nodes[node]["label"] for node, _ in tied]
    assert labels == sorted(labels, key=str.casefold)


def test_rank_samples_betweenness_on_large_graphs_deterministically(seed, monkeypatch):
    monkeypatch.setattr(kg.network, "_BETWEENNESS_EXACT_LIMIT", 5)
    monkeypatch.setattr(kg.network, "_BETWEENNESS_SAMPLE", 4)
    sampled = rank(seed, "betweenness")
    assert sampled == rank(seed, "betweenness")
    monkeypatch.undo()
    assert sampled != rank(seed, "betweenness")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "closeness"}, "use one of degree, pagerank, betweenness"),
        ({"kind": "Person"}, "use one of Official, Nation, Place, Treaty, Meeting"),
        ({"top": 0}, "at least 1"),
    ],
)
def test_rank_rejects_bad_arguments(seed, kwargs, message):
    with pytest.raises(UsageError, match=message):
        rank(seed, **kwargs)


# --- write_network ------------------------------------------------------------------------------------


def read_back(path: Path, fmt: str) -> nx.Graph:
    return nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)


@pytest.mark.parametrize("fmt", NETWORK_FORMATS)
def test_write_network_round_trip(seed, meeting, tmp_path, fmt):
    path = tmp_path / f"seed.{fmt}"
    write_network(seed, path, fmt)
    back = read_back(path, fmt)
    assert back.number_of_nodes() == seed.number_of_nodes()
    assert back.number_of_edges() == seed.number_of_edges()
    mattis = back.nodes[MATTIS]
    assert (mattis["kind"], mattis["label"], mattis["nation"], mattis["aliases"]) == (
        "Official",
        "Jim Mattis",
        "USA",
        "Mattis",
    )
    assert back.nodes[SECURITY_TREATY]["aliases"] == "U.S.-Japan security treaty; mutual defense treaty"
    assert "nation" not in back.nodes[meeting]  # None is left out
    (edge,) = back.get_edge_data(meeting, ABE).values() if fmt == "graphml" else [back.edges[meeting, ABE]]
    assert edge["predicate"] == "participant"
    assert edge["confidence"] == pytest.approx(seed.edges[meeting, ABE, "participant"]["confidence"])
    assert "Tokyo meeting with Japanese Prime Minister Shinzo Abe" in edge["sentences"]
    assert list(tmp_path.iterdir()) == [path]


def test_write_network_to_a_binary_file(seed):
    out = io.BytesIO()
    write_network(seed, out, "graphml")
    out.seek(0)
    assert nx.read_graphml(out).number_of_nodes() == seed.number_of_nodes()


def test_write_network_unknown_format(seed, tmp_path):
    with pytest.raises(UsageError, match="use one of graphml, gexf"):
        write_network(seed, tmp_path / "seed.dot", "dot")
    assert list(tmp_path.iterdir()) == []


def test_write_network_failure_leaves_no_file(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("a", label="A", kind="Official", unwritable={"a": 1})
    path = tmp_path / "out.graphml"
    with pytest.raises(nx.NetworkXError):
        write_network(g, path, "graphml")
    assert list(tmp_path.iterdir()) == []
    path.write_text("old")
    with pytest.raises(nx.NetworkXError):
        write_network(g, path, "graphml")
    assert list(tmp_path.iterdir()) == [path]
    assert path.read_text() == "old"


# --- the text formatters ------------------------------------------------------------------------------


def test_format_neighbors(seed, meeting):
    text = format_neighbors(seed, MATTIS, neighbors(seed, MATTIS, depth=2))
    lines = text.splitlines()
    assert lines[0] == f"Jim Mattis (Official, USA) <{MATTIS}>"
    label = seed.nodes[meeting]["label"]
    assert f"  {label} (Meeting, 2017-02-03) — via participant" in lines
    assert "  United States (Nation, USA) — via serves" in lines
    assert f"    Shinzo Abe (Official, JPN) — via participant from {label}" in lines
    assert format_neighbors(seed, MATTIS, []).splitlines()[1] == "  (no neighbours)"


def test_format_path(seed, meeting):
    text = format_path(connection(seed, MATTIS, ABE))
    first, second = text.split("\n\n")
    label = seed.nodes[meeting]["label"]
    assert first.splitlines()[0] == f"Jim Mattis ←participant— {label}"
    assert second.splitlines()[0] == f"{label} —participant→ Shinzo Abe"
    assert second.splitlines()[1].startswith('    "In a Tokyo meeting with Japanese Prime Minister Shinzo Abe')
    assert second.splitlines()[1].endswith(f'." ({SEED_ARTICLE})')
    bare = format_path([Step("a", "serves", "b", "A", "B", True)])
    assert bare == "A —serves→ B\n    (no sentence recorded)"


def test_format_rank_aligns_columns(seed):
    text = format_rank(seed, rank(seed, "degree", top=3), "degree")
    header, *rows = text.splitlines()
    assert header.split() == ["rank", "degree", "label", "kind", "nation"]
    assert rows[0].split()[:3] == ["1", "0.4375", "Japan"]
    column = header.index("label")
    assert all(row[column - 2 : column] == "  " and row[column] != " " for row in rows)
    treaty_row = next(row for row in format_rank(seed, rank(seed, kind="Treaty"), "degree").splitlines()[1:])
    assert treaty_row.split()[-2:] == ["Treaty", "-"]


def test_docstring_examples():
    failures, _ = doctest.testmod(importlib.import_module("kg.network"), optionflags=doctest.ELLIPSIS)
    assert failures == 0
