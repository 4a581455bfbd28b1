"""Unicode helpers for Vietnamese text: tidy what is stored, normalise and fold only comparison keys.

Two forms of one text, on purpose:
- `tidy_text` is what is stored and shown: the published characters (an Icelandic eth typed for
  Đ, a no-break space between two words) stay as the outlet printed them; only invisible
  characters and layout whitespace go.
- `normalize_text` is the comparison form: look-alikes mapped, every kind of space made plain.
  Equality checks (repeats, teasers, titles), relevance, search and dedup compare this form
  (or `fold`, its case- and diacritic-free key), so the two spellings still match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Characters that look like Vietnamese letters but are not: Icelandic eth for Đ/đ.
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
_HAS_LOOKALIKE = re.compile("[\u00d0\u00f0]")
# Invisible characters that split or glue words without being seen: dropped even from stored text.
# (ZWNJ/ZWJ are kept there: Indic scripts and emoji need them to render as published.)
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
# For comparison keys every zero-width character goes, joiners included.
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# Stored text: a run of several whitespace characters, or one that is a line/tab/control break,
# becomes one space; a lone no-break or thin space between two words is published text and stays.
_LAYOUT_SPACE = re.compile(r"\s{2,}|[\t\n\r\f\v\x1c-\x1f\x85\u2028\u2029]")
_WS = re.compile(r"\s+")


def tidy_text(text: str) -> str:
    """The stored form: NFC, invisible characters removed, layout whitespace collapsed and trimmed.

    It never changes a visible character, so the record keeps the outlet's published wording.
    """
    if not text.isascii():
        text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return _LAYOUT_SPACE.sub(" ", text).strip()


def normalize_text(text: str, *, vietnamese: bool = True) -> str:
    """The comparison form: NFC, Vietnamese look-alikes mapped, all spaces plain, whitespace collapsed.

    Case and diacritics are kept (see `fold` for the looser key). Never stored as the text itself:
    relevance, search, dedup and the cleaner's own equality checks compare this form.
    """
    if text.isascii():
        return _WS.sub(" ", text).strip()
    text = unicodedata.normalize("NFC", text)
    if vietnamese and _HAS_LOOKALIKE.search(text):
        text = text.translate(_LOOKALIKES)
    text = _ZERO_WIDTH.sub("", text)
    return _WS.sub(" ", text).strip()  # \s covers no-break, thin and ideographic spaces


class _MarkTable(dict[int, int | None]):
    """str.translate table that deletes combining marks (category Mn), filled on first sight of a
    code point: translate then runs at C speed instead of a Python test per character."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = value
        return value


_DROP_MARKS = _MarkTable()


def fold(text: str) -> str:
    """A matching key: the comparison form, lower case, diacritics removed, đ -> d. Never stored."""
    text = normalize_text(text).lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFD", text).translate(_DROP_MARKS)
    return unicodedata.normalize("NFC", text).replace("\u0111", "d")


def same_text(a: str, b: str) -> bool:
    """True when two texts differ only in look-alikes, space kinds or invisible characters."""
    return a == b or normalize_text(a) == normalize_text(b)


def unique_texts(texts: Iterable[str]) -> list[str]:
    """Texts in order, later copies dropped; copies are recognised on the comparison form."""
    seen: set[str] = set()
    out: list[str] = []
    for text in texts:
        key = normalize_text(text)
        if key not in seen:
            seen.add(key)
            out.append(text)
    return out


def has_diacritics(text: str) -> bool:
    """True when folding would change the text (beyond case)."""
    lowered = normalize_text(text).lower()
    return fold(lowered) != lowered


_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased words of the comparison form (Vietnamese syllables are space-separated words).

    Look-alikes are mapped first, so 'Ðà' and 'Đà' are the same word for search and dedup.
    """
    return _WORD.findall(normalize_text(text).lower())


def collapse_doubled(text: str) -> str:
    """'XX' -> 'X': text renderings glue an element and its copy (e.g. a visible and a hidden label)."""
    half, odd = divmod(len(text), 2)
    if not odd and half >= 2 and text[:half] == text[half:]:
        return text[:half]
    return text


_NOT_ALNUM = re.compile(r"[\W_]+")


def name_key(text: str) -> str:
    """The identity of a name or label: folded letters and digits only, '+' read as 'plus'.

    Equal for every spelling of one name ("Dân trí", "DÂN TRÍ", "dantri", "Vietnam+" = "VietnamPlus"),
    and for texts that differ only in quotes, dashes or spacing. The one folding key of names.
    """
    return _NOT_ALNUM.sub("", fold(text.replace("+", "plus")))
