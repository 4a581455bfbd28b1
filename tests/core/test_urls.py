from newsmon.core.urls import canonical_key, clean_url, same_site


def test_variants_of_one_address_share_a_key() -> None:
    key = canonical_key("https://dantri.com.vn/xa-hoi/bai-viet-20231115093012345.htm")
    for variant in (
        "http://dantri.com.vn/xa-hoi/bai-viet-20231115093012345.htm",
        "https://www.dantri.com.vn/xa-hoi/bai-viet-20231115093012345.htm",
        "https://m.dantri.com.vn/xa-hoi/bai-viet-20231115093012345.htm/",
        "https://DANTRI.com.vn/xa-hoi/bai-viet-20231115093012345.htm?utm_source=facebook&fbclid=abc#comments",
        "https://dantri.com.vn/xa-hoi/bai-viet-20231115093012345.htm?zarsrc=30&gidzl=x",
        "https://amp.dantri.com.vn/xa-hoi/bai-viet-20231115093012345.htm",
    ):
        assert canonical_key(variant) == key, variant


def test_meaningful_query_parameters_are_kept_and_ordered() -> None:
    assert canonical_key("https://a.vn/p?id=3&page=2") == canonical_key("https://a.vn/p?page=2&id=3")
    assert canonical_key("https://a.vn/p?id=3") != canonical_key("https://a.vn/p?id=4")


def test_amp_path_variants() -> None:
    assert canonical_key("https://vnexpress.net/tin-4954454.html") == canonical_key(
        "https://vnexpress.net/tin-4954454.amp.html"
    )
    assert canonical_key("https://x.vn/bai-viet/amp") == canonical_key("https://x.vn/bai-viet")


def test_clean_url_keeps_the_real_address() -> None:
    assert clean_url("https://www.sggp.org.vn/a-post1.html?utm_medium=x#top") == "https://www.sggp.org.vn/a-post1.html"


def test_same_site() -> None:
    assert same_site("https://en.vietnamplus.vn/a", "https://www.vietnamplus.vn/b")
    assert not same_site("https://dantri.com.vn/a", "https://vnexpress.net/b")
    assert same_site("https://tuoitre.vn/a", "https://tuoitre.vn/b")
