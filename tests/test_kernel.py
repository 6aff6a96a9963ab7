"""Kernels started ahead of need: used by a chapter, then shut down, none left behind."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import psutil

from lkip.build import eksekusi as ek
from lkip.build.kernel import KernelHangat, matikan


def _kernel_anak() -> list[psutil.Process]:
    return [
        p
        for p in psutil.Process().children(recursive=True)
        if any("ipykernel" in part for part in p.cmdline())
    ]


def test_a_warm_kernel_runs_a_chapter_with_lkip_already_imported(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("tahun = None"),
        nbformat.v4.new_code_cell(
            "import os, sys\n"
            "print(os.environ['LKIP_ROOT'], 'lkip.model.laporan' in sys.modules, tahun)"
        ),
    ]
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, tmp_path / "bab.ipynb")

    hangat = KernelHangat(2, dict(os.environ, LKIP_ROOT=str(tmp_path)))
    km = hangat.ambil()
    assert km is not None and km.has_kernel
    try:
        ek.jalankan_notebook(tmp_path / "bab.ipynb", 2023, tmp_path / "keluar.ipynb", km)
    finally:
        matikan(km)
    hasil = nbformat.read(tmp_path / "keluar.ipynb", as_version=4)
    assert hasil.cells[-1].outputs[0]["text"].strip() == f"{tmp_path} True 2023"
    assert not km.has_kernel
    hangat.tutup()  # the second, unused kernel
    assert hangat.ambil() is None
    psutil.wait_procs(_kernel_anak(), timeout=10)
    assert _kernel_anak() == []
