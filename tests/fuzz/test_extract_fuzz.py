"""Fuzzing the HTML path (`crawler.process.process_page`, what the crawl and `newsmon extract` run):
any bytes under any declared charset give a record or a clean empty one, never an exception; a
generated article page keeps every paragraph whatever wraps it."""

from __future__ import annotations

import html
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.outlets.registry import Registry
from crawler.process import process_page
from newsmon.core.records import Article, FetchedPage
from newsmon.core.text import normalize_text
from newsmon.core.time import LOCAL_TZ
from tests.fuzz.strategies import any_text, vi_article

REGISTRY = Registry.builtin()
FETCHED = datetime(2026, 5, 10, 12, 0, tzinfo=LOCAL_TZ)
URL = "https://tin-mau-fuzz.vn/so-hoa/bai-viet-123.html"  # no profile owns it: the generic extractor

_TAGS = ["div", "p", "span", "section", "article", "main", "table", "tr", "td", "ul", "li", "b", "i", "a", "h1",
         "h2", "script", "style", "noscript", "iframe", "svg", "template", "figure", "figcaption", "br", "img"]
_ATTRS = ['', ' class="content"', ' id="main"', ' class="detail__content"', ' hidden', ' style="display:none"',
          ' itemprop="articleBody"', ' lang="vi"', ' x="<>"', " onload='x()'", ' class="related-news"']
charsets = st.sampled_from(["utf-8", "windows-1258", "windows-1252", "utf-16", "iso-8859-1", "gb2312", "x-bogus",
                            "utf-8; foo", "", "shift_jis", "koi8-r"])


@st.composite
def html_soup(draw: st.DrawFn, depth: int = 0) -> str:
    """Random, often broken markup: random nesting, unclosed and stray tags, entities, comments."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 9))
        if kind < 4 and depth < 6:
            tag = draw(st.sampled_from(_TAGS))
            close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", f"</{draw(st.sampled_from(_TAGS))}>"]))
            parts.append(f"<{tag}{draw(st.sampled_from(_ATTRS))}>{draw(html_soup(depth + 1))}{close}")
        elif kind < 7:
            parts.append(html.escape(draw(any_text)) if draw(st.booleans()) else draw(any_text))
        else:
            parts.append(draw(st.sampled_from(
                ["<!-- x", "-->", "<![CDATA[", "&#0;", "&#x110000;", "&bogus;", "&nbsp;", "<?xml?>", "</html>",
                 "<meta charset='utf-16'>", '<script type="application/ld+json">{"@type":"NewsArticle",',
                 "<html>", "<body>", "<", ">", "\x00", "<p", '<a href="javascript:x">']
            )))
    return "".join(parts)


def _fetched(body: bytes, content_type: str | None) -> FetchedPage:
    headers = {"content-type": content_type} if content_type is not None else {}
    return FetchedPage(url=URL, outlet="tin-mau-fuzz.vn", body=body, headers=headers, fetched_at=FETCHED)


def _check(article: Article) -> None:
    assert isinstance(article.title, str)
    assert all(isinstance(p, str) and p for p in article.body)


@settings(max_examples=150)
@given(st.binary(max_size=3000), st.none() | charsets.map(lambda c: f"text/html; charset={c}" if c else "text/html"))
def test_any_bytes_give_a_record_or_nothing(body: bytes, content_type: str | None) -> None:
    _check(process_page(_fetched(body, content_type), REGISTRY))


@settings(max_examples=150)
@given(html_soup(), charsets, st.booleans())
def test_broken_html_in_any_encoding_gives_a_record_or_nothing(soup: str, charset: str, declare: bool) -> None:
    codec = charset.split(";")[0].strip() or "utf-8"
    try:
        body = soup.encode(codec, errors="replace")
    except LookupError:
        body = soup.encode("utf-8", errors="surrogatepass")
    ctype = f"text/html; charset={charset}" if declare else None
    _check(process_page(_fetched(body, ctype), REGISTRY))


_WRAPPERS = ["<div>{}</div>", '<div class="container"><div class="row">{}</div></div>', "<main>{}</main>",
             "<section>{}</section>", "<table><tr><td>{}</td></tr></table>", "<center>{}</center>"]
_HEADER = '<header><nav><a href="/">Trang chủ</a> <a href="/so-hoa">Số hóa</a> <a href="/kt">Kinh tế</a></nav></header>'
_FOOTER = ('<aside class="related"><h3>Tin liên quan</h3><ul><li><a href="/b.html">Một bài khác về chuyển đổi số</a>'
           '</li></ul></aside><footer>© Báo Mẫu. Giấy phép số 123/GP-BTTTT. Địa chỉ: Hà Nội.</footer>')


@settings(max_examples=80)
@given(vi_article(), st.lists(st.sampled_from(_WRAPPERS), max_size=6), st.sampled_from(["utf-8", "utf-16"]),
       st.booleans(), st.booleans())
def test_generated_article_page_keeps_every_paragraph(
    article: tuple[str, list[str]], wrappers: list[str], codec: str, declare: bool, furniture: bool
) -> None:
    title, paras = article
    inner = f"<h1>{html.escape(title)}</h1>" + "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    content = f"<article>{inner}</article>"
    for wrapper in wrappers:
        content = wrapper.format(content)
    meta = f'<meta charset="{codec}">' if declare else ""
    page = (f"<!DOCTYPE html><html lang=\"vi\"><head>{meta}<title>{html.escape(title)} - Báo Mẫu</title></head>"
            f"<body>{_HEADER if furniture else ''}{content}{_FOOTER if furniture else ''}</body></html>")
    ctype = f"text/html; charset={codec}" if declare else "text/html"
    result = process_page(_fetched(page.encode(codec), ctype), REGISTRY)
    assert normalize_text(result.title) == normalize_text(title)
    kept = {normalize_text(p) for p in ([result.lead] if result.lead else []) + result.body}
    lost = [p for p in paras if normalize_text(p) not in kept]
    assert not lost, f"paragraphs lost: {lost}"
