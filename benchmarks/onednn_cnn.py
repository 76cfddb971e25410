"""Benchmark: does TF_ENABLE_ONEDNN_OPTS=0 slow the CNN down? (It did, so setup() keeps oneDNN on.)

Each measurement runs in a fresh Python process, because TensorFlow reads the
variable once, at import. The child calls ``course_lib.notebook.setup(tensorflow=True,
onednn=...)`` exactly as a notebook does (so op determinism is on), builds
``build_cnn()`` with its default arguments, runs one untimed warm-up batch
(tracing), then times one epoch (Adam, batch 128) on 10,000 training digits and
a prediction pass over the 10,000 test digits.

The two settings are interleaved (off, on, off, on, ...) so that a busy shared
machine slows both alike; the medians, the spread and the ratio are printed.
The child's stderr is captured too: ``setup`` mutes TensorFlow's start-up lines,
and any line written *after* it (e.g. a oneDNN notice during training) would
land in a notebook's outputs, so the script reports whether there was any.

    python benchmarks/onednn_cnn.py               # 3 repeats of each setting
    python benchmarks/onednn_cnn.py --repeats 5 --filters 16 32 --dense-units 64
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
N_DIGITS = 10_000
BATCH = 128


def child(onednn: bool, filters: list[int], dense_units: int) -> None:
    """Time one epoch in this process and print one JSON line."""
    from course_lib import notebook

    notebook.setup(seed=0, tensorflow=True, onednn=onednn)
    import keras

    from course_lib.data import load_mnist
    from course_lib.models import build_cnn

    (x_train, y_train), (x_test, _) = load_mnist(n_train=N_DIGITS, seed=0)
    model = build_cnn(filters=tuple(filters), dense_units=dense_units)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    model.fit(x_train[:BATCH], y_train[:BATCH], epochs=1, batch_size=BATCH, verbose=0)  # tracing
    model.predict(x_test[:BATCH], batch_size=BATCH, verbose=0)
    print("STDERR-AFTER-SETUP", file=sys.stderr, flush=True)
    cpu0, start = time.process_time(), time.perf_counter()
    model.fit(x_train, y_train, epochs=1, batch_size=BATCH, verbose=0)
    epoch_s, epoch_cpu = time.perf_counter() - start, time.process_time() - cpu0
    start = time.perf_counter()
    model.predict(x_test, batch_size=1000, verbose=0)
    predict_s = time.perf_counter() - start
    print(json.dumps({"onednn": onednn, "epoch_s": epoch_s, "epoch_cpu_s": epoch_cpu,
                      "predict_s": predict_s, "env": os.environ["TF_ENABLE_ONEDNN_OPTS"]}))


def measure(onednn: bool, filters: list[int], dense_units: int) -> tuple[dict, str]:
    """Run one child process; return its result and what it wrote to stderr after set-up."""
    cmd = [sys.executable, __file__, "--child", "--filters", *map(str, filters),
           "--dense-units", str(dense_units)] + (["--onednn"] if onednn else [])
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    late_stderr = done.stderr.split("STDERR-AFTER-SETUP", 1)[-1].strip()
    early_stderr = done.stderr.split("STDERR-AFTER-SETUP", 1)[0].strip()
    result["stderr_before_training"] = early_stderr
    return result, late_stderr


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--filters", type=int, nargs="+", default=[32, 64])
    parser.add_argument("--dense-units", type=int, default=128)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--onednn", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.onednn, args.filters, args.dense_units)
        return {}

    print(f"CNN filters={tuple(args.filters)}, dense_units={args.dense_units}; one epoch on "
          f"{N_DIGITS:,} digits, batch {BATCH}; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f} at start", flush=True)
    times: dict[bool, list[dict]] = {False: [], True: []}
    stderr_lines: dict[bool, set[str]] = {False: set(), True: set()}
    for i in range(args.repeats):
        for onednn in (False, True) if i % 2 == 0 else (True, False):
            result, late = measure(onednn, args.filters, args.dense_units)
            times[onednn].append(result)
            if late:
                stderr_lines[onednn].add(late)
            print(f"  run {i + 1}, TF_ENABLE_ONEDNN_OPTS={result['env']}: epoch {result['epoch_s']:6.2f} s "
                  f"(CPU {result['epoch_cpu_s']:6.2f} s), predict 10,000: {result['predict_s']:5.2f} s, "
                  f"load {os.getloadavg()[0]:.2f}", flush=True)

    summary, cpu = {}, {}
    for onednn, label in ((False, "oneDNN off (=0)"), (True, "oneDNN on  (=1, setup() default)")):
        epochs = [r["epoch_s"] for r in times[onednn]]
        summary[onednn] = statistics.median(epochs)
        cpu[onednn] = statistics.median(r["epoch_cpu_s"] for r in times[onednn])
        print(f"{label}: epoch median {summary[onednn]:.2f} s (min {min(epochs):.2f}, max {max(epochs):.2f}), "
              f"CPU median {cpu[onednn]:.2f} s; "
              f"predict median {statistics.median(r['predict_s'] for r in times[onednn]):.2f} s")
    ratio = summary[False] / summary[True]
    print(f"ratio off/on: wall {ratio:.2f}, CPU time {cpu[False] / cpu[True]:.2f}  "
          f"(> 1 means TF_ENABLE_ONEDNN_OPTS=0 is slower)")
    for onednn in (False, True):
        early = {r["stderr_before_training"] for r in times[onednn]} - {""}
        late = stderr_lines[onednn]
        print(f"oneDNN {'on ' if onednn else 'off'}: stderr during set-up and import: "
              f"{'none' if not early else sorted(early)[0][:300]}; during training: "
              f"{'none' if not late else sorted(late)[0][:300]}")
    return {"off_s": summary[False], "on_s": summary[True], "ratio": ratio,
            "cpu_ratio": cpu[False] / cpu[True]}


if __name__ == "__main__":
    main()
