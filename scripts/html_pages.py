"""Write the dev set as saved web pages, to measure kg on HTML as on text (issue: real input).

    .venv/bin/python scripts/html_pages.py -o /tmp/dev-html
    .venv/bin/kg evaluate /tmp/dev-html --own-dates      # against: kg evaluate eval/dev

Each ``eval/dev/NAME.txt`` becomes ``OUT/NAME.html`` (with ``NAME.json`` beside it): the text's lines as the
paragraphs of the page's ``<article>``, in the shape of a government site: a .gov banner, navigation naming
the secretary, breadcrumbs, a headline, the date only in meta tags and JSON-LD (as many sites give it), a
"Related Stories" sidebar naming officials the article does not, a share bar and a footer. Nothing of the
page around the article may reach kg's graph, and the date must come from the page.
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} &gt; News &gt; Releases</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Ministry News Service">
<meta property="article:published_time" content="{published}T09:00:00Z">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{title}", "datePublished": "{published}T09:00:00Z"}}</script>
</head>
<body>
<div class="banner">An official website of the government. Here is how you know.</div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news/">News</a></li>
<li><a href="/leadership/">Leadership: Minister Victor Aldana</a></li>
<li><a href="/contact/">Contact</a></li></ul></nav></header>
<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/news/">News</a></li><li>Releases</li></ol>
<main>
<article>
<h1>{title}</h1>
{paragraphs}
</article>
<aside class="related"><h2>Related Stories</h2><ul>
<li><a href="/r1">Minister Victor Aldana Meets Envoy Petra Lindqvist in Oslo</a></li>
<li><a href="/r2">General Omar Haddad Visits Fleet Headquarters</a></li>
</ul></aside>
</main>
<footer><div class="share">Share: Facebook, X, LinkedIn, Email</div>
<ul><li>Privacy</li><li>Accessibility</li><li>FOIA</li></ul></footer>
</body>
</html>
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--out", type=Path, required=True, help="folder to write NAME.html and NAME.json to")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for gold in sorted((ROOT / "eval/dev").glob("*.json")):
        text = gold.with_suffix(".txt").read_text(encoding="utf-8")
        published = json.loads(gold.read_text(encoding="utf-8")).get("published") or ""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        title = lines[0]
        paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
        page = PAGE.format(title=html.escape(title), published=published, paragraphs=paragraphs)
        (args.out / f"{gold.stem}.html").write_text(page, encoding="utf-8")
        shutil.copy(gold, args.out / gold.name)
    print(f"wrote {len(list(args.out.glob('*.html')))} pages to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
