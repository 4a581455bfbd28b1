"""Logging for unattended runs: one key=value line per event, in a rotating file under the state dir.

Nobody watches a cron run or the daemon, so their log must be greppable (`grep 'run=42'`), bounded in
size, and in a known place: `$XDG_STATE_HOME/newsmon/logs/` (config `log_dir`, env `NEWSMON_LOG_DIR`).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from datetime import datetime
from pathlib import Path

from newsmon.core.time import LOCAL_TZ

MAX_BYTES = 5 * 1024 * 1024
BACKUPS = 5
_context: dict[str, object] = {}  # fields added to every line of this process (run id, trigger)


def default_log_dir() -> Path:
    if env := os.environ.get("NEWSMON_LOG_DIR"):
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "newsmon" / "logs"


def set_context(**fields: object) -> None:
    _context.update({k: v for k, v in fields.items() if v is not None})


def _quote(value: object) -> str:
    text = str(value)
    if text and not any(c in text for c in ' "=\n\t\\'):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


class KeyValueFormatter(logging.Formatter):
    """`ts=... level=INFO logger=... pid=... run=7 msg="..."`: one line per record, values quoted when needed."""

    def format(self, record: logging.LogRecord) -> str:
        ts = datetime.fromtimestamp(record.created, LOCAL_TZ).isoformat(timespec="milliseconds")
        fields: dict[str, object] = {"ts": ts, "level": record.levelname, "logger": record.name, "pid": record.process}
        fields.update(_context)
        fields["msg"] = record.getMessage()
        if record.exc_info:
            fields["exc"] = self.formatException(record.exc_info)
        return " ".join(f"{k}={_quote(v)}" for k, v in fields.items())


def file_handler(path: Path, level: int = logging.INFO) -> logging.Handler:
    """A size-rotated log file (5 x 5 MB); the folder is created on first use."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setLevel(level)
    handler.setFormatter(KeyValueFormatter())
    return handler


def console_handler(level: int, structured: bool = False) -> logging.Handler:
    handler = logging.StreamHandler()
    handler.setLevel(level)
    plain = logging.Formatter("%(levelname)s %(name)s: %(message)s")
    handler.setFormatter(KeyValueFormatter() if structured else plain)
    return handler


def configure(console_level: int, log_file: Path | None, *, structured_console: bool = False) -> None:
    """Replace the root handlers: the console at `console_level`, the file (if any) at INFO or lower."""
    handlers = [console_handler(console_level, structured_console)]
    if log_file is not None:
        handlers.append(file_handler(log_file, min(logging.INFO, console_level)))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(min(h.level for h in handlers))
