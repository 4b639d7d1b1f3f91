"""Pictures of a graph: an interactive HTML page, a static drawing, and a timeline of the encounters.

Each function takes the networkx projection of a kg graph (``kg.network.to_networkx``): nodes keyed by IRI
with a ``kind`` (``Official``, ``Nation``, ``Place``, ``Treaty``, or an encounter kind), a ``label``,
``aliases``, ``nation``, ``titles``, ``date`` and ``sources``; edges keyed by predicate with a ``confidence``
and the ``sentences`` they were read from.

- :func:`write_html` writes one self-contained page (vis-network, its CSS and the data inlined; nothing is
  fetched from the network) to explore the graph: search, filters by kind and date, the facts and source
  sentences of a node or a link, and the encounters by date.
- :func:`write_image` draws the graph as SVG or PNG with matplotlib.
- :func:`write_timeline` draws the encounters by date, one row per participant, as SVG or PNG.

Files are written atomically: on any error no file is left behind. Every kind has one colour and one shape
(:data:`KIND_STYLES`) in all three pictures.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("https://w3id.org/kg/id/nation/JPN", kind="Nation", label="Japan")
>>> write_image(g, "graph.gif", "gif")
Traceback (most recent call last):
...
kg.errors.UsageError: cannot draw a picture as 'gif'; use one of svg, png
"""

from __future__ import annotations

import datetime as dt
import html
import importlib.resources
import json
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import matplotlib
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.collections import LineCollection
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D

from kg.errors import UsageError
from kg.network import ENCOUNTER_KINDS
from kg.query import atomic_file

__all__ = [
    "IMAGE_FORMATS",
    "KIND_STYLES",
    "VIZ_FORMATS",
    "KindStyle",
    "write_html",
    "write_image",
    "write_timeline",
]

IMAGE_FORMATS = ("svg", "png")
VIZ_FORMATS = ("html", *IMAGE_FORMATS)


@dataclass(frozen=True)
class KindStyle:
    """How one kind of node is drawn: ``shape`` is a vis-network shape, ``marker`` the matplotlib marker that
    looks like it; ``dashed`` draws the outline dashed (encounters that did not take place, or not yet)."""

    name: str
    color: str
    fill: str
    shape: str
    marker: str
    dashed: bool = False


# Okabe-Ito colours, which colour-blind readers can tell apart; the shape tells the kind apart too.
KIND_STYLES: Mapping[str, KindStyle] = {
    "Official": KindStyle("Official", "#0072B2", "#0072B2", "dot", "o"),
    "Nation": KindStyle("Nation", "#D55E00", "#D55E00", "hexagon", "h"),
    "Place": KindStyle("Place", "#009E73", "#009E73", "triangle", "^"),
    "Treaty": KindStyle("Treaty", "#CC79A7", "#CC79A7", "square", "s"),
    "Meeting": KindStyle("Meeting", "#E69F00", "#E69F00", "star", "*"),
    "PhoneCall": KindStyle("Phone call", "#56B4E9", "#56B4E9", "diamond", "D"),
    "VideoCall": KindStyle("Video call", "#7E57C2", "#7E57C2", "triangleDown", "v"),
    "PlannedMeeting": KindStyle("Planned meeting", "#E69F00", "#FBE3B0", "star", "*", dashed=True),
    "NegatedMeeting": KindStyle("Meeting not held", "#767676", "#D9D9D9", "star", "*", dashed=True),
}
_OTHER_STYLE = KindStyle("Other", "#5F6B7A", "#B8C0CC", "dot", "o")

# Seed of every layout, so the same graph is always drawn the same way.
_SEED = 7

# How the page lays a graph out (measured in benchmarks/README.md). vis-network lays out a graph of up to
# _VIS_LAYOUT_NODES nodes itself; a larger one starts from positions computed here, which vis's physics then
# relaxes for about _ITERATION_BUDGET / nodes iterations. Past _LARGE_PAGE nodes the page uses Barnes-Hut,
# straight links and no arrowheads, which draw several times faster.
_VIS_LAYOUT_NODES = 300
_LARGE_PAGE = 1500
_ITERATION_BUDGET = 150_000
_MIN_ITERATIONS, _MAX_ITERATIONS = 30, 400
_PIXELS_PER_UNIT = 80
# networkx lays out this many nodes with numpy alone (its sparse solver for bigger graphs needs scipy, which
# kg does not depend on); the static drawing places the other nodes around their laid-out neighbours.
_SPRING_NODES = 400

_TEMPLATE = "viz_template.html"
_PLACEHOLDER = re.compile(r"/\*\{\{(\w+)\}\}\*/|\{\{(\w+)\}\}")
_SOURCE_MAP = re.compile(rb"^//# sourceMappingURL=.*$", re.MULTILINE)

# SVG output must not change between runs: no date in the metadata, ids hashed from a fixed salt.
_RC = {"svg.hashsalt": "kg", "svg.fonttype": "path", "font.size": 9}
_METADATA = {"svg": {"Date": None}, "png": {}}


def write_html(g: nx.MultiDiGraph, target: str | os.PathLike[str], *, title: str = "kg") -> None:
    """Write the graph as one self-contained, interactive HTML page.

    The page needs no network: vis-network's script and CSS and the graph are inlined (the data as JSON in
    which ``<``, ``>`` and ``&`` are escaped, so no sentence can close the script element). It shows nodes
    coloured and shaped by kind with a legend, a search box for names and aliases, the facts and source
    sentences of a clicked node or link, and the encounters by date, on a time strip and as a list.

    Filters: a node shows when its kind is ticked and, for an encounter, when its date lies in the date range
    (undated encounters show only while no date is set); a link shows when both its ends do. With "hide
    unlinked" (on by default) a node that has links but none left showing is hidden too; nodes that never
    had a link stay.

    vis-network lays out a graph of up to 300 nodes itself; a larger one starts from a seeded layout computed
    here. Either way physics runs a bounded number of iterations (fewer as the graph grows), then stops. vis's
    layout is seeded and nothing in it runs against the clock, so the page draws a graph the same way on every
    load, however fast the machine.

    For tests and scripts, ``window.kg`` holds the vis ``network``, its ``nodes`` and ``edges`` DataSets,
    ``ready`` (true once the layout has settled, physics is off and the view fits), ``select(id)``,
    ``selectEdge(index)``, ``search(text)``, ``setKinds(kinds)``, ``setDateRange(from, to)``,
    ``visibleCounts()`` and ``timings`` (milliseconds from navigation).

    Raises :class:`UsageError` when ``target`` cannot be written.
    """
    template = _asset(_TEMPLATE).decode("utf-8")
    vis = importlib.resources.files("pyvis") / "lib" / "vis-9.1.2"
    script = _SOURCE_MAP.sub(b"", (vis / "vis-network.min.js").read_bytes()).decode("utf-8")
    values = {
        "TITLE": html.escape(title),
        "VIS_CSS": _inline(((vis / "vis-network.css").read_text("utf-8")), "style"),
        "VIS_JS": _inline(script, "script"),
        "DATA": _script_json(_page_data(g)),
    }
    # One pass, so text inlined for one placeholder is never searched for another.
    page = _PLACEHOLDER.sub(lambda m: values[m.group(1) or m.group(2)], template)
    with atomic_file(Path(target)) as out:
        out.write(page.encode("utf-8"))


def write_image(g: nx.MultiDiGraph, target: str | os.PathLike[str], fmt: str, *, title: str = "kg") -> None:
    """Draw the graph as an ``svg`` or ``png`` picture: nodes coloured and shaped by kind, a legend, and the
    labels of all nodes of a small graph or of the most linked ones of a large one. The layout is seeded, so
    a graph is always drawn the same way (and its SVG is the same bytes).

    Raises :class:`UsageError` on a format other than svg or png, or when ``target`` cannot be written.
    """
    _check_format(fmt, IMAGE_FORMATS, "draw a picture")
    with matplotlib.rc_context(_RC):
        _save(_graph_figure(g, title), target, fmt)


def write_timeline(g: nx.MultiDiGraph, target: str | os.PathLike[str], fmt: str, *, title: str = "kg") -> None:
    """Draw the encounters by date as an ``svg`` or ``png`` chart: one row per participant, one marker per
    encounter and participant, the markers of one encounter joined by a line, the marker's shape telling the
    kind of encounter. Encounters without a date are left out and counted in a footnote; with no dated
    encounter the chart says so.

    Raises :class:`UsageError` on a format other than svg or png, or when ``target`` cannot be written.
    """
    _check_format(fmt, IMAGE_FORMATS, "draw a timeline")
    with matplotlib.rc_context(_RC):
        _save(_timeline_figure(g, title), target, fmt)


# --- the page ---------------------------------------------------------------------------------------------


def _page_data(g: nx.MultiDiGraph) -> dict[str, Any]:
    """What the page's script reads: nodes, edges whose sentences are indexes into one shared list of
    sentences (a sentence often supports several facts), the kinds with their style, and vis options."""
    sentences: list[dict[str, Any]] = []
    sentence_index: dict[tuple, int] = {}

    def intern(sentence: Mapping[str, Any]) -> int:
        key = (sentence.get("article"), sentence.get("begin"), sentence.get("end"), sentence.get("text"))
        if key not in sentence_index:
            sentence_index[key] = len(sentences)
            sentences.append(
                {"text": str(sentence.get("text") or ""), "article": key[0], "begin": key[1], "end": key[2]}
            )
        return sentence_index[key]

    degree = dict(g.degree())
    positions = _page_positions(g) or {}
    nodes = [
        {
            "id": str(node),
            "kind": attrs.get("kind") or "Other",
            "label": _label(g, node),
            "aliases": [str(a) for a in attrs.get("aliases") or ()],
            "nation": attrs.get("nation"),
            "titles": [str(t) for t in attrs.get("titles") or ()],
            "date": _iso_date(attrs.get("date")),
            "sources": [str(s) for s in attrs.get("sources") or ()],
            "degree": degree[node],
        }
        | (dict(zip(("x", "y"), positions[node], strict=True)) if positions else {})
        for node, attrs in g.nodes(data=True)
    ]
    edges = [
        {
            "id": index,
            "from": str(source),
            "to": str(target),
            "predicate": attrs.get("predicate") or str(key),
            "confidence": _confidence(attrs.get("confidence")),
            "sentences": [intern(s) for s in attrs.get("sentences") or ()],
        }
        for index, (source, target, key, attrs) in enumerate(g.edges(keys=True, data=True))
    ]
    kinds = Counter(node["kind"] for node in nodes)
    styles = {kind: KIND_STYLES.get(kind, _OTHER_STYLE) for kind in _kind_order(kinds)}
    return {
        "nodes": nodes,
        "edges": edges,
        "sentences": sentences,
        "kinds": [{"kind": kind, "count": kinds[kind], **asdict(style)} for kind, style in styles.items()],
        "encounterKinds": sorted(ENCOUNTER_KINDS),
        "options": _vis_options(len(nodes), len(edges)),
    }


def _vis_options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options that let a graph of this size settle in seconds. Physics runs a number of
    stabilization iterations that shrinks as the graph grows (each costs time in proportion to its size),
    then the page turns physics off so nothing moves afterwards."""
    large = n_nodes > _LARGE_PAGE
    iterations = max(_MIN_ITERATIONS, min(_MAX_ITERATIONS, _ITERATION_BUDGET // max(n_nodes, 1)))
    stabilization = {"enabled": True, "iterations": iterations, "updateInterval": 10, "fit": True}
    if large:
        solver = {
            "solver": "barnesHut",
            "barnesHut": {
                "theta": 0.8,
                "gravitationalConstant": -2500,
                "centralGravity": 0.2,
                "springLength": 70,
                "springConstant": 0.04,
                "damping": 0.3,
                "avoidOverlap": 0,
            },
        }
    else:
        solver = {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -90,
                "centralGravity": 0.008,
                "springLength": 120,
                "springConstant": 0.08,
                "damping": 0.5,
                "avoidOverlap": 0.6,
            },
        }
    physics = {
        **solver,
        "enabled": n_nodes > 1,
        "stabilization": stabilization,
        "adaptiveTimestep": True,
        "minVelocity": 1.0,
        "timestep": 0.5,
    }
    return {
        "autoResize": True,
        # vis's improved layout (Kamada-Kawai on clusters) is good on small graphs; larger ones start from
        # the positions computed in Python, which vis takes as they are.
        "layout": {"randomSeed": _SEED, "improvedLayout": n_nodes <= _VIS_LAYOUT_NODES},
        "physics": physics,
        "nodes": {
            "borderWidth": 1.5,
            "widthConstraint": {"maximum": 180},  # long names wrap
            "font": {"size": 13, "color": "#1f2933", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"min": 8, "max": 28, "label": {"enabled": True, "min": 12, "max": 17, "drawThreshold": 7}},
        },
        "edges": {
            # Arrowheads cost most of the drawing time of a large graph, where they are too small to see; its
            # side panel still tells each link's direction.
            "arrows": {"to": {"enabled": not large, "scaleFactor": 0.45}},
            "color": {"color": "#a7b1bd", "highlight": "#1f2933", "hover": "#52606d"},
            "font": {"size": 10, "color": "#52606d", "strokeWidth": 3, "align": "middle"},
            "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "width": 1,
            "selectionWidth": 1.5,
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 250,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
            "keyboard": False,
        },
        # Edge labels are readable on small graphs and only clutter (and slow) large ones.
        "edgeLabels": n_edges <= 150,
    }


def _page_positions(g: nx.MultiDiGraph) -> dict[Any, tuple[float, float]] | None:
    """Starting positions in pixels for a graph too large for vis to lay out from scratch in good time (its
    physics costs ~30 µs per node and iteration in headless Chromium), or None for a small graph."""
    if len(g) <= _VIS_LAYOUT_NODES:
        return None
    simple = nx.Graph(g)
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    return {
        node: (round(x * _PIXELS_PER_UNIT, 1), round(-y * _PIXELS_PER_UNIT, 1))
        for node, (x, y) in _layout(simple).items()
    }


def _script_json(data: object) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` as \\u escapes, which JSON.parse reads
    back unchanged, so neither ``</script>`` nor ``<!--`` in a sentence can end or confuse the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _inline(text: str, element: str) -> str:
    """Library code placed inside a ``<script>`` or ``<style>`` element, unable to close it early."""
    return re.sub(f"</(?={element})", r"<\\/", text, flags=re.IGNORECASE)


def _asset(name: str) -> bytes:
    return (importlib.resources.files("kg") / name).read_bytes()


def _kind_order(kinds: Iterable[str]) -> list[str]:
    present = set(kinds)
    return [kind for kind in KIND_STYLES if kind in present] + sorted(present - set(KIND_STYLES))


def _label(g: nx.MultiDiGraph, node: str) -> str:
    """The node's label; an encounter, which has no name of its own, is called by kind, place and date."""
    attrs = g.nodes[node]
    label = str(attrs.get("label") or "")
    last_segment = re.split(r"[/#]", str(node).rstrip("/#"))[-1]
    if attrs.get("kind") in ENCOUNTER_KINDS and label in ("", last_segment):
        places = _linked(g, node, "place")
        place = f" in {_label(g, places[0])}" if places else ""
        date = _iso_date(attrs.get("date"))
        return f"{KIND_STYLES[attrs['kind']].name}{place}{f', {date}' if date else ''}"
    return label or last_segment


def _iso_date(value: object) -> str | None:
    """``YYYY-MM-DD``, or None when the value is missing or not a valid date."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


def _confidence(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


# --- the static drawing -----------------------------------------------------------------------------------


def _check_format(fmt: str, formats: tuple[str, ...], what: str) -> None:
    if fmt not in formats:
        raise UsageError(f"cannot {what} as {fmt!r}; use one of {', '.join(formats)}")


def _save(fig: Figure, target: str | os.PathLike[str], fmt: str) -> None:
    canvas = FigureCanvasSVG(fig) if fmt == "svg" else FigureCanvasAgg(fig)
    with atomic_file(Path(target)) as out:
        canvas.print_figure(out, format=fmt, dpi=150, metadata=_METADATA[fmt])


def _graph_figure(g: nx.MultiDiGraph, title: str) -> Figure:
    fig = Figure(figsize=(12, 9), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    if len(g) == 0:
        ax.set_title(title, loc="left", fontsize=13)
        ax.text(0.5, 0.5, "The graph is empty.", ha="center", va="center", fontsize=14, transform=ax.transAxes)
        return fig
    ax.set_title(f"{title}: {_count(len(g), 'node')}, {_count(g.number_of_edges(), 'link')}", loc="left", fontsize=13)

    simple = nx.Graph(g)
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    pos = _layout(simple)
    large = len(g) > 150
    segments = [(pos[u], pos[v]) for u, v in simple.edges()]
    ax.add_collection(
        LineCollection(
            segments, colors="#8a96a3", linewidths=0.3 if large else 0.9, alpha=0.35 if large else 1, zorder=1
        )
    )

    degree = dict(simple.degree())
    by_kind: dict[str, list[str]] = defaultdict(list)
    for node, kind in g.nodes(data="kind"):
        by_kind[kind or "Other"].append(node)
    base = 6 if large else 70
    handles = []
    for kind in _kind_order(by_kind):
        style = KIND_STYLES.get(kind, _OTHER_STYLE)
        nodes = by_kind[kind]
        ax.scatter(
            [pos[n][0] for n in nodes],
            [pos[n][1] for n in nodes],
            s=[base * (1 + math.sqrt(degree[n])) * (1.8 if style.marker == "*" else 1) for n in nodes],
            marker=style.marker,
            c=style.fill,
            edgecolors=style.color,
            linewidths=1.2 if style.dashed else 0.6,
            linestyles="--" if style.dashed else "-",
            zorder=2,
        )
        handles.append(_legend_handle(style, f"{style.name} ({len(nodes)})"))

    labelled = sorted(g, key=lambda n: (-degree[n], str(n)))[: 40 if len(g) > 60 else len(g)]
    for node in labelled:
        ax.annotate(
            _caption(g, node),
            pos[node],
            xytext=(0, -7),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=7 if large else 8.5,
            color="#1f2933",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
            zorder=3,
        )
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, title="Kinds")
    ax.set_aspect("equal", adjustable="datalim")
    ax.autoscale_view()
    ax.margins(0.04)
    if len(g) > len(labelled):
        ax.text(
            0,
            -0.01,
            f"Labels of the {len(labelled)} most linked nodes.",
            transform=ax.transAxes,
            fontsize=8,
            color="#52606d",
            va="top",
        )
    return fig


def _layout(g: nx.Graph) -> dict[Any, tuple[float, float]]:
    """A seeded layout in which a node has about one unit of room. Each connected part is laid out on its
    own, then the parts are packed in rows, biggest first, so that isolated nodes do not squeeze the rest
    into a corner."""
    parts = sorted(nx.connected_components(g), key=lambda part: (-len(part), min(map(str, part))))
    layouts = [_part_layout(g.subgraph(part)) for part in parts]
    boxes = []
    for pos in layouts:
        xs, ys = zip(*pos.values(), strict=True)
        boxes.append((min(xs), max(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1))
    # Rows about 4:3 wide, the shape of the drawing, and never narrower than the biggest part.
    row_width = max(max(box[2] for box in boxes), 1.15 * math.sqrt(sum(box[2] * box[3] for box in boxes)))
    x = top = row_height = 0.0
    placed: dict[Any, tuple[float, float]] = {}
    for pos, (left, upper, width, height) in zip(layouts, boxes, strict=True):
        if x > 0 and x + width > row_width:
            x, top, row_height = 0.0, top - row_height, 0.0
        placed |= {node: (x + px - left, top - (upper - py)) for node, (px, py) in pos.items()}
        x += width
        row_height = max(row_height, height)
    return placed


def _part_layout(g: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Spring layout of one connected part. In a large part only the most linked nodes are laid out by
    networkx; every other node goes on a small sunflower spiral around its most linked neighbour already
    placed, breadth first."""
    if len(g) <= _SPRING_NODES:
        pos = nx.spring_layout(g, seed=_SEED, scale=math.sqrt(len(g)))
        return {n: (float(x), float(y)) for n, (x, y) in pos.items()}
    degree = dict(g.degree())
    rank = {n: i for i, n in enumerate(sorted(g, key=lambda n: (-degree[n], str(n))))}
    core = g.subgraph(n for n in g if rank[n] < _SPRING_NODES)
    placed = {
        n: (float(x), float(y)) for n, (x, y) in nx.spring_layout(core, seed=_SEED, scale=2 * len(core) ** 0.5).items()
    }
    golden = math.pi * (3 - math.sqrt(5))
    around: Counter[Any] = Counter()
    remaining = sorted(set(g) - set(placed), key=rank.__getitem__)
    while remaining:  # the part is connected, so every round places at least one node
        left = []
        ring = {}
        for node in remaining:
            anchors = [m for m in g[node] if m in placed]
            if not anchors:
                left.append(node)
                continue
            anchor = min(anchors, key=rank.__getitem__)
            around[anchor] += 1
            i = around[anchor]
            x, y = placed[anchor]
            ring[node] = (x + 0.4 * math.sqrt(i) * math.cos(i * golden), y + 0.4 * math.sqrt(i) * math.sin(i * golden))
        placed |= ring
        remaining = left
    return placed


def _legend_handle(style: KindStyle, label: str) -> Line2D:
    return Line2D(
        [],
        [],
        linestyle="",
        marker=style.marker,
        markersize=11 if style.marker == "*" else 8,
        markerfacecolor=style.fill,
        markeredgecolor=style.color,
        markeredgewidth=1.2 if style.dashed else 0.6,
        label=label,
    )


def _caption(g: nx.MultiDiGraph, node: str, limit: int = 36) -> str:
    """A node's label in a drawing: an encounter, whose label names the participants its links already
    show, by kind and date; a long name cut short."""
    attrs = g.nodes[node]
    if attrs.get("kind") in ENCOUNTER_KINDS:
        return ", ".join(filter(None, (KIND_STYLES[attrs["kind"]].name, _iso_date(attrs.get("date")))))
    label = _label(g, node)
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


# --- the timeline -----------------------------------------------------------------------------------------

# The chart keeps the participants in this many encounters, the most active first; the rest are counted.
_TIMELINE_ROWS = 50


@dataclass(frozen=True)
class _Encounter:
    node: str
    kind: str
    date: dt.date
    participants: tuple[str, ...]
    place: str | None


def _encounters(g: nx.MultiDiGraph) -> tuple[list[_Encounter], int]:
    """The dated encounters with at least one participant, by date, and the number left out."""
    dated: list[_Encounter] = []
    left_out = 0
    for node, attrs in g.nodes(data=True):
        kind = attrs.get("kind")
        if kind not in ENCOUNTER_KINDS:
            continue
        date = _iso_date(attrs.get("date"))
        participants = tuple(_linked(g, node, "participant"))
        if date is None or not participants:
            left_out += 1
            continue
        places = _linked(g, node, "place")
        place = _label(g, places[0]) if places else None
        dated.append(_Encounter(node, kind, dt.date.fromisoformat(date), participants, place))
    dated.sort(key=lambda e: (e.date, e.node))
    return dated, left_out


def _linked(g: nx.MultiDiGraph, node: str, predicate: str) -> list[str]:
    """The nodes linked to ``node`` by ``predicate``, in either direction, each once."""
    found = [v for _, v, p in g.out_edges(node, data="predicate") if p == predicate]
    found += [u for u, _, p in g.in_edges(node, data="predicate") if p == predicate]
    return list(dict.fromkeys(found))


def _timeline_figure(g: nx.MultiDiGraph, title: str) -> Figure:
    encounters, undated = _encounters(g)
    active = Counter(p for e in encounters for p in e.participants)
    shown = {p for p, _ in sorted(active.items(), key=lambda item: (-item[1], str(item[0])))[:_TIMELINE_ROWS]}
    rows: dict[str, int] = {}
    for encounter in encounters:
        for person in encounter.participants:
            if person in shown and person not in rows:
                rows[person] = len(rows)
    hidden_people = len(active) - len(shown)
    notes = []
    if undated:
        notes.append(f"{_count(undated, 'encounter')} without a date or a participant not shown.")
    if hidden_people:
        notes.append(f"{_count(hidden_people, 'less active participant')} not shown.")

    height = 2.6 + 0.3 * max(len(rows), 3)
    fig = Figure(figsize=(11, height), layout=ConstrainedLayoutEngine(rect=(0, 0.35 / height, 1, 1 - 0.35 / height)))
    ax = fig.add_subplot()
    ax.set_title(f"{title}: encounters by date", loc="left", fontsize=13)
    if notes:
        fig.text(0.01, 0.08 / height, " ".join(notes), fontsize=8, color="#52606d")
    if not rows:
        ax.set_axis_off()
        ax.text(
            0.5, 0.5, "No dated encounter in the graph.", ha="center", va="center", fontsize=14, transform=ax.transAxes
        )
        return fig

    first, last = encounters[0].date, encounters[-1].date
    span = max((last - first).days, 1)
    # Encounters on the same day sit side by side rather than on top of each other.
    same_day: dict[dt.date, list[_Encounter]] = defaultdict(list)
    for encounter in encounters:
        same_day[encounter.date].append(encounter)
    markers: dict[str, tuple[list[float], list[int]]] = defaultdict(lambda: ([], []))
    label_places = len(encounters) <= 30
    for day, group in same_day.items():
        for slot, encounter in enumerate(group):
            x = date2num(day) + (slot - (len(group) - 1) / 2) * span * 0.008
            ys = [rows[p] for p in encounter.participants if p in rows]
            if not ys:
                continue
            style = KIND_STYLES[encounter.kind]
            if len(ys) > 1:
                ax.vlines(
                    x,
                    min(ys),
                    max(ys),
                    colors=style.color,
                    linewidths=1.6,
                    zorder=1,
                    linestyles="--" if style.dashed else "-",
                )
            markers[encounter.kind][0].extend([x] * len(ys))
            markers[encounter.kind][1].extend(ys)
            if label_places and encounter.place:
                ax.annotate(
                    encounter.place,
                    (x, min(ys)),
                    xytext=(0, 7),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=7.5,
                    color="#52606d",
                )
    handles = []
    for kind in _kind_order(markers):
        style = KIND_STYLES[kind]
        xs, ys = markers[kind]
        ax.scatter(
            xs,
            ys,
            s=140 if style.marker == "*" else 60,
            marker=style.marker,
            c=style.fill,
            edgecolors=style.color,
            linewidths=1.2 if style.dashed else 0.6,
            zorder=2,
        )
        handles.append(_legend_handle(style, style.name))

    people = sorted(rows, key=rows.__getitem__)
    ax.set_yticks(range(len(people)), [_label(g, p) for p in people])
    ax.set_ylim(len(people) - 0.4, -0.9)
    pad = max(span * 0.05, 3)
    ax.set_xlim(date2num(first) - pad, date2num(last) + pad)
    locator = AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.grid(axis="x", color="#e4e7eb")
    ax.grid(axis="y", color="#f0f2f4")
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig
