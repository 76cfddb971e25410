"""Paired comparisons over seeds: mean difference, 95 % t interval (ddof = 1), and the words that follow it.

A method is compared with its baseline *paired*: run i of the method and run i of
the baseline share a seed (the same data draw and initialization), so the seed-to-seed
variation cancels in their difference. With n seeds the interval is

    mean(d) ± t_{0.975, n−1} · std(d, ddof=1) / √n,        d_i = method_i − baseline_i,

the interval of ``scipy.stats.ttest_rel(method, baseline).confidence_interval()``.
Sweep results are ``pandas.DataFrame`` objects, one row per run; :func:`summarize`
and :func:`compare` turn them into one row per setting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._validate import array, choice, text

CONFIDENCE = 0.95


def _check_confidence(confidence: float) -> float:
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float, np.floating)) or not (
            0 < confidence < 1):
        raise ValueError(f"confidence must be a number strictly between 0 and 1, got {confidence!r}")
    return float(confidence)


def t_interval(values, confidence: float = CONFIDENCE) -> tuple[float, float, float]:
    """(mean, low, high): the t confidence interval of the mean of ``values`` (std with ddof = 1)."""
    from scipy import stats

    confidence = _check_confidence(confidence)
    x = array(values, "values").ravel()
    if x.size < 2:
        raise ValueError(f"values must hold at least 2 numbers for an interval, got {x.size}")
    mean = float(x.mean())
    half = float(stats.t.ppf(0.5 + confidence / 2, df=x.size - 1) * x.std(ddof=1) / np.sqrt(x.size))
    return mean, mean - half, mean + half


@dataclass(frozen=True)
class Paired:
    """A paired comparison: per-seed differences (method − baseline) and their t interval."""

    differences: np.ndarray
    mean: float
    low: float
    high: float
    confidence: float = CONFIDENCE
    unit: str = "seeds"

    @property
    def n(self) -> int:
        """Number of pairs (seeds)."""
        return len(self.differences)

    @property
    def excludes_zero(self) -> bool:
        """True when the interval lies entirely above or entirely below 0."""
        return self.low > 0 or self.high < 0

    def verdict(self, lower: str = "lower", higher: str = "higher") -> str:
        """The words that follow the interval: '<lower> (95 % CI excludes 0)', or 'no difference established'."""
        level = f"{100 * self.confidence:g} %"
        if self.high < 0:
            return f"{lower} ({level} CI excludes 0)"
        if self.low > 0:
            return f"{higher} ({level} CI excludes 0)"
        return f"no difference established with {self.n:,} {self.unit}"

    def __str__(self) -> str:
        return (f"{self.mean:+.4g}, {100 * self.confidence:g} % CI [{self.low:+.4g}, {self.high:+.4g}] "
                f"over {self.n:,} {self.unit}")


def paired(method, baseline, confidence: float = CONFIDENCE, *, unit: str = "seeds") -> Paired:
    """Compare per-seed results of a method with its baseline's (same seeds, same order).

    ``unit`` names what is paired in printed text ("seeds", or e.g. "test digits"
    when one trained model is compared with another digit by digit).
    """
    a = array(method, "method").ravel()
    b = array(baseline, "baseline").ravel()
    unit = text(unit, "unit")
    if a.shape != b.shape:
        raise ValueError(f"method and baseline must hold one value per seed each, got {a.size} and {b.size}")
    d = a - b
    mean, low, high = t_interval(d, confidence)
    return Paired(d, mean, low, high, _check_confidence(confidence), unit)


def _check_columns(df: pd.DataFrame, columns: Sequence[str], name: str = "df") -> None:
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    for c in columns:
        try:
            hash(c)
        except TypeError:
            raise ValueError(f"column names must be strings, got {type(c).__name__}") from None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{name} has no column(s) {missing}; it has {list(df.columns)}")


def _names(value: Any, name: str) -> list[str]:
    """One column name or a list of them, as a list of strings."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)) or not value or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} must be a column name or a non-empty list of column names, got {value!r}"[:200])
    return list(value)


def summarize(df: pd.DataFrame, metrics: Sequence[str], by: str | Sequence[str] = "lam",
              confidence: float = CONFIDENCE) -> pd.DataFrame:
    """Per setting: mean, std (ddof = 1) and the t-interval half-width of each metric over its runs."""
    from scipy import stats

    by, metrics = _names(by, "by"), _names(metrics, "metrics")
    _check_columns(df, [*by, *metrics])
    if df.empty:
        raise ValueError("df must hold at least one row")
    confidence = _check_confidence(confidence)
    grouped = df.groupby(by, sort=False)
    n = grouped[metrics].count()
    out = {}
    for m in metrics:
        std = grouped[m].std(ddof=1)
        t = stats.t.ppf(0.5 + confidence / 2, df=(n[m] - 1).clip(lower=1))
        out[(m, "mean")] = grouped[m].mean()
        out[(m, "std")] = std
        out[(m, "ci")] = t * std / np.sqrt(n[m])
    table = pd.DataFrame(out)
    table.insert(0, ("runs", ""), n[metrics[0]])
    return table


def best(df: pd.DataFrame, metric: str, *, by: str | Sequence[str] = "lam", mode: str = "min"):
    """The setting (value of ``by``) with the best mean ``metric`` over its runs; ties go to the first one."""
    mode = choice(mode, "mode", ("min", "max"))
    by = _names(by, "by")
    metric = text(metric, "metric")
    _check_columns(df, [*by, metric])
    if df.empty:
        raise ValueError("df must hold at least one row")
    means = df.groupby(by, sort=False)[metric].mean()
    key = means.idxmin() if mode == "min" else means.idxmax()
    return key


def compare(df: pd.DataFrame, metric: str, *, baseline, by: str = "method", pair: str = "seed",
            lower: str = "lower", higher: str = "higher", confidence: float = CONFIDENCE) -> pd.DataFrame:
    """One row per setting of ``by`` (except the baseline): paired difference in ``metric`` and its verdict.

    Runs are paired on the ``pair`` column (the seed); every setting must have
    been run on exactly the baseline's seeds.
    """
    by, pair, metric = text(by, "by"), text(pair, "pair"), text(metric, "metric")
    lower, higher = text(lower, "lower"), text(higher, "higher")
    _check_columns(df, [by, pair, metric])
    if df.duplicated([pair, by]).any():
        raise ValueError(f"df must hold one row per ({pair}, {by}) pair, but some are repeated")
    wide = df.pivot(index=pair, columns=by, values=metric)
    try:
        known = baseline in wide.columns
    except TypeError:  # unhashable
        known = False
    if not known:
        raise ValueError(f"baseline {baseline!r} is not a value of column {by!r}: {list(wide.columns)}")
    rows = []
    for setting in dict.fromkeys(df[by]):
        if setting == baseline:
            continue
        pair_values = wide[[setting, baseline]]
        if pair_values.isna().any().any():
            raise ValueError(f"{by}={setting!r} and the baseline were not run on the same seeds")
        result = paired(pair_values[setting], pair_values[baseline], confidence)
        rows.append({by: setting, "mean diff": result.mean, "CI low": result.low, "CI high": result.high,
                     "verdict": result.verdict(lower, higher),
                     "per seed": " ".join(f"{d:+.3f}" for d in result.differences)})
    return pd.DataFrame(rows).set_index(by)


def table_for_display(frame: pd.DataFrame, digits: int = 4) -> pd.DataFrame:
    """A copy for showing: float columns as text with ``digits`` decimals, missing values as "—" (not NaN)."""
    from ._validate import integer

    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"frame must be a pandas DataFrame, got {type(frame).__name__}")
    digits = integer(digits, "digits", low=0, high=15)
    shown = frame.copy()
    for column in shown.columns:
        if pd.api.types.is_float_dtype(shown[column]):
            shown[column] = ["—" if pd.isna(value) else f"{value:.{digits}f}" for value in shown[column]]
    return shown
