"""The process of one scheduled crawl: `python -P -m scheduler.child DAEMON_PID <newsmon arguments>`.

`-P` keeps the daemon's working folder off `sys.path`, so a `newsmon/` folder there cannot shadow the
installed package (PYTHONPATH still applies). Before anything else the child arranges to die with the
daemon: a SIGKILLed daemon would otherwise leave its crawl running with no time limit. A thread watches
the parent pid and sends this process exactly one SIGTERM once it is re-parented; the crawl then stops
gracefully and ends its run `interrupted`. Not prctl(PR_SET_PDEATHSIG): the kernel sends that signal
each time the child is handed from a dying thread of the (threaded) daemon to the next, and a second
SIGTERM makes Scrapy stop at once, uncleanly. Then it is `python -m newsmon` (run by name: the
scheduler layer does not import the CLI).
"""

from __future__ import annotations

import os
import runpy
import signal
import sys
import threading

WATCH_S = 0.5  # how often the watcher looks at the parent pid


def die_with_parent(parent_pid: int) -> None:
    """SIGTERM this process once when the daemon `parent_pid` is gone; exit now if it is gone already."""
    if os.getppid() != parent_pid:  # the daemon died while we started: nobody would stop this crawl
        sys.stderr.write(f"newsmon: error: the daemon (pid {parent_pid}) is gone; not starting the crawl\n")
        sys.exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), name="parent-watch", daemon=True).start()


def _watch(parent_pid: int) -> None:
    tick = threading.Event()
    while not tick.wait(WATCH_S):
        if os.getppid() != parent_pid:  # re-parented to init (or a subreaper): the daemon is gone
            os.kill(os.getpid(), signal.SIGTERM)
            return


def main() -> None:
    parent_pid, *args = sys.argv[1:]
    die_with_parent(int(parent_pid))
    sys.argv = [sys.argv[0], *args]
    runpy.run_module("newsmon", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
