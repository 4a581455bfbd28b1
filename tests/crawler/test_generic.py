"""Generic extractor and structured metadata on small hand-written pages, plus a benchmark floor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from crawler.extract.generic import extract_generic, parse_html
from crawler.extract.structured import parse_iso_datetime, structured_metadata
from samples.extraction_bench import BENCH_DIR as BENCH
from samples.extraction_bench import aggregate, load_pages, page_counts

PARAGRAPHS = [
    "The provincial committee opened its new online service portal on Monday, letting residents file "
    "forty kinds of paperwork without a trip to the district office.",
    "Officials said the portal had processed more than twelve thousand applications during its trial, "
    "with most answered within two working days, far quicker than the paper route.",
    "A second phase, planned for next spring, will connect the portal to the land registry and to the "
    "health insurance database, so that forms are filled in from records already held.",
    "Residents who tried the service described it as simple, although several asked for clearer "
    "instructions on uploading scanned documents from a phone.",
]


def _page(head: str = "", article_extra: str = "", around: str = "") -> str:
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="vi"><head><title>Portal opens - Example Daily</title>{head}</head>
<body>
<header><a href="/">Example Daily</a>
<ul><li><a href="/a">Politics</a></li><li><a href="/b">Business</a></li></ul></header>
<nav><a href="/c">Home</a> <a href="/d">World</a> <a href="/e">Technology and science news</a></nav>
<div class="layout">
  <div class="main-column">
    <h1>Province opens online service portal</h1>
    <div class="story">{body}{article_extra}</div>
    {around}
  </div>
  <div class="sidebar"><h3>Most read</h3>
    <p>The sidebar holds a long paragraph of its own, about a festival, so that it is not trivially empty,
    with commas, clauses, and enough words to look like prose.</p></div>
</div>
<footer><p>Copyright Example Daily. All rights reserved. Contact us, advertise with us, careers.</p></footer>
</body></html>"""


def test_picks_article_over_boilerplate() -> None:
    related = (
        '<div class="related-articles"><h3>Related</h3><ul>'
        '<li><a href="/x">Another story about a bridge that was opened last week in the city</a></li>'
        '<li><a href="/y">A story about schools and the new digital learning programme</a></li></ul></div>'
    )
    comments = (
        '<section id="comments"><p>I waited three hours at the district office last year, so this is a '
        "welcome change, and I hope the other provinces follow quickly.</p></section>"
    )
    page = extract_generic(_page(around=related + comments), "https://example.vn/portal-opens")
    assert page.body == PARAGRAPHS
    assert page.extractor == "generic"
    assert page.title == "Province opens online service portal"


def test_link_heavy_lines_dropped_inside_article() -> None:
    extra = (
        '<p><a href="/1">Read: the district budget</a> <a href="/2">Read: the new highway plan</a></p>'
        "<p>Advertisement</p>"
    )
    page = extract_generic(_page(article_extra=extra), "https://example.vn/portal-opens")
    assert page.body == PARAGRAPHS


def test_json_ld_preferred_for_dates_and_metadata() -> None:
    head = """
<link rel="canonical" href="/news/portal-opens">
<meta property="og:title" content="Portal opens | Example Daily">
<meta property="article:published_time" content="2023-01-01T00:00:00Z">
<meta name="keywords" content="portal, e-government">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Example Daily"},
  {"@type": "NewsArticle", "headline": "Province opens online service portal",
   "datePublished": "2023-11-15T09:30:00+07:00", "dateModified": "2023-11-15T10:00:00Z",
   "author": [{"@type": "Person", "name": "Lan Anh"}, "Minh Quan"], "articleSection": "Technology",
   "publisher": {"@type": "Organization", "name": "Example Daily"}}]}</script>"""
    page = extract_generic(_page(head=head), "https://example.vn/portal-opens?utm=x")
    assert page.published == datetime(2023, 11, 15, 9, 30, tzinfo=timezone(timedelta(hours=7)))
    assert page.modified == datetime(2023, 11, 15, 10, 0, tzinfo=UTC)
    assert page.published_text is None
    assert page.authors == ["Lan Anh", "Minh Quan"]
    assert page.section == "Technology"
    assert page.tags == ["portal", "e-government"]
    assert page.title == "Province opens online service portal"
    assert page.canonical_url == "https://example.vn/news/portal-opens"
    assert page.language == "vi"


def test_broken_json_ld_tolerated_and_meta_used() -> None:
    head = """
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Broken, "datePublished": </script>
<script type="application/ld+json"><!-- {"@type": "Article", "author": {"name": "Thu Ha"},} --></script>
<meta property="og:title" content="Province opens online service portal - Example Daily">
<meta property="og:site_name" content="Example Daily">
<meta property="article:published_time" content="2023-11-15T02:30:00Z">
<meta property="og:description" content="A new portal lets residents file paperwork online.">"""
    page = extract_generic(_page(head=head), "https://example.vn/portal-opens")
    assert page.published == datetime(2023, 11, 15, 2, 30, tzinfo=UTC)
    assert page.authors == ["Thu Ha"]  # the repaired second script
    assert page.title == "Province opens online service portal"
    assert page.lead == "A new portal lets residents file paperwork online."
    assert page.body == PARAGRAPHS


def test_lead_dropped_when_it_is_the_first_paragraph() -> None:
    head = f'<meta name="description" content="{PARAGRAPHS[0][:90]}...">'
    page = extract_generic(_page(head=head), "https://example.vn/portal-opens")
    assert page.lead is None


def test_visible_date_left_for_the_cleaner() -> None:
    extra = '<p class="article-date">15/11/2023 09:30 GMT+7</p>'
    html = _page(around=f"<div>{extra}</div>").replace('<div class="story">', f'<div class="story">{extra}')
    page = extract_generic(html, "https://example.vn/portal-opens")
    assert page.published is None
    assert page.published_text == "15/11/2023 09:30 GMT+7"
    assert page.body == PARAGRAPHS


def test_title_from_title_tag_without_site_suffix() -> None:
    html = _page().replace("<h1>Province opens online service portal</h1>", "")
    assert extract_generic(html, "https://example.vn/x").title == "Portal opens"


def test_reuses_given_tree_without_changing_it() -> None:
    html = _page(around='<div class="share-tools"><a href="/fb">Facebook</a></div>')
    tree = parse_html(html, "https://example.vn/x")
    assert tree is not None
    before = len(list(tree.iter()))
    page = extract_generic(b"", "https://example.vn/x", tree=tree)
    assert page.body == PARAGRAPHS
    assert len(list(tree.iter())) == before


def test_bytes_input_and_captions() -> None:
    figure = "<figure><img src='a.jpg'><figcaption>Residents at the district office (Photo: T.H.)</figcaption></figure>"
    html = _page(article_extra=figure).encode("utf-8")
    page = extract_generic(html, "https://example.vn/x")
    assert page.body == PARAGRAPHS
    assert page.captions == ["Residents at the district office (Photo: T.H.)"]


@pytest.mark.parametrize("html", ["", "   ", b"", b"\x00\xff", "<html", "<<<>>>", "<html><body></body></html>"])
def test_empty_or_broken_html(html: str | bytes) -> None:
    page = extract_generic(html, "https://example.vn/empty")
    assert page.body == []
    assert page.url == "https://example.vn/empty"
    assert page.extractor == "generic"


def test_structured_metadata_never_raises_on_odd_values() -> None:
    head = """<meta property="article:published_time" content="yesterday">
<script type="application/ld+json">[{"@type": ["NewsArticle"], "datePublished": 20231115,
  "author": {"name": "https://example.vn/staff"}, "keywords": ["a", {"name": "b"}, 3]}]</script>"""
    tree = parse_html(_page(head=head))
    assert tree is not None
    data = structured_metadata(tree)
    assert data.published is None
    assert data.published_raw == "20231115"
    assert data.authors == []
    assert data.json_ld_types == ["NewsArticle"]


def test_parse_iso_datetime() -> None:
    assert parse_iso_datetime("2023-11-15T09:30:00Z") == datetime(2023, 11, 15, 9, 30, tzinfo=UTC)
    assert parse_iso_datetime("2023-11-15T09:30:00") is None  # naive: the zone is unknown
    assert parse_iso_datetime("15/11/2023") is None
    assert parse_iso_datetime("1970-01-01T00:00:00Z") is None


@pytest.mark.shared
@pytest.mark.skipif(not BENCH.is_dir(), reason="../shared/benchmarks is absent")
def test_benchmark_f1_on_first_pages() -> None:
    pages = load_pages(40, BENCH)
    score = aggregate(page_counts(page.truth, "\n".join(extract_generic(page.html, page.url).body)) for page in pages)
    assert score.f1 > 0.85
