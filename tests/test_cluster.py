"""Builds on a real Dask cluster: a ``dask scheduler`` and two ``dask worker`` processes started on 127.0.0.1.

A cluster build must give the quads of a local build, load the spaCy model once per worker, lose nothing when a
worker is killed in the middle, and fail in one line, writing nothing, when the scheduler cannot be reached.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import Client
from servers import article_quads, free_port, quads

from kg.cli import cli
from kg.cluster import connect, run
from kg.errors import ClusterError, UsageError
from kg.store import Store

BIN = Path(sys.executable).parent
PEOPLE = ["Lloyd Austin", "Antony Blinken", "Jim Mattis", "Mark Esper", "Pete Hegseth"]
CITIES = ["Manila", "Seoul", "Tokyo", "Canberra", "Jakarta", "Hanoi"]


def write_articles(folder: Path, count: int, *, filler: int = 8) -> Path:
    """``count`` short articles, each with a sentence of its own so that each is its own article."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        text = (
            f"Defense Secretary {PEOPLE[i % 5]} met Japanese Defense Minister Minoru Kihara in {CITIES[i % 6]} "
            f"on Monday.\n\n{'The ministers discussed the alliance and regional security. ' * filler}\n\n"
            f"They met for the {i}th time.\n"
        )
        (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def kg_build(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "kg"), "build", *args], capture_output=True, text=True, timeout=600)


class DaskCluster:
    """A real scheduler and two single-threaded workers (each under its nanny, as `dask worker` runs them)."""

    def __init__(self, folder: Path) -> None:
        port = free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        self.log = folder / "cluster.log"
        self._log = self.log.open("wb")
        common = {"stdout": self._log, "stderr": subprocess.STDOUT, "cwd": folder}
        self.processes = [
            subprocess.Popen(
                [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                **common,
            )
        ]
        for name in ("w1", "w2"):
            self.processes.append(
                subprocess.Popen(
                    [
                        str(BIN / "dask"),
                        "worker",
                        self.address,
                        "--name",
                        name,
                        "--nthreads",
                        "1",
                        "--host",
                        "127.0.0.1",
                        "--no-dashboard",
                        "--memory-limit",
                        "0",
                    ],
                    **common,
                )
            )
        with Client(self.address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)

    def close(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        self._log.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DaskCluster]:
    running = DaskCluster(tmp_path_factory.mktemp("dask"))
    yield running
    running.close()


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_articles(tmp_path_factory.mktemp("articles"), 20)


@pytest.fixture(scope="module")
def local_store(tmp_path_factory: pytest.TempPathFactory, articles: Path) -> Path:
    store = tmp_path_factory.mktemp("local") / "store"
    result = kg_build(str(articles), "--store", str(store), "--published", "2024-03-04", "-q")
    assert result.returncode == 0, result.stderr
    return store


# --- builds on the cluster ------------------------------------------------------------------------------------


@pytest.mark.model
def test_a_cluster_build_gives_the_quads_of_a_local_build(tmp_path, cluster, articles, local_store):
    store = tmp_path / "store"
    result = kg_build(str(articles), "--store", str(store), "--published", "2024-03-04", "--cluster", cluster.address)
    assert result.returncode == 0, result.stderr
    assert "Built 20 of 20 articles" in result.stderr
    expected = quads(local_store)
    assert len(expected) > 1000
    assert quads(store) == expected
    # Each worker loaded the model once (by the plugin, when it joined), however many batches it built.
    with Client(cluster.address) as client:
        loads = client.run(lambda: __import__("kg.nlp").nlp.pipeline.cache_info().misses)
    assert sorted(loads.values()) == [1, 1]


@pytest.mark.model
def test_a_merged_build_on_the_cluster_is_the_local_one(tmp_path, cluster, articles):
    for name, extra in (("local", []), ("cluster", ["--cluster", cluster.address])):
        result = kg_build(str(articles), "--published", "2024-03-04", "-o", str(tmp_path / f"{name}.nt"), *extra)
        assert result.returncode == 0, result.stderr
    local = sorted((tmp_path / "local.nt").read_text(encoding="utf-8").splitlines())
    assert len(local) > 300
    assert sorted((tmp_path / "cluster.nt").read_text(encoding="utf-8").splitlines()) == local


@pytest.mark.model
def test_a_cluster_build_into_shards_resumes(tmp_path, cluster, articles, local_store):
    import pyoxigraph as ox

    some = tmp_path / "some"
    some.mkdir()
    for path in sorted(articles.glob("*.txt"))[:12]:
        (some / path.name).symlink_to(path)
    shards = tmp_path / "shards"
    common = ["--published", "2024-03-04", "--cluster", cluster.address, "--out-dir", str(shards)]
    assert kg_build(str(some), *common, "--shard-size", "5").returncode == 0
    assert len(list(shards.glob("part-*.nq"))) == 3  # 5 + 5 + 2
    result = kg_build(str(articles), *common, "--resume")
    assert result.returncode == 0, result.stderr
    assert "Built 8 of 20 articles" in result.stderr and "skipped 12 already in the shards" in result.stderr
    loaded = ox.Store()  # Oxigraph stores literals by value ("0"^^xsd:nonNegativeInteger as xsd:integer), as kg's store
    for shard in shards.glob("part-*.nq"):
        loaded.load(path=shard, format=ox.RdfFormat.N_QUADS)
    written = {tuple(str(t) for t in q) for q in loaded}
    expected = article_quads(local_store)
    # The symlinked articles' sources are the links' paths: compare all but the kg:source quads.
    source = "<https://w3id.org/kg/ontology#source>"
    assert {q for q in written if q[1] != source} == {q for q in expected if q[1] != source}


@pytest.mark.model
def test_relative_paths_reach_workers_that_run_in_another_folder(tmp_path, cluster):
    write_articles(tmp_path / "relative", 3)
    args = [str(BIN / "kg"), "build", "relative", "--store", "store", "--cluster", cluster.address]
    result = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "Built 3 of 3 articles" in result.stderr
    with Store.open(tmp_path / "store", read_only=True) as held:
        assert held.sources() == {str((tmp_path / "relative" / f"{i:03d}.txt").resolve()) for i in range(3)}


@pytest.mark.model
def test_a_killed_worker_loses_nothing(tmp_path, cluster):
    folder = write_articles(tmp_path / "articles", 48, filler=40)
    reference = tmp_path / "reference"
    assert (
        kg_build(str(folder), "--store", str(reference), "--published", "2024-03-04", "-q", "--jobs", "2").returncode
        == 0
    )
    store = tmp_path / "store"
    args = [str(BIN / "kg"), "build", str(folder), "--store", str(store), "--published", "2024-03-04", "-q"]
    build = subprocess.Popen([*args, "--cluster", cluster.address], stderr=subprocess.PIPE, text=True)
    with Client(cluster.address) as client:
        pids = client.run(os.getpid)
        deadline = time.monotonic() + 120
        busy: dict[str, tuple] = {}
        while time.monotonic() < deadline and build.poll() is None:
            # The build's batches, once both workers are at work (past loading the model).
            busy = {w: tasks for w, tasks in client.processing().items() if tasks}
            if len(busy) == 2:
                break
            time.sleep(0.02)
        assert len(busy) == 2, "the build never kept both workers busy"
        victim = sorted(busy)[0]
        os.kill(pids[victim], signal.SIGKILL)
    _, stderr = build.communicate(timeout=600)
    assert build.returncode == 0, stderr
    with Store.open(store, read_only=True) as held:
        assert len(held.articles()) == 48
        assert len(held.sources()) == 48  # one graph per article: none twice
    assert quads(store) == quads(reference)


def test_an_unreachable_scheduler_is_one_line_and_writes_nothing(tmp_path):
    (tmp_path / "a.txt").write_text("Defense Secretary Jim Mattis met Shinzo Abe in Tokyo.\n", encoding="utf-8")
    store = tmp_path / "store"
    address = f"tcp://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "a.txt"), "--store", str(store), "--cluster", address])
    assert result.exit_code == ClusterError.exit_code == 9
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"kg: error: cannot reach the Dask scheduler at {address}")
    assert "dask scheduler" in lines[0]
    assert not store.exists()


@pytest.mark.parametrize("spec", ["foo", "local:0", "local:two", "tcp://127.0.0.1"])
def test_a_cluster_spec_that_is_neither_local_nor_an_address(spec):
    with pytest.raises(UsageError, match="--cluster"), connect(spec):
        pass


def test_jobs_and_cluster_together_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text("A.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "a.txt"), "--jobs", "2", "--cluster", "local:2"])
    assert result.exit_code == 2
    assert "give one of them" in result.stderr


def test_a_batch_that_kills_every_worker_it_meets_becomes_failures():
    """``os._exit`` as the work: each worker that takes the batch dies, its nanny starts it again, and after
    ALLOWED_FAILURES deaths the scheduler gives the batch up."""
    with connect("local:2") as client:
        lost = list(run(client, os._exit, [1], lambda batch, why: [("lost", batch, why)]))
        assert lost == [("lost", 1, "it stopped every Dask worker that took it, one after another (out of memory?)")]
        # The cluster is still whole: its workers came back, and take the next batch.
        assert list(run(client, lambda n: [abs(n)], [-2, 3], lambda batch, why: [])) == [2, 3]
