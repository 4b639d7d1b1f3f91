"""Named queries, parameter binding, and reading and writing graph files, on graphs built by hand."""

from __future__ import annotations

import doctest
import importlib
import json
from decimal import Decimal

import pytest
import rdflib
from rdflib import RDF, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

import kg.serialize
from kg.errors import GraphError, QueryError, UsageError
from kg.keys import add_keys
from kg.query import load_graph, load_query, query, query_names
from kg.report import summary
from kg.serialize import write_graph

KG = Namespace("https://w3id.org/kg/ontology#")
KGR = Namespace("https://w3id.org/kg/id/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
# Plain IRIs rather than rdflib's XSD namespace object, whose attribute lookups pytest's collection trips on.
XSD_DATE = rdflib.XSD.date
XSD_COUNT = rdflib.XSD.nonNegativeInteger

USA, SGP, CHN = KGR["nation/USA"], KGR["nation/SGP"], KGR["nation/CHN"]
MATTIS, NG, ENVOY = KGR["official/jim-mattis"], KGR["official/ng-eng-hen"], KGR["official/unnamed-envoy"]
SG_DEFENCE = KGR["office/SGP/minister-for-defence"]
HOTEL, ASIA = KGR["place/shangri-la-hotel"], KGR["place/asia"]
PARIS, OPEN_SKIES = KGR["treaty/paris-agreement"], KGR["treaty/open-skies-treaty"]
MEETING, CALL = KGR["meeting/0123456789ab"], KGR["meeting/ba9876543210"]
ARTICLE = KGR["article/00112233445566778899"]
TEXT = "Defense Secretary Jim Mattis met Ng Eng Hen in Singapore."
SENTENCE = URIRef(f"{ARTICLE}#char=0,{len(TEXT)}")
STATEMENT = KGR["statement/aabbccddeeff0011"]


def s(text: str) -> Literal:
    return Literal(text)


@pytest.fixture
def graph() -> Graph:
    """A small graph of every kind of entity, as emit writes them (plain literals, a key beside each name)."""
    g = Graph()
    for nation, name, iso3 in [
        (USA, "United States", "USA"),
        (SGP, "Singapore", "SGP"),
        (CHN, "China", "CHN"),
    ]:
        g.add((nation, RDF.type, KG.Nation))
        g.add((nation, KG.name, s(name)))
        g.add((nation, KG.iso3, s(iso3)))
    g.add((USA, KG.alias, s("U.S.")))

    g.add((MATTIS, RDF.type, KG.Official))
    g.add((MATTIS, KG.name, s("Jim Mattis")))
    g.add((MATTIS, KG.alias, s("Mattis")))
    g.add((MATTIS, KG.title, s("Defense Secretary")))
    g.add((MATTIS, KG.serves, USA))
    # Ng's nation is known only through his office.
    g.add((NG, RDF.type, KG.Official))
    g.add((NG, KG.name, s("Ng Eng Hen")))
    g.add((NG, KG.title, s("Defence Minister")))
    g.add((NG, KG.holdsOffice, SG_DEFENCE))
    g.add((SG_DEFENCE, RDF.type, KG.Office))
    g.add((SG_DEFENCE, KG.name, s("Minister for Defence")))
    g.add((SG_DEFENCE, KG.officeOf, SGP))
    g.add((ENVOY, RDF.type, KG.Official))
    g.add((ENVOY, KG.name, s("Unnamed Envoy")))

    g.add((HOTEL, RDF.type, KG.Place))
    g.add((HOTEL, KG.name, s("Shangri-La Hotel")))
    g.add((HOTEL, KG.alias, s("Shangri-La")))
    g.add((HOTEL, KG.country, SGP))
    g.add((HOTEL, KG.placeKind, KG.Building))
    g.add((ASIA, RDF.type, KG.Place))
    g.add((ASIA, KG.name, s("Asia")))

    g.add((PARIS, RDF.type, KG.Treaty))
    g.add((PARIS, KG.name, s("Paris Agreement")))
    g.add((PARIS, KG.party, USA))
    g.add((PARIS, KG.party, CHN))
    g.add((OPEN_SKIES, RDF.type, KG.Treaty))
    g.add((OPEN_SKIES, KG.name, s("Open Skies Treaty")))

    g.add((MEETING, RDF.type, KG.Meeting))
    g.add((MEETING, KG.participant, MATTIS))
    g.add((MEETING, KG.participant, NG))
    g.add((MEETING, KG.place, HOTEL))
    g.add((MEETING, KG.date, Literal("2017-06-03", datatype=XSD_DATE)))
    # A phone call is an encounter but not a meeting.
    g.add((CALL, RDF.type, KG.PhoneCall))
    g.add((CALL, KG.participant, MATTIS))
    g.add((CALL, KG.date, Literal("2017-06-05", datatype=XSD_DATE)))

    g.add((ARTICLE, RDF.type, KG.Article))
    g.add((ARTICLE, NIF.isString, s(TEXT)))
    g.add((SENTENCE, RDF.type, NIF.Sentence))
    g.add((SENTENCE, NIF.beginIndex, Literal(0, datatype=XSD_COUNT)))
    g.add((SENTENCE, NIF.endIndex, Literal(len(TEXT), datatype=XSD_COUNT)))
    g.add((SENTENCE, NIF.anchorOf, s(TEXT)))
    g.add((SENTENCE, NIF.referenceContext, ARTICLE))
    g.add((STATEMENT, RDF.type, RDF.Statement))
    g.add((STATEMENT, RDF.subject, MATTIS))
    g.add((STATEMENT, RDF.predicate, KG.serves))
    g.add((STATEMENT, RDF.object, USA))
    g.add((STATEMENT, KG.confidence, Literal(Decimal("0.9"))))
    g.add((STATEMENT, PROV.wasDerivedFrom, SENTENCE))
    return add_keys(g)


def rows_of(rows: list[dict[str, str | None]], *columns: str) -> list[tuple[str | None, ...]]:
    return [tuple(row[c] for c in columns) for row in rows]


# --- the named queries ---------------------------------------------------------------------------------


def test_query_names_are_the_files_of_queries():
    assert query_names() == [
        "entity",
        "meetings",
        "nation-officials",
        "nation-places",
        "nation-treaties",
        "nations",
        "office-holders",
        "official-meetings",
        "officials",
        "places",
        "treaties",
    ]


@pytest.mark.parametrize("name", query_names())
def test_every_named_query_is_documented_and_prepared(name):
    named = load_query(name)
    assert named.name == name
    assert named.description and not named.description.startswith("param:")
    assert all(doc for doc in named.params.values())
    assert named.text.lstrip().startswith("#")
    assert "PREFIX kg:" in named.text
    assert load_query(name) is named, "prepared queries are cached per name"


@pytest.mark.parametrize(
    ("name", "variables"),
    [
        ("officials", ["official", "name", "title", "nation"]),
        ("nations", ["nation", "name", "iso3"]),
        ("places", ["place", "name", "country"]),
        ("treaties", ["treaty", "name", "party"]),
        ("meetings", ["meeting", "participant", "participantName", "placeName", "date"]),
    ],
)
def test_contract_variables(name, variables):
    assert load_query(name).variables == variables


def test_officials(graph):
    rows = query(graph, "officials")
    assert list(rows[0]) == ["official", "name", "title", "nation"]
    assert rows_of(rows, "official", "name", "title", "nation") == [
        (str(MATTIS), "Jim Mattis", "Defense Secretary", "USA"),
        (str(MATTIS), "Mattis", "Defense Secretary", "USA"),
        (str(NG), "Ng Eng Hen", "Defence Minister", "SGP"),
        (str(ENVOY), "Unnamed Envoy", None, None),
    ]


def test_nations(graph):
    assert rows_of(query(graph, "nations"), "nation", "name", "iso3") == [
        (str(CHN), "China", "CHN"),
        (str(SGP), "Singapore", "SGP"),
        (str(USA), "United States", "USA"),
        (str(USA), "U.S.", "USA"),
    ]


def test_places(graph):
    assert rows_of(query(graph, "places"), "place", "name", "country") == [
        (str(ASIA), "Asia", None),
        (str(HOTEL), "Shangri-La Hotel", "SGP"),
        (str(HOTEL), "Shangri-La", "SGP"),
    ]


def test_treaties(graph):
    assert rows_of(query(graph, "treaties"), "treaty", "name", "party") == [
        (str(OPEN_SKIES), "Open Skies Treaty", None),
        (str(PARIS), "Paris Agreement", "CHN"),
        (str(PARIS), "Paris Agreement", "USA"),
    ]


def test_meetings_lists_names_and_aliases_but_not_other_encounters(graph):
    rows = query(graph, "meetings")
    assert {row["meeting"] for row in rows} == {str(MEETING)}
    assert rows_of(rows, "participant", "participantName", "placeName", "date") == [
        (str(MATTIS), "Jim Mattis", "Shangri-La Hotel", "2017-06-03"),
        (str(MATTIS), "Jim Mattis", "Shangri-La", "2017-06-03"),
        (str(MATTIS), "Mattis", "Shangri-La Hotel", "2017-06-03"),
        (str(MATTIS), "Mattis", "Shangri-La", "2017-06-03"),
        (str(NG), "Ng Eng Hen", "Shangri-La Hotel", "2017-06-03"),
        (str(NG), "Ng Eng Hen", "Shangri-La", "2017-06-03"),
    ]


def test_meeting_without_place_or_date():
    g = Graph()
    g.add((MEETING, RDF.type, KG.Meeting))
    g.add((MEETING, KG.participant, MATTIS))
    g.add((MATTIS, KG.name, s("Jim Mattis")))
    assert query(g, "meetings") == [
        {
            "meeting": str(MEETING),
            "participant": str(MATTIS),
            "participantName": "Jim Mattis",
            "placeName": None,
            "date": None,
        }
    ]


@pytest.mark.parametrize("name", ["Mattis", "jim mattis", "JIM MATTIS", "Ng Eng Hen"])
def test_official_meetings_matches_names_and_aliases_in_any_case(graph, name):
    rows = query(graph, "official-meetings", name=name)
    assert rows_of(rows, "meeting", "date", "placeName", "participantName") == [
        (str(MEETING), "2017-06-03", "Shangri-La Hotel", "Jim Mattis"),
        (str(MEETING), "2017-06-03", "Shangri-La Hotel", "Ng Eng Hen"),
    ]


def test_official_meetings_of_someone_who_met_nobody(graph):
    assert query(graph, "official-meetings", name="Unnamed Envoy") == []


@pytest.mark.parametrize("iso3", ["SGP", "sgp"])
def test_nation_officials_follows_serves_and_offices(graph, iso3):
    assert rows_of(query(graph, "nation-officials", iso3=iso3), "official", "name", "title") == [
        (str(NG), "Ng Eng Hen", "Defence Minister"),
    ]
    assert rows_of(query(graph, "nation-officials", iso3="USA"), "name") == [("Jim Mattis",)]


def test_nation_treaties_lists_every_party(graph):
    assert rows_of(query(graph, "nation-treaties", iso3="CHN"), "treaty", "name", "party") == [
        (str(PARIS), "Paris Agreement", "CHN"),
        (str(PARIS), "Paris Agreement", "USA"),
    ]
    assert query(graph, "nation-treaties", iso3="SGP") == []


def test_nation_places(graph):
    assert rows_of(query(graph, "nation-places", iso3="SGP"), "place", "name", "kind") == [
        (str(HOTEL), "Shangri-La Hotel", str(KG.Building)),
    ]


def test_entity_gives_provenance_of_reified_statements(graph):
    rows = query(graph, "entity", name="mattis")
    assert {row["entity"] for row in rows} == {str(MATTIS)}
    serves = [row for row in rows if row["predicate"] == str(KG.serves)]
    assert serves == [
        {
            "entity": str(MATTIS),
            "role": "subject",
            "predicate": str(KG.serves),
            "value": str(USA),
            "confidence": "0.9",
            "begin": "0",
            "end": str(len(TEXT)),
            "sentence": TEXT,
        }
    ]
    # Triples without a statement behind them are listed too, with no provenance.
    title = [row for row in rows if row["predicate"] == str(KG.title)]
    assert rows_of(title, "value", "sentence", "confidence") == [("Defense Secretary", None, None)]
    # Where the entity is the object: the meetings and the call it took part in.
    incoming = {(row["predicate"], row["value"]) for row in rows if row["role"] == "object"}
    assert incoming == {(str(KG.participant), str(MEETING)), (str(KG.participant), str(CALL))}


def test_entity_as_object_carries_the_statement_provenance(graph):
    rows = query(graph, "entity", name="U.S.")
    serves = [row for row in rows if row["predicate"] == str(KG.serves)]
    assert rows_of(serves, "entity", "role", "value", "confidence", "sentence") == [
        (str(USA), "object", str(MATTIS), "0.9", TEXT),
    ]


# --- parameters are data -------------------------------------------------------------------------------

INJECTION = 'x" } ; DROP ALL #'


@pytest.mark.parametrize(
    ("name", "param"),
    [
        ("official-meetings", "name"),
        ("entity", "name"),
        ("nation-officials", "iso3"),
        ("nation-places", "iso3"),
    ],
)
def test_a_parameter_is_bound_as_data_never_pasted_into_sparql(graph, name, param):
    before = len(graph)
    assert query(graph, name, **{param: INJECTION}) == []
    assert len(graph) == before


def test_a_value_that_looks_like_sparql_matches_as_a_plain_name(graph):
    odd = KGR["official/odd"]
    graph.add((odd, RDF.type, KG.Official))
    graph.add((odd, KG.name, s(INJECTION)))
    graph.add((MEETING, KG.participant, odd))
    add_keys(graph)
    rows = query(graph, "official-meetings", name=INJECTION.upper())
    assert {row["participantName"] for row in rows} == {"Jim Mattis", "Ng Eng Hen", INJECTION}
    assert [row["name"] for row in query(graph, "officials") if row["official"] == str(odd)] == [INJECTION]


def test_parameters_become_plain_string_literals():
    named = load_query("nation-officials")
    assert named.bind({"iso3": "USA"}) == {"iso3": Literal("USA")}


def test_parameters_are_bound_in_their_declared_form():
    # The store finds these exact values by its index: no query compares LCASE() of every name.
    assert load_query("entity").forms == {"name": "key"}
    assert load_query("entity").bind({"name": " Jean-Yves LE DRIAN "}) == {"name": Literal("jean yves le drian")}
    assert load_query("nation-places").bind({"iso3": " usa"}) == {"iso3": Literal("USA")}
    assert load_query("office-holders").forms == {"nation": "upper"}


@pytest.mark.parametrize("name", ["u.s.", "US", "united states", "UNITED-STATES"])
def test_entity_is_found_by_any_spelling_of_a_name_or_alias(graph, name):
    rows = query(graph, "entity", name=name)
    assert {row["entity"] for row in rows} == {str(USA)}


def test_a_name_with_diacritics_is_found_without_them(graph):
    minister = KGR["official/do-van-tuan"]
    graph.add((minister, RDF.type, KG.Official))
    graph.add((minister, KG.name, s("Đỗ Văn Tuấn")))
    graph.add((MEETING, KG.participant, minister))
    add_keys(graph)
    for name in ("Do Van Tuan", "đỗ văn tuấn"):
        rows = query(graph, "official-meetings", name=name)
        assert "Đỗ Văn Tuấn" in {row["participantName"] for row in rows}


def test_no_named_query_scans_names_with_a_filter():
    # A lookup is an exact term; LCASE/UCASE in a filter would read every name of the store.
    for name in query_names():
        text = load_query(name).text
        assert "LCASE(STR(?name" not in text and "UCASE(STR(?code" not in text, name


def test_unknown_parameter_form(tmp_path):
    path = tmp_path / "odd.rq"
    path.write_text("# Odd.\n# param: name (lower) — a name\nSELECT ?x WHERE { ?x ?p ?name }\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"unknown form \(lower\); use one of \(key\), \(upper\)"):
        load_query(path)


# --- errors --------------------------------------------------------------------------------------------


def test_unknown_query_name_lists_the_named_queries(graph):
    with pytest.raises(QueryError) as info:
        query(graph, "oficials")
    message = str(info.value)
    assert "oficials" in message
    assert all(name in message for name in query_names())


def test_missing_query_file():
    with pytest.raises(QueryError, match=r"nowhere\.rq"):
        load_query("nowhere.rq")


def test_query_file_that_does_not_parse(tmp_path):
    broken = tmp_path / "broken.rq"
    broken.write_text("# Broken.\nSELECT ?x WHERE { ?x ?p \n", encoding="utf-8")
    with pytest.raises(QueryError) as info:
        load_query(str(broken))
    message = str(info.value)
    assert str(broken) in message
    assert "does not parse" in message
    assert "\n" not in message


def test_query_that_is_not_a_select(tmp_path):
    ask = tmp_path / "ask.rq"
    ask.write_text("ASK { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match="SELECT"):
        load_query(ask)


def test_unknown_parameter_lists_the_declared_ones(graph):
    with pytest.raises(QueryError, match=r"no parameter nam\b.*parameters: name"):
        query(graph, "official-meetings", nam="Mattis")
    with pytest.raises(QueryError, match=r"parameters: none"):
        query(graph, "officials", name="Mattis")


def test_missing_parameter(graph):
    with pytest.raises(QueryError, match=r"needs a value for iso3"):
        query(graph, "nation-places")


def test_query_file_by_path_with_its_own_parameters(graph, tmp_path):
    path = tmp_path / "titles.rq"
    path.write_text(
        "# Titles of an official by IRI-free name.\n"
        "# param: who — a canonical name\n"
        "PREFIX kg: <https://w3id.org/kg/ontology#>\n"
        "SELECT ?title WHERE { ?o kg:name ?n ; kg:title ?title . FILTER (STR(?n) = STR(?who)) }\n",
        encoding="utf-8",
    )
    named = load_query(path)
    assert named.description == "Titles of an official by IRI-free name."
    assert dict(named.params) == {"who": "a canonical name"}
    assert query(graph, str(path), who="Ng Eng Hen") == [{"title": "Defence Minister"}]


# --- summary --------------------------------------------------------------------------------------------


def test_summary(graph):
    assert summary(graph) == "\n".join(
        [
            "Found 3 officials, 3 nations, 2 places, 2 treaties, 1 meeting.",
            "",
            "Officials",
            "  Jim Mattis — Defense Secretary, USA",
            "  Ng Eng Hen — Defence Minister, SGP",
            "  Unnamed Envoy",
            "",
            "Meetings",
            "  Jim Mattis, Ng Eng Hen — Shangri-La Hotel, 2017-06-03",
            "",
            "Treaties",
            "  Open Skies Treaty",
            "  Paris Agreement — CHN, USA",
            "",
            "Places",
            "  Asia",
            "  Shangri-La Hotel — SGP",
        ]
    )


@pytest.mark.parametrize(
    "module", ["kg.query", "kg.report", "kg.errors", "kg.keys", "kg.corpus", "kg.terms", "kg.serialize", "kg.namespace"]
)
def test_docstring_examples(module):
    # By name: the package re-exports the function kg.query, which hides the module kg.query as an attribute.
    failures, _ = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert failures == 0


# --- reading and writing graph files ----------------------------------------------------------------


def assert_isomorphic(expected: Graph, actual: Graph) -> None:
    if not isomorphic(expected, actual):
        _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        pytest.fail(
            "graphs differ\nonly expected:\n"
            + only_expected.serialize(format="nt")
            + "only actual:\n"
            + only_actual.serialize(format="nt")
        )


@pytest.mark.parametrize(
    ("fmt", "filename"),
    [("turtle", "g.ttl"), ("nt", "g.nt"), ("jsonld", "g.jsonld"), ("jsonld", "g.json"), ("trig", "g.trig")],
)
def test_write_then_load_each_format(graph, tmp_path, fmt, filename):
    path = tmp_path / filename
    write_graph(graph, path, fmt)
    assert_isomorphic(graph, load_graph(path))
    assert [p.name for p in tmp_path.iterdir()] == [filename], "no temporary file is left behind"


def test_format_is_guessed_from_the_extension(graph, tmp_path):
    path = tmp_path / "g.jsonld"
    write_graph(graph, path)
    assert isinstance(json.loads(path.read_text(encoding="utf-8")), (list, dict))


def test_trig_wraps_the_graph_in_the_default_graph(graph, tmp_path):
    path = tmp_path / "g.trig"
    write_graph(graph, path, "trig")
    dataset = Dataset()
    dataset.parse(path, format="trig")
    assert len(dataset.default_graph) == len(graph)


def test_load_nquads_merges_the_named_graphs(graph, tmp_path):
    dataset = Dataset()
    for i, triple in enumerate(graph):
        dataset.graph(URIRef(f"urn:g{i % 3}")).add(triple)
    path = tmp_path / "g.nq"
    path.write_text(dataset.serialize(format="nquads"), encoding="utf-8")
    assert_isomorphic(graph, load_graph(path))


def test_write_to_stdout(graph, capsys):
    write_graph(graph, None, "nt")
    write_graph(graph, "-", "nt")
    out = capsys.readouterr().out
    assert_isomorphic(graph, Graph().parse(data=out, format="nt"))


def test_unknown_write_format(graph, tmp_path):
    with pytest.raises(UsageError, match="xml"):
        write_graph(graph, tmp_path / "g.xml", "xml")
    assert list(tmp_path.iterdir()) == []


def test_a_failing_serializer_leaves_nothing_behind(graph, tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("serializer exploded")

    monkeypatch.setattr(kg.serialize.ox, "serialize", fail)
    with pytest.raises(RuntimeError):
        write_graph(graph, tmp_path / "g.ttl", "turtle")
    assert list(tmp_path.iterdir()) == []


def test_a_failing_serializer_keeps_the_old_file(graph, tmp_path, monkeypatch):
    path = tmp_path / "g.ttl"
    path.write_text("old\n", encoding="utf-8")

    def half_then_fail(items, out, *args, **kwargs):
        out.write(b"@prefix half")
        raise RuntimeError("serializer exploded")

    monkeypatch.setattr(kg.serialize.ox, "serialize", half_then_fail)
    with pytest.raises(RuntimeError):
        write_graph(graph, path, "turtle")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


def test_write_into_a_missing_directory(graph, tmp_path):
    with pytest.raises(UsageError, match="cannot write"):
        write_graph(graph, tmp_path / "missing" / "g.ttl", "turtle")


def test_write_over_a_directory(graph, tmp_path):
    (tmp_path / "g.ttl").mkdir()
    with pytest.raises(UsageError, match="cannot write"):
        write_graph(graph, tmp_path / "g.ttl", "turtle")
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


def test_written_file_is_readable_by_others(graph, tmp_path):
    path = tmp_path / "g.ttl"
    write_graph(graph, path, "turtle")
    assert path.stat().st_mode & 0o044, "not left with mkstemp's owner-only mode"


def test_load_missing_graph(tmp_path):
    with pytest.raises(GraphError, match="does not exist"):
        load_graph(tmp_path / "none.ttl")


def test_load_directory(tmp_path):
    with pytest.raises(GraphError, match="is a directory"):
        load_graph(tmp_path)


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("bad.ttl", b"<a> <b> .\n"),
        ("bad.nt", b"not n-triples\n"),
        ("bad.jsonld", b"{not json"),
        ("bad.trig", b"{ <a> <b> "),
        ("bad.ttl", b"\xff\xfe\x00binary"),
    ],
)
def test_load_unparsable_graph(tmp_path, filename, content):
    path = tmp_path / filename
    path.write_bytes(content)
    with pytest.raises(GraphError) as info:
        load_graph(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_load_unknown_extension(tmp_path):
    path = tmp_path / "graph.txt"
    path.write_text("", encoding="utf-8")
    with pytest.raises(GraphError, match="extension"):
        load_graph(path)


def test_limit_and_offset_page_through_the_rows(graph):
    everything = query(graph, "meetings")
    assert len(everything) > 3
    assert query(graph, "meetings", limit=2, offset=1) == everything[1:3]
    assert (
        query(graph, "official-meetings", name="mattis", limit=1)
        == query(graph, "official-meetings", name="mattis")[:1]
    )
    assert query(graph, "meetings", offset=len(everything)) == []
    with pytest.raises(UsageError, match="0 or more"):
        query(graph, "meetings", offset=-1)


def test_a_query_with_its_own_limit_is_not_paged(graph, tmp_path):
    path = tmp_path / "first.rq"
    path.write_text("# First.\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8")
    assert len(query(graph, path)) == 1
    with pytest.raises(QueryError, match="LIMIT or OFFSET of its own"):
        query(graph, path, limit=3)


def test_a_parameter_named_like_paging_is_refused(tmp_path):
    path = tmp_path / "odd.rq"
    path.write_text("# Odd.\n# param: limit — a number\nSELECT ?x WHERE { ?x ?p ?limit }\n", encoding="utf-8")
    with pytest.raises(QueryError, match="cannot be named limit, which pages the rows; rename it"):
        load_query(path)
