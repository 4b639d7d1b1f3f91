"""How fast the page of ``kg.viz.write_html`` opens and settles in headless Chromium, on synthetic graphs
shaped like ``kg.network.to_networkx``'s (officials, nations, places, treaties, dated encounters).

    .venv/bin/python benchmarks/viz_benchmark.py                  # 5,000 nodes, 3 runs
    .venv/bin/python benchmarks/viz_benchmark.py --nodes 1000 2000 5000 --runs 3
    .venv/bin/python benchmarks/viz_benchmark.py --screenshot docs/example-viz.png   # the README's picture

For each size it prints the time to write the HTML, the page's size, and, as the median of the runs, the
times from navigation to the end of the page's own script, to DOMContentLoaded and to ``window.kg.ready``
(layout settled, physics off, view fitted), with the machine it ran on. It needs Debian's ``chromium`` and
``chromium-driver``, and runs offline.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The benchmarks live beside the package; the page's browser set-up and synthetic graphs are the tests'.
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from test_browser import CHROMIUM, start_chrome, wait_ready  # noqa: E402
from test_viz import make_graph  # noqa: E402

from benchmarks.machine import machine_info, markdown  # noqa: E402
from kg.viz import write_html  # noqa: E402

EXAMPLE = ROOT / "examples" / "mattis-abe-tokyo-2017.txt"


def chromium_version() -> str:
    found = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False)
    return found.stdout.strip() or "unknown"


def measure(sizes: list[int], runs: int) -> list[dict]:
    """Write the page of a synthetic graph of each size and open it ``runs`` times; print a table row per size."""
    folder = Path(tempfile.mkdtemp(prefix="kg-viz-bench-"))
    rows = []
    try:
        driver = start_chrome(folder / "profile")
        try:
            for n in sizes:
                g = make_graph(n, seed=1)
                page = folder / f"graph-{n}.html"
                started = time.perf_counter()
                write_html(g, page, title=f"{n} nodes")
                written = time.perf_counter() - started
                loads = []
                for _ in range(runs):
                    driver.get("about:blank")
                    driver.get(page.as_uri())
                    wait_ready(driver, timeout=300)
                    loads.append(
                        driver.execute_script(
                            """
                            const nav = performance.getEntriesByType("navigation")[0];
                            return {script: window.kg.timings.page, loaded: nav.domContentLoadedEventEnd,
                                    ready: window.kg.readyMs, drawn: window.kg.network.body.nodeIndices.length,
                                    physics: window.kg.data.options.physics};
                            """
                        )
                    )
                    if loads[-1]["drawn"] != n:
                        raise SystemExit(f"the page drew {loads[-1]['drawn']} nodes of {n}")
                physics = loads[0]["physics"]
                rows.append(
                    {
                        "nodes": n,
                        "edges": g.number_of_edges(),
                        "html_mb": round(page.stat().st_size / 2**20, 2),
                        "write_html_s": round(written, 2),
                        "script_s": round(statistics.median(load["script"] for load in loads) / 1000, 2),
                        "dom_content_loaded_s": round(statistics.median(load["loaded"] for load in loads) / 1000, 2),
                        "ready_s": round(statistics.median(load["ready"] for load in loads) / 1000, 2),
                        "slowest_ready_s": round(max(load["ready"] for load in loads) / 1000, 2),
                        "layout": f"{physics['solver']}, {physics['stabilization']['iterations']} iterations",
                    }
                )
                print(table(rows[-1:], header=len(rows) == 1), flush=True)
        finally:
            driver.quit()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def table(rows: list[dict], *, header: bool = True) -> str:
    lines = []
    if header:
        lines += [
            "| nodes | edges | HTML | write_html | page script run | DOMContentLoaded | ready (settled) "
            "| slowest ready | layout |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
    for r in rows:
        lines.append(
            f"| {r['nodes']:,} | {r['edges']:,} | {r['html_mb']:.1f} MB | {r['write_html_s']:.2f} s "
            f"| {r['script_s']:.2f} s | {r['dom_content_loaded_s']:.2f} s | {r['ready_s']:.2f} s "
            f"| {r['slowest_ready_s']:.2f} s | {r['layout']} |"
        )
    return "\n".join(lines)


def screenshot(target: Path) -> None:
    """The bundled example's page at 1280x800, settled, with Jim Mattis clicked so the panel shows a sentence."""
    from kg.network import to_networkx
    from kg.query import load_graph

    folder = Path(tempfile.mkdtemp(prefix="kg-viz-shot-"))
    try:
        graph_file = folder / "example.ttl"
        kg = Path(sys.executable).with_name("kg")
        subprocess.run(
            [str(kg), "build", str(EXAMPLE), "--published", "2017-02-03", "-o", str(graph_file)],
            check=True,
            capture_output=True,
        )
        page = folder / "example.html"
        write_html(to_networkx(load_graph(graph_file)), page, title="Mattis meets Abe in Tokyo")
        driver = start_chrome(folder / "profile", width=1280, height=800)
        try:
            driver.get(page.as_uri())
            wait_ready(driver)
            mattis = "https://w3id.org/kg/id/official/jim-mattis"
            x, y = driver.execute_script(
                "const net = window.kg.network, at = net.canvasToDOM(net.getPositions([arguments[0]])[arguments[0]]);"
                "return [at.x, at.y];",
                mattis,
            )
            canvas = driver.find_element(By.CSS_SELECTOR, "#graph canvas")
            width, height = canvas.size["width"], canvas.size["height"]
            ActionChains(driver).move_to_element_with_offset(
                canvas, round(x - width / 2), round(y - height / 2)
            ).click().perform()
            # Park the pointer in a corner so no tooltip covers the picture.
            ActionChains(driver).move_to_element_with_offset(canvas, width // 2 - 4, -height // 2 + 4).perform()
            time.sleep(0.5)
            driver.save_screenshot(str(target))
        finally:
            driver.quit()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"wrote {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[5000], help="graph sizes (default: 5000)")
    parser.add_argument("--runs", type=int, default=3, help="page loads per size; the median is printed")
    parser.add_argument("--json", type=Path, help="also write the figures and the machine to this JSON file")
    parser.add_argument("--screenshot", type=Path, help="write the example's screenshot here instead")
    args = parser.parse_args()
    if args.screenshot:
        screenshot(args.screenshot)
        return
    info = machine_info() | {"chromium": chromium_version()}
    print(markdown(info), f"- {info['chromium']}", "", sep="\n", flush=True)
    rows = measure(args.nodes, args.runs)
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "runs": args.runs, "figures": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
