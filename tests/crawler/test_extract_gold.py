"""Every mock article page, extracted offline with its outlet's profile, equals its gold record field by field.

One test per outlet folder in samples/gold, so outlets added to the mocks are measured without
touching this file. The mocks are ours: anything below 100% is a bug in the extractor, the cleaner,
the profile or the gold. The comparison is samples/gold.py; the extraction is done here.
"""

from __future__ import annotations

from typing import Any

import pytest

from crawler.outlets.registry import Registry
from crawler.process import process_page
from newsmon.core.records import FetchedPage
from samples.gold import FIELDS, GoldPage, misses_report, outlets, score_outlet, table


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.builtin()



def record_of(page: GoldPage, registry: Registry) -> dict[str, Any]:
    """What `newsmon extract --json` gives for the page."""
    return process_page(FetchedPage(page.gold["url"], "", page.html_path.read_bytes()), registry).to_json()


def test_there_are_mock_outlets_to_measure() -> None:
    assert len(outlets()) >= 3


@pytest.mark.parametrize("outlet", outlets())
def test_outlet_fields_match_gold(outlet: str, registry: Registry) -> None:
    score = score_outlet(outlet, lambda page: record_of(page, registry))
    print("\n" + table([score]))  # the per-field accuracy, shown with pytest -s
    assert score.pages > 0
    assert not score.misses, f"{outlet}: {len(score.misses)} field(s) differ\n" + misses_report(score)
    assert all(score.accuracy(name) == 1.0 for name in FIELDS)
