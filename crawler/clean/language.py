"""Language identification for article text (ISO 639-1 codes).

Scripts settle Thai, Hindi, Korean, Japanese, Chinese, Lao and Khmer at once, and Vietnamese
is told by letters no other Latin-script language uses; only the rest goes to py3langid
(a naive Bayes model shipped inside the package, loaded on first use).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from functools import cache
from typing import Any

from newsmon.core.text import normalize_text

MIN_LETTERS = 15
MAX_CHARS = 3000  # enough evidence; keeps long articles cheap

# Letters with diacritics that only Vietnamese writes (â, ê, ô, ã, õ are shared with other languages).
_VI_LETTERS = frozenset("ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĩũ")
_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|[\d_]+")
_WORD = re.compile(r"[^\W\d_]+")

# Unicode script ranges that identify a language (or a default one) on their own.
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0E00, 0x0E7F, "th"),
    (0x0900, 0x097F, "hi"),
    (0x0E80, 0x0EFF, "lo"),
    (0x1780, 0x17FF, "km"),
    (0xAC00, 0xD7AF, "ko"),
    (0x1100, 0x11FF, "ko"),
    (0x3040, 0x30FF, "ja"),
    (0x4E00, 0x9FFF, "zh"),
)


_LETTER = re.compile(r"[^\W\d_]")
# One character class per language that a script identifies (ranges may share a language).
_SCRIPT_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (lang, re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi, code in _SCRIPTS if code == lang) + "]"))
    for lang in dict.fromkeys(code for _, _, code in _SCRIPTS)
)


def _script_counts(sample: str) -> Counter[str]:
    """Letters per identifying script, counted by C-level regex scans rather than per character.

    Only letters count, as before: marks (Thai vowels, Devanagari signs) are not letters."""
    counts: Counter[str] = Counter()
    for lang, pattern in _SCRIPT_RES:
        found = pattern.findall(sample)
        if found:
            n = len(_LETTER.findall("".join(found)))
            if n:
                counts[lang] = n
    return counts


def vietnamese_share(text: str) -> float:
    """Share of words carrying a Vietnamese-only letter (high for Vietnamese, ~0 for others)."""
    words = _WORD.findall(normalize_text(text).lower())
    if not words:
        return 0.0
    marked = sum(1 for word in words if not _VI_LETTERS.isdisjoint(word))
    return marked / len(words)


def looks_vietnamese(text: str, *, threshold: float = 0.25, min_words: int = 2) -> bool:
    """Quick test for a Vietnamese line, even a short one (image alt text, a caption)."""
    words = _WORD.findall(normalize_text(text).lower())
    marked = sum(1 for word in words if not _VI_LETTERS.isdisjoint(word))
    return marked >= min_words and marked / max(len(words), 1) >= threshold


_MODEL_LOCK = threading.Lock()


@cache
def _identifier() -> Any:
    """py3langid's model, loaded once (loading costs a fraction of a second and 70 MB): the crawl's
    worker threads may ask for it together, and `cache` alone would let each of them load it."""
    with _MODEL_LOCK:
        return _load_model()


@cache
def _load_model() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # late: start-up speed, rarely needed

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    if not text:
        return None
    sample = _NOISE.sub(" ", normalize_text(text[:MAX_CHARS]))
    letters = len(_LETTER.findall(sample))
    if letters < MIN_LETTERS:
        return None
    scripts = Counter() if sample.isascii() else _script_counts(sample)
    lang, count = max(scripts.items(), key=lambda kv: kv[1], default=(None, 0))
    if lang and count / letters > 0.3:
        if lang == "zh" and scripts.get("ja"):
            return "ja"  # kanji with kana is Japanese
        return lang
    if vietnamese_share(sample) >= 0.15:
        return "vi"
    code, _confidence = _identifier().classify(sample)
    return str(code)
