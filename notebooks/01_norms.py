# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · Norms: the rulers behind L1 and L2 regularization
#
# Regularization adds the *size* of a model's weights to its loss. A **norm** is
# how we measure that size. This lesson builds the vocabulary for the whole course.
#
# **You will learn**
# - the Lp norms for p = 0, ½, 1, 2 and ∞, and how to compute them;
# - what the unit balls of these norms look like in 2-D;
# - three norms of a weight matrix, which one Keras's L2 penalty uses, and when that
#   penalty is the same as "weight decay";
# - why an L1 penalty gives *exact zeros* (sparse solutions) and L2 does not;
# - why a penalty λ·R(w) and a constraint R(w) ≤ r lead to the same solutions;
# - the proximal operators of L1 and L2: soft-thresholding and shrinkage, and the
#   block soft-thresholding of the unsquared L2 norm, which zeroes whole groups.
#
# **Computer time** (Run All): under 10 seconds on 2 CPU cores, most of it drawing the
# sliders' frames. No TensorFlow is needed here.
#
# **How to use it:** run all cells first (*Run ▸ Run All Cells* in JupyterLab), then read from
# the top while the last ones finish. A short quiz after some sections checks your
# understanding (set `answer` to your choice and run its cell); the exercises at the end
# check your answers.
#
# **Before this lesson:** Python and numpy basics (arrays, functions); no machine learning.

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
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle
from scipy.optimize import minimize

from course_lib import notebook
from course_lib.norms import (
    block_soft_threshold,
    l2_shrink,
    lp_norm,
    matrix_norm,
    soft_threshold,
    unit_ball,
)
from course_lib.penalties import l2_penalty
from course_lib.plots import plot_unit_balls
from course_lib.quizzes import quiz
from course_lib.sliders import slider

stopwatch = notebook.setup(seed=0)

# %% [markdown]
# ## 1. Lp norms of a vector
#
# For a vector $w = (w_1, \dots, w_n)$ and a number $p > 0$ the **Lp norm** is
#
# $$\|w\|_p = \Big(\sum_{j=1}^n |w_j|^p\Big)^{1/p}.$$
#
# Three special cases matter most:
# - $\|w\|_1 = \sum_j |w_j|$, the sum of absolute values (L1);
# - $\|w\|_2 = \sqrt{\sum_j w_j^2}$, the Euclidean length (L2);
# - $\|w\|_\infty = \max_j |w_j|$, the largest absolute value (the limit p → ∞).
#
# Two more are used as *counts* or *approximations* of sparsity:
# - $\|w\|_0$ = the number of non-zero entries. It is not a true norm
#   (doubling $w$ does not double it), but it is what "sparse" means;
# - for $0 < p < 1$ the formula gives a *quasi-norm*: the triangle inequality
#   $\|a + b\|_p \le \|a\|_p + \|b\|_p$ fails for some vectors $a$, $b$ (section 2 shows an example).
#
# `course_lib.norms.lp_norm` computes all of them. We check each value
# against `numpy.linalg.norm`, an independent implementation.

# %%
# NBVAL_CHECK_OUTPUT
w = np.array([3.0, -4.0, 0.0, 1.0, 0.0])
ps = [0, 0.5, 1, 2, np.inf]
print(f"w = {w}")
for p in ps:
    ours, numpy_value = lp_norm(w, p), np.linalg.norm(w, ord=p)
    assert np.isclose(ours, numpy_value), (p, ours, numpy_value)
    print(f"p = {p:<4}  ‖w‖_p = {ours:8.4f}   numpy: {numpy_value:8.4f}")

# %% [markdown]
# As p grows, the norm pays more attention to the largest entry: it falls from
# 22.39 (p = ½) through 8 (p = 1) and 5.10 (p = 2) to 4 (p = ∞). The count ‖w‖₀ = 3 is not
# part of this family: it is the limit as p → 0 of $\sum_j |w_j|^p$ (the p-th power), while the
# "norm" $(\sum_j |w_j|^p)^{1/p}$ itself grows without bound as p → 0 (the figure below).
#
# This holds for **every** $p > 0$, not only for $p \ge 1$: if $0 < p < q$, then
# $\|w\|_q \le \|w\|_p$. The reason takes one line. Divide $w$ by $\|w\|_p$, so that
# $\|w\|_p = 1$. Then every $|w_j| \le 1$, so $|w_j|^q \le |w_j|^p$, and
# $\|w\|_q^q = \sum_j |w_j|^q \le \sum_j |w_j|^p = 1$. Nothing here needs $p \ge 1$.
# The cell below checks it on 4,000 values of p between 0.05 and 200, for our vector
# and for 100 random ones.

# %% alt="Log-log plot of the Lp norm of w = (3, -4, 0, 1, 0) against p from 0.25 to 50: the curve falls steadily from about 190 at p = 0.25, through the marked values at p = 1/2, 1 and 2, and levels off at the dotted line at 4, the largest |w_j| (the limit as p grows)."
p_grid = np.geomspace(0.05, 200, 4000)
norms_w = np.array([lp_norm(w, p) for p in p_grid])
assert np.all(np.diff(norms_w) <= 1e-12 * norms_w[:-1]) and (
    norms_w[-1] >= lp_norm(w, np.inf)
)

# 100 random vectors, all values of p at once: ‖v‖_p = s·(Σ|v_j/s|^p)^(1/p)
# with s = max|v_j| (no overflow).
V = np.abs(np.random.default_rng(2).normal(size=(100, 8)))
s_max = V.max(axis=1, keepdims=True)
norms_V = s_max * (
    np.sum((V / s_max)[:, None, :] ** p_grid[None, :, None], axis=2) ** (1 / p_grid)
)
assert np.allclose(
    norms_V[7, [100, 3000]], [lp_norm(V[7], p_grid[100]), lp_norm(V[7], p_grid[3000])]
)
assert np.all(np.diff(norms_V, axis=1) <= 1e-12 * norms_V[:, :-1])
values = [lp_norm(w, p) for p in [0.5, 1, 2, np.inf]]
print("‖w‖_½ ≥ ‖w‖_1 ≥ ‖w‖_2 ≥ ‖w‖_∞:", np.round(values, 4))
print(
    f"‖v‖_p never rises with p on {len(p_grid)} values of p in [0.05, 200], "
    f"for w and {len(V)} random vectors"
)

fig, ax = plt.subplots(figsize=(6, 3.5))
# The range that matters; the check above covers [0.05, 200]
shown = (p_grid >= 0.25) & (p_grid <= 50)
ax.loglog(p_grid[shown], norms_w[shown], label="$\\|w\\|_p$")
ax.axhline(
    lp_norm(w, np.inf),
    color="k",
    ls=":",
    label=f"$\\|w\\|_\\infty$ = {lp_norm(w, np.inf):g} (the limit)",
)
ax.plot([0.5, 1, 2], values[:3], "o", color="tab:red", label="p = ½, 1, 2")
ax.set(xlabel="p", ylabel="norm", title=f"The Lp norms of w = {w} fall as p grows")
ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# ### A correction to source 000
#
# This course follows two Chinese texts: *source 000*, on L1 and L2 regularization in general,
# and *source 004*, an autoencoder on MNIST. Source 000 describes the L1 norm as "the elements of
# the weight vector with a large absolute value". That describes the **L∞ norm**
# (the single largest |wⱼ|), not L1. The L1 norm is the **sum** of all absolute
# values. The two differ on our vector:

# %%
# NBVAL_CHECK_OUTPUT
largest_abs = np.max(np.abs(w))  # the source's description
l1 = np.sum(np.abs(w))  # the actual definition
print(f"largest |w_j| = {largest_abs}  (= ‖w‖_∞ = {lp_norm(w, np.inf)})")
print(f"Σ |w_j|       = {l1}  (= ‖w‖_1 = {lp_norm(w, 1)})")
assert largest_abs == lp_norm(w, np.inf) and l1 == lp_norm(w, 1) and l1 != largest_abs

# %% [markdown]
# ### Why an L1 penalty sets small weights to exactly zero
#
# "L1 sums all entries" does not explain sparsity: the squared L2 norm $\sum_j w_j^2$
# sums all entries too. What matters is how hard each penalty **pulls** a weight
# towards 0, i.e. the derivative of the penalty with respect to that weight:
# - L1, $\lambda|w_j|$: the pull is $\lambda\,\operatorname{sign}(w_j)$. Its size is $\lambda$
#   **however small** $w_j$ is (at $w_j = 0$ any value in $[-\lambda, \lambda]$ is a
#   subgradient, so the penalty can hold the weight at exactly 0);
# - L2, $\lambda w_j^2$: the pull is $2\lambda w_j$. It **fades** as $w_j \to 0$.
#
# So near 0, L1 still pushes with full force until the weight reaches 0, while L2
# barely pushes at all: a small data gradient is enough to keep the weight off 0.
# Here are both pulls, with $\lambda = 1$:

# %% alt="The pull towards 0 (the derivative of the penalty) against the weight w for lambda = 1: the L1 pull is a step that stays at -1 or +1 right up to w = 0, while the L2 pull 2lambdaw is a straight line through the origin that fades to 0 as w approaches 0."
# NBVAL_CHECK_OUTPUT
lam_pull = 1.0
print(f"{'w_j':>7s} {'L1 pull λ·sign(w)':>18s} {'L2 pull 2λw':>12s}")
for w_j in (1.0, 0.1, 0.01, 0.001):
    print(f"{w_j:7.3f} {lam_pull * np.sign(w_j):18.3f} {2 * lam_pull * w_j:12.3f}")
w_small = np.array([0.1, 0.01, 0.001])
assert np.all(lam_pull * np.sign(w_small) == lam_pull)  # constant size
# L2's pull is weaker near 0, and shrinks with w
assert np.all(2 * lam_pull * w_small < 0.25 * lam_pull)

w_line = np.linspace(-1.5, 1.5, 601)
fig, ax = plt.subplots(figsize=(5.5, 3.5))
ax.plot(
    w_line, lam_pull * np.sign(w_line), lw=2, label="L1: λ·sign(w), size λ down to 0"
)
ax.plot(w_line, 2 * lam_pull * w_line, lw=2, label="L2: 2λw, fades as w → 0")
ax.set(
    xlabel="weight w",
    ylabel="size of the pull towards 0 (the derivative)",
    title="The pull of the two penalties, λ = 1",
)
ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# Sections 4 and 5 show the same fact twice more: as the corners of the L1 ball, and as
# the soft-thresholding step that sets every small entry to exactly 0.

# %% tags=["quiz"]
answer = None  # your answer: a number
quiz("01", 1, answer)

# %% [markdown]
# ## 2. Unit balls in 2-D
#
# > **3-hour workshop:** shown briefly (its key result); read the rest at home.
#
# The **unit ball** of a norm is the set $\{w : \|w\|_p \le 1\}$. Its shape tells
# us which weight vectors count as "small". In 2-D we can draw its edge,
# the unit sphere $\|w\|_p = 1$.

# %% alt="The unit spheres (all points of norm 1) in the plane for p = 0.5, 1, 2 and infinity: an inward-curved four-pointed star, a diamond, a circle and a square, nested inside one another and all touching the axes at -1 and 1."
ax = plot_unit_balls([0.5, 1, 2, np.inf])
plt.show()

# %% [markdown]
# - L2 gives a disc: all directions are treated alike.
# - L1 gives a diamond with **corners on the axes**, where one coordinate is zero.
# - L∞ gives a square; p = ½ gives a pinched star that is **not convex**.
#
# Every point that `unit_ball` returns has norm 1, and the four axis points are
# among them (we will need the corners later):

# %%
for p in [0.5, 1, 2, np.inf]:
    sphere = unit_ball(p, n_points=400)
    norms = [lp_norm(point, p) for point in sphere.T]
    assert np.allclose(norms, 1.0), p
corners = unit_ball(1, n_points=400)[:, [0, 100, 200, 300]]
print("L1 corners:\n", corners)

# %% [markdown]
# ### p = ½ is not a norm: the triangle inequality fails
#
# > **3-hour workshop:** skipped; read it at home.
#
# A norm must satisfy $\|a + b\| \le \|a\| + \|b\|$. For $p = ½$ take the two axis
# points $a = (1, 0)$ and $b = (0, 1)$. Both have $\|\cdot\|_{1/2} = 1$, but
# $\|a + b\|_{1/2} = (\sqrt1 + \sqrt1)^2 = 4 > 2$. In the picture: the midpoint
# $(a + b)/2$ of two points of the p = ½ ball lies *outside* the ball, which is what
# "not convex" means.

# %% alt="The shaded unit ball for p = 1/2, a four-pointed star, with the points a = (1, 0) and b = (0, 1) on its edge and the midpoint of the segment between them, (0.5, 0.5), lying outside the ball."
# NBVAL_CHECK_OUTPUT
a, b = np.array([1.0, 0.0]), np.array([0.0, 1.0])
left, right = lp_norm(a + b, 0.5), lp_norm(a, 0.5) + lp_norm(b, 0.5)
print(f"‖a + b‖_½ = {left:g}  >  ‖a‖_½ + ‖b‖_½ = {right:g}")
print(
    f"‖(a + b)/2‖_½ = {lp_norm((a + b) / 2, 0.5):g} > 1: "
    "the midpoint is outside the ball"
)
assert left > right and lp_norm((a + b) / 2, 0.5) > 1
for p in (1, 2, np.inf):  # a true norm keeps the inequality
    assert lp_norm(a + b, p) <= lp_norm(a, p) + lp_norm(b, p)

fig, ax = plt.subplots(figsize=(4, 4))
half = unit_ball(0.5)
ax.fill(*half, alpha=0.25, color="tab:blue", label="ball p = ½")
ax.plot([a[0], b[0]], [a[1], b[1]], "k--", lw=1, label="segment from a to b")
ax.plot(*np.c_[a, b], "o", color="tab:green", label="a, b: norm 1")
ax.plot(
    *((a + b) / 2),
    "o",
    color="tab:red",
    label=f"(a + b)/2: norm {lp_norm((a + b) / 2, 0.5):g}",
)
ax.set(
    aspect="equal",
    xlabel="$w_1$",
    ylabel="$w_2$",
    title="p = ½: the midpoint leaves the ball",
)
ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.02, 1))  # off the star
plt.show()

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("01", 2, answer)

# %% [markdown]
# ## 3. Norms of a weight matrix
#
# A dense layer's weights form a matrix $W$ (inputs × units). Three matrix norms are common:
#
# | norm | formula | meaning |
# |---|---|---|
# | Frobenius $\|W\|_F$ | $\sqrt{\sum_{ij} W_{ij}^2}$ | L2 norm of all entries; Keras's `L2(lam)` adds **lam·$\|W\|_F^2$** |
# | spectral $\|W\|_2$ | largest singular value $\sigma_1$ | the most $W$ can stretch any input |
# | nuclear $\|W\|_*$ | $\sum_i \sigma_i$ | L1 norm of the singular values; favours low rank |
#
# Here $\sigma_1 \ge \sigma_2 \ge \dots \ge 0$ are the singular values of $W$.
# We use a random 10 × 64 matrix, the shape of the first layer of lesson 03's MLP.

# %%
rng = np.random.default_rng(0)
W = rng.normal(scale=0.3, size=(10, 64))
sigma = np.linalg.svd(W, compute_uv=False)
fro, spectral, nuclear = (
    matrix_norm(W, kind) for kind in ("fro", "spectral", "nuclear")
)
for kind, ours, ord_ in [
    ("fro", fro, "fro"),
    ("spectral", spectral, 2),
    ("nuclear", nuclear, "nuc"),
]:
    assert np.isclose(ours, np.linalg.norm(W, ord=ord_)), kind
assert np.isclose(fro**2, np.sum(sigma**2))  # Frobenius² = Σ σᵢ²
assert np.isclose(l2_penalty(W, 1e-3), 1e-3 * fro**2)  # Keras L2(lam) adds lam·‖W‖_F²
assert spectral <= fro <= nuclear
print(f"spectral = {spectral:.3f} ≤ Frobenius = {fro:.3f} ≤ nuclear = {nuclear:.3f}")
print(
    f"l2_penalty(W, 1e-3) = {l2_penalty(W, 1e-3):.5f} = 1e-3 · ‖W‖_F² "
    f"= {1e-3 * fro**2:.5f}"
)

# %% [markdown]
# ### Which "L2 norm" of a matrix?
#
# "The L2 norm of W" is ambiguous, and numpy shows why. `np.linalg.norm(W)` with no
# `ord` treats $W$ as one long vector: it is the **Frobenius** norm. `np.linalg.norm(W, 2)`
# on a 2-D array is the **spectral** norm $\sigma_1$. Keras's `L2` uses the entries, i.e. Frobenius.

# %%
no_ord, ord_2 = np.linalg.norm(W), np.linalg.norm(W, 2)
print(f"np.linalg.norm(W)    = {no_ord:.4f} = Frobenius {fro:.4f}")
print(f"np.linalg.norm(W, 2) = {ord_2:.4f} = spectral σ₁ {spectral:.4f}")
print(
    f"np.linalg.norm(W.ravel(), 2) = {np.linalg.norm(W.ravel(), 2):.4f} "
    "(a vector again: Frobenius)"
)
assert (
    np.isclose(no_ord, fro)
    and np.isclose(ord_2, spectral)
    and np.isclose(np.linalg.norm(W.ravel(), 2), fro)
)
assert ord_2 < 0.8 * no_ord  # not the same number

# %% [markdown]
# ### An L2 penalty is weight decay only under plain SGD
#
# > **3-hour workshop:** shown briefly (its key result); read the rest at home.
#
# Keras's `L2(lam)` adds lam·$\|W\|_F^2$ to the loss. Its gradient adds $2\,\text{lam}\,W$ to the
# gradient $G$ of the data loss. With **plain SGD** and learning rate $\eta$, one step is
#
# $$W \leftarrow W - \eta\,(G + 2\,\text{lam}\,W) = W - \eta G - \eta \cdot (2\,\text{lam}) \cdot W ,$$
#
# which is exactly **decoupled weight decay** $W \leftarrow W - \eta G - \eta\,\text{wd}\,W$ (the form of
# Keras's optimizers and of PyTorch's `AdamW`) with wd = 2·lam. The cell writes this algebra out for one step (it cannot fail),
# then takes Adam's first step both ways, where the two do differ.
# With **Adam** the two differ: Adam divides the whole gradient, penalty included, by a running
# scale per weight, while decoupled weight decay (AdamW) is applied outside that scaling. So
# "L2 penalty" and "weight decay" are different methods in general. Lesson 06 (section 6) shows
# Adam + L2 and AdamW side by side.

# %%
rng_step = np.random.default_rng(3)
G = rng_step.normal(size=W.shape)  # some data gradient
eta, lam_keras = 0.1, 1e-3
sgd_with_l2 = W - eta * (G + 2 * lam_keras * W)  # gradient of the loss + lam·‖W‖_F²
# Decoupled weight decay, wd = 2·lam
sgd_with_decay = W - eta * G - eta * (2 * lam_keras) * W
print(
    f"plain SGD: L2({lam_keras:g}) step − weight-decay step (wd = {2 * lam_keras:g}): "
    f"max |difference| = {np.max(np.abs(sgd_with_l2 - sgd_with_decay)):.1e}"
)
assert np.allclose(sgd_with_l2, sgd_with_decay, rtol=0, atol=1e-14)


def adam_first_step(W, g, eta, eps=1e-7):
    """Adam's first step from zero moments (bias-corrected): m̂ = g, v̂ = g²,
    so W − η·g/(|g| + ε)."""
    return W - eta * g / (np.abs(g) + eps)


# The penalty's gradient goes through Adam's scaling
adam_with_l2 = adam_first_step(W, G + 2 * lam_keras * W, eta)
# Decoupled: applied outside it
adamw_step = adam_first_step(W, G, eta) - eta * (2 * lam_keras) * W
print(
    f"Adam:      L2({lam_keras:g}) step − AdamW step (wd = {2 * lam_keras:g}): "
    f"max |difference| = {np.max(np.abs(adam_with_l2 - adamw_step)):.1e}"
)
assert np.max(np.abs(adam_with_l2 - adamw_step)) > 1e-5

# %% [markdown]
# ### The nuclear norm favours low rank
#
# > **3-hour workshop:** skipped; read it at home.
#
# The nuclear norm is to singular values what L1 is to entries: it sums them, so among
# matrices of the same Frobenius norm (the same L2 penalty) it is small when the singular values
# are **concentrated on a few** (approximately low rank), and its minimum, $\|W\|_F$, is reached
# exactly at rank 1. (In general $\|W\|_* \le \sqrt{\text{rank}}\,\|W\|_F$.)
# We compare the random $W$ above with a **rank-2** matrix of the same shape, scaled to
# the same Frobenius norm.

# %%
# NBVAL_CHECK_OUTPUT
rng_low = np.random.default_rng(4)
W_low = rng_low.normal(size=(10, 2)) @ rng_low.normal(size=(2, 64))  # rank 2
W_low *= fro / matrix_norm(W_low, "fro")  # same Frobenius norm as W
sigma_low = np.linalg.svd(W_low, compute_uv=False)
print(f"{'matrix':22s} {'rank':>4s} {'Frobenius':>9s} {'spectral':>8s} {'nuclear':>7s}")
table = {}
for name, M in [("random W (full rank)", W), ("rank-2 W_low", W_low)]:
    table[name] = {
        kind: matrix_norm(M, kind) for kind in ("fro", "spectral", "nuclear")
    }
    table[name]["rank"] = int(np.linalg.matrix_rank(M))
    row = table[name]
    print(
        f"{name:22s} {row['rank']:>4d} {row['fro']:9.3f} {row['spectral']:8.3f} "
        f"{row['nuclear']:7.3f}"
    )
    assert row["nuclear"] <= np.sqrt(row["rank"]) * row["fro"] * (1 + 1e-12)
full, low = table["random W (full rank)"], table["rank-2 W_low"]
assert full["rank"] == 10 and low["rank"] == 2 and np.isclose(full["fro"], low["fro"])
assert low["nuclear"] < 0.6 * full["nuclear"]
print(
    "same Frobenius norm; the nuclear norm of the rank-2 matrix "
    f"is {full['nuclear'] / low['nuclear']:.2f} times smaller"
)

# %% [markdown]
# The three norms are three summaries of the same singular values: the largest one
# (spectral), the root of the sum of squares (Frobenius), and the plain sum (nuclear).
# The rank-2 matrix puts all its Frobenius "mass" into two singular values, so their sum is small.

# %% alt="Bar chart of the 10 singular values of two matrices with the same Frobenius norm 7.59: the random matrix W has ten similar bars from about 3.1 down to 1.8, the rank-2 matrix only two tall bars, so its nuclear norm is 10.56 against 23.61; a dashed line marks the spectral norm of W, its largest singular value."
fig, ax = plt.subplots(figsize=(7, 3.2))
idx = np.arange(1, len(sigma) + 1)
ax.bar(
    idx - 0.2,
    sigma,
    width=0.4,
    color="tab:blue",
    label=f"random W: ‖W‖_F = {full['fro']:.2f}, ‖W‖_* = {full['nuclear']:.2f}",
)
ax.bar(
    idx + 0.2,
    sigma_low,
    width=0.4,
    color="tab:orange",
    label=f"rank-2 W_low: ‖W‖_F = {low['fro']:.2f}, ‖W‖_* = {low['nuclear']:.2f}",
)
ax.axhline(
    spectral,
    color="tab:blue",
    ls="--",
    lw=1,
    label=f"spectral norm of W = σ₁ = {spectral:.2f}",
)
ax.set(
    xlabel="index i",
    ylabel="singular value σᵢ",
    xticks=idx,
    title="Singular values: same Frobenius norm, very different nuclear norms",
)
ax.legend(fontsize="small")
plt.show()

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("01", 3, answer)

# %% [markdown]
# ## 4. Why L1 gives sparse solutions
#
# > **3-hour workshop:** shown briefly (its key result); read the rest at home.
#
# **Penalty or constraint: the same solutions.** Let $f$ be a loss and $R$ a penalty, both
# convex (here $R = \|\cdot\|_1$ or $\|\cdot\|_2^2$). The penalized problem
# $\min_w f(w) + \lambda R(w)$ and the constrained problem $\min_w f(w)$ subject to
# $R(w) \le r$ are two faces of one family: a solution $w_\lambda$ of the first solves the
# second with $r = R(w_\lambda)$; and conversely, for each radius $r > 0$ (then $R(0) = 0 < r$, so
# the constraint can be met strictly) there is a $\lambda \ge 0$, the Lagrange multiplier of
# the constraint, for which every solution of the second solves the first. A larger λ goes with a
# smaller radius $r$, but the match is not one to one: every $r$ at least as large as $R$ of the
# unpenalized minimiser gives $\lambda = 0$. So instead of a penalty we may study "the best $w$ inside a ball", which we can draw.
#
# Take a least-squares loss in two weights, $f(w) = \|A(w - c)\|_2^2$. Its
# minimum is at $c$, and its level sets (contours) are ellipses around $c$.
# We ask for the best $w$ *inside a ball* of radius $r$. When
# $c$ lies outside the ball, the answer is where the smallest contour first
# touches the ball.
#
# We find that touching point on the edge of each ball numerically: evaluate
# $f$ at 40,000 points of the sphere and keep the best.

# %%
A = np.array([[1.0, 0.4], [0.0, 0.5]])
c = np.array([1.6, 0.9])
radius = 1.0


def loss(points):
    """f(w) = ‖A(w − c)‖² for each column w of a (2, n) array."""
    return np.sum((A @ (points - c[:, None])) ** 2, axis=0)


def touching_point(p, r=radius, n_points=40_000):
    """Minimiser of the loss over the ball ‖w‖_p ≤ r: c itself if c lies inside, else
    the best of n_points points of the sphere ‖w‖_p = r (grid search)."""
    if lp_norm(c, p) <= r:
        return c.copy()
    sphere = r * unit_ball(p, n_points)
    return sphere[:, np.argmin(loss(sphere))]


w_l1, w_l2 = touching_point(1), touching_point(2)
print(f"L1 ball: w = {w_l1}   L2 ball: w = {w_l2}")
assert w_l1[1] == 0.0 and np.all(w_l2 != 0.0)

# %% alt="Two panels with the elliptic contours of a least-squares loss whose minimum lies outside a ball of radius 1: on the left the contours touch the L1 diamond at its corner (1, 0), where w2 is exactly 0; on the right they touch the L2 disc at (0.886, 0.463), where neither weight is 0."
grid = np.linspace(-1.5, 2.5, 300)
G1, G2 = np.meshgrid(grid, grid)
F = loss(np.vstack([G1.ravel(), G2.ravel()])).reshape(G1.shape)


balls_fig, balls_axes = plt.subplots(
    1, 2, figsize=(8.6, 4.3), sharey=True, layout="constrained"
)
balls, best_points, touching_contours = {}, {}, {}
for ax, p, name in [(balls_axes[0], 1, "L1"), (balls_axes[1], 2, "L2")]:
    ax.contour(G1, G2, F, levels=[0.1, 0.4, 1, 2, 4], colors="0.75", linewidths=0.8)
    (balls[p],) = ax.fill(
        *unit_ball(p), alpha=0.25, color="tab:blue", label=f"{name} ball"
    )
    ax.plot(*c, "k*", ms=12, label="unregularized minimum c")
    (best_points[p],) = ax.plot([], [], "o", color="tab:red", ms=8, label="best point")
    ax.set(aspect="equal", xlim=(-1.5, 2.5), ylim=(-1.5, 2.5), xlabel="$w_1$")
    ax.legend(loc="upper left", fontsize="small")  # the empty corner
balls_axes[0].set_ylabel("$w_2$")


def draw_balls(r):
    """The balls of radius r, their best points and the contour through each point:
    the figure above, updated."""
    for ax, p, name in [(balls_axes[0], 1, "L1"), (balls_axes[1], 2, "L2")]:
        w_star = touching_point(p, r)
        balls[p].set_xy((r * unit_ball(p)).T)
        best_points[p].set_data([w_star[0]], [w_star[1]])
        if p in touching_contours:
            touching_contours.pop(p).remove()
        if loss(w_star[:, None])[0] > 0:  # the contour through the best point
            touching_contours[p] = ax.contour(
                G1, G2, F, levels=loss(w_star[:, None]), colors="0.2"
            )
        ax.set_title(
            f"{name}, r = {r:g}: best point ({w_star[0]:.3f}, {w_star[1]:.3f})"
        )
    return balls_fig


def describe_balls(r):
    """The alt text of one frame: where the best points lie."""
    parts = []
    for p, shape in [(1, "L1 diamond"), (2, "L2 disc")]:
        w_star = touching_point(p, r)
        where = f"({w_star[0]:.3f}, {w_star[1]:.3f})"
        if lp_norm(c, p) <= r:
            where += ", the unregularized minimum itself"
        elif w_star[1] == 0.0:
            where += ", a corner where w2 is exactly 0"
        parts.append(f"in the {shape} at {where}")
    return (
        f"Loss contours and balls of radius {r:g}: the best point lies "
        + "; ".join(parts)
        + "."
    )


radii = np.linspace(0.5, 2.5, 9)
slider(draw_balls, radii, name="radius r", default=radius, alt=describe_balls)

# %%
at_corner = [r for r in radii if lp_norm(c, 1) > r and touching_point(1, r)[1] == 0.0]
print(
    f"L1 best point at the corner (r, 0) for r = {at_corner[0]:g} to {at_corner[-1]:g} "
    f"of the slider, off it from r = {radii[len(at_corner)]:g}; "
    f"c lies inside the L2 disc for r ≥ ‖c‖₂ = {lp_norm(c, 2):.3f}, "
    f"inside the L1 diamond for r ≥ ‖c‖₁ = {lp_norm(c, 1):g}"
)
assert at_corner == list(radii[: len(at_corner)]) and at_corner[-1] == 1.5
assert np.isclose(radii[-1], lp_norm(c, 1))  # the last frame: c inside both balls

# %% [markdown]
# The diamond's corners stick out, so a contour often meets the diamond
# **at a corner**, where one weight is exactly zero. The disc has no corners:
# the touching point has both weights non-zero.
#
# **Move the slider** under the figure (in JupyterLab with a running kernel, or on the
# course website) to change the radius r. A small radius is a strong penalty (a large λ).
# For every radius up to 1.5 the L1 best point is the corner $(r, 0)$, and from 1.75 on it
# has left the corner (printed above). Once the ball contains $c$, the constraint no longer
# acts and the best point is $c$ itself: from $r = \|c\|_2$ for the disc, and only from
# $r = \|c\|_1$, a larger radius, for the diamond.
#
# **The check of "penalty = constraint".** At a touching point $w^*$ the optimality
# condition of the penalized problem gives the matching λ:
# - L1 corner $w^* = (r, 0)$: $\nabla f(w^*) + \lambda\,(1, s) = 0$ for some $s \in [-1, 1]$, so
#   $\lambda = -\partial_1 f(w^*)$;
# - L2 circle: $\nabla f(w^*) + 2\lambda w^* = 0$, so $\lambda = -\nabla f(w^*)\cdot w^* / (2\|w^*\|^2)$.
#
# With these λ we solve the *penalized* problems with no ball at all: L1 by proximal
# gradient steps (soft-thresholding, section 5), L2 in closed form,
# $w = (A^\top A + \lambda I)^{-1}A^\top A\,c$. Both land on the touching points.

# %%
H = A.T @ A
grad_l1, grad_l2 = 2 * H @ (w_l1 - c), 2 * H @ (w_l2 - c)
lam_l1 = -grad_l1[0]
assert abs(grad_l1[1]) <= lam_l1  # s = −∂₂f/λ lies in [−1, 1]: the corner is optimal
lam_l2 = -grad_l2 @ w_l2 / (2 * w_l2 @ w_l2)

w_pen = np.zeros(2)  # min f(w) + lam_l1·‖w‖₁ by proximal gradient (ISTA), step 1/L
L_f = 2 * np.linalg.eigvalsh(H)[-1]
for _ in range(500):
    w_pen = soft_threshold(w_pen - 2 * H @ (w_pen - c) / L_f, lam_l1 / L_f)
w_pen_l2 = np.linalg.solve(H + lam_l2 * np.eye(2), H @ c)  # min f(w) + lam_l2·‖w‖₂²
print(f"L1: λ = {lam_l1:.4f}; penalized solution {w_pen} = touching point {w_l1}")
print(
    f"L2: λ = {lam_l2:.4f}; penalized solution {w_pen_l2} ≈ touching point {w_l2} "
    f"(grid): distance {np.linalg.norm(w_pen_l2 - w_l2):.1e}, "
    f"‖w‖₂ − r = {np.linalg.norm(w_pen_l2) - radius:.1e}"
)
grid_spacing = 2 * np.pi * radius / 40_000
assert np.allclose(w_pen, w_l1, rtol=0, atol=1e-12) and w_pen[1] == 0.0
assert (
    np.linalg.norm(w_pen_l2 - w_l2) < grid_spacing
    and abs(np.linalg.norm(w_pen_l2) - radius) < 1e-6
)

# %% [markdown]
# The L1 penalized solution is the corner itself. The L2 penalized solution lies on the
# circle and within one grid spacing ($2\pi r/40{,}000$) of the grid's touching point
# (asserted): the grid only knows the touching point to that precision.
#
# One example proves little. Let us draw 2,000 random losses (random $A$,
# random centre $c$ outside the L2 disc, $\|c\|_2 > r$, hence outside the L1 diamond
# too, since $\|c\|_1 \ge \|c\|_2$) and solve each exactly, without a grid:
# - **L1:** the corner $r\,s\,e_k$ (sign $s$, axis $k$) is optimal exactly when the
#   gradient $g = \nabla f$ there satisfies $-s\,g_k \ge |g_{\text{other}}|$
#   (the optimality condition at a corner of the diamond);
# - **L2:** the optimum is $w(\mu) = (A^\top A + \mu I)^{-1} A^\top A\, c$ with
#   $\mu \ge 0$ chosen so that $\|w(\mu)\|_2 = r$ (found by bisection).


# %%
def l1_corner_is_optimal(A, c, r=1.0):
    """True if some corner of the L1 ball of radius r minimises ‖A(w − c)‖² over
    the ball."""
    for k in range(2):
        for s in (1.0, -1.0):
            corner = np.zeros(2)
            corner[k] = s * r
            g = 2 * A.T @ A @ (corner - c)
            if -s * g[k] >= abs(g[1 - k]):
                return True
    return False


def l2_constrained_minimum(A, c, r=1.0):
    """Minimiser of ‖A(w − c)‖² over ‖w‖₂ ≤ r, by bisection on the multiplier μ.

    With AᵀA = Q·diag(h)·Qᵀ, w(μ) = Q·(h/(h + μ)·Qᵀc), so ‖w(μ)‖ needs no linear solve.
    """
    h, Q = np.linalg.eigh(A.T @ A)
    (h1, h2), (d1, d2) = h.tolist(), (Q.T @ c).tolist()

    def too_long(mu):  # ‖w(μ)‖₂ > r, in plain floats (fast)
        return (h1 * d1 / (h1 + mu)) ** 2 + (h2 * d2 / (h2 + mu)) ** 2 > r * r

    lo, hi = 0.0, 1.0
    while too_long(hi):
        hi *= 2
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if too_long(mid) else (lo, mid)
    return Q @ (h / (h + hi) * (Q.T @ c))


def count_exact_zeros(box, n_problems=2000, seed=0):
    """(L1, L2): how many random problems, centre c uniform in [-box, box]² outside
    the disc, have an exact zero."""
    rng = np.random.default_rng(seed)
    sparse_l1 = sparse_l2 = 0
    for _ in range(n_problems):
        A_rand = rng.normal(size=(2, 2))
        c_rand = rng.uniform(-box, box, size=2)
        # Outside the L2 disc, so outside the L1 diamond too
        while lp_norm(c_rand, 2) <= 1.0:
            c_rand = rng.uniform(-box, box, size=2)
        sparse_l1 += l1_corner_is_optimal(A_rand, c_rand)
        sparse_l2 += np.any(l2_constrained_minimum(A_rand, c_rand) == 0.0)
    return sparse_l1, sparse_l2


n_problems = 2000
sparse_l1, sparse_l2 = count_exact_zeros(3)
print(
    f"centre in [-3, 3]²: exact zero in the solution: L1 {sparse_l1}/{n_problems} = "
    f"{sparse_l1 / n_problems:.1%}, L2 {sparse_l2}/{n_problems}"
)
share_by_box = {box: count_exact_zeros(box)[0] / n_problems for box in (1.5, 10)}
print(
    "L1, centre farther out (a stronger penalty): "
    + ", ".join(
        f"[-{box:g}, {box:g}]² {share:.0%}" for box, share in share_by_box.items()
    )
)
assert 0.6 < sparse_l1 / n_problems < 0.75 and sparse_l2 == 0
# The farther out, the more zeros
assert share_by_box[1.5] < sparse_l1 / n_problems < share_by_box[10]

# %% alt="Horizontal bar chart over 2,000 random least-squares losses with their centre outside the ball: the solution on the L1 diamond has an exact zero in 1,315 problems, the solution on the L2 disc in none."
fig, ax = plt.subplots(figsize=(5, 2.6))
bars = ax.barh(
    ["L2 disc", "L1 diamond"], [sparse_l2, sparse_l1], color=["tab:orange", "tab:blue"]
)
ax.bar_label(bars, padding=3)
ax.set(
    xlim=(0, n_problems),
    xlabel=f"problems (of {n_problems}) whose solution has an exact zero",
    title="Random losses, centre outside the ball",
)
plt.show()

# %% [markdown]
# With the L1 ball, about two thirds of these random problems have a solution with an exact zero
# (the count above, asserted between 60 % and 75 %). With the L2 ball, none do; that count is no
# measurement on a par with L1's, though: the L2 solution has a zero only when the centre lies
# exactly on an axis, an event of probability zero, so the check can only confirm the theory. The
# share is not a constant of L1: it grows the farther the unconstrained minimum lies outside the ball, that is,
# the stronger the penalty (the second line, asserted). This is the geometric reason behind the
# FAQ answer "L1 selects features, L2 only shrinks".

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("01", 4, answer)

# %% [markdown]
# ## 5. Proximal operators: soft-thresholding vs shrinkage
#
# Algorithms for L1 problems (lesson 02) repeat one step: given a point $x$,
# find the $z$ that stays close to $x$ but has a small penalty. For a
# penalty $t\cdot R(z)$ with strength $t \ge 0$ this is the **proximal operator**
#
# $$\operatorname{prox}_{tR}(x) = \arg\min_z \tfrac12 \|z - x\|_2^2 + t\,R(z).$$
#
# Both penalties below are sums over the entries, so the problem separates: each entry of $z$ is
# found on its own, from the same entry of $x$.
# - $R(z) = \|z\|_1$ gives **soft-thresholding**: $\operatorname{sign}(x)\max(|x| - t, 0)$,
#   entry by entry. Every entry moves towards 0 by $t$, and entries with $|x| \le t$ become
#   exactly 0.
# - $R(z) = \|z\|_2^2$ gives **L2 shrinkage**: $x / (1 + 2t)$. Every entry is scaled down;
#   none becomes 0.
#
# We check both closed forms against a brute-force minimization over a fine grid.

# %%
t = 0.75
z_grid = np.linspace(-5, 5, 200_001)  # step 5e-5
for x in np.linspace(-3, 3, 13):
    z_l1 = z_grid[np.argmin(0.5 * (z_grid - x) ** 2 + t * np.abs(z_grid))]
    z_l2 = z_grid[np.argmin(0.5 * (z_grid - x) ** 2 + t * z_grid**2)]
    assert (
        abs(z_l1 - soft_threshold(x, t)) < 1e-4 and abs(z_l2 - l2_shrink(x, t)) < 1e-4
    )
print("soft_threshold and l2_shrink agree with brute force on 13 points")

# %% alt="The proximal operators against the input x for t = 0.75: soft-thresholding is exactly 0 on the shaded band from -0.75 to 0.75 and runs parallel to the identity line outside it, while L2 shrinkage is a straight line through the origin with slope 1/(1 + 2t) that is 0 only at x = 0."
x_line = np.linspace(-3, 3, 601)
weights = np.random.default_rng(1).normal(size=1000)  # 1,000 Gaussian "weights"
bins = np.linspace(-3.05, 3.05, 62)  # a bin centred on 0


prox_fig, (prox_ax, hist_ax) = plt.subplots(
    1, 2, figsize=(8.6, 3.8), layout="constrained"
)
prox_ax.plot(x_line, x_line, color="gray", ls=":", label="identity (no penalty)")
(soft_line,) = prox_ax.plot(x_line, x_line, lw=2, label="soft-threshold (L1)")
(shrink_line,) = prox_ax.plot(x_line, x_line, lw=2, label="L2 shrink x/(1+2t)")
zero_band = prox_ax.add_patch(
    Rectangle(
        (0, 0),
        0,
        1,
        transform=prox_ax.get_xaxis_transform(),
        color="tab:blue",
        alpha=0.1,
        label="set exactly to 0 by L1",
    )
)
prox_ax.set(xlabel="input x", ylabel="prox(x)", ylim=(-3, 3))
prox_ax.legend(fontsize="small", loc="upper left")
centres, bin_widths = (bins[:-1] + bins[1:]) / 2, np.diff(bins)
hist_bars = {
    name: hist_ax.bar(centres, 0 * centres, bin_widths, alpha=0.6, label=name)
    for name in ("L1", "L2")
}
hist_ax.set(xlabel="weight after the operator", ylabel="count", ylim=(0, 1000))
hist_ax.legend(fontsize="small")


def draw_prox(t):
    """The two operators for strength t, and what they do to the 1,000 weights:
    the figure above, updated."""
    soft_line.set_ydata(soft_threshold(x_line, t))
    shrink_line.set_ydata(l2_shrink(x_line, t))
    zero_band.set_x(-t)
    zero_band.set_width(2 * t)
    l1_weights = soft_threshold(weights, t)
    for name, out in [("L1", l1_weights), ("L2", l2_shrink(weights, t))]:
        for bar, count in zip(hist_bars[name], np.histogram(out, bins)[0], strict=True):
            bar.set_height(count)
    zeros = int(np.sum(l1_weights == 0.0))
    prox_ax.set_title(f"Proximal operators, t = {t:g}")
    hist_ax.set_title(f"1,000 Gaussian weights: {zeros} set to 0 by L1")
    return prox_fig


def describe_prox(t):
    """The alt text of one frame."""
    if t == 0:
        return (
            "For t = 0 both operators are the identity: the histograms of the 1,000 "
            "Gaussian weights coincide, and none is set to 0."
        )
    zeros = int(np.sum(soft_threshold(weights, t) == 0.0))
    return (
        f"For t = {t:g}, soft-thresholding is 0 for inputs between -{t:g} and {t:g} "
        f"and sets {zeros} of 1,000 Gaussian weights to exactly 0; L2 shrinkage "
        f"divides every input by {1 + 2 * t:g} and sets none to 0."
    )


slider(draw_prox, np.linspace(0, 2, 9), name="t", default=t, alt=describe_prox)

# %% [markdown]
# Move the slider: as t grows, the band of exact zeros widens and the L1 spike at 0 grows,
# while L2 shrinkage only squeezes the bell. Here are the counts at t = 0.75:

# %%
# NBVAL_CHECK_OUTPUT
zeros_l1 = int(np.sum(soft_threshold(weights, t) == 0.0))
zeros_l2 = int(np.sum(l2_shrink(weights, t) == 0.0))
print(f"exact zeros after soft-thresholding: {zeros_l1} / 1000")
print(f"exact zeros after L2 shrinkage:     {zeros_l2} / 1000")
assert zeros_l1 == np.sum(np.abs(weights) <= t) and zeros_l2 == 0

# %% [markdown]
# Soft-thresholding zeroes every weight with $|w| \le t$, about half of them
# here. L2 shrinkage zeroes none.
#
# ### The unsquared L2 norm zeroes whole groups
#
# > **3-hour workshop:** skipped; read it at home.
#
# The source's L2 penalty is the **squared** norm $\|w\|_2^2$, whose prox is the shrinkage
# $x/(1 + 2t)$ above. The L2 norm itself, $t\,\|w\|_2$ (not squared), acts on a whole vector
# (a "group" of weights) at once, and its prox is **block soft-thresholding**:
#
# $$\operatorname{prox}_{t\|\cdot\|_2}(x) = x\,\max\Big(0,\ 1 - \frac{t}{\|x\|_2}\Big).$$
#
# It keeps the direction of $x$ and shortens its length by $t$. When $\|x\|_2 \le t$ the
# **whole vector** becomes exactly 0. This is *group sparsity*: the group lasso uses it to
# drop all the weights of one input, or one filter, together. We check the formula
# (`block_soft_threshold`) against scipy's Nelder–Mead minimization of
# $\tfrac12\|z - x\|_2^2 + t\|z\|_2$ in 3-D, for short and long vectors $x$.

# %%
t_group = 1.5
rng_prox = np.random.default_rng(5)
print(
    f"{'‖x‖₂':>6s} {'‖prox‖₂ (formula)':>18s} {'‖z‖₂ (scipy)':>13s} "
    f"{'max |difference|':>17s}"
)
for length in (0.5, 1.4, 1.6, 3.0):  # around t: shorter and longer than t
    direction = rng_prox.normal(size=3)
    x = length * direction / np.linalg.norm(direction)

    def group_objective(z, x=x):
        return 0.5 * np.sum((z - x) ** 2) + t_group * np.linalg.norm(z)

    ours = block_soft_threshold(x, t_group)
    found = minimize(
        group_objective,
        x + 0.1,
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 20_000},
    ).x
    assert group_objective(ours) <= group_objective(found) + 1e-12 and (
        np.allclose(ours, found, atol=1e-4)
    )
    # Zero exactly when ‖x‖₂ ≤ t
    assert np.all(ours == 0) == (np.linalg.norm(x) <= t_group)
    print(
        f"{np.linalg.norm(x):6.3f} {np.linalg.norm(ours):18.4f} "
        f"{np.linalg.norm(found):13.4f} {np.max(np.abs(ours - found)):17.1e}"
    )

# %% [markdown]
# Applied to the 1,000 weights above, cut into 250 groups of 4, block soft-thresholding
# removes whole groups; the squared norm's shrinkage removes none:

# %% alt="Length of a group after the proximal step against its length before, with t = 1.5: block soft-thresholding sets every group shorter than 1.5 (shaded) to exactly zero and shortens longer ones by 1.5, while the squared norm's shrinkage scales every length by 1/(1 + 2t) and never reaches zero."
# NBVAL_CHECK_OUTPUT
groups = weights.reshape(250, 4)
block = np.array([block_soft_threshold(g, t_group) for g in groups])
shrunk = l2_shrink(groups, t_group)
zero_groups_block = int(np.sum(np.all(block == 0, axis=1)))
zero_groups_shrink = int(np.sum(np.all(shrunk == 0, axis=1)))
print(
    f"t = {t_group}: groups set entirely to 0 by block soft-thresholding: "
    f"{zero_groups_block} / 250"
)
print(
    "         groups set entirely to 0 by the squared norm's shrinkage: "
    f"{zero_groups_shrink} / 250"
)
assert (
    zero_groups_block == np.sum(np.linalg.norm(groups, axis=1) <= t_group) > 0
    and zero_groups_shrink == 0
)
# Whole groups or nothing
assert np.all((block == 0).all(axis=1) == (block == 0).any(axis=1))

length = np.linspace(0, 4, 401)
fig, ax = plt.subplots(figsize=(5.5, 3.6))
ax.plot(length, length, color="gray", ls=":", label="identity (no penalty)")
ax.plot(
    length,
    np.maximum(length - t_group, 0),
    lw=2,
    label=f"block soft-threshold, t‖·‖₂, t = {t_group}",
)
ax.plot(
    length,
    length / (1 + 2 * t_group),
    lw=2,
    label=f"squared norm t‖·‖₂², x/(1+2t), t = {t_group}",
)
ax.axvspan(0, t_group, color="tab:blue", alpha=0.1, label="whole group set to 0")
ax.set(
    xlabel="length of the group ‖x‖₂",
    ylabel="length after the prox",
    title="Prox of the L2 norm, unsquared vs squared",
)
ax.legend(fontsize="small")
plt.show()

# %% tags=["quiz"]
answer = None  # your answer: a number
quiz("01", 5, answer)

# %% [markdown]
# ## Summary
# - $\|w\|_1$ sums absolute values, $\|w\|_2$ is the length, $\|w\|_\infty$ is the
#   largest entry, $\|w\|_0$ counts non-zeros. "The largest elements" is L∞, not L1.
#   $\|w\|_p$ falls as p grows, for every p > 0; for p < 1 it is not a norm (the triangle inequality fails).
# - L1 zeroes small weights because its pull λ·sign(w) keeps its size down to 0; L2's pull 2λw fades.
# - The L1 ball has corners on the axes; the L2 ball has none. Losses often touch the L1 ball at
#   a corner, an exactly sparse solution, and the more often the stronger the penalty. A penalty λR(w) and a
#   constraint R(w) ≤ r give the same solutions for matched λ and r.
# - Keras's `L2(lam)` adds lam · ‖W‖_F², the squared Frobenius norm (`np.linalg.norm(W)`, not
#   `np.linalg.norm(W, 2)`). It equals weight decay only under plain SGD, not under Adam (lesson 06).
#   The nuclear norm favours low-rank matrices.
# - Soft-thresholding, the prox of L1, produces exact zeros; L2 shrinkage never does; the unsquared
#   L2 norm's prox zeroes whole groups.
#
# ## Exercises
# Replace `None` with your answer and run the cell. The check prints ✓ or ✗ with a hint.
#
# **Exercise 1.** Compute $\|v\|_1$ for $v$ = `lesson01.EXERCISE_VECTOR` (by hand or with numpy).

# %%
from course_lib.checks import lesson01

print("v =", lesson01.EXERCISE_VECTOR)
answer = None  # your answer: a number
lesson01.exercise_1(answer)

# %% [markdown]
# **Exercise 2.** Find your own pair of 2-D vectors $a$, $b$ that breaks the triangle
# inequality for p = ½, i.e. $\|a + b\|_{1/2} > \|a\|_{1/2} + \|b\|_{1/2}$, with **all four
# entries non-zero** (so not the lesson's axis points). Experiment with `lp_norm`, then
# answer with a pair, e.g. `((1.0, 2.0), (3.0, 4.0))`.

# %%
answer = None  # your answer: a pair (a, b) of 2-D vectors
lesson01.exercise_2(answer)

# %% [markdown]
# **Exercise 3.** For $W$ = `lesson01.EXERCISE_MATRIX`, compute the value Keras's
# `L2(0.01)` regularizer adds to the loss, using `matrix_norm(W, "fro")`.

# %%
answer = None  # your answer: a number
lesson01.exercise_3(answer)

# %% [markdown]
# **Exercise 4.** Write `my_soft_threshold(x, t)` with numpy, without calling `soft_threshold`.
# `x` is a numpy array of any shape: work elementwise, with no loops.


# %%
def my_soft_threshold(x, t):
    return None  # replace with your code


lesson01.exercise_4(None)  # replace None with my_soft_threshold to check it

# %% [markdown]
# **Exercise 5.** Reasoning, then a check. The squared L2 norm also sums over every entry, yet an
# L2 penalty gives no exact zeros. Take one weight and the objective ½(w − a)² + λ·R(w) with
# a = 0.3. For R(w) = |w|, what is the smallest λ for which the minimiser is exactly 0? For
# R(w) = w², is there any such λ? Explain both answers with each penalty's pull near w = 0
# (section 1), then check them with `soft_threshold` and the shrinkage formula of section 5.

# %% tags=["remove-cell", "skip-slide"]
# How long this notebook took (the README and the instructor guide quote it).
stopwatch.report(budget_s=60)
