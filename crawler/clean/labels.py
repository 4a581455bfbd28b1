"""Words of page furniture, per kind, in the corpus' languages (Vietnamese and vietnam.vn's machine
translations: en, fr, nl, cs, de, es, th, hi).

A line is recognised by `label_words`, not by its exact spelling, so "(0) Bình luận", "BÌNH LUẬN"
and "Bình luận:" are one label.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsmon.core.text import fold

_NOT_ALNUM = re.compile(r"[\W_]+")  # what str.isalnum() refuses, at regex speed
_COUNTER = re.compile(r"[\(\[]\s*\d+\s*[\)\]]|\d+")


@lru_cache(maxsize=16384)
def label_words(text: str) -> str:
    """The folded words of a label, counters, digits and punctuation dropped ("(0) Bình luận" = "binh luan").

    Unlike `name_key` it drops digits (a counter is not part of a label) and keeps word breaks.
    Cached: the same furniture lines come back on every page of an outlet.
    """
    text = _COUNTER.sub(" ", fold(text))
    return " ".join(_NOT_ALNUM.sub(" ", text).split())


def _labels(*names: str) -> frozenset[str]:
    return frozenset(label_words(name) for name in names)


# Block headings after which the page has nothing more of the article.
TERMINAL = _labels(
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
DROP = _labels(
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
RELATED = _labels(
    "Tin liên quan", "Bài liên quan", "Xem thêm", "Đọc thêm", "Xem tiếp", "Liên quan",
    "Related", "Read more", "See also", "Read also", "Also read", "Lire aussi", "À lire aussi",
    "Voir aussi", "Lees ook", "Lees meer", "Čtěte také", "Přečtěte si také", "Lesen Sie auch",
    "Siehe auch", "Lea también", "อ่านเพิ่มเติม", "यह भी पढ़ें",
)
ANY_LABEL = TERMINAL | DROP | RELATED
# "Xem thêm: ...", "Read more >> ...": a related link inline, heading and title on one line.
RELATED_INLINE = re.compile(
    r"^\s*(?:xem thêm|đọc thêm|tin liên quan|bài liên quan|xem tiếp|read more|see also|read also|also read|"
    r"lire aussi|à lire aussi|voir aussi|lees ook|lees meer|čtěte také|přečtěte si také|lesen sie auch|"
    r"lea también|อ่านเพิ่มเติม|यह भी पढ़ें)\s*(?:[:>»›→\-–]|>>)",
    re.I,
)


def is_terminal(text: str) -> bool:
    """A heading after which the page has nothing more of the article ("Bình luận", "Tin liên quan")."""
    return label_words(text) in TERMINAL


def is_related_heading(text: str) -> bool:
    """The heading of a related-links block ("Xem thêm", "Read more")."""
    return label_words(text) in RELATED
