# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 · The L2 and L1 objectives: ridge, lasso, and how to pick λ
#
# The source texts of this course give two formulas for linear regression with
# $m$ training samples, a weight vector $w$ and a regularization strength $\lambda$:
#
# $$J_{\text{ridge}}(w) = \frac{1}{2m}\|Xw - y\|_2^2 + \frac{\lambda}{2m}\|w\|_2^2,
# \qquad
# J_{\text{lasso}}(w) = \frac{1}{2m}\|Xw - y\|_2^2 + \frac{\lambda}{2m}\|w\|_1 .$$
#
# The first is **ridge regression** (L2), the second the **lasso** (L1). This
# lesson solves both exactly, on data where we *know* the true weights.
#
# **You will learn**
# - to solve ridge in closed form and by gradient descent, and check they agree;
# - to solve the lasso with ISTA and FISTA (proximal gradient), and why plain
#   subgradient descent almost never gives an exact zero (only by accident);
# - to read regularization paths, and see that L1 *selects* features while L2 only *shrinks* them
#   (and that a feature can also *leave* the lasso's selection as λ decreases);
# - to choose λ with a validation set and with K-fold cross-validation, and judge the choice against the truth;
# - why the λ that predicts best selects too many features;
# - to translate λ between the source's formula, Keras, scikit-learn (including `LogisticRegression(C)`)
#   and d2l, each row checked by a number.
#
# **Computer time** (Run All): about 10 seconds on 2 CPU cores. numpy and scikit-learn only;
# no TensorFlow.
#
# **How to use it:** run all cells first (*Run ▸ Run All Cells* in JupyterLab), then read from
# the top while the last ones finish. A short quiz after some sections checks your
# understanding (set `answer` to your choice and run its cell); the exercises at the end
# check your answers.
#
# **Before this lesson:** lesson 01 (norms, soft-thresholding) and least-squares regression.

# %% tags=["remove-cell", "skip-slide"]
# Run this cell first: it installs the course where it is missing (Colab, a
# JupyterHub). Where the course is installed it does nothing. NORMREG_SOURCE, if set,
# names what to install: any pip requirement, URL, folder or wheel of the course.
import importlib.util
import os
import site
import subprocess
import sys

COURSE_SOURCE = os.environ.get("NORMREG_SOURCE") or ""
if importlib.util.find_spec("course_lib") is None:
    if COURSE_SOURCE:
        print(
            f"Installing the course from {COURSE_SOURCE} "
            "(the first time takes a few minutes) ..."
        )
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", COURSE_SOURCE], check=True
        )
        # pip's fallback when the environment is read-only
        if os.path.isdir(site.getusersitepackages()):
            site.addsitedir(site.getusersitepackages())
        importlib.invalidate_caches()
    else:
        print(
            "course_lib is not installed: install the course as its README says, "
            "or set NORMREG_SOURCE to the course's pip requirement, URL or folder, "
            "restart the kernel and run this cell again."
        )

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import minimize
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso, LogisticRegression, Ridge, lars_path

from course_lib import notebook
from course_lib.data import make_sparse_regression
from course_lib.norms import soft_threshold
from course_lib.objectives import (
    cross_validate,
    lasso_fista,
    lasso_ista,
    lasso_lambda_max,
    lasso_objective,
    lasso_subgradient,
    lipschitz_constant,
    regularization_path,
    ridge_closed_form,
    ridge_gradient_descent,
    ridge_objective,
)
from course_lib.penalties import keras_coefficient, l1_penalty, l2_penalty
from course_lib.quizzes import quiz
from course_lib.sliders import slider
from course_lib.stats import paired

stopwatch = notebook.setup(seed=0)

# %% [markdown]
# ## 1. Data with a known sparse truth
#
# `make_sparse_regression` draws a standard normal design $X$, a true weight
# vector $w_{\text{true}}$ with only a few non-zero entries (magnitudes between 1 and 3),
# and targets $y = Xw_{\text{true}} + \text{noise}$. We draw 620 samples of 60
# features, 8 of them informative, with noise of standard deviation 1, and split
# them into **training** (100), **validation** (120) and **test** (400) sets.
# The test set is looked at only to report results, never to choose anything.

# %%
# NBVAL_CHECK_OUTPUT
X_all, y_all, w_true = make_sparse_regression(620, 60, 8, noise=1.0, seed=0)
X, y = X_all[:100], y_all[:100]
X_val, y_val = X_all[100:220], y_all[100:220]
X_test, y_test = X_all[220:], y_all[220:]
m, n_features = X.shape
support = w_true != 0
print(f"training {X.shape}, validation {X_val.shape}, test {X_test.shape}")
print(f"true support (features with w_true ≠ 0): {np.flatnonzero(support)}")
print(f"w_true on it: {w_true[support].round(2)}")


def mse(X_, y_, w):
    """Mean squared error 1/n·‖X_wide − y‖² (no ½: the usual error measure, not the
    objective)."""
    return float(np.mean((X_ @ w - y_) ** 2))


# %% [markdown]
# ## 2. The two objectives
#
# `ridge_objective` and `lasso_objective` implement the formulas above with
# $m$ = `len(y)`. A quick check against the formulas written out in numpy,
# at the true weights and at $w = 0$:

# %%
lam = 5.0
for w in (w_true, np.zeros(n_features)):
    r = X @ w - y
    by_hand_ridge = (r @ r) / (2 * m) + lam / (2 * m) * np.sum(w**2)
    by_hand_lasso = (r @ r) / (2 * m) + lam / (2 * m) * np.sum(np.abs(w))
    assert np.isclose(ridge_objective(w, X, y, lam), by_hand_ridge, rtol=1e-12)
    assert np.isclose(lasso_objective(w, X, y, lam), by_hand_lasso, rtol=1e-12)
    print(f"J_ridge = {by_hand_ridge:9.4f}   J_lasso = {by_hand_lasso:9.4f}")

# %% [markdown]
# Both terms carry the factor $1/m$. For **one fixed data set**, $m$ is a constant, and
# multiplying $J$ by a constant does not move its minimiser: the $1/m$ cancels, and the
# minimiser depends only on the data and on λ.
#
# This does **not** mean that a given λ has the same effect on data sets of different
# sizes. Write $2mJ = \|Xw - y\|^2 + \lambda R(w)$, with $R(w) = \|w\|_2^2$ or $\|w\|_1$: the data
# term is a *sum* over the $m$ samples and grows with $m$, the penalty does not. On a larger data set the same λ weighs
# relatively less, so it regularizes less. Appendix B measures this; appendix A uses the
# first fact (for a fixed data set only the ratio of the two terms matters).
#
# ## 3. Ridge: closed form and gradient descent
#
# > **3-hour workshop:** shown briefly (its key result); read the rest at home.
#
# The ridge objective is a smooth quadratic. Setting its gradient to zero,
#
# $$\nabla J = \tfrac1m\big(X^\top(Xw - y) + \lambda w\big) = 0
# \iff (X^\top X + \lambda I)\,w = X^\top y ,$$
#
# gives the **closed form** (the $m$ cancels). `ridge_closed_form` solves this
# linear system. **Gradient descent** instead repeats $w \leftarrow w - \eta\nabla J(w)$
# with step $\eta = 1/L$, $L = (\sigma_{\max}(X)^2 + \lambda)/m$ the largest
# curvature of $J$. Since λ > 0 makes $J$ strongly convex (smallest curvature
# $\mu = (\sigma_{\min}^2 + \lambda)/m$ when $m \ge n$; for a wide $X$ it is $\lambda/m$), theory promises
# $J(w_k) - J^* \le (1 - \mu/L)^k\,(J(w_0) - J^*)$: a straight line on a log scale.

# %% alt="Semi-log plot of the ridge objective gap J(w_k) - J* against the gradient descent iteration k for lambda = 10: the gap falls along a nearly straight line, faster than the dashed theoretical bound (1 - mu/L)^k, and reaches machine precision (about 1e-15) after about 300 of the 464 steps."
lam_ridge = 10.0
w_closed = ridge_closed_form(X, y, lam_ridge)
gd = ridge_gradient_descent(X, y, lam_ridge, max_iter=20_000, tol=1e-12)
J_star = ridge_objective(w_closed, X, y, lam_ridge)
sigma = np.linalg.svd(X, compute_uv=False)
L_ridge, mu_ridge = (
    (sigma.max() ** 2 + lam_ridge) / m,
    (sigma.min() ** 2 + lam_ridge) / m,
)
k = np.arange(gd.n_iter + 1)
bound = (1 - mu_ridge / L_ridge) ** k * (gd.objective[0] - J_star)
gap = gd.objective - J_star

assert gd.converged and np.max(np.abs(gd.coef - w_closed)) < 1e-8
assert np.all(gap <= bound * (1 + 1e-9) + 1e-15)
print(
    f"gradient descent: {gd.n_iter} steps, max |w_gd − w_closed| "
    f"= {np.max(np.abs(gd.coef - w_closed)):.1e}"
)
print(f"condition number L/μ = {L_ridge / mu_ridge:.1f}")

fig, ax = plt.subplots(figsize=(6, 3.5))
ax.semilogy(k, np.maximum(gap, 1e-16), label="gradient descent: $J(w_k) - J^*$")
ax.semilogy(k, bound, "k--", lw=1, label=r"bound $(1-\mu/L)^k\,(J(w_0) - J^*)$")
ax.set(
    xlabel="iteration k",
    ylabel="objective gap",
    ylim=(1e-16, None),
    title=(
        f"Ridge, λ = {lam_ridge:g}: gradient descent converges "
        "linearly to the closed form"
    ),
)
ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# Gradient descent reaches the closed-form solution: the largest difference printed above is
# far below the 1e-8 that the assert demands, and its gap stays under the theoretical line, far
# under it: on a quadratic the gap of gradient descent with step 1/L actually shrinks like
# (1 − μ/L)^{2k}, the square of the plotted bound, which is a general bound for strongly convex
# functions. For a few thousand features a linear
# solve is cheaper; gradient descent is what scales to neural networks, where no closed form exists.
#
# ## 4. Lasso: three solvers, and who gets exact zeros
#
# > **3-hour workshop:** shown briefly (its key result); read the rest at home.
#
# $\|w\|_1$ has a kink at 0, so the lasso has no closed form and no gradient there.
# Three ways to minimise it:
#
# | solver | one step | rate (worst case) |
# |---|---|---|
# | **subgradient descent** | $w \leftarrow w - \eta_k\big(\tfrac1m X^\top(Xw-y) + \tfrac{\lambda}{2m}\operatorname{sign}(w)\big)$, $\eta_k = \eta_0/\sqrt{k+1}$ | $O(1/\sqrt{k})$ for the best iterate, up to a log factor (we plot the last one, with $\eta_0 = 1/L$ untuned) |
# | **ISTA** (proximal gradient) | $w \leftarrow \operatorname{soft}\big(w - \eta\,\tfrac1m X^\top(Xw-y),\ \eta\tfrac{\lambda}{2m}\big)$, $\eta = 1/L$ | $O(1/k)$ |
# | **FISTA** (Beck & Teboulle 2009) | the ISTA step taken from an extrapolated point $v_k$ (momentum, below) | $O(1/k^2)$ |
#
# Here $L = \sigma_{\max}(X)^2/m$ and soft$(v, \tau) = \operatorname{sign}(v)\max(|v| - \tau, 0)$
# is the soft-thresholding of lesson 01: it sets every entry with $|v_j| \le \tau$ to **exactly 0**.
# The subgradient step has no such operation.
#
# **FISTA, exactly as Beck & Teboulle state it** (and as `lasso_fista` implements it). Write
# $p_L(v)$ for one ISTA step from the point $v$. Start with $v_1 = w_0$ and $t_1 = 1$; then for
# $k = 1, 2, \dots$
#
# $$w_k = p_L(v_k), \qquad t_{k+1} = \frac{1 + \sqrt{1 + 4t_k^2}}{2}, \qquad
# v_{k+1} = w_k + \beta_{k+1}\,(w_k - w_{k-1}), \quad \beta_{k+1} = \frac{t_k - 1}{t_{k+1}} .$$
#
# Since $t_1 = 1$, $\beta_2 = 0$: the first two steps are plain ISTA steps. After that the
# momentum $\beta_k$ grows towards 1 ($t_k \approx (k+1)/2$, so $\beta_{k+1} \approx 1 - 3/(k+2)$).
#
# The solvers differ most on hard problems, so we race them on a *wide* problem
# (60 samples, 200 features: more unknowns than equations) with a small λ: 0.01·λ_max, where
# λ_max is the smallest λ whose lasso solution is all zeros (section 5 derives it:
# λ_max = 2‖Xᵀy‖∞).
# The exact bounds behind the rates, from $w_0 = 0$, are
# $J(w_k) - J^* \le \frac{L\|w^*\|^2}{2k}$ (ISTA) and $\le \frac{2L\|w^*\|^2}{(k+1)^2}$ (FISTA);
# we draw them as the guide lines. The reference optimum $J^*$ comes from a long
# FISTA run and is checked against scikit-learn.

# %% alt="Log-log plot of the relative objective gap against the iteration on a lasso problem with 60 samples and 200 features: subgradient descent barely improves, ISTA falls slowly and stays under its O(1/k) guide line, FISTA falls much faster with oscillations, and FISTA with restart reaches machine precision before 1,000 iterations."
X_wide, y_wide, w_true_wide = make_sparse_regression(60, 200, 8, noise=1.0, seed=1)
m_wide = len(y_wide)
lam_w = 0.01 * lasso_lambda_max(X_wide, y_wide)
n_iter = 2000
runs = {
    "subgradient": lasso_subgradient(X_wide, y_wide, lam_w, max_iter=n_iter),
    "ISTA": lasso_ista(X_wide, y_wide, lam_w, max_iter=n_iter, tol=0),
    "FISTA": lasso_fista(X_wide, y_wide, lam_w, max_iter=n_iter, tol=0),
    "FISTA + restart": lasso_fista(
        X_wide, y_wide, lam_w, max_iter=n_iter, tol=0, restart=True
    ),
}
w_star = lasso_fista(
    X_wide, y_wide, lam_w, max_iter=20_000, tol=1e-12, restart=True
).coef
J_lasso_star = lasso_objective(w_star, X_wide, y_wide, lam_w)
sk = Lasso(
    alpha=lam_w / (2 * m_wide), fit_intercept=False, tol=1e-12, max_iter=1_000_000
).fit(X_wide, y_wide)
assert (
    abs(lasso_objective(sk.coef_, X_wide, y_wide, lam_w) - J_lasso_star)
    <= 1e-9 * J_lasso_star
)

L_w = lipschitz_constant(X_wide)
step = 1 / L_w  # one ISTA step from w = 0, written out by hand
w_one = soft_threshold(
    0 - step * X_wide.T @ (X_wide @ np.zeros(200) - y_wide) / m_wide,
    step * lam_w / (2 * m_wide),
)
w_first = lasso_ista(X_wide, y_wide, lam_w, max_iter=1, tol=0).coef
assert np.allclose(w_one, w_first, rtol=1e-12, atol=0) and (
    np.array_equal(w_one == 0, w_first == 0)
)
print(
    "one ISTA step from 0, by hand = lasso_ista's first step; exact zeros already: "
    f"{int(np.sum(w_one == 0))}"
)

t_seq = [1.0]  # t_1, t_2, ... and the momentum beta_{k+1} = (t_k − 1)/t_{k+1} of FISTA
for _ in range(4):
    t_seq.append((1 + np.sqrt(1 + 4 * t_seq[-1] ** 2)) / 2)
betas = [(t_seq[i] - 1) / t_seq[i + 1] for i in range(4)]
print("t_1..t_5 =", np.round(t_seq, 4), "  beta_2..beta_5 =", np.round(betas, 4))
assert betas[0] == 0.0 and np.all(np.diff(betas) > 0)
# Two ISTA steps first
assert np.allclose(runs["FISTA"].objective[:3], runs["ISTA"].objective[:3], rtol=1e-14)
# Then momentum
assert not np.isclose(runs["FISTA"].objective[3], runs["ISTA"].objective[3], rtol=1e-6)

k = np.arange(1, n_iter + 1)
ista_bound = L_w * (w_star @ w_star) / (2 * k)
fista_bound = 2 * L_w * (w_star @ w_star) / (k + 1) ** 2
gaps = {
    name: np.maximum(run.objective[1:] - J_lasso_star, 0) / J_lasso_star
    for name, run in runs.items()
}
assert np.all(gaps["ISTA"] * J_lasso_star <= ista_bound * (1 + 1e-9))
assert np.all(gaps["FISTA"] * J_lasso_star <= fista_bound * (1 + 1e-9))
assert gaps["FISTA"][999] < gaps["ISTA"][999] / 1000  # at k = 1000
assert gaps["subgradient"][-1] > gaps["ISTA"][-1]

fig, ax = plt.subplots(figsize=(6.5, 4.2))
for name, g in gaps.items():
    ax.loglog(
        k, np.maximum(g, 1e-16), label=name, ls="--" if "restart" in name else "-"
    )
ax.loglog(k, ista_bound / J_lasso_star, "k:", lw=1, label="ISTA bound, O(1/k)")
ax.loglog(k, fista_bound / J_lasso_star, "k-.", lw=1, label="FISTA bound, O(1/k²)")
ax.set(
    xlabel="iteration k",
    ylabel="relative gap $(J(w_k) - J^*)/J^*$",
    ylim=(1e-16, 1e3),
    title=f"Lasso, 60 × 200, λ = 0.01·λ_max = {lam_w:.3g}",
)
ax.legend(fontsize="small", loc="lower left")
plt.show()
for name, g in gaps.items():
    print(
        f"{name:16s} relative gap after 100 / 1000 / 2000 iterations: "
        f"{g[99]:.1e} / {g[999]:.1e} / {g[-1]:.1e}"
    )

# %% [markdown]
# The printout gives the exact figures. FISTA is more than a thousand times closer than ISTA at
# 1000 iterations (asserted); the subgradient method is far behind both. ISTA and FISTA stay below
# their worst-case bounds (asserted), and far below them at the end: once
# the lasso has found which weights are zero, the problem behaves like a smaller, strongly
# convex one (its active columns are linearly independent) and proximal methods converge linearly. Plain FISTA's momentum then
# overshoots (the ripples); resetting it whenever the objective rises ("restart",
# O'Donoghue & Candès 2015: $t$ goes back to 1, as if FISTA started afresh from the current point)
# removes them. The printed $t_k$ and $\beta_k$ confirm the formulas above, and FISTA's first two
# objective values equal ISTA's (asserted).
#
# Now count exact zeros. We also count *near* zeros, $|w_j| < 10^{-3}$, to be fair
# to the subgradient method.

# %%
zeros_star = int(np.sum(w_star == 0))
print(f"the optimum has {zeros_star} exact zeros out of {X_wide.shape[1]} weights")
print(f"{'solver':16s} {'exact zeros':>12s} {'|w| < 1e-3':>11s}")
for name, run in runs.items():
    print(
        f"{name:16s} {int(np.sum(run.coef == 0)):>12d} "
        f"{int(np.sum(np.abs(run.coef) < 1e-3)):>11d}"
    )
assert np.sum(runs["subgradient"].coef == 0) == 0
assert all(
    np.array_equal(runs[s].coef == 0, w_star == 0) for s in ("FISTA", "FISTA + restart")
)

# %% [markdown]
# The proximal methods land on the optimum's zeros exactly (ISTA, slower, may still miss
# some after 2000 steps: compare its row with FISTA's). The subgradient method has **no exact zero at all**:
# each step moves every weight by a small continuous amount, so the weights that
# should be 0 keep zig-zagging around it. This is the practical reason L1-regularized
# models are trained with proximal steps (or coordinate descent, also a soft-thresholding,
# which is what scikit-learn uses) when exact sparsity matters.
#
# ### A case solved by hand: orthonormal columns
#
# When the columns of $X$ are orthonormal, $X^\top X = I$, both problems have a formula.
# Let $z = X^\top y$ (here also the least-squares solution). Since
# $\|Xw - y\|^2 = \|w - z\|^2 + \|y\|^2 - \|z\|^2$, the source's objectives become, up to a constant,
#
# $$J_{\text{lasso}} = \frac1m\Big(\tfrac12\|w - z\|^2 + \tfrac{\lambda}{2}\|w\|_1\Big), \qquad
# J_{\text{ridge}} = \frac1m\Big(\tfrac12\|w - z\|^2 + \tfrac{\lambda}{2}\|w\|_2^2\Big).$$
#
# Each weight separates, and the minimisers are lesson 01's proximal operators with $t = \lambda/2$:
#
# $$w_{\text{lasso}} = \operatorname{soft}(z, \lambda/2), \qquad w_{\text{ridge}} = \frac{z}{1 + \lambda} .$$
#
# The lasso moves every least-squares weight towards 0 by λ/2 and zeroes the small ones;
# ridge divides them all by $1 + \lambda$. We build such an $X$ (100 × 60) from a QR
# factorization and compare with the solvers.

# %% alt="Regularized weight against the least-squares weight z_j = (X^T y)_j for an orthonormal X and lambda = 4: the lasso_fista solutions (dots) lie exactly on the soft-thresholding curve, which is flat at 0 for |z| up to 2, and the ridge_closed_form solutions (squares) lie exactly on the straight line z/(1 + lambda)."
rng_q = np.random.default_rng(4)
X_orth, _ = np.linalg.qr(rng_q.normal(size=(100, n_features)))  # orthonormal columns
y_orth = X_orth @ w_true + rng_q.normal(size=100)
lam_orth = 4.0
z = X_orth.T @ y_orth
w_lasso_orth = lasso_fista(X_orth, y_orth, lam_orth, tol=1e-14, max_iter=1000).coef
w_ridge_orth = ridge_closed_form(X_orth, y_orth, lam_orth)
assert np.allclose(X_orth.T @ X_orth, np.eye(n_features), rtol=0, atol=1e-12)
assert np.allclose(w_lasso_orth, soft_threshold(z, lam_orth / 2), rtol=0, atol=1e-12)
assert np.array_equal(w_lasso_orth == 0, np.abs(z) <= lam_orth / 2)
assert np.allclose(w_ridge_orth, z / (1 + lam_orth), rtol=0, atol=1e-12)
print(
    f"XᵀX = I; λ = {lam_orth:g}: lasso_fista = soft(Xᵀy, λ/2) to "
    f"{np.max(np.abs(w_lasso_orth - soft_threshold(z, lam_orth / 2))):.0e}, "
    f"{int(np.sum(w_lasso_orth == 0))} of {n_features} weights exactly 0"
)
print(
    "            ridge_closed_form = Xᵀy/(1 + λ) "
    f"to {np.max(np.abs(w_ridge_orth - z / (1 + lam_orth))):.0e}"
)

z_line = np.linspace(np.abs(z).max() * -1.05, np.abs(z).max() * 1.05, 401)
fig, ax = plt.subplots(figsize=(5.5, 4))
ax.plot(
    z_line, soft_threshold(z_line, lam_orth / 2), color="C0", lw=1, label="soft(z, λ/2)"
)
ax.plot(z_line, z_line / (1 + lam_orth), color="C1", lw=1, label="z/(1 + λ)")
ax.plot(z, w_lasso_orth, "o", color="C0", ms=4, label="lasso_fista")
ax.plot(z, w_ridge_orth, "s", color="C1", ms=3, label="ridge_closed_form")
ax.set(
    xlabel="least-squares weight $z_j = (X^\\top y)_j$",
    ylabel="regularized weight $w_j$",
    title=f"Orthonormal X, λ = {lam_orth:g}: the solvers follow the formulas",
)
ax.legend(fontsize="small")
plt.show()

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("02", 1, answer)

# %% tags=["quiz"]
answer = None  # your answer: a number
quiz("02", 2, answer)

# %% [markdown]
# ## 5. Regularization paths
#
# A **path** is the solution as a function of λ. We solve both problems on the
# training set for 40 values of λ. Two facts make this cheap: ridge's solutions
# for every λ come from one SVD of $X$; the lasso runs from the largest λ down,
# each solve warm-started at the previous one.
#
# For the lasso the largest useful λ is
# $\lambda_{\max} = 2\,\|X^\top y\|_\infty$: for λ ≥ λ_max the zero vector is optimal
# (the gradient of the data term at 0, $-X^\top y/m$, fits inside the penalty's
# subdifferential $\frac{\lambda}{2m}[-1, 1]^n$).

# %%
lam_max = lasso_lambda_max(X, y)
lasso_lams = lam_max * np.geomspace(1, 1e-3, 40)
ridge_lams = np.geomspace(1e4, 1e-2, 40)
lasso_coefs = regularization_path(X, y, lasso_lams)
ridge_coefs = regularization_path(X, y, ridge_lams, penalty="ridge")

lasso_zeros = np.sum(lasso_coefs == 0, axis=1)
ridge_zeros = np.sum(ridge_coefs == 0, axis=1)
assert lasso_zeros[0] == n_features and ridge_zeros.sum() == 0
# ridge_lams fall from 1e4 to 1e-2: the norm grows steadily, single weights need not
ridge_norms = np.linalg.norm(ridge_coefs, axis=1)
sign_changes = int(np.sum(np.any(np.diff(np.sign(ridge_coefs), axis=0) != 0, axis=0)))
not_monotone = int(np.sum(np.any(np.diff(np.abs(ridge_coefs), axis=0) < 0, axis=0)))
assert np.all(np.diff(ridge_norms) > 0) and sign_changes > 0 and not_monotone > 0
first_nonzero = np.array(
    [
        np.argmax(lasso_coefs[:, j] != 0)
        if np.any(lasso_coefs[:, j])
        else len(lasso_lams)
        for j in range(n_features)
    ]
)
entry_order = np.argsort(first_nonzero, kind="stable")
exact_support = np.array([np.array_equal(coef != 0, support) for coef in lasso_coefs])
assert (
    set(entry_order[: support.sum()]) == set(np.flatnonzero(support))
    and exact_support.any()
)
print(f"λ_max = {lam_max:.2f}")
print(
    f"exact zeros along the lasso path: from {lasso_zeros.max()} down "
    f"to {lasso_zeros.min()}; along the ridge path: {ridge_zeros.max()} at every λ"
)
print(
    "ridge path: ‖w‖₂ grows at every step as λ falls, "
    f"but {sign_changes} of {n_features} weights change sign and {not_monotone} "
    "do not grow steadily in size"
)
print(
    f"first {support.sum()} features to enter the lasso path: "
    f"{np.sort(entry_order[: support.sum()])}"
)
print(
    f"the lasso's support equals the true one for λ in "
    f"[{lasso_lams[exact_support].min():.1f}, {lasso_lams[exact_support].max():.1f}]"
)

# %% [markdown]
# Features mostly *enter* as λ decreases, but not only: a feature can also **leave** the
# active set (its weight returns to exactly 0) when other features take over its role.
# We look for such events on our grid: a weight non-zero at one λ and zero at the next
# smaller one. A grid can miss events between its points, so we also read the exact
# breakpoints of the path from scikit-learn's `lars_path` (the LARS algorithm in its lasso
# form, whose `alpha` is λ/(2m) in our convention), down to the smallest λ of our grid.

# %%
# NBVAL_CHECK_OUTPUT
active = lasso_coefs != 0
leaves = [
    (j, i)
    for i in range(1, len(lasso_lams))
    for j in np.flatnonzero(active[i - 1] & ~active[i])
]
alphas, _, lars_coefs = lars_path(X, y, method="lasso")
# knots: the exact λ where the active set changes
knots, lars_active = 2 * m * alphas, lars_coefs != 0
lars_leaves = [
    (j, knots[i])
    for i in range(1, len(knots))
    for j in np.flatnonzero(lars_active[:, i - 1] & ~lars_active[:, i])
    if knots[i] >= lasso_lams[-1]
]
print(
    f"{'feature':>7s} {'true?':>5s} {'non-zero at λ':>13s} {'zero at λ':>9s} "
    f"{'exact λ (lars_path)':>20s}"
)
for (j, i), (j_lars, lam_exact) in zip(leaves, lars_leaves, strict=True):
    assert j == j_lars and lasso_lams[i] <= lam_exact <= lasso_lams[i - 1]
    print(
        f"{j:>7d} {support[j]!s:>5s} {lasso_lams[i - 1]:13.3f} "
        f"{lasso_lams[i]:9.3f} {lam_exact:20.3f}"
    )
print(
    f"{len(leaves)} features leave the active set as λ decreases from λ_max "
    f"to {lasso_lams[-1]:.2f}"
)
assert len(leaves) == len(lars_leaves) == 4 and not any(support[j] for j, _ in leaves)

# %% alt="Regularization paths of ridge (left) and lasso (right), each coefficient against lambda on a log axis, the 8 true features in colour with dots at their true values and the noise features in grey: ridge shrinks all coefficients smoothly towards 0 together, while the lasso sets them to exactly 0 one after another, marks with crosses the noise features that leave the model, and shades in green the band of lambda where its support equals the true support."
# matplotlib's cycle without C7, its grey: grey = noise
TRUE_COLOURS = [f"C{k}" for k in range(10) if k != 7]
fig, axes = plt.subplots(1, 2, figsize=(8.6, 4.2), layout="constrained")
for ax, lams_, coefs, name in [
    (axes[0], ridge_lams, ridge_coefs, "Ridge (L2)"),
    (axes[1], lasso_lams, lasso_coefs, "Lasso (L1)"),
]:
    ax.plot(lams_, coefs[:, ~support], color="0.7", lw=0.8)
    for i, j in enumerate(np.flatnonzero(support)):
        ax.plot(lams_, coefs[:, j], color=TRUE_COLOURS[i], lw=1.8)
        ax.plot(lams_[-1], w_true[j], "o", color=TRUE_COLOURS[i], ms=5, clip_on=False)
    ax.set(
        xscale="log",
        xlabel="λ (source's convention)",
        ylabel="coefficient $w_j$",
        title=name,
    )
axes[1].plot(
    [lasso_lams[i] for _, i in leaves],
    np.zeros(len(leaves)),
    "kx",
    ms=7,
    label="a feature leaves (weight back to 0)",
)
axes[1].axvline(lam_max, color="k", ls=":", lw=1)
axes[1].text(
    lam_max, axes[1].get_ylim()[1], "λ_max ", va="top", ha="right", fontsize="small"
)
axes[1].axvspan(
    lasso_lams[exact_support].min(),
    lasso_lams[exact_support].max(),
    color="tab:green",
    alpha=0.15,
    label="support = true support",
)
# Off the paths
axes[1].legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize="small")
fig.suptitle(
    "Regularization paths: colour = the 8 true features "
    "(dots: their true values), grey = the others"
)
plt.show()

# %% [markdown]
# - **Ridge** shrinks the whole vector: $\|w\|_2$ falls steadily as λ grows. Single weights need
#   not follow: some grow for a while, and some change sign, so they pass through exactly 0 at one
#   isolated λ. But ridge never *holds* a weight at 0 over a range of λ: on this grid none is
#   exactly 0 (the count above is asserted).
# - **Lasso** starts from all zeros at λ_max; as λ decreases, features *enter*, one or a few at
#   a time. Here the first 8 to enter are exactly the 8 true features (asserted), and there
#   is a band of λ (green) where the lasso's support is exactly the true one.
#   Below it, noise features enter with small weights, and some of them **leave** again
#   (the crosses: 4 noise features here, printed and asserted above). The path is not
#   "one feature joins at a time, for good".

# %% [markdown]
# **Move λ.** The next figure puts both paths on one range of λ, from 1 to 1000, and marks one
# λ on them. Under each path it shows the fitted weights at that λ beside the true ones. Move the
# slider (in JupyterLab with a running kernel, or on the course website) and watch the lasso's
# weights drop to exactly 0 one by one, while ridge's only shrink.

# %% alt="Four panels at lambda = 100. Top: the ridge and lasso paths for lambda from 1 to 1000, with a vertical line at 100. Bottom: the 60 fitted weights as bars beside the 8 true weights as dots: the lasso keeps exactly the 8 true features, shrunk towards 0, while ridge keeps all 60 weights non-zero."
slider_lams = np.geomspace(1, 1000, 7)
path_lams = np.geomspace(1000, 1, 60)
lasso_path = regularization_path(X, y, path_lams)
ridge_path = regularization_path(X, y, path_lams, penalty="ridge")
lasso_at = dict(zip(slider_lams, regularization_path(X, y, slider_lams), strict=True))
ridge_at = dict(
    zip(
        slider_lams,
        regularization_path(X, y, slider_lams, penalty="ridge"),
        strict=True,
    )
)


features = np.arange(n_features)
paths_fig, paths_axes = plt.subplots(2, 2, figsize=(8.6, 6), layout="constrained")
lam_lines, weight_bars = [], []
for col, (name, path) in enumerate(
    [("Ridge (L2)", ridge_path), ("Lasso (L1)", lasso_path)]
):
    ax_path, ax_w = paths_axes[:, col]
    ax_path.plot(path_lams, path[:, ~support], color="0.7", lw=0.8)
    ax_path.plot(path_lams, path[:, support], lw=1.5)
    lam_lines.append(ax_path.axvline(1, color="k", lw=1.2))
    ax_path.set(xscale="log", xlabel="λ", ylabel="$w_j$", title=f"{name} path")
    weight_bars.append(ax_w.bar(features, np.zeros(n_features), label="fitted"))
    ax_w.plot(features[support], w_true[support], "ko", ms=4, label="true (non-zero)")
    ax_w.set(xlabel="feature j", ylabel="$w_j$", ylim=(-3.3, 3.3))
paths_fig.legend(
    *paths_axes[1, 0].get_legend_handles_labels(), loc="outside lower center", ncols=2
)


def draw_paths(lam):
    """Mark λ on both paths and show the weights at λ: the figure above, updated."""
    for col, coef in enumerate([ridge_at[lam], lasso_at[lam]]):
        lam_lines[col].set_xdata([lam, lam])
        for bar, height in zip(weight_bars[col], coef, strict=True):
            bar.set_height(height)
        paths_axes[1, col].set_title(
            f"λ = {lam:.3g}: {np.sum(coef != 0)} of {n_features} non-zero"
        )
    return paths_fig


def describe_paths(lam):
    """The alt text of one frame."""
    lasso_nonzero = lasso_at[lam] != 0
    return (
        f"At lambda = {lam:.3g} the lasso keeps {lasso_nonzero.sum()} non-zero "
        f"weights, {np.sum(lasso_nonzero & support)} of them among the 8 true "
        f"features; ridge keeps {np.sum(ridge_at[lam] != 0)} of 60 non-zero. The norm "
        f"of the weights is {np.linalg.norm(ridge_at[lam]):.2f} for ridge and "
        f"{np.linalg.norm(lasso_at[lam]):.2f} for the lasso; the truth's is "
        f"{np.linalg.norm(w_true):.2f}."
    )


# λ = 100: in the band where the lasso finds the true support
lam_shown = slider_lams[4]
assert np.isclose(lam_shown, 100) and np.array_equal(lasso_at[lam_shown] != 0, support)
assert np.all(ridge_at[lam_shown] != 0) and not np.any(lasso_at[slider_lams[-1]])
slider(
    draw_paths,
    slider_lams,
    name="λ",
    default=lam_shown,
    alt=describe_paths,
    fmt="{:.3g}",
)

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("02", 3, answer)

# %% [markdown]
# ## 6. Training, validation and test error against λ
#
# Training error can only get worse as λ grows (we optimise the training fit
# less and less). Error on data not used for fitting first falls, as the penalty
# stops the model from fitting noise, then rises, as it starts
# to erase the signal: the **U-shape**. We choose λ at the bottom of the
# *validation* curve; the test curve is drawn for reference only: it chooses nothing.


# %% alt="Mean squared error against lambda for ridge (left) and lasso (right) on log axes: the training error rises steadily with lambda, while the validation and test errors are U-shaped, with a vertical line at the lambda of least validation error."
def errors(coefs, X_, y_):
    return np.array([mse(X_, y_, w) for w in coefs])


curves = {}
for name, lams_, coefs in [
    ("ridge", ridge_lams, ridge_coefs),
    ("lasso", lasso_lams, lasso_coefs),
]:
    curves[name] = {
        "train": errors(coefs, X, y),
        "validation": errors(coefs, X_val, y_val),
        "test": errors(coefs, X_test, y_test),
        "lams": lams_,
        "coefs": coefs,
    }
    curve = curves[name]
    curve["best"] = int(np.argmin(curve["validation"]))
    assert 0 < curve["best"] < len(lams_) - 1  # an interior minimum: a U, not a slope
    # lams_ decreases: training error only improves
    assert np.all(np.diff(curve["train"]) <= 1e-9)
    print(
        f"{name}: validation picks λ = {lams_[curve['best']]:.3g}; "
        f"test MSE there {curve['test'][curve['best']]:.3f} "
        f"(smallest λ: {curve['test'][-1]:.3f}, largest λ: {curve['test'][0]:.3f}; "
        "noise variance 1)"
    )
squared_errors = {
    name: (X_test @ curves[name]["coefs"][curves[name]["best"]] - y_test) ** 2
    for name in ("ridge", "lasso")
}
lasso_vs_ridge = paired(
    squared_errors["lasso"], squared_errors["ridge"], unit="test samples"
)
print(f"lasso − ridge, squared test error per sample: {lasso_vs_ridge}")
assert lasso_vs_ridge.high < 0

fig, axes = plt.subplots(1, 2, figsize=(8.6, 4), sharey=True, layout="constrained")
for ax, name in zip(axes, ["ridge", "lasso"], strict=True):
    curve = curves[name]
    for split, style in [("train", ":"), ("validation", "-"), ("test", "--")]:
        ax.plot(curve["lams"], curve[split], style, label=split)
    ax.axvline(
        curve["lams"][curve["best"]],
        color="k",
        lw=0.8,
        label="λ with least validation error",
    )
    ax.set(xscale="log", yscale="log", xlabel="λ", title=name)
axes[0].set_ylabel("mean squared error")
axes[0].legend(fontsize="small")
fig.suptitle("Training error rises with λ; validation and test error are U-shaped")
plt.show()

# %% [markdown]
# On this sparse problem the lasso, at its validation-chosen λ, has a lower test error than
# ridge at its own: the paired 95 % interval over the 400 test samples (the same sample through
# both models) lies below 0 (asserted). Its penalty matches the truth: most weights *are* zero.
# This is one draw of the data, so the interval covers which test samples we drew, not which
# training set; lessons 03–06 also redraw the training data.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("02", 4, answer)

# %% [markdown]
# ## 7. L1 selects features, L2 shrinks them (the source's FAQ Q1, measured)
#
# Compare the two models at their validation-chosen λ, with least squares (λ = 0) as a baseline.

# %%
# NBVAL_CHECK_OUTPUT
w_ls = ridge_closed_form(X, y, 0.0)
w_ridge = curves["ridge"]["coefs"][curves["ridge"]["best"]]
w_lasso = curves["lasso"]["coefs"][curves["lasso"]["best"]]
print(
    f"{'model':14s} {'exact zeros':>11s} {'true kept':>9s} {'‖w‖₂':>6s} "
    f"{'max |w| off-support':>20s}"
)
for name, w in [
    ("least squares", w_ls),
    ("ridge", w_ridge),
    ("lasso", w_lasso),
    ("truth", w_true),
]:
    print(
        f"{name:14s} {int(np.sum(w == 0)):>11d} "
        f"{int(np.sum(w[support] != 0)):>6d}/{support.sum()} {np.linalg.norm(w):6.2f} "
        f"{np.max(np.abs(w[~support])):>20.3f}"
    )
assert (
    np.sum(w_ridge == 0) == 0
    and np.sum(w_lasso == 0) >= 30
    and np.all(w_lasso[support] != 0)
)
assert np.linalg.norm(w_ridge) < np.linalg.norm(w_ls)
assert np.max(np.abs(w_lasso[~support])) < np.min(np.abs(w_lasso[support]))

# %% alt="Bar chart of the 60 coefficients: the true weights (black) are non-zero for 8 features only; the validation-chosen ridge gives every feature a small non-zero weight, while the lasso matches the 8 large weights and has 45 exact zeros."
fig, ax = plt.subplots(figsize=(8.6, 3.5), layout="constrained")
idx = np.arange(n_features)
ax.bar(idx - 0.27, w_true, width=0.27, label="truth", color="k")
ax.bar(
    idx, w_ridge, width=0.27, label=f"ridge: {int(np.sum(w_ridge == 0))} exact zeros"
)
ax.bar(
    idx + 0.27,
    w_lasso,
    width=0.27,
    label=f"lasso: {int(np.sum(w_lasso == 0))} exact zeros",
)
ax.set(
    xlabel="feature j",
    ylabel="$w_j$",
    title="Validation-chosen ridge and lasso against the truth",
)
ax.legend(fontsize="small", ncol=3)
plt.show()

# %% [markdown]
# The table is the FAQ answer in numbers: ridge keeps every one of the 60 weights
# non-zero and only makes the vector shorter than least squares; the lasso sets many of
# them to exactly 0 and keeps all 8 true features. Its remaining false positives carry
# smaller weights than any true feature (last column; asserted).
#
# ## 8. Choosing λ by K-fold cross-validation
#
# > **3-hour workshop:** shown briefly (its key result); read the rest at home.
#
# A separate validation set costs data. **K-fold cross-validation** (the source's FAQ Q2)
# reuses the training set: split it into K = 5 folds, fit on 4, measure the error on the
# 5th, rotate, and average. `cross_validate` does this with scikit-learn's `KFold`
# and warm-started paths. (Each fold has fewer samples than the full set; it is fitted with
# the same per-sample penalty λ/(2m), as scikit-learn's `LassoCV` does.)
#
# Two common choices: **λ_CV** minimises the mean CV error; the **one-standard-error
# rule** takes the largest λ whose CV error is within one standard error of that minimum,
# a simpler model whose CV error is within the (rough) noise of the minimum: a heuristic, since
# the folds' errors are correlated. Since we know the truth, we can
# also find the λ on the grid whose solution is *closest* to $w_{\text{true}}$
# (the "oracle", unavailable in practice).

# %%
cv = cross_validate(X, y, lasso_lams, n_splits=5, seed=0)
cv_ridge = cross_validate(X, y, ridge_lams, penalty="ridge", n_splits=5, seed=0)
distance = np.linalg.norm(lasso_coefs - w_true, axis=1)
choices = {
    "CV minimum": cv.best_index,
    "CV one-SE rule": int(np.flatnonzero(lasso_lams == cv.lam_1se)[0]),
    "validation set": curves["lasso"]["best"],
    "oracle (closest to truth)": int(np.argmin(distance)),
}
print(
    f"{'lasso λ chosen by':26s} {'λ':>7s} {'λ/λ_max':>8s} {'non-zeros':>9s} "
    f"{'true found':>10s} {'false pos.':>10s} {'‖w − w_true‖':>12s} {'test MSE':>8s}"
)
for name, i in choices.items():
    w = lasso_coefs[i]
    print(
        f"{name:26s} {lasso_lams[i]:7.2f} {lasso_lams[i] / lam_max:8.4f} "
        f"{int(np.sum(w != 0)):>9d} {int(np.sum(w[support] != 0)):>7d}/{support.sum()} "
        f"{int(np.sum(w[~support] != 0)):>10d} {distance[i]:12.3f} "
        f"{mse(X_test, y_test, w):8.3f}"
    )
w_cv = lasso_coefs[cv.best_index]
w_ridge_cv = ridge_closed_form(X, y, cv_ridge.best_lam)
print(
    f"ridge with λ_CV = {cv_ridge.best_lam:.3g}: "
    f"‖w − w_true‖ = {np.linalg.norm(w_ridge_cv - w_true):.3f}, "
    f"test MSE {mse(X_test, y_test, w_ridge_cv):.3f}"
)
best_test = min(mse(X_test, y_test, w) for w in lasso_coefs)
# CV keeps every true feature ...
assert np.all(w_cv[support] != 0)
# ... predicts within 10 % of the best λ on the grid ...
assert mse(X_test, y_test, w_cv) < 1.1 * best_test
# ... and keeps more false positives than the one-SE rule
assert np.sum(w_cv[~support] != 0) > np.sum(
    lasso_coefs[choices["CV one-SE rule"]][~support] != 0
)
assert np.linalg.norm(w_cv - w_true) < np.linalg.norm(w_ridge_cv - w_true)

# %% alt="The lasso's 5-fold cross-validation error with one-standard-error bars against lambda on log axes, with the test error for reference: both curves are U-shaped with their minimum between lambda = 10 and 30, where vertical lines mark the lambda chosen by the CV minimum, by the one-SE rule, by the validation set and by the oracle closest to the truth."
fig, ax = plt.subplots(figsize=(6.5, 4))
ax.errorbar(
    lasso_lams,
    cv.mean_mse,
    yerr=cv.se_mse,
    fmt="o-",
    ms=3,
    capsize=2,
    label="5-fold CV error ± 1 SE",
)
ax.plot(lasso_lams, curves["lasso"]["test"], "--", label="test error (for reference)")
for (name, i), color in zip(choices.items(), ["C3", "C2", "C4", "k"], strict=True):
    same = [other for other, j in choices.items() if j == i and other != name]
    label = f"{name} (= {same[0]} here)" if same and "oracle" in name else name
    ax.axvline(
        lasso_lams[i],
        color=color,
        lw=2.5 if "oracle" in name else 1,
        ls=":" if "oracle" in name else "-",
        label=label,
        zorder=3 if "oracle" in name else 2,
    )
ax.set(
    xscale="log",
    yscale="log",
    xlabel="λ",
    ylabel="mean squared error",
    title="Lasso: λ by cross-validation",
)
ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# Read the table above:
# - all choices keep **every true feature**; they differ in how many noise features come along;
# - the CV minimum predicts well (within 10 % of the best test error on the grid,
#   asserted) but lets more noise features in than the one-SE rule (asserted).
#   Error-minimising λ is chosen for *prediction*, and a few small false positives barely hurt prediction;
# - the lasso at λ_CV is much closer to the truth than ridge at its own λ_CV (asserted).
#
# **The λ that predicts best selects too many features.** Recovering the true support
# exactly (the green band of section 5) needs a much larger λ than any choice in the table:

# %%
band = lasso_lams[exact_support]
ratios = {
    name: (band.min() / lasso_lams[i], band.max() / lasso_lams[i])
    for name, i in choices.items()
}
print(
    "support recovery (lasso support = true support) on the grid: "
    f"λ in [{band.min():.1f}, {band.max():.1f}]"
)
for name, (low, high) in ratios.items():
    print(
        f"  {low:4.1f} to {high:4.1f} times the λ chosen by {name} "
        f"({lasso_lams[choices[name]]:.2f})"
    )
# No choice recovers the support ...
assert not any(exact_support[i] for i in choices.values())
# ... λ_CV is 4 to 12 times too small
assert 4 < ratios["CV minimum"][0] < ratios["CV minimum"][1] < 12
band_test = [mse(X_test, y_test, lasso_coefs[i]) for i in np.flatnonzero(exact_support)]
print(
    f"test MSE inside the band: {min(band_test):.3f} to {max(band_test):.3f} "
    f"(at λ_CV: {mse(X_test, y_test, w_cv):.3f})"
)
assert min(band_test) > mse(X_test, y_test, w_cv)

# %% [markdown]
# A few small false positives barely hurt prediction, while the larger λ of the band shrinks
# the true weights more and predicts worse (the test errors above). So, **with a single λ**, a
# λ chosen for prediction over-selects. If the goal is to *find* the features, do not trust
# λ_CV's support: the one-SE rule goes in the right direction (fewer false positives), but here
# it too stays below the band.
#
# The conflict comes from asking one λ to do two jobs: select the features *and* set their
# size, which it shrinks. Decouple them and it goes away. The **relaxed lasso** (Meinshausen
# 2007) uses the lasso only to select: at each λ it refits least squares, unpenalized, on the
# lasso's support, and λ is chosen on the validation set as before (no test data):


# %%
def relaxed_lasso(coefs, X, y):
    """For each lasso solution: least squares refitted on its support (zeros
    elsewhere)."""
    refits = np.zeros_like(coefs)
    for i, w in enumerate(coefs):
        keep = w != 0
        if keep.any():
            refits[i, keep] = np.linalg.lstsq(X[:, keep], y, rcond=None)[0]
    return refits


relaxed = relaxed_lasso(lasso_coefs, X, y)
i_relaxed = int(np.argmin([mse(X_val, y_val, w) for w in relaxed]))
w_relaxed = relaxed[i_relaxed]
print(
    f"relaxed lasso, λ chosen on validation: λ = {lasso_lams[i_relaxed]:.1f}, "
    f"{int(np.sum(w_relaxed[support] != 0))}/{support.sum()} true features, "
    f"{int(np.sum(w_relaxed[~support] != 0))} false positives, "
    f"test MSE {mse(X_test, y_test, w_relaxed):.3f} "
    f"(lasso at λ_CV {mse(X_test, y_test, w_cv):.3f}, "
    f"lasso inside the band from {min(band_test):.3f})"
)
# The chosen λ lies inside the band: exactly the true support ...
assert exact_support[i_relaxed]
# ... and it predicts best
assert mse(X_test, y_test, w_relaxed) < mse(X_test, y_test, w_cv)

# %% [markdown]
# Here the relaxed lasso picks a λ inside the green band, keeps exactly the true features, and
# predicts better than the lasso at λ_CV (printed and asserted). Selection and prediction were
# at odds only because of the lasso's shrinkage.
#
# The green band itself is a property of this data: our features are drawn independent. When
# features are correlated, the lasso may recover the true support at **no** λ at all (the
# "irrepresentable condition" of Zhao & Yu 2006 fails). The check: 30 redrawn data sets of the
# same size for each correlation ρ between features i and j of $\rho^{|i-j|}$, and the exact lasso
# path of each (`lars_path`, every breakpoint):


# %%
def support_recoverable(rho, seed, n=100, p=60, k=8, noise=1.0):
    """Whether some λ on the exact lasso path gives exactly the true support, features
    correlated ρ^|i−j|."""
    rng_rho = np.random.default_rng(seed)
    covariance = rho ** np.abs(np.subtract.outer(np.arange(p), np.arange(p)))
    X_rho = rng_rho.normal(size=(n, p)) @ np.linalg.cholesky(covariance).T
    w_rho = np.zeros(p)
    w_rho[rng_rho.choice(p, k, replace=False)] = rng_rho.uniform(1, 3, k) * (
        rng_rho.choice([-1.0, 1.0], k)
    )
    y_rho = X_rho @ w_rho + noise * rng_rho.normal(size=n)
    path = lars_path(X_rho, y_rho, method="lasso")[2]
    return any(np.array_equal(w != 0, w_rho != 0) for w in path.T)


recoverable = {
    rho: sum(support_recoverable(rho, seed) for seed in range(30))
    for rho in (0.0, 0.5, 0.9)
}
print(
    "data sets (of 30) where some λ gives exactly the true support: "
    + ", ".join(f"ρ = {rho:g}: {count}" for rho, count in recoverable.items())
)
assert recoverable[0.0] > recoverable[0.5] > recoverable[0.9] and recoverable[0.9] <= 3

# %% [markdown]
# With independent features almost every data set has a band; with ρ = 0.9 (almost) none does.
# Finding the true features with the lasso needs more than the right λ: it needs features that
# are not too correlated.
#
# **Sections 1 to 8 are the lesson.** The two appendices below are a reference: how to convert λ
# between the source's formula and the libraries (A), and why the source's division by m matters
# when the data set changes (B). Skip them on a first reading; the "λ conventions" page of the
# course website (`docs/conventions.md`) summarises them, and exercise 2 uses appendix A.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("02", 5, answer)

# %% [markdown]
# ## Appendix A (optional). One λ, six conventions
#
# > **3-hour workshop:** shown briefly (its key result); read the rest at home.
#
# Libraries scale the penalty differently, so "λ = 0.01" means different models.
# For the same minimiser as the source's λ with $m$ training samples:
#
# | convention | objective it minimises | same solution as the source's λ when |
# |---|---|---|
# | source 000 (§3.1–3.2), this lesson | $\frac{1}{2m}\|Xw-y\|^2 + \frac{\lambda}{2m}\|w\|_2^2$ (or $\|w\|_1$) | λ |
# | Keras `L2(c)` / `L1(c)` on a kernel, `loss="mse"` | $\frac{1}{m}\|Xw-y\|^2 + c\,\|w\|_2^2$ (or $c\,\|w\|_1$), batch-mean loss, no ½ | $c = \lambda/m$ (`keras_coefficient`); the loss is then $2J$ |
# | scikit-learn `Ridge(alpha)` | $\|Xw-y\|^2 + \alpha\,\|w\|_2^2$ (summed loss) | $\alpha = \lambda$ |
# | scikit-learn `Lasso(alpha)` | $\frac{1}{2m}\|Xw-y\|^2 + \alpha\,\|w\|_1$ | $\alpha = \lambda/(2m)$ |
# | d2l (`squared_loss` mean + `lambd * l2_penalty(w)`) | $\frac{1}{2m}\|Xw-y\|^2 + \frac{\lambda_{d2l}}{2}\|w\|_2^2$ | $\lambda_{d2l} = \lambda/m$ |
# | scikit-learn `LogisticRegression(C)`, L2 penalty (the default; `penalty="l2"` before scikit-learn 1.8 deprecated that parameter) | $C\sum_{i=1}^m \ell_i(w) + \tfrac12\|w\|_2^2$, with $\ell_i$ the log-loss of sample $i$ | $C = 1/\lambda$ for the source-style $J = \frac1m\sum_i \ell_i(w) + \frac{\lambda}{2m}\|w\|_2^2$ |
#
# In the last row **C is an inverse strength**: it multiplies the (summed) loss, not the
# penalty, so a *smaller* C regularizes *more*. Multiplying the source-style $J$ by $m/\lambda$
# gives exactly scikit-learn's objective with $C = 1/\lambda$.
#
# Two more things differ between libraries, and both change the solution:
# - **Intercepts.** scikit-learn's least-squares models (`Ridge`, `Lasso`, `ElasticNet`) fit an
#   **unpenalized intercept** by default (`fit_intercept=True`); that is the same as centring every
#   column of $X$ and $y$ first. `LogisticRegression` has no such shortcut (centring labels makes
#   no sense), and with `solver="liblinear"` it even penalizes the intercept. The
#   source's formulas have no intercept, and our data are drawn without one (true means 0), so this
#   lesson passes `fit_intercept=False` everywhere.
# - **Feature scaling.** The penalty acts on the weights, and a weight's size depends on its
#   feature's unit: a feature measured in units 10 times larger (its numbers 10 times smaller)
#   needs a weight 10 times larger, which the penalty punishes more. **Standardize** the features (zero mean, unit variance)
#   before choosing λ, so that the penalty treats them alike. Fit the scaler on the training data
#   only (in cross-validation, on each fold's training part), e.g.
#   `make_pipeline(StandardScaler(), LassoCV())`, or the choice of λ sees the validation data; and
#   with `fit_intercept=False`, centre y too. (Our features are drawn standard normal, so they are
#   close to standardized already: checked below.)
#
# Each row is checked below on our training set with the source's λ = 5, first at
# random weights (the objectives agree as numbers) and then at the solutions; the
# logistic row on a small binary problem. Then the two notes.
# The Keras row uses `course_lib.penalties.l2_penalty` / `l1_penalty`, which
# `tests/test_penalties.py` checks equal to `keras.regularizers.L2` / `L1`. That
# keeps this notebook free of TensorFlow and fast.

# %%
lam = 5.0
rng = np.random.default_rng(1)
w_random = rng.normal(size=n_features)
w_ridge5 = ridge_closed_form(X, y, lam)
w_lasso5 = lasso_fista(X, y, lam, tol=1e-12, max_iter=20_000).coef

# Row 1, the source: the closed form is the minimiser (zero gradient), FISTA's result
# satisfies the lasso's optimality conditions (|gradient| ≤ λ/(2m) where w = 0,
# = −λ/(2m)·sign(w) elsewhere).
grad_data = X.T @ (X @ w_lasso5 - y) / m
assert np.allclose(X.T @ (X @ w_ridge5 - y) / m + lam / m * w_ridge5, 0, atol=1e-12)
assert np.all(np.abs(grad_data[w_lasso5 == 0]) <= lam / (2 * m) + 1e-9)
assert np.allclose(
    grad_data[w_lasso5 != 0],
    -lam / (2 * m) * np.sign(w_lasso5[w_lasso5 != 0]),
    atol=1e-8,
)
print("source: closed form and FISTA solution satisfy the optimality conditions")

# %%
# Row 2, Keras: batch-mean MSE + L2(c) with c = λ/m equals 2·J at any w
# (and the same for L1).
c = keras_coefficient(lam, m)
for w in (w_random, w_ridge5):
    keras_l2_loss = mse(X, y, w) + l2_penalty(w, c)
    keras_l1_loss = mse(X, y, w) + l1_penalty(w, c)
    assert np.isclose(keras_l2_loss, 2 * ridge_objective(w, X, y, lam), rtol=1e-12)
    assert np.isclose(keras_l1_loss, 2 * lasso_objective(w, X, y, lam), rtol=1e-12)
print(
    f"Keras: c = λ/m = {c:g}; MSE + c·Σw² = {keras_l2_loss:.6f} = 2·J "
    f"= {2 * ridge_objective(w, X, y, lam):.6f}"
)

# %%
# Row 3, sklearn Ridge(alpha = λ): the same coefficients.
sk_ridge = Ridge(alpha=lam, fit_intercept=False).fit(X, y).coef_
assert np.allclose(sk_ridge, w_ridge5, atol=1e-10)
print(
    f"Ridge(alpha={lam:g}): max |difference| "
    f"= {np.max(np.abs(sk_ridge - w_ridge5)):.1e}"
)

# %%
# Row 4, sklearn Lasso(alpha = λ/(2m)): the same coefficients and the same zeros.
sk_lasso = (
    Lasso(alpha=lam / (2 * m), fit_intercept=False, tol=1e-12, max_iter=100_000)
    .fit(X, y)
    .coef_
)
assert np.array_equal(sk_lasso == 0, w_lasso5 == 0) and (
    np.allclose(sk_lasso, w_lasso5, atol=1e-7)
)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    # The source's λ pasted as alpha
    naive = Lasso(alpha=lam, fit_intercept=False).fit(X, y).coef_
print(
    f"Lasso(alpha=λ/(2m)={lam / (2 * m):g}): {int(np.sum(sk_lasso == 0))} zeros, "
    f"as FISTA's {int(np.sum(w_lasso5 == 0))}; max |difference| "
    f"= {np.max(np.abs(sk_lasso - w_lasso5)):.1e}"
)
print(
    f"Lasso(alpha=λ={lam:g}) by mistake, a penalty 2m = {2 * m} times too strong: "
    f"{int(np.sum(naive == 0))} of {n_features} weights are zero"
)
assert np.all(naive == 0)

# %%
# Row 5, d2l: mean of (ŷ − y)²/2 plus λ_d2l·Σw²/2, with λ_d2l = λ/m, equals J at any w.
lam_d2l = lam / m
for w in (w_random, w_ridge5):
    d2l_loss = np.mean((X @ w - y) ** 2 / 2) + lam_d2l * np.sum(w**2) / 2
    assert np.isclose(d2l_loss, ridge_objective(w, X, y, lam), rtol=1e-12)
print(f"d2l: λ_d2l = λ/m = {lam_d2l:g}; its loss = J = {d2l_loss:.6f}")

# %%
# Row 6, LogisticRegression(C = 1/λ) minimises C·Σ logloss + ½‖w‖² = (m/λ)·J for the
# source-style J. A small binary problem: 200 samples, 5 features, labels drawn from a
# logistic model.
rng_lr = np.random.default_rng(5)
X_lr = rng_lr.normal(size=(200, 5))
labels = (
    rng_lr.uniform(size=200)
    < 1 / (1 + np.exp(-X_lr @ np.array([1.5, -2.0, 0.0, 0.5, 0.0])))
).astype(int)
m_lr, lam_lr, sign = len(labels), 20.0, 2 * labels - 1  # sign = ±1


def logistic_J(w):
    """Seed-style objective: mean log-loss + λ/(2m)·‖w‖²."""
    return np.mean(np.logaddexp(0, -sign * (X_lr @ w))) + lam_lr / (2 * m_lr) * (w @ w)


def logistic_J_grad(w):
    return -X_lr.T @ (sign / (1 + np.exp(sign * (X_lr @ w)))) / m_lr + lam_lr / m_lr * w


def sklearn_objective(w, C):
    """scikit-learn's objective for the L2 penalty: C·Σ logloss + ½‖w‖²."""
    return C * np.sum(np.logaddexp(0, -sign * (X_lr @ w))) + 0.5 * (w @ w)


w_ours = minimize(
    logistic_J, np.zeros(5), jac=logistic_J_grad, method="BFGS", options={"gtol": 1e-12}
).x
w_sk = (
    LogisticRegression(C=1 / lam_lr, fit_intercept=False, tol=1e-12, max_iter=10_000)
    .fit(X_lr, labels)
    .coef_[0]
)
w_naive = (
    LogisticRegression(C=lam_lr, fit_intercept=False, tol=1e-12, max_iter=10_000)
    .fit(X_lr, labels)
    .coef_[0]
)
for w in (rng_lr.normal(size=5), w_ours):
    assert np.isclose(
        sklearn_objective(w, 1 / lam_lr), m_lr / lam_lr * logistic_J(w), rtol=1e-12
    )
assert np.allclose(w_sk, w_ours, rtol=0, atol=1e-6)
# C = λ by mistake: far less regularization
assert np.linalg.norm(w_naive) > 1.5 * np.linalg.norm(w_sk)
print(
    f"LogisticRegression(C = 1/λ = {1 / lam_lr:g}): max |difference| from our "
    f"minimiser = {np.max(np.abs(w_sk - w_ours)):.1e}"
)
print(
    f"LogisticRegression(C = λ = {lam_lr:g}) by mistake: "
    f"‖w‖ = {np.linalg.norm(w_naive):.2f} instead of {np.linalg.norm(w_sk):.2f}"
)

# %%
# Note 1, intercepts: Ridge's default fit_intercept=True equals our ridge on
# centred data.
X_shift, y_shift = X + 1.0, y + 3.0  # data whose means are not 0
with_intercept = Ridge(alpha=lam).fit(X_shift, y_shift)
centred = ridge_closed_form(
    X_shift - X_shift.mean(axis=0), y_shift - y_shift.mean(), lam
)
no_intercept = Ridge(alpha=lam, fit_intercept=False).fit(X_shift, y_shift).coef_
assert np.allclose(with_intercept.coef_, centred, atol=1e-10)
assert np.isclose(
    with_intercept.intercept_, y_shift.mean() - X_shift.mean(axis=0) @ centred
)
assert np.max(np.abs(no_intercept - centred)) > 0.05
print(
    "intercepts: Ridge(fit_intercept=True) = ridge on centred data "
    f"to {np.max(np.abs(with_intercept.coef_ - centred)):.0e}; fit_intercept=False "
    f"differs by up to {np.max(np.abs(no_intercept - centred)):.2f}"
)

# Note 2, scaling: measure true feature 13 in units 10 times larger (its column / 10).
j_scaled, lam_scale = 13, cv.best_lam
X_units = X.copy()
X_units[:, j_scaled] /= 10
# The feature's effect on the prediction, w_j · (its column), in the original units
effect = {}
for name, X_ in [("original", X), ("column / 10", X_units)]:
    effect[name] = (
        lasso_fista(X_, y, lam_scale).coef[j_scaled]
        * X_[:, j_scaled].std()
        / X[:, j_scaled].std()
    )
    print(
        f"lasso at λ_CV = {lam_scale:.2f}, {name:12s}: effect of feature {j_scaled} "
        f"= {effect[name]:.3f} (true {w_true[j_scaled]:.2f})"
    )
standardized = [X_ / X_.std(axis=0) for X_ in (X, X_units)]
# Standardizing removes the unit
assert np.allclose(standardized[0], standardized[1], rtol=1e-12)
assert abs(effect["column / 10"]) < 0.5 * abs(effect["original"])
# Near standardized
assert np.all(np.abs(X.std(axis=0) - 1) < 0.2) and np.all(np.abs(X.mean(axis=0)) < 0.3)
print(
    "after standardizing, both versions of X are the same matrix, "
    "so λ acts on feature 13 alike"
)
print(
    f"our X: column standard deviations {X.std(axis=0).min():.2f} to "
    f"{X.std(axis=0).max():.2f}, |column means| ≤ {np.abs(X.mean(axis=0)).max():.2f}"
)

# %% [markdown]
# The last check of row 4 shows the classic mistake: pasting the source's λ = 5 into
# `Lasso(alpha=5)` makes the penalty 2m times too strong, and every weight is zero.
# (PyTorch's `SGD` and `Adam` take `weight_decay` as yet another convention: they add
# `weight_decay · w` to the gradient, not a term to the loss; its `AdamW` decays decoupled. d2l's
# concise version, `nn.MSELoss` (no ½) with `SGD(weight_decay=wd)`, therefore matches the source's
# λ at wd = 2λ/m, twice its from-scratch λ_d2l = λ/m: d2l's `lambd=3` and `wd=3` are not the same
# model. We do not run PyTorch here; the λ conventions page lists these.)
#
# ## Appendix B (optional). The source's λ/(2m) scaling, and why it matters (source error 4)
#
# > **3-hour workshop:** skipped; read it at home.
#
# Section 2 said: for **one** data set, the $1/m$ in front of both terms does not move the
# minimiser. Here the data set itself changes, and then $m$ matters. The source's formula and
# Keras's regularizers scale differently with the number of samples. Two consequences, measured.
#
# **Copying λ into Keras.** Keras's loss is $\frac1m\|Xw-y\|^2 + c\|w\|^2 = \frac{2}{m}\big(\tfrac12\|Xw-y\|^2 + \tfrac{cm}{2}\|w\|^2\big)$:
# its minimiser is the source's with λ = c·m. Writing `L2(λ)` instead of `L2(λ/m)` therefore
# regularizes m times too strongly. With the validation-chosen ridge λ:

# %%
lam_chosen = ridge_lams[curves["ridge"]["best"]]
for label, c_used in [
    ("L2(λ/m), correct", keras_coefficient(lam_chosen, m)),
    ("L2(λ), copied", lam_chosen),
]:
    w_keras = ridge_closed_form(X, y, c_used * m)  # the minimiser of MSE + c·Σw²
    grad_keras = 2 * X.T @ (X @ w_keras - y) / m + 2 * c_used * w_keras
    assert np.allclose(grad_keras, 0, atol=1e-10)
    print(
        f"Keras {label:18s} c = {c_used:8.4f}: ‖w‖ = {np.linalg.norm(w_keras):5.2f}, "
        f"test MSE = {mse(X_test, y_test, w_keras):6.3f}"
    )
    if "copied" in label:
        assert mse(X_test, y_test, w_keras) > 2 * mse(X_test, y_test, w_ridge)

# %% [markdown]
# **The same λ on more data.** Multiply the source's $J$ by $2m$: its minimiser minimises
# $\|Xw - y\|^2 + \lambda\|w\|^2$. The first term is a sum over $m$ samples, so it grows about in
# proportion to $m$; the penalty $\lambda\|w\|^2$ does not grow. (Equivalently: in $J$ both terms
# carry $1/m$, but the data term's sum is then an *average*, while $\frac{\lambda}{2m}\|w\|^2$ keeps
# falling like $1/m$.) So a fixed source λ regularizes less and less as $m$ grows. There is no
# contradiction with section 2: there $m$ was fixed. A fixed Keras coefficient $c$ (λ = c·m)
# keeps the same strength per sample. We measure the shrinkage
# $\|w_\lambda\| / \|w_{\text{least squares}}\|$ on growing subsets of a larger data set.

# %%
# NBVAL_CHECK_OUTPUT
X_big, y_big, _ = make_sparse_regression(3200, 60, 8, noise=1.0, seed=3)
lam_fixed, c_fixed = 50.0, 0.5
lines = [f"{'m':>5s} {'source λ = 50 fixed':>18s} {'Keras c = 0.5 fixed':>20s}"]
ratios_seed, ratios_keras = [], []
for m_sub in (100, 400, 1600, 3200):
    Xs, ys = X_big[:m_sub], y_big[:m_sub]
    norm_ls = np.linalg.norm(ridge_closed_form(Xs, ys, 0.0))
    ratios_seed.append(np.linalg.norm(ridge_closed_form(Xs, ys, lam_fixed)) / norm_ls)
    ratios_keras.append(
        np.linalg.norm(ridge_closed_form(Xs, ys, c_fixed * m_sub)) / norm_ls
    )
    lines.append(f"{m_sub:>5d} {ratios_seed[-1]:>18.2f} {ratios_keras[-1]:>20.2f}")
print("\n".join(lines))
assert np.all(np.diff(ratios_seed) > 0) and ratios_seed[-1] > 0.95
assert np.ptp(ratios_keras) < 0.1 and abs(ratios_keras[-1] - 1 / (1 + c_fixed)) < 0.05

# %% [markdown]
# With the source's λ fixed, the shrinkage fades toward none (ratio → 1) as $m$ grows;
# with Keras's $c$ fixed it stays near $1/(1 + c)$: the estimate stays biased however much data
# arrives. Both are valid conventions, but whatever the convention, re-tune λ (by CV) when $m$
# changes; and a λ tuned on one data set size, or in one library, must be converted, not copied: the table in appendix A gives
# the conversions, and `keras_coefficient(lam, m)` does the Keras one.
#
# ## Summary
# - Ridge has a closed form, $(X^\top X + \lambda I)^{-1}X^\top y$; gradient descent reaches it at a linear rate.
# - The lasso needs a method that handles its kink: ISTA ($O(1/k)$) or FISTA ($O(1/k^2)$), like
#   coordinate descent (scikit-learn) or LARS, give **exact zeros**; subgradient descent gives none
#   and converges slowly.
# - FISTA follows Beck & Teboulle's $t_k$ sequence: $t_1 = 1$, so its first two steps have no momentum.
# - With orthonormal columns the lasso is soft-thresholding of $X^\top y$ at λ/2 and ridge divides it by 1 + λ.
# - For λ ≥ λ_max = 2‖Xᵀy‖∞ the lasso solution is exactly 0; below it, features enter as λ
#   decreases, and some leave again (4 here).
# - L1 **selects** (many exact zeros, here all true features kept); L2 **shrinks** (no zeros).
# - Validation and CV error are U-shaped in λ; K-fold CV picks a λ that predicts well but keeps
#   some small false positives; the one-SE rule selects fewer features. Recovering the true support
#   needed a λ several times larger than λ_CV.
# - Appendices: the source's λ equals sklearn `Ridge`'s alpha, 2m × sklearn `Lasso`'s alpha, m ×
#   Keras's c, m × d2l's λ, and 1/C of `LogisticRegression` (for a log-loss). Mind intercepts and
#   standardize the features. For one data set, m does not move the minimiser; across data sets of
#   different sizes, a fixed source λ regularizes less as m grows.
#
# ## Exercises
# Replace `None` with your answer and run the cell. The check prints ✓ or ✗ with a hint.
#
# **Exercise 1.** Compute λ_max (the source's convention) for `lesson02.EXERCISE_X`,
# `lesson02.EXERCISE_Y` with numpy, without calling `lasso_lambda_max`.

# %%
from course_lib.checks import lesson02

answer = None  # your answer: a number
lesson02.exercise_1(answer)

# %% [markdown]
# **Exercise 2.** A colleague tuned the source's objective to λ = `lesson02.SEED_LAM` = 6 on
# m = `lesson02.SEED_M` = 150 samples. Which `alpha` gives the same model in
# `sklearn.linear_model.Lasso(alpha=..., fit_intercept=False)`?

# %%
answer = None  # your answer: a number
lesson02.exercise_2(answer)

# %% [markdown]
# **Exercise 3.** Write one ISTA step for the source's lasso, `ista_step(w, X, y, lam, step)`,
# with numpy and `soft_threshold`.


# %%
def ista_step(w, X, y, lam, step):
    return None  # replace with your code


lesson02.exercise_3(None)  # replace None with ista_step to check it

# %% [markdown]
# **Exercise 4.** Find a λ (the source's convention) for which the lasso on `lesson02.EXERCISE_X`,
# `lesson02.EXERCISE_Y` has **exactly 3** non-zero weights. Experiment with
# `lasso_fista(lesson02.EXERCISE_X, lesson02.EXERCISE_Y, lam).coef`; the checker solves the
# lasso at your λ and counts.

# %%
answer = None  # your answer: a number (a value of λ)
lesson02.exercise_4(answer)

# %% [markdown]
# **Exercise 5.** Reasoning. The colleague of exercise 2 now has 600 training samples instead of
# 150. Which `Lasso` alpha keeps the same **source** λ = 6? Which keeps the same strength **per
# sample** (the same Keras c = λ/m)? Which of the two would you start a cross-validation from, and
# why does neither make the cross-validation unnecessary? (Appendix B.)

# %% tags=["remove-cell", "skip-slide"]
# How long this notebook took (the README and the instructor guide quote it).
stopwatch.report(budget_s=60)
