"""Lookups and listings as the store grows, and what ``--jobs 2`` gains over ``--jobs 1``.

    python benchmarks/bench_lookups.py [--sizes 1000000,10000000] [--values 20] [--runs 3] [--json OUT]

Three parts (``--only store,jobs`` runs some of them):

a. **A store of each size** (``--sizes``, in quads): synthetic article graphs (``benchmarks/synthetic.py``,
   the shape ``kg build`` writes) written with ``Store.write_articles`` 128 at a time, as a build writes them
   (articles/s and quads/s of the writes alone; making the graphs is not counted), then linked
   (``kg.link.resolve_store``, as ``kg build`` does at its end) and compacted (``Store.optimize``).
b. **Every named query on each store**, read-only: the parameterized ones over ``--values`` different values
   each (names of officials and their aliases in any case, ISO codes, office-holders' nation, office and
   year, all read from the store), the listings as they are; each value ``--runs`` times after one warm-up
   run of the query. p50 and p90 in ms (goals: parameterized p50 under 10 ms at 1M quads and under 20 ms at
   10M; the five contract listings under 200 ms at 1M). At the smallest size, the same queries on an rdflib
   ``Graph`` of the store's merged graph (the first 5 values, once each: rdflib takes seconds a run), with a
   check that both give the same rows.
c. **``--jobs 1`` against ``--jobs 2``**: ``kg build DIR --store S`` on ``--articles`` generated articles,
   each a subprocess timed end to end (goal: 1.8 times as fast).

Everything is written under ``--workdir`` (default /tmp/kg-bench).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/bench_lookups.py`: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (
    DEFAULT_WORKDIR,
    busy_note,
    corpus,
    folder_bytes,
    goal,
    kg_command,
    mib,
    percentile,
    run_measured,
    table,
    write_json,
)

CONTRACT = ("officials", "nations", "places", "treaties", "meetings")
LOOKUP_GOALS_MS = {1_000_000: 10.0, 10_000_000: 20.0}  # parameterized p50, by store size
LISTING_GOAL_MS = 200.0  # contract listings' p50 at 1M quads
JOBS_GOAL = 1.8
RDFLIB_VALUES = 5  # values of each parameterized query run on rdflib
BATCH = 128  # as kg build writes a store (kg.outputs.StoreOutput)


# --- (a) the store ------------------------------------------------------------------------------------------


def fill(path: Path, target: int, seed: int) -> dict[str, float]:
    """A fresh store of about ``target`` quads, built as ``kg build --store`` writes and links one."""
    from benchmarks.synthetic import graphs
    from kg.link.store import resolve_store
    from kg.store import Store, ntriples_lines

    shutil.rmtree(path, ignore_errors=True)
    write_seconds = 0.0
    articles = triples = 0
    started = time.perf_counter()
    with Store.open(path) as store:
        batch: list[tuple[str, list[str], str | None]] = []

        def flush() -> None:
            nonlocal write_seconds
            t0 = time.perf_counter()
            store.write_articles(batch)
            write_seconds += time.perf_counter() - t0
            batch.clear()

        # The store holds each article twice (its graph and the merged one), less what articles share in the
        # merged graph: measured, 1.85 quads a triple written.
        for item in graphs(seed, triples=int(target / 1.85)):
            lines = ntriples_lines(item.graph)
            batch.append((str(item.iri), lines, item.source))
            articles += 1
            triples += len(lines)
            if len(batch) == BATCH:
                flush()
                if articles % 1000 < BATCH:
                    print(f"  {articles:,} articles written", flush=True)
        flush()
        made = time.perf_counter() - started - write_seconds
        t0 = time.perf_counter()
        resolution = resolve_store(store)
        link_seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        store.flush()
        store.optimize()
        optimize_seconds = time.perf_counter() - t0
        quads = len(store)
    return {
        "articles": articles,
        "quads": quads,
        "write_seconds": write_seconds,
        "articles_per_second": articles / write_seconds,
        "quads_per_second": 2 * triples / write_seconds,
        "generate_seconds": made,
        "link_seconds": link_seconds,
        "linked_entities": len(resolution.entities),
        "optimize_seconds": optimize_seconds,
        "store_bytes": folder_bytes(path),
    }


# --- (b) the queries ----------------------------------------------------------------------------------------


def parameter_values(store, n: int, seed: int) -> dict[str, list[dict[str, str]]]:
    """``n`` values for each parameterized query, read from the store: names as a user types them."""
    rng = random.Random(seed)
    kg = "https://w3id.org/kg/ontology#"
    names = sorted(
        {
            row["name"]
            for row in store.query(f"SELECT ?name WHERE {{ ?o a <{kg}Official> ; <{kg}name>|<{kg}alias> ?name }}")
        }
    )
    picked = rng.sample(names, min(n, len(names)))
    # Any case: some as written, some lower case, some upper case.
    typed = [[name, name.lower(), name.upper()][i % 3] for i, name in enumerate(picked)]
    nations = store.query(f"SELECT ?code WHERE {{ ?n a <{kg}Nation> ; <{kg}iso3> ?code }}")
    codes = sorted({row["code"] for row in nations})
    iso3 = [code.lower() if i % 2 else code for i, code in enumerate(rng.sample(codes, min(n, len(codes))))]
    held = store.query(
        "PREFIX org: <http://www.w3.org/ns/org#> PREFIX time: <http://www.w3.org/2006/time#> "
        f"SELECT DISTINCT ?code ?title ?start WHERE {{ ?m org:role ?post ; org:memberDuring ?i . "
        f"?post <{kg}officeOf>/<{kg}iso3> ?code ; <{kg}name> ?title . ?i time:hasBeginning/time:inXSDDate ?start }}"
    )
    held = sorted((row["code"], row["title"], row["start"][:4]) for row in held)
    holders = [
        {"nation": code, "office": " ".join(title.lower().split()[-2:]), "date": year}
        for code, title, year in rng.sample(held, min(n, len(held)))
    ]
    return {
        "entity": [{"name": name} for name in typed],
        "official-meetings": [{"name": name} for name in typed],
        "nation-officials": [{"iso3": code} for code in iso3],
        "nation-places": [{"iso3": code} for code in iso3],
        "nation-treaties": [{"iso3": code} for code in iso3],
        "office-holders": holders,
    }


def timed(
    run: Callable[[dict[str, str]], list], values: list[dict[str, str]], runs: int
) -> tuple[dict[str, float], list[list]]:
    """ms of ``runs`` runs of each value, after one warm-up run; and the rows of each value."""
    run(values[0])
    times, rows = [], []
    for params in values:
        for _ in range(runs):
            t0 = time.perf_counter()
            found = run(params)
            times.append((time.perf_counter() - t0) * 1000)
        rows.append(found)
    figures = {
        "p50_ms": percentile(times, 50),
        "p90_ms": percentile(times, 90),
        "runs": len(times),
        "values": len(values),
        "rows_median": statistics.median(len(found) for found in rows),
    }
    return figures, rows


def measure_queries(path: Path, n_values: int, runs: int, seed: int, *, rdflib: bool) -> list[dict[str, object]]:
    import kg
    from kg.query import query_names
    from kg.store import Store

    results = []
    with Store.open(path, read_only=True) as store:
        values = parameter_values(store, n_values, seed)
        graph = store.to_graph() if rdflib else None
        for name in query_names():
            entry: dict[str, object] = {"query": name, "parameterized": name in values}
            given = values.get(name, [{}])
            entry["store"], store_rows = timed(lambda params, name=name: store.run_named(name, **params), given, runs)
            if graph is not None:
                # rdflib takes seconds a run at this size: the first RDFLIB_VALUES values, once each.
                entry["rdflib"], rdflib_rows = timed(
                    lambda params, name=name: kg.query(graph, name, **params), given[:RDFLIB_VALUES], 1
                )
                entry["same_rows"] = all(_same(a, b) for a, b in zip(store_rows, rdflib_rows, strict=False))
            results.append(entry)
            print(f"  {name}: p50 {entry['store']['p50_ms']:.1f} ms", flush=True)
    return results


def _same(a: list[dict], b: list[dict]) -> bool:
    # Oxigraph keeps literals by value ("1.0" is "1"): compared as the rows' strings, in any order.
    return sorted(map(str, a)) == sorted(map(str, b))


def print_queries(size: dict[str, float], results: list[dict[str, object]]) -> None:
    quads = size["quads"]
    lookup_goal = LOOKUP_GOALS_MS.get(min(LOOKUP_GOALS_MS, key=lambda q: abs(q - quads)))
    rows = []
    for r in results:
        s = r["store"]
        if r["parameterized"]:
            verdict = goal(s["p50_ms"] < lookup_goal)
        elif r["query"] in CONTRACT:
            verdict = goal(s["p50_ms"] < LISTING_GOAL_MS) if quads < 2_000_000 else ""
        else:
            verdict = ""
        rdf = r.get("rdflib")
        rows.append([
            r["query"], f"{s['values']} x {s['runs'] // s['values']}", f"{s['rows_median']:,.0f}",
            f"{s['p50_ms']:.1f}", f"{s['p90_ms']:.1f}",
            f"{rdf['p50_ms']:,.0f}" if rdf else "-", f"{rdf['p90_ms']:,.0f}" if rdf else "-",
            {True: "yes", False: "NO", None: "-"}[r.get("same_rows")], verdict,
        ])  # fmt: skip
    print(f"(ms; {quads:,} quads; parameterized goal p50 < {lookup_goal:.0f} ms, listings < {LISTING_GOAL_MS:.0f} ms)")
    print(
        table(
            ["query", "values x runs", "rows", "store p50", "store p90", "rdflib p50", "rdflib p90", "same rows",
             "goal"],
            rows,
        )
    )  # fmt: skip


def print_sizes(sizes: list[dict[str, float]]) -> None:
    rows = [
        [
            f"{s['quads']:,}", f"{s['articles']:,}", f"{s['write_seconds']:.1f}", f"{s['articles_per_second']:.0f}",
            f"{s['quads_per_second']:,.0f}", f"{s['link_seconds']:.1f}", f"{s['optimize_seconds']:.1f}",
            mib(s["store_bytes"]),
        ]
        for s in sizes
    ]  # fmt: skip
    headers = ["quads", "articles", "write s", "articles/s", "quads/s", "link s", "optimize s", "on disk"]
    print(table(headers, rows))


# --- (c) --jobs ---------------------------------------------------------------------------------------------


def measure_jobs(workdir: Path, articles: int, seed: int) -> dict[str, dict[str, float]]:
    folder = corpus(workdir, articles, seed)
    out = {}
    for jobs in (1, 2):
        target = workdir / f"store-lookups-jobs{jobs}"
        shutil.rmtree(target, ignore_errors=True)
        run = run_measured([*kg_command(), "build", str(folder), "--store", str(target), "--jobs", str(jobs), "-q"])
        if run.returncode != 0:
            raise RuntimeError(f"kg build --jobs {jobs} failed ({run.returncode}): {run.stderr.strip()[-800:]}")
        out[f"--jobs {jobs}"] = {"seconds": run.seconds, "peak_rss": run.peak_rss}
        print(f"  --jobs {jobs}: {run.seconds:.1f} s", flush=True)
    return out


def print_jobs(runs: dict[str, dict[str, float]], articles: int) -> None:
    base = runs["--jobs 1"]["seconds"]
    rows = [
        [label, f"{r['seconds']:.1f}", f"{articles / r['seconds']:.1f}", f"{base / r['seconds']:.2f}x",
         mib(r["peak_rss"])]
        for label, r in runs.items()
    ]  # fmt: skip
    print(table(["run", "seconds", "articles/s", "speed-up", "peak RSS"], rows))
    print(f"goal: --jobs 2 at least {JOBS_GOAL}x --jobs 1: {goal(base / runs['--jobs 2']['seconds'] >= JOBS_GOAL)}")


# --- main ---------------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default="store,jobs", help="parts to run: store (a and b), jobs (c); default both")
    parser.add_argument("--sizes", default="1000000,10000000", help="store sizes in quads (default 1000000,10000000)")
    parser.add_argument("--values", type=int, default=20, help="values of each parameter (default 20)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each value (default 3)")
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib at the smallest size")
    parser.add_argument("--articles", type=int, default=1000, help="articles for (c) (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR, help=f"(default {DEFAULT_WORKDIR})")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures to OUT as JSON")
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {busy_note()}")
    figures: dict[str, object] = {"seed": args.seed, "busy": busy_note(), "sizes": []}
    if "store" in parts:
        sizes = sorted(int(size) for size in args.sizes.split(","))
        for i, size in enumerate(sizes):
            path = args.workdir / f"store-lookups-{size}"
            print(f"\n(a) a store of {size:,} quads", flush=True)
            filled = fill(path, size, args.seed)
            print_sizes([filled])
            print(f"\n(b) the named queries on {filled['quads']:,} quads", flush=True)
            results = measure_queries(path, args.values, args.runs, args.seed, rdflib=i == 0 and not args.no_rdflib)
            print_queries(filled, results)
            figures["sizes"].append({"store": filled, "queries": results})  # type: ignore[union-attr]
    if "jobs" in parts:
        print(f"\n(c) kg build --store on {args.articles} generated articles, end to end", flush=True)
        runs = measure_jobs(args.workdir, args.articles, args.seed)
        print_jobs(runs, args.articles)
        figures["jobs"] = runs
    write_json(args.json, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
