"""Keras models of the course, returned uncompiled; l1/l2 penalize kernels only (never biases).

Penalty strengths follow the Keras convention: ``l2=c`` adds c·Σw² (no ½)
per kernel to the batch-mean loss, ``l1=c`` adds c·Σ|w|.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import keras
import numpy as np
from keras import layers

from ._validate import flag, nonnegative, positive_int, shape
from ._validate import seed as check_seed


def kernel_regularizer(l1: float = 0.0, l2: float = 0.0):
    """keras.regularizers.L1, L2 or L1L2 for the non-zero strengths; None if both are 0."""
    l1, l2 = nonnegative(l1, "l1"), nonnegative(l2, "l2")
    if l1 and l2:
        return keras.regularizers.L1L2(l1=l1, l2=l2)
    if l1:
        return keras.regularizers.L1(l1)
    if l2:
        return keras.regularizers.L2(l2)
    return None


class VariableDropout(layers.Layer):
    """keras.layers.Dropout whose rate is a variable: ``layer.rate.assign(r)`` changes it without re-tracing.

    In training mode it zeroes each input with probability ``rate`` and scales
    the others by 1/(1 − rate), drawing its masks like ``keras.layers.Dropout``
    with the same seed; at rate 0, or in inference mode, it returns its input.
    """

    def __init__(self, rate: float = 0.0, seed: int | None = None, **kwargs):
        super().__init__(**kwargs)
        rate = nonnegative(rate, "rate")
        seed = check_seed(seed)
        if rate >= 1:
            raise ValueError(f"rate must be in [0, 1), got {rate}")
        self.rate = self.add_weight(shape=(), initializer=keras.initializers.Constant(rate), trainable=False,
                                    name="rate")
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, inputs, training=False):
        if not training:
            return inputs
        import tensorflow as tf

        seed = tf.cast(tf.math.floormod(self.seed_generator.next(), tf.int32.max - 1), tf.int32)
        return tf.nn.experimental.stateless_dropout(inputs, rate=tf.convert_to_tensor(self.rate), seed=seed)

    def compute_output_shape(self, input_shape):
        return input_shape


LARGEST_LAYER = 100_000  # units, filters or input size per axis: larger models are refused, not attempted


MAX_PARAMETERS = 50_000_000


def _check_size(widths: Sequence[int], what: str) -> None:
    """Refuse dense stacks whose weight count (Σ consecutive products) exceeds MAX_PARAMETERS."""
    count = sum(a * b for a, b in itertools.pairwise(widths))
    if count > MAX_PARAMETERS:
        raise ValueError(f"{what} would have about {count:,} weights, over the {MAX_PARAMETERS:,} this course "
                         "builds: use smaller layers")


def _units(hidden: Sequence[int], name: str = "hidden") -> tuple[int, ...]:
    if isinstance(hidden, (str, bytes, dict, set)) or not isinstance(hidden, (Sequence, np.ndarray)):
        raise ValueError(f"{name} must be a sequence of positive integers, got {type(hidden).__name__}")
    return tuple(positive_int(h, name, high=LARGEST_LAYER) for h in hidden)


def build_mlp(input_dim: int, *, hidden: Sequence[int] = (64,), l1: float = 0.0,
              l2: float = 0.0) -> keras.Model:
    """MLP for regression: input_dim → hidden ReLU layers → 1 linear output; penalty on every kernel."""
    input_dim = positive_int(input_dim, "input_dim", high=LARGEST_LAYER)
    _check_size([input_dim, *_units(hidden), 1], "this MLP (input_dim, hidden)")
    inputs = keras.Input(shape=(input_dim,), name="x")
    x = inputs
    for i, units in enumerate(_units(hidden)):
        x = layers.Dense(units, activation="relu", kernel_regularizer=kernel_regularizer(l1, l2),
                         name=f"dense_{i + 1}")(x)
    outputs = layers.Dense(1, kernel_regularizer=kernel_regularizer(l1, l2), name="output")(x)
    return keras.Model(inputs, outputs, name="mlp")


def build_autoencoder(*, input_shape: Sequence[int] = (28, 28), encoding_dim: int = 32,
                      hidden: Sequence[int] = (256, 128), l1: float = 0.0, l2: float = 0.0,
                      activity_l1: float = 0.0, code_activation: str = "linear",
                      decoder_unit_norm: bool = False):
    """(autoencoder, encoder, decoder): Flatten → ReLU hidden → code → mirrored ReLU hidden → sigmoid → Reshape.

    The output has the input's shape. The code is linear by default (every unit
    can carry information; a ReLU code leaves some units dead); ``code_activation="relu"``
    gives a code with exact zeros. ``l1``/``l2`` penalize every kernel;
    ``activity_l1`` puts keras.regularizers.L1 on the code (a sparse autoencoder;
    Keras divides activity penalties by the batch size). ``decoder_unit_norm``
    constrains each code unit's outgoing weights in the decoder's first layer to
    unit L2 norm: this blocks the cheapest way to dodge an activity penalty
    (shrink the code, grow that kernel), but not all: through the ReLU hidden
    layer the scale can pass to its bias and the next kernel.
    """
    input_shape = shape(input_shape, "input_shape")
    encoding_dim = positive_int(encoding_dim, "encoding_dim", high=LARGEST_LAYER)
    hidden = _units(hidden)
    if hidden and encoding_dim >= min(hidden):
        raise ValueError(f"encoding_dim ({encoding_dim}) must be smaller than every hidden width "
                         f"{hidden}, or there is no bottleneck")
    activity_l1 = nonnegative(activity_l1, "activity_l1")
    decoder_unit_norm = flag(decoder_unit_norm, "decoder_unit_norm")
    if decoder_unit_norm and not hidden:
        raise ValueError("decoder_unit_norm needs at least one hidden layer (hidden=())")
    if not isinstance(code_activation, str) or code_activation not in ("linear", "relu"):
        raise ValueError(f"code_activation must be 'linear' or 'relu', got {code_activation!r}")
    n_pixels = int(np.prod(input_shape))
    if encoding_dim >= n_pixels:
        raise ValueError(f"encoding_dim ({encoding_dim}) must be smaller than the input size {n_pixels}")

    _check_size([n_pixels, *hidden, encoding_dim, *reversed(hidden), n_pixels],
                "this autoencoder (input_shape, hidden)")
    image = keras.Input(shape=input_shape, name="image")
    x = layers.Flatten(name="flatten")(image)
    for i, units in enumerate(hidden):
        x = layers.Dense(units, activation="relu", kernel_regularizer=kernel_regularizer(l1, l2),
                         name=f"enc_{i + 1}")(x)
    code = layers.Dense(encoding_dim, activation=code_activation, kernel_regularizer=kernel_regularizer(l1, l2),
                        activity_regularizer=keras.regularizers.L1(activity_l1) if activity_l1 else None,
                        name="code")(x)
    encoder = keras.Model(image, code, name="encoder")

    code_in = keras.Input(shape=(encoding_dim,), name="code_in")
    y = code_in
    for i, units in enumerate(reversed(hidden)):
        constraint = keras.constraints.UnitNorm(axis=1) if decoder_unit_norm and i == 0 else None
        y = layers.Dense(units, activation="relu", kernel_regularizer=kernel_regularizer(l1, l2),
                         kernel_constraint=constraint, name=f"dec_{i + 1}")(y)
    y = layers.Dense(n_pixels, activation="sigmoid", kernel_regularizer=kernel_regularizer(l1, l2),
                     name="pixels")(y)
    decoder = keras.Model(code_in, layers.Reshape(input_shape, name="reshape")(y), name="decoder")

    autoencoder = keras.Model(image, decoder(encoder(image)), name="autoencoder")
    return autoencoder, encoder, decoder


def build_cnn(*, input_shape: Sequence[int] = (28, 28, 1), n_classes: int = 10, l1: float = 0.0,
              l2: float = 0.0, dropout: float = 0.0, filters: Sequence[int] = (32, 64),
              dense_units: int = 128, variable_dropout: bool = False) -> keras.Model:
    """Small CNN classifier with softmax output: [Conv3×3-ReLU → MaxPool]×2 → Dense → softmax.

    A 2-D ``input_shape`` such as (28, 28) gets a channel axis added inside the model.
    ``dropout`` is applied before each dense layer; l1/l2 go on every kernel.
    With ``variable_dropout`` the dropout layers are :class:`VariableDropout`
    (rate ``dropout``, possibly 0, changeable later without re-tracing).
    """
    input_shape = shape(input_shape, "input_shape", ndims=(2, 3))
    n_classes = positive_int(n_classes, "n_classes", high=LARGEST_LAYER)
    filters = _units(filters, "filters")
    side = min(input_shape[:2])
    for _ in filters:  # each block: a valid 3×3 convolution, then 2×2 max pooling
        side = (side - 2) // 2
        if side < 1:
            raise ValueError(f"input_shape {input_shape} is too small for {len(filters)} blocks of 3×3 "
                             "convolution + 2×2 pooling: use fewer filters or larger images")
    dense_units = positive_int(dense_units, "dense_units", high=LARGEST_LAYER)
    depth = input_shape[2] if len(input_shape) == 3 else 1
    _check_size([side * side * (filters[-1] if filters else depth), dense_units, n_classes],
                "this CNN (input_shape, filters, dense_units)")
    variable_dropout = flag(variable_dropout, "variable_dropout")
    dropout = nonnegative(dropout, "dropout")
    if dropout >= 1:
        raise ValueError(f"dropout must be in [0, 1), got {dropout}")
    reg = kernel_regularizer(l1, l2)

    def dropout_layer(name):
        return VariableDropout(dropout, name=name) if variable_dropout else layers.Dropout(dropout, name=name)

    inputs = keras.Input(shape=input_shape, name="image")
    x = layers.Reshape((*input_shape, 1))(inputs) if len(input_shape) == 2 else inputs
    for i, n_filters in enumerate(filters):
        x = layers.Conv2D(n_filters, 3, activation="relu", kernel_regularizer=reg, name=f"conv_{i + 1}")(x)
        x = layers.MaxPooling2D(name=f"pool_{i + 1}")(x)
    x = layers.Flatten(name="flatten")(x)
    if dropout or variable_dropout:
        x = dropout_layer("dropout_1")(x)
    x = layers.Dense(dense_units, activation="relu", kernel_regularizer=reg, name="dense")(x)
    if dropout or variable_dropout:
        x = dropout_layer("dropout_2")(x)
    outputs = layers.Dense(n_classes, activation="softmax", kernel_regularizer=reg, name="probs")(x)
    return keras.Model(inputs, outputs, name="cnn")


def kernels(model: keras.Model) -> list:
    """The model's kernel variables (weights of Dense/Conv layers), biases excluded."""
    if not isinstance(model, keras.Model):
        raise ValueError(f"model must be a keras.Model, got {type(model).__name__}")
    return [v for v in model.trainable_variables if v.path.endswith("kernel")]
