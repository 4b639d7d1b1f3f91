"""An analyst's pairs of IRIs that are the same entity (``same.tsv``) or different ones (``distinct.tsv``).

A file holds one pair a line, two IRIs separated by a tab (or spaces), then an optional note; blank lines and
lines starting with ``#`` are skipped. An IRI is written in full (``https://w3id.org/kg/id/official/mattis``),
with the ``kgr:`` prefix, or as kg's key alone (``official/mattis``), as ``kg merges`` prints them.

>>> pairs = read_pairs(["# who is who", "official/george-w-bush\\tkgr:official/george-h-w-bush\\ttwo presidents"])
>>> sorted(next(iter(pairs)))
['https://w3id.org/kg/id/official/george-h-w-bush', 'https://w3id.org/kg/id/official/george-w-bush']
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from kg.errors import UsageError
from kg.namespace import KGR

__all__ = ["load_pairs", "read_pairs"]

_KEY = re.compile(r"[a-z]+/\S+")


def load_pairs(path: str | os.PathLike[str]) -> set[frozenset[str]]:
    """The pairs of the file ``path``; raises :class:`UsageError` when it cannot be read or a line is no pair."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}; give a UTF-8 file of IRI pairs, one a line") from exc
    return read_pairs(lines, source=str(path))


def read_pairs(lines: Iterable[str], *, source: str = "pairs") -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t") if "\t" in line else line.split()
        if len(fields) < 2:
            raise UsageError(f"{source}, line {number}: expected two IRIs separated by a tab, got {line.strip()!r}")
        a, b = (_iri(f.strip(), source, number) for f in fields[:2])
        if a == b:
            raise UsageError(f"{source}, line {number}: both IRIs are {a}; a pair names two IRIs")
        pairs.add(frozenset((a, b)))
    return pairs


def _iri(text: str, source: str, number: int) -> str:
    text = text.strip("<>")
    if text.startswith(("http://", "https://")):
        return text
    if text.startswith("kgr:"):
        return str(KGR[text[4:]])
    if _KEY.fullmatch(text):
        return str(KGR[text])
    raise UsageError(
        f"{source}, line {number}: {text!r} is no IRI; write it in full, as kgr:official/NAME or as official/NAME"
    )
