"""Page size limits (issue 15, item 7): explicit, reported per page, nothing cut silently; deep trees
keep their body. Behaviour only: the notes, the paragraphs kept; never timings or memory figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extract.limits import LIMITS, PageLimits
from crawler.extract.page import extract_page
from crawler.fetch.settings import DOWNLOAD_MAXSIZE
from crawler.outlets.registry import Registry
from crawler.process import process_page_noted
from newsmon.core.records import FetchedPage

URL = "https://example.vn/giai-thuong.html"
SENTENCE = "Bộ Thông tin và Truyền thông công bố chỉ số chuyển đổi số, tỉnh Quảng Ninh dẫn đầu cả nước."


def _para(i: int) -> str:
    return f"Đoạn {i}. {SENTENCE}"


def _page(paragraphs: list[str], *, wrap: int = 0, attrs: str = "") -> bytes:
    """An article page; `wrap` nests the article in that many bare <div>s, `attrs` decorates each <p>."""
    body = "<h1>Giải thưởng chính phủ số</h1>" + "".join(f"<p{attrs}>{p}</p>\n" for p in paragraphs)
    html = (
        "<html><head><meta charset='utf-8'><title>Giải thưởng chính phủ số</title></head><body>"
        "<nav><a href='/'>Trang chủ</a> <a href='/xa-hoi'>Xã hội</a></nav>"
        + "<div>" * wrap + f"<article>{body}</article>" + "</div>" * wrap
        + "<footer>© 2024 Báo mẫu</footer></body></html>"
    )
    return html.encode("utf-8")


def test_default_page_limit_is_the_crawls_download_limit() -> None:
    assert LIMITS.max_page_bytes == DOWNLOAD_MAXSIZE
    assert LIMITS.max_body_chars >= 1_000_000 and LIMITS.max_depth >= 256


def test_page_above_the_old_5mb_cut_keeps_every_paragraph() -> None:
    """A 6 MB page (tracking attributes make it heavy) used to lose everything after 5 MB, silently."""
    attrs = ' class="article-paragraph normal-text" data-track="' + "x" * 250 + '"'
    count = 6_000_000 // len(f"<p{attrs}>{_para(10_000)}</p>\n".encode()) + 1
    paragraphs = [_para(i) for i in range(count)]
    html = _page(paragraphs, attrs=attrs)
    assert 5_000_000 < len(html) < LIMITS.max_page_bytes
    page = extract_page(html, URL)
    assert page.body == paragraphs
    assert page.notes == []


def test_page_over_the_byte_limit_is_cut_with_a_note_and_reads_right() -> None:
    paragraphs = [_para(i) for i in range(400)]
    html = _page(paragraphs)
    limit = 20_001  # lands inside a multi-byte character or a tag: the cut must not garble the text
    page = extract_page(html, URL, limits=PageLimits(max_page_bytes=limit))
    assert len(page.notes) == 1
    assert page.notes[0].startswith("page cut to its first ") and f"(limit {limit:,} bytes)" in page.notes[0]
    assert f"of {len(html):,}" in page.notes[0]
    kept = page.body
    assert 50 < len(kept) < len(paragraphs)
    assert kept[:-1] == paragraphs[: len(kept) - 1]  # every paragraph before the cut, in order
    assert paragraphs[len(kept) - 1].startswith(kept[-1])  # the last one may be cut short
    assert not any("\ufffd" in p for p in kept)


def test_body_over_the_char_limit_keeps_whole_paragraphs_up_to_it_and_says_so() -> None:
    paragraphs = [_para(i) for i in range(300)]
    limit = 10_000
    page = extract_page(_page(paragraphs), URL, limits=PageLimits(max_body_chars=limit))
    kept = page.body
    assert kept == paragraphs[: len(kept)]
    assert sum(map(len, kept)) <= limit < sum(map(len, paragraphs[: len(kept) + 1]))
    assert page.notes == [
        f"body cut at {sum(map(len, kept)):,} characters: {300 - len(kept):,} of 300 paragraphs dropped "
        f"(limit {limit:,} characters)"
    ]


def test_a_single_paragraph_longer_than_the_body_limit_is_cut_inside() -> None:
    page = extract_page(_page(["Một đoạn rất dài, " * 2000]), URL, limits=PageLimits(max_body_chars=5_000))
    assert len(page.body) == 1 and len(page.body[0]) == 5_000
    assert page.notes and page.notes[0].startswith("body cut at 5,000 characters")


def test_body_inside_100k_nested_divs_is_found() -> None:
    paragraphs = [_para(i) for i in range(20)]
    page = extract_page(_page(paragraphs, wrap=100_000), URL)
    assert page.body == paragraphs
    assert page.title == "Giải thưởng chính phủ số"
    assert page.notes == [f"elements nested deeper than {LIMITS.max_depth // 2} levels were flattened "
                          f"(limit {LIMITS.max_depth} levels)"]


def test_deep_page_through_the_whole_page_path() -> None:
    """The crawl's page path (decode, extract, clean) hands the notes on with the article."""
    paragraphs = [_para(i) for i in range(20)]
    article, notes = process_page_noted(FetchedPage(URL, "", _page(paragraphs, wrap=100_000)), Registry([]))
    assert article.body == paragraphs
    assert len(notes) == 1 and "flattened" in notes[0]


def test_deeply_nested_outlet_page_keeps_its_profile_body() -> None:
    """An outlet's own layout still finds its (classed) body element under 100k bare wrappers."""
    registry = Registry.builtin()
    sample = next(Path("samples/sites/vietnamnet.vn").glob("*-2421377.html"), None)
    if sample is None:
        pytest.skip("vietnamnet sample missing")
    url = f"https://vietnamnet.vn/{sample.name}"
    html = sample.read_bytes()
    plain, _ = process_page_noted(FetchedPage(url, "", html), registry)
    start = html.index(b">", html.index(b"<body")) + 1
    end = html.rindex(b"</body>")
    deep = html[:start] + b"<div>" * 100_000 + html[start:end] + b"</div>" * 100_000 + html[end:]
    article, notes = process_page_noted(FetchedPage(url, "", deep), registry)
    assert plain.body and article.body == plain.body
    assert article.title == plain.title
    assert notes and "flattened" in notes[0]


def test_ordinary_pages_carry_no_notes() -> None:
    page = extract_page(_page([_para(i) for i in range(5)]), URL)
    assert page.notes == [] and len(page.body) == 5
