"""Helpers every kind of knowledge shares: the normal form lookups compare, the rows of ``kg/data`` tables,
and the forms of a pycountry name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from kg.resources import data_dir

# -- normalization -------------------------------------------------------------------------------------

# Curly quotes, primes and accents -> "'"; double quotes -> '"'; hyphens, dashes and minus -> "-".
_QUOTES = str.maketrans(
    dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`\u00b4", "'")
    | dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"')
    | dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
)
# Letters that Unicode does not decompose into a base letter and a mark (đ, ł, ø, dotless i, æ, œ, þ, ð, ħ).
_LETTERS = str.maketrans(
    {
        "\u0111": "d",
        "\u0142": "l",
        "\u00f8": "o",
        "\u0131": "i",
        "\u00e6": "ae",
        "\u0153": "oe",
        "\u00fe": "th",
        "\u00f0": "d",
        "\u0127": "h",
    }
)


def clean(text: str) -> str:
    """Curly quotes and dashes made straight, runs of whitespace made one space, ends stripped; case kept."""
    return " ".join(text.translate(_QUOTES).split())


def normalize(text: str) -> str:
    """The form lookups compare: casefolded, without diacritics, straight quotes, single spaces, "defense".

    >>> normalize("  Élysée   Defence\\u2019s ")
    "elysee defense's"
    """
    decomposed = unicodedata.normalize("NFKD", clean(text).casefold().translate(_LETTERS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("defence", "defense")


def _exact_case(term: str) -> bool:
    """Abbreviations ("US", "ROK", "U.S.", "NATO") match only as written; words match in any case."""
    return not any(c.islower() for c in term)


_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|')$")


def _strip_the(text: str) -> str:
    return _THE.sub("", text)


# -- data files --------------------------------------------------------------------------------------


def _rows(name: str) -> Iterator[dict[str, str]]:
    """Rows of a TSV in ``kg/data``: comment lines start with '#', the first other line names the columns."""
    lines = (
        line
        for line in (data_dir() / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
    header = next(lines).split("\t")
    for line in lines:
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        yield {column: cell.strip() for column, cell in zip(header, cells, strict=False)}


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _int(cell: str) -> int | None:
    return int(cell) if cell else None


def _bar_separated(text: str) -> frozenset[str]:
    return frozenset(text.split("|"))


# -- names of countries and subdivisions --------------------------------------------------------------

_SUBDIVISION_SUFFIX = re.compile(
    r"(?: (?:Sheng|Shi|Zizhiqu|Zhuangzu Zizhiqu|Huizu Zizhiqu|Uygur Zizhiqu|SAR)"
    r"|-(?:do|si|gwangyeoksi|teukbyeolsi|teukbyeoljachido|teukbyeoljachisi))$"
)
# Marks of scholarly transliteration ("Bābil", "Ḩalab") that English spelling drops.
_TRANSLITERATION_MARKS = frozenset({"\u0304", "\u0323", "\u0331", "\u032e", "\u0326", "\u0307", "\u0312"})

_ARABIC_MARKS = re.compile("[\u2018\u02bb\u02bc]")  # ayn and hamza in transliterations
_EDGE_APOSTROPHE = re.compile(r"(?<!\w)'|'(?!\w)")


def _display(name: str) -> str:
    """A name as English copy writes it: "Karbalā'" -> "Karbala", "İstanbul" -> "Istanbul"."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFD", name)
        name = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TRANSLITERATION_MARKS))
        name = _ARABIC_MARKS.sub("", name.replace("\u2019", "'"))
    if "'" in name:
        name = _EDGE_APOSTROPHE.sub("", name)
    return name.strip()


def _name_forms(name: str) -> list[str]:
    """Forms of a pycountry country or subdivision name, display form first: "Madrid, Comunidad de" ->
    ["Comunidad de Madrid", "Madrid", ...]; "Ilocos (Region I)" -> ["Ilocos", ...]."""
    base = re.sub(r"\s*[\[(].*?[\])]", "", name).strip() or name
    forms: list[str] = []
    if ", " in base:
        head, tail = base.split(", ", 1)
        if not re.search(r"\b(?:of|and)\s+\S", tail):  # not "Taiwan, Province of China", "X, Y and Z"
            forms.append(f"{tail} {head}")
        forms.append(head)
    else:
        forms.append(base)
    forms += [name, base]
    forms += [_SUBDIVISION_SUFFIX.sub("", f) for f in forms]
    shown = (_display(form) for form in dict.fromkeys(forms))
    return list(dict.fromkeys(form for form in shown if form))


@cache
def short_forms() -> dict[str, frozenset[str]]:
    """Common short forms of given names and the given names each stands for ("Dan" -> {"Daniel"}), from
    ``kg/data/short_names.tsv``."""
    return {row["short"].strip(): frozenset(_split(row["full"])) for row in _rows("short_names.tsv")}
