"""``benchmarks/``: the corpus generator and the synthetic RDF the store benchmarks load (no spaCy model).

The generator must be deterministic, write what ``kg build DIR`` reads, vary its entities and repeat some, and
plant only what its text says; with name variants, write every kind of variant and record who each official
is; the synthetic graphs must have kg's shape (they pass kg's SHACL shapes, also
after a round trip through the Oxigraph store). Whether kg reads the articles is ``generate.py --check``'s job,
which needs the model.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from rdflib import PROV, RDF, Graph

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the benchmarks live beside the package, not in it
    sys.path.insert(0, str(ROOT))

from benchmarks import generate as gen  # noqa: E402
from benchmarks.generate import FIRST_DAY, LAST_DAY, articles, generate  # noqa: E402
from kg.namespace import KG, NIF  # noqa: E402
from kg.read import read_text  # noqa: E402

DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]+(?:, [A-Z][\w .'-]+)?, (?:Jan\.|Feb\.|March|April|May|June|July|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)"
    r" \d{1,2}(?:, \d{4})?(?: \([^)]+\))? — "
)


@pytest.fixture(scope="module", params=[False, True], ids=["plain", "variants"])
def sample(request) -> list[gen.Generated]:
    return list(articles(60, seed=2, variants=request.param))


@pytest.fixture(scope="module")
def variant_sample() -> list[gen.Generated]:
    return list(articles(200, seed=2, variants=True))


def test_same_seed_same_corpus_and_a_prefix_of_a_larger_one():
    first = list(generate(12, seed=5))
    assert first == list(generate(12, seed=5))
    assert first[:4] == list(generate(4, seed=5))
    assert [text for _, text, _ in first] != [text for _, text, _ in generate(12, seed=6)]


def test_writes_articles_and_the_metadata_sidecar(tmp_path, capsys):
    assert gen.main(["--articles", "7", "--out", str(tmp_path / "corpus"), "--seed", "3"]) == 0
    folder = tmp_path / "corpus"
    lines = (folder / "metadata.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(p.name for p in folder.glob("*.txt")) == [f"{i:07d}.txt" for i in range(1, 8)]
    assert len(lines) == 7
    for number, line in enumerate(lines, start=1):
        meta = json.loads(line)
        assert set(meta) == {"path", "published", "url", "title"}
        assert meta["path"] == f"{number:07d}.txt"
        assert FIRST_DAY <= date.fromisoformat(meta["published"]) <= LAST_DAY
        assert meta["url"].startswith("https://")
        text = (folder / meta["path"]).read_text(encoding="utf-8")
        assert meta["title"] in text.splitlines()[:8]
    assert "wrote 7 articles" in capsys.readouterr().out


def test_articles_read_like_wire_and_dod_copy(sample):
    for article in sample:
        read = read_text(article.text, published=article.published)
        assert read.title == article.title, article.name
        blocks = [b for b in read.text.split("\n\n")[1:] if b.strip() and "photo by" not in b.lower()]
        assert DATELINE.match(blocks[0]), blocks[0][:80]
        assert 5 <= len(blocks) <= 15, (article.name, len(blocks))
        assert 300 <= len(read.text.split()) <= 700, (article.name, len(read.text.split()))
    assert len({a.url for a in sample}) == len(sample)  # kg build --store takes one URL for one article
    styles = Counter(a.url.split("/")[2].split(".")[0] for a in sample)
    assert set(styles) == {"news", "state", "whitehouse", "wire"} or len(styles) >= 3


def test_entities_vary_and_recur(sample):
    officials = Counter(o.name for a in sample for o in a.truth.officials)
    assert len(officials) >= 80
    assert officials.most_common(1)[0][1] >= 4  # the same official across articles: merging is exercised
    assert len({n for a in sample for n in a.truth.nations}) >= 30
    assert len({p.name for a in sample for p in a.truth.places}) >= 60
    assert len({t.name for a in sample for t in a.truth.treaties}) >= 20
    assert len({o.title for a in sample for o in a.truth.officials}) >= 10
    kinds = Counter(e.kind for a in sample for e in a.truth.encounters)
    assert kinds["Meeting"] >= len(sample) and kinds["PhoneCall"] and kinds["PlannedMeeting"]
    assert all(a.truth.meetings for a in sample)


def test_what_is_planted_is_in_the_text(sample):
    for article in sample:
        text, truth = article.text, article.truth
        for o in truth.officials:
            assert o.name in text, (article.name, o.name)
        for p in truth.places:
            assert p.name in text or p.name.upper() in text, (article.name, p.name)  # a dateline is upper case
        for t in truth.treaties:
            assert t.surface in text, (article.name, t.surface)
        short = {o.name: o.short for o in truth.officials}
        for e in truth.encounters:
            assert e.sentence in text, (article.name, e.sentence)
            assert all(short[name] in e.sentence for name in e.participants), e.sentence
        shorts = [o.short for o in truth.officials]
        assert len(shorts) == len(set(shorts)), f"{article.name}: two officials share a name"


def test_synthetic_graph_has_kg_shape_and_conforms():
    import kg
    from benchmarks.synthetic import graphs

    item = next(graphs(seed=2, n_articles=1))
    graph = item.graph
    assert (item.iri, RDF.type, KG.Article) in graph
    assert any(graph.triples((None, RDF.type, NIF.Sentence)))
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    assert statements and all(graph.value(s, KG.confidence) is not None for s in statements)
    assert all(graph.value(s, PROV.wasDerivedFrom) is not None for s in statements)
    truth = next(articles(1, seed=2)).truth
    names = {str(n) for o in graph.subjects(RDF.type, KG.Official) for n in graph.objects(o, KG.name)}
    assert {o.name for o in truth.officials} <= names
    conforms, _, report = kg.validate(graph)
    assert conforms, report


def test_synthetic_graph_conforms_after_a_round_trip_through_the_store(tmp_path):
    import kg
    from benchmarks.synthetic import graphs
    from kg.store import Store

    item = next(graphs(seed=3, n_articles=1))
    with Store.open(tmp_path / "store") as store:
        store.replace_article(item.graph, item.iri, source=item.source)
        back = Graph()
        for triple in store.article_graph(str(item.iri)):
            back.add(triple)
    assert len(back) == len(item.graph) + 1  # and the article's kg:source
    conforms, _, report = kg.validate(back)
    # If only nif:beginIndex/endIndex fail here, Oxigraph wrote xsd:nonNegativeInteger back as xsd:integer.
    assert conforms, report


# --- name variants ---------------------------------------------------------------------------------------


def test_variants_are_off_by_default_and_deterministic_and_prefix_stable():
    plain = list(articles(12, seed=5))
    assert all(o.name == o.full and not o.variants for a in plain for o in a.truth.officials)
    first = list(generate(12, seed=5, variants=True))
    assert first == list(generate(12, seed=5, variants=True))
    assert first[:4] == list(generate(4, seed=5, variants=True))
    assert [text for _, text, _ in first] != [text for _, text, _ in generate(12, seed=5)]


def test_every_kind_of_variant_is_written(variant_sample):
    records = [o for a in variant_sample for o in a.truth.officials]
    kinds = Counter(kind for o in records for kind in o.variants)
    assert set(kinds) == set(gen.VARIANT_KINDS), kinds
    for o in records:
        if "surname only" in o.variants:
            assert o.name == o.short and " " not in o.name.strip(), o
        else:
            assert o.name.split()[-1] == o.full.split()[-1] or "diacritics" in o.variants, o
        if "nickname" in o.variants:
            assert o.name.split()[0] != o.full.split()[0], o
        if "middle initial" in o.variants:
            assert re.search(r" [A-Z]\. ", o.full) and not re.search(r" [A-Z]\. ", o.name), o
        if "diacritics" in o.variants:
            assert o.name.isascii() and not o.full.isascii(), o
        if not o.variants:
            assert o.name == o.full, o


def test_a_person_keeps_one_id_across_articles_and_names(variant_sample):
    people: dict[int, tuple] = {}
    forms: dict[int, set[str]] = {}
    for article in variant_sample:
        ids = [o.id for o in article.truth.officials]
        assert len(ids) == len(set(ids)), article.name
        for o in article.truth.officials:
            assert o.name in article.text, (article.name, o.name)
            person = (o.full, o.nation, o.title, o.female, o.rank)
            assert people.setdefault(o.id, person) == person, o
            forms.setdefault(o.id, set()).add(o.name)
    assert sum(len(f) > 1 for f in forms.values()) >= 20  # the same person under several names


def test_different_people_share_family_names(variant_sample):
    people = {o.id: o for a in variant_sample for o in a.truth.officials}
    days: dict[int, list[date]] = {}
    for article in variant_sample:
        for o in article.truth.officials:
            days.setdefault(o.id, []).append(article.published)
    same_office = same_nation = other_nation = successions = 0
    ids = sorted(people)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            p, q = people[a], people[b]
            if p.family != q.family:
                continue
            if p.nation != q.nation:
                other_nation += 1
            elif p.title != q.title:
                same_nation += 1
            else:
                same_office += 1
                successions += max(days[a]) < min(days[b]) or max(days[b]) < min(days[a])
    assert same_office and same_nation and other_nation and successions, (same_office, same_nation, other_nation)


def test_written_corpus_and_synthetic_graph_carry_the_names_as_written(tmp_path, variant_sample):
    from benchmarks.synthetic import article_graph

    written = gen.write_corpus(tmp_path / "corpus", 5, seed=2, variants=True)
    assert [a.text for a in written] == [a.text for a in variant_sample[:5]]
    article = next(a for a in variant_sample if any(o.variants for o in a.truth.officials))
    graph, _ = article_graph(article)
    names = {str(n) for o in graph.subjects(RDF.type, KG.Official) for n in graph.objects(o, KG.name)}
    assert {o.name for o in article.truth.officials} <= names


def test_resolution_scores_count_pairs_as_brute_force_does():
    import random

    from benchmarks.bench_resolution import Record, score

    rng = random.Random(4)
    kinds = gen.VARIANT_KINDS
    records = [
        Record(f"a{i}", f"o{i}", rng.randrange(8), tuple(k for k in kinds if rng.random() < 0.3)) for i in range(60)
    ]
    canonical = [f"c{rng.randrange(10)}" for _ in records]
    s = score(records, canonical)
    pairs = [(i, j) for i in range(len(records)) for j in range(i + 1, len(records))]
    same = {(i, j) for i, j in pairs if records[i].person == records[j].person}
    put = {(i, j) for i, j in pairs if canonical[i] == canonical[j]}
    assert (s.true_pairs, s.predicted_pairs, s.correct_pairs) == (len(same), len(put), len(same & put))
    assert s.precision == len(same & put) / len(put) and s.recall == len(same & put) / len(same)
    for kind in kinds:
        with_kind = {(i, j) for i, j in same if kind in records[i].variants or kind in records[j].variants}
        assert s.true_pairs_by_kind[kind] == len(with_kind)
        assert s.recall_by_kind[kind] == len(with_kind & put) / len(with_kind)
