"""Outlet profiles: everything newsmon knows about an outlet, as data, in one registry.

Built-in profiles are TOML files in `crawler/outlets/`; users add outlets with the same fields in their
config file. A profile may hold several layouts (DOM versions); the first whose `detect` selector
matches a page extracts it, the way Fundus keeps one parser per layout version.

Outlets that share one CMS share its markup: `crawler/outlets/families/<family>.toml` holds the
family's layouts and defaults, and an outlet says `family = "vccorp"`. The outlet's own fields win;
an outlet layout with the same name as a family layout changes only the keys it sets (plus
`extra_remove`, appended to the family's boilerplate list), so per-outlet differences stay data.

The registry is also the table of outlet names the cleaner credits by (`outlet_names`): every
profile's names, and `press.toml`, the outlets cited in articles that are not crawled (TTXVN, VOV ...).
README.md in this folder explains each profile.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsmon.core.outlets import NEWSPAPER_WORD, KnownOutlet, OutletNames

BUILTIN_DIR = Path(__file__).parent
FAMILY_DIR = BUILTIN_DIR / "families"
PRESS_FILE = BUILTIN_DIR / "press.toml"  # cited outlets without a crawl profile: names only


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and the field.

    `problem` is the message without the file, and `field` the key path inside the outlet table
    (("layouts", 0, "title")), so the config loader can name the line the field is on.
    """

    def __init__(self, message: str, problem: str | None = None, field: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.problem = problem or message
        self.field = field


@dataclass(slots=True)
class Layout:
    """Selectors (CSS, parsel syntax with ::attr()/::text) of one DOM version of an outlet."""

    name: str
    detect: str | None = None
    title: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    section: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=lambda: ["figcaption"])
    source: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)  # boilerplate inside the body


@dataclass(slots=True)
class OutletProfile:
    name: str  # the outlet's main domain, also its id: "dantri.com.vn"
    display_name: str = ""
    # Short names and spellings that certainly mean this outlet in a credit or byline ("TTO",
    # "Tuổi Trẻ Online"); its display name (without "Báo"), id and domains count as weaker evidence.
    aliases: list[str] = field(default_factory=list)
    translates: bool = False  # publishes machine translations of other outlets' articles (vietnam.vn)
    family: str | None = None  # CMS family whose layouts and defaults this outlet uses
    domains: list[str] = field(default_factory=list)
    # Other places the outlet's pages now live, as URL prefixes ("https://tuoitre.vn/nld/" after a merger);
    # they beat a plain domain match, so the merged paper's pages keep their own outlet.
    url_prefixes: list[str] = field(default_factory=list)
    # Where the outlet's own domain now redirects to ("https://tuoitre.vn/nld/"): listed URLs on its domains
    # are fetched there directly, and the listed URL is kept as an alias of the stored article.
    moved_to: str | None = None
    language: str = "vi"
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # listing pages
    search: str | None = None  # URL template with {query}
    search_lowercase: bool = False  # the outlet's search URLs use lower-case keywords (dantri)
    article_url: str = ""  # regex an article URL matches
    exclude_url: list[str] = field(default_factory=list)
    pagination: str | None = None  # regex of listing pagination links to follow
    max_listing_pages: int = 3
    feed_date_order: str = "auto"  # "us-local" for feeds with M/D/Y dates in local time (tuoitre)
    layouts: list[Layout] = field(default_factory=list)
    source_file: str = ""  # where the profile was read, for error messages
    _article_re: re.Pattern[str] | None = None
    _exclude_res: list[re.Pattern[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.domains:
            self.domains = [self.name]
        try:
            self._article_re = re.compile(self.article_url) if self.article_url else None
            self._exclude_res = [re.compile(p) for p in self.exclude_url]
        except re.error as exc:
            raise ProfileError(f"{self.source_file or self.name}: bad URL pattern: {exc}") from None

    @property
    def discovery(self) -> list[str]:
        methods = []
        if self.feeds:
            methods.append(f"feeds ({len(self.feeds)})")
        if self.sitemaps:
            methods.append(f"sitemaps ({len(self.sitemaps)})")
        if self.sections:
            methods.append(f"sections ({len(self.sections)})")
        if self.search:
            methods.append("search")
        return methods

    def owns(self, url: str) -> bool:
        return self.ownership(url) > 0

    def ownership(self, url: str) -> int:
        """0: not ours; 1: one of our domains; 2+: under one of our URL prefixes (longer is stronger)."""
        low = _without_www(url)
        prefix = max((len(p) for p in self.url_prefixes if low.startswith(_without_www(p))), default=0)
        if prefix:
            return 1 + prefix
        host = (urlsplit(url).hostname or "").lower()
        return int(any(host == d or host.endswith("." + d) for d in self.domains))

    def moved_url(self, url: str) -> str:
        """The address a listed URL now answers at (itself unless the outlet moved)."""
        if not self.moved_to:
            return url
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
        if host not in self.domains:
            return url
        rest = parts.path.lstrip("/") + (f"?{parts.query}" if parts.query else "")
        return self.moved_to.rstrip("/") + "/" + rest

    def is_article_url(self, url: str) -> bool:
        if not self.owns(url) or any(p.search(url) for p in self._exclude_res):
            return False
        return bool(self._article_re.search(url)) if self._article_re else True

    def known_outlet(self) -> KnownOutlet:
        """This outlet as named in text: its display name without "Báo", its aliases and other names."""
        name = NEWSPAPER_WORD.sub("", self.display_name) or self.name
        return KnownOutlet(
            name=name,
            domain=self.name,
            aliases=tuple(self.aliases),
            derived=(name, self.name, *self.domains),
            translates=self.translates,
        )


def _without_www(url: str) -> str:
    low = url.lower().split("://", 1)[-1]
    return low.removeprefix("www.")


def _merge_layouts(family: list[dict[str, Any]], own: list[dict[str, Any]], source: str) -> list[dict[str, Any]]:
    """Family layouts, each changed by the outlet layout of the same name; new outlet layouts come first."""
    by_name = {raw.get("name"): raw for raw in own if isinstance(raw, dict)}
    merged = []
    for base in family:
        change = by_name.pop(base.get("name"), None) or {}
        layout = {**base, **{k: v for k, v in change.items() if k != "extra_remove"}}
        extra = change.get("extra_remove") or []
        layout["remove"] = [*_as_list(layout.get("remove")), *_as_list(extra)]
        merged.append(layout)
    return [*(r for r in own if not isinstance(r, dict) or r.get("name") in by_name), *merged]


def _as_list(value: Any) -> list[Any]:
    return [value] if isinstance(value, str) else list(value or [])


_FAMILIES: dict[str, dict[str, Any]] | None = None


def families() -> dict[str, dict[str, Any]]:
    """Built-in CMS families by name (`crawler/outlets/families/*.toml`), read once."""
    global _FAMILIES
    if _FAMILIES is None:
        found = {}
        for path in sorted(FAMILY_DIR.glob("*.toml")):
            try:
                found[path.stem] = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ProfileError(f"{path}: {exc}") from None
        _FAMILIES = found
    return _FAMILIES


# ---------------------------------------------------------------------------------------------
# Field checks of a profile as written (TOML values), before a family's defaults are merged in.
# By hand: a dozen kinds of value, and messages that name the field and what it expected in the
# words of the README; a schema library would be a new dependency for less precise messages.


def describe(value: object) -> str:
    """What a TOML value is, for "expected X, got Y" messages."""
    if isinstance(value, bool):
        return "a boolean"
    kinds = {str: "a string", int: "an integer", float: "a number", list: "a list", dict: "a table"}
    return next((v for k, v in kinds.items() if isinstance(value, k)), "a date")


def is_http_url(value: object) -> bool:
    if not isinstance(value, str) or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. "http://[::1" (an unclosed IPv6 bracket)
        return False


def _regex(value: str) -> str | None:
    try:
        re.compile(value)
    except re.error as exc:
        return f"is a bad URL pattern: not a valid regular expression ({exc})"
    return None


_PROBE: Any = None


def _css(value: str) -> str | None:
    """Compiled the way the extractor runs it (parsel's Selector.css), so what passes here runs there.

    parsel is imported here, not at the top, for start-up speed: only user profiles are checked, and
    read-only commands (search, show) otherwise never load parsel and lxml.
    """
    global _PROBE
    if _PROBE is None:
        from parsel import Selector

        _PROBE = Selector(text="<html></html>")
    try:
        _PROBE.css(value)
    except (SyntaxError, RuntimeError, ValueError) as exc:  # cssselect's syntax/expression errors, XPath
        return f"is not a valid CSS selector ({exc})"
    return None


Check = Callable[[Any], str | None]  # a value -> what is wrong with it, or None


def _one(what: str, test: Callable[[Any], bool], more: Callable[[str], str | None] | None = None) -> Check:
    def check(value: Any) -> str | None:
        if not test(value):
            return f"must be {what}, got {describe(value) if not isinstance(value, str) else repr(value)}"
        return more(value) if more else None

    return check


def _many(what: str, item: Check, *, single: bool = False) -> Check:
    """A list of items (`single`: one string also stands for a list of it, as layouts allow)."""

    def check(value: Any) -> str | None:
        if single and isinstance(value, str):
            return item(value)
        if not isinstance(value, list):
            return f"must be {what}, got {describe(value)}"
        for k, v in enumerate(value):
            if problem := item(v):
                return f"item {k + 1} {problem}"
        return None

    return check


_STR = _one("a string", lambda v: isinstance(v, str) and bool(v.strip()))
_BOOL = _one("true or false", lambda v: isinstance(v, bool))
_URL = _one("an http(s) URL", is_http_url)
_REGEX = _one("a regular expression", lambda v: isinstance(v, str), _regex)
_CSS = _one("a CSS selector", lambda v: isinstance(v, str), _css)
_CSS_LIST = _many("a CSS selector or a list of them", _CSS, single=True)
_LAYOUT: dict[str, Check] = {
    "name": _STR, "detect": _CSS, "extra_remove": _CSS_LIST,
    **{f: _CSS_LIST for f in Layout.__dataclass_fields__ if f not in ("name", "detect")},
}
_FIELDS: dict[str, Check] = {
    "name": _STR, "display_name": _STR, "family": _STR, "language": _STR,
    "aliases": _many("a string or a list of strings", _STR, single=True),
    "translates": _BOOL, "search_lowercase": _BOOL,
    "domains": _many("a list of domain names", _one("a domain name", lambda v: isinstance(v, str) and "/" not in v)),
    "url_prefixes": _many("a list of http(s) URLs", _URL), "moved_to": _URL,
    "feeds": _many("a list of http(s) URLs", _URL), "sitemaps": _many("a list of http(s) URLs", _URL),
    "sections": _many("a list of http(s) URLs", _URL),
    "search": _one("an http(s) URL with {query}", lambda v: is_http_url(v) and "{query}" in v),
    "article_url": _REGEX, "pagination": _REGEX, "exclude_url": _many("a list of regular expressions", _REGEX),
    "max_listing_pages": _one("a whole number >= 0", lambda v: type(v) is int and v >= 0),
    "feed_date_order": _one('"auto" or "us-local"', lambda v: v in ("auto", "us-local")),
}


def unknown_key(key: str, known: Iterator[str] | list[str] | set[str], what: str) -> str:
    """"unknown field 'feed' (did you mean 'feeds'?)": the one wording of a misspelt key."""
    close = difflib.get_close_matches(key, sorted(known), n=1)
    return f"unknown {what} {key!r}" + (f" (did you mean {close[0]!r}?)" if close else "")


def check_fields(data: dict[str, Any], source: str, *, css: bool = True) -> None:
    """Every field of an outlet as written has the type it needs (`css`: compile selectors too)."""
    name = data.get("name") or data.get("domains") or "?"
    label = f"outlet {name if isinstance(name, str) else '?'}"

    def fail(problem: str, where: tuple[str | int, ...]) -> None:
        raise ProfileError(f"{source}: {label}: {problem}", f"{label}: {problem}", where)

    for key, value in data.items():
        if key == "layouts":
            if not isinstance(value, list):
                fail(f"layouts must be a list of tables ([[outlet.layouts]]), got {describe(value)}", (key,))
            for i, layout in enumerate(value):
                if not isinstance(layout, dict):
                    fail(f"layout {i + 1} must be a table, got {describe(layout)}", (key, i))
                for lkey, lvalue in layout.items():
                    if lkey not in _LAYOUT:
                        fail(unknown_key(lkey, set(_LAYOUT), "layout field"), (key, i, lkey))
                    check = _LAYOUT[lkey] if css or lkey == "name" else _many("selectors", _STR, single=True)
                    if problem := check(lvalue):
                        fail(f"layout {layout.get('name', i + 1)}: {lkey} {problem}", (key, i, lkey))
        elif key not in _FIELDS:
            fail(unknown_key(key, set(_FIELDS) | {"layouts"}, "field"), (key,))
        elif problem := _FIELDS[key](value):
            fail(f"{key} {problem}", (key,))


def profile_from_dict(data: dict[str, Any], source: str = "", *, check_css: bool = True) -> OutletProfile:
    """A profile from its table; `check_css` compiles its selectors (built-in profiles are tested instead)."""
    check_fields(data, source, css=check_css)
    data = dict(data)
    name = data.pop("name", None) or (data.get("domains") or [None])[0]
    if not name:
        raise ProfileError(f"{source}: an outlet needs a name or a domain", "an outlet needs a name or a domain")
    family_name = data.get("family")
    if family_name:
        family = families().get(family_name)
        if family is None:
            known_families = ", ".join(sorted(families())) or "none"
            problem = f"outlet {name}: unknown family {family_name!r} (known: {known_families})"
            raise ProfileError(f"{source}: {problem}", problem, ("family",))
        defaults = {k: v for k, v in family.items() if k not in ("layouts", "description")}
        layouts_raw = _merge_layouts(list(family.get("layouts", [])), list(data.pop("layouts", []) or []), source)
        data = {**defaults, **data, "layouts": layouts_raw}
    layouts = []
    for i, raw in enumerate(data.pop("layouts", []) or []):
        if not isinstance(raw, dict):
            raise ProfileError(f"{source}: layout {i + 1} of {name} is not a table")
        raw = {k: ([v] if isinstance(v, str) and k not in ("name", "detect") else v) for k, v in raw.items()}
        raw.pop("extra_remove", None)  # only meaningful against a family layout
        try:
            layouts.append(Layout(**{"name": raw.pop("name", f"layout{i + 1}"), **raw}))
        except TypeError as exc:
            raise ProfileError(f"{source}: layout of {name}: {exc}") from None
    if isinstance(data.get("aliases"), str):  # one alias written without brackets
        data["aliases"] = [data["aliases"]]
    known = set(OutletProfile.__dataclass_fields__) - {"_article_re", "_exclude_res"}
    unknown = set(data) - known
    if unknown:
        raise ProfileError(f"{source}: unknown field(s) for outlet {name}: {', '.join(sorted(unknown))}")
    profile = OutletProfile(name=name, layouts=layouts, source_file=source, **data)
    if not (profile.feeds or profile.sitemaps or profile.sections or profile.search):
        problem = f"outlet {name} needs at least one feed, sitemap, section or search URL"
        raise ProfileError(f"{source}: {problem}", problem)
    return profile


def load_press_file(path: Path = PRESS_FILE) -> list[KnownOutlet]:
    """Outlets that are cited but not crawled: `[[outlet]]` tables of name, display_name, aliases."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{path}: {exc}") from None
    press: list[KnownOutlet] = []
    for raw in data.get("outlet", []):
        unknown = set(raw) - {"name", "display_name", "aliases", "translates"}
        if unknown or "name" not in raw:
            raise ProfileError(f"{path}: press outlet {raw.get('name')!r}: needs a name; unknown: {sorted(unknown)}")
        press.append(KnownOutlet(
            name=raw.get("display_name") or raw["name"],
            domain=raw["name"],
            aliases=tuple(raw.get("aliases", ())),
            translates=bool(raw.get("translates", False)),
        ))
    return press


def load_profile_file(path: Path, *, check_css: bool = True) -> list[OutletProfile]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{path}: {exc}") from None
    outlets = data.get("outlet", [data] if "name" in data or "domains" in data else [])
    return [profile_from_dict(o, str(path), check_css=check_css) for o in outlets]


class Registry:
    """The outlets newsmon knows: built-in profiles, then user-defined ones (which may override)."""

    def __init__(self, profiles: list[OutletProfile]) -> None:
        self._profiles = {p.name: p for p in profiles}
        self._names: OutletNames | None = None

    @classmethod
    def builtin(cls, extra: list[OutletProfile] | None = None) -> Registry:
        profiles: list[OutletProfile] = []
        for path in sorted(BUILTIN_DIR.glob("*.toml")):
            if path != PRESS_FILE:
                profiles.extend(load_profile_file(path, check_css=False))
        return cls(profiles + (extra or []))

    def __iter__(self) -> Iterator[OutletProfile]:
        return iter(self._profiles.values())

    def __len__(self) -> int:
        return len(self._profiles)

    def names(self) -> list[str]:
        return list(self._profiles)

    def get(self, name: str) -> OutletProfile:
        key = name.lower().removeprefix("www.")
        if key in self._profiles:
            return self._profiles[key]
        for profile in self._profiles.values():  # short names: "dantri", "tuoitre"
            if profile.name.split(".")[0] == key or key in profile.domains:
                return profile
        raise KeyError(f"unknown outlet {name!r}; known: {', '.join(sorted(self._profiles))}")

    def for_url(self, url: str) -> OutletProfile | None:
        """The outlet a URL belongs to; a URL-prefix owner (a merged paper) beats the host's own outlet."""
        best = max(self._profiles.values(), key=lambda p: p.ownership(url), default=None)
        return best if best is not None and best.ownership(url) > 0 else None

    def outlet_names(self) -> OutletNames:
        """The names credits and bylines are recognised by: every profile here (the user's included),
        then the cited outlets of `press.toml`. Built once per registry (its profiles never change)."""
        if self._names is None:
            self._names = OutletNames([*(p.known_outlet() for p in self), *load_press_file()])
        return self._names


@cache
def builtin_outlet_names() -> OutletNames:
    """The built-in outlets' names, read once: what the cleaner uses when it is given none.

    A broken profile file must not break cleaning: the press list alone is used then.
    """
    try:
        return Registry.builtin().outlet_names()
    except (ProfileError, OSError):
        return OutletNames(load_press_file())
