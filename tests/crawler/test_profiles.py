import pytest

from crawler.outlets.registry import ProfileError, Registry, load_profile_file, profile_from_dict


def test_builtin_registry_has_the_sample_outlets() -> None:
    registry = Registry.builtin()
    assert {"dantri.com.vn", "vnexpress.net", "tuoitre.vn"} <= set(registry.names())
    assert registry.get("dantri").name == "dantri.com.vn"
    assert registry.get("www.tuoitre.vn").name == "tuoitre.vn"
    with pytest.raises(KeyError, match="unknown outlet"):
        registry.get("nosuchpaper")
    for profile in registry:
        assert profile.discovery, profile.name
        assert profile.layouts, profile.name


def test_article_url_patterns() -> None:
    registry = Registry.builtin()
    dantri, vne, tt = registry.get("dantri"), registry.get("vnexpress"), registry.get("tuoitre")
    assert dantri.is_article_url("https://dantri.com.vn/cong-nghe/tphcm-dat-giai-20231115093012345.htm")
    assert not dantri.is_article_url("https://dantri.com.vn/cong-nghe.htm")
    assert not dantri.is_article_url("https://vnexpress.net/tphcm-dat-giai-4800001.html")
    assert vne.is_article_url("https://vnexpress.net/tphcm-dat-giai-4800001.html")
    assert not vne.is_article_url("https://vnexpress.net/thoi-su-p2")
    assert tt.is_article_url("https://tuoitre.vn/tphcm-dat-giai-100261005154200123.htm")
    assert not tt.is_article_url("https://tuoitre.vn/nld/tphcm-dat-giai-100261005154200123.htm")
    assert registry.for_url("https://www.dantri.com.vn/x.htm") is dantri


def test_user_profile_needs_a_source_and_known_fields(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ProfileError, match="at least one feed"):
        profile_from_dict({"name": "example.vn"})
    with pytest.raises(ProfileError, match="unknown field"):
        profile_from_dict({"name": "example.vn", "feeds": ["https://example.vn/rss"], "colour": "red"})
    with pytest.raises(ProfileError, match="bad URL pattern"):
        profile_from_dict({"name": "example.vn", "feeds": ["https://example.vn/rss"], "article_url": "(["})
    path = tmp_path / "o.toml"
    path.write_text(
        '[[outlet]]\nname = "example.vn"\nfeeds = ["https://example.vn/rss"]\n'
        '[[outlet.layouts]]\nname = "main"\ntitle = "h1"\nbody = ["div.body"]\n'
    )
    (profile,) = load_profile_file(path)
    assert profile.layouts[0].title == ["h1"] and profile.domains == ["example.vn"]
