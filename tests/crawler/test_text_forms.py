"""Text forms across the layers: the cleaner stores the published characters while it compares, topics,
search and dedup match, on the comparison form (Icelandic eth for Đ, no-break spaces)."""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.clean import finalize
from crawler.relevance.topics import TopicSet
from newsmon.core.records import Article, ExtractedPage, Relevance
from storage.archive import Archive
from storage.dedup import comparison_words

ETH_TITLE = "Sở Thông tin TP \u00d0à Nẵng nhận giải thưởng"  # Icelandic eth where Đ was meant
NBSP_TEXT = "Thành phố đã có nhiều nỗ lực\u00a0trong việc đổi mới dịch vụ công trực tuyến cho người dân."


def test_cleaner_compares_on_the_comparison_form_but_stores_as_published() -> None:
    page = ExtractedPage(
        url="https://example.vn/a.html",
        title=ETH_TITLE,
        body=[
            NBSP_TEXT,
            NBSP_TEXT.replace("\u00a0", " "),  # a repeat that differs only in the space kind
            "Đoạn tiếp theo nói về kế hoạch mở rộng cổng dịch vụ công trong năm tới của thành phố.",
            ETH_TITLE.replace("\u00d0", "\u0110"),  # the title again as image alt text, normal Đ
        ],
        authors=["Minh\u00a0Anh", "Minh Anh"],
    )
    article = finalize(page)
    assert article.title == ETH_TITLE
    assert article.body[0] == NBSP_TEXT
    assert len(article.body) == 2
    assert article.authors == ["Minh\u00a0Anh"]


def test_topics_match_eth_and_no_break_space() -> None:
    topics = TopicSet.from_toml('[[topic]]\nname = "t"\nquery = \'\'\'"Đà Nẵng" AND "nỗ lực trong"\'\'\'\n')
    assert topics.match({"title": ETH_TITLE, "lead": "", "body": [NBSP_TEXT]}).relevant
    folded = TopicSet.from_toml('[[topic]]\nname = "t"\nquery = \'\'\'"da nang"\'\'\'\n')
    assert folded.match({"title": ETH_TITLE, "lead": "", "body": []}).relevant


def test_search_and_dedup_see_through_eth_and_no_break_space(archive: Archive) -> None:
    body = [NBSP_TEXT, "Giải thưởng ghi nhận cổng dịch vụ công và tổng đài phản ánh của thành phố trong năm nay."]
    stored = Article(
        url="https://example.vn/da-nang-nhan-giai.html",
        title=ETH_TITLE,
        outlet="example.vn",
        body=body,
        published=datetime(2023, 11, 15, tzinfo=UTC),
        language="vi",
    )
    archive.store(stored, Relevance(True, 0.9, ["t"], {}))
    for query in ("Đà Nẵng", "da nang", '"nỗ lực trong việc"', '"TP Đà Nẵng nhận"'):
        assert len(archive.search(query)) == 1, query
    copy = [p.replace("\u00a0", " ") for p in body]
    assert comparison_words(" ".join(copy)) == comparison_words(" ".join(body))
    assert comparison_words(ETH_TITLE) == comparison_words(ETH_TITLE.replace("\u00d0", "\u0110"))
