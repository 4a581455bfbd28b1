"""Deduplication: URL keys and redirect aliases, exact and near copies, teasers, independent reports,
translations, versions, and the development groups' pairwise precision and recall."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from newsmon.core.outlets import KnownOutlet, OutletNames
from newsmon.core.records import Article, FetchedPage, Relevance
from newsmon.core.urls import canonical_key
from samples import dedup_groups
from storage import models as m
from storage.archive import Archive
from storage.dedup import Fingerprint, fingerprint
from storage.matching import bucket_lookup

# The one paper name these tests need: "Sài Gòn Giải Phóng" is sggp.org.vn (the registry has them all).
SGGP = KnownOutlet("Sài Gòn Giải Phóng", "sggp.org.vn", aliases=("Sài Gòn Giải Phóng", "SGGP"))
ON = Relevance(True, 0.9, ["egov-awards"], {})
LEAD = "Tối 14/11 tại Seoul, TPHCM được ASOCIO trao giải thưởng Chính quyền số xuất sắc năm 2023 cho những kết quả nổi bật."
BODY = [
    "Phó Giám đốc Sở Thông tin và Truyền thông thay mặt lãnh đạo thành phố nhận giải tại hội nghị thượng đỉnh của tổ chức.",
    "Thành phố được ghi nhận nhờ cổng dịch vụ công, tổng đài 1022 tiếp nhận phản ánh và kho dữ liệu dùng chung của các sở.",
    "Trong năm nay, tỷ lệ hồ sơ xử lý trực tuyến toàn trình tăng mạnh, nhiều thủ tục không còn yêu cầu giấy tờ bản giấy.",
    "Lãnh đạo Sở cho biết thành phố sẽ mở rộng các nền tảng dùng chung và tăng cường bảo đảm an toàn thông tin.",
]


def art(url: str, body: list[str] | None = None, lead: str | None = LEAD, **kw: object) -> Article:
    fields: dict[str, object] = {"title": "TPHCM nhận giải ASOCIO", "outlet": "sggp.org.vn", "language": "vi"}
    fields.update(kw)
    fields.setdefault("published", datetime(2023, 11, 14, 15, tzinfo=UTC))
    return Article(url=url, lead=lead, body=list(BODY if body is None else body), **fields)  # type: ignore[arg-type]


def test_canonical_keys_of_address_variants() -> None:
    key = canonical_key("https://tuoitre.vn/tphcm-nhan-giai-2023111422.htm")
    for variant in (
        "HTTP://TuoiTre.vn/tphcm-nhan-giai-2023111422.htm",
        "https://m.tuoitre.vn/tphcm-nhan-giai-2023111422.htm?utm_campaign=x&gclid=1",
        "https://www.tuoitre.vn/tphcm-nhan-giai-2023111422.htm/#binh-luan",
        "https://amp.tuoitre.vn/tphcm-nhan-giai-2023111422.htm",
    ):
        assert canonical_key(variant) == key
    assert canonical_key("https://tuoitre.vn/a.htm?id=1") != canonical_key("https://tuoitre.vn/a.htm?id=2")


def test_redirect_aliases_and_same_site_canonical_lead_to_one_row(archive: Archive) -> None:
    page = FetchedPage(
        url="https://sggp.org.vn/tphcm-nhan-giai-post1.html",
        outlet="sggp.org.vn",
        body=b"<html></html>",
        aliases=["http://sggp.org.vn/p/123", "https://sggp.org.vn/old-slug-post1.html"],
    )
    first = archive.store(
        art(page.url, canonical_url="https://www.sggp.org.vn/tphcm-nhan-giai-post1.html?utm_source=rss"), ON, raw=page
    )
    assert archive.known_urls(["https://sggp.org.vn/p/123", "https://m.sggp.org.vn/old-slug-post1.html"]) == {
        "https://sggp.org.vn/p/123",
        "https://m.sggp.org.vn/old-slug-post1.html",
    }
    again = archive.store(art("https://sggp.org.vn/p/123"), ON)  # fetched again under the short address
    assert (again.status, again.article_id) == ("unchanged", first.article_id)
    other_site = archive.store(
        art("https://x.vn/b.html", [*BODY[:2], "Một đoạn khác hẳn."], canonical_url="https://sggp.org.vn/y.html"), ON
    )
    assert not archive.known_urls(["https://sggp.org.vn/y.html"])  # a cross-site canonical is not trusted
    assert other_site.article_id != first.article_id


def test_exact_copy_with_other_punctuation_and_case_is_exact(archive: Archive) -> None:
    first = archive.store(art("https://sggp.org.vn/a.html"), ON)
    shouted = [p.replace(",", " -").upper() for p in BODY]
    copy = archive.store(art("https://baomoi.com/a.epi", shouted, outlet="baomoi.com"), ON)
    assert copy.verdict.kind == "exact" and copy.verdict.duplicate_of == first.article_id


@pytest.mark.parametrize(
    "body",
    [
        ["(Dân trí) - " + BODY[0], *BODY[1:], "THU HÀ"],  # another prefix and byline
        ["TTO - Đêm 14-11 đoàn TPHCM có mặt ở Seoul để nhận giải, hạng mục cạnh tranh nhất năm nay.", *BODY[1:]],
        [*BODY[:3], "Xem thêm: Hà Nội công bố kế hoạch chuyển đổi số", "Theo SGGP"],  # a paragraph cut, leftovers
    ],
)
def test_syndicated_copies_are_near_duplicates(archive: Archive, body: list[str]) -> None:
    original = archive.store(art("https://sggp.org.vn/a.html"), ON)
    copy = archive.store(art("https://dantri.com.vn/b.htm", body, outlet="dantri.com.vn"), ON)
    assert copy.verdict.kind == "near" and copy.verdict.duplicate_of == original.article_id


def test_a_teaser_joins_its_article_in_either_order(archive: Archive) -> None:
    card = art(
        "https://baomoi.com/t.epi",
        [BODY[0].split(",")[0] + "..."],
        outlet="baomoi.com",
        published=datetime(2023, 11, 14, 16, tzinfo=UTC),
    )
    teaser = archive.store(card, ON)  # the aggregator's card is crawled first, though published later
    full = archive.store(art("https://sggp.org.vn/a.html"), ON)
    assert full.verdict.kind == "near" and full.verdict.story_id == teaser.verdict.story_id
    assert archive.get(full.article_id)["duplicate_of"] is None  # type: ignore[index]  # the earlier one leads


def test_independent_report_is_not_merged(archive: Archive) -> None:
    archive.store(art("https://sggp.org.vn/a.html"), ON)
    own = [
        "Giải do Tổ chức Điện toán châu Á - châu Đại Dương xét chọn; năm nay lễ công bố diễn ra ở thủ đô Hàn Quốc.",
        "Đại diện Sở nhận giải chia sẻ rằng thành công đến từ số hóa hồ sơ và mở nhiều kênh để người dân góp ý.",
    ]
    other = archive.store(
        art("https://dantri.com.vn/c.htm", own, lead="TPHCM vừa được vinh danh ở châu Á.", outlet="dantri.com.vn"), ON
    )
    assert other.verdict.kind == "new"


def test_a_translation_naming_its_source_is_linked_whatever_comes_first(archive: Archive) -> None:
    english = art(
        "https://en.sggp.org.vn/hcmc-wins-post9.html",
        ["Ho Chi Minh City received the ASOCIO award in Seoul on November 14, 2023, for its 1022 hotline."],
        lead=None,
        language="en",
        outlet="en.sggp.org.vn",
        source_attribution="SGGP",
        translated_from="vi",
    )
    translation = archive.store(english, ON)
    original = archive.store(art("https://sggp.org.vn/a.html", outlet="sggp.org.vn"), ON)
    row = archive.get(translation.article_id)
    assert row is not None and row["story_id"] == original.verdict.story_id
    assert row["duplicate_of"] == original.article_id


def _english_credit(credit: str) -> Article:
    return art(
        "https://en.sggp.org.vn/hcmc-wins-post9.html",
        ["Ho Chi Minh City received the ASOCIO award in Seoul on November 14, 2023, for its 1022 hotline."],
        lead=None,
        language="en",
        outlet="en.sggp.org.vn",
        source_attribution=credit,
        translated_from="vi",
    )


def test_a_credit_in_words_names_its_outlet_through_the_outlet_names(tmp_path: Path) -> None:
    for outlets, linked in ((OutletNames([SGGP]), True), (None, False)):  # without names: only domain labels
        arch = Archive(f"sqlite:///{tmp_path / f'{linked}.sqlite3'}", outlets)
        try:
            translation = arch.store(_english_credit("Sài Gòn Giải Phóng"), ON)
            original = arch.store(art("https://sggp.org.vn/a.html"), ON)
            row = arch.get(translation.article_id)
            assert row is not None and (row["story_id"] == original.verdict.story_id) is linked
        finally:
            arch.close()


def test_names_outlet() -> None:
    names = OutletNames()
    assert names.names_outlet("Vietnam+", "en.vietnamplus.vn") and names.names_outlet("Theo VnExpress", "vnexpress.net")
    assert not names.names_outlet("Vietnam", "vietnamnet.vn")
    assert not names.names_outlet("Sài Gòn Giải Phóng", "sggp.org.vn")
    assert OutletNames([SGGP]).names_outlet("Sài Gòn Giải Phóng", "sggp.org.vn")


def test_changed_text_is_a_new_version_not_a_new_article(archive: Archive) -> None:
    first = archive.store(art("https://sggp.org.vn/a.html"), ON)
    changed = archive.store(
        art("https://sggp.org.vn/a.html", [*BODY, "Cập nhật: danh sách đầy đủ các đơn vị đoạt giải."]), ON
    )
    assert (changed.status, changed.article_id) == ("updated", first.article_id)
    assert archive.get(first.article_id)["version"] == 2  # type: ignore[index]


def test_signatures_of_the_first_format_still_read() -> None:
    fp = fingerprint(" ".join(BODY))
    old_blob = np.uint32(fp.shingles).tobytes() + fp.hashvalues.astype(np.uint64).tobytes()
    old = Fingerprint.from_bytes(old_blob)
    assert old.opening is None and fp.containment(old) == pytest.approx(1.0)
    assert Fingerprint.from_bytes(fp.to_bytes()).containment(fp) == pytest.approx(1.0)


def test_candidate_lookup_uses_the_bucket_index(archive: Archive) -> None:
    with archive.engine.connect() as conn:
        sql = str(bucket_lookup(3).compile(conn, compile_kwargs={"literal_binds": False}))
        plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", (1,) * 6).all()
    details = " ".join(row[-1] for row in plan)
    assert "ix_lsh_bands_bucket" in details and "SCAN lsh_bands" not in details


def test_development_groups_precision_and_recall(archive: Archive) -> None:
    articles = dedup_groups.load()
    stored = {
        a["id"]: archive.store(Article(**dedup_groups.article_fields(a)), ON).article_id
        for a in dedup_groups.shuffled(articles, 0)
    }
    with archive.sessions() as session:
        story_of = dict(session.execute(select(m.Article.id, m.Article.story_id)).all())
    tally = dedup_groups.Tally()
    tally.add(articles, {aid: story_of[row] for aid, row in stored.items()})
    result = tally.result()
    for scope in ("A", "B", "all"):
        counts = result["scopes"][scope]
        assert counts["precision"] >= 0.95 and counts["recall"] >= 0.95, (scope, counts)
    assert result["kinds"]["independent"]["merged"] == 0
    assert result["kinds"]["look-alike"]["merged"] == 0
