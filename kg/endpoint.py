"""Remote SPARQL endpoints: run named queries on one, push graphs and stores into one.

:func:`query_endpoint` runs a named query on any SPARQL 1.1 query endpoint and returns rows shaped as
:func:`kg.query.query` returns them. :func:`push` loads a graph file or a :class:`~kg.store.Store` into any
SPARQL 1.1 update endpoint, each article's named graph replaced by one request. :mod:`kg.server` serves a
store as one.

Every network failure (nothing listening, a timeout, an HTTP error, an answer that is not SPARQL JSON) is an
:class:`~kg.errors.EndpointError` whose one-line message says what to check.
"""

from __future__ import annotations

import ast
import base64
import http.client
import json
import os
import socket
import urllib.error
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from urllib.parse import urlsplit

import pyoxigraph as ox
import rdflib
from rdflib import RDF
from SPARQLWrapper import ASK, JSON, POST, POSTDIRECTLY, SELECT, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.errors import EndpointError, UsageError, one_line
from kg.namespace import KG, KGR
from kg.query import Query, load_query, paged
from kg.store import Store, replace_graph_update
from kg.terms import ox_term, substitute

__all__ = [
    "article_updates",
    "ask",
    "default_graph_is_union",
    "push",
    "query_endpoint",
    "query_url_of",
    "send_update",
    "substitute",
]

# A single INSERT DATA larger than this is split: servers cap request bodies (often at a few MB) and parse a
# whole update before applying it.
CHUNK_BYTES = 5_000_000

# Virtuoso turns an INSERT DATA into SQL, and refuses one of more than about 1,400 triples ("generated SQL text
# has exceeded 10000 lines"); stores whose default graph is the union of the named graphs get this many a request.
UNION_CHUNK_LINES = 1000

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
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, str | None]]:
    """Run a named query (a :class:`~kg.query.Query`, a name or a ``.rq`` path) on the SPARQL endpoint ``url``;
    ``limit`` and ``offset`` page through its rows, in the store.

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
    text = paged(named, substitute(named, named.bind(params or {})), limit, offset)
    results = _send(url, text, SELECT, timeout=timeout, auth=auth)
    return _rows(results, named.variables, url)


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

    A store whose queries see the union of its named graphs as their default graph (Virtuoso, an Oxigraph
    server run with ``--union-default-graph``; :func:`default_graph_is_union` asks it) is sent the named
    graphs only, a graph dropped and loaded again by at most :data:`UNION_CHUNK_LINES` triples a request: its
    default graph is then the merged graph too, and each triple is not stated twice. Virtuoso applies each
    operation of a request on its own, not the request as one transaction.

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
    union = default_graph_is_union(url, timeout=timeout, auth=auth)
    for done, (name, lines) in enumerate(graphs, 1):
        for update in _updates(str(ox.NamedNode(name)), lines, union=union):
            _send(url, update, "INSERT", timeout=timeout, auth=auth)
        if progress is not None:
            progress(done, len(names))
    return len(names)


def _graph_name(graph: rdflib.Graph, graph_iri: str | None) -> str:
    if graph_iri is not None:
        try:
            return ox.NamedNode(str(graph_iri)).value
        except ValueError as exc:
            raise UsageError(f"--graph {graph_iri!r} is not an IRI: {one_line(exc)}") from None
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


def article_updates(
    article: str, lines: list[str], *, replaced: Iterable[str] = (), union: bool = False
) -> Iterator[str]:
    """The update requests that make ``lines`` (N-Triples lines without their final " .") the named graph of
    ``article`` (an IRI) in place of itself and the ``replaced`` graphs (IRIs), as :func:`push` sends them to a
    store whose default graph is (``union``) or is not the union of its named graphs."""
    name = str(ox.NamedNode(article))
    old = [name, *(str(ox.NamedNode(iri)) for iri in replaced if iri != article)]
    return _updates(name, (f"{line} ." for line in lines), replaced=old, union=union)


def default_graph_is_union(url: str, *, timeout: float = 60, auth: tuple[str, str] | None = None) -> bool:
    """Whether the store whose update URL is ``url`` answers queries on the union of its named graphs (Virtuoso
    does, and Oxigraph run with ``--union-default-graph``): a triple put in a new named graph is asked for in
    the default graph, at the query URL (:func:`query_url_of`), and the graph dropped again."""
    graph = f"<{KGR}probe/{uuid.uuid4().hex}>"
    triple = f'{graph} <{KG}probe> "kg"'
    _send(url, f"INSERT DATA {{ GRAPH {graph} {{ {triple} }} }}", "INSERT", timeout=timeout, auth=auth)
    try:
        return ask(query_url_of(url), f"ASK {{ {triple} }}", timeout=timeout, auth=auth)
    finally:
        _send(url, f"DROP SILENT GRAPH {graph}", "INSERT", timeout=timeout, auth=auth)


def ask(url: str, query: str, *, timeout: float = 30, auth: tuple[str, str] | None = None) -> bool:
    """The answer of the SPARQL endpoint ``url`` to the ASK query ``query``; :class:`EndpointError` as
    :func:`query_endpoint` raises, and when the answer holds no boolean."""
    answer = _send(url, query, ASK, timeout=timeout, auth=auth)
    if not isinstance(answer, dict) or not isinstance(answer.get("boolean"), bool):
        raise EndpointError(_not_sparql_json(url, "an ASK answer without a boolean"))
    return answer["boolean"]


def query_url_of(update_url: str) -> str:
    """The query URL of the store whose update URL is ``update_url``: ``.../update`` becomes ``.../query``
    (Oxigraph, Fuseki); any other URL (Virtuoso's ``/sparql``) takes both.

    >>> query_url_of("http://127.0.0.1:7878/update"), query_url_of("http://127.0.0.1:8890/sparql")
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:8890/sparql')
    """
    head, slash, last = update_url.rstrip("/").rpartition("/")
    return f"{head}/query" if slash and last == "update" else update_url


def send_update(url: str, update: str, *, timeout: float = 60, auth: tuple[str, str] | None = None) -> None:
    """Send the SPARQL update ``update`` to ``url``; raise :class:`EndpointError` as :func:`push` does."""
    _send(url, update, "INSERT", timeout=timeout, auth=auth)


def _updates(
    graph: str, lines: Iterable[str], *, replaced: list[str] | None = None, union: bool = False
) -> Iterator[str]:
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
    if union:
        yield from _union_updates(graph, lines, replaced)
        return
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


def _union_updates(graph: str, lines: Iterable[str], replaced: list[str]) -> Iterator[str]:
    """:func:`_updates` for a store whose default graph is the union of the named graphs: the named graph only.

    >>> for update in _union_updates("<http://ex/g>", ["<http://ex/a> <http://ex/b> <http://ex/c> ."], ["<http://ex/g>"]):
    ...     print(update)
    DROP SILENT GRAPH <http://ex/g> ;
    INSERT DATA { GRAPH <http://ex/g> {
    <http://ex/a> <http://ex/b> <http://ex/c> .
    } }
    """
    drops = "".join(f"DROP SILENT GRAPH {old} ;\n" for old in replaced)
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) == UNION_CHUNK_LINES:
            yield drops + _insert_into(graph, chunk)
            drops, chunk = "", []
    if chunk:
        yield drops + _insert_into(graph, chunk)
    elif drops:
        yield drops.removesuffix(" ;\n")  # Virtuoso refuses an empty INSERT DATA


def _insert_into(graph: str, lines: list[str]) -> str:
    body = "\n".join(lines)
    return f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}"


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
    return f"cannot reach the endpoint at {url}: {one_line(text)}"


def _wrapper_body(exc: SPARQLWrapperException) -> str:
    # SPARQLWrapper keeps the server's answer only in its message: "Name: text. \n\nResponse:\n" + repr(bytes).
    _, found, response = str(exc).partition("\n\nResponse:\n")
    if not found:
        return ""
    try:
        body = ast.literal_eval(response)
    except (ValueError, SyntaxError):
        return one_line(response, limit=300)
    return one_line(body.decode("utf-8", "replace") if isinstance(body, bytes) else body, limit=300)


def _error_body(exc: urllib.error.HTTPError) -> str:
    try:
        return one_line(exc.read().decode("utf-8", "replace"), limit=300)
    except (OSError, http.client.HTTPException):
        return exc.reason if isinstance(exc.reason, str) else ""
