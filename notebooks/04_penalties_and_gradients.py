# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · What penalties do to gradients: vanishing, exploding, and the real cures
#
# The FAQ of source 000 (Q3) says that regularization can cause vanishing or exploding
# gradients, because the penalty "adds complexity". This lesson measures what an L2 or L1
# penalty really does to the gradients of the network of lesson 03, what vanishing and
# exploding gradients are, and what cures them. It uses lesson 03's regression problem and the
# strengths lesson 03 chose on validation data; you do not need to run lesson 03 first.
#
# **You will learn**
# - what the penalty adds to the gradient (2c·w for L2, c·sign(w) for L1), checked with a tape;
# - to read gradient norms during training: why they level off with a penalty, the size of the
#   L1 plateau under Adam, and the spikes of Adam *without* a penalty;
# - what a λ that is too large does (the weights collapse: underfitting), and why depth makes it
#   happen sooner;
# - that vanishing gradients are a depth effect, and what cures them: He initialization,
#   normalization and residual connections;
# - why plain SGD oscillates or diverges when its step is too large for the curvature, and how
#   `clipnorm` differs from `global_clipnorm`.
#
# **Computer time** (Run All): about 20 seconds on 2 CPU cores (TensorFlow, CPU only).
#
# **How to use it:** run all cells first (*Run ▸ Run All Cells* in JupyterLab), then read from
# the top while the last ones finish. A short quiz after some sections checks your
# understanding (set `answer` to your choice and run its cell); the exercises at the end
# check your answers.
#
# **Before this lesson:** lesson 03.

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
from course_lib import notebook

# Set-up first, so that TensorFlow loads quietly. One thread per operation: the model is
# small, and TensorFlow then trains the 5 seeds' networks side by side on the 2 cores.
stopwatch = notebook.setup(seed=0, tensorflow=True, intra_op_threads=1)

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import tensorflow as tf
from keras import layers

from course_lib.data import make_nonlinear_regression
from course_lib.models import build_mlp, kernels
from course_lib.penalties import keras_coefficient
from course_lib.quizzes import quiz
from course_lib.quoted import quoted_number
from course_lib.trainer import Trainer

print("TensorFlow", tf.__version__, "| Keras", keras.__version__)

# %% [markdown]
# **Parameters.** Every claim in the text is asserted with these values. To experiment, change
# them here: the assertions then turn into printed notes.

# %%
# Lesson 03's problem: 150 training samples per seed, one validation set
N_TRAIN, N_VAL = 150, 500
NOISE = 0.3  # standard deviation of the label noise
EPOCHS = 200  # full-batch Adam steps per training run, as in lesson 03
LEARNING_RATE = 0.01  # Adam, as in the source
# Each seed: its own training set, initial weights and shuffling
SEEDS = (0, 1, 2, 3, 4)
# Section 4: Keras coefficients c up to far too large
L2_SWEEP = (3e-3, 1e-2, 3e-2, 0.1, 1.0)
DEPTH, DEEP_EPOCHS = 8, 150  # section 5: 8 hidden layers of 64 ReLU units
CURE_DEPTH = 30  # section 6: a deeper network at initialization

COMMITTED = (
    (N_TRAIN, N_VAL, NOISE, EPOCHS, LEARNING_RATE, SEEDS, L2_SWEEP, DEPTH, DEEP_EPOCHS,
     CURE_DEPTH)
    == (150, 500, 0.3, 200, 0.01, (0, 1, 2, 3, 4), (3e-3, 1e-2, 3e-2, 0.1, 1.0), 8, 150,
        30)
)  # fmt: skip

claim = notebook.claims(COMMITTED)  # asserts with these values, else prints a note


# %% [markdown]
# ## 1. The network, the data and the strengths of lesson 03
#
# The network is lesson 03's MLP: 10 inputs, 64 ReLU units, one linear output. The target depends
# on 4 of the 10 inputs, $y = \sin(3x_0) + 2x_1x_2 + x_3^2 + \varepsilon$ with noise of
# standard deviation 0.3, and each seed draws its own 150 training samples. Lesson 03 chose the
# Keras coefficient c of `L2(c)` and of `L1(c)` (under Adam) on a validation set; we take those
# values, read from lesson 03's executed notebook when it sits beside this one. The trainer
# records, at every step, the global norm of the gradient it followed (penalty included).

# %%
c_l2, where = quoted_number("03_mlp_regularization", "L2: chosen c =")
c_l1, _ = quoted_number("03_mlp_regularization", "L1: chosen c =")
print(f"lesson 03 chose c = {c_l2:g} for L2 and c = {c_l1:g} for L1 ({where})")
rng_fixed = np.random.default_rng([0])  # lesson 03's validation set
X_val, y_val = make_nonlinear_regression(N_VAL, rng_fixed, noise=NOISE)
train_sets = [
    make_nonlinear_regression(N_TRAIN, np.random.default_rng([1, seed]), noise=NOISE)
    for seed in SEEDS
]
# (seeds, N_TRAIN, 10), lesson 03's training sets
x_train = np.stack([X for X, _ in train_sets])
y_train = np.stack([y for _, y in train_sets])
var_y = y_train.var(axis=(1, 2))  # the MSE of predicting each training set's mean

trainer = Trainer(
    lambda: build_mlp(10),
    loss="mse",
    learning_rate=LEARNING_RATE,
    batch_size=N_TRAIN,
    replicas=len(SEEDS),
    record_grad_norm=True,
)
histories, trained = {}, {}
for label, strength in [
    ("no penalty", {}),
    ("L1", {"l1": c_l1}),
    *[(f"L2 {c:g}", {"l2": c}) for c in L2_SWEEP],
]:
    histories[label] = trainer.fit(
        x_train, y_train, seeds=SEEDS, epochs=EPOCHS, **strength
    )
    trained[label] = trainer.get_weights()
n_kernel_weights = sum(int(np.prod(k.shape)) for k in kernels(trainer.model))
print(
    f"{len(histories)} settings × {len(SEEDS)} seeds trained; training step traced "
    f"{trainer.tracing_count} time(s)"
)
claim(c_l2 in L2_SWEEP, "lesson 03's c for L2 is one of the sweep's values")


def use(label):
    """Give the trainer's networks the weights trained with one setting."""
    trainer.set_weights(trained[label])
    return trainer.models


# %% [markdown]
# ## 2. What the penalty adds to the gradient
#
# Keras's L2(c) adds $c\sum w^2$, whose gradient is
# $2c\,w$. So for every kernel, ∇(loss with penalty) − ∇(loss without) = $2c\,w$ exactly. For a bias
# the difference is 0. We check this at seed 0's trained L2 weights, in a model built with
# `kernel_regularizer`:

# %%
model_l2 = build_mlp(10, l2=c_l2)
model_l2.set_weights(trained[f"L2 {c_l2:g}"][0])
with tf.GradientTape(persistent=True) as tape:
    data_loss = tf.reduce_mean(tf.square(model_l2(x_train[0]) - y_train[0]))
    total_loss = data_loss + tf.add_n(model_l2.losses)
g_data = tape.gradient(data_loss, model_l2.trainable_variables)
g_total = tape.gradient(total_loss, model_l2.trainable_variables)
del tape
for v, gd, gt in zip(model_l2.trainable_variables, g_data, g_total, strict=True):
    expected = 2 * c_l2 * v.numpy() if v.path.endswith("kernel") else np.zeros(v.shape)
    assert np.allclose((gt - gd).numpy(), expected, atol=1e-6), v.path
print(
    f"‖∇ data loss‖ = {float(tf.linalg.global_norm(g_data)):.4f}   ‖2c·w‖ = "
    f"{float(tf.linalg.global_norm([2 * c_l2 * k for k in kernels(model_l2)])):.4f}   "
    f"‖∇ total‖ = {float(tf.linalg.global_norm(g_total)):.4f}"
)
print("∇(with penalty) − ∇(without) = 2c·w on every kernel, 0 on every bias ✓")
norm_total = float(tf.linalg.global_norm(g_total))
claim(
    norm_total
    < min(
        float(tf.linalg.global_norm(g_data)),
        float(tf.linalg.global_norm([2 * c_l2 * k for k in kernels(model_l2)])),
    ),
    "the two parts partly cancel at the end of training",
)

# %% [markdown]
# The term is a smooth pull towards zero, proportional to the weights: not an extra source of
# instability. At the end of training it partly cancels the data gradient, which pulls the other way:
# the total gradient is smaller than either part.
#
# ## 3. Gradient norms during training
#
# The global norm of the gradient that Adam followed at every step, penalty included:

# %% alt="Global gradient norm of the training loss on a log scale over 200 epochs, 5 seeds each: without a penalty it keeps falling towards 1e-3, with a few late spikes, while with L2 (c = 0.01) it levels off near 0.05 and with L1 (c = 0.01) near 0.25."
keys = {
    "no penalty": "no penalty",
    f"L2, c = {c_l2:g}": f"L2 {c_l2:g}",
    f"L1, c = {c_l1:g}": "L1",
}
grad_norms = {
    label: np.array([h["grad_norm"] for h in histories[key]])
    for label, key in keys.items()
}
fig, ax = plt.subplots(figsize=(7, 4))
for i, (label, g) in enumerate(grad_norms.items()):
    ax.plot(np.arange(1, EPOCHS + 1), g.T, color=f"C{i}", alpha=0.6, lw=0.8)
    ax.plot([], [], color=f"C{i}", label=label)
ax.set(
    xlabel="epoch (one full-batch Adam step)",
    ylabel="global gradient norm",
    yscale="log",
    title=f"Gradient norm of the training loss, {len(SEEDS)} seeds each",
)
ax.legend(fontsize="small")
plt.show()

# %%
for label, g in grad_norms.items():
    print(
        f"{label:<14} step 1: {np.round(g[:, 0], 3)}   largest: "
        f"{np.round(g.max(axis=1), 3)}   median of the last 50 steps: "
        f"{np.round(np.median(g[:, -50:], axis=1), 4)}"
    )
g_none = grad_norms["no penalty"]
for label, g in grad_norms.items():
    claim(
        np.all(np.isfinite(g)) and np.all(g.argmax(axis=1) == 0),
        (
            f"{label}: on every seed the largest gradient is the first one, "
            "at the initial weights"
        ),
    )
    claim(
        np.all(g[:, 0] <= 1.1 * g_none[:, 0]),
        f"{label}: the penalty adds at most 10 % to the first gradient",
    )
    if label != "no penalty":
        claim(
            np.all(np.median(g[:, -50:], axis=1) > np.median(g_none[:, -50:], axis=1)),
            f"{label}: the gradient levels off above the unpenalized run's",
        )

# %% [markdown]
# Nothing explodes because of the penalty: on every seed and in every run the largest gradient
# is the first one, at the initial weights, where the penalty adds its pull to the data gradient
# (at most 10 % more here). A small total gradient at the end of training would not mean
# "vanishing" anyway: the gradient of a converged model is small by definition. Vanishing is
# about how the gradient shrinks from layer to layer (section 5). The penalized gradients level
# off *above* the unpenalized ones. With the penalty the total gradient does not go to 0: Adam keeps stepping around a minimum that is not
# smooth (ReLU kinks); for L1 we can predict its size (below). Without the penalty the network
# interpolates its 150 training points, where the data gradient itself goes to 0.
#
# Look at the unpenalized runs near the end: their gradient norm **jumps** from about 10⁻³ to
# 10⁻¹ and back. That is a known instability of Adam when the gradients become tiny: its
# estimate √v̂ of the gradient size shrinks, so its steps, about lr·m̂/√v̂, stay large while
# the minimum gets narrow, and it overshoots. The only "exploding" gradients in this lesson
# happen **without** a penalty.
#
# **The L1 plateau.** The L1 gradient of a kernel weight is $c\,\mathrm{sign}(w)$, the same size
# for every weight. A weight that the data uses settles where its data gradient balances that pull;
# a weight that L1 drives to zero cannot settle: Adam moves it by about `LEARNING_RATE` per step, so
# it jumps across zero and back, and each one adds about $c$ to the gradient. So the plateau should
# be about $c\sqrt{n_0}$, with $n_0$ the number of kernel weights within one Adam step of zero
# ($|w| <$ `LEARNING_RATE`), not $c\sqrt{n}$ with all $n$ kernel weights. We count $n_0$ per seed,
# and split the final gradient between those weights and the others:

# %%
plateau = np.median(grad_norms[f"L1, c = {c_l1:g}"][:, -50:], axis=1)
rows = []
for r, model in enumerate(use("L1")):
    with tf.GradientTape() as tape:
        mse = tf.reduce_mean(tf.square(model(x_train[r]) - y_train[r]))
    ks = kernels(model)
    total = [
        (g + c_l1 * tf.sign(k)).numpy()
        for g, k in zip(tape.gradient(mse, ks), ks, strict=True)
    ]
    jitter = [np.abs(k.numpy()) < LEARNING_RATE for k in ks]
    n0 = sum(int(j.sum()) for j in jitter)
    rows.append(
        {
            "seed": SEEDS[r],
            "n0 (|w| < lr)": n0,
            "plateau": plateau[r],
            "c·√n0": c_l1 * np.sqrt(n0),
            "c·√n (all kernel weights)": c_l1 * np.sqrt(n_kernel_weights),
            "share of ‖g‖² on the n0 weights": sum(
                np.sum(t[j] ** 2) for t, j in zip(total, jitter, strict=True)
            )
            / sum(np.sum(t**2) for t in total),
        }
    )
l1_plateau = pd.DataFrame(rows).set_index("seed")
claim(
    np.all(np.abs(l1_plateau["plateau"] / l1_plateau["c·√n0"] - 1) < 0.05),
    "plateau within 5 % of c·√n0",
)
claim(
    np.all(l1_plateau["share of ‖g‖² on the n0 weights"] > 0.9),
    "the n0 jittering weights carry > 90 % of ‖g‖²",
)
l1_plateau.round(4)

# %% [markdown]
# On every seed the plateau is within 5 % of $c\sqrt{n_0}$, and the weights within one Adam step of
# zero carry more than 90 % of the squared gradient norm. $c\sqrt{n}$ over all kernel weights is
# larger; it comes close here only because at this c most kernel weights are near zero. A constant
# gradient norm that does not fall is what L1 under Adam looks like; it is not a gradient problem.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("04", 1, answer)

# %% [markdown]
# ## 4. What a λ that is too large does
#
# In the source's scaling the penalty is $\frac{\lambda}{2m}\sum\theta^2$, so it adds
# $\frac{\lambda}{m}\theta$ to the gradient of $J$. Keras's MSE has no ½. With $c = \lambda/m$
# (`keras_coefficient`), the Keras loss is exactly $2J(\theta)$ and its gradient is $2\nabla J$. We
# check this with a tape first:

# %%
lam_demo, m = 3.0, N_TRAIN
model_demo = build_mlp(10, l2=keras_coefficient(lam_demo, m))
with tf.GradientTape(persistent=True) as tape:
    residual = model_demo(x_train[0]) - y_train[0]
    keras_loss = tf.reduce_mean(tf.square(residual)) + tf.add_n(model_demo.losses)
    J = tf.reduce_sum(tf.square(residual)) / (2 * m) + lam_demo / (2 * m) * tf.add_n(
        [tf.reduce_sum(tf.square(k)) for k in kernels(model_demo)]
    )
grad_keras, grad_J = (
    tape.gradient(keras_loss, kernels(model_demo)),
    tape.gradient(J, kernels(model_demo)),
)
del tape
assert np.isclose(float(keras_loss), 2 * float(J), rtol=1e-5)
for a, b in zip(grad_keras, grad_J, strict=True):
    assert np.allclose(a.numpy(), 2 * b.numpy(), rtol=1e-4, atol=1e-7)
print(
    f"λ = {lam_demo}, m = {m}: c = λ/m = {keras_coefficient(lam_demo, m):.4f}; "
    f"Keras loss = {float(keras_loss):.5f} = 2·J = {2 * float(J):.5f}; "
    "gradients agree up to the factor 2"
)

# %% [markdown]
# Now we push c from lesson 03's grid (0.003 to 0.03) to 0.1 and 1 (λ = 15 and 150 in the
# source's scaling), and record for every c the kernels' L2 norm $\|w\|_2 = \sqrt{\sum w^2}$, the training and
# validation MSE, and the norm of the **data** gradient with respect to the first layer at the end.


# %%
def data_gradient_norms(models, xs, ys):
    """‖∂MSE/∂W_l‖ for every kernel l of network r on its own training set
    (xs[r], ys[r]): no penalty term."""
    norms = []
    for model, x, y in zip(models, xs, ys, strict=True):
        with tf.GradientTape() as tape:
            mse = tf.reduce_mean(tf.square(model(x) - y))
        norms.append([float(tf.norm(g)) for g in tape.gradient(mse, kernels(model))])
    return np.array(norms)  # (seeds, layers)


collapse_rows = []
for c in (0.0, *L2_SWEEP):
    models = use("no penalty" if c == 0 else f"L2 {c:g}")
    first_layer = data_gradient_norms(models, x_train, y_train)[:, 0]
    norms = [
        np.sqrt(sum(np.sum(k.numpy() ** 2) for k in kernels(model))) for model in models
    ]
    train_mse, val_mse = (
        trainer.evaluate(x_train, y_train, per_replica=True)["loss"],
        trainer.evaluate(X_val, y_val)["loss"],
    )
    collapse_rows += [
        {
            "c": c,
            "λ = c·m": c * N_TRAIN,
            "seed": s,
            "weight_norm": n,
            "first_layer_grad": g,
            "train_mse": t,
            "val_mse": v,
        }
        for s, n, g, t, v in zip(
            SEEDS, norms, first_layer, train_mse, val_mse, strict=True
        )
    ]
collapse = (
    pd.DataFrame(collapse_rows).groupby(["c", "λ = c·m"]).mean().drop(columns="seed")
)
collapse.round(5)

# %% alt="Two panels against the Keras coefficient c from 0.003 to 1, means over 5 seeds: on the left the norm of the kernels falls from about 5 to 1e-4 and the first layer's data gradient collapses after c = 0.1; on the right the training and validation MSE both rise to the variance of y at c = 1, the error of a constant prediction: the model underfits."
cs = collapse.index.get_level_values("c").to_numpy()
fig, axes = plt.subplots(1, 2, figsize=(8.6, 3.8), layout="constrained")
axes[0].loglog(cs[1:], collapse.weight_norm.iloc[1:], "o-", label="‖kernels‖₂")
axes[0].loglog(cs[1:], collapse.first_layer_grad.iloc[1:], "s--", label="‖∂MSE/∂W₁‖")
axes[0].set(
    xlabel="Keras coefficient c",
    title="Weights shrink; the first-layer\ndata gradient collapses at c = 1",
)
axes[0].legend(fontsize="small")
axes[1].semilogx(cs[1:], collapse.train_mse.iloc[1:], "o-", label="training MSE")
axes[1].semilogx(cs[1:], collapse.val_mse.iloc[1:], "s--", label="validation MSE")
axes[1].axhline(
    float(np.mean(var_y)), color="k", lw=0.8, label="variance of y (a constant's MSE)"
)
axes[1].set(
    xlabel="Keras coefficient c",
    ylabel="MSE",
    title="Too large c:\nthe model underfits",
)
axes[1].legend(fontsize="small")
fig.suptitle(
    f"Means over {len(SEEDS)} seeds; c = 0 is not on the log axis "
    "(first row of the table)"
)
plt.show()

# %%
largest = collapse.iloc[-1]
claim(np.all(np.diff(collapse.weight_norm.to_numpy()) < 0), "more c, smaller weights")
claim(
    largest.weight_norm < 1e-3 * collapse.weight_norm.iloc[0],
    "at c = 1 the weights have collapsed",
)
claim(
    largest.train_mse > 0.95 * np.mean(var_y),
    "at c = 1 the model predicts almost a constant",
)
claim(
    largest.first_layer_grad < 1e-3 * collapse.first_layer_grad.max(),
    "a tiny first-layer data gradient",
)
print(
    f"c = {cs[-1]:g}: ‖w‖ is {largest.weight_norm / collapse.weight_norm.iloc[0]:.1e} "
    f"of c = 0's; training MSE {largest.train_mse:.3f} vs variance "
    f"of y {np.mean(var_y):.3f}"
)

# %% [markdown]
# This is the true part of the FAQ. With a very large λ the weights are crushed towards zero and the
# network computes almost a constant: its training MSE reaches the variance of $y$. The data loss is
# then at its largest, yet its gradient with respect to the first layer is tiny, because it passes
# through weights that are nearly zero. This is **underfitting caused by a bad λ**, not a hidden
# instability, and it shows at once as a high *training* error. Note the shallow network's
# training MSE at c = 0.1, ten times lesson 03's choice: well below the variance of y. Section 5
# comes back to it.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("04", 2, answer)

# %% [markdown]
# ## 5. Vanishing gradients are a depth effect
#
# Vanishing or exploding gradients are about **depth**: the gradient of an early layer is a product of
# many layers' Jacobians, which can shrink or grow geometrically. A network with one hidden layer
# cannot show it. So we stack 8 hidden layers of 64 ReLU units, train it on the same 5 training sets
# at c = 0, at the chosen c and at 10 × the chosen c (L2), and measure the gradient of the **data**
# loss alone with respect to every layer's kernel, $\|\partial\,\mathrm{MSE} / \partial W_l\|$.

# %%
deep = Trainer(
    lambda: build_mlp(10, hidden=(64,) * DEPTH),
    loss="mse",
    learning_rate=LEARNING_RATE,
    batch_size=N_TRAIN,
    replicas=len(SEEDS),
)
deep.reset(SEEDS)
layer_grads = {
    "at initialization (the same for every c)": data_gradient_norms(
        deep.models, x_train, y_train
    )
}
deep_rows = []
for c in (0.0, c_l2, 10 * c_l2):
    deep.fit(x_train, y_train, seeds=SEEDS, epochs=DEEP_EPOCHS, l2=c)
    layer_grads[f"trained, c = {c:g}"] = data_gradient_norms(
        deep.models, x_train, y_train
    )
    deep_rows += [
        {"c": c, "seed": s, "train_mse": t, "val_mse": v}
        for s, t, v in zip(
            SEEDS,
            deep.evaluate(x_train, y_train, per_replica=True)["loss"],
            deep.evaluate(X_val, y_val)["loss"],
            strict=True,
        )
    ]
deep_results = pd.DataFrame(deep_rows)
print(
    f"deep MLP, {DEPTH} hidden layers: training step traced "
    f"{deep.tracing_count} time(s)"
)
deep_results.groupby("c")[["train_mse", "val_mse"]].mean().round(4)

# %% alt="Norm of the data gradient in each of the 9 layers of a deep MLP, mean over 5 seeds with min-to-max bands: at initialization about 0.03 to 0.08 in every layer, after training with c = 0 about 0.01 to 0.03, with c = 0.01 about 0.3 to 0.6, and with c = 0.1 exactly 0 in layers 1 to 8, only the output layer keeping a small gradient."
layer_axis = np.arange(1, DEPTH + 2)
fig, ax = plt.subplots(figsize=(8.6, 4.2), layout="constrained")
for i, (label, g) in enumerate(layer_grads.items()):
    ax.plot(layer_axis, g.mean(axis=0), "o-", color=f"C{i}", label=label)
    ax.fill_between(layer_axis, g.min(axis=0), g.max(axis=0), color=f"C{i}", alpha=0.15)
ax.set(
    xlabel=f"layer (1 = first hidden, {DEPTH + 1} = output)",
    ylabel="‖∂MSE/∂W_l‖ (0 at the bottom)",
    yscale="symlog",
    title=(
        f"Data gradient per layer, {len(SEEDS)} seeds\n(line: mean; band: min to max)"
    ),
)
ax.set_yscale("symlog", linthresh=1e-4)
ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.02, 1))  # off the bands
plt.show()

# %%
init_label, *trained = layer_grads
# First / last hidden layer
ratio = {
    label: layer_grads[label][:, 0] / layer_grads[label][:, DEPTH - 1]
    for label in (init_label, *trained[:2])
}
for label in ratio:
    print(f"{label:<42} first/last hidden layer per seed: {np.round(ratio[label], 3)}")
var_y = y_train.var(axis=(1, 2))
big = deep_results[deep_results.c == 10 * c_l2].set_index("seed")
claim(
    np.all(ratio[init_label] < 1),
    "at initialization the gradient shrinks towards the input on every seed",
)
claim(
    all(np.all((ratio[t] > 0.1) & (ratio[t] < 10)) for t in trained[:2]),
    (
        "trained with c = 0 or the chosen c: first and last hidden "
        "layer within a factor 10"
    ),
)
claim(
    np.all(layer_grads[trained[1]].mean(axis=0) > layer_grads[trained[0]].mean(axis=0)),
    (
        "at the chosen c every layer's data gradient ends larger "
        "than at c = 0 (means over seeds)"
    ),
)
largest_hidden = layer_grads[trained[2]][:, :DEPTH].max()
print(f"10 × c: largest hidden-layer data gradient over all seeds {largest_hidden:.2e}")
claim(
    largest_hidden < 1e-3 * layer_grads[init_label].min(),
    (
        "at 10 × c every hidden layer's data gradient is over 1,000 times smaller "
        "than any at initialization"
    ),
)
claim(
    np.all(big.train_mse.to_numpy() > 0.95 * var_y),
    "at 10 × c the deep MLP predicts a constant",
)
print(
    f"10 × c: training MSE per seed {big.train_mse.to_numpy().round(3)}, "
    f"variance of y {var_y.round(3)}"
)
shallow_big = collapse.xs(10 * c_l2, level="c").train_mse.iloc[0]
print(
    f"c = {10 * c_l2:g}: training MSE of the shallow MLP {shallow_big:.3f} "
    f"(section 4), of the {DEPTH}-layer MLP {big.train_mse.mean():.3f}; "
    f"variance of y {np.mean(var_y):.3f}"
)
claim(
    shallow_big < 0.8 * np.mean(var_y) < big.train_mse.mean(),
    "at 10 × c the shallow MLP fits, the deep one does not",
)

# %% [markdown]
# What the measurements show:
# - **At initialization** the data gradient already shrinks from the last hidden layer to the
#   first: that is the depth effect, and it is the same for every c, because the penalty has not
#   acted yet (the weights are the same).
# - **Trained with c = 0 or the chosen c**, the first and last hidden layers' gradients stay within
#   a factor 10 of each other on every seed: at this depth nothing vanishes or explodes, with or
#   without the penalty. With the penalty every layer's data gradient ends *larger* than without: the
#   unpenalized network memorizes its training set, where the data gradient falls towards zero; the
#   penalized one is held back from that.
# - **At 10 × the chosen c** every hidden layer's data gradient is essentially zero (over 1,000 times
#   smaller than the smallest at initialization), and the network
#   predicts a constant (its training MSE is the variance of y). That is not the penalty "adding
#   complexity": the weights have collapsed to zero, and a gradient that must pass through zero weights
#   is zero. It is the underfitting of a λ that is too large, which section 4 measured, and it shows at
#   once as a high **training** error. A λ chosen on validation data avoids it.
# - Depth does make this collapse come sooner. The deep network's output scales with the product
#   of its 9 kernels' sizes, so shrinking each a little shrinks the output a lot. At the same c the
#   shallow network of section 4 still fits part of the data (printed above). That is the grain of truth in
#   the FAQ: in a deep network the penalty's strength matters more, and the λ grid must be chosen
#   on validation data for each architecture.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("04", 3, answer)

# %% [markdown]
# ## 6. The real cures of vanishing gradients
#
# If a penalty is not the cause, what is, and what helps? Take a much deeper plain MLP, 30 hidden
# layers of 64 ReLU units, and look at it **at initialization**, before any penalty or training.
# Keras's Dense layers start from the Glorot-uniform initialization, whose weight variance
# 2/(fan_in + fan_out) = 1/64 here. A ReLU sets half of its inputs to 0, so a layer keeps the size
# of its signal only if the weight variance is 2/fan_in = 1/32 (**He initialization**, He et al.
# 2015). We compare three networks on seed 0's training set: the default, He initialization, and
# the default with **batch normalization** before every ReLU (Ioffe & Szegedy 2015), which
# re-standardizes every layer's input over the batch. For each hidden layer we measure the size
# (root mean square) of its output and the norm of the data gradient of its kernel.


# %%
def deep_plain_mlp(initializer="glorot_uniform", normalize=False):
    """CURE_DEPTH hidden layers of 64 ReLU units and a linear output; optionally batch
    normalization before each ReLU."""
    inputs = keras.Input((10,))
    h = inputs
    for _ in range(CURE_DEPTH):
        h = layers.Dense(64, kernel_initializer=initializer)(h)
        if normalize:
            h = layers.BatchNormalization()(h)
        h = layers.Activation("relu")(h)
    return keras.Model(inputs, layers.Dense(1)(h))


def signal_and_gradient(model, x, y):
    """Per hidden layer: the RMS of its output on x, and ‖∂MSE/∂W_l‖ (batch
    statistics, as in training)."""
    outputs = keras.Model(
        model.input,
        [
            layer.output
            for layer in model.layers
            if isinstance(layer, layers.Activation)
        ],
    )
    with tf.GradientTape() as tape:
        mse = tf.reduce_mean(tf.square(model(x, training=True) - y))
    hidden_kernels = kernels(model)[:-1]
    rms = [float(np.sqrt(np.mean(np.square(a)))) for a in outputs(x, training=True)]
    return np.array(rms), np.array(
        [float(tf.norm(g)) for g in tape.gradient(mse, hidden_kernels)]
    )


cures = {}
for label, options in [
    ("Glorot (Keras's default)", {}),
    ("He initialization", {"initializer": "he_normal"}),
    ("Glorot + batch normalization", {"normalize": True}),
]:
    notebook.seed_everything(0)
    cures[label] = signal_and_gradient(
        deep_plain_mlp(**options), x_train[0], y_train[0]
    )
for label, (rms, grad) in cures.items():
    print(
        f"{label:<30} layers 1/10/20/30: output RMS "
        + " ".join(f"{v:.1e}" for v in rms[[0, 9, 19, 29]])
        + "   data gradient "
        + " ".join(f"{v:.1e}" for v in grad[[0, 9, 19, 29]])
    )
(rms_glorot, grad_glorot), (rms_he, grad_he), (rms_bn, grad_bn) = cures.values()
claim(
    rms_glorot[-1] < 1e-4 * rms_glorot[0] and grad_glorot.max() < 1e-3,
    "default init: the signal and every gradient vanish",
)
claim(
    np.all((rms_he > 0.1) & (rms_he < 2)) and grad_he.min() > 0.1,
    "He init: signal and gradients of order 1",
)
claim(
    np.all((rms_bn > 0.5) & (rms_bn < 1)) and grad_bn.min() > 0.1,
    "batch normalization: the signal keeps its size",
)

# %% alt="Two panels over the 30 hidden layers of a plain ReLU MLP at initialization, on log scales: with Keras's default Glorot initialization the size of each layer's output falls from about 0.2 to about 4e-6 and every layer's data gradient is about 1e-5; with He initialization both stay of order 1; with batch normalization the output size stays near 0.7 and the gradients are large, growing towards the input."
fig, axes = plt.subplots(1, 2, figsize=(8.6, 3.8), layout="constrained")
for i, (label, (rms, grad)) in enumerate(cures.items()):
    axes[0].semilogy(
        np.arange(1, CURE_DEPTH + 1), rms, "o-", ms=3, color=f"C{i}", label=label
    )
    axes[1].semilogy(
        np.arange(1, CURE_DEPTH + 1), grad, "o-", ms=3, color=f"C{i}", label=label
    )
axes[0].set(
    xlabel="hidden layer",
    ylabel="RMS of the layer's output",
    title="The signal, forward",
)
axes[1].set(
    xlabel="hidden layer",
    ylabel="‖∂MSE/∂W_l‖",
    title="The data gradient of each kernel",
)
axes[0].legend(fontsize="small")
fig.suptitle(
    (
        f"A {CURE_DEPTH}-layer ReLU MLP at initialization, no penalty, "
        "seed 0's training set"
    ),
    y=1.02,
)
plt.show()

# %% [markdown]
# With the default initialization each ReLU layer halves the variance of its signal: after 30
# layers the output is over 10⁴ times smaller than after the first, the network's output hardly
# depends on its weights, and **every** layer's gradient is about 10⁻⁵. These gradients vanished
# before training and without any penalty. He initialization keeps the signal and the gradients of
# order 1 at every depth. Batch normalization keeps the signal's size by construction; its
# gradients are large rather than small (they scale with the inverse of the weights' size, which
# normalization makes irrelevant), and Adam's normalized steps do not mind. The third standard cure
# is the **residual connection** (He et al. 2016): a block computes h + f(h), so the gradient has a
# path around every layer. It is used together with normalization or a small initialization of
# f, because the plain sum grows with depth.
#
# So the cures of vanishing gradients are choices of architecture and initialization. A penalty
# enters only as in section 5: a λ so large that it collapses the weights, which validation data
# catch at once.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("04", 4, answer)

# %% [markdown]
# ## 7. Oscillation: a step too large for the curvature
#
# This demo uses **plain
# gradient descent** (`keras.optimizers.SGD`) on the penalty alone, $c\,w^2$, whose curvature is
# $2c$. Each step multiplies the weight by $1 - 2\eta c$ (learning rate η). When step × curvature
# $2\eta c > 1$ the weight changes sign at every step, and when $2\eta c > 2$ it grows: it "explodes".
# **Adam does not blow up the same way**: it divides each step by a running estimate of the
# gradient's size, so a step is about η whatever the gradient's size, and a large c cannot make it
# larger. We run both on one variable, η = 0.1:

# %% alt="The weight w over 30 steps that minimize the L2 penalty alone with learning rate 0.1, on a symmetric log scale: SGD with c = 1 decays smoothly, SGD with c = 7.5 flips sign at each step while shrinking, SGD with c = 12.5 flips sign and grows to about 100,000, and Adam with c = 12.5 moves by about 0.1 per step, crosses zero, overshoots a little and turns back."
ETA, STEPS = 0.1, 30
fig, ax = plt.subplots(figsize=(6.5, 3.8))
paths = {}
for name, c, optimizer in [
    ("SGD", 1.0, keras.optimizers.SGD(ETA)),
    ("SGD", 7.5, keras.optimizers.SGD(ETA)),
    ("SGD", 12.5, keras.optimizers.SGD(ETA)),
    ("Adam", 12.5, keras.optimizers.Adam(ETA)),
]:
    w, reg = keras.Variable([1.0]), keras.regularizers.L2(c)
    path = [1.0]
    for _ in range(STEPS):
        with tf.GradientTape() as tape:
            penalty = reg(w)
        optimizer.apply_gradients([(tape.gradient(penalty, w), w)])
        path.append(float(w.numpy()[0]))
    paths[name, c] = np.array(path)
    ax.plot(
        path,
        "o-" if name == "SGD" else "s--",
        ms=3,
        label=f"{name}, c = {c:g}: 2ηc = {2 * ETA * c:g}",
    )
    print(
        f"{name:<4} c = {c:>5}: 2ηc = {2 * ETA * c:4.1f}, w after {STEPS} steps "
        f"= {path[-1]:+.3g}, largest step {np.abs(np.diff(path)).max():.3g}"
    )
for c in (1.0, 7.5, 12.5):
    assert np.allclose(
        paths["SGD", c], (1 - 2 * ETA * c) ** np.arange(STEPS + 1), rtol=1e-4
    )
adam_path = paths["Adam", 12.5]
# Steps of at most ~η
assert np.abs(np.diff(adam_path)).max() <= 1.01 * ETA and np.abs(adam_path).max() <= 1
crossing, turn = int(np.argmax(adam_path < 0)), int(np.argmin(adam_path))
assert 0 < crossing < turn < STEPS  # Adam overshoots zero, then turns back
w_adam_small_c, adam_small_c = keras.Variable([1.0]), keras.optimizers.Adam(ETA)
# The same run with c = 1: Adam's step m̂/√v̂ does not change when the
# gradient is scaled
for _ in range(STEPS):
    with tf.GradientTape() as tape:
        penalty = keras.regularizers.L2(1.0)(w_adam_small_c)
    adam_small_c.apply_gradients(
        [(tape.gradient(penalty, w_adam_small_c), w_adam_small_c)]
    )
print(
    f"Adam, c = 12.5: crosses 0 at step {crossing}, "
    f"turns back at step {turn} (w = {adam_path[turn]:+.3f}); with c = 1 it ends "
    f"at {float(w_adam_small_c.numpy()[0]):+.4f} too"
)
assert np.isclose(float(w_adam_small_c.numpy()[0]), adam_path[-1], atol=1e-4)
ax.set(
    xlabel="step",
    ylabel="w",
    yscale="symlog",
    title=f"Penalty alone, learning rate η = {ETA}",
)
ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# Under SGD the weight shrinks smoothly for 2ηc < 1, flips sign and shrinks for 1 < 2ηc < 2, and
# flips sign and grows for 2ηc > 2. Under Adam, with the same c as the exploding SGD run, no step is
# longer than about η: the weight walks towards zero, overshoots it (Adam's momentum), and turns
# back a few steps later (printed above); |w| stays below its starting value. Adam's path is the
# same for every c: scaling the gradient scales m̂ and √v̂ alike, so their ratio does not change. The cure for the SGD
# oscillation is a step small enough for the curvature, not a smaller penalty.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("04", 5, answer)

# %% [markdown]
# ## 8. Gradient clipping: `clipnorm` vs `global_clipnorm`
#
# The FAQ's remedy is "gradient clipping". Keras optimizers offer two kinds, and they differ:
# - `clipnorm=τ` clips **each variable's** gradient to norm τ, separately. With 4 variables the whole
#   update can have norm up to 2τ, and its direction changes.
# - `global_clipnorm=τ` rescales **the whole gradient vector** so that its global norm is at most τ,
#   keeping its direction.
#
# We take one gradient (the MSE at a fresh initialization) and apply one SGD step with learning rate 1
# under each setting. The change in the weights is then minus the clipped gradient.

# %%
notebook.seed_everything(0)
model_clip = build_mlp(10)
with tf.GradientTape() as tape:
    data_loss = tf.reduce_mean(tf.square(model_clip(x_train[0]) - y_train[0]))
grads = tape.gradient(data_loss, model_clip.trainable_variables)
start = model_clip.get_weights()
TAU = 0.5


def applied_update(**clip):
    """Minus the weight change of one SGD(learning_rate=1) step:
    the gradient after clipping."""
    model_clip.set_weights(start)
    sgd = keras.optimizers.SGD(learning_rate=1.0, **clip)
    sgd.apply_gradients(zip(grads, model_clip.trainable_variables, strict=True))
    return [w0 - w1 for w0, w1 in zip(start, model_clip.get_weights(), strict=True)]


updates = {
    "no clipping": [g.numpy() for g in grads],
    f"clipnorm={TAU}": applied_update(clipnorm=TAU),
    f"global_clipnorm={TAU}": applied_update(global_clipnorm=TAU),
}
names = [v.path for v in model_clip.trainable_variables]
print(f"{'':<22}" + "".join(f"{n:>16}" for n in names) + f"{'global norm':>14}")
for label, u in updates.items():
    per_var = [np.linalg.norm(x) for x in u]
    print(
        f"{label:<22}"
        + "".join(f"{n:>16.4f}" for n in per_var)
        + f"{np.sqrt(np.sum(np.square(per_var))):>14.4f}"
    )
model_clip.set_weights(start)

# %%
raw = [g.numpy() for g in grads]
raw_norms = np.array([np.linalg.norm(g) for g in raw])
clipped = np.array([np.linalg.norm(x) for x in updates[f"clipnorm={TAU}"]])
flat_raw = np.concatenate([g.ravel() for g in raw])
flat_clip = np.concatenate([x.ravel() for x in updates[f"clipnorm={TAU}"]])
flat_global = np.concatenate([x.ravel() for x in updates[f"global_clipnorm={TAU}"]])
# Each variable on its own
assert np.allclose(clipped, np.minimum(raw_norms, TAU), rtol=1e-4)
assert np.isclose(np.linalg.norm(flat_global), TAU, rtol=1e-4)  # the whole vector
cos = lambda a, b: float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))  # noqa: E731
print(
    f"global norm after clipnorm: {np.linalg.norm(flat_clip):.4f} (> τ = {TAU}); "
    f"after global_clipnorm: {np.linalg.norm(flat_global):.4f}"
)
print(
    f"cosine with the raw gradient: clipnorm {cos(flat_clip, flat_raw):.4f}, "
    f"global_clipnorm {cos(flat_global, flat_raw):.6f}"
)
assert np.linalg.norm(flat_clip) > TAU and (
    cos(flat_global, flat_raw) > 1 - 1e-5 > cos(flat_clip, flat_raw)
)

# %% [markdown]
# `clipnorm` cut each variable to at most τ. The result is longer than τ overall and points in a
# different direction. `global_clipnorm` kept the direction and set the length to τ. Clipping guards
# against rare huge gradients, for example from a too-large learning rate. It is not needed to
# "repair" a sensible L1 or L2 penalty.
#
#
# ## Summary
# - The source's FAQ is wrong about the cause. An L2 penalty adds 2c·w to the gradient (L1 adds
#   c·sign(w)): a pull towards zero, not "complexity". At the c chosen on validation no gradient
#   vanished or exploded, in the shallow network or at depth 8.
# - A small gradient at the end of training means convergence, not vanishing. With a penalty the
#   gradient norm levels off: under Adam + L1 at about c·√n₀, with n₀ the weights jittering around
#   zero. The only spikes came from Adam *without* a penalty.
# - A λ that is too large collapses the weights: the network predicts a constant, its training MSE
#   reaches the variance of y and its gradients vanish because they pass through zero weights.
#   Depth makes this happen at a smaller λ (at 10 × the chosen c: the shallow network still fits,
#   the 8-layer one does not). Validation data catch it at once.
# - Vanishing gradients are a depth effect of architecture and initialization. A 30-layer ReLU MLP
#   with the default initialization loses its signal and its gradients before any training; He
#   initialization and batch normalization keep them; residual connections give the gradient a path
#   around each layer.
# - Plain SGD oscillates when 2ηc > 1 and diverges when 2ηc > 2; Adam's normalized step does not.
#   `clipnorm` clips each variable's gradient, `global_clipnorm` the whole vector, keeping its
#   direction.
#
# ## Exercises
# Replace `None` with your answer and run the cell. The check prints ✓ or ✗ with a hint.
#
# **Exercise 1.** A model has two variables with gradients $g_1 = (3, 4)$ and $g_2 = (0, 0, 12)$.
# With `global_clipnorm=1`, what is the norm of the clipped $g_2$? (With `clipnorm=1` it would be 1.)

# %%
from course_lib.checks import lesson04

answer = None  # your answer: a number
lesson04.exercise_1(answer)

# %% [markdown]
# **Exercise 2.** A network with 2,000 kernel weights is trained with Adam + L1(c = 0.02). At the end,
# 1,500 of its kernel weights are within one Adam step of zero; the others have settled where their
# data gradient balances the penalty. About what global gradient norm does training record? Reason
# with section 3, then check your reasoning against `l1_plateau` there.

# %%
answer = None  # your answer: a number
lesson04.exercise_2(answer)

# %% [markdown]
# **Exercise 3.** Reasoning. Plain SGD with learning rate η = 0.05 minimizes an L2 penalty c·w²
# alone (section 7). What is the **largest** c for which the weight never changes sign (it may
# reach 0)? Work it out from the factor by which one step multiplies w.

# %%
answer = None  # your answer: a number
lesson04.exercise_3(answer)

# %% [markdown]
# **Exercise 4 (an experiment).** A colleague's 30-layer ReLU network does not learn, and its
# gradients are all about 10⁻⁵. She proposes to remove its L2 penalty. Using section 6's
# `deep_plain_mlp` and `signal_and_gradient`, show her what she should check first, and which
# change makes the gradients grow by orders of magnitude without touching the penalty. Then
# add `kernel_regularizer=keras.regularizers.L2(0.01)` to the Dense layers of `deep_plain_mlp`:
# does it change the gradients at initialization? Why not?

# %% tags=["remove-cell", "skip-slide"]
# How long this notebook took (the README and the instructor guide quote it).
stopwatch.report(budget_s=60)
