"""Where corpus builds write besides a store: N-Quads shards for bulk loaders, and any SPARQL 1.1 store
(here the real Oxigraph server, started on 127.0.0.1). Both must hold exactly the article graphs a store build
writes, and both must resume."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Literal, Namespace
from servers import article_quads, free_port

import kg.api
import kg.nlp
from kg.cli import cli
from kg.errors import UsageError
from kg.outputs import EndpointOutput, ShardOutput
from kg.server import Server, serve

KG = Namespace("https://w3id.org/kg/ontology#")
KGR = Namespace("https://w3id.org/kg/id/")
BIN = Path(sys.executable).parent


def shard_quads(folder: Path) -> list[tuple[str, ...]]:
    return [
        tuple(str(t) for t in q)
        for shard in sorted(folder.glob("part-*.nq"))
        for q in ox.parse(path=shard, format=ox.RdfFormat.N_QUADS)
    ]


@pytest.fixture
def fake_build(monkeypatch):
    """Each article yields one official named after its file."""

    def triples(article, **_options):
        stem = Path(article.source).stem
        official = KGR[f"official/{stem}"]
        g = Graph()
        g.add((KGR["article/" + stem], RDF.type, KG.Article))
        g.add((official, RDF.type, KG.Official))
        g.add((official, KG.name, Literal(f"Official {stem}")))
        return list(g)

    monkeypatch.setattr(kg.api, "article_triples", triples)
    monkeypatch.setattr(kg.nlp, "parse", lambda texts, **_: (None for _ in texts))


def articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"a{i:02d}.txt").write_text(f"Article number {i}.\n", encoding="utf-8")
    return folder


def build(*args: str):
    return CliRunner().invoke(cli, ["build", *args])


# --- shards --------------------------------------------------------------------------------------------------


def test_shards_hold_the_article_graphs_of_a_store_build(tmp_path, fake_build):
    folder = articles(tmp_path / "in", 7)
    assert build(str(folder), "--store", str(tmp_path / "store"), "-q").exit_code == 0
    result = build(str(folder), "--out-dir", str(tmp_path / "shards"), "--shard-size", "3")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "shards").iterdir()) == [
        "part-000001.nq",
        "part-000002.nq",
        "part-000003.nq",
    ]
    assert "Wrote 3 shards" in result.stderr
    written = shard_quads(tmp_path / "shards")
    assert len(written) == len(set(written))  # no quad twice
    assert set(written) == article_quads(tmp_path / "store")
    # Each shard is whole articles: 3, 3 and 1 of them.
    sources = [
        sum(1 for q in ox.parse(path=p, format=ox.RdfFormat.N_QUADS) if q.predicate.value == str(KG.source))
        for p in sorted((tmp_path / "shards").glob("part-*.nq"))
    ]
    assert sources == [3, 3, 1]


def test_shards_resume_with_new_shards_and_refuse_to_mix_without_resume(tmp_path, fake_build):
    folder = articles(tmp_path / "in", 4)
    assert build(str(folder), "--out-dir", str(tmp_path / "shards"), "-q").exit_code == 0
    for i in range(4, 6):
        (folder / f"a{i:02d}.txt").write_text(f"Article number {i}.\n", encoding="utf-8")
    result = build(str(folder), "--out-dir", str(tmp_path / "shards"))
    assert result.exit_code == 2
    assert "holds shards of an earlier build; add --resume" in result.stderr
    first = (tmp_path / "shards" / "part-000001.nq").read_bytes()
    result = build(str(folder), "--out-dir", str(tmp_path / "shards"), "--resume")
    assert result.exit_code == 0, result.output
    assert "Built 2 of 6 articles" in result.stderr and "skipped 4 already in the shards" in result.stderr
    assert (tmp_path / "shards" / "part-000001.nq").read_bytes() == first  # never rewritten
    assert len(ShardOutput(tmp_path / "shards", resume=True).held()) == 6


def test_a_shard_is_never_overwritten_and_no_temporary_file_stays(tmp_path):
    first = ShardOutput(tmp_path, shard_size=1)
    second = ShardOutput(tmp_path, shard_size=1)  # a second build into the same folder, meanwhile
    first.write("https://w3id.org/kg/id/article/a", ['<http://ex/s> <http://ex/p> "a"'], "/a.txt")
    second.write("https://w3id.org/kg/id/article/b", ['<http://ex/s> <http://ex/p> "b"'], "/b.txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["part-000001.nq", "part-000002.nq"]
    assert ShardOutput(tmp_path, resume=True).held() == {"/a.txt", "/b.txt"}


def test_an_interrupted_build_keeps_its_last_partial_shard(tmp_path):
    out = ShardOutput(tmp_path, shard_size=10)
    out.write("https://w3id.org/kg/id/article/a", ['<http://ex/s> <http://ex/p> "a"'], "/a.txt")
    assert list(tmp_path.iterdir()) == []  # not written until full or closed
    out.close()
    assert [p.name for p in tmp_path.iterdir()] == ["part-000001.nq"]


def test_out_dir_that_is_a_file_and_options_without_their_target(tmp_path, fake_build):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="is a file"):
        ShardOutput(tmp_path / "f")
    folder = articles(tmp_path / "in", 1)
    result = build(str(folder), "--shard-size", "5", "-o", str(tmp_path / "x.ttl"))
    assert result.exit_code == 2 and "--shard-size applies to --out-dir" in result.stderr
    result = build(str(folder), "--store", str(tmp_path / "s"), "--out-dir", str(tmp_path / "d"))
    assert result.exit_code == 2 and "not --store and --out-dir" in result.stderr
    result = build(str(folder), "--user", "u", "-o", str(tmp_path / "x.ttl"))
    assert result.exit_code == 2 and "--user and --password are for --endpoint" in result.stderr


def test_oxigraph_loads_the_shards_into_the_graphs_of_a_store(tmp_path, fake_build):
    folder = articles(tmp_path / "in", 5)
    assert build(str(folder), "--store", str(tmp_path / "store"), "-q").exit_code == 0
    assert build(str(folder), "--out-dir", str(tmp_path / "shards"), "--shard-size", "2", "-q").exit_code == 0
    shards = [str(p) for p in sorted((tmp_path / "shards").glob("part-*.nq"))]
    loaded = tmp_path / "loaded"
    subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(loaded), "--file", *shards], check=True)
    db = ox.Store(str(loaded))
    held = {tuple(str(t) for t in q) for q in db}
    del db
    assert held == article_quads(tmp_path / "store")


# --- a SPARQL endpoint -----------------------------------------------------------------------------------------


@pytest.fixture
def remote(tmp_path: Path) -> Iterator[Server]:
    with serve(tmp_path / "remote", bind=f"127.0.0.1:{free_port()}", allow_update=True) as server:
        yield server


def remote_article_quads(server: Server, tmp_path: Path) -> set[tuple[str, ...]]:
    server.stop()
    return article_quads(server.store_path)


def test_an_endpoint_build_writes_the_article_graphs_of_a_store_build(tmp_path, fake_build, remote):
    folder = articles(tmp_path / "in", 6)
    assert build(str(folder), "--store", str(tmp_path / "store"), "-q").exit_code == 0
    result = build(str(folder), "--endpoint", remote.update_url)
    assert result.exit_code == 0, result.output
    assert f"Built 6 of 6 articles into {remote.update_url}" in result.stderr
    # Again, with one article changed: its old graph goes, as in a store.
    (folder / "a00.txt").write_text("Article number 0, revised.\n", encoding="utf-8")
    assert build(str(folder), "--store", str(tmp_path / "store"), "-q").exit_code == 0
    assert build(str(folder), "--endpoint", remote.update_url, "-q").exit_code == 0
    assert remote_article_quads(remote, tmp_path) == article_quads(tmp_path / "store")


def test_an_endpoint_build_resumes(tmp_path, fake_build, remote):
    folder = articles(tmp_path / "in", 3)
    assert build(str(folder), "--endpoint", remote.update_url, "-q").exit_code == 0
    articles(folder, 5)
    out = EndpointOutput(remote.update_url)
    assert len(out.held()) == 3
    result = build(str(folder), "--endpoint", remote.update_url, "--resume")
    assert result.exit_code == 0, result.output
    assert "Built 2 of 5 articles" in result.stderr and "skipped 3 already in the endpoint" in result.stderr


def test_an_endpoint_that_is_down_stops_the_build_with_exit_code_8(tmp_path, fake_build):
    folder = articles(tmp_path / "in", 2)
    result = build(str(folder), "--endpoint", f"http://127.0.0.1:{free_port()}/update", "--resume")
    assert result.exit_code == 8
    assert "no SPARQL endpoint answers at" in result.stderr
