"""A persistent RDF store of many articles: an embedded Oxigraph store, one named graph per article.

The store is the on-disk format the ``oxigraph`` server opens (``oxigraph serve --location PATH``). Each
article lives in the named graph of its IRI (:func:`kg.emit.article_iri`); :meth:`Store.replace_article`
swaps that graph for a new one in a single transaction, so a process killed half way (even by SIGKILL) leaves
the old graph or the new one, never a mix or a duplicate. The store's default graph is the merged graph of
all its articles, each triple once, kept up to date by the same transaction: queries run on it (an official
named in two articles is one node, found once), and ``GRAPH ?article { ... }`` asks what one article says.

Only one process writes to a store at a time: :meth:`Store.open` takes an advisory lock on ``PATH/.kg.lock``
and raises :class:`~kg.errors.StoreError` (naming the pid that holds it) when another kg process has it.
Readers share that lock: any number of them read at once, but never while a process writes, because
pyoxigraph cannot read a store that another process is writing (see :meth:`Store.open`).

>>> import tempfile
>>> from rdflib import Graph, Literal
>>> from kg.namespace import KG, KGR
>>> graph = Graph()
>>> graph.add((KGR["nation/FRA"], KG.iso3, Literal("FRA")))  # doctest: +ELLIPSIS
<Graph ...>
>>> graph.add((KGR["nation/FRA"], KG.name, Literal("France")))  # doctest: +ELLIPSIS
<Graph ...>
>>> with tempfile.TemporaryDirectory() as folder, Store.open(folder) as store:
...     store.replace_article(graph, KGR["article/0123456789abcdef"])
...     store.articles(), len(store)
...     store.query("SELECT ?name WHERE { ?n <https://w3id.org/kg/ontology#iso3> ?code ; "
...                 "<https://w3id.org/kg/ontology#name> ?name }", {"code": "FRA"})
(['https://w3id.org/kg/id/article/0123456789abcdef'], 4)
[{'name': 'France'}]
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from kg.errors import StoreError
from kg.store.locking import (
    LOCK_FILE,
    PENDING_FILE,
    is_store,
    lock,
    locked,
    open_reader,
    open_writer,
    prepare_folder,
    store_errors,
    unlock,
    write_pending,
)
from kg.store.reading import EXPORT_FORMATS
from kg.store.writing import Writer, ntriples_lines, replace_graph_update

__all__ = [
    "EXPORT_FORMATS",
    "LOCK_FILE",
    "PENDING_FILE",
    "Store",
    "is_store",
    "locked",
    "ntriples_lines",
    "replace_graph_update",
]


class Store(Writer):
    """An Oxigraph store of articles, one named graph each. Open it with :meth:`Store.open`.

    A ``Store`` is a context manager; leaving the ``with`` block closes it and frees the lock. What it reads
    is in :class:`kg.store.reading.Reader`, what it writes in :class:`kg.store.writing.Writer`, how it is
    opened and locked in :mod:`kg.store.locking`.
    """

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False, wait: float = 0) -> Store:
        """Open the store in the folder ``path``, creating the folder and the store unless ``read_only``.

        A writer takes the lock ``PATH/.kg.lock`` for itself; a reader (``read_only``) shares it with other
        readers. While the lock is held the other way (by another process, or another ``Store`` of this one),
        ``open`` tries again for ``wait`` seconds. Readers and a writer never overlap: pyoxigraph documents a
        read-only open of a store that another process writes as undefined behaviour, and it is: such opens
        fail now and then with "Corruption: ... No such file", and a query on one can spin or eat memory
        until it is killed.

        Raises :class:`StoreError` when another kg process still holds the lock after ``wait`` seconds, when
        another program (an ``oxigraph`` server) has the store open for writing, when ``path`` is a file or a
        folder of other files, when a read-only store does not exist, or when Oxigraph cannot open it.
        """
        path = Path(path)
        deadline = time.monotonic() + max(wait, 0)
        if read_only:
            if not is_store(path):
                raise StoreError(f"there is no store at {path}; build one with `kg build ARTICLES --store {path}`")
        else:
            prepare_folder(path)
        lock_fd = lock(path, deadline, shared=read_only)
        try:
            db = open_reader(path) if read_only else open_writer(path, deadline)
            if (path / PENDING_FILE).exists():
                if read_only:
                    raise StoreError(
                        f"store {path} was left half written by a kg process that stopped; finish it with "
                        f"`kg build ARTICLES --store {path} --resume` or `kg resolve --store {path}`"
                    )
                with store_errors(path):
                    write_pending(db, path / PENDING_FILE)
        except BaseException:
            unlock(lock_fd, writer=not read_only)
            raise
        return cls(path, db, lock_fd=lock_fd, read_only=read_only)

    def close(self) -> None:
        """Close the store and free its lock. Closing twice does nothing."""
        # Oxigraph closes the database (and waits for its background work) when its last reference goes. The
        # methods below keep no reference in local variables, so that a traceback cannot keep it open.
        self._db = None
        if self._lock_fd is not None:
            unlock(self._lock_fd, writer=not self.read_only)
            self._lock_fd = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        state = "closed" if self._db is None else mode
        return f"<Store {self.path} ({state})>"

    def __len__(self) -> int:
        """The number of quads in the store: each article's triples, and those of the merged graph once.

        Raises :class:`StoreError` if the store is closed or cannot be read.
        """
        with store_errors(self.path):
            return len(self._open_db())
