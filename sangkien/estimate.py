"""An estimate of the benefit of the initiatives that declared no value, with a 90% interval.

The declared values stand in for the missing ones field by field (missing at random within a field).
Each value is split at a cap (a high quantile of all declared values) into a capped part and an excess:

* the capped part is bootstrapped from the field's own values (or from all values when the field has too
  few of them);
* the excess above the cap is never taken from the values themselves, so one enormous declaration cannot
  move the estimate much: it comes from a log-normal curve fitted to the field's values (its mean and
  spread on the log scale, which a single extreme value barely shifts).

The interval covers the total of the missing initiatives themselves, not only the uncertainty of the
average: each replicate adds the spread of a sum over the field's missing initiatives to the spread of
the bootstrapped average.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import fmt

MIN_OWN = 5  # a field with fewer declared values borrows all declared values
MAX_DRAWS = 1000  # draws per replicate and field; more draws are replaced by rescaling (Rao-Wu)
MAX_LOG_SD = 5.0  # guard for replicates of a tiny field: a log-scale spread beyond this is nonsense
LEVEL = 0.90

NO_DECLARED_MESSAGE = "Chưa có sáng kiến nào ghi giá trị làm lợi nên chưa ước tính được phần còn thiếu."


class NoDeclaredValues(ValueError):
    """No initiative declared a value, so there is nothing to estimate from."""


@dataclass
class Estimate:
    total: float  # point estimate (đồng) for the initiatives without a value
    low: float  # 5th percentile
    high: float  # 95th percentile
    by_field: pd.DataFrame  # field, declared_n, declared_total, missing_n, estimate, low, high, pooled
    method: str  # plain Vietnamese: what was done and how extremes are handled
    cap: float = math.nan  # the cap in đồng
    n_boot: int = 0


def estimate_missing(
    declared: pd.DataFrame,
    missing: pd.DataFrame,
    n_boot: int = 2000,
    seed: int = 0,
    cap_quantile: float = 0.99,
) -> Estimate:
    """declared: columns field, benefit_vnd (one row per initiative WITH a value);
    missing: columns field, n (count of initiatives WITHOUT a value per field).

    Raises NoDeclaredValues (a ValueError with a Vietnamese message) when no value is declared at all.
    """
    if n_boot < 1:
        raise ValueError("n_boot phải lớn hơn 0.")
    if not 0 < cap_quantile <= 1:
        raise ValueError("cap_quantile phải nằm trong (0, 1].")
    values = pd.to_numeric(declared["benefit_vnd"], errors="coerce").to_numpy(float)
    keep = np.isfinite(values)
    values, dfield = values[keep], declared["field"].to_numpy(object)[keep]
    if (values < 0).any():
        raise ValueError("Giá trị làm lợi không được âm.")
    if values.size == 0:
        raise NoDeclaredValues(NO_DECLARED_MESSAGE)
    counts = pd.to_numeric(missing["n"], errors="coerce").fillna(0).to_numpy(float)
    if (counts < 0).any():
        raise ValueError("Số sáng kiến chưa ghi giá trị không được âm.")
    counts = np.rint(counts).astype(np.int64)

    # One row per field seen in either table, in order of first appearance (a missing field name is a field).
    codes, fields = pd.factorize(np.concatenate([dfield, missing["field"].to_numpy(object)]), use_na_sentinel=False)
    dcode, mcode = codes[: values.size], codes[values.size :]
    n_fields = len(fields)
    miss_n = np.bincount(mcode, weights=counts, minlength=n_fields).astype(np.int64)
    decl_n = np.bincount(dcode, minlength=n_fields)
    decl_total = np.bincount(dcode, weights=values, minlength=n_fields)

    cap = float(np.quantile(values, cap_quantile))
    order = np.argsort(dcode, kind="stable")
    sorted_values = values[order]
    starts = np.r_[0, np.cumsum(decl_n)]
    rng = np.random.default_rng(seed)

    point = np.zeros(n_fields)
    reps = np.zeros((n_fields, n_boot))
    pooled = decl_n < MIN_OWN
    for f in range(n_fields):
        m = int(miss_n[f])
        if m == 0:
            continue
        sample = values if pooled[f] else sorted_values[starts[f] : starts[f + 1]]
        point[f], reps[f] = _field(sample, m, cap, n_boot, rng)

    totals = reps.sum(axis=0)
    q = [(1 - LEVEL) / 2 * 100, (1 + LEVEL) / 2 * 100]
    field_low, field_high = np.percentile(reps, q, axis=1)
    low, high = np.percentile(totals, q)
    by_field = pd.DataFrame(
        {
            "field": list(fields),
            "declared_n": decl_n,
            "declared_total": decl_total,
            "missing_n": miss_n,
            "estimate": point,
            "low": field_low,
            "high": field_high,
            "pooled": pooled & (miss_n > 0),
        }
    )
    by_field = by_field.sort_values(["estimate", "missing_n"], ascending=False, kind="stable").reset_index(drop=True)
    total = float(point.sum())
    # The plug-in total sits inside the interval except for rounding in degenerate cases; keep it there.
    low, high = min(float(low), total), max(float(high), total)
    return Estimate(
        total=total,
        low=low,
        high=high,
        by_field=by_field,
        method=_method(cap, cap_quantile, n_boot, int(by_field["pooled"].sum()), int((miss_n > 0).sum())),
        cap=cap,
        n_boot=n_boot,
    )


def _field(sample: np.ndarray, m: int, cap: float, n_boot: int, rng: np.random.Generator) -> tuple[float, np.ndarray]:
    """Point estimate and replicates of the total over m missing initiatives, from the declared sample.

    Values are limited to cap; the part above cap comes from a log-normal curve fitted to the sample.
    """
    n = sample.size
    positive = sample > 0
    logs = np.log(np.where(positive, sample, 1.0))
    # Per initiative: capped value, whether positive, log and squared log (zero when not positive).
    cols = np.stack([np.minimum(sample, cap), positive, logs, logs * logs])
    full = cols.mean(axis=1)
    point = m * (full[0] + _tail_mean(full[None, 1:], n, cap)[0][0])

    # One resample drives both parts, so that a sample with many high values raises both together.
    # The total over m missing initiatives varies around m * mean with variance
    # m^2 * var * (1/n + 1/m): the uncertainty of the average plus the spread of a sum of m values.
    # The mean of k = n*m/(n+m) draws from the sample has exactly that variance; when k is large,
    # MAX_DRAWS draws are rescaled to the same variance (Rao-Wu rescaling bootstrap). The curve's
    # parameters only carry the uncertainty of the average, so their deviations are rescaled to n.
    k_exact = max(1, round(n * m / (n + m)))
    k = min(k_exact, MAX_DRAWS)
    draws = np.empty((n_boot, 4))
    chunk = max(1, 2_000_000 // k)
    for lo in range(0, n_boot, chunk):
        idx = rng.integers(0, n, size=(min(chunk, n_boot - lo), k))
        draws[lo : lo + idx.shape[0]] = np.stack([c[idx].mean(axis=1) for c in cols], axis=1)
    dev = draws - full
    bulk = m * (full[0] + dev[:, 0] * (math.sqrt(k * (1 / n + 1 / m)) if k < k_exact else 1.0))
    e1, e2 = _tail_mean(full[1:] + dev[:, 1:] * math.sqrt(k / n), n, cap)

    # The excess summed over the m missing initiatives: a gamma law with that sum's mean and variance.
    var = np.maximum(e2 - e1**2, 0.0)
    tail = m * e1
    spread = (e1 > 0) & (var > 0)
    tail[spread] = rng.gamma(m * e1[spread] ** 2 / var[spread], var[spread] / e1[spread])
    return float(point), bulk + tail


def _tail_mean(moments: np.ndarray, n: int, cap: float) -> tuple[np.ndarray, np.ndarray]:
    """E[(X - cap)+] and E[(X - cap)+ ** 2] per initiative, from rows of (share positive, mean log, mean
    squared log) with the means taken over all n initiatives (zero for those not positive)."""
    share, mlog, mlog2 = moments.T
    npos = share * n
    with np.errstate(divide="ignore", invalid="ignore"):
        mu = np.where(share > 0, mlog / share, 0.0)
        var = np.where(npos > 1, (mlog2 / share - mu * mu) * npos / (npos - 1), 0.0)
    sd = np.minimum(np.sqrt(np.maximum(var, 0.0)), MAX_LOG_SD)
    e1, e2 = _excess(mu, sd, cap)
    return share * e1, share * e2


def _excess(mu: np.ndarray, sd: np.ndarray, cap: float) -> tuple[np.ndarray, np.ndarray]:
    """E[(X - cap)+] and E[(X - cap)+ ** 2] for X log-normal with log-mean mu and log-sd sd."""
    e1 = np.zeros_like(mu)
    e2 = np.zeros_like(mu)
    flat = sd <= 0
    # A zero spread means every value is exp(mu).
    e1[flat] = np.maximum(np.exp(mu[flat]) - cap, 0.0)
    e2[flat] = e1[flat] ** 2
    if cap <= 0:
        # Everything is above a zero cap: the excess is the value itself.
        s = sd[~flat]
        e1[~flat] = np.exp(mu[~flat] + s**2 / 2)
        e2[~flat] = np.exp(2 * mu[~flat] + 2 * s**2)
        return e1, e2
    s, u = sd[~flat], mu[~flat]
    d = (u - math.log(cap)) / s
    with np.errstate(over="ignore", invalid="ignore"):
        p0 = _norm_cdf(d)
        p1 = np.exp(u + s**2 / 2) * _norm_cdf(d + s)  # E[X; X > cap]
        p2 = np.exp(2 * u + 2 * s**2) * _norm_cdf(d + 2 * s)  # E[X^2; X > cap]
        first = np.maximum(p1 - cap * p0, 0.0)
        second = np.maximum(p2 - 2 * cap * p1 + cap**2 * p0, 0.0)
    e1[~flat] = np.nan_to_num(first, nan=0.0)
    e2[~flat] = np.nan_to_num(second, nan=0.0)
    return e1, e2


def _norm_cdf(x: np.ndarray) -> np.ndarray:
    """Standard normal distribution function, relative accuracy about 1e-7 in both tails (erfc by Chebyshev)."""
    z = np.abs(x) / math.sqrt(2)
    t = 1 / (1 + 0.5 * z)
    poly = -1.26551223 + t * (
        1.00002368
        + t
        * (
            0.37409196
            + t
            * (
                0.09678418
                + t
                * (
                    -0.18628806
                    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))
                )
            )
        )
    )
    half_erfc = 0.5 * t * np.exp(-z * z + poly)
    return np.where(x < 0, half_erfc, 1 - half_erfc)


def _method(cap: float, cap_quantile: float, n_boot: int, n_pooled: int, n_fields: int) -> str:
    pct = fmt.num(cap_quantile * 100, 1 if (cap_quantile * 1000) % 10 else 0)
    borrowed = (
        f" Với {fmt.num(n_pooled)} lĩnh vực có dưới {MIN_OWN} giá trị đã ghi, ước tính dùng giá trị của mọi lĩnh vực."
        if n_pooled
        else f" Lĩnh vực nào có dưới {MIN_OWN} giá trị đã ghi thì dùng giá trị của mọi lĩnh vực."
    )
    return (
        "Ước tính làm riêng từng lĩnh vực: mỗi sáng kiến chưa ghi giá trị được coi như có mức làm lợi "
        "trung bình của các sáng kiến cùng lĩnh vực đã ghi giá trị."
        + borrowed
        + f" Để một vài giá trị rất lớn không quyết định kết quả, mỗi giá trị vượt mức phân vị {pct}% của mọi giá trị "
        f"đã ghi ({fmt.money(cap)}) chỉ được tính bằng mức đó; phần vượt trên mức này được bù theo một đường phân phối "
        "log-chuẩn khớp với toàn bộ giá trị của lĩnh vực, nên một giá trị cực lớn chỉ làm ước tính nhích lên chút ít."
        f" Khoảng tin cậy 90% lấy từ {fmt.num(n_boot)} lần lấy mẫu lại (bootstrap) các giá trị đã ghi, có tính cả "
        "độ dao động của chính các sáng kiến chưa ghi giá trị."
        " Ước tính giả định sáng kiến chưa ghi giá trị giống sáng kiến đã ghi cùng lĩnh vực; nếu thực tế chúng "
        "thường làm lợi ít hơn thì con số thật sẽ thấp hơn."
    )


def _share_cap(sample: np.ndarray, cap: float, max_share: float) -> float:
    """The highest level L >= cap such that, with every value limited to L, no single value supplies more than
    max_share of the part above cap. With fewer than 1 / max_share values above cap, that is cap itself."""
    excess = np.sort(sample[sample > cap] - cap)[::-1]  # largest first
    if excess.size == 0 or max_share <= 0:
        return cap
    if excess[0] <= max_share * excess.sum():
        return cap + float(excess[0])  # nothing needs limiting
    # With the j largest limited to t (e_{j+1} <= t <= e_j): t = max_share * (j * t + rest_j).
    j = np.arange(1, excess.size + 1)
    rest = excess.sum() - np.cumsum(excess)
    below = np.r_[excess[1:], 0.0]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = max_share * rest / (1 - max_share * j)
    ok = (max_share * j < 1) & (t >= below) & (t <= excess)
    return cap + (float(t[ok].max()) if ok.any() else 0.0)
