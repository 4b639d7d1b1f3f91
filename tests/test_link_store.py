"""Linking graphs and stores (kg.link, kg.link.store): one node per entity, stable IRIs, tenure, the CLI.

The article graphs are made by hand in kg's shape (no spaCy): officials with names, titles, offices and
nations, meetings with participants and a day, a fact reified as kg writes it.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import OWL, RDF, Graph, Literal, URIRef

from kg.api import merged_graph
from kg.cli import cli
from kg.link import from_store, from_triples, link, rewrite
from kg.link.store import RESOLUTION, resolve_store
from kg.namespace import KG, KGR
from kg.query import query
from kg.store import Store

XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
MATTIS = {"name": "Jim Mattis", "office": "USA/secretary-of-defense", "title": "Defense Secretary"}
JAMES = {"name": "James N. Mattis", "office": "USA/secretary-of-defense", "title": "Secretary of Defense"}
SURNAME = {"name": "Mattis", "office": "USA/secretary-of-defense", "title": "Secretary"}
INADA = {"name": "Tomomi Inada", "office": "JPN/minister-of-defense", "title": "Defense Minister"}
ONODERA = {"name": "Itsunori Onodera", "office": "JPN/minister-of-defense", "title": "Defense Minister"}


def key(text: str) -> str:
    return text.lower().replace(" ", "-").replace(".", "")


def article(name: str, day: str, people: list[dict], *, meeting: str | None = None) -> tuple[str, list]:
    """An article graph: its IRI and triples. ``meeting``: the day its officials met."""
    doc = KGR[f"article/{name}"]
    triples = [(doc, RDF.type, KG.Article), (doc, KG.published, Literal(day, datatype=XSD_DATE))]
    iris = []
    for p in people:
        iri = KGR[f"official/{key(p['name'])}"]
        office = KGR[f"office/{p['office']}"]
        nation = KGR[f"nation/{p['office'].split('/')[0]}"]
        iris.append(iri)
        triples += [
            (iri, RDF.type, KG.Official),
            (iri, KG.name, Literal(p["name"])),
            (iri, KG.title, Literal(p["title"])),
            (iri, KG.holdsOffice, office),
            (iri, KG.serves, nation),
            (office, RDF.type, KG.Office),
            (office, KG.name, Literal(p["office"].split("/")[1].replace("-", " "))),
            (office, KG.officeOf, nation),
            (nation, RDF.type, KG.Nation),
            (nation, KG.iso3, Literal(p["office"].split("/")[0])),
        ]
    if meeting:
        encounter = KGR[f"encounter/{name}"]
        triples += [(encounter, RDF.type, KG.Meeting), (encounter, RDF.type, KG.Encounter)]
        triples += [(encounter, KG.date, Literal(meeting, datatype=XSD_DATE))]
        triples += [(encounter, KG.participant, iri) for iri in iris]
        statement = KGR[f"statement/{name}"]
        triples += [(statement, RDF.type, RDF.Statement), (statement, RDF.subject, encounter)]
        triples += [(statement, RDF.predicate, KG.participant), (statement, RDF.object, iris[0])]
    return str(doc), triples


ARTICLES = [
    article("a", "2017-02-03", [MATTIS, INADA], meeting="2017-02-04"),
    article("b", "2017-02-05", [SURNAME, INADA], meeting="2017-02-04"),
    article("c", "2017-08-17", [JAMES, ONODERA]),
]


def store_of(path: Path, articles: list[tuple[str, list]]) -> set:
    """Write the articles into a store at ``path`` one by one, resolving after each; the default graph."""
    with Store.open(path) as store:
        for iri, triples in articles:
            store.replace_article(triples, iri)
            resolve_store(store)
        return default_graph(store)


def default_graph(store: Store) -> set:
    return {(s, p, o if not isinstance(o, Literal) else str(o)) for s, p, o in store.to_graph()}


def plain(triples) -> set:
    return {(s, p, o if not isinstance(o, Literal) else str(o)) for s, p, o in triples}


def test_a_merged_graph_has_one_node_per_person_with_one_name_and_sameas_from_the_others():
    graph = merged_graph(ARTICLES)
    mattis = KGR["official/james-n-mattis"]
    assert set(graph.subjects(RDF.type, KG.Official)) == {
        mattis,
        KGR["official/tomomi-inada"],
        KGR["official/itsunori-onodera"],
    }
    assert list(graph.objects(mattis, KG.name)) == [Literal("James N. Mattis")]
    assert set(graph.objects(mattis, KG.alias)) == {Literal("Jim Mattis"), Literal("Mattis")}
    assert (KGR["official/jim-mattis"], OWL.sameAs, mattis) in graph
    assert (KGR["official/mattis"], OWL.sameAs, mattis) in graph


def test_a_meeting_two_articles_report_is_one_meeting_with_both_sources():
    graph = merged_graph(ARTICLES)
    meetings = set(graph.subjects(RDF.type, KG.Meeting))
    assert len(meetings) == 1
    meeting = meetings.pop()
    assert set(graph.objects(meeting, KG.participant)) == {KGR["official/james-n-mattis"], KGR["official/tomomi-inada"]}
    # the fact of each article keeps its own statement, now about the one meeting
    assert {s for s in graph.subjects(RDF.subject, meeting)} == {KGR["statement/a"], KGR["statement/b"]}


def test_a_store_resolved_gives_the_graph_a_merged_build_gives(tmp_path):
    assert store_of(tmp_path / "s", ARTICLES) == plain(merged_graph(ARTICLES))


def test_the_order_articles_arrive_in_does_not_change_the_store(tmp_path):
    first = store_of(tmp_path / "first", ARTICLES)
    for seed in range(3):
        order = ARTICLES[:]
        random.Random(seed).shuffle(order)
        assert store_of(tmp_path / f"order{seed}", order) == first, [iri for iri, _ in order]


def test_an_article_added_later_joins_the_person_already_there(tmp_path):
    with Store.open(tmp_path / "s") as store:
        for iri, triples in ARTICLES[:1]:
            store.replace_article(triples, iri)
        resolve_store(store)
        assert store.run_named("officials")[0]["official"] == str(KGR["official/jim-mattis"])
        iri, triples = ARTICLES[1]
        store.replace_article(triples, iri)
        resolve_store(store)
        officials = {row["official"] for row in store.run_named("officials")}
        assert officials == {str(KGR["official/jim-mattis"]), str(KGR["official/tomomi-inada"])}


def test_an_iri_published_before_a_merge_still_leads_to_the_entity(tmp_path):
    with Store.open(tmp_path / "s") as store:
        for iri, triples in ARTICLES[:2]:
            store.replace_article(triples, iri)
        resolve_store(store)
        iri, triples = ARTICLES[2]  # names him in full: his canonical IRI becomes official/james-n-mattis
        store.replace_article(triples, iri)
        resolve_store(store)
        rows = store.query(
            f"SELECT ?to WHERE {{ <{KGR['official/jim-mattis']}> <{OWL.sameAs}> ?to }}",
        )
        assert rows == [{"to": str(KGR["official/james-n-mattis"])}]
        held = store.query(f"SELECT ?s ?o WHERE {{ GRAPH <{RESOLUTION}> {{ ?s <{OWL.sameAs}> ?o }} }}")
        assert {(r["s"], r["o"]) for r in held} >= {(str(KGR["official/mattis"]), str(KGR["official/james-n-mattis"]))}


def test_office_tenure_runs_from_the_first_to_the_last_article_stating_it():
    graph = merged_graph(ARTICLES)
    rows = query(graph, "office-holders", nation="jpn", office="Defense minister", date="2017")
    assert [(r["name"], r["from"], r["to"]) for r in rows] == [
        ("Tomomi Inada", "2017-02-03", "2017-02-05"),
        ("Itsunori Onodera", "2017-08-17", "2017-08-17"),
    ]
    feb = query(graph, "office-holders", nation="JPN", office="defence minister", date="2017-02")
    assert [r["name"] for r in feb] == ["Tomomi Inada"]
    assert query(graph, "office-holders", nation="JPN", office="defense minister", date="2016") == []


def test_office_holders_gives_the_same_rows_on_a_store(tmp_path):
    with Store.open(tmp_path / "s") as store:
        for iri, triples in ARTICLES:
            store.replace_article(triples, iri)
        resolve_store(store)
        on_store = store.run_named("office-holders", nation="USA", office="defense", date="2017-08")
    expected = query(merged_graph(ARTICLES), "office-holders", nation="USA", office="defense", date="2017-08")
    assert (
        on_store
        == expected
        == [
            {
                "official": str(KGR["official/james-n-mattis"]),
                "name": "James N. Mattis",
                "title": "secretary of defense",
                "from": "2017-02-03",
                "to": "2017-08-17",
            }
        ]
    )


def test_a_resolution_rewrites_only_what_changed_since_the_last(tmp_path):
    with Store.open(tmp_path / "s") as store:
        for iri, triples in ARTICLES:
            store.replace_article(triples, iri)
        assert resolve_store(store).rewritten > 0
        before = default_graph(store)
        assert resolve_store(store).rewritten == 0, "an unchanged store"
        assert default_graph(store) == before
        more = [article("d", "2017-09-01", [INADA]), article("e", "2017-09-02", [MATTIS])]
        store.replace_article(more[0][1], more[0][0])
        assert resolve_store(store).rewritten == 0, "Tomomi Inada, written as before"
        store.replace_article(more[1][1], more[1][0])
        again = resolve_store(store)
        # the IRIs of the entity "Jim Mattis" of the new article joined: jim-mattis, mattis, james-n-mattis
        assert again.rewritten == 3
        assert default_graph(store) == plain(merged_graph(ARTICLES + more))


def test_rewrite_gives_each_article_its_own_reading_of_an_iri():
    bush = {"name": "Bush", "office": "USA/president", "title": "President"}
    old = article("old", "1990-05-01", [{"name": "George H. W. Bush", "office": "USA/president", "title": "P"}])
    new = article("new", "2005-05-01", [{"name": "George W. Bush", "office": "USA/president", "title": "P"}])
    lone_old = article("lone-old", "1991-01-01", [bush])
    lone_new = article("lone-new", "2006-01-01", [bush])
    resolution = link(r for a in (old, new, lone_old, lone_new) for r in from_triples(*a))
    assert resolution.canonical[(lone_old[0], str(KGR["official/bush"]))] == str(KGR["official/george-h-w-bush"])
    assert resolution.canonical[(lone_new[0], str(KGR["official/bush"]))] == str(KGR["official/george-w-bush"])
    graph = plain(rewrite([lone_old, lone_new], resolution))
    assert (KGR["official/george-h-w-bush"], RDF.type, KG.Official) in graph
    assert (KGR["official/george-w-bush"], RDF.type, KG.Official) in graph
    assert (KGR["official/bush"], RDF.type, KG.Official) not in graph
    assert str(KGR["official/bush"]) not in resolution.same_as, "an IRI of two people leads to neither"


# --- the commands ----------------------------------------------------------------------------------------


@pytest.fixture
def built_store(tmp_path) -> Path:
    path = tmp_path / "store"
    with Store.open(path) as store:
        for iri, triples in ARTICLES:
            store.replace_article(triples, iri)
        resolve_store(store)
    return path


def test_kg_merges_lists_each_merge_with_its_evidence(built_store):
    result = CliRunner().invoke(cli, ["merges", "--store", str(built_store), "--kind", "Official"])
    assert result.exit_code == 0, result.output
    assert "Official kgr:official/james-n-mattis 'James N. Mattis': 3 IRIs, 3 articles" in result.output
    assert "'Jim Mattis': a form of 'James N. Mattis'" in result.output
    assert "'Mattis' alone: the one person of that name it fits (nation USA, office" in result.output
    data = json.loads(CliRunner().invoke(cli, ["merges", "--store", str(built_store), "--json"]).output)
    kinds = sorted(m["kind"] for m in data["merges"])
    assert kinds == ["Encounter", "Official"]


def test_kg_resolve_with_a_distinct_file_splits_and_the_store_keeps_the_pairs(built_store, tmp_path):
    distinct = tmp_path / "distinct.tsv"
    distinct.write_text("# not one person\nofficial/jim-mattis\tkgr:official/james-n-mattis\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["resolve", "--store", str(built_store), "--distinct", str(distinct)])
    assert result.exit_code == 0, result.output
    with Store.open(built_store) as store:
        officials = {row["official"] for row in store.run_named("officials")}
        assert str(KGR["official/jim-mattis"]) in officials
        assert str(KGR["official/james-n-mattis"]) in officials
        resolve_store(store)  # a later resolution (after a build) keeps the analyst's pair
        assert {row["official"] for row in store.run_named("officials")} == officials
    empty = tmp_path / "none.tsv"
    empty.write_text("", encoding="utf-8")
    CliRunner().invoke(cli, ["resolve", "--store", str(built_store), "--distinct", str(empty)])
    with Store.open(built_store, read_only=True) as store:
        assert str(KGR["official/jim-mattis"]) not in {row["official"] for row in store.run_named("officials")}


def test_kg_resolve_says_which_line_of_a_pairs_file_is_wrong(built_store, tmp_path):
    same = tmp_path / "same.tsv"
    same.write_text("official/jim-mattis\tofficial/jim-mattis\nJim Mattis\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["resolve", "--store", str(built_store), "--same", str(same)])
    assert result.exit_code != 0
    assert "line 1: both IRIs are https://w3id.org/kg/id/official/jim-mattis" in result.output


def test_records_read_from_a_store_are_those_of_its_articles(built_store):
    with Store.open(built_store, read_only=True) as store:
        records = from_store(store)
    assert {r.article for r in records} == {iri for iri, _ in ARTICLES}
    graph = Graph()
    assert not list(graph)  # nothing else was read


def thing(article_name: str, kind, iri: str, name: str, **links) -> tuple[str, list]:
    doc = KGR[f"article/{article_name}"]
    node = KGR[iri]
    triples = [(doc, RDF.type, KG.Article), (node, RDF.type, kind), (node, KG.name, Literal(name))]
    for alias in links.get("aliases", ()):
        triples.append((node, KG.alias, Literal(alias)))
    for party in links.get("parties", ()):
        triples.append((node, KG.party, KGR[f"nation/{party}"]))
    if "same_as" in links:
        triples.append((node, OWL.sameAs, URIRef(links["same_as"])))
    return str(doc), triples


def test_treaties_one_by_name_or_alias_when_their_parties_agree():
    articles = [
        thing("a", KG.Treaty, "treaty/new-start", "New START", parties=["USA", "RUS"]),
        thing(
            "b",
            KG.Treaty,
            "treaty/new-strategic-arms-reduction-treaty",
            "New Strategic Arms Reduction Treaty",
            aliases=["the New START"],
            parties=["USA"],
        ),
        thing("c", KG.Treaty, "treaty/new-start-2", "New START", parties=["FRA"]),  # parties that disagree
    ]
    graph = merged_graph(articles)
    treaties = set(graph.subjects(RDF.type, KG.Treaty))
    long_name = KGR["treaty/new-strategic-arms-reduction-treaty"]
    assert treaties == {long_name, KGR["treaty/new-start-2"]}
    assert (KGR["treaty/new-start"], OWL.sameAs, long_name) in graph
    assert list(graph.objects(long_name, KG.name)) == [Literal("New Strategic Arms Reduction Treaty")]


def test_places_one_by_geonames_id():
    geonames = "https://sws.geonames.org/1850147/"
    articles = [
        thing("a", KG.Place, "place/tokyo", "Tokyo", same_as=geonames),
        thing("b", KG.Place, "place/tokyo-japan", "Tokyo, Japan", same_as=geonames),
        thing("c", KG.Place, "place/kyoto", "Kyoto", same_as="https://sws.geonames.org/1857910/"),
    ]
    graph = merged_graph(articles)
    assert set(graph.subjects(RDF.type, KG.Place)) == {KGR["place/tokyo-japan"], KGR["place/kyoto"]}
    assert set(graph.objects(KGR["place/tokyo-japan"], KG.alias)) == {Literal("Tokyo")}
