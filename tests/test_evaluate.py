"""``kg.evaluate`` and ``kg evaluate``: the matching rules on hand-made graphs and gold, the command's errors, and
(marked ``model``) a run on two articles of the dev set.

The hand-made graphs are small Turtle documents holding just what the five contract queries read. That the
scorer agrees with the one the dev set came with (``../shared/eval/score.py``) is checked by ``.ci/run`` where
``../shared`` is present; no test reads it.
"""

from __future__ import annotations

import doctest
import importlib
import json
import shutil
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

import kg.api
from kg.cli import cli
from kg.errors import InputError
from kg.evaluate import (
    FIGURES,
    Counts,
    Evaluation,
    evaluate,
    load_gold,
    match,
    same_name,
    same_person,
    same_title,
    same_treaty,
    score_article,
)

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "eval" / "dev"

PREFIXES = """
@prefix kg: <https://w3id.org/kg/ontology#> .
@prefix id: <https://w3id.org/kg/id/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
id:nation\\/USA a kg:Nation ; kg:name "United States" ; kg:iso3 "USA" .
id:nation\\/JPN a kg:Nation ; kg:name "Japan" ; kg:iso3 "JPN" .
"""


def turtle(text: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=PREFIXES + text, format="turtle")


def official(slug: str, name: str, title: str = "", nation: str = "USA", aliases: tuple[str, ...] = ()) -> str:
    alias = "".join(f' ; kg:alias "{a}"' for a in aliases)
    title_triple = f' ; kg:title "{title}"' if title else ""
    serves = f"kg:serves id:nation\\/{nation}"
    return f'id:official\\/{slug} a kg:Official ; kg:name "{name}"{alias}{title_triple} ; {serves} .\n'


def meeting(slug: str, people: tuple[str, ...], place: str | None = None, day: str | None = None) -> str:
    text = f"id:encounter\\/{slug} a kg:Meeting"
    text += "".join(f" ; kg:participant id:official\\/{p}" for p in people)
    if place:
        text += f" ; kg:place id:place\\/{place}"
    if day:
        text += f' ; kg:date "{day}"^^xsd:date'
    return text + " .\n"


MATTIS = {"name": "James N. Mattis", "aliases": ["Mattis", "Jim Mattis"], "title": "Defense Secretary", "nation": "USA"}
ABE = {"name": "Shinzo Abe", "aliases": ["Abe"], "title": "Prime Minister", "nation": "JPN"}
TOKYO = {"name": "Tokyo", "country": "JPN"}


def counts(score, figure: str) -> tuple[int, int, int]:
    c = score.counts[figure]
    return c.tp, c.fp, c.fn


# --- the name rules -------------------------------------------------------------------------------------------


def test_doctests() -> None:
    failures, _ = doctest.testmod(importlib.import_module("kg.evaluate"), optionflags=doctest.ELLIPSIS)
    assert failures == 0


@pytest.mark.parametrize(
    ("pred", "gold", "same"),
    [
        ("Mattis", ["James N. Mattis"], True),  # a surname alone is the person
        ("Secretary Jim Mattis", ["Jim Mattis"], True),  # honorifics do not count
        ("Gen. Charles Q. Brown Jr.", ["Charles Q. Brown"], True),
        ("James Mattis", ["Jim Mattis"], False),
        ("Minister", ["Shinzo Abe"], False),
    ],
)
def test_same_person(pred: str, gold: list[str], same: bool) -> None:
    assert same_person(pred, gold) is same


def test_same_name_and_title() -> None:
    assert same_name("Ministry of Defence", ["Ministry of Defense"])  # British spelling
    assert same_name("Futenma Air Station", ["Marine Corps Air Station Futenma", "Futenma Air Station"])
    assert not same_name("Okinawa", ["Tokyo"])
    assert same_title({"Defense Secretary"}, "Secretary of Defense")
    assert same_title(set(), None)  # any title will do when the gold gives none
    assert not same_title({"Army Sgt."}, "Prime Minister")


def test_same_treaty_on_two_tokens_needs_exactly_the_gold_parties() -> None:
    gold = {"name": "Memorandum of Understanding on Advancing Bilateral Defense Cooperation", "parties": ["USA", "VNM"]}
    loose = {"name": {"Memorandum of Understanding on Defense Cooperation"}, "party": {"USA", "VNM"}}
    assert same_treaty(loose, gold)
    assert not same_treaty({**loose, "party": {"USA"}}, gold)


def test_match_is_one_to_one_required_first_closest_first() -> None:
    golds = [{"name": "Prague Castle", "optional": True}, {"name": "Prague"}]
    preds = {"castle": "Prague Castle", "city": "Prague"}

    def same(pred: str, gold: dict) -> bool:
        return same_name(pred, [gold["name"]])

    pairs, extra, missed = match(preds, golds, same)
    assert pairs[0] == ("castle", golds[1])  # the required entry takes the first candidate (no closeness)
    pairs, extra, missed = match(preds, golds, same, lambda p, g: float(p == g["name"]))
    assert sorted(pairs, key=lambda pair: pair[0]) == [("castle", golds[0]), ("city", golds[1])]
    assert extra == [] and missed == []


def test_counts() -> None:
    assert Counts(2, 1, 1) + Counts(1, 0, 0) == Counts(3, 1, 1)
    assert (Counts().precision, Counts().recall, Counts().f1) == (1.0, 1.0, 1.0)  # nothing to find, nothing found
    assert Counts(0, 0, 2).precision == 0.0
    assert Counts(3, 1, 0).to_json() == {"p": 0.75, "r": 1.0, "f1": pytest.approx(6 / 7), "tp_fp_fn": [3, 1, 0]}


# --- scoring an article ---------------------------------------------------------------------------------------


def test_a_perfect_graph_scores_one() -> None:
    graph = turtle(
        official("jim-mattis", "Jim Mattis", "Defense Secretary")
        + official("shinzo-abe", "Shinzo Abe", "Prime Minister", "JPN")
        + 'id:place\\/tokyo a kg:Place ; kg:name "Tokyo" ; kg:country id:nation\\/JPN .\n'
        + meeting("m", ("jim-mattis", "shinzo-abe"), "tokyo", "2017-02-03")
    )
    gold = {
        "officials": [MATTIS, ABE],
        "nations": ["USA", "JPN"],
        "places": [TOKYO],
        "meetings": [{"participants": ["James N. Mattis", "Shinzo Abe"], "place": "Tokyo", "date": "2017-02-03"}],
    }
    score = score_article(graph, gold)
    assert score.misses == ()
    assert all(c.fp == 0 and c.fn == 0 for c in score.counts.values()), score.counts
    assert counts(score, "officials.strict") == (2, 0, 0)
    assert counts(score, "meetings.strict") == (1, 0, 0)


def test_an_unmerged_duplicate_official_is_a_false_positive() -> None:
    graph = turtle(
        official("jim-mattis", "Jim Mattis", "Defense Secretary") + official("mattis", "Mattis", "Defense Secretary")
    )
    score = score_article(graph, {"officials": [MATTIS], "nations": ["USA"]})
    assert counts(score, "officials") == (1, 1, 0)
    assert counts(score, "officials.strict") == (1, 1, 0)
    assert "official FP: ['Mattis']" in score.misses  # the closer name ("Jim Mattis") took the gold entry


def test_optional_entries_are_neither_required_nor_false_positives() -> None:
    photographer = {"name": "Amber I. Smith", "title": "Army Sgt.", "nation": "USA", "optional": True}
    gold = {"officials": [MATTIS, photographer], "nations": ["USA"], "places": [{**TOKYO, "optional": True}]}
    found = turtle(
        official("jim-mattis", "Jim Mattis", "Defense Secretary")
        + official("amber-smith", "Amber Smith", "Army Sgt.")
        + 'id:place\\/tokyo a kg:Place ; kg:name "Tokyo" ; kg:country id:nation\\/JPN .\n'
    )
    not_found = turtle(official("jim-mattis", "Jim Mattis", "Defense Secretary"))
    for graph in (found, not_found):
        score = score_article(graph, gold)
        assert counts(score, "officials.strict") == (1, 0, 0)
        assert counts(score, "places.strict") == (0, 0, 0)
    # A second node for an optional entry is no false positive either.
    twice = turtle(official("amber-smith", "Amber Smith") + official("smith", "Smith"))
    assert counts(score_article(twice, gold), "officials") == (0, 0, 1)


def test_implied_nations_are_not_false_positives() -> None:
    graph = turtle(
        official("shinzo-abe", "Shinzo Abe", "Prime Minister", "JPN")
        + 'id:nation\\/CHN a kg:Nation ; kg:name "China" ; kg:iso3 "CHN" .\n'
    )
    gold = {"officials": [ABE], "nations": ["JPN"], "places": [{"name": "Okinawa", "country": "JPN"}]}
    assert counts(score_article(graph, gold), "nations") == (1, 2, 0)  # USA and CHN are extra
    implied = {**gold, "treaties": [{"name": "U.S.-Japan security treaty", "parties": ["USA", "JPN"]}]}
    implied["places"] = [*gold["places"], {"name": "Beijing", "country": "CHN"}]
    score = score_article(graph, implied)
    assert counts(score, "nations") == (1, 0, 0)
    assert counts(score, "nations.strict") == (1, 0, 0)


def test_strict_figures_also_need_the_attributes() -> None:
    graph = turtle(
        official("jim-mattis", "Jim Mattis", "Defense Secretary", "JPN")  # wrong nation
        + 'id:place\\/tokyo a kg:Place ; kg:name "Tokyo" ; kg:country id:nation\\/USA .\n'  # wrong country
        + 'id:treaty\\/t a kg:Treaty ; kg:name "U.S.-Japan Security Treaty" ; kg:party id:nation\\/USA .\n'
    )
    gold = {
        "officials": [MATTIS],
        "nations": ["USA", "JPN"],
        "places": [TOKYO],
        "treaties": [{"name": "U.S.-Japan security treaty", "parties": ["USA", "JPN"]}],
    }
    score = score_article(graph, gold)
    for figure in ("officials", "places", "treaties"):
        assert counts(score, figure) == (1, 0, 0)  # found
        assert counts(score, f"{figure}.strict") == (0, 1, 1)  # but not right: a false positive and a miss
    assert counts(score, "official.title") == (1, 0, 0)
    assert counts(score, "official.nation") == (0, 0, 1)
    assert counts(score, "place.country") == (0, 0, 1)
    assert counts(score, "treaty.parties") == (0, 0, 1)
    assert "official James N. Mattis: title ['Defense Secretary'] vs 'Defense Secretary', nation ['JPN'] vs 'USA'" in (
        score.misses
    )


def test_meetings_pair_on_participants_then_place_then_date() -> None:
    people = official("jim-mattis", "Jim Mattis", "Defense Secretary") + official(
        "shinzo-abe", "Shinzo Abe", "Prime Minister", "JPN"
    )
    places = (
        'id:place\\/tokyo a kg:Place ; kg:name "Tokyo" ; kg:country id:nation\\/JPN .\n'
        'id:place\\/washington a kg:Place ; kg:name "Washington" ; kg:country id:nation\\/USA .\n'
    )
    both = ["James N. Mattis", "Shinzo Abe"]
    gold = {
        "officials": [MATTIS, ABE],
        "nations": ["USA", "JPN"],
        "places": [TOKYO, {"name": "Washington", "country": "USA"}],
        # listed in the other order than the graph's meetings: pairing must not follow the order
        "meetings": [
            {"participants": both, "place": "Washington", "date": None},
            {"participants": both, "place": "Tokyo", "date": "2017-02-03"},
        ],
    }
    graph = turtle(
        people
        + places
        + meeting("a", ("jim-mattis", "shinzo-abe"), "tokyo", "2017-02-03")
        + meeting("b", ("jim-mattis", "shinzo-abe"), "washington")
    )
    score = score_article(graph, gold)
    assert counts(score, "meetings.strict") == (2, 0, 0)
    assert counts(score, "meeting.place") == (2, 0, 0)
    # A meeting with only one of two participants matches no gold meeting: a false positive, and a miss.
    alone = turtle(people + places + meeting("a", ("jim-mattis",), "tokyo", "2017-02-03"))
    score = score_article(alone, {**gold, "meetings": gold["meetings"][1:]})
    assert counts(score, "meetings") == (0, 1, 1)
    assert "meeting FN: ['James N. Mattis', 'Shinzo Abe'] at Tokyo on 2017-02-03" in score.misses


def test_strict_and_lenient_meeting_figures() -> None:
    graph = turtle(
        official("jim-mattis", "Jim Mattis")
        + official("shinzo-abe", "Shinzo Abe", nation="JPN")
        + 'id:place\\/tokyo a kg:Place ; kg:name "Tokyo" .\n'
        + meeting("a", ("jim-mattis", "shinzo-abe"), "tokyo", "2017-02-02")  # the day before
    )
    gold = {"meetings": [{"participants": ["Jim Mattis", "Shinzo Abe"], "place": "Tokyo", "date": "2017-02-03"}]}
    score = score_article(graph, gold)
    assert counts(score, "meetings") == (1, 0, 0)
    assert counts(score, "meetings.strict") == (0, 1, 1)
    assert counts(score, "meeting.date") == (0, 0, 1)
    assert counts(score, "meeting.place") == (1, 0, 0)
    assert counts(score, "meeting.participants") == (1, 0, 0)


def test_overall_f1_is_the_mean_of_the_five_strict_figures() -> None:
    article = score_article(turtle(official("jim-mattis", "Jim Mattis", "Defense Secretary")), {"officials": [MATTIS]})
    evaluation = Evaluation((article, article))
    assert evaluation.figures["officials.strict"] == Counts(2, 0, 0)
    assert evaluation.figures["nations"] == Counts(0, 2, 0)  # USA, twice, listed nowhere in the gold
    assert evaluation.overall_f1 == pytest.approx((1 + 0 + 1 + 1 + 1) / 5)
    data = evaluation.to_json()
    assert list(data)[:2] == ["meetings", "meetings.strict"]
    assert data["articles_without_graph"] == 0
    assert {f"{name}.strict" for name in FIGURES} <= set(data)


# --- a gold folder and the command ----------------------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def dev_copy(folder: Path, *names: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name in names:
        for suffix in (".json", ".txt"):
            shutil.copy(DEV / f"{name}{suffix}", folder / f"{name}{suffix}")
    return folder


def test_load_gold_reads_the_dev_set() -> None:
    articles = load_gold(DEV)
    assert [a.name for a in articles] == [*(f"dev{i:02d}" for i in range(1, 15)), "seed"]
    assert all(a.text.is_file() and a.published is not None for a in articles)


def test_texts_may_lie_in_another_folder(tmp_path: Path) -> None:
    gold, texts = tmp_path / "gold", tmp_path / "texts"
    dev_copy(texts, "seed")
    gold.mkdir()
    (texts / "seed.json").rename(gold / "seed.json")
    [article] = load_gold(gold, texts)
    assert article.text == texts / "seed.txt"
    with pytest.raises(InputError, match="pass --texts"):
        load_gold(gold)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (None, "does not exist"),
        ({}, "holds no gold files"),
        ({"a.json": "{}"}, "have no text in .*: a.json; .*pass --texts"),
        ({"a.txt": "x", "a.json": "{"}, "not valid JSON"),
        ({"a.txt": "x", "a.json": "[]"}, "JSON object"),
        ({"a.txt": "x", "a.json": '{"officials": [{}]}'}, "'officials' must be a list of objects, each with 'name'"),
        ({"a.txt": "x", "a.json": '{"published": "2017-13-01"}'}, "'published' must be YYYY-MM-DD"),
    ],
    ids=["missing", "empty", "no-text", "bad-json", "not-object", "bad-entry", "bad-date"],
)
def test_evaluate_errors_are_one_line_with_exit_code_3(
    runner: CliRunner, tmp_path: Path, files: dict[str, str] | None, message: str
) -> None:
    folder = tmp_path / "missing" if files is None else tmp_path
    for name, content in (files or {}).items():
        (folder / name).write_text(content, encoding="utf-8")
    result = runner.invoke(cli, ["evaluate", str(folder)])
    assert result.exit_code == 3, result.output
    assert result.output.startswith("kg: error: ")
    assert len(result.output.strip().splitlines()) == 1
    with pytest.raises(InputError, match=message):
        evaluate(folder)


def test_a_missing_texts_folder_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["evaluate", str(dev_copy(tmp_path / "gold", "seed")), "--texts", str(tmp_path / "x")])
    assert result.exit_code == 3
    assert "--texts folder" in result.output


def test_an_article_that_fails_to_build_scores_as_an_empty_graph(tmp_path: Path, monkeypatch) -> None:
    def broken(article, **options):
        raise RuntimeError("kg broke")

    monkeypatch.setattr(kg.api, "build_article", broken)
    folder = dev_copy(tmp_path / "gold", "seed")
    evaluation = evaluate(folder)
    [failed] = evaluation.failed
    assert failed.name == "seed" and failed.error == "RuntimeError: kg broke"
    assert evaluation.figures["officials"] == Counts(0, 0, 4)
    assert evaluation.to_json()["articles_without_graph"] == 1


def test_evaluate_command_without_the_model(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    """The command's output with a stand-in build: the bundled example's golden graph for seed."""
    golden = rdflib.Graph().parse(ROOT / "tests" / "data" / "seed.ttl")
    monkeypatch.setattr(kg.api, "build_article", lambda article, **options: golden)
    folder = dev_copy(tmp_path / "gold", "seed")
    out = tmp_path / "figures.json"
    result = runner.invoke(cli, ["evaluate", str(folder), "-v", "--json", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == "overall F1 1.000"
    assert "figure                        P      R     F1   tp/fp/fn" in lines
    assert "officials.strict          1.000  1.000  1.000   4/0/0" in lines
    assert json.loads(out.read_text())["overall_f1"] == 1.0


# --- the dev set, with the model -------------------------------------------------------------------------------


@pytest.mark.model
def test_evaluate_two_dev_articles(runner: CliRunner, tmp_path: Path) -> None:
    folder = dev_copy(tmp_path / "gold", "seed", "dev01")
    out = tmp_path / "figures.json"
    result = runner.invoke(cli, ["evaluate", str(folder), "-v", "--json", str(out)])
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text())
    expected = {f"{name}{strict}" for name in FIGURES for strict in ("", ".strict")}
    assert expected <= set(figures)
    assert {"official.title", "official.nation", "place.country", "meeting.date"} <= set(figures)
    for name, figure in figures.items():
        if name not in ("overall_f1", "articles_without_graph"):
            assert set(figure) == {"p", "r", "f1", "tp_fp_fn"}
            assert len(figure["tp_fp_fn"]) == 3
    assert figures["articles_without_graph"] == 0
    overall = sum(figures[f"{name}.strict"]["f1"] for name in FIGURES) / 5
    assert figures["overall_f1"] == pytest.approx(overall)
    # What there is to find (tp + fn) is the gold's required entries: seed's and dev01's.
    to_find = {name: figures[name]["tp_fp_fn"][0] + figures[name]["tp_fp_fn"][2] for name in FIGURES}
    assert to_find == {"officials": 4 + 3, "nations": 5 + 3, "places": 4 + 5, "treaties": 1 + 1, "meetings": 1 + 1}
    assert figures["officials"]["tp_fp_fn"] == [7, 0, 0]  # kg finds every official of the two, and no other
    assert figures["overall_f1"] >= 0.9  # 1.000 when this test was written
    assert result.output.splitlines()[-1] == f"overall F1 {figures['overall_f1']:.3f}"
