"""`newsmon ingest` records: fields checked one by one, HTML fragments read as text."""

from __future__ import annotations

import pytest

from crawler.clean.fragment import fragment_paragraphs, fragment_text
from crawler.ingest import IngestError, record_to_article


def test_html_body_becomes_paragraphs_and_entities_resolve() -> None:
    article = record_to_article(
        {
            "url": "https://example.vn/a.html",
            "title": "Đà Nẵng &amp; Huế nhận giải <b>Thành phố thông minh</b>",
            "text": "<p>Đoạn một&nbsp;có&#32;chữ.</p><p>Đoạn <i>hai</i>.<br>Dòng ba</p><script>x()</script>",
        },
        1,
    )
    assert article.title == "Đà Nẵng & Huế nhận giải Thành phố thông minh"
    assert article.body == ["Đoạn một\u00a0có chữ.", "Đoạn hai.", "Dòng ba"]


def test_plain_text_is_kept_as_given() -> None:
    text = "R&D tăng 5% khi a < b và b > c\nDòng hai"
    assert fragment_text(text) == text
    assert fragment_paragraphs(text) == ["R&D tăng 5% khi a < b và b > c", "Dòng hai"]
    article = record_to_article({"url": "https://example.vn/b.html", "title": "A < B", "body": ["x & y"]}, 2)
    assert (article.title, article.body) == ("A < B", ["x & y"])


def test_bad_records_name_their_line() -> None:
    with pytest.raises(IngestError, match="line 7: needs a 'title'"):
        record_to_article({"url": "https://example.vn/c.html", "title": "  "}, 7)
    with pytest.raises(IngestError, match="line 8: not a JSON object"):
        record_to_article([1, 2], 8)
