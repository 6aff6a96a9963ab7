"""The CLI's tool commands: what the Makefile's lab, bench, clean-cache, test, fuzz,
mutation and lock targets do.

Each runs the same program as its make target, through this Python (``sys.executable -m ...``)
rather than a shell, so they work where there is no make and no POSIX shell (Windows).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from lkip.build.cache import cache_dir
from lkip.core.paths import PACKAGE_ROOT, notebooks_dir, project_root

KEPALA_LOCK = (
    "# Exact versions of every package the project installs (regenerate with 'make lock')."
)


def _jalankan(*argumen: str | Path) -> int:
    """Run ``python -m ...`` in the checkout; its exit status."""
    return subprocess.call([sys.executable, *map(str, argumen)], cwd=PACKAGE_ROOT)


def lab() -> int:
    """JupyterLab on the notebooks, with lkip importable (``make lab``)."""
    return _jalankan("-m", "jupyterlab", notebooks_dir())


def bench(argumen: Sequence[str]) -> int:
    """Time the report routes (``make bench``); ``argumen`` go to scripts/bench.py."""
    return _jalankan(PACKAGE_ROOT / "scripts" / "bench.py", *argumen)


def hapus_cache() -> Path:
    """Forget every cached chapter and PDF part (``make clean-cache``); the folder removed."""
    folder = cache_dir(project_root())
    shutil.rmtree(folder, ignore_errors=True)
    return folder


# import-linter's command (``lint-imports``), run through this Python so no script path is needed
LINT_IMPORTS = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def uji(argumen: Sequence[str]) -> int:
    """Lint, the import contracts, then the test suite (``make test``); ``argumen`` go to
    pytest."""
    return (
        _jalankan("-m", "ruff", "check", ".")
        or _jalankan("-c", LINT_IMPORTS)
        or _jalankan("-m", "pytest", *argumen)
    )


def fuzz() -> int:
    """The long fuzzing run (``make fuzz``): thousands of fresh mutated inputs."""
    lingkungan = os.environ | {"LKIP_FUZZ": "lama"}
    uji_fuzz = ["tests/test_fuzz.py", "-q", "-p", "no:cacheprovider"]
    return subprocess.call(
        [sys.executable, "-m", "pytest", *uji_fuzz], cwd=PACKAGE_ROOT, env=lingkungan
    )


def mutasi() -> int:
    """Mutation testing of the formula modules (``make mutation``, scripts/mutation.py)."""
    return _jalankan(PACKAGE_ROOT / "scripts" / "mutation.py")


def kunci_versi() -> Path:
    """Write requirements.lock from the installed packages (``make lock``)."""
    beku = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = PACKAGE_ROOT / "requirements.lock"
    path.write_text(f"{KEPALA_LOCK}\n{beku}", encoding="utf-8", newline="\n")
    return path
