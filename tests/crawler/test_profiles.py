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


def test_builtin_profiles_pass_the_full_field_check_with_selectors() -> None:
    """Built-ins skip compiling selectors at start-up (speed); this is where theirs are compiled."""
    import tomllib

    from crawler.outlets.registry import BUILTIN_DIR, FAMILY_DIR, PRESS_FILE, check_fields

    for path in [*sorted(BUILTIN_DIR.glob("*.toml")), *sorted(FAMILY_DIR.glob("*.toml"))]:
        if path == PRESS_FILE:
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for raw in data.get("outlet", [data]):
            if path.parent == FAMILY_DIR:  # a family: layouts and defaults, no name of its own
                raw = {k: v for k, v in raw.items() if k != "description"}
            check_fields(raw, str(path))


@pytest.mark.parametrize(
    ("fields", "problem", "where"),
    [
        ({"feeds": "https://e.vn/rss"}, "feeds must be a list of http(s) URLs, got a string", ("feeds",)),
        ({"sections": ["/tin-tuc"]}, "sections item 1 must be an http(s) URL, got '/tin-tuc'", ("sections",)),
        ({"search": "https://e.vn/tim-kiem"}, "search must be an http(s) URL with {query}", ("search",)),
        ({"translates": "yes"}, "translates must be true or false, got 'yes'", ("translates",)),
        ({"layouts": [{"title": "h1::attr("}]}, "layout 1: title is not a valid CSS selector", ("layouts", 0, "title")),
        ({"layouts": [{"body": ["p:nth-child(x)"]}]}, "layout 1: body item 1 is not a valid CSS selector", ("layouts", 0, "body")),
        ({"layouts": {"title": "h1"}}, "layouts must be a list of tables", ("layouts",)),
        ({"feed_date_order": "dmy"}, "feed_date_order must be \"auto\" or \"us-local\", got 'dmy'", ("feed_date_order",)),
        ({"source_file": "x"}, "unknown field 'source_file'", ("source_file",)),
    ],
)
def test_field_types_are_checked_with_the_field_path(fields: dict[str, object], problem: str, where: tuple[object, ...]) -> None:
    data = {"name": "e.vn", "feeds": ["https://e.vn/rss"], **fields}
    with pytest.raises(ProfileError) as info:
        profile_from_dict(data, "c.toml")
    assert info.value.problem.startswith(f"outlet e.vn: {problem}"), info.value.problem
    assert str(info.value).startswith(f"c.toml: outlet e.vn: {problem}")
    assert info.value.field == where


def test_a_bad_selector_is_refused_before_extract_uses_it() -> None:
    with pytest.raises(ProfileError, match="is not a valid CSS selector"):
        profile_from_dict({"name": "e.vn", "feeds": ["https://e.vn/rss"], "layouts": [{"name": "m", "body": "div["}]})
