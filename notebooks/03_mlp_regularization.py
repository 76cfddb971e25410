# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 · L2 and L1 on a small neural network: the penalty, measured
#
# Source text 000 §4 trains a multilayer perceptron (MLP) with 10 inputs, 64 ReLU units and one
# linear output, using Adam, and adds an L2 or an L1 penalty by hand. This lesson rebuilds that
# example and corrects it. The source code has three problems:
# - its penalty term does not run;
# - its data has nothing to learn;
# - its FAQ says regularization causes vanishing or exploding gradients.
#
# Here each problem gets a cell that shows it, and each fix is checked by a measurement.
#
# **You will learn**
# - three ways to add a penalty in Keras (`kernel_regularizer`, a custom loss, `add_loss`), and that
#   they give the same value and the same training;
# - what goes wrong in the source's penalty code, one mistake at a time;
# - to show overfitting on data that can be learned, and measure how much L2 and L1 reduce the test error;
# - to count near-zero weights under L1, L2 and no penalty, with a stated tolerance;
# - what the penalty does to the gradient (it adds 2c·w), what a λ that is too large does, and how
#   `clipnorm` differs from `global_clipnorm`.
#
# **Run time:** about 30 seconds on 2 CPU cores (TensorFlow, CPU only).

# %%
from course_lib import notebook

stopwatch = notebook.setup(seed=0, tensorflow=True)  # seeds everything, loads TensorFlow quietly

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import layers

from course_lib.models import build_mlp, kernels
from course_lib.penalties import keras_coefficient, l2_penalty
from course_lib.plots import plot_history, plot_sweep, plot_weight_histograms
from course_lib.training import near_zero_fraction, sweep

print("TensorFlow", tf.__version__, "| Keras", keras.__version__)

# %% [markdown]
# **Parameters.** The defaults keep the run near 30 s on 2 CPU cores. With more time (or a GPU)
# raise `SEEDS` or `EPOCHS`. The assertions below were checked with these defaults.

# %%
N_TRAIN, N_VAL, N_TEST = 150, 500, 2000  # a small training set, so that 64 hidden units can overfit
NOISE = 0.3  # standard deviation of the label noise
EPOCHS = 300  # full-batch Adam steps per training run
LEARNING_RATE = 0.01  # Adam, as in the source
SEEDS = [0, 1, 2]  # weight initializations compared on the same data
L2_GRID = [0.0, 3e-3, 1e-2, 3e-2]  # Keras coefficients c: L2(c) adds c·Σw² to the loss
L1_GRID = [3e-3, 1e-2, 3e-2]  # L1(c) adds c·Σ|w|
TOL = 1e-3  # a weight counts as "near zero" when |w| < TOL

# %% [markdown]
# ## 1. The model, and the penalty three ways
#
# `course_lib.models.build_mlp(10)` is the source's model: 10 → 64 ReLU → 1 linear. With
# `l2=c`, Keras's `keras.regularizers.L2(c)` is put on each **kernel** (weight matrix). Biases get no
# penalty. Keras adds $c \sum w^2$ to the batch-mean loss, with no ½ and no division by the number of
# samples.
#
# The same penalty can be written in three ways:
# 1. **`kernel_regularizer`**: the layer owns the penalty; Keras collects it in `model.losses`.
# 2. **A custom loss** that adds $c \sum_{\text{kernels}} \sum w^2$ to the mean squared error (MSE).
# 3. **`add_loss`**: the model's `call` registers the penalty. Here it is the source's subclassed
#    `MLP`, corrected.
#
# All three must give the same number, and it must equal `course_lib.penalties.l2_penalty` over the
# kernels. All three start from the same weights.

# %%
C = 0.01  # the Keras coefficient used in this section


def l2_term(model, c):
    """c · Σ w² over the model's kernels: the corrected version of the source's penalty."""
    return c * tf.add_n([tf.reduce_sum(tf.square(k)) for k in kernels(model)])


class PenalizedMLP(keras.Model):
    """The source's subclassed MLP, with the L2 penalty on its kernels registered by add_loss."""

    def __init__(self, c):
        super().__init__()
        self.dense1 = layers.Dense(64, activation="relu")
        self.dense2 = layers.Dense(1)
        self.c = c

    def call(self, x):
        outputs = self.dense2(self.dense1(x))  # builds the layers on the first call
        self.add_loss(l2_term(self, self.c))
        return outputs


model_reg = build_mlp(10, l2=C)  # way 1: kernel_regularizer
model_loss = build_mlp(10)  # way 2: a custom loss
model_add = PenalizedMLP(C)  # way 3: add_loss
x_probe = tf.random.uniform((8, 10), seed=0)
model_add(x_probe)  # builds the subclassed model
model_loss.set_weights(model_reg.get_weights())
model_add.set_weights(model_reg.get_weights())
model_add(x_probe)  # add_loss runs inside call(), on the copied weights
penalties = {
    "kernel_regularizer (sum of model.losses)": float(tf.add_n(model_reg.losses)),
    "custom loss term l2_term(model, c)": float(l2_term(model_loss, C)),
    "add_loss (sum of model.losses)": float(tf.add_n(model_add.losses)),
    "course_lib l2_penalty(kernels, c)": l2_penalty(kernels(model_reg), C),
}
for name, value in penalties.items():
    print(f"{name:<42} {value:.7f}")
assert np.allclose(list(penalties.values()), penalties["course_lib l2_penalty(kernels, c)"], rtol=1e-6)

# %% [markdown]
# Equal penalty values are not enough: the three models should also *train* the same. We train each
# for 20 full-batch Adam steps on the same data with `model.fit`. In Keras the reported `loss`
# includes the penalty: with `kernel_regularizer` and `add_loss`, Keras adds `model.losses` itself.
# The custom loss adds the term by hand.

# %%
rng_probe = np.random.default_rng(0)
x_small = rng_probe.uniform(-1, 1, size=(64, 10)).astype("float32")
y_small = np.sin(3 * x_small[:, :1]).astype("float32")


def custom_loss(y_true, y_pred):
    return tf.reduce_mean(tf.square(y_pred - y_true)) + l2_term(model_loss, C)


losses_per_way = {}
for name, model, loss in [("kernel_regularizer", model_reg, "mse"), ("custom loss", model_loss, custom_loss),
                          ("add_loss", model_add, "mse")]:
    model.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE), loss=loss)
    history = model.fit(x_small, y_small, batch_size=64, epochs=20, shuffle=False, verbose=0)
    losses_per_way[name] = history.history["loss"]
    print(f"{name:<20} loss after step 1: {history.history['loss'][0]:.6f}   "
          f"after step 20: {history.history['loss'][-1]:.6f}")

for name, model in [("custom loss", model_loss), ("add_loss", model_add)]:
    assert np.allclose(losses_per_way[name], losses_per_way["kernel_regularizer"], rtol=1e-5)
    for w_a, w_b in zip(model.get_weights(), model_reg.get_weights(), strict=True):
        assert np.allclose(w_a, w_b, atol=1e-5), name
print("Same losses at every step and the same final weights (float32 tolerance).")

# %% [markdown]
# ## 2. Error 2 of the source: its penalty term
#
# The source writes the penalty inside its loss as
#
# ```python
# m = tf.reduce_sum(y_true)
# loss = tf.reduce_mean(tf.square(y_pred - y_true)) + 0.01 * tf.reduce_mean(tf.square(model.trainable_variables))
# ```
#
# This has four problems. The first is that it does not run. `model.trainable_variables` is a
# *list* of variables of different shapes: (10, 64), (64,), (64, 1) and (1,). `tf.square` needs one
# tensor, so TensorFlow tries to stack the list into one tensor, and fails. The cell below is marked to
# expect the exception.

# %%
print([tuple(v.shape) for v in model_reg.trainable_variables])

# %% tags=["raises-exception"]
# NBVAL_RAISES_EXCEPTION
tf.square(model_reg.trainable_variables)  # the source's penalty term

# %% [markdown]
# With Keras 3 the error is an `AttributeError` from deep inside TensorFlow, which is hard to read.
# The cause shows up when we pass the variables' values as plain tensors. Then the error names the
# problem: the shapes do not match, so the list cannot become one tensor.

# %%
# NBVAL_CHECK_OUTPUT
try:
    tf.square([v.value for v in model_reg.trainable_variables])
except tf.errors.InvalidArgumentError as err:
    reason = err.message.split("} ")[-1].split(" [Op")[0]
    print(type(err).__name__, "-", reason)

# %% [markdown]
# **Problem 2: `reduce_mean` is not the formula's sum.** The source's formula (§3.1) penalizes
# $\sum_j \theta_j^2$. A mean over all entries divides that by the number of parameters, so the
# penalty is hundreds of times weaker than written. We compute both over the kernels:

# %%
# NBVAL_CHECK_OUTPUT
model_demo = build_mlp(10)
flat = tf.concat([tf.reshape(k, [-1]) for k in kernels(model_demo)], axis=0)
n_kernel_weights = int(flat.shape[0])
as_sum = float(0.01 * tf.reduce_sum(tf.square(flat)))
as_mean = float(0.01 * tf.reduce_mean(tf.square(flat)))
print(f"kernel weights: {n_kernel_weights} (10·64 + 64·1)")
print(f"sum / mean = {as_sum / as_mean:.1f}")
assert n_kernel_weights == 10 * 64 + 64 and np.isclose(as_sum / as_mean, n_kernel_weights, rtol=1e-5)

# %% [markdown]
# **Problem 3: the biases get penalized.** `trainable_variables` holds the biases as well as the
# kernels. Weight decay is meant for the kernels: a bias only shifts a unit's output. A penalty on it
# pulls the model towards predicting 0, not towards a simpler function. After the 20 training steps
# above the biases are no longer zero, so they change the penalty:

# %%
all_vars = l2_penalty(model_reg.trainable_variables, C)
kernels_only = l2_penalty(kernels(model_reg), C)
print(f"penalty over all trainable variables: {all_vars:.6f}")
print(f"penalty over kernels only:            {kernels_only:.6f}  (what the regularizer adds: "
      f"{float(tf.add_n(model_reg.losses)):.6f})")
assert all_vars > kernels_only and np.isclose(float(tf.add_n(model_reg.losses)), kernels_only, rtol=1e-6)

# %% [markdown]
# **Problem 4: `m = tf.reduce_sum(y_true)` is not the number of samples**, and the source never uses
# it. The formula's $m$ is the size of the training set. `reduce_sum` adds up the *target values*. On
# a batch of 32 of the source's uniform targets that gives about 16, and on targets that can be
# negative it can give anything, even a negative number:

# %%
# NBVAL_CHECK_OUTPUT
rng_seed_data = np.random.default_rng(0)
y_seed_batch = rng_seed_data.random((32, 1)).astype("float32")  # like the source's np.random.rand
y_signed_batch = rng_seed_data.normal(size=(32, 1)).astype("float32")
print(f"batch size: 32 | reduce_sum(y) on uniform targets: {float(tf.reduce_sum(y_seed_batch)):.2f}"
      f" | on centred targets: {float(tf.reduce_sum(y_signed_batch)):.2f}")
assert abs(float(tf.reduce_sum(y_seed_batch)) - 32) > 5

# %% [markdown]
# **The fix** is `l2_term` from section 1: sum $c \sum w^2$ over `kernels(model)` only. A coefficient
# in the source's scaling $\frac{\lambda}{2m}$ becomes the Keras coefficient $c = \lambda / m$ with
# `keras_coefficient(lam, m)` (see section 6). Or, simplest, pass `l2=c` to `build_mlp` and let
# Keras do it. Section 1 showed that all three give the same value.
#
# ## 3. Error 3 of the source: random targets have nothing to learn
#
# The source trains on `X = np.random.rand(1000, 10)` and `y = np.random.rand(1000, 1)`, drawn
# independently. No function of `X` predicts `y` better than a constant, so no model can beat
# "predict the mean", with or without a penalty. Here is the source's set-up (10 epochs, batch 32,
# Adam 0.01), tested on a fresh draw of the same kind:

# %%
rng_random = np.random.default_rng(1)
X_rand, y_rand = rng_random.random((1000, 10)), rng_random.random((1000, 1))
X_rand_test, y_rand_test = rng_random.random((1000, 10)), rng_random.random((1000, 1))

model_random = build_mlp(10)
model_random.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE), loss="mse")
model_random.fit(X_rand, y_rand, epochs=10, batch_size=32, verbose=0)
mse_model = float(np.mean((model_random.predict(X_rand_test, verbose=0) - y_rand_test) ** 2))
mse_mean = float(np.mean((y_rand.mean() - y_rand_test) ** 2))
print(f"test MSE of the trained MLP:          {mse_model:.4f}")
print(f"test MSE of predicting the train mean: {mse_mean:.4f}  (variance of U(0, 1) = 1/12 = {1 / 12:.4f})")
assert mse_model > 0.99 * mse_mean  # no better than the mean (1 % slack for sampling noise)

# %% [markdown]
# The trained network does no better than a constant. A penalty cannot improve on that: there is
# no signal to protect from the noise.
#
# ### A data set that can be learned, and overfitted
#
# Instead we let the target depend on 4 of the 10 inputs, nonlinearly, and add noise:
#
# $$y = \sin(3x_0) + 2x_1x_2 + x_3^2 + \varepsilon, \qquad x \sim U(-1, 1)^{10},\ \varepsilon \sim
# \mathcal N(0, 0.3^2).$$
#
# The other 6 inputs are distractors. There are only 150 training samples for the MLP's 769
# parameters, so the network can fit the noise. A validation set of 500 samples picks λ. A test set of
# 2,000 samples, used only to report, gives the final numbers. The noise variance $0.3^2 = 0.09$ is
# the smallest test MSE any model could reach.


# %%
def make_data(n, rng):
    """n samples of the learnable problem: 10 uniform inputs, target from 4 of them plus noise."""
    X = rng.uniform(-1, 1, size=(n, 10)).astype("float32")
    f = np.sin(3 * X[:, 0]) + 2 * X[:, 1] * X[:, 2] + X[:, 3] ** 2
    return X, (f + NOISE * rng.normal(size=n)).astype("float32")[:, None]


rng_data = np.random.default_rng(0)
X_train, y_train = make_data(N_TRAIN, rng_data)
X_val, y_val = make_data(N_VAL, rng_data)
X_test, y_test = make_data(N_TEST, rng_data)
mse_constant = float(np.mean((y_train.mean() - y_test) ** 2))
print(f"train / validation / test: {len(X_train)} / {len(X_val)} / {len(X_test)}")
print(f"test MSE of predicting the mean: {mse_constant:.3f}; noise floor: {NOISE**2:.3f}")

# %% [markdown]
# To keep the lesson fast we train with our own full-batch loop instead of `model.fit`: one Adam step
# per epoch on all 150 samples. Each step computes what `fit` computes: the loss is the MSE plus
# `model.losses` (the penalties). The loop also records the **unpenalized** MSE on the training and
# validation sets, and the gradient norm. Models should be compared on the unpenalized error, because
# Keras's `loss` includes the penalty.


# %%
def train(model, *, epochs=EPOCHS, lr=LEARNING_RATE, validation=True):
    """Full-batch Adam on (X_train, y_train); returns a history of train/val MSE and gradient norms."""
    optimizer = keras.optimizers.Adam(lr)
    X, y = tf.constant(X_train), tf.constant(y_train)
    Xv, yv = tf.constant(X_val), tf.constant(y_val)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            mse = tf.reduce_mean(tf.square(model(X, training=True) - y))
            loss = mse + tf.add_n(model.losses) if model.losses else mse
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
        return mse, tf.linalg.global_norm(grads)

    @tf.function
    def val_mse():
        return tf.reduce_mean(tf.square(model(Xv) - yv))

    history = {"mse": [], "val_mse": [], "grad_norm": []}
    for _ in range(epochs):
        mse, grad_norm = step()
        history["mse"].append(float(mse))
        history["grad_norm"].append(float(grad_norm))
        if validation:
            history["val_mse"].append(float(val_mse()))
    return history


def mse(model, X, y):
    return float(np.mean((model(X).numpy() - y) ** 2))


# %% [markdown]
# ### A λ sweep over seeds
#
# `course_lib.training.sweep` calls `run(lam, seed)` for each λ and seed. Before each run it seeds
# everything, so every λ starts from the same initial weights for a given seed, on the same data.
# We choose λ by the mean **validation** MSE. The test MSE is only reported.


# %%
def make_run(kind):
    def run(lam, seed):
        model = build_mlp(10, **{kind: lam})
        train(model, validation=False)
        return {"train_mse": mse(model, X_train, y_train), "val_mse": mse(model, X_val, y_val),
                "test_mse": mse(model, X_test, y_test)}

    return run


table_l2 = sweep(make_run("l2"), L2_GRID, SEEDS, show=["train_mse", "val_mse"])
table_l1 = sweep(make_run("l1"), L1_GRID, SEEDS, show=["train_mse", "val_mse"])

# %%
print("L2 (λ = 0 is no penalty)")
table_l2.show(["train_mse", "val_mse", "test_mse"])
print("\nL1")
table_l1.show(["train_mse", "val_mse", "test_mse"])

best_l2 = table_l2.best_lam("val_mse", mode="min")
best_l1 = table_l1.best_lam("val_mse", mode="min")
test_none = table_l2.values("test_mse", 0.0)
test_l2, test_l1 = table_l2.values("test_mse", best_l2), table_l1.values("test_mse", best_l1)
print(f"\nλ chosen on validation: L2 c = {best_l2:g}, L1 c = {best_l1:g}")
for name, values in [("no penalty", test_none), (f"L2({best_l2:g})", test_l2), (f"L1({best_l1:g})", test_l1)]:
    print(f"test MSE {name:<12} {values.mean():.3f} ± {values.std():.3f}  (seeds: {np.round(values, 3)})")

# %%
fig, ax = plt.subplots(figsize=(6.5, 4))
summary_l2 = table_l2.summary("test_mse")
plot_sweep({"no penalty": {0.0: summary_l2.pop(0.0)}, "L2": summary_l2, "L1": table_l1.summary("test_mse")},
           ax=ax, xlabel="Keras coefficient c", ylabel="test MSE (mean ± std over 3 seeds)")
ax.axhline(NOISE**2, color="k", lw=0.8, label="noise floor")
grid = sorted({c for c in L2_GRID + L1_GRID if c > 0})
ax.set_xticks(grid, labels=[f"{c:g}" for c in grid], minor=False)
ax.set_xticks([], minor=True)
ax.set_title("Test MSE against the penalty strength")
ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# We claim that L2 and L1, with λ chosen on the validation set, each lower the test MSE **for every
# seed**, and by more than the spread over seeds. The cell below asserts exactly that. The numbers
# also show what regularization cannot do: the test MSE stays well above the noise floor of 0.09.
# With 150 samples even the best model has not found the whole function.

# %%
assert best_l2 > 0 and best_l1 > 0
for name, values in [("L2", test_l2), ("L1", test_l1)]:
    assert np.all(values < test_none), name  # paired: same seed, same data
    assert test_none.mean() - values.mean() > 2 * max(test_none.std(), values.std()), name
assert min(test_l2.min(), test_l1.min()) > NOISE**2
print(f"improvement: L2 {1 - test_l2.mean() / test_none.mean():.0%}, L1 {1 - test_l1.mean() / test_none.mean():.0%}"
      " lower test MSE than no penalty")

# %% [markdown]
# ### Overfitting, seen in the training curves
#
# We retrain seed 0 at the chosen λ values and keep the validation curves. With no penalty the
# training MSE falls far below the noise floor, which means the model is memorizing the noise. The
# validation MSE first falls, then rises. With a penalty the gap between the two curves is smaller.

# %%
models, histories = {}, {}
for label, kw in [("no penalty", {}), (f"L2({best_l2:g})", {"l2": best_l2}), (f"L1({best_l1:g})", {"l1": best_l1})]:
    notebook.seed_everything(0)
    models[label] = build_mlp(10, **kw)
    histories[label] = train(models[label])

fig, ax = plt.subplots(figsize=(7, 4.5))
plot_history(histories, metric="mse", ax=ax, logy=True)
ax.axhline(NOISE**2, color="k", lw=0.8)
ax.set_title("Training (solid) and validation (dashed) MSE, seed 0")
plt.show()

# %%
h_none = histories["no penalty"]
print(f"no penalty: final train MSE {h_none['mse'][-1]:.4f}, best validation MSE "
      f"{min(h_none['val_mse']):.3f} at epoch {int(np.argmin(h_none['val_mse'])) + 1}, final {h_none['val_mse'][-1]:.3f}")
assert h_none["mse"][-1] < NOISE**2 / 10  # fits the training noise
assert h_none["val_mse"][-1] > 1.1 * min(h_none["val_mse"])  # validation error rises again by > 10 %: overfitting
for label, h in histories.items():
    gap = h["val_mse"][-1] - h["mse"][-1]
    print(f"{label:<12} final train {h['mse'][-1]:.4f}  validation {h['val_mse'][-1]:.3f}  gap {gap:.3f}")
    if label != "no penalty":
        assert gap < h_none["val_mse"][-1] - h_none["mse"][-1]

# %% [markdown]
# ## 4. Weight histograms and sparsity
#
# L1 pulls every weight towards zero with the same force $c$, whatever the weight's size. L2 pulls
# with force $2cw$, which fades as $w$ gets small. So L1 should leave many weights at zero and L2
# should leave many small ones. Adam with a fixed step never lands *exactly* on zero: a weight that
# L1 pushes to zero overshoots, the sign of its gradient flips, and it keeps jittering around zero. So
# we count **near-zero weights, with $|w| < 10^{-3}$** (`TOL`), over all kernels.

# %%
kernel_values = {label: [k.numpy() for k in kernels(m)] for label, m in models.items()}
fig, ax = plt.subplots(figsize=(6.5, 4))
plot_weight_histograms(kernel_values, ax=ax, tol=TOL)
ax.set_title("Kernel weights after training (seed 0)")
plt.show()

# %%
fractions = {label: near_zero_fraction(ws, tol=TOL) for label, ws in kernel_values.items()}
fractions_loose = {label: near_zero_fraction(ws, tol=10 * TOL) for label, ws in kernel_values.items()}
exact_zeros = {label: int(sum(np.count_nonzero(w == 0) for w in ws)) for label, ws in kernel_values.items()}
for label in kernel_values:
    print(f"{label:<12} |w| < {TOL:g}: {fractions[label]:6.1%}   |w| < {10 * TOL:g}: {fractions_loose[label]:6.1%}"
          f"   exact zeros: {exact_zeros[label]}")
label_l1, label_l2 = f"L1({best_l1:g})", f"L2({best_l2:g})"
assert fractions[label_l1] > 3 * fractions[label_l2] and fractions[label_l2] > fractions["no penalty"]
assert exact_zeros[label_l1] == 0  # Adam does not produce exact zeros

# %% [markdown]
# Under L1 a large share of the kernel weights are within $10^{-3}$ of zero (see the table above).
# Under L2 there are many fewer, and with no penalty almost none. The histogram shows why: L1 makes a
# spike at zero, while L2 only narrows the bell. To get exact zeros you need a proximal step
# (soft-thresholding, lesson 02), not a (sub)gradient method like Adam.
#
# ## 5. Error 5 of the source: do penalties cause vanishing or exploding gradients?
#
# The source's FAQ (Q3) says yes, because the penalty "adds complexity". Let us measure instead.
#
# **What the penalty adds to the gradient.** Keras's L2(c) adds $c\sum w^2$, whose gradient is
# $2c\,w$. So for every kernel, ∇(loss with penalty) − ∇(loss without) = $2c\,w$ exactly. For a bias
# the difference is 0. We check this at the trained L2 model's weights:

# %%
model_l2 = models[label_l2]
with tf.GradientTape(persistent=True) as tape:
    data_loss = tf.reduce_mean(tf.square(model_l2(X_train) - y_train))
    total_loss = data_loss + tf.add_n(model_l2.losses)
g_data = tape.gradient(data_loss, model_l2.trainable_variables)
g_total = tape.gradient(total_loss, model_l2.trainable_variables)
del tape
for v, gd, gt in zip(model_l2.trainable_variables, g_data, g_total, strict=True):
    expected = 2 * best_l2 * v.numpy() if v.path.endswith("kernel") else np.zeros(v.shape)
    assert np.allclose((gt - gd).numpy(), expected, atol=1e-6), v.path
penalty_grad_norm = float(tf.linalg.global_norm([2 * best_l2 * k for k in kernels(model_l2)]))
print(f"‖∇ data loss‖ = {float(tf.linalg.global_norm(g_data)):.4f}   ‖2c·w‖ = {penalty_grad_norm:.4f}   "
      f"‖∇ total‖ = {float(tf.linalg.global_norm(g_total)):.4f}")
print("∇(with penalty) − ∇(without) = 2c·w on every kernel, 0 on every bias ✓")

# %% [markdown]
# At the end of training the two parts partly cancel: the data gradient pulls the weights outward and
# $2c\,w$ pulls them back, so the total gradient is smaller than either part. (At an exact minimum of
# the penalized loss they would cancel completely; Adam with a fixed step only gets close.) The term is
# a smooth pull towards zero, proportional to the weights, not an extra source of instability.
#
# **Gradient norms during training.** The training loop recorded the global norm of the gradient of
# the loss it minimized at every step:

# %%
fig, ax = plt.subplots(figsize=(6.5, 4))
for label, h in histories.items():
    ax.plot(np.arange(1, EPOCHS + 1), h["grad_norm"], label=label)
ax.set(xlabel="epoch (one full-batch Adam step)", ylabel="global gradient norm", yscale="log",
       title="Gradient norm of the training loss, with and without a penalty")
ax.legend(fontsize="small")
plt.show()

for label, h in histories.items():
    g = np.array(h["grad_norm"])
    print(f"{label:<12} first {g[0]:.3f}   max {g.max():.3f}   median {np.median(g):.4f}   last {g[-1]:.4f}")
print(f"L1: c·√n = {best_l1:g}·√{n_kernel_weights} = {best_l1 * np.sqrt(n_kernel_weights):.3f}")
g_none = np.array(histories["no penalty"]["grad_norm"])
for label in (label_l2, label_l1):
    g = np.array(histories[label]["grad_norm"])
    assert g.max() <= 1.05 * g_none.max()  # nothing explodes
    assert g.min() >= g_none.min()  # nothing vanishes more than without a penalty
    assert np.all(np.isfinite(g))

# %% [markdown]
# In all three runs the largest gradient norm is the one at the first step, and the penalties do not
# raise it. The penalized runs never reach gradients smaller than the unpenalized run does. Their
# gradients level off instead of falling, because the penalty's pull balances the data's. Under L1 the
# level is about $c\sqrt{n}$ ($n$ = number of kernel weights): the L1 gradient is $c\,\mathrm{sign}(w)$,
# and the weights that jitter around zero flip their sign at every step. The FAQ's claim does not hold
# for this network.
#
# ## 6. What a λ that is too large does
#
# In the source's scaling the penalty is $\frac{\lambda}{2m}\sum\theta^2$, so it adds
# $\frac{\lambda}{m}\theta$ to the gradient of $J$. Keras's MSE has no ½. With $c = \lambda/m$
# (`keras_coefficient`), the Keras loss is exactly $2J(\theta)$ and its gradient is $2\nabla J$. We
# check this with a tape first:

# %%
lam_demo, m = 3.0, N_TRAIN
model_demo = build_mlp(10, l2=keras_coefficient(lam_demo, m))
with tf.GradientTape(persistent=True) as tape:
    residual = model_demo(X_train) - y_train
    keras_loss = tf.reduce_mean(tf.square(residual)) + tf.add_n(model_demo.losses)
    J = tf.reduce_sum(tf.square(residual)) / (2 * m) + lam_demo / (2 * m) * tf.add_n(
        [tf.reduce_sum(tf.square(k)) for k in kernels(model_demo)])
grad_keras, grad_J = tape.gradient(keras_loss, kernels(model_demo)), tape.gradient(J, kernels(model_demo))
del tape
assert np.isclose(float(keras_loss), 2 * float(J), rtol=1e-5)
for a, b in zip(grad_keras, grad_J, strict=True):
    assert np.allclose(a.numpy(), 2 * b.numpy(), rtol=1e-4, atol=1e-7)
print(f"λ = {lam_demo}, m = {m}: c = λ/m = {keras_coefficient(lam_demo, m):.4f}; "
      f"Keras loss = {float(keras_loss):.5f} = 2·J = {2 * float(J):.5f}; gradients agree up to the factor 2")

# %% [markdown]
# Now we sweep λ in the source's scaling from 0.1 to 100 (and 0). For each value we record the
# kernels' L2 norm $\|w\|_2 = \sqrt{\sum w^2}$, the training and test MSE, and the norm of the **data**
# gradient with respect to the first layer at the end.

# %%
LAMBDAS = [0.0, 0.1, 1.0, 10.0, 100.0]
collapse = []
for lam in LAMBDAS:
    notebook.seed_everything(0)
    model = build_mlp(10, l2=keras_coefficient(lam, N_TRAIN))
    train(model, validation=False)
    with tf.GradientTape() as tape:
        data_loss = tf.reduce_mean(tf.square(model(X_train) - y_train))
    g_first = tape.gradient(data_loss, kernels(model)[0])
    collapse.append({"lam": lam, "weight_norm": float(np.sqrt(sum(np.sum(k.numpy() ** 2) for k in kernels(model)))),
                     "train_mse": mse(model, X_train, y_train), "test_mse": mse(model, X_test, y_test),
                     "grad_first_layer": float(tf.norm(g_first))})
    row = collapse[-1]
    print(f"λ = {lam:>6g} (c = {keras_coefficient(lam, N_TRAIN):.2e})   ‖w‖ = {row['weight_norm']:7.4f}   "
          f"train MSE {row['train_mse']:.3f}   test MSE {row['test_mse']:.3f}   "
          f"‖∂MSE/∂W₁‖ = {row['grad_first_layer']:.2e}")

# %%
lams_plot = np.array([r["lam"] for r in collapse[1:]])
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
axes[0].loglog(lams_plot, [r["weight_norm"] for r in collapse[1:]], "o-")
axes[0].axhline(collapse[0]["weight_norm"], color="gray", ls=":", label="λ = 0")
axes[0].set(xlabel="λ (source's scaling λ/(2m))", ylabel="‖kernels‖₂", title="Weights collapse as λ grows")
axes[0].legend(fontsize="small")
axes[1].semilogx(lams_plot, [r["train_mse"] for r in collapse[1:]], "o-", label="train MSE")
axes[1].semilogx(lams_plot, [r["test_mse"] for r in collapse[1:]], "s--", label="test MSE")
axes[1].axhline(float(np.var(y_train)), color="k", lw=0.8, label="variance of y (a constant's MSE)")
axes[1].set(xlabel="λ (source's scaling λ/(2m))", ylabel="MSE", title="Too large λ: the model underfits")
axes[1].legend(fontsize="small")
plt.show()

# %%
first, last = collapse[0], collapse[-1]
assert all(np.diff([r["weight_norm"] for r in collapse]) < 0)  # more λ, smaller weights
assert last["weight_norm"] < 1e-3 * first["weight_norm"]  # at λ = 100 the weights have collapsed
assert last["train_mse"] > 0.95 * np.var(y_train)  # ...and the model predicts almost a constant
assert last["grad_first_layer"] < 1e-3 * max(r["grad_first_layer"] for r in collapse)  # a tiny data gradient
print(f"λ = {last['lam']:g}: ‖w‖ is {last['weight_norm'] / first['weight_norm']:.1e} of λ = 0's; "
      f"train MSE {last['train_mse']:.3f} vs var(y) {np.var(y_train):.3f}")

# %% [markdown]
# This is the true part of the FAQ. With a very large λ the weights are crushed towards zero. The
# network then computes almost a constant (its training MSE reaches the variance of $y$). The data
# loss is then at its largest, yet its gradient with respect to the first layer is tiny, because it
# passes through weights that are nearly zero. But this is **underfitting caused by a bad λ**, not a hidden
# instability. It shows up at once as a high *training* error, and a smaller λ chosen on validation
# data (section 3) avoids it.
#
# **Oscillation: a large step times a large λ.** With plain gradient descent on the penalty alone,
# each step multiplies a weight by $1 - 2\eta c$ (learning rate η). When $2\eta c > 1$ the weight
# changes sign at every step, and when $2\eta c > 2$ it grows: this is "exploding". The cause is a
# step size that is too large for the curvature $2c$ of the penalty. We measure it with Keras's SGD on one variable:

# %%
ETA = 0.1
fig, ax = plt.subplots(figsize=(6, 3.8))
for c in [1.0, 7.5, 12.5]:
    w = keras.Variable([1.0])
    sgd, reg = keras.optimizers.SGD(learning_rate=ETA), keras.regularizers.L2(c)
    path = [1.0]
    for _ in range(15):
        with tf.GradientTape() as tape:
            penalty = reg(w)
        sgd.apply_gradients([(tape.gradient(penalty, w), w)])
        path.append(float(w.numpy()[0]))
    factor = 1 - 2 * ETA * c
    assert np.allclose(path, factor ** np.arange(16), rtol=1e-4)
    ax.plot(path, "o-", ms=3, label=f"2ηc = {2 * ETA * c:g}: w ← {factor:+g}·w")
    print(f"c = {c:>5}: 2ηc = {2 * ETA * c:4.1f}, w after 15 steps = {path[-1]:+.3g}")
ax.set(xlabel="SGD step", ylabel="w", yscale="symlog", title="Penalty alone under SGD, η = 0.1")
ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# ## 7. Gradient clipping: `clipnorm` vs `global_clipnorm`
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
    data_loss = tf.reduce_mean(tf.square(model_clip(X_train) - y_train))
grads = tape.gradient(data_loss, model_clip.trainable_variables)
start = model_clip.get_weights()
TAU = 0.5


def applied_update(**clip):
    """Minus the weight change of one SGD(learning_rate=1) step: the gradient after clipping."""
    model_clip.set_weights(start)
    sgd = keras.optimizers.SGD(learning_rate=1.0, **clip)
    sgd.apply_gradients(zip(grads, model_clip.trainable_variables, strict=True))
    return [w0 - w1 for w0, w1 in zip(start, model_clip.get_weights(), strict=True)]


updates = {"no clipping": [g.numpy() for g in grads], f"clipnorm={TAU}": applied_update(clipnorm=TAU),
           f"global_clipnorm={TAU}": applied_update(global_clipnorm=TAU)}
names = [v.path for v in model_clip.trainable_variables]
print(f"{'':<22}" + "".join(f"{n:>16}" for n in names) + f"{'global norm':>14}")
for label, u in updates.items():
    per_var = [np.linalg.norm(x) for x in u]
    print(f"{label:<22}" + "".join(f"{n:>16.4f}" for n in per_var) + f"{np.sqrt(np.sum(np.square(per_var))):>14.4f}")
model_clip.set_weights(start)

# %%
raw = [g.numpy() for g in grads]
raw_norms = np.array([np.linalg.norm(g) for g in raw])
clipped = np.array([np.linalg.norm(x) for x in updates[f"clipnorm={TAU}"]])
global_clipped = updates[f"global_clipnorm={TAU}"]
flat_raw = np.concatenate([g.ravel() for g in raw])
flat_clip = np.concatenate([x.ravel() for x in updates[f"clipnorm={TAU}"]])
flat_global = np.concatenate([x.ravel() for x in global_clipped])
assert np.allclose(clipped, np.minimum(raw_norms, TAU), rtol=1e-4)  # each variable on its own
assert np.isclose(np.linalg.norm(flat_global), TAU, rtol=1e-4)  # the whole vector
cos = lambda a, b: float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))  # noqa: E731
print(f"global norm after clipnorm: {np.linalg.norm(flat_clip):.4f} (> τ = {TAU}); after global_clipnorm: "
      f"{np.linalg.norm(flat_global):.4f}")
print(f"cosine with the raw gradient: clipnorm {cos(flat_clip, flat_raw):.4f}, "
      f"global_clipnorm {cos(flat_global, flat_raw):.6f}")
assert np.linalg.norm(flat_clip) > TAU and cos(flat_global, flat_raw) > 1 - 1e-5 > cos(flat_clip, flat_raw)

# %% [markdown]
# `clipnorm` cut each variable to at most τ. The result is longer than τ overall and points in a
# different direction. `global_clipnorm` kept the direction and set the length to τ. Clipping guards
# against rare huge gradients, for example from a too-large learning rate. It is not needed to
# "repair" a sensible L1 or L2 penalty.
#
# ## Summary
# - `kernel_regularizer`, a custom loss summing $c\sum w^2$ over `kernels(model)`, and `add_loss` give
#   the same penalty, equal to `l2_penalty`, and the same training.
# - The source's `tf.square(model.trainable_variables)` does not run. Its `reduce_mean` is
#   (number of weights) times too weak. It would penalize biases. Its `m` is a sum of targets.
# - Random targets have nothing to learn. On a learnable small data set, L2 and L1 with λ chosen on
#   validation data lowered the test MSE for every seed (numbers above).
# - L1 leaves many more kernel weights within $10^{-3}$ of zero than L2 does, but with Adam none is
#   exactly zero.
# - The penalty adds $2c\,w$ to the gradient. It did not make gradients vanish or explode. A λ that is
#   too large collapses the weights (underfitting), and a step that is too large for $2c$ oscillates or
#   diverges. `clipnorm` clips per variable, `global_clipnorm` clips the whole vector.
#
# ## Exercises
# Replace `None` with your answer and run the cell. The check prints ✓ or ✗ with a hint.
#
# **Exercise 1.** Fix the source's penalty: write `l2_sum(weights, c)` that takes a *list of numpy
# arrays of different shapes* and returns $c \sum w^2$ over all their entries (no mean, no stacking).


# %%
from course_lib.checks import lesson03


def l2_sum(weights, c):
    return None  # replace with your code


lesson03.exercise_1(None)  # replace None with l2_sum to check it

# %% [markdown]
# **Exercise 2.** A kernel weight has value $w = 0.5$ and its layer has `kernel_regularizer=L2(0.01)`.
# How much does the penalty add to $\partial\,\text{loss} / \partial w$?

# %%
answer = None  # your answer: a number
lesson03.exercise_2(answer)

# %% [markdown]
# **Exercise 3.** A model has two variables with gradients $g_1 = (3, 4)$ and $g_2 = (0, 0, 12)$.
# With `global_clipnorm=1`, what is the norm of the clipped $g_2$? (With `clipnorm=1` it would be 1.)

# %%
answer = None  # your answer: a number
lesson03.exercise_3(answer)

# %% [markdown]
# **Exercise 4.** In the source's scaling, the penalty is $\frac{\lambda}{2m}\sum\theta^2$ with
# $\lambda = 3$ and $m = 150$ training samples. Which coefficient `c` in `keras.regularizers.L2(c)`
# makes the Keras loss (MSE + $c\sum\theta^2$) equal to $2J(\theta)$?

# %%
answer = None  # your answer: a number
lesson03.exercise_4(answer)

# %%
stopwatch.report(budget_s=90)
