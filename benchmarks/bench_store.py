"""The persistent store at scale: memory of a long build, bulk ingest, the contract queries, Turtle export.

    python benchmarks/bench_store.py [--rss-sizes 1000,10000] [--triples 1000000] [--runs 20] [--json OUT]

Four parts (``--only rss,ingest,query,export`` runs some of them):

a. **Memory of a corpus build** (goal: flat, under 1.5 GB). ``kg build DIR --store PATH -q`` as a subprocess
   on the first 1,000 generated articles, then on all 10,000 into a fresh store; the resident memory of the
   process and its children (``--jobs`` workers) is sampled every 0.2 s with psutil and the peak of their sum
   reported, with the largest single process. "Flat" is read as the 10,000-article peak within 25% of the
   1,000-article one: memory must not grow with the corpus.
b. **Bulk ingest** into ``kg.store.Store``: ``replace_article(graph, iri, source=url)`` for article graphs
   until the store holds ``--triples`` quads (default 1,000,000), timing only the calls (the graphs are made
   between them and not timed), then ``flush()`` and ``optimize()``. The ingest rate of the first and last
   tenth shows whether it slows as the store grows.
c. **The five contract queries** (officials, nations, places, treaties, meetings) with ``Store.run_named`` on
   that store: p50 and p90 over ``--runs`` runs after one warm-up run (goal: p50 under 50 ms), beside
   ``kg.query.query`` on an rdflib in-memory ``Graph`` of the same triples (``--rdflib-runs`` runs), with a
   check that both give the same rows.
d. **Turtle export** of that store: ``Store.export(path, "turtle")`` against rdflib's
   ``Graph.serialize(format="turtle")`` of the same triples (goal: 9 s or less for the store).

The graphs of (b)-(d) are synthetic (``benchmarks/synthetic.py``): kg's own resolve and emit stages run on what
the generator planted in each article, so they have exactly the shape ``kg build`` writes (entities, reified
statements with ``kg:confidence`` and ``prov:wasDerivedFrom`` sentences, ``nif:Sentence``, one ``kg:Article``
per named graph) without hours of spaCy. Part (a) runs the real thing. Everything is written under
``--workdir`` (default /tmp/kg-bench).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/bench_store.py`: make the `benchmarks` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (
    DEFAULT_WORKDIR,
    busy_note,
    corpus,
    folder_bytes,
    goal,
    kg_build_options,
    kg_command,
    mib,
    percentile,
    run_measured,
    table,
    write_json,
)

CONTRACT_QUERIES = ("officials", "nations", "places", "treaties", "meetings")
RSS_GOAL = 1.5e9  # bytes
FLAT = 1.25  # the largest build's peak may be this much above the smallest's
QUERY_GOAL_MS = 50.0
EXPORT_GOAL_SECONDS = 9.0
PARTS = ("rss", "ingest", "query", "export")


# --- (a) memory of a corpus build --------------------------------------------------------------------------


def measure_rss(workdir: Path, sizes: Sequence[int], seed: int, jobs: int | None) -> list[dict[str, float]]:
    corpus(workdir, max(sizes), seed)  # the largest first: the smaller ones are links into it
    results = []
    for size in sizes:
        folder = corpus(workdir, size, seed)
        store_path = workdir / f"store-rss-{size}"
        shutil.rmtree(store_path, ignore_errors=True)
        command = [*kg_command(), "build", str(folder), "--store", str(store_path), "-q"]
        if jobs is not None:
            command += ["--jobs", str(jobs)]
        run = run_measured(command)
        if run.returncode != 0:
            raise RuntimeError(f"kg build of {size} articles failed ({run.returncode}): {run.stderr.strip()[-500:]}")
        results.append(
            {
                "articles": size,
                "seconds": run.seconds,
                "peak_rss": run.peak_rss,
                "peak_single_rss": run.peak_single_rss,
                "processes": run.max_processes,
                "store_bytes": folder_bytes(store_path),
            }
        )
        shutil.rmtree(store_path, ignore_errors=True)
    return results


def print_rss(results: list[dict[str, float]]) -> None:
    smallest = results[0]["peak_rss"]
    rows = []
    for r in results:
        flat = r["peak_rss"] <= smallest * FLAT
        rows.append(
            [
                f"{r['articles']:,}",
                f"{r['seconds']:.1f}",
                f"{r['articles'] / r['seconds']:.1f}",
                mib(r["peak_rss"]),
                mib(r["peak_single_rss"]),
                r["processes"],
                mib(r["store_bytes"]),
                goal(r["peak_rss"] < RSS_GOAL and flat),
            ]
        )
    print(
        table(
            ["articles", "seconds", "articles/s", "peak RSS", "largest process", "processes", "store on disk",
             "goal < 1.5 GB, flat"],
            rows,
        )
    )  # fmt: skip


# --- (b) bulk ingest ---------------------------------------------------------------------------------------


def ingest(store_path: Path, target: int, seed: int, *, keep_union: bool) -> tuple[dict[str, object], object]:
    """Fill a fresh store with synthetic article graphs up to ``target`` quads; return figures and the union."""
    import rdflib

    from benchmarks.synthetic import graphs
    from kg.store import Store

    shutil.rmtree(store_path, ignore_errors=True)
    union = rdflib.Graph() if keep_union else None
    quads = articles = 0
    ingest_seconds = 0.0
    marks: list[tuple[int, float]] = [(0, 0.0)]
    started = time.perf_counter()
    with Store.open(store_path) as store:
        for item in graphs(seed, triples=target):
            t0 = time.perf_counter()
            store.replace_article(item.graph, item.iri, source=item.source)
            ingest_seconds += time.perf_counter() - t0
            quads += len(item.graph) + 1  # the article's kg:source
            articles += 1
            if quads >= target * len(marks) / 10:
                marks.append((quads, ingest_seconds))
            if union is not None:
                union += item.graph
        wall = time.perf_counter() - started
        t0 = time.perf_counter()
        store.flush()
        flush_seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        store.optimize()
        optimize_seconds = time.perf_counter() - t0
        stored = len(store)
    first = marks[1] if len(marks) > 1 else (quads, ingest_seconds)
    last = (marks[-1][0] - marks[-2][0], marks[-1][1] - marks[-2][1]) if len(marks) > 2 else first
    figures = {
        "articles": articles,
        "quads": stored,
        "ingest_seconds": ingest_seconds,
        "generate_seconds": wall - ingest_seconds,
        "triples_per_second": quads / ingest_seconds,
        "first_tenth_triples_per_second": first[0] / first[1] if first[1] else None,
        "last_tenth_triples_per_second": last[0] / last[1] if last[1] else None,
        "flush_seconds": flush_seconds,
        "optimize_seconds": optimize_seconds,
        "store_bytes": folder_bytes(store_path),
    }
    return figures, union


def print_ingest(f: dict[str, object]) -> None:
    row = [
        f"{f['quads']:,}",
        f"{f['articles']:,}",
        f"{f['ingest_seconds']:.1f}",
        f"{f['triples_per_second']:,.0f}",
        f"{f['first_tenth_triples_per_second']:,.0f}",
        f"{f['last_tenth_triples_per_second']:,.0f}",
        f"{f['flush_seconds']:.2f}",
        f"{f['optimize_seconds']:.1f}",
        mib(f["store_bytes"]),
    ]
    headers = [
        "quads",
        "articles",
        "ingest s",
        "triples/s",
        "first 10%",
        "last 10%",
        "flush s",
        "optimize s",
        "on disk",
    ]
    print(table(headers, [row]))
    print(f"(making the graphs took {f['generate_seconds']:.1f} s more, not counted)")


# --- (c) queries -------------------------------------------------------------------------------------------


def _timed(call, runs: int, budget: float) -> tuple[list[float], object]:
    """Milliseconds of ``runs`` calls after one warm-up call, fewer if they would take more than ``budget`` s."""
    t0 = time.perf_counter()
    result = call()  # warm-up: parsing and preparing the query, first reads
    warm_up = time.perf_counter() - t0
    runs = max(1, min(runs, int(budget / max(warm_up, 1e-9))))
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - t0) * 1000)
    return times, result


def _rows(rows: list[dict[str, str | None]]) -> list[list[str]]:
    return sorted(["" if v is None else v for v in row.values()] for row in rows)


def query_worker(store_path: str, name: str, runs: int, budget: float, out: str) -> int:
    """Run in a child process, so that a query that never ends can be stopped: times one named query."""
    from kg.store import Store

    with Store.open(store_path, read_only=True) as store:
        times, rows = _timed(lambda: store.run_named(name), runs, budget)
    Path(out).write_text(json.dumps({"times": times, "rows": _rows(rows)}), encoding="utf-8")
    return 0


def measure_queries(
    store_path: Path, union, runs: int, rdflib_runs: int, *, timeout: float, budget: float
) -> list[dict[str, object]]:
    import kg

    results = []
    for name in CONTRACT_QUERIES:
        entry: dict[str, object] = {"query": name}
        out = store_path.parent / f"query-{name}.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--query-worker", str(store_path), name,
                   str(runs), str(budget), str(out)]  # fmt: skip
        try:
            subprocess.run(command, check=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            entry |= {"timed_out": timeout}
            store_rows = None
        else:
            found = json.loads(out.read_text(encoding="utf-8"))
            out.unlink()
            store_rows = found["rows"]
            times = found["times"]
            entry |= {
                "rows": len(store_rows),
                "runs": len(times),
                "store_p50_ms": percentile(times, 50),
                "store_p90_ms": percentile(times, 90),
            }
        if union is not None and rdflib_runs > 0:
            r_times, r_rows = _timed(lambda name=name: kg.query(union, name), rdflib_runs, budget)
            entry |= {
                "rdflib_rows": len(r_rows),
                "rdflib_runs": len(r_times),
                "rdflib_p50_ms": percentile(r_times, 50),
                "rdflib_p90_ms": percentile(r_times, 90),
                "same_rows": None if store_rows is None else store_rows == _rows(r_rows),
            }
        results.append(entry)
    return results


def print_queries(results: list[dict[str, object]], runs: int, rdflib_runs: int) -> None:
    rows = []
    for r in results:
        rdf = "rdflib_p50_ms" in r
        timed_out = "timed_out" in r
        same = {True: "yes", False: f"NO ({r.get('rdflib_rows', 0):,})", None: "-"}[r.get("same_rows")]
        rows.append([
            r["query"],
            f"{r['rows']:,}" if not timed_out else f"{r.get('rdflib_rows', 0):,}" if rdf else "-",
            f"{r['store_p50_ms']:.1f}" if not timed_out else f"> {r['timed_out']:.0f} s",
            f"{r['store_p90_ms']:.1f}" if not timed_out else "-",
            f"{r['rdflib_p50_ms']:.0f}" if rdf else "-", f"{r['rdflib_p90_ms']:.0f}" if rdf else "-",
            same, goal(not timed_out and r["store_p50_ms"] < QUERY_GOAL_MS),
        ])  # fmt: skip
    fewer = [
        r["query"] for r in results if r.get("runs", runs) < runs or r.get("rdflib_runs", rdflib_runs) < rdflib_runs
    ]
    print(f"(ms; store: {runs} runs, rdflib: {rdflib_runs} runs, one warm-up run each not counted)")
    if fewer:
        print(f"(fewer runs, to stay within the time budget, for: {', '.join(fewer)})")
    print(
        table(
            ["query", "rows", "store p50", "store p90", "rdflib p50", "rdflib p90", "same rows",
             f"goal p50 < {QUERY_GOAL_MS:.0f} ms"],
            rows,
        )
    )  # fmt: skip


# --- (d) export --------------------------------------------------------------------------------------------


def measure_export(store_path: Path, union, workdir: Path) -> list[dict[str, object]]:
    from kg.store import Store

    results = []
    target = workdir / "export-store.ttl"
    with Store.open(store_path, read_only=True) as store:
        t0 = time.perf_counter()
        store.export(target, "turtle")
        seconds = time.perf_counter() - t0
    results.append({"exporter": 'Store.export(path, "turtle")', "seconds": seconds, "bytes": target.stat().st_size})
    target.unlink()
    if union is not None:
        target = workdir / "export-rdflib.ttl"
        t0 = time.perf_counter()
        union.serialize(destination=str(target), format="turtle")
        seconds = time.perf_counter() - t0
        results.append(
            {"exporter": 'rdflib Graph.serialize(format="turtle")', "seconds": seconds, "bytes": target.stat().st_size}
        )
        target.unlink()
    return results


def print_export(results: list[dict[str, object]], triples: int | None) -> None:
    rows = [
        [
            r["exporter"],
            f"{r['seconds']:.1f}",
            mib(r["bytes"]),
            goal(r["seconds"] <= EXPORT_GOAL_SECONDS) if i == 0 else "",
        ]
        for i, r in enumerate(results)
    ]
    if triples:
        print(f"({triples:,} distinct triples)")
    print(table(["exporter", "seconds", "size", f"goal <= {EXPORT_GOAL_SECONDS:.0f} s"], rows))


# --- main --------------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["--query-worker"]:
        store_path, name, runs, budget, out = argv[1:6]
        return query_worker(store_path, name, int(runs), float(budget), out)
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--only", default=",".join(PARTS), help=f"parts to run, of {','.join(PARTS)} (default all)")
    parser.add_argument("--rss-sizes", default="1000,10000", help="corpus sizes for (a) (default 1000,10000)")
    parser.add_argument("--rss-jobs", type=int, help="pass --jobs N to kg build in (a) (default: kg's default)")
    parser.add_argument("--triples", type=int, default=1_000_000, help="store size for (b)-(d) (default 1000000)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each query on the store (default 20)")
    parser.add_argument("--rdflib-runs", type=int, default=5, help="timed runs of each query on rdflib (default 5)")
    parser.add_argument(
        "--query-timeout", type=float, default=120, help="stop a store query after this many seconds (default 120)"
    )
    parser.add_argument(
        "--query-budget", type=float, default=120, help="seconds of timed runs per query; fewer runs past it (120)"
    )
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib in (c) and (d) (saves its memory)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument(
        "--workdir", type=Path, default=DEFAULT_WORKDIR, help=f"scratch folder (default {DEFAULT_WORKDIR})"
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures to OUT as JSON")
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    if parts - set(PARTS):
        parser.error(f"--only takes {', '.join(PARTS)}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    figures: dict[str, object] = {"seed": args.seed, "busy": busy_note()}
    print(f"machine: {busy_note()}")

    if "rss" in parts:
        options = kg_build_options()
        if "--store" not in options:
            print("\n(a) memory: skipped, this kg build has no --store option")
        else:
            sizes = sorted(int(s) for s in args.rss_sizes.split(","))
            jobs = f", --jobs {args.rss_jobs}" if args.rss_jobs else ""
            print(f"\n(a) memory of kg build DIR --store PATH -q{jobs}, a fresh store for each size")
            figures["rss"] = measure_rss(args.workdir, sizes, args.seed, args.rss_jobs)
            print_rss(figures["rss"])

    store_path = args.workdir / f"store-synthetic-{args.triples}"
    union = None
    if parts & {"ingest", "query", "export"}:
        keep = not args.no_rdflib and bool(parts & {"query", "export"})
        print(f"\n(b) bulk ingest of synthetic article graphs into kg.store.Store, up to {args.triples:,} quads")
        figures["ingest"], union = ingest(store_path, args.triples, args.seed, keep_union=keep)
        print_ingest(figures["ingest"])
        if union is not None:
            figures["ingest"]["distinct_triples"] = len(union)
    if "query" in parts:
        print(f"\n(c) the contract queries on the store of {figures['ingest']['quads']:,} quads")
        figures["queries"] = measure_queries(
            store_path,
            union,
            args.runs,
            0 if args.no_rdflib else args.rdflib_runs,
            timeout=args.query_timeout,
            budget=args.query_budget,
        )
        print_queries(figures["queries"], args.runs, 0 if args.no_rdflib else args.rdflib_runs)
    if "export" in parts:
        print("\n(d) Turtle export of the store (the union of its articles)")
        figures["export"] = measure_export(store_path, union, args.workdir)
        print_export(figures["export"], len(union) if union is not None else None)
    shutil.rmtree(store_path, ignore_errors=True)
    write_json(args.json, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
