"""AppTest of the pages on small stores built here from literal rows: exact figures, elements found by key.

Each test publishes only the files it needs through the real path (``stage_bytes`` then ``Store.publish``).
Charts and widgets are found by their key. Streamlit gives a display-only ``st.dataframe`` no element id,
so its key is not visible to AppTest: tables are found by their exact headers instead.
"""

import datetime as dt
import html
import json
import re

from streamlit.testing.v1 import AppTest

from sangkien.ingest.staging import stage_bytes
from sangkien.store.versions import Store

from .conftest import ADMIN, open_app, records

BN, HA_NAM, NAM_DINH = "LĐLĐ tỉnh Bắc Ninh", "LĐLĐ tỉnh Hà Nam", "LĐLĐ tỉnh Nam Định"
TD, QV, PHU_LY = "LĐLĐ huyện Tiên Du", "LĐLĐ huyện Quế Võ", "LĐLĐ thành phố Phủ Lý"
SAMSUNG, HANWHA, MAY = "CĐCS Công ty Samsung", "CĐCS Công ty Hanwha", "CĐCS Công ty May"
PRIMARY = "CĐCS Trường Tiểu học"
CONTEST = "Hội thi thợ giỏi tỉnh Bắc Ninh năm 2023"

SK_HEADER = (
    "Mã sáng kiến;Tên sáng kiến;Tác giả;Đơn vị;Đơn vị cấp trên;LĐLĐ tỉnh, thành phố;Lĩnh vực;Ngày nộp;Trạng thái;"
    "Giá trị làm lợi\n"
)
# Bắc Ninh: Tiên Du (Samsung, Hanwha) and Quế Võ (one school); 4 valid, 1 under review, 1 invalid.
BN_ROWS = f"""BN-1;Băng chuyền;Nguyễn Văn An, Trần Thị Bình;{SAMSUNG};{TD};{BN};Kỹ thuật;20/04/2023;Hợp lệ;1.000.000.000
BN-2;Máy gấp giấy;Nguyễn Văn An;{SAMSUNG};{TD};{BN};Kỹ thuật;03/05/2023;Hợp lệ;500.000.000
BN-3;Chấm công;Lê Thị Hoa;{HANWHA};{TD};{BN};Chuyển đổi số;05/05/2023;Hợp lệ;
BN-4;Sổ điểm điện tử;Lê Thị Hoa;{PRIMARY};{QV};{BN};Chuyển đổi số;05/05/2023;Hợp lệ;4.000.000.000
BN-5;Thư viện số;Hoàng Văn Minh;{PRIMARY};{QV};{BN};Chuyển đổi số;05/05/2023;Đang xem xét;
BN-6;Bảng tin;;{PRIMARY};{QV};{BN};Kỹ thuật;20/04/2023;Không hợp lệ;
"""
# Hà Nam: 5 valid rows by two authors.
HN_ROWS = f"""HN-1;Khuôn may;Đỗ Văn Cường;{MAY};{PHU_LY};{HA_NAM};Kỹ thuật;02/05/2023;Hợp lệ;
HN-2;Khuôn cắt;Đỗ Văn Cường;{MAY};{PHU_LY};{HA_NAM};Kỹ thuật;02/05/2023;Hợp lệ;
HN-3;Bàn là hơi;Vũ Thị Dung;{MAY};{PHU_LY};{HA_NAM};Kỹ thuật;03/05/2023;Hợp lệ;
HN-4;Giá treo;Vũ Thị Dung;{MAY};{PHU_LY};{HA_NAM};Kỹ thuật;03/05/2023;Hợp lệ;
HN-5;Xe đẩy;Vũ Thị Dung;{MAY};{PHU_LY};{HA_NAM};Kỹ thuật;04/05/2023;Hợp lệ;
"""
UNITS = f"""Tên đơn vị;Đơn vị cấp trên;Cấp;Số đăng ký;Chỉ tiêu giao
{BN};;tỉnh;5;8
{TD};{BN};cấp trên cơ sở;;4
{QV};{BN};cấp trên cơ sở;;2
"""
REPORTED = f"""Đơn vị;Cấp;Tổng số sáng kiến;Ngày số liệu
{NAM_DINH};tỉnh;3;30/04/2023
"""
CONTEST_ROWS = f"""Hội thi;Năm;Nghề;Họ và tên;Đơn vị;Giải;Tiền thưởng (đồng)
{CONTEST};2023;Hàn;Nguyễn Văn Hải;{SAMSUNG};Giải Nhất;5.000.000
{CONTEST};2023;Hàn;Trần Văn Hùng;{SAMSUNG};Nhì;3.000.000
{CONTEST};2023;Hàn;Lê Văn Khải;{HANWHA};Không đạt;
{CONTEST};2023;Tiện;Phạm Văn Long;{HANWHA};Giải Nhất;5.000.000
"""


def initiatives(*blocks: str) -> tuple[str, str]:
    """One initiatives file: the header and the given blocks of rows."""
    return "sang_kien.csv", SK_HEADER + "".join(blocks)


def build(store_dir, *files: tuple[str, str]) -> None:
    """Stage each (file name, CSV text) as an upload would and publish them together as one version."""
    staged = []
    for name, text in files:
        for s in stage_bytes(name, text.encode("utf-8")):
            assert (s.error, s.rejected, s.loaded) == (None, 0, text.count("\n") - 1), (name, s.error, s.rejects)
            staged.append(s)
    Store(store_dir).publish(staged, actor=ADMIN, label="thử nghiệm", home=BN)


def province(store_dir) -> None:
    """Bắc Ninh and Hà Nam with rows, Nam Định by its reported total, Bắc Ninh's units with quotas."""
    build(store_dir, initiatives(BN_ROWS, HN_ROWS), ("don_vi.csv", UNITS), ("tong_hop.csv", REPORTED))


def app(page: str | None = None) -> AppTest:
    return open_app(page)


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


HEAD = re.compile(r'<div class="sk-chart-head" data-chart="([^"]+)"><div class="sk-ct">(.*?)</div>')
KICKER = re.compile(r'<div class="sk-kicker">(.*?)</div>')


def chart_titles(at) -> dict:
    """Each chart's heading, written as page text above its figure, by the chart's key, in page order."""
    found = (HEAD.match(h.proto.body) for h in at.get("html"))
    return {m.group(1): html.unescape(m.group(2)) for m in found if m}


def chart_title(at, key: str) -> str:
    assert "text" not in json.loads(at.get_by_key(key).proto.spec)["layout"].get("title", {})  # not twice
    return chart_titles(at)[key]


def kicker(at) -> str | None:
    found = [m for m in (KICKER.match(h.proto.body) for h in at.get("html")) if m]
    return html.unescape(found[0].group(1)) if found else None


def table(at, *headers: str):
    """The one table whose columns start with ``headers`` (display tables expose no key to AppTest)."""
    (found,) = [d.value for d in at.dataframe if list(d.value.columns[: len(headers)]) == list(headers)]
    return found


def rows(frame, *columns: str) -> list[list]:
    """The chosen columns as lists of plain values, a missing value as None."""
    return [list(r) for r in records(frame[list(columns)])]


def test_overview_headline_figures(store_dir):
    province(store_dir)
    at = app()
    # Valid Bắc Ninh rows BN-1..4 = 4; national: Hà Nam 5, Bắc Ninh 4, Nam Định 3 (reported) -> 2nd of 3.
    assert at.title[0].value == "LĐLĐ tỉnh Bắc Ninh: 4 sáng kiến, xếp thứ 2 toàn quốc"
    shown = metrics(at)
    # one version only: "since the last report" compares with 30 days before the last submission
    assert {k: shown.pop(k) for k in ("Sáng kiến mới", "Làm lợi tăng thêm", "Đơn vị đạt chỉ tiêu trong kỳ")}
    assert at.selectbox(key="ov_since").value == "date"
    assert shown == {
        "Sáng kiến hợp lệ": "4",
        "Xếp hạng toàn quốc": "2/3",
        "Đạt so với chỉ tiêu giao": "50%",  # 4 / quota 8
        "Giá trị làm lợi": "5,5 tỷ đồng",  # 1e9 + 5e8 + 4e9
        "Đạt so với số đăng ký": "80%",  # 4 / commitment 5
        "Người tham gia": "4",  # An and Bình at Samsung, Hoa at Hanwha, Hoa at the school
        "Lượt nộp (mọi trạng thái)": "6",  # BN-1..6
        "Sáng kiến làm lợi từ 3 tỷ đồng": "1",  # BN-4
    }
    assert [c.value for c in at.main.caption][:2] == [
        "Sáng kiến hợp lệ · Phiên bản v0001 · thử nghiệm · số liệu đến 05/05/2023",
        "Từ ngày 05/04/2023 đến nay",
    ]
    assert chart_title(at, "ov_rank") == "Xếp thứ 2 trong 3 đơn vị toàn quốc"
    assert chart_title(at, "ov_progress") == "Đạt 50% chỉ tiêu giao, 80% số đăng ký"
    # Quế Võ 4e9 against Tiên Du 1e9 + 5e8
    assert chart_title(at, "ov_benefit") == "Giá trị làm lợi 5,5 tỷ đồng; nhiều nhất LĐLĐ huyện Quế Võ"
    assert [i.value for i in at.info] == ["Chưa nạp kết quả hội thi."]


def test_overview_follows_the_field_and_status_filters(store_dir):
    province(store_dir)
    at = app()
    at.selectbox(key="flt_field").set_value("Chuyển đổi số").run()
    shown = metrics(at)
    # Chuyển đổi số: valid BN-3, BN-4 = 2 (2/8 = 25%); all statuses add BN-5 = 3; benefit BN-4 only.
    assert (shown["Sáng kiến hợp lệ"], shown["Đạt so với chỉ tiêu giao"], shown["Giá trị làm lợi"]) == (
        "2",
        "25%",
        "4 tỷ đồng",
    )
    assert (shown["Lượt nộp (mọi trạng thái)"], shown["Người tham gia"]) == ("3", "2")  # Hoa at two unions
    assert shown["Xếp hạng toàn quốc"] == "–"  # reported totals cannot be cut by field
    at.segmented_control(key="flt_status").set_value("Mọi trạng thái").run()
    shown = metrics(at)
    # BN-3, 4, 5: 3 of quota 8 = 37,5% -> "38%"; Minh joins the two Hoa -> 3 people
    assert (shown["Sáng kiến hợp lệ"], shown["Đạt so với chỉ tiêu giao"], shown["Người tham gia"]) == ("3", "38%", "3")
    assert at.title[0].value == "LĐLĐ tỉnh Bắc Ninh: 3 sáng kiến"


def test_rankings_table_follows_the_status_filter(store_dir):
    province(store_dir)
    at = app("pages/rankings.py")
    assert at.title[0].value == "LĐLĐ tỉnh Bắc Ninh xếp thứ 2/3 với 4 sáng kiến"
    ranked = table(at, "Hạng", "Thay đổi", "Đơn vị", "Sáng kiến")
    assert rows(ranked, "Hạng", "Đơn vị", "Sáng kiến", "Người tham gia", "Nguồn") == [
        [1, HA_NAM, 5, 2, "dữ liệu nạp"],  # Cường, Dung
        [2, BN, 4, 4, "dữ liệu nạp"],
        [3, NAM_DINH, 3, None, "số báo cáo ᴮ"],
    ]
    assert chart_title(at, "rk_chart") == "Số sáng kiến · Toàn quốc"
    at.segmented_control(key="flt_status").set_value("Mọi trạng thái").run()
    assert not at.exception
    # Bắc Ninh 6 rows (6/8 = 75%, 6/5 = 120%; Minh is the 5th person); Hà Nam unchanged; Nam Định reported 3.
    assert at.title[0].value == "LĐLĐ tỉnh Bắc Ninh xếp thứ 1/3 với 6 sáng kiến"
    ranked = table(at, "Hạng", "Thay đổi", "Đơn vị", "Sáng kiến")
    assert rows(ranked, "Hạng", "Đơn vị", "Sáng kiến", "Người tham gia", "% chỉ tiêu giao", "% số đăng ký") == [
        [1, BN, 6, 5, 75.0, 120.0],
        [2, HA_NAM, 5, 2, None, None],
        [3, NAM_DINH, 3, None, None, None],
    ]


def test_rankings_inside_the_province_by_share_of_quota(store_dir):
    province(store_dir)
    at = app("pages/rankings.py")
    at.query_params["unit"] = "liên đoàn lao động tỉnh bắc ninh"
    at.run()
    # Tiên Du: BN-1, 2, 3 = 3 of quota 4 = 75%; Quế Võ: BN-4 = 1 of quota 2 = 50%.
    assert at.title[0].value == "LĐLĐ huyện Tiên Du dẫn đầu LĐLĐ tỉnh Bắc Ninh với 3 sáng kiến"
    assert rows(table(at, "Hạng", "Thay đổi", "Đơn vị"), "Hạng", "Đơn vị", "Sáng kiến", "Chỉ tiêu giao") == [
        [1, TD, 3, 4],
        [2, QV, 1, 2],
    ]
    at.selectbox(key="rk_measure").set_value("pct_of_quota").run()
    assert at.title[0].value == "LĐLĐ huyện Tiên Du dẫn đầu LĐLĐ tỉnh Bắc Ninh với 75,0%"
    assert chart_title(at, "rk_chart") == "% chỉ tiêu giao · LĐLĐ tỉnh Bắc Ninh"


def test_progress_daily_table_of_two_upper_level_units(store_dir):
    province(store_dir)
    at = app("pages/progress.py")
    assert at.title[0].value == "Tiến độ của LĐLĐ tỉnh Bắc Ninh"
    assert at.date_input(key="pg_day").value == dt.date(2023, 5, 5)  # the last submission day in the store
    board = table(at, "Hạng", "Thay đổi hạng", "Đơn vị", "Trong ngày")
    # 05/05: Tiên Du BN-3 that day, BN-2 + BN-3 in 29/04–05/05, BN-1..3 in all; Quế Võ BN-4 alone.
    # Before the day Tiên Du 2 and Quế Võ 0: ranks 1 and 2 both days.
    assert rows(board, "Hạng", "Thay đổi hạng", "Đơn vị", "Trong ngày", "7 ngày qua", "Lũy kế", "% chỉ tiêu") == [
        [1, "=", TD, 1, 2, 3, 75.0],
        [2, "=", QV, 1, 1, 1, 50.0],
    ]
    at.date_input(key="pg_day").set_value(dt.date(2023, 5, 3)).run()
    board = table(at, "Hạng", "Thay đổi hạng", "Đơn vị", "Trong ngày")
    # 03/05: Tiên Du BN-2 that day and in 27/04–03/05, BN-1 + BN-2 in all; Quế Võ none yet.
    assert rows(board, "Hạng", "Đơn vị", "Trong ngày", "7 ngày qua", "Lũy kế", "% chỉ tiêu") == [
        [1, TD, 1, 1, 2, 50.0],
        [2, QV, 0, 0, 0, 0.0],
    ]


def test_benefits_declared_total_and_count(store_dir):
    build(store_dir, initiatives(BN_ROWS))
    at = app("pages/benefits.py")
    # Valid rows with a value: BN-1 1e9, BN-2 5e8, BN-4 4e9 -> 5,5 tỷ from 3 of 4 (75%); median 1e9.
    assert at.title[0].value == "Giá trị làm lợi 5,5 tỷ đồng từ 3 sáng kiến"
    assert metrics(at) == {
        "Tổng giá trị tự kê khai": "5,5 tỷ đồng",
        "Sáng kiến có ghi giá trị": "3 (75%)",
        "Lớn nhất": "4 tỷ đồng",
        "Trung vị": "1 tỷ đồng",
    }
    assert chart_title(at, "bn_bands") == "1 sáng kiến từ 3 tỷ đồng làm lợi 4 tỷ đồng"
    assert chart_title(at, "bn_units") == "LĐLĐ huyện Quế Võ dẫn đầu với 4 tỷ đồng"
    fields = table(at, "Lĩnh vực", "Sáng kiến", "Có ghi giá trị")
    assert rows(fields, "Lĩnh vực", "Sáng kiến", "Có ghi giá trị", "Chưa ghi giá trị", "Tổng giá trị (đồng)") == [
        ["Chuyển đổi số", 2, 1, 1, 4e9],  # BN-3 without, BN-4 with
        ["Kỹ thuật", 2, 2, 0, 1.5e9],
    ]
    assert rows(table(at, "Tên sáng kiến", "Giá trị làm lợi (đồng)"), "Mã", "Giá trị làm lợi (đồng)") == [
        ["BN-4", 4e9],
        ["BN-1", 1e9],
        ["BN-2", 5e8],
    ]
    # One valid row without a value, but only 3 declared values (fewer than 5): no estimate, said so.
    assert [i.value for i in at.info] == ["Chưa đủ giá trị tự kê khai để ước tính."]
    at.toggle(key="bn_estimate").set_value(False).run()
    assert [i.value for i in at.info] == []


def test_contests_page_counts_trades_winners_and_prizes(store_dir):
    build(store_dir, ("ket_qua.csv", CONTEST_ROWS))
    at = app("pages/contests.py")
    # 2 trades (Hàn, Tiện), 4 contestants, 3 with a prize (Khải did not win), 5 + 3 + 5 = 13 triệu.
    assert (kicker(at), at.title[0].value) == (CONTEST, "2 nghề, 3 thí sinh đạt giải, tổng tiền giải 13 triệu đồng")
    assert metrics(at) == {
        "Nghề thi": "2",
        "Thí sinh": "4",
        "Thí sinh đạt giải": "3",
        "Tổng tiền giải": "13 triệu đồng",
    }
    assert rows(table(at, "Nghề", "Giải", "Họ và tên"), "Nghề", "Giải", "Họ và tên", "Tiền thưởng (đồng)") == [
        ["Hàn", "Nhất", "Nguyễn Văn Hải", 5e6],  # "Giải Nhất" written as "Nhất"
        ["Hàn", "Nhì", "Trần Văn Hùng", 3e6],
        ["Tiện", "Nhất", "Phạm Văn Long", 5e6],
    ]
    assert rows(
        table(at, "Đơn vị", "Thí sinh", "Đạt giải"), "Đơn vị", "Thí sinh", "Đạt giải", "Tiền thưởng (đồng)"
    ) == [
        [SAMSUNG, 2, 2, 8e6],
        [HANWHA, 2, 1, 5e6],
    ]


def test_awards_page_counts_and_filters_the_list(store_dir):
    awards = f"""Cấp khen thưởng;Tên tập thể, cá nhân;Loại đối tượng;Đơn vị;Tiền thưởng (đồng)
Tổng LĐLĐ Việt Nam;Nguyễn Văn An;Cá nhân;{SAMSUNG};2.000.000
{BN};{SAMSUNG};Tập thể;{SAMSUNG};3.000.000
{BN};Lê Thị Hoa;Cá nhân;{PRIMARY};1.000.000
"""
    build(store_dir, ("khen.csv", awards))
    at = app("pages/awards.py")
    assert at.title[0].value == "3 tập thể, cá nhân được khen thưởng"
    counts = table(at, "Cấp khen thưởng", "Chương trình, đợt thi đua", "Loại đối tượng", "Số lượng")
    assert rows(counts, "Cấp khen thưởng", "Loại đối tượng", "Số lượng", "Tiền (đồng)") == [
        ["Tổng LĐLĐ Việt Nam", "Cá nhân", 1, 2e6],
        [BN, "Tập thể", 1, 3e6],
        [BN, "Cá nhân", 1, 1e6],
    ]
    # Samsung: the collective and An = 2 awards, 2 + 3 triệu; the school: Hoa, 1 triệu.
    assert rows(table(at, "Đơn vị", "Số khen thưởng"), "Đơn vị", "Số khen thưởng", "Tiền (đồng)") == [
        [SAMSUNG, 2, 5e6],
        [PRIMARY, 1, 1e6],
    ]
    at.selectbox(key="aw_type").set_value("Cá nhân").run()
    listed = table(at, "Tên tập thể, cá nhân", "Loại đối tượng")
    assert listed["Tên tập thể, cá nhân"].tolist() == ["Nguyễn Văn An", "Lê Thị Hoa"]
    at.text_input(key="aw_search").input("hoa").run()  # lower case, no diacritics
    assert table(at, "Tên tập thể, cá nhân", "Loại đối tượng")["Tên tập thể, cá nhân"].tolist() == ["Lê Thị Hoa"]


def test_campaign_page_shows_works_opinions_and_the_pace(store_dir):
    camp = (
        "Tên đợt thi đua;Ngày bắt đầu;Ngày kết thúc;Số ngày\nĐợt thi đua chào mừng Đại hội;01/05/2023;31/05/2023;31\n"
    )
    works = f"""Tên công trình, phần việc;Cấp đăng ký;Đơn vị;Gắn biển;Giá trị (đồng)
Nhà văn hóa công nhân;cơ sở;{SAMSUNG};có;2.000.000.000
Tủ sách công đoàn;cơ sở;{HANWHA};không;
Đường điện chiếu sáng;cấp trên cơ sở;{TD};không;
"""
    opinions = f"""Hình thức;Nội dung;Đơn vị;Đã trả lời
Trực tiếp;Tiền lương;{SAMSUNG};có
Trực tiếp;Nhà ở;{HANWHA};không
Văn bản;Bữa ăn ca;{SAMSUNG};có
"""
    days = ["21/04/2023", "30/04/2023", "03/05/2023", "05/05/2023", "05/05/2023"]
    sk = "".join(f"C-{i};Sáng kiến;;{SAMSUNG};{TD};{BN};;{day};Hợp lệ;\n" for i, day in enumerate(days, 1))
    build(store_dir, ("dot.csv", camp), ("cong_trinh.csv", works), ("y_kien.csv", opinions), initiatives(sk))
    at = app("pages/campaign.py")
    assert (kicker(at), at.title[0].value) == ("Đợt thi đua chào mừng Đại hội", "31 ngày, từ 01/05/2023 đến 31/05/2023")
    # Data from 21/04 to 05/05: before 21/04–30/04 = 10 days, 2 rows (0,2 a day); inside 01/05–05/05 = 5 days,
    # 3 rows (0,6 a day): 0,6 / 0,2 = 3 times.
    assert metrics(at) == {
        "Sáng kiến trong đợt": "3",
        "Mỗi ngày trong đợt": "0,6",
        "Mỗi ngày trước đợt": "0,2",
        "Nhịp trong đợt so với trước": "3,0 lần",
    }
    assert chart_title(at, "cp_works") == "2 cấp cơ sở, 1 cấp trên cơ sở; 1 công trình gắn biển"
    assert chart_title(at, "cp_opinions") == "2 ý kiến trực tiếp, 1 ý kiến văn bản; 2 đã được trả lời"
    flagship = table(at, "Công trình", "Cấp", "Đơn vị")
    assert rows(flagship, "Công trình", "Cấp", "Đơn vị", "Giá trị (đồng)") == [
        ["Nhà văn hóa công nhân", "Cấp cơ sở", SAMSUNG, 2e9]
    ]


def test_a_store_with_contest_results_only(store_dir):
    build(store_dir, ("ket_qua.csv", CONTEST_ROWS))
    at = app()
    assert [t.value for t in at.title] == ["Chưa có số liệu sáng kiến của đơn vị"]
    assert [i.value for i in at.info] == [
        "Phiên bản v0001 chưa có các bảng Sáng kiến, Đơn vị và chỉ tiêu, Số liệu tổng hợp các đơn vị, nên chưa "
        "tính được số sáng kiến, chỉ tiêu và xếp hạng. Hãy nạp các bảng này ở trang Nạp dữ liệu; dưới đây là "
        "những số liệu đã có."
    ]
    assert metrics(at) == {"Nghề thi": "2", "Thí sinh đạt giải": "3", "Tổng tiền giải": "13 triệu đồng"}
    at.switch_page("pages/rankings.py").run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        "Phiên bản v0001 chưa có bảng Sáng kiến hoặc Đơn vị và chỉ tiêu hoặc Số liệu tổng hợp các đơn vị. "
        "Hãy nạp bảng này ở trang Nạp dữ liệu."
    ]


def test_benefits_checks_the_estimate_against_values_declared_in_a_later_version(store_dir):
    """v0001: 7 initiatives declare 100 triệu, 8 none; v0002: 5 of those 8 declare 20 triệu — a fifth of
    the others — and 3 still declare nothing: the page says the assumption "like declared" may be too high."""

    def rows(late: str) -> str:
        values = ["100.000.000"] * 7 + [late] * 5 + [""] * 3
        return "".join(
            f"BN-{i};Sáng kiến {i};Tác giả {i};{SAMSUNG};{TD};{BN};Kỹ thuật;20/04/2023;Hợp lệ;{v}\n"
            for i, v in enumerate(values)
        )

    build(store_dir, initiatives(rows("")), ("don_vi.csv", UNITS))
    at = app("pages/benefits.py")
    assert any(c.value.startswith("Chưa kiểm tra được giả định: chưa có phiên bản trước") for c in at.main.caption)
    build(store_dir, initiatives(rows("20.000.000")), ("don_vi.csv", UNITS))
    at = app("pages/benefits.py")
    assert at.title[0].value == "Giá trị làm lợi 800 triệu đồng từ 12 sáng kiến"
    checked = [c.value for c in at.main.caption if c.value.startswith("Kiểm tra được giả định")]
    assert checked == [
        "Kiểm tra được giả định: 5 sáng kiến chưa có giá trị ở phiên bản v0001 nay đã ghi, bình quân 20 triệu đồng "
        "(trung vị 20 triệu đồng), bằng 20% bình quân của 7 sáng kiến đã ghi từ đầu (100 triệu đồng): "
        "giả định “như sáng kiến đã ghi” có thể quá cao."
    ]
