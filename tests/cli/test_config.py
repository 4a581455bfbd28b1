"""The config file is checked whole at load: each mistake is one line with the key, its line and what was expected."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.run.health import HealthPolicy
from newsmon.cli.config import ConfigError, key_lines, load_config
from tests.conftest import ROOT, run_cli

FULL = """\
db = "sqlite:////var/lib/newsmon/archive.sqlite3"
mirror = "http://127.0.0.1:8741"
topics = "topics.toml"
log_dir = "~/newsmon-logs"
search_queries = ["chuyển đổi số", "chính phủ số", "ASOCIO"]

[groups]
national = ["vnexpress", "dantri"]

[health]
backoff_after = 3
poll_min_s = 120

[[outlet]]
name = "example.vn"
feeds = ["https://example.vn/rss/home.rss"]
sitemaps = ["https://example.vn/sitemap.xml"]
search = "https://example.vn/tim-kiem?q={query}"
article_url = '^https://example\\.vn/.+\\.html$'
exclude_url = ["/video/"]
max_listing_pages = 2
aliases = "EX"

[[outlet]]
name = "toquoc.vn"
family = "vccorp"
feeds = ["https://toquoc.vn/rss/home.rss"]
article_url = '^https://toquoc\\.vn/.+-\\d{15,18}\\.htm$'
[[outlet.layouts]]
name = "detail"
extra_remove = ["div.box-ads"]
[[outlet.layouts]]
name = "live"
detect = "div.live-page"
title = "h1.live-title"
body = ["div.live-body", "div.content::text"]
"""


def load(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def error(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as info:
        load(tmp_path, text)
    message = str(info.value)
    assert "\n" not in message
    return message.removeprefix(f"{tmp_path / 'config.toml'} ")


def test_a_valid_full_config_loads_as_before(tmp_path: Path) -> None:
    config = load(tmp_path, FULL)
    assert config.db == "sqlite:////var/lib/newsmon/archive.sqlite3"
    assert config.mirror == "http://127.0.0.1:8741"
    assert config.topics == (tmp_path / "topics.toml").resolve()
    assert config.log_dir == Path("~/newsmon-logs").expanduser()
    assert config.search_queries == ["chuyển đổi số", "chính phủ số", "ASOCIO"]
    assert config.groups == {"national": ["vnexpress", "dantri"]}
    assert config.health == HealthPolicy(backoff_after=3, poll_min_s=120)
    example, toquoc = config.outlets
    assert example.feeds == ["https://example.vn/rss/home.rss"] and example.aliases == ["EX"]
    assert example.max_listing_pages == 2 and example.is_article_url("https://example.vn/a.html")
    assert [layout.name for layout in toquoc.layouts][:1] == ["live"] and "div.box-ads" in toquoc.layouts[1].remove
    assert toquoc.layouts[0].title == ["h1.live-title"]


def test_the_readme_example_config_loads(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Config file", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    assert load(tmp_path, block).outlets


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'db = "x.sqlite3"\n\nsearch_queries = "chuyển đổi số"\n',
            'line 3: search_queries must be a list of strings, got a string (write ["..."])',
        ),
        ("search_queries = [1, 2]\n", "line 1: search_queries must be a list of non-empty strings, got a list"),
        (
            '[[outlet]]\nname = "a.vn"\nfeeds = ["https://a.vn/rss"]\n\n[[outlet]]\nname = "e.vn"\nfeeds = "https://e.vn/rss"\n',
            "line 7: outlet e.vn: feeds must be a list of http(s) URLs, got a string",
        ),
        (
            '[[outlet]]\nname = "e.vn"\nfeeds = ["ftp://e.vn/rss"]\n',
            "line 3: outlet e.vn: feeds item 1 must be an http(s) URL, got 'ftp://e.vn/rss'",
        ),
        ("db = 123\n", "line 1: db must be a database URL or path (a string), got an integer"),
        ('db = "x"\ntopics = 5\n', "line 2: topics must be the path of a topics file (a string), got an integer"),
        ("log_dir = true\n", "line 1: log_dir must be a folder path (a string), got a boolean"),
        ('mirror = "not a url"\n', "line 1: mirror must be an http(s) URL, got 'not a url'"),
        ('db = "x"\nsearch_query = ["a"]\n', "line 2: unknown setting 'search_query' (did you mean 'search_queries'?)"),
        ('[[outlets]]\nname = "x"\n', "line 1: unknown setting 'outlets' (did you mean 'outlet'?)"),
        ('[groups]\nnational = "dantri"\n', "line 2: group 'national' must be a non-empty list of outlet names, got 'dantri'"),
        ("[health]\npoll_min_s = 10\npoll_maxs = 5\n", "line 3: unknown [health] setting 'poll_maxs' (did you mean 'poll_max_s'?)"),
        ('[health]\npoll_min_s = "10"\n', "line 2: [health] poll_min_s must be a non-negative number, got '10'"),
        ("health.poll_min_s = 9000\nhealth.poll_max_s = 60\n", "line 1: [health] poll_min_s is larger than poll_max_s"),
        (
            '[[outlet]]\nname = "e.vn"\nfeed = ["https://e.vn/rss"]\n',
            "line 3: outlet e.vn: unknown field 'feed' (did you mean 'feeds'?)",
        ),
        (
            '[[outlet]]\nname = "e.vn"\nfeeds = ["https://e.vn/rss"]\narticle_url = "(["\n',
            "line 4: outlet e.vn: article_url is a bad URL pattern: not a valid regular expression",
        ),
        (
            '[[outlet]]\nname = "e.vn"\nfeeds = ["https://e.vn/rss"]\nmax_listing_pages = "3"\n',
            "line 4: outlet e.vn: max_listing_pages must be a whole number >= 0, got '3'",
        ),
        (
            '[[outlet]]\nname = "e.vn"\nfeeds = ["https://e.vn/rss"]\n[[outlet.layouts]]\nname = "m"\ntitle = "h1"\n'
            '[[outlet.layouts]]\nname = "n"\nbody = ["div.ok", "div["]\n',
            "line 9: outlet e.vn: layout n: body item 2 is not a valid CSS selector",
        ),
        (
            '[[outlet]]\nname = "e.vn"\nfeeds = ["https://e.vn/rss"]\n[[outlet.layouts]]\nname = "m"\ntitel = "h1"\n',
            "line 6: outlet e.vn: unknown layout field 'titel' (did you mean 'title'?)",
        ),
        ('[[outlet]]\nname = "example.vn"\n', "line 1: outlet example.vn needs at least one feed, sitemap, section or search URL"),
        ('outlet = ["x"]\n', "line 1: outlet must be an array of tables ([[outlet]]), got a list"),
    ],
)
def test_each_mistake_is_one_line_with_key_line_and_expectation(tmp_path: Path, text: str, message: str) -> None:
    assert error(tmp_path, text).startswith(message)


def test_the_first_mistake_in_file_order_is_reported(tmp_path: Path) -> None:
    assert error(tmp_path, 'db = "x"\nsearch_queries = "a"\nmirror = 5\n').startswith("line 2: search_queries")


def test_key_lines_follow_tables_arrays_and_dotted_keys() -> None:
    text = (
        'db = "x"\nnote = """\nfeeds = 1\n"""\n[groups]\na = ["b"]\n'
        '[[outlet]]\nname = "a"\n[[outlet]]\n"name" = "b"\n[[outlet.layouts]]\ntitle = "h1"\nhealth.poll_min_s = 1\n'
    )
    tomllib.loads(text)  # the sample is valid TOML
    lines = key_lines(text)
    assert lines[("db",)] == 1 and ("feeds",) not in lines  # nothing inside a multi-line string is a key
    assert lines[("groups", "a")] == 6
    assert lines[("outlet", 0, "name")] == 8 and lines[("outlet", 1, "name")] == 10
    assert lines[("outlet", 1, "layouts", 0, "title")] == 12
    assert lines[("outlet", 1, "layouts", 0, "health", "poll_min_s")] == 13


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(["db", "mirror", "topics", "log_dir", "search_queries", "groups", "health", "outlet", "x"]),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=12) | st.just("https://e.vn/rss"),
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
            max_leaves=8,
        ),
        max_size=4,
    )
)
def test_fuzzed_configs_load_or_fail_with_one_line(tmp_path: Path, data: dict[str, object]) -> None:
    """Any TOML document either loads or is one ConfigError line: no other exception escapes."""
    text = "\n".join(f"{key} = {_toml(value)}" for key, value in data.items() if value is not None)
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    try:
        load(tmp_path, text)
    except ConfigError as exc:
        assert "\n" not in str(exc)
        assert re.search(r" line \d+: ", str(exc)), str(exc)


def _toml(value: object) -> str:
    """A TOML inline value (None inside a list becomes an empty string)."""
    if value is None:
        return '""'
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, str)):
        return repr(value).replace("'", '"') if isinstance(value, int) else _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{_string(k)} = {_toml(v)}" for k, v in value.items()) + "}"


def _string(text: str) -> str:
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in text) + '"'


def test_cli_exits_2_with_the_line_for_a_bad_config_even_with_db(tmp_path: Path, db_url: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text('search_queries = "chuyển đổi số"\n', encoding="utf-8")
    result = run_cli("--config", str(config), "sources", db=db_url)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f'newsmon: error: {config} line 1: search_queries must be a list of strings, got a string (write ["..."])'
    )
    assert "Traceback" not in result.stdout + result.stderr
