"""Tables for analysts (`kg.tables`, `kg tables`): one row per entity, from a graph, a graph file or a store.

The graph is built by hand (no spaCy model): two officials (one with an alias and two titles), a meeting with
a place and a date, a phone call, an undated video call, a treaty with two parties, a place in a country and
one in none, and sources given by statements (one article with a URL, one without) and by kg:mentionedIn.
"""

from __future__ import annotations

import doctest
import hashlib
import importlib
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import rdflib
from click.testing import CliRunner
from rdflib import PROV, RDF, RDFS, Graph, Literal, URIRef
from rdflib.plugins.sparql.sparql import FrozenDict

from kg.cli import cli
from kg.errors import UsageError
from kg.namespace import KG, KGR, NIF
from kg.query import load_query, query_names
from kg.resources import load_ontology, queries_dir
from kg.store import Store
from kg.tables import COLUMNS, tables, write_tables

# The provenance level "sentences" writes no statements, only the sentences each entity is mentioned in. Spelt
# out rather than KG.mentionedIn: the tables must read it whatever the namespace declares.
MENTIONED_IN = URIRef("https://w3id.org/kg/ontology#mentionedIn")

USA, JPN = KGR["nation/USA"], KGR["nation/JPN"]
MATTIS, ABE = KGR["official/jim-mattis"], KGR["official/shinzo-abe"]
TOKYO, SOMEWHERE = KGR["place/tokyo"], KGR["place/somewhere"]
TREATY = KGR["treaty/us-japan-security-treaty"]
# The call sorts before the meeting by date but after it by IRI; the video call has no date.
MEETING, CALL, VIDEO = KGR["encounter/aaaaaaaaaaaa"], KGR["encounter/bbbbbbbbbbbb"], KGR["encounter/000000000000"]
ARTICLE_URL = "https://example.org/news/mattis-in-tokyo"
WITH_URL, WITHOUT_URL = KGR["article/1111111111111111"], KGR["article/2222222222222222"]


def sentence(g: Graph, article: URIRef, begin: int) -> URIRef:
    node = URIRef(f"{article}#char={begin},{begin + 10}")
    g.add((node, RDF.type, NIF.Sentence))
    g.add((node, NIF.referenceContext, article))
    return node


def state(g: Graph, article: URIRef, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
    """Add ``s p o`` with its rdf:Statement, derived from a sentence of ``article``."""
    g.add((s, p, o))
    statement = KGR[f"statement/{hashlib.sha1(f'{article} {s} {p} {o.n3()}'.encode()).hexdigest()[:16]}"]
    g.add((statement, RDF.type, RDF.Statement))
    g.add((statement, RDF.subject, s))
    g.add((statement, RDF.predicate, p))
    g.add((statement, RDF.object, o))
    g.add((statement, PROV.wasDerivedFrom, sentence(g, article, 0)))


def encounter(g: Graph, node: URIRef, kind: URIRef, *participants: URIRef) -> None:
    g.add((node, RDF.type, kind))
    g.add((node, RDF.type, KG.Encounter))
    for participant in participants:
        g.add((node, KG.participant, participant))


def hand_made() -> Graph:
    g = Graph()
    for article in (WITH_URL, WITHOUT_URL):
        g.add((article, RDF.type, KG.Article))
    g.add((WITH_URL, rdflib.SDO.url, URIRef(ARTICLE_URL)))
    for node, name, iso3 in ((USA, "United States", "USA"), (JPN, "Japan", "JPN")):
        g.add((node, RDF.type, KG.Nation))
        g.add((node, KG.name, Literal(name)))
        g.add((node, KG.iso3, Literal(iso3)))

    g.add((MATTIS, RDF.type, KG.Official))
    state(g, WITH_URL, MATTIS, KG.name, Literal("Jim Mattis"))
    state(g, WITHOUT_URL, MATTIS, KG.alias, Literal("Mattis"))
    state(g, WITH_URL, MATTIS, KG.title, Literal("Secretary of Defense"))
    g.add((MATTIS, KG.title, Literal("Defense Secretary")))
    state(g, WITH_URL, MATTIS, KG.serves, USA)
    # Abe has no statements: only mentions, as the provenance level without statements writes them.
    g.add((ABE, RDF.type, KG.Official))
    g.add((ABE, KG.name, Literal("Shinzo Abe")))
    g.add((ABE, KG.title, Literal("Prime Minister")))
    g.add((ABE, KG.holdsOffice, KGR["office/JPN/prime-minister"]))
    g.add((KGR["office/JPN/prime-minister"], KG.officeOf, JPN))
    g.add((ABE, MENTIONED_IN, sentence(g, WITHOUT_URL, 20)))

    g.add((TOKYO, RDF.type, KG.Place))
    state(g, WITH_URL, TOKYO, KG.name, Literal("Tokyo"))
    g.add((TOKYO, KG.alias, Literal("Tokio")))
    g.add((TOKYO, KG.country, JPN))
    g.add((SOMEWHERE, RDF.type, KG.Place))
    g.add((SOMEWHERE, KG.name, Literal("Somewhere")))

    encounter(g, MEETING, KG.Meeting, MATTIS, ABE)
    state(g, WITH_URL, MEETING, KG.place, TOKYO)
    state(g, WITHOUT_URL, MEETING, KG.date, Literal("2017-02-03", datatype=rdflib.XSD.date))
    encounter(g, CALL, KG.PhoneCall, ABE, MATTIS)
    g.add((CALL, KG.date, Literal("2017-01-28", datatype=rdflib.XSD.date)))
    g.add((CALL, MENTIONED_IN, sentence(g, WITH_URL, 40)))
    encounter(g, VIDEO, KG.VideoCall, MATTIS)

    g.add((TREATY, RDF.type, KG.Treaty))
    g.add((TREATY, KG.name, Literal("Treaty of Mutual Cooperation and Security")))
    state(g, WITH_URL, TREATY, KG.alias, Literal("U.S.-Japan security treaty"))
    state(g, WITH_URL, TREATY, KG.party, USA)
    state(g, WITH_URL, TREATY, KG.party, JPN)
    return g


EXPECTED = {
    "officials": [
        {
            "official": str(MATTIS),
            "name": "Jim Mattis",
            "aliases": "Mattis",
            "titles": "Defense Secretary; Secretary of Defense",
            "nations": "USA",
            "sources": f"{ARTICLE_URL}; {WITHOUT_URL}",
        },
        {
            "official": str(ABE),
            "name": "Shinzo Abe",
            "aliases": None,
            "titles": "Prime Minister",
            "nations": "JPN",
            "sources": str(WITHOUT_URL),
        },
    ],
    "meetings": [
        {
            "meeting": str(CALL),
            "kind": "PhoneCall",
            "date": "2017-01-28",
            "place": None,
            "country": None,
            "participants": "Jim Mattis; Shinzo Abe",
            "participant_ids": f"{MATTIS}; {ABE}",
            "sources": ARTICLE_URL,
        },
        {
            "meeting": str(MEETING),
            "kind": "Meeting",
            "date": "2017-02-03",
            "place": "Tokyo",
            "country": "JPN",
            "participants": "Jim Mattis; Shinzo Abe",
            "participant_ids": f"{MATTIS}; {ABE}",
            "sources": f"{ARTICLE_URL}; {WITHOUT_URL}",
        },
        {
            "meeting": str(VIDEO),
            "kind": "VideoCall",
            "date": None,
            "place": None,
            "country": None,
            "participants": "Jim Mattis",
            "participant_ids": str(MATTIS),
            "sources": None,
        },
    ],
    "treaties": [
        {
            "treaty": str(TREATY),
            "name": "Treaty of Mutual Cooperation and Security",
            "aliases": "U.S.-Japan security treaty",
            "parties": "JPN; USA",
            "sources": ARTICLE_URL,
        }
    ],
    "places": [
        {"place": str(SOMEWHERE), "name": "Somewhere", "aliases": None, "country": None, "sources": None},
        {"place": str(TOKYO), "name": "Tokyo", "aliases": "Tokio", "country": "JPN", "sources": ARTICLE_URL},
    ],
    "nations": [
        {"nation": str(JPN), "name": "Japan", "iso3": "JPN"},
        {"nation": str(USA), "name": "United States", "iso3": "USA"},
    ],
}


def records(frame: pd.DataFrame) -> list[dict[str, str | None]]:
    """The rows of ``frame`` as dicts, a missing value (NA, NaN, None) as None."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


@pytest.fixture(scope="module")
def graph() -> Graph:
    return hand_made()


@pytest.fixture(scope="module")
def made(graph: Graph) -> dict[str, pd.DataFrame]:
    return tables(graph)


@pytest.fixture(scope="module")
def store_path(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "corpus.db"
    with Store.open(path) as store:
        store.replace_article(graph, str(WITH_URL))
    return path


# --- the tables of a graph ---------------------------------------------------------------------------------


def test_the_tables_and_their_columns_in_order(made):
    assert list(made) == ["officials", "meetings", "treaties", "places", "nations"]
    for name, frame in made.items():
        assert tuple(frame.columns) == COLUMNS[name]
        assert all(dtype == pd.StringDtype() for dtype in frame.dtypes), name


@pytest.mark.parametrize("name", list(COLUMNS))
def test_each_table_holds_one_row_per_entity(made, name):
    assert records(made[name]) == EXPECTED[name]


def test_a_missing_value_is_na_in_the_dataframe(made):
    somewhere = made["places"].iloc[0]
    assert somewhere["place"] == str(SOMEWHERE)
    assert somewhere["country"] is pd.NA and somewhere["sources"] is pd.NA


def test_every_kind_of_encounter_of_the_ontology_is_a_row_with_its_kind():
    ontology = load_ontology()
    kinds = sorted(ontology.subjects(RDFS.subClassOf, KG.Encounter))
    assert len(kinds) >= 5, "the ontology has lost its kinds of encounter"
    g = Graph()
    for i, kind in enumerate(kinds):
        encounter(g, KGR[f"encounter/{i:012d}"], kind)
    meetings = tables(g)["meetings"]
    assert list(meetings["kind"]) == [str(kind).rpartition("#")[2] for kind in kinds]


def test_participants_line_up_with_their_iris_and_an_unnamed_one_is_its_iri():
    g = Graph()
    zed, unnamed = KGR["official/aaa-zed"], KGR["official/unnamed"]
    g.add((zed, KG.name, Literal("Zed")))
    g.add((ABE, KG.name, Literal("Shinzo Abe")))
    encounter(g, MEETING, KG.Meeting, zed, ABE, unnamed)
    (row,) = records(tables(g)["meetings"])
    # By name: the IRIs follow their names, not their own order.
    assert row["participants"] == f"Shinzo Abe; Zed; {unnamed}"
    assert row["participant_ids"] == f"{ABE}; {zed}; {unnamed}"


@pytest.mark.parametrize("name", list(COLUMNS))
def test_rows_of_many_entities_do_not_share_a_hash_in_rdflibs_distinct(name):
    # rdflib's DISTINCT keeps a set of rows hashed by XOR of their terms: a row holding an IRI and its STR()
    # hashes alike for every entity, and the set turns quadratic (18 s instead of 1 s for 2,000 officials).
    g = Graph()
    kind = {"officials": KG.Official, "meetings": KG.Meeting, "treaties": KG.Treaty, "places": KG.Place}
    for i in range(200):
        node = KGR[f"{name}/{i}"]
        g.add((node, RDF.type, kind.get(name, KG.Nation)))
        g.add((node, RDF.type, KG.Encounter))
        g.add((node, KG.name, Literal(f"name {i}")))
        g.add((node, KG.participant, MATTIS))
    query = load_query(Path(str(queries_dir())) / "tables" / f"{name}.rq")
    rows = g.query(query.text.replace("SELECT DISTINCT", "SELECT", 1)).bindings
    hashes = {hash(FrozenDict(row)) for row in rows}
    assert len(rows) >= 400 and len(hashes) > 0.95 * len(rows)


def test_an_empty_graph_gives_empty_tables_with_their_columns():
    made = tables(Graph())
    assert [len(frame) for frame in made.values()] == [0] * 5
    assert {name: tuple(frame.columns) for name, frame in made.items()} == COLUMNS


# --- the same tables from a graph file and a store -----------------------------------------------------------


def test_a_graph_file_gives_the_tables_of_its_graph(graph, made, tmp_path):
    path = tmp_path / "graph.ttl"
    graph.serialize(path, format="turtle")
    for name, frame in tables(path).items():
        pd.testing.assert_frame_equal(frame, made[name])


def test_a_store_gives_the_tables_of_the_graph(store_path, made):
    with Store.open(store_path, read_only=True) as store:
        from_store = tables(store)
    from_folder = tables(str(store_path))
    for name, frame in made.items():
        pd.testing.assert_frame_equal(from_store[name], frame)
        pd.testing.assert_frame_equal(from_folder[name], frame)


# --- kg tables -------------------------------------------------------------------------------------------------


def expected_lines(suffix: str) -> list[str]:
    return [f"{name}{suffix}: {len(rows)} row{'' if len(rows) == 1 else 's'}" for name, rows in EXPECTED.items()]


def test_cli_writes_csv_that_pandas_reads_back(graph, tmp_path):
    source = tmp_path / "graph.ttl"
    graph.serialize(source, format="turtle")
    out = tmp_path / "new" / "tables"
    result = CliRunner().invoke(cli, ["tables", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == expected_lines(".csv")
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{name}.csv" for name in COLUMNS)
    for name, rows in EXPECTED.items():
        frame = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        assert tuple(frame.columns) == COLUMNS[name]
        assert frame.to_dict("records") == [{k: v or "" for k, v in row.items()} for row in rows]


def test_cli_writes_parquet_from_a_store(store_path, tmp_path):
    out = tmp_path / "tables"
    result = CliRunner().invoke(cli, ["tables", str(store_path), "-o", str(out), "--format", "parquet"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == expected_lines(".parquet")
    for name, rows in EXPECTED.items():
        frame = pd.read_parquet(out / f"{name}.parquet")
        assert tuple(frame.columns) == COLUMNS[name]
        assert records(frame) == rows


def test_an_empty_table_is_written_with_its_header(tmp_path):
    write_tables(Graph(), tmp_path, "csv")
    assert (tmp_path / "nations.csv").read_text(encoding="utf-8") == "nation,name,iso3\n"
    write_tables(Graph(), tmp_path, "parquet")
    assert tuple(pd.read_parquet(tmp_path / "officials.parquet").columns) == COLUMNS["officials"]


def test_an_unknown_format_is_refused(graph, tmp_path):
    source = tmp_path / "graph.ttl"
    graph.serialize(source, format="turtle")
    result = CliRunner().invoke(cli, ["tables", str(source), "-o", str(tmp_path / "out"), "--format", "xlsx"])
    assert result.exit_code == 2
    assert "'xlsx' is not one of 'csv', 'parquet'" in result.output
    assert not (tmp_path / "out").exists()


def bad_source(tmp_path: Path, case: str) -> Path:
    if case == "not-a-graph":
        (tmp_path / "notes.ttl").write_text("not turtle {", encoding="utf-8")
        return tmp_path / "notes.ttl"
    if case == "not-a-store":
        (tmp_path / "folder").mkdir()
        return tmp_path / "folder"
    return tmp_path / "missing.ttl"


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("missing", "does not exist; build one with `kg build"),
        ("not-a-graph", "cannot read"),
        ("not-a-store", "is a directory but not a store"),
    ],
)
def test_a_bad_source_is_one_line_and_exit_code_3(tmp_path, case, message):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["tables", str(bad_source(tmp_path, case)), "-o", str(out)])
    assert result.exit_code == 3
    assert result.output.startswith("kg: error: ") and message in result.output
    assert len(result.output.splitlines()) == 1 and "Traceback" not in result.output
    assert not out.exists(), "nothing is written for a source that cannot be read"


def test_an_output_that_is_a_file_is_a_usage_error(graph, tmp_path):
    (tmp_path / "taken").write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="cannot make the folder"):
        write_tables(graph, tmp_path / "taken", "csv")


def test_write_tables_refuses_an_unknown_format(graph, tmp_path):
    with pytest.raises(UsageError, match="unknown table format 'xlsx'; use one of csv, parquet"):
        write_tables(graph, tmp_path, "xlsx")


# --- the queries, kg queries, import kg ----------------------------------------------------------------------


def test_the_table_queries_are_not_named_queries():
    runner = CliRunner()
    assert not [name for name in query_names() if name.startswith("tables") or "/" in name]
    listed = runner.invoke(cli, ["queries"])
    assert listed.exit_code == 0 and "tables" not in listed.output
    assert "unknown query 'tables'" in runner.invoke(cli, ["query", "x.ttl", "tables"]).output


def test_import_kg_does_not_import_pandas():
    code = "import sys, kg; print('pandas' in sys.modules, 'pyarrow' in sys.modules, callable(kg.tables))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False", "True"]


def test_doctests():
    failures, tried = doctest.testmod(importlib.import_module("kg.tables"), optionflags=doctest.ELLIPSIS)
    assert tried and not failures
