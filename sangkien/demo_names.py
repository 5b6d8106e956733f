"""Names and word lists used by ``sangkien.demo`` to write the demo export files."""

from __future__ import annotations

# (kind, name, wards or communes) of Hà Nội's districts; kind is "quận", "huyện" or "thị xã".
DISTRICTS = [
    ("quận", "Ba Đình", "Phúc Xá, Trúc Bạch, Vĩnh Phúc, Cống Vị, Liễu Giai, Quán Thánh, Ngọc Hà, Điện Biên, "
     "Đội Cấn, Ngọc Khánh, Kim Mã, Giảng Võ, Thành Công"),
    ("quận", "Hoàn Kiếm", "Phúc Tân, Đồng Xuân, Hàng Mã, Hàng Buồm, Hàng Đào, Cửa Đông, Lý Thái Tổ, "
     "Hàng Gai, Chương Dương, Hàng Trống, Cửa Nam, Tràng Tiền, Trần Hưng Đạo, Phan Chu Trinh"),
    ("quận", "Tây Hồ", "Phú Thượng, Nhật Tân, Tứ Liên, Quảng An, Xuân La, Yên Phụ, Bưởi, Thụy Khuê"),
    ("quận", "Long Biên", "Thượng Thanh, Ngọc Thụy, Giang Biên, Đức Giang, Việt Hưng, Gia Thụy, Ngọc Lâm, "
     "Phúc Lợi, Bồ Đề, Sài Đồng, Long Biên, Thạch Bàn, Phúc Đồng, Cự Khối"),
    ("quận", "Cầu Giấy", "Nghĩa Đô, Nghĩa Tân, Mai Dịch, Dịch Vọng, Dịch Vọng Hậu, Quan Hoa, Yên Hòa, "
     "Trung Hòa"),
    ("quận", "Đống Đa", "Cát Linh, Văn Miếu, Láng Thượng, Ô Chợ Dừa, Văn Chương, Hàng Bột, Láng Hạ, "
     "Khâm Thiên, Thổ Quan, Nam Đồng, Trung Phụng, Quang Trung, Trung Liệt, Phương Liên, Thịnh Quang, "
     "Trung Tự, Kim Liên, Phương Mai, Khương Thượng"),
    ("quận", "Hai Bà Trưng", "Nguyễn Du, Bạch Đằng, Phạm Đình Hổ, Lê Đại Hành, Đồng Nhân, Phố Huế, "
     "Đống Mác, Thanh Lương, Thanh Nhàn, Cầu Dền, Bách Khoa, Đồng Tâm, Vĩnh Tuy, Bạch Mai, Quỳnh Mai, "
     "Minh Khai, Trương Định"),
    ("quận", "Hoàng Mai", "Thanh Trì, Vĩnh Hưng, Định Công, Mai Động, Tương Mai, Đại Kim, Tân Mai, "
     "Hoàng Văn Thụ, Giáp Bát, Lĩnh Nam, Thịnh Liệt, Trần Phú, Hoàng Liệt, Yên Sở"),
    ("quận", "Thanh Xuân", "Nhân Chính, Thượng Đình, Khương Trung, Khương Mai, Thanh Xuân Trung, "
     "Phương Liệt, Hạ Đình, Khương Đình, Thanh Xuân Bắc, Thanh Xuân Nam, Kim Giang"),
    ("quận", "Nam Từ Liêm", "Cầu Diễn, Xuân Phương, Phương Canh, Mỹ Đình 1, Mỹ Đình 2, Tây Mỗ, Mễ Trì, "
     "Phú Đô, Đại Mỗ, Trung Văn"),
    ("quận", "Bắc Từ Liêm", "Thượng Cát, Liên Mạc, Đông Ngạc, Đức Thắng, Thụy Phương, Tây Tựu, Xuân Đỉnh, "
     "Xuân Tảo, Minh Khai, Cổ Nhuế 1, Cổ Nhuế 2, Phú Diễn, Phúc Diễn"),
    ("quận", "Hà Đông", "Nguyễn Trãi, Mộ Lao, Văn Quán, Vạn Phúc, Yết Kiêu, Quang Trung, La Khê, Phú La, "
     "Phúc La, Hà Cầu, Yên Nghĩa, Kiến Hưng, Phú Lãm, Phú Lương, Dương Nội"),
    ("huyện", "Sóc Sơn", "Bắc Sơn, Minh Trí, Hồng Kỳ, Nam Sơn, Trung Giã, Tân Hưng, Minh Phú, Phù Linh, "
     "Bắc Phú, Tân Minh, Quang Tiến, Hiền Ninh, Tiên Dược, Mai Đình, Phù Lỗ"),
    ("huyện", "Đông Anh", "Xuân Nộn, Thụy Lâm, Bắc Hồng, Nguyên Khê, Nam Hồng, Tiên Dương, Vân Hà, Uy Nỗ, "
     "Vân Nội, Liên Hà, Việt Hùng, Kim Chung, Cổ Loa, Hải Bối, Xuân Canh, Võng La"),
    ("huyện", "Gia Lâm", "Ninh Hiệp, Đình Xuyên, Dương Hà, Phù Đổng, Trung Mầu, Lệ Chi, Cổ Bi, Đặng Xá, "
     "Phú Thị, Kim Sơn, Dương Quang, Dương Xá, Đa Tốn, Kiêu Kỵ, Bát Tràng"),
    ("huyện", "Thanh Trì", "Tân Triều, Thanh Liệt, Tả Thanh Oai, Hữu Hòa, Tam Hiệp, Yên Mỹ, Vĩnh Quỳnh, "
     "Ngũ Hiệp, Duyên Hà, Ngọc Hồi, Đại Áng, Liên Ninh, Đông Mỹ"),
    ("huyện", "Mê Linh", "Chi Đông, Đại Thịnh, Kim Hoa, Thạch Đà, Tiến Thắng, Tự Lập, Thanh Lâm, "
     "Tam Đồng, Vạn Yên, Chu Phan, Tiến Thịnh, Văn Khê, Hoàng Kim, Tráng Việt"),
    ("huyện", "Ba Vì", "Tây Đằng, Phú Cường, Cổ Đô, Tản Hồng, Vạn Thắng, Châu Sơn, Phong Vân, Phú Đông, "
     "Thái Hòa, Đồng Thái, Phú Sơn, Minh Châu, Vật Lại, Tòng Bạt, Cẩm Lĩnh, Tản Lĩnh, Ba Trại, Vân Hòa"),
    ("huyện", "Phúc Thọ", "Vân Phúc, Vân Nam, Xuân Đình, Sen Phương, Võng Xuyên, Thọ Lộc, Long Xuyên, "
     "Thượng Cốc, Hát Môn, Tích Giang, Thanh Đa, Ngọc Tảo, Phụng Thượng, Tam Thuấn, Hiệp Thuận"),
    ("huyện", "Đan Phượng", "Trung Châu, Thọ An, Thọ Xuân, Hồng Hà, Liên Hồng, Hạ Mỗ, Liên Trung, "
     "Phương Đình, Thượng Mỗ, Tân Hội, Tân Lập, Đồng Tháp, Song Phượng"),
    ("huyện", "Hoài Đức", "Đức Thượng, Minh Khai, Dương Liễu, Di Trạch, Cát Quế, Kim Chung, Sơn Đồng, "
     "Vân Canh, Đắc Sở, Lại Yên, Tiền Yên, Song Phương, An Khánh, An Thượng, Vân Côn, La Phù, Đông La"),
    ("huyện", "Quốc Oai", "Sài Sơn, Phượng Cách, Yên Sơn, Ngọc Liệp, Ngọc Mỹ, Liệp Tuyết, Thạch Thán, "
     "Đồng Quang, Phú Cát, Tuyết Nghĩa, Nghĩa Hương, Cộng Hòa, Tân Phú, Đại Thành, Cấn Hữu"),
    ("huyện", "Thạch Thất", "Liên Quan, Đại Đồng, Cẩm Yên, Lại Thượng, Phú Kim, Hương Ngải, Canh Nậu, "
     "Kim Quan, Dị Nậu, Bình Yên, Chàng Sơn, Cần Kiệm, Hữu Bằng, Phùng Xá, Tân Xã, Thạch Xá, Bình Phú"),
    ("huyện", "Chương Mỹ", "Phụng Châu, Tiên Phương, Đông Sơn, Phú Nghĩa, Trường Yên, Ngọc Hòa, "
     "Thanh Bình, Trung Hòa, Đại Yên, Thụy Hương, Tốt Động, Lam Điền, Hợp Đồng, Quảng Bị, Đồng Phú"),
    ("huyện", "Thanh Oai", "Cự Khê, Bích Hòa, Mỹ Hưng, Cao Viên, Bình Minh, Tam Hưng, Thanh Cao, "
     "Thanh Thùy, Thanh Mai, Thanh Văn, Đỗ Động, Kim An, Phương Trung, Tân Ước, Dân Hòa"),
    ("huyện", "Thường Tín", "Ninh Sở, Nhị Khê, Duyên Thái, Khánh Hà, Hòa Bình, Văn Bình, Hiền Giang, "
     "Hồng Vân, Vân Tảo, Liên Phương, Văn Phú, Tự Nhiên, Hà Hồi, Quất Động, Chương Dương, Tô Hiệu"),
    ("huyện", "Phú Xuyên", "Hồng Minh, Phượng Dực, Nam Tiến, Tri Trung, Đại Thắng, Phú Túc, Văn Hoàng, "
     "Hồng Thái, Hoàng Long, Nam Phong, Nam Triều, Tân Dân, Sơn Hà, Chuyên Mỹ, Khai Thái"),
    ("huyện", "Ứng Hòa", "Viên An, Viên Nội, Hoa Sơn, Quảng Phú Cầu, Trường Thịnh, Cao Thành, Liên Bạt, "
     "Sơn Công, Đồng Tiến, Phương Tú, Trung Tú, Đồng Tân, Vạn Thái, Minh Đức, Hòa Lâm, Đại Hùng"),
    ("huyện", "Mỹ Đức", "Đại Nghĩa, Đồng Tâm, Thượng Lâm, Tuy Lai, Phúc Lâm, Mỹ Thành, Bột Xuyên, An Mỹ, "
     "Hồng Sơn, Lê Thanh, Xuy Xá, Phùng Xá, Đại Hưng, Vạn Kim, Đốc Tín, Hương Sơn, Hợp Thanh"),
    ("thị xã", "Sơn Tây", "Lê Lợi, Phú Thịnh, Ngô Quyền, Quang Trung, Sơn Lộc, Xuân Khanh, Đường Lâm, "
     "Viên Sơn, Xuân Sơn, Trung Hưng, Thanh Mỹ, Kim Sơn, Sơn Đông, Cổ Đông"),
]
OUTSTANDING_DISTRICTS = ["Hoàng Mai", "Long Biên", "Tây Hồ", "Bắc Từ Liêm", "Nam Từ Liêm", "Ba Vì",
                         "Thạch Thất", "Phúc Thọ", "Mỹ Đức", "Hoài Đức"]
OUTSTANDING_SECTORS = ["Công đoàn ngành Xây dựng", "Công đoàn ngành Công Thương", "Công đoàn ngành Giáo dục"]

# City sector unions: (name, what their grassroots unions are, how many companies).
SECTORS = [
    ("Công đoàn ngành Xây dựng", "xd", 80),
    ("Công đoàn ngành Công Thương", "ct", 90),
    ("Công đoàn ngành Giáo dục", "thpt", 0),
    ("Công đoàn ngành Y tế", "yte", 0),
    ("Công đoàn ngành Giao thông vận tải", "gt", 45),
    ("Công đoàn ngành Nông nghiệp và Phát triển nông thôn", "nn", 35),
    ("Công đoàn Viên chức thành phố", "vc", 0),
    ("Công đoàn các Khu công nghiệp và chế xuất Hà Nội", "kcn", 130),
    ("Công đoàn Tổng Công ty Vận tải Hà Nội", "vt", 14),
    ("Công đoàn Tổng Công ty Du lịch Hà Nội", "dl", 12),
]
INDUSTRIES = {
    "xd": ["Xây dựng", "Đầu tư và Xây dựng", "Bê tông", "Vật liệu xây dựng", "Tư vấn thiết kế",
           "Xây lắp điện", "Cấp thoát nước"],
    "ct": ["Thương mại", "Cơ khí", "May", "Điện tử", "Thực phẩm", "Bia - Nước giải khát", "Dược phẩm",
           "Nhựa", "Da giày", "Điện cơ"],
    "gt": ["Vận tải", "Xe khách", "Taxi", "Logistics", "Cơ khí ô tô", "Công trình giao thông"],
    "nn": ["Thủy lợi", "Giống cây trồng", "Chăn nuôi", "Nông sản", "Thức ăn chăn nuôi"],
    "kcn": ["Điện tử", "Linh kiện điện tử", "Cơ khí chính xác", "May mặc", "Nhựa", "Bao bì", "Công nghệ",
            "Khuôn mẫu", "Thiết bị điện"],
    "vt": ["Xe buýt", "Vận tải hành khách", "Bến xe", "Dịch vụ vận tải"],
    "dl": ["Du lịch", "Khách sạn", "Dịch vụ lữ hành"],
    "district": ["Xây dựng", "Thương mại", "May", "Cơ khí", "Thực phẩm", "Môi trường đô thị",
                 "Dịch vụ", "Điện tử", "Vật liệu xây dựng", "Công nghệ", "Nước sạch"],
}
FORMS = ["TNHH", "Cổ phần", "TNHH MTV"]
BRANDS = [
    "Thăng Long", "Hà Thành", "Sông Hồng", "Đông Đô", "Tràng An", "Hồng Hà", "Việt Hưng", "Phú Thái",
    "Minh Phát", "An Phát", "Thành Công", "Tân Tiến", "Hưng Thịnh", "Đại Việt", "Kim Long", "Hoàng Long",
    "Thái Sơn", "Trường Thành", "Nam Việt", "Bắc Hà", "Đông Á", "Phúc An", "Việt Tiến", "Tiến Phát",
    "Quang Minh", "Sao Mai", "Ánh Dương", "Lạc Hồng", "Hồng Phát", "An Khang", "Hợp Nhất", "Vạn Xuân",
    "Sơn Hà", "Thiên Long", "Bình Minh", "Phương Đông", "Hải Long", "Đức Thành", "Toàn Thắng", "Kinh Bắc",
    "Ngọc Khánh", "Hòa Phát", "Tân Long", "Việt Nhật", "Việt Hàn", "Hà Đô", "Tây Đô", "Thịnh Phát",
]
THPT = [
    "Chu Văn An", "Kim Liên", "Việt Đức", "Phan Đình Phùng", "Thăng Long", "Yên Hòa", "Cầu Giấy",
    "Nhân Chính", "Khương Đình", "Đống Đa", "Tây Hồ", "Phạm Hồng Thái", "Nguyễn Gia Thiều", "Lý Thường Kiệt",
    "Thạch Bàn", "Phúc Lợi", "Hoàng Văn Thụ", "Việt Nam - Ba Lan", "Trương Định", "Ngọc Hồi", "Ngô Thì Nhậm",
    "Đông Mỹ", "Sóc Sơn", "Đa Phúc", "Kim Anh", "Minh Phú", "Trung Giã", "Xuân Giang", "Đông Anh", "Liên Hà",
    "Cổ Loa", "Vân Nội", "Bắc Thăng Long", "Yên Viên", "Nguyễn Văn Cừ", "Dương Xá", "Mê Linh", "Quang Minh",
    "Tiền Phong", "Tự Lập", "Yên Lãng", "Sơn Tây", "Tùng Thiện", "Xuân Khanh", "Ba Vì", "Quảng Oai",
    "Bất Bạt", "Minh Quang", "Phúc Thọ", "Ngọc Tảo", "Vân Cốc", "Đan Phượng", "Hồng Thái", "Tân Lập",
    "Hoài Đức A", "Hoài Đức B", "Quốc Oai", "Minh Khai", "Thạch Thất", "Bắc Lương Sơn", "Chương Mỹ A",
    "Chương Mỹ B", "Chúc Động", "Xuân Mai", "Thanh Oai A", "Thanh Oai B", "Thường Tín", "Lý Tử Tấn",
    "Vân Tảo", "Phú Xuyên A", "Phú Xuyên B", "Đồng Quan", "Ứng Hòa A", "Ứng Hòa B", "Trần Đăng Ninh",
    "Đại Cường", "Mỹ Đức A", "Mỹ Đức B", "Mỹ Đức C", "Hợp Thanh",
]
HOSPITALS = [
    "Bệnh viện đa khoa Xanh Pôn", "Bệnh viện Thanh Nhàn", "Bệnh viện đa khoa Đức Giang",
    "Bệnh viện đa khoa Hà Đông", "Bệnh viện Phụ sản Hà Nội", "Bệnh viện Nhi Hà Nội", "Bệnh viện Tim Hà Nội",
    "Bệnh viện Ung bướu Hà Nội", "Bệnh viện Mắt Hà Nội", "Bệnh viện Thận Hà Nội", "Bệnh viện Phổi Hà Nội",
    "Bệnh viện Y học cổ truyền Hà Nội", "Bệnh viện đa khoa Đống Đa", "Bệnh viện Bắc Thăng Long",
    "Bệnh viện đa khoa Sơn Tây", "Bệnh viện đa khoa Đông Anh", "Bệnh viện đa khoa Sóc Sơn",
    "Bệnh viện đa khoa Ba Vì", "Bệnh viện đa khoa Mê Linh", "Bệnh viện đa khoa Hoài Đức",
    "Bệnh viện đa khoa Thạch Thất", "Bệnh viện đa khoa Chương Mỹ", "Bệnh viện đa khoa Vân Đình",
    "Bệnh viện đa khoa Mỹ Đức", "Bệnh viện đa khoa Phú Xuyên", "Bệnh viện đa khoa Thanh Oai",
    "Bệnh viện đa khoa Đan Phượng", "Bệnh viện đa khoa Phúc Thọ", "Bệnh viện Tâm thần Hà Nội",
    "Bệnh viện Da liễu Hà Nội", "Trung tâm Kiểm soát bệnh tật Hà Nội", "Trung tâm Cấp cứu 115 Hà Nội",
]
CITY_AGENCIES = [
    "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Nội vụ", "Sở Tư pháp", "Sở Khoa học và Công nghệ",
    "Sở Thông tin và Truyền thông", "Sở Lao động - Thương binh và Xã hội", "Sở Tài nguyên và Môi trường",
    "Sở Văn hóa và Thể thao", "Sở Du lịch", "Sở Quy hoạch - Kiến trúc", "Sở Ngoại vụ",
    "Văn phòng Ủy ban nhân dân thành phố", "Thanh tra thành phố", "Ban Dân tộc thành phố",
    "Đài Phát thanh và Truyền hình Hà Nội", "Báo Hà Nội Mới", "Báo Kinh tế và Đô thị", "Thư viện Hà Nội",
    "Bảo tàng Hà Nội", "Nhà hát Chèo Hà Nội", "Nhà hát Kịch Hà Nội", "Nhà hát Múa rối Thăng Long",
    "Trung tâm Xúc tiến Đầu tư, Thương mại, Du lịch thành phố", "Ban Quản lý đường sắt đô thị Hà Nội",
    "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng thành phố",
]
DISTRICT_AGENCIES = [
    "Cơ quan {party} {name}", "Cơ quan Ủy ban nhân dân {kind} {name}", "Phòng Giáo dục và Đào tạo {kind} {name}",
    "Chi cục Thuế {kind} {name}", "Kho bạc Nhà nước {kind} {name}", "Trung tâm Văn hóa - Thể thao {kind} {name}",
    "Ban Quản lý dự án đầu tư xây dựng {kind} {name}",
]

FAMILY = [("Nguyễn", 30), ("Trần", 10), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Vũ", 5), ("Đỗ", 4),
          ("Bùi", 4), ("Đặng", 3), ("Ngô", 3), ("Dương", 2), ("Đào", 2), ("Đinh", 2), ("Phan", 2),
          ("Trịnh", 2), ("Lương", 1), ("Mai", 1), ("Tạ", 1), ("Cao", 1), ("Chu", 1), ("Kiều", 1),
          ("Khuất", 1), ("Lưu", 1), ("Nghiêm", 1), ("Phùng", 1), ("Đoàn", 1), ("Lý", 1), ("Hà", 1)]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Ngọc", "Thanh", "Xuân", "Mạnh", "Tiến", "Trọng",
            "Duy", "Anh", "Quốc", "Thế", "Đình", "Việt", "Hoàng", "Tuấn"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Phương", "Thúy", "Kim", "Bích",
            "Hải", "Lan", "Mai", "Diệu", "Khánh", "Thùy", "Quỳnh", "Hoài"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Hải", "Long", "Nam", "Sơn", "Thắng", "Cường", "Hoàng", "Quân", "Trung",
           "Đức", "Minh", "Tùng", "Hiếu", "Phong", "Thành", "Bình", "Kiên", "Toàn", "Vinh", "Hưng", "Khánh",
           "Lâm", "Huy", "Việt", "Tiến", "Thịnh", "Đạt", "Phúc", "Quang", "Hòa", "Tân", "Thái", "Lợi",
           "Nghĩa", "Công", "Chiến", "Giang", "Quyết", "Trường", "Hậu", "Điệp"]
GIVEN_F = ["Hương", "Lan", "Hoa", "Mai", "Linh", "Trang", "Hà", "Thảo", "Nga", "Hằng", "Huyền", "Phương",
           "Thủy", "Yến", "Ngọc", "Anh", "Loan", "Dung", "Hạnh", "Nhung", "Oanh", "Vân", "Quyên", "Thư",
           "Hiền", "Tâm", "Diệp", "Liên", "Thu", "Giang", "Nguyệt", "Duyên", "Tuyết", "Xuân", "Lụa", "Ánh"]

FIELDS = ["Cải tiến kỹ thuật", "Quản lý", "Giáo dục - Đào tạo", "Y tế", "Hành chính - Dịch vụ công",
          "Chuyển đổi số", "An toàn lao động", "Tiết kiệm năng lượng"]
# Title parts per field: (verbs, objects, aims).
TITLES = [
    (["Cải tiến", "Thiết kế, chế tạo", "Cải tạo", "Nâng cấp"],
     ["đồ gá hàn", "băng tải cấp liệu", "máy ép thủy lực", "khuôn dập", "cơ cấu cấp phôi máy tiện",
      "dây chuyền sơn tĩnh điện", "bộ điều khiển máy cắt", "thiết bị nâng hạ", "máy cuốn dây", "xe đẩy hàng"],
     ["nhằm tăng năng suất lao động", "để giảm tỷ lệ sản phẩm lỗi", "rút ngắn thời gian gia công",
      "giảm chi phí bảo trì", "thay thế hàng nhập khẩu"]),
    (["Giải pháp", "Đổi mới", "Hoàn thiện", "Áp dụng"],
     ["quy trình quản lý kho", "quy trình kiểm soát chất lượng", "công tác lập kế hoạch sản xuất",
      "phương pháp quản lý vật tư", "công tác chăm lo đoàn viên", "quy chế phối hợp giữa các phòng"],
     ["tại đơn vị", "nhằm nâng cao hiệu quả công việc", "góp phần giảm chi phí", "theo hướng tinh gọn"]),
    (["Một số biện pháp", "Kinh nghiệm", "Giải pháp", "Ứng dụng"],
     ["nâng cao chất lượng dạy học môn Toán", "rèn kỹ năng đọc hiểu", "phát triển năng lực tự học",
      "giáo dục kỹ năng sống", "dạy học theo dự án", "tổ chức hoạt động trải nghiệm", "bồi dưỡng học sinh giỏi"],
     ["cho học sinh lớp 5", "ở trường THCS", "cho trẻ mẫu giáo", "cho học sinh THPT", "trong năm học 2022-2023"]),
    (["Cải tiến", "Ứng dụng", "Giải pháp", "Nâng cao"],
     ["quy trình tiếp đón người bệnh", "quy trình chăm sóc người bệnh sau phẫu thuật",
      "công tác kiểm soát nhiễm khuẩn", "quy trình cấp phát thuốc", "quản lý hồ sơ bệnh án"],
     ["tại khoa Khám bệnh", "nhằm giảm thời gian chờ", "nâng cao sự hài lòng người bệnh", "tại bệnh viện"]),
    (["Cải cách", "Rút ngắn", "Đơn giản hóa", "Giải pháp"],
     ["thủ tục cấp giấy phép xây dựng", "quy trình một cửa", "thủ tục chứng thực", "quy trình tiếp nhận hồ sơ",
      "công tác lưu trữ hồ sơ", "quy trình giải quyết đơn thư"],
     ["tại bộ phận một cửa", "cho người dân và doanh nghiệp", "trên địa bàn", "nhằm giảm thời gian xử lý"]),
    (["Xây dựng", "Ứng dụng", "Triển khai", "Số hóa"],
     ["phần mềm quản lý", "hệ thống báo cáo trực tuyến", "ứng dụng Zalo", "cơ sở dữ liệu đoàn viên",
      "hồ sơ điện tử", "chữ ký số", "mã QR"],
     ["trong quản lý công việc", "phục vụ điều hành", "nhằm giảm giấy tờ", "cho công tác công đoàn"]),
    (["Giải pháp", "Cải tiến", "Lắp đặt", "Thiết kế"],
     ["che chắn an toàn máy cắt", "cảnh báo khu vực nguy hiểm", "hệ thống thông gió nhà xưởng",
      "thiết bị chống rơi ngã", "quy trình khóa thẻ an toàn"],
     ["bảo đảm an toàn cho người lao động", "giảm tai nạn lao động", "tại phân xưởng", "cải thiện điều kiện làm việc"]),
    (["Giải pháp", "Cải tạo", "Lắp đặt", "Tối ưu"],
     ["hệ thống chiếu sáng", "hệ thống điều hòa", "lò hơi", "máy nén khí", "hệ thống điện mặt trời áp mái",
      "biến tần cho động cơ bơm"],
     ["nhằm tiết kiệm điện năng", "giảm tiêu hao nhiên liệu", "tiết kiệm chi phí năng lượng", "tại nhà máy"]),
]

PROVINCES = (
    "An Giang, Bà Rịa - Vũng Tàu, Bắc Giang, Bắc Kạn, Bạc Liêu, Bắc Ninh, Bến Tre, Bình Định, Bình Dương, "
    "Bình Phước, Bình Thuận, Cà Mau, Cao Bằng, Đắk Lắk, Đắk Nông, Điện Biên, Đồng Nai, Đồng Tháp, Gia Lai, "
    "Hà Giang, Hà Nam, Hà Tĩnh, Hải Dương, Hậu Giang, Hòa Bình, Hưng Yên, Khánh Hòa, Kiên Giang, Kon Tum, "
    "Lai Châu, Lâm Đồng, Lạng Sơn, Lào Cai, Long An, Nam Định, Nghệ An, Ninh Bình, Ninh Thuận, Phú Thọ, "
    "Phú Yên, Quảng Bình, Quảng Nam, Quảng Ngãi, Quảng Ninh, Quảng Trị, Sóc Trăng, Sơn La, Tây Ninh, "
    "Thái Bình, Thái Nguyên, Thanh Hóa, Thừa Thiên Huế, Tiền Giang, Trà Vinh, Tuyên Quang, Vĩnh Long, "
    "Vĩnh Phúc, Yên Bái"
).split(", ")
CITIES = ["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"]
NATIONAL_SECTORS = [
    "Công đoàn Dầu khí Việt Nam", "Công đoàn Điện lực Việt Nam", "Công đoàn Giáo dục Việt Nam",
    "Công đoàn Y tế Việt Nam", "Công đoàn Viên chức Việt Nam", "Công đoàn Công Thương Việt Nam",
    "Công đoàn Dệt May Việt Nam", "Công đoàn Cao su Việt Nam", "Công đoàn Than - Khoáng sản Việt Nam",
    "Công đoàn Ngân hàng Việt Nam", "Công đoàn Giao thông vận tải Việt Nam", "Công đoàn Xây dựng Việt Nam",
    "Công đoàn Bưu điện Việt Nam", "Công đoàn Quốc phòng", "Công đoàn Công an nhân dân",
    "Công đoàn Tổng Công ty Hàng không Việt Nam", "Công đoàn Đường sắt Việt Nam", "Công đoàn Hóa chất Việt Nam",
    "Công đoàn Nông nghiệp và Phát triển nông thôn Việt Nam",
]

TRADES = ["Điện công nghiệp", "Hàn", "Tiện", "Phay", "Nguội", "Lái xe nâng", "Điện tử", "Vận hành máy",
          "May công nghiệp", "Cơ khí ô tô", "Công nghệ thông tin"]
WORKS_GRASSROOTS = [
    "Cải tạo nhà ăn ca cho công nhân", "Sửa chữa, nâng cấp phòng truyền thống", "Xây dựng thư viện điện tử",
    "Lắp đặt hệ thống điện mặt trời áp mái", "Trao tặng Mái ấm Công đoàn cho đoàn viên khó khăn",
    "Xây dựng phòng đọc sách cho con công nhân", "Cải tạo khuôn viên, trồng cây xanh",
    "Nâng cấp khu vệ sinh cho người lao động", "Lắp đặt máy lọc nước uống cho người lao động",
    "Xây dựng phòng chăm sóc sức khỏe", "Cải tạo sân thể thao cho đoàn viên", "Số hóa hồ sơ đoàn viên",
    "Xây dựng tủ sách pháp luật", "Lắp đặt hệ thống camera an ninh", "Cải tạo nhà để xe cho công nhân",
]
WORKS_UPPER = [
    "Trao tặng Mái ấm Công đoàn", "Xây dựng Nhà văn hóa công nhân", "Tặng sổ tiết kiệm cho đoàn viên khó khăn",
    "Xây dựng điểm sinh hoạt văn hóa cho công nhân khu nhà trọ", "Sửa chữa trường học vùng khó khăn",
    "Tổ chức Chợ Tết Công đoàn", "Xây dựng bếp ăn bán trú cho trường mầm non",
]
OPINION_TOPICS = [
    "Đề nghị đầu tư nhà ở xã hội cho công nhân thuê", "Kiến nghị xây dựng trường mầm non cho con công nhân",
    "Đề nghị tăng tuyến xe buýt đến khu công nghiệp", "Kiến nghị về chậm đóng bảo hiểm xã hội",
    "Đề nghị hỗ trợ giá điện, nước tại khu nhà trọ", "Kiến nghị về tiền lương tối thiểu vùng",
    "Đề nghị xây dựng thiết chế công đoàn", "Kiến nghị về khám chữa bệnh bảo hiểm y tế",
    "Đề nghị bảo đảm an ninh trật tự khu nhà trọ", "Kiến nghị về đào tạo nghề cho người lao động",
    "Đề nghị cải thiện hạ tầng giao thông khu công nghiệp", "Kiến nghị về thủ tục hành chính cho người lao động",
    "Đề nghị xây dựng khu vui chơi cho con công nhân", "Kiến nghị về ô nhiễm môi trường quanh khu công nghiệp",
    "Đề nghị hỗ trợ người lao động bị giảm giờ làm", "Kiến nghị về chế độ nghỉ hưu trước tuổi",
]
