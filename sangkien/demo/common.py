"""What the demo generators share: the report's figures, weighted picks, and files written the
way the programme's software and spreadsheets write them (Windows-1258, UTF-16, xlsx).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from pathlib import Path

import numpy as np
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from sangkien.demo import names as dn
from sangkien.ingest.schema import KINDS

HOME_FEDERATION = "LĐLĐ thành phố Hà Nội"
NATIONAL = "Tổng LĐLĐ Việt Nam"
PROGRAMME = "Chương trình 1 triệu sáng kiến"
CAMPAIGN = "Đợt thi đua cao điểm chào mừng Đại hội Công đoàn các cấp"
SNAPSHOT_LABEL, FINAL_LABEL = "Số liệu đến 30/06/2023", "Số liệu tổng kết 01/09/2023"
N_VALID, HOME_REPORTED, BENEFIT_TOTAL = 201_129, 200_846, 3_512_450_000_000
QUOTA, COMMITMENT = 87_450, 130_000
START, CAMPAIGN_START, SNAPSHOT_END, END = (
    np.datetime64(d, "D") for d in ("2021-09-01", "2023-05-01", "2023-06-30", "2023-09-01")
)
CAMP_DAY, SNAP_DAY, LAST_DAY = (int((d - START).astype(int)) for d in (CAMPAIGN_START, SNAPSHOT_END, END))
STATUSES = np.array(["Hợp lệ", "Đang xem xét", "Không hợp lệ"], object)
FED, UPPER, GRASSROOTS = "LĐLĐ tỉnh, thành phố", "Công đoàn cấp trên trực tiếp cơ sở", "Công đoàn cơ sở"
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _cp1258_table() -> dict[int, str]:
    """Letter -> the letter with its vowel marks (â, ă, ơ, ư...) followed by a combining tone mark."""
    table = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        parts = unicodedata.normalize("NFD", chr(code))
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        table[code] = base + "".join(c for c in parts if c in _TONES)
    return table


_CP1258 = _cp1258_table()


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes of text: precomposed vowels, tone marks as combining characters."""
    return text.translate(_CP1258).encode("cp1258")


def vn_number(value) -> str:
    """3500000000 -> '3.500.000.000'; negative means empty."""
    return "" if value < 0 else f"{int(value):,}".replace(",", ".")


def date_texts(count: int, start=START) -> np.ndarray:
    """dd/mm/yyyy of start + 0, 1, ... count - 1 days."""
    iso = np.datetime_as_string(start + np.arange(count)).tolist()
    return np.array([f"{x[8:10]}/{x[5:7]}/{x[:4]}" for x in iso], object)


def kind_headers(kind: str, names=None) -> list[str]:
    return [KINDS[kind].column(n).label for n in (names or KINDS[kind].names)]


def write_csv(path: Path, header, rows, sep=",", encoding="utf-8", quoting=csv.QUOTE_MINIMAL) -> Path:
    buf = io.StringIO()
    newline = "\r\n" if encoding in ("cp1258", "utf-16") else "\n"
    writer = csv.writer(buf, delimiter=sep, quoting=quoting, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    encode = {
        "cp1258": to_cp1258,
        "utf-16": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
        "utf-8-sig": lambda t: ("\ufeff" + t).encode(),
    }.get(encoding, str.encode)
    path.write_bytes(encode(buf.getvalue()))
    return path


def write_xlsx(path: Path, sheet: str, header, rows) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in [header, *rows]:
        ws.append(row)
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, int):
                cell.number_format = "#,##0"
    wb.properties.created = wb.properties.modified = dt.datetime(2023, 9, 1)
    wb.properties.creator = HOME_FEDERATION
    raw = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():  # fixed time stamps: the same bytes on every run
            entry = zipfile.ZipInfo(info.filename, (2023, 9, 1, 0, 0, 0))
            dst.writestr(entry, src.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)
    return path


def apportion(total: int, weights) -> np.ndarray:
    """Whole numbers proportional to weights that add up to total exactly."""
    share = total * np.asarray(weights, float) / np.sum(weights)
    out = np.floor(share).astype(np.int64)
    out[np.argsort(out - share, kind="stable")[: total - out.sum()]] += 1
    return out


def pick_weighted(rng, weights, k: int) -> np.ndarray:
    """k distinct indices drawn with probability proportional to weights."""
    keys = np.log(rng.random(len(weights))) / np.asarray(weights, float)
    return np.sort(np.argpartition(keys, -k)[-k:])


def normalised(weights) -> np.ndarray:
    return np.asarray(weights, float) / np.sum(weights)


def person_names(rng, n: int, female_share) -> list[str]:
    family = [f for f, _ in dn.FAMILY]
    fam = rng.choice(len(family), n, p=normalised([w for _, w in dn.FAMILY])).tolist()
    female, mid, giv = (rng.random(n) < female_share).tolist(), rng.random(n).tolist(), rng.random(n).tolist()
    out = []
    for a, f, b, c in zip(fam, female, mid, giv, strict=True):
        middle, given = (dn.MIDDLE_F, dn.GIVEN_F) if f else (dn.MIDDLE_M, dn.GIVEN_M)
        out.append(f"{family[a]} {middle[int(b * len(middle))]} {given[int(c * len(given))]}")
    return out
