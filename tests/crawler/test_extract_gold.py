"""Every mock article page, extracted offline with its outlet's profile, equals its gold record field by field.

One test per outlet folder in samples/gold, so outlets added to the mocks are measured without
touching this file. The mocks are ours: anything below 100% is a bug in the extractor, the cleaner,
the profile or the gold.
"""

from __future__ import annotations

import pytest

from bench.field_accuracy import FIELDS, outlets, score_outlet, table
from crawler.outlets.registry import Registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.builtin()


def test_there_are_mock_outlets_to_measure() -> None:
    assert len(outlets()) >= 3


@pytest.mark.parametrize("outlet", outlets())
def test_outlet_fields_match_gold(outlet: str, registry: Registry) -> None:
    score = score_outlet(outlet, registry)
    print("\n" + table([score]))  # the per-field accuracy, shown with pytest -s
    assert score.pages > 0
    lines = [f"{page_id} {name}: got {got!r}\n    gold {want!r}" for name, page_id, got, want in score.misses]
    assert not lines, f"{outlet}: {len(lines)} field(s) differ\n" + "\n".join(lines)
    assert all(score.accuracy(name) == 1.0 for name in FIELDS)
