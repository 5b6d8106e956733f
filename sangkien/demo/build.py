"""Demo export files of LĐLĐ thành phố Hà Nội, as the programme's software and spreadsheets write them.

``write_demo_exports`` writes two loads into a folder: the snapshot of 30/06/2023 and the summary
load of 01/09/2023. Together they reproduce every figure of the federation's summary report
(201.129 valid initiatives, 3.512,45 tỷ đồng of benefit, 111 contest winners, ...). The output
is deterministic: the same bytes on every run.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from sangkien.demo import names as dn
from sangkien.demo.common import (
    BENEFIT_TOTAL,
    CAMP_DAY,
    CAMPAIGN,
    FINAL_LABEL,
    HOME_FEDERATION,
    LAST_DAY,
    N_VALID,
    SNAP_DAY,
    SNAPSHOT_END,
    SNAPSHOT_LABEL,
    START,
    STATUSES,
    date_texts,
    kind_headers,
    normalised,
    person_names,
    pick_weighted,
    vn_number,
    write_csv,
    write_xlsx,
)
from sangkien.demo.movement import award_rows, contest_rows, opinion_rows, work_rows
from sangkien.demo.units import make_units, reported_rows, unit_rows
from sangkien.ingest.schema import KINDS


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
    unit = rng.choice(g, n, p=normalised(weight))
    ndays = LAST_DAY + 1
    t = np.arange(ndays)
    before = t < CAMP_DAY
    day_w = np.where(before, 0.55 + 0.9 * t / before.sum(), 3.6) * np.where((t + 2) % 7 >= 5, 0.4, 1)
    day = np.sort(rng.choice(ndays, n, p=normalised(day_w)))  # t + 2: 01/09/2021 was a Wednesday
    status = np.zeros(n, np.int8)
    status[pick_weighted(rng, 1 + 6 * (day / ndays) ** 4, n_review)] = 1  # recent ones still under review
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
    names = person_names(rng, len(owner), np.array(dn.FEMALE)[utype[owner]])
    for _ in range(50):  # one name per person within a unit
        dup = np.flatnonzero(pd.Series(list(zip(owner.tolist(), names, strict=True))).duplicated().to_numpy())
        if not dup.size:
            break
        for i, name in zip(dup, person_names(rng, dup.size, 0.5), strict=True):
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
    dates = date_texts(ndays + 1)
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
        "benefit_vnd": [vn_number(b) for b in benefit.tolist()],
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
    declared = valid[pick_weighted(rng, weight, round(0.22 * N_VALID))]
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


def write_demo_exports(out_dir: Path) -> list[tuple[str, list[Path]]]:
    """Writes the files and returns [(label, files) for the earlier snapshot, (label, files) for the
    final load]."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(2023)
    units, uppers = make_units(rng)
    init = _initiatives(rng, units, uppers)
    cols, cut = init["table"], int(np.searchsorted(init["day"], SNAPSHOT_END, side="right"))
    head = kind_headers("initiatives")
    early = write_csv(
        out / "sang_kien_den_30_06_2023.csv",
        head,
        zip(*(c[:cut] for c in cols), strict=True),
        sep=";",
        encoding="utf-8-sig",
    )
    late = write_csv(
        out / "sang_kien_tu_01_07_2023.csv",
        head,
        zip(*(c[cut:] for c in cols), strict=True),
        sep="\t",
        encoding="cp1258",
    )
    unit_head = kind_headers("units", ["unit", "parent", "level", "commitment", "quota", "members"])
    units_file = write_xlsx(out / "don_vi_ha_noi.xlsx", "Đơn vị", unit_head, unit_rows(rng, units, uppers))
    head = kind_headers(
        "reported_totals", ["unit", "level", "initiatives", "participants", "benefit_vnd", "quota", "as_of"]
    )
    totals = [
        write_csv(out / f"tong_hop_toan_quoc_{d}.csv", head, rows, encoding="cp1258", quoting=csv.QUOTE_ALL)
        for d, rows in zip(("30_06_2023", "01_09_2023"), reported_rows(rng, init), strict=True)
    ]
    campaigns = write_csv(
        out / "dot_thi_dua.csv", kind_headers("campaigns"), [(CAMPAIGN, "01/05/2023", "30/09/2023", 150)]
    )
    contest = write_csv(
        out / "hoi_thi_tho_gioi_2023.txt",
        kind_headers("contest_results"),
        contest_rows(rng, units),
        sep="\t",
        encoding="utf-16",
    )
    awards = write_xlsx(
        out / "khen_thuong.xlsx", "Khen thưởng", kind_headers("awards"), award_rows(units, uppers, init)
    )
    works = write_csv(out / "cong_trinh_phan_viec.csv", kind_headers("works"), work_rows(rng, units, uppers))
    opinions = write_csv(
        out / "y_kien_doi_thoai.csv", kind_headers("opinions"), opinion_rows(rng, units), sep=";", encoding="utf-8-sig"
    )
    return [
        (SNAPSHOT_LABEL, [early, units_file, totals[0], campaigns]),
        (FINAL_LABEL, [early, late, totals[1], contest, awards, works, opinions]),
    ]
