"""``kg build``: articles into a graph file, a store, a SPARQL endpoint or N-Quads shards, on this machine or on
a Dask cluster. It is added to the ``kg`` command group by :mod:`kg.cli`."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click
from tqdm import tqdm

from kg import api, corpus, read
from kg.cli_link import summary as link_summary
from kg.cli_options import auth, endpoint_options, provenance_options
from kg.errors import InputError, UsageError, one_line
from kg.link.store import resolve_store
from kg.outputs import EndpointOutput, Output, ShardOutput
from kg.report import store_summary, summary
from kg.serialize import FORMATS, guess_format, write_graph
from kg.store import Store
from kg.web.fetch import Fetcher

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["build_command"]

DEFAULT_SHARD_SIZE = 1000


@click.command("build")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE_DIR_OR_URL...")
@click.option(
    "--published",
    metavar="YYYY-MM-DD",
    help="Publication date of the articles; resolves 'today', weekday names and 'last month'. A metadata "
    "file's date wins; without either, the dateline gives it.",
)
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    help="Write the merged graph to OUT (atomically) instead of stdout; '-' is stdout.",
)
@click.option(
    "--store",
    "store_path",
    metavar="PATH",
    type=click.Path(path_type=Path),
    help="Write into the Oxigraph store in folder PATH (created if missing), one named graph per article, "
    "replacing each article's earlier graph, then link the store's articles. Articles that fail are reported "
    "and skipped.",
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Write each article's named graph into the SPARQL 1.1 store whose update URL is URL (as `kg push` "
    "does), e.g. http://127.0.0.1:8890/sparql for Virtuoso.",
)
@click.option(
    "--out-dir",
    metavar="DIR",
    type=click.Path(path_type=Path),
    help="Write N-Quads shards (part-000001.nq...) into folder DIR, one named graph per article, each shard "
    "written whole, for a bulk loader (oxigraph load, Virtuoso's ld_dir, QLever).",
)
@click.option(
    "--shard-size",
    type=click.IntRange(min=1),
    metavar="N",
    help=f"With --out-dir: articles per shard.  [default: {DEFAULT_SHARD_SIZE}]",
)
@click.option(
    "--metadata",
    metavar="FILE",
    type=click.Path(path_type=Path),
    help="JSON-lines or CSV file of path, published, url, title per article (paths relative to FILE). "
    "Default: a folder's own metadata.jsonl or metadata.csv.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    metavar="N",
    help="Build in N worker processes (each loads the spaCy model); the graph is the same for any N.",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Build on a Dask cluster: the address of its scheduler (tcp://HOST:PORT), or local:N for N worker "
    "processes on this machine. Its workers need this kg installed; the graph is the same as a local build's.",
)
@click.option(
    "--resume", is_flag=True, help="With --store, --endpoint or --out-dir: skip articles whose source it holds."
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=0,
    metavar="SECONDS",
    help="With --store: wait up to SECONDS for another kg process using the store, instead of failing.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    help="Graph format. Default: guessed from OUT's extension (.ttl .nt .nq .jsonld .trig), else turtle.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    metavar="X",
    help="Leave out extracted facts whose confidence is below X (0 to 1).",
)
@click.option(
    "--max-size",
    type=click.FloatRange(min=0, min_open=True),
    default=read.MAX_SIZE / 1e6,
    show_default=True,
    metavar="MB",
    help="Refuse files larger than MB megabytes (a megabyte takes about a minute to build).",
)
@provenance_options
@endpoint_options
@click.option("-q", "--quiet", is_flag=True, help="Print neither progress nor the summary.")
@click.pass_context
def build_command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    published: str | None,
    output: str | None,
    store_path: Path | None,
    endpoint: str | None,
    out_dir: Path | None,
    shard_size: int | None,
    metadata: Path | None,
    jobs: int,
    cluster: str | None,
    resume: bool,
    wait: float,
    fmt: str | None,
    min_confidence: float,
    max_size: float,
    provenance: str,
    style: str,
    user: str | None,
    password: str | None,
    timeout: float,
    quiet: bool,
) -> None:
    """Build articles into a graph file, a store, a SPARQL store or N-Quads shards.

    Each FILE is a news article as plain UTF-8 text or a saved web page (.html: its main text, title, date and
    URL are read from the page); each DIR is searched for *.txt and *.html files; each URL (http or https) is
    fetched politely (robots.txt, a User-Agent naming kg, time-outs, bounded retries). Without --store,
    --endpoint or --out-dir the graphs are merged (the same official, nation or place gets the same IRI) and
    written to OUT; if any article cannot be read, nothing is written. With one of them, each article becomes
    its own named graph, and articles that cannot be read are listed and skipped (exit code 3).
    """
    given = {"-o": output, "--store": store_path, "--endpoint": endpoint, "--out-dir": out_dir}
    targets = [name for name, value in given.items() if value is not None]
    if len(targets) > 1:
        raise UsageError(
            f"give one of -o OUT, --store PATH, --endpoint URL or --out-dir DIR, not {' and '.join(targets)}"
        )
    if jobs > 1 and cluster is not None:
        raise UsageError("--jobs builds on this machine and --cluster on a Dask cluster; give one of them")
    if resume and not (store_path or endpoint or out_dir):
        raise UsageError("--resume applies to --store, --endpoint and --out-dir builds; add one of them")
    if wait and store_path is None:
        raise UsageError("--wait applies to --store builds; add --store PATH")
    if shard_size is not None and out_dir is None:
        raise UsageError("--shard-size applies to --out-dir builds; add --out-dir DIR")
    if (user is not None or password is not None) and endpoint is None:
        raise UsageError("--user and --password are for --endpoint builds; add --endpoint URL")
    if style != "reification" and (store_path or endpoint or out_dir):
        raise UsageError(
            "--provenance-style triple-terms applies to graph files (-o OUT): a store keeps reification, which "
            "kg's queries read; write triple terms from it with `kg export STORE --provenance-style triple-terms`"
        )
    published_date = read.parse_date(published) if published is not None else None
    # Feeds become their items, and URLs are fetched once here (kg.corpus.expand).
    sources, unread = corpus.expand(
        corpus.find_articles(inputs, metadata=metadata), Fetcher(max_bytes=int(max_size * 1e6))
    )
    settings = corpus.Settings(published_date, min_confidence, jobs, int(max_size * 1e6), provenance)
    # The cluster first: when its scheduler cannot be reached, nothing is created or written.
    with _connect(cluster) as client:
        if not (store_path or endpoint or out_dir):
            if unread:
                raise InputError(unread[0].message)
            _build_merged(sources, settings, client, output, fmt, style, quiet)
            return
        for failure in unread:
            click.echo(f"kg: skipped {failure.source.label}: {_why(failure)}", err=True)
        with contextlib.ExitStack() as stack:
            target: Store | Output
            if store_path is not None:
                target = stack.enter_context(Store.open(store_path, wait=wait))
            elif endpoint is not None:
                target = EndpointOutput(endpoint, timeout=timeout, auth=auth(user, password))
            else:
                target = ShardOutput(out_dir, shard_size=shard_size or DEFAULT_SHARD_SIZE, resume=resume)  # type: ignore[arg-type]
            where = str(store_path or endpoint or out_dir)
            failed = _build_corpus(sources, target, where, settings, client, resume, quiet) + len(unread)
    if failed:
        click.echo(
            f"kg: error: {failed} of {len(sources) + len(unread)} articles could not be read (listed above); "
            "the others were written",
            err=True,
        )
        ctx.exit(InputError.exit_code)


@contextlib.contextmanager
def _connect(cluster: str | None) -> Iterator[Client | None]:
    if cluster is None:
        yield None
        return
    from kg.cluster import connect

    with connect(cluster) as client:
        yield client


def _build_merged(
    sources: list[corpus.Source],
    settings: corpus.Settings,
    client: Client | None,
    output: str | None,
    fmt: str | None,
    style: str,
    quiet: bool,
) -> None:
    results = corpus.build_graphs(sources, **settings.options(), cluster=client)
    # On a terminal only: a merged build is usually small, and its stderr may be carrying the summary.
    bar = tqdm(results, total=len(sources), unit="article", disable=True if quiet else None, file=sys.stderr)
    built = []
    for result in bar:
        if isinstance(result, corpus.Failure):
            raise InputError(result.message)
        built.append((result.article, result.triples))
    graph = api.merged_graph(built)
    to_stdout = output is None or output == "-"
    target = None if to_stdout else output
    write_graph(graph, target, fmt or guess_format(target), provenance=settings.provenance, style=style)
    if not quiet:
        click.echo(summary(graph), err=to_stdout)


def _build_corpus(
    sources: list[corpus.Source],
    target: Store | Output,
    where: str,
    settings: corpus.Settings,
    client: Client | None,
    resume: bool,
    quiet: bool,
) -> int:
    """Build ``sources`` into ``target``, with progress and a summary; return how many articles failed."""
    todo = corpus.not_in_store(sources, target) if resume else sources
    # Shown in logs too (not only on a terminal): a corpus build is long, and its progress worth keeping.
    with tqdm(total=len(todo), unit="article", disable=quiet, file=sys.stderr, dynamic_ncols=True) as bar:

        def advance(source: corpus.Source, failure: corpus.Failure | None) -> None:
            if failure is not None:
                bar.write(f"kg: skipped {failure.source.label}: {_why(failure)}", file=sys.stderr)
            bar.update()

        report = corpus.build_corpus(todo, target, **settings.options(), cluster=client, on_article=advance)
    # Linking reads every article of the store, so it runs once, after the last article is in.
    resolution = resolve_store(target) if isinstance(target, Store) else None
    if not quiet:
        rate = report.built / report.seconds if report.seconds else 0.0
        words = report.words / report.seconds if report.seconds else 0.0
        held = len(sources) - len(todo)
        kind = "store" if isinstance(target, Store) else "shards" if isinstance(target, ShardOutput) else "endpoint"
        skipped = f", skipped {held} already in the {kind}" if held else ""
        failed = f", {len(report.failures)} failed" if report.failures else ""
        click.echo(
            f"Built {report.built} of {len(sources)} articles into {where} in {report.seconds:.1f} s "
            f"({rate:.1f} articles/s, {words:,.0f} words/s){skipped}{failed}.",
            err=True,
        )
        if resolution is not None:
            click.echo(link_summary(resolution), err=True)
            click.echo(store_summary(target), err=True)  # type: ignore[arg-type]
        if isinstance(target, ShardOutput) and target.written:
            click.echo(
                f"Wrote {len(target.written)} shards into {where}; load them into Oxigraph with `oxigraph load"
                f" --location STORE --file {where}/part-*.nq` and serve it with --union-default-graph.",
                err=True,
            )
    return len(report.failures)


def _why(failure: corpus.Failure) -> str:
    """A failure's message in one line, without the source it names already."""
    return one_line(failure.message).removeprefix(f"{failure.source.label}: ")
