"""Outlet names: one look-up of credits and one test of "the site's own name"."""

from __future__ import annotations

from newsmon.core.outlets import KnownOutlet, OutletNames, is_site_name

NAMES = OutletNames(
    [
        KnownOutlet("Dân trí", "dantri.com.vn", aliases=("dantri", "dantricomvn"), derived=("Dân trí",)),
        KnownOutlet("Chính phủ", "baochinhphu.vn", aliases=("baochinhphu",), derived=("Chính phủ",)),
        KnownOutlet("Vietnam.vn", "vietnam.vn", aliases=("vietnamvn",), translates=True),
    ]
)


def test_lookup_by_any_spelling_and_newspaper_words() -> None:
    assert NAMES.lookup("DÂN TRÍ") is NAMES.lookup("Báo Dân trí") is NAMES.lookup("dantri.com.vn")
    assert NAMES.lookup("Chính phủ") is not None  # a derived name ...
    assert NAMES.lookup("Chính phủ", aliases_only=True) is None  # ... is no alias
    assert NAMES.lookup("Báo Dân trí", aliases_only=True) is None  # aliases match as spelled
    assert NAMES.lookup("Tuổi Trẻ") is None


def test_credits_name_outlets_by_domain_label_or_table() -> None:
    assert NAMES.names_outlet("Theo Dân trí", "dantri.com.vn")  # a credit line ends with the name
    assert NAMES.names_outlet("Dân Trí", "dantri.com.vn")
    assert NAMES.names_outlet("Vietnam+", "en.vietnamplus.vn")  # by the domain's label, no table needed
    assert not NAMES.names_outlet("Vietnam", "vietnamnet.vn")
    assert NAMES.translates("vietnam.vn") and not NAMES.translates("dantri.com.vn")


def test_site_name_exact_and_as_a_title_part() -> None:
    url = "https://tuoitre.vn/a.htm"
    assert is_site_name("Báo Tuổi Trẻ", "Tuổi Trẻ", url)
    assert is_site_name("tuoitre.vn", None, url)
    assert not is_site_name("Tuổi Trẻ Online", "Tuổi Trẻ", url)
    assert is_site_name("Tuổi Trẻ Online", "Tuổi Trẻ", url, prefix=True)
    assert not is_site_name("Bão số 3 đổ bộ", "Tuổi Trẻ", url, prefix=True)
    assert not is_site_name("", "Tuổi Trẻ", url, prefix=True)
