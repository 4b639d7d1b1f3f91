"""Options and helpers that several ``kg`` commands share (the commands live in :mod:`kg.cli` and its
``cli_*`` modules)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from kg.errors import UsageError
from kg.serialize import LEVELS, STYLES

__all__ = ["auth", "endpoint_options", "provenance_options", "store_option"]


def store_option(help: str) -> Callable[[Callable[..., object]], Callable[..., object]]:
    """The required ``--store PATH`` option of a command on a store."""
    return click.option(
        "--store", "store_path", required=True, metavar="PATH", type=click.Path(path_type=Path), help=help
    )


def endpoint_options(command: Callable[..., object]) -> Callable[..., object]:
    """--user, --password and --timeout, shared by the commands that talk to a SPARQL endpoint."""
    command = click.option(
        "--timeout",
        type=click.FloatRange(min=0, min_open=True),
        default=30,
        show_default=True,
        metavar="SECONDS",
        help="Give up on the endpoint after SECONDS.",
    )(command)
    command = click.option(
        "--password",
        envvar="KG_ENDPOINT_PASSWORD",
        metavar="PASSWORD",
        help="Password for HTTP basic auth (better: the KG_ENDPOINT_PASSWORD environment variable).",
    )(command)
    return click.option("--user", metavar="USER", help="User name for HTTP basic auth.")(command)


def auth(user: str | None, password: str | None) -> tuple[str, str] | None:
    if password is not None and user is None:
        raise UsageError("a password was given without --user; give both for HTTP basic auth")
    return None if user is None else (user, password or "")


def provenance_options(command: Callable[..., object]) -> Callable[..., object]:
    """--provenance and --provenance-style, shared by ``kg build`` and ``kg export`` (see :mod:`kg.serialize`)."""
    command = click.option(
        "--provenance-style",
        "style",
        type=click.Choice(STYLES),
        default="reification",
        show_default=True,
        help="How a fact's statement is written: RDF 1.1 reification (rdf:Statement; every tool reads it) or "
        "RDF 1.2 triple terms (`rdf:reifies <<( s p o )>>`; Oxigraph reads it, rdflib does not).",
    )(command)
    return click.option(
        "--provenance",
        type=click.Choice(LEVELS),
        default="full",
        show_default=True,
        help="full: every fact also a statement with its confidence and sentence; sentences: only the sentences "
        "each entity is mentioned in (kg:mentionedIn); none: the bare facts, and each article's title and date.",
    )(command)
