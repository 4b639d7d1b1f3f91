"""People's names as parts, and when two names can be the same person's.

A name is parsed by nameparser into given name, middle names, family name and suffix, after anyascii has
written it in ASCII ("Mevlüt Çavuşoğlu" and "Mevlut Cavusoglu" are one spelling). A word in capitals before
words that are not is the family name written first, as Japanese and Korean governments write it ("KAMIKAWA
Yoko"). Given names are the same when they are, when one is an initial of the other, or when one is a short
form of the other by the nicknames package (Jim and James, Joe and Joseph) or kg's own short forms.

>>> a, b = parse("James N. Mattis"), parse("Jim Mattis")
>>> a.family, a.middles, names_agree(a, b), a.informative > b.informative
('mattis', ('n',), True, True)
>>> names_agree(parse("George H. W. Bush"), parse("George W. Bush"))
False
>>> parse("KAMIKAWA Yoko").family, parse("Mevlüt Çavuşoğlu").family
('kamikawa', 'cavusoglu')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from anyascii import anyascii
from nameparser import HumanName
from nameparser.config import Constants
from nicknames import NickNamer

from kg.gazetteer import short_forms

__all__ = ["ParsedName", "givens_agree", "names_agree", "parse"]

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v"}
_GENERATIONAL = {"jr", "sr"}
# nameparser's constants without its titles: kg's names come without titles, and "Gen" is a given name
# (Gen Nakatani) as often as a rank
_CONSTANTS = Constants(titles=(), first_name_titles=())
# Abbreviated honorifics and offices that articles write before a name as if part of it
_HONORIFICS = {"HE", "H.E.", "HRH", "H.R.H.", "HH", "H.H.", "DPM", "PM", "FM", "DM", "MP", "SEN.", "REP."}


@dataclass(frozen=True)
class ParsedName:
    """A name in lower-case ASCII parts. ``given`` is empty for a name of one word (taken for the family name,
    also kept as ``words`` so that "Xi" can be the first word of "Xi Jinping")."""

    text: str
    given: str
    middles: tuple[str, ...]  # initials of the middle names: "H. W." and "Herbert Walker" are ("h", "w")
    family: str
    suffix: str
    words: tuple[str, ...]  # every word, lower-case ASCII, suffixes and initials left out
    initials: bool = False  # a middle name is written as an initial ("H. W."), not in full

    @property
    def single(self) -> bool:
        """A name of one word: a surname (or a given name) alone."""
        return not self.given

    @property
    def informative(self) -> tuple[int, int, int]:
        """How much the name says, to pick the fullest of a person's names: words, middles, length."""
        return (len(self.words) + len(self.middles), int(len(self.given) > 1), len(self.text))


def _ascii(text: str) -> str:
    return anyascii(text).strip()


def _word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


@cache
def parse(name: str) -> ParsedName:
    """The parts of ``name`` (a name as an article writes it, titles already left out)."""
    raw = _ascii(name).split()
    while len(raw) > 1 and raw[0].upper() in _HONORIFICS:  # "HE Song Tao", "DPM Marles"
        raw = raw[1:]
    if len(raw) >= 2 and re.fullmatch(r"[A-Z]{2,3}", raw[0]):  # "CQ Brown": initials without dots
        raw = [f"{c}." for c in raw[0]] + raw[1:]
    text = " ".join(raw)
    if len(raw) >= 2 and _capital_word(raw[0]) and not all(_capital_word(w) for w in raw):
        # "KAMIKAWA Yoko": the family name first, in capitals
        family, given, middle, suffix = raw[0], raw[1], " ".join(raw[2:]), ""
    else:
        human = HumanName(text, constants=_CONSTANTS)
        given, middle, family, suffix = human.first, human.middle, human.last, human.suffix
        if not family:  # one word: a surname alone
            given, family = "", given
    middles = tuple(m[0] for m in re.findall(r"[A-Za-z]+", middle.lower()))
    initials = bool(re.search(r"(?:^|\s)[A-Za-z](?:\.|\s|$)", middle))
    words = tuple(w for w in (_word(x) for x in re.split(r"[\s-]+", f"{given} {middle} {family}")) if len(w) > 1)
    return ParsedName(
        text=name,
        given=_word(given),
        middles=middles,
        family=_word(family),
        suffix=_word(suffix.split(",")[0]) if suffix else "",
        words=words or (_word(family),),
        initials=initials,
    )


def _capital_word(word: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", word)
    return len(letters) > 1 and letters.isupper()


@cache
def _nick_namer() -> NickNamer:
    return NickNamer()


@cache
def _given_forms(given: str) -> frozenset[str]:
    """A given name and the names it is short for or a short form of: "jim" -> {"jim", "james"}."""
    namer = _nick_namer()
    forms = {given} | namer.canonicals_of(given)
    for short, full in short_forms().items():
        if given == short.lower():
            forms |= {f.lower() for f in full}
    return frozenset(forms)


def givens_agree(a: str, b: str) -> bool:
    """Whether two given names can be one person's: equal, an initial of the other, or short forms of one
    name (Jim and James; Jimmy and Jim, both short for James)."""
    if not a or not b or a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    forms_a, forms_b = _given_forms(a), _given_forms(b)
    return b in forms_a or a in forms_b or bool(forms_a & forms_b)


def names_agree(a: ParsedName, b: ParsedName) -> bool:
    """Whether two names of two or more words can be one person's: the same family name, given names that
    agree, the same middle initials where both give them, and no Jr. beside a Sr."""
    if a.single or b.single:
        return False
    if a.middles and b.middles and a.middles != b.middles and (a.initials or b.initials):
        return False  # George H. W. Bush and George W. Bush
    if a.suffix != b.suffix and {a.suffix, b.suffix} <= _GENERATIONAL:
        return False
    if "".join(a.words) == "".join(b.words) or sorted(a.words) == sorted(b.words):
        return True  # "Moon Jae-in" and "Moon Jae In"; "Kishida Fumio" and "Fumio Kishida"
    if _within(a.words, b.words) or _within(b.words, a.words):
        return True  # "Chee Wah" in "Lim Chee Wah"; "Luis Navarro" in "Luis Navarro Jiménez"
    if a.family != b.family:
        return _one_typo(a.family, b.family) and a.given == b.given and len(a.given) > 1
    return givens_agree(a.given, b.given) or _one_typo(a.given, b.given)


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether the two or more words of ``short`` are all of ``long`` but some at its end, or run on in it."""
    n = len(short)
    if n < 2 or n >= len(long):
        return False
    if any(long[i : i + n] == short for i in range(len(long) - n + 1)):
        return True
    return short[0] == long[0] and short[-1] in long[1:]  # "Helder Giraldo", "Helder Fernando Giraldo Bonilla"


def _one_typo(a: str, b: str) -> bool:
    """Two words of six letters or more one letter apart (one changed, left out or added): a misspelling
    ("Ododera" for "Onodera")."""
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]
