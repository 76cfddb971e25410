# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05 · CNN classification on MNIST: L1, L2, dropout and weight decay, measured
#
# A convolutional network trained on the full MNIST training set barely overfits: one
# epoch already reaches about 98 % test accuracy. Regularization matters when data is
# **scarce**. This lesson trains a small CNN on 1,000 digits, shows that it overfits,
# and measures what L2 and L1 kernel penalties, dropout and decoupled weight decay
# (AdamW) do about it, on several seeds, with the penalty strength chosen on a
# validation split and the test set used once at the end.
#
# **You will learn**
# - what overfitting looks like for a classifier: training vs validation cross-entropy;
# - how to choose λ on a validation split and report test accuracy *and* test cross-entropy,
#   with error bars over seeds;
# - how many kernel weights an L1 penalty drives to (near) zero, and why none is exactly zero;
# - how dropout and `AdamW` compare with Adam + L2, and why Keras's `weight_decay` is *not*
#   an L2 penalty;
# - to report what helped and what did not.
#
# **Run time:** about a minute on 2 CPU cores (24 small trainings). The parameter cell
# below lets you scale up if you have more time or a GPU.

# %%
from course_lib import notebook

# Set-up first, so that TensorFlow loads quietly. oneDNN on: measured about 2x faster for
# this CNN on 2 CPU cores (benchmarks/onednn_cnn.py), and it prints nothing here either.
stopwatch = notebook.setup(seed=0, tensorflow=True, onednn=True)

import keras
import matplotlib.pyplot as plt
import numpy as np

from course_lib.data import load_mnist
from course_lib.models import build_cnn, kernels
from course_lib.plots import plot_history, plot_sweep, plot_weight_histograms
from course_lib.training import SweepTable, near_zero_fraction, sweep

# %% [markdown]
# ## Parameters
#
# Everything the lesson measures depends on these numbers. With the committed values the
# whole notebook takes about a minute on 2 CPU cores, and every claim in the text is
# asserted. To scale up (more data, more epochs, the full-size `build_cnn()` with
# `FILTERS = (32, 64)` and `DENSE_UNITS = 128`), change them here: the assertions then
# turn into printed notes, because what is true in a small-data regime need not be true
# with 50,000 training digits — which is the point of this lesson.

# %%
N_TRAIN = 1_000  # training digits
N_VAL = 1_000  # validation digits (other training digits), used to choose λ
N_TEST = 10_000  # the full test set, used once at the end
FILTERS, DENSE_UNITS = (8, 16), 128  # a smaller CNN than build_cnn()'s default (32, 64), 128
EPOCHS, BATCH, LR = 10, 32, 2e-3  # Adam(LR), twice Keras's default step; no early stopping
SEEDS = (0, 1, 2)
L2_LAMS = (1e-4, 1e-3, 1e-2)  # λ = 0 (the baseline) is run once and shared by both sweeps
L1_LAMS = (1e-4, 1e-3)
DROPOUT = 0.5  # dropout rate before each dense layer (not tuned: the usual default)
WEIGHT_DECAY = 0.5  # AdamW's decoupled weight_decay (picked in a pilot run on the validation split)
TOL = 1e-3  # a kernel weight counts as "near zero" when |w| < TOL

COMMITTED = (N_TRAIN, N_VAL, N_TEST, FILTERS, DENSE_UNITS, EPOCHS, BATCH, LR, SEEDS) == (
    1_000, 1_000, 10_000, (8, 16), 128, 10, 32, 2e-3, (0, 1, 2))


def claim(condition, text):
    """Assert a claim of the text with the committed settings; only report it otherwise."""
    if COMMITTED:
        assert condition, text
    elif not condition:
        print(f"note: with these settings this no longer holds: {text}")


# %% [markdown]
# ## 1. Data: a small training set, a validation split, the full test set
#
# We draw 2,000 distinct digits from the 60,000 training images: the first 1,000 train
# the network, the other 1,000 form the **validation split** on which we choose λ.
# The 10,000 **test** digits are touched once, at the very end.

# %%
# NBVAL_CHECK_OUTPUT
(x_all, y_all), (x_test, y_test) = load_mnist()
order = np.random.default_rng(0).permutation(len(x_all))
train_idx, val_idx = order[:N_TRAIN], order[N_TRAIN:N_TRAIN + N_VAL]
assert not set(train_idx) & set(val_idx)
x_train, y_train = x_all[train_idx], y_all[train_idx]
x_val, y_val = x_all[val_idx], y_all[val_idx]
x_test, y_test = x_test[:N_TEST], y_test[:N_TEST]
print(f"train {x_train.shape}, validation {x_val.shape}, test {x_test.shape}")
print("training digits per class:", np.bincount(y_train, minlength=10))

# %% [markdown]
# ## 2. The model, the training loop and an honest metric
#
# `build_cnn` stacks [Conv 3×3 → ReLU → MaxPool]×2 → Dense(ReLU) → Dense(softmax).
# Its `l1`/`l2` arguments put `keras.regularizers.L1`/`L2` on every **kernel**
# (never on biases), and `dropout` adds a Dropout layer before each dense layer.
#
# Two details matter for honest comparisons:
# - Keras's reported `loss` **includes the penalty** λ·Σw². To compare models we use the
#   plain cross-entropy, computed from the predicted probabilities.
# - `steps_per_execution` runs a whole epoch in one TensorFlow call. It changes nothing in
#   the mathematics, only Python overhead.

# %%
STEPS_PER_EPOCH = -(-N_TRAIN // BATCH)  # ceil


def train(*, l1=0.0, l2=0.0, dropout=0.0, weight_decay=0.0, curves=False):
    """Build and train one CNN (seed it first); return (model, history dict).

    With curves=True the validation metrics are also recorded after every epoch.
    """
    model = build_cnn(filters=FILTERS, dense_units=DENSE_UNITS, l1=l1, l2=l2, dropout=dropout)
    if weight_decay:
        optimizer = keras.optimizers.AdamW(learning_rate=LR, weight_decay=weight_decay)
    else:
        optimizer = keras.optimizers.Adam(learning_rate=LR)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy",
                  metrics=[keras.metrics.SparseCategoricalCrossentropy(name="ce"), "accuracy"],
                  steps_per_execution=STEPS_PER_EPOCH)
    history = model.fit(x_train, y_train, epochs=EPOCHS, batch_size=BATCH, verbose=0,
                        validation_data=(x_val, y_val) if curves else None, validation_batch_size=N_VAL)
    return model, history.history


def evaluate(model, x, y, batch=2_500):
    """(cross-entropy, accuracy) of a trained model on (x, y), without any penalty term."""
    losses, hits = [], []
    for i in range(0, len(x), batch):
        probs = model(x[i:i + batch], training=False)
        # Keras takes the cross-entropy from the logits the softmax output remembers: exact
        # even for a confident mistake whose probability underflows to 0 in float32.
        losses.append(keras.losses.sparse_categorical_crossentropy(y[i:i + batch], probs).numpy())
        hits.append(probs.numpy().argmax(axis=1) == y[i:i + batch])
    return float(np.mean(np.concatenate(losses))), float(np.mean(np.concatenate(hits)))


model = build_cnn(filters=FILTERS, dense_units=DENSE_UNITS)
n_kernel = sum(int(np.prod(k.shape)) for k in kernels(model))
print(f"{model.count_params():,} parameters, of which {n_kernel:,} kernel weights (penalized) "
      f"and {model.count_params() - n_kernel:,} biases (not penalized)")

# %% [markdown]
# `course_lib.training.sweep` calls a function `run(lam, seed)` for every λ and seed,
# after seeding everything, and collects what it returns in a table. Ours trains one
# model, keeps it (so that we can evaluate it on the test set later, without retraining)
# and returns **training and validation** metrics only. Per-epoch validation curves cost
# time, so they are recorded for the first seed only.

# %%
MODELS, HISTORIES = {}, {}


def key(method, lam, seed):
    """Where a trained model is kept: every method at strength 0 is the same plain-Adam baseline."""
    return ("none", 0.0, seed) if lam == 0 else (method, float(lam), seed)


def runner(method):
    """run(lam, seed) for sweep(): method is 'l2', 'l1', 'dropout' or 'adamw'; lam is its strength."""
    argument = {"l2": "l2", "l1": "l1", "dropout": "dropout", "adamw": "weight_decay"}[method]

    def run(lam, seed):
        model, history = train(**{argument: lam}, curves=seed == SEEDS[0])
        MODELS[key(method, lam, seed)], HISTORIES[key(method, lam, seed)] = model, history
        train_ce, train_acc = evaluate(model, x_train, y_train)
        val_ce, val_acc = evaluate(model, x_val, y_val)
        return {"train_ce": train_ce, "train_acc": train_acc, "val_ce": val_ce, "val_acc": val_acc,
                "near_zero": near_zero_fraction(kernels(model), TOL)}

    return run


# %% [markdown]
# ## 3. Without regularization the network overfits
#
# First the baseline: plain Adam, no penalty (λ = 0), three seeds.

# %%
baseline = sweep(runner("l2"), [0.0], SEEDS, show=["train_ce", "val_ce", "val_acc"])

# %%
h0 = HISTORIES[key("l2", 0.0, SEEDS[0])]
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
plot_history({"no regularization": h0}, "ce", ax=axes[0], logy=True)
axes[0].set(title=f"Cross-entropy, seed {SEEDS[0]}", ylabel="cross-entropy (log scale)")
plot_history({"no regularization": h0}, "accuracy", ax=axes[1])
axes[1].set(title=f"Accuracy, seed {SEEDS[0]}", ylim=(0.8, 1.005))
plt.show()

# %%
train_ce0, val_ce0 = baseline.values("train_ce", 0.0), baseline.values("val_ce", 0.0)
assert np.isclose(val_ce0[0], h0["val_ce"][-1], rtol=1e-4)  # evaluate() agrees with Keras's val_ce
epoch_best = int(np.argmin(h0["val_ce"])) + 1
print(f"final training cross-entropy:   {train_ce0.mean():.4f} ± {train_ce0.std():.4f}  (mean ± std, {len(SEEDS)} seeds)")
print(f"final validation cross-entropy: {val_ce0.mean():.4f} ± {val_ce0.std():.4f}")
print(f"training accuracy {baseline.values('train_acc', 0.0).mean():.4f}, "
      f"validation accuracy {baseline.values('val_acc', 0.0).mean():.4f}")
print(f"seed {SEEDS[0]}: validation cross-entropy lowest at epoch {epoch_best} ({min(h0['val_ce']):.4f}), "
      f"{h0['val_ce'][-1]:.4f} at epoch {EPOCHS}")
train_acc0, val_acc0 = baseline.values("train_acc", 0.0), baseline.values("val_acc", 0.0)
claim(train_acc0.mean() > 0.97 and 0.88 < val_acc0.mean() < 0.95 and train_ce0.mean() < 0.08,
      "about 99 % training accuracy, training CE about 0.04, about 92 % validation accuracy")
claim(np.all(val_ce0 > 4 * train_ce0), "validation CE is several (> 4) times the training CE on every seed")
claim(np.all(train_acc0 - val_acc0 > 0.04), "training accuracy beats validation accuracy by > 4 points")
claim(epoch_best < EPOCHS and h0["val_ce"][-1] > 1.1 * min(h0["val_ce"]) and h0["ce"][-1] < h0["ce"][epoch_best - 1],
      "seed 0: validation CE rises by > 10 % after its best epoch while training CE keeps falling")

# %% [markdown]
# After 10 epochs the network gets about 99 % of its 1,000 training digits right with a
# training cross-entropy of about 0.04, while on 1,000 other digits the cross-entropy is
# several times larger and the accuracy about 92 %. On seed 0 the validation
# cross-entropy stops improving after a few epochs and then **rises**, while the training
# cross-entropy keeps falling: the network fits *its* 1,000 digits, and becomes
# over-confident on digits it has not seen. That is overfitting, and it is what
# regularization is meant to reduce. (Accuracy hides most of this: it only counts which
# class wins, not how confidently.)
#
# ## 4. An L2 sweep, λ chosen on the validation split
#
# Keras's `L2(λ)` adds λ·Σw² over the kernels to the batch-mean loss. We train three
# seeds at each λ and choose the λ with the **lowest mean validation cross-entropy**.
# (Validation accuracy moves by a few tenths of a percent on 1,000 digits, which is
# within seed noise, so it is a poor selector here; cross-entropy is smoother.)

# %%
l2_runs = sweep(runner("l2"), L2_LAMS, SEEDS, show=["train_ce", "val_ce", "val_acc"])
l2_table = SweepTable(baseline.rows + l2_runs.rows)
l2_table.show(["train_ce", "val_ce", "val_acc", "near_zero"])
lam_l2 = l2_table.best_lam("val_ce", mode="min")
print(f"chosen L2 λ = {lam_l2:g} (lowest mean validation cross-entropy)")

# Keras's `loss` is cross-entropy + penalty; with the strongest L2 the penalty dominates it:
lam_max = max(L2_LAMS)
h = HISTORIES[key("l2", lam_max, SEEDS[0])]
penalty = lam_max * sum(float(np.sum(k.numpy() ** 2)) for k in kernels(MODELS[key("l2", lam_max, SEEDS[0])]))
print(f"L2 λ = {lam_max:g}, last epoch: Keras loss {h['loss'][-1]:.4f}, cross-entropy {h['ce'][-1]:.4f}; "
      f"λ·Σw² after training = {penalty:.4f}")
assert np.isclose(h["loss"][-1] - h["ce"][-1], penalty, rtol=0.1) and penalty > h["ce"][-1]

# %% [markdown]
# ## 5. An L1 sweep, and how sparse L1 makes the kernels
#
# `L1(λ)` adds λ·Σ|w|. Same protocol; the λ = 0 runs are the baseline above.

# %%
l1_runs = sweep(runner("l1"), L1_LAMS, SEEDS, show=["train_ce", "val_ce", "val_acc"])
l1_table = SweepTable(baseline.rows + l1_runs.rows)
l1_table.show(["train_ce", "val_ce", "val_acc", "near_zero"])
lam_l1 = l1_table.best_lam("val_ce", mode="min")
print(f"chosen L1 λ = {lam_l1:g} (lowest mean validation cross-entropy)")

# %%
def positive(summary):
    return {lam: v for lam, v in summary.items() if lam > 0}


fig, axes = plt.subplots(1, 3, figsize=(15, 4))
for ax, metric, label in [(axes[0], "val_ce", "validation cross-entropy"),
                          (axes[1], "val_acc", "validation accuracy"),
                          (axes[2], "near_zero", f"fraction of kernel weights with |w| < {TOL:g}")]:
    plot_sweep({"L2": positive(l2_table.summary(metric)), "L1": positive(l1_table.summary(metric)),
                "no penalty": {0.0: l2_table.summary(metric)[0.0]}}, ax=ax, ylabel=label)
    ax.set_title(f"{label} (mean ± std, {len(SEEDS)} seeds)", fontsize="medium")
plt.show()

# %% [markdown]
# Read the error bars before the means. On the validation split:
# - every λ's mean cross-entropy lies within about one standard deviation (over seeds) of
#   the λ = 0 mean, the shaded band. The chosen λ has the lowest mean, but it beats λ = 0
#   by less than 0.05, about one seed-to-seed standard deviation;
# - no penalty moves the validation accuracy by more than about one percentage point;
#   the strongest ones (L2 10⁻², L1 10⁻³) lose a little;
# - the clear, monotone effect is on the **weights** (right panel): the stronger the
#   penalty, the more kernel weights end up near zero, far more under L1 than under L2.

# %%
for name, table, lam_star in [("L2", l2_table, lam_l2), ("L1", l1_table, lam_l1)]:
    acc_means = {lam: m for lam, (m, _) in table.summary("val_acc").items()}
    gain = table.summary("val_ce")[0.0][0] - table.summary("val_ce")[lam_star][0]
    print(f"{name}: chosen λ = {lam_star:g} lowers the mean validation CE by {gain:.4f}; validation accuracy "
          f"ranges over {min(acc_means.values()):.4f} … {max(acc_means.values()):.4f}")
    claim(0 <= gain < 0.05, f"{name}: the chosen λ beats λ = 0 on validation CE by less than 0.05")
    ce0_mean, ce0_std = table.summary("val_ce")[0.0]
    claim(all(abs(m - ce0_mean) < 1.5 * ce0_std for m, _ in table.summary("val_ce").values()),
          f"{name}: every λ's mean validation CE is within about one std of λ = 0's")
    claim(acc_means[max(table.lams)] < acc_means[0.0], f"{name}: the strongest penalty loses some accuracy")
    claim(max(abs(m - acc_means[0.0]) for m in acc_means.values()) < 0.015,
          f"{name}: no λ moves the mean validation accuracy by 1.5 points or more")
zero_l2, zero_l1 = l2_table.summary("near_zero"), l1_table.summary("near_zero")
claim(all(np.diff([zero_l1[lam][0] for lam in l1_table.lams]) > 0), "L1: near-zero fraction grows with λ")
claim(all(zero_l1[lam][0] > 2 * zero_l2[lam][0] for lam in set(L1_LAMS) & set(L2_LAMS)),
      "at the same λ, L1 leaves over twice as many near-zero weights as L2")
claim(all(zero_l2[lam][0] > 5 * zero_l2[0.0][0] for lam in L2_LAMS), "L2 makes near-zero weights too (> 5x)")

# %% [markdown]
# ### Sparsity
#
# Adam moves each weight by up to about `LR` per step, so a weight that L1 pushes towards
# zero keeps jittering around it: (sub)gradient training never lands on an *exact* zero
# (lesson 02 showed that a proximal step would). We therefore count weights with
# |w| < TOL = 10⁻³ and also count exact zeros.

# %%
def kernel_values(method, lam, seed=SEEDS[0]):
    return np.concatenate([np.ravel(k.numpy()) for k in kernels(MODELS[key(method, lam, seed)])])


shown = [("l2", 0.0), ("l2", lam_l2), ("l1", lam_l1), ("l1", max(L1_LAMS))]
sparsity = {("no penalty" if lam == 0 else f"{method.upper()}, λ = {lam:g}"): kernel_values(method, lam)
            for method, lam in dict.fromkeys(key(m, lam, 0)[:2] for m, lam in shown)}
for label, w in sparsity.items():
    print(f"{label:<16} |w| < {TOL:g}: {np.mean(np.abs(w) < TOL):6.1%}   exact zeros: {np.sum(w == 0)}")
print(f"mean over seeds, |w| < {TOL:g}: no penalty {zero_l1[0.0][0]:.1%}, "
      + ", ".join(f"L1 {lam:g}: {zero_l1[lam][0]:.1%}" for lam in L1_LAMS) + "; "
      + ", ".join(f"L2 {lam:g}: {zero_l2[lam][0]:.1%}" for lam in L2_LAMS))
at_init = near_zero_fraction(kernels(build_cnn(filters=FILTERS, dense_units=DENSE_UNITS)), TOL)
print(f"a freshly initialized model: {at_init:.1%} of its kernel weights have |w| < {TOL:g}")
claim(abs(zero_l1[0.0][0] - at_init) < 0.01, "without a penalty, about the near-zero fraction of the initialization")
exact_zeros = sum(int(np.sum(k.numpy() == 0)) for m in MODELS.values() for k in kernels(m))
claim(exact_zeros == 0, "no kernel weight of any model is exactly zero")
claim(zero_l1[0.0][0] < 0.02 and zero_l1[max(L1_LAMS)][0] > 0.4,
      "near-zero weights: under 2 % without a penalty, over 40 % with the strongest L1")
ax = plot_weight_histograms(sparsity, tol=TOL)
ax.set_title(f"Kernel weights after training (seed {SEEDS[0]})")
plt.show()

# %% [markdown]
# Without a penalty about 1 % of the kernel weights are below 10⁻³ in magnitude, about
# what the random initialization gives. L1 piles weights up at zero: the spike in the
# middle of the histogram, over 40 % of all kernel weights at λ = 10⁻³, and still not a
# single exact zero. L2 produces near-zero weights too, fewer of them: with Adam, every
# gradient is divided by its own running scale, so for a weight that the data barely
# uses, the penalty's pull 2λw turns into steps of roughly constant size towards zero —
# much like L1. (With plain SGD, L2 would only shrink weights in proportion to their size.)
#
# ## 6. Dropout and decoupled weight decay (AdamW)
#
# Keras 3 optimizers take a `weight_decay` argument. It is **decoupled** weight decay
# (Loshchilov & Hutter): before each update the optimizer shrinks every variable,
# w ← w − lr·wd·w, outside the gradient. It is *not* an L2 penalty: with Adam, an L2
# penalty's gradient 2λw is divided by Adam's running gradient scale like any other
# gradient, so large and small weights are pulled back at the same normalized rate.
# And unlike `kernel_regularizer`, `weight_decay` decays **biases too**, unless
# `optimizer.exclude_from_weight_decay(var_names=["bias"])` is called.
#
# A computed check on one Dense layer with a zero gradient (so only the decay acts):

# %%
# NBVAL_CHECK_OUTPUT
layer = keras.layers.Dense(2)
layer.build((None, 3))
w0 = np.array([[1.0, -2.0], [0.5, 4.0], [-1.0, 0.25]], dtype="float32")
b0 = np.array([1.0, -1.0], dtype="float32")


def one_step(optimizer, grads):
    layer.kernel.assign(w0)
    layer.bias.assign(b0)
    optimizer.apply_gradients(zip(grads, [layer.kernel, layer.bias], strict=True))
    return layer.kernel.numpy(), layer.bias.numpy()


lr, wd = 0.1, 0.5
zero = [np.zeros_like(w0), np.zeros_like(b0)]
kernel, bias = one_step(keras.optimizers.AdamW(learning_rate=lr, weight_decay=wd), zero)
assert np.allclose(kernel, (1 - lr * wd) * w0) and np.allclose(bias, (1 - lr * wd) * b0)
adamw_no_bias = keras.optimizers.AdamW(learning_rate=lr, weight_decay=wd)
adamw_no_bias.exclude_from_weight_decay(var_names=["bias"])
kernel_x, bias_x = one_step(adamw_no_bias, zero)
assert np.allclose(kernel_x, (1 - lr * wd) * w0) and np.array_equal(bias_x, b0)
kernel_l2, _ = one_step(keras.optimizers.Adam(learning_rate=lr), [2 * 0.05 * w0, np.zeros_like(b0)])
assert np.allclose(w0 - kernel_l2, lr * np.sign(w0), rtol=1e-3)
print(f"AdamW(lr={lr}, weight_decay={wd}), zero gradient: kernel × {np.mean(kernel / w0):.4f}, "
      f"bias × {np.mean(bias / b0):.4f}  (1 − lr·wd = {1 - lr * wd})")
print(f"... with exclude_from_weight_decay(var_names=['bias']): bias × {np.mean(bias_x / b0):.4f}")
print("Adam, L2 gradient 2·0.05·w: every weight moved by", np.round(w0 - kernel_l2, 4).ravel(),
      "= lr·sign(w), whatever its size")

# %% [markdown]
# How strong must the decay be? Over our whole training (10 epochs of 32 steps), a weight
# with no gradient keeps the fraction (1 − lr·wd)^steps of its value:

# %%
# NBVAL_CHECK_OUTPUT
steps = EPOCHS * STEPS_PER_EPOCH
for wd in (0.004, WEIGHT_DECAY):
    print(f"weight_decay = {wd:<5g}: (1 − {LR:g}·{wd:g})^{steps} = {(1 - LR * wd) ** steps:.3f}")
claim((1 - LR * 0.004) ** steps > 0.99, "Keras's default weight_decay=0.004 shrinks by < 1 % in this run")

# %% [markdown]
# Keras's default `weight_decay=0.004` would do almost nothing in so short a training,
# so we use 0.5 (one value, picked in a pilot run on the validation split; the L1 and L2
# penalties got three tries each). Dropout gets the common rate 0.5, untuned. Same seeds,
# same data, same epochs:

# %%
dropout_table = sweep(runner("dropout"), [DROPOUT], SEEDS, show=["train_ce", "val_ce", "val_acc"])
adamw_table = sweep(runner("adamw"), [WEIGHT_DECAY], SEEDS, show=["train_ce", "val_ce", "val_acc"])
for name, table in [(f"dropout {DROPOUT:g}", dropout_table), (f"AdamW, weight_decay {WEIGHT_DECAY:g}", adamw_table)]:
    print(name)
    table.show(["train_ce", "val_ce", "val_acc"])

# %% [markdown]
# ## 7. The test set, once
#
# Every setting is now fixed (λ chosen on the validation split). We evaluate the
# already-trained models on the 10,000 test digits: mean ± std over the seeds, and the
# change from the unregularized model trained with the same seed.

# %%
METHODS = {"Adam, no regularization": ("l2", 0.0),
           f"Adam + L2 (λ = {lam_l2:g})": ("l2", lam_l2),
           f"Adam + L1 (λ = {lam_l1:g})": ("l1", lam_l1),
           f"Adam + dropout ({DROPOUT:g})": ("dropout", DROPOUT),
           f"AdamW (weight_decay = {WEIGHT_DECAY:g})": ("adamw", WEIGHT_DECAY)}
test = {name: np.array([evaluate(MODELS[key(method, lam, s)], x_test, y_test) for s in SEEDS])
        for name, (method, lam) in METHODS.items()}
base = test["Adam, no regularization"]
print(f"{'method':<34} {'test cross-entropy':>18} {'test accuracy':>18}   per-seed change in CE")
for name, res in test.items():
    delta = "" if res is base else "  ".join(f"{d:+.4f}" for d in res[:, 0] - base[:, 0])
    print(f"{name:<34} {res[:, 0].mean():.4f} ± {res[:, 0].std():.4f} "
          f"{res[:, 1].mean():>10.4f} ± {res[:, 1].std():.4f}   {delta}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
names = list(test)
for ax, col, label in [(axes[0], 0, "test cross-entropy"), (axes[1], 1, "test accuracy")]:
    means = [test[n][:, col].mean() for n in names]
    stds = [test[n][:, col].std() for n in names]
    for i, name in enumerate(names):
        ax.errorbar(means[i], i, xerr=stds[i], fmt="o", ms=8, capsize=5, color=f"C{i}")
        ax.plot(test[name][:, col], [i] * len(SEEDS), "x", color="k", alpha=0.6)
    ax.axvline(means[0], color="C0", ls=":")
    ax.set(yticks=range(len(names)), ylim=(-0.5, len(names) - 0.5),
           xlabel=f"{label} (mean ± std; × = one seed)")
axes[0].set_yticklabels(names)
axes[1].set_yticklabels([])
fig.suptitle(f"Test set ({N_TEST:,} digits), {N_TRAIN:,} training digits")
plt.show()

# %%
fig, ax = plt.subplots(figsize=(7, 4.5))
plot_history({name: HISTORIES[key(*method, SEEDS[0])] for name, method in METHODS.items()}, "ce", ax=ax, logy=True)
ax.set(title=f"Training (solid) and validation (dashed) cross-entropy, seed {SEEDS[0]}", ylabel="cross-entropy")
ax.legend(fontsize="x-small", loc="center left", bbox_to_anchor=(1.02, 0.5))
plt.show()

# %% [markdown]
# (The dropout model's *training* curve is measured with dropout switched on, which is
# why it lies above its validation curve.)
#
# What the test set says, for this small-data regime:
# - **L2 and L1, λ chosen on validation:** the test cross-entropy is a little lower
#   than without a penalty, on average, but the improvement is smaller than the spread
#   between seeds, and the test accuracy does not move (less than half a point).
#   The penalties did change the weights a lot (section 5); they changed the predictions little.
# - **Dropout** helped most, and clearly: the lowest test cross-entropy of all methods,
#   lower than the unregularized model's on every seed (by more than 0.04 on average),
#   and about one point more test accuracy.
# - **AdamW** (decoupled decay 0.5) lowered the cross-entropy about as much as the
#   penalties did, with the same accuracy.
#
# Ten epochs on 1,000 digits is a short training. Without regularization a network grows
# more over-confident the longer it trains past the point where it fits its training set,
# so the penalties may matter more in longer runs. That is easy to test rather than
# believe: set `EPOCHS = 30` in the parameter cell (about three times the run time) and
# compare the tables.

# %%
ce = {name: res[:, 0] - base[:, 0] for name, res in test.items()}  # per-seed change in test CE
acc = {name: res[:, 1].mean() - base[:, 1].mean() for name, res in test.items()}  # change in mean accuracy
names = list(test)
l2_name, l1_name, dropout_name, adamw_name = names[1:]
for name in (l2_name, l1_name):
    claim(-base[:, 0].std() < ce[name].mean() < 0, f"{name}: mean test CE lower, by less than the seed spread")
    claim(abs(acc[name]) < 0.005, f"{name}: mean test accuracy changes by less than half a point")
claim(np.all(ce[dropout_name] < 0) and ce[dropout_name].mean() < -0.04,
      "dropout: test CE lower on every seed, and by > 0.04 on average")
claim(all(test[dropout_name][:, 0].mean() < test[n][:, 0].mean() - 0.02 for n in names if n != dropout_name),
      "dropout: lowest mean test CE of all methods, by > 0.02")
claim(0.005 < acc[dropout_name] < 0.02, "dropout: test accuracy up by about one point (0.5 to 2)")
claim(abs(ce[adamw_name].mean() - ce[l2_name].mean()) < 0.03 and abs(acc[adamw_name] - acc[l2_name]) < 0.005,
      "AdamW: test CE and accuracy within 0.03 and half a point of Adam + L2")

# %% [markdown]
# ## Summary
# - With 1,000 training digits a small CNN overfits within a few epochs: training
#   cross-entropy keeps falling while validation cross-entropy rises.
# - Choose λ on a validation split, then touch the test set once. Report the test
#   cross-entropy as well as the accuracy, as mean ± std over seeds: differences smaller
#   than the seed spread are not findings.
# - Here, L2 and L1 kernel penalties lowered the test cross-entropy a little and left the
#   accuracy unchanged. Dropout helped clearly, on both. Measure before you believe that a
#   regularizer helps.
# - L1 drives many kernel weights *near* zero (over 40 % at λ = 10⁻³) but, trained by
#   (sub)gradients, never exactly to zero. Under Adam, L2 makes near-zero weights too.
# - Keras's `weight_decay` is decoupled (w ← w − lr·wd·w), is not an L2 penalty under
#   Adam, and decays biases unless you exclude them.
#
# ## Exercises
# Replace `None` with your answer and run the cell. The check prints ✓ or ✗ with a hint.
#
# **Exercise 1.** How many weights does an L2 kernel penalty act on in
# `build_cnn(filters=(8, 16), dense_units=32)` (28×28×1 input)? Work it out from the
# layer shapes; check yourself with `course_lib.models.kernels`.

# %%
from course_lib.checks import lesson05

answer = None  # your answer: an integer
lesson05.exercise_1(answer)

# %% [markdown]
# **Exercise 2.** A weight starts at 0.8 and its gradient is always 0. What is it after
# 200 steps of `keras.optimizers.AdamW(learning_rate=0.01, weight_decay=0.05)`?

# %%
answer = None  # your answer: a number
lesson05.exercise_2(answer)

# %% [markdown]
# **Exercise 3.** Write `cross_entropy(probs, labels)`: the mean over samples of
# −log(probability of the true class), for `probs` of shape (n, classes) and integer `labels`.


# %%
def cross_entropy(probs, labels):
    return None  # replace with your code


lesson05.exercise_3(None)  # replace None with cross_entropy to check it

# %% [markdown]
# **Exercise 4.** Which variables does `keras.optimizers.AdamW(weight_decay=...)` shrink
# by default? Answer with a set of strings from {"kernels", "biases"}.

# %%
answer = None  # your answer: a set of strings
lesson05.exercise_4(answer)

# %%
stopwatch.report(budget_s=90)
