"""Union names in every spelling: keys, aliases (with parents), suggestions, unknown units."""

import unicodedata

import pandas as pd
import pytest

from sangkien.analysis.filters import Filters
from sangkien.ingest.names import alias_map, resolve, suggest
from sangkien.ingest.normalize import unit_key
from sangkien.ingest.staging import stage_bytes
from sangkien.store.reading import open_dataset
from sangkien.store.versions import Store

from .conftest import ADMIN

THANH_HOA = "liên đoàn lao động thành phố thanh hóa"


@pytest.mark.parametrize(
    "spelling",
    [
        "Liên đoàn Lao động thành phố Thanh Hóa",
        "LĐLĐ TP Thanh Hoá",
        "LĐLĐ Tp. Thanh Hóa",
        "  liên đoàn lao động   TP  THANH HOÁ ",
        "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ THANH HOÁ",
        unicodedata.normalize("NFD", "LĐLĐ thành phố Thanh Hóa"),
    ],
)
def test_every_spelling_of_one_union_has_one_key(spelling):
    assert unit_key(spelling) == THANH_HOA


@pytest.mark.parametrize(
    ("spelling", "key"),
    [
        ("CĐCS Công ty May 10", "công đoàn cơ sở công ty may 10"),
        ("CĐ ngành Y tế", "công đoàn ngành y tế"),
        ("LĐLĐ Q. Hoàng Mai", "liên đoàn lao động quận hoàng mai"),
        ("LĐLĐ H. Ba Vì", "liên đoàn lao động huyện ba vì"),
        ("LĐLĐ TX Sơn Tây", "liên đoàn lao động thị xã sơn tây"),
        ("Công đoàn Trường THCS Quý Thuỷ", "công đoàn trường thcs quý thủy"),
    ],
)
def test_abbreviations_and_tone_marks(spelling, key):
    assert unit_key(spelling) == key


def test_names_that_differ_keep_different_keys():
    assert unit_key("LĐLĐ huyện Đông Anh") != unit_key("LĐLĐ huyện Đông Anh 2")
    assert unit_key("Công đoàn Điện lực") != unit_key("Công đoàn Điện lục")


def test_alias_with_a_parent_applies_only_under_that_parent():
    aliases = alias_map(
        pd.DataFrame(
            {
                "alias": ["CĐCS Trường Minh Khai", "LĐLĐ Hoang Mai"],
                "unit": ["CĐCS Trường THCS Minh Khai", "LĐLĐ quận Hoàng Mai"],
                "parent": ["LĐLĐ quận Bắc Từ Liêm", None],
            }
        )
    )
    assert resolve("CĐCS Trường Minh Khai", "LĐLĐ quận Bắc Từ Liêm", aliases) == "công đoàn cơ sở trường thcs minh khai"
    assert resolve("CĐCS Trường Minh Khai", "LĐLĐ quận Hai Bà Trưng", aliases) == "công đoàn cơ sở trường minh khai"
    assert resolve("LĐLĐ Hoang Mai", None, aliases) == "liên đoàn lao động quận hoàng mai"


def test_suggestions_for_close_names_only():
    known = ["LĐLĐ quận Hoàng Mai", "LĐLĐ quận Long Biên", "Công đoàn ngành Giáo dục"]
    found = suggest(["LĐLĐ quận Hoang Mai", "LĐLĐ Q. Long Biên", "CĐ ngành Giáo dục", "LĐLĐ quận Đống Đa"], known)
    # spellings with the same key are not suggested (they already match); unrelated names are not either
    assert found[["name", "suggestion"]].values.tolist() == [["LĐLĐ quận Hoang Mai", "LĐLĐ quận Hoàng Mai"]]


UNITS = (
    "Tên đơn vị;Đơn vị cấp trên;Cấp\n"
    "LĐLĐ thành phố Hà Nội;Tổng LĐLĐ Việt Nam;LĐLĐ tỉnh, thành phố\n"
    "LĐLĐ quận Hoàng Mai;LĐLĐ thành phố Hà Nội;Công đoàn cấp trên trực tiếp cơ sở\n"
    "CĐCS Công ty A;LĐLĐ quận Hoàng Mai;Công đoàn cơ sở\n"
).encode()
INITIATIVES = (
    "Tên sáng kiến;Công đoàn cơ sở;Công đoàn cấp trên trực tiếp cơ sở;LĐLĐ tỉnh/thành phố;Ngày cập nhật\n"
    "Máy 1;CĐCS Công ty A;LĐLĐ Q. Hoàng Mai;LĐLĐ TP Hà Nội;02/07/2023\n"
    "Máy 2;CĐCS Cty A;LĐLĐ quận Hoang Mai;LĐLĐ TP Hà Nội;03/07/2023\n"
    "Máy 3;CĐCS Công ty B;LĐLĐ quận Hoàng Mai;LĐLĐ TP Hà Nội;04/07/2023\n"
).encode()
ALIASES = (
    "Tên viết khác;Tên chuẩn;Đơn vị cấp trên\n"
    "LĐLĐ quận Hoang Mai;LĐLĐ quận Hoàng Mai;\n"
    "CĐCS Cty A;CĐCS Công ty A;LĐLĐ quận Hoàng Mai\n"
).encode()


def publish(store, name, data):
    return store.publish(actor=ADMIN, staged=stage_bytes(name, data))


def unknown(store):
    frame = open_dataset(store.root).query("unknown_units")
    return frame[["level", "unit", "parent", "initiatives"]].values.tolist()


def test_unknown_units_are_listed_then_resolved_by_an_alias_file(store_dir):
    store = Store(store_dir)
    publish(store, "don_vi.csv", UNITS)
    publish(store, "sk.csv", INITIATIVES)
    assert unknown(store) == [
        ["grassroots", "CĐCS Cty A", "LĐLĐ quận Hoang Mai", 1],  # levels as codes, labelled by the page
        ["grassroots", "CĐCS Công ty B", "LĐLĐ quận Hoàng Mai", 1],
        ["upper", "LĐLĐ quận Hoang Mai", "LĐLĐ TP Hà Nội", 1],
    ]
    meta = publish(store, "ten_khac.csv", ALIASES)
    assert meta["tables"]["aliases"] == 2 and meta["tables"]["initiatives"] == 3
    assert unknown(store) == [["grassroots", "CĐCS Công ty B", "LĐLĐ quận Hoàng Mai", 1]]
    ds = open_dataset(store.root)
    children = ds.query("ranking_children", parent_key="liên đoàn lao động quận hoàng mai", **Filters().params())
    assert children[["unit", "initiatives"]].values.tolist() == [["CĐCS Công ty A", 2], ["CĐCS Công ty B", 1]]

    publish(store, "ten_khac_trong.csv", "Tên viết khác;Tên chuẩn\nX;Y\n".encode())  # aliases replaced
    assert len(unknown(store)) == 3  # keys recomputed from the names: nothing is lost
