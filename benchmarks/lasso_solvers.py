"""Benchmark: time for ISTA, FISTA and scikit-learn's coordinate descent to solve the same lasso.

For each problem (a sparse truth from ``course_lib.data.make_sparse_regression``)
and lam = LAM_FRACTION · lam_max, every solver is timed to the point where its
objective is within GAP (relative) of the optimum J*:

- J* is the smaller of a long FISTA-with-restart run and sklearn's Lasso at tol=1e-14;
- ISTA / FISTA: one untimed run records the objective at every iteration, giving
  the first iteration k with (J_k − J*)/J* ≤ GAP; then ``solver(max_iter=k, tol=0)``
  is timed (this includes computing L = σ_max²/m and lam_max, as a user pays them);
- sklearn ``Lasso(alpha=lam/(2m), fit_intercept=False, tol=0)``: the smallest
  ``max_iter`` (epochs over all coordinates) reaching the gap is found, then timed.

Times are the best of REPEATS runs, with BLAS limited to one thread (sklearn's
coordinate descent is single-threaded Cython; numpy's mat-vecs would otherwise
use all cores). A benchmark, not a test: run ``python benchmarks/lasso_solvers.py``.
"""

from __future__ import annotations

import platform
import time
import warnings
from functools import partial

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso
from threadpoolctl import threadpool_limits

from course_lib.data import make_sparse_regression
from course_lib.objectives import (
    lasso_fista,
    lasso_ista,
    lasso_lambda_max,
    lasso_objective,
    lipschitz_constant,
)

PROBLEMS = [(500, 200), (200, 1000)]  # (n_samples, n_features)
N_INFORMATIVE = 10
NOISE = 1.0
LAM_FRACTION = 0.05
GAP = 1e-6
REPEATS = 15
SOLVERS = {
    "ISTA": lasso_ista,
    "FISTA": lasso_fista,
    "FISTA + restart": partial(lasso_fista, restart=True),
}


def best_time(func, repeats: int = REPEATS) -> float:
    """Smallest wall-clock time of ``repeats`` calls, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def sklearn_lasso(X, y, lam, *, max_iter, tol=0.0):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return Lasso(alpha=lam / (2 * len(y)), fit_intercept=False, tol=tol, max_iter=max_iter).fit(X, y)


def reference_optimum(X, y, lam) -> float:
    fista = lasso_fista(X, y, lam, max_iter=200_000, tol=1e-14, restart=True).objective[-1]
    cd = lasso_objective(sklearn_lasso(X, y, lam, max_iter=1_000_000, tol=1e-14).coef_, X, y, lam)
    return min(fista, cd)


def sklearn_epochs_to_gap(X, y, lam, best, gap, limit=100_000) -> int:
    """Smallest max_iter for which sklearn's Lasso (tol=0) ends within ``gap`` of ``best``."""

    def reached(epochs):
        return lasso_objective(sklearn_lasso(X, y, lam, max_iter=epochs).coef_, X, y, lam) - best <= gap * best

    hi = 1
    while not reached(hi):
        hi *= 2
        if hi > limit:
            raise RuntimeError(f"sklearn did not reach the gap in {limit} epochs")
    lo = hi // 2  # not reached (or 0)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if reached(mid) else (mid, hi)
    return hi


def run_problem(n_samples: int, n_features: int) -> None:
    X, y, w_true = make_sparse_regression(n_samples, n_features, N_INFORMATIVE, noise=NOISE, seed=0)
    lam = LAM_FRACTION * lasso_lambda_max(X, y)
    best = reference_optimum(X, y, lam)
    rows = []
    for name, solver in SOLVERS.items():
        # Stops once the duality gap (≥ the objective gap) is tiny: past the iteration we look for.
        trace = solver(X, y, lam, max_iter=200_000, tol=GAP / 100).objective
        hits = np.flatnonzero(trace - best <= GAP * best)
        if not len(hits):
            rows.append((name, None, float("nan"), None))
            continue
        k = max(int(hits[0]), 1)
        seconds = best_time(lambda solver=solver, k=k: solver(X, y, lam, max_iter=k, tol=0))
        coef = solver(X, y, lam, max_iter=k, tol=0).coef
        rows.append((name, k, seconds, coef))
    epochs = sklearn_epochs_to_gap(X, y, lam, best, GAP)
    seconds = best_time(lambda: sklearn_lasso(X, y, lam, max_iter=epochs))
    rows.append(("sklearn Lasso (CD)", epochs, seconds, sklearn_lasso(X, y, lam, max_iter=epochs).coef_))
    sk_seconds = seconds
    setup = best_time(lambda: (lipschitz_constant(X), lasso_lambda_max(X, y)))

    support = w_true != 0
    print(f"\n{n_samples} × {n_features}, {N_INFORMATIVE} true non-zeros, noise {NOISE}, "
          f"lam = {LAM_FRACTION} · lam_max = {lam:.4g} (sklearn alpha = {lam / (2 * n_samples):.4g}), "
          f"J* = {best:.10g}")
    print(f"{'solver':<20} {'iterations':>10} {'time to gap':>12} {'÷ sklearn':>10} {'non-zeros':>10} "
          f"{'true found':>10}")
    for name, k, secs, coef in rows:
        if k is None:
            print(f"{name:<20} {'not reached':>10}")
            continue
        nonzero = coef != 0
        print(f"{name:<20} {k:>10d} {secs * 1e3:>9.2f} ms {secs / sk_seconds:>10.2f} "
              f"{int(nonzero.sum()):>10d} {int((nonzero & support).sum()):>7d}/{int(support.sum())}")
    print(f"(ISTA/FISTA times include {setup * 1e3:.2f} ms for L = σ_max(X)²/m and lam_max)")


def main() -> None:
    print(f"Time to a {GAP:g} relative objective gap (best of {REPEATS}; BLAS on 1 thread). "
          f"numpy {np.__version__}, scikit-learn {sklearn.__version__}, "
          f"{platform.processor() or platform.machine()}")
    print("Iterations: proximal-gradient steps for ISTA/FISTA (2 mat-vecs each), "
          "epochs over all coordinates for sklearn.")
    with threadpool_limits(limits=1):
        for n_samples, n_features in PROBLEMS:
            run_problem(n_samples, n_features)


if __name__ == "__main__":
    main()
