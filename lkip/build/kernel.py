"""Chapter kernels started ahead of need and reused, chapter after chapter.

Starting a kernel and importing pandas, matplotlib and lkip into it takes one to two seconds of
CPU; the chapters themselves take a fraction of a second each. So a run starts a few kernels
while the main process validates and processes the data, and each kernel runs chapter after
chapter. Before each chapter the kernel is made as a new one would be: its namespace emptied,
its execution counter back at 1 (an executed notebook is the same whichever kernel ran it),
and its environment pointed at the chapter's root and office, so one pool can serve every
office of a batch (:mod:`lkip.build.batch`).
"""

from __future__ import annotations

import asyncio
import base64
import importlib
import itertools
import json
import logging
import pickle
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from enum import IntEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lkip.build.klien_kernel import ManajerKernel

log = logging.getLogger(__name__)

KERNEL = "python3"
# The kernel logs nothing to the terminal (a failing cell is reported by papermill) and keeps
# no command history on disk.
ARGUMEN = ["--IPKernelApp.log_level=CRITICAL", "--HistoryManager.enabled=False"]
# What every chapter imports first; a failure here is left for the chapter itself to report.
# Not the charts: matplotlib is a quarter of a second a kernel pays only when a chapter
# drawing one (Bab III, IV) runs in it.
IMPOR = "import " + ", ".join(
    f"lkip.{m}"
    for m in ("processed", "presentation.display", "presentation.kalimat", "presentation.tabel")
)
# A batch's kernels (lkip.build.batch) also draw every office's charts, lay its PDF out and
# write its bundle: they load matplotlib, WeasyPrint and nbconvert when they start, while the
# first offices' data is processed and they have nothing else to do.
IMPOR_BATCH = f"{IMPOR}, lkip.presentation.charts, weasyprint, lkip.build.assemble"
_TANPA_WARNA = re.compile(r"\x1b\[[0-9;]*m")  # the terminal colours in an IPython traceback
BATAS_DETIK = 60  # for a kernel to answer, and for the reset between chapters
BATAS_KERJA_DETIK = 600  # for a call given to a kernel (kerjakan): a PDF part, Word and Excel


class Prioritas(IntEnum):
    """Which work gets the next free kernel when several wait: the lowest value first.

    A PDF's parts are laid out one after another (each starts on the page the one before
    ended), so an office's layouts are the longest chain of its render and go first; then
    chapters, which the layouts wait for; then the Word and Excel copies, which only the end
    of the render waits for; last the work after an office (its bundle, the recap), which
    nothing waits for: it fills the kernels' idle moments.
    """

    TATA = 0
    BAB = 1
    KANTOR = 2
    SUSULAN = 3


class KerjaGagal(RuntimeError):
    """Code run in a kernel raised; the kernel is sound. ``asli`` is the exception itself when
    it was sent back (:func:`panggil`), else None, and the message names its type."""

    def __init__(self, pesan: str, asli: BaseException | None = None) -> None:
        super().__init__(pesan)
        self.asli = asli


class GalatTerkirim(Exception):
    """Raised in a kernel by :func:`panggil`: its message is the call's exception, pickled."""


def panggil(modul: str, fungsi: str, argumen: str) -> None:
    """What :meth:`KolamKernel.kerjakan` runs in a kernel: ``modul.fungsi(*argumen)``, the
    arguments a JSON list.

    An exception the call raises goes back pickled, as ``concurrent.futures`` sends a worker
    process's back, and the caller raises it as it was raised here: a full disk while the Word
    copy is written is the same ``OSError``, told the analyst the same way, whichever process
    wrote it. One that does not come back as itself (its type and message) is left as it is.
    """
    try:
        getattr(importlib.import_module(modul), fungsi)(*json.loads(argumen))
    except Exception as e:
        try:
            data = pickle.dumps(e)
            kembali = pickle.loads(data)
            utuh = type(kembali) is type(e) and str(kembali) == str(e)
        except Exception:
            utuh = False
        if not utuh:
            raise
        raise GalatTerkirim(base64.b64encode(data).decode("ascii")) from e


def kode_reset(env: Mapping[str, str]) -> str:
    """The code that makes a used kernel like a new one for the next chapter or piece of work
    (:meth:`KolamKernel.kerjakan` sends it with the call): ``env`` set, the user namespace
    emptied and the execution counter at 1 (``reset(new_session=True)``).
    Imported modules stay loaded: that is the point of reusing the kernel.

    What is left alive then (the modules, IPython) is frozen out of garbage collection
    (``gc.freeze``, as :mod:`lkip.core.heap` does in this process): a chapter or a PDF
    layout allocates enough to set off full collections, and each would walk the whole
    kernel's heap again, a sixth of a layout's time. The previous chapter's leftovers are
    collected first, so nothing dead is frozen; what the next one makes is collected as usual.
    What was freed goes back to the operating system (:func:`lkip.core.heap.lepas_memori`).
    """
    return (
        f"__import__('os').environ.update({json.dumps(dict(env))})\n"
        "get_ipython().reset(new_session=True)\n"
        "__import__('gc').collect()\n"
        "__import__('gc').freeze()\n"
        "__import__('lkip.core.heap', fromlist=['_']).lepas_memori()"
    )


class KolamKernel:
    """Kernels started in the background and lent out one chapter at a time.

    ``jumlah`` start at once; :meth:`siapkan` starts more when more chapters turn out to need
    running. :meth:`ambil` waits for a free kernel (:class:`Prioritas` orders the waiting)
    and prepares it; :meth:`kembalikan` gives it back after the chapter; :meth:`buang` shuts
    down one that failed; :meth:`tutup` shuts all down.
    """

    def __init__(self, jumlah: int, env: Mapping[str, str], impor: str = IMPOR) -> None:
        self._env = dict(env)
        self._impor = impor  # what each kernel imports when it starts
        self._bebas: list[ManajerKernel] = []
        self._kunci = threading.Lock()
        self._berubah = threading.Condition(self._kunci)  # a kernel freed, or a waiter left
        self._antre: list[tuple[int, int]] = []  # the waiting: (priority, arrival)
        self._datang = itertools.count()
        self._hidup = 0  # started and not shut down, lent out or free
        self._memulai = 0  # being started in the background
        self._benang: list[threading.Thread] = []
        self.siapkan(jumlah)

    def siapkan(self, jumlah: int) -> None:
        """Have at least ``jumlah`` kernels, starting the missing ones in the background."""
        with self._kunci:
            kurang = jumlah - self._hidup - self._memulai
            if kurang <= 0:
                return
            self._memulai += kurang
        benang = threading.Thread(target=self._mulai_semua, args=(kurang,), daemon=True)
        self._benang.append(benang)
        benang.start()

    def _mulai_semua(self, jumlah: int) -> None:
        async def satu() -> None:
            try:
                km = await _mulai(self._env, self._impor)
            except Exception as e:  # told, not raised: a waiting chapter starts another
                log.warning("Sebuah kernel tidak dapat disiapkan (%s); dipakai kernel lain.", e)
                with self._berubah:
                    self._memulai -= 1
                    self._berubah.notify_all()  # a waiter may have to start one itself
                return
            with self._kunci:
                self._memulai -= 1
                self._hidup += 1
            self._taruh(km)

        async def semua() -> None:
            await asyncio.gather(*(satu() for _ in range(jumlah)))

        asyncio.run(semua())

    def ambil(self, env: Mapping[str, str], prioritas: Prioritas = Prioritas.BAB) -> ManajerKernel:
        """A kernel ready for work reading with ``env``, once no work of a more urgent
        ``prioritas`` (or of the same, asked for earlier) waits; one is started now when none
        is alive or starting (every kernel failed to start or was discarded)."""
        km = self._pinjam_hidup(prioritas)
        try:
            asyncio.run(_jalankan(km, kode_reset(env)))
        except BaseException:
            self.buang(km)
            raise
        return km

    def _pinjam_hidup(self, prioritas: Prioritas) -> ManajerKernel:
        """A kernel lent for work of ``prioritas``: one that died while free (killed, out of
        memory) is shut down and another one lent instead."""
        while True:
            km, baru = self._pinjam(prioritas)
            if baru or asyncio.run(km.is_alive()):
                return km
            self.buang(km)

    def _pinjam(self, prioritas: Prioritas) -> tuple[ManajerKernel, bool]:
        tiket = (int(prioritas), next(self._datang))
        with self._berubah:
            self._antre.append(tiket)
            try:
                while True:
                    if self._bebas and tiket == min(self._antre):
                        return self._bebas.pop(), False
                    if self._hidup == 0 and self._memulai == 0:
                        self._hidup += 1  # counted now so that no other thread starts one too
                        break
                    self._berubah.wait()
            finally:
                self._antre.remove(tiket)
                self._berubah.notify_all()  # the next in line may be served now
        try:
            return asyncio.run(_mulai(self._env, self._impor)), True
        except BaseException:
            with self._berubah:
                self._hidup -= 1
                self._berubah.notify_all()
            raise

    def _taruh(self, km: ManajerKernel) -> None:
        """``km`` is free: the first in line gets it."""
        with self._berubah:
            self._bebas.append(km)
            self._berubah.notify_all()

    def kerjakan(
        self,
        env: Mapping[str, str],
        modul: str,
        fungsi: str,
        *argumen: str | int,
        prioritas: Prioritas,
    ) -> None:
        """Call ``modul.fungsi(*argumen)`` in a free kernel: another process, already warm, so
        the work is done at the same time as this process's own. Raises what the call raised
        (:func:`panggil`), or :class:`KerjaGagal` when that could not be sent back.

        The kernel is made ready for ``env`` (:func:`kode_reset`) in the same request as the
        call: one round trip instead of two, for each of the many PDF parts of a batch."""
        kode = kode_reset(env) + (
            f"\n__import__({__name__!r}, fromlist=['_']).{panggil.__name__}"
            f"({modul!r}, {fungsi!r}, {json.dumps(argumen)!r})"
        )
        km = self._pinjam_hidup(prioritas)
        try:
            asyncio.run(_jalankan(km, kode, batas=BATAS_KERJA_DETIK))
        except KerjaGagal as e:
            self.kembalikan(km)
            if e.asli is None:
                raise
            raise e.asli from None
        except BaseException:
            self.buang(km)
            raise
        self.kembalikan(km)

    @contextmanager
    def pinjam(
        self,
        env: Mapping[str, str],
        *sehat: type[BaseException],
        prioritas: Prioritas = Prioritas.BAB,
    ) -> Iterator[ManajerKernel]:
        """A kernel for one piece of work (:meth:`ambil`), given back after it, also when the
        work raised one of ``sehat`` (the work failed, the kernel is sound); shut down when
        anything else went wrong."""
        km = self.ambil(env, prioritas)
        try:
            yield km
        except sehat:
            self.kembalikan(km)
            raise
        except BaseException:
            self.buang(km)
            raise
        self.kembalikan(km)

    def kembalikan(self, km: ManajerKernel) -> None:
        """Give a kernel back after a piece of work, the clients the work connected to it
        closed."""
        km.tutup_klien()
        self._taruh(km)

    def buang(self, km: ManajerKernel) -> None:
        """Shut down a kernel that cannot be trusted any more (it died or did not answer)."""
        with self._berubah:
            self._hidup -= 1
            self._berubah.notify_all()  # a waiter may have to start one itself
        matikan(km)

    def tutup(self) -> None:
        """Shut down every kernel, all at once (each takes a tenth of a second); call when
        no chapter is running any more."""
        for benang in self._benang:
            benang.join()
        with self._kunci:
            semua, self._bebas = self._bebas, []
            self._hidup -= len(semua)
        matikan(*semua)


async def _mulai(env: Mapping[str, str], impor: str) -> ManajerKernel:
    """A started kernel with the ``impor`` done (or attempted: see ``IMPOR``)."""
    from lkip.build.klien_kernel import ManajerKernel

    km = ManajerKernel(kernel_name=KERNEL)
    await km.start_kernel(env=dict(env), extra_arguments=ARGUMEN)
    try:
        await _jalankan(km, impor, wajib=False)
    except BaseException:
        await km.shutdown_kernel(now=True)
        raise
    return km


async def _jalankan(
    km: ManajerKernel, kode: str, wajib: bool = True, batas: float = BATAS_DETIK
) -> None:
    """Run ``kode`` in the kernel outside the notebook's history, for at most ``batas``
    seconds; ``wajib``: it must succeed. Silently: the value of its last line (a call's
    result, :meth:`KolamKernel.kerjakan`) stays in the kernel, only the reply comes back."""
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=BATAS_DETIK)
        balasan = await kc.execute_interactive(kode, silent=True, timeout=batas)
        isi = balasan["content"]
        if wajib and isi["status"] != "ok":
            raise _galat(isi)
    finally:
        kc.stop_channels()


def _galat(isi: Mapping[str, Any]) -> KerjaGagal:
    """The failure an ``execute_reply``'s ``isi`` tells, with the kernel's own traceback as a
    note (for the log of an unexpected failure, :mod:`lkip.cli`) on the exception raised."""
    jenis, pesan = isi.get("ename", "Galat"), isi.get("evalue", "")
    jejak = _TANPA_WARNA.sub("", "\n".join(isi.get("traceback", [])))
    if jenis == GalatTerkirim.__name__:  # pickled by panggil, in our own kernel
        asli = pickle.loads(base64.b64decode(pesan))
        asli.add_note(jejak.replace(pesan, "…"))
        return KerjaGagal(f"{type(asli).__name__}: {asli}", asli)
    galat = KerjaGagal(f"{jenis}: {pesan}")
    galat.add_note(jejak)
    return galat


def matikan(*km: ManajerKernel) -> None:
    """Shut the kernels ``km`` down, together."""
    for k in km:
        k.tutup_klien()

    async def semua() -> None:
        await asyncio.gather(*(k.shutdown_kernel(now=True) for k in km))

    if km:
        asyncio.run(semua())
