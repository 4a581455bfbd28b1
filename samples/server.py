"""HTTP server for the mock outlets under `samples/sites/`.

The crawler's mirror middleware rewrites a real URL `https://<host><path>?<query>` into
`GET /<host><path>?<query>` on this server, so the crawler, the tests and a user all see the same
pages while the stored URLs stay the outlets' real ones.

File mapping (`samples/sites/<host>/...`), tried in this order:

1. `<host>` is lower-cased, a `:port` and a leading `www.` are dropped; the path is percent-decoded.
2. `_redirects.json` in the host folder maps a path (`/a.htm`, or `/a.htm?x=1` to match one query)
   to an absolute real URL, answered with `301 Location: <url>`. The key `/*` redirects every other
   path of the host: `{path}` in its value is replaced by the request's path and query (a whole
   domain that moved, like nld.com.vn -> tuoitre.vn/nld).
3. With a query string, `<path>@<canonical query>` where the canonical query is its `k=v` pairs
   sorted, each part percent-encoded (`canonical_query`); e.g. `tim-kiem.htm@keywords=ch%C3%ADnh`.
4. `<path>` itself, ignoring the query (as real sites ignore `utm_*` and similar parameters).
5. A path that is a folder (or has no extension, like vnexpress `/thoi-su`) is served from
   `<path>/index.html`; `/<host>/` is the home page `<host>/index.html`.

Path segments starting with `_` or `.` are never served, nor anything outside `samples/sites`
(so `samples/gold` is out of reach). Unknown paths get a small HTML 404.

Dynamic rules per host, in `_rules.json` (applied before everything above):

* `{"js_cookie_challenge": {"cookie": "D1N"}}`: a request without the cookie gets HTTP 200 and a
  ~200 byte page whose script sets it and reloads (laodong.vn's anti-bot page); the value is random
  per server, so a client must read it from the page.
* `{"retry_after": {"status": 429, "seconds": 1, "times": 1}}`: the first `times` requests of every
  path get that status with `Retry-After: <seconds>` (tests of the back-off).

Files are sent with an `ETag` and `Cache-Control: no-cache`; `If-None-Match` with the current tag is
answered `304 Not Modified`, so an HTTP cache revalidates feeds and sitemaps instead of refetching.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlsplit

ROOT = Path(__file__).resolve().parent / "sites"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".jpg": "image/jpeg",
    ".png": "image/png",
}

NOT_FOUND = (
    '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>404 - Không tìm thấy trang'
    "</title></head><body><h1>404</h1><p>Trang bạn tìm không tồn tại hoặc đã bị gỡ.</p></body></html>\n"
)


def canonical_query(query: str) -> str:
    """Order-independent, ASCII-only spelling of a query string, used in file names."""
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)


def split_host(path: str) -> tuple[str, str]:
    """`/www.Host.vn:443/a/b` -> (`host.vn`, `a/b`)."""
    head, _, rest = path.lstrip("/").partition("/")
    host = head.lower().split(":", 1)[0].removeprefix("www.")
    return host, rest


class MockServer(ThreadingHTTPServer):
    """Threaded server that remembers every request so tests can count them."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], root: Path, verbose: bool = False) -> None:
        super().__init__(address, MirrorHandler)
        self.root = root.resolve()
        self.verbose = verbose
        self.request_log: list[tuple[str, str]] = []
        self.request_times: list[float] = []  # monotonic time of each logged request, same order
        self.challenge_value = secrets.token_hex(16)
        self._hits: dict[str, int] = {}
        self._lock = threading.Lock()

    def record(self, method: str, path: str) -> None:
        """Append one request to the log (thread-safe)."""
        with self._lock:
            self.request_log.append((method, path))
            self.request_times.append(time.monotonic())

    def hit(self, key: str) -> int:
        """How many times `key` was asked for, this request included."""
        with self._lock:
            self._hits[key] = self._hits.get(key, 0) + 1
            return self._hits[key]

    def rules(self, host: str) -> dict:
        """The host's `_rules.json`, or nothing."""
        file = self.root / host / "_rules.json"
        return json.loads(file.read_text(encoding="utf-8")) if file.is_file() else {}

    def count(self, path: str | None = None, method: str | None = None) -> int:
        """Requests seen for a path (as sent, query included) and/or method."""
        with self._lock:
            return sum(
                1
                for m, p in self.request_log
                if (path is None or p == path) and (method is None or m == method)
            )

    def redirects(self, host: str) -> dict[str, str]:
        """The host's `_redirects.json` map, or nothing."""
        file = self.root / host / "_redirects.json"
        if not file.is_file():
            return {}
        return json.loads(file.read_text(encoding="utf-8"))

    def resolve(self, host: str, rest: str, query: str) -> Path | None:
        """File serving `/<host>/<rest>?<query>`, following the rules in the module docstring."""
        segments = [s for s in rest.split("/") if s]
        if not host or host.startswith((".", "_")) or any(s.startswith((".", "_")) for s in segments):
            return None
        base = self.root / host
        if not base.is_dir():
            return None
        rel = "/".join(segments)
        suffixes = [f"@{canonical_query(query)}", ""] if query else [""]
        for suffix in suffixes:
            for name in (rel, f"{rel}/index.html" if rel else "index.html"):
                if not name:
                    continue
                candidate = (base / f"{name}{suffix}").resolve()
                if candidate.is_relative_to(self.root) and candidate.is_file():
                    return candidate
        return None


    def content(self, host: str, rest: str, query: str) -> tuple[bytes, str] | None:
        """(body, file name) answering `/<host>/<rest>?<query>`; the name's suffix gives the type.

        The one hook a server of generated pages (samples/synthetic) overrides, with `rules` and `redirects`.
        """
        file = self.resolve(host, rest, query)
        return (file.read_bytes(), file.name) if file is not None else None


class MirrorHandler(BaseHTTPRequestHandler):
    """Serves `GET|HEAD /<host><path>?<query>` from the mock sites."""

    server: MockServer
    protocol_version = "HTTP/1.1"
    server_version = "newsmon-mock/1.0"

    def do_GET(self) -> None:  # noqa: N802 - name fixed by http.server
        self._respond(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - name fixed by http.server
        self._respond(with_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Silent unless the server is verbose: tests and crawls would drown in per-request lines."""
        if self.server.verbose:
            super().log_message(format, *args)

    def _respond(self, with_body: bool) -> None:
        self.server.record(self.command, self.path)
        parts = urlsplit(self.path)
        host, rest = split_host(unquote(parts.path))
        if not host:
            self._send(HTTPStatus.OK, self._index().encode(), CONTENT_TYPES[".html"], with_body)
            return
        if self._apply_rules(host, with_body):
            return
        target = self._redirect_target(host, rest, parts.query)
        if target:
            body = f'<html><body>Moved to <a href="{target}">{target}</a></body></html>'.encode()
            self._send(HTTPStatus.MOVED_PERMANENTLY, body, CONTENT_TYPES[".html"], with_body, target)
            return
        found = self.server.content(host, rest, parts.query)
        if found is None:
            self._send(HTTPStatus.NOT_FOUND, NOT_FOUND.encode(), CONTENT_TYPES[".html"], with_body)
            return
        data, name = found
        kind = CONTENT_TYPES.get(Path(name.split("@", 1)[0]).suffix, "application/octet-stream")
        etag = '"' + hashlib.sha1(data).hexdigest()[:20] + '"'
        if etag in (self.headers.get("If-None-Match") or ""):
            self._send(HTTPStatus.NOT_MODIFIED, b"", kind, False, etag=etag)
            return
        self._send(HTTPStatus.OK, data, kind, with_body, etag=etag)

    def _apply_rules(self, host: str, with_body: bool) -> bool:
        """Dynamic per-host behaviour (see the module docstring); True when it answered the request."""
        rules = self.server.rules(host)
        retry = rules.get("retry_after")
        if retry and self.server.hit(self.path) <= int(retry.get("times", 1)):
            body = b"<html><body>Too many requests</body></html>"
            self._send(HTTPStatus(int(retry.get("status", 429))), body, CONTENT_TYPES[".html"], with_body,
                       extra={"Retry-After": str(retry.get("seconds", 1))})
            return True
        challenge = rules.get("js_cookie_challenge")
        if challenge:
            name = challenge.get("cookie", "D1N")
            value = self.server.challenge_value
            cookies = self.headers.get("Cookie") or ""
            if not re.search(rf"(?:^|;\s*){re.escape(name)}={value}(?:;|$)", cookies):
                page = (
                    f'<html><head><script>document.cookie="{name}={value}"+"; expires=Fri, 01 Jan 2038 00:00:00'
                    ' GMT; path=/"; window.location.reload(true);</script></head><body></body></html>'
                )
                self._send(HTTPStatus.OK, page.encode(), CONTENT_TYPES[".html"], with_body)
                return True
        return False

    def _redirect_target(self, host: str, rest: str, query: str) -> str | None:
        table = self.server.redirects(host)
        path = "/" + rest
        found = (table.get(f"{path}?{query}") if query else None) or table.get(path)
        if found is None and "/*" in table:
            found = table["/*"].replace("{path}", path + (f"?{query}" if query else ""))
        return found

    def _index(self) -> str:
        hosts = sorted(p.name for p in self.server.root.iterdir() if p.is_dir() and p.name[0] not in "._")
        links = "".join(f'<li><a href="/{h}/">{h}</a></li>' for h in hosts)
        return f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Mock outlets</title></head>' \
            f"<body><ul>{links}</ul></body></html>"

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        kind: str,
        with_body: bool,
        location: str | None = None,
        *,
        etag: str | None = None,
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        if etag:
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "no-cache")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if with_body:
            self.wfile.write(body)


def make_server(port: int = 0, host: str = "127.0.0.1", root: Path | None = None) -> MockServer:
    """Bind (port 0 picks a free port) without starting to serve."""
    return MockServer((host, port), root or ROOT)


class ServerURL(str):
    """Base URL string that also carries the running server (for `request_log`)."""

    server: MockServer


def serving(port: int = 0) -> AbstractContextManager[ServerURL]:
    """Run the mock server in a daemon thread; yields `http://127.0.0.1:<port>` (with `.server`)."""
    return serving_in_thread(make_server(port), "mock-outlets")


@contextmanager
def serving_in_thread(server: MockServer, name: str) -> Iterator[ServerURL]:
    """Serve a bound server in a daemon thread until the block ends (the mock or a synthetic site)."""
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    url = ServerURL(f"http://127.0.0.1:{server.server_address[1]}")
    url.server = server
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main(port: int) -> None:
    """Serve forever (`newsmon samples serve --port N`)."""
    server = make_server(port)
    serve_until_interrupted(server, f"Mock outlets on http://127.0.0.1:{server.server_address[1]}/<host>/")


def serve_until_interrupted(server: MockServer, banner: str) -> None:
    """Say where on stderr, then serve in the foreground until Ctrl-C (the mock or a synthetic site)."""
    print(banner, file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8765)
