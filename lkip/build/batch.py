"""Render every office that has a year: ``make report-all YEAR=2024``.

On this machine the offices render in one process, a few at a time (each in a thread with its
own office), sharing one pool of chapter kernels (:class:`lkip.build.kernel.KolamKernel`) and
the chapter and PDF cache. The kernels start once for the whole batch; they run the chapters,
write the Word and Excel copies, lay the PDFs out (:mod:`lkip.build.tata_kernel`) and write
the bundles while the process validates the next office's data, so a batch costs less than
its offices rendered one by one, in about the memory of one. What follows the offices (the
recap) reads only their processed data, so it starts in the same kernels as soon as every
office's data is processed, while the last offices are still being laid out.
Given the address of a Dask ``distributed`` scheduler the same per-office task runs on its
workers instead, each render with kernels of its own; the workers must see the same project
root (a shared file system). One office's bad data stops only that office: the batch goes on
and returns one result per office.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkip.build.kernel import Prioritas
from lkip.core.errors import pesan_galat
from lkip.core.heap import lepas_memori
from lkip.core.paths import daftar_instansi, dengan_instansi, project_root, relatif, tahun_tersedia

if TYPE_CHECKING:
    from lkip.build.kernel import KolamKernel


@dataclass(frozen=True)
class HasilInstansi:
    """How one office's render ended: where its outputs are, or what went wrong."""

    instansi: str
    berhasil: bool
    detik: float
    keterangan: str


def instansi_dengan_tahun(tahun: int, root: Path | None = None) -> list[str]:
    """The offices that have a data/raw/<instansi>/<tahun>/ folder."""
    hasil = []
    for instansi in daftar_instansi(root):
        with dengan_instansi(instansi):
            if tahun in tahun_tersedia(root):
                hasil.append(instansi)
    return hasil


def render_instansi(
    instansi: str,
    tahun: int,
    root: str,
    pekerja: int | None,
    kolam: KolamKernel | None = None,
    diproses: Callable[[], None] | None = None,
) -> HasilInstansi:
    """Render one office and its bundle; a failure of any kind is the result, not an exception.

    A module-level function of plain arguments, so a Dask worker can run it; ``kolam`` lends
    the chapter kernels (by default the render starts its own). ``diproses`` is called when
    the office's processed data is final: once processed, or when the render ended without
    processing (it failed before, or the whole report came from the cache); maybe twice.
    """
    from lkip.build.bundle import buat_bundel
    from lkip.build.eksekusi import env_kernel
    from lkip.build.pipeline import render

    mulai = time.perf_counter()
    try:
        with dengan_instansi(instansi):
            hasil = render(
                tahun, Path(root), lambda _: None, pekerja=pekerja, kolam=kolam,
                sesudah_proses=diproses,
            )  # fmt: skip
            # the reviewer's zip, linked from the portal: a shared pool's kernel writes it
            # beside this process's own work (the other offices' data, joins and attachments)
            if kolam is None:
                buat_bundel(tahun, root)
            else:
                kolam.kerjakan(
                    env_kernel(Path(root)), buat_bundel.__module__, buat_bundel.__name__,
                    tahun, root, prioritas=Prioritas.SUSULAN,
                )  # fmt: skip
        lepas_memori()  # what this office's render freed: a batch holds one office at a time
        keterangan = relatif(hasil.folder, Path(root))
        return HasilInstansi(instansi, True, time.perf_counter() - mulai, keterangan)
    except Exception as e:  # the office's problem is reported with the others'
        pesan = pesan_galat(e)  # as the CLI tells it (lkip.cli.main)
        return HasilInstansi(instansi, False, time.perf_counter() - mulai, pesan)
    finally:
        if diproses is not None:
            diproses()


def render_semua(
    tahun: int,
    root: Path | None = None,
    dask: Any = None,
    paralel: int | None = None,
    lapor: Callable[[str], None] = print,
    sesudah: Callable[[KolamKernel | None], None] | None = None,
) -> list[HasilInstansi]:
    """Render every office with ``tahun``; results in the offices' order.

    ``dask``: a scheduler address (``tcp://host:8786``) or cluster object; None renders on
    this machine, ``paralel`` offices at a time (default: the number of cores) on one kernel
    per core. ``sesudah`` is called with the batch's kernels (None on Dask) for what follows
    the offices and reads only their processed data (the recap): on this machine as soon as
    every office's data is processed, alongside the renders still going, which it shares the
    kernels with; on Dask once every office is done. It has ended when this returns.
    """
    root = (root or project_root()).resolve()
    daftar = instansi_dengan_tahun(tahun, root)
    if not daftar:
        raise FileNotFoundError(
            f"Tidak ada instansi dengan data tahun {tahun} (data/raw/<instansi>/{tahun}/)."
        )
    inti = os.cpu_count() or 1
    paralel = max(1, min(paralel or inti, len(daftar)))
    lapor(f"Merender {len(daftar)} instansi tahun {tahun}: {', '.join(daftar)}")

    def selesai(h: HasilInstansi) -> None:
        lapor(f"  {h.instansi}: {'selesai' if h.berhasil else 'GAGAL'} ({h.detik:.1f} dtk)")

    if dask is not None:
        hasil = _di_dask(dask, daftar, tahun, root, selesai)
        if sesudah is not None:
            sesudah(None)
    else:
        hasil = _di_lokal(daftar, tahun, root, paralel, inti, selesai, sesudah)
    return sorted(hasil, key=lambda h: daftar.index(h.instansi))


def _di_lokal(
    daftar: list[str],
    tahun: int,
    root: Path,
    paralel: int,
    inti: int,
    selesai: Callable[[HasilInstansi], None],
    sesudah: Callable[[KolamKernel | None], None] | None,
) -> list[HasilInstansi]:
    from lkip.build.eksekusi import kolam_kernel
    from lkip.build.kernel import IMPOR_BATCH

    kolam = kolam_kernel(inti, IMPOR_BATCH)
    diproses = {i: threading.Event() for i in daftar}
    batal = threading.Event()  # the batch was interrupted: nothing follows the offices

    def susulan() -> None:
        for e in diproses.values():
            e.wait()
        if sesudah is not None and not batal.is_set():
            sesudah(kolam)

    hasil = []
    try:
        with ThreadPoolExecutor(max_workers=paralel + 1) as pool:
            akhir = pool.submit(susulan)
            tugas = [
                pool.submit(render_instansi, i, tahun, str(root), inti, kolam, diproses[i].set)
                for i in daftar
            ]
            try:
                for f in as_completed(tugas):
                    hasil.append(f.result())
                    selesai(hasil[-1])
            except BaseException:
                batal.set()
                for e in diproses.values():
                    e.set()
                raise
            akhir.result()
    finally:
        kolam.tutup()
    return hasil


def _di_dask(
    alamat: Any,
    daftar: list[str],
    tahun: int,
    root: Path,
    selesai: Callable[[HasilInstansi], None],
) -> list[HasilInstansi]:
    """One task per office on a Dask ``distributed`` cluster; its workers' cores each."""
    from distributed import Client
    from distributed import as_completed as selesai_dask

    hasil = []
    with Client(alamat) as client:
        tugas = [
            client.submit(render_instansi, i, tahun, str(root), None, pure=False) for i in daftar
        ]
        for f in selesai_dask(tugas):
            hasil.append(f.result())
            selesai(hasil[-1])
    return hasil


def tabel_hasil(hasil: list[HasilInstansi]) -> str:
    """The closing table: instansi, status, time, outputs or the error's first line."""
    baris = [("Instansi", "Status", "Waktu", "Keluaran / galat")]
    for h in hasil:
        status = "berhasil" if h.berhasil else "GAGAL"
        keterangan = h.keterangan.splitlines()[0] if h.keterangan else ""
        baris.append((h.instansi, status, f"{h.detik:.1f} dtk", keterangan))
    lebar = [max(len(b[i]) for b in baris) for i in range(3)]
    teks = ["  ".join([*(b[i].ljust(lebar[i]) for i in range(3)), b[3]]).rstrip() for b in baris]
    teks.insert(1, "  ".join(["-" * w for w in lebar] + ["-" * 16]))
    gagal = [h for h in hasil if not h.berhasil]
    for h in gagal:
        teks += ["", f"Galat {h.instansi}:", h.keterangan]
    n = len(hasil)
    teks += ["", f"{n - len(gagal)} dari {n} instansi berhasil."]
    return "\n".join(teks)
