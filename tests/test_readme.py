"""The README's Python example runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.model
def test_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    assert len(blocks) >= 2, "README.md has lost a python example"
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    for block in blocks:  # in order, as a reader runs them
        exec(compile(block, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "Shinzo Abe Tokyo 2017-02-03" in printed
    assert "[('Shinzo Abe', 'serves', 'Japan'), ('Japan', 'serves', 'Tomomi Inada')]" in printed
    assert "4 connected parts" in printed
    assert "('https://w3id.org/kg/id/official/jim-mattis', 0.057" in printed
    assert (tmp_path / "out" / "example.jsonld").stat().st_size > 0
