"""Lesson 06's trainings, old loop against new, on the same data: seconds per training and their ratio.

Old (the lesson until issue 7): for every run, clear the Keras session, build and
compile a fresh ``build_cnn(filters=(8, 16))`` with ``keras.regularizers.L2``, and
``model.fit`` it for 10 epochs (batch 32, ``steps_per_execution`` = one epoch), then
evaluate it on its training digits and the validation split. Every run traces
TensorFlow's training graph again.

New: one :class:`course_lib.trainer.Trainer` with one replica per seed, traced once;
each run resets the weights and trains the seeds side by side, with one thread per
operation (``setup(intra_op_threads=1)``), as the lesson does.

    python benchmarks/cnn_training_loop.py            # 5 seeds × 2 settings each way

The threading setting must be made before TensorFlow starts, so the two loops run in
two child processes, one after the other, on the same data; the ratio is printed at the end.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

SEEDS = (0, 1, 2, 3, 4)
STRENGTHS = (1e-4, 1e-3)  # two L2 settings: the first includes any tracing
EPOCHS, BATCH, LR, N_TRAIN, N_VAL = 10, 32, 2e-3, 1_000, 1_000


def data():
    import numpy as np

    from course_lib.data import load_mnist

    (x_all, y_all), _ = load_mnist()
    order = np.random.default_rng(0).permutation(len(x_all))
    val_idx, pool = order[:N_VAL], order[N_VAL:]
    idx = np.stack([np.random.default_rng(s).choice(pool, N_TRAIN, replace=False) for s in SEEDS])
    return x_all[idx], y_all[idx].astype("int32"), x_all[val_idx], y_all[val_idx].astype("int32")


def old_loop() -> list[float]:
    """Seconds per training (build, compile, fit, evaluate) for every (strength, seed)."""
    from course_lib import notebook

    notebook.setup(seed=0, tensorflow=True)
    import keras

    from course_lib.models import build_cnn

    xs, ys, x_val, y_val = data()
    times = []
    for lam in STRENGTHS:
        for r, seed in enumerate(SEEDS):
            start = time.perf_counter()
            keras.backend.clear_session(free_memory=False)
            notebook.seed_everything(seed)
            model = build_cnn(filters=(8, 16), dense_units=128, l2=lam)
            model.compile(optimizer=keras.optimizers.Adam(LR), loss="sparse_categorical_crossentropy",
                          metrics=["accuracy"], steps_per_execution=-(-N_TRAIN // BATCH))
            model.fit(xs[r], ys[r], epochs=EPOCHS, batch_size=BATCH, verbose=0)
            model.evaluate(xs[r], ys[r], batch_size=N_TRAIN, verbose=0)
            model.evaluate(x_val, y_val, batch_size=N_VAL, verbose=0)
            times.append(time.perf_counter() - start)
    return times


def new_loop() -> list[float]:
    """Seconds per training for every (strength, seed): each fit's time shared by its replicas."""
    from course_lib import notebook

    notebook.setup(seed=0, tensorflow=True, intra_op_threads=1)
    from course_lib.models import build_cnn
    from course_lib.trainer import Trainer

    xs, ys, x_val, y_val = data()
    trainer = Trainer(lambda: build_cnn(filters=(8, 16), dense_units=128, variable_dropout=True),
                      loss="sparse_categorical_crossentropy", learning_rate=LR, batch_size=BATCH,
                      replicas=len(SEEDS))
    times = []
    for lam in STRENGTHS:
        start = time.perf_counter()
        trainer.fit(xs, ys, seeds=SEEDS, epochs=EPOCHS, l2=lam)
        trainer.evaluate(xs, ys, per_replica=True)
        trainer.evaluate(x_val, y_val)
        times += [(time.perf_counter() - start) / len(SEEDS)] * len(SEEDS)
    return times


def main(argv: list[str] | None = None) -> float:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loop", choices=("old", "new"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.loop:
        print(json.dumps(old_loop() if args.loop == "old" else new_loop()))
        return 0.0
    result = {}
    for loop in ("old", "new"):
        command = [sys.executable, __file__, "--loop", loop]
        out = subprocess.run(command, capture_output=True, text=True, check=True)
        result[loop] = json.loads(out.stdout.strip().splitlines()[-1])
    n = len(SEEDS)
    for loop, times in result.items():
        first, later = sum(times[:n]) / n, sum(times[n:]) / n
        print(f"{loop} loop: {first:.2f} s per training in the first setting (tracing included), "
              f"{later:.2f} s in the second")
    ratio = (sum(result["old"][n:]) / n) / (sum(result["new"][n:]) / n)
    first_ratio = (sum(result["old"][:n]) / n) / (sum(result["new"][:n]) / n)
    print(f"old / new, seconds per training: {ratio:.2f}× after the first setting, "
          f"{first_ratio:.2f}× in the first")
    return ratio


if __name__ == "__main__":
    main()
