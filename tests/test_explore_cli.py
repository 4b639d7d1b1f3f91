"""`kg neighbors`, `kg path`, `kg rank`, `kg viz` and `kg export --format graphml|gexf` on the golden graph."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import cli

SEED = Path(__file__).resolve().parent / "data" / "seed.ttl"


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_neighbors_by_alias_any_case():
    result = run("neighbors", SEED, "MATTIS")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Jim Mattis (Official, USA)")
    assert "  United States (Nation, USA) — via serves" in lines
    assert not any(line.strip().startswith("Shinzo Abe") for line in lines), "Abe is two hops away"
    deeper = run("neighbors", SEED, "mattis", "--depth", "2").stdout
    assert "    Shinzo Abe (Official, JPN) — via participant" in deeper


def test_path_shows_the_sentence_behind_each_step():
    result = run("path", SEED, "Shinzo Abe", "tomomi inada")
    assert result.exit_code == 0, result.output
    steps = result.stdout.split("\n\n")
    assert len(steps) == 2
    assert all('"' in step and "https://w3id.org/kg/id/article/" in step for step in steps)


@pytest.mark.parametrize(
    ("name", "message"),
    [("Matis", "did you mean: Jim Mattis"), ("Zorro", "no entity named 'Zorro'")],
)
def test_unknown_entity_exits_7_with_candidates(name, message):
    result = run("neighbors", SEED, name)
    assert result.exit_code == 7
    assert message in result.stderr


def test_ambiguous_entity_lists_candidates(tmp_path):
    graph = tmp_path / "two.ttl"
    graph.write_text(
        "@prefix kg: <https://w3id.org/kg/ontology#> .\n"
        "<https://w3id.org/kg/id/official/a> a kg:Official ; kg:name 'Kim Jong Un' ; kg:alias 'Kim' .\n"
        "<https://w3id.org/kg/id/official/b> a kg:Official ; kg:name 'Kim Yo Jong' ; kg:alias 'Kim' .\n",
        encoding="utf-8",
    )
    result = run("path", graph, "kim", "Kim Yo Jong")
    assert result.exit_code == 7
    assert "'kim' is ambiguous" in result.stderr and "Kim Jong Un" in result.stderr and "Kim Yo Jong" in result.stderr


def test_rank_by_each_measure_and_class():
    for by in ("degree", "pagerank", "betweenness"):
        result = run("rank", SEED, "--by", by, "--class", "Official", "--top", "3")
        assert result.exit_code == 0, result.output
        rows = result.stdout.splitlines()[1:]
        assert len(rows) == 3 and all("Official" in row for row in rows)
    assert run("rank", SEED, "--class", "Person").exit_code == 2


def test_viz_writes_html_svg_png_and_timeline(tmp_path):
    for name in ("g.html", "g.svg", "g.png"):
        assert run("viz", SEED, "-o", tmp_path / name).exit_code == 0
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "new vis.Network(" in page and "Tomomi Inada" in page
    assert ElementTree.parse(tmp_path / "g.svg").getroot().tag.endswith("svg")
    assert (tmp_path / "g.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert run("viz", SEED, "-o", tmp_path / "t.svg", "--timeline").exit_code == 0
    assert "Jim Mattis" in (tmp_path / "t.svg").read_text(encoding="utf-8")
    result = run("viz", SEED, "-o", tmp_path / "t.html", "--timeline")
    assert result.exit_code == 2 and "already holds the timeline" in result.stderr
    result = run("viz", SEED, "-o", tmp_path / "g.pdf")
    assert result.exit_code == 2 and ".html, .svg or .png" in result.stderr


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_network_formats_read_back(tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    assert run("export", SEED, "-o", out).exit_code == 0
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    labels = {data.get("label") for _, data in g.nodes(data=True)}
    assert {"Jim Mattis", "Shinzo Abe", "Tokyo", "Japan"} <= labels
    assert g.number_of_nodes() == 17
