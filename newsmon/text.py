"""Unicode helpers for Vietnamese text: normalise what is kept, fold only comparison keys."""

from __future__ import annotations

import re
import unicodedata

# Characters that look like Vietnamese letters but are not: Icelandic eth for Đ/đ.
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
# No-break, zero-width and other odd spaces that pages carry.
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_WS = re.compile(r"\s+")


def normalize_text(text: str, *, vietnamese: bool = True) -> str:
    """NFC, Vietnamese look-alikes mapped, odd spaces made plain, whitespace collapsed.

    This is applied to stored text: it changes code points, not wording.
    """
    text = unicodedata.normalize("NFC", text)
    if vietnamese:
        text = text.translate(_LOOKALIKES)
    text = _ZERO_WIDTH.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    return _WS.sub(" ", text).strip()


def fold(text: str) -> str:
    """A comparison key: lower case, diacritics removed, đ -> d. Never stored as the text itself."""
    text = unicodedata.normalize("NFD", text.translate(_LOOKALIKES).lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", text).replace("\u0111", "d")


def has_diacritics(text: str) -> bool:
    """True when folding would change the text (beyond case)."""
    lowered = unicodedata.normalize("NFC", text.lower())
    return fold(lowered) != lowered


_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Syllables/words of NFC text, lower-cased (Vietnamese syllables are space-separated words)."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def collapse_doubled(text: str) -> str:
    """'XX' -> 'X': text renderings glue an element and its copy (e.g. a visible and a hidden label)."""
    half, odd = divmod(len(text), 2)
    if not odd and half >= 2 and text[:half] == text[half:]:
        return text[:half]
    return text
