"""The corpus workflow as a user runs it: `kg serve` (the real Oxigraph server) in a process of its own, then
`kg query --endpoint`, SPARQLWrapper, and `kg push` into a second server that accepts updates."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from servers import free_port
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.query import load_graph, query
from kg.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed.ttl"
KG_SCRIPT = Path(sys.executable).with_name("kg")
ARTICLE = "https://w3id.org/kg/id/article/673dbf31df12575c"


def kg(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([str(KG_SCRIPT), *args], capture_output=True, text=True, timeout=timeout)


class Served:
    def __init__(self, store: Path, *extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [str(KG_SCRIPT), "serve", "--store", str(store), "--bind", f"127.0.0.1:{self.port}", *extra]
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"kg serve exited: {self.process.stderr.read()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("kg serve never listened")

    def stop(self) -> str:
        # SIGTERM, as a service manager stops it: a test run in the background inherits an ignored SIGINT.
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=15)
        return self.process.stderr.read()


@pytest.fixture
def seed_store(tmp_path) -> Path:
    path = tmp_path / "corpus.db"
    with Store.open(path) as store:
        store.replace_article(load_graph(SEED), ARTICLE, source="seed.txt")
    return path


def rows_as_set(rows: list[dict]) -> set[tuple]:
    return {tuple(row.values()) for row in rows}


def test_serve_then_query_the_endpoint_with_kg_and_with_sparqlwrapper(seed_store):
    served = Served(seed_store)
    try:
        result = kg("query", "--endpoint", f"{served.url}/query", "officials", "--format", "json")
        assert result.returncode == 0, result.stderr
        assert rows_as_set(json.loads(result.stdout)) == rows_as_set(query(load_graph(SEED), "officials"))
        result = kg(
            "query", "--endpoint", f"{served.url}/query", "official-meetings", "-p", "name=abe", "--format", "json"
        )
        assert {row["participantName"] for row in json.loads(result.stdout)} >= {"Jim Mattis", "Tomomi Inada"}
        wrapper = SPARQLWrapper(f"{served.url}/query")
        wrapper.setQuery("SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a <https://w3id.org/kg/ontology#Meeting> }")
        wrapper.setReturnFormat(JSON)
        assert wrapper.query().convert()["results"]["bindings"][0]["n"]["value"] == "1"
        # Read-only: an update is refused, and a build cannot write under the server.
        pushed = kg("push", str(SEED), "--endpoint", f"{served.url}/update")
        assert pushed.returncode == 8 and "read-only" in pushed.stderr
        build = kg("build", str(ROOT / "tests" / "data" / "seed.txt"), "--store", str(seed_store), "-q")
        assert build.returncode == 6 and "in use by another kg process" in build.stderr
    finally:
        stderr = served.stop()
    assert f"at {served.url}/query" in stderr
    assert served.process.returncode == 0


def test_push_a_store_into_a_server_that_accepts_updates(seed_store, tmp_path):
    remote = Served(tmp_path / "remote.db", "--allow-update")
    try:
        for _ in range(2):  # pushing twice replaces the article's graph: no duplicates
            result = kg("push", str(seed_store), "--endpoint", f"{remote.url}/update", "-q")
            assert result.returncode == 0, result.stderr
        result = kg("query", "--endpoint", f"{remote.url}/query", "meetings", "--format", "json")
        assert rows_as_set(json.loads(result.stdout)) == rows_as_set(query(load_graph(SEED), "meetings"))
        wrapper = SPARQLWrapper(f"{remote.url}/query")
        wrapper.setQuery("SELECT (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }")
        wrapper.setReturnFormat(JSON)
        with Store.open(seed_store, read_only=True) as store:
            assert int(wrapper.query().convert()["results"]["bindings"][0]["n"]["value"]) == len(store)
    finally:
        remote.stop()


def test_an_endpoint_that_is_down_is_one_clear_line_quickly():
    started = time.monotonic()
    result = kg("query", "--endpoint", f"http://127.0.0.1:{free_port()}/query", "officials", "--timeout", "2")
    assert time.monotonic() - started < 15
    assert result.returncode == 8
    assert result.stderr.startswith("kg: error: no SPARQL endpoint answers at")
    assert len(result.stderr.strip().splitlines()) == 1


def test_serve_refuses_a_public_bind_and_a_missing_store(tmp_path, seed_store):
    result = kg("serve", "--store", str(seed_store), "--bind", "0.0.0.0:7878")
    assert result.returncode == 2 and "--public" in result.stderr
    result = kg("serve", "--store", str(tmp_path / "none"))
    assert result.returncode == 6 and "kg build" in result.stderr


def test_query_needs_exactly_one_source(seed_store):
    result = kg("query", "officials")
    assert result.returncode == 2 and "kg query --store PATH NAME" in result.stderr
    result = kg("query", "--store", str(seed_store), "--endpoint", "http://127.0.0.1:1/query", "officials")
    assert result.returncode == 2
    result = kg("query", "--store", str(seed_store), "treaties", "--format", "csv")
    assert result.returncode == 0 and "JPN" in result.stdout
    assert kg("query", str(seed_store), "treaties", "--format", "csv").stdout == result.stdout


def test_export_a_store_and_a_graph(seed_store, tmp_path):
    for fmt, suffix in [("trig", "trig"), ("nquads", "nq"), ("turtle", "ttl"), ("nt", "nt"), ("jsonld", "jsonld")]:
        out = tmp_path / f"out.{suffix}"
        result = kg("export", str(seed_store), "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert len(load_graph(out)) == len(load_graph(SEED)) + 1, fmt  # and the article's kg:source
    result = kg("export", str(seed_store), "--format", "graphml", "-o", str(tmp_path / "g.graphml"))
    assert result.returncode == 0 and b"<graphml" in (tmp_path / "g.graphml").read_bytes()
    result = kg("export", str(SEED), "--format", "nquads")
    assert result.returncode == 2 and "no named graphs" in result.stderr
