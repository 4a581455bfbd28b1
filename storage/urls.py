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


def same_site(a: str, b: str) -> bool:
    """True when two URLs belong to the same registrable site (good enough for canonical links)."""

    def site(url: str) -> str:
        host = (urlsplit(url).hostname or "").lower()
        return ".".join(host.split(".")[-3:]) if host.endswith(".vn") else ".".join(host.split(".")[-2:])

    return bool(site(a)) and site(a) == site(b)
