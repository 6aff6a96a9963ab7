"""Executing the chapter notebooks: restored from the cache or run, several at a time.

Each chapter runs with papermill in a kernel lent by :class:`lkip.build.kernel.KolamKernel`
(started ahead, reused from chapter to chapter), pointed at the data of the run's root and
office. A chapter that raises ends the run as :class:`BabGagal`, naming the chapter and cell.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import TYPE_CHECKING

from lkip.build import cache as ch
from lkip.build.kernel import ARGUMEN, IMPOR, KERNEL, KolamKernel
from lkip.core.paths import ENV_INSTANSI, instansi_aktif

if TYPE_CHECKING:
    from jupyter_client import AsyncKernelManager


class BabGagal(RuntimeError):
    """A chapter notebook raised; says which chapter and cell, and where the notebook is kept."""

    def __init__(self, bab: str, sel: int | None, galat: str, notebook: Path) -> None:
        self.bab, self.sel, self.galat, self.notebook = bab, sel, galat, notebook
        tempat = f"sel ke-{sel}" if sel is not None else "sel yang tidak diketahui"
        super().__init__(
            f"Bab {bab} gagal pada {tempat}: {galat}\nNotebook yang gagal disimpan di {notebook}"
        )


def jalankan_bab(
    chapters: Sequence[str],
    sumber: Path,
    tahun: int,
    root: Path,
    folder: Path,
    kunci_bab: dict[str, str],
    cache: ch.Cache | None,
    lapor: Callable[[str], None],
    pekerja: int,
    kolam: KolamKernel,
    sesudah: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Restore the cached chapters and execute the others, ``pekerja`` at a time.

    ``chapters`` in report order, their notebooks in ``sumber``; the executed ones go to
    ``folder``, each run in a kernel lent by ``kolam``. ``sesudah`` is called with each
    chapter's executed notebook as soon as it is there (from a worker thread for a chapter
    that ran), so that what follows a chapter is done while the kernels run the others.
    """
    folder.mkdir(parents=True, exist_ok=True)
    kunci_lapor = threading.Lock()

    def lapor_aman(pesan: str) -> None:
        with kunci_lapor:
            lapor(pesan)

    jalan, dari_cache = [], []
    for bab in chapters:
        if cache is not None and cache.ambil(
            "bab", kunci_bab[bab], folder, periksa_notebook(f"{bab}.ipynb")
        ):
            lapor(f"Bab {bab}: dari cache")
            dari_cache.append(bab)
        else:
            jalan.append(bab)

    env = env_kernel(root)  # here: the office is this thread's (a context variable)
    kolam.siapkan(min(pekerja, len(jalan)))

    def satu(bab: str) -> None:
        keluaran = folder / f"{bab}.ipynb"
        mulai = time.perf_counter()
        lapor_aman(f"Bab {bab}: mulai")
        # a chapter whose cell raised leaves a sound kernel
        with kolam.pinjam(env, BabGagal) as km:
            jalankan_notebook(sumber / f"{bab}.ipynb", tahun, keluaran, km)
        lapor_aman(f"Bab {bab}: selesai ({time.perf_counter() - mulai:.1f} dtk)")
        if cache is not None:
            cache.simpan("bab", kunci_bab[bab], {keluaran.name: keluaran})
        if sesudah is not None:
            sesudah(keluaran)

    pool = ThreadPoolExecutor(max_workers=max(1, min(pekerja, len(jalan))))
    try:
        futures: dict[Future[None], str] = {pool.submit(satu, b): b for b in jalan}
        if sesudah is not None:  # the restored chapters' turn, while the others run
            for bab in dari_cache:
                sesudah(folder / f"{bab}.ipynb")
        if futures:
            wait(futures, return_when=FIRST_EXCEPTION)
        pool.shutdown(wait=True, cancel_futures=True)  # a failure stops the chapters queued
        gagal = [f for f in futures if not f.cancelled() and f.exception() is not None]
        if gagal:  # report the first failed chapter in report order
            raise min(gagal, key=lambda f: list(chapters).index(futures[f])).exception()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return [folder / f"{bab}.ipynb" for bab in chapters]


def kolam_kernel(jumlah: int, impor: str = IMPOR) -> KolamKernel:
    """Kernels for the chapters to come (each chapter tells its kernel which data to read),
    each having run ``impor``."""
    return KolamKernel(jumlah, os.environ, impor)


def env_kernel(root: Path) -> dict[str, str]:
    """What a chapter kernel needs to find the data: the root and the office."""
    return {"LKIP_ROOT": str(root), ENV_INSTANSI: instansi_aktif(root)}


def jalankan_notebook(notebook: Path, tahun: int, keluaran: Path, km: AsyncKernelManager) -> None:
    """Execute one chapter notebook with papermill in its own kernel (``km``: already started).

    nbclient runs the chapter on an event loop it makes for the calling context and never
    closes, and a render runs each chapter in a thread of its own: each left a loop and its
    descriptors to the garbage collector, which closed them in no set order and now and then
    printed a traceback doing so. The chapter runs in a context of its own, and the loop it
    leaves there is closed when the chapter ends.
    """
    import papermill

    konteks = contextvars.Context()
    try:
        konteks.run(
            papermill.execute_notebook,
            notebook,
            keluaran,
            parameters={"tahun": tahun},
            progress_bar=False,
            # written once, when the chapter ends (or a cell raises), not after every cell
            request_save_on_cell_execute=False,
            # no cwd=: papermill would os.chdir the whole process, which races between threads;
            # the notebooks read nothing relative to their folder (muat finds the data by root)
            kernel_name=KERNEL,
            extra_arguments=ARGUMEN,
            km=km,
        )
    except papermill.PapermillExecutionError as e:
        raise BabGagal(notebook.stem, e.exec_count, f"{e.ename}: {e.evalue}", keluaran) from e
    finally:
        _tutup_loop(konteks)


def _tutup_loop(konteks: contextvars.Context) -> None:
    """Close the event loop left in ``konteks``; jupyter_core also made it this thread's
    current loop, which is unset."""
    loop = [v for v in konteks.values() if isinstance(v, asyncio.AbstractEventLoop)]
    terbuka = [v for v in loop if not v.is_closed()]
    for v in terbuka:
        v.close()
    if terbuka:
        asyncio.set_event_loop(None)


def periksa_notebook(nama: str) -> ch.Periksa:
    """A cache entry's check (``ch.Periksa``): ``nama`` is a notebook."""

    def periksa(isi: Mapping[str, bytes]) -> None:
        nb = json.loads(isi[nama])
        if not isinstance(nb["cells"], list) or not isinstance(nb["metadata"], dict):
            raise ValueError("bukan notebook")

    return periksa
