"""kg.viz without a browser: the page is self-contained and its data round-trips, pictures are valid and
deterministic, errors leave no file. ``make_graph`` builds the synthetic graphs the browser tests and the
benchmark use too."""

from __future__ import annotations

import contextlib
import doctest
import errno
import hashlib
import json
import random
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from matplotlib.image import imread

import kg.viz
from kg.errors import UsageError
from kg.network import to_networkx
from kg.query import load_graph
from kg.viz import IMAGE_FORMATS, KIND_STYLES, VIZ_FORMATS, write_html, write_image, write_timeline

SEED_TTL = Path(__file__).parent / "data" / "seed.ttl"
KGR = "https://w3id.org/kg/id/"

_GIVEN = ["Jim", "Shinzo", "Tomomi", "Lloyd", "Gilberto", "Kim", "Ana", "Rustem", "Penny", "Gen", "Lee", "Maria"]
_FAMILY = ["Mattis", "Abe", "Inada", "Austin", "Teodoro", "Ng", "Silva", "Umerov", "Wong", "Nakatani", "Kato"]
_TITLES = ["Defense Minister", "Foreign Minister", "Prime Minister", "Defense Secretary", "Ambassador", "Gen."]
_ENCOUNTERS = ["Meeting"] * 14 + ["PhoneCall"] * 2 + ["VideoCall", "PlannedMeeting", "PlannedMeeting", "NegatedMeeting"]


def make_graph(n: int, *, seed: int = 0) -> nx.MultiDiGraph:
    """A graph of ``n`` nodes shaped like ``kg.network.to_networkx``'s: officials serving nations, places in
    nations, treaties with parties, and encounters (mostly dated meetings) with participants, a place and a
    treaty discussed, every edge with a confidence and the sentences it was read from."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    counts = {"Nation": max(1, n // 20), "Place": n * 3 // 20, "Treaty": n * 3 // 100, "Official": n * 2 // 5}
    counts["Encounter"] = n - sum(counts.values())
    articles = [f"{KGR}article/{hashlib.sha1(str(i).encode()).hexdigest()[:16]}" for i in range(max(1, n // 10))]

    def sentence(text: str) -> dict:
        begin = rng.randrange(0, 5000)
        return {"text": text, "article": rng.choice(articles), "begin": begin, "end": begin + len(text)}

    def link(u: str, v: str, predicate: str, text: str) -> None:
        sentences = [sentence(text) for _ in range(rng.choice((1, 1, 1, 2)))]
        confidence = rng.choice((0.4, 0.45, 0.8, 0.85, 0.9, None))
        g.add_edge(u, v, key=predicate, predicate=predicate, confidence=confidence, sentences=sentences)
        for node in (u, v):
            g.nodes[node]["sources"] = sorted({*g.nodes[node]["sources"], *(s["article"] for s in sentences)})

    def add(iri: str, kind: str, label: str, **attrs) -> str:
        defaults = {"aliases": [], "nation": None, "titles": [], "date": None, "sources": []}
        g.add_node(iri, kind=kind, label=label, **(defaults | attrs))
        return iri

    nations = [
        add(f"{KGR}nation/N{i:02d}", "Nation", f"Nation {i}", nation=f"N{i:02d}", aliases=[f"Natian {i}"])
        for i in range(counts["Nation"])
    ]
    places = []
    for i in range(counts["Place"]):
        nation = rng.choice(nations)
        place = add(f"{KGR}place/city-{i}", "Place", f"City {i}", nation=g.nodes[nation]["nation"])
        link(place, nation, "country", f"City {i} lies in {g.nodes[nation]['label']}.")
        places.append(place)
    treaties = []
    for i in range(counts["Treaty"]):
        treaty = add(f"{KGR}treaty/pact-{i}", "Treaty", f"Pact {i}", aliases=[f"P{i}"])
        for nation in rng.sample(nations, min(len(nations), rng.choice((2, 2, 3)))):
            link(treaty, nation, "party", f"{g.nodes[nation]['label']} signed Pact {i}.")
        treaties.append(treaty)
    officials = []
    for i in range(counts["Official"]):
        name = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)} {i}"
        title = rng.choice(_TITLES)
        official = add(f"{KGR}official/person-{i}", "Official", name, aliases=[name.split()[1]], titles=[title])
        if rng.random() < 0.9:
            nation = rng.choice(nations)
            g.nodes[official]["nation"] = g.nodes[nation]["nation"]
            link(official, nation, "serves", f"{g.nodes[nation]['label']}'s {title} {name} spoke.")
        officials.append(official)
    for i in range(counts["Encounter"]):
        kind = rng.choice(_ENCOUNTERS)
        date = (
            None
            if rng.random() < 0.1
            else f"{rng.randrange(2015, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        )
        encounter = add(f"{KGR}encounter/{i:012x}", kind, f"{i:012x}", date=date)
        people = rng.sample(officials, min(len(officials), rng.choice((2, 2, 2, 3, 4)))) if officials else []
        names = " and ".join(g.nodes[p]["label"] for p in people)
        for person in people:
            link(encounter, person, "participant", f"{names} met on {date or 'an unknown day'}.")
        if places and rng.random() < 0.8:
            place = rng.choice(places)
            link(encounter, place, "place", f"{names} met in {g.nodes[place]['label']}.")
        if treaties and rng.random() < 0.1:
            link(encounter, rng.choice(treaties), "discusses", f"{names} discussed the pact.")
    return g


def seed_graph() -> nx.MultiDiGraph:
    """The golden graph of the bundled example: Jim Mattis meets Shinzo Abe and Tomomi Inada in Tokyo."""
    return to_networkx(load_graph(SEED_TTL))


def page_data(path: Path) -> dict:
    """The graph data a written page carries."""
    page = path.read_text("utf-8")
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL)
    assert found, "the page carries no kg-data script"
    return json.loads(found[1])


class _Resources(HTMLParser):
    """Every URL a page would load: src/href of any tag, CSS @import and url()."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "data", "poster", "action", "formaction") and value:
                self.loads.append(f"<{tag} {name}={value}>")


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("page") / "seed.html"
    write_html(seed_graph(), path, title="Mattis in Tokyo")
    return path


def test_doctests():
    failures, _ = doctest.testmod(kg.viz, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_formats():
    assert IMAGE_FORMATS == ("svg", "png")
    assert VIZ_FORMATS == ("html", "svg", "png")


def test_page_loads_nothing_from_the_network(seed_page):
    page = seed_page.read_text("utf-8")
    parser = _Resources()
    parser.feed(page)
    assert parser.loads == []
    assert not {"link", "img", "iframe", "object", "embed", "base"} & set(parser.tags)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE)
    assert not re.search(r"@import", page, re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", page, re.IGNORECASE)
    assert "sourceMappingURL" not in page
    # The page forbids loading anything but itself and inline data: URIs.
    assert "default-src 'none'" in page


def test_page_inlines_vis_network(seed_page):
    page = seed_page.read_text("utf-8")
    assert "vis-network" in page and "@version 9.1.2" in page
    assert ".vis-network" in page  # its CSS
    assert "{{" not in page.replace("{{TITLE}}", "")  # every placeholder filled
    assert "<title>Mattis in Tokyo</title>" in page


def test_page_data_round_trips(seed_page):
    g = seed_graph()
    data = page_data(seed_page)
    assert [n["id"] for n in data["nodes"]] == list(g)
    assert len(data["edges"]) == g.number_of_edges()
    mattis = next(n for n in data["nodes"] if n["label"] == "Jim Mattis")
    assert mattis == {"id": mattis["id"], **g.nodes[mattis["id"]], "degree": g.degree(mattis["id"])}
    for edge, (u, v, attrs) in zip(data["edges"], g.edges(data=True), strict=True):
        assert (edge["from"], edge["to"], edge["predicate"], edge["confidence"]) == (
            u,
            v,
            attrs["predicate"],
            attrs["confidence"],
        )
        assert [data["sentences"][i] for i in edge["sentences"]] == attrs["sentences"]
    meeting = next(n for n in data["nodes"] if n["kind"] == "Meeting")
    assert meeting["label"] == g.nodes[meeting["id"]]["label"]
    assert {k["kind"] for k in data["kinds"]} == {"Official", "Nation", "Place", "Treaty", "Meeting"}


def test_unnamed_encounter_is_called_by_kind_place_and_date(tmp_path):
    g = make_graph(60)
    meeting = next(
        n for n, d in g.nodes(data=True) if d["kind"] == "Meeting" and d["date"] and any(g.out_edges(n, "place"))
    )
    place = next(v for _, v, key in g.out_edges(meeting, keys=True) if key == "place")
    path = tmp_path / "page.html"
    write_html(g, path)
    label = next(n["label"] for n in page_data(path)["nodes"] if n["id"] == meeting)
    assert label == f"Meeting in {g.nodes[place]['label']}, {g.nodes[meeting]['date']}"


def test_script_end_in_a_sentence_cannot_break_the_page(tmp_path):
    g = make_graph(40)
    u, v, key = next(iter(g.edges(keys=True)))
    evil = "He said </script><script>alert(1)</script> and <!-- left & went"
    g.edges[u, v, key]["sentences"] = [{"text": evil, "article": "kgr:a", "begin": 0, "end": 10}]
    g.nodes[u]["label"] = "</SCRIPT >"
    path = tmp_path / "page.html"
    write_html(g, path, title="<b>x</b>")
    page = path.read_text("utf-8")
    data_script = re.search(r'id="kg-data">(.*?)</script>', page, re.DOTALL)[1]
    assert "<" not in data_script and ">" not in data_script
    assert evil in json.dumps(json.loads(data_script), ensure_ascii=False)
    assert page_data(path)["sentences"][0]["text"] == evil
    assert "<title>&lt;b&gt;x&lt;/b&gt;</title>" in page
    parser = _Resources()
    parser.feed(page)
    assert parser.tags.count("script") == 3  # the data, vis-network, the page's own: nothing got out


def test_page_options_follow_graph_size(tmp_path):
    small, large = tmp_path / "small.html", tmp_path / "large.html"
    write_html(make_graph(60), small)
    write_html(make_graph(2000), large)
    small_data, large_data = page_data(small), page_data(large)
    small_options, large_options = small_data["options"], large_data["options"]
    assert small_options["physics"]["solver"] == "forceAtlas2Based"
    assert small_options["layout"]["improvedLayout"] is True
    assert all("x" not in node for node in small_data["nodes"])  # vis lays a small graph out itself
    assert large_options["physics"]["solver"] == "barnesHut"
    assert large_options["layout"]["improvedLayout"] is False
    assert large_options["edges"]["smooth"] is False
    assert large_options["edges"]["arrows"]["to"]["enabled"] is False
    assert all(isinstance(node["x"], float) and isinstance(node["y"], float) for node in large_data["nodes"])
    iterations = [options["physics"]["stabilization"]["iterations"] for options in (small_options, large_options)]
    assert iterations[0] > iterations[1] and max(iterations) <= 1000


def test_page_layout_is_deterministic(tmp_path):
    first, second = tmp_path / "first.html", tmp_path / "second.html"
    write_html(make_graph(700), first)
    write_html(make_graph(700), second)
    assert first.read_bytes() == second.read_bytes()


def test_empty_graph_page(tmp_path):
    path = tmp_path / "empty.html"
    write_html(nx.MultiDiGraph(), path)
    data = page_data(path)
    assert data["nodes"] == [] and data["edges"] == []
    assert "The graph is empty" in path.read_text("utf-8")


@pytest.mark.parametrize("write", [write_image, write_timeline], ids=["image", "timeline"])
def test_svg_is_valid_and_deterministic(tmp_path, write):
    g = make_graph(120)
    first, second = tmp_path / "first.svg", tmp_path / "second.svg"
    write(g, first, "svg")
    write(g, second, "svg")
    root = ET.parse(first).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("write", [write_image, write_timeline], ids=["image", "timeline"])
@pytest.mark.parametrize("n", [0, 1, 60, 900])
def test_png_is_valid(tmp_path, write, n):
    path = tmp_path / "picture.png"
    write(make_graph(n) if n else nx.MultiDiGraph(), path, "png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    height, width, _ = imread(path).shape
    assert width > 800 and height > 300


def test_image_of_the_seed_graph_names_its_nodes(tmp_path):
    path = tmp_path / "seed.svg"
    write_image(seed_graph(), path, "svg")
    text = _svg_text(path)
    for label in ("Jim Mattis", "Tokyo", "Japan", "Meeting, 2017-02-03"):
        assert label in text.splitlines()
    assert "Treaty of Mutual Cooperation and Se…" in text.splitlines()  # a long name cut short
    for style in (KIND_STYLES["Official"], KIND_STYLES["Meeting"]):
        assert style.name in text  # the legend
        assert style.color.lower() in path.read_text("utf-8").lower()


def test_large_image_labels_only_the_most_linked(tmp_path):
    g = make_graph(900)
    path = tmp_path / "large.svg"
    write_image(g, path, "svg")
    hubs = sorted(g, key=lambda n: -g.degree(n))
    text = _svg_text(path)
    assert g.nodes[hubs[0]]["label"] in text
    assert "Labels of the 40 most linked nodes." in text


def test_timeline_rows_are_participants(tmp_path):
    path = tmp_path / "timeline.svg"
    write_timeline(seed_graph(), path, "svg")
    text = _svg_text(path)
    for label in ("Jim Mattis", "Shinzo Abe", "Tomomi Inada", "Tokyo", "Meeting"):
        assert label in text
    assert "Gary Ross" not in text  # an official in no encounter has no row


def test_timeline_counts_undated_encounters(tmp_path):
    g = make_graph(200)
    undated = sum(1 for _, d in g.nodes(data=True) if d["kind"] in ("Meeting", "PhoneCall") and d["date"] is None)
    assert undated
    path = tmp_path / "timeline.svg"
    write_timeline(g, path, "svg")
    assert re.search(r"\d+ encounters? without a date", _svg_text(path))


def test_timeline_without_dated_encounters_says_so(tmp_path):
    g = seed_graph()
    for node in g:
        g.nodes[node]["date"] = None
    path = tmp_path / "timeline.svg"
    write_timeline(g, path, "svg")
    text = _svg_text(path)
    assert "No dated encounter in the graph." in text
    assert "1 encounter without a date" in text


@pytest.mark.parametrize("write", [write_image, write_timeline], ids=["image", "timeline"])
@pytest.mark.parametrize("fmt", ["html", "gif", "SVG", ""])
def test_unknown_format_is_a_usage_error(tmp_path, write, fmt):
    with pytest.raises(UsageError, match="use one of svg, png"):
        write(seed_graph(), tmp_path / "picture", fmt)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "write",
    [write_html, lambda g, path: write_image(g, path, "png"), lambda g, path: write_timeline(g, path, "svg")],
    ids=["html", "image", "timeline"],
)
def test_failed_write_leaves_no_file(tmp_path, monkeypatch, write):
    written_atomically = kg.viz.atomic_file

    @contextlib.contextmanager
    def full_disk(target):
        with written_atomically(target) as out:
            yield _FullDisk(out)

    monkeypatch.setattr(kg.viz, "atomic_file", full_disk)
    with pytest.raises(UsageError, match="No space left"):
        write(seed_graph(), tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


class _FullDisk:
    """A file whose disk fills up after the first few bytes."""

    def __init__(self, out):
        self._out = out

    def write(self, data):
        self._out.write(bytes(data)[:10])
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self._out, name)


@pytest.mark.parametrize("write", [write_html, lambda g, path: write_image(g, path, "svg")], ids=["html", "image"])
def test_unwritable_target_is_a_usage_error(tmp_path, write):
    with pytest.raises(UsageError, match="cannot write"):
        write(seed_graph(), tmp_path / "missing" / "out")


def test_existing_file_is_replaced_whole(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("old")
    write_html(seed_graph(), path)
    assert page_data(path)["nodes"]


def _svg_text(path: Path) -> str:
    """The texts of an SVG matplotlib wrote, one a line: drawn as glyph paths, each is in a comment."""
    return "\n".join(re.findall(r"<!-- (.*?) -->", path.read_text("utf-8")))
