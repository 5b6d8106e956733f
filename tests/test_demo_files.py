"""The demo export files, read back as a user's tools would, reproduce the figures of the report."""

from __future__ import annotations

import io
import unicodedata

import pandas as pd
import pytest
from openpyxl import load_workbook

from sangkien.demo import names as demo_names
from sangkien.demo.build import write_demo_exports
from sangkien.demo.common import HOME_FEDERATION, to_cp1258
from sangkien.ingest.schema import KINDS

VALID, REVIEW, INVALID = "Hợp lệ", "Đang xem xét", "Không hợp lệ"


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo_exports")
    return out, write_demo_exports(out)


def text(path, encoding: str) -> str:
    raw = path.read_bytes()
    if encoding == "cp1258":
        return unicodedata.normalize("NFC", raw.decode("cp1258"))
    return raw.decode(encoding)


def read_csv(path, encoding: str, sep: str = ",") -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text(path, encoding)), sep=sep, dtype=str, keep_default_na=False)


def read_xlsx(path) -> tuple[str, pd.DataFrame]:
    ws = load_workbook(path).worksheets[0]
    rows = list(ws.values)
    return ws.title, pd.DataFrame(rows[1:], columns=rows[0])


def vn_int(value: str) -> int:
    return int(value.replace(".", ""))


@pytest.fixture(scope="module")
def initiatives(exports):
    out, _ = exports
    early = read_csv(out / "sang_kien_den_30_06_2023.csv", "utf-8-sig", ";")
    late = read_csv(out / "sang_kien_tu_01_07_2023.csv", "cp1258", "\t")
    both = pd.concat([early, late], ignore_index=True)
    both["day"] = pd.to_datetime(both["Ngày cập nhật"], format="%d/%m/%Y")
    return early, late, both


@pytest.fixture(scope="module")
def units(exports):
    title, table = read_xlsx(exports[0] / "don_vi_ha_noi.xlsx")
    assert title == "Đơn vị"
    return table


def test_loads_and_file_names(exports):
    out, loads = exports
    assert [label for label, _ in loads] == ["Số liệu đến 30/06/2023", "Số liệu tổng kết 01/09/2023"]
    assert [f.name for f in loads[0][1]] == [
        "sang_kien_den_30_06_2023.csv",
        "don_vi_ha_noi.xlsx",
        "tong_hop_toan_quoc_30_06_2023.csv",
        "dot_thi_dua.csv",
    ]
    assert [f.name for f in loads[1][1]] == [
        "sang_kien_den_30_06_2023.csv",
        "sang_kien_tu_01_07_2023.csv",
        "tong_hop_toan_quoc_01_09_2023.csv",
        "hoi_thi_tho_gioi_2023.txt",
        "khen_thuong.xlsx",
        "cong_trinh_phan_viec.csv",
        "y_kien_doi_thoai.csv",
    ]
    assert all(f.parent == out and f.stat().st_size > 0 for _, files in loads for f in files)
    assert HOME_FEDERATION == "LĐLĐ thành phố Hà Nội"


def test_encodings_and_headers(exports, initiatives):
    out, _ = exports
    labels = [c.label for c in KINDS["initiatives"].columns]
    assert (out / "sang_kien_den_30_06_2023.csv").read_bytes().startswith("\ufeff".encode())
    late = (out / "sang_kien_tu_01_07_2023.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        late.decode("utf-8")
    assert list(initiatives[0].columns) == labels == list(initiatives[1].columns)
    assert (out / "hoi_thi_tho_gioi_2023.txt").read_bytes().startswith(b"\xff\xfe")
    assert (out / "cong_trinh_phan_viec.csv").read_bytes()[:5] == '"Tên'.encode()  # UTF-8 without a BOM
    totals = (out / "tong_hop_toan_quoc_01_09_2023.csv").read_bytes()
    assert b'"200.846"' in totals  # numbers with a thousands dot are quoted
    campaigns = read_csv(out / "dot_thi_dua.csv", "utf-8")
    assert campaigns.to_dict("records") == [
        {
            "Tên đợt thi đua": "Đợt thi đua cao điểm chào mừng Đại hội Công đoàn các cấp",
            "Ngày bắt đầu": "01/05/2023",
            "Ngày kết thúc": "30/09/2023",
            "Số ngày": "150",
        }
    ]


def test_initiative_counts_and_dates(initiatives):
    early, late, both = initiatives
    status = both["Trạng thái"].value_counts()
    federation = both["LĐLĐ tỉnh, thành phố / Công đoàn ngành"]
    assert ((both["Trạng thái"] == VALID) & (federation == HOME_FEDERATION)).sum() == 201129
    assert 8500 <= status[REVIEW] <= 9600 and 3500 <= status[INVALID] <= 4500
    assert set(status.index) == {VALID, REVIEW, INVALID}
    assert set(federation) == {HOME_FEDERATION}
    assert both["Mã sáng kiến"].is_unique and both["Mã sáng kiến"].str.fullmatch(r"HN-20\d\d-\d{6}").all()
    assert both["day"].min() == pd.Timestamp("2021-09-01") and both["day"].max() == pd.Timestamp("2023-09-01")
    assert (both["day"].iloc[: len(early)] <= "2023-06-30").all()
    assert (both["day"].iloc[len(early) :] >= "2023-07-01").all()
    before = (both["day"] < "2023-05-01").sum() / 607  # days 01/09/2021 - 30/04/2023
    during = (both["day"] >= "2023-05-01").sum() / 124  # days 01/05/2023 - 01/09/2023
    assert during / before >= 2.5
    applied = both.loc[both["Ngày áp dụng"] != ""]
    assert 0 < len(applied) < len(both) / 2
    assert (pd.to_datetime(applied["Ngày áp dụng"], format="%d/%m/%Y") > applied["day"]).all()
    fields = set(both["Lĩnh vực"])
    assert {"Cải tiến kỹ thuật", "Giáo dục - Đào tạo", "Y tế", "Chuyển đổi số"} <= fields and len(fields) == 8


def test_authors(initiatives):
    both = initiatives[2]
    per_row = both["Tác giả"].str.split("; ")
    assert per_row.str.len().between(1, 3).all()
    assert per_row.map(lambda names: len(set(names)) == len(names)).all()
    pairs = pd.DataFrame(
        {"unit": both["Công đoàn cơ sở"].repeat(per_row.str.len()).to_numpy(), "author": per_row.explode().to_numpy()}
    )
    counts = pairs.value_counts()
    assert counts.max() >= 10 and len(counts) < len(pairs) / 2  # workers submit several initiatives
    assert pairs["author"].str.fullmatch(r"\w+ \w+ \w+").all()


def test_benefit(initiatives):
    both = initiatives[2]
    valid = both.loc[both["Trạng thái"] == VALID, "Giá trị làm lợi (đồng/năm)"]
    assert (valid == "").mean() >= 0.70
    values = valid[valid != ""].map(vn_int)
    assert values.sum() == 3512450000000
    assert (values > 100_000_000_000).sum() == 1 and values.max() == 112_000_000_000
    assert (values >= 3_000_000_000).sum() == 48
    assert values.min() >= 0 and 5_000_000 <= values.median() <= 100_000_000
    other = both.loc[both["Trạng thái"] != VALID, "Giá trị làm lợi (đồng/năm)"]
    assert (other != "").any()


def test_units_hierarchy(units, initiatives):
    both = initiatives[2]
    home = units[units["Tên đơn vị"] == HOME_FEDERATION].iloc[0]
    assert (home["Đơn vị cấp trên"], home["Cấp"], home["Số đăng ký"], home["Chỉ tiêu giao"]) == (
        "Tổng LĐLĐ Việt Nam",
        "LĐLĐ tỉnh, thành phố",
        130000,
        87450,
    )
    assert round(201129 / home["Chỉ tiêu giao"] * 100) == 230
    upper = units[units["Cấp"] == "Công đoàn cấp trên trực tiếp cơ sở"]
    districts = {f"LĐLĐ {kind} {name}" for kind, name, _ in demo_names.DISTRICTS}
    assert len(districts) == 30
    assert {"LĐLĐ quận Hoàng Mai", "LĐLĐ huyện Ứng Hòa", "LĐLĐ thị xã Sơn Tây"} <= districts
    assert districts | {"Công đoàn ngành Xây dựng", "Công đoàn ngành Y tế"} <= set(upper["Tên đơn vị"])
    assert (upper["Đơn vị cấp trên"] == HOME_FEDERATION).all()
    assert upper["Chỉ tiêu giao"].sum() == 87450 and upper["Số đăng ký"].sum() == 130000
    grass = units[units["Cấp"] == "Công đoàn cơ sở"]
    assert 1800 <= len(grass) <= 2300 and set(grass["Đơn vị cấp trên"]) == set(upper["Tên đơn vị"])
    assert not grass.duplicated(["Tên đơn vị", "Đơn vị cấp trên"]).any()
    assert 0 < grass["Tên đơn vị"].duplicated().sum() < 30
    assert grass["Số đoàn viên"].between(20, 3000).all()
    assert all(isinstance(v, int) for v in grass["Số đoàn viên"])
    known = set(zip(grass["Tên đơn vị"], grass["Đơn vị cấp trên"], strict=True))
    used = set(zip(both["Công đoàn cơ sở"], both["Công đoàn cấp trên trực tiếp cơ sở"], strict=True))
    assert used <= known


def test_outstanding_units_lead(units, initiatives):
    both = initiatives[2]
    valid = both[both["Trạng thái"] == VALID]
    members = units[units["Cấp"] == "Công đoàn cơ sở"].groupby("Đơn vị cấp trên")["Số đoàn viên"].sum()
    per_member = valid.groupby("Công đoàn cấp trên trực tiếp cơ sở").size() / members
    stars = [f"LĐLĐ {k} {n}" for k, n, _ in demo_names.DISTRICTS if n in demo_names.OUTSTANDING_DISTRICTS]
    stars += demo_names.OUTSTANDING_SECTORS
    assert len(stars) == 13
    assert per_member[stars].median() > 1.4 * per_member.drop(stars).median()


def test_reported_totals(exports, initiatives):
    out = exports[0]
    final = read_csv(out / "tong_hop_toan_quoc_01_09_2023.csv", "cp1258")
    snap = read_csv(out / "tong_hop_toan_quoc_30_06_2023.csv", "cp1258")
    for table, as_of in ((final, "01/09/2023"), (snap, "30/06/2023")):
        assert list(table.columns) == [
            "Đơn vị",
            "Cấp",
            "Tổng số sáng kiến",
            "Số người tham gia",
            "Giá trị làm lợi (đồng)",
            "Chỉ tiêu giao",
            "Ngày số liệu",
        ]
        assert (table["Ngày số liệu"] == as_of).all() and table["Đơn vị"].is_unique
        assert (table["Cấp"] == "LĐLĐ tỉnh, thành phố").sum() == 63
        assert (table["Cấp"] == "Công đoàn ngành trung ương").sum() >= 19
        assert (table[["Số người tham gia", "Giá trị làm lợi (đồng)", "Chỉ tiêu giao"]] != "").all().all()
        table["n"] = table["Tổng số sáng kiến"].map(vn_int)
    final, snap = (t.sort_values("n", ascending=False) for t in (final, snap))
    assert final["Đơn vị"].tolist()[:2] == ["LĐLĐ tỉnh Thanh Hóa", HOME_FEDERATION]
    assert final["n"].tolist()[:2] == [243517, 200846] and 150000 < final["n"].iloc[2] < 200846
    assert final["n"].is_unique
    home = final.set_index("Đơn vị").loc[HOME_FEDERATION]
    assert vn_int(home["Chỉ tiêu giao"]) == 87450
    assert final["Chỉ tiêu giao"].map(vn_int).sum() == 1_000_000
    assert snap["Đơn vị"].tolist().index(HOME_FEDERATION) + 1 in (3, 4)
    both = initiatives[2]
    early_valid = ((both["Trạng thái"] == VALID) & (both["day"] <= "2023-06-30")).sum()
    home_snap = snap.set_index("Đơn vị").loc[HOME_FEDERATION, "n"]
    assert abs(home_snap - early_valid) < 500


def test_contest(exports):
    contest = read_csv(exports[0] / "hoi_thi_tho_gioi_2023.txt", "utf-16", "\t")
    assert list(contest.columns) == [c.label for c in KINDS["contest_results"].columns]
    assert set(contest["Hội thi"]) == {"Hội thi thợ giỏi thành phố Hà Nội năm 2023"}
    assert contest["Nghề"].nunique() == 11 and 350 <= len(contest) <= 450
    winners = contest[contest["Giải"] != ""]
    assert len(winners) == 111
    assert winners["Giải"].value_counts().to_dict() == {"Khuyến khích": 45, "Ba": 33, "Nhì": 22, "Nhất": 11}
    assert winners["Tiền thưởng (đồng)"].map(vn_int).sum() == 564_000_000
    assert (contest.loc[contest["Giải"] == "", "Tiền thưởng (đồng)"] == "").all()


def test_awards(exports):
    title, awards = read_xlsx(exports[0] / "khen_thuong.xlsx")
    assert title == "Khen thưởng"
    assert list(awards.columns) == [c.label for c in KINDS["awards"].columns]
    programme = "Chương trình 1 triệu sáng kiến"
    campaign = "Đợt thi đua cao điểm chào mừng Đại hội Công đoàn các cấp"
    body, kind = awards["Cấp khen thưởng"], awards["Loại đối tượng"]
    counts = awards.groupby([body, awards["Chương trình, đợt thi đua"], kind]).size().to_dict()
    assert counts == {
        ("Tổng LĐLĐ Việt Nam", programme, "Tập thể"): 3,
        ("Tổng LĐLĐ Việt Nam", programme, "Cá nhân"): 3,
        (HOME_FEDERATION, programme, "Tập thể"): 10,
        (HOME_FEDERATION, programme, "Công đoàn cơ sở"): 53,
        (HOME_FEDERATION, programme, "Cá nhân"): 60,
        (HOME_FEDERATION, campaign, "Công đoàn cấp trên cơ sở"): 28,
        (HOME_FEDERATION, campaign, "Công đoàn cơ sở"): 33,
        (HOME_FEDERATION, campaign, "Cá nhân"): 33,
    }
    collectives = awards.loc[(body == HOME_FEDERATION) & (kind == "Tập thể"), "Tên tập thể, cá nhân"]
    assert {n.split(" ", 2)[-1] for n in collectives} == set(demo_names.OUTSTANDING_DISTRICTS)
    national = awards[(body == "Tổng LĐLĐ Việt Nam") & (kind == "Tập thể")]
    assert set(national["Tên tập thể, cá nhân"]) == {
        "Công đoàn ngành Xây dựng",
        "Công đoàn ngành Công Thương",
        "Công đoàn ngành Giáo dục",
    }


def test_works_and_opinions(exports):
    out = exports[0]
    works = read_csv(out / "cong_trinh_phan_viec.csv", "utf-8")
    assert list(works.columns) == [c.label for c in KINDS["works"].columns]
    assert works["Cấp đăng ký"].value_counts().to_dict() == {"Cơ sở": 526, "Cấp trên cơ sở": 94}
    flagged = works[works["Gắn biển"] == "x"]
    assert len(flagged) == 6 and (flagged["Cấp đăng ký"] == "Cơ sở").all()
    assert set(works["Gắn biển"]) == {"x", ""}
    opinions = read_csv(out / "y_kien_doi_thoai.csv", "utf-8-sig", ";")
    assert opinions["Hình thức"].value_counts().to_dict() == {"Văn bản": 600, "Trực tiếp": 26}
    assert set(opinions["Đã trả lời"]) <= {"Có", "Chưa"}


def test_cp1258_round_trip(initiatives, units):
    assert to_cp1258("ế") == b"\xea\xec" and to_cp1258("Ứng Hòa") == b"\xdd\xecng Ho\xcca"
    both = initiatives[2]
    samples = set(units["Tên đơn vị"]) | set(both["Tên sáng kiến"])
    samples |= set(both["Tác giả"].str.split("; ").explode())
    samples |= {c.label for kind in KINDS.values() for c in kind.columns}
    for value in samples:
        assert unicodedata.normalize("NFC", to_cp1258(value).decode("cp1258")) == value, value
    late = initiatives[1]
    assert set(late["Công đoàn cơ sở"]) <= set(units["Tên đơn vị"])  # the cp1258 file reads back the same


def test_deterministic(exports, tmp_path):
    out, loads = exports
    again = write_demo_exports(tmp_path)
    files = sorted({f.name for _, fs in loads for f in fs})
    assert files == sorted({f.name for _, fs in again for f in fs})
    for name in files:
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name
