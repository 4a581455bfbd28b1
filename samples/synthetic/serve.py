"""The mock server over a synthetic site, and the site's ground truth.

`newsmon samples serve --synthetic N [--seed S]` runs `main`; tests and benches use `serving(n, seed)`
and `ground_truth(n, seed)`. The truth is also served at `GET /_synthetic/truth.json` (a path no
outlet host can take: the server never serves `_` folders), so a bench that only knows the mirror URL
can score the dedup and relevance outcomes of a crawl.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

from samples.server import ROOT, MockServer, ServerURL, serve_until_interrupted, serving_in_thread
from samples.synthetic.generator import COPY_SHARE, OFFTOPIC_SHARE
from samples.synthetic.site import SyntheticSite

TRUTH_HOST = "_synthetic"


def ground_truth(n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """Every page, oldest first: `url`, `outlet`, `kind` (original | copy | offtopic), `copy_of` for a copy.

    Lazy: one page at a time, so a bench can walk a site of millions of pages.
    """
    return SyntheticSite(n, seed).gen.truth()


def truth_document(site: SyntheticSite) -> dict[str, Any]:
    """The JSON document of `/_synthetic/truth.json`."""
    return {
        "n": site.gen.n,
        "seed": site.gen.seed,
        "shares": {"copy": COPY_SHARE, "offtopic": OFFTOPIC_SHARE},
        "pages": list(site.gen.truth()),
    }


class SyntheticServer(MockServer):
    """The mock server answering from a synthetic site instead of `samples/sites`."""

    def __init__(self, address: tuple[str, int], site: SyntheticSite, verbose: bool = False) -> None:
        super().__init__(address, ROOT, verbose)
        self.site = site

    def rules(self, host: str) -> dict:
        return self.site.rules(host)

    def redirects(self, host: str) -> dict[str, str]:
        return self.site.redirects(host)

    def content(self, host: str, rest: str, query: str) -> tuple[bytes, str] | None:
        if host == TRUTH_HOST:
            if rest.strip("/") != "truth.json":
                return None
            return json.dumps(truth_document(self.site), ensure_ascii=False).encode(), "truth.json"
        found = self.site.file(host, rest, query)
        return (found[0].encode(), found[1]) if found else None


def make_server(n: int, seed: int = 0, port: int = 0, host: str = "127.0.0.1") -> SyntheticServer:
    """Bind (port 0 picks a free port) without starting to serve."""
    return SyntheticServer((host, port), SyntheticSite(n, seed))


def serving(n: int, seed: int = 0, port: int = 0) -> AbstractContextManager[ServerURL]:
    """Serve a synthetic site in a daemon thread; yields `http://127.0.0.1:<port>` (with `.server`)."""
    return serving_in_thread(make_server(n, seed, port), "synthetic-outlets")


def main(port: int, n: int, seed: int = 0) -> None:
    """Serve forever (`newsmon samples serve --synthetic N`)."""
    server = make_server(n, seed, port)
    serve_until_interrupted(
        server,
        f"Synthetic outlets ({n} pages, seed {seed}) on http://127.0.0.1:{server.server_address[1]}/<host>/; "
        f"truth at /{TRUTH_HOST}/truth.json",
    )
