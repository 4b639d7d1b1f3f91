"""What the benchmark scripts share: the corpus on disk, timing a command and the memory of its processes,
percentiles, tables and the ``--json`` file."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psutil

from benchmarks.generate import write_corpus

DEFAULT_WORKDIR = Path("/tmp/kg-bench")


def parser(doc: str, articles: int) -> argparse.ArgumentParser:
    """The options every benchmark script takes (``--articles``, ``--seed``, ``--workdir``, ``--json``), its
    help from the script's docstring ``doc``; a script adds its own."""
    parser = argparse.ArgumentParser(
        description=doc.split("\n\n")[0],
        epilog=doc.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--articles", type=int, default=articles, metavar="N", help=f"articles (default {articles})")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument(
        "--workdir", type=Path, default=DEFAULT_WORKDIR, help=f"scratch folder (default {DEFAULT_WORKDIR})"
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures to OUT as JSON")
    return parser


SAMPLE_SECONDS = 0.2
GOAL_OK, GOAL_MISSED = "yes", "NO"


# --- the corpus ------------------------------------------------------------------------------------------


def corpus(workdir: Path, n: int, seed: int) -> Path:
    """The folder of the first ``n`` articles of the corpus of ``seed``, written once and reused after.

    A smaller corpus of the same seed is a prefix of a larger one, so it is made of links to the larger one's
    files when that exists.
    """
    folder = workdir / f"corpus-seed{seed}-n{n}"
    if _complete(folder, n):
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    larger = sorted(
        (p for p in workdir.glob(f"corpus-seed{seed}-n*") if _size(p) > n and _complete(p, _size(p))),
        key=_size,
    )
    if larger:
        source = larger[0]
        folder.mkdir(parents=True)
        lines = (source / "metadata.jsonl").read_text(encoding="utf-8").splitlines()[:n]
        for line in lines:
            name = json.loads(line)["path"]
            (folder / name).symlink_to(source / name)
        (folder / "metadata.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        write_corpus(folder, n, seed)
    return folder


def _size(folder: Path) -> int:
    return int(folder.name.rsplit("-n", 1)[1])


def _complete(folder: Path, n: int) -> bool:
    sidecar = folder / "metadata.jsonl"
    if not sidecar.is_file():
        return False
    return len(sidecar.read_text(encoding="utf-8").splitlines()) == n and len(list(folder.glob("*.txt"))) == n


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    published: date


def corpus_files(folder: Path) -> list[CorpusFile]:
    """The articles of a corpus folder with their dates, in the order of ``metadata.jsonl``."""
    files = []
    for line in (folder / "metadata.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        files.append(CorpusFile(folder / meta["path"], date.fromisoformat(meta["published"])))
    return files


# --- the kg command ---------------------------------------------------------------------------------------


def kg_command() -> list[str]:
    """The ``kg`` console script beside this Python (the project's .venv), else the one on PATH."""
    beside = Path(sys.executable).parent / "kg"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("kg")
    return [found] if found else [sys.executable, "-m", "kg.cli"]


def kg_build_options() -> str:
    """The help text of ``kg build``, to tell which options this kg has (``--store``, ``--jobs``)."""
    done = subprocess.run([*kg_command(), "build", "--help"], capture_output=True, text=True, check=False)
    return done.stdout


# --- timing a process and its memory ---------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float
    returncode: int
    peak_rss: int  # bytes: the most the process and its children held at once (sampled)
    peak_single_rss: int  # bytes: the most any one of them held
    max_processes: int
    stderr: str


def run_measured(command: Sequence[str], *, sample: float = SAMPLE_SECONDS, env: dict | None = None) -> Run:
    """Run ``command``, timing it end to end and sampling the resident memory of it and its children."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    peaks = {"total": 0, "single": 0, "processes": 0}
    stop = threading.Event()

    def watch() -> None:
        try:
            parent = psutil.Process(process.pid)
        except psutil.NoSuchProcess:
            return
        while not stop.is_set():
            try:
                tree = [parent, *parent.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            sizes = []
            for p in tree:
                with contextlib.suppress(psutil.Error):  # a worker that just ended
                    sizes.append(p.memory_info().rss)
            if sizes:
                peaks["total"] = max(peaks["total"], sum(sizes))
                peaks["single"] = max(peaks["single"], max(sizes))
                peaks["processes"] = max(peaks["processes"], len(sizes))
            stop.wait(sample)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    watcher.join()
    return Run(seconds, process.returncode, peaks["total"], peaks["single"], peaks["processes"], stderr)


# --- figures ---------------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of ``values``, interpolating between the nearest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def goal(ok: bool) -> str:
    return GOAL_OK if ok else GOAL_MISSED


def mib(n_bytes: float) -> str:
    return f"{n_bytes / 2**20:,.0f} MiB"


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain text table: columns aligned, numbers to the right."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]

    def line(values: Sequence[str], numeric: Sequence[bool]) -> str:
        parts = [v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    numeric = [all(_is_number(r[i]) for r in cells) and bool(cells) for i in range(len(headers))]
    return "\n".join(
        [line(headers, numeric), line(["-" * w for w in widths], numeric)] + [line(r, numeric) for r in cells]
    )


def _is_number(text: str) -> bool:
    return re.match(r"-?[\d,]+(?:\.\d+)?(?:\s|x|%|$)", text) is not None


def write_json(path: Path | None, figures: dict) -> None:
    """Write ``figures`` (with the machine they were taken on) to ``path``, if one was given."""
    if path is None:
        return
    from benchmarks.machine import machine_info

    payload = {"machine": machine_info(), **figures}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def busy_note() -> str:
    """One line on how busy the machine was while the figures were taken."""
    load1, load5, _ = os.getloadavg()
    return f"load average {load1:.2f} (1 min), {load5:.2f} (5 min) on {os.cpu_count()} CPUs"
