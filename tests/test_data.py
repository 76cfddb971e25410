"""course_lib.data: the bundled MNIST (checksum, layout, label counts) and make_sparse_regression."""

import shutil

import numpy as np
import pytest

from course_lib import data

TRAIN_LABEL_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]


@pytest.fixture(scope="module")
def mnist_raw():
    return data.load_mnist(normalize=False)


def test_mnist_layout_and_label_counts(mnist_raw):
    (x_train, y_train), (x_test, y_test) = mnist_raw
    assert x_train.shape == (60000, 28, 28) and x_train.dtype == np.uint8
    assert x_test.shape == (10000, 28, 28) and x_test.dtype == np.uint8
    assert y_train.shape == (60000,) and y_train.dtype == np.uint8
    assert y_test.shape == (10000,) and y_test.dtype == np.uint8
    assert np.bincount(y_train, minlength=10).tolist() == TRAIN_LABEL_COUNTS
    assert np.bincount(y_test, minlength=10).sum() == 10000
    assert x_train.max() == 255 and x_train.min() == 0


def test_mnist_normalized_subset_is_reproducible(mnist_raw):
    (x_raw, y_raw), _ = mnist_raw
    (x_a, y_a), (x_test, _) = data.load_mnist(n_train=500, seed=3)
    (x_b, y_b), _ = data.load_mnist(n_train=500, seed=3)
    (x_c, _), _ = data.load_mnist(n_train=500, seed=4)
    assert x_a.shape == (500, 28, 28) and x_a.dtype == np.float32
    assert 0.0 <= x_a.min() and x_a.max() <= 1.0 and x_test.dtype == np.float32
    np.testing.assert_array_equal(x_a, x_b)
    np.testing.assert_array_equal(y_a, y_b)
    assert not np.array_equal(x_a, x_c)
    # The subset is made of real training digits, with their own labels.
    raw = {x.tobytes(): y for x, y in zip(x_raw, y_raw, strict=True)}
    for x, y in zip(x_a[:50], y_a[:50], strict=True):
        assert raw[np.round(x * 255).astype(np.uint8).tobytes()] == y


def test_mnist_bad_n_train():
    with pytest.raises(ValueError, match="n_train"):
        data.load_mnist(n_train=0)
    with pytest.raises(ValueError, match="n_train"):
        data.load_mnist(n_train=60001)


def test_missing_file_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(FileNotFoundError, match=r"mnist\.npz") as info:
        data.load_mnist()
    assert str(tmp_path) in str(info.value) and "build_mnist.py" in str(info.value)


def test_corrupt_file_mentions_checksum(tmp_path, monkeypatch):
    corrupt = tmp_path / "mnist.npz"
    shutil.copy(data.mnist_path(), corrupt)
    with corrupt.open("r+b") as f:  # flip one byte in the middle
        f.seek(5_000_000)
        byte = f.read(1)
        f.seek(5_000_000)
        f.write(bytes([byte[0] ^ 0xFF]))
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(data.ChecksumError, match="checksum") as info:
        data.load_mnist()
    assert isinstance(info.value, ValueError) and "corrupt" in str(info.value)


def test_truncated_file_mentions_checksum(tmp_path, monkeypatch):
    (tmp_path / "mnist.npz").write_bytes(data.mnist_path().read_bytes()[:1000])
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(ValueError, match="sha256 checksum"):
        data.load_mnist()


def test_make_sparse_regression():
    X, y, w = data.make_sparse_regression(200, 30, 5, noise=0.5, seed=1)
    assert X.shape == (200, 30) and y.shape == (200,) and w.shape == (30,)
    assert np.count_nonzero(w) == 5 and np.all(np.abs(w[w != 0]) >= 1.0)
    residual = y - X @ w
    assert 0.3 < residual.std() < 0.7  # the noise level we asked for
    X2, y2, w2 = data.make_sparse_regression(200, 30, 5, noise=0.5, seed=1)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    np.testing.assert_array_equal(w, w2)
    _, y0, _ = data.make_sparse_regression(50, 10, 3, noise=0.0)
    X0, _, w0 = data.make_sparse_regression(50, 10, 3, noise=0.0)
    np.testing.assert_allclose(y0, X0 @ w0)


@pytest.mark.parametrize(("args", "kwargs", "match"), [
    ((0, 5, 1), {}, "n_samples"),
    ((10, -1, 1), {}, "n_features"),
    ((10, 5, 6), {}, "n_informative"),
    ((10, 5, 2), {"noise": -0.1}, "noise"),
    ((10, 5, 2), {"noise": np.nan}, "noise"),
])
def test_make_sparse_regression_bad_inputs(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        data.make_sparse_regression(*args, **kwargs)


def test_data_errors_say_what_is_wrong_and_what_to_do(tmp_path, monkeypatch):
    # a folder where the file should be
    (tmp_path / "mnist.npz").mkdir()
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(IsADirectoryError, match="is a folder"):
        data.load_mnist()
    # the variable may name the file itself, and ~ is expanded
    monkeypatch.delenv(data.DATA_DIR_VARIABLE)
    original = data.data_dir() / "mnist.npz"
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(original))
    (x_train, _), _ = data.load_mnist(n_train=10)
    assert x_train.shape == (10, 28, 28)
    monkeypatch.setenv("HOME", str(tmp_path))
    shutil.copy(original, tmp_path / "copy.npz")
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, "~/copy.npz")
    assert data.mnist_path() == tmp_path / "copy.npz"


def test_unreadable_file_says_how_to_fix_it(tmp_path, monkeypatch):
    import os

    if os.geteuid() == 0:
        monkeypatch.setattr(type(tmp_path), "read_bytes", lambda self: (_ for _ in ()).throw(PermissionError()))
    target = tmp_path / "mnist.npz"
    target.write_bytes(b"x")
    target.chmod(0)
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(PermissionError, match="chmod"):
        data.load_mnist()


@pytest.mark.parametrize(("kwargs", "name"), [({"normalize": "yes"}, "normalize"), ({"seed": 1.5}, "seed"),
                                              ({"seed": -1}, "seed"), ({"n_train": 2.0}, "n_train")])
def test_load_mnist_rejects_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        data.load_mnist(**kwargs)


@pytest.mark.parametrize(("args", "kwargs", "name"), [
    ((20, 5, 2), {"seed": 1.5}, "seed"), ((20, 5, 6), {}, "n_informative"), ((20.0, 5, 2), {}, "n_samples"),
    ((20, 5, 2), {"noise": -1.0}, "noise"), ((10**5, 10**5, 1), {}, "n_samples"),
])
def test_make_sparse_regression_rejects_bad_arguments(args, kwargs, name):
    with pytest.raises(ValueError, match=name):
        data.make_sparse_regression(*args, **kwargs)


def test_mnist_is_found_in_an_install_then_in_a_clone_and_the_variable_wins(tmp_path, monkeypatch):
    monkeypatch.delenv(data.DATA_DIR_VARIABLE, raising=False)
    assert data.data_dir() == data.REPOSITORY_DIR  # a clone: no copy inside the package
    packaged = tmp_path / "_data"
    packaged.mkdir()
    shutil.copy(data.REPOSITORY_DIR / data.MNIST_FILE, packaged / data.MNIST_FILE)
    monkeypatch.setattr(data, "PACKAGED_DIR", packaged)
    assert data.mnist_path() == packaged / data.MNIST_FILE  # a wheel or `pip install .`
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path / "elsewhere"))
    with pytest.raises(FileNotFoundError, match="elsewhere"):
        data.mnist_path()
    monkeypatch.delenv(data.DATA_DIR_VARIABLE)
    monkeypatch.setattr(data, "PACKAGED_DIR", tmp_path / "none")
    monkeypatch.setattr(data, "REPOSITORY_DIR", tmp_path / "neither")
    with pytest.raises(FileNotFoundError, match=r"none.*\(installed\).*neither.*\(a clone\).*reinstall"):
        data.load_mnist()


def test_make_nonlinear_regression_follows_its_formula_and_rng():
    X, y = data.make_nonlinear_regression(20_000, np.random.default_rng(5), noise=0.3)
    assert X.shape == (20_000, 10) and y.shape == (20_000, 1) and X.dtype == y.dtype == np.float32
    assert X.min() >= -1 and X.max() <= 1
    signal = np.sin(3 * X[:, 0]) + 2 * X[:, 1] * X[:, 2] + X[:, 3] ** 2
    residual = y[:, 0] - signal
    assert abs(residual.std() - 0.3) < 0.01 and abs(residual.mean()) < 0.01
    assert abs(np.corrcoef(X[:, 4], residual)[0, 1]) < 0.03  # a distractor: unrelated to y beyond the signal
    noiseless = data.make_nonlinear_regression(50, np.random.default_rng(5), noise=0.0)[1][:, 0]
    again = data.make_nonlinear_regression(50, np.random.default_rng(5), noise=0.0)[1][:, 0]
    np.testing.assert_array_equal(noiseless, again)
    rng = np.random.default_rng(1)  # one generator, two sets in turn: different sets
    assert not np.array_equal(data.make_nonlinear_regression(5, rng)[0], data.make_nonlinear_regression(5, rng)[0])


@pytest.mark.parametrize(("args", "kwargs", "name"), [
    ((0, np.random.default_rng()), {}, "n_samples"), ((5, 0), {}, "rng"),
    ((5, np.random.default_rng()), {"noise": -1.0}, "noise")])
def test_make_nonlinear_regression_rejects_bad_arguments(args, kwargs, name):
    with pytest.raises(ValueError, match=name):
        data.make_nonlinear_regression(*args, **kwargs)
