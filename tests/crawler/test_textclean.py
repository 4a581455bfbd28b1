"""The text cleaner: the seed pages reproduced field by field, and each rule on small snippets."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from crawler.clean import clean_text, finalize, is_teaser, source_name, strip_outlet_prefix
from crawler.outlets.registry import Registry, builtin_outlet_names, profile_from_dict
from newsmon.core.dates import LOCAL_TZ
from newsmon.core.outlets import OutletNames
from newsmon.core.records import ExtractedPage
from tests.conftest import run_cli

SEEDS = Path(__file__).resolve().parents[2] / "samples" / "seeds"
GOLD_FILES = sorted((SEEDS / "gold").glob("*.json"))
FIELDS = (
    "title", "lead", "body", "captions", "authors", "published", "source_attribution", "language",
    "translated_from", "outlet",
)
FETCHED = datetime(2026, 5, 10, 12, 0, tzinfo=LOCAL_TZ)


def test_seed_files_are_present() -> None:
    assert len(GOLD_FILES) == 5


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("field", FIELDS)
def test_seed_field(gold_path: Path, field: str) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = clean_text((SEEDS / gold["seed"]).read_text(encoding="utf-8"))
    assert article.to_json()[field] == gold[field]  # exactly: the published characters are kept


def test_seed_gold_keeps_published_characters() -> None:
    """The gold is the published wording: an Icelandic eth for Đ (002), a no-break space (000)."""
    golds = {p.stem[:3]: json.loads(p.read_text(encoding="utf-8")) for p in GOLD_FILES}
    assert "\u00d0" in golds["002"]["title"]
    assert "\u00a0" in golds["000"]["body"][2]


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_clean_command_reproduces_seed(gold_path: Path) -> None:
    """`newsmon clean SEED --json`, run as a user runs it, gives every gold field exactly."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    result = run_cli("clean", str(SEEDS / gold["seed"]), "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert {f: record[f] for f in FIELDS} == {f: gold[f] for f in FIELDS}


# --- page structure -------------------------------------------------------------------------

VNEXPRESS_STYLE = """Thời sự
Thứ tư, 22/10/2025, 19:25 (GMT+7)

Hà Nội mở cổng dịch vụ công mới cho người dân

Thành phố vừa vận hành một cổng dịch vụ công mới, giúp người dân nộp hồ sơ trực tuyến nhanh hơn trước.

Theo Sở Khoa học và Công nghệ, hệ thống kết nối với dữ liệu dân cư và cho phép xem kết quả ngay trên điện thoại.

Người dân thử nộp hồ sơ trên cổng mới. Ảnh: Minh Anh

Trong tháng đầu, hơn 20.000 hồ sơ đã đi qua cổng, phần lớn là đăng ký kinh doanh và hộ tịch.

Minh Anh

Xem thêm: Hà Nội đẩy mạnh chuyển đổi số cấp xã

Chia sẻ
Ý kiến (3)
Tin cùng chuyên mục
Một bản tin khác về chuyện khác hẳn, dài đủ để trông như một đoạn văn thật sự của trang.
"""


def test_date_right_above_title_with_time_is_publication_date() -> None:
    article = clean_text(VNEXPRESS_STYLE)
    assert article.title == "Hà Nội mở cổng dịch vụ công mới cho người dân"
    assert article.published == datetime(2025, 10, 22, 19, 25, tzinfo=LOCAL_TZ)


def test_trailing_credit_makes_a_caption_and_signoff_an_author() -> None:
    article = clean_text(VNEXPRESS_STYLE)
    assert article.captions == ["Người dân thử nộp hồ sơ trên cổng mới. Ảnh: Minh Anh"]
    assert article.authors == ["Minh Anh"]
    assert article.body[0].startswith("Theo Sở Khoa học")  # a sentence opening with "Theo" stays
    assert len(article.body) == 2


def test_footer_after_comment_block_is_cut() -> None:
    article = clean_text(VNEXPRESS_STYLE)
    assert not any("bản tin khác" in p for p in article.body)
    assert not any(p.startswith("Xem thêm") for p in article.body)


def test_header_date_without_time_above_title_is_not_publication_date() -> None:
    text = (
        "Chủ nhật, 10/05/2026\n\nQuận mới khai trương trung tâm hành chính công hiện đại\n\n"
        "Trung tâm hành chính công của quận chính thức đi vào hoạt động từ sáng nay với ba mươi quầy.\n"
    )
    article = clean_text(text, fetched_at=FETCHED)
    assert article.published is None
    assert article.title.startswith("Quận mới")


FRENCH_TRANSLATION = """Vietnam.vn - Plateforme de promotion du Vietnam

Hô Chi Minh-Ville distinguée pour son administration numérique

Báo Tuổi TrẻBáo Tuổi Trẻ21/11/2023

La ville a été distinguée lors d'un sommet régional pour avoir mis en ligne la plupart de ses démarches administratives.

Lãnh đạo thành phố nhận giải thưởng tại hội nghị
Les dirigeants de la ville reçoivent le prix

Le jury a salué un portail unique qui répond aux habitants en quelques heures au lieu de plusieurs jours.

Il y a 3 heures

Lire aussi : Hanoï ouvre un nouveau portail

Source

Commentaires (2)

Dans la même catégorie
Un autre article sans rapport
"""


def test_translated_page_fields() -> None:
    article = clean_text(FRENCH_TRANSLATION)
    assert article.outlet == "vietnam.vn"
    assert article.language == "fr"
    assert article.translated_from == "vi"
    assert article.source_attribution == "Tuổi Trẻ"
    assert article.to_json()["published"] == "2023-11-21"


def test_translated_page_drops_untranslated_alt_and_keeps_caption() -> None:
    article = clean_text(FRENCH_TRANSLATION)
    assert article.captions == ["Les dirigeants de la ville reçoivent le prix"]
    assert article.body == [
        "Le jury a salué un portail unique qui répond aux habitants en quelques heures au lieu de plusieurs jours."
    ]


def test_thai_page_without_word_spaces() -> None:
    text = (
        "ข่าวล่าสุด\n\nนครโฮจิมินห์คว้ารางวัลรัฐบาลดิจิทัลยอดเยี่ยม\n\n"
        "เมืองได้รับรางวัลในการประชุมระดับภูมิภาคที่กรุงโซล จากความพยายามนำบริการสาธารณะขึ้นสู่ระบบออนไลน์ทั้งหมด\n\n"
        "ความคิดเห็น (0)\n"
    )
    article = clean_text(text)
    assert article.title == "นครโฮจิมินห์คว้ารางวัลรัฐบาลดิจิทัลยอดเยี่ยม"
    assert article.language == "th"
    assert article.lead is not None and article.lead.startswith("เมืองได้รับรางวัล")


def test_url_and_outlet_arguments_win() -> None:
    article = clean_text(VNEXPRESS_STYLE, url="https://vnexpress.net/ha-noi-123.html")
    assert article.outlet == "vnexpress.net"
    assert article.url == "https://vnexpress.net/ha-noi-123.html"
    assert clean_text(VNEXPRESS_STYLE, outlet="example.vn").outlet == "example.vn"


RELATED_AT_END = """Xe buýt điện về tới huyện ngoại thành có đáng chờ đợi?

(VTC News) - Tuyến xe buýt điện đầu tiên nối trung tâm với huyện ngoại thành sẽ chạy thử từ tháng sau.

Mỗi ngày tuyến dự kiến có 120 chuyến, giá vé giữ nguyên như các tuyến xe buýt thường của thành phố.

Tin liên quan

Trạm sạc mới có kịp cho đội xe điện đông dần?

Trạm sạc mới có kịp cho đội xe điện đông dần?

Thành phố dự kiến lắp thêm hàng trăm trụ sạc công cộng trong năm nay ở các bến xe lớn.

Vé tháng xe buýt sẽ thanh toán bằng thẻ ngân hàng

Từ quý sau, hành khách có thể chạm thẻ ngân hàng để mua vé tháng ngay trên xe.

Bình luận (0)
"""


def test_question_title_and_related_block_with_teasers() -> None:
    article = clean_text(RELATED_AT_END)
    assert article.title == "Xe buýt điện về tới huyện ngoại thành có đáng chờ đợi?"
    assert article.outlet == "vtcnews.vn"
    assert article.lead is not None and article.lead.startswith("Tuyến xe buýt điện")
    assert article.body == [
        "Mỗi ngày tuyến dự kiến có 120 chuyến, giá vé giữ nguyên như các tuyến xe buýt thường của thành phố."
    ]


def test_related_box_inside_the_article_keeps_the_text_after_it() -> None:
    body = [
        "Đoạn mở đầu của bài viết nói về kế hoạch mở rộng mạng lưới xe buýt điện trong thành phố.",
        "Tin liên quan",
        "Trạm sạc mới có kịp cho đội xe điện đông dần?",
        "Vé tháng xe buýt sẽ thanh toán bằng thẻ ngân hàng",
        "Đoạn tiếp theo của bài viết cho biết chi phí đầu tư và thời gian hoàn thành dự kiến của dự án.",
        "Đoạn cuối cùng của bài viết nêu ý kiến của người dân về tuyến xe buýt mới này.",
    ]
    article = finalize(_page(body=body))
    assert len(article.body) == 3
    assert article.body[1].startswith("Đoạn tiếp theo")


def test_folded_byline_widget_and_furniture_after_signoff() -> None:
    text = (
        "Thời sự\n\nBão đi qua, thành phố ven biển bắt tay dọn dẹp đường phố\n\n"
        "HẢI AN và 1 tác giả khác\nHẢI AN\nMINH THƯ\n\n"
        "Từ sáng sớm, hàng trăm người đã ra đường dọn cây đổ và khơi thông cống thoát nước.\n\n"
        "Điện lực cho biết sẽ khôi phục điện cho các khu dân cư trong ngày mai.\n\n"
        "Theo Thanh Niên\n\nTrở lại Thời sự\n\nLưu bài viết\n\nXem nhiều\n\n1\n\nMột tin khác hẳn\n"
    )
    article = clean_text(text)
    assert article.title == "Bão đi qua, thành phố ven biển bắt tay dọn dẹp đường phố"
    assert article.authors == ["HẢI AN", "MINH THƯ"]
    assert article.source_attribution == "Thanh Niên"
    assert article.body == ["Điện lực cho biết sẽ khôi phục điện cho các khu dân cư trong ngày mai."]


# --- single rules ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("lead", "rest", "name"),
    [
        ("(Dân trí) - Tin chính.", "Tin chính.", "Dân trí"),
        ("(Chinhphu.vn) - Tin chính.", "Tin chính.", "Chinhphu.vn"),
        ("(ĐTTCO) - Tin chính.", "Tin chính.", "ĐTTCO"),
        ("(NLĐO)- Tin chính.", "Tin chính.", "NLĐO"),
        ("TTO - Tin chính.", "Tin chính.", "TTO"),
        ("VOV.VN - Tin chính.", "Tin chính.", "VOV.VN"),
        ("(Báo Mới Toanh) - Tin chính.", "Tin chính.", "Báo Mới Toanh"),
    ],
)
def test_outlet_prefix_is_stripped(lead: str, rest: str, name: str) -> None:
    assert strip_outlet_prefix(lead) == (rest, name)


@pytest.mark.parametrize(
    "lead",
    ["Hà Nội - nơi hội tụ nhân tài.", "(Ảnh minh họa) cho thấy điều này.", "Theo đó, thành phố sẽ làm."],
)
def test_text_that_is_not_an_outlet_prefix_is_kept(lead: str) -> None:
    assert strip_outlet_prefix(lead) == (lead, None)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Nhandan", "Nhân Dân"),
        ("Báo Sài Gòn Giải phóng", "Sài Gòn Giải Phóng"),
        ("Sai Gon Giai Phong Newspaper", "Sài Gòn Giải Phóng"),
        ("TTXVN", "TTXVN"),
        ("https://www.vnexpress.net/abc", "VnExpress"),
        ("Báo Bình Phước", "Bình Phước"),
        ("Dân Trí", "Dân trí"),  # a known outlet: its own spelling, whatever the page wrote
        ("DÂN TRÍ", "Dân trí"),
        ("baotintuc.vn", "Tin tức"),  # newspapers are named without "Báo", as in the seed gold
        ("Báo Điện tử Chính phủ", "Chính phủ"),
    ],
)
def test_source_names_are_normalised(raw: str, name: str) -> None:
    assert source_name(raw) == name


def test_teaser_matches_despite_quotes_dashes_and_glued_paragraphs() -> None:
    body = [
        "Dự án “Cổng số” được khen thưởng – lần đầu tiên ở khu vực.",
        "Đây là giải thưởng lớn nhất mà thành phố nhận được trong năm nay.",
    ]
    teaser = 'Dự án "Cổng số" được khen thưởng - lần đầu tiên ở khu vực.Đây là giải thưởng lớn...'
    assert is_teaser(teaser, body)
    assert not is_teaser("Một câu hoàn toàn khác hẳn với phần thân của bài viết ở trên...", body)


def _page(**kwargs: Any) -> ExtractedPage:
    defaults: dict[str, Any] = {"url": "https://example.vn/a.html", "title": "Thành phố đạt giải thưởng số"}
    defaults.update(kwargs)
    return ExtractedPage(**defaults)


def test_finalize_drops_furniture_paragraphs() -> None:
    body = [
        "8 giờ trước",
        "(0) Bình luận",
        "Thành phố đạt giải thưởng số - 2",
        "anh-trao-giai-01.jpg",
        "Đại diện thành phố nhận giải (Ảnh: Hải Yến)",
        "Giải thưởng ghi nhận những nỗ lực của thành phố trong việc đưa thủ tục hành chính lên mạng.",
        "Đọc thêm: Một bài khác về giải thưởng",
        "Giải thưởng ghi nhận những nỗ lực của thành phố trong việc đưa thủ tục hành chính lên mạng.",
        "   ",
    ]
    article = finalize(_page(body=body))
    assert article.body == [
        "Giải thưởng ghi nhận những nỗ lực của thành phố trong việc đưa thủ tục hành chính lên mạng."
    ]
    assert article.captions == ["Đại diện thành phố nhận giải (Ảnh: Hải Yến)"]


def test_finalize_turns_signoffs_into_fields() -> None:
    body = [
        "Thành phố sẽ tiếp tục đầu tư cho hạ tầng số trong giai đoạn tới, theo kế hoạch đã được duyệt.",
        "Hải Yến - Quốc Anh",
        "Theo TTXVN",
    ]
    article = finalize(_page(body=body))
    assert article.authors == ["Hải Yến", "Quốc Anh"]
    assert article.source_attribution == "TTXVN"
    assert len(article.body) == 1


def test_finalize_reads_byline_with_date_and_normalises() -> None:
    page = _page(
        title="  Thành phố\u00a0đạt  giải thưởng số ",
        lead="(SGGP) - Thành phố vừa nhận giải thưởng về chính quyền số tại một hội nghị quốc tế ở Seoul.",
        authors=["Tú Viên | 12/08/2022, 13:25"],
        body=["Hội nghị quy tụ đại biểu từ nhiều nền kinh tế trong khu vực châu Á và châu Đại Dương."],
    )
    article = finalize(page)
    assert article.title == "Thành phố\u00a0đạt giải thưởng số"  # layout runs collapse, a lone no-break space stays
    assert article.lead is not None and article.lead.startswith("Thành phố vừa")
    assert article.authors == ["Tú Viên"]
    assert article.published == datetime(2022, 8, 12, 13, 25, tzinfo=LOCAL_TZ)
    assert article.outlet == "example.vn"


def test_finalize_parses_published_text_and_keeps_structured_date() -> None:
    body = ["Nội dung bài viết đủ dài để nhận diện ngôn ngữ của trang một cách chắc chắn hơn."]
    early_fetch = datetime(2025, 6, 1, tzinfo=LOCAL_TZ)
    article = finalize(_page(body=body, published_text="Thứ Sáu, 26/12/2025 - 22:10", fetched_at=early_fetch))
    assert article.published is None  # months after the fetch: a misread, refused
    article = finalize(_page(body=body, published_text="Thứ Sáu, 26/12/2025 - 22:10"))
    assert article.published == datetime(2025, 12, 26, 22, 10, tzinfo=LOCAL_TZ)
    given = datetime(2024, 1, 2, 3, 4, tzinfo=LOCAL_TZ)
    assert finalize(_page(body=body, published=given, published_text="01/01/2020")).published == given


def test_finalize_promotes_prefixed_first_paragraph_to_lead() -> None:
    page = _page(
        url="https://www.vietnam.vn/nl/stad-wint-prijs",
        title="Stad wint prijs voor digitale overheid",
        body=[
            "(PLO)- De stad ontving de prijs tijdens een top in Seoul voor haar werk aan de digitale overheid.",
            "De prijs erkent de inspanningen om openbare diensten online te brengen en inwoners sneller te helpen.",
            "Thành phố nhận giải thưởng chính quyền số",
            "Bestuurders nemen de prijs in ontvangst",
            "Reacties (0)",
            "Ander nieuws dat niets met dit artikel te maken heeft, maar toch op de pagina staat.",
        ],
    )
    article = finalize(page)
    assert article.lead is not None and article.lead.startswith("De stad ontving")
    assert article.captions == ["Bestuurders nemen de prijs in ontvangst"]
    assert len(article.body) == 1
    assert (article.outlet, article.language, article.translated_from) == ("vietnam.vn", "nl", "vi")


def test_finalize_drops_truncated_teaser_lead() -> None:
    body = [
        "Thành phố được trao giải thưởng “Tổ chức công tiêu biểu” cho dự án nền tảng số – lần đầu tiên.",
        "Đây là giải thưởng đầu tiên của một cơ quan công quyền trong nước ở hạng mục này.",
    ]
    lead = 'Thành phố được trao giải thưởng "Tổ chức công tiêu biểu" cho dự án nền tảng số - lần đầu...'
    assert finalize(_page(lead=lead, body=body)).lead is None


def test_czech_furniture_is_recognised() -> None:
    body = [
        "Město získalo ocenění za digitální správu na summitu v Soulu, kde se sešli zástupci devíti ekonomik.",
        "Před 8 hodinami",
        "Zdroj",
        "Komentář (0)",
        "Ve stejném tématu",
        "Jiný článek, který s tímto nemá nic společného, ale na stránce je také uveden.",
    ]
    article = finalize(_page(title="Město získalo ocenění", body=body))
    assert len(article.body) == 1
    assert article.language == "cs"


@pytest.mark.parametrize(
    ("url", "credit", "expected"),
    [
        ("https://www.vietnamplus.vn/a-post1.vnp", "(TTXVN/Vietnam+)", None),  # its own joint credit
        ("https://dantri.com.vn/a-20250101000000000.htm", "Theo Dân Trí", None),
        ("https://tuoitre.vn/a-20250101000000000.htm", "Theo Dân Trí", "Dân trí"),
        ("https://tuoitre.vn/a-20250101000000000.htm", "TTXVN/Vietnam+", "TTXVN/Vietnam+"),
    ],
)
def test_self_credit_is_not_a_source(url: str, credit: str, expected: str | None) -> None:
    body = ["Thành phố sẽ tiếp tục đầu tư cho hạ tầng số trong giai đoạn tới, theo kế hoạch đã được duyệt."]
    assert finalize(_page(url=url, body=body, source_attribution=credit)).source_attribution == expected


# --- outlet names come from the registry: the user's config outlets count like built-in ones -------

def _config_names(**fields: Any) -> OutletNames:
    """The names a crawl passes the cleaner when the user's config adds Báo Quảng Ninh."""
    outlet = {"name": "baoquangninh.vn", "display_name": "Báo Quảng Ninh", "feeds": ["https://baoquangninh.vn/rss"]}
    return Registry.builtin([profile_from_dict({**outlet, **fields}, "config.toml")]).outlet_names()


def test_config_outlet_aliases_are_credits() -> None:
    names = _config_names(aliases=["BQN", "baoquangninh.vn"])
    body = ["Tỉnh đưa vào vận hành trung tâm điều hành thông minh, kết nối dữ liệu của mọi sở ngành.", "Theo BQN"]
    assert finalize(_page(url="https://tuoitre.vn/a.htm", body=body)).source_attribution == "BQN"  # unknown
    assert finalize(_page(url="https://tuoitre.vn/a.htm", body=body), names).source_attribution == "Quảng Ninh"
    assert finalize(_page(url="https://baoquangninh.vn/a.html", body=body), names).source_attribution is None
    lead = "(BQN) Tỉnh vừa khai trương trung tâm điều hành thông minh đầu tiên của vùng."
    assert strip_outlet_prefix(lead) == (lead, None)  # undashed: only a known outlet counts
    assert strip_outlet_prefix(lead, names) == (lead.removeprefix("(BQN) "), "BQN")
    assert source_name("bqn", names) == "Quảng Ninh"
    article = clean_text(f"Tỉnh khai trương trung tâm điều hành\n\n{lead}\n\n{body[0]}\n", names=names)
    assert (article.lead, article.outlet) == (lead.removeprefix("(BQN) "), "baoquangninh.vn")


def test_config_outlet_that_translates_marks_translations() -> None:
    page = _page(
        url="https://baoquangninh.vn/en/smart-centre.html",
        title="Province opens a smart operations centre",
        body=["The province opened its first smart operations centre, linking the data of every department."],
    )
    assert finalize(page, _config_names()).translated_from is None
    assert finalize(page, _config_names(translates=True)).translated_from == "vi"


def test_builtin_outlet_names_come_from_profiles_and_press_list() -> None:
    names = builtin_outlet_names()
    assert {o.domain for o in names.outlets} >= {"dantri.com.vn", "vnanet.vn", "vov.vn", "plo.vn"}
    assert [o.domain for o in names.outlets if o.translates] == ["vietnam.vn"]
    ttxvn, chinhphu = names.lookup("Thông tấn xã Việt Nam"), names.lookup("Chính phủ")
    assert ttxvn is not None and (ttxvn.name, ttxvn.domain) == ("TTXVN", "vnanet.vn")
    assert chinhphu is not None and chinhphu.domain == "baochinhphu.vn"  # a derived name ...
    assert names.lookup("Chính phủ", aliases_only=True) is None  # ... is not an alias
