"""Web pages and URLs as input (kg.web): the page's text and metadata, and the polite fetcher.

Pages are served by a real HTTP server (the standard library's) on 127.0.0.1, started by the tests: a readout
in the shape of a government site, a redirect, a redirect to a file: URL, a 404, a slow answer, a huge page, an
image, a page robots.txt forbids, and a server that fails once then answers.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from rdflib import RDF, Literal, URIRef

from kg.cli import cli
from kg.errors import InputError
from kg.namespace import KG
from kg.query import load_graph, query
from kg.read import read_file
from kg.store import Store
from kg.web.fetch import USER_AGENT, Fetcher
from kg.web.page import looks_like_html, parse_page

PAGES = Path(__file__).resolve().parent / "data" / "pages"
READOUT = (PAGES / "readout.html").read_bytes()
SECOND = (
    READOUT.replace(b"Harold Mendez", b"Rosa Whitcombe").replace(b"Mendez", b"Whitcombe").replace(b"900001", b"900002")
)
FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Releases</title><link>SITE/</link>
<item><title>Defense Minister Meets Counterpart in Canberra</title><link>SITE/readout.html</link>
<pubDate>Mon, 05 Jun 2023 09:00:00 GMT</pubDate><guid>1</guid></item>
<item><title>A Second Meeting</title><link>SITE/second.html</link>
<pubDate>Tue, 06 Jun 2023 09:00:00 GMT</pubDate><guid>2</guid></item>
<item><title>Not followed</title><link>file:///etc/passwd</link><guid>3</guid></item>
</channel></rss>"""


def test_a_page_gives_its_main_text_and_metadata_and_nothing_of_its_chrome():
    page = parse_page(READOUT)
    assert page.title == "Defense Minister Meets Counterpart in Canberra"
    assert page.published == date(2023, 6, 5)
    assert page.url == "https://www.defense.gov/News/Releases/Release/Article/900001/"
    assert page.site == "U.S. Department of Defense"
    assert "CANBERRA, Australia — Secretary of Defense Harold Mendez met" in page.text
    for chrome in ("Related Stories", "Owen Pike", "Quentin Hale", "Share:", "official website", "Privacy", "Home"):
        assert chrome not in page.text


def test_a_page_with_its_date_only_in_a_meta_tag():
    html = READOUT.replace(b'"datePublished": "2023-06-05T10:00:00+10:00"', b'"x": "y"').replace(
        b'<meta charset="utf-8">',
        b'<meta charset="utf-8"><meta property="article:published_time" content="2021-03-04">',
    )
    assert parse_page(html).published == date(2021, 3, 4)


def test_a_saved_page_builds_with_its_date_title_and_url(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(PAGES / "readout.html"), "-o", str(tmp_path / "out.ttl"), "-q"])
    assert result.exit_code == 0, result.output
    graph = load_graph(tmp_path / "out.ttl")
    names = {row["name"] for row in query(graph, "officials")}
    assert {"Harold Mendez", "Fiona Blackwood"} <= names
    assert not names & {"Owen Pike", "Quentin Hale"}, "the related stories and the menu are not the article"
    assert {row["date"] for row in query(graph, "meetings")} == {"2023-06-05"}
    article = read_file(PAGES / "readout.html")
    assert article.source == "https://www.defense.gov/News/Releases/Release/Article/900001/"
    assert "U.S. Department of Defense" in article.publisher_lines
    node = next(graph.subjects(RDF.type, KG.Article))
    assert graph.value(node, KG.name) == Literal("Defense Minister Meets Counterpart in Canberra")
    assert graph.value(node, URIRef("https://schema.org/url")) == URIRef(article.source)
    assert graph.value(node, URIRef("https://schema.org/publisher")) == Literal("U.S. Department of Defense")


def test_given_dates_win_over_the_page_s():
    assert read_file(PAGES / "readout.html", published=date(2023, 6, 7)).published == date(2023, 6, 7)


def test_html_is_told_from_text_by_its_start():
    assert looks_like_html(READOUT)
    assert looks_like_html("\ufeff<html><body>x</body></html>")
    assert not looks_like_html("WASHINGTON — Secretary of Defense <b>Austin</b> met...")


def test_a_page_without_article_text_is_an_input_error():
    with pytest.raises(InputError, match="found no article text in the page"):
        parse_page(b"<html><body><nav>Home</nav></body></html>")


# --- fetching ---------------------------------------------------------------------------------------------


class _Site(BaseHTTPRequestHandler):
    flaky_calls = 0
    agents: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _send(self, code: int, body: bytes = b"", content_type: str = "text/html", **headers: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        _Site.agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path in ("/readout.html", "/private/readout.html"):
            if self.headers.get("If-None-Match") == '"v1"':
                self._send(304)
            else:
                self._send(200, READOUT, "text/html; charset=utf-8", ETag='"v1"')
        elif path == "/feed.xml":
            if self.headers.get("If-None-Match") == '"f1"':
                self._send(304)
            else:
                self._send(
                    200,
                    FEED.replace(b"SITE", f"http://{self.headers['Host']}".encode()),
                    "application/rss+xml",
                    ETag='"f1"',
                )
        elif path == "/second.html":
            self._send(200, SECOND, "text/html")
        elif path == "/moved":
            self._send(301, Location="/readout.html")
        elif path == "/to-file":
            self._send(302, Location="file:///etc/passwd")
        elif path == "/slow":
            time.sleep(2)
            self._send(200, READOUT)
        elif path == "/huge":
            self._send(200, b"<html><body>" + b"<p>word </p>" * 200_000 + b"</body></html>")
        elif path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        elif path == "/flaky":
            _Site.flaky_calls += 1
            if _Site.flaky_calls == 1:
                self._send(503)
            else:
                self._send(200, READOUT)
        else:
            self._send(404, b"not here")


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up on a huge page is no failure of the server


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetcher(**options: object) -> Fetcher:
    return Fetcher(**{"timeout": 1.0, "retries": 1, "backoff": 0.01, **options})  # type: ignore[arg-type]


def test_a_page_is_fetched_with_a_user_agent_naming_kg(site):
    got = fetcher().fetch(f"{site}/readout.html")
    assert got.body == READOUT and got.content_type == "text/html" and got.etag == '"v1"'
    assert USER_AGENT in _Site.agents and USER_AGENT.startswith("kg/")


def test_a_redirect_to_http_is_followed_and_to_a_file_is_not(site):
    assert fetcher().fetch(f"{site}/moved").url == f"{site}/readout.html"
    with pytest.raises(InputError, match="which is no http\\(s\\) URL"):
        fetcher().fetch(f"{site}/to-file")


def test_a_conditional_get_of_an_unchanged_page_is_not_modified(site):
    assert fetcher().fetch(f"{site}/readout.html", etag='"v1"').not_modified


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "the server answered 404"),
        ("/slow", "no answer"),
        ("/huge", "over 1,000,000 bytes"),
        ("/image.png", "the server sent image/png, not a web page or feed"),
        ("/private/readout.html", "robots.txt does not allow kg"),
    ],
)
def test_a_url_that_fails_says_why_in_one_line(site, path, message):
    with pytest.raises(InputError, match=message) as failure:
        fetcher(max_bytes=1_000_000).fetch(site + path)
    assert "\n" not in str(failure.value)


def test_a_server_error_is_tried_again(site):
    _Site.flaky_calls = 0
    assert fetcher().fetch(f"{site}/flaky").body == READOUT
    assert _Site.flaky_calls == 2


def test_kg_build_takes_urls_and_goes_on_past_one_that_fails(site, tmp_path):
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", f"{site}/readout.html", f"{site}/missing", "--store", str(store), "-q"])
    assert result.exit_code == 3, result.output
    assert f"kg: skipped {site}/missing: the server answered 404 Not Found" in result.output
    result = CliRunner().invoke(cli, ["query", "--store", str(store), "officials", "--format", "csv"])
    assert "Harold Mendez" in result.output


@pytest.mark.model
def test_the_dev_set_as_saved_pages_scores_as_the_texts_do(tmp_path):
    """The issue's measure: the dev articles wrapped in a government site's page, their dates only in the
    page's meta tags, score within 0.01 of the texts built with their gold dates."""
    import subprocess
    import sys

    from kg.evaluate import evaluate

    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, str(root / "scripts/html_pages.py"), "-o", str(tmp_path)], check=True)
    assert len(list(tmp_path.glob("*.html"))) == 15
    pages = evaluate(tmp_path, gold_dates=False).overall_f1
    texts = evaluate(root / "eval/dev").overall_f1
    assert abs(pages - texts) <= 0.01, (pages, texts)


# --- feeds, kg watch, kg fetch ---------------------------------------------------------------------------


def test_a_feed_lists_its_http_items_and_never_a_file(site):
    from kg.web.feeds import parse_feed

    items = parse_feed(FEED.replace(b"SITE", site.encode()))
    assert [item.link for item in items] == [f"{site}/readout.html", f"{site}/second.html"]
    assert items[1].published == date(2023, 6, 6)


def test_kg_build_of_a_feed_builds_each_item(site, tmp_path):
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", f"{site}/feed.xml", "--store", str(store), "-q"])
    assert result.exit_code == 0, result.output
    with Store.open(store, read_only=True) as opened:
        assert opened.sources() == {f"{site}/readout.html", f"{site}/second.html"}


def test_a_second_watch_of_an_unchanged_feed_builds_nothing(site, tmp_path):
    store = tmp_path / "store"
    first = CliRunner().invoke(cli, ["watch", f"{site}/feed.xml", "--store", str(store), "--once"])
    assert first.exit_code == 0, first.output
    assert f"built {site}/readout.html" in first.output and f"built {site}/second.html" in first.output
    second = CliRunner().invoke(cli, ["watch", f"{site}/feed.xml", "--store", str(store), "--once"])
    assert second.exit_code == 0, second.output
    assert f"{site}/feed.xml: not changed" in second.output and "built" not in second.output


def test_kg_fetch_saves_pages_that_kg_build_reads_offline(site, tmp_path):
    folder = tmp_path / "saved"
    result = CliRunner().invoke(cli, ["fetch", f"{site}/feed.xml", "-o", str(folder)])
    assert result.exit_code == 0, result.output
    entries = [json.loads(line) for line in (folder / "metadata.jsonl").read_text().splitlines()]
    assert [e["url"] for e in entries] == [f"{site}/readout.html", f"{site}/second.html"]
    assert entries[1]["published"] == "2023-06-06" and entries[0]["site"] == "U.S. Department of Defense"
    out = tmp_path / "out.ttl"
    assert CliRunner().invoke(cli, ["build", str(folder), "-o", str(out), "-q"]).exit_code == 0
    names = {row["name"] for row in query(load_graph(out), "officials")}
    assert {"Harold Mendez", "Rosa Whitcombe"} <= names


def test_kg_watch_stops_cleanly_on_sigterm(site, tmp_path):
    import signal
    import subprocess
    import sys

    command = [
        sys.executable,
        "-c",
        "from kg.cli import main; main()",
        "watch",
        f"{site}/feed.xml",
        "--store",
        str(tmp_path / "store"),
        "--every",
        "1h",
    ]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    lines = []
    for line in process.stderr:  # type: ignore[union-attr]
        lines.append(line)
        if "feed.xml:" in line:  # the first poll is done
            break
    process.send_signal(signal.SIGTERM)
    _, rest = process.communicate(timeout=30)
    assert process.returncode == 0, [*lines, rest]
    assert "kg: watch stopped" in rest


@pytest.mark.model
def test_a_feed_of_the_dev_pages_builds_and_a_second_watch_builds_nothing(tmp_path):
    """The issue's measure: the dev articles as pages, listed in a feed on a local server, build into a store;
    watched again, the unchanged feed builds nothing."""
    import subprocess
    import sys
    from functools import partial
    from http.server import SimpleHTTPRequestHandler

    root = Path(__file__).resolve().parent.parent
    pages = tmp_path / "pages"
    subprocess.run([sys.executable, str(root / "scripts/html_pages.py"), "-o", str(pages)], check=True)
    names = sorted(p.name for p in pages.glob("*.html"))

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def end_headers(self) -> None:
            if self.path.endswith(".xml"):
                self.send_header("Cache-Control", "no-cache")
            super().end_headers()

    server = _Server(("127.0.0.1", 0), partial(Quiet, directory=str(pages)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    items = "".join(f"<item><title>{n}</title><link>{base}/{n}</link><guid>{n}</guid></item>" for n in names)
    (pages / "feed.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Dev</title>{items}</channel></rss>', encoding="utf-8"
    )
    try:
        store = tmp_path / "store"
        first = CliRunner().invoke(cli, ["watch", f"{base}/feed.xml", "--store", str(store), "--once"])
        assert first.exit_code == 0, first.output
        assert first.output.count("built ") == len(names) == 15
        second = CliRunner().invoke(cli, ["watch", f"{base}/feed.xml", "--store", str(store), "--once"])
        assert "built " not in second.output, second.output
        with Store.open(store, read_only=True) as opened:
            assert len(opened.articles()) == 15
    finally:
        server.shutdown()
        server.server_close()


def test_a_saved_feed_file_builds_its_items(site, tmp_path):
    feed = tmp_path / "releases.xml"
    feed.write_bytes(FEED.replace(b"SITE", site.encode()))
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", str(feed), "--store", str(store), "-q"])
    assert result.exit_code == 0, result.output
    with Store.open(store, read_only=True) as opened:
        assert opened.sources() == {f"{site}/readout.html", f"{site}/second.html"}


def test_kg_fetch_goes_on_past_a_url_that_fails(site, tmp_path):
    folder = tmp_path / "saved"
    result = CliRunner().invoke(cli, ["fetch", f"{site}/missing", f"{site}/readout.html", "-o", str(folder)])
    assert result.exit_code == 3
    assert f"kg: skipped {site}/missing: the server answered 404 Not Found" in result.output
    assert [json.loads(line)["url"] for line in (folder / "metadata.jsonl").read_text().splitlines()] == [
        f"{site}/readout.html"
    ]
