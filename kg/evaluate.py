"""Score kg against gold annotations: per-class precision, recall and F1, the harness behind ``kg evaluate``.

A gold folder holds one ``NAME.json`` per article in the format of ``eval/GOLD_FORMAT.md``, and the article
``NAME.txt`` beside it (or in another folder: ``texts_dir``). :func:`evaluate` builds each article in-process,
runs the five contract queries (``officials``, ``nations``, ``places``, ``treaties``, ``meetings``) on its graph
and matches their rows with the gold, one-to-one. It scores as the scorer the dev set came with
(``../shared/eval/score.py``, outside the repository) does:

- Names are compared as tokens: lower case, stop words and (for people) honorifics and initials dropped,
  British spellings folded. A person matches when one name's tokens hold the other's ("Mattis" and "James N.
  Mattis"); a place or treaty also when the names are nearly the same string.
- Each gold entry pairs with at most one predicted entity, required entries before optional ones, closest
  pairs first. A predicted entity left unpaired is a false positive, even when it names an entry that another
  node already took (an unmerged duplicate), unless it names an optional entry. Optional entries are neither
  required nor false positives.
- A nation that the gold implies (a place's country, an official's nation, a treaty party) is no false
  positive when the gold does not list it.
- A treaty also matches on two shared name tokens and exactly the gold parties. A meeting matches on two
  participants (one for a one-person meeting) and pairs on participants, then place, then date.
- Each class has a lenient figure (the entity was found: ``officials``) and a strict one (found with the
  right title and nation, country, parties, or participants, place and date: ``officials.strict``), plus a
  figure per attribute (``official.title``...). The overall F1 is the mean of the five strict F1 figures.

>>> same_person("Jim Mattis", ["James N. Mattis", "Mattis"])
True
>>> same_name("the Senkaku Islands", ["Senkaku Islands"]), same_name("Senkakus", ["Senkaku Islands"])
(True, False)
>>> round(Counts(tp=3, fp=1, fn=0).f1, 3)
0.857
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Generic, NamedTuple, NotRequired, TypedDict, TypeVar

import rdflib

from kg import api, read
from kg.errors import InputError, ModelError, UsageError
from kg.query import query

__all__ = [
    "FIGURES",
    "ArticleScore",
    "Counts",
    "Evaluation",
    "GoldArticle",
    "Matching",
    "date_ok",
    "evaluate",
    "format_evaluation",
    "load_gold",
    "match",
    "name_closeness",
    "name_tokens",
    "names_of",
    "person_closeness",
    "same_name",
    "same_person",
    "same_title",
    "same_treaty",
    "score_article",
    "tokens",
]

# The five classes of the evaluation contract, each the name of a named query and of a figure.
FIGURES = ("officials", "nations", "places", "treaties", "meetings")

STOP_WORDS = frozenset({"of", "the", "and", "for", "to", "a", "an", "in", "on", "s"})
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "dr", "jr", "sr", "ii", "iii", "iv", "sir", "gen", "adm", "lt", "col", "maj", "capt"}
    | {"cmdr", "sgt", "president", "minister", "secretary"}
)
SPELLINGS: Mapping[str, str] = {"defence": "defense", "programme": "program", "organisation": "organization"}


# --- the gold format (eval/GOLD_FORMAT.md) ------------------------------------------------------------------


class GoldOfficial(TypedDict):
    name: str
    aliases: NotRequired[list[str]]
    title: NotRequired[str | None]
    nation: NotRequired[str | None]
    optional: NotRequired[bool]


class GoldPlace(TypedDict):
    name: str
    aliases: NotRequired[list[str]]
    country: NotRequired[str | None]
    optional: NotRequired[bool]


class GoldTreaty(TypedDict):
    name: str
    aliases: NotRequired[list[str]]
    parties: NotRequired[list[str]]
    optional: NotRequired[bool]


class GoldMeeting(TypedDict):
    participants: list[str]
    place: NotRequired[str | None]
    date: NotRequired[str | None]
    optional: NotRequired[bool]


class Gold(TypedDict, total=False):
    id: str
    published: str | None
    officials: list[GoldOfficial]
    nations: list[str]
    places: list[GoldPlace]
    treaties: list[GoldTreaty]
    meetings: list[GoldMeeting]


# One predicted entity: each variable of its query's rows, with every value it took.
Item = dict[str, set[str]]


# --- matching names, titles and dates -----------------------------------------------------------------------


def tokens(text: str | None, drop: Iterable[str] = STOP_WORDS) -> list[str]:
    """The words of ``text``, lower case, without ``drop``, British spellings made American.

    >>> tokens("Ministry of Defence's programme")
    ['ministry', 'defense', 'program']
    """
    if not text:
        return []
    words = re.findall(r"[a-z0-9]+", str(text).lower().replace("’", "'").replace("'s ", " "))
    dropped = set(drop)
    return [SPELLINGS.get(word, word) for word in words if word not in dropped]


def name_tokens(name: str | None) -> list[str]:
    """The tokens of a person's name without honorifics and initials.

    >>> name_tokens("Gen. Charles Q. Brown Jr.")
    ['charles', 'brown']
    """
    return [token for token in tokens(name) if token not in HONORIFICS and len(token) > 1]


def names_of(entry: Mapping[str, Any]) -> list[str]:
    """A gold entry's name, then its aliases."""
    return [entry["name"], *entry.get("aliases", [])]


def same_person(pred: str, gold_names: Sequence[str]) -> bool:
    """Whether a predicted name is one of the gold names: one's name tokens hold all the other's."""
    mine = set(name_tokens(pred))
    if not mine:
        return False
    for gold in gold_names:
        theirs = set(name_tokens(gold))
        if theirs and (mine <= theirs or theirs <= mine):
            return True
    return False


def person_closeness(pred_names: Iterable[str], gold_names: Sequence[str]) -> float:
    """The best overlap (Jaccard) of name tokens between any predicted and any gold name: which of several
    people a name matches best."""
    return name_closeness(pred_names, gold_names, name_tokens)


def name_closeness(
    pred_names: Iterable[str], gold_names: Iterable[str], tokenize: Callable[[str], list[str]] | None = None
) -> float:
    """The best overlap (Jaccard) of the tokens (``tokenize``, default :func:`tokens`) of any predicted and
    any gold name: "Prague Castle" rather than "Prague" pairs with the gold "Prague Castle"."""
    tokenize = tokenize or tokens
    golds = [set(tokenize(gold)) for gold in gold_names]
    best = 0.0
    for pred in pred_names:
        mine = set(tokenize(pred))
        for theirs in golds:
            if mine | theirs:
                best = max(best, len(mine & theirs) / len(mine | theirs))
    return best


def same_name(pred: str, gold_names: Sequence[str]) -> bool:
    """Whether a predicted place or treaty name is one of the gold names: the same tokens, the gold's tokens
    with at most one missing, all the gold's tokens and more, or nearly the same string."""
    mine = tokens(pred)
    if not mine:
        return False
    for gold in gold_names:
        theirs = tokens(gold)
        if not theirs:
            continue
        if (
            mine == theirs
            or (set(mine) <= set(theirs) and len(mine) >= max(1, len(theirs) - 1))
            or set(theirs) <= set(mine)
        ):
            return True
        if difflib.SequenceMatcher(None, " ".join(mine), " ".join(theirs)).ratio() >= 0.85:
            return True
    return False


def same_title(pred_titles: Iterable[str], gold: str | None) -> bool:
    """Whether one of the predicted titles is the gold title: one's tokens hold the other's, or they share
    half their tokens. Any title will do when the gold gives none."""
    if not gold:
        return True
    theirs = set(tokens(gold))
    for title in pred_titles:
        mine = set(tokens(title))
        if mine and (mine <= theirs or theirs <= mine or len(mine & theirs) / len(mine | theirs) >= 0.5):
            return True
    return False


def date_ok(pred_dates: Iterable[str], gold: str | None) -> bool:
    """Whether one of the predicted dates is the gold's day (any date will do when the gold gives none)."""
    return not gold or any(str(day)[:10] == gold for day in pred_dates)


def same_treaty(pred: Mapping[str, Iterable[str]], gold: Mapping[str, Any]) -> bool:
    """Whether a predicted treaty (its ``name`` values and ``party`` ISO3 codes) is the gold treaty: one of its
    names matches, or it shares two name tokens with the gold's names and has exactly the gold's parties."""
    pred_names = list(pred.get("name", ()))
    if any(same_name(name, names_of(gold)) for name in pred_names):
        return True
    gold_tokens = {token for name in names_of(gold) for token in tokens(name)}
    return (
        any(len(set(tokens(name)) & gold_tokens) >= 2 for name in pred_names)
        and set(gold.get("parties", [])) == set(pred.get("party", ()))
        and bool(gold.get("parties"))
    )


# --- one-to-one matching ------------------------------------------------------------------------------------

K = TypeVar("K", bound=Hashable)
P = TypeVar("P")
G = TypeVar("G", bound=Mapping[str, Any])


class Matching(NamedTuple, Generic[K, G]):
    """What :func:`match` paired, and what it left: predicted keys without a gold entry, gold entries missed."""

    pairs: list[tuple[K, G]]
    extra: list[K]
    missed: list[G]


def match(
    preds: Mapping[K, P],
    golds: Sequence[G],
    same: Callable[[P, G], bool],
    closeness: Callable[[P, G], float] | None = None,
) -> Matching[K, G]:
    """Pair predicted entities with gold entries one-to-one: required entries first, closest pairs first.

    ``same(pred, gold)`` says whether a pair may match; ``closeness(pred, gold)`` (higher is closer) orders the
    candidate pairs, then the gold's order and the predictions' order break ties.

    >>> match({"a": "Prague", "b": "Prague Castle"}, [{"name": "Prague Castle"}],
    ...       lambda p, g: same_name(p, [g["name"]])).pairs
    [('a', {'name': 'Prague Castle'})]
    """
    candidates = [
        (bool(gold.get("optional")), -(closeness(pred, gold) if closeness else 0), index, key)
        for index, gold in enumerate(golds)
        for key, pred in preds.items()
        if same(pred, gold)
    ]
    candidates.sort(key=lambda candidate: candidate[:3])
    pairs: list[tuple[K, G]] = []
    used_preds: set[K] = set()
    used_golds: set[int] = set()
    for _, _, index, key in candidates:
        if index in used_golds or key in used_preds:
            continue
        pairs.append((key, golds[index]))
        used_preds.add(key)
        used_golds.add(index)
    missed = [gold for index, gold in enumerate(golds) if index not in used_golds]
    return Matching(pairs, [key for key in preds if key not in used_preds], missed)


# --- figures ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives of one figure, with precision, recall and F1.

    With nothing predicted and nothing to find, precision and recall are 1.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        """``{"p", "r", "f1", "tp_fp_fn"}``, as score.py writes a figure."""
        return {"p": self.precision, "r": self.recall, "f1": self.f1, "tp_fp_fn": [self.tp, self.fp, self.fn]}


def _figure_order(name: str) -> tuple[bool, str]:
    # The five classes and their .strict figures first, then the attribute figures (official.title, ...).
    return name.split(".")[0] not in FIGURES, name


def _sum_counts(counts: Iterable[Mapping[str, Counts]]) -> dict[str, Counts]:
    total: dict[str, Counts] = {}
    for figures in counts:
        for name, value in figures.items():
            total[name] = total.get(name, Counts()) + value
    return {name: total[name] for name in sorted(total, key=_figure_order)}


@dataclass(frozen=True)
class ArticleScore:
    """One article's figures, and a line for each miss and false positive.

    ``error`` says why the article has no graph (it failed to build and was scored as an empty graph).
    """

    name: str
    counts: Mapping[str, Counts]
    misses: tuple[str, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class Evaluation:
    """The figures of a gold folder: summed over its articles, in report order, and per article."""

    articles: tuple[ArticleScore, ...]
    figures: Mapping[str, Counts] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "figures", _sum_counts(article.counts for article in self.articles))

    @property
    def overall_f1(self) -> float:
        """The mean of the five ``.strict`` F1 figures."""
        return sum(self.figures.get(f"{name}.strict", Counts()).f1 for name in FIGURES) / len(FIGURES)

    @property
    def failed(self) -> tuple[ArticleScore, ...]:
        """The articles that failed to build (scored as empty graphs)."""
        return tuple(article for article in self.articles if article.error is not None)

    def to_json(self) -> dict[str, Any]:
        """The figures as score.py's ``--json`` writes them: each figure's ``{"p", "r", "f1", "tp_fp_fn"}``,
        ``overall_f1`` and ``articles_without_graph``."""
        figures: dict[str, Any] = {name: counts.to_json() for name, counts in self.figures.items()}
        figures["overall_f1"] = self.overall_f1
        figures["articles_without_graph"] = len(self.failed)
        return figures


class _Tally:
    """An article's counts while it is scored, and its lines for the misses."""

    def __init__(self) -> None:
        self.counts: dict[str, Counts] = {}
        self.misses: list[str] = []

    def add(self, name: str, tp: int, fp: int, fn: int) -> None:
        self.counts[name] = self.counts.get(name, Counts()) + Counts(tp, fp, fn)

    def check(self, name: str, ok: bool) -> None:
        """One attribute figure: right, or missed."""
        self.add(name, int(ok), 0, int(not ok))

    def miss(self, line: str) -> None:
        self.misses.append(line)


# --- scoring one article ------------------------------------------------------------------------------------


def _items(graph: rdflib.Graph, name: str) -> dict[str, Item]:
    """The rows of a named query grouped by its first variable (the entity), each variable's values in a set."""
    items: dict[str, Item] = {}
    for row in query(graph, name):
        key = next(iter(row.values()))
        if key is None:
            continue
        item = items.setdefault(key, {})
        for variable, value in row.items():
            if value is not None:
                item.setdefault(variable, set()).add(value)
    return items


def _required(golds: Iterable[G]) -> list[G]:
    return [gold for gold in golds if not gold.get("optional")]


@dataclass(frozen=True)
class _Rules(Generic[G]):
    """How the entities of one class are matched with the gold, and what its ``.strict`` figure requires."""

    figure: str  # the lenient figure and the named query: "officials"
    kind: str  # the word in miss lines: "official"
    same: Callable[[Item, G], bool]  # whether a predicted entity may be the gold entry
    checks: Mapping[str, Callable[[Item, G], bool]]  # attribute figure -> its check; .strict requires all
    describe: Callable[[Item, G], str]  # the miss line of a pair that fails a check
    closeness: Callable[[Item, G], float] | None = None  # which of several candidates pairs first
    shown: str = "name"  # the variable a false positive's miss line shows
    missed: Callable[[G], str] = lambda gold: gold["name"]  # how a missed gold entry is shown


def _score_class(tally: _Tally, preds: Mapping[str, Item], golds: Sequence[G], rules: _Rules[G]) -> None:
    """Score one class, lenient (found), strict (found and every check passes) and per attribute."""
    pairs, extra, missed = match(preds, golds, rules.same, rules.closeness)
    optional = [gold for gold in golds if gold.get("optional")]
    # An unpaired entity that is an optional entry is no false positive; one that is a required entry another
    # node took (an unmerged duplicate) is.
    false = [key for key in extra if not any(rules.same(preds[key], gold) for gold in optional)]
    for key in false:
        tally.miss(f"{rules.kind} FP: {sorted(preds[key].get(rules.shown, []))}")
    required_pairs = [(key, gold) for key, gold in pairs if not gold.get("optional")]
    missed_required = _required(missed)
    tally.add(rules.figure, len(required_pairs), len(false), len(missed_required))
    strict = 0
    for key, gold in required_pairs:
        verdicts = [check(preds[key], gold) for check in rules.checks.values()]
        for figure, ok in zip(rules.checks, verdicts, strict=True):
            tally.check(figure, ok)
        if all(verdicts):
            strict += 1
        else:
            tally.miss(rules.describe(preds[key], gold))
    wrong = len(required_pairs) - strict
    tally.add(f"{rules.figure}.strict", strict, len(false) + wrong, len(missed_required) + wrong)
    for gold in missed_required:
        tally.miss(f"{rules.kind} FN: {rules.missed(gold)}")


def _official_rules() -> _Rules[GoldOfficial]:
    def same(pred: Item, gold: GoldOfficial) -> bool:
        return any(same_person(name, names_of(gold)) for name in pred.get("name", ()))

    def title_ok(pred: Item, gold: GoldOfficial) -> bool:
        return same_title(pred.get("title", set()), gold.get("title"))

    def nation_ok(pred: Item, gold: GoldOfficial) -> bool:
        return not gold.get("nation") or gold["nation"] in pred.get("nation", set())

    def describe(pred: Item, gold: GoldOfficial) -> str:
        return (
            f"official {gold['name']}: title {sorted(pred.get('title', []))} vs {gold.get('title')!r},"
            f" nation {sorted(pred.get('nation', []))} vs {gold.get('nation')!r}"
        )

    return _Rules(
        "officials",
        "official",
        same,
        {"official.title": title_ok, "official.nation": nation_ok},
        describe,
        closeness=lambda pred, gold: person_closeness(pred.get("name", ()), names_of(gold)),
    )


def _place_rules() -> _Rules[GoldPlace]:
    def same(pred: Item, gold: GoldPlace) -> bool:
        return any(same_name(name, names_of(gold)) for name in pred.get("name", ()))

    def country_ok(pred: Item, gold: GoldPlace) -> bool:
        return not gold.get("country") or gold["country"] in pred.get("country", set())

    def describe(pred: Item, gold: GoldPlace) -> str:
        return f"place {gold['name']}: country {sorted(pred.get('country', []))} vs {gold.get('country')}"

    return _Rules("places", "place", same, {"place.country": country_ok}, describe)


def _treaty_rules() -> _Rules[GoldTreaty]:
    def parties_ok(pred: Item, gold: GoldTreaty) -> bool:
        return set(gold.get("parties", [])) <= pred.get("party", set())

    def describe(pred: Item, gold: GoldTreaty) -> str:
        return f"treaty {gold['name']}: parties {sorted(pred.get('party', []))} vs {gold.get('parties')}"

    return _Rules("treaties", "treaty", same_treaty, {"treaty.parties": parties_ok}, describe)


def _meeting_rules(gold: Gold) -> _Rules[GoldMeeting]:
    """Meetings name their participants and place as the gold's officials and places do."""
    officials = {official["name"]: official for official in gold.get("officials", [])}
    places = {place["name"]: place for place in gold.get("places", [])}

    def overlap(pred: Item, meeting: GoldMeeting) -> int:
        """How many of the gold participants the predicted meeting has."""
        people = [names_of(officials.get(name, {"name": name})) for name in meeting["participants"]]
        found = pred.get("participantName", set())
        return sum(1 for names in people if any(same_person(name, names) for name in found))

    def same(pred: Item, meeting: GoldMeeting) -> bool:
        return overlap(pred, meeting) >= min(2, len(meeting["participants"]))

    def people_ok(pred: Item, meeting: GoldMeeting) -> bool:
        # All the gold participants, and at most one more (an aide named in the same sentence).
        expected = len(meeting["participants"])
        found = pred.get("participant") or pred.get("participantName", set())
        return overlap(pred, meeting) == expected and len(found) <= expected + 1

    def place_ok(pred: Item, meeting: GoldMeeting) -> bool:
        place = meeting.get("place")
        if not place:
            return True
        names = names_of(places.get(place, {"name": place}))
        return any(same_name(name, names) for name in pred.get("placeName", ()))

    def day_ok(pred: Item, meeting: GoldMeeting) -> bool:
        return date_ok(pred.get("date", ()), meeting.get("date"))

    def closeness(pred: Item, meeting: GoldMeeting) -> float:
        return 4 * overlap(pred, meeting) + 2 * place_ok(pred, meeting) + day_ok(pred, meeting)

    def describe(pred: Item, meeting: GoldMeeting) -> str:
        return (
            f"meeting {meeting['participants']}: got people {sorted(pred.get('participantName', []))},"
            f" place {sorted(pred.get('placeName', []))} vs {meeting.get('place')!r},"
            f" date {sorted(pred.get('date', []))} vs {meeting.get('date')!r}"
        )

    return _Rules(
        "meetings",
        "meeting",
        same,
        {"meeting.participants": people_ok, "meeting.place": place_ok, "meeting.date": day_ok},
        describe,
        closeness=closeness,
        shown="participantName",
        missed=lambda meeting: f"{meeting['participants']} at {meeting.get('place')} on {meeting.get('date')}",
    )


def _score_nations(tally: _Tally, graph: rdflib.Graph, gold: Gold) -> None:
    predicted = {code for row in query(graph, "nations") if (code := row.get("iso3"))}
    listed = set(gold.get("nations", []))
    # A nation the gold implies (a place's country, an official's nation, a treaty party) is no false positive.
    implied = {place.get("country") for place in gold.get("places", [])}
    implied |= {official.get("nation") for official in gold.get("officials", [])}
    implied |= {party for treaty in gold.get("treaties", []) for party in treaty.get("parties", [])}
    extra, missing = predicted - listed - implied, listed - predicted
    for figure in ("nations", "nations.strict"):
        tally.add(figure, len(predicted & listed), len(extra), len(missing))
    if extra or missing:
        tally.miss(f"nations: extra {sorted(extra)} missing {sorted(missing)}")


def score_article(graph: rdflib.Graph, gold: Gold, *, name: str = "") -> ArticleScore:
    """Score one article's graph against its gold annotations (a dict in the format of GOLD_FORMAT.md).

    >>> score = score_article(rdflib.Graph(), {"nations": ["USA"]})
    >>> score.counts["nations"], score.misses
    (Counts(tp=0, fp=0, fn=1), ("nations: extra [] missing ['USA']",))
    """
    tally = _Tally()
    _score_class(tally, _items(graph, "officials"), gold.get("officials", []), _official_rules())
    _score_nations(tally, graph, gold)
    _score_class(tally, _items(graph, "places"), gold.get("places", []), _place_rules())
    _score_class(tally, _items(graph, "treaties"), gold.get("treaties", []), _treaty_rules())
    _score_class(tally, _items(graph, "meetings"), gold.get("meetings", []), _meeting_rules(gold))
    return ArticleScore(name, dict(tally.counts), tuple(tally.misses))


# --- a gold folder ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldArticle:
    """One gold file, read and checked, with the article text it annotates."""

    name: str
    gold: Gold
    text: Path
    published: date | None


_LISTS = {"officials": "name", "places": "name", "treaties": "name", "meetings": "participants"}


def _read_gold(file: Path, text: Path) -> GoldArticle:
    where = f"{file} (see eval/GOLD_FORMAT.md)"
    try:
        gold = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read gold file {file}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"gold file {file} is not valid JSON: {exc}; fix it (see eval/GOLD_FORMAT.md)") from exc
    if not isinstance(gold, dict):
        raise InputError(f"gold file {where} must hold a JSON object")
    for key, needs in _LISTS.items():
        entries = gold.get(key, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) and needs in e for e in entries):
            raise InputError(f"gold file {where}: {key!r} must be a list of objects, each with {needs!r}")
    if not isinstance(gold.get("nations", []), list):
        raise InputError(f"gold file {where}: 'nations' must be a list of ISO3 codes")
    published = gold.get("published")
    try:
        day = read.parse_date(published) if published else None
    except UsageError as exc:  # its message speaks of --published: say which file holds the date instead
        raise InputError(f"gold file {file}: 'published' must be YYYY-MM-DD, not {published!r}") from exc
    return GoldArticle(file.stem, gold, text, day)


def load_gold(gold_dir: str | Path, texts_dir: str | Path | None = None) -> list[GoldArticle]:
    """The gold files of a folder (every ``NAME.json``), sorted by name, each with its text ``NAME.txt`` in
    ``texts_dir`` (default: the gold folder).

    Raises :class:`InputError` when a folder is missing, the gold folder holds no ``.json`` file, a gold file is
    not valid or its text is missing.
    """
    gold_dir = Path(gold_dir)
    texts = Path(texts_dir) if texts_dir is not None else gold_dir
    for folder, what in [(gold_dir, "gold folder"), (texts, "--texts folder")]:
        if not folder.is_dir():
            state = "is not a folder" if folder.exists() else "does not exist"
            raise InputError(f"the {what} {folder} {state}; give a folder of NAME.json gold files and NAME.txt texts")
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise InputError(
            f"{gold_dir} holds no gold files (NAME.json); give a folder of annotated articles such as eval/dev"
        )
    missing = [file for file in files if _text_of(texts, file.stem) is None]
    if missing:
        listed = ", ".join(file.name for file in missing[:5]) + (", ..." if len(missing) > 5 else "")
        hint = "pass --texts FOLDER" if texts_dir is None else "check --texts"
        raise InputError(
            f"{len(missing)} gold file(s) have no text in {texts}: {listed}; put NAME.txt (or NAME.html) beside "
            "NAME.json, "
            f"or {hint} with the folder that holds the texts"
        )
    return [_read_gold(file, _text_of(texts, file.stem)) for file in files]  # type: ignore[arg-type]


def _text_of(folder: Path, name: str) -> Path | None:
    """The article of a gold file: NAME.txt, else a saved page NAME.html."""
    return next((path for suffix in (".txt", ".html") if (path := folder / f"{name}{suffix}").is_file()), None)


def evaluate(
    gold_dir: str | Path,
    texts_dir: str | Path | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    gold_dates: bool = True,
) -> Evaluation:
    """Build every article of a gold folder and score its graph against the gold.

    Each article is built in-process (the spaCy model loads once) with its gold ``published`` date (and its
    ``url``, if any, as the source, as a metadata file gives it to ``kg build``). An article
    that fails to build is scored as an empty graph, and listed in :attr:`Evaluation.failed`. Without
    ``gold_dates`` each article has the date it gives itself (its dateline, or a saved page's date). ``progress(done,
    total)`` is called after each article. Raises :class:`InputError` as :func:`load_gold` does, and
    :class:`~kg.errors.ModelError` when the spaCy model is not installed.
    """
    articles = load_gold(gold_dir, texts_dir)
    scores = []
    for done, article in enumerate(articles, 1):
        error = None
        try:
            read_article = read.read_file(article.text, published=article.published if gold_dates else None)
            # The page's URL, where the gold gives one, is the article's source, as a metadata file makes it.
            if url := article.gold.get("url"):
                read_article = replace(read_article, source=url)
            graph = api.build_article(read_article)
        except ModelError:
            raise
        except Exception as exc:  # one article that breaks kg costs its figures, not the run
            graph, error = rdflib.Graph(), f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
        scores.append(replace(score_article(graph, article.gold, name=article.name), error=error))
        if progress is not None:
            progress(done, len(articles))
    return Evaluation(tuple(scores))


def format_evaluation(evaluation: Evaluation, *, verbose: bool = False) -> str:
    """The report ``kg evaluate`` prints: the articles without a graph, with ``verbose`` every miss per
    article, then a table of the figures (``figure P R F1 tp/fp/fn``) and a last line ``overall F1 X.XXX``."""
    lines = [f"{article.name}: no graph ({article.error})" for article in evaluation.failed]
    if verbose:
        for article in evaluation.articles:
            if article.misses:
                lines += [article.name, *(f"  {miss}" for miss in article.misses)]
    lines.append(f"{'figure':24} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn")
    for name, c in evaluation.figures.items():
        lines.append(f"{name:24} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}   {c.tp}/{c.fp}/{c.fn}")
    lines.append(f"overall F1 {evaluation.overall_f1:.3f}")
    return "\n".join(lines)
