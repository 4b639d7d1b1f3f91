"""A polite, safe fetcher for article pages and feeds.

Every request names kg in its User-Agent, asks robots.txt first (``urllib.robotparser``, read once per site),
times out, and retries a timeout, a dropped connection or a 5xx answer a bounded number of times with a
growing pause. Redirects are followed to http(s) URLs only; a response larger than the size limit, or of a
content type that is no page or feed, is refused. Each failure raises :class:`~kg.errors.InputError` with the
URL and the reason in one line, so that a build reports it and goes on.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from kg import __version__
from kg.errors import InputError

__all__ = ["USER_AGENT", "Fetched", "Fetcher", "is_url"]

USER_AGENT = f"kg/{__version__} (knowledge graphs of diplomacy and defense news; +https://w3id.org/kg)"
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml")
_RETRIED = (500, 502, 503, 504, 429)


def is_url(text: str) -> bool:
    """Whether ``text`` is an http(s) URL."""
    return urlsplit(text).scheme in ("http", "https") and bool(urlsplit(text).netloc)


@dataclass(frozen=True)
class Fetched:
    """A response: the final URL (after redirects), its body, content type and cache validators."""

    url: str
    body: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) URLs only: never to file:, ftp: or any other scheme."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        target = urljoin(req.full_url, newurl)
        if not is_url(target):
            raise InputError(f"{req.full_url} redirects to {target!r}, which is no http(s) URL; not followed")
        return super().redirect_request(req, fp, code, msg, headers, target)


@dataclass
class Fetcher:
    """Fetches URLs politely. ``timeout`` is per request, in seconds; ``retries`` the tries after the first;
    ``max_bytes`` the largest body taken; ``robots`` whether robots.txt is asked."""

    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    max_bytes: int = 10_000_000
    robots: bool = True
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._opener = urllib.request.build_opener(_HttpOnlyRedirects())

    def fetch(
        self,
        url: str,
        *,
        accept: tuple[str, ...] = PAGE_TYPES + FEED_TYPES,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched:
        """GET ``url``; with ``etag`` or ``last_modified`` a conditional GET, whose 304 answer is a
        :class:`Fetched` with ``not_modified`` set. Raises :class:`InputError` on any failure."""
        if not is_url(url):
            raise InputError(f"{url!r} is no http(s) URL; kg fetches http and https only")
        if self.robots and not self._allowed(url):
            raise InputError(f"{url}: the site's robots.txt does not allow kg to fetch it")
        headers = {"User-Agent": USER_AGENT, "Accept": ", ".join(accept) + ", */*;q=0.1"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(self.retries + 1):
            try:
                return self._get(url, headers, accept)
            except _Retry as retry:
                if attempt == self.retries:
                    raise InputError(f"{url}: {retry.reason} (tried {attempt + 1} times)") from None
                time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def _get(self, url: str, headers: dict[str, str], accept: tuple[str, ...]) -> Fetched:
        request = urllib.request.Request(url, headers=headers)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                content_type = response.headers.get_content_type()
                if content_type not in accept:
                    raise InputError(f"{url}: the server sent {content_type}, not a web page or feed")
                body = response.read(self.max_bytes + 1)
                if len(body) > self.max_bytes:
                    raise InputError(f"{url}: the page is over {self.max_bytes:,} bytes; not read")
                return Fetched(
                    response.geturl(),
                    body,
                    content_type,
                    response.headers.get("ETag"),
                    response.headers.get("Last-Modified"),
                )
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Fetched(url, b"", "", headers.get("If-None-Match"), headers.get("If-Modified-Since"), True)
            if 300 <= exc.code < 400:  # urllib refuses a redirect to a scheme it does not follow (file:)
                raise InputError(
                    f"{url} redirects to {exc.headers.get('Location')!r}, which is no http(s) URL; not followed"
                ) from None
            if exc.code in _RETRIED:
                raise _Retry(f"the server answered {exc.code} {exc.reason}") from None
            raise InputError(f"{url}: the server answered {exc.code} {exc.reason}") from None
        except InputError:
            raise
        except (TimeoutError, ConnectionError) as exc:
            raise _Retry(f"no answer ({type(exc).__name__}: {exc})") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | ConnectionError):
                raise _Retry(f"no answer ({exc.reason})") from None
            raise InputError(f"{url}: cannot connect ({exc.reason})") from None

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            try:
                request = urllib.request.Request(f"{site}/robots.txt", headers={"User-Agent": USER_AGENT})
                with self._opener.open(request, timeout=self.timeout) as response:
                    parser.parse(response.read(1_000_000).decode("utf-8", "replace").splitlines())  # type: ignore[union-attr]
            except urllib.error.HTTPError as exc:
                if exc.code in (401, 403):  # robots.txt itself forbidden: the site allows no robot
                    parser.disallow_all = True  # type: ignore[union-attr]
                else:
                    parser = None  # no robots.txt: nothing is disallowed
            except (urllib.error.URLError, TimeoutError, ConnectionError, InputError, ValueError):
                parser = None  # no robots.txt that answers: nothing is disallowed
            self._robots[site] = parser
        parser = self._robots[site]
        return parser is None or parser.can_fetch(USER_AGENT, url)


class _Retry(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
