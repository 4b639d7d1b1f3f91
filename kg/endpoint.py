"""Remote SPARQL endpoints: run named queries on one, push graphs and stores into one, serve a store as one.

:func:`query_endpoint` runs a named query on any SPARQL 1.1 query endpoint and returns rows shaped as
:func:`kg.query.query` returns them. :func:`push` loads a graph file or a :class:`~kg.store.Store` into any
SPARQL 1.1 update endpoint, each article's named graph replaced by one request. :func:`serve` runs the
Oxigraph server (the ``oxigraph`` program of the ``oxigraph`` package) on a store folder, whose default graph
is the merged graph of its articles, and holds the store's kg lock while it runs.

Every network failure (nothing listening, a timeout, an HTTP error, an answer that is not SPARQL JSON) is an
:class:`~kg.errors.EndpointError` whose one-line message says what to check.

>>> serve("store", bind="0.0.0.0:7878")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.UsageError: --bind 0.0.0.0:7878: the endpoint would be reachable from the network, ... or pass --public
"""

from __future__ import annotations

import ast
import base64
import contextlib
import errno
import http.client
import ipaddress
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import pyoxigraph as ox
import rdflib
from rdflib import RDF
from SPARQLWrapper import ASK, JSON, POST, POSTDIRECTLY, SELECT, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.errors import EndpointError, GraphError, QueryError, StoreError, UsageError
from kg.namespace import KG, KGR
from kg.query import SPARQL_TOKENS, Query, load_query
from kg.store import Store, is_store, locked, ox_term, replace_graph_update

__all__ = ["Server", "push", "query_endpoint", "serve"]

DEFAULT_BIND = "127.0.0.1:7878"

# A single INSERT DATA larger than this is split: servers cap request bodies (often at a few MB) and parse a
# whole update before applying it.
CHUNK_BYTES = 5_000_000

# How long stop() lets the server exit on SIGTERM before it kills it.
_STOP_GRACE_SECONDS = 5
_POLL_SECONDS = 0.05

# Skolem IRIs for blank nodes (kg graphs have none; a hand-made graph may): a blank node label means one node
# only inside one request, so a graph sent in several requests would split it.
_SKOLEM = str(KGR) + "genid/"


# --- queries ------------------------------------------------------------------------------------------------


def query_endpoint(
    url: str,
    named: Query | str | os.PathLike[str],
    params: Mapping[str, str] | None = None,
    *,
    timeout: float = 30,
    auth: tuple[str, str] | None = None,
) -> list[dict[str, str | None]]:
    """Run a named query (a :class:`~kg.query.Query`, a name or a ``.rq`` path) on the SPARQL endpoint ``url``.

    Returns the rows as :func:`kg.query.query` does: one dict per row mapping each SELECT variable, in order,
    to its value as a string, or None when unbound. The query runs on the endpoint's default graph: in a store
    kg wrote (``kg serve``, or a store ``kg push`` loaded), the merged graph of the articles.

    Each parameter is written into the query as an RDF term (a string literal, escaped by Oxigraph's N-Triples
    serializer) in place of its variable; comments, strings and IRIs are left alone. A parameter variable may
    not be projected (``SELECT ?p``, ``SELECT *``) nor assigned (``AS ?p``, ``VALUES ?p``), where a constant
    would change the query's columns or not parse. ``timeout`` bounds each wait for the server (connecting,
    then each read); ``auth`` is a user and password sent with HTTP basic authentication.

    Raises :class:`QueryError` on an unknown query, a wrong or missing parameter or one the query projects or
    assigns, :class:`UsageError` on a URL that is not http(s) or a timeout that is not positive, and
    :class:`EndpointError` when the endpoint cannot be reached, times out, refuses or rejects the query, or
    answers with something other than SPARQL JSON results.
    """
    named = named if isinstance(named, Query) else load_query(named)
    check_url(url, timeout)
    text = _substitute(named, named.bind(params or {}))
    results = _send(url, text, SELECT, timeout=timeout, auth=auth)
    return _rows(results, named.variables, url)


def _substitute(named: Query, bindings: Mapping[str, rdflib.term.Node]) -> str:
    """The text of ``named`` with each parameter variable replaced by its bound term.

    >>> from kg.query import load_query
    >>> named = load_query("official-meetings")
    >>> text = _substitute(named, {"name": rdflib.Literal('x" } ; DROP ALL #')})
    >>> 'LCASE(STR("x\\\\" } ; DROP ALL #"))' in text, "# param: name" in text
    (True, True)
    """
    if not bindings:
        return named.text
    terms = {name: _sparql_term(value, name) for name, value in bindings.items()}
    text = named.text
    pieces, last = [], 0
    # Where only a variable may stand: a SELECT clause up to its WHERE, FROM or "{" (at the clause's own depth
    # of parentheses), a VALUES variable list up to its "{", and the variable after AS.
    in_select = in_values = False
    depth, previous = 0, ""
    for token in SPARQL_TOKENS.finditer(text):
        kind, word = token.lastgroup, token.group()
        if kind == "skip":
            continue
        keyword = word.upper() if kind == "word" else ""
        if keyword == "SELECT":
            in_select, depth = True, 0
        elif keyword == "VALUES":
            in_values = True
        elif in_select and depth == 0 and (word == "{" or keyword in {"WHERE", "FROM"}):
            in_select = False
        elif in_values and word == "{":
            in_values = False
        elif in_select and word == "*":
            raise QueryError(
                f"query {named.name!r} selects * but has parameters; name the variables it selects, without"
                f" {', '.join('?' + name for name in terms)}"
            )
        elif kind == "var" and word[1:] in terms:
            if in_select or in_values or previous == "AS":
                where = "selects" if in_select else "assigns a value to"
                raise QueryError(
                    f"query {named.name!r} {where} its parameter {word}; a constant cannot stand there, so it"
                    " cannot run on an endpoint: select or bind another variable"
                )
            pieces += [text[last : token.start()], terms[word[1:]]]
            last = token.end()
        if in_select:
            depth += {"(": 1, ")": -1}.get(word, 0)
        previous = keyword or word
    return "".join([*pieces, text[last:]])


def _sparql_term(value: rdflib.term.Node, name: str) -> str:
    if isinstance(value, rdflib.BNode):
        raise QueryError(f"cannot bind ?{name} to a blank node; give an IRI or a literal")
    try:
        return _nt(value, {})
    except GraphError as exc:
        raise QueryError(f"cannot bind ?{name}: {exc}") from None


def _rows(results: object, variables: list[str], url: str) -> list[dict[str, str | None]]:
    part = results.get("results") if isinstance(results, dict) else None
    bindings = part.get("bindings") if isinstance(part, dict) else None
    if not isinstance(bindings, list) or not all(isinstance(row, dict) for row in bindings):
        raise EndpointError(_not_sparql_json(url, "JSON without results.bindings"))
    rows = []
    for row in bindings:
        values: dict[str, str | None] = {}
        for var in variables:
            cell = row.get(var)
            if cell is not None and not (isinstance(cell, dict) and isinstance(cell.get("value"), str)):
                raise EndpointError(_not_sparql_json(url, f"a binding of ?{var} without a value"))
            values[var] = None if cell is None else cell["value"]
        rows.append(values)
    return rows


# --- push ---------------------------------------------------------------------------------------------------


def push(
    source: Store | rdflib.Graph,
    url: str,
    *,
    graph_iri: str | None = None,
    timeout: float = 60,
    auth: tuple[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Load a store or a graph into the SPARQL 1.1 update endpoint ``url``; return the number of graphs pushed.

    A :class:`~kg.store.Store` is pushed one named graph per article. A graph (as
    :func:`kg.query.load_graph` reads a file) is pushed as one named graph: ``graph_iri`` if given, else the
    IRI of its ``kg:Article`` when it has exactly one (a file holding several articles has their entities
    merged, so it cannot be split back into them).

    Each graph is replaced by one update request (:func:`kg.store.replace_graph_update`: the graph's triples
    that no other graph states leave the default graph, the graph is dropped, and its new triples go into it
    and into the default graph), so that the remote default graph is the merged graph of the articles, as in
    a kg store. Servers that apply an update request as one transaction (Oxigraph does) apply it all or
    nothing: pushing again replaces the graph, never duplicates it. A graph whose data would pass ~5 MB is
    sent as the drop with its first chunk, then one INSERT DATA per chunk; each request is then atomic, not
    the whole, and a reader may see the graph half loaded until the last. Blank nodes (kg graphs have none) are
    sent as new skolem IRIs under ``https://w3id.org/kg/id/genid/``.

    ``progress(done, total)`` is called after each graph. ``timeout`` bounds each wait for the server (per
    request); ``auth`` is a user and password for HTTP basic authentication.

    Raises :class:`UsageError` when a graph has no single article and no ``graph_iri`` is given, when
    ``graph_iri`` is not an IRI or is given with a store, and on a URL that is not http(s);
    :class:`GraphError` on a term that is not valid RDF; :class:`StoreError` when the store cannot be read;
    :class:`EndpointError` as :func:`query_endpoint` does.
    """
    check_url(url, timeout)
    if isinstance(source, Store):
        if graph_iri is not None:
            raise UsageError("a store is pushed one named graph per article; --graph is for a graph file")
        names = source.articles()
        graphs: Iterable[tuple[str, Iterable[str]]] = ((name, _store_lines(source, name)) for name in names)
    elif isinstance(source, rdflib.Graph):
        name = _graph_name(source, graph_iri)
        names = [name]
        graphs = [(name, _graph_lines(source))]
    else:
        raise TypeError(f"push() takes a kg Store or an rdflib Graph, not {type(source).__name__}")
    for done, (name, lines) in enumerate(graphs, 1):
        for update in _updates(str(ox.NamedNode(name)), lines):
            _send(url, update, "INSERT", timeout=timeout, auth=auth)
        if progress is not None:
            progress(done, len(names))
    return len(names)


def _graph_name(graph: rdflib.Graph, graph_iri: str | None) -> str:
    if graph_iri is not None:
        try:
            return ox.NamedNode(str(graph_iri)).value
        except ValueError as exc:
            raise UsageError(f"--graph {graph_iri!r} is not an IRI: {_one_line(exc)}") from None
    articles = sorted(set(graph.subjects(RDF.type, KG.Article)))
    if len(articles) == 1 and isinstance(articles[0], rdflib.URIRef):
        return str(articles[0])
    found = "no kg:Article" if not articles else f"{len(articles)} kg:Article nodes"
    raise UsageError(f"the graph has {found}, so kg cannot name its graph on the endpoint; give --graph IRI")


def _graph_lines(graph: rdflib.Graph) -> Iterator[str]:
    terms: dict[rdflib.term.Node, str] = {}
    for triple in graph.triples((None, None, None)):
        yield " ".join(_nt(term, terms) for term in triple) + " ."


def _store_lines(store: Store, article: str) -> Iterator[str]:
    skolem: dict[str, str] = {}

    def term(node: object) -> str:
        if isinstance(node, ox.BlankNode):
            return skolem.setdefault(node.value, f"<{_SKOLEM}{uuid.uuid4().hex}>")
        return str(node)

    for quad in store.article_quads(article):
        yield f"{term(quad.subject)} {term(quad.predicate)} {term(quad.object)} ."


def graphs_by_source(url: str, *, timeout: float = 60, auth: tuple[str, str] | None = None) -> dict[str, set[str]]:
    """The named graphs of the articles the store at ``url`` holds, by their ``kg:source``."""
    text = f"SELECT ?g ?source WHERE {{ GRAPH ?g {{ ?g <{KG.source}> ?source }} }}"
    graphs: dict[str, set[str]] = {}
    for row in _rows(_send(url, text, SELECT, timeout=timeout, auth=auth), ["g", "source"], url):
        if row["g"] is not None and row["source"] is not None:
            graphs.setdefault(row["source"], set()).add(row["g"])
    return graphs


def article_updates(article: str, lines: list[str], *, replaced: Iterable[str] = ()) -> Iterator[str]:
    """The update requests that make ``lines`` (N-Triples lines without their final " .") the named graph of
    ``article`` (an IRI) in place of itself and the ``replaced`` graphs (IRIs), as :func:`push` sends them."""
    name = str(ox.NamedNode(article))
    old = [name, *(str(ox.NamedNode(iri)) for iri in replaced if iri != article)]
    return _updates(name, (f"{line} ." for line in lines), replaced=old)


def send_update(url: str, update: str, *, timeout: float = 60, auth: tuple[str, str] | None = None) -> None:
    """Send the SPARQL update ``update`` to ``url``; raise :class:`EndpointError` as :func:`push` does."""
    _send(url, update, "INSERT", timeout=timeout, auth=auth)


def _updates(graph: str, lines: Iterable[str], *, replaced: list[str] | None = None) -> Iterator[str]:
    """The update requests that replace ``graph`` (an IRI in N-Triples form) with the triples ``lines``, and
    keep the default graph the merged graph of the named graphs (:func:`kg.store.replace_graph_update`).

    >>> for update in _updates("<http://ex/g>", ["<http://ex/a> <http://ex/b> <http://ex/c> ."]):
    ...     print(update)
    DELETE { ?s ?p ?o } WHERE { GRAPH <http://ex/g> { ?s ?p ?o }
      FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER (?other NOT IN (<http://ex/g>)) } } ;
    DROP SILENT GRAPH <http://ex/g> ;
    INSERT DATA {
    <http://ex/a> <http://ex/b> <http://ex/c> .
    GRAPH <http://ex/g> {
    <http://ex/a> <http://ex/b> <http://ex/c> .
    } }
    """
    replaced = replaced or [graph]
    chunk: list[str] = []
    size = 0
    for line in lines:
        chunk.append(line)
        size += 2 * (len(line.encode()) + 1)
        if size >= CHUNK_BYTES:
            yield replace_graph_update(graph, chunk, replaced=replaced)
            replaced, chunk, size = [], [], 0
    if chunk or replaced:
        yield replace_graph_update(graph, chunk, replaced=replaced)


def _nt(term: rdflib.term.Node, cache: dict[rdflib.term.Node, str]) -> str:
    """``term`` in N-Triples, written by Oxigraph once it checked the term; a blank node becomes a skolem IRI."""
    text = cache.get(term)
    if text is None:
        text = f"<{_SKOLEM}{uuid.uuid4().hex}>" if isinstance(term, rdflib.BNode) else str(ox_term(term, {}))
        cache[term] = text
    return text


# --- HTTP ---------------------------------------------------------------------------------------------------


def check_url(url: str, timeout: float) -> None:
    """Raise :class:`UsageError` unless ``url`` is an http(s) URL without a login and ``timeout`` is positive."""
    parts = urlsplit(url)
    try:
        valid = parts.scheme in {"http", "https"} and bool(parts.hostname) and parts.port != 0
    except ValueError:  # a port that is not a number from 0 to 65535
        valid = False
    if not valid:
        raise UsageError(f"{url!r} is not an http(s) URL of a SPARQL endpoint, e.g. http://127.0.0.1:7878/query")
    if parts.username is not None:
        raise UsageError(f"{url!r} holds a login; give --user and --password instead, to keep it out of messages")
    if not timeout > 0:
        raise UsageError(f"the timeout must be a positive number of seconds, not {timeout}")


def _send(url: str, text: str, form: str, *, timeout: float, auth: tuple[str, str] | None) -> object:
    """Send a query (``form`` SELECT or ASK) or an update (any other form); return the parsed JSON of a query."""
    update = form not in {SELECT, ASK}
    wrapper = SPARQLWrapper(url, updateEndpoint=url)
    wrapper.setReturnFormat(JSON)
    wrapper.setOnlyConneg(True)  # no format=json&output=json&results=json parameters, only the Accept header
    wrapper.setMethod(POST)
    if update:
        wrapper.setRequestMethod(POSTDIRECTLY)  # the update as the body: no URL-encoding of megabytes
    wrapper.setQuery(text)
    # SPARQLWrapper guesses the form with a regex that misses some comments: "# first\n# an address\nSELECT"
    # reads as an ADD update. kg knows what it sends.
    wrapper.queryType = form
    # setTimeout() truncates to whole seconds, and 0 means no timeout at all.
    wrapper.timeout = timeout
    if auth is not None:
        # Set by hand: SPARQLWrapper's setCredentials() sends nothing when the password is empty.
        user, password = auth
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        wrapper.addCustomHttpHeader("Authorization", f"Basic {token}")
    action = "update" if update else "query"
    response = None
    try:
        response = wrapper.query().response
        content_type = response.headers.get("Content-Type", "")
        body = response.read()
    except SPARQLWrapperException as exc:
        http_error = exc.__context__
        code = http_error.code if isinstance(http_error, urllib.error.HTTPError) else 0
        raise EndpointError(_http_failure(url, code, _wrapper_body(exc), action)) from exc
    except urllib.error.HTTPError as exc:
        raise EndpointError(_http_failure(url, exc.code, _error_body(exc), action)) from exc
    except urllib.error.URLError as exc:
        raise EndpointError(_network_failure(url, exc.reason, timeout)) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise EndpointError(_network_failure(url, exc, timeout)) from exc
    finally:
        if response is not None:
            response.close()
    if update:
        return None
    try:
        return json.loads(body)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError
        media = content_type.split(";")[0].strip() or "no Content-Type"
        start = " ".join(body[:60].decode("utf-8", "replace").split())
        raise EndpointError(_not_sparql_json(url, f"{media}, starting {start!r}")) from None


def _not_sparql_json(url: str, what: str) -> str:
    return (
        f"the endpoint at {url} did not answer with SPARQL JSON results ({what});"
        " is this the query URL of a SPARQL endpoint, e.g. http://127.0.0.1:7878/query?"
    )


def _http_failure(url: str, code: int, message: str, action: str) -> str:
    said = f": {message}" if message else ""
    which_url = f"is this the {action} URL, e.g. http://127.0.0.1:7878/{action}?"
    if code in {401, 403}:
        hint = "give --user and --password if it needs a login"
        if code == 403 and action == "update":
            hint += "; a kg serve accepts updates only with --allow-update"
        return f"the endpoint at {url} refused the {action} (HTTP {code}{said}); {hint}"
    if code == 404:
        return f"there is no SPARQL endpoint at {url} (HTTP 404{said}); {which_url}"
    if code >= 500:
        return f"the endpoint at {url} failed (HTTP {code}{said}); check the server"
    # Oxigraph answers an update sent to /query with 415, a query sent to /update with 400 or 415.
    other = "query" if action == "update" else "update"
    hint = f"; {which_url}" if urlsplit(url).path.rstrip("/").endswith("/" + other) else ""
    if code == 400:
        return f"the endpoint at {url} rejected the {action} (HTTP 400{said}){hint}"
    return f"the endpoint at {url} answered HTTP {code}{said}{hint}"


def _network_failure(url: str, reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):  # socket.timeout is TimeoutError
        return f"the endpoint at {url} did not answer within {timeout:g} s; raise --timeout or check the server"
    if isinstance(reason, ConnectionRefusedError):
        return f"no SPARQL endpoint answers at {url}; is the server running? (kg serve --store PATH)"
    if isinstance(reason, socket.gaierror):
        return f"cannot find the host of {url}: {reason.strerror or reason}; check the URL"
    if isinstance(reason, ConnectionError | http.client.HTTPException):
        return f"the endpoint at {url} dropped the connection ({type(reason).__name__}); check the server"
    text = reason.strerror if isinstance(reason, OSError) and reason.strerror else reason
    return f"cannot reach the endpoint at {url}: {_one_line(text)}"


def _wrapper_body(exc: SPARQLWrapperException) -> str:
    # SPARQLWrapper keeps the server's answer only in its message: "Name: text. \n\nResponse:\n" + repr(bytes).
    _, found, response = str(exc).partition("\n\nResponse:\n")
    if not found:
        return ""
    try:
        body = ast.literal_eval(response)
    except (ValueError, SyntaxError):
        return _short(response)
    return _short(body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body))


def _error_body(exc: urllib.error.HTTPError) -> str:
    try:
        return _short(exc.read().decode("utf-8", "replace"))
    except (OSError, http.client.HTTPException):
        return exc.reason if isinstance(exc.reason, str) else ""


def _short(text: str, limit: int = 300) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 3] + "..."


# --- the server ---------------------------------------------------------------------------------------------


class Server:
    """An Oxigraph server running on a kg store; made by :func:`serve`.

    ``url`` is its SPARQL query URL, ``update_url`` its update URL (which refuses updates unless the server
    was started with ``allow_update``). Use it as a context manager, or call :meth:`stop`; :meth:`wait` blocks
    until the server ends. The store's kg lock is held until the server has stopped.
    """

    def __init__(
        self,
        *,
        store_path: Path,
        base_url: str,
        allow_update: bool,
        process: subprocess.Popen[bytes],
        log: IO[bytes],
        resources: contextlib.ExitStack,
    ) -> None:
        self.store_path = store_path
        self.url = base_url + "/query"
        self.update_url = base_url + "/update"
        self.allow_update = allow_update
        self.process = process
        self._log = log
        self._resources = resources
        self._stopping = False

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        mode = "read-write" if self.allow_update else "read-only"
        state = "running" if self.process.poll() is None else "stopped"
        return f"<Server {self.url} on {self.store_path} ({mode}, {state})>"

    def wait(self) -> None:
        """Block until the server ends. Ctrl-C, or SIGTERM (as a service manager stops ``kg serve``), stops it
        and returns; in the main thread only, where Python runs signal handlers.

        Raises :class:`EndpointError`, with what the server wrote, when it ends by itself with an error.
        """
        # The server runs in a session of its own (see serve()): if kg died of SIGTERM, it would run on.
        in_main_thread = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, _interrupt) if in_main_thread else None
        try:
            code = self.process.wait()
        except KeyboardInterrupt:
            self.stop()
            return
        finally:
            if in_main_thread:
                signal.signal(signal.SIGTERM, previous)
        stopped = self._stopping
        output = self._output()
        self.stop()
        if code != 0 and not stopped:
            raise EndpointError(f"the oxigraph server at {self.url} stopped (exit code {code}): {output}")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after a grace period) and free the store. Stopping twice does
        nothing."""
        self._stopping = True
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(_STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._resources.close()

    def _output(self) -> str:
        return _read_log(self._log)


def serve(
    store_path: str | os.PathLike[str],
    *,
    bind: str = DEFAULT_BIND,
    allow_update: bool = False,
    public: bool = False,
    timeout: float = 30,
    start_timeout: float = 20,
) -> Server:
    """Start the Oxigraph SPARQL server on the store folder ``store_path``; return once it answers queries.

    The server answers at ``http://HOST:PORT/query`` on the merged graph of the articles (the store's default
    graph; ``GRAPH ?g`` reaches each article's graph). It is
    read-only (``oxigraph serve-read-only``) unless ``allow_update`` (``oxigraph serve``, which also accepts
    ``/update`` and the Graph Store Protocol at ``/store``, e.g. for :func:`push`). ``timeout`` is the longest a
    query may run on the server, in whole seconds. ``bind`` is HOST:PORT (``[::1]:7878`` for IPv6); a host
    other than loopback makes the endpoint reachable from the network, without any login, so it needs
    ``public=True``.

    The server holds the store's kg lock while it runs: shared when read-only, so other readers go on, and for
    itself with ``allow_update``. A ``kg build`` cannot write the store under a server (it waits or is
    refused), and the server is refused while one writes: Oxigraph cannot read a store another process writes.
    A read-only server needs an existing store; with ``allow_update`` a missing or empty folder becomes a new
    store.

    Raises :class:`UsageError` on a malformed ``bind`` or a public one without ``public``;
    :class:`StoreError` when there is no store at ``store_path`` or another kg process holds its lock;
    :class:`EndpointError` when the ``oxigraph`` program is missing, the port is in use, or the server stops
    or does not answer within ``start_timeout`` seconds (the message holds what it wrote).
    """
    host, port = _parse_bind(bind, public=public)
    if not timeout > 0:
        raise UsageError(f"the timeout must be a positive number of seconds, not {timeout}")
    path = Path(store_path)
    if allow_update:
        with Store.open(path):  # creates a missing store, refuses a file or a folder of other files
            pass
    elif not is_store(path):
        raise StoreError(f"there is no store at {path}; build one with `kg build ARTICLES --store {path}`")
    program = _oxigraph_program()
    base_url = f"http://{_url_host(host)}:{port}"
    command = [program, "serve" if allow_update else "serve-read-only", "--location", str(path), "--bind", bind]
    command += ["--timeout-s", str(math.ceil(timeout))]
    with contextlib.ExitStack() as resources:
        lock_fd = resources.enter_context(locked(path, shared=not allow_update))
        _check_port_free(host, port)
        log = resources.enter_context(tempfile.TemporaryFile(prefix="kg-oxigraph-"))
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                # Ctrl-C reaches kg only, which stops the server and then frees the lock. When the lock is a
                # descriptor, the server inherits it: the store stays locked while it runs even if kg is killed.
                start_new_session=True,
                pass_fds=(lock_fd,) if isinstance(lock_fd, int) else (),
            )
        except OSError as exc:
            raise EndpointError(f"cannot start {program}: {exc.strerror or exc}") from exc
        server = Server(
            store_path=path,
            base_url=base_url,
            allow_update=allow_update,
            process=process,
            log=log,
            resources=resources.pop_all(),
        )
    try:
        _wait_until_ready(server, start_timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_ready(server: Server, start_timeout: float) -> None:
    deadline = time.monotonic() + start_timeout
    while True:
        code = server.process.poll()
        if code is not None:
            raise EndpointError(f"the oxigraph server stopped as it started (exit code {code}): {server._output()}")
        try:
            _send(server.url, "ASK {}", ASK, timeout=max(min(1.0, deadline - time.monotonic()), 0.1), auth=None)
        except EndpointError:
            if time.monotonic() >= deadline:
                raise EndpointError(
                    f"the oxigraph server did not answer at {server.url} within {start_timeout:g} s:"
                    f" {server._output() or 'it wrote nothing'}"
                ) from None
            time.sleep(_POLL_SECONDS)
        else:
            return


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _parse_bind(bind: str, *, public: bool) -> tuple[str, int]:
    """The host and port of ``bind`` (HOST:PORT); a host other than loopback needs ``public``.

    >>> _parse_bind("127.0.0.1:7878", public=False), _parse_bind("[::1]:80", public=False)
    (('127.0.0.1', 7878), ('::1', 80))
    """
    host, sep, port_text = bind.rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    elif ":" in host:
        raise UsageError(f"--bind {bind!r}: write an IPv6 address in brackets, e.g. [::1]:7878")
    if not sep or not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise UsageError(f"--bind {bind!r} is not HOST:PORT with a port from 1 to 65535, e.g. {DEFAULT_BIND}")
    if not public and not _is_loopback(host):
        raise UsageError(
            f"--bind {bind}: the endpoint would be reachable from the network, with no login, and could be"
            f" updated with --allow-update; bind a loopback address ({DEFAULT_BIND}) or pass --public"
        )
    return host, int(port_text)


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    # A server bound to every address answers on loopback too.
    if host == "0.0.0.0":
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def _check_port_free(host: str, port: int) -> None:
    """Raise EndpointError if a program listens on ``port``; the server would exit, but another server
    on the port could answer the start-up probe first."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UsageError(f"--bind: cannot resolve the host {host!r}: {exc.strerror or exc}") from None
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            # As the server will: a port left in TIME_WAIT by a stopped server is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    raise EndpointError(
                        f"cannot serve on {host}:{port}: port {port} is in use by another program;"
                        " stop it or give another --bind"
                    ) from None


def _oxigraph_program() -> str:
    beside = Path(sys.executable).parent / "oxigraph"  # not resolved: a venv's python is a symlink
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise EndpointError(
        "the oxigraph server program is not installed; install it with `pip install oxigraph`"
        " (in the environment of kg) or put `oxigraph` on the PATH"
    )


def _read_log(log: IO[bytes]) -> str:
    try:
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    except (OSError, ValueError):  # ValueError: the file is closed
        return ""
    # Oxigraph prints "Listening for requests at ..." first; the error, if any, is at the end.
    return _short(text[-2000:], limit=500)


def _one_line(value: object) -> str:
    return " ".join(str(value).split()) or type(value).__name__
