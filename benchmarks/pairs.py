"""Pairwise merge scores of a clustering against the true persons, counted by group sizes (the sum of
C(n, 2) over clusters), never pair by pair: what ``bench_resolution.py`` and ``compare_splink.py`` report.
It imports nothing of kg, so that it runs in Splink's environment too."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass

__all__ = ["Scores", "pairs", "score"]


def pairs(n: int) -> int:
    return n * (n - 1) // 2


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    predicted_pairs: int  # pairs of records put together
    true_pairs: int  # pairs of records of one person
    correct_pairs: int  # both
    clusters: int  # distinct clusters of the records
    recall_by_kind: dict[str, float]
    true_pairs_by_kind: dict[str, int]


def score(
    persons: Sequence[Hashable],
    clusters: Sequence[Hashable],
    variants: Sequence[Collection[str]],
    kinds: Sequence[str],
) -> Scores:
    """The scores of ``clusters`` (one per record) against ``persons`` (one per record). A pair counts under
    a kind of variant when either of its records has it (``variants``, one collection per record): within one
    person (or one person and one cluster) those are all pairs less those between records without it."""
    by_person = Counter(persons)
    by_cluster = Counter(clusters)
    by_cell = Counter(zip(persons, clusters, strict=True))
    true = sum(map(pairs, by_person.values()))
    predicted = sum(map(pairs, by_cluster.values()))
    correct = sum(map(pairs, by_cell.values()))
    recall_by_kind, true_by_kind = {}, {}
    for kind in kinds:
        without = [kind not in v for v in variants]
        person_without = Counter(p for p, w in zip(persons, without, strict=True) if w)
        cell_without = Counter(cell for cell, w in zip(zip(persons, clusters, strict=True), without, strict=True) if w)
        true_k = sum(pairs(n) - pairs(person_without[p]) for p, n in by_person.items())
        correct_k = sum(pairs(n) - pairs(cell_without[cell]) for cell, n in by_cell.items())
        true_by_kind[kind] = true_k
        recall_by_kind[kind] = correct_k / true_k if true_k else math.nan
    precision = correct / predicted if predicted else math.nan
    recall = correct / true if true else math.nan
    return Scores(
        precision=precision,
        recall=recall,
        f1=2 * precision * recall / (precision + recall) if precision + recall else math.nan,
        predicted_pairs=predicted,
        true_pairs=true,
        correct_pairs=correct,
        clusters=len(by_cluster),
        recall_by_kind=recall_by_kind,
        true_pairs_by_kind=true_by_kind,
    )
