"""Treaties: one entity for the mentions of one agreement, with its names, provisions, parties and Wikidata id.

Mentions are one treaty by the gazetteer's key, by their name without a year, or by the alias the text gives
("..., or EDCA", "X, formally the Y"); a description ("the treaty") is the named treaty nearest to it, or, in
a story of two nations that names none, their defense treaty if the gazetteer knows one. Its parties are the
gazetteer's and those the text names, else the two nations the story names most. A treaty the gazetteer does
not know is one by its name and parties, so its IRI carries both.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict

from kg.gazetteer import gazetteer
from kg.model import Extraction
from kg.resolve.entities import Ref, Resolved, slug

__all__ = ["resolve_treaties"]


def resolve_treaties(extraction: Extraction, out: Resolved) -> dict[int, str]:
    """Treaty entities and their facts; returns the treaty key of each treaty mention that names one."""
    gaz = gazetteer()
    mentions = list(extraction.treaties)
    cluster: dict[int, str] = {}  # mention index -> cluster id
    source: dict[int, int] = {}  # alias mention index -> the latest mention before it of the name it is an alias of
    latest: dict[str, int] = {}  # name -> the latest mention of it so far that is in a cluster
    for i, t in enumerate(mentions):
        if t.generic:
            continue
        if t.alias_of and t.alias_of in latest:
            source[i] = latest[t.alias_of]
        if t.key:
            cluster[i] = t.key
        elif t.alias_of:
            cluster[i] = cluster[source[i]] if i in source else slug(t.name)
        else:
            cluster[i] = slug(re.sub(r"^(?:19|20)\d\d\s+", "", t.name))
        latest[t.name] = i
    # "X, formally the Y": Y joins X's cluster, and a key from the gazetteer wins over a slug. Clusters are
    # joined through a table of which id now stands for which, read when all are joined.
    joined: dict[str, str] = {}

    def current(c: str) -> str:
        while c in joined:
            c = joined[c]
        return c

    for i, j in source.items():
        a, b = current(cluster[j]), current(cluster[i])
        if a != b:
            old, new = sorted([a, b], key=lambda c: gaz.treaty_by_key(c) is None)
            joined[new] = old
    cluster = {i: current(c) for i, c in cluster.items()}
    named = sorted(cluster, key=lambda j: mentions[j].start)
    named_starts = [mentions[j].start for j in named]
    nations = Counter(n.iso3 for n in extraction.nations)
    for i, t in enumerate(mentions):
        if not t.generic:
            continue
        if named:
            # The named mention nearest to it (the first of two as near).
            k = bisect_left(named_starts, t.start)
            nearest = min(named[max(0, k - 1) : k + 1], key=lambda j: (abs(mentions[j].start - t.start), j))
            cluster[i] = cluster[nearest]
        elif len(nations) >= 2 and not t.provision and t.name.lower() not in {"treaty", "pact"}:
            # "our mutual defense treaty" in a story about two allies is their defense treaty, if the data
            # file knows one; "a trade pact" is not.
            topic = re.search(r"defen[cs]e|security", t.name, re.IGNORECASE)
            top = [c for c, _ in nations.most_common(2)]
            known = [k for k in gaz.treaties_between(top) if topic and re.search(topic.group(0), k.name, re.I)]
            if known:
                cluster[i] = known[0].key
    groups: dict[str, list[int]] = defaultdict(list)
    for i, c in cluster.items():
        groups[c].append(i)
    keys: dict[int, str] = {}
    for cid, indexes in groups.items():
        ms = [mentions[i] for i in indexes]
        info = gaz.treaty_by_key(cid)
        written = [m for m in ms if not m.generic] or ms
        name = info.name if info else max((m.name for m in written), key=len)
        name = re.sub(r"^(?:19|20)\d\d\s+", "", name)
        conf = max(m.confidence for m in ms)
        parties = set(info.parties) if info and not info.multilateral else set()
        for m in ms:
            parties.update(m.parties)
        party_confidence = conf
        if not parties and len(nations) >= 2:
            # An agreement named without its parties in a story about two nations binds those two.
            parties = {c for c, _ in nations.most_common(2)}
            party_confidence = 0.4
        # A treaty the gazetteer knows is one treaty whoever the text says is a party. Another is known by
        # its name and parties: "the Memorandum of Understanding on Defense Cooperation" that India signed
        # with France is not the one Japan signed with the Philippines. Linking a store joins the IRIs of
        # one name whose parties agree (one set holds the other, or one is unknown).
        local = slug(name) if info or not parties else f"{slug(name)}/{'-'.join(sorted(parties)).lower()}"
        key = out.named_entity("Treaty", f"treaty/{local}", name)
        keys.update(dict.fromkeys(indexes, key))
        first = min(ms, key=lambda m: m.start)
        out.fact(key, "name", name, first.sentence, conf)
        for alias in sorted({m.name for m in ms} - {name}):
            m = next(m for m in ms if m.name == alias)
            out.fact(key, "provision" if m.provision else "alias", alias, m.sentence, m.confidence)
        for iso3 in sorted(parties):
            out.fact(key, "party", Ref(f"nation/{iso3}"), first.sentence, party_confidence)
        if info and info.wikidata:
            out.fact(key, "sameAs", f"http://www.wikidata.org/entity/{info.wikidata}", None, conf)
    return keys
