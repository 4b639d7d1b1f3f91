"""How ``kg build`` copes with one long document: time and peak memory from 0.5 to 5 MB, in paragraphs and on
one line.

    python benchmarks/bench_long.py [--sizes 0.5,1,2,5] [--shapes paragraphs,one-line] [--seed 1] [--json OUT]

Users build transcripts, reports and pages converted to text, not only articles. Each document here is made of
generated articles (``benchmarks/generate.py``), each read by kg first so that no site boilerplate ("Related
Stories" ends an article) cuts the document short, joined by blank lines up to the size asked for: the
**paragraphs** shape. The **one-line** shape is the same text with every line break made a space, as a page
flattened to text gives, so kg must find the pieces' ends at sentences.

Each document is built by ``kg build FILE --published 2020-01-01 -o OUT.ttl -q`` as a subprocess, timed end
to end (start-up and model loading included) while psutil samples its resident memory; the officials of the
graph are counted with the ``officials`` query. Goals: seconds per MB flat from 0.5 to 5 MB (the largest
within 1.5x of the smallest, per shape), peak RSS under 1.5 GB throughout, and a 2 MB document and a 1.2 MB
one-line text each built in under 3 minutes (add 1.2 to ``--sizes`` for the latter).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/bench_long.py`: make the `benchmarks` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import DEFAULT_WORKDIR, busy_note, goal, kg_command, mib, run_measured, table, write_json
from benchmarks.generate import generate

SHAPES = ("paragraphs", "one-line")
FLAT_GOAL = 1.5  # largest seconds per MB over the smallest
RSS_GOAL = 1.5e9
MINUTES_GOAL = 3


def long_document(chars: int, *, one_line: bool = False, seed: int = 1) -> str:
    """A document of ``chars`` characters made of generated articles, in paragraphs or on one line."""
    from kg.read import read_text

    parts: list[str] = []
    size = 0
    for _, text, _ in generate(10**9, seed):
        body = read_text(text).text
        parts.append(body)
        size += len(body) + 2
        if size >= chars:
            break
    document = "\n\n".join(parts)[:chars]
    return re.sub(r"\s*\n\s*", " ", document) if one_line else document


def documents(workdir: Path, sizes: Sequence[float], shapes: Sequence[str], seed: int) -> Iterator[tuple]:
    """``(megabytes, shape, path)`` of each document, written once under ``workdir`` and reused."""
    for mb in sizes:
        for shape in shapes:
            path = workdir / f"long-seed{seed}-{mb:g}MB-{shape}.txt"
            if not path.exists():
                path.write_text(long_document(int(mb * 1e6), one_line=shape == "one-line", seed=seed), "utf-8")
            yield mb, shape, path


def count_officials(graph_file: Path) -> int:
    import kg

    return len({row["official"] for row in kg.query(kg.load_graph(str(graph_file)), "officials")})


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default="0.5,1,2,5", help="document sizes in MB (default 0.5,1,2,5)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help=f"any of {', '.join(SHAPES)} (default both)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument(
        "--workdir", type=Path, default=DEFAULT_WORKDIR, help=f"scratch folder (default {DEFAULT_WORKDIR})"
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures to OUT as JSON")
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    shapes = [s for s in args.shapes.split(",") if s]
    if unknown := set(shapes) - set(SHAPES):
        parser.error(f"unknown shape {', '.join(sorted(unknown))}: choose from {', '.join(SHAPES)}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {busy_note()}")

    results = []
    for mb, shape, path in documents(args.workdir, sizes, shapes, args.seed):
        out = path.with_suffix(".ttl")
        run = run_measured([*kg_command(), "build", str(path), "--published", "2020-01-01", "-o", str(out), "-q"])
        if run.returncode != 0:
            raise RuntimeError(f"kg build {path.name} failed ({run.returncode}): {run.stderr.strip()[-500:]}")
        found = count_officials(out)
        results.append(
            {"mb": mb, "shape": shape, "seconds": run.seconds, "seconds_per_mb": run.seconds / mb,
             "peak_rss": run.peak_rss, "officials": found}
        )  # fmt: skip
        print(f"  {mb:g} MB {shape}: {run.seconds:.1f} s, {mib(run.peak_rss)}, {found} officials", flush=True)

    rows = []
    for r in results:
        fast_enough = r["seconds"] < MINUTES_GOAL * 60 if r["mb"] <= 2 else None
        rows.append(
            [f"{r['mb']:g} MB", r["shape"], f"{r['seconds']:.1f}", f"{r['seconds_per_mb']:.1f}", mib(r["peak_rss"]),
             f"{r['officials']:,}", goal(r["peak_rss"] < RSS_GOAL), "" if fast_enough is None else goal(fast_enough)]
        )  # fmt: skip
    print()
    print(
        table(
            ["document", "shape", "seconds", "s/MB", "peak RSS", "officials", "RSS < 1.5 GB", "< 3 min (<= 2 MB)"],
            rows,
        )
    )
    flat = {}
    for shape in shapes:
        per_mb = [r["seconds_per_mb"] for r in results if r["shape"] == shape]
        if per_mb:
            flat[shape] = max(per_mb) / min(per_mb)
            verdict = goal(flat[shape] <= FLAT_GOAL)
            print(f"{shape}: largest s/MB over smallest {flat[shape]:.2f} (goal <= {FLAT_GOAL}: {verdict})")
    write_json(args.json, {"seed": args.seed, "busy": busy_note(), "runs": results, "flatness": flat})
    return 0


if __name__ == "__main__":
    sys.exit(main())
