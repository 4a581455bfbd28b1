"""Leases across processes: one conditional statement decides, stale leases are taken over, renewals hold."""

from __future__ import annotations

import multiprocessing as mp
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import update

from newsmon.core.time import utcnow
from storage.archive import Archive
from storage.leases import Leases, Renewer, holder_is_dead, make_holder
from storage.models import Lease


def test_acquire_renew_release(archive: Archive) -> None:
    a, b = Leases(archive.engine, "host/1/a/x"), Leases(archive.engine, "host/2/b/y")
    assert a.acquire("outlet:x")
    assert a.acquire("outlet:x")  # ours already: taking it again renews it
    assert not b.acquire("outlet:x")
    assert b.acquire("outlet:y")
    assert a.renew(["outlet:x", "outlet:y"]) == ["outlet:y"]  # y was never ours
    a.release(["outlet:x"])
    assert b.acquire("outlet:x")
    assert a.get("outlet:x").holder == "host/2/b/y"  # type: ignore[union-attr]


def test_expired_lease_is_taken_over_and_the_loser_notices(archive: Archive) -> None:
    dead, alive = Leases(archive.engine, "otherhost/1/run-7/x"), Leases(archive.engine, "otherhost/2/run-8/y")
    assert dead.acquire("outlet:z")
    assert not alive.acquire("outlet:z")
    with archive.engine.begin() as conn:  # its holder stopped renewing long ago
        conn.execute(update(Lease).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert alive.acquire("outlet:z")
    assert alive.taken_over == {"outlet:z": "otherhost/1/run-7/x"}
    assert dead.renew(["outlet:z"]) == ["outlet:z"]  # the old holder learns it lost the lease


def test_lease_of_a_dead_process_on_this_host_is_taken_over_at_once(archive: Archive) -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    holder = make_holder("run-1").replace(f"/{__import__('os').getpid()}/", f"/{child.pid}/", 1)
    assert holder_is_dead(holder)
    assert Leases(archive.engine, holder, ttl=3600).acquire("outlet:q")
    assert Leases(archive.engine).acquire("outlet:q")  # not expired, but its holder is gone


def test_renewer_keeps_the_lease_alive(archive: Archive) -> None:
    leases = Leases(archive.engine, ttl=0.3)
    assert leases.acquire("outlet:r")
    first = leases.get("outlet:r").expires_at  # type: ignore[union-attr]
    with Renewer(leases, ["outlet:r"]) as renewer:
        renewer._stop.wait(1.0)  # let a few renewal ticks pass
    assert leases.get("outlet:r").expires_at > first  # type: ignore[union-attr,operator]


def _contend(db_url: str, barrier: object, rounds: int, counter: str, results: object) -> None:
    """One competitor: try the lease `rounds` times; while holding it, do a non-atomic read-modify-write."""
    archive = Archive(db_url)
    leases = Leases(archive.engine, make_holder("race"))
    wins = 0
    barrier.wait()  # type: ignore[attr-defined]
    for _ in range(rounds):
        if leases.acquire("outlet:race"):
            path = Path(counter)
            value = int(path.read_text())
            path.write_text(str(value + 1))  # would lose updates if two held the lease at once
            wins += 1
            leases.release(["outlet:race"])
    results.put(wins)  # type: ignore[attr-defined]
    archive.close()


def test_many_processes_race_for_one_lease(db_url: str, tmp_path: Path) -> None:
    Archive(db_url).close()  # schema first
    counter = tmp_path / "counter"
    counter.write_text("0")
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(4), ctx.Queue()
    procs = [ctx.Process(target=_contend, args=(db_url, barrier, 10, str(counter), results)) for _ in range(4)]
    for proc in procs:
        proc.start()
    wins = [results.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
        assert proc.exitcode == 0
    assert sum(wins) > 0
    assert int(counter.read_text()) == sum(wins)  # mutual exclusion: no update was lost
