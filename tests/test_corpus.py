"""Corpus builds into a store: finding articles and their metadata, merging across articles, rebuilding, parallel
workers, and the faults a long build meets (a bad article, kill -9, two builds on one store).

The tests that count articles by the thousand use a stand-in for ``kg.api.build_article``; those marked ``model``
run the real pipeline on short articles, in-process or as the installed ``kg`` command.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from servers import quads

import kg.api
import kg.nlp
from kg import corpus
from kg.cli import cli
from kg.errors import InputError, StoreError, UsageError
from kg.store import Store

KG = Namespace("https://w3id.org/kg/ontology#")
KGR = Namespace("https://w3id.org/kg/id/")
KG_SCRIPT = Path(sys.executable).with_name("kg")

MEETING = "Defense Secretary Jim Mattis met Japanese Prime Minister Shinzo Abe in Tokyo on Feb. 3, 2017.\n"


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def named(quads: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    return {q for q in quads if q[3] != "DEFAULT"}


def merged(quads: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    return {q[:3] for q in quads if q[3] == "DEFAULT"}


def no_parse(texts, **_options):
    """Stands in for kg.nlp.parse where the stand-in build_article needs no parse."""
    return (None for _ in texts)


@pytest.fixture
def fake_build(monkeypatch):
    """Each article yields one official named after its file, serving the United States."""

    def build_article(article, *, min_confidence=0.0, provenance="full", doc=None):
        g = Graph()
        stem = Path(article.source).stem
        official = KGR[f"official/{stem}"]
        g.add((KGR["article/" + stem], RDF.type, KG.Article))
        g.add((official, RDF.type, KG.Official))
        g.add((official, KG.name, Literal(stem)))
        g.add((official, KG.serves, KGR["nation/USA"]))
        return g

    monkeypatch.setattr(kg.api, "article_triples", lambda article, **options: list(build_article(article, **options)))
    monkeypatch.setattr(kg.nlp, "parse", no_parse)


# --- finding articles and metadata --------------------------------------------------------------------------


def test_find_articles_searches_folders_and_skips_hidden_and_other_files(tmp_path):
    write(tmp_path, "b.txt", "B.")
    write(tmp_path, "2024/a.txt", "A.")
    write(tmp_path, ".cache/x.txt", "hidden")
    write(tmp_path, "notes.md", "not an article")
    single = write(tmp_path / "elsewhere", "c.txt", "C.")
    found = corpus.find_articles([tmp_path, single, tmp_path / "b.txt"])
    assert [s.path.relative_to(tmp_path).as_posix() for s in found] == ["2024/a.txt", "b.txt", "elsewhere/c.txt"]


def test_metadata_jsonl_of_a_folder_gives_dates_urls_and_titles(tmp_path):
    write(tmp_path, "a.txt", "A.")
    write(tmp_path, "sub/b.txt", "B.")
    lines = [
        {"path": "a.txt", "published": "2024-05-01", "url": "https://example.org/a", "title": "A title"},
        {"path": "sub/b.txt", "published": None},
    ]
    write(tmp_path, "metadata.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n")
    a, b = corpus.find_articles([tmp_path])
    assert (str(a.published), a.url, a.title, a.key) == ("2024-05-01", "https://example.org/a", "A title", a.url)
    assert (b.published, b.url, b.key) == (None, None, str((tmp_path / "sub/b.txt").resolve()))


def test_metadata_csv_given_explicitly(tmp_path):
    article = write(tmp_path / "articles", "a.txt", "A.")
    meta = write(tmp_path, "meta.csv", "path,published,url,title\narticles/a.txt,2023-01-02,,Hello\n")
    (source,) = corpus.find_articles([article], metadata=meta)
    assert (str(source.published), source.url, source.title) == ("2023-01-02", None, "Hello")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"path": "a.txt"}\nnot json\n', r"line 2: not JSON"),
        ('{"published": "2024-01-01"}\n', r'no "path"'),
        ('{"path": "a.txt", "published": "May 1"}\n', r"metadata of .*a\.txt: .*YYYY-MM-DD"),
    ],
)
def test_bad_metadata_says_where(tmp_path, content, message):
    write(tmp_path, "a.txt", "A.")
    write(tmp_path, "metadata.jsonl", content)
    with pytest.raises(UsageError, match=message):
        corpus.find_articles([tmp_path])


def test_missing_input_and_empty_folder_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        corpus.find_articles([tmp_path / "nope"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="holds no article"):
        corpus.find_articles([tmp_path / "empty"])


# --- a thousand articles with one bad one (stand-in pipeline) -----------------------------------------------


def test_one_unreadable_article_among_a_thousand_is_reported_and_skipped(tmp_path, fake_build):
    folder = tmp_path / "articles"
    for i in range(1000):
        write(folder, f"{i:04d}.txt", f"Article {i}.")
    write(folder, "0500.txt", b"\x00\x01\x02\xff" * 100)  # binary
    result = CliRunner().invoke(cli, ["build", str(folder), "--store", str(tmp_path / "s")])
    assert result.exit_code == 3, result.output
    assert "skipped" in result.stderr and "0500.txt" in result.stderr
    assert "1 of 1000 articles could not be read" in result.stderr
    assert "Built 999 of 1000 articles" in result.stderr
    with Store.open(tmp_path / "s", read_only=True) as store:
        assert len(store.articles()) == 999
        assert len(store.sources()) == 999
        assert str(folder.resolve() / "0500.txt") not in store.sources()


def test_resume_skips_articles_already_in_the_store(tmp_path, fake_build):
    folder = tmp_path / "articles"
    for i in range(5):
        write(folder, f"{i}.txt", f"Article {i}.")
    store = tmp_path / "s"
    assert (
        CliRunner()
        .invoke(cli, ["build", str(folder / "0.txt"), str(folder / "1.txt"), "--store", str(store)])
        .exit_code
        == 0
    )
    result = CliRunner().invoke(cli, ["build", str(folder), "--store", str(store), "--resume"])
    assert result.exit_code == 0, result.output
    assert "Built 3 of 5 articles" in result.stderr and "skipped 2 already in the store" in result.stderr
    with Store.open(store, read_only=True) as s:
        assert len(s.articles()) == 5


def test_store_and_output_together_is_a_usage_error(tmp_path, fake_build):
    write(tmp_path, "a.txt", "A.")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "a.txt"), "--store", "s", "-o", "x.ttl"])
    assert result.exit_code == 2
    assert "give one of -o OUT, --store PATH, --endpoint URL or --out-dir DIR, not -o and --store" in result.stderr
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "a.txt"), "--resume"])
    assert result.exit_code == 2 and "--resume applies to --store, --endpoint and --out-dir" in result.stderr


# --- the real pipeline --------------------------------------------------------------------------------------


@pytest.mark.model
def test_articles_merge_in_the_store_and_a_rebuild_replaces(tmp_path):
    folder = tmp_path / "articles"
    write(folder, "a.txt", MEETING + "\nMattis said the alliance was strong.\n")
    write(folder, "b.txt", "TOKYO, Feb. 3, 2017 — " + MEETING + "\nAbe thanked Secretary Mattis.\n")
    store_path = tmp_path / "s"
    report_args = ["build", str(folder), "--store", str(store_path), "--published", "2017-02-03", "-q"]
    assert CliRunner().invoke(cli, report_args).exit_code == 0
    with Store.open(store_path, read_only=True) as store:
        officials = store.run_named("officials")
        assert {r["official"] for r in officials} == {str(KGR["official/jim-mattis"]), str(KGR["official/shinzo-abe"])}
        assert {r["name"] for r in officials if r["official"].endswith("jim-mattis")} >= {"Jim Mattis", "Mattis"}
        meetings = {r["meeting"] for r in store.run_named("meetings")}
        assert len(meetings) == 1, "one meeting reported by two articles"
        sources = store.query(
            "SELECT DISTINCT ?article WHERE { ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?m ; "
            "<http://www.w3.org/ns/prov#wasDerivedFrom>/<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/"
            "nif-core#referenceContext> ?article }",
            {"m": URIRef(next(iter(meetings)))},
        )
        assert len(sources) == 2, "the meeting has two sources"
    before = quads(store_path)
    assert CliRunner().invoke(cli, report_args).exit_code == 0
    assert quads(store_path) == before, "rebuilding changes nothing and duplicates nothing"
    # The text of b.txt changes: its old graph goes, the new one comes.
    write(folder, "b.txt", "Japanese Prime Minister Shinzo Abe met Indian Prime Minister Narendra Modi in Delhi.\n")
    assert CliRunner().invoke(cli, report_args).exit_code == 0
    with Store.open(store_path, read_only=True) as store:
        assert len(store.articles()) == 2
        names = {r["name"] for r in store.run_named("officials")}
        assert "Narendra Modi" in names
        assert "Secretary Mattis" not in names and len(store.run_named("meetings")) > 0


@pytest.mark.model
def test_the_graph_is_the_same_whatever_the_number_of_jobs(tmp_path):
    folder = tmp_path / "articles"
    for i, (who, where) in enumerate(
        [("Lloyd Austin", "Manila"), ("Antony Blinken", "Seoul"), ("Jim Mattis", "Tokyo")]
    ):
        write(folder, f"{i}.txt", f"U.S. official {who} met Japanese Prime Minister Fumio Kishida in {where} today.\n")
    for jobs in ("1", "2"):
        args = [
            "build",
            str(folder),
            "--store",
            str(tmp_path / jobs),
            "--jobs",
            jobs,
            "--published",
            "2024-01-02",
            "-q",
        ]
        result = subprocess.run([str(KG_SCRIPT), *args], capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
    assert quads(tmp_path / "1") == quads(tmp_path / "2")
    assert len(quads(tmp_path / "1")) > 100


def _start_build(folder: Path, store: Path, *extra: str) -> subprocess.Popen:
    args = [str(KG_SCRIPT), "build", str(folder), "--store", str(store), "--published", "2020-01-01", *extra]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_progress(process: subprocess.Popen, done: int) -> str:
    """Read the progress bar on stderr until ``done`` articles are stored."""
    seen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        chunk = os.read(process.stderr.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
        if any(f" {n}/".encode() in seen for n in range(done, done + 50)):
            return seen.decode(errors="replace")
    raise AssertionError(f"the build never reached {done} articles: {seen.decode(errors='replace')}")


@pytest.fixture
def many(tmp_path) -> Path:
    folder = tmp_path / "articles"
    people = ["Lloyd Austin", "Antony Blinken", "Jim Mattis", "Mark Esper", "Pete Hegseth"]
    cities = ["Manila", "Seoul", "Tokyo", "Canberra", "Jakarta", "Hanoi"]
    for i in range(24):
        # Long enough (about 0.3 s each, 7 s in all) that a second build, loading its model for some seconds, starts
        # while the first is still writing.
        filler = "The ministers discussed the alliance, exercises, supply chains and regional security. " * 48
        text = (
            f"Defense Secretary {people[i % 5]} met Japanese Defense Minister Minoru Kihara in {cities[i % 6]} "
            f"on Monday.\n\n{filler}\n\nThey met for the {i}th time.\n"
        )
        write(folder, f"{i:02d}.txt", text)
    return folder


@pytest.mark.model
def test_a_build_killed_with_sigkill_leaves_the_store_consistent_and_a_rerun_completes_it(tmp_path, many):
    reference = tmp_path / "reference"
    assert (
        subprocess.run(
            [str(KG_SCRIPT), "build", str(many), "--store", str(reference), "--published", "2020-01-01", "-q"],
            timeout=300,
        ).returncode
        == 0
    )
    expected = quads(reference)

    store = tmp_path / "s"
    process = _start_build(many, store)
    _wait_for_progress(process, 3)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    Store.open(store).close()  # merges a batch the kill caught half written (Store.write_articles)
    partial = quads(store)
    with Store.open(store, read_only=True) as s:
        stored = s.articles()
    assert 0 < len(stored) < 24, "killed half way"
    # Every article in the store is whole: exactly the quads a full build gives it; and the merged graph is
    # exactly theirs.
    assert named(partial) == {q for q in named(expected) if q[3].strip("<>") in stored}
    assert merged(partial) == {q[:3] for q in named(partial)}

    rerun = subprocess.run(
        [str(KG_SCRIPT), "build", str(many), "--store", str(store), "--published", "2020-01-01", "--resume", "-q"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert quads(store) == expected, "the rerun completes the store, with no duplicates"


@pytest.mark.model
def test_two_builds_on_one_store_do_not_corrupt_it(tmp_path, many):
    store = tmp_path / "s"
    first = _start_build(many, store)
    _wait_for_progress(first, 1)
    refused = subprocess.run(
        [str(KG_SCRIPT), "build", str(many), "--store", str(store), "-q"], capture_output=True, text=True, timeout=120
    )
    assert refused.returncode == 6
    assert f"in use by another kg process (pid {first.pid})" in refused.stderr
    waiting = _start_build(many, store, "--wait", "300", "-q")
    assert first.wait(timeout=300) == 0
    assert waiting.wait(timeout=300) == 0
    with Store.open(store, read_only=True) as s:
        assert len(s.articles()) == 24
        assert len(s.sources()) == 24
        assert len(s) == len(quads(store))


def test_a_store_that_cannot_be_written_stops_the_build_with_its_error(tmp_path, fake_build):
    folder = tmp_path / "articles"
    for i in range(30):
        write(folder, f"{i:02d}.txt", f"Article {i}.")
    Store.open(tmp_path / "s").close()
    seen = []
    with Store.open(tmp_path / "s", read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        corpus.build_corpus(corpus.find_articles([folder]), store, on_article=lambda s, f: seen.append(s))
    assert seen == []


def test_inputs_that_fsspec_reads_are_articles_too(tmp_path, fake_build):
    folder = tmp_path / "remote"
    write(folder, "a.txt", "A.")
    write(folder, "sub/b.txt", "B.")
    write(folder, ".hidden/c.txt", "C.")
    write(folder, "notes.md", "D.")
    sources = corpus.find_articles([folder.as_uri() + "/"])
    assert [s.url for s in sources] == [(folder / "a.txt").as_uri(), (folder / "sub/b.txt").as_uri()]
    assert all(s.path is None for s in sources)
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", folder.as_uri(), "--store", str(store), "-q"])
    assert result.exit_code == 0, result.output
    with Store.open(store, read_only=True) as held:
        assert held.sources() == {s.url for s in sources}
    with pytest.raises(InputError, match="no such file or folder"):
        corpus.find_articles([(tmp_path / "nothing").as_uri()])
    with pytest.raises(InputError, match="install the fsspec package of its protocol"):
        corpus.find_articles(["nosuchprotocol://bucket/a.txt"])
