"""Texts of any length and shape: cut into pieces for spaCy (kg.nlp.pieces), parsed and joined into one Doc
(kg.nlp.parse), so that the rules see one text; the --max-size limit; the rules' lookups over many mentions
(kg.spans). Piece sizes are made small here so that short texts written for the tests cross many pieces."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_views import meetings, official, officials
from rdflib.compare import isomorphic

import kg
import kg.nlp
import kg.spans
from kg.cli import cli
from kg.errors import InputError
from kg.nlp import pieces
from kg.spans import SpanIndex

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mattis-abe-tokyo-2017.txt"


# --- cutting a text into pieces ------------------------------------------------------------------------------


def cuts(text: str, limit: int) -> list[str]:
    parts = [text[s:e] for s, e in pieces(text, limit)]
    assert "".join(parts) == text, "the pieces must cover the text exactly, in order"
    assert all(0 < len(p) <= limit for p in parts)
    return parts


def test_a_short_text_is_one_piece() -> None:
    assert list(pieces("Mattis met Abe in Tokyo.", 100)) == [(0, 24)]
    assert list(pieces("", 100)) == [(0, 0)]


def test_pieces_end_at_paragraph_breaks_before_line_breaks_or_sentences() -> None:
    text = "First paragraph. It has two sentences.\nA second line.\n\nSecond paragraph here."
    assert cuts(text, 70) == ["First paragraph. It has two sentences.\nA second line.\n\n", "Second paragraph here."]
    text = "One line. Another sentence.\nThe next line, with more words in it."
    assert cuts(text, 50)[0] == "One line. Another sentence.\n"


def test_a_text_on_one_line_is_cut_at_sentence_ends_never_after_an_abbreviation() -> None:
    sentence = "Gen. Mark A. Milley met U.S. Secretary Austin on Jan. 5 in Washington, D.C. Talks went well. "
    parts = cuts(sentence * 40, 300)
    assert len(parts) > 10
    for part in parts:
        # Every piece ends where a sentence ends, after a lower-case word, never after "Gen.", "A.", "U.S.",
        # "Jan." or "D.C." (which could end the next piece's sentence too early).
        assert part.endswith("Talks went well. ")


def test_a_text_without_sentence_punctuation_or_spaces_is_cut_into_bounded_pieces() -> None:
    words = "the minister met his counterpart " * 1000
    parts = cuts(words, 500)
    assert all(part.endswith(" ") for part in parts[:-1]), "cut at spaces"
    token = "x" * 2_500
    assert [len(p) for p in cuts(token, 1_000)] == [1_000, 1_000, 500]


def test_cutting_is_linear_even_for_one_long_token_with_periods() -> None:
    # A regex that tried every start in a run of non-spaces would take hours here.
    assert len(cuts("a." * 500_000, 10_000)) == 100


# --- parsing in pieces -----------------------------------------------------------------------------------------


@pytest.mark.model
def test_parse_joins_the_pieces_into_one_doc_of_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.nlp, "PIECE_CHARS", 60)
    monkeypatch.setattr(kg.nlp, "BATCH_CHARS", 120)
    texts = ["Jim Mattis met Shinzo Abe.\n\n" * 12, "A short one.", "Gen. Smith spoke. " * 30]
    docs = list(kg.nlp.parse(texts))
    assert [d.text for d in docs] == texts
    sentences = [s.text.strip() for s in docs[0].sents]
    assert sentences == ["Jim Mattis met Shinzo Abe."] * 12
    assert {e.text for e in docs[0].ents if e.label_ == "PERSON"} >= {"Jim Mattis", "Shinzo Abe"}


@pytest.mark.model
def test_a_text_longer_than_spacys_limit_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    """spaCy refuses a text over nlp.max_length (E088); kg never hands it one. The limit is lowered here so
    that the test stays quick: the text is over three times as long."""
    nlp = kg.nlp.pipeline()
    monkeypatch.setattr(nlp, "max_length", 1_000)
    monkeypatch.setattr(kg.nlp, "PIECE_CHARS", 1_000)
    text = EXAMPLE.read_text(encoding="utf-8")
    assert len(text) > 3 * nlp.max_length
    graph = kg.build(text, published="2017-02-03")
    assert "Jim Mattis" in official(graph, "Jim Mattis")["name"]


@pytest.mark.model
def test_an_article_built_in_pieces_is_the_article_built_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Coreference, titles, the dateline and the dates carried between sentences see the whole text."""
    text = EXAMPLE.read_text(encoding="utf-8")
    whole = kg.build(text, published="2017-02-03")
    monkeypatch.setattr(kg.nlp, "PIECE_CHARS", 400)
    assert len(list(pieces(text))) > 5
    cut = kg.build(text, published="2017-02-03")
    assert isomorphic(whole, cut)


@pytest.mark.model
def test_coreference_and_dates_carry_across_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "TOKYO, Feb. 3, 2017 — Japanese Defense Minister Tomomi Inada welcomed U.S. Defense Secretary Jim "
        "Mattis.\n\n"
        + "Officials spoke of the alliance and of the region at length. " * 6
        + "\n\nOn Friday, the two ministers met at the ministry. Mattis thanked Inada, and the secretary left."
    )
    whole = kg.build(text, published="2017-02-03")
    monkeypatch.setattr(kg.nlp, "PIECE_CHARS", 120)
    assert len(list(pieces(text))) >= 4
    graph = kg.build(text, published="2017-02-03")
    assert isomorphic(whole, graph)
    assert len(officials(graph)) == 2, "the surnames in the last piece are the officials of the first"
    assert official(graph, "Jim Mattis")["name"] == {"Jim Mattis", "Mattis"}
    # "the two ministers" are the two named pieces before; "Friday" is the dateline's Friday.
    [meeting] = meetings(graph)
    assert {"Jim Mattis", "Tomomi Inada"} <= meeting["people"]
    assert meeting["date"] == {"2017-02-03"}


@pytest.mark.model
def test_a_long_text_on_one_line_keeps_its_officials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.nlp, "PIECE_CHARS", 500)
    text = re.sub(r"\s*\n\s*", " ", EXAMPLE.read_text(encoding="utf-8"))
    names = {n for o in officials(kg.build(text, published="2017-02-03")).values() for n in o["name"]}
    assert {"Jim Mattis", "Shinzo Abe", "Tomomi Inada"} <= names


# --- the size limit ------------------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_one_line_of_error(tmp_path: Path) -> None:
    article = tmp_path / "report.txt"
    article.write_text("Defense Secretary Jim Mattis met Prime Minister Shinzo Abe.\n" * 50_000, encoding="utf-8")
    with pytest.raises(InputError, match=r"report.txt is 3.0 MB, over the limit of 2.0 MB; .*--max-size"):
        kg.read.read_file(article, max_size=2_000_000)
    result = CliRunner().invoke(cli, ["build", str(article), "--max-size", "2", "-o", str(tmp_path / "out.ttl")])
    assert result.exit_code == 3
    assert result.output.count("\n") == 1 and "over the limit of 2.0 MB" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.ttl").exists()


def test_the_size_limit_takes_megabytes_above_zero(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Text.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(article), "--max-size", "0"])
    assert result.exit_code == 2 and "--max-size" in result.output


def test_a_store_build_skips_a_file_over_the_limit_and_builds_the_rest(tmp_path: Path, monkeypatch) -> None:
    from kg import corpus

    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text("Small.", encoding="utf-8")
    large.write_text("Large. " * 1000, encoding="utf-8")
    monkeypatch.setattr(kg.nlp, "parse", lambda texts, **_: (None for _ in texts))
    monkeypatch.setattr(kg.api, "article_triples", lambda article, **_: [])
    results = list(corpus.build_graphs(corpus.find_articles([tmp_path]), max_size=1_000))
    failed = {Path(r.source.path).name: r.message for r in results if isinstance(r, corpus.Failure)}
    assert list(failed) == ["large.txt"] and "over the limit of 1,000 bytes" in failed["large.txt"]
    assert len(results) == 2


# --- lookups over many mentions ----------------------------------------------------------------------------------


def test_span_index_answers_as_a_scan_of_the_spans_would() -> None:
    spans = [(s, s + 3 + s % 4, f"n{s}") for s in range(0, 400, 9)]
    index = SpanIndex(reversed(spans))
    for char in range(-2, 410):
        assert index.covering(char) == next((x for x in spans if x[0] <= char < x[1]), None)
    for start in range(0, 400, 7):
        for end in (start + 1, start + 5, start + 20):
            assert index.first_within(start, end) == next((x for x in spans if x[0] >= start and x[1] <= end), None)
            assert list(index.starting_in(start, end)) == [x for x in spans if start <= x[0] < end]
            assert list(index.overlapping(start, end)) == [x for x in spans if x[0] < end and start < x[1]]
            assert index.any_overlapping(start, end) == any(x[0] < end and start < x[1] for x in spans)


def test_any_overlapping_holds_for_spans_that_overlap_one_another() -> None:
    index = SpanIndex([(0, 100), (10, 12), (50, 51)])
    assert index.any_overlapping(60, 70)
    assert not SpanIndex([(0, 5), (3, 8)]).any_overlapping(8, 20)


def test_doctests() -> None:
    for module in (kg.nlp, kg.spans):
        assert doctest.testmod(module).failed == 0
