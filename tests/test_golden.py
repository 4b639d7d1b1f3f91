"""Golden graphs: each ``tests/data/<case>.txt`` builds to the graph in ``<case>.ttl`` (isomorphic).

After a deliberate change of the output, regenerate with ``KG_REGENERATE_GOLDEN=1 ./run.sh test
tests/test_golden.py`` and review the diff of the .ttl files before committing them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

import kg

DATA = Path(__file__).parent / "data"
PUBLISHED = json.loads((DATA / "published.json").read_text())
CASES = sorted(p.stem for p in DATA.glob("*.txt") if p.stem in PUBLISHED)

pytestmark = pytest.mark.model


def _dump(graph: Graph) -> str:
    return "\n".join(sorted(line for line in graph.serialize(format="nt").splitlines() if line))


@pytest.mark.parametrize("case", [pytest.param(c, id=c) for c in CASES])
def test_build_matches_golden_turtle(case: str) -> None:
    built = kg.build((DATA / f"{case}.txt").read_text(), published=PUBLISHED[case])
    golden_file = DATA / f"{case}.ttl"
    if os.environ.get("KG_REGENERATE_GOLDEN"):
        built.serialize(golden_file, format="turtle")
    golden = Graph().parse(golden_file, format="turtle")
    if not isomorphic(built, golden):
        _, only_built, only_golden = graph_diff(to_isomorphic(built), to_isomorphic(golden))
        pytest.fail(
            f"built graph differs from {golden_file.name}\n"
            f"only in built:\n{_dump(only_built)}\nonly in golden:\n{_dump(only_golden)}"
        )


def test_there_is_a_golden_case() -> None:
    assert "seed" in CASES


def test_written_turtle_parses_with_rapper_and_conforms(tmp_path: Path) -> None:
    rapper = shutil.which("rapper")
    assert rapper, "rapper is missing: apt-get install raptor2-utils (.ci/run does)"
    out = tmp_path / "seed.ttl"
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(
        cli, ["build", str(DATA / "seed.txt"), "--published", PUBLISHED["seed"], "-o", str(out), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    proc = subprocess.run([rapper, "-q", "-i", "turtle", "-c", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    conforms, _, report = kg.validate(kg.load_graph(out))
    assert conforms, report
