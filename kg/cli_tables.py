"""``kg tables``: one CSV or Parquet table per class of entity, for spreadsheets and notebooks.

It is added to the ``kg`` command group by :mod:`kg.cli`; the tables are :func:`kg.tables.tables`.
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.tables import TABLE_FORMATS, write_tables


@click.command("tables")
@click.argument("source", metavar="GRAPH_OR_STORE", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "folder",
    required=True,
    metavar="DIR",
    type=click.Path(path_type=Path),
    help="Folder to write the tables into (created if missing); files of the same names are replaced.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(TABLE_FORMATS)),
    default="csv",
    show_default=True,
    help="csv: UTF-8 with a header line; parquet: a string column per column (pyarrow).",
)
def tables_command(source: Path, folder: Path, fmt: str) -> None:
    """Write a CSV or Parquet table per class of entity.

    Reads a graph file or store and writes DIR/TABLE.csv (or .parquet) for each TABLE below, for spreadsheets
    and notebooks, with these columns:

    \b
    officials  official, name, aliases, titles, nations, sources
    meetings   meeting, kind, date, place, country, participants,
               participant_ids, sources
    treaties   treaty, name, aliases, parties, sources
    places     place, name, aliases, country, sources
    nations    nation, name, iso3

    One row per entity, its IRI first, sorted by IRI (meetings by date, then IRI). Meetings include every kind
    of encounter: kind is Meeting, PhoneCall, VideoCall, PlannedMeeting or NegatedMeeting. Dates are
    YYYY-MM-DD; nations, countries and parties are ISO3 codes; place is the place's name; participants are
    names, in the order of participant_ids, their IRIs. sources are the articles that state something of the
    entity: each article's URL, else its IRI. A cell of several values holds them sorted and joined by "; "; a
    missing value is an empty cell (a null in Parquet). Each file is written atomically, and a line per file
    says how many rows it has.
    """
    for path, count in write_tables(source, folder, fmt).items():
        click.echo(f"{path.name}: {count} row{'' if count == 1 else 's'}")
