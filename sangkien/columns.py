"""Every column a page or an export shows: its key, its header, how its values are written.

One registry, so a header is renamed in one place and keeps its format. Tables are built with
``table(source, [(key, source column or values), ...])``; ``ui.columns`` turns the formats into
Streamlit column configs, and exports read the same formats. Headers are unique.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

COUNT, MONEY, DECIMAL, PROGRESS, DATE, TEXT = "count", "money", "decimal", "progress", "date", "text"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = TEXT  # count, money (whole đồng), decimal (one digit), progress (a % bar), date, text
    help: str = ""


_ALL = [
    # counts
    Column("rank", "Hạng", COUNT),
    Column("initiatives", "Sáng kiến", COUNT),
    Column("participants", "Người tham gia", COUNT),
    Column("quota", "Chỉ tiêu giao", COUNT),
    Column("total", "Lũy kế", COUNT),
    Column("today", "Trong ngày", COUNT),
    Column("last_7_days", "7 ngày qua", COUNT),
    Column("with_value", "Có ghi giá trị", COUNT),
    Column("without_value", "Chưa ghi giá trị", COUNT),
    Column("contestants", "Thí sinh", COUNT),
    Column("winners", "Đạt giải", COUNT),
    Column("count", "Số lượng", COUNT),
    Column("awards", "Số khen thưởng", COUNT),
    Column("works", "Công trình, phần việc", COUNT),
    Column("flagship", "Gắn biển", COUNT),
    Column("opinions", "Ý kiến", COUNT),
    Column("unit_initiatives", "Số sáng kiến", COUNT),
    Column("rows_in", "Số dòng", COUNT),
    Column("loaded", "Nạp", COUNT),
    Column("rejected", "Bị loại", COUNT),
    Column("skipped", "Bỏ qua", COUNT),
    Column("attempt", "Lần nạp", COUNT),
    Column("rejected_rows", "Dòng bị loại", COUNT),
    Column("source_row", "Dòng", COUNT),
    Column("new_initiatives", "Sáng kiến mới", COUNT),
    Column("rank_before", "Hạng trước", COUNT),
    # money
    Column("benefit_vnd", "Giá trị làm lợi (đồng)", MONEY),
    Column("total_vnd", "Tổng giá trị (đồng)", MONEY),
    Column("median_vnd", "Trung vị (đồng)", MONEY),
    Column("prize_vnd", "Tiền thưởng (đồng)", MONEY),
    Column("amount_vnd", "Tiền (đồng)", MONEY),
    Column("value_vnd", "Giá trị (đồng)", MONEY),
    Column("benefit_added_vnd", "Làm lợi tăng thêm (đồng)", MONEY),
    Column("estimate_vnd", "Ước tính cho sáng kiến chưa ghi (đồng)", MONEY),
    Column("low_vnd", "Cận dưới 90% (đồng)", MONEY),
    Column("high_vnd", "Cận trên 90% (đồng)", MONEY),
    Column("with_declared_vnd", "Cộng với số đã tự kê khai (đồng)", MONEY),
    # decimals and shares
    Column("per_100_members", "Trên 100 đoàn viên", DECIMAL),
    Column("pace", "Nhịp 30 ngày (sáng kiến/ngày)", DECIMAL),
    Column("pct_of_quota", "% chỉ tiêu giao", PROGRESS),
    Column("pct_of_commitment", "% số đăng ký", PROGRESS),
    Column("daily_pct_of_quota", "% chỉ tiêu", PROGRESS),
    # dates
    Column("completed_on", "Ngày hoàn thành", DATE),
    Column("decided_on", "Ngày quyết định", DATE),
    Column("submitted_on", "Ngày nộp", DATE),
    # text
    Column("change", "Thay đổi"),
    Column("rank_change", "Thay đổi hạng"),
    Column("unit", "Đơn vị"),
    Column("source", "Nguồn"),
    Column("note", "Ghi chú"),
    Column("quota_status", "Đạt chỉ tiêu"),
    Column("reached_quota", "Đạt chỉ tiêu trong kỳ"),
    Column("sentence", "Nội dung"),
    Column("assumption", "Giả định"),
    Column("section", "Xem ở phần"),
    Column("field", "Lĩnh vực"),
    Column("parent_unit", "Cấp trên"),
    Column("parent", "Thuộc"),
    Column("authors", "Tác giả"),
    Column("id", "Mã"),
    Column("title", "Tên sáng kiến"),
    Column("trade", "Nghề"),
    Column("prize", "Giải"),
    Column("contestant", "Họ và tên"),
    Column("body", "Cấp khen thưởng"),
    Column("programme", "Chương trình, đợt thi đua"),
    Column("recipient_type", "Loại đối tượng"),
    Column("recipient", "Tên tập thể, cá nhân"),
    Column("decision", "Số quyết định"),
    Column("level", "Cấp"),
    Column("channel", "Hình thức"),
    Column("work", "Công trình"),
    Column("file", "Tệp"),
    Column("sheet", "Trang"),
    Column("kind", "Loại dữ liệu"),
    Column("error", "Lỗi"),
    Column("version", "Phiên bản"),
    Column("time", "Thời điểm"),
    Column("label", "Nhãn"),
    Column("table_rows", "Số dòng theo bảng"),
    Column("demo", "Minh họa"),
    Column("published_by", "Người xuất bản"),
    Column("outcome", "Kết quả"),
    Column("by", "Người thực hiện"),
    Column("message", "Thông báo"),
    Column("reason", "Lý do"),
    Column("data", "Nội dung dòng"),
    Column("name_in_file", "Tên trong tệp"),
    Column("suggestion", "Có phải là …?"),
    Column("similarity", "Độ giống"),
    Column("column_name", "Cột"),
    Column("column_type", "Kiểu"),
    Column("empty_cells", "Số ô trống", COUNT),
    Column("examples", "Ví dụ"),
    Column("alias", "Tên viết khác"),
    Column("canonical", "Tên chuẩn"),
    Column("alias_parent", "Đơn vị cấp trên"),
]

COLUMNS: dict[str, Column] = {c.key: c for c in _ALL}
BY_LABEL: dict[str, Column] = {c.label: c for c in _ALL}
assert len(COLUMNS) == len(BY_LABEL) == len(_ALL), "column keys and headers must be unique"


def label(key: str) -> str:
    return COLUMNS[key].label


def table(source: pd.DataFrame, spec: list[tuple[str, object]]) -> pd.DataFrame:
    """A table to show: for each registry ``key``, a column of ``source`` (by name) or the values given.

    Money and decimal columns become floats, so an absent value shows as an empty cell, not 'None'.
    """
    out = {}
    for key, values in spec:
        column = COLUMNS[key]
        data = source[values] if isinstance(values, str) else values
        if column.kind in (MONEY, DECIMAL) and data is not None and not isinstance(data, str):
            data = pd.to_numeric(pd.Series(data, index=source.index), errors="coerce").astype(float)
        out[column.label] = data
    return pd.DataFrame(out, index=source.index).reset_index(drop=True)


def unknown(frame: pd.DataFrame) -> list[str]:
    """Headers of ``frame`` the registry does not know."""
    return [c for c in frame.columns if c not in BY_LABEL]
