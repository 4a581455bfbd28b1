"""Dates on pages through extraction and cleaning: a relative date counts back from the fetch, and a
page without a date gets none (never the crawl time)."""

from __future__ import annotations

from datetime import datetime

from crawler.clean import finalize
from crawler.extract.page import extract_page
from newsmon.core.records import ExtractedPage
from newsmon.core.time import LOCAL_TZ

FETCHED = datetime(2026, 11, 23, 9, 0, tzinfo=LOCAL_TZ)


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LOCAL_TZ)


def test_relative_page_date_counts_back_from_fetch_in_the_cleaner() -> None:
    body = ["Nội dung bài viết đủ dài để nhận diện ngôn ngữ của trang một cách chắc chắn hơn nữa."]
    page = ExtractedPage(url="https://example.vn/a.html", title="Tiêu đề", body=body, published_text="3 giờ trước")
    assert finalize(page).published is None  # no fetch time: no anchor, so no date (never "now")
    page.fetched_at = FETCHED
    assert finalize(page).published == local(2026, 11, 23, 6, 0)


def test_page_without_a_date_gets_none_not_the_fetch_time() -> None:
    html = "<html><body><article><h1>Tiêu đề bài viết</h1>" + "<p>Một đoạn văn của bài viết không có ngày.</p>" * 5
    article = finalize(extract_page(html + "</article></body></html>", "https://example.vn/a.html", fetched_at=FETCHED))
    assert article.published is None
