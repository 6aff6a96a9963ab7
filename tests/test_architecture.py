"""The shape of lkip: import contracts that fail on a layer-breaking import, the structure file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lkip.build.struktur import baca_struktur
from lkip.core.paths import PACKAGE_ROOT, notebooks_dir

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(folder / "pyproject.toml"), "--no-cache"],
        cwd=folder,
        env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )


@pytest.fixture
def salinan(tmp_path: Path) -> Path:
    """A copy of the package and its contracts, to break on purpose."""
    shutil.copytree(
        PACKAGE_ROOT / "lkip", tmp_path / "lkip", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(PACKAGE_ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_contracts_hold_on_the_package_as_it_is(salinan: Path) -> None:
    hasil = _lint_imports(salinan)
    assert hasil.returncode == 0, hasil.stdout


def _sisipkan(path: Path, baris: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + baris + "\n", encoding="utf-8")


def test_a_formula_importing_the_build_inside_a_function_breaks_the_layers(salinan: Path) -> None:
    _sisipkan(
        salinan / "lkip/formulas/capaian.py",
        "def _pintas():\n    from lkip.build import pipeline  # noqa: F401",
    )
    hasil = _lint_imports(salinan)
    assert hasil.returncode != 0
    assert "lkip.formulas is not allowed to import lkip.build" in hasil.stdout


def test_a_cycle_between_two_modules_of_one_layer_is_refused(salinan: Path) -> None:
    # lkip.reviu.hasil imports lkip.reviu.metrik; the reverse closes a cycle
    _sisipkan(salinan / "lkip/reviu/metrik.py", "from lkip.reviu import hasil  # noqa: F401")
    hasil = _lint_imports(salinan)
    assert hasil.returncode != 0
    assert "No import cycle" in hasil.stdout and "BROKEN" in hasil.stdout


def test_a_formula_drawing_a_chart_is_refused(salinan: Path) -> None:
    _sisipkan(salinan / "lkip/formulas/idm.py", "import matplotlib  # noqa: F401")
    hasil = _lint_imports(salinan)
    assert hasil.returncode != 0
    assert "lkip.formulas is not allowed to import matplotlib" in hasil.stdout


def test_the_structure_file_lists_every_chapter_notebook_once() -> None:
    struktur = baca_struktur()
    bab = {p.stem for p in notebooks_dir().glob("*.ipynb") if not p.stem.startswith("eksplorasi")}
    assert sorted(struktur.notebook) == sorted(bab)
    assert struktur.daftar_isi_setelah == struktur.notebook.index("00_pembuka") + 1
    assert all(b.membaca for b in struktur.bab)


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        (lambda t: t.replace("notebook: 05_penutup", "notebook: 01_pendahuluan"), "twice"),
        (lambda t: t.replace("notebook: 05_penutup", "notebook: 05_tutup"), "05_tutup.ipynb"),
        (lambda t: t.replace("setelah: 00_pembuka", "setelah: 00_depan"), "00_depan"),
    ],
)
def test_a_mistake_in_the_structure_file_is_named(tmp_path: Path, ubah, pesan: str) -> None:
    for nb in notebooks_dir().glob("*.ipynb"):
        shutil.copy(nb, tmp_path)
    asli = (notebooks_dir() / "struktur_laporan.yml").read_text(encoding="utf-8")
    path = tmp_path / "struktur_laporan.yml"
    path.write_text(ubah(asli), encoding="utf-8")
    with pytest.raises(ValueError, match=pesan):
        baca_struktur(path)


PANJANG_MAKS = 500


def test_no_module_is_longer_than_500_lines() -> None:
    panjang = {
        str(p.relative_to(PACKAGE_ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in (PACKAGE_ROOT / "lkip").rglob("*.py")
    }
    assert len(panjang) > 30  # the package was found
    assert {p: n for p, n in panjang.items() if n > PANJANG_MAKS} == {}


def test_the_command_line_starts_without_the_heavy_libraries() -> None:
    """A rebuild where nothing changed is decided and served by the CLI and the cache alone
    (about 0.2 s): importing ``lkip.cli`` must not load what only a real render needs."""
    berat = ("pandas", "numpy", "matplotlib", "nbformat", "nbconvert", "papermill", "weasyprint")
    kode = f"import sys, lkip.cli; print([m for m in {berat!r} if m in sys.modules])"
    hasil = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True)
    assert hasil.stdout.strip() == "[]"
