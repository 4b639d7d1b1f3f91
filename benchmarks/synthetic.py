"""Synthetic RDF in kg's exact shape, fast: the graphs kg would write for the generated articles if it read them
perfectly, without running spaCy.

    python benchmarks/synthetic.py --triples 20000 [--seed 1] [--out /tmp/synthetic.nq] [--validate]

For each article of :mod:`benchmarks.generate`, what the generator planted (officials with their titles and
nations, nations, places, treaties, encounters, each found in the text by string search, with the sentence it
is in) is turned into kg's own :class:`kg.model.Extraction` and handed to kg's own resolve and emit stages. The
graphs therefore have exactly the terms, IRIs, reification, confidences, ``nif:Sentence`` provenance and
``kg:Article`` context that ``kg build`` writes (about 700 triples an article), and follow kg when its resolve
or emit stage changes. What they lack is extraction noise: no missed or spurious mentions, and sentences cut
by a simple rule rather than by spaCy. About 1,000 articles a minute on one core, against several hours of
spaCy for a million triples.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/synthetic.py`: make the `benchmarks` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import rdflib

from benchmarks.generate import Encounter, Generated, articles
from benchmarks.world import world
from kg import emit, read, resolve
from kg.gazetteer import gazetteer
from kg.model import (
    EncounterMention,
    Extraction,
    NationMention,
    PersonMention,
    PlaceMention,
    Sentence,
    TreatyMention,
)

__all__ = ["ArticleGraph", "article_graph", "extraction", "graphs", "sentences"]

# Abbreviations after which a period does not end a sentence: ranks, months, "U.S.", initials.
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.|\b(?:Gen|Adm|Lt|Col|Cmdr|Capt|Sgt|Maj|Brig|Cpl|Pvt|Mr|Mrs|Ms|Dr|St|Jr|Sr|No|Jan|Feb|Aug|Sept|"
    r"Oct|Nov|Dec|Md|Va|Calif)\.|\bU\.S\.|\bU\.K\.|\bU\.N\.)$"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”]?\s+(?=[\"“A-Z])")
_TRIGGER = re.compile(
    r"\b(?:met with|met|meets|hosted|held talks|held a video call|spoke by phone|meeting|invited|travel|"
    r"did not meet|greets|speaks with)\b"
)


def sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of ``text``: each line apart, cut after ., ! or ? where no abbreviation ends."""
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for cut in _SENTENCE_END.finditer(line.group()):
            end = line.start() + cut.start()
            words = text[start:end].split()
            if words and _ABBREVIATION.search(words[-1]):
                continue
            _add(out, text, start, end)
            start = line.start() + cut.end()
        _add(out, text, start, line.end())
    return tuple(out)


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        start += len(chunk) - len(chunk.lstrip())
        out.append(Sentence(len(out), start, start + len(stripped), stripped))


def _find(text: str, needle: str) -> Iterator[tuple[int, int]]:
    for m in re.finditer(rf"(?<![\w.-]){re.escape(needle)}(?![\w-])", text):
        yield m.start(), m.end()


class _Locator:
    """Which sentence holds a character offset."""

    def __init__(self, sents: Sequence[Sentence]) -> None:
        self.sents = sents
        self.starts = [s.start for s in sents]

    def __call__(self, offset: int) -> int:
        import bisect

        return max(bisect.bisect_right(self.starts, offset) - 1, 0)


@cache
def _office(title: str) -> str | None:
    info = gazetteer().office(title)
    return info.canonical if info else None


def extraction(article: Generated) -> Extraction:
    """kg's :class:`~kg.model.Extraction` of a generated article, from what was planted in it."""
    read_article = read.read_text(article.text, published=article.published)
    # The home nation of an unqualified title needs the dateline's city (and kg's city index); every planted
    # official carries a nation already.
    read_article = dataclasses.replace(read_article, dateline_place=None)
    text = read_article.text
    sents = sentences(text)
    sentence_of = _Locator(sents)
    truth = article.truth

    people: list[PersonMention] = []
    taken: list[tuple[int, int]] = []
    for o in truth.officials:
        for start, end in _find(text, o.name):
            people.append(
                PersonMention(
                    o.name, start, end, sentence_of(start), title=o.title, office=_office(o.title), nation=o.nation,
                    rank=o.rank, confidence=0.85,
                )
            )  # fmt: skip
            taken.append((start, end))
    for o in truth.officials:
        for start, end in _find(text, o.short):
            if not any(s <= start < e for s, e in taken):
                people.append(PersonMention(o.short, start, end, sentence_of(start), confidence=0.7))
    people.sort(key=lambda p: p.start)

    nations: list[NationMention] = []
    the_world = world().nations
    for iso3 in truth.nations:
        nation = the_world.get(iso3)
        forms = {nation.name.removeprefix("the "), nation.short, nation.demonym} if nation else set()
        if iso3 == "USA":
            forms |= {"United States", "U.S."}
        for form in sorted(forms, key=len, reverse=True):
            for start, end in _find(text, form):
                if not any(n.start <= start < n.end for n in nations):
                    nations.append(NationMention(iso3, form, start, end, sentence_of(start)))
    nations.sort(key=lambda n: n.start)

    places = [
        PlaceMention(p.name, start, end, sentence_of(start), p.kind, p.country, p.geonames, p.wikidata, 0.85)
        for p in truth.places
        for form in {p.name, p.name.upper()}  # "WASHINGTON, March 3 —"
        for start, end in _find(text, form)
    ]
    places.sort(key=lambda p: p.start)

    treaties = [
        TreatyMention(t.surface, start, end, sentence_of(start), t.key, () if t.key else t.parties, confidence=0.9)
        for t in truth.treaties
        for start, end in _find(text, t.surface)
    ]
    # "Article 5 of the Mutual Defense Treaty": a provision of the treaty named after it.
    for t in truth.treaties:
        for start, _ in _find(text, f"Article 5 of the {t.surface}"):
            treaties.append(
                TreatyMention("Article 5", start, start + 9, sentence_of(start), t.key, provision=True, confidence=0.8)
            )
    treaties.sort(key=lambda t: t.start)

    encounters = [e for e in (_encounter(text, sents, people, places, x) for x in truth.encounters) if e]
    return Extraction(read_article, sents, tuple(people), tuple(nations), tuple(places), tuple(treaties),
                      tuple(encounters))  # fmt: skip


def _encounter(
    text: str,
    sents: Sequence[Sentence],
    people: Sequence[PersonMention],
    places: Sequence[PlaceMention],
    planted: Encounter,
) -> EncounterMention | None:
    at = text.find(planted.sentence)
    if at < 0:
        return None
    end = at + len(planted.sentence)
    index = next((s.index for s in sents if s.start <= at < s.end), None)
    if index is None:
        return None
    in_sentence = [i for i, p in enumerate(people) if at <= p.start < end]
    participants = []
    for name in planted.participants:
        # The full name, else the name the story uses later (a surname, or a Vietnamese given name).
        mention = next((i for i in in_sentence if people[i].name == name), None)
        if mention is None:
            mention = next((i for i in in_sentence if people[i].name in name.split()), None)
        if mention is not None:
            participants.append(mention)
    place = next(
        (i for i, p in enumerate(places) if at <= p.start < end and p.name == planted.place),
        None,
    )
    trigger = _TRIGGER.search(text, at, end)
    t_start, t_end = (trigger.start(), trigger.end()) if trigger else (at, at)
    return EncounterMention(
        kind=planted.kind,
        sentence=index,
        start=t_start,
        end=t_end,
        participants=tuple(participants),
        place=place,
        date=planted.date,
        dated=planted.date is not None,
        confidence=0.8 if planted.kind == "Meeting" else 0.7,
    )


def article_graph(article: Generated) -> tuple[rdflib.Graph, rdflib.URIRef]:
    """The graph kg writes for ``article`` (as if it read it perfectly), and the article's IRI."""
    found = extraction(article)
    graph = emit.emit(resolve.resolve(found))
    return graph, emit.article_iri(found.article.text)


@dataclass(frozen=True)
class ArticleGraph:
    """The graph of one generated article, its IRI, and its source (URL) as ``kg build --store`` records it."""

    graph: rdflib.Graph
    iri: rdflib.URIRef
    source: str


def graphs(seed: int = 1, *, n_articles: int | None = None, triples: int | None = None) -> Iterator[ArticleGraph]:
    """Graphs of the generated articles, one per article, until ``n_articles`` or ``triples`` in all."""
    total = 0
    for count, article in enumerate(articles(n_articles or 10**9, seed), start=1):
        graph, iri = article_graph(article)
        yield ArticleGraph(graph, iri, article.url)
        total += len(graph)
        if triples is not None and total >= triples:
            return
        if n_articles is not None and count >= n_articles:
            return


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--triples", type=int, metavar="N", help="stop once the graphs hold N triples")
    size.add_argument("--articles", type=int, metavar="N", help="graphs of the first N articles")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write the graphs as N-Quads (one named graph each)")
    parser.add_argument("--validate", action="store_true", help="check the union against kg's SHACL shapes")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    union = rdflib.Graph()
    quads = n = 0
    out = open(args.out, "w", encoding="utf-8") if args.out else None  # noqa: SIM115 - closed below
    try:
        for item in graphs(args.seed, n_articles=args.articles, triples=args.triples):
            n += 1
            quads += len(item.graph)
            if out:
                name = f"<{item.iri}>"
                for s, p, o in item.graph:
                    out.write(f"{s.n3()} {p.n3()} {o.n3()} {name} .\n")
            if args.validate:
                union += item.graph
    finally:
        if out:
            out.close()
    seconds = time.perf_counter() - started
    print(f"{n} article graphs, {quads:,} triples in all ({quads / n:.0f} an article), {seconds:.1f} s")
    if args.validate:
        import kg

        conforms, _, report = kg.validate(union)
        print("conforms to kg's shapes" if conforms else report)
        return 0 if conforms else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
