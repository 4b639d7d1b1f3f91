"""The Oxigraph server on a kg store: :func:`serve` runs the ``oxigraph`` program (of the ``oxigraph`` package)
on a store folder, whose default graph is the merged graph of its articles, and holds the store's kg lock while
it runs. :mod:`kg.endpoint` talks to it, as to any SPARQL 1.1 endpoint.

>>> serve("store", bind="0.0.0.0:7878")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.UsageError: --bind 0.0.0.0:7878: the endpoint would be reachable from the network, ... or pass --public
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

from kg.endpoint import ask
from kg.errors import EndpointError, StoreError, UsageError, one_line
from kg.store import Store, is_store, locked

__all__ = ["DEFAULT_BIND", "Server", "serve"]

DEFAULT_BIND = "127.0.0.1:7878"

# How long stop() lets the server exit on SIGTERM before it kills it.
_STOP_GRACE_SECONDS = 5
_POLL_SECONDS = 0.05


class Server:
    """An Oxigraph server running on a kg store; made by :func:`serve`.

    ``url`` is its SPARQL query URL, ``update_url`` its update URL (which refuses updates unless the server
    was started with ``allow_update``). Use it as a context manager, or call :meth:`stop`; :meth:`wait` blocks
    until the server ends. The store's kg lock is held until the server has stopped.
    """

    def __init__(
        self,
        *,
        store_path: Path,
        base_url: str,
        allow_update: bool,
        process: subprocess.Popen[bytes],
        log: IO[bytes],
        resources: contextlib.ExitStack,
    ) -> None:
        self.store_path = store_path
        self.url = base_url + "/query"
        self.update_url = base_url + "/update"
        self.allow_update = allow_update
        self.process = process
        self._log = log
        self._resources = resources
        self._stopping = False

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        mode = "read-write" if self.allow_update else "read-only"
        state = "running" if self.process.poll() is None else "stopped"
        return f"<Server {self.url} on {self.store_path} ({mode}, {state})>"

    def wait(self) -> None:
        """Block until the server ends. Ctrl-C, or SIGTERM (as a service manager stops ``kg serve``), stops it
        and returns; in the main thread only, where Python runs signal handlers.

        Raises :class:`EndpointError`, with what the server wrote, when it ends by itself with an error.
        """
        # The server runs in a session of its own (see serve()): if kg died of SIGTERM, it would run on.
        in_main_thread = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, _interrupt) if in_main_thread else None
        try:
            code = self.process.wait()
        except KeyboardInterrupt:
            self.stop()
            return
        finally:
            if in_main_thread:
                signal.signal(signal.SIGTERM, previous)
        stopped = self._stopping
        output = self._output()
        self.stop()
        if code != 0 and not stopped:
            raise EndpointError(f"the oxigraph server at {self.url} stopped (exit code {code}): {output}")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after a grace period) and free the store. Stopping twice does
        nothing."""
        self._stopping = True
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(_STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._resources.close()

    def _output(self) -> str:
        return _read_log(self._log)


def serve(
    store_path: str | os.PathLike[str],
    *,
    bind: str = DEFAULT_BIND,
    allow_update: bool = False,
    public: bool = False,
    timeout: float = 30,
    start_timeout: float = 20,
) -> Server:
    """Start the Oxigraph SPARQL server on the store folder ``store_path``; return once it answers queries.

    The server answers at ``http://HOST:PORT/query`` on the merged graph of the articles (the store's default
    graph; ``GRAPH ?g`` reaches each article's graph). It is
    read-only (``oxigraph serve-read-only``) unless ``allow_update`` (``oxigraph serve``, which also accepts
    ``/update`` and the Graph Store Protocol at ``/store``, e.g. for :func:`push`). ``timeout`` is the longest a
    query may run on the server, in whole seconds. ``bind`` is HOST:PORT (``[::1]:7878`` for IPv6); a host
    other than loopback makes the endpoint reachable from the network, without any login, so it needs
    ``public=True``.

    The server holds the store's kg lock while it runs: shared when read-only, so other readers go on, and for
    itself with ``allow_update``. A ``kg build`` cannot write the store under a server (it waits or is
    refused), and the server is refused while one writes: Oxigraph cannot read a store another process writes.
    A read-only server needs an existing store; with ``allow_update`` a missing or empty folder becomes a new
    store.

    Raises :class:`UsageError` on a malformed ``bind`` or a public one without ``public``;
    :class:`StoreError` when there is no store at ``store_path`` or another kg process holds its lock;
    :class:`EndpointError` when the ``oxigraph`` program is missing, the port is in use, or the server stops
    or does not answer within ``start_timeout`` seconds (the message holds what it wrote).
    """
    host, port = _parse_bind(bind, public=public)
    if not timeout > 0:
        raise UsageError(f"the timeout must be a positive number of seconds, not {timeout}")
    path = Path(store_path)
    if allow_update:
        with Store.open(path):  # creates a missing store, refuses a file or a folder of other files
            pass
    elif not is_store(path):
        raise StoreError(f"there is no store at {path}; build one with `kg build ARTICLES --store {path}`")
    else:
        with Store.open(path, read_only=True):  # refuses a store a stopped build left half written
            pass
    program = _oxigraph_program()
    base_url = f"http://{_url_host(host)}:{port}"
    command = [program, "serve" if allow_update else "serve-read-only", "--location", str(path), "--bind", bind]
    command += ["--timeout-s", str(math.ceil(timeout))]
    with contextlib.ExitStack() as resources:
        lock_fd = resources.enter_context(locked(path, shared=not allow_update))
        _check_port_free(host, port)
        log = resources.enter_context(tempfile.TemporaryFile(prefix="kg-oxigraph-"))
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                # Ctrl-C reaches kg only, which stops the server and then frees the lock. When the lock is a
                # descriptor, the server inherits it: the store stays locked while it runs even if kg is killed.
                start_new_session=True,
                pass_fds=(lock_fd,) if isinstance(lock_fd, int) else (),
            )
        except OSError as exc:
            raise EndpointError(f"cannot start {program}: {exc.strerror or exc}") from exc
        server = Server(
            store_path=path,
            base_url=base_url,
            allow_update=allow_update,
            process=process,
            log=log,
            resources=resources.pop_all(),
        )
    try:
        _wait_until_ready(server, start_timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_ready(server: Server, start_timeout: float) -> None:
    deadline = time.monotonic() + start_timeout
    while True:
        code = server.process.poll()
        if code is not None:
            raise EndpointError(f"the oxigraph server stopped as it started (exit code {code}): {server._output()}")
        try:
            ask(server.url, "ASK {}", timeout=max(min(1.0, deadline - time.monotonic()), 0.1))
        except EndpointError:
            if time.monotonic() >= deadline:
                raise EndpointError(
                    f"the oxigraph server did not answer at {server.url} within {start_timeout:g} s:"
                    f" {server._output() or 'it wrote nothing'}"
                ) from None
            time.sleep(_POLL_SECONDS)
        else:
            return


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _parse_bind(bind: str, *, public: bool) -> tuple[str, int]:
    """The host and port of ``bind`` (HOST:PORT); a host other than loopback needs ``public``.

    >>> _parse_bind("127.0.0.1:7878", public=False), _parse_bind("[::1]:80", public=False)
    (('127.0.0.1', 7878), ('::1', 80))
    """
    host, sep, port_text = bind.rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    elif ":" in host:
        raise UsageError(f"--bind {bind!r}: write an IPv6 address in brackets, e.g. [::1]:7878")
    if not sep or not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise UsageError(f"--bind {bind!r} is not HOST:PORT with a port from 1 to 65535, e.g. {DEFAULT_BIND}")
    if not public and not _is_loopback(host):
        raise UsageError(
            f"--bind {bind}: the endpoint would be reachable from the network, with no login, and could be"
            f" updated with --allow-update; bind a loopback address ({DEFAULT_BIND}) or pass --public"
        )
    return host, int(port_text)


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    # A server bound to every address answers on loopback too.
    if host == "0.0.0.0":
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def _check_port_free(host: str, port: int) -> None:
    """Raise EndpointError if a program listens on ``port``; the server would exit, but another server
    on the port could answer the start-up probe first."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UsageError(f"--bind: cannot resolve the host {host!r}: {exc.strerror or exc}") from None
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            # As the server will: a port left in TIME_WAIT by a stopped server is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    raise EndpointError(
                        f"cannot serve on {host}:{port}: port {port} is in use by another program;"
                        " stop it or give another --bind"
                    ) from None


def _oxigraph_program() -> str:
    beside = Path(sys.executable).parent / "oxigraph"  # not resolved: a venv's python is a symlink
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise EndpointError(
        "the oxigraph server program is not installed; install it with `pip install oxigraph`"
        " (in the environment of kg) or put `oxigraph` on the PATH"
    )


def _read_log(log: IO[bytes]) -> str:
    try:
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    except (OSError, ValueError):  # ValueError: the file is closed
        return ""
    # Oxigraph prints "Listening for requests at ..." first; the error, if any, is at the end.
    return one_line(text[-2000:], limit=500)
