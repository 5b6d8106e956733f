"""The movement's demo tables: the skills contest, awards, works and opinions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sangkien.demo import names as dn
from sangkien.demo.common import (
    CAMPAIGN,
    CAMPAIGN_START,
    HOME_FEDERATION,
    NATIONAL,
    PROGRAMME,
    date_texts,
    person_names,
    pick_weighted,
    vn_number,
)


def contest_rows(rng, units: pd.DataFrame) -> list[tuple]:
    companies = units.loc[units["type"] == 0, "unit"].to_numpy()
    extra, rows = int(rng.integers(len(dn.TRADES))), []
    for t, trade in enumerate(dn.TRADES):
        prizes = ["Nhất"] + ["Nhì"] * 2 + ["Ba"] * 3 + ["Khuyến khích"] * (4 + (t == extra))
        size = int(rng.integers(32, 43))
        names = person_names(rng, size, 0.85 if trade == "May công nghiệp" else 0.12)
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
                    vn_number(dn.PRIZES.get(prize, -1)),
                )
            )
    return rows


def award_rows(units: pd.DataFrame, uppers: list[str], init: dict) -> list[tuple]:
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
        return (by[0], by[1], recipient, rtype, unit, by[2], by[3], vn_number(money))

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


def work_rows(rng, units: pd.DataFrame, uppers: list[str]) -> list[tuple]:
    done = date_texts(123, np.datetime64("2023-05-01"))

    def rows(names, level, where, value, flag):
        k = len(where)
        value[rng.random(k) < 0.15] = -1
        value[flag] = np.rint(rng.uniform(1.5e9, 6e9, flag.sum()) / 1e6) * 1e6
        finished = np.where(rng.random(k) < 0.8, done[rng.integers(0, len(done), k)], "")
        what = np.array(names)[rng.integers(0, len(names), k)]
        cols = (what, where, value.tolist(), finished, flag.tolist())
        return [(n, level, u, "x" if f else "", vn_number(v), d) for n, u, v, d, f in zip(*cols, strict=True)]

    flag = np.isin(np.arange(526), rng.choice(526, 6, replace=False))
    where = units["unit"].to_numpy()[rng.integers(0, len(units), 526)]
    value = np.rint(rng.lognormal(np.log(8e7), 1, 526) / 1e6).astype(np.int64) * 1_000_000
    parents = uppers * 2 + rng.choice(uppers, 94 - 2 * len(uppers), replace=False).tolist()
    upper_value = np.rint(rng.lognormal(np.log(4e8), 0.8, 94) / 1e6).astype(np.int64) * 1_000_000
    return rows(dn.WORKS_GRASSROOTS, "Cơ sở", where, value, flag) + rows(
        dn.WORKS_UPPER, "Cấp trên cơ sở", parents, upper_value, np.zeros(94, bool)
    )


def opinion_rows(rng, units: pd.DataFrame) -> list[tuple]:
    channel = np.array(["Văn bản"] * 600 + ["Trực tiếp"] * 26)[rng.permutation(626)]
    where = units["unit"].to_numpy()[pick_weighted(rng, np.where(units["type"] == 0, 4.0, 1.0), 626)]
    where = where[rng.permutation(626)]
    topic = np.array(dn.OPINION_TOPICS)[rng.integers(0, len(dn.OPINION_TOPICS), 626)]
    conference = "Hội nghị gặp gỡ, đối thoại giữa Chủ tịch UBND thành phố với công nhân lao động Thủ đô"
    return [(conference, c, t, u, "Có") for c, t, u in zip(channel, topic, where, strict=True)]
