"""Fuzz the reader boundary: 2.000+ generated files, a fixed seed, never an unforeseen error.

Inputs are random bytes and real exports of every format (CSV in four encodings, xlsx,
xls, ods, parquet) truncated, bit-flipped, spliced and cut up. Each must come back as a
staged result (rows in = loaded + rejected) or a designed message — not the boundary's
catch-all for unforeseen errors, which would mean a case the readers do not know.
"""

import datetime as dt
import io
import multiprocessing
import random
import zipfile
from concurrent.futures import ProcessPoolExecutor

import pyarrow as pa
import pyarrow.parquet as pq

from sangkien.demo.common import to_cp1258
from sangkien.ingest.staging import UNEXPECTED, Staged, stage_bytes

from .test_print_layouts import workbook
from .test_xls import xls

SEED = 20231104
RUNS = 2000
HEADERS = [
    "Mã sáng kiến",
    "Tên sáng kiến",
    "Tác giả",
    "Công đoàn cơ sở",
    "Ngày cập nhật",
    "Giá trị làm lợi",
    "Trạng thái",
]
ROWS = [
    [
        "SK01",
        "Cải tiến khuôn ép nhựa",
        "Nguyễn Văn An",
        "CĐCS Công ty Điện lực Hoàn Kiếm",
        "15/03/2023",
        "3.500.000",
        "hợp lệ",
    ],
    [
        "SK02",
        "Hệ thống tưới tiết kiệm nước",
        "Trần Thị Bình",
        "CĐCS Trường Mầm non Hoa Sữa",
        "01/04/2023",
        "",
        "đang xem xét",
    ],
    ["SK03", "Số hóa hồ sơ", "Lê Văn Cường", "CĐCS Bệnh viện Bạch Mai", "02/05/2023", "1.234,5", "Hợp lệ"],
    ["SK04", "Máy ép mía", '"Phạm Thị Dung; Hoàng Văn Em"', "CĐCS Công ty May 10", "20/06/2023", "-", ""],
]


def _csv(delim: str = ";") -> str:
    return "\n".join(delim.join(r) for r in [HEADERS, *ROWS]) + "\n"


def _ods(rows: list[list[str]]) -> bytes:
    """A minimal OpenDocument spreadsheet, as LibreOffice writes its parts."""
    cells = "".join(
        "<table:table-row>"
        + "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>' for v in row)
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Sáng kiến">{cells}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
        ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _parquet() -> bytes:
    table = pa.table({h: [r[i] for r in ROWS] for i, h in enumerate(HEADERS)})
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def seeds() -> dict[str, bytes]:
    """One real export of each format: the file name carries the suffix a user would give it."""
    typed = [HEADERS] + [[*r[:4], dt.date(2023, 3, 15 + i), 3_500_000 * i, r[6]] for i, r in enumerate(ROWS)]
    return {
        "utf8.csv": _csv().encode(),
        "bom.csv": b"\xef\xbb\xbf" + _csv(",").encode(),
        "win.csv": to_cp1258(_csv()),
        "excel.txt": b"\xff\xfe" + _csv("\t").encode("utf-16-le"),
        "bang.xlsx": workbook(("Sáng kiến", typed, [])),
        "cu.xls": xls(typed),
        "bang.ods": _ods([HEADERS, *ROWS]),
        "du_lieu.parquet": _parquet(),
    }


def test_the_ods_seed_really_reads():
    [s] = stage_bytes("bang.ods", seeds()["bang.ods"])
    assert (s.error, s.kind, s.loaded) == (None, "initiatives", 4)


def mutate(rng: random.Random, base: dict[str, bytes]) -> tuple[str, bytes]:
    name = rng.choice(list(base))
    data = bytearray(base[name])
    how = rng.randrange(7)
    if how == 0:  # random bytes under a real name
        data = bytearray(rng.randbytes(rng.choice([0, 1, 3, 16, 200, 4000])))
    elif how == 1:  # truncated
        data = data[: rng.randrange(len(data) + 1)]
    elif how == 2:  # bit flips
        for _ in range(rng.randint(1, 24)):
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
    elif how == 3:  # spliced with another export
        other = base[rng.choice(list(base))]
        data = data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]
    elif how == 4:  # a block cut out
        i = rng.randrange(len(data))
        del data[i : i + rng.randint(1, 400)]
    elif how == 5:  # a block of one byte repeated (NULs, quotes, delimiters, newlines, CRs)
        i = rng.randrange(len(data) + 1)
        data[i:i] = bytes([rng.choice(b'\x00";\n\r,\t\xff')]) * rng.randint(1, 300)
    else:  # the right bytes under the wrong name
        name = rng.choice(["x.csv", "x.xlsx", "x.xls", "x.ods", "x.parquet", "x.txt", "x"])
    return name, bytes(data)


def check(item: tuple[int, str, bytes]) -> tuple[int, int, list]:
    """Stage one input: (staged results, refusals, failures as (n, name, what))."""
    n, name, data = item
    staged = refused = 0
    failures = []
    result = stage_bytes(name, data)
    if not result or not all(isinstance(s, Staged) for s in result):
        return 0, 0, [(n, name, "no staged result")]
    for s in result:
        if s.error == UNEXPECTED:
            failures.append((n, name, s.detail))
        elif s.error and not s.error.strip():
            failures.append((n, name, "blank error"))
        elif s.error:
            refused += 1
        elif s.rows_in != s.loaded + s.rejected:
            failures.append((n, name, f"rows {s.rows_in} != {s.loaded} + {s.rejected}"))
        else:
            staged += 1
    return staged, refused, failures


def test_fuzz_the_reader_boundary():
    rng = random.Random(SEED)
    base = seeds()
    inputs = [(n, *mutate(rng, base)) for n in range(RUNS)]
    # Two processes (this machine's two cores); the inputs are fixed by the seed before they are split.
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(pool.map(check, inputs, chunksize=25))
    failures = [f for _, _, fs in results for f in fs]
    assert failures == []
    staged, refused = sum(r[0] for r in results), sum(r[1] for r in results)
    # both outcomes occur: the mutations neither all break nor all spare the files
    assert staged > 200 and refused > 200, (staged, refused)
