"""Shared hypothesis strategies: Vietnamese-heavy text, words, articles, and hostile characters."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import strategies as st

# Vietnamese letters (precomposed), the combining tone marks windows-1258 pages use, and the
# characters that trip parsers: zero-widths, BOM, NUL, soft hyphen, look-alike Đ, RTL mark, surrogates
# are excluded (they cannot be encoded and no page contains them).
VI_LOWER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
VI_LETTERS = VI_LOWER + VI_LOWER.upper()
COMBINING = "\u0300\u0301\u0303\u0309\u0323"
ODD = "\u200b\u200c\u200d\u2060\ufeff\x00\u00ad\u00d0\u00f0\u200f\u00a0\t\r\x0b\x0c\u2028"
PUNCT = " .,;:!?-–—()[]\"'“”‘’/|*#@&%+=<>…·•"

vi_char = st.sampled_from(VI_LETTERS + COMBINING + ODD + PUNCT + "0123456789")
# Any text: mostly Vietnamese, with arbitrary code points mixed in (no surrogates).
any_text = st.text(
    alphabet=st.one_of(vi_char, st.characters(exclude_categories=["Cs"])), max_size=200
)
# Real Vietnamese syllables (from the bundled seed pages), so generated articles read as Vietnamese
# to the language detector, as real ones do; label words are left out so no paragraph is furniture.
_SEEDS = Path(__file__).resolve().parents[2] / "samples" / "seeds"
_LABEL_SYLLABLES = {"bình", "luận", "nguồn", "theo", "ảnh", "tin", "xem", "thêm", "chia", "sẻ", "tags"}
VOCAB = sorted(
    {
        w
        for f in sorted(_SEEDS.glob("*.txt"))
        if json.loads((_SEEDS / "gold" / f"{f.stem}.json").read_text(encoding="utf-8"))["language"] == "vi"
        for w in re.findall(r"[^\W\d_]+", f.read_text(encoding="utf-8").lower())
        if len(w) > 1 and set(w) <= set(VI_LOWER) and w not in _LABEL_SYLLABLES
    }
)
vi_word = st.sampled_from(VOCAB)
gibberish_word = st.text(alphabet=VI_LOWER, min_size=1, max_size=7)


@st.composite
def vi_sentence(draw: st.DrawFn, min_words: int = 6, max_words: int = 30) -> str:
    """A sentence of Vietnamese-alphabet words, capitalised and ending with a full stop."""
    words = draw(st.lists(vi_word, min_size=min_words, max_size=max_words))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


@st.composite
def vi_paragraph(draw: st.DrawFn) -> str:
    """An article paragraph: two to five sentences (long enough to read as body text)."""
    return " ".join(draw(st.lists(vi_sentence(), min_size=2, max_size=5)))


@st.composite
def vi_article(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A title (8-16 words, no full stop) and 2-6 distinct paragraphs."""
    words = draw(st.lists(vi_word, min_size=8, max_size=16))
    title = " ".join(words)
    title = title[0].upper() + title[1:]
    paras = draw(st.lists(vi_paragraph(), min_size=2, max_size=6, unique=True))
    return title, paras
