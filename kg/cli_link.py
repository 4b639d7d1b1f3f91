"""``kg resolve`` and ``kg merges``: linking a store's entities across articles, and what it merged.

They are added to the ``kg`` command group by :mod:`kg.cli`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli_options import store_option
from kg.link import Resolution, link
from kg.link.overrides import load_pairs
from kg.link.records import from_store
from kg.link.report import merges, merges_text, splits
from kg.link.store import resolve_store, stored_pairs
from kg.store import Store

KINDS = ("Official", "Place", "Treaty", "Encounter")


def summary(resolution: Resolution) -> str:
    """One line on what a resolution did."""
    merged = [e for e in resolution.entities if len(e.members) > 1]
    iris = sum(len(e.members) for e in merged)
    return (
        f"Linked across articles in {resolution.seconds:.1f} s: {len(merged)} entities each named by several "
        f"IRIs ({iris} IRIs); `kg merges --store PATH` lists them."
    )


@click.command("resolve")
@store_option("The store to resolve (made by `kg build --store`).")
@click.option(
    "--same",
    metavar="FILE",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Pairs of IRIs that are one entity, a tab between them, one pair a line (same.tsv); replaces the "
    "pairs the store holds.",
)
@click.option(
    "--distinct",
    metavar="FILE",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Pairs of IRIs that are different entities (distinct.tsv); replaces the pairs the store holds.",
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=0,
    metavar="SECONDS",
    help="Wait up to SECONDS for another kg process using the store, instead of failing.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing.")
def resolve_command(store_path: Path, same: Path | None, distinct: Path | None, wait: float, quiet: bool) -> None:
    """Link the entities of a store's articles again: one node per person, meeting, treaty and place.

    `kg build --store` does this after every build; run it yourself after giving new --same or --distinct
    files. Without them, the pairs the store holds (from the last files given) apply; an empty file drops
    them. IRIs are written in full, as kgr:official/NAME or as official/NAME.
    """
    same_pairs = load_pairs(same) if same is not None else None
    distinct_pairs = load_pairs(distinct) if distinct is not None else None
    with Store.open(store_path, wait=wait) as store:
        resolution = resolve_store(store, same=same_pairs, distinct=distinct_pairs)
    if not quiet:
        click.echo(summary(resolution), err=True)


@click.command("merges")
@store_option("The store whose merges to list (made by `kg build --store`).")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(KINDS),
    help="List merges of this kind only (repeat for several). Default: all.",
)
@click.option("--json", "as_json", is_flag=True, help="Write JSON: each merge with its IRIs, reasons and articles.")
def merges_command(store_path: Path, kinds: tuple[str, ...], as_json: bool) -> None:
    """List each entity that several IRIs name, with the evidence each IRI was taken for it on, and each IRI
    that names different entities in different articles (a surname two people share).

    The store is only read: the list is what `kg resolve` would write now, with the pairs the store holds.
    """
    with Store.open(store_path, read_only=True) as store:
        same, distinct = stored_pairs(store)
        resolution = link(from_store(store), same=same, distinct=distinct)
    if not as_json:
        click.echo(merges_text(resolution, kinds))
        return
    data = {
        "merges": [
            {
                "kind": e.kind,
                "iri": e.iri,
                "name": e.name,
                "members": [
                    {"iri": m, "why": why, "articles": list(e.articles.get(m, ()))} for m, why in e.members.items()
                ],
            }
            for e in merges(resolution, kinds)
        ],
        "splits": splits(resolution) if not kinds or "Official" in kinds else {},
    }
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
