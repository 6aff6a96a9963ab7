"""Render a year's report: validate and process the data, execute the chapters, assemble.

A run works in a staging folder next to ``outputs/<year>/`` and swaps it in only when every
step succeeded, so a failed or interrupted run leaves the last good report untouched.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import papermill

from lkip.assemble import ReportMeta, write_report
from lkip.laporan import Laporan, susun
from lkip.paths import available_years, notebooks_dir, outputs_dir, processed_dir, project_root

log = logging.getLogger(__name__)

# Chapter notebooks in report order; the Daftar Isi follows the first one (Kata Pengantar and
# Ikhtisar Eksekutif), as in the seed report.
CHAPTERS = (
    "00_pembuka",
    "01_pendahuluan",
    "02_perencanaan",
    "03_capaian_kinerja",
    "04_anggaran",
    "05_penutup",
    "06_lampiran",
)
DAFTAR_ISI_SETELAH = 1


class BabGagal(RuntimeError):
    """A chapter notebook raised; says which chapter and cell, and where the notebook is kept."""

    def __init__(self, bab: str, sel: int | None, galat: str, notebook: Path) -> None:
        self.bab, self.sel, self.galat, self.notebook = bab, sel, galat, notebook
        tempat = f"sel ke-{sel}" if sel is not None else "sel yang tidak diketahui"
        super().__init__(
            f"Bab {bab} gagal pada {tempat}: {galat}\nNotebook yang gagal disimpan di {notebook}"
        )


@dataclass(frozen=True)
class HasilRender:
    tahun: int
    folder: Path
    html: Path
    pdf: Path
    notebooks: tuple[Path, ...]


def tahun_laporan(tahun: int | None, root: Path | None = None) -> int:
    """The requested year, or the latest year with data."""
    if tahun is not None:
        return tahun
    tahun_ada = available_years(root)
    if not tahun_ada:
        raise FileNotFoundError("Belum ada folder tahun di data/raw/ (misalnya data/raw/2023/).")
    return tahun_ada[-1]


def proses(tahun: int, root: Path | None = None) -> Laporan:
    """Validate the raw files and write the processed tables the notebooks read."""
    laporan = susun(tahun, root)
    laporan.simpan(processed_dir(tahun, root))
    return laporan


def render(
    tahun: int | None = None,
    root: Path | None = None,
    lapor: Callable[[str], None] = print,
) -> HasilRender:
    """Render ``outputs/<tahun>/``: HTML, PDF and executed notebooks, or nothing at all."""
    root = (root or project_root()).resolve()
    tahun = tahun_laporan(tahun, root)
    laporan = proses(tahun, root)
    target = outputs_dir(tahun, root)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{tahun}-sedang-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the outputs are for reviewers to read
    try:
        executed = _jalankan_bab(tahun, root, staging / "notebooks", lapor)
        html, pdf = staging / f"lkip-{tahun}.html", staging / f"lkip-{tahun}.pdf"
        mulai = time.perf_counter()
        write_report(executed, _meta(laporan), html, pdf, daftar_isi_setelah=DAFTAR_ISI_SETELAH)
        lapor(f"HTML dan PDF selesai ({time.perf_counter() - mulai:.1f} dtk)")
    except BabGagal as e:
        gagal = target.parent / f"{tahun}-gagal"
        shutil.rmtree(gagal, ignore_errors=True)
        staging.rename(gagal)
        raise BabGagal(e.bab, e.sel, e.galat, gagal / "notebooks" / e.notebook.name) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _tukar(staging, target)
    return HasilRender(
        tahun=tahun,
        folder=target,
        html=target / f"lkip-{tahun}.html",
        pdf=target / f"lkip-{tahun}.pdf",
        notebooks=tuple(target / "notebooks" / p.name for p in executed),
    )


def _jalankan_bab(tahun: int, root: Path, folder: Path, lapor: Callable[[str], None]) -> list[Path]:
    folder.mkdir(parents=True)
    env_lama = os.environ.get("LKIP_ROOT")
    os.environ["LKIP_ROOT"] = str(root)  # the kernels inherit it and read this root's data
    hasil = []
    try:
        for bab in CHAPTERS:
            keluaran = folder / f"{bab}.ipynb"
            mulai = time.perf_counter()
            lapor(f"Bab {bab}: mulai")
            try:
                papermill.execute_notebook(
                    notebooks_dir() / f"{bab}.ipynb",
                    keluaran,
                    parameters={"year": tahun},
                    progress_bar=False,
                    cwd=str(notebooks_dir()),
                    kernel_name="python3",
                )
            except papermill.PapermillExecutionError as e:
                raise BabGagal(bab, e.exec_count, f"{e.ename}: {e.evalue}", keluaran) from e
            lapor(f"Bab {bab}: selesai ({time.perf_counter() - mulai:.1f} dtk)")
            hasil.append(keluaran)
    finally:
        if env_lama is None:
            os.environ.pop("LKIP_ROOT", None)
        else:
            os.environ["LKIP_ROOT"] = env_lama
    return hasil


def _meta(laporan: Laporan) -> ReportMeta:
    p = laporan.profil
    return ReportMeta(
        instansi=p["instansi"],
        kabupaten=p["kabupaten"],
        tahun=laporan.tahun,
        alamat=p.get("alamat", ""),
        motto=p.get("motto", ""),
    )


def _tukar(staging: Path, target: Path) -> None:
    """Put the new outputs in place; the old ones are removed only after the swap."""
    lama = None
    if target.exists():
        lama = target.with_name(f".{target.name}-lama-{os.getpid()}")
        target.rename(lama)
    staging.rename(target)
    if lama is not None:
        shutil.rmtree(lama, ignore_errors=True)
