"""Where a corpus build writes its articles: a kg store, a SPARQL endpoint, or a folder of N-Quads shards.

Each is an :class:`Output`: :meth:`~Output.held` tells the sources it holds already (for ``--resume``),
:meth:`~Output.write` takes one article's graph, :meth:`~Output.flush` ends a batch and :meth:`~Output.close`
the build. :func:`kg.corpus.build_corpus` calls them from one thread, in order.

- :class:`StoreOutput`: the named graph of each article in an embedded Oxigraph store (:class:`kg.store.Store`).
- :class:`EndpointOutput`: the named graph of each article in any SPARQL 1.1 store, by the update requests
  ``kg push`` sends (:func:`kg.endpoint.article_updates`), a batch of articles to a request.
- :class:`ShardOutput`: N-Quads files of at most ``shard_size`` articles, each written to a temporary name and
  renamed when complete, for bulk loaders (``oxigraph load``, Virtuoso's ``ld_dir``, QLever's index builder).
  A shard is never overwritten: a build that stops half way leaves whole shards, and ``--resume`` adds new
  ones for the articles they lack. Literals are written as kg makes them (``"94"^^xsd:nonNegativeInteger``);
  Oxigraph, loading them, keeps them by value (``"94"^^xsd:integer``), as a kg store does.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kg import endpoint
from kg.errors import StoreError, UsageError
from kg.namespace import KG
from kg.store import Store

__all__ = ["EndpointOutput", "Output", "ShardOutput", "StoreOutput"]


class Output(Protocol):
    """What a corpus build writes into (see the module)."""

    def held(self) -> set[str]:
        """The ``kg:source`` (URL or absolute path) of every article it holds."""

    def write(self, article: str, lines: list[str], source: str) -> None:
        """Make ``lines`` (N-Triples lines without their final " .") the graph of ``article`` (its IRI), built
        from ``source``, replacing any earlier graph of that article or source; now, or with the next few
        articles, by the next :meth:`flush` at the latest."""

    def flush(self) -> None:
        """Make durable what was written so far (called every few hundred articles)."""

    def close(self) -> None:
        """Flush, and end the build."""


class StoreOutput:
    """Articles into a :class:`~kg.store.Store`, ``batch`` at a time (see
    :meth:`~kg.store.Store.write_articles`): written in batches, an article takes about a third of the time
    of one transaction each (benchmarks/README.md). What is not written yet when a build is killed,
    ``--resume`` builds again."""

    def __init__(self, store: Store, *, batch: int = 128) -> None:
        if store.read_only:  # before anything is built
            raise StoreError(f"store {store.path} was opened read-only; open it without read_only to write")
        self.store = store
        self.batch = batch
        self._pending: list[tuple[str, list[str], str | None]] = []

    def held(self) -> set[str]:
        return self.store.sources()

    def write(self, article: str, lines: list[str], source: str) -> None:
        self._pending.append((article, lines, source))
        if len(self._pending) >= self.batch:
            self._write()

    def _write(self) -> None:
        pending, self._pending = self._pending, []
        self.store.write_articles(pending)

    def flush(self) -> None:
        self._write()
        self.store.flush()

    def close(self) -> None:
        self.flush()


class EndpointOutput:
    """Articles into the SPARQL 1.1 update endpoint ``url``, as ``kg push`` writes them: each article's named
    graph replaced (with the older graphs of its source), the default graph kept their union. The updates of
    a batch go in as few requests as their size allows (one request holds whole articles, up to ~5 MB; a store
    whose default graph is the union of its named graphs, as Virtuoso's is, gets the named graphs only, in
    requests of at most :data:`kg.endpoint.UNION_CHUNK_LINES` triples). The graphs a store holds are read
    from ``query_url`` (by default :func:`kg.endpoint.query_url_of` ``url``)."""

    def __init__(
        self, url: str, *, timeout: float = 60, auth: tuple[str, str] | None = None, query_url: str | None = None
    ) -> None:
        endpoint.check_url(url, timeout)
        self.url, self.timeout, self.auth = url, timeout, auth
        self.query_url = query_url or endpoint.query_url_of(url)
        self._graphs: dict[str, set[str]] | None = None  # the graphs of each source, read once
        self._union: bool | None = None  # whether the store's default graph is the union of its graphs
        self._pending: list[str] = []
        self._size = 0

    def _graphs_by_source(self) -> dict[str, set[str]]:
        if self._graphs is None:
            self._graphs = endpoint.graphs_by_source(self.query_url, timeout=self.timeout, auth=self.auth)
        return self._graphs

    def held(self) -> set[str]:
        return set(self._graphs_by_source())

    def write(self, article: str, lines: list[str], source: str) -> None:
        graphs = self._graphs_by_source().setdefault(source, set())
        if self._union is None:
            self._union = endpoint.default_graph_is_union(self.url, timeout=self.timeout, auth=self.auth)
        lines = [*lines, f"<{article}> <{KG.source}> {ox.Literal(source)}"]
        replaced = sorted(graphs | {article})
        for update in endpoint.article_updates(article, lines, replaced=replaced, union=self._union):
            # Virtuoso (a union default graph) refuses a request of more than ~1,400 triples: one update each.
            if self._union or self._size + len(update) > endpoint.CHUNK_BYTES:
                self.flush()
            self._pending.append(update)
            self._size += len(update)
        graphs.clear()
        graphs.add(article)

    def flush(self) -> None:
        if self._pending:
            endpoint.send_update(self.url, " ;\n".join(self._pending), timeout=self.timeout, auth=self.auth)
            self._pending, self._size = [], 0

    def close(self) -> None:
        self.flush()


_SHARD = re.compile(r"part-(\d{6,})\.nq")


class ShardOutput:
    """Articles into N-Quads shards in ``folder`` (see the module): ``part-000001.nq``, ``part-000002.nq``...,
    each the named graphs of at most ``shard_size`` articles."""

    def __init__(self, folder: str | os.PathLike[str], *, shard_size: int = 1000, resume: bool = False) -> None:
        self.folder = Path(folder)
        if shard_size < 1:
            raise UsageError(f"--shard-size must be 1 or more articles, not {shard_size}")
        if self.folder.exists() and not self.folder.is_dir():
            raise UsageError(f"--out-dir {self.folder} is a file; give a folder (created if missing)")
        if self._shards() and not resume:
            raise UsageError(
                f"--out-dir {self.folder} holds shards of an earlier build; add --resume to add the articles they"
                " lack, or give an empty folder"
            )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create --out-dir {self.folder}: {exc.strerror or exc}") from exc
        self.shard_size = shard_size
        self._lines: list[str] = []
        self._articles = 0
        self.written: list[Path] = []
        self._next: int | None = None  # the number of the next shard

    def _shards(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.iterdir() if _SHARD.fullmatch(p.name))

    def held(self) -> set[str]:
        marker = f"<{KG.source}>".encode()
        sources: set[str] = set()
        for shard in self._shards():
            with shard.open("rb") as lines:
                data = b"".join(line for line in lines if marker in line)
            sources |= {q.object.value for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)}
        return sources

    def write(self, article: str, lines: list[str], source: str) -> None:
        graph = f"<{article}>"
        self._lines += [f"{line} {graph} .\n" for line in lines]
        self._lines.append(f"{graph} <{KG.source}> {ox.Literal(source)} {graph} .\n")
        self._articles += 1
        if self._articles >= self.shard_size:
            self._write_shard()

    def flush(self) -> None:
        """Shards are written whole when full (or at :meth:`close`); a flush between does nothing."""

    def close(self) -> None:
        if self._articles:
            self._write_shard()

    def _write_shard(self) -> None:
        if self._next is None:  # the folder is listed once; a name another build took since is skipped below
            numbers = [int(m.group(1)) for p in self._shards() if (m := _SHARD.fullmatch(p.name))]
            self._next = max(numbers, default=0) + 1
        number = self._next
        temporary = self.folder / f".part-{os.getpid()}.nq.tmp"
        try:
            with temporary.open("w", encoding="utf-8") as out:
                out.writelines(self._lines)
                out.flush()
                os.fsync(out.fileno())
            while True:  # link, unlike rename, never replaces a shard another build wrote meanwhile
                target = self.folder / f"part-{number:06d}.nq"
                try:
                    os.link(temporary, target)
                    break
                except FileExistsError:
                    number += 1
        except OSError as exc:
            raise StoreError(f"cannot write a shard into {self.folder}: {exc.strerror or exc}") from exc
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink()
        self.written.append(target)
        self._next = number + 1
        self._lines, self._articles = [], 0
