"""Outlets named in a page: source credits ("Theo TTXVN"), lead prefixes ("(Dân trí) - "), bylines that
name a newspaper, and the site's own name in its header and footer.

Which names are outlets is data (`crawler/outlets/`), passed in as `OutletNames`; these rules only
say where in a page an outlet's name is found.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.clean.lines import word_count
from crawler.outlets.registry import builtin_outlet_names
from newsmon.core.outlets import NEWSPAPER_WORD, OutletNames
from newsmon.core.text import collapse_doubled, tidy_text

DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|info))\b", re.I)
_OUTLET_PREFIX = re.compile(
    r"^\s*(?:\((?P<paren>[^()]{2,40})\)\s*(?P<dash>[-–—:]\s*)?"
    r"|(?P<bare>[A-ZĐ][A-ZĐ0-9&]{1,9}|[A-ZĐ][\w\-]{1,20}\.(?:vn|VN|com|net))\s*[-–—]\s+)",
)
_ATTRIBUTION = re.compile(
    r"^[\(\[]?\s*(?P<kw>theo|nguồn|source|sources|zdroj|bron|selon|d'après|podle|quelle|fuente|according to|via|"
    r"ที่มา|स्रोत)\s*(?P<colon>[:：])?\s*(?P<name>[^()\[\]]{2,80}?)\s*[\)\]]?\s*\.?$",
    re.I,
)
_MOBILE_HOST = re.compile(r"^(?:www|m|amp|mobile)\.")
_JOINT_CREDIT = re.compile(r"\s*[/&,]\s*|\s+-\s+")  # "TTXVN/Vietnam+", "VNA & Reuters"


def source_name(raw: str, names: OutletNames | None = None) -> str | None:
    """The name to store as source attribution: known outlets spelled one way, no 'Báo' prefix.

    A known outlet is always stored under the one spelling it uses for itself ("Dân trí", not
    "Dân Trí" or "DÂN TRÍ"), so attributions group; the page's spelling is kept for unknown ones.
    `names` None: the built-in outlets.
    """
    names = builtin_outlet_names() if names is None else names
    text = collapse_doubled(tidy_text(raw)).strip(" .:;,-–()[]\u00a0")
    if not text:
        return None
    if text.lower().startswith(("http://", "https://", "www.")):
        host = urlsplit(text if "://" in text else "http://" + text).hostname or text
        text = host.removeprefix("www.")
    known = names.lookup(text)
    if known:
        return known.name
    return NEWSPAPER_WORD.sub("", text) or text


def domain_of(url: str | None) -> str | None:
    """The outlet id a URL gives: its host without www./m./amp./mobile."""
    if not url:
        return None
    host = urlsplit(url if "://" in url else "http://" + url).hostname
    if not host:
        return None
    return _MOBILE_HOST.sub("", host.lower())


def attribution(text: str, names: OutletNames) -> str | None:
    """'Theo Nhandan', 'Nguồn: TTXVN', '(Theo VnExpress)' -> the cited outlet's name."""
    match = _ATTRIBUTION.match(text)
    if not match or word_count(text) > 10:
        return None
    name = match.group("name").strip()
    if not match.group("colon") and not (name[:1].isupper() or name[:1].isdigit() or DOMAIN.match(name)):
        return None  # "Theo đó, ..." opens a sentence
    if re.search(r"[,.;:!?]\s+\S", name) and not DOMAIN.match(name):
        return None
    return source_name(name, names)


def outlet_like(text: str, names: OutletNames) -> str | None:
    """A byline that names a newspaper ('Báo Sài Gòn Giải phóng', 'TTXVN') -> its name."""
    text = collapse_doubled(text.strip())
    if not text or word_count(text) > 8:
        return None
    if names.lookup(text):
        return source_name(text, names)
    named = NEWSPAPER_WORD.sub("", text)
    if named != text and text[:1].isupper() and named[:1].isupper() and word_count(named) <= 5:
        return source_name(text, names)  # "Báo Quảng Ninh": an unknown newspaper, still a newspaper
    return None


def strip_outlet_prefix(text: str, names: OutletNames | None = None) -> tuple[str, str | None]:
    """'(Dân trí) - TPHCM vừa...' -> ('TPHCM vừa...', 'Dân trí'); text unchanged when there is none.

    Without a dash only a known outlet (`names`; None: the built-in ones) or a domain counts.
    """
    names = builtin_outlet_names() if names is None else names
    match = _OUTLET_PREFIX.match(text)
    if not match:
        return text, None
    name = (match.group("paren") or match.group("bare") or "").strip()
    # "(Dân trí) TPHCM ..." without a dash: only a known outlet or a domain counts
    undashed = match.group("paren") is not None and not match.group("dash")
    if undashed and not (names.lookup(name) or DOMAIN.match(name)):
        return text, None
    if match.group("paren") is not None and (word_count(name) > 4 or not name[:1].isupper()):
        return text, None
    rest = text[match.end() :].strip()
    return (rest, name) if rest else (text, None)


def outlet_from_prefix(name: str | None, names: OutletNames) -> str | None:
    """The outlet (domain) a lead prefix names: a known outlet's, or the domain it spells."""
    if not name:
        return None
    known = names.lookup(name)
    if known:
        return known.domain
    domain = DOMAIN.match(name)
    return domain.group(1).lower() if domain else None


def credits_itself(credit: str, outlet: str, names: OutletNames) -> bool:
    """'Dân trí' on dantri.com.vn, or a joint credit like 'TTXVN/Vietnam+' on vietnamplus.vn: the
    outlet's own reporting, not a copy from elsewhere."""
    for part in _JOINT_CREDIT.split(credit):
        cited = names.lookup(part) if part else None
        if cited and cited.domain == outlet:
            return True
    return False


def outlet_from_edges(lines: list[str], names: OutletNames) -> str | None:
    """The site's own name in its header/footer furniture: a domain tagline or a known name.

    Only listed aliases count here: a derived name such as "Chính phủ" is too common a phrase.
    """
    for line in lines:
        match = DOMAIN.match(line)
        if match and word_count(line) <= 12:
            return match.group(1).lower()
    for line in lines:
        words = line.split()
        if not 1 <= len(words) <= 8:
            continue
        for size in range(min(4, len(words)), 0, -1):
            tail = words[-size:]
            name = " ".join(tail)
            if not tail[0][:1].isupper() or (size == 1 and not (name.isupper() and len(name) >= 3)):
                continue
            known = names.lookup(name, aliases_only=True)
            if known:
                return known.domain
    return None
