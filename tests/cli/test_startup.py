"""`newsmon --help` stays fast: the root group imports no command module, nor what they need."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

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


# What a crawl process with nothing to fetch must not load: the crawl engine, and what only a page needs
# (language model, dateparser, MinHash with scipy, the extractor and cleaner).
PER_ARTICLE = {"py3langid", "dateparser", "datasketch", "scipy"}
ENGINE = {"scrapy", "twisted", "rich"}
IDLE_RUN_PROBE = """
import sys
from crawler.outlets.registry import Registry
from crawler.relevance.topics import load_topics
from crawler.run.runner import CrawlOptions, run_crawl
from storage.archive import Archive

registry = Registry.builtin()
options = CrawlOptions(outlets=[registry.get("tuoitre.vn")], registry=registry, topics=load_topics(),
                       due_only=True)
outcome = run_crawl(Archive(sys.argv[1], create=False), options)
print(outcome.status.value)
print(sorted({n.split(".")[0] for n in sys.modules} | {n for n in sys.modules if n.startswith("crawler.")}))
"""
CLI_PROBE = """
import sys
from newsmon.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="newsmon")
except SystemExit as exc:
    print("exit", exc.code, file=sys.stderr)
print(sorted({n.split(".")[0] for n in sys.modules}))
"""


def _idle_archive(tmp_path: Path, state: str) -> str:
    """An archive where tuoitre.vn has nothing to do: not due (adaptive), backed off, or leased elsewhere."""
    from newsmon.core.time import utcnow
    from storage.archive import Archive
    from storage.leases import Leases, make_holder, outlet_lease

    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    archive = Archive(url)
    later = utcnow() + timedelta(hours=1)
    if state == "not due":
        archive.save_outlet_state("tuoitre.vn", next_due_at=later, poll_interval_s=900)
    elif state == "backed off":
        archive.save_outlet_state("tuoitre.vn", backoff_until=later, consecutive_failures=3, last_error="boom")
    else:
        assert Leases(archive.engine, make_holder("run-1"), ttl=3600).acquire(outlet_lease("tuoitre.vn"))
    archive.close()
    return url


@pytest.mark.parametrize(("state", "status"), [("not due", "idle"), ("backed off", "idle"), ("leased", "skipped")])
def test_a_crawl_with_nothing_to_do_loads_no_engine_nor_per_article_machinery(
    tmp_path: Path, state: str, status: str
) -> None:
    url = _idle_archive(tmp_path, state)
    result = subprocess.run([sys.executable, "-c", IDLE_RUN_PROBE, url], capture_output=True, text=True, check=True)
    got_status, modules = result.stdout.strip().splitlines()[-2:]
    assert got_status == status
    loaded = set(eval(modules))  # a printed list of module names
    assert loaded & (PER_ARTICLE | ENGINE) == set()
    assert {m for m in loaded if m.startswith(("crawler.extract", "crawler.clean", "crawler.process"))} == set()


def test_the_crawl_command_with_nothing_due_loads_no_per_article_machinery(tmp_path: Path) -> None:
    url = _idle_archive(tmp_path, "not due")
    args = ["--db", url, "crawl", "--outlet", "tuoitre.vn", "--adaptive"]
    result = subprocess.run([sys.executable, "-c", CLI_PROBE, *args], capture_output=True, text=True, check=True)
    assert "nothing to crawl: tuoitre.vn not due until" in result.stdout
    assert "exit 0" in result.stderr and "Traceback" not in result.stderr
    assert set(eval(result.stdout.strip().splitlines()[-1])) & (PER_ARTICLE | ENGINE) == set()
