"""Rules and blocking (``kg.link``) against a probabilistic model (Splink, on DuckDB): which tells better which
officials of different articles are one person, and how fast.

    /tmp/splink-venv/bin/python benchmarks/compare_splink.py [--sets real,synthetic] [--real PATH] \\
        [--articles 2000] [--seed 1] [--thresholds 0.9,0.99] [--max-pairs 1e7] [--kg-python .venv/bin/python] \\
        [--json OUT]

Splink is no dependency of kg: it runs in a virtual environment of its own, made once outside the repository:

    python3 -m venv /tmp/splink-venv
    /tmp/splink-venv/bin/pip install splink duckdb psutil     # psutil for benchmarks/common.py

The script runs in two Pythons. kg's part runs under the project's Python (``--kg-python``, default
``.venv/bin/python``), which this script starts as ``compare_splink.py --prepare SET --out FILE``: it reads or
makes the records of the set, runs ``kg.link.link`` on them, timed, and writes one JSON line for each official
record: the features both methods see (the name parsed by ``kg.link.names``, the forms of the given name,
nations, offices, the article's date), the label, and the canonical IRI kg.link gave it. The Splink part then
runs here on the same rows. Both are scored alike.

**Record sets.**

- ``real``: ``--real PATH``, default ``tests/data/linked_officials.jsonl``: what kg wrote of every official of
  the annotated articles of ``eval/`` (dev, written, real), each labelled with its person of
  ``eval/people.tsv``, or null where it matched no gold official (``scripts/link_fixture.py`` writes it; one
  object a line: ``article``, ``iri``, ``published``, ``values`` {predicate: [values]}, ``person``; then the
  nation of each office). Every line is a ``kg.link.records.Record`` for kg.link, as
  ``tests/test_link_corpus.py`` reads them; the officials with a label are scored.
- ``synthetic``: the first ``--articles`` articles of the corpus with name variants (``generate.py
  --variants``), their graphs written into a temporary ``kg.store.Store`` and labelled with the planted person
  as ``bench_resolution.build_store`` does; kg.link reads them with ``kg.link.records.from_store``.

**kg.link** is ``kg.link.link(records)`` on all the records of the set (nothing is written), timed by its own
``seconds``: the first call in the process, which fills the caches of the name parser and the nickname tables as
a one-off run of kg does, and then a second call (printed beside it).

**The Splink model** (``splink_model``), as Splink's documentation sets one up for people:

- blocking for predictions: the same family name (as ``kg.link.names.parse`` gives it: lower-case ASCII), in
  different articles;
- comparisons: given name (null; exact; a short form of the other or both of one name, by the nickname tables
  kg.link uses; an initial of the other; Jaro-Winkler >= 0.88; else), middle initials (exact or not), family
  name (exact, with term-frequency adjustment), nation and office (arrays that share one or not), the article's
  date (same day; within 1, 4 and 8 years; else);
- training: the prior from a deterministic rule (same given and family name, its recall taken as
  ``PRIOR_RECALL``), u by random sampling (``--max-pairs``, seeded), m by expectation maximisation in two
  sessions, blocked on family name and then on given name (each session estimates what the other's blocking
  fixes);
- clusters: connected components of the pairs at or above each ``--thresholds`` match probability.

Seconds for Splink are the training, the prediction and the clustering at that threshold, from the records in
memory (registering them in DuckDB included).

**Scores.** Pairwise over the labelled records: two are put together when their method puts them in one
cluster (a record kg.link leaves out stands alone) and are one person when their labels agree. Precision,
recall and F1 count pairs by cluster sizes (the sum of C(n, 2)), never pair by pair. Beside the two, merging the
records whose articles wrote the name alike, character for character. For the synthetic set, recall also by
kind of variant, as ``bench_resolution.py`` gives it.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/compare_splink.py`: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import DEFAULT_WORKDIR, busy_note, table
from benchmarks.generate import VARIANT_KINDS
from benchmarks.pairs import Scores
from benchmarks.pairs import score as pair_score

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REAL = ROOT / "tests" / "data" / "linked_officials.jsonl"
SETS = ("real", "synthetic")
PRIOR_RECALL = 0.8  # of "same given and family name" among the pairs of one person: nicknames, initials and
# surnames alone escape it
KGR = "https://w3id.org/kg/id/"
NATION_PREFIX = f"{KGR}nation/"


# --- kg's part (the project's Python) ----------------------------------------------------------------------


def prepare(which: str, out: Path, *, real: Path, articles: int, seed: int, workdir: Path) -> None:
    """Write the rows of one record set, with kg.link's clusters and seconds, to ``out`` (JSON lines: a line of
    figures, then a row for each official record)."""
    from benchmarks.machine import machine_info
    from kg.link import link

    if which == "real":
        records, labels = _real_records(real)
        source = str(real.resolve().relative_to(ROOT) if real.resolve().is_relative_to(ROOT) else real)
    else:
        records, labels = _synthetic_records(articles, seed, workdir)
        source = f"{articles} articles with name variants, seed {seed}"
    started = time.perf_counter()
    resolution = link(records)
    wall = time.perf_counter() - started
    warm = link(records)  # the name parser's and the nickname tables' caches filled by the first call
    office_nations = {r.iri: n.removeprefix(NATION_PREFIX) for r in records if r.kind == "Office"
                      for n in sorted(r.get("officeOf"))[:1]}  # fmt: skip
    rows = [
        {**_features(r, office_nations), **labels.get(r.key, {"person": None}),
         "kg_link": resolution.canonical.get(r.key, f"unresolved {r.article} {r.iri}")}
        for r in records
        if r.kind == "Official"
    ]  # fmt: skip
    for row in rows:
        row.setdefault("written", row["name"])
    meta = {
        "set": which,
        "source": source,
        "records": len(records),
        "official_records": len(rows),
        "labelled": sum(row["person"] is not None for row in rows),
        "articles": len({row["article"] for row in rows}),
        "kg_link_seconds": resolution.seconds,
        "kg_link_wall_seconds": wall,
        "kg_link_warm_seconds": warm.seconds,
        "busy": busy_note(),
        "machine": machine_info(),
        "kg_link_digest": _source_digest(),
    }
    with out.open("w", encoding="utf-8") as f:
        for line in (meta, *rows):
            f.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")


def _source_digest() -> str:
    """A digest of kg.link's source as run: the commit alone does not tell a working tree with changes apart."""
    import hashlib

    import kg.link

    digest = hashlib.sha256()
    for path in sorted(Path(kg.link.__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _real_records(path: Path) -> tuple[list, dict]:
    """The records of ``path`` and the labels of the official records that have one. Two forms are read: the
    fixture's (``scripts/link_fixture.py``: officials, then ``{"office", "officeOf"}`` lines, IRIs as
    ``kgr:...``) and the same with a ``kind`` on every line and an ``Office`` record in each article."""
    from kg.link.records import Record

    def full(iri: str) -> str:
        return KGR + iri.removeprefix("kgr:") if iri.startswith("kgr:") else iri

    records, labels = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if "office" in row:
            records.append(
                Record("", full(row["office"]), "Office", None, {"officeOf": frozenset(map(full, row["officeOf"]))})
            )
            continue
        published = date.fromisoformat(row["published"]) if row.get("published") else None
        values = {k: frozenset(map(full, v)) for k, v in row["values"].items()}
        record = Record(row["article"], full(row["iri"]), row.get("kind", "Official"), published, values)
        records.append(record)
        if record.kind == "Official" and row.get("person") is not None:
            labels[record.key] = {"person": row["person"]}
    return records, labels


def _synthetic_records(n: int, seed: int, workdir: Path) -> tuple[list, dict]:
    from benchmarks.bench_resolution import build_store
    from kg.link.records import from_store
    from kg.store import Store

    workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="store-splink-", dir=workdir) as folder, Store.open(folder) as store:
        built = build_store(store, n, seed)
        records = from_store(store)
    labels = {
        (r.article, r.official): {"person": r.person, "variants": list(r.variants), "written": r.name}
        for r in built.records
    }
    return records, labels


def _features(record, office_nations: dict[str, str]) -> dict:
    """What both methods know of an official record: its fullest name in parts (as ``kg.link.people`` picks
    it), the forms of its given name, nations (served, or of the office held), offices and date."""
    from kg.link.names import _given_forms, parse  # the same nickname tables as kg.link's rules

    names = [parse(n) for n in record.names] or [parse(record.iri.rsplit("/", 1)[-1].replace("-", " "))]
    best = max(names, key=lambda n: (n.informative, n.text))
    offices = sorted(record.get("holdsOffice"))
    nations = {n.removeprefix(NATION_PREFIX) for n in record.get("serves")}
    nations |= {office_nations[o] for o in offices if o in office_nations}
    return {
        "article": record.article,
        "iri": record.iri,
        "name": best.text,
        "given": best.given or None,
        "given_forms": sorted(_given_forms(best.given)) if best.given else None,
        "middles": "".join(best.middles) or None,
        "family": best.family or None,
        "nations": sorted(nations) or None,
        "offices": offices or None,
        "published": record.published.isoformat() if record.published else None,
    }


def prepared(which: str, args: argparse.Namespace) -> tuple[dict, list[dict]]:
    """Run kg's part under the project's Python and read what it wrote."""
    out = args.workdir / f"splink-{which}.jsonl"
    command = [str(args.kg_python), str(Path(__file__).resolve()), "--prepare", which, "--out", str(out),
               "--real", str(args.real), "--articles", str(args.articles), "--seed", str(args.seed),
               "--workdir", str(args.workdir)]  # fmt: skip
    subprocess.run(command, check=True, cwd=ROOT)
    meta, *rows = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    return meta, rows


# --- the Splink model (the Splink venv) --------------------------------------------------------------------


@dataclass(frozen=True)
class SplinkRun:
    clusters: dict[float, list[str]]  # threshold -> cluster id of each row, in the order of the rows
    seconds: dict[float, float]  # threshold -> training + prediction + clustering at it
    train_seconds: float
    predict_seconds: float
    scored_pairs: int  # pairs the blocking rule let through
    predicted_pairs: int  # of them, those at or above the lowest threshold
    prior: float  # the probability two random records match, as estimated


PREDICT_BLOCKING = "l.family = r.family and l.article <> r.article"


def splink_model(rows: Sequence[dict], thresholds: Sequence[float], *, seed: int, max_pairs: float) -> SplinkRun:
    """Train a Splink model on the official ``rows`` and cluster them at each threshold."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    started = time.perf_counter()
    given = cl.CustomComparison(
        [
            cll.NullLevel("given"),
            cll.ExactMatchLevel("given"),
            cll.ArrayIntersectLevel("given_forms", 1).configure(label_for_charts="short form of one name"),
            cll.CustomLevel(
                "(length(given_l) = 1 or length(given_r) = 1) and left(given_l, 1) = left(given_r, 1)",
                label_for_charts="initial",
            ),
            cll.JaroWinklerLevel("given", 0.88),
            cll.ElseLevel(),
        ],
        output_column_name="given",
    )
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[PREDICT_BLOCKING],
        comparisons=[
            given,
            cl.ExactMatch("middles"),
            cl.ExactMatch("family").configure(term_frequency_adjustments=True),
            cl.ArrayIntersectAtSizes("nations", 1),
            cl.ArrayIntersectAtSizes("offices", 1),
            cl.AbsoluteDateDifferenceAtThresholds(
                "published", input_is_string=False, metrics=["year", "year", "year"], thresholds=[1, 4, 8]
            ),
        ],
        retain_intermediate_calculation_columns=False,
    )
    db = DuckDBAPI()
    table_rows = [
        {"unique_id": i, **{k: row[k] for k in ("article", "given", "given_forms", "middles", "family", "nations",
                                                "offices")},
         "published": date.fromisoformat(row["published"]) if row["published"] else None}
        for i, row in enumerate(rows)
    ]  # fmt: skip
    linker = Linker(db.register(table_rows), settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match([block_on("given", "family")], recall=PRIOR_RECALL)
    linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("family"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given"))
    trained = time.perf_counter()
    predictions = linker.inference.predict()  # every blocked pair, scored; each threshold filters them
    predicted = time.perf_counter()
    clusters, seconds = {}, {}
    for threshold in thresholds:
        before = time.perf_counter()
        clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold)
        cluster_of = {r["unique_id"]: str(r["cluster_id"]) for r in clustered.as_record_list()}
        clusters[threshold] = [cluster_of.get(i, f"alone {i}") for i in range(len(rows))]
        seconds[threshold] = (predicted - started) + (time.perf_counter() - before)

    def count(sql: str) -> int:
        return predictions.query_sql(f"select count(*) as n from {{this}} {sql}").as_record_list()[0]["n"]

    return SplinkRun(
        clusters=clusters,
        seconds=seconds,
        train_seconds=trained - started,
        predict_seconds=predicted - trained,
        scored_pairs=count(""),
        predicted_pairs=count(f"where match_probability >= {min(thresholds)}"),
        prior=linker._settings_obj._probability_two_random_records_match,
    )


# --- scoring -------------------------------------------------------------------------------------------------


def score(rows: Sequence[dict], clusters: Sequence[str]) -> Scores:
    """Pairwise scores of ``clusters`` (one id per row) over the labelled rows (:func:`benchmarks.pairs.score`)."""
    labelled = [(row, c) for row, c in zip(rows, clusters, strict=True) if row["person"] is not None]
    return pair_score(
        [row["person"] for row, _ in labelled],
        [c for _, c in labelled],
        [row.get("variants", ()) for row, _ in labelled],
        VARIANT_KINDS,
    )


# --- the report ----------------------------------------------------------------------------------------------


def _ratio(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.4f}"


def compare(which: str, args: argparse.Namespace) -> dict:
    meta, rows = prepared(which, args)
    print(
        f"\n{which}: {meta['source']}\n{meta['articles']:,} articles, {meta['records']:,} records, "
        f"{meta['official_records']:,} of officials ({meta['labelled']:,} labelled, of "
        f"{len({r['person'] for r in rows if r['person'] is not None}):,} people)"
    )
    run = splink_model(rows, args.thresholds, seed=args.seed, max_pairs=args.max_pairs)
    results = [
        ("kg.link (rules + blocking)", score(rows, [r["kg_link"] for r in rows]), meta["kg_link_seconds"]),
        *[(f"Splink, p >= {t:g}", score(rows, run.clusters[t]), run.seconds[t]) for t in args.thresholds],
        ("same name as written", score(rows, [r["written"] for r in rows]), math.nan),
    ]
    print(
        table(
            ["method", "precision", "recall", "F1", "clusters", "pairs put together", "pairs of one person",
             "seconds"],
            [[name, _ratio(s.precision), _ratio(s.recall), _ratio(s.f1), f"{s.clusters:,}",
              f"{s.predicted_pairs:,}", f"{s.true_pairs:,}", "" if math.isnan(sec) else f"{sec:.2f}"]
             for name, s, sec in results],
        )
    )  # fmt: skip
    print(
        f"kg.link (source {meta['kg_link_digest']}): {meta['kg_link_seconds']:.2f} s "
        f"on all {meta['records']:,} records "
        f"({meta['kg_link_wall_seconds']:.2f} s wall; the first call in the process), "
        f"{meta['kg_link_warm_seconds']:.2f} s called again\n"
        f"Splink: training {run.train_seconds:.2f} s, prediction {run.predict_seconds:.2f} s "
        f"({run.scored_pairs:,} pairs scored, {run.predicted_pairs:,} at p >= {min(args.thresholds):g}), "
        f"prior {run.prior:.3g}"
    )
    if any(r.get("variants") for r in rows):
        print("\nrecall by kind of variant (pairs where either record's name departs from the full name that way)")
        print(
            table(
                ["variant", *[name for name, _, _ in results]],
                [[kind, *[_ratio(s.recall_by_kind[kind]) for _, s, _ in results]] for kind in VARIANT_KINDS],
            )
        )
    return {
        "meta": meta,
        "splink": {k: v for k, v in vars(run).items() if k != "clusters"},
        "scores": {name: {**vars(s), "seconds": sec} for name, s, sec in results},
    }


def splink_settings_note() -> str:
    from importlib.metadata import version

    return f"splink {version('splink')}, duckdb {version('duckdb')}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sets", default=",".join(SETS), help="record sets, comma-separated (default: both)")
    parser.add_argument("--real", type=Path, default=DEFAULT_REAL, help=f"the real records (default {DEFAULT_REAL})")
    parser.add_argument("--articles", type=int, default=2000, metavar="N", help="synthetic articles (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed, and Splink's sampling seed (default 1)")
    parser.add_argument(
        "--thresholds",
        type=lambda s: sorted(float(x) for x in s.split(",")),
        default=[0.9, 0.99],
        help="match probabilities to cluster at (default 0.9,0.99)",
    )
    parser.add_argument("--max-pairs", type=float, default=1e7, help="pairs sampled to estimate u (default 1e7)")
    parser.add_argument(
        "--kg-python",
        type=Path,
        default=ROOT / ".venv" / "bin" / "python",
        help="the Python that has kg installed (default .venv/bin/python)",
    )
    parser.add_argument(
        "--workdir", type=Path, default=DEFAULT_WORKDIR, help=f"scratch folder (default {DEFAULT_WORKDIR})"
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures to OUT as JSON")
    parser.add_argument("--prepare", choices=SETS, help=argparse.SUPPRESS)  # kg's part, under --kg-python
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.prepare:
        prepare(args.prepare, args.out, real=args.real, articles=args.articles, seed=args.seed, workdir=args.workdir)
        return 0
    try:
        note = splink_settings_note()
    except ImportError:
        parser.error("splink is not installed in this Python; run with /tmp/splink-venv/bin/python (see --help)")
    print(f"machine: {busy_note()}\n{note}")
    figures = {which: compare(which, args) for which in args.sets.split(",")}
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"splink": note, **figures}, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
