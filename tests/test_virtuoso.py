"""kg against OpenLink Virtuoso, a second real SPARQL store: ``kg push``, ``kg build --endpoint`` and
``kg query --endpoint``, on a Virtuoso (Debian's virtuoso-opensource, which ./run.sh test installs) that the
tests start on 127.0.0.1 with a database of their own.

Virtuoso answers queries on the union of its named graphs, so kg sends it the articles' named graphs only
(:func:`kg.endpoint.default_graph_is_union`); what a query sees must be what it sees in a kg store.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, Namespace, URIRef
from servers import free_port

import kg.api
import kg.nlp
from kg.cli import cli
from kg.endpoint import default_graph_is_union, push, query_endpoint, send_update
from kg.query import load_query
from kg.store import Store

BIN = Path(sys.executable).parent
CONTRACT_QUERIES = ["officials", "nations", "places", "treaties", "meetings"]
ARTICLE_PREFIX = "https://w3id.org/kg/id/article/"

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CaseMode = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
ServerThreads = 5
EnabledDavVSP = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""

ARTICLES = {
    "tokyo.txt": "Defense Secretary Jim Mattis met Japanese Prime Minister Shinzo Abe in Tokyo on Feb. 3, 2017. "
    "They reaffirmed Article 5 of the U.S.-Japan Security Treaty.\n",
    "seoul.txt": "Defense Secretary Jim Mattis met South Korean Defense Minister Han Min-koo in Seoul on Feb. 2, "
    "2017.\n\nMattis said the alliance with the Republic of Korea was ironclad.\n",
    "manila.txt": "Secretary of Defense Lloyd Austin met Philippine President Ferdinand Marcos Jr. in Manila on "
    "Nov. 21, 2022, under the Mutual Defense Treaty.\n",
}


@contextlib.contextmanager
def virtuoso(folder: Path) -> Iterator[str]:
    """A Virtuoso server on a new database in ``folder``; yields its SPARQL URL (queries and updates)."""
    program, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    assert program and isql, "Virtuoso is not installed: sudo apt-get install virtuoso-opensource (./run.sh test does)"
    sql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(INI.format(d=folder, sql_port=sql_port, http_port=http_port))
    log = (folder / "server.log").open("wb")
    server = subprocess.Popen(
        [program, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, f"virtuoso-t exited: {(folder / 'server.log').read_text()[-800:]}"
            with (
                contextlib.suppress(urllib.error.URLError, OSError),
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1) as answer,
            ):
                if answer.status == 200:
                    break
            assert time.monotonic() < deadline, f"Virtuoso did not answer at {url} within 60 s"
            time.sleep(0.1)
        # The anonymous user of /sparql may update (a local test database; a site would use a login instead).
        grant = [isql, f"127.0.0.1:{sql_port}", "dba", "dba", 'exec=grant SPARQL_UPDATE to "SPARQL";']
        subprocess.run(grant, check=True, capture_output=True, timeout=60)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with virtuoso(tmp_path_factory.mktemp("virtuoso")) as url:
        yield url


@pytest.fixture
def clean(endpoint: str) -> str:
    """The endpoint without kg's graphs (Virtuoso keeps graphs of its own, which stay)."""
    for graph in kg_graphs(endpoint):
        send_update(endpoint, f"DROP SILENT GRAPH <{graph}>")
    return endpoint


def select(url: str, text: str) -> list[dict[str, str | None]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ad-hoc.rq"
        path.write_text(f"# An ad hoc query of the tests.\n{text}\n", encoding="utf-8")
        return query_endpoint(url, load_query(path))


def kg_graphs(url: str) -> set[str]:
    text = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{ARTICLE_PREFIX}")) }}'
    return {row["g"] for row in select(url, text)}  # type: ignore[misc]


def remote_quads(url: str) -> set[tuple[str | None, ...]]:
    text = f'SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{ARTICLE_PREFIX}")) }}'
    return {tuple(row.values()) for row in select(url, text)}


def store_quads(store_path: Path) -> set[tuple[str | None, ...]]:
    with Store.open(store_path, read_only=True) as store:
        return {
            (q.graph_name.value, q.subject.value, q.predicate.value, q.object.value)
            for name in store.articles()
            for q in store.article_quads(name)
        }


def rows(result: list[dict[str, str | None]]) -> set[tuple[str | None, ...]]:
    return {tuple(row.values()) for row in result}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    path = tmp_path_factory.mktemp("store") / "store"
    result = subprocess.run([str(BIN / "kg"), "build", str(corpus), "--store", str(path), "-q"], capture_output=True)
    assert result.returncode == 0, result.stderr
    return path


# --- the tests ------------------------------------------------------------------------------------------------


def test_virtuoso_answers_on_the_union_of_its_graphs(clean):
    assert default_graph_is_union(clean) is True
    assert kg_graphs(clean) == set()  # the probe's graph is gone


@pytest.mark.model
def test_a_pushed_store_answers_the_contract_queries_as_the_store_does(clean, store):
    with Store.open(store, read_only=True) as held:
        assert push(held, clean) == 3
    assert remote_quads(clean) == store_quads(store)
    result = CliRunner().invoke(cli, ["push", str(store), "--endpoint", clean])  # again: nothing twice
    assert result.exit_code == 0, result.output
    assert remote_quads(clean) == store_quads(store)
    for name in CONTRACT_QUERIES:
        result = CliRunner().invoke(cli, ["query", "--endpoint", clean, name, "--format", "json"])
        assert result.exit_code == 0, result.output
        with Store.open(store, read_only=True) as held:
            local = held.run_named(name)
        remote = query_endpoint(clean, name)
        assert remote, name
        # Articles' own IRIs: linking's merges (none among these three articles' officials) stay in the store.
        assert rows(remote) == rows(local), name


@pytest.mark.model
def test_build_into_virtuoso_writes_the_graphs_of_a_store_build_and_resumes(clean, corpus, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(corpus / "tokyo.txt", folder)
    result = CliRunner().invoke(cli, ["build", str(folder), "--endpoint", clean])
    assert result.exit_code == 0, result.output
    assert len(kg_graphs(clean)) == 1
    for name in ("seoul.txt", "manila.txt"):
        shutil.copy(corpus / name, folder)
    result = CliRunner().invoke(cli, ["build", str(folder), "--endpoint", clean, "--resume"])
    assert result.exit_code == 0, result.output
    assert "Built 2 of 3 articles" in result.stderr and "skipped 1 already in the endpoint" in result.stderr
    store = tmp_path / "store"
    assert CliRunner().invoke(cli, ["build", str(folder), "--store", str(store), "-q"]).exit_code == 0
    assert remote_quads(clean) == store_quads(store)


def test_a_changed_article_replaces_its_graph_and_a_large_one_goes_in_chunks(clean, tmp_path, monkeypatch):
    kgo = Namespace("https://w3id.org/kg/ontology#")

    def triples(article, **_options):
        name = article.text.split()[0]
        iri = URIRef(ARTICLE_PREFIX + name)
        return [(iri, kgo.name, Literal(f"line {i} of {name}")) for i in range(int(article.text.split()[1]))]

    monkeypatch.setattr(kg.api, "article_triples", triples)
    monkeypatch.setattr(kg.nlp, "parse", lambda texts, **_: (None for _ in texts))
    article = tmp_path / "a.txt"
    article.write_text("first 2500 lines.\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["build", str(article), "--endpoint", clean, "-q"]).exit_code == 0
    (first,) = kg_graphs(clean)
    assert len(remote_quads(clean)) == 2501  # 2,500 triples (three requests) and the article's kg:source
    article.write_text("second 3 lines.\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["build", str(article), "--endpoint", clean, "-q"]).exit_code == 0
    (second,) = kg_graphs(clean)  # the text changed, so the article's IRI: the first graph is gone
    assert second != first
    assert len(remote_quads(clean)) == 4
