"""Fuzzing the config loader: any file gives a Config or a ConfigError, never another exception
(the contract only; the checks themselves are tested in tests/cli/test_config.py)."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsmon.cli.config import Config, ConfigError, load_config
from tests.fuzz.strategies import any_text

_TOP = ["db", "mirror", "topics", "log_dir", "search_queries", "groups", "health", "dbb", "outlets"]
_OUTLET = ["name", "display_name", "aliases", "translates", "family", "domains", "url_prefixes", "moved_to",
           "language", "feeds", "sitemaps", "sections", "search", "search_lowercase", "article_url", "exclude_url",
           "pagination", "max_listing_pages", "feed_date_order", "feed", "source_file"]
_LAYOUT = ["name", "detect", "title", "lead", "body", "published", "authors", "captions", "remove", "bogus"]
_HEALTH = ["backoff_base_s", "backoff_max_s", "poll_min_s", "poll_max_s", "failures_before_backoff", "nope"]
_GOOD = st.sampled_from(
    ["https://e.vn/rss", "sqlite:///x.db", "postgresql://u@h/db", "dantri.com.vn", "h1", "div.content", "div[",
     "(["r"\d+", "chuyển đổi số", "family_a", "us-local", "vi", "", " ", "~/x", "/nonexistent/x.toml", "ftp://e.vn"]
)


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string (JSON escapes are TOML's)


scalars = st.one_of(
    _GOOD.map(_string), any_text.map(_string), st.integers(-(2**63), 2**63 - 1).map(str),
    st.floats(allow_nan=True).map(lambda f: {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(repr(f), repr(f))),
    st.booleans().map(lambda b: str(b).lower()), st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]")
    | st.dictionaries(st.sampled_from(_HEALTH + _LAYOUT), inner, max_size=3).map(
        lambda d: "{" + ", ".join(f"{k} = {v}" for k, v in d.items()) + "}"
    ),
    max_leaves=6,
)


def _pairs(draw: st.DrawFn, keys: list[str], most: int) -> list[str]:
    chosen = draw(st.dictionaries(st.sampled_from(keys), values, max_size=most))
    return [f"{k} = {v}" for k, v in chosen.items()]


@st.composite
def config_text(draw: st.DrawFn) -> str:
    lines = _pairs(draw, _TOP, 4)
    if draw(st.booleans()) and not any(line.startswith("health =") for line in lines):
        lines += ["[health]", *_pairs(draw, _HEALTH, 4)]
    if draw(st.booleans()) and not any(line.startswith("groups =") for line in lines):
        lines += ["[groups]", *_pairs(draw, ["north", "south", '"x y"'], 2)]
    for _ in range(draw(st.integers(0, 2))):
        lines += ["[[outlet]]", *_pairs(draw, _OUTLET, 6)]
        for _ in range(draw(st.integers(0, 2))):
            lines += ["[[outlet.layouts]]", *_pairs(draw, _LAYOUT, 4)]
    if draw(st.integers(0, 9)) == 0:  # a stray line: duplicate tables, garbage, a half-written key
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(["[health]", "[[outlet]]", "db =", "]]"])))
    return "\n".join(lines) + "\n"


def _load(content: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="newsmon-fuzz-") as folder:
        path = Path(folder) / "config.toml"
        path.write_bytes(content)
        try:
            assert isinstance(load_config(path), Config)
        except ConfigError as exc:
            assert str(exc).strip() and "Traceback" not in str(exc)


@settings(max_examples=300)
@given(config_text())
def test_generated_config_gives_config_or_config_error(text: str) -> None:
    _load(text.encode("utf-8"))


@settings(max_examples=100)
@given(st.binary(max_size=300) | any_text.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_give_config_or_config_error(content: bytes) -> None:
    _load(content)
