"""``kg fetch`` and ``kg watch``: web pages and feeds saved for later, and feeds followed into a store.

They are added to the ``kg`` command group by :mod:`kg.cli`.
"""

from __future__ import annotations

import json
import re
import signal
import sys
import time
from pathlib import Path
from types import FrameType

import click

from kg import corpus
from kg.cli_options import store_option
from kg.errors import InputError, KgError
from kg.link.store import resolve_store
from kg.store import Store
from kg.web.feeds import fetch_feed
from kg.web.fetch import Fetcher
from kg.web.page import parse_page
from kg.web.watch import held_items, held_validators, record

__all__ = ["fetch_command", "watch_command"]

_EVERY = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd]?)$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _seconds(ctx: click.Context, param: click.Parameter, value: str) -> float:
    match = _EVERY.match(value.strip())
    if not match or float(match[1]) <= 0:
        raise click.BadParameter(f"expected a time such as 30m, 2h or 90s, got {value!r}", ctx=ctx, param=param)
    return float(match[1]) * _UNIT[match[2]]


@click.command("fetch")
@click.argument("urls", nargs=-1, required=True, metavar="URL_OR_FEED...")
@click.option(
    "-o",
    "--output",
    "folder",
    required=True,
    metavar="DIR",
    type=click.Path(path_type=Path),
    help="Folder to save the pages in, with a metadata.jsonl that `kg build DIR` reads.",
)
def fetch_command(urls: tuple[str, ...], folder: Path) -> None:
    """Save web pages (and every page of a feed) for a machine without a network.

    Each page is saved as DIR/NNNN.html, and DIR/metadata.jsonl gets its url, title, published date and site,
    read as `kg build` reads a live page; carry DIR across and run `kg build DIR`. A URL that fails is one
    line, and the others go on (exit code 3).
    """
    fetcher = Fetcher()
    sources, failures = corpus.expand([corpus.Source(None, url=url) for url in urls], fetcher)
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    metadata = folder / "metadata.jsonl"
    # Pages saved by an earlier run keep their files; a page fetched again replaces its own.
    earlier = metadata.read_text(encoding="utf-8").splitlines() if metadata.is_file() else []
    done = {entry["url"]: entry for entry in map(json.loads, filter(None, earlier))}
    for source in sources:
        try:
            body = source.body if source.body is not None else fetcher.fetch(str(source.url)).body
            page = parse_page(body, url=source.url)
        except KgError as exc:
            failures.append(corpus.Failure(source, str(exc)))
            continue
        name = done.get(str(source.url), {}).get("path") or f"{len(done) + len(entries) + 1:04d}.html"
        (folder / name).write_bytes(body)
        published = source.published or page.published
        entries.append(
            {
                "path": name,
                "url": source.url,
                "title": source.title or page.title,
                "published": published.isoformat() if published else None,
                "site": page.site,
            }
        )
        click.echo(f"saved {source.url} as {folder / name}", err=True)
    for entry in entries:
        done[entry["url"]] = entry
    metadata.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in done.values()), encoding="utf-8")
    for failure in failures:
        why = " ".join(failure.message.split()).removeprefix(f"{failure.source.label}: ")
        click.echo(f"kg: skipped {failure.source.label}: {why}", err=True)
    if failures:
        sys.exit(InputError.exit_code)


@click.command("watch")
@click.argument("feeds", nargs=-1, required=True, metavar="FEED_URL...")
@store_option("The store to build the feeds' new and changed articles into (created if missing).")
@click.option(
    "--every",
    default="30m",
    show_default=True,
    metavar="TIME",
    callback=_seconds,
    help="How often to poll each feed: 90s, 30m, 2h.",
)
@click.option("--once", is_flag=True, help="Poll each feed once and stop (for cron).")
def watch_command(feeds: tuple[str, ...], store_path: Path, every: float, once: bool) -> None:
    """Follow news feeds into a store: build each new or changed item, and nothing else.

    Each poll is a conditional GET (the feed's ETag and Last-Modified are kept in the store, graph
    kgr:feeds): a feed that has not changed costs one short answer. An item is built when its link is new to
    the store or the feed says it changed; one line is logged per item. Ctrl-C (SIGINT) or SIGTERM stops the
    watch cleanly after the article being written.
    """
    stop = {"now": False}

    def halt(signum: int, frame: FrameType | None) -> None:
        stop["now"] = True

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, halt)
    fetcher = Fetcher()
    while not stop["now"]:
        for feed in feeds:
            if stop["now"]:
                break
            _poll(feed, store_path, fetcher)
        if once:
            break
        deadline = time.monotonic() + every
        while not stop["now"] and time.monotonic() < deadline:
            time.sleep(min(1.0, deadline - time.monotonic()))
    click.echo("kg: watch stopped", err=True)


def _poll(feed: str, store_path: Path, fetcher: Fetcher) -> None:
    with Store.open(store_path, wait=60) as store:
        etag, modified = held_validators(store, feed)
        try:
            got, items = fetch_feed(fetcher, feed, etag=etag, last_modified=modified)
        except KgError as exc:
            click.echo(f"kg: {feed}: {exc}", err=True)
            return
        if got.not_modified:
            click.echo(f"{feed}: not changed", err=True)
            return
        held = held_items(store)
        todo = [item for item in items if held.get(item.link, "?") != (item.updated or "")]
        sources = [corpus.Source(None, item.published, item.link, item.title) for item in todo]
        report = corpus.build_corpus(
            sources,
            store,
            on_article=lambda source, failure: click.echo(
                f"built {source.url}" if failure is None else f"kg: skipped {source.url}: {failure.message}",
                err=True,
            ),
        )
        if report.built:
            resolve_store(store)
        built = {s.url for s in sources} - {f.source.url for f in report.failures}
        record(store, feed, got, [item for item in todo if item.link in built])
        click.echo(f"{feed}: {report.built} built, {len(items) - len(todo)} unchanged", err=True)
