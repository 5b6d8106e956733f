"""The demo's unions: grassroots and upper-level units of Hà Nội, their targets, and the national
reported totals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sangkien.demo import names as dn
from sangkien.demo.common import (
    BENEFIT_TOTAL,
    COMMITMENT,
    FED,
    GRASSROOTS,
    HOME_FEDERATION,
    HOME_REPORTED,
    NATIONAL,
    QUOTA,
    SNAPSHOT_END,
    UPPER,
    apportion,
    vn_number,
)


def make_units(rng) -> tuple[pd.DataFrame, list[str]]:
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


def unit_rows(rng, units: pd.DataFrame, uppers: list[str]) -> list[tuple]:
    members = units.groupby("parent")["members"].sum().reindex(uppers).to_numpy()
    quota = apportion(QUOTA, members**0.7)
    commitment = apportion(COMMITMENT, quota * rng.uniform(1.3, 1.7, len(uppers)))
    rows = [(HOME_FEDERATION, NATIONAL, FED, COMMITMENT, QUOTA, int(members.sum()))]
    for upper, c, q, m in zip(uppers, commitment.tolist(), quota.tolist(), members.tolist(), strict=True):
        rows.append((upper, HOME_FEDERATION, UPPER, c, q, m))
        sub = units[units["parent"] == upper]
        sub_quota = apportion(q, sub["members"]).tolist() if rng.random() < 0.7 else [None] * len(sub)
        rows += [
            (u, upper, GRASSROOTS, None, sq, m)
            for u, sq, m in zip(sub["unit"], sub_quota, sub["members"].tolist(), strict=True)
        ]
    return rows


def reported_rows(rng, init: dict) -> tuple[list, list]:
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
    quota = np.r_[QUOTA, apportion(1_000_000 - QUOTA, share)]  # quotas of the nation: one million
    snap_part = np.rint(part * ratio).astype(np.int64)
    snap_money = np.rint(money * ratio / 1e6).astype(np.int64) * 1_000_000
    snap_part[0] = participants(valid & early)
    snap_money[0] = round(init["benefit"][valid & early & (init["benefit"] > 0)].sum() / 1e6) * 1_000_000

    def rows(count, part, money, as_of):
        cols = (names, levels, count, part, money, quota.tolist())
        return [
            (n, lv, vn_number(c), vn_number(p), vn_number(m), vn_number(q), as_of)
            for n, lv, c, p, m, q in zip(*cols, strict=True)
        ]

    return (
        rows(snap.tolist(), snap_part.tolist(), snap_money.tolist(), "30/06/2023"),
        rows(final.tolist(), part.tolist(), money.tolist(), "01/09/2023"),
    )
