"""Exports a person can read and every tool can load (kg.serialize): reading order, provenance levels and
styles, read back by rdflib, pyoxigraph and rapper.

The graph is the bundled example's golden graph (tests/data/seed.ttl), so no test here loads spaCy but the one
marked ``model``.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import PROV, RDF, XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import kg
from kg.cli import cli
from kg.errors import GraphError, UsageError
from kg.namespace import KG, KGR, NIF
from kg.serialize import FORMATS, LEVELS, STYLES, Triples, write_graph, write_rdf
from kg.store import Store

DATA = Path(__file__).parent / "data"
PUBLISHED = json.loads((DATA / "published.json").read_text())
EXTENSIONS = {"turtle": "ttl", "trig": "trig", "nt": "nt", "nquads": "nq", "jsonld": "jsonld"}
RDF_REIFIES = URIRef(str(RDF) + "reifies")


@pytest.fixture(scope="module")
def seed() -> Graph:
    return Graph().parse(DATA / "seed.ttl", format="turtle")


def expected(graph: Graph, level: str) -> Graph:
    """What ``graph`` (built at the level full) is at ``level``, by the definition in the README."""
    if level == "full":
        return graph
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    sentences = set(graph.subjects(RDF.type, NIF.Sentence))
    out = Graph()
    for s, p, o in graph:
        if s in statements:
            continue
        if level == "none" and (s in sentences or p == NIF.isString or o == NIF.Context):
            continue
        out.add((s, p, o))
    if level == "sentences":
        for statement in statements:
            for sentence in graph.objects(statement, PROV.wasDerivedFrom):
                out.add((graph.value(statement, RDF.subject), KG.mentionedIn, sentence))
    return out


def read_back(data: bytes, fmt: str) -> Graph:
    """What rdflib reads from ``data``, named graphs merged."""
    rdflib_format = {"jsonld": "json-ld"}.get(fmt, fmt)
    if fmt in {"trig", "nquads"}:
        graph = Graph()
        for s, p, o, _ in Dataset().parse(data=data, format=rdflib_format).quads():
            graph.add((s, p, o))
        return graph
    return Graph().parse(data=data, format=rdflib_format)


def written(graph: Graph, fmt: str, **options: str) -> bytes:
    out = io.BytesIO()
    write_rdf(Triples.of_graph(graph), out, fmt, **options)
    return out.getvalue()


def oxigraph_graph(data: bytes, fmt: str, tmp_path: Path) -> Graph:
    """What pyoxigraph reads from ``data`` (named graphs merged), with any triple terms turned back into
    reification by kg, as an rdflib graph to compare."""
    path = tmp_path / f"read.{EXTENSIONS[fmt]}"
    path.write_bytes(data)
    triples = Triples.of_file(path)  # pyoxigraph's parser
    assert next(triples.groups(), None), "pyoxigraph read nothing"
    out = io.BytesIO()
    write_rdf(triples, out, "nt")
    return Graph().parse(data=out.getvalue(), format="nt")


# --- reading order ------------------------------------------------------------------------------------------


def test_the_example_shows_its_officials_first(seed):
    lines = written(seed, "turtle").decode().splitlines()
    officials = [i for i, line in enumerate(lines) if line.endswith(" a kg:Official ;")]
    assert len(officials) == 5
    # The first official on a terminal's first 24 lines, below the prefixes of the namespaces it uses; the five
    # with their facts in the first 50.
    assert officials[0] < 24 and all(line.startswith("@prefix") for line in lines[: officials[0]])
    first_screens = "\n".join(lines[:50])
    for name in ("Amber I. Smith", "Gary Ross", "Jim Mattis", "Shinzo Abe", "Tomomi Inada"):
        assert f'kg:name "{name}"' in first_screens


def test_only_the_namespaces_a_graph_uses_have_prefixes(seed):
    lines = written(expected(seed, "none"), "turtle").decode().splitlines()
    prefixes = {line.split()[1] for line in lines if line.startswith("@prefix")}
    assert {"kg:", "official:", "nation:", "xsd:"} <= prefixes
    assert not prefixes & {"statement:", "prov:", "nif:", "sem:", "dcterms:"}


def test_entities_come_by_class_then_articles_sentences_and_statements(seed):
    text = written(seed, "turtle").decode()
    firsts = [
        text.index(marker)
        for marker in (
            " a kg:Official",
            " a kg:Nation",
            " a kg:Place",
            " a kg:Treaty",
            " a kg:Meeting",
            " a kg:Article",
            " a nif:Sentence",
            " a rdf:Statement",
        )
    ]
    assert firsts == sorted(firsts)


def test_each_subject_is_written_once_with_all_its_facts(seed):
    text = written(seed, "turtle").decode()
    subject_lines = [line.split(" ", 1)[0] for line in text.splitlines() if line and line[0] not in "@\t"]
    assert len(subject_lines) == len(set(subject_lines)) == len(set(seed.subjects()))


def test_every_namespace_written_has_a_prefix(seed):
    text = written(seed, "turtle").decode()
    for prefix in ("kg:", "official:", "nation:", "nif:", "prov:", "rdf:", "xsd:", "statement:"):
        assert f"@prefix {prefix}" in text
    body = [line for line in text.splitlines() if not line.startswith("@prefix")]
    full_iris = {part for line in body for part in line.split() if part.startswith("<https://w3id.org/kg/")}
    # Of kg's IRIs, only articles and their sentences are written in full (a prefixed name would escape the
    # "#", "=" and "," of a sentence's IRI).
    assert full_iris and all(iri.startswith("<https://w3id.org/kg/id/article/") for iri in full_iris)


def test_sentences_come_in_the_order_of_the_text(seed):
    text = written(seed, "turtle").decode()
    starts = [int(line.split("#char=")[1].split(",")[0]) for line in text.splitlines() if "> a nif:Sentence" in line]
    assert len(starts) > 3 and starts == sorted(starts)


# --- round trips ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_each_format_and_level_reads_back_in_rdflib_and_pyoxigraph(seed, fmt, level, tmp_path):
    data = written(seed, fmt, provenance=level)
    want = expected(seed, level)
    assert isomorphic(read_back(data, fmt), want)
    # pyoxigraph keeps literals as written when it parses (a store keeps them by value).
    assert isomorphic(oxigraph_graph(data, fmt, tmp_path), want)


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nt", "nquads"])
def test_triple_terms_read_back_in_pyoxigraph_as_the_same_statements(seed, fmt, tmp_path):
    data = written(seed, fmt, style="triple-terms")
    quads = list(ox.parse(data, FORMATS[fmt]))
    reifies = [q for q in quads if q.predicate.value == str(RDF_REIFIES)]
    statements = set(seed.subjects(RDF.type, RDF.Statement))
    assert len(reifies) == len(statements)
    assert all(isinstance(q.object, ox.Triple) for q in reifies)
    assert not any(q.predicate.value == str(RDF.subject) for q in quads)
    assert isomorphic(oxigraph_graph(data, fmt, tmp_path), seed)  # and back to reification, losing nothing


def test_a_confidence_hangs_on_the_triple_itself(seed):
    data = written(seed, "nt", style="triple-terms")
    store = ox.Store()
    store.load(data, ox.RdfFormat.N_TRIPLES)
    rows = store.query(
        "PREFIX kg: <https://w3id.org/kg/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
        'SELECT ?c WHERE { ?s rdf:reifies <<( <https://w3id.org/kg/id/official/jim-mattis> kg:name "Jim Mattis" )>> ;'
        " kg:confidence ?c }"
    )
    confidences = [row["c"].value for row in rows]
    assert len(confidences) == 1 and 0 < float(confidences[0]) <= 1


def test_rdflib_cannot_read_triple_terms_and_kg_says_what_to_do(seed, tmp_path):
    path = tmp_path / "g.ttl"
    write_graph(seed, path, style="triple-terms")
    with pytest.raises(GraphError, match="--provenance-style reification"):
        kg.load_graph(path)
    back = tmp_path / "back.ttl"
    result = CliRunner().invoke(cli, ["export", str(path), "--provenance-style", "reification", "-o", str(back)])
    assert result.exit_code == 0, result.output
    assert isomorphic(kg.load_graph(back), seed)


@pytest.mark.parametrize("level", LEVELS)
def test_rapper_parses_the_turtle_of_each_level(seed, tmp_path, level):
    rapper = shutil.which("rapper")
    assert rapper, "rapper is missing: apt-get install raptor2-utils (./run.sh test installs it)"
    path = tmp_path / f"{level}.ttl"
    write_graph(seed, path, provenance=level)
    proc = subprocess.run([rapper, "-i", "turtle", "-c", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert f"returned {len(expected(seed, level))} triples" in proc.stderr, proc.stderr


def test_json_ld_has_no_triple_terms(seed):
    with pytest.raises(UsageError, match="JSON-LD"):
        written(seed, "jsonld", style="triple-terms")


def test_unknown_levels_and_styles_are_refused(seed, tmp_path):
    with pytest.raises(UsageError, match="provenance level 'some'"):
        write_graph(seed, tmp_path / "g.ttl", provenance="some")
    with pytest.raises(UsageError, match="provenance style 'rdf-star'"):
        write_graph(seed, tmp_path / "g.ttl", style="rdf-star")
    assert list(tmp_path.iterdir()) == []


def test_a_graph_at_a_lower_level_stays_there(seed):
    none = expected(seed, "none")
    assert isomorphic(read_back(written(none, "nt", provenance="full"), "nt"), none)
    sentences = expected(seed, "sentences")
    assert isomorphic(read_back(written(sentences, "nt", provenance="none"), "nt"), none)


# --- stores ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(seed, tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "store"
    with Store.open(path) as s:
        s.replace_article(seed, str(next(seed.subjects(RDF.type, KG.Article))))
    return path


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("style", STYLES)
def test_a_store_exports_in_reading_order_at_each_level_and_style(store, seed, level, style, tmp_path):
    with Store.open(store, read_only=True) as s:
        out = io.BytesIO()
        s.export(out, "trig", provenance=level, style=style)
        merged = io.BytesIO()
        s.export(merged, "turtle", provenance=level, style=style)
    text = merged.getvalue().decode()
    assert text.index(" a kg:Official") < text.index(" a kg:Nation") < text.index(" a kg:Article")
    want = expected(store_graph(seed), level)
    assert isomorphic(oxigraph_graph(merged.getvalue(), "turtle", tmp_path), want)
    assert isomorphic(oxigraph_graph(out.getvalue(), "trig", tmp_path), want)
    article = next(seed.subjects(RDF.type, KG.Article))
    named = {q.graph_name.value for q in ox.parse(out.getvalue(), ox.RdfFormat.TRIG)}
    assert named == {str(article)}


def store_graph(graph: Graph) -> Graph:
    """``graph`` as a store keeps it: literals by value (an integer type becomes xsd:integer, "0.90" is "0.9")."""
    out = Graph()
    db = ox.Store()
    db.load(graph.serialize(format="nt").encode(), ox.RdfFormat.N_TRIPLES)
    out.parse(data=db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), format="nt")
    return out


# --- the command line ------------------------------------------------------------------------------------


def test_kg_export_writes_each_level(seed, tmp_path):
    source = DATA / "seed.ttl"
    for level in LEVELS:
        out = tmp_path / f"{level}.nt"
        result = CliRunner().invoke(cli, ["export", str(source), "--provenance", level, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert isomorphic(kg.load_graph(out), expected(seed, level))


def test_kg_build_refuses_triple_terms_for_a_store(tmp_path):
    (tmp_path / "a.txt").write_text("Defense Secretary Jim Mattis met Prime Minister Shinzo Abe in Tokyo.")
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path / "a.txt"), "--store", str(tmp_path / "s"), "--provenance-style", "triple-terms"]
    )
    assert result.exit_code == UsageError.exit_code
    assert "kg export STORE --provenance-style triple-terms" in result.output
    assert not (tmp_path / "s").exists()


@pytest.mark.model
@pytest.mark.parametrize("level", ["sentences", "none"])
def test_building_at_a_level_gives_the_full_graph_written_at_that_level(level):
    text = (DATA / "seed.txt").read_text()
    built = kg.build(text, published=PUBLISHED["seed"], provenance=level)
    full = kg.build(text, published=PUBLISHED["seed"])
    assert isomorphic(built, expected(full, level))
    assert not set(built.subjects(RDF.type, RDF.Statement))
    mentions = set(built.subject_objects(KG.mentionedIn))
    assert bool(mentions) == (level == "sentences")
    if level == "sentences":
        jim = KGR["official/jim-mattis"]
        assert any(s == jim for s, _ in mentions)
    article = next(built.subjects(RDF.type, KG.Article))
    assert (article, KG.published, Literal(PUBLISHED["seed"], datatype=XSD.date)) in built


# --- the README ----------------------------------------------------------------------------------------------


def test_the_readme_shows_the_example_as_kg_writes_it(seed):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```turtle\n", 1)[1].split("```", 1)[0].splitlines()
    assert written(seed, "turtle").decode().splitlines()[: len(shown)] == shown
    for level in LEVELS:
        assert f"| {len(expected(seed, level))} triples |" in readme


def test_writing_twice_gives_the_same_bytes(seed):
    assert written(seed, "turtle") == written(Graph().parse(data=seed.serialize(format="nt"), format="nt"), "turtle")
