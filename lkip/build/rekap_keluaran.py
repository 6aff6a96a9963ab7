"""Write the recap ``outputs/rekap/<year>/rekap-<year>.html`` and ``.pdf``.

The recap is laid out by the report's own assembler (template, stylesheet, PDF parts), so it
reads like an LKIP. It is written aside and swapped in whole, like an office's outputs.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lkip.build.kernel import Prioritas
from lkip.core.paths import folder_staging, ganti_folder, project_root, rekap_dir
from lkip.rekap import Rekap, susun_rekap

if TYPE_CHECKING:
    from lkip.build.kernel import KolamKernel


@dataclass(frozen=True)
class HasilRekap:
    rekap: Rekap
    html: Path
    pdf: Path


def nama_rekap(tahun: int) -> str:
    return f"rekap-{tahun}"


def berkas_rekap(tahun: int, root: Path | None = None) -> tuple[Path, Path]:
    """Where the recap of ``tahun`` is published: its HTML and its PDF."""
    folder, nama = rekap_dir(tahun, root), nama_rekap(tahun)
    return folder / f"{nama}.html", folder / f"{nama}.pdf"


def tulis_rekap_di(kolam: KolamKernel, tahun: int, root: Path) -> None:
    """:func:`tulis_rekap` in a kernel of ``kolam``, which has loaded WeasyPrint and
    matplotlib for the offices already (this process would take most of a second to). It
    raises what :func:`tulis_rekap` raised there, and waits for any office's work."""
    env = {"LKIP_ROOT": str(root)}  # every office's: no office of its own
    kolam.kerjakan(
        env, __name__, tulis_rekap.__name__, tahun, str(root), prioritas=Prioritas.SUSULAN
    )


def tulis_rekap(tahun: int, root: Path | str | None = None) -> HasilRekap:
    """Compute the recap of every office for ``tahun`` and write its HTML and PDF (published
    at :func:`berkas_rekap`); ``root`` may be text, so a kernel can be given the call."""
    from lkip.build.assemble import BabHtml, ReportMeta, html_rapi
    from lkip.build.pdf import write_report
    from lkip.presentation.rekap_tampil import bab_rekap

    root = Path(root or project_root()).resolve()
    rekap = susun_rekap(tahun, root)
    if not rekap.baris:
        raise FileNotFoundError(f"Tidak ada instansi dengan data tahun {tahun} di data/raw/.")
    kabupaten = next((r.kabupaten for r in rekap.ada if r.kabupaten), "")
    meta = ReportMeta(
        instansi=f"Rekapitulasi {len(rekap.baris)} Instansi",
        kabupaten=kabupaten,
        tahun=tahun,
    )
    target = rekap_dir(tahun, root)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = folder_staging(target.parent, f".{tahun}-sedang-")
    html, pdf = berkas_rekap(tahun, root)
    try:
        bab = BabHtml("rekap", html_rapi(bab_rekap(rekap, kabupaten)))
        write_report([bab], meta, staging / html.name, staging / pdf.name)
        ganti_folder(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return HasilRekap(rekap, html, pdf)
