"""Properties of the number and date readers, and of row accounting in ingestion.

The expected values come from the generated inputs (the value written, the day
written), never from the reader under test.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sangkien.ingest.parse import EN, VI, format_number, read_dates, read_numbers
from sangkien.ingest.staging import stage_bytes

FAST = settings(max_examples=150, deadline=None)
SLOW = settings(max_examples=40, deadline=None)  # each example runs the whole ingestion

EMPTY_MARKS = ["", " ", "-", "–", "—", "x", "n/a", "không", None, np.nan]
GARBAGE = ["mười triệu", "khoảng 5 tỷ", "5 tỷ 200 triệu", "1..5", "12,34,5", "1.2.3", "?", "abc"]


def column(values: list[object]) -> pd.Series:
    return pd.Series(values, dtype=object)


# --- numbers: strategies ------------------------------------------------------


@st.composite
def amounts(draw, max_units: int = 10**13) -> tuple[float, int]:
    """(value, decimals): a non-negative number with at most 2 decimal places, exact in writing."""
    decimals = draw(st.integers(0, 2))
    units = draw(st.integers(0, max_units) | st.integers(0, 2_000_000))  # many near the 1.000 / 1,000 border
    fraction = draw(st.integers(0, 10**decimals - 1)) if decimals else 0
    return units + fraction / 10**decimals, decimals


def written_digits(got: float, value: float, decimals: int) -> bool:
    """The reading rounds to the digits that were written (floats are exact to far better than that)."""
    return abs(got - value) < 0.5 * 10**-decimals


# Classified here from the text alone, independently of the reader's own regexes.
def is_plain(text: str) -> bool:
    return re.fullmatch(r"\d+", text) is not None


def is_one_group(text: str, sep: str) -> bool:
    """'1.500' or '1,500': one separator then exactly three digits — a thousands group in either convention."""
    return re.fullmatch(r"\d{1,3}" + re.escape(sep) + r"\d{3}", text) is not None


def decisive_for(text: str) -> str | None:
    """The only convention that can have written this text, if only one can."""
    if is_plain(text) or is_one_group(text, ".") or is_one_group(text, ","):
        return None
    if "." in text and "," in text:  # the last separator is the decimal one
        return VI if text.rindex(",") > text.rindex(".") else EN
    sep = "." if "." in text else ","
    if text.count(sep) >= 2:  # repeated: thousands groups
        return VI if sep == "." else EN
    return VI if sep == "," else EN  # once, not a group of three: a decimal mark


# --- numbers: properties ------------------------------------------------------


@FAST
@given(convention=st.sampled_from([VI, EN]), written=st.lists(amounts(), min_size=1, max_size=12))
def test_a_column_in_one_convention_reads_back_the_values_written(convention, written):
    texts = [format_number(v, convention, d) for v, d in written]
    reading = read_numbers(column(texts))
    ambiguous = [t for t in texts if is_one_group(t, ",")]
    if convention == EN and ambiguous and all(is_plain(t) or is_one_group(t, ",") for t in texts):
        # The documented default: with nothing to decide by, '1,500' is read the Vietnamese way (1,5)
        # and the column says it was unsure.
        assert (reading.convention, reading.note) == (VI, "mơ hồ")
        for text, got in zip(texts, reading.values, strict=True):
            assert got == float(text.replace(",", "."))
        return
    assert not reading.bad.any()
    assert reading.note is None or reading.note == "mơ hồ" and convention == VI
    for (value, decimals), got in zip(written, reading.values, strict=True):
        assert written_digits(got, value, decimals), (texts, value, got)
    if any(decisive_for(t) for t in texts):
        assert reading.convention == convention


def test_only_thousands_groups_is_read_the_vietnamese_way_and_flagged():
    reading = read_numbers(column(["1.500", "2.000", "300"]))
    assert reading.values.tolist() == [1500.0, 2000.0, 300.0]
    assert (reading.convention, reading.note, reading.examples) == (VI, "mơ hồ", ["1.500", "2.000"])


@FAST
@given(
    convention=st.sampled_from([VI, EN]),
    written=st.lists(amounts(), min_size=1, max_size=8),
    noise=st.lists(st.sampled_from(EMPTY_MARKS + GARBAGE), max_size=6),
    order=st.randoms(use_true_random=False),
)
def test_empty_marks_and_garbage_change_no_other_value(convention, written, noise, order):
    anchor = format_number(1234.5, convention, 1)  # decides the convention: 1.234,5 or 1,234.5
    cells = [(format_number(v, convention, d), v, d) for v, d in written] + [(anchor, 1234.5, 1)]
    cells += [(n, None, None) for n in noise]
    order.shuffle(cells)
    reading = read_numbers(column([c for c, _, _ in cells]))
    assert reading.convention == convention
    for (text, value, decimals), got, bad in zip(cells, reading.values, reading.bad, strict=True):
        if value is not None:
            assert written_digits(got, value, decimals) and not bad, (text, got)
        elif text in GARBAGE:
            assert math.isnan(got) and bad, text
        else:
            assert math.isnan(got) and not bad, text


@FAST
@given(
    vi=st.lists(amounts(), min_size=1, max_size=5),
    en=st.lists(amounts(), min_size=1, max_size=5),
    plain=st.lists(st.integers(0, 10**9), max_size=3),
    order=st.randoms(use_true_random=False),
)
def test_two_conventions_in_one_column_leave_the_disputed_values_unread(vi, en, plain, order):
    cells = [(format_number(v, VI, d), v) for v, d in vi] + [(format_number(v, EN, d), v) for v, d in en]
    assume(any(decisive_for(t) == VI for t, _ in cells) and any(decisive_for(t) == EN for t, _ in cells))
    cells += [(str(p), float(p)) for p in plain]
    order.shuffle(cells)
    reading = read_numbers(column([t for t, _ in cells]))
    assert (reading.convention, reading.note) == (None, "xung đột")
    for (text, value), got, bad in zip(cells, reading.values, reading.bad, strict=True):
        if is_plain(text):  # the same number whichever way it is read
            assert got == value and not bad
        else:  # never read one way when the other would keep it: '1.5' is not 15, '1,5' is not 15
            assert math.isnan(got) and bad, (text, got)


def test_a_decimal_point_is_not_read_as_a_thousands_mark_beside_a_vietnamese_number():
    reading = read_numbers(column(["1.5", "1.234,5", "42"]))
    assert reading.values.tolist()[2] == 42.0
    assert math.isnan(reading.values[0]) and math.isnan(reading.values[1])
    assert reading.bad.tolist() == [True, True, False]
    assert (reading.note, reading.examples) == ("xung đột", ["1.234,5", "1.5"])


SCALES = [("tỷ", 1e9), ("tỉ", 1e9), ("ty", 1e9), ("triệu", 1e6), ("trieu", 1e6), ("tr", 1e6)]
SCALES += [("nghìn", 1e3), ("ngàn", 1e3), ("", 1.0)]
CURRENCIES = ["", " ₫", "₫", " đ", "đ", " đồng", " VNĐ", " vnd"]


@FAST
@given(
    convention=st.sampled_from([VI, EN]),
    amount=amounts(max_units=10**4),
    scale=st.sampled_from(SCALES),
    space=st.sampled_from(["", " "]),
    case=st.sampled_from([str.lower, str.upper, str.capitalize]),
    currency=st.sampled_from(CURRENCIES),
)
def test_scale_words_multiply_and_currency_is_stripped(convention, amount, scale, space, case, currency):
    (value, decimals), (word, factor) = amount, scale
    text = format_number(value, convention, decimals) + (space + case(word) if word else "") + currency
    anchor = format_number(1234.5, convention, 1)
    reading = read_numbers(column([text, anchor]))
    assert not reading.bad.any(), text
    assert math.isclose(reading.values[0], value * factor, rel_tol=1e-12, abs_tol=1e-9), (text, reading.values[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5.000.000 ₫", 5e6),
        ("5.000.000 đ", 5e6),
        ("5.000.000đ", 5e6),
        ("VND 5.000.000", 5e6),
        ("3,5 tỷ", 3.5e9),
        ("3,5 tỷ đồng", 3.5e9),
        ("120 triệu", 120e6),
        ("(1.000)", -1000.0),
        ("(1.000) ₫", -1000.0),
        ("-1.000", -1000.0),
        ("-", None),
        ("42", 42.0),
    ],
)
def test_values_as_exports_write_them(text, expected):
    reading = read_numbers(column([text]))
    got = reading.values[0]
    assert (None if math.isnan(got) else got) == expected
    assert not reading.bad[0]


@FAST
@given(
    convention=st.sampled_from([VI, EN]),
    amount=amounts(),
    currency=st.sampled_from(CURRENCIES),
    inside=st.booleans(),
)
def test_parentheses_make_a_value_negative(convention, amount, currency, inside):
    value, decimals = amount
    digits = format_number(value, convention, decimals)
    text = f"({digits}{currency})" if inside else f"({digits}){currency}"
    reading = read_numbers(column([text, format_number(1234.5, convention, 1)]))
    assert not reading.bad[0], text
    assert written_digits(reading.values[0], -value, decimals), (text, reading.values[0])
    assert reading.values[0] <= 0


@FAST
@given(
    values=st.lists(
        st.integers(-(10**13), 10**13) | st.floats(-1e13, 1e13, allow_nan=False) | st.sampled_from([None, np.nan]),
        min_size=1,
        max_size=10,
    )
)
def test_typed_numbers_are_kept_and_missing_cells_are_empty(values):
    reading = read_numbers(column(values))
    assert not reading.bad.any()
    for value, got in zip(values, reading.values, strict=True):
        if value is None or value != value:
            assert math.isnan(got)
        else:
            assert got == float(value)


# --- dates ----------------------------------------------------------------------

EXCEL_EPOCH = dt.date(1899, 12, 30)


def serial(day: dt.date) -> int:
    return (day - EXCEL_EPOCH).days


DATE_WRITERS = {
    "dd/mm/yyyy": lambda d, t: f"{d:%d/%m/%Y}",
    "d/m/yy": lambda d, t: f"{d.day}/{d.month}/{d:%y}",
    "dd.mm.yyyy": lambda d, t: f"{d:%d.%m.%Y}",
    "dd-mm-yyyy": lambda d, t: f"{d:%d-%m-%Y}",
    "yyyy-mm-dd": lambda d, t: f"{d:%Y-%m-%d}",
    "dd/mm/yyyy HH:MM": lambda d, t: f"{d:%d/%m/%Y} {t:%H:%M}",
    "yyyy-mm-dd HH:MM:SS": lambda d, t: f"{d:%Y-%m-%d} {t:%H:%M:%S}",
    "serial text": lambda d, t: str(serial(d)),
    "serial text with time": lambda d, t: f"{serial(d)}.{t.hour * 3600 + t.minute * 60 + 1}",
    "serial int": lambda d, t: serial(d),
    "serial float": lambda d, t: serial(d) + (t.hour * 60 + t.minute) / 1440,
    "date": lambda d, t: d,
    "datetime": lambda d, t: dt.datetime.combine(d, t),
    "timestamp": lambda d, t: pd.Timestamp(dt.datetime.combine(d, t)),
}
DAYS = st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31))


@FAST
@given(
    cells=st.lists(
        st.tuples(DAYS, st.sampled_from(sorted(DATE_WRITERS)), st.times()),
        min_size=1,
        max_size=10,
    ),
    blanks=st.lists(st.sampled_from(["", "-", None, np.nan, pd.NaT]), max_size=3),
)
def test_every_written_form_of_a_day_reads_back_as_that_day(cells, blanks):
    written = [DATE_WRITERS[form](day, time) for day, form, time in cells]
    reading = read_dates(column(written + blanks))
    got = reading.values.tolist()
    assert [g.date() for g in got[: len(cells)]] == [day for day, _, _ in cells], written
    assert all(g is pd.NaT for g in got[len(cells) :])
    assert not reading.bad.any()
    day_first = [(day, form) for day, form, _ in cells if form.startswith(("dd", "d/"))]
    expected_note = "mơ hồ" if day_first and all(day.day <= 12 for day, _ in day_first) else None
    assert reading.note == expected_note


@FAST
@given(days=st.lists(DAYS.filter(lambda d: d.day <= 12), min_size=1, max_size=10), short=st.booleans())
def test_a_column_with_every_day_up_to_12_is_flagged_and_read_day_first(days, short):
    written = [f"{d.day}/{d.month}/{d:%y}" if short else f"{d:%d/%m/%Y}" for d in days]
    reading = read_dates(column(written))
    assert reading.note == "mơ hồ"
    assert [g.date() for g in reading.values] == days  # 03/04/2023 is 3 April, not 4 March


def test_impossible_and_unreadable_dates_are_bad_not_guessed():
    reading = read_dates(column(["31/02/2023", "13/13/2023", "ngày mai", "2023-02-29", "25/12/2023", ""]))
    assert reading.bad.tolist() == [True, True, True, True, False, False]
    assert reading.values[4] == pd.Timestamp(2023, 12, 25)


# --- ingestion: every data line is loaded or rejected, once ----------------------

HEADER = "Tên sáng kiến;Đơn vị;Ngày nộp;Giá trị làm lợi;Trạng thái"
SAFE_LETTERS = "abcdeghiklmnopqrstuvxyàáảãạăắằâấầđèéêếềìíòóôốồơớờùúưứừỳý0123456789 "
TITLES = st.sampled_from(
    ["Cải tiến băng tải", "Máy bóc vỏ lạc", "Tiết kiệm điện chiếu sáng", "Sắp xếp kho vật tư", "Quy trình mới"]
) | st.text(SAFE_LETTERS, max_size=15).map(lambda t: "Sáng kiến " + t)
UNITS = st.sampled_from(["CĐCS Xã Vân Hòa", "CĐCS Bệnh viện Bạch Mai", "CĐCS Trường THPT Việt Đức", "CĐCS May 10"])
GOOD_DATES = DAYS.map(lambda d: f"{d:%d/%m/%Y}") | DAYS.map(lambda d: f"{d:%Y-%m-%d}")
BAD_DATES = st.sampled_from(["31/02/2023", "30/02/2024", "32/01/2023", "ngày mai", "2023-13-01"])
GOOD_MONEY = st.builds(format_number, st.integers(0, 10**12), st.sampled_from([VI, EN]), st.integers(0, 2))
BAD_MONEY = st.sampled_from(["mười triệu", "-500.000", "(1.000)", "abc", "1..5", "5 tỷ 200 triệu"])
STATUSES = st.sampled_from(["hợp lệ", "Đang xem xét", "không hợp lệ", "đã duyệt", "chưa rõ", "đã hủy", "?"])
ROW = st.tuples(
    TITLES | st.just(""),
    UNITS | st.just(""),
    GOOD_DATES | BAD_DATES | st.just(""),
    GOOD_MONEY | BAD_MONEY | st.just(""),
    STATUSES | st.just(""),
).filter(lambda r: any(r))  # a blank line is skipped, not a data line


@SLOW
@given(rows=st.lists(ROW, min_size=1, max_size=8))
def test_every_data_line_is_loaded_or_rejected_exactly_once(rows):
    text = "\n".join([HEADER] + [";".join(r) for r in rows]) + "\n"
    assert not any(c in text for c in "\"'\r")
    staged = stage_bytes("sang_kien.csv", text.encode())
    assert len(staged) == 1
    s = staged[0]
    assert s.error is None, s.error
    assert s.rows_in == s.loaded + s.rejected == len(rows)
    loaded, rejected = set(s.data["source_row"]), set(s.rejects["source_row"])
    assert not loaded & rejected
    assert loaded | rejected == set(range(2, len(rows) + 2))  # file lines 2.. (line 1 is the header)
