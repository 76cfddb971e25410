"""course_lib.stats: paired t intervals against scipy.stats.ttest_rel, summaries against pandas/numpy."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from course_lib.stats import best, compare, paired, summarize, t_interval

RNG = np.random.default_rng(0)


@pytest.mark.parametrize("n", [2, 3, 5, 12])
@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_paired_interval_equals_scipy_ttest_rel(n, confidence):
    a, b = RNG.normal(size=n), RNG.normal(size=n)
    result = paired(a, b, confidence)
    ci = sps.ttest_rel(a, b).confidence_interval(confidence)
    assert result.low == pytest.approx(ci.low, rel=1e-12, abs=1e-14)
    assert result.high == pytest.approx(ci.high, rel=1e-12, abs=1e-14)
    np.testing.assert_array_equal(result.differences, a - b)
    assert result.n == n and result.mean == pytest.approx(np.mean(a - b))


def test_t_interval_uses_ddof_1():
    x = np.array([1.0, 2.0, 4.0])
    mean, low, high = t_interval(x)
    half = sps.t.ppf(0.975, 2) * np.std(x, ddof=1) / np.sqrt(3)
    assert (mean, low, high) == pytest.approx((7 / 3, 7 / 3 - half, 7 / 3 + half))


def test_verdicts_follow_the_interval():
    base = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    lower = paired(base - np.array([0.10, 0.12, 0.09, 0.11, 0.10]), base)
    higher = paired(base + np.array([0.10, 0.12, 0.09, 0.11, 0.10]), base)
    unclear = paired(base + np.array([0.10, -0.12, 0.09, -0.11, 0.01]), base)
    assert lower.excludes_zero and lower.verdict() == "lower (95 % CI excludes 0)"
    assert higher.excludes_zero and higher.verdict("worse", "better") == "better (95 % CI excludes 0)"
    assert not unclear.excludes_zero and unclear.verdict() == "no difference established with 5 seeds"


def test_paired_rejects_bad_input():
    with pytest.raises(ValueError, match="method and baseline"):
        paired([1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="at least 2"):
        paired([1.0], [2.0])
    with pytest.raises(ValueError, match="confidence"):
        paired([1.0, 2.0], [2.0, 3.0], confidence=95)
    with pytest.raises(ValueError, match="method"):
        paired([1.0, np.nan], [2.0, 3.0])


def _runs():
    rows = [{"method": m, "lam": lam, "seed": s, "err": 1.0 + lam + 0.1 * s + (0.05 if m == "b" else 0)}
            for m in ("a", "b") for lam in (0.0, 0.5) for s in range(4)]
    return pd.DataFrame(rows)


def test_summarize_matches_pandas():
    df = _runs()
    table = summarize(df, ["err"], by=["method", "lam"])
    group = df[(df.method == "b") & (df.lam == 0.5)].err
    assert table.loc[("b", 0.5), ("err", "mean")] == pytest.approx(group.mean())
    assert table.loc[("b", 0.5), ("err", "std")] == pytest.approx(group.std(ddof=1))
    assert table.loc[("b", 0.5), ("err", "ci")] == pytest.approx(sps.t.ppf(0.975, 3) * group.std() / 2)
    assert table.loc[("b", 0.5), ("runs", "")] == 4


def test_best_and_compare():
    df = _runs()
    assert best(df, "err", by="lam") == 0.0
    assert best(df, "err", by="lam", mode="max") == 0.5
    one_lam = df[df.lam == 0.0]
    table = compare(one_lam, "err", baseline="a")
    assert list(table.index) == ["b"]
    assert table.loc["b", "mean diff"] == pytest.approx(0.05)
    assert table.loc["b", "verdict"] == "higher (95 % CI excludes 0)"
    with pytest.raises(ValueError, match="baseline"):
        compare(one_lam, "err", baseline="c")
    with pytest.raises(ValueError, match="column"):
        compare(one_lam, "nope", baseline="a")


def test_table_for_display_writes_a_dash_for_missing_values_and_fixed_decimals():
    from course_lib.stats import table_for_display

    frame = pd.DataFrame({"mse": [0.12345, np.nan], "ci": ["[-0.1, +0.2]", ""], "n": [3, 3]}, index=["a", "b"])
    shown = table_for_display(frame, digits=3)
    assert shown["mse"].tolist() == ["0.123", "—"] and shown["ci"].tolist() == ["[-0.1, +0.2]", ""]
    assert shown["n"].tolist() == [3, 3] and "NaN" not in shown.to_string() and "NaN" not in shown.to_html()
    assert np.isnan(frame.loc["b", "mse"])  # the original is untouched
    with pytest.raises(ValueError, match="frame"):
        table_for_display([1, 2])
    with pytest.raises(ValueError, match="digits"):
        table_for_display(frame, digits=-1)
