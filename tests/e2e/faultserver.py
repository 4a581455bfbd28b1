"""A misbehaving news site on 127.0.0.1, for the fault tests.

Every fault is an outlet of its own, `<case>.baomau.vn`, reached through `--mirror` (the mirror
middleware turns `https://<host>/<path>` into `GET /<host>/<path>` here). Each case lists its good and
bad article pages in `/rss.xml`; `CASES` says what each bad page does. Waits are bounded (a test that
goes wrong ends, it does not hang) and `gate` lets a test hold pages back until it says so.
"""

from __future__ import annotations

import gzip
import json
import random
import socket
import struct
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DOMAIN = "baomau.vn"
MAX_WAIT = 30.0  # no handler sleeps longer than this, whatever happens
MAXSIZE = 1_000_000  # the tests' NEWSMON_DOWNLOAD_MAXSIZE

_WORDS = (
    "chính phủ số chuyển đổi dịch vụ công trực tuyến người dân doanh nghiệp thành phố tỉnh hội nghị giải thưởng "
    "đô thị thông minh dữ liệu nền tảng cổng thông tin hành chính cải cách năm nay lãnh đạo triển khai hiệu quả "
    "ứng dụng điện thoại phản ánh hiện trường tổng đài đánh giá xếp hạng chỉ số quốc gia khu vực châu Á"
)
WORDS = _WORDS.split()

# case -> what its bad article page does ("ok" pages are always good); read by tests and the results table.
CASES: dict[str, str] = {
    "ok": "a healthy outlet: feed and three good articles",
    "e500": "the feed answers 500 Internal Server Error every time",
    "e503": "each article answers 503 with Retry-After: 1 once, then 200",
    "e429": "one article answers 429 with Retry-After: 1 every time",
    "reset": "one article resets the TCP connection (RST) before any response",
    "timeout": "one article never answers (the server waits until the client gives up)",
    "drip": "one article sends its headers, then one byte every 0.3 s",
    "truncated": "one article declares Content-Length 20000 and sends 2000 bytes, then closes",
    "redirloop": "one article redirects a -> b -> a ... forever",
    "robots": "robots.txt disallows /cam/; the feed lists /cam/a1.html",
    "trap": "an endless listing: every page links to a next page and two new articles",
    "cp1258": "an article in windows-1258 (tones as combining marks), declared by <meta charset>",
    "cp1252utf8": "an article in windows-1252 served as text/html; charset=utf-8",
    "double": "an article in double-encoded UTF-8 (UTF-8 read as windows-1252, encoded again)",
    "huge": "one article of 1.5 MB, over the tests' 1 MB download limit",
    "gzipbomb": "one article that is 40 KB of gzip inflating to 40 MB",
    "xmlbomb": "a feed with a billion-laughs entity bomb in its DTD",
    "sitemapbomb": "a sitemap with an entity bomb and an external entity",
    "notxml": "the feed is an HTML page and the sitemap is JSON",
    "brokenhtml": "an article with unclosed and misnested tags",
    "badjsonld": "an article whose JSON-LD is not JSON",
    "binary": "one article is random bytes served as text/html",
    "empty": "one article is an empty 200 response",
}


def host(case: str) -> str:
    return f"{case}.{DOMAIN}"


def article_url(case: str, name: str) -> str:
    return f"https://{host(case)}/{name}.html"


def article_text(case: str, name: str) -> tuple[str, list[str]]:
    """A unique, realistic-looking Vietnamese title and three paragraphs for one page."""
    rng = random.Random(f"{case}/{name}")
    title = f"Bài {name} của {case}: " + " ".join(rng.choice(WORDS) for _ in range(8)).capitalize()
    paragraphs = []
    for _ in range(3):
        words = [rng.choice(WORDS) for _ in range(45)]
        paragraphs.append(" ".join(words).capitalize() + f" ({case} {name} {rng.randrange(10**6)}).")
    return title, paragraphs


SPECIAL_TEXT = {
    "cp1258": (
        "Thành phố Hồ Chí Minh nhận giải thưởng Chính phủ số ASOCIO",
        [
            "Tại hội nghị thượng đỉnh ASOCIO, Thành phố Hồ Chí Minh được trao giải thưởng Chính phủ số xuất sắc "
            "nhờ cổng dịch vụ công trực tuyến và tổng đài tiếp nhận phản ánh của người dân.",
            "Đại diện Sở Thông tin và Truyền thông cho biết thành phố sẽ tiếp tục đầu tư vào hạ tầng dữ liệu, "
            "đường truyền và ứng dụng di động để phục vụ người dân tốt hơn trong những năm tới.",
        ],
    ),
    "double": (
        "Đà Nẵng dẫn đầu chỉ số chuyển đổi số cấp tỉnh năm nay",
        [
            "Theo báo cáo của Bộ Thông tin và Truyền thông, Đà Nẵng tiếp tục đứng đầu bảng xếp hạng chỉ số "
            "chuyển đổi số cấp tỉnh, nhờ chính quyền số và đô thị thông minh được triển khai đồng bộ.",
            "Người dân thành phố có thể nộp hồ sơ trực tuyến, theo dõi tiến độ giải quyết và phản ánh hiện "
            "trường qua ứng dụng điện thoại, giúp rút ngắn thời gian xử lý thủ tục hành chính.",
        ],
    ),
    "cp1252utf8": (
        "Café “Sài Gòn” và Cà Mau: tourism award for the Mekong",
        [
            "The “Sài Gòn” café chain and the province of Cà Mau received a regional tourism award this week, "
            "the organisers said in a statement released on Tuesday evening in the capital.",
            "Judges praised the café’s menu and the province’s mangrove tours — both were described as models "
            "of sustainable growth for the whole region, according to the jury’s report.",
        ],
    ),
}


def article_html(case: str, name: str, *, charset: str = "utf-8", extra_head: str = "") -> str:
    title, paragraphs = SPECIAL_TEXT.get(case if name == "a1" else "", article_text(case, name))
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="{charset}"><title>{title}</title>'
        f'<meta property="article:published_time" content="2026-10-05T08:30:00+07:00">{extra_head}</head>'
        f'<body><header><a href="/">Trang chủ</a></header><article><h1>{title}</h1>'
        f'<time datetime="2026-10-05T08:30:00+07:00">05/10/2026 08:30</time>\n{body}\n</article>'
        f"<footer>© {case}.{DOMAIN}</footer></body></html>\n"
    )


def expected(case: str, name: str) -> tuple[str, list[str]]:
    return SPECIAL_TEXT.get(case if name == "a1" else "", article_text(case, name))


def feed_xml(case: str, names: list[str], *, dtd: str = "", title: str = "Tin mới") -> str:
    items = "".join(
        f"<item><title>{title} {n}</title><link>{article_url(case, n)}</link>"
        f"<pubDate>Mon, 05 Oct 2026 08:30:00 +0700</pubDate></item>"
        for n in names
    )
    return f'<?xml version="1.0" encoding="utf-8"?>\n{dtd}<rss version="2.0"><channel><title>{case}</title>{items}</channel></rss>\n'


BOMB_DTD = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]>\n"
)


def to_cp1258(text: str) -> bytes:
    """windows-1258 as Vietnamese legacy sites wrote it: base letter (maybe with a hat), then the tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        for i, mark in enumerate(marks):
            try:
                composed = unicodedata.normalize("NFC", base + mark)
                out += composed.encode("cp1258") + "".join(marks[:i] + marks[i + 1 :]).encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


def double_utf8(text: str) -> bytes:
    """UTF-8 bytes read as windows-1252 (its holes as Latin-1), then written out as UTF-8 again."""
    holes = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
    return "".join(chr(b) if b in holes else bytes([b]).decode("cp1252") for b in text.encode("utf-8")).encode()


_BOMB: bytes | None = None


def gzip_bomb() -> bytes:
    global _BOMB
    if _BOMB is None:
        _BOMB = gzip.compress(b"<html><body>" + b"\0" * 40_000_000, compresslevel=9)
    return _BOMB


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.gate = threading.Event()  # pages of the "gate*" and "slow" cases wait for it
        self.arrived = threading.Event()  # set when a gated request has arrived
        self.extra: dict[str, Callable[[FaultHandler, str], bool]] = {}

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def hit(self, key: str) -> int:
        with self.lock:
            self.hits[key] += 1
            return self.hits[key]

    def count(self, prefix: str) -> int:
        with self.lock:
            return sum(n for k, n in self.hits.items() if k.startswith(prefix))


class FaultHandler(BaseHTTPRequestHandler):
    server: FaultServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    # ---- plumbing ----------------------------------------------------------------------------------
    def send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def html(self, text: str) -> None:
        self.send(200, text.encode("utf-8"))

    def xml(self, text: str) -> None:
        self.send(200, text.encode("utf-8"), "application/rss+xml; charset=utf-8")

    def not_found(self) -> None:
        self.send(404, b"<html><body><h1>404</h1></body></html>")

    def wait_for_client(self, seconds: float) -> None:
        """Hold the connection open without answering until the client leaves (or the time is up)."""
        self.connection.settimeout(0.2)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if self.connection.recv(1) == b"":
                    return
            except TimeoutError:
                continue
            except OSError:
                return

    def reset(self) -> None:
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    # ---- routing -----------------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - name fixed by http.server
        hostname, _, rest = self.path.lstrip("/").partition("/")
        path = "/" + rest.split("?", 1)[0]
        case = hostname.removesuffix("." + DOMAIN)
        n = self.server.hit(f"{case}{path}")
        try:
            if path == "/robots.txt":
                rules = "User-agent: *\nDisallow: /cam/\n" if case == "robots" else "User-agent: *\nAllow: /\n"
                return self.send(200, rules.encode(), "text/plain")
            if case in self.server.extra and self.server.extra[case](self, path):
                return None
            handler = getattr(self, f"case_{case}", None)
            if handler is not None and handler(path, n):
                return None
            return self.default(case, path)
        except (BrokenPipeError, ConnectionResetError):
            return None

    def default(self, case: str, path: str) -> None:
        if path == "/rss.xml":
            return self.xml(feed_xml(case, ["a1", "a2"] if case != "ok" else ["a1", "a2", "a3"]))
        if path.endswith(".html"):
            return self.html(article_html(case, path.strip("/").removesuffix(".html").split("/")[-1]))
        return self.not_found()

    # ---- one method per case: return True when the request was answered ----------------------------
    def case_e500(self, path: str, n: int) -> bool:
        if path == "/rss.xml":
            self.send(500, b"<html><body>Internal Server Error</body></html>")
            return True
        return False

    def case_e503(self, path: str, n: int) -> bool:
        if path.endswith(".html") and n == 1:
            self.send(503, b"busy", Retry_After="1")
            return True
        return False

    def case_e429(self, path: str, n: int) -> bool:
        if path == "/a1.html":
            self.send(429, b"slow down", Retry_After="1")
            return True
        return False

    def case_reset(self, path: str, n: int) -> bool:
        if path == "/a1.html":
            self.reset()
            return True
        return False

    def case_timeout(self, path: str, n: int) -> bool:
        if path == "/a1.html":
            self.wait_for_client(MAX_WAIT)
            return True
        return False

    def case_drip(self, path: str, n: int) -> bool:
        if path != "/a1.html":
            return False
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", "200")
        self.end_headers()
        for _ in range(100):
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(0.3)
        self.close_connection = True
        return True

    def case_truncated(self, path: str, n: int) -> bool:
        if path != "/a1.html":
            return False
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", "20000")
        self.end_headers()
        self.wfile.write(article_html("truncated", "a1").encode()[:2000])
        self.wfile.flush()
        self.close_connection = True
        return True

    def case_redirloop(self, path: str, n: int) -> bool:
        if path in ("/a1.html", "/a1b.html"):
            target = "/a1b.html" if path == "/a1.html" else "/a1.html"
            self.send(302, b"", Location=f"https://{host('redirloop')}{target}")
            return True
        return False

    def case_trap(self, path: str, n: int) -> bool:
        if path.startswith("/list/"):
            page = int(path.rsplit("/", 1)[-1] or 1)
            links = "".join(f'<a href="/trap-{page}-{k}.html">bài {page}-{k}</a> ' for k in (1, 2))
            self.html(f'<html><body>{links}<a href="/list/{page + 1}">trang sau</a></body></html>')
            return True
        return False

    def case_robots(self, path: str, n: int) -> bool:
        if path == "/rss.xml":
            self.xml(feed_xml("robots", ["cam/a1", "a2"]))
            return True
        return False

    def case_cp1258(self, path: str, n: int) -> bool:
        if path != "/a1.html":
            return False
        self.send(200, to_cp1258(article_html("cp1258", "a1", charset="windows-1258")), "text/html")
        return True

    def case_cp1252utf8(self, path: str, n: int) -> bool:
        if path != "/a1.html":
            return False
        page = article_html("cp1252utf8", "a1").replace('<meta charset="utf-8">', "").replace("Trang chủ", "Home")
        self.send(200, page.encode("cp1252"), "text/html; charset=utf-8")
        return True

    def case_double(self, path: str, n: int) -> bool:
        if path != "/a1.html":
            return False
        self.send(200, double_utf8(article_html("double", "a1")), "text/html; charset=utf-8")
        return True

    def case_huge(self, path: str, n: int) -> bool:
        if path != "/a1.html":
            return False
        filler = "<p>" + "Nội dung rất dài. " * 60 + "</p>\n"
        page = article_html("huge", "a1").replace(
            "</article>", filler * (int(MAXSIZE * 1.5) // len(filler)) + "</article>"
        )
        self.send(200, page.encode())
        return True

    def case_gzipbomb(self, path: str, n: int) -> bool:
        if path != "/a1.html":
            return False
        self.send(200, gzip_bomb(), Content_Encoding="gzip")
        return True

    def case_xmlbomb(self, path: str, n: int) -> bool:
        if path == "/rss.xml":
            self.xml(feed_xml("xmlbomb", ["a1", "a2"], dtd=BOMB_DTD, title="&lol9;"))
            return True
        return False

    def case_sitemapbomb(self, path: str, n: int) -> bool:
        if path == "/sitemap.xml":
            dtd = BOMB_DTD.replace("]>", '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
            urls = "".join(
                f"<url><loc>{article_url('sitemapbomb', a)}</loc><lastmod>&lol9;&xxe;</lastmod></url>"
                for a in ("a1", "a2")
            )
            body = f'<?xml version="1.0"?>\n{dtd}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            self.send(200, body.encode(), "application/xml")
            return True
        return False

    def case_notxml(self, path: str, n: int) -> bool:
        if path == "/rss.xml":
            self.html("<html><body><h1>Chúng tôi đang bảo trì</h1><p>Vui lòng quay lại sau.</p></body></html>")
            return True
        if path == "/sitemap.json":
            self.send(200, json.dumps({"urls": [article_url("notxml", "a1")]}).encode(), "application/xml")
            return True
        return False

    def case_brokenhtml(self, path: str, n: int) -> bool:
        if path != "/a1.html":
            return False
        page = article_html("brokenhtml", "a1")
        page = (
            page.replace("</p>", "<b><i></p></b>", 2)
            .replace("</article>", "<div><table><tr><td>")
            .replace("</html>", "<p")
        )
        self.send(200, page.encode())
        return True

    def case_badjsonld(self, path: str, n: int) -> bool:
        if path != "/a1.html":
            return False
        bad = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x", </script>'
        self.html(article_html("badjsonld", "a1", extra_head=bad))
        return True

    def case_binary(self, path: str, n: int) -> bool:
        if path != "/a1.html":
            return False
        self.send(200, random.Random(7).randbytes(50_000), "text/html")
        return True

    def case_empty(self, path: str, n: int) -> bool:
        if path != "/a1.html":
            return False
        self.send(200, b"")
        return True


def gated_case(count: int, fast: int = 0) -> Callable[[FaultHandler, str], bool]:
    """A case (for `FaultServer.extra`) whose feed lists `count` articles; beyond the first `fast`,
    pages set `arrived` and wait for the server's gate: the process tests stop a crawl mid-page."""

    def handle(handler: FaultHandler, path: str) -> bool:
        case = handler.path.lstrip("/").split(".", 1)[0]
        if path == "/rss.xml":
            handler.xml(feed_xml(case, [f"p{i}" for i in range(count)]))
            return True
        name = path.strip("/").removesuffix(".html")
        if name.startswith("p") and int(name[1:]) >= fast:
            handler.server.arrived.set()
            handler.server.gate.wait(MAX_WAIT)
        handler.html(article_html(case, name))
        return True

    return handle


def outlet_toml(case: str, **overrides: object) -> str:
    """The [[outlet]] block of one fault case, as a user would write it in the config file."""
    fields: dict[str, object] = {
        "name": host(case),
        "feeds": [f"https://{host(case)}/rss.xml"],
        "article_url": rf"^https://{case}\.baomau\.vn/.+\.html$",
    }
    if case == "trap":
        fields.update(feeds=[], sections=[f"https://{host(case)}/list/1"], pagination=r"/list/\d+$")
    if case == "sitemapbomb":
        fields.update(feeds=[], sitemaps=[f"https://{host(case)}/sitemap.xml"])
    if case == "notxml":
        fields["sitemaps"] = [f"https://{host(case)}/sitemap.json"]
    fields.update(overrides)
    lines = ["[[outlet]]"] + [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items()]
    return "\n".join(lines) + "\n"


def write_config(path: Path, cases: list[str], extra: str = "") -> Path:
    path.write_text(extra + "\n" + "\n".join(outlet_toml(c) for c in cases), encoding="utf-8")
    return path
