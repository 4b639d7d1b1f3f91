"""What ``kg watch`` remembers in a store, graph ``kgr:feeds``: each feed's cache validators (ETag,
Last-Modified) for the next conditional GET, and each built item's "updated" stamp, so that only new or
changed items are built again."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg.namespace import KGR
from kg.store import Store
from kg.web.feeds import Item
from kg.web.fetch import Fetched

__all__ = ["FEEDS", "held_items", "held_validators", "record"]

FEEDS = str(KGR["feeds"])
_ETAG = str(KGR["feeds/etag"])
_MODIFIED = str(KGR["feeds/lastModified"])
_UPDATED = str(KGR["feeds/updated"])


def held_validators(store: Store, feed: str) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified of the last answer of ``feed``."""
    held = {q.predicate.value: q.object.value for q in store.quads(subject=feed, graph=FEEDS)}
    return held.get(_ETAG), held.get(_MODIFIED)


def held_items(store: Store) -> dict[str, str]:
    """Each item built from a feed: link -> the "updated" stamp it had ("" when the feed gave none)."""
    return {q.subject.value: q.object.value for q in store.quads(graph=FEEDS) if q.predicate.value == _UPDATED}


def record(store: Store, feed: str, answer: Fetched, built: Iterable[Item]) -> None:
    """Keep the feed's new validators and the stamps of the items just built, in one update."""
    lines = [
        f"{ox.NamedNode(feed)} <{p}> {ox.Literal(v)} ."
        for p, v in ((_ETAG, answer.etag), (_MODIFIED, answer.last_modified))
        if v
    ]
    lines += [f"{ox.NamedNode(item.link)} <{_UPDATED}> {ox.Literal(item.updated or '')} ." for item in built]
    links = " ".join(str(ox.NamedNode(item.link)) for item in built)
    store.update(
        f"DELETE WHERE {{ GRAPH <{FEEDS}> {{ {ox.NamedNode(feed)} ?p ?o }} }} ;\n"
        + (
            f"DELETE {{ GRAPH <{FEEDS}> {{ ?s ?p ?o }} }} WHERE {{ VALUES ?s {{ {links} }} GRAPH <{FEEDS}> "
            f"{{ ?s ?p ?o }} }} ;\n"
            if links
            else ""
        )
        + f"INSERT DATA {{ GRAPH <{FEEDS}> {{\n"
        + "\n".join(lines)
        + "\n} }"
    )
