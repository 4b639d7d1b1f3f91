"""``scripts/calibration.py``: its pure functions on small hand-made inputs (no model, no dev set).

The judging tests use hand-made graphs and gold dicts, with the matching helpers of the scorer,
:mod:`kg.evaluate`, that the script imports.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, Graph, Literal, Namespace

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "calibration.py"
KG = Namespace("https://w3id.org/kg/ontology#")
KGR = Namespace("https://w3id.org/kg/id/")
XSD_DATE = rdflib.XSD.date
XSD_DECIMAL = rdflib.XSD.decimal


def _load_script():
    spec = importlib.util.spec_from_file_location("calibration_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


cal = _load_script()


# --- bands ------------------------------------------------------------------------------------------------


def test_band_labels_are_half_open_but_the_last() -> None:
    assert cal.band_labels() == ["[0.0,0.5)", "[0.5,0.6)", "[0.6,0.7)", "[0.7,0.8)", "[0.8,0.9)", "[0.9,1.0]"]
    assert cal.band_labels((0.0, 0.5, 1.0)) == ["[0.0,0.5)", "[0.5,1.0]"]


@pytest.mark.parametrize(
    ("confidence", "band"),
    [
        (0.0, 0),
        (0.3, 0),
        (0.49, 0),
        (0.5, 1),
        (0.59, 1),
        (0.6, 2),
        (0.65, 2),
        (0.7, 3),
        (0.8, 4),
        (0.85, 4),
        (0.9, 5),
        (0.95, 5),
        (1.0, 5),
        (Decimal("0.7"), 3),
    ],
)
def test_band_of(confidence, band: int) -> None:
    assert cal.band_of(confidence) == band


@pytest.mark.parametrize("confidence", [-0.1, 1.01])
def test_band_of_rejects_values_outside_the_edges(confidence: float) -> None:
    with pytest.raises(ValueError):
        cal.band_of(confidence)


# --- tables -----------------------------------------------------------------------------------------------


def test_precision_table_counts_per_band_and_overall() -> None:
    rows = cal.precision_table([(0.4, False), (0.45, True), (0.85, True), (0.8, True), (0.9, True), (1.0, False)])
    assert [r.label for r in rows] == [*cal.band_labels(), "all"]
    table = {r.label: (r.facts, r.right) for r in rows}
    assert table == {
        "[0.0,0.5)": (2, 1),
        "[0.5,0.6)": (0, 0),
        "[0.6,0.7)": (0, 0),
        "[0.7,0.8)": (0, 0),
        "[0.8,0.9)": (2, 2),
        "[0.9,1.0]": (2, 1),
        "all": (6, 4),
    }
    assert rows[0].precision == 0.5
    assert rows[1].precision is None
    assert rows[-1].precision == pytest.approx(4 / 6)


def test_precision_table_of_nothing() -> None:
    rows = cal.precision_table([])
    assert all(r.facts == 0 and r.precision is None for r in rows)


def test_judged_pairs_leave_out_skipped_facts_and_filter_by_kind() -> None:
    def judged(kind: str, confidence: float, right: bool | None):
        return cal.Judged(cal.Fact(kind, KGR["x"], "v", confidence), right)

    items = [judged("place.name", 0.8, True), judged("place.name", 0.6, None), judged("official.name", 0.4, False)]
    assert cal.judged_pairs(items) == [(0.8, True), (0.4, False)]
    assert cal.judged_pairs(items, "place.name") == [(0.8, True)]


def test_monotonic() -> None:
    rising = cal.precision_table([(0.3, False), (0.3, True), (0.75, True), (0.95, True)])
    ok, line = cal.monotonic(rising)
    assert ok and line.startswith("yes")
    falling = cal.precision_table([(0.3, True), (0.75, True), (0.76, False)])
    ok, line = cal.monotonic(falling)
    assert not ok and "[0.0,0.5) 1.000 -> [0.7,0.8) 0.500" in line
    ok, line = cal.monotonic(cal.precision_table([(0.9, True)]))
    assert not ok and line.startswith("cannot tell")


def test_markdown_table() -> None:
    text = cal.markdown_table(cal.precision_table([(0.85, True), (0.82, False)]))
    lines = text.splitlines()
    assert lines[0] == "| confidence | facts | right | precision |"
    assert lines[1] == "|---|---:|---:|---:|"
    assert "| `[0.8,0.9)` | 2 | 1 | 0.500 |" in lines
    assert "| `[0.5,0.6)` | 0 | 0 | – |" in lines
    assert lines[-1] == "| **all** | 2 | 1 | 0.500 |"
    assert len(lines) == 2 + 6 + 1


def test_kind_matrix_has_a_row_per_kind() -> None:
    fact = cal.Fact("treaty.party", KGR["t"], "USA", 0.95)
    text = cal.kind_matrix([cal.Judged(fact, True)], markdown=True)
    row = next(line for line in text.splitlines() if line.startswith("| treaty.party "))
    assert row.endswith("| 1/1 | 1/1 | 1.000 |")
    assert len(text.splitlines()) == 2 + len(cal.KINDS)


# --- facts and judging on a hand-made graph -----------------------------------------------------------------


def _fact(graph: Graph, s, p, o, confidence: str) -> None:
    graph.add((s, p, o))
    statement = KGR[f"statement/{hashlib.sha1(f'{s} {p} {o}'.encode()).hexdigest()[:16]}"]
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, s))
    graph.add((statement, RDF.predicate, p))
    graph.add((statement, RDF.object, o))
    graph.add((statement, KG.confidence, Literal(Decimal(confidence), datatype=XSD_DECIMAL)))


def _graph() -> Graph:
    g = Graph()
    mattis, lich, white = KGR["official/jim-mattis"], KGR["official/lich"], KGR["official/dana-white"]
    bob = KGR["official/bob-jones"]
    pentagon, prague = KGR["place/pentagon"], KGR["place/prague"]
    mou, meeting = KGR["treaty/mou"], KGR["encounter/abc"]
    usa, vnm = KGR["nation/USA"], KGR["nation/VNM"]
    for node, kind in [
        (mattis, KG.Official),
        (lich, KG.Official),
        (white, KG.Official),
        (bob, KG.Official),
        (pentagon, KG.Place),
        (prague, KG.Place),
        (mou, KG.Treaty),
        (meeting, KG.Meeting),
        (meeting, KG.Encounter),
    ]:
        g.add((node, RDF.type, kind))
    _fact(g, mattis, KG.name, Literal("Jim Mattis"), "0.85")
    _fact(g, mattis, KG.title, Literal("Defense Secretary"), "0.85")
    _fact(g, mattis, KG.serves, usa, "0.85")
    _fact(g, lich, KG.name, Literal("Ngo Xuan Lich"), "0.85")
    _fact(g, lich, KG.serves, usa, "0.45")  # wrong: VNM
    _fact(g, white, KG.name, Literal("Dana White"), "0.65")  # optional in this gold
    _fact(g, bob, KG.name, Literal("Bob Jones"), "0.6")  # not in the gold
    _fact(g, bob, KG.title, Literal("Reporter"), "0.6")
    _fact(g, pentagon, KG.name, Literal("Pentagon"), "0.85")
    _fact(g, pentagon, KG.country, usa, "0.85")
    _fact(g, prague, KG.name, Literal("Prague"), "0.7")
    _fact(g, mou, KG.name, Literal("Memorandum of Understanding on Defense Cooperation"), "0.9")
    _fact(g, mou, KG.party, usa, "0.9")
    _fact(g, mou, KG.party, vnm, "0.9")
    _fact(g, meeting, KG.participant, mattis, "0.8")
    _fact(g, meeting, KG.participant, lich, "0.8")
    _fact(g, meeting, KG.participant, white, "0.5")  # not in the gold meeting
    _fact(g, meeting, KG.place, pentagon, "0.8")
    _fact(g, meeting, KG.date, Literal("2017-08-08", datatype=XSD_DATE), "0.8")
    return g


GOLD = {
    "published": "2017-08-08",
    "officials": [
        {"name": "James N. Mattis", "aliases": ["Jim Mattis", "Mattis"], "title": "Defense Secretary", "nation": "USA"},
        {"name": "Ngo Xuan Lich", "aliases": ["Lich"], "title": "Defense Minister", "nation": "VNM"},
        {"name": "Dana W. White", "aliases": ["White"], "title": "Spokesperson", "nation": "USA", "optional": True},
    ],
    "places": [{"name": "Pentagon", "aliases": [], "country": "USA"}],
    "treaties": [
        {
            "name": "Memorandum of Understanding on Advancing Bilateral Defense Cooperation",
            "aliases": [],
            "parties": ["USA", "VNM"],
        }
    ],
    "meetings": [{"participants": ["James N. Mattis", "Ngo Xuan Lich"], "place": "Pentagon", "date": "2017-08-08"}],
}


def test_collect_facts_reads_the_reified_statements() -> None:
    facts = cal.collect_facts(_graph())
    assert len(facts) == 19
    serves = {(str(f.subject).rsplit("/", 1)[-1], f.value, f.confidence) for f in facts if f.kind == "official.serves"}
    assert serves == {("jim-mattis", "USA", 0.85), ("lich", "USA", 0.45)}
    assert [f.value for f in facts if f.kind == "meeting.date"] == ["2017-08-08"]


def test_judge_article() -> None:
    graph = _graph()
    verdicts = {}
    for j in cal.judge_article(graph, GOLD):
        f = j.fact
        value = (
            (cal.names(graph, f.value) or [str(f.value)])[0]
            if f.kind in ("meeting.participant", "meeting.place")
            else f.value
        )
        subject = (cal.names(graph, f.subject) or [str(f.subject).rsplit("/", 1)[-1]])[0]
        verdicts[(f.kind, subject, value)] = j.right
    assert verdicts == {
        ("official.name", "Jim Mattis", "Jim Mattis"): True,
        ("official.title", "Jim Mattis", "Defense Secretary"): True,
        ("official.serves", "Jim Mattis", "USA"): True,
        ("official.name", "Ngo Xuan Lich", "Ngo Xuan Lich"): True,
        ("official.serves", "Ngo Xuan Lich", "USA"): False,
        ("official.name", "Dana White", "Dana White"): None,  # optional: not counted
        ("official.name", "Bob Jones", "Bob Jones"): False,
        ("official.title", "Bob Jones", "Reporter"): False,
        ("place.name", "Pentagon", "Pentagon"): True,
        ("place.country", "Pentagon", "USA"): True,
        ("place.name", "Prague", "Prague"): False,
        (
            "treaty.name",
            "Memorandum of Understanding on Defense Cooperation",
            "Memorandum of Understanding on Defense Cooperation",
        ): True,  # the looser rule: tokens and parties
        ("treaty.party", "Memorandum of Understanding on Defense Cooperation", "USA"): True,
        ("treaty.party", "Memorandum of Understanding on Defense Cooperation", "VNM"): True,
        ("meeting.participant", "abc", "Jim Mattis"): True,
        ("meeting.participant", "abc", "Ngo Xuan Lich"): True,
        ("meeting.participant", "abc", "Dana White"): False,
        ("meeting.place", "abc", "Pentagon"): True,
        ("meeting.date", "abc", "2017-08-08"): True,
    }


def test_a_duplicate_node_is_wrong_but_keeps_its_referent() -> None:
    graph = Graph()
    a, b = KGR["place/prague"], KGR["place/prague-castle"]
    for node, name in [(a, "Prague"), (b, "Prague Castle")]:
        graph.add((node, RDF.type, KG.Place))
        _fact(graph, node, KG.name, Literal(name), "0.8")
        _fact(graph, node, KG.country, KGR["nation/CZE"], "0.8")
    gold = {"places": [{"name": "Prague Castle", "aliases": [], "country": "CZE"}]}
    verdicts = {
        (j.fact.kind, j.fact.value): j.right for j in cal.judge_article(graph, gold) if j.fact.kind == "place.name"
    }
    assert verdicts == {("place.name", "Prague Castle"): True, ("place.name", "Prague"): False}
    countries = [j.right for j in cal.judge_article(graph, gold) if j.fact.kind == "place.country"]
    assert countries == [True, True]
