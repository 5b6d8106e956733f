"""Widgets of the data pages and the explorer: staged uploads, mappings, the SQL box."""

from __future__ import annotations

import pandas as pd

from sangkien import fmt
from sangkien.ingest import schema
from sangkien.paths import SAMPLES_DIR
from sangkien.store.reading import Dataset
from sangkien.ui.page import downloads


def sample_files() -> list:
    """(label, path) of each sample file, labelled by the kind of table it shows."""

    out = []
    for path in sorted(SAMPLES_DIR.glob("mau_*.csv")):
        kind = schema.KINDS.get(path.stem.removeprefix("mau_"))
        out.append((kind.label if kind else path.name, path))
    return out


def staged_upload(upload, fixes: dict, options) -> list:
    """Stage an uploaded file once per (file, corrections) in this session; never shared across sessions."""
    import json

    import streamlit as st

    from sangkien.ingest.uploads import stage_upload

    key = "data_staged_" + upload.file_id + json.dumps(fixes, sort_keys=True, ensure_ascii=False)
    if key not in st.session_state:
        st.session_state[key] = stage_upload(upload.name, upload.getvalue(), fixes, options)
    return st.session_state[key]


def technical_detail(detail: str | None) -> None:
    """The technical cause of an error, folded away under the message."""
    import streamlit as st

    if detail:
        with st.expander("Chi tiết kỹ thuật"):
            st.code(detail.strip(), language=None)


def uploader_limits() -> None:
    """Our own line of limits, in Vietnamese (the uploader's English line is replaced in app.py's style sheet)."""
    import streamlit as st

    from sangkien.ingest.limits import stated

    st.caption(stated())


def merged_aliases(ds: Dataset | None, accepted: pd.DataFrame) -> pd.DataFrame:
    """The version's aliases plus the suggestions the user accepted on the page."""
    from sangkien.ingest.uploads import aliases_frame

    current = aliases_frame(ds)
    added = pd.DataFrame(
        {
            current.columns[0]: accepted["name"].tolist(),
            current.columns[1]: accepted["suggestion"].tolist(),
            current.columns[2]: [None] * len(accepted),
        }
    )
    return pd.concat([current, added], ignore_index=True)


def staged_details(s, i: int, fix: dict) -> None:
    """One staged file: its messages, the column mapping (editable), its rejected rows."""
    import hashlib
    import json
    from pathlib import Path

    import streamlit as st

    from sangkien.ingest import schema
    from sangkien.ingest.uploads import UNUSED, column_choices
    from sangkien.tables import rejects_table, to_csv_bytes

    if s.error:
        st.error(s.error)
        technical_detail(s.detail)
    elif s.sheet:
        st.checkbox(f"Đưa trang '{s.sheet}' vào lần xuất bản", value=True, key=f"data_use_{i}")
    for note in s.notes:
        st.caption(note)
    if s.headers:
        kinds = list(schema.KINDS)
        kind = st.selectbox(
            "Loại dữ liệu",
            kinds,
            index=kinds.index(s.kind) if s.kind else None,
            format_func=lambda k: schema.KINDS[k].label,
            key=f"data_kind_{i}",
            placeholder="Chọn loại dữ liệu của tệp",
        )
        choices = column_choices(kind)
        labels = {v: k for k, v in choices.items()}
        st.caption(
            "Cách ghép cột"
            + (" (đã nhớ từ lần trước)" if s.remembered else "")
            + ": chọn cột chuẩn cho từng cột của tệp, hoặc không dùng. Dấu * là cột bắt buộc."
        )
        grid = st.columns(3)
        same_kind = kind == s.kind
        # Widgets are keyed by the mapping they show, so a re-read file shows its new mapping.
        state = hashlib.sha1(json.dumps([kind, s.mapping], sort_keys=True).encode()).hexdigest()[:10]
        wanted = dict(s.overrides) if same_kind else {}
        for j, header in enumerate(s.headers):
            now = s.mapping.get(header) if same_kind else None
            picked = grid[j % 3].selectbox(
                header,
                list(choices),
                index=list(choices).index(labels.get(now, UNUSED)),
                key=f"data_map_{i}_{state}_{j}",
            )
            if choices[picked] != now:
                wanted[header] = choices[picked]
        if not same_kind or wanted != s.overrides:
            fix.update(kind=kind, columns=wanted)
            st.rerun()
    if s.rejected:
        st.warning(f"{fmt.num(s.rejected)} dòng bị loại; các dòng này được giữ trong nhật ký nạp.")
        st.dataframe(rejects_table(s), hide_index=True, width="stretch")
        st.download_button(
            "Tải các dòng bị loại (CSV)",
            to_csv_bytes(rejects_table(s)),
            file_name=f"dong_bi_loai_{Path(s.file).stem}.csv",
            key=f"data_rej_{i}",
        )


def parse_band_edges(text: str) -> list[float] | None:
    """'100; 10; 3; 1' (tỷ đồng, Vietnamese decimals allowed) -> edges in đồng, largest first; None if unreadable."""
    from sangkien.ingest.parse import read_numbers

    parts = [p.strip() for p in text.split(";") if p.strip()]
    if not parts:
        return None
    reading = read_numbers(pd.Series(parts, dtype=object))
    if reading.bad.any() or (reading.values <= 0).any():
        return None
    return sorted((float(v) * 1e9 for v in reading.values), reverse=True)


def explore_filters(ds: Dataset, table: str, profile: pd.DataFrame) -> list:
    """Up to three filter rows: a column, an operator, and a value widget that fits the column's type."""
    import streamlit as st

    from sangkien.analysis.explore import OPERATORS, Condition

    conditions = []
    columns = profile["Cột"].tolist()
    types = dict(zip(profile["Cột"], profile["Kiểu"], strict=True))
    count = st.number_input("Số điều kiện lọc", 0, 3, 0, key=f"ex_nfilters_{table}")
    for i in range(int(count)):
        a, b, c = st.columns([2, 2, 4])
        column = a.selectbox("Cột", columns, key=f"ex_fcol_{table}_{i}")
        op = b.selectbox("Phép lọc", list(OPERATORS), format_func=OPERATORS.get, key=f"ex_fop_{table}_{i}")
        values: list = []
        if op == "in":
            options = _distinct_values(ds, table, column, set(columns))
            values = c.multiselect("Giá trị", options, key=f"ex_fval_{table}_{i}_{column}")
        elif op == "between":
            typ = types[column]
            if typ in ("DATE", "TIMESTAMP"):
                picked = c.date_input("Khoảng", value=(), format="DD/MM/YYYY", key=f"ex_fval_{table}_{i}_{column}")
                values = list(picked) if len(picked) == 2 else []
            else:
                lo = c.number_input("Từ", value=0.0, key=f"ex_flo_{table}_{i}_{column}")
                hi = c.number_input("Đến", value=0.0, key=f"ex_fhi_{table}_{i}_{column}")
                values = [lo, hi]
        elif op == "contains":
            values = [c.text_input("Có chứa", key=f"ex_fval_{table}_{i}_{column}")]
        conditions.append(Condition(column, op, values))
    return conditions


def _distinct_values(ds: Dataset, table: str, column: str, allowed: set[str], limit: int = 500) -> list:
    """The most frequent values of a column (``allowed``: the table's columns, from its profile)."""
    from sangkien.analysis.explore import TABLES
    from sangkien.db import execute, quote_ident

    c, t = quote_ident(column, allowed), quote_ident(table, set(TABLES))
    frame = execute(
        ds.con,
        f"select cast({c} as varchar) as v, count(*) as n from {t} where {c} is not null "  # noqa: S608
        f"group by 1 order by n desc limit {int(limit)}",
    )
    return frame["v"].tolist()


def sql_box(ds: Dataset, sql: str) -> None:
    """Run the analyst's SQL on its own locked-down connection; errors plainly, DuckDB's words beneath."""
    import secrets

    import streamlit as st

    from sangkien.analysis.sqlbox import run_user_sql

    session = st.session_state.setdefault("_sql_session", secrets.token_hex(8))  # this browser session only
    result = run_user_sql(ds.path, sql, session=session)
    if result.error:
        st.error(result.error)
        return
    st.caption(
        f"{fmt.num(result.total_rows)} dòng trong {fmt.num(result.seconds, 2)} giây"
        + (" — chỉ hiện 10.000 dòng đầu" if result.total_rows and result.total_rows > len(result.frame) else "")
        + (" — kết quả bị cắt ở 200.000 dòng" if result.truncated else "")
    )
    if result.note:
        st.warning(result.note)
    st.dataframe(result.frame, hide_index=True, width="stretch", key="ex_sql_result")
    downloads(result.frame, "ket_qua_sql", "ex_sql_dl")


def table_profile(ds: Dataset, table: str) -> pd.DataFrame:
    """The explorer's column profile, computed once per version and table (versions never change)."""
    import streamlit as st

    from sangkien.analysis.explore import profile

    store = st.session_state.setdefault("_profiles", {})
    if (str(ds.path), table) not in store:
        store[(str(ds.path), table)] = profile(ds.con, table)
    return store[(str(ds.path), table)]


def settings_form(who, store) -> None:
    """Administrators: the home unit, the programme's period and the benefit bands."""
    import streamlit as st

    from sangkien import auth
    from sangkien.ui.page import band_edges

    st.subheader("Cài đặt")
    settings = store.settings()
    options = store.stage_options()
    new_home = st.text_input(
        "Đơn vị chủ quản (liên đoàn của bảng điều khiển này)", value=settings.get("home_unit") or "", key="store_home"
    )
    start, end = options.programme
    period = st.date_input(
        "Thời gian chương trình (ngày nộp ngoài khoảng này bị loại khi nạp)",
        value=(fmt.to_date(start), fmt.to_date(end)),
        format="DD/MM/YYYY",
        key="store_period",
    )
    bands = st.text_input(
        "Các mức giá trị làm lợi (tỷ đồng, cách nhau bằng dấu chấm phẩy)",
        value="; ".join(fmt.num(b / 1e9, 1).removesuffix(",0") for b in band_edges()),
        key="store_bands",
    )
    if st.button("Lưu cài đặt", key="store_settings_save"):
        edges = parse_band_edges(bands)
        if edges is None:
            st.error("Các mức giá trị làm lợi phải là số tỷ đồng, ví dụ: 100; 10; 3; 1")
            return
        try:
            store.update_settings(
                who,
                home_unit=new_home or None,
                programme_start=str(period[0]),
                programme_end=str(period[-1]),
                benefit_bands=edges,
            )
        except auth.Forbidden as exc:
            st.error(str(exc))
        else:
            st.success("Đã lưu cài đặt.")
