"""What a file's report says about the conventions it found, with literal rows and messages."""

from sangkien.ingest.staging import StageOptions, stage_bytes


def one(data: bytes, **kw):
    (s,) = stage_bytes("f.csv", data, **kw)
    return s


def test_ambiguous_date_column_is_read_day_first_and_said_so():
    s = one("Tên sáng kiến;Đơn vị;Ngày nộp\nA;CĐCS X;03/04/2023\nB;CĐCS X;12/01/2023\n".encode())
    assert [d.strftime("%Y-%m-%d") for d in s.data["submitted_on"]] == ["2023-04-03", "2023-01-12"]
    assert "Cột Ngày cập nhật: mọi ngày đều ≤ 12, đọc theo kiểu ngày/tháng/năm." in s.notes


def test_conflicting_number_conventions_are_reported_with_examples_and_rows_rejected():
    s = one(
        "Tên sáng kiến;Đơn vị;Ngày nộp;Giá trị làm lợi\n"
        "A;CĐCS X;13/04/2023;1.5\nB;CĐCS X;13/04/2023;1.234,5\nC;CĐCS X;13/04/2023;2000\n".encode()
    )
    assert s.data[["title", "benefit_vnd"]].values.tolist() == [["C", 2000.0]]
    assert s.rejects[["source_row", "reason"]].values.tolist() == [
        [2, "Giá trị làm lợi (đồng/năm): không đọc được số"],
        [3, "Giá trị làm lợi (đồng/năm): không đọc được số"],
    ]
    assert (
        "Cột Giá trị làm lợi (đồng/năm) có số viết theo hai kiểu khác nhau (ví dụ: 1.234,5, 1.5); "
        "các giá trị này không được đọc."
    ) in s.notes


def test_every_money_convention_in_its_own_column():
    s = one(
        (
            "Tên sáng kiến;Đơn vị;Ngày nộp;Giá trị làm lợi\n"
            "A;CĐCS X;13/04/2023;5.000.000 ₫\nB;CĐCS X;13/04/2023;3,5 tỷ\nC;CĐCS X;13/04/2023;120 triệu\n"
            "D;CĐCS X;13/04/2023;-\n"
        ).encode()
    )
    assert s.data["benefit_vnd"].tolist()[:3] == [5_000_000, 3_500_000_000, 120_000_000]
    assert s.rejected == 0


def test_english_style_numbers_are_read_as_written():
    s = one(
        "Tên sáng kiến,Đơn vị,Ngày nộp,Giá trị làm lợi\n"
        'A,CĐCS X,13/04/2023,"1,234,567"\nB,CĐCS X,13/04/2023,"1,234.5"\nC,CĐCS X,13/04/2023,1.5\n'.encode()
    )
    assert s.data["benefit_vnd"].tolist() == [1_234_567, 1234.5, 1.5]


def test_a_submission_outside_the_programme_is_rejected_with_the_period():
    data = "Tên sáng kiến;Đơn vị;Ngày nộp\nA;CĐCS X;13/04/2023\nB;CĐCS X;13/04/2032\n".encode()
    s = one(data)
    assert s.rejects[["source_row", "reason"]].values.tolist() == [
        [3, "Ngày cập nhật ngoài thời gian chương trình (01/09/2021–31/12/2023)"]
    ]
    wider = one(data, options=StageOptions(programme=("2021-01-01", "2035-12-31")))
    assert wider.loaded == 2
