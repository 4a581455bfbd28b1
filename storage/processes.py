"""Is a process that wrote a lease or a run row still there? Only this host's processes can be told."""

from __future__ import annotations

import os
import socket


def this_host() -> str:
    return socket.gethostname()


def process_is_gone(host: str | None, pid: int | None) -> bool:
    """True only when the process ran on this host and no longer exists (or is a zombie)."""
    if host != this_host() or pid is None or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, owned by someone else
        return False
    return _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[-1].split()[0] == "Z"
    except (OSError, IndexError):
        return False
