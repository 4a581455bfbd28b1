"""Outlet health (crawler/run/health.py): backoff of failing outlets, adaptive polling, who is eligible.

Fast tests (no crawl, no daemon); the schedule and daemon tests are in test_scheduler.py.
"""

from __future__ import annotations

from crawler.run.health import HealthPolicy, OutletOutcome, backoff_seconds, eligible, next_interval, record_outcomes
from storage.archive import Archive


def test_backoff_grows_exponentially_and_is_capped() -> None:
    policy = HealthPolicy(backoff_after=2, backoff_base_s=600, backoff_max_s=3000)
    assert [backoff_seconds(n, policy) for n in range(1, 6)] == [None, 600, 1200, 2400, 3000]


def test_polling_interval_adapts_within_bounds() -> None:
    policy = HealthPolicy(poll_default_s=1000, poll_min_s=300, poll_max_s=2000)
    assert next_interval(None, 10, 9, policy) == 500  # mostly new: sooner
    assert next_interval(400, 10, 10, policy) == 300  # never below the minimum
    assert next_interval(1000, 10, 0, policy) == 1500  # nothing new: later
    assert next_interval(1800, 10, 0, policy) == 2000  # never above the maximum
    assert next_interval(1000, 10, 3, policy) == 1000  # in between: unchanged
    assert next_interval(1000, 0, 0, policy) == 1000  # nothing listed: no evidence


def test_failing_outlet_is_backed_off_then_skipped_unless_forced(archive: Archive) -> None:
    policy = HealthPolicy(backoff_after=2, backoff_base_s=600)
    broken = OutletOutcome("broken.vn", pages=0, errors=3, last_error="feed https://broken.vn/rss: 500")
    healthy = OutletOutcome("fine.vn", pages=5, stored=2, listed=4, new=4)
    record_outcomes(archive, [broken, healthy], policy)
    assert eligible(archive, ["broken.vn", "fine.vn"])[0] == ["broken.vn", "fine.vn"]  # one failure: no backoff yet
    record_outcomes(archive, [broken], policy)
    chosen, skipped = eligible(archive, ["broken.vn", "fine.vn"])
    assert chosen == ["fine.vn"] and skipped[0].name == "broken.vn" and "backed off until" in skipped[0].reason
    assert eligible(archive, ["broken.vn"], force=True)[0] == ["broken.vn"]
    # adaptive: fine.vn was just crawled, so it is not due; an interrupted run does not count as a failure
    assert eligible(archive, ["fine.vn"], due_only=True)[0] == []
    record_outcomes(archive, [OutletOutcome("fine.vn", errors=2)], policy, interrupted=True)
    states = archive.outlet_states(["broken.vn", "fine.vn"])
    assert states["broken.vn"].consecutive_failures == 2 and states["fine.vn"].consecutive_failures == 0
    assert states["fine.vn"].poll_interval_s == policy.poll_default_s // 2  # all four listed links were new
    record_outcomes(archive, [OutletOutcome("broken.vn", pages=3, stored=1)], policy)
    assert archive.outlet_states(["broken.vn"])["broken.vn"].backoff_until is None  # one success clears it
