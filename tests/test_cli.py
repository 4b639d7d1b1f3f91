"""The ``kg`` command line: exit codes, one-line errors without tracebacks, outputs, help and docs.

Most tests run the click group in-process with ``CliRunner``; those about what a user's shell sees (the exit
code and stderr of the installed console script) run it with ``subprocess``. A successful ``kg build`` uses a
hand-made stand-in for ``kg.api.build_article``, except the one ``model`` test, which runs the real pipeline.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Literal, Namespace

import kg.api
import kg.nlp
from kg.cli import cli
from kg.errors import EXIT_CODES
from kg.query import load_graph, query, query_names
from kg.store import Store

KG = Namespace("https://w3id.org/kg/ontology#")
KGR = Namespace("https://w3id.org/kg/id/")
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed.txt"
KG_SCRIPT = Path(sys.executable).with_name("kg")

ARTICLE = "Defense Secretary Jim Mattis met Japanese Prime Minister Shinzo Abe in Tokyo today.\n"
INJECTION = 'x" } ; DROP ALL #'


def nation_graph(iso3: str | None = "USA") -> Graph:
    g = Graph()
    g.bind("kg", KG)
    usa = KGR["nation/USA"]
    g.add((usa, RDF.type, KG.Nation))
    g.add((usa, KG.name, Literal("United States")))
    if iso3 is not None:
        g.add((usa, KG.iso3, Literal(iso3)))
    return g


def official_graph(slug: str, name: str) -> Graph:
    """What the stand-in build_article returns: one official serving the United States."""
    g = nation_graph()
    official = KGR[f"official/{slug}"]
    g.add((official, RDF.type, KG.Official))
    g.add((official, KG.name, Literal(name)))
    g.add((official, KG.title, Literal("Defense Secretary")))
    g.add((official, KG.serves, KGR["nation/USA"]))
    return g


def no_parse(texts, **_options):
    """Stands in for kg.nlp.parse where the stand-in build_article needs no parse."""
    return (None for _ in texts)


@pytest.fixture
def fake_build(monkeypatch):
    """Replace the extraction pipeline: each article yields an official named after its file."""
    calls = []

    def build_article(article, *, min_confidence=0.0, provenance="full", doc=None):
        calls.append({"article": article, "min_confidence": min_confidence, "provenance": provenance})
        stem = Path(article.source).stem
        return official_graph(stem, stem.replace("-", " ").title())

    monkeypatch.setattr(kg.api, "article_triples", lambda article, **options: list(build_article(article, **options)))
    monkeypatch.setattr(kg.nlp, "parse", no_parse)
    return calls


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def articles(tmp_path) -> list[Path]:
    paths = []
    for stem in ["jim-mattis", "james-mattis"]:
        path = tmp_path / f"{stem}.txt"
        path.write_text(ARTICLE, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def graph_file(tmp_path) -> Path:
    path = tmp_path / "graph.ttl"
    official_graph("jim-mattis", "Jim Mattis").serialize(path, format="turtle")
    return path


def assert_one_line_error(stderr: str) -> None:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("kg: error: "), stderr


def run_kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed console script, as a user's shell would."""
    return subprocess.run([str(KG_SCRIPT), *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


# --- help, version and docs -----------------------------------------------------------------------------


def test_group_help_lists_the_exit_codes(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for code, meaning in EXIT_CODES.items():
        assert f"{code}  {meaning}" in result.output


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("kg ")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_and_option_has_help(runner, name):
    command = cli.commands[name]
    assert command.help and command.help.strip()
    for param in command.params:
        if param.param_type_name == "option":
            assert param.help, f"kg {name} {param.opts[0]} has no help text"
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert result.output.startswith(f"Usage: kg {name}")


def test_query_help_lists_the_named_queries_and_their_parameters(runner):
    output = runner.invoke(cli, ["query", "--help"]).output
    for name in query_names():
        assert name in output
    assert "Param iso3:" in output


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in sorted(cli.commands) if f"kg {name}" not in readme]
    assert not missing, f"README.md does not mention: {', '.join(f'kg {m}' for m in missing)}"


# --- kg build: errors ------------------------------------------------------------------------------------


def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "folder").mkdir()
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    latin1 = "Le ministre de la Défense a rencontré M. Mattis.\n".encode("latin-1")
    (tmp_path / "latin1.txt").write_bytes(latin1)
    return {
        "missing": tmp_path / "missing.txt",
        "directory": tmp_path / "folder",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.txt",
        "latin-1": tmp_path / "latin1.txt",
    }


BAD_INPUTS = ["missing", "directory", "empty", "binary", "latin-1"]


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_build_bad_input(runner, tmp_path, fake_build, case):
    out = tmp_path / "out.ttl"
    result = runner.invoke(cli, ["build", str(bad_inputs(tmp_path)[case]), "-o", str(out)])
    assert result.exit_code == 3
    assert_one_line_error(result.stderr)
    assert result.stdout == ""
    assert not out.exists()
    assert fake_build == []


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_build_bad_input_console_script(tmp_path, case):
    out = tmp_path / "out.ttl"
    result = run_kg("build", str(bad_inputs(tmp_path)[case]), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 3
    assert_one_line_error(result.stderr)
    assert not out.exists()
    assert not list(tmp_path.glob(".out.ttl*")), "no temporary file is left behind"


def test_build_invalid_published_date_console_script(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.ttl"
    result = run_kg("build", str(article), "--published", "2017-13-01", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2
    assert_one_line_error(result.stderr)
    assert "2017-13-01" in result.stderr
    assert not out.exists()


def test_build_invalid_published_date(runner, articles, tmp_path, fake_build):
    out = tmp_path / "out.ttl"
    result = runner.invoke(cli, ["build", str(articles[0]), "--published", "2017-13-01", "-o", str(out)])
    assert result.exit_code == 2
    assert_one_line_error(result.stderr)
    assert not out.exists()
    assert fake_build == []


def test_build_writes_nothing_when_any_file_fails(runner, articles, tmp_path, fake_build):
    out = tmp_path / "out.ttl"
    result = runner.invoke(cli, ["build", str(articles[0]), str(tmp_path / "missing.txt"), "-o", str(out)])
    assert result.exit_code == 3
    assert "missing.txt" in result.stderr
    assert not out.exists()


def test_build_leaves_an_existing_output_alone_on_error(runner, articles, tmp_path, fake_build):
    out = tmp_path / "out.ttl"
    out.write_text("old\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(articles[0]), str(tmp_path / "missing.txt"), "-o", str(out)])
    assert result.exit_code == 3
    assert out.read_text(encoding="utf-8") == "old\n"


def test_build_into_a_missing_directory(runner, articles, tmp_path, fake_build):
    result = runner.invoke(cli, ["build", str(articles[0]), "-o", str(tmp_path / "no" / "out.ttl")])
    assert result.exit_code == 2
    assert_one_line_error(result.stderr)


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high"])
def test_build_min_confidence_out_of_range(runner, articles, value, fake_build):
    result = runner.invoke(cli, ["build", str(articles[0]), "--min-confidence", value])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_build_needs_a_file(runner):
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 2


# --- kg build: success -----------------------------------------------------------------------------------


def test_build_merges_files_into_one_graph(runner, articles, tmp_path, fake_build):
    out = tmp_path / "out.ttl"
    result = runner.invoke(
        cli,
        [
            "build",
            *map(str, articles),
            "--published",
            "2017-02-03",
            "--min-confidence",
            "0.5",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out, format="turtle")
    names = sorted(row["name"] for row in query(graph, "officials"))
    assert names == ["James Mattis", "Jim Mattis"]
    assert len(query(graph, "nations")) == 1, "the same nation merges"
    assert [call["min_confidence"] for call in fake_build] == [0.5, 0.5]
    assert {str(call["article"].published) for call in fake_build} == {"2017-02-03"}
    # The summary goes to stdout when the graph goes to a file.
    assert result.stdout.startswith("Found 2 officials, 1 nation")
    assert "Jim Mattis — Defense Secretary, USA" in result.stdout
    assert result.stderr == ""
    assert "prefix kg:" in out.read_text(encoding="utf-8"), "namespace bindings survive the merge"


def test_build_to_stdout_puts_the_summary_on_stderr(runner, articles, fake_build):
    result = runner.invoke(cli, ["build", str(articles[0]), "--format", "nt"])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="nt")
    assert [row["name"] for row in query(graph, "officials")] == ["Jim Mattis"]
    assert result.stderr.startswith("Found 1 official,")


def test_build_quiet(runner, articles, tmp_path, fake_build):
    out = tmp_path / "out.ttl"
    result = runner.invoke(cli, ["build", str(articles[0]), "-o", str(out), "--quiet"])
    assert result.exit_code == 0
    assert result.output == ""
    assert out.exists()


@pytest.mark.parametrize(
    ("filename", "options", "fmt"),
    [
        ("out.jsonld", [], "json-ld"),
        ("out.nt", [], "nt"),
        ("out.trig", [], "trig"),
        ("out.ttl", [], "turtle"),
        ("out.graph", [], "turtle"),
        ("out.graph", ["--format", "nt"], "nt"),
    ],
)
def test_build_format_from_extension_or_option(runner, articles, tmp_path, fake_build, filename, options, fmt):
    out = tmp_path / filename
    result = runner.invoke(cli, ["build", str(articles[0]), "-o", str(out), "-q", *options])
    assert result.exit_code == 0, result.output
    graph = Graph()
    graph.parse(out, format=fmt)
    assert len(graph) == len(official_graph("jim-mattis", "Jim Mattis"))


# --- kg query --------------------------------------------------------------------------------------------


def test_query_table(runner, graph_file):
    result = runner.invoke(cli, ["query", str(graph_file), "officials"])
    assert result.exit_code == 0, result.output
    header, rule, row = result.stdout.splitlines()
    assert header.split() == ["official", "name", "title", "nation"]
    assert set(rule.replace(" ", "")) == {"-"}
    assert row.split("  ")[0] == str(KGR["official/jim-mattis"])
    assert "Jim Mattis" in row and row.endswith("USA")
    # Columns line up: each value starts where its header does.
    assert row.index("Jim Mattis") == header.index("name")


def test_query_csv(runner, graph_file):
    result = runner.invoke(cli, ["query", str(graph_file), "nations", "--format", "csv"])
    assert result.exit_code == 0
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["nation", "name", "iso3"],
        [str(KGR["nation/USA"]), "United States", "USA"],
    ]


def test_query_json_with_parameter(runner, graph_file):
    result = runner.invoke(
        cli, ["query", str(graph_file), "nation-officials", "--param", "iso3=usa", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"official": str(KGR["official/jim-mattis"]), "name": "Jim Mattis", "title": "Defense Secretary"}
    ]


def test_query_empty_result_prints_the_header(runner, graph_file):
    result = runner.invoke(cli, ["query", str(graph_file), "meetings"])
    assert result.exit_code == 0
    header, rule = result.stdout.splitlines()
    assert header.split() == ["meeting", "participant", "participantName", "placeName", "date"]
    assert set(rule.replace(" ", "")) == {"-"}


def test_query_injection_is_data(runner, graph_file):
    result = runner.invoke(cli, ["query", str(graph_file), "entity", "-p", f"name={INJECTION}", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_query_file(runner, graph_file, tmp_path):
    path = tmp_path / "names.rq"
    path.write_text(
        "# Names.\n"
        "PREFIX kg: <https://w3id.org/kg/ontology#>\n"
        "SELECT ?name WHERE { ?x kg:name ?name } ORDER BY ?name\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["query", str(graph_file), str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["name", "Jim Mattis", "United States"]


def test_query_unknown_name(runner, graph_file):
    result = runner.invoke(cli, ["query", str(graph_file), "oficials"])
    assert result.exit_code == 4
    assert_one_line_error(result.stderr)
    assert "officials" in result.stderr and "meetings" in result.stderr


def test_query_unknown_parameter(runner, graph_file):
    result = runner.invoke(cli, ["query", str(graph_file), "official-meetings", "--param", "nam=Mattis"])
    assert result.exit_code == 4
    assert_one_line_error(result.stderr)
    assert "name" in result.stderr


def test_query_missing_parameter(runner, graph_file):
    result = runner.invoke(cli, ["query", str(graph_file), "official-meetings"])
    assert result.exit_code == 4
    assert_one_line_error(result.stderr)


@pytest.mark.parametrize("param", ["name", "=Mattis"])
def test_query_malformed_parameter(runner, graph_file, param):
    result = runner.invoke(cli, ["query", str(graph_file), "official-meetings", "--param", param])
    assert result.exit_code == 2
    assert "KEY=VALUE" in result.stderr


def test_query_missing_graph(runner, tmp_path):
    result = runner.invoke(cli, ["query", str(tmp_path / "none.ttl"), "officials"])
    assert result.exit_code == 3
    assert_one_line_error(result.stderr)


def test_query_unknown_name_console_script(graph_file, tmp_path):
    result = run_kg("query", str(graph_file), "oficials", cwd=tmp_path)
    assert result.returncode == 4
    assert_one_line_error(result.stderr)


def test_query_file_that_does_not_parse_console_script(graph_file, tmp_path):
    broken = tmp_path / "broken.rq"
    broken.write_text("# Broken.\nSELECT ?x WHERE {\n  ?x ?p\n", encoding="utf-8")
    result = run_kg("query", str(graph_file), str(broken), cwd=tmp_path)
    assert result.returncode == 4
    assert_one_line_error(result.stderr)
    assert "broken.rq" in result.stderr
    assert result.stdout == ""


def test_queries_lists_names_descriptions_and_parameters(runner):
    result = runner.invoke(cli, ["queries"])
    assert result.exit_code == 0
    for name in query_names():
        assert f"{name}: " in result.stdout
    assert "--param iso3=" in result.stdout
    assert "--param name=" in result.stdout


# --- kg validate -----------------------------------------------------------------------------------------


def test_validate_conforming(runner, tmp_path):
    path = tmp_path / "ok.ttl"
    official_graph("jim-mattis", "Jim Mattis").serialize(path, format="turtle")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "conforms\n"


def test_validate_not_conforming(runner, tmp_path):
    path = tmp_path / "bad.ttl"
    nation_graph(iso3="usa").serialize(path, format="turtle")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert "Conforms: False" in result.stdout
    assert "kg:iso3" in result.stdout


def test_validate_console_script(tmp_path):
    good, bad = tmp_path / "good.nt", tmp_path / "bad.nt"
    official_graph("jim-mattis", "Jim Mattis").serialize(good, format="nt", encoding="utf-8")
    nation_graph(iso3=None).serialize(bad, format="nt", encoding="utf-8")
    ok = run_kg("validate", str(good), cwd=tmp_path)
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "conforms\n", "")
    failed = run_kg("validate", str(bad), cwd=tmp_path)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    missing = run_kg("validate", str(tmp_path / "none.ttl"), cwd=tmp_path)
    assert missing.returncode == 3
    assert_one_line_error(missing.stderr)


def test_validate_unparsable_graph(runner, tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("<a> <b> .\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 3
    assert_one_line_error(result.stderr)


# --- the real pipeline -----------------------------------------------------------------------------------


@pytest.mark.model
def test_build_seed_article_with_the_model(tmp_path):
    out = tmp_path / "seed.ttl"
    result = run_kg("build", str(SEED), "--published", "2017-02-03", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Jim Mattis" in result.stdout
    graph = Graph().parse(out, format="turtle")
    officials = {row["name"] for row in query(graph, "officials")}
    assert {"Jim Mattis", "Shinzo Abe"} <= officials
    participants = {row["participantName"] for row in query(graph, "meetings")}
    assert {"Jim Mattis", "Shinzo Abe"} <= participants
    validated = run_kg("validate", str(out), cwd=tmp_path)
    assert validated.returncode == 0, validated.stdout


# --- paging and streaming -----------------------------------------------------------------------------------

SEED_GRAPH = Path(__file__).parent / "data" / "seed.ttl"


@pytest.fixture
def seed_store(tmp_path) -> Path:
    graph = load_graph(SEED_GRAPH)
    (article,) = graph.subjects(RDF.type, KG.Article)
    with Store.open(tmp_path / "store") as store:
        store.replace_article(graph, article)
    return tmp_path / "store"


@pytest.mark.parametrize("where", ["graph file", "store"])
def test_query_pages_with_limit_and_offset(runner, seed_store, where):
    target = [str(SEED_GRAPH)] if where == "graph file" else ["--store", str(seed_store)]
    everything = runner.invoke(cli, ["query", *target, "officials", "--format", "json"])
    assert everything.exit_code == 0, everything.output
    rows = json.loads(everything.stdout)
    assert len(rows) > 6
    # Streamed row by row, the JSON is laid out as json.dumps lays out the whole list.
    assert everything.stdout == json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    page = runner.invoke(cli, ["query", *target, "officials", "--format", "json", "--limit", "3", "--offset", "2"])
    assert json.loads(page.stdout) == rows[2:5]
    page = runner.invoke(cli, ["query", *target, "officials", "--format", "csv", "--limit", "2", "--offset", "5"])
    header, *lines = list(csv.reader(io.StringIO(page.stdout)))
    assert header == ["official", "name", "title", "nation"]
    assert lines == [[row[c] or "" for c in header] for row in rows[5:7]]
    past_the_end = runner.invoke(cli, ["query", *target, "officials", "--format", "json", "--offset", "100000"])
    assert past_the_end.stdout == "[]\n"


def test_query_limit_must_not_be_negative(runner, graph_file):
    result = runner.invoke(cli, ["query", str(graph_file), "officials", "--limit", "-1"])
    assert result.exit_code == 2 and "-1 is not in the range x>=0" in result.output


def test_a_query_with_its_own_limit_is_not_paged(runner, graph_file, tmp_path):
    path = tmp_path / "first.rq"
    path.write_text("# First.\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8")
    result = runner.invoke(cli, ["query", str(graph_file), str(path), "--limit", "5"])
    assert result.exit_code != 0
    assert "has a LIMIT or OFFSET of its own; remove it to page with --limit" in result.output


def test_the_command_line_starts_without_spacy():
    # Only the processes that read articles load spaCy: `kg query` starts sooner, and the parent of
    # `kg build --jobs N`, which only writes, takes no time from its workers.
    code = "import sys, kg.cli; assert 'spacy' not in sys.modules, sorted(m for m in sys.modules if 'spacy' in m)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
