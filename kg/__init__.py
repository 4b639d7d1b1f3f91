"""kg: build RDF knowledge graphs of officials, nations, treaties, places and meetings from news articles.

>>> import kg
>>> graph = kg.build("Defense Secretary Jim Mattis met ...", published="2017-06-03")  # doctest: +SKIP
>>> kg.query(graph, "officials")  # doctest: +SKIP
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from kg.api import build, build_article
from kg.errors import (
    ClusterError,
    EndpointError,
    EntityError,
    GraphError,
    InputError,
    KgError,
    ModelError,
    QueryError,
    StoreError,
    UsageError,
    ValidationFailed,
)
from kg.evaluate import evaluate
from kg.network import to_networkx
from kg.query import load_graph, query
from kg.read import read_file, read_text
from kg.report import summary
from kg.serialize import write_graph
from kg.tables import tables
from kg.validate import validate

try:
    __version__ = version("kg")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "ClusterError",
    "EndpointError",
    "EntityError",
    "GraphError",
    "InputError",
    "KgError",
    "ModelError",
    "QueryError",
    "StoreError",
    "UsageError",
    "ValidationFailed",
    "__version__",
    "build",
    "build_article",
    "evaluate",
    "load_graph",
    "query",
    "read_file",
    "read_text",
    "summary",
    "tables",
    "to_networkx",
    "validate",
    "write_graph",
]
