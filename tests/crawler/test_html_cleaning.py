"""HTML-level cleaning on small made-up pages in the outlets' and CMS families' styles.

The texts are invented; the markup follows ../shared/outlets/README.md (related boxes inside the body,
ad slots, share bars, tag lists, author boxes), so a profile's boilerplate selectors are checked on the
structures they were written for. Structured data is preferred when sane and ignored when not.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from crawler.clean import finalize
from crawler.extract.page import extract_page
from crawler.outlets.registry import OutletProfile, Registry
from newsmon.core.dates import LOCAL_TZ
from newsmon.core.records import Article

FETCHED = datetime(2026, 11, 23, 9, 0, tzinfo=LOCAL_TZ)
P1 = "Thành phố vừa đưa vào vận hành cổng dịch vụ công thế hệ mới, cho phép nộp hồ sơ hoàn toàn trực tuyến."
P2 = "Theo sở chuyên ngành, mỗi ngày hệ thống tiếp nhận khoảng ba nghìn hồ sơ, phần lớn là thủ tục hộ tịch."
P3 = "Trong năm tới, thành phố sẽ kết nối thêm dữ liệu đất đai và y tế để người dân không phải khai lại giấy tờ."
RELATED = "Một tỉnh miền núi thử nghiệm trợ lý ảo trả lời thủ tục hành chính"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.builtin()


def run(html: str, url: str, profile: OutletProfile | None) -> Article:
    return finalize(extract_page(html, url, profile=profile, fetched_at=FETCHED))


def assert_clean_body(article: Article) -> None:
    assert article.body == [P1, P2, P3]
    joined = " ".join(article.body + article.captions)
    for furniture in (RELATED, "Quảng cáo", "Chia sẻ", "Từ khóa", "Facebook", "Đọc ngay"):
        assert furniture not in joined


def test_vnexpress_related_boxes_and_signature(registry: Registry) -> None:
    html = f"""<html><head>
<meta itemprop="datePublished" content="2025-10-22T19:25:00+07:00">
<meta name="its_tag" content="chuyển đổi số, dịch vụ công"></head><body>
<ul class="breadcrumb"><li><a href="/thoi-su">Thời sự</a></li></ul>
<span class="date">Thứ tư, 22/10/2025, 19:25 (GMT+7)</span>
<h1 class="title-detail">Cổng dịch vụ công mới chạy thử</h1>
<p class="description">Người dân có thể nộp hồ sơ trên điện thoại từ tuần này.</p>
<article class="fck_detail">
<p class="Normal">{P1}</p>
<div class="box-tinlienquanv2"><article><h4><a href="/a-1.html">{RELATED}</a></h4><span>21/10/2025</span></article></div>
<p class="Normal">{P2}</p>
<div data-component-type="tin_xemthem"><p><a href="/b-2.html">{RELATED}</a></p></div>
<p class="Normal">{P3}</p>
<p style="text-align:right;"><strong>Minh Anh</strong></p>
</article>
<div class="box-news-relative"><a href="/c.html">{RELATED}</a></div>
</body></html>"""
    article = run(html, "https://vnexpress.net/cong-dich-vu-cong-4900001.html", registry.get("vnexpress.net"))
    assert_clean_body(article)
    assert article.authors == ["Minh Anh"]
    assert article.tags == ["chuyển đổi số", "dịch vụ công"]
    assert article.section == "Thời sự"
    assert article.published == datetime(2025, 10, 22, 19, 25, tzinfo=LOCAL_TZ)


def test_dantri_singular_aside_ads_media_and_source(registry: Registry) -> None:
    html = f"""<html><body><div class="singular-wrap">
<ul><li><a data-content-name="article-breadcrumb" href="/xa-hoi.htm">Xã hội</a></li></ul>
<article class="singular-container">
<h1 class="title-page detail">Cổng dịch vụ công mới chạy thử</h1>
<div class="author-wrap"><div class="author-name"><a href="/tac-gia/hai-yen.htm"><b>Hải Yến</b></a></div>
<time class="author-time" datetime="2025-05-09 11:02">Thứ sáu, 09/05/2025 - 11:02</time></div>
<div data-module="article-audio-new">Nghe bài viết</div>
<h2 class="singular-sapo">(Dân trí) - Người dân có thể nộp hồ sơ trên điện thoại từ tuần này.</h2>
<div class="singular-content">
<p>{P1}</p>
<aside class="article-related"><div class="title-head">Tin liên quan</div>
<article class="article-item"><h3 class="article-title"><a href="/x.htm">{RELATED}</a></h3></article></aside>
<div class="dta-unit" id="dta-100000-container">Quảng cáo</div>
<p>{P2}</p>
<figure class="video"><figcaption>Video: {RELATED}</figcaption></figure>
<p>{P3}</p>
</div>
<div class="singular-source">Theo <strong>Báo Nhân Dân</strong></div>
</article>
<ul class="tags-wrap"><li class="label"><b>Từ khóa:</b></li>
<li><a data-content-name="article-tags" href="/tim-kiem/cong-dich-vu.htm">cổng dịch vụ công</a></li></ul>
</div></body></html>"""
    url = "https://dantri.com.vn/xa-hoi/cong-dich-vu-cong-moi-20250509110200123.htm"
    article = run(html, url, registry.get("dantri.com.vn"))
    assert_clean_body(article)
    assert article.lead == "Người dân có thể nộp hồ sơ trên điện thoại từ tuần này."
    assert article.authors == ["Hải Yến"]
    assert article.source_attribution == "Nhân Dân"
    assert article.tags == ["cổng dịch vụ công"]
    assert article.section == "Xã hội"
    assert article.published == datetime(2025, 5, 9, 11, 2, tzinfo=LOCAL_TZ)


VCCORP_PAGE = """<html><body>
<div class="detail-cate"><a href="/thoi-su.htm">Thời sự</a></div>
<h1 class="detail-title" data-role="title">Cổng dịch vụ công mới chạy thử</h1>
<div class="detail-time"><div data-role="publishdate">{date}</div></div>
<div class="detail-author" data-role="author"><div class="author-info"><a class="name" href="/tac-gia/x.htm">THU HÀ</a></div></div>
<h2 class="detail-sapo" data-role="sapo">Người dân có thể nộp hồ sơ trên điện thoại từ tuần này.</h2>
<div class="detail-cmain"><div class="detail-content afcbc-body" data-role="content" itemprop="articleBody">
<div data-check-position="body_start"></div>
<p>{p1}</p>
<div class="VCSortableInPreviewMode alignRight" type="RelatedNewsBox"><div class="kbwscwl-relatedbox type-2">
<ul class="kbwscwlr-list"><li class="kbwscwlrl" data-date="18/03/2023 18:37">
<h4 class="kbwscwlrl-title"><a class="title link-callout" href="/r.htm">{related}</a></h4>
<span class="time">18/03/2023 18:37</span><a class="btn">Đọc ngay</a></li></ul></div></div>
<p>{p2}</p>
<div id="zone-krlv706p"><div id="share-krlv706p">Quảng cáo</div></div>
<figure class="VCSortableInPreviewMode" type="Photo"><img src="a.jpg" alt="Cổng dịch vụ công mới chạy thử">
<figcaption class="PhotoCMS_Caption"><p>Người dân thử nộp hồ sơ - Ảnh: THU HÀ</p></figcaption></figure>
<p>{p3}</p>
</div></div>
<div class="detail-tab"><a href="/tag-1.htm">dịch vụ công</a><a href="/tag-2.htm">chuyển đổi số</a></div>
<section class="comment-wrapper">Bình luận (0)</section>
</body></html>"""


def test_vccorp_family_related_box_ads_captions_and_tags(registry: Registry) -> None:
    html = VCCORP_PAGE.format(date="18/03/2023 18:37 GMT+7", p1=P1, p2=P2, p3=P3, related=RELATED)
    article = run(html, "https://tuoitre.vn/cong-dich-vu-cong-moi-20230318183700123.htm", registry.get("tuoitre.vn"))
    assert_clean_body(article)
    assert article.captions == ["Người dân thử nộp hồ sơ - Ảnh: THU HÀ"]
    assert article.authors == ["THU HÀ"]
    assert article.tags == ["dịch vụ công", "chuyển đổi số"]
    assert article.section == "Thời sự"
    assert article.published == datetime(2023, 3, 18, 18, 37, tzinfo=LOCAL_TZ)


def test_date_only_in_related_box_is_not_published(registry: Registry) -> None:
    """The related item's date is another story's: the page has no trustworthy date, so null."""
    html = VCCORP_PAGE.format(date="", p1=P1, p2=P2, p3=P3, related=RELATED)
    profiled = run(html, "https://tuoitre.vn/cong-dich-vu-cong-moi-20230318183700123.htm", registry.get("tuoitre.vn"))
    assert profiled.published is None
    generic = run(html, "https://example.vn/cong-dich-vu-cong-moi.html", None)
    assert generic.published is None
    sidebar = f"""<html><body><article><h1>Cổng dịch vụ công mới chạy thử</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p>
</article><aside class="sidebar"><h3>Đọc nhiều</h3><ul><li><a href="/r.html">{RELATED}</a>
<time datetime="2026-11-20T08:00:00+07:00">20/11/2026 08:00</time></li></ul></aside></body></html>"""
    page = run(sidebar, "https://example.vn/cong-moi.html", None)
    assert page.body == [P1, P2, P3]
    assert page.published is None  # never the sidebar's date, never the fetch time


def test_zce_family_share_bar_related_ads_and_tags(registry: Registry) -> None:
    try:
        profile = registry.get("tienphong.vn")
    except KeyError:
        pytest.skip("no tienphong.vn profile (CMS family B)")
    html = f"""<html><head><meta property="article:published_time" content="2026-01-05T08:30:00+07:00"></head><body>
<div class="breadcrumb"><a href="/xa-hoi/">Xã hội</a></div>
<h1 class="article__title cms-title">Cổng dịch vụ công mới chạy thử</h1>
<div class="article__sapo cms-desc"><p>(TPO) - Người dân có thể nộp hồ sơ trên điện thoại từ tuần này.</p></div>
<div class="article__meta"><time class="time">05/01/2026 08:30</time><span class="author cms-author">Thu Hà</span></div>
<div class="article__body zce-content-body cms-body" itemprop="articleBody">
<div class="article__social"><a>Facebook</a><a>Zalo</a><span>Chia sẻ</span></div>
<p>{P1}</p>
<div class="article-relate"><article class="story"><h3><a href="/r.tpo">{RELATED}</a></h3></article></div>
<p>{P2}</p>
<div class="sda_middle"><div id="sdaWeb_SdaArticleAfterBody">Quảng cáo</div></div>
<p>{P3}</p>
</div>
<div class="article__tag"><a href="/t1">dịch vụ công</a><a href="/t2">chuyển đổi số</a></div>
</body></html>"""
    article = run(html, "https://tienphong.vn/cong-dich-vu-cong-moi-post1800001.tpo", profile)
    assert_clean_body(article)
    assert article.lead == "Người dân có thể nộp hồ sơ trên điện thoại từ tuần này."
    assert article.tags == ["dịch vụ công", "chuyển đổi số"]
    assert article.published == datetime(2026, 1, 5, 8, 30, tzinfo=LOCAL_TZ)


# --- structured data: preferred when sane ------------------------------------------------------

def _generic_page(json_ld: str, extra_head: str = "", visible_date: str = "") -> str:
    return f"""<html><head><title>Cổng dịch vụ công mới chạy thử | Báo Ví Dụ</title>
<meta property="og:site_name" content="Báo Ví Dụ">{extra_head}
<script type="application/ld+json">{json_ld}</script></head><body>
<article><h1>Cổng dịch vụ công mới chạy thử</h1><div class="meta">{visible_date}</div>
<p>{P1}</p><p>{P2}</p><p>{P3}</p></article></body></html>"""


def test_structured_date_wins_over_visible_text_when_sane() -> None:
    ld = '{"@type": "NewsArticle", "headline": "Cổng dịch vụ công mới chạy thử", "datePublished": "2026-03-01T07:15:00+07:00"}'
    html = _generic_page(ld, visible_date='<time datetime="2026-03-02T10:00:00+07:00">02/03/2026</time>')
    article = run(html, "https://vidu.vn/cong-moi.html", None)
    assert article.published == datetime(2026, 3, 1, 7, 15, tzinfo=LOCAL_TZ)


@pytest.mark.parametrize("declared", ["2027-06-01T07:15:00+07:00", "1970-01-01T00:00:00Z", "1994-12-31T10:00:00+07:00"])
def test_insane_structured_date_is_ignored_for_the_visible_one(declared: str, registry: Registry) -> None:
    ld = f'{{"@type": "NewsArticle", "headline": "Cổng dịch vụ công mới chạy thử", "datePublished": "{declared}"}}'
    html = _generic_page(ld, visible_date='<span class="date">Thứ hai, 02/03/2026 - 10:00</span>')
    assert run(html, "https://vidu.vn/cong-moi.html", None).published == datetime(2026, 3, 2, 10, 0, tzinfo=LOCAL_TZ)
    tuoitre = VCCORP_PAGE.format(date="18/03/2023 18:37 GMT+7", p1=P1, p2=P2, p3=P3, related=RELATED).replace(
        "<html>", f'<html><head><meta property="article:published_time" content="{declared}"></head>'
    )
    article = run(tuoitre, "https://tuoitre.vn/cong-moi-20230318183700123.htm", registry.get("tuoitre.vn"))
    assert article.published == datetime(2023, 3, 18, 18, 37, tzinfo=LOCAL_TZ)


def test_headline_that_is_the_site_name_is_ignored() -> None:
    ld = '{"@type": "NewsArticle", "headline": "Báo Ví Dụ", "author": {"@type": "Organization", "name": "Báo Ví Dụ"}}'
    html = _generic_page(ld, extra_head='<meta property="og:title" content="Cổng dịch vụ công mới chạy thử">')
    article = run(html, "https://vidu.vn/cong-moi.html", None)
    assert article.title == "Cổng dịch vụ công mới chạy thử"
    assert article.authors == []
    html = _generic_page('{"@type": "NewsArticle", "headline": "vidu.vn"}')
    assert run(html, "https://vidu.vn/cong-moi.html", None).title == "Cổng dịch vụ công mới chạy thử"


# --- translations --------------------------------------------------------------------------------

def test_translated_page_names_its_language_and_original_outlet(registry: Registry) -> None:
    try:
        profile = registry.get("vietnam.vn")
    except KeyError:
        pytest.skip("no vietnam.vn profile")
    html = """<html lang="en"><head><meta property="article:published_time" content="2023-11-21T09:00:00+07:00">
</head><body><h1 class="v-article-title">Ho Chi Minh City honoured for its digital government</h1>
<div class="v-article-sapo">The city received the award at a regional summit held in Seoul last week.</div>
<div class="v-article-content">
<p>The jury praised a single portal that answers residents within hours instead of several days.</p>
<p>Officials said the next step is to link land and health records so that people never fill in a form twice.</p>
<div class="v-related"><a href="/en/x">Another story about something else entirely</a></div>
<div class="v-article-source">Source: <strong>Báo Tuổi Trẻ</strong></div>
</div></body></html>"""
    article = run(html, "https://www.vietnam.vn/en/ho-chi-minh-city-honoured", profile)
    assert article.language == "en"
    assert article.translated_from == "vi"
    assert article.source_attribution == "Tuổi Trẻ"
    assert len(article.body) == 2
