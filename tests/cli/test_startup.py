"""`newsmon --help` stays fast: the root group imports no command module, nor what they need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


SEARCH_PROBE = """
import sys
from newsmon.cli import cli
try:
    cli.main(["--db", sys.argv[1], "search", "chính phủ số"], prog_name="newsmon")
except SystemExit:
    pass
heavy = {"scipy", "datasketch", "scrapy", "twisted", "py3langid", "dateparser"}
print(sorted({name.split(".")[0] for name in sys.modules} & heavy))
"""


def test_search_loads_no_crawl_or_dedup_machinery(tmp_path: Path) -> None:
    """A query on the archive costs imports of the archive only: no MinHash (scipy), Scrapy or language model."""
    db = tmp_path / "a.sqlite3"
    subprocess.run([sys.executable, "-m", "newsmon", "--db", str(db), "ingest", "/dev/null"], capture_output=True, check=False)
    result = subprocess.run([sys.executable, "-c", SEARCH_PROBE, str(db)], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout
