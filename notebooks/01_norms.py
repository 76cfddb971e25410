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
# - three norms of a weight matrix, and which one weight decay penalizes;
# - why an L1 penalty gives *exact zeros* (sparse solutions) and L2 does not;
# - the proximal operators of L1 and L2: soft-thresholding and shrinkage.
#
# **Run time:** about 5 seconds on 2 CPU cores. No TensorFlow is needed here.

# %%
import matplotlib.pyplot as plt
import numpy as np

from course_lib import notebook
from course_lib.norms import l2_shrink, lp_norm, matrix_norm, soft_threshold, unit_ball
from course_lib.penalties import l2_penalty
from course_lib.plots import plot_unit_balls

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
# - for $0 < p < 1$ the formula gives a *quasi-norm*: the triangle inequality fails.
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
# 22.39 (p = ½) through 8 (p = 1) and 5.10 (p = 2) to 4 (p = ∞). For p ≥ 1 the
# norm can only shrink as p grows; the cell below asserts that ordering.

# %%
values = [lp_norm(w, p) for p in [0.5, 1, 2, np.inf]]
assert np.all(np.diff(values) <= 0), values
print("‖w‖_½ ≥ ‖w‖_1 ≥ ‖w‖_2 ≥ ‖w‖_∞:", np.round(values, 4))

# %% [markdown]
# ### A correction to the source text
#
# One of the source documents describes the L1 norm as "the elements of the
# weight vector with a large absolute value". That describes the **L∞ norm**
# (the single largest |wⱼ|), not L1. The L1 norm **sums all** absolute values,
# small ones included. That is exactly why an L1 penalty keeps pushing small
# weights all the way to zero. The two differ on our vector:

# %%
# NBVAL_CHECK_OUTPUT
largest_abs = np.max(np.abs(w))  # the source's description
l1 = np.sum(np.abs(w))  # the actual definition
print(f"largest |w_j| = {largest_abs}  (= ‖w‖_∞ = {lp_norm(w, np.inf)})")
print(f"Σ |w_j|       = {l1}  (= ‖w‖_1 = {lp_norm(w, 1)})")
assert largest_abs == lp_norm(w, np.inf) and l1 == lp_norm(w, 1) and l1 != largest_abs

# %% [markdown]
# ## 2. Unit balls in 2-D
#
# The **unit ball** of a norm is the set $\{w : \|w\|_p \le 1\}$. Its shape tells
# us which weight vectors count as "small". In 2-D we can draw its edge,
# the unit sphere $\|w\|_p = 1$.

# %%
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
# ## 3. Norms of a weight matrix
#
# A dense layer's weights form a matrix $W$ (inputs × units). Three matrix norms are common:
#
# | norm | formula | meaning |
# |---|---|---|
# | Frobenius $\|W\|_F$ | $\sqrt{\sum_{ij} W_{ij}^2}$ | L2 norm of all entries; **weight decay penalizes $\|W\|_F^2$** |
# | spectral $\|W\|_2$ | largest singular value $\sigma_1$ | the most $W$ can stretch any input |
# | nuclear $\|W\|_*$ | $\sum_i \sigma_i$ | L1 norm of the singular values; favours low rank |
#
# Here $\sigma_1 \ge \sigma_2 \ge \dots \ge 0$ are the singular values of $W$.
# We use a random 10 × 64 matrix, the shape of the first layer of lesson 03's MLP.

# %%
rng = np.random.default_rng(0)
W = rng.normal(scale=0.3, size=(10, 64))
sigma = np.linalg.svd(W, compute_uv=False)
fro, spectral, nuclear = (matrix_norm(W, kind) for kind in ("fro", "spectral", "nuclear"))
for kind, ours, ord_ in [("fro", fro, "fro"), ("spectral", spectral, 2), ("nuclear", nuclear, "nuc")]:
    assert np.isclose(ours, np.linalg.norm(W, ord=ord_)), kind
assert np.isclose(fro**2, np.sum(sigma**2))  # Frobenius² = Σ σᵢ²
assert np.isclose(l2_penalty(W, 1e-3), 1e-3 * fro**2)  # Keras L2(lam) adds lam·‖W‖_F²
assert spectral <= fro <= nuclear
print(f"spectral = {spectral:.3f} ≤ Frobenius = {fro:.3f} ≤ nuclear = {nuclear:.3f}")
print(f"l2_penalty(W, 1e-3) = {l2_penalty(W, 1e-3):.5f} = 1e-3 · ‖W‖_F² = {1e-3 * fro**2:.5f}")

# %% [markdown]
# The three norms are three summaries of the same singular values:
# the largest one, the root of the sum of squares, and the plain sum.

# %%
fig, ax = plt.subplots(figsize=(6, 3))
ax.bar(np.arange(1, len(sigma) + 1), sigma, color="tab:blue")
ax.axhline(spectral, color="tab:red", ls="--", label=f"spectral = σ₁ = {spectral:.2f}")
ax.set(xlabel="index i", ylabel="singular value σᵢ",
       title=f"Singular values of W: ‖W‖_F = √Σσᵢ² = {fro:.2f}, ‖W‖_* = Σσᵢ = {nuclear:.2f}")
ax.legend()
plt.show()

# %% [markdown]
# ## 4. Why L1 gives sparse solutions
#
# Take a least-squares loss in two weights, $f(w) = \|A(w - c)\|_2^2$. Its
# minimum is at $c$, and its level sets (contours) are ellipses around $c$.
# Regularization asks for the best $w$ *inside a ball* of radius $r$. When
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


def touching_point(p, n_points=40_000):
    """Minimiser of the loss on the sphere ‖w‖_p = radius (grid search)."""
    sphere = radius * unit_ball(p, n_points)
    return sphere[:, np.argmin(loss(sphere))]


w_l1, w_l2 = touching_point(1), touching_point(2)
print(f"L1 ball: w = {w_l1}   L2 ball: w = {w_l2}")
assert w_l1[1] == 0.0 and np.all(w_l2 != 0.0)

# %%
grid = np.linspace(-1.5, 2.5, 300)
G1, G2 = np.meshgrid(grid, grid)
F = loss(np.vstack([G1.ravel(), G2.ravel()])).reshape(G1.shape)
fig, axes = plt.subplots(1, 2, figsize=(9, 4.5), sharey=True)
for ax, p, w_star, name in [(axes[0], 1, w_l1, "L1"), (axes[1], 2, w_l2, "L2")]:
    sphere = radius * unit_ball(p)
    ax.contour(G1, G2, F, levels=loss(w_star[:, None])[0] * np.array([0.1, 0.4, 1.0]), colors="gray")
    ax.fill(*sphere, alpha=0.25, color="tab:blue", label=f"{name} ball, r = {radius:g}")
    ax.plot(*c, "k*", ms=12, label="unregularized minimum c")
    ax.plot(*w_star, "o", color="tab:red", ms=8, label=f"touching point {np.round(w_star, 3)}")
    ax.set(aspect="equal", title=f"{name}: contours touch the ball", xlabel="$w_1$")
    ax.legend(loc="lower left", fontsize="small")
axes[0].set_ylabel("$w_2$")
plt.show()

# %% [markdown]
# The diamond's corners stick out, so a contour usually meets the diamond
# **at a corner**, where one weight is exactly zero. The disc has no corners:
# the touching point has both weights non-zero.
#
# One example proves little. Let us draw 2,000 random losses (random $A$,
# random centre $c$ outside the ball) and solve each exactly, without a grid:
# - **L1:** the corner $r\,s\,e_k$ (sign $s$, axis $k$) is optimal exactly when the
#   gradient $g = \nabla f$ there satisfies $-s\,g_k \ge |g_{\text{other}}|$
#   (the optimality condition at a corner of the diamond);
# - **L2:** the optimum is $w(\mu) = (A^\top A + \mu I)^{-1} A^\top A\, c$ with
#   $\mu \ge 0$ chosen so that $\|w(\mu)\|_2 = r$ (found by bisection).

# %%
def l1_corner_is_optimal(A, c, r=1.0):
    """True if some corner of the L1 ball of radius r minimises ‖A(w − c)‖² over the ball."""
    for k in range(2):
        for s in (1.0, -1.0):
            corner = np.zeros(2)
            corner[k] = s * r
            g = 2 * A.T @ A @ (corner - c)
            if -s * g[k] >= abs(g[1 - k]):
                return True
    return False


def l2_constrained_minimum(A, c, r=1.0):
    """Minimiser of ‖A(w − c)‖² over ‖w‖₂ ≤ r, by bisection on the multiplier μ."""
    H = A.T @ A

    def w_of(mu):
        return np.linalg.solve(H + mu * np.eye(2), H @ c)

    lo, hi = 0.0, 1.0
    while np.linalg.norm(w_of(hi)) > r:
        hi *= 2
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if np.linalg.norm(w_of(mid)) > r else (lo, mid)
    return w_of(hi)


rng = np.random.default_rng(0)
n_problems, sparse_l1, sparse_l2 = 2000, 0, 0
for _ in range(n_problems):
    A_rand = rng.normal(size=(2, 2))
    c_rand = rng.uniform(-3, 3, size=2)
    while lp_norm(c_rand, 1) <= 1.0:  # keep the centre outside both balls
        c_rand = rng.uniform(-3, 3, size=2)
    sparse_l1 += l1_corner_is_optimal(A_rand, c_rand)
    sparse_l2 += np.any(l2_constrained_minimum(A_rand, c_rand) == 0.0)
print(f"exact zero in the solution: L1 {sparse_l1}/{n_problems}, L2 {sparse_l2}/{n_problems}")
assert sparse_l1 > 0.3 * n_problems and sparse_l2 == 0

# %% [markdown]
# With the L1 ball, a large share of random problems have a solution with an
# exact zero (see the count above); with the L2 ball, none do. This is the
# geometric reason behind the FAQ answer "L1 selects features, L2 only shrinks".

# %% [markdown]
# ## 5. Proximal operators: soft-thresholding vs shrinkage
#
# Algorithms for L1 problems (lesson 02) repeat one step: given a point $x$,
# find the $z$ that stays close to $x$ but has a small penalty. For a
# penalty $t\cdot R(z)$ with strength $t \ge 0$ this is the **proximal operator**
#
# $$\operatorname{prox}_{tR}(x) = \arg\min_z \tfrac12 (z - x)^2 + t\,R(z).$$
#
# - $R(z) = |z|$ gives **soft-thresholding**: $\operatorname{sign}(x)\max(|x| - t, 0)$.
#   Every entry moves towards 0 by $t$, and entries with $|x| \le t$ become exactly 0.
# - $R(z) = z^2$ gives **L2 shrinkage**: $x / (1 + 2t)$. Every entry is scaled down;
#   none becomes 0.
#
# We check both closed forms against a brute-force minimization over a fine grid.

# %%
t = 0.75
z_grid = np.linspace(-5, 5, 200_001)  # step 5e-5
for x in np.linspace(-3, 3, 13):
    z_l1 = z_grid[np.argmin(0.5 * (z_grid - x) ** 2 + t * np.abs(z_grid))]
    z_l2 = z_grid[np.argmin(0.5 * (z_grid - x) ** 2 + t * z_grid**2)]
    assert abs(z_l1 - soft_threshold(x, t)) < 1e-4 and abs(z_l2 - l2_shrink(x, t)) < 1e-4
print("soft_threshold and l2_shrink agree with brute force on 13 points")

# %%
x_line = np.linspace(-3, 3, 601)
fig, ax = plt.subplots(figsize=(5.5, 4))
ax.plot(x_line, x_line, color="gray", ls=":", label="identity (no penalty)")
ax.plot(x_line, soft_threshold(x_line, t), lw=2, label=f"soft-threshold, t = {t}")
ax.plot(x_line, l2_shrink(x_line, t), lw=2, label=f"L2 shrink x/(1+2t), t = {t}")
ax.axvspan(-t, t, color="tab:blue", alpha=0.1, label="set exactly to 0 by L1")
ax.set(xlabel="input x", ylabel="prox(x)", title="Proximal operators of L1 and L2")
ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# Apply both operators to 1,000 Gaussian "weights" and count exact zeros:

# %%
# NBVAL_CHECK_OUTPUT
weights = np.random.default_rng(1).normal(size=1000)
zeros_l1 = int(np.sum(soft_threshold(weights, t) == 0.0))
zeros_l2 = int(np.sum(l2_shrink(weights, t) == 0.0))
print(f"exact zeros after soft-thresholding: {zeros_l1} / 1000")
print(f"exact zeros after L2 shrinkage:     {zeros_l2} / 1000")
assert zeros_l1 == np.sum(np.abs(weights) <= t) and zeros_l2 == 0

# %% [markdown]
# Soft-thresholding zeroes every weight with $|w| \le t$, about half of them
# here. L2 shrinkage zeroes none.
#
# ## Summary
# - $\|w\|_1$ sums absolute values, $\|w\|_2$ is the length, $\|w\|_\infty$ is the
#   largest entry, $\|w\|_0$ counts non-zeros. "The largest elements" is L∞, not L1.
# - The L1 ball has corners on the axes; the L2 ball has none. Losses usually
#   touch the L1 ball at a corner, which is an exactly sparse solution.
# - Weight decay (Keras `L2(lam)`) penalizes lam · ‖W‖_F², the squared Frobenius norm.
# - Soft-thresholding, the prox of L1, produces exact zeros; L2 shrinkage never does.
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
# **Exercise 2.** Which of p ∈ {0.5, 1, 2, np.inf} give a unit ball that is **not convex**?
# Answer with a set, e.g. `{1, 2}`.

# %%
answer = None  # your answer: a set of values of p
lesson01.exercise_2(answer)

# %% [markdown]
# **Exercise 3.** For $W$ = `lesson01.EXERCISE_MATRIX`, compute the value Keras's
# `L2(0.01)` regularizer adds to the loss, using `matrix_norm(W, "fro")`.

# %%
answer = None  # your answer: a number
lesson01.exercise_3(answer)

# %% [markdown]
# **Exercise 4.** Write `my_soft_threshold(x, t)` with numpy, without calling `soft_threshold`.


# %%
def my_soft_threshold(x, t):
    return None  # replace with your code


lesson01.exercise_4(None)  # replace None with my_soft_threshold to check it

# %%
stopwatch.report(budget_s=60)
