"""Fuzzing the text cleaner: no exception on any text, and an article's paragraphs always survive
the furniture around them (header menus, widgets, image markers, captions, footers)."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.clean import clean_text, finalize
from newsmon.core.records import ExtractedPage
from newsmon.core.text import normalize_text
from newsmon.core.time import LOCAL_TZ
from tests.fuzz.strategies import any_text, gibberish_word, vi_article

FETCHED = datetime(2026, 5, 10, 12, 0, tzinfo=LOCAL_TZ)

# Furniture that may sit anywhere on a page: above the title, between paragraphs, after the text.
_ANYWHERE = [
    "Chia sẻ", "Facebook", "Zalo", "In bài", "Lưu", "Copy link", "Quảng cáo", "Nghe bài viết",
    "https://baomau.vn/tin-tuc", "8 giờ trước", "Thứ tư, 22/10/2025, 19:25 (GMT+7)",
    "Trang chủ", "Về đầu trang", ">> Một bài khác", "|", "-", "…", "12", "Ảnh: Minh Anh", "\u200b", "\ufeff",
]
# Only above the title: the site's header (menus, breadcrumbs, today's date).
_ABOVE = ["Thời sự | Kinh tế | Số hóa | Thế giới", "Trang chủ > Số hóa > Chuyển đổi số", "Thứ hai, 10/5/2026", "Đăng nhập", "(0) Bình luận"]
# Only after the article: the footer, which may hold anything.
# A comment counter ("(0) Bình luận") also ends the article when it comes after text: it is the
# heading of the comments block as often as a widget, so it is not generated between paragraphs.
_BELOW = ["Bình luận", "Bình luận (3)", "Tin liên quan", "Tin cùng chuyên mục", "Tags: chuyển đổi số, chính quyền số", "Theo TTXVN"]

# Unknown short lines are 1-2 words: a line of 3+ words right above the first paragraph is taken as
# the headline by design (locate.py), so it would not be furniture but a competing title.
noise_line = st.sampled_from(_ANYWHERE) | st.lists(gibberish_word, min_size=1, max_size=2).map(" ".join)
# An image: its placeholder (alt text, file name) and then its caption. A short paragraph right under
# a placeholder is read as the caption by design (passes.py), so a placeholder always brings one.
_MARKERS = ["Ảnh 1", "anh-minh-hoa.jpg", "Hình 2"]
_CAPTIONS = ["Bà Nguyễn Thị Trinh nhận giải thưởng (Ảnh: Sở TT&TT).", "Toàn cảnh hội nghị. Ảnh: Minh Anh",
             "Lễ trao giải tại Seoul"]
image = st.tuples(st.sampled_from(_MARKERS), st.sampled_from(_CAPTIONS)).map(list)
noise_block = noise_line.map(lambda line: [line]) | image


def _lines(draw: st.DrawFn, pool: st.SearchStrategy[list[str]], most: int) -> list[str]:
    return [line for block in draw(st.lists(pool, max_size=most)) for line in block]


@st.composite
def pages(draw: st.DrawFn) -> tuple[str, list[str], str]:
    """(page text, the article's paragraphs, its title) with furniture mixed in."""
    title, paras = draw(vi_article())
    lines = _lines(draw, noise_block | st.sampled_from(_ABOVE).map(lambda line: [line]), 5) + [title]
    for para in paras:
        lines += _lines(draw, noise_block, 2)
        lines.append(para)
    lines += _lines(draw, noise_block, 2)
    if draw(st.booleans()):
        lines += draw(st.lists(st.sampled_from(_BELOW), min_size=1, max_size=3))
        lines += draw(st.lists(any_text, max_size=3))
    blank = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n \n"]))
    return blank.join(lines), paras, title


def _kept(paragraph: str, kept: list[str]) -> bool:
    return normalize_text(paragraph) in {normalize_text(p) for p in kept}


@settings(max_examples=100)
@given(pages())
def test_clean_text_keeps_every_paragraph(page: tuple[str, list[str], str]) -> None:
    text, paras, title = page
    article = clean_text(text, url="https://baomau.vn/a.html", fetched_at=FETCHED)
    assert normalize_text(article.title) == normalize_text(title)
    kept = ([article.lead] if article.lead else []) + article.body
    lost = [p for p in paras if not _kept(p, kept)]
    assert not lost, f"paragraphs lost: {lost}"


@settings(max_examples=100)
@given(pages())
def test_finalize_keeps_every_paragraph(page: tuple[str, list[str], str]) -> None:
    """The HTML path's last stage: the extractor hands over title and body lines, furniture included.

    (The site header is not in the body: a counter like "(0) Bình luận" after any kept line ends the
    article by design, so header lines above it would decide the page, not the cleaner.)"""
    text, paras, title = page
    lines = [line for line in text.splitlines() if line.strip()]
    lines = lines[lines.index(title) + 1 :]  # an extractor hands over what is below the headline
    article = finalize(ExtractedPage(url="https://baomau.vn/a.html", title=title, body=lines, fetched_at=FETCHED))
    kept = ([article.lead] if article.lead else []) + article.body
    lost = [p for p in paras if not _kept(p, kept)]
    assert not lost, f"paragraphs lost: {lost}"


@settings(max_examples=300)
@given(st.lists(any_text, max_size=12).map("\n".join) | any_text, st.none() | st.just(FETCHED))
def test_clean_text_never_raises(text: str, fetched_at: datetime | None) -> None:
    article = clean_text(text, fetched_at=fetched_at)
    assert isinstance(article.body, list)
