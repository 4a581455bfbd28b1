"""Canonical URL keys: one key per article whatever variant of its address a page or feed used."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PARAM = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|zarsrc|zaloid|_ga|gidzl|vn_\w+|itm_\w+|ref|src|cmpid|mc_cid|mc_eid|amp)$",
    re.IGNORECASE,
)
_HOST_VARIANT = re.compile(r"^(www\d*|m|mobile|amp)\.")
_AMP_PATH = re.compile(r"(/amp/?$|\.amp(?=\.html?$|$))")


def canonical_key(url: str) -> str:
    """The identity of a URL: https, lower-case host without www/m/amp, no tracking parameters,
    no fragment, no trailing slash. Used for lookups, never shown as the article's address."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    while _HOST_VARIANT.match(host) and host.count(".") > 1:
        host = _HOST_VARIANT.sub("", host, count=1)
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = _AMP_PATH.sub("", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAM.match(k)]
    return urlunsplit(("https", host, path, urlencode(sorted(query)), ""))


def clean_url(url: str) -> str:
    """The address to store and show: the real URL without tracking parameters and fragment."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAM.match(k)]
    scheme = (parts.scheme or "https").lower()
    netloc = parts.netloc.lower()
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "ac", "info", "int", "biz", "name", "pro", "health"})


def site_of(url: str) -> str:
    """The registrable part of a URL's host: "en.vietnamplus.vn" -> "vietnamplus.vn", "x.com.vn" -> itself."""
    labels = (urlsplit(url).hostname or "").lower().split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def same_site(a: str, b: str) -> bool:
    """True when two URLs belong to the same registrable site (good enough for canonical links)."""
    return bool(site_of(a)) and site_of(a) == site_of(b)
