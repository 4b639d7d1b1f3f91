"""What the tests of stores, endpoints and clusters share: a free port for the servers they start on 127.0.0.1
(Oxigraph, Virtuoso, a Dask scheduler), and a store's quads as comparable tuples."""

from __future__ import annotations

import socket
from pathlib import Path

from kg.store import Store


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def quads(store_path: Path) -> set[tuple[str, ...]]:
    """Every quad of the store at ``store_path``, its terms in N-Triples form."""
    with Store.open(store_path, read_only=True) as store:
        return {tuple(str(t) for t in q) for q in store._db}


def article_quads(store_path: Path) -> set[tuple[str, ...]]:
    """The quads of the store's article graphs (not the default graph, not linking's graphs)."""
    with Store.open(store_path, read_only=True) as store:
        return {tuple(str(t) for t in q) for name in store.articles() for q in store.article_quads(name)}
