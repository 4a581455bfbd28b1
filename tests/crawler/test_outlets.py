"""The 16 outlet profiles, CMS families, cookie challenge and back-off middlewares, `sources` and `sources --check`."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from crawler.fetch.middlewares import REAL_URL, JsCookieChallengeMiddleware, parse_challenge, retry_after_seconds
from crawler.outlets.registry import Registry, profile_from_dict
from tests.conftest import run_cli

OUTLETS = {
    "dantri.com.vn", "vnexpress.net", "tuoitre.vn", "thanhnien.vn", "vietnamnet.vn", "nhandan.vn", "baochinhphu.vn",
    "vietnamplus.vn", "sggp.org.vn", "tienphong.vn", "laodong.vn", "nld.com.vn", "baotintuc.vn", "daidoanket.vn",
    "vietnam.vn", "motthegioi.vn",
}
CHALLENGE = (
    b'<html><head><script>document.cookie="D1N=9f3ab2c4d5e6"+"; expires=Fri, 01 Jan 2038 00:00:00 GMT; path=/";'
    b" window.location.reload(true);</script></head><body></body></html>"
)


def test_registry_has_sixteen_outlets_and_families_share_layouts() -> None:
    registry = Registry.builtin()
    assert set(registry.names()) == OUTLETS
    family_a = {p.name for p in registry if p.family == "vccorp"}
    family_b = {p.name for p in registry if p.family == "zce"}
    assert family_a == {"tuoitre.vn", "thanhnien.vn", "nld.com.vn", "baochinhphu.vn"}
    assert family_b == {"nhandan.vn", "tienphong.vn", "sggp.org.vn", "vietnamplus.vn"}
    tt, tn = registry.get("tuoitre"), registry.get("thanhnien")
    assert tt.layouts[0].title == tn.layouts[0].title  # one family layout ...
    assert "div.box-tinlienquan" in tn.layouts[0].remove and "div.box-tinlienquan" not in tt.layouts[0].remove  # ... plus
    assert tn.pagination != tt.pagination  # per-outlet values


def test_user_outlet_can_join_a_family() -> None:
    profile = profile_from_dict(
        {"name": "toquoc.vn", "family": "vccorp", "feeds": ["https://toquoc.vn/rss/home.rss"],
         "layouts": [{"name": "detail", "extra_remove": [".box-ads"]}, {"name": "old", "title": "h1.old"}]}
    )
    assert [layout.name for layout in profile.layouts] == ["old", "detail"]
    assert profile.layouts[1].remove[-1] == ".box-ads" and profile.layouts[1].body
    with pytest.raises(ValueError, match="unknown family"):
        profile_from_dict({"name": "x.vn", "family": "nope", "feeds": ["https://x.vn/rss"]})


def test_nld_pages_under_tuoitre_belong_to_nld_and_old_urls_move() -> None:
    registry = Registry.builtin()
    nld = registry.get("nld")
    merged = "https://tuoitre.vn/nld/tphcm-dat-giai-196251222135734583.htm"
    assert registry.for_url(merged) is nld
    own = registry.for_url("https://tuoitre.vn/tphcm-dat-giai-100251222135734583.htm")
    assert own is not None and own.name == "tuoitre.vn"
    assert nld.moved_url("https://nld.com.vn/tphcm-dat-giai-196251222135734583.htm") == merged
    assert nld.is_article_url(merged) and nld.is_article_url("https://nld.com.vn/tphcm-dat-giai-196251222135734583.htm")
    assert not registry.get("tuoitre").is_article_url(merged)


def test_challenge_is_parsed_and_answered_with_a_retry_cap() -> None:
    assert parse_challenge(CHALLENGE) == ("D1N", "9f3ab2c4d5e6")
    assert parse_challenge(b"<html><body>" + b"x" * 5000 + CHALLENGE + b"</body></html>") is None
    assert parse_challenge("<html><p>Tin tức</p></html>".encode()) is None
    mw = JsCookieChallengeMiddleware(max_tries=2)
    request = Request("http://127.0.0.1:1/laodong.vn/rss/home.rss", meta={REAL_URL: "https://laodong.vn/rss/home.rss"})
    response = HtmlResponse(request.url, body=CHALLENGE, request=request)
    retry = mw.process_response(request, response)
    assert isinstance(retry, Request) and retry.dont_filter and retry.meta["newsmon_challenge_tries"] == 1
    mw.process_request(retry)
    assert retry.headers["Cookie"] == b"D1N=9f3ab2c4d5e6"
    other = Request("https://www.laodong.vn/xa-hoi")
    mw.process_request(other)
    assert other.headers["Cookie"] == b"D1N=9f3ab2c4d5e6"  # the cookie is the host's, not the request's
    capped = retry.replace(meta={**retry.meta, "newsmon_challenge_tries": 2})
    assert mw.process_response(capped, response) is response


def test_retry_after_values() -> None:
    from datetime import UTC, datetime

    assert retry_after_seconds(b"7") == 7.0
    now = datetime(2026, 11, 23, 9, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("Mon, 23 Nov 2026 09:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds(None) is None and retry_after_seconds("soon") is None


def _throttled_site(root: Path) -> None:
    """A tiny outlet whose every path answers 429 with Retry-After: 1 once, then the page."""
    host = root / "throttled.example"
    host.mkdir(parents=True)
    (host / "_rules.json").write_text(json.dumps({"retry_after": {"status": 429, "seconds": 1, "times": 1}}))
    item = (
        "<item><title>Bài một</title><link>https://throttled.example/bai-mot-1.html</link>"
        "<pubDate>Mon, 12 Oct 2025 09:30:00 +0700</pubDate></item>"
    )
    (host / "rss.xml").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel>{item}</channel></rss>')
    paragraphs = "".join(f"<p>Đoạn văn thứ {i} nói về chính quyền số và dịch vụ công trực tuyến.</p>" for i in range(5))
    (host / "bai-mot-1.html").write_text(
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Bài một</title></head>'
        f"<body><article><h1>Bài một về chuyển đổi số</h1>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )


def test_retry_after_is_honoured(tmp_path: Path) -> None:
    from samples.server import make_server

    _throttled_site(tmp_path / "sites")
    server = make_server(0, root=tmp_path / "sites")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        config = tmp_path / "config.toml"
        config.write_text(
            '[[outlet]]\nname = "throttled.example"\nfeeds = ["https://throttled.example/rss.xml"]\n'
            "article_url = '\\.html$'\n",
            encoding="utf-8",
        )
        mirror = f"http://127.0.0.1:{server.server_address[1]}"
        env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
        result = run_cli(
            "--config", str(config), "crawl", "--outlet", "throttled.example", "--mirror", mirror,
            db=f"sqlite:///{tmp_path / 'a.sqlite3'}", env=env,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert "errors 0" in result.stdout and "pages fetched 2" in result.stdout, result.stdout
        log = list(zip(server.request_log, server.request_times, strict=True))
        for path in ("/throttled.example/rss.xml", "/throttled.example/bai-mot-1.html"):
            times = [t for (_, p), t in log if p == path]
            assert len(times) == 2, (path, server.request_log)
            assert times[1] - times[0] >= 0.95, (path, times)
    finally:
        server.shutdown()
        server.server_close()


def test_sources_check_obeys_robots_txt(tmp_path: Path) -> None:
    """A URL that robots.txt disallows is reported as such and never requested."""
    from crawler.check import check_outlet, format_report
    from samples.server import make_server

    host = tmp_path / "sites" / "robots.example"
    host.mkdir(parents=True)
    (host / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    items = "".join(
        f"<item><title>Bài {n}</title><link>https://robots.example/{path}</link></item>"
        for n, path in ((1, "bai-mot-1.html"), (2, "private/bai-hai-2.html"))
    )
    (host / "rss.xml").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>')
    paragraphs = "".join(f"<p>Đoạn văn thứ {i} nói về chính quyền số và dịch vụ công trực tuyến.</p>" for i in range(5))
    page = (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Bài</title></head>'
        f"<body><article><h1>Bài về chuyển đổi số</h1>{paragraphs}</article></body></html>"
    )
    (host / "bai-mot-1.html").write_text(page, encoding="utf-8")
    (host / "private").mkdir()
    (host / "private" / "bai-hai-2.html").write_text(page, encoding="utf-8")
    profile = profile_from_dict(
        {"name": "robots.example", "feeds": ["https://robots.example/rss.xml", "https://robots.example/private/rss.xml"],
         "article_url": r"\.html$"}
    )
    server = make_server(0, root=tmp_path / "sites")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        report = check_outlet(profile, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
    lines = format_report(report)
    assert "  feed     ok   https://robots.example/rss.xml  2 items, 2 article links, 0 dated" in lines
    assert "  feed     FAIL https://robots.example/private/rss.xml  disallowed by robots.txt" in lines
    assert "  FAIL https://robots.example/private/bai-hai-2.html  disallowed by robots.txt" in lines
    assert report.ok and report.articles[0].fields["title"] == "Bài về chuyển đổi số"
    paths = [path for _, path in server.request_log]
    assert paths.count("/robots.example/robots.txt") == 1  # read once per host
    assert not [path for path in paths if "/private/" in path]


def test_sources_lists_all_outlets(db_url: str) -> None:
    result = run_cli("sources", db=db_url)
    assert result.returncode == 0, result.stderr
    listed = {line.split()[0] for line in result.stdout.splitlines() if line and not line.startswith(" ")}
    assert listed == OUTLETS


@pytest.fixture(scope="module")
def example_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The README's "example outlet": nhandan.vn's mock read through a config entry without selectors."""
    path = tmp_path_factory.mktemp("cfg") / "config.toml"
    path.write_text(
        '[[outlet]]\nname = "example.vn"\ndomains = ["nhandan.vn"]\nfeeds = ["https://nhandan.vn/rss/home.rss"]\n'
        'sitemaps = ["https://nhandan.vn/sitemap.xml", "https://nhandan.vn/khong-co.xml"]\n'
        "article_url = '^https://nhandan\\.vn/.+-post\\d+\\.html$'\n",
        encoding="utf-8",
    )
    return path


def test_sources_check_reports_sources_and_fields(example_config: Path, mirror: str, db_url: str) -> None:
    result = run_cli("--config", str(example_config), "sources", "--check", "example.vn", "--mirror", mirror, db=db_url)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    out = result.stdout
    assert "feed     ok   https://nhandan.vn/rss/home.rss" in out
    assert "sitemap  ok   https://nhandan.vn/sitemap.xml" in out
    assert "sitemap  FAIL https://nhandan.vn/khong-co.xml  HTTP 404" in out
    assert "[generic]" in out and "title yes" in out and "published yes" in out
    assert "summary: 2/3 discovery sources worked" in out


@pytest.mark.parametrize("outlet", ["laodong", "nld"])
def test_sources_check_handles_challenge_and_redirect(outlet: str, mirror: str, db_url: str) -> None:
    result = run_cli("sources", "--check", outlet, "--mirror", mirror, db=db_url)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert "FAIL" not in result.stdout and "[profile:" in result.stdout
    assert ", ".join(("title", "lead", "body", "published")) in result.stdout.splitlines()[-1]


def test_sources_check_unknown_outlet(db_url: str) -> None:
    result = run_cli("sources", "--check", "nosuchpaper", db=db_url)
    assert result.returncode == 2 and "unknown outlet" in result.stderr


