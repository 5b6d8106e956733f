"""Demo export files of LĐLĐ thành phố Hà Nội, as the programme's software and spreadsheets write them.

``write_demo_exports`` writes two loads into a folder: the snapshot of 30/06/2023 and the summary
load of 01/09/2023. Together they reproduce every figure of the federation's summary report
(201.129 valid initiatives, > 3.500 tỷ đồng of benefit, 111 contest winners, ...). Output is
deterministic: the same bytes on every run.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from . import demo_names as N
from .schema import KINDS

HOME_FEDERATION = "LĐLĐ thành phố Hà Nội"
NATIONAL = "Tổng LĐLĐ Việt Nam"
PROGRAMME = "Chương trình 1 triệu sáng kiến"
CAMPAIGN = "Đợt thi đua cao điểm chào mừng Đại hội Công đoàn các cấp"
SNAPSHOT_LABEL, FINAL_LABEL = "Số liệu đến 30/06/2023", "Số liệu tổng kết 01/09/2023"
N_VALID, HOME_REPORTED, BENEFIT_TOTAL = 201_129, 200_846, 3_512_450_000_000
QUOTA, COMMITMENT = 87_450, 130_000
START, CAMPAIGN_START, SNAPSHOT_END, END = (
    np.datetime64(d, "D") for d in ("2021-09-01", "2023-05-01", "2023-06-30", "2023-09-01"))
STATUSES = ["Hợp lệ", "Đang xem xét", "Không hợp lệ"]
FED_LEVEL, UPPER_LEVEL, GRASS_LEVEL = "LĐLĐ tỉnh, thành phố", "Công đoàn cấp trên trực tiếp cơ sở", "Công đoàn cơ sở"
PRIZES = {"Nhất": 10_000_000, "Nhì": 7_000_000, "Ba": 5_000_000, "Khuyến khích": 3_000_000}
# Per unit type (company, school, hospital, office): share of fields, women, member counts.
FIELD_P = np.array([[.42, .14, .02, .01, .01, .12, .15, .13], [.02, .08, .72, .01, .03, .12, .01, .01],
                    [.04, .12, .05, .60, .04, .10, .02, .03], [.02, .22, .04, .01, .45, .22, .02, .02]])
FIELD_DECLARES = np.array([4, 1.5, .4, 1, .6, 1.5, 1.5, 4])  # how often a field states a benefit
FEMALE = np.array([.45, .8, .65, .55])
MEMBERS = [(220, .9), (45, .35), (450, .6), (35, .5)]
TYPE_ACTIVITY = np.array([1.0, 1.3, 1.0, .7])
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes: letters with their vowel marks precomposed, tone marks combining."""
    table = {}
    for ch in set(text):
        if ord(ch) < 128:
            continue
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        table[ord(ch)] = base + "".join(c for c in parts if c in _TONES)
    return text.translate(table).encode("cp1258")


def _vn(value) -> str:
    return "" if value is None or value < 0 else f"{int(value):,}".replace(",", ".")


def _day(d) -> str:
    return "" if d is None else d.strftime("%d/%m/%Y")


def _date_strings(count: int) -> np.ndarray:
    """dd/mm/yyyy of START + 0, 1, ... count - 1 days."""
    iso = np.datetime_as_string(START + np.arange(count))
    return np.array([f"{x[8:10]}/{x[5:7]}/{x[:4]}" for x in iso], object)


def _labels(kind: str, names=None) -> list[str]:
    cols = KINDS[kind].columns
    return [c.label for c in cols] if names is None else [KINDS[kind].column(n).label for n in names]


def _write(path: Path, header, rows, sep=",", encoding="utf-8", quoting=csv.QUOTE_MINIMAL) -> Path:
    buf = io.StringIO()
    newline = "\r\n" if encoding in ("cp1258", "utf-16") else "\n"
    writer = csv.writer(buf, delimiter=sep, quoting=quoting, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    text = buf.getvalue()
    data = {"cp1258": to_cp1258, "utf-16": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
            "utf-8-sig": lambda t: ("\ufeff" + t).encode()}.get(encoding, str.encode)(text)
    path.write_bytes(data)
    return path


def _save_xlsx(path: Path, sheet: str, header, rows) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    for col in ws.iter_cols(min_row=2):
        for cell in col:
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


def _apportion(total: int, weights) -> np.ndarray:
    """Whole numbers proportional to weights that add up to total exactly."""
    share = total * np.asarray(weights, float) / np.sum(weights)
    out = np.floor(share).astype(np.int64)
    out[np.argsort(out - share, kind="stable")[: total - out.sum()]] += 1
    return out


def _pick(rng, weights, k: int) -> np.ndarray:
    """k distinct indices drawn with probability proportional to weights."""
    keys = np.log(rng.random(len(weights))) / np.asarray(weights, float)
    return np.sort(np.argpartition(keys, -k)[-k:])


def _people(rng, n: int, female_p) -> list[str]:
    fam = rng.choice(len(N.FAMILY), n, p=_norm([w for _, w in N.FAMILY]))
    female = rng.random(n) < female_p
    mid, giv = rng.random(n), rng.random(n)
    out = []
    for a, f, b, c in zip(fam.tolist(), female.tolist(), mid.tolist(), giv.tolist()):
        middle, given = (N.MIDDLE_F, N.GIVEN_F) if f else (N.MIDDLE_M, N.GIVEN_M)
        out.append(f"{N.FAMILY[a][0]} {middle[int(b * len(middle))]} {given[int(c * len(given))]}")
    return out


def _norm(weights) -> np.ndarray:
    w = np.asarray(weights, float)
    return w / w.sum()


def _units(rng) -> tuple[pd.DataFrame, list[str]]:
    """Grassroots unions (name, parent, type) and the list of upper-level unions."""
    rows, used, uppers = [], set(), []

    def companies(parent, industries, count):
        while count:
            name = (f"Công ty {N.FORMS[rng.integers(3)]} {industries[rng.integers(len(industries))]} "
                    f"{N.BRANDS[rng.integers(len(N.BRANDS))]}")
            if name not in used:
                used.add(name)
                rows.append((name, parent, 0))
                count -= 1

    for kind, name, places in N.DISTRICTS:
        parent = f"LĐLĐ {kind} {name}"
        uppers.append(parent)
        ward = "xã" if kind == "huyện" else "phường"
        party = {"quận": "Quận ủy", "huyện": "Huyện ủy", "thị xã": "Thị ủy"}[kind]
        for place in places.split(", "):
            rows += [(f"Trường {lv} {place}", parent, 1) for lv, p in
                     (("Mầm non", .55), ("Tiểu học", .55), ("THCS", .45)) if rng.random() < p]
            if rng.random() < .45:
                rows.append((f"Ủy ban nhân dân {ward} {place}", parent, 3))
        rows += [(t.format(kind=kind, name=name, party=party), parent, 3)
                 for t in N.DISTRICT_AGENCIES if rng.random() < .8]
        companies(parent, N.INDUSTRIES["district"], int(rng.integers(8, 24)))
    for parent, what, count in N.SECTORS:
        uppers.append(parent)
        if what == "thpt":
            rows += [(f"Trường THPT {x}", parent, 1) for x in N.THPT]
        elif what == "yte":
            rows += [(x, parent, 2) for x in N.HOSPITALS + [f"Trung tâm Y tế {k} {d}" for k, d, _ in N.DISTRICTS]]
        elif what == "vc":
            rows += [(x, parent, 3) for x in N.CITY_AGENCIES]
        else:
            companies(parent, N.INDUSTRIES[what], count)
    units = pd.DataFrame(rows, columns=["unit", "parent", "type"])
    units["unit"] = "Công đoàn cơ sở " + units["unit"]
    med, sig = (np.array(x)[units["type"]] for x in zip(*MEMBERS))
    units["members"] = np.clip(np.rint(rng.lognormal(np.log(med), sig)), 20, 3000).astype(np.int64)
    return units, uppers


def _initiatives(rng, units: pd.DataFrame, uppers: list[str]) -> dict:
    g, utype = len(units), units["type"].to_numpy()
    star = {u: 1.9 for u in uppers if any(u.endswith(" " + d) for d in N.OUTSTANDING_DISTRICTS)}
    star.update({u: 1.9 for u in N.OUTSTANDING_SECTORS})
    upper_w = {u: star.get(u, float(rng.lognormal(0, .2))) for u in uppers}
    weight = (units["members"].to_numpy() ** .55 * TYPE_ACTIVITY[utype] * units["parent"].map(upper_w).to_numpy()
              * rng.lognormal(0, .5, g))
    n_review, n_invalid = 9000 + int(rng.integers(400)), 3800 + int(rng.integers(400))
    n = N_VALID + n_review + n_invalid
    unit = rng.choice(g, n, p=_norm(weight))
    days = np.arange(START, END + 1)
    t = np.arange(len(days))
    pre = days < CAMPAIGN_START
    day_w = np.where(pre, .55 + .9 * t / pre.sum(), 3.6) * np.where((t + 2) % 7 >= 5, .4, 1)  # 01/09/2021: Wed
    day = np.sort(rng.choice(len(days), n, p=_norm(day_w)))
    status = np.zeros(n, np.int8)
    status[_pick(rng, 1 + 6 * (day / len(days)) ** 4, n_review)] = 1
    status[rng.choice(np.flatnonzero(status == 0), n_invalid, replace=False)] = 2
    field = np.zeros(n, np.int64)
    for ty in range(4):
        rows = np.flatnonzero(utype[unit] == ty)
        field[rows] = rng.choice(8, rows.size, p=FIELD_P[ty])
    titles = np.empty(n, object)
    for f, parts in enumerate(N.TITLES):
        rows = np.flatnonzero(field == f)
        idx = [rng.integers(0, len(p), rows.size).tolist() for p in parts]
        titles[rows] = [" ".join(p[i] for p, i in zip(parts, ix)) for ix in zip(*idx)]
    # Authors: a pool of workers per unit, a few of them prolific; 1-3 authors per initiative.
    pool = np.clip(np.rint(np.bincount(unit, minlength=g) * rng.uniform(.3, .55, g)), 1,
                   units["members"].to_numpy()).astype(np.int64)
    owner = np.repeat(np.arange(g), pool)
    names = _people(rng, len(owner), FEMALE[utype[owner]])
    for _ in range(30):  # one name per person within a unit
        dup = np.flatnonzero(pd.Series(list(zip(owner.tolist(), names))).duplicated().to_numpy())
        if not dup.size:
            break
        for i, name in zip(dup, _people(rng, dup.size, FEMALE[utype[owner[dup]]])):
            names[i] = name
    offset, size = np.cumsum(pool) - pool, pool[unit]
    first = np.floor(size * rng.random(n) ** 1.8).astype(np.int64)
    count = np.minimum(rng.choice(3, n, p=[.68, .24, .08]) + 1, size)
    second, third = ((first + 1 + np.floor(rng.random(n) * (size - 1)).astype(np.int64)) % size for _ in "ab")
    count[(count == 3) & (second == third)] = 2
    people = np.stack([first, second, third]) + offset[unit]
    people[1:][np.arange(1, 3)[:, None] >= count] = -1
    authors = ["; ".join(names[p] for p in ps if p >= 0) for ps in people.T.tolist()]
    benefit = _benefits(rng, status, field, utype[unit])
    applied = day + rng.integers(7, 200, n)
    cutoff = np.where(days[day] <= SNAPSHOT_END, SNAPSHOT_END - START, END - START).astype(np.int64)
    has_applied = (rng.random(n) < np.where(benefit >= 0, .85, .07)) & (applied <= cutoff)
    dates = _date_strings(len(days))
    year = days[day].astype("datetime64[Y]").astype(np.int64) + 1970
    seq = np.arange(n) - np.searchsorted(year, year) + 1
    table = pd.DataFrame({
        "id": [f"HN-{y}-{s:06d}" for y, s in zip(year.tolist(), seq.tolist())], "title": titles,
        "authors": authors, "unit": units["unit"].to_numpy()[unit], "parent_unit": units["parent"].to_numpy()[unit],
        "federation": HOME_FEDERATION, "field": np.array(N.FIELDS, object)[field],
        "submitted_on": dates[day], "applied_on": np.where(has_applied, dates[np.minimum(applied, cutoff)], ""),
        "benefit_vnd": [_vn(b) for b in benefit.tolist()], "status": np.array(STATUSES, object)[status]})
    return dict(table=table, unit=unit, day=days[day], status=status, benefit=benefit, people=people,
                names=names, owner=owner)


def _benefits(rng, status, field, utype) -> np.ndarray:
    """Declared benefit in đồng (-1 = empty); valid rows add up to BENEFIT_TOTAL exactly."""
    benefit = np.full(len(status), -1, np.int64)
    valid = np.flatnonzero(status == 0)
    declared = valid[_pick(rng, FIELD_DECLARES[field[valid]] * np.where(utype[valid] == 0, 1.5, 1),
                           round(.22 * N_VALID))]
    big_pool = declared[np.isin(field[declared], [0, 7]) & (utype[declared] == 0)]
    big = rng.choice(big_pool, 48, replace=False)
    benefit[big] = np.r_[112e9, np.clip(np.rint(3e9 * np.exp(rng.exponential(.6, 47)) / 1e7) * 1e7, 3e9, 9.5e10)]
    rest = np.setdiff1d(declared, big)
    target = BENEFIT_TOTAL - benefit[big].sum()
    vals = rng.lognormal(np.log(3e7), 1.3, rest.size)
    for _ in range(8):
        vals = np.clip(vals * target / vals.sum(), 5e4, 2.9e9)
    whole_million = (rng.random(rest.size) < .4) & (vals > 5e6)
    vals = np.where(whole_million, np.rint(vals / 1e6) * 1e6, np.rint(vals / 1e3) * 1e3).astype(np.int64)
    vals[np.argmin(np.abs(vals - 1e9))] += target - vals.sum()
    benefit[rest] = vals
    other = np.flatnonzero(status != 0)
    other = other[rng.random(other.size) < .2]
    benefit[other] = np.rint(np.clip(rng.lognormal(np.log(2e7), 1.2, other.size), 1e5, 2.9e9) / 1e3) * 1e3
    return benefit
