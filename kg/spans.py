"""Character spans sorted by start, asked what lies at, over or inside a stretch of text in O(log n).

The rules ask such questions of every token and mention ("which office covers this token?", "is a nation named
inside this treaty's name?"); over a plain list each question reads every span, so a text with ten times as
many mentions took a hundred times as long. A :class:`SpanIndex` answers them by bisection.

>>> nations = SpanIndex([(0, 5, "JPN"), (10, 23, "USA")])
>>> nations.covering(12), nations.covering(7)
((10, 23, 'USA'), None)
>>> nations.first_within(3, 30), nations.starting_in(0, 10)
((10, 23, 'USA'), [(0, 5, 'JPN')])
>>> nations.overlapping(4, 12), nations.any_overlapping(5, 10)
([(0, 5, 'JPN'), (10, 23, 'USA')], False)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from typing import Any, Generic, TypeVar

__all__ = ["SpanIndex"]

S = TypeVar("S")


def _tuple_bounds(span: Any) -> tuple[int, int]:
    return span[0], span[1]


class SpanIndex(Generic[S]):
    """Spans (tuples ``(start, end, ...)``, or any records with ``bounds`` telling their offsets), sorted by start.

    :meth:`covering`, :meth:`first_within` and :meth:`overlapping` expect spans that do not overlap one
    another, as the matches of one regular expression's ``finditer``; :meth:`starting_in` and
    :meth:`any_overlapping` take any spans.
    """

    def __init__(self, spans: Iterable[S], bounds: Callable[[S], tuple[int, int]] = _tuple_bounds) -> None:
        self.items: list[S] = sorted(spans, key=bounds)
        pairs = [bounds(s) for s in self.items]
        self.starts = [s for s, _ in pairs]
        self.ends = [e for _, e in pairs]
        # The furthest end among the first k spans: whether any of them reaches past a point.
        self._reach = list(accumulate(self.ends, max))

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def covering(self, char: int) -> S | None:
        """The span with ``start <= char < end``, if any."""
        i = bisect_right(self.starts, char) - 1
        return self.items[i] if i >= 0 and char < self.ends[i] else None

    def first_within(self, start: int, end: int) -> S | None:
        """The first span lying wholly inside ``start``-``end``."""
        i = bisect_left(self.starts, start)
        return self.items[i] if i < len(self.items) and self.ends[i] <= end else None

    def overlapping(self, start: int, end: int) -> Sequence[S]:
        """The spans that share a character with ``start``-``end``, in order."""
        return self.items[bisect_right(self.ends, start) : bisect_left(self.starts, end)]

    def starting_in(self, start: int, end: int) -> Sequence[S]:
        """The spans that start at or after ``start`` and before ``end``, in order."""
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def any_overlapping(self, start: int, end: int) -> bool:
        """Whether some span shares a character with ``start``-``end``."""
        k = bisect_left(self.starts, end)
        return k > 0 and self._reach[k - 1] > start
