"""Calibration of kg's confidence: are facts with a higher ``kg:confidence`` right more often?

kg reifies every fact it extracts as an ``rdf:Statement`` with a ``kg:confidence`` in [0, 1]. This script
builds every article of the annotated dev set in-process (``kg.build(text, published=gold["published"])``,
so the spaCy model loads once), judges each reified fact of the kinds below against the gold annotations,
and prints, per confidence band, how many facts there are, how many are right and the precision, overall
and per fact kind. The matching helpers (``same_person``, ``same_name``, ``same_title``, ``same_treaty``,
``date_ok``, ``tokens``, ``match``, ...) are those of the scorer, :mod:`kg.evaluate` (``kg evaluate``).

How each fact kind is judged (a verdict is right, wrong, or skipped; skipped facts are not counted):

- Entities (officials, places, treaties) are paired one-to-one with gold entries with the scorer's ``match``
  (on the entity's ``kg:name`` and ``kg:alias`` values, closest names first). An entity left unpaired refers
  to the gold entry it names (an optional one if any, else the closest), so a duplicate node still has a
  referent.
- ``official.name`` (kg:name of a kg:Official): right if the entity is paired with a required gold official
  and the name is ``same_person`` as it; skipped if the referent is optional; wrong if it names no gold
  official or is an unmerged duplicate of one that another node already took.
- ``official.title``: ``same_title`` against the referent's title (skipped when the gold has no title).
- ``official.serves``: the ISO3 at the end of the nation IRI equals the referent's ``nation`` (a gold
  ``null`` nation, e.g. a NATO official, makes any nation wrong).
- ``place.name``: as ``official.name`` with ``same_name`` over the gold names and aliases.
- ``place.country``: equals the referent's ``country`` (wrong when the gold gives none, e.g. a sea).
- ``treaty.name``: as ``official.name`` with the scorer's ``same_treaty`` (``same_name``, or two shared name
  tokens and exactly the gold parties).
- ``treaty.party``: in the referent's ``parties`` (skipped when the gold lists none: a soft field).
- An attribute of an entity that has no gold referent at all is wrong; one of an optional referent is
  skipped.
- ``meeting.participant`` (of a kg:Meeting): right if the participant is the same person as a participant
  of some gold meeting and another participant of the same kg:Meeting matches another participant of that
  gold meeting (for a one-person gold meeting, matching that person is enough).
- ``meeting.date`` / ``meeting.place``: right if some gold meeting with at least two (or all, if fewer)
  matching participants has that date / a place whose names ``same_name`` matches the place's names.
- For meeting facts, support from a required gold meeting makes a fact right; support only from an optional
  one skips it; no support is wrong.

Run from the repository root:

    .venv/bin/python scripts/calibration.py                 # plain tables, overall and per kind, on eval/dev
    .venv/bin/python scripts/calibration.py --markdown      # the overall table as Markdown
    .venv/bin/python scripts/calibration.py -v              # also list every wrong fact

Needs only the standard library, rdflib and kg. Takes well under two minutes on the dev set.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from rdflib import RDF, Graph, Namespace, URIRef

import kg
from kg.evaluate import (
    date_ok,
    match,
    name_closeness,
    names_of,
    person_closeness,
    same_name,
    same_person,
    same_title,
    same_treaty,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT / "eval" / "dev"
KG = Namespace("https://w3id.org/kg/ontology#")

EDGES: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
KINDS: tuple[str, ...] = (
    "official.name",
    "official.title",
    "official.serves",
    "place.name",
    "place.country",
    "treaty.name",
    "treaty.party",
    "meeting.participant",
    "meeting.date",
    "meeting.place",
)
# (rdf:type of the subject, predicate) -> fact kind
FACT_KINDS: dict[tuple[URIRef, URIRef], str] = {
    (KG.Official, KG.name): "official.name",
    (KG.Official, KG.title): "official.title",
    (KG.Official, KG.serves): "official.serves",
    (KG.Place, KG.name): "place.name",
    (KG.Place, KG.country): "place.country",
    (KG.Treaty, KG.name): "treaty.name",
    (KG.Treaty, KG.party): "treaty.party",
    (KG.Meeting, KG.participant): "meeting.participant",
    (KG.Meeting, KG.date): "meeting.date",
    (KG.Meeting, KG.place): "meeting.place",
}


@dataclass(frozen=True)
class Fact:
    """One reified fact of a kind this script judges."""

    kind: str
    subject: URIRef
    value: Any  # a str for names and titles, an ISO3 for nations, a date string, or an IRI
    confidence: float


@dataclass(frozen=True)
class Judged:
    """A fact with its verdict: True (right), False (wrong) or None (skipped, not counted)."""

    fact: Fact
    right: bool | None
    why: str = ""


@dataclass(frozen=True)
class Row:
    """One line of a precision table."""

    label: str
    facts: int
    right: int

    @property
    def precision(self) -> float | None:
        return self.right / self.facts if self.facts else None


# --- bands and tables (pure) ------------------------------------------------------------------------------


def band_labels(edges: Sequence[float] = EDGES) -> list[str]:
    """``[0.0,0.5)``, ..., with the last band closed: ``[0.9,1.0]``."""
    last = len(edges) - 2
    return [f"[{lo:.1f},{hi:.1f}{']' if i == last else ')'}" for i, (lo, hi) in enumerate(pairwise(edges))]


def band_of(confidence: float, edges: Sequence[float] = EDGES) -> int:
    """The index of the band holding ``confidence``; bands are half-open except the last, which holds 1.0."""
    c = float(confidence)
    if not edges[0] <= c <= edges[-1]:
        raise ValueError(f"confidence {confidence} outside [{edges[0]}, {edges[-1]}]")
    for i in range(len(edges) - 2, -1, -1):
        if c >= edges[i]:
            return i
    return 0  # pragma: no cover - unreachable, c >= edges[0]


def precision_table(items: Iterable[tuple[float, bool]], edges: Sequence[float] = EDGES) -> list[Row]:
    """One Row per band (empty bands included) and a last ``all`` row, from (confidence, right) pairs."""
    labels = band_labels(edges)
    counts = [[0, 0] for _ in labels]
    for confidence, right in items:
        cell = counts[band_of(confidence, edges)]
        cell[0] += 1
        cell[1] += int(bool(right))
    rows = [Row(label, n, r) for label, (n, r) in zip(labels, counts, strict=True)]
    rows.append(Row("all", sum(r.facts for r in rows), sum(r.right for r in rows)))
    return rows


def judged_pairs(judged: Iterable[Judged], kind: str | None = None) -> list[tuple[float, bool]]:
    """(confidence, right) of the counted (not skipped) facts, of one kind or of all."""
    return [
        (j.fact.confidence, bool(j.right))
        for j in judged
        if j.right is not None and (kind is None or j.fact.kind == kind)
    ]


def monotonic(rows: Sequence[Row]) -> tuple[bool, str]:
    """Whether precision never falls from one non-empty band to the next, with a one-line explanation."""
    bands = [r for r in rows if r.label != "all" and r.facts]
    if len(bands) < 2:
        return False, f"cannot tell: only {len(bands)} non-empty band(s)"
    falls = [(a, b) for a, b in pairwise(bands) if b.precision < a.precision]  # type: ignore[operator]
    if not falls:
        return True, f"yes: precision never falls across the {len(bands)} non-empty bands"
    text = "; ".join(f"{a.label} {a.precision:.3f} -> {b.label} {b.precision:.3f}" for a, b in falls)
    return False, f"no: it falls {text}"


def _cell(row: Row) -> str:
    return "–" if row.precision is None else f"{row.precision:.3f}"


def markdown_table(rows: Sequence[Row]) -> str:
    lines = ["| confidence | facts | right | precision |", "|---|---:|---:|---:|"]
    for r in rows:
        label = "**all**" if r.label == "all" else f"`{r.label}`"
        lines.append(f"| {label} | {r.facts} | {r.right} | {_cell(r)} |")
    return "\n".join(lines)


def plain_table(rows: Sequence[Row]) -> str:
    lines = [f"{'confidence':12} {'facts':>6} {'right':>6} {'precision':>9}"]
    lines += [f"{r.label:12} {r.facts:6d} {r.right:6d} {_cell(r):>9}" for r in rows]
    return "\n".join(lines)


def kind_matrix(judged: Sequence[Judged], edges: Sequence[float] = EDGES, markdown: bool = False) -> str:
    """Per fact kind, ``right/facts`` in each band and overall."""
    labels = [*band_labels(edges), "all"]
    body = []
    for kind in KINDS:
        rows = precision_table(judged_pairs(judged, kind), edges)
        body.append([kind, *(f"{r.right}/{r.facts}" if r.facts else "–" for r in rows), _cell(rows[-1])])
    head = ["kind", *labels, "precision"]
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
        out += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(out)
    widths = [max(len(str(x[i])) for x in [head, *body]) for i in range(len(head))]
    return "\n".join(
        "  ".join(str(x[i]).rjust(widths[i]) if i else str(x[i]).ljust(widths[i]) for i in range(len(head)))
        for x in [head, *body]
    )


# --- facts from a graph -----------------------------------------------------------------------------------


def names(graph: Graph, node: URIRef) -> list[str]:
    """kg:name values first, then kg:alias values."""
    return sorted(str(n) for n in graph.objects(node, KG.name)) + sorted(str(a) for a in graph.objects(node, KG.alias))


def iso3(node: Any) -> str:
    return str(node).rstrip("/").rsplit("/", 1)[-1]


def collect_facts(graph: Graph) -> list[Fact]:
    """The reified facts of the judged kinds, each with its confidence."""
    facts = []
    for statement in graph.subjects(RDF.type, RDF.Statement):
        subject = graph.value(statement, RDF.subject)
        predicate = graph.value(statement, RDF.predicate)
        obj = graph.value(statement, RDF.object)
        confidence = graph.value(statement, KG.confidence)
        if subject is None or predicate is None or obj is None or confidence is None:
            continue
        for rdf_type in graph.objects(subject, RDF.type):
            kind = FACT_KINDS.get((rdf_type, predicate))
            if kind is None:
                continue
            if predicate in (KG.serves, KG.party, KG.country):
                value: Any = iso3(obj)
            elif predicate == KG.date:
                value = str(obj)[:10]
            elif predicate in (KG.participant, KG.place):
                value = obj
            else:
                value = str(obj)
            facts.append(Fact(kind, subject, value, float(confidence)))
    return sorted(facts, key=lambda f: (f.kind, str(f.subject), str(f.value)))


# --- judging ----------------------------------------------------------------------------------------------


def refer(
    preds: dict,
    golds: list[dict],
    same: Callable,
    closeness: Callable | None = None,
) -> dict[Any, tuple[dict | None, bool]]:
    """Each predicted entity -> (its gold referent or None, whether the scorer's one-to-one match paired them).

    Unpaired entities refer to an optional gold entry they match if any (the scorer does not count those as
    false positives), else to the closest required one they match (an unmerged duplicate)."""
    pairs, extra, _ = match(preds, golds, same, closeness)
    out: dict[Any, tuple[dict | None, bool]] = {k: (g, True) for k, g in pairs}
    for k in extra:
        candidates = [g for g in golds if same(preds[k], g)]
        optional = [g for g in candidates if g.get("optional")]
        if optional:
            out[k] = (optional[0], False)
        elif candidates:
            out[k] = (max(candidates, key=lambda g: closeness(preds[k], g) if closeness else 0), False)
        else:
            out[k] = (None, False)
    return out


def judge_name(
    fact: Fact, referent: tuple[dict | None, bool], name_ok: Callable[[str, dict], bool], what: str
) -> Judged:
    gold, paired = referent
    if gold is None:
        return Judged(fact, False, f"no such {what} in the gold")
    if gold.get("optional"):
        return Judged(fact, None, "optional")
    if not paired:
        return Judged(fact, False, f"duplicate of gold {gold['name']!r}")
    if name_ok(fact.value, gold):
        return Judged(fact, True)
    return Judged(fact, False, f"name does not match gold {gold['name']!r}")


def judge_attribute(
    fact: Fact, referent: tuple[dict | None, bool], check: Callable[[Any, dict], bool | None], what: str
) -> Judged:
    gold, _ = referent
    if gold is None:
        return Judged(fact, False, f"the {what} is not in the gold")
    if gold.get("optional"):
        return Judged(fact, None, "optional")
    verdict = check(fact.value, gold)
    return Judged(fact, verdict, "" if verdict is not False else f"gold {gold['name']!r} says otherwise")


def judge_article(graph: Graph, gold: dict) -> list[Judged]:
    """Judge every reified fact of the judged kinds in one article's graph."""
    facts = collect_facts(graph)
    out: list[Judged] = []

    def subjects(kind_prefix: str) -> list[URIRef]:
        return sorted({f.subject for f in facts if f.kind.startswith(kind_prefix)}, key=str)

    # Officials
    golds = gold.get("officials", [])
    preds = {o: {"name": set(names(graph, o))} for o in subjects("official.")}

    def same_official(p: dict, g: dict) -> bool:
        return any(same_person(n, names_of(g)) for n in p["name"])

    officials = refer(preds, golds, same_official, lambda p, g: person_closeness(p["name"], names_of(g)))

    def title_ok(value: str, g: dict) -> bool | None:
        return same_title({value}, g["title"]) if g.get("title") else None

    # Places
    gold_places = gold.get("places", [])
    preds = {p: {"name": set(names(graph, p))} for p in subjects("place.")}
    places = refer(
        preds,
        gold_places,
        lambda p, g: any(same_name(n, names_of(g)) for n in p["name"]),
        lambda p, g: name_closeness(p["name"], names_of(g)),
    )

    # Treaties
    golds_t = gold.get("treaties", [])
    treaty_parties = {t: {iso3(x) for x in graph.objects(t, KG.party)} for t in subjects("treaty.")}
    preds = {t: {"name": set(names(graph, t)), "party": treaty_parties[t]} for t in treaty_parties}
    treaties = refer(preds, golds_t, same_treaty, lambda p, g: name_closeness(p["name"], names_of(g)))

    def party_ok(value: str, g: dict) -> bool | None:
        return value in g["parties"] if g.get("parties") else None

    # Meetings
    officials_by_name = {o["name"]: o for o in golds}
    places_by_name = {p["name"]: p for p in gold_places}
    gold_meetings = gold.get("meetings", [])

    def people(g: dict) -> list[list[str]]:
        return [names_of(officials_by_name.get(n, {"name": n})) for n in g["participants"]]

    def matches(person: URIRef, g: dict) -> set[int]:
        """Indices of the gold meeting's participants this graph node is the same person as."""
        ns = names(graph, person)
        return {i for i, gn in enumerate(people(g)) if any(same_person(n, gn) for n in ns)}

    def overlap(meeting: URIRef, g: dict) -> int:
        found: set[int] = set()
        for person in graph.objects(meeting, KG.participant):
            found |= matches(person, g)
        return len(found)

    def supported(fact: Fact) -> tuple[bool | None, str]:
        meeting = fact.subject
        verdict: bool | None = False
        for g in gold_meetings:
            if fact.kind == "meeting.participant":
                mine = matches(fact.value, g)
                others = set()
                for other in graph.objects(meeting, KG.participant):
                    if other != fact.value:
                        others |= matches(other, g)
                ok = bool(mine) and (len(g["participants"]) == 1 or any(others - {i} for i in mine))
            else:
                if overlap(meeting, g) < min(2, len(g["participants"])):
                    continue
                if fact.kind == "meeting.date":
                    ok = bool(g.get("date")) and date_ok({fact.value}, g["date"])
                else:
                    place = g.get("place")
                    gp = places_by_name.get(place, {"name": place}) if place else None
                    ok = gp is not None and any(same_name(n, names_of(gp)) for n in names(graph, fact.value))
            if ok and not g.get("optional"):
                return True, ""
            if ok:
                verdict = None
        return verdict, ("optional" if verdict is None else "no gold meeting supports it")

    for f in facts:
        if f.kind == "official.name":
            out.append(judge_name(f, officials[f.subject], lambda v, g: same_person(v, names_of(g)), "official"))
        elif f.kind == "official.title":
            out.append(judge_attribute(f, officials[f.subject], title_ok, "official"))
        elif f.kind == "official.serves":
            out.append(judge_attribute(f, officials[f.subject], lambda v, g: v == g.get("nation"), "official"))
        elif f.kind == "place.name":
            out.append(judge_name(f, places[f.subject], lambda v, g: same_name(v, names_of(g)), "place"))
        elif f.kind == "place.country":
            out.append(judge_attribute(f, places[f.subject], lambda v, g: v == g.get("country"), "place"))
        elif f.kind == "treaty.name":
            out.append(
                judge_name(
                    f,
                    treaties[f.subject],
                    lambda v, g, t=f.subject: same_treaty({"name": {v}, "party": treaty_parties[t]}, g),
                    "treaty",
                )
            )
        elif f.kind == "treaty.party":
            out.append(judge_attribute(f, treaties[f.subject], party_ok, "treaty"))
        else:
            verdict, why = supported(f)
            out.append(Judged(f, verdict, why))
    return out


def describe(graph: Graph, j: Judged) -> str:
    f = j.fact
    subject = (names(graph, f.subject) or [str(f.subject)])[0]
    value = (names(graph, f.value) or [str(f.value)])[0] if isinstance(f.value, URIRef) else f.value
    return f"  {f.confidence:.2f} {f.kind:20} {subject!r} -> {value!r}: {j.why}"


# --- main -------------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--gold",
        type=Path,
        default=DEFAULT_GOLD,
        help="folder of gold NAME.json + NAME.txt (default: eval/dev)",
    )
    ap.add_argument("--markdown", action="store_true", help="print the overall table as Markdown")
    ap.add_argument("--by-kind", action="store_true", help="with --markdown, also print the per-kind table")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every wrong fact")
    args = ap.parse_args(argv)

    gold_files = sorted(args.gold.glob("*.json"))
    if not gold_files:
        print(f"calibration: no gold files in {args.gold}", file=sys.stderr)
        return 2
    judged: list[Judged] = []
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text())
        text = gold_file.with_suffix(".txt").read_text()
        graph = kg.build(text, published=gold.get("published"))
        article = judge_article(graph, gold)
        judged += article
        if args.verbose:
            wrong = [j for j in article if j.right is False]
            print(f"{gold_file.stem}: {len(wrong)} wrong of {sum(j.right is not None for j in article)}")
            print("\n".join(describe(graph, j) for j in wrong))

    rows = precision_table(judged_pairs(judged))
    skipped = sum(j.right is None for j in judged)
    _, line = monotonic(rows)
    if args.markdown:
        print(markdown_table(rows))
        print()
        print(f"Precision increases with confidence: {line} ({len(gold_files)} articles, {skipped} facts skipped).")
        if args.by_kind:
            print()
            print(kind_matrix(judged, markdown=True))
    else:
        print(f"Calibration on {len(gold_files)} articles of {args.gold} ({skipped} facts skipped)\n")
        print(plain_table(rows))
        print("\nright/facts per kind and band\n")
        print(kind_matrix(judged))
        print(f"\nPrecision increases with confidence: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
