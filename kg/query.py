"""Named SPARQL queries, and reading and writing graph files.

A named query is a file ``queries/<name>.rq`` that ships inside the package. Its leading ``#`` comment
block documents it: the first line is a one-line description, and each ``# param: NAME — what it is`` line
declares a parameter. Parameters are bound with rdflib's ``initBindings`` on a query prepared once, never
pasted into the SPARQL text, so a value with quotes or braces is only ever data.

>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
...     @prefix kg: <https://w3id.org/kg/ontology#> .
...     <https://w3id.org/kg/id/nation/FRA> a kg:Nation ; kg:name "France" ; kg:iso3 "FRA" .
... ''')
>>> query(g, "nations")
[{'nation': 'https://w3id.org/kg/id/nation/FRA', 'name': 'France', 'iso3': 'FRA'}]
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import rdflib
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query as PreparedQuery

from kg import resources
from kg.errors import GraphError, QueryError, UsageError, one_line
from kg.keys import lookup_key

__all__ = [
    "PARAM_FORMS",
    "SPARQL_TOKENS",
    "Query",
    "load_graph",
    "load_query",
    "query",
    "query_names",
    "rows",
]

# File extensions load_graph() reads, with rdflib's parser names. Quad formats are merged into one graph.
_READ_FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
}
_QUAD_FORMATS = {"trig", "nquads"}

# Enough of SPARQL's lexer to find variables and keywords as tokens, for kg.store and kg.endpoint, which bind
# parameters by rewriting the query: comments, IRIs and strings are skipped whole, so that a "#", "{" or "?x"
# inside one is not taken for syntax, and a prefixed name is one token, so that "schema:values" is no VALUES.
SPARQL_TOKENS = re.compile(
    r"""
    (?P<skip> \#[^\n]*
      | <[^<>"{}|^`\\\s]*>
      | "{3}(?:[^"\\]|\\.|"(?!""))*"{3} | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}
      | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*' )
    | (?P<var> [?$]\w+ )
    | (?P<name> (?:[A-Za-z][\w.-]*)?:(?:[\w:%.-]|\\.)* )
    | (?P<word> [A-Za-z]+ )
    | (?P<char> \S )
    """,
    re.VERBOSE,
)

_PARAM_LINE = re.compile(
    r"^param:\s*(?P<name>[A-Za-z_]\w*)\s*(?:\((?P<form>\w+)\)\s*)?(?:[\u2014\u2013:-]\s*)?(?P<doc>.*)$"
)

# How a parameter declared ``# param: NAME (FORM)`` is written before it is bound: in the form the graph
# states the values it is compared with, so that the query matches an exact term a store finds by its index.
PARAM_FORMS = {
    "key": lookup_key,  # a name or alias, as kg:nameKey states it (kg.keys)
    "upper": lambda value: value.strip().upper(),  # a code, as kg:iso3 states it
}


@dataclass(frozen=True, eq=False)
class Query:
    """A SPARQL SELECT query read from a ``.rq`` file, parsed and prepared once.

    ``params`` maps each declared parameter to its description, in the order the file declares them;
    ``forms`` maps those declared with a form (``# param: name (key)``) to it, one of :data:`PARAM_FORMS`.
    """

    name: str
    path: Path
    description: str
    params: Mapping[str, str]
    text: str = field(repr=False)
    prepared: PreparedQuery = field(repr=False)
    forms: Mapping[str, str] = field(default_factory=dict)

    @property
    def variables(self) -> list[str]:
        """The projected variables, in the order of the SELECT clause."""
        return [str(var) for var in self.prepared.algebra["PV"]]

    def bind(self, params: Mapping[str, object]) -> dict[str, rdflib.Literal]:
        """Check ``params`` against the declared parameters and turn each value into a plain string literal,
        in its declared form: ``key`` the lookup key of a name (:func:`kg.keys.lookup_key`), ``upper`` in
        upper case.

        Raises :class:`QueryError` on a parameter the query does not declare or a declared one left out.
        """
        unknown = sorted(set(params) - set(self.params))
        if unknown:
            declared = ", ".join(self.params) or "none"
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(unknown)}; its parameters: {declared}")
        missing = [name for name in self.params if name not in params]
        if missing:
            needs = "; ".join(f"{name}: {self.params[name]}" for name in missing)
            raise QueryError(f"query {self.name!r} needs a value for {needs}")
        return {
            name: rdflib.Literal(PARAM_FORMS[self.forms[name]](str(value)) if name in self.forms else str(value))
            for name, value in params.items()
        }


def query_names() -> list[str]:
    """The names of the named queries, sorted.

    >>> "officials" in query_names()
    True
    """
    return sorted(path.stem for path in _queries_dir().iterdir() if path.name.endswith(".rq"))


def load_query(name_or_path: str | os.PathLike[str]) -> Query:
    """Load a named query (``"officials"``) or a ``.rq`` file given by its path.

    Named queries are prepared once per process. Raises :class:`QueryError` when the name is unknown, the
    file cannot be read, its SPARQL does not parse, or it is not a SELECT query.

    >>> q = load_query("official-meetings")
    >>> list(q.params)
    ['name']
    >>> q.variables[:2]
    ['meeting', 'date']
    """
    text = os.fspath(name_or_path)
    if text.endswith(".rq") or os.sep in text or "/" in text:
        path = Path(text)
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            raise QueryError(f"query file {text} does not exist; give a .rq file or a name: {_names()}") from None
        return _load_file(path.resolve(), mtime)
    return _load_named(text)


def query(
    graph: rdflib.Graph,
    name_or_path: str | os.PathLike[str] | Query,
    /,
    *,
    limit: int | None = None,
    offset: int = 0,
    **params: object,
) -> list[dict[str, str | None]]:
    """Run a named query (or a ``.rq`` file, or a loaded :class:`Query`) on ``graph``.

    Each keyword argument binds the query parameter of that name to a plain string literal. Returns one dict
    per result row, mapping each projected variable, in SELECT order, to its value as a string (``None`` when
    unbound); ``limit`` and ``offset`` page through the rows as SPARQL's LIMIT and OFFSET do. Raises
    :class:`QueryError` as :func:`load_query` does, and on an unknown or missing parameter.

    >>> from rdflib import Graph
    >>> query(Graph(), "official-meetings", name='x" } ; DROP ALL #')
    []
    """
    return list(rows(graph, name_or_path, params, limit=limit, offset=offset))


def rows(
    graph: rdflib.Graph,
    name_or_path: str | os.PathLike[str] | Query,
    params: Mapping[str, object] | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[dict[str, str | None]]:
    """The rows of :func:`query`, one at a time. Raises what :func:`query` raises."""
    named = name_or_path if isinstance(name_or_path, Query) else load_query(name_or_path)
    check_page(named, limit, offset)
    bindings = named.bind(params or {})
    result = graph.query(named.prepared, initBindings=bindings)
    variables = [str(var) for var in result.vars or []]
    stop = None if limit is None else offset + limit
    for row in itertools.islice(result, offset, stop):
        yield {var: None if value is None else str(value) for var, value in zip(variables, row, strict=True)}


def check_page(named: Query, limit: int | None, offset: int) -> None:
    """Raise :class:`UsageError` on a negative ``limit`` or ``offset``, and :class:`QueryError` when paging a
    query that has a LIMIT or OFFSET of its own."""
    if (limit is not None and limit < 0) or offset < 0:
        raise UsageError("--limit and --offset take a number of rows, 0 or more")
    if (limit is not None or offset) and named.prepared.algebra.p.name == "Slice":
        raise QueryError(f"query {named.name!r} has a LIMIT or OFFSET of its own; remove it to page with --limit")


def paged(named: Query, text: str, limit: int | None, offset: int) -> str:
    """``text`` (the SPARQL of ``named``, its parameters bound) with LIMIT and OFFSET added, for stores that
    page it themselves. Raises what :func:`check_page` raises.

    >>> paged(load_query("nations"), "SELECT ...", 10, 20)
    'SELECT ...\\nLIMIT 10\\nOFFSET 20\\n'
    """
    check_page(named, limit, offset)
    if limit is not None:
        text += f"\nLIMIT {int(limit)}"
    if offset:
        text += f"\nOFFSET {int(offset)}"
    return text + "\n" if limit is not None or offset else text


def load_graph(path: str | os.PathLike[str]) -> rdflib.Graph:
    """Read a graph file, its format told by its extension (.ttl, .nt, .jsonld/.json, .trig, .nq), or a store.

    The named graphs of a TriG or N-Quads file, or of a store folder (``kg build --store``), are merged into one
    graph. Raises :class:`GraphError` when the file is missing, is a directory that is not a store, has an
    unknown extension or does not parse, and :class:`~kg.errors.StoreError` when the store is in use by a writer.
    """
    path = Path(path)
    if path.is_dir():
        from kg.store import Store, is_store  # kg.store builds on this module

        if not is_store(path):
            raise GraphError(
                f"{path} is a directory but not a store; give a graph file (.ttl, .nt, .jsonld, .trig, .nq) "
                "or a folder made by `kg build ... --store`"
            )
        with Store.open(path, read_only=True) as store:
            return store.to_graph()
    if not path.exists():
        raise GraphError(f"graph file {path} does not exist; build one with `kg build ARTICLE -o {path}`")
    fmt = _READ_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(_READ_FORMATS)
        raise GraphError(f"cannot tell the format of {path} from its extension; use one of {known}")
    try:
        if fmt in _QUAD_FORMATS:
            dataset = rdflib.Dataset()
            dataset.parse(path, format=fmt)
            graph = rdflib.Graph()
            for prefix, namespace in dataset.namespaces():
                graph.bind(prefix, namespace, override=False)
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            graph = rdflib.Graph()
            graph.parse(path, format=fmt)
    except Exception as exc:  # rdflib's parsers raise many unrelated types; all mean "not valid RDF"
        if "<<(" in _head(path):
            raise GraphError(
                f"cannot read {path}: it holds RDF 1.2 triple terms (<<( ... )>>), which rdflib cannot read; write "
                f"it with reification: `kg export {path} --provenance-style reification -o OUT`"
            ) from exc
        raise GraphError(f"cannot read {path} as {fmt}: {one_line(exc)}") from exc
    return graph


def _head(path: Path, size: int = 1 << 20) -> str:
    """The start of a file, as text, to tell why it did not parse."""
    with open(path, "rb") as f:
        return f.read(size).decode("utf-8", "replace")


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """A binary file that appears at ``target`` only once it is complete: written to a temporary file beside
    it, then renamed. On any error nothing is left behind. Raises UsageError when the folder is not writable."""
    try:
        fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp_name, 0o666 & ~_umask())
        os.replace(temp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from exc
        raise


def _umask() -> int:
    # os.umask can only be read by setting it; set it straight back.
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _queries_dir() -> Path:
    # Named queries are read as files (for their path in messages); wheels install unzipped, so they are.
    return Path(str(resources.queries_dir()))


def _names() -> str:
    return ", ".join(query_names())


@functools.cache
def _load_named(name: str) -> Query:
    path = _queries_dir() / f"{name}.rq"
    if not path.is_file():
        raise QueryError(f"unknown query {name!r}; the named queries are: {_names()} (or give a .rq file)")
    return _read_query(path, name)


@functools.lru_cache(maxsize=64)
def _load_file(path: Path, mtime_ns: int) -> Query:
    # mtime_ns is part of the cache key so that an edited file is read again.
    del mtime_ns
    return _read_query(path, path.stem)


def _read_query(path: Path, name: str) -> Query:
    if path.is_dir():
        raise QueryError(f"{path} is a directory; give a .rq file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read query file {path}: {one_line(exc)}") from exc
    try:
        prepared = prepareQuery(text)
    except Exception as exc:  # pyparsing and rdflib's algebra raise various types for bad SPARQL
        raise QueryError(f"query file {path} does not parse: {one_line(exc)}") from exc
    kind = prepared.algebra.name
    if kind != "SelectQuery":
        raise QueryError(f"query file {path} is a {kind}; kg runs SELECT queries only")
    description, params, forms = _parse_header(text, path)
    return Query(
        name=name, path=path, description=description, params=params, text=text, prepared=prepared, forms=forms
    )


def _parse_header(text: str, path: Path) -> tuple[str, dict[str, str], dict[str, str]]:
    """The description, declared parameters and their forms from the leading ``#`` comment block of a query."""
    description = ""
    params: dict[str, str] = {}
    forms: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line.startswith("#"):
            break
        line = line.lstrip("#").strip()
        match = _PARAM_LINE.match(line)
        if match:
            if match["name"] in {"limit", "offset"}:  # keyword arguments of query() and Store.run_named()
                raise QueryError(
                    f"query file {path}: a parameter cannot be named {match['name']}, which pages the rows; rename it"
                )
            params[match["name"]] = match["doc"].strip()
            if match["form"]:
                if match["form"] not in PARAM_FORMS:
                    known = ", ".join(f"({form})" for form in PARAM_FORMS)
                    raise QueryError(
                        f"query file {path}: parameter {match['name']} has the unknown form ({match['form']}); "
                        f"use one of {known} or none"
                    )
                forms[match["name"]] = match["form"]
        elif line and not description:
            description = line
    return description, params, forms
