"""What one line (or paragraph) is: a sentence-bearing paragraph, a title, furniture, a caption,
an image placeholder, a teaser. Each test looks at the line alone (plus the title or the page's
other texts where it says so), so both entry points share them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from crawler.clean.labels import DROP, RELATED, TERMINAL, label_words
from newsmon.core.dates import date_line_rest, search_date
from newsmon.core.text import name_key, same_text

_RELATIVE_TIME = re.compile(
    r"^(?:\d+\s*(?:giây|phút|giờ|tiếng|ngày|tuần|tháng|năm)\s*trước|"
    r"\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s*ago|"
    r"il y a\s+\d+\s*\w+|\d+\s*(?:seconden|seconde|minuten|minuut|uur|dagen|dag|weken|week|maanden|maand)\s*geleden|"
    r"před\s+\d+\s*\w+|vor\s+\d+\s*\w+|\d+\s*\S+\s*पहले|\d+\s*\S*ที่แล้ว)"
    r"(?P<rest>(?:\s+[^\s.,;:!?]+){0,3})\s*$"
    r"|^(?:hôm qua|yesterday|hier|gisteren|včera|gestern|vừa xong|just now)(?:\s*,?\s*\d{1,2}:\d{2})?\s*$",
    re.I,
)
_COMMENT_COUNT = re.compile(r"^[\(\[]?\s*\d+\s*[\)\]]?\s*\w+(?:\s\w+)?$|^\w+(?:\s\w+)?\s*[\(\[]\s*\d+\s*[\)\]]$")
_IMAGE_FILE = re.compile(r"^[\w\-.%()+ ]{1,150}\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)(?:\?\S*)?$", re.I)
_IMAGE_NUMBER = re.compile(r"^(?:ảnh|hình|hình ảnh|photo|image|foto|obrázek|afbeelding|ภาพ|चित्र)\s*\d{1,3}$", re.I)
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
# ">> Một bài khác", "→ Another story": an arrow-marked link; "Trở lại Số hóa": back to a section.
_ARROW_LINK = re.compile(r"^(?:>>|»|›|→|►|▶)\s*\S")
_BACK_LINK = re.compile(r"^(?:trở lại|trở về|quay lại|back to|retour à|terug naar|zpět na)\b", re.I)
PHOTO_CREDIT = re.compile(
    r"[\(\[]\s*(?:ảnh|nguồn ảnh|ảnh minh họa|ảnh minh hoạ|ảnh chụp màn hình|photo|photos|foto|fotografie|"
    r"image|illustration|crédit photo|bron foto|ภาพ|फोटो|तस्वीर)\s*(?:[:：][^()\[\]]*)?[\)\]]\s*\.?$",
    re.I,
)
_CREDIT_LINE = re.compile(r"^(?:ảnh|nguồn ảnh|photo|photos|foto|image|ภาพ|फोटो)\s*[:：]\s*\S", re.I)
# "... đánh giá cao. Ảnh: Minh Anh" / "... in Seoul. Photo: VNA"
TRAILING_CREDIT = re.compile(
    r"(?:[.!?…)\]]|\s[-–—|])\s+(?:ảnh|nguồn ảnh|ảnh minh họa|ảnh minh hoạ|photo|foto|image|ภาพ|फोटो)"
    r"\s*(?:[:：]\s*[^.!?]{2,60})?\.?$",
    re.I,
)
_ELLIPSIS_END = re.compile(r"(?:\.{3,}|…)\s*[\"”’»]?\s*$")
# A statement's end; a question mark is left out because headlines so often end in one.
_SENTENCE_END = re.compile(r"[.!…।:;][\"”’»)\]]?\s*$|[?][\"”’»]\s*$")
_STATEMENT_END = re.compile(r"[.…:;]\s*$")
# "title - 2", "title (3)": numbered copies of the title as image alt texts.
NUMBERED = re.compile(r"^(.+?)\s*(?:[-–—]\s*\d{1,3}|\(\s*\d{1,3}\s*\))$")

_SPACELESS_TOKEN_CHARS = 12  # mean token length above which a script does not space its words
_CHARS_PER_WORD = 6
_CAPTION_MAX_WORDS = 40
_CREDITED_CAPTION_MAX_WORDS = 60

# `name_key`, cached: titles and teasers are compared with every line of their page.
text_key = lru_cache(maxsize=16384)(name_key)


def word_count(text: str) -> int:
    """Words, estimated from length for scripts that do not space their words (Thai)."""
    tokens = len(text.split())
    if tokens and len(text) / tokens > _SPACELESS_TOKEN_CHARS and not _URL_ONLY.match(text):
        return max(tokens, len(text) // _CHARS_PER_WORD)
    return tokens


def _is_spaceless(text: str) -> bool:
    tokens = len(text.split())
    return bool(tokens) and len(text) / tokens > _SPACELESS_TOKEN_CHARS


def is_paragraph(text: str) -> bool:
    """A sentence-bearing paragraph (not a heading, label or title)."""
    words = word_count(text)
    return words >= 30 or (words >= 12 and bool(_SENTENCE_END.search(text) or _is_spaceless(text)))


def is_title_like(text: str) -> bool:
    """Could be a headline: a few words, not a label, not a date line."""
    words = word_count(text)
    if words < 3 or words > 40 or text.endswith(":") or is_noise(text) or _CREDIT_LINE.match(text):
        return False  # a credit line ("Ảnh: Minh Anh") belongs to an image, never a headline
    found = search_date(text)
    return found is None or word_count(date_line_rest(text, found)) > 8  # not a date line


def is_noise(text: str) -> bool:
    """Furniture that is dropped wherever it appears (labels, counters, relative times, URLs)."""
    key = label_words(text)
    if not key:
        return True  # punctuation, digits only
    if key in DROP or key in TERMINAL or key in RELATED:
        return True
    if _URL_ONLY.match(text) or is_relative_time(text):
        return True
    if (_ARROW_LINK.match(text) or _BACK_LINK.match(text)) and word_count(text) <= 25:
        return True
    return _is_comment_counter(text)


def is_relative_time(text: str) -> bool:
    """'8 giờ trước Sự kiện': a relative time, perhaps followed by a section name."""
    return bool(_RELATIVE_TIME.match(text)) and word_count(text) <= 8


def _is_comment_counter(text: str) -> bool:
    """'(0) Bình luận', 'Komentář (0)': a counter beside a comment label."""
    return bool(_COMMENT_COUNT.match(text)) and label_words(text) in TERMINAL


def is_image_marker(text: str, title: str) -> bool:
    """Alt text or file name standing where an image was: the title, 'title - 2', 'abc.png', 'Ảnh 1'.

    The title is compared letters-only: alt texts often drop its quotes.
    """
    if _IMAGE_FILE.match(text) or _IMAGE_NUMBER.match(text):
        return True
    if not title or same_text(text, title):
        return bool(title)
    numbered = NUMBERED.match(text)
    key = text_key(numbered.group(1) if numbered else text)
    return len(key) >= 10 and key == text_key(title)


def is_teaser(text: str, others: list[str]) -> bool:
    """A truncated copy of text found elsewhere on the page, ending in '...' or '…'."""
    if not _ELLIPSIS_END.search(text):
        return False
    key = text_key(_ELLIPSIS_END.sub("", text))
    return len(key) >= 40 and key in text_key(" ".join(others))


def is_caption(text: str, after_image: bool) -> bool:
    """A photo caption: it carries a photo credit, or it is short and right under an image."""
    words = word_count(text)
    if (PHOTO_CREDIT.search(text) or TRAILING_CREDIT.search(text)) and words <= _CREDITED_CAPTION_MAX_WORDS:
        return True
    if _CREDIT_LINE.match(text) and words <= 12:
        return True
    return after_image and words <= _CAPTION_MAX_WORDS


def is_link_title(text: str) -> bool:
    """A headline-like line: short, not closing a statement."""
    if PHOTO_CREDIT.search(text) or TRAILING_CREDIT.search(text):
        return False  # a caption
    return word_count(text) <= 25 and not _STATEMENT_END.search(text) and label_words(text) not in TERMINAL


def clear_caches() -> None:
    """Forget the per-line caches (benches time a page as if its lines were new)."""
    label_words.cache_clear()
    text_key.cache_clear()
