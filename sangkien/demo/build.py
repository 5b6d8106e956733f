"""Demo export files of LĐLĐ thành phố Hà Nội, as the programme's software and spreadsheets write them.

``write_demo_exports`` writes two loads into a folder: the snapshot of 30/06/2023 and the summary
load of 01/09/2023. Together they reproduce every figure of the federation's summary report
(201.129 valid initiatives, 3.512,45 tỷ đồng of benefit, 111 contest winners, ...). The output
is deterministic: the same bytes on every run.
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


def _vn(value) -> str:
    """3500000000 -> '3.500.000.000'; negative means empty."""
    return "" if value < 0 else f"{int(value):,}".replace(",", ".")


def _dates(count: int, start=START) -> np.ndarray:
    """dd/mm/yyyy of start + 0, 1, ... count - 1 days."""
    iso = np.datetime_as_string(start + np.arange(count)).tolist()
    return np.array([f"{x[8:10]}/{x[5:7]}/{x[:4]}" for x in iso], object)


def _labels(kind: str, names=None) -> list[str]:
    return [KINDS[kind].column(n).label for n in (names or KINDS[kind].names)]


def _write(path: Path, header, rows, sep=",", encoding="utf-8", quoting=csv.QUOTE_MINIMAL) -> Path:
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


def _save_xlsx(path: Path, sheet: str, header, rows) -> Path:
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


def _norm(weights) -> np.ndarray:
    return np.asarray(weights, float) / np.sum(weights)


def _people(rng, n: int, female_share) -> list[str]:
    family = [f for f, _ in dn.FAMILY]
    fam = rng.choice(len(family), n, p=_norm([w for _, w in dn.FAMILY])).tolist()
    female, mid, giv = (rng.random(n) < female_share).tolist(), rng.random(n).tolist(), rng.random(n).tolist()
    out = []
    for a, f, b, c in zip(fam, female, mid, giv, strict=True):
        middle, given = (dn.MIDDLE_F, dn.GIVEN_F) if f else (dn.MIDDLE_M, dn.GIVEN_M)
        out.append(f"{family[a]} {middle[int(b * len(middle))]} {given[int(c * len(given))]}")
    return out


def _units(rng) -> tuple[pd.DataFrame, list[str]]:
    """Grassroots unions (unit, parent, type, members) and the upper-level unions."""
    rows, used, uppers = [], set(), []

    def companies(parent, industries, count):
        while count:
            name = (
                f"Công ty {dn.FORMS[rng.integers(3)]} {industries[rng.integers(len(industries))]} "
                f"{dn.BRANDS[rng.integers(len(dn.BRANDS))]}"
            )
            if name not in used:
                used.add(name)
                rows.append((name, parent, 0))
                count -= 1

    for kind, name, places in dn.DISTRICTS:
        parent, ward = f"LĐLĐ {kind} {name}", "xã" if kind == "huyện" else "phường"
        party = {"quận": "Quận ủy", "huyện": "Huyện ủy", "thị xã": "Thị ủy"}[kind]
        uppers.append(parent)
        for place in places.split(", "):
            levels = (("Mầm non", 0.55), ("Tiểu học", 0.55), ("THCS", 0.45))
            rows += [(f"Trường {lv} {place}", parent, 1) for lv, p in levels if rng.random() < p]
            if rng.random() < 0.45:
                rows.append((f"Ủy ban nhân dân {ward} {place}", parent, 3))
        rows += [
            (t.format(kind=kind, name=name, party=party), parent, 3) for t in dn.DISTRICT_AGENCIES if rng.random() < 0.8
        ]
        companies(parent, dn.INDUSTRIES["district"], int(rng.integers(8, 24)))
    for parent, what, count in dn.SECTORS:
        uppers.append(parent)
        if what == "thpt":
            rows += [(f"Trường THPT {x}", parent, 1) for x in dn.THPT]
        elif what == "yte":
            centres = [f"Trung tâm Y tế {k} {d}" for k, d, _ in dn.DISTRICTS]
            rows += [(x, parent, 2) for x in dn.HOSPITALS + centres]
        elif what == "vc":
            rows += [(x, parent, 3) for x in dn.CITY_AGENCIES]
        else:
            companies(parent, dn.INDUSTRIES[what], count)
    units = pd.DataFrame(rows, columns=["unit", "parent", "type"])
    units["unit"] = "Công đoàn cơ sở " + units["unit"]
    median, spread = (np.array(x)[units["type"]] for x in zip(*dn.MEMBERS, strict=True))
    units["members"] = np.clip(np.rint(rng.lognormal(np.log(median), spread)), 20, 3000).astype(np.int64)
    return units, uppers


def _initiatives(rng, units: pd.DataFrame, uppers: list[str]) -> dict:
    """All initiative rows, sorted by the day they were submitted."""
    g, utype = len(units), units["type"].to_numpy()
    star = [u for u in uppers if u.split(" ", 2)[-1] in dn.OUTSTANDING_DISTRICTS] + dn.OUTSTANDING_SECTORS
    upper_w = {u: 1.9 if u in star else float(rng.lognormal(0, 0.2)) for u in uppers}
    weight = (
        units["members"].to_numpy() ** 0.55
        * np.array(dn.ACTIVITY)[utype]
        * units["parent"].map(upper_w).to_numpy()
        * rng.lognormal(0, 0.5, g)
    )
    n_review, n_invalid = 9000 + int(rng.integers(400)), 3800 + int(rng.integers(400))
    n = N_VALID + n_review + n_invalid
    unit = rng.choice(g, n, p=_norm(weight))
    ndays = LAST_DAY + 1
    t = np.arange(ndays)
    before = t < CAMP_DAY
    day_w = np.where(before, 0.55 + 0.9 * t / before.sum(), 3.6) * np.where((t + 2) % 7 >= 5, 0.4, 1)
    day = np.sort(rng.choice(ndays, n, p=_norm(day_w)))  # t + 2: 01/09/2021 was a Wednesday
    status = np.zeros(n, np.int8)
    status[_pick(rng, 1 + 6 * (day / ndays) ** 4, n_review)] = 1  # recent ones still under review
    status[rng.choice(np.flatnonzero(status == 0), n_invalid, replace=False)] = 2
    field = np.zeros(n, np.int64)
    for ty, shares in enumerate(dn.FIELD_SHARES):
        rows = np.flatnonzero(utype[unit] == ty)
        field[rows] = rng.choice(len(shares), rows.size, p=shares)
    titles = np.empty(n, object)
    for f, parts in enumerate(dn.TITLES):
        rows = np.flatnonzero(field == f)
        verb, obj, aim = (np.array(p, object)[rng.integers(0, len(p), rows.size)] for p in parts)
        titles[rows] = verb + " " + obj + " " + aim
    # Authors: a pool of workers per unit, a few of them prolific; 1-3 authors per initiative.
    members = units["members"].to_numpy()
    pool = np.rint(np.bincount(unit, minlength=g) * rng.uniform(0.3, 0.55, g))
    pool = np.clip(pool, 1, members).astype(np.int64)
    owner = np.repeat(np.arange(g), pool)
    names = _people(rng, len(owner), np.array(dn.FEMALE)[utype[owner]])
    for _ in range(50):  # one name per person within a unit
        dup = np.flatnonzero(pd.Series(list(zip(owner.tolist(), names, strict=True))).duplicated().to_numpy())
        if not dup.size:
            break
        for i, name in zip(dup, _people(rng, dup.size, 0.5), strict=True):
            names[i] = name
    size = pool[unit]
    first = np.floor(size * rng.random(n) ** 1.8).astype(np.int64)
    count = np.minimum(rng.choice(3, n, p=[0.68, 0.24, 0.08]) + 1, size)
    second, third = ((first + 1 + np.floor(rng.random(n) * (size - 1)).astype(np.int64)) % size for _ in "23")
    count[(count == 3) & (second == third)] = 2
    people = np.stack([first, second, third]) + (np.cumsum(pool) - pool)[unit]
    people[1:][np.arange(1, 3)[:, None] >= count] = -1
    named = np.array(names + [""], object)[people]
    authors = np.where(
        count == 1,
        named[0],
        np.where(count == 2, named[0] + "; " + named[1], named[0] + "; " + named[1] + "; " + named[2]),
    )
    benefit = _benefits(rng, status, field, utype[unit])
    dates = _dates(ndays + 1)
    cutoff = np.where(day <= SNAP_DAY, SNAP_DAY, LAST_DAY)
    applied = day + rng.integers(7, 200, n)
    has_applied = (rng.random(n) < np.where(benefit >= 0, 0.85, 0.07)) & (applied <= cutoff)
    year = (START + day).astype("datetime64[Y]").astype(np.int64) + 1970
    seq = np.arange(n) - np.searchsorted(year, year) + 1
    table = {
        "id": [f"HN-{y}-{s:06d}" for y, s in zip(year.tolist(), seq.tolist(), strict=True)],
        "title": titles,
        "authors": authors,
        "unit": units["unit"].to_numpy()[unit],
        "parent_unit": units["parent"].to_numpy()[unit],
        "federation": [HOME_FEDERATION] * n,
        "field": np.array(dn.FIELDS, object)[field],
        "submitted_on": dates[day],
        "applied_on": np.where(has_applied, dates[np.minimum(applied, cutoff)], "").astype(object),
        "benefit_vnd": [_vn(b) for b in benefit.tolist()],
        "status": STATUSES[status],
    }
    return dict(
        table=[list(table[c]) for c in KINDS["initiatives"].names],
        unit=unit,
        day=START + day,
        status=status,
        benefit=benefit,
        people=people,
        names=names,
        owner=owner,
    )


def _benefits(rng, status, field, utype) -> np.ndarray:
    """Declared benefit in đồng (-1 = empty); the valid ones add up to BENEFIT_TOTAL exactly."""
    benefit = np.full(len(status), -1, np.int64)
    valid = np.flatnonzero(status == 0)
    weight = np.array(dn.FIELD_DECLARES)[field[valid]] * np.where(utype[valid] == 0, 1.5, 1)
    declared = valid[_pick(rng, weight, round(0.22 * N_VALID))]
    big = rng.choice(declared[np.isin(field[declared], [0, 7]) & (utype[declared] == 0)], 48, replace=False)
    large = np.clip(np.rint(3e9 * np.exp(rng.exponential(0.6, 47)) / 1e7) * 1e7, 3e9, 9.5e10)
    benefit[big] = np.r_[112e9, large]
    rest = np.setdiff1d(declared, big)
    target = BENEFIT_TOTAL - benefit[big].sum()
    vals = rng.lognormal(np.log(3e7), 1.3, rest.size)
    for _ in range(8):
        vals = np.clip(vals * target / vals.sum(), 5e4, 2.9e9)
    whole_million = (rng.random(rest.size) < 0.4) & (vals > 5e6)
    vals = np.where(whole_million, np.rint(vals / 1e6) * 1e6, np.rint(vals / 1e3) * 1e3).astype(np.int64)
    vals[np.argmin(np.abs(vals - 1e9))] += target - vals.sum()
    benefit[rest] = vals
    other = np.flatnonzero(status != 0)
    other = other[rng.random(other.size) < 0.2]  # stated on rows that do not count
    benefit[other] = np.rint(np.clip(rng.lognormal(np.log(2e7), 1.2, other.size), 1e5, 2.9e9) / 1e3) * 1e3
    return benefit


def _unit_rows(rng, units: pd.DataFrame, uppers: list[str]) -> list[tuple]:
    members = units.groupby("parent")["members"].sum().reindex(uppers).to_numpy()
    quota = _apportion(QUOTA, members**0.7)
    commitment = _apportion(COMMITMENT, quota * rng.uniform(1.3, 1.7, len(uppers)))
    rows = [(HOME_FEDERATION, NATIONAL, FED, COMMITMENT, QUOTA, int(members.sum()))]
    for upper, c, q, m in zip(uppers, commitment.tolist(), quota.tolist(), members.tolist(), strict=True):
        rows.append((upper, HOME_FEDERATION, UPPER, c, q, m))
        sub = units[units["parent"] == upper]
        sub_quota = _apportion(q, sub["members"]).tolist() if rng.random() < 0.7 else [None] * len(sub)
        rows += [
            (u, upper, GRASSROOTS, None, sq, m)
            for u, sq, m in zip(sub["unit"], sub_quota, sub["members"].tolist(), strict=True)
        ]
    return rows


def _reported(rng, init: dict) -> tuple[list, list]:
    """The national summary table at 30/06/2023 and at 01/09/2023; Hà Nội is the first row."""
    valid, early = init["status"] == 0, init["day"] <= SNAPSHOT_END
    people = init["people"]

    def participants(mask):
        p = people[:, mask]
        return np.unique(p[p >= 0]).size

    names = [f"LĐLĐ thành phố {c}" for c in dn.CITIES] + [f"LĐLĐ tỉnh {p}" for p in dn.PROVINCES]
    levels = [FED] * len(names) + ["Công đoàn ngành trung ương"] * len(dn.NATIONAL_SECTORS)
    names += dn.NATIONAL_SECTORS
    fixed = {HOME_FEDERATION: HOME_REPORTED, "LĐLĐ tỉnh Thanh Hóa": 243_517, "LĐLĐ thành phố Hồ Chí Minh": 187_652}
    seen, final = set(fixed.values()), []
    drawn = np.clip(rng.lognormal(np.log(22_000), 0.85, len(names)), 1500, 148_000).astype(int).tolist()
    for name, x in zip(names, drawn, strict=True):
        x = fixed.get(name, x)
        while name not in fixed and x in seen:  # no ties
            x += 1
        seen.add(x)
        final.append(x)
    final, ratio = np.array(final), rng.uniform(0.72, 0.9, len(names))
    home = int((valid & early).sum()) - int(rng.integers(20, 200))
    snap = np.rint(final * ratio).astype(np.int64)  # Hà Nội 3rd at 30/06, 2nd at 01/09
    snap[[0, names.index("LĐLĐ tỉnh Thanh Hóa"), 1]] = [home, round(home * 1.21), round(home * 1.06)]
    part = np.rint(final * rng.uniform(0.35, 0.75, len(names))).astype(np.int64)
    money = np.rint(final * rng.lognormal(np.log(6e6), 1, len(names)) / 1e6).astype(np.int64) * 1_000_000
    part[0], money[0] = participants(valid), BENEFIT_TOTAL
    share = final[1:] ** 0.8 * rng.lognormal(0, 0.25, len(names) - 1)
    quota = np.r_[QUOTA, _apportion(1_000_000 - QUOTA, share)]  # quotas of the nation: one million
    snap_part = np.rint(part * ratio).astype(np.int64)
    snap_money = np.rint(money * ratio / 1e6).astype(np.int64) * 1_000_000
    snap_part[0] = participants(valid & early)
    snap_money[0] = round(init["benefit"][valid & early & (init["benefit"] > 0)].sum() / 1e6) * 1_000_000

    def rows(count, part, money, as_of):
        cols = (names, levels, count, part, money, quota.tolist())
        return [(n, lv, _vn(c), _vn(p), _vn(m), _vn(q), as_of) for n, lv, c, p, m, q in zip(*cols, strict=True)]

    return (
        rows(snap.tolist(), snap_part.tolist(), snap_money.tolist(), "30/06/2023"),
        rows(final.tolist(), part.tolist(), money.tolist(), "01/09/2023"),
    )


def _contest(rng, units: pd.DataFrame) -> list[tuple]:
    companies = units.loc[units["type"] == 0, "unit"].to_numpy()
    extra, rows = int(rng.integers(len(dn.TRADES))), []
    for t, trade in enumerate(dn.TRADES):
        prizes = ["Nhất"] + ["Nhì"] * 2 + ["Ba"] * 3 + ["Khuyến khích"] * (4 + (t == extra))
        size = int(rng.integers(32, 43))
        names = _people(rng, size, 0.85 if trade == "May công nghiệp" else 0.12)
        where = companies[rng.integers(0, len(companies), size)]
        for i in range(size):
            prize = prizes[i] if i < len(prizes) else ""
            rows.append(
                (
                    "Hội thi thợ giỏi thành phố Hà Nội năm 2023",
                    2023,
                    trade,
                    names[i],
                    where[i],
                    prize,
                    _vn(dn.PRIZES.get(prize, -1)),
                )
            )
    return rows


def _awards(units: pd.DataFrame, uppers: list[str], init: dict) -> list[tuple]:
    valid = init["status"] == 0
    campaign = valid & (init["day"] >= CAMPAIGN_START)
    unit_names, parents = units["unit"].to_numpy(), units["parent"].to_numpy()
    owner, people = init["owner"], init["people"]

    def top(counts, k, skip=()):
        return [i for i in np.argsort(-counts, kind="stable").tolist() if i not in set(skip)][:k]

    def by_person(mask):
        p = people[:, mask]
        return np.bincount(p[p >= 0], minlength=len(owner))

    def by_unit(mask):
        return np.bincount(init["unit"][mask], minlength=len(units))

    stars, best_units = top(by_person(valid), 63), top(by_unit(valid), 53)
    camp_people, camp_units = top(by_person(campaign), 33, stars), top(by_unit(campaign), 33, best_units)
    camp_uppers = pd.Series(by_unit(campaign)).groupby(parents).sum().reindex(uppers)
    camp_uppers = camp_uppers.sort_values(ascending=False, kind="stable").index[:28]
    kinds = {name: kind for kind, name, _ in dn.DISTRICTS}
    tld = (NATIONAL, PROGRAMME, "1795/QĐ-TLĐ", "20/10/2023")
    prog = (HOME_FEDERATION, PROGRAMME, "2468/QĐ-LĐLĐ", "27/10/2023")
    camp = (HOME_FEDERATION, CAMPAIGN, "2469/QĐ-LĐLĐ", "27/10/2023")

    def row(by, recipient, rtype, unit, money=-1):
        return (by[0], by[1], recipient, rtype, unit, by[2], by[3], _vn(money))

    def person(by, i, money=-1):
        return row(by, init["names"][i], "Cá nhân", unit_names[owner[i]], money)

    def grassroots(by, i):
        return row(by, unit_names[i], "Công đoàn cơ sở", parents[i], 1_500_000)

    return (
        [row(tld, s, "Tập thể", HOME_FEDERATION) for s in dn.OUTSTANDING_SECTORS]
        + [person(tld, i) for i in stars[:3]]
        + [row(prog, f"LĐLĐ {kinds[d]} {d}", "Tập thể", HOME_FEDERATION, 2_000_000) for d in dn.OUTSTANDING_DISTRICTS]
        + [grassroots(prog, i) for i in best_units]
        + [person(prog, i, 1_000_000) for i in stars[3:]]
        + [row(camp, u, "Công đoàn cấp trên cơ sở", HOME_FEDERATION, 2_000_000) for u in camp_uppers]
        + [grassroots(camp, i) for i in camp_units]
        + [person(camp, i, 1_000_000) for i in camp_people]
    )


def _works(rng, units: pd.DataFrame, uppers: list[str]) -> list[tuple]:
    done = _dates(123, np.datetime64("2023-05-01"))

    def rows(names, level, where, value, flag):
        k = len(where)
        value[rng.random(k) < 0.15] = -1
        value[flag] = np.rint(rng.uniform(1.5e9, 6e9, flag.sum()) / 1e6) * 1e6
        finished = np.where(rng.random(k) < 0.8, done[rng.integers(0, len(done), k)], "")
        what = np.array(names)[rng.integers(0, len(names), k)]
        cols = (what, where, value.tolist(), finished, flag.tolist())
        return [(n, level, u, "x" if f else "", _vn(v), d) for n, u, v, d, f in zip(*cols, strict=True)]

    flag = np.isin(np.arange(526), rng.choice(526, 6, replace=False))
    where = units["unit"].to_numpy()[rng.integers(0, len(units), 526)]
    value = np.rint(rng.lognormal(np.log(8e7), 1, 526) / 1e6).astype(np.int64) * 1_000_000
    parents = uppers * 2 + rng.choice(uppers, 94 - 2 * len(uppers), replace=False).tolist()
    upper_value = np.rint(rng.lognormal(np.log(4e8), 0.8, 94) / 1e6).astype(np.int64) * 1_000_000
    return rows(dn.WORKS_GRASSROOTS, "Cơ sở", where, value, flag) + rows(
        dn.WORKS_UPPER, "Cấp trên cơ sở", parents, upper_value, np.zeros(94, bool)
    )


def _opinions(rng, units: pd.DataFrame) -> list[tuple]:
    channel = np.array(["Văn bản"] * 600 + ["Trực tiếp"] * 26)[rng.permutation(626)]
    where = units["unit"].to_numpy()[_pick(rng, np.where(units["type"] == 0, 4.0, 1.0), 626)]
    where = where[rng.permutation(626)]
    topic = np.array(dn.OPINION_TOPICS)[rng.integers(0, len(dn.OPINION_TOPICS), 626)]
    conference = "Hội nghị gặp gỡ, đối thoại giữa Chủ tịch UBND thành phố với công nhân lao động Thủ đô"
    return [(conference, c, t, u, "Có") for c, t, u in zip(channel, topic, where, strict=True)]


def write_demo_exports(out_dir: Path) -> list[tuple[str, list[Path]]]:
    """Writes the files and returns [(label, files) for the earlier snapshot, (label, files) for the
    final load]."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(2023)
    units, uppers = _units(rng)
    init = _initiatives(rng, units, uppers)
    cols, cut = init["table"], int(np.searchsorted(init["day"], SNAPSHOT_END, side="right"))
    head = _labels("initiatives")
    early = _write(
        out / "sang_kien_den_30_06_2023.csv",
        head,
        zip(*(c[:cut] for c in cols), strict=True),
        sep=";",
        encoding="utf-8-sig",
    )
    late = _write(
        out / "sang_kien_tu_01_07_2023.csv",
        head,
        zip(*(c[cut:] for c in cols), strict=True),
        sep="\t",
        encoding="cp1258",
    )
    unit_head = _labels("units", ["unit", "parent", "level", "commitment", "quota", "members"])
    units_file = _save_xlsx(out / "don_vi_ha_noi.xlsx", "Đơn vị", unit_head, _unit_rows(rng, units, uppers))
    head = _labels("reported_totals", ["unit", "level", "initiatives", "participants", "benefit_vnd", "quota", "as_of"])
    totals = [
        _write(out / f"tong_hop_toan_quoc_{d}.csv", head, rows, encoding="cp1258", quoting=csv.QUOTE_ALL)
        for d, rows in zip(("30_06_2023", "01_09_2023"), _reported(rng, init), strict=True)
    ]
    campaigns = _write(out / "dot_thi_dua.csv", _labels("campaigns"), [(CAMPAIGN, "01/05/2023", "30/09/2023", 150)])
    contest = _write(
        out / "hoi_thi_tho_gioi_2023.txt", _labels("contest_results"), _contest(rng, units), sep="\t", encoding="utf-16"
    )
    awards = _save_xlsx(out / "khen_thuong.xlsx", "Khen thưởng", _labels("awards"), _awards(units, uppers, init))
    works = _write(out / "cong_trinh_phan_viec.csv", _labels("works"), _works(rng, units, uppers))
    opinions = _write(
        out / "y_kien_doi_thoai.csv", _labels("opinions"), _opinions(rng, units), sep=";", encoding="utf-8-sig"
    )
    return [
        (SNAPSHOT_LABEL, [early, units_file, totals[0], campaigns]),
        (FINAL_LABEL, [early, late, totals[1], contest, awards, works, opinions]),
    ]
