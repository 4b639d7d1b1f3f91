"""The ``kg`` command: each command parses its arguments, calls the library and prints.

Errors that kg raises on purpose (:class:`kg.errors.KgError`) are turned into one ``kg: error: ...`` line and
the exit code of their class in one place, :meth:`KgGroup.invoke`.
"""

from __future__ import annotations

import csv
import itertools
import json
import sys
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path

import click
import networkx as nx
from tqdm import tqdm

from kg import __version__, cli_build, cli_link, cli_tables, cli_web, network
from kg.cli_options import auth, endpoint_options, provenance_options, store_option
from kg.errors import EXIT_CODES, KgError, UsageError, one_line
from kg.evaluate import evaluate, format_evaluation
from kg.query import atomic_file, check_page, load_graph, load_query, query_names
from kg.query import rows as query_rows
from kg.serialize import FORMATS, Triples, guess_format, write_triples
from kg.store import Store, is_store
from kg.validate import validate

OUTPUT_FORMATS = ("table", "csv", "json")


def _exit_codes_epilog() -> str:
    lines = ["\b", "Exit codes:"]
    lines += [f"  {code}  {meaning}" for code, meaning in sorted(EXIT_CODES.items())]
    return "\n".join(lines)


class KgGroup(click.Group):
    """A click group that reports any :class:`KgError` as one line on stderr and exits with its code."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KgError as err:
            click.echo(f"kg: error: {one_line(str(err))}", err=True)
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
    """Build RDF knowledge graphs of officials, nations, treaties, places and meetings from news articles;
    query, serve, explore and draw them.
    """


@cli.command("query", cls=QueryCommand)
@click.argument("args", nargs=-1, required=True, metavar="[GRAPH] NAME_OR_FILE")
@click.option(
    "--store",
    "store_path",
    metavar="PATH",
    type=click.Path(path_type=Path),
    help="Query the store in folder PATH (made by `kg build --store`) instead of a GRAPH file.",
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Query a SPARQL 1.1 endpoint (its query URL, e.g. http://127.0.0.1:7878/query) instead of a GRAPH file.",
)
@endpoint_options
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
    help="Print the rows as aligned columns, CSV, or a JSON list of objects. CSV and JSON are written as the "
    "rows come, without holding them all.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    metavar="N",
    help="Print at most N rows (SPARQL's LIMIT); with --offset, pages through a long listing.",
)
@click.option(
    "--offset",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    help="Skip the first N rows (SPARQL's OFFSET).",
)
def query_command(
    args: tuple[str, ...],
    store_path: Path | None,
    endpoint: str | None,
    user: str | None,
    password: str | None,
    timeout: float,
    params: dict[str, str],
    fmt: str,
    limit: int | None,
    offset: int,
) -> None:
    """Run a named query on a graph file, a store or an endpoint.

    GRAPH is a graph file; or give --store PATH or --endpoint URL instead.

    NAME_OR_FILE is one of the named queries below (also listed by `kg queries`) or the path of a .rq file
    holding a SPARQL SELECT query. Parameters are bound as data, never pasted into the SPARQL text.
    """
    given = int(store_path is not None) + int(endpoint is not None)
    if given > 1 or len(args) + given != 2:
        raise UsageError(
            "give what to query and the query: `kg query GRAPH NAME`, `kg query --store PATH NAME` "
            "or `kg query --endpoint URL NAME`"
        )
    named = load_query(args[-1])
    named.bind(params)  # a wrong parameter is reported before a large graph is read
    check_page(named, limit, offset)
    if len(args) == 2 and is_store(args[0]):
        store_path = Path(args[0])  # a store given as GRAPH is queried in place, not loaded into memory
    if store_path is not None:
        with Store.open(store_path, read_only=True) as store:
            _write_rows(store.named_rows(named, params, limit=limit, offset=offset), named.variables, fmt)
    elif endpoint is not None:
        from kg.endpoint import query_endpoint

        found = query_endpoint(
            endpoint, named, params, timeout=timeout, auth=auth(user, password), limit=limit, offset=offset
        )
        _write_rows(iter(found), named.variables, fmt)
    else:
        _write_rows(query_rows(load_graph(args[0]), named, params, limit=limit, offset=offset), named.variables, fmt)


@cli.command("export")
@click.argument("source", metavar="GRAPH_OR_STORE", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, *network.NETWORK_FORMATS]),
    help="RDF (trig and nquads keep each article's named graph) or a network for Gephi and Cytoscape "
    "(graphml, gexf). Default: guessed from OUT's extension, else turtle.",
)
@click.option("-o", "--output", metavar="OUT", help="Write to OUT (atomically) instead of stdout.")
@provenance_options
def export_command(source: Path, fmt: str | None, output: str | None, provenance: str, style: str) -> None:
    """Write a store (or a graph file) in another format, at another provenance level or style.

    RDF comes in reading order: the officials, nations, places, treaties and meetings first, each with its
    facts together, then the articles, their sentences and the provenance of each fact. A store is streamed,
    not loaded into memory. A graph file may hold RDF 1.2 triple terms (written with --provenance-style
    triple-terms): exporting it with reification gives the RDF 1.1 graph back. graphml and gexf write the
    entity network (`kg.to_networkx`) instead of the triples.
    """
    to_stdout = output in (None, "-")
    suffix = Path(output or "").suffix.lower().lstrip(".")
    fmt = fmt or (suffix if suffix in network.NETWORK_FORMATS else guess_format(None if to_stdout else output))
    target = sys.stdout.buffer if to_stdout else output
    if fmt in network.NETWORK_FORMATS:
        network.write_network(_network(source), target, fmt)
    elif is_store(source):
        with Store.open(source, read_only=True) as store:
            store.export(target, fmt, provenance=provenance, style=style)
    elif source.is_dir():
        load_graph(source)  # says why a folder that is not a store is no graph
    elif fmt == "nquads":
        raise UsageError("a graph file has no named graphs to write as nquads; use trig, turtle, nt or jsonld")
    else:
        write_triples(Triples.of_file(source), None if to_stdout else output, fmt, provenance=provenance, style=style)


@cli.command("push")
@click.argument("source", metavar="GRAPH_OR_STORE", type=click.Path(path_type=Path))
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The SPARQL 1.1 update URL of the remote store, e.g. http://127.0.0.1:7878/update (Oxigraph) or "
    "http://127.0.0.1:8890/sparql (Virtuoso).",
)
@click.option(
    "--graph",
    "graph_iri",
    metavar="IRI",
    help="Named graph for a graph file that holds several articles (default: its article's IRI).",
)
@endpoint_options
@click.option("-q", "--quiet", is_flag=True, help="Print neither progress nor the summary.")
def push_command(
    source: Path,
    endpoint: str,
    graph_iri: str | None,
    user: str | None,
    password: str | None,
    timeout: float,
    quiet: bool,
) -> None:
    """Load a store or graph file into a remote SPARQL store.

    Each article's named graph is replaced in one SPARQL UPDATE request, which also keeps the remote default
    graph the merged graph of the articles, so pushing twice leaves no duplicates.
    """
    from kg.endpoint import push

    credentials = auth(user, password)
    if is_store(source):
        with (
            Store.open(source, read_only=True) as store,
            tqdm(total=len(store.articles()), unit="graph", disable=quiet, file=sys.stderr) as bar,
        ):
            pushed = push(store, endpoint, timeout=timeout, auth=credentials, progress=lambda done, total: bar.update())
    else:
        pushed = push(load_graph(source), endpoint, timeout=timeout, auth=credentials, graph_iri=graph_iri)
    if not quiet:
        click.echo(f"Pushed {pushed} named graph{'s' if pushed != 1 else ''} to {endpoint}.", err=True)


@cli.command("serve")
@store_option("The store folder to serve (made by `kg build --store`).")
@click.option(
    "--bind",
    default="127.0.0.1:7878",
    show_default=True,
    metavar="HOST:PORT",
    help="Address to listen on. Other than loopback needs --public.",
)
@click.option("--allow-update", is_flag=True, help="Accept SPARQL UPDATE (and `kg push`); read-only otherwise.")
@click.option(
    "--timeout",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    metavar="SECONDS",
    help="Stop any query running longer than SECONDS.",
)
@click.option("--public", is_flag=True, help="Allow --bind on an address reachable from the network.")
def serve_command(store_path: Path, bind: str, allow_update: bool, timeout: int, public: bool) -> None:
    """Serve a store as a SPARQL endpoint (the Oxigraph server).

    Runs until Ctrl-C.

    Queries see the union of the articles' named graphs. While it serves, the store is locked: a read-only
    server lets other readers in but makes `kg build` wait or refuse; with --allow-update, nothing else opens it.
    """
    from kg.server import serve

    with serve(store_path, bind=bind, allow_update=allow_update, timeout=timeout, public=public) as server:
        mode = "read-write" if allow_update else "read-only"
        click.echo(f"Serving {store_path} ({mode}) at {server.url} — Ctrl-C to stop.", err=True)
        try:
            server.wait()
        except KeyboardInterrupt:
            click.echo("Stopping.", err=True)


source_argument = click.argument("source", metavar="GRAPH_OR_STORE", type=click.Path(path_type=Path))


def _network(source: Path) -> nx.MultiDiGraph:
    return network.to_networkx(load_graph(source))


@cli.command("neighbors")
@source_argument
@click.argument("entity")
@click.option(
    "-d",
    "--depth",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    metavar="N",
    help="How many hops away (two officials who met are two hops apart: through the meeting).",
)
def neighbors_command(source: Path, entity: str, depth: int) -> None:
    """List the entities connected to ENTITY in a graph file or store.

    ENTITY is a name or alias, any case ("abe", "Shinzo Abe"), or an IRI.
    """
    g = _network(source)
    node = network.find_entity(g, entity)
    click.echo(network.format_neighbors(g, node, network.neighbors(g, node, depth)))


@cli.command("path")
@source_argument
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
def path_command(source: Path, a: str, b: str) -> None:
    """Show how two entities connect, and the sentences behind it.

    A and B are names or aliases, any case, or IRIs. Exit code 7 when they are not connected.
    """
    g = _network(source)
    steps = network.connection(g, network.find_entity(g, a), network.find_entity(g, b))
    click.echo(network.format_path(steps) if steps else "A and B are the same entity.")


@cli.command("rank")
@source_argument
@click.option(
    "--by",
    type=click.Choice(network.RANK_MEASURES),
    default="degree",
    show_default=True,
    help="Centrality measure (on the undirected entity network).",
)
@click.option(
    "--class", "kind", metavar="CLASS", help=f"Only entities of CLASS: {', '.join(network.ENTITY_KINDS)} or Encounter."
)
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, metavar="N", help="Print the N best.")
def rank_command(source: Path, by: str, kind: str | None, top: int) -> None:
    """Rank the entities of a graph file or store by centrality."""
    g = _network(source)
    click.echo(network.format_rank(g, network.rank(g, by=by, kind=kind, top=top), by))


@cli.command("viz")
@source_argument
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="OUT",
    help="File to write; its extension (.html, .svg, .png) gives the format unless --format says.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "svg", "png"]),
    help="html: an interactive page that works offline; svg, png: a static drawing.",
)
@click.option("--timeline", is_flag=True, help="Draw the meetings timeline (svg or png) instead of the network.")
@click.option("--title", default="kg", show_default=True, help="Title of the page or picture.")
def viz_command(source: Path, output: str, fmt: str | None, timeline: bool, title: str) -> None:
    """Draw a graph file or store: an offline HTML page, SVG or PNG.

    The page is one self-contained file (no network needed): nodes coloured and shaped by class, a search
    box, filters by class and by date, a meetings timeline, and the facts and source sentences of whatever
    you click.
    """
    from kg import viz

    fmt = fmt or Path(output).suffix.lower().lstrip(".")
    if fmt not in viz.VIZ_FORMATS:
        raise UsageError(f"cannot tell the format of {output}; name it .html, .svg or .png, or give --format")
    g = _network(source)
    if timeline:
        if fmt == "html":
            raise UsageError("the HTML page already holds the timeline; give an .svg or .png OUT for --timeline")
        viz.write_timeline(g, output, fmt, title=title)
    elif fmt == "html":
        viz.write_html(g, output, title=title)
    else:
        viz.write_image(g, output, fmt, title=title)
    click.echo(f"wrote {output}", err=True)


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


@cli.command("evaluate")
@click.argument("gold_dir", metavar="GOLD_DIR", type=click.Path(path_type=Path))
@click.option(
    "--texts",
    "texts_dir",
    metavar="DIR",
    type=click.Path(path_type=Path),
    help="Folder holding the articles' texts, NAME.txt (or a saved page NAME.html) for each NAME.json. "
    "Default: GOLD_DIR.",
)
@click.option("-v", "--verbose", is_flag=True, help="Also print every miss and false positive, article by article.")
@click.option(
    "--json",
    "json_out",
    metavar="OUT",
    type=click.Path(path_type=Path),
    help='Also write the figures to OUT as JSON: {"officials.strict": {"p", "r", "f1", "tp_fp_fn"}, ..., '
    '"overall_f1", "articles_without_graph"}.',
)
@click.option(
    "--gold-dates/--own-dates",
    default=True,
    show_default=True,
    help="Build each article with its gold `published` date, or with the date it gives itself (its dateline, "
    "or a saved page's date), as `kg build` without --published does.",
)
def evaluate_command(
    gold_dir: Path, texts_dir: Path | None, verbose: bool, json_out: Path | None, gold_dates: bool
) -> None:
    """Score kg against gold annotations: precision, recall and F1 per class.

    GOLD_DIR holds one NAME.json per article (format: eval/GOLD_FORMAT.md) and, unless --texts says
    elsewhere, its text NAME.txt. Each article is built with its gold `published` date, the five contract
    queries run on its graph, and their rows are matched with the gold. `.strict` figures also require the
    right title and nation, country, treaty parties, and meeting participants, place and date. The last line
    is the overall F1, the mean of the five `.strict` F1 figures. The dev set: `kg evaluate eval/dev`.
    """
    with tqdm(unit="article", file=sys.stderr, disable=None) as bar:

        def step(done: int, total: int) -> None:
            bar.total = total
            bar.update()

        result = evaluate(gold_dir, texts_dir, progress=step, gold_dates=gold_dates)
    click.echo(format_evaluation(result, verbose=verbose))
    if json_out is not None:
        with atomic_file(json_out) as out:
            out.write(json.dumps(result.to_json(), indent=2).encode())


def _write_rows(rows: Iterator[dict[str, str | None]], variables: list[str], fmt: str) -> None:
    """Print ``rows`` to stdout: CSV and JSON one row at a time, as they come; a table once all are in, to
    size its columns."""
    out = sys.stdout
    if fmt == "table":
        found = list(rows)
        out.write(_table(list(found[0]) if found else variables, found))
    elif fmt == "csv":
        first = next(rows, None)
        columns = list(first) if first is not None else variables  # SELECT * names its columns in its rows
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in itertools.chain([first] if first is not None else [], rows):
            writer.writerow(["" if row[c] is None else row[c] for c in columns])
    else:
        # The layout of json.dumps(rows, indent=2), written row by row.
        separator = "[\n"
        for row in rows:
            out.write(separator + textwrap.indent(json.dumps(row, indent=2, ensure_ascii=False), "  "))
            separator = ",\n"
        out.write("[]\n" if separator == "[\n" else "\n]\n")
    out.flush()


def _table(columns: list[str], rows: list[dict[str, str | None]]) -> str:
    cells = [[one_line(row[c] or "") for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip() + "\n"

    rule = ["-" * w for w in widths]
    return line(columns) + line(rule) + "".join(line(r) for r in cells)


cli.add_command(cli_build.build_command)
cli.add_command(cli_link.resolve_command)
cli.add_command(cli_link.merges_command)
cli.add_command(cli_web.fetch_command)
cli.add_command(cli_web.watch_command)
cli.add_command(cli_tables.tables_command)


def main() -> None:
    """The console script ``kg``."""
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
