"""Builds on a Dask distributed cluster: the workers read and extract, the client stores.

``kg build --cluster tcp://HOST:PORT`` connects to a running Dask scheduler (the ``dask scheduler`` and
``dask worker`` processes a site already runs); ``--cluster local:N`` starts a :class:`~distributed.LocalCluster`
of N single-threaded worker processes on this machine. Every worker must have the same kg installed (and with
it the spaCy model): :func:`connect` checks that before anything is sent.

The articles go to the workers in batches (:func:`kg.corpus.build_graphs` makes them); each worker loads the
spaCy model once, when it joins (:class:`LoadModel`, a worker plugin), not once per batch. The results come
back in the order the batches were given, with three batches per worker thread in flight: the workers find
work waiting while the client awaits a slow batch, and what waits in the client's memory stays bounded. A
worker that dies (killed, out of memory, its machine lost) loses nothing: the scheduler runs its batches again
on the other workers. A batch that kills :data:`ALLOWED_FAILURES` workers in turn is given up, and its articles
are reported as failures, as an article that cannot be read is.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import dask
from distributed import Client, KilledWorker, LocalCluster, WorkerPlugin

from kg.errors import ClusterError, UsageError, one_line

__all__ = ["ALLOWED_FAILURES", "LoadModel", "connect", "run"]

T = TypeVar("T")
R = TypeVar("R")

ALLOWED_FAILURES = 3
"""Workers a batch may kill before it is given up: Dask's default ``distributed.scheduler.allowed-failures``,
which a scheduler started elsewhere may set otherwise."""

CONNECT_SECONDS = 10
"""How long :func:`connect` tries to reach a scheduler before it gives up."""

# Batches in flight per worker thread: enough that a worker finds its next batch waiting when it finishes one.
_IN_FLIGHT_PER_THREAD = 3

# For local:N. Dask's nanny starts each worker with MALLOC_TRIM_THRESHOLD_=65536, which costs spaCy's many
# small allocations 12% more CPU (19.7 against 22.0 CPU-seconds a worker on 300 articles, benchmarks/
# bench_cluster.py): the workers get only the one-thread settings of numerical libraries. And no statistical
# profiling, which samples the workers' stacks 100 times a second for a dashboard kg does not start.
_LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
}

_LOCAL = re.compile(r"local(?::(\d+))?")


class LoadModel(WorkerPlugin):
    """A Dask worker plugin that loads kg's spaCy pipeline when a worker starts, once per worker process."""

    name = "kg-load-model"

    def setup(self, worker: object) -> None:
        from kg.nlp import pipeline

        pipeline()


@contextlib.contextmanager
def connect(spec: str, *, timeout: float = CONNECT_SECONDS) -> Iterator[Client]:
    """A Dask client for ``spec``: ``local:N`` (a local cluster of N single-threaded worker processes, closed on
    exit) or the address of a scheduler (``tcp://HOST:PORT``, ``tls://...``, or ``HOST:PORT``).

    Raises :class:`UsageError` on a spec that is neither, and :class:`ClusterError` when the scheduler cannot
    be reached within ``timeout`` seconds, has no worker, or its workers run another version of kg.
    """
    local = _LOCAL.fullmatch(spec.strip())
    if local is None and not re.fullmatch(r"(?:[a-z]+://)?[^\s/:]+:\d+/?", spec.strip()):
        raise UsageError(f"--cluster {spec!r} is neither local:N nor the address of a Dask scheduler (tcp://HOST:PORT)")
    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):  # local:N's scheduler
        if local is not None:
            workers = int(local.group(1) or 2)
            if workers < 1:
                raise UsageError("--cluster local:N needs N of 1 or more workers")
            with dask.config.set(_LOCAL_CONFIG):  # the workers take the config of their start
                cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address="127.0.0.1:0",  # the HTTP routes on any free port, not 8787
                    silence_logs=logging.ERROR,
                )
            with cluster, Client(cluster) as client:
                _prepare(client, spec)
                yield client
            return
        address = spec.strip().rstrip("/")
        try:
            client = Client(address, timeout=f"{timeout}s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {address} ({one_line(exc)}); is `dask scheduler` running"
                " there? Or build on this machine with --cluster local:N or --jobs N"
            ) from None
        with client:
            _prepare(client, address)
            yield client


def _prepare(client: Client, where: str) -> None:
    """Check the workers run this kg, and have each load the model once (now, and when a worker joins later)."""
    from kg import __version__

    try:
        client.wait_for_workers(1, timeout=CONNECT_SECONDS)
    except TimeoutError:
        raise ClusterError(
            f"the Dask scheduler at {where} has no worker; start some with `dask worker {where}`"
        ) from None
    try:
        versions = client.run(_kg_version)
    except ModuleNotFoundError:
        raise ClusterError(f"the workers of {where} cannot import kg; install kg {__version__} on them") from None
    other = sorted({v for v in versions.values() if v != __version__})
    if other:
        raise ClusterError(
            f"the workers of {where} run kg {', '.join(other)}, this is kg {__version__}; install the same kg"
            " on the workers"
        )
    client.register_plugin(LoadModel(), name=LoadModel.name)


def _kg_version() -> str:
    from kg import __version__

    return __version__


def run(
    client: Client, work: Callable[[T], list[R]], batches: Iterable[T], lost: Callable[[T, str], list[R]]
) -> Iterator[R]:
    """Run ``work`` on each batch on the cluster and yield what each returns, batch after batch in the order
    given. A batch the cluster gives up on (it killed :data:`ALLOWED_FAILURES` workers, by default) yields
    ``lost(batch, why)`` instead."""
    threads = max(1, sum(client.nthreads().values()))
    pending: deque[tuple[T, object]] = deque()
    batches = iter(batches)
    exhausted = False
    while pending or not exhausted:
        while not exhausted and len(pending) < _IN_FLIGHT_PER_THREAD * threads:
            batch = next(batches, None)
            if batch is None:
                exhausted = True
                break
            pending.append((batch, client.submit(work, batch, pure=False)))
        if not pending:
            break
        batch, future = pending.popleft()
        try:
            results = future.result()  # type: ignore[attr-defined]
        except KilledWorker:
            results = lost(batch, "it stopped every Dask worker that took it, one after another (out of memory?)")
        finally:
            future.release()  # type: ignore[attr-defined]
        yield from results
