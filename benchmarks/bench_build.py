"""How fast ``kg build`` reads a corpus, against spaCy alone, and what a second worker process buys.

    python benchmarks/bench_build.py [--articles 1000] [--jobs-articles 1000] [--seed 1] [--json OUT]

Two figures, on a generated corpus (``benchmarks/generate.py``, written once under ``--workdir``):

1. **kg against bare spaCy** (goal: at least 0.85). In this process, after a warm-up that loads the model and
   kg's gazetteer (not timed): the words per second of bare spaCy, ``list(nlp.pipe(texts))`` with the pipeline
   kg loads (``kg.nlp.pipeline()``) over the articles' cleaned texts (what kg hands spaCy), divided into the
   words per second of the end-to-end build of the same corpus into a fresh store, ``kg.corpus.build_corpus``
   with one job (reading, spaCy, rules, resolution, RDF, and the store writes). Words are whitespace-separated
   words of the cleaned texts, the same count for both, so the ratio is spaCy's time over kg's. The
   ``kg.build`` loop without a store is timed too, to tell the store's share from the rest.
2. **--jobs 2 against --jobs 1** (goal: at least 1.8x). ``kg build DIR --store PATH --jobs N -q`` run as a
   subprocess, timed end to end (process start and model loading included, once per worker), each into a
   fresh store. The same command on a one-article corpus is timed too and reported as the start-up cost, with
   the speed-up it leaves once subtracted.

The machine matters: run it where nothing else competes for the CPUs (``benchmarks/machine.py`` prints what
the figures were taken on).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/bench_build.py`: make the `benchmarks` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (
    DEFAULT_WORKDIR,
    busy_note,
    corpus,
    corpus_files,
    goal,
    kg_build_options,
    kg_command,
    run_measured,
    table,
    write_json,
)

SPACY_GOAL = 0.85
JOBS_GOAL = 1.8


def end_to_end(folder: Path, store_path: Path, *, jobs: int = 1) -> int:
    """Build the corpus in ``folder`` into a new store at ``store_path`` the way ``kg build --store`` does;
    return the words read. The one place to change if the corpus API changes."""
    from kg.corpus import build_corpus, find_articles
    from kg.store import Store

    with Store.open(store_path) as store:
        report = build_corpus(find_articles([folder]), store, jobs=jobs)
    if report.failures:
        raise RuntimeError(f"{len(report.failures)} articles failed, first: {report.failures[0].message}")
    return report.words


def measure_in_process(folder: Path, workdir: Path) -> dict[str, float]:
    """Bare spaCy, kg.build per article, and the end-to-end build, on the same corpus, in this process."""
    import kg
    from kg import corpus as corpus_module
    from kg import read
    from kg.nlp import pipeline

    files = corpus_files(folder)
    texts = [read.read_file(f.path, published=f.published).text for f in files]
    words = sum(len(t.split()) for t in texts)

    # Warm-up, not timed: the model, kg's gazetteer and city index, the first documents through both.
    nlp = pipeline()
    list(nlp.pipe(texts[:5]))
    for f in files[:3]:
        kg.build(f.path.read_text(encoding="utf-8"), published=f.published)

    # spaCy's default batch (1,000 texts) is slower on articles than small batches; kg pipes batches of
    # kg.corpus._BATCH. The faster of the two is the bar kg is held to.
    spacy_runs = {}
    for batch_size in (1000, corpus_module._BATCH):
        started = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=batch_size))
        spacy_runs[batch_size] = time.perf_counter() - started
        del docs
    spacy_seconds = min(spacy_runs.values())

    started = time.perf_counter()
    for f in files:
        kg.build_article(read.read_file(f.path, published=f.published))
    build_seconds = time.perf_counter() - started

    store_path = workdir / "store-in-process"
    shutil.rmtree(store_path, ignore_errors=True)
    started = time.perf_counter()
    built_words = end_to_end(folder, store_path)
    corpus_seconds = time.perf_counter() - started
    shutil.rmtree(store_path, ignore_errors=True)
    if built_words != words:
        print(f"note: build_corpus counted {built_words:,} words, the cleaned texts hold {words:,}", file=sys.stderr)
    return {
        "articles": len(files),
        "words": words,
        "spacy_seconds": spacy_seconds,
        "spacy_seconds_by_batch_size": spacy_runs,
        "kg_build_seconds": build_seconds,
        "build_corpus_seconds": corpus_seconds,
        "spacy_words_per_second": words / spacy_seconds,
        "kg_build_words_per_second": words / build_seconds,
        "build_corpus_words_per_second": words / corpus_seconds,
        "ratio_kg_build": spacy_seconds / build_seconds,
        "ratio_build_corpus": spacy_seconds / corpus_seconds,
    }


def measure_jobs(folder: Path, workdir: Path, jobs_list: Sequence[int], seed: int) -> dict[str, object]:
    """``kg build DIR --store PATH --jobs N -q`` timed as a subprocess for each N, and on one article."""
    tiny = corpus(workdir, 1, seed)
    results: dict[str, object] = {}
    for jobs in jobs_list:
        figures = {}
        for label, source in (("startup", tiny), ("corpus", folder)):
            store_path = workdir / f"store-jobs{jobs}-{label}"
            shutil.rmtree(store_path, ignore_errors=True)
            run = run_measured(
                [*kg_command(), "build", str(source), "--store", str(store_path), "--jobs", str(jobs), "-q"]
            )
            shutil.rmtree(store_path, ignore_errors=True)
            if run.returncode != 0:
                raise RuntimeError(f"kg build --jobs {jobs} failed ({run.returncode}): {run.stderr.strip()[-500:]}")
            figures[f"{label}_seconds"] = run.seconds
            figures[f"{label}_peak_rss"] = run.peak_rss
        results[str(jobs)] = figures
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--articles", type=int, default=1000, help="corpus for kg against spaCy (default 1000)")
    parser.add_argument("--jobs-articles", type=int, default=1000, help="corpus for the --jobs runs (default 1000)")
    parser.add_argument("--jobs", default="1,2", help="worker counts to compare, first is the base (default 1,2)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument(
        "--workdir", type=Path, default=DEFAULT_WORKDIR, help=f"scratch folder (default {DEFAULT_WORKDIR})"
    )
    parser.add_argument("--skip-spacy", action="store_true", help="skip the comparison with spaCy")
    parser.add_argument("--skip-jobs", action="store_true", help="skip the --jobs runs")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures to OUT as JSON")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    jobs_list = [int(j) for j in args.jobs.split(",")]
    figures: dict[str, object] = {"seed": args.seed, "busy": busy_note()}
    print(f"machine: {busy_note()}")

    if not args.skip_spacy:
        folder = corpus(args.workdir, args.articles, args.seed)
        m = measure_in_process(folder, args.workdir)
        figures["in_process"] = m
        print(f"\nkg against bare spaCy: {m['articles']} articles, {m['words']:,} words (warm-up excluded)")
        print(
            table(
                ["run", "seconds", "words/s", "vs spaCy", f"goal >= {SPACY_GOAL}"],
                [
                    *[
                        [f"spaCy nlp.pipe, batch_size={size}", f"{seconds:.1f}", f"{m['words'] / seconds:,.0f}",
                         f"{m['spacy_seconds'] / seconds:.2f}", ""]
                        for size, seconds in m["spacy_seconds_by_batch_size"].items()
                    ],
                    ["kg.build per article (no store)", f"{m['kg_build_seconds']:.1f}",
                     f"{m['kg_build_words_per_second']:,.0f}", f"{m['ratio_kg_build']:.2f}", ""],
                    ["build_corpus into a store (kg build)", f"{m['build_corpus_seconds']:.1f}",
                     f"{m['build_corpus_words_per_second']:,.0f}", f"{m['ratio_build_corpus']:.2f}",
                     goal(m["ratio_build_corpus"] >= SPACY_GOAL)],
                ],
            )
        )  # fmt: skip

    if not args.skip_jobs:
        options = kg_build_options()
        if "--jobs" not in options or "--store" not in options:
            print("\n--jobs: skipped, this kg build has no --jobs or --store option")
            figures["jobs"] = None
        else:
            folder = corpus(args.workdir, args.jobs_articles, args.seed)
            results = measure_jobs(folder, args.workdir, jobs_list, args.seed)
            base = results[str(jobs_list[0])]
            rows = []
            for jobs in jobs_list:
                r = results[str(jobs)]
                speedup = base["corpus_seconds"] / r["corpus_seconds"]
                net = (base["corpus_seconds"] - base["startup_seconds"]) / (r["corpus_seconds"] - r["startup_seconds"])
                r["speedup"], r["speedup_without_startup"] = speedup, net
                rows.append([
                    f"--jobs {jobs}", f"{r['corpus_seconds']:.1f}", f"{r['startup_seconds']:.1f}",
                    f"{args.jobs_articles / r['corpus_seconds']:.1f}", f"{speedup:.2f}x", f"{net:.2f}x",
                    f"{r['corpus_peak_rss'] / 2**20:,.0f} MiB",
                    goal(speedup >= JOBS_GOAL) if jobs != jobs_list[0] else "",
                ])  # fmt: skip
            figures["jobs"] = {"articles": args.jobs_articles, "runs": results}
            n = args.jobs_articles
            print(f"\nkg build DIR --store PATH --jobs N -q, {n} articles (end to end, start-up included)")
            print(
                table(
                    ["run", "seconds", "start-up s", "articles/s", "speed-up", "less start-up", "peak RSS",
                     f"goal >= {JOBS_GOAL}x"],
                    rows,
                )
            )  # fmt: skip
    write_json(args.json, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
