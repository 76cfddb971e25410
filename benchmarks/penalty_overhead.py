"""Benchmark: epoch time of build_cnn() on MNIST with no penalty, keras.regularizers.L2, and a custom-loss L2.

Three variants of the same CNN, trained with Adam on a subset of the MNIST
training digits:

- ``none``:   build_cnn(), plain sparse categorical cross-entropy;
- ``keras``:  build_cnn(l2=c), the penalty added by keras.regularizers.L2 on every kernel;
- ``custom``: build_cnn() with a custom loss: cross-entropy + c · Σ w² summed over kernels(model).

All three start from the same weights. One warm-up epoch each (it includes
tracing), then the timed epochs, interleaved round by round (none, keras,
custom, none, ...) so that a slow-down of a shared machine hits all variants
alike. Prints the median epoch time of each variant and its ratio to
``none``. A script, not a test: run it by hand.

    python benchmarks/penalty_overhead.py
    python benchmarks/penalty_overhead.py --n-train 60000 --epochs 5
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np

from course_lib import notebook

VARIANTS = ("none", "keras", "custom")


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-train", type=int, default=10_000, help="training digits (default 10,000)")
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=3, help="timed epochs per variant, after one warm-up")
    parser.add_argument("--l2", type=float, default=1e-4, help="Keras coefficient c of the L2 penalty")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-onednn", dest="onednn", action="store_false",
                        help="set TF_ENABLE_ONEDNN_OPTS=0 (the course keeps oneDNN on by default)")
    args = parser.parse_args(argv)

    notebook.setup(seed=args.seed, tensorflow=True, onednn=args.onednn)
    import keras
    import tensorflow as tf

    from course_lib.data import load_mnist
    from course_lib.models import build_cnn, kernels
    from course_lib.penalties import l2_penalty

    (x_train, y_train), _ = load_mnist(n_train=args.n_train, seed=args.seed)
    c = args.l2
    cross_entropy = keras.losses.SparseCategoricalCrossentropy()

    models = {"none": build_cnn(), "keras": build_cnn(l2=c), "custom": build_cnn()}
    for name in ("keras", "custom"):
        models[name].set_weights(models["none"].get_weights())

    def penalized_loss(y_true, y_pred):
        penalty = tf.add_n([tf.reduce_sum(tf.square(k)) for k in kernels(models["custom"])])
        return cross_entropy(y_true, y_pred) + c * penalty

    for name, model in models.items():
        model.compile(optimizer=keras.optimizers.Adam(1e-3),
                      loss=penalized_loss if name == "custom" else cross_entropy)

    # The two penalized variants must compute the same loss at the same weights.
    x_probe, y_probe = x_train[:256], y_train[:256]
    probe = {name: model.evaluate(x_probe, y_probe, batch_size=256, verbose=0) for name, model in models.items()}
    expected_penalty = l2_penalty(kernels(models["none"]), c)
    assert np.isclose(probe["keras"], probe["custom"], rtol=1e-5), probe
    assert np.isclose(probe["keras"] - probe["none"], expected_penalty, rtol=1e-3), probe

    def one_epoch(model) -> float:
        start = time.perf_counter()
        model.fit(x_train, y_train, batch_size=args.batch_size, epochs=1, shuffle=True, verbose=0)
        return time.perf_counter() - start

    warmup = {name: one_epoch(model) for name, model in models.items()}
    times: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for _ in range(args.epochs):
        for name in VARIANTS:
            times[name].append(one_epoch(models[name]))
    medians = {name: float(np.median(t)) for name, t in times.items()}
    fastest = {name: float(np.min(t)) for name, t in times.items()}  # least disturbed by other load

    print(f"TensorFlow {tf.__version__}, Keras {keras.__version__}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, TF_ENABLE_ONEDNN_OPTS={os.environ['TF_ENABLE_ONEDNN_OPTS']}, "
          f"1-min load average at the end: {os.getloadavg()[0]:.2f}")
    print(f"build_cnn(): {models['none'].count_params():,} parameters, {len(kernels(models['none']))} kernels; "
          f"{len(x_train):,} digits, batch {args.batch_size}, Adam 1e-3, L2 c = {c:g}")
    print(f"loss at the same weights: none {probe['none']:.6f}, keras {probe['keras']:.6f}, "
          f"custom {probe['custom']:.6f} (penalty {expected_penalty:.6f})")
    print(f"{'variant':<8} {'warm-up s':>10} {'median s':>9} {'ratio':>7} {'min s':>7} {'ratio':>7}   epochs s")
    for name in VARIANTS:
        shown = " ".join(f"{t:.2f}" for t in times[name])
        print(f"{name:<8} {warmup[name]:>10.2f} {medians[name]:>9.2f} {medians[name] / medians['none']:>7.3f} "
              f"{fastest[name]:>7.2f} {fastest[name] / fastest['none']:>7.3f}   {shown}")
    return medians


if __name__ == "__main__":
    main()
