"""Every figure of the seed, reproduced by the demo through the same path as a user's files."""

import json
import shutil
import subprocess
import sys

import pytest

from sangkien.analysis.filters import Filters
from sangkien.demo.common import to_cp1258
from sangkien.store.reading import open_dataset

from .conftest import ROOT

OUTSTANDING = [
    "LĐLĐ quận Hoàng Mai",
    "LĐLĐ quận Long Biên",
    "LĐLĐ quận Tây Hồ",
    "LĐLĐ quận Bắc Từ Liêm",
    "LĐLĐ quận Nam Từ Liêm",
    "LĐLĐ huyện Ba Vì",
    "LĐLĐ huyện Thạch Thất",
    "LĐLĐ huyện Phúc Thọ",
    "LĐLĐ huyện Mỹ Đức",
    "LĐLĐ huyện Hoài Đức",
    "Công đoàn ngành Xây dựng",
    "Công đoàn ngành Công Thương",
    "Công đoàn ngành Giáo dục",
]


def cli(*args):
    done = subprocess.run([sys.executable, "-m", "sangkien", *args], cwd=ROOT, capture_output=True, text=True)
    return done


def summary(store, *extra):
    done = cli("summary", "--db", str(store), "--json", *extra)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def figures(demo_store):
    return summary(demo_store)


def test_initiatives_rank_and_targets(figures):
    assert figures["unit"] == "LĐLĐ thành phố Hà Nội"
    assert figures["version"] == "v0002"
    assert figures["initiatives"] == 201129
    assert figures["source"] == "rows"
    assert figures["national_rank"] == 2
    assert figures["national_count"] == 82
    assert figures["quota"] == 87450
    assert figures["pct_of_quota"] == 230.0
    assert figures["commitment"] == 130000
    assert figures["pct_of_commitment"] == 154.7
    assert figures["initiatives_all_statuses"] == 214045
    assert figures["participants"] == 80500


def test_benefit(figures):
    assert figures["benefit_total_vnd"] == 3512450000000
    assert figures["benefit_max_vnd"] == 112000000000
    assert figures["initiatives_benefit_ge_3e9"] == 48
    assert figures["initiatives_with_benefit"] == 44248  # 22% of 201.129: at least 70% have no value


def test_contest_works_opinions_campaign(figures):
    assert figures["contest"] == {"trades": 11, "contestants": 411, "winners": 111, "prize_total_vnd": 564000000}
    assert figures["works"] == {"grassroots": 526, "upper_level": 94, "flagship": 6, "total": 620}
    assert figures["opinions"] == {"written": 600, "direct": 26, "answered": 626, "total": 626}
    assert figures["campaign"] == {
        "name": "Đợt thi đua cao điểm chào mừng Đại hội Công đoàn các cấp",
        "start": "2023-05-01",
        "end": "2023-09-30",
        "days": 150,
        "span_days": 153,
    }


def test_awards(figures):
    counts = [(a["body"], a["programme"], a["recipient_type"], a["count"]) for a in figures["awards"]]
    assert counts == [
        ("Tổng LĐLĐ Việt Nam", "Chương trình 1 triệu sáng kiến", "Tập thể", 3),
        ("Tổng LĐLĐ Việt Nam", "Chương trình 1 triệu sáng kiến", "Cá nhân", 3),
        ("LĐLĐ thành phố Hà Nội", "Chương trình 1 triệu sáng kiến", "Tập thể", 10),
        ("LĐLĐ thành phố Hà Nội", "Chương trình 1 triệu sáng kiến", "Công đoàn cơ sở", 53),
        ("LĐLĐ thành phố Hà Nội", "Chương trình 1 triệu sáng kiến", "Cá nhân", 60),
        (
            "LĐLĐ thành phố Hà Nội",
            "Đợt thi đua cao điểm chào mừng Đại hội Công đoàn các cấp",
            "Công đoàn cấp trên cơ sở",
            28,
        ),
        ("LĐLĐ thành phố Hà Nội", "Đợt thi đua cao điểm chào mừng Đại hội Công đoàn các cấp", "Công đoàn cơ sở", 33),
        ("LĐLĐ thành phố Hà Nội", "Đợt thi đua cao điểm chào mừng Đại hội Công đoàn các cấp", "Cá nhân", 33),
    ]


def test_ranking_uses_rows_over_the_reported_total(figures, demo_store):
    top = [(r["unit"], r["initiatives"], r["rank"], r["source"]) for r in figures["ranking"][:3]]
    assert top == [
        ("LĐLĐ tỉnh Thanh Hóa", 243517, 1, "reported"),
        ("LĐLĐ thành phố Hà Nội", 201129, 2, "rows"),
        ("LĐLĐ thành phố Hồ Chí Minh", 187652, 3, "reported"),
    ]
    ds = open_dataset(demo_store)
    hanoi = ds.query("ranking_federations", **Filters().params()).query(
        "unit_key == 'liên đoàn lao động thành phố hà nội'"
    )
    assert hanoi[["reported_initiatives", "diff_from_reported_pct"]].values.tolist() == [[200846, 0.14]]


def test_outstanding_units_are_in_the_hierarchy(demo_store):
    ds = open_dataset(demo_store)
    upper = ds.query("ranking_children", parent_key="liên đoàn lao động thành phố hà nội", **Filters().params())
    assert len(upper) == 40
    assert set(OUTSTANDING) <= set(upper["unit"])
    grassroots = ds.con.execute("select count(*) from units where level = 'grassroots'").fetchone()[0]
    assert grassroots == 2105


def test_campaign_rate_is_at_least_twice_the_rate_outside(demo_store):
    ds = open_dataset(demo_store)
    inside, outside = ds.con.execute(
        "select count(*) filter (where submitted_on >= date '2023-05-01') / 124.0,"
        " count(*) filter (where submitted_on < date '2023-05-01') / 607.0 from initiatives"
    ).fetchone()
    assert inside >= 2 * outside


def test_snapshot_version_ranked_third(demo_store):
    earlier = summary(demo_store, "--version", "v0001")
    assert (earlier["national_rank"], earlier["initiatives"]) == (3, 159392)


def test_grassroots_unit_ranked_among_its_siblings(demo_store):
    district = summary(demo_store, "--unit", "LĐLĐ Q. Hoàng Mai")
    assert district["unit"] == "LĐLĐ quận Hoàng Mai"
    assert district["national_rank"] is None
    assert {r["unit"] for r in district["ranking"]} >= set(OUTSTANDING)
    assert len(district["ranking"]) == 40


def test_rank_three_when_a_peer_overtakes(demo_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(demo_store, store)
    totals = (demo_store.parent / "exports" / "tong_hop_toan_quoc_01_09_2023.csv").read_bytes()
    extra = to_cp1258(
        '"Công đoàn Dệt May Việt Nam mới","Công đoàn ngành trung ương","205.000","90.000",'
        '"100.000.000.000","60.000","01/09/2023"\n'
    )
    header = totals.split(b"\n", 1)[0].decode("cp1258")
    assert header.count(",") == 6, header
    (tmp_path / "tong_hop.csv").write_bytes(totals.rstrip(b"\r\n") + b"\r\n" + extra)
    loaded = cli("load", str(tmp_path / "tong_hop.csv"), "--db", str(store), "--json")
    assert loaded.returncode == 0, loaded.stderr
    after = summary(store)
    assert (after["national_rank"], after["initiatives"]) == (3, 201129)
    assert after["contest"]["winners"] == 111  # the other kinds carried over
