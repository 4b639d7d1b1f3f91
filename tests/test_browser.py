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
from selenium.webdriver.common.action_chains import ActionChains
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
    x, y = driver.execute_script(
        """
        const net = window.kg.network, id = arguments[0];
        net.moveTo({position: net.getPositions([id])[id], scale: 1.5, animation: false});
        const at = net.canvasToDOM(net.getPositions([id])[id]);
        if (net.getNodeAt(at) !== id) throw new Error("another node covers " + id);
        return [at.x, at.y];
        """,
        mattis,
    )
    canvas = driver.find_element(By.CSS_SELECTOR, "#graph canvas")
    size = canvas.size
    ActionChains(driver).move_to_element_with_offset(
        canvas, round(x - size["width"] / 2), round(y - size["height"] / 2)
    ).click().perform()
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
    x, y = driver.execute_script(
        """
        const net = window.kg.network, edge = window.kg.edges.get(arguments[0]);
        const pos = net.getPositions([edge.from, edge.to]);
        const mid = {x: (pos[edge.from].x + pos[edge.to].x) / 2, y: (pos[edge.from].y + pos[edge.to].y) / 2};
        net.moveTo({position: mid, scale: 1.5, animation: false});
        const at = net.canvasToDOM(mid);
        if (net.getNodeAt(at) !== undefined || net.getEdgeAt(at) !== arguments[0]) throw new Error("link covered");
        return [at.x, at.y];
        """,
        index,
    )
    canvas = driver.find_element(By.CSS_SELECTOR, "#graph canvas")
    ActionChains(driver).move_to_element_with_offset(
        canvas, round(x - canvas.size["width"] / 2), round(y - canvas.size["height"] / 2)
    ).click().perform()
    WebDriverWait(driver, 10).until(lambda d: "Predicate" in panel_text(d))
    text = " ".join(panel_text(driver).split())
    assert "place" in text and "Tokyo" in text and f"{attrs['confidence']:.2f}" in text
    assert " ".join(attrs["sentences"][0]["text"].split())[:60] in text


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
