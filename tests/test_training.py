"""course_lib.training: sweep, SweepTable and near_zero_fraction on a fake run function (no TensorFlow)."""

import math

import numpy as np
import pytest

import course_lib.training
from course_lib.training import SweepTable, near_zero_fraction, sweep

LAMS = [0.0, 0.01, 0.1]
SEEDS = [0, 1, 2, 3]


def fake_run(lam, seed):
    """A deterministic 'experiment': the error grows with λ, the accuracy is best at λ = 0.01."""
    return {"error": 1.0 + 10 * lam + 0.1 * seed, "accuracy": 0.9 - abs(lam - 0.01) - 0.01 * seed**2}


@pytest.fixture(autouse=True)
def cleared(monkeypatch):
    """Count Keras session clears instead of doing them: with TensorFlow loaded each one costs ~0.2 s."""
    calls = []
    monkeypatch.setattr(course_lib.training, "_clear_keras_session", lambda: calls.append(1))
    return calls


@pytest.fixture
def table():
    return sweep(fake_run, LAMS, SEEDS, progress=False)


def test_rows_cover_every_lam_and_seed_in_order(table):
    assert isinstance(table, SweepTable)
    assert [(r["lam"], r["seed"]) for r in table.rows] == [(lam, s) for lam in LAMS for s in SEEDS]
    for row in table.rows:
        assert set(row) == {"lam", "seed", "error", "accuracy", "time_s"}
        assert row["error"] == fake_run(row["lam"], row["seed"])["error"]
        assert isinstance(row["lam"], float) and row["time_s"] >= 0
    assert table.lams == LAMS


def test_values_and_summary_match_numpy(table):
    for lam in LAMS:
        expected = np.array([fake_run(lam, s)["error"] for s in SEEDS])
        np.testing.assert_array_equal(table.values("error", lam), expected)
        mean, std = table.summary("error")[lam]
        assert mean == pytest.approx(np.mean(expected))
        assert std == pytest.approx(np.std(expected, ddof=0))
    assert list(table.summary("accuracy")) == LAMS


def test_best_lam(table):
    assert table.best_lam("accuracy") == 0.01  # mode="max" by default
    assert table.best_lam("accuracy", mode="max") == 0.01
    assert table.best_lam("error", mode="min") == 0.0
    assert table.best_lam("error", mode="max") == 0.1
    with pytest.raises(ValueError, match="mode"):
        table.best_lam("error", mode="best")


def test_best_lam_ties_go_to_the_smaller_lam():
    tied = sweep(lambda lam, seed: {"score": 1.0}, [0.3, 0.1, 0.2], [0], progress=False)
    assert tied.best_lam("score", mode="max") == 0.1
    assert tied.best_lam("score", mode="min") == 0.1


def test_keras_state_is_cleared_before_every_run(cleared):
    sweep(fake_run, LAMS, SEEDS, progress=False)
    assert len(cleared) == len(LAMS) * len(SEEDS)


def test_each_run_is_seeded():
    """Every (λ, seed) run starts from the same global RNG state for that seed."""
    table = sweep(lambda lam, seed: {"draw": float(np.random.rand())}, [0.0, 1.0], [0, 7],  # noqa: NPY002
                  progress=False)
    draws = {(r["lam"], r["seed"]): r["draw"] for r in table.rows}
    assert draws[(0.0, 0)] == draws[(1.0, 0)] and draws[(0.0, 7)] == draws[(1.0, 7)]
    assert draws[(0.0, 0)] != draws[(0.0, 7)]


def test_progress_lines_show_the_requested_metrics(capsys):
    sweep(fake_run, [0.0, 0.1], [0], show=["error"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("[1/2]") and "error=1" in lines[0] and "accuracy" not in lines[0]
    assert lines[1].startswith("[2/2]") and "lam=0.1" in lines[1]
    sweep(fake_run, [0.0], [0], progress=False)
    assert capsys.readouterr().out == ""


def test_show_prints_mean_and_std(table, capsys):
    table.show(["error"])
    out = capsys.readouterr().out.splitlines()
    assert "error" in out[0] and len(out) == 2 + len(LAMS)
    mean, std = table.summary("error")[0.1]
    assert f"{mean:.4f} ± {std:.4f}" in out[-1]


@pytest.mark.parametrize("lams", [[-0.1], [0.0, math.nan], [math.inf], ["0.1"], [None]])
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


def test_near_zero_fraction_rejects_negative_or_nan_tol():
    for bad in (-1e-3, float("nan")):
        with pytest.raises(ValueError, match="tol"):
            near_zero_fraction([1.0, 0.0], bad)
