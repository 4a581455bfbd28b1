"""The per-article work of a crawl: each step once per page.

Language detection and structured-metadata parsing are counted for one page through `process_page`
(every module holding a reference to the function is spied on, so a new caller counts too). The
language model, loaded lazily, is loaded once even when threads ask for it at the same time.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import crawler.clean.language as language
import crawler.extract.structured as structured
from crawler.outlets.registry import Registry
from crawler.process import process_page
from newsmon.core.records import FetchedPage
from samples.gold import gold_pages, outlets

ROOT = Path(__file__).resolve().parents[2]


def _spy_everywhere(monkeypatch: pytest.MonkeyPatch, fn: Callable[..., Any]) -> list[int]:
    """Count calls of `fn` through every loaded crawler module that imported it."""
    calls: list[int] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return fn(*args, **kwargs)

    for name, module in list(sys.modules.items()):
        if name.split(".")[0] in ("crawler", "newsmon") and module is not None:
            for attr, value in list(vars(module).items()):
                if value is fn:
                    monkeypatch.setattr(module, attr, spy)
    return calls


def _gold_page(outlet: str) -> FetchedPage:
    page = next(gold_pages(outlet))
    return FetchedPage(page.gold["url"], "", page.html_path.read_bytes())


@pytest.mark.parametrize("url", [None, "https://unknown.example/tin/a.html"], ids=["profile", "generic"])
def test_language_and_structured_data_are_read_once_per_page(monkeypatch: pytest.MonkeyPatch, url: str | None) -> None:
    registry = Registry.builtin()
    page = _gold_page(outlets()[0])
    if url is not None:  # the same page under a URL no profile owns: the generic extractor's path
        page = FetchedPage(url, "", page.body)
    expected = process_page(page, registry)
    detections = _spy_everywhere(monkeypatch, language.detect_language)
    parses = _spy_everywhere(monkeypatch, structured.structured_metadata)
    article = process_page(page, registry)
    assert article == expected
    assert article.language is not None
    assert len(detections) == 1
    assert len(parses) == 1


def _clear_model_caches() -> None:
    for name in ("_identifier", "_load_model"):
        cached = getattr(language, name, None)
        if cached is not None:
            cached.cache_clear()


def test_worker_threads_load_the_language_model_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from py3langid.langid import LanguageIdentifier

    loads: list[int] = []
    real = LanguageIdentifier.from_model_file

    def slow_load(*args: Any, **kwargs: Any) -> Any:
        loads.append(1)
        time.sleep(0.2)  # long enough for every thread to ask before the first load is done
        return real(*args, **kwargs)

    monkeypatch.setattr(LanguageIdentifier, "from_model_file", slow_load)
    _clear_model_caches()
    try:
        threads = [threading.Thread(target=language.detect_language, args=("The portal opens for citizens today.",))
                   for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        _clear_model_caches()  # the next caller loads the real, unpatched model again
    assert len(loads) == 1
