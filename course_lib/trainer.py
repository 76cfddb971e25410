"""Train one small Keras model for many seeds and strengths with a single traced training step.

A sweep that builds, compiles and fits a fresh model per run traces TensorFlow's
training graph again every time (about a second on 2 CPU cores), and a small
model's operations are too small to keep two cores busy. :class:`Trainer` does
neither: it traces its step once, holds the strengths in variables, and trains
one *replica* of the model per seed side by side in the same graph (each replica
has its own weights, optimizer, data and shuffling, so its result is the same as
training it alone), which lets TensorFlow run the replicas on different cores.

Strengths follow the Keras conventions:

- ``l1``, ``l2``: the gradient of l1·Σ|w| + l2·Σw² over the kernels (never biases),
  added to the gradient of the batch-mean loss, as ``keras.regularizers.L1L2(l1, l2)``
  on every kernel does;
- ``weight_decay``: decoupled decay of the kernels, w ← w − lr·wd·w before each
  Adam step: Keras's own implementation (``keras.optimizers.AdamW`` with
  ``exclude_from_weight_decay(var_names=["bias"])``);
- ``dropout``: the rate of every :class:`~course_lib.models.VariableDropout` layer.

Build the model without kernel regularizers (the Trainer's ``l1``/``l2`` replace
them); any other losses the model registers (activity regularizers, ``add_loss``)
are added to the training loss, as ``model.fit`` does.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import keras
import numpy as np
import tensorflow as tf

from ._validate import array, choice, flag, nonnegative, positive, positive_int
from ._validate import seeds as check_seeds
from .models import VariableDropout, kernels

LOSSES = ("mse", "sparse_categorical_crossentropy")


class Trainer:
    """Adam on ``replicas`` copies of one model; ``fit(xs, ys, seeds=[...])`` trains each from fresh weights."""

    def __init__(self, build: Callable[[], keras.Model], *, loss: str, learning_rate: float, batch_size: int,
                 replicas: int = 1, eval_batch_size: int = 1000, record_grad_norm: bool = False):
        self.loss = choice(loss, "loss", LOSSES)
        if not callable(build):
            raise ValueError(f"build must be a function that returns a new keras.Model, "
                             f"got {type(build).__name__}")
        self.learning_rate = positive(learning_rate, "learning_rate")
        self.batch_size = positive_int(batch_size, "batch_size", high=10_000_000)
        self.replicas = positive_int(replicas, "replicas", high=64)
        self.eval_batch_size = positive_int(eval_batch_size, "eval_batch_size", high=10_000_000)
        self.record_grad_norm = flag(record_grad_norm, "record_grad_norm")
        self._build = build
        self._shapes: list | None = None  # the weights' shapes of the first model built
        self.models = [self._new_model() for _ in range(self.replicas)]
        self.l1 = keras.Variable(0.0, trainable=False, name="l1")
        self.l2 = keras.Variable(0.0, trainable=False, name="l2")
        self.weight_decay = keras.Variable(0.0, trainable=False, name="weight_decay")
        self.optimizers = []
        for model in self.models:
            optimizer = keras.optimizers.Adam(self.learning_rate, weight_decay=self.weight_decay)
            optimizer.exclude_from_weight_decay(var_names=["bias"])
            optimizer.build(model.trainable_variables)
            self.optimizers.append(optimizer)
        self._kernel_ids = [{id(k) for k in kernels(m)} for m in self.models]
        self.dropout_layers = [layer for m in self.models for layer in _dropout_layers(m)]
        self._initial_weights: dict[int, tuple[list[np.ndarray], list[np.ndarray]]] = {}
        self._optimizer_state = [v for o in self.optimizers for v in o.variables if v is not o._learning_rate]
        self._clear_optimizers = tf.function(lambda: [v.assign(tf.zeros_like(v)) for v in self._optimizer_state])
        self._train_epoch = tf.function(self._epoch)
        self._eval = tf.function(self._eval_batch, reduce_retracing=True)
        self._predict = tf.function(lambda x, r: self.models[r](x, training=False), reduce_retracing=True)

    def _new_model(self) -> keras.Model:
        model = self._build()
        if not isinstance(model, keras.Model):
            raise ValueError(f"build must return a keras.Model, got {type(model).__name__}")
        shapes = [tuple(v.shape) for v in model.weights]
        if self._shapes is None:
            self._shapes = shapes
        elif shapes != self._shapes:
            raise ValueError("build must return the same architecture every time")
        return model

    def _inputs(self, x, y, name: str, *, per_replica: bool) -> tuple[np.ndarray, np.ndarray]:
        """x as float32 and y as float32 (mse) or int32 class labels (cross-entropy), checked."""
        x = array(x, f"x{name}", dtype=np.float32)
        y = array(y, f"y{name}")
        axis = 1 if per_replica else 0
        if per_replica and (x.ndim < 2 or x.shape[0] != self.replicas or y.shape[:1] != (self.replicas,)):
            raise ValueError(f"x{name} and y{name} need a first axis of length replicas = {self.replicas}, "
                             f"got shapes {x.shape} and {y.shape}")
        if x.ndim <= axis or y.ndim <= axis or x.shape[axis] == 0 or y.shape[axis] != x.shape[axis]:
            raise ValueError(f"x{name} and y{name} must hold the same non-zero number of samples, "
                             f"got shapes {x.shape} and {y.shape}")
        if not _fits(x.shape[axis + 1:], self.model):
            raise ValueError(f"x{name} must hold samples of shape {tuple(self.model.inputs[0].shape[1:])}, "
                             f"got {x.shape[axis + 1:]}")
        if self.loss == "mse":
            return x, y.astype(np.float32)
        n_classes = int(self.model.outputs[0].shape[-1])
        if y.ndim != axis + 1 or np.any(y != np.round(y)) or y.min() < 0 or y.max() >= n_classes:
            raise ValueError(f"y{name} must hold integer class labels from 0 to {n_classes - 1}, one per sample")
        return x, y.astype(np.int32)

    @property
    def model(self) -> keras.Model:
        """The first replica (the only one when ``replicas=1``)."""
        return self.models[0]

    # ------------------------------------------------------------------ one run
    def reset(self, seeds: Sequence[int]) -> None:
        """Give replica r the initial weights and dropout seeds of a model built after seeding with seeds[r].

        The optimizers' states are cleared too, so a run's result does not depend on the runs before it.

        Call :meth:`set_strengths` afterwards: the fresh weights include dropout rates of 0.
        """
        seeds = check_seeds(seeds)
        if len(seeds) != self.replicas:
            raise ValueError(f"seeds must hold one seed per replica ({self.replicas}), got {len(seeds)}")
        for model, seed in zip(self.models, seeds, strict=True):
            if seed not in self._initial_weights:
                keras.utils.set_random_seed(seed)
                fresh = self._new_model()
                self._initial_weights[seed] = (fresh.get_weights(), _dropout_states(fresh))
            weights, dropout_states = self._initial_weights[seed]
            model.set_weights(weights)
            for layer, state in zip(_dropout_layers(model), dropout_states, strict=True):
                layer.seed_generator.state.assign(state)  # the same dropout masks, whatever ran before
        self._clear_optimizers()

    def set_strengths(self, *, l1: float = 0.0, l2: float = 0.0, weight_decay: float = 0.0,
                      dropout: float = 0.0) -> None:
        """Set the penalty strengths (Keras convention), the decoupled weight decay and the dropout rate."""
        self.l1.assign(nonnegative(l1, "l1"))
        self.l2.assign(nonnegative(l2, "l2"))
        self.weight_decay.assign(nonnegative(weight_decay, "weight_decay"))
        dropout = nonnegative(dropout, "dropout")
        if dropout >= 1:
            raise ValueError(f"dropout must be in [0, 1), got {dropout}")
        if dropout and not self.dropout_layers:
            raise ValueError("dropout > 0 needs a model with VariableDropout layers")
        for layer in self.dropout_layers:
            layer.rate.assign(dropout)

    def _data_loss(self, y, out):
        if self.loss == "mse":
            return tf.reduce_mean(tf.square(tf.cast(y, out.dtype) - out))
        return tf.reduce_mean(keras.losses.sparse_categorical_crossentropy(y, out))

    def _epoch(self, xs, ys, orders):
        """One pass of every replica over its own data in its own order; returns (mean data loss, last grad norm).

        The penalty enters through its gradient, l1·sign(w) + 2·l2·w on every kernel:
        what differentiating keras.regularizers.L1L2(l1, l2) gives, with fewer operations.
        """
        n = tf.shape(orders)[1]
        steps = (n + self.batch_size - 1) // self.batch_size
        totals = tf.zeros(self.replicas)
        norms = tf.zeros(self.replicas)
        two_l2 = 2.0 * self.l2
        for i in tf.range(steps):
            start = i * self.batch_size
            size = tf.cast(tf.minimum(n - start, self.batch_size), tf.float32)
            step_losses, step_norms = [], []
            for r, (model, optimizer) in enumerate(zip(self.models, self.optimizers, strict=True)):
                idx = orders[r, start:start + self.batch_size]
                xb, yb = tf.gather(xs[r], idx), tf.gather(ys[r], idx)
                variables = model.trainable_variables
                with tf.GradientTape() as tape:
                    data_loss = self._data_loss(yb, model(xb, training=True))
                    loss = data_loss + tf.add_n(model.losses) if model.losses else data_loss
                grads = tape.gradient(loss, variables)
                grads = [g + self.l1 * tf.sign(v) + two_l2 * v if id(v) in self._kernel_ids[r] else g
                         for g, v in zip(grads, variables, strict=True)]
                optimizer.apply_gradients(zip(grads, variables, strict=True))
                step_losses.append(data_loss)
                if self.record_grad_norm:
                    step_norms.append(tf.linalg.global_norm(grads))
            totals += size * tf.stack(step_losses)
            if self.record_grad_norm:
                norms = tf.stack(step_norms)
        return totals / tf.cast(n, tf.float32), norms

    def fit(self, xs, ys, *, seeds: Sequence[int], epochs: int, l1: float = 0.0, l2: float = 0.0,
            weight_decay: float = 0.0, dropout: float = 0.0, validation: tuple | None = None,
            validate_every: int = 1, keep_best: bool = False, shuffle: bool = True) -> list[dict[str, list]]:
        """Train replica r on (xs[r], ys[r]) from the fresh weights of seeds[r]; return one history per replica.

        ``history["loss"]`` is the mean data loss (penalty excluded) over each epoch's
        batches; with ``record_grad_norm``, ``history["grad_norm"]`` is the global norm
        of the last batch's gradient (penalty included). With ``validation=(x_val, y_val)``
        the validation loss (and accuracy) are recorded after every ``validate_every``-th
        epoch and after the last (``history["val_epoch"]`` lists which), and
        ``keep_best`` also keeps a copy of each replica's weights at its epoch with the
        lowest validation loss (``history["best_epoch"]``, 1-based): the models stay at
        their last epoch until :meth:`restore_best` (early stopping) is called.
        Each epoch's shuffling is drawn from the replica's seed.
        """
        epochs = positive_int(epochs, "epochs", high=100_000)
        validate_every = positive_int(validate_every, "validate_every")
        seeds = check_seeds(seeds)
        if len(seeds) != self.replicas:
            raise ValueError(f"seeds must hold one seed per replica ({self.replicas}), got {len(seeds)}")
        xs, ys = self._inputs(xs, ys, "s", per_replica=True)
        keep_best, shuffle = flag(keep_best, "keep_best"), flag(shuffle, "shuffle")
        if validation is not None:
            if not isinstance(validation, (tuple, list)) or len(validation) != 2:
                raise ValueError("validation must be a pair (x_val, y_val) or None")
            validation = self._inputs(*validation, "_val", per_replica=False)
        if keep_best and validation is None:
            raise ValueError("keep_best needs validation data")
        self.reset(seeds)
        self.set_strengths(l1=l1, l2=l2, weight_decay=weight_decay, dropout=dropout)
        start = time.perf_counter()
        n = xs.shape[1]
        xs_t, ys_t = tf.constant(xs), tf.constant(ys)
        rngs = [np.random.default_rng(s) for s in seeds]
        histories: list[dict[str, list]] = [{"loss": [], "grad_norm": []} for _ in seeds]
        best = [(np.inf, None, 0)] * self.replicas
        for epoch in range(1, epochs + 1):
            orders = np.stack([rng.permutation(n) if shuffle else np.arange(n) for rng in rngs])
            losses, norms = self._train_epoch(xs_t, ys_t, tf.constant(orders, dtype=tf.int32))
            for r, h in enumerate(histories):
                h["loss"].append(float(losses[r]))
                if self.record_grad_norm:
                    h["grad_norm"].append(float(norms[r]))
            if validation is not None and (epoch % validate_every == 0 or epoch == epochs):
                scores = self.evaluate(*validation)
                for r, h in enumerate(histories):
                    h.setdefault("val_epoch", []).append(epoch)
                    for name, values in scores.items():
                        h.setdefault(f"val_{name}", []).append(float(values[r]))
                    if keep_best and h["val_loss"][-1] < best[r][0]:
                        best[r] = (h["val_loss"][-1], self.models[r].get_weights(), epoch)
        self._best_weights = [b[1] for b in best] if keep_best else None
        if keep_best:
            for h, b in zip(histories, best, strict=True):
                h["best_epoch"] = b[2]
        elapsed = time.perf_counter() - start
        for h in histories:
            h["time_s"] = elapsed / self.replicas
            if not self.record_grad_norm:
                del h["grad_norm"]
        return histories

    def restore_best(self) -> None:
        """Early stopping: give every replica its weights of the epoch with the lowest validation loss."""
        if getattr(self, "_best_weights", None) is None:
            raise ValueError("call fit(..., validation=..., keep_best=True) first")
        self.set_weights(self._best_weights)

    def get_weights(self) -> list[list[np.ndarray]]:
        """A copy of every replica's weights, replica by replica (to keep a trained setting)."""
        return [model.get_weights() for model in self.models]

    def set_weights(self, weights: list) -> None:
        """Give replica r the weights weights[r], as get_weights() returned them (to score a kept setting)."""
        if not isinstance(weights, (list, tuple)) or len(weights) != self.replicas:
            raise ValueError(f"weights must hold one list of arrays per replica ({self.replicas})")
        for model, replica_weights in zip(self.models, weights, strict=True):
            model.set_weights(replica_weights)

    # ------------------------------------------------------------------ evaluation
    def _eval_batch(self, x, y, shared):
        sums, seconds = [], []
        for r, model in enumerate(self.models):
            xr, yr = (x, y) if shared else (x[r], y[r])
            out = model(xr, training=False)
            if self.loss == "mse":
                sums.append(tf.reduce_sum(tf.square(tf.cast(yr, out.dtype) - out)))
                seconds.append(tf.cast(tf.size(out), tf.float32))
            else:
                # From the logits the softmax output remembers: exact even for a confident
                # mistake whose probability underflows to 0 in float32.
                sums.append(tf.reduce_sum(keras.losses.sparse_categorical_crossentropy(yr, out)))
                hits = tf.equal(tf.argmax(out, axis=1, output_type=tf.int32), tf.cast(yr, tf.int32))
                seconds.append(tf.reduce_sum(tf.cast(hits, tf.float32)))
        return tf.stack(sums), tf.stack(seconds)

    def evaluate(self, x, y, *, per_replica: bool = False) -> dict[str, np.ndarray]:
        """Unpenalized loss of every replica (and accuracy for a classifier), one array entry per replica.

        (x, y) is shared by all replicas or, with ``per_replica``, holds one data set
        per replica along a first axis (x of shape (replicas, samples, ...)).
        """
        per_replica = flag(per_replica, "per_replica")
        x, y = self._inputs(x, y, "", per_replica=per_replica)
        shared = not per_replica
        axis = 0 if shared else 1
        n = x.shape[axis]
        total, second = np.zeros(self.replicas), np.zeros(self.replicas)
        for i in range(0, n, self.eval_batch_size):
            part = slice(i, i + self.eval_batch_size)
            xb, yb = (x[part], y[part]) if shared else (x[:, part], y[:, part])
            a, b = self._eval(tf.constant(xb), tf.constant(yb), shared)
            total, second = total + a.numpy(), second + b.numpy()
        if self.loss == "mse":
            return {"loss": total / second}
        return {"loss": total / n, "accuracy": second / n}

    def predict(self, x, replica: int = 0) -> np.ndarray:
        """Output of one replica for x, in batches of ``eval_batch_size`` (inference mode: no dropout)."""
        replica = positive_int(replica + 1 if isinstance(replica, (int, np.integer)) and not isinstance(
            replica, (bool, np.bool_)) else replica, "replica", high=self.replicas) - 1
        x = array(x, "x", dtype=np.float32)
        if x.ndim == 0 or not _fits(x.shape[1:], self.model) or len(x) == 0:
            raise ValueError(f"x must hold at least one sample of shape {tuple(self.model.inputs[0].shape[1:])}, "
                             f"got shape {x.shape}")
        return np.concatenate([self._predict(tf.constant(x[i:i + self.eval_batch_size]), int(replica)).numpy()
                               for i in range(0, len(x), self.eval_batch_size)])

    @property
    def tracing_count(self) -> int:
        """How many times the training step was traced (1 after any number of runs with same-shaped data)."""
        return self._train_epoch.experimental_get_tracing_count()


def _fits(sample_shape: tuple, model: keras.Model) -> bool:
    """True if samples of this shape fit the model's input (a trailing channel axis of 1 may be left out)."""
    expected = tuple(model.inputs[0].shape[1:])
    return sample_shape == expected or (expected[-1:] == (1,) and sample_shape == expected[:-1])


def _all_layers(model: keras.Model) -> list:
    """Every layer of a model, nested models included."""
    out = []
    for layer in model.layers:
        out.append(layer)
        if isinstance(layer, keras.Model):
            out.extend(_all_layers(layer))
    return out


def _dropout_layers(model: keras.Model) -> list:
    """The model's VariableDropout layers, in order."""
    return [layer for layer in _all_layers(model) if isinstance(layer, VariableDropout)]


def _dropout_states(model: keras.Model) -> list[np.ndarray]:
    """The seed-generator states of the model's dropout layers (they are not among model.weights)."""
    return [layer.seed_generator.state.numpy() for layer in _dropout_layers(model)]
