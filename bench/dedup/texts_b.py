"""Development groups, half B (written after the settings were frozen on half A; measured only)."""

# ruff: noqa: E501
from __future__ import annotations

ARTICLES: list[dict] = [
    # ---- B01: Đà Nẵng, ASOCIO Smart City Award 2019: wire copy, teaser, English with its source -------
    {
        "id": "b01-1", "group": "B01", "relation": "original", "outlet": "baodanang.vn", "published": "2019-08-28T18:00:00+07:00",
        "title": "Đà Nẵng nhận giải thưởng Thành phố thông minh ASOCIO 2019",
        "lead": "Chiều 27/8 tại Bangkok (Thái Lan), thành phố Đà Nẵng được Tổ chức ASOCIO trao giải thưởng Thành phố thông minh năm 2019.",
        "body": [
            "Giám đốc Sở Thông tin và Truyền thông Đà Nẵng đại diện thành phố nhận giải tại Hội nghị thượng đỉnh ASOCIO 2019, nơi có hơn 300 đại biểu từ các hiệp hội công nghệ trong khu vực.",
            "Hồ sơ của Đà Nẵng giới thiệu trung tâm giám sát giao thông, hệ thống quan trắc chất lượng nước và không khí, cùng tổng đài 1022 tiếp nhận phản ánh của người dân.",
            "Theo đánh giá của hội đồng, điểm mạnh của thành phố là chính quyền điện tử vận hành từ sớm và dữ liệu được chia sẻ giữa các sở ngành qua một nền tảng chung.",
            "Đây là lần đầu tiên một địa phương của Việt Nam được ASOCIO trao giải ở hạng mục thành phố thông minh.",
        ],
    },
    {"id": "b01-2", "group": "B01", "relation": "near_duplicate", "from": "b01-1", "outlet": "giaoduc.edu.vn", "published": "2019-08-28T21:00:00+07:00",
     "ops": [("nolead", ), ("prefix", "GD&TĐ - "), ("byline", "Theo Báo Đà Nẵng"), ("title", "Đà Nẵng được trao giải Thành phố thông minh của ASOCIO")],
     "source_attribution": "Báo Đà Nẵng"},
    {"id": "b01-3", "group": "B01", "relation": "teaser", "from": "b01-1", "outlet": "baomoi.com", "published": "2019-08-28T18:20:00+07:00",
     "ops": [("teaser", )], "source_attribution": "Báo Đà Nẵng"},
    {
        "id": "b01-4", "group": "B01", "relation": "translation", "outlet": "english.mic.gov.vn", "published": "2019-08-29T09:00:00+07:00", "language": "en",
        "title": "Central city wins ASOCIO smart city award",
        "lead": "Da Nang received the ASOCIO Smart City Award 2019 in Bangkok, Thailand, on August 27.",
        "body": [
            "The director of the city's Department of Information and Communications accepted the award at the ASOCIO 2019 summit, attended by more than 300 delegates.",
            "The city presented its traffic monitoring centre, its water and air quality sensors and the 1022 hotline for residents' feedback.",
            "It is the first time a Vietnamese locality has won in ASOCIO's smart city category, according to Da Nang newspaper.",
        ],
        "source_attribution": "Báo Đà Nẵng", "translated_from": "vi",
    },
    {
        "id": "b01-5", "group": "B01", "relation": "independent_report", "outlet": "tienphong.vn", "published": "2019-08-28T20:00:00+07:00",
        "title": "Thành phố biển miền Trung được châu Á vinh danh",
        "lead": "Một giải thưởng khu vực vừa ghi nhận những gì Đà Nẵng làm được trong hơn mười năm xây dựng chính quyền điện tử.",
        "body": [
            "Ông Giám đốc Sở cho biết khi trở về từ Thái Lan rằng thành phố sẽ dùng giải thưởng để thu hút thêm doanh nghiệp công nghệ đến đầu tư.",
            "Nhiều người dân Đà Nẵng đã quen với việc gọi tổng đài hoặc dùng ứng dụng trên điện thoại để báo đèn đường hỏng, rác thải hay ngập nước.",
            "Các chuyên gia lưu ý rằng thách thức tiếp theo là bảo đảm an toàn cho lượng dữ liệu ngày càng lớn mà thành phố thu thập.",
        ],
    },
    # ---- B02 / B03: DTI 2024 and DTI 2020: a release with copies, and an earlier year from the same mould
    {
        "id": "b02-1", "group": "B02", "relation": "original", "outlet": "vietnamnet.vn", "published": "2025-10-21T16:00:00+07:00",
        "title": "Hà Nội dẫn đầu bảng xếp hạng chuyển đổi số cấp tỉnh năm 2024",
        "lead": "Chiều 21/10, Bộ Khoa học và Công nghệ công bố Chỉ số chuyển đổi số DTI năm 2024 của 34 tỉnh, thành phố sau sắp xếp đơn vị hành chính.",
        "body": [
            "Hà Nội đứng thứ nhất với 0,7829 điểm, tiếp theo là Huế, Hải Phòng, TPHCM và Thanh Hóa. Đà Nẵng, địa phương nhiều năm dẫn đầu, năm nay xếp thứ sáu.",
            "Kết quả được tính lại trên cơ sở gộp dữ liệu của các tỉnh trước sắp xếp, theo trọng số dân số và quy mô kinh tế của từng đơn vị.",
            "Ở khối bộ, cơ quan ngang bộ, Bộ Tài chính và Ngân hàng Nhà nước chia nhau hai vị trí dẫn đầu, còn Bộ Công an đứng đầu nhóm không cung cấp dịch vụ công trực tiếp.",
            "Bộ Khoa học và Công nghệ đề nghị các địa phương đặc biệt chú ý tới chỉ số dữ liệu số, nơi điểm trung bình cả nước vẫn thấp nhất trong các trụ cột.",
        ],
    },
    {"id": "b02-2", "group": "B02", "relation": "near_duplicate", "from": "b02-1", "outlet": "sggp.org.vn", "published": "2025-10-21T18:10:00+07:00",
     "ops": [("prefix", "SGGPO - "), ("sub", "TPHCM", "TP Hồ Chí Minh"), ("byline", "VĂN PHÚC")]},
    {"id": "b02-3", "group": "B02", "relation": "near_duplicate", "from": "b02-1", "outlet": "huengaynay.vn", "published": "2025-10-22T07:00:00+07:00",
     "ops": [("first", "Huế xếp thứ hai cả nước về chuyển đổi số năm 2024, vị trí cao nhất từ trước tới nay của địa phương. Hà Nội đứng thứ nhất với 0,7829 điểm, tiếp theo là Huế, Hải Phòng, TPHCM và Thanh Hóa."), ("byline", "Theo VietNamNet")],
     "source_attribution": "VietNamNet"},
    {
        "id": "b02-4", "group": "B02", "relation": "partial_overlap", "outlet": "vtcnews.vn", "published": "2025-10-21T20:00:00+07:00",
        "title": "34 tỉnh thành có kết quả xếp hạng chuyển đổi số mới",
        "lead": "Lần đầu tiên, bảng xếp hạng chuyển đổi số được công bố theo bản đồ hành chính mới với 34 đơn vị cấp tỉnh.",
        "body": [
            "Hà Nội đứng thứ nhất với 0,7829 điểm, tiếp theo là Huế, Hải Phòng, TPHCM và Thanh Hóa.",
            "Việc tính điểm cho các tỉnh mới gộp gặp nhiều khó khăn, vì mỗi tỉnh cũ có hệ thống và cách thống kê khác nhau.",
            "Một số chuyên gia đề nghị năm tới công bố thêm điểm của từng trụ cột để người dân dễ so sánh.",
        ],
    },
    {
        "id": "b02-5", "group": "B02", "relation": "independent_report", "outlet": "hanoitimes.vn", "published": "2025-10-22T10:00:00+07:00", "language": "en",
        "title": "Hanoi tops Vietnam's digital transformation index for the first time",
        "lead": "The capital has overtaken long-time leader Da Nang in the national ranking of provincial digital transformation.",
        "body": [
            "City officials credited the iHanoi app, which gathers residents' complaints and public services in one place, and the digitisation of land records.",
            "The 2024 index covered the country's 34 provincial units created by this year's administrative merger.",
            "Da Nang, first in every edition since the index began, slipped to sixth after its merger with Quang Nam.",
        ],
    },
    {
        "id": "b03-1", "group": "B03", "relation": "original", "outlet": "en.dangcongsan.vn", "published": "2021-07-30T16:00:00+07:00", "template_of": "B02",
        "title": "Đà Nẵng dẫn đầu bảng xếp hạng chuyển đổi số cấp tỉnh năm 2020",
        "lead": "Chiều 30/7, Bộ Thông tin và Truyền thông công bố Chỉ số chuyển đổi số DTI năm 2020, lần đầu tiên đánh giá 63 tỉnh, thành phố.",
        "body": [
            "Đà Nẵng đứng thứ nhất với 0,5362 điểm, tiếp theo là Thừa Thiên Huế, Bắc Ninh, Quảng Ninh và TPHCM. Bắc Giang bất ngờ lọt vào nhóm mười địa phương cao nhất.",
            "Kết quả được tính trên bộ chỉ số ban hành năm 2021, dựa trên báo cáo tự đánh giá của địa phương và số liệu đo lường tự động từ các hệ thống của bộ.",
            "Ở khối bộ, cơ quan ngang bộ, Bộ Tư pháp và Bộ Tài chính chia nhau hai vị trí dẫn đầu, còn Bộ Quốc phòng đứng đầu nhóm không cung cấp dịch vụ công trực tiếp.",
            "Bộ Thông tin và Truyền thông đề nghị các địa phương đặc biệt chú ý tới chỉ số nhân lực số, nơi điểm trung bình cả nước vẫn thấp nhất trong các trụ cột.",
        ],
    },
    # ---- B04: UN E-Government Survey 2022 (vi): copy with a paragraph cut, two own reports -----------
    {
        "id": "b04-1", "group": "B04", "relation": "original", "outlet": "baochinhphu.vn", "published": "2022-09-29T11:00:00+07:00",
        "title": "Việt Nam xếp thứ 86 về Chính phủ điện tử theo đánh giá của Liên hợp quốc",
        "lead": "Khảo sát Chính phủ điện tử năm 2022 của Liên hợp quốc xếp Việt Nam thứ 86 trên 193 quốc gia, giữ nguyên vị trí so với kỳ trước.",
        "body": [
            "Chỉ số EGDI của Việt Nam đạt 0,6787 điểm, cao hơn mức trung bình của thế giới và của châu Á, tiếp tục thuộc nhóm phát triển cao.",
            "Chỉ số dịch vụ trực tuyến được cải thiện rõ rệt, trong khi chỉ số hạ tầng viễn thông giảm nhẹ do cách tính mới của Liên minh Viễn thông Quốc tế.",
            "Đáng chú ý, chỉ số tham gia điện tử, đo mức độ người dân được tham gia vào hoạch định chính sách qua môi trường số, tăng 20 bậc.",
            "Cục Chuyển đổi số quốc gia cho biết sẽ phân tích chi tiết báo cáo để đề xuất giải pháp nâng hạng trong kỳ khảo sát 2024.",
        ],
    },
    {"id": "b04-2", "group": "B04", "relation": "near_duplicate", "from": "b04-1", "outlet": "truyenhinhthanhhoa.vn", "published": "2022-09-29T15:00:00+07:00",
     "ops": [("drop", 3), ("byline", "Nguồn: Báo Điện tử Chính phủ")], "source_attribution": "Chinhphu.vn"},
    {
        "id": "b04-3", "group": "B04", "relation": "independent_report", "outlet": "ictnews.vn", "published": "2022-09-30T08:00:00+07:00",
        "title": "Xếp hạng Chính phủ điện tử 2022: Việt Nam chưa có bước tiến",
        "lead": "Vị trí thứ 86 cho thấy Việt Nam vẫn đứng ngoài nhóm 50 nước dẫn đầu về Chính phủ điện tử, mục tiêu được đặt ra cho năm 2025.",
        "body": [
            "Trong khu vực Đông Nam Á, Singapore, Malaysia và Thái Lan tiếp tục có thứ hạng tốt hơn Việt Nam khá xa.",
            "Điểm yếu lớn nhất vẫn là nguồn nhân lực, với các tiêu chí về số năm đi học và tỷ lệ nhập học đại học chưa cải thiện.",
            "Nhiều chuyên gia cho rằng việc đưa dữ liệu dân cư vào khai thác sẽ là cú hích cho kỳ đánh giá tới.",
        ],
    },
    # ---- B05: Vietnam Smart City Award 2023 (vi): two own reports ----------------------------------
    {
        "id": "b05-1", "group": "B05", "relation": "original", "outlet": "nhaquanly.vn", "published": "2023-12-01T09:00:00+07:00",
        "title": "Đà Nẵng bốn năm liền nhận giải Thành phố thông minh Việt Nam",
        "lead": "Lễ trao Giải thưởng Thành phố thông minh Việt Nam 2023 tối 30/11 tiếp tục gọi tên Đà Nẵng ở hạng mục cao nhất.",
        "body": [
            "Năm nay ban tổ chức trao 32 giải cho 35 hồ sơ vào vòng chung khảo, với nhiều giải pháp về giáo dục số và y tế từ xa.",
            "Hồ sơ của Đà Nẵng nhấn mạnh hệ thống dữ liệu mở và trung tâm giám sát điều hành đô thị thông minh hoạt động từ năm 2021.",
            "Ban tổ chức cho biết từ năm sau sẽ mời thêm chuyên gia quốc tế vào hội đồng chấm giải.",
        ],
    },
    {
        "id": "b05-2", "group": "B05", "relation": "independent_report", "outlet": "baomoi.net.vn", "published": "2023-12-01T12:00:00+07:00",
        "title": "Trao 32 giải thưởng cho các giải pháp đô thị thông minh",
        "lead": "VINASA vừa công bố kết quả mùa giải thứ tư của chương trình vinh danh các đô thị và giải pháp thông minh.",
        "body": [
            "Bình Dương, Thừa Thiên Huế và Đồng Tháp có mặt trong danh sách địa phương được trao giải chuyên đề.",
            "Vị trí thành phố thông minh tiêu biểu một lần nữa thuộc về Đà Nẵng, nối dài chuỗi thành tích từ năm 2020.",
            "Nhiều doanh nghiệp công nghệ cũng nhận giải cho các nền tảng quản lý giao thông và cấp nước.",
        ],
    },
    # ---- B06: FutureGov Vietnam award (en): copy with leftovers, Vietnamese translation with source ---
    {
        "id": "b06-1", "group": "B06", "relation": "original", "outlet": "en.vietnamplus.vn", "published": "2019-10-10T17:00:00+07:00", "language": "en",
        "title": "Ministry portal wins FutureGov award for digital services",
        "lead": "The national public procurement portal received a FutureGov Award in the digital services category at a ceremony in Singapore on October 9.",
        "body": [
            "The portal, run by the Ministry of Planning and Investment, lets suppliers register, submit bids and receive results entirely online.",
            "Judges said the system had cut the time and cost of tendering and made the process more transparent, with more than 100,000 bid packages handled in 2019.",
            "FutureGov, organised by the GovInsider publication, recognises public sector projects in Asia-Pacific that use technology to improve services.",
            "Vietnam's entries this year also included a digital health records project from Ho Chi Minh City, which was shortlisted.",
        ],
    },
    {"id": "b06-2", "group": "B06", "relation": "near_duplicate", "from": "b06-1", "outlet": "vietnamnews.vn", "published": "2019-10-11T08:00:00+07:00", "language": "en",
     "ops": [("prefix", "HÀ NỘI — "), ("insert", 2, "Photo: The procurement portal's home page. — VNA/VNS Photo"), ("byline", "VNS")],
     "source_attribution": "VNA"},
    {
        "id": "b06-3", "group": "B06", "relation": "translation", "outlet": "baodautu.vn", "published": "2019-10-11T10:00:00+07:00",
        "title": "Hệ thống mạng đấu thầu quốc gia nhận giải FutureGov",
        "lead": "Ngày 9/10 tại Singapore, hệ thống mạng đấu thầu quốc gia được trao giải FutureGov ở hạng mục dịch vụ số.",
        "body": [
            "Hệ thống do Bộ Kế hoạch và Đầu tư vận hành, cho phép nhà thầu đăng ký, nộp hồ sơ dự thầu và nhận kết quả hoàn toàn qua mạng.",
            "Theo ban giám khảo, hệ thống đã giảm thời gian và chi phí đấu thầu, với hơn 100.000 gói thầu được xử lý trong năm 2019.",
        ],
        "source_attribution": "Vietnam+", "translated_from": "en",
    },
    # ---- B07: WITSA award (en): two own reports ------------------------------------------------------
    {
        "id": "b07-1", "group": "B07", "relation": "original", "outlet": "english.mic.gov.vn", "published": "2020-11-05T10:00:00+07:00", "language": "en",
        "title": "Vietnamese project wins WITSA Global ICT Excellence Award",
        "lead": "A Vietnamese e-government project has received a WITSA Global ICT Excellence Award in the public sector category.",
        "body": [
            "The World Information Technology and Services Alliance announced the winners online because the congress in Malaysia was postponed.",
            "The project connected document management systems of ministries and provinces, so that official papers move electronically across the government.",
            "More than 2.5 million electronic documents were sent through the system in its first year, the ministry said.",
        ],
    },
    {
        "id": "b07-2", "group": "B07", "relation": "independent_report", "outlet": "vnexplorer.net", "published": "2020-11-06T09:00:00+07:00", "language": "en",
        "title": "Paperless government gets global nod",
        "lead": "Vietnam's push to end paper correspondence between state agencies has been noticed abroad.",
        "body": [
            "The honour came from an alliance of IT industry groups in more than eighty countries, which usually hands out its prizes at a world congress.",
            "Officials hope the recognition will speed up the remaining agencies that still print and sign letters by hand.",
        ],
    },
    # ---- B08: Bình Dương ICF Top 7 2023 (vi): copy with house-style edits, an English report -------
    {
        "id": "b08-1", "group": "B08", "relation": "original", "outlet": "baobinhduong.vn", "published": "2023-06-08T17:00:00+07:00",
        "title": "Bình Dương lần thứ ba vào Top 7 Cộng đồng thông minh thế giới",
        "lead": "Diễn đàn Cộng đồng thông minh thế giới (ICF) vừa công bố danh sách Top 7 năm 2023, trong đó có tỉnh Bình Dương.",
        "body": [
            "Đây là lần thứ ba Bình Dương có mặt trong nhóm bảy cộng đồng thông minh tiêu biểu, sau các năm 2021 và 2022.",
            "Hồ sơ năm nay tập trung vào mô hình hợp tác giữa nhà nước, nhà trường và doanh nghiệp, cùng các khu công nghiệp đang chuyển thành khu đổi mới sáng tạo.",
            "Top 7 sẽ cạnh tranh danh hiệu Cộng đồng thông minh của năm tại hội nghị thượng đỉnh ICF tổ chức vào tháng 10.",
            "Lãnh đạo tỉnh cho biết việc tham gia ICF giúp Bình Dương học hỏi kinh nghiệm quản trị đô thị từ các thành phố Bắc Mỹ và châu Âu.",
        ],
    },
    {"id": "b08-2", "group": "B08", "relation": "near_duplicate", "from": "b08-1", "outlet": "thethao.sggp.org.vn", "published": "2023-06-09T08:00:00+07:00",
     "ops": [("sub", "Bình Dương", "tỉnh Bình Dương"), ("sub", "Top 7", "TOP 7"), ("byline", "HỒNG HẢI")]},
    {
        "id": "b08-3", "group": "B08", "relation": "independent_report", "outlet": "en.vietnamplus.vn", "published": "2023-06-09T10:00:00+07:00", "language": "en",
        "title": "Binh Duong among world's Top 7 Intelligent Communities again",
        "lead": "The southern province has again reached the final seven of the Intelligent Community Forum's annual awards.",
        "body": [
            "It competes with communities from Canada, the United States and Taiwan for the Intelligent Community of the Year title in October.",
            "The province's innovation districts and its university partnerships were highlighted by the forum.",
        ],
    },
    # ---- B09: Vietnam Digital Awards 2023 launch (en): copy; and the 2024 launch, same template ------
    {
        "id": "b09-1", "group": "B09", "relation": "original", "outlet": "en.sggp.org.vn", "published": "2023-05-12T15:00:00+07:00", "language": "en",
        "title": "Vietnam Digital Awards 2023 launched with focus on data",
        "lead": "The Vietnam Digital Awards 2023 were launched in Hanoi on May 12, with the theme of unlocking the potential of data.",
        "body": [
            "The awards, now in their sixth year, have categories for state agencies, enterprises and outstanding digital products and services.",
            "For state agencies, the jury will look at how ministries and localities share data, open it to citizens and use it to make decisions.",
            "Applications close on August 31 and the ceremony will take place in October, during the national digital transformation week.",
            "The organisers said 2022's edition attracted nearly 250 entries, a record since the awards began.",
        ],
    },
    {"id": "b09-2", "group": "B09", "relation": "near_duplicate", "from": "b09-1", "outlet": "vietmaz.com", "published": "2023-05-13T06:00:00+07:00", "language": "en",
     "ops": [("insert", 0, "Home / Technology / Vietnam Digital Awards 2023 launched with focus on data"), ("byline", "Source: SGGP | Tags: digital awards, data, Hanoi")],
     "source_attribution": "SGGP"},
    {
        "id": "b10-1", "group": "B10", "relation": "original", "outlet": "en.sggp.org.vn", "published": "2024-05-20T15:00:00+07:00", "language": "en", "template_of": "B09",
        "title": "Vietnam Digital Awards 2024 launched with focus on AI",
        "lead": "The Vietnam Digital Awards 2024 were launched in Hanoi on May 20, with the theme of putting artificial intelligence to work.",
        "body": [
            "The awards, now in their seventh year, have categories for state agencies, enterprises and outstanding digital products and services.",
            "For state agencies, the jury will look at how ministries and localities use AI assistants for public services and how they protect personal data.",
            "Applications close on September 15 and the ceremony will take place in November, after the national digital transformation day.",
            "The organisers said 2023's edition attracted about 270 entries from 40 provinces and cities.",
        ],
    },
    # ---- B11: Hồ Chí Minh Prize for S&T (hard negative): scraped copy, rewritten, own report ---------
    {
        "id": "b11-1", "group": "B11", "relation": "original", "outlet": "kinhtedothi.vn", "published": "2023-01-15T12:00:00+07:00",
        "title": "Trao Giải thưởng Hồ Chí Minh và Giải thưởng Nhà nước về khoa học và công nghệ đợt 5",
        "lead": "Sáng 15/1 tại Hà Nội, Chủ tịch nước dự lễ trao Giải thưởng Hồ Chí Minh và Giải thưởng Nhà nước về khoa học và công nghệ đợt 5.",
        "body": [
            "Đợt này có 3 công trình nhận Giải thưởng Hồ Chí Minh và 16 công trình nhận Giải thưởng Nhà nước, thuộc các lĩnh vực y học, nông nghiệp, kỹ thuật và khoa học xã hội.",
            "Nhiều công trình đã được ứng dụng rộng rãi, như giống lúa chịu mặn cho đồng bằng sông Cửu Long và kỹ thuật ghép tạng từ người cho chết não.",
            "Chủ tịch nước đề nghị các bộ, ngành tạo môi trường thuận lợi hơn để nhà khoa học cống hiến và để kết quả nghiên cứu đi vào đời sống.",
        ],
    },
    {"id": "b11-2", "group": "B11", "relation": "near_duplicate", "from": "b11-1", "outlet": "tinbong247news.net", "published": "2023-01-15T19:00:00+07:00",
     "ops": [("insert", 0, "Tin nóng 24h - Cập nhật tin tức mới nhất"), ("byline", "Bài viết cùng chuyên mục: Kết quả bóng đá hôm nay | Lịch thi đấu")]},
    {
        "id": "b11-3", "group": "B11", "relation": "partial_overlap", "outlet": "truyenthongkhoahoc.vn", "published": "2023-01-16T09:00:00+07:00",
        "title": "19 công trình được tôn vinh tại lễ trao giải thưởng khoa học cao quý nhất",
        "lead": "Lễ trao Giải thưởng Hồ Chí Minh và Giải thưởng Nhà nước về khoa học và công nghệ đợt 5 diễn ra sáng 15/1.",
        "body": [
            "Đợt này có 3 công trình nhận Giải thưởng Hồ Chí Minh và 16 công trình nhận Giải thưởng Nhà nước, thuộc các lĩnh vực y học, nông nghiệp, kỹ thuật và khoa học xã hội.",
            "Trong số các tác giả có nhiều nhà khoa học trẻ, người ít tuổi nhất sinh năm 1985.",
            "Hội đồng cấp nhà nước đã làm việc gần hai năm để thẩm định các hồ sơ đề nghị xét tặng.",
        ],
    },
    # ---- B12: Quảng Ngãi climbs in DTI 2023 (vi): teaser of a report and an unrelated provincial story
    {
        "id": "b12-1", "group": "B12", "relation": "original", "outlet": "baoquangngai.vn", "published": "2024-06-25T16:00:00+07:00",
        "title": "Quảng Ngãi tăng 5 bậc trong đánh giá chuyển đổi số",
        "lead": "Theo kết quả Chỉ số chuyển đổi số cấp tỉnh năm 2023, Quảng Ngãi xếp thứ 40 trên 63 tỉnh, thành phố, tăng năm bậc so với năm trước.",
        "body": [
            "Tỉnh có bước tiến rõ nhất ở trụ cột hoạt động chính quyền số, nhờ tỷ lệ hồ sơ trực tuyến toàn trình tăng gấp đôi trong năm.",
            "Trụ cột kinh tế số và nhân lực số vẫn ở nhóm thấp, khi phần lớn doanh nghiệp nhỏ của tỉnh chưa dùng hóa đơn và hợp đồng điện tử.",
            "Sở Thông tin và Truyền thông đề xuất UBND tỉnh ban hành kế hoạch riêng để cải thiện các chỉ số thành phần còn yếu trong năm 2024.",
        ],
    },
    {"id": "b12-2", "group": "B12", "relation": "teaser", "from": "b12-1", "outlet": "baomoi.net.vn", "published": "2024-06-25T16:30:00+07:00",
     "ops": [("teaser", )], "source_attribution": "Báo Quảng Ngãi"},
    {
        "id": "b13-1", "group": "B13", "relation": "original", "outlet": "baoquangngai.vn", "published": "2024-07-02T16:00:00+07:00", "template_of": "B12",
        "title": "Quảng Ngãi tăng 3 bậc trong Chỉ số cải cách hành chính",
        "lead": "Theo kết quả Chỉ số cải cách hành chính cấp tỉnh năm 2023, Quảng Ngãi xếp thứ 45 trên 63 tỉnh, thành phố, tăng ba bậc so với năm trước.",
        "body": [
            "Tỉnh có bước tiến rõ nhất ở lĩnh vực cải cách thủ tục hành chính, nhờ rút ngắn thời gian giải quyết hồ sơ đất đai và đầu tư.",
            "Chỉ số tác động của cải cách hành chính vẫn ở nhóm thấp, khi mức độ hài lòng của người dân với một số dịch vụ y tế, giáo dục chưa cao.",
            "Sở Nội vụ đề xuất UBND tỉnh ban hành kế hoạch riêng để cải thiện các chỉ số thành phần còn yếu trong năm 2024.",
        ],
    },
    # ---- B14: National Brand 2020 (hard negative): two own reports -----------------------------------
    {
        "id": "b14-1", "group": "B14", "relation": "original", "outlet": "thuonghieungaynay.vn", "published": "2020-11-26T10:00:00+07:00",
        "title": "124 doanh nghiệp đạt Thương hiệu quốc gia năm 2020",
        "lead": "Bộ Công Thương vừa công bố danh sách 124 doanh nghiệp với 283 sản phẩm đạt Thương hiệu quốc gia Việt Nam năm 2020.",
        "body": [
            "Các sản phẩm được chọn phải đáp ứng tiêu chí chất lượng, đổi mới sáng tạo và năng lực tiên phong, qua đánh giá của hội đồng gồm nhiều bộ, ngành.",
            "Năm nay có thêm nhiều doanh nghiệp nông sản và công nghệ, bên cạnh các tên tuổi quen thuộc trong ngành viễn thông, ngân hàng và hàng tiêu dùng.",
        ],
    },
    {
        "id": "b14-2", "group": "B14", "relation": "independent_report", "outlet": "baomoi.net.vn", "published": "2020-11-26T14:00:00+07:00",
        "title": "Thêm nhiều nông sản Việt mang nhãn Thương hiệu quốc gia",
        "lead": "Gạo, cà phê và trái cây chế biến chiếm tỷ lệ lớn hơn trong danh sách năm nay.",
        "body": [
            "Đại diện Cục Xúc tiến thương mại cho rằng chương trình đã giúp doanh nghiệp có động lực đầu tư vào chất lượng và bao bì.",
            "Lễ tôn vinh dự kiến được tổ chức trực tuyến do tình hình dịch bệnh.",
        ],
    },
    # ---- B15: Vietnam Digital Awards 2024 ceremony (vi): copy with one paragraph more, teaser --------
    {
        "id": "b15-1", "group": "B15", "relation": "original", "outlet": "ictvietnam.vn", "published": "2024-11-29T21:00:00+07:00",
        "title": "Giải thưởng Chuyển đổi số Việt Nam 2024 vinh danh 6 cơ quan nhà nước",
        "lead": "Tối 29/11 tại Hà Nội, lễ trao Giải thưởng Chuyển đổi số Việt Nam 2024 tôn vinh các cơ quan, doanh nghiệp có giải pháp số xuất sắc.",
        "body": [
            "Sáu cơ quan nhà nước được trao giải gồm Bộ Công an với ứng dụng VNeID, Quảng Ninh, Bình Phước, Sở Tư pháp Hà Nội, Kho bạc Nhà nước và Bệnh viện Bạch Mai.",
            "Ứng dụng VNeID được đánh giá cao nhờ tích hợp giấy tờ cá nhân, giúp người dân không phải mang theo nhiều loại giấy tờ khi làm thủ tục.",
            "Năm nay giải thưởng nhận được khoảng 270 hồ sơ, trong đó các giải pháp dùng trí tuệ nhân tạo tăng gấp đôi so với năm trước.",
        ],
    },
    {"id": "b15-2", "group": "B15", "relation": "near_duplicate", "from": "b15-1", "outlet": "vietnamnet.vn", "published": "2024-11-30T07:00:00+07:00",
     "ops": [("insert", 3, "Giải thưởng do Hội Truyền thông số Việt Nam tổ chức từ năm 2020, với sự bảo trợ của Bộ Thông tin và Truyền thông."), ("byline", "Hoàng Nam")]},
    {"id": "b15-3", "group": "B15", "relation": "teaser", "from": "b15-1", "outlet": "zalo-news.vn", "published": "2024-11-29T21:30:00+07:00",
     "ops": [("teaser", ), ("title", "Vinh danh 6 cơ quan nhà nước tại VDA 2024")]},
    # ---- B16: Typhoon Yagi aftermath (negative): own reports -----------------------------------------
    {
        "id": "b16-1", "group": "B16", "relation": "original", "outlet": "congthuong.vn", "published": "2024-09-09T10:00:00+07:00",
        "title": "Các tỉnh phía Bắc khắc phục hậu quả bão Yagi",
        "lead": "Sau hai ngày bão đổ bộ, các tỉnh ven biển phía Bắc khẩn trương khôi phục điện, nước và dọn dẹp cây đổ.",
        "body": [
            "Ngành điện huy động hàng nghìn công nhân từ các tỉnh miền Trung ra hỗ trợ, đặt mục tiêu cấp điện lại cho khu vực trung tâm trong tuần này.",
            "Nhiều siêu thị ở Hạ Long và Hải Phòng mở cửa trở lại, các doanh nghiệp phân phối cam kết không tăng giá hàng thiết yếu.",
        ],
    },
    {
        "id": "b16-2", "group": "B16", "relation": "independent_report", "outlet": "nghean24h.vn", "published": "2024-09-09T12:00:00+07:00",
        "title": "Người dân vùng bão dựng lại nhà cửa",
        "lead": "Những mái nhà tốc mái được lợp tạm bằng bạt, trường học mở cửa muộn vì sân trường ngổn ngang cây gãy.",
        "body": [
            "Bộ đội và thanh niên tình nguyện có mặt ở nhiều xã để giúp người dân dọn dẹp.",
            "Các địa phương đang thống kê thiệt hại để đề xuất hỗ trợ khẩn cấp cho những gia đình mất nhà.",
        ],
    },
]
