"""course_lib.training: sweep (a DataFrame, one row per run) and near_zero_fraction, without TensorFlow."""

import math

import numpy as np
import pandas as pd
import pytest

from course_lib.training import near_zero_fraction, sweep

LAMS = [0.0, 0.01, 0.1]
SEEDS = [0, 1, 2, 3]


def fake_run(lam, seed):
    """A deterministic 'experiment': the error grows with λ, the accuracy is best at λ = 0.01."""
    return {"error": 1.0 + 10 * lam + 0.1 * seed, "accuracy": 0.9 - abs(lam - 0.01) - 0.01 * seed**2}


@pytest.fixture
def table():
    return sweep(fake_run, LAMS, SEEDS, progress=False)


def test_rows_cover_every_lam_and_seed_in_order(table):
    assert isinstance(table, pd.DataFrame)
    assert list(zip(table.lam, table.seed, strict=True)) == [(lam, s) for lam in LAMS for s in SEEDS]
    assert list(table.columns) == ["lam", "seed", "error", "accuracy", "time_s"]
    for row in table.itertuples():
        assert row.error == fake_run(row.lam, row.seed)["error"]
        assert isinstance(row.lam, float) and row.time_s >= 0


def test_groupby_summaries_match_numpy(table):
    for lam in LAMS:
        expected = np.array([fake_run(lam, s)["error"] for s in SEEDS])
        got = table[table.lam == lam].error.to_numpy()
        np.testing.assert_array_equal(got, expected)
        assert table.groupby("lam").error.std().loc[lam] == pytest.approx(np.std(expected, ddof=1))


def test_numpy_lams_and_seeds_are_accepted():
    table = sweep(fake_run, np.array([0, 1]), np.arange(2), progress=False)
    assert list(table.lam) == [0.0, 0.0, 1.0, 1.0] and list(table.seed) == [0, 1, 0, 1]


def test_each_run_is_seeded():
    """Every (λ, seed) run starts from the same global RNG state for that seed."""
    table = sweep(lambda lam, seed: {"draw": float(np.random.rand())}, [0.0, 1.0], [0, 7],  # noqa: NPY002
                  progress=False)
    draws = {(r.lam, r.seed): r.draw for r in table.itertuples()}
    assert draws[(0.0, 0)] == draws[(1.0, 0)] and draws[(0.0, 7)] == draws[(1.0, 7)]
    assert draws[(0.0, 0)] != draws[(0.0, 7)]


def test_progress_lines_show_the_requested_metrics(capsys):
    sweep(fake_run, [0.0, 0.1], [0, 1], show=["error"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("[1/2]") and "error=1.05" in lines[0] and "accuracy" not in lines[0]
    assert lines[1].startswith("[2/2]") and "lam=0.1" in lines[1]
    sweep(fake_run, [0.0], [0], progress=False)
    assert capsys.readouterr().out == ""


def test_show_names_an_unknown_metric():
    with pytest.raises(ValueError, match="show"):
        sweep(fake_run, [0.0], [0], show=["nope"])


@pytest.mark.parametrize("seeds", [[-1], [1.5], ["a"], [True]])
def test_bad_seeds_raise(seeds):
    with pytest.raises(ValueError, match="seeds"):
        sweep(fake_run, [0.0], seeds, progress=False)


@pytest.mark.parametrize("lams", [[-0.1], [0.0, math.nan], [math.inf], ["0.1"], [None], [True]])
def test_bad_lams_raise(lams):
    with pytest.raises(ValueError, match="lams"):
        sweep(fake_run, lams, [0], progress=False)


@pytest.mark.parametrize(("lams", "seeds"), [([], [0]), ([0.1], [])])
def test_empty_grid_raises(lams, seeds):
    with pytest.raises(ValueError, match="at least one"):
        sweep(fake_run, lams, seeds, progress=False)


def test_bad_lams_raise_before_any_run():
    calls = []
    with pytest.raises(ValueError, match="lams"):
        sweep(lambda lam, seed: calls.append(lam) or {}, [0.1, -1.0], [0], progress=False)
    assert calls == []


def test_near_zero_fraction():
    w = np.array([0.0, 5e-4, -5e-4, 1e-3, -2e-3, 0.5])
    assert near_zero_fraction(w) == pytest.approx(3 / 6)  # default tol 1e-3, strict: |w| < tol
    assert near_zero_fraction(w, tol=1e-2) == pytest.approx(5 / 6)
    assert near_zero_fraction(w, tol=0.0) == 0.0
    assert near_zero_fraction([w, np.zeros((2, 3))], tol=1e-3) == pytest.approx((3 + 6) / 12)  # pooled
    assert near_zero_fraction(np.ones((4, 4))) == 0.0


def test_near_zero_fraction_bad_input():
    with pytest.raises(ValueError, match="weights"):
        near_zero_fraction([np.array([0.0, np.nan])])
    with pytest.raises(ValueError, match="weights"):
        near_zero_fraction([])
    with pytest.raises(ValueError, match="weights"):
        near_zero_fraction(np.array([]))


def test_near_zero_fraction_rejects_negative_or_nan_tol():
    for bad in (-1e-3, float("nan")):
        with pytest.raises(ValueError, match="tol"):
            near_zero_fraction([1.0, 0.0], bad)
