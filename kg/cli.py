"""The ``kg`` command: each command parses its arguments, calls the library and prints.

Errors that kg raises on purpose (:class:`kg.errors.KgError`) are turned into one ``kg: error: ...`` line and
the exit code of their class in one place, :meth:`KgGroup.invoke`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

import click
import rdflib

from kg import __version__, api, read
from kg.errors import EXIT_CODES, KgError
from kg.query import GRAPH_FORMATS, guess_format, load_graph, load_query, query_names, write_graph
from kg.query import query as run_query
from kg.report import summary
from kg.validate import validate

OUTPUT_FORMATS = ("table", "csv", "json")


def _exit_codes_epilog() -> str:
    lines = ["\b", "Exit codes:"]
    lines += [f"  {code}  {meaning}" for code, meaning in sorted(EXIT_CODES.items())]
    return "\n".join(lines)


def _one_line(message: str) -> str:
    return " ".join(message.split())


class KgGroup(click.Group):
    """A click group that reports any :class:`KgError` as one line on stderr and exits with its code."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KgError as err:
            click.echo(f"kg: error: {_one_line(str(err))}", err=True)
            ctx.exit(err.exit_code)


class QueryCommand(click.Command):
    """``kg query``, whose help ends with the named queries and their parameters, read from queries/."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)
        with formatter.section("Named queries"):
            formatter.write_dl([(name, _describe(name)) for name in query_names()])


def _describe(name: str) -> str:
    named = load_query(name)
    params = "".join(f" Param {param}: {doc}." for param, doc in named.params.items())
    return named.description + params


def _parse_params(ctx: click.Context, param: click.Parameter, values: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for value in values:
        key, sep, data = value.partition("=")
        key = key.strip()
        if not sep or not key:
            raise click.BadParameter(f"expected KEY=VALUE, got {value!r}", ctx=ctx, param=param)
        if key in params:
            raise click.BadParameter(f"{key} is given twice", ctx=ctx, param=param)
        params[key] = data
    return params


graph_argument = click.argument("graph_file", metavar="GRAPH", type=click.Path(path_type=Path))


@click.group("kg", cls=KgGroup, epilog=_exit_codes_epilog())
@click.version_option(__version__, "--version", prog_name="kg", message="%(prog)s %(version)s")
def cli() -> None:
    """Build RDF knowledge graphs of officials, nations, treaties, places and meetings from news articles,
    then query and validate them.
    """


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...", type=click.Path(path_type=Path))
@click.option(
    "--published",
    metavar="YYYY-MM-DD",
    help="Publication date of the articles; resolves 'today', weekday names and 'last month'.",
)
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    help="Write the graph to OUT (atomically) instead of stdout; '-' is stdout.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(GRAPH_FORMATS)),
    help="Graph format. Default: guessed from OUT's extension (.ttl .nt .jsonld .trig), else turtle.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    metavar="X",
    help="Leave out extracted facts whose confidence is below X (0 to 1).",
)
@click.option("-q", "--quiet", is_flag=True, help="Do not print the summary of what was found.")
def build(
    files: tuple[Path, ...],
    published: str | None,
    output: str | None,
    fmt: str | None,
    min_confidence: float,
    quiet: bool,
) -> None:
    """Build a graph from article FILEs and write it.

    Each FILE is a news article as plain UTF-8 text. The graphs of several files are merged: the same
    official, nation or place gets the same IRI. If any FILE cannot be read, nothing is written. The summary
    goes to stderr when the graph goes to stdout.
    """
    published_date = read.parse_date(published) if published is not None else None
    graph = rdflib.Graph()
    for path in files:
        article = read.read_file(path, published=published_date)
        part = api.build_article(article, min_confidence=min_confidence)
        for prefix, namespace in part.namespaces():
            graph.bind(prefix, namespace, override=False)
        graph += part
    to_stdout = output is None or output == "-"
    write_graph(graph, None if to_stdout else output, fmt or guess_format(None if to_stdout else output))
    if not quiet:
        click.echo(summary(graph), err=to_stdout)


@cli.command("query", cls=QueryCommand)
@graph_argument
@click.argument("name_or_file", metavar="NAME_OR_FILE")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    callback=_parse_params,
    help="Set a query parameter; repeat for several. `kg queries` lists each query's parameters.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(OUTPUT_FORMATS),
    default="table",
    show_default=True,
    help="Print the rows as aligned columns, CSV, or a JSON list of objects.",
)
def query_command(graph_file: Path, name_or_file: str, params: dict[str, str], fmt: str) -> None:
    """Run a named query or a SPARQL file on GRAPH.

    NAME_OR_FILE is one of the named queries below (also listed by `kg queries`) or the path of a .rq file
    holding a SPARQL SELECT query. Parameters are bound as data, never pasted into the SPARQL text.
    """
    named = load_query(name_or_file)
    named.bind(params)  # a wrong parameter is reported before a large graph is read
    graph = load_graph(graph_file)
    rows = run_query(graph, named, **params)
    click.echo(_format_rows(rows, named.variables, fmt), nl=False)


@cli.command("validate")
@graph_argument
@click.pass_context
def validate_command(ctx: click.Context, graph_file: Path) -> None:
    """Check GRAPH against kg's SHACL shapes.

    Prints "conforms" and exits 0, or prints the violations and exits 1.
    """
    conforms, _, text = validate(load_graph(graph_file))
    if conforms:
        click.echo("conforms")
    else:
        click.echo(text.rstrip())
        ctx.exit(1)


@cli.command("queries")
def queries_command() -> None:
    """List the named queries and their parameters."""
    for name in query_names():
        named = load_query(name)
        click.echo(f"{name}: {named.description}")
        for param, doc in named.params.items():
            click.echo(f"    --param {param}=...  {doc}")


def _format_rows(rows: list[dict[str, str | None]], variables: list[str], fmt: str) -> str:
    columns = list(rows[0]) if rows else variables
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if row[c] is None else row[c] for c in columns] for row in rows])
        return buffer.getvalue()
    return _table(columns, rows)


def _table(columns: list[str], rows: list[dict[str, str | None]]) -> str:
    cells = [[_one_line(row[c] or "") for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip() + "\n"

    rule = ["-" * w for w in widths]
    return line(columns) + line(rule) + "".join(line(r) for r in cells)


def main() -> None:
    """The console script ``kg``."""
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
