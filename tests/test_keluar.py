"""``python -m lkip`` ends without tearing its modules down (lkip/__main__.py), yet delivers
all its output, its exit status and the exit handlers registered while it ran."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from lkip.cli import KELUAR_DATA
from lkip.core.paths import PACKAGE_ROOT

SHIPPED = PACKAGE_ROOT / "data" / "raw" / "panarukan"


def _lkip(root: Path, *argumen: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"LKIP_ROOT": str(root), "LKIP_CACHE": str(root / ".cache")}
    return subprocess.run(
        [sys.executable, "-m", "lkip", *argumen], env=env, capture_output=True, text=True
    )


def test_all_output_reaches_a_pipe_and_the_status_is_kept(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "data" / "raw" / "panarukan")
    hasil = _lkip(tmp_path, "reviu", "--year", "2023", "--ketat")
    # the shipped dilaporkan.csv holds the seed's errors: a long report, then status 5
    assert hasil.returncode == 5, hasil.stderr
    baris = hasil.stdout.splitlines()
    assert len(baris) > 20 and hasil.stdout.endswith("\n")
    assert hasil.stdout == _lkip(tmp_path, "reviu", "--year", "2023").stdout


def test_an_error_status_is_kept(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "data" / "raw" / "panarukan")
    (tmp_path / "data" / "raw" / "panarukan" / "2023" / "kinerja.csv").write_text(
        "kode,indikator\n", encoding="utf-8"
    )
    hasil = _lkip(tmp_path, "validate", "--year", "2023")
    assert hasil.returncode == KELUAR_DATA
    assert "kinerja.csv" in hasil.stderr


def test_help_and_argument_errors_exit_the_usual_way(tmp_path: Path) -> None:
    bantuan = _lkip(tmp_path, "--help")
    assert bantuan.returncode == 0 and "report" in bantuan.stdout
    salah = _lkip(tmp_path, "report", "--tidak-ada")
    assert salah.returncode == 2 and "--tidak-ada" in salah.stderr


def test_handlers_registered_during_the_run_run_and_the_teardown_is_skipped(
    tmp_path: Path,
) -> None:
    """A handler registered while the command runs (as a library imported on the way would)
    runs; one registered before lkip's own, like the interpreter's teardown, does not."""
    shutil.copytree(SHIPPED, tmp_path / "data" / "raw" / "panarukan")
    awal, selama = tmp_path / "awal.txt", tmp_path / "selama.txt"
    kode = f"""
import atexit, pathlib, runpy, sys
import lkip.cli
atexit.register(pathlib.Path({str(awal)!r}).write_text, "jalan")
asli = lkip.cli.main
def main(argv=None):
    atexit.register(pathlib.Path({str(selama)!r}).write_text, "jalan")
    return asli(argv)
lkip.cli.main = main
sys.argv = ["lkip", "validate", "--year", "2023"]
runpy.run_module("lkip", run_name="__main__")
"""
    env = os.environ | {"LKIP_ROOT": str(tmp_path), "LKIP_CACHE": str(tmp_path / ".cache")}
    hasil = subprocess.run([sys.executable, "-c", kode], env=env, capture_output=True, text=True)
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout == "Data tahun 2023 valid.\n"
    assert selama.read_text(encoding="utf-8") == "jalan"
    assert not awal.exists()
