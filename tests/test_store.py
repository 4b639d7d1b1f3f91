"""The Oxigraph store of articles: named graphs, replacing, queries over the union, export, locking, crashes.

The graphs are built by hand (no spaCy model); a child process stands in for a second ``kg build`` and for one
killed half way through writing.
"""

from __future__ import annotations

import doctest
import importlib
import io
import itertools
import os
import re
import signal
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from servers import free_port

from kg.errors import GraphError, QueryError, StoreError, UsageError
from kg.keys import add_keys
from kg.namespace import KG, KGR, NIF
from kg.query import load_query, query, query_names
from kg.server import serve
from kg.store import EXPORT_FORMATS, LOCK_FILE, PENDING_FILE, Store, locked, ntriples_lines

TESTS = Path(__file__).resolve().parent
XSD_STRING, XSD_DATE = rdflib.XSD.string, rdflib.XSD.date

USA, JPN = KGR["nation/USA"], KGR["nation/JPN"]
MATTIS, ABE, INADA = KGR["official/jim-mattis"], KGR["official/shinzo-abe"], KGR["official/tomomi-inada"]
TOKYO, TREATY = KGR["place/tokyo"], KGR["treaty/us-japan-security-treaty"]
MEETING, CALL = KGR["encounter/0123456789ab"], KGR["encounter/ba9876543210"]
ARTICLE_A, ARTICLE_B = KGR["article/aaaaaaaaaaaaaaaa"], KGR["article/bbbbbbbbbbbbbbbb"]
INJECTION = 'x" } ; DROP ALL # {{ ?name }}'


def nation(g: Graph, node: URIRef, name: str, iso3: str) -> None:
    g.add((node, RDF.type, KG.Nation))
    g.add((node, KG.name, Literal(name)))
    g.add((node, KG.iso3, Literal(iso3)))


def official(g: Graph, node: URIRef, name: str, title: str, serves: URIRef, *aliases: str) -> None:
    g.add((node, RDF.type, KG.Official))
    g.add((node, KG.name, Literal(name)))
    g.add((node, KG.title, Literal(title)))
    g.add((node, KG.serves, serves))
    for alias in aliases:
        g.add((node, KG.alias, Literal(alias)))


def provenance(g: Graph, article: URIRef, statement: str, triple: tuple, text: str, confidence: str) -> None:
    sentence = URIRef(f"{article}#char=0,{len(text)}")
    node = KGR[f"statement/{statement}"]
    g.add((node, RDF.type, RDF.Statement))
    g.add((node, RDF.subject, triple[0]))
    g.add((node, RDF.predicate, triple[1]))
    g.add((node, RDF.object, triple[2]))
    g.add((node, KG.confidence, Literal(Decimal(confidence))))
    g.add((node, rdflib.PROV.wasDerivedFrom, sentence))
    g.add((sentence, RDF.type, NIF.Sentence))
    g.add((sentence, NIF.beginIndex, Literal(0, datatype=rdflib.XSD.nonNegativeInteger)))
    g.add((sentence, NIF.endIndex, Literal(len(text), datatype=rdflib.XSD.nonNegativeInteger)))
    g.add((sentence, NIF.anchorOf, Literal(text)))
    g.add((sentence, NIF.referenceContext, article))


def article_a() -> Graph:
    """Mattis meets Abe and Inada in Tokyo."""
    g = Graph()
    text = "Defense Secretary Jim Mattis met Japanese Prime Minister Shinzo Abe in Tokyo today."
    g.add((ARTICLE_A, RDF.type, KG.Article))
    g.add((ARTICLE_A, NIF.isString, Literal(text)))
    g.add((ARTICLE_A, KG.published, Literal("2017-02-03", datatype=XSD_DATE)))
    nation(g, USA, "United States", "USA")
    nation(g, JPN, "Japan", "JPN")
    official(g, MATTIS, "Jim Mattis", "Defense Secretary", USA, "Mattis")
    official(g, ABE, "Shinzo Abe", "Prime Minister", JPN, "Abe")
    official(g, INADA, "Tomomi Inada", "Defense Minister", JPN)
    g.add((TOKYO, RDF.type, KG.Place))
    g.add((TOKYO, KG.name, Literal("Tokyo")))
    g.add((TOKYO, KG.country, JPN))
    g.add((TOKYO, KG.placeKind, KG.City))
    g.add((TREATY, RDF.type, KG.Treaty))
    g.add((TREATY, KG.name, Literal("U.S.-Japan Security Treaty")))
    g.add((TREATY, KG.party, USA))
    g.add((TREATY, KG.party, JPN))
    g.add((TREATY, KG.provision, Literal("Article 5")))
    g.add((MEETING, RDF.type, KG.Meeting))
    g.add((MEETING, RDF.type, KG.Encounter))
    for who in (MATTIS, ABE, INADA):
        g.add((MEETING, KG.participant, who))
    g.add((MEETING, KG.place, TOKYO))
    g.add((MEETING, KG.date, Literal("2017-02-03", datatype=XSD_DATE)))
    provenance(g, ARTICLE_A, "a1", (MATTIS, KG.serves, USA), text, "0.85")
    provenance(g, ARTICLE_A, "a2", (MEETING, KG.place, TOKYO), text, "0.9")
    return add_keys(g)


def article_b() -> Graph:
    """The same Mattis (same IRI, name and title) calls Abe; typed xsd:string literals, as rdflib parses them."""
    g = Graph()
    text = "Mattis spoke by phone with Abe."
    g.add((ARTICLE_B, RDF.type, KG.Article))
    g.add((ARTICLE_B, NIF.isString, Literal(text, datatype=XSD_STRING)))
    nation(g, USA, "United States", "USA")
    g.add((USA, KG.alias, Literal("U.S.", datatype=XSD_STRING)))
    nation(g, JPN, "Japan", "JPN")
    official(g, MATTIS, "Jim Mattis", "Defense Secretary", USA, "Mattis")
    official(g, ABE, "Shinzo Abe", "Prime Minister", JPN)
    g.add((CALL, RDF.type, KG.PhoneCall))
    g.add((CALL, KG.participant, MATTIS))
    g.add((CALL, KG.participant, ABE))
    provenance(g, ARTICLE_B, "b1", (CALL, KG.participant, ABE), text, "0.7")
    return add_keys(g)


def plain(term: rdflib.term.Node) -> rdflib.term.Node:
    """A literal as the store gives it back.

    RDF 1.1 makes "x" and "x"^^xsd:string one literal; rdflib keeps them apart, the store does not. And
    Oxigraph keeps every integer as an xsd:integer: "3"^^xsd:nonNegativeInteger reads back as "3"^^xsd:integer
    (see test_oxigraph_stores_derived_integers_as_xsd_integer).
    """
    if isinstance(term, Literal) and term.datatype == XSD_STRING:
        return Literal(str(term))
    if isinstance(term, Literal) and term.datatype == rdflib.XSD.nonNegativeInteger:
        return Literal(str(term), datatype=rdflib.XSD.integer)
    return term


def triples(graph: Graph) -> set[tuple]:
    return {(s, p, plain(o)) for s, p, o in graph}


def quads_of(articles: dict[URIRef, Graph]) -> set[tuple]:
    return {(s, p, o, article) for article, graph in articles.items() for s, p, o in triples(graph)}


def parse_quads(data: bytes, fmt: str) -> set[tuple]:
    dataset = Dataset()
    dataset.parse(data=data, format=fmt)
    return {(s, p, plain(o), g) for s, p, o, g in dataset.quads((None, None, None, None))}


def stored_quads(store: Store) -> set[tuple]:
    out = io.BytesIO()
    store.export(out, "nquads")
    return parse_quads(out.getvalue(), "nquads")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def store(store_path: Path):
    with Store.open(store_path) as opened:
        opened.replace_article(article_a(), ARTICLE_A)
        opened.replace_article(article_b(), ARTICLE_B)
        yield opened


def union() -> Graph:
    return article_a() + article_b()


# --- named graphs --------------------------------------------------------------------------------------


def test_two_articles_round_trip_each_in_its_named_graph(store_path):
    with Store.open(store_path) as store:
        store.replace_article(article_a(), ARTICLE_A)
        store.replace_article(article_b(), ARTICLE_B)
    with Store.open(store_path, read_only=True) as again:
        assert again.articles() == [str(ARTICLE_A), str(ARTICLE_B)]
        # Each article's graph, and the merged graph (the default graph) with each triple once.
        assert len(again) == len(article_a()) + len(article_b()) + len(union())
        assert stored_quads(again) == quads_of({ARTICLE_A: article_a(), ARTICLE_B: article_b()})
        assert triples(again.to_graph()) == triples(union())


def test_replacing_an_article_drops_its_stale_facts_and_adds_no_duplicates(store):
    rebuilt = article_a()
    rebuilt.remove((INADA, None, None))
    rebuilt.remove((MEETING, KG.participant, INADA))
    rebuilt.set((MATTIS, KG.title, Literal("Secretary of Defense")))
    store.replace_article(rebuilt, ARTICLE_A)
    store.replace_article(rebuilt, ARTICLE_A)
    assert store.articles() == [str(ARTICLE_A), str(ARTICLE_B)]
    assert len(store) == len(rebuilt) + len(article_b()) + len(rebuilt + article_b())
    assert stored_quads(store) == quads_of({ARTICLE_A: rebuilt, ARTICLE_B: article_b()})
    assert triples(store.to_graph()) == triples(rebuilt + article_b()), "the merged graph follows"
    assert store.run_named("nation-officials", iso3="JPN") == [
        {"official": str(ABE), "name": "Shinzo Abe", "title": "Prime Minister"}
    ]


def test_blank_nodes_are_new_nodes_of_their_article_and_replaced_with_it(store_path):
    g = Graph()
    node = rdflib.BNode()
    g.add((ARTICLE_A, KG.alias, node))
    g.add((node, KG.name, Literal("anonymous")))
    with Store.open(store_path) as store:
        store.replace_article(g, ARTICLE_A)
        store.replace_article(g, ARTICLE_A)
        store.replace_article(g, ARTICLE_B)
        assert len(store) == 8  # two triples in each article's graph, and those four in the merged graph
        rows = store.query(f"SELECT ?b ?n WHERE {{ <{ARTICLE_A}> <{KG.alias}> ?b . ?b <{KG.name}> ?n }}")
        assert [row["n"] for row in rows] == ["anonymous", "anonymous"]
        assert rows[0]["b"] != rows[1]["b"], "each article has its own blank node"


def test_an_official_in_two_articles_is_one_node_of_the_union(store):
    mattis = [row for row in store.run_named("officials") if row["official"] == str(MATTIS)]
    assert mattis == [
        {"official": str(MATTIS), "name": "Jim Mattis", "title": "Defense Secretary", "nation": "USA"},
        {"official": str(MATTIS), "name": "Mattis", "title": "Defense Secretary", "nation": "USA"},
    ]


PARAMS = {"name": "mattis", "iso3": "jpn"}


# office-holders reads the tenure linking writes, which these hand-made graphs lack: tests/test_link.py runs it.
@pytest.mark.parametrize("name", [n for n in query_names() if n != "office-holders"])
def test_named_queries_give_the_rows_kg_query_gives_on_the_union(store, name):
    params = {param: PARAMS[param] for param in load_query(name).params}
    expected = query(union(), name, **params)
    assert expected, f"the test graphs give {name} no rows"
    assert store.run_named(name, **params) == expected


def test_a_query_by_path_and_its_parameters(store, tmp_path):
    path = tmp_path / "titles.rq"
    path.write_text(
        "# Titles by name.\n# param: who — a name\nPREFIX kg: <https://w3id.org/kg/ontology#>\n"
        "SELECT DISTINCT ?title WHERE { ?o kg:name ?n ; kg:title ?title . FILTER (STR(?n) = STR(?who)) }\n",
        encoding="utf-8",
    )
    assert store.run_named(path, who="Shinzo Abe") == [{"title": "Prime Minister"}]


# --- parameters are data -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "param"), [("official-meetings", "name"), ("entity", "name"), ("nation-places", "iso3")]
)
def test_a_parameter_with_quotes_and_braces_is_data(store, name, param):
    before = stored_quads(store)
    assert store.run_named(name, **{param: INJECTION}) == []
    assert stored_quads(store) == before


def test_a_name_that_looks_like_sparql_matches_as_a_plain_name(store):
    odd = KGR["official/odd"]
    g = article_b()
    g.add((odd, RDF.type, KG.Official))
    g.add((odd, KG.name, Literal(INJECTION)))
    g.add((CALL, KG.participant, odd))
    g.add((MEETING, RDF.type, KG.Meeting))
    g.add((MEETING, KG.participant, odd))
    store.replace_article(add_keys(g), ARTICLE_B)
    rows = store.run_named("official-meetings", name=INJECTION.upper())
    assert {row["participantName"] for row in rows} == {"Jim Mattis", "Shinzo Abe", "Tomomi Inada", INJECTION}
    bound = store.query(f"SELECT ?o WHERE {{ ?o <{KG.name}> ?name }}", {"name": INJECTION})
    assert bound == [{"o": str(odd)}]


def test_bindings_take_rdflib_terms(store):
    rows = store.query(f"SELECT DISTINCT ?name WHERE {{ ?who <{KG.name}> ?name }}", {"who": ABE})
    assert rows == [{"name": "Shinzo Abe"}]
    # A variable the SELECT clause projects keeps its bound value, as with rdflib.
    rows = store.query(f"SELECT DISTINCT ?who ?name WHERE {{ ?who <{KG.name}> ?name }}", {"who": ABE})
    assert rows == [{"who": str(ABE), "name": "Shinzo Abe"}]


def test_the_merged_graph_states_a_triple_once_whatever_the_articles_that_state_it(store):
    sparql = f"SELECT ?name WHERE {{ ?who <{KG.name}> ?name }}"
    assert store.query(sparql, {"who": ABE}) == [{"name": "Shinzo Abe"}]
    assert len(union().query(sparql, initBindings={"who": ABE})) == 1
    # What each article says is in its own graph.
    per_article = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?who <{KG.name}> ?name }} }} ORDER BY ?g"
    assert store.query(per_article, {"who": ABE}) == [{"g": str(ARTICLE_A)}, {"g": str(ARTICLE_B)}]


def test_dropping_an_article_keeps_in_the_merged_graph_what_another_states(store):
    store.replace_article(Graph(), ARTICLE_A)
    assert triples(store.to_graph()) == triples(article_b())
    assert store.query(f"SELECT ?name WHERE {{ <{ABE}> <{KG.name}> ?name }}") == [{"name": "Shinzo Abe"}]


def test_oxigraph_stores_derived_integers_as_xsd_integer(store):
    # Not kg's choice: Oxigraph (0.4 and 0.5) keeps no integer type but xsd:integer, so the nif:beginIndex and
    # nif:endIndex that kg writes as xsd:nonNegativeInteger come back from the store as xsd:integer.
    sentence = f"{ARTICLE_B}#char=0,31"
    rows = store.query(f"SELECT ?end (DATATYPE(?end) AS ?type) WHERE {{ <{sentence}> <{NIF.endIndex}> ?end }}")
    assert rows == [{"end": "31", "type": str(rdflib.XSD.integer)}]


# --- export --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("trig", "trig"), ("nquads", "nquads")])
def test_export_with_named_graphs_reparses_to_the_same_quads(store, tmp_path, fmt, rdflib_format):
    target = tmp_path / f"out.{fmt}"
    store.export(target, fmt)
    expected = quads_of({ARTICLE_A: article_a(), ARTICLE_B: article_b()})
    assert parse_quads(target.read_bytes(), rdflib_format) == expected
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_export_of_the_union_has_each_triple_once(store, fmt, rdflib_format):
    out = io.BytesIO()
    store.export(out, fmt)
    data = out.getvalue()
    exported = Graph().parse(data=data, format=rdflib_format)
    assert triples(exported) == triples(union())
    if fmt == "nt":
        assert len(data.splitlines()) == len(triples(union()))


def test_export_formats_and_errors(store, tmp_path):
    assert set(EXPORT_FORMATS) == {"trig", "nquads", "turtle", "nt", "jsonld"}
    with pytest.raises(UsageError, match="unknown export format 'rdfxml'"):
        store.export(tmp_path / "x.rdf", "rdfxml")
    with pytest.raises(UsageError, match="cannot write"):
        store.export(tmp_path / "missing" / "x.trig", "trig")


# --- errors --------------------------------------------------------------------------------------------


def test_query_errors(store):
    with pytest.raises(QueryError, match="does not parse"):
        store.query("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryError, match="SELECT queries only"):
        store.query("ASK { ?s ?p ?o }")
    with pytest.raises(QueryError, match=r"not SELECT \*"):
        store.query("SELECT * WHERE { ?s ?p ?name }", {"name": "x"})
    with pytest.raises(QueryError, match="not a valid SPARQL variable"):
        store.query("SELECT ?s WHERE { ?s ?p ?o }", {"two words": "x"})
    with pytest.raises(QueryError, match=r"no parameter nam\b"):
        store.run_named("official-meetings", nam="Mattis")
    with pytest.raises(QueryError, match="needs a value for iso3"):
        store.run_named("nation-places")
    with pytest.raises(QueryError, match="unknown query 'oficials'"):
        store.run_named("oficials")


def test_a_graph_the_store_cannot_hold(store):
    g = Graph()
    g.add((URIRef("https://w3id.org/kg/id/official/jim mattis"), KG.name, Literal("Jim Mattis")))
    with pytest.raises(GraphError, match="jim mattis"):
        store.replace_article(g, ARTICLE_A)
    with pytest.raises(GraphError, match="not a valid IRI"):
        store.replace_article(article_a(), "not an iri")
    assert stored_quads(store) == quads_of({ARTICLE_A: article_a(), ARTICLE_B: article_b()})


def test_a_closed_or_read_only_store_says_so(store_path):
    with Store.open(store_path) as store:
        store.replace_article(article_a(), ARTICLE_A)
    with pytest.raises(StoreError, match="closed"):
        store.articles()
    with Store.open(store_path, read_only=True) as reader, pytest.raises(StoreError, match="read-only"):
        reader.replace_article(article_b(), ARTICLE_B)


def test_folders_that_are_not_stores(tmp_path):
    a_file = tmp_path / "graph.ttl"
    a_file.write_text("# not a store\n", encoding="utf-8")
    with pytest.raises(StoreError, match="is a file"):
        Store.open(a_file)
    with pytest.raises(StoreError, match="holds other files"):
        Store.open(tmp_path)
    with pytest.raises(StoreError, match="there is no store at"):
        Store.open(tmp_path / "missing", read_only=True)
    with Store.open(tmp_path / "new" / "nested") as store:
        assert store.articles() == []
    assert (tmp_path / "new" / "nested" / LOCK_FILE).is_file()


# --- two writers ---------------------------------------------------------------------------------------


def test_a_second_writer_gets_store_error_at_once(store_path):
    with Store.open(store_path):
        start = time.monotonic()
        with pytest.raises(StoreError, match=rf"in use by another kg process \(pid {os.getpid()}\)") as info:
            Store.open(store_path)
        assert time.monotonic() - start < 1
        assert "use another --store" in str(info.value)
        with pytest.raises(StoreError, match="in use"):
            Store.open(store_path, wait=0.2)
        assert time.monotonic() - start >= 0.2


def test_a_writer_that_waits_gets_the_store_when_the_first_closes(store_path):
    first = Store.open(store_path)
    first.replace_article(article_a(), ARTICLE_A)
    closer = threading.Timer(0.3, first.close)
    closer.start()
    start = time.monotonic()
    with Store.open(store_path, wait=30) as second:
        assert time.monotonic() - start >= 0.25
        assert second.articles() == [str(ARTICLE_A)]
    closer.join()


HOLD_STORE = """
import sys
from kg.store import Store
with Store.open(sys.argv[1]) as store:
    print("ready", flush=True)
    sys.stdin.readline()
"""


def test_a_writer_in_another_process_is_named_by_its_pid(store_path):
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_STORE, str(store_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline() == "ready\n"
        with pytest.raises(StoreError, match=rf"in use by another kg process \(pid {child.pid}\)"):
            Store.open(store_path)
        with pytest.raises(StoreError, match=rf"in use by another kg process \(pid {child.pid}\)"):
            Store.open(store_path, read_only=True)
    finally:
        child.communicate("done\n", timeout=60)
    with Store.open(store_path, read_only=True, wait=30) as reader:
        assert len(reader) == 0
    assert (store_path / LOCK_FILE).read_text() == "", "a writer that closed leaves no pid behind"


def test_a_reader_waits_for_the_writer(store):
    # pyoxigraph cannot read a store another process writes (a read-only open fails now and then, or a
    # query on it runs away): readers and a writer never overlap.
    with pytest.raises(StoreError, match=rf"in use by another kg process \(pid {os.getpid()}\)"):
        Store.open(store.path, read_only=True)
    closer = threading.Timer(0.3, store.close)
    closer.start()
    with Store.open(store.path, read_only=True, wait=30) as reader:
        assert reader.articles() == [str(ARTICLE_A), str(ARTICLE_B)]
        assert reader.run_named("officials") == query(union(), "officials")
    closer.join()


def test_readers_share_the_store_and_a_writer_waits_for_them(store_path):
    with Store.open(store_path) as writer:
        writer.replace_article(article_a(), ARTICLE_A)
    with Store.open(store_path, read_only=True) as first, Store.open(store_path, read_only=True) as second:
        assert first.articles() == second.articles() == [str(ARTICLE_A)]
        with pytest.raises(StoreError, match=r"in use by another kg process \(reading it\)"):
            Store.open(store_path)
    with Store.open(store_path) as writer:
        assert writer.articles() == [str(ARTICLE_A)]


def test_a_program_other_than_kg_holding_the_store(store_path):
    with Store.open(store_path):
        pass
    other = pyoxigraph.Store(str(store_path))  # as an oxigraph server would hold it
    try:
        with pytest.raises(StoreError, match="open in another program"):
            Store.open(store_path)
    finally:
        del other
    with Store.open(store_path):
        pass


# --- a writer killed half way --------------------------------------------------------------------------

ARTICLES = 4


def crash_article(index: int) -> URIRef:
    return KGR[f"article/crash{index:012d}"]


def crash_graph(index: int, version: int) -> Graph:
    """Version ``version`` of article ``index``: its size and every literal tell the version."""
    g = Graph()
    article = crash_article(index)
    g.add((article, RDF.type, KG.Article))
    g.add((article, KG.name, Literal(f"version {version}")))
    official(g, MATTIS, "Jim Mattis", "Defense Secretary", USA, "Mattis")
    for k in range(1000 + 37 * index + 101 * (version % 3)):
        g.add((KGR[f"official/person-{index}-{k}"], KG.alias, Literal(f"v{version} p{k}")))
    return g


def write_until_killed(path: str) -> None:
    """The child: replace every article again and again, saying when each write starts and is committed."""
    with Store.open(path) as store:
        for version in itertools.count():
            for index in range(ARTICLES):
                graph = crash_graph(index, version)
                print("start", index, version, time.monotonic(), flush=True)
                store.replace_article(graph, crash_article(index))
                print("done", index, version, time.monotonic(), flush=True)


def test_a_writer_killed_half_way_leaves_every_article_whole(store_path):
    code = (
        f"import sys; sys.path.insert(0, {str(TESTS)!r}); import test_store; test_store.write_until_killed(sys.argv[1])"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(store_path)], stdout=subprocess.PIPE, text=True)
    committed: dict[int, int] = {}
    started, durations = 0.0, []
    try:
        for line in child.stdout:
            event, index, version, when = line.split()
            if event == "done":
                committed[int(index)] = int(version)
                durations.append(float(when) - started)
            started = float(when)
            if event == "start" and (int(index), int(version)) == (2, 1):
                break
        # A third of the way into the write: past turning the graph into N-Triples, inside the transaction.
        time.sleep(sorted(durations)[len(durations) // 2] / 3)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        rest = child.communicate(timeout=60)[0]
    assert child.returncode == -signal.SIGKILL
    assert "done 2 1" not in rest, "the child finished its write before it was killed; kill it sooner"

    with Store.open(store_path) as store:  # the killed writer's lock went with it
        assert store.articles() == sorted(str(crash_article(index)) for index in range(ARTICLES))
        stored = stored_quads(store)
    for index in range(ARTICLES):
        article = crash_article(index)
        graph = {(s, p, o) for s, p, o, g in stored if g == article}
        (version,) = {int(str(o).split()[1]) for s, p, o in graph if s == article and p == KG.name}
        # Every committed write is there; the one killed half way is not there at all, nor half of it (its
        # transaction can have ended in the instant before the child could say so).
        assert version == committed[index] or (index, version) == (2, 1)
        assert graph == triples(crash_graph(index, version)), f"article {index} version {version} is not whole"


@pytest.mark.parametrize("module", ["kg.store", "kg.store.writing"])
def test_docstring_examples(module):
    failures, tried = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert tried and not failures


# --- sources, article graphs, whole graph -----------------------------------------------------------------


def test_an_article_from_the_same_source_replaces_its_older_version(tmp_path):
    with Store.open(tmp_path / "s") as store:
        store.replace_article(article_a(), ARTICLE_A, source="https://example.org/story")
        store.replace_article(article_b(), ARTICLE_B, source="https://example.org/story")  # the text changed
        assert store.articles() == [str(ARTICLE_B)]
        assert store.sources() == {"https://example.org/story"}
        store.replace_article(article_a(), ARTICLE_A, source="/data/other.txt")
        assert store.articles() == sorted([str(ARTICLE_A), str(ARTICLE_B)])
        assert store.sources() == {"https://example.org/story", "/data/other.txt"}


def test_article_graph_and_to_graph(store):
    assert triples(store.article_graph(str(ARTICLE_A))) == triples(article_a())
    assert len(store.article_graph("https://w3id.org/kg/id/article/none")) == 0
    assert triples(store.to_graph()) == triples(union())


def test_locked_holds_the_store_lock_without_opening_it(tmp_path):
    path = tmp_path / "s"
    Store.open(path).close()
    with locked(path, shared=True):
        with Store.open(path, read_only=True):
            pass  # readers share
        with pytest.raises(StoreError, match="in use by another kg process"):
            Store.open(path)
    Store.open(path).close()  # freed


# --- several articles at once ------------------------------------------------------------------------------


def batch_of_articles() -> list[tuple[str, list[str], str | None]]:
    """Two new articles (the second with a blank node), then a new version of the first's source."""
    b = article_b()
    node = rdflib.BNode()
    b.add((node, KG.name, Literal("anonymous")))
    b.add((MATTIS, KG.alias, node))
    return [
        (str(ARTICLE_A), ntriples_lines(article_a()), "https://example.org/a"),
        (str(ARTICLE_B), ntriples_lines(b), None),
        (str(KGR["article/a-changed"]), ntriples_lines(article_b()), "https://example.org/a"),
    ]


def canonical_quads(store: Store) -> tuple[set[str], int]:
    """The store's quads with blank node labels made one, and how many labels there were."""
    found = {str(q) for q in store._db}
    labels = {label for q in found for label in re.findall(r"_:\w+", q)}
    return {re.sub(r"_:\w+", "_:b", q) for q in found}, len(labels)


def test_write_articles_gives_the_store_that_one_article_at_a_time_gives(tmp_path):
    with Store.open(tmp_path / "one") as one, Store.open(tmp_path / "many") as many:
        for article, lines, source in batch_of_articles():
            one.replace_article_ntriples(lines, article, source=source)
        many.write_articles(batch_of_articles())
        assert many.articles() == one.articles() == sorted([str(ARTICLE_B), str(KGR["article/a-changed"])])
        # One blank node, the same node in its article's graph and in the merged graph.
        assert canonical_quads(many) == (canonical_quads(one)[0], 1)
        # An article the store holds is replaced, and the merged graph keeps only what other articles state.
        many.write_articles([(str(ARTICLE_B), ntriples_lines(article_a()), None)])
        one.replace_article_ntriples(ntriples_lines(article_a()), str(ARTICLE_B))
        assert canonical_quads(many) == canonical_quads(one)


class StopsWriting:
    """A store's database that stops, as a killed process would, at its ``stop``-th bulk write."""

    def __init__(self, db: pyoxigraph.Store, stop: int) -> None:
        self.db, self.stop = db, stop

    def __getattr__(self, name: str) -> object:
        return getattr(self.db, name)

    def bulk_extend(self, quads: object) -> None:
        self.stop -= 1
        if self.stop == 0:
            raise KeyboardInterrupt
        self.db.bulk_extend(quads)


@pytest.mark.parametrize("stop", [1, 2], ids=["before the named graphs", "before the merged graph"])
def test_a_write_stopped_half_way_is_finished_by_the_next_writer(tmp_path, stop):
    batch = batch_of_articles()[:2]
    with Store.open(tmp_path / "whole") as whole:
        whole.write_articles(batch)
        expected = canonical_quads(whole), whole.run_named("meetings")
    with Store.open(tmp_path / "s") as store:
        real = store._db
        store._db = StopsWriting(real, stop)
        with pytest.raises(KeyboardInterrupt):
            store.write_articles(batch)
        store._db = real
        del real  # Oxigraph closes the database with its last reference
    assert (tmp_path / "s" / PENDING_FILE).exists()
    with pytest.raises(StoreError, match=r"left half written.*--resume"):
        Store.open(tmp_path / "s", read_only=True)
    with pytest.raises(StoreError, match=r"left half written"):  # nor served read-only
        serve(tmp_path / "s", bind=f"127.0.0.1:{free_port()}")
    Store.open(tmp_path / "s").close()
    assert not (tmp_path / "s" / PENDING_FILE).exists()
    with Store.open(tmp_path / "s", read_only=True) as store:
        assert (canonical_quads(store), store.run_named("meetings")) == expected
        assert expected[1], "the articles' meeting is in the merged graph"


def test_limit_and_offset_page_in_the_store(store):
    everything = store.run_named("officials")
    assert len(everything) > 3
    assert store.run_named("officials", limit=2, offset=1) == everything[1:3]
    assert list(store.named_rows("officials", limit=1)) == everything[:1]
    assert (
        store.run_named("official-meetings", name="MATTIS", offset=1)
        == store.run_named("official-meetings", name="mattis")[1:]
    )


def test_a_query_that_selects_its_parameter_runs_on_the_store(store, tmp_path):
    # Parameters are written into the text a store runs; one the query selects cannot be, and is bound instead.
    path = tmp_path / "who.rq"
    path.write_text(
        "# Who.\n# param: who — a name\nPREFIX kg: <https://w3id.org/kg/ontology#>\n"
        "SELECT ?who ?title WHERE { ?o kg:name ?who ; kg:title ?title }\n",
        encoding="utf-8",
    )
    expected = [{"who": "Shinzo Abe", "title": "Prime Minister"}]
    assert store.run_named(path, who="Shinzo Abe") == expected == query(union(), path, who="Shinzo Abe")
