"""Vietnamese headline and lead templates of the synthetic pages, written for this project.

On-topic heads report an e-government award or ranking (what `crawler/topics/default.toml` calls
relevant: an award word and a digital-government subject in the title or lead); off-topic heads report
local news with neither. A slot every few words keeps two pages from sharing five-word runs, so only
planted copies look alike to dedup. Words the topic's exclusions react to (companies, "doanh
nghiệp", "Sao Khuê" and other indexes) are kept out of the on-topic heads, and every on-topic lead
names a public body ("địa phương").
"""

from __future__ import annotations

import random
from datetime import datetime

PLACES = (
    "Hà Nội", "TPHCM", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Quảng Ninh", "Bình Dương", "Đồng Nai",
    "Thừa Thiên Huế", "Khánh Hòa", "Lâm Đồng", "Nghệ An", "Thanh Hóa", "Bắc Ninh", "Vĩnh Long",
    "An Giang", "Lào Cai", "Quảng Nam", "Bình Định", "Tây Ninh", "Hưng Yên", "Ninh Bình",
)
AWARDS = (
    "ASOCIO", "Thành phố thông minh Việt Nam", "Chuyển đổi số Việt Nam", "FutureGov", "Digital Government",
    "WITSA", "Chính phủ số xuất sắc", "Smart City Asia Pacific",
)
SUBJECTS = (
    "chính quyền số", "chuyển đổi số", "chính phủ điện tử", "thành phố thông minh", "dịch vụ công trực tuyến",
    "chính phủ số", "đô thị thông minh",
)
ORGS = (
    "UBND", "Sở Thông tin và Truyền thông", "Trung tâm Phục vụ hành chính công", "Sở Khoa học và Công nghệ",
    "Trung tâm Điều hành thông minh", "Văn phòng UBND",
)
VENUES = (
    "Hà Nội", "Seoul (Hàn Quốc)", "Tokyo (Nhật Bản)", "Singapore", "Kuala Lumpur (Malaysia)", "Bangkok (Thái Lan)",
    "Đà Nẵng", "TPHCM", "Jakarta (Indonesia)",
)
GIVERS = (
    "Tổ chức Điện toán châu Á - châu Đại Dương (ASOCIO)", "Hiệp hội Internet Việt Nam", "Bộ Khoa học và Công nghệ",
    "Hội Truyền thông số Việt Nam", "Liên minh Công nghệ thông tin thế giới (WITSA)", "Hội đồng bình chọn",
    "Hiệp hội Phần mềm và Dịch vụ công nghệ thông tin Việt Nam",
)
PLATFORMS = (
    "dữ liệu mở", "điều hành đô thị thông minh", "cổng dịch vụ công", "giám sát giao thông", "y tế số",
    "giáo dục số", "một cửa điện tử", "bản đồ số", "thanh toán không dùng tiền mặt", "phản ánh hiện trường",
    "quản lý văn bản điều hành", "định danh điện tử",
)
TIMES = ("Ngày", "Sáng", "Chiều", "Tối")
TAGS_ON = ("chuyển đổi số", "chính quyền số", "giải thưởng", "thành phố thông minh", "ASOCIO", "dịch vụ công")
TAGS_OFF = ("giao thông", "thời tiết", "lễ hội", "thị trường", "đô thị", "thể thao")
FESTIVALS = ("hoa", "pháo hoa", "áo dài", "ẩm thực đường phố", "trái cây", "văn hóa dân gian")
OFF_EVENTS = (
    "khởi công tuyến đường vành đai {n}", "mưa lớn gây ngập {n} tuyến phố", "tổ chức lễ hội {festival} năm {year}",
    "giá rau củ tăng mạnh sau đợt rét", "đón {n} nghìn lượt khách dịp nghỉ lễ", "xử lý {n} vụ vi phạm trật tự đô thị",
    "đội bóng địa phương thắng trận thứ {n} liên tiếp", "thông xe cầu vượt sau {n} tháng thi công",
    "cắt điện luân phiên tại {n} phường", "mở thêm {n} tuyến xe buýt nội đô",
)
OFF_FACTS = (
    "lượng phương tiện qua khu vực tăng khoảng {n}%", "nhiều hộ dân phải di dời tài sản lên cao",
    "chủ đầu tư cam kết hoàn thành trước quý {q}", "người dân được khuyến cáo hạn chế ra đường vào giờ cao điểm",
    "sản lượng hàng hóa về chợ đầu mối giảm gần {n}%", "lực lượng chức năng túc trực tại {n} điểm nóng",
    "kinh phí dự kiến khoảng {n} tỷ đồng", "các trường học được yêu cầu rà soát phương án an toàn",
)


def _date(rng: random.Random, when: datetime) -> str:
    return f"{rng.choice(TIMES)} {when.day}/{when.month}"


def on_topic(rng: random.Random, when: datetime) -> tuple[str, str]:
    """(title, lead) of an e-government award story dated `when`."""
    place, award, subject, org = rng.choice(PLACES), rng.choice(AWARDS), rng.choice(SUBJECTS), rng.choice(ORGS)
    year = when.year
    title = rng.choice((
        f"{place} nhận giải thưởng {award} về {subject}",
        f"{place} được vinh danh tại giải thưởng {award} {year}",
        f"{org} {place} đoạt giải {award} hạng mục {subject}",
        f"{place} dẫn đầu bảng xếp hạng {subject} năm {year}",
        f"Giải thưởng {award}: {place} được tôn vinh về {subject}",
    ))
    platform, giver, venue = rng.choice(PLATFORMS), rng.choice(GIVERS), rng.choice(VENUES)
    lead = (
        f"{_date(rng, when)}, tại {venue}, {org} {place} được {giver} trao giải thưởng {award} cho "
        f"{rng.choice(('nền tảng', 'hệ thống', 'dự án'))} {platform}, ghi nhận "
        + rng.choice((
            f"kết quả nổi bật của địa phương về {subject} giai đoạn {year - rng.randint(2, 5)}-{year}.",
            f"nỗ lực của địa phương đưa {rng.randint(40, 900)} thủ tục lên môi trường số trong {subject}.",
            f"hiệu quả phục vụ {rng.randint(12, 990)} nghìn người dân của địa phương nhờ {subject}.",
        ))
    )
    return title, lead


def off_topic(rng: random.Random, when: datetime) -> tuple[str, str]:
    """(title, lead) of a local news story with no award and no digital-government subject."""
    place = rng.choice(PLACES)
    fill = {"n": rng.randint(2, 95), "festival": rng.choice(FESTIVALS), "year": when.year, "q": rng.randint(1, 4)}
    event = rng.choice(OFF_EVENTS).format(**fill)
    facts = rng.sample(OFF_FACTS, k=2)
    lead = (
        f"{_date(rng, when)}, đại diện chính quyền {place} cho biết địa phương vừa {event}; "
        f"{facts[0].format(**fill)}, {facts[1].format(**fill)}."
    )
    return f"{place} {event}", lead


def figures(rng: random.Random, when: datetime, i: int) -> str:
    """A closing paragraph of figures no other page has (the page number is one of them)."""
    return (
        f"Theo báo cáo tháng {rng.randint(1, 12)}/{when.year}, địa phương xử lý bình quân {rng.randint(120, 9800)} "
        f"hồ sơ mỗi ngày, tăng {rng.randint(3, 61)}% so với cùng kỳ, với {rng.randint(2, 95)} đơn vị "
        f"tham gia và mã báo cáo {i}."
    )
