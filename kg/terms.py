"""RDF terms for Oxigraph, and parameters written into SPARQL text.

A kg store and a SPARQL endpoint both take a named query with its parameters bound: :func:`substitute` writes
each bound term into the query's text (in N-Triples, by Oxigraph's serializer once Oxigraph checked it), as an
endpoint needs and as Oxigraph plans best, knowing its constants; :func:`project` lets Oxigraph bind a
parameter the text cannot take (one the query selects). :func:`ox_term` turns rdflib terms into Oxigraph's.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox
import rdflib

from kg.errors import GraphError, QueryError, one_line
from kg.query import SPARQL_TOKENS, Query

__all__ = ["binding", "named_node", "ox_term", "project", "sparql_term", "substitute", "text_of", "variable"]


def ox_term(
    term: rdflib.term.Node, blank_nodes: dict[rdflib.BNode, ox.BlankNode]
) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """The pyoxigraph term of an rdflib term; each rdflib blank node becomes a new blank node."""
    try:
        if isinstance(term, rdflib.URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, rdflib.Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
        if isinstance(term, rdflib.BNode):
            return blank_nodes.setdefault(term, ox.BlankNode())
    except ValueError as exc:
        raise GraphError(f"cannot store {term!r}: {one_line(exc)}") from exc
    raise GraphError(f"cannot store {term!r}: not an IRI, literal or blank node")


def named_node(iri: str, what: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(str(iri))
    except ValueError as exc:
        raise GraphError(f"the {what} {iri!r} is not a valid IRI: {one_line(exc)}") from exc


def variable(name: str) -> ox.Variable:
    try:
        return ox.Variable(name)
    except ValueError:
        raise QueryError(f"{name!r} is not a valid SPARQL variable name") from None


def binding(value: object) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    term = value if isinstance(value, rdflib.term.Identifier) else rdflib.Literal(str(value))
    try:
        return ox_term(term, {})
    except GraphError as exc:
        raise QueryError(f"cannot bind {value!r}: {exc}") from None


def project(sparql: str, names: list[str]) -> tuple[str, set[str]]:
    """``sparql`` with each of ``names`` that its SELECT clause does not project added to it, and those added.

    A variable substituted by a constant adds a constant column: no row changes, nor their order. Raises
    :class:`QueryError` for ``SELECT *`` with parameters (name the variables instead).

    >>> project("PREFIX kg: <https://w3id.org/kg/ontology#> SELECT DISTINCT ?a (STR(?b) AS ?c) WHERE { }", ["b"])
    ('PREFIX kg: <https://w3id.org/kg/ontology#> SELECT DISTINCT ?a (STR(?b) AS ?c) ?b WHERE { }', {'b'})
    """
    missing = dict.fromkeys(names)
    tokens = SPARQL_TOKENS.finditer(sparql)
    for token in tokens:
        if token.lastgroup == "word" and token.group().upper() == "SELECT":
            break
    else:
        return sparql, set()  # not a SELECT query: Oxigraph says what it is
    depth, after_as, end = 0, False, len(sparql)
    for token in tokens:
        kind, text = token.lastgroup, token.group()
        if depth == 0 and (text == "{" or (kind == "word" and text.upper() in {"WHERE", "FROM"})):
            end = token.start()
            break
        if text == "*" and depth == 0:
            raise QueryError("a query with parameters must name the variables it selects, not SELECT *")
        if kind == "var" and (depth == 0 or after_as):
            missing.pop(text[1:], None)
        depth += {"(": 1, ")": -1}.get(text, 0)
        after_as = kind == "word" and text.upper() == "AS"
    if not missing:
        return sparql, set()
    projected = "".join(f"?{name} " for name in missing)
    return sparql[:end] + projected + sparql[end:], set(missing)


def text_of(term: object) -> str:
    # Like str() of an rdflib term: an IRI, a literal's lexical form, a blank node's id.
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else str(term)


def substitute(named: Query, bindings: Mapping[str, rdflib.term.Node]) -> str:
    """The text of ``named`` with each parameter variable replaced by its bound term, written by Oxigraph's
    N-Triples serializer: what an endpoint runs, and what a kg store runs, as a store plans a query better
    knowing its constants. Raises :class:`QueryError` when the query selects or assigns a parameter.

    >>> from kg.query import load_query
    >>> named = load_query("official-meetings")
    >>> text = substitute(named, {"name": rdflib.Literal('x" } ; DROP ALL #')})
    >>> '?official kg:nameKey "x\\\\" } ; DROP ALL #" ;' in text, "# param: name" in text
    (True, True)
    """
    if not bindings:
        return named.text
    terms = {name: sparql_term(value, name) for name, value in bindings.items()}
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


def sparql_term(value: rdflib.term.Node, name: str) -> str:
    """``value``, the term bound to ``?name``, as SPARQL text. Raises :class:`QueryError` for a blank node or
    a term Oxigraph refuses."""
    if isinstance(value, rdflib.BNode):
        raise QueryError(f"cannot bind ?{name} to a blank node; give an IRI or a literal")
    try:
        return str(ox_term(value, {}))
    except GraphError as exc:
        raise QueryError(f"cannot bind ?{name}: {exc}") from None
