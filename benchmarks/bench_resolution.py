"""Cross-article entity resolution (``kg.link``): how well it tells which officials of different articles are one
person, and what it adds to the time of a build.

    python benchmarks/bench_resolution.py [--articles 10000] [--real 200] [--seed 1] [--json OUT]

1. **The store.** The first N articles of the corpus with name variants (``generate.py --variants``: nicknames,
   middle initials and diacritics written in some articles and not others, officials named by title and
   surname alone, namesakes) are made into the graphs kg writes, as ``synthetic.py`` makes them (kg's own
   resolve and emit stages on the planted mentions, no spaCy), and written into a fresh ``kg.store.Store``
   with ``replace_article``, flushed as ``kg build --store`` flushes. Making the graphs and writing them are
   timed apart.
2. **Resolution.** ``kg.link.resolve_store(store)``, timed (its own ``seconds`` and the wall time of the call).
3. **Merges.** Each (article, official IRI) of the graphs whose ``kg:name`` is a name the generator wrote in
   that article is a record, labelled with that official's person id. Pairwise over the records: two are
   predicted the same person when ``resolve_store`` gives them the same canonical IRI, and are the same person
   when they carry the same id; precision and recall count pairs by cluster sizes (the sum of C(n, 2)), never
   pair by pair. Recall is also given by kind of variant (a pair counts under a kind when either record's name
   departs from the person's full name that way), and beside it the figures of merging the records whose
   articles wrote the name alike, character for character (what the name alone gives). Namesakes: pairs of
   different people with the same family name that resolution merged, of all such pairs in the corpus, by
   whether they hold the same office in the same nation (a predecessor and a successor), another office of
   the same nation, or serve different nations.
4. **Cost.** Resolution's seconds against (a) the synthetic store build (making the graphs and writing them;
   and the writes alone), and (b) an estimate of the real build of N articles: ``kg build DIR --store PATH
   -q`` as a subprocess on the first K articles (``--real K``; start-up and model loading included), its
   start-up measured on one article, and the estimate the start-up once plus the rest scaled from K to N
   articles. Goal: resolution under 10% of (b).
"""

from __future__ import annotations

import math
import shutil
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/bench_resolution.py`: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import RDF

from benchmarks.common import busy_note, goal, kg_command, run_measured, table, write_json
from benchmarks.common import parser as common_parser
from benchmarks.generate import VARIANT_KINDS, Official, articles, write_corpus
from benchmarks.pairs import Scores, pairs
from benchmarks.pairs import score as pair_score
from benchmarks.synthetic import article_graph
from kg.link import Resolution, resolve_store
from kg.namespace import KG
from kg.store import Store

REAL_SHARE_GOAL = 0.10
SAME_NAME = "same name as written"


@dataclass(frozen=True)
class Record:
    """An official of one article's graph that the generator planted: who they are and how they were named."""

    article: str  # the IRI of the article (its named graph)
    official: str  # the official's IRI in that graph
    person: int  # the planted person's id, the same in every article
    variants: tuple[str, ...]  # how the name written departs from the person's full name
    name: str = ""  # the name as the article writes it


@dataclass
class Built:
    records: list[Record]
    people: dict[int, Official]  # a record of each person (nation, office, family name)
    articles: int
    triples: int
    graph_seconds: float  # making the graphs (kg's resolve and emit stages)
    store_seconds: float  # writing them into the store, flushes included
    officials: int  # official IRIs in the graphs, records or not
    unplanted: int  # official IRIs of no name the generator wrote in that article
    unfound: int  # officials the generator wrote of whom no graph has an IRI


# --- the store ---------------------------------------------------------------------------------------------


def build_store(store: Store, n: int, seed: int, *, progress: bool = True) -> Built:
    """Write the synthetic graphs of the first ``n`` articles with name variants into ``store``, and label the
    officials of each graph with the planted person their name was written for."""
    from kg.corpus import _FLUSH_TRIPLES  # flush as `kg build --store` does, so memory stays flat

    records: list[Record] = []
    people: dict[int, Official] = {}
    triples = unflushed = officials = unplanted = unfound = 0
    graph_seconds = store_seconds = 0.0
    started = time.perf_counter()
    for count, article in enumerate(articles(n, seed, variants=True), start=1):
        before = time.perf_counter()
        graph, iri = article_graph(article)
        between = time.perf_counter()
        store.replace_article(graph, str(iri), source=article.url)
        unflushed += len(graph)
        if unflushed >= _FLUSH_TRIPLES:
            store.flush()
            unflushed = 0
        after = time.perf_counter()
        graph_seconds += between - before
        store_seconds += after - between
        triples += len(graph)

        planted = {" ".join(o.name.split()): o for o in article.truth.officials}
        found: set[int] = set()
        for official in set(graph.subjects(RDF.type, KG.Official)):
            officials += 1
            names = {" ".join(str(name).split()) for name in graph.objects(official, KG.name)}
            match = next((planted[name] for name in sorted(names) if name in planted), None)
            if match is None:
                unplanted += 1
                continue
            records.append(Record(str(iri), str(official), match.id, match.variants, match.name))
            people.setdefault(match.id, match)
            found.add(match.id)
        unfound += len({o.id for o in planted.values()} - found)
        if progress and (count % 1000 == 0 or count == n):
            seconds = time.perf_counter() - started
            print(f"  {count:,} articles, {triples:,} triples, {count / seconds:.1f} articles/s", file=sys.stderr)
    before = time.perf_counter()
    store.flush()
    store_seconds += time.perf_counter() - before
    return Built(records, people, n, triples, graph_seconds, store_seconds, officials, unplanted, unfound)


# --- resolution ----------------------------------------------------------------------------------------------


def resolve(store: Store) -> tuple[Resolution, float]:
    """``kg.link.resolve_store(store)`` and the wall time of the call."""
    started = time.perf_counter()
    resolution = resolve_store(store)
    return resolution, time.perf_counter() - started


# --- scoring -------------------------------------------------------------------------------------------------


def score(records: Sequence[Record], canonical: Sequence[str]) -> Scores:
    """Pairwise precision and recall of ``canonical`` (one IRI per record) against the records' persons
    (:func:`benchmarks.pairs.score`)."""
    return pair_score([r.person for r in records], canonical, [r.variants for r in records], VARIANT_KINDS)


NAMESAKE_KINDS = ("same office", "same nation", "other nation")


def _namesake_kind(a: Official, b: Official) -> str:
    if a.nation != b.nation:
        return "other nation"
    return "same office" if a.title == b.title else "same nation"


def namesakes(people: dict[int, Official]) -> dict[str, int]:
    """Pairs of different people with the same family name, by kind, counted by group sizes."""
    by_family = Counter(p.family for p in people.values())
    by_nation = Counter((p.family, p.nation) for p in people.values())
    by_office = Counter((p.family, p.nation, p.title) for p in people.values())
    family, nation, office = (sum(pairs(n) for n in c.values()) for c in (by_family, by_nation, by_office))
    return {"same office": office, "same nation": nation - office, "other nation": family - nation}


def merged_namesakes(records: Sequence[Record], canonical: Sequence[str], people: dict[int, Official]) -> Counter:
    """Pairs of different people with the same family name whose records share a canonical IRI, by kind."""
    persons: dict[str, set[int]] = defaultdict(set)
    for record, iri in zip(records, canonical, strict=True):
        persons[iri].add(record.person)
    merged: set[tuple[int, int]] = set()
    for group in persons.values():
        if len(group) < 2:
            continue
        by_family: dict[str, list[int]] = defaultdict(list)
        for person in sorted(group):
            by_family[people[person].family].append(person)
        merged.update((a, b) for ids in by_family.values() for i, a in enumerate(ids) for b in ids[i + 1 :])
    return Counter(_namesake_kind(people[a], people[b]) for a, b in merged)


# --- the real build ----------------------------------------------------------------------------------------


def variant_corpus(workdir: Path, n: int, seed: int) -> Path:
    """The folder of the first ``n`` articles of the corpus with name variants, written once and reused."""
    folder = workdir / f"corpus-variants-seed{seed}-n{n}"
    sidecar = folder / "metadata.jsonl"
    lines = sidecar.read_text(encoding="utf-8").splitlines() if sidecar.is_file() else []
    if len(lines) == n and len(list(folder.glob("*.txt"))) == n:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    write_corpus(folder, n, seed, variants=True)
    return folder


def real_build(workdir: Path, k: int, seed: int) -> dict[str, float]:
    """``kg build DIR --store PATH -q`` timed end to end on the first ``k`` articles and on one article."""
    figures = {}
    for label, size in (("startup", 1), ("corpus", k)):
        folder = variant_corpus(workdir, size, seed)
        store_path = workdir / f"store-resolution-real-{label}"
        shutil.rmtree(store_path, ignore_errors=True)
        run = run_measured([*kg_command(), "build", str(folder), "--store", str(store_path), "-q"])
        shutil.rmtree(store_path, ignore_errors=True)
        if run.returncode != 0:
            raise RuntimeError(f"kg build failed ({run.returncode}): {run.stderr.strip()[-500:]}")
        figures[f"{label}_seconds"] = run.seconds
    return figures


# --- the report ----------------------------------------------------------------------------------------------


def _ratio(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.4f}"


def _percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def report_scores(built: Built, runs: Iterable[tuple[str, Scores]]) -> None:
    runs = list(runs)
    print(
        table(
            ["clustering", "precision", "recall", "clusters", "pairs put together", "pairs of one person"],
            [
                [name, _ratio(s.precision), _ratio(s.recall), f"{s.clusters:,}", f"{s.predicted_pairs:,}",
                 f"{s.true_pairs:,}"]
                for name, s in runs
            ],
        )
    )  # fmt: skip
    print("\nrecall by kind of variant (pairs where either record's name departs from the full name that way)")
    kinds = Counter(kind for r in built.records for kind in r.variants)
    print(
        table(
            ["variant", "records", "pairs of one person", *[f"recall, {name}" for name, _ in runs]],
            [
                [kind, f"{kinds[kind]:,}", f"{runs[0][1].true_pairs_by_kind[kind]:,}",
                 *[_ratio(s.recall_by_kind[kind]) for _, s in runs]]
                for kind in VARIANT_KINDS
            ],
        )
    )  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = common_parser(__doc__, 10_000)
    parser.add_argument(
        "--real", type=int, default=200, metavar="K", help="articles of the real build (default 200; 0: skip it)"
    )
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    n = args.articles
    print(f"machine: {busy_note()}")

    store_path = args.workdir / f"store-resolution-seed{args.seed}-n{n}"
    shutil.rmtree(store_path, ignore_errors=True)
    print(f"\nsynthetic graphs of {n:,} articles with name variants (seed {args.seed}) into {store_path}")
    with Store.open(store_path) as store:
        built = build_store(store, n, args.seed)
        resolution, wall = resolve(store)
    build_seconds = built.graph_seconds + built.store_seconds
    records = built.records
    print(
        f"{built.triples:,} triples; graphs made in {built.graph_seconds:.1f} s, written in "
        f"{built.store_seconds:.1f} s ({build_seconds:.1f} s in all)\n"
        f"{len(built.people):,} people, {len(records):,} records (article, official IRI) of them; "
        f"{built.unplanted:,} official IRIs of no planted name, {built.unfound:,} planted officials without an IRI"
    )
    print(f"resolve_store: {resolution.seconds:.2f} s ({wall:.2f} s wall)")

    missing = [(r.article, r.official) not in resolution.canonical for r in records]
    # A record resolution says nothing of stands alone.
    linked = [
        resolution.canonical.get((r.article, r.official), f"unresolved {r.article} {r.official}") for r in records
    ]
    by_name = [r.name for r in records]
    runs = [("kg.link", score(records, linked)), (SAME_NAME, score(records, by_name))]
    if any(missing):
        print(f"note: {sum(missing):,} records are not in resolution.canonical; each is counted as its own cluster")
    print()
    report_scores(built, runs)

    corpus_namesakes = namesakes(built.people)
    merged = {name: merged_namesakes(records, canonical, built.people) for name, canonical in
              (("kg.link", linked), (SAME_NAME, by_name))}  # fmt: skip
    print("\npairs of different people with one family name, merged")
    print(
        table(
            ["namesakes", "pairs in the corpus", *[f"merged, {name}" for name in merged]],
            [
                [kind, f"{corpus_namesakes[kind]:,}", *[f"{m[kind]:,}" for m in merged.values()]]
                for kind in NAMESAKE_KINDS
            ],
        )
    )  # fmt: skip

    real = None
    rows = [
        ["synthetic build (graphs and writes)", f"{build_seconds:.1f}",
         _percent(resolution.seconds, build_seconds), ""],
        ["synthetic store writes alone", f"{built.store_seconds:.1f}",
         _percent(resolution.seconds, built.store_seconds), ""],
    ]  # fmt: skip
    if args.real:
        k = min(args.real, n)
        real = real_build(args.workdir, k, args.seed)
        startup, seconds = real["startup_seconds"], real["corpus_seconds"]
        estimate = startup + (seconds - startup) * n / k
        real.update(articles=k, estimate_seconds=estimate, share=resolution.seconds / estimate)
        rows += [
            [f"kg build of {k:,} articles (measured; start-up {startup:.1f} s)", f"{seconds:.1f}", "", ""],
            [f"kg build of {n:,} articles (estimated)", f"{estimate:.1f}", _percent(resolution.seconds, estimate),
             goal(resolution.seconds < REAL_SHARE_GOAL * estimate)],
        ]  # fmt: skip
    print(f"\nwhat resolution ({resolution.seconds:.2f} s) adds to a build of {n:,} articles")
    print(table(["build", "seconds", "resolution / build", f"goal < {REAL_SHARE_GOAL:.0%}"], rows))

    write_json(
        args.json,
        {
            "seed": args.seed,
            "busy": busy_note(),
            "articles": n,
            "triples": built.triples,
            "people": len(built.people),
            "records": len(records),
            "records_by_variant": dict(Counter(kind for r in records for kind in r.variants)),
            "official_iris": built.officials,
            "unplanted_iris": built.unplanted,
            "unfound_officials": built.unfound,
            "records_not_resolved": sum(missing),
            "graph_seconds": built.graph_seconds,
            "store_seconds": built.store_seconds,
            "resolution_seconds": resolution.seconds,
            "resolution_wall_seconds": wall,
            "scores": {name: vars(s) for name, s in runs},
            "namesakes_in_corpus": corpus_namesakes,
            "namesakes_merged": {name: dict(m) for name, m in merged.items()},
            "real_build": real,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
