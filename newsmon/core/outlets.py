"""Outlet names: which outlet a name, a credit line or a byline refers to.

The knowledge itself is data (the outlet profiles and the press list in `crawler/outlets/`); this
module only reads it, so the cleaner (which spells credits one way) and the archive (which links a
copy to the report it credits) share one table without the archive knowing the crawler.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsmon.core.text import name_key
from newsmon.core.urls import site_of

# "Báo Tuổi Trẻ", "tờ Lao Động", "Vietnam News daily": words around a paper's name, not part of it.
NEWSPAPER_WORD = re.compile(
    r"^(?:báo\s+điện\s+tử|báo|tờ|tạp\s+chí\s+điện\s+tử)\s+|\s+(?:newspaper|daily|online|e-?paper)$", re.I
)


@dataclass(frozen=True, slots=True)
class KnownOutlet:
    """An outlet as named in text: the one spelling stored for it, its domain, and other names."""

    name: str  # display name, the spelling it uses for itself ("Dân trí")
    domain: str  # "dantri.com.vn"
    aliases: tuple[str, ...] = ()  # short names and spellings that certainly mean it ("TTO", "dantri.com.vn")
    # Also known by its profile name and domains (crawled outlets); weaker evidence than an alias.
    derived: tuple[str, ...] = ()
    translates: bool = False  # publishes machine translations of other outlets' articles


class OutletNames:
    """Look-ups over a set of known outlets, keyed by `name_key` of every name and alias."""

    def __init__(self, outlets: Iterable[KnownOutlet] = ()) -> None:
        self.outlets = list(outlets)
        self._explicit: dict[str, KnownOutlet] = {}
        self._derived: dict[str, KnownOutlet] = {}
        for outlet in self.outlets:
            for alias in outlet.aliases:
                self._explicit.setdefault(name_key(alias), outlet)
        for outlet in self.outlets:
            for alias in outlet.derived:
                key = name_key(alias)
                if len(key) >= 3 and key not in self._explicit:
                    self._derived.setdefault(key, outlet)
        self._translating = frozenset(o.domain for o in self.outlets if o.translates)

    def lookup(self, name: str, *, aliases_only: bool = False) -> KnownOutlet | None:
        """The outlet any spelling of `name` (with or without "Báo ...") refers to, or None.

        `aliases_only` accepts only a listed alias, spelled as it stands (no "Báo" dropped): for
        guesses from page furniture, where a profile name such as "Chính phủ" is too common a phrase
        to be evidence.
        """
        if aliases_only:
            return self._explicit.get(name_key(name))
        for key in (name_key(name), name_key(NEWSPAPER_WORD.sub("", name.strip()))):
            found = self._explicit.get(key) or self._derived.get(key)
            if found:
                return found
        return None

    def translates(self, outlet: str | None) -> bool:
        """Does this outlet publish machine translations of other outlets' articles?"""
        return bool(outlet) and outlet in self._translating

    def names_outlet(self, attribution: str | None, outlet: str | None) -> bool:
        """Does a credit ("Theo VnExpress", "Nguồn: Dân trí", "Sài Gòn Giải Phóng") name this outlet?

        By its domain's label first ("Vietnam+" is vietnamplus.vn, en.vietnamplus.vn is vietnamplus),
        then by the table of names.
        """
        if not attribution or not outlet:
            return False
        name = name_key(attribution)
        host = outlet.lower() if "." in outlet else f"{outlet.lower()}.vn"
        label = name_key(site_of(f"https://{host}/").split(".")[0])
        if name and label and (name == label or name.endswith(label) or label.endswith(name)):
            return True
        found = self.lookup(attribution)
        return found is not None and site_of(f"https://{found.domain}/") == site_of(f"https://{host}/")


def is_site_name(name: str, site_name: str | None, url: str | None, *, prefix: bool = False) -> bool:
    """Is `name` only the publication's own name ("Dân trí", "Báo Tuổi Trẻ", "vnexpress.net")?

    Compared with the page's declared site name, its host and the host's first label; a leading
    "Báo" (newspaper) is allowed. `prefix` also accepts a name that one of them starts (or that
    starts one of them): a title part such as "Tuổi Trẻ Online" after "|". Bylines, headlines and
    title parts all use this one test.
    """
    key = name_key(name)
    if not key:
        return False
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    names = {name_key(site_name or ""), name_key(host), name_key(host.split(".")[0])} - {""}
    if any(key == n or (key.startswith("bao") and key[3:] == n) for n in names):
        return True
    return prefix and any(key.startswith(n) or n.startswith(key) for n in names)
