"""Remote SPARQL endpoints: named queries, push, the Oxigraph server wrapper, and every network failure.

The endpoint tests run against the real ``oxigraph`` server (started by :func:`kg.server.serve` on a free
loopback port); the failures an Oxigraph server cannot be made to show (a slow answer, 401, 500, HTML) come
from a tiny ``http.server`` in a thread.
"""

from __future__ import annotations

import base64
import doctest
import http.server
import importlib
import os
import signal
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, Graph, Literal
from servers import free_port

import kg.endpoint
import kg.server
from kg.endpoint import default_graph_is_union, push, query_endpoint
from kg.errors import EndpointError, QueryError, StoreError, UsageError
from kg.keys import add_keys
from kg.namespace import KG, KGR
from kg.query import load_graph, load_query, query
from kg.server import Server, serve
from kg.store import Store

SEED = Path(__file__).resolve().parent / "data" / "seed.ttl"
CONTRACT_QUERIES = ["officials", "nations", "places", "treaties", "meetings"]
ABE = KGR["official/shinzo-abe"]
INJECTION = "x\" } ; DROP ALL # {{ ?name }} \\\" \\u0022 ''' <http://evil/>\n"


def rows_as_set(rows: list[dict[str, str | None]]) -> set[tuple[str | None, ...]]:
    return {tuple(row.values()) for row in rows}


def write_query(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


# --- fixtures ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_graph() -> Graph:
    return load_graph(SEED)


@pytest.fixture(scope="module")
def article(seed_graph: Graph) -> str:
    (iri,) = seed_graph.subjects(RDF.type, KG.Article)
    return str(iri)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seed_graph: Graph, article: str) -> Path:
    path = tmp_path_factory.mktemp("seed-store")
    with Store.open(path) as store:
        store.replace_article(seed_graph, article)
    return path


@pytest.fixture(scope="module")
def seed_quads(seed_store: Path) -> int:
    with Store.open(seed_store, read_only=True) as store:
        return len(store)


@pytest.fixture(scope="module")
def reader(seed_store: Path) -> Iterator[Server]:
    with serve(seed_store, bind=f"127.0.0.1:{free_port()}") as server:
        yield server


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[Server]:
    with serve(tmp_path / "remote", bind=f"127.0.0.1:{free_port()}", allow_update=True) as server:
        yield server


@pytest.fixture(scope="module")
def queries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("queries")
    return {
        "count": write_query(
            folder,
            "count",
            "# Quads.\nSELECT (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }\n",
        ),
        "graphs": write_query(folder, "graphs", "# Graphs.\nSELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }\n"),
    }


def count(server: Server, queries: dict[str, Path]) -> int:
    (row,) = query_endpoint(server.url, queries["count"])
    return int(row["n"])


@dataclass
class FakeEndpoint:
    """What the fake HTTP endpoint answers, and the requests it received (path, headers, body)."""

    status: int = 200
    content_type: str = "application/sparql-results+json"
    body: bytes = b'{"head": {"vars": []}, "results": {"bindings": []}}'
    delay: float = 0
    user: tuple[str, str] | None = None
    requests: list[tuple[str, dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        spec: FakeEndpoint = self.server.spec  # type: ignore[attr-defined]
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        spec.requests.append((self.path, dict(self.headers), body))
        time.sleep(spec.delay)
        status, payload = spec.status, spec.body
        if b"/probe/" in body and status < 300:  # push asks whether the default graph is the union of the graphs
            status, payload = 200, b'{"head": {}, "boolean": false}'
        if spec.user is not None:
            token = base64.b64encode(":".join(spec.user).encode()).decode()
            if self.headers.get("Authorization") != f"Basic {token}":
                status, payload = 401, b"login required"
        self.send_response(status)
        self.send_header("Content-Type", spec.content_type if status == 200 else "text/plain")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake() -> Iterator[Callable[..., FakeEndpoint]]:
    servers = []

    def start(**answer: object) -> FakeEndpoint:
        spec = FakeEndpoint(**answer)  # type: ignore[arg-type]
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        httpd.daemon_threads = True
        httpd.handle_error = lambda *args: None  # a client that timed out leaves a broken pipe
        httpd.spec = spec  # type: ignore[attr-defined]
        threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True).start()
        servers.append(httpd)
        spec.url = f"http://127.0.0.1:{httpd.server_address[1]}/sparql"
        return spec

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


# --- queries -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CONTRACT_QUERIES)
def test_contract_query_gives_the_rows_of_the_graph(reader: Server, seed_graph: Graph, name: str) -> None:
    remote = query_endpoint(reader.url, name)
    local = query(seed_graph, name)
    assert local, f"the seed graph gives no rows for {name}: the test would prove nothing"
    assert rows_as_set(remote) == rows_as_set(local)
    assert all(list(row) == load_query(name).variables for row in remote)


def test_parameterized_query(reader: Server, seed_graph: Graph) -> None:
    remote = query_endpoint(reader.url, load_query("official-meetings"), {"name": "abe"})
    local = query(seed_graph, "official-meetings", name="abe")
    assert remote and rows_as_set(remote) == rows_as_set(local)
    assert {row["participantName"] for row in remote} >= {"Shinzo Abe", "Jim Mattis"}


def test_limit_and_offset_page_on_the_endpoint(reader: Server) -> None:
    everything = query_endpoint(reader.url, "officials")
    assert len(everything) > 4
    assert query_endpoint(reader.url, "officials", limit=3, offset=2) == everything[2:5]


def test_injection_attempt_stays_data(reader: Server, queries: dict[str, Path], seed_quads: int) -> None:
    assert query_endpoint(reader.url, "official-meetings", {"name": INJECTION}) == []
    assert query_endpoint(reader.url, "entity", {"name": INJECTION}) == []
    assert count(reader, queries) == seed_quads


def test_a_value_with_quotes_and_braces_matches_exactly(writable: Server, seed_graph: Graph) -> None:
    graph = Graph()
    graph += seed_graph
    graph.add((ABE, KG.alias, Literal(INJECTION)))
    push(add_keys(graph), writable.update_url)
    by_alias = query_endpoint(writable.url, "official-meetings", {"name": INJECTION})
    assert by_alias and rows_as_set(by_alias) == rows_as_set(query(seed_graph, "official-meetings", name="abe"))
    assert query_endpoint(writable.url, "official-meetings", {"name": INJECTION.replace("ALL", "AL")}) == []


def test_parameters_replace_variables_only(fake: Callable[..., FakeEndpoint], tmp_path: Path) -> None:
    endpoint = fake()
    named = write_query(
        tmp_path,
        "tricky",
        "# param: name — a name\n"
        "PREFIX ex: <http://ex/?name#>\n"
        "SELECT ?s WHERE {\n"
        "  ?s ex:label ?label . # ?name in a comment\n"
        '  FILTER (?label = ?name || ?label = "?name" || ?label = $name)\n'
        "}\n",
    )
    query_endpoint(endpoint.url, named, {"name": 'a"b\\c'})
    (sent,) = urllib.parse.parse_qs(endpoint.requests[0][2].decode())["query"]
    assert sent.splitlines()[1:] == [
        "PREFIX ex: <http://ex/?name#>",
        "SELECT ?s WHERE {",
        "  ?s ex:label ?label . # ?name in a comment",
        r'  FILTER (?label = "a\"b\\c" || ?label = "?name" || ?label = "a\"b\\c")',
        "}",
    ]


@pytest.mark.parametrize(
    "clause",
    [
        "SELECT ?s ?name WHERE { ?s ?p ?name }",
        "SELECT ?s (STR(?s) AS ?name) WHERE { ?s ?p ?o }",
        "SELECT ?s WHERE { ?s ?p ?o BIND(STR(?o) AS ?name) }",
        'SELECT ?s WHERE { VALUES ?name { "a" } ?s ?p ?name }',
        "SELECT * WHERE { ?s ?p ?name }",
        "SELECT ?s WHERE { { SELECT ?s ?name WHERE { ?s ?p ?name } } }",
    ],
)
def test_a_projected_or_assigned_parameter_is_refused(tmp_path: Path, clause: str) -> None:
    named = write_query(tmp_path, "bad", f"# param: name — a name\n{clause}\n")
    with pytest.raises(QueryError, match=r"\?name|SELECT|selects \*"):
        query_endpoint(f"http://127.0.0.1:{free_port()}/query", named, {"name": "x"})


def test_a_prefixed_name_is_no_keyword(fake: Callable[..., FakeEndpoint], tmp_path: Path) -> None:
    endpoint = fake()
    named = write_query(
        tmp_path, "pname", "# param: name — a name\nPREFIX values: <http://ex/>\nSELECT ?s { ?s values:as ?name }\n"
    )
    assert query_endpoint(endpoint.url, named, {"name": "x"}) == []
    assert '?s values:as "x"' in urllib.parse.parse_qs(endpoint.requests[0][2].decode())["query"][0]


def test_comments_do_not_turn_a_query_into_an_update(fake: Callable[..., FakeEndpoint], tmp_path: Path) -> None:
    # SPARQLWrapper alone reads this query as an ADD update and sends it as update=...
    endpoint = fake()
    named = write_query(tmp_path, "commented", "# First.\n# An address book.\nSELECT ?s WHERE { ?s ?p ?o }\n")
    assert query_endpoint(endpoint.url, named) == []
    assert list(urllib.parse.parse_qs(endpoint.requests[0][2].decode())) == ["query"]


def test_parameters_are_checked(reader: Server) -> None:
    with pytest.raises(QueryError, match="needs a value for name"):
        query_endpoint(reader.url, "official-meetings")
    with pytest.raises(QueryError, match="has no parameter iso3"):
        query_endpoint(reader.url, "officials", {"iso3": "USA"})


# --- push --------------------------------------------------------------------------------------------------


def test_push_a_store_then_query_it(
    writable: Server, seed_store: Path, seed_graph: Graph, article: str, queries: dict[str, Path], seed_quads: int
) -> None:
    calls: list[tuple[int, int]] = []
    with Store.open(seed_store, read_only=True) as store:
        assert push(store, writable.update_url, progress=lambda done, total: calls.append((done, total))) == 1
    assert calls == [(1, 1)]
    assert query_endpoint(writable.url, queries["graphs"]) == [{"g": article}]
    assert count(writable, queries) == seed_quads
    assert rows_as_set(query_endpoint(writable.url, "officials")) == rows_as_set(query(seed_graph, "officials"))


def test_push_twice_gives_no_duplicates(
    writable: Server, seed_store: Path, queries: dict[str, Path], seed_quads: int
) -> None:
    with Store.open(seed_store, read_only=True) as store:
        push(store, writable.update_url)
        push(store, writable.update_url)
    assert count(writable, queries) == seed_quads


def test_a_large_graph_is_pushed_in_chunks(
    writable: Server,
    seed_store: Path,
    queries: dict[str, Path],
    seed_quads: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[str] = []
    send = kg.endpoint._send

    def spy(url: str, text: str, form: str, **options: object) -> object:
        sent.append(text)
        return send(url, text, form, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(kg.endpoint, "_send", spy)
    monkeypatch.setattr(kg.endpoint, "CHUNK_BYTES", 20_000)
    with Store.open(seed_store, read_only=True) as store:
        push(store, writable.update_url)
        push(store, writable.update_url)
    updates = [text for text in sent if "/probe/" not in text]  # each push asks first what the default graph is
    assert len(sent) - len(updates) == 6
    assert len(updates) > 4
    assert sum("DROP SILENT GRAPH" in text for text in updates) == 2
    assert count(writable, queries) == seed_quads


def test_oxigraph_answers_on_its_default_graph_and_the_probe_leaves_nothing(
    writable: Server, queries: dict[str, Path]
) -> None:
    assert default_graph_is_union(writable.update_url) is False
    assert count(writable, queries) == 0


def test_push_a_graph_file(
    writable: Server, seed_graph: Graph, article: str, queries: dict[str, Path], tmp_path: Path
) -> None:
    path = tmp_path / "seed.nt"
    seed_graph.serialize(path, format="nt", encoding="utf-8")
    assert push(load_graph(path), writable.update_url) == 1
    assert query_endpoint(writable.url, queries["graphs"]) == [{"g": article}]
    assert rows_as_set(query_endpoint(writable.url, "meetings")) == rows_as_set(query(seed_graph, "meetings"))


def test_a_graph_without_one_article_needs_a_graph_iri(
    writable: Server, seed_graph: Graph, queries: dict[str, Path]
) -> None:
    no_article = Graph()
    no_article.add((KGR["nation/FRA"], KG.name, Literal("France")))
    with pytest.raises(UsageError, match=r"no kg:Article.*--graph IRI"):
        push(no_article, writable.update_url)
    two_articles = Graph()
    two_articles += seed_graph
    two_articles.add((KGR["article/bbbbbbbbbbbbbbbb"], RDF.type, KG.Article))
    with pytest.raises(UsageError, match="2 kg:Article nodes"):
        push(two_articles, writable.update_url)
    assert query_endpoint(writable.url, queries["graphs"]) == []
    assert push(no_article, writable.update_url, graph_iri="https://example.org/g") == 1
    assert query_endpoint(writable.url, queries["graphs"]) == [{"g": "https://example.org/g"}]
    with pytest.raises(UsageError, match="not an IRI"):
        push(no_article, writable.update_url, graph_iri="not an iri")


def test_blank_nodes_are_skolemized(writable: Server, queries: dict[str, Path]) -> None:
    graph = Graph()
    node = rdflib.BNode()
    graph.add((node, KG.name, Literal("anonymous")))
    graph.add((node, KG.alias, Literal("nobody")))
    push(add_keys(graph), writable.update_url, graph_iri="https://example.org/g")
    rows = query_endpoint(writable.url, "entity", {"name": "nobody"})
    assert {row["entity"] for row in rows} == {rows[0]["entity"]}
    assert rows[0]["entity"].startswith(str(KGR) + "genid/")
    # Two names and their two keys, in the named graph and the merged default graph.
    assert len(rows) == 4 and count(writable, queries) == 8


def test_push_refuses_a_graph_iri_for_a_store(writable: Server, seed_store: Path) -> None:
    with Store.open(seed_store, read_only=True) as store, pytest.raises(UsageError, match="graph file"):
        push(store, writable.update_url, graph_iri="https://example.org/g")


def test_a_read_only_server_refuses_updates(
    reader: Server, seed_graph: Graph, queries: dict[str, Path], seed_quads: int
) -> None:
    with pytest.raises(EndpointError, match=r"refused the update \(HTTP 403.*--allow-update"):
        push(seed_graph, reader.update_url)
    assert count(reader, queries) == seed_quads


def test_push_to_the_query_url_says_which_url(writable: Server, seed_graph: Graph) -> None:
    with pytest.raises(EndpointError, match=r"HTTP 415.*; is this the update URL, e.g. http://127.0.0.1:7878/update\?"):
        push(seed_graph, writable.url)
    with pytest.raises(EndpointError, match=r"HTTP 4\d\d.*; is this the query URL, e.g. http://127.0.0.1:7878/query\?"):
        query_endpoint(writable.update_url, "officials")


# --- network failures --------------------------------------------------------------------------------------


def test_endpoint_down() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    start = time.monotonic()
    with pytest.raises(EndpointError, match=r"no SPARQL endpoint answers at .*kg serve --store PATH"):
        query_endpoint(url, "officials", timeout=5)
    assert time.monotonic() - start < 2


def test_slow_endpoint_times_out(fake: Callable[..., FakeEndpoint]) -> None:
    endpoint = fake(delay=3)
    start = time.monotonic()
    with pytest.raises(EndpointError, match=r"did not answer within 0.5 s; raise --timeout"):
        query_endpoint(endpoint.url, "officials", timeout=0.5)
    assert time.monotonic() - start < 0.5 + 1


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (401, b"who are you?", r"refused the query \(HTTP 401: who are you\?\); give --user and --password"),
        (403, b"", r"refused the query \(HTTP 403\); give --user and --password"),
        (400, b"Parse error at 3:4\nexpected }", r"rejected the query \(HTTP 400: Parse error at 3:4 expected }\)"),
        (404, b"", r"no SPARQL endpoint at .* is this the query URL, e.g. http://127.0.0.1:7878/query\?"),
        (500, b"out of memory", r"failed \(HTTP 500: out of memory\); check the server"),
        (503, b"overloaded", r"failed \(HTTP 503: overloaded\)"),
        (418, b"teapot", r"answered HTTP 418: teapot"),
    ],
)
def test_http_errors(fake: Callable[..., FakeEndpoint], status: int, body: bytes, message: str) -> None:
    endpoint = fake(status=status, body=body)
    with pytest.raises(EndpointError, match=message):
        query_endpoint(endpoint.url, "officials", timeout=5)


@pytest.mark.parametrize(
    ("content_type", "body", "message"),
    [
        ("text/html", b"<html><body>Welcome</body></html>", r"text/html, starting '<html><body>Welcome"),
        ("application/json", b'{"error": "no"}', "JSON without results.bindings"),
        (
            "application/json",
            b'{"results": {"bindings": [{"official": 3}]}}',
            r"a binding of \?official",
        ),
        ("application/sparql-results+json", b"\xff\xfe not json", r"application/sparql-results\+json, starting"),
    ],
)
def test_an_answer_that_is_not_sparql_json(
    fake: Callable[..., FakeEndpoint], content_type: str, body: bytes, message: str
) -> None:
    endpoint = fake(content_type=content_type, body=body)
    with pytest.raises(EndpointError, match=rf"did not answer with SPARQL JSON results \(.*({message})"):
        query_endpoint(endpoint.url, "officials")


def test_basic_auth(fake: Callable[..., FakeEndpoint]) -> None:
    answer = (
        b'{"head": {"vars": ["official", "name", "title", "nation"]}, "results": {"bindings": ['
        b'{"official": {"type": "uri", "value": "https://w3id.org/kg/id/official/x"},'
        b' "name": {"type": "literal", "value": "X"}}]}}'
    )
    endpoint = fake(body=answer, user=("ann", "s3cret:!"))
    with pytest.raises(EndpointError, match=r"HTTP 401.*--user"):
        query_endpoint(endpoint.url, "officials")
    rows = query_endpoint(endpoint.url, "officials", auth=("ann", "s3cret:!"))
    assert rows == [{"official": "https://w3id.org/kg/id/official/x", "name": "X", "title": None, "nation": None}]
    assert endpoint.requests[-1][1]["Content-Type"] == "application/x-www-form-urlencoded"
    empty = fake(user=("token", ""))
    assert query_endpoint(empty.url, "officials", auth=("token", "")) == []


def test_update_is_sent_as_the_request_body_with_auth(fake: Callable[..., FakeEndpoint], seed_graph: Graph) -> None:
    endpoint = fake(status=204, body=b"", user=("ann", "pw"))
    assert push(seed_graph, endpoint.url, auth=("ann", "pw")) == 1
    probe, pushed = endpoint.requests[:3], endpoint.requests[3:]
    assert [b"/probe/" in body for _, _, body in probe] == [True, True, True]  # insert, ask, drop
    ((_, headers, body),) = pushed
    assert headers["Content-Type"] == "application/sparql-update"
    text = body.decode()
    assert text.startswith("DELETE { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/kg/id/article/")
    assert "DROP SILENT GRAPH <https://w3id.org/kg/id/article/" in text
    data = text.split("INSERT DATA {", 1)[1].split("GRAPH <", 1)[0]  # the default graph's copy
    assert len(rdflib.Graph().parse(data=data, format="nt")) == len(seed_graph)


@pytest.mark.parametrize(
    "url", ["127.0.0.1:7878/query", "ftp://example.org/sparql", "http:///query", "http://host:port/query"]
)
def test_a_url_that_is_not_http_is_a_usage_error(url: str) -> None:
    with pytest.raises(UsageError, match="not an http"):
        query_endpoint(url, "officials")


def test_a_login_in_the_url_is_refused() -> None:
    with pytest.raises(UsageError, match="--user and --password instead"):
        query_endpoint("http://ann:secret@127.0.0.1:7878/query", "officials")


def test_a_timeout_must_be_positive() -> None:
    with pytest.raises(UsageError, match="positive"):
        query_endpoint("http://127.0.0.1:7878/query", "officials", timeout=0)


# --- the server --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bind", ["0.0.0.0:7878", "192.168.1.10:7878", "[::]:7878", "example.org:80"])
def test_serve_refuses_a_public_bind_without_public(seed_store: Path, bind: str) -> None:
    with pytest.raises(UsageError, match=r"reachable from the network.*--public"):
        serve(seed_store, bind=bind)


@pytest.mark.parametrize("bind", ["127.0.0.1", "127.0.0.1:0", "127.0.0.1:99999", "::1:7878", ":7878", "x:y"])
def test_serve_refuses_a_malformed_bind(seed_store: Path, bind: str) -> None:
    with pytest.raises(UsageError, match="--bind"):
        serve(seed_store, bind=bind)


@pytest.mark.parametrize("bind", ["localhost:7878", "127.0.0.2:80", "[::1]:7878", "0.0.0.0:7878"])
def test_loopback_binds_need_no_public(bind: str) -> None:
    public = bind.startswith("0.0.0.0")
    assert kg.server._parse_bind(bind, public=public)[1] in {7878, 80}


def test_serve_on_a_port_in_use(tmp_path: Path) -> None:
    with Store.open(tmp_path):
        pass
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(EndpointError, match=f"port {port} is in use"):
            serve(tmp_path, bind=f"127.0.0.1:{port}")
    with Store.open(tmp_path):  # the failed start freed the lock
        pass


def test_serve_needs_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no store at .*kg build ARTICLES --store"):
        serve(tmp_path / "missing", bind=f"127.0.0.1:{free_port()}")
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a store"):
        serve(tmp_path, bind=f"127.0.0.1:{free_port()}", allow_update=True)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]


def test_stop_leaves_no_process_and_frees_the_store(tmp_path: Path) -> None:
    server = serve(tmp_path / "store", bind=f"127.0.0.1:{free_port()}", allow_update=True)
    pid = server.process.pid
    assert server.process.poll() is None
    server.stop()
    server.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    with Store.open(tmp_path / "store") as store:  # neither kg's lock nor Oxigraph's is held
        assert len(store) == 0
    with pytest.raises(EndpointError, match="no SPARQL endpoint answers"):
        query_endpoint(server.url, "officials")


def test_the_store_lock_keeps_builds_and_servers_apart(seed_store: Path, reader: Server) -> None:
    with pytest.raises(StoreError, match="in use by another kg process"):
        Store.open(seed_store)
    with Store.open(seed_store, read_only=True) as store:  # readers share the store
        assert len(store) > 0


def test_serve_is_refused_while_a_build_writes(tmp_path: Path) -> None:
    with Store.open(tmp_path), pytest.raises(StoreError, match="in use by another kg process"):
        serve(tmp_path, bind=f"127.0.0.1:{free_port()}")


def test_a_server_that_exits_at_start(seed_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "oxigraph"
    program.write_text("#!/bin/sh\necho 'Error: cannot open the store: boom' >&2\nexit 3\n")
    program.chmod(0o755)
    monkeypatch.setattr(kg.server, "_oxigraph_program", lambda: str(program))
    with pytest.raises(EndpointError, match=r"stopped as it started \(exit code 3\): Error: cannot open .*boom"):
        serve(seed_store, bind=f"127.0.0.1:{free_port()}")


def test_a_server_that_never_answers(seed_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "oxigraph"
    pid_file = tmp_path / "pid"
    program.write_text(f"#!/bin/sh\necho $$ > {pid_file}\necho starting >&2\nexec sleep 30\n")
    program.chmod(0o755)
    monkeypatch.setattr(kg.server, "_oxigraph_program", lambda: str(program))
    start = time.monotonic()
    with pytest.raises(EndpointError, match=r"did not answer at .* within 0.5 s: starting"):
        serve(seed_store, bind=f"127.0.0.1:{free_port()}", start_timeout=0.5)
    assert time.monotonic() - start < 3
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


def test_a_missing_oxigraph_program(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(kg.server.sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EndpointError, match="pip install oxigraph"):
        kg.server._oxigraph_program()


def test_wait_reports_a_server_that_dies(tmp_path: Path) -> None:
    server = serve(tmp_path / "store", bind=f"127.0.0.1:{free_port()}", allow_update=True)
    os.kill(server.process.pid, signal.SIGKILL)
    with pytest.raises(EndpointError, match=r"stopped \(exit code -9\): Listening for requests at http://127"):
        server.wait()
    with Store.open(tmp_path / "store"):
        pass


def test_ctrl_c_in_wait_stops_the_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server = serve(tmp_path / "store", bind=f"127.0.0.1:{free_port()}", allow_update=True)
    wait = server.process.wait
    interrupted = []

    def interrupt(timeout: float | None = None) -> int:
        if not interrupted:
            interrupted.append(True)
            raise KeyboardInterrupt
        return wait(timeout)

    monkeypatch.setattr(server.process, "wait", interrupt)
    server.wait()
    assert interrupted and server.process.returncode is not None
    with Store.open(tmp_path / "store"):
        pass


@pytest.mark.parametrize("module", ["kg.endpoint", "kg.server"])
def test_doctests(module: str) -> None:
    failures, tried = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failures == 0


def test_sigterm_in_wait_stops_the_server(tmp_path: Path) -> None:
    server = serve(tmp_path / "store", bind=f"127.0.0.1:{free_port()}", allow_update=True)
    previous = signal.getsignal(signal.SIGTERM)
    threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM)).start()
    server.wait()
    assert server.process.returncode is not None
    assert signal.getsignal(signal.SIGTERM) == previous
    with Store.open(tmp_path / "store"):
        pass
