"""Is this laptop ready for the course? The part of `python3 course.py check` that runs inside .venv.

    python3 course.py check    # Python and disk first, installs if needed, then runs this

One line per check, ✓ or ✗, and for each ✗ what to do; exit status 1 if any check failed.
A JupyterLab server is started first, in the background, and asked for the lessons at the end,
so that its start-up overlaps the imports and the training: the whole check takes about 20 s
on the reference machine.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import secrets
import socket
import statistics
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]
import course

# The speed test: a small MLP trained on 2,000 MNIST digits for TRAIN_EPOCHS epochs after one warm-up
# epoch (which traces the training function). REFERENCE_S is its time on the reference machine, the
# 2-core x86-64 Linux machine without a GPU on which the notebooks' committed stopwatches were taken
# (see README). Remeasure with `python tools/check.py --only speed` when the reference changes.
TRAIN_SAMPLES, TRAIN_EPOCHS, BATCH = 2000, 8, 32
REFERENCE_S = 1.5
MIN_ACCURACY = 0.80  # test accuracy the tiny training must reach (about 0.9 on the reference)
IMPORTS = ("numpy", "scipy", "pandas", "matplotlib", "sklearn", "skimage", "pywt", "threadpoolctl", "ipywidgets",
           "tensorflow", "keras", "course_lib")
LAB_START_TIMEOUT_S = 45.0


class Failed(Exception):
    """A check that failed: its message is what was found, its advice what to do."""

    def __init__(self, found: str, advice: str):
        super().__init__(found)
        self.found, self.advice = found, advice


def report(ok: bool, name: str, detail: str, advice: str | None = None) -> bool:
    return course.report(ok, name, detail, advice)


def run_check(name: str, function, *args) -> bool:
    """Run one check; print its line; never raise."""
    try:
        detail = function(*args)
    except Failed as failure:
        return report(False, name, failure.found, failure.advice)
    except Exception as err:  # a check must report, not crash
        last = traceback.format_exception_only(type(err), err)[-1].strip()
        return report(False, name, f"unexpected error: {last}",
                      "send this output to the teacher; `python3 course.py install --locked` may repair it")
    return report(True, name, detail)


# ------------------------------------------------------------------------------------------------


def check_environment() -> str:
    """.venv is the running environment, course_lib comes from this folder, and the versions are the lock's."""
    venv = ROOT / ".venv"
    if Path(sys.prefix).resolve() != venv.resolve():
        raise Failed(f"running in {sys.prefix}, not in {venv}",
                     "start the check with `python3 course.py check`, which uses the course's .venv")
    stamp = course.read_stamp()
    if not stamp:
        raise Failed(f"{venv} has no record of a finished install", "run `python3 course.py install`")
    mode = stamp.get("mode")
    if not course.install_is_current():
        raise Failed("pyproject.toml or requirements.lock changed since the install",
                     f"run `python3 course.py install --{mode or 'locked'}`")
    source = "requirements.lock" if mode == "locked" else "pyproject.toml's ranges"
    detail = f"{venv.name}, installed from {source}"
    if stamp.get("offline"):
        detail += f" (offline, from {stamp['offline']})"
    if mode == "locked":
        pins = [line.split("==") for line in course.LOCK.read_text(encoding="utf-8").splitlines()
                if "==" in line and not line.startswith("#")]
        wrong = []
        for name, version in pins:
            try:
                found = importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                found = "missing"
            if found != version:
                wrong.append(f"{name} {found} (lock: {version})")
        if wrong:
            raise Failed(f"{len(wrong)} of {len(pins)} packages differ from requirements.lock: "
                         + ", ".join(wrong[:4]) + (" ..." if len(wrong) > 4 else ""),
                         "delete the .venv folder, then run `python3 course.py install --locked`")
        detail += f", all {len(pins)} versions as locked"
    return detail


def check_imports() -> str:
    """The course's libraries import; TensorFlow quietly, as the notebooks load it."""
    from course_lib.notebook import setup

    def failure(name: str, err: Exception) -> str:
        return f"{name} ({type(err).__name__}: {str(err).splitlines()[0][:120] if str(err) else ''})"

    versions, failed = [], []
    try:
        setup(seed=0, tensorflow=True)  # TensorFlow loaded quietly and deterministically, as in the lessons
    except Exception as err:
        failed.append(failure("tensorflow", err))
    for name in IMPORTS:
        try:
            module = importlib.import_module(name)
        except Exception as err:  # ImportError, or a DLL/CPU-instruction error raised while importing
            failed.append(failure(name, err))
            continue
        if name in ("numpy", "tensorflow", "keras", "sklearn", "skimage"):
            versions.append(f"{name} {getattr(module, '__version__', '?')}")
    if failed:
        advice = "run `python3 course.py install --locked`"
        if any(f.startswith("tensorflow") for f in failed):
            advice += ("; on Windows install the Microsoft Visual C++ Redistributable (x64); on a Mac, use a "
                       "native arm64 Python (not one running under Rosetta)")
        raise Failed("cannot import " + "; ".join(failed), advice)
    return ", ".join(versions)


def check_mnist() -> str:
    from course_lib.data import mnist_path

    try:
        path = mnist_path(verify=True)
    except (OSError, ValueError) as err:
        raise Failed(str(err).split(". ")[0], str(err).split(". ", 1)[-1]) from None
    return f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}, sha256 as published"


def check_training() -> tuple[str, float]:
    """Train a tiny MLP on MNIST digits: (what was found, TRAIN_EPOCHS × the median epoch's seconds)."""
    import keras

    from course_lib.data import load_mnist
    from course_lib.notebook import seed_everything

    seed_everything(0)

    (x_train, y_train), (x_test, y_test) = load_mnist(n_train=TRAIN_SAMPLES)
    x_train, x_test = x_train.reshape(len(x_train), -1), x_test[:2000].reshape(2000, -1)
    model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(10)])
    model.compile(optimizer=keras.optimizers.Adam(1e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=1, batch_size=BATCH, verbose=0)  # traces the training step
    class EpochTimes(keras.callbacks.Callback):
        """How long each epoch took."""

        def __init__(self):
            super().__init__()
            self.seconds: list[float] = []

        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.seconds.append(time.perf_counter() - self.start)

    epochs = EpochTimes()
    start = time.perf_counter()
    model.fit(x_train, y_train, epochs=TRAIN_EPOCHS, batch_size=BATCH, verbose=0, callbacks=[epochs])
    seconds = time.perf_counter() - start
    typical = TRAIN_EPOCHS * statistics.median(epochs.seconds)  # robust to a hiccup of the computer
    accuracy = float(model.evaluate(x_test, y_test[:2000], verbose=0)[1])
    if not accuracy >= MIN_ACCURACY:
        raise Failed(f"the tiny model reached only {accuracy:.1%} test accuracy (expected ≥ {MIN_ACCURACY:.0%})",
                     "TensorFlow computes wrong results here: reinstall with `python3 course.py install "
                     "--locked` and tell the teacher")
    found = f"{TRAIN_EPOCHS} epochs on {TRAIN_SAMPLES:,} digits in {seconds:.1f} s, test accuracy {accuracy:.1%}"
    return found, typical


def speed_line(seconds: float) -> tuple[bool, str, str | None]:
    """Speed relative to the reference machine, and what the teacher should expect."""
    from timings import lessons  # tools/timings.py: the committed notebooks' stopwatches

    ratio = seconds / REFERENCE_S
    minutes = sum(lesson["seconds"] for lesson in lessons().values()) * ratio / 60
    relative = (f"training takes {ratio:.1f}× as long as on the reference machine" if ratio >= 1.05 else
                f"{1 / ratio:.1f}× faster than the reference machine" if ratio <= 0.95 else
                "as fast as the reference machine")
    detail = f"{relative}: running all the lessons takes about {minutes:.0f} min here" if minutes >= 1.5 else (
        f"{relative}: running all the lessons takes about {minutes * 60:.0f} s here")
    if ratio > 4:
        return False, detail, ("this laptop is very slow for the course: close other programs, plug it in "
                               "(battery saving slows the CPU), or pair with a neighbour for lessons 03-06 and 08")
    return True, detail, None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """A JupyterLab server on 127.0.0.1, started as `course.py lab` starts it (with a random token)."""

    def __init__(self):
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.log = Path(sys.prefix) / "normreg-check-lab.log"  # the running environment: .venv under course.py
        self.process = None

    def start(self) -> None:
        arguments = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
                     f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                     f"--IdentityProvider.token={self.token}", *course.lab_arguments()]
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(arguments, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL)

    def get(self, path: str, timeout: float = 5.0) -> tuple[int, bytes, dict]:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}",
                                         headers={"Authorization": f"token {self.token}"})
        opener = urllib.request.build_opener(NoRedirect, urllib.request.ProxyHandler({}))  # never via a proxy
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as err:
            return err.code, err.read(), dict(err.headers)

    def wait(self) -> float:
        """Seconds until the server answered /api/status (after start)."""
        deadline = time.perf_counter() + LAB_START_TIMEOUT_S
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise Failed(f"JupyterLab exited with status {self.process.returncode} before answering",
                             f"read {self.log}; `python3 course.py install --locked` may repair it")
            try:
                if self.get("/api/status", timeout=2)[0] == 200:
                    return time.perf_counter()
            except OSError:
                pass
            time.sleep(0.25)
        raise Failed(f"JupyterLab did not answer on 127.0.0.1:{self.port} within {LAB_START_TIMEOUT_S:.0f} s",
                     "a firewall or security program may block local connections: allow Python on "
                     f"'localhost', and read {self.log}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check_lab(server: LabServer, started: float) -> str:
    """The server answers, lists the lessons without their .py twins, serves the app, opens the start page."""
    answered = server.wait()
    status, body, _ = server.get("/api/contents")
    if status != 200:
        raise Failed(f"JupyterLab answered /api/contents with HTTP {status}", f"read {server.log}")
    names = sorted(item["name"] for item in json.loads(body)["content"])
    lessons = [n for n in names if n.endswith(".ipynb")]
    hidden_wrongly = [n for n in names if n.endswith(".py") or n.endswith(".toml") or n.endswith(".cfg")]
    from lessons import lesson_notebooks  # tools/lessons.py: the committed lessons

    if len(lessons) < len(lesson_notebooks()) or hidden_wrongly:
        raise Failed(f"the file browser shows {', '.join(names)}",
                     "restore the folder with `git checkout -- notebooks`")
    status, body, headers = server.get("/")
    target = headers.get("Location", "").split("?")[0]
    if status not in (301, 302) or not target.endswith(course.LAB_FIRST_PAGE):
        raise Failed(f"/ answered HTTP {status} to {target!r} instead of opening {course.LAB_FIRST_PAGE}",
                     "run `python3 course.py install` (it writes JupyterLab's settings)")
    status, body, _ = server.get("/lab")
    if status != 200 or b"jupyter-config-data" not in body:
        raise Failed(f"JupyterLab's page answered HTTP {status}", f"read {server.log}")
    status, body, _ = server.get("/lab/api/settings/@jupyterlab/apputils-extension:notification")
    news = json.loads(body)["schema"]["properties"]["fetchNews"]["default"] if status == 200 else None
    if news != "false":
        raise Failed(f"JupyterLab would ask about Jupyter news (fetchNews default {news!r})",
                     "run `python3 course.py install` (it writes JupyterLab's settings)")
    return (f"answered on 127.0.0.1 after {answered - started:.1f} s, showing {len(lessons)} lessons "
            f"and opening {course.LAB_FIRST_PAGE}")


def main(argv: list[str]) -> int:
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    if only == "speed":  # remeasure REFERENCE_S
        check_imports()
        times = [check_training()[1] for _ in range(3)]
        print(f"training times: {', '.join(f'{t:.2f}' for t in times)} s; median {sorted(times)[1]:.2f} s")
        return 0
    course.tolerant_output()
    start = time.perf_counter()
    server = LabServer()
    ok = True
    try:
        server.start()
        started = time.perf_counter()
        ok = run_check("Environment", check_environment) and ok
        ok = run_check("Imports", check_imports) and ok
        ok = run_check("MNIST", check_mnist) and ok
        measured = []  # the training's seconds, for the speed line

        def training() -> str:
            detail, seconds = check_training()
            measured.append(seconds)
            return detail

        ok = run_check("Training", training) and ok
        if measured:
            speed_ok, speed_detail, speed_advice = speed_line(measured[0])
            ok = report(speed_ok, "Speed", speed_detail, speed_advice) and ok
        ok = run_check("JupyterLab", check_lab, server, started) and ok
    finally:
        server.stop()
    total = time.perf_counter() - start
    if ok:
        print(f"Ready for the course (checked in {total:.0f} s). Open it with `python3 course.py lab`.")
        return 0
    print(f"Not ready: fix the {course.mark(False)} lines above (checked in {total:.0f} s), run "
          "`python3 course.py check` again, and send its output to the teacher if one stays.")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
