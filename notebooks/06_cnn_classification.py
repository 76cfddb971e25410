# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 06 · CNN classification on MNIST: L1, L2, dropout, weight decay and early stopping, measured
#
# A convolutional network trained on the full MNIST training set barely overfits: one
# epoch typically reaches about 98 % test accuracy. Regularization matters when data is
# **scarce**. This lesson trains a small CNN on 1,000 digits, shows that it overfits,
# and measures what L2 and L1 kernel penalties, dropout, decoupled weight decay (AdamW)
# and early stopping do about it. Every strength is chosen on a validation split, every
# method is compared with the unregularized network **paired** (same seeds, same
# training digits), and the test set is used once, at the end.
#
# **You will learn**
# - what overfitting looks like for a classifier: training vs validation cross-entropy;
# - to choose a strength on validation data and to compare methods with a paired 95 %
#   confidence interval over seeds, and to let the words follow the interval;
# - how many kernel weights an L1 penalty drives to (near) zero, and why none is exactly zero;
# - why an L2 penalty under Adam is not weight decay, shown on two weights over many steps;
# - to report what helped and what did not.
#
# **Computer time** (Run All): 40–50 seconds on 2 CPU cores (65 trainings of a small CNN). The
# parameter cell lets you scale up if you have more time or a GPU.
#
# **How to use it:** run all cells first (*Run ▸ Run All Cells* in JupyterLab), then read from
# the top while the last ones finish. A short quiz after some sections checks your
# understanding (set `answer` to your choice and run its cell); the exercises at the end
# check your answers.
#
# **Before this lesson:** lesson 03 (lessons 04 and 05 help).

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

# Set-up first, so that TensorFlow loads quietly. One thread per operation: this CNN's
# operations are small, and TensorFlow then runs the 5 seeds' trainings side by side.
stopwatch = notebook.setup(seed=0, tensorflow=True, intra_op_threads=1)

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import tensorflow as tf

from course_lib.data import load_mnist
from course_lib.models import build_cnn, kernels
from course_lib.plots import (
    plot_paired,
    plot_seed_histories,
    plot_sweep,
    plot_weight_histograms,
)
from course_lib.quizzes import quiz
from course_lib.stats import paired, table_for_display
from course_lib.trainer import Trainer
from course_lib.training import near_zero_fraction

# %% [markdown]
# ## Parameters
#
# Everything the lesson measures depends on these numbers. With the committed values
# every claim in the text is asserted; they were fixed before the test results were looked at. To scale up (more data, more epochs, more seeds, the
# full-size `build_cnn()`), change them here: the assertions then turn into printed notes,
# because what is true with 1,000 training digits need not be true with 50,000, which is
# the point of this lesson.

# %%
N_TRAIN = 1_000  # training digits, drawn afresh for every seed
# Validation digits (other training images, the same for every seed): chooses strengths
N_VAL = 1_000
N_TEST = 10_000  # the full test set, used once at the end
# A smaller CNN than build_cnn()'s default (32, 64), 128
FILTERS, DENSE_UNITS = (8, 16), 128
EPOCHS, BATCH, LR = 10, 32, 2e-3  # Adam(LR), twice Keras's default step
# Each seed: its own 1,000 training digits, initial weights and shuffling
SEEDS = (0, 1, 2, 3, 4)
# The strengths tried for each method; strength 0 (no regularization)
# is the shared baseline
GRIDS = {
    # Keras L2(c): + c·Σw² over the kernels (c as in lessons 03 to 05)
    "L2": ("l2", (1e-4, 1e-3, 1e-2)),
    # Keras L1(c): + c·Σ|w|
    "L1": ("l1", (1e-5, 1e-4, 1e-3)),
    # Dropout rate before each dense layer
    "dropout": ("dropout", (0.1, 0.25, 0.5, 0.75)),
    # Decoupled weight decay, kernels only
    "AdamW": ("weight_decay", (0.1, 0.5, 2.0)),
}
TOL = 1e-3  # a kernel weight counts as "near zero" when |w| < TOL

COMMITTED = (
    (N_TRAIN, N_VAL, N_TEST, FILTERS, DENSE_UNITS, EPOCHS, BATCH, LR, SEEDS)
    == (1_000, 1_000, 10_000, (8, 16), 128, 10, 32, 2e-3, (0, 1, 2, 3, 4))
)  # fmt: skip

claim = notebook.claims(COMMITTED)  # asserts with these values, else prints a note


# %% [markdown]
# ## 1. Data: a fresh training set per seed, one validation split, the full test set
#
# The 60,000 MNIST training images are split once: 1,000 of them form the **validation
# split**, on which every strength is chosen. Each seed then draws its **own** 1,000
# training digits from the other 59,000. So the seeds vary what varies in practice, the
# training sample as well as the initial weights. The 10,000 **test** digits are touched
# once, at the very end.

# %%
# NBVAL_CHECK_OUTPUT
(x_all, y_all), (x_test, y_test) = load_mnist()
order = np.random.default_rng(0).permutation(len(x_all))
val_idx, pool = order[:N_VAL], order[N_VAL:]
x_val, y_val = x_all[val_idx], y_all[val_idx].astype("int32")
x_test, y_test = x_test[:N_TEST], y_test[:N_TEST].astype("int32")
train_idx = np.stack(
    [np.random.default_rng(seed).choice(pool, N_TRAIN, replace=False) for seed in SEEDS]
)
# (seeds, N_TRAIN, 28, 28)
x_train, y_train = x_all[train_idx], y_all[train_idx].astype("int32")
assert not set(train_idx.ravel()) & set(val_idx)
shared = [len(set(train_idx[0]) & set(train_idx[i])) for i in range(1, len(SEEDS))]
print(f"training sets {x_train.shape}, validation {x_val.shape}, test {x_test.shape}")
print(
    f"digits that seed 0's training set shares with seeds 1-{len(SEEDS) - 1}: {shared}"
)
print("seed 0's training digits per class:", np.bincount(y_train[0], minlength=10))

# %% [markdown]
# ## 2. The model, and a training loop traced once
#
# > **3-hour workshop:** shown briefly (its key result); read the rest at home.
#
# `build_cnn` stacks [Conv 3×3 → ReLU → MaxPool]×2 → Dense(ReLU) → Dense(softmax), with a
# dropout layer before each dense layer (rate 0 unless we ask for dropout).
#
# We will train 70 networks: 14 settings × 5 seeds. Building and compiling a fresh Keras
# model for each run would make TensorFlow trace its training graph 70 times, about a
# second each. `course_lib.trainer.Trainer` traces it **once**: the strengths c, the weight
# decay and the dropout rate live in TensorFlow variables, and a new run only resets the
# weights and the dropout layers' random seeds (to those a freshly built model gets with
# that seed) and the optimizer's state. So a run gives the same result whichever runs came
# before it.
# It trains the 5 seeds' networks side by side in one graph, each with its own weights,
# data and shuffling, so that TensorFlow can keep both CPU cores busy.
#
# What each strength does is exactly what Keras does (`tests/test_trainer.py` checks the
# trained weights against `model.fit` with Keras's own regularizers and `AdamW`):
# - `l2=c`, `l1=c`: the gradient of c·Σw² or c·Σ|w| over the **kernels** (never the
#   biases) is added to the gradient of the batch-mean cross-entropy, as
#   `keras.regularizers.L2(c)` / `L1(c)` on every kernel does;
# - `weight_decay=wd`: before each Adam step every kernel is shrunk, w ← w − lr·wd·w
#   (Keras's `AdamW` with the biases excluded; section 6 explains why this is not L2);
# - `dropout=p`: during training each unit entering a dense layer is zeroed with
#   probability p, and the units kept are multiplied by 1/(1 − p) ("inverted" dropout), so
#   that each unit's expected value is unchanged. At test time dropout is off and the whole
#   network is used. Why this regularizes: every step trains a different random
#   sub-network, and the full network at test time approximately averages that ensemble
#   (Srivastava et al., 2014). No unit can rely on one particular other unit being there.
#   For linear regression with the squared loss and dropout on the inputs, the expected
#   loss is the plain loss plus p/(1 − p)·Σⱼ wⱼ²·Σᵢ xᵢⱼ²: an L2 penalty that weighs each
#   weight by the size of its input, an *adaptive* L2 (Wager, Wang & Liang, 2013, show
#   the same, approximately, for other models).
#
# Models are compared on the **plain cross-entropy**: Keras's reported `loss` would
# include the penalty, which differs between methods.

# %%
trainer = Trainer(
    lambda: build_cnn(filters=FILTERS, dense_units=DENSE_UNITS, variable_dropout=True),
    loss="sparse_categorical_crossentropy",
    learning_rate=LR,
    batch_size=BATCH,
    replicas=len(SEEDS),
)
model = trainer.model
n_kernel = sum(int(np.prod(k.shape)) for k in kernels(model))
n_trainable = sum(int(np.prod(v.shape)) for v in model.trainable_variables)
print(
    f"{n_trainable:,} trainable parameters: {n_kernel:,} kernel weights (penalized) "
    f"and {n_trainable - n_kernel:,} biases (not penalized)"
)

# %% [markdown]
# One function runs one setting on all seeds. It trains, evaluates the networks on their
# training digits and on the validation split (once each), counts near-zero kernel weights,
# and keeps the trained weights, so that the chosen networks can be scored on the test set
# later without retraining. Each call adds one row per seed to the result table.

# %%
ROWS, WEIGHTS = [], {}


def run(method, strength=0.0, argument=None, **fit_options):
    """Train every seed with one setting; record train/validation
    metrics; keep the weights."""
    histories = trainer.fit(
        x_train,
        y_train,
        seeds=SEEDS,
        epochs=EPOCHS,
        **({argument: strength} if argument else {}),
        **fit_options,
    )
    record(method, strength)
    return histories


def record(method, strength):
    """One row per seed for the networks as they are now."""
    on_train = trainer.evaluate(x_train, y_train, per_replica=True)
    on_val = trainer.evaluate(x_val, y_val)
    for r, seed in enumerate(SEEDS):
        ROWS.append(
            {
                "method": method,
                "strength": strength,
                "seed": seed,
                "train_ce": on_train["loss"][r],
                "val_ce": on_val["loss"][r],
                "val_acc": on_val["accuracy"][r],
                "near_zero": near_zero_fraction(kernels(trainer.models[r]), TOL),
            }
        )
    WEIGHTS[method, strength] = trainer.get_weights()


# %% tags=["quiz"]
answer = None  # your answer: a number
quiz("06", 1, answer)

# %% [markdown]
# ## 3. Without regularization the network overfits
#
# First the baseline: plain Adam, no penalty, on the 5 seeds. We record the validation
# cross-entropy after every epoch, which also gives us **early stopping** for free: for each
# seed we keep the weights of the epoch with the lowest validation cross-entropy.

# %%
baseline_histories = run("none", validation=(x_val, y_val), keep_best=True)
# The early-stopped networks: each seed's best epoch on validation
trainer.restore_best()
best_epochs = [h["best_epoch"] for h in baseline_histories]
record("early stopping", 0.0)
results = pd.DataFrame(ROWS)
base = results[results.method == "none"].set_index("seed")
print(
    f"final epoch: training CE {base.train_ce.mean():.4f}, validation "
    f"CE {base.val_ce.mean():.4f}, validation accuracy {base.val_acc.mean():.4f} "
    f"(means over {len(SEEDS)} seeds)"
)
print("epoch with the lowest validation CE, per seed:", best_epochs)

# %% alt="Training and validation cross-entropy on a log scale over 10 epochs, 5 seeds, without regularization: the training loss keeps falling to about 0.03 while the validation loss levels off around 0.2 from epoch 4 on, with its minimum (dots) between epochs 5 and 9: the network overfits."
fig, ax = plt.subplots(figsize=(7, 4))
plot_seed_histories(
    baseline_histories,
    ax=ax,
    labels=("training (mean over each epoch)", "validation (after each epoch)"),
)
ax.set(
    yscale="log",
    xlabel="epoch",
    ylabel="cross-entropy (log scale)",
    title=f"No regularization, {len(SEEDS)} seeds (dots: lowest validation CE)",
)
ax.legend()
plt.show()

# %%
gap = paired(base.val_ce, base.train_ce)
claim(
    gap.low > 0 and np.all(base.val_ce > 5 * base.train_ce),
    "validation CE is more than 5 times the training CE on every seed",
)
claim(
    np.all(base.val_acc < 0.96) and np.all(base.train_ce < 0.05),
    "training CE < 0.05, validation accuracy < 96 %",
)
rises = [h["val_loss"][-1] > min(h["val_loss"]) for h in baseline_histories]
claim(sum(rises) >= 4, "on most seeds the last epoch is not the best one on validation")
print(f"validation CE − training CE: {gap}")

# %% [markdown]
# After 10 epochs the networks fit their 1,000 training digits almost perfectly (training
# cross-entropy about 0.02), while on the validation digits the cross-entropy is more than
# five times larger on every seed and the accuracy stays below 96 %. On most seeds the
# validation cross-entropy reached its lowest value some epochs before the end and then
# rose or wandered, while the training cross-entropy kept falling: the networks fit *their*
# digits, including what is peculiar to them. That is overfitting, and it is what
# regularization is meant to reduce.
#
# ## 4. Choosing each strength on the validation split
#
# Now the four regularizers, three or four strengths each, on the same 5 seeds (13 × 5
# trainings). For each method we choose, among its strengths **and 0** (no regularization,
# the baseline), the one with the **lowest mean validation cross-entropy**. Leaving 0 out
# would force every method to be used, even one that validation says does not help.
# (Validation accuracy moves by tenths of a percent on 1,000 digits, so it is a poor
# selector; the cross-entropy also sees *how confident* a prediction is.)

# %%
for name, (argument, strengths) in GRIDS.items():
    for strength in strengths:
        run(name, strength, argument)
    print(f"{name}: {len(strengths)} strengths × {len(SEEDS)} seeds trained")
results = pd.DataFrame(ROWS)
print(
    f"training step traced {trainer.tracing_count} time(s) "
    f"for {len(results) // len(SEEDS)} settings"
)

# %% [markdown]
# The table shows each setting's mean over the seeds and, against the baseline on the same
# seeds, the mean **paired** difference in validation cross-entropy with its 95 % t interval.


# %%
def versus_baseline(metric, method, strength):
    """Paired comparison of one setting with the unregularized
    baseline on the same seeds."""
    rows = results[
        (results.method == method) & (results.strength == strength)
    ].set_index("seed")
    return paired(rows[metric], base[metric])


table = results.groupby(["method", "strength"], sort=False)[
    ["train_ce", "val_ce", "val_acc", "near_zero"]
].mean()
comparisons = {
    key: versus_baseline("val_ce", *key) for key in table.index if key[0] != "none"
}
table["Δ val_ce"] = [
    comparisons[k].mean if k in comparisons else np.nan for k in table.index
]
table["95 % CI"] = [
    f"[{comparisons[k].low:+.3f}, {comparisons[k].high:+.3f}]"
    if k in comparisons
    else ""
    for k in table.index
]
mean_val_ce = results.groupby(["method", "strength"]).val_ce.mean()
# The best of the grid alone
best_nonzero = {name: float(mean_val_ce[name].idxmin()) for name in GRIDS}
chosen = {
    name: best_nonzero[name]
    if mean_val_ce[name].min() < mean_val_ce["none", 0.0]
    else 0.0
    for name in GRIDS
}
print("chosen on validation (0: no regularization is better):", chosen)
table_for_display(table, digits=4)  # "—" where a row has no comparison (the baseline)

# %% alt="Four panels, for L2, L1, dropout and AdamW, of the paired difference in validation cross-entropy from the unregularized baseline against each strength, mean and 95 % interval over 5 seeds: the smaller strengths stay close to 0, the largest of each raises it, and only moderate dropout lowers it."
# Each its own y range: dropout's would squash the others
fig, ax = plt.subplots(2, 2, figsize=(8.6, 6.8), layout="constrained")
ax = ax.ravel()
for i, (name, (argument, strengths)) in enumerate(GRIDS.items()):
    plot_sweep(
        {name: {s: comparisons[name, s] for s in strengths}},
        ax=ax[i],
        chosen={name: chosen[name]} if chosen[name] else None,
        xlabel=argument,
        logx=name != "dropout",
        ylabel="validation CE − baseline's" if i % 2 == 0 else "",
    )
    ax[i].set_title(
        f"{name} (filled: chosen)"
        if chosen[name]
        else f"{name} (chosen: none, the 0 line)",
        fontsize="medium",
    )
fig.suptitle(
    "Paired difference in validation cross-entropy, "
    f"mean and 95 % CI over {len(SEEDS)} seeds"
)
plt.show()

# %%
for name, (argument, _) in GRIDS.items():
    best = comparisons[name, best_nonzero[name]]
    print(
        f"{name:>8}: best {argument} = {best_nonzero[name]:g}, "
        f"validation CE vs baseline {best}: {best.verdict()} → chosen: "
        f"{f'{argument} = {chosen[name]:g}' if chosen[name] else 'none'}"
    )
strongest = {
    name: comparisons[name, max(strengths)] for name, (_, strengths) in GRIDS.items()
}
claim(
    all(r.low > 0 for r in strongest.values()),
    "every method's strongest setting raises the validation CE",
)
claim(
    chosen["L1"] == 0.0
    and all(chosen[name] > 0 for name in ("L2", "dropout", "AdamW")),
    "validation prefers no L1, and some strength of each other method",
)
claim(
    min(GRIDS["dropout"][1]) < chosen["dropout"] < max(GRIDS["dropout"][1]),
    "dropout's choice is inside its grid",
)

# %% [markdown]
# Read the intervals, not the means. On the validation split:
# - **dropout** at rate 0.25 is the only setting whose interval lies below 0: it lowered the
#   validation cross-entropy on the same seeds. Its choice lies inside the grid: both 0.1
#   and 0.5 did worse on average;
# - every other setting's interval contains 0 (no difference established with 5 seeds) or
#   lies **above** 0: the strongest setting of every method made the validation
#   cross-entropy worse;
# - for L2 and AdamW the chosen strength is simply the one with the lowest mean, a little
#   below the baseline's. For **L1** no strength had a lower mean than the baseline, so
#   validation prefers **no L1**: the test comparison below leaves it out (it would be the
#   baseline itself).
#
# The chosen strength's validation score is optimistic: it was picked *because* it scored
# well on these 1,000 digits. That is why the final comparison uses the test set. One
# caveat remains: we test the same 5 networks per setting that validation chose among, and a
# network that was lucky on validation tends to be lucky on test too. With effects this
# close (dropout 0.25 against 0.5, AdamW 0.1 against 0.5) an unbiased test would retrain the
# chosen settings on fresh seeds; this lesson's time budget does not allow it.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("06", 2, answer)

# %% [markdown]
# ## 5. Sparsity: what L1 does to the kernels
#
# > **3-hour workshop:** skipped; read it at home.
#
# An L1 penalty pulls every weight towards zero with the same force c, however small the
# weight (lesson 01). Trained by Adam, which moves each weight by up to about `LR` per step,
# a weight pulled to zero keeps jittering around it: (sub)gradient training never lands on
# an *exact* zero (lesson 02: a proximal step would). So we count kernel weights with
# |w| < TOL = 10⁻³, and exact zeros.

# %%
near_zero = results.groupby(["method", "strength"], sort=False).near_zero.mean()
at_init = near_zero_fraction(
    kernels(build_cnn(filters=FILTERS, dense_units=DENSE_UNITS)), TOL
)
print(
    f"fraction of kernel weights with |w| < {TOL:g} (mean over seeds); "
    f"a freshly initialized network: {at_init:.1%}"
)
for name in ("L2", "L1"):
    print(
        f"  {name}: "
        + ", ".join(f"c = {s:g}: {near_zero[name, s]:.1%}" for s in GRIDS[name][1])
        + f"   (no penalty: {near_zero['none', 0.0]:.1%})"
    )
exact_zeros = sum(
    int(np.sum(w == 0))
    for ws in WEIGHTS.values()
    for model_weights in ws
    for w, v in zip(model_weights, model.weights, strict=True)
    if v.path.endswith("kernel")
)
print(
    f"exact zeros among the kernel weights of all {len(results)} trained "
    f"networks: {exact_zeros}"
)
# L1 and L2 at their best strengths on validation: c·Σ|w| and c·Σw² have other
# units, so equal c means nothing
l1_rows, l2_rows = (
    results[
        (results.method == name) & (results.strength == best_nonzero[name])
    ].set_index("seed")
    for name in ("L1", "L2")
)
l1_vs_l2 = paired(l1_rows.near_zero, l2_rows.near_zero)
print(
    f"near-zero fraction, L1 (c = {best_nonzero['L1']:g}) "
    f"− L2 (c = {best_nonzero['L2']:g}), each at its best strength on validation: "
    f"{l1_vs_l2}"
)
claim(exact_zeros == 0, "no kernel weight of any network is exactly zero")
claim(
    abs(near_zero["none", 0.0] - at_init) < 0.01,
    "without a penalty, about the fraction at initialization",
)
claim(
    l1_vs_l2.low > 0 and bool(np.all(l1_rows.near_zero > l2_rows.near_zero)),
    "at their best strengths, L1 leaves more near-zero weights than L2, on every seed",
)
claim(
    near_zero["L1", 1e-3] > 0.5,
    "over half the kernel weights near zero with the strongest L1",
)
claim(
    all(
        results[(results.method == "L2") & (results.strength == s)].near_zero.min()
        > 5 * at_init
        for s in GRIDS["L2"][1]
    ),
    "L2 under Adam: over 5 times the initial near-zero fraction, on every seed",
)
claim(
    all(near_zero["AdamW", s] < 0.05 for s in GRIDS["AdamW"][1]),
    "AdamW: few near-zero weights (< 5 %)",
)


# %% alt="Histograms, on a log count scale, of the CNN's kernel weights after training with seed 0: without a penalty, with L2 (c = 1e-3) and with L1 (c = 1e-4) they form similar peaks around 0, while L1 with c = 1e-3 puts tens of thousands of weights in a spike inside |w| < 0.001 and leaves fewer weights elsewhere."
def kernel_values(method, strength, seed_index=0):
    weights = WEIGHTS[method, strength][seed_index]
    return np.concatenate(
        [
            w.ravel()
            for w, v in zip(weights, model.weights, strict=True)
            if v.path.endswith("kernel")
        ]
    )


ax = plot_weight_histograms(
    {
        "no penalty": kernel_values("none", 0.0),
        "L2, c = 1e-3": kernel_values("L2", 1e-3),
        "L1, c = 1e-4": kernel_values("L1", 1e-4),
        "L1, c = 1e-3": kernel_values("L1", 1e-3),
    },
    tol=TOL,
)
ax.set_title(f"Kernel weights after training (seed {SEEDS[0]})")
plt.show()

# %% [markdown]
# L1 piles kernel weights up near zero: the spike in the middle of the histogram, over half
# of all kernel weights below 10⁻³ at c = 10⁻³. At the best strength of each on validation
# (L1 c = 10⁻⁴, L2 c = 10⁻³; equal c would mean nothing, since c·Σ|w| and c·Σw² have other
# units), L1 leaves more near-zero weights than L2 on every seed. Yet not one weight of the
# 75 networks is exactly zero.
#
# L2 leaves many near-zero weights too, far more than the 1 % of a freshly initialized
# network, and AdamW almost none. Section 6 explains the difference: under Adam, an L2
# penalty pushes a weight that the data barely uses by about `LR` per step towards zero,
# much like L1, while decoupled weight decay shrinks every weight in proportion to its size.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("06", 3, answer)

# %% [markdown]
# ## 6. An L2 penalty is not weight decay under Adam
#
# Keras 3 optimizers take a `weight_decay` argument. It is **decoupled** weight decay
# (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", 2019): before each update
# the optimizer shrinks every variable, w ← w − lr·wd·w, outside the gradient. Keras (like
# PyTorch) multiplies the decay by the learning rate lr; in the paper it is multiplied only by
# the schedule's factor, independent of the base learning rate. So in Keras, changing
# `learning_rate` also changes the decay. With plain
# SGD (no momentum) this is the same as an L2 penalty: SGD's step w ← w − lr·(g + 2cw) with c = wd/2.
# Checked step for step on a small Dense layer:

# %%
# NBVAL_CHECK_OUTPUT
layer = keras.layers.Dense(
    3, kernel_initializer=keras.initializers.RandomNormal(seed=1)
)
layer.build((None, 4))
x_probe = np.random.default_rng(0).normal(size=(16, 4)).astype("float32")
w_start = [w.copy() for w in layer.get_weights()]


def train_steps(optimizer, l2=0.0, steps=25):
    """Kernels after `steps` steps on a fixed squared loss, with an optional
    L2(l2) penalty on the kernel."""
    layer.set_weights(w_start)
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((layer(x_probe) - 1.0) ** 2) + (
                l2 * tf.reduce_sum(layer.kernel**2)
            )
        optimizer.apply_gradients(
            zip(
                tape.gradient(loss, layer.trainable_variables),
                layer.trainable_variables,
                strict=False,
            )
        )
    return layer.kernel.numpy()


lr, wd = 0.05, 0.4
sgd_decay = keras.optimizers.SGD(lr, weight_decay=wd)
sgd_decay.exclude_from_weight_decay(var_names=["bias"])
sgd_l2 = train_steps(keras.optimizers.SGD(lr), l2=wd / 2)
assert np.allclose(train_steps(sgd_decay), sgd_l2, rtol=1e-5, atol=1e-7)
adamw = keras.optimizers.AdamW(lr, weight_decay=wd)
adamw.exclude_from_weight_decay(var_names=["bias"])
gap_adam = np.abs(
    train_steps(adamw) - train_steps(keras.optimizers.Adam(lr), l2=wd / 2)
).max()
assert gap_adam > 0.01
print(f"SGD(weight_decay={wd}) and SGD + L2({wd / 2}): the same kernel after 25 steps")
print(
    f"AdamW(weight_decay={wd}) and Adam + L2({wd / 2}): kernels differ "
    f"by up to {gap_adam:.3f} after 25 steps"
)

# %% [markdown]
# With Adam they differ, and the reason matters. Adam divides each weight's step by a
# running estimate √v̂ of **that weight's** gradient size. An L2 penalty's pull 2cw is part
# of the gradient, so it is divided too: a weight whose data gradients are large gets a
# large √v̂, so its pull is divided by a large number, while a weight with tiny data gradients
# has its pull normalized to a step of about `lr` per step, whatever c: the first is pulled back
# much less than the second. Decoupled decay is applied outside
# Adam's normalization and shrinks every weight by the same factor (1 − lr·wd) per step.
#
# Two weights, both starting at 1, show it. Their data gradients have mean zero but very
# different sizes: they alternate +s, −s, with s = 1 for the first weight and s = 0.001 for
# the second. 300 steps of Adam with L2(c = 0.05) against AdamW(wd = 0.1), lr = 0.01:

# %%
# NBVAL_CHECK_OUTPUT
STEPS, LR_DEMO, C_DEMO, WD_DEMO = 300, 0.01, 0.05, 0.1
# Size of the data gradient of each weight
scales = np.array([1.0, 0.001], dtype="float32")


def trajectory(optimizer, c=0.0):
    """Both weights over STEPS steps: data gradient ±scale (alternating)
    plus the L2 gradient 2·c·w."""
    w = keras.Variable(np.ones(2, dtype="float32"))
    path = [w.numpy()]
    for t in range(STEPS):
        optimizer.apply_gradients([(scales * (-1.0) ** t + 2 * c * w.numpy(), w)])
        path.append(w.numpy())
    return np.array(path)


adam_l2 = trajectory(keras.optimizers.Adam(LR_DEMO), c=C_DEMO)
adam_w = trajectory(keras.optimizers.AdamW(LR_DEMO, weight_decay=WD_DEMO))
print(f"after {STEPS} steps       large gradients  small gradients")
print(f"Adam + L2({C_DEMO}):     {adam_l2[-1, 0]:15.3f}  {adam_l2[-1, 1]:15.3f}")
print(f"AdamW({WD_DEMO}):          {adam_w[-1, 0]:15.3f}  {adam_w[-1, 1]:15.3f}")
# L2 under Adam: very unequal
assert adam_l2[-1, 0] > 0.7 and abs(adam_l2[-1, 1]) < 0.01
# Decoupled: the same for both
assert np.isclose(adam_w[-1, 0], adam_w[-1, 1], rtol=1e-3)
# About the decay factor (1 − lr·wd)^steps
assert abs(adam_w[-1, 0] - (1 - LR_DEMO * WD_DEMO) ** STEPS) < 0.02

# %% alt="Two weights starting at 1, over 300 steps: under Adam + L2 the weight with small data gradients falls to 0 within about 200 steps while the one with large data gradients keeps most of its value, and under AdamW both weights follow that same slow decay, to about 0.73."
fig, ax = plt.subplots(figsize=(7, 3.8))
for path, name, style in [
    (adam_l2, f"Adam + L2({C_DEMO})", "-"),
    (adam_w, f"AdamW({WD_DEMO})", "--"),
]:
    ax.plot(path[:, 0], style, color="C0", label=f"{name}, large data gradients")
    ax.plot(path[:, 1], style, color="C3", label=f"{name}, small data gradients")
ax.set(
    xlabel="step",
    ylabel="weight",
    title="The same two weights under Adam + L2 and under AdamW",
)
ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# The two strengths were matched for the weight with large gradients: its √v̂ is about 1,
# so Adam turns the pull 2cw into a step of about lr·2c·w = lr·wd·w, AdamW's decay. That is
# why three of the four lines lie on top of each other, and the only difference is the
# weight with small gradients. Under Adam + L2 it is driven to zero in about 100 steps
# (about `lr` per step, like an L1 penalty), while the weight with large gradients keeps
# most of its value. Under AdamW both lose the same fraction. Three practical notes:
# - Keras's `Adam(weight_decay=…)` and `AdamW` are both **decoupled**, and the decay is
#   **multiplied by the learning rate** (w ← w − lr·wd·w). PyTorch's `AdamW` does the same;
#   PyTorch's `Adam(weight_decay=…)` instead adds wd·w to the gradient, the coupled L2.
# - Keras's `weight_decay` applies to **every** variable, biases included, unless
#   `optimizer.exclude_from_weight_decay(var_names=["bias"])` is called. The Trainer excludes
#   the biases, so that AdamW and the L2 penalty act on the same weights here.
# - Keras's default `weight_decay=0.004` in `AdamW` is tiny for a short run: over our
#   10 epochs of 32 steps it shrinks a weight with no gradient by less than 1 %.

# %%
# NBVAL_CHECK_OUTPUT
steps_per_run = EPOCHS * -(-N_TRAIN // BATCH)
for wd in (0.004, *GRIDS["AdamW"][1]):
    print(
        f"weight_decay = {wd:<5g}: a weight with no gradient keeps "
        f"(1 − {LR:g}·{wd:g})^{steps_per_run} "
        f"= {(1 - LR * wd) ** steps_per_run:.3f} of its value"
    )
claim(
    (1 - LR * 0.004) ** steps_per_run > 0.99,
    "Keras's default weight_decay shrinks by < 1 % in this run",
)

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("06", 4, answer)

# %% [markdown]
# ## 7. The test set, once
#
# Every setting is now fixed on the validation split: the chosen strength of each method,
# and the early-stopping epoch of each seed. We score these networks, and the unregularized
# ones, on the 10,000 test digits, and compare each method with the baseline **on the same
# seed**.

# %%
# A method chosen "none" is the baseline
TESTED = {
    "no regularization": ("none", 0.0),
    "early stopping": ("early stopping", 0.0),
    **{
        f"{name} ({argument} = {chosen[name]:g})": (name, chosen[name])
        for name, (argument, _) in GRIDS.items()
        if chosen[name]
    },
}
test_rows = []
for label, key in TESTED.items():
    trainer.set_weights(WEIGHTS[key])
    scores = trainer.evaluate(x_test, y_test)
    test_rows += [
        {
            "method": label,
            "seed": s,
            "test_ce": scores["loss"][r],
            "test_acc": scores["accuracy"][r],
        }
        for r, s in enumerate(SEEDS)
    ]
test = pd.DataFrame(test_rows)
test_base = test[test.method == "no regularization"].set_index("seed")
test_ce, test_acc = {}, {}
for label in list(TESTED)[1:]:
    rows = test[test.method == label].set_index("seed")
    test_ce[label] = paired(rows.test_ce, test_base.test_ce)
    test_acc[label] = paired(rows.test_acc, test_base.test_acc)
summary = test.groupby("method", sort=False)[["test_ce", "test_acc"]].mean()
for column, results_by_method in [("CE", test_ce), ("acc", test_acc)]:
    summary[f"Δ {column}"] = [
        results_by_method[m].mean if m in results_by_method else np.nan
        for m in summary.index
    ]
    summary[f"Δ {column} 95 % CI"] = [
        f"[{results_by_method[m].low:+.4f}, {results_by_method[m].high:+.4f}]"
        if m in results_by_method
        else ""
        for m in summary.index
    ]
summary["verdict on test CE"] = [
    test_ce[m].verdict() if m in test_ce else "(baseline)" for m in summary.index
]
table_for_display(summary, digits=4)  # "—" for the baseline's own differences

# %% alt="Paired differences from no regularization on 10,000 test digits, mean and 95 % interval over 5 seeds, for early stopping, L2, dropout and AdamW: in test cross-entropy (left) only dropout's interval lies below 0 (red), and in test accuracy (right) only dropout's interval lies above 0, just."
fig, axes = plt.subplots(1, 2, figsize=(8.6, 3.8), sharey=True, layout="constrained")
plot_paired(test_ce, ax=axes[0], xlabel="test cross-entropy − baseline's (same seed)")
plot_paired(test_acc, ax=axes[1], xlabel="test accuracy − baseline's (same seed)")
fig.suptitle(
    f"Each method against no regularization on {N_TEST:,} test digits:\n"
    f"mean and 95 % CI over {len(SEEDS)} seeds (×: single seeds; red: CI excludes 0)"
)
plt.show()

# %%
dropout_label = next(m for m in test_ce if m.startswith("dropout"))
established = {m: r.excludes_zero for m, r in test_ce.items()}
print("test CE difference established (95 % CI excludes 0):", established)
dropout_99 = paired(
    test[test.method == dropout_label].set_index("seed").test_ce,
    test_base.test_ce,
    confidence=0.99,
)
print(f"dropout, 99 % interval: [{dropout_99.low:+.4f}, {dropout_99.high:+.4f}]")
claim(
    established == {m: m == dropout_label for m in test_ce},
    "only dropout's test-CE interval excludes 0",
)
claim(
    test_ce[dropout_label].high < 0 and dropout_99.high < 0,
    "dropout lowers the test CE (95 % and 99 % CI < 0)",
)
dropout_acc_99 = paired(
    test[test.method == dropout_label].set_index("seed").test_acc,
    test_base.test_acc,
    confidence=0.99,
)
print(
    f"dropout's test accuracy − baseline's: {test_acc[dropout_label]}; "
    f"99 % interval [{dropout_acc_99.low:+.4f}, {dropout_acc_99.high:+.4f}]"
)
claim(
    {m: r.excludes_zero for m, r in test_acc.items()}
    == {m: m == dropout_label for m in test_acc}
    and 0 < test_acc[dropout_label].low < 0.001
    and dropout_acc_99.low < 0,
    (
        "only dropout's accuracy interval excludes 0, by less than 0.1 point, "
        "and its 99 % interval does not"
    ),
)
dropout_effect = test_ce[dropout_label].mean
print(
    (
        f"dropout's mean effect on test CE: {dropout_effect:+.4f}; "
        "the most negative effect each other interval allows:"
    ),
    {m: round(r.low, 4) for m, r in test_ce.items() if m != dropout_label},
)
claim(
    all(
        r.low < dropout_effect / 2
        for m, r in test_ce.items()
        if m.startswith(("L2", "AdamW"))
    ),
    "L2's and AdamW's intervals include improvements over half as large as dropout's",
)

# %% [markdown]
# What the test set says, for this small-data regime, with 5 seeds:
# - **Dropout** (rate 0.25, chosen on validation) **lowered the test cross-entropy** (95 % CI
#   excludes 0, and so does the 99 % interval). Four methods were compared with the baseline,
#   and by chance alone one 95 % interval in twenty excludes 0; dropout's 99 % interval
#   (stricter than a Bonferroni correction for four comparisons, which needs 98.75 %)
#   excludes 0 too.
# - For **L2, AdamW and early stopping** the intervals are too wide to tell: each contains
#   0 (no effect), and L2's and AdamW's also contain improvements over half as large as
#   dropout's (their lower ends are printed above). "No difference established" means
#   exactly that: not "little effect". L1 was not tested: validation preferred no L1.
# - **Accuracy**: only dropout's 95 % interval excludes 0, and only just: its lower end is
#   below 0.1 percentage point, and its 99 % interval contains 0. With four comparisons that
#   is weak evidence. Accuracy only counts which class wins; the cross-entropy also measures
#   how confident a prediction is, and there dropout's effect is clear.
#
# "No difference established" is not "no effect": with more seeds, or with longer training
# (the baseline keeps growing more over-confident past its best epoch), small effects may
# become visible. Test that rather than believe it: set `SEEDS = tuple(range(10))` or
# `EPOCHS = 20` in the parameter cell (each about doubles the run time) and compare.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("06", 5, answer)

# %% [markdown]
# ## Summary
# - With 1,000 training digits a small CNN overfits within a few epochs: its validation
#   cross-entropy is more than five times its training cross-entropy.
# - Choose every strength on a validation split, compare with the baseline **paired** (same
#   seeds, same training digits), touch the test set once, and let the words follow the
#   95 % interval of the paired difference.
# - Include "no regularization" among the candidates: here validation preferred no L1.
# - Here dropout lowered the test cross-entropy; for L2, AdamW and early stopping no
#   difference was established with 5 seeds (the intervals allow no effect and sizeable
#   ones); only dropout raised the accuracy, and only just; the strongest setting of every method
#   made the validation cross-entropy worse.
# - L1 drives many kernel weights *near* zero but, trained by (sub)gradients, none exactly.
# - Under Adam an L2 penalty is not weight decay: Adam divides the penalty's pull by each
#   weight's gradient size. Keras's `weight_decay` is decoupled (w ← w − lr·wd·w), scaled by
#   the learning rate, and decays biases unless you exclude them.
#
# ## Exercises
# Replace `None` with your answer and run the cell. The check prints ✓ or ✗ with a hint.
#
# **Exercise 1.** How many weights does an L2 kernel penalty act on in
# `build_cnn(filters=(8, 16), dense_units=32)` (28×28×1 input)? Work it out from the
# layer shapes; check yourself with `course_lib.models.kernels`.

# %%
from course_lib.checks import lesson06

answer = None  # your answer: an integer
lesson06.exercise_1(answer)

# %% [markdown]
# **Exercise 2.** A weight starts at 0.8 and its gradient is always 0. What is it after
# 200 steps of `keras.optimizers.AdamW(learning_rate=0.01, weight_decay=0.05)`?

# %%
answer = None  # your answer: a number
lesson06.exercise_2(answer)

# %% [markdown]
# **Exercise 3.** Paired or not? `lesson06.METHOD_A` and `lesson06.METHOD_B` hold the test
# cross-entropy of two methods on the same 5 seeds (entry i: seed i). Their unpaired
# mean ± std ranges overlap. Compute the **upper end** of the paired 95 % t interval of the
# mean difference B − A yourself (numpy and `scipy.stats.t`, not `course_lib.stats`), then
# decide: is the difference established?

# %%
print("A:", lesson06.METHOD_A, " B:", lesson06.METHOD_B)
answer = None  # your answer: a number, the upper end of the interval
lesson06.exercise_3(answer)

# %% [markdown]
# **Exercise 4.** An experiment with section 6's demo. Its function `trajectory` runs the two
# weights for any c: `trajectory(keras.optimizers.Adam(LR_DEMO), c=0.005)[-1, 1]` is the
# weight with small data gradients after 300 steps of **Adam + L2** with c = 0.005. Which of
# these c let that weight keep at least half of its value: 0.5, 0.05, 0.005, 0.0005, 0.00005?
# Answer with a set. Then explain to yourself why a *smaller* c does not slow the decay in
# proportion.

# %%
# Try each c first: uncomment these two lines
# (select them, then Ctrl+/ or, on a Mac, Cmd+/).
# for c in (0.5, 0.05, 0.005, 0.0005, 0.00005):
#     print(c, trajectory(keras.optimizers.Adam(LR_DEMO), c=c)[-1, 1])
answer = None  # your answer: a set of numbers
lesson06.exercise_4(answer)

# %% tags=["remove-cell", "skip-slide"]
# How long this notebook took (the README and the instructor guide quote it).
stopwatch.report(budget_s=60)
