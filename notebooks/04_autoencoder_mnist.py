# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · An autoencoder on MNIST: L2 on the weights, L1 on the code
#
# An **autoencoder** squeezes an image through a narrow layer, the **code**, and rebuilds the image
# from it. The encoder maps 28 × 28 = 784 pixels to a few numbers; the decoder maps them back. The
# network is trained to make the output equal the input. Then the code must keep what matters.
#
# Source text 004 trains such a model on MNIST with an L2 penalty. Its code does not run as written,
# and once it runs it trains on a meaningless loss without any error. Its formulas write the L1 norm
# wrongly. Its sister text 000 claims that regularization makes the reconstructions closer to
# the originals. This lesson fixes the model and measures each claim on the real MNIST.
#
# **You will learn**
# - why Dense layers on (28, 28, 1) images need a Flatten, and how a broadcast loss hides the bug;
# - the exact penalty values of Keras's `L2(c)` (c·Σw², no ½) and `L1(c)` (c·‖w‖₁);
# - to compare an autoencoder with PCA using the same code size;
# - what an L2 penalty on the weights does to training and test error on a small training set;
# - to make the code sparse with an L1 penalty on it, and to measure that sparsity honestly;
# - to train a denoising autoencoder.
#
# **Run time:** about a minute on 2 CPU cores (TensorFlow, CPU only).

# %%
from course_lib import notebook

stopwatch = notebook.setup(seed=0, tensorflow=True)  # seeds everything, loads TensorFlow quietly

import inspect

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import layers
from sklearn.decomposition import PCA

from course_lib.autoencoders import (
    activity_l1_penalty,
    add_noise,
    dead_units,
    reconstruction_mse,
    zero_fraction,
)
from course_lib.data import load_mnist
from course_lib.models import build_autoencoder
from course_lib.norms import lp_norm
from course_lib.penalties import l1_penalty, l2_penalty
from course_lib.plots import plot_reconstructions, plot_sweep
from course_lib.training import sweep

print("TensorFlow", tf.__version__, "| Keras", keras.__version__)

# %% [markdown]
# **Parameters.** The defaults keep the run near a minute on 2 CPU cores. The assertions below were
# checked with these defaults. With more time or a GPU, raise `EPOCHS` (in our runs the test MSE
# of section 4 fell from 0.011 after 2 epochs to 0.008 after 10) or add `SEEDS` to the sweep.

# %%
N_TRAIN = 60_000  # training digits of the main autoencoder, the sparse one and PCA
EPOCHS = 2  # passes over them
BATCH_SIZE = 64
LEARNING_RATE = 2e-3  # Adam
STEPS = 10  # training steps per call into TensorFlow (steps_per_execution): fewer round trips, faster on a CPU
CODE_SIZE = 32  # units in the code, and PCA components

SMALL_N_TRAIN = 500  # the small training set of the λ sweep (sections 5 and 6)
SMALL_EPOCHS = 20
SMALL_BATCH_SIZE = 50
SMALL_LEARNING_RATE = 3e-3
LAMS = [0.0, 1e-6, 1e-5, 1e-4]  # Keras coefficients c: L2(c) adds c·Σw² over all kernels
SEEDS = [0, 1]

ACTIVITY_L1 = 1e-4  # L1 on the code of the sparse autoencoder
NEAR_ZERO = 0.01  # a code unit is "near zero" when |z| <= 1% of that digit's largest |z|

NOISE_STD = 0.3  # Gaussian noise added to the pixels (then clipped to [0, 1])
DENOISE_N_TRAIN = 10_000  # noisy digits used to fine-tune the denoising autoencoder
DENOISE_EPOCHS = 1

(x_train, _), (x_test, _) = load_mnist(n_train=N_TRAIN)
print(f"train {x_train.shape}, test {x_test.shape}, pixels in [{x_test.min()}, {x_test.max()}]")

# %% [markdown]
# ## 1. Source error: the model of text 004
#
# Text 004 builds its model like this (comments ours):
#
# ```python
# class Autoencoder(tf.keras.Model):
#     def __init__(self, input_shape, encoding_dim, l2_reg_lambda=0.0):
#         super(Autoencoder, self).__init__()
#         self.input_shape = input_shape          # (b) may raise
#         ...
#         self.encoder = layers.Sequential([      # (a) layers.Sequential does not exist
#             layers.Input(shape=input_shape),    # (28, 28, 1), and no Flatten: (c)
#             layers.Dense(64, activation='relu', kernel_regularizer=...),
#             layers.Dense(32, activation='relu', kernel_regularizer=...),
#             layers.Dense(encoding_dim, activation='sigmoid')])   # 128 > 32: (d)
#         self.decoder = layers.Sequential([
#             layers.Input(shape=(encoding_dim,)),
#             layers.Dense(32, ...), layers.Dense(64, ...),
#             layers.Dense(input_shape[0], activation='sigmoid')])  # 28 units
# ...
# autoencoder = Autoencoder(input_shape=(28, 28, 1), encoding_dim=128, l2_reg_lambda=0.001)
# autoencoder.compile(optimizer='adam', loss='mse')
# autoencoder.fit(x_train, x_train, epochs=10, batch_size=256, ...)   # x_train: (N, 28, 28, 1)
# ```
#
# **(a)** `Sequential` lives in `keras`, not in `keras.layers`:

# %% tags=["raises-exception"]
# NBVAL_RAISES_EXCEPTION
layers.Sequential

# %% [markdown]
# **(b)** Assigning `self.input_shape`: on a subclassed `keras.Model` (the source's case) Keras 3
# accepts it silently. On a `keras.Sequential` or functional model, `input_shape` is a read-only
# property, and the same assignment raises `AttributeError`.


# %%
class SeedStyle(keras.Model):
    def __init__(self):
        super().__init__()
        self.input_shape = (28, 28, 1)  # what the source does


accepted = SeedStyle().input_shape
try:
    keras.Sequential([keras.Input((28, 28, 1))]).input_shape = (28, 28, 1)
    sequential_error = None
except AttributeError as err:
    sequential_error = err
print("subclassed Model:", accepted)
print("Sequential:     ", type(sequential_error).__name__, "-", sequential_error)
assert accepted == (28, 28, 1)
assert isinstance(inspect.getattr_static(keras.Sequential, "input_shape"), property)
assert "no setter" in str(sequential_error)

# %% [markdown]
# With `keras.Sequential` in place of `layers.Sequential`, the source's class is rebuilt below. The
# only other change is the flag `decoder_input`. With the source's decoder `Input(shape=(128,))`,
# Keras 3 stops at the first batch. The encoder's output is not (batch, 128):

# %%
def seed_autoencoder(decoder_input=True, input_shape=(28, 28, 1), encoding_dim=128, l2_reg_lambda=0.001):
    """The model of text 004, with keras.Sequential; decoder_input=False drops the decoder's Input."""

    class Autoencoder(keras.Model):
        def __init__(self):
            super().__init__()
            self.encoder = keras.Sequential([
                layers.Input(shape=input_shape),
                layers.Dense(64, activation="relu", kernel_regularizer=keras.regularizers.l2(l2_reg_lambda)),
                layers.Dense(32, activation="relu", kernel_regularizer=keras.regularizers.l2(l2_reg_lambda)),
                layers.Dense(encoding_dim, activation="sigmoid"),
            ])
            self.decoder = keras.Sequential([
                *([layers.Input(shape=(encoding_dim,))] if decoder_input else []),
                layers.Dense(32, activation="relu", kernel_regularizer=keras.regularizers.l2(l2_reg_lambda)),
                layers.Dense(64, activation="relu", kernel_regularizer=keras.regularizers.l2(l2_reg_lambda)),
                layers.Dense(input_shape[0], activation="sigmoid"),
            ])

        def call(self, inputs):
            return self.decoder(self.encoder(inputs))

    return Autoencoder()


x4 = x_train[:128, :, :, None]  # the source's layout (N, 28, 28, 1); 128 digits are enough here
print("encoder output:", seed_autoencoder().encoder.output_shape)

# %% tags=["raises-exception"]
# NBVAL_RAISES_EXCEPTION
faithful = seed_autoencoder(decoder_input=True)
faithful.compile(optimizer="adam", loss="mse")
faithful.fit(x4, x4, epochs=1, batch_size=256, verbose=0)

# %% [markdown]
# Keras 2 (TensorFlow ≤ 2.15) only printed a warning at this point ("Model was constructed with shape
# (None, 128) ... but it was called on an input with incompatible shape") and ran the layers anyway.
# Dropping the decoder's `Input` does the same in Keras 3. **Now the model trains without any error:**

# %%
seed_model = seed_autoencoder(decoder_input=False)
seed_model.compile(optimizer="adam", loss="mse")
history = seed_model.fit(x4, x4, epochs=2, batch_size=32, verbose=0)
seed_out = seed_model.predict(x4, verbose=0)
code = seed_model.encoder.predict(x4[:1], verbose=0)
print("loss per epoch:", np.round(history.history["loss"], 4))
print(f"input / target {x4.shape}  ->  code {code.shape[1:]} per digit  ->  output {seed_out.shape}")
assert seed_out.shape == (128, 28, 28, 28) and code.shape == (1, 28, 28, 128)
assert history.history["loss"][-1] < history.history["loss"][0]

# %% [markdown]
# **(c)** A Dense layer acts on the **last axis** only. On (28, 28, 1) images that axis holds one
# pixel value, so every layer runs separately on each of the 784 pixels. The output has 28 values
# per pixel, because the last layer has `input_shape[0]` = 28 units: shape (N, 28, 28, 28).
#
# Keras's `mse` compares the target (N, 28, 28, **1**) with this output (N, 28, 28, **28**). numpy
# and TensorFlow **broadcast** the size-1 axis, so the loss is
# $\frac{1}{28 \cdot 784 N}\sum_{n,i,j,k} (x_{nij} - \hat x_{nijk})^2$: each of the 28 outputs of a
# pixel is pulled towards that pixel's own value. No error is raised:

# %%
keras_mse = float(keras.losses.MeanSquaredError()(x4, seed_out))
broadcast_mse = float(np.mean((x4 - seed_out) ** 2))  # numpy broadcasts (…, 1) against (…, 28)
print(f"Keras mse: {keras_mse:.6f}   numpy broadcast mean: {broadcast_mse:.6f}")
assert np.isclose(keras_mse, broadcast_mse, rtol=1e-4)
try:
    reconstruction_mse(x4, seed_out)
except ValueError as err:
    print("course_lib.autoencoders.reconstruction_mse refuses:", err)

# %% [markdown]
# So each output value depends on **one pixel only**. Flip one pixel of a digit: only that pixel's
# outputs change. The model cannot learn anything about digit shapes. All it can learn is a curve
# from one pixel value to 28 numbers, drawn below after its short training. The loss would be
# lowest if all 28 curves were the dashed identity: copying each pixel. That needs no code and no
# knowledge of digits, so a low loss from this model would mean nothing.

# %%
probe = x4[:1].copy()
flipped = probe.copy()
flipped[0, 5, 20, 0] = 1.0 - flipped[0, 5, 20, 0]
changed = np.abs(seed_model.predict(flipped, verbose=0) - seed_model.predict(probe, verbose=0)).max(axis=-1)[0]
print("outputs that changed at pixels (row, column):", np.argwhere(changed > 0).tolist())
assert np.argwhere(changed > 0).tolist() == [[5, 20]]

ramp = np.linspace(0, 1, 784, dtype=np.float32).reshape(1, 28, 28, 1)  # every pixel value once
curves = seed_model.predict(ramp, verbose=0).reshape(784, 28)
fig, ax = plt.subplots(figsize=(5.5, 4))
ax.plot(ramp.ravel(), curves, color="tab:blue", lw=0.7, alpha=0.6)
ax.plot([0, 1], [0, 1], "k--", lw=1, label="identity")
ax.set(xlabel="value of one input pixel", ylabel="the 28 outputs at that pixel",
       title="The source's model: one pixel in, 28 numbers out")
ax.legend()
plt.show()

# %% [markdown]
# **(d)** There is no bottleneck. The code layer has `encoding_dim = 128` units, more than the 32
# units before it. Worse, it produces 128 numbers for **each pixel**: 28 × 28 × 128 = 100,352
# numbers per digit, 128 times more than the 784 inputs.

# %%
numbers_per_digit = int(np.prod(code.shape[1:]))
print(f"the source's code: {numbers_per_digit:,} numbers per digit = {numbers_per_digit // 784} × the input")
assert numbers_per_digit == 28 * 28 * 128

# %% [markdown]
# ## 2. The corrected model
#
# `course_lib.models.build_autoencoder` flattens the image to 784 numbers. It narrows through
# 256 and 128 ReLU units to a 32-unit ReLU code, and mirrors back to 784 sigmoid outputs, reshaped
# to 28 × 28. The output has the input's shape. A code wider than a hidden layer is refused.

# %%
autoencoder, encoder, decoder = build_autoencoder(encoding_dim=CODE_SIZE)
for model in (encoder, decoder, autoencoder):
    print(f"{model.name:>12}: {model.input_shape} -> {model.output_shape}")
assert autoencoder.output_shape == autoencoder.input_shape == (None, 28, 28)
assert encoder.output_shape == (None, CODE_SIZE)
try:
    build_autoencoder(encoding_dim=128, hidden=(64, 32))  # the source's sizes
except ValueError as err:
    print("build_autoencoder(encoding_dim=128, hidden=(64, 32)):", err)

# %% [markdown]
# ## 3. Source error: the penalty formulas
#
# Text 004 writes the L2 penalty as $R(w) = \frac12\|w\|^2$ and the L1 penalty as $R(w) = \|w\|$.
# The L1 penalty is the **L1 norm** $\|w\|_1 = \sum_j |w_j|$. The bare $\|w\|$ usually means the
# Euclidean norm $\|w\|_2$, a different number. Keras's `L2(c)` adds $c\sum_j w_j^2$: there is
# **no ½**. We check both on the first kernel of our autoencoder (784 × 256 weights, as initialised):

# %%
# NBVAL_CHECK_OUTPUT
kernel = encoder.get_layer("enc_1").kernel
w = kernel.numpy().astype(np.float64)
c = 1e-3
keras_l2, keras_l1 = float(keras.regularizers.L2(c)(kernel)), float(keras.regularizers.L1(c)(kernel))
print(f"keras L2(c)(w) = {keras_l2:.5f}   c·Σw² = {c * np.sum(w**2):.5f}   c·½Σw² = {c / 2 * np.sum(w**2):.5f}")
print(f"keras L1(c)(w) = {keras_l1:.5f}   c·‖w‖₁ = {c * lp_norm(w, 1):.5f}   c·‖w‖₂ = {c * lp_norm(w, 2):.5f}")
assert np.isclose(keras_l2, c * np.sum(w**2), rtol=1e-5) and np.isclose(keras_l2, l2_penalty(kernel, c), rtol=1e-5)
assert np.isclose(keras_l1, c * lp_norm(w, 1), rtol=1e-5) and np.isclose(keras_l1, l1_penalty(kernel, c), rtol=1e-5)
assert not np.isclose(keras_l2, c / 2 * np.sum(w**2), rtol=0.1)  # the source's ½ is off by a factor 2
assert not np.isclose(keras_l1, c * lp_norm(w, 2), rtol=0.1)  # ‖w‖₂ is not the L1 penalty

# %% [markdown]
# So a λ taken from a formula with ½ must be halved to give the same penalty with Keras's `L2`.
#
# ## 4. The autoencoder against PCA, with the same code size
#
# **PCA** with 32 components is the best *linear* code of size 32: it projects each image onto
# the 32 directions of largest variance and maps the result back. An autoencoder with ReLU layers
# can bend its code. It should do better, and it is only worth its cost if it does. Both are fit
# on the same training digits and judged on the 10,000 test digits.

# %%
notebook.seed_everything(0)
autoencoder, encoder, decoder = build_autoencoder(encoding_dim=CODE_SIZE)
autoencoder.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE), loss="mse", steps_per_execution=STEPS)
history = autoencoder.fit(x_train, x_train, epochs=EPOCHS, batch_size=BATCH_SIZE, verbose=0)
x_ae = autoencoder.predict(x_test, verbose=0, batch_size=1000)
ae_mse = reconstruction_mse(x_test, x_ae)

pca = PCA(n_components=CODE_SIZE, random_state=0).fit(x_train.reshape(len(x_train), -1))
x_pca = pca.inverse_transform(pca.transform(x_test.reshape(len(x_test), -1))).reshape(x_test.shape)
pca_mse = reconstruction_mse(x_test, x_pca)

print(f"test MSE, {CODE_SIZE} numbers per digit:  PCA {pca_mse:.5f}   autoencoder {ae_mse:.5f}"
      f"   ({100 * (1 - ae_mse / pca_mse):.0f}% lower)")
assert ae_mse < 0.8 * pca_mse  # at least 20% lower than PCA

# %% [markdown]
# After only two passes over the data, the autoencoder's test error is well below PCA's. The cell
# asserts that it is at least 20% lower. The first row of the grid shows test digits, the next rows
# their reconstructions. The number above each image is its MSE.

# %%
axes = plot_reconstructions({"original": x_test, f"PCA ({CODE_SIZE})": x_pca,
                             f"autoencoder ({CODE_SIZE})": x_ae}, n=10)
plt.suptitle("Test digits and their reconstructions from 32 numbers", y=1.02)
plt.show()

# %% [markdown]
# ## 5. An L2 penalty on the weights: a λ sweep on a small training set
#
# Regularization should matter most when data are scarce. We train the same autoencoder on only
# 500 digits, for 20 epochs, with `L2(c)` on every kernel, for several c and two weight
# initialisations (seeds).
#
# One pitfall first: Keras's reported `loss` **includes the penalty**. Comparing models by that
# loss would favour a small c for the wrong reason. We compare the plain reconstruction MSE,
# computed from the model's output. The sweep also records Keras's loss, and checks that it is
# MSE + penalty.

# %%
(x_small, _), _ = load_mnist(n_train=SMALL_N_TRAIN, seed=1)


def train_small(lam, seed):
    model, _, _ = build_autoencoder(encoding_dim=CODE_SIZE, l2=lam)
    model.compile(optimizer=keras.optimizers.Adam(SMALL_LEARNING_RATE), loss="mse", steps_per_execution=STEPS)
    model.fit(x_small, x_small, epochs=SMALL_EPOCHS, batch_size=SMALL_BATCH_SIZE, verbose=0)
    x_hat = model(x_small, training=False)  # calling the model directly is quicker than predict here
    return {"train_mse": reconstruction_mse(x_small, x_hat),
            "test_mse": reconstruction_mse(x_test, model(x_test, training=False)),
            "keras_loss": float(model.compute_loss(x_small, x_small, x_hat)),  # what fit/evaluate report
            "penalty": float(sum(model.losses))}


table = sweep(train_small, LAMS, SEEDS, show=["train_mse", "test_mse"])
print()
table.show(["train_mse", "test_mse"])
for row in table.rows:
    assert np.isclose(row["keras_loss"], row["train_mse"] + row["penalty"], rtol=1e-3), row

# %%
fig, ax = plt.subplots(figsize=(6, 4))
plot_sweep({"training MSE": table.summary("train_mse"), "test MSE": table.summary("test_mse")}, ax=ax,
           xlabel="c in L2(c) on every kernel", ylabel="reconstruction MSE (no penalty)")
ax.set_title(f"{SMALL_N_TRAIN} training digits, mean ± std over {len(SEEDS)} seeds")
plt.show()

# %% [markdown]
# ## 6. Source error: "regularization reduces the difference between reconstructions and originals"
#
# Text 000 §3.3 says so without a measurement. The sweep measures it on both sets:

# %%
train, test = table.summary("train_mse"), table.summary("test_mse")
base_train, base_test = train[0.0][0], test[0.0][0]
print(f"{'c':>8} | {'train MSE':>9} {'change':>7} | {'test MSE':>9} {'change':>7} | gap test − train")
for lam in table.lams:
    print(f"{lam:>8.0e} | {train[lam][0]:9.5f} {train[lam][0] / base_train - 1:+7.0%} | "
          f"{test[lam][0]:9.5f} {test[lam][0] / base_test - 1:+7.0%} | {test[lam][0] - train[lam][0]:.5f}")

big = max(table.lams)
best = table.best_lam("test_mse", mode="min")
spread = max(s for _, s in test.values())  # largest seed-to-seed std of the test MSE
print(f"\nlowest mean test MSE at c = {best:g}: {test[best][0]:.5f} vs {base_test:.5f} without penalty "
      f"({test[best][0] / base_test - 1:+.1%}); the largest seed std of the test MSE is {spread:.5f}")

assert base_test > 1.3 * base_train  # without a penalty: a clear train/test gap
assert train[big][0] > 1.5 * base_train  # a strong penalty raises the training error by more than half
assert test[big][0] > 1.2 * base_test  # ... and raises the test error too
assert test[big][0] - train[big][0] < 0.5 * (base_test - base_train)  # it narrows the gap ...
assert train[big][0] - base_train > test[big][0] - base_test  # ... because training error rises more
assert min(test[lam][0] for lam in table.lams) > 0.9 * base_test  # no c lowers test MSE by 10% or more
assert base_test - test[best][0] <= spread  # the best gain is within the seed-to-seed spread

# %% [markdown]
# What the numbers say:
# - Without a penalty the 500-digit autoencoder reconstructs its training digits much better than
#   new ones (a test MSE over 30% higher). That gap is what overfitting looks like here.
# - The penalty **narrows the gap by raising the training error**, which rises more than the test
#   error. At c = 1e-4 the training error rises by more than half, and the test error by more
#   than 20%.
# - **No c we tried lowers the mean test error by more than the seed-to-seed spread** (the printed
#   std), let alone by 10%. On this task, L2 on the weights does not make reconstructions of new
#   digits clearly closer to the originals.
#
# For the training images the source's claim is false: a penalty strong enough to matter makes
# their reconstructions worse. For new images it is not supported here. More data helps far more: the 60,000-digit model of section 4 has less than half the
# small model's test MSE.

# %%
assert ae_mse < 0.5 * base_test

# %% [markdown]
# ## 7. L1 on the code: a sparse autoencoder
#
# An L1 penalty on the **code** $z$ (an *activity* regularizer) pushes code units to exactly zero,
# so that each digit is described by a few active units. `build_autoencoder(activity_l1=c)` puts
# `keras.regularizers.L1(c)` on the code layer. Keras **divides activity penalties by the batch
# size** (kernel penalties are not divided). The value added for a batch is c · Σ|z| / batch size:

# %%
probe_layer = layers.Activation("linear", activity_regularizer=keras.regularizers.L1(0.01))
batch = np.abs(np.random.default_rng(0).normal(size=(4, CODE_SIZE))).astype(np.float32)
probe_layer(batch)
print(f"Keras adds {float(probe_layer.losses[0]):.5f}; c·Σ|z| = {0.01 * np.abs(batch).sum():.5f}; "
      f"c·Σ|z| / 4 = {activity_l1_penalty(batch, 0.01):.5f}")
assert np.isclose(float(probe_layer.losses[0]), activity_l1_penalty(batch, 0.01), rtol=1e-5)

# %% [markdown]
# We train a sparse autoencoder with the same data, epochs and seed as the plain one of section 4,
# and count code units on the 10,000 test digits. A ReLU unit is either exactly 0 or positive. We
# count exact zeros, and "near zeros" with |z| ≤ 1% of the digit's largest code value. That
# tolerance is relative to the code's scale, because the L1 penalty also shrinks the whole code, as
# we will see. For comparison we also count |z| ≤ 0.01.

# %%
notebook.seed_everything(0)
sparse_ae, sparse_encoder, sparse_decoder = build_autoencoder(encoding_dim=CODE_SIZE, activity_l1=ACTIVITY_L1)
sparse_ae.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE), loss="mse", steps_per_execution=STEPS)
sparse_ae.fit(x_train, x_train, epochs=EPOCHS, batch_size=BATCH_SIZE, verbose=0)
x_sparse = sparse_ae.predict(x_test, verbose=0, batch_size=1000)
sparse_mse = reconstruction_mse(x_test, x_sparse)

codes = {"plain": encoder.predict(x_test, verbose=0, batch_size=1000),
         f"L1 on the code, c = {ACTIVITY_L1:g}": sparse_encoder.predict(x_test, verbose=0, batch_size=1000)}
decoders = {"plain": decoder, f"L1 on the code, c = {ACTIVITY_L1:g}": sparse_decoder}
stats = {}
for label, z in codes.items():
    stats[label] = {
        "exact zeros": zero_fraction(z).mean(),
        "near zeros": zero_fraction(z, tol=NEAR_ZERO, relative=True).mean(),
        "|z| <= 0.01 (absolute)": zero_fraction(z, tol=0.01).mean(),
        "active units per digit": np.mean(np.sum(z > 0, axis=1)),
        "dead units (0 on every test digit)": len(dead_units(z)),
        "mean |z|": np.abs(z).mean(),
        "‖first decoder kernel‖_F": float(np.linalg.norm(decoders[label].get_layer("dec_1").kernel.numpy())),
    }
stats["plain"]["test MSE"], stats[f"L1 on the code, c = {ACTIVITY_L1:g}"]["test MSE"] = ae_mse, sparse_mse
plain, sparse = stats.values()
print(f"{'':>36} {'plain':>10} {'sparse':>10}")
for key in plain:
    print(f"{key:>36} {plain[key]:>10.4g} {sparse[key]:>10.4g}")

assert sparse["exact zeros"] > plain["exact zeros"] + 0.1  # at least 10 points more exact zeros per digit
assert sparse["active units per digit"] < plain["active units per digit"] - 3
assert sparse["dead units (0 on every test digit)"] >= plain["dead units (0 on every test digit)"] > 0
assert sparse["mean |z|"] < plain["mean |z|"] / 3  # the code shrinks as a whole
assert sparse["‖first decoder kernel‖_F"] > plain["‖first decoder kernel‖_F"]  # ... and the decoder grows
for key in ("near zeros", "|z| <= 0.01 (absolute)"):
    assert abs(sparse[key] - sparse["exact zeros"]) < 0.02  # the three counts agree
assert ae_mse < sparse_mse < pca_mse  # sparsity costs some reconstruction error, still better than PCA

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
for i, (label, z) in enumerate(codes.items()):
    active = z[z > 0]
    axes[0].hist(active / z.max(axis=1, keepdims=True)[np.nonzero(z > 0)[0], 0], bins=50, histtype="step",
                 lw=1.5, color=f"C{i}", label=f"{label}: {100 * stats[label]['exact zeros']:.0f}% exact zeros")
    axes[1].hist(np.sum(z > 0, axis=1), bins=np.arange(CODE_SIZE + 2) - 0.5, histtype="step", lw=1.5,
                 color=f"C{i}", label=label)
axes[0].set(xlabel="non-zero code value / the digit's largest code value", ylabel="count", yscale="log",
            title="Code values of the 10,000 test digits")
axes[1].set(xlabel=f"active code units per digit (of {CODE_SIZE})", ylabel="digits",
            title="How many units describe a digit")
for ax in axes:
    ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# In the left panel each code value is divided by the largest value of its digit, so the largest
# unit of every digit sits at 1.
#
# The L1 penalty on the code works, with two caveats that the numbers show:
# - Fewer units are active per digit, and more units are dead (zero for every digit). Even the
#   plain ReLU code has some dead units. Part of the "sparsity" of any ReLU code comes from them.
# - The code also **shrinks as a whole** (mean |z| falls more than threefold), while the decoder's
#   weights grow to compensate. An L1 penalty on activations alone can be lowered by such
#   rescaling without any unit becoming zero. A fixed absolute tolerance would then count ever more
#   units as "near zero" as the code shrinks. Here the three counts agree within 2 points: the
#   penalty made exact zeros, not only small values. Sparse autoencoders usually also penalize or
#   constrain the decoder's weights to block the rescaling.
#
# The sparse code costs some reconstruction error; it is still better than PCA's dense 32 numbers.
#
# ## 8. Denoising
#
# A **denoising autoencoder** gets a corrupted image as input and the clean image as its target.
# We add Gaussian noise (std 0.3, clipped to [0, 1]) to the digits. Then we fine-tune a copy of the
# trained autoencoder for one pass over 10,000 noisy training digits.

# %%
x_noisy_test = add_noise(x_test, NOISE_STD, seed=1)
x_noisy_train = add_noise(x_train[:DENOISE_N_TRAIN], NOISE_STD, seed=2)

notebook.seed_everything(0)
denoiser, _, _ = build_autoencoder(encoding_dim=CODE_SIZE)
denoiser.set_weights(autoencoder.get_weights())  # start from the trained autoencoder
denoiser.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE), loss="mse", steps_per_execution=STEPS)
denoiser.fit(x_noisy_train, x_train[:DENOISE_N_TRAIN], epochs=DENOISE_EPOCHS, batch_size=BATCH_SIZE, verbose=0)

x_plain_on_noisy = autoencoder.predict(x_noisy_test, verbose=0, batch_size=1000)
x_denoised = denoiser.predict(x_noisy_test, verbose=0, batch_size=1000)
noisy_mse = reconstruction_mse(x_test, x_noisy_test)
plain_on_noisy_mse = reconstruction_mse(x_test, x_plain_on_noisy)
denoised_mse = reconstruction_mse(x_test, x_denoised)
print("MSE against the clean test digits:")
print(f"  noisy input                    {noisy_mse:.5f}")
print(f"  plain autoencoder(noisy)       {plain_on_noisy_mse:.5f}")
print(f"  denoising autoencoder(noisy)   {denoised_mse:.5f}")
assert plain_on_noisy_mse > 0.8 * noisy_mse  # the plain autoencoder barely helps
assert denoised_mse < 0.5 * noisy_mse and denoised_mse < 0.5 * plain_on_noisy_mse  # the denoiser does

# %%
axes = plot_reconstructions({"noisy": x_noisy_test, "plain AE": x_plain_on_noisy, "denoising AE": x_denoised,
                             "clean": x_test}, n=10, show_mse=False)
plt.suptitle("Denoising test digits (noise std 0.3)", y=1.02)
plt.show()

# %% [markdown]
# The plain autoencoder, trained on clean digits only, barely improves on the noisy input. Clipping
# the noise to [0, 1] turns the black background grey, and the model never saw such inputs. After
# one pass over noisy digits with clean targets, the denoising autoencoder is far closer to the
# clean digits than either.
#
# ## Summary
# - The source's model does not run as written. Once it runs, Dense layers on (28, 28, 1) images
#   work pixel by pixel and produce (N, 28, 28, 28). The MSE loss broadcasts against the
#   (N, 28, 28, 1) targets and trains without an error, on a meaningless loss. Flatten first, make
#   the code the narrowest layer, and check that the output shape equals the input shape.
# - Keras's `L2(c)` adds c·Σw² (no ½); `L1(c)` adds c·‖w‖₁, the L1 norm, not ‖w‖₂.
# - With 32 numbers per digit, a dense autoencoder beats PCA on test MSE after two epochs.
# - On 500 training digits, L2 on the weights raised the training error. It narrowed the train/test
#   gap that way, and did not lower the test error by a useful amount. More data helped far more.
# - L1 on the code gives a sparser code (fewer active units per digit). Part of the penalty is
#   absorbed by shrinking the code and growing the decoder, so measure sparsity with a relative
#   tolerance.
# - A denoising autoencoder brings noisy digits much closer to the clean ones.
#
# ## Exercises
# Replace `None` with your answer and run the cell. The check prints ✓ or ✗ with a hint.
#
# **Exercise 1.** How many numbers does the source's encoder output for **one** digit of shape
# (28, 28, 1)? (Section 1 shows the shape; compute the count.)

# %%
from course_lib.checks import lesson04

answer = None  # your answer: a number
lesson04.exercise_1(answer)

# %% [markdown]
# **Exercise 2.** Keras's `"mse"` averages over the **last axis** only. Write
# `per_digit_mse(x, x_hat)` that returns one MSE per image (an array of shape (N,)) for images of
# any shape (N, …).


# %%
def per_digit_mse(x, x_hat):
    return None  # replace with your code


lesson04.exercise_2(None)  # replace None with per_digit_mse to check it

# %% [markdown]
# **Exercise 3.** `lesson04.EXERCISE_CODES` is a batch of 4 codes. What does
# `keras.regularizers.L1(0.01)`, used as an activity regularizer on the code layer, add to the loss
# for this batch?

# %%
print(lesson04.EXERCISE_CODES)
answer = None  # your answer: a number
lesson04.exercise_3(answer)

# %%
stopwatch.report(budget_s=90)
