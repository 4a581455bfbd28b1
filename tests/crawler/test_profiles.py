import pytest

from crawler.outlets.registry import ProfileError, Registry, load_press_file, load_profile_file, profile_from_dict


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


def test_profile_names_for_credits() -> None:
    profile = profile_from_dict(
        {"name": "baoquangninh.vn", "display_name": "Báo Quảng Ninh", "aliases": "BQN", "translates": True,
         "feeds": ["https://baoquangninh.vn/rss"]}
    )
    known = profile.known_outlet()
    assert (known.name, known.domain, known.aliases, known.translates) == ("Quảng Ninh", "baoquangninh.vn", ("BQN",), True)
    assert known.derived == ("Quảng Ninh", "baoquangninh.vn", "baoquangninh.vn")
    with pytest.raises(ProfileError, match="unknown field"):  # read by nothing, so no longer a field
        profile_from_dict({"name": "example.vn", "feeds": ["https://example.vn/rss"], "lead_prefix": "^x"})


def test_press_list_is_names_only() -> None:
    press = load_press_file()
    assert press and all(o.aliases and not o.derived for o in press)
    assert "vnanet.vn" not in Registry.builtin().names()  # never read as a crawl profile
