"""`newsmon --help` stays fast: the root group imports no command module, nor what they need."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from newsmon.cli import cli
try:
    cli.main(["--help"], prog_name="newsmon")
except SystemExit:
    pass
heavy = {"crawler", "storage", "scheduler", "samples", "sqlalchemy", "scrapy"}
light = {"newsmon.cli.common", "newsmon.cli.lazy"}  # what the root group itself needs
print(sorted(
    name for name in sys.modules
    if name.split(".")[0] in heavy or (name.startswith("newsmon.cli.") and name not in light)
))
"""


def test_root_help_imports_no_command_module() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert "Commands:" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"
