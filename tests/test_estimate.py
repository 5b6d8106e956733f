"""The estimate for initiatives without a declared benefit: hand-checked answers, extremes, coverage, edges."""

import re
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sangkien.analysis.estimate import NO_DECLARED_MESSAGE, NoDeclaredValues, _share_limit, estimate_missing

TY = 1e9
TRIEU = 1e6


def frames(declared: dict[str, list[float]], missing: dict[str, int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = [(field, v) for field, values in declared.items() for v in values]
    return (
        pd.DataFrame(rows, columns=["field", "benefit_vnd"]),
        pd.DataFrame({"field": list(missing), "n": list(missing.values())}),
    )


def row(est, field: str) -> pd.Series:
    return est.by_field.set_index("field").loc[field]


# 1. A fixture small enough to work out by hand.
def test_hand_computed_fixture():
    # Field A: six values of 100 triệu; field B: three of 1 triệu and three of 3 triệu (both >= 5 values,
    # so each field uses its own values). 10 and 20 initiatives without a value.
    declared, missing = frames(
        {"A": [100 * TRIEU] * 6, "B": [1 * TRIEU] * 3 + [3 * TRIEU] * 3},
        {"A": 10, "B": 20},
    )
    est = estimate_missing(declared, missing, n_boot=2000, seed=0)

    # Cap = 99% quantile of the 12 values = 100 triệu; no value lies above it, so nothing is limited.
    assert est.cap == 100 * TRIEU
    # A: every resample of six identical values has mean 100 triệu, and the log-normal curve has zero
    # spread, so its part above the cap is max(100 - 100, 0) = 0: 10 x 100 triệu = 1 tỷ, with no spread.
    a = row(est, "A")
    assert a["estimate"] == a["low"] == a["high"] == 1 * TY
    # B: mean 2 triệu -> 20 x 2 triệu = 40 triệu. The curve's part above 100 triệu: log-mean ln(1.732e6),
    # log-sd 0.602, so d = (ln 1.732e6 - ln 1e8) / 0.602 = -6.74 and E[(X - cap)+] < e^{mu + s^2/2} *
    # Phi(d + s) = 2.08e6 * 4e-10, below 0.001 đồng per initiative: tolerance 1 đồng.
    b = row(est, "B")
    assert b["estimate"] == pytest.approx(40 * TRIEU, abs=1)
    # B's replicates: k = round(6 * 20 / (6 + 20)) = 5 draws per replicate (no rescaling), so a replicate is
    # 20 x (1 + 0.4 J) triệu with J ~ Binomial(5, 1/2): 20, 28, 36, 44, 52 or 60 triệu with chances
    # 1, 5, 10, 10, 5, 1 in 32. 20 triệu is 3.1% (< 5%) and <= 28 triệu is 18.8% (> 5%): the 5th percentile
    # is 28 triệu and, symmetrically, the 95th is 52 triệu (62 of 2000 replicates expected at 20 triệu;
    # reaching 100 would take 4.8 standard deviations).
    assert b["low"] == pytest.approx(28 * TRIEU, abs=1)
    assert b["high"] == pytest.approx(52 * TRIEU, abs=1)
    # Totals: A adds exactly 1 tỷ to every replicate.
    assert est.total == pytest.approx(1.04 * TY, abs=1)
    assert est.low == pytest.approx(1.028 * TY, abs=1)
    assert est.high == pytest.approx(1.052 * TY, abs=1)
    assert list(est.by_field.columns[:7]) == [
        "field",
        "declared_n",
        "declared_total",
        "missing_n",
        "estimate",
        "low",
        "high",
    ]
    assert row(est, "B")[["declared_n", "declared_total", "missing_n"]].tolist() == [6, 12 * TRIEU, 20]


# 2. One enormous value does not decide the estimate.
def test_one_extreme_value_does_not_decide():
    rng = np.random.default_rng(7)
    base = {
        "Cải tiến kỹ thuật": list(rng.uniform(10, 50, 300) * TRIEU),
        "Quản lý": list(rng.uniform(10, 50, 200) * TRIEU),
    }
    missing = {"Cải tiến kỹ thuật": 900, "Quản lý": 600}
    with_extreme = {**base, "Cải tiến kỹ thuật": base["Cải tiến kỹ thuật"] + [112 * TY]}

    before = estimate_missing(*frames(base, missing))
    after = estimate_missing(*frames(with_extreme, missing))
    print(f"\nestimate {before.total / TY:.2f} -> {after.total / TY:.2f} tỷ ({after.total / before.total:.3f}x)")

    # Uncapped mean x missing: 900 x 30 triệu + 600 x 30 triệu ~ 45 tỷ before; after, the field mean gains
    # 112 tỷ / 301 = 372 triệu, so 900 x ~402 triệu + 18 tỷ ~ 380 tỷ: more than 5 times as much.
    def uncapped(d):
        return sum(np.mean(d[f]) * n for f, n in missing.items())

    assert uncapped(with_extreme) / uncapped(base) > 5
    # The estimate moves by less than 1.5x (it moves about 7%: the value counts as the 99% quantile,
    # ~50 triệu, and only widens the log-normal curve a little).
    assert after.total / before.total < 1.5
    assert after.high / before.high < 1.5
    assert "112 tỷ đồng, chỉ được tính là 49,7 triệu đồng" in after.method


# 3. A seeded simulation: the 90% interval covers the true hidden total in 80-97% of runs.
def test_interval_coverage_simulation():
    rng = np.random.default_rng(20240611)
    runs, size, n_boot = 300, 6000, 300
    names = np.array([f"Lĩnh vực {i}" for i in range(8)])
    hits = with_huge = 0
    started = time.perf_counter()
    for run in range(runs):
        # Fields of unequal size; per field a log-normal with median 10-40 triệu and log-sd 1.5-2.0,
        # plus rare huge values (1 in 10,000: 3-120 tỷ, log-uniform).
        field = rng.choice(8, size, p=rng.dirichlet(np.full(8, 3.0)))
        value = (
            rng.uniform(10, 40, 8)[field] * TRIEU * np.exp(rng.uniform(1.5, 2.0, 8)[field] * rng.standard_normal(size))
        )
        huge = rng.random(size) < 1e-4
        value[huge] = np.exp(rng.uniform(np.log(3 * TY), np.log(120 * TY), huge.sum()))
        # About 75% hidden, at random.
        hidden = rng.random(size) < 0.75
        with_huge += bool((huge & hidden).any())
        est = estimate_missing(
            pd.DataFrame({"field": names[field[~hidden]], "benefit_vnd": value[~hidden]}),
            pd.DataFrame({"field": names, "n": np.bincount(field[hidden], minlength=8)}),
            n_boot=n_boot,
            seed=run,
        )
        hits += est.low <= value[hidden].sum() <= est.high
    coverage = hits / runs
    print(
        f"\ncoverage of the 90% interval: {coverage:.3f} ({runs} runs of {size} initiatives, B={n_boot}, "
        f"{with_huge} runs with a hidden huge value, {time.perf_counter() - started:.1f} s)"
    )
    assert 0.80 <= coverage <= 0.97


# 4. Edge cases.
def test_no_declared_value_raises_a_vietnamese_message():
    declared = pd.DataFrame({"field": pd.Series([], dtype=object), "benefit_vnd": pd.Series([], dtype=float)})
    missing = pd.DataFrame({"field": ["A"], "n": [10]})
    with pytest.raises(NoDeclaredValues, match="Chưa có sáng kiến nào ghi giá trị làm lợi") as caught:
        estimate_missing(declared, missing)
    assert str(caught.value) == NO_DECLARED_MESSAGE
    assert isinstance(caught.value, ValueError)
    # Empty values do not count as declared.
    with pytest.raises(NoDeclaredValues):
        estimate_missing(pd.DataFrame({"field": ["A"], "benefit_vnd": [None]}), missing)
    # Fewer than five values in all cannot stand for the rest either.
    with pytest.raises(NoDeclaredValues, match="Mới có 4 sáng kiến ghi giá trị làm lợi, chưa đủ"):
        estimate_missing(*frames({"A": [1 * TRIEU, 2 * TRIEU], "B": [3 * TRIEU, 4 * TRIEU, None]}, {"A": 10}))
    assert estimate_missing(*frames({"A": [1 * TRIEU, 2 * TRIEU], "B": [3 * TRIEU] * 3}, {"A": 10})).total > 0


def test_field_without_declared_values_uses_all_values():
    rng = np.random.default_rng(3)
    values = {"A": list(rng.lognormal(17, 1.5, 40)), "B": list(rng.lognormal(16, 1.2, 30)), "C": [2 * TY, 3 * TY]}
    est = estimate_missing(*frames(values, {"A": 10, "B": 0, "C": 7, "D": 50}))
    # The point estimate is the plug-in (it does not depend on the resampling), so a field borrowing all
    # values gets what a single field holding all 72 values would get.
    everything = [v for vs in values.values() for v in vs]
    alone = estimate_missing(*frames({"X": everything}, {"X": 1}))
    d, c = row(est, "D"), row(est, "C")
    assert d["pooled"] and c["pooled"] and not row(est, "A")["pooled"]
    assert d["declared_n"] == 0 and d["declared_total"] == 0
    assert d["estimate"] == pytest.approx(50 * alone.total, rel=1e-12)
    # C's own two values (2 and 3 tỷ) are too few to stand for its 7 missing initiatives.
    assert c["estimate"] == pytest.approx(7 * alone.total, rel=1e-12)
    assert d["low"] <= d["estimate"] <= d["high"]
    assert row(est, "B")[["estimate", "low", "high"]].tolist() == [0, 0, 0]
    assert est.total == pytest.approx(est.by_field["estimate"].sum())
    assert "có dưới 5 giá trị đã ghi nên dùng bình quân của mọi lĩnh vực" in est.method


def test_zero_missing_gives_zero():
    declared, _ = frames({"A": [5 * TRIEU, 7 * TRIEU, 9 * TRIEU, 11 * TRIEU, 13 * TRIEU]}, {})
    for missing in (pd.DataFrame({"field": ["A", "B"], "n": [0, 0]}), pd.DataFrame({"field": [], "n": []})):
        est = estimate_missing(declared, missing)
        assert (est.total, est.low, est.high) == (0, 0, 0)
        assert (est.by_field[["estimate", "low", "high"]] == 0).all().all()
    assert row(est, "A")["declared_total"] == 45 * TRIEU


def test_empty_field_name_and_row_order_do_not_matter():
    rng = np.random.default_rng(5)
    declared = pd.DataFrame(
        {"field": rng.choice(np.array(["A", "B", None], dtype=object), 400), "benefit_vnd": rng.lognormal(17, 1.8, 400)}
    )
    missing = pd.DataFrame({"field": ["A", "B", None], "n": [300, 200, 100]})
    one = estimate_missing(declared, missing, n_boot=500, seed=1)
    two = estimate_missing(declared.sample(frac=1, random_state=2), missing.iloc[::-1], n_boot=500, seed=1)
    assert (one.total, one.low, one.high) == (two.total, two.low, two.high)
    assert one.by_field["field"].isna().sum() == 1
    # Another seed moves the interval a little, never the point estimate.
    three = estimate_missing(declared, missing, n_boot=500, seed=2)
    assert three.total == one.total
    assert three.low == pytest.approx(one.low, rel=0.05)


def test_bad_input_is_refused():
    declared, missing = frames({"A": [-1.0, 5 * TRIEU]}, {"A": 3})
    with pytest.raises(ValueError, match="không được âm"):
        estimate_missing(declared, missing)
    declared, missing = frames({"A": [5 * TRIEU] * 5}, {"A": -3})
    with pytest.raises(ValueError, match="không được âm"):
        estimate_missing(declared, missing)


def test_method_is_plain_vietnamese_of_three_to_six_sentences():
    rng = np.random.default_rng(11)
    declared, missing = frames({"A": list(rng.lognormal(17, 1.5, 200)) + [112 * TY]}, {"A": 600})
    est = estimate_missing(declared, missing)
    sentences = [s for s in re.split(r"(?<=\.)\s+", est.method) if s]
    assert 3 <= len(sentences) <= 6, sentences
    assert "phân vị 99%" in est.method and "bootstrap" in est.method and "2.000 lần" in est.method
    assert "112 tỷ đồng, chỉ được tính là" in est.method


def test_timing_50k_declared_150k_missing():
    rng = np.random.default_rng(1)
    names = np.array([f"Lĩnh vực {i}" for i in range(8)])
    declared = pd.DataFrame({"field": names[rng.integers(0, 8, 50_000)], "benefit_vnd": rng.lognormal(17, 1.8, 50_000)})
    missing = pd.DataFrame({"field": names, "n": np.full(8, 150_000 // 8)})
    estimate_missing(declared, missing, n_boot=50)  # warm up (number formatting loads its locale once)
    best = min(_timed(estimate_missing, declared, missing, n_boot=2000) for _ in range(3))
    print(f"\n50k declared, 150k missing, 8 fields, B=2000: {best:.3f} s")
    assert best < 1.0  # about 0.25 s here; a loose bound so a busy machine does not fail it


def _timed(fn, *args, **kwargs) -> float:
    started = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - started


@settings(max_examples=200, deadline=None)
@example([422698330480.0, 422698330479.75, 422698330479.75, 422698330479.75, 422698330479.75], 47598975104.14001, 0.2)
@given(
    st.lists(st.floats(0, 1e12, allow_nan=False), min_size=1, max_size=40),
    st.floats(0, 1e11),
    st.sampled_from([0.1, 0.2, 0.25, 0.5]),
)
def test_share_limit_is_the_highest_level_within_the_share(values, cap, share):
    sample = np.array(values)
    limit = _share_limit(sample, cap, share)
    excess = np.maximum(sample - cap, 0)

    def within(level: float) -> bool:
        t = level - cap
        return t <= share * np.minimum(excess, t).sum() * (1 + 1e-9) + 1e-6

    assert limit >= cap
    assert within(limit)
    if limit < cap + excess.max():
        assert not within(limit + 1e-6 * max(1.0, limit) + 1)
