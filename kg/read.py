"""The read stage: a file or a string -> :class:`~kg.model.Article`.

Reading decodes the text, drops site boilerplate (banners, navigation, archive notices, photo credits,
bylines, the "Related Stories" tail), counts a repeated photo caption once, and records the title and the
dateline.
``Article.text`` is exactly the cleaned text: later stages quote sentences by character offsets into it.

The boilerplate patterns live in ``kg/data/boilerplate.txt``, one regular expression a line, so a new site's
banner is one line to add.

>>> article = read_text("Allies Meet in Tokyo\\n\\nTOKYO, Feb. 3, 2017 — The ministers met today.")
>>> article.title, article.dateline_place, article.dateline_date, article.published
('Allies Meet in Tokyo', 'Tokyo', datetime.date(2017, 2, 3), datetime.date(2017, 2, 3))
"""

from __future__ import annotations

import dataclasses
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from kg.errors import InputError, UsageError
from kg.model import Article

__all__ = ["Article", "parse_date", "read_file", "read_text"]

_BOM = "\ufeff"
_UTF8_BOM = _BOM.encode("utf-8")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# A paragraph of the article can be long; no banner or credit line is longer than this.
_MAX_BOILERPLATE_LINE = 320
# Share of control characters and undecodable bytes above which a file is binary rather than mis-encoded text.
_BINARY_SHARE = 0.3
_SNIFF_BYTES = 64 * 1024
# The opening lines of the body searched for a dateline: a page may put a title, a date, a kicker before it,
# none of them a sentence nor longer than a heading.
_DATELINE_LINES = 6
_HEADING_WORDS = 20
# The largest file read unless told otherwise: far longer than any article or report, short of what would
# take hours (a megabyte takes about 50 s here, benchmarks/README.md).
MAX_SIZE = 50_000_000

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# A teaser cut short before the whole text on the same line ("X met Y in...... read more read more X met Y in
# Tokyo.") and the toggle after it ("see less | View Image Page"): page widgets, not the article's words.
_TEASER = re.compile(r"(?P<teaser>.{20,400}?)\s*+(?:\.{3,}+|…)\s*+(?:read more\s*+)++", re.IGNORECASE)
_SEE_LESS = re.compile(r"\s*\bsee less\b(?:\s*\|[^|]{0,40})?$", re.IGNORECASE)
# Zero-width characters, the soft hyphen and the bidirectional marks and controls only steer how text is shown;
# left in, they split words and names ("E\u200fnrique Manalo" is not "Enrique Manalo").
_INVISIBLE = re.compile(r"[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?|Aug(?:ust|\.)?"
    r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_MONTH_NUMBER = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_DAY_MONTH_YEAR = rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?"
_DATE = re.compile(rf"\b{_DAY_MONTH_YEAR}\b")
# "WASHINGTON, Aug. 17, 2017 —", "VILNIUS, Lithuania, July 11 (Euro-Atlantic Wire) —", "TOKYO —",
# "MANILA, Philippines (AP) —", "BRUSSELS, Belgium -- ". The place is checked to be upper case in code,
# because Python's re has no class for upper-case letters beyond ASCII.
_WORD = r"[^\W\d_][\w.'\u2019-]*"
_DATELINE = re.compile(
    rf"(?P<place>{_WORD}(?: {_WORD}){{0,3}})"
    rf"(?:,\s*(?!{_MONTH}\s+\d)(?P<region>{_WORD}(?:\s+{_WORD}){{0,3}}))?"
    rf"(?:,\s*{_DAY_MONTH_YEAR})?"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?,?"
    # a dash, or after the agency nothing: "Washington, DC (STL.News) Chief Pentagon Spokesperson ..."
    r"(?:\s*(?:\u2014|\u2013|--)\s*|\s+-\s+|(?<=\))\s+(?=[A-Z]))"
)
# Datelines of release headers in mixed case: "Brussels, 14 December 2015", "Washington, DC" above "January 25,
# 2018", "January 16, 2018 – Vancouver, Canada – National Defence / Canadian Armed Forces".
_NAME = rf"{_WORD}(?: {_WORD}){{0,2}}"
_DAY_MONTH_FIRST = rf"(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\s+(?P<year2>\d{{4}})"
_DAY_FIRST_DATE = re.compile(rf"\d{{1,2}}\s+{_MONTH}\s+\d{{4}}")
_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day", re.IGNORECASE)
_PLACE_ONLY = re.compile(rf"(?P<place>{_NAME}),\s*(?P<region>{_NAME})")
_PLACE_THEN_DATE = re.compile(
    rf"(?P<place>{_NAME})(?:,\s*(?P<region>{_NAME}))?,\s*(?:{_DAY_MONTH_FIRST}|{_DAY_MONTH_YEAR})"
)
_DATE_THEN_PLACE = re.compile(
    rf"{_DAY_MONTH_YEAR}\s*[\u2013\u2014-]+\s*(?P<place>{_NAME})(?:,\s*(?P<region>{_NAME}))?\s*[\u2013\u2014-]+\s*.{{0,80}}"
)
# A transcript's header of its day, hour and place: "Monday, September 18, 2023, 11:01 p.m. New York".
_DATE_TIME_PLACE = re.compile(
    rf"(?:{_WEEKDAY.pattern},\s*)?{_DAY_MONTH_YEAR},?\s*\d{{1,2}}:\d{{2}}\s*[ap]\.?m\.?,?\s+"
    r"(?!(?:[A-Z]{1,4}T|GMT|UTC|Local Time)\b)"  # a time zone is no place: "10:15 a.m. EDT"
    rf"(?P<place>{_NAME})(?:,\s*(?P<region>{_NAME}))?",
    re.IGNORECASE,
)
# The place and day a credit line ends on: "... Public Affairs Stuttgart, Germany Jan 24, 2018".
_FILED_FROM = re.compile(
    rf"(?<=\s)(?!(?:Affairs|Command|Office|Staff|Public|Service|News|Activity)\b)[A-Z][\w.'\u2019-]+"
    rf"(?: [A-Z][\w.'\u2019-]+)?, [A-Z][\w.'\u2019-]+(?: [A-Z][\w.'\u2019-]+)?"
    rf"\s+{_MONTH}\s+\d{{1,2}},\s*\d{{4}}$"
)
_PHOTO_CREDIT = re.compile(r"\b(?:photo|photograph|image)\b(?:\s+\S+){0,2}?\s+(?:by|courtesy)\b", re.IGNORECASE)
_HEADLINE_END = re.compile(r"[.,;:\u2014\u2013-]$")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]?$")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Boilerplate:
    """The compiled ``kg/data/boilerplate.txt``: lines to drop, and headings that start the tail."""

    drop: tuple[re.Pattern[str], ...]
    tail: tuple[re.Pattern[str], ...]
    publisher: tuple[re.Pattern[str], ...] = ()

    def is_dropped(self, line: str) -> bool:
        return self.names_publisher(line) or (
            len(line) <= _MAX_BOILERPLATE_LINE and any(p.fullmatch(line) for p in self.drop)
        )

    def names_publisher(self, line: str) -> bool:
        return len(line) <= _MAX_BOILERPLATE_LINE and any(p.fullmatch(line) for p in self.publisher)

    def starts_tail(self, line: str) -> bool:
        return any(p.fullmatch(line) for p in self.tail)


def parse_boilerplate(spec: str) -> Boilerplate:
    """Compile a boilerplate spec: ``[drop]``, ``[publisher]`` and ``[tail]`` sections of regexes, ``#``
    comments."""
    sections: dict[str, list[re.Pattern[str]]] = {"drop": [], "publisher": [], "tail": []}
    section = None
    for number, raw in enumerate(spec.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            if section not in sections:
                raise ValueError(
                    f"boilerplate line {number}: unknown section [{section}]; use [drop], [publisher] or [tail]"
                )
            continue
        if section is None:
            raise ValueError(f"boilerplate line {number}: pattern before any [drop] or [tail] section")
        try:
            sections[section].append(re.compile(line, re.IGNORECASE))
        except re.error as exc:
            raise ValueError(f"boilerplate line {number}: bad regular expression ({exc})") from exc
    return Boilerplate(
        drop=tuple(sections["drop"]), tail=tuple(sections["tail"]), publisher=tuple(sections["publisher"])
    )


@cache
def boilerplate() -> Boilerplate:
    """The boilerplate patterns shipped with kg (loaded once)."""
    spec = resources.files("kg").joinpath("data/boilerplate.txt").read_text(encoding="utf-8")
    return parse_boilerplate(spec)


def parse_date(value: str) -> date:
    """Parse a ``--published`` date, strictly ``YYYY-MM-DD``.

    Raises :class:`kg.errors.UsageError` on anything else.

    >>> parse_date("2017-02-03")
    datetime.date(2017, 2, 3)
    """
    text = value.strip()
    if _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise UsageError(f"invalid date '{value}': give --published as YYYY-MM-DD, e.g. 2017-02-03")


def read_file(
    path: str | os.PathLike[str], *, published: date | None = None, max_size: int | None = MAX_SIZE
) -> Article:
    """Read an article from a UTF-8 text file (a BOM is allowed), or from a saved web page (``.html``, or a
    file that starts as HTML: :func:`kg.web.page.read_html`); ``Article.source`` is the path, or the page's
    canonical URL. ``path`` may also be a URL that fsspec reads (``file://``, ``s3://``, ``gs://``...,
    with the fsspec package of that protocol installed); an http(s) URL is a web page (:mod:`kg.web`).

    Raises :class:`kg.errors.InputError` when the file is missing, a directory, unreadable, larger than
    ``max_size`` bytes (``None``: no limit), empty, binary or not UTF-8, or holds nothing but site boilerplate.
    """
    if is_remote(path):
        raw = _read_remote(str(path), max_size)
        file = Path(urlsplit(str(path)).path)
        name = str(path)
    else:
        file = Path(path)
        raw = _read_local(file, max_size)
        name = str(file)
    from kg.web.page import HTML_SUFFIXES, looks_like_html, read_html

    if file.suffix.lower() in HTML_SUFFIXES or looks_like_html(raw[:1024]):
        # A saved web page: its main text and metadata (kg.web.page); its source the page's canonical URL.
        article = read_html(_decode(raw, name), published=published)
        return article if article.source else dataclasses.replace(article, source=name)
    return read_text(_decode(raw, name), published=published, source=name)


def is_remote(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a URL for fsspec (``s3://bucket/a.txt``, ``file:///tmp/a.txt``), not a local path
    nor a web page's http(s) URL."""
    if not isinstance(path, str):
        return False
    scheme = urlsplit(path).scheme
    return len(scheme) > 1 and "://" in path and scheme not in ("http", "https")


def _read_local(file: Path, max_size: int | None) -> bytes:
    if not file.exists():
        raise InputError(f"no such file: {file}; check the path")
    if file.is_dir():
        raise InputError(f"{file} is a directory; give an article file (kg build takes .txt and .html files)")
    try:
        size = file.stat().st_size
        _check_size(str(file), size, max_size)
        return file.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror or exc}; check its permissions") from exc


def _read_remote(url: str, max_size: int | None) -> bytes:
    fs, where = remote_fs(url)
    try:
        if not fs.exists(where):
            raise InputError(f"no such file: {url}; check the URL")
        if fs.isdir(where):
            raise InputError(f"{url} is a folder; give an article file (kg build takes .txt and .html files)")
        _check_size(url, fs.size(where), max_size)
        return fs.cat_file(where)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {url}: {exc}; check the URL and your access to it") from exc


def remote_fs(url: str) -> tuple[object, str]:
    """The fsspec file system of ``url`` and the path in it; :class:`InputError` when fsspec has no such
    protocol or lacks the package it needs (``s3fs`` for ``s3://``...)."""
    import fsspec

    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise InputError(f"cannot read {url}: {exc}; install the fsspec package of its protocol") from None


def _check_size(name: str, size: int | None, max_size: int | None) -> None:
    if max_size is not None and size is not None and size > max_size:
        raise InputError(
            f"{name} is {_size(size)}, over the limit of {_size(max_size)}; split it into "
            "smaller files, or raise the limit with --max-size"
        )


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 1e6:,.1f} MB" if n_bytes >= 100_000 else f"{n_bytes:,} bytes"


def read_text(text: str, *, published: date | None = None, source: str | None = None) -> Article:
    """Read an article from a string.

    ``published`` resolves a dateline without a year; without it, the article date is taken from a dateline
    with a full date, else from a dated photo caption. Raises :class:`kg.errors.InputError` on empty text.
    """
    # Invisible characters go before normalizing: one between a letter and its accent would keep them apart,
    # and a text of nothing else is empty.
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", _NEWLINES.sub("\n", text)))
    if not text.strip():
        raise InputError("the article text is empty; give the text of a news article")
    patterns = boilerplate()
    raw_lines = text.split("\n")
    paragraphs, captions = _clean(raw_lines, patterns)
    publisher_lines = tuple(dict.fromkeys(line for raw in raw_lines if patterns.names_publisher(line := raw.strip())))
    if not paragraphs:
        raise InputError(
            "the article has no text besides site boilerplate (banners, credits, related links); "
            "give the article's body text"
        )
    title = _title(paragraphs[0][0])
    text = "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)
    # The dateline opens the body: the first line that holds one, after what a page may put above the body
    # (the title, a date line, a kicker), and before any sentence of the body.
    dateline, dateline_start = _Dateline(), 0
    opening = list(islice(_lines_with_offsets(paragraphs), 1 if title else 0, _DATELINE_LINES + 1))
    for k, (line, offset) in enumerate(opening[:_DATELINE_LINES]):
        following = opening[k + 1][0] if k + 1 < len(opening) else ""
        if (found := _dateline([line])).length or (found := _place_and_date_line(line, following)).length:
            dateline, dateline_start = found, offset
            break
        if _SENTENCE_END.search(line) or len(line.split()) > _HEADING_WORDS:
            break
    if published is None:
        published = dateline.full_date or _caption_date(captions)
    return Article(
        text=text,
        published=published,
        source=source,
        title=title,
        dateline_place=dateline.place,
        dateline_date=dateline.resolve(published),
        dateline_end=dateline_start + dateline.length if dateline.length else None,
        publisher_lines=publisher_lines,
    )


def _decode(raw: bytes, file: str) -> str:
    if not raw.strip():
        raise InputError(f"{file} is empty; give a file that holds the article's text")
    if raw.startswith(_UTF16_BOMS):
        raise InputError(f"{file} is UTF-16 text; convert it, e.g. iconv -f utf-16 -t utf-8")
    if b"\x00" in raw[:_SNIFF_BYTES] or _binary_share(raw[:_SNIFF_BYTES]) > _BINARY_SHARE:
        raise InputError(f"{file} is a binary file, not text; give the article as a plain-text .txt file")
    skip = len(_UTF8_BOM) if raw.startswith(_UTF8_BOM) else 0
    try:
        text = raw[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        raise InputError(
            f"{file} is not UTF-8 text (byte 0x{raw[offset]:02x} at offset {offset}); "
            "convert it, e.g. iconv -f latin1 -t utf-8"
        ) from None
    if not text.strip():
        raise InputError(f"{file} is empty; give a file that holds the article's text")
    return text


def _binary_share(sample: bytes) -> float:
    decoded = sample.decode("utf-8", errors="replace")
    return len(_CONTROL.findall(decoded)) / max(len(decoded), 1)


def _untruncated(line: str) -> str:
    """A line that holds a teaser and then the whole text it begins, as the whole text alone."""
    m = _TEASER.match(line) if "read more" in line.lower() else None
    if m and m["teaser"][-30:].strip() in line[m.end() :]:
        line = line[m.end() :]
    return _SEE_LESS.sub("", line) if m else line


def _clean(lines: list[str], patterns: Boilerplate) -> tuple[list[list[str]], list[str]]:
    """Drop boilerplate; return the kept paragraphs (lists of lines) and the kept photo-caption lines."""
    lines = [_untruncated(_SPACES.sub(" ", line).strip()) for line in lines]
    dropped = [bool(line) and patterns.is_dropped(line) for line in lines]
    for i, line in enumerate(lines):
        # "By U.S. Africa Command Public Affairs Stuttgart, Germany Jan 24, 2018": the credit goes, the place
        # and day it was filed from stay (a place of the story, not where its meetings were).
        if dropped[i] and patterns.names_publisher(line) and (filed := _FILED_FROM.search(line)):
            lines[i], dropped[i] = filed.group(0), False
    lines, dropped = _cut_tail(lines, dropped, patterns)
    counts = Counter(line for line, drop in zip(lines, dropped, strict=True) if line and not drop)
    repeated = {line for line, count in counts.items() if count > 1}
    for i, line in enumerate(lines):
        if line and not dropped[i] and _is_caption_heading(i, lines, dropped, repeated):
            dropped[i] = True

    paragraphs: list[list[str]] = []
    captions: list[str] = []
    current: list[str] = []
    seen: set[str] = set()
    for line, drop in zip(lines, dropped, strict=True):
        if drop or not line or line in seen:
            # A dropped line (a banner, a byline, a repeated caption) also ends a paragraph, so that nothing
            # on either side of it is joined.
            if current:
                paragraphs.append(current)
                current = []
            continue
        seen.add(line)
        current.append(line)
        if line in repeated or _PHOTO_CREDIT.search(line):
            captions.append(line)
    if current:
        paragraphs.append(current)
    return paragraphs, captions


def _cut_tail(lines: list[str], dropped: list[bool], patterns: Boilerplate) -> tuple[list[str], list[bool]]:
    """Cut the page at a "Related Stories" heading, once some article text has been seen above it."""
    seen_text = False
    for i, line in enumerate(lines):
        if seen_text and patterns.starts_tail(line):
            return lines[:i], dropped[:i]
        seen_text = seen_text or (not dropped[i] and bool(_SENTENCE_END.search(line)))
    return lines, dropped


def _is_caption_heading(i: int, lines: list[str], dropped: list[bool], repeated: set[str]) -> bool:
    """A short title-case heading between the copies of a repeated photo caption ("Tokyo Talks")."""
    words = lines[i].split()
    if len(words) > 6 or _SENTENCE_END.search(lines[i]) or not all(w[0].isupper() for w in words if len(w) > 3):
        return False
    neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    if len(neighbours) < 2 or not all(lines[j] for j in neighbours):
        return False
    return any(lines[j] in repeated for j in neighbours) and all(lines[j] in repeated or dropped[j] for j in neighbours)


def _title(line: str) -> str | None:
    """The headline: a short first line that is not a sentence and not a dateline."""
    words = line.split()
    if len(words) > 30 or len(line) > 200 or _HEADLINE_END.search(line) or _match_dateline(line):
        return None
    return line


@dataclass(frozen=True)
class _Dateline:
    place: str | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    length: int = 0  # characters of the line the dateline takes, its dash included

    @property
    def full_date(self) -> date | None:
        return _safe_date(self.year, self.month, self.day) if self.year else None

    def resolve(self, published: date | None) -> date | None:
        """The dateline's date; without a year, the latest such day not after ``published``."""
        if self.month is None or self.day is None:
            return None
        if self.year:
            return self.full_date
        if published is None:
            return None
        this_year = _safe_date(published.year, self.month, self.day)
        if this_year is not None and this_year <= published:
            return this_year
        return _safe_date(published.year - 1, self.month, self.day)


def _lines_with_offsets(paragraphs: list[list[str]]) -> Iterator[tuple[str, int]]:
    """Each line of the article text with its offset, the text being the paragraphs joined as read_text joins
    them (lines by a line break, paragraphs by a blank line)."""
    offset = 0
    for paragraph in paragraphs:
        for line in paragraph:
            yield line, offset
            offset += len(line) + 1
        offset += 1


def _dateline(first: list[str]) -> _Dateline:
    """The dateline that opens the article's first line after the title (bylines are already dropped)."""
    if not first:
        return _Dateline()
    match = _match_dateline(first[0])
    if match is None:
        return _Dateline()
    month = match["month"]
    return _Dateline(
        place=_title_case(match["place"]),
        month=_MONTH_NUMBER[month[:3].lower()] if month else None,
        day=int(match["day"]) if match["day"] else None,
        year=int(match["year"]) if match["year"] else None,
        length=match.end(),
    )


def _place_and_date_line(line: str, following: str) -> _Dateline:
    """A dateline of a release's header, written in mixed case on a line of its own: "Brussels, 14 December
    2015", "January 16, 2018 – Vancouver, Canada – National Defence", or "Rome, Italy" above a line that is only
    a date."""
    match = (
        _PLACE_THEN_DATE.fullmatch(line)
        or _DATE_THEN_PLACE.fullmatch(line)
        or _DATE_TIME_PLACE.fullmatch(line)
        or (
            (_DATE.fullmatch(following.strip()) or _DAY_FIRST_DATE.fullmatch(following.strip()))
            and _PLACE_ONLY.fullmatch(line)
        )
    )
    if match is None or not all(w[:1].isupper() for w in match["place"].split()) or _WEEKDAY.fullmatch(match["place"]):
        return _Dateline()  # "Monday, 18 November 2024" is a day, not a place and its day
    groups = match.groupdict()
    month = groups.get("month") or groups.get("month2")
    day, year = groups.get("day") or groups.get("day2"), groups.get("year") or groups.get("year2")
    return _Dateline(
        place=match["place"],
        month=_MONTH_NUMBER[month[:3].lower()] if month else None,
        day=int(day) if day else None,
        year=int(year) if year else None,
        length=len(line),
    )


def _match_dateline(line: str) -> re.Match[str] | None:
    match = _DATELINE.match(line)
    if match is None or sum(c.isalpha() for c in match["place"]) < 2:
        return None
    # in capitals ("TOKYO —"), or in mixed case before a wire's tag ("Washington, DC (STL.News)")
    tagged = (
        match["agency"]
        and re.fullmatch(r"[\w.&'’-]+(?: [\w.&'’-]+){0,2}", match["agency"])  # "(Reuters)", not "(Seat, Party)"
        and all(w[:1].isupper() for w in match["place"].split())
        and match["place"].split()[0] not in {"The", "A", "An"}
    )
    return match if match["place"].isupper() or tagged else None


def _caption_date(captions: list[str]) -> date | None:
    """The full date of the first dated photo caption ("..., in Tokyo, Feb. 3, 2017.")."""
    for caption in captions:
        for match in _DATE.finditer(caption):
            if match["year"]:
                month = _MONTH_NUMBER[match["month"][:3].lower()]
                found = _safe_date(int(match["year"]), month, int(match["day"]))
                if found:
                    return found
    return None


def _safe_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _title_case(place: str) -> str:
    """ "WASHINGTON" -> "Washington", "ST. LOUIS" -> "St. Louis", "N'DJAMENA" -> "N'Djamena"."""
    return re.sub(r"(?<=\w['\u2019])S\b", "s", place.title())
