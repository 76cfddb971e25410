"""course_lib.trainer.Trainer against Keras's own training: regularizers, AdamW, dropout, replicas."""

import sys

import numpy as np
import pytest

from course_lib import notebook

if "tensorflow" not in sys.modules:
    notebook.quiet_tensorflow()  # before TensorFlow loads: keeps its start-up lines out of the test output

keras = pytest.importorskip("keras")

from course_lib.models import VariableDropout, build_cnn, build_mlp
from course_lib.trainer import Trainer

RNG = np.random.default_rng(0)
X = RNG.normal(size=(64, 6)).astype("float32")
Y = (X @ RNG.normal(size=(6, 1)) + 0.1 * RNG.normal(size=(64, 1))).astype("float32")
LR, BATCH = 0.01, 16


def keras_fit(*, l1=0.0, l2=0.0, weight_decay=0.0, epochs=2, seed=3):
    """The reference: a freshly built model with Keras regularizers, compiled and fitted without shuffling."""
    keras.utils.set_random_seed(seed)
    model = build_mlp(6, hidden=(8,), l1=l1, l2=l2)
    if weight_decay:
        optimizer = keras.optimizers.AdamW(LR, weight_decay=weight_decay)
        optimizer.exclude_from_weight_decay(var_names=["bias"])
    else:
        optimizer = keras.optimizers.Adam(LR)
    model.compile(optimizer=optimizer, loss="mse")
    model.fit(X, Y, batch_size=BATCH, epochs=epochs, shuffle=False, verbose=0)
    return model.get_weights()


@pytest.fixture(scope="module")
def trainer():
    return Trainer(lambda: build_mlp(6, hidden=(8,)), loss="mse", learning_rate=LR, batch_size=BATCH)


@pytest.mark.parametrize("strengths", [{}, {"l2": 0.05}, {"l1": 0.02}, {"weight_decay": 0.5},
                                       {"l1": 0.01, "l2": 0.02}])
def test_same_weights_as_keras_fit(trainer, strengths):
    trainer.fit(X[None], Y[None], seeds=[3], epochs=2, shuffle=False, **strengths)
    expected = keras_fit(**strengths)
    for got, want in zip(trainer.model.get_weights(), expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)


def test_one_trace_for_every_strength(trainer):
    for strengths in ({"l2": 0.1}, {"l1": 0.1}, {"weight_decay": 1.0}, {}):
        trainer.fit(X[None], Y[None], seeds=[1], epochs=1, **strengths)
    assert trainer.tracing_count == 1


def test_reset_gives_the_weights_of_a_freshly_built_model(trainer):
    trainer.fit(X[None], Y[None], seeds=[7], epochs=1)
    trainer.reset([7])
    keras.utils.set_random_seed(7)
    for got, want in zip(trainer.model.get_weights(), build_mlp(6, hidden=(8,)).get_weights(), strict=True):
        np.testing.assert_array_equal(got, want)


def test_replicas_train_as_if_alone():
    build = lambda: build_mlp(6, hidden=(8,))  # noqa: E731
    xs = np.stack([X, X[::-1].copy()])
    ys = np.stack([Y, Y[::-1].copy()])
    pair = Trainer(build, loss="mse", learning_rate=LR, batch_size=BATCH, replicas=2)
    history = pair.fit(xs, ys, seeds=[0, 5], epochs=3, l2=0.01)
    single = Trainer(build, loss="mse", learning_rate=LR, batch_size=BATCH)
    for r, seed in enumerate([0, 5]):
        alone = single.fit(xs[r:r + 1], ys[r:r + 1], seeds=[seed], epochs=3, l2=0.01)
        np.testing.assert_allclose(history[r]["loss"], alone[0]["loss"], rtol=1e-6)
        for got, want in zip(pair.models[r].get_weights(), single.model.get_weights(), strict=True):
            np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-7)
    scores = pair.evaluate(X, Y)
    assert scores["loss"].shape == (2,)
    mse = [float(np.mean((m.predict(X, verbose=0) - Y) ** 2)) for m in pair.models]
    np.testing.assert_allclose(scores["loss"], mse, rtol=1e-5)


def test_classifier_metrics_and_early_stopping():
    rng = np.random.default_rng(1)
    x = rng.uniform(size=(2, 96, 28, 28)).astype("float32")
    y = rng.integers(0, 10, size=(2, 96)).astype("int32")
    trainer = Trainer(lambda: build_cnn(filters=(2, 4), dense_units=8, variable_dropout=True),
                      loss="sparse_categorical_crossentropy", learning_rate=0.01, batch_size=32, replicas=2,
                      eval_batch_size=50)
    histories = trainer.fit(x, y, seeds=[0, 1], epochs=4, dropout=0.3, validation=(x[0], y[0]), keep_best=True)
    for _r, h in enumerate(histories):
        assert len(h["val_loss"]) == len(h["val_accuracy"]) == 4
        assert h["best_epoch"] == int(np.argmin(h["val_loss"])) + 1
    trainer.restore_best()
    scores = trainer.evaluate(x[0], y[0])
    np.testing.assert_allclose(scores["loss"], [min(h["val_loss"]) for h in histories], rtol=1e-5)
    probs = trainer.predict(x[0], replica=1)
    np.testing.assert_allclose(scores["accuracy"][1], np.mean(probs.argmax(axis=1) == y[0]))
    ce = keras.losses.sparse_categorical_crossentropy(y[0], probs).numpy().mean()
    np.testing.assert_allclose(scores["loss"][1], ce, rtol=1e-4)
    per_replica = trainer.evaluate(x, y, per_replica=True)
    assert per_replica["loss"][0] == pytest.approx(scores["loss"][0], rel=1e-6)


def test_a_dropout_run_does_not_depend_on_the_runs_before_it():
    """reset() restores the dropout seed generators too (they are not among model.weights)."""
    rng = np.random.default_rng(2)
    x = rng.uniform(size=(1, 64, 28, 28)).astype("float32")
    y = rng.integers(0, 10, size=(1, 64)).astype("int32")

    def dropout_run(trainer):
        trainer.fit(x, y, seeds=[3], epochs=2, dropout=0.5)
        return trainer.models[0].get_weights()

    def new_trainer():
        return Trainer(lambda: build_cnn(filters=(2, 4), dense_units=8, variable_dropout=True),
                       loss="sparse_categorical_crossentropy", learning_rate=0.01, batch_size=32)

    alone = dropout_run(new_trainer())
    trainer = new_trainer()
    trainer.fit(x, y, seeds=[3], epochs=3, dropout=0.25)  # an earlier run draws masks first
    for ours, expected in zip(dropout_run(trainer), alone, strict=True):
        np.testing.assert_array_equal(ours, expected)


def test_variable_dropout_matches_keras_dropout():
    x = np.ones((4, 50), dtype="float32")
    ours, theirs = VariableDropout(0.4, seed=11), keras.layers.Dropout(0.4, seed=11)
    np.testing.assert_array_equal(ours(x, training=True), theirs(x, training=True))
    np.testing.assert_array_equal(ours(x, training=False), x)
    ours.rate.assign(0.0)
    np.testing.assert_array_equal(ours(x, training=True), x)


def test_bad_arguments_raise_value_error(trainer):
    with pytest.raises(ValueError, match="loss"):
        Trainer(lambda: build_mlp(6), loss="hinge", learning_rate=0.1, batch_size=4)
    with pytest.raises(ValueError, match="seeds"):
        trainer.fit(X[None], Y[None], seeds=[0, 1], epochs=1)
    with pytest.raises(ValueError, match="xs and ys"):
        trainer.fit(X, Y, seeds=[0], epochs=1)
    with pytest.raises(ValueError, match="dropout"):
        trainer.fit(X[None], Y[None], seeds=[0], epochs=1, dropout=0.5)  # no VariableDropout layers
    with pytest.raises(ValueError, match="l2"):
        trainer.fit(X[None], Y[None], seeds=[0], epochs=1, l2=-1.0)
    with pytest.raises(ValueError, match="keep_best"):
        trainer.fit(X[None], Y[None], seeds=[0], epochs=1, keep_best=True)


def test_lesson05_exercise_4_answer_set_matches_keras_adam():
    """The λ for which the small-gradient weight keeps half its value after 300 Adam + L2 steps (notebook 05)."""
    from course_lib.checks import lesson06

    scales = np.array([1.0, 0.001], dtype="float32")
    keeps_half = set()
    for lam in lesson06.DEMO_LAMS:
        w = keras.Variable(np.ones(2, dtype="float32"))
        optimizer = keras.optimizers.Adam(0.01)
        for t in range(300):
            optimizer.apply_gradients([(scales * (-1.0) ** t + 2 * lam * w.numpy(), w)])
        if w.numpy()[1] >= 0.5:
            keeps_half.add(lam)
    assert keeps_half == set(lesson06.DEMO_KEEPS_HALF)


def test_get_and_set_weights_keep_and_restore_a_trained_setting(trainer):
    trainer.fit(X[None], Y[None], seeds=[0], epochs=2)
    kept = trainer.get_weights()
    before = trainer.evaluate(X, Y)["loss"]
    trainer.fit(X[None], Y[None], seeds=[1], epochs=3)  # other weights now
    trainer.set_weights(kept)
    np.testing.assert_allclose(trainer.evaluate(X, Y)["loss"], before)
    with pytest.raises(ValueError, match="weights"):
        trainer.set_weights(kept * 2)
