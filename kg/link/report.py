"""The merges report: each entity several IRIs name, with why each IRI was taken for it, and each IRI whose
articles name several entities (a surname that is two people)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kg.link import Entity, Resolution
from kg.namespace import KGR

__all__ = ["merges", "merges_text", "splits"]

_KGR = str(KGR)


def _short(iri: str) -> str:
    return f"kgr:{iri[len(_KGR) :]}" if iri.startswith(_KGR) else iri


def merges(resolution: Resolution, kinds: Iterable[str] | None = None) -> list[Entity]:
    """The entities named by two or more IRIs, of the given kinds (Official, Place, Treaty, Encounter), by
    kind and IRI."""
    wanted = set(kinds) if kinds else None
    found = [e for e in resolution.entities if len(e.members) > 1 and (wanted is None or e.kind in wanted)]
    return sorted(found, key=lambda e: (e.kind, e.iri))


def splits(resolution: Resolution) -> dict[str, dict[str, list[str]]]:
    """The IRIs that stand for different entities in different articles: IRI -> entity IRI -> articles."""
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for (article, iri), canonical in sorted(resolution.canonical.items()):
        out[iri][canonical].append(article)
    return {iri: dict(targets) for iri, targets in out.items() if len(targets) > 1}


def merges_text(resolution: Resolution, kinds: Iterable[str] | None = None) -> str:
    """The report as text: each merge, then each split."""
    lines = []
    found = merges(resolution, kinds)
    for e in found:
        articles = {a for arts in e.articles.values() for a in arts}
        lines.append(f"{e.kind} {_short(e.iri)} {e.name!r}: {len(e.members)} IRIs, {len(articles)} articles")
        width = max(len(_short(m)) for m in e.members)
        for member, why in e.members.items():
            count = len(e.articles.get(member, ()))
            lines.append(f"  {_short(member):<{width}}  {count:>3} article{'s' if count != 1 else ' '}  {why}".rstrip())
    split = splits(resolution) if not kinds or "Official" in set(kinds) else {}
    for iri, targets in split.items():
        lines.append(f"Split {_short(iri)}: {len(targets)} entities")
        for target, articles in targets.items():
            lines.append(f"  -> {_short(target)}  {len(articles)} article{'s' if len(articles) != 1 else ''}")
    lines.append(f"{len(found)} merges, {len(split)} splits.")
    return "\n".join(lines)
