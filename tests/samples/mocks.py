"""What the tests of the mock outlets share: the committed articles and manifest, the URL -> file
rule, the mirror request path, one raw HTTP request, and one assertion for a list of problems."""

from __future__ import annotations

import http.client
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from samples.build import SITES, load_articles
from samples.mock.common import Article
from samples.mock.site import file_for

ARTICLES: list[Article] = [a for items in load_articles().values() for a in items]
MANIFEST: dict[str, dict[str, Any]] = json.loads((SITES / "manifest.json").read_text(encoding="utf-8"))
REBUILD = "run python -m samples.build"


def final_url(url: str) -> str:
    """Where a URL really answers: nld.com.vn redirects every path to tuoitre.vn/nld (see its _redirects.json).

    Written here again on purpose, not taken from the templates, so the generator is checked against
    an independent statement of the rule.
    """
    parts = urlsplit(url)
    if parts.hostname == "nld.com.vn":
        return "https://tuoitre.vn/nld" + parts.path + (f"?{parts.query}" if parts.query else "")
    return url


def challenged(outlet: str) -> bool:
    """Outlets whose mock answers a JavaScript cookie challenge first (laodong)."""
    return (SITES / outlet / "_rules.json").is_file()


def local_file(url: str) -> Path:
    """File under samples/sites that serves a real URL (same rule as the server)."""
    parts = urlsplit(final_url(url))
    host = (parts.hostname or "").removeprefix("www.")
    return SITES / host / file_for(unquote(parts.path), parts.query)


def mirror_path(url: str) -> str:
    """Request path the crawler's mirror middleware sends for a real URL."""
    parts = urlsplit(url)
    path = quote(unquote(parts.path), safe="/+")
    return f"/{parts.netloc}{path}" + (f"?{parts.query}" if parts.query else "")


def fetch(
    base: str, path: str, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One request without following redirects."""
    conn = http.client.HTTPConnection(urlsplit(base).netloc, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def no_problems(problems: list[str], what: str, limit: int = 40) -> None:
    """One assertion for a whole-site check: every problem found, not only the first."""
    shown = "\n".join(problems[:limit]) + (f"\n... and {len(problems) - limit} more" if len(problems) > limit else "")
    assert not problems, f"{what}: {len(problems)} problem(s)\n{shown}"
