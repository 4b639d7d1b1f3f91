"""Write the officials kg finds in the annotated articles, each labelled with the real person it is, for
``tests/test_link_corpus.py``.

    .venv/bin/python scripts/link_fixture.py --texts /tmp/kg-real -o tests/data/linked_officials.jsonl

Builds every article of ``eval/dev``, ``eval/written``, ``eval/real/tune`` and ``eval/real/locked`` (texts of
the first two beside their gold files, of the real ones in ``--texts``, as eval/real/README.md says how to
capture them), reads each official kg wrote (:func:`kg.link.from_triples`), matches it to the article's gold
official by the scorer's rule, and labels it with that official's person in ``eval/people.tsv``. Officials
that match no gold official are kept, labelled ``null``: they must not join a person either.

Each official's line holds the article (its path under ``eval/``, standing for its IRI), the official's IRI
(``kgr:`` for ``https://w3id.org/kg/id/``), the article's date, what kg wrote of the official and the person;
the last lines map each office to its nation. The file holds kg's output (names, titles, offices, nations,
dates), no text of the articles.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import api, read  # noqa: E402
from kg.emit import article_iri  # noqa: E402
from kg.evaluate import load_gold, names_of, person_closeness, same_person  # noqa: E402
from kg.link import from_triples  # noqa: E402

SETS = ("dev", "written", "real/tune", "real/locked")
KGR = "https://w3id.org/kg/id/"


def _short(iri: str) -> str:
    return "kgr:" + iri[len(KGR) :] if iri.startswith(KGR) else iri


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, required=True, help="folder of the real articles' NAME.txt")
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "tests/data/linked_officials.jsonl")
    args = parser.parse_args()
    people: dict[tuple[str, str], str] = {}
    with open(ROOT / "eval/people.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            people[(row["article"], row["name"])] = row["person"]
    lines = []
    offices: dict[str, list[str]] = {}
    for folder in SETS:
        texts = args.texts if folder.startswith("real") else None
        for article in load_gold(ROOT / "eval" / folder, texts):
            name = f"{folder}/{article.name}"
            text = read.read_file(article.text, published=article.published)
            if url := article.gold.get("url"):
                text = replace(text, source=url)
            records = from_triples(str(article_iri(text.text)), api.article_triples(text))
            golds = article.gold.get("officials", [])
            for r in records:
                if r.kind == "Office":
                    offices[_short(r.iri)] = sorted(map(_short, r.get("officeOf")))
                if r.kind != "Official":
                    continue
                fits = [g for g in golds if any(same_person(n, names_of(g)) for n in r.names)]
                best = max(fits, key=lambda g: person_closeness(r.names, names_of(g))) if fits else None
                values = {k: sorted(map(_short, v)) for k, v in sorted(r.values.items())}
                person = people.get((name, best["name"])) if best else None
                lines.append(
                    {
                        "article": name,
                        "iri": _short(r.iri),
                        "published": str(r.published or ""),
                        "values": values,
                        "person": person,
                    }
                )
            print(name, file=sys.stderr)
    lines += [{"office": iri, "officeOf": nations} for iri, nations in sorted(offices.items())]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {len(lines)} records to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
