"""The ingest benchmark's harness on a small export: the export it writes loads whole, in both encodings,
and the table it prints goes into the benchmarks file without touching the rest of it."""

import unicodedata

from sangkien import bench_ingest


def test_the_export_is_written_in_the_programmes_conventions_and_in_windows_1258(tmp_path):
    bench_ingest.write_export(tmp_path / "u.csv", 30, "utf-8")
    bench_ingest.write_export(tmp_path / "w.csv", 30, "cp1258")
    utf8 = (tmp_path / "u.csv").read_text(encoding="utf-8")
    head, first = utf8.splitlines()[:2]
    assert head.split(";")[:3] == ["Mã sáng kiến", "Tên sáng kiến", "Tác giả"]
    cells = first.split(";")
    assert cells[7].count("/") == 2 and len(cells[7]) == 10  # dd/mm/yyyy
    assert cells[-1] in ("Hợp lệ", "Đang xem xét", "Không hợp lệ")
    raw = (tmp_path / "w.csv").read_bytes()
    assert b"\xd0" in raw and "\u0301".encode("cp1258") in raw  # Đ, and a tone mark written combining
    assert unicodedata.normalize("NFC", raw.decode("cp1258")) == utf8


def test_every_run_loads_the_whole_file_and_the_table_lands_in_its_section(tmp_path, capsys):
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\nIntro kept.\n\n## Pages\n\nKept too.\n", encoding="utf-8")
    args = ["--sizes", "3000", "--runs", "1", "--encodings", "utf-8,cp1258", "--markdown", str(out)]
    bench_ingest.main([*args, "--keep", str(tmp_path / "work")])
    printed = capsys.readouterr().out
    assert printed.count("sangkien load (detect → publish)") == 2 and "full / DuckDB (medians)" in printed
    text = out.read_text(encoding="utf-8")
    assert "Intro kept." in text and "Kept too." in text
    rows = [line for line in text.splitlines() if line.startswith("| 3,000 |")]
    assert [r.split(" | ")[1] for r in rows] == ["utf-8", "cp1258"]
    bench_ingest.main([*args, "--keep", str(tmp_path / "work")])  # a second run replaces the section
    assert out.read_text(encoding="utf-8").count("| 3,000 | utf-8 |") == 1
