"""course_lib.models: shapes, penalties on kernels only, bad inputs; course_lib.penalties against Keras."""

import sys

import numpy as np
import pytest

from course_lib import notebook

if "tensorflow" not in sys.modules:
    notebook.quiet_tensorflow()  # before TensorFlow loads: keeps its start-up lines out of the test output

keras = pytest.importorskip("keras")
tf = pytest.importorskip("tensorflow")

from course_lib.models import build_autoencoder, build_cnn, build_mlp, kernels
from course_lib.penalties import l1_penalty, l2_penalty


@pytest.fixture(autouse=True)
def _fresh_keras():
    keras.backend.clear_session(free_memory=False)  # no gc.collect(): it costs ~0.3 s a test
    notebook.seed_everything(0)
    yield


def _regularized_layers(model):
    """Every layer that owns a kernel, including those inside nested models."""
    found = []
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            found += _regularized_layers(layer)
        elif hasattr(layer, "kernel"):
            found.append(layer)
    return found


# --- shapes ---------------------------------------------------------------------------------------------


def test_mlp_shapes_and_parameter_count():
    model = build_mlp(10)
    assert model(np.zeros((5, 10), "float32")).shape == (5, 1)
    assert model.count_params() == 10 * 64 + 64 + 64 + 1
    assert [tuple(k.shape) for k in kernels(model)] == [(10, 64), (64, 1)]
    deeper = build_mlp(3, hidden=(8, 4))
    assert deeper(np.zeros((2, 3), "float32")).shape == (2, 1)
    assert [tuple(k.shape) for k in kernels(deeper)] == [(3, 8), (8, 4), (4, 1)]


@pytest.mark.parametrize("input_shape", [(28, 28), (28, 28, 1), (8, 6)])
def test_autoencoder_output_shape_equals_input_shape(input_shape):
    autoencoder, encoder, decoder = build_autoencoder(input_shape=input_shape, encoding_dim=4, hidden=(16, 8))
    x = np.random.default_rng(0).random((3, *input_shape)).astype("float32")
    out = autoencoder(x)
    assert out.shape == x.shape
    code = encoder(x)
    assert code.shape == (3, 4)
    assert decoder(code).shape == x.shape
    assert np.all((out.numpy() >= 0) & (out.numpy() <= 1))  # sigmoid pixels
    np.testing.assert_allclose(decoder(encoder(x)).numpy(), out.numpy(), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(("encoding_dim", "hidden"), [(128, (256, 128)), (32, (256, 32)), (64, (32,))])
def test_autoencoder_without_bottleneck_raises(encoding_dim, hidden):
    with pytest.raises(ValueError, match="encoding_dim"):
        build_autoencoder(encoding_dim=encoding_dim, hidden=hidden)


def test_autoencoder_code_as_wide_as_the_image_raises():
    with pytest.raises(ValueError, match="encoding_dim"):
        build_autoencoder(input_shape=(4, 4), encoding_dim=16, hidden=())


@pytest.mark.parametrize("input_shape", [(28, 28, 1), (28, 28)])
def test_cnn_shapes_and_softmax(input_shape):
    model = build_cnn(input_shape=input_shape)
    x = np.random.default_rng(0).random((4, *input_shape)).astype("float32")
    probs = model(x).numpy()
    assert probs.shape == (4, 10)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)
    assert [len(k.shape) for k in kernels(model)] == [4, 4, 2, 2]  # two convolutions, two dense layers
    assert build_cnn(input_shape=(12, 12, 3), n_classes=3, filters=(4,), dense_units=8)(
        np.zeros((2, 12, 12, 3), "float32")).shape == (2, 3)


def test_cnn_dropout_adds_layers_only_when_asked():
    def names(model):
        return [layer.name for layer in model.layers]

    assert not any("dropout" in n for n in names(build_cnn()))
    assert sum("dropout" in n for n in names(build_cnn(dropout=0.3))) == 2


# --- penalties: kernels only ------------------------------------------------------------------------------


def _builders(**penalty):
    return {
        "mlp": (lambda: build_mlp(10, **penalty), (4, 10)),
        "autoencoder": (lambda: build_autoencoder(input_shape=(8, 8), encoding_dim=4, hidden=(16, 8),
                                                  **penalty)[0], (4, 8, 8)),
        "cnn": (lambda: build_cnn(input_shape=(12, 12, 1), filters=(4, 8), dense_units=16, **penalty),
                (4, 12, 12, 1)),
    }


@pytest.mark.parametrize("name", ["mlp", "autoencoder", "cnn"])
@pytest.mark.parametrize(("penalty", "reference"), [
    ({"l2": 0.01}, lambda ks: l2_penalty(ks, 0.01)),
    ({"l1": 0.003}, lambda ks: l1_penalty(ks, 0.003)),
    ({"l1": 0.003, "l2": 0.01}, lambda ks: l1_penalty(ks, 0.003) + l2_penalty(ks, 0.01)),
])
def test_model_losses_are_the_penalty_over_kernels(name, penalty, reference):
    build, shape = _builders(**penalty)[name]
    model = build()
    model(np.zeros(shape, "float32"))
    assert len(model.losses) == len(kernels(model))  # one term per kernel, none per bias
    np.testing.assert_allclose(float(tf.add_n(model.losses)), reference(kernels(model)), rtol=1e-6)
    for layer in _regularized_layers(model):
        assert layer.kernel_regularizer is not None
        assert getattr(layer, "bias_regularizer", None) is None


@pytest.mark.parametrize("name", ["mlp", "autoencoder", "cnn"])
def test_no_penalty_means_no_losses(name):
    build, shape = _builders()[name]
    model = build()
    model(np.zeros(shape, "float32"))
    assert model.losses == []
    assert all(layer.kernel_regularizer is None for layer in _regularized_layers(model))


def test_biases_are_not_penalized_after_training():
    """A few steps make the biases non-zero; the penalty still covers the kernels alone."""
    c = 0.05
    model = build_mlp(10, l2=c)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(32, 10)).astype("float32")
    y = (x[:, :1] + 1.0).astype("float32")  # an offset the biases must learn
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="mse")
    model.fit(x, y, batch_size=32, epochs=3, verbose=0)
    biases = [v for v in model.trainable_variables if v.path.endswith("bias")]
    assert any(np.any(b.numpy() != 0) for b in biases)
    model(x[:1])
    penalty = float(tf.add_n(model.losses))
    np.testing.assert_allclose(penalty, l2_penalty(kernels(model), c), rtol=1e-6)
    assert l2_penalty(model.trainable_variables, c) > penalty * (1 + 1e-6)


def test_activity_l1_penalizes_the_code_divided_by_batch_size():
    autoencoder, encoder, _ = build_autoencoder(input_shape=(8, 8), encoding_dim=4, hidden=(16, 8),
                                                activity_l1=0.1)
    x = np.random.default_rng(1).random((5, 8, 8)).astype("float32")
    autoencoder(x)
    code = encoder(x).numpy()
    assert len(autoencoder.losses) == 1
    np.testing.assert_allclose(float(autoencoder.losses[0]), 0.1 * np.abs(code).sum() / len(x), rtol=1e-5)


def test_kernels_excludes_biases():
    model = build_cnn(input_shape=(12, 12, 1), filters=(4,), dense_units=8)
    paths = [v.path for v in kernels(model)]
    assert paths and all(p.endswith("kernel") for p in paths)
    assert len(model.trainable_variables) == 2 * len(paths)


# --- bad inputs -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("build", "argument"), [
    (lambda: build_mlp(10, l2=-0.1), "l2"),
    (lambda: build_mlp(10, l1=float("nan")), "l1"),
    (lambda: build_mlp(10, l2=float("inf")), "l2"),
    (lambda: build_mlp(0), "input_dim"),
    (lambda: build_mlp(2.5), "input_dim"),
    (lambda: build_mlp(10, hidden=(64, 0)), "hidden"),
    (lambda: build_mlp(10, hidden=64), "hidden"),
    (lambda: build_autoencoder(encoding_dim=0), "encoding_dim"),
    (lambda: build_autoencoder(l1=-1.0), "l1"),
    (lambda: build_autoencoder(activity_l1=-1e-3), "activity_l1"),
    (lambda: build_autoencoder(input_shape=(28, -28)), "input_shape"),
    (lambda: build_autoencoder(hidden=(256, -1)), "hidden"),
    (lambda: build_cnn(l2=-1e-4), "l2"),
    (lambda: build_cnn(dropout=1.0), "dropout"),
    (lambda: build_cnn(dropout=-0.1), "dropout"),
    (lambda: build_cnn(n_classes=0), "n_classes"),
    (lambda: build_cnn(input_shape=(784,)), "input_shape"),
    (lambda: build_cnn(filters=(32, 0)), "filters"),
    (lambda: build_cnn(dense_units=0), "dense_units"),
])
def test_bad_input_raises_value_error_naming_the_argument(build, argument):
    with pytest.raises(ValueError, match=argument):
        build()


# --- course_lib.penalties against keras.regularizers ------------------------------------------------------


def test_penalties_equal_keras_regularizers_on_keras_variables():
    rng = np.random.default_rng(0)
    shapes = [(10, 64), (64,), (3, 3, 1, 8)]
    variables = [keras.Variable(rng.normal(size=shape).astype("float32")) for shape in shapes]
    for lam in [0.0, 1e-4, 0.01, 2.5]:
        for v in variables:
            np.testing.assert_allclose(l1_penalty(v, lam), float(keras.regularizers.L1(lam)(v)), rtol=1e-5)
            np.testing.assert_allclose(l2_penalty(v, lam), float(keras.regularizers.L2(lam)(v)), rtol=1e-5)
        np.testing.assert_allclose(l1_penalty(variables, lam),
                                   sum(float(keras.regularizers.L1(lam)(v)) for v in variables), rtol=1e-5)
        np.testing.assert_allclose(l2_penalty(variables, lam),
                                   sum(float(keras.regularizers.L2(lam)(v)) for v in variables), rtol=1e-5)


def test_penalties_accept_tf_tensors_and_reject_bad_lam():
    w = tf.constant([[1.0, -2.0], [0.5, 0.0]])
    assert l1_penalty(w, 0.1) == pytest.approx(0.35)
    assert l2_penalty(w, 0.1) == pytest.approx(0.525)
    with pytest.raises(ValueError, match="lam"):
        l2_penalty(w, -1.0)
    with pytest.raises(ValueError, match="weights"):
        l1_penalty([tf.constant([np.nan])], 0.1)


def test_autoencoder_code_is_linear_by_default_relu_on_request():
    x = np.random.default_rng(0).uniform(size=(64, 28, 28)).astype("float32")
    _, encoder, _ = build_autoencoder(encoding_dim=8)
    assert np.any(encoder.predict(x, verbose=0) < 0)  # a linear code takes negative values
    _, relu_encoder, _ = build_autoencoder(encoding_dim=8, code_activation="relu")
    assert np.all(relu_encoder.predict(x, verbose=0) >= 0)
    with pytest.raises(ValueError, match="code_activation"):
        build_autoencoder(code_activation="tanh")


def test_decoder_unit_norm_keeps_rows_of_norm_one_after_training():
    x = np.random.default_rng(0).uniform(size=(64, 28, 28)).astype("float32")
    model, _, decoder = build_autoencoder(encoding_dim=8, code_activation="relu", activity_l1=1e-3,
                                          decoder_unit_norm=True)
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="mse")
    model.fit(x, x, epochs=2, batch_size=16, verbose=0)
    rows = np.linalg.norm(decoder.get_layer("dec_1").kernel.numpy(), axis=1)
    np.testing.assert_allclose(rows, 1.0, rtol=1e-5)
