"""Bylines: whether a line is a list of people's names, and which names."""

from __future__ import annotations

import re

from crawler.clean.labels import ANY_LABEL, label_words
from newsmon.core.text import fold

_BYLINE_PREFIX = re.compile(
    r"^(?:bài\s*(?:và|,|&)?\s*ảnh|bài|tác giả|phóng viên|nhóm phóng viên|thực hiện|ghi|by|author|autor|auteur|"
    r"par|door|text)\s*[:：]\s*|^by\s+",
    re.I,
)
# "TIẾN THẮNGvà 1 tác giả khác": a byline widget that folds the other names away.
_MORE_AUTHORS = re.compile(
    r"\s*(?:và|and|et|en|a)\s*\d+\s*(?:tác giả khác|others?|other authors?|autres?|anderen?|další)\s*$", re.I
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|/|&|\s[-–—]\s|\svà\s|\sand\s|\set\s|\sen\s|\sa\s)\s*")
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w.'’\-]*$")
_INITIALS = re.compile(r"^(?:[^\W\d_]{1,3}\.)+[^\W\d_]*$")
# Words that look like names in a line of capitalised words but name services, not people.
_NOT_NAMES = frozenset({
    "facebook", "youtube", "tiktok", "zalo", "twitter", "instagram", "linkedin", "telegram", "email", "rss",
    "video", "podcast", "menu", "login", "home", "google", "apple", "android", "ios",
})
_MAX_NAME_TOKENS = 4


def split_names(text: str) -> list[str] | None:
    """Author names in a byline, or None when the text is not a byline."""
    text = _MORE_AUTHORS.sub("", _BYLINE_PREFIX.sub("", text.strip())).strip(" .,|-–—:()")
    if not text or len(text) > 80 or any(ch.isdigit() for ch in text):
        return None
    parts = [part.strip(" .,") for part in _NAME_SPLIT.split(text) if part.strip(" .,")]
    if not parts or not all(looks_like_name(part) for part in parts):
        return None
    return parts


def looks_like_name(text: str) -> bool:
    """'Tú Viên', 'Q.Huy', 'M.M', 'NGUYỄN AN', 'Nhóm PV': capitalised tokens, short, no label."""
    tokens = text.split()
    if not tokens or len(tokens) > _MAX_NAME_TOKENS or len(text) > 40:
        return False
    if label_words(text) in ANY_LABEL:
        return False
    if not all(_NAME_TOKEN.match(tok) and tok[0].isupper() for tok in tokens):
        return False
    if any(fold(tok) in _NOT_NAMES for tok in tokens):
        return False
    if len(tokens) == 1:  # a lone word is a menu item unless it is initials or an acronym
        tok = tokens[0]
        return bool(_INITIALS.match(tok)) or (tok.isupper() and 2 <= len(tok) <= 5)
    return True
