"""Tables for analysts: one table per class of entity, as pandas DataFrames or CSV / Parquet files.

:func:`tables` reads a graph (an rdflib graph, a graph file, a :class:`~kg.store.Store` or a store folder) and
gives five tables, in this order, each with one row per entity:

========== ===========================================================================================
officials  official, name, aliases, titles, nations, sources
meetings   meeting, kind, date, place, country, participants, participant_ids, sources
treaties   treaty, name, aliases, parties, sources
places     place, name, aliases, country, sources
nations    nation, name, iso3
========== ===========================================================================================

The first column is the entity's IRI; rows are sorted by it, meetings by date (undated last), then IRI.
``meetings`` holds every kind of encounter, ``kind`` being its class (Meeting, PhoneCall, VideoCall,
PlannedMeeting, NegatedMeeting); ``date`` is YYYY-MM-DD; nations, countries and parties are ISO 3166-1 alpha-3
codes; ``place`` is the place's name; ``participants`` are the participants' names in the order of
``participant_ids`` (their IRIs), sorted by name. ``sources`` are the articles that state something of the
entity: each article's ``schema:url`` where it has one, else its IRI.

A cell with several values holds them sorted and joined with ``"; "``. Every column is of pandas' ``string``
dtype, and a missing value is ``pd.NA`` (an empty cell in CSV, a null in Parquet).

The SPARQL is in ``queries/tables/<table>.rq``; each runs on rdflib and on Oxigraph alike, and gives one row
per value of a cell, which is turned into one row per entity here (no GROUP_CONCAT, whose order SPARQL leaves
open). pandas is imported only when a table is made, so ``import kg`` does not pay for it.

>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
...     @prefix kg: <https://w3id.org/kg/ontology#> .
...     <https://w3id.org/kg/id/nation/FRA> a kg:Nation ; kg:name "France" ; kg:iso3 "FRA" .
... ''')
>>> tables(g)["nations"].to_dict("records")
[{'nation': 'https://w3id.org/kg/id/nation/FRA', 'name': 'France', 'iso3': 'FRA'}]
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import rdflib

from kg import resources
from kg.errors import UsageError
from kg.query import Query, atomic_file, load_graph, load_query
from kg.query import rows as graph_rows
from kg.store import Store, is_store

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "SEPARATOR", "TABLE_FORMATS", "tables", "write_tables"]

# The tables in the order they are made and written, each with its columns; the first names the entity.
COLUMNS: dict[str, tuple[str, ...]] = {
    "officials": ("official", "name", "aliases", "titles", "nations", "sources"),
    "meetings": ("meeting", "kind", "date", "place", "country", "participants", "participant_ids", "sources"),
    "treaties": ("treaty", "name", "aliases", "parties", "sources"),
    "places": ("place", "name", "aliases", "country", "sources"),
    "nations": ("nation", "name", "iso3"),
}

# What joins the values of a cell that holds several.
SEPARATOR = "; "

# File formats write_tables() writes, with the extension of their files.
TABLE_FORMATS = {"csv": ".csv", "parquet": ".parquet"}

Rows = Iterator[dict[str, str | None]]
Source = rdflib.Graph | Store | str | os.PathLike[str]


def tables(source: Source) -> dict[str, pd.DataFrame]:
    """The five tables of ``source``: an rdflib graph, a graph file (.ttl, .nt, .jsonld, .trig, .nq), an open
    :class:`~kg.store.Store` or a store folder (``kg build --store``), which is opened read-only and queried in
    place. Keyed and ordered as :data:`COLUMNS`; the module's docstring says what each column holds.

    Raises :class:`~kg.errors.GraphError` when the file is missing, is a folder that is not a store, or does not
    parse, and :class:`~kg.errors.StoreError` when a store is being written by another process.
    """
    if isinstance(source, rdflib.Graph):
        return _tables(lambda named: graph_rows(source, named))
    if isinstance(source, Store):
        return _tables(source.named_rows)
    if is_store(source):
        with Store.open(source, read_only=True) as store:
            return _tables(store.named_rows)
    graph = load_graph(source)
    return _tables(lambda named: graph_rows(graph, named))


def write_tables(source: Source, folder: str | os.PathLike[str], fmt: str = "csv") -> dict[Path, int]:
    """Write the :func:`tables` of ``source`` into ``folder`` (created if missing) as ``officials.csv``,
    ``meetings.csv``... or ``.parquet``, each file atomically, and return each file written with its number of
    rows, in the order of :data:`COLUMNS`.

    CSV is UTF-8 with a header line, a missing value an empty cell; Parquet (written by pyarrow) has a string
    column per column, a missing value a null. Raises :class:`~kg.errors.UsageError` on an unknown ``fmt`` or a
    folder that cannot be made or written, and what :func:`tables` raises.
    """
    if fmt not in TABLE_FORMATS:
        raise UsageError(f"unknown table format {fmt!r}; use one of {', '.join(TABLE_FORMATS)}")
    made = tables(source)  # read first: a source that fails leaves no folder behind
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot make the folder {target}: {exc.strerror or exc}; give another folder") from exc
    written: dict[Path, int] = {}
    for name, frame in made.items():
        path = target / f"{name}{TABLE_FORMATS[fmt]}"
        with atomic_file(path) as out:
            if fmt == "csv":
                out.write(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
            else:
                import pyarrow as pa

                schema = pa.schema([(column, pa.string()) for column in frame.columns])
                frame.to_parquet(out, engine="pyarrow", index=False, schema=schema)
        written[path] = len(frame)
    return written


def _tables(run: Callable[[Query], Rows]) -> dict[str, pd.DataFrame]:
    import pandas as pd

    made = {}
    for name, columns in COLUMNS.items():
        cells, labels = _cells(run(_query(name)), columns[0])
        rows = [_row(iri, values, labels, columns) for iri, values in cells.items()]
        if name == "meetings":  # by date, undated last, then IRI
            rows.sort(key=lambda row: (row["date"] is None, row["date"] or "", row["meeting"]))
        else:
            rows.sort(key=lambda row: row[columns[0]])
        made[name] = pd.DataFrame(rows, columns=list(columns), dtype=pd.StringDtype())
    return made


def _query(table: str) -> Query:
    return load_query(Path(str(resources.queries_dir())) / "tables" / f"{table}.rq")


def _cells(rows: Rows, key: str) -> tuple[dict[str, dict[str, set[str]]], dict[str, set[str]]]:
    """The values of each entity's cells, from rows of one value each, and the names (``label``) of each
    participant's IRI."""
    cells: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    labels: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        entity, column, value = row[key], row["column"], row["value"]
        if entity is None or column is None:
            continue
        values = cells[entity][column]  # an entity with no value in any column still gets its row
        if value is not None:
            values.add(value)
            if row.get("label") is not None:
                labels[value].add(row["label"])
    return cells, labels


def _row(
    iri: str, cells: dict[str, set[str]], labels: dict[str, set[str]], columns: tuple[str, ...]
) -> dict[str, str | None]:
    row: dict[str, str | None] = {columns[0]: iri}
    for column in columns[1:]:
        row[column] = SEPARATOR.join(sorted(cells.get(column, ()))) or None
    if "participant_ids" in columns:
        # One name per participant (the first, should a merged graph give one several; else its IRI), sorted by
        # name, and the IRIs in the same order, so that the two lists line up.
        named = sorted((min(labels.get(p) or {p}), p) for p in cells.get("participant_ids", ()))
        row["participants"] = SEPARATOR.join(name for name, _ in named) or None
        row["participant_ids"] = SEPARATOR.join(p for _, p in named) or None
    return row
