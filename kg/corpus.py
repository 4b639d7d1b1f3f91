"""Many articles at once: find them, build them (in parallel if asked), and put each into a store.

:func:`find_articles` turns the files and folders given to ``kg build`` into :class:`Source` records, with
published dates, URLs and titles from a sidecar metadata file when there is one. :func:`build_graphs` runs
:func:`kg.api.build_article` on each, in order, in this process or in a pool of worker processes; the graph of
an article does not depend on how many workers built it. :func:`build_corpus` writes each graph into a
:class:`~kg.store.Store` as the named graph of its article, and keeps going past articles that cannot be read.

A metadata file is JSON lines (``metadata.jsonl``) or CSV (``metadata.csv``) with the columns ``path``
(relative to the metadata file), ``published`` (``YYYY-MM-DD``), ``url`` and ``title``, all but ``path``
optional. A folder given to ``kg build`` that holds ``metadata.jsonl`` or ``metadata.csv`` uses it.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import json
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import rdflib

from kg import api, read
from kg.errors import InputError, KgError, UsageError
from kg.namespace import article_iri
from kg.outputs import Output, StoreOutput
from kg.serialize import check_provenance
from kg.store import Store, ntriples_lines
from kg.web.fetch import Fetcher, is_url

if TYPE_CHECKING:
    from distributed import Client

__all__ = [
    "METADATA_FILES",
    "CorpusReport",
    "Failure",
    "Settings",
    "Source",
    "build_corpus",
    "build_graphs",
    "expand",
    "find_articles",
    "not_in_store",
]

METADATA_FILES = ("metadata.jsonl", "metadata.csv")
"""Sidecar files a folder of articles may hold, read by :func:`find_articles`."""

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
"""The files of a folder that are articles: texts and saved web pages."""


@dataclass(frozen=True)
class Source:
    """An article to build: a file (``path``), or a web page to fetch (``path`` None, ``url`` set), with what
    its metadata says of it."""

    path: Path | None
    published: date | None = None
    url: str | None = None
    title: str | None = None
    body: bytes | None = field(default=None, compare=False, repr=False)  # the page, when fetched already

    @property
    def key(self) -> str:
        """Where the article comes from, recorded as its ``kg:source``: the URL, else the absolute file path."""
        return self.url or str(self.path.resolve())  # type: ignore[union-attr]

    @property
    def label(self) -> str:
        """How messages name it: the file's path as given, else the URL."""
        return str(self.path) if self.path is not None else str(self.url)


@dataclass(frozen=True)
class Failure:
    """An article that could not be built, and why."""

    source: Source
    message: str


@dataclass
class CorpusReport:
    """What :func:`build_corpus` did."""

    built: int = 0
    words: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0


# --- finding articles -----------------------------------------------------------------------------------


def find_articles(
    inputs: Sequence[str | os.PathLike[str]], *, metadata: str | os.PathLike[str] | None = None
) -> list[Source]:
    """The articles named by ``inputs``: files as given, folders searched (recursively) for ``*.txt``.

    ``metadata`` is a JSON-lines or CSV file of per-article metadata; without it, each folder's own
    ``metadata.jsonl`` or ``metadata.csv`` is used. Raises :class:`InputError` when an input does not exist
    or a folder holds no article, and :class:`UsageError` when a metadata file cannot be read.
    """
    entries: dict[Path, dict[str, str]] = {}
    if metadata is not None:
        entries.update(_read_metadata(Path(metadata)))
    sources: list[Source] = []
    seen: set[Path] = set()
    for text in map(str, inputs):
        if is_url(text):
            sources.append(Source(None, url=text))
            continue
        if read.is_remote(text):
            sources += [Source(None, url=url) for url in _remote_articles(text)]
            continue
        given = Path(text)
        if given.is_dir():
            if metadata is None:
                for name in METADATA_FILES:
                    if (given / name).is_file():
                        entries.update(_read_metadata(given / name))
                        break
            files = sorted(
                p
                for p in given.rglob("*")
                if p.suffix.lower() in ARTICLE_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(given).parts)
            )
            if not files:
                raise InputError(
                    f"folder {given} holds no article (*.txt or *.html files); give article files or another folder"
                )
        elif given.exists():
            files = [given]
        else:
            raise InputError(f"no such file or folder: {given}; check the path")
        for path in files:
            resolved = path.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            sources.append(_source(path, entries.get(resolved, {})))
    return sources


def _remote_articles(url: str) -> list[str]:
    """The articles at ``url``, a file or folder that fsspec reads (``s3://bucket/news/``): the file, or the
    folder's ``*.txt`` and ``*.html`` files (recursively, hidden ones left out), as URLs."""
    fs, root = read.remote_fs(url)
    try:
        if not fs.exists(root):  # type: ignore[attr-defined]
            raise InputError(f"no such file or folder: {url}; check the URL")
        if not fs.isdir(root):  # type: ignore[attr-defined]
            return [url]
        found = fs.find(root)  # type: ignore[attr-defined]
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot list {url}: {exc}; check the URL and your access to it") from exc
    files = sorted(
        path
        for path in found
        if Path(path).suffix.lower() in ARTICLE_SUFFIXES
        and not any(part.startswith(".") for part in Path(path).relative_to(root).parts)
    )
    if not files:
        raise InputError(f"folder {url} holds no article (*.txt or *.html files); give article files or another folder")
    return [fs.unstrip_protocol(path) for path in files]  # type: ignore[attr-defined]


def _source(path: Path, entry: dict[str, str]) -> Source:
    published = entry.get("published") or None
    try:
        day = read.parse_date(published) if published else None
    except UsageError as exc:
        raise UsageError(f"metadata of {path}: {exc}") from None
    return Source(path, day, entry.get("url") or None, entry.get("title") or None)


def _read_metadata(path: Path) -> dict[Path, dict[str, str]]:
    """Metadata entries by the resolved path of their article."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the metadata file {path}: {exc}; give a UTF-8 JSON-lines or CSV file") from exc
    rows: list[dict[str, str]] = []
    if path.suffix.lower() == ".csv":
        rows = [dict(row) for row in csv.DictReader(text.splitlines())]
    else:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{path}, line {number}: not JSON ({exc.msg}); write one object per line") from None
            if not isinstance(row, dict):
                raise UsageError(f'{path}, line {number}: expected a JSON object with a "path"')
            rows.append({k: "" if v is None else str(v) for k, v in row.items()})
    entries = {}
    for number, row in enumerate(rows, start=1):
        if not row.get("path"):
            raise UsageError(f'{path}, entry {number}: no "path"; every entry names its article file')
        entries[(path.parent / row["path"]).resolve()] = row
    return entries


# --- building -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """How ``kg build`` builds every article: the options :func:`build_graphs` and :func:`build_corpus` share."""

    published: date | None = None
    min_confidence: float = 0.0
    jobs: int = 1
    max_size: int | None = read.MAX_SIZE
    provenance: str = "full"

    def options(self) -> dict[str, object]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Built:
    """The graph of one article: its IRI and triples, as a worker process hands them back.

    ``triples`` are rdflib terms, or N-Triples lines when built for a store (``build_graphs(ntriples=True)``):
    strings cross from a worker process several times faster than rdflib terms, and the store takes them as
    they are.
    """

    source: Source
    article: str
    triples: list[tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]] | list[str]
    words: int


def build_graphs(
    sources: Iterable[Source],
    *,
    published: date | None = None,
    min_confidence: float = 0.0,
    jobs: int = 1,
    ntriples: bool = False,
    max_size: int | None = read.MAX_SIZE,
    cluster: Client | None = None,
    provenance: str = "full",
) -> Iterator[Built | Failure]:
    """Build each source, yielding its :class:`Built` graph or its :class:`Failure`, in the order given.

    A source's metadata date wins over ``published``; without either, the dateline gives the date. Articles
    go through spaCy a batch at a time (:func:`kg.nlp.parse`). ``jobs`` above 1 builds batches in that many
    worker processes, each loading the spaCy model once; ``cluster``, a Dask client (:func:`kg.cluster.connect`),
    builds them on its workers instead. ``ntriples`` hands each graph back as N-Triples lines. A file over
    ``max_size`` bytes is a failure. ``provenance`` is the level of :func:`kg.build`.
    """
    if jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {jobs}")
    check_provenance(provenance)
    task = _Task(published, min_confidence, ntriples, max_size, provenance)
    if cluster is not None:
        from kg import cluster as dask

        def lost(batch: list[Source], why: str) -> list[Built | Failure]:
            return [Failure(source, f"{source.label}: not built: {why}") for source in batch]

        # A worker elsewhere runs in a folder of its own: it is given absolute paths (on a file system it shares).
        absolute = (dataclasses.replace(s, path=s.path.absolute()) if s.path is not None else s for s in sources)
        yield from dask.run(cluster, task, _batches(absolute, _BATCH), lost)
        return
    batches = _batches(sources, _BATCH)
    if jobs == 1:
        for batch in batches:
            yield from task(batch)
        return
    if isinstance(sources, Sequence):
        batches = _batches_ending_small(sources, _BATCH, jobs)
    # spawn, not fork: the parent may hold an open store, whose database threads a forked child would copy.
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs) as pool:
        for results in pool.imap(task, batches):
            yield from results


# Articles a worker takes at a time: enough for nlp.pipe to batch, few enough that progress moves smoothly.
_BATCH = 8


def _batches_ending_small(items: Sequence[Source], size: int, jobs: int) -> Iterator[list[Source]]:
    """Batches of ``size``, but the last ``size * jobs`` items in batches of 2, so that the workers finish
    together rather than one waiting while another reads a whole last batch.

    >>> [len(b) for b in _batches_ending_small(list(range(40)), 8, 2)]
    [8, 8, 8, 2, 2, 2, 2, 2, 2, 2, 2]
    """
    tail = max(len(items) - size * jobs, 0)
    yield from _batches(items[:tail], size)
    yield from _batches(items[tail:], 2)


def _batches(items: Iterable[Source], size: int) -> Iterator[list[Source]]:
    batch: list[Source] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(frozen=True)
class _Task:
    """Builds a batch of sources; a picklable callable, so that a worker process can run it."""

    published: date | None
    min_confidence: float
    ntriples: bool = False
    max_size: int | None = read.MAX_SIZE
    provenance: str = "full"

    def __call__(self, batch: list[Source]) -> list[Built | Failure]:
        from kg.nlp import parse  # loads spaCy: only where articles are built

        results: list[Built | Failure | None] = [None] * len(batch)
        articles: list[tuple[int, read.Article]] = []
        fetcher = Fetcher(max_bytes=self.max_size or Fetcher.max_bytes)
        for i, source in enumerate(batch):
            try:
                article = _read(source, source.published or self.published, self.max_size, fetcher)
            except KgError as exc:
                results[i] = Failure(source, str(exc))
                continue
            # The metadata's title and URL stand for the page's: the URL tells who published it.
            known = {"title": source.title, "source": source.url}
            articles.append((i, dataclasses.replace(article, **{k: v for k, v in known.items() if v})))
        docs = parse(article.text for _, article in articles)
        for (i, article), doc in zip(articles, docs, strict=True):
            source = batch[i]
            try:
                triples = api.article_triples(
                    article, min_confidence=self.min_confidence, provenance=self.provenance, doc=doc
                )
            except KgError as exc:
                results[i] = Failure(source, str(exc))
                continue
            lines = ntriples_lines(triples) if self.ntriples else triples
            results[i] = Built(source, str(article_iri(article.text)), lines, len(article.text.split()))
        return [result for result in results if result is not None]


def _read(source: Source, published: date | None, max_size: int | None, fetcher: Fetcher) -> read.Article:
    """Read a source: its file, or the web page at its URL (fetched politely, see :mod:`kg.web.fetch`)."""
    if source.path is not None:
        return read.read_file(source.path, published=published, max_size=max_size)
    if not is_url(str(source.url)):  # a file that fsspec reads
        return read.read_file(str(source.url), published=published, max_size=max_size)
    from kg.web.page import read_html

    if source.body is not None:
        return read_html(source.body, url=source.url, published=published)
    page = fetcher.fetch(str(source.url))
    return read_html(page.body, url=page.url, published=published)


def expand(sources: Sequence[Source], fetcher: Fetcher | None = None) -> tuple[list[Source], list[Failure]]:
    """The articles to build from ``sources``: a feed (a URL that answers with one, or a saved ``.rss``,
    ``.atom`` or ``.xml`` file) becomes one source per item (its link, title and date); a URL that answers
    with a page stays itself, its body kept so it is fetched once. A URL that cannot be fetched or read is
    a :class:`Failure`; the others go on."""
    from kg.web.feeds import is_feed, parse_feed, read_feed_file, sniff

    fetcher = fetcher or Fetcher()
    out: list[Source] = []
    failures: list[Failure] = []
    for source in sources:
        try:
            if source.path is None and not is_url(str(source.url)):
                out.append(source)  # a file that fsspec reads: an article, not a feed
                continue
            if source.path is not None:
                if not sniff(source.path):
                    out.append(source)
                    continue
                items = read_feed_file(source.path)
            else:
                got = fetcher.fetch(str(source.url))
                if not is_feed(got.body, got.content_type):
                    out.append(dataclasses.replace(source, url=got.url, body=got.body))
                    continue
                items = parse_feed(got.body, url=got.url)
        except KgError as exc:
            failures.append(Failure(source, str(exc)))
            continue
        out += [Source(None, item.published or source.published, item.link, item.title) for item in items]
    return out, failures


def build_corpus(
    sources: Sequence[Source],
    output: Store | Output,
    *,
    published: date | None = None,
    min_confidence: float = 0.0,
    jobs: int = 1,
    cluster: Client | None = None,
    on_article: Callable[[Source, Failure | None], None] | None = None,
    max_size: int | None = read.MAX_SIZE,
    provenance: str = "full",
) -> CorpusReport:
    """Build ``sources`` into ``output`` (a store, or any :class:`~kg.outputs.Output`), one named graph per
    article, replacing what it held for each.

    An article that cannot be read is recorded in the report and skipped; the others are written. ``jobs`` and
    ``cluster`` are as for :func:`build_graphs`. ``on_article(source, failure)`` is called once each article is
    written or has failed, in order, for progress; it is called from the thread that writes. Raises
    :class:`~kg.errors.StoreError` when the store cannot be written, :class:`~kg.errors.EndpointError` when the
    endpoint refuses it.
    """
    started = time.perf_counter()
    report = CorpusReport()
    # A store takes articles in batches of up to 128, and a small build in at least 8 batches, so that a build
    # killed half way keeps most of what it built.
    out = StoreOutput(output, batch=max(1, min(128, len(sources) // 8))) if isinstance(output, Store) else output
    unflushed = 0

    def write(result: Built | Failure) -> None:
        nonlocal unflushed
        if isinstance(result, Failure):
            report.failures.append(result)
        else:
            out.write(result.article, result.triples, result.source.key)  # type: ignore[arg-type]
            report.built += 1
            report.words += result.words
            unflushed += len(result.triples)
            if unflushed >= _FLUSH_TRIPLES:
                out.flush()
                unflushed = 0
        if on_article is not None:
            on_article(result.source, result if isinstance(result, Failure) else None)

    # Oxigraph lets go of the GIL while it writes, so a writer thread stores one article while spaCy reads the
    # next: the store's share of a build (about 14% of it, measured on the dev set) overlaps with extraction.
    results = build_graphs(
        sources,
        published=published,
        min_confidence=min_confidence,
        jobs=jobs,
        ntriples=True,
        max_size=max_size,
        cluster=cluster,
        provenance=provenance,
    )
    try:
        with _Writer(write) as writer:
            for result in results:
                writer.put(result)
    except BaseException:
        with contextlib.suppress(KgError):  # keep what was built (a last shard) for --resume
            out.close()
        raise
    out.close()
    report.seconds = time.perf_counter() - started
    return report


# Triples written between two flushes of the store. Oxigraph's RocksDB keeps what it has not flushed in memory
# (measured: about 0.9 MB an article, 1.1 GB after 1,200 articles, growing); a flush every ~100 articles
# keeps a long build near 400 MB.
_FLUSH_TRIPLES = 50_000


class _Writer:
    """Runs ``write`` on each item put, in order, in a thread of its own; its first error is raised in the
    thread that puts or closes. Leaving the ``with`` block on an error drops what is queued but lets the
    article being written finish (each is one transaction anyway)."""

    _DONE = object()

    def __init__(self, write: Callable[[Built | Failure], None]) -> None:
        self._write = write
        self._queue: queue.Queue[object] = queue.Queue(maxsize=8)
        self._error: BaseException | None = None
        self._cancelled = False
        self._thread = threading.Thread(target=self._run, name="kg-store-writer", daemon=True)

    def __enter__(self) -> _Writer:
        self._thread.start()
        return self

    def put(self, item: Built | Failure) -> None:
        while self._error is None:
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue
        raise self._error

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is not None:
            self._cancelled = True
            with contextlib.suppress(queue.Empty):
                while True:
                    self._queue.get_nowait()
        while self._thread.is_alive():  # the writer may stop on an error meanwhile, and the queue be full
            try:
                self._queue.put(self._DONE, timeout=0.1)
                break
            except queue.Full:
                continue
        self._thread.join()
        if self._error is not None and exc_type is None:
            raise self._error

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is self._DONE or self._cancelled:
                return
            try:
                self._write(item)  # type: ignore[arg-type]
            except BaseException as exc:  # handed to the thread that puts
                self._error = exc
                return


def not_in_store(sources: Sequence[Source], output: Store | Output) -> list[Source]:
    """The sources whose articles ``output`` (a store, an endpoint, shards) does not hold yet, to finish a build
    that was interrupted.

    An article counts as held when the output has an article from its source (URL or path), whatever its text.
    """
    done = output.sources() if isinstance(output, Store) else output.held()
    return [source for source in sources if source.key not in done]
