"""Ship the repository's data/mnist.npz inside the package, as course_lib/_data/mnist.npz.

pyproject.toml holds the project's metadata; this file only adds that step to setuptools'
build_py, so that a wheel, `pip install .` or any other non-editable install finds MNIST
(course_lib.data looks there). An editable install (`pip install -e .`, what course.py does)
reads data/mnist.npz from the repository instead, so nothing is copied for it.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MNIST = Path("data") / "mnist.npz"


class BuildPyWithMNIST(build_py):
    """build_py, plus data/mnist.npz copied to <build>/course_lib/_data/mnist.npz."""

    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            target = Path(self.build_lib) / "course_lib" / "_data" / MNIST.name
            self.mkpath(str(target.parent))
            self.copy_file(str(MNIST), str(target))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        extra = [] if self.editable_mode else [str(Path(self.build_lib) / "course_lib" / "_data" / MNIST.name)]
        return super().get_outputs(include_bytecode) + extra


setup(cmdclass={"build_py": BuildPyWithMNIST})
