"""An estimate of the benefit of the initiatives that declared no value, with a 90% interval.

The declared values stand in for the missing ones field by field (missing at random within a field).
A field with fewer than MIN_OWN declared values uses all declared values instead.

Extremes: above the cap (the cap_quantile quantile of all declared values) a value counts in full only
while no single value supplies more than MAX_SHARE of its field's part above the cap. Values beyond the
resulting limit count as the limit, and the expected part above the limit comes from a log-normal curve
fitted to the field's values (mean and spread of the logs, which one extreme value barely moves). So a
lone 100-billion value among a few hundred ordinary ones is cut back to the cap, while a tail made of
many large values counts as declared.

The interval is for the total of the missing initiatives themselves: each bootstrap replicate carries the
uncertainty of the field average and the spread of a sum over the field's missing initiatives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sangkien import fmt
from sangkien.analysis.lognormal import lognormal_excess
from sangkien.i18n import N_, module_texts, t, tn

MIN_OWN = 5  # a field with fewer declared values uses all declared values
MAX_SHARE = 0.2  # above the cap, no single value may supply more than this share of its field's part
MAX_DRAWS = 1000  # draws per replicate and field; more are replaced by rescaling (Rao-Wu)
MAX_LOG_SD = 5.0  # guard for replicates of a tiny field: a spread of the logs beyond this is nonsense
LEVEL = 0.90

NO_DECLARED_KEY = N_("estimate.no_declared")


__getattr__ = module_texts({"NO_DECLARED_MESSAGE": NO_DECLARED_KEY})  # in the language of the run


class NoDeclaredValues(ValueError):
    """Fewer than MIN_OWN initiatives declared a value (none at all: NO_DECLARED_MESSAGE): no estimate."""


@dataclass
class Estimate:
    total: float  # point estimate (đồng) for the initiatives without a value
    low: float  # 5th percentile
    high: float  # 95th percentile
    by_field: pd.DataFrame  # field, declared_n, declared_total, missing_n, estimate, low, high, pooled, limit
    method: str  # in plain words (the run's language): what was done and how extremes are handled
    cap: float = math.nan  # the cap_quantile quantile of all declared values (đồng)
    n_boot: int = 0


def estimate_missing(
    declared: pd.DataFrame,
    missing: pd.DataFrame,
    n_boot: int = 2000,
    seed: int = 0,
    cap_quantile: float = 0.99,
    *,
    max_share: float = MAX_SHARE,
) -> Estimate:
    """declared: columns field, benefit_vnd (one row per initiative WITH a value);
    missing: columns field, n (count of initiatives WITHOUT a value per field).

    by_field has one row per field of either table; `pooled` marks fields estimated from all declared
    values, `limit` is the level the field's values were limited to.
    Raises NoDeclaredValues (a ValueError with a message in the run's language) when no value is declared at all, or
    fewer than MIN_OWN: a handful of values cannot stand for the rest. With no missing initiative: 0.
    """
    if n_boot < 1:
        raise ValueError(t("estimate.error_n_boot"))
    if not 0 < cap_quantile <= 1:
        raise ValueError(t("estimate.error_cap_quantile"))
    values = pd.to_numeric(declared["benefit_vnd"], errors="coerce").to_numpy(float)
    keep = np.isfinite(values)
    values, dfield = values[keep], declared["field"].to_numpy(object)[keep]
    if (values < 0).any():
        raise ValueError(t("estimate.error_negative_value"))
    if values.size == 0:
        raise NoDeclaredValues(t(NO_DECLARED_KEY))
    if values.size < MIN_OWN:
        raise NoDeclaredValues(tn("estimate.too_few_declared", int(values.size), min=fmt.num(MIN_OWN)))
    counts = pd.to_numeric(missing["n"], errors="coerce").fillna(0).to_numpy(float)
    if (counts < 0).any():
        raise ValueError(t("estimate.error_negative_count"))
    counts = np.rint(counts).astype(np.int64)

    # One row per field of either table, sorted by name; an empty field name is a field of its own.
    codes, fields = pd.factorize(
        np.concatenate([dfield, missing["field"].to_numpy(object)]), sort=True, use_na_sentinel=False
    )
    dcode, mcode = codes[: values.size], codes[values.size :]
    n_fields = len(fields)
    miss_n = np.bincount(mcode, weights=counts, minlength=n_fields).astype(np.int64)
    decl_n = np.bincount(dcode, minlength=n_fields)
    decl_total = np.bincount(dcode, weights=values, minlength=n_fields)

    cap = float(np.quantile(values, cap_quantile))
    # Sorted by field, then value: the result does not depend on the order of the rows.
    by_value = values[np.lexsort((values, dcode))]
    all_values = np.sort(values)
    starts = np.r_[0, np.cumsum(decl_n)]
    pooled = decl_n < MIN_OWN
    pooled_limit = _share_limit(all_values, cap, max_share)
    rng = np.random.default_rng(seed)

    point = np.zeros(n_fields)
    reps = np.zeros((n_fields, n_boot))
    limit = np.full(n_fields, pooled_limit)
    for f in range(n_fields):
        sample = all_values if pooled[f] else by_value[starts[f] : starts[f + 1]]
        if not pooled[f]:
            limit[f] = _share_limit(sample, cap, max_share)
        if miss_n[f] > 0:
            point[f], reps[f] = _field(sample, int(miss_n[f]), float(limit[f]), n_boot, rng)

    q = [(1 - LEVEL) / 2 * 100, (1 + LEVEL) / 2 * 100]
    field_low, field_high = np.percentile(reps, q, axis=1)
    low, high = np.percentile(reps.sum(axis=0), q)
    # The point estimate is the plug-in total, not a statistic of the replicates, so it does not depend on
    # the seed. Outside degenerate cases it lies well inside the interval; the bounds are kept around it.
    total = float(point.sum())
    by_field = pd.DataFrame(
        {
            "field": [None if pd.isna(f) else f for f in fields],
            "declared_n": decl_n,
            "declared_total": decl_total,
            "missing_n": miss_n,
            "estimate": point,
            "low": np.minimum(field_low, point),
            "high": np.maximum(field_high, point),
            "pooled": pooled & (miss_n > 0),
            "limit": limit,
        }
    )
    by_field = by_field.sort_values(["estimate", "missing_n"], ascending=False, kind="stable").reset_index(drop=True)
    top = int(np.argmax(values))
    return Estimate(
        total=total,
        low=min(float(low), total),
        high=max(float(high), total),
        by_field=by_field,
        method=_method(
            cap=cap,
            cap_quantile=cap_quantile,
            max_share=max_share,
            n_boot=n_boot,
            n_pooled=int(by_field["pooled"].sum()),
            top=float(values[top]),
            top_limit=float(limit[dcode[top]]),
        ),
        cap=cap,
        n_boot=n_boot,
    )


def _share_limit(sample: np.ndarray, cap: float, max_share: float) -> float:
    """The highest level L >= cap such that, with every value limited to L, no single value supplies more
    than max_share of the sample's part above cap. With fewer than 1 / max_share values above cap: cap."""
    excess = np.sort(sample[sample > cap] - cap)[::-1]  # largest first
    if excess.size == 0 or max_share <= 0:
        return cap
    total = excess.sum()
    if excess[0] <= max_share * total:
        return cap + float(excess[0])  # nothing to limit
    # With the j largest limited to t (e_{j+1} <= t <= e_j), the condition t = max_share * (j t + rest_j).
    j = np.arange(1, excess.size + 1)
    rest = np.r_[np.cumsum(excess[::-1])[::-1][1:], 0.0]  # sum of the values after the j largest
    below = np.r_[excess[1:], 0.0]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = max_share * rest / (1 - max_share * j)
    # the bracket is checked with a relative tolerance: t equal to a value (equal values) may come out
    # a rounding error below it, and is then that value
    ok = (max_share * j < 1) & (t >= below * (1 - 1e-12)) & (t <= excess * (1 + 1e-12))
    return cap + (float(np.clip(t, below, excess)[ok].max()) if ok.any() else 0.0)


def _field(sample: np.ndarray, m: int, limit: float, n_boot: int, rng: np.random.Generator) -> tuple[float, np.ndarray]:
    """Point estimate and bootstrap replicates of the total over m missing initiatives, from the declared
    sample: the sample limited to `limit`, plus the log-normal curve's expected part above it."""
    n = sample.size
    positive = sample > 0
    logs = np.log(np.where(positive, sample, 1.0))
    # Logs are taken around their mean (added back in _tail): equal values give a spread of exactly 0.
    centre = logs[positive].mean() if positive.any() else 0.0
    logs = np.where(positive, logs - centre, 0.0)
    # Per initiative: the limited value, whether positive, the log and the squared log (0 when not positive).
    cols = np.stack([np.minimum(sample, limit), positive, logs, logs * logs])
    full = cols.mean(axis=1)
    e1, _ = _tail(full[None, 1:], n, limit, centre)
    point = m * (full[0] + e1[0])

    # One resample drives both parts, so a resample rich in high values raises both together.
    # The total over m missing initiatives varies around m * mean with variance m^2 var (1/n + 1/m):
    # the uncertainty of the average plus the spread of a sum of m values. The mean of k = nm/(n+m) draws
    # from the sample has exactly that variance; beyond MAX_DRAWS, MAX_DRAWS draws are rescaled to the
    # same variance (Rao-Wu). The curve's parameters carry only the uncertainty of the average: rescaled to n.
    k_exact = max(1, round(n * m / (n + m)))
    k = min(k_exact, MAX_DRAWS)
    means = np.empty((n_boot, 4))
    chunk = max(1, 2_000_000 // k)
    for start in range(0, n_boot, chunk):
        idx = rng.integers(0, n, size=(min(chunk, n_boot - start), k))
        means[start : start + len(idx)] = np.stack([c[idx].mean(axis=1) for c in cols], axis=1)
    dev = means - full
    bulk = m * (full[0] + dev[:, 0] * (math.sqrt(k * (1 / n + 1 / m)) if k < k_exact else 1.0))
    e1, e2 = _tail(full[1:] + dev[:, 1:] * math.sqrt(k / n), n, limit, centre)

    # The part above the limit summed over the m missing initiatives: a gamma law with the mean and
    # variance of that sum (it is skewed: usually a little, sometimes a lot).
    var = np.maximum(e2 - e1**2, 0.0)
    tail = m * e1
    spread = (e1 > 0) & (var > 0)
    tail[spread] = rng.gamma(m * e1[spread] ** 2 / var[spread], var[spread] / e1[spread])
    return float(point), bulk + tail


def _tail(moments: np.ndarray, n: int, limit: float, centre: float) -> tuple[np.ndarray, np.ndarray]:
    """Per initiative, E[(X - limit)+] and E[(X - limit)+ ** 2] under the log-normal curve, from rows of
    (share positive, mean log, mean squared log), the means taken over all n initiatives, logs less centre."""
    share, mlog, mlog2 = moments.T
    npos = share * n
    with np.errstate(divide="ignore", invalid="ignore"):
        mu = np.where(share > 0, mlog / share, 0.0)
        var = np.where(npos > 1, (mlog2 / share - mu * mu) * npos / (npos - 1), 0.0)
    sd = np.minimum(np.sqrt(np.maximum(var, 0.0)), MAX_LOG_SD)
    e1, e2 = lognormal_excess(mu + centre, sd, limit)
    return share * e1, share * e2


def _method(
    *,
    cap: float,
    cap_quantile: float,
    max_share: float,
    n_boot: int,
    n_pooled: int,
    top: float,
    top_limit: float,
) -> str:
    pct = fmt.num(cap_quantile * 100, 0 if float(cap_quantile * 100).is_integer() else 1)
    inverse = 1 / max_share if max_share > 0 else math.inf
    share = f"1/{round(inverse)}" if abs(inverse - round(inverse)) < 1e-9 else fmt.pct(max_share * 100)
    borrowed = (
        tn("estimate.method_pooled", n_pooled, min=fmt.num(MIN_OWN))
        if n_pooled
        else t("estimate.method_pooled_none", min=fmt.num(MIN_OWN))
    )
    cut = t("estimate.method_cut", top=fmt.money(top), limit=fmt.money(top_limit)) if top > top_limit * 1.001 else ""
    return t(
        "estimate.method",
        borrowed=borrowed,
        cap=fmt.money(cap),
        pct=pct,
        share=share,
        cut=cut,
        n_boot=fmt.num(n_boot),
    )
