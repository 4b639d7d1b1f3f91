"""A build on a local Dask cluster against ``--jobs``, and where the client's writes limit a larger cluster.

    python benchmarks/bench_cluster.py [--articles 1000] [--seed 1] [--json OUT]

On a generated corpus (``benchmarks/generate.py``, written once under ``--workdir``), each run a subprocess
timed end to end (start-up and model loading included), into a fresh output:

1. ``kg build DIR --store S --jobs 1``, ``--jobs 2`` and ``--cluster local:2`` (two single-threaded Dask
   worker processes; goal: within 10% of ``--jobs 2``), and ``--cluster local:2 --out-dir D`` (N-Quads shards
   instead of the store). The same commands on one article give the start-up cost, subtracted for the
   per-worker throughput that docs/scaling.md plans with.
2. **The client's write ceiling**: the articles' graphs (read back from the shards) written into a fresh store
   as the client of a build does (``kg.outputs.StoreOutput``: batches of 128 through ``Store.write_articles``),
   and one transaction an article (``Store.replace_article_ntriples``), in articles per second: past that
   many articles per second of workers, the store write is the bottleneck.
   The same graphs written as shards (``kg.outputs.ShardOutput``), the client's other way out.
   Against it, ``oxigraph load`` of the same shards (the bulk loader the shards are for), and the linking
   (``kg resolve``) of the store.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/bench_cluster.py`: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import busy_note, corpus, goal, kg_command, run_measured, table, write_json
from benchmarks.common import parser as common_parser

CLUSTER_GOAL = 1.10  # the cluster's time over --jobs 2's

RUNS = {
    "--jobs 1": ["--jobs", "1"],
    "--jobs 2": ["--jobs", "2"],
    "--cluster local:2": ["--cluster", "local:2"],
    "--cluster local:2 --out-dir": ["--cluster", "local:2"],
}


def timed_build(source: Path, target: Path, options: list[str], *, shards: bool) -> dict[str, float]:
    shutil.rmtree(target, ignore_errors=True)
    where = ["--out-dir", str(target)] if shards else ["--store", str(target)]
    run = run_measured([*kg_command(), "build", str(source), *where, *options, "-q"])
    if run.returncode != 0:
        raise RuntimeError(f"kg build {' '.join(options)} failed ({run.returncode}): {run.stderr.strip()[-800:]}")
    return {"seconds": run.seconds, "peak_rss": run.peak_rss}


def _write_all(out, graphs: dict[str, list[str]], sources: dict[str, str]) -> float:
    """Seconds to write every graph into ``out`` (a kg.outputs output) and close it."""
    started = time.perf_counter()
    for name, lines in graphs.items():
        out.write(name, lines, sources[name])
    out.close()
    return time.perf_counter() - started


def write_ceiling(shards: Path, workdir: Path) -> dict[str, float]:
    """Articles/s of the client's store writes, of ``oxigraph load`` and of linking, on the shards' graphs."""
    import pyoxigraph as ox

    from kg.link.store import resolve_store
    from kg.namespace import KG
    from kg.store import Store

    graphs: dict[str, list[str]] = {}
    sources: dict[str, str] = {}
    for shard in sorted(shards.glob("part-*.nq")):
        for quad in ox.parse(path=shard, format=ox.RdfFormat.N_QUADS):
            name = quad.graph_name.value
            if quad.predicate.value == str(KG.source):
                sources[name] = quad.object.value
            else:
                graphs.setdefault(name, []).append(f"{quad.subject} {quad.predicate} {quad.object}")
    from kg.outputs import ShardOutput, StoreOutput

    store_path = workdir / "store-ceiling"
    shutil.rmtree(store_path, ignore_errors=True)
    with Store.open(store_path) as store:  # one transaction an article, as builds wrote before batches
        started = time.perf_counter()
        for name, lines in graphs.items():
            store.replace_article_ntriples(lines, name, source=sources[name])
        store.flush()
        single_seconds = time.perf_counter() - started
    shutil.rmtree(store_path, ignore_errors=True)
    with Store.open(store_path) as store:  # as a build writes now: StoreOutput's batches
        write_seconds = _write_all(StoreOutput(store), graphs, sources)
        started = time.perf_counter()
        resolve_store(store)
        link_seconds = time.perf_counter() - started
    shutil.rmtree(store_path, ignore_errors=True)

    shard_path = workdir / "shards-ceiling"
    shutil.rmtree(shard_path, ignore_errors=True)
    shard_seconds = _write_all(ShardOutput(shard_path), graphs, sources)
    shutil.rmtree(shard_path, ignore_errors=True)
    loaded = workdir / "store-bulk"
    shutil.rmtree(loaded, ignore_errors=True)
    oxigraph = Path(sys.executable).with_name("oxigraph")
    started = time.perf_counter()
    files = [str(p) for p in sorted(shards.glob("part-*.nq"))]
    subprocess.run([str(oxigraph), "load", "--location", str(loaded), "--file", *files], check=True)
    load_seconds = time.perf_counter() - started
    shutil.rmtree(loaded, ignore_errors=True)
    n = len(graphs)
    return {
        "articles": n,
        "triples": sum(len(lines) for lines in graphs.values()),
        "store_write_articles_per_second": n / write_seconds,
        "store_write_one_at_a_time_articles_per_second": n / single_seconds,
        "shard_write_articles_per_second": n / shard_seconds,
        "oxigraph_load_articles_per_second": n / load_seconds,
        "link_seconds": link_seconds,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = common_parser(__doc__, 1000)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    folder = corpus(args.workdir, args.articles, args.seed)
    tiny = corpus(args.workdir, 1, args.seed)
    print(f"machine: {busy_note()}")
    figures: dict[str, object] = {"seed": args.seed, "articles": args.articles, "busy": busy_note(), "runs": {}}
    runs: dict[str, dict[str, float]] = figures["runs"]  # type: ignore[assignment]
    for label, options in RUNS.items():
        shards = label.endswith("--out-dir")
        target = args.workdir / ("shards-cluster" if shards else f"store-{label.replace(' ', '').replace(':', '')}")
        start = timed_build(tiny, args.workdir / "startup", options, shards=shards)
        run = timed_build(folder, target, options, shards=shards)
        run["startup_seconds"] = start["seconds"]
        run["articles_per_second"] = args.articles / run["seconds"]
        run["articles_per_second_without_startup"] = args.articles / (run["seconds"] - start["seconds"])
        runs[label] = run
        print(f"{label}: {run['seconds']:.1f} s (start-up {start['seconds']:.1f} s)", flush=True)
    ceiling = write_ceiling(args.workdir / "shards-cluster", args.workdir)
    figures["client"] = ceiling
    ratio = runs["--cluster local:2"]["seconds"] / runs["--jobs 2"]["seconds"]
    figures["cluster_over_jobs2"] = ratio
    base = runs["--jobs 1"]["seconds"]
    print(f"\n{args.articles} articles, seed {args.seed}: kg build DIR ... -q, timed end to end")
    print(
        table(
            ["run", "seconds", "start-up s", "articles/s", "net articles/s", "vs --jobs 1", "peak RSS MiB"],
            [
                [label, f"{r['seconds']:.1f}", f"{r['startup_seconds']:.1f}", f"{r['articles_per_second']:.2f}",
                 f"{r['articles_per_second_without_startup']:.2f}", f"{base / r['seconds']:.2f}x",
                 f"{r['peak_rss'] / 2**20:,.0f}"]
                for label, r in runs.items()
            ],
        )
    )  # fmt: skip
    print(f"\n--cluster local:2 over --jobs 2: {ratio:.3f} (goal <= {CLUSTER_GOAL:.2f}: {goal(ratio <= CLUSTER_GOAL)})")
    print(
        f"\nthe client's ceiling on {ceiling['articles']} articles ({ceiling['triples']:,} triples): store writes "
        f"{ceiling['store_write_articles_per_second']:.0f} articles/s in batches "
        f"({ceiling['store_write_one_at_a_time_articles_per_second']:.0f} one transaction each), shard writes "
        f"{ceiling['shard_write_articles_per_second']:.0f} articles/s, oxigraph load of the shards "
        f"{ceiling['oxigraph_load_articles_per_second']:.0f} articles/s, linking the store "
        f"{ceiling['link_seconds']:.1f} s"
    )
    write_json(args.json, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
