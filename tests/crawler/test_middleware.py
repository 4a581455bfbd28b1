from scrapy import Request
from scrapy.http import HtmlResponse

from crawler.fetch.middlewares import REAL_URL, MirrorMiddleware, mirror_url

MIRROR = "http://127.0.0.1:8765"


def test_mirror_url_contract() -> None:
    assert mirror_url(MIRROR, "https://dantri.com.vn/cong-nghe.htm") == f"{MIRROR}/dantri.com.vn/cong-nghe.htm"
    assert mirror_url(MIRROR + "/", "https://vnexpress.net/") == f"{MIRROR}/vnexpress.net/"
    assert (
        mirror_url(MIRROR, "https://tuoitre.vn/tim-kiem.htm?keywords=a+b")
        == f"{MIRROR}/tuoitre.vn/tim-kiem.htm?keywords=a+b"
    )


def test_request_goes_to_mirror_and_response_gets_real_url_back() -> None:
    mw = MirrorMiddleware(MIRROR)
    original = Request("https://dantri.com.vn/xa-hoi/bai-20231115093012345.htm", meta={"outlet": "dantri.com.vn"})
    routed = mw.process_request(original)
    assert routed is not None and routed.url == f"{MIRROR}/dantri.com.vn/xa-hoi/bai-20231115093012345.htm"
    assert routed.meta[REAL_URL] == original.url and routed.meta["outlet"] == "dantri.com.vn"
    assert routed.meta["download_slot"] == "dantri.com.vn"
    assert mw.process_request(routed) is None  # already routed: left alone
    response = HtmlResponse(routed.url, body=b"<html></html>", request=routed)
    assert mw.process_response(routed, response).url == original.url


def test_redirect_locations_become_real_urls() -> None:
    mw = MirrorMiddleware(MIRROR)
    routed = mw.process_request(Request("https://nld.com.vn/thoi-su.htm"))
    assert routed is not None
    relative = HtmlResponse(routed.url, status=301, headers={"Location": "/thoi-su-moi.htm"}, request=routed)
    assert mw.process_response(routed, relative).headers["Location"] == b"https://nld.com.vn/thoi-su-moi.htm"
    absolute = HtmlResponse(
        routed.url, status=301, headers={"Location": "https://tuoitre.vn/nld/thoi-su.htm"}, request=routed
    )
    assert mw.process_response(routed, absolute).headers["Location"] == b"https://tuoitre.vn/nld/thoi-su.htm"
    via_mirror = HtmlResponse(
        routed.url, status=302, headers={"Location": f"{MIRROR}/tuoitre.vn/nld/a.htm"}, request=routed
    )
    assert mw.process_response(routed, via_mirror).headers["Location"] == b"https://tuoitre.vn/nld/a.htm"


def test_redirect_hops_stay_real_urls() -> None:
    mw = MirrorMiddleware(MIRROR)
    hop = Request(
        "https://tuoitre.vn/bai-viet-20250812191933817.htm",
        meta={"redirect_urls": [f"{MIRROR}/tuoitre.vn/a-20250812191933817.htm"]},
    )
    routed = mw.process_request(hop)
    assert routed is not None
    assert routed.meta["redirect_urls"] == ["https://tuoitre.vn/a-20250812191933817.htm"]
