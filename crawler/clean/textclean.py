"""Text-level cleaning: one rule set that turns page text into a clean `Article`.

Two entry points share it:
- `clean_text` reads a plain-text rendering of a whole page (title, bylines, body and the
  site's furniture all as lines) and must first find where the article sits;
- `finalize` is the last stage after HTML extraction, where title, lead and body are known
  but boilerplate that survived the DOM stage still has to go.

The rules describe kinds of page furniture (comment counters, related-link blocks, image
placeholders, relative times, sign-offs, outlet prefixes ...) in the languages the corpus
has (Vietnamese and vietnam.vn's machine translations: en, fr, nl, cs, hi, th ...), never
particular pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, lru_cache
from urllib.parse import urlsplit

from crawler.clean.language import detect_language, looks_vietnamese
from newsmon.core.dates import date_line_rest, find_page_date, parse_date, parse_relative, search_date
from newsmon.core.records import Article, ExtractedPage
from newsmon.core.text import collapse_doubled, fold, normalize_text, same_text, tidy_text

_NOT_ALNUM = re.compile(r"[\W_]+")  # what str.isalnum() refuses, at regex speed

# --- outlets ---------------------------------------------------------------------------------

# (display name, domain, lookup keys). Keys are folded names without spaces or punctuation.
_OUTLETS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Nhân Dân", "nhandan.vn", ("nhandan", "nhandanvn", "ndo", "nhandanonline")),
    ("Sài Gòn Giải Phóng", "sggp.org.vn", ("saigongiaiphong", "sggp", "sggporgvn", "sggponline")),
    ("TTXVN", "vnanet.vn", ("ttxvn", "vna", "thongtanxavietnam", "vnanetvn")),
    ("VietnamPlus", "vietnamplus.vn", ("vietnamplus", "vietnamplusvn")),
    ("Dân trí", "dantri.com.vn", ("dantri", "dantricomvn")),
    ("Tuổi Trẻ", "tuoitre.vn", ("tuoitre", "tto", "tuoitreonline", "tuoitrevn")),
    ("Thanh Niên", "thanhnien.vn", ("thanhnien", "tno", "thanhnienvn")),
    ("VnExpress", "vnexpress.net", ("vnexpress", "vnexpressnet")),
    ("VietNamNet", "vietnamnet.vn", ("vietnamnet", "vietnamnetvn")),
    ("Chính phủ", "baochinhphu.vn", ("chinhphuvn", "baochinhphu", "baochinhphuvn", "baodientuchinhphu")),
    ("Người Lao Động", "nld.com.vn", ("nguoilaodong", "nld", "nldo", "nldcomvn")),
    ("Pháp Luật TP.HCM", "plo.vn", ("phapluattphcm", "plo", "plovn")),
    ("Đầu Tư Tài Chính", "dttc.sggp.org.vn", ("daututaichinh", "dttc", "dttco")),
    ("Quân Đội Nhân Dân", "qdnd.vn", ("quandoinhandan", "qdnd", "qdndvn")),
    ("Công An Nhân Dân", "cand.com.vn", ("congannhandan", "cand", "candcomvn")),
    ("Lao Động", "laodong.vn", ("laodong", "ldo", "laodongvn")),
    ("Tiền Phong", "tienphong.vn", ("tienphong", "tpo", "tienphongvn")),
    ("VOV", "vov.vn", ("vov", "vovvn", "daitiengnoivietnam")),
    ("VTV", "vtv.vn", ("vtv", "vtvvn")),
    ("VTC News", "vtcnews.vn", ("vtcnews", "vtcnewsvn")),
    ("Znews", "znews.vn", ("znews", "zingnews", "znewsvn", "zingvn")),
    ("Một Thế Giới", "motthegioi.vn", ("motthegioi", "motthegioivn")),
    ("Hà Nội Mới", "hanoimoi.vn", ("hanoimoi", "hanoimoivn")),
    ("An Ninh Thủ Đô", "anninhthudo.vn", ("anninhthudo", "antd")),
    ("Kinh Tế & Đô Thị", "kinhtedothi.vn", ("kinhtedothi", "kinhtevadothi")),
    ("Đại Đoàn Kết", "daidoanket.vn", ("daidoanket",)),
    ("ICTnews", "ictnews.vietnamnet.vn", ("ictnews",)),
    ("Vietnam News", "vietnamnews.vn", ("vietnamnews", "vns")),
    ("Vietnam.vn", "vietnam.vn", ("vietnamvn",)),
    ("Tin tức", "baotintuc.vn", ("baotintuc", "baotintucvn")),
)
_OUTLET_BY_KEY = {key: (name, domain) for name, domain, keys in _OUTLETS for key in keys}
# Platforms that publish machine translations of Vietnamese articles.
TRANSLATING_OUTLETS = frozenset({"vietnam.vn"})
_NEWSPAPER_WORD = re.compile(
    r"^(?:báo\s+điện\s+tử|báo|tờ|tạp\s+chí\s+điện\s+tử)\s+|\s+(?:newspaper|daily|online|e-?paper)$", re.I
)
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|info))\b", re.I)


def _key(text: str) -> str:
    """Folded letters and digits only: the lookup key of names and labels ('+' reads 'plus': Vietnam+)."""
    return _NOT_ALNUM.sub("", fold(text.replace("+", "plus")))


@cache
def _profile_names() -> dict[str, tuple[str, str]]:
    """Names of outlets that have a built-in profile but no entry above (profiles are data: a new
    outlet needs no code). A broken profile file must not break cleaning, so errors give nothing."""
    from crawler.outlets.registry import ProfileError, Registry

    try:
        profiles = list(Registry.builtin())
    except (ProfileError, OSError):
        return {}
    names: dict[str, tuple[str, str]] = {}
    for profile in profiles:
        display = _NEWSPAPER_WORD.sub("", profile.display_name) or profile.name
        for alias in (display, profile.name, *profile.domains):
            key = _key(alias)
            if len(key) >= 3 and key not in _OUTLET_BY_KEY:
                names.setdefault(key, (display, profile.name))
    return names


def lookup_outlet(name: str) -> tuple[str, str] | None:
    """(display name, domain) of a known outlet from any spelling of its name, short name or domain.

    A known outlet is always stored under the one spelling it uses for itself ("Dân trí", not
    "Dân Trí" or "DÂN TRÍ"), so attributions group; the page's spelling is kept for unknown ones.
    """
    for key in (_key(name), _key(_NEWSPAPER_WORD.sub("", name.strip()))):
        found = _OUTLET_BY_KEY.get(key) or _profile_names().get(key)
        if found:
            return found
    return None


def source_name(raw: str) -> str | None:
    """The name to store as source attribution: known outlets spelled one way, no 'Báo' prefix."""
    text = collapse_doubled(tidy_text(raw)).strip(" .:;,-–()[]\u00a0")
    if not text:
        return None
    if text.lower().startswith(("http://", "https://", "www.")):
        host = urlsplit(text if "://" in text else "http://" + text).hostname or text
        text = host.removeprefix("www.")
    known = lookup_outlet(text)
    if known:
        return known[0]
    return _NEWSPAPER_WORD.sub("", text) or text


def _domain_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "://" in url else "http://" + url).hostname
    if not host:
        return None
    return re.sub(r"^(?:www|m|amp|mobile)\.", "", host.lower())


# --- labels: words of page furniture, per kind, in the corpus' languages --------------------

def _labels(*names: str) -> frozenset[str]:
    return frozenset(_label_key(name) for name in names)


@lru_cache(maxsize=16384)
def _label_key(text: str) -> str:
    """A label's identity: folded, counters and punctuation dropped ("(0) Bình luận" = "bình luận")."""
    text = re.sub(r"[\(\[]\s*\d+\s*[\)\]]|\d+", " ", fold(text))
    return " ".join(_NOT_ALNUM.sub(" ", text).split())


# Block headings after which the page has nothing more of the article.
_TERMINAL = _labels(
    # vi
    "Bình luận", "Ý kiến", "Ý kiến bạn đọc", "Gửi bình luận", "Viết bình luận", "Tin cùng chuyên mục",
    "Cùng chuyên mục", "Tin cùng chủ đề", "Cùng chủ đề", "Tin mới", "Tin mới nhất", "Mới nhất",
    "Đọc nhiều", "Đọc nhiều nhất", "Xem nhiều", "Xem nhiều nhất", "Đừng bỏ lỡ", "Có thể bạn quan tâm",
    "Bạn có thể quan tâm", "Tin nổi bật", "Nổi bật", "Từ khóa", "Từ khoá", "Tags", "Tag", "Nguồn",
    "Tin khác", "Các tin khác", "Cùng tác giả", "Bài viết cùng tác giả", "Tin đã đưa",
    # en
    "Source", "Comment", "Comments", "In the same topic", "Same topic", "On the same topic",
    "In the same category", "Same category", "Same author", "By the same author", "From the same author",
    "Related articles", "Related news", "Most read", "Latest", "Latest news", "Trending", "Don't miss",
    # fr
    "Commentaire", "Commentaires", "Dans le même sujet", "Sur le même sujet", "Dans la même catégorie",
    "Du même auteur", "Les plus lus", "Derniers articles",
    # nl
    "Bron", "Reactie", "Reacties", "Commentaar", "Opmerking", "Opmerkingen", "In hetzelfde onderwerp",
    "Hetzelfde onderwerp", "Over hetzelfde onderwerp", "In dezelfde categorie", "Dezelfde categorie",
    "Van dezelfde auteur", "Dezelfde auteur",
    # cs
    "Zdroj", "Komentář", "Komentáře", "Ve stejném tématu", "Ve stejné kategorii", "Od stejného autora",
    "Nejnovější", "Nejčtenější", "Související",
    # de, es
    "Quelle", "Kommentar", "Kommentare", "Zum gleichen Thema", "In der gleichen Kategorie",
    "Vom selben Autor", "Fuente", "Comentarios", "En el mismo tema", "En la misma categoría",
    # th, hi
    "ที่มา", "แหล่งที่มา", "ความคิดเห็น", "ในหัวข้อเดียวกัน", "ในหมวดหมู่เดียวกัน", "จากผู้เขียนคนเดียวกัน",
    "स्रोत", "टिप्पणी", "टिप्पणियाँ", "एक ही विषय में", "उसी विषय में", "एक ही श्रेणी में", "उसी श्रेणी में",
    "एक ही लेखक से", "उसी लेखक से",
)
# Widgets and empty-state texts, dropped wherever they are.
_DROP = _labels(
    "Chia sẻ", "Chia sẻ bài viết", "Share", "Partager", "Delen", "Sdílet", "Teilen", "Facebook", "Twitter",
    "Zalo", "Email", "In bài", "In", "Print", "Lưu", "Lưu bài", "Lưu tin", "Gửi", "Copy link",
    "Sao chép liên kết", "Nghe bài viết", "Nghe", "Listen", "Tóm tắt", "Theo dõi", "Follow",
    "Quảng cáo", "Advertisement", "Reklama", "Publicité", "Advertentie", "Anzeige",
    "No data", "Không có dữ liệu", "Žádná data", "Aucune donnée", "Geen gegevens", "Keine Daten",
    "No videos available", "Không có video", "Trang chủ", "Home", "Về đầu trang", "Back to top",
    "Tải ứng dụng", "Lắng nghe", "Thu gọn", "Xem thêm bình luận", "Đăng nhập", "Login", "Lưu bài viết",
    "Save", "Enregistrer", "Opslaan", "Uložit", "Bookmark", "Đọc ngay", "Đọc tiếp", "Read now",
)
# Headings of related-link blocks ("Xem thêm", "Tin liên quan"): they and their links go.
_RELATED = _labels(
    "Tin liên quan", "Bài liên quan", "Xem thêm", "Đọc thêm", "Xem tiếp", "Liên quan",
    "Related", "Read more", "See also", "Read also", "Also read", "Lire aussi", "À lire aussi",
    "Voir aussi", "Lees ook", "Lees meer", "Čtěte také", "Přečtěte si také", "Lesen Sie auch",
    "Siehe auch", "Lea también", "อ่านเพิ่มเติม", "यह भी पढ़ें",
)
_RELATED_INLINE = re.compile(
    r"^\s*(?:xem thêm|đọc thêm|tin liên quan|bài liên quan|xem tiếp|read more|see also|read also|also read|"
    r"lire aussi|à lire aussi|voir aussi|lees ook|lees meer|čtěte také|přečtěte si také|lesen sie auch|"
    r"lea también|อ่านเพิ่มเติม|यह भी पढ़ें)\s*(?:[:>»›→\-–]|>>)",
    re.I,
)

# --- line patterns --------------------------------------------------------------------------

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
_PHOTO_CREDIT = re.compile(
    r"[\(\[]\s*(?:ảnh|nguồn ảnh|ảnh minh họa|ảnh minh hoạ|ảnh chụp màn hình|photo|photos|foto|fotografie|"
    r"image|illustration|crédit photo|bron foto|ภาพ|फोटो|तस्वीर)\s*(?:[:：][^()\[\]]*)?[\)\]]\s*\.?$",
    re.I,
)
_CREDIT_LINE = re.compile(r"^(?:ảnh|nguồn ảnh|photo|photos|foto|image|ภาพ|फोटो)\s*[:：]\s*\S", re.I)
# "... đánh giá cao. Ảnh: Minh Anh" / "... in Seoul. Photo: VNA"
_TRAILING_CREDIT = re.compile(
    r"(?:[.!?…)\]]|\s[-–—|])\s+(?:ảnh|nguồn ảnh|ảnh minh họa|ảnh minh hoạ|photo|foto|image|ภาพ|फोटो)"
    r"\s*(?:[:：]\s*[^.!?]{2,60})?\.?$",
    re.I,
)
_ELLIPSIS_END = re.compile(r"(?:\.{3,}|…)\s*[\"”’»]?\s*$")
# A statement's end; a question mark is left out because headlines so often end in one.
_SENTENCE_END = re.compile(r"[.!…।:;][\"”’»)\]]?\s*$|[?][\"”’»]\s*$")
_OUTLET_PREFIX = re.compile(
    r"^\s*(?:\((?P<paren>[^()]{2,40})\)\s*(?P<dash>[-–—:]\s*)?"
    r"|(?P<bare>[A-ZĐ][A-ZĐ0-9&]{1,9}|[A-ZĐ][\w\-]{1,20}\.(?:vn|VN|com|net))\s*[-–—]\s+)",
)
_ATTRIBUTION = re.compile(
    r"^[\(\[]?\s*(?P<kw>theo|nguồn|source|sources|zdroj|bron|selon|d'après|podle|quelle|fuente|according to|via|"
    r"ที่มา|स्रोत)\s*(?P<colon>[:：])?\s*(?P<name>[^()\[\]]{2,80}?)\s*[\)\]]?\s*\.?$",
    re.I,
)
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
_NUMBERED = re.compile(r"^(.+?)\s*(?:[-–—]\s*\d{1,3}|\(\s*\d{1,3}\s*\))$")
# Words that look like names in a line of capitalised words but name services, not people.
_NOT_NAMES = frozenset({
    "facebook", "youtube", "tiktok", "zalo", "twitter", "instagram", "linkedin", "telegram", "email", "rss",
    "video", "podcast", "menu", "login", "home", "google", "apple", "android", "ios",
})
_MAX_NAME_TOKENS = 4
_SPACELESS_TOKEN_CHARS = 12  # mean token length above which a script does not space its words
_CHARS_PER_WORD = 6
_CAPTION_MAX_WORDS = 40
_CREDITED_CAPTION_MAX_WORDS = 60


# --- the draft that rules fill ---------------------------------------------------------------

@dataclass(slots=True)
class Para:
    """One line of a text rendering or one paragraph of extracted HTML."""

    text: str
    gap_before: bool = True  # a blank line (or a block boundary) separates it from the previous one


@dataclass(slots=True)
class _Draft:
    """What the rules have decided so far about one page."""

    title: str = ""
    lead: str | None = None
    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    attribution: str | None = None
    outlet: str | None = None
    language: str | None = None
    untranslated: bool = False  # Vietnamese leftovers on a translated page
    edges: list[str] = field(default_factory=list)  # dropped header/footer lines: outlet hints

    def add_authors(self, names: list[str], *, front: bool = False) -> None:
        known = {normalize_text(name) for name in self.authors}
        new = []
        for name in names:
            key = normalize_text(name)
            if key not in known:
                known.add(key)
                new.append(name)
        self.authors = new + self.authors if front else self.authors + new


@dataclass(slots=True)
class _Meta:
    """What a byline, date line or sign-off line says."""

    authors: list[str] = field(default_factory=list)
    date: datetime | None = None
    attribution: str | None = None

    def merge_into(self, draft: _Draft, *, front: bool = False) -> None:
        draft.add_authors(self.authors, front=front)
        if self.date is not None and draft.published is None:
            draft.published = self.date
        if self.attribution and not draft.attribution:
            draft.attribution = self.attribution


# --- small predicates -------------------------------------------------------------------------

def _word_count(text: str) -> int:
    """Words, estimated from length for scripts that do not space their words (Thai)."""
    tokens = len(text.split())
    if tokens and len(text) / tokens > _SPACELESS_TOKEN_CHARS and not _URL_ONLY.match(text):
        return max(tokens, len(text) // _CHARS_PER_WORD)
    return tokens


def is_paragraph(text: str) -> bool:
    """A sentence-bearing paragraph (not a heading, label or title)."""
    words = _word_count(text)
    return words >= 30 or (words >= 12 and bool(_SENTENCE_END.search(text) or _is_spaceless(text)))


def _is_spaceless(text: str) -> bool:
    tokens = len(text.split())
    return bool(tokens) and len(text) / tokens > _SPACELESS_TOKEN_CHARS


def _is_title_like(text: str) -> bool:
    words = _word_count(text)
    if words < 3 or words > 40 or text.endswith(":") or _is_noise(text):
        return False
    found = search_date(text)
    return found is None or _word_count(date_line_rest(text, found)) > 8  # not a date line


def _is_noise(text: str) -> bool:
    """Furniture that is dropped wherever it appears (labels, counters, relative times, URLs)."""
    key = _label_key(text)
    if not key:
        return True  # punctuation, digits only
    if key in _DROP or key in _TERMINAL or key in _RELATED:
        return True
    if _URL_ONLY.match(text) or _is_relative_time(text):
        return True
    if (_ARROW_LINK.match(text) or _BACK_LINK.match(text)) and _word_count(text) <= 25:
        return True
    return _is_comment_counter(text)


def _is_relative_time(text: str) -> bool:
    """'8 giờ trước Sự kiện': a relative time, perhaps followed by a section name."""
    return bool(_RELATIVE_TIME.match(text)) and _word_count(text) <= 8


def _is_comment_counter(text: str) -> bool:
    """'(0) Bình luận', 'Komentář (0)': a counter beside a comment label."""
    return bool(_COMMENT_COUNT.match(text)) and _label_key(text) in _TERMINAL


def _is_terminal(text: str) -> bool:
    return _label_key(text) in _TERMINAL


def _is_related_heading(text: str) -> bool:
    return _label_key(text) in _RELATED


def _is_image_marker(text: str, title: str) -> bool:
    """Alt text or file name standing where an image was: the title, 'title - 2', 'abc.png', 'Ảnh 1'.

    The title is compared letters-only: alt texts often drop its quotes.
    """
    if _IMAGE_FILE.match(text) or _IMAGE_NUMBER.match(text):
        return True
    if not title or same_text(text, title):
        return bool(title)
    numbered = _NUMBERED.match(text)
    key = _canon(numbered.group(1) if numbered else text)
    return len(key) >= 10 and key == _canon(title)


@lru_cache(maxsize=16384)
def _canon(text: str) -> str:
    """Letters and digits only, folded: equal for texts that differ in quotes, dashes or spacing."""
    return _NOT_ALNUM.sub("", fold(text))


def is_teaser(text: str, others: list[str]) -> bool:
    """A truncated copy of text found elsewhere on the page, ending in '...' or '…'."""
    if not _ELLIPSIS_END.search(text):
        return False
    key = _canon(_ELLIPSIS_END.sub("", text))
    return len(key) >= 40 and key in _canon(" ".join(others))


def _is_caption(text: str, after_image: bool) -> bool:
    words = _word_count(text)
    if (_PHOTO_CREDIT.search(text) or _TRAILING_CREDIT.search(text)) and words <= _CREDITED_CAPTION_MAX_WORDS:
        return True
    if _CREDIT_LINE.match(text) and words <= 12:
        return True
    return after_image and words <= _CAPTION_MAX_WORDS


def _split_names(text: str) -> list[str] | None:
    """Author names in a byline, or None when the text is not a byline."""
    text = _MORE_AUTHORS.sub("", _BYLINE_PREFIX.sub("", text.strip())).strip(" .,|-–—:()")
    if not text or len(text) > 80 or any(ch.isdigit() for ch in text):
        return None
    parts = [part.strip(" .,") for part in _NAME_SPLIT.split(text) if part.strip(" .,")]
    if not parts or not all(_looks_like_name(part) for part in parts):
        return None
    return parts


def _looks_like_name(text: str) -> bool:
    """'Tú Viên', 'Q.Huy', 'M.M', 'NGUYỄN AN', 'Nhóm PV': capitalised tokens, short, no label."""
    tokens = text.split()
    if not tokens or len(tokens) > _MAX_NAME_TOKENS or len(text) > 40:
        return False
    if _label_key(text) in _TERMINAL | _DROP | _RELATED:
        return False
    if not all(_NAME_TOKEN.match(tok) and tok[0].isupper() for tok in tokens):
        return False
    if any(fold(tok) in _NOT_NAMES for tok in tokens):
        return False
    if len(tokens) == 1:  # a lone word is a menu item unless it is initials or an acronym
        tok = tokens[0]
        return bool(_INITIALS.match(tok)) or (tok.isupper() and 2 <= len(tok) <= 5)
    return True


def _attribution(text: str) -> str | None:
    """'Theo Nhandan', 'Nguồn: TTXVN', '(Theo VnExpress)' -> the cited outlet's name."""
    match = _ATTRIBUTION.match(text)
    if not match or _word_count(text) > 10:
        return None
    name = match.group("name").strip()
    if not match.group("colon") and not (name[:1].isupper() or name[:1].isdigit() or _DOMAIN.match(name)):
        return None  # "Theo đó, ..." opens a sentence
    if re.search(r"[,.;:!?]\s+\S", name) and not _DOMAIN.match(name):
        return None
    return source_name(name)


def _outlet_like(text: str) -> str | None:
    """A byline that names a newspaper ('Báo Sài Gòn Giải phóng', 'TTXVN') -> its name."""
    text = collapse_doubled(text.strip())
    if not text or _word_count(text) > 8:
        return None
    if lookup_outlet(text):
        return source_name(text)
    named = _NEWSPAPER_WORD.sub("", text)
    if named != text and text[:1].isupper() and named[:1].isupper() and _word_count(named) <= 5:
        return source_name(text)  # "Báo Quảng Ninh": an unknown newspaper, still a newspaper
    return None


def _meta(text: str, fetched_at: datetime | None) -> _Meta | None:
    """Read a byline / date line / attribution line; None when the line is something else."""
    source = _attribution(text)
    if source:
        return _Meta(attribution=source)
    found = search_date(text, fetched_at=fetched_at) if len(text) <= 160 else None
    if found is not None:
        rest = date_line_rest(text, found)
        outlet = _outlet_like(rest) if rest else None
        if outlet:
            return _Meta(attribution=outlet, date=found.value)
        names = _split_names(rest) if rest else None
        if names:
            return _Meta(authors=names, date=found.value)
        return _Meta(date=found.value) if _word_count(rest) <= 2 else None
    if _is_relative_time(text):
        return _Meta(date=parse_relative(text, fetched_at))
    outlet = _outlet_like(text)
    if outlet:
        return _Meta(attribution=outlet)
    names = _split_names(text)
    return _Meta(authors=names) if names else None


def strip_outlet_prefix(text: str) -> tuple[str, str | None]:
    """'(Dân trí) - TPHCM vừa...' -> ('TPHCM vừa...', 'Dân trí'); text unchanged when there is none."""
    match = _OUTLET_PREFIX.match(text)
    if not match:
        return text, None
    name = (match.group("paren") or match.group("bare") or "").strip()
    # "(Dân trí) TPHCM ..." without a dash: only a known outlet or a domain counts
    undashed = match.group("paren") is not None and not match.group("dash")
    if undashed and not (lookup_outlet(name) or _DOMAIN.match(name)):
        return text, None
    if match.group("paren") is not None and (_word_count(name) > 4 or not name[:1].isupper()):
        return text, None
    rest = text[match.end() :].strip()
    return (rest, name) if rest else (text, None)


def _outlet_from_prefix(name: str | None) -> str | None:
    if not name:
        return None
    known = lookup_outlet(name)
    if known:
        return known[1]
    domain = _DOMAIN.match(name)
    return domain.group(1).lower() if domain else None


# --- the shared passes ------------------------------------------------------------------------

def _clean_body(paras: list[Para], draft: _Draft, *, seen: set[str]) -> None:
    """Sort paragraphs after the lead into body, captions and furniture; stop at the page footer.

    `seen` holds comparison forms (`normalize_text`) of what is already placed, so a copy that
    differs only in a no-break space or a look-alike letter still counts as a repeat.
    """
    after_image = False
    everything = [p.text for p in paras]
    i = 0
    while i < len(paras):
        text = paras[i].text
        i += 1
        if _is_image_marker(text, draft.title):
            after_image = True
            continue
        key = normalize_text(text)
        if key in seen:
            continue  # repeated verbatim (a pull quote, a sticky header, a second copy)
        if draft.language not in (None, "vi") and looks_vietnamese(text):
            draft.untranslated = True  # untranslated alt text of an image on a translated page
            after_image = True
            continue
        if _is_terminal(text) and not draft.body:
            continue  # a label or counter above the article: not its end
        if _is_terminal(text):
            draft.edges.extend(p.text for p in paras[i:])
            break
        if _is_noise(text) and not _is_related_heading(text):
            continue
        if _RELATED_INLINE.match(text):
            continue
        if _is_related_heading(text):
            i = _skip_related_block(paras, i)
            continue
        if _is_caption(text, after_image):
            draft.captions.append(text)
            seen.add(key)
            after_image = False
            continue
        if is_teaser(text, everything[:i - 1] + everything[i:]):
            continue
        draft.body.append(text)
        seen.add(key)
        after_image = False


def _is_link_title(text: str) -> bool:
    """A headline-like line: short, not closing a statement."""
    if _PHOTO_CREDIT.search(text) or _TRAILING_CREDIT.search(text):
        return False  # a caption
    return _word_count(text) <= 25 and not re.search(r"[.…:;]\s*$", text) and not _is_terminal(text)


def _skip_related_block(paras: list[Para], i: int) -> int:
    """Index after a related-links block whose heading was at i - 1.

    The block is link titles, each perhaps followed by its teaser. A paragraph is a teaser
    only right under a single title (a copy of the title does not count twice), and only when
    it shares the title's block or another title (or the page footer) follows it; anything
    else means the article goes on.
    """
    j = i
    titles: list[str] = []
    while j < len(paras):
        text = paras[j].text
        if _is_link_title(text):
            if not titles or not same_text(titles[-1], text):
                titles.append(text)
            j += 1
            continue
        if _is_terminal(text) or len(titles) != 1 or not is_paragraph(text):
            break
        following = paras[j + 1].text if j + 1 < len(paras) else None
        same_block = not paras[j].gap_before
        if not (same_block or following is None or _is_link_title(following) or _is_terminal(following)):
            break
        titles = []
        j += 1
    return j


def _take_signoff(draft: _Draft, fetched_at: datetime | None, *, limit: int = 8) -> None:
    """Trailing bylines and 'Theo X' lines become authors / source attribution.

    Short unpunctuated lines at the very end (a heading with no text under it, "Trở lại Số
    hóa", a sponsor label) are furniture around the sign-off and go too.
    """
    for _ in range(limit):
        if not draft.body:
            return
        last = draft.body[-1]
        meta = _meta(last, fetched_at)
        if meta is None and not (_is_link_title(last) and not is_paragraph(last)):
            return
        draft.body.pop()
        if meta is not None:
            meta.merge_into(draft, front=True)


def _take_leading_meta(paras: list[Para], draft: _Draft, fetched_at: datetime | None) -> list[Para]:
    """Bylines and date lines at the top of an extracted body."""
    while paras and not is_paragraph(paras[0].text):
        meta = _meta(paras[0].text, fetched_at)
        if meta is None:
            break
        meta.merge_into(draft)
        paras = paras[1:]
    return paras


def _finish(draft: _Draft, *, url: str, canonical_url: str | None = None, section: str | None = None,
            tags: list[str] | None = None, translated_from: str | None = None,
            fetched_at: datetime | None = None, language_hint: str | None = None) -> Article:
    """Language, translation origin and outlet, then the record."""
    text = "\n".join(([draft.lead] if draft.lead else []) + draft.body)
    language = detect_language(text) or draft.language or language_hint
    if translated_from is None and language and language != "vi" and (
        draft.untranslated or draft.outlet in TRANSLATING_OUTLETS
    ):
        translated_from = "vi"
    if draft.attribution and draft.outlet and _credits_itself(draft.attribution, draft.outlet):
        draft.attribution = None  # the page naming itself (alone or with its parent agency) is not a source
    return Article(
        url=url,
        title=draft.title,
        outlet=draft.outlet,
        canonical_url=canonical_url,
        lead=draft.lead,
        body=draft.body,
        captions=draft.captions,
        authors=draft.authors,
        published=draft.published,
        language=language,
        section=section,
        tags=list(tags or []),
        source_attribution=draft.attribution,
        translated_from=translated_from,
        fetched_at=fetched_at,
    )


def _credits_itself(attribution: str, outlet: str) -> bool:
    """'Dân trí' on dantri.com.vn, or a joint credit like 'TTXVN/Vietnam+' on vietnamplus.vn: the
    outlet's own reporting, not a copy from elsewhere."""
    for part in re.split(r"\s*[/&,]\s*|\s+-\s+", attribution):
        cited = lookup_outlet(part) if part else None
        if cited and cited[1] == outlet:
            return True
    return False


def _outlet_from_edges(lines: list[str]) -> str | None:
    """The site's own name in its header/footer furniture: a domain tagline or a known name."""
    for line in lines:
        match = _DOMAIN.match(line)
        if match and _word_count(line) <= 12:
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
            known = lookup_outlet(name) if _key(name) in _OUTLET_BY_KEY else None
            if known:
                return known[1]
    return None


# --- entry point 1: a whole page as text --------------------------------------------------------

def _split_lines(text: str) -> list[Para]:
    paras: list[Para] = []
    gap = True
    for raw in text.splitlines():
        line = tidy_text(raw)
        if not line:
            gap = True
            continue
        paras.append(Para(line, gap_before=gap))
        gap = False
    return paras


def _is_meta_line(text: str) -> bool:
    return _meta(text, None) is not None


def locate_article(paras: list[Para]) -> tuple[int | None, int]:
    """(title index, lead index): the title is the headline right above the first paragraph,
    past any byline or date lines; a line the page repeats (image alt, sticky header) wins."""
    texts = [p.text for p in paras]
    for i, text in enumerate(texts):
        if not is_paragraph(text):
            continue
        run_start = i
        while run_start > 0 and not is_paragraph(texts[run_start - 1]):
            run_start -= 1
        run = range(run_start, i)
        candidates = [k for k in run if _is_title_like(texts[k]) and not _is_meta_line(texts[k])]
        if not candidates:
            continue
        repeated = [k for k in candidates if _numbered_below(texts[k], texts[i:])]
        title = repeated[-1] if repeated else candidates[-1]
        key = normalize_text(texts[title])  # a title shown twice: the first copy
        return next(k for k in range(run_start, title + 1) if normalize_text(texts[k]) == key), i
    for k, text in enumerate(texts):
        if _is_title_like(text):
            return k, k + 1
    return None, 0


def _numbered_below(title: str, below: list[str]) -> bool:
    """The page repeats the line as numbered image alt texts ('title - 1'): it is the title."""
    return any(_NUMBERED.match(line) and _is_image_marker(line, title) for line in below)


def clean_text(
    text: str, *, url: str | None = None, outlet: str | None = None, fetched_at: datetime | None = None
) -> Article:
    """A clean Article from a plain-text rendering of a news page.

    Lines above the title are site furniture (a date there is today's date, unless it sits
    right above the title with a time of day). Bylines, date lines and attributions between
    the title and the first paragraph become fields; the first paragraph is the lead when it
    stands alone (an outlet prefix like "(Dân trí) - " marks it for certain).
    """
    paras = _split_lines(text)
    title_i, lead_i = locate_article(paras)
    draft = _Draft(title=paras[title_i].text if title_i is not None else "")
    texts = [p.text for p in paras]
    head = texts[:title_i] if title_i is not None else []
    draft.edges.extend(head)
    found = find_page_date(texts[:lead_i], title_index=title_i, fetched_at=fetched_at)
    if found is not None:
        draft.published = found.value
    for line in texts[(title_i + 1 if title_i is not None else 0) : lead_i]:
        meta = _meta(line, fetched_at)
        if meta is not None:
            meta.merge_into(draft)
    content = paras[lead_i:]
    draft.language = detect_language("\n".join(p.text for p in content if is_paragraph(p.text)))
    seen = {normalize_text(draft.title)}
    prefix_name: str | None = None
    if content:
        first = content[0].text
        stripped, prefix_name = strip_outlet_prefix(first)
        standalone = len(content) == 1 or content[1].gap_before
        others = [p.text for p in content[1:]]
        if prefix_name:
            draft.lead = stripped
            content = content[1:]
        elif is_teaser(first, others):
            content = content[1:]  # the lead slot holds a truncated copy of the body: no lead
        elif standalone and is_paragraph(first) and not _is_image_marker(first, draft.title):
            draft.lead = first
            content = content[1:]
    if draft.lead:
        seen.add(normalize_text(draft.lead))
    _clean_body(content, draft, seen=seen)
    _take_signoff(draft, fetched_at)
    draft.outlet = outlet or _domain_of(url) or _outlet_from_prefix(prefix_name) or _outlet_from_edges(
        [line for line in draft.edges if not is_paragraph(line)]
    )
    return _finish(draft, url=url or "", fetched_at=fetched_at)


# --- entry point 2: the end of HTML extraction ----------------------------------------------------

def _norm(text: str | None) -> str | None:
    if text is None:
        return None
    return tidy_text(text) or None


def finalize(page: ExtractedPage) -> Article:
    """The last stage after HTML extraction: normalise, strip what the DOM stage let through,
    turn bylines and sign-offs into fields, parse the visible date, detect the language."""
    draft = _Draft(title=_norm(page.title) or "")
    draft.outlet = page.outlet or _domain_of(page.url)
    fetched_at = page.fetched_at
    paras = [Para(t) for t in (_norm(p) for p in page.body) if t]
    lead = _norm(page.lead)
    prefix_name: str | None = None
    if lead:
        lead, prefix_name = strip_outlet_prefix(lead)
    elif paras:
        stripped, prefix_name = strip_outlet_prefix(paras[0].text)
        if prefix_name:  # the sapo came through as the first body paragraph
            lead, paras = stripped, paras[1:]
    draft.outlet = draft.outlet or _outlet_from_prefix(prefix_name)
    draft.published = page.published
    if draft.published is None and page.published_text:
        draft.published = parse_date(normalize_text(page.published_text), fetched_at=fetched_at)
    if page.source_attribution:
        draft.attribution = _attribution(tidy_text(page.source_attribution)) or source_name(
            page.source_attribution
        )
    for raw in page.authors:
        _author_field(tidy_text(raw), draft, fetched_at)
    paras = _take_leading_meta(paras, draft, fetched_at)
    if lead and is_teaser(lead, [p.text for p in paras]):
        lead = None
    draft.lead = lead
    draft.language = detect_language("\n".join([lead or ""] + [p.text for p in paras]))
    seen = {normalize_text(t) for t in (draft.title, draft.lead) if t}
    for caption in (t for t in (_norm(c) for c in page.captions) if t):
        key = normalize_text(caption)
        if key not in seen and not _is_image_marker(caption, draft.title) and not _is_noise(caption):
            draft.captions.append(caption)
            seen.add(key)
    _clean_body(paras, draft, seen=seen)
    _take_signoff(draft, fetched_at)
    return _finish(
        draft, url=page.url, canonical_url=page.canonical_url, section=_norm(page.section),
        tags=[t for t in (_norm(tag) for tag in page.tags) if t], translated_from=page.translated_from,
        fetched_at=fetched_at, language_hint=page.language,
    )


def _author_field(text: str, draft: _Draft, fetched_at: datetime | None) -> None:
    """An extracted author string may be 'Tú Viên | 12/08/2022, 13:25' or a newspaper's name."""
    if not text:
        return
    meta = _meta(text, fetched_at)
    if meta is not None:
        meta.merge_into(draft)
    else:
        draft.add_authors([text])
