"""Opening a kg store folder and locking it: one writer or many readers, never both; and the pending file a
bulk write leaves until it is done."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError, one_line

__all__ = [
    "LOCK_FILE",
    "PENDING_FILE",
    "is_store",
    "lock",
    "locked",
    "open_reader",
    "open_writer",
    "prepare_folder",
    "store_errors",
    "unlock",
    "write_pending",
]

LOCK_FILE = ".kg.lock"
"""The advisory lock file inside a store folder; it holds the pid of the kg process that writes."""

PENDING_FILE = ".kg-pending.nq"
"""The file in a store folder holding the articles :meth:`Store.write_articles` is writing (N-Quads, their
named graphs): there only while it writes, or after a process stopped in the middle."""

# How often a process waiting for the lock tries again.
_RETRY_SECONDS = 0.05


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder holding an Oxigraph store."""
    return (Path(path) / "CURRENT").is_file()


@contextlib.contextmanager
def locked(path: str | os.PathLike[str], *, shared: bool, wait: float = 0) -> Iterator[int | None]:
    """Hold the kg lock of the store at ``path`` without opening the store: shared (readers) or exclusive.

    For programs that open the store themselves, such as an ``oxigraph`` server started by ``kg serve``.
    Yields the descriptor holding the lock (None for a reader of a store whose lock file cannot be opened): a
    child process that inherits it keeps the store locked for as long as it runs.
    Raises :class:`StoreError` when another kg process still holds the lock the other way after ``wait``
    seconds, or when the lock file cannot be created.
    """
    path = Path(path)
    fd = lock(path, time.monotonic() + max(wait, 0), shared=shared)
    try:
        yield fd
    finally:
        unlock(fd, writer=not shared)


def prepare_folder(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} is a file; give a folder for the store (it is created if missing)")
    try:
        path.mkdir(parents=True, exist_ok=True)
        others = [entry.name for entry in path.iterdir() if entry.name != LOCK_FILE]
    except OSError as exc:
        raise StoreError(f"cannot create the store folder {path}: {exc.strerror or exc}") from exc
    # RocksDB writes its files into any folder; refuse to scatter them among someone's other files.
    if others and not is_store(path):
        raise StoreError(f"{path} holds other files and is not a store; give a new or empty folder")


def lock(path: Path, deadline: float, *, shared: bool) -> int | None:
    """Take the lock of the store at ``path``, shared or for a writer, trying until ``deadline``.

    Returns the descriptor that holds it: closing it frees the lock. A reader that can neither open nor create
    the lock file (a store on read-only media, or made by another program) reads without it.
    """
    lock_path = path / LOCK_FILE
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        if not shared:
            raise StoreError(f"cannot create the lock file {lock_path}: {exc.strerror or exc}") from exc
        try:
            fd = os.open(lock_path, os.O_RDONLY)
        except OSError:
            return None
    while True:
        try:
            # flock, not fcntl's record locks: two opens in one process exclude each other too, and the
            # kernel frees the lock when its process dies, however it dies.
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
            break
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                os.close(fd)
                raise StoreError(f"cannot lock {lock_path}: {exc.strerror or exc}") from exc
        if time.monotonic() >= deadline:
            holder = _holder(fd)
            os.close(fd)
            who = f"pid {holder}" if holder else "reading it"
            raise StoreError(
                f"store {path} is in use by another kg process ({who}); wait for it or use another --store"
            )
        time.sleep(_RETRY_SECONDS)
    if not shared:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def _holder(fd: int) -> str | None:
    """The pid of the writer holding the lock; None when readers hold it (or the writer has yet to write it)."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return text if text.isdigit() else None


def unlock(fd: int | None, *, writer: bool) -> None:
    if fd is None:
        return
    if writer:
        os.ftruncate(fd, 0)  # while still holding the lock, so that the next writer's pid is never erased
    os.close(fd)


def open_reader(path: Path) -> ox.Store:
    try:
        return ox.Store.read_only(str(path))
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"cannot open the store {path} read-only: {one_line(exc)}") from exc


def open_writer(path: Path, deadline: float) -> ox.Store:
    while True:
        try:
            return ox.Store(str(path))
        except (OSError, RuntimeError) as exc:
            message = one_line(exc)
            # RocksDB's own lock on PATH/LOCK: a program that is not kg (an oxigraph server) has the store open.
            if "LOCK" not in message:
                raise StoreError(f"cannot open the store {path}: {message}") from exc
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"store {path} is open in another program (an oxigraph server?); stop it or use another --store"
                ) from exc
        time.sleep(_RETRY_SECONDS)


def write_pending(db: ox.Store, pending: Path) -> None:
    """Write the named graphs of the file ``pending`` and their triples into the default graph, with the bulk
    writer, then remove the file. Blank node labels are kept as the file has them, so that the same blank
    node is one node in both graphs, and writing the file again gives the same quads."""
    quads = list(ox.parse(path=pending, format=ox.RdfFormat.N_QUADS, rename_blank_nodes=False))
    db.bulk_extend(quads)
    db.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    db.flush()  # before the file goes: what the bulk writer wrote is on disk
    pending.unlink()


@contextlib.contextmanager
def store_errors(path: Path):
    """Turn Oxigraph's OSError and RuntimeError (RocksDB's I/O and corruption errors) into a StoreError."""
    try:
        yield
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"store {path}: {one_line(exc)}") from exc
