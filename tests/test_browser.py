"""The page of kg.viz.write_html in a real headless Chromium, with networking off: it settles, draws every
node and link, and its side panel, search, filters and timeline work.

These tests need Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them) and fail, rather
than skip, when they are missing. ``start_chrome`` is shared with ``benchmarks/viz_benchmark.py``.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import networkx
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from test_viz import make_graph, seed_graph

from kg.viz import write_html

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KG_CHROMEDRIVER", "/usr/bin/chromedriver")
READY_TIMEOUT = 90


def start_chrome(profile: str | os.PathLike[str], *, width: int = 1280, height: int = 800) -> webdriver.Chrome:
    """Headless Chromium driven by Debian's chromedriver, with every way to the network closed: a proxy that
    refuses, no name resolution, no background services, and DevTools' offline mode. Selenium Manager is
    never asked for a driver, since the Service names one."""
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not (os.path.isfile(path) and os.access(path, os.X_OK))]
    if missing:
        pytest.fail(
            f"the browser tests need Chromium and its driver; {', '.join(missing)} not found. Install them with "
            "`apt-get install chromium chromium-driver` (as .ci/run does), or point KG_CHROMIUM and "
            "KG_CHROMEDRIVER at them",
            pytrace=False,
        )
    options = Options()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--no-first-run",
        "--no-default-browser-check",
        "--allow-file-access-from-files",
        "--proxy-server=127.0.0.1:9",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
        "--force-device-scale-factor=1",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    # The page gets exactly this viewport, whatever room the headless window keeps for its own frame.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    return driver


def wait_ready(driver: webdriver.Chrome, timeout: float = READY_TIMEOUT) -> None:
    WebDriverWait(driver, timeout, poll_frequency=0.1).until(
        lambda d: d.execute_script("return Boolean(window.kg && window.kg.ready)")
    )


def requested_urls(driver: webdriver.Chrome) -> list[str]:
    """Every URL the page asked for since the last call, from DevTools' network log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


@pytest.fixture(scope="module")
def driver() -> Iterator[webdriver.Chrome]:
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    chrome = start_chrome(profile)
    try:
        yield chrome
    finally:
        chrome.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    graphs = {"seed": seed_graph(), "synthetic": make_graph(300, seed=3), "large": make_graph(2500, seed=5)}
    paths = {}
    for name, g in graphs.items():
        paths[name] = folder / f"{name}.html"
        write_html(g, paths[name], title=name)
    return paths


def open_page(driver: webdriver.Chrome, path: Path) -> None:
    driver.get(path.resolve().as_uri())
    wait_ready(driver)


def panel_text(driver: webdriver.Chrome) -> str:
    return driver.find_element(By.ID, "details").text


# Where a real click lands on one node or link, whatever the layout. The network zooms in on it, then every
# pixel around it is tested: a pixel is free when vis-network resolves it to that node or link as its own
# click handler does (getNodeAt, else getEdgeAt: the nearest link within 10 canvas units of the curve as
# drawn, which a curved link's straight midpoint may miss), when it lies outside the shape and label of every
# other node (getBoundingBox; a link's ends included) and when the canvas, not an overlay, is there
# (elementFromPoint). The point taken is the one farthest from any pixel that is not free (nearest the centre
# among equals), and every pixel within `clearance` of it must be free, so no rounding of the pointer can
# tip it onto something else. Returns the point in viewport pixels, or throws.
_CLICK_POINT = """
const [kind, id, clearance] = arguments;
const kg = window.kg, net = kg.network;
const ends = kind === "node" ? [id] : [kg.edges.get(id).from, kg.edges.get(id).to];
const pos = net.getPositions(ends);
const centre = {x: ends.reduce((sum, n) => sum + pos[n].x, 0) / ends.length,
                y: ends.reduce((sum, n) => sum + pos[n].y, 0) / ends.length};
net.moveTo({position: centre, scale: 1.5, animation: false});
net.redraw();  // node boxes, labels included, as drawn at this scale
const canvas = document.querySelector("#graph canvas");
const rect = canvas.getBoundingClientRect();
const toDOM = box => {
    const [a, b] = [net.canvasToDOM({x: box.left, y: box.top}), net.canvasToDOM({x: box.right, y: box.bottom})];
    return {left: a.x, top: a.y, right: b.x, bottom: b.y};
};
const boxes = kg.nodes.getIds({filter: n => !n.hidden && !(kind === "node" && n.id === id)})
    .map(n => toDOM(net.getBoundingBox(n)));
const free = (x, y) => !boxes.some(b => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom)
    && (kind === "node" ? net.getNodeAt({x, y}) === id
        : net.getNodeAt({x, y}) === undefined && net.getEdgeAt({x, y}) === id)
    && document.elementFromPoint(rect.left + x, rect.top + y) === canvas;
// The pixels to test: the node's box, or the box of the link's ends with room for the bend of its curve.
const area = toDOM(ends.map(n => net.getBoundingBox(n)).reduce((a, b) => ({
    left: Math.min(a.left, b.left), top: Math.min(a.top, b.top),
    right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom)})));
const margin = kind === "node" ? 0 : 60;
const left = Math.max(0, Math.floor(area.left - margin)), top = Math.max(0, Math.floor(area.top - margin));
const w = Math.min(Math.floor(rect.width), Math.ceil(area.right + margin) + 1) - left;
const h = Math.min(Math.floor(rect.height), Math.ceil(area.bottom + margin) + 1) - top;
// Each free pixel's Chebyshev distance to the nearest pixel that is not free or lies outside the area (0 for
// one that is not free), in a forward and a backward pass over the grid.
const depth = new Int32Array(w * h);
for (let k = 0; k < w * h; k++) depth[k] = free(left + k % w, top + Math.floor(k / w)) ? w + h : 0;
const at = (i, j) => (i < 0 || j < 0 || i >= w || j >= h ? 0 : depth[j * w + i]);
for (const s of [1, -1]) {
    for (let n = 0; n < w * h; n++) {
        const k = s === 1 ? n : w * h - 1 - n, i = k % w, j = Math.floor(k / w);
        if (depth[k]) {
            depth[k] = Math.min(depth[k], 1 + Math.min(at(i - s, j - s), at(i, j - s), at(i + s, j - s), at(i - s, j)));
        }
    }
}
const mid = net.canvasToDOM(centre);
let best = null;
for (let k = 0; k < w * h; k++) {
    const x = left + k % w, y = top + Math.floor(k / w), d = depth[k], off = Math.hypot(x - mid.x, y - mid.y);
    if (d && (!best || d > best.d || (d === best.d && off < best.off))) best = {d, off, x, y};
}
if (!best || best.d <= clearance) throw new Error(`no point of ${kind} ${id} is ${clearance} px clear of the rest`);
return [Math.round(rect.left + best.x), Math.round(rect.top + best.y)];
"""


def click_on(driver: webdriver.Chrome, kind: str, id_: str | int, *, clearance: int = 3) -> None:
    """Click with the mouse where the network shows the node or link ``id_`` and nothing else."""
    x, y = driver.execute_script(_CLICK_POINT, kind, id_, clearance)
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(x, y).click()
    actions.perform()


def positions(driver: webdriver.Chrome) -> dict:
    return driver.execute_script(
        "const net = window.kg.network;"
        "return {positions: net.getPositions(), scale: net.getScale(), view: net.getViewPosition()};"
    )


def test_page_settles_offline_and_draws_every_node(driver, pages):
    g = make_graph(300, seed=3)
    requested_urls(driver)
    driver.get_log("browser")
    open_page(driver, pages["synthetic"])
    drawn = driver.execute_script(
        """
        const net = window.kg.network;
        const canvas = document.querySelector("#graph canvas");
        const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 3; i < pixels.length; i += 4 * 7) if (pixels[i] > 0) inked++;
        return {
            nodes: window.kg.nodes.length, edges: window.kg.edges.length,
            bodyNodes: net.body.nodeIndices.length, bodyEdges: net.body.edgeIndices.length,
            width: canvas.clientWidth, height: canvas.clientHeight, inked,
            physics: net.physics.physicsEnabled,
        };
        """
    )
    assert (drawn["nodes"], drawn["edges"]) == (g.number_of_nodes(), g.number_of_edges())
    assert (drawn["bodyNodes"], drawn["bodyEdges"]) == (g.number_of_nodes(), g.number_of_edges())
    assert drawn["width"] > 500 and drawn["height"] > 300
    assert drawn["inked"] > 1000, "the canvas is blank"
    assert drawn["physics"] is False, "physics should be off once the layout has settled"
    assert [url for url in requested_urls(driver) if not url.startswith(("file:", "data:"))] == []
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []


def test_clicking_a_node_shows_its_sentence(driver, pages):
    open_page(driver, pages["seed"])
    mattis = "https://w3id.org/kg/id/official/jim-mattis"
    click_on(driver, "node", mattis)
    WebDriverWait(driver, 10).until(lambda d: "Jim Mattis" in panel_text(d))
    text = panel_text(driver)
    assert "Defense Secretary" in text and "Mattis" in text  # title and alias
    assert "participant" in text and "United States" in text  # links with the other end
    sentence = next(s for _, _, d in seed_graph().edges(mattis, data=True) for s in d["sentences"])
    assert " ".join(sentence["text"].split())[:60] in " ".join(text.split())
    assert sentence["article"] in text
    assert driver.execute_script("return window.kg.network.getSelectedNodes()") == [mattis]


def test_clicking_a_link_shows_its_predicate_and_sentence(driver, pages):
    open_page(driver, pages["seed"])
    g = seed_graph()
    index, (_, _, attrs) = next(
        (i, edge) for i, edge in enumerate(g.edges(data=True)) if edge[2]["predicate"] == "place"
    )
    click_on(driver, "edge", index)
    WebDriverWait(driver, 10).until(lambda d: "Predicate" in panel_text(d))
    text = " ".join(panel_text(driver).split())
    assert "place" in text and "Tokyo" in text and f"{attrs['confidence']:.2f}" in text
    assert " ".join(attrs["sentences"][0]["text"].split())[:60] in text
    assert driver.execute_script("return window.kg.network.getSelectedEdges()") == [index]


def test_layout_is_the_same_however_fast_the_machine(driver, pages):
    # The page's layout is seeded and physics runs a set number of iterations, then stops: on a machine half
    # as fast (DevTools' CPU throttling) every node lands at the same place and the view fits the same. The
    # 300-node graph is used because it is still moving when its iterations run out, where a page that left
    # physics on a moment longer would take as many more steps as the machine's speed allowed.
    open_page(driver, pages["synthetic"])
    fast = positions(driver)
    driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 2})
    try:
        open_page(driver, pages["synthetic"])
        slow = positions(driver)
    finally:
        driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 1})
    assert slow == fast


def test_search_box_finds_a_node(driver, pages):
    open_page(driver, pages["seed"])
    box = driver.find_element(By.ID, "search")
    box.clear()
    box.send_keys("inada")
    WebDriverWait(driver, 5).until(lambda d: "Tomomi Inada" in d.find_element(By.ID, "results").text)
    box.send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(lambda d: "Tomomi Inada" in panel_text(d))
    assert driver.execute_script("return window.kg.network.getSelectedNodes()") == [
        "https://w3id.org/kg/id/official/tomomi-inada"
    ]
    # An alias alone finds its entity too.
    assert driver.execute_script("return window.kg.search('U.S.-Japan security')") == [
        "https://w3id.org/kg/id/treaty/treaty-of-mutual-cooperation-and-security-between-japan-and-the-united-states-of-america"
    ]


def test_kind_filter_hides_nodes(driver, pages):
    open_page(driver, pages["synthetic"])
    g = make_graph(300, seed=3)
    officials = {n for n, kind in g.nodes(data="kind") if kind == "Official"}
    driver.find_element(By.CSS_SELECTOR, '#kinds input[data-kind="Official"]').click()
    hidden = set(driver.execute_script("return window.kg.nodes.get({filter: n => n.hidden}).map(n => n.id)"))
    assert officials <= hidden
    # Only encounters, which link nothing but officials and places, may go with them.
    assert {g.nodes[n]["kind"] for n in hidden - officials} <= {
        "Meeting",
        "PhoneCall",
        "VideoCall",
        "PlannedMeeting",
        "NegatedMeeting",
    }
    hidden_edges = driver.execute_script("return window.kg.edges.get({filter: e => e.hidden}).length")
    assert hidden_edges == sum(1 for u, v in g.edges() if u in hidden or v in hidden)
    assert driver.execute_script("return window.kg.visibleCounts().nodes") == len(g) - len(hidden)
    driver.find_element(By.CSS_SELECTOR, '#kinds input[data-kind="Official"]').click()
    assert driver.execute_script("return window.kg.nodes.get({filter: n => n.hidden}).length") == 0


def test_date_range_hides_encounters_outside_it(driver, pages):
    open_page(driver, pages["synthetic"])
    g = make_graph(300, seed=3)
    driver.execute_script(
        """
        for (const [id, value] of [["date-from", "2018-01-01"], ["date-to", "2019-12-31"]]) {
            const input = document.getElementById(id);
            input.value = value;
            input.dispatchEvent(new Event("change"));
        }
        """
    )
    hidden = set(driver.execute_script("return window.kg.nodes.get({filter: n => n.hidden}).map(n => n.id)"))
    for node, attrs in g.nodes(data=True):
        if attrs["kind"] in ("Meeting", "PhoneCall", "VideoCall", "PlannedMeeting", "NegatedMeeting"):
            inside = attrs["date"] is not None and "2018-01-01" <= attrs["date"] <= "2019-12-31"
            assert (node not in hidden) == inside, (node, attrs["date"])
    listed = driver.find_elements(By.CSS_SELECTOR, "#timeline-list li time")
    assert listed and all("2018-01-01" <= item.text <= "2019-12-31" for item in listed)
    driver.execute_script("window.kg.setDateRange('', '')")
    assert driver.execute_script("return window.kg.nodes.get({filter: n => n.hidden}).length") == 0


def test_timeline_lists_the_meeting(driver, pages):
    open_page(driver, pages["seed"])
    items = driver.find_elements(By.CSS_SELECTOR, "#timeline-list li")
    assert [" ".join(item.text.split()) for item in items] == [
        "2017-02-03 Meeting Jim Mattis, Shinzo Abe, Tomomi Inada · Tokyo"
    ]
    assert len(driver.find_elements(By.CSS_SELECTOR, "#timeline-strip .mark")) == 1
    items[0].click()
    meeting = "https://w3id.org/kg/id/encounter/cec94bb86eac"
    WebDriverWait(driver, 5).until(lambda d: seed_graph().nodes[meeting]["label"] in panel_text(d))
    assert driver.execute_script("return window.kg.network.getSelectedNodes()") == [meeting]


def test_large_graph_settles(driver, pages):
    open_page(driver, pages["large"])
    counts = driver.execute_script("return [window.kg.nodes.length, window.kg.network.body.nodeIndices.length]")
    assert counts == [2500, 2500]
    assert driver.execute_script("return window.kg.network.physics.physicsEnabled") is False


@pytest.mark.parametrize("n", [1, 2, 3])
def test_tiny_graphs_settle(driver, tmp_path, n):
    path = tmp_path / "tiny.html"
    write_html(make_graph(n), path)
    open_page(driver, path)
    assert driver.execute_script("return window.kg.network.body.nodeIndices.length") == n


def test_empty_graph_page(driver, tmp_path):
    path = tmp_path / "empty.html"
    write_html(networkx.MultiDiGraph(), path)
    open_page(driver, path)
    assert driver.find_element(By.ID, "empty").is_displayed()
    assert "The graph is empty" in panel_text(driver)
    assert "none in the graph" in driver.find_element(By.ID, "timeline").text
