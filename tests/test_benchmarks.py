"""``benchmarks/``: the corpus generator and the synthetic RDF the store benchmarks load (no spaCy model).

The generator must be deterministic, write what ``kg build DIR`` reads, vary its entities and repeat some, and
plant only what its text says; the synthetic graphs must have kg's shape (they pass kg's SHACL shapes, also
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


@pytest.fixture(scope="module")
def sample() -> list[gen.Generated]:
    return list(articles(60, seed=2))


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
